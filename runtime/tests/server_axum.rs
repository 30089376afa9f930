//! The axum adapter (`soapstone::server::axum`, feature `axum`): requests reach the handler
//! with method, path and query, headers and body; bodies over the limit are 413 whether
//! announced by Content-Length or chunked; unknown methods are 405. Run with
//! `cargo test -p soapstone --features axum --test server_axum`.
#![cfg(feature = "axum")]

use std::io::{Read, Write};
use std::time::Duration;

use soapstone::server::Handler;
use soapstone::transport::{HttpRequest, HttpResponse, HttpTransport, Method, Transport};

/// Answers with a summary of what it received.
struct Echo;

impl Handler for Echo {
    async fn handle(&self, request: HttpRequest) -> HttpResponse {
        let summary = format!(
            "{} {} {} {}",
            request.method,
            request.url,
            request.headers.get("x-probe").unwrap_or("-"),
            request.body.len()
        );
        HttpResponse::new(200, summary).with_header("X-Answer", "yes")
    }

    fn max_request_bytes(&self) -> usize {
        1000
    }
}

async fn start() -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move {
        soapstone::server::axum::serve(listener, Echo)
            .await
            .expect("serve");
    });
    addr
}

/// One raw HTTP/1.1 exchange (for what reqwest will not send), bounded in time.
fn raw_exchange(addr: std::net::SocketAddr, request: &[u8]) -> String {
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    stream.write_all(request).expect("write");
    let mut answer = Vec::new();
    // The server closes the connection (`Connection: close`); a timeout also ends the read.
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_reach_the_handler_and_limits_hold() {
    tokio::time::timeout(Duration::from_secs(60), async {
        let addr = start().await;
        let transport = HttpTransport::new().expect("a transport");

        let request = HttpRequest::new(Method::Post, format!("http://{addr}/svc/x?y=1"))
            .with_header("X-Probe", "p1")
            .with_body(vec![b'a'; 10]);
        let answer = transport.send(request).await.expect("an answer");
        assert_eq!(answer.status, 200);
        assert_eq!(answer.headers.get("x-answer"), Some("yes"));
        assert_eq!(
            String::from_utf8_lossy(&answer.body),
            "POST /svc/x?y=1 p1 10"
        );

        let too_big = HttpRequest::new(Method::Post, format!("http://{addr}/svc"))
            .with_body(vec![b'a'; 1001]);
        assert_eq!(transport.send(too_big).await.expect("an answer").status, 413);

        let chunked = tokio::task::spawn_blocking(move || {
            let mut request = b"POST /svc HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
            for _ in 0..3 {
                request.extend_from_slice(b"1F4\r\n");
                request.extend_from_slice(&[b'a'; 500]);
                request.extend_from_slice(b"\r\n");
            }
            request.extend_from_slice(b"0\r\n\r\n");
            raw_exchange(addr, &request)
        })
        .await
        .expect("the raw exchange");
        assert!(chunked.starts_with("HTTP/1.1 413"), "{chunked}");

        let patch = tokio::task::spawn_blocking(move || {
            raw_exchange(
                addr,
                b"PATCH /svc HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
            )
        })
        .await
        .expect("the raw exchange");
        assert!(patch.starts_with("HTTP/1.1 405"), "{patch}");
    })
    .await
    .expect("finished in time");
}
