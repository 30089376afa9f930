//! soapstone: the runtime that soapstone-generated bindings depend on.
//!
//! - [`xml`]: the namespace-exact XML reader and writer, the mapping traits the derives
//!   implement ([`xml::XmlRead`], [`xml::XmlWrite`], [`xml::XmlText`], [`xml::XmlRoot`]),
//!   limits against hostile input, strict and lax decoding.
//! - [`types`]: lossless XSD value types (decimal, dateTime, duration, base64Binary, QName...).
//! - [`soap`]: SOAP 1.1/1.2 envelopes, typed faults, WS-Security UsernameToken.
//! - [`transport`]: HTTP transports (async and blocking), the WSDL HTTP binding, in-memory.
//! - [`server`]: the plumbing of generated servers (dispatch helpers) and an axum adapter
//!   (feature `axum`).
//!
//! The contract between generated code, the derives and this crate is written down in
//! `docs/xml-mapping.md`. The derives are re-exported here, so generated code and hand-written
//! types need this one dependency: `#[derive(soapstone::XmlRead, soapstone::XmlWrite)]`.
//!
//! A hand-written header block (the README shows the same example):
//!
//! ```
//! use soapstone::{XmlRead, XmlWrite};
//! use soapstone::xml::ReadOptions;
//!
//! #[derive(Debug, PartialEq, XmlRead, XmlWrite)]
//! #[xml(root = "ChatClientInfoHeader", ns = "urn:messages.common.chat.ws.rightnow.com/v1")]
//! pub struct ChatClientInfoHeader {
//!     #[xml(element = "AppID", ns = "urn:messages.common.chat.ws.rightnow.com/v1")]
//!     pub app_id: String,
//!     #[xml(element = "SessionID", ns = "urn:messages.common.chat.ws.rightnow.com/v1")]
//!     pub session_id: Option<String>,
//! }
//!
//! // Any prefix (or none) works: names are matched by namespace URI.
//! let xml = r#"<n0:ChatClientInfoHeader xmlns:n0="urn:messages.common.chat.ws.rightnow.com/v1">
//!   <n0:AppID>Sample Chat Client</n0:AppID>
//! </n0:ChatClientInfoHeader>"#;
//! let header: ChatClientInfoHeader = soapstone::xml::from_str(xml, &ReadOptions::default())?;
//! assert_eq!(header.app_id, "Sample Chat Client");
//! assert_eq!(header.session_id, None);
//!
//! // Strict by default: an unknown element is an error naming the element path.
//! let extra = r#"<ChatClientInfoHeader xmlns="urn:messages.common.chat.ws.rightnow.com/v1">
//!   <AppID>a</AppID><Unexpected/>
//! </ChatClientInfoHeader>"#;
//! let err = soapstone::xml::from_str::<ChatClientInfoHeader>(extra, &ReadOptions::strict())
//!     .unwrap_err();
//! assert!(err.to_string().contains("Unexpected"), "{err}");
//! // ... and lax mode skips it.
//! let lax: ChatClientInfoHeader = soapstone::xml::from_str(extra, &ReadOptions::lax())?;
//! assert_eq!(lax.app_id, "a");
//!
//! let written = soapstone::xml::to_string(&header)?;
//! assert!(written.contains("Sample Chat Client"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod server;
pub mod soap;
pub mod transport;
pub mod types;
pub mod xml;

pub use soapstone_macros::{SoapEnvelope, SoapHeaders, XmlRead, XmlText, XmlWrite};
