//! Three shapes the generator emits for XSD constructs that need more than plain fields:
//! `default`/`fixed` on elements of a simple-content struct and on choice branches, a
//! polymorphic enum that is itself a global element (`xsi:type` at the root), and SOAP 1.1
//! encoded arrays whose `soapenc:arrayType` size is checked (`array_rank`).

use soapstone::xml::{Nillable, ReadOptions, from_str, to_string};
use soapstone::{XmlRead, XmlWrite};

const ENC: &str = "http://schemas.xmlsoap.org/soap/encoding/";

/// A complexType with simpleContent: text plus an attribute.
#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(type_name = "Amount", type_ns = "urn:t")]
struct Amount {
    #[xml(attribute = "currency")]
    currency: Option<String>,
    #[xml(text)]
    value: i32,
}

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(choice)]
enum Pick {
    #[xml(element = "Count", ns = "urn:t", default = "7")]
    Count(i32),
    #[xml(element = "Price", ns = "urn:t", fixed = "10")]
    Price(Amount),
    #[xml(element = "Tags", ns = "urn:t", default = "none")]
    Tags(Vec<String>),
    #[xml(element = "Note", ns = "urn:t", nillable, default = "n/a")]
    Note(Nillable<String>),
}

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(root = "Order", ns = "urn:t")]
struct Order {
    #[xml(element = "Total", ns = "urn:t", default = "42")]
    total: Amount,
    #[xml(element = "Fee", ns = "urn:t", fixed = "3")]
    fee: Option<Amount>,
    #[xml(choice)]
    pick: Option<Pick>,
    #[xml(element = "Rebate", ns = "urn:t", nillable, default = "1")]
    rebate: Option<Nillable<Amount>>,
}

fn order(body: &str) -> Result<Order, String> {
    let xml = format!("<t:Order xmlns:t=\"urn:t\">{body}</t:Order>");
    from_str::<Order>(&xml, &ReadOptions::strict()).map_err(|e| e.to_string())
}

#[test]
fn an_empty_simple_content_element_takes_the_default_and_keeps_its_attributes() {
    let o = order(r#"<t:Total currency="EUR"/>"#).unwrap();
    assert_eq!(
        o.total,
        Amount {
            currency: Some("EUR".into()),
            value: 42
        }
    );
    let o = order("<t:Total>5</t:Total>").unwrap();
    assert_eq!(o.total.value, 5);
    // Written back as read: the value, not an empty element.
    let out = to_string(&o).unwrap();
    assert!(
        out.contains(">5</t:Total>") || out.contains(">5</ns1:Total>"),
        "{out}"
    );
    assert_eq!(from_str::<Order>(&out, &ReadOptions::strict()).unwrap(), o);
}

#[test]
fn a_fixed_simple_content_element_is_checked() {
    let o = order(r#"<t:Total/><t:Fee currency="USD"/>"#).unwrap();
    assert_eq!(o.fee.as_ref().map(|f| f.value), Some(3));
    let o = order("<t:Total/><t:Fee>3</t:Fee>").unwrap();
    assert_eq!(o.fee.as_ref().map(|f| f.value), Some(3));
    let err = order("<t:Total/><t:Fee>4</t:Fee>").unwrap_err();
    assert!(err.contains("/Order/Fee"), "{err}");
    assert!(err.contains('3') && err.contains('4'), "{err}");
    let err = order("<t:Total>x</t:Total>").unwrap_err();
    assert!(err.contains("/Order/Total"), "{err}");
}

#[test]
fn choice_branches_take_their_default_and_check_fixed() {
    let o = order("<t:Total/><t:Count/>").unwrap();
    assert_eq!(o.pick, Some(Pick::Count(7)));
    let o = order("<t:Total/><t:Count>2</t:Count>").unwrap();
    assert_eq!(o.pick, Some(Pick::Count(2)));
    let o = order("<t:Total/><t:Price/>").unwrap();
    assert_eq!(
        o.pick,
        Some(Pick::Price(Amount {
            currency: None,
            value: 10
        }))
    );
    let err = order("<t:Total/><t:Price>11</t:Price>").unwrap_err();
    assert!(err.contains("/Order/Price"), "{err}");
    let o = order("<t:Total/><t:Tags/><t:Tags>a</t:Tags>").unwrap();
    assert_eq!(o.pick, Some(Pick::Tags(vec!["none".into(), "a".into()])));
    let out = to_string(&o).unwrap();
    assert_eq!(from_str::<Order>(&out, &ReadOptions::strict()).unwrap(), o);
    let o = order(r#"<t:Total/><t:Note xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>"#)
        .unwrap();
    assert_eq!(o.pick, Some(Pick::Note(Nillable::Nil)));
    let o = order("<t:Total/><t:Note/>").unwrap();
    assert_eq!(o.pick, Some(Pick::Note(Nillable::Value("n/a".into()))));
}

#[test]
fn nillable_elements_with_a_default() {
    const XSI: &str = r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#;
    let o = order(r#"<t:Total/><t:Rebate currency="EUR"/>"#).unwrap();
    assert_eq!(
        o.rebate,
        Some(Nillable::Value(Amount {
            currency: Some("EUR".into()),
            value: 1
        }))
    );
    let o = order(&format!(r#"<t:Total/><t:Rebate {XSI} xsi:nil="true"/>"#)).unwrap();
    assert_eq!(o.rebate, Some(Nillable::Nil));
    let out = to_string(&o).unwrap();
    assert_eq!(from_str::<Order>(&out, &ReadOptions::strict()).unwrap(), o);
    let err = order(&format!(
        r#"<t:Total/><t:Rebate {XSI} xsi:nil="true">2</t:Rebate>"#
    ))
    .unwrap_err();
    assert!(err.contains("xsi:nil"), "{err}");
    // `xsi:nil` on a defaulted element that is not nillable: strict error, lax reads it.
    let bad = format!(r#"<t:Order xmlns:t="urn:t" {XSI}><t:Total xsi:nil="true"/></t:Order>"#);
    let err = from_str::<Order>(&bad, &ReadOptions::strict())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("/Order/Total") && err.contains("nillable"),
        "{err}"
    );
    let o = from_str::<Order>(&bad, &ReadOptions::lax()).unwrap();
    assert_eq!(o.total.value, 42);
}

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(type_name = "Shape", type_ns = "urn:t")]
struct Shape {
    #[xml(element = "name", ns = "urn:t")]
    name: String,
}

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(type_name = "Circle", type_ns = "urn:t")]
struct Circle {
    #[xml(element = "name", ns = "urn:t")]
    name: String,
    #[xml(element = "radius", ns = "urn:t")]
    radius: f64,
}

/// The global element `<t:shape>` of type `t:Shape`, which has derived types.
#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(polymorphic, root = "shape", ns = "urn:t")]
enum ShapeElement {
    #[xml(type_name = "Shape", type_ns = "urn:t", base)]
    Shape(Shape),
    #[xml(type_name = "Circle", type_ns = "urn:t")]
    Circle(Circle),
}

#[test]
fn a_polymorphic_root_dispatches_on_xsi_type() {
    let xml = r#"<t:shape xmlns:t="urn:t" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="t:Circle"><t:name>c</t:name><t:radius>1.5</t:radius></t:shape>"#;
    let v = from_str::<ShapeElement>(xml, &ReadOptions::strict()).unwrap();
    assert_eq!(
        v,
        ShapeElement::Circle(Circle {
            name: "c".into(),
            radius: 1.5
        })
    );
    let out = to_string(&v).unwrap();
    assert!(
        out.contains(":type=\"") && out.contains(":Circle\""),
        "{out}"
    );
    assert_eq!(
        from_str::<ShapeElement>(&out, &ReadOptions::strict()).unwrap(),
        v
    );

    let base = r#"<t:shape xmlns:t="urn:t"><t:name>s</t:name></t:shape>"#;
    let v = from_str::<ShapeElement>(base, &ReadOptions::strict()).unwrap();
    assert_eq!(v, ShapeElement::Shape(Shape { name: "s".into() }));
    assert!(!to_string(&v).unwrap().contains("type="));

    let unknown = r#"<t:shape xmlns:t="urn:t" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="t:Square"><t:name>q</t:name></t:shape>"#;
    let err = from_str::<ShapeElement>(unknown, &ReadOptions::strict())
        .unwrap_err()
        .to_string();
    assert!(err.contains("/shape") && err.contains("Square"), "{err}");
}

/// `wsdl:arrayType="xsd:int[,]"`: members in row-major order, the size in `arrayType`.
#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(root = "Matrix", ns = "urn:t", array_rank = 2)]
struct Matrix {
    #[xml(
        attribute = "arrayType",
        ns = "http://schemas.xmlsoap.org/soap/encoding/"
    )]
    array_type: Option<String>,
    #[xml(attribute = "offset", ns = "http://schemas.xmlsoap.org/soap/encoding/")]
    offset: Option<String>,
    #[xml(element = "item")]
    item: Vec<i32>,
}

fn matrix(attrs: &str, n: usize) -> Result<Matrix, String> {
    let items: String = (0..n).map(|i| format!("<item>{i}</item>")).collect();
    let xml = format!("<t:Matrix xmlns:t=\"urn:t\" xmlns:enc=\"{ENC}\" {attrs}>{items}</t:Matrix>");
    from_str::<Matrix>(&xml, &ReadOptions::strict()).map_err(|e| e.to_string())
}

#[test]
fn a_rectangular_array_keeps_and_checks_its_dimensions() {
    let m = matrix(r#"enc:arrayType="xsd:int[2,3]""#, 6).unwrap();
    assert_eq!(m.array_type.as_deref(), Some("xsd:int[2,3]"));
    assert_eq!(m.item, vec![0, 1, 2, 3, 4, 5]);
    let out = to_string(&m).unwrap();
    assert!(out.contains(":arrayType=\"xsd:int[2,3]\""), "{out}");
    assert_eq!(from_str::<Matrix>(&out, &ReadOptions::strict()).unwrap(), m);

    let err = matrix(r#"enc:arrayType="xsd:int[2,3]""#, 5).unwrap_err();
    assert!(err.contains("/Matrix") && err.contains("5 member"), "{err}");
    let err = matrix(r#"enc:arrayType="xsd:int[6]""#, 6).unwrap_err();
    assert!(err.contains("1 dimension"), "{err}");
    // Sizes left open, and a partially transmitted array.
    assert!(matrix(r#"enc:arrayType="xsd:int[,]""#, 4).is_ok());
    assert!(matrix(r#"enc:arrayType="xsd:int[2,3]" enc:offset="[1,0]""#, 3).is_ok());
    assert!(matrix(r#"enc:arrayType="xsd:int[2,3]" enc:offset="[1,1]""#, 3).is_err());
    assert!(matrix("", 4).is_ok());
    // Lax reads skip the size check.
    let xml = format!(
        "<t:Matrix xmlns:t=\"urn:t\" xmlns:enc=\"{ENC}\" enc:arrayType=\"xsd:int[2,2]\"><item>1</item></t:Matrix>"
    );
    assert!(from_str::<Matrix>(&xml, &ReadOptions::lax()).is_ok());
}
