use soapstone::{SoapEnvelope, SoapHeaders, XmlRead, XmlWrite};

#[derive(XmlRead, XmlWrite)]
#[xml(root = "Ping", ns = "urn:t")]
struct Ping {
    #[xml(element = "M", ns = "urn:t")]
    m: String,
}

#[derive(SoapEnvelope)]
#[soap(version = "1.1")]
struct NoBody {
    #[soap(header)]
    ping: Option<Ping>,
}

#[derive(SoapEnvelope)]
#[soap(version = "1.1")]
struct TwoBodies {
    #[soap(body)]
    first: Ping,
    #[soap(body)]
    second: Ping,
}

#[derive(SoapEnvelope)]
#[soap(version = "1.3")]
struct BadVersion {
    #[soap(body)]
    body: Ping,
}

#[derive(SoapEnvelope)]
struct NoVersion {
    #[soap(body)]
    body: Ping,
}

#[derive(SoapEnvelope)]
#[soap(version = "1.2")]
struct Unmarked {
    #[soap(body)]
    body: Ping,
    stray: Option<Ping>,
}

#[derive(SoapEnvelope)]
#[soap(version = "1.2")]
struct BodyAndHeader {
    #[soap(body, header)]
    body: Ping,
}

#[derive(SoapEnvelope)]
#[soap(version = "1.2")]
enum NotAStruct {
    A,
}

#[derive(Default, SoapHeaders)]
struct Set {
    ping: Option<Ping>,
}

#[derive(SoapEnvelope)]
#[soap(version = "1.2")]
struct TwoSets {
    #[soap(body)]
    body: Ping,
    #[soap(headers)]
    first: Set,
    #[soap(headers, must_understand)]
    second: Set,
}

fn main() {}
