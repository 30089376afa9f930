//! One chat session through the generated clients, against the mock or a real server.
//!
//! Oracle B2C Chat: GetChatOperatingHours → GetChatUrl (site v1_2) → RequestChat on the
//! returned ChatUrl with the ChatToken → SendActivityChange → for each line: PostChatMessage,
//! then RetrieveMessages until the agent has joined and replied → TerminateChat. Every call
//! carries a WS-Security UsernameToken, the site calls a ClientRequestHeader and the
//! chat-server calls a ChatClientInfoHeader (with the SessionID once RequestChat gave one).
//!
//! Cisco ECE: chatAllowed, agentAvailability, capacity, liveSessionStatus and checkEligibility
//! for an entry point, then the survey POST.
//!
//! Each run returns a typed summary of what it saw and writes a readable transcript.

use std::collections::HashMap;
use std::fmt;
use std::io::Write;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime};

use soapstone::soap::SoapError;
use soapstone::soap::wsse::{UsernameToken, WsSecurity};
use soapstone::transport::http_binding::HttpBindingError;
use soapstone::transport::{
    HttpConfig, HttpRequest, HttpResponse, HttpTransport, Transport, TransportError,
};
use soapstone::types::DateTime;
use soapstone::xml::XmlText;
use soapstone_generated::bindings::{
    bindings_egain_chat as egain, chat_wsdl as ece, messages_chat_ws_rightnow_v1_2 as site,
    messages_common_chat_ws_rightnow_v1 as common, messages_enduser_chat_ws_rightnow_v1 as enduser,
};

use enduser::chat_server_binding as chat;
use site::chat_site_binding as site_binding;

/// Where and as whom the Oracle session runs, and what it says.
#[derive(Debug, Clone, PartialEq)]
pub struct OracleTarget {
    /// The chat site v1_2 endpoint (GetChatOperatingHours, GetChatUrl).
    pub site_url: String,
    /// WS-Security username.
    pub username: String,
    /// WS-Security password.
    pub password: String,
    /// Send the password as PasswordDigest (nonce + created + SHA-1) instead of PasswordText.
    pub digest: bool,
    /// `TransactionRequestData/SiteName`; `None` uses the SiteName GetChatUrl returns.
    pub site_name: Option<String>,
    /// AppID of the ClientRequestHeader and ChatClientInfoHeader.
    pub app_id: String,
    /// The end user's first name (RequestChat's CustomerInformation).
    pub first_name: String,
    /// The end user's last name.
    pub last_name: String,
    /// The end user's e-mail address, if any.
    pub email: Option<String>,
    /// The lines the end user posts, one at a time, each waiting for the agent's reply.
    pub messages: Vec<String>,
    /// How long to wait for the agent (to join and) to reply to one line.
    pub reply_timeout: Duration,
    /// Pause after a RetrieveMessages that brought nothing new.
    pub poll_interval: Duration,
    /// Time allowed for one SOAP call (RetrieveMessages may be held by the server).
    pub call_timeout: Duration,
}

impl OracleTarget {
    /// A target with the example's defaults: PasswordText, two lines, 30 s per reply.
    pub fn new(
        site_url: impl Into<String>,
        username: impl Into<String>,
        password: impl Into<String>,
    ) -> Self {
        Self {
            site_url: site_url.into(),
            username: username.into(),
            password: password.into(),
            digest: false,
            site_name: None,
            app_id: "soapstone chat_session".to_owned(),
            first_name: "Sam".to_owned(),
            last_name: "Stone".to_owned(),
            email: None,
            messages: vec![
                "Hello! Where is my order 1234?".to_owned(),
                "Thanks, that's all I needed.".to_owned(),
            ],
            reply_timeout: Duration::from_secs(30),
            poll_interval: Duration::from_millis(250),
            call_timeout: Duration::from_secs(60),
        }
    }

    /// The WS-Security settings of every call.
    pub fn security(&self) -> WsSecurity {
        let token = if self.digest {
            UsernameToken::digest(self.username.as_str(), self.password.as_str())
        } else {
            UsernameToken::text(self.username.as_str(), self.password.as_str())
        };
        WsSecurity::username_token(token)
    }
}

/// Where the ECE session runs.
#[derive(Debug, Clone, PartialEq)]
pub struct EceTarget {
    /// The entry-point API address (`…/system/egain/chat/entrypoint/`).
    pub base_url: String,
    /// The entry point asked about.
    pub entry_point: i64,
    /// `sid` of the survey posted at the end (the chat session it rates).
    pub survey_sid: String,
    /// Questions and answers of the survey.
    pub survey: Vec<(String, String)>,
    /// Time allowed for one request.
    pub call_timeout: Duration,
}

impl EceTarget {
    /// A target with a two-question survey.
    pub fn new(base_url: impl Into<String>, entry_point: i64) -> Self {
        Self {
            base_url: base_url.into(),
            entry_point,
            survey_sid: "soapstone-demo".to_owned(),
            survey: vec![
                ("How satisfied were you?".to_owned(), "Very".to_owned()),
                ("Would you chat again?".to_owned(), "Yes".to_owned()),
            ],
            call_timeout: Duration::from_secs(30),
        }
    }
}

/// Something the Oracle session saw or did, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChatEvent {
    /// A wait-information message: the chat is queued.
    Queued {
        /// Position in the queue.
        position: Option<i32>,
        /// Expected wait, seconds.
        expected_wait_seconds: Option<i32>,
    },
    /// A participant-added message: the agent joined.
    AgentJoined {
        /// The agent's display name.
        name: String,
        /// The greeting it carried.
        greeting: Option<String>,
        /// The agent's ClientID.
        client_id: i64,
    },
    /// A line the end user posted.
    Sent {
        /// The line.
        body: String,
    },
    /// A message-posted message from another participant.
    Received {
        /// The sender's ClientID.
        client_id: i64,
        /// The line.
        body: String,
    },
    /// An activity-changed message.
    ActivityChanged {
        /// Whose activity.
        client_id: Option<i64>,
        /// The new mode (`RESPONDING`, `LISTENING`, …).
        mode: Option<String>,
    },
    /// A participant-left message.
    ParticipantLeft {
        /// Who left.
        client_id: Option<i64>,
        /// Why.
        reason: Option<String>,
    },
    /// A concluded message: the server ended the chat.
    Concluded {
        /// Why.
        reason: Option<String>,
    },
    /// A system message of a kind the WSDL does not declare (kept by its element name).
    Other {
        /// `{namespace}local` of the element.
        element: String,
    },
}

/// What the Oracle session saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OracleSummary {
    /// GetChatOperatingHours: chat is open now.
    pub in_operating_hours: bool,
    /// GetChatOperatingHours: today is a holiday.
    pub in_holiday: bool,
    /// GetChatOperatingHours: number of intervals.
    pub intervals: usize,
    /// GetChatUrl: the chat server endpoint every later call went to.
    pub chat_url: String,
    /// The SiteName used in every TransactionRequestData.
    pub site_name: String,
    /// RequestChat: the SessionID.
    pub session_id: String,
    /// RequestChat: the end user's ClientID.
    pub client_id: i64,
    /// RequestChat: the EngagementID, if any.
    pub engagement_id: Option<i64>,
    /// Everything that happened in the chat, in order.
    pub events: Vec<ChatEvent>,
    /// RetrieveMessages calls made.
    pub retrievals: usize,
    /// SOAP calls made (all seven operations).
    pub calls: usize,
}

impl OracleSummary {
    /// Whether a participant-added message arrived.
    pub fn agent_joined(&self) -> bool {
        self.events
            .iter()
            .any(|e| matches!(e, ChatEvent::AgentJoined { .. }))
    }

    /// The lines other participants posted, in order.
    pub fn replies(&self) -> Vec<&str> {
        self.events
            .iter()
            .filter_map(|e| match e {
                ChatEvent::Received { body, .. } => Some(body.as_str()),
                _ => None,
            })
            .collect()
    }
}

/// What the ECE session saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EceSummary {
    /// The entry point.
    pub entry_point: i64,
    /// chatAllowed/@allowed.
    pub chat_allowed: bool,
    /// chatAllowed/@reason.
    pub not_allowed_reason: Option<String>,
    /// agentAvailability/@available.
    pub agent_available: bool,
    /// availableSlots/count.
    pub capacity: i32,
    /// sessionStatus/queueDepth.
    pub queue_depth: i32,
    /// sessionStatus/waitTime (seconds, as sent).
    pub wait_time: String,
    /// checkEligibility/@responseType.
    pub eligibility: String,
    /// HTTP status of the survey POST (204 from ECE).
    pub survey_status: u16,
}

/// Why a session failed.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// A chat-site call failed (transport, HTTP status, fault).
    #[error("{operation} (chat site) failed: {source}{}", detail_suffix(.detail))]
    Site {
        /// The operation.
        operation: &'static str,
        /// `ExceptionCode: ExceptionMessage` of a typed fault.
        detail: Option<String>,
        /// The client's error.
        #[source]
        source: Box<SoapError<site_binding::Fault>>,
    },
    /// A chat-server call failed.
    #[error("{operation} (chat server) failed: {source}{}", detail_suffix(.detail))]
    Chat {
        /// The operation.
        operation: &'static str,
        /// `ExceptionCode: ExceptionMessage` of a typed fault.
        detail: Option<String>,
        /// The client's error.
        #[source]
        source: Box<SoapError<chat::Fault>>,
    },
    /// An ECE request failed.
    #[error("ECE {operation} failed: {source}")]
    Ece {
        /// The operation.
        operation: &'static str,
        /// The client's error.
        #[source]
        source: Box<HttpBindingError>,
    },
    /// The HTTP client could not be built.
    #[error("cannot set up HTTP: {0}")]
    Setup(#[from] TransportError),
    /// RequestChat did not start a chat.
    #[error("the chat did not start: RequestChat answered {result}")]
    NotStarted {
        /// The ResultType.
        result: String,
    },
    /// RequestChat answered SUCCESS but gave no SessionID to continue with.
    #[error("RequestChat answered SUCCESS without a SessionID")]
    NoSessionId,
    /// The agent did not join and reply in time.
    #[error(
        "no reply to `{line}` within {waited:?} (agent joined: {joined}, {retrievals} RetrieveMessages calls)"
    )]
    NoReply {
        /// The line waiting for a reply.
        line: String,
        /// How long the session waited.
        waited: Duration,
        /// Whether the agent had joined.
        joined: bool,
        /// RetrieveMessages calls made while waiting.
        retrievals: usize,
    },
    /// The server ended the chat while the session waited for a reply.
    #[error("the chat was ended by the server while waiting for a reply ({reason})")]
    EndedByServer {
        /// The concluded / participant-left reason.
        reason: String,
    },
    /// The transcript could not be written.
    #[error("cannot write the transcript: {0}")]
    Transcript(#[from] std::io::Error),
}

fn detail_suffix(detail: &Option<String>) -> String {
    detail
        .as_ref()
        .map_or_else(String::new, |d| format!(" [{d}]"))
}

fn site_error(
    operation: &'static str,
) -> impl FnOnce(SoapError<site_binding::Fault>) -> SessionError {
    move |source| {
        let detail = source
            .fault()
            .and_then(|f| f.typed_detail())
            .map(|d| match d {
                site_binding::Fault::RequestErrorFault(f) => {
                    format!(
                        "RequestErrorFault {}: {}",
                        f.exception_code, f.exception_message
                    )
                }
                site_binding::Fault::ServerErrorFault(f) => {
                    format!(
                        "ServerErrorFault {}: {}",
                        f.exception_code, f.exception_message
                    )
                }
                site_binding::Fault::UnexpectedErrorFault(f) => format!(
                    "UnexpectedErrorFault {}: {}",
                    f.exception_code, f.exception_message
                ),
            });
        SessionError::Site {
            operation,
            detail,
            source: Box::new(source),
        }
    }
}

fn chat_error(operation: &'static str) -> impl FnOnce(SoapError<chat::Fault>) -> SessionError {
    move |source| {
        let detail = source
            .fault()
            .and_then(|f| f.typed_detail())
            .map(|d| match d {
                chat::Fault::RequestErrorFault(f) => {
                    format!(
                        "RequestErrorFault {}: {}",
                        f.exception_code, f.exception_message
                    )
                }
                chat::Fault::ServerErrorFault(f) => {
                    format!(
                        "ServerErrorFault {}: {}",
                        f.exception_code, f.exception_message
                    )
                }
                chat::Fault::UnexpectedErrorFault(f) => format!(
                    "UnexpectedErrorFault {}: {}",
                    f.exception_code, f.exception_message
                ),
            });
        SessionError::Chat {
            operation,
            detail,
            source: Box::new(source),
        }
    }
}

fn ece_error(operation: &'static str) -> impl FnOnce(HttpBindingError) -> SessionError {
    move |source| SessionError::Ece {
        operation,
        source: Box::new(source),
    }
}

/// The HTTP transport of a session: `call_timeout` per request, 10 s to connect.
pub fn http_transport(call_timeout: Duration) -> Result<HttpTransport, TransportError> {
    HttpTransport::with_config(HttpConfig {
        connect_timeout: Duration::from_secs(10),
        request_timeout: call_timeout,
        ..HttpConfig::default()
    })
}

/// The two Oracle clients of a session, sharing one transport. One value serves any number
/// of concurrent sessions.
#[derive(Debug, Clone)]
pub struct OracleClients<T> {
    /// The chat site v1_2 client (endpoint: the target's site URL).
    pub site: site_binding::Client<T>,
    /// The chat server client; each session calls it `at` the ChatUrl the site returned.
    pub chat: chat::Client<T>,
}

impl<T: Clone> OracleClients<T> {
    /// Clients of `target` (site URL, credentials, call timeout) over `transport`.
    pub fn new(transport: T, target: &OracleTarget) -> Self {
        let security = target.security();
        Self {
            site: site_binding::Client::new(transport.clone())
                .with_endpoint(target.site_url.as_str())
                .with_security(security.clone())
                .with_timeout(target.call_timeout),
            chat: chat::Client::new(transport)
                .with_security(security)
                .with_timeout(target.call_timeout),
        }
    }
}

/// Runs the Oracle session against `target` over a fresh HTTP transport.
pub async fn run_oracle_session(
    target: &OracleTarget,
    out: &mut impl Write,
) -> Result<OracleSummary, SessionError> {
    let clients = OracleClients::new(http_transport(target.call_timeout)?, target);
    run_oracle_session_with(&clients, target, out).await
}

/// Runs the Oracle session with `clients` (shared by concurrent sessions, or over a
/// `MemoryTransport`). `target` supplies the session's lines, names and timeouts; the
/// endpoints and credentials are the clients'.
pub async fn run_oracle_session_with<T: Transport>(
    clients: &OracleClients<T>,
    target: &OracleTarget,
    out: &mut impl Write,
) -> Result<OracleSummary, SessionError> {
    writeln!(
        out,
        "== Oracle B2C Chat: site {} (user {}, {}) ==",
        clients.site.endpoint(),
        target.username,
        if target.digest {
            "PasswordDigest"
        } else {
            "PasswordText"
        }
    )?;
    let client_header = Some(site::ClientRequestHeader {
        app_id: target.app_id.clone(),
    });

    let hours = clients
        .site
        .get_chat_operating_hours(
            &site::GetChatOperatingHours {},
            &site_binding::GetChatOperatingHoursHeaders {
                client_request_header: client_header.clone(),
            },
        )
        .await
        .map_err(site_error("GetChatOperatingHours"))?
        .get_chat_operating_hours_result;
    step(
        out,
        "GetChatOperatingHours",
        format_args!(
            "{}, {}, {} interval(s)",
            if hours.in_operating_hours {
                "open now"
            } else {
                "closed now"
            },
            if hours.in_holiday {
                "a holiday"
            } else {
                "not a holiday"
            },
            hours.intervals.interval.len()
        ),
    )?;

    let url = clients
        .site
        .get_chat_url(
            &site::GetChatUrl {
                url_type: site::UrlType::Enduser,
                version: "1.2".to_owned(),
            },
            &site_binding::GetChatUrlHeaders {
                client_request_header: client_header,
            },
        )
        .await
        .map_err(site_error("GetChatUrl"))?
        .get_chat_url_result;
    let chat_url = url.chat_url.to_string();
    let site_name = target
        .site_name
        .clone()
        .unwrap_or_else(|| url.site_name.clone());
    step(
        out,
        "GetChatUrl",
        format_args!(
            "ChatUrl {chat_url}, SiteName {}, ChatToken received",
            url.site_name
        ),
    )?;

    let mut session = ChatRun {
        chat: clients.chat.at(chat_url.as_str()),
        target,
        site_name: site_name.clone(),
        app_id: target.app_id.clone(),
        session_id: None,
        client_id: 0,
        next_transaction: 0,
        calls: 2,
        retrievals: 0,
        events: Vec::new(),
        names: HashMap::new(),
    };
    let started = session.start(&url.chat_token, out).await?;
    let engagement_id = started.engagement_id;
    // Once the chat exists, end it even when a later step fails.
    let conversation = session.converse(out).await;
    let ended = session.terminate(out).await;
    conversation?;
    ended?;

    Ok(OracleSummary {
        in_operating_hours: hours.in_operating_hours,
        in_holiday: hours.in_holiday,
        intervals: hours.intervals.interval.len(),
        chat_url,
        site_name,
        session_id: session.session_id.unwrap_or_default(),
        client_id: session.client_id,
        engagement_id,
        events: session.events,
        retrievals: session.retrievals,
        calls: session.calls,
    })
}

/// What RequestChat answered that the summary keeps.
struct Started {
    engagement_id: Option<i64>,
}

/// The chat-server half of an Oracle session.
struct ChatRun<'a, T> {
    chat: chat::Client<&'a T>,
    target: &'a OracleTarget,
    site_name: String,
    app_id: String,
    session_id: Option<String>,
    client_id: i64,
    next_transaction: i64,
    calls: usize,
    retrievals: usize,
    events: Vec<ChatEvent>,
    names: HashMap<i64, String>,
}

impl<T: Transport> ChatRun<'_, T> {
    fn transaction(&mut self) -> enduser::TransactionRequestData {
        self.next_transaction += 1;
        self.calls += 1;
        enduser::TransactionRequestData {
            client_request_time: Some(DateTime::from(SystemTime::now())),
            client_transaction_id: self.next_transaction,
            site_name: self.site_name.clone(),
        }
    }

    fn info(&self) -> Option<common::ChatClientInfoHeaderElement> {
        Some(common::ChatClientInfoHeaderElement {
            app_id: self.app_id.clone(),
            session_id: self.session_id.clone(),
        })
    }

    async fn start(&mut self, token: &str, out: &mut impl Write) -> Result<Started, SessionError> {
        let request = enduser::RequestChat {
            transaction_request_data: self.transaction(),
            custom_fields: Vec::new(),
            customer_information: common::CustomerInformation {
                e_mail_address: self.target.email.clone(),
                first_name: Some(self.target.first_name.clone()),
                last_name: Some(self.target.last_name.clone()),
                interface_id: None,
                contact_id: None,
                question: self.target.messages.first().cloned(),
                category_id: None,
            },
            resume_type: None,
            chat_session_token: token.to_owned(),
            incident_id: None,
        };
        let started = self
            .chat
            .request_chat(
                &request,
                &chat::RequestChatHeaders {
                    chat_client_info_header: self.info(),
                },
            )
            .await
            .map_err(chat_error("RequestChat"))?;
        let result = text(&started.result_type);
        if started.result_type != enduser::ResultType::Success {
            step(out, "RequestChat", format_args!("{result}"))?;
            return Err(SessionError::NotStarted { result });
        }
        let session_id = started.session_id.ok_or(SessionError::NoSessionId)?;
        self.client_id = started.transaction_response_data.client_id;
        let engagement_id = started.engagement_id.map(|e| e.id);
        step(
            out,
            "RequestChat",
            format_args!(
                "{result}: SessionID {session_id}, ClientID {}{}",
                self.client_id,
                engagement_id.map_or_else(String::new, |e| format!(", EngagementID {e}"))
            ),
        )?;
        self.session_id = Some(session_id);
        Ok(Started { engagement_id })
    }

    async fn converse(&mut self, out: &mut impl Write) -> Result<(), SessionError> {
        let input = enduser::SendActivityChange {
            transaction_request_data: self.transaction(),
            mode: enduser::EndUserActivityMode::Responding,
        };
        self.chat
            .send_activity_change(
                &input,
                &chat::SendActivityChangeHeaders {
                    chat_client_info_header: self.info(),
                },
            )
            .await
            .map_err(chat_error("SendActivityChange"))?;
        step(
            out,
            "SendActivityChange",
            format_args!("RESPONDING (typing)"),
        )?;

        for line in &self.target.messages {
            let post = enduser::PostChatMessage {
                transaction_request_data: self.transaction(),
                body: line.clone(),
                off_the_record: None,
            };
            self.chat
                .post_chat_message(
                    &post,
                    &chat::PostChatMessageHeaders {
                        chat_client_info_header: self.info(),
                    },
                )
                .await
                .map_err(chat_error("PostChatMessage"))?;
            step(out, "PostChatMessage", format_args!("you: {line}"))?;
            self.events.push(ChatEvent::Sent { body: line.clone() });
            self.await_reply(line, out).await?;
        }
        Ok(())
    }

    fn replies(&self) -> usize {
        self.events
            .iter()
            .filter(|e| matches!(e, ChatEvent::Received { .. }))
            .count()
    }

    /// RetrieveMessages until someone else has posted a line after `line` (so the agent has
    /// joined and replied), at most `reply_timeout`.
    async fn await_reply(&mut self, line: &str, out: &mut impl Write) -> Result<(), SessionError> {
        let before = self.replies();
        let started = Instant::now();
        let mut retrievals = 0;
        loop {
            let input = enduser::RetrieveMessages {
                transaction_request_data: self.transaction(),
            };
            let remaining = self.target.reply_timeout.saturating_sub(started.elapsed());
            let headers = chat::RetrieveMessagesHeaders {
                chat_client_info_header: self.info(),
            };
            let call = self.chat.retrieve_messages(&input, &headers);
            let answer = match tokio::time::timeout(remaining, call).await {
                Ok(answer) => answer.map_err(chat_error("RetrieveMessages"))?,
                Err(_) => return Err(self.no_reply(line, started, retrievals)),
            };
            retrievals += 1;
            self.retrievals += 1;
            let messages = answer.system_messages.map(|m| m.choice).unwrap_or_default();
            let news = !messages.is_empty();
            for message in messages {
                self.record(message, out)?;
            }
            if let Some(reason) = self.ended() {
                return Err(SessionError::EndedByServer { reason });
            }
            if self.replies() > before {
                return Ok(());
            }
            if started.elapsed() >= self.target.reply_timeout {
                return Err(self.no_reply(line, started, retrievals));
            }
            if !news {
                tokio::time::sleep(
                    self.target
                        .poll_interval
                        .min(self.target.reply_timeout.saturating_sub(started.elapsed())),
                )
                .await;
            }
        }
    }

    fn no_reply(&self, line: &str, started: Instant, retrievals: usize) -> SessionError {
        SessionError::NoReply {
            line: line.to_owned(),
            waited: started.elapsed(),
            joined: self
                .events
                .iter()
                .any(|e| matches!(e, ChatEvent::AgentJoined { .. })),
            retrievals,
        }
    }

    fn ended(&self) -> Option<String> {
        self.events.iter().rev().find_map(|e| match e {
            ChatEvent::Concluded { reason } => {
                Some(reason.clone().unwrap_or_else(|| "concluded".to_owned()))
            }
            _ => None,
        })
    }

    fn name(&self, client_id: i64) -> String {
        self.names
            .get(&client_id)
            .cloned()
            .unwrap_or_else(|| format!("participant {client_id}"))
    }

    fn record(
        &mut self,
        message: enduser::SystemMessagesChoice,
        out: &mut impl Write,
    ) -> Result<(), SessionError> {
        use enduser::SystemMessagesChoice as M;
        let event = match message {
            M::RnChatWaitInformationChangedMessage(m) => {
                step(
                    out,
                    "RetrieveMessages",
                    format_args!(
                        "queued: position {}, expected wait {} s",
                        optional(m.position),
                        optional(m.expected_wait_seconds)
                    ),
                )?;
                ChatEvent::Queued {
                    position: m.position,
                    expected_wait_seconds: m.expected_wait_seconds,
                }
            }
            M::RnChatParticipantAddedMessage(m) => {
                self.names.insert(m.client_id, m.name.clone());
                step(
                    out,
                    "RetrieveMessages",
                    format_args!(
                        "{} joined{}",
                        m.name,
                        m.greeting
                            .as_deref()
                            .map_or_else(String::new, |g| format!(": {g}"))
                    ),
                )?;
                ChatEvent::AgentJoined {
                    name: m.name,
                    greeting: m.greeting,
                    client_id: m.client_id,
                }
            }
            M::RnChatMessagePostedMessage(m) => {
                if m.client_id == self.client_id {
                    // The server echoing the end user's own line: already in the transcript.
                    return Ok(());
                }
                step(
                    out,
                    "RetrieveMessages",
                    format_args!("{}: {}", self.name(m.client_id), m.body),
                )?;
                ChatEvent::Received {
                    client_id: m.client_id,
                    body: m.body,
                }
            }
            M::RnChatActivityChangedMessage(m) => {
                let mode = m.mode.as_ref().map(text);
                step(
                    out,
                    "RetrieveMessages",
                    format_args!(
                        "{} is {}",
                        m.client_id
                            .map_or_else(|| "someone".to_owned(), |id| self.name(id)),
                        mode.as_deref().unwrap_or("active")
                    ),
                )?;
                ChatEvent::ActivityChanged {
                    client_id: m.client_id,
                    mode,
                }
            }
            M::RnChatParticipantLeftMessage(m) => {
                let reason = m.disconnect_reason.as_ref().map(text);
                step(
                    out,
                    "RetrieveMessages",
                    format_args!(
                        "{} left ({})",
                        m.client_id
                            .map_or_else(|| "someone".to_owned(), |id| self.name(id)),
                        reason.as_deref().unwrap_or("no reason given")
                    ),
                )?;
                ChatEvent::ParticipantLeft {
                    client_id: m.client_id,
                    reason,
                }
            }
            M::RnChatConcludedMessage(m) => {
                let reason = m.reason.as_ref().map(text);
                step(
                    out,
                    "RetrieveMessages",
                    format_args!(
                        "chat concluded ({})",
                        reason.as_deref().unwrap_or("no reason given")
                    ),
                )?;
                ChatEvent::Concluded { reason }
            }
            M::Other(element) => {
                let element = element.name().to_string();
                step(
                    out,
                    "RetrieveMessages",
                    format_args!("(a system message this WSDL does not declare: {element})"),
                )?;
                ChatEvent::Other { element }
            }
        };
        self.events.push(event);
        Ok(())
    }

    async fn terminate(&mut self, out: &mut impl Write) -> Result<(), SessionError> {
        let input = enduser::TerminateChat {
            transaction_request_data: self.transaction(),
        };
        self.chat
            .terminate_chat(
                &input,
                &chat::TerminateChatHeaders {
                    chat_client_info_header: self.info(),
                },
            )
            .await
            .map_err(chat_error("TerminateChat"))?;
        step(
            out,
            "TerminateChat",
            format_args!(
                "chat ended ({} SOAP calls, {} RetrieveMessages)",
                self.calls, self.retrievals
            ),
        )?;
        Ok(())
    }
}

/// A simple type's lexical form (enumeration values as the WSDL spells them).
fn text<V: XmlText>(value: &V) -> String {
    let mut out = String::new();
    value.write_xml_text(&mut out);
    out
}

fn optional(value: Option<i32>) -> String {
    value.map_or_else(|| "?".to_owned(), |v| v.to_string())
}

fn step(out: &mut impl Write, operation: &str, what: fmt::Arguments<'_>) -> std::io::Result<()> {
    writeln!(out, "  {operation:<22} {what}")
}

// ---------------------------------------------------------------------------------------------
// ECE

/// A transport that remembers the status of the last response (the survey's 204, which the
/// generated one-way client does not return).
#[derive(Debug)]
struct StatusRecorder<'a, T> {
    inner: &'a T,
    last: Mutex<Option<u16>>,
}

impl<T: Transport> Transport for StatusRecorder<'_, T> {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let response = self.inner.send(request).await;
        if let Ok(r) = &response {
            *self.last.lock().unwrap_or_else(PoisonError::into_inner) = Some(r.status);
        }
        response
    }
}

/// Runs the ECE session against `target` over a fresh HTTP transport.
pub async fn run_ece_session(
    target: &EceTarget,
    out: &mut impl Write,
) -> Result<EceSummary, SessionError> {
    let transport = http_transport(target.call_timeout)?;
    run_ece_session_with(&transport, target, out).await
}

/// Runs the ECE session over `transport` (HTTP, or a `MemoryTransport` answered by the mock).
pub async fn run_ece_session_with<T: Transport>(
    transport: &T,
    target: &EceTarget,
    out: &mut impl Write,
) -> Result<EceSummary, SessionError> {
    writeln!(
        out,
        "== Cisco ECE: {} entry point {} ==",
        target.base_url, target.entry_point
    )?;
    let recorder = StatusRecorder {
        inner: transport,
        last: Mutex::new(None),
    };
    let status = ece::entry_point_status_get_binding::Client::new(&recorder)
        .with_endpoint(target.base_url.as_str())
        .with_timeout(target.call_timeout);
    let id = target.entry_point;

    let allowed = status
        .chat_allowed(&id)
        .await
        .map_err(ece_error("chatAllowed"))?;
    let not_allowed_reason = allowed.reason.as_ref().map(text);
    step(
        out,
        "chatAllowed",
        format_args!(
            "{}{}",
            if allowed.allowed {
                "allowed"
            } else {
                "not allowed"
            },
            not_allowed_reason
                .as_deref()
                .map_or_else(String::new, |r| format!(" ({r})"))
        ),
    )?;
    let available = status
        .agent_availability(&id)
        .await
        .map_err(ece_error("agentAvailability"))?;
    step(
        out,
        "agentAvailability",
        format_args!(
            "{}",
            if available.available {
                "an agent is available"
            } else {
                "no agent available"
            }
        ),
    )?;
    let capacity = status.capacity(&id).await.map_err(ece_error("capacity"))?;
    step(
        out,
        "capacity",
        format_args!("{} free slot(s)", capacity.count),
    )?;
    let live = status
        .live_session_status(&id)
        .await
        .map_err(ece_error("liveSessionStatus"))?;
    let wait_time = text(&live.wait_time);
    step(
        out,
        "liveSessionStatus",
        format_args!("queue depth {}, wait time {wait_time} s", live.queue_depth),
    )?;
    let eligibility = status
        .check_eligibility(&id)
        .await
        .map_err(ece_error("checkEligibility"))?;
    let eligibility = text(&eligibility.response_type);
    step(
        out,
        "checkEligibility",
        format_args!("responseType {eligibility}"),
    )?;

    let survey = ece::entry_point_survey_post_binding::Client::new(&recorder)
        .with_endpoint(target.base_url.as_str())
        .with_timeout(target.call_timeout);
    let answers = egain::EgainSurveyElement {
        sid: target.survey_sid.clone(),
        survey: target
            .survey
            .iter()
            .map(|(question, answer)| egain::SurveyEntry {
                question: question.clone(),
                answer: answer.clone(),
            })
            .collect(),
    };
    survey.survey(&answers).await.map_err(ece_error("survey"))?;
    let survey_status = recorder
        .last
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .unwrap_or_default();
    step(
        out,
        "survey (POST)",
        format_args!(
            "{} answer(s) for sid {}: HTTP {survey_status}",
            answers.survey.len(),
            answers.sid
        ),
    )?;

    Ok(EceSummary {
        entry_point: id,
        chat_allowed: allowed.allowed,
        not_allowed_reason,
        agent_available: available.available,
        capacity: capacity.count,
        queue_depth: live.queue_depth,
        wait_time,
        eligibility,
        survey_status,
    })
}
