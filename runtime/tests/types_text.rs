//! String-derived types, `AnyUri`, `QName`, `Base64Binary`, `HexBinary`, `List<T>`.

use std::collections::HashMap;

use proptest::prelude::*;
use soapstone::types::{
    AnyUri, Base64Binary, Entity, HexBinary, Id, IdRef, Language, List, Name, NcName, NmToken,
    NormalizedString, QName, Token,
};
use soapstone::xml::{NamespaceScope, PrefixScope, QNameRef, ValueError, XmlText};

fn text<T: XmlText>(v: &T) -> String {
    let mut s = String::new();
    v.write_xml_text(&mut s);
    s
}

/// Prefix bindings of the element a value is read on.
struct Scope(HashMap<&'static str, &'static str>);

impl NamespaceScope for Scope {
    fn resolve_prefix(&self, prefix: &str) -> Option<&str> {
        self.0.get(prefix).copied()
    }
}

/// A writer scope that hands out `nsN` prefixes and remembers what it declared.
#[derive(Default)]
struct Writer {
    declared: Vec<(String, String)>,
}

impl PrefixScope for Writer {
    fn prefix_for(&mut self, ns: &str) -> String {
        if let Some((p, _)) = self.declared.iter().find(|(_, n)| n == ns) {
            return p.clone();
        }
        let p = format!("ns{}", self.declared.len() + 1);
        self.declared.push((p.clone(), ns.to_owned()));
        p
    }
}

impl Writer {
    fn scope(&self) -> impl NamespaceScope + '_ {
        struct S<'a>(&'a [(String, String)]);
        impl NamespaceScope for S<'_> {
            fn resolve_prefix(&self, prefix: &str) -> Option<&str> {
                self.0
                    .iter()
                    .find(|(p, _)| p == prefix)
                    .map(|(_, n)| n.as_str())
            }
        }
        S(&self.declared)
    }
}

#[test]
fn whitespace_facets() {
    let n = NormalizedString::from_xml_text(" a\tb\r\nc ").unwrap();
    assert_eq!(n.as_str(), " a b  c ");
    let t = Token::from_xml_text("  a \t\n b   c\r\n").unwrap();
    assert_eq!(t, "a b c");
    assert_eq!(text(&t), "a b c");
    assert_eq!(Token::from_xml_text("").unwrap().as_str(), "");
    assert_eq!(
        Token::from_xml_text("\u{a0}x\u{a0}").unwrap().as_str(),
        "\u{a0}x\u{a0}"
    );
    assert!(Token::new(" a").is_err());
    assert!(Token::new("a  b").is_err());
    assert!(Token::new("a\nb").is_err());
    assert_eq!(Token::new("a b").unwrap().into_string(), "a b");
    let e = NormalizedString::new("a\tb").unwrap_err();
    assert_eq!(e.expected, "xs:normalizedString");
    assert_eq!("  x  y ".parse::<Token>().unwrap(), "x y");
    assert_eq!(String::from(Token::try_from("q").unwrap()), "q");
}

#[test]
fn name_types() {
    assert_eq!(NcName::from_xml_text(" _a-b.c9 ").unwrap(), "_a-b.c9");
    assert_eq!(NcName::from_xml_text("éléphant").unwrap(), "éléphant");
    for bad in ["", "9a", "-a", "a:b", "a b", ".a", "a\u{0}"] {
        let e = NcName::from_xml_text(bad).unwrap_err();
        assert_eq!(e.expected, "xs:NCName", "{bad:?}");
    }
    assert_eq!(
        Name::from_xml_text("soap:Envelope").unwrap(),
        "soap:Envelope"
    );
    assert_eq!(Name::from_xml_text(":x").unwrap(), ":x");
    assert!(Name::from_xml_text("1x").is_err());
    assert_eq!(NmToken::from_xml_text(" 123-abc ").unwrap(), "123-abc");
    assert!(NmToken::from_xml_text("").is_err());
    assert!(NmToken::from_xml_text("a b").is_err());
    assert_eq!(Id::from_xml_text("id1").unwrap(), "id1");
    assert_eq!(Id::from_xml_text("1id").unwrap_err().expected, "xs:ID");
    assert_eq!(
        IdRef::from_xml_text("1id").unwrap_err().expected,
        "xs:IDREF"
    );
    assert_eq!(
        Entity::from_xml_text("a:b").unwrap_err().expected,
        "xs:ENTITY"
    );
}

#[test]
fn language_tags() {
    for ok in [
        "en",
        "en-US",
        "zh-Hant-TW",
        "i-klingon",
        "x-123",
        "abcdefgh-12345678",
    ] {
        assert_eq!(Language::from_xml_text(ok).unwrap(), ok);
    }
    for bad in [
        "",
        "englishlanguage",
        "en_US",
        "en-",
        "-en",
        "e1",
        "en--US",
        "en-123456789",
    ] {
        let e = Language::from_xml_text(bad).unwrap_err();
        assert_eq!(e.expected, "xs:language", "{bad:?}");
    }
}

#[test]
fn any_uri_keeps_text() {
    let u = AnyUri::from_xml_text("\n https://rightnow.example/chat?x=1&y=2 \n").unwrap();
    assert_eq!(u, "https://rightnow.example/chat?x=1&y=2");
    assert_eq!(AnyUri::from_xml_text("../rel#frag").unwrap(), "../rel#frag");
    assert_eq!(
        AnyUri::from_xml_text("urn:x:ü").unwrap().as_str(),
        "urn:x:ü"
    );
    assert!(AnyUri::new(" x").is_err());
}

#[test]
fn qname_resolves_by_uri() {
    let scope = Scope(HashMap::from([
        ("ns2", "urn:a"),
        ("S", "urn:b"),
        ("", "urn:default"),
    ]));
    let q = QName::from_xml_text_in(" ns2:Fault ", &scope).unwrap();
    assert_eq!(
        (q.ns(), q.local(), q.prefix_hint()),
        ("urn:a", "Fault", Some("ns2"))
    );
    assert_eq!(q, QNameRef::new("urn:a", "Fault"));
    assert_eq!(q, QName::new("urn:a", "Fault").unwrap());
    let d = QName::from_xml_text_in("Local", &scope).unwrap();
    assert_eq!(d.as_ref(), QNameRef::new("urn:default", "Local"));
    let x = QName::from_xml_text_in("xml:lang", &scope).unwrap();
    assert_eq!(x.ns(), "http://www.w3.org/XML/1998/namespace");

    let e = QName::from_xml_text_in("zz:Fault", &scope).unwrap_err();
    assert_eq!(e.expected, "xs:QName");
    assert!(e.detail.unwrap().contains("\"zz\" is not declared"));
    for bad in ["", "a:b:c", ":a", "a:", "1a", "a b"] {
        assert!(QName::from_xml_text_in(bad, &scope).is_err(), "{bad:?}");
    }

    let mut w = Writer::default();
    let mut out = String::new();
    q.write_xml_text_in(&mut out, &mut w);
    assert_eq!(out, "ns1:Fault");
    let back = QName::from_xml_text_in(&out, &w.scope()).unwrap();
    assert_eq!(back, q);
    let mut out = String::new();
    QName::new("", "bare")
        .unwrap()
        .write_xml_text_in(&mut out, &mut w);
    assert_eq!(out, "bare");
    let mut out = String::new();
    x.write_xml_text_in(&mut out, &mut w);
    assert_eq!(out, "xml:lang");
    assert_eq!(w.declared.len(), 1);
}

#[test]
fn qname_without_scope_and_display_form() {
    let q = QName::from_xml_text("local").unwrap();
    assert_eq!((q.ns(), q.local()), ("", "local"));
    assert!(QName::from_xml_text("p:local").is_err());
    let q = QName::new("urn:x", "Y").unwrap().with_prefix("p").unwrap();
    assert_eq!(text(&q), "p:Y");
    assert_eq!(q.to_string(), "{urn:x}Y");
    assert_eq!("{urn:x}Y".parse::<QName>().unwrap(), q);
    assert_eq!("Y".parse::<QName>().unwrap().ns(), "");
    assert!("{urn:x".parse::<QName>().is_err());
    assert!(QName::new("urn:x", "a:b").is_err());
    assert!(QName::new("urn:x", "a").unwrap().with_prefix("1").is_err());
    assert_eq!(
        QName::from(QNameRef::new("urn:q", "r")).to_string(),
        "{urn:q}r"
    );
}

#[test]
fn base64_binary() {
    let b = Base64Binary::from_xml_text("SGVs\n bG8g\r\n\td29y bGQ=\n").unwrap();
    assert_eq!(b.as_bytes(), b"Hello world");
    assert_eq!(text(&b), "SGVsbG8gd29ybGQ=");
    assert_eq!(Base64Binary::from_xml_text("").unwrap().as_bytes(), b"");
    for bad in [
        "SGVsbG8",
        "SGVsbG8==",
        "S*Vs",
        "SGVsbG8gd29ybGQ=x",
        "\u{a0}SGVs",
    ] {
        let e = Base64Binary::from_xml_text(bad).unwrap_err();
        assert_eq!(e.expected, "xs:base64Binary", "{bad:?}");
        assert!(e.detail.is_some());
    }
    let dbg = format!("{:?}", Base64Binary(vec![7; 1000]));
    assert!(
        dbg.starts_with("Base64Binary(1000 bytes: 0707") && dbg.len() < 80,
        "{dbg}"
    );
}

#[test]
fn hex_binary() {
    let h = HexBinary::from_xml_text(" 0fA9ff ").unwrap();
    assert_eq!(h.as_bytes(), [0x0f, 0xa9, 0xff]);
    assert_eq!(text(&h), "0FA9FF");
    assert_eq!(
        HexBinary::from_xml_text("").unwrap().into_bytes(),
        Vec::<u8>::new()
    );
    for (bad, why) in [
        ("abc", "even"),
        ("zz", "hex digits"),
        ("0f 0f", "even"),
        ("0 f0", "hex digits"),
        ("éé", "hex digits"),
    ] {
        let e = HexBinary::from_xml_text(bad).unwrap_err();
        assert_eq!(e.expected, "xs:hexBinary");
        assert!(e.detail.unwrap().contains(why), "{bad:?}");
    }
    assert_eq!(HexBinary::from(&b"\x01"[..]).to_string(), "01");
}

#[test]
fn lists() {
    let l = List::<i32>::from_xml_text("  1 \n -2\t+3  ").unwrap();
    assert_eq!(*l, [1, -2, 3]);
    assert_eq!(text(&l), "1 -2 3");
    assert!(List::<i32>::from_xml_text("  ").unwrap().is_empty());
    assert_eq!(text(&List::<i32>::default()), "");
    let e = List::<u8>::from_xml_text("1 2 300").unwrap_err();
    assert_eq!(e.expected, "xs:unsignedByte");
    assert_eq!(e.found, "300");
    assert!(
        e.detail
            .as_deref()
            .unwrap()
            .starts_with("list item 3: out of range"),
        "{e}"
    );
    let e = List::<bool>::from_xml_text("true x").unwrap_err();
    assert!(
        e.detail.as_deref().unwrap().starts_with("list item 2"),
        "{e}"
    );

    let tokens: List<NmToken> = "a b-c  d".parse().unwrap();
    assert_eq!(tokens.len(), 3);
    assert_eq!(tokens.to_string(), "a b-c d");

    let scope = Scope(HashMap::from([("a", "urn:a"), ("b", "urn:b")]));
    let names = List::<QName>::from_xml_text_in("a:x b:y", &scope).unwrap();
    assert_eq!(names[1], QNameRef::new("urn:b", "y"));
    let mut w = Writer::default();
    let mut out = String::new();
    names.write_xml_text_in(&mut out, &mut w);
    assert_eq!(out, "ns1:x ns2:y");
    assert_eq!(
        List::<QName>::from_xml_text_in(&out, &w.scope()).unwrap(),
        names
    );
    let collected: List<u8> = (1..=3).collect();
    assert_eq!(Vec::from(collected), vec![1, 2, 3]);
}

#[test]
fn huge_text_errors_are_truncated() {
    let huge = "x:".repeat(500_000);
    for e in [
        NcName::from_xml_text(&huge).unwrap_err(),
        QName::from_xml_text(&huge).unwrap_err(),
        HexBinary::from_xml_text(&huge).unwrap_err(),
        Base64Binary::from_xml_text(&huge).unwrap_err(),
        Language::from_xml_text(&huge).unwrap_err(),
        List::<i64>::from_xml_text(&format!("1 {}", "9".repeat(1_000_000))).unwrap_err(),
    ] {
        assert!(
            e.found.chars().count() <= ValueError::MAX_FOUND + 1,
            "{}",
            e.found.len()
        );
        assert!(e.to_string().len() < 400, "{}", e.to_string().len());
    }
}

fn ncname() -> impl Strategy<Value = String> {
    "[A-Za-z_\u{C0}-\u{D6}\u{4E00}-\u{4E20}][A-Za-z0-9_.\\-\u{B7}\u{300}-\u{302}]{0,12}"
}

fn check<T: XmlText + PartialEq + std::fmt::Debug>(v: &T) -> Result<(), TestCaseError> {
    let t = text(v);
    let back = T::from_xml_text(&t).map_err(|e| TestCaseError::fail(format!("{t}: {e}")))?;
    prop_assert_eq!(&back, v);
    prop_assert_eq!(text(&back), t);
    Ok(())
}

proptest! {
    #[test]
    fn names_round_trip(n in ncname(), m in ncname()) {
        check(&NcName::new(n.clone()).unwrap())?;
        check(&Id::new(n.clone()).unwrap())?;
        check(&IdRef::new(n.clone()).unwrap())?;
        check(&Entity::new(n.clone()).unwrap())?;
        check(&Name::new(format!("{n}:{m}")).unwrap())?;
        check(&NmToken::new(format!("{m}{n}")).unwrap())?;
        let colonized = format!("{n}:{m}");
        prop_assert!(NcName::new(colonized).is_err());
    }

    #[test]
    fn collapse_is_idempotent(s in "[ \t\r\na-z\u{a0}é]{0,30}") {
        let t = Token::from_xml_text(&s).unwrap();
        prop_assert!(!t.starts_with(' ') && !t.ends_with(' ') && !t.contains("  "));
        prop_assert!(!t.contains(['\t', '\n', '\r']));
        check(&t)?;
        prop_assert_eq!(Token::new(t.as_str()).unwrap(), t.clone());
        let n = NormalizedString::from_xml_text(&s).unwrap();
        prop_assert_eq!(n.len(), s.len());
        check(&n)?;
        check(&AnyUri::from_xml_text(&s).unwrap())?;
    }

    #[test]
    fn language_round_trips(first in "[a-zA-Z]{1,8}", rest in proptest::collection::vec("[a-zA-Z0-9]{1,8}", 0..4)) {
        let tag = std::iter::once(first).chain(rest).collect::<Vec<_>>().join("-");
        check(&Language::new(tag).unwrap())?;
    }

    #[test]
    fn binary_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..200), wrap in 1usize..80) {
        let b = Base64Binary(bytes.clone());
        check(&b)?;
        let h = HexBinary(bytes.clone());
        check(&h)?;
        // Line-wrapped and lower-case forms read to the same bytes.
        let t = text(&b);
        let wrapped: Vec<String> = t.as_bytes().chunks(wrap).map(|c| String::from_utf8(c.to_vec()).unwrap()).collect();
        prop_assert_eq!(Base64Binary::from_xml_text(&wrapped.join("\r\n ")).unwrap(), b);
        prop_assert_eq!(HexBinary::from_xml_text(&text(&h).to_lowercase()).unwrap(), h);
    }

    #[test]
    fn qname_round_trips_by_uri(ns in "(urn|http)://[a-z]{1,8}(/[a-z0-9]{1,5}){0,2}", local in ncname(), prefix in ncname()) {
        prop_assume!(!prefix.eq_ignore_ascii_case("xml") && !prefix.to_ascii_lowercase().starts_with("xml"));
        let q = QName::new(ns.clone(), local).unwrap().with_prefix(prefix).unwrap();
        let mut w = Writer::default();
        let mut out = String::new();
        q.write_xml_text_in(&mut out, &mut w);
        let back = QName::from_xml_text_in(&out, &w.scope()).unwrap();
        prop_assert_eq!(&back, &q);
        prop_assert_eq!(back.ns(), ns.as_str());
        prop_assert_eq!(q.to_string().parse::<QName>().unwrap(), q);
    }

    #[test]
    fn lists_round_trip(v in proptest::collection::vec(any::<i64>(), 0..20), f in proptest::collection::vec(any::<f64>(), 0..10)) {
        check(&List(v))?;
        let fl = List(f);
        let t = text(&fl);
        let back = List::<f64>::from_xml_text(&t).unwrap();
        prop_assert_eq!(text(&back), t);
    }

    #[test]
    fn text_types_never_panic(s in "\\PC{0,30}") {
        let _ = QName::from_xml_text(&s);
        let _ = Base64Binary::from_xml_text(&s);
        let _ = HexBinary::from_xml_text(&s);
        let _ = Language::from_xml_text(&s);
        let _ = Name::from_xml_text(&s);
        let _ = List::<QName>::from_xml_text(&s);
    }
}
