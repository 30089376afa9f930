//! One test per XML Schema construct, each with a small inline schema, asserting on the model
//! and on the emitted text.

mod common;

use common::*;
use soapstone_codegen::model::{FieldKind, Occurs, TypeExpr, TypeKind};

#[test]
fn element_form_default_qualifies_local_elements() {
    let g = gen_one(
        "form",
        &xsd(r#"<xs:complexType name="A"><xs:sequence>
              <xs:element name="q" type="xs:string"/>
              <xs:element name="u" type="xs:string" form="unqualified"/>
            </xs:sequence>
            <xs:attribute name="plain" type="xs:string"/>
            <xs:attribute name="qual" type="xs:string" form="qualified"/>
          </xs:complexType>"#),
    );
    assert_has(
        &g,
        r#"#[xml(element = "q", ns = "urn:t")] pub q: ::std::string::String,"#,
    );
    assert_has(&g, r#"#[xml(element = "u")] pub u: ::std::string::String,"#);
    assert_has(
        &g,
        r#"#[xml(attribute = "plain")] pub plain: ::std::option::Option<::std::string::String>,"#,
    );
    assert_has(&g, r#"#[xml(attribute = "qual", ns = "urn:t")]"#);
}

#[test]
fn attribute_form_default_qualified() {
    let g = gen_one(
        "attrform",
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:a"
             attributeFormDefault="qualified">
             <xs:complexType name="A"><xs:attribute name="x" type="xs:int" use="required"/></xs:complexType>
           </xs:schema>"#,
    );
    assert_has(&g, r#"#[xml(attribute = "x", ns = "urn:a")] pub x: i32,"#);
    // elementFormDefault defaults to unqualified.
    assert_has(&g, r#"#[xml(type_name = "A", type_ns = "urn:a")]"#);
}

#[test]
fn occurrences_map_to_option_and_vec() {
    let g = gen_one(
        "occurs",
        &xsd(r#"<xs:element name="R"><xs:complexType><xs:sequence>
              <xs:element name="one" type="xs:int"/>
              <xs:element name="opt" type="xs:int" minOccurs="0"/>
              <xs:element name="many" type="xs:int" maxOccurs="unbounded"/>
              <xs:element name="three" type="xs:int" minOccurs="0" maxOccurs="3"/>
              <xs:element name="never" type="xs:int" maxOccurs="0"/>
            </xs:sequence></xs:complexType></xs:element>"#),
    );
    assert_has(&g, r#"#[xml(root = "R", ns = "urn:t")] pub struct R {"#);
    assert_has(&g, "pub one: i32,");
    assert_has(&g, "pub opt: ::std::option::Option<i32>,");
    assert_has(&g, "pub many: ::std::vec::Vec<i32>,");
    assert_has(&g, "pub three: ::std::vec::Vec<i32>,");
    assert_lacks(&g, "never");
}

#[test]
fn nillable_default_fixed() {
    let g = gen_one(
        "nillable",
        &xsd(r#"<xs:complexType name="A"><xs:sequence>
              <xs:element name="n" type="xs:string" nillable="true" minOccurs="0"/>
              <xs:element name="d" type="xs:int" default="5"/>
              <xs:element name="f" type="xs:string" fixed="x"/>
            </xs:sequence></xs:complexType>"#),
    );
    assert_has(
        &g,
        r#"#[xml(element = "n", ns = "urn:t", nillable)] pub n: ::std::option::Option<::soapstone::xml::Nillable<::std::string::String>>,"#,
    );
    assert_has(
        &g,
        r#"#[xml(element = "d", ns = "urn:t", default = "5")] pub d: i32,"#,
    );
    assert_has(&g, r#"#[xml(element = "f", ns = "urn:t", fixed = "x")]"#);
}

#[test]
fn element_ref_and_global_element_with_named_type() {
    let g = gen_one(
        "elemref",
        &xsd(r#"<xs:element name="Item" type="t:ItemType"/>
            <xs:complexType name="ItemType"><xs:sequence><xs:element name="v" type="xs:int"/></xs:sequence></xs:complexType>
            <xs:element name="List"><xs:complexType><xs:sequence>
              <xs:element ref="t:Item" maxOccurs="unbounded"/>
            </xs:sequence></xs:complexType></xs:element>"#),
    );
    // The field refers to the type; the element itself is a root struct with the same fields.
    assert_has(
        &g,
        r#"#[xml(element = "Item", ns = "urn:t")] pub item: ::std::vec::Vec<ItemType>,"#,
    );
    assert_has(
        &g,
        r#"#[xml(root = "Item", ns = "urn:t", type_name = "ItemType", type_ns = "urn:t")] pub struct Item {"#,
    );
    assert_eq!(struct_fields(&g, "Item"), vec!["v"]);
}

#[test]
fn element_and_type_with_the_same_name_both_get_names() {
    let g = gen_one(
        "collide",
        &xsd(r#"<xs:element name="Order" type="t:Order"/>
            <xs:complexType name="Order"><xs:sequence><xs:element name="id" type="xs:int"/></xs:sequence></xs:complexType>"#),
    );
    ty(&g, "Order");
    ty(&g, "OrderElement");
    assert_has(
        &g,
        r#"#[xml(root = "Order", ns = "urn:t", type_name = "Order", type_ns = "urn:t")] pub struct OrderElement"#,
    );
}

#[test]
fn anonymous_types_are_named_from_context() {
    let g = gen_one(
        "anon",
        &xsd(r#"<xs:element name="Outer"><xs:complexType><xs:sequence>
              <xs:element name="inner"><xs:complexType><xs:sequence>
                <xs:element name="leaf"><xs:simpleType><xs:restriction base="xs:string">
                  <xs:enumeration value="a"/><xs:enumeration value="b-c"/>
                </xs:restriction></xs:simpleType></xs:element>
              </xs:sequence></xs:complexType></xs:element>
            </xs:sequence></xs:complexType></xs:element>"#),
    );
    assert_has(&g, "pub inner: OuterInner,");
    assert_has(&g, "pub leaf: OuterInnerLeaf,");
    assert_has(
        &g,
        r#"pub enum OuterInnerLeaf { #[xml(value = "a")] A, #[xml(value = "b-c")] BC, }"#,
    );
}

#[test]
fn choice_becomes_an_enum_and_repeated_choice_a_vec() {
    let g = gen_one(
        "choice",
        &xsd(r#"<xs:complexType name="Value"><xs:choice>
              <xs:element name="s" type="xs:string"/>
              <xs:element name="i" type="xs:int"/>
            </xs:choice></xs:complexType>
            <xs:complexType name="Values"><xs:choice maxOccurs="unbounded">
              <xs:element name="s" type="xs:string"/>
              <xs:any namespace="&#35;#other"/>
            </xs:choice></xs:complexType>
            <xs:complexType name="Data"><xs:choice>
              <xs:element name="one" type="xs:int" nillable="true"/>
              <xs:element name="many" type="xs:int" maxOccurs="unbounded"/>
            </xs:choice></xs:complexType>"#),
    );
    assert_has(&g, "#[xml(choice)] pub choice: ValueChoice,");
    assert_has(
        &g,
        r#"#[xml(choice)] pub enum ValueChoice { #[xml(element = "s", ns = "urn:t")] S(::std::string::String), #[xml(element = "i", ns = "urn:t")] I(i32), }"#,
    );
    assert_has(
        &g,
        "#[xml(choice)] pub choice: ::std::vec::Vec<ValuesChoice>,",
    );
    assert_has(
        &g,
        r###"#[xml(any, namespace = "##other", target_ns = "urn:t")] Other(::soapstone::xml::AnyElement),"###,
    );
    // A repeated branch of a single choice is a `Vec` variant; the choice stays single.
    assert_has(&g, "#[xml(choice)] pub choice: DataChoice,");
    assert_has(
        &g,
        r#"#[xml(element = "one", ns = "urn:t", nillable)] One(::soapstone::xml::Nillable<i32>),"#,
    );
    assert_has(
        &g,
        r#"#[xml(element = "many", ns = "urn:t")] Many(::std::vec::Vec<i32>),"#,
    );
}

#[test]
fn all_and_optional_choice() {
    let g = gen_one(
        "all",
        &xsd(r#"<xs:complexType name="A"><xs:all minOccurs="0">
              <xs:element name="x" type="xs:int"/>
              <xs:element name="y" type="xs:int" minOccurs="0"/>
            </xs:all></xs:complexType>
            <xs:complexType name="B"><xs:choice minOccurs="0">
              <xs:element name="x" type="xs:int"/>
            </xs:choice></xs:complexType>"#),
    );
    assert_has(
        &g,
        "pub x: ::std::option::Option<i32>, #[xml(element = \"y\", ns = \"urn:t\")] pub y: ::std::option::Option<i32>,",
    );
    assert_has(&g, "pub choice: ::std::option::Option<BChoice>,");
    assert_has(&g, r#"#[xml(type_name = "A", type_ns = "urn:t", all)]"#);
}

#[test]
fn target_namespace_wildcards_are_resolved() {
    let g = gen_one(
        "tnsany",
        &xsd(r#"<xs:element name="E"><xs:complexType><xs:sequence>
              <xs:any namespace="&#35;#targetNamespace &#35;#local"/>
            </xs:sequence></xs:complexType></xs:element>"#),
    );
    assert_has(&g, "#[xml(any, namespace = \"urn:t ##local\")]");
}

#[test]
fn group_refs_inline_or_flatten() {
    let g = gen_one(
        "groups",
        &xsd(r#"<xs:group name="Pair"><xs:sequence>
              <xs:element name="k" type="xs:string"/><xs:element name="v" type="xs:string"/>
            </xs:sequence></xs:group>
            <xs:group name="Either"><xs:choice>
              <xs:element name="l" type="xs:int"/><xs:element name="r" type="xs:int"/>
            </xs:choice></xs:group>
            <xs:complexType name="Once"><xs:sequence><xs:group ref="t:Pair"/></xs:sequence></xs:complexType>
            <xs:complexType name="Many"><xs:sequence>
              <xs:group ref="t:Pair" maxOccurs="unbounded"/>
              <xs:group ref="t:Either"/>
            </xs:sequence></xs:complexType>"#),
    );
    assert_eq!(struct_fields(&g, "Once"), vec!["k", "v"]);
    assert_has(&g, "#[xml(flatten)] pub pair: ::std::vec::Vec<Pair>,");
    assert_has(&g, "#[xml(group)] pub struct Pair {");
    assert_has(&g, "#[xml(choice)] pub either: Either,");
}

#[test]
fn nested_sequence_with_occurrence_is_a_group_struct() {
    let g = gen_one(
        "nested",
        &xsd(r#"<xs:complexType name="T"><xs:sequence>
              <xs:element name="head" type="xs:string"/>
              <xs:sequence maxOccurs="unbounded">
                <xs:element name="a" type="xs:string"/><xs:element name="b" type="xs:string"/>
              </xs:sequence>
              <xs:choice><xs:sequence><xs:element name="c" type="xs:int"/><xs:element name="d" type="xs:int"/></xs:sequence>
                <xs:element name="e" type="xs:int"/></xs:choice>
            </xs:sequence></xs:complexType>"#),
    );
    assert_has(
        &g,
        "#[xml(flatten)] pub sequence: ::std::vec::Vec<TSequence>,",
    );
    assert_has(&g, "#[xml(flatten)] Sequence(TChoiceSequence),");
}

#[test]
fn mixed_content_keeps_nodes() {
    let g = gen_one(
        "mixed",
        &xsd(r#"<xs:complexType name="P" mixed="true"><xs:sequence>
              <xs:element name="b" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
            </xs:sequence><xs:attribute name="id" type="xs:ID"/></xs:complexType>"#),
    );
    assert_has(&g, r#"#[xml(type_name = "P", type_ns = "urn:t", mixed)]"#);
    assert_has(
        &g,
        "#[xml(mixed)] pub content: ::std::vec::Vec<::soapstone::xml::Node>,",
    );
    assert_has(&g, "pub id: ::std::option::Option<::soapstone::types::Id>,");
}

#[test]
fn extension_inherits_and_base_becomes_polymorphic() {
    let g = gen_one(
        "ext",
        &xsd(
            r#"<xs:complexType name="Base"><xs:sequence><xs:element name="a" type="xs:int"/></xs:sequence>
              <xs:attribute name="id" type="xs:string"/></xs:complexType>
            <xs:complexType name="Derived"><xs:complexContent><xs:extension base="t:Base">
              <xs:sequence><xs:element name="b" type="xs:int"/></xs:sequence>
            </xs:extension></xs:complexContent></xs:complexType>
            <xs:complexType name="Holder"><xs:sequence><xs:element name="x" type="t:Base"/></xs:sequence></xs:complexType>"#,
        ),
    );
    assert_eq!(struct_fields(&g, "Derived"), vec!["id", "a", "b"]);
    assert_has(&g, "pub x: BaseKind,");
    assert_has(
        &g,
        r#"#[xml(polymorphic)] pub enum BaseKind {
            #[xml(type_name = "Base", type_ns = "urn:t", base)] Base(Base),
            #[xml(type_name = "Derived", type_ns = "urn:t")] Derived(Derived), }"#,
    );
}

#[test]
fn abstract_base_has_no_base_variant() {
    let g = gen_one(
        "abstract",
        &xsd(
            r#"<xs:complexType name="Shape" abstract="true"><xs:sequence/></xs:complexType>
            <xs:complexType name="Circle"><xs:complexContent><xs:extension base="t:Shape">
              <xs:attribute name="r" type="xs:double"/></xs:extension></xs:complexContent></xs:complexType>"#,
        ),
    );
    match &ty(&g, "ShapeKind").kind {
        TypeKind::Polymorphic(p) => {
            assert_eq!(p.variants.len(), 1);
            assert!(!p.variants[0].base);
        }
        k => panic!("{k:?}"),
    }
}

#[test]
fn complex_restriction_replaces_content_keeps_attributes() {
    let g = gen_one(
        "restr",
        &xsd(r#"<xs:complexType name="Base"><xs:sequence>
              <xs:element name="a" type="xs:int" minOccurs="0"/><xs:element name="b" type="xs:int" minOccurs="0"/>
            </xs:sequence><xs:attribute name="x" type="xs:int"/><xs:attribute name="y" type="xs:int"/></xs:complexType>
            <xs:complexType name="Narrow"><xs:complexContent><xs:restriction base="t:Base">
              <xs:sequence><xs:element name="a" type="xs:int"/></xs:sequence>
              <xs:attribute name="y" use="prohibited"/>
            </xs:restriction></xs:complexContent></xs:complexType>"#),
    );
    assert_eq!(struct_fields(&g, "Narrow"), vec!["x", "a"]);
}

#[test]
fn simple_content_extension_and_restriction() {
    let g = gen_one(
        "simplecontent",
        &xsd(
            r#"<xs:complexType name="Price"><xs:simpleContent><xs:extension base="xs:decimal">
              <xs:attribute name="currency" type="xs:string" use="required"/>
            </xs:extension></xs:simpleContent></xs:complexType>
            <xs:complexType name="SmallPrice"><xs:simpleContent><xs:restriction base="t:Price">
              <xs:maxInclusive value="10"/>
            </xs:restriction></xs:simpleContent></xs:complexType>"#,
        ),
    );
    assert_has(
        &g,
        r#"pub struct Price { #[xml(attribute = "currency")] pub currency: ::std::string::String, #[xml(text)] pub value: ::soapstone::types::Decimal, }"#,
    );
    assert_eq!(struct_fields(&g, "SmallPrice"), vec!["currency", "value"]);
}

#[test]
fn attribute_uses_groups_defaults_refs() {
    let g = gen_one(
        "attrs",
        &xsd(r#"<xs:attribute name="lang" type="xs:language"/>
            <xs:attributeGroup name="Common">
              <xs:attribute name="id" type="xs:string" use="required"/>
              <xs:attribute ref="t:lang"/>
            </xs:attributeGroup>
            <xs:complexType name="A">
              <xs:attribute name="d" type="xs:int" default="3"/>
              <xs:attribute name="f" type="xs:string" fixed="v"/>
              <xs:attributeGroup ref="t:Common"/>
              <xs:anyAttribute namespace="&#35;#other" processContents="lax"/>
            </xs:complexType>"#),
    );
    assert_has(&g, r#"#[xml(attribute = "d", default = "3")] pub d: i32,"#);
    assert_has(
        &g,
        r#"#[xml(attribute = "f", fixed = "v")] pub f: ::std::string::String,"#,
    );
    assert_has(
        &g,
        r#"#[xml(attribute = "id")] pub id: ::std::string::String,"#,
    );
    assert_has(
        &g,
        r#"#[xml(attribute = "lang", ns = "urn:t")] pub lang: ::std::option::Option<::soapstone::types::Language>,"#,
    );
    assert_has(
        &g,
        "#[xml(any_attribute)] pub any_attributes: ::std::vec::Vec<::soapstone::xml::AnyAttribute>,",
    );
}

#[test]
fn element_and_attribute_with_the_same_name() {
    let g = gen_one(
        "fieldclash",
        &xsd(
            r#"<xs:complexType name="A"><xs:sequence><xs:element name="type" type="xs:string"/></xs:sequence>
              <xs:attribute name="type" type="xs:string"/></xs:complexType>"#,
        ),
    );
    assert_has(&g, r#"#[xml(attribute = "type")] pub type_attr:"#);
    assert_has(&g, r#"#[xml(element = "type", ns = "urn:t")] pub type_:"#);
}

#[test]
fn wildcards() {
    let g = gen_one(
        "any",
        &xsd(r#"<xs:complexType name="Open"><xs:sequence>
              <xs:element name="a" type="xs:int"/>
              <xs:any namespace="&#35;#other" processContents="lax" minOccurs="0" maxOccurs="unbounded"/>
            </xs:sequence></xs:complexType>
            <xs:complexType name="One"><xs:sequence><xs:any/></xs:sequence></xs:complexType>"#),
    );
    assert_has(
        &g,
        "#[xml(any, namespace = \"##other\", target_ns = \"urn:t\")] pub any: ::std::vec::Vec<::soapstone::xml::AnyElement>,",
    );
    assert_has(&g, "#[xml(any)] pub any: ::soapstone::xml::AnyElement,");
}

#[test]
fn simple_types_enum_newtype_list_union_alias() {
    let g = gen_one(
        "simple",
        &xsd(r#"<xs:simpleType name="Color">
              <xs:annotation><xs:documentation>A colour.</xs:documentation></xs:annotation>
              <xs:restriction base="xs:string">
              <xs:enumeration value="red"><xs:annotation><xs:documentation>Red.</xs:documentation></xs:annotation></xs:enumeration>
              <xs:enumeration value="self"/><xs:enumeration value="1"/>
            </xs:restriction></xs:simpleType>
            <xs:simpleType name="Code"><xs:restriction base="xs:string">
              <xs:pattern value="[A-Z]{3}"/><xs:minLength value="3"/><xs:maxLength value="3"/>
            </xs:restriction></xs:simpleType>
            <xs:simpleType name="Percent"><xs:restriction base="xs:decimal">
              <xs:minInclusive value="0"/><xs:maxInclusive value="100"/><xs:totalDigits value="5"/><xs:fractionDigits value="2"/>
            </xs:restriction></xs:simpleType>
            <xs:simpleType name="Codes"><xs:list itemType="t:Code"/></xs:simpleType>
            <xs:simpleType name="IntOrColor"><xs:union memberTypes="xs:int t:Color"/></xs:simpleType>
            <xs:simpleType name="Name"><xs:restriction base="xs:string"/></xs:simpleType>
            <xs:simpleType name="Small"><xs:restriction base="t:Percent"><xs:maxInclusive value="10"/></xs:restriction></xs:simpleType>
            <xs:simpleType name="SameCode"><xs:restriction base="t:Code"/></xs:simpleType>"#),
    );
    // Facet-only restriction chains are flattened onto the value type, facets merged.
    assert_has(
        &g,
        r#"#[xml(min_inclusive = "0", max_inclusive = "10", total_digits = 5, fraction_digits = 2)] pub struct Small(pub ::soapstone::types::Decimal);"#,
    );
    assert_has(&g, "pub type SameCode = Code;");
    assert_has(&g, "/// A colour.");
    assert_has(
        &g,
        r#"/// Red. #[xml(value = "red")] Red, #[xml(value = "self")] Self_, #[xml(value = "1")] _1,"#,
    );
    assert_has(&g, "::std::marker::Copy");
    assert_has(
        &g,
        r#"#[xml(pattern = "[A-Z]{3}", min_length = 3, max_length = 3)] pub struct Code(pub ::std::string::String);"#,
    );
    assert_has(
        &g,
        r#"#[xml(min_inclusive = "0", max_inclusive = "100", total_digits = 5, fraction_digits = 2)] pub struct Percent(pub ::soapstone::types::Decimal);"#,
    );
    assert_has(
        &g,
        "#[xml(list)] pub struct Codes(pub ::std::vec::Vec<Code>);",
    );
    assert_has(
        &g,
        "#[xml(union)] pub enum IntOrColor { Int(i32), Color(Color), }",
    );
    assert_has(&g, "pub type Name = ::std::string::String;");
}

#[test]
fn substitution_group_becomes_choice_in_document_order() {
    let g = gen_one(
        "subst",
        &xsd(
            r#"<xs:element name="Expr" type="t:ExprType" abstract="true"/>
            <xs:complexType name="ExprType"/>
            <xs:element name="Add" type="t:ExprType" substitutionGroup="t:Expr"/>
            <xs:element name="Lit" substitutionGroup="t:Expr"><xs:complexType><xs:attribute name="v" type="xs:int"/></xs:complexType></xs:element>
            <xs:element name="Prog"><xs:complexType><xs:sequence>
              <xs:element ref="t:Expr" maxOccurs="unbounded"/>
            </xs:sequence></xs:complexType></xs:element>"#,
        ),
    );
    assert_has(&g, "#[xml(choice)] pub expr: ::std::vec::Vec<ExprChoice>,");
    assert_has(
        &g,
        r#"pub enum ExprChoice { #[xml(element = "Add", ns = "urn:t")] Add(ExprType), #[xml(element = "Lit", ns = "urn:t")] Lit(Lit), }"#,
    );
}

#[test]
fn recursion_is_boxed() {
    let g = gen_one(
        "cycle",
        &xsd(r#"<xs:complexType name="Node"><xs:sequence>
              <xs:element name="next" type="t:Node" minOccurs="0"/>
              <xs:element name="children" type="t:Node" minOccurs="0" maxOccurs="unbounded"/>
            </xs:sequence></xs:complexType>"#),
    );
    assert_has(
        &g,
        "pub next: ::std::option::Option<::std::boxed::Box<Node>>,",
    );
    assert_has(&g, "pub children: ::std::vec::Vec<Node>,");
}

#[test]
fn xml_namespace_is_built_in() {
    let g = gen_one(
        "xmllang",
        &xsd(
            r#"<xs:import namespace="http://www.w3.org/XML/1998/namespace"/>
            <xs:complexType name="Text"><xs:simpleContent><xs:extension base="xs:string">
              <xs:attribute ref="xml:lang"/><xs:attribute ref="xml:space"/>
            </xs:extension></xs:simpleContent></xs:complexType>"#,
        ),
    );
    assert_has(
        &g,
        r#"#[xml(attribute = "lang", ns = "http://www.w3.org/XML/1998/namespace")]"#,
    );
    assert_has(&g, "pub mod xml_1998_namespace {");
    assert!(g.warnings.is_empty(), "{:?}", g.warnings);
}

#[test]
fn unused_builtins_are_not_emitted() {
    let g = gen_one(
        "nobuiltins",
        &xsd(r#"<xs:element name="E" type="xs:string"/>"#),
    );
    assert_lacks(&g, "xml_1998_namespace");
    assert_lacks(&g, "soap_encoding");
}

#[test]
fn type_override_and_runtime_path() {
    let dir = write_set(
        "override",
        &[(
            "a.xsd",
            &xsd(
                r#"<xs:simpleType name="Money"><xs:restriction base="xs:decimal"/></xs:simpleType>
            <xs:complexType name="P"><xs:sequence><xs:element name="m" type="t:Money"/><xs:element name="d" type="xs:decimal"/></xs:sequence></xs:complexType>"#,
            ),
        )],
    );
    let mut s = settings_for(&[dir.join("a.xsd")]);
    s.with_type_override("urn:t", "Money", "::my_crate::Money")
        .with_runtime_path("::rt")
        .with_module_name("urn:t", "shop");
    let g = s.generate().unwrap();
    assert_has(&g, "pub mod shop {");
    assert_has(&g, "pub m: ::my_crate::Money,");
    assert_has(&g, "pub d: ::rt::types::Decimal,");
    assert_has(&g, r#"crate = "::rt""#);
    let bad = settings_for(&[dir.join("a.xsd")])
        .with_type_override("urn:t", "Money", "not a type")
        .generate();
    assert!(matches!(bad, Err(soapstone_codegen::Error::Settings(_))));
}

#[test]
fn lax_setting_marks_types() {
    let dir = write_set(
        "lax",
        &[(
            "a.xsd",
            &xsd(r#"<xs:element name="E"><xs:complexType/></xs:element>"#),
        )],
    );
    let g = settings_for(&[dir.join("a.xsd")])
        .with_lax(true)
        .generate()
        .unwrap();
    assert_has(&g, r#"#[xml(root = "E", ns = "urn:t", lax)]"#);
}

#[test]
fn model_fields_carry_kinds() {
    let g = gen_one(
        "kinds",
        &xsd(
            r#"<xs:complexType name="K"><xs:sequence><xs:element name="e" type="xs:int" minOccurs="0"/></xs:sequence>
              <xs:attribute name="a" type="xs:int"/></xs:complexType>"#,
        ),
    );
    let TypeKind::Struct(s) = &ty(&g, "K").kind else {
        panic!()
    };
    assert!(matches!(s.fields[0].kind, FieldKind::Attribute { .. }));
    assert!(matches!(s.fields[1].kind, FieldKind::Element { .. }));
    assert_eq!(s.fields[1].occurs, Occurs::Optional);
    assert_eq!(s.fields[1].ty, TypeExpr::Path("i32".into()));
}

#[test]
fn documentation_cannot_become_a_doctest() {
    let g = gen_one(
        "docs",
        &xsd(
            r#"<xs:complexType name="D"><xs:annotation><xs:documentation>Intro.

        indented text that rustdoc would treat as code
```
fenced
```</xs:documentation></xs:annotation></xs:complexType>"#,
        ),
    );
    let t = text(&g);
    assert!(t.contains("/// indented text"), "{t}");
    assert!(!t.contains("```"), "{t}");
}
