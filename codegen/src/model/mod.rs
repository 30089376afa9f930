//! The intermediate model: plain data ready for emission. Types refer to each other by
//! [`TypeId`]; every collection that reaches the output is ordered.

use std::collections::BTreeMap;

use crate::xsd::QName;

/// A handle to a type in [`Model::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub u32);

/// Everything to emit.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// Rust modules by name; one per target namespace.
    pub modules: BTreeMap<String, Module>,
    /// All types.
    pub types: BTreeMap<TypeId, RustType>,
    /// Bindings with their operations, by Rust module name of the binding.
    pub bindings: Vec<BindingModel>,
}

/// A Rust module.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Module {
    /// The namespace it holds (empty = no namespace).
    pub namespace: String,
    /// Documentation (from `wsdl:documentation`).
    pub doc: Option<String>,
}

/// A generated Rust type.
#[derive(Debug, Clone, PartialEq)]
pub struct RustType {
    /// The module it lives in.
    pub module: String,
    /// The Rust identifier (unique within the module).
    pub name: String,
    /// Documentation.
    pub doc: Option<String>,
    /// The shape.
    pub kind: TypeKind,
}

/// The shape of a type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// A struct deriving `XmlRead`/`XmlWrite`.
    Struct(StructType),
    /// A `#[xml(choice)]` enum.
    Choice(ChoiceType),
    /// A `#[xml(polymorphic)]` enum selected by `xsi:type`.
    Polymorphic(PolymorphicType),
    /// A unit-variant enumeration deriving `XmlText`.
    Enumeration(EnumerationType),
    /// A newtype over a simple type with facets, deriving `XmlText`.
    Newtype(NewtypeType),
    /// `pub type X = Y;` (a restriction without facets).
    Alias(TypeExpr),
    /// `#[xml(list)]` newtype over a `Vec`.
    List(TypeExpr),
    /// `#[xml(union)]` enum.
    Union(UnionType),
    /// A `nillable="true"` global element: `#[xml(root = .., nillable)]` newtype over
    /// `Nillable<inner>`.
    NillableRoot(NillableRootType),
}

/// A nillable global element.
#[derive(Debug, Clone, PartialEq)]
pub struct NillableRootType {
    /// The global element.
    pub root: QName,
    /// The element's type: what a non-nil root holds.
    pub inner: TypeExpr,
}

/// A reference to a Rust type from a field or variant.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeExpr {
    /// A generated type.
    Named(TypeId),
    /// A path inside the runtime crate, e.g. `types::Decimal` (prefixed with the runtime path).
    Runtime(&'static str),
    /// A full path, e.g. `::std::string::String` or a user override.
    Path(String),
}

/// How often a field occurs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Occurs {
    /// Exactly once.
    One,
    /// `Option<T>`.
    Optional,
    /// `Vec<T>`.
    Many,
}

/// A struct.
#[derive(Debug, Clone, PartialEq)]
pub struct StructType {
    /// `root`: the global element this struct is.
    pub root: Option<QName>,
    /// `type_name`: the XSD type this struct is.
    pub type_name: Option<QName>,
    /// `#[xml(mixed)]`.
    pub mixed: bool,
    /// `#[xml(group)]`: the inline content of a model group, used through `flatten`.
    pub group: bool,
    /// `#[xml(all)]`: `xs:all` content, children in any order.
    pub all: bool,
    /// `#[xml(array_rank = N)]`: a SOAP-encoded array (from `wsdl:arrayType`) whose
    /// `soapenc:arrayType` size is checked against its members on read.
    pub array_rank: Option<u32>,
    /// Fields in schema order.
    pub fields: Vec<Field>,
}

/// A struct field.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The Rust identifier.
    pub name: String,
    /// What it maps to.
    pub kind: FieldKind,
    /// The item type.
    pub ty: TypeExpr,
    /// Occurrence.
    pub occurs: Occurs,
    /// `Box` around the item (cycles).
    pub boxed: bool,
    /// `Nillable<T>` around the item.
    pub nillable: bool,
    /// Documentation.
    pub doc: Option<String>,
}

/// What a field maps to on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    /// A child element.
    Element {
        /// Its name.
        name: QName,
        /// `default=`.
        default: Option<String>,
        /// `fixed=`.
        fixed: Option<String>,
    },
    /// An attribute.
    Attribute {
        /// Its name.
        name: QName,
        /// `default=`.
        default: Option<String>,
        /// `fixed=`.
        fixed: Option<String>,
    },
    /// Simple content.
    Text,
    /// The inline content of a group struct.
    Flatten,
    /// An inline choice enum.
    Choice,
    /// `xs:any`.
    Any {
        /// The `namespace` constraint, `None` for `##any`.
        namespace: Option<String>,
        /// The target namespace `##other` is relative to (set when the constraint uses it).
        target_ns: Option<String>,
    },
    /// `xs:anyAttribute`.
    AnyAttribute,
    /// The whole content of a mixed type.
    Mixed,
}

/// A choice enum.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceType {
    /// Variants in schema order.
    pub variants: Vec<ChoiceVariant>,
}

/// A choice variant.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceVariant {
    /// The Rust identifier.
    pub name: String,
    /// What it matches.
    pub kind: VariantKind,
    /// The payload type.
    pub ty: TypeExpr,
    /// `Box` around the payload (cycles).
    pub boxed: bool,
    /// Documentation.
    pub doc: Option<String>,
}

/// What a choice variant matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VariantKind {
    /// One element.
    Element(QName),
    /// One element with more to say than [`VariantKind::Element`].
    ElementOf {
        /// Its name.
        name: QName,
        /// A repeated element (`maxOccurs` > 1 on a branch of a single choice): the payload is
        /// `Vec<T>` holding every occurrence, so the choice itself stays single.
        many: bool,
        /// `nillable="true"`: the payload is `Nillable<T>`.
        nillable: bool,
        /// `default=` (simple types and simple-content structs only).
        default: Option<String>,
        /// `fixed=` (likewise).
        fixed: Option<String>,
    },
    /// A sequence (group struct).
    Flatten,
    /// `xs:any`.
    Any {
        /// The `namespace` constraint, `None` for `##any`.
        namespace: Option<String>,
        /// The target namespace `##other` is relative to (set when the constraint uses it).
        target_ns: Option<String>,
    },
}

/// An xsi:type-polymorphic enum.
#[derive(Debug, Clone, PartialEq)]
pub struct PolymorphicType {
    /// `root`: the global element this enum is (an element whose type has derived types).
    pub root: Option<QName>,
    /// Variants: the base type (if not abstract) first, then derived types by name.
    pub variants: Vec<PolymorphicVariant>,
}

/// One variant of a polymorphic enum.
#[derive(Debug, Clone, PartialEq)]
pub struct PolymorphicVariant {
    /// The Rust identifier.
    pub name: String,
    /// The XSD type name written as `xsi:type`.
    pub type_name: QName,
    /// Whether this is the base type (read when `xsi:type` is absent).
    pub base: bool,
    /// The struct.
    pub ty: TypeId,
    /// `Box` around the payload (cycles).
    pub boxed: bool,
}

/// An enumeration.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumerationType {
    /// Values in schema order.
    pub values: Vec<EnumerationValue>,
}

/// One enumeration value.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumerationValue {
    /// The Rust identifier.
    pub name: String,
    /// The literal.
    pub value: String,
    /// Documentation.
    pub doc: Option<String>,
}

/// A newtype with facets.
#[derive(Debug, Clone, PartialEq)]
pub struct NewtypeType {
    /// The wrapped type.
    pub inner: TypeExpr,
    /// Facets as `(attribute name, literal)`: string literals for patterns and bounds,
    /// integers for lengths and digits.
    pub facets: Vec<(String, FacetValue)>,
}

/// A facet literal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FacetValue {
    /// A string literal.
    Str(String),
    /// An integer literal.
    Int(u64),
}

/// A union.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionType {
    /// Members in schema order: `(variant name, type)`.
    pub members: Vec<(String, TypeExpr)>,
}

/// The operations of one binding.
#[derive(Debug, Clone, PartialEq)]
pub struct BindingModel {
    /// Module of the binding's namespace.
    pub module: String,
    /// Rust name of the binding's own sub-module.
    pub name: String,
    /// The binding's name.
    pub binding: QName,
    /// The port type's name.
    pub port_type: QName,
    /// Documentation (port type).
    pub doc: Option<String>,
    /// Protocol, `None` when unknown.
    pub protocol: Option<crate::wsdl::Protocol>,
    /// Ports using this binding: `(service, port, address)`.
    pub endpoints: Vec<(String, String, String)>,
    /// Operations in binding order.
    pub operations: Vec<OperationModel>,
}

/// One operation.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationModel {
    /// The operation name.
    pub name: String,
    /// The Rust module name for it.
    pub rust_name: String,
    /// Documentation.
    pub doc: Option<String>,
    /// `soapAction` (SOAP 1.1) / `action` (SOAP 1.2).
    pub soap_action: Option<String>,
    /// The effective style (operation over binding).
    pub style: crate::wsdl::Style,
    /// HTTP binding location.
    pub http_location: Option<String>,
    /// Request.
    pub input: Option<MessageModel>,
    /// Response (`None` for one-way).
    pub output: Option<MessageModel>,
    /// Faults: `(fault name, rust alias name, element type)`.
    pub faults: Vec<FaultModel>,
}

/// A request or response.
#[derive(Debug, Clone, PartialEq)]
pub struct MessageModel {
    /// `use="encoded"`.
    pub encoded: bool,
    /// `soap:body namespace=` (RPC).
    pub namespace: Option<String>,
    /// The body type: the element type for document style with one part, the generated
    /// wrapper struct for RPC style; `None` when there is no single body type.
    pub body: Option<TypeExpr>,
    /// Body parts: `(part name, wire element name, type)`.
    pub parts: Vec<PartModel>,
    /// Header blocks.
    pub headers: Vec<PartModel>,
    /// HTTP binding: `urlEncoded`, `urlReplacement`, MIME type.
    pub http: Option<HttpMessage>,
}

/// A message part bound to a type.
#[derive(Debug, Clone, PartialEq)]
pub struct PartModel {
    /// Part name.
    pub name: String,
    /// Rust type alias name for it.
    pub rust_name: String,
    /// The element name (document style / headers) or accessor name (RPC).
    pub element: QName,
    /// The Rust type.
    pub ty: TypeExpr,
}

/// HTTP binding details of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpMessage {
    /// `http:urlEncoded`.
    pub url_encoded: bool,
    /// `http:urlReplacement`.
    pub url_replacement: bool,
    /// MIME content type.
    pub content_type: Option<String>,
}

/// A fault.
#[derive(Debug, Clone, PartialEq)]
pub struct FaultModel {
    /// The fault name.
    pub name: String,
    /// Rust type alias name.
    pub rust_name: String,
    /// The detail element and type.
    pub detail: Option<PartModel>,
}
