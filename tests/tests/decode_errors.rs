//! Issue 4 acceptance: bad input gives clear, positioned errors.
//!
//! - every malformed ECE original (`tests/fixtures/ece/original/`) is rejected with its line
//!   and column, which are checked against the position of the defect found independently in
//!   the file's text;
//! - the Oracle originals with in-XML annotations (`<-- ...`) are rejected with a position, the
//!   other defective Oracle originals with the element path;
//! - wrong-namespace variants of corrected fixtures are rejected in strict mode with the path;
//! - lax mode skips an unknown element/attribute and still returns the known fields;
//! - names are matched by namespace URI, never by local name alone or by prefix.

use soapstone::soap::{self, Body, EnvelopeError, NoDetail, ReadHeaders, SoapVersion};
use soapstone::xml::{DecodeError, DecodeErrorKind, ReadOptions, XmlRead, XmlRoot, from_str};
use soapstone_generated::bindings::{
    bindings_egain_chat as egain, messages_common_chat_ws_rightnow_v1 as common,
    messages_enduser_chat_ws_rightnow_v1 as enduser, no_namespace as ece,
    wss_2004_01_oasis_200401_wss_wssecurity_secext_1_0_xsd as wsse,
};
use soapstone_tests::fixtures_dir;

type ServerHeaders = (
    Option<common::ChatClientInfoHeaderElement>,
    Option<wsse::Security>,
);

fn read_fixture(path: &str) -> String {
    let file = fixtures_dir().join(path);
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// 1-based line and column (in characters) of `needle`'s first occurrence plus `delta`
/// characters, computed from the text alone.
fn position_of(text: &str, needle: &str, delta: usize) -> (u32, u32) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not in the text"));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..at].chars().count() + 1 + delta;
    (
        u32::try_from(line).expect("line fits"),
        u32::try_from(column).expect("column fits"),
    )
}

fn strict() -> ReadOptions {
    ReadOptions::strict()
}

fn decode_doc<T: XmlRead + XmlRoot + std::fmt::Debug>(path: &str, xml: &str) -> DecodeError {
    match from_str::<T>(xml, &strict()) {
        Ok(v) => panic!("{path}: accepted: {v:?}"),
        Err(e) => e,
    }
}

/// Decodes a SOAP 1.1 envelope with the payload `B` and header set `H`; returns the error.
fn decode_envelope_err<H: ReadHeaders, B: XmlRead + XmlRoot>(
    what: &str,
    xml: &str,
    opts: &ReadOptions,
) -> DecodeError {
    match soap::decode_response::<H, B, NoDetail>(xml.as_bytes(), Some(SoapVersion::Soap11), opts) {
        Ok(_) => panic!("{what}: accepted"),
        Err(EnvelopeError::Decode(e)) => e,
        Err(other) => panic!("{what}: expected a decode error, got {other}"),
    }
}

fn decode_payload<H: ReadHeaders, B: XmlRead + XmlRoot>(
    what: &str,
    xml: &str,
    opts: &ReadOptions,
) -> B {
    let envelope =
        soap::decode_response::<H, B, NoDetail>(xml.as_bytes(), Some(SoapVersion::Soap11), opts)
            .unwrap_or_else(|e| panic!("{what}: {e}"));
    match envelope.body {
        Body::Payload(b) => b,
        Body::Fault(f) => panic!("{what}: fault {f}"),
    }
}

/// Checks kind (by message text), position and that the rendered message names both.
fn assert_positioned(path: &str, err: &DecodeError, message: &str, (line, column): (u32, u32)) {
    assert_eq!(
        (err.line, err.column),
        (line, column),
        "{path}: position of {err}"
    );
    assert_eq!(err.kind.to_string(), message, "{path}: {err}");
    let shown = err.to_string();
    assert!(
        shown.contains(&format!("line {line}, column {column}")),
        "{path}: the message must name line and column: {shown}"
    );
}

fn syntax(path: &str, err: &DecodeError) -> &'static str {
    match err.kind {
        DecodeErrorKind::Syntax(msg) => msg,
        ref other => panic!("{path}: expected a well-formedness error, got {other:?}"),
    }
}

// ------------------------------------------------------------------------ ECE originals

#[test]
fn ece_agent_availability_original_is_rejected_at_its_broken_declaration() {
    let path = "ece/original/agent_availability.response.xml";
    let xml = read_fixture(path);
    let err = decode_doc::<ece::AgentAvailability>(path, &xml);
    // `<?xml ... standalone="yes"/>`: the declaration never ends with `?>`.
    assert_eq!(syntax(path, &err), "unterminated processing instruction");
    assert_positioned(
        path,
        &err,
        "malformed XML: unterminated processing instruction",
        position_of(&xml, "<?xml", 0),
    );
    assert_eq!(err.path, "/");
}

#[test]
fn ece_capacity_original_is_rejected_at_the_code_fence() {
    let path = "ece/original/capacity.response.xml";
    let xml = read_fixture(path);
    let err = decode_doc::<ece::AvailableSlots>(path, &xml);
    let at = position_of(&xml, "```", 0);
    assert_eq!(at, (3, 1));
    assert_positioned(path, &err, "malformed XML: invalid or missing name", at);
}

#[test]
fn ece_live_session_status_original_is_rejected_at_the_split_end_tag() {
    let path = "ece/original/live_session_status.response.xml";
    let xml = read_fixture(path);
    let err = decode_doc::<ece::SessionStatus>(path, &xml);
    // `</ns2: queueDepth >`: after the name `ns2:` the tag must close; `queueDepth` is where
    // the parser finds something else.
    let at = position_of(&xml, "</ns2: queueDepth", "</ns2: ".len());
    assert_eq!(at, (6, 27));
    assert_positioned(path, &err, "malformed XML: expected `>` in end tag", at);
    assert_eq!(err.path, "/sessionStatus/queueDepth");
}

#[test]
fn ece_check_eligibility_original_is_rejected_at_the_unquoted_value() {
    let path = "ece/original/check_eligibility.response.xml";
    let xml = read_fixture(path);
    let err = decode_doc::<ece::CheckEligibility>(path, &xml);
    let at = position_of(&xml, "responseType=0", "responseType=".len());
    assert_eq!(at.0, 4);
    assert_positioned(
        path,
        &err,
        "malformed XML: expected a quoted attribute value",
        at,
    );
}

#[test]
fn ece_chat_allowed_originals_are_rejected_at_the_broken_version() {
    for path in [
        "ece/original/chat_allowed.allowed.response.xml",
        "ece/original/chat_allowed.not_allowed.response.xml",
    ] {
        let xml = read_fixture(path);
        let err = decode_doc::<ece::ChatAllowed>(path, &xml);
        // `version="1.0. encoding=` is one (invalid) version value.
        let at = position_of(&xml, "1.0. encoding", 0);
        assert_eq!(at, (1, 16));
        assert_positioned(
            path,
            &err,
            "malformed XML: invalid value in the XML declaration",
            at,
        );
    }
}

#[test]
fn ece_survey_original_in_no_namespace_is_the_wrong_root() {
    let path = "ece/original/survey.request.xml";
    let xml = read_fixture(path);
    let err = decode_doc::<egain::EgainSurveyElement>(path, &xml);
    assert_eq!(
        err.kind,
        DecodeErrorKind::WrongRoot {
            expected: "{http://bindings.egain.com/chat}egainSurvey".into(),
            found: "egainSurvey".into(),
        }
    );
    assert_eq!((err.line, err.column), (1, 1));
    assert_eq!(err.path, "/egainSurvey");
}

#[test]
fn every_ece_original_has_a_test_above() {
    let mut names: Vec<String> = std::fs::read_dir(fixtures_dir().join("ece/original"))
        .expect("ece/original")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "agent_availability.response.xml",
            "capacity.response.xml",
            "chat_allowed.allowed.response.xml",
            "chat_allowed.not_allowed.response.xml",
            "check_eligibility.response.xml",
            "live_session_status.response.xml",
            "survey.request.xml",
        ]
    );
}

// ------------------------------------------------------------------------ Oracle originals

#[test]
fn oracle_annotations_are_rejected_with_their_position() {
    // The response original: the annotation is its only defect.
    let path = "oracle/original/request_chat.response.xml";
    let xml = read_fixture(path);
    let err = decode_envelope_err::<(), enduser::RequestChatResponse>(path, &xml, &strict());
    // `<--Will be used in future calls`: a `<` followed by no name.
    let at = position_of(&xml, "<--Will be used", 1);
    assert_eq!(at.0, 1);
    assert_positioned(path, &err, "malformed XML: invalid or missing name", at);
    assert_eq!(err.path, "/Envelope/Body/RequestChatResponse");

    // The request original fails earlier, at its `2015-03-07 11:34:00` (a streaming reader
    // reports the first defect): positioned at that text.
    let path = "oracle/original/request_chat.request.xml";
    let xml = read_fixture(path);
    let err = decode_envelope_err::<ServerHeaders, enduser::RequestChat>(path, &xml, &strict());
    assert!(
        matches!(&err.kind, DecodeErrorKind::Value(v) if v.found == "2015-03-07 11:34:00"),
        "{err}"
    );
    assert_eq!(
        (err.line, err.column),
        position_of(&xml, "2015-03-07 11:34:00", 0)
    );
    assert_eq!(
        err.path,
        "/Envelope/Body/RequestChat/TransactionRequestData/ClientRequestTime"
    );

    // Its annotation, put back into the corrected fixture, is rejected where it stands.
    let annotated = replace_once(
        &read_fixture("oracle/server/request_chat.request.xml"),
        "</v11:ChatSessionToken>",
        "</v11:ChatSessionToken> <-- Must match the Token above!",
    );
    let err = decode_envelope_err::<ServerHeaders, enduser::RequestChat>(
        "annotated",
        &annotated,
        &strict(),
    );
    let at = position_of(&annotated, "<-- Must match", 1);
    assert!(at.0 > 1, "the corrected fixture is multi-line");
    assert_positioned(
        "annotated",
        &err,
        "malformed XML: invalid or missing name",
        at,
    );
    assert_eq!(err.path, "/Envelope/Body/RequestChat");
}

#[test]
fn oracle_original_with_unqualified_children_is_rejected_with_the_path() {
    let path = "oracle/original/retrieve_messages.request.xml";
    let xml = read_fixture(path);
    let err =
        decode_envelope_err::<ServerHeaders, enduser::RetrieveMessages>(path, &xml, &strict());
    assert_eq!(
        err.kind,
        DecodeErrorKind::UnexpectedElement("TransactionRequestData".into())
    );
    assert_eq!(
        err.path,
        "/Envelope/Body/RetrieveMessages/TransactionRequestData"
    );
    assert_eq!(
        (err.line, err.column),
        position_of(&xml, "<TransactionRequestData>", 0)
    );
}

#[test]
fn oracle_originals_with_bad_times_are_rejected_with_the_path() {
    for (path, found) in [
        ("oracle/original/post_chat_message.request.xml", "11:30:20"),
        ("oracle/original/terminate_chat.request.xml", "?"),
    ] {
        let xml = read_fixture(path);
        let err = if path.contains("post_chat") {
            decode_envelope_err::<ServerHeaders, enduser::PostChatMessage>(path, &xml, &strict())
        } else {
            decode_envelope_err::<ServerHeaders, enduser::TerminateChat>(path, &xml, &strict())
        };
        let DecodeErrorKind::Value(value) = &err.kind else {
            panic!("{path}: expected a value error, got {err}");
        };
        assert_eq!(value.expected, "xs:dateTime", "{path}");
        assert_eq!(value.found, found, "{path}");
        assert!(
            err.path
                .ends_with("/TransactionRequestData/ClientRequestTime"),
            "{path}: {err}"
        );
        // Positioned at the wrong text itself.
        assert_eq!(
            (err.line, err.column),
            position_of(&xml, &format!(">{found}<"), 1),
            "{path}"
        );
    }
}

#[test]
fn oracle_originals_that_xmllint_accepts_decode() {
    use soapstone_generated::bindings::messages_chat_ws_rightnow_v1_2 as v1_2;
    type SiteHeaders = (Option<v1_2::ClientRequestHeader>, Option<wsse::Security>);
    let read = |p: &str| read_fixture(&format!("oracle/original/{p}"));
    let url: v1_2::GetChatUrl = decode_payload::<SiteHeaders, _>(
        "get_chat_url request",
        &read("get_chat_url.v1_2.request.xml"),
        &strict(),
    );
    assert_eq!(url.version, "1.2");
    let url: v1_2::GetChatUrlResponse = decode_payload::<(), _>(
        "get_chat_url response",
        &read("get_chat_url.v1_2.response.xml"),
        &strict(),
    );
    assert_eq!(url.get_chat_url_result.site_name, "YOUR_SITE_NAME");
    let messages: enduser::RetrieveMessagesResponse = decode_payload::<(), _>(
        "retrieve_messages",
        &read("retrieve_messages.response.xml"),
        &strict(),
    );
    assert_eq!(messages.system_messages.map(|m| m.choice.len()), Some(2));
    let posted: enduser::PostChatMessageResponse = decode_payload::<(), _>(
        "post_chat_message",
        &read("post_chat_message.response.xml"),
        &strict(),
    );
    assert_eq!(posted.transaction_response_data.client_id, 123);
    let terminated: enduser::TerminateChatResponse = decode_payload::<(), _>(
        "terminate_chat",
        &read("terminate_chat.response.xml"),
        &strict(),
    );
    assert_eq!(
        terminated.transaction_response_data.client_transaction_id,
        2
    );
}

// ---------------------------------------------------------------- wrong namespaces (strict)

const RETRIEVE: &str = "oracle/server/retrieve_messages.response.xml";
const POSTED_CREATED: &str = "<CreatedTime>2015-11-10T18:42:01.645Z</CreatedTime>";

fn replace_once(xml: &str, from: &str, to: &str) -> String {
    assert_eq!(xml.matches(from).count(), 1, "{from:?} must occur once");
    xml.replacen(from, to, 1)
}

#[test]
fn created_time_in_the_enduser_namespace_is_rejected_with_the_path() {
    let xml = replace_once(
        &read_fixture(RETRIEVE),
        POSTED_CREATED,
        "<ns3:CreatedTime>2015-11-10T18:42:01.645Z</ns3:CreatedTime>",
    );
    let err =
        decode_envelope_err::<(), enduser::RetrieveMessagesResponse>("variant", &xml, &strict());
    assert_eq!(
        err.kind,
        DecodeErrorKind::UnexpectedElement(
            "{urn:messages.enduser.chat.ws.rightnow.com/v1}CreatedTime".into()
        ),
        "{err}"
    );
    assert_eq!(
        err.path,
        "/Envelope/Body/RetrieveMessagesResponse/SystemMessages/RNChatMessagePostedMessage/CreatedTime"
    );
    assert_eq!(
        (err.line, err.column),
        position_of(&xml, "<ns3:CreatedTime>", 0)
    );
}

#[test]
fn lax_mode_does_not_take_a_required_element_from_the_wrong_namespace() {
    let xml = replace_once(
        &read_fixture(RETRIEVE),
        POSTED_CREATED,
        "<ns3:CreatedTime>2015-11-10T18:42:01.645Z</ns3:CreatedTime>",
    );
    // Lax skips the unknown enduser CreatedTime; the common one is then missing.
    let err = decode_envelope_err::<(), enduser::RetrieveMessagesResponse>(
        "variant",
        &xml,
        &ReadOptions::lax(),
    );
    assert!(
        matches!(&err.kind, DecodeErrorKind::MissingElement(name) if name.contains("CreatedTime")),
        "{err}"
    );
    assert_eq!(
        err.path,
        "/Envelope/Body/RetrieveMessagesResponse/SystemMessages/RNChatMessagePostedMessage"
    );
}

#[test]
fn a_payload_root_in_a_wrong_namespace_is_rejected_with_the_path() {
    let xml = read_fixture("oracle/server/post_chat_message.response.xml")
        .replace("ns3:PostChatMessageResponse", "ns2:PostChatMessageResponse");
    let err =
        decode_envelope_err::<(), enduser::PostChatMessageResponse>("variant", &xml, &strict());
    assert_eq!(
        err.kind,
        DecodeErrorKind::UnexpectedElement(
            "{urn:messages.uq.chat.ws.rightnow.com/v1}PostChatMessageResponse".into()
        ),
        "{err}"
    );
    assert_eq!(err.path, "/Envelope/Body/PostChatMessageResponse");
    assert_eq!(
        (err.line, err.column),
        position_of(&xml, "<ns2:PostChatMessageResponse", 0)
    );
}

#[test]
fn a_header_child_in_a_wrong_namespace_is_rejected_with_the_path() {
    let xml = replace_once(
        &read_fixture("oracle/server/request_chat.request.xml"),
        "<v1:AppID>Sample Chat Client</v1:AppID>",
        "<v11:AppID>Sample Chat Client</v11:AppID>",
    );
    let err =
        decode_envelope_err::<ServerHeaders, enduser::RequestChat>("variant", &xml, &strict());
    assert_eq!(
        err.kind,
        DecodeErrorKind::UnexpectedElement(
            "{urn:messages.enduser.chat.ws.rightnow.com/v1}AppID".into()
        ),
        "{err}"
    );
    assert_eq!(err.path, "/Envelope/Header/ChatClientInfoHeader/AppID");
}

#[test]
fn an_ece_child_without_its_namespace_is_rejected_with_the_path() {
    let xml = read_fixture("ece/capacity.response.xml").replace("ns2:count", "count");
    let err = decode_doc::<ece::AvailableSlots>("variant", &xml);
    assert_eq!(
        err.kind,
        DecodeErrorKind::UnexpectedElement("count".into()),
        "{err}"
    );
    assert_eq!(err.path, "/availableSlots/count");
    assert_eq!((err.line, err.column), position_of(&xml, "<count>", 0));
}

// ------------------------------------------------------------------------------ lax mode

/// The retrieve-messages response with an unknown element inside the second message and an
/// unknown attribute on it.
fn with_extension() -> String {
    replace_once(
        &read_fixture(RETRIEVE),
        "<ns3:Body>test response</ns3:Body>",
        "<ns3:Body>test response</ns3:Body>\n          <ns3:Mood xmlns:x=\"urn:x\" x:scale=\"5\"><x:Deep>happy</x:Deep></ns3:Mood>",
    )
    .replacen(
        "<ns3:RNChatMessagePostedMessage>",
        "<ns3:RNChatMessagePostedMessage priority=\"high\">",
        1,
    )
}

#[test]
fn strict_mode_rejects_an_unknown_element_and_attribute() {
    let xml = with_extension();
    let err =
        decode_envelope_err::<(), enduser::RetrieveMessagesResponse>("extended", &xml, &strict());
    assert_eq!(
        err.kind,
        DecodeErrorKind::UnexpectedAttribute("priority".into()),
        "{err}"
    );
    assert_eq!(
        err.path,
        "/Envelope/Body/RetrieveMessagesResponse/SystemMessages/RNChatMessagePostedMessage"
    );
    let only_element = with_extension().replace(" priority=\"high\"", "");
    let err = decode_envelope_err::<(), enduser::RetrieveMessagesResponse>(
        "extended",
        &only_element,
        &strict(),
    );
    assert_eq!(
        err.kind,
        DecodeErrorKind::UnexpectedElement(
            "{urn:messages.enduser.chat.ws.rightnow.com/v1}Mood".into()
        ),
        "{err}"
    );
    assert_eq!(
        err.path,
        "/Envelope/Body/RetrieveMessagesResponse/SystemMessages/RNChatMessagePostedMessage/Mood"
    );
    assert_eq!(
        (err.line, err.column),
        position_of(&only_element, "<ns3:Mood", 0)
    );
}

#[test]
fn lax_mode_skips_unknown_content_and_keeps_the_known_fields() {
    let original: enduser::RetrieveMessagesResponse =
        decode_payload::<(), _>("original", &read_fixture(RETRIEVE), &strict());
    let lax: enduser::RetrieveMessagesResponse =
        decode_payload::<(), _>("extended", &with_extension(), &ReadOptions::lax());
    assert_eq!(lax, original);
    let messages = lax.system_messages.expect("messages").choice;
    let enduser::SystemMessagesChoice::RnChatMessagePostedMessage(posted) = &messages[1] else {
        panic!("second message: {:?}", messages[1]);
    };
    assert_eq!(posted.body, "test response");
    assert_eq!(posted.client_id, 123);
}

#[test]
fn lax_mode_still_rejects_missing_required_elements_and_bad_values() {
    let missing = replace_once(&with_extension(), "<ns3:Body>test response</ns3:Body>", "");
    let err = decode_envelope_err::<(), enduser::RetrieveMessagesResponse>(
        "missing",
        &missing,
        &ReadOptions::lax(),
    );
    assert!(
        matches!(&err.kind, DecodeErrorKind::MissingElement(name) if name.contains("Body")),
        "{err}"
    );
    assert!(
        err.path
            .ends_with("/SystemMessages/RNChatMessagePostedMessage"),
        "{err}"
    );
    let bad = replace_once(
        &with_extension(),
        "<ns3:ClientID>860</ns3:ClientID>",
        "<ns3:ClientID>eight hundred</ns3:ClientID>",
    );
    let err = decode_envelope_err::<(), enduser::RetrieveMessagesResponse>(
        "bad",
        &bad,
        &ReadOptions::lax(),
    );
    assert!(matches!(err.kind, DecodeErrorKind::Value(_)), "{err}");
    assert_eq!(
        err.path,
        "/Envelope/Body/RetrieveMessagesResponse/TransactionResponseData/ClientID"
    );
}

// ---------------------------------------------------------------- no namespace-blind matching

/// A serde + quick-xml style reader matches local names and ignores namespaces, so it would
/// take each of these documents for the real one. soapstone must refuse every one of them,
/// and must accept the same document under different prefixes.
#[test]
fn names_are_matched_by_namespace_uri_not_by_local_name_or_prefix() {
    let xml = read_fixture(RETRIEVE);
    let reference: enduser::RetrieveMessagesResponse =
        decode_payload::<(), _>("fixture", &xml, &strict());

    // Same local names, every namespace swapped for a look-alike URI.
    let lookalike = xml
        .replace(
            "urn:messages.enduser.chat.ws.rightnow.com/v1",
            "urn:messages.enduser.chat.ws.example.com/v1",
        )
        .replace(
            "urn:messages.common.chat.ws.rightnow.com/v1",
            "urn:messages.common.chat.ws.example.com/v1",
        );
    let err = decode_envelope_err::<(), enduser::RetrieveMessagesResponse>(
        "lookalike",
        &lookalike,
        &strict(),
    );
    assert_eq!(err.path, "/Envelope/Body/RetrieveMessagesResponse", "{err}");

    // Everything unqualified (what a namespace-blind serializer writes).
    let unqualified = xml
        .replace("ns3:", "")
        .replace(" xmlns=\"urn:messages.common.chat.ws.rightnow.com/v1\"", "")
        .replace(
            " xmlns:ns3=\"urn:messages.enduser.chat.ws.rightnow.com/v1\"",
            "",
        );
    let err = decode_envelope_err::<(), enduser::RetrieveMessagesResponse>(
        "unqualified",
        &unqualified,
        &strict(),
    );
    assert_eq!(
        err.kind,
        DecodeErrorKind::UnexpectedElement("RetrieveMessagesResponse".into())
    );

    // Only the common namespace of CreatedTime swapped with the enduser one (default
    // namespace rebound): every local name still matches.
    let rebound = xml.replace(
        " xmlns=\"urn:messages.common.chat.ws.rightnow.com/v1\"",
        " xmlns=\"urn:messages.enduser.chat.ws.rightnow.com/v1\"",
    );
    let err = decode_envelope_err::<(), enduser::RetrieveMessagesResponse>(
        "rebound",
        &rebound,
        &strict(),
    );
    assert!(
        err.path
            .ends_with("/RNChatParticipantAddedMessage/CreatedTime"),
        "{err}"
    );

    // Different prefixes, same URIs: the same value.
    let renamed = xml
        .replace("ns3:", "zz:")
        .replace("xmlns:ns3=", "xmlns:zz=")
        .replace("S:", "soapenv:")
        .replace("xmlns:S=", "xmlns:soapenv=");
    let same: enduser::RetrieveMessagesResponse =
        decode_payload::<(), _>("renamed", &renamed, &strict());
    assert_eq!(same, reference);
}

// ------------------------------------------------------------------------ XML declaration

/// The declaration is checked as XML 1.0 defines it (the chat_allowed originals showed a
/// reader that skipped it would accept a broken document).
#[test]
fn the_xml_declaration_is_checked() {
    let doc = |decl: &str| format!("{decl}\n<agentAvailability available=\"true\"/>");
    for good in [
        "<?xml version=\"1.0\"?>",
        "<?xml version='1.0' encoding='UTF-8'?>",
        "<?xml version=\"1.1\" encoding=\"utf-8\" standalone=\"no\" ?>",
        "<?xml version = \"1.0\" standalone=\"yes\"?>",
    ] {
        let value: ece::AgentAvailability =
            from_str(&doc(good), &strict()).unwrap_or_else(|e| panic!("{good}: {e}"));
        assert!(value.available);
    }
    for (bad, message, column) in [
        (
            "<?xml encoding=\"UTF-8\"?>",
            "the XML declaration must start with its version",
            7,
        ),
        ("<?xml?>", "the XML declaration has no version", 6),
        (
            "<?xml version=\"2.0\"?>",
            "invalid value in the XML declaration",
            16,
        ),
        (
            "<?xml version=\"1.0\" standalone=\"maybe\"?>",
            "invalid value in the XML declaration",
            33,
        ),
        (
            "<?xml version=\"1.0\" standalone=\"yes\" encoding=\"UTF-8\"?>",
            "invalid or misplaced pseudo-attribute in the XML declaration",
            38,
        ),
        (
            "<?xml version=\"1.0\"encoding=\"UTF-8\"?>",
            "expected whitespace in the XML declaration",
            20,
        ),
        (
            "<?xml version=1.0?>",
            "expected `=\"...\"` in the XML declaration",
            14,
        ),
    ] {
        let err = match from_str::<ece::AgentAvailability>(&doc(bad), &strict()) {
            Ok(v) => panic!("{bad}: accepted as {v:?}"),
            Err(e) => e,
        };
        assert_eq!(err.kind, DecodeErrorKind::Syntax(message), "{bad}: {err}");
        assert_eq!((err.line, err.column), (1, column), "{bad}: {err}");
    }
}
