//! The benchmark documents: deterministic (seeded) values, written by [`crate::writer`].

use crate::model::*;
use crate::rng::Rng;
use crate::writer;

/// System-message counts of the `RetrieveMessagesResponse` documents.
pub const CHAT_SIZES: [usize; 4] = [1, 100, 1_000, 10_000];
/// Records in the Salesforce query response.
pub const SF_RECORDS: usize = 10_000;

const SEED: u64 = 0x50A9_5703_E000_0007;

/// One benchmark input: a name usable as a file and criterion id, the bytes, and how many
/// "messages" (items) it holds, for messages/s.
#[derive(Debug, Clone)]
pub struct Document {
    pub name: String,
    pub kind: DocKind,
    pub items: usize,
    pub bytes: Vec<u8>,
}

/// Which schema shape a document has; the peers dispatch on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    RetrieveMessagesResponse,
    RequestChat,
    SalesforceQueryResponse,
}

/// Every benchmark document, smallest first.
pub fn all() -> Vec<Document> {
    let mut docs: Vec<Document> = CHAT_SIZES
        .iter()
        .map(|&n| {
            let mut bytes = Vec::new();
            writer::retrieve_messages_response(&retrieve_messages_response(n), &mut bytes);
            Document {
                name: format!("retrieve-{n}"),
                kind: DocKind::RetrieveMessagesResponse,
                items: n,
                bytes,
            }
        })
        .collect();
    let mut bytes = Vec::new();
    writer::request_chat(&request_chat(), &mut bytes);
    docs.insert(
        1,
        Document {
            name: "request-chat".to_owned(),
            kind: DocKind::RequestChat,
            items: 1,
            bytes,
        },
    );
    let mut bytes = Vec::new();
    writer::sf_query_response(&sf_query_response(SF_RECORDS), &mut bytes);
    docs.push(Document {
        name: format!("salesforce-query-{SF_RECORDS}"),
        kind: DocKind::SalesforceQueryResponse,
        items: SF_RECORDS,
        bytes,
    });
    docs
}

const AGENTS: [&str; 5] = [
    "Joe Smith",
    "Ana Pereira",
    "Li Wei",
    "Fatima Zahra",
    "Oskar Nilsson",
];
const WORDS: [&str; 24] = [
    "order", "shipped", "tracking", "number", "refund", "please", "thanks", "Monday", "the",
    "your", "is", "on", "way", "we", "can", "check", "invoice", "address", "today", "help", "déjà",
    "größe", "¿qué?", "✓",
];

fn timestamp(second_of_chat: u64) -> String {
    let h = 18 + second_of_chat / 3600 % 6;
    let m = second_of_chat / 60 % 60;
    let s = second_of_chat % 60;
    let ms = second_of_chat * 37 % 1000;
    format!("2015-11-10T{h:02}:{m:02}:{s:02}.{ms:03}Z")
}

fn sentence(rng: &mut Rng) -> String {
    let words = 3 + rng.below(18);
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        let word: &&str = rng.pick(&WORDS);
        s.push_str(word);
    }
    // Some lines carry markup characters, so escaping is exercised on both sides.
    if rng.chance(10) {
        s.push_str(" (4711 & <Monday>)");
    }
    s.push('.');
    s
}

/// A `RetrieveMessagesResponse` with `n` system messages of every kind, in realistic
/// proportions (mostly chat lines and typing notifications).
pub fn retrieve_messages_response(n: usize) -> RetrieveMessagesResponse {
    let mut rng = Rng::new(SEED ^ n as u64);
    let mut messages = Vec::with_capacity(n);
    let mut clock = 0u64;
    for _ in 0..n {
        clock += 1 + rng.below(20);
        let created_time = timestamp(clock);
        let agent = 124 + rng.below(3) as i64;
        let roll = rng.below(100);
        let m = if roll < 45 {
            SystemMessage::MessagePosted {
                created_time,
                body: sentence(&mut rng),
                client_id: if rng.chance(50) { 123 } else { agent },
                off_the_record: if rng.chance(30) {
                    Some(rng.chance(10))
                } else {
                    None
                },
            }
        } else if roll < 75 {
            SystemMessage::ActivityChanged {
                created_time,
                client_id: Some(agent),
                mode: Some(*rng.pick(&ActivityMode::ALL)),
            }
        } else if roll < 85 {
            let name = *rng.pick(&AGENTS);
            SystemMessage::ParticipantAdded {
                created_time,
                name: name.to_owned(),
                greeting: if rng.chance(70) {
                    Some(format!("Hi, my name is {name}. How may I help you?"))
                } else {
                    None
                },
                client_id: agent,
                role: *rng.pick(&Role::ALL),
            }
        } else if roll < 92 {
            SystemMessage::WaitInformationChanged {
                created_time,
                position: Some(rng.below(30) as i32),
                expected_wait_seconds: Some(rng.below(600) as i32),
                average_wait_seconds: if rng.chance(80) {
                    Some(rng.below(600) as i32)
                } else {
                    None
                },
            }
        } else if roll < 97 {
            SystemMessage::ParticipantLeft {
                created_time,
                client_id: Some(agent),
                role: Some(*rng.pick(&Role::ALL)),
                disconnect_reason: Some(*rng.pick(&DisconnectReason::ALL)),
            }
        } else {
            SystemMessage::Concluded {
                created_time,
                reason: Some(*rng.pick(&DisconnectReason::ALL)),
                role: if rng.chance(50) {
                    Some(*rng.pick(&Role::ALL))
                } else {
                    None
                },
            }
        };
        messages.push(m);
    }
    RetrieveMessagesResponse {
        transaction: TransactionResponseData {
            client_request_time: Some(String::new()),
            service_start_time: "2015-11-10T18:50:00.000Z".to_owned(),
            service_finish_time: "2015-11-10T18:50:00.012Z".to_owned(),
            client_id: 123,
            client_transaction_id: 7,
        },
        messages: Some(messages),
    }
}

fn field(data_type: &'static str, name: &str, value: Option<DataValue>) -> GenericField {
    GenericField {
        data_type,
        name: name.to_owned(),
        value,
    }
}

/// A `RequestChat` with two custom-field objects (incident and contact), one of them nested,
/// covering most `DataValue` members.
pub fn request_chat() -> RequestChat {
    let mut rng = Rng::new(SEED);
    let mut incident_fields = vec![
        field("INTEGER", "order_count", Some(DataValue::Integer(3))),
        field("BOOLEAN", "vip", Some(DataValue::Boolean(true))),
        field(
            "NAMED_ID",
            "channel",
            Some(DataValue::NamedId(NamedId {
                id: Some(7),
                name: Some("Web".to_owned()),
            })),
        ),
        field(
            "STRING_LIST",
            "tags",
            Some(DataValue::StringList(vec![
                "urgent".to_owned(),
                "billing".to_owned(),
                "R&D".to_owned(),
            ])),
        ),
        field(
            "DATETIME",
            "last_order",
            Some(DataValue::DateTime("2018-10-01T12:00:00Z".to_owned())),
        ),
        field(
            "LONG",
            "account_number",
            Some(DataValue::Long(9_007_199_254_740_993)),
        ),
        field("DECIMAL", "balance", Some(DataValue::Decimal(1234.5))),
        field("STRING", "empty_field", None),
    ];
    for i in 0..12 {
        incident_fields.push(field(
            "STRING",
            &format!("note_{i}"),
            Some(DataValue::String(sentence(&mut rng))),
        ));
    }
    let incident = GenericObject {
        namespace: None,
        type_name: "IncidentCustomFields".to_owned(),
        fields: vec![field(
            "OBJECT",
            "c",
            Some(DataValue::Object(GenericObject {
                namespace: None,
                type_name: "IncidentCustomFieldsc".to_owned(),
                fields: incident_fields,
            })),
        )],
    };
    let contact = GenericObject {
        namespace: Some("CO".to_owned()),
        type_name: "ContactCustomFields".to_owned(),
        fields: vec![
            field(
                "STRING",
                "preferred_language",
                Some(DataValue::String("pt-BR".to_owned())),
            ),
            field(
                "INTEGER",
                "loyalty_points",
                Some(DataValue::Integer(48_120)),
            ),
        ],
    };
    RequestChat {
        app_id: "Sample Chat Client".to_owned(),
        transaction: TransactionRequestData {
            client_request_time: Some("2018-10-15T07:48:30.646Z".to_owned()),
            client_transaction_id: 1,
            site_name: "YOUR_SITE_NAME".to_owned(),
        },
        custom_fields: vec![incident, contact],
        customer: CustomerInformation {
            email: Some("name@email.invalid".to_owned()),
            first_name: Some("First".to_owned()),
            last_name: Some("Last".to_owned()),
            interface_id: Some(NamedId {
                id: Some(1),
                name: Some("yoursite".to_owned()),
            }),
            contact_id: Some(42),
            question: Some("Where is my order? It was due on <Monday> & is late.".to_owned()),
            category_id: Some(11),
        },
        resume_type: Some("DO_NOT_RESUME"),
        chat_session_token: "1234a5b6-c789-01d2-345-678ef90a1bc2".to_owned(),
        incident_id: Some(1001),
    }
}

const INDUSTRIES: [&str; 6] = [
    "Energy",
    "Banking",
    "Retail",
    "Manufacturing",
    "Technology",
    "Media & Entertainment",
];
const CITIES: [&str; 6] = [
    "San Francisco",
    "Lisboa",
    "München",
    "Osaka",
    "São Paulo",
    "Nairobi",
];
const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// A Salesforce partner `queryResponse` of `n` Account records (`SELECT Id, Name, Industry,
/// AnnualRevenue, NumberOfEmployees, BillingCity FROM Account`).
pub fn sf_query_response(n: usize) -> SfQueryResponse {
    let mut rng = Rng::new(SEED ^ 0x5F);
    let records = (0..n)
        .map(|i| {
            // An 18-character record id: key prefix 001 (Account), then random alphanumerics.
            let mut id = String::from("001");
            for _ in 0..15 {
                id.push(*rng.pick(ALNUM) as char);
            }
            SfAccount {
                id,
                name: format!("Account {i} {}", rng.pick(&["Ltd", "GmbH", "S.A.", "Inc."])),
                industry: (*rng.pick(&INDUSTRIES)).to_owned(),
                annual_revenue: (rng.below(50_000_000) as f64) * 10.0 + 0.5,
                number_of_employees: rng.below(100_000) as i32,
                billing_city: (*rng.pick(&CITIES)).to_owned(),
            }
        })
        .collect();
    SfQueryResponse {
        done: true,
        query_locator: None,
        records,
    }
}
