//! Nillable global elements (`nillable="true"` on a top-level `xs:element`), generated from a
//! small WSDL (`tests/golden/nillable.wsdl`) and compared as text with the checked-in golden
//! file `tests/golden/nillable.rs` (regenerate with
//! `SOAPSTONE_BLESS=1 cargo test -p soapstone-codegen --test nillable_roots`, then review),
//! which this test binary compiles (`#![deny(warnings)]`, client and server included) and uses
//! to read nil and non-nil instances, write them back and read them again.

#![deny(warnings)]

mod common;

// The golden file holds every type of the WSDL (client and server included); the tests below
// use some of them, so the rest would be dead code in this test binary.
#[allow(dead_code)]
mod golden {
    include!("golden/nillable.rs");
}

use std::path::PathBuf;

use common::*;

fn generate() -> soapstone_codegen::Generated {
    settings_for(&[PathBuf::from("tests/golden/nillable.wsdl")])
        .generate()
        .expect("generates")
}

#[test]
fn golden_file_is_up_to_date() {
    assert_golden(&generate(), "tests/golden/nillable.rs");
}

#[test]
fn emitted_shapes() {
    let g = generate();
    assert_has(
        &g,
        r#"#[xml(root = "string", ns = "urn:t", nillable)]
        pub struct String(pub ::soapstone::xml::Nillable<::std::string::String>);"#,
    );
    // A named complex type: the root holds the type's struct.
    assert_has(
        &g,
        r#"#[xml(root = "point", ns = "urn:t", nillable)]
        pub struct PointElement(pub ::soapstone::xml::Nillable<Point>);"#,
    );
    // An anonymous type gets its own content struct, shared with references to the element.
    assert_has(
        &g,
        r#"#[xml(root = "box", ns = "urn:t", nillable)]
        pub struct Box(pub ::soapstone::xml::Nillable<BoxValue>);"#,
    );
    assert_has(
        &g,
        r#"#[xml(root = "count", ns = "urn:t", nillable)]
        pub struct Count(pub ::soapstone::xml::Nillable<CountValue>);"#,
    );
    assert_has(
        &g,
        r#"#[xml(element = "box", ns = "urn:t", nillable)]
        pub box_: ::std::vec::Vec<::soapstone::xml::Nillable<BoxValue>>,"#,
    );
    assert_has(
        &g,
        r#"#[xml(element = "point", ns = "urn:t", nillable)]
        pub point: ::std::option::Option<::soapstone::xml::Nillable<Point>>,"#,
    );
}

// Round trips through the golden file's types.

use golden::t::{Box as BoxElement, BoxValue, Count, CountValue, Point, PointElement, Shelf};
use soapstone::xml::{Nillable, ReadOptions, XmlRead, XmlRoot, XmlWrite, from_str, to_string};

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

fn read<T: XmlRead + XmlRoot>(xml: &str) -> Result<T, std::string::String> {
    from_str::<T>(xml, &ReadOptions::default()).map_err(|e| e.to_string())
}

/// Reads `xml`, writes it back and reads the output again; returns the value and the output.
fn round_trip<T: XmlRead + XmlWrite + XmlRoot + PartialEq + std::fmt::Debug + 'static>(
    xml: &str,
) -> (T, std::string::String) {
    let v: T = read(xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let out = to_string(&v).expect("writes");
    let again: T = read(&out).unwrap_or_else(|e| panic!("{e}\n{out}"));
    assert_eq!(again, v, "{out}");
    (v, out)
}

#[test]
fn nil_roots_round_trip() {
    let (s, out) = round_trip::<golden::t::String>(&format!(
        r#"<t:string xmlns:t="urn:t" xmlns:xsi="{XSI}" xsi:nil="true"/>"#
    ));
    assert_eq!(s.0, Nillable::Nil);
    assert!(out.contains(r#"xsi:nil="true""#), "{out}");
    assert!(out.contains(&format!(r#"xmlns:xsi="{XSI}""#)), "{out}");

    let (p, _) = round_trip::<PointElement>(&format!(
        r#"<point xmlns="urn:t" xmlns:xsi="{XSI}" xsi:nil="true"></point>"#
    ));
    assert_eq!(p.0, Nillable::Nil);
    let (b, _) = round_trip::<BoxElement>(&format!(
        r#"<t:box xmlns:t="urn:t" xmlns:xsi="{XSI}" xsi:nil="1"/>"#
    ));
    assert_eq!(b.0, Nillable::Nil);
    let (c, _) = round_trip::<Count>(&format!(
        r#"<t:count xmlns:t="urn:t" xmlns:xsi="{XSI}" xsi:nil="true"/>"#
    ));
    assert_eq!(c.0, Nillable::Nil);
}

#[test]
fn value_roots_round_trip() {
    let (s, out) = round_trip::<golden::t::String>(
        r#"<t:string xmlns:t="urn:t">Lisbon &lt;PT&gt;</t:string>"#,
    );
    assert_eq!(s.0, Nillable::Value("Lisbon <PT>".to_string()));
    assert!(!out.contains("xsi:nil"), "{out}");

    let (p, out) = round_trip::<PointElement>(
        r#"<t:point xmlns:t="urn:t" unit="km"><t:x>3</t:x><t:y>-4</t:y></t:point>"#,
    );
    let point = Point {
        unit: Some("km".into()),
        x: 3,
        y: -4,
    };
    assert_eq!(p.0, Nillable::Value(point.clone()));
    assert!(out.contains(r#"unit="km""#), "{out}");

    let (b, _) = round_trip::<BoxElement>(&format!(
        r#"<t:box xmlns:t="urn:t" xmlns:xsi="{XSI}"><t:point xsi:nil="true"/><t:label>a</t:label></t:box>"#
    ));
    assert_eq!(
        b.0,
        Nillable::Value(BoxValue {
            point: Some(Nillable::Nil),
            label: "a".into(),
        })
    );
    let (c, _) = round_trip::<Count>(r#"<t:count xmlns:t="urn:t">7</t:count>"#);
    assert_eq!(c.0, Nillable::Value(CountValue(7)));
}

#[test]
fn references_to_nillable_elements_hold_nil() {
    let (shelf, _) = round_trip::<Shelf>(&format!(
        r#"<t:shelf xmlns:t="urn:t" xmlns:xsi="{XSI}">
             <t:box xsi:nil="true"/>
             <t:box><t:label>b</t:label></t:box>
             <t:count xsi:nil="true"/>
           </t:shelf>"#
    ));
    assert_eq!(
        shelf,
        Shelf {
            box_: vec![
                Nillable::Nil,
                Nillable::Value(BoxValue {
                    point: None,
                    label: "b".into(),
                }),
            ],
            count: Nillable::Nil,
        }
    );
}

#[test]
fn bad_nil_roots_are_errors() {
    // Content under xsi:nil="true", text or elements.
    let e = read::<golden::t::String>(&format!(
        r#"<t:string xmlns:t="urn:t" xmlns:xsi="{XSI}" xsi:nil="true">x</t:string>"#
    ))
    .unwrap_err();
    assert!(e.contains("xsi:nil"), "{e}");
    let e = read::<PointElement>(&format!(
        r#"<t:point xmlns:t="urn:t" xmlns:xsi="{XSI}" xsi:nil="true"><t:x>1</t:x><t:y>2</t:y></t:point>"#
    ))
    .unwrap_err();
    assert!(e.contains("/point/x"), "{e}");
    // A non-nil value is still checked: facets and required children.
    let e = read::<Count>(r#"<t:count xmlns:t="urn:t">-1</t:count>"#).unwrap_err();
    assert!(e.contains("/count"), "{e}");
    let e = read::<PointElement>(r#"<t:point xmlns:t="urn:t"><t:x>1</t:x></t:point>"#).unwrap_err();
    assert!(e.contains("y"), "{e}");
    // Another element's name is not this root.
    let e = read::<Count>(&format!(
        r#"<t:string xmlns:t="urn:t" xmlns:xsi="{XSI}" xsi:nil="true"/>"#
    ))
    .unwrap_err();
    assert!(e.contains("string"), "{e}");
}

/// The generated client and server carry nillable roots as bodies: a nil request and a nil
/// response go through the in-memory transport and the generated dispatcher.
#[test]
fn client_and_server_carry_nil_bodies() {
    use golden::t::weather_soap::{Client, Fault, Server, Service};
    use soapstone::server::{Handler, ServerFault};
    use soapstone::transport::MemoryTransport;

    struct Weather;
    impl Service for Weather {
        async fn lookup(
            &self,
            input: PointElement,
        ) -> Result<golden::t::String, ServerFault<Fault>> {
            Ok(golden::t::String(match input.0 {
                Nillable::Nil => Nillable::Nil,
                Nillable::Value(p) => Nillable::Value(format!("{},{}", p.x, p.y)),
            }))
        }
    }

    let server = std::sync::Arc::new(Server::new(Weather));
    let transport = MemoryTransport::new(move |request| {
        let server = server.clone();
        let request = request.clone();
        // The service never waits, so the handler's future is ready at the first poll.
        let mut fut = std::pin::pin!(async move { server.handle(request).await });
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        match fut.as_mut().poll(&mut cx) {
            std::task::Poll::Ready(r) => r,
            std::task::Poll::Pending => panic!("the in-memory service did not answer at once"),
        }
    });
    let client = Client::new(transport);
    let nil = client
        .lookup_blocking(&PointElement(Nillable::Nil))
        .expect("nil call");
    assert_eq!(nil.0, Nillable::Nil);
    let value = client
        .lookup_blocking(&PointElement(Nillable::Value(Point {
            unit: None,
            x: 1,
            y: 2,
        })))
        .expect("value call");
    assert_eq!(value.0, Nillable::Value("1,2".to_string()));
}
