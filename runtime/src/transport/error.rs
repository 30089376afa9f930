//! Transport errors.

use std::error::Error as StdError;

use super::Headers;

/// Boxed cause of a transport failure (reqwest, hyper, rustls or I/O errors).
pub type BoxError = Box<dyn StdError + Send + Sync + 'static>;

/// Why no usable HTTP response was obtained.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TransportError {
    /// The request could not even be built: a bad URL, a header value that HTTP cannot carry,
    /// a missing URL-replacement value.
    #[error("invalid request to {url}: {message}")]
    InvalidRequest {
        /// Target URL (as given).
        url: String,
        /// What is wrong.
        message: String,
    },
    /// The HTTP client could not be built (TLS set-up, invalid settings).
    #[error("cannot build the HTTP client: {0}")]
    Setup(String),
    /// TCP connection failed (refused, DNS, unreachable).
    #[error("cannot connect to {url}: {source}")]
    Connect {
        /// Target URL.
        url: String,
        /// Underlying cause.
        #[source]
        source: BoxError,
    },
    /// TLS handshake or certificate verification failed.
    #[error("TLS failure with {url}: {source}")]
    Tls {
        /// Target URL.
        url: String,
        /// Underlying cause.
        #[source]
        source: BoxError,
    },
    /// The connect or request timeout elapsed.
    #[error("request to {url} timed out")]
    Timeout {
        /// Target URL.
        url: String,
    },
    /// The connection broke while sending or receiving.
    #[error("I/O failure with {url}: {source}")]
    Io {
        /// Target URL.
        url: String,
        /// Underlying cause.
        #[source]
        source: BoxError,
    },
    /// The response body exceeded [`HttpConfig::max_response_bytes`](super::HttpConfig).
    #[error("response from {url} exceeds the limit of {limit} bytes")]
    TooLarge {
        /// Target URL.
        url: String,
        /// The limit in force.
        limit: usize,
    },
    /// An HTTP status the caller did not expect. Transports never return this themselves
    /// (they hand every response back); the HTTP-binding and SOAP helpers do, keeping the
    /// body so nothing the server said is lost.
    #[error("HTTP status {status} from {url}{}", body_excerpt(body))]
    Status {
        /// Target URL.
        url: String,
        /// Status code.
        status: u16,
        /// Response headers.
        headers: Headers,
        /// Response body, whole.
        body: Vec<u8>,
    },
}

impl TransportError {
    /// The status code, for [`TransportError::Status`].
    pub fn status(&self) -> Option<u16> {
        match self {
            TransportError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }
}

/// The start of a body for an error message: bodies can be huge or hostile, messages must stay
/// readable.
pub(crate) fn body_excerpt(body: &[u8]) -> String {
    const MAX: usize = 200;
    if body.is_empty() {
        return String::new();
    }
    let text = String::from_utf8_lossy(&body[..body.len().min(MAX)]);
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let more = if body.len() > MAX { "…" } else { "" };
    format!(": {}{more}", text.trim())
}
