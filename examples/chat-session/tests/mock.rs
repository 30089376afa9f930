//! The mock on its own: what other SOAP stacks send (gSOAP's `mustUnderstand="1"` on every
//! header block, `xsi:type` on `wsse:Password`), typed refusals, routing, the request limit and
//! the lifetime.

use std::time::Duration;

use soapstone::server::Handler;
use soapstone::soap::wsse::{UsernameToken, WsSecurity};
use soapstone::soap::{Body, FaultSide, NoDetail, SoapError, SoapVersion};
use soapstone::transport::soap_http::soap_request;
use soapstone::transport::{HttpRequest, HttpTransport, Method, Transport};
use soapstone::xml::ReadOptions;
use soapstone_chat_session::mock::{
    ExceptionCode, MockConfig, MockHandler, MockServer, memory_transport,
};
use soapstone_generated::bindings::{
    messages_chat_ws_rightnow_v1_1 as site11, messages_chat_ws_rightnow_v1_2 as site12,
    messages_common_chat_ws_rightnow_v1 as common, messages_enduser_chat_ws_rightnow_v1 as enduser,
};

use enduser::chat_server_binding as chat;

const TIME_LIMIT: Duration = Duration::from_secs(60);
const BASE: &str = "http://mock.invalid";

async fn bounded<F: std::future::Future>(future: F) -> F::Output {
    tokio::time::timeout(TIME_LIMIT, future)
        .await
        .expect("the test finished in time")
}

/// A RequestChat envelope as gSOAP writes it: `mustUnderstand="1"` on both header blocks, an
/// `xsi:type` on the password, prefixes of its own choosing.
fn gsoap_request_chat(password: &str, password_type: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd" xmlns:ns1="urn:messages.common.chat.ws.rightnow.com/v1" xmlns:ns3="urn:messages.enduser.chat.ws.rightnow.com/v1">
 <SOAP-ENV:Header>
  <wsse:Security SOAP-ENV:mustUnderstand="1">
   <wsse:UsernameToken wsu:Id="UsernameToken-1">
    <wsse:Username>chat-user</wsse:Username>
    <wsse:Password xsi:type="wsse:PasswordString"{password_type}>{password}</wsse:Password>
   </wsse:UsernameToken>
  </wsse:Security>
  <ns1:ChatClientInfoHeader SOAP-ENV:mustUnderstand="1">
   <ns1:AppID>gsoap client</ns1:AppID>
  </ns1:ChatClientInfoHeader>
 </SOAP-ENV:Header>
 <SOAP-ENV:Body>
  <ns3:RequestChat>
   <ns3:TransactionRequestData>
    <ns3:ClientTransactionID>1</ns3:ClientTransactionID>
    <ns3:SiteName>soapstone_mock</ns3:SiteName>
   </ns3:TransactionRequestData>
   <ns3:CustomerInformation>
    <ns1:FirstName>G</ns1:FirstName>
   </ns3:CustomerInformation>
   <ns3:ChatSessionToken>mock-chat-token-0001</ns3:ChatSessionToken>
  </ns3:RequestChat>
 </SOAP-ENV:Body>
</SOAP-ENV:Envelope>"#
    )
}

const PASSWORD_TEXT: &str = r#" Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText""#;

async fn send_raw(handler: &MockHandler, action: &str, envelope: &str) -> (u16, Vec<u8>) {
    let request = soap_request(
        SoapVersion::Soap11,
        &format!("{BASE}/Chat/chat/soapstone_mock"),
        action,
        envelope.as_bytes().to_vec(),
    )
    .expect("a request");
    let response = handler.handle(request).await;
    (response.status, response.body)
}

#[tokio::test]
async fn gsoap_style_envelope_is_accepted() {
    gsoap_style_envelope_is_accepted_with(PASSWORD_TEXT).await;
}

/// WS-Security 1.0: a Password without `Type` is PasswordText.
#[tokio::test]
async fn gsoap_style_envelope_without_password_type_is_accepted() {
    gsoap_style_envelope_is_accepted_with("").await;
}

async fn gsoap_style_envelope_is_accepted_with(password_type: &str) {
    let handler = MockHandler::new(MockConfig::default(), BASE);
    let (status, body) = bounded(send_raw(
        &handler,
        "RequestChat",
        &gsoap_request_chat("chat-secret", password_type),
    ))
    .await;
    let text = String::from_utf8_lossy(&body);
    assert_eq!(status, 200, "{text}");
    let envelope = soapstone::soap::decode_response::<(), enduser::RequestChatResponse, NoDetail>(
        &body,
        None,
        &ReadOptions::default(),
    )
    .expect("a RequestChatResponse");
    let Body::Payload(out) = envelope.body else {
        panic!("a fault: {text}");
    };
    assert_eq!(out.result_type, enduser::ResultType::Success);
    assert!(out.session_id.is_some());
    assert_eq!(out.transaction_response_data.client_transaction_id, 1);
    assert_eq!(handler.services().auth.text(), 1);
    assert_eq!(handler.services().chat.active_sessions(), 1);
}

#[tokio::test]
async fn gsoap_style_envelope_with_a_wrong_password_is_a_typed_fault() {
    let handler = MockHandler::new(MockConfig::default(), BASE);
    let (status, body) = bounded(send_raw(
        &handler,
        "RequestChat",
        &gsoap_request_chat("wrong", PASSWORD_TEXT),
    ))
    .await;
    assert_eq!(status, 500);
    let err = soapstone::soap::decode_response::<(), enduser::RequestChatResponse, chat::Fault>(
        &body,
        None,
        &ReadOptions::default(),
    )
    .map(|e| e.body);
    let Ok(Body::Fault(fault)) = err else {
        panic!("expected a fault, got {err:?}");
    };
    let Some(chat::Fault::RequestErrorFault(detail)) = fault.typed_detail() else {
        panic!("expected a RequestErrorFault: {fault}");
    };
    assert_eq!(detail.exception_code, "AUTHENTICATION_FAILED");
    assert_eq!(handler.services().auth.refused(), 1);
    assert_eq!(handler.services().chat.active_sessions(), 0);
}

fn client_with(
    handler: MockHandler,
    password: &str,
) -> (
    site12::chat_site_binding::Client<soapstone::transport::MemoryTransport>,
    chat::Client<soapstone::transport::MemoryTransport>,
) {
    let transport = memory_transport(handler);
    let security = WsSecurity::username_token(UsernameToken::digest("chat-user", password));
    (
        site12::chat_site_binding::Client::new(transport.clone())
            .with_endpoint(format!("{BASE}/services/soap/chat/v1_2"))
            .with_security(security.clone()),
        chat::Client::new(transport)
            .with_endpoint(format!("{BASE}/Chat/chat/soapstone_mock"))
            .with_security(security),
    )
}

fn data(id: i64, site: &str) -> enduser::TransactionRequestData {
    enduser::TransactionRequestData {
        client_request_time: None,
        client_transaction_id: id,
        site_name: site.to_owned(),
    }
}

fn info(session: Option<&str>) -> Option<common::ChatClientInfoHeaderElement> {
    Some(common::ChatClientInfoHeaderElement {
        app_id: "mock test".to_owned(),
        session_id: session.map(str::to_owned),
    })
}

fn request_chat(token: &str, site: &str) -> enduser::RequestChat {
    enduser::RequestChat {
        transaction_request_data: data(1, site),
        custom_fields: Vec::new(),
        customer_information: common::CustomerInformation {
            e_mail_address: None,
            first_name: Some("Test".to_owned()),
            last_name: None,
            interface_id: None,
            contact_id: None,
            question: None,
            category_id: None,
        },
        resume_type: None,
        chat_session_token: token.to_owned(),
        incident_id: None,
    }
}

fn request_error_code(err: &SoapError<chat::Fault>) -> String {
    match err.fault().and_then(|f| f.typed_detail()) {
        Some(chat::Fault::RequestErrorFault(detail)) => detail.exception_code.clone(),
        _ => panic!("expected a RequestErrorFault, got {err}"),
    }
}

#[tokio::test]
async fn refusals_are_typed_request_error_faults() {
    let (_, chat_client) =
        client_with(MockHandler::new(MockConfig::default(), BASE), "chat-secret");
    let headers = chat::RequestChatHeaders {
        chat_client_info_header: info(None),
    };
    let cases = [
        (
            request_chat("forged", "soapstone_mock"),
            ExceptionCode::InvalidChatToken,
        ),
        (
            request_chat("mock-chat-token-0001", "elsewhere"),
            ExceptionCode::InvalidSiteName,
        ),
    ];
    for (request, code) in cases {
        let err = bounded(chat_client.request_chat(&request, &headers))
            .await
            .unwrap_err();
        assert_eq!(request_error_code(&err), code.as_str());
        let fault = err.fault().expect("a fault");
        assert_eq!(fault.side(), Some(FaultSide::Receiver));
    }

    // No header at all, and a header without the AppID's value.
    let request = request_chat("mock-chat-token-0001", "soapstone_mock");
    let err = bounded(chat_client.request_chat(&request, &chat::RequestChatHeaders::default()))
        .await
        .unwrap_err();
    assert_eq!(request_error_code(&err), "INVALID_CLIENT_HEADER");

    // Calls about a session that does not exist.
    let post = enduser::PostChatMessage {
        transaction_request_data: data(2, "soapstone_mock"),
        body: "hello".to_owned(),
        off_the_record: None,
    };
    for session in [None, Some("mock-session-999999")] {
        let err = bounded(chat_client.post_chat_message(
            &post,
            &chat::PostChatMessageHeaders {
                chat_client_info_header: info(session),
            },
        ))
        .await
        .unwrap_err();
        assert_eq!(request_error_code(&err), "INVALID_SESSION");
    }

    // Wrong credentials on the site: the site's own fault namespace.
    let (site_client, _) = client_with(MockHandler::new(MockConfig::default(), BASE), "nope");
    let err = bounded(site_client.get_chat_operating_hours(
        &site12::GetChatOperatingHours {},
        &site12::chat_site_binding::GetChatOperatingHoursHeaders {
            client_request_header: Some(site12::ClientRequestHeader {
                app_id: "mock test".to_owned(),
            }),
        },
    ))
    .await
    .unwrap_err();
    let Some(site12::chat_site_binding::Fault::RequestErrorFault(detail)) =
        err.fault().and_then(|f| f.typed_detail())
    else {
        panic!("expected a typed fault, got {err}");
    };
    assert_eq!(detail.exception_code, "AUTHENTICATION_FAILED");
}

#[tokio::test]
async fn configured_app_id_is_enforced() {
    let config = MockConfig {
        app_id: Some("registered app".to_owned()),
        ..MockConfig::default()
    };
    let (_, chat_client) = client_with(MockHandler::new(config, BASE), "chat-secret");
    let err = bounded(chat_client.request_chat(
        &request_chat("mock-chat-token-0001", "soapstone_mock"),
        &chat::RequestChatHeaders {
            chat_client_info_header: info(None),
        },
    ))
    .await
    .unwrap_err();
    assert_eq!(request_error_code(&err), "INVALID_CLIENT_HEADER");
}

#[tokio::test]
async fn site_v1_1_answers_in_its_namespace() {
    let transport = memory_transport(MockHandler::new(MockConfig::default(), BASE));
    let client = site11::chat_site_binding::Client::new(transport)
        .with_endpoint(format!("{BASE}/services/soap/chat/v1_1"))
        .with_security(WsSecurity::username_token(UsernameToken::text(
            "chat-user",
            "chat-secret",
        )));
    let headers = site11::chat_site_binding::GetChatUrlHeaders {
        client_request_header: Some(site11::ClientRequestHeader {
            app_id: "v1_1".to_owned(),
        }),
    };
    let url = bounded(client.get_chat_url(
        &site11::GetChatUrl {
            url_type: site11::UrlType::Enduser,
        },
        &headers,
    ))
    .await
    .expect("GetChatUrl v1_1");
    assert_eq!(
        url.get_chat_url_result.chat_url.to_string(),
        format!("{BASE}/Chat/chat/soapstone_mock")
    );
    let hours = bounded(client.get_chat_operating_hours(
        &site11::GetChatOperatingHours {},
        &site11::chat_site_binding::GetChatOperatingHoursHeaders {
            client_request_header: headers.client_request_header.clone(),
        },
    ))
    .await
    .expect("GetChatOperatingHours v1_1");
    assert_eq!(
        hours
            .get_chat_operating_hours_result
            .intervals
            .interval
            .len(),
        5
    );
}

#[tokio::test]
async fn unknown_paths_are_404() {
    let handler = MockHandler::new(MockConfig::default(), BASE);
    let response = handler
        .handle(HttpRequest::new(
            Method::Get,
            format!("{BASE}/nothing/here"),
        ))
        .await;
    assert_eq!(response.status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_limit_stops_the_server() {
    bounded(async {
        let server = MockServer::start(MockConfig {
            max_requests: Some(2),
            ..MockConfig::default()
        })
        .await
        .expect("the mock starts");
        let http = HttpTransport::new().expect("a transport");
        let url = format!("{}chatAllowed/1000", server.ece_base_url());
        for _ in 0..2 {
            let response = http
                .send(HttpRequest::new(Method::Get, url.as_str()))
                .await
                .expect("an answer");
            assert_eq!(response.status, 200);
        }
        // The server stops after its second answer: the next request is refused or finds
        // nobody listening, and the task ends.
        for _ in 0..100 {
            if server.is_finished() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert!(server.is_finished(), "the server is still running");
        assert_eq!(server.requests_served(), 2);
        let after = http.send(HttpRequest::new(Method::Get, url.as_str())).await;
        assert!(
            after.as_ref().map_or(true, |r| r.status == 503),
            "{after:?}"
        );
        server.shutdown().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lifetime_stops_the_server() {
    bounded(async {
        let server = MockServer::start(MockConfig {
            lifetime: Some(Duration::from_millis(200)),
            ..MockConfig::default()
        })
        .await
        .expect("the mock starts");
        assert!(!server.is_finished());
        tokio::time::sleep(Duration::from_millis(600)).await;
        assert!(server.is_finished(), "the server outlived its lifetime");
        let http = HttpTransport::new().expect("a transport");
        let gone = http
            .send(HttpRequest::new(
                Method::Get,
                format!("{}chatAllowed/1000", server.ece_base_url()),
            ))
            .await;
        assert!(gone.is_err(), "{gone:?}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn urls_and_shutdown() {
    bounded(async {
        let server = MockServer::start(MockConfig::default())
            .await
            .expect("the mock starts");
        let addr = server.local_addr();
        assert!(addr.ip().is_loopback());
        assert_eq!(
            server.oracle_site_url(),
            format!("http://{addr}/services/soap/chat/v1_2")
        );
        assert_eq!(
            server.oracle_chat_url(),
            format!("http://{addr}/Chat/chat/soapstone_mock")
        );
        assert_eq!(
            server.ece_base_url(),
            format!("http://{addr}/system/egain/chat/entrypoint/")
        );
        server.shutdown().await;
        let refused = tokio::net::TcpStream::connect(addr).await;
        assert!(refused.is_err(), "still listening after shutdown");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stuck_client_does_not_keep_the_server_alive() {
    use tokio::io::AsyncWriteExt;
    bounded(async {
        let server = MockServer::start(MockConfig {
            lifetime: Some(Duration::from_millis(100)),
            ..MockConfig::default()
        })
        .await
        .expect("the mock starts");
        // A request whose body never finishes arriving.
        let mut stuck = tokio::net::TcpStream::connect(server.local_addr())
            .await
            .expect("connect");
        stuck
            .write_all(
                b"POST /services/soap/chat/v1_2 HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: 1000\r\n\r\n<soap:Envelope",
            )
            .await
            .expect("a partial request");
        let started = std::time::Instant::now();
        while !server.is_finished() {
            assert!(
                started.elapsed() < Duration::from_secs(15),
                "the server outlived its lifetime and grace period"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        drop(stuck);
    })
    .await;
}

/// The gSOAP-style RequestChat with a PasswordDigest token whose nonce and creation time are
/// given, so the same token can be sent twice.
fn digest_request_chat(nonce: &[u8], created: &str) -> String {
    use base64::Engine as _;
    let digest = soapstone::soap::wsse::password_digest(
        nonce,
        created,
        &soapstone::soap::Secret::from("chat-secret"),
    );
    let nonce = base64::engine::general_purpose::STANDARD.encode(nonce);
    let token = format!(
        r#"<wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest">{}</wsse:Password>
    <wsse:Nonce EncodingType="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary">{nonce}</wsse:Nonce>
    <wsu:Created>{created}</wsu:Created>"#,
        digest.expose()
    );
    let text = gsoap_request_chat("chat-secret", PASSWORD_TEXT);
    let start = text.find("<wsse:Password ").expect("a password element");
    let end = text.find("</wsse:Password>").expect("its end") + "</wsse:Password>".len();
    format!("{}{token}{}", &text[..start], &text[end..])
}

async fn refusal_code(handler: &MockHandler, envelope: &str) -> (u16, String) {
    let (status, body) = bounded(send_raw(handler, "RequestChat", envelope)).await;
    let decoded =
        soapstone::soap::decode_response::<(), enduser::RequestChatResponse, chat::Fault>(
            &body,
            None,
            &ReadOptions::default(),
        )
        .expect("an envelope");
    let code = match decoded.body {
        Body::Payload(_) => "SUCCESS".to_owned(),
        Body::Fault(fault) => match fault.typed_detail() {
            Some(chat::Fault::RequestErrorFault(detail)) => detail.exception_code.clone(),
            other => panic!("expected a RequestErrorFault, got {other:?}"),
        },
    };
    (status, code)
}

/// A captured digest token sent again is refused (nonce cache), and so is one created too
/// long ago or too far in the future (freshness window), each as a typed fault.
#[tokio::test]
async fn replayed_and_stale_digest_tokens_are_refused() {
    let handler = MockHandler::new(MockConfig::default(), BASE);
    let now = std::time::SystemTime::now();
    let created = soapstone::soap::wsse::format_utc(now).expect("a time");
    let envelope = digest_request_chat(b"nonce-0123456789", &created);
    assert_eq!(
        refusal_code(&handler, &envelope).await,
        (200, "SUCCESS".to_owned())
    );
    assert_eq!(
        refusal_code(&handler, &envelope).await,
        (500, "AUTHENTICATION_FAILED".to_owned()),
        "the replayed token"
    );
    let hour = Duration::from_secs(3600);
    for (nonce, when) in [
        (b"nonce-stale-0001", now - hour),
        (b"nonce-ahead-0001", now + hour),
    ] {
        let created = soapstone::soap::wsse::format_utc(when).expect("a time");
        assert_eq!(
            refusal_code(&handler, &digest_request_chat(nonce, &created)).await,
            (500, "AUTHENTICATION_FAILED".to_owned()),
            "created {created}"
        );
    }
    assert_eq!(handler.services().auth.digest(), 1);
    assert_eq!(handler.services().auth.refused(), 3);
    assert_eq!(handler.services().chat.active_sessions(), 1);
}
