//! Simple-type values: the text of attributes and of simple-content elements.

use std::fmt;

/// A qualified name borrowed from static tables or from a document: namespace URI and local
/// part. An empty `ns` means "no namespace".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QNameRef<'a> {
    /// Namespace URI; empty for no namespace.
    pub ns: &'a str,
    /// Local name.
    pub local: &'a str,
}

impl<'a> QNameRef<'a> {
    /// A name in namespace `ns` (empty for none).
    pub const fn new(ns: &'a str, local: &'a str) -> Self {
        Self { ns, local }
    }
}

impl fmt::Display for QNameRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ns.is_empty() {
            f.write_str(self.local)
        } else {
            write!(f, "{{{}}}{}", self.ns, self.local)
        }
    }
}

/// A text value that does not fit its XSD type. The reader wraps it with the element path and
/// position; on its own it says what was expected and what was found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {expected} value {found:?}{}", detail.as_deref().map(|d| format!(": {d}")).unwrap_or_default())]
pub struct ValueError {
    /// The XSD type or facet that was expected, e.g. `xs:dateTime` or `enumeration of UrlType`.
    pub expected: &'static str,
    /// The offending text (truncated to a readable length by the constructor).
    pub found: String,
    /// Why it does not fit, when more can be said than "it does not parse".
    pub detail: Option<String>,
}

impl ValueError {
    /// The longest excerpt of the offending text kept in an error, so huge hostile text does not
    /// end up in logs whole.
    pub const MAX_FOUND: usize = 64;

    /// A value of type `expected` could not be read from `found`.
    pub fn new(expected: &'static str, found: &str) -> Self {
        let found = if found.len() > Self::MAX_FOUND {
            let mut end = Self::MAX_FOUND;
            while !found.is_char_boundary(end) {
                end -= 1;
            }
            format!("{}…", &found[..end])
        } else {
            found.to_owned()
        };
        Self {
            expected,
            found,
            detail: None,
        }
    }

    /// Adds why the value does not fit.
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

/// A simple type: read from and written as text (attribute values, simple content, list items).
///
/// `from_xml_text` receives the text after entity decoding and before any whitespace
/// processing: each type applies its own XSD whitespace facet (`preserve` for `xs:string`,
/// `collapse` for almost everything else).
pub trait XmlText: Sized {
    /// Parses the lexical form.
    fn from_xml_text(text: &str) -> Result<Self, ValueError>;
    /// Appends the canonical lexical form (unescaped; the writer escapes).
    fn write_xml_text(&self, out: &mut String);

    /// Parses a lexical form that may hold namespace prefixes (`xs:QName`, lists and unions of
    /// them). The reader always calls this one; only such types override it.
    fn from_xml_text_in(text: &str, scope: &dyn NamespaceScope) -> Result<Self, ValueError> {
        let _ = scope;
        Self::from_xml_text(text)
    }

    /// Writes a lexical form that may need namespace prefixes; `scope` hands out a prefix for a
    /// namespace, declaring it on the element being written when it is not yet in scope. The
    /// writer always calls this one; only QName-like types override it.
    fn write_xml_text_in(&self, out: &mut String, scope: &mut dyn PrefixScope) {
        let _ = scope;
        self.write_xml_text(out)
    }

    /// The lexical form when the value already holds it as a string (`String` and string-like
    /// types): the writer then escapes it straight into its output instead of formatting into
    /// a scratch buffer first. `None` (the default) means "call `write_xml_text_in`". When it
    /// returns `Some`, the text must be exactly what `write_xml_text` writes.
    fn as_xml_str(&self) -> Option<&str> {
        None
    }

    /// Appends the lexical form straight to the writer's output and returns `true`, for types
    /// whose form is always ASCII that needs neither escaping nor namespace prefixes (numbers,
    /// dates and times): no scratch buffer, no escaping pass. The default writes nothing and
    /// returns `false` (the writer then calls `write_xml_text_in`). When it returns `true`, the
    /// bytes must be exactly what `write_xml_text` writes.
    fn write_xml_ascii(&self, out: &mut Vec<u8>) -> bool {
        let _ = out;
        false
    }
}

/// The namespace bindings in scope where a value is read.
pub trait NamespaceScope {
    /// The namespace URI bound to `prefix` (`""` asks for the default namespace); `None` when
    /// the prefix is not declared.
    fn resolve_prefix(&self, prefix: &str) -> Option<&str>;
}

/// Prefix allocation where a value is written.
pub trait PrefixScope {
    /// A prefix bound to `ns` on the element being written, declared there if needed. The empty
    /// string means the namespace is the default namespace.
    fn prefix_for(&mut self, ns: &str) -> String;
}
