//! The reqwest transports against a tiny HTTP/1.1 server on 127.0.0.1 (std only, bounded in
//! time and connections): round trips, timeouts, refused connections, oversized bodies.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use soapstone::soap::SoapVersion;
use soapstone::transport::soap_http::soap_request;
use soapstone::transport::{
    BlockingHttpTransport, BlockingTransport, HttpConfig, HttpRequest, HttpTransport, Method,
    Transport, TransportError,
};

/// What the server saw of one request.
#[derive(Debug)]
struct Seen {
    request_line: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Serves up to `connections` connections (one request each) for at most 20 seconds, then
/// stops. `answer` gets the path and returns (delay, status, extra headers, body).
fn serve<F>(connections: usize, answer: F) -> (SocketAddr, mpsc::Receiver<Seen>)
where
    F: Fn(&str) -> (Duration, u16, Vec<(&'static str, String)>, Vec<u8>) + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut served = 0;
        while served < connections && Instant::now() < deadline {
            match listener.accept() {
                Ok((stream, _)) => {
                    served += 1;
                    if let Some(seen) = handle(stream, &answer) {
                        let _ = tx.send(seen);
                    }
                }
                Err(_) => thread::sleep(Duration::from_millis(5)),
            }
        }
    });
    (addr, rx)
}

fn handle<F>(stream: TcpStream, answer: &F) -> Option<Seen>
where
    F: Fn(&str) -> (Duration, u16, Vec<(&'static str, String)>, Vec<u8>),
{
    stream.set_nonblocking(false).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    let length: usize = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .map_or(0, |(_, v)| v.parse().unwrap_or(0));
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_owned();
    let (delay, status, extra, reply) = answer(&path);
    thread::sleep(delay);
    let mut out = stream;
    let mut head = format!(
        "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
        reply.len()
    );
    for (n, v) in extra {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = out.write_all(head.as_bytes());
    let _ = out.write_all(&reply);
    let _ = out.flush();
    Some(Seen {
        request_line: request_line.trim_end().to_owned(),
        headers,
        body,
    })
}

fn fault_body() -> Vec<u8> {
    br#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><S:Fault><faultcode>S:Server</faultcode><faultstring>boom</faultstring></S:Fault></S:Body></S:Envelope>"#.to_vec()
}

#[test]
fn async_transport_round_trip_keeps_500_as_a_response() {
    let (addr, seen) = serve(1, |_| {
        (
            Duration::ZERO,
            500,
            vec![("Content-Type", "text/xml; charset=utf-8".into())],
            fault_body(),
        )
    });
    let url = format!("http://{addr}/services/chat_soap");
    let transport = HttpTransport::new().unwrap();
    let request =
        soap_request(SoapVersion::Soap11, &url, "RequestChat", b"<env/>".to_vec()).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let response = runtime.block_on(transport.send(request)).unwrap();
    assert_eq!(response.status, 500);
    assert_eq!(response.body, fault_body());
    assert_eq!(response.headers.media_type().as_deref(), Some("text/xml"));

    let seen = seen.recv_timeout(Duration::from_secs(10)).unwrap();
    assert_eq!(seen.request_line, "POST /services/chat_soap HTTP/1.1");
    assert_eq!(seen.header("soapaction"), Some("\"RequestChat\""));
    assert_eq!(seen.header("content-type"), Some("text/xml; charset=utf-8"));
    assert!(seen.header("user-agent").unwrap().starts_with("soapstone/"));
    assert_eq!(seen.body, b"<env/>");
}

#[test]
fn blocking_transport_round_trip_with_get() {
    let (addr, seen) = serve(1, |path| {
        assert_eq!(path, "/entrypoint/agentAvailability/1000");
        (
            Duration::ZERO,
            200,
            Vec::new(),
            br#"<agentAvailability available="true"/>"#.to_vec(),
        )
    });
    let transport = BlockingHttpTransport::new().unwrap();
    let url = format!("http://{addr}/entrypoint/agentAvailability/1000");
    let response = transport
        .send_blocking(soapstone::transport::http_binding::get_request(url))
        .unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(response.body, br#"<agentAvailability available="true"/>"#);
    let seen = seen.recv_timeout(Duration::from_secs(10)).unwrap();
    assert_eq!(seen.header("accept"), Some("application/xml"));
    assert!(seen.request_line.starts_with("GET "));
}

#[test]
fn per_request_timeout_is_a_typed_timeout() {
    let (addr, _seen) = serve(2, |_| {
        (
            Duration::from_millis(1500),
            200,
            Vec::new(),
            b"late".to_vec(),
        )
    });
    let url = format!("http://{addr}/slow");
    let blocking = BlockingHttpTransport::new().unwrap();
    let started = Instant::now();
    let err = blocking
        .send_blocking(
            HttpRequest::new(Method::Get, url.clone()).with_timeout(Duration::from_millis(200)),
        )
        .unwrap_err();
    assert!(matches!(err, TransportError::Timeout { .. }), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_millis(1400),
        "{:?}",
        started.elapsed()
    );

    let config = HttpConfig {
        request_timeout: Duration::from_millis(200),
        ..HttpConfig::default()
    };
    let transport = HttpTransport::with_config(config).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let err = runtime
        .block_on(transport.send(HttpRequest::new(Method::Get, url)))
        .unwrap_err();
    assert!(matches!(err, TransportError::Timeout { .. }), "{err:?}");
}

#[test]
fn refused_connection_is_a_connect_error() {
    // Bind then drop: the port is very likely closed right after.
    let addr = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let url = format!("http://{addr}/");
    let err = BlockingHttpTransport::new()
        .unwrap()
        .send_blocking(HttpRequest::new(Method::Get, url.clone()))
        .unwrap_err();
    assert!(matches!(err, TransportError::Connect { .. }), "{err:?}");
    assert!(
        err.to_string()
            .starts_with(&format!("cannot connect to {url}")),
        "{err}"
    );
}

#[test]
fn oversized_response_is_refused() {
    let (addr, _seen) = serve(2, |_| (Duration::ZERO, 200, Vec::new(), vec![b'a'; 4096]));
    let url = format!("http://{addr}/big");
    let config = HttpConfig {
        max_response_bytes: 1000,
        ..HttpConfig::default()
    };
    let err = BlockingHttpTransport::with_config(config.clone())
        .unwrap()
        .send_blocking(HttpRequest::new(Method::Get, url.clone()))
        .unwrap_err();
    assert!(
        matches!(err, TransportError::TooLarge { limit: 1000, .. }),
        "{err:?}"
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let err = runtime
        .block_on(
            HttpTransport::with_config(config)
                .unwrap()
                .send(HttpRequest::new(Method::Get, url)),
        )
        .unwrap_err();
    assert!(
        matches!(err, TransportError::TooLarge { limit: 1000, .. }),
        "{err:?}"
    );
}

#[test]
fn tls_failure_is_a_tls_error() {
    // A plain-HTTP server answering a TLS ClientHello with plain text: rustls rejects the
    // reply as a corrupt record.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let server = thread::spawn(move || {
        listener.set_nonblocking(true).unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok((mut stream, _)) = listener.accept() {
                let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
                let _ = stream.flush();
                thread::sleep(Duration::from_millis(200));
                return;
            }
            thread::sleep(Duration::from_millis(5));
        }
    });
    let url = format!("https://{addr}/");
    let err = BlockingHttpTransport::new()
        .unwrap()
        .send_blocking(HttpRequest::new(Method::Get, url))
        .unwrap_err();
    assert!(matches!(err, TransportError::Tls { .. }), "{err:?}");
    assert!(
        err.to_string().starts_with("TLS failure with https://"),
        "{err}"
    );
    server.join().unwrap();
}
