//! serde + quick-xml: hand-written structs equivalent to what a serde-based generator emits,
//! `quick_xml::de::from_slice` / `quick_xml::se::to_string`.
//!
//! quick-xml's deserializer matches element names by their *local* part and never looks at
//! namespace URIs, so a document in the wrong namespace decodes without error (test
//! `serde_ignores_namespaces`). Serialization writes names verbatim, hence the prefixed
//! `serialize` renames and the namespace declarations as constant attributes.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

pub use quick_xml::DeError as DecodeError;
pub use quick_xml::SeError as EncodeError;

fn soap_env() -> Cow<'static, str> {
    Cow::Borrowed(crate::model::SOAP_ENV)
}
fn common() -> Cow<'static, str> {
    Cow::Borrowed(crate::model::COMMON)
}
fn uq() -> Cow<'static, str> {
    Cow::Borrowed(crate::model::UQ)
}
fn enduser() -> Cow<'static, str> {
    Cow::Borrowed(crate::model::ENDUSER)
}
fn faults() -> Cow<'static, str> {
    Cow::Borrowed(crate::model::FAULTS)
}
fn sf_partner() -> Cow<'static, str> {
    Cow::Borrowed(crate::model::SF_PARTNER)
}
fn sf_sobject() -> Cow<'static, str> {
    Cow::Borrowed(crate::model::SF_SOBJECT)
}
fn xsi() -> Cow<'static, str> {
    Cow::Borrowed(crate::model::XSI)
}

/// Declarations the chat server puts on each payload root; written, never read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServerNamespaces {
    #[serde(rename = "@xmlns", skip_deserializing, default = "common")]
    pub xmlns: Cow<'static, str>,
    #[serde(rename = "@xmlns:ns2", skip_deserializing, default = "uq")]
    pub ns2: Cow<'static, str>,
    #[serde(rename = "@xmlns:ns3", skip_deserializing, default = "enduser")]
    pub ns3: Cow<'static, str>,
    #[serde(rename = "@xmlns:ns4", skip_deserializing, default = "faults")]
    pub ns4: Cow<'static, str>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "S:Envelope")]
pub struct RetrieveEnvelope {
    #[serde(rename = "@xmlns:S", skip_deserializing, default = "soap_env")]
    pub xmlns_s: Cow<'static, str>,
    #[serde(rename(serialize = "S:Body", deserialize = "Body"))]
    pub body: RetrieveBody,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RetrieveBody {
    #[serde(rename(
        serialize = "ns3:RetrieveMessagesResponse",
        deserialize = "RetrieveMessagesResponse"
    ))]
    pub response: RetrieveMessagesResponse,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RetrieveMessagesResponse {
    #[serde(flatten)]
    pub ns: ServerNamespaces,
    #[serde(rename(
        serialize = "ns3:TransactionResponseData",
        deserialize = "TransactionResponseData"
    ))]
    pub transaction: TransactionResponseData,
    #[serde(
        rename(serialize = "ns3:SystemMessages", deserialize = "SystemMessages"),
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub messages: Option<SystemMessages>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TransactionResponseData {
    #[serde(
        rename(serialize = "ns3:ClientRequestTime", deserialize = "ClientRequestTime"),
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub client_request_time: Option<String>,
    #[serde(rename(serialize = "ns3:ServiceStartTime", deserialize = "ServiceStartTime"))]
    pub service_start_time: String,
    #[serde(rename(serialize = "ns3:ServiceFinishTime", deserialize = "ServiceFinishTime"))]
    pub service_finish_time: String,
    #[serde(rename(serialize = "ns3:ClientID", deserialize = "ClientID"))]
    pub client_id: i64,
    #[serde(rename(
        serialize = "ns3:ClientTransactionID",
        deserialize = "ClientTransactionID"
    ))]
    pub client_transaction_id: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SystemMessages {
    #[serde(rename = "$value", default)]
    pub items: Vec<SystemMessage>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SystemMessage {
    #[serde(rename(
        serialize = "ns3:RNChatParticipantAddedMessage",
        deserialize = "RNChatParticipantAddedMessage"
    ))]
    ParticipantAdded(ParticipantAdded),
    #[serde(rename(
        serialize = "ns3:RNChatMessagePostedMessage",
        deserialize = "RNChatMessagePostedMessage"
    ))]
    MessagePosted(MessagePosted),
    #[serde(rename(
        serialize = "ns3:RNChatActivityChangedMessage",
        deserialize = "RNChatActivityChangedMessage"
    ))]
    ActivityChanged(ActivityChanged),
    #[serde(rename(
        serialize = "ns3:RNChatParticipantLeftMessage",
        deserialize = "RNChatParticipantLeftMessage"
    ))]
    ParticipantLeft(ParticipantLeft),
    #[serde(rename(
        serialize = "ns3:RNChatConcludedMessage",
        deserialize = "RNChatConcludedMessage"
    ))]
    Concluded(Concluded),
    #[serde(rename(
        serialize = "ns3:RNChatWaitInformationChangedMessage",
        deserialize = "RNChatWaitInformationChangedMessage"
    ))]
    WaitInformationChanged(WaitInformationChanged),
}

impl SystemMessage {
    pub fn element_name(&self) -> &'static str {
        match self {
            SystemMessage::ParticipantAdded(_) => "RNChatParticipantAddedMessage",
            SystemMessage::MessagePosted(_) => "RNChatMessagePostedMessage",
            SystemMessage::ActivityChanged(_) => "RNChatActivityChangedMessage",
            SystemMessage::ParticipantLeft(_) => "RNChatParticipantLeftMessage",
            SystemMessage::Concluded(_) => "RNChatConcludedMessage",
            SystemMessage::WaitInformationChanged(_) => "RNChatWaitInformationChangedMessage",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    #[serde(rename = "LEAD")]
    Lead,
    #[serde(rename = "CONFEREE")]
    Conferee,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ActivityMode {
    None,
    Absent,
    Away,
    Listening,
    Researching,
    Responding,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DisconnectReason {
    AgentConcluded,
    EndUserConcluded,
    QueueTimeout,
    IdleTimeout,
    Ejected,
    TransferredToQueue,
    ParticipantLeft,
    NoAgentsAvailable,
    BrowserUnsupported,
    EndedUserCancel,
    EndedUserDeflected,
    FailNoAgentsAvail,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParticipantAdded {
    #[serde(rename = "CreatedTime")]
    pub created_time: String,
    #[serde(rename(serialize = "ns3:Name", deserialize = "Name"))]
    pub name: String,
    #[serde(
        rename(serialize = "ns3:Greeting", deserialize = "Greeting"),
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub greeting: Option<String>,
    #[serde(rename(serialize = "ns3:ClientID", deserialize = "ClientID"))]
    pub client_id: i64,
    #[serde(rename(serialize = "ns3:Role", deserialize = "Role"))]
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessagePosted {
    #[serde(rename = "CreatedTime")]
    pub created_time: String,
    #[serde(rename(serialize = "ns3:Body", deserialize = "Body"))]
    pub body: String,
    #[serde(rename(serialize = "ns3:ClientID", deserialize = "ClientID"))]
    pub client_id: i64,
    #[serde(
        rename(serialize = "ns3:OffTheRecord", deserialize = "OffTheRecord"),
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub off_the_record: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivityChanged {
    #[serde(rename = "CreatedTime")]
    pub created_time: String,
    #[serde(
        rename(serialize = "ns3:ClientID", deserialize = "ClientID"),
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub client_id: Option<i64>,
    #[serde(
        rename(serialize = "ns3:Mode", deserialize = "Mode"),
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub mode: Option<ActivityMode>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParticipantLeft {
    #[serde(rename = "CreatedTime")]
    pub created_time: String,
    #[serde(
        rename(serialize = "ns3:ClientID", deserialize = "ClientID"),
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub client_id: Option<i64>,
    #[serde(
        rename(serialize = "ns3:Role", deserialize = "Role"),
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub role: Option<Role>,
    #[serde(
        rename(serialize = "ns3:DisconnectReason", deserialize = "DisconnectReason"),
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub disconnect_reason: Option<DisconnectReason>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Concluded {
    #[serde(rename = "CreatedTime")]
    pub created_time: String,
    #[serde(
        rename(serialize = "ns3:Reason", deserialize = "Reason"),
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub reason: Option<DisconnectReason>,
    #[serde(
        rename(serialize = "ns3:Role", deserialize = "Role"),
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub role: Option<Role>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WaitInformationChanged {
    #[serde(rename = "CreatedTime")]
    pub created_time: String,
    #[serde(
        rename(serialize = "ns3:Position", deserialize = "Position"),
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub position: Option<i32>,
    #[serde(
        rename(
            serialize = "ns3:ExpectedWaitSeconds",
            deserialize = "ExpectedWaitSeconds"
        ),
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub expected_wait_seconds: Option<i32>,
    #[serde(
        rename(
            serialize = "ns3:AverageWaitSeconds",
            deserialize = "AverageWaitSeconds"
        ),
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub average_wait_seconds: Option<i32>,
}

// ------------------------------------------------------------------------------- RequestChat

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "S:Envelope")]
pub struct RequestChatEnvelope {
    #[serde(rename = "@xmlns:S", skip_deserializing, default = "soap_env")]
    pub xmlns_s: Cow<'static, str>,
    #[serde(rename(serialize = "S:Header", deserialize = "Header"))]
    pub header: RequestChatHeader,
    #[serde(rename(serialize = "S:Body", deserialize = "Body"))]
    pub body: RequestChatBody,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestChatHeader {
    #[serde(rename = "ChatClientInfoHeader")]
    pub chat_client_info: ChatClientInfoHeader,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatClientInfoHeader {
    #[serde(rename = "@xmlns", skip_deserializing, default = "common")]
    pub xmlns: Cow<'static, str>,
    #[serde(rename = "AppID")]
    pub app_id: String,
    #[serde(rename = "SessionID", skip_serializing_if = "Option::is_none", default)]
    pub session_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestChatBody {
    #[serde(rename(serialize = "ns3:RequestChat", deserialize = "RequestChat"))]
    pub request: RequestChat,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestChat {
    #[serde(flatten)]
    pub ns: ServerNamespaces,
    #[serde(rename(
        serialize = "ns3:TransactionRequestData",
        deserialize = "TransactionRequestData"
    ))]
    pub transaction: TransactionRequestData,
    #[serde(
        rename(serialize = "ns3:CustomFields", deserialize = "CustomFields"),
        default
    )]
    pub custom_fields: Vec<GenericObject>,
    #[serde(rename(
        serialize = "ns3:CustomerInformation",
        deserialize = "CustomerInformation"
    ))]
    pub customer: CustomerInformation,
    #[serde(
        rename(serialize = "ns3:ResumeType", deserialize = "ResumeType"),
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub resume_type: Option<ResumeType>,
    #[serde(rename(serialize = "ns3:ChatSessionToken", deserialize = "ChatSessionToken"))]
    pub chat_session_token: String,
    #[serde(
        rename(serialize = "ns3:IncidentID", deserialize = "IncidentID"),
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub incident_id: Option<Id>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ResumeType {
    Resume,
    DoNotResume,
    None,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TransactionRequestData {
    #[serde(
        rename(serialize = "ns3:ClientRequestTime", deserialize = "ClientRequestTime"),
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub client_request_time: Option<String>,
    #[serde(rename(
        serialize = "ns3:ClientTransactionID",
        deserialize = "ClientTransactionID"
    ))]
    pub client_transaction_id: i64,
    #[serde(rename(serialize = "ns3:SiteName", deserialize = "SiteName"))]
    pub site_name: String,
}

/// `common:ID`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Id {
    #[serde(rename = "@id")]
    pub id: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NamedId {
    #[serde(rename = "ID", skip_serializing_if = "Option::is_none", default)]
    pub id: Option<Id>,
    #[serde(rename = "Name", skip_serializing_if = "Option::is_none", default)]
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerInformation {
    #[serde(
        rename = "EMailAddress",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub email: Option<String>,
    #[serde(rename = "FirstName", skip_serializing_if = "Option::is_none", default)]
    pub first_name: Option<String>,
    #[serde(rename = "LastName", skip_serializing_if = "Option::is_none", default)]
    pub last_name: Option<String>,
    #[serde(
        rename = "InterfaceID",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub interface_id: Option<NamedId>,
    #[serde(rename = "ContactID", skip_serializing_if = "Option::is_none", default)]
    pub contact_id: Option<Id>,
    #[serde(rename = "Question", skip_serializing_if = "Option::is_none", default)]
    pub question: Option<String>,
    #[serde(
        rename = "CategoryID",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub category_id: Option<Id>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RnObjectType {
    #[serde(rename = "Namespace", skip_serializing_if = "Option::is_none", default)]
    pub namespace: Option<String>,
    #[serde(rename = "TypeName")]
    pub type_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GenericObject {
    #[serde(rename = "ObjectType")]
    pub object_type: RnObjectType,
    #[serde(rename = "GenericFields", default)]
    pub fields: Vec<GenericField>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GenericField {
    #[serde(rename = "@dataType")]
    pub data_type: String,
    #[serde(rename = "@name")]
    pub name: String,
    #[serde(rename = "DataValue", skip_serializing_if = "Option::is_none", default)]
    pub value: Option<DataValue>,
}

/// `common:DataValue` is a choice whose `*List` members repeat: a sequence of members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataValue {
    #[serde(rename = "$value")]
    pub items: Vec<DataValueItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum DataValueItem {
    StringValue(String),
    StringValueList(String),
    IntegerValue(i32),
    LongValue(i64),
    BooleanValue(bool),
    DecimalValue(f64),
    DateTimeValue(String),
    #[serde(rename = "NamedIDValue")]
    NamedIdValue(NamedId),
    ObjectValue(GenericObject),
}

// ------------------------------------------------------------------------------- Salesforce

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "soapenv:Envelope")]
pub struct SfEnvelope {
    #[serde(rename = "@xmlns:soapenv", skip_deserializing, default = "soap_env")]
    pub xmlns_soapenv: Cow<'static, str>,
    #[serde(rename = "@xmlns", skip_deserializing, default = "sf_partner")]
    pub xmlns: Cow<'static, str>,
    #[serde(rename = "@xmlns:xsi", skip_deserializing, default = "xsi")]
    pub xmlns_xsi: Cow<'static, str>,
    #[serde(rename = "@xmlns:sf", skip_deserializing, default = "sf_sobject")]
    pub xmlns_sf: Cow<'static, str>,
    #[serde(rename(serialize = "soapenv:Body", deserialize = "Body"))]
    pub body: SfBody,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SfBody {
    #[serde(rename = "queryResponse")]
    pub query_response: SfQueryResponse,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SfQueryResponse {
    pub result: SfQueryResult,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SfQueryResult {
    #[serde(rename(serialize = "@xsi:type", deserialize = "@type"))]
    pub xsi_type: String,
    pub done: bool,
    #[serde(rename = "queryLocator")]
    pub query_locator: SfNillable,
    #[serde(default)]
    pub records: Vec<SfRecord>,
    pub size: i32,
}

/// A nillable element: `xsi:nil="true"` or text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SfNillable {
    #[serde(
        rename(serialize = "@xsi:nil", deserialize = "@nil"),
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub nil: Option<bool>,
    #[serde(rename = "$text", skip_serializing_if = "Option::is_none", default)]
    pub value: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SfRecord {
    #[serde(rename(serialize = "@xsi:type", deserialize = "@type"))]
    pub xsi_type: String,
    #[serde(rename(serialize = "sf:type", deserialize = "type"))]
    pub sobject_type: String,
    #[serde(rename(serialize = "sf:Id", deserialize = "Id"))]
    pub id: String,
    #[serde(rename(serialize = "sf:Name", deserialize = "Name"))]
    pub name: String,
    #[serde(rename(serialize = "sf:Industry", deserialize = "Industry"))]
    pub industry: String,
    #[serde(rename(serialize = "sf:AnnualRevenue", deserialize = "AnnualRevenue"))]
    pub annual_revenue: f64,
    #[serde(rename(serialize = "sf:NumberOfEmployees", deserialize = "NumberOfEmployees"))]
    pub number_of_employees: i32,
    #[serde(rename(serialize = "sf:BillingCity", deserialize = "BillingCity"))]
    pub billing_city: String,
}

// ------------------------------------------------------------------------------- entry points

/// `from_str` is the entry point serde users call; the UTF-8 check is part of their cost.
fn utf8(bytes: &[u8]) -> Result<&str, DecodeError> {
    std::str::from_utf8(bytes).map_err(|e| DecodeError::Custom(e.to_string()))
}

pub fn decode_retrieve(bytes: &[u8]) -> Result<RetrieveEnvelope, DecodeError> {
    quick_xml::de::from_str(utf8(bytes)?)
}

pub fn decode_request_chat(bytes: &[u8]) -> Result<RequestChatEnvelope, DecodeError> {
    quick_xml::de::from_str(utf8(bytes)?)
}

pub fn decode_sf(bytes: &[u8]) -> Result<SfEnvelope, DecodeError> {
    quick_xml::de::from_str(utf8(bytes)?)
}

pub fn encode<T: Serialize>(value: &T) -> Result<String, EncodeError> {
    quick_xml::se::to_string(value)
}

/// Encodes into a caller-owned buffer (appending), so a benchmark can reuse one allocation as
/// the other peers do.
pub fn encode_into<T: Serialize>(out: &mut String, value: &T) -> Result<(), EncodeError> {
    quick_xml::se::to_writer(out, value).map(|_| ())
}
