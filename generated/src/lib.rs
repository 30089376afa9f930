//! Checked-in soapstone bindings for the bundled chat WSDLs (`wsdl/`): the Oracle B2C Service
//! Chat SOAP API (site v1_1, site v1_2, chat server) and the Cisco ECE 11.6 chat API.
//!
//! Everything below `bindings/` is generated; regenerate it from the workspace root with
//!
//! ```text
//! cargo run -p soapstone-codegen -- generate wsdl/oracle/chat-server.wsdl \
//!     wsdl/oracle/chat-site-v1_1.wsdl wsdl/oracle/chat-site-v1_2.wsdl \
//!     wsdl/ece/ece-chat-11.6.wsdl -o generated/src/bindings
//! ```
//!
//! (`--check-unchanged` instead of writing fails when the files are stale.)
#![deny(warnings)]

// The bindings are prettyplease output compared byte for byte by the staleness test;
// rustfmt must leave them as generated.
#[rustfmt::skip]
pub mod bindings;
