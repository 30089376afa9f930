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
