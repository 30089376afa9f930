//! Reference line for encoding: the same documents written from the same pre-built model
//! values with quick-xml's stock `Writer` (events with `BytesStart`/`BytesText`, escaping by
//! quick-xml), instead of the constant tag bytes of [`crate::writer`].

use crate::model::*;
use quick_xml::Writer;
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use std::io;

type W = Writer<Vec<u8>>;

fn start(w: &mut W, name: &str) -> io::Result<()> {
    w.write_event(Event::Start(BytesStart::new(name)))
}

fn end(w: &mut W, name: &str) -> io::Result<()> {
    w.write_event(Event::End(BytesEnd::new(name)))
}

fn text_el(w: &mut W, name: &str, text: &str) -> io::Result<()> {
    start(w, name)?;
    w.write_event(Event::Text(BytesText::new(text)))?;
    end(w, name)
}

fn int_el(w: &mut W, name: &str, value: i64, scratch: &mut Vec<u8>) -> io::Result<()> {
    scratch.clear();
    crate::writer::int_into(scratch, value);
    // The digits (and '-') are ASCII, so this never fails.
    let digits = std::str::from_utf8(scratch).map_err(io::Error::other)?;
    text_el(w, name, digits)
}

fn bool_el(w: &mut W, name: &str, value: bool) -> io::Result<()> {
    text_el(w, name, if value { "true" } else { "false" })
}

fn server_root<'a>(name: &'a str) -> BytesStart<'a> {
    BytesStart::new(name).with_attributes([
        ("xmlns", COMMON),
        ("xmlns:ns2", UQ),
        ("xmlns:ns3", ENDUSER),
        ("xmlns:ns4", FAULTS),
    ])
}

/// Writes a `RetrieveMessagesResponse` envelope: the same bytes as
/// [`crate::writer::retrieve_messages_response`].
pub fn retrieve_messages_response(
    value: &RetrieveMessagesResponse,
    out: Vec<u8>,
) -> io::Result<Vec<u8>> {
    let mut w = Writer::new(out);
    let s = &mut Vec::with_capacity(20);
    w.write_event(Event::Start(
        BytesStart::new("S:Envelope").with_attributes([("xmlns:S", SOAP_ENV)]),
    ))?;
    start(&mut w, "S:Body")?;
    w.write_event(Event::Start(server_root("ns3:RetrieveMessagesResponse")))?;
    let t = &value.transaction;
    start(&mut w, "ns3:TransactionResponseData")?;
    match &t.client_request_time {
        Some(v) if !v.is_empty() => text_el(&mut w, "ns3:ClientRequestTime", v)?,
        Some(_) => w.write_event(Event::Empty(BytesStart::new("ns3:ClientRequestTime")))?,
        None => {}
    }
    text_el(&mut w, "ns3:ServiceStartTime", &t.service_start_time)?;
    text_el(&mut w, "ns3:ServiceFinishTime", &t.service_finish_time)?;
    int_el(&mut w, "ns3:ClientID", t.client_id, s)?;
    int_el(
        &mut w,
        "ns3:ClientTransactionID",
        t.client_transaction_id,
        s,
    )?;
    end(&mut w, "ns3:TransactionResponseData")?;
    if let Some(messages) = &value.messages {
        start(&mut w, "ns3:SystemMessages")?;
        for m in messages {
            system_message(&mut w, m, s)?;
        }
        end(&mut w, "ns3:SystemMessages")?;
    }
    end(&mut w, "ns3:RetrieveMessagesResponse")?;
    end(&mut w, "S:Body")?;
    end(&mut w, "S:Envelope")?;
    Ok(w.into_inner())
}

fn opt_int(w: &mut W, name: &str, v: Option<i64>, s: &mut Vec<u8>) -> io::Result<()> {
    match v {
        Some(v) => int_el(w, name, v, s),
        None => Ok(()),
    }
}

fn opt_text(w: &mut W, name: &str, v: Option<&str>) -> io::Result<()> {
    match v {
        Some(v) => text_el(w, name, v),
        None => Ok(()),
    }
}

fn system_message(w: &mut W, m: &SystemMessage, s: &mut Vec<u8>) -> io::Result<()> {
    let name = match m {
        SystemMessage::ParticipantAdded { .. } => "ns3:RNChatParticipantAddedMessage",
        SystemMessage::MessagePosted { .. } => "ns3:RNChatMessagePostedMessage",
        SystemMessage::ActivityChanged { .. } => "ns3:RNChatActivityChangedMessage",
        SystemMessage::ParticipantLeft { .. } => "ns3:RNChatParticipantLeftMessage",
        SystemMessage::Concluded { .. } => "ns3:RNChatConcludedMessage",
        SystemMessage::WaitInformationChanged { .. } => "ns3:RNChatWaitInformationChangedMessage",
    };
    start(w, name)?;
    match m {
        SystemMessage::ParticipantAdded {
            created_time,
            name,
            greeting,
            client_id,
            role,
        } => {
            text_el(w, "CreatedTime", created_time)?;
            text_el(w, "ns3:Name", name)?;
            opt_text(w, "ns3:Greeting", greeting.as_deref())?;
            int_el(w, "ns3:ClientID", *client_id, s)?;
            text_el(w, "ns3:Role", role.as_str())?;
        }
        SystemMessage::MessagePosted {
            created_time,
            body,
            client_id,
            off_the_record,
        } => {
            text_el(w, "CreatedTime", created_time)?;
            text_el(w, "ns3:Body", body)?;
            int_el(w, "ns3:ClientID", *client_id, s)?;
            if let Some(v) = off_the_record {
                bool_el(w, "ns3:OffTheRecord", *v)?;
            }
        }
        SystemMessage::ActivityChanged {
            created_time,
            client_id,
            mode,
        } => {
            text_el(w, "CreatedTime", created_time)?;
            opt_int(w, "ns3:ClientID", *client_id, s)?;
            opt_text(w, "ns3:Mode", mode.map(|v| v.as_str()))?;
        }
        SystemMessage::ParticipantLeft {
            created_time,
            client_id,
            role,
            disconnect_reason,
        } => {
            text_el(w, "CreatedTime", created_time)?;
            opt_int(w, "ns3:ClientID", *client_id, s)?;
            opt_text(w, "ns3:Role", role.map(|v| v.as_str()))?;
            opt_text(
                w,
                "ns3:DisconnectReason",
                disconnect_reason.map(|v| v.as_str()),
            )?;
        }
        SystemMessage::Concluded {
            created_time,
            reason,
            role,
        } => {
            text_el(w, "CreatedTime", created_time)?;
            opt_text(w, "ns3:Reason", reason.map(|v| v.as_str()))?;
            opt_text(w, "ns3:Role", role.map(|v| v.as_str()))?;
        }
        SystemMessage::WaitInformationChanged {
            created_time,
            position,
            expected_wait_seconds,
            average_wait_seconds,
        } => {
            text_el(w, "CreatedTime", created_time)?;
            opt_int(w, "ns3:Position", position.map(i64::from), s)?;
            opt_int(
                w,
                "ns3:ExpectedWaitSeconds",
                expected_wait_seconds.map(i64::from),
                s,
            )?;
            opt_int(
                w,
                "ns3:AverageWaitSeconds",
                average_wait_seconds.map(i64::from),
                s,
            )?;
        }
    }
    end(w, name)
}

/// Writes a Salesforce `queryResponse` envelope: the same bytes as
/// [`crate::writer::sf_query_response`].
pub fn sf_query_response(value: &SfQueryResponse, out: Vec<u8>) -> io::Result<Vec<u8>> {
    let mut w = Writer::new(out);
    let s = &mut Vec::with_capacity(20);
    w.write_event(Event::Start(
        BytesStart::new("soapenv:Envelope").with_attributes([
            ("xmlns:soapenv", SOAP_ENV),
            ("xmlns", SF_PARTNER),
            ("xmlns:xsi", XSI),
            ("xmlns:sf", SF_SOBJECT),
        ]),
    ))?;
    start(&mut w, "soapenv:Body")?;
    start(&mut w, "queryResponse")?;
    w.write_event(Event::Start(
        BytesStart::new("result").with_attributes([("xsi:type", "QueryResult")]),
    ))?;
    bool_el(&mut w, "done", value.done)?;
    match &value.query_locator {
        Some(v) => text_el(&mut w, "queryLocator", v)?,
        None => w.write_event(Event::Empty(
            BytesStart::new("queryLocator").with_attributes([("xsi:nil", "true")]),
        ))?,
    }
    for r in &value.records {
        w.write_event(Event::Start(
            BytesStart::new("records").with_attributes([("xsi:type", "sf:sObject")]),
        ))?;
        text_el(&mut w, "sf:type", "Account")?;
        text_el(&mut w, "sf:Id", &r.id)?;
        text_el(&mut w, "sf:Name", &r.name)?;
        text_el(&mut w, "sf:Industry", &r.industry)?;
        text_el(&mut w, "sf:AnnualRevenue", &r.annual_revenue.to_string())?;
        int_el(
            &mut w,
            "sf:NumberOfEmployees",
            i64::from(r.number_of_employees),
            s,
        )?;
        text_el(&mut w, "sf:BillingCity", &r.billing_city)?;
        end(&mut w, "records")?;
    }
    int_el(&mut w, "size", value.records.len() as i64, s)?;
    end(&mut w, "result")?;
    end(&mut w, "queryResponse")?;
    end(&mut w, "soapenv:Body")?;
    end(&mut w, "soapenv:Envelope")?;
    Ok(w.into_inner())
}
