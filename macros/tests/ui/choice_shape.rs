use soapstone::XmlRead;

#[derive(XmlRead)]
#[xml(choice)]
enum Choice {
    #[xml(element = "A")]
    A { value: String },
    #[xml(element = "B")]
    B,
    C(String),
}

#[derive(XmlRead)]
#[xml(choice)]
struct NotAnEnum {
    #[xml(element = "A")]
    a: String,
}

fn main() {}
