//! Derive macros for soapstone: `XmlRead`, `XmlWrite`, `XmlText`, `SoapHeaders`, `SoapEnvelope`.
//!
//! The attribute grammar (`#[xml(...)]`) and the generated behaviour are specified in
//! `docs/xml-mapping.md`. Use the derives through the runtime crate (`soapstone::XmlRead`...),
//! which re-exports them; generated code names everything by absolute path (`::core`, `::std`,
//! and the runtime at `::soapstone` unless `#[xml(crate = "...")]` says otherwise).
//!
//! Layout (after serde_derive): `attr` parses and validates attributes collecting every error,
//! `model` builds the checked model of a type, `read`/`write`/`text` generate code.

mod attr;
mod model;
mod read;
mod soap;
mod text;
mod ty;
mod write;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Implements `soapstone::xml::XmlRead` (and `XmlRoot` with `#[xml(root = "..", ns = "..")]`,
/// `XmlContent` for content models). See `docs/xml-mapping.md`.
#[proc_macro_derive(XmlRead, attributes(xml))]
pub fn derive_xml_read(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match model::build(&input) {
        Ok(m) => read::expand(&m).into(),
        Err(e) => e.to_compile_error().into(),
    }
}

/// Implements `soapstone::xml::XmlWrite` (and `XmlContentWrite` for content models).
/// Both derives validate the attributes, so misuse is reported by each of them.
#[proc_macro_derive(XmlWrite, attributes(xml))]
pub fn derive_xml_write(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match model::build(&input) {
        Ok(m) => write::expand(&m).into(),
        Err(e) => e.to_compile_error().into(),
    }
}

/// Implements `soapstone::xml::XmlText` for enumerations, newtypes with facets, lists and
/// unions (and `TryFrom<Inner>` checking the facets for newtypes).
#[proc_macro_derive(XmlText, attributes(xml))]
pub fn derive_xml_text(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match text::expand(&input) {
        Ok(t) => t.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

/// Implements `soapstone::soap::{WriteHeader, ReadHeaders, SoapHeaderSet}` for a struct whose
/// fields (`Option<T>` / `Vec<T>`) are header blocks, with `#[soap(must_understand)]`,
/// `#[soap(actor = "..")]` / `#[soap(role = "..")]` and `#[soap(relay)]` per field. See the
/// "SOAP envelopes" section of `docs/xml-mapping.md`.
#[proc_macro_derive(SoapHeaders, attributes(soap))]
pub fn derive_soap_headers(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match soap::expand_headers(&input) {
        Ok(t) => t.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

/// Gives a struct describing a whole SOAP message (`#[soap(version = "1.1" | "1.2")]`, one
/// `#[soap(body)]` field, `#[soap(header)]` / `#[soap(headers)]` fields, optional
/// `#[soap(fault = "Type")]`) the methods `to_xml` and `from_xml`, built on the runtime's
/// envelope functions.
#[proc_macro_derive(SoapEnvelope, attributes(soap))]
pub fn derive_soap_envelope(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match soap::expand_envelope(&input) {
        Ok(t) => t.into(),
        Err(e) => e.to_compile_error().into(),
    }
}
