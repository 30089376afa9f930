//! The error of a SOAP call.

use super::SoapVersion;
use super::fault::Fault;
use super::wsse::WsseError;
use crate::transport::{Headers, TransportError, body_excerpt};
use crate::xml::{DecodeError, EncodeError};

/// Why a SOAP call did not produce its typed response. `F` is the operation's fault detail
/// type (an enum of the WSDL's fault elements, or [`NoDetail`](super::NoDetail)).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SoapError<F> {
    /// No HTTP response: connection, TLS, timeout, I/O.
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// An HTTP error status whose body is not a SOAP fault (a proxy's error page, a 404).
    /// The body is kept whole.
    #[error(
        "HTTP status {status} without a SOAP fault{}{}",
        content_type.as_deref().map(|c| format!(" (Content-Type {c})")).unwrap_or_default(),
        body_excerpt(body)
    )]
    HttpStatus {
        /// Status code.
        status: u16,
        /// The response's Content-Type.
        content_type: Option<String>,
        /// Response headers.
        headers: Headers,
        /// Response body.
        body: Vec<u8>,
    },
    /// The server answered with a SOAP fault (usually with HTTP 500).
    #[error("SOAP fault (HTTP {status}): {fault}")]
    Fault {
        /// The fault, detail decoded into `F` where it matches.
        fault: Box<Fault<F>>,
        /// The HTTP status it came with.
        status: u16,
    },
    /// The response envelope does not decode into the expected types.
    #[error("cannot decode the SOAP response: {0}")]
    Decode(#[source] DecodeError),
    /// The envelope's namespace is not the binding's SOAP version (or no SOAP version at all).
    #[error("SOAP version mismatch: expected a {expected} envelope, found {found}")]
    VersionMismatch {
        /// The version the binding speaks.
        expected: SoapVersion,
        /// The root element found, as `{namespace}local`.
        found: String,
    },
    /// A header block marked mustUnderstand and addressed to us that no header type knows.
    #[error("header block {header} is marked mustUnderstand but is not understood")]
    MustUnderstand {
        /// The block's name, `{namespace}local`.
        header: String,
    },
    /// The request could not be written.
    #[error("cannot encode the SOAP request: {0}")]
    Encode(#[source] EncodeError),
    /// The WS-Security header could not be made.
    #[error(transparent)]
    Security(#[from] WsseError),
}

impl<F> SoapError<F> {
    /// The fault, when the server sent one.
    pub fn fault(&self) -> Option<&Fault<F>> {
        match self {
            SoapError::Fault { fault, .. } => Some(fault),
            _ => None,
        }
    }
}

impl<F> From<DecodeError> for SoapError<F> {
    fn from(e: DecodeError) -> Self {
        SoapError::Decode(e)
    }
}

impl<F> From<EncodeError> for SoapError<F> {
    fn from(e: EncodeError) -> Self {
        SoapError::Encode(e)
    }
}
