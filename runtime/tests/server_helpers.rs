//! The plumbing of generated servers (`soapstone::server`): request checks, action routing,
//! fault mapping, replies, and the HTTP-binding helpers (location matching, parameters).

use soapstone::server::http::{
    match_location, param, parse_pairs, percent_decode, request_path, request_query,
};
use soapstone::server::{
    Chain, Handler, ServerFault, ServerOptions, check_action, check_soap_request, reply,
    reply_one_way,
};
use soapstone::soap::{CallOptions, FaultSide, NoDetail, SoapError, SoapVersion, read_response};
use soapstone::transport::{HttpRequest, HttpResponse, Method};
use soapstone::{XmlRead, XmlWrite};

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(root = "Echo", ns = "urn:e")]
struct Echo {
    #[xml(element = "text", ns = "urn:e")]
    text: String,
}

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(choice)]
enum EchoFault {
    #[xml(element = "Echo", ns = "urn:e")]
    Echo(Echo),
}

fn fault_of(version: SoapVersion, response: HttpResponse) -> soapstone::soap::Fault<EchoFault> {
    let options = CallOptions::new("http://x.invalid", "").with_version(version);
    match read_response::<Echo, (), EchoFault>(&options, response) {
        Err(SoapError::Fault { fault, .. }) => *fault,
        other => panic!("expected a fault, got {other:?}"),
    }
}

#[test]
fn paths_queries_and_percent_decoding() {
    assert_eq!(request_path("http://h:1/a/b?x=1#f"), "/a/b");
    assert_eq!(request_path("https://h"), "/");
    assert_eq!(request_path("/only/path?q"), "/only/path");
    assert_eq!(request_query("http://h/a?x=1&y=2#f"), "x=1&y=2");
    assert_eq!(request_query("http://h/a"), "");
    assert_eq!(percent_decode("a%20b+c", false).as_deref(), Some("a b+c"));
    assert_eq!(percent_decode("a%20b+c", true).as_deref(), Some("a b c"));
    assert_eq!(percent_decode("%zz", false), None);
    assert_eq!(percent_decode("%4", false), None);
    assert_eq!(percent_decode("%FF", false), None, "not UTF-8");
}

#[test]
fn locations_match_the_end_of_the_path() {
    let params = match_location(
        "/system/egain/chat/entrypoint/agentAvailability/1000",
        "agentAvailability/(id)",
    )
    .expect("a match");
    assert_eq!(params, vec![("id".to_owned(), "1000".to_owned())]);
    // Percent-encoded values are decoded; a value cannot span segments.
    assert_eq!(
        match_location("/api/w/a%2Fb", "w/(id)"),
        Some(vec![("id".to_owned(), "a/b".to_owned())])
    );
    assert_eq!(match_location("/api/w/a/b", "w/(id)"), None);
    // Literals around placeholders within a segment.
    assert_eq!(
        match_location("/o/item-7.xml", "o/item-(n).xml"),
        Some(vec![("n".to_owned(), "7".to_owned())])
    );
    assert_eq!(match_location("/o/other", "o/item-(n).xml"), None);
    assert_eq!(match_location("/survey", "survey"), Some(vec![]));
    assert_eq!(match_location("/surveys", "survey"), None);
    assert_eq!(match_location("/a", "a/(id)"), None, "too short");
    assert_eq!(match_location("/w/", "w/(id)"), None, "empty value");
    assert_eq!(match_location("/w/ab", "w/(a)(b)"), None, "ambiguous");
}

#[test]
fn parameters_parse_or_answer_400() {
    let params = parse_pairs("id=12&name=a+b&name=c%26d&flag").expect("pairs");
    assert_eq!(param::<i64>(&params, "id").expect("an id"), 12);
    assert_eq!(param::<String>(&params, "name").expect("a name"), "a b");
    assert_eq!(param::<String>(&params, "flag").expect("empty"), "");
    assert_eq!(
        soapstone::server::http::params::<String>(&params, "name").expect("names"),
        vec!["a b".to_owned(), "c&d".to_owned()]
    );
    let missing = param::<i64>(&params, "nope").unwrap_err();
    assert_eq!(missing.status, 400);
    let invalid = param::<i64>(&params, "name").unwrap_err();
    assert_eq!(invalid.status, 400);
    assert!(String::from_utf8_lossy(&invalid.body).contains("parameter `name`"));
    assert_eq!(parse_pairs("a=%zz").unwrap_err().status, 400);
}

#[test]
fn soap_requests_are_posts_within_the_limit() {
    let options = ServerOptions::default().with_max_request_bytes(10);
    let ok = HttpRequest::new(Method::Post, "http://x.invalid").with_body(b"<a/>".to_vec());
    assert!(check_soap_request(&ok, &options).is_ok());
    let big = HttpRequest::new(Method::Post, "http://x.invalid").with_body(vec![b' '; 11]);
    assert_eq!(check_soap_request(&big, &options).unwrap_err().status, 413);
    let get = HttpRequest::new(Method::Get, "http://x.invalid");
    let refused = check_soap_request(&get, &options).unwrap_err();
    assert_eq!(refused.status, 405);
    assert_eq!(refused.headers.get("allow"), Some("POST"));
}

#[test]
fn actions_route_or_fault() {
    let known = ["urn:a", "urn:b"];
    let v = SoapVersion::Soap11;
    assert!(check_action(v, None, &["urn:a"], &known).is_ok());
    assert!(check_action(v, Some(""), &["urn:a"], &known).is_ok());
    assert!(check_action(v, Some("urn:a"), &["urn:a"], &known).is_ok());
    let other = check_action(v, Some("urn:b"), &["urn:a"], &known).unwrap_err();
    let fault = fault_of(v, other);
    assert_eq!(fault.side(), Some(FaultSide::Sender));
    assert!(fault.reason().contains("another operation"));
    let unknown = check_action(v, Some("urn:z"), &["urn:a"], &known).unwrap_err();
    assert!(
        fault_of(v, unknown)
            .reason()
            .contains("unknown SOAP action `urn:z`")
    );
    // An operation without a declared action accepts what clients send, except another
    // operation's action.
    assert!(check_action(v, Some("urn:z"), &[""], &known).is_ok());
    assert!(check_action(v, Some("urn:a"), &[""], &known).is_err());
    // SOAP 1.2 sender faults are HTTP 400.
    let v12 = check_action(SoapVersion::Soap12, Some("urn:z"), &["urn:a"], &known).unwrap_err();
    assert_eq!(v12.status, 400);
}

#[test]
fn replies_and_fault_mapping() {
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let ok = reply::<_, EchoFault>(version, &[], Ok(Echo { text: "hi".into() }));
        assert_eq!(ok.status, 200);
        let options = CallOptions::new("http://x.invalid", "").with_version(version);
        let echoed = read_response::<Echo, (), EchoFault>(&options, ok).expect("a payload");
        assert_eq!(echoed.body.text, "hi");

        let detail = Echo { text: "why".into() };
        let typed = reply::<Echo, EchoFault>(
            version,
            &[],
            Err(ServerFault::typed("typed", EchoFault::Echo(detail.clone()))),
        );
        assert_eq!(typed.status, 500);
        let fault = fault_of(version, typed);
        assert_eq!(fault.side(), Some(FaultSide::Receiver));
        assert_eq!(fault.reason(), "typed");
        assert_eq!(fault.typed_detail(), Some(&EchoFault::Echo(detail)));

        let sender = reply::<Echo, EchoFault>(version, &[], Err(ServerFault::sender("bad input")));
        assert_eq!(
            sender.status,
            if version == SoapVersion::Soap12 {
                400
            } else {
                500
            }
        );
        assert_eq!(fault_of(version, sender).side(), Some(FaultSide::Sender));

        let receiver =
            reply::<Echo, EchoFault>(version, &[], Err(ServerFault::receiver("db down")));
        let fault = fault_of(version, receiver);
        assert_eq!(
            (fault.side(), fault.reason()),
            (Some(FaultSide::Receiver), "db down")
        );
    }
    let accepted = reply_one_way::<NoDetail>(SoapVersion::Soap11, Ok(()));
    assert_eq!((accepted.status, accepted.body.len()), (202, 0));
    let refused = reply_one_way::<NoDetail>(SoapVersion::Soap11, Err(ServerFault::receiver("no")));
    assert_eq!(refused.status, 500);
    assert_eq!(
        ServerFault::<NoDetail>::sender("x").to_string(),
        "sender fault: x"
    );
}

#[test]
fn a_reply_that_cannot_be_written_is_a_receiver_fault() {
    // XML 1.0 cannot carry U+0001.
    let bad = reply::<_, EchoFault>(
        SoapVersion::Soap11,
        &[],
        Ok(Echo {
            text: "\u{1}".into(),
        }),
    );
    assert_eq!(bad.status, 500);
    let fault = fault_of(SoapVersion::Soap11, bad);
    assert_eq!(fault.side(), Some(FaultSide::Receiver));
    assert!(
        fault.reason().contains("could not be encoded"),
        "{}",
        fault.reason()
    );
}

struct Fixed(u16);

impl Handler for Fixed {
    async fn handle(&self, _request: HttpRequest) -> HttpResponse {
        HttpResponse::new(self.0, Vec::new())
    }
}

#[tokio::test]
async fn chain_asks_the_second_handler_on_404() {
    let chain = Chain::new(Fixed(404), Fixed(204));
    let answer = chain
        .handle(HttpRequest::new(Method::Get, "http://x.invalid/a"))
        .await;
    assert_eq!(answer.status, 204);
    let chain = Chain::new(Fixed(200), Fixed(204));
    let answer = chain
        .handle(HttpRequest::new(Method::Get, "http://x.invalid/a"))
        .await;
    assert_eq!(answer.status, 200);
}
