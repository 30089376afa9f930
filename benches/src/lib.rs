//! Benchmarks of soapstone against its peers: the documents, the peers, and the report.
//!
//! Run with `taskset -c 1 cargo bench -p soapstone-benches` (see BENCHMARKS.md).

pub mod alloc;
pub mod decoders;
pub mod docs;
pub mod gsoap;
pub mod model;
pub mod peers;
pub mod report;
pub mod rng;
/// soapstone bindings generated from the Salesforce partner WSDL for the Salesforce document's
/// soapstone line. Regenerate from the workspace root with
/// `cargo run -p soapstone-codegen -- generate ../shared/corpus/salesforce-partner/partner.wsdl
/// -o benches/src/sf_partner`.
// Generated code is not written to this crate's lint standard (it is checked where the
// generator is tested); warnings in it are not ours to fix by hand.
#[allow(clippy::all, missing_debug_implementations)]
pub mod sf_partner;
pub mod soapstone_side;
pub mod writer;
