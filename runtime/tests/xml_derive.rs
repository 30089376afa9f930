//! The derives end to end: every attribute kind, round trips, and the errors strict and lax
//! reading give.

use soapstone::xml::{
    self, AnyAttribute, AnyElement, DecodeErrorKind, Nillable, Node, QNameRef, ReadOptions,
    Unknown, XmlReader,
};
use soapstone::{XmlRead, XmlText, XmlWrite};

const NS: &str = "urn:test:chat";
const OTHER: &str = "urn:test:other";

fn strict() -> ReadOptions {
    ReadOptions::default()
}

fn lax() -> ReadOptions {
    ReadOptions {
        unknown: Unknown::Skip,
        ..ReadOptions::default()
    }
}

fn read<T: xml::XmlRead + xml::XmlRoot>(s: &str) -> Result<T, xml::DecodeError> {
    xml::from_str(s, &strict())
}

fn round_trip<
    T: xml::XmlRead + xml::XmlWrite + xml::XmlRoot + PartialEq + std::fmt::Debug + 'static,
>(
    v: &T,
) -> String {
    let s = xml::to_string(v).expect("encode");
    let back: T = read(&s).unwrap_or_else(|e| panic!("decode {s}: {e}"));
    assert_eq!(&back, v, "round trip through {s}");
    s
}

// ----- simple types -------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, XmlText)]
enum UrlType {
    #[xml(value = "ENDUSER")]
    EndUser,
    #[xml(value = "AGENT")]
    Agent,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, XmlText)]
#[xml(min_length = 2, max_length = 5, pattern = "[a-z]+\\d?")]
struct Code(String);

#[derive(Debug, Clone, PartialEq, Eq, XmlText)]
#[xml(min_inclusive = "1", max_exclusive = "100")]
struct Percent(i32);

#[derive(Debug, Clone, PartialEq, Eq, XmlText)]
#[xml(list, max_length = 3)]
struct IntList(Vec<i32>);

#[derive(Debug, Clone, PartialEq, Eq, XmlText)]
#[xml(union)]
enum IntOrUrl {
    Int(i32),
    Url(UrlType),
}

#[test]
fn xml_text_enumeration_collapses_and_rejects() {
    use soapstone::xml::XmlText as _;
    assert_eq!(
        UrlType::from_xml_text("  ENDUSER\n").unwrap(),
        UrlType::EndUser
    );
    assert_eq!(UrlType::from_xml_text("Other").unwrap(), UrlType::Other);
    let e = UrlType::from_xml_text("enduser").unwrap_err();
    assert_eq!(e.expected, "enumeration UrlType");
    let mut s = String::new();
    UrlType::Agent.write_xml_text(&mut s);
    assert_eq!(s, "AGENT");
}

#[test]
fn xml_text_facets_on_read_and_try_from() {
    use soapstone::xml::XmlText as _;
    assert_eq!(Code::from_xml_text("abc1").unwrap(), Code("abc1".into()));
    assert!(
        Code::from_xml_text("a")
            .unwrap_err()
            .to_string()
            .contains("at least 2")
    );
    assert!(
        Code::from_xml_text("abcdef")
            .unwrap_err()
            .to_string()
            .contains("at most 5")
    );
    assert!(
        Code::from_xml_text("ab-c")
            .unwrap_err()
            .to_string()
            .contains("pattern")
    );
    // The pattern is anchored, as XSD patterns are.
    assert!(Code::from_xml_text("ab12").is_err());
    assert!(Code::try_from(String::from("Abc")).is_err());
    assert_eq!(Percent::try_from(1).unwrap(), Percent(1));
    assert!(Percent::try_from(0).is_err());
    assert!(
        Percent::try_from(100)
            .unwrap_err()
            .to_string()
            .contains("must be < 100")
    );
    assert_eq!(Percent::from_xml_text(" 99 ").unwrap(), Percent(99));
}

#[test]
fn xml_text_list_and_union() {
    use soapstone::xml::XmlText as _;
    let l = IntList::from_xml_text(" 1\n 2\t3 ").unwrap();
    assert_eq!(l, IntList(vec![1, 2, 3]));
    let mut s = String::new();
    l.write_xml_text(&mut s);
    assert_eq!(s, "1 2 3");
    assert!(
        IntList::from_xml_text("1 2 3 4")
            .unwrap_err()
            .to_string()
            .contains("at most 3")
    );
    assert!(IntList::from_xml_text("1 x").is_err());
    assert_eq!(IntOrUrl::from_xml_text("42").unwrap(), IntOrUrl::Int(42));
    assert_eq!(
        IntOrUrl::from_xml_text("AGENT").unwrap(),
        IntOrUrl::Url(UrlType::Agent)
    );
    assert_eq!(
        IntOrUrl::from_xml_text("nope").unwrap_err().expected,
        "union IntOrUrl"
    );
}

// ----- a sequence with attributes -----------------------------------------------------------

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(root = "Message", ns = "urn:test:chat")]
struct Message {
    #[xml(attribute = "id")]
    id: i32,
    #[xml(attribute = "lang", ns = "http://www.w3.org/XML/1998/namespace")]
    lang: Option<String>,
    #[xml(attribute = "kind", default = "ENDUSER")]
    kind: UrlType,
    #[xml(attribute = "version", fixed = "1")]
    version: i32,
    #[xml(element = "From", ns = "urn:test:chat")]
    from: String,
    #[xml(element = "Body", ns = "urn:test:chat")]
    body: Option<String>,
    #[xml(element = "Tag", ns = "urn:test:chat")]
    tags: Vec<String>,
    #[xml(element = "Count")]
    count: Box<i32>,
    #[xml(element = "Extra", ns = "urn:test:chat")]
    extra: Option<Box<Message>>,
}

fn message() -> Message {
    Message {
        id: 7,
        lang: Some("en".into()),
        kind: UrlType::Agent,
        version: 1,
        from: "Ann </Body> & ]]> \"q\"".into(),
        body: None,
        tags: vec!["a".into(), "b".into()],
        count: Box::new(3),
        extra: Some(Box::new(Message {
            id: 8,
            lang: None,
            kind: UrlType::EndUser,
            version: 1,
            from: "Bob".into(),
            body: Some("hi".into()),
            tags: vec![],
            count: Box::new(0),
            extra: None,
        })),
    }
}

#[test]
fn struct_round_trip_and_exact_output() {
    let m = message();
    let s = round_trip(&m);
    assert_eq!(
        s,
        "<ns1:Message xmlns:ns1=\"urn:test:chat\" id=\"7\" xml:lang=\"en\" kind=\"AGENT\" version=\"1\">\
         <ns1:From>Ann &lt;/Body&gt; &amp; ]]&gt; \"q\"</ns1:From><ns1:Tag>a</ns1:Tag><ns1:Tag>b</ns1:Tag>\
         <Count>3</Count><ns1:Extra id=\"8\" kind=\"ENDUSER\" version=\"1\"><ns1:From>Bob</ns1:From>\
         <ns1:Body>hi</ns1:Body><Count>0</Count></ns1:Extra></ns1:Message>"
    );
}

#[test]
fn names_match_by_uri_whatever_the_prefix() {
    for (decl, p) in [
        ("xmlns:ns2=\"urn:test:chat\"", "ns2:"),
        ("xmlns:S=\"urn:test:chat\"", "S:"),
        ("xmlns=\"urn:test:chat\"", ""),
    ] {
        let doc = format!(
            "<{p}Message {decl} id=\"1\"><{p}From>x</{p}From><Count xmlns=\"\">2</Count></{p}Message>"
        );
        let m: Message = read(&doc).unwrap_or_else(|e| panic!("{doc}: {e}"));
        assert_eq!(m.from, "x");
        assert_eq!(*m.count, 2);
        assert_eq!(
            m.kind,
            UrlType::EndUser,
            "absent attribute takes its default"
        );
        assert_eq!(m.version, 1, "absent fixed attribute takes the fixed value");
    }
}

#[test]
fn wrong_namespace_is_an_error_not_a_match() {
    let doc = "<n0:Message xmlns:n0=\"urn:test:chat\" xmlns:o=\"urn:test:other\" id=\"1\"><o:From>x</o:From><Count>1</Count></n0:Message>";
    let e = read::<Message>(doc).unwrap_err();
    assert_eq!(
        e.kind,
        DecodeErrorKind::UnexpectedElement("{urn:test:other}From".into())
    );
    assert_eq!(e.path, "/Message/From");
    assert_eq!((e.line, e.column), (1, 70));
    let root = read::<Message>("<Message id=\"1\"/>").unwrap_err();
    assert!(
        matches!(root.kind, DecodeErrorKind::WrongRoot { .. }),
        "{root}"
    );
}

#[test]
fn missing_required_element_and_attribute() {
    let e = read::<Message>(
        "<m:Message xmlns:m=\"urn:test:chat\" id=\"1\"><m:From>x</m:From></m:Message>",
    )
    .unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::MissingElement("Count".into()));
    assert_eq!(e.path, "/Message");
    let e = read::<Message>(
        "<m:Message xmlns:m=\"urn:test:chat\"><m:From>x</m:From><Count>1</Count></m:Message>",
    )
    .unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::MissingAttribute("id".into()));
}

#[test]
fn bad_values_name_the_path() {
    let doc = "<m:Message xmlns:m=\"urn:test:chat\" id=\"1\">\n  <m:From>x</m:From>\n  <Count>three</Count>\n</m:Message>";
    let e = read::<Message>(doc).unwrap_err();
    assert!(matches!(e.kind, DecodeErrorKind::Value(_)), "{e}");
    assert_eq!(e.path, "/Message/Count");
    assert_eq!(e.line, 3);
    let e = read::<Message>("<m:Message xmlns:m=\"urn:test:chat\" id=\"x\"/>").unwrap_err();
    assert!(
        matches!(e.kind, DecodeErrorKind::AttributeValue { ref name, .. } if name == "id"),
        "{e}"
    );
    let e = read::<Message>("<m:Message xmlns:m=\"urn:test:chat\" id=\"1\" version=\"2\"><m:From/><Count>1</Count></m:Message>")
        .unwrap_err();
    assert!(matches!(e.kind, DecodeErrorKind::Fixed { .. }), "{e}");
    // Values stay errors in lax mode.
    assert!(
        xml::from_str::<Message>("<m:Message xmlns:m=\"urn:test:chat\" id=\"x\"/>", &lax())
            .is_err()
    );
}

#[test]
fn strict_rejects_and_lax_skips_unknown_content() {
    let doc = "<m:Message xmlns:m=\"urn:test:chat\" xmlns:o=\"urn:test:other\" id=\"1\" o:extra=\"1\">\
               <m:From>x</m:From><m:Unknown><deep><deeper/></deep></m:Unknown><Count>1</Count>stray</m:Message>";
    let e = read::<Message>(doc).unwrap_err();
    assert_eq!(
        e.kind,
        DecodeErrorKind::UnexpectedAttribute("{urn:test:other}extra".into())
    );
    let m: Message = xml::from_str(doc, &lax()).unwrap();
    assert_eq!(m.from, "x");
    assert_eq!(*m.count, 1);
    // Missing required content is still an error in lax mode.
    let e = xml::from_str::<Message>(
        "<m:Message xmlns:m=\"urn:test:chat\" id=\"1\"><m:X/></m:Message>",
        &lax(),
    )
    .unwrap_err();
    assert_eq!(
        e.kind,
        DecodeErrorKind::MissingElement("{urn:test:chat}From".into())
    );
}

#[test]
fn order_and_duplicates() {
    let doc = "<m:Message xmlns:m=\"urn:test:chat\" id=\"1\"><Count>1</Count><m:From>x</m:From></m:Message>";
    let e = read::<Message>(doc).unwrap_err();
    assert_eq!(
        e.kind,
        DecodeErrorKind::OutOfOrder("{urn:test:chat}From".into())
    );
    assert_eq!(e.path, "/Message/From");
    let m: Message = xml::from_str(doc, &lax()).unwrap();
    assert_eq!(m.from, "x");
    let doc = "<m:Message xmlns:m=\"urn:test:chat\" id=\"1\"><m:From>x</m:From><m:From>y</m:From><Count>1</Count></m:Message>";
    let e = read::<Message>(doc).unwrap_err();
    assert_eq!(
        e.kind,
        DecodeErrorKind::DuplicateElement("{urn:test:chat}From".into())
    );
    assert_eq!(e.path, "/Message/From[2]");
}

// ----- nillable, default, fixed elements ----------------------------------------------------

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(root = "Nils", ns = "urn:test:chat")]
struct Nils {
    #[xml(element = "A", ns = "urn:test:chat", nillable)]
    a: Nillable<String>,
    #[xml(element = "B", ns = "urn:test:chat", nillable)]
    b: Option<Nillable<i32>>,
    #[xml(element = "C", ns = "urn:test:chat", nillable)]
    c: Vec<Nillable<i32>>,
    #[xml(element = "D", ns = "urn:test:chat", default = "5")]
    d: Option<i32>,
    #[xml(element = "E", ns = "urn:test:chat", fixed = "ENDUSER")]
    e: Option<UrlType>,
    #[xml(element = "F", ns = "urn:test:chat")]
    f: Option<i32>,
}

#[test]
fn nillable_default_and_fixed_elements() {
    let v = Nils {
        a: Nillable::Nil,
        b: Some(Nillable::Value(2)),
        c: vec![Nillable::Value(1), Nillable::Nil],
        d: Some(6),
        e: Some(UrlType::EndUser),
        f: None,
    };
    let s = round_trip(&v);
    assert!(s.starts_with("<ns1:Nils xmlns:ns1=\"urn:test:chat\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"), "{s}");
    assert!(s.contains("<ns1:A xsi:nil=\"true\"/>"), "{s}");
    let doc = "<Nils xmlns=\"urn:test:chat\" xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\">\
               <A i:nil=\"1\"/><D/><E/></Nils>";
    let n: Nils = read(doc).unwrap();
    assert_eq!(n.a, Nillable::Nil);
    assert_eq!(n.d, Some(5), "an empty element takes the default");
    assert_eq!(n.e, Some(UrlType::EndUser));
    let bad = "<Nils xmlns=\"urn:test:chat\"><A>x</A><E>AGENT</E></Nils>";
    assert!(matches!(
        read::<Nils>(bad).unwrap_err().kind,
        DecodeErrorKind::Fixed { .. }
    ));
    let nil_content = "<Nils xmlns=\"urn:test:chat\" xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\"><A i:nil=\"true\">x</A></Nils>";
    assert!(matches!(
        read::<Nils>(nil_content).unwrap_err().kind,
        DecodeErrorKind::Nil(_)
    ));
    let not_nillable = "<Nils xmlns=\"urn:test:chat\" xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\"><A/><F i:nil=\"true\"/></Nils>";
    assert!(matches!(
        read::<Nils>(not_nillable).unwrap_err().kind,
        DecodeErrorKind::Nil(_)
    ));
}

// ----- simple content, any, any_attribute, mixed ---------------------------------------------

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(root = "Amount", ns = "urn:test:chat")]
struct Amount {
    #[xml(attribute = "currency")]
    currency: String,
    #[xml(text)]
    value: i64,
}

#[test]
fn simple_content() {
    let v = Amount {
        currency: "EUR".into(),
        value: -12,
    };
    assert_eq!(
        round_trip(&v),
        "<ns1:Amount xmlns:ns1=\"urn:test:chat\" currency=\"EUR\">-12</ns1:Amount>"
    );
    let e = read::<Amount>("<Amount xmlns=\"urn:test:chat\" currency=\"x\">1<b/></Amount>")
        .unwrap_err();
    assert!(
        matches!(e.kind, DecodeErrorKind::ChildInSimpleContent(_)),
        "{e}"
    );
}

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(
    root = "Open",
    ns = "urn:test:chat",
    type_ns = "urn:test:chat",
    type_name = "OpenType"
)]
struct Open {
    #[xml(element = "Known", ns = "urn:test:chat")]
    known: Option<String>,
    #[xml(any, namespace = "##other")]
    others: Vec<AnyElement>,
    #[xml(any_attribute)]
    attrs: Vec<AnyAttribute>,
}

#[test]
fn any_keeps_namespace_declarations() {
    let doc = "<c:Open xmlns:c=\"urn:test:chat\" xmlns:o=\"urn:test:other\" o:flag=\"yes\">\
               <c:Known>k</c:Known><o:Ext a=\"1\" type=\"o:Thing\">text<o:Inner/><x:More xmlns:x=\"urn:x\"/></o:Ext></c:Open>";
    let v: Open = read(doc).unwrap();
    assert_eq!(v.known.as_deref(), Some("k"));
    assert_eq!(
        v.attrs,
        vec![AnyAttribute {
            ns: OTHER.into(),
            local: "flag".into(),
            value: "yes".into()
        }]
    );
    assert_eq!(v.others.len(), 1);
    let ext = &v.others[0];
    assert_eq!(ext.name(), QNameRef::new(OTHER, "Ext"));
    assert!(
        ext.namespaces.contains(&("o".into(), OTHER.into())),
        "the QName value o:Thing keeps its prefix"
    );
    // Written alone, the subtree is namespace-well-formed and keeps the `o` prefix.
    let mut w = xml::XmlWriter::new();
    ext.write(&mut w).unwrap();
    let alone = String::from_utf8(w.into_inner().unwrap()).unwrap();
    let mut r = XmlReader::new(&alone, strict()).unwrap();
    let root = r.root().unwrap();
    assert_eq!(root.name(), QNameRef::new(OTHER, "Ext"));
    assert!(alone.contains("xmlns:o=\"urn:test:other\""), "{alone}");
    round_trip(&v);
    // ##other: an element of the target namespace is not "other".
    let e = read::<Open>("<c:Open xmlns:c=\"urn:test:chat\"><c:Unknown/></c:Open>").unwrap_err();
    assert!(matches!(e.kind, DecodeErrorKind::UnexpectedElement(_)));
}

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(root = "Para", ns = "urn:test:chat", mixed)]
struct Para {
    #[xml(attribute = "style")]
    style: Option<String>,
    #[xml(mixed)]
    content: Vec<Node>,
}

#[test]
fn mixed_content_in_order() {
    let doc = "<Para xmlns=\"urn:test:chat\">Hello <b>bold &amp; <i>it</i></b> and<![CDATA[ <raw> ]]>!</Para>";
    let p: Para = read(doc).unwrap();
    assert_eq!(p.content.len(), 3);
    assert_eq!(p.content[0], Node::Text("Hello ".into()));
    let Node::Element(b) = &p.content[1] else {
        panic!("element expected")
    };
    assert_eq!(b.name(), QNameRef::new(NS, "b"));
    assert_eq!(p.content[2], Node::Text(" and <raw> !".into()));
    round_trip(&p);
}

// ----- flatten groups, choices, substitution-like order ----------------------------------------

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(group)]
struct NameGroup {
    #[xml(element = "First", ns = "urn:test:chat")]
    first: String,
    #[xml(element = "Last", ns = "urn:test:chat")]
    last: Option<String>,
}

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(choice)]
enum Value {
    #[xml(element = "Str", ns = "urn:test:chat")]
    Str(String),
    #[xml(element = "Int", ns = "urn:test:chat")]
    Int(Box<i32>),
    #[xml(flatten)]
    Name(NameGroup),
    #[xml(any, namespace = "urn:test:other")]
    Other(AnyElement),
}

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(root = "Record", ns = "urn:test:chat")]
struct Record {
    #[xml(element = "Id", ns = "urn:test:chat")]
    id: i32,
    #[xml(flatten)]
    names: Vec<NameGroup>,
    #[xml(choice)]
    first_value: Value,
    #[xml(choice)]
    values: Vec<Value>,
    #[xml(element = "End", ns = "urn:test:chat")]
    end: Option<String>,
}

#[test]
fn flatten_groups_repeat_and_choices_keep_order() {
    let doc = "<r:Record xmlns:r=\"urn:test:chat\" xmlns:o=\"urn:test:other\"><r:Id>1</r:Id>\
               <r:First>a</r:First><r:Last>b</r:Last><r:First>c</r:First>\
               <r:Int>5</r:Int>\
               <r:Str>x</r:Str><o:Any/><r:First>n</r:First><r:Int>6</r:Int><r:First>m</r:First><r:Last>l</r:Last>\
               <r:End>e</r:End></r:Record>";
    let v: Record = read(doc).unwrap();
    assert_eq!(
        v.names,
        vec![
            NameGroup {
                first: "a".into(),
                last: Some("b".into())
            },
            NameGroup {
                first: "c".into(),
                last: None
            }
        ]
    );
    assert_eq!(v.first_value, Value::Int(Box::new(5)));
    assert_eq!(v.values.len(), 5);
    assert_eq!(v.values[0], Value::Str("x".into()));
    assert!(matches!(&v.values[1], Value::Other(e) if e.local() == "Any"));
    assert_eq!(
        v.values[2],
        Value::Name(NameGroup {
            first: "n".into(),
            last: None
        })
    );
    assert_eq!(v.values[3], Value::Int(Box::new(6)));
    assert_eq!(
        v.values[4],
        Value::Name(NameGroup {
            first: "m".into(),
            last: Some("l".into())
        })
    );
    assert_eq!(v.end.as_deref(), Some("e"));
    round_trip(&v);
}

#[test]
fn missing_choice_and_group_errors() {
    let e = read::<Record>("<r:Record xmlns:r=\"urn:test:chat\"><r:Id>1</r:Id><r:End/></r:Record>")
        .unwrap_err();
    assert!(
        matches!(&e.kind, DecodeErrorKind::MissingChoice(s) if s.contains("Str")),
        "{e}"
    );
    assert_eq!(e.path, "/Record");
    let e = read::<Record>("<r:Record xmlns:r=\"urn:test:chat\"><r:Id>1</r:Id><r:Last>x</r:Last><r:Str>s</r:Str></r:Record>")
        .unwrap_err();
    assert_eq!(
        e.kind,
        DecodeErrorKind::MissingElement("{urn:test:chat}First".into()),
        "{e}"
    );
}

// ----- polymorphism (xsi:type) --------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(type_name = "SystemMessage", type_ns = "urn:test:chat")]
struct SystemMessage {
    #[xml(element = "Id", ns = "urn:test:chat")]
    id: i32,
}

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(type_name = "Posted", type_ns = "urn:test:chat")]
struct Posted {
    #[xml(element = "Id", ns = "urn:test:chat")]
    id: i32,
    #[xml(element = "Body", ns = "urn:test:chat")]
    body: String,
}

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(polymorphic)]
enum SystemMessageKind {
    #[xml(type_name = "SystemMessage", type_ns = "urn:test:chat", base)]
    Base(SystemMessage),
    #[xml(type_name = "Posted", type_ns = "urn:test:chat")]
    Posted(Box<Posted>),
}

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(root = "Messages", ns = "urn:test:chat")]
struct Messages {
    #[xml(element = "SystemMessage", ns = "urn:test:chat")]
    items: Vec<SystemMessageKind>,
}

#[test]
fn polymorphic_by_xsi_type() {
    let doc = "<m:Messages xmlns:m=\"urn:test:chat\" xmlns:t=\"urn:test:chat\" xmlns:x=\"http://www.w3.org/2001/XMLSchema-instance\">\
               <m:SystemMessage><m:Id>1</m:Id></m:SystemMessage>\
               <m:SystemMessage x:type=\"t:Posted\"><m:Id>2</m:Id><m:Body>b</m:Body></m:SystemMessage>\
               <m:SystemMessage x:type=\"m:SystemMessage\"><m:Id>3</m:Id></m:SystemMessage></m:Messages>";
    let v: Messages = read(doc).unwrap();
    assert_eq!(
        v.items,
        vec![
            SystemMessageKind::Base(SystemMessage { id: 1 }),
            SystemMessageKind::Posted(Box::new(Posted {
                id: 2,
                body: "b".into()
            })),
            SystemMessageKind::Base(SystemMessage { id: 3 }),
        ]
    );
    let s = round_trip(&v);
    assert!(
        s.contains("<ns1:SystemMessage xsi:type=\"ns1:Posted\">"),
        "{s}"
    );
    let unknown = doc.replace("t:Posted", "t:Nope");
    let e = read::<Messages>(&unknown).unwrap_err();
    assert_eq!(
        e.kind,
        DecodeErrorKind::UnknownType("{urn:test:chat}Nope".into())
    );
    assert_eq!(e.path, "/Messages/SystemMessage[2]");
    // Lax mode falls back to the base type and skips the unknown children.
    let v: Messages = xml::from_str(&unknown, &lax()).unwrap();
    assert_eq!(v.items[1], SystemMessageKind::Base(SystemMessage { id: 2 }));
    let undeclared = doc.replace("t:Posted", "zz:Posted");
    assert!(matches!(
        read::<Messages>(&undeclared).unwrap_err().kind,
        DecodeErrorKind::AttributeValue { .. }
    ));
}

// ----- type-level lax and crate path ----------------------------------------------------------

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(root = "Loose", ns = "urn:test:chat", lax, crate = "::soapstone")]
struct Loose {
    #[xml(element = "A", ns = "urn:test:chat")]
    a: i32,
}

#[test]
fn lax_type_ignores_unknown_content_even_in_strict_reads() {
    let v: Loose = read("<Loose xmlns=\"urn:test:chat\" junk=\"1\"><Z/><A>1</A></Loose>").unwrap();
    assert_eq!(v.a, 1);
}

#[test]
fn to_writer_and_to_vec_agree() {
    let v = Loose { a: 4 };
    let mut out = Vec::new();
    xml::to_writer(&v, &mut out).unwrap();
    assert_eq!(out, xml::to_vec(&v).unwrap());
}

#[test]
fn illegal_characters_are_encode_errors() {
    let v = Amount {
        currency: "a\u{1}".into(),
        value: 1,
    };
    assert!(matches!(
        xml::to_vec(&v),
        Err(xml::EncodeError::IllegalChar { code: 1, .. })
    ));
}

// ----- xs:all ---------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(root = "Person", ns = "urn:test:chat", all)]
struct Person {
    #[xml(element = "Name", ns = "urn:test:chat")]
    name: String,
    #[xml(element = "Age", ns = "urn:test:chat")]
    age: Option<u8>,
}

#[test]
fn all_groups_accept_any_order_but_not_duplicates() {
    let p: Person =
        read("<Person xmlns=\"urn:test:chat\"><Age>3</Age><Name>n</Name></Person>").unwrap();
    assert_eq!(
        p,
        Person {
            name: "n".into(),
            age: Some(3)
        }
    );
    round_trip(&p);
    let e = read::<Person>(
        "<Person xmlns=\"urn:test:chat\"><Age>3</Age><Age>4</Age><Name>n</Name></Person>",
    )
    .unwrap_err();
    assert_eq!(
        e.kind,
        DecodeErrorKind::DuplicateElement("{urn:test:chat}Age".into())
    );
}

// ----- hostile input never panics ---------------------------------------------------------------

#[test]
fn mutated_documents_give_errors_never_panics() {
    let doc = xml::to_string(&message()).unwrap();
    let doc = doc
        .replace("<ns1:From>", "<!-- c --><ns1:From>")
        .replace("Bob", "B&amp;b<![CDATA[x]]>");
    let bytes = doc.as_bytes();
    let specials = [
        b'<', b'>', b'&', b'/', b'"', b'\'', b':', b'=', b';', b'!', b'?', b'[', b']', b' ', 0xC3,
        b'x',
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut errors = 0;
    for cut in 0..bytes.len() {
        // Every truncation is an error (the root end tag is the last thing in the document).
        assert!(
            xml::from_slice::<Message>(&bytes[..cut], &strict()).is_err(),
            "truncated at {cut}"
        );
    }
    for _ in 0..4000 {
        let mut m = bytes.to_vec();
        for _ in 0..1 + next() % 3 {
            let i = (next() % m.len() as u64) as usize;
            match next() % 3 {
                0 => m[i] = specials[(next() % specials.len() as u64) as usize],
                1 => {
                    m.remove(i);
                }
                _ => m.insert(i, specials[(next() % specials.len() as u64) as usize]),
            }
        }
        for opts in [strict(), lax()] {
            if xml::from_slice::<Message>(&m, &opts).is_err() {
                errors += 1;
            }
        }
    }
    assert!(
        errors > 4000,
        "most mutations break the document ({errors})"
    );
}

// ----- property: any string survives text and attribute round trips ---------------------------

mod props {
    use proptest::prelude::*;

    use super::*;

    fn xml_string() -> impl Strategy<Value = String> {
        // XML 1.0 characters, weighted towards markup-significant ones.
        let ch = prop_oneof![
            3 => prop::sample::select(vec!['<', '>', '&', '"', '\'', ']', '\r', '\n', '\t', ' ', ';', '#']),
            5 => any::<char>().prop_filter("XML 1.0 character", |c| xml::is_xml_char(*c)),
        ];
        prop::collection::vec(ch, 0..40).prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn strings_round_trip_through_text_and_attributes(a in xml_string(), t in xml_string(), n in any::<i64>()) {
            let v = Amount { currency: a, value: n };
            let s = xml::to_string(&v).unwrap();
            let back: Amount = read(&s).unwrap();
            prop_assert_eq!(back, v);
            let m = Para { style: Some(t.clone()), content: if t.is_empty() { vec![] } else { vec![Node::Text(t.into())] } };
            let s = xml::to_string(&m).unwrap();
            let back: Para = read(&s).unwrap();
            prop_assert_eq!(back, m);
        }
    }
}

// ----- xsi:nil on a root that is not nillable ------------------------------------------------

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(root = "Note", ns = "urn:test:chat")]
struct Note {
    #[xml(text)]
    text: String,
}

/// A nil document must not read as an empty value: strict refuses `xsi:nil="true"` on a root
/// that is not declared nillable (as on element fields), lax ignores it; `xsi:nil="false"` is
/// no nil.
#[test]
fn xsi_nil_on_a_root_that_is_not_nillable() {
    let nil = r#"<t:Note xmlns:t="urn:test:chat" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>"#;
    let err = read::<Note>(nil).expect_err("strict refuses a nil root");
    assert!(
        matches!(err.kind, DecodeErrorKind::Nil(_)),
        "{err} ({:?})",
        err.kind
    );
    assert!(err.to_string().contains("not nillable"), "{err}");
    let lax_read: Note = xml::from_str(nil, &lax()).expect("lax ignores xsi:nil");
    assert_eq!(lax_read.text, "");
    let not_nil = r#"<t:Note xmlns:t="urn:test:chat" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="false">hi</t:Note>"#;
    assert_eq!(read::<Note>(not_nil).expect("not nil").text, "hi");
}
