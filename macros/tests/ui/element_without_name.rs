use soapstone::XmlRead;

#[derive(XmlRead)]
struct A {
    #[xml(element, ns = "urn:a")]
    b: String,
    #[xml(attribute = "p:c")]
    c: String,
    d: String,
}

fn main() {}
