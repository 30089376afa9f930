//! The pull reader: namespaces by URI, well-formedness, hostile-input limits, strict vs lax.

use std::borrow::Cow;

use soapstone::xml::{
    self, Content, DecodeError, DecodeErrorKind, LimitKind, Limits, QNameRef, ReadOptions, Unknown,
    XSI_NS, XmlReader,
};
use soapstone::{XmlRead, XmlWrite};

fn reader(s: &str) -> XmlReader<'_> {
    XmlReader::new(s, ReadOptions::default()).unwrap()
}

/// Reads the whole document by skipping the root: every well-formedness check still runs.
fn scan(s: &str, opts: ReadOptions) -> Result<(), DecodeError> {
    let mut r = XmlReader::new(s, opts)?;
    r.root()?;
    r.skip_element()?;
    r.finish()
}

fn limit_kind(e: &DecodeError) -> Option<LimitKind> {
    match e.kind {
        DecodeErrorKind::Limit { kind, .. } => Some(kind),
        _ => None,
    }
}

#[test]
fn names_resolve_by_uri_with_any_prefix_and_default_namespace() {
    let doc = r#"<S:Envelope xmlns:S="urn:env"><S:Body><ns2:Resp xmlns:ns2="urn:app"><n0:Item xmlns:n0="urn:app"/><Item xmlns="urn:app"><Sub/></Item><Plain xmlns=""/></ns2:Resp></S:Body></S:Envelope>"#;
    let mut r = reader(doc);
    let env = r.root().unwrap();
    assert_eq!(env.name(), QNameRef::new("urn:env", "Envelope"));
    let body = r.next_child().unwrap().unwrap();
    assert!(body.is("urn:env", "Body"));
    let resp = r.next_child().unwrap().unwrap();
    assert!(resp.is("urn:app", "Resp"));
    assert_eq!(resp.prefix(), "ns2");
    let a = r.next_child().unwrap().unwrap();
    assert!(a.is("urn:app", "Item") && a.is_empty());
    assert!(r.next_child().unwrap().is_none());
    let b = r.next_child().unwrap().unwrap();
    assert!(b.is("urn:app", "Item"));
    let sub = r.next_child().unwrap().unwrap();
    assert!(sub.is("urn:app", "Sub"), "default namespace is inherited");
    assert!(r.next_child().unwrap().is_none());
    assert!(r.next_child().unwrap().is_none());
    let plain = r.next_child().unwrap().unwrap();
    assert!(
        plain.is("", "Plain"),
        "xmlns=\"\" undeclares the default namespace"
    );
    r.skip_element().unwrap();
    for _ in 0..3 {
        assert!(r.next_child().unwrap().is_none());
    }
    r.finish().unwrap();
}

#[test]
fn undeclared_prefix_reports_line_and_column() {
    let doc = "<a xmlns:x=\"urn:x\">\n  <x:b/>\n  <y:c/>\n</a>";
    let mut r = reader(doc);
    r.root().unwrap();
    r.next_child().unwrap();
    r.next_child().unwrap();
    let e = r.next_child().unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::UndeclaredPrefix("y".into()));
    assert_eq!((e.line, e.column), (3, 4));
    assert_eq!(e.path, "/a");
    assert_eq!(
        e.to_string(),
        "undeclared namespace prefix `y` at /a (line 3, column 4)"
    );
    // Undeclared attribute prefixes too.
    let e = scan("<a z:b=\"1\"/>", ReadOptions::default()).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::UndeclaredPrefix("z".into()));
}

#[test]
fn attributes_resolve_decode_and_normalize() {
    let doc = "<a xmlns:p=\"urn:p\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
               plain=\"x &lt;&amp;&#65;&#x42;\" p:q='single \"quoted\"' ws=\"a\tb\nc\r\nd\" xsi:nil=\"true\" xsi:type=\"p:T\"/>";
    let mut r = reader(doc);
    let a = r.root().unwrap();
    assert!(a.is_nil());
    assert_eq!(r.xsi_type(&a).unwrap(), Some(QNameRef::new("urn:p", "T")));
    let attrs: Vec<(String, String, Cow<'_, str>, bool)> = r
        .attributes(&a)
        .map(|x| {
            (
                x.name.ns.to_owned(),
                x.name.local.to_owned(),
                x.value.clone(),
                x.is_xsi(),
            )
        })
        .collect();
    assert_eq!(attrs.len(), 5, "namespace declarations are not attributes");
    assert_eq!(
        attrs[0],
        ("".into(), "plain".into(), Cow::Borrowed("x <&AB"), false)
    );
    assert_eq!(attrs[1].0, "urn:p");
    assert_eq!(attrs[1].2, "single \"quoted\"");
    assert_eq!(attrs[2].2, "a b c d", "attribute value normalization");
    assert!(attrs[3].3 && attrs[4].3);
    assert!(
        matches!(attrs[1].2, Cow::Borrowed(_)),
        "plain values are borrowed"
    );
}

#[test]
fn duplicate_attributes_are_errors_even_through_different_prefixes() {
    let e = scan("<a b=\"1\" b=\"2\"/>", ReadOptions::default()).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::DuplicateAttribute("b".into()));
    let e = scan(
        "<a xmlns:x=\"u\" xmlns:y=\"u\" x:b=\"1\" y:b=\"2\"/>",
        ReadOptions::default(),
    )
    .unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::DuplicateAttribute("y:b".into()));
}

#[test]
fn text_is_decoded_merged_and_borrowed_when_possible() {
    let mut r = reader("<a>plain</a>");
    r.root().unwrap();
    assert!(matches!(r.read_text().unwrap(), Cow::Borrowed("plain")));
    let mut r = reader("<a>x &amp; <!-- c --><![CDATA[<y> & ]]>z&#x20AC;\r\nw<?pi?></a>");
    r.root().unwrap();
    assert_eq!(r.read_text().unwrap(), "x & <y> & z€\nw");
    let mut r = reader("<a>t<b/></a>");
    r.root().unwrap();
    let e = r.read_text().unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::ChildInSimpleContent("b".into()));
}

#[test]
fn dtd_and_entities_are_refused() {
    let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">]>\n<a>&lol;</a>";
    let e = scan(bomb, ReadOptions::default()).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::Dtd);
    assert_eq!((e.line, e.column), (2, 1));
    let e = scan("<a>&lol;</a>", ReadOptions::default()).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::Entity("lol".into()));
    let e = scan("<a b=\"&ext;\"/>", ReadOptions::default()).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::Entity("ext".into()));
    let e = scan("<a>&#0;</a>", ReadOptions::default()).unwrap_err();
    assert!(
        matches!(e.kind, DecodeErrorKind::Syntax(_)),
        "NUL is not an XML character"
    );
    let e = scan("<a><!DOCTYPE x></a>", ReadOptions::default()).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::Dtd);
}

#[test]
fn malformed_documents_give_positions() {
    let cases: &[(&str, (u32, u32))] = &[
        ("<a>\n<b></c>\n</a>", (2, 4)),
        ("<a>\n  <b>", (2, 6)),
        ("<a b=\"1></a>", (1, 6)),
        ("<a><1b/></a>", (1, 5)),
        ("<a></a><b/>", (1, 8)),
        ("text<a/>", (1, 1)),
        ("<a>x]]>y</a>", (1, 5)),
        ("<a b=\"1\"c=\"2\"/>", (1, 9)),
        ("<a:b:c/>", (1, 2)),
        ("<a xmlns:p=\"\"/>", (1, 4)),
        ("", (1, 1)),
    ];
    for (doc, pos) in cases {
        let e = scan(doc, ReadOptions::default()).unwrap_err();
        assert_eq!((e.line, e.column), *pos, "{doc:?}: {e}");
    }
    let e = scan("<a>\n<b></c>\n</a>", ReadOptions::default()).unwrap_err();
    assert_eq!(
        e.kind,
        DecodeErrorKind::MismatchedEnd {
            expected: "b".into(),
            found: "c".into()
        }
    );
    assert_eq!(e.path, "/a/b");
}

#[test]
fn invalid_utf8_is_reported_with_position() {
    let e = XmlReader::from_bytes(b"<a>\n  \xff</a>", ReadOptions::default()).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::Utf8);
    assert_eq!((e.line, e.column), (2, 3));
}

#[test]
fn strict_rejects_stray_text_lax_ignores_it() {
    let doc = "<a> <b/> stray <!-- ok --></a>";
    let mut r = reader(doc);
    r.root().unwrap();
    r.next_child().unwrap().unwrap();
    r.next_child().unwrap();
    let e = r.next_child().unwrap_err();
    assert!(
        matches!(e.kind, DecodeErrorKind::UnexpectedText(ref t) if t == " stray "),
        "{e}"
    );
    let mut r = XmlReader::new(doc, ReadOptions::lax()).unwrap();
    r.root().unwrap();
    r.next_child().unwrap().unwrap();
    r.next_child().unwrap();
    assert!(r.next_child().unwrap().is_none());
}

#[test]
fn limit_document_size() {
    let opts = ReadOptions {
        limits: Limits {
            max_document_size: 10,
            ..Limits::default()
        },
        ..ReadOptions::default()
    };
    let e = XmlReader::new("<a>0123456789</a>", opts.clone()).unwrap_err();
    assert_eq!(limit_kind(&e), Some(LimitKind::DocumentSize));
    assert!(XmlReader::from_bytes(b"<a>0123456789</a>", opts).is_err());
    assert!(scan("<a>1</a>", ReadOptions::default()).is_ok());
}

#[test]
fn limit_depth_on_100k_nested_elements_is_an_error_not_a_crash() {
    let n = 100_000;
    let doc = format!("{}{}", "<a>".repeat(n), "</a>".repeat(n));
    let e = scan(&doc, ReadOptions::default()).unwrap_err();
    assert_eq!(limit_kind(&e), Some(LimitKind::Depth));
    assert_eq!(e.column, 256 * 3 + 1);
    let opts = ReadOptions {
        limits: Limits {
            max_depth: 4,
            ..Limits::default()
        },
        ..ReadOptions::default()
    };
    assert!(scan("<a><a><a><a/></a></a></a>", opts.clone()).is_ok());
    assert_eq!(
        limit_kind(&scan("<a><a><a><a><a/></a></a></a></a>", opts).unwrap_err()),
        Some(LimitKind::Depth)
    );
}

/// A recursive type with many fields: large frames in debug builds, so the derived recursion
/// must not rely on the thread's stack being big enough for `max_depth` levels.
#[derive(Debug, PartialEq, XmlRead, XmlWrite)]
#[xml(root = "n")]
struct Nest {
    #[xml(attribute = "a")]
    a: Option<String>,
    #[xml(element = "f1")]
    f1: Option<String>,
    #[xml(element = "f2")]
    f2: Option<String>,
    #[xml(element = "f3")]
    f3: Option<String>,
    #[xml(element = "f4")]
    f4: Option<String>,
    #[xml(element = "f5")]
    f5: Vec<String>,
    #[xml(element = "f6")]
    f6: Option<i64>,
    #[xml(element = "f7")]
    f7: Option<String>,
    #[xml(element = "f8")]
    f8: Option<String>,
    #[xml(element = "f9")]
    f9: Option<String>,
    #[xml(element = "f10")]
    f10: Option<String>,
    #[xml(element = "f11")]
    f11: Option<String>,
    #[xml(element = "f12")]
    f12: Option<String>,
    #[xml(element = "f13")]
    f13: Option<String>,
    #[xml(element = "f14")]
    f14: Option<String>,
    #[xml(element = "f15")]
    f15: Option<String>,
    #[xml(element = "f16")]
    f16: Vec<i32>,
    #[xml(element = "n")]
    child: Option<Box<Nest>>,
}

impl Drop for Nest {
    // The default drop of a 256-deep Box chain recurses; unlink iteratively.
    fn drop(&mut self) {
        let mut next = self.child.take();
        while let Some(mut c) = next {
            next = c.child.take();
        }
    }
}

#[test]
fn derived_recursion_is_bounded_by_the_depth_limit() {
    let n = 100_000;
    let doc = format!("{}{}", "<n>".repeat(n), "</n>".repeat(n));
    let e = xml::from_str::<Nest>(&doc, &ReadOptions::default()).unwrap_err();
    assert_eq!(limit_kind(&e), Some(LimitKind::Depth));
    // The default limit itself is safe on a test thread's stack in debug builds.
    let ok = format!("{}{}", "<n>".repeat(256), "</n>".repeat(256));
    let v = xml::from_str::<Nest>(&ok, &ReadOptions::default()).unwrap();
    let mut depth = 1;
    let mut cur = &v;
    while let Some(c) = &cur.child {
        cur = c;
        depth += 1;
    }
    assert_eq!(depth, 256);
}

#[test]
fn deep_documents_read_without_overflowing_the_stack() {
    // Far deeper than a test thread's 2 MiB stack holds with debug frames: the derived readers
    // must grow the stack as they descend (in `__private::read_children`).
    let n = 20_000;
    let opts = ReadOptions {
        limits: Limits {
            max_depth: n + 1,
            ..Limits::default()
        },
        ..ReadOptions::default()
    };
    let doc = format!("{}{}", "<n><f1>x</f1>".repeat(n), "</n>".repeat(n));
    let v = xml::from_str::<Nest>(&doc, &opts).unwrap();
    let mut depth = 1;
    let mut cur = &v;
    while let Some(c) = &cur.child {
        assert_eq!(c.f1.as_deref(), Some("x"));
        cur = c;
        depth += 1;
    }
    assert_eq!(depth, n);
}

#[test]
fn limit_attributes() {
    let opts = ReadOptions {
        limits: Limits {
            max_attributes: 3,
            ..Limits::default()
        },
        ..ReadOptions::default()
    };
    assert!(scan("<a b=\"1\" c=\"1\" xmlns:x=\"u\"/>", opts.clone()).is_ok());
    let e = scan("<a b=\"1\" c=\"1\" d=\"1\" xmlns:x=\"u\"/>", opts).unwrap_err();
    assert_eq!(limit_kind(&e), Some(LimitKind::Attributes));
}

#[test]
fn limit_text_length_on_huge_text() {
    let opts = ReadOptions {
        limits: Limits {
            max_text_len: 1000,
            ..Limits::default()
        },
        ..ReadOptions::default()
    };
    let huge = format!("<a>{}</a>", "x".repeat(1001));
    let mut r = XmlReader::new(&huge, opts.clone()).unwrap();
    r.root().unwrap();
    assert_eq!(
        limit_kind(&r.read_text().unwrap_err()),
        Some(LimitKind::TextLength)
    );
    // Pieces that are each small but add up are caught too.
    let pieces = format!("<a>{}</a>", "x&amp;".repeat(200));
    let mut r = XmlReader::new(&pieces, opts.clone()).unwrap();
    r.root().unwrap();
    assert_eq!(
        limit_kind(&r.read_text().unwrap_err()),
        Some(LimitKind::TextLength)
    );
    let cdata = format!("<a><![CDATA[{}]]></a>", "x".repeat(1001));
    assert_eq!(
        limit_kind(&scan(&cdata, opts).unwrap_err()),
        Some(LimitKind::TextLength)
    );
}

#[test]
fn limit_name_length() {
    let opts = ReadOptions {
        limits: Limits {
            max_name_len: 8,
            ..Limits::default()
        },
        ..ReadOptions::default()
    };
    assert!(scan("<abcdefgh/>", opts.clone()).is_ok());
    assert_eq!(
        limit_kind(&scan("<abcdefghi/>", opts.clone()).unwrap_err()),
        Some(LimitKind::NameLength)
    );
    assert_eq!(
        limit_kind(&scan("<a abcdefghi=\"\"/>", opts).unwrap_err()),
        Some(LimitKind::NameLength)
    );
}

#[test]
fn element_paths_count_repeated_siblings() {
    let doc = "<r><i/><i/><i><v>x</v></i></r>";
    let mut r = reader(doc);
    r.root().unwrap();
    for _ in 0..2 {
        r.next_child().unwrap().unwrap();
        r.skip_element().unwrap();
    }
    r.next_child().unwrap().unwrap();
    r.next_child().unwrap().unwrap();
    assert_eq!(r.path(), "/r/i[3]/v");
}

#[test]
fn next_content_yields_mixed_pieces() {
    let mut r = reader("<a>x<b/>y</a>");
    r.root().unwrap();
    assert!(matches!(r.next_content().unwrap(), Content::Text(t) if t == "x"));
    assert!(matches!(r.next_content().unwrap(), Content::Start(s) if s.local() == "b"));
    assert!(matches!(r.next_content().unwrap(), Content::End));
    assert!(matches!(r.next_content().unwrap(), Content::Text(t) if t == "y"));
    assert!(matches!(r.next_content().unwrap(), Content::End));
    r.finish().unwrap();
}

#[test]
fn qname_values_resolve_in_the_element_scope() {
    let mut r = reader("<a xmlns:p=\"urn:p\"><b xmlns:q=\"urn:q\">q:x</b></a>");
    r.root().unwrap();
    r.next_child().unwrap();
    // The value is parsed before the element's bindings go out of scope.
    let v: soapstone::types::QName = r.read_value().unwrap();
    assert_eq!(v.ns(), "urn:q");
    assert_eq!(v.local(), "x");
    assert_eq!(
        scan(
            "<a xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"nope:T\"/>",
            ReadOptions::default()
        ),
        Ok(())
    );
    let mut r =
        reader("<a xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"nope:T\"/>");
    let a = r.root().unwrap();
    assert!(r.xsi_type(&a).is_err());
    assert_eq!(XSI_NS, "http://www.w3.org/2001/XMLSchema-instance");
}

#[test]
fn prolog_bom_comments_and_pis_are_accepted() {
    let doc = "\u{feff}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- c --><?pi x?>\n<a/>\n<!-- end -->\n";
    assert!(scan(doc, ReadOptions::default()).is_ok());
    let e = scan("<a/><?xml version=\"1.0\"?>", ReadOptions::default()).unwrap_err();
    assert!(matches!(e.kind, DecodeErrorKind::Syntax(_)));
    let lax = ReadOptions {
        unknown: Unknown::Skip,
        ..ReadOptions::default()
    };
    assert!(
        scan("<a><!-- a -- b --></a>", lax).is_err(),
        "`--` inside a comment"
    );
}

#[test]
fn deep_values_write_without_overflowing_the_stack() {
    let mut v: Option<Box<Nest>> = None;
    for _ in 0..20_000 {
        let mut n: Nest = xml::from_str("<n/>", &ReadOptions::default()).unwrap();
        n.child = v;
        v = Some(Box::new(n));
    }
    let v = v.unwrap();
    let s = xml::to_string(&*v).unwrap();
    assert!(s.starts_with("<n><n><n>"));
    assert_eq!(
        s.matches("</n>").count() + s.matches("<n/>").count(),
        20_000
    );
}

#[test]
fn characters_xml_forbids_are_refused_with_their_position() {
    for (doc, at, shown) in [
        ("<a>\n  x\u{1}</a>", (2, 4), "U+0001"),
        ("<a b=\"\u{0}\"/>", (1, 7), "U+0000"),
        ("<a>0123456789abcdef\u{FFFF}</a>", (1, 20), "U+FFFF"),
        ("<a>\u{FFFE}</a>", (1, 4), "U+FFFE"),
    ] {
        let e = XmlReader::new(doc, ReadOptions::default()).unwrap_err();
        assert_eq!(
            e.kind,
            DecodeErrorKind::IllegalChar(shown.into()),
            "{doc:?}"
        );
        assert_eq!((e.line, e.column), at, "{doc:?}");
    }
    // TAB, LF, CR and everything else are fine, at any offset.
    let ok = format!("<a>{}</a>", "\t\n\r é€\u{EFFF}\u{FFFD}\u{10000}x".repeat(5));
    assert!(scan(&ok, ReadOptions::default()).is_ok());
}
