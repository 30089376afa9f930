//! Benchmarks of soapstone against its peers: the documents, the peers, and the report.
//!
//! Run with `taskset -c 1 cargo bench -p soapstone-benches` (see BENCHMARKS.md).

pub mod alloc;
pub mod docs;
pub mod gsoap;
pub mod model;
pub mod peers;
pub mod report;
pub mod rng;
pub mod soapstone_side;
pub mod writer;
