//! WSDL 1.1 constructs and document loading (imports, includes, redefine, catalogs, encodings).

mod common;

use common::*;
use soapstone_codegen::model::TypeExpr;
use soapstone_codegen::wsdl::{Protocol, Style};

const DOC_LIT: &str = r#"<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:svc" targetNamespace="urn:svc">
  <wsdl:documentation>Test service.</wsdl:documentation>
  <wsdl:types>
    <xs:schema targetNamespace="urn:svc" elementFormDefault="qualified">
      <xs:element name="Ping"><xs:complexType><xs:sequence><xs:element name="text" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="PingResponse"><xs:complexType><xs:sequence><xs:element name="text" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="Auth"><xs:complexType><xs:attribute name="token" type="xs:string"/></xs:complexType></xs:element>
      <xs:element name="Oops"><xs:complexType><xs:sequence><xs:element name="code" type="xs:int"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="Notify"><xs:complexType/></xs:element>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="PingIn"><wsdl:part name="parameters" element="tns:Ping"/></wsdl:message>
  <wsdl:message name="PingOut"><wsdl:part name="parameters" element="tns:PingResponse"/></wsdl:message>
  <wsdl:message name="AuthHeader"><wsdl:part name="auth" element="tns:Auth"/></wsdl:message>
  <wsdl:message name="OopsFault"><wsdl:part name="detail" element="tns:Oops"/></wsdl:message>
  <wsdl:message name="NotifyIn"><wsdl:part name="parameters" element="tns:Notify"/></wsdl:message>
  <wsdl:portType name="PingPort">
    <wsdl:operation name="Ping">
      <wsdl:documentation>Pings.</wsdl:documentation>
      <wsdl:input message="tns:PingIn"/><wsdl:output message="tns:PingOut"/>
      <wsdl:fault name="Oops" message="tns:OopsFault"/>
    </wsdl:operation>
    <wsdl:operation name="Notify"><wsdl:input message="tns:NotifyIn"/></wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="PingSoap" type="tns:PingPort">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Ping">
      <soap:operation soapAction="urn:svc/Ping"/>
      <wsdl:input><soap:body use="literal"/><soap:header message="tns:AuthHeader" part="auth" use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
      <wsdl:fault name="Oops"><soap:fault name="Oops" use="literal"/></wsdl:fault>
    </wsdl:operation>
    <wsdl:operation name="Notify"><soap:operation soapAction=""/><wsdl:input><soap:body use="literal"/></wsdl:input></wsdl:operation>
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
</wsdl:definitions>"#;

#[test]
fn document_literal_operations_headers_faults_one_way() {
    let g = gen_one("doclit", DOC_LIT);
    let b = g
        .model
        .bindings
        .iter()
        .find(|b| b.binding.local == "PingSoap")
        .unwrap();
    assert_eq!(b.protocol, Some(Protocol::Soap11));
    assert_eq!(
        b.endpoints,
        vec![(
            "PingService".into(),
            "PingPort".into(),
            "http://example.com/ping".into()
        )]
    );
    let ping = &b.operations[0];
    assert_eq!(ping.soap_action.as_deref(), Some("urn:svc/Ping"));
    assert_eq!(ping.style, Style::Document);
    let input = ping.input.as_ref().unwrap();
    assert!(matches!(input.body, Some(TypeExpr::Named(_))));
    assert_eq!(input.headers.len(), 1);
    assert_eq!(input.headers[0].element.local, "Auth");
    assert_eq!(
        ping.faults[0].detail.as_ref().unwrap().element.local,
        "Oops"
    );
    let notify = &b.operations[1];
    assert!(notify.output.is_none());
    assert_has(&g, "pub mod ping_soap {");
    assert_has(&g, r#"pub const BINDING: &str = "PingSoap";"#);
    assert_has(&g, r#"pub const PROTOCOL: &str = "soap1.1";"#);
    assert_has(
        &g,
        r#"("PingService", "PingPort", "http://example.com/ping")"#,
    );
    assert_has(
        &g,
        r#"pub const SOAP_ACTION: ::std::option::Option<&str> = ::std::option::Option::Some("urn:svc/Ping","#,
    );
    assert_has(&g, "pub type Input = super::super::Ping;");
    assert_has(&g, "pub type Output = super::super::PingResponse;");
    assert_has(&g, "pub type InputHeaderAuth = super::super::Auth;");
    assert_has(&g, "pub type FaultOops = super::super::Oops;");
    assert_has(&g, "pub const ONE_WAY: bool = true;");
    assert_has(&g, r#"pub const PROTOCOL: &str = "soap1.2";"#);
    assert_has(&g, "/// Test service.");
    assert_has(&g, "/// Pings.");
}

const RPC_ENCODED: &str = r#"<?xml version="1.0" encoding="ISO-8859-1"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xsd="http://www.w3.org/2001/XMLSchema"
    xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" xmlns:tns="urn:rpc" targetNamespace="urn:rpc">
  <types>
    <xsd:schema targetNamespace="urn:rpc">
      <xsd:import namespace="http://schemas.xmlsoap.org/soap/encoding/"/>
      <xsd:complexType name="Issue"><xsd:all><xsd:element name="id" type="xsd:integer"/><xsd:element name="summary" type="xsd:string"/></xsd:all></xsd:complexType>
      <xsd:complexType name="IssueArray"><xsd:complexContent><xsd:restriction base="SOAP-ENC:Array">
        <xsd:attribute ref="SOAP-ENC:arrayType" wsdl:arrayType="tns:Issue[]"/>
      </xsd:restriction></xsd:complexContent></xsd:complexType>
    </xsd:schema>
  </types>
  <message name="getIssuesRequest"><part name="user" type="xsd:string"/><part name="limit" type="xsd:int"/></message>
  <message name="getIssuesResponse"><part name="return" type="tns:IssueArray"/></message>
  <portType name="P"><operation name="getIssues"><input message="tns:getIssuesRequest"/><output message="tns:getIssuesResponse"/></operation></portType>
  <binding name="B" type="tns:P">
    <soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="getIssues"><soap:operation soapAction="urn:rpc#getIssues" style="rpc"/>
      <input><soap:body use="encoded" namespace="urn:rpc" encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/></input>
      <output><soap:body use="encoded" namespace="urn:rpc" encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/></output>
    </operation>
  </binding>
  <service name="S"><port name="P" binding="tns:B"><soap:address location="http://h/r\xE9"/></port></service>
</definitions>"#;

#[test]
fn rpc_encoded_wrappers_and_soapenc_arrays_latin1() {
    // Encode the file as real ISO-8859-1 bytes.
    let text = RPC_ENCODED.replace("\\xE9", "\u{e9}");
    let bytes: Vec<u8> = text
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect();
    let dir = scratch("rpc");
    std::fs::write(dir.join("rpc.wsdl"), bytes).unwrap();
    let g = settings_for(&[dir.join("rpc.wsdl")]).generate().unwrap();
    let op = &g.model.bindings[0].operations[0];
    assert_eq!(op.style, Style::Rpc);
    assert!(op.input.as_ref().unwrap().encoded);
    assert_has(
        &g,
        r#"#[xml(root = "getIssues", ns = "urn:rpc")] pub struct GetIssuesRequest {"#,
    );
    assert_has(
        &g,
        r#"#[xml(element = "user")] pub user: ::std::string::String, #[xml(element = "limit")] pub limit: i32,"#,
    );
    assert_has(
        &g,
        r#"#[xml(root = "getIssuesResponse", ns = "urn:rpc")] pub struct GetIssuesResponse {"#,
    );
    assert_has(&g, r#"#[xml(element = "return")] pub return_: IssueArray,"#);
    assert_has(
        &g,
        r#"#[xml(element = "item")] pub item: ::std::vec::Vec<Issue>,"#,
    );
    assert_has(
        &g,
        r#"#[xml(attribute = "arrayType", ns = "http://schemas.xmlsoap.org/soap/encoding/")]
           pub array_type: ::std::option::Option<::soapstone::types::ArrayType>,"#,
    );
    assert_has(&g, "(\"S\", \"P\", \"http://h/r\u{e9}\")");
    assert_has(&g, "pub const INPUT_ENCODED: bool = true;");
}

#[test]
fn http_get_post_bindings() {
    let wsdl = r#"<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:http="http://schemas.xmlsoap.org/wsdl/http/"
    xmlns:mime="http://schemas.xmlsoap.org/wsdl/mime/" xmlns:s="http://www.w3.org/2001/XMLSchema"
    xmlns:tns="urn:w" targetNamespace="urn:w">
  <wsdl:types><s:schema targetNamespace="urn:w" elementFormDefault="qualified">
    <s:element name="string" nillable="true" type="s:string"/></s:schema></wsdl:types>
  <wsdl:message name="In"><wsdl:part name="CityName" type="s:string"/></wsdl:message>
  <wsdl:message name="Out"><wsdl:part name="Body" element="tns:string"/></wsdl:message>
  <wsdl:portType name="P"><wsdl:operation name="GetWeather"><wsdl:input message="tns:In"/><wsdl:output message="tns:Out"/></wsdl:operation></wsdl:portType>
  <wsdl:binding name="HttpGet" type="tns:P"><http:binding verb="GET"/>
    <wsdl:operation name="GetWeather"><http:operation location="/GetWeather"/>
      <wsdl:input><http:urlEncoded/></wsdl:input><wsdl:output><mime:mimeXml part="Body"/></wsdl:output></wsdl:operation></wsdl:binding>
  <wsdl:binding name="HttpPost" type="tns:P"><http:binding verb="POST"/>
    <wsdl:operation name="GetWeather"><http:operation location="/GetWeather"/>
      <wsdl:input><mime:content type="application/x-www-form-urlencoded"/></wsdl:input><wsdl:output><mime:mimeXml part="Body"/></wsdl:output></wsdl:operation></wsdl:binding>
  <wsdl:service name="S"><wsdl:port name="G" binding="tns:HttpGet"><http:address location="http://w/"/></wsdl:port></wsdl:service>
</wsdl:definitions>"#;
    let g = gen_one("http", wsdl);
    let get = g
        .model
        .bindings
        .iter()
        .find(|b| b.binding.local == "HttpGet")
        .unwrap();
    assert_eq!(get.protocol, Some(Protocol::HttpGet));
    let op = &get.operations[0];
    assert_eq!(op.http_location.as_deref(), Some("/GetWeather"));
    assert!(
        op.input
            .as_ref()
            .unwrap()
            .http
            .as_ref()
            .unwrap()
            .url_encoded
    );
    assert!(op.output.as_ref().unwrap().body.is_some());
    assert_has(&g, "pub type InputPartCityName = ::std::string::String;");
    assert_has(
        &g,
        r#"pub const OUTPUT_CONTENT_TYPE: ::std::option::Option<&str> = ::std::option::Option::Some("text/xml""#,
    );
    // The element is named `string`; full paths keep it apart from `::std::string::String`.
    assert_has(&g, "pub type Output = super::super::String;");
    assert_has(&g, r#"pub const PROTOCOL: &str = "http-post";"#);
}

#[test]
fn operation_style_overrides_binding_style() {
    let wsdl = DOC_LIT.replace(
        r#"<soap:operation soapAction="urn:svc/Ping"/>"#,
        r#"<soap:operation soapAction="urn:svc/Ping" style="rpc"/>"#,
    );
    let g = gen_one("style", &wsdl);
    let b = g
        .model
        .bindings
        .iter()
        .find(|b| b.binding.local == "PingSoap")
        .unwrap();
    assert_eq!(b.operations[0].style, Style::Rpc);
    assert_eq!(b.operations[1].style, Style::Document);
}

#[test]
fn wsdl_import_abstract_concrete_split_and_xsd_import_include() {
    let abstract_wsdl = r#"<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:xs="http://www.w3.org/2001/XMLSchema"
        xmlns:tns="urn:a" xmlns:m="urn:m" targetNamespace="urn:a">
      <wsdl:types><xs:schema targetNamespace="urn:a">
        <xs:import namespace="urn:m" schemaLocation="xsd/messages.xsd"/></xs:schema></wsdl:types>
      <wsdl:message name="In"><wsdl:part name="p" element="m:Req"/></wsdl:message>
      <wsdl:portType name="P"><wsdl:operation name="Op"><wsdl:input message="tns:In"/></wsdl:operation></wsdl:portType>
    </wsdl:definitions>"#;
    let concrete = r#"<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
        xmlns:a="urn:a" targetNamespace="urn:c">
      <wsdl:import namespace="urn:a" location="abstract.wsdl"/>
      <wsdl:binding name="B" type="a:P"><soap:binding style="document"/>
        <wsdl:operation name="Op"><wsdl:input><soap:body use="literal"/></wsdl:input></wsdl:operation></wsdl:binding>
      <wsdl:service name="S"><wsdl:port name="P" binding="tns:B" xmlns:tns="urn:c"><soap:address location="http://x"/></wsdl:port></wsdl:service>
    </wsdl:definitions>"#;
    let messages = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:m" xmlns:m="urn:m" elementFormDefault="qualified">
        <xs:include schemaLocation="common"/>
        <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="c" type="m:Common"/></xs:sequence></xs:complexType></xs:element>
      </xs:schema>"#;
    // Chameleon include, and a file name without extension.
    let common = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
        <xs:complexType name="Common"><xs:sequence><xs:element name="v" type="Inner"/></xs:sequence></xs:complexType>
        <xs:simpleType name="Inner"><xs:restriction base="xs:string"><xs:maxLength value="4"/></xs:restriction></xs:simpleType>
      </xs:schema>"#;
    let g = gen_set(
        "split",
        &[
            ("concrete.wsdl", concrete),
            ("abstract.wsdl", abstract_wsdl),
            ("xsd/messages.xsd", messages),
            ("xsd/common", common),
        ],
        "concrete.wsdl",
    );
    assert_eq!(g.model.bindings.len(), 1);
    assert_eq!(g.model.bindings[0].operations.len(), 1);
    assert_has(&g, "pub c: Common,");
    assert_has(&g, "pub v: Inner,");
    assert_has(&g, r#"#[xml(type_name = "Common", type_ns = "urn:m")]"#);
    let read: Vec<String> = g
        .files_read
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for f in ["concrete.wsdl", "abstract.wsdl", "messages.xsd", "common"] {
        assert!(read.contains(&f.to_string()), "{f} missing from {read:?}");
    }
}

#[test]
fn locationless_imports_between_inline_schemas() {
    let wsdl = r#"<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:w">
      <wsdl:types>
        <xs:schema targetNamespace="urn:one" xmlns:two="urn:two">
          <xs:import namespace="urn:two"/>
          <xs:complexType name="A"><xs:sequence><xs:element name="b" type="two:B"/></xs:sequence></xs:complexType>
        </xs:schema>
        <xs:schema targetNamespace="urn:two" xmlns:one="urn:one">
          <xs:import namespace="urn:one"/>
          <xs:complexType name="B"><xs:sequence><xs:element name="a" type="one:A" minOccurs="0"/></xs:sequence></xs:complexType>
        </xs:schema>
      </wsdl:types></wsdl:definitions>"#;
    let g = gen_one("siblings", wsdl);
    assert!(g.warnings.is_empty(), "{:?}", g.warnings);
    // The two namespaces import each other and the types recurse through each other.
    assert_has(&g, "pub b: ::std::boxed::Box<super::two::B>,");
    assert_has(
        &g,
        "pub a: ::std::option::Option<::std::boxed::Box<super::one::A>>,",
    );
}

#[test]
fn circular_imports_terminate() {
    let a = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:a" xmlns:b="urn:b">
        <xs:import namespace="urn:b" schemaLocation="b.xsd"/>
        <xs:element name="A" type="b:B"/></xs:schema>"#;
    let b = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:b" xmlns:a="urn:a">
        <xs:import namespace="urn:a" schemaLocation="./a.xsd"/>
        <xs:complexType name="B"><xs:sequence><xs:element ref="a:A" minOccurs="0"/></xs:sequence></xs:complexType></xs:schema>"#;
    let g = gen_set("circular", &[("a.xsd", a), ("b.xsd", b)], "a.xsd");
    assert_eq!(g.files_read.len(), 2);
}

#[test]
fn redefine_extends_the_original() {
    let base = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
        <xs:complexType name="Desc"><xs:sequence><xs:element name="text" type="xs:string"/></xs:sequence></xs:complexType>
        <xs:simpleType name="Size"><xs:restriction base="xs:integer"/></xs:simpleType>
      </xs:schema>"#;
    let redef = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:r" xmlns="urn:r">
        <xs:redefine schemaLocation="base.xsd">
          <xs:complexType name="Desc"><xs:complexContent><xs:extension base="Desc">
            <xs:sequence><xs:element name="lang" type="xs:string"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>
          <xs:simpleType name="Size"><xs:restriction base="Size"><xs:maxInclusive value="16"/></xs:restriction></xs:simpleType>
        </xs:redefine>
        <xs:element name="d" type="Desc"/>
      </xs:schema>"#;
    let g = gen_set("redefine", &[("base.xsd", base), ("r.xsd", redef)], "r.xsd");
    assert_eq!(struct_fields(&g, "Desc"), vec!["text", "lang"]);
    assert_has(
        &g,
        // The redefined restriction is flattened onto the original's base type.
        r#"#[xml(max_inclusive = "16")] pub struct Size(pub ::soapstone::types::Integer);"#,
    );
}

#[test]
fn catalog_and_url_map_resolve_absolute_locations() {
    let main = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:main" xmlns:o="urn:other">
        <xs:import namespace="urn:other" schemaLocation="http://example.com/schemas/other.xsd"/>
        <xs:element name="M" type="o:O"/></xs:schema>"#;
    let other = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:other">
        <xs:complexType name="O"/></xs:schema>"#;
    let catalog = r#"<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
        <rewriteSystem systemIdStartString="http://example.com/schemas/" rewritePrefix="local/"/></catalog>"#;
    let dir = write_set(
        "catalog",
        &[
            ("main.xsd", main),
            ("local/other.xsd", other),
            ("catalog.xml", catalog),
        ],
    );
    let g = settings_for(&[dir.join("main.xsd")])
        .with_catalog(dir.join("catalog.xml"))
        .generate()
        .unwrap();
    assert!(g.files_read.iter().any(|p| p.ends_with("catalog.xml")));
    ty(&g, "O");
    let g = settings_for(&[dir.join("main.xsd")])
        .with_url_map(
            "http://example.com/schemas/other.xsd",
            dir.join("local/other.xsd"),
        )
        .generate()
        .unwrap();
    ty(&g, "O");
}

#[test]
fn pre_rec_schema_namespace_is_aliased() {
    let g = gen_one(
        "oldxsd",
        r#"<xsd:schema xmlns:xsd="http://www.w3.org/2000/10/XMLSchema" targetNamespace="urn:o">
            <xsd:element name="E" type="xsd:int"/></xsd:schema>"#,
    );
    assert_has(&g, "pub value: i32,");
    assert_eq!(g.warnings.len(), 1);
    assert!(g.warnings[0].to_string().contains("2000/10/XMLSchema"));
}

#[test]
fn compile_writes_only_changes_and_tracks_every_file() {
    let dir = write_set(
        "compile",
        &[
            (
                "a.xsd",
                r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:a"><xs:include schemaLocation="b.xsd"/></xs:schema>"#,
            ),
            (
                "b.xsd",
                r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="B" type="xs:int"/></xs:schema>"#,
            ),
        ],
    );
    let out = dir.join("out");
    let mut s = soapstone_codegen::Settings::new();
    s.with_input(dir.join("a.xsd")).with_out_dir(&out);
    let g = s.compile().unwrap();
    assert_eq!(g.files_read.len(), 2);
    let file = out.join("soapstone.rs");
    let before = std::fs::metadata(&file).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    s.compile().unwrap();
    let after = std::fs::metadata(&file).unwrap().modified().unwrap();
    assert_eq!(before, after, "unchanged output must not be rewritten");
}
