//! SOAP envelopes: round trips with header blocks in both versions, prefix-insensitive
//! decoding, version mismatch, mustUnderstand, strict vs lax, and typed faults of both
//! versions (decoded, encoded and round-tripped).
//!
//! The payload and fault types are written by hand against the traits, as a library author
//! would for a custom header.

use soapstone::soap::{
    self, Body, DetailEntry, EnvelopeError, Fault, Fault11, Fault12, FaultCode, FaultSide,
    HeaderBlock, NoDetail, ReasonText, SoapVersion, WriteHeader,
};
use soapstone::xml::{AnyElement, DecodeErrorKind, ReadOptions, XmlWriter};

mod soap_support;

use soap_support::*;

fn request() -> GetChatUrl {
    GetChatUrl {
        url_type: "ENDUSER".into(),
        version: "1.2".into(),
    }
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap()
}

#[test]
fn round_trip_with_headers_in_both_versions() {
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let crh = ClientRequestHeader {
            app_id: "Sample Chat Client".into(),
        };
        let marked = HeaderBlock::must_understand(ClientRequestHeader {
            app_id: "second".into(),
        })
        .with_role("urn:some-actor");
        let headers: [&dyn WriteHeader; 2] = [&crh, &marked];
        let bytes = soap::encode(version, &headers, &request()).unwrap();
        let xml = text(&bytes);
        let p = version.prefix();
        let role = version.role_attribute();
        let mu = if version == SoapVersion::Soap11 {
            "1"
        } else {
            "true"
        };
        assert!(
            xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"),
            "{xml}"
        );
        assert!(xml.contains(&format!(
            "<{p}:Envelope xmlns:{p}=\"{}\"><{p}:Header><ns1:ClientRequestHeader xmlns:ns1=\"{SITE}\"><ns1:AppID>Sample Chat Client</ns1:AppID></ns1:ClientRequestHeader>",
            version.envelope_ns()
        )), "{xml}");
        assert!(xml.contains(&format!("<ns1:ClientRequestHeader {p}:mustUnderstand=\"{mu}\" {p}:{role}=\"urn:some-actor\" xmlns:ns1=")), "{xml}");
        assert!(xml.contains(&format!("<{p}:Body><ns")), "{xml}");

        // The second block targets another actor: not ours, so mustUnderstand does not apply.
        let env = soap::decode_response::<(Option<ClientRequestHeader>,), GetChatUrl, NoDetail>(
            &bytes,
            Some(version),
            &ReadOptions::strict(),
        )
        .unwrap();
        assert_eq!(env.version, version);
        assert_eq!(env.headers.0, Some(crh.clone()));
        assert_eq!(env.body, Body::Payload(request()));

        // A header set that keeps everything sees both blocks, in order.
        let env = soap::decode_response::<Vec<AnyElement>, GetChatUrl, NoDetail>(
            &bytes,
            None,
            &ReadOptions::strict(),
        )
        .unwrap();
        assert_eq!(env.headers.len(), 2);
        assert!(
            env.headers[1]
                .attributes
                .iter()
                .any(|a| a.local == "mustUnderstand")
        );
    }
}

#[test]
fn unknown_must_understand_block_addressed_to_us_is_refused() {
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let marked = HeaderBlock::must_understand(ClientRequestHeader { app_id: "x".into() });
        let headers: [&dyn WriteHeader; 1] = [&marked];
        let bytes = soap::encode(version, &headers, &request()).unwrap();
        let err = soap::decode_response::<(), GetChatUrl, NoDetail>(
            &bytes,
            Some(version),
            &ReadOptions::lax(),
        )
        .unwrap_err();
        assert_eq!(
            err,
            EnvelopeError::MustUnderstand {
                version,
                header: format!("{{{SITE}}}ClientRequestHeader")
            }
        );
        // Understood: fine.
        let env = soap::decode_response::<Option<ClientRequestHeader>, GetChatUrl, NoDetail>(
            &bytes,
            Some(version),
            &ReadOptions::strict(),
        )
        .unwrap();
        assert_eq!(env.headers.unwrap().app_id, "x");
    }
}

const SEED_RESPONSE: &str = r#"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"> <soapenv:Header/> <soapenv:Body> <n0:GetChatUrlResponse xmlns:n0="urn:messages.chat.ws.rightnow.com/v1_2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"> <n0:GetChatUrlResult> <n0:ChatUrl>CHAT_URL_WILL_BE_HERE</n0:ChatUrl> <n0:ChatToken>1234a5b6-c789-01d2-345-678ef90a1bc2</n0:ChatToken> <n0:SiteName>YOUR_SITE_NAME</n0:SiteName> </n0:GetChatUrlResult> </n0:GetChatUrlResponse> </soapenv:Body> </soapenv:Envelope>"#;

fn expected_response() -> GetChatUrlResponse {
    GetChatUrlResponse {
        chat_url: "CHAT_URL_WILL_BE_HERE".into(),
        chat_token: "1234a5b6-c789-01d2-345-678ef90a1bc2".into(),
        site_name: "YOUR_SITE_NAME".into(),
    }
}

#[test]
fn envelope_prefixes_do_not_matter() {
    let variants = [
        SEED_RESPONSE.to_owned(),
        SEED_RESPONSE
            .replace("soapenv:", "S:")
            .replace("xmlns:soapenv=", "xmlns:S="),
        SEED_RESPONSE
            .replace("soapenv:", "env:")
            .replace("xmlns:soapenv=", "xmlns:env="),
        // Default namespace for the envelope, another default for the payload.
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Envelope xmlns="{S11}"><Body><GetChatUrlResponse xmlns="{SITE}"><GetChatUrlResult><ChatUrl>CHAT_URL_WILL_BE_HERE</ChatUrl><ChatToken>1234a5b6-c789-01d2-345-678ef90a1bc2</ChatToken><SiteName>YOUR_SITE_NAME</SiteName></GetChatUrlResult></GetChatUrlResponse></Body></Envelope>"#
        ),
        // The payload prefix bound on the envelope, as JAX-WS does.
        format!(
            r#"<S:Envelope xmlns:S="{S11}" xmlns:ns3="{SITE}"><S:Body><ns3:GetChatUrlResponse><ns3:GetChatUrlResult><ns3:ChatUrl>CHAT_URL_WILL_BE_HERE</ns3:ChatUrl><ns3:ChatToken>1234a5b6-c789-01d2-345-678ef90a1bc2</ns3:ChatToken><ns3:SiteName>YOUR_SITE_NAME</ns3:SiteName></ns3:GetChatUrlResult></ns3:GetChatUrlResponse></S:Body></S:Envelope>"#
        ),
    ];
    for xml in &variants {
        let env = soap::decode_response::<(), GetChatUrlResponse, NoDetail>(
            xml.as_bytes(),
            Some(SoapVersion::Soap11),
            &ReadOptions::strict(),
        )
        .unwrap_or_else(|e| panic!("{e}\n{xml}"));
        assert_eq!(env.body, Body::Payload(expected_response()), "{xml}");
    }
    // A prefix bound to the right local names but the wrong namespace is not an envelope.
    let wrong = SEED_RESPONSE.replace(S11, "urn:not-soap");
    let err = soap::decode_response::<(), GetChatUrlResponse, NoDetail>(
        wrong.as_bytes(),
        None,
        &ReadOptions::strict(),
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            EnvelopeError::VersionMismatch {
                found_version: None,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn version_mismatch_is_a_clear_error() {
    let soap12 = SEED_RESPONSE.replace(S11, S12);
    let err = soap::decode_response::<(), GetChatUrlResponse, NoDetail>(
        soap12.as_bytes(),
        Some(SoapVersion::Soap11),
        &ReadOptions::strict(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "SOAP version mismatch: expected a SOAP 1.1 envelope, found root element {{{S12}}}Envelope"
        )
    );
    assert!(matches!(
        err,
        EnvelopeError::VersionMismatch {
            found_version: Some(SoapVersion::Soap12),
            ..
        }
    ));
    // Without an expectation, the namespace picks the version.
    let env = soap::decode_response::<(), GetChatUrlResponse, NoDetail>(
        soap12.as_bytes(),
        None,
        &ReadOptions::strict(),
    )
    .unwrap();
    assert_eq!(env.version, SoapVersion::Soap12);

    let err = soap::decode_response::<(), GetChatUrlResponse, NoDetail>(
        b"<agentAvailability available=\"true\"/>",
        None,
        &ReadOptions::strict(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "SOAP version mismatch: expected a SOAP 1.1 or 1.2 envelope, found root element agentAvailability"
    );
}

#[test]
fn strict_rejects_unknown_content_with_a_path_and_lax_skips_it() {
    let xml = SEED_RESPONSE.replace(
        "<n0:SiteName>",
        "<n0:Surprise><deep/></n0:Surprise><n0:SiteName>",
    );
    let err = soap::decode_response::<(), GetChatUrlResponse, NoDetail>(
        xml.as_bytes(),
        None,
        &ReadOptions::strict(),
    )
    .unwrap_err();
    let EnvelopeError::Decode(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        e.path,
        "/Envelope/Body/GetChatUrlResponse/GetChatUrlResult/Surprise"
    );
    let column = u32::try_from(xml.find("<n0:Surprise").unwrap() + 1).unwrap();
    assert_eq!((e.line, e.column), (1, column));
    assert!(
        matches!(e.kind, DecodeErrorKind::UnexpectedElement(_)),
        "{e}"
    );

    let env = soap::decode_response::<(), GetChatUrlResponse, NoDetail>(
        xml.as_bytes(),
        None,
        &ReadOptions::lax(),
    )
    .unwrap();
    assert_eq!(env.body, Body::Payload(expected_response()));

    // A second body element and a trailing envelope child.
    let extra = SEED_RESPONSE.replace(
        "</soapenv:Body>",
        "<n0:Other xmlns:n0=\"urn:x\"/></soapenv:Body><soapenv:Trailer/>",
    );
    assert!(
        soap::decode_response::<(), GetChatUrlResponse, NoDetail>(
            extra.as_bytes(),
            None,
            &ReadOptions::strict()
        )
        .is_err()
    );
    assert!(
        soap::decode_response::<(), GetChatUrlResponse, NoDetail>(
            extra.as_bytes(),
            None,
            &ReadOptions::lax()
        )
        .is_ok()
    );
}

#[test]
fn malformed_and_hostile_envelopes_are_errors_not_panics() {
    let cases: &[&[u8]] = &[
        b"",
        b"<",
        b"<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\">",
        b"<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body></S:Envelope>",
        b"<!DOCTYPE x [<!ENTITY a \"b\">]><x/>",
        b"<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Header/></S:Envelope>",
        b"<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body/><S:Body/></S:Envelope>",
        b"\xff\xfe<x/>",
    ];
    let late_header = format!(
        "<S:Envelope xmlns:S=\"{S11}\"><S:Body><S:Fault><faultcode>S:Client</faultcode><faultstring>x</faultstring></S:Fault></S:Body><S:Header/></S:Envelope>"
    );
    let err = soap::decode_response::<(), GetChatUrlResponse, NoDetail>(
        late_header.as_bytes(),
        None,
        &ReadOptions::lax(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("out of schema order"), "{err}");
    for case in cases {
        let r = soap::decode_response::<(), GetChatUrlResponse, ChatFault>(
            case,
            None,
            &ReadOptions::lax(),
        );
        assert!(r.is_err(), "{}", String::from_utf8_lossy(case));
    }
    // Deep nesting inside the body is bounded by the reader's depth limit.
    let deep = format!(
        "<S:Envelope xmlns:S=\"{S11}\"><S:Body>{}{}</S:Body></S:Envelope>",
        "<a>".repeat(100_000),
        "</a>".repeat(100_000)
    );
    let err = soap::decode_response::<(), GetChatUrlResponse, NoDetail>(
        deep.as_bytes(),
        None,
        &ReadOptions::lax(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("depth"), "{err}");
    // So is a hostile Subcode chain.
    let chain = format!(
        "<env:Envelope xmlns:env=\"{S12}\"><env:Body><env:Fault><env:Code><env:Value>env:Sender</env:Value>{}</env:Code></env:Fault></env:Body></env:Envelope>",
        "<env:Subcode><env:Value>env:Sender</env:Value>".repeat(10_000)
    );
    let err = soap::decode_response::<(), GetChatUrlResponse, NoDetail>(
        chain.as_bytes(),
        None,
        &ReadOptions::lax(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("depth"), "{err}");
}

const FAULT11: &str = r#"<?xml version='1.0' encoding='UTF-8'?>
<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/">
  <S:Body>
    <S:Fault xmlns:ns4="urn:faults.chat.ws.rightnow.com/v1">
      <faultcode>S:Client</faultcode>
      <faultstring xml:lang="en">Invalid session &amp; token</faultstring>
      <faultactor>urn:chat-server</faultactor>
      <detail>
        <ns4:RequestErrorFault>
          <ns4:ExceptionCode>ACCESS_DENIED</ns4:ExceptionCode>
          <ns4:ExceptionMessage>session expired</ns4:ExceptionMessage>
        </ns4:RequestErrorFault>
        <vendor:Trace xmlns:vendor="urn:vendor" id="7">abc<b>bold</b></vendor:Trace>
      </detail>
    </S:Fault>
  </S:Body>
</S:Envelope>"#;

#[test]
fn soap11_fault_decodes_with_typed_and_raw_detail() {
    let env = soap::decode_response::<(), GetChatUrlResponse, ChatFault>(
        FAULT11.as_bytes(),
        Some(SoapVersion::Soap11),
        &ReadOptions::strict(),
    )
    .unwrap();
    let Body::Fault(fault) = env.body else {
        panic!("expected a fault")
    };
    assert_eq!(fault.version(), SoapVersion::Soap11);
    assert_eq!(fault.code(), &FaultCode::new(S11, "Client"));
    assert_eq!(fault.side(), Some(FaultSide::Sender));
    assert_eq!(fault.reason(), "Invalid session & token");
    let Fault::V11(f) = &fault else { panic!() };
    assert_eq!(f.string_lang.as_deref(), Some("en"));
    assert_eq!(f.actor.as_deref(), Some("urn:chat-server"));
    assert_eq!(
        fault.typed_detail(),
        Some(&ChatFault::RequestError(RnFault {
            code: "ACCESS_DENIED".into(),
            message: "session expired".into()
        }))
    );
    let raw: Vec<&AnyElement> = fault.detail().unwrap().raw().collect();
    assert_eq!(raw.len(), 1);
    assert_eq!((raw[0].ns(), raw[0].local()), ("urn:vendor", "Trace"));
    assert!(
        fault
            .to_string()
            .starts_with(&format!("{{{S11}}}Client: Invalid session & token"))
    );
}

#[test]
fn soap11_fault_without_a_matching_type_keeps_detail_raw() {
    let env = soap::decode_response::<(), GetChatUrlResponse, NoDetail>(
        FAULT11.as_bytes(),
        None,
        &ReadOptions::strict(),
    )
    .unwrap();
    let Body::Fault(fault) = env.body else {
        panic!("expected a fault")
    };
    let detail = fault.detail().unwrap();
    assert_eq!(detail.entries.len(), 2);
    assert!(
        detail
            .entries
            .iter()
            .all(|e| matches!(e, DetailEntry::Raw(_)))
    );
    // The raw entry still writes as a well-formed element of its own.
    let DetailEntry::Raw(first) = &detail.entries[0] else {
        panic!()
    };
    let mut w = XmlWriter::new();
    first.write(&mut w).unwrap();
    let xml = String::from_utf8(w.into_inner().unwrap()).unwrap();
    assert!(
        xml.contains(FAULTS) && xml.contains("ACCESS_DENIED"),
        "{xml}"
    );
}

const FAULT12: &str = r#"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:app="urn:app">
 <env:Body>
  <env:Fault>
   <env:Code>
     <env:Value>env:Receiver</env:Value>
     <env:Subcode><env:Value>app:Database</env:Value>
       <env:Subcode><env:Value>app:Timeout</env:Value></env:Subcode>
     </env:Subcode>
   </env:Code>
   <env:Reason>
     <env:Text xml:lang="en">Storage timed out</env:Text>
     <env:Text xml:lang="ja">タイムアウト</env:Text>
   </env:Reason>
   <env:Node>http://chat.example/node</env:Node>
   <env:Role>http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver</env:Role>
   <env:Detail>
     <f:ServerErrorFault xmlns:f="urn:faults.chat.ws.rightnow.com/v1"><f:ExceptionCode>UNKNOWN_EXCEPTION</f:ExceptionCode><f:ExceptionMessage>db</f:ExceptionMessage></f:ServerErrorFault>
   </env:Detail>
  </env:Fault>
 </env:Body>
</env:Envelope>"#;

#[test]
fn soap12_fault_decodes_with_subcodes_reasons_node_role_and_detail() {
    let env = soap::decode_response::<(), GetChatUrlResponse, ChatFault>(
        FAULT12.as_bytes(),
        Some(SoapVersion::Soap12),
        &ReadOptions::strict(),
    )
    .unwrap();
    let Body::Fault(Fault::V12(f)) = env.body else {
        panic!("expected a 1.2 fault")
    };
    assert_eq!(f.code, FaultCode::new(S12, "Receiver"));
    assert_eq!(
        f.subcodes,
        [
            FaultCode::new("urn:app", "Database"),
            FaultCode::new("urn:app", "Timeout")
        ]
    );
    assert_eq!(
        f.reason,
        [
            ReasonText {
                lang: "en".into(),
                text: "Storage timed out".into()
            },
            ReasonText {
                lang: "ja".into(),
                text: "タイムアウト".into()
            }
        ]
    );
    assert_eq!(f.node.as_deref(), Some("http://chat.example/node"));
    assert!(
        f.role
            .as_deref()
            .unwrap()
            .ends_with("/role/ultimateReceiver")
    );
    assert_eq!(
        f.detail.unwrap().typed(),
        Some(&ChatFault::ServerError(RnFault {
            code: "UNKNOWN_EXCEPTION".into(),
            message: "db".into()
        }))
    );
}

#[test]
fn faults_round_trip_in_both_versions() {
    let detail = ChatFault::RequestError(RnFault {
        code: "BAD_ID".into(),
        message: "no such <chat>".into(),
    });
    let f11 = Fault::V11(Fault11 {
        code: FaultCode::new("urn:app", "Custom"),
        string: "bad ]]> </Body> input".into(),
        string_lang: Some("en".into()),
        actor: Some("urn:actor".into()),
        detail: None,
    })
    .with_detail(detail.clone());
    let f12 = Fault::V12(Fault12 {
        code: FaultCode::new(S12, "Sender"),
        subcodes: vec![FaultCode::new("urn:app", "A"), FaultCode::new(S12, "B")],
        reason: vec![
            ReasonText {
                lang: "en".into(),
                text: "one".into(),
            },
            ReasonText {
                lang: "fr".into(),
                text: "un".into(),
            },
        ],
        node: Some("urn:node".into()),
        role: Some("urn:role".into()),
        detail: None,
    })
    .with_detail(detail);
    for fault in [f11, f12] {
        let bytes = soap::encode_fault(&fault, &[]).unwrap();
        let env = soap::decode_response::<(), GetChatUrlResponse, ChatFault>(
            &bytes,
            Some(fault.version()),
            &ReadOptions::strict(),
        )
        .unwrap_or_else(|e| panic!("{e}\n{}", text(&bytes)));
        assert_eq!(env.body, Body::Fault(fault.clone()), "{}", text(&bytes));
    }
}

#[test]
fn standard_faults_name_the_right_codes() {
    let f: Fault<NoDetail> = Fault::new(SoapVersion::Soap11, FaultSide::Sender, "bad");
    assert_eq!(f.code(), &FaultCode::new(S11, "Client"));
    let f: Fault<NoDetail> = Fault::new(SoapVersion::Soap11, FaultSide::Receiver, "bad");
    assert_eq!(f.code(), &FaultCode::new(S11, "Server"));
    let f: Fault<NoDetail> = Fault::new(SoapVersion::Soap12, FaultSide::Sender, "bad");
    assert_eq!(f.code(), &FaultCode::new(S12, "Sender"));
    let f: Fault<NoDetail> = Fault::new(SoapVersion::Soap12, FaultSide::Receiver, "bad");
    assert_eq!(f.code(), &FaultCode::new(S12, "Receiver"));
    assert_eq!(f.side(), Some(FaultSide::Receiver));
    let bytes = soap::encode_fault(&f, &[]).unwrap();
    assert!(
        text(&bytes).contains(r#"<env:Fault><env:Code><env:Value>env:Receiver</env:Value></env:Code><env:Reason><env:Text xml:lang="en">bad</env:Text></env:Reason></env:Fault>"#),
        "{}",
        text(&bytes)
    );
}

#[test]
fn missing_fault_code_is_an_error_with_its_path() {
    let xml = format!(
        "<S:Envelope xmlns:S=\"{S11}\"><S:Body><S:Fault><faultstring>x</faultstring></S:Fault></S:Body></S:Envelope>"
    );
    let err = soap::decode_response::<(), GetChatUrlResponse, NoDetail>(
        xml.as_bytes(),
        None,
        &ReadOptions::strict(),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("missing required element faultcode"),
        "{err}"
    );
    assert!(err.to_string().contains("/Envelope/Body/Fault"), "{err}");
}

/// A body payload with `xsi:nil="true"` whose element is not nillable is refused in strict mode
/// (it would otherwise read as an empty value), and ignored in lax mode.
#[test]
fn nil_body_payload_that_is_not_nillable_is_refused_when_strict() {
    let envelope = format!(
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><s:Body><m:GetChatUrl xmlns:m="{SITE}" xsi:nil="true"><m:UrlType>a</m:UrlType><m:Version>b</m:Version></m:GetChatUrl></s:Body></s:Envelope>"#
    );
    let err = soap::decode_response::<(), GetChatUrl, NoDetail>(
        envelope.as_bytes(),
        None,
        &ReadOptions::default(),
    )
    .unwrap_err();
    let EnvelopeError::Decode(decode) = &err else {
        panic!("expected a decode error, got {err:?}");
    };
    assert!(matches!(decode.kind, DecodeErrorKind::Nil(_)), "{decode}");
    soap::decode_response::<(), GetChatUrl, NoDetail>(
        envelope.as_bytes(),
        None,
        &ReadOptions::lax(),
    )
    .expect("lax ignores xsi:nil");
}
