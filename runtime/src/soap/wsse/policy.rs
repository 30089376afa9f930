//! What a server checks in a received UsernameToken beyond the password: that it is fresh
//! (`wsu:Created` within a window around the server's clock), that its nonce was not seen
//! before, and that an enclosing `wsu:Timestamp` has not expired.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::{
    NonceCache, PasswordType, SecurityHeader, TokenValues, WSSE_NS, decode_nonce, parse_utc,
};
use crate::server::ServerFault;
use crate::soap::{FaultCode, FaultSide, Secret};

/// Default oldest accepted `wsu:Created`: 5 minutes (the Username Token Profile's suggestion
/// and WSS4J's default).
pub const DEFAULT_MAX_AGE: Duration = Duration::from_secs(300);
/// Default tolerance for a client clock running ahead of the server's: 5 minutes.
pub const DEFAULT_CLOCK_SKEW: Duration = Duration::from_secs(300);

/// The server's notion of "now", injectable so that freshness checks are testable.
/// Implemented by [`SystemClock`] and by any `Fn() -> SystemTime + Send + Sync`.
pub trait Clock: Send + Sync {
    /// The current time.
    fn now(&self) -> SystemTime;
}

/// The operating system's wall clock.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

impl<F: Fn() -> SystemTime + Send + Sync> Clock for F {
    fn now(&self) -> SystemTime {
        self()
    }
}

/// Why a UsernameToken was refused. The `Display` text is meant for the client (it becomes
/// the fault reason through `From<TokenError> for ServerFault<F>`): it never says whether a
/// user name exists, and quotes at most 64 characters of what the client sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TokenError {
    /// No `wsse:Security` header or no `wsse:UsernameToken` in it.
    #[error("the message carries no WS-Security UsernameToken")]
    MissingToken,
    /// Unknown user name, or a password (digest) that does not match.
    #[error("authentication failed")]
    BadPassword,
    /// The policy requires a PasswordDigest and the token carries the password as text.
    #[error("a PasswordText UsernameToken is not accepted here; send a PasswordDigest")]
    TextPasswordRefused,
    /// A digest token (or any token, when the policy requires it) without `wsse:Nonce`.
    #[error("the UsernameToken has no wsse:Nonce")]
    MissingNonce,
    /// A digest token (or any token, when the policy requires it) without `wsu:Created`.
    #[error("the UsernameToken has no wsu:Created")]
    MissingCreated,
    /// The nonce is not base64 or is empty.
    #[error("malformed wsse:Nonce: {reason}")]
    MalformedNonce {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A `Created` or `Expires` that is not an `xs:dateTime` with a time zone.
    #[error("malformed {element} `{value}`: expected an xs:dateTime with a time zone")]
    MalformedTime {
        /// `wsu:Created` or `wsu:Expires` (with its parent when it is the timestamp's).
        element: &'static str,
        /// The text received, shortened to 64 characters.
        value: String,
    },
    /// `wsu:Created` is older than the policy's maximum age.
    #[error("the UsernameToken was created {age:?} ago, more than the {max_age:?} accepted")]
    Expired {
        /// How old the token is by the server's clock.
        age: Duration,
        /// The policy's maximum age.
        max_age: Duration,
    },
    /// A `wsu:Created` further in the future than the policy's clock skew allows.
    #[error("{element} is {ahead:?} in the future, more than the {skew:?} clock skew accepted")]
    FromFuture {
        /// Which `Created`: the token's or the timestamp's.
        element: &'static str,
        /// How far ahead of the server's clock it is.
        ahead: Duration,
        /// The policy's clock skew.
        skew: Duration,
    },
    /// The `wsu:Timestamp` has an `Expires` in the past (beyond the clock skew).
    #[error("the message's wsu:Timestamp expired {ago:?} ago")]
    TimestampExpired {
        /// How long ago, by the server's clock.
        ago: Duration,
    },
    /// The nonce was already used within the replay cache's memory.
    #[error("the UsernameToken's nonce was already used")]
    Replayed,
}

impl TokenError {
    /// The WS-Security fault code for this refusal (SOAP Message Security 1.1, section 12,
    /// and `wsse:MessageExpired` of the Utility schema): what a WS-Security client such as
    /// WSS4J, WCF or gSOAP's wsse plugin expects to find in `faultcode` / `Subcode`.
    pub fn fault_code(&self) -> FaultCode {
        let local = match self {
            // The header the policy requires is absent: an error processing wsse:Security.
            TokenError::MissingToken => "InvalidSecurity",
            TokenError::BadPassword | TokenError::Replayed => "FailedAuthentication",
            TokenError::TextPasswordRefused => "UnsupportedSecurityToken",
            TokenError::MissingNonce
            | TokenError::MissingCreated
            | TokenError::MalformedNonce { .. }
            | TokenError::MalformedTime { .. }
            | TokenError::FromFuture { .. } => "InvalidSecurityToken",
            TokenError::Expired { .. } | TokenError::TimestampExpired { .. } => "MessageExpired",
        };
        FaultCode::new(WSSE_NS, local)
    }
}

/// A refused token is the client's fault: a sender fault whose code is the WS-Security one
/// ([`TokenError::fault_code`]; in SOAP 1.2 a subcode of `env:Sender`) and whose reason is the
/// error's text.
impl<F> From<TokenError> for ServerFault<F> {
    fn from(error: TokenError) -> Self {
        ServerFault::Coded {
            side: FaultSide::Sender,
            code: error.fault_code(),
            reason: error.to_string(),
        }
    }
}

/// The rules a server applies to a received UsernameToken.
///
/// ```
/// # use soapstone::soap::{Secret, wsse::{SecurityHeader, UsernameTokenPolicy}};
/// # use soapstone::server::ServerFault;
/// // Once, when the service is built (clones share the nonce cache):
/// let policy = UsernameTokenPolicy::new().with_replay_cache(100_000);
/// // In every generated `Service` method that receives `security: Option<SecurityHeader>`:
/// # fn op(policy: &UsernameTokenPolicy, security: Option<SecurityHeader>) -> Result<(), ServerFault<()>> {
/// policy.check(security.as_ref(), "user", &Secret::from("password"))?;
/// # Ok(()) }
/// ```
///
/// A token is accepted when, in order:
/// - it is present, and a PasswordDigest if [`require_digest`](Self::require_digest) is set;
/// - a digest token (any token with [`require_nonce`](Self::require_nonce)) carries
///   `wsse:Nonce` (non-empty base64) and `wsu:Created`;
/// - its `wsu:Created`, when present, lies within `[now − max_age, now + clock_skew]`;
/// - the password or digest matches (constant-time comparison);
/// - its nonce, when present and a [`NonceCache`] is set, was not accepted before.
///
/// [`check`](Self::check) also refuses a `wsu:Timestamp` whose `Expires` is more than
/// `clock_skew` in the past or whose `Created` is more than `clock_skew` in the future.
#[derive(Clone)]
pub struct UsernameTokenPolicy {
    max_age: Duration,
    clock_skew: Duration,
    require_digest: bool,
    require_nonce: bool,
    nonce_cache: Option<Arc<NonceCache>>,
    clock: Arc<dyn Clock>,
}

impl Default for UsernameTokenPolicy {
    fn default() -> Self {
        Self::new()
    }
}

impl UsernameTokenPolicy {
    /// Defaults: 5 minutes maximum age and clock skew, the system clock, text and digest
    /// passwords accepted, no nonce cache.
    pub fn new() -> Self {
        Self {
            max_age: DEFAULT_MAX_AGE,
            clock_skew: DEFAULT_CLOCK_SKEW,
            require_digest: false,
            require_nonce: false,
            nonce_cache: None,
            clock: Arc::new(SystemClock),
        }
    }

    /// The oldest `wsu:Created` accepted.
    pub fn with_max_age(mut self, max_age: Duration) -> Self {
        self.max_age = max_age;
        self
    }

    /// How far in the future a `wsu:Created` may be (the client's clock running ahead).
    pub fn with_clock_skew(mut self, skew: Duration) -> Self {
        self.clock_skew = skew;
        self
    }

    /// Replaces the system clock (tests; a server with its own time source).
    pub fn with_clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Refuses nonces seen before, using `cache` (which may be shared with other policies).
    /// Its ttl should be at least [`replay_window`](Self::replay_window), or a replay after
    /// the cache forgot the nonce but before the token ages out is accepted.
    pub fn with_nonce_cache(mut self, cache: impl Into<Arc<NonceCache>>) -> Self {
        self.nonce_cache = Some(cache.into());
        self
    }

    /// Refuses nonces seen before, with a new cache of `capacity` nonces remembered for the
    /// [`replay_window`](Self::replay_window) of the max age and clock skew set so far (set
    /// those first).
    pub fn with_replay_cache(self, capacity: usize) -> Self {
        let ttl = self.replay_window();
        self.with_nonce_cache(NonceCache::new(capacity, ttl))
    }

    /// Refuses PasswordText tokens.
    pub fn require_digest(mut self) -> Self {
        self.require_digest = true;
        self
    }

    /// Requires `wsse:Nonce` and `wsu:Created` in PasswordText tokens too, so that they are
    /// subject to the freshness window and the nonce cache (digest tokens always need them).
    pub fn require_nonce(mut self) -> Self {
        self.require_nonce = true;
        self
    }

    /// The oldest `wsu:Created` accepted.
    pub fn max_age(&self) -> Duration {
        self.max_age
    }

    /// How far in the future a `wsu:Created` may be.
    pub fn clock_skew(&self) -> Duration {
        self.clock_skew
    }

    /// How long an accepted token stays acceptable at most: `max_age + clock_skew` (a token
    /// created `clock_skew` ahead of the server's clock ages out `max_age` after that). A
    /// nonce cache must remember nonces at least this long.
    pub fn replay_window(&self) -> Duration {
        self.max_age.saturating_add(self.clock_skew)
    }

    /// The nonce cache, if any.
    pub fn nonce_cache(&self) -> Option<&Arc<NonceCache>> {
        self.nonce_cache.as_ref()
    }

    /// Checks the UsernameToken of a received `wsse:Security` header (and its timestamp)
    /// against one user's credentials. Returns the token, e.g. to read its user name.
    pub fn check<'h>(
        &self,
        security: Option<&'h SecurityHeader>,
        username: &str,
        password: &Secret,
    ) -> Result<&'h TokenValues, TokenError> {
        self.check_with(security, |name| {
            (name == username).then(|| password.clone())
        })
    }

    /// Like [`check`](Self::check), with the password looked up by user name (`None` for an
    /// unknown user, refused as [`TokenError::BadPassword`] after the same work as a known
    /// one, so response times do not tell which names exist).
    pub fn check_with<'h>(
        &self,
        security: Option<&'h SecurityHeader>,
        lookup: impl FnOnce(&str) -> Option<Secret>,
    ) -> Result<&'h TokenValues, TokenError> {
        let security = security.ok_or(TokenError::MissingToken)?;
        let now = self.clock.now();
        self.check_timestamp(security, now)?;
        let token = security.token.as_ref().ok_or(TokenError::MissingToken)?;
        match lookup(&token.username) {
            Some(password) => self.verify_at(token, &password, now).map(|()| token),
            None => {
                // Whatever this placeholder is, even a token made for it must fail.
                let placeholder = Secret::new("soapstone: no such user");
                self.verify_at(token, &placeholder, now)
                    .and(Err(TokenError::BadPassword))
            }
        }
    }

    /// Checks one token against `password` by the rules of this policy (see the type's
    /// documentation). An accepted nonce is recorded in the nonce cache.
    pub fn verify(&self, token: &TokenValues, password: &Secret) -> Result<(), TokenError> {
        self.verify_at(token, password, self.clock.now())
    }

    fn verify_at(
        &self,
        token: &TokenValues,
        password: &Secret,
        now: SystemTime,
    ) -> Result<(), TokenError> {
        let digest = token.password_type == PasswordType::Digest;
        if !digest && self.require_digest {
            return Err(TokenError::TextPasswordRefused);
        }
        let needs_nonce = digest || self.require_nonce;
        let nonce = match &token.nonce {
            Some(text) => {
                let raw = decode_nonce(text).map_err(|_| TokenError::MalformedNonce {
                    reason: "not base64",
                })?;
                if raw.is_empty() {
                    return Err(TokenError::MalformedNonce { reason: "empty" });
                }
                Some(raw)
            }
            None if needs_nonce => return Err(TokenError::MissingNonce),
            None => None,
        };
        match &token.created {
            Some(text) => {
                let created = parse_time(text, "wsu:Created")?;
                self.check_created(created, now, "wsu:Created")?;
            }
            None if needs_nonce => return Err(TokenError::MissingCreated),
            None => {}
        }
        if !token.verify(password) {
            return Err(TokenError::BadPassword);
        }
        if let (Some(cache), Some(nonce)) = (&self.nonce_cache, &nonce)
            && !cache.insert(nonce, now)
        {
            return Err(TokenError::Replayed);
        }
        Ok(())
    }

    fn check_created(
        &self,
        created: SystemTime,
        now: SystemTime,
        element: &'static str,
    ) -> Result<(), TokenError> {
        match created.duration_since(now) {
            Ok(ahead) if ahead > self.clock_skew => Err(TokenError::FromFuture {
                element,
                ahead,
                skew: self.clock_skew,
            }),
            Ok(_) => Ok(()),
            Err(past) if past.duration() > self.max_age => Err(TokenError::Expired {
                age: past.duration(),
                max_age: self.max_age,
            }),
            Err(_) => Ok(()),
        }
    }

    fn check_timestamp(
        &self,
        security: &SecurityHeader,
        now: SystemTime,
    ) -> Result<(), TokenError> {
        let Some(timestamp) = &security.timestamp else {
            return Ok(());
        };
        const CREATED: &str = "wsu:Timestamp/wsu:Created";
        let created = parse_time(&timestamp.created, CREATED)?;
        if let Ok(ahead) = created.duration_since(now)
            && ahead > self.clock_skew
        {
            return Err(TokenError::FromFuture {
                element: CREATED,
                ahead,
                skew: self.clock_skew,
            });
        }
        if let Some(expires) = &timestamp.expires {
            let expires = parse_time(expires, "wsu:Timestamp/wsu:Expires")?;
            if let Ok(ago) = now.duration_since(expires)
                && ago > self.clock_skew
            {
                return Err(TokenError::TimestampExpired { ago });
            }
        }
        Ok(())
    }
}

fn parse_time(text: &str, element: &'static str) -> Result<SystemTime, TokenError> {
    parse_utc(text).ok_or_else(|| TokenError::MalformedTime {
        element,
        value: text.chars().take(64).collect(),
    })
}

impl fmt::Debug for UsernameTokenPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UsernameTokenPolicy")
            .field("max_age", &self.max_age)
            .field("clock_skew", &self.clock_skew)
            .field("require_digest", &self.require_digest)
            .field("require_nonce", &self.require_nonce)
            .field("nonce_cache", &self.nonce_cache)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
    use std::time::UNIX_EPOCH;

    use super::*;
    use crate::soap::wsse::{TimestampValues, UsernameToken, WsSecurity};

    const USER: &str = "chat-agent";
    const PASSWORD: &str = "s3cr3t!";

    /// 2027-01-15T08:00:00Z, an arbitrary fixed "now".
    fn t0() -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_800_000_000)
    }

    fn secs(n: u64) -> Duration {
        Duration::from_secs(n)
    }

    fn header(token: UsernameToken, created: SystemTime, nonce: u8) -> SecurityHeader {
        WsSecurity::username_token(token)
            .header_at(created, [nonce; 16])
            .expect("a header for a valid time")
    }

    fn digest_at(created: SystemTime, nonce: u8) -> SecurityHeader {
        header(UsernameToken::digest(USER, PASSWORD), created, nonce)
    }

    fn password() -> Secret {
        Secret::from(PASSWORD)
    }

    /// A policy whose clock stands at `t0()` plus the seconds stored in the returned counter.
    fn policy_with_clock() -> (UsernameTokenPolicy, Arc<AtomicU64>) {
        let offset = Arc::new(AtomicU64::new(0));
        let read = Arc::clone(&offset);
        let policy = UsernameTokenPolicy::new()
            .with_clock(move || t0() + Duration::from_secs(read.load(Ordering::SeqCst)));
        (policy, offset)
    }

    fn policy_at(now: SystemTime) -> UsernameTokenPolicy {
        UsernameTokenPolicy::new().with_clock(move || now)
    }

    fn check(policy: &UsernameTokenPolicy, h: &SecurityHeader) -> Result<(), TokenError> {
        policy.check(Some(h), USER, &password()).map(|_| ())
    }

    #[test]
    fn defaults_are_five_minutes() {
        let policy = UsernameTokenPolicy::default();
        assert_eq!(policy.max_age(), secs(300));
        assert_eq!(policy.clock_skew(), secs(300));
        assert_eq!(policy.replay_window(), secs(600));
        assert!(policy.nonce_cache().is_none());
    }

    #[test]
    fn fresh_digest_token_is_accepted() {
        let policy = policy_at(t0() + secs(2));
        let h = digest_at(t0(), 1);
        let token = policy
            .check(Some(&h), USER, &password())
            .expect("fresh token");
        assert_eq!(token.username, USER);
        assert_eq!(
            h.token
                .as_ref()
                .map(|t| t.verify_with(&password(), &policy)),
            Some(Ok(()))
        );
    }

    #[test]
    fn age_limit_is_inclusive_and_expired_tokens_are_refused() {
        let h = digest_at(t0(), 1);
        assert_eq!(check(&policy_at(t0() + secs(300)), &h), Ok(()));
        assert_eq!(
            check(&policy_at(t0() + secs(301)), &h),
            Err(TokenError::Expired {
                age: secs(301),
                max_age: secs(300)
            })
        );
        let strict = policy_at(t0() + secs(31)).with_max_age(secs(30));
        assert!(matches!(
            check(&strict, &h),
            Err(TokenError::Expired { .. })
        ));
    }

    #[test]
    fn future_tokens_are_accepted_within_the_skew_only() {
        let now = t0();
        assert_eq!(
            check(&policy_at(now), &digest_at(now + secs(300), 1)),
            Ok(())
        );
        assert_eq!(
            check(&policy_at(now), &digest_at(now + secs(301), 1)),
            Err(TokenError::FromFuture {
                element: "wsu:Created",
                ahead: secs(301),
                skew: secs(300)
            })
        );
        let tight = policy_at(now).with_clock_skew(secs(5));
        assert!(matches!(
            check(&tight, &digest_at(now + secs(6), 1)),
            Err(TokenError::FromFuture { .. })
        ));
    }

    #[test]
    fn wrong_password_and_unknown_user_are_the_same_refusal() {
        let policy = policy_at(t0());
        let h = digest_at(t0(), 1);
        assert_eq!(
            policy
                .check(Some(&h), USER, &Secret::from("wrong"))
                .map(|_| ()),
            Err(TokenError::BadPassword)
        );
        assert_eq!(
            policy
                .check(Some(&h), "someone-else", &password())
                .map(|_| ()),
            Err(TokenError::BadPassword)
        );
        // A token built for the placeholder password of unknown users is refused too.
        let forged = header(
            UsernameToken::digest("ghost", "soapstone: no such user"),
            t0(),
            2,
        );
        assert_eq!(
            policy.check_with(Some(&forged), |_| None).map(|_| ()),
            Err(TokenError::BadPassword)
        );
        // Freshness is reported the same way for known and unknown users.
        let old = digest_at(t0() - secs(3600), 3);
        let known = policy.check(Some(&old), USER, &password()).map(|_| ());
        let unknown = policy.check_with(Some(&old), |_| None).map(|_| ());
        assert!(matches!(known, Err(TokenError::Expired { .. })));
        assert_eq!(known, unknown);
    }

    #[test]
    fn check_with_looks_the_password_up_by_user_name() {
        let policy = policy_at(t0());
        let h = digest_at(t0(), 1);
        let lookup = |name: &str| (name == USER).then(|| Secret::from(PASSWORD));
        assert_eq!(
            policy
                .check_with(Some(&h), lookup)
                .map(|t| t.username.as_str()),
            Ok(USER)
        );
    }

    #[test]
    fn a_replayed_nonce_is_refused() {
        let policy = policy_at(t0()).with_replay_cache(1000);
        let h = digest_at(t0(), 7);
        assert_eq!(check(&policy, &h), Ok(()));
        assert_eq!(check(&policy, &h), Err(TokenError::Replayed));
        // Another nonce from the same user at the same time is fine.
        assert_eq!(check(&policy, &digest_at(t0(), 8)), Ok(()));
        // Clones share the cache (one policy per served binding, one memory of nonces).
        assert_eq!(check(&policy.clone(), &h), Err(TokenError::Replayed));
    }

    #[test]
    fn a_refused_password_does_not_use_up_the_nonce() {
        let policy = policy_at(t0()).with_replay_cache(1000);
        let h = digest_at(t0(), 7);
        assert_eq!(
            policy
                .check(Some(&h), USER, &Secret::from("wrong"))
                .map(|_| ()),
            Err(TokenError::BadPassword)
        );
        assert_eq!(policy.nonce_cache().map(|c| c.len()), Some(0));
        assert_eq!(check(&policy, &h), Ok(()));
    }

    #[test]
    fn a_replay_after_the_cache_forgot_is_refused_by_the_freshness_window() {
        let (policy, clock) = policy_with_clock();
        let policy = policy.with_replay_cache(1000);
        let cache = Arc::clone(policy.nonce_cache().expect("cache set"));
        assert_eq!(cache.ttl(), policy.replay_window());
        let h = digest_at(t0(), 9);
        assert_eq!(check(&policy, &h), Ok(()));

        clock.store(policy.replay_window().as_secs() + 1, Ordering::SeqCst);
        assert!(matches!(
            check(&policy, &h),
            Err(TokenError::Expired { .. })
        ));
        // The cache alone would have let it through: it no longer remembers the nonce.
        let now = t0() + policy.replay_window() + secs(1);
        assert!(cache.insert(&[9; 16], now));
    }

    #[test]
    fn text_tokens_are_time_checked_when_they_carry_created() {
        let now = t0() + secs(600);
        let policy = policy_at(now).with_replay_cache(10);
        // Oracle's form: no nonce, no Created; only the password can be checked.
        let plain = header(UsernameToken::text(USER, PASSWORD), t0(), 1);
        assert_eq!(check(&policy, &plain), Ok(()));
        assert_eq!(check(&policy, &plain), Ok(()));

        let mut with_nonce = UsernameToken::text(USER, PASSWORD);
        with_nonce.nonce_with_text = true;
        let stale = header(with_nonce.clone(), t0(), 2);
        assert!(matches!(
            check(&policy, &stale),
            Err(TokenError::Expired { .. })
        ));
        let fresh = header(with_nonce, now, 3);
        assert_eq!(check(&policy, &fresh), Ok(()));
        assert_eq!(check(&policy, &fresh), Err(TokenError::Replayed));
    }

    #[test]
    fn required_digest_and_nonce_refuse_plain_text_tokens() {
        let plain = header(UsernameToken::text(USER, PASSWORD), t0(), 1);
        assert_eq!(
            check(&policy_at(t0()).require_digest(), &plain),
            Err(TokenError::TextPasswordRefused)
        );
        assert_eq!(
            check(&policy_at(t0()).require_nonce(), &plain),
            Err(TokenError::MissingNonce)
        );
        let mut with_nonce = UsernameToken::text(USER, PASSWORD);
        with_nonce.nonce_with_text = true;
        let h = header(with_nonce, t0(), 2);
        assert_eq!(check(&policy_at(t0()).require_nonce(), &h), Ok(()));
    }

    #[test]
    fn digest_tokens_need_nonce_and_created() {
        let policy = policy_at(t0());
        let mut h = digest_at(t0(), 1);
        let token = h.token.as_mut().expect("token");
        token.created = None;
        assert_eq!(check(&policy, &h), Err(TokenError::MissingCreated));
        let mut h = digest_at(t0(), 1);
        h.token.as_mut().expect("token").nonce = None;
        assert_eq!(check(&policy, &h), Err(TokenError::MissingNonce));
    }

    #[test]
    fn malformed_nonces_are_refused() {
        let policy = policy_at(t0());
        for (nonce, reason) in [
            ("!!not base64!!", "not base64"),
            ("", "empty"),
            ("  ", "empty"),
        ] {
            let mut h = digest_at(t0(), 1);
            h.token.as_mut().expect("token").nonce = Some(nonce.to_owned());
            assert_eq!(
                check(&policy, &h),
                Err(TokenError::MalformedNonce { reason }),
                "nonce {nonce:?}"
            );
        }
    }

    #[test]
    fn malformed_created_is_refused_and_quoted_briefly() {
        let policy = policy_at(t0());
        let mut h = digest_at(t0(), 1);
        let long = format!("yesterday{}", "!".repeat(500));
        h.token.as_mut().expect("token").created = Some(long.clone());
        let Err(TokenError::MalformedTime { element, value }) = check(&policy, &h) else {
            panic!("expected MalformedTime");
        };
        assert_eq!(element, "wsu:Created");
        assert_eq!(value, long[..64]);
        // Without a time zone the instant is unknown.
        h.token.as_mut().expect("token").created = Some("2027-01-15T08:00:00".to_owned());
        assert!(matches!(
            check(&policy, &h),
            Err(TokenError::MalformedTime { .. })
        ));
    }

    #[test]
    fn missing_header_or_token_is_refused() {
        let policy = policy_at(t0());
        assert_eq!(
            policy.check(None, USER, &password()).map(|_| ()),
            Err(TokenError::MissingToken)
        );
        let mut h = digest_at(t0(), 1);
        h.token = None;
        assert_eq!(check(&policy, &h), Err(TokenError::MissingToken));
    }

    #[test]
    fn timestamps_are_checked() {
        let security = WsSecurity::username_token(UsernameToken::digest(USER, PASSWORD))
            .with_timestamp(secs(60));
        let h = security.header_at(t0(), [1; 16]).expect("header");
        // A long token age, so that only the timestamp can refuse.
        let policy_at = |now| policy_at(now).with_max_age(secs(3600));
        assert_eq!(check(&policy_at(t0() + secs(60)), &h), Ok(()));
        // Expires + skew is still accepted, one second more is not.
        assert_eq!(check(&policy_at(t0() + secs(60 + 300)), &h), Ok(()));
        assert_eq!(
            check(&policy_at(t0() + secs(60 + 301)), &h),
            Err(TokenError::TimestampExpired { ago: secs(301) })
        );
        let mut future = h.clone();
        future.timestamp = Some(TimestampValues {
            id: None,
            created: "2027-01-15T09:00:00Z".to_owned(),
            expires: None,
        });
        assert!(matches!(
            check(&policy_at(t0()), &future),
            Err(TokenError::FromFuture {
                element: "wsu:Timestamp/wsu:Created",
                ..
            })
        ));
        let mut garbled = h;
        if let Some(ts) = garbled.timestamp.as_mut() {
            ts.expires = Some("soon".to_owned());
        }
        assert!(matches!(
            check(&policy_at(t0()), &garbled),
            Err(TokenError::MalformedTime {
                element: "wsu:Timestamp/wsu:Expires",
                ..
            })
        ));
    }

    #[test]
    fn refusals_become_sender_faults_with_the_wsse_code() {
        let fault: ServerFault<()> = TokenError::Replayed.into();
        assert_eq!(
            fault,
            ServerFault::Coded {
                side: FaultSide::Sender,
                code: FaultCode::new(WSSE_NS, "FailedAuthentication"),
                reason: "the UsernameToken's nonce was already used".to_owned(),
            }
        );
    }

    #[test]
    fn concurrent_replays_are_accepted_once() {
        let policy = policy_at(t0()).with_replay_cache(1000);
        let h = digest_at(t0(), 5);
        let accepted = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..8 {
                scope.spawn(|| {
                    if check(&policy, &h).is_ok() {
                        accepted.fetch_add(1, Ordering::SeqCst);
                    }
                });
            }
        });
        assert_eq!(accepted.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn a_received_foreign_token_is_checked_as_sent() {
        // Another stack's form: Created with a numeric zone and no fraction, a Timestamp, and
        // a digest over that exact Created text.
        let created = "2027-01-15T09:00:00+01:00";
        let nonce = [0x5a_u8; 20];
        let digest = crate::soap::wsse::password_digest(&nonce, created, &password());
        let xml = format!(
            r#"<wsse:Security xmlns:wsse="{wsse}" xmlns:wsu="{wsu}">
                 <wsu:Timestamp><wsu:Created>2027-01-15T08:00:00Z</wsu:Created>
                   <wsu:Expires>2027-01-15T08:05:00Z</wsu:Expires></wsu:Timestamp>
                 <wsse:UsernameToken><wsse:Username>{USER}</wsse:Username>
                   <wsse:Password Type="{digest_type}">{digest}</wsse:Password>
                   <wsse:Nonce>{nonce}</wsse:Nonce><wsu:Created>{created}</wsu:Created>
                 </wsse:UsernameToken></wsse:Security>"#,
            wsse = crate::soap::wsse::WSSE_NS,
            wsu = crate::soap::wsse::WSU_NS,
            digest_type = crate::soap::wsse::PASSWORD_DIGEST,
            digest = digest.expose(),
            nonce = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, nonce),
        );
        let header: SecurityHeader = crate::xml::from_str(&xml, &crate::xml::ReadOptions::strict())
            .expect("a valid Security block");
        let policy = policy_at(t0() + secs(10)).with_replay_cache(10);
        assert_eq!(check(&policy, &header), Ok(()));
        assert_eq!(check(&policy, &header), Err(TokenError::Replayed));
        assert_eq!(check(&policy_at(t0() + secs(100)), &header), Ok(()));
        // Expires (08:05) + the skew has passed: the timestamp refuses before the token.
        assert_eq!(
            check(&policy_at(t0() + secs(700)), &header),
            Err(TokenError::TimestampExpired { ago: secs(400) })
        );
    }

    #[test]
    fn debug_names_the_settings() {
        let debug = format!("{:?}", UsernameTokenPolicy::new().with_replay_cache(3));
        assert!(debug.contains("max_age: 300s"), "{debug}");
        assert!(debug.contains("capacity: 3"), "{debug}");
    }
}
