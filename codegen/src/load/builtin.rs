//! Schemas that are always available without a file: the `xml:` namespace and the SOAP 1.1
//! encoding namespace. They are written for soapstone (not copied) and are only added when no
//! loaded file defines the same namespace, so a real `xml.xsd` on disk wins.

/// The SOAP 1.1 encoding namespace.
pub const SOAP_ENC: &str = "http://schemas.xmlsoap.org/soap/encoding/";
/// The SOAP 1.2 encoding namespace.
pub const SOAP12_ENC: &str = "http://www.w3.org/2003/05/soap-encoding";

/// `(namespace, pseudo file name, schema text)` of every built-in schema.
pub const BUILTIN_SCHEMAS: [(&str, &str, &str); 2] = [
    (super::xml::XML, "<builtin>/xml.xsd", XML_XSD),
    (SOAP_ENC, "<builtin>/soap-encoding.xsd", SOAP_ENC_XSD),
];

const XML_XSD: &str = r###"<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
           targetNamespace="http://www.w3.org/XML/1998/namespace">
  <xs:attribute name="lang" type="xs:string">
    <xs:annotation><xs:documentation>Language of the element's content (BCP 47 tag or empty).</xs:documentation></xs:annotation>
  </xs:attribute>
  <xs:attribute name="space">
    <xs:simpleType>
      <xs:restriction base="xs:NCName">
        <xs:enumeration value="default"/>
        <xs:enumeration value="preserve"/>
      </xs:restriction>
    </xs:simpleType>
  </xs:attribute>
  <xs:attribute name="base" type="xs:anyURI"/>
  <xs:attribute name="id" type="xs:ID"/>
  <xs:attributeGroup name="specialAttrs">
    <xs:attribute ref="xml:base"/>
    <xs:attribute ref="xml:lang"/>
    <xs:attribute ref="xml:space"/>
    <xs:attribute ref="xml:id"/>
  </xs:attributeGroup>
</xs:schema>
"###;

/// The SOAP 1.1 encoding schema (section 5 of SOAP 1.1: `arrayType`, `offset`, `position`,
/// `Array`, `Struct`); also what the corpus harness validates encoded instances against.
pub const SOAP_ENC_XSD: &str = r###"<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:tns="http://schemas.xmlsoap.org/soap/encoding/"
           targetNamespace="http://schemas.xmlsoap.org/soap/encoding/">
  <xs:attribute name="root" type="xs:boolean"/>
  <xs:attributeGroup name="commonAttributes">
    <xs:attribute name="id" type="xs:ID"/>
    <xs:attribute name="href" type="xs:anyURI"/>
    <xs:anyAttribute namespace="##other" processContents="lax"/>
  </xs:attributeGroup>
  <xs:attribute name="arrayType" type="xs:string"/>
  <xs:attribute name="offset" type="xs:string"/>
  <xs:attribute name="position" type="xs:string"/>
  <xs:attributeGroup name="arrayAttributes">
    <xs:attribute ref="tns:arrayType"/>
    <xs:attribute ref="tns:offset"/>
  </xs:attributeGroup>
  <xs:complexType name="Array">
    <xs:sequence>
      <xs:any namespace="##any" minOccurs="0" maxOccurs="unbounded" processContents="lax"/>
    </xs:sequence>
    <xs:attributeGroup ref="tns:arrayAttributes"/>
    <xs:attributeGroup ref="tns:commonAttributes"/>
  </xs:complexType>
  <xs:complexType name="Struct">
    <xs:sequence>
      <xs:any namespace="##any" minOccurs="0" maxOccurs="unbounded" processContents="lax"/>
    </xs:sequence>
    <xs:attributeGroup ref="tns:commonAttributes"/>
  </xs:complexType>
  <xs:simpleType name="base64">
    <xs:restriction base="xs:base64Binary"/>
  </xs:simpleType>
</xs:schema>
"###;
