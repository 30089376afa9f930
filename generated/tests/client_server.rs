//! The generated chat clients against the generated chat server traits: in memory
//! (`MemoryTransport` answering through the generated dispatcher) and over HTTP (axum on
//! 127.0.0.1, reqwest client). All 7 Oracle operations and all 6 ECE operations, typed faults,
//! endpoint override, WS-Security text and digest checked by the server, malformed requests,
//! unknown actions, and 200 concurrent calls through one client.

use std::future::Future;
use std::pin::pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use soapstone::server::{Chain, Handler, ServerFault, ServerOptions};
use soapstone::soap::wsse::{PasswordType, SecurityHeader, UsernameToken, WsSecurity};
use soapstone::soap::{Body, CallOptions, FaultSide, NoDetail, Secret, SoapError, SoapVersion};
use soapstone::transport::http_binding::HttpBindingError;
use soapstone::transport::soap_http::soap_request;
use soapstone::transport::{
    HttpRequest, HttpResponse, HttpTransport, MemoryTransport, Transport, TransportError,
};
use soapstone::xml::{AnyElement, ReadOptions, XmlRead, XmlRoot, from_str};
use soapstone_generated::bindings::{
    bindings_egain_chat as egain, chat_wsdl as ece, faults_chat_ws_rightnow_v1 as faults,
    messages_chat_ws_rightnow_v1_2 as site, messages_common_chat_ws_rightnow_v1 as common,
    messages_enduser_chat_ws_rightnow_v1 as enduser, no_namespace,
};

use enduser::chat_server_binding as chat;
use site::chat_site_binding as site_binding;

const USER: &str = "alice";
const PASSWORD: &str = "s3cret";
const TIME_LIMIT: Duration = Duration::from_secs(60);

// ---------------------------------------------------------------------------------------------
// Fixtures

fn fixture_text(path: &str) -> String {
    let path = format!("{}/../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The payload of a recorded SOAP envelope's body, decoded strictly by the runtime.
fn payload<T: XmlRead + XmlRoot>(path: &str) -> T {
    let text = fixture_text(path);
    let envelope = soapstone::soap::decode_response::<Vec<AnyElement>, T, NoDetail>(
        text.as_bytes(),
        None,
        &ReadOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{path}: {e}"));
    match envelope.body {
        Body::Payload(p) => p,
        Body::Fault(f) => panic!("{path}: a fault: {f}"),
    }
}

/// A whole recorded document (ECE).
fn document<T: XmlRead + XmlRoot>(path: &str) -> T {
    from_str(&fixture_text(path), &ReadOptions::default()).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn info_header(app: &str) -> common::ChatClientInfoHeaderElement {
    common::ChatClientInfoHeaderElement {
        app_id: app.to_owned(),
        session_id: None,
    }
}

fn request_error(message: &str) -> faults::RequestErrorFault {
    from_str(
        &format!(
            r#"<f:RequestErrorFault xmlns:f="urn:faults.chat.ws.rightnow.com/v1"><f:ExceptionCode>BAD_REQUEST</f:ExceptionCode><f:ExceptionMessage>{message}</f:ExceptionMessage></f:RequestErrorFault>"#
        ),
        &ReadOptions::default(),
    )
    .expect("a RequestErrorFault")
}

// ---------------------------------------------------------------------------------------------
// The mock services, implemented with the generated traits

/// Credentials checks shared by the SOAP mocks; counts what arrived.
#[derive(Debug, Default)]
struct Auth {
    text: AtomicUsize,
    digest: AtomicUsize,
}

impl Auth {
    fn check<F>(&self, security: Option<SecurityHeader>) -> Result<(), ServerFault<F>> {
        let token = security
            .and_then(|s| s.token)
            .ok_or_else(|| ServerFault::sender("no WS-Security UsernameToken"))?;
        if token.username != USER || !token.verify(&Secret::from(PASSWORD)) {
            return Err(ServerFault::sender("authentication failed"));
        }
        match token.password_type {
            PasswordType::Text => self.text.fetch_add(1, Ordering::SeqCst),
            PasswordType::Digest => self.digest.fetch_add(1, Ordering::SeqCst),
        };
        Ok(())
    }
}

#[derive(Debug)]
struct SiteMock {
    auth: Auth,
    chat_url: String,
}

impl site_binding::Service for SiteMock {
    async fn get_chat_url(
        &self,
        _input: site::GetChatUrl,
        headers: site_binding::GetChatUrlHeaders,
        security: Option<SecurityHeader>,
    ) -> Result<site::GetChatUrlResponse, ServerFault<site_binding::Fault>> {
        self.auth.check(security)?;
        if headers.client_request_header.is_none() {
            return Err(ServerFault::sender("ClientRequestHeader missing"));
        }
        let mut out: site::GetChatUrlResponse =
            payload("oracle/site_v1_2/get_chat_url.response.xml");
        out.get_chat_url_result.chat_url = self.chat_url.parse().expect("a URI");
        Ok(out)
    }

    async fn get_chat_operating_hours(
        &self,
        _input: site::GetChatOperatingHours,
        _headers: site_binding::GetChatOperatingHoursHeaders,
        security: Option<SecurityHeader>,
    ) -> Result<site::GetChatOperatingHoursResponse, ServerFault<site_binding::Fault>> {
        self.auth.check(security)?;
        Ok(payload(
            "oracle/site_v1_2/get_chat_operating_hours.response.xml",
        ))
    }
}

#[derive(Debug, Default)]
struct ChatMock {
    auth: Auth,
}

impl ChatMock {
    fn headers_ok<F>(
        header: Option<common::ChatClientInfoHeaderElement>,
    ) -> Result<(), ServerFault<F>> {
        match header {
            Some(h) if !h.app_id.is_empty() => Ok(()),
            _ => Err(ServerFault::sender("ChatClientInfoHeader missing")),
        }
    }
}

impl chat::Service for ChatMock {
    async fn request_chat(
        &self,
        input: enduser::RequestChat,
        headers: chat::RequestChatHeaders,
        security: Option<SecurityHeader>,
    ) -> Result<enduser::RequestChatResponse, ServerFault<chat::Fault>> {
        self.auth.check(security)?;
        Self::headers_ok(headers.chat_client_info_header)?;
        if input.chat_session_token == "expired" {
            return Err(ServerFault::typed(
                "token expired",
                chat::Fault::RequestErrorFault(Box::new(request_error("token expired"))),
            ));
        }
        let mut out: enduser::RequestChatResponse =
            payload("oracle/server/request_chat.response.xml");
        out.transaction_response_data.client_transaction_id =
            input.transaction_request_data.client_transaction_id;
        Ok(out)
    }

    async fn retrieve_messages(
        &self,
        input: enduser::RetrieveMessages,
        headers: chat::RetrieveMessagesHeaders,
        security: Option<SecurityHeader>,
    ) -> Result<enduser::RetrieveMessagesResponse, ServerFault<chat::Fault>> {
        self.auth.check(security)?;
        Self::headers_ok(headers.chat_client_info_header)?;
        let mut out: enduser::RetrieveMessagesResponse =
            payload("oracle/server/retrieve_messages.response.xml");
        out.transaction_response_data.client_transaction_id =
            input.transaction_request_data.client_transaction_id;
        Ok(out)
    }

    async fn post_chat_message(
        &self,
        input: enduser::PostChatMessage,
        headers: chat::PostChatMessageHeaders,
        security: Option<SecurityHeader>,
    ) -> Result<enduser::PostChatMessageResponse, ServerFault<chat::Fault>> {
        self.auth.check(security)?;
        Self::headers_ok(headers.chat_client_info_header)?;
        match input.body.as_str() {
            "fault" => {
                return Err(ServerFault::typed(
                    "Session is not active.",
                    chat::Fault::RequestErrorFault(Box::new(request_error(
                        "Session is not active.",
                    ))),
                ));
            }
            "boom" => return Err(ServerFault::receiver("the message store is down")),
            _ => {}
        }
        let mut out: enduser::PostChatMessageResponse =
            payload("oracle/server/post_chat_message.response.xml");
        out.transaction_response_data.client_transaction_id =
            input.transaction_request_data.client_transaction_id;
        // The message body travels back in the ClientID so each caller can check its answer.
        out.transaction_response_data.client_id = input.body.len() as i64;
        Ok(out)
    }

    async fn send_activity_change(
        &self,
        input: enduser::SendActivityChange,
        headers: chat::SendActivityChangeHeaders,
        security: Option<SecurityHeader>,
    ) -> Result<enduser::SendActivityChangeResponse, ServerFault<chat::Fault>> {
        self.auth.check(security)?;
        Self::headers_ok(headers.chat_client_info_header)?;
        let mut out: enduser::SendActivityChangeResponse =
            payload("oracle/server/send_activity_change.response.xml");
        out.transaction_response_data.client_transaction_id =
            input.transaction_request_data.client_transaction_id;
        Ok(out)
    }

    async fn terminate_chat(
        &self,
        input: enduser::TerminateChat,
        headers: chat::TerminateChatHeaders,
        security: Option<SecurityHeader>,
    ) -> Result<enduser::TerminateChatResponse, ServerFault<chat::Fault>> {
        self.auth.check(security)?;
        Self::headers_ok(headers.chat_client_info_header)?;
        let mut out: enduser::TerminateChatResponse =
            payload("oracle/server/terminate_chat.response.xml");
        out.transaction_response_data.client_transaction_id =
            input.transaction_request_data.client_transaction_id;
        Ok(out)
    }
}

/// A chat server and its site on one handler: the site's binding answers first, the chat
/// server's when the body is not a site request (the dispatcher faults on unknown bodies,
/// so the two are routed by path here, like the two real hosts).
#[derive(Debug)]
struct OracleHosts {
    site: site_binding::Server<SiteMock>,
    chat: chat::Server<Arc<ChatMock>>,
}

impl Handler for OracleHosts {
    async fn handle(&self, request: HttpRequest) -> HttpResponse {
        if request.url.contains("/site") {
            self.site.handle(request).await
        } else {
            self.chat.handle(request).await
        }
    }
}

fn oracle_hosts(base: &str) -> (OracleHosts, Arc<ChatMock>) {
    let chat_mock = Arc::new(ChatMock::default());
    let hosts = OracleHosts {
        site: site_binding::Server::new(SiteMock {
            auth: Auth::default(),
            chat_url: format!("{base}/chat/session-42"),
        }),
        chat: chat::Server::new(Arc::clone(&chat_mock)),
    };
    (hosts, chat_mock)
}

#[derive(Debug, Default)]
struct EceMock {
    surveys: Mutex<Vec<String>>,
}

impl ece::entry_point_status_get_binding::Service for EceMock {
    async fn agent_availability(
        &self,
        id: i64,
    ) -> Result<
        no_namespace::AgentAvailability,
        ServerFault<ece::entry_point_status_get_binding::Fault>,
    > {
        let mut out: no_namespace::AgentAvailability =
            document("ece/agent_availability.response.xml");
        // Entry point 1001 has nobody logged in.
        out.available = id != 1001;
        Ok(out)
    }

    async fn capacity(
        &self,
        id: i64,
    ) -> Result<no_namespace::AvailableSlots, ServerFault<ece::entry_point_status_get_binding::Fault>>
    {
        if id == 500 {
            return Err(ServerFault::receiver("cannot tell"));
        }
        Ok(document("ece/capacity.response.xml"))
    }

    async fn live_session_status(
        &self,
        _id: i64,
    ) -> Result<no_namespace::SessionStatus, ServerFault<ece::entry_point_status_get_binding::Fault>>
    {
        Ok(document("ece/live_session_status.response.xml"))
    }

    async fn check_eligibility(
        &self,
        _id: i64,
    ) -> Result<
        no_namespace::CheckEligibility,
        ServerFault<ece::entry_point_status_get_binding::Fault>,
    > {
        Ok(document("ece/check_eligibility.response.xml"))
    }

    async fn chat_allowed(
        &self,
        _id: i64,
    ) -> Result<no_namespace::ChatAllowed, ServerFault<ece::entry_point_status_get_binding::Fault>>
    {
        Ok(document("ece/chat_allowed.allowed.response.xml"))
    }
}

impl ece::entry_point_survey_post_binding::Service for EceMock {
    async fn survey(
        &self,
        input: egain::EgainSurveyElement,
    ) -> Result<(), ServerFault<ece::entry_point_survey_post_binding::Fault>> {
        self.surveys
            .lock()
            .expect("not poisoned")
            .push(input.sid.clone());
        Ok(())
    }
}

type EceServer = Chain<
    ece::entry_point_status_get_binding::Server<Arc<EceMock>>,
    ece::entry_point_survey_post_binding::Server<Arc<EceMock>>,
>;

fn ece_server() -> (EceServer, Arc<EceMock>) {
    let mock = Arc::new(EceMock::default());
    let server = Chain::new(
        ece::entry_point_status_get_binding::Server::new(Arc::clone(&mock)),
        ece::entry_point_survey_post_binding::Server::new(Arc::clone(&mock)),
    );
    (server, mock)
}

// ---------------------------------------------------------------------------------------------
// Plumbing: a MemoryTransport answering through a handler, and axum on 127.0.0.1

/// Runs a future that never waits on I/O (the mocks answer at once) to completion.
fn run_ready<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    for _ in 0..1_000_000 {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
        std::thread::yield_now();
    }
    panic!("the in-memory handler did not finish");
}

fn memory<H: Handler>(handler: H) -> MemoryTransport {
    let handler = Arc::new(handler);
    MemoryTransport::new(move |request| run_ready(handler.handle(request.clone())))
}

/// Serves `handler` on 127.0.0.1 (an OS-chosen port); the task ends with the test's runtime.
async fn serve<H: Handler>(handler: H) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("local address");
    tokio::spawn(async move {
        soapstone::server::axum::serve(listener, handler)
            .await
            .expect("serve");
    });
    format!("http://{addr}")
}

fn http() -> HttpTransport {
    HttpTransport::new().expect("an HTTP transport")
}

async fn bounded<F: Future>(future: F) -> F::Output {
    tokio::time::timeout(TIME_LIMIT, future)
        .await
        .expect("the test finished in time")
}

fn security(password_type: PasswordType, password: &str) -> WsSecurity {
    let token = match password_type {
        PasswordType::Text => UsernameToken::text(USER, password),
        PasswordType::Digest => UsernameToken::digest(USER, password),
    };
    WsSecurity::username_token(token)
}

// ---------------------------------------------------------------------------------------------
// The Oracle flow: all 7 operations

async fn oracle_flow<T: Transport>(
    site_client: &site_binding::Client<T>,
    chat_client: &chat::Client<T>,
) {
    let site_headers = site_binding::GetChatOperatingHoursHeaders {
        client_request_header: Some(site::ClientRequestHeader {
            app_id: "soapstone test".into(),
        }),
    };
    let hours = site_client
        .get_chat_operating_hours(
            &payload("oracle/site_v1_2/get_chat_operating_hours.request.xml"),
            &site_headers,
        )
        .await
        .expect("GetChatOperatingHours");
    assert_eq!(
        hours,
        payload("oracle/site_v1_2/get_chat_operating_hours.response.xml")
    );

    let url = site_client
        .get_chat_url(
            &payload("oracle/site_v1_2/get_chat_url.request.xml"),
            &site_binding::GetChatUrlHeaders {
                client_request_header: site_headers.client_request_header.clone(),
            },
        )
        .await
        .expect("GetChatUrl");
    let chat_url = url.get_chat_url_result.chat_url.to_string();
    assert!(chat_url.ends_with("/chat/session-42"), "{chat_url}");

    // Every chat-server call goes to the ChatUrl the site returned.
    let at = chat_client.at(chat_url.as_str());
    assert_eq!(at.endpoint(), chat_url);
    let info = || Some(info_header("soapstone test"));

    let mut request: enduser::RequestChat = payload("oracle/server/request_chat.request.xml");
    request.transaction_request_data.client_transaction_id = 7;
    let started = at
        .request_chat(
            &request,
            &chat::RequestChatHeaders {
                chat_client_info_header: info(),
            },
        )
        .await
        .expect("RequestChat");
    assert_eq!(started.transaction_response_data.client_transaction_id, 7);

    let activity = at
        .send_activity_change(
            &payload("oracle/server/send_activity_change.request.xml"),
            &chat::SendActivityChangeHeaders {
                chat_client_info_header: info(),
            },
        )
        .await
        .expect("SendActivityChange");
    assert_eq!(activity, {
        let mut expected: enduser::SendActivityChangeResponse =
            payload("oracle/server/send_activity_change.response.xml");
        let sent: enduser::SendActivityChange =
            payload("oracle/server/send_activity_change.request.xml");
        expected.transaction_response_data.client_transaction_id =
            sent.transaction_request_data.client_transaction_id;
        expected
    });

    let mut post: enduser::PostChatMessage = payload("oracle/server/post_chat_message.request.xml");
    post.body = "hello agent".into();
    let posted = at
        .post_chat_message(
            &post,
            &chat::PostChatMessageHeaders {
                chat_client_info_header: info(),
            },
        )
        .await
        .expect("PostChatMessage");
    assert_eq!(posted.transaction_response_data.client_id, 11);

    let messages = at
        .retrieve_messages(
            &payload("oracle/server/retrieve_messages.request.xml"),
            &chat::RetrieveMessagesHeaders {
                chat_client_info_header: info(),
            },
        )
        .await
        .expect("RetrieveMessages");
    let expected: enduser::RetrieveMessagesResponse =
        payload("oracle/server/retrieve_messages.response.xml");
    assert_eq!(messages.system_messages, expected.system_messages);

    at.terminate_chat(
        &payload("oracle/server/terminate_chat.request.xml"),
        &chat::TerminateChatHeaders {
            chat_client_info_header: info(),
        },
    )
    .await
    .expect("TerminateChat");
}

#[tokio::test]
async fn oracle_flow_in_memory_with_password_text() {
    let (hosts, chat_mock) = oracle_hosts("http://chat.invalid");
    let transport = memory(hosts);
    let sec = security(PasswordType::Text, PASSWORD);
    let site_client = site_binding::Client::new(transport.clone())
        .with_endpoint("http://site.invalid/site/services/soap/chat/v1_2")
        .with_security(sec.clone());
    let chat_client = chat::Client::new(transport.clone())
        .with_security(sec)
        .with_http_header("Cookie", "affinity=node-1");
    bounded(oracle_flow(&site_client, &chat_client)).await;

    let requests = transport.requests();
    assert_eq!(requests.len(), 7);
    assert!(requests[0].url.contains("/site/"));
    // The endpoint override reached the wire.
    for r in &requests[2..] {
        assert_eq!(r.url, "http://chat.invalid/chat/session-42");
        // Extra HTTP headers survive the endpoint override.
        assert_eq!(r.headers.get("cookie"), Some("affinity=node-1"));
    }
    assert_eq!(requests[0].headers.get("cookie"), None);
    assert_eq!(
        requests[2].headers.get("SOAPAction"),
        Some("\"RequestChat\"")
    );
    assert_eq!(chat_mock.auth.text.load(Ordering::SeqCst), 5);
    assert_eq!(chat_mock.auth.digest.load(Ordering::SeqCst), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oracle_flow_over_axum_with_password_digest() {
    bounded(async {
        let (chat_mock, base) = {
            // The site hands out a ChatUrl on the same listener; bind first, then build.
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            let base = format!("http://{}", listener.local_addr().expect("address"));
            let (hosts, chat_mock) = oracle_hosts(&base);
            tokio::spawn(async move {
                soapstone::server::axum::serve(listener, hosts)
                    .await
                    .expect("serve");
            });
            (chat_mock, base)
        };
        let sec = security(PasswordType::Digest, PASSWORD);
        let transport = Arc::new(http());
        let site_client = site_binding::Client::new(Arc::clone(&transport))
            .with_endpoint(format!("{base}/site/services/soap/chat/v1_2"))
            .with_security(sec.clone());
        let chat_client = chat::Client::new(Arc::clone(&transport)).with_security(sec);
        oracle_flow(&site_client, &chat_client).await;
        assert_eq!(chat_mock.auth.digest.load(Ordering::SeqCst), 5);
        assert_eq!(chat_mock.auth.text.load(Ordering::SeqCst), 0);
    })
    .await;
}

#[test]
fn blocking_client_in_memory() {
    let (hosts, _) = oracle_hosts("http://chat.invalid");
    let client =
        chat::Client::new(memory(hosts)).with_security(security(PasswordType::Digest, PASSWORD));
    let out = client
        .terminate_chat_blocking(
            &payload("oracle/server/terminate_chat.request.xml"),
            &chat::TerminateChatHeaders {
                chat_client_info_header: Some(info_header("blocking")),
            },
        )
        .expect("TerminateChat");
    let sent: enduser::TerminateChat = payload("oracle/server/terminate_chat.request.xml");
    assert_eq!(
        out.transaction_response_data.client_transaction_id,
        sent.transaction_request_data.client_transaction_id
    );
}

// ---------------------------------------------------------------------------------------------
// Faults

fn post_headers() -> chat::PostChatMessageHeaders {
    chat::PostChatMessageHeaders {
        chat_client_info_header: Some(info_header("faults")),
    }
}

async fn fault_cases<T: Transport>(client: &chat::Client<T>) {
    let mut post: enduser::PostChatMessage = payload("oracle/server/post_chat_message.request.xml");

    post.body = "fault".into();
    let err = client
        .post_chat_message(&post, &post_headers())
        .await
        .unwrap_err();
    let SoapError::Fault { fault, status } = &err else {
        panic!("expected a SOAP fault, got {err}");
    };
    assert_eq!(*status, 500);
    assert_eq!(fault.side(), Some(FaultSide::Receiver));
    assert_eq!(fault.reason(), "Session is not active.");
    assert_eq!(
        fault.typed_detail(),
        Some(&chat::Fault::RequestErrorFault(Box::new(request_error(
            "Session is not active."
        ))))
    );

    post.body = "boom".into();
    let err = client
        .post_chat_message(&post, &post_headers())
        .await
        .unwrap_err();
    let fault = err.fault().expect("a fault");
    assert_eq!(fault.side(), Some(FaultSide::Receiver));
    assert_eq!(fault.reason(), "the message store is down");
    assert!(fault.detail().is_none());

    let mut request: enduser::RequestChat = payload("oracle/server/request_chat.request.xml");
    request.chat_session_token = "expired".into();
    let err = client
        .request_chat(
            &request,
            &chat::RequestChatHeaders {
                chat_client_info_header: Some(info_header("faults")),
            },
        )
        .await
        .unwrap_err();
    assert!(matches!(
        err.fault().and_then(|f| f.typed_detail()),
        Some(chat::Fault::RequestErrorFault(_))
    ));

    // A missing header the service requires: the handler's sender fault.
    post.body = "hello".into();
    let err = client
        .post_chat_message(&post, &chat::PostChatMessageHeaders::default())
        .await
        .unwrap_err();
    assert_eq!(err.fault().and_then(|f| f.side()), Some(FaultSide::Sender));
}

#[tokio::test]
async fn typed_faults_in_memory() {
    let (hosts, _) = oracle_hosts("http://chat.invalid");
    let client =
        chat::Client::new(memory(hosts)).with_security(security(PasswordType::Text, PASSWORD));
    bounded(fault_cases(&client)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typed_faults_over_axum() {
    bounded(async {
        let (hosts, _) = oracle_hosts("http://unused.invalid");
        let base = serve(hosts).await;
        let client = chat::Client::new(http())
            .with_endpoint(format!("{base}/chat"))
            .with_security(security(PasswordType::Digest, PASSWORD));
        fault_cases(&client).await;
    })
    .await;
}

#[tokio::test]
async fn wrong_or_missing_credentials_are_refused() {
    let (hosts, chat_mock) = oracle_hosts("http://chat.invalid");
    let transport = memory(hosts);
    let post: enduser::PostChatMessage = payload("oracle/server/post_chat_message.request.xml");
    for client in [
        chat::Client::new(transport.clone()).with_security(security(PasswordType::Text, "wrong")),
        chat::Client::new(transport.clone()).with_security(security(PasswordType::Digest, "wrong")),
        chat::Client::new(transport.clone()),
    ] {
        let err = bounded(client.post_chat_message(&post, &post_headers()))
            .await
            .unwrap_err();
        let fault = err.fault().expect("a fault");
        assert_eq!(fault.side(), Some(FaultSide::Sender), "{fault}");
    }
    assert_eq!(chat_mock.auth.text.load(Ordering::SeqCst), 0);
    assert_eq!(chat_mock.auth.digest.load(Ordering::SeqCst), 0);
}

/// Sends raw bytes and sorts the answer as a client of `version` would.
async fn raw<H: Handler>(
    server: &H,
    version: SoapVersion,
    action: &str,
    body: &str,
) -> (u16, soapstone::soap::Fault<NoDetail>) {
    let request = soap_request(
        version,
        "http://chat.invalid/chat",
        action,
        body.as_bytes().to_vec(),
    )
    .expect("a request");
    let response = server.handle(request).await;
    let status = response.status;
    let options = CallOptions::new("http://chat.invalid/chat", action).with_version(version);
    match soapstone::soap::read_response::<enduser::PostChatMessageResponse, (), NoDetail>(
        &options, response,
    ) {
        Err(SoapError::Fault { fault, .. }) => (status, *fault),
        other => panic!("expected a fault, got {other:?}"),
    }
}

#[tokio::test]
async fn malformed_and_misrouted_requests_get_faults() {
    let (hosts, _) = oracle_hosts("http://chat.invalid");
    let server = &hosts.chat;
    bounded(async {
        // Not well-formed.
        let (status, fault) = raw(server, SoapVersion::Soap11, "PostChatMessage", "<soap:Envelope").await;
        assert_eq!(status, 500);
        assert!(fault.code().local == "Client" || fault.code().local == "VersionMismatch", "{fault}");

        // A well-formed envelope whose body is no operation of the port.
        let unknown = r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><x:Nope xmlns:x="urn:nope"/></soap:Body></soap:Envelope>"#;
        let (status, fault) = raw(server, SoapVersion::Soap11, "", unknown).await;
        assert_eq!((status, fault.side()), (500, Some(FaultSide::Sender)), "{fault}");

        // An invalid payload: the fault names the element path.
        let invalid = r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><m:PostChatMessage xmlns:m="urn:messages.enduser.chat.ws.rightnow.com/v1"><m:Body>no transaction data</m:Body></m:PostChatMessage></soap:Body></soap:Envelope>"#;
        let (status, fault) = raw(server, SoapVersion::Soap11, "PostChatMessage", invalid).await;
        assert_eq!((status, fault.side()), (500, Some(FaultSide::Sender)), "{fault}");
        assert!(fault.reason().contains("PostChatMessage"), "{}", fault.reason());

        // SOAP 1.2 sender faults are HTTP 400.
        let invalid12 = invalid.replace(
            "http://schemas.xmlsoap.org/soap/envelope/",
            "http://www.w3.org/2003/05/soap-envelope",
        );
        let (status, fault) = raw(server, SoapVersion::Soap12, "PostChatMessage", &invalid12).await;
        assert_eq!((status, fault.side()), (400, Some(FaultSide::Sender)), "{fault}");

        // A valid request with an action no operation has, and with another operation's.
        let mut post: enduser::PostChatMessage = payload("oracle/server/post_chat_message.request.xml");
        post.body = "hi".into();
        let envelope = soapstone::soap::encode(SoapVersion::Soap11, &[], &post).expect("encode");
        let envelope = String::from_utf8(envelope).expect("UTF-8");
        let (status, fault) = raw(server, SoapVersion::Soap11, "Nope", &envelope).await;
        assert_eq!((status, fault.side()), (500, Some(FaultSide::Sender)));
        assert!(fault.reason().contains("unknown SOAP action `Nope`"), "{}", fault.reason());
        let (_, fault) = raw(server, SoapVersion::Soap11, "TerminateChat", &envelope).await;
        assert!(fault.reason().contains("another operation"), "{}", fault.reason());

        // A GET is not a SOAP request.
        let get = server.handle(HttpRequest::new(soapstone::transport::Method::Get, "http://chat.invalid/chat")).await;
        assert_eq!(get.status, 405);

        // Oversized bodies are refused before parsing.
        let small = chat::Server::new(Arc::new(ChatMock::default()))
            .with_options(ServerOptions::default().with_max_request_bytes(64));
        let big = small
            .handle(
                soap_request(SoapVersion::Soap11, "http://x.invalid", "", envelope.into_bytes())
                    .expect("a request"),
            )
            .await;
        assert_eq!(big.status, 413);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_request_over_axum_is_413() {
    bounded(async {
        let server = chat::Server::new(Arc::new(ChatMock::default()))
            .with_options(ServerOptions::default().with_max_request_bytes(1024));
        let base = serve(server).await;
        let client = chat::Client::new(http())
            .with_endpoint(format!("{base}/chat"))
            .with_security(security(PasswordType::Text, PASSWORD));
        let mut post: enduser::PostChatMessage =
            payload("oracle/server/post_chat_message.request.xml");
        post.body = "x".repeat(4096);
        let err = client
            .post_chat_message(&post, &post_headers())
            .await
            .unwrap_err();
        assert!(
            matches!(err, SoapError::HttpStatus { status: 413, .. }),
            "{err}"
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Concurrency

async fn concurrent_posts<T: Transport + 'static>(client: Arc<chat::Client<T>>) {
    let mut tasks = Vec::new();
    for n in 0..200i64 {
        let client = Arc::clone(&client);
        tasks.push(tokio::spawn(async move {
            let mut post: enduser::PostChatMessage =
                payload("oracle/server/post_chat_message.request.xml");
            post.transaction_request_data.client_transaction_id = n;
            post.body = "m".repeat(usize::try_from(n).expect("small") + 1);
            let out = client
                .post_chat_message(&post, &post_headers())
                .await
                .expect("PostChatMessage");
            assert_eq!(out.transaction_response_data.client_transaction_id, n);
            assert_eq!(out.transaction_response_data.client_id, n + 1);
        }));
    }
    for t in tasks {
        t.await.expect("the call task");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_concurrent_calls_through_one_client() {
    bounded(async {
        let (hosts, chat_mock) = oracle_hosts("http://unused.invalid");
        let base = serve(hosts).await;
        let client = Arc::new(
            chat::Client::new(http())
                .with_endpoint(format!("{base}/chat"))
                .with_security(security(PasswordType::Digest, PASSWORD)),
        );
        concurrent_posts(Arc::clone(&client)).await;
        assert_eq!(chat_mock.auth.digest.load(Ordering::SeqCst), 200);

        let (hosts, _) = oracle_hosts("http://unused.invalid");
        let client = Arc::new(
            chat::Client::new(memory(hosts)).with_security(security(PasswordType::Text, PASSWORD)),
        );
        concurrent_posts(client).await;
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// ECE: the HTTP binding, all 6 operations

async fn ece_flow<T: Transport>(
    status: &ece::entry_point_status_get_binding::Client<T>,
    survey: &ece::entry_point_survey_post_binding::Client<T>,
) {
    assert!(
        status
            .agent_availability(&1000)
            .await
            .expect("agentAvailability")
            .available
    );
    assert!(
        !status
            .agent_availability(&1001)
            .await
            .expect("agentAvailability")
            .available
    );
    assert_eq!(
        status.capacity(&1000).await.expect("capacity"),
        document::<no_namespace::AvailableSlots>("ece/capacity.response.xml")
    );
    assert_eq!(
        status
            .live_session_status(&1000)
            .await
            .expect("liveSessionStatus"),
        document::<no_namespace::SessionStatus>("ece/live_session_status.response.xml")
    );
    assert_eq!(
        status
            .check_eligibility(&1000)
            .await
            .expect("checkEligibility"),
        document::<no_namespace::CheckEligibility>("ece/check_eligibility.response.xml")
    );
    assert_eq!(
        status.chat_allowed(&1000).await.expect("chatAllowed"),
        document::<no_namespace::ChatAllowed>("ece/chat_allowed.allowed.response.xml")
    );
    // A handler error is a 500 with its reason.
    let err = status.capacity(&500).await.unwrap_err();
    assert!(
        matches!(
            &err,
            HttpBindingError::Transport(TransportError::Status { status: 500, .. })
        ),
        "{err}"
    );
    let sent: egain::EgainSurveyElement = document("ece/survey.request.xml");
    survey.survey(&sent).await.expect("survey");
}

#[tokio::test]
async fn ece_operations_in_memory() {
    let (server, mock) = ece_server();
    let transport = memory(server);
    let status = ece::entry_point_status_get_binding::Client::new(transport.clone());
    let survey = ece::entry_point_survey_post_binding::Client::new(transport.clone());
    bounded(ece_flow(&status, &survey)).await;
    let requests = transport.requests();
    assert_eq!(
        requests[0].url,
        "http://ece-host.invalid/system/egain/chat/entrypoint/agentAvailability/1000"
    );
    assert_eq!(requests[0].method, soapstone::transport::Method::Get);
    let last = requests.last().expect("the survey");
    assert_eq!(last.method, soapstone::transport::Method::Post);
    let sent: egain::EgainSurveyElement = document("ece/survey.request.xml");
    assert_eq!(*mock.surveys.lock().expect("not poisoned"), vec![sent.sid]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ece_operations_over_axum() {
    bounded(async {
        let (server, mock) = ece_server();
        let base = serve(server).await;
        let address = format!("{base}/system/egain/chat/entrypoint/");
        let transport = Arc::new(http());
        let status = ece::entry_point_status_get_binding::Client::new(Arc::clone(&transport))
            .with_endpoint(address.as_str());
        let survey = ece::entry_point_survey_post_binding::Client::new(Arc::clone(&transport))
            .with_endpoint(address.as_str());
        ece_flow(&status, &survey).await;
        assert_eq!(mock.surveys.lock().expect("not poisoned").len(), 1);

        // Bad parameters and unknown paths: 400 and 404, never a hang.
        let t = http();
        let bad = t
            .send(soapstone::transport::http_binding::get_request(format!(
                "{address}capacity/not-a-number"
            )))
            .await
            .expect("a response");
        assert_eq!(bad.status, 400);
        let missing = t
            .send(soapstone::transport::http_binding::get_request(format!(
                "{address}nothing"
            )))
            .await
            .expect("a response");
        assert_eq!(missing.status, 404);
        let garbage = t
            .send(soapstone::transport::http_binding::post_xml_request(
                format!("{address}survey"),
                None,
                b"<egainSurvey".to_vec(),
            ))
            .await
            .expect("a response");
        assert_eq!(garbage.status, 400);
    })
    .await;
}
