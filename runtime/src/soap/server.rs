//! Server-side helpers: decode a request envelope into typed headers and a typed body (an enum
//! of the port's request elements), and encode responses and faults as HTTP responses.
//!
//! Malformed or invalid requests become sender faults (`Client` in 1.1, `Sender` in 1.2) whose
//! reason names the element path and line:column; handler errors become receiver faults
//! (`Server` / `Receiver`). Nothing here panics on any input.

use super::SoapVersion;
use super::envelope::{self, Body, EnvelopeError, NoDetail};
use super::fault::{Fault, FaultCode, FaultSide};
use super::header::{ReadHeaders, WriteHeader};
use crate::transport::soap_http::{
    SOAP11_CONTENT_TYPE, SOAP12_CONTENT_TYPE, request_action, version_from_content_type,
};
use crate::transport::{Headers, HttpResponse};
use crate::xml::{EncodeError, ReadOptions, XmlContent, XmlContentWrite, XmlRoot, XmlWrite};

/// A decoded request.
#[derive(Debug, Clone, PartialEq)]
pub struct SoapRequest<H, B> {
    /// The envelope's SOAP version (answer in the same one).
    pub version: SoapVersion,
    /// `SOAPAction` (1.1) or the `action` parameter (1.2), when sent.
    pub action: Option<String>,
    /// The header blocks the set took.
    pub headers: H,
    /// The body payload.
    pub body: B,
}

/// Decodes a request from its HTTP headers and body. `B` is the port's request content model
/// (a `#[xml(choice)]` enum of its input elements), `H` the header set.
///
/// On failure the returned fault is ready to send with [`fault_response`]: `VersionMismatch`
/// for a non-envelope or an envelope of the other version than the Content-Type announces,
/// `MustUnderstand` for unknown mandatory headers, a sender fault otherwise.
pub fn decode_request<H, B>(
    http_headers: &Headers,
    body: &[u8],
    read: &ReadOptions,
) -> Result<SoapRequest<H, B>, Box<Fault<NoDetail>>>
where
    H: ReadHeaders,
    B: XmlContent,
{
    let announced = http_headers
        .get("content-type")
        .and_then(version_from_content_type);
    let reply_version = announced.unwrap_or_default();
    match envelope::decode_content::<H, B, NoDetail>(body, announced, read) {
        Ok(env) => match env.body {
            Body::Payload(payload) => Ok(SoapRequest {
                version: env.version,
                action: request_action(env.version, http_headers),
                headers: env.headers,
                body: payload,
            }),
            Body::Fault(_) => Err(Box::new(Fault::new(
                env.version,
                FaultSide::Sender,
                "a Fault is not a request",
            ))),
        },
        Err(EnvelopeError::VersionMismatch { found_version, .. }) => {
            let version = announced.or(found_version).unwrap_or_default();
            let mut fault = Fault::new(version, FaultSide::Sender, "");
            let code = FaultCode::new(version.envelope_ns(), "VersionMismatch");
            let reason = match (announced, found_version) {
                (Some(a), Some(f)) => {
                    format!("the Content-Type announces {a} but the envelope is {f}")
                }
                _ => "the request is not a SOAP 1.1 or 1.2 envelope".to_owned(),
            };
            set_code_and_reason(&mut fault, code, reason);
            Err(Box::new(fault))
        }
        Err(EnvelopeError::MustUnderstand { version, header }) => {
            let mut fault = Fault::new(version, FaultSide::Sender, "");
            let code = FaultCode::new(version.envelope_ns(), "MustUnderstand");
            set_code_and_reason(
                &mut fault,
                code,
                format!("header block {header} is not understood"),
            );
            Err(Box::new(fault))
        }
        Err(EnvelopeError::Decode(e)) => Err(Box::new(Fault::new(
            reply_version,
            FaultSide::Sender,
            format!("invalid request: {e}"),
        ))),
    }
}

fn set_code_and_reason(fault: &mut Fault<NoDetail>, code: FaultCode, reason: String) {
    match fault {
        Fault::V11(f) => {
            f.code = code;
            f.string = reason;
        }
        Fault::V12(f) => {
            f.code = code;
            if let Some(first) = f.reason.first_mut() {
                first.text = reason;
            }
        }
    }
}

/// The Content-Type of a response in `version`.
pub fn response_content_type(version: SoapVersion) -> &'static str {
    match version {
        SoapVersion::Soap11 => SOAP11_CONTENT_TYPE,
        SoapVersion::Soap12 => SOAP12_CONTENT_TYPE,
    }
}

fn ok_response(version: SoapVersion, envelope: Vec<u8>) -> HttpResponse {
    HttpResponse::new(200, envelope).with_header("Content-Type", response_content_type(version))
}

/// A 200 response carrying `body` as the payload.
pub fn response<B: XmlWrite + XmlRoot + 'static>(
    version: SoapVersion,
    headers: &[&dyn WriteHeader],
    body: &B,
) -> Result<HttpResponse, EncodeError> {
    Ok(ok_response(
        version,
        envelope::encode(version, headers, body)?,
    ))
}

/// A 200 response carrying one element of the content model `B` (a response enum).
pub fn response_content<B: XmlContentWrite>(
    version: SoapVersion,
    headers: &[&dyn WriteHeader],
    body: &B,
) -> Result<HttpResponse, EncodeError> {
    Ok(ok_response(
        version,
        envelope::encode_content(version, headers, body)?,
    ))
}

/// The HTTP status for a fault: 500, except 400 for SOAP 1.2 sender faults (SOAP 1.2 HTTP
/// binding, table 20).
pub fn fault_status<F>(fault: &Fault<F>) -> u16 {
    match (fault.version(), fault.side()) {
        (SoapVersion::Soap12, Some(FaultSide::Sender)) => 400,
        _ => 500,
    }
}

/// The HTTP response for `fault`. Never fails: when the fault itself cannot be written (a
/// detail holding characters XML cannot carry), a receiver fault saying so is sent instead.
pub fn fault_response<F: XmlContentWrite>(fault: &Fault<F>) -> HttpResponse {
    let version = fault.version();
    let body = envelope::encode_fault(fault, &[]).or_else(|e| {
        let fallback: Fault<NoDetail> = Fault::new(
            version,
            FaultSide::Receiver,
            format!("the fault could not be encoded: {e}"),
        );
        envelope::encode_fault(&fallback, &[])
    });
    match body {
        Ok(body) => HttpResponse::new(fault_status(fault), body)
            .with_header("Content-Type", response_content_type(version)),
        // Unreachable in practice (the fallback holds only our own text), but an empty 500 is
        // still a truthful answer.
        Err(_) => HttpResponse::new(500, Vec::new()),
    }
}
