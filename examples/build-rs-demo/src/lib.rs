//! soapstone from `build.rs`: `build.rs` turns the bundled Oracle chat server WSDL and the
//! Cisco ECE chat WSDL into Rust at build time, and this crate `include!`s the result. See
//! `README.md` in this directory.

/// The generated bindings: one module per target namespace (named in `build.rs`), each
/// binding's operations as constants and type aliases.
// The generated server adapters spell out `fn handle(..) -> impl Future<..> + Send` with an
// `async move` body to state the `Send` bound; clippy's `manual_async_fn` flags that style,
// and generated code is not ours to restyle here.
#[allow(clippy::manual_async_fn)]
pub mod chat {
    include!(concat!(env!("OUT_DIR"), "/soapstone.rs"));
}

use soapstone::soap::{self, Body, NoDetail, SoapVersion};
use soapstone::xml::ReadOptions;

pub use chat::ece::AgentAvailability;
pub use chat::enduser::{RetrieveMessagesResponse, SystemMessagesChoice};

/// Why a document could not be decoded.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    /// Not a SOAP envelope carrying the expected body.
    #[error("not a RetrieveMessagesResponse envelope: {0}")]
    Envelope(#[from] soap::EnvelopeError),
    /// The service answered with a SOAP fault.
    #[error("the service answered with a fault: {0}")]
    Fault(String),
    /// Not the expected XML document.
    #[error("not an agentAvailability document: {0}")]
    Document(#[from] soapstone::xml::DecodeError),
}

/// Decodes a SOAP 1.1 `RetrieveMessagesResponse` envelope, strictly.
pub fn decode_retrieve_messages(xml: &[u8]) -> Result<RetrieveMessagesResponse, DecodeError> {
    let envelope = soap::decode_response::<(), RetrieveMessagesResponse, NoDetail>(
        xml,
        Some(SoapVersion::Soap11),
        &ReadOptions::strict(),
    )?;
    match envelope.body {
        Body::Payload(body) => Ok(body),
        Body::Fault(fault) => Err(DecodeError::Fault(fault.to_string())),
    }
}

/// Decodes the XML body of an ECE `agentAvailability` response, strictly.
pub fn decode_agent_availability(xml: &str) -> Result<AgentAvailability, DecodeError> {
    Ok(soapstone::xml::from_str(xml, &ReadOptions::strict())?)
}

/// One line per system message, in document order.
pub fn transcript(response: &RetrieveMessagesResponse) -> Vec<String> {
    let messages = response.system_messages.iter().flat_map(|m| &m.choice);
    messages
        .map(|m| match m {
            SystemMessagesChoice::RnChatParticipantAddedMessage(m) => {
                let greeting = m.greeting.as_deref().unwrap_or("(no greeting)");
                format!("{} joined as {:?}: {greeting}", m.name, m.role)
            }
            SystemMessagesChoice::RnChatMessagePostedMessage(m) => {
                format!("message from client {}: {}", m.client_id, m.body)
            }
            other => format!("{other:?}"),
        })
        .collect()
}
