//! Request building for SOAP and the WSDL HTTP binding, the in-memory transport, and
//! redaction in transport types' Debug output.

use soapstone::soap::SoapVersion;
use soapstone::transport::http_binding::{
    self, HttpBody, encode_url, get_request, post_xml_request, read_response, replace_url,
};
use soapstone::transport::soap_http::{
    media_type_param, request_action, soap_request, version_from_content_type,
};
use soapstone::transport::{
    BlockingTransport, Headers, HttpRequest, HttpResponse, MemoryTransport, Method, Transport,
    TransportError,
};

#[test]
fn soap11_request_has_quoted_soapaction_and_text_xml() {
    let req = soap_request(
        SoapVersion::Soap11,
        "https://h/chat",
        "GetChatUrl",
        b"<x/>".to_vec(),
    )
    .unwrap();
    assert_eq!(req.method, Method::Post);
    assert_eq!(req.url, "https://h/chat");
    assert_eq!(
        req.headers.get("content-type"),
        Some("text/xml; charset=utf-8")
    );
    assert_eq!(req.headers.get("SOAPAction"), Some("\"GetChatUrl\""));
    assert_eq!(req.body, b"<x/>");
    assert_eq!(
        request_action(SoapVersion::Soap11, &req.headers).as_deref(),
        Some("GetChatUrl")
    );
}

#[test]
fn soap11_request_without_action_sends_empty_quoted_soapaction() {
    let req = soap_request(SoapVersion::Soap11, "http://h/", "", Vec::new()).unwrap();
    assert_eq!(req.headers.get("soapaction"), Some("\"\""));
    assert_eq!(request_action(SoapVersion::Soap11, &req.headers), None);
}

#[test]
fn soap12_request_carries_action_as_media_type_parameter() {
    let req = soap_request(SoapVersion::Soap12, "http://h/", "urn:op/Run", Vec::new()).unwrap();
    let ct = req.headers.get("Content-Type").unwrap();
    assert_eq!(
        ct,
        "application/soap+xml; charset=utf-8; action=\"urn:op/Run\""
    );
    assert_eq!(req.headers.get("SOAPAction"), None);
    assert_eq!(version_from_content_type(ct), Some(SoapVersion::Soap12));
    assert_eq!(
        request_action(SoapVersion::Soap12, &req.headers).as_deref(),
        Some("urn:op/Run")
    );

    let bare = soap_request(SoapVersion::Soap12, "http://h/", "", Vec::new()).unwrap();
    assert_eq!(
        bare.headers.get("content-type"),
        Some("application/soap+xml; charset=utf-8")
    );
}

#[test]
fn soap_action_with_quote_is_rejected() {
    let err = soap_request(SoapVersion::Soap11, "http://h/", "a\"b", Vec::new()).unwrap_err();
    assert!(
        matches!(err, TransportError::InvalidRequest { .. }),
        "{err}"
    );
    let err = soap_request(SoapVersion::Soap12, "http://h/", "a\r\nX: y", Vec::new()).unwrap_err();
    assert!(
        matches!(err, TransportError::InvalidRequest { .. }),
        "{err}"
    );
}

#[test]
fn media_type_parameters_parse_quoted_and_bare_values() {
    let ct = "application/soap+xml;charset=UTF-8;ACTION=\"urn:a;b\\\"c\"; x=1";
    assert_eq!(
        media_type_param(ct, "action").as_deref(),
        Some("urn:a;b\"c")
    );
    assert_eq!(media_type_param(ct, "charset").as_deref(), Some("UTF-8"));
    assert_eq!(media_type_param(ct, "x").as_deref(), Some("1"));
    assert_eq!(media_type_param(ct, "missing"), None);
    assert_eq!(media_type_param("text/xml", "charset"), None);
    assert_eq!(
        version_from_content_type("TEXT/XML ; charset=utf-8"),
        Some(SoapVersion::Soap11)
    );
    assert_eq!(version_from_content_type("application/json"), None);
}

#[test]
fn url_replacement_substitutes_and_percent_encodes() {
    let url = replace_url(
        "http://ece.example/system/egain/chat/entrypoint/",
        "agentAvailability/(id)",
        &[("id", "1000")],
    )
    .unwrap();
    assert_eq!(
        url,
        "http://ece.example/system/egain/chat/entrypoint/agentAvailability/1000"
    );

    // A value can never add a path segment or a query of its own.
    let url = replace_url(
        "http://h/base",
        "/o/A(p1)B/(p2)",
        &[("p2", "x y/../?&=é"), ("p1", "1")],
    )
    .unwrap();
    assert_eq!(url, "http://h/base/o/A1B/x%20y%2F..%2F%3F%26%3D%C3%A9");
}

#[test]
fn url_replacement_reports_missing_unused_and_unbalanced_parts() {
    let missing = replace_url("http://h", "a/(id)", &[]).unwrap_err();
    assert!(
        missing
            .to_string()
            .contains("no value for URL replacement part `id`"),
        "{missing}"
    );
    let unused = replace_url("http://h", "a", &[("id", "1")]).unwrap_err();
    assert!(
        unused.to_string().contains("part `id` has no `(id)`"),
        "{unused}"
    );
    let open = replace_url("http://h", "a/(id", &[("id", "1")]).unwrap_err();
    assert!(open.to_string().contains("unclosed"), "{open}");
    let close = replace_url("http://h", "a/id)", &[]).unwrap_err();
    assert!(close.to_string().contains("unbalanced"), "{close}");
}

#[test]
fn url_encoded_appends_a_query_string() {
    let url = encode_url(
        "http://h/api/",
        "search",
        &[("q", "a b&c"), ("tag", "x"), ("tag", "y")],
    );
    assert_eq!(url, "http://h/api/search?q=a%20b%26c&tag=x&tag=y");
    assert_eq!(
        encode_url("http://h/api?k=1", "", &[("q", "2")]),
        "http://h/api?k=1&q=2"
    );
    assert_eq!(encode_url("http://h/api", "", &[]), "http://h/api");
}

#[test]
fn http_binding_requests_ask_for_xml() {
    let get = get_request("http://h/x");
    assert_eq!(get.method, Method::Get);
    assert_eq!(get.headers.get("accept"), Some(http_binding::ACCEPT_XML));
    assert!(get.body.is_empty());

    let post = post_xml_request("http://h/survey", None, b"<egainSurvey/>".to_vec());
    assert_eq!(post.method, Method::Post);
    assert_eq!(
        post.headers.get("content-type"),
        Some("text/xml; charset=utf-8")
    );
    assert_eq!(post.headers.get("accept"), Some("application/xml"));
}

#[test]
fn http_binding_responses_204_is_empty_success_and_errors_keep_the_body() {
    assert_eq!(
        read_response("u", HttpResponse::new(204, Vec::new())).unwrap(),
        HttpBody::Empty
    );
    assert_eq!(
        read_response("u", HttpResponse::new(200, b"  \n".to_vec())).unwrap(),
        HttpBody::Empty
    );
    assert_eq!(
        read_response("u", HttpResponse::new(200, b"<a/>".to_vec())).unwrap(),
        HttpBody::Xml(b"<a/>".to_vec())
    );
    let err = read_response(
        "http://h/x",
        HttpResponse::new(500, b"Unable to retrieve".to_vec()),
    )
    .unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert!(
        err.to_string()
            .contains("HTTP status 500 from http://h/x: Unable to retrieve"),
        "{err}"
    );
    match err {
        TransportError::Status { body, .. } => assert_eq!(body, b"Unable to retrieve"),
        other => panic!("expected a status error, got {other:?}"),
    }
}

#[test]
fn headers_are_case_insensitive_and_keep_order() {
    let mut h = Headers::new();
    h.append("X-A", "1");
    h.append("x-a", "2");
    h.insert("Content-Type", "text/xml; charset=utf-8");
    assert_eq!(h.get("x-A"), Some("1"));
    assert_eq!(h.get_all("X-A").collect::<Vec<_>>(), ["1", "2"]);
    assert_eq!(h.media_type().as_deref(), Some("text/xml"));
    h.insert("X-A", "3");
    assert_eq!(h.get_all("x-a").collect::<Vec<_>>(), ["3"]);
    h.remove("x-a");
    assert_eq!(h.len(), 1);
}

#[test]
fn memory_transport_answers_and_records_blocking_and_async() {
    let transport = MemoryTransport::new(|req| {
        HttpResponse::new(200, format!("{} {}", req.method, req.url)).with_header("X-Echo", "1")
    });
    let res = transport
        .send_blocking(HttpRequest::new(Method::Get, "mem://a"))
        .unwrap();
    assert_eq!(res.body, b"GET mem://a");
    assert_eq!(res.headers.get("x-echo"), Some("1"));

    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let res = runtime
        .block_on(transport.send(HttpRequest::new(Method::Post, "mem://b").with_body("hi")))
        .unwrap();
    assert_eq!(res.body, b"POST mem://b");

    let seen = transport.requests();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[1].body, b"hi");
    assert_eq!(transport.last_request().unwrap().url, "mem://b");
    transport.clear();
    assert!(transport.requests().is_empty());
}

#[test]
fn memory_transport_can_fail_like_a_network() {
    let transport = MemoryTransport::fallible(|req| {
        Err(TransportError::Timeout {
            url: req.url.clone(),
        })
    });
    let err = transport
        .send_blocking(HttpRequest::new(Method::Get, "mem://slow"))
        .unwrap_err();
    assert_eq!(err.to_string(), "request to mem://slow timed out");
}

#[test]
fn debug_output_hides_bodies_and_credential_headers() {
    let req = HttpRequest::new(Method::Post, "http://h/")
        .with_header("Authorization", "Basic c2VjcmV0")
        .with_header("Cookie", "session=hunter2")
        .with_body("<wsse:Password>hunter2</wsse:Password>");
    let shown = format!("{req:?}");
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(!shown.contains("c2VjcmV0"), "{shown}");
    assert!(shown.contains("<redacted>"), "{shown}");
    assert!(shown.contains("38 bytes"), "{shown}");
    let res = HttpResponse::new(200, "hunter2").with_header("Set-Cookie", "s=hunter2");
    assert!(!format!("{res:?}").contains("hunter2"));
}
