//! The writer: escaping, namespace declarations, lazy start tags, QName values.

use soapstone::xml::{
    AnyElement, EncodeError, PrefixScope, QNameRef, ReadOptions, ValueError, XSI_NS, XmlReader,
    XmlText, XmlWriter,
};

fn out(w: XmlWriter) -> String {
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

fn read_back_text(doc: &str) -> String {
    let mut r = XmlReader::new(doc, ReadOptions::default()).unwrap();
    r.root().unwrap();
    r.read_text().unwrap().into_owned()
}

#[test]
fn hostile_text_comes_out_as_data() {
    let evil = "</Body><x>&amp; ]]> <![CDATA[ \"' \r\n\t";
    let mut w = XmlWriter::new();
    w.start_element(QNameRef::new("", "Body")).unwrap();
    w.attribute(QNameRef::new("", "a"), evil).unwrap();
    w.text(evil).unwrap();
    w.end_element().unwrap();
    let s = out(w);
    assert_eq!(
        s,
        "<Body a=\"&lt;/Body&gt;&lt;x&gt;&amp;amp; ]]&gt; &lt;![CDATA[ &quot;' &#xD;&#xA;&#x9;\">\
         &lt;/Body&gt;&lt;x&gt;&amp;amp; ]]&gt; &lt;![CDATA[ \"' &#xD;\n\t</Body>"
    );
    assert_eq!(
        read_back_text(&s),
        evil,
        "text survives a round trip, CR included"
    );
    let mut r = XmlReader::new(&s, ReadOptions::default()).unwrap();
    let root = r.root().unwrap();
    let a = r.attributes(&root).next().unwrap();
    assert_eq!(a.value, evil, "attribute whitespace survives normalization");
}

#[test]
fn illegal_characters_are_errors() {
    for (bad, code) in [
        ("a\u{0}", 0u32),
        ("\u{1b}", 0x1b),
        ("x\u{FFFE}", 0xFFFE),
        ("\u{FFFF}", 0xFFFF),
    ] {
        let mut w = XmlWriter::new();
        w.start_element(QNameRef::new("", "a")).unwrap();
        assert_eq!(
            w.attribute(QNameRef::new("", "b"), bad),
            Err(EncodeError::IllegalChar {
                code,
                context: "attribute value"
            })
        );
        assert_eq!(
            w.text(bad),
            Err(EncodeError::IllegalChar {
                code,
                context: "text"
            })
        );
    }
    let mut w = XmlWriter::new();
    w.start_element(QNameRef::new("", "a")).unwrap();
    w.text("\u{FFFD}\u{10FFFF}\u{E000}").unwrap();
}

#[test]
fn namespaces_declared_once_with_deterministic_prefixes() {
    let mut w = XmlWriter::new();
    w.start_element(QNameRef::new("urn:a", "root")).unwrap();
    w.start_element(QNameRef::new("urn:a", "child")).unwrap();
    w.start_element(QNameRef::new("urn:b", "x")).unwrap();
    w.attribute(QNameRef::new("urn:b", "attr"), "1").unwrap();
    w.end_element().unwrap();
    w.start_element(QNameRef::new("urn:b", "x")).unwrap();
    w.end_element().unwrap();
    w.start_element(QNameRef::new("", "plain")).unwrap();
    w.end_element().unwrap();
    w.end_element().unwrap();
    w.end_element().unwrap();
    assert_eq!(
        out(w),
        "<ns1:root xmlns:ns1=\"urn:a\"><ns1:child><ns2:x xmlns:ns2=\"urn:b\" ns2:attr=\"1\"/>\
         <ns3:x xmlns:ns3=\"urn:b\"/><plain/></ns1:child></ns1:root>"
    );
}

#[test]
fn predeclared_prefixes_are_reused_and_not_repeated() {
    let mut w = XmlWriter::new();
    w.declare_prefix("soap", "urn:env");
    w.predeclare(&["urn:app", "urn:env", "urn:app"]);
    w.start_element(QNameRef::new("urn:env", "Envelope"))
        .unwrap();
    w.declare_prefix("soap", "urn:env");
    w.start_element(QNameRef::new("urn:app", "Op")).unwrap();
    w.start_element(QNameRef::new("urn:env", "Inner")).unwrap();
    w.end_element().unwrap();
    w.end_element().unwrap();
    w.end_element().unwrap();
    assert_eq!(
        out(w),
        "<soap:Envelope xmlns:soap=\"urn:env\" xmlns:ns1=\"urn:app\"><ns1:Op><soap:Inner/></ns1:Op></soap:Envelope>"
    );
}

#[test]
fn unqualified_child_of_a_default_namespace_undeclares_it() {
    let mut w = XmlWriter::new();
    w.declare_prefix("", "urn:d");
    w.start_element(QNameRef::new("urn:d", "a")).unwrap();
    w.start_element(QNameRef::new("", "b")).unwrap();
    w.start_element(QNameRef::new("", "c")).unwrap();
    w.end_element().unwrap();
    w.end_element().unwrap();
    w.end_element().unwrap();
    let s = out(w);
    assert_eq!(s, "<a xmlns=\"urn:d\"><b xmlns=\"\"><c/></b></a>");
    let mut r = XmlReader::new(&s, ReadOptions::default()).unwrap();
    assert!(r.root().unwrap().is("urn:d", "a"));
    assert!(r.next_child().unwrap().unwrap().is("", "b"));
}

/// A QName-valued simple type (as `xs:QName` is): it asks the writer for a prefix.
#[derive(Debug, PartialEq)]
struct Ref(String, String);

impl XmlText for Ref {
    fn from_xml_text(text: &str) -> Result<Self, ValueError> {
        Err(ValueError::new("Ref", text))
    }
    fn write_xml_text(&self, out: &mut String) {
        out.push_str(&self.1);
    }
    fn write_xml_text_in(&self, out: &mut String, scope: &mut dyn PrefixScope) {
        let p = scope.prefix_for(&self.0);
        if !p.is_empty() {
            out.push_str(&p);
            out.push(':');
        }
        out.push_str(&self.1);
    }
}

#[test]
fn qname_values_declare_their_prefix_on_the_open_element() {
    let mut w = XmlWriter::new();
    w.start_element(QNameRef::new("urn:a", "root")).unwrap();
    w.attribute_value(QNameRef::new("", "ref"), &Ref("urn:t".into(), "T".into()))
        .unwrap();
    w.start_element(QNameRef::new("urn:a", "v")).unwrap();
    w.text_value(&Ref("urn:t".into(), "U".into())).unwrap();
    w.end_element().unwrap();
    w.start_element(QNameRef::new("urn:a", "w")).unwrap();
    w.text_value(&Ref("urn:u".into(), "V".into())).unwrap();
    w.end_element().unwrap();
    w.end_element().unwrap();
    assert_eq!(
        out(w),
        "<ns1:root xmlns:ns1=\"urn:a\" xmlns:ns2=\"urn:t\" ref=\"ns2:T\"><ns1:v>ns2:U</ns1:v>\
         <ns1:w xmlns:ns3=\"urn:u\">ns3:V</ns1:w></ns1:root>"
    );
}

#[test]
fn xsi_type_and_nil() {
    let mut w = XmlWriter::new();
    w.start_element(QNameRef::new("urn:a", "list")).unwrap();
    w.set_xsi_type(QNameRef::new("urn:a", "Derived"));
    w.start_element(QNameRef::new("urn:a", "item")).unwrap();
    w.end_element().unwrap();
    w.start_element(QNameRef::new("urn:a", "item")).unwrap();
    w.nil().unwrap();
    w.end_element().unwrap();
    w.end_element().unwrap();
    assert_eq!(
        out(w),
        "<ns1:list xmlns:ns1=\"urn:a\"><ns1:item xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"ns1:Derived\"/>\
         <ns1:item xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"/></ns1:list>"
    );
    let _ = XSI_NS;
}

#[test]
fn misuse_is_reported() {
    let mut w = XmlWriter::new();
    w.start_element(QNameRef::new("", "a")).unwrap();
    w.text("x").unwrap();
    assert!(matches!(
        w.attribute(QNameRef::new("", "b"), "1"),
        Err(EncodeError::State(_))
    ));
    assert!(
        matches!(w.into_inner(), Err(EncodeError::State(_))),
        "unclosed element"
    );
    let mut w = XmlWriter::new();
    assert!(w.end_element().is_err());
}

/// The children of `doc`'s root, each read as an `AnyElement`.
fn any_children(doc: &str) -> Vec<AnyElement> {
    let mut r = XmlReader::new(doc, ReadOptions::default()).unwrap();
    r.root().unwrap();
    let mut children = Vec::new();
    while let Some(s) = r.next_child().unwrap() {
        children.push(<AnyElement as soapstone::xml::XmlRead>::read_xml(&mut r, &s).unwrap());
    }
    children
}

#[test]
fn any_element_written_alone_is_namespace_well_formed() {
    let doc = "<r xmlns:a=\"urn:a\" xmlns=\"urn:d\"><a:x v=\"a:y\"><z/></a:x></r>";
    let any = any_children(doc).remove(0);
    let mut w = XmlWriter::new();
    any.write(&mut w).unwrap();
    let s = out(w);
    assert_eq!(
        s,
        "<a:x xmlns:a=\"urn:a\" xmlns=\"urn:d\" v=\"a:y\"><z/></a:x>"
    );
    let mut r2 = XmlReader::new(&s, ReadOptions::default()).unwrap();
    r2.root().unwrap();
    assert!(r2.next_child().unwrap().unwrap().is("urn:d", "z"));
}

/// A string type taking the writer's direct path (`as_xml_str`).
struct Direct(&'static str);

impl XmlText for Direct {
    fn from_xml_text(text: &str) -> Result<Self, ValueError> {
        Err(ValueError::new("Direct", text))
    }
    fn write_xml_text(&self, out: &mut String) {
        out.push_str(self.0);
    }
    fn as_xml_str(&self) -> Option<&str> {
        Some(self.0)
    }
}

#[test]
fn direct_string_values_are_escaped_too() {
    let mut w = XmlWriter::new();
    w.start_element(QNameRef::new("", "a")).unwrap();
    w.attribute_value(QNameRef::new("", "v"), &Direct("\"<&>\""))
        .unwrap();
    w.text_value(&Direct("</a>]]>")).unwrap();
    w.end_element().unwrap();
    assert_eq!(
        out(w),
        "<a v=\"&quot;&lt;&amp;&gt;&quot;\">&lt;/a&gt;]]&gt;</a>"
    );
    let mut w = XmlWriter::new();
    w.start_element(QNameRef::new("", "a")).unwrap();
    assert!(w.text_value(&Direct("\u{7}")).is_err());
}

/// The obvious byte-by-byte escaper, to check the word-at-a-time one against.
fn reference_escape(s: &str, attr: bool) -> Result<String, u32> {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' if attr => out.push_str("&quot;"),
            '\r' => out.push_str("&#xD;"),
            '\n' if attr => out.push_str("&#xA;"),
            '\t' if attr => out.push_str("&#x9;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => return Err(c as u32),
            c => out.push(c),
        }
    }
    Ok(out)
}

#[test]
fn escaping_matches_the_reference_at_every_position() {
    let specials = [
        '<', '>', '&', '"', '\r', '\n', '\t', '\u{1}', '\u{FFFF}', '\u{FFFE}', 'é', '\u{EFFF}',
        '€', '\'',
    ];
    for len in 0..20 {
        for pos in 0..len.max(1) {
            for sp in specials {
                let s: String = (0..len).map(|i| if i == pos { sp } else { 'a' }).collect();
                for attr in [false, true] {
                    let mut out = Vec::new();
                    let got = soapstone::xml::escape_into(&mut out, &s, attr)
                        .map(|()| String::from_utf8(out).unwrap())
                        .map_err(|e| match e {
                            EncodeError::IllegalChar { code, .. } => code,
                            other => panic!("{other}"),
                        });
                    assert_eq!(got, reference_escape(&s, attr), "{s:?} attr={attr}");
                }
            }
        }
    }
}

#[test]
fn a_qname_needing_a_declaration_after_content_is_an_error() {
    let mut w = XmlWriter::new();
    w.start_element(QNameRef::new("", "a")).unwrap();
    w.text("x").unwrap();
    let e = w
        .text_value(&Ref("urn:late".into(), "T".into()))
        .unwrap_err();
    assert!(matches!(e, EncodeError::State(_)), "{e}");
}

/// Text split by comments, processing instructions and CDATA is one text node; the built
/// element equals the read one; the accessors see what was read.
#[test]
fn any_element_content_reads_merged_and_builds_equal() {
    use soapstone::xml::{AnyAttribute, Node};
    let doc = "<r xmlns=\"urn:x\"><a k=\"v\">one<!--c-->two<![CDATA[<3>]]><b>x</b>four<?p d?>five</a></r>";
    let any = any_children(doc).remove(0);
    assert_eq!((any.ns(), any.local(), any.prefix()), ("urn:x", "a", ""));
    assert_eq!(any.text(), None);
    let b: Vec<_> = any.elements().collect();
    assert_eq!(b.len(), 1);
    assert_eq!(b[0].text().as_deref(), Some("x"));
    let built = AnyElement::new("urn:x", "a")
        .with_attributes([AnyAttribute {
            ns: String::new(),
            local: "k".into(),
            value: "v".into(),
        }])
        .with_children([
            Node::from("onetwo<3>"),
            AnyElement::new("urn:x", "b").with_text("x").into(),
            Node::from("fourfive"),
        ]);
    assert_eq!(any, built);
    // Prefix hints and declarations do not take part in equality.
    assert_eq!(built.clone().with_prefix("p"), built);
    assert_ne!(AnyElement::new("urn:y", "a"), AnyElement::new("urn:x", "a"));
}

/// The sizes that keep a document of `xs:any` records under twice its size in memory (see
/// BENCHMARKS.md): a field's element, which holds its one text child in place, and a node,
/// which holds up to 24 bytes of text in place.
#[test]
fn any_element_and_node_stay_small() {
    assert!(std::mem::size_of::<AnyElement>() <= 64);
    assert!(std::mem::size_of::<soapstone::xml::Nodes>() <= 24);
    assert!(std::mem::size_of::<soapstone::xml::Node>() <= 24);
    let short = "x".repeat(24);
    let soapstone::xml::Node::Text(t) = soapstone::xml::Node::from(short.as_str()) else {
        unreachable!("text")
    };
    assert!(!t.is_heap_allocated());
}

/// An `xs:any` field written into another document declares only what its content may need:
/// not the reading document's envelope bindings, a prefix its QName value uses, the default
/// namespace for a bare name, and a namespace of a name the writer has no prefix for.
#[test]
fn any_element_declares_only_what_its_content_needs() {
    let doc = r#"<env:E xmlns:env="urn:env" xmlns="urn:p" xmlns:sf="urn:s" xmlns:o="urn:o"><sf:Name>Acme &amp; Co</sf:Name><sf:Kind>sf:Account</sf:Kind><sf:Code>Tech</sf:Code><sf:Path>/o:a/sf:b[1]</sf:Path><sf:Box><o:In>1 2</o:In></sf:Box></env:E>"#;
    let fields = any_children(doc);
    let mut w = XmlWriter::new();
    w.declare_prefix("x", "urn:s");
    w.start_element(QNameRef::new("urn:s", "Out")).unwrap();
    for f in &fields {
        f.write(&mut w).unwrap();
    }
    w.end_element().unwrap();
    let written = out(w);
    assert_eq!(
        written,
        concat!(
            r#"<x:Out xmlns:x="urn:s">"#,
            r#"<x:Name>Acme &amp; Co</x:Name>"#,
            r#"<sf:Kind xmlns:sf="urn:s">sf:Account</sf:Kind>"#,
            r#"<x:Code xmlns="urn:p">Tech</x:Code>"#,
            r#"<sf:Path xmlns:sf="urn:s" xmlns:o="urn:o">/o:a/sf:b[1]</sf:Path>"#,
            r#"<x:Box xmlns:o="urn:o"><o:In>1 2</o:In></x:Box>"#,
            "</x:Out>"
        )
    );
    // Read back, the fields are the same (names by URI, values unchanged).
    assert_eq!(any_children(&written), fields);
}

/// Past 64 kept declarations (checked 64 at a time), each is still written exactly when its
/// content needs it.
#[test]
fn any_element_with_many_declarations_declares_the_used_ones() {
    let decls: String = (0..70)
        .map(|i| format!(" xmlns:p{i}=\"urn:{i}\""))
        .collect();
    let doc = format!("<r{decls}><a>p67:x p3:y</a></r>");
    let any = any_children(&doc).remove(0);
    let mut w = XmlWriter::new();
    any.write(&mut w).unwrap();
    assert_eq!(
        out(w),
        r#"<a xmlns:p3="urn:3" xmlns:p67="urn:67">p67:x p3:y</a>"#
    );
}

/// Below the written element, an element's own declarations are all written, used or not
/// (only the outermost element's kept scope is trimmed to what its content needs); like every
/// declaration made while a start tag is open, it lands on that tag, in scope either way.
#[test]
fn any_element_children_keep_their_own_declarations() {
    let doc =
        r#"<r xmlns:a="urn:a" xmlns:e="urn:e"><a:x><y xmlns:u="urn:unused"><a:z/></y></a:x></r>"#;
    let any = any_children(doc).remove(0);
    let mut w = XmlWriter::new();
    any.write(&mut w).unwrap();
    assert_eq!(
        out(w),
        r#"<a:x xmlns:a="urn:a" xmlns:u="urn:unused"><y><a:z/></y></a:x>"#
    );
}
