use soapstone::XmlRead;

#[derive(XmlRead)]
#[xml(root = "A", nss = "urn:a")]
struct A {
    #[xml(elemnt = "B")]
    b: String,
}

fn main() {}
