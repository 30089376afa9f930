use soapstone::XmlText;

#[derive(XmlText)]
enum NotUnit {
    A(String),
}

#[derive(XmlText)]
#[xml(pattern = "[a-")]
struct BadPattern(String);

#[derive(XmlText)]
#[xml(list)]
struct NotAVec(String);

#[derive(XmlText)]
#[xml(min_length = "two")]
struct BadFacet(String);

#[derive(XmlText)]
#[xml(nillable)]
struct NilText(String);

fn main() {}
