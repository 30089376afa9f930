//! The counting allocator measures what a closure keeps live at its peak.

use soapstone_benches::alloc::{CountingAlloc, peak_while};

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

#[test]
fn peak_is_the_high_water_mark_not_the_total() {
    let (_, peak) = peak_while(|| {
        for _ in 0..10 {
            drop(std::hint::black_box(vec![0u8; 100_000]));
        }
    });
    assert!((100_000..200_000).contains(&peak), "peak {peak}");
    let (v, peak) = peak_while(|| {
        let a = vec![0u8; 300_000];
        let b = vec![0u8; 200_000];
        (a, b)
    });
    assert!(peak >= 500_000, "peak {peak}");
    drop(v);
}

/// Issue 7's heap target, checked where it is deterministic: decoding the one-message poll
/// (and the `RequestChat` envelope) with soapstone keeps at most twice the message size live.
#[test]
fn soapstone_decodes_small_envelopes_within_twice_their_size() {
    use soapstone_benches::docs::{self, DocKind};
    use soapstone_benches::soapstone_side as ss;
    for doc in docs::all().into_iter().filter(|d| d.bytes.len() < 10_000) {
        let (ok, peak) = peak_while(|| match doc.kind {
            DocKind::RetrieveMessagesResponse => ss::decode_retrieve(&doc.bytes).is_ok(),
            DocKind::RequestChat => ss::decode_request_chat(&doc.bytes).is_ok(),
            DocKind::SalesforceQueryResponse => ss::decode_sf(&doc.bytes).is_ok(),
        });
        assert!(ok, "{} decodes", doc.name);
        assert!(
            peak <= 2 * doc.bytes.len(),
            "{}: peak heap {peak} B for {} B",
            doc.name,
            doc.bytes.len()
        );
        eprintln!("{}: peak heap {peak} B for {} B", doc.name, doc.bytes.len());
    }
}
