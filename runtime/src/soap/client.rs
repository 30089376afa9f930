//! The client-side call: encode the request envelope, send it, sort the response into a typed
//! payload, a typed fault or an error.

use std::future::Future;
use std::time::Duration;

use super::SoapVersion;
use super::envelope::{self, Body, EnvelopeError, looks_like_xml};
use super::error::SoapError;
use super::header::{ReadHeaders, WriteHeader};
use crate::transport::soap_http::soap_request;
use crate::transport::{BlockingTransport, Headers, HttpRequest, HttpResponse, Transport};
use crate::xml::{ReadOptions, XmlContent, XmlRead, XmlRoot, XmlWrite};

/// Per-call settings. A generated client keeps a default endpoint and read options and
/// builds these for each operation (`soap_action` and `version` come from the binding).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallOptions {
    /// The URL to POST to (per-call override of the port's address: Oracle's chat server
    /// operations go to the `ChatUrl` returned by `GetChatUrl`).
    pub endpoint: String,
    /// The binding's `soapAction` (empty when none).
    pub soap_action: String,
    /// The binding's SOAP version.
    pub version: SoapVersion,
    /// Strict (default) or lax decoding of the response, and the hostile-input limits.
    pub read: ReadOptions,
    /// Timeout for this call, overriding the transport's.
    pub timeout: Option<Duration>,
    /// Extra HTTP headers (cookies for session affinity, tracing ids...).
    pub http_headers: Headers,
}

impl CallOptions {
    /// SOAP 1.1, strict, no timeout override.
    pub fn new(endpoint: impl Into<String>, soap_action: impl Into<String>) -> Self {
        Self {
            endpoint: endpoint.into(),
            soap_action: soap_action.into(),
            version: SoapVersion::Soap11,
            read: ReadOptions::default(),
            timeout: None,
            http_headers: Headers::new(),
        }
    }

    /// Sets the SOAP version.
    pub fn with_version(mut self, version: SoapVersion) -> Self {
        self.version = version;
        self
    }

    /// Sets the endpoint.
    pub fn with_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = endpoint.into();
        self
    }

    /// Sets the read options (e.g. [`ReadOptions::lax`]).
    pub fn with_read_options(mut self, read: ReadOptions) -> Self {
        self.read = read;
        self
    }

    /// Sets the timeout.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }
}

/// A successful call's result.
#[derive(Debug, Clone, PartialEq)]
pub struct SoapResponse<T, H> {
    /// The body payload.
    pub body: T,
    /// The header blocks the header set took.
    pub headers: H,
    /// HTTP status (2xx).
    pub status: u16,
    /// HTTP response headers.
    pub http_headers: Headers,
}

/// The HTTP request of a call: the envelope with `headers` and `request`, POSTed with the
/// version's Content-Type and action.
pub fn prepare_request<Req, F>(
    options: &CallOptions,
    headers: &[&dyn WriteHeader],
    request: &Req,
) -> Result<HttpRequest, SoapError<F>>
where
    Req: XmlWrite + XmlRoot + 'static,
{
    let envelope = envelope::encode(options.version, headers, request)?;
    let mut http = soap_request(
        options.version,
        &options.endpoint,
        &options.soap_action,
        envelope,
    )?;
    http.timeout = options.timeout;
    for (name, value) in options.http_headers.iter() {
        http.headers.append(name, value);
    }
    Ok(http)
}

/// Sorts an HTTP response into the typed payload, a typed fault (whatever the status: SOAP
/// faults come with 500) or an error. A non-2xx response that is not a SOAP envelope is
/// [`SoapError::HttpStatus`] with its body kept.
pub fn read_response<Resp, RH, F>(
    options: &CallOptions,
    response: HttpResponse,
) -> Result<SoapResponse<Resp, RH>, SoapError<F>>
where
    Resp: XmlRead + XmlRoot,
    RH: ReadHeaders,
    F: XmlContent,
{
    let HttpResponse {
        status,
        headers: http_headers,
        body,
    } = response;
    let success = (200..300).contains(&status);
    let status_error = |http_headers: Headers, body: Vec<u8>| SoapError::HttpStatus {
        status,
        content_type: http_headers.get("content-type").map(str::to_owned),
        headers: http_headers,
        body,
    };
    if !success && !looks_like_xml(&body) {
        return Err(status_error(http_headers, body));
    }
    match envelope::decode_response::<RH, Resp, F>(&body, Some(options.version), &options.read) {
        Ok(env) => match env.body {
            Body::Fault(fault) => Err(SoapError::Fault {
                fault: Box::new(fault),
                status,
            }),
            Body::Payload(payload) if success => Ok(SoapResponse {
                body: payload,
                headers: env.headers,
                status,
                http_headers,
            }),
            Body::Payload(_) => Err(status_error(http_headers, body)),
        },
        Err(EnvelopeError::VersionMismatch {
            expected,
            found,
            found_version,
        }) => {
            if !success && found_version.is_none() {
                // Some other XML document (a gateway's error page): the status says it all.
                return Err(status_error(http_headers, body));
            }
            Err(SoapError::VersionMismatch {
                expected: expected.unwrap_or(options.version),
                found,
            })
        }
        Err(EnvelopeError::MustUnderstand { header, .. }) => {
            Err(SoapError::MustUnderstand { header })
        }
        Err(EnvelopeError::Decode(_)) if !success => Err(status_error(http_headers, body)),
        Err(EnvelopeError::Decode(e)) => Err(SoapError::Decode(e)),
    }
}

/// Calls an operation: `request` as the body payload, `headers` as header blocks. `Resp` is
/// the output element, `RH` the output header set (`()` for none), `F` the fault detail type
/// ([`NoDetail`](super::NoDetail) when the operation has no WSDL faults).
///
/// The envelope is encoded before the returned future is first polled, so the future only
/// borrows the transport and is `Send`.
pub fn call<'t, T, Req, Resp, RH, F>(
    transport: &'t T,
    options: &CallOptions,
    headers: &[&dyn WriteHeader],
    request: &Req,
) -> impl Future<Output = Result<SoapResponse<Resp, RH>, SoapError<F>>>
+ Send
+ use<'t, T, Req, Resp, RH, F>
where
    T: Transport,
    Req: XmlWrite + XmlRoot + 'static,
    Resp: XmlRead + XmlRoot + Send,
    RH: ReadHeaders + Send,
    F: XmlContent + Send,
{
    let prepared = prepare_request::<Req, F>(options, headers, request);
    let options = options.clone();
    async move {
        let response = transport.send(prepared?).await?;
        read_response(&options, response)
    }
}

/// The blocking twin of [`call`].
pub fn call_blocking<T, Req, Resp, RH, F>(
    transport: &T,
    options: &CallOptions,
    headers: &[&dyn WriteHeader],
    request: &Req,
) -> Result<SoapResponse<Resp, RH>, SoapError<F>>
where
    T: BlockingTransport + ?Sized,
    Req: XmlWrite + XmlRoot + 'static,
    Resp: XmlRead + XmlRoot,
    RH: ReadHeaders,
    F: XmlContent,
{
    let request = prepare_request::<Req, F>(options, headers, request)?;
    let response = transport.send_blocking(request)?;
    read_response(options, response)
}
