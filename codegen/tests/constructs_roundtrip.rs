//! Constructs whose binding needs more than field attributes, each generated from a small
//! schema (`tests/golden/constructs.xsd`, `constructs.wsdl`), compared as text with the
//! checked-in golden file `tests/golden/constructs.rs` (regenerate with
//! `SOAPSTONE_BLESS=1 cargo test -p soapstone-codegen --test constructs_roundtrip`, then review),
//! which this test binary compiles (`#![deny(warnings)]`) and uses to read instances, write them
//! back and read them again:
//!
//! - a global element whose type has derived types: the root dispatches on `xsi:type`;
//! - `default`/`fixed` on elements of a simple-content complex type and inside a choice;
//! - SOAP-encoded arrays: jagged (`xsd:int[][]`) and rectangular (`xsd:int[,]`), their
//!   `soapenc:arrayType` a namespace-resolved value whose item prefix the output declares.

#![deny(warnings)]

mod common;

// The golden file holds every type of both schemas (clients and servers included); the tests
// below use some of them, so the rest would be dead code in this test binary.
#[allow(dead_code)]
mod golden {
    include!("golden/constructs.rs");
}

use std::path::PathBuf;

use common::*;
use soapstone_codegen::model::{TypeKind, VariantKind};

/// The inputs relative to this crate (the working directory of its tests), as the
/// `@generated` header names them.
fn generate() -> soapstone_codegen::Generated {
    settings_for(&[
        PathBuf::from("tests/golden/constructs.xsd"),
        PathBuf::from("tests/golden/constructs.wsdl"),
    ])
    .generate()
    .expect("generates")
}

#[test]
fn golden_file_is_up_to_date() {
    assert_golden(&generate(), "tests/golden/constructs.rs");
}

#[test]
fn emitted_shapes() {
    let g = generate();
    assert_has(
        &g,
        r#"#[xml(polymorphic, root = "shape", ns = "urn:t")] pub enum ShapeElement {
            #[xml(type_name = "Shape", type_ns = "urn:t", base)] Shape(Shape),
            #[xml(type_name = "Circle", type_ns = "urn:t")] Circle(Circle),
            #[xml(type_name = "Square", type_ns = "urn:t")] Square(Square),
        }"#,
    );
    assert_has(
        &g,
        r#"#[xml(polymorphic, root = "figure", ns = "urn:t")] pub enum FigureElement {
            #[xml(type_name = "Line", type_ns = "urn:t")] Line(Line),
        }"#,
    );
    // References to the element keep the shared enum.
    assert_has(
        &g,
        r#"#[xml(element = "shape", ns = "urn:t")] pub shape: ::std::vec::Vec<ShapeKind>,"#,
    );
    assert_has(
        &g,
        r#"#[xml(element = "total", ns = "urn:t", default = "42")] pub total: Amount,"#,
    );
    assert_has(
        &g,
        r#"#[xml(element = "fee", ns = "urn:t", fixed = "3")] pub fee: ::std::option::Option<Amount>,"#,
    );
    assert_has(
        &g,
        r#"#[xml(element = "count", ns = "urn:t", default = "7")] Count(i32),
           #[xml(element = "price", ns = "urn:t", fixed = "10")] Price(Amount),
           #[xml(element = "tag", ns = "urn:t", default = "none")] Tag(::std::vec::Vec<::std::string::String>),
           #[xml(element = "note", ns = "urn:t", nillable, default = "x")] Note(::soapstone::xml::Nillable<::std::string::String>),"#,
    );
    assert_has(
        &g,
        r#"#[xml(type_name = "Jagged", type_ns = "urn:arr", array_rank = 1)]"#,
    );
    assert_has(&g, r#"pub item: ::std::vec::Vec<JaggedItem>,"#);
    assert_has(
        &g,
        r#"#[xml(array_rank = 1)] pub struct JaggedItem {
            #[xml(attribute = "arrayType", ns = "http://schemas.xmlsoap.org/soap/encoding/")]
            pub array_type: ::std::option::Option<::soapstone::types::ArrayType>,"#,
    );
    assert_has(&g, r#"pub item: ::std::vec::Vec<CubeItemItem>,"#);
    assert_has(
        &g,
        r#"#[xml(type_name = "Matrix", type_ns = "urn:arr", array_rank = 2)]"#,
    );
    // A polymorphic root is a body like any root struct: the client and server take it.
    assert_has(
        &g,
        r#"pub async fn search(&self, input: &super::QueryElement,)
           -> ::std::result::Result<super::MatrixElement, ::soapstone::soap::SoapError<Fault>,>"#,
    );
    // The model says the same.
    let order_choice = ty(&g, "OrderChoice");
    let TypeKind::Choice(c) = &order_choice.kind else {
        panic!("{order_choice:?}")
    };
    assert!(matches!(
        &c.variants[0].kind,
        VariantKind::ElementOf { default: Some(d), many: false, .. } if d == "7"
    ));
    assert!(matches!(
        &ty(&g, "ShapeElement").kind,
        TypeKind::Polymorphic(p) if p.root.as_ref().is_some_and(|r| r.local == "shape")
    ));
    assert!(matches!(
        &ty(&g, "MatrixElement").kind,
        TypeKind::Struct(s) if s.array_rank == Some(2)
    ));
}

// Round trips through the golden file's types.

use golden::arr::{CubeElement, JaggedElement, MatrixElement};
use golden::t::{
    Amount, Circle, Drawing, FigureElement, Order, OrderChoice, ShapeElement, ShapeKind,
};
use soapstone::xml::{ReadOptions, XmlRead, XmlRoot, XmlWrite, from_str, to_string};

const ENC: &str = "http://schemas.xmlsoap.org/soap/encoding/";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const XSD: &str = "http://www.w3.org/2001/XMLSchema";

fn read<T: XmlRead + XmlRoot>(xml: &str) -> Result<T, String> {
    from_str::<T>(xml, &ReadOptions::strict()).map_err(|e| e.to_string())
}

/// Reads, writes, reads again: both reads must agree.
fn round_trip<T: XmlRead + XmlWrite + XmlRoot + PartialEq + std::fmt::Debug + 'static>(
    xml: &str,
) -> (T, String) {
    let v: T = read(xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let out = to_string(&v).expect("write");
    let back: T = read(&out).unwrap_or_else(|e| panic!("{e}\n{out}"));
    assert_eq!(back, v, "{out}");
    (v, out)
}

#[track_caller]
fn fails<T: XmlRead + XmlRoot + std::fmt::Debug>(xml: &str, needles: &[&str]) {
    let err = read::<T>(xml).expect_err(xml);
    for n in needles {
        assert!(err.contains(n), "`{n}` not in `{err}`");
    }
}

#[test]
fn polymorphic_root() {
    let xml = format!(
        r#"<t:shape xmlns:t="urn:t" xmlns:xsi="{XSI}" xsi:type="t:Circle"><t:name>c</t:name><t:radius>2.5</t:radius></t:shape>"#
    );
    let (v, out) = round_trip::<ShapeElement>(&xml);
    assert_eq!(
        v,
        ShapeElement::Circle(Circle {
            name: "c".into(),
            radius: 2.5
        })
    );
    assert!(out.contains(":type=") && out.contains(":Circle\""), "{out}");
    let (v, out) =
        round_trip::<ShapeElement>(r#"<t:shape xmlns:t="urn:t"><t:name>s</t:name></t:shape>"#);
    assert!(matches!(v, ShapeElement::Shape(_)), "{v:?}");
    assert!(!out.contains(":type="), "{out}");
    fails::<ShapeElement>(
        &format!(
            r#"<t:shape xmlns:t="urn:t" xmlns:xsi="{XSI}" xsi:type="t:Triangle"><t:name>x</t:name></t:shape>"#
        ),
        &["/shape", "Triangle"],
    );
    // Abstract base: `xsi:type` is required.
    let (v, _) = round_trip::<FigureElement>(&format!(
        r#"<t:figure xmlns:t="urn:t" xmlns:xsi="{XSI}" xsi:type="t:Line"><t:id>1</t:id><t:length>3</t:length></t:figure>"#
    ));
    assert!(matches!(v, FigureElement::Line(_)), "{v:?}");
    fails::<FigureElement>(
        r#"<t:figure xmlns:t="urn:t"><t:id>1</t:id></t:figure>"#,
        &["/figure"],
    );
    // Inside a parent the element still uses the shared `ShapeKind`.
    let (v, _) = round_trip::<Drawing>(&format!(
        r#"<t:Drawing xmlns:t="urn:t" xmlns:xsi="{XSI}"><t:shape><t:name>a</t:name></t:shape><t:shape xsi:type="t:Square"><t:name>b</t:name><t:side>4</t:side></t:shape></t:Drawing>"#
    ));
    assert!(matches!(v.shape[1], ShapeKind::Square(_)), "{v:?}");
}

fn order(body: &str) -> String {
    format!(r#"<t:Order xmlns:t="urn:t" xmlns:xsi="{XSI}">{body}</t:Order>"#)
}

#[test]
fn defaults() {
    let (v, out) = round_trip::<Order>(&order(r#"<t:total currency="EUR"/><t:price/>"#));
    assert_eq!(
        v.total,
        Amount {
            currency: Some("EUR".into()),
            value: 42
        }
    );
    assert_eq!(
        v.choice,
        OrderChoice::Price(Amount {
            currency: None,
            value: 10
        })
    );
    assert!(out.contains(">42<") && out.contains(">10<"), "{out}");
    let (v, _) = round_trip::<Order>(&order("<t:total>5</t:total><t:fee/><t:count/>"));
    assert_eq!(v.total.value, 5);
    assert_eq!(v.fee.map(|f| f.value), Some(3));
    assert_eq!(v.choice, OrderChoice::Count(7));
    let (v, _) = round_trip::<Order>(&order("<t:total/><t:tag/><t:tag>b</t:tag>"));
    assert_eq!(v.choice, OrderChoice::Tag(vec!["none".into(), "b".into()]));
    let (v, _) = round_trip::<Order>(&order(r#"<t:total/><t:note xsi:nil="true"/>"#));
    assert!(
        matches!(v.choice, OrderChoice::Note(soapstone::xml::Nillable::Nil)),
        "{v:?}"
    );
    let (v, _) = round_trip::<Order>(&order("<t:total/><t:note/>"));
    assert_eq!(
        v.choice,
        OrderChoice::Note(soapstone::xml::Nillable::Value("x".into()))
    );
    fails::<Order>(
        &order("<t:total/><t:fee>4</t:fee><t:count/>"),
        &["/Order/fee"],
    );
    fails::<Order>(&order("<t:total/><t:price>11</t:price>"), &["/Order/price"]);
}

/// The namespace each `arrayType` value's item prefix is bound to in `out`, by searching
/// its declarations (the writer gives every namespace one prefix): `None` when the prefix is
/// used but not declared.
fn array_type_namespaces(out: &str) -> Vec<(String, Option<String>)> {
    out.split("arrayType=\"")
        .skip(1)
        .map(|rest| {
            let value = &rest[..rest.find('"').expect("closing quote")];
            let name = &value[..value.find('[').unwrap_or(value.len())];
            let prefix = name.split_once(':').map_or("", |(p, _)| p);
            let decl = format!("xmlns:{prefix}=\"");
            let uri = out
                .split_once(&decl)
                .map(|(_, r)| r[..r.find('"').expect("closing quote")].to_owned());
            (value.to_owned(), uri)
        })
        .collect()
}

#[test]
fn arrays() {
    let xml = format!(
        r#"<a:jagged xmlns:a="urn:arr" xmlns:enc="{ENC}" xmlns:xsd="{XSD}" enc:arrayType="xsd:int[][2]"><item enc:arrayType="xsd:int[2]"><item>1</item><item>2</item></item><item enc:arrayType="xsd:int[1]"><item>3</item></item></a:jagged>"#
    );
    let (v, out) = round_trip::<JaggedElement>(&xml);
    let rows: Vec<Vec<i32>> = v.item.iter().map(|r| r.item.clone()).collect();
    assert_eq!(rows, vec![vec![1, 2], vec![3]]);
    let inner = v.item[1].array_type.as_ref().expect("arrayType");
    assert_eq!((inner.item().ns(), inner.item().local()), (XSD, "int"));
    assert_eq!((inner.rank(), inner.total_size()), (1, Some(1)));
    assert_eq!(v.array_type.as_ref().map(|t| t.dims().len()), Some(2));
    assert!(
        out.contains(":int[2]\"") && out.contains(":int[][2]\""),
        "{out}"
    );
    fails::<JaggedElement>(
        &format!(
            r#"<a:jagged xmlns:a="urn:arr" xmlns:enc="{ENC}" xmlns:xsd="{XSD}"><item enc:arrayType="xsd:int[3]"><item>1</item></item></a:jagged>"#
        ),
        &["/jagged/item", "1 member"],
    );
    // An item prefix that is not declared is a namespace error, not text to copy.
    fails::<JaggedElement>(
        &format!(
            r#"<a:jagged xmlns:a="urn:arr" xmlns:enc="{ENC}"><item enc:arrayType="xsd:int[1]"><item>1</item></item></a:jagged>"#
        ),
        &["/jagged/item", "arrayType", "\"xsd\" is not declared"],
    );
    let (v, _) = round_trip::<CubeElement>(&format!(
        r#"<a:cube xmlns:a="urn:arr" xmlns:enc="{ENC}" xmlns:xsd="{XSD}" enc:arrayType="xsd:string[][][1]"><item enc:arrayType="xsd:string[][1]"><item enc:arrayType="xsd:string[2]"><item>x</item><item>y</item></item></item></a:cube>"#
    ));
    assert_eq!(
        v.item[0].item[0].item,
        vec!["x".to_string(), "y".to_string()]
    );

    let cells: String = (1..=6).map(|i| format!("<item>{i}</item>")).collect();
    let (v, out) = round_trip::<MatrixElement>(&format!(
        r#"<a:matrix xmlns:a="urn:arr" xmlns:enc="{ENC}" xmlns:xsd="{XSD}" enc:arrayType="xsd:int[2,3]">{cells}</a:matrix>"#
    ));
    let t = v.array_type.as_ref().expect("arrayType");
    assert_eq!(
        (t.item().local(), t.rank(), t.total_size()),
        ("int", 2, Some(6))
    );
    assert_eq!(v.item, vec![1, 2, 3, 4, 5, 6]);
    assert!(out.contains(":int[2,3]\""), "{out}");
    fails::<MatrixElement>(
        &format!(
            r#"<a:matrix xmlns:a="urn:arr" xmlns:enc="{ENC}" xmlns:xsd="{XSD}" enc:arrayType="xsd:int[3,3]">{cells}</a:matrix>"#
        ),
        &["/matrix", "6 member"],
    );
    fails::<MatrixElement>(
        &format!(
            r#"<a:matrix xmlns:a="urn:arr" xmlns:enc="{ENC}" xmlns:xsd="{XSD}" enc:arrayType="xsd:int[6]">{cells}</a:matrix>"#
        ),
        &["/matrix", "1 dimension"],
    );
}

/// The item types' prefixes are declared on an ancestor of the inner arrays in the input (as
/// SOAP envelopes do); the document written from the value must declare them itself, bound to
/// the same namespaces, however it names them. Kept as text, `it:` would be written back
/// with no declaration.
#[test]
fn array_item_prefix_is_declared_in_the_output() {
    let xml = format!(
        r#"<a:jagged xmlns:a="urn:arr" xmlns:enc="{ENC}" xmlns:it="urn:items" xmlns:xsd="{XSD}" enc:arrayType="it:Row[][2]"><item enc:arrayType="xsd:int[2]"><item>1</item><item>2</item></item><item enc:arrayType="it:Cell[1]"><item>3</item></item></a:jagged>"#
    );
    let (v, out) = round_trip::<JaggedElement>(&xml);
    let names: Vec<(String, String)> = std::iter::once(&v.array_type)
        .chain(v.item.iter().map(|i| &i.array_type))
        .map(|t| {
            let t = t.as_ref().expect("arrayType");
            (t.item().ns().to_owned(), t.item().local().to_owned())
        })
        .collect();
    let expected = [("urn:items", "Row"), (XSD, "int"), ("urn:items", "Cell")];
    assert_eq!(
        names,
        expected.map(|(n, l)| (n.to_owned(), l.to_owned())).to_vec()
    );
    let declared = array_type_namespaces(&out);
    assert_eq!(declared.len(), 3, "{out}");
    for ((value, uri), (ns, local)) in declared.iter().zip(expected) {
        assert_eq!(uri.as_deref(), Some(ns), "{value} in {out}");
        assert!(value.contains(&format!(":{local}[")), "{value} in {out}");
    }
}
