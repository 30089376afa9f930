//! Typed clients, server traits and dispatchers emitted from small WSDLs: document/literal
//! with headers (one of them `wsse:Security`), output headers and faults, one-way, SOAP 1.2,
//! RPC, HTTP GET (urlReplacement, urlEncoded) and HTTP POST (XML body, form).

mod common;

use common::*;

/// Generated text without whitespace and without the trailing commas prettyplease adds when
/// it breaks a list over lines, so needles do not depend on line width.
fn normal(s: &str) -> String {
    let squashed: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = String::with_capacity(squashed.len());
    let mut chars = squashed.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ',' && matches!(chars.peek(), Some(')' | '>' | '}' | ']')) {
            continue;
        }
        out.push(c);
    }
    out
}

#[track_caller]
fn has(g: &soapstone_codegen::Generated, needle: &str) {
    let t = text(g);
    assert!(
        normal(&t).contains(&normal(needle)),
        "`{needle}` not found in:\n{t}"
    );
}

#[track_caller]
fn lacks(g: &soapstone_codegen::Generated, needle: &str) {
    assert!(
        !normal(&text(g)).contains(&normal(needle)),
        "`{needle}` found"
    );
}

const WSSE: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";

fn doc_literal() -> String {
    format!(
        r#"<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:svc" xmlns:wsse="{WSSE}"
    targetNamespace="urn:svc">
  <wsdl:types>
    <xs:schema targetNamespace="urn:svc" elementFormDefault="qualified">
      <xs:element name="Ping"><xs:complexType><xs:sequence><xs:element name="text" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="PingResponse"><xs:complexType><xs:sequence><xs:element name="text" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="Auth"><xs:complexType><xs:attribute name="token" type="xs:string"/></xs:complexType></xs:element>
      <xs:element name="Trace"><xs:complexType><xs:attribute name="id" type="xs:string"/></xs:complexType></xs:element>
      <xs:element name="Oops"><xs:complexType><xs:sequence><xs:element name="code" type="xs:int"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="Busy"><xs:complexType><xs:sequence><xs:element name="retry" type="xs:int"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="Notify"><xs:complexType/></xs:element>
    </xs:schema>
    <xs:schema targetNamespace="{WSSE}" elementFormDefault="qualified">
      <xs:element name="Security"><xs:complexType><xs:sequence><xs:any processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="PingIn"><wsdl:part name="parameters" element="tns:Ping"/></wsdl:message>
  <wsdl:message name="PingOut"><wsdl:part name="parameters" element="tns:PingResponse"/></wsdl:message>
  <wsdl:message name="Headers"><wsdl:part name="auth" element="tns:Auth"/><wsdl:part name="security" element="wsse:Security"/><wsdl:part name="trace" element="tns:Trace"/></wsdl:message>
  <wsdl:message name="OopsFault"><wsdl:part name="detail" element="tns:Oops"/></wsdl:message>
  <wsdl:message name="BusyFault"><wsdl:part name="detail" element="tns:Busy"/></wsdl:message>
  <wsdl:message name="NotifyIn"><wsdl:part name="parameters" element="tns:Notify"/></wsdl:message>
  <wsdl:portType name="PingPort">
    <wsdl:operation name="Ping">
      <wsdl:documentation>Pings.</wsdl:documentation>
      <wsdl:input message="tns:PingIn"/><wsdl:output message="tns:PingOut"/>
      <wsdl:fault name="Oops" message="tns:OopsFault"/>
      <wsdl:fault name="Busy" message="tns:BusyFault"/>
    </wsdl:operation>
    <wsdl:operation name="Notify"><wsdl:input message="tns:NotifyIn"/></wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="PingSoap" type="tns:PingPort">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Ping">
      <soap:operation soapAction="urn:svc/Ping"/>
      <wsdl:input><soap:body use="literal"/>
        <soap:header message="tns:Headers" part="auth" use="literal"/>
        <soap:header message="tns:Headers" part="security" use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/><soap:header message="tns:Headers" part="trace" use="literal"/></wsdl:output>
      <wsdl:fault name="Oops"><soap:fault name="Oops" use="literal"/></wsdl:fault>
      <wsdl:fault name="Busy"><soap:fault name="Busy" use="literal"/></wsdl:fault>
    </wsdl:operation>
    <wsdl:operation name="Notify"><soap:operation soapAction="urn:svc/Notify"/><wsdl:input><soap:body use="literal"/></wsdl:input></wsdl:operation>
  </wsdl:binding>
  <wsdl:binding name="PingSoap12" type="tns:PingPort">
    <soap12:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Ping">
      <soap12:operation soapAction="urn:svc/Ping12"/>
      <wsdl:input><soap12:body use="literal"/></wsdl:input><wsdl:output><soap12:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="PingService">
    <wsdl:port name="PingPort" binding="tns:PingSoap"><soap:address location="http://example.com/ping"/></wsdl:port>
    <wsdl:port name="PingPort12" binding="tns:PingSoap12"><soap12:address location="http://example.com/ping12"/></wsdl:port>
  </wsdl:service>
</wsdl:definitions>"#
    )
}

const RPC_WSDL: &str = r#"<?xml version="1.0"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:rpc" targetNamespace="urn:rpc">
  <message name="AddIn"><part name="a" type="xsd:int"/><part name="b" type="xsd:int"/></message>
  <message name="AddOut"><part name="sum" type="xsd:int"/></message>
  <portType name="Calc"><operation name="add"><input message="tns:AddIn"/><output message="tns:AddOut"/></operation></portType>
  <binding name="CalcRpc" type="tns:Calc"><soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="add"><soap:operation soapAction=""/>
      <input><soap:body use="literal" namespace="urn:calc"/></input>
      <output><soap:body use="literal" namespace="urn:calc"/></output></operation></binding>
  <service name="S"><port name="P" binding="tns:CalcRpc"><soap:address location="http://calc/"/></port></service>
</definitions>"#;

const HTTP_WSDL: &str = r#"<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:http="http://schemas.xmlsoap.org/wsdl/http/"
    xmlns:mime="http://schemas.xmlsoap.org/wsdl/mime/" xmlns:s="http://www.w3.org/2001/XMLSchema"
    xmlns:tns="urn:w" targetNamespace="urn:w">
  <wsdl:types><s:schema targetNamespace="urn:w" elementFormDefault="qualified">
    <s:element name="weather"><s:complexType><s:attribute name="t" type="s:int"/></s:complexType></s:element>
    <s:element name="report"><s:complexType><s:attribute name="city" type="s:string"/></s:complexType></s:element>
  </s:schema></wsdl:types>
  <wsdl:message name="ById"><wsdl:part name="id" type="s:long"/></wsdl:message>
  <wsdl:message name="ByCity"><wsdl:part name="city" type="s:string"/><wsdl:part name="days" type="s:int"/></wsdl:message>
  <wsdl:message name="Clash"><wsdl:part name="params" type="s:string"/><wsdl:part name="service" type="s:int"/><wsdl:part name="url" type="s:string"/><wsdl:part name="url_text" type="s:string"/></wsdl:message>
  <wsdl:message name="Out"><wsdl:part name="body" element="tns:weather"/></wsdl:message>
  <wsdl:message name="Report"><wsdl:part name="body" element="tns:report"/></wsdl:message>
  <wsdl:portType name="G">
    <wsdl:operation name="byId"><wsdl:input message="tns:ById"/><wsdl:output message="tns:Out"/></wsdl:operation>
    <wsdl:operation name="byCity"><wsdl:input message="tns:ByCity"/><wsdl:output message="tns:Out"/></wsdl:operation>
    <wsdl:operation name="clash"><wsdl:input message="tns:Clash"/><wsdl:output message="tns:Out"/></wsdl:operation>
  </wsdl:portType>
  <wsdl:portType name="P">
    <wsdl:operation name="report"><wsdl:input message="tns:Report"/></wsdl:operation>
    <wsdl:operation name="forecast"><wsdl:input message="tns:ByCity"/><wsdl:output message="tns:Out"/></wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="Get" type="tns:G"><http:binding verb="GET"/>
    <wsdl:operation name="byId"><http:operation location="weather/(id)"/>
      <wsdl:input><http:urlReplacement/></wsdl:input><wsdl:output><mime:mimeXml part="body"/></wsdl:output></wsdl:operation>
    <wsdl:operation name="byCity"><http:operation location="weather"/>
      <wsdl:input><http:urlEncoded/></wsdl:input><wsdl:output><mime:mimeXml part="body"/></wsdl:output></wsdl:operation>
    <wsdl:operation name="clash"><http:operation location="clash"/>
      <wsdl:input><http:urlEncoded/></wsdl:input><wsdl:output><mime:mimeXml part="body"/></wsdl:output></wsdl:operation>
  </wsdl:binding>
  <wsdl:binding name="Post" type="tns:P"><http:binding verb="POST"/>
    <wsdl:operation name="report"><http:operation location="report"/>
      <wsdl:input><mime:content type="text/xml" part="body"/></wsdl:input></wsdl:operation>
    <wsdl:operation name="forecast"><http:operation location="forecast"/>
      <wsdl:input><mime:content type="application/x-www-form-urlencoded"/></wsdl:input><wsdl:output><mime:mimeXml part="body"/></wsdl:output></wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="S">
    <wsdl:port name="G" binding="tns:Get"><http:address location="http://w/api/"/></wsdl:port>
    <wsdl:port name="P" binding="tns:Post"><http:address location="http://w/api/"/></wsdl:port>
  </wsdl:service>
</wsdl:definitions>"#;

const UNBOUND_WSDL: &str = r#"<?xml version="1.0"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:m" targetNamespace="urn:m">
  <types><xs:schema targetNamespace="urn:m"><xs:element name="a" type="xs:int"/><xs:element name="b" type="xs:int"/></xs:schema></types>
  <message name="Two"><part name="a" element="tns:a"/><part name="b" element="tns:b"/></message>
  <portType name="P"><operation name="two"><input message="tns:Two"/></operation></portType>
  <binding name="B" type="tns:P"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="two"><soap:operation soapAction="two"/><input><soap:body use="literal"/></input></operation></binding>
</definitions>"#;

/// Corpus regressions: a `soap:header` listed twice and two header parts sharing one element
/// (EWS), an operation named after a keyword next to one named like its blocking twin (ONVIF
/// `Move`), HTTP operations without parameters (WSDOT ASMX).
const EDGE_WSDL: &str = r#"<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:http="http://schemas.xmlsoap.org/wsdl/http/" xmlns:mime="http://schemas.xmlsoap.org/wsdl/mime/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:e" targetNamespace="urn:e">
  <wsdl:types><xs:schema targetNamespace="urn:e" elementFormDefault="qualified">
    <xs:element name="Go"><xs:complexType/></xs:element>
    <xs:element name="Move"><xs:complexType/></xs:element>
    <xs:element name="MoveBlocking"><xs:complexType/></xs:element>
    <xs:element name="Done"><xs:complexType/></xs:element>
    <xs:element name="Ver"><xs:complexType><xs:attribute name="v" type="xs:string"/></xs:complexType></xs:element>
  </xs:schema></wsdl:types>
  <wsdl:message name="GoIn"><wsdl:part name="parameters" element="tns:Go"/><wsdl:part name="version" element="tns:Ver"/><wsdl:part name="Version" element="tns:Ver"/></wsdl:message>
  <wsdl:message name="MoveIn"><wsdl:part name="parameters" element="tns:Move"/></wsdl:message>
  <wsdl:message name="MoveBlockingIn"><wsdl:part name="parameters" element="tns:MoveBlocking"/></wsdl:message>
  <wsdl:message name="DoneOut"><wsdl:part name="parameters" element="tns:Done"/></wsdl:message>
  <wsdl:message name="Nothing"/>
  <wsdl:message name="DoneBody"><wsdl:part name="Body" element="tns:Done"/></wsdl:message>
  <wsdl:portType name="A">
    <wsdl:operation name="Go"><wsdl:input message="tns:GoIn"/><wsdl:output message="tns:DoneOut"/></wsdl:operation>
    <wsdl:operation name="Move"><wsdl:input message="tns:MoveIn"/><wsdl:output message="tns:DoneOut"/></wsdl:operation>
  </wsdl:portType>
  <wsdl:portType name="B">
    <wsdl:operation name="Move"><wsdl:input message="tns:MoveIn"/><wsdl:output message="tns:DoneOut"/></wsdl:operation>
    <wsdl:operation name="MoveBlocking"><wsdl:input message="tns:MoveBlockingIn"/><wsdl:output message="tns:DoneOut"/></wsdl:operation>
  </wsdl:portType>
  <wsdl:portType name="H">
    <wsdl:operation name="Status"><wsdl:input message="tns:Nothing"/><wsdl:output message="tns:DoneBody"/></wsdl:operation>
    <wsdl:operation name="Fixed"><wsdl:input message="tns:Nothing"/><wsdl:output message="tns:DoneBody"/></wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="ASoap" type="tns:A"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Go"><soap:operation soapAction="urn:e/Go"/>
      <wsdl:input><soap:body use="literal" parts="parameters"/>
        <soap:header message="tns:GoIn" part="version" use="literal"/>
        <soap:header message="tns:GoIn" part="Version" use="literal"/>
        <soap:header message="tns:GoIn" part="version" use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>
    <wsdl:operation name="Move"><soap:operation soapAction="urn:e/Move"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>
  </wsdl:binding>
  <wsdl:binding name="BSoap" type="tns:B"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Move"><soap:operation soapAction="urn:e/MoveB"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>
    <wsdl:operation name="MoveBlocking"><soap:operation soapAction="urn:e/MoveBlocking"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>
  </wsdl:binding>
  <wsdl:binding name="HGet" type="tns:H"><http:binding verb="GET"/>
    <wsdl:operation name="Status"><http:operation location="/Status"/>
      <wsdl:input><http:urlEncoded/></wsdl:input><wsdl:output><mime:mimeXml part="Body"/></wsdl:output></wsdl:operation>
    <wsdl:operation name="Fixed"><http:operation location="/Fixed"/>
      <wsdl:input><http:urlReplacement/></wsdl:input><wsdl:output><mime:mimeXml part="Body"/></wsdl:output></wsdl:operation>
  </wsdl:binding>
  <wsdl:binding name="HPost" type="tns:H"><http:binding verb="POST"/>
    <wsdl:operation name="Status"><http:operation location="/Status"/>
      <wsdl:input><mime:content type="application/x-www-form-urlencoded"/></wsdl:input><wsdl:output><mime:mimeXml part="Body"/></wsdl:output></wsdl:operation>
    <wsdl:operation name="Fixed"><http:operation location="/Fixed"/>
      <wsdl:input><http:urlReplacement/></wsdl:input><wsdl:output><mime:mimeXml part="Body"/></wsdl:output></wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="S">
    <wsdl:port name="A" binding="tns:ASoap"><soap:address location="http://e/a"/></wsdl:port>
    <wsdl:port name="B" binding="tns:BSoap"><soap:address location="http://e/b"/></wsdl:port>
    <wsdl:port name="HG" binding="tns:HGet"><http:address location="http://e/h"/></wsdl:port>
    <wsdl:port name="HP" binding="tns:HPost"><http:address location="http://e/h"/></wsdl:port>
  </wsdl:service>
</wsdl:definitions>"#;

#[test]
fn shared_header_elements_keyword_operations_and_parameterless_http() {
    let g = gen_one("ops-edge", EDGE_WSDL);
    // A `soap:header` listed twice is one field; two parts of one element are two fields that
    // read the same block, cloned for every use but the last (`version`/`Version` also collide).
    has(
        &g,
        "pub struct GoHeaders { pub version: ::std::option::Option<super::Ver>,
            pub version_2: ::std::option::Option<super::Ver>, }",
    );
    has(
        &g,
        "let result = service.go(*input, GoHeaders { version: h0.clone(), version_2: h0, }).await;",
    );
    // The blocking twin is named from the unescaped name and never takes another method's.
    has(&g, "pub async fn move_(&self, input: &super::Move)");
    has(&g, "pub fn move_blocking(&self, input: &super::Move)");
    has(
        &g,
        "pub async fn move_blocking(&self, input: &super::MoveBlocking)",
    );
    has(&g, "pub fn move_blocking_2(&self, input: &super::Move)");
    has(
        &g,
        "pub fn move_blocking_blocking(&self, input: &super::MoveBlocking)",
    );
    lacks(&g, "move__blocking");
    // Parameterless HTTP operations: the server binds no parameter list but still rejects a
    // malformed query or form body.
    lacks(
        &g,
        "let params: ::soapstone::server::http::Params = match ::std::result::Result::Ok(path_params)",
    );
    has(
        &g,
        r#"if let ::std::option::Option::Some(_path_params) = ::soapstone::server::http::match_location(path, "/Fixed")"#,
    );
    has(
        &g,
        "if let ::std::result::Result::Err(r) = ::soapstone::server::http::parse_pairs(::soapstone::server::http::request_query(&request.url)) { return r; }",
    );
    has(
        &g,
        "::soapstone::server::http::reply(service.status().await)",
    );
}

#[test]
fn soap11_document_literal_client_and_server() {
    let g = gen_one("ops-doc", &doc_literal());
    // Faults: one choice enum per binding over every fault element.
    has(
        &g,
        r#"#[xml(choice)] pub enum Fault {
            /// Fault element `Oops`.
            #[xml(element = "Oops", ns = "urn:svc")] Oops(::std::boxed::Box<super::Oops>),
            /// Fault element `Busy`.
            #[xml(element = "Busy", ns = "urn:svc")] Busy(::std::boxed::Box<super::Busy>),
        }"#,
    );
    // Header parts other than wsse:Security become a struct; Security comes from credentials.
    has(
        &g,
        "pub struct PingHeaders { pub auth: ::std::option::Option<super::Auth>, }",
    );
    has(
        &g,
        "pub struct PingOutputHeaders { pub trace: ::std::option::Option<super::Trace>, }",
    );
    has(
        &g,
        r#"pub const DEFAULT_ENDPOINT: &str = "http://example.com/ping";"#,
    );
    // The client: async and blocking methods with typed input, headers, output and faults.
    has(
        &g,
        "pub async fn ping(&self, input: &super::Ping, headers: &PingHeaders,)
            -> ::std::result::Result<(super::PingResponse, PingOutputHeaders), ::soapstone::soap::SoapError<Fault>>",
    );
    has(
        &g,
        "pub fn ping_blocking(&self, input: &super::Ping, headers: &PingHeaders,)",
    );
    has(&g, r#"let options = self.call_options("urn:svc/Ping");"#);
    has(&g, ".with_version(::soapstone::soap::SoapVersion::Soap11)");
    has(
        &g,
        "::soapstone::soap::call::<_, _, super::PingResponse, PingOutputHeaders, Fault>",
    );
    // One-way: unit output, any 2xx is success.
    has(
        &g,
        "pub async fn notify(&self, input: &super::Notify,) -> ::std::result::Result<(), ::soapstone::soap::SoapError<Fault>>",
    );
    has(
        &g,
        "pub fn at(&self, endpoint: impl ::std::convert::Into<::std::string::String>) -> Client<&T>",
    );
    // The server trait: decoded Security header when the WSDL declares it.
    has(
        &g,
        "fn ping(&self, input: super::Ping, headers: PingHeaders,
                 security: ::std::option::Option<::soapstone::soap::wsse::SecurityHeader>,)
            -> impl ::std::future::Future<Output = ::std::result::Result<(super::PingResponse, PingOutputHeaders),
               ::soapstone::server::ServerFault<Fault>>> + ::std::marker::Send;",
    );
    has(
        &g,
        "fn notify(&self, input: super::Notify) -> impl ::std::future::Future<Output = ::std::result::Result<(), ::soapstone::server::ServerFault<Fault>>> + ::std::marker::Send;",
    );
    has(&g, "impl<S: Service> Service for ::std::sync::Arc<S>");
    // The dispatcher: request enum over the body elements, port-wide header set, action check.
    has(
        &g,
        r#"#[xml(choice)] pub enum Request {
            /// Request of `Ping`.
            #[xml(element = "Ping", ns = "urn:svc")] Ping(::std::boxed::Box<super::Ping>),
            /// Request of `Notify`.
            #[xml(element = "Notify", ns = "urn:svc")] Notify(::std::boxed::Box<super::Notify>),
        }"#,
    );
    has(
        &g,
        r#"pub const SOAP_ACTIONS: &[&str] = &["urn:svc/Notify", "urn:svc/Ping"];"#,
    );
    has(
        &g,
        "::soapstone::server::decode::<(::std::option::Option<super::Auth>,
            ::std::option::Option<::soapstone::soap::wsse::SecurityHeader>,), Request>(request, options)",
    );
    has(
        &g,
        r#"Request::Ping(input) => {
            if let ::std::result::Result::Err(r) = ::soapstone::server::check_action(version, action, &["urn:svc/Ping"], SOAP_ACTIONS) { return r; }
            let result = service.ping(*input, PingHeaders { auth: h0, }, h1).await;"#,
    );
    has(&g, "::soapstone::server::reply_one_way(version, result)");
    has(
        &g,
        "impl<S: Service> ::soapstone::server::Handler for Server<S>",
    );
}

#[test]
fn soap12_binding_uses_its_version_and_action() {
    let g = gen_one("ops-12", &doc_literal());
    let t = normal(&text(&g));
    let start = t.find("pubmodping_soap12").expect("the SOAP 1.2 binding");
    let module = &t[start..];
    // Faults are the port type's: the SOAP 1.2 binding has the same enum.
    assert!(module.contains(&normal(r#"#[xml(element = "Oops", ns = "urn:svc")] Oops("#)));
    assert!(module.contains(&normal(
        ".with_version(::soapstone::soap::SoapVersion::Soap12)"
    )));
    assert!(module.contains(&normal(r#"self.call_options("urn:svc/Ping12")"#)));
    // No headers declared: no header parameter, an empty header set.
    assert!(
        module.contains(&normal("pub async fn ping(&self, input: &super::Ping) ->")),
        "{module}"
    );
    assert!(module.contains(&normal("::soapstone::server::decode::<(), Request>")));
}

#[test]
fn rpc_operations_use_the_wrappers() {
    let wsdl = RPC_WSDL;
    let g = gen_one("ops-rpc", wsdl);
    has(
        &g,
        "pub async fn add(&self, input: &super::AddRequest,) -> ::std::result::Result<super::AddResponse, ::soapstone::soap::SoapError<Fault>>",
    );
    has(
        &g,
        r#"/// Request of `add`.
        #[xml(element = "add", ns = "urn:calc")] Add(::std::boxed::Box<super::AddRequest>)"#,
    );
    // No action declared: any action the client sends is accepted for this operation.
    has(&g, "pub const SOAP_ACTIONS: &[&str] = &[];");
    has(&g, r#"check_action(version, action, &[""], SOAP_ACTIONS)"#);
}

#[test]
fn http_get_and_post_clients_and_servers() {
    let wsdl = HTTP_WSDL;
    let g = gen_one("ops-http", wsdl);
    // GET, URL replacement.
    has(
        &g,
        "pub async fn by_id(&self, id: &i64) -> ::std::result::Result<super::Weather, ::soapstone::transport::http_binding::HttpBindingError>",
    );
    has(
        &g,
        r#"let url = ::soapstone::transport::http_binding::replace_url(&self.endpoint, "weather/(id)", params)?;"#,
    );
    has(
        &g,
        r#"let params: &[(&str, &str)] = &[("id", __text_0.as_str())];"#,
    );
    // GET, query string.
    has(
        &g,
        "pub async fn by_city(&self, city: &::std::string::String, days: &i32)",
    );
    has(
        &g,
        r#"let url = ::soapstone::transport::http_binding::encode_url(&self.endpoint, "weather", params);"#,
    );
    // Part names never clash with the generated code's own locals.
    has(
        &g,
        "pub async fn clash(&self, params: &::std::string::String, service: &i32, url: &::std::string::String, url_text: &::std::string::String)",
    );
    has(
        &g,
        "::soapstone::server::http::reply(service.clash(__param_0, __param_1, __param_2, __param_3).await)",
    );
    // POST with an XML body, no output: unit on 2xx/204.
    has(
        &g,
        "pub async fn report(&self, input: &super::Report) -> ::std::result::Result<(), ::soapstone::transport::http_binding::HttpBindingError>",
    );
    has(
        &g,
        "::soapstone::transport::http_binding::post_xml_request(",
    );
    // POST with a form body.
    has(
        &g,
        r#".with_header("Content-Type", "application/x-www-form-urlencoded")"#,
    );
    // Servers: typed parameters, routes by location and verb.
    has(
        &g,
        "fn by_id(&self, id: i64) -> impl ::std::future::Future<Output = ::std::result::Result<super::Weather, ::soapstone::server::ServerFault<Fault>>> + ::std::marker::Send;",
    );
    has(
        &g,
        "fn report(&self, input: super::Report) -> impl ::std::future::Future<Output = ::std::result::Result<(), ::soapstone::server::ServerFault<Fault>>> + ::std::marker::Send;",
    );
    has(
        &g,
        r#"if let ::std::option::Option::Some(path_params) = ::soapstone::server::http::match_location(path, "weather/(id)")"#,
    );
    has(
        &g,
        r#"::soapstone::server::http::parse_pairs(::soapstone::server::http::request_query(&request.url))"#,
    );
    has(
        &g,
        "::soapstone::server::http::reply_empty(service.report(input).await)",
    );
    has(
        &g,
        r#"if request.method != ::soapstone::transport::Method::Post {"#,
    );
}

#[test]
fn unbindable_operations_are_listed_not_emitted() {
    // A document operation with two body parts has no single body element.
    let wsdl = UNBOUND_WSDL;
    let g = gen_one("ops-unbound", wsdl);
    has(
        &g,
        "Not bound (no method): `two` (the input body is not one global element).",
    );
    lacks(&g, "pub async fn two(");
    has(&g, "this binding has no bound operation");
    has(&g, r#"pub const DEFAULT_ENDPOINT: &str = "";"#);
}

/// Runs `cargo` with a time limit; `Err` carries what it printed.
fn run_bounded(mut command: std::process::Command) -> Result<(), String> {
    use std::time::{Duration, Instant};
    let mut child = command
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let deadline = Instant::now() + Duration::from_secs(900);
    loop {
        match child.try_wait().map_err(|e| e.to_string())? {
            Some(_) => break,
            None if Instant::now() > deadline => {
                let _ = child.kill();
                return Err("cargo check did not finish in 15 minutes".into());
            }
            None => std::thread::sleep(Duration::from_millis(200)),
        }
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// The emitted clients and servers of every WSDL above compile with `#![deny(warnings)]`
/// against the runtime (a scratch crate, checked offline with the workspace's lock file, in a
/// target directory of its own so it never waits for the outer build's lock).
#[test]
fn emitted_clients_and_servers_compile() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace")
        .to_path_buf();
    let dir = scratch("ops-compile");
    std::fs::create_dir_all(dir.join("src")).expect("src");
    let inputs = [
        ("doc", doc_literal()),
        ("rpc", RPC_WSDL.to_owned()),
        ("http", HTTP_WSDL.to_owned()),
        ("unbound", UNBOUND_WSDL.to_owned()),
        ("edge", EDGE_WSDL.to_owned()),
    ];
    let mut lib = String::from("#![deny(warnings)]\n");
    for (name, wsdl) in &inputs {
        let g = gen_one(&format!("ops-compile-{name}"), wsdl);
        std::fs::write(dir.join(format!("src/{name}_out.rs")), text(&g)).expect("write");
        lib.push_str(&format!(
            "pub mod {name}_check {{ include!(\"{name}_out.rs\"); }}\n"
        ));
    }
    std::fs::write(dir.join("src/lib.rs"), lib).expect("lib.rs");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"ops-compile\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nsoapstone = {{ path = {:?}, default-features = false }}\n\n[workspace]\n",
            root.join("runtime")
        ),
    )
    .expect("Cargo.toml");
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).expect("Cargo.lock");
    let mut command = std::process::Command::new(env!("CARGO"));
    command
        .arg("check")
        .arg("--offline")
        .arg("--quiet")
        .current_dir(&dir)
        .env(
            "CARGO_TARGET_DIR",
            root.join("target").join("operations-compile"),
        );
    if let Err(output) = run_bounded(command) {
        panic!("the emitted code does not compile:\n{output}");
    }
}
