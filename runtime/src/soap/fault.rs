//! SOAP faults, 1.1 and 1.2, with the detail decoded into a caller-chosen type.

use std::fmt;

use super::SoapVersion;
use crate::xml::{AnyElement, NamespaceScope, PrefixScope, ValueError, XmlText};

/// A qualified name held by value: a fault code or subcode.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FaultCode {
    /// Namespace URI; empty for none.
    pub ns: String,
    /// Local part.
    pub local: String,
}

impl FaultCode {
    /// A code in namespace `ns`.
    pub fn new(ns: impl Into<String>, local: impl Into<String>) -> Self {
        Self {
            ns: ns.into(),
            local: local.into(),
        }
    }

    /// Whether this is `local` in the envelope namespace of `version` (`Client`, `Server`,
    /// `Sender`, `Receiver`, `MustUnderstand`, `VersionMismatch`...).
    pub fn is_standard(&self, version: SoapVersion, local: &str) -> bool {
        self.ns == version.envelope_ns() && self.local == local
    }
}

impl fmt::Display for FaultCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ns.is_empty() {
            f.write_str(&self.local)
        } else {
            write!(f, "{{{}}}{}", self.ns, self.local)
        }
    }
}

/// Fault codes are QNames: read with the namespaces in scope where they appear, written with a
/// prefix declared for their namespace.
impl XmlText for FaultCode {
    fn from_xml_text(text: &str) -> Result<Self, ValueError> {
        let text = text.trim();
        if text.contains(':') {
            return Err(ValueError::new("xs:QName", text)
                .with_detail("a prefixed fault code needs the namespaces in scope"));
        }
        Ok(FaultCode::new("", text))
    }

    fn write_xml_text(&self, out: &mut String) {
        out.push_str(&self.local);
    }

    fn from_xml_text_in(text: &str, scope: &dyn NamespaceScope) -> Result<Self, ValueError> {
        let text = text.trim();
        let (prefix, local) = text.split_once(':').unwrap_or(("", text));
        if local.is_empty() || local.contains(':') {
            return Err(ValueError::new("xs:QName", text));
        }
        let ns = scope.resolve_prefix(prefix).ok_or_else(|| {
            ValueError::new("xs:QName", text).with_detail(format!("undeclared prefix `{prefix}`"))
        })?;
        Ok(FaultCode::new(ns, local))
    }

    fn write_xml_text_in(&self, out: &mut String, scope: &mut dyn PrefixScope) {
        let prefix = scope.prefix_for(&self.ns);
        if !prefix.is_empty() {
            out.push_str(&prefix);
            out.push(':');
        }
        out.push_str(&self.local);
    }
}

/// Who is to blame, in version-neutral terms; mapped to `Client`/`Server` (1.1) or
/// `Sender`/`Receiver` (1.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FaultSide {
    /// The message was wrong (malformed, invalid, unknown operation).
    Sender,
    /// The message was fine; processing it failed.
    Receiver,
}

/// One detail entry: decoded into the caller's fault type, or kept whole when no variant of
/// that type matches its element name.
#[derive(Debug, Clone, PartialEq)]
pub enum DetailEntry<F> {
    /// An element of the WSDL's faults.
    Typed(F),
    /// Any other element, namespace declarations kept.
    Raw(AnyElement),
}

/// The `detail` (1.1) / `Detail` (1.2) element's children, in document order.
#[derive(Debug, Clone, PartialEq)]
pub struct Detail<F> {
    /// The entries.
    pub entries: Vec<DetailEntry<F>>,
}

impl<F> Default for Detail<F> {
    fn default() -> Self {
        Self {
            entries: Vec::new(),
        }
    }
}

impl<F> Detail<F> {
    /// The first typed entry.
    pub fn typed(&self) -> Option<&F> {
        self.entries.iter().find_map(|e| match e {
            DetailEntry::Typed(f) => Some(f),
            DetailEntry::Raw(_) => None,
        })
    }

    /// The entries no fault type matched.
    pub fn raw(&self) -> impl Iterator<Item = &AnyElement> {
        self.entries.iter().filter_map(|e| match e {
            DetailEntry::Raw(a) => Some(a),
            DetailEntry::Typed(_) => None,
        })
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// A SOAP 1.1 fault.
#[derive(Debug, Clone, PartialEq)]
pub struct Fault11<F> {
    /// `faultcode` (a QName: `soap:Client`, `soap:Server`, or an application code).
    pub code: FaultCode,
    /// `faultstring`.
    pub string: String,
    /// `faultstring/@xml:lang`.
    pub string_lang: Option<String>,
    /// `faultactor`.
    pub actor: Option<String>,
    /// `detail`, when present.
    pub detail: Option<Detail<F>>,
}

/// One `Reason/Text` of a SOAP 1.2 fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReasonText {
    /// `xml:lang` (required by SOAP 1.2).
    pub lang: String,
    /// The text.
    pub text: String,
}

/// A SOAP 1.2 fault.
#[derive(Debug, Clone, PartialEq)]
pub struct Fault12<F> {
    /// `Code/Value`: one of the standard codes (`env:Sender`, `env:Receiver`...).
    pub code: FaultCode,
    /// The `Subcode/Value` chain, outermost first.
    pub subcodes: Vec<FaultCode>,
    /// `Reason/Text`, one per language, in document order (at least one).
    pub reason: Vec<ReasonText>,
    /// `Node`.
    pub node: Option<String>,
    /// `Role`.
    pub role: Option<String>,
    /// `Detail`, when present.
    pub detail: Option<Detail<F>>,
}

/// A SOAP fault of either version.
#[derive(Debug, Clone, PartialEq)]
pub enum Fault<F> {
    /// SOAP 1.1.
    V11(Fault11<F>),
    /// SOAP 1.2.
    V12(Fault12<F>),
}

impl<F> Fault<F> {
    /// A fault of `version` blaming `side`, with `reason` in English and no detail: what a
    /// server answers for malformed input (sender) or a failed handler (receiver).
    pub fn new(version: SoapVersion, side: FaultSide, reason: impl Into<String>) -> Self {
        let local = match (version, side) {
            (SoapVersion::Soap11, FaultSide::Sender) => "Client",
            (SoapVersion::Soap11, FaultSide::Receiver) => "Server",
            (SoapVersion::Soap12, FaultSide::Sender) => "Sender",
            (SoapVersion::Soap12, FaultSide::Receiver) => "Receiver",
        };
        let code = FaultCode::new(version.envelope_ns(), local);
        match version {
            SoapVersion::Soap11 => Fault::V11(Fault11 {
                code,
                string: reason.into(),
                string_lang: None,
                actor: None,
                detail: None,
            }),
            SoapVersion::Soap12 => Fault::V12(Fault12 {
                code,
                subcodes: Vec::new(),
                reason: vec![ReasonText {
                    lang: "en".to_owned(),
                    text: reason.into(),
                }],
                node: None,
                role: None,
                detail: None,
            }),
        }
    }

    /// Adds a typed detail entry.
    pub fn with_detail(mut self, detail: F) -> Self {
        let slot = match &mut self {
            Fault::V11(f) => &mut f.detail,
            Fault::V12(f) => &mut f.detail,
        };
        slot.get_or_insert_with(Detail::default)
            .entries
            .push(DetailEntry::Typed(detail));
        self
    }

    /// The SOAP version.
    pub fn version(&self) -> SoapVersion {
        match self {
            Fault::V11(_) => SoapVersion::Soap11,
            Fault::V12(_) => SoapVersion::Soap12,
        }
    }

    /// `faultcode` / `Code/Value`.
    pub fn code(&self) -> &FaultCode {
        match self {
            Fault::V11(f) => &f.code,
            Fault::V12(f) => &f.code,
        }
    }

    /// Which side the standard code blames; `None` for an application-defined 1.1 code or
    /// `MustUnderstand`/`VersionMismatch`/`DataEncodingUnknown`.
    pub fn side(&self) -> Option<FaultSide> {
        let v = self.version();
        let code = self.code();
        if code.is_standard(v, "Client") || code.is_standard(v, "Sender") {
            Some(FaultSide::Sender)
        } else if code.is_standard(v, "Server") || code.is_standard(v, "Receiver") {
            Some(FaultSide::Receiver)
        } else {
            None
        }
    }

    /// `faultstring` / the first `Reason/Text`.
    pub fn reason(&self) -> &str {
        match self {
            Fault::V11(f) => &f.string,
            Fault::V12(f) => f.reason.first().map_or("", |r| r.text.as_str()),
        }
    }

    /// `detail` / `Detail`.
    pub fn detail(&self) -> Option<&Detail<F>> {
        match self {
            Fault::V11(f) => f.detail.as_ref(),
            Fault::V12(f) => f.detail.as_ref(),
        }
    }

    /// The first typed detail entry.
    pub fn typed_detail(&self) -> Option<&F> {
        self.detail().and_then(Detail::typed)
    }
}

impl<F> fmt::Display for Fault<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code(), self.reason())?;
        if let Fault::V12(fault) = self {
            for sub in &fault.subcodes {
                write!(f, " (subcode {sub})")?;
            }
        }
        if let Some(detail) = self.detail()
            && !detail.is_empty()
        {
            write!(f, " [{} detail entries]", detail.entries.len())?;
        }
        Ok(())
    }
}
