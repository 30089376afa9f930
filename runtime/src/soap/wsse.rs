//! WS-Security 1.0 `UsernameToken` (OASIS Username Token Profile 1.0) and `wsu:Timestamp`.
//!
//! [`WsSecurity`] holds the credentials and settings of a client; for every message it makes a
//! fresh [`SecurityHeader`] (new nonce, new `Created`), which is the header block written into
//! the envelope:
//!
//! ```xml
//! <wsse:Security xmlns:wsse="...secext-1.0.xsd" soap:mustUnderstand="1">
//!   <wsu:Timestamp wsu:Id="TS-1">                      (optional)
//!     <wsu:Created>2026-01-01T00:00:00.000Z</wsu:Created>
//!     <wsu:Expires>2026-01-01T00:05:00.000Z</wsu:Expires>
//!   </wsu:Timestamp>
//!   <wsse:UsernameToken xmlns:wsu="...utility-1.0.xsd" wsu:Id="UsernameToken-1">
//!     <wsse:Username>user</wsse:Username>
//!     <wsse:Password Type="...#PasswordText">secret</wsse:Password>
//!     <wsse:Nonce EncodingType="...#Base64Binary">...</wsse:Nonce>   (digest, or on request)
//!     <wsu:Created>...</wsu:Created>                                   (digest, or on request)
//!   </wsse:UsernameToken>
//! </wsse:Security>
//! ```
//!
//! PasswordDigest = Base64(SHA-1(nonce bytes + Created text + password)). Passwords and
//! digests are [`Secret`]s: no `Debug` or `Display` output of any type here contains them.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use sha1::{Digest as _, Sha1};

use super::header::{WriteHeader, close_open_tag};
use super::{Secret, SoapVersion};
use crate::xml::{
    DecodeError, DecodeErrorKind, EncodeError, QNameRef, StartTag, ValueError, XmlRead, XmlReader,
    XmlRoot, XmlWriter,
};

/// The `wsse` namespace (WS-Security 1.0 secext).
pub const WSSE_NS: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
/// The `wsu` namespace (WS-Security 1.0 utility).
pub const WSU_NS: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
/// `Password/@Type` for a plain-text password.
pub const PASSWORD_TEXT: &str = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";
/// `Password/@Type` for a digest.
pub const PASSWORD_DIGEST: &str = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";
/// `Nonce/@EncodingType` for base64.
pub const BASE64_BINARY: &str = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";

/// How the password travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PasswordType {
    /// `#PasswordText`: the password itself (only over TLS). What Oracle's chat API expects.
    Text,
    /// `#PasswordDigest`: Base64(SHA-1(nonce + created + password)).
    Digest,
}

impl PasswordType {
    /// The `Type` attribute URI.
    pub fn uri(self) -> &'static str {
        match self {
            PasswordType::Text => PASSWORD_TEXT,
            PasswordType::Digest => PASSWORD_DIGEST,
        }
    }

    /// The type named by a `Type` URI; a missing attribute means text (profile §3.1).
    pub fn from_uri(uri: Option<&str>) -> Option<Self> {
        match uri {
            None | Some(PASSWORD_TEXT) => Some(PasswordType::Text),
            Some(PASSWORD_DIGEST) => Some(PasswordType::Digest),
            Some(_) => None,
        }
    }
}

/// Errors making a security header.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WsseError {
    /// The operating system's random source failed, so no nonce could be made.
    #[error("cannot make a WS-Security nonce: {0}")]
    Random(String),
    /// The clock is before 1970 or beyond year 9999.
    #[error("system time cannot be written as an xs:dateTime")]
    Clock,
}

/// `Base64(SHA-1(nonce + created + password))`, the PasswordDigest of the Username Token
/// Profile. `nonce` is the raw bytes (not their base64), `created` the exact text sent in
/// `wsu:Created`.
pub fn password_digest(nonce: &[u8], created: &str, password: &Secret) -> Secret {
    let mut sha = Sha1::new();
    sha.update(nonce);
    sha.update(created.as_bytes());
    sha.update(password.expose().as_bytes());
    Secret::new(BASE64.encode(sha.finalize()))
}

/// A timestamp as `wsu:Created` carries it: UTC, millisecond precision,
/// `YYYY-MM-DDThh:mm:ss.sssZ`.
pub fn format_utc(time: SystemTime) -> Result<String, WsseError> {
    let since = time
        .duration_since(UNIX_EPOCH)
        .map_err(|_| WsseError::Clock)?;
    let secs = i64::try_from(since.as_secs()).map_err(|_| WsseError::Clock)?;
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    if year > 9999 {
        return Err(WsseError::Clock);
    }
    Ok(format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        since.subsec_millis()
    ))
}

/// Proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's
/// `civil_from_days`, public domain algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    // day is in 1..=31 and month in 1..=12 by construction.
    (
        year,
        u32::try_from(month).unwrap_or(1),
        u32::try_from(day).unwrap_or(1),
    )
}

/// A username and password as a client holds them.
#[derive(Clone, PartialEq, Eq)]
pub struct UsernameToken {
    /// `wsse:Username`.
    pub username: String,
    /// The password; sent as is ([`PasswordType::Text`]) or digested.
    pub password: Secret,
    /// How the password travels.
    pub password_type: PasswordType,
    /// `wsu:Id` of the `UsernameToken` element (`UsernameToken-1` in Oracle's samples).
    pub id: Option<String>,
    /// Send `wsse:Nonce` and `wsu:Created` with a text password too (always sent with a
    /// digest); some servers use them against replay.
    pub nonce_with_text: bool,
}

impl UsernameToken {
    /// A token sending the password as text, without nonce and `Created` (Oracle's form).
    pub fn text(username: impl Into<String>, password: impl Into<Secret>) -> Self {
        Self {
            username: username.into(),
            password: password.into(),
            password_type: PasswordType::Text,
            id: None,
            nonce_with_text: false,
        }
    }

    /// A token sending a PasswordDigest with a fresh nonce and `Created` per message.
    pub fn digest(username: impl Into<String>, password: impl Into<Secret>) -> Self {
        Self {
            password_type: PasswordType::Digest,
            ..Self::text(username, password)
        }
    }

    /// Sets the `wsu:Id`.
    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }
}

impl fmt::Debug for UsernameToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UsernameToken")
            .field("username", &self.username)
            .field("password", &self.password)
            .field("password_type", &self.password_type)
            .field("id", &self.id)
            .field("nonce_with_text", &self.nonce_with_text)
            .finish()
    }
}

/// Client-side WS-Security settings: which token and whether to add a `wsu:Timestamp`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WsSecurity {
    /// The UsernameToken to send, if any.
    pub token: Option<UsernameToken>,
    /// Add a `wsu:Timestamp` whose `Expires` is this long after `Created`.
    pub timestamp_ttl: Option<Duration>,
    /// `wsu:Id` of the timestamp.
    pub timestamp_id: Option<String>,
    /// Put `mustUnderstand="1"` on the `Security` block (the usual form).
    pub must_understand: bool,
}

impl WsSecurity {
    /// Security with a UsernameToken and `mustUnderstand="1"`, no timestamp.
    pub fn username_token(token: UsernameToken) -> Self {
        Self {
            token: Some(token),
            timestamp_ttl: None,
            timestamp_id: None,
            must_understand: true,
        }
    }

    /// Adds a `wsu:Timestamp` valid for `ttl`.
    pub fn with_timestamp(mut self, ttl: Duration) -> Self {
        self.timestamp_ttl = Some(ttl);
        self
    }

    /// The header for one message sent now, with a fresh random nonce.
    pub fn header(&self) -> Result<SecurityHeader, WsseError> {
        let mut nonce = [0u8; 16];
        getrandom::fill(&mut nonce).map_err(|e| WsseError::Random(e.to_string()))?;
        self.header_at(SystemTime::now(), nonce)
    }

    /// The header for one message with a given clock and nonce (tests, replaying a vector).
    pub fn header_at(&self, now: SystemTime, nonce: [u8; 16]) -> Result<SecurityHeader, WsseError> {
        let created = format_utc(now)?;
        let timestamp = match self.timestamp_ttl {
            Some(ttl) => {
                let expires = now.checked_add(ttl).ok_or(WsseError::Clock)?;
                Some(TimestampValues {
                    id: self.timestamp_id.clone(),
                    created: created.clone(),
                    expires: Some(format_utc(expires)?),
                })
            }
            None => None,
        };
        let token = self.token.as_ref().map(|t| {
            let with_nonce = t.password_type == PasswordType::Digest || t.nonce_with_text;
            let password = match t.password_type {
                PasswordType::Text => t.password.clone(),
                PasswordType::Digest => password_digest(&nonce, &created, &t.password),
            };
            TokenValues {
                id: t.id.clone(),
                username: t.username.clone(),
                password,
                password_type: t.password_type,
                nonce: with_nonce.then(|| BASE64.encode(nonce)),
                created: with_nonce.then(|| created.clone()),
            }
        });
        Ok(SecurityHeader {
            must_understand: self.must_understand,
            timestamp,
            token,
        })
    }
}

/// The values of one `wsse:Security` header block, as written into or read from an envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityHeader {
    /// `mustUnderstand="1"` on the block.
    pub must_understand: bool,
    /// `wsu:Timestamp`.
    pub timestamp: Option<TimestampValues>,
    /// `wsse:UsernameToken`.
    pub token: Option<TokenValues>,
}

/// `wsu:Timestamp` contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimestampValues {
    /// `wsu:Id`.
    pub id: Option<String>,
    /// `wsu:Created`, as text.
    pub created: String,
    /// `wsu:Expires`, as text.
    pub expires: Option<String>,
}

/// `wsse:UsernameToken` contents as they travel.
#[derive(Clone, PartialEq, Eq)]
pub struct TokenValues {
    /// `wsu:Id`.
    pub id: Option<String>,
    /// `wsse:Username`.
    pub username: String,
    /// `wsse:Password` text: the password or its digest.
    pub password: Secret,
    /// `wsse:Password/@Type`.
    pub password_type: PasswordType,
    /// `wsse:Nonce`, base64.
    pub nonce: Option<String>,
    /// `wsu:Created`.
    pub created: Option<String>,
}

impl TokenValues {
    /// Whether this token proves knowledge of `password`: equal text, or a digest that
    /// matches the nonce and `Created` it carries. Freshness (replay windows, nonce caches) is
    /// the server's policy and not checked here.
    pub fn verify(&self, password: &Secret) -> bool {
        match self.password_type {
            PasswordType::Text => constant_time_eq(self.password.expose(), password.expose()),
            PasswordType::Digest => {
                let (Some(nonce), Some(created)) = (&self.nonce, &self.created) else {
                    return false;
                };
                let Ok(nonce) = BASE64.decode(nonce.trim()) else {
                    return false;
                };
                let expected = password_digest(&nonce, created, password);
                constant_time_eq(self.password.expose().trim(), expected.expose())
            }
        }
    }
}

/// Comparison whose time does not depend on where the first difference is, so a remote
/// caller cannot guess a password byte by byte from response times.
fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut diff = u8::from(a.len() != b.len());
    for (i, x) in a.iter().enumerate() {
        diff |= x ^ b.get(i).copied().unwrap_or(0);
    }
    diff == 0
}

impl fmt::Debug for TokenValues {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenValues")
            .field("id", &self.id)
            .field("username", &self.username)
            .field("password", &self.password)
            .field("password_type", &self.password_type)
            .field("nonce", &self.nonce)
            .field("created", &self.created)
            .finish()
    }
}

// ----- XML ---------------------------------------------------------------------------------

const SECURITY: QNameRef<'static> = QNameRef::new(WSSE_NS, "Security");
const USERNAME_TOKEN: QNameRef<'static> = QNameRef::new(WSSE_NS, "UsernameToken");
const USERNAME: QNameRef<'static> = QNameRef::new(WSSE_NS, "Username");
const PASSWORD: QNameRef<'static> = QNameRef::new(WSSE_NS, "Password");
const NONCE: QNameRef<'static> = QNameRef::new(WSSE_NS, "Nonce");
const TIMESTAMP: QNameRef<'static> = QNameRef::new(WSU_NS, "Timestamp");
const CREATED: QNameRef<'static> = QNameRef::new(WSU_NS, "Created");
const EXPIRES: QNameRef<'static> = QNameRef::new(WSU_NS, "Expires");
const WSU_ID: QNameRef<'static> = QNameRef::new(WSU_NS, "Id");

/// Written with the `wsse` and `wsu` prefixes of Oracle's samples: `wsse` on `Security`, `wsu`
/// on `UsernameToken` (or on `Security` when a timestamp needs it too).
impl WriteHeader for SecurityHeader {
    fn write_header(&self, w: &mut XmlWriter, version: SoapVersion) -> Result<(), EncodeError> {
        close_open_tag(w);
        w.declare_prefix("wsse", WSSE_NS);
        if self.timestamp.is_some() {
            w.declare_prefix("wsu", WSU_NS);
        }
        w.start_element(SECURITY)?;
        if self.must_understand {
            let value = if version == SoapVersion::Soap11 {
                "1"
            } else {
                "true"
            };
            w.attribute(
                QNameRef::new(version.envelope_ns(), "mustUnderstand"),
                value,
            )?;
        }
        if let Some(ts) = &self.timestamp {
            w.start_element(TIMESTAMP)?;
            if let Some(id) = &ts.id {
                w.attribute(WSU_ID, id)?;
            }
            w.simple_element(CREATED, &ts.created)?;
            if let Some(expires) = &ts.expires {
                w.simple_element(EXPIRES, expires)?;
            }
            w.end_element()?;
        }
        if let Some(token) = &self.token {
            close_open_tag(w);
            w.declare_prefix("wsu", WSU_NS);
            w.start_element(USERNAME_TOKEN)?;
            if let Some(id) = &token.id {
                w.attribute(WSU_ID, id)?;
            }
            w.simple_element(USERNAME, &token.username)?;
            w.start_element(PASSWORD)?;
            w.attribute(QNameRef::new("", "Type"), token.password_type.uri())?;
            w.text(token.password.expose())?;
            w.end_element()?;
            if let Some(nonce) = &token.nonce {
                w.start_element(NONCE)?;
                w.attribute(QNameRef::new("", "EncodingType"), BASE64_BINARY)?;
                w.text(nonce)?;
                w.end_element()?;
            }
            if let Some(created) = &token.created {
                w.simple_element(CREATED, created)?;
            }
            w.end_element()?;
        }
        w.end_element()
    }
}

impl XmlRoot for SecurityHeader {
    const NAME: QNameRef<'static> = SECURITY;
}

/// Reads a received `wsse:Security` block (server side): the UsernameToken and timestamp.
/// Other security elements (signatures, binary tokens) are unknown content: an error in strict
/// mode, skipped in lax mode.
impl XmlRead for SecurityHeader {
    fn read_xml(r: &mut XmlReader<'_>, start: &StartTag<'_>) -> Result<Self, DecodeError> {
        let must_understand = r.attributes(start).any(|a| {
            a.name.local == "mustUnderstand"
                && SoapVersion::from_envelope_ns(a.name.ns).is_some()
                && matches!(a.value.trim(), "1" | "true")
        });
        let mut out = SecurityHeader {
            must_understand,
            timestamp: None,
            token: None,
        };
        while let Some(child) = r.next_child()? {
            if child.matches(TIMESTAMP) && out.timestamp.is_none() {
                out.timestamp = Some(read_timestamp(r, &child)?);
            } else if child.matches(USERNAME_TOKEN) && out.token.is_none() {
                out.token = Some(read_token(r, &child)?);
            } else {
                r.unknown_element(&child)?;
            }
        }
        Ok(out)
    }
}

fn wsu_id(r: &XmlReader<'_>, start: &StartTag<'_>) -> Option<String> {
    r.attributes(start)
        .find(|a| a.name == WSU_ID)
        .map(|a| a.value.trim().to_owned())
}

fn read_timestamp(
    r: &mut XmlReader<'_>,
    start: &StartTag<'_>,
) -> Result<TimestampValues, DecodeError> {
    let id = wsu_id(r, start);
    let mut created = None;
    let mut expires = None;
    while let Some(child) = r.next_child()? {
        if child.matches(CREATED) && created.is_none() {
            created = Some(r.read_text()?.trim().to_owned());
        } else if child.matches(EXPIRES) && expires.is_none() {
            expires = Some(r.read_text()?.trim().to_owned());
        } else {
            r.unknown_element(&child)?;
        }
    }
    let created = created.ok_or_else(|| r.missing_element(CREATED))?;
    Ok(TimestampValues {
        id,
        created,
        expires,
    })
}

fn read_token(r: &mut XmlReader<'_>, start: &StartTag<'_>) -> Result<TokenValues, DecodeError> {
    let id = wsu_id(r, start);
    let mut username = None;
    let mut password = None;
    let mut nonce = None;
    let mut created = None;
    while let Some(child) = r.next_child()? {
        if child.matches(USERNAME) && username.is_none() {
            username = Some(r.read_text()?.trim().to_owned());
        } else if child.matches(PASSWORD) && password.is_none() {
            let type_attr = r
                .attributes(&child)
                .find(|a| a.name == QNameRef::new("", "Type"))
                .map(|a| a.value.trim().to_owned());
            let Some(password_type) = PasswordType::from_uri(type_attr.as_deref()) else {
                let found = type_attr.unwrap_or_default();
                return Err(r.error_at(
                    child.offset(),
                    DecodeErrorKind::AttributeValue {
                        name: "Type".to_owned(),
                        error: ValueError::new("a UsernameToken password type", &found),
                    },
                ));
            };
            password = Some((password_type, Secret::new(r.read_text()?.into_owned())));
        } else if child.matches(NONCE) && nonce.is_none() {
            nonce = Some(r.read_text()?.trim().to_owned());
        } else if child.matches(CREATED) && created.is_none() {
            created = Some(r.read_text()?.trim().to_owned());
        } else {
            r.unknown_element(&child)?;
        }
    }
    let username = username.ok_or_else(|| r.missing_element(USERNAME))?;
    let (password_type, password) = password.ok_or_else(|| r.missing_element(PASSWORD))?;
    Ok(TokenValues {
        id,
        username,
        password,
        password_type,
        nonce,
        created,
    })
}
