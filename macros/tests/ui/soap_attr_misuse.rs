use soapstone::{SoapEnvelope, SoapHeaders, XmlRead, XmlWrite};

#[derive(XmlRead, XmlWrite)]
#[xml(root = "Ping", ns = "urn:t")]
struct Ping {
    #[xml(element = "M", ns = "urn:t")]
    m: String,
}

#[derive(SoapEnvelope)]
#[soap(version = "1.1", style = "rpc")]
struct UnknownKeys {
    #[soap(body)]
    body: Ping,
    #[soap(header, mustunderstand)]
    h: Option<Ping>,
}

#[derive(Default, SoapHeaders)]
struct ActorAndRole {
    #[soap(actor = "urn:a", role = "urn:a")]
    h: Option<Ping>,
}

#[derive(SoapEnvelope)]
#[soap(version = "1.2")]
struct ActorOn12 {
    #[soap(body)]
    body: Ping,
    #[soap(header, actor = "urn:a")]
    h: Option<Ping>,
}

#[derive(SoapEnvelope)]
#[soap(version = "1.1")]
struct RoleAndRelayOn11 {
    #[soap(body)]
    body: Ping,
    #[soap(header, role = "urn:a", relay)]
    h: Option<Ping>,
}

#[derive(SoapEnvelope)]
#[soap(version = "1.1")]
struct MustUnderstandOnBody {
    #[soap(body, must_understand, actor = "urn:a")]
    body: Ping,
}

#[derive(Default, SoapHeaders)]
struct FlagWithValue {
    #[soap(must_understand = "true", role)]
    h: Option<Ping>,
}

fn main() {}
