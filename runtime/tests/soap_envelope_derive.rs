//! `#[derive(SoapHeaders)]` and `#[derive(SoapEnvelope)]`: round trips in SOAP 1.1 and 1.2
//! with typed header blocks (mustUnderstand / actor / role / relay written and read back, by
//! namespace URI whatever the prefixes), typed faults of both versions, mustUnderstand
//! refusal, role targeting, missing required blocks, strict vs lax, and the header set used
//! with the runtime's `encode` / `decode_response` / `prepare_request`.

use soapstone::soap::wsse::{SecurityHeader, TimestampValues};
use soapstone::soap::{
    self, Body, CallOptions, EnvelopeError, FaultCode, FaultSide, MessageError, SoapHeaderSet,
    SoapVersion,
};
use soapstone::xml::ReadOptions;
use soapstone::{SoapEnvelope, SoapHeaders, XmlRead, XmlWrite};

mod soap_support;

use soap_support::{ChatFault, RnFault, S11, S12};

const NS: &str = "urn:test:soap-derive";

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(root = "Session", ns = "urn:test:soap-derive")]
struct Session {
    #[xml(element = "Token", ns = "urn:test:soap-derive")]
    token: String,
}

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(root = "Trace", ns = "urn:test:soap-derive")]
struct Trace {
    #[xml(attribute = "id")]
    id: u32,
}

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(root = "Note", ns = "urn:test:soap-derive")]
struct Note {
    #[xml(text)]
    text: String,
}

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(root = "Ping", ns = "urn:test:soap-derive")]
struct Ping {
    #[xml(element = "Message", ns = "urn:test:soap-derive")]
    message: String,
}

/// SOAP 1.1: a required mustUnderstand block, an optional block for an actor, repeated blocks.
#[derive(Debug, Clone, PartialEq, SoapEnvelope)]
#[soap(version = "1.1", fault = "ChatFault")]
struct PingMessage11 {
    #[soap(header, must_understand)]
    session: Session,
    #[soap(header, actor = "urn:relay")]
    trace: Option<Trace>,
    #[soap(header)]
    notes: Vec<Note>,
    #[soap(body)]
    body: Ping,
}

/// A reusable header set (what a generated `<Op>Headers` struct is).
#[derive(Debug, Clone, PartialEq, Default, SoapHeaders)]
struct PingHeaders {
    #[soap(must_understand, role = "urn:auditor")]
    trace: Option<Trace>,
    #[soap(relay, role = "http://www.w3.org/2003/05/soap-envelope/role/next")]
    notes: Vec<Note>,
    security: Option<SecurityHeader>,
}

/// SOAP 1.2: a required block plus a header set.
#[derive(Debug, Clone, PartialEq, SoapEnvelope)]
#[soap(version = "1.2", fault = "ChatFault")]
struct PingMessage12 {
    #[soap(header, must_understand)]
    session: Session,
    #[soap(headers)]
    extra: PingHeaders,
    #[soap(body)]
    body: Ping,
}

/// No headers, no fault type: faults keep their detail raw.
#[derive(Debug, Clone, PartialEq, SoapEnvelope)]
#[soap(version = "1.1", crate = "::soapstone")]
struct BareMessage {
    #[soap(body)]
    body: Ping,
}

fn ping() -> Ping {
    Ping {
        message: "hello </Body> ]]> & bye".into(),
    }
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap()
}

fn message11() -> PingMessage11 {
    PingMessage11 {
        session: Session {
            token: "t-1".into(),
        },
        trace: Some(Trace { id: 7 }),
        notes: vec![Note { text: "a".into() }, Note { text: "b".into() }],
        body: ping(),
    }
}

fn message12() -> PingMessage12 {
    PingMessage12 {
        session: Session {
            token: "t-2".into(),
        },
        extra: PingHeaders {
            trace: Some(Trace { id: 9 }),
            notes: vec![Note { text: "n".into() }],
            security: Some(SecurityHeader {
                must_understand: true,
                timestamp: Some(TimestampValues {
                    id: Some("TS-1".into()),
                    created: "2026-11-21T09:00:00Z".into(),
                    expires: Some("2026-11-21T09:05:00Z".into()),
                }),
                token: None,
            }),
        },
        body: ping(),
    }
}

#[test]
fn soap11_round_trip_writes_must_understand_and_actor() {
    let m = message11();
    let bytes = m.to_xml().unwrap();
    let xml = text(&bytes);
    assert_eq!(PingMessage11::SOAP_VERSION, SoapVersion::Soap11);
    assert!(xml.contains(&format!(
        "<soap:Envelope xmlns:soap=\"{S11}\"><soap:Header>"
    )));
    assert!(
        xml.contains("<ns1:Session soap:mustUnderstand=\"1\" xmlns:ns1=\"urn:test:soap-derive\">"),
        "{xml}"
    );
    assert!(xml.contains("soap:actor=\"urn:relay\""), "{xml}");
    assert!(!xml.contains("role="), "{xml}");
    // Blocks in field order, the body after the header.
    let order: Vec<usize> = ["Session", "Trace", ">a<", ">b<", "soap:Body", "Ping"]
        .iter()
        .map(|s| xml.find(s).unwrap_or_else(|| panic!("{s} in {xml}")))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{xml}");
    // The payload's text is data, never markup.
    assert!(
        xml.contains("hello &lt;/Body&gt; ]]&gt; &amp; bye"),
        "{xml}"
    );

    // The block addressed to `urn:relay` is taken because the field declares that actor.
    let back = PingMessage11::from_xml(&bytes, &ReadOptions::strict()).unwrap();
    assert_eq!(back, m);
}

#[test]
fn soap12_round_trip_writes_role_relay_and_header_set() {
    let m = message12();
    let bytes = m.to_xml().unwrap();
    let xml = text(&bytes);
    assert!(
        xml.contains(&format!("<env:Envelope xmlns:env=\"{S12}\">")),
        "{xml}"
    );
    assert!(xml.contains("env:mustUnderstand=\"true\""), "{xml}");
    assert!(xml.contains("env:role=\"urn:auditor\""), "{xml}");
    assert!(xml.contains("env:relay=\"true\""), "{xml}");
    assert!(!xml.contains("actor="), "{xml}");
    assert!(xml.contains("wsu:Timestamp"), "{xml}");
    let back = PingMessage12::from_xml(&bytes, &ReadOptions::strict()).unwrap();
    assert_eq!(back, m);

    // Empty optional blocks: nothing written for them.
    let mut bare = m.clone();
    bare.extra = PingHeaders::default();
    let bytes = bare.to_xml().unwrap();
    assert!(!text(&bytes).contains("Trace"));
    assert_eq!(
        PingMessage12::from_xml(&bytes, &ReadOptions::strict()).unwrap(),
        bare
    );
}

#[test]
fn no_header_element_when_there_is_no_block() {
    let bytes = BareMessage { body: ping() }.to_xml().unwrap();
    assert!(!text(&bytes).contains("Header"), "{}", text(&bytes));
    let back = BareMessage::from_xml(&bytes, &ReadOptions::strict()).unwrap();
    assert_eq!(back.body, ping());
}

#[test]
fn reading_goes_by_namespace_uri_whatever_the_prefixes() {
    let xml = format!(
        r#"<?xml version="1.0"?>
<S:Envelope xmlns:S="{S11}" xmlns:n0="{NS}">
  <S:Header>
    <n0:Session S:mustUnderstand="true"><n0:Token>abc</n0:Token></n0:Session>
    <ns3:Note xmlns:ns3="{NS}">x</ns3:Note>
    <Trace xmlns="{NS}" S:actor="urn:relay" id="3"/>
    <ns3:Note xmlns:ns3="{NS}">y</ns3:Note>
  </S:Header>
  <S:Body><p:Ping xmlns:p="{NS}"><p:Message>hi</p:Message></p:Ping></S:Body>
</S:Envelope>"#
    );
    let m = PingMessage11::from_xml(xml.as_bytes(), &ReadOptions::strict()).unwrap();
    assert_eq!(m.session.token, "abc");
    assert_eq!(m.trace, Some(Trace { id: 3 }));
    assert_eq!(
        m.notes,
        vec![Note { text: "x".into() }, Note { text: "y".into() }]
    );
    assert_eq!(m.body.message, "hi");
}

#[test]
fn blocks_for_other_roles_pass_by_and_blocks_for_us_are_taken() {
    // `Trace` targeted at an actor this message type does not play: not taken (and its
    // mustUnderstand does not apply to us). `next` is always us.
    let xml = format!(
        r#"<S:Envelope xmlns:S="{S11}" xmlns:t="{NS}"><S:Header>
<t:Session><t:Token>k</t:Token></t:Session>
<t:Trace id="1" S:actor="urn:someone-else" S:mustUnderstand="1"/>
<t:Note S:actor="http://schemas.xmlsoap.org/soap/actor/next">n</t:Note>
</S:Header><S:Body><t:Ping><t:Message>m</t:Message></t:Ping></S:Body></S:Envelope>"#
    );
    let m = PingMessage11::from_xml(xml.as_bytes(), &ReadOptions::strict()).unwrap();
    assert_eq!(m.trace, None);
    assert_eq!(m.notes, vec![Note { text: "n".into() }]);
}

#[test]
fn not_understood_must_understand_block_is_refused() {
    let xml = format!(
        r#"<S:Envelope xmlns:S="{S11}" xmlns:t="{NS}"><S:Header>
<t:Session><t:Token>k</t:Token></t:Session>
<x:Unknown xmlns:x="urn:other" S:mustUnderstand="1"/>
</S:Header><S:Body><t:Ping><t:Message>m</t:Message></t:Ping></S:Body></S:Envelope>"#
    );
    // Lax mode does not relax the SOAP processing model.
    for opts in [ReadOptions::strict(), ReadOptions::lax()] {
        let err = PingMessage11::from_xml(xml.as_bytes(), &opts).unwrap_err();
        match err {
            MessageError::Envelope(EnvelopeError::MustUnderstand { version, header }) => {
                assert_eq!(version, SoapVersion::Soap11);
                assert_eq!(header, "{urn:other}Unknown");
            }
            other => panic!("expected MustUnderstand, got {other:?}"),
        }
    }
    // The same block without mustUnderstand is optional: skipped in strict mode too.
    let relaxed = xml.replace(" S:mustUnderstand=\"1\"", "");
    let m = PingMessage11::from_xml(relaxed.as_bytes(), &ReadOptions::strict()).unwrap();
    assert_eq!(m.session.token, "k");
}

#[test]
fn missing_required_block_and_duplicate_optional_block_are_errors() {
    let no_session = format!(
        r#"<S:Envelope xmlns:S="{S11}" xmlns:t="{NS}"><S:Body><t:Ping><t:Message>m</t:Message></t:Ping></S:Body></S:Envelope>"#
    );
    let err = PingMessage11::from_xml(no_session.as_bytes(), &ReadOptions::strict()).unwrap_err();
    assert!(
        matches!(&err, MessageError::MissingHeader { header } if header == &format!("{{{NS}}}Session")),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        format!("missing header block {{{NS}}}Session")
    );

    let two_traces = format!(
        r#"<S:Envelope xmlns:S="{S11}" xmlns:t="{NS}"><S:Header><t:Session><t:Token>k</t:Token></t:Session><t:Trace id="1"/><t:Trace id="2"/></S:Header><S:Body><t:Ping><t:Message>m</t:Message></t:Ping></S:Body></S:Envelope>"#
    );
    let err = PingMessage11::from_xml(two_traces.as_bytes(), &ReadOptions::strict()).unwrap_err();
    assert!(
        matches!(err, MessageError::Envelope(EnvelopeError::Decode(_))),
        "{err:?}"
    );
    assert!(err.to_string().contains("Trace"), "{err}");
}

#[test]
fn strict_rejects_unknown_payload_content_and_lax_skips_it() {
    let xml = format!(
        r#"<S:Envelope xmlns:S="{S11}" xmlns:t="{NS}"><S:Header><t:Session><t:Token>k</t:Token></t:Session></S:Header><S:Body><t:Ping><t:Message>m</t:Message><t:Extra>1</t:Extra></t:Ping></S:Body></S:Envelope>"#
    );
    let err = PingMessage11::from_xml(xml.as_bytes(), &ReadOptions::strict()).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("Extra"), "{msg}");
    assert!(msg.contains("/Envelope/Body/Ping"), "{msg}");
    let m = PingMessage11::from_xml(xml.as_bytes(), &ReadOptions::lax()).unwrap();
    assert_eq!(m.body.message, "m");
}

#[test]
fn wrong_version_is_a_version_mismatch() {
    let bytes = message11().to_xml().unwrap();
    let err = PingMessage12::from_xml(&bytes, &ReadOptions::strict()).unwrap_err();
    assert!(
        matches!(
            err,
            MessageError::Envelope(EnvelopeError::VersionMismatch {
                expected: Some(SoapVersion::Soap12),
                found_version: Some(SoapVersion::Soap11),
                ..
            })
        ),
        "{err:?}"
    );
}

const FAULT11: &str = r#"<?xml version='1.0' encoding='UTF-8'?>
<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/">
  <S:Body>
    <S:Fault xmlns:ns4="urn:faults.chat.ws.rightnow.com/v1">
      <faultcode>S:Client</faultcode>
      <faultstring>Invalid session</faultstring>
      <detail>
        <ns4:RequestErrorFault>
          <ns4:ExceptionCode>ACCESS_DENIED</ns4:ExceptionCode>
          <ns4:ExceptionMessage>session expired</ns4:ExceptionMessage>
        </ns4:RequestErrorFault>
      </detail>
    </S:Fault>
  </S:Body>
</S:Envelope>"#;

const FAULT12: &str = r#"<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope">
 <e:Body><e:Fault>
   <e:Code><e:Value>e:Receiver</e:Value></e:Code>
   <e:Reason><e:Text xml:lang="en">Storage timed out</e:Text></e:Reason>
   <e:Detail><f:ServerErrorFault xmlns:f="urn:faults.chat.ws.rightnow.com/v1"><f:ExceptionCode>UNKNOWN_EXCEPTION</f:ExceptionCode><f:ExceptionMessage>db</f:ExceptionMessage></f:ServerErrorFault></e:Detail>
 </e:Fault></e:Body>
</e:Envelope>"#;

#[test]
fn soap11_fault_is_typed() {
    let err = PingMessage11::from_xml(FAULT11.as_bytes(), &ReadOptions::strict()).unwrap_err();
    let fault = err.fault().expect("a fault");
    assert_eq!(fault.code(), &FaultCode::new(S11, "Client"));
    assert_eq!(fault.side(), Some(FaultSide::Sender));
    assert_eq!(fault.reason(), "Invalid session");
    assert_eq!(
        fault.typed_detail(),
        Some(&ChatFault::RequestError(RnFault {
            code: "ACCESS_DENIED".into(),
            message: "session expired".into(),
        }))
    );
    assert!(err.to_string().starts_with("SOAP fault: "), "{err}");

    // Without a fault type the detail is kept raw, not lost.
    let err = BareMessage::from_xml(FAULT11.as_bytes(), &ReadOptions::strict()).unwrap_err();
    let fault = err.fault().expect("a fault");
    let raw: Vec<_> = fault.detail().unwrap().raw().collect();
    assert_eq!(raw.len(), 1);
    assert_eq!(raw[0].local(), "RequestErrorFault");
}

#[test]
fn soap12_fault_is_typed() {
    let err = PingMessage12::from_xml(FAULT12.as_bytes(), &ReadOptions::strict()).unwrap_err();
    let fault = err.fault().expect("a fault");
    assert_eq!(fault.version(), SoapVersion::Soap12);
    assert_eq!(fault.code(), &FaultCode::new(S12, "Receiver"));
    assert_eq!(fault.reason(), "Storage timed out");
    assert_eq!(
        fault.typed_detail(),
        Some(&ChatFault::ServerError(RnFault {
            code: "UNKNOWN_EXCEPTION".into(),
            message: "db".into(),
        }))
    );
}

#[test]
fn header_set_works_with_the_runtime_call_functions() {
    let set = message12().extra;
    assert_eq!(set.block_count(), 3);
    assert_eq!(PingHeaders::default().block_count(), 0);
    assert!(PingHeaders::default().as_header_list().is_empty());

    // Writing through `prepare_request` (what `call` does).
    let options =
        CallOptions::new("http://localhost/chat", "urn:ping").with_version(SoapVersion::Soap12);
    let request =
        soap::prepare_request::<Ping, ChatFault>(&options, &set.as_header_list(), &ping()).unwrap();
    let xml = text(&request.body);
    assert!(xml.contains("env:role=\"urn:auditor\""), "{xml}");

    // Reading through `decode_response` with the set as the header type.
    let env = soap::decode_response::<PingHeaders, Ping, ChatFault>(
        &request.body,
        Some(SoapVersion::Soap12),
        &ReadOptions::strict(),
    )
    .unwrap();
    assert_eq!(env.headers, set);
    assert_eq!(env.body, Body::Payload(ping()));

    // The same set written as SOAP 1.1: `actor` instead of `role`, no `relay`.
    let bytes = soap::encode(SoapVersion::Soap11, &set.as_header_list(), &ping()).unwrap();
    let xml = text(&bytes);
    assert!(xml.contains("soap:actor=\"urn:auditor\""), "{xml}");
    assert!(xml.contains("soap:mustUnderstand=\"1\""), "{xml}");
    assert!(!xml.contains("relay"), "{xml}");
    let env = soap::decode_response::<PingHeaders, Ping, ChatFault>(
        &bytes,
        Some(SoapVersion::Soap11),
        &ReadOptions::strict(),
    )
    .unwrap();
    assert_eq!(env.headers.trace, set.trace);
    assert_eq!(env.headers.security, set.security);
}

#[test]
fn soap_attributes_on_blocks_are_accepted_but_other_unknown_attributes_are_not() {
    // The envelope namespace's attributes belong to the SOAP layer; anything else unknown on
    // a block is still an error in strict mode (and skipped in lax mode).
    let xml = format!(
        r#"<S:Envelope xmlns:S="{S11}" xmlns:t="{NS}"><S:Header><t:Session S:mustUnderstand="1" S:encodingStyle="urn:x" rogue="1"><t:Token>k</t:Token></t:Session></S:Header><S:Body><t:Ping><t:Message>m</t:Message></t:Ping></S:Body></S:Envelope>"#
    );
    let err = PingMessage11::from_xml(xml.as_bytes(), &ReadOptions::strict()).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("rogue"), "{msg}");
    assert!(msg.contains("/Envelope/Header/Session"), "{msg}");
    let m = PingMessage11::from_xml(xml.as_bytes(), &ReadOptions::lax()).unwrap();
    assert_eq!(m.session.token, "k");
    let clean = xml.replace(" rogue=\"1\"", "");
    let m = PingMessage11::from_xml(clean.as_bytes(), &ReadOptions::strict()).unwrap();
    assert_eq!(m.session.token, "k");
}
