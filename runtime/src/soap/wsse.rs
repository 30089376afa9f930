//! WS-Security 1.0 `UsernameToken` (OASIS Username Token Profile 1.0) and `wsu:Timestamp`.
//!
//! [`WsSecurity`] holds the credentials and settings of a client; for every message it makes a
//! fresh [`SecurityHeader`] (new nonce, new `Created`), which is the header block written into
//! the envelope:
//!
//! ```xml
//! <wsse:Security xmlns:wsse="...secext-1.0.xsd" soap:mustUnderstand="1">
//!   <wsse:UsernameToken xmlns:wsu="...utility-1.0.xsd" wsu:Id="UsernameToken-1">
//!     <wsse:Username>user</wsse:Username>
//!     <wsse:Password Type="...#PasswordText">secret</wsse:Password>
//!     <wsse:Nonce EncodingType="...#Base64Binary">...</wsse:Nonce>   (digest, or on request)
//!     <wsu:Created>...</wsu:Created>                                   (digest, or on request)
//!   </wsse:UsernameToken>
//!   <wsu:Timestamp wsu:Id="TS-1">                      (optional)
//!     <wsu:Created>2026-01-01T00:00:00.000Z</wsu:Created>
//!     <wsu:Expires>2026-01-01T00:05:00.000Z</wsu:Expires>
//!   </wsu:Timestamp>
//! </wsse:Security>
//! ```
//!
//! PasswordDigest = Base64(SHA-1(nonce bytes + Created text + password)). Passwords and
//! digests are [`Secret`]s: no `Debug` or `Display` output of any type here contains them, and
//! they are wiped from memory when dropped (as are the raw nonce bytes and digest arrays).
//!
//! On the receiving side, [`TokenValues::verify`] checks the password only;
//! [`UsernameTokenPolicy`] adds a freshness window on `wsu:Created`, a [`NonceCache`] against
//! replays and typed [`TokenError`]s.

mod nonce_cache;
mod policy;

pub use nonce_cache::NonceCache;
pub use policy::{Clock, SystemClock, TokenError, UsernameTokenPolicy};

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use sha1::{Digest as _, Sha1};
use zeroize::{Zeroize as _, Zeroizing};

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
    let mut raw = sha.finalize();
    let digest = Secret::new(BASE64.encode(raw.as_slice()));
    raw.as_mut_slice().zeroize();
    digest
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

/// The instant an `xs:dateTime` with a time zone names, as `wsu:Created` / `wsu:Expires`
/// carry it: `YYYY-MM-DDThh:mm:ss`, optional fraction (nanosecond precision kept), then `Z` or
/// `±hh:mm`. `None` for anything else, including a value without a time zone (its instant is
/// unknown) and years outside 0001–9999.
pub fn parse_utc(text: &str) -> Option<SystemTime> {
    let b = text.as_bytes();
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let digits = b.get(range)?;
        digits.iter().try_fold(0i64, |acc, &d| {
            d.is_ascii_digit().then(|| acc * 10 + i64::from(d - b'0'))
        })
    };
    let sep = |i: usize, c: u8| b.get(i) == Some(&c);
    if !(sep(4, b'-') && sep(7, b'-') && sep(10, b'T') && sep(13, b':') && sep(16, b':')) {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let mut i = 19;
    let mut nanos = 0u32;
    if sep(i, b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            if i - start < 9 {
                nanos = nanos * 10 + u32::from(b[i] - b'0');
            }
            i += 1;
        }
        if i == start {
            return None;
        }
        for _ in (i - start)..9 {
            nanos *= 10;
        }
    }
    let offset = match b.get(i..)? {
        b"Z" => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let (h, m) = (num(i + 1..i + 3)?, num(i + 4..i + 6)?);
            if h > 14 || m > 59 || (h == 14 && m > 0) {
                return None;
            }
            let minutes = h * 60 + m;
            if *sign == b'-' { -minutes } else { minutes }
        }
        _ => return None,
    };
    let end_of_day = hour == 24 && minute == 0 && second == 0 && nanos == 0;
    if year == 0
        || !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || !(hour < 24 || end_of_day)
        || minute > 59
        || second > 59
    {
        return None;
    }
    let secs = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
        - offset * 60;
    let whole = Duration::from_secs(secs.unsigned_abs());
    let instant = if secs >= 0 {
        UNIX_EPOCH.checked_add(whole)?
    } else {
        UNIX_EPOCH.checked_sub(whole)?
    };
    instant.checked_add(Duration::from_nanos(u64::from(nanos)))
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (the inverse of `civil_from_days`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if month > 2 { month - 3 } else { month + 9 };
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
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
        let mut nonce = Zeroizing::new([0u8; 16]);
        getrandom::fill(nonce.as_mut_slice()).map_err(|e| WsseError::Random(e.to_string()))?;
        self.header_with(SystemTime::now(), &nonce)
    }

    /// The header for one message with a given clock and nonce (tests, replaying a vector).
    pub fn header_at(&self, now: SystemTime, nonce: [u8; 16]) -> Result<SecurityHeader, WsseError> {
        let nonce = Zeroizing::new(nonce);
        self.header_with(now, &nonce)
    }

    /// Takes the nonce by reference so that [`WsSecurity::header`]'s wiped buffer is the only
    /// copy of the raw bytes.
    fn header_with(&self, now: SystemTime, nonce: &[u8; 16]) -> Result<SecurityHeader, WsseError> {
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
                PasswordType::Digest => password_digest(nonce, &created, &t.password),
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
    /// matches the nonce and `Created` it carries. Freshness and replays are not checked here:
    /// see [`TokenValues::verify_with`].
    pub fn verify(&self, password: &Secret) -> bool {
        match self.password_type {
            PasswordType::Text => constant_time_eq(self.password.expose(), password.expose()),
            PasswordType::Digest => {
                let (Some(nonce), Some(created)) = (&self.nonce, &self.created) else {
                    return false;
                };
                let Ok(nonce) = decode_nonce(nonce) else {
                    return false;
                };
                self.digest_matches(&nonce, created, password)
            }
        }
    }

    /// [`TokenValues::verify`] plus the freshness, nonce and replay rules of `policy`, with
    /// the reason of a refusal.
    pub fn verify_with(
        &self,
        password: &Secret,
        policy: &UsernameTokenPolicy,
    ) -> Result<(), TokenError> {
        policy.verify(self, password)
    }

    fn digest_matches(&self, nonce: &[u8], created: &str, password: &Secret) -> bool {
        let expected = password_digest(nonce, created, password);
        constant_time_eq(self.password.expose().trim(), expected.expose())
    }
}

/// The raw bytes of a base64 `wsse:Nonce`, wiped when dropped.
fn decode_nonce(nonce: &str) -> Result<Zeroizing<Vec<u8>>, base64::DecodeError> {
    BASE64.decode(nonce.trim()).map(Zeroizing::new)
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
        // After the token: the chat WSDL's Security (like many narrowed WS-Security schemas)
        // declares the UsernameToken first and other security elements after it; WS-Security
        // itself leaves the order free, and receivers (gSOAP, WSS4J) accept either.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: u64, nanos: u32) -> SystemTime {
        UNIX_EPOCH + Duration::new(secs, nanos)
    }

    #[test]
    fn parse_utc_reads_what_format_utc_writes() {
        for (secs, millis) in [
            (0, 0),
            (951_782_400, 5),
            (1_800_000_000, 999),
            (253_402_300_799, 1),
        ] {
            let time = at(secs, millis * 1_000_000);
            let text = format_utc(time).expect("formattable");
            assert_eq!(parse_utc(&text), Some(time), "{text}");
        }
    }

    #[test]
    fn parse_utc_handles_zones_fractions_and_calendar() {
        let eight = at(1_800_000_000, 0); // 2027-01-15T08:00:00Z
        assert_eq!(parse_utc("2027-01-15T08:00:00Z"), Some(eight));
        assert_eq!(parse_utc("2027-01-15T09:30:00+01:30"), Some(eight));
        assert_eq!(parse_utc("2027-01-14T23:00:00-09:00"), Some(eight));
        assert_eq!(
            parse_utc("2027-01-15T08:00:00.5Z"),
            Some(at(1_800_000_000, 500_000_000))
        );
        assert_eq!(
            parse_utc("2027-01-15T08:00:00.1234567891234Z"),
            Some(at(1_800_000_000, 123_456_789))
        );
        assert_eq!(
            parse_utc("2024-02-29T00:00:00Z"),
            Some(at(1_709_164_800, 0))
        );
        assert_eq!(
            parse_utc("2027-01-14T24:00:00Z"),
            parse_utc("2027-01-15T00:00:00Z")
        );
        assert_eq!(
            parse_utc("1969-12-31T23:59:59Z"),
            UNIX_EPOCH.checked_sub(Duration::from_secs(1))
        );
    }

    #[test]
    fn parse_utc_refuses_what_is_not_a_zoned_date_time() {
        for text in [
            "",
            "2027-01-15T08:00:00",
            "2027-01-15 08:00:00Z",
            "2027-01-15T08:00Z",
            "2027-01-15T08:00:00.Z",
            "2027-01-15T08:00:00ZZ",
            "2027-01-15T08:00:00+1:00",
            "2027-01-15T08:00:00+15:00",
            "2027-01-15T08:00:00+01:60",
            "2027-13-15T08:00:00Z",
            "2027-00-15T08:00:00Z",
            "2023-02-29T08:00:00Z",
            "2027-04-31T08:00:00Z",
            "2027-01-15T24:00:01Z",
            "2027-01-15T08:60:00Z",
            "2027-01-15T08:00:60Z",
            "0000-01-01T00:00:00Z",
            "+2027-01-15T08:00:00Z",
            "2027-01-15T08:00:00Zé",
            "２０２７-01-15T08:00:00Z",
        ] {
            assert_eq!(parse_utc(text), None, "{text:?}");
        }
    }

    #[test]
    fn header_at_keeps_the_nonce_and_digest_of_the_profile() {
        let security = WsSecurity::username_token(UsernameToken::digest("u", "p"));
        let h = security
            .header_at(at(1_800_000_000, 0), [7; 16])
            .expect("header");
        let token = h.token.expect("token");
        assert_eq!(
            token.nonce.as_deref(),
            Some(BASE64.encode([7u8; 16]).as_str())
        );
        let expected = password_digest(&[7; 16], "2027-01-15T08:00:00.000Z", &Secret::from("p"));
        assert_eq!(token.password, expected);
        assert!(token.verify(&Secret::from("p")));
        assert!(!token.verify(&Secret::from("q")));
    }
}
