//! SOAP 1.1 and 1.2: envelopes around typed header blocks and a typed body, typed faults,
//! WS-Security UsernameToken, and the call helpers generated clients and servers use.
//!
//! See `docs/soap-runtime.md` for the design and the shape of generated code on top of it.

mod client;
mod envelope;
mod error;
mod fault;
mod header;
mod headers_derive;
mod secret;
pub mod server;
pub mod wsse;

pub use client::{CallOptions, SoapResponse, call, call_blocking, prepare_request, read_response};
pub use envelope::{
    Body, Envelope, EnvelopeError, NoDetail, XmlDeclaration, decode_content, decode_response,
    decode_with, encode, encode_content, encode_fault, encode_into,
};
pub use error::SoapError;
pub use fault::{Detail, DetailEntry, Fault, Fault11, Fault12, FaultCode, FaultSide, ReasonText};
pub use header::{HeaderAttributes, HeaderBlock, ReadHeaders, WriteHeader};
pub use headers_derive::{MessageError, SoapHeaderSet, header_field_takes, write_header_field};
pub use secret::Secret;

/// Namespace of the SOAP 1.1 envelope.
pub const SOAP11_ENV_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
/// Namespace of the SOAP 1.2 envelope.
pub const SOAP12_ENV_NS: &str = "http://www.w3.org/2003/05/soap-envelope";

/// The SOAP version of a binding or a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SoapVersion {
    /// SOAP 1.1 (`soap:binding` in WSDL 1.1; what Oracle's chat API speaks).
    #[default]
    Soap11,
    /// SOAP 1.2 (`soap12:binding`).
    Soap12,
}

impl SoapVersion {
    /// The envelope namespace URI.
    pub fn envelope_ns(self) -> &'static str {
        match self {
            SoapVersion::Soap11 => SOAP11_ENV_NS,
            SoapVersion::Soap12 => SOAP12_ENV_NS,
        }
    }

    /// The version whose envelope namespace is `ns`.
    pub fn from_envelope_ns(ns: &str) -> Option<Self> {
        match ns {
            SOAP11_ENV_NS => Some(SoapVersion::Soap11),
            SOAP12_ENV_NS => Some(SoapVersion::Soap12),
            _ => None,
        }
    }

    /// The prefix written for the envelope namespace (`soap` for 1.1, `env` for 1.2).
    pub fn prefix(self) -> &'static str {
        match self {
            SoapVersion::Soap11 => "soap",
            SoapVersion::Soap12 => "env",
        }
    }

    /// The `actor` (1.1) / `role` (1.2) attribute's local name.
    pub fn role_attribute(self) -> &'static str {
        match self {
            SoapVersion::Soap11 => "actor",
            SoapVersion::Soap12 => "role",
        }
    }

    /// The actor/role URI meaning "the next node", which includes the ultimate receiver.
    pub fn next_role(self) -> &'static str {
        match self {
            SoapVersion::Soap11 => "http://schemas.xmlsoap.org/soap/actor/next",
            SoapVersion::Soap12 => "http://www.w3.org/2003/05/soap-envelope/role/next",
        }
    }
}

impl std::fmt::Display for SoapVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SoapVersion::Soap11 => "SOAP 1.1",
            SoapVersion::Soap12 => "SOAP 1.2",
        })
    }
}
