//! Pass 2a: XML Schema documents → schema components, merged across all loaded documents and
//! keyed by qualified name.
//!
//! The components mirror XSD 1.0 closely (a particle tree, attribute uses, facets); nothing is
//! simplified here, so later passes can decide how each construct maps to Rust.

mod parse;

use std::collections::BTreeMap;
use std::fmt;

use crate::diagnostics::Location;

pub use parse::parse_schemas;

/// A qualified name: namespace URI (empty = none) and local name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct QName {
    /// Namespace URI.
    pub ns: String,
    /// Local name.
    pub local: String,
}

impl QName {
    /// Builds a name.
    pub fn new(ns: impl Into<String>, local: impl Into<String>) -> Self {
        QName {
            ns: ns.into(),
            local: local.into(),
        }
    }
}

impl fmt::Display for QName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ns.is_empty() {
            f.write_str(&self.local)
        } else {
            write!(f, "{{{}}}{}", self.ns, self.local)
        }
    }
}

/// All components of all loaded schemas.
#[derive(Debug, Clone, Default)]
pub struct SchemaSet {
    /// Named simple and complex types.
    pub types: BTreeMap<QName, TypeDef>,
    /// Global element declarations.
    pub elements: BTreeMap<QName, ElementDecl>,
    /// Global attribute declarations.
    pub attributes: BTreeMap<QName, AttributeDecl>,
    /// Named model groups.
    pub groups: BTreeMap<QName, GroupDef>,
    /// Named attribute groups.
    pub attribute_groups: BTreeMap<QName, AttributeGroupDef>,
}

/// A simple or complex type definition.
#[derive(Debug, Clone, PartialEq)]
// Built once per definition and matched everywhere; boxing the larger variant would only add
// an indirection to every match.
#[allow(clippy::large_enum_variant)]
pub enum TypeDef {
    /// `xs:simpleType`.
    Simple(SimpleType),
    /// `xs:complexType`.
    Complex(ComplexType),
}

impl TypeDef {
    /// Where it is defined.
    pub fn loc(&self) -> &Location {
        match self {
            TypeDef::Simple(s) => &s.loc,
            TypeDef::Complex(c) => &c.loc,
        }
    }
}

/// A reference to a type: by name, or an anonymous definition in place.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    /// `type="q:Name"` / `base="q:Name"`.
    Named(QName, Location),
    /// An anonymous `xs:simpleType` / `xs:complexType` child.
    Inline(Box<TypeDef>),
}

/// `xs:simpleType`.
#[derive(Debug, Clone, PartialEq)]
pub struct SimpleType {
    /// The name of a global type, `None` when anonymous.
    pub name: Option<QName>,
    /// Where it is defined.
    pub loc: Location,
    /// `xs:documentation`.
    pub doc: Option<String>,
    /// Restriction, list or union.
    pub variety: SimpleVariety,
}

/// How a simple type is derived.
#[derive(Debug, Clone, PartialEq)]
pub enum SimpleVariety {
    /// `xs:restriction` of a base with facets.
    Restriction {
        /// The base type.
        base: TypeRef,
        /// The facets.
        facets: Box<Facets>,
    },
    /// `xs:list`.
    List {
        /// The item type.
        item: TypeRef,
    },
    /// `xs:union`.
    Union {
        /// Member types, `memberTypes` first, then inline ones.
        members: Vec<TypeRef>,
    },
}

/// Constraining facets.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Facets {
    /// `xs:enumeration` values in schema order.
    pub enumeration: Vec<EnumValue>,
    /// `xs:pattern` values (several patterns in one step are alternatives).
    pub patterns: Vec<String>,
    /// `xs:length`.
    pub length: Option<u64>,
    /// `xs:minLength`.
    pub min_length: Option<u64>,
    /// `xs:maxLength`.
    pub max_length: Option<u64>,
    /// `xs:minInclusive`.
    pub min_inclusive: Option<String>,
    /// `xs:maxInclusive`.
    pub max_inclusive: Option<String>,
    /// `xs:minExclusive`.
    pub min_exclusive: Option<String>,
    /// `xs:maxExclusive`.
    pub max_exclusive: Option<String>,
    /// `xs:totalDigits`.
    pub total_digits: Option<u32>,
    /// `xs:fractionDigits`.
    pub fraction_digits: Option<u32>,
    /// `xs:whiteSpace`.
    pub white_space: Option<String>,
}

/// One `xs:enumeration`.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// The literal.
    pub value: String,
    /// Its documentation.
    pub doc: Option<String>,
}

/// `xs:complexType`.
#[derive(Debug, Clone, PartialEq)]
pub struct ComplexType {
    /// The name of a global type, `None` when anonymous.
    pub name: Option<QName>,
    /// Where it is defined.
    pub loc: Location,
    /// `xs:documentation`.
    pub doc: Option<String>,
    /// `abstract="true"`.
    pub is_abstract: bool,
    /// `mixed="true"` on the type or its complexContent.
    pub mixed: bool,
    /// The content model.
    pub content: Content,
    /// Attribute uses and attribute group references declared here (not inherited).
    pub attributes: Vec<AttrItem>,
    /// `xs:anyAttribute` declared here.
    pub any_attribute: Option<Wildcard>,
}

/// The content of a complex type.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// No particle at all (attributes only, or nothing).
    Empty,
    /// A particle without derivation (the common case).
    Particle(Particle),
    /// `xs:simpleContent` with an extension or a restriction of `base`.
    Simple {
        /// Extension or restriction.
        derivation: Derivation,
        /// The base type (simple, or complex with simple content).
        base: QName,
        /// Where `base` is named.
        base_loc: Location,
        /// Facets of a restriction.
        facets: Box<Facets>,
    },
    /// `xs:complexContent` with an extension or a restriction of `base`.
    Complex {
        /// Extension or restriction.
        derivation: Derivation,
        /// The base type.
        base: QName,
        /// Where `base` is named.
        base_loc: Location,
        /// The particle added (extension) or the complete restricted particle (restriction).
        particle: Option<Particle>,
    },
}

/// Extension or restriction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Derivation {
    /// `xs:extension`.
    Extension,
    /// `xs:restriction`.
    Restriction,
}

/// `maxOccurs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MaxOccurs {
    /// A number.
    Bounded(u32),
    /// `unbounded`.
    Unbounded,
}

/// A particle: a term with an occurrence range.
#[derive(Debug, Clone, PartialEq)]
pub struct Particle {
    /// `minOccurs`.
    pub min: u32,
    /// `maxOccurs`.
    pub max: MaxOccurs,
    /// What occurs.
    pub term: Term,
    /// Where it is declared.
    pub loc: Location,
}

impl Particle {
    /// Whether more than one occurrence is allowed.
    pub fn is_repeated(&self) -> bool {
        !matches!(self.max, MaxOccurs::Bounded(0 | 1))
    }
}

/// The term of a particle.
#[derive(Debug, Clone, PartialEq)]
pub enum Term {
    /// A local element declaration.
    Element(Box<ElementDecl>),
    /// `xs:element ref=`.
    ElementRef(QName),
    /// A nested sequence, choice or all.
    Group(ModelGroup),
    /// `xs:group ref=`.
    GroupRef(QName),
    /// `xs:any`.
    Any(Wildcard),
}

/// Sequence, choice or all, with its particles.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelGroup {
    /// The compositor.
    pub compositor: Compositor,
    /// The particles in schema order.
    pub particles: Vec<Particle>,
}

/// A model group compositor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Compositor {
    /// `xs:sequence`.
    Sequence,
    /// `xs:choice`.
    Choice,
    /// `xs:all`.
    All,
}

/// `xs:any` / `xs:anyAttribute`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wildcard {
    /// The `namespace` attribute as written (`##any` when absent).
    pub namespace: String,
    /// `processContents` (`strict` when absent).
    pub process_contents: String,
    /// The target namespace of the schema declaring it (what `##targetNamespace` and
    /// `##other` refer to).
    pub target_namespace: String,
    /// Where it is declared.
    pub loc: Location,
}

/// An element declaration (global, or local with its name already qualified by `form`).
#[derive(Debug, Clone, PartialEq)]
pub struct ElementDecl {
    /// The qualified name on the wire.
    pub name: QName,
    /// Where it is declared.
    pub loc: Location,
    /// `xs:documentation`.
    pub doc: Option<String>,
    /// `type=` or an anonymous type; `None` means `xs:anyType` (or the head's type).
    pub type_ref: Option<TypeRef>,
    /// `nillable="true"`.
    pub nillable: bool,
    /// `default=`.
    pub default: Option<String>,
    /// `fixed=`.
    pub fixed: Option<String>,
    /// `abstract="true"`.
    pub is_abstract: bool,
    /// `substitutionGroup=` (a list in XSD 1.1, one name in 1.0).
    pub substitution_group: Vec<QName>,
}

/// An attribute declaration.
#[derive(Debug, Clone, PartialEq)]
pub struct AttributeDecl {
    /// The qualified name on the wire.
    pub name: QName,
    /// Where it is declared.
    pub loc: Location,
    /// `xs:documentation`.
    pub doc: Option<String>,
    /// `type=` or an anonymous simple type; `None` means `xs:anySimpleType`.
    pub type_ref: Option<TypeRef>,
    /// `default=`.
    pub default: Option<String>,
    /// `fixed=`.
    pub fixed: Option<String>,
}

/// `use=` of an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AttrUseKind {
    /// `optional` (the default).
    Optional,
    /// `required`.
    Required,
    /// `prohibited` (removes an inherited attribute in a restriction).
    Prohibited,
}

/// An attribute use or an attribute group reference.
#[derive(Debug, Clone, PartialEq)]
pub enum AttrItem {
    /// `xs:attribute`.
    Use(Box<AttrUse>),
    /// `xs:attributeGroup ref=`.
    GroupRef(QName, Location),
}

/// `xs:attribute` inside a type or attribute group.
#[derive(Debug, Clone, PartialEq)]
pub struct AttrUse {
    /// A local declaration or a reference to a global one.
    pub target: AttrTarget,
    /// `use=`.
    pub use_kind: AttrUseKind,
    /// `default=` on the use (overrides the declaration's).
    pub default: Option<String>,
    /// `fixed=` on the use.
    pub fixed: Option<String>,
    /// `wsdl:arrayType` (SOAP-encoded arrays): the item type and the dimensions suffix.
    pub array_type: Option<(QName, String)>,
    /// Where it is declared.
    pub loc: Location,
}

/// What an attribute use declares.
#[derive(Debug, Clone, PartialEq)]
pub enum AttrTarget {
    /// A local declaration.
    Local(AttributeDecl),
    /// `ref=`.
    Ref(QName),
}

/// `xs:group name=`.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupDef {
    /// The name.
    pub name: QName,
    /// Where it is defined.
    pub loc: Location,
    /// `xs:documentation`.
    pub doc: Option<String>,
    /// Its sequence, choice or all.
    pub group: ModelGroup,
}

/// `xs:attributeGroup name=`.
#[derive(Debug, Clone, PartialEq)]
pub struct AttributeGroupDef {
    /// The name.
    pub name: QName,
    /// Where it is defined.
    pub loc: Location,
    /// Its attribute uses and nested group references.
    pub items: Vec<AttrItem>,
    /// Its `xs:anyAttribute`.
    pub any_attribute: Option<Wildcard>,
}
