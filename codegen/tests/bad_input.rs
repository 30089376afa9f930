//! Bad input: one test per class of problem, each naming file:line:column; nothing panics.

mod common;

use common::*;
use soapstone_codegen::{DiagnosticKind, Severity};

fn find(
    diags: &[soapstone_codegen::Diagnostic],
    pred: impl Fn(&DiagnosticKind) -> bool,
) -> &soapstone_codegen::Diagnostic {
    diags
        .iter()
        .find(|d| pred(&d.kind))
        .unwrap_or_else(|| panic!("not found in {diags:#?}"))
}

#[test]
fn not_well_formed_xml() {
    let diags = gen_err(
        "wf",
        &[(
            "a.xsd",
            "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n  <xs:element name=\"a\">\n</xs:schema>\n",
        )],
        "a.xsd",
    );
    let d = find(&diags, |k| matches!(k, DiagnosticKind::Xml(_)));
    assert_eq!(d.severity, Severity::Error);
    assert!(d.location.file.ends_with("a.xsd"));
    assert_eq!((d.location.line, d.location.column), (3, 1), "{d}");
}

#[test]
fn unknown_prefix() {
    let diags = gen_err(
        "prefix",
        &[(
            "a.xsd",
            "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n\n    <xs:element name=\"a\" type=\"nope:T\"/>\n</xs:schema>",
        )],
        "a.xsd",
    );
    let d = find(
        &diags,
        |k| matches!(k, DiagnosticKind::UnknownPrefix { prefix, .. } if prefix == "nope"),
    );
    assert_eq!((d.location.line, d.location.column), (3, 5));
}

#[test]
fn missing_import_relative_and_remote() {
    let diags = gen_err(
        "missing",
        &[(
            "a.xsd",
            "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n  <xs:include schemaLocation=\"nowhere.xsd\"/>\n  <xs:import namespace=\"urn:x\" schemaLocation=\"http://example.com/x.xsd\"/>\n</xs:schema>",
        )],
        "a.xsd",
    );
    let missing: Vec<_> = diags
        .iter()
        .filter(|d| matches!(d.kind, DiagnosticKind::MissingImport(_)) && d.is_error())
        .collect();
    assert_eq!(missing.len(), 2, "{diags:#?}");
    assert_eq!(
        (missing[0].location.line, missing[0].location.column),
        (2, 3)
    );
    assert_eq!(missing[1].location.line, 3);
    assert!(missing[1].to_string().contains("never downloads"));
}

#[test]
fn missing_input_file() {
    let dir = scratch("noinput");
    let r = settings_for(&[dir.join("absent.wsdl")]).generate();
    let Err(soapstone_codegen::Error::Schema { diagnostics, .. }) = r else {
        panic!("expected an error")
    };
    assert!(matches!(diagnostics[0].kind, DiagnosticKind::Io { .. }));
}

#[test]
fn dangling_type_reference_is_an_error() {
    let diags = gen_err(
        "dangling",
        &[(
            "a.xsd",
            &xsd("  <xs:element name=\"a\" type=\"t:Missing\"/>"),
        )],
        "a.xsd",
    );
    let d = find(&diags, |k| {
        matches!(k, DiagnosticKind::DanglingRef { kind: "type", .. })
    });
    assert_eq!(d.location.line, 4);
}

#[test]
fn dangling_binding_in_w3c_example_is_a_warning() {
    let stock = corpus().join("w3c-wsdl11-examples/wsdl11-spec-example1-stockquote.wsdl");
    let g = settings_for(&[stock]).generate().expect("warnings only");
    let d = g
        .warnings
        .iter()
        .find(|d| matches!(&d.kind, DiagnosticKind::DanglingRef { kind: "binding", name } if name.ends_with("StockQuoteBinding")))
        .expect("dangling binding warning");
    assert!(
        d.location
            .file
            .ends_with("wsdl11-spec-example1-stockquote.wsdl")
    );
    assert_eq!((d.location.line, d.location.column), (46, 3));
}

#[test]
fn unsupported_xsd11_constructs_warn() {
    let g = gen_one(
        "xsd11",
        &xsd(
            "  <xs:complexType name=\"A\">\n    <xs:sequence/>\n    <xs:assert test=\"true()\"/>\n  </xs:complexType>",
        ),
    );
    let d = g
        .warnings
        .iter()
        .find(|d| matches!(&d.kind, DiagnosticKind::Unsupported(m) if m.contains("assert")))
        .expect("assert warning");
    assert_eq!((d.location.line, d.location.column), (6, 5));
    ty(&g, "A");
}

#[test]
fn unsupported_encoding_and_non_schema_root() {
    let diags = gen_err(
        "enc",
        &[("a.xsd", "<?xml version='1.0' encoding='EUC-JP'?><a/>")],
        "a.xsd",
    );
    find(&diags, |k| matches!(k, DiagnosticKind::Encoding(_)));
    let diags = gen_err("root", &[("a.xml", "<html/>")], "a.xml");
    let d = find(&diags, |k| matches!(k, DiagnosticKind::NotASchema(_)));
    assert_eq!((d.location.line, d.location.column), (1, 1));
}

#[test]
fn all_errors_are_collected() {
    let diags = gen_err(
        "many",
        &[(
            "a.xsd",
            &xsd(
                "  <xs:element name=\"a\" type=\"t:M1\"/>\n  <xs:element name=\"b\" type=\"t:M2\"/>\n  <xs:element name=\"c\" type=\"zz:M3\"/>",
            ),
        )],
        "a.xsd",
    );
    assert_eq!(
        diags.iter().filter(|d| d.is_error()).count(),
        3,
        "{diags:#?}"
    );
}

#[test]
fn truncated_documents_never_panic() {
    let text = std::fs::read_to_string(
        corpus().join("classic-public-services/webservicex-globalweather.wsdl"),
    )
    .expect("corpus file");
    let dir = scratch("truncated");
    let path = dir.join("t.wsdl");
    for cut in (0..text.len()).step_by(211) {
        let Some(prefix) = text.get(..cut) else {
            continue;
        };
        std::fs::write(&path, prefix).unwrap();
        // Either outcome is fine; a panic fails the test.
        let _ = settings_for(std::slice::from_ref(&path)).generate();
    }
}

#[test]
fn cli_check_reports_snippets_and_fails() {
    let dir = write_set(
        "cli",
        &[(
            "bad.xsd",
            "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n  <xs:element name=\"a\" type=\"q:T\"/>\n</xs:schema>\n",
        )],
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_soapstone"))
        .arg("check")
        .arg(dir.join("bad.xsd"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.xsd:2:3"), "{stderr}");
    assert!(
        stderr.contains("2 |   <xs:element name=\"a\" type=\"q:T\"/>"),
        "{stderr}"
    );
    assert!(stderr.contains("  |   ^"), "{stderr}");

    let ok = std::process::Command::new(env!("CARGO_BIN_EXE_soapstone"))
        .args(["generate", "-o"])
        .arg(dir.join("out"))
        .arg(corpus().join("classic-public-services/dneonline-calculator.wsdl"))
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(dir.join("out/mod.rs").is_file());
}

#[test]
fn group_recursion_through_an_element_is_fine_direct_recursion_is_not() {
    // IP-XACT's bankBase: the group reappears inside an anonymous element type.
    let g = gen_one(
        "grouprec",
        &xsd(r#"<xs:group name="Bank"><xs:sequence>
              <xs:element name="name" type="xs:string"/>
              <xs:element name="bank" minOccurs="0" maxOccurs="unbounded"><xs:complexType>
                <xs:sequence><xs:group ref="t:Bank"/></xs:sequence></xs:complexType></xs:element>
            </xs:sequence></xs:group>
            <xs:complexType name="Map"><xs:sequence><xs:group ref="t:Bank"/></xs:sequence></xs:complexType>"#),
    );
    assert_has(&g, "pub bank: ::std::vec::Vec<MapBank>,");
    let diags = gen_err(
        "groupself",
        &[(
            "a.xsd",
            &xsd(
                r#"<xs:group name="Loop"><xs:sequence><xs:group ref="t:Loop"/></xs:sequence></xs:group>
            <xs:complexType name="C"><xs:sequence><xs:group ref="t:Loop"/></xs:sequence></xs:complexType>"#,
            ),
        )],
        "a.xsd",
    );
    let d = find(
        &diags,
        |k| matches!(k, DiagnosticKind::Invalid(m) if m.contains("contains itself")),
    );
    assert_eq!(d.location.line, 4);
}

/// A `wsdl:arrayType` with absurdly many bracket groups is an error at the attribute, not a
/// type per level with ever longer names.
#[test]
fn array_type_nesting_is_bounded() {
    let dims = "[]".repeat(300);
    let wsdl = format!(
        r#"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/"
    targetNamespace="urn:a"><types><xsd:schema targetNamespace="urn:a">
  <xsd:complexType name="Deep"><xsd:complexContent><xsd:restriction base="soapenc:Array">
    <xsd:attribute ref="soapenc:arrayType" wsdl:arrayType="xsd:int{dims}"/>
  </xsd:restriction></xsd:complexContent></xsd:complexType>
</xsd:schema></types></definitions>"#
    );
    let diags = gen_err("deep-array", &[("a.wsdl", &wsdl)], "a.wsdl");
    let d = find(
        &diags,
        |k| matches!(k, DiagnosticKind::Invalid(m) if m.contains("levels deep")),
    );
    assert_eq!(d.location.line, 5, "{d}");
}
