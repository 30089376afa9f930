//! The streaming writer the derives call.
//!
//! Start tags are closed lazily (`>` is written when the first content arrives), so a value
//! written later (an attribute or text holding a QName) can still declare the prefix it needs
//! on the element. Namespaces are declared once and inherited by descendants; prefixes are
//! deterministic (`ns1`, `ns2`, ... in declaration order, `xsi` for the instance namespace,
//! whatever the caller pre-declares).

use std::any::TypeId;
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::io;
use std::rc::Rc;

use super::error::EncodeError;
use super::reader::{XML_NS, XSI_NS};
use super::text::{PrefixScope, QNameRef, XmlText};

#[derive(Debug, Clone)]
struct Binding {
    prefix: Cow<'static, str>,
    uri: Cow<'static, str>,
    /// `prefix:` padded with zeros, for tags written as fixed-size copies; `short_len` is its
    /// length (0 for the default namespace), `u8::MAX` when the prefix does not fit.
    short: [u8; SHORT_PREFIX],
    short_len: u8,
}

/// The longest `prefix:` kept inline (generated prefixes are `ns1:` ... `ns999:`).
const SHORT_PREFIX: usize = 8;

impl Binding {
    fn new(prefix: Cow<'static, str>, uri: Cow<'static, str>) -> Self {
        let mut short = [0u8; SHORT_PREFIX];
        let p = prefix.as_bytes();
        let short_len = if p.is_empty() {
            0
        } else if p.len() < SHORT_PREFIX {
            short[..p.len()].copy_from_slice(p);
            short[p.len()] = b':';
            p.len() as u8 + 1
        } else {
            u8::MAX
        };
        Self {
            prefix,
            uri,
            short,
            short_len,
        }
    }
}

/// `xml:`, the implicit binding's inline prefix.
const XML_SHORT: ([u8; SHORT_PREFIX], u8) = (*b"xml:\0\0\0\0", 4);

/// The longest local name (plus its `>`) an [`ElementTag`] holds inline.
const TAG_CAP: usize = 40;

/// `before`, `local` and `after` one after the other in a fixed block, and their length; an
/// empty block and 0 (the general path) when they do not fit.
const fn inline_name(before: &[u8], local: &[u8], after: &[u8]) -> ([u8; TAG_CAP], u8) {
    let mut block = [0u8; TAG_CAP];
    let len = before.len() + local.len() + after.len();
    if len > TAG_CAP {
        return (block, 0);
    }
    let mut at = 0;
    let parts = [before, local, after];
    let mut p = 0;
    while p < parts.len() {
        let mut i = 0;
        while i < parts[p].len() {
            block[at] = parts[p][i];
            at += 1;
            i += 1;
        }
        p += 1;
    }
    (block, len as u8)
}

/// An element name prepared at compile time for the writer's fast path (derived code emits
/// one `static` per element field): the name, and the local part followed by `>` padded to a
/// fixed size, so a start or end tag is written as a few fixed-size copies (no `memcpy` call,
/// no per-byte work). Names too long for the inline copy take the general path.
#[doc(hidden)]
#[derive(Debug)]
pub struct ElementTag {
    name: QNameRef<'static>,
    local_gt: [u8; TAG_CAP],
    /// The length of `local>`, 0 when the name takes the general path.
    len: u8,
}

impl ElementTag {
    /// The tag of element `local` in namespace `ns` (empty for none).
    pub const fn new(ns: &'static str, local: &'static str) -> Self {
        // Unqualified names keep the general path: an unqualified element may have to undo a
        // default namespace, which the fast path does not look at.
        let (local_gt, len) = if ns.is_empty() {
            ([0; TAG_CAP], 0)
        } else {
            inline_name(b"", local.as_bytes(), b">")
        };
        Self {
            name: QNameRef::new(ns, local),
            local_gt,
            len,
        }
    }

    /// The element name.
    pub const fn name(&self) -> QNameRef<'static> {
        self.name
    }
}

/// The tag that tells [`XmlWriter::start_tagged`] its start tag is already written: a derived
/// type's [`XmlWrite::write_tagged`](super::XmlWrite::write_tagged) under it writes what
/// follows the start tag, after a memoized opening wrote the start tag. A sentinel in place of
/// a second trait method, because a method per derived type is compile time in every
/// generated crate; it has no inline name, so the check is on the general path only.
pub(crate) static RESUME: ElementTag = ElementTag::new("", "");

/// An attribute name prepared at compile time (derived code emits one `static` per attribute
/// field): for an unqualified name, ` local="` padded to a fixed size, written as one
/// fixed-size copy. Qualified names (they need the writer's prefix) and names too long for
/// the inline copy take the general path.
#[doc(hidden)]
#[derive(Debug)]
pub struct AttributeTag {
    name: QNameRef<'static>,
    lead: [u8; TAG_CAP],
    /// The length of ` local="`, 0 when the name takes the general path.
    len: u8,
}

impl AttributeTag {
    /// The tag of attribute `local` in namespace `ns` (empty for none).
    pub const fn new(ns: &'static str, local: &'static str) -> Self {
        let (lead, len) = if ns.is_empty() {
            inline_name(b" ", local.as_bytes(), b"=\"")
        } else {
            ([0; TAG_CAP], 0)
        };
        Self {
            name: QNameRef::new(ns, local),
            lead,
            len,
        }
    }

    /// The attribute name.
    pub const fn name(&self) -> QNameRef<'static> {
        self.name
    }
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
    /// `XmlWriter::generation` when it was found.
    generation: u64,
    len: u32,
    /// The binding found, plus one (0 is the implicit `xml` binding, `usize::MAX`).
    index: u32,
    attr: bool,
    /// Looked up through a `&'static str`: the address alone identifies the content, so a
    /// static lookup may trust the entry without comparing strings.
    is_static: bool,
}

impl FindCache {
    /// The binding index as the writer uses it.
    #[inline(always)]
    fn index(&self) -> usize {
        (self.index as usize).wrapping_sub(1)
    }
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
    /// The writer's generation before this element bound anything: when its end drops its
    /// bindings, the state is again the one this number names, so the lookups cached under
    /// it hold again (a namespace re-declared on every element of a list bumped the
    /// generation twice per element, and each element after it missed the cache).
    generation: u64,
    /// Started by [`XmlWriter::start_tagged`]'s fast path: the end tag is written from the
    /// tag and this inline prefix as fixed-size copies.
    tag: Option<(&'static ElementTag, [u8; SHORT_PREFIX], u8)>,
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
    /// Names the state of `bindings`: 0 for none, else a number the thread's writers never
    /// gave another state ([`next_generation`]), taken whenever `bindings` changes. A cache
    /// entry is valid while the writer's generation equals the entry's, in any writer of the
    /// thread: the writer that replays a memoized opening takes its generation, and finds the
    /// lookups the thread's earlier writers made in that state still in the cache.
    generation: u64,
    /// Passed from writer to writer on a thread (with the spare lists): neither cleared nor
    /// copied when a writer starts, since `generation` alone decides which entries hold.
    /// `FIND_CACHE` entries (a slice, so that dropping the writer can take it without
    /// allocating a replacement).
    cache: Box<[FindCache]>,
    /// A root's declarations prepared by [`XmlWriter::predeclare_root`], bound on the next
    /// start tag (in place of `pending`, which is empty while this is set).
    prepared: Option<Rc<RootDecls>>,
}

/// What a fresh writer holds after a fixed opening (an envelope's start tags up to the
/// payload's, its namespace declarations), remembered per thread by
/// [`XmlWriter::open_memoized`]: the next message with the same opening copies the bytes and
/// the writer state instead of writing them again. A chat poll is a kilobyte, and before this
/// its envelope cost as much as its content.
#[derive(Debug)]
struct Opening {
    key: (TypeId, u32),
    bytes: Vec<u8>,
    /// Frames with `name_at` relative to the opening's first byte.
    stack: Vec<Frame>,
    bindings: Vec<Binding>,
    open: bool,
    next_prefix: u32,
    generation: u64,
    prepared: Option<Rc<RootDecls>>,
}

/// The declarations a root writes, for one writer state: what `predeclare_root` followed by
/// the root's start tag binds and writes, remembered per thread so the next message with the
/// same root and the same bindings in scope copies them (the namespace list, the prefixes and
/// the declaration bytes) instead of computing them again.
#[derive(Debug)]
struct RootDecls {
    root: TypeId,
    /// The writer state it applies to: the bindings in scope and the prefix counter.
    before: Vec<(Cow<'static, str>, Cow<'static, str>)>,
    next_before: u32,
    /// The bindings it adds, the prefix counter after, and their declarations' bytes.
    added: Vec<(Cow<'static, str>, Cow<'static, str>)>,
    next_after: u32,
    bytes: Vec<u8>,
}

impl RootDecls {
    fn applies(&self, root: TypeId, w: &XmlWriter) -> bool {
        self.root == root
            && self.next_before == w.next_prefix
            && self.before.len() == w.bindings.len()
            && self
                .before
                .iter()
                .zip(&w.bindings)
                .all(|((p, u), b)| *p == b.prefix && *u == b.uri)
    }
}

/// The writer's working lists, emptied, and its name cache.
type Spare = (
    Vec<Frame>,
    Vec<Binding>,
    Vec<(Option<Cow<'static, str>>, Cow<'static, str>)>,
    Box<[FindCache]>,
);

/// The most frames and bindings a finished writer's lists may hold to be kept for the next
/// writer: enough for any ordinary message, and a deep or wide one's lists are not kept.
const SPARE_FRAMES: usize = 64;
const SPARE_BINDINGS: usize = 32;

impl Drop for XmlWriter {
    /// Keeps the working lists for the thread's next writer: a small message then allocates
    /// nothing but its output.
    fn drop(&mut self) {
        if self.stack.capacity() > SPARE_FRAMES || self.bindings.capacity() > SPARE_BINDINGS {
            return;
        }
        let mut stack = std::mem::take(&mut self.stack);
        let mut bindings = std::mem::take(&mut self.bindings);
        let mut pending = std::mem::take(&mut self.pending);
        let cache = std::mem::take(&mut self.cache);
        stack.clear();
        bindings.clear();
        pending.clear();
        // `try_with`: a writer dropped while the thread's storage is torn down keeps nothing.
        let _ = SPARE.try_with(|s| {
            if let Ok(mut s) = s.try_borrow_mut() {
                s.get_or_insert((stack, bindings, pending, cache));
            }
        });
    }
}

/// How many prepared root declarations a thread keeps (a program has a few root types; the
/// bound keeps a program with changing outer bindings from growing it).
const ROOT_DECLS: usize = 16;

thread_local! {
    static SPARE: RefCell<Option<Spare>> = const { RefCell::new(None) };
    static ROOTS: RefCell<(Vec<Rc<RootDecls>>, usize)> = const { RefCell::new((Vec::new(), 0)) };
    static OPENINGS: RefCell<(Vec<Rc<Opening>>, usize)> = const { RefCell::new((Vec::new(), 0)) };
    static GENERATIONS: Cell<u64> = const { Cell::new(0) };
}

/// A generation no writer of this thread had before. 64 bits do not wrap: an entry can never
/// match a later state by accident. (A writer holds `Rc`s, so it stays on its thread.)
fn next_generation() -> u64 {
    GENERATIONS.with(|g| {
        let n = g.get() + 1;
        g.set(n);
        n
    })
}

/// How many memoized openings a thread keeps (one per payload type and SOAP version in use).
const OPENINGS_KEPT: usize = 16;

/// Adds `item` to a per-thread memo of at most `kept` entries, replacing the oldest when full
/// (`ring.1` is the next to replace).
fn remember<T>(ring: &mut (Vec<Rc<T>>, usize), item: Rc<T>, kept: usize) {
    let (list, next) = ring;
    if list.len() < kept {
        list.push(item);
    } else if let Some(slot) = list.get_mut(*next) {
        *slot = item;
        *next = (*next + 1) % kept;
    }
}

type Res = Result<(), EncodeError>;

impl XmlWriter {
    /// An empty writer.
    pub fn new() -> Self {
        Self::with_buffer(Vec::with_capacity(512))
    }

    /// A writer appending to `out`.
    pub fn with_buffer(out: Vec<u8>) -> Self {
        let (stack, bindings, pending, cache) =
            SPARE.with(|s| s.borrow_mut().take()).unwrap_or_else(|| {
                (
                    Vec::with_capacity(16),
                    Vec::with_capacity(8),
                    Vec::new(),
                    vec![FindCache::default(); FIND_CACHE].into_boxed_slice(),
                )
            });
        Self {
            out,
            stack,
            bindings,
            open: false,
            next_prefix: 0,
            pending,
            xsi_type: None,
            // `scratch` only serves values that are not strings already: allocated on first
            // use, so a small message made of strings pays for no buffer it does not use.
            scratch: String::new(),
            deferred: None,
            generation: 0,
            cache,
            prepared: None,
        }
    }

    /// Whether nothing was written but bytes the writer keeps no state for.
    fn is_fresh(&self) -> bool {
        self.stack.is_empty()
            && self.bindings.is_empty()
            && self.pending.is_empty()
            && self.prepared.is_none()
            && !self.open
            && self.next_prefix == 0
            && self.xsi_type.is_none()
            && self.deferred.is_none()
            && self.generation == 0
    }

    /// Writes the opening `build` writes on a fresh writer, or, when this thread wrote the
    /// opening of `key` before, copies its bytes and the state it left (open elements,
    /// bindings, prefix counter and binding-state generation, under which the thread's name
    /// cache still holds what earlier writers looked up). `build` must write the same
    /// whenever it is given the same key. On a writer that is not fresh `build` just runs.
    pub(crate) fn open_memoized(
        &mut self,
        key: (TypeId, u32),
        build: impl FnOnce(&mut Self) -> Res,
    ) -> Res {
        if !self.is_fresh() {
            return build(self);
        }
        let hit = OPENINGS.with(|o| o.borrow().0.iter().find(|m| m.key == key).cloned());
        if let Some(m) = hit {
            self.replay(&m);
            return Ok(());
        }
        let base = self.out.len();
        build(self)?;
        // Only a clean state is kept: pending declarations, an `xsi:type` about to be
        // written or a deferred error depend on what comes next.
        if !self.pending.is_empty() || self.xsi_type.is_some() || self.deferred.is_some() {
            return Ok(());
        }
        let m = Rc::new(Opening {
            key,
            bytes: self.out[base..].to_vec(),
            stack: self
                .stack
                .iter()
                .map(|f| Frame {
                    name_at: f.name_at - base,
                    ..*f
                })
                .collect(),
            bindings: self.bindings.clone(),
            open: self.open,
            next_prefix: self.next_prefix,
            generation: self.generation,
            prepared: self.prepared.clone(),
        });
        OPENINGS.with(|o| remember(&mut o.borrow_mut(), m, OPENINGS_KEPT));
        Ok(())
    }

    /// Puts a fresh writer in the state after opening `m`, its bytes appended.
    fn replay(&mut self, m: &Opening) {
        let base = self.out.len();
        self.out.extend_from_slice(&m.bytes);
        self.stack.extend(m.stack.iter().map(|f| Frame {
            name_at: f.name_at + base,
            ..*f
        }));
        self.bindings.extend(m.bindings.iter().cloned());
        self.open = m.open;
        self.next_prefix = m.next_prefix;
        self.generation = m.generation;
        self.prepared.clone_from(&m.prepared);
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
        Ok(std::mem::take(&mut self.out))
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
            && self.bound_as(prefix, uri)
        {
            return;
        }
        self.pending
            .push((Some(well_known(prefix)), well_known(uri)));
        if self.open {
            self.flush_pending();
        }
    }

    /// Whether an element in `uri` can be written with a binding already in scope (one
    /// declared for the next start tag and not yet written does not count).
    pub fn can_name(&mut self, uri: &str) -> bool {
        uri.is_empty() || self.find(uri, false).is_some()
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
    ///
    /// Between messages the result is remembered per thread (root type and writer state), so a
    /// small message does not pay for computing its declarations again.
    pub fn predeclare_root<T: super::XmlWrite + super::XmlRoot + 'static>(&mut self) {
        if self.open || !self.pending.is_empty() || self.prepared.is_some() {
            self.predeclare_static(&[T::NAME.ns]);
            self.predeclare_static(super::root_namespaces::<T>());
            return;
        }
        let root = TypeId::of::<T>();
        let hit = ROOTS.with(|r| r.borrow().0.iter().find(|d| d.applies(root, self)).cloned());
        if let Some(d) = hit {
            self.prepared = Some(d);
            return;
        }
        // Computed the ordinary way, then undone and kept as prepared declarations.
        let before_len = self.bindings.len();
        let next_before = self.next_prefix;
        self.predeclare_static(&[T::NAME.ns]);
        self.predeclare_static(super::root_namespaces::<T>());
        self.flush_pending();
        let mut bytes = Vec::new();
        std::mem::swap(&mut self.out, &mut bytes);
        for i in before_len..self.bindings.len() {
            self.write_decl(i);
        }
        std::mem::swap(&mut self.out, &mut bytes);
        let added = self.bindings[before_len..]
            .iter()
            .map(|b| (b.prefix.clone(), b.uri.clone()))
            .collect();
        self.bindings.truncate(before_len);
        self.bump();
        let d = Rc::new(RootDecls {
            root,
            before: self
                .bindings
                .iter()
                .map(|b| (b.prefix.clone(), b.uri.clone()))
                .collect(),
            next_before,
            added,
            next_after: self.next_prefix,
            bytes,
        });
        self.next_prefix = next_before;
        // A URI that cannot be written is reported by `into_inner`; such a state is not kept.
        if self.deferred.is_none() {
            ROOTS.with(|r| remember(&mut r.borrow_mut(), d.clone(), ROOT_DECLS));
        }
        self.prepared = Some(d);
    }

    /// Binds the prepared root declarations (the start tag being written is not open yet) and
    /// returns their bytes, written after the element name.
    fn bind_prepared(&mut self, d: &RootDecls) {
        for (p, u) in &d.added {
            self.bindings.push(Binding::new(p.clone(), u.clone()));
        }
        self.next_prefix = d.next_after;
        self.bump();
    }

    /// Invalidates the lookup cache after `bindings` changed.
    #[inline]
    fn bump(&mut self) {
        self.generation = next_generation();
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
        // Only a `Default` writer, which never had a cache, has no entry.
        let Some(&e) = self.cache.get(cache_slot(ptr) ^ usize::from(attr)) else {
            return self.find_miss(uri, attr);
        };
        if e.ptr == ptr
            && e.len as usize == uri.len()
            && e.attr == attr
            && e.generation == self.generation
        {
            // The pointer may be reused by a different string: the content decides (the same
            // static string, the usual case, needs no comparison).
            let same = match self.bindings.get(e.index()) {
                Some(b) => same_str(&b.uri, uri),
                None => uri == XML_NS,
            };
            if same {
                return Some(e.index());
            }
        }
        self.find_miss(uri, attr)
    }

    #[inline(never)]
    fn find_miss(&mut self, uri: &str, attr: bool) -> Option<usize> {
        self.find_insert(uri, attr, false)
    }

    fn find_insert(&mut self, uri: &str, attr: bool, is_static: bool) -> Option<usize> {
        let found = self.find_slow(uri, attr);
        if let Some(index) = found {
            let index = u32::try_from(index.wrapping_add(1)).ok();
            if let (Some(index), Ok(len)) = (index, u32::try_from(uri.len())) {
                let ptr = uri.as_ptr() as usize;
                if let Some(slot) = self.cache.get_mut(cache_slot(ptr) ^ usize::from(attr)) {
                    *slot = FindCache {
                        ptr,
                        generation: self.generation,
                        len,
                        index,
                        attr,
                        is_static,
                    };
                }
            }
        }
        found
    }

    /// [`find`](Self::find) for an element name from a `'static` string (derived code): a
    /// `'static` string's address names its content for the life of the program, so a hit
    /// needs no string comparison.
    #[inline]
    fn find_static(&mut self, uri: &'static str) -> Option<usize> {
        let ptr = uri.as_ptr() as usize;
        let Some(e) = self.cache.get(cache_slot(ptr)) else {
            return self.find_static_miss(uri);
        };
        if e.ptr == ptr
            && e.len as usize == uri.len()
            && e.is_static
            && !e.attr
            && e.generation == self.generation
        {
            return Some(e.index());
        }
        self.find_static_miss(uri)
    }

    #[inline(never)]
    fn find_static_miss(&mut self, uri: &'static str) -> Option<usize> {
        self.find_insert(uri, false, true)
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
        self.bump();
        self.bindings.push(Binding::new(prefix, uri));
        let i = self.bindings.len() - 1;
        if self.open {
            self.write_decl(i);
        }
        i
    }

    fn write_decl(&mut self, i: usize) {
        let b = &self.bindings[i];
        if let Err(e) = put_decl(&mut self.out, &b.prefix, &b.uri) {
            self.deferred.get_or_insert(e);
        }
    }

    /// Whether `prefix` is bound to `uri` in scope.
    fn bound_as(&self, prefix: &str, uri: &str) -> bool {
        self.bindings
            .iter()
            .rposition(|b| b.prefix == prefix)
            .is_some_and(|i| self.bindings[i].uri == uri)
    }

    fn flush_pending(&mut self) {
        let mut pending = std::mem::take(&mut self.pending);
        // Drained, so each URI moves into its binding without another copy.
        for (prefix, uri) in pending.drain(..) {
            match prefix {
                Some(p) => {
                    if !self.bound_as(&p, &uri) {
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
        let generation = self.generation;
        let prepared = self.prepared.take();
        if let Some(d) = &prepared {
            self.bind_prepared(d);
        }
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
                self.bump();
                self.bindings
                    .push(Binding::new(Cow::Borrowed(""), Cow::Borrowed("")));
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
        let mut from = ns_len;
        if let Some(d) = &prepared {
            self.out.extend_from_slice(&d.bytes);
            from += d.added.len();
        }
        for i in from..self.bindings.len() {
            self.write_decl(i);
        }
        self.stack.push(Frame {
            name_at,
            name_len,
            ns_len,
            generation,
            tag: None,
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

    /// [`attribute_value`](Self::attribute_value) under a name prepared at compile time
    /// (derived code for attribute fields): an unqualified name with a string value (or an
    /// enumeration's constant) is one fixed-size copy, the escaped value and the closing quote;
    /// with a number or date, the value is written in place. The bytes are the same either way.
    #[doc(hidden)]
    pub fn attribute_tagged<T: XmlText>(&mut self, tag: &'static AttributeTag, value: &T) -> Res {
        if tag.len != 0 && self.open {
            let at = self.out.len();
            self.out.extend_from_slice(&tag.lead);
            self.out.truncate(at + usize::from(tag.len));
            if let Some(text) = value.as_xml_str() {
                escape_into(&mut self.out, text, true)?;
                self.out.push(b'"');
                return Ok(());
            }
            // Numbers, dates and times: ASCII that needs no escaping, written in place.
            if value.write_xml_ascii(&mut self.out) {
                self.out.push(b'"');
                return Ok(());
            }
            self.out.truncate(at);
        }
        self.attribute_value(tag.name, value)
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
        } else if let Some((tag, p, pl)) = f.tag {
            self.put_close(&p, usize::from(pl), tag);
        } else {
            self.out.extend_from_slice(b"</");
            self.out
                .extend_from_within(f.name_at..f.name_at + f.name_len);
            self.out.push(b'>');
        }
        if self.bindings.len() > f.ns_len {
            // Bindings below `ns_len` never change while the element is open: the state is
            // the one the element started in.
            self.bindings.truncate(f.ns_len);
            self.generation = f.generation;
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
            && self.prepared.is_none()
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

    /// A leaf element with namespace declarations, `<name decls>text</name>` (`<name decls/>`
    /// without text), as [`declare_prefix`](Self::declare_prefix) for each declaration,
    /// `start_element`, `text` and `end_element` write it, but without binding the
    /// declarations: nothing inside a leaf can use them, so there is no binding to push, no
    /// lookup state to change and no URI to copy. (An `AnyElement` leaf re-declares what it
    /// kept: the Salesforce record fields whose text may be a bare QName.) Writes nothing and
    /// returns `false` when the general path must decide: something pending, an unqualified
    /// name, a namespace not bound yet, a declaration that would change the name's prefix,
    /// or one to write while the parent's start tag is open.
    pub(crate) fn leaf_declaring<'d>(
        &mut self,
        name: QNameRef<'_>,
        decls: impl Iterator<Item = (&'d str, &'d str)> + Clone,
        text: Option<&str>,
    ) -> Result<bool, EncodeError> {
        if self.xsi_type.is_some()
            || !self.pending.is_empty()
            || self.prepared.is_some()
            || name.ns.is_empty()
        {
            return Ok(false);
        }
        let Some(i) = self.find(name.ns, false) else {
            return Ok(false);
        };
        let prefix = self.prefix(i);
        if decls.clone().any(|(p, u)| p == prefix || u == name.ns) {
            return Ok(false);
        }
        // With the parent's start tag open, `declare_prefix` writes on the parent.
        if self.open && decls.clone().any(|(p, u)| !self.bound_as(p, u)) {
            return Ok(false);
        }
        self.close_start();
        self.out.push(b'<');
        let at = self.out.len();
        self.push_prefix(i);
        self.out.extend_from_slice(name.local.as_bytes());
        let end = self.out.len();
        for (p, u) in decls {
            if !self.bound_as(p, u) {
                put_decl(&mut self.out, p, u)?;
            }
        }
        match text {
            Some(t) => {
                self.out.push(b'>');
                escape_into(&mut self.out, t, false)?;
                self.leaf_end((at, end));
            }
            None => self.out.extend_from_slice(b"/>"),
        }
        Ok(true)
    }

    /// Starts element `tag` like [`start_element`](Self::start_element) (derived code for
    /// element fields). When the namespace is bound with a short prefix and nothing is pending,
    /// the start tag is written as fixed-size copies and the end tag will be too; otherwise
    /// this is `start_element`. The bytes are the same either way.
    #[doc(hidden)]
    pub fn start_tagged(&mut self, tag: &'static ElementTag) -> Res {
        if tag.len != 0
            && self.xsi_type.is_none()
            && self.pending.is_empty()
            && self.prepared.is_none()
            && let Some(i) = self.find_static(tag.name.ns)
            && let Some((p, pl)) = self.short_prefix(i)
        {
            self.close_start();
            let at = self.out.len();
            self.put_open(&p, pl, tag);
            // The start tag stays open for attributes: drop its `>`.
            self.out.pop();
            self.stack.push(Frame {
                name_at: at + 1,
                name_len: pl + usize::from(tag.len) - 1,
                ns_len: self.bindings.len(),
                generation: self.generation,
                tag: Some((tag, p, pl as u8)),
            });
            self.open = true;
            return Ok(());
        }
        if core::ptr::eq(tag, &RESUME) {
            // The start tag was written ahead (a memoized envelope opening) and is still open
            // for the attributes that follow.
            return if self.open {
                Ok(())
            } else {
                Err(EncodeError::State(
                    "resuming an element whose start tag was not written ahead",
                ))
            };
        }
        self.start_element(tag.name)
    }

    /// A whole simple element, `<name>value</name>`, like
    /// [`simple_element`](Self::simple_element) (derived code for element fields of simple
    /// types): with the namespace bound under a short prefix, nothing pending and a value that
    /// needs no prefix, both tags are fixed-size copies. The bytes are the same either way.
    #[doc(hidden)]
    pub fn leaf_tagged<T: XmlText>(&mut self, tag: &'static ElementTag, value: &T) -> Res {
        if tag.len != 0
            && self.xsi_type.is_none()
            && self.pending.is_empty()
            && self.prepared.is_none()
            && let Some(i) = self.find_static(tag.name.ns)
            && let Some((p, pl)) = self.short_prefix(i)
        {
            self.close_start();
            let mark = self.out.len();
            self.put_open(&p, pl, tag);
            if let Some(text) = value.as_xml_str() {
                escape_into(&mut self.out, text, false)?;
                self.put_close(&p, pl, tag);
                return Ok(());
            }
            if value.write_xml_ascii(&mut self.out) {
                self.put_close(&p, pl, tag);
                return Ok(());
            }
            let mut s = std::mem::take(&mut self.scratch);
            s.clear();
            let mut probe = PrefixProbe(false);
            value.write_xml_text_in(&mut s, &mut probe);
            if !probe.0 {
                let r = escape_into(&mut self.out, &s, false);
                self.scratch = s;
                r?;
                self.put_close(&p, pl, tag);
                return Ok(());
            }
            // A QName value: the general path declares its prefix on the element.
            self.scratch = s;
            self.out.truncate(mark);
        }
        self.simple_element(tag.name, value)
    }

    /// The inline `prefix:` of binding `i` and its length, when it fits.
    #[inline(always)]
    fn short_prefix(&self, i: usize) -> Option<([u8; SHORT_PREFIX], usize)> {
        let (p, l) = if i == usize::MAX {
            XML_SHORT
        } else {
            let b = &self.bindings[i];
            (b.short, b.short_len)
        };
        (l != u8::MAX).then_some((p, usize::from(l)))
    }

    /// `<prefix:local>` as fixed-size copies straight into the output, cut to length: no
    /// `memcpy` call and no per-byte work. (Assembling the tag in a stack buffer first made
    /// the final copy read back bytes just stored in pieces, which stalls on store
    /// forwarding: the poll's encode took longer per instruction than the peers'.)
    #[inline(always)]
    fn put_open(&mut self, p: &[u8; SHORT_PREFIX], pl: usize, tag: &ElementTag) {
        self.put_tag::<1>(b"<\0", p, pl, tag);
    }

    /// `</prefix:local>`, as [`put_open`](Self::put_open).
    #[inline(always)]
    fn put_close(&mut self, p: &[u8; SHORT_PREFIX], pl: usize, tag: &ElementTag) {
        self.put_tag::<2>(b"</", p, pl, tag);
    }

    /// The first `LEAD` bytes of `lead`, the prefix and the tag's `local>`: one room of the
    /// largest size made (a single capacity check), the pieces stored into it at their
    /// offsets, then cut to the real length.
    #[inline(always)]
    fn put_tag<const LEAD: usize>(
        &mut self,
        lead: &[u8; 2],
        p: &[u8; SHORT_PREFIX],
        pl: usize,
        tag: &ElementTag,
    ) {
        const ROOM: usize = 2 + SHORT_PREFIX + TAG_CAP;
        let at = self.out.len();
        let pl = pl.min(SHORT_PREFIX);
        self.out.resize(at + ROOM, 0);
        if let Some(room) = self.out.get_mut(at..at + ROOM) {
            room[..2].copy_from_slice(lead);
            room[LEAD..LEAD + SHORT_PREFIX].copy_from_slice(p);
            room[LEAD + pl..LEAD + pl + TAG_CAP].copy_from_slice(&tag.local_gt);
        }
        self.out.truncate(at + LEAD + pl + usize::from(tag.len));
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

/// ` xmlns="uri"` or ` xmlns:prefix="uri"`.
fn put_decl(out: &mut Vec<u8>, prefix: &str, uri: &str) -> Res {
    if prefix.is_empty() {
        out.extend_from_slice(b" xmlns=\"");
    } else {
        out.extend_from_slice(b" xmlns:");
        out.extend_from_slice(prefix.as_bytes());
        out.extend_from_slice(b"=\"");
    }
    // URIs come from static tables or parsed documents; escape anyway.
    let r = escape_into(out, uri, true);
    out.push(b'"');
    r
}

/// `s` borrowed from a static copy when it is one of the prefixes and URIs every SOAP message
/// declares (no allocation per message for them), else copied.
fn well_known(s: &str) -> Cow<'static, str> {
    const KNOWN: [&str; 9] = [
        "soap",
        "env",
        "soapenv",
        "S",
        "SOAP-ENV",
        "xsi",
        "http://schemas.xmlsoap.org/soap/envelope/",
        "http://www.w3.org/2003/05/soap-envelope",
        XSI_NS,
    ];
    match KNOWN.iter().find(|k| **k == s) {
        Some(k) => Cow::Borrowed(k),
        None => Cow::Owned(s.to_owned()),
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

/// Appends `s` escaped for text content (`attr == false`) or a double-quoted attribute value.
/// `>` is always escaped, so `]]>` in data never reads as markup; CR, and in attributes TAB and
/// LF, become character references so they survive the reader's normalization.
pub fn escape_into(out: &mut Vec<u8>, s: &str, attr: bool) -> Res {
    if attr {
        escape_as::<true>(out, s)
    } else {
        escape_as::<false>(out, s)
    }
}

/// The width of the wide scan: one SSE2 register (the x86-64 baseline) or two NEON ones.
const WIDE: usize = 16;

/// Whether none of the sixteen bytes can need escaping or rejection. Per byte, the minimum of
/// values that are zero exactly when the byte is one to look at (`<`/`>`, `&`, `"` in
/// attributes, 0xEF, controls); written so that the compiler keeps it as a few vector
/// operations and one mask test (safe Rust: the workspace forbids `unsafe`, so no
/// intrinsics). Comparisons OR-ed together get folded into a bit-table test instead, which
/// vectorizes badly.
#[inline(always)]
fn clean_wide<const ATTR: bool>(c: &[u8; WIDE]) -> bool {
    let mut m = [0u8; WIDE];
    for (m, &b) in m.iter_mut().zip(c) {
        // `<` (0x3C) and `>` (0x3E) are the only bytes that become 0x3E with bit 1 set.
        let v = ((b | 2) ^ b'>')
            .min(b ^ b'&')
            .min(b ^ 0xEF)
            .min(b.saturating_sub(0x1F));
        *m = if ATTR { v.min(b ^ b'"') } else { v };
    }
    let mut zero = false;
    for &v in &m {
        zero |= v == 0;
    }
    !zero
}

/// The sixteen bytes of `b` from `i` (the caller checks `i + WIDE <= b.len()`).
#[inline(always)]
fn load_wide(b: &[u8], i: usize) -> &[u8; WIDE] {
    b[i..i + WIDE].try_into().expect("sixteen bytes")
}

/// Looks at bytes `from..to` of `b` one by one, escaping what the table flags.
#[inline]
fn escape_bytes<const ATTR: bool>(
    out: &mut Vec<u8>,
    b: &[u8],
    from: usize,
    to: usize,
    run: &mut usize,
) -> Res {
    let table = if ATTR { &ATTR_ESC } else { &TEXT_ESC };
    for j in from..to {
        let kind = table[b[j] as usize];
        if kind != 0 {
            escape_byte(out, b, j, kind, run, ATTR)?;
        }
    }
    Ok(())
}

fn escape_as<const ATTR: bool>(out: &mut Vec<u8>, s: &str) -> Res {
    let b = s.as_bytes();
    let n = b.len();
    let mut run = 0;
    let mut i = 0;
    // Sixteen bytes at a time; only a chunk that holds something is looked at byte by byte.
    while i + WIDE <= n {
        if !clean_wide::<ATTR>(load_wide(b, i)) {
            escape_bytes::<ATTR>(out, b, i, i + WIDE, &mut run)?;
        }
        i += WIDE;
    }
    // The last bytes: when the string has sixteen or more, the last sixteen (the overlap was
    // already found clean or handled) answer for them in one test; shorter strings are
    // tested as their first and last eight (or four) bytes, overlapping, in one wide test, and
    // values under four bytes are examined byte by byte.
    if i < n {
        let clean = if n >= WIDE {
            clean_wide::<ATTR>(load_wide(b, n - WIDE))
        } else if n >= 8 {
            // The first and the last eight bytes (overlapping) in one wide test.
            let mut w = [0u8; WIDE];
            w[..8].copy_from_slice(&b[..8]);
            w[8..].copy_from_slice(&b[n - 8..]);
            clean_wide::<ATTR>(&w)
        } else if n >= 4 {
            // The same with four-byte halves; the rest is a byte that needs nothing.
            let mut w = [b'a'; WIDE];
            w[..4].copy_from_slice(&b[..4]);
            w[4..8].copy_from_slice(&b[n - 4..]);
            clean_wide::<ATTR>(&w)
        } else {
            false
        };
        if !clean {
            escape_bytes::<ATTR>(out, b, i, n, &mut run)?;
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
        for len in 1..50 {
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
                    let mut s: Vec<char> = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                        .chars()
                        .take(len)
                        .collect();
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
        const ABC: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN";
        for len in 1..40 {
            for at in 0..len {
                let mut s: Vec<char> = ABC.chars().take(len).collect();
                s[at] = '\u{1}';
                let s: String = s.into_iter().collect();
                assert!(escape_into(&mut Vec::new(), &s, false).is_err(), "{s:?}");
                let t = format!("{}\u{FFFF}", &ABC[..at]);
                assert!(escape_into(&mut Vec::new(), &t, true).is_err(), "{t:?}");
                let ok = format!("{}\u{FFFD}é", &ABC[..at]);
                let mut out = Vec::new();
                escape_into(&mut out, &ok, false).unwrap();
                assert_eq!(out, ok.as_bytes());
            }
        }
    }

    /// Writes `<r>` holding `value` under `tag`, through the tagged calls (`fast`) or the
    /// general ones they stand for, after `setup` (declarations, an `xsi:type`).
    fn tagged_both<T: XmlText>(
        setup: &dyn Fn(&mut XmlWriter),
        tag: &'static ElementTag,
        value: &T,
    ) -> (String, String) {
        let run = |fast: bool| {
            let mut w = XmlWriter::new();
            w.declare_prefix("a", "urn:a");
            w.start_element(QNameRef::new("urn:a", "r")).unwrap();
            setup(&mut w);
            if fast {
                w.leaf_tagged(tag, value).unwrap();
                setup(&mut w);
                w.start_tagged(tag).unwrap();
                w.attribute(QNameRef::new("", "at"), "v").unwrap();
                w.leaf_tagged(tag, value).unwrap();
                w.end_element().unwrap();
                w.start_tagged(tag).unwrap();
                w.end_element().unwrap();
            } else {
                w.simple_element(tag.name(), value).unwrap();
                setup(&mut w);
                w.start_element(tag.name()).unwrap();
                w.attribute(QNameRef::new("", "at"), "v").unwrap();
                w.simple_element(tag.name(), value).unwrap();
                w.end_element().unwrap();
                w.start_element(tag.name()).unwrap();
                w.end_element().unwrap();
            }
            w.end_element().unwrap();
            String::from_utf8(w.into_inner().unwrap()).unwrap()
        };
        (run(true), run(false))
    }

    /// Attribute tags write what `attribute_value` writes: unqualified names (short, at the
    /// inline limit, past it), a qualified name, string values that need escaping, a value
    /// that is not a string, and an attribute after content (an error either way).
    #[test]
    fn attribute_tags_write_what_attribute_value_writes() {
        static SHORT: AttributeTag = AttributeTag::new("", "dataType");
        static AT_LIMIT: AttributeTag =
            AttributeTag::new("", "abcdefghijklmnopqrstuvwxyz0123456789a");
        static PAST: AttributeTag = AttributeTag::new("", "abcdefghijklmnopqrstuvwxyz0123456789ab");
        static QUALIFIED: AttributeTag = AttributeTag::new("urn:q", "lang");
        assert_eq!(AT_LIMIT.len as usize, TAG_CAP);
        assert_eq!(PAST.len, 0);
        for tag in [&SHORT, &AT_LIMIT, &PAST, &QUALIFIED] {
            let run = |fast: bool| {
                let mut w = XmlWriter::new();
                w.start_element(QNameRef::new("urn:a", "r")).unwrap();
                for v in ["OBJECT", "", "a\"b<&>\t\n\r"] {
                    w.start_element(QNameRef::new("urn:a", "e")).unwrap();
                    if fast {
                        w.attribute_tagged(tag, &v.to_owned()).unwrap();
                        w.attribute_tagged(tag, &42i32).unwrap();
                    } else {
                        w.attribute_value(tag.name(), &v.to_owned()).unwrap();
                        w.attribute_value(tag.name(), &42i32).unwrap();
                    }
                    w.text("t").unwrap();
                    let late = if fast {
                        w.attribute_tagged(tag, &v.to_owned())
                    } else {
                        w.attribute_value(tag.name(), &v.to_owned())
                    };
                    assert!(late.is_err());
                    w.end_element().unwrap();
                }
                w.end_element().unwrap();
                String::from_utf8(w.into_inner().unwrap()).unwrap()
            };
            assert_eq!(run(true), run(false), "{:?}", tag.name());
        }
    }

    /// The tagged calls (fixed-size tag copies) write what the general calls write: a bound
    /// short prefix, the default namespace, the `xml` namespace, a prefix too long for the
    /// inline copy, a name too long for it, an unbound namespace, no namespace, a QName value,
    /// a pending declaration and an `xsi:type`.
    #[test]
    fn tagged_calls_write_what_the_general_calls_write() {
        use crate::types::QName;
        static SHORT: ElementTag = ElementTag::new("urn:a", "x");
        static DEFAULT: ElementTag = ElementTag::new("urn:d", "x");
        static XML: ElementTag = ElementTag::new(XML_NS, "x");
        static LONG_PREFIX: ElementTag = ElementTag::new("urn:l", "x");
        static LONG_NAME: ElementTag =
            ElementTag::new("urn:a", "AVeryLongElementNameThatDoesNotFitTheInlineCopy");
        static FITS: ElementTag =
            ElementTag::new("urn:a", "ElementNameOfThirtyNineBytes_123456789");
        static UNBOUND: ElementTag = ElementTag::new("urn:u", "x");
        static PLAIN: ElementTag = ElementTag::new("", "x");
        let none = |_: &mut XmlWriter| {};
        let default = |w: &mut XmlWriter| w.declare_prefix("", "urn:d");
        let long = |w: &mut XmlWriter| w.declare_prefix("averylongprefix", "urn:l");
        let pending = |w: &mut XmlWriter| w.declare_prefix("p", "urn:p");
        let typed = |w: &mut XmlWriter| w.set_xsi_type(QNameRef::new("urn:t", "T"));
        let cases = [
            tagged_both(&none, &SHORT, &"a < b".to_owned()),
            tagged_both(&none, &SHORT, &-7i64),
            tagged_both(&default, &DEFAULT, &"d".to_owned()),
            tagged_both(&none, &XML, &"en".to_owned()),
            tagged_both(&long, &LONG_PREFIX, &1u8),
            tagged_both(&none, &LONG_NAME, &true),
            tagged_both(&none, &FITS, &true),
            tagged_both(&none, &UNBOUND, &2i32),
            tagged_both(&none, &PLAIN, &3i32),
            tagged_both(&none, &SHORT, &QName::new("urn:q", "v").unwrap()),
            tagged_both(&pending, &SHORT, &4i32),
            tagged_both(&typed, &SHORT, &5i32),
        ];
        for (fast, general) in &cases {
            assert_eq!(fast, general);
        }
        assert_eq!(
            cases[0].0,
            r#"<a:r xmlns:a="urn:a"><a:x>a &lt; b</a:x><a:x at="v"><a:x>a &lt; b</a:x></a:x><a:x/></a:r>"#
        );
        assert!(
            cases[4]
                .0
                .contains("<averylongprefix:x>1</averylongprefix:x>")
        );
        assert!(
            cases[6]
                .0
                .contains("<a:ElementNameOfThirtyNineBytes_123456789>true</a:")
        );
    }

    struct Root(i32);
    impl super::super::XmlWrite for Root {
        fn write_xml(&self, w: &mut XmlWriter, name: QNameRef<'_>) -> Res {
            static LEAF: ElementTag = ElementTag::new("urn:leaf", "v");
            w.start_element(name)?;
            w.leaf_tagged(&LEAF, &self.0)?;
            w.end_element()
        }
        fn collect_namespaces(c: &mut super::super::NamespaceCollector) {
            c.add("urn:leaf");
        }
    }
    impl super::super::XmlRoot for Root {
        const NAME: QNameRef<'static> = QNameRef::new("urn:root", "root");
    }

    /// A root's declarations prepared once per thread and writer state are the ones computed
    /// the ordinary way: for the same state, for another state (a binding already in scope,
    /// a prefix counter moved on), and with a declaration added after them.
    #[test]
    fn prepared_root_declarations_match_the_computed_ones() {
        let write = |outer: Option<(&str, &str)>, counter: bool, extra: bool| {
            let mut w = XmlWriter::new();
            if let Some((p, u)) = outer {
                w.declare_prefix(p, u);
            }
            w.start_element(QNameRef::new("urn:env", "Envelope"))
                .unwrap();
            if counter {
                w.simple_element(QNameRef::new("urn:h", "h"), &1i32)
                    .unwrap();
            }
            w.raw(&[]);
            w.predeclare_root::<Root>();
            if extra {
                w.declare_prefix("e", "urn:extra");
            }
            Root(7).write_xml(&mut w, Root::NAME).unwrap();
            w.end_element().unwrap();
            String::from_utf8(w.into_inner().unwrap()).unwrap()
        };
        use super::super::{XmlRoot, XmlWrite};
        let env = Some(("env", "urn:env"));
        let first = write(env, false, false);
        assert_eq!(
            first,
            r#"<env:Envelope xmlns:env="urn:env"><ns1:root xmlns:ns1="urn:root" xmlns:ns2="urn:leaf"><ns2:v>7</ns2:v></ns1:root></env:Envelope>"#
        );
        assert_eq!(write(env, false, false), first);
        assert_eq!(
            write(env, true, false),
            r#"<env:Envelope xmlns:env="urn:env"><ns1:h xmlns:ns1="urn:h">1</ns1:h><ns2:root xmlns:ns2="urn:root" xmlns:ns3="urn:leaf"><ns3:v>7</ns3:v></ns2:root></env:Envelope>"#
        );
        assert_eq!(
            write(Some(("l", "urn:leaf")), false, false),
            r#"<ns1:Envelope xmlns:l="urn:leaf" xmlns:ns1="urn:env"><ns2:root xmlns:ns2="urn:root"><l:v>7</l:v></ns2:root></ns1:Envelope>"#
        );
        assert_eq!(
            write(env, false, true),
            r#"<env:Envelope xmlns:env="urn:env"><ns1:root xmlns:ns1="urn:root" xmlns:ns2="urn:leaf" xmlns:e="urn:extra"><ns2:v>7</ns2:v></ns1:root></env:Envelope>"#
        );
        assert_eq!(write(env, false, false), first);
    }

    /// The name cache passes from writer to writer on a thread: an entry one writer made must
    /// not answer in another writer's state, though both bind their first namespace at the
    /// same point (a per-writer generation count would give both states the same number).
    #[test]
    fn a_later_writer_does_not_inherit_another_states_lookups() {
        static A: ElementTag = ElementTag::new("urn:a", "x");
        let write = |decls: [(&str, &str); 2]| {
            let mut w = XmlWriter::new();
            for (p, u) in decls {
                w.declare_prefix(p, u);
            }
            w.start_element(QNameRef::new("urn:first", "root")).unwrap();
            w.leaf_tagged(&A, &1i32).unwrap();
            w.end_element().unwrap();
            String::from_utf8(w.into_inner().unwrap()).unwrap()
        };
        for _ in 0..2 {
            assert_eq!(
                write([("f", "urn:first"), ("a", "urn:a")]),
                r#"<f:root xmlns:f="urn:first" xmlns:a="urn:a"><a:x>1</a:x></f:root>"#
            );
            assert_eq!(
                write([("b", "urn:a"), ("g", "urn:first")]),
                r#"<g:root xmlns:b="urn:a" xmlns:g="urn:first"><b:x>1</b:x></g:root>"#
            );
        }
    }

    /// An element's end restores the lookup state its start found: what was looked up
    /// before it answers again after it, and what was looked up inside it, under a binding
    /// that shadowed the outer one, answers neither after it nor in a sibling that shadows
    /// the same way. (Static lookups trust a cache hit without comparing strings, so a wrong
    /// state here writes a wrong prefix.)
    #[test]
    fn an_element_end_restores_the_lookups_of_its_start() {
        static X: ElementTag = ElementTag::new("urn:x", "x");
        static Z: ElementTag = ElementTag::new("urn:z", "z");
        let mut w = XmlWriter::new();
        w.declare_prefix("p", "urn:x");
        w.start_element(QNameRef::new("urn:r", "root")).unwrap();
        w.leaf_tagged(&X, &1i32).unwrap();
        for _ in 0..2 {
            w.declare_prefix("p", "urn:y");
            w.declare_prefix("q", "urn:z");
            w.start_element(QNameRef::new("urn:r", "c")).unwrap();
            w.leaf_tagged(&X, &2i32).unwrap();
            w.leaf_tagged(&Z, &3i32).unwrap();
            w.end_element().unwrap();
            w.leaf_tagged(&X, &4i32).unwrap();
            w.leaf_tagged(&Z, &5i32).unwrap();
        }
        w.end_element().unwrap();
        // Prefixes are numbered on: a generated prefix is never reused within a document.
        let c = |a: u32, b: u32| {
            format!(
                r#"<ns1:c xmlns:p="urn:y" xmlns:q="urn:z"><ns{a}:x xmlns:ns{a}="urn:x">2</ns{a}:x><q:z>3</q:z></ns1:c><p:x>4</p:x><ns{b}:z xmlns:ns{b}="urn:z">5</ns{b}:z>"#
            )
        };
        assert_eq!(
            String::from_utf8(w.into_inner().unwrap()).unwrap(),
            format!(
                r#"<ns1:root xmlns:p="urn:x" xmlns:ns1="urn:r"><p:x>1</p:x>{}{}</ns1:root>"#,
                c(2, 3),
                c(4, 5)
            )
        );
    }
}
