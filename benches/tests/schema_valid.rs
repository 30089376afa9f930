//! The generated documents are valid against the schemas they claim to follow: the chat
//! payloads against wsdl/oracle/xsd, the Salesforce payload against the corpus partner WSDL's
//! inline schemas. Checked with xmllint (libxml2), which CI installs.

use soapstone_benches::{docs, writer};
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The single child of the SOAP Body, as a standalone document. `extra_ns` re-declares the
/// namespaces the payload inherits from the envelope.
fn body_payload(envelope: &[u8], body_tag: &str, extra_ns: &str) -> String {
    let text = std::str::from_utf8(envelope).expect("generated documents are UTF-8");
    let open = format!("<{body_tag}>");
    let close = format!("</{body_tag}>");
    let start = text.find(&open).expect("Body start tag") + open.len();
    let end = text.rfind(&close).expect("Body end tag");
    let payload = &text[start..end];
    let name_end = payload.find([' ', '>']).expect("payload root start tag");
    format!(
        "{}{}{}",
        &payload[..name_end],
        extra_ns,
        &payload[name_end..]
    )
}

fn xmllint_validate(schema: &Path, payload: &str, dir: &Path, name: &str) {
    let (ok, stderr) = xmllint(schema, payload, dir, name);
    assert!(
        ok,
        "{name} is not valid against {}:\n{stderr}",
        schema.display()
    );
}

fn xmllint(schema: &Path, payload: &str, dir: &Path, name: &str) -> (bool, String) {
    let file = dir.join(name);
    std::fs::write(&file, payload).unwrap();
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(schema)
        .arg(&file)
        .output()
        .expect("xmllint is installed (apt package libxml2-utils)");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The validation above can fail: a value outside an enumeration and a misplaced element are
/// reported.
#[test]
fn xmllint_rejects_invalid_payloads() {
    let dir = tempfile::tempdir().unwrap();
    let schema = repo_root().join("wsdl/oracle/xsd/enduser.xsd");
    let mut bytes = Vec::new();
    writer::retrieve_messages_response(&docs::retrieve_messages_response(100), &mut bytes);
    let payload = body_payload(&bytes, "S:Body", "");
    let bad_enum = payload.replacen("<ns3:Role>LEAD</ns3:Role>", "<ns3:Role>BOSS</ns3:Role>", 1);
    assert_ne!(bad_enum, payload);
    let (ok, stderr) = xmllint(&schema, &bad_enum, dir.path(), "bad-enum.xml");
    assert!(!ok && stderr.contains("BOSS"), "{stderr}");
    // CreatedTime in the enduser namespace instead of common.
    let bad_ns = payload
        .replacen("<CreatedTime>", "<ns3:CreatedTime>", 1)
        .replacen("</CreatedTime>", "</ns3:CreatedTime>", 1);
    let (ok, stderr) = xmllint(&schema, &bad_ns, dir.path(), "bad-ns.xml");
    assert!(!ok, "{stderr}");
}

#[test]
fn chat_documents_are_valid_against_wsdl_schemas() {
    let dir = tempfile::tempdir().unwrap();
    let schema = repo_root().join("wsdl/oracle/xsd/enduser.xsd");
    for n in [1, 100, 1_000] {
        let mut bytes = Vec::new();
        writer::retrieve_messages_response(&docs::retrieve_messages_response(n), &mut bytes);
        let payload = body_payload(&bytes, "S:Body", "");
        xmllint_validate(&schema, &payload, dir.path(), &format!("retrieve-{n}.xml"));
    }
    let mut bytes = Vec::new();
    writer::request_chat(&docs::request_chat(), &mut bytes);
    let payload = body_payload(&bytes, "S:Body", "");
    xmllint_validate(&schema, &payload, dir.path(), "request-chat.xml");
    // The header part is a global element of common.xsd: validate it as well.
    let text = String::from_utf8(bytes).unwrap();
    let header =
        &text[text.find("<ChatClientInfoHeader").unwrap()..text.find("</S:Header>").unwrap()];
    xmllint_validate(
        &repo_root().join("wsdl/oracle/xsd/common.xsd"),
        header,
        dir.path(),
        "request-chat-header.xml",
    );
}

#[test]
fn every_message_kind_occurs_in_the_100_message_document() {
    let value = docs::retrieve_messages_response(100);
    let mut kinds: Vec<&str> = value
        .messages
        .as_ref()
        .unwrap()
        .iter()
        .map(|m| m.element_name())
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    assert_eq!(kinds.len(), 6, "kinds seen: {kinds:?}");
}

#[test]
fn documents_are_deterministic() {
    let a = docs::all();
    let b = docs::all();
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(
            x.bytes, y.bytes,
            "{} differs between two generations",
            x.name
        );
    }
}

/// Cuts one inline `<schema>` out of the Salesforce partner WSDL into a standalone file:
/// declares the prefixes it inherits from `<definitions>` and gives its location-less
/// `<import>` the sibling file.
fn extract_sf_schema(wsdl: &str, target_ns: &str, import_ns: &str, import_file: &str) -> String {
    // The schema start tag ends right after its targetNamespace; `<definitions>` does not.
    let marker = format!("targetNamespace=\"{target_ns}\">");
    let at = wsdl.find(&marker).expect("inline schema present");
    let start = wsdl[..at].rfind("<schema").unwrap();
    let end = at + wsdl[at..].find("</schema>").unwrap() + "</schema>".len();
    let schema = &wsdl[start..end];
    let schema = schema.replacen(
        "<schema ",
        "<schema xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" \
         xmlns:tns=\"urn:partner.soap.sforce.com\" \
         xmlns:ens=\"urn:sobject.partner.soap.sforce.com\" ",
        1,
    );
    let import = format!("<import namespace=\"{import_ns}\"/>");
    assert!(
        schema.contains(&import),
        "import of {import_ns} in {target_ns}"
    );
    schema.replacen(
        &import,
        &format!("<import namespace=\"{import_ns}\" schemaLocation=\"{import_file}\"/>"),
        1,
    )
}

#[test]
fn salesforce_document_is_valid_against_corpus_partner_schema() {
    let wsdl_path = repo_root().join("../shared/corpus/salesforce-partner/partner.wsdl");
    let wsdl = std::fs::read_to_string(&wsdl_path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", wsdl_path.display()));
    let dir = tempfile::tempdir().unwrap();
    let partner = extract_sf_schema(
        &wsdl,
        "urn:partner.soap.sforce.com",
        "urn:sobject.partner.soap.sforce.com",
        "sobject.xsd",
    );
    let sobject = extract_sf_schema(
        &wsdl,
        "urn:sobject.partner.soap.sforce.com",
        "urn:partner.soap.sforce.com",
        "partner.xsd",
    );
    std::fs::write(dir.path().join("partner.xsd"), partner).unwrap();
    std::fs::write(dir.path().join("sobject.xsd"), sobject).unwrap();
    let mut bytes = Vec::new();
    writer::sf_query_response(&docs::sf_query_response(200), &mut bytes);
    let payload = body_payload(
        &bytes,
        "soapenv:Body",
        " xmlns=\"urn:partner.soap.sforce.com\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xmlns:sf=\"urn:sobject.partner.soap.sforce.com\"",
    );
    xmllint_validate(
        &dir.path().join("partner.xsd"),
        &payload,
        dir.path(),
        "salesforce-query.xml",
    );
}
