use soapstone::XmlRead;

#[derive(XmlRead)]
struct A {
    #[xml(text)]
    value: String,
    #[xml(element = "B")]
    b: String,
}

fn main() {}
