//! Runtime support for the `SoapHeaders` and `SoapEnvelope` derives: the header-set trait the
//! derived structs implement, the field-level helpers the generated code calls, and the error
//! of a derived envelope's `from_xml`.
//!
//! The derives only glue fields to these functions and to the envelope functions of
//! [`super`]; the SOAP rules (attribute spelling per version, which blocks are addressed to
//! this node, mustUnderstand refusal) live here and in `header.rs`/`envelope.rs`.

use super::SoapVersion;
use super::envelope::EnvelopeError;
use super::fault::Fault;
use super::header::{HeaderAttributes, ReadHeaders, WriteHeader, write_with_attributes};
use crate::xml::{EncodeError, XmlRoot, XmlWrite, XmlWriter};

/// A typed set of header blocks: writes its blocks (as one [`WriteHeader`] that emits every
/// present block in field order) and reads them back (as a [`ReadHeaders`] set).
/// `#[derive(SoapHeaders)]` implements it.
pub trait SoapHeaderSet: WriteHeader + ReadHeaders {
    /// How many blocks [`WriteHeader::write_header`] writes (absent `Option`s and empty `Vec`s
    /// count nothing).
    fn block_count(&self) -> usize;

    /// The set as the header list of [`call`](super::call) / [`prepare_request`](super::prepare_request)
    /// / [`encode`](super::encode): empty when there is no block, so no empty `Header` element
    /// is written.
    fn as_header_list(&self) -> Vec<&dyn WriteHeader>
    where
        Self: Sized,
    {
        if self.block_count() == 0 {
            Vec::new()
        } else {
            vec![self as &dyn WriteHeader]
        }
    }
}

/// Writes one header block with the SOAP attributes a derive field declares:
/// `mustUnderstand` (`1` in 1.1, `true` in 1.2), `role` (written as `actor` in 1.1) and
/// `relay` (1.2 only). With no attribute the block is written as a plain block.
pub fn write_header_field<T: XmlWrite + XmlRoot + 'static>(
    value: &T,
    w: &mut XmlWriter,
    version: SoapVersion,
    must_understand: bool,
    role: Option<&str>,
    relay: bool,
) -> Result<(), EncodeError> {
    write_with_attributes(value, w, version, must_understand, role, relay)
}

/// Whether a typed header field takes a block with these SOAP attributes: blocks addressed to
/// this node (no actor/role, `next`, the ultimate receiver) and, when the field declares a
/// role, blocks targeted at exactly that role URI (this node plays it). Blocks for other
/// roles pass this node by.
pub fn header_field_takes(attrs: &HeaderAttributes, field_role: Option<&str>) -> bool {
    attrs.for_us || (field_role.is_some() && attrs.role.as_deref() == field_role)
}

/// Why a `#[derive(SoapEnvelope)]` message could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MessageError<F> {
    /// The body held a fault; its detail is decoded into `F` where it matches.
    #[error("SOAP fault: {0}")]
    Fault(Box<Fault<F>>),
    /// Malformed XML, content that does not fit the types (with element path and
    /// line:column), the wrong SOAP version, or a mustUnderstand block not understood.
    #[error(transparent)]
    Envelope(#[from] EnvelopeError),
    /// A header field that is neither `Option` nor `Vec` found no block.
    #[error("missing header block {header}")]
    MissingHeader {
        /// The block's name, `{namespace}local`.
        header: String,
    },
}

impl<F> MessageError<F> {
    /// The fault, when the body held one.
    pub fn fault(&self) -> Option<&Fault<F>> {
        match self {
            MessageError::Fault(f) => Some(f),
            _ => None,
        }
    }
}
