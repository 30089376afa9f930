//! WS-Security UsernameToken: the digest against an independently computed vector, the wire
//! form of Oracle's samples, reading a token back and verifying it, and redaction of every
//! credential-holding type.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use soapstone::soap::wsse::{
    self, PasswordType, SecurityHeader, UsernameToken, WsSecurity, format_utc, password_digest,
};
use soapstone::soap::{
    CallOptions, Envelope, NoDetail, ReadHeaders, Secret, SoapVersion, WriteHeader,
    decode_response, prepare_request,
};
use soapstone::xml::{
    DecodeError, EncodeError, QNameRef, ReadOptions, StartTag, XmlRead, XmlReader, XmlRoot,
    XmlWrite, XmlWriter,
};

const NS: &str = "urn:messages.chat.ws.rightnow.com/v1_2";

/// A minimal body payload: `<GetChatUrl><UrlType>..</UrlType></GetChatUrl>`.
#[derive(Debug, Clone, PartialEq)]
struct GetChatUrl {
    url_type: String,
}

impl XmlRoot for GetChatUrl {
    const NAME: QNameRef<'static> = QNameRef::new(NS, "GetChatUrl");
}

impl XmlWrite for GetChatUrl {
    fn write_xml(&self, w: &mut XmlWriter, name: QNameRef<'_>) -> Result<(), EncodeError> {
        w.start_element(name)?;
        w.simple_element(QNameRef::new(NS, "UrlType"), &self.url_type)?;
        w.end_element()
    }
}

impl XmlRead for GetChatUrl {
    fn read_xml(r: &mut XmlReader<'_>, _start: &StartTag<'_>) -> Result<Self, DecodeError> {
        let mut url_type = None;
        while let Some(child) = r.next_child()? {
            if child.is(NS, "UrlType") && url_type.is_none() {
                url_type = Some(r.read_text()?.into_owned());
            } else {
                r.unknown_element(&child)?;
            }
        }
        let url_type = url_type.ok_or_else(|| r.missing_element(QNameRef::new(NS, "UrlType")))?;
        Ok(Self { url_type })
    }
}

fn at(secs: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(secs)
}

/// 2026-11-21T08:00:00Z.
const T0: u64 = 1_795_248_000;

#[test]
fn digest_matches_an_independently_computed_vector() {
    // python3 -c "import hashlib,base64; n=bytes(range(16));
    //   print(base64.b64encode(hashlib.sha1(n+b'2026-11-21T08:00:00.000Z'+b's3cr3t!').digest()).decode())"
    // -> 7VZlxO1indLMjINTPVS1cOmrkfs=
    let nonce: Vec<u8> = (0u8..16).collect();
    let digest = password_digest(&nonce, "2026-11-21T08:00:00.000Z", &Secret::new("s3cr3t!"));
    assert_eq!(digest.expose(), "7VZlxO1indLMjINTPVS1cOmrkfs=");
}

#[test]
fn utc_timestamps_are_formatted_like_wsu_created() {
    assert_eq!(format_utc(at(0)).unwrap(), "1970-01-01T00:00:00.000Z");
    assert_eq!(
        format_utc(at(951_868_799)).unwrap(),
        "2000-02-29T23:59:59.000Z"
    );
    assert_eq!(
        format_utc(at(T0) + Duration::from_millis(1234)).unwrap(),
        "2026-11-21T08:00:01.234Z"
    );
}

fn nonce() -> [u8; 16] {
    core::array::from_fn(|i| u8::try_from(i).unwrap())
}

fn envelope_with(header: &SecurityHeader, version: SoapVersion) -> String {
    let headers: [&dyn WriteHeader; 1] = [header];
    let bytes = soapstone::soap::encode(
        version,
        &headers,
        &GetChatUrl {
            url_type: "ENDUSER".into(),
        },
    )
    .unwrap();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn password_text_matches_the_oracle_wire_form() {
    let security = WsSecurity::username_token(
        UsernameToken::text("YourUserID", "XXXXX").with_id("UsernameToken-1"),
    );
    let header = security.header_at(at(T0), nonce()).unwrap();
    let xml = envelope_with(&header, SoapVersion::Soap11);
    let expected_block = concat!(
        r#"<wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" soap:mustUnderstand="1">"#,
        r#"<wsse:UsernameToken xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd" wsu:Id="UsernameToken-1">"#,
        r#"<wsse:Username>YourUserID</wsse:Username>"#,
        r#"<wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">XXXXX</wsse:Password>"#,
        r#"</wsse:UsernameToken></wsse:Security>"#
    );
    assert!(xml.contains(expected_block), "{xml}");
    assert!(
        xml.contains(
            r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header>"#
        ),
        "{xml}"
    );
    assert!(!xml.contains("Nonce"), "{xml}");
}

#[test]
fn password_digest_carries_nonce_and_created_and_timestamp() {
    let security = WsSecurity::username_token(UsernameToken::digest("agent", "s3cr3t!"))
        .with_timestamp(Duration::from_secs(300));
    let header = security.header_at(at(T0), nonce()).unwrap();
    let xml = envelope_with(&header, SoapVersion::Soap12);
    let expected_block = concat!(
        r#"<wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd" env:mustUnderstand="true">"#,
        r#"<wsse:UsernameToken><wsse:Username>agent</wsse:Username>"#,
        r#"<wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest">7VZlxO1indLMjINTPVS1cOmrkfs=</wsse:Password>"#,
        r#"<wsse:Nonce EncodingType="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary">AAECAwQFBgcICQoLDA0ODw==</wsse:Nonce>"#,
        r#"<wsu:Created>2026-11-21T08:00:00.000Z</wsu:Created>"#,
        r#"</wsse:UsernameToken>"#,
        // After the token, the order the chat schema's Security declares.
        r#"<wsu:Timestamp><wsu:Created>2026-11-21T08:00:00.000Z</wsu:Created><wsu:Expires>2026-11-21T08:05:00.000Z</wsu:Expires></wsu:Timestamp>"#,
        r#"</wsse:Security>"#
    );
    assert!(xml.contains(expected_block), "{xml}");
    assert!(!xml.contains("s3cr3t!"), "{xml}");
}

#[test]
fn fresh_headers_have_fresh_nonces() {
    let security = WsSecurity::username_token(UsernameToken::digest("u", "p"));
    let a = security.header().unwrap();
    let b = security.header().unwrap();
    let (a, b) = (a.token.unwrap(), b.token.unwrap());
    assert_ne!(a.nonce, b.nonce);
    assert_eq!(a.nonce.as_deref().map(str::len), Some(24));
    assert!(a.verify(&Secret::new("p")));
}

fn read_back(xml: &str) -> SecurityHeader {
    let env: Envelope<Option<SecurityHeader>, _> =
        decode_response::<Option<SecurityHeader>, GetChatUrl, NoDetail>(
            xml.as_bytes(),
            None,
            &ReadOptions::strict(),
        )
        .unwrap();
    env.headers.expect("a Security header")
}

#[test]
fn a_received_token_reads_back_and_verifies() {
    for (token, version) in [
        (
            UsernameToken::text("YourUserID", "XXXXX").with_id("UsernameToken-1"),
            SoapVersion::Soap11,
        ),
        (
            UsernameToken::digest("agent", "s3cr3t!"),
            SoapVersion::Soap12,
        ),
    ] {
        let password = token.password.clone();
        let header = WsSecurity::username_token(token)
            .header_at(at(T0), nonce())
            .unwrap();
        let xml = envelope_with(&header, version);
        let read = read_back(&xml);
        assert_eq!(read, header);
        let token = read.token.unwrap();
        assert!(token.verify(&password));
        assert!(!token.verify(&Secret::new("wrong")));
    }
}

#[test]
fn the_seed_security_header_reads() {
    // Oracle's RequestChat sample (O-SEED), header part, with soapenv:mustUnderstand.
    let xml = r#"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:v1="urn:messages.chat.ws.rightnow.com/v1_2"> <soapenv:Header> <wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" soapenv:mustUnderstand="1"> <wsse:UsernameToken xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd" wsu:Id="UsernameToken-3902281"> <wsse:Username>YourUserName</wsse:Username> <wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">XXXXX</wsse:Password> </wsse:UsernameToken> </wsse:Security> </soapenv:Header> <soapenv:Body> <v1:GetChatUrl><v1:UrlType>ENDUSER</v1:UrlType></v1:GetChatUrl> </soapenv:Body> </soapenv:Envelope>"#;
    let header = read_back(xml);
    assert!(header.must_understand);
    let token = header.token.unwrap();
    assert_eq!(token.username, "YourUserName");
    assert_eq!(token.id.as_deref(), Some("UsernameToken-3902281"));
    assert_eq!(token.password_type, PasswordType::Text);
    assert!(token.verify(&Secret::new("XXXXX")));
}

#[test]
fn an_unknown_password_type_is_an_error_with_a_path() {
    let xml = r#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Header><wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"><wsse:UsernameToken><wsse:Username>u</wsse:Username><wsse:Password Type="urn:other">p</wsse:Password></wsse:UsernameToken></wsse:Security></S:Header><S:Body/></S:Envelope>"#;
    let err = decode_response::<Option<SecurityHeader>, GetChatUrl, NoDetail>(
        xml.as_bytes(),
        None,
        &ReadOptions::strict(),
    )
    .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("/Envelope/Header/Security/UsernameToken/Password"),
        "{text}"
    );
    assert!(text.contains("urn:other"), "{text}");
}

#[test]
fn debug_and_display_never_show_passwords() {
    let password = "hunter2-Sup3rSecret";
    let secret = Secret::new(password);
    let text_token = UsernameToken::text("user", password);
    let digest_token = UsernameToken::digest("user", password);
    let security =
        WsSecurity::username_token(text_token.clone()).with_timestamp(Duration::from_secs(60));
    let header = security.header_at(at(T0), nonce()).unwrap();
    let digest_header = WsSecurity::username_token(digest_token.clone())
        .header_at(at(T0), nonce())
        .unwrap();
    let digest_value = digest_header
        .token
        .as_ref()
        .unwrap()
        .password
        .expose()
        .to_owned();
    let options = CallOptions::new("https://site/chat_soap", "GetChatUrl");
    let headers: [&dyn WriteHeader; 1] = [&header];
    let request = prepare_request::<_, NoDetail>(
        &options,
        &headers,
        &GetChatUrl {
            url_type: "ENDUSER".into(),
        },
    )
    .unwrap();
    // The request body does carry the text password (that is what PasswordText means) ...
    assert!(String::from_utf8_lossy(&request.body).contains(password));

    // ... but no Debug or Display output does.
    let shown = [
        format!("{secret:?}"),
        format!("{secret}"),
        format!("{text_token:?}"),
        format!("{digest_token:?}"),
        format!("{security:?}"),
        format!("{header:?}"),
        format!("{:?}", header.token),
        format!("{digest_header:?}"),
        format!("{request:?}"),
        format!("{:#?}", request),
        format!("{options:?}"),
    ];
    for s in &shown {
        assert!(!s.contains(password), "password leaked: {s}");
        assert!(!s.contains(&digest_value), "digest leaked: {s}");
    }
    assert!(shown[0].contains("redacted") && shown[2].contains("redacted"));
}

#[test]
fn header_set_reads_security_among_other_blocks() {
    #[derive(Debug, Default)]
    struct Collected(Option<SecurityHeader>, Vec<soapstone::xml::AnyElement>);
    impl ReadHeaders for Collected {
        fn read_header(
            &mut self,
            r: &mut XmlReader<'_>,
            start: &StartTag<'_>,
            attrs: &soapstone::soap::HeaderAttributes,
        ) -> Result<bool, DecodeError> {
            if self.0.read_header(r, start, attrs)? {
                return Ok(true);
            }
            self.1.read_header(r, start, attrs)
        }
    }
    let header = WsSecurity::username_token(UsernameToken::text("u", "p"))
        .header_at(at(T0), nonce())
        .unwrap();
    let xml = envelope_with(&header, SoapVersion::Soap11);
    let env = decode_response::<Collected, GetChatUrl, NoDetail>(
        xml.as_bytes(),
        Some(SoapVersion::Soap11),
        &ReadOptions::strict(),
    )
    .unwrap();
    assert_eq!(env.headers.0.unwrap().token.unwrap().username, "u");
    assert!(env.headers.1.is_empty());
    assert_eq!(wsse::PASSWORD_TEXT, PasswordType::Text.uri());
}
