//! Owned XML for open content (`xs:any`, `xs:anyAttribute`, mixed content) and `xsi:nil`.

use std::sync::Arc;

use super::error::{DecodeError, DecodeErrorKind, EncodeError};
use super::reader::{Attribute, Content, InScope, StartTag, XmlReader};
use super::text::QNameRef;
use super::writer::XmlWriter;
use super::{NamespaceCollector, XmlRead, XmlWrite};

/// An element of unknown type, kept whole. The outermost `AnyElement` keeps every namespace
/// declaration in scope where it was read, so it stays namespace-well-formed on its own and
/// QName values in its content still resolve; nested elements keep their own declarations.
///
/// Equality compares names, attributes and children, not the prefix hints and declarations:
/// two elements written with different prefixes are equal.
///
/// Names are shared strings (`Arc<str>`): the reader interns them, so the elements of a
/// document that repeat a name and namespace (every field of every record) hold one copy
/// instead of three allocations each. Build one from text with `.into()`.
#[derive(Debug, Clone, Default)]
pub struct AnyElement {
    /// Namespace URI (empty for none).
    pub ns: Arc<str>,
    /// Local name.
    pub local: Arc<str>,
    /// The prefix it was read with (empty for none); a hint, the writer may choose another.
    pub prefix: Arc<str>,
    /// Namespace declarations `(prefix, uri)` written on this element (`""` = default). Shared:
    /// the outermost elements read under the same bindings hold one list.
    pub namespaces: InScope,
    /// Attributes (namespace declarations excluded).
    pub attributes: Vec<AnyAttribute>,
    /// Content in document order.
    pub children: Vec<Node>,
}

impl PartialEq for AnyElement {
    fn eq(&self, other: &Self) -> bool {
        self.ns == other.ns
            && self.local == other.local
            && self.attributes == other.attributes
            && self.children == other.children
    }
}

impl Eq for AnyElement {}

/// An attribute of unknown type.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AnyAttribute {
    /// Namespace URI (empty for none).
    pub ns: String,
    /// Local name.
    pub local: String,
    /// Decoded value.
    pub value: String,
}

/// A piece of mixed content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// Character data (decoded).
    Text(String),
    /// An element.
    Element(AnyElement),
}

/// A value of a nillable element: `xsi:nil="true"` or a value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Nillable<T> {
    /// `xsi:nil="true"`.
    #[default]
    Nil,
    /// A value.
    Value(T),
}

impl<T> Nillable<T> {
    /// The value, `None` for nil.
    pub fn as_option(&self) -> Option<&T> {
        match self {
            Self::Nil => None,
            Self::Value(v) => Some(v),
        }
    }
    /// Converts into an `Option`.
    pub fn into_option(self) -> Option<T> {
        match self {
            Self::Nil => None,
            Self::Value(v) => Some(v),
        }
    }
    /// Whether this is nil.
    pub fn is_nil(&self) -> bool {
        matches!(self, Self::Nil)
    }
}

impl<T> From<Option<T>> for Nillable<T> {
    fn from(v: Option<T>) -> Self {
        v.map_or(Self::Nil, Self::Value)
    }
}

impl<T: XmlRead> XmlRead for Nillable<T> {
    fn read_xml(r: &mut XmlReader<'_>, start: &StartTag<'_>) -> Result<Self, DecodeError> {
        if start.is_nil() {
            // A nil element has no content (comments and whitespace aside).
            let text = r.read_text()?;
            if !super::is_xml_whitespace(&text) {
                return Err(r.error_at(
                    start.offset(),
                    DecodeErrorKind::Nil("element with xsi:nil=\"true\" has content"),
                ));
            }
            Ok(Self::Nil)
        } else {
            T::read_xml(r, start).map(Self::Value)
        }
    }
}

impl<T: XmlWrite> XmlWrite for Nillable<T> {
    fn write_xml(&self, w: &mut XmlWriter, name: QNameRef<'_>) -> Result<(), EncodeError> {
        match self {
            Self::Nil => {
                w.start_element(name)?;
                w.nil()?;
                w.end_element()
            }
            Self::Value(v) => v.write_xml(w, name),
        }
    }

    fn collect_namespaces(c: &mut NamespaceCollector) {
        c.add(super::XSI_NS);
        T::collect_namespaces(c);
    }
}

impl AnyAttribute {
    /// The expanded name.
    pub fn name(&self) -> QNameRef<'_> {
        QNameRef {
            ns: &self.ns,
            local: &self.local,
        }
    }
}

impl From<&Attribute<'_, '_>> for AnyAttribute {
    fn from(a: &Attribute<'_, '_>) -> Self {
        Self {
            ns: a.name.ns.to_owned(),
            local: a.name.local.to_owned(),
            value: a.value.clone().into_owned(),
        }
    }
}

impl AnyElement {
    /// The expanded name.
    pub fn name(&self) -> QNameRef<'_> {
        QNameRef {
            ns: &self.ns,
            local: &self.local,
        }
    }

    fn read_inner(
        r: &mut XmlReader<'_>,
        start: &StartTag<'_>,
        outermost: bool,
    ) -> Result<Self, DecodeError> {
        let namespaces: InScope = if outermost {
            r.in_scope_snapshot()
        } else {
            let own: Vec<(String, String)> = r
                .declarations(start)
                .map(|(p, u)| (p.to_owned(), u.to_owned()))
                .collect();
            if own.is_empty() {
                r.empty_scope()
            } else {
                own.into()
            }
        };
        let attributes = r
            .attributes(start)
            .map(|a| AnyAttribute::from(&a))
            .collect();
        let children = read_nodes(r)?;
        Ok(Self {
            ns: r.intern(start.ns()),
            local: r.intern(start.local()),
            prefix: r.intern(start.prefix()),
            namespaces,
            attributes,
            children,
        })
    }

    /// Writes this element under its own name.
    pub fn write(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        for (p, u) in self.namespaces.iter() {
            w.declare_prefix(p, u);
        }
        w.start_element(self.name())?;
        for a in &self.attributes {
            w.attribute(a.name(), &a.value)?;
        }
        for n in &self.children {
            n.write(w)?;
        }
        w.end_element()
    }
}

impl XmlRead for AnyElement {
    fn read_xml(r: &mut XmlReader<'_>, start: &StartTag<'_>) -> Result<Self, DecodeError> {
        Self::read_inner(r, start, true)
    }
}

impl XmlWrite for AnyElement {
    /// Writes the element under its own name: an `AnyElement` carries its name.
    fn write_xml(&self, w: &mut XmlWriter, _name: QNameRef<'_>) -> Result<(), EncodeError> {
        self.write(w)
    }
}

impl Node {
    /// Writes the node.
    pub fn write(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        match self {
            Self::Text(t) => w.text(t),
            Self::Element(e) => e.write(w),
        }
    }
}

/// The content of the current element as nodes, up to and including its end tag. Adjacent
/// text pieces (text, CDATA) are merged.
pub(super) fn read_nodes(r: &mut XmlReader<'_>) -> Result<Vec<Node>, DecodeError> {
    let mut nodes = Vec::new();
    // Most open-content elements hold one text node: room for exactly one first, since `Vec`'s
    // first growth is four `Node`s (over 500 bytes) and that was most of the heap of a document
    // of `xs:any` fields.
    let push = |nodes: &mut Vec<Node>, n: Node| {
        if nodes.capacity() == 0 {
            nodes.reserve_exact(1);
        }
        nodes.push(n);
    };
    loop {
        match r.next_content()? {
            Content::Text(t) => match nodes.last_mut() {
                Some(Node::Text(prev)) => prev.push_str(&t),
                _ => push(&mut nodes, Node::Text(t.into_owned())),
            },
            Content::Start(s) => {
                let e = AnyElement::read_inner(r, &s, false)?;
                push(&mut nodes, Node::Element(e));
            }
            Content::End => return Ok(nodes),
        }
    }
}
