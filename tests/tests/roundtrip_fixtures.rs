//! Issue 4 acceptance: every corrected fixture (`tests/fixtures/`, `original/` excluded)
//!
//! 1. decodes with the soapstone runtime into the generated types (SOAP envelopes through
//!    `soapstone::soap::decode_response`, header blocks through a `ReadHeaders` set, faults with
//!    typed detail; ECE documents through `soapstone::xml::from_str`), strict mode;
//! 2. carries exactly the values written below (every field: the structs are destructured
//!    without `..`, so a field added by the generator breaks this file until it is expected);
//! 3. re-encodes to XML equal to the fixture under `xml_compare` (body payload or fault, and
//!    each header block, compared one by one);
//! 4. re-encoded, validates with xmllint against `wsdl/`.
//!
//! `every_fixture_has_expectations` fails when a fixture appears without a case here (or a
//! case names a fixture that is gone).

use soapstone::soap::{
    self, Body, DetailEntry, Envelope, Fault, NoDetail, ReadHeaders, SoapVersion, WriteHeader,
};
use soapstone::types::{AnyUri, DateTime, Decimal, Id as XsId};
use soapstone::xml::{AnyAttribute, AnyElement, Node, ReadOptions, XmlRead, XmlRoot, XmlWrite};
use soapstone_generated::bindings::{
    bindings_egain_chat as egain, fault_ws_rightnow_v1_1 as site_faults_v1_1,
    fault_ws_rightnow_v1_2 as site_faults_v1_2, faults_chat_ws_rightnow_v1 as chat_faults,
    messages_chat_ws_rightnow_v1_1 as v1_1, messages_chat_ws_rightnow_v1_2 as v1_2,
    messages_common_chat_ws_rightnow_v1 as common, messages_enduser_chat_ws_rightnow_v1 as enduser,
    no_namespace as ece, wss_2004_01_oasis_200401_wss_wssecurity_secext_1_0_xsd as wsse,
    wss_2004_01_oasis_200401_wss_wssecurity_utility_1_0_xsd as wsu,
};
use soapstone_tests::interop::validate_envelope;
use soapstone_tests::xml_compare::{CompareOptions, compare, compare_with};
use soapstone_tests::{
    fixture_files, fixtures_dir, schema_for_namespace, soap_parts, xmllint_validate,
};

// ------------------------------------------------------------------------------- the cases

macro_rules! fixture_cases {
    ($($test:ident => $path:literal;)*) => {
        /// Every fixture that has a case below (relative to `tests/fixtures/`).
        const CASES: &[&str] = &[$($path),*];
        $(
            #[test]
            fn $test() {
                $test::check($path);
            }
        )*
    };
}

fixture_cases! {
    ece_agent_availability => "ece/agent_availability.response.xml";
    ece_agent_availability_unavailable => "ece/agent_availability.unavailable.response.xml";
    ece_capacity => "ece/capacity.response.xml";
    ece_chat_allowed_allowed => "ece/chat_allowed.allowed.response.xml";
    ece_chat_allowed_not_allowed => "ece/chat_allowed.not_allowed.response.xml";
    ece_check_eligibility => "ece/check_eligibility.response.xml";
    ece_check_eligibility_max_queue_depth => "ece/check_eligibility.max_queue_depth.response.xml";
    ece_live_session_status => "ece/live_session_status.response.xml";
    ece_survey => "ece/survey.request.xml";
    server_post_chat_message_fault => "oracle/server/post_chat_message.fault.response.xml";
    server_post_chat_message_off_the_record => "oracle/server/post_chat_message.off_the_record.request.xml";
    server_post_chat_message_request => "oracle/server/post_chat_message.request.xml";
    server_post_chat_message_response => "oracle/server/post_chat_message.response.xml";
    server_request_chat_all_fields => "oracle/server/request_chat.all_fields.request.xml";
    server_request_chat_out_of_hours => "oracle/server/request_chat.out_of_hours.response.xml";
    server_request_chat_request => "oracle/server/request_chat.request.xml";
    server_request_chat_response => "oracle/server/request_chat.response.xml";
    server_retrieve_messages_empty => "oracle/server/retrieve_messages.empty.response.xml";
    server_retrieve_messages_fault => "oracle/server/retrieve_messages.fault.response.xml";
    server_retrieve_messages_foreign_extension => "oracle/server/retrieve_messages.foreign_extension.response.xml";
    server_retrieve_messages_mixed_kinds => "oracle/server/retrieve_messages.mixed_kinds.response.xml";
    server_retrieve_messages_request => "oracle/server/retrieve_messages.request.xml";
    server_retrieve_messages_response => "oracle/server/retrieve_messages.response.xml";
    server_send_activity_change_request => "oracle/server/send_activity_change.request.xml";
    server_send_activity_change_response => "oracle/server/send_activity_change.response.xml";
    server_terminate_chat_password_digest => "oracle/server/terminate_chat.password_digest.request.xml";
    server_terminate_chat_request => "oracle/server/terminate_chat.request.xml";
    server_terminate_chat_response => "oracle/server/terminate_chat.response.xml";
    site_v1_1_get_chat_operating_hours_fault => "oracle/site_v1_1/get_chat_operating_hours.fault.response.xml";
    site_v1_1_get_chat_operating_hours_request => "oracle/site_v1_1/get_chat_operating_hours.request.xml";
    site_v1_1_get_chat_operating_hours_response => "oracle/site_v1_1/get_chat_operating_hours.response.xml";
    site_v1_1_get_chat_url_request => "oracle/site_v1_1/get_chat_url.request.xml";
    site_v1_1_get_chat_url_response => "oracle/site_v1_1/get_chat_url.response.xml";
    site_v1_2_get_chat_operating_hours_request => "oracle/site_v1_2/get_chat_operating_hours.request.xml";
    site_v1_2_get_chat_operating_hours_response => "oracle/site_v1_2/get_chat_operating_hours.response.xml";
    site_v1_2_get_chat_url_fault => "oracle/site_v1_2/get_chat_url.fault.response.xml";
    site_v1_2_get_chat_url_request => "oracle/site_v1_2/get_chat_url.request.xml";
    site_v1_2_get_chat_url_response => "oracle/site_v1_2/get_chat_url.response.xml";
}

#[test]
fn every_fixture_has_expectations() {
    let root = fixtures_dir();
    let mut files: Vec<String> = ["oracle", "ece"]
        .iter()
        .flat_map(|dir| fixture_files(dir).expect("fixture directory"))
        .map(|p| {
            p.strip_prefix(&root)
                .expect("below fixtures/")
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    files.sort();
    let mut cases: Vec<String> = CASES.iter().map(|c| (*c).to_owned()).collect();
    cases.sort();
    let missing: Vec<_> = files.iter().filter(|f| !cases.contains(f)).collect();
    let stale: Vec<_> = cases.iter().filter(|c| !files.contains(c)).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "fixtures without expectations: {missing:?}; cases without a fixture: {stale:?}"
    );
    assert!(
        !files.is_empty(),
        "no fixtures found below {}",
        root.display()
    );
}

// ------------------------------------------------------------------------------ the machinery

const BASE64_ENCODING: &str = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";

/// The fault detail types of the chat server port (the WSDL's fault elements).
#[derive(Debug, Clone, PartialEq, soapstone::XmlRead, soapstone::XmlWrite)]
#[xml(choice)]
enum ChatFault {
    #[xml(
        element = "RequestErrorFault",
        ns = "urn:faults.chat.ws.rightnow.com/v1"
    )]
    Request(chat_faults::RequestErrorFaultType),
    #[xml(
        element = "ServerErrorFault",
        ns = "urn:faults.chat.ws.rightnow.com/v1"
    )]
    Server(chat_faults::ServerErrorFaultType),
    #[xml(
        element = "UnexpectedErrorFault",
        ns = "urn:faults.chat.ws.rightnow.com/v1"
    )]
    Unexpected(chat_faults::UnexpectedErrorFaultType),
}

/// The fault detail types of the v1_1 site port.
#[derive(Debug, Clone, PartialEq, soapstone::XmlRead, soapstone::XmlWrite)]
#[xml(choice)]
enum SiteFaultV1_1 {
    #[xml(element = "RequestErrorFault", ns = "urn:fault.ws.rightnow.com/v1_1")]
    Request(site_faults_v1_1::RequestErrorFaultType),
    #[xml(element = "ServerErrorFault", ns = "urn:fault.ws.rightnow.com/v1_1")]
    Server(site_faults_v1_1::ServerErrorFaultType),
    #[xml(
        element = "UnexpectedErrorFault",
        ns = "urn:fault.ws.rightnow.com/v1_1"
    )]
    Unexpected(site_faults_v1_1::UnexpectedErrorFaultType),
}

/// The fault detail types of the v1_2 site port.
#[derive(Debug, Clone, PartialEq, soapstone::XmlRead, soapstone::XmlWrite)]
#[xml(choice)]
enum SiteFaultV1_2 {
    #[xml(element = "RequestErrorFault", ns = "urn:fault.ws.rightnow.com/v1_2")]
    Request(site_faults_v1_2::RequestErrorFaultType),
    #[xml(element = "ServerErrorFault", ns = "urn:fault.ws.rightnow.com/v1_2")]
    Server(site_faults_v1_2::ServerErrorFaultType),
    #[xml(
        element = "UnexpectedErrorFault",
        ns = "urn:fault.ws.rightnow.com/v1_2"
    )]
    Unexpected(site_faults_v1_2::UnexpectedErrorFaultType),
}

type ServerHeaders = (
    Option<common::ChatClientInfoHeaderElement>,
    Option<wsse::Security>,
);
type SiteHeadersV1_1 = (Option<v1_1::ClientRequestHeader>, Option<wsse::Security>);
type SiteHeadersV1_2 = (Option<v1_2::ClientRequestHeader>, Option<wsse::Security>);

fn read_fixture(path: &str) -> String {
    let file = fixtures_dir().join(path);
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

fn decode_envelope<H: ReadHeaders, B: XmlRead + XmlRoot, F: soapstone::xml::XmlContent>(
    path: &str,
    xml: &str,
) -> Envelope<H, Body<B, F>> {
    let envelope = soap::decode_response::<H, B, F>(
        xml.as_bytes(),
        Some(SoapVersion::Soap11),
        &ReadOptions::strict(),
    )
    .unwrap_or_else(|e| panic!("{path}: strict decoding failed: {e}"));
    assert_eq!(envelope.version, SoapVersion::Soap11, "{path}");
    envelope
}

/// Decodes a SOAP 1.1 envelope whose body is the payload `B` (not a fault).
fn decode_payload<H: ReadHeaders, B: XmlRead + XmlRoot>(path: &str) -> (String, H, B) {
    let xml = read_fixture(path);
    let envelope = decode_envelope::<H, B, NoDetail>(path, &xml);
    match envelope.body {
        Body::Payload(body) => (xml, envelope.headers, body),
        Body::Fault(fault) => panic!("{path}: expected a payload, got the fault {fault}"),
    }
}

/// Decodes a SOAP 1.1 fault envelope with the detail types `F` (the body type `B` is the
/// operation's output, which must not be what is found).
fn decode_fault<B: XmlRead + XmlRoot + std::fmt::Debug, F: soapstone::xml::XmlContent>(
    path: &str,
) -> (String, Fault<F>) {
    let xml = read_fixture(path);
    let envelope = decode_envelope::<(), B, F>(path, &xml);
    match envelope.body {
        Body::Fault(fault) => (xml, fault),
        Body::Payload(body) => panic!("{path}: expected a fault, got {body:?}"),
    }
}

/// Compares the re-encoded envelope with the fixture part by part (each header block in
/// order, then the body payload or the whole Fault), then validates it with xmllint.
fn check_envelope_round_trip(path: &str, original: &str, encoded: Vec<u8>) {
    let encoded = String::from_utf8(encoded).expect("the writer produces UTF-8");
    let before = soap_parts(original).unwrap_or_else(|e| panic!("{path}: {e}"));
    let after =
        soap_parts(&encoded).unwrap_or_else(|e| panic!("{path}: re-encoded: {e}\n{encoded}"));
    assert_eq!(
        before.headers.len(),
        after.headers.len(),
        "{path}: header block count\n{encoded}"
    );
    for (b, a) in before.headers.iter().zip(&after.headers) {
        compare(&b.xml, &a.xml).unwrap_or_else(|e| {
            panic!(
                "{path}: header block {} differs: {e}\n--- re-encoded\n{}",
                b.local_name, a.xml
            )
        });
    }
    let (b, a) = (
        before.body.as_ref().expect("fixture payload"),
        after.body.as_ref().expect("re-encoded payload"),
    );
    // A fault code is a QName: its prefix is the writer's choice, its expanded name is not.
    let options = CompareOptions {
        resolve_qname_values: before.fault.is_some(),
    };
    compare_with(&b.xml, &a.xml, options).unwrap_or_else(|e| {
        panic!(
            "{path}: body {} differs: {e}\n--- re-encoded\n{}",
            b.local_name, a.xml
        )
    });
    validate_envelope(&encoded)
        .unwrap_or_else(|e| panic!("{path}: the re-encoded envelope does not validate: {e}"));
}

fn round_trip_payload<B: XmlWrite + XmlRoot + 'static>(
    path: &str,
    original: &str,
    headers: &[&dyn WriteHeader],
    body: &B,
) {
    let encoded = soap::encode(SoapVersion::Soap11, headers, body)
        .unwrap_or_else(|e| panic!("{path}: encoding failed: {e}"));
    check_envelope_round_trip(path, original, encoded);
}

fn round_trip_fault<F: soapstone::xml::XmlContentWrite>(
    path: &str,
    original: &str,
    fault: &Fault<F>,
) {
    let encoded = soap::encode_fault(fault, &[]).unwrap_or_else(|e| panic!("{path}: {e}"));
    check_envelope_round_trip(path, original, encoded);
}

/// Decodes a stand-alone ECE document strictly, re-encodes it, compares and validates it.
fn ece_document<T: XmlRead + XmlWrite + XmlRoot + PartialEq + std::fmt::Debug + 'static>(
    path: &str,
) -> T {
    let xml = read_fixture(path);
    let value: T = soapstone::xml::from_str(&xml, &ReadOptions::strict())
        .unwrap_or_else(|e| panic!("{path}: strict decoding failed: {e}"));
    let encoded = soapstone::xml::to_string(&value).unwrap_or_else(|e| panic!("{path}: {e}"));
    compare(&xml, &encoded).unwrap_or_else(|e| panic!("{path}: {e}\n--- re-encoded\n{encoded}"));
    let schema = schema_for_namespace(T::NAME.ns).expect("a schema for the root namespace");
    xmllint_validate(&schema, &encoded).unwrap_or_else(|e| {
        panic!("{path}: re-encoded document does not validate: {e}\n{encoded}")
    });
    let again: T = soapstone::xml::from_str(&encoded, &ReadOptions::strict())
        .unwrap_or_else(|e| panic!("{path}: re-encoded does not decode: {e}"));
    assert_eq!(again, value, "{path}");
    value
}

fn dt(text: &str) -> DateTime {
    text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// Checks a dateTime's value and that it is written back as in the fixture (fraction digits
/// and timezone kept).
fn assert_dt(value: &DateTime, text: &str) {
    assert_eq!(*value, dt(text));
    assert_eq!(value.to_string(), text);
}

fn xs_id(text: &str) -> XsId {
    XsId::new(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn rn_id(id: i64) -> common::Id {
    common::Id { id }
}

/// The header every chat-server call carries.
fn assert_client_info(
    header: Option<common::ChatClientInfoHeaderElement>,
    session: Option<&str>,
) -> common::ChatClientInfoHeaderElement {
    let header = header.expect("ChatClientInfoHeader");
    let common::ChatClientInfoHeaderElement { app_id, session_id } = &header;
    assert_eq!(app_id, "Sample Chat Client");
    assert_eq!(session_id.as_deref(), session);
    header
}

/// A `wsse:Security` header with a PasswordText UsernameToken.
fn assert_password_text_security(
    security: Option<wsse::Security>,
    must_understand: bool,
    token_id: &str,
    user: &str,
) -> wsse::Security {
    let security = security.expect("wsse:Security");
    let wsse::Security {
        any_attributes,
        username_token,
        any,
    } = &security;
    assert_must_understand(any_attributes, must_understand);
    assert!(any.is_empty(), "{any:?}");
    let wsse::UsernameTokenType {
        id,
        username,
        password,
        nonce,
        created,
    } = username_token.as_ref().expect("UsernameToken");
    assert_eq!(id.as_ref(), Some(&xs_id(token_id)));
    assert_username(username, user);
    assert_eq!(
        password.as_ref(),
        Some(&wsse::PasswordString {
            id: None,
            type_: Some(wsse::PasswordType::HttpDocsOasisOpenOrgWss2004_01Oasis200401WssUsernameTokenProfile1_0PasswordText),
            value: "XXXXX".into(),
        })
    );
    assert_eq!(nonce, &None);
    assert_eq!(created, &None);
    security
}

fn assert_username(username: &wsse::AttributedStringKind, user: &str) {
    assert_eq!(
        username,
        &wsse::AttributedStringKind::AttributedString(wsse::AttributedString {
            id: None,
            value: user.into(),
        })
    );
}

/// `soapenv:mustUnderstand="1"` is kept by the Security type's `anyAttribute`.
fn assert_must_understand(attributes: &[AnyAttribute], expected: bool) {
    let mu: Vec<_> = attributes
        .iter()
        .map(|a| (a.ns.as_str(), a.local.as_str(), a.value.as_str()))
        .collect();
    if expected {
        assert_eq!(mu, [(soap::SOAP11_ENV_NS, "mustUnderstand", "1")]);
    } else {
        assert!(mu.is_empty(), "{mu:?}");
    }
}

fn request_data(
    time: Option<&str>,
    transaction: i64,
    site: &str,
) -> enduser::TransactionRequestData {
    enduser::TransactionRequestData {
        client_request_time: time.map(dt),
        client_transaction_id: transaction,
        site_name: site.into(),
    }
}

fn assert_request_data(
    data: &enduser::TransactionRequestData,
    time: Option<&str>,
    transaction: i64,
    site: &str,
) {
    let enduser::TransactionRequestData {
        client_request_time,
        client_transaction_id,
        site_name,
    } = data;
    match (client_request_time, time) {
        (Some(v), Some(t)) => assert_dt(v, t),
        (None, None) => {}
        (v, t) => panic!("ClientRequestTime: expected {t:?}, found {v:?}"),
    }
    assert_eq!(*client_transaction_id, transaction);
    assert_eq!(site_name, site);
    assert_eq!(*data, request_data(time, transaction, site));
}

/// The ClientRequestTime echo of a response: absent, empty (the union's empty-string member),
/// or a dateTime.
#[derive(Debug, Clone, Copy)]
enum Echo<'a> {
    Absent,
    Empty,
    Time(&'a str),
}

fn assert_response_data(
    data: &enduser::TransactionResponseData,
    echo: Echo<'_>,
    start: &str,
    finish: &str,
    client: i64,
    transaction: i64,
) {
    let enduser::TransactionResponseData {
        client_request_time,
        service_start_time,
        service_finish_time,
        client_id,
        client_transaction_id,
    } = data;
    match (echo, client_request_time) {
        (Echo::Absent, None) => {}
        (Echo::Empty, Some(enduser::DateTimeOrEmpty::Variant2(empty))) => {
            assert_eq!(empty.0, "");
        }
        (Echo::Time(t), Some(enduser::DateTimeOrEmpty::DateTime(v))) => assert_dt(v, t),
        (e, v) => panic!("ClientRequestTime: expected {e:?}, found {v:?}"),
    }
    assert_dt(service_start_time, start);
    assert_dt(service_finish_time, finish);
    assert_eq!(*client_id, client);
    assert_eq!(*client_transaction_id, transaction);
}

fn text_of(element: &AnyElement) -> String {
    element
        .children
        .iter()
        .map(|n| match n {
            Node::Text(t) => t.clone(),
            Node::Element(e) => panic!("unexpected child {} in {}", e.local(), element.local()),
        })
        .collect()
}

/// The element children of an `AnyElement` as `(namespace, local, text)`.
fn element_children(element: &AnyElement) -> Vec<(String, String, String)> {
    element
        .children
        .iter()
        .filter_map(|n| match n {
            Node::Element(e) => Some((e.ns().to_string(), e.local().to_string(), text_of(e))),
            Node::Text(t) => {
                assert!(
                    t.trim().is_empty(),
                    "unexpected text {t:?} in {}",
                    element.local()
                );
                None
            }
        })
        .collect()
}

// ------------------------------------------------------------------------------ ECE

mod ece_agent_availability {
    use super::*;
    pub fn check(path: &str) {
        let ece::AgentAvailability { available } = ece_document(path);
        assert!(available);
    }
}

mod ece_agent_availability_unavailable {
    use super::*;
    pub fn check(path: &str) {
        let ece::AgentAvailability { available } = ece_document(path);
        assert!(!available);
    }
}

mod ece_capacity {
    use super::*;
    pub fn check(path: &str) {
        // No-namespace root, `count` in the bindings namespace.
        let ece::AvailableSlots { count } = ece_document(path);
        assert_eq!(count, 4);
    }
}

mod ece_chat_allowed_allowed {
    use super::*;
    pub fn check(path: &str) {
        let ece::ChatAllowed { allowed, reason } = ece_document(path);
        assert!(allowed);
        assert_eq!(reason, None);
    }
}

mod ece_chat_allowed_not_allowed {
    use super::*;
    pub fn check(path: &str) {
        let ece::ChatAllowed { allowed, reason } = ece_document(path);
        assert!(!allowed);
        assert_eq!(reason, Some(ece::ChatNotAllowedReason::EntryPointInactive));
    }
}

mod ece_check_eligibility {
    use super::*;
    pub fn check(path: &str) {
        let ece::CheckEligibility { response_type } = ece_document(path);
        assert_eq!(response_type, ece::EligibilityResponseType::_0);
    }
}

mod ece_check_eligibility_max_queue_depth {
    use super::*;
    pub fn check(path: &str) {
        let ece::CheckEligibility { response_type } = ece_document(path);
        assert_eq!(response_type, ece::EligibilityResponseType::_2);
    }
}

mod ece_live_session_status {
    use super::*;
    pub fn check(path: &str) {
        let ece::SessionStatus {
            wait_time,
            queue_depth,
        } = ece_document(path);
        assert_eq!(wait_time, "3".parse::<Decimal>().expect("decimal"));
        // The scale is kept: the document says 3.0 and is written back so.
        assert_eq!(wait_time.to_string(), "3.0");
        assert_eq!(queue_depth, 1);
    }
}

mod ece_survey {
    use super::*;
    pub fn check(path: &str) {
        // The namespaced survey: root and children in the bindings namespace.
        let egain::EgainSurveyElement { sid, survey } = ece_document(path);
        assert_eq!(sid, "1000");
        let expected: Vec<egain::SurveyEntry> = (1..=4)
            .map(|i| egain::SurveyEntry {
                question: format!("Question {i}"),
                answer: format!("Answer {i}"),
            })
            .collect();
        assert_eq!(survey, expected);
    }
}

// ------------------------------------------------------------------------------ chat server

mod server_request_chat_request {
    use super::*;
    pub fn check(path: &str) {
        let (xml, (info, security), body) =
            decode_payload::<ServerHeaders, enduser::RequestChat>(path);
        let info = assert_client_info(info, None);
        let security =
            assert_password_text_security(security, true, "UsernameToken-3902281", "YourUserName");
        let enduser::RequestChat {
            transaction_request_data,
            custom_fields,
            customer_information,
            resume_type,
            chat_session_token,
            incident_id,
        } = &body;
        assert_request_data(
            transaction_request_data,
            Some("2015-03-07T11:34:00"),
            2,
            "YOUR_SITE_NAME",
        );
        // GenericFields → DataValue → ObjectValue → GenericFields → DataValue → StringValue.
        let inner = common::GenericObject {
            object_type: common::RnObjectType {
                namespace: None,
                type_name: "IncidentCustomFieldsc".into(),
            },
            generic_fields: vec![common::GenericField {
                data_type: common::DataTypeEnum::String,
                name: "priority".into(),
                data_value: Some(common::DataValue {
                    choice: common::DataValueChoice::StringValue("very high".into()),
                }),
            }],
        };
        assert_eq!(
            custom_fields,
            &vec![common::GenericObject {
                object_type: common::RnObjectType {
                    namespace: None,
                    type_name: "ContactCustomFields".into(),
                },
                generic_fields: vec![common::GenericField {
                    data_type: common::DataTypeEnum::Object,
                    name: "c".into(),
                    data_value: Some(common::DataValue {
                        choice: common::DataValueChoice::ObjectValue(inner),
                    }),
                }],
            }]
        );
        assert_eq!(
            customer_information,
            &common::CustomerInformation {
                e_mail_address: Some("name@email.invalid".into()),
                first_name: Some("First".into()),
                last_name: Some("Last".into()),
                interface_id: Some(common::NamedIdKind::NamedId(common::NamedId {
                    id: Some(rn_id(1)),
                    name: None,
                })),
                contact_id: None,
                question: None,
                category_id: None,
            }
        );
        assert_eq!(*resume_type, None);
        assert_eq!(chat_session_token, "1234a5b6-c789-01d2-345-678ef90a1bc2");
        assert_eq!(*incident_id, None);
        round_trip_payload(path, &xml, &[&info, &security], &body);
    }
}

mod server_request_chat_all_fields {
    use super::*;
    pub fn check(path: &str) {
        let (xml, (info, security), body) =
            decode_payload::<ServerHeaders, enduser::RequestChat>(path);
        let info = assert_client_info(info, None);
        let security =
            assert_password_text_security(security, true, "UsernameToken-7", "YourUserName");
        let enduser::RequestChat {
            transaction_request_data,
            custom_fields,
            customer_information,
            resume_type,
            chat_session_token,
            incident_id,
        } = &body;
        assert_request_data(
            transaction_request_data,
            Some("2018-10-15T07:48:30.646Z"),
            1,
            "YOUR_SITE_NAME",
        );
        assert_eq!(custom_fields.len(), 1);
        let outer = &custom_fields[0];
        assert_eq!(outer.object_type.type_name, "IncidentCustomFields");
        assert_eq!(outer.object_type.namespace, None);
        assert_eq!(outer.generic_fields.len(), 1);
        let c = &outer.generic_fields[0];
        assert_eq!(
            (c.data_type, c.name.as_str()),
            (common::DataTypeEnum::Object, "c")
        );
        let Some(common::DataValue { choice }) = &c.data_value else {
            panic!("DataValue of c: {c:?}");
        };
        let common::DataValueChoice::ObjectValue(object) = choice else {
            panic!("ObjectValue expected: {choice:?}");
        };
        assert_eq!(object.object_type.type_name, "IncidentCustomFieldsc");
        let value = |choice: common::DataValueChoice| Some(common::DataValue { choice });
        let field = |data_type, name: &str, data_value| common::GenericField {
            data_type,
            name: name.into(),
            data_value,
        };
        let last_order = dt("2018-10-01T12:00:00Z");
        let expected = vec![
            field(
                common::DataTypeEnum::Integer,
                "order_count",
                value(common::DataValueChoice::IntegerValue(3)),
            ),
            field(
                common::DataTypeEnum::Boolean,
                "vip",
                value(common::DataValueChoice::BooleanValue(true)),
            ),
            field(
                common::DataTypeEnum::NamedId,
                "channel",
                value(common::DataValueChoice::NamedIdValue(
                    common::NamedIdKind::NamedId(common::NamedId {
                        id: Some(rn_id(7)),
                        name: Some("Web".into()),
                    }),
                )),
            ),
            // A *List member repeats, in document order.
            field(
                common::DataTypeEnum::StringList,
                "tags",
                value(common::DataValueChoice::StringValueList(vec![
                    "urgent".into(),
                    "billing".into(),
                ])),
            ),
            field(
                common::DataTypeEnum::Datetime,
                "last_order",
                value(common::DataValueChoice::DateTimeValue(last_order)),
            ),
            // A field without a DataValue.
            field(common::DataTypeEnum::String, "empty_field", None),
        ];
        assert_eq!(object.generic_fields, expected);
        let common::CustomerInformation {
            e_mail_address,
            first_name,
            last_name,
            interface_id,
            contact_id,
            question,
            category_id,
        } = customer_information;
        assert_eq!(e_mail_address.as_deref(), Some("name@email.invalid"));
        assert_eq!(first_name.as_deref(), Some("First"));
        assert_eq!(last_name.as_deref(), Some("Last"));
        assert_eq!(
            interface_id,
            &Some(common::NamedIdKind::NamedId(common::NamedId {
                id: Some(rn_id(1)),
                name: Some("yoursite".into()),
            }))
        );
        // ID attributes of empty elements.
        assert_eq!(contact_id, &Some(rn_id(42)));
        assert_eq!(question.as_deref(), Some("Where is my order?"));
        assert_eq!(category_id, &Some(rn_id(11)));
        assert_eq!(*resume_type, Some(enduser::ResumeType::DoNotResume));
        assert_eq!(chat_session_token, "1234a5b6-c789-01d2-345-678ef90a1bc2");
        assert_eq!(*incident_id, Some(rn_id(1001)));
        round_trip_payload(path, &xml, &[&info, &security], &body);
    }
}

mod server_request_chat_response {
    use super::*;
    pub fn check(path: &str) {
        let (xml, (), body) = decode_payload::<(), enduser::RequestChatResponse>(path);
        let enduser::RequestChatResponse {
            transaction_response_data,
            engagement_id,
            cancelled_survey_id,
            completed_survey_id,
            result_type,
            session_id,
        } = &body;
        assert_response_data(
            transaction_response_data,
            Echo::Absent,
            "2015-11-10T18:41:12.654Z",
            "2015-11-10T18:41:13.086Z",
            123,
            2,
        );
        assert_eq!(*engagement_id, Some(rn_id(123)));
        assert_eq!(*cancelled_survey_id, Some(rn_id(0)));
        assert_eq!(*completed_survey_id, Some(rn_id(0)));
        assert_eq!(*result_type, enduser::ResultType::Success);
        assert_eq!(session_id.as_deref(), Some("12a3bcdefghi4jk56lmn7o8pq"));
        round_trip_payload(path, &xml, &[], &body);
    }
}

mod server_request_chat_out_of_hours {
    use super::*;
    pub fn check(path: &str) {
        let (xml, (), body) = decode_payload::<(), enduser::RequestChatResponse>(path);
        let enduser::RequestChatResponse {
            transaction_response_data,
            engagement_id,
            cancelled_survey_id,
            completed_survey_id,
            result_type,
            session_id,
        } = &body;
        assert_response_data(
            transaction_response_data,
            Echo::Absent,
            "2015-11-10T23:01:00.100Z",
            "2015-11-10T23:01:00.150Z",
            123,
            1,
        );
        assert_eq!(*engagement_id, None);
        assert_eq!(*cancelled_survey_id, None);
        assert_eq!(*completed_survey_id, None);
        assert_eq!(*result_type, enduser::ResultType::FailOutOfHours);
        assert_eq!(*session_id, None);
        round_trip_payload(path, &xml, &[], &body);
    }
}

mod server_retrieve_messages_request {
    use super::*;
    pub fn check(path: &str) {
        let (xml, (info, security), body) =
            decode_payload::<ServerHeaders, enduser::RetrieveMessages>(path);
        let info = assert_client_info(info, Some("12a3bcdefghi4jk56lmn7o8pq"));
        let security =
            assert_password_text_security(security, false, "UsernameToken-1", "YourUserName");
        let enduser::RetrieveMessages {
            transaction_request_data,
        } = &body;
        assert_request_data(
            transaction_request_data,
            Some("2015-11-10T11:30:20"),
            2,
            "YourSiteName",
        );
        round_trip_payload(path, &xml, &[&info, &security], &body);
    }
}

fn posted(
    time: &str,
    body: &str,
    client: i64,
    off_the_record: Option<bool>,
) -> enduser::SystemMessagesChoice {
    enduser::SystemMessagesChoice::RnChatMessagePostedMessage(enduser::RnChatMessagePostedMessage {
        created_time: dt(time),
        body: body.into(),
        client_id: client,
        off_the_record,
    })
}

fn assert_messages(
    body: &enduser::RetrieveMessagesResponse,
    expected: &[enduser::SystemMessagesChoice],
) {
    let messages = body.system_messages.as_ref().expect("SystemMessages");
    assert_eq!(
        messages.choice.len(),
        expected.len(),
        "{:?}",
        messages.choice
    );
    for (i, (found, wanted)) in messages.choice.iter().zip(expected).enumerate() {
        assert_eq!(found, wanted, "system message {}", i + 1);
    }
}

mod server_retrieve_messages_response {
    use super::*;
    pub fn check(path: &str) {
        let (xml, (), body) = decode_payload::<(), enduser::RetrieveMessagesResponse>(path);
        let enduser::RetrieveMessagesResponse {
            transaction_response_data,
            system_messages: _,
        } = &body;
        assert_response_data(
            transaction_response_data,
            Echo::Empty,
            "2015-11-10T18:42:47.019Z",
            "2015-11-10T18:42:47.033Z",
            860,
            2,
        );
        assert_messages(
            &body,
            &[
                enduser::SystemMessagesChoice::RnChatParticipantAddedMessage(
                    enduser::RnChatParticipantAddedMessage {
                        created_time: dt("2015-11-10T18:41:31.176Z"),
                        name: "First Last".into(),
                        greeting: Some("Hi, my name is Joe Smith. How may I help you?".into()),
                        client_id: 123,
                        role: enduser::Role::Lead,
                    },
                ),
                posted("2015-11-10T18:42:01.645Z", "test response", 123, None),
            ],
        );
        round_trip_payload(path, &xml, &[], &body);
    }
}

mod server_retrieve_messages_empty {
    use super::*;
    pub fn check(path: &str) {
        let (xml, (), body) = decode_payload::<(), enduser::RetrieveMessagesResponse>(path);
        let enduser::RetrieveMessagesResponse {
            transaction_response_data,
            system_messages,
        } = &body;
        assert_response_data(
            transaction_response_data,
            Echo::Empty,
            "2015-11-10T18:43:00.000Z",
            "2015-11-10T18:43:30.004Z",
            123,
            5,
        );
        // Present but empty, which is not the same as absent.
        assert_eq!(
            *system_messages,
            Some(enduser::SystemMessages { choice: vec![] })
        );
        round_trip_payload(path, &xml, &[], &body);
    }
}

mod server_retrieve_messages_mixed_kinds {
    use super::*;
    pub fn check(path: &str) {
        let (xml, (), body) = decode_payload::<(), enduser::RetrieveMessagesResponse>(path);
        assert_response_data(
            &body.transaction_response_data,
            Echo::Empty,
            "2015-11-10T18:50:00.000Z",
            "2015-11-10T18:50:00.012Z",
            123,
            7,
        );
        use enduser::SystemMessagesChoice as M;
        assert_messages(
            &body,
            &[
                M::RnChatWaitInformationChangedMessage(
                    enduser::RnChatWaitInformationChangedMessage {
                        created_time: dt("2015-11-10T18:41:14.002Z"),
                        position: Some(1),
                        expected_wait_seconds: Some(15),
                        average_wait_seconds: Some(40),
                    },
                ),
                M::RnChatParticipantAddedMessage(enduser::RnChatParticipantAddedMessage {
                    created_time: dt("2015-11-10T18:41:31.176Z"),
                    name: "Joe Smith".into(),
                    greeting: Some("Hi, my name is Joe Smith. How may I help you?".into()),
                    client_id: 124,
                    role: enduser::Role::Lead,
                }),
                M::RnChatActivityChangedMessage(enduser::RnChatActivityChangedMessage {
                    created_time: dt("2015-11-10T18:41:40.500Z"),
                    client_id: Some(124),
                    mode: Some(enduser::ParticipantActivityMode::Responding),
                }),
                posted(
                    "2015-11-10T18:42:01.645Z",
                    "Could you tell me your order number?",
                    124,
                    None,
                ),
                // Escaped markup characters come back as data.
                posted(
                    "2015-11-10T18:42:30.011Z",
                    "It is 4711 & it shipped on <Monday>.",
                    123,
                    Some(false),
                ),
                M::RnChatActivityChangedMessage(enduser::RnChatActivityChangedMessage {
                    created_time: dt("2015-11-10T18:42:31.000Z"),
                    client_id: Some(124),
                    mode: Some(enduser::ParticipantActivityMode::Listening),
                }),
                M::RnChatParticipantLeftMessage(enduser::RnChatParticipantLeftMessage {
                    created_time: dt("2015-11-10T18:49:58.320Z"),
                    client_id: Some(124),
                    role: Some(enduser::Role::Lead),
                    disconnect_reason: Some(enduser::DisconnectReason::ParticipantLeft),
                }),
                M::RnChatConcludedMessage(enduser::RnChatConcludedMessage {
                    created_time: dt("2015-11-10T18:49:58.321Z"),
                    reason: Some(enduser::DisconnectReason::AgentConcluded),
                    role: None,
                }),
            ],
        );
        // Fraction digits are kept as written (".500", ".000").
        let M::RnChatActivityChangedMessage(typing) =
            &body.system_messages.as_ref().expect("messages").choice[2]
        else {
            panic!("third message kind");
        };
        assert_dt(&typing.created_time, "2015-11-10T18:41:40.500Z");
        round_trip_payload(path, &xml, &[], &body);
    }
}

mod server_retrieve_messages_foreign_extension {
    use super::*;
    pub fn check(path: &str) {
        let (xml, (), body) = decode_payload::<(), enduser::RetrieveMessagesResponse>(path);
        assert_response_data(
            &body.transaction_response_data,
            Echo::Empty,
            "2015-11-10T18:44:00.000Z",
            "2015-11-10T18:44:00.010Z",
            123,
            6,
        );
        let messages = &body.system_messages.as_ref().expect("messages").choice;
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert_eq!(
            messages[0],
            posted("2015-11-10T18:43:59.100Z", "first", 124, None)
        );
        // The foreign message stays in place, whole.
        let enduser::SystemMessagesChoice::Other(foreign) = &messages[1] else {
            panic!("the foreign message: {:?}", messages[1]);
        };
        assert_eq!(foreign.ns(), "urn:example:soapstone:extension");
        assert_eq!(foreign.local(), "VendorNotice");
        assert_eq!(
            foreign
                .attributes
                .iter()
                .map(|a| (a.ns.as_str(), a.local.as_str(), a.value.as_str()))
                .collect::<Vec<_>>(),
            [("", "level", "info")]
        );
        assert_eq!(
            element_children(foreign),
            [(
                "urn:example:soapstone:extension".to_owned(),
                "Text".to_owned(),
                "A message kind from another namespace, kept in place.".to_owned()
            )]
        );
        assert_eq!(
            messages[2],
            posted("2015-11-10T18:43:59.900Z", "second", 124, None)
        );
        round_trip_payload(path, &xml, &[], &body);
    }
}

mod server_retrieve_messages_fault {
    use super::*;
    pub fn check(path: &str) {
        let (xml, fault) = decode_fault::<enduser::RetrieveMessagesResponse, ChatFault>(path);
        let Fault::V11(f) = &fault else {
            panic!("SOAP 1.1 fault expected");
        };
        assert_eq!(f.code, soap::FaultCode::new(soap::SOAP11_ENV_NS, "Server"));
        assert_eq!(fault.side(), Some(soap::FaultSide::Receiver));
        assert_eq!(f.string, "Internal error");
        assert_eq!(f.string_lang, None);
        assert_eq!(f.actor, None);
        let detail = f.detail.as_ref().expect("detail");
        assert_eq!(
            detail.entries,
            [DetailEntry::Typed(ChatFault::Server(
                chat_faults::ServerErrorFaultType {
                    exception_code: "INTERNAL_SERVER_ERROR".into(),
                    exception_message: "Internal error".into(),
                }
            ))]
        );
        round_trip_fault(path, &xml, &fault);
    }
}

mod server_post_chat_message_request {
    use super::*;
    pub fn check(path: &str) {
        let (xml, (info, security), body) =
            decode_payload::<ServerHeaders, enduser::PostChatMessage>(path);
        let info = assert_client_info(info, Some("12a3bcdefghi4jk56lmn7o8pq"));
        let security =
            assert_password_text_security(security, false, "UsernameToken-1", "YourUserName");
        let enduser::PostChatMessage {
            transaction_request_data,
            body: text,
            off_the_record,
        } = &body;
        assert_request_data(
            transaction_request_data,
            Some("2015-11-10T11:30:20"),
            2,
            "YourSiteName",
        );
        assert_eq!(text, "This is a PostChatMessage message!");
        assert_eq!(*off_the_record, None);
        round_trip_payload(path, &xml, &[&info, &security], &body);
    }
}

mod server_post_chat_message_off_the_record {
    use super::*;
    pub fn check(path: &str) {
        let (xml, (info, security), body) =
            decode_payload::<ServerHeaders, enduser::PostChatMessage>(path);
        let info = assert_client_info(info, Some("12a3bcdefghi4jk56lmn7o8pq"));
        let security =
            assert_password_text_security(security, false, "UsernameToken-1", "YourUserName");
        let enduser::PostChatMessage {
            transaction_request_data,
            body: text,
            off_the_record,
        } = &body;
        assert_request_data(transaction_request_data, None, 4, "YourSiteName");
        assert_eq!(text, "My account number is 12345.");
        assert_eq!(*off_the_record, Some(true));
        round_trip_payload(path, &xml, &[&info, &security], &body);
    }
}

mod server_post_chat_message_response {
    use super::*;
    pub fn check(path: &str) {
        let (xml, (), body) = decode_payload::<(), enduser::PostChatMessageResponse>(path);
        let enduser::PostChatMessageResponse {
            transaction_response_data,
        } = &body;
        assert_response_data(
            transaction_response_data,
            Echo::Empty,
            "2015-11-10T20:23:44.553Z",
            "2015-11-10T20:23:44.563Z",
            123,
            2,
        );
        round_trip_payload(path, &xml, &[], &body);
    }
}

mod server_post_chat_message_fault {
    use super::*;
    pub fn check(path: &str) {
        let (xml, fault) = decode_fault::<enduser::PostChatMessageResponse, ChatFault>(path);
        let Fault::V11(f) = &fault else {
            panic!("SOAP 1.1 fault expected");
        };
        assert_eq!(f.code, soap::FaultCode::new(soap::SOAP11_ENV_NS, "Client"));
        assert_eq!(fault.side(), Some(soap::FaultSide::Sender));
        assert_eq!(f.string, "Session 12a3bcdefghi4jk56lmn7o8pq is not active.");
        assert_eq!(f.actor, None);
        assert_eq!(
            fault.typed_detail(),
            Some(&ChatFault::Request(chat_faults::RequestErrorFaultType {
                exception_code: "BAD_REQUEST".into(),
                exception_message: "Session 12a3bcdefghi4jk56lmn7o8pq is not active.".into(),
                failed_item_index: None,
            }))
        );
        assert_eq!(f.detail.as_ref().map(|d| d.entries.len()), Some(1));
        round_trip_fault(path, &xml, &fault);
    }
}

mod server_send_activity_change_request {
    use super::*;
    pub fn check(path: &str) {
        let (xml, (info, security), body) =
            decode_payload::<ServerHeaders, enduser::SendActivityChange>(path);
        let info = assert_client_info(info, Some("12a3bcdefghi4jk56lmn7o8pq"));
        let security =
            assert_password_text_security(security, false, "UsernameToken-1", "YourUserName");
        let enduser::SendActivityChange {
            transaction_request_data,
            mode,
        } = &body;
        assert_request_data(
            transaction_request_data,
            Some("2015-11-10T18:43:02Z"),
            3,
            "YourSiteName",
        );
        assert_eq!(*mode, enduser::EndUserActivityMode::Responding);
        round_trip_payload(path, &xml, &[&info, &security], &body);
    }
}

mod server_send_activity_change_response {
    use super::*;
    pub fn check(path: &str) {
        let (xml, (), body) = decode_payload::<(), enduser::SendActivityChangeResponse>(path);
        let enduser::SendActivityChangeResponse {
            transaction_response_data,
        } = &body;
        // The union's dateTime member.
        assert_response_data(
            transaction_response_data,
            Echo::Time("2015-11-10T18:43:02Z"),
            "2015-11-10T18:43:02.117Z",
            "2015-11-10T18:43:02.121Z",
            123,
            3,
        );
        round_trip_payload(path, &xml, &[], &body);
    }
}

mod server_terminate_chat_request {
    use super::*;
    pub fn check(path: &str) {
        let (xml, (info, security), body) =
            decode_payload::<ServerHeaders, enduser::TerminateChat>(path);
        let info = assert_client_info(info, Some("12a3bcdefghi4jk56lmn7o8pq"));
        let security =
            assert_password_text_security(security, false, "UsernameToken-1", "YourUserName");
        let enduser::TerminateChat {
            transaction_request_data,
        } = &body;
        assert_request_data(
            transaction_request_data,
            Some("2015-11-10T20:25:15"),
            2,
            "YourSiteName",
        );
        round_trip_payload(path, &xml, &[&info, &security], &body);
    }
}

mod server_terminate_chat_password_digest {
    use super::*;

    fn base64_decode(text: &str) -> Vec<u8> {
        <soapstone::types::Base64Binary as soapstone::xml::XmlText>::from_xml_text(text)
            .expect("base64")
            .0
    }

    pub fn check(path: &str) {
        let (xml, (info, security), body) =
            decode_payload::<ServerHeaders, enduser::TerminateChat>(path);
        let info = assert_client_info(info, Some("12a3bcdefghi4jk56lmn7o8pq"));
        let security = security.expect("wsse:Security");
        let wsse::Security {
            any_attributes,
            username_token,
            any,
        } = &security;
        assert_must_understand(any_attributes, true);
        assert!(any.is_empty());
        let wsse::UsernameTokenType {
            id,
            username,
            password,
            nonce,
            created,
        } = username_token.as_ref().expect("UsernameToken");
        assert_eq!(id.as_ref(), Some(&xs_id("UsernameToken-9")));
        assert_username(username, "YourUserName");
        let password = password.as_ref().expect("Password");
        assert_eq!(
            password.type_,
            Some(wsse::PasswordType::HttpDocsOasisOpenOrgWss2004_01Oasis200401WssUsernameTokenProfile1_0PasswordDigest)
        );
        assert_eq!(password.value, "iDYtqUEsUFyrxeqyDu84ZR5TfBg=");
        assert_eq!(password.id, None);
        let nonce = nonce.as_ref().expect("Nonce");
        assert_eq!(nonce.value, "VqW100bHzQGboXeuBdqgtQ==");
        assert_eq!(
            nonce.encoding_type.as_ref(),
            Some(&AnyUri::new(BASE64_ENCODING).expect("uri"))
        );
        assert_eq!(nonce.id, None);
        let wsu::AttributedDateTime {
            id: created_id,
            value,
        } = created.as_ref().expect("Created");
        assert_eq!(*created_id, None);
        assert_dt(value, "2015-11-10T20:25:15Z");
        // The runtime's own WS-Security reader sees the same token.
        let runtime_view = soap::decode_response::<
            Option<soap::wsse::SecurityHeader>,
            enduser::TerminateChat,
            NoDetail,
        >(
            xml.as_bytes(),
            Some(SoapVersion::Soap11),
            &ReadOptions::strict(),
        )
        .expect("runtime SecurityHeader reads the digest header");
        let runtime_header = runtime_view.headers.expect("the Security block");
        assert!(runtime_header.must_understand);
        assert_eq!(runtime_header.timestamp, None);
        let token = runtime_header.token.expect("UsernameToken");
        assert_eq!(token.id.as_deref(), Some("UsernameToken-9"));
        assert_eq!(token.username, "YourUserName");
        assert_eq!(token.password_type, soap::wsse::PasswordType::Digest);
        assert_eq!(token.password.expose(), "iDYtqUEsUFyrxeqyDu84ZR5TfBg=");
        assert_eq!(token.nonce.as_deref(), Some("VqW100bHzQGboXeuBdqgtQ=="));
        assert_eq!(token.created.as_deref(), Some("2015-11-10T20:25:15Z"));
        // A real digest (tests/fixtures/README.md gives the password and the command that made
        // it): it verifies against its password and against nothing else.
        assert!(token.verify(&soap::Secret::from("YourPassword-2015")));
        assert!(!token.verify(&soap::Secret::from("YourPassword-2016")));
        assert!(!token.verify(&soap::Secret::from("")));
        let digest = base64_decode(token.password.expose());
        assert_eq!(digest.len(), 20, "a SHA-1 digest");
        assert_eq!(
            soap::wsse::password_digest(
                &base64_decode(token.nonce.as_deref().expect("Nonce")),
                token.created.as_deref().expect("Created"),
                &soap::Secret::from("YourPassword-2015"),
            )
            .expose(),
            token.password.expose()
        );
        let enduser::TerminateChat {
            transaction_request_data,
        } = &body;
        assert_request_data(
            transaction_request_data,
            Some("2015-11-10T20:25:15Z"),
            8,
            "YourSiteName",
        );
        round_trip_payload(path, &xml, &[&info, &security], &body);
    }
}

mod server_terminate_chat_response {
    use super::*;
    pub fn check(path: &str) {
        let (xml, (), body) = decode_payload::<(), enduser::TerminateChatResponse>(path);
        let enduser::TerminateChatResponse {
            transaction_response_data,
        } = &body;
        assert_response_data(
            transaction_response_data,
            Echo::Absent,
            "2015-11-10T20:25:16.090Z",
            "2015-11-10T20:25:16.127Z",
            123,
            2,
        );
        round_trip_payload(path, &xml, &[], &body);
    }
}

// ------------------------------------------------------------------------------ chat site

mod site_v1_1_get_chat_url_request {
    use super::*;
    pub fn check(path: &str) {
        let (xml, (client, security), body) =
            decode_payload::<SiteHeadersV1_1, v1_1::GetChatUrl>(path);
        let client = client.expect("ClientRequestHeader");
        let v1_1::ClientRequestHeader { app_id } = &client;
        assert_eq!(app_id, "Sample Chat Client");
        let security =
            assert_password_text_security(security, true, "UsernameToken-1", "YourUserID");
        let v1_1::GetChatUrl { url_type } = &body;
        assert_eq!(*url_type, v1_1::UrlType::Enduser);
        // Security comes first in this fixture.
        round_trip_payload(path, &xml, &[&security, &client], &body);
    }
}

mod site_v1_1_get_chat_url_response {
    use super::*;
    pub fn check(path: &str) {
        let (xml, (), body) = decode_payload::<(), v1_1::GetChatUrlResponse>(path);
        let v1_1::GetChatUrlResponse {
            get_chat_url_result:
                v1_1::ChatUrlResult {
                    chat_url,
                    chat_token,
                    site_name,
                },
        } = &body;
        assert_eq!(
            chat_url.as_str(),
            "https://chat-server.invalid/Chat/chat/yoursite"
        );
        assert_eq!(chat_token, "1234a5b6-c789-01d2-345-678ef90a1bc2");
        assert_eq!(site_name, "YOUR_SITE_NAME");
        round_trip_payload(path, &xml, &[], &body);
    }
}

mod site_v1_1_get_chat_operating_hours_request {
    use super::*;
    pub fn check(path: &str) {
        let (xml, (client, security), body) =
            decode_payload::<SiteHeadersV1_1, v1_1::GetChatOperatingHours>(path);
        let client = client.expect("ClientRequestHeader");
        assert_eq!(client.app_id, "Sample Chat Client");
        let security =
            assert_password_text_security(security, true, "UsernameToken-2", "YourUserID");
        let v1_1::GetChatOperatingHours {} = &body;
        round_trip_payload(path, &xml, &[&security, &client], &body);
    }
}

mod site_v1_1_get_chat_operating_hours_response {
    use super::*;
    pub fn check(path: &str) {
        let (xml, (), body) = decode_payload::<(), v1_1::GetChatOperatingHoursResponse>(path);
        let v1_1::GetChatOperatingHoursResponse {
            get_chat_operating_hours_result:
                v1_1::ChatOperatingHoursResult {
                    intervals,
                    in_operating_hours,
                    in_holiday,
                },
        } = &body;
        assert_eq!(intervals.interval, vec![]);
        assert!(!*in_operating_hours);
        assert!(*in_holiday);
        round_trip_payload(path, &xml, &[], &body);
    }
}

mod site_v1_1_get_chat_operating_hours_fault {
    use super::*;
    pub fn check(path: &str) {
        let (xml, fault) = decode_fault::<v1_1::GetChatOperatingHoursResponse, SiteFaultV1_1>(path);
        assert_eq!(
            *fault.code(),
            soap::FaultCode::new(soap::SOAP11_ENV_NS, "Server")
        );
        assert_eq!(fault.reason(), "The chat service is unavailable.");
        assert_eq!(
            fault.typed_detail(),
            Some(&SiteFaultV1_1::Server(
                site_faults_v1_1::ServerErrorFaultType {
                    exception_code: "UNKNOWN_EXCEPTION".into(),
                    exception_message: "The chat service is unavailable.".into(),
                }
            ))
        );
        assert_eq!(fault.detail().map(|d| d.raw().count()), Some(0));
        round_trip_fault(path, &xml, &fault);
    }
}

mod site_v1_2_get_chat_url_request {
    use super::*;
    pub fn check(path: &str) {
        let (xml, (client, security), body) =
            decode_payload::<SiteHeadersV1_2, v1_2::GetChatUrl>(path);
        let client = client.expect("ClientRequestHeader");
        let v1_2::ClientRequestHeader { app_id } = &client;
        assert_eq!(app_id, "Sample Chat Client");
        let security =
            assert_password_text_security(security, false, "UsernameToken-1", "YourUserID");
        let v1_2::GetChatUrl { url_type, version } = &body;
        assert_eq!(*url_type, v1_2::UrlType::Enduser);
        assert_eq!(version, "1.2");
        round_trip_payload(path, &xml, &[&client, &security], &body);
    }
}

mod site_v1_2_get_chat_url_response {
    use super::*;
    pub fn check(path: &str) {
        let (xml, (), body) = decode_payload::<(), v1_2::GetChatUrlResponse>(path);
        let v1_2::GetChatUrlResponse {
            get_chat_url_result:
                v1_2::ChatUrlResult {
                    chat_url,
                    chat_token,
                    site_name,
                },
        } = &body;
        assert_eq!(chat_url.as_str(), "CHAT_URL_WILL_BE_HERE");
        assert_eq!(chat_token, "1234a5b6-c789-01d2-345-678ef90a1bc2");
        assert_eq!(site_name, "YOUR_SITE_NAME");
        round_trip_payload(path, &xml, &[], &body);
    }
}

mod site_v1_2_get_chat_url_fault {
    use super::*;
    pub fn check(path: &str) {
        let (xml, fault) = decode_fault::<v1_2::GetChatUrlResponse, SiteFaultV1_2>(path);
        assert_eq!(
            *fault.code(),
            soap::FaultCode::new(soap::SOAP11_ENV_NS, "Client")
        );
        assert_eq!(
            fault.reason(),
            "Access Denied: invalid username or password."
        );
        assert_eq!(
            fault.typed_detail(),
            Some(&SiteFaultV1_2::Request(
                site_faults_v1_2::RequestErrorFaultType {
                    exception_code: "INVALID_LOGIN".into(),
                    exception_message: "Access Denied: invalid username or password.".into(),
                    failed_item_index: None,
                }
            ))
        );
        round_trip_fault(path, &xml, &fault);
    }
}

mod site_v1_2_get_chat_operating_hours_request {
    use super::*;
    pub fn check(path: &str) {
        let (xml, (client, security), body) =
            decode_payload::<SiteHeadersV1_2, v1_2::GetChatOperatingHours>(path);
        let client = client.expect("ClientRequestHeader");
        assert_eq!(client.app_id, "Sample Chat Client");
        let security =
            assert_password_text_security(security, true, "UsernameToken-2", "YourUserID");
        let v1_2::GetChatOperatingHours {} = &body;
        round_trip_payload(path, &xml, &[&security, &client], &body);
    }
}

mod site_v1_2_get_chat_operating_hours_response {
    use super::*;
    pub fn check(path: &str) {
        let (xml, (), body) = decode_payload::<(), v1_2::GetChatOperatingHoursResponse>(path);
        let v1_2::GetChatOperatingHoursResponse {
            get_chat_operating_hours_result:
                v1_2::ChatOperatingHoursResult {
                    intervals,
                    in_operating_hours,
                    in_holiday,
                },
        } = &body;
        assert!(*in_operating_hours);
        assert!(!*in_holiday);
        // Interval is an open content model: its children are kept as they came.
        const NS: &str = "urn:messages.chat.ws.rightnow.com/v1_2";
        let days: Vec<_> = intervals
            .interval
            .iter()
            .map(
                |v1_2::Interval {
                     any_attributes,
                     any,
                 }| {
                    assert!(any_attributes.is_empty());
                    any.iter()
                        .map(|e| {
                            assert_eq!(e.ns(), NS);
                            (e.local().to_string(), text_of(e))
                        })
                        .collect::<Vec<_>>()
                },
            )
            .collect();
        let day = |name: &str| {
            vec![
                ("DayOfWeek".to_owned(), name.to_owned()),
                ("StartTime".to_owned(), "09:00:00".to_owned()),
                ("EndTime".to_owned(), "17:00:00".to_owned()),
            ]
        };
        assert_eq!(days, [day("MONDAY"), day("TUESDAY")]);
        round_trip_payload(path, &xml, &[], &body);
    }
}
