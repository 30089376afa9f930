//! The WSDL HTTP binding end to end with derived types (Cisco ECE's shapes): GET with URL
//! replacement decoding a no-namespace root, POST of a namespaced document answered by 204,
//! error statuses keeping their body, and bad documents reported with their path.

use soapstone::transport::http_binding::{
    self, HttpBindingError, get_request, post_xml_request, replace_url, require_body,
};
use soapstone::transport::{HttpResponse, MemoryTransport, Method, TransportError};
use soapstone::xml::ReadOptions;
use soapstone::{XmlRead, XmlWrite};

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(root = "agentAvailability")]
struct AgentAvailability {
    #[xml(attribute = "available")]
    available: bool,
}

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(root = "egainSurvey", ns = "http://bindings.egain.com/chat")]
struct EgainSurvey {
    #[xml(attribute = "sid")]
    sid: String,
    #[xml(element = "survey", ns = "http://bindings.egain.com/chat")]
    survey: Vec<Survey>,
}

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
struct Survey {
    #[xml(element = "question", ns = "http://bindings.egain.com/chat")]
    question: String,
    #[xml(element = "answer", ns = "http://bindings.egain.com/chat")]
    answer: String,
}

const BASE: &str = "http://ece.example/system/egain/chat/entrypoint";

fn ece() -> MemoryTransport {
    MemoryTransport::new(|req| {
        match (req.method, req.url.as_str()) {
        (Method::Get, "http://ece.example/system/egain/chat/entrypoint/agentAvailability/1000") => {
            HttpResponse::new(
                200,
                br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><agentAvailability xmlns:ns2="http://bindings.egain.com/chat" xmlns:ns5="http://jabber.org/protocol/httpbind" available="true"/>"#.to_vec(),
            )
        }
        (Method::Get, url) if url.ends_with("/agentAvailability/1001") => {
            HttpResponse::new(200, br#"<agentAvailability available="maybe"/>"#.to_vec())
        }
        (Method::Post, "http://ece.example/system/egain/chat/entrypoint/survey") => {
            HttpResponse::new(204, Vec::new())
        }
        _ => HttpResponse::new(500, b"Unable to retrieve agent availability".to_vec()),
    }
    })
}

#[test]
fn get_with_url_replacement_decodes_the_root() {
    let transport = ece();
    let url = replace_url(BASE, "agentAvailability/(id)", &[("id", "1000")]).unwrap();
    let got: Option<AgentAvailability> =
        http_binding::send_blocking(&transport, get_request(url.clone()), &ReadOptions::strict())
            .unwrap();
    assert_eq!(
        require_body(&url, got).unwrap(),
        AgentAvailability { available: true }
    );
    assert_eq!(
        transport.last_request().unwrap().headers.get("accept"),
        Some("application/xml")
    );

    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let got: Option<AgentAvailability> = runtime
        .block_on(http_binding::send(
            &transport,
            get_request(url),
            &ReadOptions::strict(),
        ))
        .unwrap();
    assert_eq!(got, Some(AgentAvailability { available: true }));
}

#[test]
fn post_of_a_document_answered_by_204_is_empty_success() {
    let transport = ece();
    let survey = EgainSurvey {
        sid: "session-42".into(),
        survey: vec![Survey {
            question: "Helpful?".into(),
            answer: "yes & more".into(),
        }],
    };
    let body = soapstone::xml::to_vec(&survey).unwrap();
    let request = post_xml_request(format!("{BASE}/survey"), None, body);
    let got: Option<AgentAvailability> =
        http_binding::send_blocking(&transport, request, &ReadOptions::strict()).unwrap();
    assert_eq!(got, None);
    let sent = String::from_utf8(transport.last_request().unwrap().body).unwrap();
    assert_eq!(
        sent,
        concat!(
            r#"<ns1:egainSurvey xmlns:ns1="http://bindings.egain.com/chat" sid="session-42">"#,
            "<ns1:survey><ns1:question>Helpful?</ns1:question>",
            "<ns1:answer>yes &amp; more</ns1:answer></ns1:survey></ns1:egainSurvey>"
        )
    );
}

#[test]
fn error_status_keeps_the_body_and_bad_documents_name_the_path() {
    let transport = ece();
    let url = replace_url(BASE, "agentAvailability/(id)", &[("id", "9")]).unwrap();
    let err = http_binding::send_blocking::<_, AgentAvailability>(
        &transport,
        get_request(url),
        &ReadOptions::strict(),
    )
    .unwrap_err();
    let HttpBindingError::Transport(TransportError::Status { status, body, .. }) = err else {
        panic!("{err:?}")
    };
    assert_eq!(status, 500);
    assert_eq!(body, b"Unable to retrieve agent availability");

    let url = replace_url(BASE, "agentAvailability/(id)", &[("id", "1001")]).unwrap();
    let err = http_binding::send_blocking::<_, AgentAvailability>(
        &transport,
        get_request(url),
        &ReadOptions::strict(),
    )
    .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("/agentAvailability"), "{text}");
    assert!(text.contains("maybe"), "{text}");
    assert!(matches!(err, HttpBindingError::Decode { .. }));

    let missing = require_body::<AgentAvailability>("u", None).unwrap_err();
    assert_eq!(
        missing.to_string(),
        "empty response from u where a document was expected"
    );
}
