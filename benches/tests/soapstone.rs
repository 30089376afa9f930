//! soapstone's line reads what the generator wrote, writes what `soap::encode` writes, and
//! (unlike serde + quick-xml) rejects a document whose namespace URIs are wrong.

use soapstone::soap::{SoapVersion, encode};
use soapstone_benches::docs::{self, DocKind};
use soapstone_benches::soapstone_side::{self as ss, SoapstoneError};
use soapstone_benches::writer;
use soapstone_generated::bindings::messages_enduser_chat_ws_rightnow_v1::SystemMessagesChoice;

fn retrieve_doc(n: usize) -> Vec<u8> {
    let mut bytes = Vec::new();
    writer::retrieve_messages_response(&docs::retrieve_messages_response(n), &mut bytes);
    bytes
}

fn kind_name(m: &SystemMessagesChoice) -> &'static str {
    match m {
        SystemMessagesChoice::RnChatParticipantAddedMessage(_) => "RNChatParticipantAddedMessage",
        SystemMessagesChoice::RnChatMessagePostedMessage(_) => "RNChatMessagePostedMessage",
        SystemMessagesChoice::RnChatActivityChangedMessage(_) => "RNChatActivityChangedMessage",
        SystemMessagesChoice::RnChatParticipantLeftMessage(_) => "RNChatParticipantLeftMessage",
        SystemMessagesChoice::RnChatConcludedMessage(_) => "RNChatConcludedMessage",
        SystemMessagesChoice::RnChatWaitInformationChangedMessage(_) => {
            "RNChatWaitInformationChangedMessage"
        }
        SystemMessagesChoice::Other(_) => "other",
    }
}

#[test]
fn soapstone_reads_every_message_in_order_and_round_trips() {
    let bytes = retrieve_doc(1_000);
    let v = ss::decode_retrieve(&bytes).unwrap();
    let items = &v.body.system_messages.as_ref().unwrap().choice;
    let kinds: Vec<_> = items.iter().map(kind_name).collect();
    let expected: Vec<_> = docs::retrieve_messages_response(1_000)
        .messages
        .unwrap()
        .iter()
        .map(|m| m.element_name())
        .collect();
    assert_eq!(kinds, expected);
    let out = ss::encode_retrieve_into(Vec::new(), &v).unwrap();
    assert_eq!(ss::decode_retrieve(&out).unwrap(), v);
}

#[test]
fn soapstone_request_chat_reads_the_header_and_round_trips() {
    let doc = docs::all()
        .into_iter()
        .find(|d| d.kind == DocKind::RequestChat)
        .unwrap();
    let v = ss::decode_request_chat(&doc.bytes).unwrap();
    assert_eq!(v.body.custom_fields.len(), 2);
    assert_eq!(
        v.header.as_ref().unwrap().app_id,
        docs::request_chat().app_id
    );
    let out = ss::encode_request_chat_into(Vec::new(), &v).unwrap();
    assert_eq!(ss::decode_request_chat(&out).unwrap(), v);
}

/// The bench's encoder is `soap::encode` with a reused buffer and without the XML declaration.
#[test]
fn encode_into_writes_what_soap_encode_writes_after_the_declaration() {
    for doc in docs::all() {
        let (mine, theirs) = match doc.kind {
            DocKind::RetrieveMessagesResponse => {
                let v = ss::decode_retrieve(&doc.bytes).unwrap();
                (
                    ss::encode_retrieve_into(b"x".to_vec(), &v).unwrap(),
                    encode(SoapVersion::Soap11, &[], &v.body).unwrap(),
                )
            }
            DocKind::RequestChat => {
                let v = ss::decode_request_chat(&doc.bytes).unwrap();
                let header = v.header.as_ref().unwrap();
                (
                    ss::encode_request_chat_into(b"x".to_vec(), &v).unwrap(),
                    encode(SoapVersion::Soap11, &[header], &v.body).unwrap(),
                )
            }
            DocKind::SalesforceQueryResponse => continue,
        };
        let body = theirs
            .strip_prefix(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>".as_slice())
            .unwrap_or_else(|| panic!("{}: no XML declaration", doc.name));
        assert_eq!(
            &mine[..1],
            b"x",
            "{}: the buffer's contents are kept",
            doc.name
        );
        assert!(mine[1..] == *body, "{} differs", doc.name);
    }
}

/// The document `serde_ignores_namespaces` (tests/peers.rs) shows serde + quick-xml accepting:
/// soapstone refuses it, and each wrong URI alone is refused too.
#[test]
fn soapstone_rejects_the_wrong_namespace_document_serde_accepts() {
    let good = String::from_utf8(retrieve_doc(100)).unwrap();
    let replacements = [
        (
            "urn:messages.enduser.chat.ws.rightnow.com/v1",
            "urn:wrong:enduser",
        ),
        (
            "urn:messages.common.chat.ws.rightnow.com/v1",
            "urn:wrong:common",
        ),
        (
            "http://schemas.xmlsoap.org/soap/envelope/",
            "urn:wrong:soap",
        ),
    ];
    let mut all_wrong = good.clone();
    for (from, to) in replacements {
        assert!(good.contains(from));
        all_wrong = all_wrong.replace(from, to);
        let one_wrong = good.replace(from, to);
        assert!(
            ss::decode_retrieve(one_wrong.as_bytes()).is_err(),
            "accepted {to} in place of {from}"
        );
    }
    assert!(soapstone_benches::peers::serde_qx::decode_retrieve(all_wrong.as_bytes()).is_ok());
    match ss::decode_retrieve(all_wrong.as_bytes()) {
        Err(SoapstoneError::Envelope(e)) => {
            let text = e.to_string();
            assert!(text.contains("urn:wrong:soap"), "{text}");
        }
        other => panic!("expected an envelope error, got {other:?}"),
    }
}

/// The Salesforce document through the bindings generated from partner.wsdl: every record, its
/// `Id` typed and its other fields as `xs:any` elements, and back.
#[test]
fn soapstone_reads_salesforce_records_and_round_trips() {
    let mut bytes = Vec::new();
    writer::sf_query_response(&docs::sf_query_response(50), &mut bytes);
    let v = ss::decode_sf(&bytes).unwrap();
    let model = docs::sf_query_response(50);
    let records = &v.result.records;
    assert_eq!(records.len(), 50);
    assert_eq!(v.result.size, 50);
    let r = match &records[17] {
        soapstone::xml::Nillable::Value(r) => r,
        other => panic!("record 17 is {other:?}"),
    };
    assert_eq!(r.type_, "Account");
    let id = match &r.id {
        soapstone::xml::Nillable::Value(id) => id.0.clone(),
        other => panic!("Id is {other:?}"),
    };
    assert_eq!(id, model.records[17].id);
    assert_eq!(r.any.len(), 5);
    let out = ss::encode_sf_into(Vec::new(), &v).unwrap();
    assert_eq!(ss::decode_sf(&out).unwrap(), v);
}
