//! `target_ns` on `any` fields and variants: `##other` in a choice or group (which have no
//! `type_ns`) excludes the namespace the generator names, not "nothing".

use soapstone::xml::{ReadOptions, from_str, to_string};
use soapstone::{XmlRead, XmlWrite};

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(choice)]
enum Ext {
    #[xml(element = "Known", ns = "urn:t")]
    Known(String),
    #[xml(any, namespace = "##other", target_ns = "urn:t")]
    Other(soapstone::xml::AnyElement),
}

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(group)]
struct Tail {
    #[xml(any, namespace = "##other", target_ns = "urn:t")]
    any: Vec<soapstone::xml::AnyElement>,
}

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(root = "Root", ns = "urn:t")]
struct Root {
    #[xml(choice)]
    ext: Ext,
    #[xml(flatten)]
    tail: Tail,
}

fn read(body: &str) -> Result<Root, String> {
    let xml = format!("<t:Root xmlns:t=\"urn:t\" xmlns:o=\"urn:o\">{body}</t:Root>");
    from_str::<Root>(&xml, &ReadOptions::strict()).map_err(|e| e.to_string())
}

#[test]
fn other_namespace_elements_are_taken() {
    let v = read("<o:X>1</o:X><o:Y/><o:Z/>").unwrap();
    assert!(matches!(v.ext, Ext::Other(_)));
    assert_eq!(v.tail.any.len(), 2);
    let out = to_string(&v).unwrap();
    assert_eq!(from_str::<Root>(&out, &ReadOptions::strict()).unwrap(), v);
}

#[test]
fn target_namespace_elements_are_not_other() {
    // `t:Unknown` is in the target namespace: neither the choice's wildcard nor the group's
    // takes it, so strict reading rejects it.
    let err = read("<t:Unknown/>").unwrap_err();
    assert!(err.contains("Unknown"), "{err}");
    let err = read("<t:Known>a</t:Known><t:Unknown/>").unwrap_err();
    assert!(err.contains("Unknown"), "{err}");
    // Unqualified elements are not `##other` either.
    let err = read("<t:Known>a</t:Known><plain/>").unwrap_err();
    assert!(err.contains("plain"), "{err}");
}

/// Several `pattern` attributes (one per XSD restriction step) must all match.
#[derive(Debug, Clone, PartialEq, soapstone::XmlText)]
#[xml(pattern = "[A-Z]+[0-9]*", pattern = ".{2,3}")]
struct Code(String);

#[test]
fn every_pattern_must_match() {
    use soapstone::xml::XmlText;
    assert!(Code::from_xml_text("AB1").is_ok());
    assert!(
        Code::from_xml_text("A").is_err(),
        "second pattern (length 2-3)"
    );
    assert!(Code::from_xml_text("ab").is_err(), "first pattern");
    assert!(Code::try_from(String::from("ABCD")).is_err());
}
