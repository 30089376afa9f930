use soapstone::{SoapEnvelope, SoapHeaders, XmlRead, XmlWrite};

#[derive(XmlRead, XmlWrite)]
#[xml(root = "Ping", ns = "urn:t")]
struct Ping {
    #[xml(element = "M", ns = "urn:t")]
    m: String,
}

#[derive(SoapHeaders)]
struct RequiredInASet {
    h: Ping,
    boxed: Option<Box<Ping>>,
}

#[derive(SoapEnvelope)]
#[soap(version = "1.1")]
struct OptionalBody {
    #[soap(body)]
    body: Option<Ping>,
}

#[derive(SoapEnvelope)]
#[soap(version = "1.1")]
struct SetAsVec {
    #[soap(body)]
    body: Ping,
    #[soap(headers)]
    set: Vec<Ping>,
}

fn main() {}
