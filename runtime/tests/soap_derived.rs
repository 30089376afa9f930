//! Types made with the derives (the shape codegen emits) plugged into envelopes, header sets,
//! typed faults and a call: the contract between `soapstone::xml` and `soapstone::soap`.

use soapstone::soap::{
    self, Body, CallOptions, Fault, FaultSide, SoapError, SoapVersion, WriteHeader,
};
use soapstone::transport::{HttpResponse, MemoryTransport};
use soapstone::xml::ReadOptions;
use soapstone::{XmlRead, XmlWrite};

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(
    root = "PostChatMessage",
    ns = "urn:messages.enduser.chat.ws.rightnow.com/v1"
)]
struct PostChatMessage {
    #[xml(element = "Body", ns = "urn:messages.enduser.chat.ws.rightnow.com/v1")]
    body: String,
    #[xml(
        element = "OffTheRecord",
        ns = "urn:messages.enduser.chat.ws.rightnow.com/v1"
    )]
    off_the_record: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(
    root = "ChatClientInfoHeader",
    ns = "urn:messages.common.chat.ws.rightnow.com/v1"
)]
struct ChatClientInfoHeader {
    #[xml(element = "AppID", ns = "urn:messages.common.chat.ws.rightnow.com/v1")]
    app_id: String,
    #[xml(
        element = "SessionID",
        ns = "urn:messages.common.chat.ws.rightnow.com/v1"
    )]
    session_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
struct RnFault {
    #[xml(element = "ExceptionCode", ns = "urn:faults.chat.ws.rightnow.com/v1")]
    code: String,
    #[xml(
        element = "ExceptionMessage",
        ns = "urn:faults.chat.ws.rightnow.com/v1"
    )]
    message: String,
}

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(choice)]
enum ChatFault {
    #[xml(
        element = "RequestErrorFault",
        ns = "urn:faults.chat.ws.rightnow.com/v1"
    )]
    RequestError(RnFault),
    #[xml(
        element = "ServerErrorFault",
        ns = "urn:faults.chat.ws.rightnow.com/v1"
    )]
    ServerError(RnFault),
}

fn message() -> PostChatMessage {
    PostChatMessage {
        body: "hi </Body> ]]> &".into(),
        off_the_record: Some(false),
    }
}

fn info() -> ChatClientInfoHeader {
    ChatClientInfoHeader {
        app_id: "app".into(),
        session_id: Some("s-1".into()),
    }
}

#[test]
fn derived_payload_and_header_round_trip() {
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let header = info();
        let headers: [&dyn WriteHeader; 1] = [&header];
        let bytes = soap::encode(version, &headers, &message()).unwrap();
        let xml = String::from_utf8(bytes.clone()).unwrap();
        assert!(xml.contains("hi &lt;/Body&gt; ]]&gt; &amp;"), "{xml}");
        let env =
            soap::decode_response::<Option<ChatClientInfoHeader>, PostChatMessage, ChatFault>(
                &bytes,
                Some(version),
                &ReadOptions::strict(),
            )
            .unwrap();
        assert_eq!(env.headers, Some(info()));
        assert_eq!(env.body, Body::Payload(message()));
    }
}

#[test]
fn derived_fault_enum_is_a_typed_detail_in_both_versions() {
    let detail = ChatFault::RequestError(RnFault {
        code: "BAD_ID".into(),
        message: "x".into(),
    });
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let fault = Fault::new(version, FaultSide::Sender, "nope").with_detail(detail.clone());
        let bytes = soap::encode_fault(&fault, &[]).unwrap();
        let env = soap::decode_response::<(), PostChatMessage, ChatFault>(
            &bytes,
            Some(version),
            &ReadOptions::strict(),
        )
        .unwrap();
        assert_eq!(env.body, Body::Fault(fault));
    }
}

#[test]
fn derived_types_through_a_call_with_http_500() {
    let fault = Fault::new(SoapVersion::Soap11, FaultSide::Receiver, "down").with_detail(
        ChatFault::ServerError(RnFault {
            code: "UNKNOWN_EXCEPTION".into(),
            message: "m".into(),
        }),
    );
    let body = soap::encode_fault(&fault, &[]).unwrap();
    let transport = MemoryTransport::fixed(HttpResponse::new(500, body));
    let header = info();
    let headers: [&dyn WriteHeader; 1] = [&header];
    let options = CallOptions::new("mem://chat", "PostChatMessage");
    let err: SoapError<ChatFault> = soap::call_blocking::<_, _, PostChatMessage, (), _>(
        &transport,
        &options,
        &headers,
        &message(),
    )
    .unwrap_err();
    assert_eq!(err.fault(), Some(&fault));
    let sent = transport.last_request().unwrap();
    let sent = String::from_utf8(sent.body).unwrap();
    assert!(sent.contains("<ns1:AppID>app</ns1:AppID>"), "{sent}");
}
