use soapstone::{SoapEnvelope, SoapHeaders, XmlRead, XmlWrite};

#[derive(XmlRead, XmlWrite)]
#[xml(root = "Ping", ns = "urn:t")]
struct Ping {
    #[xml(element = "M", ns = "urn:t")]
    m: String,
}

// A header block must be a global element type (`XmlRoot`); a string is not.
#[derive(Default, SoapHeaders)]
struct NotAnElement {
    note: Option<String>,
}

#[derive(SoapEnvelope)]
#[soap(version = "1.1")]
struct BodyNotAnElement {
    #[soap(body)]
    body: u32,
}

fn main() {}
