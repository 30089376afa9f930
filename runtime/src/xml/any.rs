//! Owned XML for open content (`xs:any`, `xs:anyAttribute`, mixed content) and `xsi:nil`.

use std::sync::Arc;

use compact_str::CompactString;

use super::error::{DecodeError, DecodeErrorKind, EncodeError};
use super::reader::{
    Attribute, Content, InScope, StartTag, XmlReader, name_start_byte, ncname_byte, ws_byte,
};
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
/// Kept small, since a document of `xs:any` records holds one per field: the name is shared
/// data (the reader hands out one [`AnyName`] per distinct name, so every field of every
/// record with the same name points to one copy), attributes are an exact-size boxed slice,
/// a single child is held in place ([`Nodes`]) and a [`Node`] is 24 bytes (a child element is
/// boxed; text is a [`CompactString`], held in place up to 24 bytes).
/// Build one with [`AnyElement::new`] and the `with_*` methods.
#[derive(Debug, Clone, Default)]
pub struct AnyElement {
    name: Arc<AnyName>,
    /// Namespace declarations `(prefix, uri)` written on this element (`""` = default). Shared:
    /// the outermost elements read under the same bindings hold one list.
    pub namespaces: InScope,
    /// Attributes (namespace declarations excluded).
    pub attributes: Box<[AnyAttribute]>,
    /// Content in document order.
    pub children: Nodes,
}

/// The content of an [`AnyElement`], in document order: a slice of [`Node`]s (it dereferences
/// to `[Node]`). One node, the text of a record's field, is held in place: a one-node slice
/// of its own was an allocation per field, a quarter of the allocations of decoding a
/// document of `xs:any` records.
#[derive(Clone, Default)]
pub struct Nodes(NodesRepr);

#[derive(Clone)]
enum NodesRepr {
    One(Node),
    Many(Box<[Node]>),
}

impl Default for NodesRepr {
    fn default() -> Self {
        Self::Many(Box::default())
    }
}

impl Nodes {
    /// Content of one node.
    pub fn one(node: Node) -> Self {
        Self(NodesRepr::One(node))
    }

    /// The nodes as a `Vec`.
    pub fn into_vec(self) -> Vec<Node> {
        match self.0 {
            NodesRepr::One(n) => vec![n],
            NodesRepr::Many(v) => v.into_vec(),
        }
    }
}

impl std::ops::Deref for Nodes {
    type Target = [Node];

    fn deref(&self) -> &[Node] {
        match &self.0 {
            NodesRepr::One(n) => std::slice::from_ref(n),
            NodesRepr::Many(v) => v,
        }
    }
}

impl std::ops::DerefMut for Nodes {
    fn deref_mut(&mut self) -> &mut [Node] {
        match &mut self.0 {
            NodesRepr::One(n) => std::slice::from_mut(n),
            NodesRepr::Many(v) => v,
        }
    }
}

// By content: one node held in place equals a slice of that node.
impl PartialEq for Nodes {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for Nodes {}

impl std::fmt::Debug for Nodes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl From<Vec<Node>> for Nodes {
    fn from(mut v: Vec<Node>) -> Self {
        if v.len() == 1
            && let Some(n) = v.pop()
        {
            return Self::one(n);
        }
        Self(NodesRepr::Many(v.into_boxed_slice()))
    }
}

impl From<Box<[Node]>> for Nodes {
    fn from(v: Box<[Node]>) -> Self {
        Self::from(v.into_vec())
    }
}

impl FromIterator<Node> for Nodes {
    fn from_iter<I: IntoIterator<Item = Node>>(iter: I) -> Self {
        Self::from(iter.into_iter().collect::<Vec<_>>())
    }
}

impl<'a> IntoIterator for &'a Nodes {
    type Item = &'a Node;
    type IntoIter = std::slice::Iter<'a, Node>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl IntoIterator for Nodes {
    type Item = Node;
    type IntoIter = std::vec::IntoIter<Node>;

    fn into_iter(self) -> Self::IntoIter {
        self.into_vec().into_iter()
    }
}

/// The name of an [`AnyElement`]: namespace URI (empty for none), local name, and the prefix
/// it was read with (empty for none; a hint, the writer may choose another).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct AnyName {
    ns: Box<str>,
    local: Box<str>,
    prefix: Box<str>,
}

impl AnyName {
    /// A name without a prefix hint.
    pub fn new(ns: &str, local: &str) -> Self {
        Self::with_prefix(ns, local, "")
    }

    /// A name with the prefix it should preferably be written with.
    pub fn with_prefix(ns: &str, local: &str, prefix: &str) -> Self {
        Self {
            ns: ns.into(),
            local: local.into(),
            prefix: prefix.into(),
        }
    }

    /// The namespace URI (empty for none).
    pub fn ns(&self) -> &str {
        &self.ns
    }

    /// The local name.
    pub fn local(&self) -> &str {
        &self.local
    }

    /// The prefix hint (empty for none).
    pub fn prefix(&self) -> &str {
        &self.prefix
    }
}

impl PartialEq for AnyElement {
    fn eq(&self, other: &Self) -> bool {
        (Arc::ptr_eq(&self.name, &other.name)
            || (self.name.ns == other.name.ns && self.name.local == other.name.local))
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
    /// Character data (decoded). Up to 24 bytes are held in place: the values of a record's
    /// fields (names, numbers, codes) then cost no allocation of their own.
    Text(CompactString),
    /// An element.
    Element(Box<AnyElement>),
}

impl From<AnyElement> for Node {
    fn from(e: AnyElement) -> Self {
        Self::Element(Box::new(e))
    }
}

impl From<String> for Node {
    fn from(t: String) -> Self {
        Self::Text(t.into())
    }
}

impl From<&str> for Node {
    fn from(t: &str) -> Self {
        Self::Text(t.into())
    }
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
    /// An element named `{ns}local`, without attributes or content.
    pub fn new(ns: &str, local: &str) -> Self {
        Self::named(Arc::new(AnyName::new(ns, local)))
    }

    /// An element of a (shared) name, without attributes or content.
    pub fn named(name: Arc<AnyName>) -> Self {
        Self {
            name,
            namespaces: InScope::default(),
            attributes: Box::default(),
            children: Nodes::default(),
        }
    }

    /// With `prefix` as the prefix hint.
    #[must_use]
    pub fn with_prefix(mut self, prefix: &str) -> Self {
        self.name = Arc::new(AnyName::with_prefix(self.ns(), self.local(), prefix));
        self
    }

    /// With `text` as its only content.
    #[must_use]
    pub fn with_text(mut self, text: impl Into<String>) -> Self {
        let text: String = text.into();
        self.children = Nodes::one(Node::Text(text.into()));
        self
    }

    /// With these children as its content.
    #[must_use]
    pub fn with_children(mut self, children: impl IntoIterator<Item = Node>) -> Self {
        self.children = children.into_iter().collect();
        self
    }

    /// With these attributes.
    #[must_use]
    pub fn with_attributes(mut self, attributes: impl IntoIterator<Item = AnyAttribute>) -> Self {
        self.attributes = attributes.into_iter().collect();
        self
    }

    /// The expanded name.
    pub fn name(&self) -> QNameRef<'_> {
        QNameRef {
            ns: &self.name.ns,
            local: &self.name.local,
        }
    }

    /// The name with its prefix hint, shared.
    pub fn any_name(&self) -> &Arc<AnyName> {
        &self.name
    }

    /// The namespace URI (empty for none).
    pub fn ns(&self) -> &str {
        &self.name.ns
    }

    /// The local name.
    pub fn local(&self) -> &str {
        &self.name.local
    }

    /// The prefix it was read with (empty for none); a hint, the writer may choose another.
    pub fn prefix(&self) -> &str {
        &self.name.prefix
    }

    /// The text content: the concatenated text children, `None` when it has element children.
    pub fn text(&self) -> Option<String> {
        let mut out = String::new();
        for n in self.children.iter() {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Element(_) => return None,
            }
        }
        Some(out)
    }

    /// The child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &AnyElement> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(&**e),
            Node::Text(_) => None,
        })
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
        let name = r.intern_name(start);
        let children = read_children(r)?;
        Ok(Self {
            name,
            namespaces,
            attributes,
            children,
        })
    }

    /// Writes this element under its own name.
    ///
    /// Of the declarations it kept, only those its content may need are written: a prefix that
    /// some text or attribute value below uses before a `:` (a QName or an XPath in content),
    /// the default namespace when some value holds a bare name (an unprefixed QName resolves
    /// through it), and a namespace of a name below that the writer has no prefix for yet.
    /// Each element of a Salesforce record kept the four declarations of the response
    /// envelope, and writing all of them tripled the size of a re-encoded response. The
    /// elements below write their own declarations as they were read.
    pub fn write(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        // One walk of the subtree per 64 declarations (one in practice), not one per
        // declaration: the checks were half the time of re-encoding a Salesforce response.
        if self.namespaces.len() <= 64 {
            let decls = &self.namespaces[..];
            let refs = self.refs(decls);
            // A leaf's only name is its own: when the one-step path finds a prefix for its
            // namespace, `can_name` would have too, so no declaration is needed for a name.
            if let Some(text) = self.leaf_content()
                && w.leaf_declaring(self.name(), chosen(decls, refs.used), text)?
            {
                return Ok(());
            }
            for (p, u) in chosen(decls, refs.needed(w)) {
                w.declare_prefix(p, u);
            }
            return self.write_rest(w);
        }
        for decls in self.namespaces.chunks(64) {
            for (p, u) in chosen(decls, self.refs(decls).needed(w)) {
                w.declare_prefix(p, u);
            }
        }
        self.write_rest(w)
    }

    /// What the subtree refers to of `decls` (at most 64 of the kept declarations).
    fn refs<'d>(&self, decls: &'d [(String, String)]) -> Refs<'d> {
        let mut refs = Refs::new(decls);
        self.visit(&mut refs);
        refs
    }

    /// An element below the one [`write`](Self::write) was called on: its own declarations,
    /// the ones the source document had on it, are written as they are (checking them too
    /// would walk the subtree again at every level, quadratic in the depth).
    fn write_nested(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        let all = self
            .namespaces
            .iter()
            .map(|(p, u)| (p.as_str(), u.as_str()));
        if let Some(text) = self.leaf_content()
            && w.leaf_declaring(self.name(), all.clone(), text)?
        {
            return Ok(());
        }
        for (p, u) in all {
            w.declare_prefix(p, u);
        }
        self.write_rest(w)
    }

    /// A leaf's content, written in one step when the writer can ([`XmlWriter::
    /// leaf_declaring`]): no attributes, and text or nothing.
    fn leaf_content(&self) -> Option<Option<&str>> {
        if !self.attributes.is_empty() {
            return None;
        }
        match &*self.children {
            [] => Some(None),
            [Node::Text(t)] => Some(Some(&**t)),
            _ => None,
        }
    }

    /// The start tag after the declarations, attributes, content and end tag.
    fn write_rest(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.start_element(self.name())?;
        for a in self.attributes.iter() {
            w.attribute(a.name(), &a.value)?;
        }
        for n in self.children.iter() {
            match n {
                Node::Text(t) => w.text(t)?,
                Node::Element(e) => e.write_nested(w)?,
            }
        }
        w.end_element()
    }

    /// Marks in `refs` what this element and everything below refer to.
    fn visit(&self, refs: &mut Refs<'_>) {
        refs.name(self.ns());
        for a in self.attributes.iter() {
            if !a.ns.is_empty() {
                refs.name(&a.ns);
            }
            refs.value(&a.value);
        }
        for n in self.children.iter() {
            match n {
                Node::Text(t) => refs.value(t),
                Node::Element(e) => e.visit(refs),
            }
        }
    }
}

/// Bit `i`: declaration `i`.
#[derive(Clone, Copy)]
struct Bits(u64);

impl Bits {
    fn bit(self, i: usize) -> bool {
        (self.0 >> i) & 1 == 1
    }
}

/// Which of up to 64 kept declarations a subtree refers to.
struct Refs<'d> {
    decls: &'d [(String, String)],
    all: u64,
    /// A value uses the prefix before a `:` (the default one: a value may be a bare QName).
    used: Bits,
    /// A name is in the namespace.
    named: Bits,
}

/// The declarations of `decls` marked in `bits`.
fn chosen(decls: &[(String, String)], bits: Bits) -> impl Iterator<Item = (&str, &str)> + Clone {
    decls
        .iter()
        .enumerate()
        .filter(move |(i, _)| bits.bit(*i))
        .map(|(_, (p, u))| (p.as_str(), u.as_str()))
}

impl<'d> Refs<'d> {
    /// The declarations to write: those a value uses, and those for a namespace of a name
    /// that the writer has no prefix for.
    fn needed(&self, w: &mut XmlWriter) -> Bits {
        let mut needed = self.used;
        for (i, (_, u)) in self.decls.iter().enumerate() {
            if self.named.bit(i) && !needed.bit(i) && !w.can_name(u) {
                needed.0 |= 1 << i;
            }
        }
        needed
    }

    fn new(decls: &'d [(String, String)]) -> Self {
        Self {
            decls,
            all: u64::MAX >> (64 - decls.len().clamp(1, 64)),
            used: Bits(0),
            named: Bits(0),
        }
    }

    fn name(&mut self, uri: &str) {
        if self.named.0 == self.all {
            return;
        }
        for (i, (_, u)) in self.decls.iter().enumerate() {
            if !self.named.bit(i) && u == uri {
                self.named.0 |= 1 << i;
            }
        }
    }

    fn value(&mut self, v: &str) {
        if self.used.0 == self.all {
            return;
        }
        let shape = ValueShape::of(v.as_bytes());
        for (i, (p, _)) in self.decls.iter().enumerate() {
            if self.used.bit(i) {
                continue;
            }
            let hit = if p.is_empty() {
                shape.bare_name
            } else {
                shape.colon && uses_prefix(v, p)
            };
            if hit {
                self.used.0 |= 1 << i;
            }
        }
    }
}

/// What the declaration checks need to know of a text or attribute value. Plain byte loops:
/// the same checks on `str` (a `char` search, a split on `char`s) decoded UTF-8, and `memchr`
/// costs more to set up than these short values take to scan; either way they took a quarter
/// of re-encoding a Salesforce response.
struct ValueShape {
    /// Some `:` in the value.
    colon: bool,
    /// The value may be a QName without a prefix, or a list of QNames with one: every
    /// whitespace-separated token a name with at most one prefix, and some token without one.
    /// (Free text, with a word that is not a name, cannot be read as QNames.)
    bare_name: bool,
}

impl ValueShape {
    /// One pass over the bytes, token by token.
    fn of(v: &[u8]) -> Self {
        let mut colon = false;
        // Some token without a prefix (every token is a name with at most one prefix, or the
        // scan stops).
        let mut bare = false;
        let mut i = 0;
        while i < v.len() {
            if ws_byte(v[i]) {
                i += 1;
                continue;
            }
            let start = i;
            // Not a list of names (a number, free text): only the colon is left to find.
            if !name_start_byte(v[i]) {
                return Self::not_names(colon, &v[i..]);
            }
            let mut colons = 0u32;
            let mut split = start;
            let mut chars = true;
            while i < v.len() && !ws_byte(v[i]) {
                if v[i] == b':' {
                    colons += 1;
                    split = i;
                } else {
                    chars &= ncname_byte(v[i]);
                }
                i += 1;
            }
            colon |= colons > 0;
            let name = chars
                && match colons {
                    0 => true,
                    1 => split > start && split + 1 < i && name_start_byte(v[split + 1]),
                    _ => false,
                };
            if !name {
                return Self::not_names(colon, &v[i..]);
            }
            bare |= colons == 0;
        }
        Self {
            colon,
            bare_name: bare,
        }
    }

    /// A value found not to be a list of names, with `rest` not scanned yet.
    fn not_names(colon: bool, rest: &[u8]) -> Self {
        Self {
            colon: colon || rest.contains(&b':'),
            bare_name: false,
        }
    }
}

/// Whether `value` has `prefix:` at the start of a name (a QName, or a step of an XPath).
fn uses_prefix(value: &str, prefix: &str) -> bool {
    let v = value.as_bytes();
    let mut from = 0;
    while let Some(i) = v[from..].iter().position(|&b| b == b':').map(|i| from + i) {
        let start = v[..i]
            .iter()
            .rposition(|&b| !ncname_byte(b))
            .map_or(0, |j| j + 1);
        if &v[start..i] == prefix.as_bytes() {
            return true;
        }
        from = i + 1;
    }
    false
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
fn read_children(r: &mut XmlReader<'_>) -> Result<Nodes, DecodeError> {
    // The usual open-content element, a field of a record: plain text and the end tag, in one
    // step (empty text is no node, as on the general path).
    if let Some(t) = r.plain_text_then_end() {
        return Ok(if t.is_empty() {
            Nodes::default()
        } else {
            Nodes::one(Node::Text(t.into()))
        });
    }
    read_nodes_general(r)
}

/// [`read_children`] as a `Vec` (mixed content).
pub(super) fn read_nodes(r: &mut XmlReader<'_>) -> Result<Vec<Node>, DecodeError> {
    read_children(r).map(Nodes::into_vec)
}

/// [`read_children`] for any content.
fn read_nodes_general(r: &mut XmlReader<'_>) -> Result<Nodes, DecodeError> {
    let mut nodes = NodesBuilder::default();
    // Text split by comments, processing instructions or CDATA sections is gathered here and
    // stored once the text ends: appending to the stored text piece by piece would copy it
    // again for every piece.
    let mut text: Option<String> = None;
    loop {
        let start = match r.next_content()? {
            Content::Text(t) => {
                match &mut text {
                    Some(prev) => prev.push_str(&t),
                    None => text = Some(t.into_owned()),
                }
                continue;
            }
            Content::Start(s) => Some(s),
            Content::End => None,
        };
        if let Some(t) = text.take() {
            nodes.push(Node::Text(t.into()));
        }
        let Some(s) = start else {
            return Ok(nodes.finish());
        };
        let e = AnyElement::read_inner(r, &s, false)?;
        nodes.push(Node::Element(Box::new(e)));
    }
}

/// Nodes as they are read. Most open-content elements hold one, which a [`Nodes`] holds in
/// place: the first is kept apart, and a `Vec` is only made for a second.
#[derive(Default)]
struct NodesBuilder {
    first: Option<Node>,
    all: Vec<Node>,
}

impl NodesBuilder {
    fn push(&mut self, n: Node) {
        if let Some(f) = self.first.take() {
            self.all.push(f);
        }
        if self.all.is_empty() {
            self.first = Some(n);
        } else {
            self.all.push(n);
        }
    }

    fn finish(self) -> Nodes {
        match self.first {
            Some(n) => Nodes::one(n),
            None => Nodes::from(self.all),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::reader::valid_name;
    use super::*;
    use crate::xml::ReadOptions;
    use crate::xml::{QNameRef, XmlRead};

    /// The one-step path for a plain text field reads what the general path reads: the same
    /// nodes, the same position after, the same errors.
    #[test]
    fn plain_text_fields_read_what_the_general_path_reads() {
        let docs = [
            "<r><a>text</a><z/></r>",
            "<r><a></a><z/></r>",
            "<r><a/><z/></r>",
            "<r><a>  </a><z/></r>",
            "<r><a>a &amp; b</a><z/></r>",
            "<r><a>x<![CDATA[y]]></a><z/></r>",
            "<r><a>x<!--c-->y</a><z/></r>",
            "<r><a>x<b>y</b>z</a><z/></r>",
            "<r><a>x\r\ny</a><z/></r>",
            "<r><a>text</b><z/></r>",
            "<r><a>text</a ><z/></r>",
            "<r><a>text</ab><z/></r>",
            "<r><a>te]]>xt</a><z/></r>",
            "<r><a>text",
        ];
        type Read = fn(&mut XmlReader<'_>) -> Result<Vec<Node>, DecodeError>;
        let run = |doc: &str, read: Read| {
            let mut r = XmlReader::new(doc, ReadOptions::default()).unwrap();
            r.root().unwrap();
            let _a = r.next_child().unwrap().unwrap();
            let nodes = read(&mut r).map_err(|e| e.to_string());
            let next = nodes
                .as_ref()
                .ok()
                .map(|_| r.next_child().map(|c| c.map(|c| c.local().to_owned())));
            (nodes, next.map(|n| n.map_err(|e| e.to_string())))
        };
        let general: Read = |r| read_nodes_general(r).map(Nodes::into_vec);
        for doc in docs {
            assert_eq!(run(doc, read_nodes), run(doc, general), "{doc}");
        }
    }

    /// One node is held in place, with no slice of its own; any other count is a slice. The
    /// two forms of the same content are equal.
    #[test]
    fn one_node_is_held_in_place() {
        let read = |doc: &str| {
            let mut r = XmlReader::new(doc, ReadOptions::default()).unwrap();
            let root = r.root().unwrap();
            AnyElement::read_xml(&mut r, &root).unwrap().children
        };
        let one = |n: &Nodes| matches!(n.0, NodesRepr::One(_));
        assert!(one(&read("<a>text</a>")));
        assert!(one(&read("<a>x &amp; y</a>")));
        assert!(one(&read("<a><b/></a>")));
        assert!(!one(&read("<a/>")));
        assert!(!one(&read("<a>x<b/>y</a>")));
        assert!(one(&read("<a>x<!--c-->y</a>")));
        let three = read("<a>x<b/>y</a>");
        assert!(
            matches!(&*three, [Node::Text(x), Node::Element(b), Node::Text(y)]
                if x == "x" && b.local() == "b" && y == "y"),
            "{three:?}"
        );
        let text = || Node::from("t");
        assert!(one(&Nodes::from(vec![text()])));
        assert!(one(&Nodes::from(Box::from([text()]))));
        assert!(one(&[text()].into_iter().collect()));
        assert!(one(&AnyElement::new("", "a").with_text("t").children));
        let many = Nodes(NodesRepr::Many(Box::from([text()])));
        assert_eq!(many, Nodes::one(text()));
        assert_ne!(many, Nodes::default());
        assert_eq!(format!("{many:?}"), format!("{:?}", Nodes::one(text())));
        let mut m = Nodes::one(text());
        m[0] = Node::from("u");
        assert_eq!(m.into_vec(), vec![Node::from("u")]);
    }

    /// A repeated `xs:any` field's list starts with room for as many elements as the last
    /// one read held, at most 32.
    #[test]
    fn an_open_content_list_starts_at_the_last_ones_length() {
        use crate::xml::__private::{offer_any_push, shrunk};
        let doc = format!("<r>{}</r>", "<a/>".repeat(40));
        let mut r = XmlReader::new(&doc, ReadOptions::default()).unwrap();
        r.root().unwrap();
        let first_capacity = |r: &mut XmlReader<'_>, hint: usize| {
            r.set_any_len_hint(hint);
            let start = r.next_child().unwrap().unwrap();
            let mut list = Vec::new();
            assert!(offer_any_push(false, &mut list, &mut None, r, &start).unwrap());
            list.capacity()
        };
        assert_eq!(first_capacity(&mut r, 3), 3);
        assert_eq!(first_capacity(&mut r, 1), 1);
        assert_eq!(first_capacity(&mut r, 100), 32);
        // No hint yet: `Vec`'s own growth.
        assert_eq!(first_capacity(&mut r, 0), 4);
        // Each element taken records the length so far: the last list's final length.
        r.set_any_len_hint(0);
        let mut list = Vec::new();
        for _ in 0..3 {
            let start = r.next_child().unwrap().unwrap();
            assert!(offer_any_push(false, &mut list, &mut None, &mut r, &start).unwrap());
        }
        assert_eq!(r.any_len_hint(), 3);
        let list = shrunk(vec![AnyElement::new("", "a"); 7]);
        assert_eq!(list.capacity(), 7);
    }

    /// The one-pass value check answers what a token split with a name check per token
    /// answers, for every string of up to five bytes over an alphabet of the cases: name
    /// starts and name bytes, what may not start a name, colons, the four spaces, other
    /// characters, a non-ASCII byte pair.
    #[test]
    fn value_shape_agrees_with_a_token_split() {
        fn reference(v: &str) -> (bool, bool) {
            let mut bare = false;
            let mut names = true;
            for t in v.split([' ', '\t', '\n', '\r']).filter(|t| !t.is_empty()) {
                match t.split_once(':') {
                    None if valid_name(t.as_bytes()) => bare = true,
                    Some((p, l)) if valid_name(p.as_bytes()) && valid_name(l.as_bytes()) => {}
                    _ => names = false,
                }
            }
            (v.contains(':'), names && bare)
        }
        let alphabet = [
            "a", "_", "1", "-", ".", ":", " ", "\t", "\n", "\r", "&", "\u{e9}",
        ];
        let mut words = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = words
                .iter()
                .filter(|w| w.chars().count() == words.last().map_or(0, |l| l.chars().count()))
                .flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}")))
                .collect();
            words.extend(longer);
        }
        assert!(words.len() > 200_000);
        for w in &words {
            let shape = ValueShape::of(w.as_bytes());
            assert_eq!((shape.colon, shape.bare_name), reference(w), "{w:?}");
        }
    }

    /// A leaf written in one step ([`XmlWriter::leaf_declaring`]) is byte for byte what the
    /// general path writes (declare, start, text, end), for leaves whose kept declarations are
    /// needed or not, already bound or not, would shadow the name's prefix or bind its
    /// namespace under another prefix; with text, without, with attributes; in writers where
    /// the name's namespace is bound, bound as the default, not bound, a declaration is
    /// pending or an `xsi:type` is set; each with the parent's start tag open and closed.
    #[test]
    fn leaves_in_one_step_write_what_the_general_path_writes() {
        let doc = r#"<r xmlns="urn:d" xmlns:a="urn:a" xmlns:b="urn:b"><a:x>word</a:x><a:x>two words 1</a:x><a:x>b:q</a:x><a:x/><a:x>a:self</a:x><a:x k="v">w</a:x><a:x>&lt;&amp;</a:x><x>w</x><n xmlns="">w</n><a:x xmlns:c="urn:c">c:w</a:x></r>"#;
        let mut r = XmlReader::new(doc, ReadOptions::default()).unwrap();
        r.root().unwrap();
        let mut leaves = Vec::new();
        while let Some(s) = r.next_child().unwrap() {
            leaves.push(AnyElement::read_xml(&mut r, &s).unwrap());
        }
        // Declarations made before the parent `a:p` starts (none: no parent), and what is
        // done after it started: a declaration (on the open parent, or pending for the leaf's
        // start tag), an `xsi:type` for the leaf.
        type Decls<'a> = &'a [(&'a str, &'a str)];
        type After = Option<fn(&mut XmlWriter)>;
        let setups: [(Option<Decls<'_>>, After); 7] = [
            (None, None),
            (Some(&[("a", "urn:a"), ("", "urn:d")]), None),
            (Some(&[("ns9", "urn:a"), ("b", "urn:other")]), None),
            (Some(&[("a", "urn:zzz"), ("p", "urn:a")]), None),
            (Some(&[("", "urn:a")]), None),
            (
                Some(&[("a", "urn:a")]),
                Some(|w| w.declare_prefix("z", "urn:z")),
            ),
            (
                Some(&[("a", "urn:a")]),
                Some(|w| w.set_xsi_type(QNameRef::new("urn:a", "T"))),
            ),
        ];
        let mut one_step = 0;
        // Each setup with the parent's start tag left open, and closed.
        for (&(before, after), close) in setups.iter().flat_map(|s| [(s, false), (s, true)]) {
            let start = |w: &mut XmlWriter| {
                if let Some(decls) = before {
                    for (p, u) in decls {
                        w.declare_prefix(p, u);
                    }
                    w.start_element(QNameRef::new("urn:a", "p")).unwrap();
                }
                if close {
                    w.text("").unwrap();
                }
                if let Some(after) = after {
                    after(w);
                }
            };
            for leaf in &leaves {
                let mut fast = XmlWriter::new();
                start(&mut fast);
                leaf.write(&mut fast).unwrap();
                let mut general = XmlWriter::new();
                start(&mut general);
                let needed = leaf.refs(&leaf.namespaces).needed(&mut general);
                let chosen = chosen(&leaf.namespaces, needed);
                for (p, u) in chosen.clone() {
                    general.declare_prefix(p, u);
                }
                leaf.write_rest(&mut general).unwrap();
                assert_eq!(
                    String::from_utf8_lossy(fast.as_bytes()),
                    String::from_utf8_lossy(general.as_bytes()),
                    "{leaf:?}, closed: {close}"
                );
                let mut probe = XmlWriter::new();
                start(&mut probe);
                if let Some(text) = leaf.leaf_content() {
                    one_step +=
                        usize::from(probe.leaf_declaring(leaf.name(), chosen, text).unwrap());
                }
            }
        }
        // Both paths were taken.
        assert!((10..50).contains(&one_step), "{one_step}");
    }
}
