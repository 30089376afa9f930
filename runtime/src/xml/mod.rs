//! Namespace-exact XML reading and writing, and the traits generated types implement.
//!
//! The contract is `docs/xml-mapping.md`. In short: [`XmlRead`] reads one element whose start
//! tag the caller has read, [`XmlWrite`] writes one element under the name it is given,
//! [`XmlRoot`] names a global element, [`XmlText`] is a simple type. Every `T: XmlText` is also
//! `XmlRead + XmlWrite` through the blanket impls below (an element whose content is the text),
//! so `#[derive(XmlText)]` types and the XSD built-ins can be element fields directly; a type
//! therefore derives either `XmlText` or `XmlRead`/`XmlWrite`, never both.

mod any;
mod error;
mod reader;
mod text;
mod writer;

use std::any::TypeId;

pub use any::{AnyAttribute, AnyElement, AnyName, Nillable, Node, Nodes};
/// The text of a [`Node`] (from `compact_str`): a `str` held in place up to 24 bytes.
pub use compact_str::CompactString;
pub use error::{DecodeError, DecodeErrorKind, EncodeError, LimitKind};
pub use reader::{
    Attribute, Content, InScope, Limits, ReadOptions, StartTag, Unknown, XML_NS, XMLNS_NS, XSI_NS,
    XmlReader, check_fixed, is_xml_char, is_xml_whitespace,
};
pub use text::{NamespaceScope, PrefixScope, QNameRef, ValueError, XmlText};
pub(crate) use writer::RESUME;
#[doc(hidden)]
pub use writer::{AttributeTag, ElementTag};
pub use writer::{XmlWriter, escape_into, to_string, to_vec, to_writer};

/// A type that reads itself from one element: the start tag has been read by the caller, the
/// implementation consumes everything up to and including the matching end tag.
pub trait XmlRead: Sized {
    /// Reads the element `start` (attributes, content, end tag).
    fn read_xml(r: &mut XmlReader<'_>, start: &StartTag<'_>) -> Result<Self, DecodeError>;
}

/// A type that writes itself as one element with the name it is given (the name belongs to the
/// field or root that holds the value, not to the type).
pub trait XmlWrite {
    /// Writes the element `name` (start tag, attributes, content, end tag).
    fn write_xml(&self, w: &mut XmlWriter, name: QNameRef<'_>) -> Result<(), EncodeError>;

    /// Adds the namespaces this type's tree can write (so a root can declare them once).
    /// Derived impls visit every field type once; the default adds nothing.
    fn collect_namespaces(c: &mut NamespaceCollector)
    where
        Self: Sized,
    {
        let _ = c;
    }

    /// [`write_xml`](Self::write_xml) under a name prepared at compile time (derived code for
    /// element fields): simple types and derived types write its tags as fixed-size copies.
    /// The default writes under `tag.name()`; an override must write the same bytes.
    #[doc(hidden)]
    #[inline]
    fn write_tagged(&self, w: &mut XmlWriter, tag: &'static ElementTag) -> Result<(), EncodeError> {
        self.write_xml(w, tag.name())
    }

    /// Whether [`write_tagged`](Self::write_tagged) is `w.start_tagged(tag)` followed by the
    /// rest of the element (derived structs), so that a start tag written ahead (a memoized
    /// envelope opening) can be followed by the rest: `write_tagged` under the writer's resume
    /// sentinel.
    #[doc(hidden)]
    const SPLITS_START: bool = false;
}

/// A global element: the name a type is read and written under when it is a document root,
/// a SOAP body payload or a header block.
pub trait XmlRoot {
    /// The element name.
    const NAME: QNameRef<'static>;
    /// Whether the element is declared `nillable="true"` (`#[xml(root, nillable)]`): such a
    /// root reads `xsi:nil` itself; on any other root `xsi:nil="true"` is an error in strict
    /// mode, as on non-nillable element fields (lax ignores it), so a nil document never reads
    /// silently as an empty value.
    const NILLABLE: bool = false;
}

/// What a content model did with a child element offered to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offer {
    /// Consumed (the child element was read whole).
    Taken,
    /// Not one of its elements; nothing consumed.
    NotMine,
    /// One of its elements, but it belongs before what was already read: the caller starts a
    /// new occurrence of the group or reports the element out of order. Nothing consumed.
    OutOfOrder,
    /// One of its single-valued elements, already read. Nothing consumed.
    Duplicate,
}

/// A content model (a sequence of child elements, a nested group, a choice) that can be
/// assembled from children offered one at a time. Derived for structs without attributes or
/// text (usable with `#[xml(flatten)]`) and for `#[xml(choice)]` enums (`#[xml(choice)]`
/// fields). Written for the derives; hand-written types rarely need it.
pub trait XmlContent: Sized {
    /// The partial value while children are read.
    type State: Default;
    /// Whether `start` is one of this model's elements (independent of state).
    fn accepts(start: &StartTag<'_>) -> bool;
    /// Offers the child element `start` (just returned by `next_child`).
    fn offer(
        state: &mut Self::State,
        r: &mut XmlReader<'_>,
        start: &StartTag<'_>,
    ) -> Result<Offer, DecodeError>;
    /// Whether anything was taken.
    fn is_started(state: &Self::State) -> bool;
    /// Completes the value: missing required elements are errors.
    fn finish(state: Self::State, r: &XmlReader<'_>) -> Result<Self, DecodeError>;
}

/// The writing half of [`XmlContent`] (derived by `#[derive(XmlWrite)]`).
pub trait XmlContentWrite {
    /// Writes the child elements.
    fn write_content(&self, w: &mut XmlWriter) -> Result<(), EncodeError>;
    /// Adds the namespaces the content can write.
    fn collect_namespaces(c: &mut NamespaceCollector)
    where
        Self: Sized,
    {
        let _ = c;
    }
}

/// Collects the namespaces of a type tree once per type (recursive types stop at the first
/// repetition).
#[derive(Debug, Default)]
pub struct NamespaceCollector {
    seen: Vec<TypeId>,
    uris: Vec<&'static str>,
}

impl NamespaceCollector {
    /// An empty collector.
    pub fn new() -> Self {
        Self::default()
    }
    /// `true` the first time `T` is visited.
    pub fn enter<T: ?Sized + 'static>(&mut self) -> bool {
        let id = TypeId::of::<T>();
        if self.seen.contains(&id) {
            false
        } else {
            self.seen.push(id);
            true
        }
    }
    /// Adds a namespace URI (empty and repeated ones are ignored).
    pub fn add(&mut self, uri: &'static str) {
        if !uri.is_empty() && !self.uris.contains(&uri) {
            self.uris.push(uri);
        }
    }
    /// The URIs in first-visit order.
    pub fn into_vec(self) -> Vec<&'static str> {
        self.uris
    }
}

/// The namespaces `T`'s tree can write, computed once per type and cached for the process:
/// what a root (or a SOAP envelope) declares up front.
pub fn root_namespaces<T: XmlWrite + 'static>() -> &'static [&'static str] {
    use std::collections::HashMap;
    use std::sync::{OnceLock, RwLock};
    type Cache = RwLock<HashMap<TypeId, &'static [&'static str]>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Cache::default);
    let id = TypeId::of::<T>();
    // A poisoned lock only means another thread panicked while inserting; the map is still valid.
    if let Some(v) = cache.read().unwrap_or_else(|e| e.into_inner()).get(&id) {
        return v;
    }
    // Leaked once per root type: the set of root types in a program is fixed and small.
    let list: &'static [&'static str] = Vec::leak(namespaces_of::<T>());
    let mut map = cache.write().unwrap_or_else(|e| e.into_inner());
    let v: &'static [&'static str] = map.entry(id).or_insert(list);
    v
}

/// The namespaces `T`'s tree can write, in deterministic order.
pub fn namespaces_of<T: XmlWrite>() -> Vec<&'static str> {
    let mut c = NamespaceCollector::new();
    T::collect_namespaces(&mut c);
    c.into_vec()
}

impl<T: XmlText> XmlRead for T {
    fn read_xml(r: &mut XmlReader<'_>, _start: &StartTag<'_>) -> Result<Self, DecodeError> {
        r.read_value()
    }
}

impl<T: XmlText> XmlWrite for T {
    fn write_xml(&self, w: &mut XmlWriter, name: QNameRef<'_>) -> Result<(), EncodeError> {
        w.simple_element(name, self)
    }

    #[inline]
    fn write_tagged(&self, w: &mut XmlWriter, tag: &'static ElementTag) -> Result<(), EncodeError> {
        w.leaf_tagged(tag, self)
    }
}

/// Reads a document whose root is `T` (checks the root name, refuses trailing content).
pub fn from_slice<T: XmlRead + XmlRoot>(
    bytes: &[u8],
    opts: &ReadOptions,
) -> Result<T, DecodeError> {
    let mut r = XmlReader::from_bytes(bytes, opts.clone())?;
    read_document(&mut r)
}

/// Reads a document whose root is `T` from a string.
pub fn from_str<T: XmlRead + XmlRoot>(s: &str, opts: &ReadOptions) -> Result<T, DecodeError> {
    let mut r = XmlReader::new(s, opts.clone())?;
    read_document(&mut r)
}

/// Reads the prolog, the root element as `T` and the epilogue.
pub fn read_document<T: XmlRead + XmlRoot>(r: &mut XmlReader<'_>) -> Result<T, DecodeError> {
    let root = r.root()?;
    if !root.matches(T::NAME) {
        return Err(r.error_at(
            root.offset(),
            DecodeErrorKind::WrongRoot {
                expected: T::NAME.to_string(),
                found: root.name().to_string(),
            },
        ));
    }
    if !T::NILLABLE {
        __private::check_not_nil(r, &root)?;
    }
    let value = T::read_xml(r, &root)?;
    r.finish()?;
    Ok(value)
}

/// Support code for derived impls. Not a stable API.
#[doc(hidden)]
pub mod __private {
    use std::borrow::Cow;

    use super::*;

    /// Stack kept free before descending one more level: one level of derived readers
    /// (`read_xml` → `offer` → `read_element`) of a wide type in a debug build fits in it.
    const RED_ZONE: usize = 128 * 1024;
    /// Levels above this depth run without checking the stack: any thread stack holds that
    /// many levels (the check costs a few percent on flat documents).
    const DIRECT_DEPTH: usize = 32;
    /// The size of each additional stack segment.
    const STACK_SEGMENT: usize = 2 * 1024 * 1024;

    /// Reads an element field; `xsi:nil` on a non-nillable element is an error in strict mode.
    /// (The stack grows on demand in [`read_children`], which every level of a derived type
    /// tree passes through.)
    #[inline]
    pub fn read_element<T: XmlRead>(
        r: &mut XmlReader<'_>,
        start: &StartTag<'_>,
        nillable: bool,
    ) -> Result<T, DecodeError> {
        if start.is_nil() && !nillable && !r.is_lax() {
            return Err(r.error_at(
                start.offset(),
                DecodeErrorKind::Nil("element is not nillable"),
            ));
        }
        T::read_xml(r, start)
    }

    /// Writes an element field under a name prepared at compile time (see [`ElementTag`]),
    /// growing the stack on demand: `max_depth` bounds memory, and no frame size can overflow
    /// the thread's stack.
    #[inline]
    pub fn write_element_tagged<T: XmlWrite>(
        v: &T,
        w: &mut XmlWriter,
        tag: &'static ElementTag,
    ) -> Result<(), EncodeError> {
        if w.depth() < DIRECT_DEPTH {
            v.write_tagged(w, tag)
        } else {
            let mut out = None;
            on_big_stack(&mut || out = Some(v.write_tagged(w, tag)));
            out.unwrap_or_else(|| v.write_tagged(w, tag))
        }
    }

    /// Runs `f` with at least [`RED_ZONE`] bytes of stack, on a new segment if needed. Not
    /// generic: `stacker::maybe_grow` and its internals are instantiated once, not once per
    /// element type of every generated crate (thousands of functions in a debug build of a
    /// large schema's bindings). The callers' `unwrap_or_else` fallbacks only run if stacker
    /// ever returned without calling `f`, which it does not.
    #[inline(never)]
    fn on_big_stack(f: &mut dyn FnMut()) {
        stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, f)
    }

    /// Reads the children of the current element, offering each to `offer` (a derived content
    /// model's `offer` on its state). Every level of a derived type tree passes here, so this
    /// is where the stack grows on demand: `max_depth` bounds memory, and a deep document of a
    /// recursive type with big (debug-build) frames cannot overflow the thread's stack. Not
    /// generic, so that neither this loop nor the stack switch is instantiated per type.
    pub fn read_children(
        r: &mut XmlReader<'_>,
        type_lax: bool,
        offer: &mut dyn FnMut(&mut XmlReader<'_>, &StartTag<'_>) -> Result<Offer, DecodeError>,
    ) -> Result<(), DecodeError> {
        while let Some(child) = r.next_child()? {
            let offered = if r.depth() < DIRECT_DEPTH {
                offer(r, &child)?
            } else {
                let mut out = None;
                on_big_stack(&mut || out = Some(offer(r, &child)));
                match out {
                    Some(o) => o?,
                    None => offer(r, &child)?,
                }
            };
            match offered {
                Offer::Taken => {}
                Offer::NotMine => {
                    if type_lax {
                        r.skip_element()?;
                    } else {
                        r.unknown_element(&child)?;
                    }
                }
                Offer::OutOfOrder => return Err(r.out_of_order(&child)),
                Offer::Duplicate => return Err(r.duplicate_element(&child)),
            }
        }
        Ok(())
    }

    // The `offer_*` and `finish_*` helpers below are the bodies the derive would otherwise
    // repeat for every field of every struct: as generic functions they are type-checked once
    // and instantiated once per field type, which cut type checking of the largest corpus
    // crate (ONVIF, ~1,700 types) by a quarter. Each returns whether the child was taken; a
    // child the field knows but cannot take now records why in `miss` (reported only if no
    // later field takes it). `late` is "the sequence is already past this field", which only
    // counts when the read is strict.

    /// Records a taken child at sequence position `i`.
    #[inline]
    pub fn taken(cursor: &mut usize, started: &mut bool, i: usize) -> Offer {
        *cursor = i;
        *started = true;
        Offer::Taken
    }

    /// Offers a child to a single-valued element field (state slot `Option<T>`).
    #[inline]
    pub fn offer_one<T: XmlRead>(
        late: bool,
        slot: &mut Option<T>,
        miss: &mut Option<Offer>,
        r: &mut XmlReader<'_>,
        start: &StartTag<'_>,
        nillable: bool,
    ) -> Result<bool, DecodeError> {
        if refused_late(late, r, miss) {
            Ok(false)
        } else if slot.is_some() {
            miss.get_or_insert(Offer::Duplicate);
            Ok(false)
        } else {
            *slot = Some(read_element::<T>(r, start, nillable)?);
            Ok(true)
        }
    }

    /// Offers a child to a repeated element field (`Vec<T>`, or `Vec<Box<T>>` with `wrap`
    /// = `Box::new`).
    #[inline]
    pub fn offer_push<T: XmlRead, V>(
        late: bool,
        slot: &mut Vec<V>,
        miss: &mut Option<Offer>,
        r: &mut XmlReader<'_>,
        start: &StartTag<'_>,
        nillable: bool,
        wrap: fn(T) -> V,
    ) -> Result<bool, DecodeError> {
        if refused_late(late, r, miss) {
            Ok(false)
        } else {
            slot.push(wrap(read_element::<T>(r, start, nillable)?));
            Ok(true)
        }
    }

    /// Offers a child to a nested content model field (a group or choice occurring once or
    /// optionally): the model's own answer, `NotMine` and `Taken` aside, becomes the miss.
    #[inline]
    pub fn offer_content<C: XmlContent>(
        late: bool,
        state: &mut C::State,
        miss: &mut Option<Offer>,
        r: &mut XmlReader<'_>,
        start: &StartTag<'_>,
    ) -> Result<bool, DecodeError> {
        if refused_late(late, r, miss) {
            return Ok(false);
        }
        settle(C::offer(state, r, start)?, miss)
    }

    /// Offers a child to a repeated content model field: a child the current occurrence
    /// cannot take (out of order, or already read) completes it and starts the next one.
    #[inline]
    pub fn offer_content_push<C: XmlContent, V>(
        late: bool,
        slot: &mut (Vec<V>, C::State),
        miss: &mut Option<Offer>,
        r: &mut XmlReader<'_>,
        start: &StartTag<'_>,
        wrap: fn(C) -> V,
    ) -> Result<bool, DecodeError> {
        if refused_late(late, r, miss) {
            return Ok(false);
        }
        let mut o = C::offer(&mut slot.1, r, start)?;
        if matches!(o, Offer::OutOfOrder | Offer::Duplicate) {
            let done = std::mem::take(&mut slot.1);
            slot.0.push(wrap(C::finish(done, r)?));
            o = C::offer(&mut slot.1, r, start)?;
        }
        settle(o, miss)
    }

    /// A strict read refuses a child whose field the sequence is already past (`late`), and
    /// records it as out of order.
    #[inline]
    fn refused_late(late: bool, r: &XmlReader<'_>, miss: &mut Option<Offer>) -> bool {
        let refused = late && !r.is_lax();
        if refused {
            miss.get_or_insert(Offer::OutOfOrder);
        }
        refused
    }

    fn settle(o: Offer, miss: &mut Option<Offer>) -> Result<bool, DecodeError> {
        match o {
            Offer::Taken => Ok(true),
            Offer::NotMine => Ok(false),
            other => {
                miss.get_or_insert(other);
                Ok(false)
            }
        }
    }

    /// The value of a required element field, or the missing-element error.
    #[inline]
    pub fn required<T>(
        v: Option<T>,
        r: &XmlReader<'_>,
        name: QNameRef<'_>,
    ) -> Result<T, DecodeError> {
        match v {
            Some(v) => Ok(v),
            None => Err(r.missing_element(name)),
        }
    }

    /// The value of a required attribute, or the missing-attribute error.
    #[inline]
    pub fn required_attribute<T>(
        v: Option<T>,
        r: &XmlReader<'_>,
        start: &StartTag<'_>,
        name: QNameRef<'_>,
    ) -> Result<T, DecodeError> {
        match v {
            Some(v) => Ok(v),
            None => Err(r.missing_attribute(start, name)),
        }
    }

    /// Completes an optional nested content model: `None` if none of its elements came.
    #[inline]
    pub fn finish_opt<C: XmlContent>(
        state: C::State,
        r: &XmlReader<'_>,
    ) -> Result<Option<C>, DecodeError> {
        if C::is_started(&state) {
            C::finish(state, r).map(Some)
        } else {
            Ok(None)
        }
    }

    /// Completes a repeated nested content model: the finished occurrences and the current
    /// one, if started.
    #[inline]
    pub fn finish_push<C: XmlContent, V>(
        slot: (Vec<V>, C::State),
        r: &XmlReader<'_>,
        wrap: fn(C) -> V,
    ) -> Result<Vec<V>, DecodeError> {
        let (mut all, cur) = slot;
        if C::is_started(&cur) {
            all.push(wrap(C::finish(cur, r)?));
        }
        Ok(all)
    }

    /// Writes an optional element field (`Option<T>` or `Option<Box<T>>`).
    #[inline]
    pub fn write_opt_tagged<T: XmlWrite, B: std::borrow::Borrow<T>>(
        v: &Option<B>,
        w: &mut XmlWriter,
        tag: &'static ElementTag,
    ) -> Result<(), EncodeError> {
        match v {
            Some(v) => write_element_tagged::<T>(v.borrow(), w, tag),
            None => Ok(()),
        }
    }

    /// Writes a repeated element field (`Vec<T>` or `Vec<Box<T>>`).
    #[inline]
    pub fn write_each_tagged<T: XmlWrite, B: std::borrow::Borrow<T>>(
        v: &[B],
        w: &mut XmlWriter,
        tag: &'static ElementTag,
    ) -> Result<(), EncodeError> {
        for v in v {
            write_element_tagged::<T>(v.borrow(), w, tag)?;
        }
        Ok(())
    }

    /// Writes an optional attribute.
    #[inline]
    pub fn write_attribute_opt<T: XmlText>(
        w: &mut XmlWriter,
        tag: &'static AttributeTag,
        v: &Option<T>,
    ) -> Result<(), EncodeError> {
        match v {
            Some(v) => w.attribute_tagged(tag, v),
            None => Ok(()),
        }
    }

    /// Writes the attributes an `xs:anyAttribute` field kept.
    pub fn write_any_attributes(w: &mut XmlWriter, v: &[AnyAttribute]) -> Result<(), EncodeError> {
        for a in v {
            w.attribute(a.name(), &a.value)?;
        }
        Ok(())
    }

    /// Writes the elements an `xs:any` field kept.
    pub fn write_any_each(v: &[AnyElement], w: &mut XmlWriter) -> Result<(), EncodeError> {
        for e in v {
            e.write(w)?;
        }
        Ok(())
    }

    /// Offers a child to a repeated `xs:any` field. Its first element allocates room for as
    /// many as the last such list held (at most 32): a query's records hold the same fields.
    /// Each element taken records the list's length so far, so the hint is the last list's
    /// final length without a step at its end.
    #[inline]
    pub fn offer_any_push(
        late: bool,
        slot: &mut Vec<AnyElement>,
        miss: &mut Option<Offer>,
        r: &mut XmlReader<'_>,
        start: &StartTag<'_>,
    ) -> Result<bool, DecodeError> {
        // Capped: after one long list, every short one would first allocate for its length.
        // Room taken for a child then refused as out of order is given back by `shrunk`.
        if slot.capacity() == 0 {
            slot.reserve_exact(r.any_len_hint().min(32));
        }
        let taken = offer_push(late, slot, miss, r, start, true, std::convert::identity)?;
        r.set_any_len_hint(slot.len());
        Ok(taken)
    }

    /// The elements an `xs:any` field read, without the spare capacity of their growth:
    /// the spare slots were a quarter of the heap of a document of `xs:any` records.
    pub fn shrunk(mut v: Vec<AnyElement>) -> Vec<AnyElement> {
        v.shrink_to_fit();
        v
    }

    /// Writes an optional nested content model.
    #[inline]
    pub fn write_content_opt<C: XmlContentWrite, B: std::borrow::Borrow<C>>(
        v: &Option<B>,
        w: &mut XmlWriter,
    ) -> Result<(), EncodeError> {
        match v {
            Some(v) => v.borrow().write_content(w),
            None => Ok(()),
        }
    }

    /// Writes a repeated nested content model.
    #[inline]
    pub fn write_content_each<C: XmlContentWrite, B: std::borrow::Borrow<C>>(
        v: &[B],
        w: &mut XmlWriter,
    ) -> Result<(), EncodeError> {
        for v in v {
            v.borrow().write_content(w)?;
        }
        Ok(())
    }

    /// Reads an element whose whole content is the model `C`.
    pub fn read_content_element<C: XmlContent>(
        r: &mut XmlReader<'_>,
        type_lax: bool,
    ) -> Result<C, DecodeError> {
        let mut st = C::State::default();
        read_children(r, type_lax, &mut |r, child| C::offer(&mut st, r, child))?;
        C::finish(st, r)
    }

    /// Checks attributes of an element without attribute fields.
    pub fn no_attributes(
        r: &XmlReader<'_>,
        start: &StartTag<'_>,
        type_lax: bool,
    ) -> Result<(), DecodeError> {
        if type_lax {
            return Ok(());
        }
        for a in r.attributes(start) {
            r.unknown_attribute(&a)?;
        }
        Ok(())
    }

    /// Parses an attribute value.
    #[inline]
    pub fn attr_value<T: XmlText>(
        r: &XmlReader<'_>,
        a: &Attribute<'_, '_>,
    ) -> Result<T, DecodeError> {
        T::from_xml_text_in(&a.value, r).map_err(|e| r.attribute_error(a, e))
    }

    /// Parses an attribute value that must equal the fixed value.
    pub fn attr_fixed<T: XmlText>(
        r: &XmlReader<'_>,
        a: &Attribute<'_, '_>,
        fixed: &str,
    ) -> Result<T, DecodeError> {
        let v: T = attr_value(r, a)?;
        check_fixed(&v, fixed).map_err(|k| r.error_at(a.offset, k))?;
        Ok(v)
    }

    /// The value of an absent attribute with a default or fixed value.
    pub fn attr_literal<T: XmlText>(
        r: &XmlReader<'_>,
        start: &StartTag<'_>,
        name: QNameRef<'_>,
        lit: &str,
    ) -> Result<T, DecodeError> {
        T::from_xml_text_in(lit, r).map_err(|e| r.attribute_value_error(start, name, e))
    }

    /// Whether namespace `ns` satisfies an `xs:any` namespace constraint (`##any`, `##other`,
    /// `##local`, `##targetNamespace`, or a space-separated list of these and URIs).
    pub fn ns_matches(constraint: &str, target: &str, ns: &str) -> bool {
        // The usual single keywords without the tokenizing iterator (it was 6 % of reading a
        // document of `xs:any` fields).
        match constraint {
            "##any" => return true,
            "##other" => return !ns.is_empty() && ns != target,
            // One URI, the element's own (a list would hold whitespace; the test flags every
            // byte up to the space, a superset, without stopping early so it vectorizes).
            c if c == ns
                && !c.starts_with("##")
                && !c.bytes().fold(false, |ws, b| ws | (b <= b' ')) =>
            {
                return true;
            }
            _ => {}
        }
        constraint.split_ascii_whitespace().any(|c| match c {
            "##any" => true,
            "##other" => !ns.is_empty() && ns != target,
            "##local" => ns.is_empty(),
            "##targetNamespace" => ns == target,
            uri => uri == ns,
        })
    }

    /// Reads mixed content as nodes.
    pub fn read_nodes(r: &mut XmlReader<'_>) -> Result<Vec<Node>, DecodeError> {
        any::read_nodes(r)
    }

    /// XSD `collapse` whitespace processing.
    pub fn collapse(text: &str) -> Cow<'_, str> {
        let ws = |c: &u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r');
        let b = text.as_bytes();
        // Trimmed by bytes (the trimmed characters are ASCII, so both ends are character
        // boundaries) and checked in one pass: enumeration values are collapsed on every read.
        let s = b.iter().position(|c| !ws(c)).unwrap_or(b.len());
        let e = b.iter().rposition(|c| !ws(c)).map_or(s, |i| i + 1);
        let t = &text[s..e];
        let mut space = false;
        let needs = t.as_bytes().iter().any(|&c| match c {
            b' ' => std::mem::replace(&mut space, true),
            b'\t' | b'\n' | b'\r' => true,
            _ => {
                space = false;
                false
            }
        });
        if !needs {
            return Cow::Borrowed(t);
        }
        let mut out = String::with_capacity(t.len());
        for (i, part) in t
            .split([' ', '\t', '\n', '\r'])
            .filter(|p| !p.is_empty())
            .enumerate()
        {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(part);
        }
        Cow::Owned(out)
    }

    /// Splits an `xs:list` lexical form into items.
    pub fn list_items(text: &str) -> impl Iterator<Item = &str> {
        text.split([' ', '\t', '\n', '\r'])
            .filter(|p| !p.is_empty())
    }

    /// Digits of a decimal lexical form: (total digits, fraction digits), per XSD (leading and
    /// trailing zeros not significant).
    pub fn digits(text: &str) -> (u32, u32) {
        let t = text.trim().trim_start_matches(['+', '-']);
        let (int, frac) = t.split_once('.').unwrap_or((t, ""));
        let int = int.trim_start_matches('0');
        let frac = frac.trim_end_matches('0');
        let total = (int.len() + frac.len()).max(1);
        (total as u32, frac.len() as u32)
    }

    /// The canonical text of a value, borrowed when the value holds it (facets are checked on
    /// every read: a copy per check was two allocations per record id).
    pub fn canonical<T: XmlText>(v: &T) -> Cow<'_, str> {
        match v.as_xml_str() {
            Some(s) => Cow::Borrowed(s),
            None => {
                let mut s = String::new();
                v.write_xml_text(&mut s);
                Cow::Owned(s)
            }
        }
    }

    pub use regex::Regex;

    /// Compiles a pattern facet. The derive validated the pattern with `regex-syntax` at compile
    /// time; a pattern that still fails to build (size limits) matches nothing rather than
    /// panicking.
    pub fn regex(pattern: &str) -> Regex {
        Regex::new(pattern).unwrap_or_else(|_| {
            Regex::new("[^\\s\\S]").unwrap_or_else(|_| unreachable!("constant pattern"))
        })
    }

    /// A facet violation.
    pub fn facet_error(expected: &'static str, v: &str, detail: String) -> ValueError {
        ValueError::new(expected, v).with_detail(detail)
    }

    /// Element fields and choice variants with a schema `default`/`fixed`: a simple type reads
    /// its text with them; `#[derive(XmlRead)]` implements it for structs with a `text` field
    /// (simple content), applying them to the text while attributes are read as usual.
    pub trait ReadDefaulted: Sized {
        /// Reads the element `start`; empty text takes `default`, `fixed` is checked.
        fn read_defaulted(
            r: &mut XmlReader<'_>,
            start: &StartTag<'_>,
            default: Option<&str>,
            fixed: Option<&str>,
        ) -> Result<Self, DecodeError>;
    }

    impl<T: XmlText> ReadDefaulted for T {
        #[inline]
        fn read_defaulted(
            r: &mut XmlReader<'_>,
            _start: &StartTag<'_>,
            default: Option<&str>,
            fixed: Option<&str>,
        ) -> Result<Self, DecodeError> {
            r.read_value_with(default, fixed)
        }
    }

    /// A nillable element with a default: `xsi:nil="true"` is `Nil` (no content allowed), an
    /// empty element without it takes the default.
    impl<T: ReadDefaulted> ReadDefaulted for Nillable<T> {
        fn read_defaulted(
            r: &mut XmlReader<'_>,
            start: &StartTag<'_>,
            default: Option<&str>,
            fixed: Option<&str>,
        ) -> Result<Self, DecodeError> {
            if !start.is_nil() {
                return T::read_defaulted(r, start, default, fixed).map(Self::Value);
            }
            let text = r.read_text()?;
            if !is_xml_whitespace(&text) {
                return Err(r.error_at(
                    start.offset(),
                    DecodeErrorKind::Nil("element with xsi:nil=\"true\" has content"),
                ));
            }
            Ok(Self::Nil)
        }
    }

    /// `xsi:nil="true"` on an element that is not nillable: an error in strict mode (the
    /// check [`read_element`] makes, for reads that go through [`ReadDefaulted`]).
    #[inline]
    pub fn check_not_nil(r: &XmlReader<'_>, start: &StartTag<'_>) -> Result<(), DecodeError> {
        if start.is_nil() && !r.is_lax() {
            return Err(r.error_at(
                start.offset(),
                DecodeErrorKind::Nil("element is not nillable"),
            ));
        }
        Ok(())
    }

    /// SOAP 1.1 encoded arrays (`#[xml(array_rank = N)]`), after the members were read: the
    /// size part of `soapenc:arrayType` (the last bracket group of `xsd:int[2,3]` or
    /// `xsd:int[][2]`) must have `rank` dimensions, and when every size is given the members
    /// fill it exactly (with `soapenc:offset="[k]"`, a partially transmitted array: at most
    /// the rest after `k`). Lax reads skip the check.
    pub fn check_array_size(
        r: &XmlReader<'_>,
        array_type: Option<&str>,
        offset: Option<&str>,
        rank: usize,
        count: usize,
    ) -> Result<(), DecodeError> {
        let Some(array_type) = array_type else {
            return Ok(());
        };
        if r.is_lax() {
            return Ok(());
        }
        let fail = |detail: String| {
            r.content_error(DecodeErrorKind::Value(
                ValueError::new("soapenc:arrayType", array_type).with_detail(detail),
            ))
        };
        let size = crate::types::ArrayType::size_of_text(array_type)
            .map_err(|e| fail(e.detail.unwrap_or_default()))?;
        if size.rank() != rank {
            return Err(fail(format!(
                "{} dimension(s), the schema declares {rank}",
                size.rank()
            )));
        }
        // Sizes left open (`[,]`): nothing to count against.
        let Some(total) = size.total() else {
            return Ok(());
        };
        let sizes: Vec<u64> = size.sizes().iter().flatten().copied().collect();
        // The offset is a position (`[1,2]`): its row-major index is what was skipped.
        let skipped = match offset {
            Some(o) => {
                let parts = o
                    .parse::<crate::types::ArrayDims>()
                    .ok()
                    .filter(|p| p.rank() == rank && p.total().is_some())
                    .ok_or_else(|| fail(format!("bad soapenc:offset `{o}`")))?;
                let mut index: u64 = 0;
                for (p, d) in parts.sizes().iter().flatten().zip(&sizes) {
                    index = index.saturating_mul(*d).saturating_add(*p);
                }
                index
            }
            None => 0,
        };
        let count = u64::try_from(count).unwrap_or(u64::MAX);
        let fits = if offset.is_some() {
            count <= total.saturating_sub(skipped)
        } else {
            count == total
        };
        if fits {
            Ok(())
        } else {
            let dims: Vec<String> = sizes.iter().map(u64::to_string).collect();
            Err(fail(format!(
                "{count} member(s) for an array of {total} ({})",
                dims.join("x")
            )))
        }
    }
}

#[cfg(test)]
mod ns_constraint_tests {
    use super::__private::ns_matches;

    /// The single-keyword and single-URI shortcuts agree with the token-by-token reading.
    #[test]
    fn namespace_constraints() {
        let t = "urn:t";
        for (constraint, ns, expected) in [
            ("##any", "", true),
            ("##any", "urn:x", true),
            ("##other", "urn:x", true),
            ("##other", "urn:t", false),
            ("##other", "", false),
            ("##local", "", true),
            ("##local", "urn:x", false),
            ("##targetNamespace", "urn:t", true),
            ("urn:x", "urn:x", true),
            ("urn:x", "urn:y", false),
            ("urn:x urn:y", "urn:y", true),
            ("urn:x urn:y", "urn:x urn:y", false),
            ("##local urn:x", "", true),
            ("##local", "##local", false),
            ("##targetNamespace ##local", "urn:t", true),
        ] {
            assert_eq!(
                ns_matches(constraint, t, ns),
                expected,
                "{constraint:?} {ns:?}"
            );
        }
    }
}

#[cfg(test)]
mod collapse_tests {
    use super::__private::collapse;

    /// The one-pass check agrees with collapsing by splitting on whitespace, and borrows when
    /// the trimmed text is already collapsed.
    #[test]
    fn collapse_matches_split_and_join() {
        let cases = "|  | a | a b |a  b|a\tb|\ta\n|a \nb| déjà  vu |x\r|a b c|  a   b  ";
        for c in cases.split('|') {
            let want = c.split([' ', '\t', '\n', '\r']).filter(|p| !p.is_empty());
            let want = want.collect::<Vec<_>>().join(" ");
            let got = collapse(c);
            assert_eq!(got, want, "{c:?}");
            let already = c.trim_matches([' ', '\t', '\n', '\r']) == want;
            let borrowed = matches!(got, std::borrow::Cow::Borrowed(_));
            assert_eq!(borrowed, already, "{c:?}");
        }
    }
}
