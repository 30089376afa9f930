//! Generator fixes found by the real-world corpus harness (`corpus/`, CORPUS.md).

mod common;

use common::{assert_has, assert_lacks, gen_set, settings_for, write_set};

const BASE: &str = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t"
    xmlns:t="urn:t" elementFormDefault="qualified">
  <xs:simpleType name="Size"><xs:restriction base="xs:integer">
    <xs:minInclusive value="2"/><xs:maxInclusive value="18"/>
  </xs:restriction></xs:simpleType>
</xs:schema>"#;

fn redefining(max: u32) -> String {
    format!(
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t"
    xmlns:t="urn:t"><xs:redefine schemaLocation="base.xsd">
  <xs:simpleType name="Size"><xs:restriction base="t:Size">
    <xs:maxInclusive value="{max}"/>
  </xs:restriction></xs:simpleType>
</xs:redefine></xs:schema>"#
    )
}

/// Two schemas of one set redefining the same type (defxmlschema chapter 18 as a whole set):
/// each redefinition refers to the definition it replaced, never to itself.
#[test]
fn a_type_redefined_twice_in_one_set_does_not_refer_to_itself() {
    let dir = write_set(
        "redefine-twice",
        &[
            ("base.xsd", BASE),
            ("r1.xsd", &redefining(16)),
            ("r2.xsd", &redefining(14)),
        ],
    );
    let g = settings_for(&[dir.join("r1.xsd"), dir.join("r2.xsd")])
        .generate()
        .unwrap();
    let text = &g.files[0].contents;
    assert!(
        !text.contains("pub struct SizeOriginal(pub SizeOriginal)"),
        "{text}"
    );
    assert!(
        text.contains("SizeOriginal"),
        "the replaced definitions are kept: {text}"
    );
    for line in text.lines().filter(|l| l.contains("pub struct Size")) {
        let (name, inner) = line
            .trim()
            .trim_start_matches("pub struct ")
            .split_once("(pub ")
            .unwrap();
        assert_ne!(
            name,
            inner.trim_end_matches(");"),
            "self-referential: {line}"
        );
    }
}

/// Every restriction step's pattern applies, not only the most derived one.
#[test]
fn patterns_of_every_restriction_step_are_kept() {
    let g = gen_set(
        "patterns",
        &[(
            "p.xsd",
            r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t" xmlns:t="urn:t">
  <xs:simpleType name="Code"><xs:restriction base="xs:string">
    <xs:pattern value="[A-Z]+[0-9]*"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="ShortCode"><xs:restriction base="t:Code">
    <xs:pattern value=".{2,3}"/><xs:pattern value="X"/></xs:restriction></xs:simpleType>
</xs:schema>"#,
        )],
        "p.xsd",
    );
    assert_has(
        &g,
        r#"#[xml(pattern = "(.{2,3})|(X)", pattern = "[A-Z]+[0-9]*")] pub struct ShortCode(pub ::std::string::String);"#,
    );
    assert_lacks(&g, r#"pattern = "[A-Z]+[0-9]*", pattern = "[A-Z]+[0-9]*""#);
}
