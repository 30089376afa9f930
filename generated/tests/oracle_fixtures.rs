//! The generated Oracle bindings read the body payload of every recorded response
//! (`tests/fixtures/oracle/`) in strict mode, and what they write reads back to the same value.
//! The envelope itself is the runtime's business; here the payload is cut out of the body.

use soapstone::xml::{ReadOptions, XmlRead, XmlRoot, XmlWrite, from_str, to_string};
use soapstone_generated::bindings::{
    messages_chat_ws_rightnow_v1_1 as v1_1, messages_chat_ws_rightnow_v1_2 as v1_2,
    messages_enduser_chat_ws_rightnow_v1 as enduser,
};

/// The first child of the SOAP body, as a document of its own (the fixtures declare the
/// payload's namespaces on the payload element).
fn body_payload(name: &str) -> String {
    let path = format!(
        "{}/../tests/fixtures/oracle/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let open = text.find(":Body>").expect("a SOAP body") + ":Body>".len();
    // The closing tag of the body: the last `</…:Body>` in the document.
    let close = text[..text.rfind(":Body>").expect("body end")]
        .rfind("</")
        .expect("body end");
    text[open..close].trim().to_string()
}

fn round_trip<T>(name: &str) -> T
where
    T: XmlRead + XmlWrite + XmlRoot + PartialEq + std::fmt::Debug + 'static,
{
    let strict = ReadOptions::default();
    let payload = body_payload(name);
    let value: T = from_str(&payload, &strict).unwrap_or_else(|e| panic!("{name}: {e}\n{payload}"));
    let written = to_string(&value).unwrap_or_else(|e| panic!("{name}: {e}"));
    let again: T =
        from_str(&written, &strict).unwrap_or_else(|e| panic!("{name} rewritten: {e}\n{written}"));
    assert_eq!(value, again, "{name}: {written}");
    value
}

#[test]
fn chat_server_responses_round_trip() {
    round_trip::<enduser::PostChatMessageResponse>("server/post_chat_message.response.xml");
    round_trip::<enduser::RequestChatResponse>("server/request_chat.response.xml");
    round_trip::<enduser::RequestChatResponse>("server/request_chat.out_of_hours.response.xml");
    round_trip::<enduser::SendActivityChangeResponse>("server/send_activity_change.response.xml");
    round_trip::<enduser::TerminateChatResponse>("server/terminate_chat.response.xml");
    round_trip::<enduser::RetrieveMessagesResponse>("server/retrieve_messages.empty.response.xml");
    round_trip::<enduser::RetrieveMessagesResponse>("server/retrieve_messages.response.xml");
    round_trip::<enduser::RetrieveMessagesResponse>(
        "server/retrieve_messages.foreign_extension.response.xml",
    );
    let mixed = round_trip::<enduser::RetrieveMessagesResponse>(
        "server/retrieve_messages.mixed_kinds.response.xml",
    );
    // Document order of the system messages is kept, one variant per kind.
    let kinds: Vec<&str> = mixed
        .system_messages
        .iter()
        .flat_map(|m| m.choice.iter())
        .map(|c| match c {
            enduser::SystemMessagesChoice::RnChatWaitInformationChangedMessage(_) => "wait",
            enduser::SystemMessagesChoice::RnChatParticipantAddedMessage(_) => "added",
            enduser::SystemMessagesChoice::RnChatActivityChangedMessage(_) => "activity",
            enduser::SystemMessagesChoice::RnChatMessagePostedMessage(_) => "posted",
            enduser::SystemMessagesChoice::RnChatParticipantLeftMessage(_) => "left",
            enduser::SystemMessagesChoice::RnChatConcludedMessage(_) => "concluded",
            enduser::SystemMessagesChoice::Other(_) => "other",
        })
        .collect();
    assert_eq!(&kinds[..3], ["wait", "added", "activity"], "{kinds:?}");
}

#[test]
fn chat_site_responses_round_trip() {
    let url = round_trip::<v1_2::GetChatUrlResponse>("site_v1_2/get_chat_url.response.xml");
    assert_eq!(url.get_chat_url_result.site_name, "YOUR_SITE_NAME");
    round_trip::<v1_2::GetChatOperatingHoursResponse>(
        "site_v1_2/get_chat_operating_hours.response.xml",
    );
    round_trip::<v1_1::GetChatUrlResponse>("site_v1_1/get_chat_url.response.xml");
    round_trip::<v1_1::GetChatOperatingHoursResponse>(
        "site_v1_1/get_chat_operating_hours.response.xml",
    );
}
