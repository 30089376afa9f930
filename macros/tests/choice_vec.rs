//! A choice branch that repeats (`<xs:element maxOccurs="unbounded"/>` inside a 1..1
//! `xs:choice`) is a `Vec<T>` element variant: every occurrence of that branch in one variant,
//! exactly one branch, the choice itself required.

use soapstone::xml::{ReadOptions, from_str, to_string};
use soapstone::{XmlRead, XmlWrite};

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(choice)]
enum ValueChoice {
    #[xml(element = "S", ns = "urn:t")]
    S(String),
    #[xml(element = "SList", ns = "urn:t")]
    SList(Vec<String>),
    #[xml(element = "IList", ns = "urn:t")]
    IList(Vec<i32>),
}

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(root = "Value", ns = "urn:t")]
struct Value {
    #[xml(choice)]
    choice: ValueChoice,
}

fn read(body: &str) -> Result<Value, String> {
    let xml = format!("<t:Value xmlns:t=\"urn:t\">{body}</t:Value>");
    from_str::<Value>(&xml, &ReadOptions::strict()).map_err(|e| e.to_string())
}

#[test]
fn a_repeated_branch_reads_into_one_vec_variant_in_order() {
    let v = read("<t:SList>b</t:SList><t:SList>a</t:SList><t:SList>c</t:SList>").unwrap();
    assert_eq!(
        v.choice,
        ValueChoice::SList(vec!["b".into(), "a".into(), "c".into()])
    );
    let out = to_string(&v).unwrap();
    let at = |s: &str| out.find(s).unwrap_or(usize::MAX);
    assert_eq!(out.matches("SList>").count(), 6, "{out}");
    assert!(at(">b<") < at(">a<") && at(">a<") < at(">c<"), "{out}");
    assert_eq!(from_str::<Value>(&out, &ReadOptions::strict()).unwrap(), v);
}

#[test]
fn a_single_branch_still_reads() {
    let v = read("<t:S>x</t:S>").unwrap();
    assert_eq!(v.choice, ValueChoice::S("x".into()));
    let v = read("<t:IList>1</t:IList>").unwrap();
    assert_eq!(v.choice, ValueChoice::IList(vec![1]));
}

#[test]
fn two_branches_are_rejected() {
    let err = read("<t:SList>a</t:SList><t:IList>1</t:IList>").unwrap_err();
    assert!(err.contains("IList"), "{err}");
    let err = read("<t:S>a</t:S><t:S>b</t:S>").unwrap_err();
    assert!(err.contains('S'), "{err}");
}

#[test]
fn an_empty_required_choice_is_rejected() {
    let err = read("").unwrap_err();
    assert!(err.contains("SList"), "{err}");
}

#[test]
fn an_empty_vec_variant_writes_nothing_and_does_not_read_back() {
    let v = Value {
        choice: ValueChoice::IList(vec![]),
    };
    let out = to_string(&v).unwrap();
    assert!(!out.contains("IList"), "{out}");
    assert!(from_str::<Value>(&out, &ReadOptions::strict()).is_err());
}

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(choice)]
enum MaybeChoice {
    #[xml(element = "N", ns = "urn:t", nillable)]
    N(soapstone::xml::Nillable<i32>),
    #[xml(element = "M", ns = "urn:t", nillable)]
    M(Vec<soapstone::xml::Nillable<i32>>),
    #[xml(element = "P", ns = "urn:t")]
    P(i32),
}

#[derive(Debug, Clone, PartialEq, XmlRead, XmlWrite)]
#[xml(root = "Maybe", ns = "urn:t")]
struct Maybe {
    #[xml(choice)]
    choice: MaybeChoice,
}

#[test]
fn nillable_variants_take_xsi_nil_and_others_refuse_it() {
    use soapstone::xml::Nillable;
    let doc = |body: &str| {
        format!(
            "<t:Maybe xmlns:t=\"urn:t\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">{body}</t:Maybe>"
        )
    };
    let v: Maybe = from_str(&doc("<t:N xsi:nil=\"true\"/>"), &ReadOptions::strict()).unwrap();
    assert_eq!(v.choice, MaybeChoice::N(Nillable::Nil));
    let out = to_string(&v).unwrap();
    assert!(out.contains("nil=\"true\""), "{out}");
    assert_eq!(from_str::<Maybe>(&out, &ReadOptions::strict()).unwrap(), v);
    let v: Maybe = from_str(
        &doc("<t:M>1</t:M><t:M xsi:nil=\"true\"/>"),
        &ReadOptions::strict(),
    )
    .unwrap();
    assert_eq!(
        v.choice,
        MaybeChoice::M(vec![Nillable::Value(1), Nillable::Nil])
    );
    let err = from_str::<Maybe>(&doc("<t:P xsi:nil=\"true\"/>"), &ReadOptions::strict())
        .unwrap_err()
        .to_string();
    assert!(err.contains("nil"), "{err}");
}
