//! A loop for a profiler (not a benchmark): decodes or encodes one bench document with
//! soapstone `N` times, e.g.
//! `valgrind --tool=callgrind target/release/examples/profile decode retrieve-1000 20`
//! (`print` writes the encoded document to stdout once).

use soapstone_benches::docs::{self, DocKind};
use soapstone_benches::peers::{limit, serde_qx};
use soapstone_benches::soapstone_side as ss;
use soapstone_benches::writer;
use std::hint::black_box;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(what), Some(name)) = (args.get(1), args.get(2)) else {
        eprintln!(
            "usage: profile decode|encode|print|decode-limit|decode-serde|encode-limit|encode-serde <document> [iterations]"
        );
        std::process::exit(2);
    };
    let n: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(100);
    let Some(doc) = docs::all().into_iter().find(|d| &d.name == name) else {
        eprintln!("no document {name}");
        std::process::exit(2);
    };
    let start = std::time::Instant::now();
    match (what.as_str(), doc.kind) {
        ("decode", DocKind::RetrieveMessagesResponse) => {
            for _ in 0..n {
                black_box(ss::decode_retrieve(black_box(&doc.bytes)).expect("decodes"));
            }
        }
        ("decode", DocKind::RequestChat) => {
            for _ in 0..n {
                black_box(ss::decode_request_chat(black_box(&doc.bytes)).expect("decodes"));
            }
        }
        ("encode", DocKind::RetrieveMessagesResponse) => {
            let v = ss::decode_retrieve(&doc.bytes).expect("decodes");
            let mut out = Vec::with_capacity(doc.bytes.len());
            for _ in 0..n {
                out.clear();
                out = ss::encode_retrieve_into(out, black_box(&v)).expect("encodes");
                black_box(&out);
            }
        }
        ("encode", DocKind::RequestChat) => {
            let v = ss::decode_request_chat(&doc.bytes).expect("decodes");
            let mut out = Vec::with_capacity(doc.bytes.len());
            for _ in 0..n {
                out.clear();
                out = ss::encode_request_chat_into(out, black_box(&v)).expect("encodes");
                black_box(&out);
            }
        }
        ("decode", DocKind::SalesforceQueryResponse) => {
            for _ in 0..n {
                black_box(ss::decode_sf(black_box(&doc.bytes)).expect("decodes"));
            }
        }
        ("encode", DocKind::SalesforceQueryResponse) => {
            let v = ss::decode_sf(&doc.bytes).expect("decodes");
            let mut out = Vec::with_capacity(doc.bytes.len());
            for _ in 0..n {
                out.clear();
                out = ss::encode_sf_into(out, black_box(&v)).expect("encodes");
                black_box(&out);
            }
        }
        // Peers, for load-independent instruction ratios (callgrind with
        // `--toggle-collect='soapstone_benches::peers::limit::decode_raw'`, ...).
        ("decode-limit", _) => {
            for _ in 0..n {
                black_box(limit::decode_raw(black_box(&doc.bytes)).expect("well-formed"));
            }
        }
        ("decode-serde", DocKind::RetrieveMessagesResponse) => {
            for _ in 0..n {
                black_box(serde_qx::decode_retrieve(black_box(&doc.bytes)).expect("decodes"));
            }
        }
        ("decode-serde", DocKind::SalesforceQueryResponse) => {
            for _ in 0..n {
                black_box(serde_qx::decode_sf(black_box(&doc.bytes)).expect("decodes"));
            }
        }
        ("encode-limit", DocKind::RetrieveMessagesResponse) => {
            let model = docs::retrieve_messages_response(doc.items);
            let mut out = Vec::with_capacity(doc.bytes.len());
            for _ in 0..n {
                out.clear();
                writer::retrieve_messages_response(black_box(&model), &mut out);
                black_box(&out);
            }
        }
        ("encode-limit", DocKind::RequestChat) => {
            let model = docs::request_chat();
            let mut out = Vec::with_capacity(doc.bytes.len());
            for _ in 0..n {
                out.clear();
                writer::request_chat(black_box(&model), &mut out);
                black_box(&out);
            }
        }
        ("encode-limit", DocKind::SalesforceQueryResponse) => {
            let model = docs::sf_query_response(doc.items);
            let mut out = Vec::with_capacity(doc.bytes.len());
            for _ in 0..n {
                out.clear();
                writer::sf_query_response(black_box(&model), &mut out);
                black_box(&out);
            }
        }
        ("encode-serde", DocKind::RetrieveMessagesResponse) => {
            let v = serde_qx::decode_retrieve(&doc.bytes).expect("decodes");
            let mut out = String::with_capacity(doc.bytes.len());
            for _ in 0..n {
                out.clear();
                serde_qx::encode_into(&mut out, black_box(&v)).expect("encodes");
                black_box(&out);
            }
        }
        ("print", DocKind::RetrieveMessagesResponse) => {
            let v = ss::decode_retrieve(&doc.bytes).expect("decodes");
            let out = ss::encode_retrieve_into(Vec::new(), &v).expect("encodes");
            println!("{}", String::from_utf8_lossy(&out));
        }
        ("print", DocKind::RequestChat) => {
            let v = ss::decode_request_chat(&doc.bytes).expect("decodes");
            let out = ss::encode_request_chat_into(Vec::new(), &v).expect("encodes");
            println!("{}", String::from_utf8_lossy(&out));
        }
        ("print", DocKind::SalesforceQueryResponse) => {
            let v = ss::decode_sf(&doc.bytes).expect("decodes");
            let out = ss::encode_sf_into(Vec::new(), &v).expect("encodes");
            println!("{}", String::from_utf8_lossy(&out));
        }
        _ => {
            eprintln!("no soapstone line for {what} {name}");
            std::process::exit(2);
        }
    }
    let per = start.elapsed() / n as u32;
    println!("{what} {name}: {per:?} per iteration");
}
