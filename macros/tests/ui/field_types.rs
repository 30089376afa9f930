use soapstone::XmlRead;
use soapstone::xml::Nillable;

#[derive(XmlRead)]
struct A {
    #[xml(element = "N", nillable)]
    n: String,
    #[xml(element = "M")]
    m: Nillable<String>,
    #[xml(attribute = "list")]
    list: Vec<String>,
    #[xml(any)]
    any: Vec<String>,
    #[xml(element = "D", default = "1", fixed = "2")]
    d: i32,
}

fn main() {}
