use soapstone::XmlRead;

#[derive(XmlRead)]
#[xml(group)]
struct Group {
    #[xml(attribute = "a")]
    a: String,
    #[xml(element = "B")]
    b: String,
}

#[derive(XmlRead)]
#[xml(choice, all)]
enum AllEnum {
    #[xml(element = "B")]
    B(String),
}

#[derive(XmlRead)]
#[xml(ns = "urn:a")]
struct NsWithoutRoot {
    #[xml(any_attribute)]
    rest: Vec<String>,
    #[xml(mixed)]
    content: String,
}

fn main() {}
