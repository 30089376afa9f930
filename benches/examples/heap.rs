//! Peak heap while decoding each bench document, per peer, without the timed runs (the bench
//! measures the same first): `cargo run --release -p soapstone-benches --example heap`.

use soapstone_benches::alloc::CountingAlloc;
use soapstone_benches::decoders::peak_heaps;
use soapstone_benches::docs;

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

fn main() {
    println!("| document | bytes | peer | peak heap | ÷ size |");
    println!("|---|---:|---|---:|---:|");
    for doc in docs::all() {
        let size = doc.bytes.len();
        for (peer, peak) in peak_heaps(&doc) {
            let ratio = peak as f64 / size as f64;
            println!("| {} | {size} | {peer} | {peak} | {ratio:.2} |", doc.name);
        }
    }
}
