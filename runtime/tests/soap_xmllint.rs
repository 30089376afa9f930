//! Independent check of the envelopes soapstone writes: libxml2's `xmllint` must find them
//! well-formed and namespace-well-formed (every prefix declared, the `xml` prefix never
//! rebound, no duplicate attributes). CI installs `libxml2-utils`; a missing xmllint fails.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, UNIX_EPOCH};

use soapstone::soap::wsse::{UsernameToken, WsSecurity};
use soapstone::soap::{
    self, Fault, Fault11, FaultCode, FaultSide, HeaderBlock, ReasonText, SoapVersion, WriteHeader,
};
use soapstone::xml::{AnyElement, ReadOptions};

mod soap_support;

use soap_support::*;

fn xmllint(doc: &[u8]) {
    let mut child = Command::new("xmllint")
        .args(["--noout", "--nonet", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("xmllint (libxml2-utils) must be installed");
    child.stdin.take().unwrap().write_all(doc).unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.trim().is_empty(),
        "xmllint rejected:\n{}\n{stderr}",
        String::from_utf8_lossy(doc)
    );
}

fn request() -> GetChatUrl {
    GetChatUrl {
        url_type: "ENDUSER".into(),
        version: "1.2".into(),
    }
}

#[test]
fn request_envelopes_with_security_and_soap_attributes_are_well_formed() {
    let now = UNIX_EPOCH + Duration::from_secs(1_795_248_000);
    let security = WsSecurity::username_token(UsernameToken::digest("u", "p").with_id("UT-1"))
        .with_timestamp(Duration::from_secs(60))
        .header_at(now, [7; 16])
        .unwrap();
    let crh = ClientRequestHeader {
        app_id: "a<b&c".into(),
    };
    let marked =
        HeaderBlock::must_understand(ClientRequestHeader { app_id: "x".into() }).with_role("urn:r");
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let headers: [&dyn WriteHeader; 3] = [&crh, &security, &marked];
        xmllint(&soap::encode(version, &headers, &request()).unwrap());
    }
    let fresh = WsSecurity::username_token(UsernameToken::text("u", "p"))
        .header()
        .unwrap();
    let headers: [&dyn WriteHeader; 1] = [&fresh];
    xmllint(&soap::encode(SoapVersion::Soap11, &headers, &request()).unwrap());
}

#[test]
fn fault_envelopes_with_languages_and_raw_detail_are_well_formed() {
    // A raw detail entry read from a document, with its own namespaces and an xml:lang.
    let source = r#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><S:Fault><faultcode>S:Server</faultcode><faultstring>x</faultstring><detail><v:Trace xmlns:v="urn:vendor" xmlns:q="urn:q" code="q:Busy">at <v:frame>1</v:frame></v:Trace></detail></S:Fault></S:Body></S:Envelope>"#;
    let env = soap::decode_response::<(), GetChatUrlResponse, ChatFault>(
        source.as_bytes(),
        None,
        &ReadOptions::strict(),
    )
    .unwrap();
    let soap::Body::Fault(read) = env.body else {
        panic!("expected a fault")
    };
    let raw: AnyElement = read.detail().unwrap().raw().next().unwrap().clone();

    let typed = ChatFault::RequestError(RnFault {
        code: "BAD_ID".into(),
        message: "]]>".into(),
    });
    let mut f11 = Fault::V11(Fault11 {
        code: FaultCode::new("urn:app", "Custom"),
        string: "reason".into(),
        string_lang: Some("en-GB".into()),
        actor: Some("urn:a".into()),
        detail: None,
    })
    .with_detail(typed.clone());
    if let Fault::V11(f) = &mut f11 {
        f.detail
            .as_mut()
            .unwrap()
            .entries
            .push(soap::DetailEntry::Raw(raw.clone()));
    }
    xmllint(&soap::encode_fault(&f11, &[]).unwrap());

    let mut f12 = Fault::new(SoapVersion::Soap12, FaultSide::Sender, "first").with_detail(typed);
    if let Fault::V12(f) = &mut f12 {
        f.subcodes = vec![
            FaultCode::new("urn:app", "A"),
            FaultCode::new("urn:other", "B"),
        ];
        f.reason.push(ReasonText {
            lang: "ja".into(),
            text: "二番目".into(),
        });
        f.detail
            .as_mut()
            .unwrap()
            .entries
            .push(soap::DetailEntry::Raw(raw));
    }
    xmllint(&soap::encode_fault(&f12, &[]).unwrap());
}
