//! The encode limit: a hand-written writer that emits the documents from the pre-built
//! [`crate::model`] values with constant tag bytes and text escaping only. It is also what
//! generates the benchmark documents, so every peer reads exactly these bytes.
//!
//! Layout follows the Oracle chat server (JAX-WS): compact output, `S:` for the envelope, the
//! common namespace as default namespace and `ns3` for enduser on the payload root.

use crate::model::*;

/// Appends `text` escaped for element content and attribute values (`&`, `<`, `>`, `"`).
pub fn escape_into(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let rep: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        out.extend_from_slice(rep);
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

/// Decimal digits of an integer without going through `core::fmt`.
pub fn int_into(out: &mut Vec<u8>, value: i64) {
    let mut buf = [0u8; 20];
    let mut pos = buf.len();
    let mut n = value.unsigned_abs();
    loop {
        pos -= 1;
        buf[pos] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if value < 0 {
        out.push(b'-');
    }
    out.extend_from_slice(&buf[pos..]);
}

fn text_el(out: &mut Vec<u8>, open: &[u8], text: &str, close: &[u8]) {
    out.extend_from_slice(open);
    escape_into(out, text);
    out.extend_from_slice(close);
}

fn int_el(out: &mut Vec<u8>, open: &[u8], value: i64, close: &[u8]) {
    out.extend_from_slice(open);
    int_into(out, value);
    out.extend_from_slice(close);
}

fn bool_el(out: &mut Vec<u8>, open: &[u8], value: bool, close: &[u8]) {
    out.extend_from_slice(open);
    out.extend_from_slice(if value { b"true" } else { b"false" });
    out.extend_from_slice(close);
}

const ENVELOPE_OPEN: &[u8] =
    b"<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body>";
const ENVELOPE_CLOSE: &[u8] = b"</S:Body></S:Envelope>";
/// Namespace declarations the chat server puts on every payload root.
const SERVER_NS: &[u8] = b" xmlns=\"urn:messages.common.chat.ws.rightnow.com/v1\" xmlns:ns2=\"urn:messages.uq.chat.ws.rightnow.com/v1\" xmlns:ns3=\"urn:messages.enduser.chat.ws.rightnow.com/v1\" xmlns:ns4=\"urn:faults.chat.ws.rightnow.com/v1\">";

/// Writes a `RetrieveMessagesResponse` envelope.
pub fn retrieve_messages_response(value: &RetrieveMessagesResponse, out: &mut Vec<u8>) {
    out.extend_from_slice(ENVELOPE_OPEN);
    out.extend_from_slice(b"<ns3:RetrieveMessagesResponse");
    out.extend_from_slice(SERVER_NS);
    let t = &value.transaction;
    out.extend_from_slice(b"<ns3:TransactionResponseData>");
    match &t.client_request_time {
        Some(s) if !s.is_empty() => text_el(
            out,
            b"<ns3:ClientRequestTime>",
            s,
            b"</ns3:ClientRequestTime>",
        ),
        Some(_) => out.extend_from_slice(b"<ns3:ClientRequestTime/>"),
        None => {}
    }
    text_el(
        out,
        b"<ns3:ServiceStartTime>",
        &t.service_start_time,
        b"</ns3:ServiceStartTime>",
    );
    text_el(
        out,
        b"<ns3:ServiceFinishTime>",
        &t.service_finish_time,
        b"</ns3:ServiceFinishTime>",
    );
    int_el(out, b"<ns3:ClientID>", t.client_id, b"</ns3:ClientID>");
    int_el(
        out,
        b"<ns3:ClientTransactionID>",
        t.client_transaction_id,
        b"</ns3:ClientTransactionID>",
    );
    out.extend_from_slice(b"</ns3:TransactionResponseData>");
    if let Some(messages) = &value.messages {
        out.extend_from_slice(b"<ns3:SystemMessages>");
        for m in messages {
            system_message(m, out);
        }
        out.extend_from_slice(b"</ns3:SystemMessages>");
    }
    out.extend_from_slice(b"</ns3:RetrieveMessagesResponse>");
    out.extend_from_slice(ENVELOPE_CLOSE);
}

fn created(out: &mut Vec<u8>, created_time: &str) {
    text_el(out, b"<CreatedTime>", created_time, b"</CreatedTime>");
}

fn system_message(m: &SystemMessage, out: &mut Vec<u8>) {
    match m {
        SystemMessage::ParticipantAdded {
            created_time,
            name,
            greeting,
            client_id,
            role,
        } => {
            out.extend_from_slice(b"<ns3:RNChatParticipantAddedMessage>");
            created(out, created_time);
            text_el(out, b"<ns3:Name>", name, b"</ns3:Name>");
            if let Some(g) = greeting {
                text_el(out, b"<ns3:Greeting>", g, b"</ns3:Greeting>");
            }
            int_el(out, b"<ns3:ClientID>", *client_id, b"</ns3:ClientID>");
            text_el(out, b"<ns3:Role>", role.as_str(), b"</ns3:Role>");
            out.extend_from_slice(b"</ns3:RNChatParticipantAddedMessage>");
        }
        SystemMessage::MessagePosted {
            created_time,
            body,
            client_id,
            off_the_record,
        } => {
            out.extend_from_slice(b"<ns3:RNChatMessagePostedMessage>");
            created(out, created_time);
            text_el(out, b"<ns3:Body>", body, b"</ns3:Body>");
            int_el(out, b"<ns3:ClientID>", *client_id, b"</ns3:ClientID>");
            if let Some(v) = off_the_record {
                bool_el(out, b"<ns3:OffTheRecord>", *v, b"</ns3:OffTheRecord>");
            }
            out.extend_from_slice(b"</ns3:RNChatMessagePostedMessage>");
        }
        SystemMessage::ActivityChanged {
            created_time,
            client_id,
            mode,
        } => {
            out.extend_from_slice(b"<ns3:RNChatActivityChangedMessage>");
            created(out, created_time);
            if let Some(v) = client_id {
                int_el(out, b"<ns3:ClientID>", *v, b"</ns3:ClientID>");
            }
            if let Some(v) = mode {
                text_el(out, b"<ns3:Mode>", v.as_str(), b"</ns3:Mode>");
            }
            out.extend_from_slice(b"</ns3:RNChatActivityChangedMessage>");
        }
        SystemMessage::ParticipantLeft {
            created_time,
            client_id,
            role,
            disconnect_reason,
        } => {
            out.extend_from_slice(b"<ns3:RNChatParticipantLeftMessage>");
            created(out, created_time);
            if let Some(v) = client_id {
                int_el(out, b"<ns3:ClientID>", *v, b"</ns3:ClientID>");
            }
            if let Some(v) = role {
                text_el(out, b"<ns3:Role>", v.as_str(), b"</ns3:Role>");
            }
            if let Some(v) = disconnect_reason {
                text_el(
                    out,
                    b"<ns3:DisconnectReason>",
                    v.as_str(),
                    b"</ns3:DisconnectReason>",
                );
            }
            out.extend_from_slice(b"</ns3:RNChatParticipantLeftMessage>");
        }
        SystemMessage::Concluded {
            created_time,
            reason,
            role,
        } => {
            out.extend_from_slice(b"<ns3:RNChatConcludedMessage>");
            created(out, created_time);
            if let Some(v) = reason {
                text_el(out, b"<ns3:Reason>", v.as_str(), b"</ns3:Reason>");
            }
            if let Some(v) = role {
                text_el(out, b"<ns3:Role>", v.as_str(), b"</ns3:Role>");
            }
            out.extend_from_slice(b"</ns3:RNChatConcludedMessage>");
        }
        SystemMessage::WaitInformationChanged {
            created_time,
            position,
            expected_wait_seconds,
            average_wait_seconds,
        } => {
            out.extend_from_slice(b"<ns3:RNChatWaitInformationChangedMessage>");
            created(out, created_time);
            if let Some(v) = position {
                int_el(out, b"<ns3:Position>", i64::from(*v), b"</ns3:Position>");
            }
            if let Some(v) = expected_wait_seconds {
                int_el(
                    out,
                    b"<ns3:ExpectedWaitSeconds>",
                    i64::from(*v),
                    b"</ns3:ExpectedWaitSeconds>",
                );
            }
            if let Some(v) = average_wait_seconds {
                int_el(
                    out,
                    b"<ns3:AverageWaitSeconds>",
                    i64::from(*v),
                    b"</ns3:AverageWaitSeconds>",
                );
            }
            out.extend_from_slice(b"</ns3:RNChatWaitInformationChangedMessage>");
        }
    }
}

/// Writes a `RequestChat` envelope (with its `ChatClientInfoHeader`), in the same namespace
/// layout as the server responses.
pub fn request_chat(value: &RequestChat, out: &mut Vec<u8>) {
    out.extend_from_slice(
        b"<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Header>",
    );
    out.extend_from_slice(
        b"<ChatClientInfoHeader xmlns=\"urn:messages.common.chat.ws.rightnow.com/v1\">",
    );
    text_el(out, b"<AppID>", &value.app_id, b"</AppID>");
    out.extend_from_slice(b"</ChatClientInfoHeader></S:Header><S:Body><ns3:RequestChat");
    out.extend_from_slice(SERVER_NS);
    let t = &value.transaction;
    out.extend_from_slice(b"<ns3:TransactionRequestData>");
    if let Some(s) = &t.client_request_time {
        text_el(
            out,
            b"<ns3:ClientRequestTime>",
            s,
            b"</ns3:ClientRequestTime>",
        );
    }
    int_el(
        out,
        b"<ns3:ClientTransactionID>",
        t.client_transaction_id,
        b"</ns3:ClientTransactionID>",
    );
    text_el(out, b"<ns3:SiteName>", &t.site_name, b"</ns3:SiteName>");
    out.extend_from_slice(b"</ns3:TransactionRequestData>");
    for object in &value.custom_fields {
        out.extend_from_slice(b"<ns3:CustomFields>");
        generic_object_content(object, out);
        out.extend_from_slice(b"</ns3:CustomFields>");
    }
    let c = &value.customer;
    out.extend_from_slice(b"<ns3:CustomerInformation>");
    if let Some(v) = &c.email {
        text_el(out, b"<EMailAddress>", v, b"</EMailAddress>");
    }
    if let Some(v) = &c.first_name {
        text_el(out, b"<FirstName>", v, b"</FirstName>");
    }
    if let Some(v) = &c.last_name {
        text_el(out, b"<LastName>", v, b"</LastName>");
    }
    if let Some(v) = &c.interface_id {
        out.extend_from_slice(b"<InterfaceID>");
        named_id_content(v, out);
        out.extend_from_slice(b"</InterfaceID>");
    }
    if let Some(v) = c.contact_id {
        id_el(out, b"<ContactID id=\"", v);
    }
    if let Some(v) = &c.question {
        text_el(out, b"<Question>", v, b"</Question>");
    }
    if let Some(v) = c.category_id {
        id_el(out, b"<CategoryID id=\"", v);
    }
    out.extend_from_slice(b"</ns3:CustomerInformation>");
    if let Some(v) = value.resume_type {
        text_el(out, b"<ns3:ResumeType>", v, b"</ns3:ResumeType>");
    }
    text_el(
        out,
        b"<ns3:ChatSessionToken>",
        &value.chat_session_token,
        b"</ns3:ChatSessionToken>",
    );
    if let Some(v) = value.incident_id {
        id_el(out, b"<ns3:IncidentID id=\"", v);
    }
    out.extend_from_slice(b"</ns3:RequestChat>");
    out.extend_from_slice(ENVELOPE_CLOSE);
}

/// `common:ID`: an empty element whose `id` attribute carries the value.
fn id_el(out: &mut Vec<u8>, open_with_attr: &[u8], id: i64) {
    out.extend_from_slice(open_with_attr);
    int_into(out, id);
    out.extend_from_slice(b"\"/>");
}

fn named_id_content(v: &NamedId, out: &mut Vec<u8>) {
    if let Some(id) = v.id {
        id_el(out, b"<ID id=\"", id);
    }
    if let Some(name) = &v.name {
        text_el(out, b"<Name>", name, b"</Name>");
    }
}

fn generic_object_content(object: &GenericObject, out: &mut Vec<u8>) {
    out.extend_from_slice(b"<ObjectType>");
    if let Some(ns) = &object.namespace {
        text_el(out, b"<Namespace>", ns, b"</Namespace>");
    }
    text_el(out, b"<TypeName>", &object.type_name, b"</TypeName>");
    out.extend_from_slice(b"</ObjectType>");
    for field in &object.fields {
        out.extend_from_slice(b"<GenericFields dataType=\"");
        out.extend_from_slice(field.data_type.as_bytes());
        out.extend_from_slice(b"\" name=\"");
        escape_into(out, &field.name);
        match &field.value {
            None => out.extend_from_slice(b"\"/>"),
            Some(value) => {
                out.extend_from_slice(b"\"><DataValue>");
                data_value(value, out);
                out.extend_from_slice(b"</DataValue></GenericFields>");
            }
        }
    }
}

fn data_value(value: &DataValue, out: &mut Vec<u8>) {
    match value {
        DataValue::String(s) => text_el(out, b"<StringValue>", s, b"</StringValue>"),
        DataValue::StringList(items) => {
            for s in items {
                text_el(out, b"<StringValueList>", s, b"</StringValueList>");
            }
        }
        DataValue::Integer(v) => int_el(out, b"<IntegerValue>", i64::from(*v), b"</IntegerValue>"),
        DataValue::Long(v) => int_el(out, b"<LongValue>", *v, b"</LongValue>"),
        DataValue::Boolean(v) => bool_el(out, b"<BooleanValue>", *v, b"</BooleanValue>"),
        DataValue::Decimal(v) => {
            text_el(out, b"<DecimalValue>", &v.to_string(), b"</DecimalValue>")
        }
        DataValue::DateTime(s) => text_el(out, b"<DateTimeValue>", s, b"</DateTimeValue>"),
        DataValue::NamedId(v) => {
            out.extend_from_slice(b"<NamedIDValue>");
            named_id_content(v, out);
            out.extend_from_slice(b"</NamedIDValue>");
        }
        DataValue::Object(object) => {
            out.extend_from_slice(b"<ObjectValue>");
            generic_object_content(object, out);
            out.extend_from_slice(b"</ObjectValue>");
        }
    }
}

/// Writes a Salesforce partner `queryResponse` envelope, in the layout Salesforce itself uses
/// (`soapenv:` envelope, partner namespace as default, `sf:` for the sObject fields).
pub fn sf_query_response(value: &SfQueryResponse, out: &mut Vec<u8>) {
    out.extend_from_slice(b"<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns=\"urn:partner.soap.sforce.com\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:sf=\"urn:sobject.partner.soap.sforce.com\"><soapenv:Body><queryResponse><result xsi:type=\"QueryResult\">");
    bool_el(out, b"<done>", value.done, b"</done>");
    match &value.query_locator {
        Some(v) => text_el(out, b"<queryLocator>", v, b"</queryLocator>"),
        None => out.extend_from_slice(b"<queryLocator xsi:nil=\"true\"/>"),
    }
    for r in &value.records {
        out.extend_from_slice(b"<records xsi:type=\"sf:sObject\"><sf:type>Account</sf:type>");
        text_el(out, b"<sf:Id>", &r.id, b"</sf:Id>");
        text_el(out, b"<sf:Name>", &r.name, b"</sf:Name>");
        text_el(out, b"<sf:Industry>", &r.industry, b"</sf:Industry>");
        text_el(
            out,
            b"<sf:AnnualRevenue>",
            &r.annual_revenue.to_string(),
            b"</sf:AnnualRevenue>",
        );
        int_el(
            out,
            b"<sf:NumberOfEmployees>",
            i64::from(r.number_of_employees),
            b"</sf:NumberOfEmployees>",
        );
        text_el(
            out,
            b"<sf:BillingCity>",
            &r.billing_city,
            b"</sf:BillingCity>",
        );
        out.extend_from_slice(b"</records>");
    }
    int_el(out, b"<size>", value.records.len() as i64, b"</size>");
    out.extend_from_slice(b"</result></queryResponse></soapenv:Body></soapenv:Envelope>");
}
