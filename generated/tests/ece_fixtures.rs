//! The generated ECE bindings read the recorded responses (`tests/fixtures/ece/`) in strict
//! mode, and what they write reads back to the same value.

use soapstone::xml::{ReadOptions, XmlRead, XmlRoot, XmlWrite, from_str, to_string};
use soapstone_generated::bindings::no_namespace::{
    AgentAvailability, AvailableSlots, ChatAllowed, ChatNotAllowedReason, CheckEligibility,
    SessionStatus,
};

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/../tests/fixtures/ece/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn round_trip<T>(name: &str) -> T
where
    T: XmlRead + XmlWrite + XmlRoot + PartialEq + std::fmt::Debug + 'static,
{
    let strict = ReadOptions::default();
    let value: T = from_str(&fixture(name), &strict).unwrap_or_else(|e| panic!("{name}: {e}"));
    let written = to_string(&value).unwrap_or_else(|e| panic!("{name}: {e}"));
    let again: T =
        from_str(&written, &strict).unwrap_or_else(|e| panic!("{name} rewritten: {e}\n{written}"));
    assert_eq!(value, again, "{name}: {written}");
    value
}

#[test]
fn every_ece_response_round_trips() {
    let v: ChatAllowed = round_trip("chat_allowed.not_allowed.response.xml");
    assert!(!v.allowed);
    assert_eq!(v.reason, Some(ChatNotAllowedReason::EntryPointInactive));
    let v: ChatAllowed = round_trip("chat_allowed.allowed.response.xml");
    assert!(v.allowed);
    round_trip::<AgentAvailability>("agent_availability.response.xml");
    round_trip::<AgentAvailability>("agent_availability.unavailable.response.xml");
    round_trip::<AvailableSlots>("capacity.response.xml");
    round_trip::<CheckEligibility>("check_eligibility.response.xml");
    round_trip::<CheckEligibility>("check_eligibility.max_queue_depth.response.xml");
    round_trip::<SessionStatus>("live_session_status.response.xml");
}
