//! `xs:QName`: a name resolved by namespace URI, never by prefix.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use super::strings::is_ncname;
use super::ws;
use crate::xml::{NamespaceScope, PrefixScope, QNameRef, ValueError, XmlText};

/// The namespace the `xml` prefix is bound to in every document.
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// An `xs:QName` value: namespace URI and local name, plus the prefix it was read with as a
/// hint.
///
/// Read through [`XmlText::from_xml_text_in`] the prefix is resolved with the namespaces in
/// scope (an unprefixed name takes the default namespace, as XSD specifies for QName
/// values); written through [`XmlText::write_xml_text_in`] the writer supplies a prefix bound to
/// the URI, so the value round-trips by URI whatever prefixes each side uses. Equality and
/// hashing ignore the prefix hint. `Display`/`FromStr` use the unambiguous `{ns}local` form.
#[derive(Debug, Clone)]
pub struct QName {
    ns: String,
    local: String,
    prefix: Option<String>,
}

impl QName {
    /// A name in namespace `ns` (empty for none); `local` must be an NCName.
    pub fn new(ns: impl Into<String>, local: impl Into<String>) -> Result<Self, ValueError> {
        let local = local.into();
        if !is_ncname(&local) {
            return Err(ValueError::new("xs:QName", &local)
                .with_detail("local part must be an XML name without ':'"));
        }
        Ok(Self {
            ns: ns.into(),
            local,
            prefix: None,
        })
    }

    /// The same name with a preferred prefix, used when no writer scope is available
    /// ([`XmlText::write_xml_text`]); must be an NCName.
    pub fn with_prefix(mut self, prefix: impl Into<String>) -> Result<Self, ValueError> {
        let prefix = prefix.into();
        if !is_ncname(&prefix) {
            return Err(ValueError::new("xs:QName prefix", &prefix)
                .with_detail("must be an XML name without ':'"));
        }
        self.prefix = Some(prefix);
        Ok(self)
    }

    /// Namespace URI; empty for no namespace.
    pub fn ns(&self) -> &str {
        &self.ns
    }

    /// Local name.
    pub fn local(&self) -> &str {
        &self.local
    }

    /// The prefix the value was read or built with, if any.
    pub fn prefix_hint(&self) -> Option<&str> {
        self.prefix.as_deref()
    }

    /// Borrowed view, for matching against static names.
    pub fn as_ref(&self) -> QNameRef<'_> {
        QNameRef::new(&self.ns, &self.local)
    }

    fn parse_in(text: &str, resolve: impl Fn(&str) -> Option<String>) -> Result<Self, ValueError> {
        let t = ws::trim(text);
        let err = |d: String| ValueError::new("xs:QName", text).with_detail(d);
        let (prefix, local) = match t.split_once(':') {
            Some((p, l)) => (Some(p), l),
            None => (None, t),
        };
        if !is_ncname(local) || prefix.is_some_and(|p| !is_ncname(p)) {
            return Err(err(
                "expected prefix:local or local, each an XML name without ':'".to_owned(),
            ));
        }
        let ns = match prefix {
            Some("xml") => XML_NS.to_owned(),
            Some(p) => {
                resolve(p).ok_or_else(|| err(format!("namespace prefix {p:?} is not declared")))?
            }
            None => resolve("").unwrap_or_default(),
        };
        Ok(Self {
            ns,
            local: local.to_owned(),
            prefix: prefix.map(str::to_owned),
        })
    }
}

impl PartialEq for QName {
    fn eq(&self, other: &Self) -> bool {
        self.ns == other.ns && self.local == other.local
    }
}

impl Eq for QName {}

impl Hash for QName {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.ns.hash(state);
        self.local.hash(state);
    }
}

impl PartialEq<QNameRef<'_>> for QName {
    fn eq(&self, other: &QNameRef<'_>) -> bool {
        self.ns == other.ns && self.local == other.local
    }
}

impl From<QNameRef<'_>> for QName {
    fn from(q: QNameRef<'_>) -> Self {
        Self {
            ns: q.ns.to_owned(),
            local: q.local.to_owned(),
            prefix: None,
        }
    }
}

impl fmt::Display for QName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.as_ref(), f)
    }
}

/// Parses `{ns}local` or `local` (no namespace), the [`Display`](fmt::Display) form.
impl FromStr for QName {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.strip_prefix('{').and_then(|r| r.split_once('}')) {
            Some((ns, local)) => Self::new(ns, local),
            None if s.starts_with('{') => {
                Err(ValueError::new("xs:QName", s).with_detail("expected '}' after the namespace"))
            }
            None => Self::new("", s),
        }
    }
}

impl XmlText for QName {
    /// Without namespace bindings only unprefixed names (no namespace) and the `xml` prefix
    /// resolve; the reader calls [`XmlText::from_xml_text_in`] instead.
    fn from_xml_text(text: &str) -> Result<Self, ValueError> {
        Self::parse_in(text, |_| None)
    }

    fn from_xml_text_in(text: &str, scope: &dyn NamespaceScope) -> Result<Self, ValueError> {
        Self::parse_in(text, |p| scope.resolve_prefix(p).map(str::to_owned))
    }

    /// Without a writer scope the prefix hint is used as is: only correct where the caller
    /// knows it is bound. The writer calls [`XmlText::write_xml_text_in`] instead.
    fn write_xml_text(&self, out: &mut String) {
        if let Some(p) = &self.prefix {
            out.push_str(p);
            out.push(':');
        }
        out.push_str(&self.local);
    }

    fn write_xml_text_in(&self, out: &mut String, scope: &mut dyn PrefixScope) {
        let prefix = if self.ns == XML_NS {
            "xml".to_owned()
        } else if self.ns.is_empty() {
            String::new()
        } else {
            scope.prefix_for(&self.ns)
        };
        if !prefix.is_empty() {
            out.push_str(&prefix);
            out.push(':');
        }
        out.push_str(&self.local);
    }
}
