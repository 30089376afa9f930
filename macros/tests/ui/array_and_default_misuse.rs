use soapstone::XmlRead;

// No `soapenc:arrayType` attribute field.
#[derive(XmlRead)]
#[xml(root = "A", array_rank = 2)]
struct NoArrayType {
    #[xml(element = "item")]
    item: Vec<i32>,
}

// Two content fields.
#[derive(XmlRead)]
#[xml(array_rank = 1)]
struct TwoMembers {
    #[xml(attribute = "arrayType", ns = "http://schemas.xmlsoap.org/soap/encoding/")]
    array_type: Option<String>,
    #[xml(element = "item")]
    item: Vec<i32>,
    #[xml(element = "extra")]
    extra: Option<i32>,
}

#[derive(XmlRead)]
#[xml(choice, array_rank = 1)]
enum OnAnEnum {
    #[xml(element = "A")]
    A(String),
}

#[derive(XmlRead)]
#[xml(array_rank = 0)]
struct RankZero {
    #[xml(attribute = "arrayType", ns = "http://schemas.xmlsoap.org/soap/encoding/")]
    array_type: Option<String>,
    #[xml(element = "item")]
    item: Vec<i32>,
}

#[derive(XmlRead)]
#[xml(choice)]
enum BadDefaults {
    #[xml(any, default = "x")]
    B(soapstone::xml::AnyElement),
    #[xml(element = "C", default = "1", fixed = "1")]
    C(i32),
}

fn main() {}
