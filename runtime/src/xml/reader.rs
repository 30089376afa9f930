//! The pull reader the derives call: a hand-written tokenizer over a borrowed `&str` with its own
//! namespace binding stack.
//!
//! Why not quick-xml's `NsReader`: it resolves every name through a general-purpose buffer and
//! costs about 45 % of raw tokenizer throughput. The derives only ever ask "is this child
//! `{ns}local`?", so this reader keeps bindings as borrowed slices on a stack, resolves a name to
//! a borrowed URI and lets the caller compare bytes. Nothing is allocated per element once the
//! stacks have grown; text is borrowed unless it holds entity references, CDATA or CR characters.
//!
//! Positions are byte offsets; line and column are computed only when an error is built.

use std::borrow::Cow;
use std::sync::Arc;

use memchr::memchr;

use super::any::AnyName;
use super::error::{DecodeError, DecodeErrorKind, LimitKind};
use super::text::{NamespaceScope, QNameRef, ValueError, XmlText};

/// The `xsi` namespace (`xsi:type`, `xsi:nil`).
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";
/// The namespace bound to the reserved `xml` prefix.
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
/// The namespace of `xmlns` declarations themselves.
pub const XMLNS_NS: &str = "http://www.w3.org/2000/xmlns/";

/// Bounds on hostile input. All are on by default; raise them for known large documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Maximum document size in bytes (default 64 MiB).
    pub max_document_size: usize,
    /// Maximum element nesting depth (default 256). Bounds the recursion of derived readers.
    pub max_depth: usize,
    /// Maximum attributes (including namespace declarations) on one element (default 256).
    pub max_attributes: usize,
    /// Maximum length in bytes of one text value (default 16 MiB).
    pub max_text_len: usize,
    /// Maximum length in bytes of an element or attribute name (default 1024).
    pub max_name_len: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_document_size: 64 << 20,
            max_depth: 256,
            max_attributes: 256,
            max_text_len: 16 << 20,
            max_name_len: 1024,
        }
    }
}

/// What to do with elements and attributes a type does not know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Unknown {
    /// Strict (default): an unknown child element, attribute or stray text is an error.
    #[default]
    Error,
    /// Lax: unknown elements are skipped whole, unknown attributes and stray text ignored.
    /// Missing required elements and bad values are still errors.
    Skip,
}

/// Options of one read (one call).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReadOptions {
    /// Strict or lax handling of unknown content.
    pub unknown: Unknown,
    /// Hostile-input limits.
    pub limits: Limits,
}

impl ReadOptions {
    /// Strict reading with default limits (same as `default()`).
    pub fn strict() -> Self {
        Self::default()
    }

    /// Lax reading (unknown content skipped) with default limits.
    pub fn lax() -> Self {
        Self {
            unknown: Unknown::Skip,
            ..Self::default()
        }
    }
}

/// A start tag as returned by [`XmlReader::next_child`]: the resolved name and the `xsi`
/// attributes. It borrows the document, not the reader, so the reader can go on while it lives.
#[derive(Debug, Clone)]
pub struct StartTag<'a> {
    qname: &'a str,
    local: &'a str,
    ns: Cow<'a, str>,
    empty: bool,
    nil: bool,
    xsi_type: Option<Cow<'a, str>>,
    offset: usize,
    depth: usize,
}

impl<'a> StartTag<'a> {
    /// The expanded name (namespace URI + local name).
    pub fn name(&self) -> QNameRef<'_> {
        QNameRef {
            ns: &self.ns,
            local: self.local,
        }
    }
    /// The namespace URI (empty for none).
    pub fn ns(&self) -> &str {
        &self.ns
    }
    /// The local name.
    pub fn local(&self) -> &'a str {
        self.local
    }
    /// The name as written, with its prefix.
    pub fn qname(&self) -> &'a str {
        self.qname
    }
    /// The prefix as written (empty for none).
    pub fn prefix(&self) -> &'a str {
        if self.qname.len() > self.local.len() {
            &self.qname[..self.qname.len() - self.local.len() - 1]
        } else {
            ""
        }
    }
    /// Whether this is `{ns}local`.
    #[inline]
    pub fn is(&self, ns: &str, local: &str) -> bool {
        eq_bytes(self.local.as_bytes(), local.as_bytes())
            && eq_bytes(self.ns.as_bytes(), ns.as_bytes())
    }
    /// Whether this is `name`.
    #[inline]
    pub fn matches(&self, name: QNameRef<'_>) -> bool {
        self.is(name.ns, name.local)
    }
    /// `<x/>`: the element has no content.
    pub fn is_empty(&self) -> bool {
        self.empty
    }
    /// `xsi:nil="true"` (or `"1"`) is present.
    pub fn is_nil(&self) -> bool {
        self.nil
    }
    /// The raw `xsi:type` value; resolve it with [`XmlReader::xsi_type`].
    pub fn xsi_type_raw(&self) -> Option<&str> {
        self.xsi_type.as_deref()
    }
    /// Byte offset of the `<` in the document.
    pub fn offset(&self) -> usize {
        self.offset
    }
    /// Nesting depth (the root is 1).
    pub fn depth(&self) -> usize {
        self.depth
    }
}

/// One attribute of an element, with its resolved name and decoded, normalized value.
#[derive(Debug, Clone)]
pub struct Attribute<'r, 'a> {
    /// The resolved name; unprefixed attributes are in no namespace.
    pub name: QNameRef<'r>,
    /// The name as written.
    pub qname: &'a str,
    /// The value, entity references decoded and whitespace normalized per XML 1.0 §3.3.3.
    pub value: Cow<'a, str>,
    /// Byte offset of the attribute name.
    pub offset: usize,
}

impl Attribute<'_, '_> {
    /// An `xsi:*` attribute: never "unknown".
    pub fn is_xsi(&self) -> bool {
        self.name.ns == XSI_NS
    }
    /// Whether this is `{ns}local`.
    #[inline]
    pub fn is(&self, ns: &str, local: &str) -> bool {
        eq_bytes(self.name.local.as_bytes(), local.as_bytes())
            && eq_bytes(self.name.ns.as_bytes(), ns.as_bytes())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AttrNs {
    None,
    Xml,
    Binding(usize),
}

#[derive(Debug, Clone, Copy)]
struct RawAttr {
    name: (usize, usize),
    local: usize,
    value: (usize, usize),
    decode: bool,
    ns: AttrNs,
}

#[derive(Debug)]
struct Binding<'a> {
    prefix: &'a str,
    /// The prefix's first eight bytes packed into an integer ([`prefix_key`]), so a lookup
    /// compares one integer and a length per binding instead of calling `memcmp`.
    key: u64,
    uri: Cow<'a, str>,
}

/// The first eight bytes of a prefix, little-endian, zero-padded: with the length it
/// identifies every prefix of up to eight bytes (longer ones are confirmed byte by byte).
#[inline(always)]
fn prefix_key(p: &[u8]) -> u64 {
    // A byte loop: prefixes are two to four bytes, and a variable-length copy into a buffer
    // becomes a `memcpy` call.
    let mut k = 0u64;
    for (i, &c) in p.iter().take(8).enumerate() {
        k |= u64::from(c) << (8 * i);
    }
    k
}

#[inline(always)]
fn word<const N: usize>(s: &[u8], i: usize) -> [u8; N] {
    let mut w = [0u8; N];
    w.copy_from_slice(&s[i..i + N]);
    w
}

/// Byte equality for short strings (names, prefixes, namespace URIs), inline: eight bytes per
/// comparison and the tail as one overlapping load, where `==` on slices calls `memcmp` (the
/// call costs more than comparing a ten-byte name).
#[inline(always)]
pub(crate) fn eq_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n >= 8 {
        let mut i = 0;
        while i + 8 < n {
            if word::<8>(a, i) != word::<8>(b, i) {
                return false;
            }
            i += 8;
        }
        return word::<8>(a, n - 8) == word::<8>(b, n - 8);
    }
    if n >= 4 {
        return word::<4>(a, 0) == word::<4>(b, 0) && word::<4>(a, n - 4) == word::<4>(b, n - 4);
    }
    if n >= 2 {
        return word::<2>(a, 0) == word::<2>(b, 0) && word::<2>(a, n - 2) == word::<2>(b, n - 2);
    }
    n == 0 || a[0] == b[0]
}

#[derive(Debug, Clone, Copy)]
struct Frame {
    qname: (usize, usize),
    local: usize,
    offset: usize,
    ns_len: usize,
    attrs: (usize, usize),
    empty: bool,
    index: u32,
    last_child: (usize, usize),
    last_count: u32,
}

/// One piece of content, for code that reads mixed content by hand.
#[derive(Debug)]
pub enum Content<'a> {
    /// Character data (entities decoded; one CDATA section or one text run).
    Text(Cow<'a, str>),
    /// A child element; read it or [`XmlReader::skip_element`] it.
    Start(StartTag<'a>),
    /// The end of the current element.
    End,
}

/// The namespace-aware pull reader. See the module documentation.
#[derive(Debug)]
pub struct XmlReader<'a> {
    src: &'a str,
    pos: usize,
    opts: ReadOptions,
    bindings: Vec<Binding<'a>>,
    frames: Vec<Frame>,
    attrs: Vec<RawAttr>,
    /// The top frame was closed by an end tag; it is popped at the next operation so its
    /// namespace bindings still resolve QName values and its name still shows in error paths.
    pending_pop: bool,
    /// The top frame was just returned by `next_child` (a parent deciding about it reports
    /// errors at its own path).
    just_opened: bool,
    root_done: bool,
    /// Namespace declarations pushed so far; with the binding count it tells whether the
    /// bindings changed since `scope_snapshot` was taken.
    pushes: u64,
    /// The last [`XmlReader::in_scope_snapshot`]: `(binding count, pushes, declarations)`.
    scope_snapshot: Option<(usize, u64, InScope)>,
    empty_scope: Option<InScope>,
    /// Element names handed out by [`XmlReader::intern_name`], direct-mapped
    /// ([`NAME_SLOTS`] entries, allocated on first use).
    names: Vec<Option<Arc<AnyName>>>,
    /// How many elements the last `xs:any` list read held: the next list's first allocation
    /// (records of one query hold the same fields, so one exact allocation per record instead
    /// of growing 0 → 4 → 8 and shrinking).
    any_len_hint: usize,
}

/// Slots of the name cache: a record of `xs:any` fields repeats a handful of names in one
/// namespace, under one prefix.
const NAME_SLOTS: usize = 64;

/// Namespace declarations `(prefix, uri)`, shared between the values that keep them.
pub type InScope = Arc<[(String, String)]>;

type Res<T> = Result<T, DecodeError>;

/// The largest allocation glibc's `malloc` serves without consolidating its fast bins first
/// (requests below its 1,024-byte large-bin threshold, chunk header included).
const SMALL_REQUEST: usize = 1000;

const fn table(name: bool) -> [bool; 256] {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = if name {
            b.is_ascii_alphanumeric() || matches!(b, b'_' | b':' | b'-' | b'.') || b >= 0x80
        } else {
            ws_byte(b)
        };
        i += 1;
    }
    t
}
static NAME_CHAR: [bool; 256] = table(true);
static WS: [bool; 256] = table(false);

// Eight bytes at a time, in one `u64` (SWAR): `LO` has 1 in each byte, `HI` each byte's top
// bit.
const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// The top bit set in each byte of `x` that is zero; a borrow can also flag a byte above a
/// zero one, never below it, so the lowest flag is exact.
#[inline(always)]
fn zero_bytes(x: u64) -> u64 {
    x.wrapping_sub(LO) & !x
}

/// How many of the eight bytes of `x` (little-endian) are ASCII letters before the first
/// byte that is not: 8 when all are.
#[inline(always)]
fn leading_letters(x: u64) -> usize {
    // Lower-cased, top bits cleared: a letter is then a byte in 0x61..=0x7A, and adding 0x1F
    // (0x05) sets a byte's top bit exactly when it is at least 0x61 (0x7B), with no carry into
    // the next byte. A byte whose own top bit was set is not a letter.
    let y = (x | (LO * 0x20)) & (LO * 0x7F);
    let letters = y.wrapping_add(LO * 0x1F) & !y.wrapping_add(LO * 0x05) & !x & HI;
    ((!letters & HI).trailing_zeros() / 8) as usize
}

/// The name starting at `p`: where it ends (the first byte that is not a name character), its
/// first colon (`usize::MAX` for none) and how many colons it has. Letters, most of every
/// name, are skipped eight at a time; the rest goes byte by byte.
#[inline(always)]
fn name_span(b: &[u8], p: usize) -> (usize, usize, u32) {
    let mut e = p;
    let mut colon = usize::MAX;
    let mut colons = 0u32;
    loop {
        while let Some(chunk) = b.get(e..e + 8) {
            let n = leading_letters(u64::from_le_bytes(word::<8>(chunk, 0)));
            e += n;
            if n < 8 {
                break;
            }
        }
        match b.get(e) {
            Some(&c) if NAME_CHAR[c as usize] => {
                if c == b':' {
                    colon = colon.min(e);
                    colons += 1;
                }
                e += 1;
            }
            _ => return (e, colon, colons),
        }
    }
}

/// Where the text at the start of `rest` ends (the offset of the next `<`), and whether it is
/// plain: free of `&`, CR and `]`, so it needs no decoding, newline normalization or `]]>`
/// check. One pass, eight bytes at a time; most texts in SOAP messages are short, where a
/// `memchr` for `<` followed by a `memchr3` for the rest cost more in set-up than in scanning.
fn text_end(rest: &[u8]) -> Option<(usize, bool)> {
    let special = |j: usize| -> Option<(usize, bool)> {
        if rest[j] == b'<' {
            Some((j, true))
        } else {
            memchr(b'<', &rest[j..]).map(|k| (j + k, false))
        }
    };
    let mut i = 0;
    while let Some(chunk) = rest.get(i..i + 8)
        && let Ok(arr) = <[u8; 8]>::try_from(chunk)
    {
        let x = u64::from_le_bytes(arr);
        let m = (zero_bytes(x ^ (LO * u64::from(b'<')))
            | zero_bytes(x ^ (LO * u64::from(b'&')))
            | zero_bytes(x ^ (LO * u64::from(b'\r')))
            | zero_bytes(x ^ (LO * u64::from(b']'))))
            & HI;
        if m != 0 {
            // The lowest flagged byte is a true match (false positives only sit above one).
            return special(i + (m.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    (i..rest.len())
        .find(|&j| matches!(rest[j], b'<' | b'&' | b'\r' | b']'))
        .and_then(special)
}

/// The length of an attribute value at the start of `rest` that ends at `quote` with nothing
/// in it to decode, normalize or refuse (no `&`, `<`, tab, LF or CR; the other quote character
/// is allowed but sent to the general path too), eight bytes at a time; `None` for anything
/// else, including values that end within the document's last eight bytes.
fn plain_attr_value(rest: &[u8], quote: u8) -> Option<usize> {
    let mut i = 0;
    while let Some(chunk) = rest.get(i..i + 8)
        && let Ok(arr) = <[u8; 8]>::try_from(chunk)
    {
        let x = u64::from_le_bytes(arr);
        // Bytes below 0x20 are tab, LF and CR here (the others were refused before reading);
        // a borrow in the subtraction only flags bytes above a true match.
        let m = (x.wrapping_sub(LO * 0x20) & !x
            | zero_bytes(x ^ (LO * u64::from(b'"')))
            | zero_bytes(x ^ (LO * u64::from(b'\'')))
            | zero_bytes(x ^ (LO * u64::from(b'<')))
            | zero_bytes(x ^ (LO * u64::from(b'&'))))
            & HI;
        if m != 0 {
            let j = i + (m.trailing_zeros() / 8) as usize;
            return (rest[j] == quote).then_some(j);
        }
        i += 8;
    }
    None
}

/// XML whitespace only (space, tab, CR, LF).
pub fn is_xml_whitespace(s: &str) -> bool {
    s.bytes().all(|b| WS[b as usize])
}

impl<'a> XmlReader<'a> {
    /// A reader over UTF-8 bytes. Fails on invalid UTF-8 or an oversized document.
    pub fn from_bytes(input: &'a [u8], opts: ReadOptions) -> Res<Self> {
        if input.len() > opts.limits.max_document_size {
            let limit = opts.limits.max_document_size;
            return Err(Self::bare_error(DecodeErrorKind::Limit {
                kind: LimitKind::DocumentSize,
                limit,
            }));
        }
        match std::str::from_utf8(input) {
            Ok(s) => Self::new(s, opts),
            Err(e) => {
                let valid = &input[..e.valid_up_to()];
                let line = memchr::memchr_iter(b'\n', valid).count() as u32 + 1;
                let col_start = memchr::memrchr(b'\n', valid).map_or(0, |i| i + 1);
                // `valid` is valid UTF-8 by construction.
                let column = std::str::from_utf8(&valid[col_start..])
                    .map_or(1, |s| s.chars().count() as u32 + 1);
                Err(DecodeError {
                    kind: DecodeErrorKind::Utf8,
                    path: "/".into(),
                    line,
                    column,
                })
            }
        }
    }

    /// A reader over a string.
    pub fn new(input: &'a str, opts: ReadOptions) -> Res<Self> {
        if input.len() > opts.limits.max_document_size {
            let limit = opts.limits.max_document_size;
            return Err(Self::bare_error(DecodeErrorKind::Limit {
                kind: LimitKind::DocumentSize,
                limit,
            }));
        }
        let pos = if input.starts_with('\u{feff}') { 3 } else { 0 };
        let r = Self {
            src: input,
            pos,
            opts,
            // Small enough that a one-message SOAP envelope needs no regrowth and each buffer
            // stays below glibc's large-request threshold (1 KiB): a larger first allocation
            // made every small decode pay for a `malloc_consolidate` and doubled its peak heap.
            // Attributes other than namespace declarations are rare in SOAP payloads: that
            // stack is allocated on first use.
            bindings: Vec::with_capacity(8),
            frames: Vec::with_capacity(8),
            attrs: Vec::new(),
            pending_pop: false,
            just_opened: false,
            root_done: false,
            pushes: 0,
            scope_snapshot: None,
            empty_scope: None,
            names: Vec::new(),
            any_len_hint: 0,
        };
        if let Some((at, c)) = first_illegal_char(input.as_bytes()) {
            return Err(r.error_at(at, DecodeErrorKind::IllegalChar(format!("U+{c:04X}"))));
        }
        Ok(r)
    }

    fn bare_error(kind: DecodeErrorKind) -> DecodeError {
        DecodeError {
            kind,
            path: "/".into(),
            line: 1,
            column: 1,
        }
    }

    /// The options of this read.
    pub fn options(&self) -> &ReadOptions {
        &self.opts
    }

    /// Lax mode: unknown content is skipped.
    #[inline]
    pub fn is_lax(&self) -> bool {
        self.opts.unknown == Unknown::Skip
    }

    /// The whole document.
    pub fn source(&self) -> &'a str {
        self.src
    }

    /// Current byte offset.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Current element depth (0 before the root and after it).
    pub fn depth(&self) -> usize {
        self.frames.len() - usize::from(self.pending_pop)
    }

    #[inline]
    fn flush(&mut self) {
        self.just_opened = false;
        if self.pending_pop {
            self.pending_pop = false;
            if let Some(f) = self.frames.pop() {
                self.bindings.truncate(f.ns_len);
                self.attrs.truncate(f.attrs.0);
            }
        }
    }

    // ----- errors -------------------------------------------------------------------------

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.src.len());
        let before = &self.src.as_bytes()[..offset];
        let line = memchr::memchr_iter(b'\n', before).count() as u32 + 1;
        let start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
        let mut end = offset;
        while !self.src.is_char_boundary(end) {
            end -= 1;
        }
        let column = self.src[start..end].chars().count() as u32 + 1;
        (line, column)
    }

    fn path_of(&self, frames: &[Frame]) -> String {
        if frames.is_empty() {
            return "/".into();
        }
        let mut p = String::with_capacity(frames.len() * 16);
        for f in frames {
            p.push('/');
            p.push_str(&self.src[f.local..f.qname.1]);
            if f.index > 1 {
                p.push('[');
                p.push_str(&f.index.to_string());
                p.push(']');
            }
        }
        p
    }

    /// The path of the current element, e.g. `/Envelope/Body/Response/Item[2]`.
    pub fn path(&self) -> String {
        self.path_of(&self.frames)
    }

    /// An error at `offset` with the path of the current element.
    pub fn error_at(&self, offset: usize, kind: DecodeErrorKind) -> DecodeError {
        let (line, column) = self.line_col(offset);
        DecodeError {
            kind,
            path: self.path(),
            line,
            column,
        }
    }

    /// An error at the current position with the path of the current element.
    pub fn error(&self, kind: DecodeErrorKind) -> DecodeError {
        self.error_at(self.pos, kind)
    }

    /// An error about the element whose content is being assembled (the parent, when a child
    /// was just opened and made the parent give up).
    pub fn content_error(&self, kind: DecodeErrorKind) -> DecodeError {
        let frames = if self.just_opened {
            &self.frames[..self.frames.len() - 1]
        } else {
            &self.frames[..]
        };
        let offset = if self.just_opened {
            self.frames.last().map_or(self.pos, |f| f.offset)
        } else {
            self.pos
        };
        let (line, column) = self.line_col(offset);
        DecodeError {
            kind,
            path: self.path_of(frames),
            line,
            column,
        }
    }

    /// Missing required element `name` in the current element.
    pub fn missing_element(&self, name: QNameRef<'_>) -> DecodeError {
        self.content_error(DecodeErrorKind::MissingElement(name.to_string()))
    }

    /// Missing required attribute `name` on the element `start`.
    pub fn missing_attribute(&self, start: &StartTag<'_>, name: QNameRef<'_>) -> DecodeError {
        self.error_at(
            start.offset,
            DecodeErrorKind::MissingAttribute(name.to_string()),
        )
    }

    /// A bad attribute value.
    pub fn attribute_error(&self, attr: &Attribute<'_, '_>, error: ValueError) -> DecodeError {
        self.error_at(
            attr.offset,
            DecodeErrorKind::AttributeValue {
                name: attr.qname.to_owned(),
                error,
            },
        )
    }

    /// A bad attribute default/fixed literal or value not tied to a present attribute.
    pub fn attribute_value_error(
        &self,
        start: &StartTag<'_>,
        name: QNameRef<'_>,
        error: ValueError,
    ) -> DecodeError {
        self.error_at(
            start.offset,
            DecodeErrorKind::AttributeValue {
                name: name.to_string(),
                error,
            },
        )
    }

    fn syntax(&self, offset: usize, msg: &'static str) -> DecodeError {
        self.error_at(offset, DecodeErrorKind::Syntax(msg))
    }

    // ----- unknown content ------------------------------------------------------------------

    /// An attribute no field took: an error in strict mode unless it is `xsi:*` or in a SOAP
    /// envelope namespace (`mustUnderstand`, `actor`/`role`, `relay`, `encodingStyle` are
    /// processed by the envelope layer, not by the block's type).
    pub fn unknown_attribute(&self, attr: &Attribute<'_, '_>) -> Res<()> {
        if self.is_lax()
            || attr.is_xsi()
            || attr.name.ns == crate::soap::SOAP11_ENV_NS
            || attr.name.ns == crate::soap::SOAP12_ENV_NS
        {
            Ok(())
        } else {
            Err(self.error_at(
                attr.offset,
                DecodeErrorKind::UnexpectedAttribute(attr.name.to_string()),
            ))
        }
    }

    /// A child element no field took (just returned by `next_child`): an error in strict mode,
    /// skipped whole in lax mode.
    pub fn unknown_element(&mut self, start: &StartTag<'_>) -> Res<()> {
        if self.is_lax() {
            self.skip_element()
        } else {
            Err(self.error_at(
                start.offset,
                DecodeErrorKind::UnexpectedElement(start.name().to_string()),
            ))
        }
    }

    /// A child element a field knows but that comes after a later field's element.
    pub fn out_of_order(&self, start: &StartTag<'_>) -> DecodeError {
        self.error_at(
            start.offset,
            DecodeErrorKind::OutOfOrder(start.name().to_string()),
        )
    }

    /// A second occurrence of a single-valued element.
    pub fn duplicate_element(&self, start: &StartTag<'_>) -> DecodeError {
        self.error_at(
            start.offset,
            DecodeErrorKind::DuplicateElement(start.name().to_string()),
        )
    }

    // ----- namespaces ------------------------------------------------------------------------

    #[inline]
    fn lookup(&self, prefix: &str) -> Option<usize> {
        self.lookup_bytes(prefix.as_bytes())
    }

    /// The innermost binding of `p`: one integer and one length comparison per binding
    /// (prefixes longer than eight bytes are confirmed in full).
    #[inline(always)]
    fn lookup_bytes(&self, p: &[u8]) -> Option<usize> {
        let key = prefix_key(p);
        let mut i = self.bindings.len();
        while i > 0 {
            i -= 1;
            let b = &self.bindings[i];
            if b.key == key
                && b.prefix.len() == p.len()
                && (p.len() <= 8 || b.prefix.as_bytes() == p)
            {
                return Some(i);
            }
        }
        None
    }

    /// Resolves a QName-valued text (`p:local` or `local`) in the current scope.
    pub fn resolve_qname<'s>(&'s self, text: &'s str) -> Result<QNameRef<'s>, ValueError> {
        let text = text.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'));
        let (prefix, local) = match text.find(':') {
            Some(i) => (&text[..i], &text[i + 1..]),
            None => ("", text),
        };
        if local.is_empty()
            || local.contains(':')
            || !valid_name(local.as_bytes())
            || (!prefix.is_empty() && !valid_name(prefix.as_bytes()))
        {
            return Err(ValueError::new("xs:QName", text));
        }
        match self.resolve_prefix(prefix) {
            Some(ns) => Ok(QNameRef { ns, local }),
            None => Err(ValueError::new("xs:QName", text)
                .with_detail(format!("undeclared prefix `{prefix}`"))),
        }
    }

    /// The resolved `xsi:type` of `start`, if any.
    pub fn xsi_type<'s>(&'s self, start: &'s StartTag<'_>) -> Res<Option<QNameRef<'s>>> {
        match start.xsi_type.as_deref() {
            None => Ok(None),
            Some(t) => match self.resolve_qname(t) {
                Ok(q) => Ok(Some(q)),
                Err(e) => Err(self.error_at(
                    start.offset,
                    DecodeErrorKind::AttributeValue {
                        name: "xsi:type".into(),
                        error: e,
                    },
                )),
            },
        }
    }

    /// Every namespace binding in scope (innermost last), for code that must keep them
    /// (`AnyElement`). The default namespace has the empty prefix.
    pub fn in_scope_namespaces(&self) -> impl Iterator<Item = (&str, &str)> {
        self.bindings.iter().map(|b| (b.prefix, &*b.uri))
    }

    /// The bindings in scope, one per prefix (the innermost wins), as a shared list: siblings
    /// read under the same bindings (every `xs:any` field of a record) get the same list
    /// instead of a copy each.
    pub fn in_scope_snapshot(&mut self) -> InScope {
        if let Some((len, pushes, list)) = &self.scope_snapshot
            && *len == self.bindings.len()
            && *pushes == self.pushes
        {
            return Arc::clone(list);
        }
        let mut v: Vec<(String, String)> = Vec::new();
        for b in &self.bindings {
            match v.iter_mut().find(|(q, _)| q == b.prefix) {
                Some(slot) => slot.1 = b.uri.to_string(),
                None => v.push((b.prefix.to_owned(), b.uri.to_string())),
            }
        }
        let list: InScope = v.into();
        self.scope_snapshot = Some((self.bindings.len(), self.pushes, Arc::clone(&list)));
        list
    }

    /// The length [`XmlReader::set_any_len_hint`] last recorded.
    pub(crate) fn any_len_hint(&self) -> usize {
        self.any_len_hint
    }

    /// Records how many elements an `xs:any` list read holds so far.
    pub(crate) fn set_any_len_hint(&mut self, len: usize) {
        self.any_len_hint = len;
    }

    /// The name of element `start` as shared data: the same allocation as the last time this
    /// reader handed out an equal name, unless another name took its cache slot since
    /// (`AnyElement`s: one copy per distinct name instead of one per element).
    pub fn intern_name(&mut self, start: &StartTag<'_>) -> Arc<AnyName> {
        if self.names.is_empty() {
            self.names.resize(NAME_SLOTS, None);
        }
        let (ns, local, prefix) = (start.ns(), start.local(), start.prefix());
        let b = local.as_bytes();
        // FNV-1a over the local name (short), then the lengths of the other two parts: the
        // first and last bytes alone made two of a record's five field names share a slot,
        // and each evicted the other on every record.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for &c in b {
            h = (h ^ u64::from(c)).wrapping_mul(0x100_0000_01b3);
        }
        h = (h ^ ns.len() as u64 ^ ((prefix.len() as u64) << 16)).wrapping_mul(0x100_0000_01b3);
        let slot = (h >> 32) as usize % NAME_SLOTS;
        let same = |a: &AnyName| {
            eq_bytes(a.local().as_bytes(), b)
                && eq_bytes(a.ns().as_bytes(), ns.as_bytes())
                && eq_bytes(a.prefix().as_bytes(), prefix.as_bytes())
        };
        // Two-way: the name's slot and its neighbour.
        for i in [slot, slot ^ 1] {
            if let Some(Some(a)) = self.names.get(i)
                && same(a)
            {
                return Arc::clone(a);
            }
        }
        let a = Arc::new(AnyName::with_prefix(ns, local, prefix));
        let free = match self.names.get(slot) {
            Some(Some(_)) => slot ^ 1,
            _ => slot,
        };
        if let Some(s) = self.names.get_mut(free) {
            *s = Some(Arc::clone(&a));
        }
        a
    }

    /// An empty declaration list, shared (an `Arc<[_]>` allocates even when empty).
    pub fn empty_scope(&mut self) -> InScope {
        Arc::clone(
            self.empty_scope
                .get_or_insert_with(|| Arc::from(Vec::new())),
        )
    }

    /// The namespace declarations made on element `start` itself.
    pub fn declarations<'s>(
        &'s self,
        start: &StartTag<'_>,
    ) -> impl Iterator<Item = (&'s str, &'s str)> {
        let range = self.frame_of(start).map_or(0..0, |i| {
            let hi = self
                .frames
                .get(i + 1)
                .map_or(self.bindings.len(), |f| f.ns_len);
            self.frames[i].ns_len..hi
        });
        self.bindings[range].iter().map(|b| (b.prefix, &*b.uri))
    }

    fn frame_of(&self, start: &StartTag<'_>) -> Option<usize> {
        let i = start.depth.checked_sub(1)?;
        let f = self.frames.get(i)?;
        (f.offset == start.offset).then_some(i)
    }

    /// The attributes of `start` (without namespace declarations). Valid until the element's
    /// first child is read: derived readers take attributes first.
    pub fn attributes<'r>(
        &'r self,
        start: &StartTag<'a>,
    ) -> impl Iterator<Item = Attribute<'r, 'a>> + 'r {
        let range = self
            .frame_of(start)
            .map_or(0..0, |i| self.frames[i].attrs.0..self.frames[i].attrs.1);
        let src = self.src;
        self.attrs[range].iter().map(move |a| {
            let ns: &'r str = match a.ns {
                AttrNs::None => "",
                AttrNs::Xml => XML_NS,
                AttrNs::Binding(i) => &self.bindings[i].uri,
            };
            let raw = &src[a.value.0..a.value.1];
            let value = if a.decode {
                decode(raw, true).unwrap_or(Cow::Borrowed(raw))
            } else {
                Cow::Borrowed(raw)
            };
            Attribute {
                name: QNameRef {
                    ns,
                    local: &src[a.local..a.name.1],
                },
                qname: &src[a.name.0..a.name.1],
                value,
                offset: a.name.0,
            }
        })
    }

    // ----- tokenizer -------------------------------------------------------------------------

    #[inline]
    fn bytes(&self) -> &'a [u8] {
        self.src.as_bytes()
    }

    #[inline]
    fn skip_ws(&self, mut p: usize) -> usize {
        let b = self.bytes();
        while p < b.len() && WS[b[p] as usize] {
            p += 1;
        }
        p
    }

    /// The name scanned at `p..e` is a name (non-empty, not starting with a digit, `-` or `.`)
    /// within the length limit.
    #[inline(always)]
    fn check_name(&self, p: usize, e: usize) -> Res<()> {
        let b = self.bytes();
        if e == p || b[p].is_ascii_digit() || matches!(b[p], b'-' | b'.') {
            return Err(self.syntax(p, "invalid or missing name"));
        }
        if e - p > self.opts.limits.max_name_len {
            let limit = self.opts.limits.max_name_len;
            return Err(self.error_at(
                p,
                DecodeErrorKind::Limit {
                    kind: LimitKind::NameLength,
                    limit,
                },
            ));
        }
        Ok(())
    }

    #[inline]
    fn scan_name(&self, p: usize) -> Res<usize> {
        let (e, _, _) = name_span(self.bytes(), p);
        self.check_name(p, e)?;
        Ok(e)
    }

    /// [`scan_name`](Self::scan_name) then [`split_qname`](Self::split_qname) in one pass (the
    /// element name of every start tag): `(name end, local start)`, the same errors in the
    /// same order.
    #[inline(always)]
    fn scan_qname(&self, p: usize) -> Res<(usize, usize)> {
        let (e, colon, colons) = name_span(self.bytes(), p);
        self.check_name(p, e)?;
        match colons {
            0 => Ok((e, p)),
            1 if colon != p && colon + 1 != e => Ok((e, colon + 1)),
            _ => Err(self.syntax(p, "invalid qualified name")),
        }
    }

    /// Splits a qualified name at its colon: `(local start, has prefix)`.
    #[inline]
    fn split_qname(&self, s: usize, e: usize) -> Res<usize> {
        let b = &self.bytes()[s..e];
        // Names are short: a plain scan beats memchr's set-up.
        match b.iter().position(|&c| c == b':') {
            None => Ok(s),
            Some(i) => {
                if i == 0 || i + 1 == b.len() || b[i + 1..].contains(&b':') {
                    Err(self.syntax(s, "invalid qualified name"))
                } else {
                    Ok(s + i + 1)
                }
            }
        }
    }

    fn skip_markup(&mut self) -> Res<()> {
        // at '<!' or '<?' (not CDATA)
        let rest = &self.bytes()[self.pos..];
        if rest.starts_with(b"<!--") {
            match memchr::memmem::find(&rest[4..], b"--") {
                Some(i) if rest.get(4 + i + 2) == Some(&b'>') => {
                    self.pos += 4 + i + 3;
                    Ok(())
                }
                Some(_) => Err(self.syntax(self.pos, "`--` inside a comment")),
                None => Err(self.syntax(self.pos, "unterminated comment")),
            }
        } else if rest.starts_with(b"<?") {
            match memchr::memmem::find(&rest[2..], b"?>") {
                Some(i) => {
                    let target = &rest[2..2 + i];
                    let name_end = target
                        .iter()
                        .position(|&c| WS[c as usize])
                        .unwrap_or(target.len());
                    if target[..name_end].eq_ignore_ascii_case(b"xml")
                        && (!self.frames.is_empty() || self.root_done)
                    {
                        return Err(self
                            .syntax(self.pos, "XML declaration not at the start of the document"));
                    }
                    if &target[..name_end] == b"xml" {
                        self.check_xml_declaration(self.pos + 5, self.pos + 2 + i)?;
                    }
                    self.pos += 2 + i + 2;
                    Ok(())
                }
                None => Err(self.syntax(self.pos, "unterminated processing instruction")),
            }
        } else if rest.starts_with(b"<!DOCTYPE") {
            Err(self.error_at(self.pos, DecodeErrorKind::Dtd))
        } else {
            Err(self.syntax(self.pos, "unexpected `<!`"))
        }
    }

    /// Checks the pseudo-attributes of the XML declaration between `from` and `to` (the
    /// `?>`): `version="1.n"`, then optional `encoding` and `standalone`, in that order. A
    /// broken declaration (a seed had `version="1.0. encoding=...`) is not well-formed XML, and
    /// accepting it would hide that the rest of the document may be misread too.
    fn check_xml_declaration(&self, from: usize, to: usize) -> Res<()> {
        let b = self.bytes();
        let mut p = from;
        let mut next = 0; // index into NAMES of the first pseudo-attribute still allowed
        const NAMES: [&[u8]; 3] = [b"version", b"encoding", b"standalone"];
        loop {
            let q = self.skip_ws(p).min(to);
            if q == to {
                break;
            }
            if q == p {
                return Err(self.syntax(q, "expected whitespace in the XML declaration"));
            }
            let name_end = (q..to)
                .find(|&i| b[i] == b'=' || WS[b[i] as usize])
                .unwrap_or(to);
            let Some(k) = (next..3).find(|&k| NAMES[k] == &b[q..name_end]) else {
                return Err(self.syntax(
                    q,
                    "invalid or misplaced pseudo-attribute in the XML declaration",
                ));
            };
            if k > 0 && next == 0 {
                return Err(self.syntax(q, "the XML declaration must start with its version"));
            }
            let eq = self.skip_ws(name_end).min(to);
            let open = self.skip_ws(eq + 1).min(to);
            let quote = b.get(open).copied().filter(|c| matches!(c, b'"' | b'\''));
            let (Some(quote), true) = (quote, eq < to && b[eq] == b'=') else {
                return Err(self.syntax(eq, "expected `=\"...\"` in the XML declaration"));
            };
            let Some(close) = (open + 1..to).find(|&i| b[i] == quote) else {
                return Err(self.syntax(open, "unterminated value in the XML declaration"));
            };
            let v = &b[open + 1..close];
            let ok = match k {
                0 => v.len() > 2 && v.starts_with(b"1.") && v[2..].iter().all(u8::is_ascii_digit),
                1 => {
                    v.first().is_some_and(u8::is_ascii_alphabetic)
                        && v.iter()
                            .all(|c| c.is_ascii_alphanumeric() || b"._-".contains(c))
                }
                _ => v == b"yes" || v == b"no",
            };
            if !ok {
                return Err(self.syntax(open + 1, "invalid value in the XML declaration"));
            }
            next = k + 1;
            p = close + 1;
        }
        if next == 0 {
            return Err(self.syntax(from, "the XML declaration has no version"));
        }
        Ok(())
    }

    fn parse_start(&mut self) -> Res<StartTag<'a>> {
        let start = self.pos;
        if self.frames.len() >= self.opts.limits.max_depth {
            let limit = self.opts.limits.max_depth;
            return Err(self.error_at(
                start,
                DecodeErrorKind::Limit {
                    kind: LimitKind::Depth,
                    limit,
                },
            ));
        }
        let b = self.bytes();
        let (name_end, local) = self.scan_qname(start + 1)?;
        let ns_len = self.bindings.len();
        let attr_lo = self.attrs.len();
        let mut p = name_end;
        let mut count = 0usize;
        let empty;
        let mut has_prefixed_attr = false;
        loop {
            let q = self.skip_ws(p);
            match b.get(q) {
                Some(b'>') => {
                    p = q + 1;
                    empty = false;
                    break;
                }
                Some(b'/') => {
                    if b.get(q + 1) != Some(&b'>') {
                        return Err(self.fail_start(q, "expected `>` after `/`", ns_len, attr_lo));
                    }
                    p = q + 2;
                    empty = true;
                    break;
                }
                None => {
                    return Err(self.fail_start(start, "unterminated start tag", ns_len, attr_lo));
                }
                Some(_) => {}
            }
            if q == p {
                return Err(self.fail_start(
                    q,
                    "expected whitespace between attributes",
                    ns_len,
                    attr_lo,
                ));
            }
            count += 1;
            if count > self.opts.limits.max_attributes {
                let limit = self.opts.limits.max_attributes;
                self.bindings.truncate(ns_len);
                self.attrs.truncate(attr_lo);
                return Err(self.error_at(
                    q,
                    DecodeErrorKind::Limit {
                        kind: LimitKind::Attributes,
                        limit,
                    },
                ));
            }
            let an_end = match self.scan_name(q) {
                Ok(e) => e,
                Err(e) => {
                    self.bindings.truncate(ns_len);
                    self.attrs.truncate(attr_lo);
                    return Err(e);
                }
            };
            let mut v = self.skip_ws(an_end);
            if b.get(v) != Some(&b'=') {
                return Err(self.fail_start(
                    v,
                    "expected `=` after attribute name",
                    ns_len,
                    attr_lo,
                ));
            }
            v = self.skip_ws(v + 1);
            let quote = match b.get(v) {
                Some(&c @ (b'"' | b'\'')) => c,
                _ => {
                    return Err(self.fail_start(
                        v,
                        "expected a quoted attribute value",
                        ns_len,
                        attr_lo,
                    ));
                }
            };
            let vs = v + 1;
            // The usual value: no `&` to decode, no tab or newline to normalize, no `<` to
            // refuse, found in one pass; anything else is looked at piece by piece.
            let (ve, needs_decode) = if let Some(len) = plain_attr_value(&b[vs..], quote) {
                (vs + len, false)
            } else {
                let ve = match memchr(quote, &b[vs..]) {
                    Some(i) => vs + i,
                    None => {
                        return Err(self.fail_start(
                            v,
                            "unterminated attribute value",
                            ns_len,
                            attr_lo,
                        ));
                    }
                };
                let value = &b[vs..ve];
                if memchr(b'<', value).is_some() {
                    return Err(self.fail_start(vs, "`<` in attribute value", ns_len, attr_lo));
                }
                let has_amp = memchr(b'&', value).is_some();
                if has_amp && let Err((off, kind)) = check_refs(&self.src[vs..ve]) {
                    self.bindings.truncate(ns_len);
                    self.attrs.truncate(attr_lo);
                    return Err(self.error_at(vs + off, kind));
                }
                let needs_decode =
                    has_amp || value.iter().any(|&c| matches!(c, b'\t' | b'\n' | b'\r'));
                (ve, needs_decode)
            };
            p = ve + 1;
            let name = &b[q..an_end];
            if name.starts_with(b"xmlns") && (name.len() == 5 || name[5] == b':') {
                let prefix = if name.len() == 5 {
                    ""
                } else {
                    &self.src[q + 6..an_end]
                };
                if name.len() > 5 && (prefix.is_empty() || prefix.contains(':')) {
                    return Err(self.fail_start(q, "invalid namespace prefix", ns_len, attr_lo));
                }
                let raw = &self.src[vs..ve];
                let uri = if needs_decode {
                    decode(raw, true).unwrap_or(Cow::Borrowed(raw))
                } else {
                    Cow::Borrowed(raw)
                };
                if !prefix.is_empty() && uri.is_empty() {
                    return Err(self.fail_start(
                        q,
                        "a namespace prefix cannot be bound to the empty URI",
                        ns_len,
                        attr_lo,
                    ));
                }
                if prefix == "xmlns"
                    || (prefix == "xml" && uri != XML_NS)
                    || (prefix != "xml" && uri == XML_NS)
                {
                    return Err(self.fail_start(
                        q,
                        "reserved namespace prefix or URI",
                        ns_len,
                        attr_lo,
                    ));
                }
                if self.bindings[ns_len..].iter().any(|bd| bd.prefix == prefix) {
                    self.bindings.truncate(ns_len);
                    self.attrs.truncate(attr_lo);
                    return Err(self.error_at(
                        q,
                        DecodeErrorKind::DuplicateAttribute(self.src[q..an_end].to_owned()),
                    ));
                }
                self.bindings.push(Binding {
                    prefix,
                    key: prefix_key(prefix.as_bytes()),
                    uri,
                });
                self.pushes += 1;
            } else {
                let local = match self.split_qname(q, an_end) {
                    Ok(l) => l,
                    Err(e) => {
                        self.bindings.truncate(ns_len);
                        self.attrs.truncate(attr_lo);
                        return Err(e);
                    }
                };
                has_prefixed_attr |= local != q;
                self.attrs.push(RawAttr {
                    name: (q, an_end),
                    local,
                    value: (vs, ve),
                    decode: needs_decode,
                    ns: AttrNs::None,
                });
            }
        }
        // Resolve the element name.
        let ns: Cow<'a, str> = if local == start + 1 {
            match self.lookup_bytes(b"") {
                Some(i) => self.bindings_uri(i),
                None => Cow::Borrowed(""),
            }
        } else {
            let prefix = &b[start + 1..local - 1];
            if prefix == b"xml" {
                Cow::Borrowed(XML_NS)
            } else {
                match self.lookup_bytes(prefix) {
                    Some(i) => self.bindings_uri(i),
                    None => {
                        self.bindings.truncate(ns_len);
                        self.attrs.truncate(attr_lo);
                        return Err(self.error_at(
                            start + 1,
                            DecodeErrorKind::UndeclaredPrefix(
                                self.src[start + 1..local - 1].to_owned(),
                            ),
                        ));
                    }
                }
            }
        };
        // Resolve attribute names, find xsi:*, reject duplicates.
        let mut nil = false;
        let mut xsi_type = None;
        let attr_hi = self.attrs.len();
        if has_prefixed_attr {
            for i in attr_lo..attr_hi {
                let a = self.attrs[i];
                if a.local != a.name.0 {
                    let prefix = &self.src[a.name.0..a.local - 1];
                    let ans = if prefix == "xml" {
                        AttrNs::Xml
                    } else {
                        match self.lookup(prefix) {
                            Some(j) => AttrNs::Binding(j),
                            None => {
                                self.bindings.truncate(ns_len);
                                self.attrs.truncate(attr_lo);
                                return Err(self.error_at(
                                    a.name.0,
                                    DecodeErrorKind::UndeclaredPrefix(prefix.to_owned()),
                                ));
                            }
                        }
                    };
                    self.attrs[i].ns = ans;
                    if let AttrNs::Binding(j) = ans
                        && self.bindings[j].uri == XSI_NS
                    {
                        let raw = &self.src[a.value.0..a.value.1];
                        let val = if a.decode {
                            decode(raw, true).unwrap_or(Cow::Borrowed(raw))
                        } else {
                            Cow::Borrowed(raw)
                        };
                        match &self.src[a.local..a.name.1] {
                            "nil" => {
                                nil = matches!(
                                    val.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r')),
                                    "true" | "1"
                                )
                            }
                            "type" => xsi_type = Some(val),
                            _ => {}
                        }
                    }
                }
            }
        }
        if attr_hi - attr_lo > 1 {
            for i in attr_lo + 1..attr_hi {
                for j in attr_lo..i {
                    let (x, y) = (self.attrs[i], self.attrs[j]);
                    if self.src[x.local..x.name.1] == self.src[y.local..y.name.1]
                        && self.attr_ns(x.ns) == self.attr_ns(y.ns)
                    {
                        self.bindings.truncate(ns_len);
                        self.attrs.truncate(attr_lo);
                        return Err(self.error_at(
                            x.name.0,
                            DecodeErrorKind::DuplicateAttribute(
                                self.src[x.name.0..x.name.1].to_owned(),
                            ),
                        ));
                    }
                }
            }
        }
        // Sibling index for error paths.
        let qname = (start + 1, name_end);
        let index = match self.frames.last_mut() {
            Some(parent) => {
                let (ls, le) = parent.last_child;
                if eq_bytes(&b[ls..le], &b[start + 1..name_end]) {
                    parent.last_count += 1;
                } else {
                    parent.last_child = qname;
                    parent.last_count = 1;
                }
                parent.last_count
            }
            None => 1,
        };
        if self.frames.len() == self.frames.capacity() {
            // Before doubling, grow to the most frames a request below 1 KiB holds: glibc serves
            // such requests from its small bins, while a larger one first consolidates every
            // freed small chunk (a fifth of decoding an 11-deep `RequestChat` envelope).
            let small = SMALL_REQUEST / std::mem::size_of::<Frame>();
            if self.frames.len() < small {
                self.frames.reserve_exact(small - self.frames.len());
            }
        }
        self.frames.push(Frame {
            qname,
            local,
            offset: start,
            ns_len,
            attrs: (attr_lo, attr_hi),
            empty,
            index,
            last_child: (0, 0),
            last_count: 0,
        });
        self.pos = p;
        // One boundary-checked slice; the local name is its tail (one more check).
        let qname = &self.src[start + 1..name_end];
        Ok(StartTag {
            qname,
            local: &qname[local - start - 1..],
            ns,
            empty,
            nil,
            xsi_type,
            offset: start,
            depth: self.frames.len(),
        })
    }

    fn attr_ns(&self, ns: AttrNs) -> &str {
        match ns {
            AttrNs::None => "",
            AttrNs::Xml => XML_NS,
            AttrNs::Binding(i) => &self.bindings[i].uri,
        }
    }

    #[inline]
    fn bindings_uri(&self, i: usize) -> Cow<'a, str> {
        match &self.bindings[i].uri {
            Cow::Borrowed(s) => Cow::Borrowed(s),
            Cow::Owned(s) => Cow::Owned(s.clone()),
        }
    }

    fn fail_start(
        &mut self,
        at: usize,
        msg: &'static str,
        ns_len: usize,
        attr_lo: usize,
    ) -> DecodeError {
        self.bindings.truncate(ns_len);
        self.attrs.truncate(attr_lo);
        self.syntax(at, msg)
    }

    /// At `</`: checks the end tag against the top frame and marks it for popping.
    fn parse_end(&mut self) -> Res<()> {
        let b = self.bytes();
        let s = self.pos + 2;
        // The usual case, the name of the open element, checked by one comparison instead of
        // a scan and a comparison; anything else takes the full path below, whose errors
        // (invalid name, missing `>`, mismatch) are unchanged.
        if let Some(after) = self.own_end_tag(s) {
            self.end_top(after);
            return Ok(());
        }
        let e = self.scan_name(s)?;
        let p = self.skip_ws(e);
        if b.get(p) != Some(&b'>') {
            return Err(self.syntax(p, "expected `>` in end tag"));
        }
        let Some(top) = self.frames.last() else {
            return Err(self.syntax(self.pos, "end tag without start tag"));
        };
        if b[top.qname.0..top.qname.1] != b[s..e] {
            return Err(self.error_at(
                self.pos,
                DecodeErrorKind::MismatchedEnd {
                    expected: self.src[top.qname.0..top.qname.1].to_owned(),
                    found: self.src[s..e].to_owned(),
                },
            ));
        }
        self.end_top(p + 1);
        Ok(())
    }

    /// Where the end tag of the open element ends (after its `>`), when the name at `s` (just
    /// after `</`) is that element's: one comparison instead of a scan and a comparison.
    #[inline]
    fn own_end_tag(&self, s: usize) -> Option<usize> {
        let b = self.bytes();
        let (qs, qe) = self.frames.last()?.qname;
        let e = s + (qe - qs);
        if !b.get(s..e).is_some_and(|n| eq_bytes(n, &b[qs..qe])) {
            return None;
        }
        match b.get(e) {
            Some(b'>') => Some(e + 1),
            Some(&c) if !NAME_CHAR[c as usize] => {
                let p = self.skip_ws(e);
                (b.get(p) == Some(&b'>')).then_some(p + 1)
            }
            _ => None,
        }
    }

    /// The open element's end tag was read up to `after`: its frame is popped at the next
    /// operation (its bindings still resolve QName values and its name shows in error paths).
    #[inline]
    fn end_top(&mut self, after: usize) {
        self.pos = after;
        self.pending_pop = true;
        if self.frames.len() == 1 {
            self.root_done = true;
        }
    }

    fn text_limit(&self, at: usize, len: usize) -> Res<()> {
        if len > self.opts.limits.max_text_len {
            let limit = self.opts.limits.max_text_len;
            Err(self.error_at(
                at,
                DecodeErrorKind::Limit {
                    kind: LimitKind::TextLength,
                    limit,
                },
            ))
        } else {
            Ok(())
        }
    }

    /// The next piece of content of the current element: text, a child, or its end. Comments
    /// and processing instructions are skipped.
    pub fn next_content(&mut self) -> Res<Content<'a>> {
        self.flush();
        let Some(top) = self.frames.last() else {
            return Err(self.syntax(self.pos, "no open element"));
        };
        if top.empty {
            self.pending_pop = true;
            if self.frames.len() == 1 {
                self.root_done = true;
            }
            return Ok(Content::End);
        }
        loop {
            let b = self.bytes();
            let rest = &b[self.pos..];
            let Some((i, plain)) = text_end(rest) else {
                return Err(self.syntax(self.pos, "unexpected end of document (missing end tag)"));
            };
            if i > 0 {
                let start = self.pos;
                self.text_limit(start, i)?;
                self.pos += i;
                if plain {
                    return Ok(Content::Text(Cow::Borrowed(&self.src[start..start + i])));
                }
                return self.text(start, start + i).map(Content::Text);
            }
            match b.get(self.pos + 1) {
                Some(b'/') => {
                    self.parse_end()?;
                    return Ok(Content::End);
                }
                Some(b'!') if rest.starts_with(b"<![CDATA[") => {
                    let s = self.pos + 9;
                    let Some(j) = memchr::memmem::find(&b[s..], b"]]>") else {
                        return Err(self.syntax(self.pos, "unterminated CDATA section"));
                    };
                    self.text_limit(s, j)?;
                    self.pos = s + j + 3;
                    let raw = &self.src[s..s + j];
                    return Ok(Content::Text(normalize_newlines(raw)));
                }
                Some(b'!' | b'?') => self.skip_markup()?,
                _ => {
                    let tag = self.parse_start()?;
                    self.just_opened = true;
                    return Ok(Content::Start(tag));
                }
            }
        }
    }

    fn text(&self, s: usize, e: usize) -> Res<Cow<'a, str>> {
        let raw = &self.src[s..e];
        // One pass finds every byte that needs attention; `]` is rare, `]]>` rarer.
        match memchr::memchr3(b'&', b'\r', b']', raw.as_bytes()) {
            None => return Ok(Cow::Borrowed(raw)),
            Some(i)
                if raw.as_bytes()[i] == b']'
                    && memchr::memchr2(b'&', b'\r', &raw.as_bytes()[i..]).is_none() =>
            {
                if let Some(j) = memchr::memmem::find(&raw.as_bytes()[i..], b"]]>") {
                    return Err(self.syntax(s + i + j, "`]]>` in text"));
                }
                return Ok(Cow::Borrowed(raw));
            }
            Some(_) => {}
        }
        decode(raw, false).map_err(|(off, kind)| self.error_at(s + off, kind))
    }

    /// The next child element of the current element, or `None` at its end tag (consumed).
    /// Whitespace, comments and processing instructions are skipped; other text is an error in
    /// strict mode and ignored in lax mode. Fails when the depth limit is reached, before any
    /// recursion into the child.
    pub fn next_child(&mut self) -> Res<Option<StartTag<'a>>> {
        // The usual case, a start tag next (after indentation, if any), without the round trip
        // through `Content` (the tag is moved once less) and `next_content`'s checks of what
        // else could follow. Whitespace between elements is skipped in either mode, as below.
        self.flush();
        if let Some(top) = self.frames.last()
            && !top.empty
        {
            let b = self.bytes();
            let mut p = self.pos;
            if b.get(p) != Some(&b'<') {
                p = self.skip_ws(p);
            }
            if b.get(p) == Some(&b'<')
                && b.get(p + 1)
                    .is_some_and(|&c| !matches!(c, b'/' | b'!' | b'?'))
                && p - self.pos <= self.opts.limits.max_text_len
            {
                self.pos = p;
                let tag = self.parse_start()?;
                self.just_opened = true;
                return Ok(Some(tag));
            }
        }
        self.next_child_general()
    }

    /// [`next_child`](Self::next_child) for whatever comes next.
    fn next_child_general(&mut self) -> Res<Option<StartTag<'a>>> {
        loop {
            match self.next_content()? {
                Content::Start(t) => return Ok(Some(t)),
                Content::End => return Ok(None),
                Content::Text(t) => {
                    if !self.is_lax() && !is_xml_whitespace(&t) {
                        let mut shown: String = t.chars().take(40).collect();
                        if shown.len() < t.len() {
                            shown.push('…');
                        }
                        return Err(self.error_at(
                            self.pos - t.len().min(self.pos),
                            DecodeErrorKind::UnexpectedText(shown),
                        ));
                    }
                }
            }
        }
    }

    fn text_until_end(&mut self) -> Res<Cow<'a, str>> {
        if let Some(text) = self.plain_text_then_end() {
            return Ok(text);
        }
        self.text_until_end_general()
    }

    /// [`text_until_end`](Self::text_until_end) for any content.
    fn text_until_end_general(&mut self) -> Res<Cow<'a, str>> {
        let mut acc: Cow<'a, str> = Cow::Borrowed("");
        loop {
            match self.next_content()? {
                Content::Text(t) => {
                    if acc.is_empty() {
                        acc = t;
                    } else {
                        let total = acc.len() + t.len();
                        self.text_limit(self.pos, total)?;
                        acc.to_mut().push_str(&t);
                    }
                }
                Content::End => return Ok(acc),
                Content::Start(t) => {
                    return Err(self.error_at(
                        t.offset,
                        DecodeErrorKind::ChildInSimpleContent(t.name().to_string()),
                    ));
                }
            }
        }
    }

    /// The usual simple element after its start tag: text that needs no decoding, then the end
    /// tag of the element. Taken in one step, without the two `next_content` calls (text, then
    /// end) of the general path, which cost three times the scan on a short value; anything
    /// else (entities, CDATA, comments, a child, an empty element, text over the length limit,
    /// another end tag) is left to the general path.
    #[inline]
    pub(crate) fn plain_text_then_end(&mut self) -> Option<Cow<'a, str>> {
        if self.pending_pop {
            return None;
        }
        let top = self.frames.last()?;
        if top.empty {
            return None;
        }
        let b = self.bytes();
        let start = self.pos;
        let (len, plain) = text_end(&b[start..])?;
        let end_tag = start + len;
        if !plain || len > self.opts.limits.max_text_len || b.get(end_tag + 1) != Some(&b'/') {
            return None;
        }
        let after = self.own_end_tag(end_tag + 2)?;
        self.just_opened = false;
        self.end_top(after);
        Some(Cow::Borrowed(&self.src[start..end_tag]))
    }

    /// The text content of the current element up to and including its end tag: entity
    /// references decoded, CDATA merged, comments skipped; a child element is an error.
    pub fn read_text(&mut self) -> Res<Cow<'a, str>> {
        self.text_until_end()
    }

    /// The text content parsed as `T`, with the element's namespace bindings in scope (QName
    /// values) and the element's path on errors.
    pub fn read_value<T: XmlText>(&mut self) -> Res<T> {
        // A bad value is reported where its text starts, not after the end tag.
        let at = self.pos;
        let text = self.text_until_end()?;
        T::from_xml_text_in(&text, self).map_err(|e| self.error_at(at, DecodeErrorKind::Value(e)))
    }

    /// Like [`read_value`](Self::read_value) with a schema default (used when the element is
    /// empty) and/or a fixed value (checked).
    pub fn read_value_with<T: XmlText>(
        &mut self,
        default: Option<&str>,
        fixed: Option<&str>,
    ) -> Res<T> {
        let at = self.pos;
        let text = self.text_until_end()?;
        let lexical: &str = match (default.or(fixed), text.is_empty()) {
            (Some(d), true) => d,
            _ => &text,
        };
        let value = T::from_xml_text_in(lexical, self)
            .map_err(|e| self.error_at(at, DecodeErrorKind::Value(e)))?;
        if let Some(fixed) = fixed {
            check_fixed(&value, fixed).map_err(|k| self.error(k))?;
        }
        Ok(value)
    }

    /// Wraps a value error with the current path (the element just read).
    pub fn value_error(&self, e: ValueError) -> DecodeError {
        self.error(DecodeErrorKind::Value(e))
    }

    /// Skips the rest of the current element (whose start tag was just returned), children
    /// included, still checking well-formedness and limits. Iterative: no recursion.
    pub fn skip_element(&mut self) -> Res<()> {
        self.flush();
        let target = self.frames.len();
        loop {
            match self.next_content()? {
                Content::End => {
                    if self.frames.len() == target {
                        return Ok(());
                    }
                }
                Content::Start(_) | Content::Text(_) => {}
            }
        }
    }

    /// Reads the prolog (XML declaration, comments, whitespace) and the root start tag.
    /// A `<!DOCTYPE` is refused.
    pub fn root(&mut self) -> Res<StartTag<'a>> {
        loop {
            self.pos = self.skip_ws(self.pos);
            let b = self.bytes();
            match (b.get(self.pos), b.get(self.pos + 1)) {
                (None, _) => return Err(self.syntax(self.pos, "no root element")),
                (Some(b'<'), Some(b'!' | b'?')) => self.skip_markup()?,
                (Some(b'<'), _) => {
                    if !self.frames.is_empty() || self.root_done {
                        return Err(self.syntax(self.pos, "root element already read"));
                    }
                    return self.parse_start();
                }
                _ => return Err(self.syntax(self.pos, "text before the root element")),
            }
        }
    }

    /// After the root element: only whitespace, comments and processing instructions may
    /// follow.
    pub fn finish(&mut self) -> Res<()> {
        self.flush();
        if !self.frames.is_empty() {
            return Err(self.syntax(self.pos, "root element not fully read"));
        }
        loop {
            self.pos = self.skip_ws(self.pos);
            let b = self.bytes();
            match (b.get(self.pos), b.get(self.pos + 1)) {
                (None, _) => return Ok(()),
                (Some(b'<'), Some(b'!' | b'?')) => self.skip_markup()?,
                _ => return Err(self.syntax(self.pos, "content after the root element")),
            }
        }
    }
}

impl NamespaceScope for XmlReader<'_> {
    fn resolve_prefix(&self, prefix: &str) -> Option<&str> {
        if prefix == "xml" {
            return Some(XML_NS);
        }
        match self.lookup(prefix) {
            Some(i) => Some(&self.bindings[i].uri),
            None if prefix.is_empty() => Some(""),
            None => None,
        }
    }
}

/// Whether `b` is a name without a colon (an NCName: the grammar's characters, non-ASCII
/// bytes taken as name characters).
pub(crate) fn valid_name(b: &[u8]) -> bool {
    b.first().is_some_and(|&c| name_start_byte(c)) && b.iter().all(|&c| ncname_byte(c))
}

/// Whether a name may start with name byte `c`.
pub(crate) fn name_start_byte(c: u8) -> bool {
    !c.is_ascii_digit() && !matches!(c, b'-' | b'.')
}

/// Whether byte `c` is XML white space (space, tab, LF, CR): the definition `WS` is built
/// from. Compared, not looked up: on the short values `AnyElement` checks, the compares ran
/// 0.6 % faster than the table.
pub(crate) const fn ws_byte(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r')
}

/// Whether byte `c` can be part of a name without a colon.
pub(crate) fn ncname_byte(c: u8) -> bool {
    NAME_CHAR[c as usize] && c != b':'
}

/// Checks a fixed value: the parsed value must write the same canonical text as the fixed
/// literal.
pub fn check_fixed<T: XmlText>(value: &T, fixed: &str) -> Result<(), DecodeErrorKind> {
    let fixed_value = T::from_xml_text(fixed).map_err(DecodeErrorKind::Value)?;
    let (mut a, mut b) = (String::new(), String::new());
    value.write_xml_text(&mut a);
    fixed_value.write_xml_text(&mut b);
    if a == b {
        Ok(())
    } else {
        Err(DecodeErrorKind::Fixed { fixed: b, found: a })
    }
}

fn normalize_newlines(raw: &str) -> Cow<'_, str> {
    if memchr(b'\r', raw.as_bytes()).is_none() {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut it = raw.chars().peekable();
    while let Some(c) = it.next() {
        if c == '\r' {
            if it.peek() == Some(&'\n') {
                it.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Validates entity and character references without allocating.
fn check_refs(raw: &str) -> Result<(), (usize, DecodeErrorKind)> {
    let b = raw.as_bytes();
    let mut i = 0;
    while let Some(j) = memchr(b'&', &b[i..]) {
        let at = i + j;
        let (_, len) = parse_ref(&raw[at..]).map_err(|k| (at, k))?;
        i = at + len;
    }
    Ok(())
}

/// Parses `&...;` at the start of `s`: the character and the length consumed.
fn parse_ref(s: &str) -> Result<(char, usize), DecodeErrorKind> {
    let b = s.as_bytes();
    // The five predefined entities first: by far the most common references.
    match b.get(1..4) {
        Some(b"lt;") => return Ok(('<', 4)),
        Some(b"gt;") => return Ok(('>', 4)),
        _ if b.get(1..5) == Some(b"amp;") => return Ok(('&', 5)),
        _ => {}
    }
    let Some(semi) = b.iter().take(34).position(|&c| c == b';') else {
        let name: String = s[1..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '#')
            .take(32)
            .collect();
        return Err(DecodeErrorKind::Entity(name));
    };
    let body = &s[1..semi];
    let c = match body {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let code = if let Some(hex) = body.strip_prefix("#x") {
                (!hex.is_empty() && hex.bytes().all(|c| c.is_ascii_hexdigit()))
                    .then(|| u32::from_str_radix(hex, 16).ok())
                    .flatten()
            } else if let Some(dec) = body.strip_prefix('#') {
                (!dec.is_empty() && dec.bytes().all(|c| c.is_ascii_digit()))
                    .then(|| dec.parse::<u32>().ok())
                    .flatten()
            } else {
                return Err(DecodeErrorKind::Entity(body.to_owned()));
            };
            match code.and_then(char::from_u32) {
                Some(c) if is_xml_char(c) => c,
                _ => return Err(DecodeErrorKind::Syntax("invalid character reference")),
            }
        }
    };
    Ok((c, semi + 1))
}

/// The first character XML 1.0 forbids in a document (C0 controls other than TAB, LF, CR;
/// U+FFFE; U+FFFF): byte offset and code point. Eight bytes at a time while no byte is below
/// 0x20 or 0xEF (the lead byte of U+FFFE/U+FFFF).
fn first_illegal_char(b: &[u8]) -> Option<(usize, u32)> {
    let mut i = 0;
    while i < b.len() {
        // 32 bytes per step while all are clean: the whole document passes through here once.
        if let Some(chunk) = b.get(i..i + 32)
            && let Ok(arr) = <[u8; 32]>::try_from(chunk)
        {
            // Printable ASCII first (no byte below 0x20, none with its high bit set): one
            // subtraction and two logical operations per word. Otherwise the exact test for
            // the block (controls and 0xEF, the lead byte of U+FFFE/U+FFFF), so text in other
            // scripts still moves 32 bytes at a time.
            let word = |k: usize| {
                let mut w = [0u8; 8];
                w.copy_from_slice(&arr[k * 8..k * 8 + 8]);
                u64::from_le_bytes(w)
            };
            let mut ascii = 0u64;
            for k in 0..4 {
                let x = word(k);
                ascii |= x | x.wrapping_sub(LO * 0x20);
            }
            if ascii & HI == 0 {
                i += 32;
                continue;
            }
            let mut bad = 0u64;
            for k in 0..4 {
                let x = word(k);
                let v = x ^ (LO * 0xEF);
                bad |= (x.wrapping_sub(LO * 0x20) & !x) | (v.wrapping_sub(LO) & !v);
            }
            if bad & HI == 0 {
                i += 32;
                continue;
            }
        }
        if let Some(chunk) = b.get(i..i + 8)
            && let Ok(arr) = <[u8; 8]>::try_from(chunk)
        {
            let x = u64::from_le_bytes(arr);
            let control = x.wrapping_sub(LO * 0x20) & !x & HI != 0;
            let v = x ^ (LO * 0xEF);
            let lead = v.wrapping_sub(LO) & !v & HI != 0;
            if !control && !lead {
                i += 8;
                continue;
            }
        }
        let end = (i + 8).min(b.len());
        for j in i..end {
            match b[j] {
                b'\t' | b'\n' | b'\r' => {}
                c if c < 0x20 => return Some((j, u32::from(c))),
                0xEF if b.get(j + 1) == Some(&0xBF)
                    && matches!(b.get(j + 2), Some(0xBE | 0xBF)) =>
                {
                    return Some((j, if b[j + 2] == 0xBE { 0xFFFE } else { 0xFFFF }));
                }
                _ => {}
            }
        }
        i = end;
    }
    None
}

/// Characters XML 1.0 allows in a document.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Decodes references and normalizes newlines (and, in attributes, whitespace).
fn decode(raw: &str, attr: bool) -> Result<Cow<'_, str>, (usize, DecodeErrorKind)> {
    let mut out = String::with_capacity(raw.len());
    let b = raw.as_bytes();
    let mut i = 0;
    let mut run = 0;
    while i < b.len() {
        if !attr {
            // Text: jump straight to the next byte that needs attention.
            match memchr::memchr3(b'&', b'\r', b']', &b[i..]) {
                Some(j) => i += j,
                None => break,
            }
        }
        match b[i] {
            b'&' => {
                out.push_str(&raw[run..i]);
                let (c, len) = parse_ref(&raw[i..]).map_err(|k| (i, k))?;
                out.push(c);
                i += len;
                run = i;
            }
            b'\r' => {
                out.push_str(&raw[run..i]);
                out.push(if attr { ' ' } else { '\n' });
                i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                run = i;
            }
            b'\t' | b'\n' if attr => {
                out.push_str(&raw[run..i]);
                out.push(' ');
                i += 1;
                run = i;
            }
            b']' if !attr && raw[i..].starts_with("]]>") => {
                return Err((i, DecodeErrorKind::Syntax("`]]>` in text")));
            }
            _ => i += 1,
        }
    }
    out.push_str(&raw[run..]);
    Ok(Cow::Owned(out))
}

#[cfg(test)]
mod fast_path_tests {
    use super::*;

    /// Names longer than a chunk, ending at every offset, with punctuation and non-ASCII
    /// inside, read back whole.
    #[test]
    fn long_names_are_scanned_whole() {
        for len in 1..40 {
            let local: String = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN"[..len].to_owned();
            for name in [
                local.clone(),
                format!("p:{local}"),
                format!("{local}-1.x_é"),
            ] {
                let doc = format!("<{name} xmlns:p=\"urn:p\"><{name}/></{name}>");
                let mut r = XmlReader::new(&doc, ReadOptions::default()).unwrap();
                let root = r.root().unwrap();
                assert_eq!(root.qname(), name);
                let child = r.next_child().unwrap().unwrap();
                assert_eq!(child.qname(), name);
                r.skip_element().unwrap();
                assert!(r.next_child().unwrap().is_none());
            }
        }
    }

    /// The one-pass element-name scan accepts and refuses what scanning then splitting did,
    /// with the same messages.
    #[test]
    fn element_names_split_at_their_colon() {
        let local_of = |name: &str| {
            let doc = format!("<r xmlns:p=\"urn:p\"><{name}/></r>");
            let mut r = XmlReader::new(&doc, ReadOptions::default()).unwrap();
            r.root().unwrap();
            r.next_child()
                .map(|c| c.map(|c| (c.prefix().to_owned(), c.local().to_owned())))
                .map_err(|e| e.to_string())
        };
        assert_eq!(local_of("p:a"), Ok(Some(("p".into(), "a".into()))));
        assert_eq!(local_of("a"), Ok(Some((String::new(), "a".into()))));
        for bad in ["p:a:b", ":a", "p:", "p::a", "::"] {
            let e = local_of(bad).unwrap_err();
            assert!(e.contains("invalid qualified name"), "{bad}: {e}");
        }
        for bad in ["1a", "-a", ".a"] {
            let e = local_of(bad).unwrap_err();
            assert!(e.contains("invalid or missing name"), "{bad}: {e}");
        }
    }

    /// The one-pass text scan finds the same `<` as `memchr` and calls a text plain exactly
    /// when it holds none of `&`, CR, `]`, wherever they sit around the eight-byte steps.
    #[test]
    fn text_end_agrees_with_a_plain_search() {
        for len in 0..30 {
            for at in 0..=len {
                for c in [b'&', b'\r', b']', b'x', b'<'] {
                    let mut b = vec![b'a'; len];
                    if at < len {
                        b[at] = c;
                    }
                    b.push(b'<');
                    b.extend_from_slice(b"/e>");
                    let lt = memchr(b'<', &b).unwrap();
                    let plain = !b[..lt].iter().any(|c| matches!(c, b'&' | b'\r' | b']'));
                    assert_eq!(text_end(&b), Some((lt, plain)), "{b:?}");
                }
            }
            assert_eq!(text_end(&vec![b'a'; len]), None);
        }
    }

    /// A control character is found wherever it sits relative to the 32-byte steps.
    #[test]
    fn illegal_characters_are_found_at_every_offset() {
        for at in 0..70 {
            let mut b = vec![b'a'; 70];
            b[at] = 0x01;
            assert_eq!(first_illegal_char(&b), Some((at, 1)));
            b[at] = 0xEF;
            assert_eq!(first_illegal_char(&b), None);
            if at + 2 < b.len() {
                b[at + 1] = 0xBF;
                b[at + 2] = 0xBF;
                assert_eq!(first_illegal_char(&b), Some((at, 0xFFFF)));
            }
        }
        // Non-ASCII text and allowed controls around the steps are clean; a forbidden
        // character after them is still found.
        let mut text = "déjà vu\tñ\r\n".repeat(9).into_bytes();
        assert_eq!(first_illegal_char(&text), None);
        text.extend_from_slice("\u{FFFE}".as_bytes());
        assert_eq!(first_illegal_char(&text), Some((text.len() - 3, 0xFFFE)));
    }

    /// The inline comparison agrees with `==` at every length around its word steps, for a
    /// difference at every position.
    #[test]
    fn eq_bytes_agrees_with_slice_equality() {
        for len in 0..40 {
            let a: Vec<u8> = (0..len as u8).map(|i| b'a' + i % 26).collect();
            assert!(eq_bytes(&a, &a.clone()));
            for at in 0..len {
                let mut b = a.clone();
                b[at] ^= 0x20;
                assert!(!eq_bytes(&a, &b), "{len} {at}");
            }
            let mut longer = a.clone();
            longer.push(b'a');
            assert!(!eq_bytes(&a, &longer));
        }
    }

    /// Prefixes resolve to their innermost binding whatever their length (keys cover eight
    /// bytes; longer prefixes sharing those eight are told apart).
    #[test]
    fn prefixes_resolve_by_key_and_length() {
        let doc = r#"<a:r xmlns:a="urn:1" xmlns:abcdefghij="urn:2" xmlns:abcdefghik="urn:3" xmlns="urn:4">
            <abcdefghij:x/><abcdefghik:x/><x/><a:x xmlns:a="urn:5"/><a:x/></a:r>"#;
        let mut r = XmlReader::new(doc, ReadOptions::default()).unwrap();
        assert_eq!(r.root().unwrap().ns(), "urn:1");
        let mut seen = Vec::new();
        while let Some(c) = r.next_child().unwrap() {
            seen.push(c.ns().to_owned());
            r.skip_element().unwrap();
        }
        assert_eq!(seen, ["urn:2", "urn:3", "urn:4", "urn:5", "urn:1"]);
    }

    /// Interning hands out one allocation per distinct string while it keeps its slot, and
    /// always the right text.
    #[test]
    fn interned_names_are_shared_and_exact() {
        let doc = r#"<r xmlns:a="urn:a" xmlns:b="urn:b" xmlns="urn:d"><a:Name/><a:Name/><b:Name/><Name/><a:Nome/><a:NAme/><a:Id/><x xmlns="urn:a"/><Name xmlns=""/><a:Industry/><a:x/></r>"#;
        let mut r = XmlReader::new(doc, ReadOptions::default()).unwrap();
        r.root().unwrap();
        let mut names = Vec::new();
        while let Content::Start(s) = r.next_content().unwrap() {
            let name = r.intern_name(&s);
            assert_eq!(
                (name.ns(), name.local(), name.prefix()),
                (s.ns(), s.local(), s.prefix())
            );
            names.push(name);
            assert!(matches!(r.next_content().unwrap(), Content::End));
        }
        assert_eq!(names.len(), 11);
        assert!(Arc::ptr_eq(&names[0], &names[1]));
        for (i, n) in names.iter().enumerate().skip(2) {
            assert!(!Arc::ptr_eq(&names[0], n), "{i}");
        }
    }

    /// The eight-at-a-time name scan ends where a byte-by-byte scan of name characters ends,
    /// and finds the same colons, for every byte value at every offset around its chunks.
    #[test]
    fn name_spans_agree_with_a_byte_scan() {
        let plain = |b: &[u8], p: usize| {
            let mut e = p;
            let (mut colon, mut colons) = (usize::MAX, 0u32);
            while e < b.len() && NAME_CHAR[b[e] as usize] {
                if b[e] == b':' {
                    colon = colon.min(e);
                    colons += 1;
                }
                e += 1;
            }
            (e, colon, colons)
        };
        for len in 0..20 {
            for at in 0..=len {
                for c in 0..=255u8 {
                    let mut b: Vec<u8> = b"AbcdefghijklmnopqrstuvwxyZ"[..len].to_vec();
                    if at < len {
                        b[at] = c;
                    }
                    b.extend_from_slice(b"ab:c d");
                    for p in [0, 1] {
                        assert_eq!(name_span(&b, p), plain(&b, p), "{b:?} from {p}");
                    }
                }
            }
        }
    }

    /// The one-pass attribute value scan accepts exactly the values the general path would
    /// find plain (first quote, nothing to refuse, decode or normalize before it), at every
    /// offset around its eight-byte chunks; it may only decline near the end of the input.
    #[test]
    fn plain_attribute_values_agree_with_a_plain_search() {
        let fills = [
            b'x', b'"', b'\'', b'<', b'&', b'\t', b'\n', b'\r', b'>', 0xC3, 0x1F,
        ];
        for quote in [b'"', b'\''] {
            for len in 0..24 {
                for at in 0..=len {
                    for &c in &fills {
                        for pad in [0, 3, 9] {
                            let mut rest = vec![b'v'; len];
                            if at < len {
                                rest[at] = c;
                            }
                            rest.push(quote);
                            rest.extend(std::iter::repeat_n(b' ', pad));
                            let end = rest.iter().position(|&b| b == quote);
                            let plain = end.filter(|&e| {
                                !rest[..e].iter().any(|b| {
                                    matches!(b, b'<' | b'&' | b'\t' | b'\n' | b'\r' | b'"' | b'\'')
                                        || *b < 0x20
                                })
                            });
                            let got = plain_attr_value(&rest, quote);
                            if let Some(n) = got {
                                assert_eq!(Some(n), plain, "{rest:?}");
                            } else if let Some(e) = plain {
                                assert!(e + 8 > rest.len() / 8 * 8, "{rest:?} declined");
                            }
                        }
                    }
                }
            }
        }
    }

    /// Reads a document as the derived readers do (elements named `t…` as text, the others
    /// as children), through the fast paths or the general ones only; what was read, where
    /// the reader stood and how it ended.
    fn walk(doc: &str, opts: &ReadOptions, fast: bool) -> (Vec<String>, Result<(), String>) {
        fn children(r: &mut XmlReader<'_>, fast: bool, seen: &mut Vec<String>) -> Res<()> {
            loop {
                let child = if fast {
                    r.next_child()?
                } else {
                    r.next_child_general()?
                };
                let Some(c) = child else {
                    seen.push(format!("end at {} depth {}", r.position(), r.depth()));
                    return Ok(());
                };
                seen.push(format!("<{}> {} at {}", c.qname(), c.ns(), c.offset()));
                if c.local().starts_with('t') {
                    let text = if fast {
                        r.text_until_end()?
                    } else {
                        r.text_until_end_general()?
                    };
                    seen.push(format!(
                        "text {text:?} at {} depth {}",
                        r.position(),
                        r.depth()
                    ));
                } else {
                    children(r, fast, seen)?;
                }
            }
        }
        let mut seen = Vec::new();
        let result = XmlReader::new(doc, opts.clone()).and_then(|mut r| {
            let root = r.root()?;
            seen.push(format!("root {}", root.qname()));
            children(&mut r, fast, &mut seen)?;
            r.finish()
        });
        (seen, result.map_err(|e| e.to_string()))
    }

    /// The one-step paths for a child's start tag and a simple element's text agree with the
    /// general paths on every kind of content that can follow: results, positions, errors.
    #[test]
    fn fast_paths_read_what_the_general_paths_read() {
        let docs = [
            "<r><a><t>x</t><t>yz</t></a></r>",
            "<p:r xmlns:p='urn:p'><p:a><p:t>1</p:t></p:a><p:t>2</p:t></p:r>",
            "<r>\n  <a>\n    <t>x</t>\n  </a>\n</r>",
            "<r><t>a &amp; b</t><t>a &#x41;</t><t><![CDATA[<c>]]></t><t>a<!--c-->b</t></r>",
            "<r><t>a\r\nb</t><t>a]b</t><t>a]]>b</t></r>",
            "<r><t/><t></t><t>x</t ><t>x</t\n></r>",
            "<r><t>x</u></r>",
            "<r><t>x</tt></r>",
            "<r><t>x</t</r>",
            "<r><t>x<a/></t></r>",
            "<r><t>x",
            "<r><t>x</t>",
            "<r><!--c--><?pi x?><a/> <![CDATA[ ]]><a/></r>",
            "<r>text<a/></r>",
            "<r> <a/>text</r>",
            "<r><a><b><c><d/></c></b></a></r>",
            "<r><1a/></r>",
            "<r><a:b/></r>",
            "<r><a x='1' y=\"2\"/><t a='&lt;'>v</t></r>",
            "<r><a x='it\"s' y=\"it's\" z='a\tb' w='a\nb'/><a x='<'/></r>",
            "<r xmlns:p='urn:p-with-a-long-name'><p:a p:x='12345678901234567'/><a x='1' x='2'/></r>",
            "<r><a x='unterminated/></r>",
            "<r><t>0123456789abcdef0123456789</t><t>0123456789abcdef01234567890</t></r>",
            "<r>                                <a/></r>",
            "<t>root text</t>",
        ];
        let mut small = ReadOptions::strict();
        small.limits.max_text_len = 26;
        small.limits.max_depth = 4;
        for opts in [ReadOptions::strict(), ReadOptions::lax(), small] {
            for doc in docs {
                assert_eq!(
                    walk(doc, &opts, true),
                    walk(doc, &opts, false),
                    "{doc:?} with {opts:?}"
                );
            }
        }
    }
}
