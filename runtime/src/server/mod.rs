//! Serving generated ports: the plumbing every generated dispatcher shares (request checks,
//! decoding, routing helpers, encoding the handler's answer) and, behind the `axum` feature,
//! an axum adapter.
//!
//! A generated SOAP binding module holds a `Service` trait (one async method per operation),
//! a `dispatch` function and a `Server<S>` wrapper implementing [`Handler`]; an HTTP-binding
//! module the same over [`http`]. The flow of one SOAP request is
//! [`check_soap_request`] → [`decode`] → [`check_action`] → the trait method → [`reply`].
//!
//! Nothing here panics on any input: malformed or invalid requests become sender faults
//! (`Client` / `Sender`, HTTP 500 for 1.1 and 400 for 1.2), handler errors receiver faults
//! (`Server` / `Receiver`, HTTP 500).

#[cfg(feature = "axum")]
pub mod axum;
pub mod http;

use std::fmt;
use std::future::Future;
use std::sync::Arc;

use crate::soap::server::{SoapRequest, decode_request, fault_response, response};
use crate::soap::{Fault, FaultCode, FaultSide, NoDetail, ReadHeaders, SoapVersion, WriteHeader};
use crate::transport::soap_http::version_from_content_type;
use crate::transport::{HttpRequest, HttpResponse, Method};
use crate::xml::{ReadOptions, XmlContent, XmlContentWrite, XmlRoot, XmlWrite};

/// Default largest request body a server accepts (4 MiB).
pub const DEFAULT_MAX_REQUEST_BYTES: usize = 4 * 1024 * 1024;

/// Settings of a generated server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerOptions {
    /// Strict (default) or lax decoding of requests, and the hostile-input limits.
    pub read: ReadOptions,
    /// Largest request body accepted; a larger one is answered 413 before any parsing.
    pub max_request_bytes: usize,
}

impl Default for ServerOptions {
    fn default() -> Self {
        Self {
            read: ReadOptions::default(),
            max_request_bytes: DEFAULT_MAX_REQUEST_BYTES,
        }
    }
}

impl ServerOptions {
    /// Sets the read options (e.g. [`ReadOptions::lax`]).
    pub fn with_read_options(mut self, read: ReadOptions) -> Self {
        self.read = read;
        self
    }

    /// Sets the request size limit.
    pub fn with_max_request_bytes(mut self, bytes: usize) -> Self {
        self.max_request_bytes = bytes;
        self
    }
}

/// Anything that answers HTTP requests: the generated `Server<S>` of every binding. The
/// future is `Send`, so one handler serves many connections at once.
pub trait Handler: Send + Sync + 'static {
    /// Answers `request`. Never fails: every problem is an HTTP response (a SOAP fault, 4xx).
    fn handle(&self, request: HttpRequest) -> impl Future<Output = HttpResponse> + Send;

    /// Largest request body the handler accepts (adapters stop reading beyond it).
    fn max_request_bytes(&self) -> usize {
        DEFAULT_MAX_REQUEST_BYTES
    }
}

impl<H: Handler> Handler for Arc<H> {
    fn handle(&self, request: HttpRequest) -> impl Future<Output = HttpResponse> + Send {
        (**self).handle(request)
    }

    fn max_request_bytes(&self) -> usize {
        (**self).max_request_bytes()
    }
}

/// What a service method returns instead of its output.
#[derive(Debug, Clone, PartialEq)]
pub enum ServerFault<F> {
    /// A fault declared in the WSDL: sent as a receiver fault (`Server` / `Receiver`) whose
    /// detail is `detail`.
    Typed {
        /// `faultstring` / `Reason/Text`.
        reason: String,
        /// The detail entry (the binding's fault enum).
        detail: F,
    },
    /// The request was wrong in a way only the handler can see: a sender fault (`Client` /
    /// `Sender`).
    Sender(String),
    /// Processing failed: a receiver fault (`Server` / `Receiver`) without detail.
    Receiver(String),
    /// A fault a specification names by its own code (WS-Security's `wsse:FailedAuthentication`,
    /// say): SOAP 1.1 sends `code` as the `faultcode`; SOAP 1.2 sends `side`'s standard code as
    /// `Code/Value` and `code` as its `Subcode/Value`, as those specifications require.
    Coded {
        /// Who is to blame (decides the SOAP 1.2 code and the HTTP status).
        side: FaultSide,
        /// The specific code.
        code: FaultCode,
        /// `faultstring` / `Reason/Text`.
        reason: String,
    },
}

impl<F> ServerFault<F> {
    /// A WSDL fault with a reason and its typed detail.
    pub fn typed(reason: impl Into<String>, detail: F) -> Self {
        ServerFault::Typed {
            reason: reason.into(),
            detail,
        }
    }

    /// A receiver fault from any error (its `Display` becomes the reason).
    pub fn receiver(error: impl fmt::Display) -> Self {
        ServerFault::Receiver(error.to_string())
    }

    /// A sender fault from any error (its `Display` becomes the reason).
    pub fn sender(error: impl fmt::Display) -> Self {
        ServerFault::Sender(error.to_string())
    }

    /// The fault in `version`.
    pub fn into_fault(self, version: SoapVersion) -> Fault<F> {
        match self {
            ServerFault::Typed { reason, detail } => {
                Fault::new(version, FaultSide::Receiver, reason).with_detail(detail)
            }
            ServerFault::Sender(reason) => Fault::new(version, FaultSide::Sender, reason),
            ServerFault::Receiver(reason) => Fault::new(version, FaultSide::Receiver, reason),
            ServerFault::Coded { side, code, reason } => {
                let mut fault = Fault::new(version, side, reason);
                match &mut fault {
                    Fault::V11(f) => f.code = code,
                    Fault::V12(f) => f.subcodes.push(code),
                }
                fault
            }
        }
    }

    /// The reason text.
    pub fn reason(&self) -> &str {
        match self {
            ServerFault::Typed { reason, .. }
            | ServerFault::Sender(reason)
            | ServerFault::Receiver(reason)
            | ServerFault::Coded { reason, .. } => reason,
        }
    }
}

impl<F> fmt::Display for ServerFault<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self {
            ServerFault::Typed { .. } => "fault",
            ServerFault::Sender(_) => "sender fault",
            ServerFault::Receiver(_) => "receiver fault",
            ServerFault::Coded {
                side: FaultSide::Sender,
                ..
            } => "sender fault",
            ServerFault::Coded {
                side: FaultSide::Receiver,
                ..
            } => "receiver fault",
        };
        write!(f, "{kind}: {}", self.reason())
    }
}

impl<F: fmt::Debug> std::error::Error for ServerFault<F> {}

/// The version to answer a request in before its envelope is read: what the Content-Type
/// announces, SOAP 1.1 otherwise.
pub fn announced_version(request: &HttpRequest) -> SoapVersion {
    request
        .headers
        .get("content-type")
        .and_then(version_from_content_type)
        .unwrap_or_default()
}

/// A sender fault of `version` as an HTTP response.
pub fn sender_fault(version: SoapVersion, reason: impl Into<String>) -> HttpResponse {
    fault_response(&Fault::<NoDetail>::new(version, FaultSide::Sender, reason))
}

/// A receiver fault of `version` as an HTTP response.
pub fn receiver_fault(version: SoapVersion, reason: impl Into<String>) -> HttpResponse {
    fault_response(&Fault::<NoDetail>::new(
        version,
        FaultSide::Receiver,
        reason,
    ))
}

/// Checks what can be checked before parsing: the body size (413) and the method (a SOAP
/// request is a POST; anything else is 405 with `Allow: POST`).
pub fn check_soap_request(
    request: &HttpRequest,
    options: &ServerOptions,
) -> Result<(), HttpResponse> {
    if request.body.len() > options.max_request_bytes {
        return Err(too_large(options.max_request_bytes));
    }
    if request.method != Method::Post {
        return Err(HttpResponse::new(
            405,
            format!("a SOAP request is a POST, not a {}", request.method),
        )
        .with_header("Allow", "POST")
        .with_header("Content-Type", "text/plain; charset=utf-8"));
    }
    Ok(())
}

/// 413 for a body over `limit` bytes.
pub fn too_large(limit: usize) -> HttpResponse {
    HttpResponse::new(
        413,
        format!("the request body is larger than the limit of {limit} bytes"),
    )
    .with_header("Content-Type", "text/plain; charset=utf-8")
}

/// Decodes a request into the header set `H` and the port's request enum `B`, or the fault
/// response to send (version mismatch, mustUnderstand, sender fault naming path and
/// line:column).
pub fn decode<H, B>(
    request: &HttpRequest,
    options: &ServerOptions,
) -> Result<SoapRequest<H, B>, HttpResponse>
where
    H: ReadHeaders,
    B: XmlContent,
{
    decode_request::<H, B>(&request.headers, &request.body, &options.read)
        .map_err(|fault| fault_response(&*fault))
}

/// Checks the request's action (SOAPAction / SOAP 1.2 `action`) against the operation the
/// body selected: no action, an empty one or one of `expected` passes; an action no
/// operation of the binding has (`known`) is an unknown-action sender fault (unless the
/// operation declares no action), another operation's action a mismatch sender fault.
pub fn check_action(
    version: SoapVersion,
    action: Option<&str>,
    expected: &[&str],
    known: &[&str],
) -> Result<(), HttpResponse> {
    let Some(action) = action.filter(|a| !a.is_empty()) else {
        return Ok(());
    };
    if expected.contains(&action) {
        return Ok(());
    }
    if known.contains(&action) {
        Err(sender_fault(
            version,
            format!("the action `{action}` names another operation than the body's element"),
        ))
    } else if expected.iter().any(|e| e.is_empty()) {
        // The operation declares no action, so clients are free to send their own.
        Ok(())
    } else {
        Err(sender_fault(
            version,
            format!("unknown SOAP action `{action}`"),
        ))
    }
}

/// Encodes a service method's result: 200 with the output (and `headers`), or the fault
/// (500; 400 for SOAP 1.2 sender faults). An output that cannot be written becomes a
/// receiver fault saying why.
pub fn reply<O, F>(
    version: SoapVersion,
    headers: &[&dyn WriteHeader],
    result: Result<O, ServerFault<F>>,
) -> HttpResponse
where
    O: XmlWrite + XmlRoot + 'static,
    F: XmlContentWrite,
{
    match result {
        Ok(output) => response(version, headers, &output).unwrap_or_else(|e| {
            receiver_fault(version, format!("the response could not be encoded: {e}"))
        }),
        Err(fault) => fault_response(&fault.into_fault(version)),
    }
}

/// The answer of a one-way operation: 202 Accepted with an empty body, or the fault (a
/// handler may still refuse the message).
pub fn reply_one_way<F: XmlContentWrite>(
    version: SoapVersion,
    result: Result<(), ServerFault<F>>,
) -> HttpResponse {
    match result {
        Ok(()) => HttpResponse::new(202, Vec::new()),
        Err(fault) => fault_response(&fault.into_fault(version)),
    }
}

/// The answer for an operation the generator could not bind (several body parts, a part
/// without a global element): a receiver fault naming it.
pub fn not_bound(version: SoapVersion, operation: &str) -> HttpResponse {
    receiver_fault(
        version,
        format!("operation `{operation}` is not bound by this server"),
    )
}

/// Two handlers on one address: `first` answers unless it says 404 (no operation at that
/// path), then `second` does. Serves an HTTP GET binding and an HTTP POST binding of the same
/// port address (Cisco ECE) from one listener.
#[derive(Debug, Clone)]
pub struct Chain<A, B> {
    /// Asked first.
    pub first: A,
    /// Asked when `first` answers 404.
    pub second: B,
}

impl<A, B> Chain<A, B> {
    /// `first`, then `second`.
    pub fn new(first: A, second: B) -> Self {
        Self { first, second }
    }
}

impl<A: Handler, B: Handler> Handler for Chain<A, B> {
    async fn handle(&self, request: HttpRequest) -> HttpResponse {
        let answer = self.first.handle(request.clone()).await;
        if answer.status == 404 {
            self.second.handle(request).await
        } else {
            answer
        }
    }

    fn max_request_bytes(&self) -> usize {
        self.first
            .max_request_bytes()
            .max(self.second.max_request_bytes())
    }
}
