//! The streaming writer the derives call.
//!
//! Start tags are closed lazily (`>` is written when the first content arrives), so a value
//! written later (an attribute or text holding a QName) can still declare the prefix it needs
//! on the element. Namespaces are declared once and inherited by descendants; prefixes are
//! deterministic (`ns1`, `ns2`, ... in declaration order, `xsi` for the instance namespace,
//! whatever the caller pre-declares).

use std::borrow::Cow;
use std::io;

use super::error::EncodeError;
use super::reader::{XML_NS, XSI_NS};
use super::text::{PrefixScope, QNameRef, XmlText};

#[derive(Debug)]
struct Binding {
    prefix: Cow<'static, str>,
    uri: Cow<'static, str>,
}

/// Generated prefixes without formatting for the common case.
const PREFIXES: [&str; 16] = [
    "ns1", "ns2", "ns3", "ns4", "ns5", "ns6", "ns7", "ns8", "ns9", "ns10", "ns11", "ns12", "ns13",
    "ns14", "ns15", "ns16",
];

/// A recent namespace lookup. Derived code passes the same `&'static str` for every element
/// of a namespace, so a pointer comparison usually answers without scanning the bindings.
#[derive(Debug, Clone, Copy, Default)]
struct FindCache {
    /// The looked-up URI's address and length; 0 for an empty slot.
    ptr: usize,
    len: usize,
    attr: bool,
    /// The binding found (`usize::MAX` is the implicit `xml` binding).
    index: usize,
    /// `XmlWriter::generation` when it was found.
    generation: u64,
}

/// How many lookups the cache remembers (a power of two). Payloads alternate between
/// namespaces (a message in one, its shared fields in another), and each derived type passes
/// its own copy of a namespace's URI string, so one namespace arrives at several addresses: a
/// single entry, or a few in round robin, missed on most elements.
const FIND_CACHE: usize = 32;

/// The cache slot of a URI address (direct-mapped: one probe per lookup).
#[inline]
fn cache_slot(ptr: usize) -> usize {
    // Fibonacci hashing: string addresses share their low and high bits.
    ((ptr as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - FIND_CACHE.trailing_zeros()))
        as usize
}

#[derive(Debug, Clone, Copy)]
struct Frame {
    /// Where the qualified name sits in `out` (right after `<`): the end tag copies it from
    /// there, so names are never stored twice.
    name_at: usize,
    name_len: usize,
    ns_len: usize,
}

/// Writes XML into a `Vec<u8>`. See the module documentation.
#[derive(Debug, Default)]
pub struct XmlWriter {
    out: Vec<u8>,
    stack: Vec<Frame>,
    bindings: Vec<Binding>,
    open: bool,
    next_prefix: u32,
    pending: Vec<(Option<Cow<'static, str>>, Cow<'static, str>)>,
    xsi_type: Option<(String, String)>,
    scratch: String,
    deferred: Option<EncodeError>,
    /// Bumped whenever `bindings` changes, invalidating `cache`.
    generation: u64,
    cache: [FindCache; FIND_CACHE],
}

type Res = Result<(), EncodeError>;

impl XmlWriter {
    /// An empty writer.
    pub fn new() -> Self {
        Self::with_buffer(Vec::with_capacity(512))
    }

    /// A writer appending to `out`.
    pub fn with_buffer(out: Vec<u8>) -> Self {
        Self {
            out,
            stack: Vec::with_capacity(16),
            bindings: Vec::with_capacity(8),
            // `scratch` only serves values that are not strings already: allocated on first
            // use, so a small message made of strings pays for no buffer it does not use.
            ..Self::default()
        }
    }

    /// The bytes written so far.
    pub fn as_bytes(&self) -> &[u8] {
        &self.out
    }

    /// Finishes: every element must be closed.
    pub fn into_inner(mut self) -> Result<Vec<u8>, EncodeError> {
        if let Some(e) = self.deferred.take() {
            return Err(e);
        }
        if !self.stack.is_empty() {
            return Err(EncodeError::State(
                "unclosed elements at the end of the document",
            ));
        }
        Ok(self.out)
    }

    /// Writes `<?xml version="1.0" encoding="UTF-8"?>`.
    pub fn xml_declaration(&mut self) {
        self.out
            .extend_from_slice(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    }

    /// Appends raw, already well-formed markup (the caller guarantees it).
    pub fn raw(&mut self, markup: &[u8]) {
        self.close_start();
        self.out.extend_from_slice(markup);
    }

    /// Current element depth.
    pub fn depth(&self) -> usize {
        self.stack.len()
    }

    // ----- namespaces ---------------------------------------------------------------------

    /// Declares `prefix` for `uri` on the next start tag (or on the open one). `""` declares
    /// the default namespace. Nothing is written when the same binding is already in scope.
    pub fn declare_prefix(&mut self, prefix: &str, uri: &str) {
        // Already bound that way and nothing pending for the prefix: nothing to write, so no
        // copies to make (an `AnyElement` re-declares what it kept for every element).
        if !self
            .pending
            .iter()
            .any(|(p, _)| p.as_deref() == Some(prefix))
            && self
                .bindings
                .iter()
                .rposition(|b| b.prefix == prefix)
                .is_some_and(|i| self.bindings[i].uri == uri)
        {
            return;
        }
        self.pending.push((
            Some(Cow::Owned(prefix.to_owned())),
            Cow::Owned(uri.to_owned()),
        ));
        if self.open {
            self.flush_pending();
        }
    }

    /// Declares each URI not yet in scope with a generated prefix on the next start tag (a
    /// root pre-declaring the namespaces of its type tree).
    pub fn predeclare(&mut self, uris: &[&str]) {
        for u in uris {
            if !u.is_empty() {
                self.pending.push((None, Cow::Owned((*u).to_owned())));
            }
        }
        if self.open {
            self.flush_pending();
        }
    }

    /// [`predeclare`](Self::predeclare) for static URI lists (no copies).
    pub fn predeclare_static(&mut self, uris: &[&'static str]) {
        for u in uris {
            if !u.is_empty() {
                self.pending.push((None, Cow::Borrowed(*u)));
            }
        }
        if self.open {
            self.flush_pending();
        }
    }

    /// Declares, on the next start tag, the namespace of root `T` and every namespace its type
    /// tree can use, so a document declares each once. The lists are `'static`, which keeps
    /// the name cache (keyed by the URI's address) hitting for the derived code's names.
    pub fn predeclare_root<T: super::XmlWrite + super::XmlRoot + 'static>(&mut self) {
        self.predeclare_static(&[T::NAME.ns]);
        self.predeclare_static(super::root_namespaces::<T>());
    }

    fn is_shadowed(&self, i: usize) -> bool {
        let p = &self.bindings[i].prefix;
        self.bindings[i + 1..].iter().any(|b| &b.prefix == p)
    }

    /// The index of an in-scope binding for `uri` usable for an element (`attr == false`,
    /// the default namespace qualifies) or an attribute.
    #[inline]
    fn find(&mut self, uri: &str, attr: bool) -> Option<usize> {
        let ptr = uri.as_ptr() as usize;
        let e = self.cache[cache_slot(ptr) ^ usize::from(attr)];
        if e.ptr == ptr && e.len == uri.len() && e.attr == attr && e.generation == self.generation {
            // The pointer may be reused by a different string: the content decides (the same
            // static string, the usual case, needs no comparison).
            let same = match self.bindings.get(e.index) {
                Some(b) => same_str(&b.uri, uri),
                None => uri == XML_NS,
            };
            if same {
                return Some(e.index);
            }
        }
        self.find_miss(uri, attr)
    }

    fn find_miss(&mut self, uri: &str, attr: bool) -> Option<usize> {
        let found = self.find_slow(uri, attr);
        if let Some(index) = found {
            let ptr = uri.as_ptr() as usize;
            self.cache[cache_slot(ptr) ^ usize::from(attr)] = FindCache {
                ptr,
                len: uri.len(),
                attr,
                index,
                generation: self.generation,
            };
        }
        found
    }

    fn find_slow(&self, uri: &str, attr: bool) -> Option<usize> {
        if uri == XML_NS {
            return Some(usize::MAX);
        }
        (0..self.bindings.len()).rev().find(|&i| {
            let b = &self.bindings[i];
            b.uri == uri && !(attr && b.prefix.is_empty()) && !self.is_shadowed(i)
        })
    }

    /// The prefix of binding `i` (`usize::MAX` is the implicit `xml` binding).
    fn prefix(&self, i: usize) -> &str {
        if i == usize::MAX {
            "xml"
        } else {
            &self.bindings[i].prefix
        }
    }

    fn prefix_bound(&self, prefix: &str) -> bool {
        self.bindings.iter().any(|b| b.prefix == prefix)
    }

    fn fresh_prefix(&mut self, uri: &str) -> Cow<'static, str> {
        if uri == XSI_NS && !self.prefix_bound("xsi") {
            return Cow::Borrowed("xsi");
        }
        loop {
            self.next_prefix += 1;
            let p = match PREFIXES.get(self.next_prefix as usize - 1) {
                Some(p) => Cow::Borrowed(*p),
                None => Cow::Owned(format!("ns{}", self.next_prefix)),
            };
            if !self.prefix_bound(&p) {
                return p;
            }
        }
    }

    /// Binds `uri` (writing the declaration if the tag is open) and returns the binding index.
    fn bind(&mut self, prefix: Option<Cow<'static, str>>, uri: Cow<'static, str>) -> usize {
        let prefix = match prefix {
            Some(p) => p,
            None => self.fresh_prefix(&uri),
        };
        self.generation += 1;
        self.bindings.push(Binding { prefix, uri });
        let i = self.bindings.len() - 1;
        if self.open {
            self.write_decl(i);
        }
        i
    }

    fn write_decl(&mut self, i: usize) {
        let b = &self.bindings[i];
        if b.prefix.is_empty() {
            self.out.extend_from_slice(b" xmlns=\"");
        } else {
            self.out.extend_from_slice(b" xmlns:");
            self.out.extend_from_slice(b.prefix.as_bytes());
            self.out.extend_from_slice(b"=\"");
        }
        // URIs come from static tables or parsed documents; escape anyway.
        let uri = std::mem::take(&mut self.bindings[i].uri);
        let r = escape_into(&mut self.out, &uri, true);
        self.bindings[i].uri = uri;
        if let Err(e) = r {
            self.deferred.get_or_insert(e);
        }
        self.out.push(b'"');
    }

    fn flush_pending(&mut self) {
        let mut pending = std::mem::take(&mut self.pending);
        // Drained, so each URI moves into its binding without another copy.
        for (prefix, uri) in pending.drain(..) {
            match prefix {
                Some(p) => {
                    let same = self
                        .bindings
                        .iter()
                        .rposition(|b| b.prefix == p)
                        .is_some_and(|i| self.bindings[i].uri == uri);
                    if !same {
                        self.bind(Some(p), uri);
                    }
                }
                None => {
                    if self.find(&uri, true).is_none() {
                        self.bind(None, uri);
                    }
                }
            }
        }
        self.pending = pending;
    }

    /// The prefix for `uri` for an element name, declaring it on the element being started.
    fn element_prefix(&mut self, uri: &str) -> usize {
        match self.find(uri, false) {
            Some(i) => i,
            None => self.bind(None, Cow::Owned(uri.to_owned())),
        }
    }

    fn attr_prefix(&mut self, uri: &str) -> Result<usize, EncodeError> {
        match self.find(uri, true) {
            Some(i) => Ok(i),
            None if self.open => Ok(self.bind(None, Cow::Owned(uri.to_owned()))),
            None => Err(EncodeError::State(
                "attribute written after element content",
            )),
        }
    }

    // ----- elements ------------------------------------------------------------------------

    #[inline]
    fn close_start(&mut self) {
        if self.open {
            self.out.push(b'>');
            self.open = false;
        }
    }

    /// Starts element `name`; attributes may follow until content is written.
    pub fn start_element(&mut self, name: QNameRef<'_>) -> Res {
        self.close_start();
        let ns_len = self.bindings.len();
        if !self.pending.is_empty() {
            self.flush_pending();
        }
        let prefix = if name.ns.is_empty() {
            // An unqualified name must not land in a default namespace bound above.
            if self
                .bindings
                .iter()
                .rposition(|b| b.prefix.is_empty())
                .is_some_and(|i| !self.bindings[i].uri.is_empty())
            {
                self.generation += 1;
                self.bindings.push(Binding {
                    prefix: Cow::Borrowed(""),
                    uri: Cow::Borrowed(""),
                });
            }
            None
        } else {
            Some(self.element_prefix(name.ns))
        };
        self.out.push(b'<');
        let name_at = self.out.len();
        if let Some(i) = prefix {
            self.push_prefix(i);
        }
        self.out.extend_from_slice(name.local.as_bytes());
        let name_len = self.out.len() - name_at;
        for i in ns_len..self.bindings.len() {
            self.write_decl(i);
        }
        self.stack.push(Frame {
            name_at,
            name_len,
            ns_len,
        });
        self.open = true;
        if let Some((ns, local)) = self.xsi_type.take() {
            let mut v = String::with_capacity(local.len() + 8);
            if !ns.is_empty() {
                let i = self.attr_prefix(&ns)?;
                v.push_str(self.prefix(i));
                v.push(':');
            }
            v.push_str(&local);
            self.attribute(QNameRef::new(XSI_NS, "type"), &v)?;
        }
        Ok(())
    }

    /// Makes the next start tag carry `xsi:type` naming `ty`.
    pub fn set_xsi_type(&mut self, ty: QNameRef<'_>) {
        self.xsi_type = Some((ty.ns.to_owned(), ty.local.to_owned()));
    }

    /// Writes `xsi:nil="true"` on the open start tag.
    pub fn nil(&mut self) -> Res {
        self.attribute(QNameRef::new(XSI_NS, "nil"), "true")
    }

    /// Writes an attribute on the open start tag.
    pub fn attribute(&mut self, name: QNameRef<'_>, value: &str) -> Res {
        if !self.open {
            return Err(EncodeError::State(
                "attribute written after element content",
            ));
        }
        if name.ns.is_empty() {
            self.out.push(b' ');
        } else {
            let i = self.attr_prefix(name.ns)?;
            self.out.push(b' ');
            let p = if i == usize::MAX {
                "xml"
            } else {
                &self.bindings[i].prefix
            };
            self.out.extend_from_slice(p.as_bytes());
            self.out.push(b':');
        }
        self.out.extend_from_slice(name.local.as_bytes());
        self.out.extend_from_slice(b"=\"");
        escape_into(&mut self.out, value, true)?;
        self.out.push(b'"');
        Ok(())
    }

    /// Writes an attribute holding a simple-type value.
    pub fn attribute_value<T: XmlText>(&mut self, name: QNameRef<'_>, value: &T) -> Res {
        if let Some(text) = value.as_xml_str() {
            return self.attribute(name, text);
        }
        let mut s = std::mem::take(&mut self.scratch);
        s.clear();
        value.write_xml_text_in(&mut s, self);
        let r = self.attribute(name, &s);
        self.scratch = s;
        self.take_deferred()?;
        r
    }

    /// Writes escaped text content.
    pub fn text(&mut self, text: &str) -> Res {
        self.close_start();
        escape_into(&mut self.out, text, false)
    }

    /// Writes a simple-type value as text content (prefixes it needs are declared on the
    /// open element).
    pub fn text_value<T: XmlText>(&mut self, value: &T) -> Res {
        if let Some(text) = value.as_xml_str() {
            self.close_start();
            return escape_into(&mut self.out, text, false);
        }
        let was_open = self.open;
        self.close_start();
        if value.write_xml_ascii(&mut self.out) {
            return Ok(());
        }
        // Not a plain value (it wrote nothing): reopen the start tag, a QName value may still
        // need to declare its prefix there.
        if was_open {
            self.out.pop();
            self.open = true;
        }
        let mut s = std::mem::take(&mut self.scratch);
        s.clear();
        value.write_xml_text_in(&mut s, self);
        self.close_start();
        let r = escape_into(&mut self.out, &s, false);
        self.scratch = s;
        self.take_deferred()?;
        r
    }

    fn take_deferred(&mut self) -> Res {
        match self.deferred.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Ends the current element (`/>` when it has no content).
    pub fn end_element(&mut self) -> Res {
        let Some(f) = self.stack.pop() else {
            return Err(EncodeError::State("end_element without an open element"));
        };
        if self.open {
            self.out.extend_from_slice(b"/>");
            self.open = false;
        } else {
            self.out.extend_from_slice(b"</");
            self.out
                .extend_from_within(f.name_at..f.name_at + f.name_len);
            self.out.push(b'>');
        }
        if self.bindings.len() > f.ns_len {
            self.generation += 1;
            self.bindings.truncate(f.ns_len);
        }
        Ok(())
    }

    /// A whole simple element: `<name>value</name>`.
    pub fn simple_element<T: XmlText>(&mut self, name: QNameRef<'_>, value: &T) -> Res {
        // The common leaf: a qualified name whose namespace is bound already, nothing to
        // declare, no `xsi:type`. Its tags are written directly, without a frame or a lazy `>`,
        // and plain values (numbers, dates) without a scratch buffer; the bytes are those of
        // the general path.
        if self.xsi_type.is_none()
            && self.pending.is_empty()
            && !name.ns.is_empty()
            && let Some(i) = self.find(name.ns, false)
        {
            self.close_start();
            let mark = self.out.len();
            let tag = self.leaf_start(i, name.local);
            if let Some(text) = value.as_xml_str() {
                escape_into(&mut self.out, text, false)?;
                self.leaf_end(tag);
                return Ok(());
            }
            if value.write_xml_ascii(&mut self.out) {
                self.leaf_end(tag);
                return Ok(());
            }
            // A value that asks for a prefix (a QName) must be written with the element open,
            // so that a missing declaration lands on it: the general path does that.
            let mut s = std::mem::take(&mut self.scratch);
            s.clear();
            let mut probe = PrefixProbe(false);
            value.write_xml_text_in(&mut s, &mut probe);
            if !probe.0 {
                let r = escape_into(&mut self.out, &s, false);
                self.scratch = s;
                r?;
                self.leaf_end(tag);
                return Ok(());
            }
            self.scratch = s;
            self.out.truncate(mark);
        }
        self.start_element(name)?;
        self.text_value(value)?;
        self.end_element()
    }

    /// `prefix:` of binding `i` (`usize::MAX` = the predeclared `xml` prefix); nothing for the
    /// default namespace.
    #[inline(always)]
    fn push_prefix(&mut self, i: usize) {
        let p: &str = if i == usize::MAX {
            "xml"
        } else {
            &self.bindings[i].prefix
        };
        if !p.is_empty() {
            self.out.extend_from_slice(p.as_bytes());
            self.out.push(b':');
        }
    }

    /// `<prefix:local>` for binding `i` (the parent's start tag is closed); returns where the
    /// qualified name sits in the output, for the end tag.
    #[inline]
    fn leaf_start(&mut self, i: usize, local: &str) -> (usize, usize) {
        self.out.push(b'<');
        let at = self.out.len();
        self.push_prefix(i);
        self.out.extend_from_slice(local.as_bytes());
        let end = self.out.len();
        self.out.push(b'>');
        (at, end)
    }

    /// `</prefix:local>`, the name copied from the start tag at `tag`.
    #[inline]
    fn leaf_end(&mut self, tag: (usize, usize)) {
        self.out.extend_from_slice(b"</");
        self.out.extend_from_within(tag.0..tag.1);
        self.out.push(b'>');
    }
}

/// A [`PrefixScope`] that only records whether a value asked for a prefix.
struct PrefixProbe(bool);

impl PrefixScope for PrefixProbe {
    fn prefix_for(&mut self, _ns: &str) -> String {
        self.0 = true;
        String::new()
    }
}

impl PrefixScope for XmlWriter {
    fn prefix_for(&mut self, ns: &str) -> String {
        if ns.is_empty() {
            return String::new();
        }
        match self.find(ns, true) {
            Some(i) => self.prefix(i).to_owned(),
            None if self.open => {
                let i = self.bind(None, Cow::Owned(ns.to_owned()));
                self.bindings[i].prefix.to_string()
            }
            None => {
                self.deferred.get_or_insert(EncodeError::State(
                    "a QName value needs a namespace declaration after its element's start tag was closed",
                ));
                String::new()
            }
        }
    }
}

#[inline]
fn same_str(a: &str, b: &str) -> bool {
    (a.as_ptr() == b.as_ptr() && a.len() == b.len()) || a == b
}

/// 0: copy; 1: escape; 2: illegal control character; 3: check for U+FFFE/U+FFFF.
const fn esc_table(attr: bool) -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 32 {
        t[i] = 2;
        i += 1;
    }
    t[b'\r' as usize] = 1;
    t[b'\t' as usize] = if attr { 1 } else { 0 };
    t[b'\n' as usize] = if attr { 1 } else { 0 };
    t[b'<' as usize] = 1;
    t[b'>' as usize] = 1;
    t[b'&' as usize] = 1;
    if attr {
        t[b'"' as usize] = 1;
    }
    t[0xEF] = 3;
    t
}
static TEXT_ESC: [u8; 256] = esc_table(false);
static ATTR_ESC: [u8; 256] = esc_table(true);

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` that is zero, plus possibly of bytes above a zero byte
/// (borrow): exact for "is there any zero byte", which is all the callers ask.
#[inline(always)]
fn zero_bytes(x: u64) -> u64 {
    x.wrapping_sub(LO) & !x
}

/// Whether none of the eight bytes can need escaping or rejection. Branch-free: the tests are
/// OR-ed and checked once (each is exact for "is there any such byte").
#[inline(always)]
fn clean_chunk(x: u64, attr: bool) -> bool {
    // Bytes below 0x20 (controls, including TAB/LF/CR, which the slow path sorts out).
    let control = x.wrapping_sub(LO * 0x20) & !x;
    // `<` (0x3C) and `>` (0x3E) are the only bytes that become 0x3E with bit 1 set.
    let angle = zero_bytes((x | (LO * 0x02)) ^ (LO * u64::from(b'>')));
    let amp = zero_bytes(x ^ (LO * u64::from(b'&')));
    // 0xEF leads U+FFFE/U+FFFF.
    let ef = zero_bytes(x ^ (LO * 0xEF));
    let quot = if attr {
        zero_bytes(x ^ (LO * u64::from(b'"')))
    } else {
        0
    };
    (control | angle | amp | ef | quot) & HI == 0
}

/// Handles byte `i` of `b` that the table flags (`kind` != 0): writes the pending clean run and
/// the reference, or reports an illegal character.
#[inline]
fn escape_byte(
    out: &mut Vec<u8>,
    b: &[u8],
    i: usize,
    kind: u8,
    run: &mut usize,
    attr: bool,
) -> Res {
    let c = b[i];
    match kind {
        1 => {
            out.extend_from_slice(&b[*run..i]);
            out.extend_from_slice(match c {
                b'<' => b"&lt;",
                b'>' => b"&gt;",
                b'&' => b"&amp;",
                b'"' => b"&quot;",
                b'\r' => b"&#xD;",
                b'\n' => b"&#xA;",
                _ => b"&#x9;",
            });
            *run = i + 1;
            Ok(())
        }
        2 => Err(EncodeError::IllegalChar {
            code: u32::from(c),
            context: if attr { "attribute value" } else { "text" },
        }),
        _ => {
            if b.get(i + 1) == Some(&0xBF) && matches!(b.get(i + 2), Some(0xBE | 0xBF)) {
                let code = if b[i + 2] == 0xBE { 0xFFFE } else { 0xFFFF };
                return Err(EncodeError::IllegalChar {
                    code,
                    context: if attr { "attribute value" } else { "text" },
                });
            }
            Ok(())
        }
    }
}

/// The eight bytes of `b` from `i` (the caller checks `i + 8 <= b.len()`).
#[inline(always)]
fn load8(b: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[i..i + 8]);
    u64::from_le_bytes(w)
}

/// Appends `s` escaped for text content (`attr == false`) or a double-quoted attribute value.
/// `>` is always escaped, so `]]>` in data never reads as markup; CR, and in attributes TAB and
/// LF, become character references so they survive the reader's normalization.
pub fn escape_into(out: &mut Vec<u8>, s: &str, attr: bool) -> Res {
    let table = if attr { &ATTR_ESC } else { &TEXT_ESC };
    let b = s.as_bytes();
    let n = b.len();
    let mut run = 0;
    let mut i = 0;
    // Eight bytes at a time; only a chunk that holds something is looked at byte by byte.
    while i + 8 <= n {
        if !clean_chunk(load8(b, i), attr) {
            for j in i..i + 8 {
                let kind = table[b[j] as usize];
                if kind != 0 {
                    escape_byte(out, b, j, kind, &mut run, attr)?;
                }
            }
        }
        i += 8;
    }
    // The last one to seven bytes: when the string has eight or more, the last eight (the
    // overlap was already found clean or handled) answer for them in one test; short values
    // (ids, numbers) are examined byte by byte.
    if i < n && (n < 8 || !clean_chunk(load8(b, n - 8), attr)) {
        for j in i..n {
            let kind = table[b[j] as usize];
            if kind != 0 {
                escape_byte(out, b, j, kind, &mut run, attr)?;
            }
        }
    }
    out.extend_from_slice(&b[run..]);
    Ok(())
}

/// Serializes a root value into bytes (no XML declaration).
pub fn to_vec<T: super::XmlWrite + super::XmlRoot + 'static>(
    value: &T,
) -> Result<Vec<u8>, EncodeError> {
    let mut w = XmlWriter::new();
    w.predeclare_root::<T>();
    value.write_xml(&mut w, T::NAME)?;
    w.into_inner()
}

/// Serializes a root value into a string (no XML declaration).
pub fn to_string<T: super::XmlWrite + super::XmlRoot + 'static>(
    value: &T,
) -> Result<String, EncodeError> {
    let bytes = to_vec(value)?;
    String::from_utf8(bytes).map_err(|_| EncodeError::Invalid("non-UTF-8 output".into()))
}

/// Serializes a root value into an `io::Write`.
pub fn to_writer<T: super::XmlWrite + super::XmlRoot + 'static, W: io::Write>(
    value: &T,
    mut out: W,
) -> Result<(), EncodeError> {
    let bytes = to_vec(value)?;
    out.write_all(&bytes)
        .map_err(|e| EncodeError::Io(e.to_string()))
}

#[cfg(test)]
mod fast_path_tests {
    use super::*;

    /// Every byte that needs a reference, at every offset of strings around the eight-byte
    /// chunks and their overlapping tail, is escaped exactly once.
    #[test]
    fn escaping_is_exact_at_every_offset() {
        for len in 1..26 {
            for at in 0..len {
                for (c, text_ref, attr_ref) in [
                    ('<', "&lt;", "&lt;"),
                    ('>', "&gt;", "&gt;"),
                    ('&', "&amp;", "&amp;"),
                    ('"', "\"", "&quot;"),
                    ('\r', "&#xD;", "&#xD;"),
                    ('\n', "\n", "&#xA;"),
                    ('\t', "\t", "&#x9;"),
                    ('=', "=", "="),
                    ('?', "?", "?"),
                ] {
                    let mut s: Vec<char> = "abcdefghijklmnopqrstuvwxyz".chars().take(len).collect();
                    s[at] = c;
                    let s: String = s.into_iter().collect();
                    for (attr, r) in [(false, text_ref), (true, attr_ref)] {
                        let mut out = Vec::new();
                        escape_into(&mut out, &s, attr).unwrap();
                        let expected = s.replacen(c, r, 1);
                        assert_eq!(
                            String::from_utf8(out).unwrap(),
                            expected,
                            "{s:?} attr={attr}"
                        );
                    }
                }
            }
        }
    }

    /// Writes `value` as a leaf of `<r>` (namespace `A` bound to `a`) through the leaf fast
    /// path and through the general calls it stands for.
    fn leaf_both<T: XmlText>(name: QNameRef<'_>, value: &T) -> (String, String) {
        const A: &str = "urn:a";
        let run = |fast: bool| {
            let mut w = XmlWriter::new();
            w.declare_prefix("a", A);
            w.start_element(QNameRef::new(A, "r")).unwrap();
            if fast {
                w.simple_element(name, value).unwrap();
            } else {
                w.start_element(name).unwrap();
                w.text_value(value).unwrap();
                w.end_element().unwrap();
            }
            w.end_element().unwrap();
            String::from_utf8(w.into_inner().unwrap()).unwrap()
        };
        (run(true), run(false))
    }

    /// The leaf fast path writes what the general calls write: strings (escaped), numbers and
    /// dates (written without a scratch buffer), a QName value that must declare its prefix
    /// on the leaf, a namespace not yet bound, the default namespace, no namespace.
    #[test]
    fn leaf_fast_path_writes_what_the_general_path_writes() {
        use crate::types::{DateTime, Decimal, QName};
        let a = QNameRef::new("urn:a", "x");
        let date: DateTime = "2015-11-10T18:00:17.629Z".parse().unwrap();
        let cases = [
            leaf_both(a, &"a < b & c".to_owned()),
            leaf_both(a, &String::new()),
            leaf_both(a, &-42i64),
            leaf_both(a, &u64::MAX),
            leaf_both(a, &true),
            leaf_both(a, &date),
            leaf_both(a, &"-12.50".parse::<Decimal>().unwrap()),
            leaf_both(a, &QName::new("urn:q", "v").unwrap()),
            leaf_both(a, &QName::new("urn:a", "v").unwrap()),
            leaf_both(QNameRef::new("urn:other", "y"), &7i32),
            leaf_both(QNameRef::new("", "plain"), &7i32),
        ];
        for (fast, general) in &cases {
            assert_eq!(fast, general);
        }
        assert_eq!(
            cases[5].0,
            r#"<a:r xmlns:a="urn:a"><a:x>2015-11-10T18:00:17.629Z</a:x></a:r>"#
        );
        assert_eq!(
            cases[7].0,
            r#"<a:r xmlns:a="urn:a"><a:x xmlns:ns1="urn:q">ns1:v</a:x></a:r>"#
        );
    }

    /// `text_value` of a QName on an open start tag still declares the prefix there, after
    /// trying the plain-ASCII path.
    #[test]
    fn text_value_keeps_the_start_tag_open_for_qnames() {
        use crate::types::QName;
        let mut w = XmlWriter::new();
        w.start_element(QNameRef::new("urn:a", "r")).unwrap();
        w.text_value(&QName::new("urn:q", "v").unwrap()).unwrap();
        w.text_value(&5u8).unwrap();
        w.end_element().unwrap();
        assert_eq!(
            String::from_utf8(w.into_inner().unwrap()).unwrap(),
            r#"<ns1:r xmlns:ns1="urn:a" xmlns:ns2="urn:q">ns2:v5</ns1:r>"#
        );
    }

    #[test]
    fn illegal_characters_are_refused_at_every_offset() {
        for len in 1..20 {
            for at in 0..len {
                let mut s: Vec<char> = "abcdefghijklmnopqrst".chars().take(len).collect();
                s[at] = '\u{1}';
                let s: String = s.into_iter().collect();
                assert!(escape_into(&mut Vec::new(), &s, false).is_err(), "{s:?}");
                let t = format!("{}\u{FFFF}", &"abcdefghijklmnopqrst"[..at]);
                assert!(escape_into(&mut Vec::new(), &t, true).is_err(), "{t:?}");
                let ok = format!("{}\u{FFFD}é", &"abcdefghijklmnopqrst"[..at]);
                let mut out = Vec::new();
                escape_into(&mut out, &ok, false).unwrap();
                assert_eq!(out, ok.as_bytes());
            }
        }
    }
}
