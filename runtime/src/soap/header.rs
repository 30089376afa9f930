//! SOAP header blocks: writing typed blocks (with mustUnderstand / actor / role) and reading
//! them into a caller-chosen set.

use super::SoapVersion;
use crate::xml::{
    AnyElement, DecodeError, EncodeError, QNameRef, StartTag, XmlRead, XmlReader, XmlRoot,
    XmlWrite, XmlWriter,
};

/// A header block the envelope writer can emit. Implemented for every global element type
/// (`T: XmlWrite + XmlRoot`, written under `T::NAME`), for [`HeaderBlock`] (the same with
/// SOAP attributes) and for the WS-Security header. Object-safe, so a call takes
/// `&[&dyn WriteHeader]` whatever the blocks' types.
pub trait WriteHeader {
    /// Writes the block as a child of `Header`.
    fn write_header(&self, w: &mut XmlWriter, version: SoapVersion) -> Result<(), EncodeError>;
}

impl<T: XmlWrite + XmlRoot + 'static> WriteHeader for T {
    fn write_header(&self, w: &mut XmlWriter, _version: SoapVersion) -> Result<(), EncodeError> {
        close_open_tag(w);
        w.predeclare_root::<T>();
        self.write_xml(w, T::NAME)
    }
}

/// Ends the start tag being written, so that namespaces declared next land on the next
/// element rather than on its parent (`XmlWriter` declares on the open start tag when there is
/// one). Writing no raw markup is how the writer's public API closes a start tag.
pub(crate) fn close_open_tag(w: &mut XmlWriter) {
    w.raw(&[]);
}

/// A typed header block with the SOAP header attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderBlock<T> {
    /// The block's value.
    pub value: T,
    /// `mustUnderstand="1"` (1.1) / `mustUnderstand="true"` (1.2).
    pub must_understand: bool,
    /// `actor` (1.1) / `role` (1.2) URI; `None` targets the ultimate receiver.
    pub role: Option<String>,
    /// `relay="true"` (SOAP 1.2 only; ignored for 1.1).
    pub relay: bool,
}

impl<T> HeaderBlock<T> {
    /// A block with `mustUnderstand` set.
    pub fn must_understand(value: T) -> Self {
        Self {
            value,
            must_understand: true,
            role: None,
            relay: false,
        }
    }

    /// A block without SOAP attributes.
    pub fn new(value: T) -> Self {
        Self {
            value,
            must_understand: false,
            role: None,
            relay: false,
        }
    }

    /// Targets the block at `role` (an actor URI in SOAP 1.1).
    pub fn with_role(mut self, role: impl Into<String>) -> Self {
        self.role = Some(role.into());
        self
    }
}

/// The SOAP attributes of a header block for `version`, in writing order.
pub(crate) fn soap_attributes(
    version: SoapVersion,
    must_understand: bool,
    role: Option<&str>,
    relay: bool,
) -> Vec<(&'static str, String)> {
    let mut attrs = Vec::new();
    if must_understand {
        let v = if version == SoapVersion::Soap11 {
            "1"
        } else {
            "true"
        };
        attrs.push(("mustUnderstand", v.to_owned()));
    }
    if let Some(role) = role {
        attrs.push((version.role_attribute(), role.to_owned()));
    }
    if relay && version == SoapVersion::Soap12 {
        attrs.push(("relay", "true".to_owned()));
    }
    attrs
}

impl<T: XmlWrite + XmlRoot + 'static> WriteHeader for HeaderBlock<T> {
    fn write_header(&self, w: &mut XmlWriter, version: SoapVersion) -> Result<(), EncodeError> {
        write_with_attributes(
            &self.value,
            w,
            version,
            self.must_understand,
            self.role.as_deref(),
            self.relay,
        )
    }
}

/// Writes `value` as a header block carrying the SOAP attributes (none: a plain block).
/// Shared by [`HeaderBlock`] and the `SoapHeaders`/`SoapEnvelope` derives' field attributes.
pub(crate) fn write_with_attributes<T: XmlWrite + XmlRoot + 'static>(
    value: &T,
    w: &mut XmlWriter,
    version: SoapVersion,
    must_understand: bool,
    role: Option<&str>,
    relay: bool,
) -> Result<(), EncodeError> {
    let attrs = soap_attributes(version, must_understand, role, relay);
    if attrs.is_empty() {
        return value.write_header(w, version);
    }
    // The SOAP attributes belong on the block's own start tag, which `write_xml` opens and
    // closes itself. The block is written to a scratch writer and the attributes are
    // spliced into its start tag; the envelope's prefix for the SOAP namespace is in scope
    // there. (An `XmlWriter` hook for "attributes of the next start tag" would remove this.)
    let mut scratch = XmlWriter::new();
    scratch.predeclare_root::<T>();
    value.write_xml(&mut scratch, T::NAME)?;
    let block = scratch.into_inner()?;
    let mut extra = Vec::new();
    for (local, attr_value) in attrs {
        extra.extend_from_slice(b" ");
        extra.extend_from_slice(version.prefix().as_bytes());
        extra.push(b':');
        extra.extend_from_slice(local.as_bytes());
        extra.extend_from_slice(b"=\"");
        crate::xml::escape_into(&mut extra, &attr_value, true)?;
        extra.push(b'"');
    }
    let name_end = block
        .iter()
        .position(|b| matches!(b, b' ' | b'/' | b'>'))
        .ok_or(EncodeError::State(
            "header block did not start with a start tag",
        ))?;
    let mut spliced = Vec::with_capacity(block.len() + extra.len());
    spliced.extend_from_slice(&block[..name_end]);
    spliced.extend_from_slice(&extra);
    spliced.extend_from_slice(&block[name_end..]);
    w.raw(&spliced);
    Ok(())
}

/// The SOAP attributes read from a header block.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HeaderAttributes {
    /// `mustUnderstand` is `1`/`true`.
    pub must_understand: bool,
    /// `actor` (1.1) / `role` (1.2).
    pub role: Option<String>,
    /// Whether the block is addressed to this node (no role, `next`, or the ultimate
    /// receiver). Typed header slots take only such blocks; others pass this node by.
    pub for_us: bool,
}

impl HeaderAttributes {
    /// Reads the SOAP attributes of `start` (in the envelope namespace of `version`).
    pub fn read(r: &XmlReader<'_>, start: &StartTag<'_>, version: SoapVersion) -> Self {
        let ns = version.envelope_ns();
        let mut out = Self::default();
        for a in r.attributes(start) {
            if a.name.ns != ns {
                continue;
            }
            match a.name.local {
                "mustUnderstand" => {
                    out.must_understand = matches!(a.value.trim(), "1" | "true");
                }
                local if local == version.role_attribute() => {
                    out.role = Some(a.value.trim().to_owned());
                }
                _ => {}
            }
        }
        out.for_us = out.targets_us(version);
        out
    }

    /// Whether the block is addressed to this node (no role, `next`, or the ultimate receiver).
    pub fn targets_us(&self, version: SoapVersion) -> bool {
        match self.role.as_deref() {
            None | Some("") => true,
            Some(role) => {
                role == version.next_role()
                    || role == "http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver"
            }
        }
    }
}

/// A set of header blocks read from an envelope. The envelope reader offers each block in
/// turn; an implementation reads the ones it knows and declines the rest (which are skipped,
/// or refused when they carry `mustUnderstand` and target this node).
///
/// Implemented for `()` (no known blocks), `Option<T>` for any global element type,
/// `Vec<AnyElement>` (every block, kept whole) and tuples of up to six sets. Generated code
/// uses a tuple of `Option`s of an operation's header types.
pub trait ReadHeaders: Default {
    /// Reads the block `start` when it is one of this set's (returns `true`, element
    /// consumed), or returns `false` without consuming anything.
    fn read_header(
        &mut self,
        r: &mut XmlReader<'_>,
        start: &StartTag<'_>,
        attrs: &HeaderAttributes,
    ) -> Result<bool, DecodeError>;
}

impl ReadHeaders for () {
    fn read_header(
        &mut self,
        _r: &mut XmlReader<'_>,
        _start: &StartTag<'_>,
        _attrs: &HeaderAttributes,
    ) -> Result<bool, DecodeError> {
        Ok(false)
    }
}

impl<T: XmlRead + XmlRoot> ReadHeaders for Option<T> {
    fn read_header(
        &mut self,
        r: &mut XmlReader<'_>,
        start: &StartTag<'_>,
        attrs: &HeaderAttributes,
    ) -> Result<bool, DecodeError> {
        if !start.matches(T::NAME) || !attrs.for_us {
            return Ok(false);
        }
        if self.is_some() {
            return Err(r.duplicate_element(start));
        }
        if !T::NILLABLE {
            crate::xml::__private::check_not_nil(r, start)?;
        }
        *self = Some(T::read_xml(r, start)?);
        Ok(true)
    }
}

impl ReadHeaders for Vec<AnyElement> {
    fn read_header(
        &mut self,
        r: &mut XmlReader<'_>,
        start: &StartTag<'_>,
        _attrs: &HeaderAttributes,
    ) -> Result<bool, DecodeError> {
        self.push(AnyElement::read_xml(r, start)?);
        Ok(true)
    }
}

macro_rules! tuple_read_headers {
    ($($name:ident)+) => {
        impl<$($name: ReadHeaders),+> ReadHeaders for ($($name,)+) {
            #[allow(non_snake_case)] // the tuple's fields are bound to the type parameters' names
            fn read_header(
                &mut self,
                r: &mut XmlReader<'_>,
                start: &StartTag<'_>,
                attrs: &HeaderAttributes,
            ) -> Result<bool, DecodeError> {
                let ($($name,)+) = self;
                $(
                    if $name.read_header(r, start, attrs)? {
                        return Ok(true);
                    }
                )+
                Ok(false)
            }
        }
    };
}

tuple_read_headers!(A);
tuple_read_headers!(A B);
tuple_read_headers!(A B C);
tuple_read_headers!(A B C D);
tuple_read_headers!(A B C D E);
tuple_read_headers!(A B C D E G);

/// The name of a header block, for error messages.
pub(crate) fn block_name(start: &StartTag<'_>) -> String {
    QNameRef::new(start.ns(), start.local()).to_string()
}
