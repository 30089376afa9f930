//! The Oracle B2C chat site (v1_2, v1_1) and chat server of the mock.

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::SystemTime;

use soapstone::server::ServerFault;
use soapstone::soap::Secret;
use soapstone::soap::wsse::{PasswordType, SecurityHeader};
use soapstone::types::{AnyUri, DateTime};
use soapstone::xml::AnyElement;
use soapstone_generated::bindings::{
    fault_ws_rightnow_v1_1 as fault11, fault_ws_rightnow_v1_2 as fault12,
    faults_chat_ws_rightnow_v1 as chat_faults, messages_chat_ws_rightnow_v1_1 as site11,
    messages_chat_ws_rightnow_v1_2 as site12, messages_common_chat_ws_rightnow_v1 as common,
    messages_enduser_chat_ws_rightnow_v1 as enduser,
};

use super::{AuthStats, MockConfig};

use enduser::chat_server_binding as chat;

/// `ClientID` of the mock's agent in every message it sends.
pub const AGENT_CLIENT_ID: i64 = 9001;

/// End-user client ids are this plus the session's number.
const FIRST_END_USER_ID: i64 = 10_000;

/// Seconds of expected wait per queue position in the wait-information messages.
const WAIT_PER_POSITION: i32 = 15;

/// Why the mock refused a call: the `ExceptionCode` of its typed `RequestErrorFault`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExceptionCode {
    /// No UsernameToken, an unknown user or a wrong password.
    AuthenticationFailed,
    /// ClientRequestHeader / ChatClientInfoHeader missing, or its AppID empty or not the
    /// configured one.
    InvalidClientHeader,
    /// `TransactionRequestData/SiteName` is not the mock's site.
    InvalidSiteName,
    /// RequestChat's ChatSessionToken is not the one GetChatUrl handed out.
    InvalidChatToken,
    /// ChatClientInfoHeader/SessionID missing, unknown or already terminated.
    InvalidSession,
}

impl ExceptionCode {
    /// The code as sent in `ExceptionCode`.
    pub fn as_str(self) -> &'static str {
        match self {
            ExceptionCode::AuthenticationFailed => "AUTHENTICATION_FAILED",
            ExceptionCode::InvalidClientHeader => "INVALID_CLIENT_HEADER",
            ExceptionCode::InvalidSiteName => "INVALID_SITE_NAME",
            ExceptionCode::InvalidChatToken => "INVALID_CHAT_TOKEN",
            ExceptionCode::InvalidSession => "INVALID_SESSION",
        }
    }
}

impl fmt::Display for ExceptionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A refused call, before it becomes the binding's typed fault.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Refusal {
    code: ExceptionCode,
    message: String,
}

impl Refusal {
    fn new(code: ExceptionCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    fn into_fault<F: RequestErrorDetail>(self) -> ServerFault<F> {
        let detail = F::request_error(self.code.as_str(), &self.message);
        ServerFault::typed(self.message, detail)
    }
}

/// The binding fault enums that can carry a `RequestErrorFault`.
trait RequestErrorDetail {
    fn request_error(code: &str, message: &str) -> Self;
}

impl RequestErrorDetail for chat::Fault {
    fn request_error(code: &str, message: &str) -> Self {
        chat::Fault::RequestErrorFault(Box::new(chat_faults::RequestErrorFault {
            exception_code: code.to_owned(),
            exception_message: message.to_owned(),
            failed_item_index: None,
        }))
    }
}

impl RequestErrorDetail for site12::chat_site_binding::Fault {
    fn request_error(code: &str, message: &str) -> Self {
        site12::chat_site_binding::Fault::RequestErrorFault(Box::new(fault12::RequestErrorFault {
            exception_code: code.to_owned(),
            exception_message: message.to_owned(),
            failed_item_index: None,
        }))
    }
}

impl RequestErrorDetail for site11::chat_site_binding::Fault {
    fn request_error(code: &str, message: &str) -> Self {
        site11::chat_site_binding::Fault::RequestErrorFault(Box::new(fault11::RequestErrorFault {
            exception_code: code.to_owned(),
            exception_message: message.to_owned(),
            failed_item_index: None,
        }))
    }
}

/// Checks the WS-Security UsernameToken against the configured credentials.
fn authenticate(
    config: &MockConfig,
    stats: &AuthStats,
    security: Option<&SecurityHeader>,
) -> Result<(), Refusal> {
    let refused = |message: &str| {
        stats.refused.fetch_add(1, Ordering::SeqCst);
        Refusal::new(ExceptionCode::AuthenticationFailed, message)
    };
    // Unknown user and wrong password are one refusal, so a caller cannot probe for user names.
    let token = stats
        .policy
        .check(
            security,
            &config.username,
            &Secret::from(config.password.as_str()),
        )
        .map_err(|e| refused(&e.to_string()))?;
    let counter = match token.password_type {
        PasswordType::Text => &stats.text,
        PasswordType::Digest => &stats.digest,
    };
    counter.fetch_add(1, Ordering::SeqCst);
    Ok(())
}

/// Checks the AppID of a ClientRequestHeader / ChatClientInfoHeader.
fn check_app_id(
    config: &MockConfig,
    stats: &AuthStats,
    app_id: Option<&str>,
) -> Result<(), Refusal> {
    let problem = match (app_id, config.app_id.as_deref()) {
        (None, _) => "the client header (AppID) is missing",
        (Some(""), _) => "the AppID is empty",
        (Some(got), Some(want)) if got != want => "the AppID is not registered with this site",
        _ => return Ok(()),
    };
    stats.refused.fetch_add(1, Ordering::SeqCst);
    Err(Refusal::new(ExceptionCode::InvalidClientHeader, problem))
}

fn now() -> DateTime {
    DateTime::from(SystemTime::now())
}

/// One `<ns:Name>text</ns:Name>` of an operating-hours interval (its content is open).
fn text_element(ns: &str, local: &str, text: &str) -> AnyElement {
    AnyElement::new(ns, local).with_text(text)
}

/// Monday to Friday, 08:00 to 20:00, as interval contents in namespace `ns`.
fn weekday_intervals(ns: &str) -> Vec<Vec<AnyElement>> {
    ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"]
        .iter()
        .map(|day| {
            vec![
                text_element(ns, "DayOfWeek", day),
                text_element(ns, "StartTime", "08:00:00"),
                text_element(ns, "EndTime", "20:00:00"),
            ]
        })
        .collect()
}

fn parse_chat_url(url: &str) -> Result<AnyUri, Refusal> {
    url.parse().map_err(|e| {
        // Only a misconfigured base URL gets here; the caller sees a server-side refusal.
        Refusal::new(
            ExceptionCode::InvalidClientHeader,
            format!("the mock's ChatUrl `{url}` is not a URI: {e}"),
        )
    })
}

// ---------------------------------------------------------------------------------------------
// Site v1_2

/// The Oracle chat site, v1_2: GetChatOperatingHours and GetChatUrl.
#[derive(Debug)]
pub struct OracleSite {
    config: Arc<MockConfig>,
    auth: Arc<AuthStats>,
    chat_url: String,
}

impl OracleSite {
    /// A site whose GetChatUrl returns `chat_url`.
    pub fn new(config: Arc<MockConfig>, auth: Arc<AuthStats>, chat_url: impl Into<String>) -> Self {
        Self {
            config,
            auth,
            chat_url: chat_url.into(),
        }
    }

    /// The ChatUrl GetChatUrl returns.
    pub fn chat_url(&self) -> &str {
        &self.chat_url
    }

    fn admit(
        &self,
        security: Option<&SecurityHeader>,
        header: Option<&site12::ClientRequestHeader>,
    ) -> Result<(), Refusal> {
        authenticate(&self.config, &self.auth, security)?;
        check_app_id(&self.config, &self.auth, header.map(|h| h.app_id.as_str()))
    }
}

impl site12::chat_site_binding::Service for OracleSite {
    async fn get_chat_url(
        &self,
        _input: site12::GetChatUrl,
        headers: site12::chat_site_binding::GetChatUrlHeaders,
        security: Option<SecurityHeader>,
    ) -> Result<site12::GetChatUrlResponse, ServerFault<site12::chat_site_binding::Fault>> {
        self.admit(security.as_ref(), headers.client_request_header.as_ref())
            .map_err(Refusal::into_fault)?;
        Ok(site12::GetChatUrlResponse {
            get_chat_url_result: site12::ChatUrlResult {
                chat_url: parse_chat_url(&self.chat_url).map_err(Refusal::into_fault)?,
                chat_token: self.config.chat_token.clone(),
                site_name: self.config.site_name.clone(),
            },
        })
    }

    async fn get_chat_operating_hours(
        &self,
        _input: site12::GetChatOperatingHours,
        headers: site12::chat_site_binding::GetChatOperatingHoursHeaders,
        security: Option<SecurityHeader>,
    ) -> Result<site12::GetChatOperatingHoursResponse, ServerFault<site12::chat_site_binding::Fault>>
    {
        self.admit(security.as_ref(), headers.client_request_header.as_ref())
            .map_err(Refusal::into_fault)?;
        let interval = weekday_intervals("urn:messages.chat.ws.rightnow.com/v1_2")
            .into_iter()
            .map(|any| site12::Interval {
                any_attributes: Vec::new(),
                any,
            })
            .collect();
        Ok(site12::GetChatOperatingHoursResponse {
            get_chat_operating_hours_result: site12::ChatOperatingHoursResult {
                intervals: site12::Intervals { interval },
                in_operating_hours: self.config.in_operating_hours,
                in_holiday: false,
            },
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Site v1_1

/// The Oracle chat site, v1_1 (the same answers in the v1_1 namespace).
#[derive(Debug)]
pub struct OracleSiteV1_1 {
    config: Arc<MockConfig>,
    auth: Arc<AuthStats>,
    chat_url: String,
}

impl OracleSiteV1_1 {
    /// A site whose GetChatUrl returns `chat_url`.
    pub fn new(config: Arc<MockConfig>, auth: Arc<AuthStats>, chat_url: impl Into<String>) -> Self {
        Self {
            config,
            auth,
            chat_url: chat_url.into(),
        }
    }

    fn admit(
        &self,
        security: Option<&SecurityHeader>,
        header: Option<&site11::ClientRequestHeader>,
    ) -> Result<(), Refusal> {
        authenticate(&self.config, &self.auth, security)?;
        check_app_id(&self.config, &self.auth, header.map(|h| h.app_id.as_str()))
    }
}

impl site11::chat_site_binding::Service for OracleSiteV1_1 {
    async fn get_chat_url(
        &self,
        _input: site11::GetChatUrl,
        headers: site11::chat_site_binding::GetChatUrlHeaders,
        security: Option<SecurityHeader>,
    ) -> Result<site11::GetChatUrlResponse, ServerFault<site11::chat_site_binding::Fault>> {
        self.admit(security.as_ref(), headers.client_request_header.as_ref())
            .map_err(Refusal::into_fault)?;
        Ok(site11::GetChatUrlResponse {
            get_chat_url_result: site11::ChatUrlResult {
                chat_url: parse_chat_url(&self.chat_url).map_err(Refusal::into_fault)?,
                chat_token: self.config.chat_token.clone(),
                site_name: self.config.site_name.clone(),
            },
        })
    }

    async fn get_chat_operating_hours(
        &self,
        _input: site11::GetChatOperatingHours,
        headers: site11::chat_site_binding::GetChatOperatingHoursHeaders,
        security: Option<SecurityHeader>,
    ) -> Result<site11::GetChatOperatingHoursResponse, ServerFault<site11::chat_site_binding::Fault>>
    {
        self.admit(security.as_ref(), headers.client_request_header.as_ref())
            .map_err(Refusal::into_fault)?;
        let interval = weekday_intervals("urn:messages.chat.ws.rightnow.com/v1_1")
            .into_iter()
            .map(|any| site11::Interval {
                any_attributes: Vec::new(),
                any,
            })
            .collect();
        Ok(site11::GetChatOperatingHoursResponse {
            get_chat_operating_hours_result: site11::ChatOperatingHoursResult {
                intervals: site11::Intervals { interval },
                in_operating_hours: self.config.in_operating_hours,
                in_holiday: false,
            },
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Chat server

/// One chat: its participant ids, where it is in the queue, and the messages not yet
/// retrieved.
#[derive(Debug)]
struct ChatSession {
    end_user_id: i64,
    retrievals: u32,
    agent_joined: bool,
    /// Lines posted before the agent joined; answered when it does.
    unanswered: Vec<String>,
    /// System messages for the next RetrieveMessages, in order.
    pending: Vec<enduser::SystemMessagesChoice>,
}

impl ChatSession {
    fn answer(&mut self, line: &str) {
        self.pending
            .push(enduser::SystemMessagesChoice::RnChatMessagePostedMessage(
                enduser::RnChatMessagePostedMessage {
                    created_time: now(),
                    body: format!("You said: {line}"),
                    client_id: AGENT_CLIENT_ID,
                    off_the_record: None,
                },
            ));
    }

    /// One RetrieveMessages: the queue moves on or the agent joins, then everything pending
    /// is handed over.
    fn retrieve(&mut self, config: &MockConfig) -> Vec<enduser::SystemMessagesChoice> {
        self.retrievals = self.retrievals.saturating_add(1);
        if !self.agent_joined {
            if self.retrievals <= config.queue_polls {
                let position =
                    i32::try_from(config.queue_polls - self.retrievals + 1).unwrap_or(i32::MAX);
                self.pending.push(
                    enduser::SystemMessagesChoice::RnChatWaitInformationChangedMessage(
                        enduser::RnChatWaitInformationChangedMessage {
                            created_time: now(),
                            position: Some(position),
                            expected_wait_seconds: Some(position.saturating_mul(WAIT_PER_POSITION)),
                            average_wait_seconds: Some(WAIT_PER_POSITION),
                        },
                    ),
                );
            } else {
                self.agent_joined = true;
                self.pending.push(
                    enduser::SystemMessagesChoice::RnChatParticipantAddedMessage(
                        enduser::RnChatParticipantAddedMessage {
                            created_time: now(),
                            name: config.agent_name.clone(),
                            greeting: Some(config.greeting.clone()),
                            client_id: AGENT_CLIENT_ID,
                            role: enduser::Role::Lead,
                        },
                    ),
                );
                for line in std::mem::take(&mut self.unanswered) {
                    self.answer(&line);
                }
            }
        }
        std::mem::take(&mut self.pending)
    }
}

/// The Oracle chat server: RequestChat, SendActivityChange, PostChatMessage,
/// RetrieveMessages, TerminateChat. Sessions are keyed by the SessionID RequestChat returns,
/// which every later call carries in its ChatClientInfoHeader.
#[derive(Debug)]
pub struct OracleChat {
    config: Arc<MockConfig>,
    auth: Arc<AuthStats>,
    sessions: Mutex<HashMap<String, ChatSession>>,
    next_session: AtomicI64,
}

impl OracleChat {
    /// A chat server without sessions.
    pub fn new(config: Arc<MockConfig>, auth: Arc<AuthStats>) -> Self {
        Self {
            config,
            auth,
            sessions: Mutex::new(HashMap::new()),
            next_session: AtomicI64::new(1),
        }
    }

    /// Chats started and not yet terminated.
    pub fn active_sessions(&self) -> usize {
        self.sessions().len()
    }

    fn sessions(&self) -> MutexGuard<'_, HashMap<String, ChatSession>> {
        // Nothing here panics while holding the lock; should it ever, the map is still
        // consistent (every update is a single insert, remove or field change).
        self.sessions.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Credentials, client header and site name; the SessionID of the header, if any.
    fn admit(
        &self,
        security: Option<&SecurityHeader>,
        header: Option<&common::ChatClientInfoHeaderElement>,
        data: &enduser::TransactionRequestData,
    ) -> Result<Option<String>, Refusal> {
        authenticate(&self.config, &self.auth, security)?;
        check_app_id(&self.config, &self.auth, header.map(|h| h.app_id.as_str()))?;
        if data.site_name != self.config.site_name {
            return Err(Refusal::new(
                ExceptionCode::InvalidSiteName,
                format!("unknown site `{}`", data.site_name),
            ));
        }
        Ok(header.and_then(|h| h.session_id.clone()))
    }

    /// Runs `action` on the session named by the request's ChatClientInfoHeader.
    fn with_session<T>(
        &self,
        security: Option<&SecurityHeader>,
        header: Option<&common::ChatClientInfoHeaderElement>,
        data: &enduser::TransactionRequestData,
        action: impl FnOnce(&mut ChatSession) -> T,
    ) -> Result<(i64, T), ServerFault<chat::Fault>> {
        let session_id = self
            .admit(security, header, data)
            .map_err(Refusal::into_fault)?
            .ok_or_else(|| {
                Refusal::new(
                    ExceptionCode::InvalidSession,
                    "ChatClientInfoHeader/SessionID is missing",
                )
                .into_fault()
            })?;
        let mut sessions = self.sessions();
        let session = sessions.get_mut(&session_id).ok_or_else(|| {
            Refusal::new(
                ExceptionCode::InvalidSession,
                format!("no active chat session `{session_id}`"),
            )
            .into_fault()
        })?;
        let out = action(session);
        Ok((session.end_user_id, out))
    }
}

fn transaction(
    request: &enduser::TransactionRequestData,
    client_id: i64,
    started: DateTime,
) -> enduser::TransactionResponseData {
    enduser::TransactionResponseData {
        client_request_time: request
            .client_request_time
            .clone()
            .map(enduser::DateTimeOrEmpty::DateTime),
        service_start_time: started,
        service_finish_time: now(),
        client_id,
        client_transaction_id: request.client_transaction_id,
    }
}

impl chat::Service for OracleChat {
    async fn request_chat(
        &self,
        input: enduser::RequestChat,
        headers: chat::RequestChatHeaders,
        security: Option<SecurityHeader>,
    ) -> Result<enduser::RequestChatResponse, ServerFault<chat::Fault>> {
        let started = now();
        let data = &input.transaction_request_data;
        self.admit(
            security.as_ref(),
            headers.chat_client_info_header.as_ref(),
            data,
        )
        .map_err(Refusal::into_fault)?;
        if input.chat_session_token != self.config.chat_token {
            return Err(Refusal::new(
                ExceptionCode::InvalidChatToken,
                "the ChatSessionToken was not issued by GetChatUrl",
            )
            .into_fault());
        }
        if !self.config.in_operating_hours {
            return Ok(enduser::RequestChatResponse {
                transaction_response_data: transaction(data, 0, started),
                engagement_id: None,
                cancelled_survey_id: None,
                completed_survey_id: None,
                result_type: enduser::ResultType::FailOutOfHours,
                session_id: None,
            });
        }
        let number = self.next_session.fetch_add(1, Ordering::SeqCst);
        let session_id = format!("mock-session-{number:06}");
        let end_user_id = FIRST_END_USER_ID + number;
        self.sessions().insert(
            session_id.clone(),
            ChatSession {
                end_user_id,
                retrievals: 0,
                agent_joined: false,
                unanswered: Vec::new(),
                pending: Vec::new(),
            },
        );
        Ok(enduser::RequestChatResponse {
            transaction_response_data: transaction(data, end_user_id, started),
            engagement_id: Some(common::Id { id: number }),
            cancelled_survey_id: None,
            completed_survey_id: None,
            result_type: enduser::ResultType::Success,
            session_id: Some(session_id),
        })
    }

    async fn retrieve_messages(
        &self,
        input: enduser::RetrieveMessages,
        headers: chat::RetrieveMessagesHeaders,
        security: Option<SecurityHeader>,
    ) -> Result<enduser::RetrieveMessagesResponse, ServerFault<chat::Fault>> {
        let started = now();
        let data = &input.transaction_request_data;
        let (client_id, choice) = self.with_session(
            security.as_ref(),
            headers.chat_client_info_header.as_ref(),
            data,
            |session| session.retrieve(&self.config),
        )?;
        Ok(enduser::RetrieveMessagesResponse {
            transaction_response_data: transaction(data, client_id, started),
            system_messages: Some(enduser::SystemMessages { choice }),
        })
    }

    async fn post_chat_message(
        &self,
        input: enduser::PostChatMessage,
        headers: chat::PostChatMessageHeaders,
        security: Option<SecurityHeader>,
    ) -> Result<enduser::PostChatMessageResponse, ServerFault<chat::Fault>> {
        let started = now();
        let data = &input.transaction_request_data;
        let (client_id, ()) = self.with_session(
            security.as_ref(),
            headers.chat_client_info_header.as_ref(),
            data,
            |session| {
                if session.agent_joined {
                    session.answer(&input.body);
                } else {
                    session.unanswered.push(input.body.clone());
                }
            },
        )?;
        Ok(enduser::PostChatMessageResponse {
            transaction_response_data: transaction(data, client_id, started),
        })
    }

    async fn send_activity_change(
        &self,
        input: enduser::SendActivityChange,
        headers: chat::SendActivityChangeHeaders,
        security: Option<SecurityHeader>,
    ) -> Result<enduser::SendActivityChangeResponse, ServerFault<chat::Fault>> {
        let started = now();
        let data = &input.transaction_request_data;
        let (client_id, ()) = self.with_session(
            security.as_ref(),
            headers.chat_client_info_header.as_ref(),
            data,
            |_| (),
        )?;
        Ok(enduser::SendActivityChangeResponse {
            transaction_response_data: transaction(data, client_id, started),
        })
    }

    async fn terminate_chat(
        &self,
        input: enduser::TerminateChat,
        headers: chat::TerminateChatHeaders,
        security: Option<SecurityHeader>,
    ) -> Result<enduser::TerminateChatResponse, ServerFault<chat::Fault>> {
        let started = now();
        let data = &input.transaction_request_data;
        let header = headers.chat_client_info_header.as_ref();
        let (client_id, ()) = self.with_session(security.as_ref(), header, data, |_| ())?;
        if let Some(id) = header.and_then(|h| h.session_id.as_ref()) {
            self.sessions().remove(id);
        }
        Ok(enduser::TerminateChatResponse {
            transaction_response_data: transaction(data, client_id, started),
        })
    }
}
