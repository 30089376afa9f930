use soapstone::xml::Nillable;
use soapstone::{XmlRead, XmlWrite};

// No root name: `nillable` on a type is a global element.
#[derive(XmlRead)]
#[xml(nillable)]
struct NoRoot(Nillable<String>);

// The field must be `Nillable<T>`.
#[derive(XmlRead)]
#[xml(root = "a", ns = "urn:t", nillable)]
struct NotNillable(String);

// Named fields: the content belongs to the inner type.
#[derive(XmlWrite)]
#[xml(root = "b", ns = "urn:t", nillable)]
struct Named {
    #[xml(text)]
    value: String,
}

// Other container attributes describe content, which the inner type owns.
#[derive(XmlRead)]
#[xml(root = "c", ns = "urn:t", nillable, mixed)]
struct WithMixed(Nillable<String>);

// The field takes no attribute.
#[derive(XmlRead)]
#[xml(root = "d", ns = "urn:t", nillable)]
struct FieldAttr(#[xml(text)] Nillable<String>);

// Only structs.
#[derive(XmlRead)]
#[xml(choice, nillable)]
enum E {
    #[xml(element = "x")]
    X(String),
}

fn main() {}
