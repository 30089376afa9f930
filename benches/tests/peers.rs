//! The peers read what the generator wrote, write what they read, and (for serde + quick-xml)
//! do not check namespaces.

use soapstone_benches::docs::{self, DocKind};
use soapstone_benches::peers::{limit, qx_writer, serde_qx, yaserde_peer};
use soapstone_benches::{alloc, writer};

fn model_kinds(n: usize) -> Vec<&'static str> {
    docs::retrieve_messages_response(n)
        .messages
        .unwrap()
        .iter()
        .map(|m| m.element_name())
        .collect()
}

fn retrieve_doc(n: usize) -> Vec<u8> {
    let mut bytes = Vec::new();
    writer::retrieve_messages_response(&docs::retrieve_messages_response(n), &mut bytes);
    bytes
}

#[test]
fn limits_see_every_element_of_every_document() {
    for doc in docs::all() {
        let raw = limit::decode_raw(&doc.bytes).unwrap();
        let ns = limit::decode_ns(&doc.bytes).unwrap();
        assert_eq!(raw, ns, "{}", doc.name);
        let opens = doc
            .bytes
            .windows(2)
            .filter(|w| w[0] == b'<' && w[1] != b'/')
            .count();
        assert_eq!(raw.elements, opens, "{}", doc.name);
    }
}

#[test]
fn nsreader_rejects_an_undeclared_prefix() {
    let doc = b"<S:Envelope xmlns:S=\"urn:s\"><S:Body><x:A/></S:Body></S:Envelope>";
    assert!(limit::decode_raw(doc).is_ok());
    assert!(limit::decode_ns(doc).is_err());
}

#[test]
fn serde_reads_every_message_in_order_and_round_trips() {
    let bytes = retrieve_doc(1_000);
    let v = serde_qx::decode_retrieve(&bytes).unwrap();
    let items = &v.body.response.messages.as_ref().unwrap().items;
    let kinds: Vec<_> = items.iter().map(|m| m.element_name()).collect();
    assert_eq!(kinds, model_kinds(1_000));
    assert_eq!(
        v.body.response.transaction.client_request_time.as_deref(),
        Some("")
    );
    let text = serde_qx::encode(&v).unwrap();
    assert_eq!(serde_qx::decode_retrieve(text.as_bytes()).unwrap(), v);
    // Markup in chat lines survives decoding.
    assert!(items.iter().any(|m| matches!(m,
        serde_qx::SystemMessage::MessagePosted(p) if p.body.contains("& <Monday>"))));
}

#[test]
fn serde_request_chat_and_salesforce_round_trip() {
    for doc in docs::all() {
        match doc.kind {
            DocKind::RequestChat => {
                let v = serde_qx::decode_request_chat(&doc.bytes).unwrap();
                assert_eq!(v.body.request.custom_fields.len(), 2);
                assert_eq!(v.header.chat_client_info.app_id, "Sample Chat Client");
                let text = serde_qx::encode(&v).unwrap();
                assert_eq!(serde_qx::decode_request_chat(text.as_bytes()).unwrap(), v);
            }
            DocKind::SalesforceQueryResponse => {
                let v = serde_qx::decode_sf(&doc.bytes).unwrap();
                let r = &v.body.query_response.result;
                assert_eq!(r.records.len(), doc.items);
                assert_eq!(r.size as usize, doc.items);
                let model = docs::sf_query_response(doc.items);
                assert_eq!(r.records[17].id, model.records[17].id);
                assert_eq!(
                    r.records[17].annual_revenue,
                    model.records[17].annual_revenue
                );
                let text = serde_qx::encode(&v).unwrap();
                assert_eq!(serde_qx::decode_sf(text.as_bytes()).unwrap(), v);
            }
            DocKind::RetrieveMessagesResponse => {}
        }
    }
}

/// BENCHMARKS.md's caveat: quick-xml's serde deserializer matches local names only. The same
/// document with every namespace URI replaced by a wrong one decodes to the same value.
#[test]
fn serde_ignores_namespaces() {
    let good = retrieve_doc(100);
    let text = String::from_utf8(good.clone()).unwrap();
    let wrong = text
        .replace(
            "urn:messages.enduser.chat.ws.rightnow.com/v1",
            "urn:wrong:enduser",
        )
        .replace(
            "urn:messages.common.chat.ws.rightnow.com/v1",
            "urn:wrong:common",
        )
        .replace(
            "http://schemas.xmlsoap.org/soap/envelope/",
            "urn:wrong:soap",
        );
    assert_ne!(wrong.as_bytes(), good.as_slice());
    let from_good = serde_qx::decode_retrieve(&good).unwrap();
    let from_wrong = serde_qx::decode_retrieve(wrong.as_bytes())
        .expect("serde + quick-xml accepts a wrong-namespace document");
    assert_eq!(from_good, from_wrong);
}

#[test]
fn yaserde_reads_every_message_and_round_trips() {
    let bytes = retrieve_doc(1_000);
    let v = yaserde_peer::decode_retrieve(&bytes).unwrap();
    let messages = v.body.response.messages.as_ref().unwrap();
    assert_eq!(messages.len(), 1_000);
    let posted = model_kinds(1_000)
        .iter()
        .filter(|k| **k == "RNChatMessagePostedMessage")
        .count();
    assert_eq!(messages.message_posted.len(), posted);
    let text = yaserde_peer::encode(&v).unwrap();
    assert_eq!(yaserde_peer::decode_retrieve(text.as_bytes()).unwrap(), v);
}

#[test]
fn yaserde_reads_salesforce_and_round_trips() {
    let mut bytes = Vec::new();
    writer::sf_query_response(&docs::sf_query_response(50), &mut bytes);
    let v = yaserde_peer::decode_sf(&bytes).unwrap();
    let r = &v.body.query_response.result;
    assert_eq!(r.records.len(), 50);
    assert_eq!(r.records[3].sobject_type, "Account");
    assert_eq!(r.records[3].xsi_type, "sf:sObject");
    assert_eq!(r.query_locator.nil, Some(true));
    let text = yaserde_peer::encode(&v).unwrap();
    assert_eq!(yaserde_peer::decode_sf(text.as_bytes()).unwrap(), v);
}

#[test]
fn peak_while_reports_zero_without_the_counting_allocator() {
    // This test binary keeps the system allocator, so nothing is counted: the bench binary is
    // where `CountingAlloc` is installed (see benches/xml.rs and tests/alloc.rs).
    let (v, peak) = alloc::peak_while(|| vec![0u8; 1 << 20]);
    assert_eq!(v.len(), 1 << 20);
    assert_eq!(peak, 0);
}

#[test]
fn quick_xml_writer_line_writes_the_same_bytes_as_the_limit_writer() {
    for doc in docs::all() {
        let bytes = match doc.kind {
            DocKind::RetrieveMessagesResponse => qx_writer::retrieve_messages_response(
                &docs::retrieve_messages_response(doc.items),
                Vec::new(),
            ),
            DocKind::SalesforceQueryResponse => {
                qx_writer::sf_query_response(&docs::sf_query_response(doc.items), Vec::new())
            }
            DocKind::RequestChat => continue,
        }
        .unwrap();
        assert!(bytes == doc.bytes, "{} differs", doc.name);
    }
}

#[test]
fn encode_into_appends_what_encode_returns() {
    let bytes = retrieve_doc(10);
    let v = serde_qx::decode_retrieve(&bytes).unwrap();
    let mut s = String::from("x");
    serde_qx::encode_into(&mut s, &v).unwrap();
    assert_eq!(s, format!("x{}", serde_qx::encode(&v).unwrap()));
    let v = yaserde_peer::decode_retrieve(&bytes).unwrap();
    let mut out = b"x".to_vec();
    yaserde_peer::encode_into(&mut out, &v).unwrap();
    assert_eq!(
        out,
        format!("x{}", yaserde_peer::encode(&v).unwrap()).into_bytes()
    );
}
