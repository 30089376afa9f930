//! Issue 4 acceptance: arbitrary values of the generated chat types round-trip
//! value → XML → value unchanged (strict reading), and the XML of a sample of them validates
//! with xmllint against `wsdl/`.
//!
//! The strategies produce values the schemas allow: strings of XML 1.0 characters (markup
//! characters, `]]>`, CR/LF/TAB and non-ASCII included), dateTimes with real calendar dates and
//! offsets within ±14:00, finite doubles, a `DataValue` holding exactly one choice branch (one
//! value, or one to three items of one `*List` kind), nesting bounded in depth.
//! Round trips run 64 cases per type; the xmllint sample 32 cases per type.

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::Config;
use soapstone::soap::{self, SoapVersion};
use soapstone::types::{AnyUri, Base64Binary, Date, DateTime, Decimal};
use soapstone::xml::{ReadOptions, XmlRead, XmlRoot, XmlWrite, from_str, to_string};
use soapstone_generated::bindings::{
    bindings_egain_chat as egain, messages_chat_ws_rightnow_v1_2 as v1_2,
    messages_common_chat_ws_rightnow_v1 as common, messages_enduser_chat_ws_rightnow_v1 as enduser,
    no_namespace as ece,
};
use soapstone_tests::interop::validate_envelope;
use soapstone_tests::{schema_for_namespace, xmllint_validate};

const ROUND_TRIP_CASES: u32 = 64;
const XMLLINT_CASES: u32 = 32;

// ------------------------------------------------------------------------------ strategies

/// A character XML 1.0 allows, biased towards the ones that need escaping.
fn xml_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => (0x20u32..0x7f).prop_map(|c| char::from_u32(c).expect("ASCII")),
        3 => select(vec!['<', '>', '&', '"', '\'', ']', '\t', '\n', '\r', ' ']),
        1 => (0xa0u32..0xd800).prop_map(|c| char::from_u32(c).expect("BMP below surrogates")),
        1 => (0xe000u32..0xfffe).prop_map(|c| char::from_u32(c).expect("BMP above surrogates")),
        1 => (0x1_0000u32..0x11_0000).prop_map(|c| char::from_u32(c).expect("supplementary")),
    ]
}

fn xml_string() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => proptest::collection::vec(xml_char(), 0..16).prop_map(String::from_iter),
        // Strings that look like markup must come back as data.
        1 => Just("</Body>]]><![CDATA[x]]>&amp;".to_owned()),
        1 => Just(String::new()),
    ]
}

fn datetime_text() -> impl Strategy<Value = String> {
    let offset = prop_oneof![
        Just(String::new()),
        Just("Z".to_owned()),
        (any::<bool>(), 0u8..=13, select(vec![0u8, 30, 45]))
            .prop_map(|(plus, h, m)| format!("{}{h:02}:{m:02}", if plus { '+' } else { '-' })),
        Just("+14:00".to_owned()),
    ];
    let fraction = prop_oneof![
        Just(String::new()),
        "[0-9]{1,6}".prop_map(|d| format!(".{d}"))
    ];
    (
        1i64..=9999,
        1u8..=12,
        1u8..=28,
        0u8..24,
        0u8..60,
        0u8..60,
        fraction,
        offset,
    )
        .prop_map(|(y, mo, d, h, mi, s, f, tz)| {
            format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{f}{tz}")
        })
}

fn datetime() -> impl Strategy<Value = DateTime> {
    datetime_text().prop_map(|t| t.parse().unwrap_or_else(|e| panic!("{t}: {e}")))
}

fn date() -> impl Strategy<Value = Date> {
    (
        1i64..=9999,
        1u8..=12,
        1u8..=28,
        prop_oneof![Just(""), Just("Z"), Just("-05:00")],
    )
        .prop_map(|(y, m, d, tz)| {
            let t = format!("{y:04}-{m:02}-{d:02}{tz}");
            t.parse().unwrap_or_else(|e| panic!("{t}: {e}"))
        })
}

fn decimal() -> impl Strategy<Value = Decimal> {
    "-?[0-9]{1,12}(\\.[0-9]{1,6})?".prop_map(|t| t.parse().unwrap_or_else(|e| panic!("{t}: {e}")))
}

/// xs:double without NaN (NaN is not equal to itself, so it cannot show a round trip).
fn double() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => any::<f64>().prop_filter("NaN", |f| !f.is_nan()),
        1 => select(vec![0.0, -0.0, 1.5, f64::INFINITY, f64::NEG_INFINITY, f64::MIN_POSITIVE]),
    ]
}

fn uri() -> impl Strategy<Value = AnyUri> {
    "https://[a-z]{1,10}\\.invalid(/[A-Za-z0-9_.~-]{1,8}){0,3}(\\?q=[a-z0-9]{1,5})?"
        .prop_map(|t| AnyUri::new(t.clone()).unwrap_or_else(|e| panic!("{t}: {e}")))
}

fn rn_id() -> impl Strategy<Value = common::Id> {
    any::<i64>().prop_map(|id| common::Id { id })
}

fn named_id() -> impl Strategy<Value = common::NamedId> {
    (
        proptest::option::of(rn_id()),
        proptest::option::of(xml_string()),
    )
        .prop_map(|(id, name)| common::NamedId { id, name })
}

fn named_id_delta() -> impl Strategy<Value = common::NamedIdDelta> {
    (
        proptest::option::of(select(vec![
            common::ActionEnum::Add,
            common::ActionEnum::Remove,
        ])),
        proptest::option::of(rn_id()),
        proptest::option::of(xml_string()),
    )
        .prop_map(|(action, id, name)| common::NamedIdDelta { action, id, name })
}

fn named_id_hierarchy() -> impl Strategy<Value = common::NamedIdHierarchy> {
    (
        proptest::option::of(rn_id()),
        proptest::option::of(xml_string()),
        proptest::collection::vec(named_id().prop_map(common::NamedIdKind::NamedId), 0..3),
    )
        .prop_map(|(id, name, parents)| common::NamedIdHierarchy { id, name, parents })
}

/// `NamedID` or a type derived from it (written with `xsi:type`).
fn named_id_kind() -> impl Strategy<Value = common::NamedIdKind> {
    prop_oneof![
        named_id().prop_map(common::NamedIdKind::NamedId),
        named_id_delta().prop_map(common::NamedIdKind::NamedIdDelta),
        named_id_hierarchy().prop_map(common::NamedIdKind::NamedIdHierarchy),
    ]
}

fn one<T: std::fmt::Debug + 'static>(
    s: impl Strategy<Value = T> + 'static,
    f: fn(T) -> common::DataValueChoice,
) -> BoxedStrategy<common::DataValueChoice> {
    s.prop_map(f).boxed()
}

fn many<T: std::fmt::Debug + 'static>(
    s: impl Strategy<Value = T> + 'static,
    f: fn(Vec<T>) -> common::DataValueChoice,
) -> BoxedStrategy<common::DataValueChoice> {
    proptest::collection::vec(s, 1..4).prop_map(f).boxed()
}

/// A `DataValue`: exactly one branch of its choice; objects nest down to `depth`.
fn data_value(depth: u32) -> BoxedStrategy<common::DataValue> {
    use common::DataValueChoice as C;
    let mut branches: Vec<BoxedStrategy<C>> = vec![
        one(
            any::<Vec<u8>>().prop_map(Base64Binary::from),
            C::Base64BinaryValue,
        ),
        one(any::<bool>(), C::BooleanValue),
        many(any::<bool>(), C::BooleanValueList),
        one(datetime(), C::DateTimeValue),
        many(datetime(), C::DateTimeValueList),
        one(date(), C::DateValue),
        many(date(), C::DateValueList),
        one(double(), C::DecimalValue),
        many(double(), C::DecimalValueList),
        one(rn_id(), C::IdValue),
        many(rn_id(), C::IdValueList),
        one(any::<i32>(), C::IntegerValue),
        many(any::<i32>(), C::IntegerValueList),
        one(any::<i64>(), C::LongValue),
        many(any::<i64>(), C::LongValueList),
        many(named_id_delta(), C::NamedIdDeltaValueList),
        one(named_id_hierarchy(), C::NamedIdHierarchyValue),
        many(named_id_hierarchy(), C::NamedIdHierarchyValueList),
        one(named_id_kind(), C::NamedIdValue),
        many(named_id_kind(), C::NamedIdValueList),
        one(xml_string(), C::StringValue),
        many(xml_string(), C::StringValueList),
    ];
    if depth > 0 {
        branches.push(one(generic_object(depth - 1), C::ObjectValue));
        branches.push(many(generic_object(depth - 1), C::ObjectValueList));
    }
    proptest::strategy::Union::new(branches)
        .prop_map(|choice| common::DataValue { choice })
        .boxed()
}

fn data_type() -> impl Strategy<Value = common::DataTypeEnum> {
    use common::DataTypeEnum as D;
    select(vec![
        D::Base64Binary,
        D::Boolean,
        D::BooleanList,
        D::Date,
        D::DateList,
        D::Datetime,
        D::DatetimeList,
        D::Decimal,
        D::DecimalList,
        D::Id,
        D::IdList,
        D::Integer,
        D::IntegerList,
        D::Long,
        D::LongList,
        D::NamedId,
        D::NamedIdDeltaList,
        D::NamedIdList,
        D::NamedIdHierarchy,
        D::NamedIdHierarchyList,
        D::Object,
        D::ObjectList,
        D::String,
        D::StringList,
    ])
}

fn generic_object(depth: u32) -> BoxedStrategy<common::GenericObject> {
    let field = (
        data_type(),
        xml_string(),
        proptest::option::of(data_value(depth)),
    )
        .prop_map(|(data_type, name, data_value)| common::GenericField {
            data_type,
            name,
            data_value,
        });
    (
        proptest::option::of(xml_string()),
        xml_string(),
        proptest::collection::vec(field, 0..3),
    )
        .prop_map(
            |(namespace, type_name, generic_fields)| common::GenericObject {
                object_type: common::RnObjectType {
                    namespace,
                    type_name,
                },
                generic_fields,
            },
        )
        .boxed()
}

fn request_data() -> impl Strategy<Value = enduser::TransactionRequestData> {
    (proptest::option::of(datetime()), any::<i64>(), xml_string()).prop_map(
        |(client_request_time, client_transaction_id, site_name)| enduser::TransactionRequestData {
            client_request_time,
            client_transaction_id,
            site_name,
        },
    )
}

fn customer_information() -> impl Strategy<Value = common::CustomerInformation> {
    let s = || proptest::option::of(xml_string());
    (
        s(),
        s(),
        s(),
        proptest::option::of(named_id_kind()),
        proptest::option::of(rn_id()),
        s(),
        proptest::option::of(rn_id()),
    )
        .prop_map(
            |(
                e_mail_address,
                first_name,
                last_name,
                interface_id,
                contact_id,
                question,
                category_id,
            )| {
                common::CustomerInformation {
                    e_mail_address,
                    first_name,
                    last_name,
                    interface_id,
                    contact_id,
                    question,
                    category_id,
                }
            },
        )
}

fn request_chat() -> impl Strategy<Value = enduser::RequestChat> {
    (
        request_data(),
        proptest::collection::vec(generic_object(2), 0..3),
        customer_information(),
        proptest::option::of(select(vec![
            enduser::ResumeType::Resume,
            enduser::ResumeType::DoNotResume,
            enduser::ResumeType::None,
        ])),
        xml_string(),
        proptest::option::of(rn_id()),
    )
        .prop_map(
            |(
                transaction_request_data,
                custom_fields,
                customer_information,
                resume_type,
                chat_session_token,
                incident_id,
            )| enduser::RequestChat {
                transaction_request_data,
                custom_fields,
                customer_information,
                resume_type,
                chat_session_token,
                incident_id,
            },
        )
}

fn post_chat_message() -> impl Strategy<Value = enduser::PostChatMessage> {
    (
        request_data(),
        xml_string(),
        proptest::option::of(any::<bool>()),
    )
        .prop_map(|(transaction_request_data, body, off_the_record)| {
            enduser::PostChatMessage {
                transaction_request_data,
                body,
                off_the_record,
            }
        })
}

fn response_data() -> impl Strategy<Value = enduser::TransactionResponseData> {
    let echo = prop_oneof![
        Just(None),
        Just(Some(enduser::DateTimeOrEmpty::Variant2(
            enduser::DateTimeOrEmptyVariant2(String::new())
        ))),
        datetime().prop_map(|t| Some(enduser::DateTimeOrEmpty::DateTime(t))),
    ];
    (echo, datetime(), datetime(), any::<i64>(), any::<i64>()).prop_map(
        |(
            client_request_time,
            service_start_time,
            service_finish_time,
            client_id,
            client_transaction_id,
        )| {
            enduser::TransactionResponseData {
                client_request_time,
                service_start_time,
                service_finish_time,
                client_id,
                client_transaction_id,
            }
        },
    )
}

fn role() -> impl Strategy<Value = enduser::Role> {
    select(vec![enduser::Role::Lead, enduser::Role::Conferee])
}

fn disconnect_reason() -> impl Strategy<Value = enduser::DisconnectReason> {
    use enduser::DisconnectReason as R;
    select(vec![
        R::AgentConcluded,
        R::EndUserConcluded,
        R::QueueTimeout,
        R::IdleTimeout,
        R::Ejected,
        R::TransferredToQueue,
        R::ParticipantLeft,
        R::NoAgentsAvailable,
        R::BrowserUnsupported,
        R::EndedUserCancel,
        R::EndedUserDeflected,
        R::FailNoAgentsAvail,
    ])
}

fn system_message() -> impl Strategy<Value = enduser::SystemMessagesChoice> {
    use enduser::SystemMessagesChoice as M;
    use proptest::option::of;
    let mode = select(vec![
        enduser::ParticipantActivityMode::None,
        enduser::ParticipantActivityMode::Absent,
        enduser::ParticipantActivityMode::Away,
        enduser::ParticipantActivityMode::Listening,
        enduser::ParticipantActivityMode::Researching,
        enduser::ParticipantActivityMode::Responding,
    ]);
    prop_oneof![
        (
            datetime(),
            xml_string(),
            of(xml_string()),
            any::<i64>(),
            role()
        )
            .prop_map(|(created_time, name, greeting, client_id, role)| {
                M::RnChatParticipantAddedMessage(enduser::RnChatParticipantAddedMessage {
                    created_time,
                    name,
                    greeting,
                    client_id,
                    role,
                })
            }),
        (datetime(), xml_string(), any::<i64>(), of(any::<bool>())).prop_map(
            |(created_time, body, client_id, off_the_record)| M::RnChatMessagePostedMessage(
                enduser::RnChatMessagePostedMessage {
                    created_time,
                    body,
                    client_id,
                    off_the_record,
                }
            )
        ),
        (datetime(), of(any::<i64>()), of(mode)).prop_map(|(created_time, client_id, mode)| {
            M::RnChatActivityChangedMessage(enduser::RnChatActivityChangedMessage {
                created_time,
                client_id,
                mode,
            })
        }),
        (
            datetime(),
            of(any::<i64>()),
            of(role()),
            of(disconnect_reason())
        )
            .prop_map(|(created_time, client_id, role, disconnect_reason)| {
                M::RnChatParticipantLeftMessage(enduser::RnChatParticipantLeftMessage {
                    created_time,
                    client_id,
                    role,
                    disconnect_reason,
                })
            }),
        (datetime(), of(disconnect_reason()), of(role())).prop_map(
            |(created_time, reason, role)| {
                M::RnChatConcludedMessage(enduser::RnChatConcludedMessage {
                    created_time,
                    reason,
                    role,
                })
            }
        ),
        (
            datetime(),
            of(any::<i32>()),
            of(any::<i32>()),
            of(any::<i32>())
        )
            .prop_map(
                |(created_time, position, expected_wait_seconds, average_wait_seconds)| {
                    M::RnChatWaitInformationChangedMessage(
                        enduser::RnChatWaitInformationChangedMessage {
                            created_time,
                            position,
                            expected_wait_seconds,
                            average_wait_seconds,
                        },
                    )
                }
            ),
    ]
}

fn retrieve_messages_response() -> impl Strategy<Value = enduser::RetrieveMessagesResponse> {
    (
        response_data(),
        proptest::option::of(proptest::collection::vec(system_message(), 0..8)),
    )
        .prop_map(
            |(transaction_response_data, messages)| enduser::RetrieveMessagesResponse {
                transaction_response_data,
                system_messages: messages.map(|choice| enduser::SystemMessages { choice }),
            },
        )
}

fn get_chat_url_response() -> impl Strategy<Value = v1_2::GetChatUrlResponse> {
    (uri(), xml_string(), xml_string()).prop_map(|(chat_url, chat_token, site_name)| {
        v1_2::GetChatUrlResponse {
            get_chat_url_result: v1_2::ChatUrlResult {
                chat_url,
                chat_token,
                site_name,
            },
        }
    })
}

fn chat_allowed() -> impl Strategy<Value = ece::ChatAllowed> {
    use ece::ChatNotAllowedReason as R;
    let reason = select(vec![
        R::QueueDepthReached,
        R::AgentNotAvailable,
        R::ServiceNotRunning,
        R::InvalidEntryPoint,
        R::EntryPointInactive,
        R::Other,
    ]);
    (any::<bool>(), proptest::option::of(reason))
        .prop_map(|(allowed, reason)| ece::ChatAllowed { allowed, reason })
}

fn session_status() -> impl Strategy<Value = ece::SessionStatus> {
    (decimal(), any::<i32>()).prop_map(|(wait_time, queue_depth)| ece::SessionStatus {
        wait_time,
        queue_depth,
    })
}

fn survey() -> impl Strategy<Value = egain::EgainSurveyElement> {
    let entry = (xml_string(), xml_string())
        .prop_map(|(question, answer)| egain::SurveyEntry { question, answer });
    (xml_string(), proptest::collection::vec(entry, 1..5))
        .prop_map(|(sid, survey)| egain::EgainSurveyElement { sid, survey })
}

// ------------------------------------------------------------------------------ properties

fn round_trip<T>(value: &T) -> Result<String, TestCaseError>
where
    T: XmlRead + XmlWrite + XmlRoot + PartialEq + std::fmt::Debug + 'static,
{
    let xml = to_string(value).map_err(|e| TestCaseError::fail(format!("encode: {e}")))?;
    let back: T = from_str(&xml, &ReadOptions::strict())
        .map_err(|e| TestCaseError::fail(format!("decode: {e}\n{xml}")))?;
    prop_assert_eq!(&back, value, "through {}", xml);
    Ok(xml)
}

fn validates<T>(value: &T) -> Result<(), TestCaseError>
where
    T: XmlRead + XmlWrite + XmlRoot + PartialEq + std::fmt::Debug + 'static,
{
    let xml = round_trip(value)?;
    let schema = schema_for_namespace(T::NAME.ns)
        .ok_or_else(|| TestCaseError::fail(format!("no schema for {:?}", T::NAME.ns)))?;
    xmllint_validate(&schema, &xml).map_err(|e| TestCaseError::fail(format!("{e}\n{xml}")))
}

macro_rules! properties {
    ($($round:ident, $valid:ident: $strategy:expr;)*) => {
        proptest! {
            #![proptest_config(Config { cases: ROUND_TRIP_CASES, ..Config::default() })]
            $(
                #[test]
                fn $round(value in $strategy) {
                    round_trip(&value)?;
                }
            )*
        }
        proptest! {
            #![proptest_config(Config { cases: XMLLINT_CASES, ..Config::default() })]
            $(
                #[test]
                fn $valid(value in $strategy) {
                    validates(&value)?;
                }
            )*
        }
    };
}

properties! {
    request_chat_round_trips, request_chat_validates: request_chat();
    retrieve_messages_response_round_trips, retrieve_messages_response_validates: retrieve_messages_response();
    post_chat_message_round_trips, post_chat_message_validates: post_chat_message();
    get_chat_url_response_round_trips, get_chat_url_response_validates: get_chat_url_response();
    chat_allowed_round_trips, chat_allowed_validates: chat_allowed();
    session_status_round_trips, session_status_validates: session_status();
    survey_round_trips, survey_validates: survey();
}

fn client_info() -> impl Strategy<Value = common::ChatClientInfoHeaderElement> {
    (xml_string(), proptest::option::of(xml_string()))
        .prop_map(|(app_id, session_id)| common::ChatClientInfoHeaderElement { app_id, session_id })
}

proptest! {
    #![proptest_config(Config { cases: XMLLINT_CASES, ..Config::default() })]

    /// A whole SOAP 1.1 request (header block + payload) reads back unchanged, and each of
    /// its parts validates.
    #[test]
    fn request_chat_envelope_round_trips_and_validates(header in client_info(), body in request_chat()) {
        let bytes = soap::encode(SoapVersion::Soap11, &[&header], &body)
            .map_err(|e| TestCaseError::fail(format!("encode: {e}")))?;
        let xml = String::from_utf8(bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let envelope = soap::decode_response::<
            Option<common::ChatClientInfoHeaderElement>,
            enduser::RequestChat,
            soap::NoDetail,
        >(xml.as_bytes(), Some(SoapVersion::Soap11), &ReadOptions::strict())
        .map_err(|e| TestCaseError::fail(format!("decode: {e}\n{xml}")))?;
        prop_assert_eq!(envelope.headers.as_ref(), Some(&header));
        match envelope.body {
            soap::Body::Payload(back) => prop_assert_eq!(back, body),
            soap::Body::Fault(f) => return Err(TestCaseError::fail(format!("fault {f}"))),
        }
        validate_envelope(&xml).map_err(|e| TestCaseError::fail(e.to_string()))?;
    }
}

/// The strategies are not vacuous: a value with markup characters and a deep object is among
/// what they produce, and it survives the trip.
#[test]
fn a_hostile_string_and_nested_objects_round_trip() {
    let object = |fields| common::GenericObject {
        object_type: common::RnObjectType {
            namespace: Some("\r\n\t".into()),
            type_name: "]]>".into(),
        },
        generic_fields: fields,
    };
    let nested = object(vec![common::GenericField {
        data_type: common::DataTypeEnum::Object,
        name: "a\"b'c<d>".into(),
        data_value: Some(common::DataValue {
            choice: common::DataValueChoice::ObjectValue(object(vec![])),
        }),
    }]);
    let value = enduser::RequestChat {
        transaction_request_data: enduser::TransactionRequestData {
            client_request_time: None,
            client_transaction_id: i64::MIN,
            site_name: "</Body></soap:Envelope>".into(),
        },
        custom_fields: vec![nested],
        customer_information: common::CustomerInformation {
            e_mail_address: None,
            first_name: Some(" padded ".into()),
            last_name: None,
            interface_id: Some(common::NamedIdKind::NamedIdDelta(common::NamedIdDelta {
                action: Some(common::ActionEnum::Remove),
                id: None,
                name: Some("\u{10ffff}".into()),
            })),
            contact_id: None,
            question: None,
            category_id: None,
        },
        resume_type: None,
        chat_session_token: String::new(),
        incident_id: None,
    };
    let xml = round_trip(&value).expect("round trip");
    assert!(xml.contains("&lt;/Body&gt;&lt;/soap:Envelope&gt;"), "{xml}");
    assert!(
        xml.contains("xsi:type="),
        "the derived type is announced: {xml}"
    );
    validates(&value).expect("valid");
}

/// The xmllint sample can fail: a `DataValue` whose `*List` branch is empty (which the Rust
/// type can hold but the schema's choice forbids) is written as an empty `DataValue`, which
/// xmllint rejects and the strict reader refuses too (the choice is required).
#[test]
fn the_schema_check_rejects_what_the_schema_forbids() {
    let value = request_with_value(common::DataValue {
        choice: common::DataValueChoice::StringValueList(vec![]),
    });
    let err = round_trip(&value).expect_err("an empty DataValue does not read back");
    assert!(err.to_string().contains("decode"), "{err}");
    let xml = to_string(&value).expect("it is written");
    let schema = schema_for_namespace(enduser::RequestChat::NAME.ns).expect("schema");
    let err = xmllint_validate(&schema, &xml).expect_err("an empty choice is invalid");
    assert!(err.to_string().contains("DataValue"), "{err}");
}

fn request_with_value(data_value: common::DataValue) -> enduser::RequestChat {
    enduser::RequestChat {
        transaction_request_data: enduser::TransactionRequestData {
            client_request_time: None,
            client_transaction_id: 1,
            site_name: "site".into(),
        },
        custom_fields: vec![common::GenericObject {
            object_type: common::RnObjectType {
                namespace: None,
                type_name: "T".into(),
            },
            generic_fields: vec![common::GenericField {
                data_type: common::DataTypeEnum::String,
                name: "f".into(),
                data_value: Some(data_value),
            }],
        }],
        customer_information: common::CustomerInformation {
            e_mail_address: None,
            first_name: None,
            last_name: None,
            interface_id: None,
            contact_id: None,
            question: None,
            category_id: None,
        },
        resume_type: None,
        chat_session_token: "token".into(),
        incident_id: None,
    }
}

/// Encodes on a thread of its own: no opening memoized, a cold name cache.
fn encode_cold<B>(
    version: SoapVersion,
    header: Option<&common::ChatClientInfoHeaderElement>,
    body: &B,
    declaration: soap::XmlDeclaration,
) -> Vec<u8>
where
    B: XmlWrite + XmlRoot + Sync + 'static,
{
    std::thread::scope(|s| {
        s.spawn(|| encode_warm(Vec::new(), version, header, body, declaration))
            .join()
            .expect("the encoding thread does not panic")
    })
}

fn encode_warm<B: XmlWrite + XmlRoot + 'static>(
    out: Vec<u8>,
    version: SoapVersion,
    header: Option<&common::ChatClientInfoHeaderElement>,
    body: &B,
    declaration: soap::XmlDeclaration,
) -> Vec<u8> {
    let headers: Vec<&dyn soap::WriteHeader> = header
        .iter()
        .map(|h| *h as &dyn soap::WriteHeader)
        .collect();
    soap::encode_into(out, version, &headers, body, declaration).expect("encodes")
}

proptest! {
    #![proptest_config(Config { cases: ROUND_TRIP_CASES, ..Config::default() })]

    /// `encode_into` copies a payload type's envelope opening after its first message on a
    /// thread, and the name lookups learned then: a run of different messages, interleaved
    /// with other payload types, versions, header sets and declaration choices, writes each
    /// message byte for byte as a fresh thread writes it, appended to what the buffer held.
    #[test]
    fn memoized_openings_write_what_a_fresh_thread_writes(
        polls in proptest::collection::vec(retrieve_messages_response(), 1..4),
        header in client_info(),
        request in request_chat(),
    ) {
        use soap::XmlDeclaration::{Omit, Write};
        let runs = [
            (SoapVersion::Soap11, Omit),
            (SoapVersion::Soap12, Write),
            (SoapVersion::Soap11, Write),
        ];
        for _ in 0..2 {
            for (version, declaration) in runs {
                for poll in &polls {
                    let cold = encode_cold(version, None, poll, declaration);
                    let warm = encode_warm(b"kept".to_vec(), version, None, poll, declaration);
                    prop_assert_eq!(&warm[..4], b"kept");
                    prop_assert_eq!(String::from_utf8_lossy(&warm[4..]), String::from_utf8_lossy(&cold));
                }
                for h in [Some(&header), None] {
                    let cold = encode_cold(version, h, &request, declaration);
                    let warm = encode_warm(Vec::new(), version, h, &request, declaration);
                    prop_assert_eq!(String::from_utf8_lossy(&warm), String::from_utf8_lossy(&cold));
                }
            }
        }
        // `encode` is `encode_into` with the declaration, into a new buffer.
        let plain = soap::encode(SoapVersion::Soap11, &[], &polls[0]).expect("encodes");
        prop_assert_eq!(plain, encode_cold(SoapVersion::Soap11, None, &polls[0], Write));
    }
}
