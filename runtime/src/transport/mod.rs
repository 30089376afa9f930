//! Transports: how envelope bytes reach a server and come back.
//!
//! A transport moves plain bytes: an [`HttpRequest`] (method, URL, headers, body) in, an
//! [`HttpResponse`] (status, headers, body) out. It never interprets the status: a SOAP server
//! answers faults with HTTP 500 and a fault body, and only the SOAP layer can tell a fault from
//! a broken server. Helpers that do interpret statuses (the WSDL HTTP binding in
//! [`http_binding`]) turn unexpected ones into [`TransportError::Status`].
//!
//! Implementations:
//! - [`HttpTransport`] (feature `http-async`, on by default): reqwest + rustls (ring), async.
//! - [`BlockingHttpTransport`] (feature `http-blocking`, on by default): reqwest's blocking client.
//! - [`MemoryTransport`]: a handler closure answers, every request is recorded (tests, mocks).
//!
//! [`soap_http`] builds SOAP 1.1 / 1.2 requests (Content-Type, SOAPAction / `action`) and
//! [`http_binding`] builds WSDL 1.1 HTTP-binding requests (URL replacement, urlEncoded query).

mod error;
pub mod http_binding;
mod memory;
#[cfg(any(feature = "http-async", feature = "http-blocking"))]
mod reqwest_impl;
pub mod soap_http;

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

pub use error::TransportError;
pub(crate) use error::body_excerpt;
pub use memory::MemoryTransport;
#[cfg(feature = "http-blocking")]
pub use reqwest_impl::BlockingHttpTransport;
#[cfg(feature = "http-async")]
pub use reqwest_impl::HttpTransport;

/// HTTP request methods a WSDL can bind to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET` (HTTP binding with `verb="GET"`).
    Get,
    /// `POST` (every SOAP call, HTTP binding with `verb="POST"`).
    Post,
    /// `PUT`.
    Put,
    /// `DELETE`.
    Delete,
}

impl Method {
    /// The method token as sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Header names whose values are credentials: [`Headers`]' `Debug` prints them redacted.
const SENSITIVE_HEADERS: [&str; 4] = [
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
];

/// An ordered list of HTTP headers. Names compare case-insensitively; order and repeated
/// names are kept as sent or received.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Headers {
    entries: Vec<(String, String)>,
}

impl Headers {
    /// No headers.
    pub fn new() -> Self {
        Self::default()
    }

    /// The first value of `name` (case-insensitive).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every value of `name` (case-insensitive), in order.
    pub fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.entries
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Sets `name` to `value`, replacing every earlier value of that name.
    pub fn insert(&mut self, name: impl Into<String>, value: impl Into<String>) {
        let name = name.into();
        self.entries.retain(|(n, _)| !n.eq_ignore_ascii_case(&name));
        self.entries.push((name, value.into()));
    }

    /// Adds a value for `name`, keeping earlier ones.
    pub fn append(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.entries.push((name.into(), value.into()));
    }

    /// Removes every value of `name`.
    pub fn remove(&mut self, name: &str) {
        self.entries.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
    }

    /// All headers in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// Number of header lines.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no headers.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The media type of `Content-Type` without parameters, lower-cased (`text/xml`).
    pub fn media_type(&self) -> Option<String> {
        self.get("content-type").map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
    }
}

impl fmt::Debug for Headers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, value) in &self.entries {
            if SENSITIVE_HEADERS
                .iter()
                .any(|s| name.eq_ignore_ascii_case(s))
            {
                map.entry(name, &"<redacted>");
            } else {
                map.entry(name, value);
            }
        }
        map.finish()
    }
}

impl<N: Into<String>, V: Into<String>> FromIterator<(N, V)> for Headers {
    fn from_iter<I: IntoIterator<Item = (N, V)>>(iter: I) -> Self {
        Self {
            entries: iter
                .into_iter()
                .map(|(n, v)| (n.into(), v.into()))
                .collect(),
        }
    }
}

/// One HTTP request as a transport sends it.
///
/// `Debug` prints the body's length, never its bytes: a SOAP body can carry a WS-Security
/// `PasswordText`, and requests end up in logs.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// Request method.
    pub method: Method,
    /// Absolute URL, query included.
    pub url: String,
    /// Request headers (`Content-Length` and `Host` are added by the transport).
    pub headers: Headers,
    /// Request body; empty for GET.
    pub body: Vec<u8>,
    /// Total time allowed for this request, overriding the transport's default.
    pub timeout: Option<Duration>,
}

impl HttpRequest {
    /// A request without headers, body or timeout override.
    pub fn new(method: Method, url: impl Into<String>) -> Self {
        Self {
            method,
            url: url.into(),
            headers: Headers::new(),
            body: Vec::new(),
            timeout: None,
        }
    }

    /// Sets a header (replacing earlier values).
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.insert(name, value);
        self
    }

    /// Sets the body.
    pub fn with_body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    /// Sets the per-request timeout.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &self.headers)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// One HTTP response as a transport received it, whatever its status.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// Response headers.
    pub headers: Headers,
    /// Response body (possibly empty).
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// A response with a status and body and no headers.
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            headers: Headers::new(),
            body: body.into(),
        }
    }

    /// Sets a header (replacing earlier values).
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.insert(name, value);
        self
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

/// Settings shared by the HTTP transports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpConfig {
    /// Time allowed to open the TCP connection and finish the TLS handshake.
    pub connect_timeout: Duration,
    /// Time allowed for a whole request and response, unless the request sets its own.
    /// Long-polling operations (Oracle's `RetrieveMessages`) need it above the server's
    /// hold time.
    pub request_timeout: Duration,
    /// Largest response body accepted; a longer one is [`TransportError::TooLarge`], so a
    /// hostile or broken server cannot exhaust memory before the XML limits see the document.
    pub max_response_bytes: usize,
    /// `User-Agent` header value.
    pub user_agent: String,
    /// DER certificates trusted in addition to the platform's roots (a private CA, a test
    /// server's self-signed certificate).
    pub extra_root_certificates: Vec<Vec<u8>>,
}

impl Default for HttpConfig {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(30),
            request_timeout: Duration::from_secs(120),
            max_response_bytes: 16 * 1024 * 1024,
            user_agent: concat!("soapstone/", env!("CARGO_PKG_VERSION")).to_owned(),
            extra_root_certificates: Vec::new(),
        }
    }
}

/// An asynchronous transport.
///
/// The returned future is `Send`, so one transport (behind `&` or [`Arc`]) can serve many
/// tasks at once.
pub trait Transport: Send + Sync {
    /// Sends `request` and returns the response, whatever its status. Errors mean no HTTP
    /// response was obtained (connection, TLS, timeout, I/O, oversized body).
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>> + Send;
}

/// A blocking transport; same contract as [`Transport`].
pub trait BlockingTransport: Send + Sync {
    /// Sends `request` and returns the response, whatever its status.
    fn send_blocking(&self, request: HttpRequest) -> Result<HttpResponse, TransportError>;
}

impl<T: Transport> Transport for &T {
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>> + Send {
        (**self).send(request)
    }
}

impl<T: Transport> Transport for Arc<T> {
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>> + Send {
        (**self).send(request)
    }
}

impl<T: BlockingTransport + ?Sized> BlockingTransport for &T {
    fn send_blocking(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        (**self).send_blocking(request)
    }
}

impl<T: BlockingTransport + ?Sized> BlockingTransport for Arc<T> {
    fn send_blocking(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        (**self).send_blocking(request)
    }
}

impl<T: BlockingTransport + ?Sized> BlockingTransport for Box<T> {
    fn send_blocking(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        (**self).send_blocking(request)
    }
}
