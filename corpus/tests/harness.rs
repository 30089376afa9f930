//! The harness end to end: a user round trip that passes, one that must fail, and one real
//! corpus set (generate, build under `#![deny(warnings)]`, instances validated and round-tripped).

use std::path::{Path, PathBuf};

use soapstone_corpus::{RunOptions, roundtrip, run_set};

const SCHEMA: &str = r###"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:t="urn:t" targetNamespace="urn:t" elementFormDefault="qualified">
  <xs:complexType name="Base">
    <xs:sequence><xs:element name="id" type="xs:int"/></xs:sequence>
  </xs:complexType>
  <xs:complexType name="Derived">
    <xs:complexContent><xs:extension base="t:Base">
      <xs:sequence><xs:element name="extra" type="xs:string"/></xs:sequence>
    </xs:extension></xs:complexContent>
  </xs:complexType>
  <xs:element name="Order">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="item" type="t:Base" maxOccurs="unbounded"/>
        <xs:choice>
          <xs:element name="note" type="xs:string" nillable="true"/>
          <xs:element name="code" type="xs:int" maxOccurs="unbounded"/>
        </xs:choice>
        <xs:element name="tags" type="t:Tags"/>
        <xs:any namespace="##other" processContents="lax" minOccurs="0"/>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
  <xs:simpleType name="Tags"><xs:list itemType="xs:token"/></xs:simpleType>
</xs:schema>
"###;

const GOOD: &str = r#"<o:Order xmlns:o="urn:t" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <o:item><o:id>1</o:id></o:item>
  <o:item xsi:type="o:Derived"><o:id>2</o:id><o:extra>x</o:extra></o:item>
  <o:code>1</o:code><o:code>2</o:code>
  <o:tags>a b</o:tags>
  <e:ext xmlns:e="urn:e" e:a="1">keep <e:b/> me</e:ext>
</o:Order>"#;

/// Valid, but ` 7 ` is written back as `7`: the namespace-aware comparison must see it.
const NORMALIZED: &str =
    r#"<Order xmlns="urn:t"><item><id> 7 </id></item><note>n</note><tags>a</tags></Order>"#;

fn work(name: &str) -> PathBuf {
    // Shared with the corpus runs so the runtime is compiled once per target directory.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../target/corpus-tests")
        .join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn roundtrip_command_passes_valid_instances_and_reports_differences() {
    let dir = work("user");
    let files = dir.join("files");
    std::fs::create_dir_all(&files).unwrap();
    let schema = files.join("order.xsd");
    std::fs::write(&schema, SCHEMA).unwrap();
    let good = files.join("good.xml");
    std::fs::write(&good, GOOD).unwrap();
    let normalized = files.join("normalized.xml");
    std::fs::write(&normalized, NORMALIZED).unwrap();
    let rt = roundtrip(
        std::slice::from_ref(&schema),
        None,
        &[good.clone(), normalized.clone()],
        dir.parent().unwrap(),
    )
    .unwrap();
    assert_eq!(rt.results.len(), 2);
    assert_eq!(rt.results[0].0, good);
    assert_eq!(rt.results[0].1.failure, None, "{:?}", rt.results[0]);
    let failure = rt.results[1].1.failure.as_deref().unwrap_or("");
    assert!(
        failure.contains("differs") && failure.contains("id"),
        "{failure}"
    );
}

#[test]
fn roundtrip_command_rejects_an_unknown_root() {
    let dir = work("unknown-root");
    let schema = dir.join("order.xsd");
    std::fs::write(&schema, SCHEMA).unwrap();
    let doc = dir.join("other.xml");
    std::fs::write(&doc, "<Other xmlns=\"urn:t\"/>").unwrap();
    let err = roundtrip(&[schema], None, &[doc], &dir).unwrap_err();
    assert!(
        err.to_string().contains("no global element {urn:t}Other"),
        "{err}"
    );
}

#[test]
fn a_corpus_set_builds_clean_and_round_trips() {
    let set = std::env::var_os("SOAPSTONE_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"))
        .join("jaxws-public-services");
    let opts = RunOptions {
        work: work("").parent().unwrap().to_path_buf(),
        instances: 25,
        candidates: 80,
    };
    let report = run_set(&set, &opts).unwrap();
    assert_eq!(report.generate_error, None);
    assert!(report.build_errors.is_empty(), "{:?}", report.build_errors);
    assert!(report.types > 100 && report.operations > 10, "{report:?}");
    assert!(report.roundtrips.len() >= 20, "{report:?}");
    let failed: Vec<_> = report
        .roundtrips
        .iter()
        .filter(|r| r.failure.is_some())
        .collect();
    assert!(failed.is_empty(), "{failed:?}");
    let features: Vec<&str> = report
        .roundtrips
        .iter()
        .flat_map(|r| r.features.iter().copied())
        .collect();
    for f in ["polymorphic", "xsi:type", "nil", "choice"] {
        assert!(features.contains(&f), "{f} not exercised: {features:?}");
    }
}

/// rpc/encoded shape: types only, no global element, SOAP-encoded arrays. The type wrapper
/// gives each named type an element; arrays are written as SOAP encoding writes them and
/// validated with their members.
const ENCODED_WSDL: &str = r#"<?xml version="1.0" encoding="ISO-8859-1"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:enc"
    xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" targetNamespace="urn:enc">
  <types>
    <xsd:schema targetNamespace="urn:enc">
      <xsd:import namespace="http://schemas.xmlsoap.org/soap/encoding/"/>
      <xsd:import namespace="http://schemas.xmlsoap.org/wsdl/"/>
      <xsd:complexType name="Ref">
        <xsd:all>
          <xsd:element name="id" type="xsd:integer" minOccurs="0"/>
          <xsd:element name="name" type="xsd:string" minOccurs="0"/>
        </xsd:all>
      </xsd:complexType>
      <xsd:complexType name="RefArray">
        <xsd:complexContent>
          <xsd:restriction base="SOAP-ENC:Array">
            <xsd:attribute ref="SOAP-ENC:arrayType" wsdl:arrayType="tns:Ref[]"/>
          </xsd:restriction>
        </xsd:complexContent>
      </xsd:complexType>
      <xsd:complexType name="StringArray">
        <xsd:complexContent>
          <xsd:restriction base="SOAP-ENC:Array">
            <xsd:attribute ref="SOAP-ENC:arrayType" wsdl:arrayType="xsd:string[]"/>
          </xsd:restriction>
        </xsd:complexContent>
      </xsd:complexType>
      <xsd:complexType name="Holder">
        <xsd:all>
          <xsd:element name="refs" type="tns:RefArray" minOccurs="0"/>
        </xsd:all>
      </xsd:complexType>
    </xsd:schema>
  </types>
</definitions>
"#;

#[test]
fn types_without_global_elements_round_trip_through_the_type_wrapper() {
    let dir = work("encoded-set");
    let set = dir.join("encoded");
    std::fs::create_dir_all(&set).unwrap();
    std::fs::write(set.join("enc.wsdl"), ENCODED_WSDL).unwrap();
    let opts = RunOptions {
        work: dir.clone(),
        instances: 25,
        candidates: 80,
    };
    let report = run_set(&set, &opts).unwrap();
    assert!(report.build_errors.is_empty(), "{:?}", report.build_errors);
    assert_eq!(report.wrapped_types, 4, "{report:?}");
    assert_eq!(report.valid_instances, 4, "{report:?}");
    assert_eq!(report.roundtrips.len(), 4, "{report:?}");
    let failed: Vec<_> = report
        .roundtrips
        .iter()
        .filter(|r| r.failure.is_some())
        .collect();
    assert!(failed.is_empty(), "{failed:?}");
    let features: Vec<&str> = report
        .roundtrips
        .iter()
        .flat_map(|r| r.features.iter().copied())
        .collect();
    for f in ["soapenc:Array", "encoded xsi:type"] {
        assert!(features.contains(&f), "{f} not exercised: {features:?}");
    }
}
