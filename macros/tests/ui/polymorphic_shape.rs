use soapstone::XmlRead;

#[derive(XmlRead)]
#[xml(polymorphic)]
enum Kind {
    #[xml(type_name = "Base", base)]
    Base(String),
    #[xml(type_name = "Other", base)]
    Other(String),
    #[xml(element = "X")]
    X(String),
}

#[derive(XmlRead)]
enum Neither {
    #[xml(element = "X")]
    X(String),
}

fn main() {}
