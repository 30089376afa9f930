//! soapstone's line in the benchmarks: the generated chat-server bindings
//! (`soapstone-generated`) decoding and encoding the same whole envelopes as the other peers.
//!
//! Decoding goes through the public SOAP entry point a client uses,
//! [`soapstone::soap::decode_response`], in strict mode (`ReadOptions::default()`): the
//! envelope, its header blocks and the body payload are matched by namespace URI, required
//! elements are checked, unknown elements are errors.
//!
//! Encoding goes through [`soapstone::soap::encode_into`]: what [`soapstone::soap::encode`]
//! writes, appended to a caller's buffer reused across iterations (as the gSOAP driver and the
//! serde/yaserde `encode_into` do), without the `<?xml ...?>` declaration (no other peer
//! writes one, and the bench documents have none). `tests/soapstone.rs` checks that the rest
//! is byte for byte what `encode` writes.
//!
//! The Salesforce document is read with bindings generated from
//! `../shared/corpus/salesforce-partner/partner.wsdl` into [`crate::sf_partner`]: each record
//! is an `sObject` whose fields after `Id` are the schema's `xs:any`, kept as
//! `soapstone::xml::AnyElement` trees.

use soapstone::soap::{
    Body, EnvelopeError, NoDetail, SoapVersion, WriteHeader, XmlDeclaration, decode_response,
    encode_into,
};
use soapstone::xml::{EncodeError, ReadOptions, XmlRoot, XmlWrite};
pub use soapstone_generated::bindings::messages_common_chat_ws_rightnow_v1::ChatClientInfoHeaderElement;
pub use soapstone_generated::bindings::messages_enduser_chat_ws_rightnow_v1::{
    RequestChat, RetrieveMessagesResponse,
};

pub use crate::sf_partner::partner_soap_sforce::QueryResponse;

/// The header set a `RequestChat` envelope is read with: the chat client-info block.
pub type RequestChatHeaders = Option<ChatClientInfoHeaderElement>;

/// A decoded `RetrieveMessagesResponse` envelope (no header blocks expected).
#[derive(Debug, Clone, PartialEq)]
pub struct Retrieve {
    pub body: RetrieveMessagesResponse,
}

/// A decoded `RequestChat` envelope with its `ChatClientInfoHeader`.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestChatEnvelope {
    pub header: Option<ChatClientInfoHeaderElement>,
    pub body: RequestChat,
}

/// Why an envelope did not decode to the payload (a fault counts as a failure here: the bench
/// documents carry none).
#[derive(Debug, thiserror::Error)]
pub enum SoapstoneError {
    #[error(transparent)]
    Envelope(#[from] EnvelopeError),
    #[error("the body holds a SOAP fault: {0}")]
    Fault(String),
    #[error(transparent)]
    Encode(#[from] EncodeError),
}

fn payload<H, B>(
    env: soapstone::soap::Envelope<H, Body<B, NoDetail>>,
) -> Result<(H, B), SoapstoneError> {
    match env.body {
        Body::Payload(b) => Ok((env.headers, b)),
        Body::Fault(f) => Err(SoapstoneError::Fault(f.reason().to_owned())),
    }
}

/// Decodes a whole `RetrieveMessagesResponse` envelope (SOAP 1.1, strict).
pub fn decode_retrieve(bytes: &[u8]) -> Result<Retrieve, SoapstoneError> {
    let env = decode_response::<(), RetrieveMessagesResponse, NoDetail>(
        bytes,
        Some(SoapVersion::Soap11),
        &ReadOptions::default(),
    )?;
    let ((), body) = payload(env)?;
    Ok(Retrieve { body })
}

/// Decodes a whole `RequestChat` envelope with its header (SOAP 1.1, strict).
pub fn decode_request_chat(bytes: &[u8]) -> Result<RequestChatEnvelope, SoapstoneError> {
    let env = decode_response::<RequestChatHeaders, RequestChat, NoDetail>(
        bytes,
        Some(SoapVersion::Soap11),
        &ReadOptions::default(),
    )?;
    let (header, body) = payload(env)?;
    Ok(RequestChatEnvelope { header, body })
}

/// What `soapstone::soap::encode` writes (SOAP 1.1), without the XML declaration, appended to
/// `out`.
fn encode_envelope_into<B: XmlWrite + XmlRoot + 'static>(
    out: Vec<u8>,
    headers: &[&dyn WriteHeader],
    body: &B,
) -> Result<Vec<u8>, EncodeError> {
    encode_into(
        out,
        SoapVersion::Soap11,
        headers,
        body,
        XmlDeclaration::Omit,
    )
}

/// Appends the envelope of `v` to `out` (see the module documentation) and returns the buffer.
pub fn encode_retrieve_into(out: Vec<u8>, v: &Retrieve) -> Result<Vec<u8>, SoapstoneError> {
    Ok(encode_envelope_into(out, &[], &v.body)?)
}

/// Appends the envelope of `v`, with its header when present, to `out`.
pub fn encode_request_chat_into(
    out: Vec<u8>,
    v: &RequestChatEnvelope,
) -> Result<Vec<u8>, SoapstoneError> {
    let one: [&dyn WriteHeader; 1];
    let headers: &[&dyn WriteHeader] = match &v.header {
        Some(h) => {
            one = [h];
            &one
        }
        None => &[],
    };
    Ok(encode_envelope_into(out, headers, &v.body)?)
}

/// Decodes a whole Salesforce `queryResponse` envelope (SOAP 1.1, strict).
pub fn decode_sf(bytes: &[u8]) -> Result<QueryResponse, SoapstoneError> {
    let env = decode_response::<(), QueryResponse, NoDetail>(
        bytes,
        Some(SoapVersion::Soap11),
        &ReadOptions::default(),
    )?;
    let ((), body) = payload(env)?;
    Ok(body)
}

/// Appends the envelope of `v` to `out`.
pub fn encode_sf_into(out: Vec<u8>, v: &QueryResponse) -> Result<Vec<u8>, SoapstoneError> {
    Ok(encode_envelope_into(out, &[], v)?)
}
