//! Envelope encoding and decoding.
//!
//! Decoding finds `Envelope`, `Header` and `Body` by namespace URI (any prefix, or the default
//! namespace), takes the SOAP version from the envelope namespace, offers header blocks to a
//! [`ReadHeaders`] set and reads the body into a typed payload or a typed [`Fault`].

use std::any::TypeId;
use std::borrow::Cow;

use super::SoapVersion;
use super::fault::{Detail, DetailEntry, Fault, Fault11, Fault12, FaultCode, ReasonText};
use super::header::{HeaderAttributes, ReadHeaders, WriteHeader, block_name, close_open_tag};
use crate::xml::{
    AnyElement, DecodeError, DecodeErrorKind, EncodeError, Offer, QNameRef, RESUME, ReadOptions,
    StartTag, XML_NS, XmlContent, XmlContentWrite, XmlRead, XmlReader, XmlRoot, XmlWrite,
    XmlWriter,
};

/// A decoded envelope.
#[derive(Debug, Clone, PartialEq)]
pub struct Envelope<H, B> {
    /// The version found in the envelope namespace.
    pub version: SoapVersion,
    /// The header blocks the set took.
    pub headers: H,
    /// The body.
    pub body: B,
}

/// What a `Body` held.
#[derive(Debug, Clone, PartialEq)]
pub enum Body<B, F> {
    /// The expected payload.
    Payload(B),
    /// A fault.
    Fault(Fault<F>),
}

/// Why an envelope could not be decoded.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum EnvelopeError {
    /// Malformed XML, or content that does not fit the expected types (with element path and
    /// line:column).
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// The root is not a SOAP envelope of the expected version.
    #[error("SOAP version mismatch: expected {}, found root element {found}", expected.map_or("a SOAP 1.1 or 1.2 envelope".to_owned(), |v| format!("a {v} envelope")))]
    VersionMismatch {
        /// The version required (`None`: either).
        expected: Option<SoapVersion>,
        /// The root element found, `{namespace}local`.
        found: String,
        /// The version of the root, when it is an envelope of the other version.
        found_version: Option<SoapVersion>,
    },
    /// A mustUnderstand header block addressed to us that the header set does not know.
    #[error("header block {header} is marked mustUnderstand but is not understood")]
    MustUnderstand {
        /// The envelope's version.
        version: SoapVersion,
        /// The block's name.
        header: String,
    },
}

/// A fault detail type that matches no element: every detail entry is kept raw. For
/// operations without WSDL faults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoDetail {}

impl XmlContent for NoDetail {
    type State = ();

    fn accepts(_start: &StartTag<'_>) -> bool {
        false
    }

    fn offer(
        _state: &mut (),
        _r: &mut XmlReader<'_>,
        _start: &StartTag<'_>,
    ) -> Result<Offer, DecodeError> {
        Ok(Offer::NotMine)
    }

    fn is_started(_state: &()) -> bool {
        false
    }

    fn finish(_state: (), r: &XmlReader<'_>) -> Result<Self, DecodeError> {
        Err(r.content_error(DecodeErrorKind::Custom("no fault detail type".to_owned())))
    }
}

impl XmlContentWrite for NoDetail {
    fn write_content(&self, _w: &mut XmlWriter) -> Result<(), EncodeError> {
        match *self {}
    }
}

fn env(version: SoapVersion, local: &'static str) -> QNameRef<'static> {
    QNameRef::new(version.envelope_ns(), local)
}

fn start_envelope(
    w: &mut XmlWriter,
    version: SoapVersion,
    declaration: XmlDeclaration,
) -> Result<(), EncodeError> {
    if declaration == XmlDeclaration::Write {
        w.xml_declaration();
    }
    w.declare_prefix(version.prefix(), version.envelope_ns());
    w.start_element(env(version, "Envelope"))
}

fn write_headers(
    w: &mut XmlWriter,
    version: SoapVersion,
    headers: &[&dyn WriteHeader],
) -> Result<(), EncodeError> {
    if headers.is_empty() {
        return Ok(());
    }
    w.start_element(env(version, "Header"))?;
    write_header_blocks(w, version, headers)
}

/// The blocks of the open `Header` element, and its end tag.
fn write_header_blocks(
    w: &mut XmlWriter,
    version: SoapVersion,
    headers: &[&dyn WriteHeader],
) -> Result<(), EncodeError> {
    for h in headers {
        h.write_header(w, version)?;
    }
    w.end_element()
}

/// Whether an encoded envelope starts with `<?xml version="1.0" encoding="UTF-8"?>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum XmlDeclaration {
    /// Written (what [`encode`] does).
    #[default]
    Write,
    /// Left out (UTF-8 is XML's default, and many servers send none).
    Omit,
}

/// Writes an envelope with `headers` and the payload `body` (under `B::NAME`, with the
/// namespaces of its type tree declared on the payload element).
pub fn encode<B: XmlWrite + XmlRoot + 'static>(
    version: SoapVersion,
    headers: &[&dyn WriteHeader],
    body: &B,
) -> Result<Vec<u8>, EncodeError> {
    encode_into(
        Vec::with_capacity(512),
        version,
        headers,
        body,
        XmlDeclaration::Write,
    )
}

/// [`encode`], appended to `out` (a buffer reused from message to message keeps its
/// allocation), with or without the XML declaration.
///
/// The envelope's opening (`<soap:Envelope ...><soap:Body>` and, for derived payload types,
/// the payload's start tag with its namespace declarations) is the same for every message of
/// a payload type, so it is written once per thread and copied after that: on a
/// one-kilobyte chat poll it cost as much as the content.
pub fn encode_into<B: XmlWrite + XmlRoot + 'static>(
    out: Vec<u8>,
    version: SoapVersion,
    headers: &[&dyn WriteHeader],
    body: &B,
    declaration: XmlDeclaration,
) -> Result<Vec<u8>, EncodeError> {
    let mut w = XmlWriter::with_buffer(out);
    // The memo key: the payload type, and what else decides the opening's bytes.
    let variant = |part: u32| {
        part << 2
            | u32::from(version == SoapVersion::Soap12) << 1
            | u32::from(declaration == XmlDeclaration::Write)
    };
    if headers.is_empty() && B::SPLITS_START {
        w.open_memoized((TypeId::of::<B>(), variant(0)), |w| {
            start_envelope(w, version, declaration)?;
            w.start_element(env(version, "Body"))?;
            close_open_tag(w);
            w.predeclare_root::<B>();
            w.start_element(B::NAME)
        })?;
        body.write_tagged(&mut w, &RESUME)?;
    } else {
        let part = if headers.is_empty() { 1 } else { 2 };
        w.open_memoized((TypeId::of::<()>(), variant(part)), |w| {
            start_envelope(w, version, declaration)?;
            if !headers.is_empty() {
                w.start_element(env(version, "Header"))?;
            }
            Ok(())
        })?;
        if !headers.is_empty() {
            write_header_blocks(&mut w, version, headers)?;
        }
        w.start_element(env(version, "Body"))?;
        close_open_tag(&mut w);
        w.predeclare_root::<B>();
        body.write_xml(&mut w, B::NAME)?;
    }
    w.end_element()?;
    w.end_element()?;
    w.into_inner()
}

/// Writes an envelope whose body is one element of the content model `B` (an enum of an
/// operation set's elements, e.g. a server's responses).
pub fn encode_content<B: XmlContentWrite>(
    version: SoapVersion,
    headers: &[&dyn WriteHeader],
    body: &B,
) -> Result<Vec<u8>, EncodeError> {
    let mut w = XmlWriter::new();
    start_envelope(&mut w, version, XmlDeclaration::Write)?;
    write_headers(&mut w, version, headers)?;
    w.start_element(env(version, "Body"))?;
    body.write_content(&mut w)?;
    w.end_element()?;
    w.end_element()?;
    w.into_inner()
}

/// Writes a fault envelope (the fault's own version).
pub fn encode_fault<F: XmlContentWrite>(
    fault: &Fault<F>,
    headers: &[&dyn WriteHeader],
) -> Result<Vec<u8>, EncodeError> {
    let version = fault.version();
    let mut w = XmlWriter::new();
    start_envelope(&mut w, version, XmlDeclaration::Write)?;
    write_headers(&mut w, version, headers)?;
    w.start_element(env(version, "Body"))?;
    w.start_element(env(version, "Fault"))?;
    match fault {
        Fault::V11(f) => write_fault11(&mut w, f)?,
        Fault::V12(f) => write_fault12(&mut w, f)?,
    }
    w.end_element()?;
    w.end_element()?;
    w.end_element()?;
    w.into_inner()
}

fn write_detail<F: XmlContentWrite>(
    w: &mut XmlWriter,
    name: QNameRef<'_>,
    detail: &Detail<F>,
) -> Result<(), EncodeError> {
    w.start_element(name)?;
    for entry in &detail.entries {
        match entry {
            DetailEntry::Typed(f) => f.write_content(w)?,
            DetailEntry::Raw(a) => a.write(w)?,
        }
    }
    w.end_element()
}

fn write_fault11<F: XmlContentWrite>(w: &mut XmlWriter, f: &Fault11<F>) -> Result<(), EncodeError> {
    w.start_element(QNameRef::new("", "faultcode"))?;
    w.text_value(&f.code)?;
    w.end_element()?;
    lang_element(
        w,
        QNameRef::new("", "faultstring"),
        f.string_lang.as_deref(),
        &f.string,
    )?;
    if let Some(actor) = &f.actor {
        w.simple_element(QNameRef::new("", "faultactor"), actor)?;
    }
    if let Some(detail) = &f.detail {
        write_detail(w, QNameRef::new("", "detail"), detail)?;
    }
    Ok(())
}

/// `<name xml:lang="lang">text</name>` (no `xml:lang` when `lang` is `None`).
fn lang_element(
    w: &mut XmlWriter,
    name: QNameRef<'_>,
    lang: Option<&str>,
    text: &str,
) -> Result<(), EncodeError> {
    w.start_element(name)?;
    if let Some(lang) = lang {
        w.attribute(QNameRef::new(XML_NS, "lang"), lang)?;
    }
    w.text(text)?;
    w.end_element()
}

fn write_fault12<F: XmlContentWrite>(w: &mut XmlWriter, f: &Fault12<F>) -> Result<(), EncodeError> {
    let v = SoapVersion::Soap12;
    w.start_element(env(v, "Code"))?;
    w.start_element(env(v, "Value"))?;
    w.text_value(&f.code)?;
    w.end_element()?;
    for sub in &f.subcodes {
        w.start_element(env(v, "Subcode"))?;
        w.start_element(env(v, "Value"))?;
        w.text_value(sub)?;
        w.end_element()?;
    }
    for _ in &f.subcodes {
        w.end_element()?;
    }
    w.end_element()?;
    w.start_element(env(v, "Reason"))?;
    for r in &f.reason {
        lang_element(w, env(v, "Text"), Some(&r.lang), &r.text)?;
    }
    w.end_element()?;
    if let Some(node) = &f.node {
        w.simple_element(env(v, "Node"), node)?;
    }
    if let Some(role) = &f.role {
        w.simple_element(env(v, "Role"), role)?;
    }
    if let Some(detail) = &f.detail {
        write_detail(w, env(v, "Detail"), detail)?;
    }
    Ok(())
}

// ----- decoding ------------------------------------------------------------------------------

/// Decodes a response envelope whose body is `T` or a fault.
pub fn decode_response<H, T, F>(
    bytes: &[u8],
    expected: Option<SoapVersion>,
    opts: &ReadOptions,
) -> Result<Envelope<H, Body<T, F>>, EnvelopeError>
where
    H: ReadHeaders,
    T: XmlRead + XmlRoot,
    F: XmlContent,
{
    decode_with(bytes, expected, opts, |r, start| {
        if start.matches(T::NAME) {
            if !T::NILLABLE {
                crate::xml::__private::check_not_nil(r, start)?;
            }
            T::read_xml(r, start).map(Some)
        } else {
            Ok(None)
        }
    })
}

/// Decodes an envelope whose body is one element of the content model `B` (a server's
/// request enum) or a fault.
pub fn decode_content<H, B, F>(
    bytes: &[u8],
    expected: Option<SoapVersion>,
    opts: &ReadOptions,
) -> Result<Envelope<H, Body<B, F>>, EnvelopeError>
where
    H: ReadHeaders,
    B: XmlContent,
    F: XmlContent,
{
    decode_with(bytes, expected, opts, |r, start| {
        if !B::accepts(start) {
            return Ok(None);
        }
        let mut state = B::State::default();
        match B::offer(&mut state, r, start)? {
            Offer::Taken => B::finish(state, r).map(Some),
            Offer::NotMine | Offer::OutOfOrder | Offer::Duplicate => Ok(None),
        }
    })
}

/// Decodes an envelope, reading the body payload with `read_payload`: it gets each body child
/// that is not a fault and reads it (`Some`) or declines it without consuming (`None`).
pub fn decode_with<H, B, F>(
    bytes: &[u8],
    expected: Option<SoapVersion>,
    opts: &ReadOptions,
    mut read_payload: impl FnMut(&mut XmlReader<'_>, &StartTag<'_>) -> Result<Option<B>, DecodeError>,
) -> Result<Envelope<H, Body<B, F>>, EnvelopeError>
where
    H: ReadHeaders,
    F: XmlContent,
{
    let mut r = XmlReader::from_bytes(bytes, opts.clone())?;
    let root = r.root()?;
    let found_version = SoapVersion::from_envelope_ns(root.ns());
    let version = match (found_version, expected) {
        (Some(found), Some(exp)) if found != exp => None,
        (found, _) => found,
    };
    let Some(version) = version.filter(|_| root.local() == "Envelope") else {
        return Err(EnvelopeError::VersionMismatch {
            expected,
            found: block_name(&root),
            found_version: found_version.filter(|_| root.local() == "Envelope"),
        });
    };
    let ns = version.envelope_ns();
    let mut headers = H::default();
    let mut body = None;
    let mut seen_header = false;
    while let Some(child) = r.next_child()? {
        if child.is(ns, "Header") && !seen_header && body.is_none() {
            seen_header = true;
            read_header_blocks(&mut r, version, &mut headers)?;
        } else if child.is(ns, "Body") && body.is_none() {
            body = Some(read_body(&mut r, version, &mut read_payload)?);
        } else if child.is(ns, "Header") && !seen_header {
            return Err(r.out_of_order(&child).into());
        } else if child.is(ns, "Header") || child.is(ns, "Body") {
            return Err(r.duplicate_element(&child).into());
        } else {
            r.unknown_element(&child)?;
        }
    }
    let Some(body) = body else {
        return Err(r.missing_element(env(version, "Body")).into());
    };
    r.finish()?;
    Ok(Envelope {
        version,
        headers,
        body,
    })
}

fn read_header_blocks<H: ReadHeaders>(
    r: &mut XmlReader<'_>,
    version: SoapVersion,
    headers: &mut H,
) -> Result<(), EnvelopeError> {
    while let Some(block) = r.next_child()? {
        let attrs = HeaderAttributes::read(r, &block, version);
        if headers.read_header(r, &block, &attrs)? {
            continue;
        }
        if attrs.must_understand && attrs.targets_us(version) {
            return Err(EnvelopeError::MustUnderstand {
                version,
                header: block_name(&block),
            });
        }
        // Header blocks nobody asked for are optional by SOAP's processing model: skipped
        // even in strict mode.
        r.skip_element()?;
    }
    Ok(())
}

fn read_body<B, F: XmlContent>(
    r: &mut XmlReader<'_>,
    version: SoapVersion,
    read_payload: &mut impl FnMut(&mut XmlReader<'_>, &StartTag<'_>) -> Result<Option<B>, DecodeError>,
) -> Result<Body<B, F>, DecodeError> {
    let ns = version.envelope_ns();
    let mut out: Option<Body<B, F>> = None;
    while let Some(child) = r.next_child()? {
        if out.is_none() {
            if child.is(ns, "Fault") {
                let fault = match version {
                    SoapVersion::Soap11 => Fault::V11(read_fault11(r)?),
                    SoapVersion::Soap12 => Fault::V12(read_fault12(r)?),
                };
                out = Some(Body::Fault(fault));
                continue;
            }
            if let Some(payload) = read_payload(r, &child)? {
                out = Some(Body::Payload(payload));
                continue;
            }
        }
        r.unknown_element(&child)?;
    }
    out.ok_or_else(|| {
        r.content_error(DecodeErrorKind::MissingElement(
            "the expected body element or a Fault".to_owned(),
        ))
    })
}

/// Whether `start` is `local` unqualified or in the envelope namespace: SOAP 1.1 fault
/// children are unqualified, but some stacks qualify them.
fn is_fault11_child(start: &StartTag<'_>, local: &str) -> bool {
    start.local() == local
        && (start.ns().is_empty() || start.ns() == SoapVersion::Soap11.envelope_ns())
}

fn read_code(r: &mut XmlReader<'_>) -> Result<FaultCode, DecodeError> {
    let text = r.read_text()?;
    Ok(resolve_code(r, &text))
}

/// Resolves a fault code QName in the scope of the element just read. An undeclared prefix
/// keeps the whole text as the local name: a fault must not be lost to a sloppy code.
fn resolve_code(r: &XmlReader<'_>, text: &str) -> FaultCode {
    match r.resolve_qname(text) {
        Ok(q) => FaultCode::new(q.ns, q.local),
        Err(_) => FaultCode::new("", text.trim()),
    }
}

fn xml_lang(r: &XmlReader<'_>, start: &StartTag<'_>) -> Option<String> {
    r.attributes(start)
        .find(|a| a.is(XML_NS, "lang"))
        .map(|a| a.value.into_owned())
}

fn read_fault11<F: XmlContent>(r: &mut XmlReader<'_>) -> Result<Fault11<F>, DecodeError> {
    let mut code = None;
    let mut string = None;
    let mut string_lang = None;
    let mut actor = None;
    let mut detail = None;
    while let Some(child) = r.next_child()? {
        if is_fault11_child(&child, "faultcode") && code.is_none() {
            code = Some(read_code(r)?);
        } else if is_fault11_child(&child, "faultstring") && string.is_none() {
            string_lang = xml_lang(r, &child);
            string = Some(r.read_text()?.into_owned());
        } else if is_fault11_child(&child, "faultactor") && actor.is_none() {
            actor = Some(r.read_text()?.into_owned());
        } else if is_fault11_child(&child, "detail") && detail.is_none() {
            detail = Some(read_detail(r)?);
        } else {
            r.unknown_element(&child)?;
        }
    }
    let code = code.ok_or_else(|| r.missing_element(QNameRef::new("", "faultcode")))?;
    let string = match string {
        Some(s) => s,
        None if r.is_lax() => String::new(),
        None => return Err(r.missing_element(QNameRef::new("", "faultstring"))),
    };
    Ok(Fault11 {
        code,
        string,
        string_lang,
        actor,
        detail,
    })
}

fn read_fault12<F: XmlContent>(r: &mut XmlReader<'_>) -> Result<Fault12<F>, DecodeError> {
    let ns = SoapVersion::Soap12.envelope_ns();
    let mut code = None;
    let mut subcodes = Vec::new();
    let mut reason = Vec::new();
    let mut seen_reason = false;
    let mut node = None;
    let mut role = None;
    let mut detail = None;
    while let Some(child) = r.next_child()? {
        if child.is(ns, "Code") && code.is_none() {
            code = Some(read_code12(r, &mut subcodes)?);
        } else if child.is(ns, "Reason") && !seen_reason {
            seen_reason = true;
            while let Some(text) = r.next_child()? {
                if text.is(ns, "Text") {
                    let lang = xml_lang(r, &text).unwrap_or_default();
                    reason.push(ReasonText {
                        lang,
                        text: r.read_text()?.into_owned(),
                    });
                } else {
                    r.unknown_element(&text)?;
                }
            }
        } else if child.is(ns, "Node") && node.is_none() {
            node = Some(r.read_text()?.into_owned());
        } else if child.is(ns, "Role") && role.is_none() {
            role = Some(r.read_text()?.into_owned());
        } else if child.is(ns, "Detail") && detail.is_none() {
            detail = Some(read_detail(r)?);
        } else {
            r.unknown_element(&child)?;
        }
    }
    let code = code.ok_or_else(|| r.missing_element(env(SoapVersion::Soap12, "Code")))?;
    if reason.is_empty() && !r.is_lax() {
        return Err(r.missing_element(env(SoapVersion::Soap12, "Text")));
    }
    Ok(Fault12 {
        code,
        subcodes,
        reason,
        node,
        role,
        detail,
    })
}

/// Reads `Code` (`Value`, then an optional chain of `Subcode`s) iteratively: a hostile chain
/// is bounded by the reader's depth limit, never by the stack.
fn read_code12(
    r: &mut XmlReader<'_>,
    subcodes: &mut Vec<FaultCode>,
) -> Result<FaultCode, DecodeError> {
    let ns = SoapVersion::Soap12.envelope_ns();
    let mut code = None;
    // Levels entered: the Code element and then each Subcode.
    let mut level_has_value = vec![false];
    loop {
        let Some(child) = r.next_child()? else {
            let had_value = level_has_value.pop().unwrap_or(false);
            if !had_value {
                return Err(r.missing_element(env(SoapVersion::Soap12, "Value")));
            }
            if level_has_value.is_empty() {
                break;
            }
            continue;
        };
        let depth = level_has_value.len();
        if child.is(ns, "Value") && !level_has_value[depth - 1] {
            level_has_value[depth - 1] = true;
            let value = read_code(r)?;
            if depth == 1 {
                code = Some(value);
            } else {
                subcodes.push(value);
            }
        } else if child.is(ns, "Subcode") && level_has_value[depth - 1] {
            level_has_value.push(false);
        } else {
            r.unknown_element(&child)?;
        }
    }
    code.ok_or_else(|| r.missing_element(env(SoapVersion::Soap12, "Value")))
}

fn read_detail<F: XmlContent>(r: &mut XmlReader<'_>) -> Result<Detail<F>, DecodeError> {
    let mut detail = Detail::default();
    while let Some(child) = r.next_child()? {
        if F::accepts(&child) {
            let mut state = F::State::default();
            if let Offer::Taken = F::offer(&mut state, r, &child)? {
                detail
                    .entries
                    .push(DetailEntry::Typed(F::finish(state, r)?));
                continue;
            }
        }
        detail
            .entries
            .push(DetailEntry::Raw(AnyElement::read_xml(r, &child)?));
    }
    Ok(detail)
}

/// Whether a body starts like an XML document (and not like an HTML page), so that an error
/// status with a SOAP fault is parsed and a proxy's error page is not.
pub(crate) fn looks_like_xml(body: &[u8]) -> bool {
    let text: Cow<'_, str> = String::from_utf8_lossy(&body[..body.len().min(512)]);
    let t = text.trim_start_matches('\u{feff}').trim_start();
    t.starts_with('<')
        && !t
            .get(..14)
            .is_some_and(|s| s.eq_ignore_ascii_case("<!doctype html"))
}
