//! The call helpers end to end: client `call` / `call_blocking` against a mock server built
//! from the server helpers (in memory and over real HTTP on 127.0.0.1), typed faults with HTTP
//! 500, non-SOAP error statuses, transport errors, per-call endpoint and lax mode, and the
//! server's sender/receiver faults.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;
use std::time::{Duration, Instant};

use soapstone::soap::server::{decode_request, fault_response, response};
use soapstone::soap::{
    self, CallOptions, Fault, FaultCode, FaultSide, NoDetail, SoapError, SoapVersion, WriteHeader,
};
use soapstone::transport::{
    BlockingHttpTransport, Headers, HttpRequest, HttpResponse, HttpTransport, MemoryTransport,
    TransportError,
};
use soapstone::xml::{DecodeErrorKind, ReadOptions};

mod soap_support;

use soap_support::*;

fn request() -> GetChatUrl {
    GetChatUrl {
        url_type: "ENDUSER".into(),
        version: "1.2".into(),
    }
}

fn chat_url_response() -> GetChatUrlResponse {
    GetChatUrlResponse {
        chat_url: "https://chat.example/chat_soap".into(),
        chat_token: "tok-1".into(),
        site_name: "site".into(),
    }
}

/// The mock site service: answers GetChatUrl, faults on `UrlType` = `BOOM` with a typed detail
/// (HTTP 500), and turns malformed requests into sender faults.
fn site_service(req: &HttpRequest) -> HttpResponse {
    let decoded = decode_request::<Option<ClientRequestHeader>, SiteRequest>(
        &req.headers,
        &req.body,
        &ReadOptions::strict(),
    );
    let request = match decoded {
        Ok(r) => r,
        Err(fault) => return fault_response(&*fault),
    };
    match request.body {
        SiteRequest::GetChatUrl(g) if g.url_type == "BOOM" => {
            let fault = Fault::new(request.version, FaultSide::Receiver, "handler failed")
                .with_detail(ChatFault::ServerError(RnFault {
                    code: "UNKNOWN_EXCEPTION".into(),
                    message: format!("app {:?}", request.headers.map(|h| h.app_id)),
                }));
            fault_response(&fault)
        }
        SiteRequest::GetChatUrl(g) => {
            let mut out = chat_url_response();
            if g.url_type.starts_with("S-") {
                // Concurrency test: each caller's token echoes its own request.
                out.chat_token = g.url_type;
            }
            response(request.version, &[], &out)
        }
        .unwrap_or_else(|e| {
            fault_response(&Fault::<NoDetail>::new(
                request.version,
                FaultSide::Receiver,
                e.to_string(),
            ))
        }),
        SiteRequest::Ping => HttpResponse::new(500, b"unexpected".to_vec()),
    }
}

fn header() -> ClientRequestHeader {
    ClientRequestHeader {
        app_id: "Sample Chat Client".into(),
    }
}

type Result11 = Result<soap::SoapResponse<GetChatUrlResponse, ()>, SoapError<ChatFault>>;

fn call_async(transport: &MemoryTransport, options: &CallOptions, req: &GetChatUrl) -> Result11 {
    let h = header();
    let headers: [&dyn WriteHeader; 1] = [&h];
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(soap::call(transport, options, &headers, req))
}

#[test]
fn call_returns_the_typed_payload_at_the_overridden_endpoint() {
    let transport = MemoryTransport::new(site_service);
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let options = CallOptions::new("https://site.example/chat_soap", "GetChatUrl")
            .with_version(version)
            .with_endpoint("https://chat.example/override")
            .with_timeout(Duration::from_secs(3));
        let out = call_async(&transport, &options, &request()).unwrap();
        assert_eq!(out.body, chat_url_response());
        assert_eq!(out.status, 200);
        let sent = transport.last_request().unwrap();
        assert_eq!(sent.url, "https://chat.example/override");
        assert_eq!(sent.timeout, Some(Duration::from_secs(3)));
        match version {
            SoapVersion::Soap11 => {
                assert_eq!(sent.headers.get("soapaction"), Some("\"GetChatUrl\""));
                assert_eq!(
                    out.http_headers.get("content-type"),
                    Some("text/xml; charset=utf-8")
                );
            }
            SoapVersion::Soap12 => {
                assert!(
                    sent.headers
                        .get("content-type")
                        .unwrap()
                        .ends_with("action=\"GetChatUrl\"")
                );
                assert_eq!(
                    out.http_headers.get("content-type"),
                    Some("application/soap+xml; charset=utf-8")
                );
            }
        }
    }
}

#[test]
fn http_500_with_a_fault_body_is_a_typed_fault_async_and_blocking() {
    let transport = MemoryTransport::new(site_service);
    let boom = GetChatUrl {
        url_type: "BOOM".into(),
        version: "1.2".into(),
    };
    let options = CallOptions::new("mem://site", "GetChatUrl");
    let expected = ChatFault::ServerError(RnFault {
        code: "UNKNOWN_EXCEPTION".into(),
        message: "app Some(\"Sample Chat Client\")".into(),
    });

    let err = call_async(&transport, &options, &boom).unwrap_err();
    let SoapError::Fault { fault, status } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(*status, 500);
    assert_eq!(fault.side(), Some(FaultSide::Receiver));
    assert_eq!(fault.reason(), "handler failed");
    assert_eq!(fault.typed_detail(), Some(&expected));
    assert!(
        err.to_string().starts_with("SOAP fault (HTTP 500): "),
        "{err}"
    );

    let h = header();
    let headers: [&dyn WriteHeader; 1] = [&h];
    let options12 = options.clone().with_version(SoapVersion::Soap12);
    let err: SoapError<ChatFault> = soap::call_blocking::<_, _, GetChatUrlResponse, (), _>(
        &transport, &options12, &headers, &boom,
    )
    .unwrap_err();
    let fault = err.fault().expect("a fault");
    assert_eq!(fault.version(), SoapVersion::Soap12);
    assert_eq!(fault.code(), &FaultCode::new(S12, "Receiver"));
    assert_eq!(fault.typed_detail(), Some(&expected));
}

#[test]
fn malformed_request_gets_a_sender_fault_naming_the_path() {
    let transport = MemoryTransport::new(site_service);
    // The server knows GetChatUrl with UrlType and Version; send one without Version.
    for (version, status) in [(SoapVersion::Soap11, 500), (SoapVersion::Soap12, 400)] {
        let ct = soapstone::transport::soap_http::content_type(version, "GetChatUrl");
        let body = format!(
            "<e:Envelope xmlns:e=\"{}\"><e:Body><x:GetChatUrl xmlns:x=\"{SITE}\"><x:UrlType>ENDUSER</x:UrlType></x:GetChatUrl></e:Body></e:Envelope>",
            version.envelope_ns()
        );
        let req = HttpRequest::new(soapstone::transport::Method::Post, "mem://site")
            .with_header("Content-Type", ct)
            .with_body(body);
        let res = site_service(&req);
        assert_eq!(res.status, status);
        let env = soap::decode_response::<(), GetChatUrlResponse, NoDetail>(
            &res.body,
            Some(version),
            &ReadOptions::strict(),
        )
        .unwrap();
        let soap::Body::Fault(fault) = env.body else {
            panic!("expected a fault")
        };
        assert_eq!(fault.side(), Some(FaultSide::Sender));
        assert!(
            fault.reason().contains("missing required element"),
            "{}",
            fault.reason()
        );
        assert!(
            fault.reason().contains("/Envelope/Body/GetChatUrl"),
            "{}",
            fault.reason()
        );
    }
    assert!(transport.requests().is_empty());
}

#[test]
fn server_answers_version_mismatch_and_must_understand_faults() {
    // Content-Type says 1.1, the envelope is 1.2.
    let body = soap::encode(SoapVersion::Soap12, &[], &request()).unwrap();
    let req = HttpRequest::new(soapstone::transport::Method::Post, "mem://site")
        .with_header("Content-Type", "text/xml; charset=utf-8")
        .with_body(body);
    let fault = decode_request::<(), SiteRequest>(&req.headers, &req.body, &ReadOptions::strict())
        .unwrap_err();
    assert_eq!(fault.code(), &FaultCode::new(S11, "VersionMismatch"));
    assert!(
        fault
            .reason()
            .contains("announces SOAP 1.1 but the envelope is SOAP 1.2")
    );

    let marked = soap::HeaderBlock::must_understand(header());
    let headers: [&dyn WriteHeader; 1] = [&marked];
    let body = soap::encode(SoapVersion::Soap11, &headers, &request()).unwrap();
    let fault = decode_request::<(), SiteRequest>(&Headers::new(), &body, &ReadOptions::strict())
        .unwrap_err();
    assert_eq!(fault.code(), &FaultCode::new(S11, "MustUnderstand"));
    let res = fault_response(&*fault);
    assert_eq!(res.status, 500);
    assert_eq!(
        res.headers.get("content-type"),
        Some("text/xml; charset=utf-8")
    );

    // Understood by the header set: accepted, action read back.
    let mut http = Headers::new();
    http.insert("SOAPAction", "\"GetChatUrl\"");
    let ok = decode_request::<Option<ClientRequestHeader>, SiteRequest>(
        &http,
        &body,
        &ReadOptions::strict(),
    )
    .unwrap();
    assert_eq!(ok.action.as_deref(), Some("GetChatUrl"));
    assert_eq!(ok.headers, Some(header()));
    assert_eq!(ok.body, SiteRequest::GetChatUrl(request()));
}

#[test]
fn non_soap_error_statuses_keep_their_body() {
    let html = b"<!DOCTYPE html><html><body>Bad Gateway</body></html>".to_vec();
    let page = html.clone();
    let transport = MemoryTransport::new(move |_| {
        HttpResponse::new(502, page.clone()).with_header("Content-Type", "text/html")
    });
    let err = call_async(&transport, &CallOptions::new("mem://x", "A"), &request()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "HTTP status 502 without a SOAP fault (Content-Type text/html): \
         <!DOCTYPE html><html><body>Bad Gateway</body></html>"
    );
    match err {
        SoapError::HttpStatus {
            status,
            content_type,
            body,
            ..
        } => {
            assert_eq!(status, 502);
            assert_eq!(content_type.as_deref(), Some("text/html"));
            assert_eq!(body, html);
        }
        other => panic!("{other:?}"),
    }
    // An XML error document that is not an envelope, with an error status.
    let transport = MemoryTransport::fixed(HttpResponse::new(
        500,
        b"<error><code>500-1</code></error>".to_vec(),
    ));
    let err = call_async(&transport, &CallOptions::new("mem://x", "A"), &request()).unwrap_err();
    assert!(
        matches!(err, SoapError::HttpStatus { status: 500, .. }),
        "{err:?}"
    );
}

#[test]
fn decode_errors_transport_errors_and_version_mismatch_are_typed() {
    let garbage = MemoryTransport::fixed(HttpResponse::new(
        200,
        b"<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\">\n<S:Body>".to_vec(),
    ));
    let err = call_async(&garbage, &CallOptions::new("mem://x", "A"), &request()).unwrap_err();
    let SoapError::Decode(e) = &err else {
        panic!("{err:?}")
    };
    assert!(matches!(e.kind, DecodeErrorKind::Syntax(_)), "{e}");
    assert_eq!(e.line, 2);

    let down = MemoryTransport::fallible(|r| Err(TransportError::Timeout { url: r.url.clone() }));
    let err = call_async(&down, &CallOptions::new("mem://slow", "A"), &request()).unwrap_err();
    assert!(
        matches!(err, SoapError::Transport(TransportError::Timeout { .. })),
        "{err:?}"
    );
    assert_eq!(err.to_string(), "request to mem://slow timed out");

    let soap12 = soap::encode(SoapVersion::Soap12, &[], &chat_url_response()).unwrap();
    let other = MemoryTransport::fixed(HttpResponse::new(200, soap12));
    let err = call_async(&other, &CallOptions::new("mem://x", "A"), &request()).unwrap_err();
    assert!(
        matches!(
            err,
            SoapError::VersionMismatch {
                expected: SoapVersion::Soap11,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn lax_mode_is_chosen_per_call() {
    let body =
        String::from_utf8(soap::encode(SoapVersion::Soap11, &[], &chat_url_response()).unwrap())
            .unwrap()
            .replace(
                "</ns1:SiteName>",
                "</ns1:SiteName><ns1:Added>new in v2</ns1:Added>",
            );
    let transport = MemoryTransport::fixed(HttpResponse::new(200, body.into_bytes()));
    let strict = CallOptions::new("mem://x", "A");
    let err = call_async(&transport, &strict, &request()).unwrap_err();
    let SoapError::Decode(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        e.path,
        "/Envelope/Body/GetChatUrlResponse/GetChatUrlResult/Added"
    );
    let lax = strict.with_read_options(ReadOptions::lax());
    assert_eq!(
        call_async(&transport, &lax, &request()).unwrap().body,
        chat_url_response()
    );
}

/// Answers one HTTP/1.1 request on `stream` with the mock site service.
fn handle_connection(stream: TcpStream) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let Ok(clone) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(clone);
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let mut req = HttpRequest::new(soapstone::transport::Method::Post, "");
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).is_err() || h.trim_end().is_empty() {
            break;
        }
        if let Some((n, v)) = h.trim_end().split_once(':') {
            req.headers.append(n.trim(), v.trim());
        }
    }
    let len = req
        .headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; len];
    if reader.read_exact(&mut body).is_err() {
        return;
    }
    req.body = body;
    let res = site_service(&req);
    let mut out = stream;
    let mut head = format!(
        "HTTP/1.1 {} X\r\nContent-Length: {}\r\nConnection: close\r\n",
        res.status,
        res.body.len()
    );
    for (n, v) in res.headers.iter() {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = out.write_all(head.as_bytes());
    let _ = out.write_all(&res.body);
}

/// Serves the mock site service over HTTP/1.1 on 127.0.0.1, a thread per connection, for
/// `connections` connections or 20 seconds, whichever comes first.
fn serve_site(connections: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let url = format!(
        "http://{}/services/chat_soap",
        listener.local_addr().unwrap()
    );
    thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut served = 0;
        while served < connections && Instant::now() < deadline {
            match listener.accept() {
                Ok((stream, _)) => {
                    served += 1;
                    thread::spawn(move || handle_connection(stream));
                }
                Err(_) => thread::sleep(Duration::from_millis(2)),
            }
        }
    });
    url
}

#[test]
fn real_http_round_trip_with_payload_and_fault() {
    let url = serve_site(4);
    let options = CallOptions::new(url, "GetChatUrl");
    let h = header();
    let headers: [&dyn WriteHeader; 1] = [&h];
    let boom = GetChatUrl {
        url_type: "BOOM".into(),
        version: "1.2".into(),
    };

    let transport = HttpTransport::new().unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let ok: Result11 = runtime.block_on(soap::call(&transport, &options, &headers, &request()));
    assert_eq!(ok.unwrap().body, chat_url_response());
    let err: Result11 = runtime.block_on(soap::call(&transport, &options, &headers, &boom));
    let err = err.unwrap_err();
    assert!(
        matches!(err, SoapError::Fault { status: 500, .. }),
        "{err:?}"
    );
    drop(runtime);

    let blocking = BlockingHttpTransport::new().unwrap();
    let ok: Result11 = soap::call_blocking(&blocking, &options, &headers, &request());
    assert_eq!(ok.unwrap().body, chat_url_response());
    let err: Result11 = soap::call_blocking(&blocking, &options, &headers, &boom);
    let fault = err.unwrap_err();
    assert!(matches!(
        fault.fault().and_then(Fault::typed_detail),
        Some(ChatFault::ServerError(_))
    ));
}

#[test]
fn concurrent_calls_through_one_shared_transport_get_their_own_answers() {
    const CALLS: usize = 100;
    let url = serve_site(CALLS);
    let transport = std::sync::Arc::new(HttpTransport::new().unwrap());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let tokens = runtime.block_on(async {
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..CALLS {
            let transport = transport.clone();
            let options = CallOptions::new(url.clone(), "GetChatUrl");
            tasks.spawn(async move {
                let req = GetChatUrl {
                    url_type: format!("S-{i}"),
                    version: "1.2".into(),
                };
                // The future borrows only the transport: the header list (not `Sync`) is gone
                // before the future is awaited on a multi-task runtime.
                let future = {
                    let h = header();
                    let headers: [&dyn WriteHeader; 1] = [&h];
                    soap::call::<_, _, GetChatUrlResponse, (), ChatFault>(
                        &*transport,
                        &options,
                        &headers,
                        &req,
                    )
                };
                (i, future.await.map(|r| r.body.chat_token))
            });
        }
        let mut tokens = Vec::new();
        while let Some(joined) = tasks.join_next().await {
            tokens.push(joined.unwrap());
        }
        tokens
    });
    assert_eq!(tokens.len(), CALLS);
    for (i, token) in tokens {
        assert_eq!(token.unwrap(), format!("S-{i}"));
    }
}

#[test]
fn ws_security_refusals_carry_the_wsse_fault_code() {
    use soapstone::server::ServerFault;
    use soapstone::soap::wsse::{TokenError, WSSE_NS};
    let failed = FaultCode::new(WSSE_NS, "FailedAuthentication");
    for (version, status) in [(SoapVersion::Soap11, 500), (SoapVersion::Soap12, 400)] {
        let fault: ServerFault<NoDetail> = TokenError::BadPassword.into();
        let res = fault_response(&fault.into_fault(version));
        assert_eq!(res.status, status);
        let text = String::from_utf8(res.body.clone()).unwrap();
        assert!(
            text.contains(WSSE_NS),
            "the code's namespace is declared: {text}"
        );
        let env = soap::decode_response::<(), GetChatUrlResponse, NoDetail>(
            &res.body,
            Some(version),
            &ReadOptions::strict(),
        )
        .unwrap();
        let soap::Body::Fault(fault) = env.body else {
            panic!("expected a fault: {text}")
        };
        assert_eq!(fault.reason(), "authentication failed");
        match fault {
            // SOAP 1.1: the WS-Security code is the faultcode itself.
            Fault::V11(f) => assert_eq!(f.code, failed),
            // SOAP 1.2: env:Sender, with the WS-Security code as its subcode.
            Fault::V12(f) => {
                assert!(f.code.is_standard(version, "Sender"), "{}", f.code);
                assert_eq!(f.subcodes, vec![failed.clone()]);
            }
        }
    }
    let codes = [
        (TokenError::MissingToken, "InvalidSecurity"),
        (TokenError::TextPasswordRefused, "UnsupportedSecurityToken"),
        (TokenError::MissingNonce, "InvalidSecurityToken"),
        (TokenError::Replayed, "FailedAuthentication"),
        (
            TokenError::TimestampExpired {
                ago: Duration::from_secs(9),
            },
            "MessageExpired",
        ),
    ];
    for (error, local) in codes {
        assert_eq!(
            error.fault_code(),
            FaultCode::new(WSSE_NS, local),
            "{error}"
        );
    }
}
