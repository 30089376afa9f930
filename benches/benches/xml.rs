//! `cargo bench -p soapstone-benches` (pin it: `taskset -c 1 cargo bench -p soapstone-benches`).
//!
//! Measures every peer on the same bytes in one run (criterion), runs the gSOAP driver, measures
//! peak heap while decoding, and prints the results table (also written to
//! `target/soapstone-benches-report.md`).

use criterion::{BenchmarkId, Criterion, Throughput};
use soapstone_benches::alloc::CountingAlloc;
use soapstone_benches::decoders::{
    self, decode_serde, decode_soapstone, decode_yaserde, yaserde_supports,
};
use soapstone_benches::docs::{self, DocKind, Document};
use soapstone_benches::peers::{limit, qx_writer, serde_qx, yaserde_peer};
use soapstone_benches::report::{self, Cell, Direction, Results};
use soapstone_benches::{gsoap, soapstone_side, writer};
use std::hint::black_box;
use std::time::Duration;

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

/// Peer ids (criterion function names) and table labels, in display order.
const PEERS: [(&str, &str); 7] = [
    ("soapstone", "soapstone"),
    ("limit", "limit"),
    ("nsreader", "NsReader"),
    ("gsoap", "gSOAP"),
    ("serde-qx", "serde+qx"),
    ("yaserde", "yaserde"),
    ("qx-writer", "qx Writer"),
];

fn bench_decode(c: &mut Criterion, docs: &[Document]) {
    let mut group = c.benchmark_group("decode");
    for doc in docs {
        group.throughput(Throughput::Bytes(doc.bytes.len() as u64));
        group.bench_with_input(BenchmarkId::new("soapstone", &doc.name), doc, |b, d| {
            b.iter(|| decode_soapstone(black_box(d)))
        });
        group.bench_with_input(BenchmarkId::new("limit", &doc.name), doc, |b, d| {
            b.iter(|| limit::decode_raw(black_box(&d.bytes)).expect("well-formed"))
        });
        group.bench_with_input(BenchmarkId::new("nsreader", &doc.name), doc, |b, d| {
            b.iter(|| limit::decode_ns(black_box(&d.bytes)).expect("well-formed"))
        });
        group.bench_with_input(BenchmarkId::new("serde-qx", &doc.name), doc, |b, d| {
            b.iter(|| decode_serde(black_box(d)))
        });
        if yaserde_supports(doc.kind) {
            group.bench_with_input(BenchmarkId::new("yaserde", &doc.name), doc, |b, d| {
                b.iter(|| decode_yaserde(black_box(d)))
            });
        }
    }
    group.finish();
}

fn bench_encode(c: &mut Criterion, docs: &[Document]) {
    let mut group = c.benchmark_group("encode");
    for doc in docs {
        group.throughput(Throughput::Bytes(doc.bytes.len() as u64));
        // Each peer encodes a value it decoded itself beforehand (the pre-built value), into
        // an output buffer reused across iterations, as the gSOAP driver does: a fresh
        // multi-megabyte buffer per iteration would measure page faults, not encoding.
        match doc.kind {
            DocKind::RetrieveMessagesResponse => {
                let v = soapstone_side::decode_retrieve(&doc.bytes).expect("soapstone decodes");
                group.bench_function(BenchmarkId::new("soapstone", &doc.name), |b| {
                    let mut out = Vec::with_capacity(doc.bytes.len());
                    b.iter(|| {
                        out.clear();
                        out = soapstone_side::encode_retrieve_into(
                            std::mem::take(&mut out),
                            black_box(&v),
                        )
                        .expect("soapstone encodes");
                        black_box(&out);
                    })
                });
                let n = doc.items;
                let model = docs::retrieve_messages_response(n);
                group.bench_function(BenchmarkId::new("limit", &doc.name), |b| {
                    let mut out = Vec::with_capacity(doc.bytes.len());
                    b.iter(|| {
                        out.clear();
                        writer::retrieve_messages_response(black_box(&model), &mut out);
                        black_box(&out);
                    })
                });
                group.bench_function(BenchmarkId::new("qx-writer", &doc.name), |b| {
                    let mut out = Vec::with_capacity(doc.bytes.len());
                    b.iter(|| {
                        out.clear();
                        out = qx_writer::retrieve_messages_response(
                            black_box(&model),
                            std::mem::take(&mut out),
                        )
                        .expect("writes to memory");
                        black_box(&out);
                    })
                });
                let v = serde_qx::decode_retrieve(&doc.bytes).expect("serde decodes");
                group.bench_function(BenchmarkId::new("serde-qx", &doc.name), |b| {
                    let mut out = String::with_capacity(doc.bytes.len());
                    b.iter(|| {
                        out.clear();
                        serde_qx::encode_into(&mut out, black_box(&v)).expect("serde encodes");
                        black_box(&out);
                    })
                });
                let v = yaserde_peer::decode_retrieve(&doc.bytes).expect("yaserde decodes");
                group.bench_function(BenchmarkId::new("yaserde", &doc.name), |b| {
                    let mut out = Vec::with_capacity(doc.bytes.len());
                    b.iter(|| {
                        out.clear();
                        yaserde_peer::encode_into(&mut out, black_box(&v))
                            .expect("yaserde encodes");
                        black_box(&out);
                    })
                });
            }
            DocKind::RequestChat => {
                let v = soapstone_side::decode_request_chat(&doc.bytes).expect("soapstone decodes");
                group.bench_function(BenchmarkId::new("soapstone", &doc.name), |b| {
                    let mut out = Vec::with_capacity(doc.bytes.len());
                    b.iter(|| {
                        out.clear();
                        out = soapstone_side::encode_request_chat_into(
                            std::mem::take(&mut out),
                            black_box(&v),
                        )
                        .expect("soapstone encodes");
                        black_box(&out);
                    })
                });
                let model = docs::request_chat();
                group.bench_function(BenchmarkId::new("limit", &doc.name), |b| {
                    let mut out = Vec::with_capacity(doc.bytes.len());
                    b.iter(|| {
                        out.clear();
                        writer::request_chat(black_box(&model), &mut out);
                        black_box(&out);
                    })
                });
                let v = serde_qx::decode_request_chat(&doc.bytes).expect("serde decodes");
                group.bench_function(BenchmarkId::new("serde-qx", &doc.name), |b| {
                    let mut out = String::with_capacity(doc.bytes.len());
                    b.iter(|| {
                        out.clear();
                        serde_qx::encode_into(&mut out, black_box(&v)).expect("serde encodes");
                        black_box(&out);
                    })
                });
            }
            DocKind::SalesforceQueryResponse => {
                let v = soapstone_side::decode_sf(&doc.bytes).expect("soapstone decodes");
                group.bench_function(BenchmarkId::new("soapstone", &doc.name), |b| {
                    let mut out = Vec::with_capacity(doc.bytes.len());
                    b.iter(|| {
                        out.clear();
                        out =
                            soapstone_side::encode_sf_into(std::mem::take(&mut out), black_box(&v))
                                .expect("soapstone encodes");
                        black_box(&out);
                    })
                });
                let model = docs::sf_query_response(doc.items);
                group.bench_function(BenchmarkId::new("limit", &doc.name), |b| {
                    let mut out = Vec::with_capacity(doc.bytes.len());
                    b.iter(|| {
                        out.clear();
                        writer::sf_query_response(black_box(&model), &mut out);
                        black_box(&out);
                    })
                });
                group.bench_function(BenchmarkId::new("qx-writer", &doc.name), |b| {
                    let mut out = Vec::with_capacity(doc.bytes.len());
                    b.iter(|| {
                        out.clear();
                        out = qx_writer::sf_query_response(
                            black_box(&model),
                            std::mem::take(&mut out),
                        )
                        .expect("writes to memory");
                        black_box(&out);
                    })
                });
                let v = serde_qx::decode_sf(&doc.bytes).expect("serde decodes");
                group.bench_function(BenchmarkId::new("serde-qx", &doc.name), |b| {
                    let mut out = String::with_capacity(doc.bytes.len());
                    b.iter(|| {
                        out.clear();
                        serde_qx::encode_into(&mut out, black_box(&v)).expect("serde encodes");
                        black_box(&out);
                    })
                });
                let v = yaserde_peer::decode_sf(&doc.bytes).expect("yaserde decodes");
                group.bench_function(BenchmarkId::new("yaserde", &doc.name), |b| {
                    let mut out = Vec::with_capacity(doc.bytes.len());
                    b.iter(|| {
                        out.clear();
                        yaserde_peer::encode_into(&mut out, black_box(&v))
                            .expect("yaserde encodes");
                        black_box(&out);
                    })
                });
            }
        }
    }
    group.finish();
}

fn peak_heap(results: &mut Results, docs: &[Document]) {
    for doc in docs {
        for (peer, peak) in decoders::peak_heaps(doc) {
            results.peak_heap.insert((doc.name.clone(), peer), peak);
        }
    }
}

/// gSOAP runs on the chat documents only: its bindings come from chat-server.wsdl.
fn run_gsoap(results: &mut Results, docs: &[Document]) -> Result<(), gsoap::GsoapError> {
    let dir = gsoap::default_build_dir();
    eprintln!("building the gSOAP peer in {} ...", dir.display());
    let driver = gsoap::build(&dir)?;
    for doc in docs {
        let kind = match doc.kind {
            DocKind::RetrieveMessagesResponse => "retrieve",
            DocKind::RequestChat => "request-chat",
            DocKind::SalesforceQueryResponse => {
                for dir in [Direction::Decode, Direction::Encode] {
                    results.times.insert(
                        (dir, doc.name.clone(), "gsoap"),
                        Cell::Missing("not run (chat WSDL only)"),
                    );
                }
                continue;
            }
        };
        let input = dir.join(format!("{}.xml", doc.name));
        std::fs::write(&input, &doc.bytes).map_err(|source| gsoap::GsoapError::Io {
            path: input.clone(),
            source,
        })?;
        // About 100 ms per run at gSOAP's ~100 MB/s; 11 runs, the driver reports medians.
        let iterations = (10_000_000 / doc.bytes.len()).max(1) as u64;
        let t = driver.measure(kind, &input, iterations, 11)?;
        let expected = match doc.kind {
            DocKind::RequestChat => docs::request_chat()
                .custom_fields
                .iter()
                .map(|o| o.fields.len())
                .sum(),
            _ => doc.items,
        };
        if t.items != expected {
            return Err(gsoap::GsoapError::Incomplete {
                name: doc.name.clone(),
                found: t.items,
                expected,
            });
        }
        results.times.insert(
            (Direction::Decode, doc.name.clone(), "gsoap"),
            Cell::Ns(t.decode_ns),
        );
        results.times.insert(
            (Direction::Encode, doc.name.clone(), "gsoap"),
            Cell::Ns(t.encode_ns),
        );
    }
    Ok(())
}

fn main() {
    let docs = docs::all();
    let mut criterion = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    let mut results = Results {
        docs: docs
            .iter()
            .map(|d| (d.name.clone(), d.bytes.len(), d.items))
            .collect(),
        peers: PEERS.to_vec(),
        ..Results::default()
    };

    // gSOAP first: a missing gSOAP fails the run before minutes of measuring.
    if let Err(e) = run_gsoap(&mut results, &docs) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
    peak_heap(&mut results, &docs);
    bench_decode(&mut criterion, &docs);
    bench_encode(&mut criterion, &docs);
    criterion.final_summary();

    let dir = report::criterion_dir();
    for doc in &docs {
        for direction in [Direction::Decode, Direction::Encode] {
            for (peer, _) in PEERS {
                if peer == "gsoap" {
                    continue;
                }
                if let Some(ns) =
                    report::criterion_median_ns(&dir, direction.group(), peer, &doc.name)
                {
                    results
                        .times
                        .insert((direction, doc.name.clone(), peer), Cell::Ns(ns));
                }
            }
            if direction == Direction::Encode && doc.kind == DocKind::RequestChat {
                results.times.insert(
                    (direction, doc.name.clone(), "qx-writer"),
                    Cell::Missing("no line: not written for RequestChat"),
                );
            }
            if !yaserde_supports(doc.kind) {
                results.times.insert(
                    (direction, doc.name.clone(), "yaserde"),
                    Cell::Missing("no line: DataValue is a choice (see BENCHMARKS.md)"),
                );
            }
        }
    }
    let mut table = results.render();
    table.push_str(&results.render_targets("soapstone"));
    println!("\n## Results (medians)\n{table}");
    let out = report::criterion_dir().with_file_name("soapstone-benches-report.md");
    if let Err(e) = std::fs::write(&out, &table) {
        eprintln!("warning: could not write {}: {e}", out.display());
    } else {
        eprintln!("table written to {}", out.display());
    }
}
