//! Nillable global elements (`#[xml(root = .., ns = .., nillable)]` on a newtype over
//! `Nillable<T>`): `xsi:nil="true"` at the document root reads as `Nil` and is written back
//! with the xsi namespace declared; a value reads and writes as `T` under the root name.

use soapstone::xml::{DecodeErrorKind, Nillable, ReadOptions, XmlRoot, from_str, to_string};
use soapstone::{XmlRead, XmlWrite};

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// `<xs:element name="s" nillable="true" type="xs:string"/>`.
#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(root = "s", ns = "urn:t", nillable)]
struct S(pub Nillable<String>);

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(type_name = "Point", type_ns = "urn:t")]
struct Point {
    #[xml(attribute = "unit")]
    unit: Option<String>,
    #[xml(element = "x", ns = "urn:t")]
    x: i32,
    #[xml(element = "y", ns = "urn:t")]
    y: i32,
}

/// `<xs:element name="p" nillable="true" type="t:Point"/>`.
#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(root = "p", ns = "urn:t", nillable)]
struct P(pub Nillable<Point>);

fn strict() -> ReadOptions {
    ReadOptions::default()
}

fn lax() -> ReadOptions {
    ReadOptions {
        unknown: soapstone::xml::Unknown::Skip,
        ..ReadOptions::default()
    }
}

#[test]
fn root_name_is_the_element() {
    assert_eq!(S::NAME.ns, "urn:t");
    assert_eq!(S::NAME.local, "s");
    assert_eq!(P::NAME.local, "p");
}

#[test]
fn nil_simple_root_round_trips() {
    let doc = format!(r#"<t:s xmlns:t="urn:t" xmlns:xsi="{XSI}" xsi:nil="true"/>"#);
    let v: S = from_str(&doc, &strict()).unwrap();
    assert_eq!(v, S(Nillable::Nil));
    let out = to_string(&v).unwrap();
    assert!(out.contains(r#"xsi:nil="true""#), "{out}");
    assert!(out.contains(&format!(r#"xmlns:xsi="{XSI}""#)), "{out}");
    assert_eq!(from_str::<S>(&out, &strict()).unwrap(), v);
}

#[test]
fn value_simple_root_round_trips() {
    let doc = r#"<t:s xmlns:t="urn:t">hello &amp; bye</t:s>"#;
    let v: S = from_str(doc, &strict()).unwrap();
    assert_eq!(v, S(Nillable::Value("hello & bye".into())));
    let out = to_string(&v).unwrap();
    assert!(!out.contains("xsi:nil"), "{out}");
    assert_eq!(from_str::<S>(&out, &strict()).unwrap(), v);
    // An empty element is the empty string, not nil.
    let empty: S = from_str(r#"<s xmlns="urn:t"/>"#, &strict()).unwrap();
    assert_eq!(empty, S(Nillable::Value(String::new())));
}

#[test]
fn nil_with_content_is_an_error_in_both_modes() {
    let doc = format!(r#"<t:s xmlns:t="urn:t" xmlns:xsi="{XSI}" xsi:nil="true">text</t:s>"#);
    for opts in [strict(), lax()] {
        let e = from_str::<S>(&doc, &opts).unwrap_err();
        assert!(matches!(e.kind, DecodeErrorKind::Nil(_)), "{e}");
        assert_eq!(e.line, 1);
    }
    let doc = format!(
        r#"<t:p xmlns:t="urn:t" xmlns:xsi="{XSI}" xsi:nil="true"><t:x>1</t:x><t:y>2</t:y></t:p>"#
    );
    // Child elements under a nil element are refused while its (empty) text is read.
    let e = from_str::<P>(&doc, &strict()).unwrap_err();
    assert!(e.to_string().contains("/p/x"), "{e}");
}

#[test]
fn complex_root_nil_and_value_round_trip() {
    let nil = format!(r#"<p xmlns="urn:t" xmlns:xsi="{XSI}" xsi:nil="1"/>"#);
    let v: P = from_str(&nil, &strict()).unwrap();
    assert_eq!(v, P(Nillable::Nil));
    let out = to_string(&v).unwrap();
    assert_eq!(from_str::<P>(&out, &strict()).unwrap(), v);

    let doc = r#"<t:p xmlns:t="urn:t" unit="cm"><t:x>1</t:x><t:y>-2</t:y></t:p>"#;
    let v: P = from_str(doc, &strict()).unwrap();
    let point = Point {
        unit: Some("cm".into()),
        x: 1,
        y: -2,
    };
    assert_eq!(v, P(Nillable::Value(point)));
    let out = to_string(&v).unwrap();
    assert!(out.contains(r#"unit="cm""#), "{out}");
    assert_eq!(from_str::<P>(&out, &strict()).unwrap(), v);
}

#[test]
fn value_content_is_still_checked() {
    // The inner type's strictness applies to a non-nil root: a missing child is an error.
    let doc = r#"<t:p xmlns:t="urn:t"><t:x>1</t:x></t:p>"#;
    assert!(from_str::<P>(doc, &strict()).is_err());
    // xsi:nil="false" is not nil: the content is read as the value.
    let doc = format!(r#"<t:s xmlns:t="urn:t" xmlns:xsi="{XSI}" xsi:nil="false">v</t:s>"#);
    let v: S = from_str(&doc, &strict()).unwrap();
    assert_eq!(v, S(Nillable::Value("v".into())));
}

#[test]
fn wrong_root_name_is_rejected() {
    let doc = format!(r#"<t:q xmlns:t="urn:t" xmlns:xsi="{XSI}" xsi:nil="true"/>"#);
    let e = from_str::<S>(&doc, &strict()).unwrap_err();
    assert!(matches!(e.kind, DecodeErrorKind::WrongRoot { .. }), "{e}");
}
