//! An embedded mock of the Oracle B2C Chat SOAP API and the Cisco ECE 11.6 chat API, built on
//! the generated server traits and served with axum on 127.0.0.1 (a port the OS picks).
//!
//! One listener serves every service, routed by path:
//!
//! | path | service |
//! |---|---|
//! | [`SITE_V1_2_PATH`] | Oracle chat site v1_2 ([`OracleSite`]) |
//! | [`SITE_V1_1_PATH`] | Oracle chat site v1_1 ([`OracleSiteV1_1`]) |
//! | [`CHAT_PATH_PREFIX`]`<site name>` | Oracle chat server ([`OracleChat`]), the site's ChatUrl |
//! | [`ECE_PATH`]`…` | ECE entry-point status (GET) and survey (POST) ([`Ece`]) |
//!
//! Every Oracle call must carry a WS-Security UsernameToken (PasswordText or PasswordDigest)
//! matching [`MockConfig::username`] / [`MockConfig::password`], and its ClientRequestHeader
//! (site) or ChatClientInfoHeader (chat server) with a non-empty AppID; every refusal is the
//! WSDL's typed `RequestErrorFault` with an `ExceptionCode` naming the reason.
//!
//! The agent is deterministic, so the same session always produces the same messages: a new
//! chat is queued for [`MockConfig::queue_polls`] RetrieveMessages calls (each answered with a
//! wait-information message), then the agent joins (a participant-added message carrying the
//! greeting) and answers every posted line with `You said: <line>`, in order, on the next
//! RetrieveMessages. Sessions are independent: each has its own queue of messages.

mod ece;
mod oracle;
mod server;

use soapstone::soap::wsse::UsernameTokenPolicy;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

pub use ece::Ece;
pub use oracle::{AGENT_CLIENT_ID, ExceptionCode, OracleChat, OracleSite, OracleSiteV1_1};
pub use server::{MockHandler, MockServer, memory_transport};

/// Path of the Oracle chat site v1_2 endpoint.
pub const SITE_V1_2_PATH: &str = "/services/soap/chat/v1_2";
/// Path of the Oracle chat site v1_1 endpoint.
pub const SITE_V1_1_PATH: &str = "/services/soap/chat/v1_1";
/// Path prefix of the Oracle chat server: the ChatUrl is this followed by the site name.
pub const CHAT_PATH_PREFIX: &str = "/Chat/chat/";
/// Address of the ECE entry-point API (operation locations are relative to it).
pub const ECE_PATH: &str = "/system/egain/chat/entrypoint/";
/// The ECE entry point the default configuration knows.
pub const DEFAULT_ENTRY_POINT: i64 = 1000;

/// Settings of the mock. Every field is public; [`MockConfig::default`] is what the example
/// runs with.
#[derive(Debug, Clone, PartialEq)]
pub struct MockConfig {
    /// WS-Security username every Oracle call must carry.
    pub username: String,
    /// WS-Security password (checked as PasswordText or PasswordDigest).
    pub password: String,
    /// The Oracle site name: returned by GetChatUrl, required in every
    /// `TransactionRequestData/SiteName`, and the last segment of the ChatUrl.
    pub site_name: String,
    /// The ChatToken GetChatUrl hands out and RequestChat requires.
    pub chat_token: String,
    /// The AppID every call must carry; `None` accepts any non-empty AppID.
    pub app_id: Option<String>,
    /// Whether chat is open: `false` makes GetChatOperatingHours say so and RequestChat answer
    /// `FAIL_OUT_OF_HOURS`.
    pub in_operating_hours: bool,
    /// Display name of the agent who joins.
    pub agent_name: String,
    /// The agent's greeting (sent in the participant-added message).
    pub greeting: String,
    /// RetrieveMessages calls a new chat stays queued before the agent joins.
    pub queue_polls: u32,
    /// ECE entry points that exist; others are not allowed / unknown.
    pub entry_points: Vec<i64>,
    /// ECE capacity (`availableSlots/count`) of a known entry point.
    pub ece_capacity: i32,
    /// The server stops after answering this many requests (`None`: no limit). Requests
    /// beyond it that still arrive are answered 503.
    pub max_requests: Option<usize>,
    /// The server stops this long after it started (`None`: runs until shut down).
    pub lifetime: Option<Duration>,
}

impl Default for MockConfig {
    fn default() -> Self {
        Self {
            username: "chat-user".to_owned(),
            password: "chat-secret".to_owned(),
            site_name: "soapstone_mock".to_owned(),
            chat_token: "mock-chat-token-0001".to_owned(),
            app_id: None,
            in_operating_hours: true,
            agent_name: "Ada (mock agent)".to_owned(),
            greeting: "Hi, I'm Ada. How can I help you today?".to_owned(),
            queue_polls: 1,
            entry_points: vec![DEFAULT_ENTRY_POINT],
            ece_capacity: 5,
            max_requests: None,
            lifetime: None,
        }
    }
}

/// Counts of what the Oracle services accepted and refused, shared by all of them, and the
/// token policy they all check credentials with (one nonce cache for every endpoint, so a token
/// replayed at another endpoint of the mock is still a replay).
#[derive(Debug)]
pub struct AuthStats {
    text: AtomicUsize,
    digest: AtomicUsize,
    refused: AtomicUsize,
    policy: UsernameTokenPolicy,
}

impl Default for AuthStats {
    fn default() -> Self {
        Self {
            text: AtomicUsize::new(0),
            digest: AtomicUsize::new(0),
            refused: AtomicUsize::new(0),
            // Freshness of wsu:Created (5 min, 5 min skew) and nonce replay, as a real site
            // would check them; 100,000 nonces cover the replay window at ~300 calls/s.
            policy: UsernameTokenPolicy::new().with_replay_cache(100_000),
        }
    }
}

impl AuthStats {
    /// Calls authenticated with a PasswordText token.
    pub fn text(&self) -> usize {
        self.text.load(Ordering::SeqCst)
    }

    /// Calls authenticated with a PasswordDigest token.
    pub fn digest(&self) -> usize {
        self.digest.load(Ordering::SeqCst)
    }

    /// Calls refused (credentials or headers).
    pub fn refused(&self) -> usize {
        self.refused.load(Ordering::SeqCst)
    }
}

/// Every service of the mock, sharing one configuration and one [`AuthStats`]. The fields are
/// the services themselves, so a test can serve any of them on its own (e.g. behind
/// `MemoryTransport` with the generated `Server`).
#[derive(Debug, Clone)]
pub struct MockServices {
    /// Oracle chat site v1_2.
    pub site: Arc<OracleSite>,
    /// Oracle chat site v1_1.
    pub site_v1_1: Arc<OracleSiteV1_1>,
    /// Oracle chat server.
    pub chat: Arc<OracleChat>,
    /// ECE entry-point status and survey.
    pub ece: Arc<Ece>,
    /// What the Oracle services accepted and refused.
    pub auth: Arc<AuthStats>,
}

impl MockServices {
    /// The services of a mock reachable at `base_url` (`http://host:port`, no trailing
    /// slash): the site's ChatUrl points at `base_url` + [`CHAT_PATH_PREFIX`] + site name.
    pub fn new(config: MockConfig, base_url: &str) -> Self {
        let config = Arc::new(config);
        let auth = Arc::new(AuthStats::default());
        let chat_url = chat_url(base_url, &config.site_name);
        Self {
            site: Arc::new(OracleSite::new(
                Arc::clone(&config),
                Arc::clone(&auth),
                chat_url.clone(),
            )),
            site_v1_1: Arc::new(OracleSiteV1_1::new(
                Arc::clone(&config),
                Arc::clone(&auth),
                chat_url,
            )),
            chat: Arc::new(OracleChat::new(Arc::clone(&config), Arc::clone(&auth))),
            ece: Arc::new(Ece::new(config)),
            auth,
        }
    }
}

fn chat_url(base_url: &str, site_name: &str) -> String {
    format!("{base_url}{CHAT_PATH_PREFIX}{site_name}")
}
