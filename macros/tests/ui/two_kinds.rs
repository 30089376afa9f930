use soapstone::XmlRead;

#[derive(XmlRead)]
struct A {
    #[xml(element = "B", attribute = "b")]
    b: String,
    #[xml(text, flatten)]
    c: String,
}

fn main() {}
