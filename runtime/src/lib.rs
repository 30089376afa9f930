//! soapstone: the runtime that soapstone-generated bindings depend on.
//!
//! - [`xml`]: the namespace-exact XML reader and writer, the mapping traits the derives
//!   implement ([`xml::XmlRead`], [`xml::XmlWrite`], [`xml::XmlText`], [`xml::XmlRoot`]),
//!   limits against hostile input, strict and lax decoding.
//! - [`types`]: lossless XSD value types (decimal, dateTime, duration, base64Binary, QName...).
//! - [`soap`]: SOAP 1.1/1.2 envelopes, typed faults, WS-Security UsernameToken.
//! - [`transport`]: HTTP transports (async and blocking), the WSDL HTTP binding, in-memory.
//!
//! The contract between generated code, the derives and this crate is written down in
//! `docs/xml-mapping.md`. The derives are re-exported here, so generated code and hand-written
//! types need this one dependency: `#[derive(soapstone::XmlRead, soapstone::XmlWrite)]`.

pub mod soap;
pub mod transport;
pub mod types;
pub mod xml;

pub use soapstone_macros::{XmlRead, XmlText, XmlWrite};
