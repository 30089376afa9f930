//! Misuse of the `#[xml(...)]` and `#[soap(...)]` attributes (`soap_*.rs`) fails to compile with a clear message at the right
//! span. Snapshots: `tests/ui/*.stderr` (regenerate with `TRYBUILD=overwrite`, then review).

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
