//! The peers soapstone is measured against. Each decodes the bytes of a [`crate::docs::Document`]
//! into its own value type and encodes that value back; the limits do the least work possible.

pub mod limit;
pub mod qx_writer;
pub mod serde_qx;
pub mod yaserde_peer;
