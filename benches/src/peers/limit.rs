//! The limits: what any binding must at least do on the same bytes.
//!
//! - decode: quick-xml's raw `Reader` over `&[u8]`, consuming every event without building
//!   values or resolving namespaces;
//! - namespace-resolution reference: the same with `NsReader` resolving every element name to
//!   its namespace URI (what a binding that checks namespaces has to pay for, done the stock way);
//! - encode: [`crate::writer`], constant tag bytes plus text escaping.

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::{NsReader, Reader};

/// What a raw pass observed, so the optimiser cannot drop the work and tests can check it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub elements: usize,
    pub text_bytes: usize,
}

/// Raw tokenization: every event of the document, nothing decoded.
pub fn decode_raw(bytes: &[u8]) -> Result<Tally, quick_xml::Error> {
    let mut reader = Reader::from_reader(bytes);
    let mut tally = Tally::default();
    loop {
        match reader.read_event()? {
            Event::Start(_) | Event::Empty(_) => tally.elements += 1,
            Event::Text(t) => tally.text_bytes += t.len(),
            Event::Eof => return Ok(tally),
            _ => {}
        }
    }
}

/// Tokenization plus namespace resolution of every element name (`NsReader`).
pub fn decode_ns(bytes: &[u8]) -> Result<Tally, quick_xml::Error> {
    let mut reader = NsReader::from_reader(bytes);
    let mut tally = Tally::default();
    loop {
        match reader.read_resolved_event()? {
            (
                ResolveResult::Bound(_) | ResolveResult::Unbound,
                Event::Start(_) | Event::Empty(_),
            ) => tally.elements += 1,
            (ResolveResult::Unknown(p), _) => {
                return Err(quick_xml::Error::Namespace(
                    quick_xml::name::NamespaceError::UnknownPrefix(p),
                ));
            }
            (_, Event::Text(t)) => tally.text_bytes += t.len(),
            (_, Event::Eof) => return Ok(tally),
            _ => {}
        }
    }
}
