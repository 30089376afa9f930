//! Each peer's decode of a bench document as one call (what the bench times), and the peak
//! heap of each while decoding.

use crate::alloc::peak_while;
use crate::docs::{DocKind, Document};
use crate::peers::{limit, serde_qx, yaserde_peer};
use crate::soapstone_side;
use std::hint::black_box;

/// Peak heap while decoding `doc`, per peer id, in the bench's order (yaserde only where it
/// has a line). Needs [`crate::alloc::CountingAlloc`] as the global allocator.
pub fn peak_heaps(doc: &Document) -> Vec<(&'static str, usize)> {
    let mut out = vec![
        ("soapstone", peak_while(|| decode_soapstone(doc)).1),
        ("limit", peak_while(|| limit::decode_raw(&doc.bytes)).1),
        ("nsreader", peak_while(|| limit::decode_ns(&doc.bytes)).1),
        ("serde-qx", peak_while(|| decode_serde(doc)).1),
    ];
    if yaserde_supports(doc.kind) {
        out.push(("yaserde", peak_while(|| decode_yaserde(doc)).1));
    }
    out
}

/// serde + quick-xml's decode of `doc` into the hand-written model.
pub fn decode_serde(doc: &Document) {
    match doc.kind {
        DocKind::RetrieveMessagesResponse => {
            black_box(serde_qx::decode_retrieve(&doc.bytes).expect("serde decodes"));
        }
        DocKind::RequestChat => {
            black_box(serde_qx::decode_request_chat(&doc.bytes).expect("serde decodes"));
        }
        DocKind::SalesforceQueryResponse => {
            black_box(serde_qx::decode_sf(&doc.bytes).expect("serde decodes"));
        }
    }
}

/// soapstone's decode of `doc` with generated bindings (envelope included, strict).
pub fn decode_soapstone(doc: &Document) {
    match doc.kind {
        DocKind::RetrieveMessagesResponse => {
            black_box(soapstone_side::decode_retrieve(&doc.bytes).expect("soapstone decodes"));
        }
        DocKind::RequestChat => {
            black_box(soapstone_side::decode_request_chat(&doc.bytes).expect("soapstone decodes"));
        }
        DocKind::SalesforceQueryResponse => {
            black_box(soapstone_side::decode_sf(&doc.bytes).expect("soapstone decodes"));
        }
    }
}

/// yaserde has no `RequestChat` line: see BENCHMARKS.md.
pub fn yaserde_supports(kind: DocKind) -> bool {
    kind != DocKind::RequestChat
}

/// yaserde's decode of `doc` (not `RequestChat`).
pub fn decode_yaserde(doc: &Document) {
    match doc.kind {
        DocKind::RetrieveMessagesResponse => {
            black_box(yaserde_peer::decode_retrieve(&doc.bytes).expect("yaserde decodes"));
        }
        DocKind::SalesforceQueryResponse => {
            black_box(yaserde_peer::decode_sf(&doc.bytes).expect("yaserde decodes"));
        }
        DocKind::RequestChat => unreachable!("filtered by yaserde_supports"),
    }
}
