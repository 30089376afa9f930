//! yaserde: equivalent structs with yaserde's derives, namespaces declared the way yaserde
//! wants them (`prefix` + `namespaces` per struct). `yaserde::de::from_str` / `ser::to_string`.

use yaserde::{YaDeserialize, YaSerialize};

#[derive(Debug, Default, Clone, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "Envelope",
    prefix = "S",
    namespaces = { "S" = "http://schemas.xmlsoap.org/soap/envelope/" }
)]
pub struct RetrieveEnvelope {
    #[yaserde(rename = "Body", prefix = "S")]
    pub body: RetrieveBody,
}

#[derive(Debug, Default, Clone, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    prefix = "S",
    namespaces = {
        "S" = "http://schemas.xmlsoap.org/soap/envelope/",
        "ns3" = "urn:messages.enduser.chat.ws.rightnow.com/v1"
    }
)]
pub struct RetrieveBody {
    #[yaserde(rename = "RetrieveMessagesResponse", prefix = "ns3")]
    pub response: RetrieveMessagesResponse,
}

#[derive(Debug, Default, Clone, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "RetrieveMessagesResponse",
    prefix = "ns3",
    namespaces = {
        "c" = "urn:messages.common.chat.ws.rightnow.com/v1",
        "ns3" = "urn:messages.enduser.chat.ws.rightnow.com/v1"
    }
)]
pub struct RetrieveMessagesResponse {
    #[yaserde(rename = "TransactionResponseData", prefix = "ns3")]
    pub transaction: TransactionResponseData,
    #[yaserde(rename = "SystemMessages", prefix = "ns3")]
    pub messages: Option<SystemMessages>,
}

#[derive(Debug, Default, Clone, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    prefix = "ns3",
    namespaces = { "ns3" = "urn:messages.enduser.chat.ws.rightnow.com/v1" }
)]
pub struct TransactionResponseData {
    #[yaserde(rename = "ClientRequestTime", prefix = "ns3")]
    pub client_request_time: Option<String>,
    #[yaserde(rename = "ServiceStartTime", prefix = "ns3")]
    pub service_start_time: String,
    #[yaserde(rename = "ServiceFinishTime", prefix = "ns3")]
    pub service_finish_time: String,
    #[yaserde(rename = "ClientID", prefix = "ns3")]
    pub client_id: i64,
    #[yaserde(rename = "ClientTransactionID", prefix = "ns3")]
    pub client_transaction_id: i64,
}

/// yaserde cannot map a repeated `xs:choice` to a `Vec` of an enum (`flatten` is refused on a
/// `Vec<enum>` field), so, as users of yaserde do, each kind gets its own `Vec`: it reads every
/// message, but the relative order of different kinds is lost (see BENCHMARKS.md).
#[derive(Debug, Default, Clone, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    prefix = "ns3",
    namespaces = { "ns3" = "urn:messages.enduser.chat.ws.rightnow.com/v1" }
)]
pub struct SystemMessages {
    #[yaserde(rename = "RNChatParticipantAddedMessage", prefix = "ns3")]
    pub participant_added: Vec<ParticipantAdded>,
    #[yaserde(rename = "RNChatMessagePostedMessage", prefix = "ns3")]
    pub message_posted: Vec<MessagePosted>,
    #[yaserde(rename = "RNChatActivityChangedMessage", prefix = "ns3")]
    pub activity_changed: Vec<ActivityChanged>,
    #[yaserde(rename = "RNChatParticipantLeftMessage", prefix = "ns3")]
    pub participant_left: Vec<ParticipantLeft>,
    #[yaserde(rename = "RNChatConcludedMessage", prefix = "ns3")]
    pub concluded: Vec<Concluded>,
    #[yaserde(rename = "RNChatWaitInformationChangedMessage", prefix = "ns3")]
    pub wait_information_changed: Vec<WaitInformationChanged>,
}

impl SystemMessages {
    pub fn len(&self) -> usize {
        self.participant_added.len()
            + self.message_posted.len()
            + self.activity_changed.len()
            + self.participant_left.len()
            + self.concluded.len()
            + self.wait_information_changed.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[derive(Debug, Default, Clone, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "RNChatParticipantAddedMessage",
    prefix = "ns3",
    namespaces = {
        "c" = "urn:messages.common.chat.ws.rightnow.com/v1",
        "ns3" = "urn:messages.enduser.chat.ws.rightnow.com/v1"
    }
)]
pub struct ParticipantAdded {
    #[yaserde(rename = "CreatedTime", prefix = "c")]
    pub created_time: String,
    #[yaserde(rename = "Name", prefix = "ns3")]
    pub name: String,
    #[yaserde(rename = "Greeting", prefix = "ns3")]
    pub greeting: Option<String>,
    #[yaserde(rename = "ClientID", prefix = "ns3")]
    pub client_id: i64,
    #[yaserde(rename = "Role", prefix = "ns3")]
    pub role: String,
}

#[derive(Debug, Default, Clone, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "RNChatMessagePostedMessage",
    prefix = "ns3",
    namespaces = {
        "c" = "urn:messages.common.chat.ws.rightnow.com/v1",
        "ns3" = "urn:messages.enduser.chat.ws.rightnow.com/v1"
    }
)]
pub struct MessagePosted {
    #[yaserde(rename = "CreatedTime", prefix = "c")]
    pub created_time: String,
    #[yaserde(rename = "Body", prefix = "ns3")]
    pub body: String,
    #[yaserde(rename = "ClientID", prefix = "ns3")]
    pub client_id: i64,
    #[yaserde(rename = "OffTheRecord", prefix = "ns3")]
    pub off_the_record: Option<bool>,
}

#[derive(Debug, Default, Clone, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "RNChatActivityChangedMessage",
    prefix = "ns3",
    namespaces = {
        "c" = "urn:messages.common.chat.ws.rightnow.com/v1",
        "ns3" = "urn:messages.enduser.chat.ws.rightnow.com/v1"
    }
)]
pub struct ActivityChanged {
    #[yaserde(rename = "CreatedTime", prefix = "c")]
    pub created_time: String,
    #[yaserde(rename = "ClientID", prefix = "ns3")]
    pub client_id: Option<i64>,
    #[yaserde(rename = "Mode", prefix = "ns3")]
    pub mode: Option<String>,
}

#[derive(Debug, Default, Clone, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "RNChatParticipantLeftMessage",
    prefix = "ns3",
    namespaces = {
        "c" = "urn:messages.common.chat.ws.rightnow.com/v1",
        "ns3" = "urn:messages.enduser.chat.ws.rightnow.com/v1"
    }
)]
pub struct ParticipantLeft {
    #[yaserde(rename = "CreatedTime", prefix = "c")]
    pub created_time: String,
    #[yaserde(rename = "ClientID", prefix = "ns3")]
    pub client_id: Option<i64>,
    #[yaserde(rename = "Role", prefix = "ns3")]
    pub role: Option<String>,
    #[yaserde(rename = "DisconnectReason", prefix = "ns3")]
    pub disconnect_reason: Option<String>,
}

#[derive(Debug, Default, Clone, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "RNChatConcludedMessage",
    prefix = "ns3",
    namespaces = {
        "c" = "urn:messages.common.chat.ws.rightnow.com/v1",
        "ns3" = "urn:messages.enduser.chat.ws.rightnow.com/v1"
    }
)]
pub struct Concluded {
    #[yaserde(rename = "CreatedTime", prefix = "c")]
    pub created_time: String,
    #[yaserde(rename = "Reason", prefix = "ns3")]
    pub reason: Option<String>,
    #[yaserde(rename = "Role", prefix = "ns3")]
    pub role: Option<String>,
}

#[derive(Debug, Default, Clone, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "RNChatWaitInformationChangedMessage",
    prefix = "ns3",
    namespaces = {
        "c" = "urn:messages.common.chat.ws.rightnow.com/v1",
        "ns3" = "urn:messages.enduser.chat.ws.rightnow.com/v1"
    }
)]
pub struct WaitInformationChanged {
    #[yaserde(rename = "CreatedTime", prefix = "c")]
    pub created_time: String,
    #[yaserde(rename = "Position", prefix = "ns3")]
    pub position: Option<i32>,
    #[yaserde(rename = "ExpectedWaitSeconds", prefix = "ns3")]
    pub expected_wait_seconds: Option<i32>,
    #[yaserde(rename = "AverageWaitSeconds", prefix = "ns3")]
    pub average_wait_seconds: Option<i32>,
}

// ------------------------------------------------------------------------------- Salesforce

#[derive(Debug, Default, Clone, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "Envelope",
    prefix = "soapenv",
    namespaces = {
        "soapenv" = "http://schemas.xmlsoap.org/soap/envelope/",
        "p" = "urn:partner.soap.sforce.com"
    }
)]
pub struct SfEnvelope {
    #[yaserde(rename = "Body", prefix = "soapenv")]
    pub body: SfBody,
}

#[derive(Debug, Default, Clone, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    prefix = "soapenv",
    namespaces = {
        "soapenv" = "http://schemas.xmlsoap.org/soap/envelope/",
        "p" = "urn:partner.soap.sforce.com"
    }
)]
pub struct SfBody {
    #[yaserde(rename = "queryResponse", prefix = "p")]
    pub query_response: SfQueryResponse,
}

#[derive(Debug, Default, Clone, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "queryResponse",
    prefix = "p",
    namespaces = { "p" = "urn:partner.soap.sforce.com" }
)]
pub struct SfQueryResponse {
    #[yaserde(rename = "result", prefix = "p")]
    pub result: SfQueryResult,
}

#[derive(Debug, Default, Clone, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    prefix = "p",
    namespaces = {
        "p" = "urn:partner.soap.sforce.com",
        "xsi" = "http://www.w3.org/2001/XMLSchema-instance"
    }
)]
pub struct SfQueryResult {
    #[yaserde(attribute = true, rename = "type", prefix = "xsi")]
    pub xsi_type: String,
    #[yaserde(rename = "done", prefix = "p")]
    pub done: bool,
    #[yaserde(rename = "queryLocator", prefix = "p")]
    pub query_locator: SfNillable,
    #[yaserde(rename = "records", prefix = "p")]
    pub records: Vec<SfRecord>,
    #[yaserde(rename = "size", prefix = "p")]
    pub size: i32,
}

/// yaserde treats a text field as required; a nil element has none.
fn empty_text() -> String {
    String::new()
}

#[derive(Debug, Default, Clone, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    prefix = "p",
    namespaces = {
        "p" = "urn:partner.soap.sforce.com",
        "xsi" = "http://www.w3.org/2001/XMLSchema-instance"
    }
)]
pub struct SfNillable {
    #[yaserde(attribute = true, rename = "nil", prefix = "xsi")]
    pub nil: Option<bool>,
    #[yaserde(text = true, default = "empty_text")]
    pub value: String,
}

#[derive(Debug, Default, Clone, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    prefix = "p",
    namespaces = {
        "p" = "urn:partner.soap.sforce.com",
        "sf" = "urn:sobject.partner.soap.sforce.com",
        "xsi" = "http://www.w3.org/2001/XMLSchema-instance"
    }
)]
pub struct SfRecord {
    #[yaserde(attribute = true, rename = "type", prefix = "xsi")]
    pub xsi_type: String,
    #[yaserde(rename = "type", prefix = "sf")]
    pub sobject_type: String,
    #[yaserde(rename = "Id", prefix = "sf")]
    pub id: String,
    #[yaserde(rename = "Name", prefix = "sf")]
    pub name: String,
    #[yaserde(rename = "Industry", prefix = "sf")]
    pub industry: String,
    #[yaserde(rename = "AnnualRevenue", prefix = "sf")]
    pub annual_revenue: f64,
    #[yaserde(rename = "NumberOfEmployees", prefix = "sf")]
    pub number_of_employees: i32,
    #[yaserde(rename = "BillingCity", prefix = "sf")]
    pub billing_city: String,
}

// ------------------------------------------------------------------------------- entry points

pub fn decode_retrieve(bytes: &[u8]) -> Result<RetrieveEnvelope, yaserde::Error> {
    yaserde::de::from_reader(bytes)
}

pub fn decode_sf(bytes: &[u8]) -> Result<SfEnvelope, yaserde::Error> {
    yaserde::de::from_reader(bytes)
}

pub fn encode<T: YaSerialize>(value: &T) -> Result<String, yaserde::Error> {
    yaserde::ser::to_string(value)
}

/// Encodes into a caller-owned buffer (appending), with the configuration `to_string` uses.
pub fn encode_into<T: YaSerialize>(out: &mut Vec<u8>, value: &T) -> Result<(), yaserde::Error> {
    yaserde::ser::serialize_with_writer(value, out, &yaserde::ser::Config::default()).map(|_| ())
}
