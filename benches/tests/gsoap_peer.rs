//! The gSOAP peer builds from the chat-server WSDL and decodes every message of our documents
//! (not skipping them as unknown elements). Needs gSOAP (`gsoap`, `libgsoap-dev`), as CI has.

use soapstone_benches::docs::{self, DocKind};
use soapstone_benches::gsoap;

#[test]
fn gsoap_driver_decodes_every_message_encodes_and_reports_broken_input() {
    let dir = tempfile::tempdir().unwrap();
    let driver = gsoap::build(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    for doc in docs::all() {
        let (kind, expected) = match doc.kind {
            DocKind::RetrieveMessagesResponse if doc.items <= 1_000 => ("retrieve", doc.items),
            DocKind::RequestChat => ("request-chat", 3),
            _ => continue,
        };
        let input = dir.path().join(format!("{}.xml", doc.name));
        std::fs::write(&input, &doc.bytes).unwrap();
        let t = driver
            .measure(kind, &input, 1, 1)
            .unwrap_or_else(|e| panic!("{}: {e}", doc.name));
        assert_eq!(t.items, expected, "{}", doc.name);
        assert!(t.decode_ns > 0.0 && t.encode_ns > 0.0, "{t:?}");
        // gSOAP writes its own prefixes, but the same content: within a factor of two.
        assert!(
            t.encode_bytes > doc.bytes.len() / 2 && t.encode_bytes < doc.bytes.len() * 2,
            "{}: {} bytes encoded from {}",
            doc.name,
            t.encode_bytes,
            doc.bytes.len()
        );
    }

    // One build serves both checks (compiling the generated code takes a while).
    let input = dir.path().join("broken.xml");
    std::fs::write(
        &input,
        b"<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body><oops",
    )
    .unwrap();
    let err = driver.measure("retrieve", &input, 1, 1).unwrap_err();
    assert!(matches!(err, gsoap::GsoapError::Failed { .. }), "{err}");
}
