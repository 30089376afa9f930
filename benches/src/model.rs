//! The neutral, pre-built values the documents are generated from. The generators fill them
//! (deterministically), and [`crate::writer`] writes them out: that writer is the encode limit.
//!
//! Dates stay text (`xs:dateTime` lexical form) in every peer, so no peer pays for date parsing;
//! numbers, booleans and enumerations are typed.

/// `S:Envelope` namespace (SOAP 1.1).
pub const SOAP_ENV: &str = "http://schemas.xmlsoap.org/soap/envelope/";
/// Oracle chat `common` namespace (the default namespace in server responses).
pub const COMMON: &str = "urn:messages.common.chat.ws.rightnow.com/v1";
/// Oracle chat `enduser` namespace (`ns3` in server responses).
pub const ENDUSER: &str = "urn:messages.enduser.chat.ws.rightnow.com/v1";
/// Agent-side namespace the server declares as `ns2` without using it.
pub const UQ: &str = "urn:messages.uq.chat.ws.rightnow.com/v1";
/// Chat faults namespace (`ns4` in server responses).
pub const FAULTS: &str = "urn:faults.chat.ws.rightnow.com/v1";
/// Salesforce partner API namespace.
pub const SF_PARTNER: &str = "urn:partner.soap.sforce.com";
/// Salesforce partner sObject namespace.
pub const SF_SOBJECT: &str = "urn:sobject.partner.soap.sforce.com";
/// XML Schema instance namespace.
pub const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

#[derive(Debug, Clone, PartialEq)]
pub struct TransactionResponseData {
    /// Echoed as an empty element by the server when it could not parse the client's value.
    pub client_request_time: Option<String>,
    pub service_start_time: String,
    pub service_finish_time: String,
    pub client_id: i64,
    pub client_transaction_id: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Lead,
    Conferee,
}

impl Role {
    pub const ALL: [Role; 2] = [Role::Lead, Role::Conferee];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Lead => "LEAD",
            Role::Conferee => "CONFEREE",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivityMode {
    None,
    Absent,
    Away,
    Listening,
    Researching,
    Responding,
}

impl ActivityMode {
    pub const ALL: [ActivityMode; 6] = [
        ActivityMode::None,
        ActivityMode::Absent,
        ActivityMode::Away,
        ActivityMode::Listening,
        ActivityMode::Researching,
        ActivityMode::Responding,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActivityMode::None => "NONE",
            ActivityMode::Absent => "ABSENT",
            ActivityMode::Away => "AWAY",
            ActivityMode::Listening => "LISTENING",
            ActivityMode::Researching => "RESEARCHING",
            ActivityMode::Responding => "RESPONDING",
        }
    }
}

/// The generators use a subset of `DisconnectReason`; the peers' types declare all twelve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisconnectReason {
    AgentConcluded,
    EndUserConcluded,
    IdleTimeout,
    ParticipantLeft,
    TransferredToQueue,
}

impl DisconnectReason {
    pub const ALL: [DisconnectReason; 5] = [
        DisconnectReason::AgentConcluded,
        DisconnectReason::EndUserConcluded,
        DisconnectReason::IdleTimeout,
        DisconnectReason::ParticipantLeft,
        DisconnectReason::TransferredToQueue,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DisconnectReason::AgentConcluded => "AGENT_CONCLUDED",
            DisconnectReason::EndUserConcluded => "END_USER_CONCLUDED",
            DisconnectReason::IdleTimeout => "IDLE_TIMEOUT",
            DisconnectReason::ParticipantLeft => "PARTICIPANT_LEFT",
            DisconnectReason::TransferredToQueue => "TRANSFERRED_TO_QUEUE",
        }
    }
}

/// One member of `SystemMessages` (enduser.xsd): the two confirmed kinds and the four
/// reconstructed ones. `created_time` is the `common:CreatedTime` of the `SystemMessage` base.
#[derive(Debug, Clone, PartialEq)]
pub enum SystemMessage {
    ParticipantAdded {
        created_time: String,
        name: String,
        greeting: Option<String>,
        client_id: i64,
        role: Role,
    },
    MessagePosted {
        created_time: String,
        body: String,
        client_id: i64,
        off_the_record: Option<bool>,
    },
    ActivityChanged {
        created_time: String,
        client_id: Option<i64>,
        mode: Option<ActivityMode>,
    },
    ParticipantLeft {
        created_time: String,
        client_id: Option<i64>,
        role: Option<Role>,
        disconnect_reason: Option<DisconnectReason>,
    },
    Concluded {
        created_time: String,
        reason: Option<DisconnectReason>,
        role: Option<Role>,
    },
    WaitInformationChanged {
        created_time: String,
        position: Option<i32>,
        expected_wait_seconds: Option<i32>,
        average_wait_seconds: Option<i32>,
    },
}

impl SystemMessage {
    /// The element name of this kind, as in enduser.xsd.
    pub fn element_name(&self) -> &'static str {
        match self {
            SystemMessage::ParticipantAdded { .. } => "RNChatParticipantAddedMessage",
            SystemMessage::MessagePosted { .. } => "RNChatMessagePostedMessage",
            SystemMessage::ActivityChanged { .. } => "RNChatActivityChangedMessage",
            SystemMessage::ParticipantLeft { .. } => "RNChatParticipantLeftMessage",
            SystemMessage::Concluded { .. } => "RNChatConcludedMessage",
            SystemMessage::WaitInformationChanged { .. } => "RNChatWaitInformationChangedMessage",
        }
    }
}

/// `eu:RetrieveMessagesResponse`.
#[derive(Debug, Clone, PartialEq)]
pub struct RetrieveMessagesResponse {
    pub transaction: TransactionResponseData,
    /// `None` writes no `SystemMessages` element; the generators always write one.
    pub messages: Option<Vec<SystemMessage>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TransactionRequestData {
    pub client_request_time: Option<String>,
    pub client_transaction_id: i64,
    pub site_name: String,
}

/// `common:NamedID`.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedId {
    pub id: Option<i64>,
    pub name: Option<String>,
}

/// `common:DataValue` members the generator uses (the `*List` members repeat).
#[derive(Debug, Clone, PartialEq)]
pub enum DataValue {
    String(String),
    StringList(Vec<String>),
    Integer(i32),
    Long(i64),
    Boolean(bool),
    Decimal(f64),
    DateTime(String),
    NamedId(NamedId),
    Object(GenericObject),
}

/// `common:GenericField`: `@dataType`, `@name`, optional `DataValue`.
#[derive(Debug, Clone, PartialEq)]
pub struct GenericField {
    pub data_type: &'static str,
    pub name: String,
    pub value: Option<DataValue>,
}

/// `common:GenericObject`.
#[derive(Debug, Clone, PartialEq)]
pub struct GenericObject {
    pub namespace: Option<String>,
    pub type_name: String,
    pub fields: Vec<GenericField>,
}

/// `common:CustomerInformation`.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerInformation {
    pub email: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub interface_id: Option<NamedId>,
    pub contact_id: Option<i64>,
    pub question: Option<String>,
    pub category_id: Option<i64>,
}

/// A `RequestChat` envelope: `ChatClientInfoHeader` in the header, `eu:RequestChat` in the body.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestChat {
    pub app_id: String,
    pub transaction: TransactionRequestData,
    pub custom_fields: Vec<GenericObject>,
    pub customer: CustomerInformation,
    /// `eu:ResumeType` lexical value.
    pub resume_type: Option<&'static str>,
    pub chat_session_token: String,
    pub incident_id: Option<i64>,
}

/// One `records` entry of a Salesforce partner `QueryResult`: an `sf:sObject` whose fields after
/// `Id` are the schema's `xs:any` (here an Account with five fields).
#[derive(Debug, Clone, PartialEq)]
pub struct SfAccount {
    pub id: String,
    pub name: String,
    pub industry: String,
    pub annual_revenue: f64,
    pub number_of_employees: i32,
    pub billing_city: String,
}

/// Salesforce partner `queryResponse`.
#[derive(Debug, Clone, PartialEq)]
pub struct SfQueryResponse {
    pub done: bool,
    /// Written as `xsi:nil="true"` when `None` (the schema makes it nillable, not optional).
    pub query_locator: Option<String>,
    pub records: Vec<SfAccount>,
}
