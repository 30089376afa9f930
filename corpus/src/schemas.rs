//! Validation with xmllint against the same schemas the bindings were generated from.
//!
//! xmllint takes one schema document, so for every instance a small wrapper schema imports the
//! document declaring the instance's root element first, then one document per other
//! namespace. Schemas inline in WSDL files are extracted (with the namespace declarations in
//! scope and absolute `schemaLocation`s) into the work directory, in their SOAP-encoding view
//! (see `encoding_view`); the harness supplies schemas for the `xml:` and SOAP 1.1 encoding
//! namespaces, which real schemas import without a location.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use soapstone_codegen::QName;

use crate::HarnessError;

const XS: &str = "http://www.w3.org/2001/XMLSchema";
const WSDL: &str = "http://schemas.xmlsoap.org/wsdl/";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
/// The SOAP 1.1 encoding namespace.
pub const SOAP_ENC: &str = "http://schemas.xmlsoap.org/soap/encoding/";

/// A schema for the `xml:` attributes, written for the harness. Schemas often import the XML
/// namespace without a `schemaLocation` (the generator knows it built in); libxml2 has no
/// built-in copy, so the wrapper imports this one first and later location-less imports of the
/// namespace resolve to it.
const XML_NS_SCHEMA: &str = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
    targetNamespace="http://www.w3.org/XML/1998/namespace" xml:lang="en">
  <xs:attribute name="lang">
    <xs:simpleType>
      <xs:union memberTypes="xs:language">
        <xs:simpleType>
          <xs:restriction base="xs:string">
            <xs:enumeration value=""/>
          </xs:restriction>
        </xs:simpleType>
      </xs:union>
    </xs:simpleType>
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
"#;

/// The SOAP 1.1 encoding schema for the validators (rpc/encoded WSDLs import it without a
/// location; libxml2 and xmlschema do not have it): the generator's built-in one, so the
/// schema the bindings were generated from is the one instances are validated against.
const SOAP_ENC_SCHEMA: &str = soapstone_codegen::load::builtin::SOAP_ENC_XSD;

/// The harness's own namespace for elements written where a wildcard allows other namespaces.
pub const ANY_NS: &str = "urn:soapstone:corpus:any";

/// Declares the element the instance writer puts where a `##any`/`##other` wildcard allows
/// it (`xs:anyType`: any attributes, mixed content, lax children), so that a strict wildcard,
/// which wants a declaration for what it admits, finds one. Validation imports it next to the
/// set's schemas.
const ANY_NS_SCHEMA: &str = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
    targetNamespace="urn:soapstone:corpus:any" elementFormDefault="qualified">
  <xs:element name="extra"/>
</xs:schema>
"#;

/// Namespace of the harness's type-wrapper schema (see [`types_wrapper`]).
pub const TYPES_NS: &str = "urn:soapstone:corpus:types";

/// A schema declaring one global element per `(element name, type)` in [`TYPES_NS`], so types
/// that no global element uses can be instantiated, validated and read as documents. The
/// imports have no location: the generator resolves them against the other inputs, and the
/// validation wrapper imports the documents by location.
pub fn types_wrapper(elements: &[(String, QName)]) -> String {
    let mut out = format!(
        "<xs:schema xmlns:xs=\"{XS}\" targetNamespace=\"{TYPES_NS}\" \
         elementFormDefault=\"qualified\">\n"
    );
    let namespaces: BTreeSet<&str> = elements.iter().map(|(_, t)| t.ns.as_str()).collect();
    let prefixes: BTreeMap<&str, String> = namespaces
        .iter()
        .enumerate()
        .map(|(i, ns)| (*ns, format!("n{i}")))
        .collect();
    for ns in &namespaces {
        if ns.is_empty() {
            out.push_str("  <xs:import/>\n");
        } else {
            out.push_str(&format!("  <xs:import namespace=\"{}\"/>\n", escape(ns)));
        }
    }
    for (name, t) in elements {
        let ty = if t.ns.is_empty() {
            t.local.clone()
        } else {
            format!(
                "{p}:{}\" xmlns:{p}=\"{}",
                t.local,
                escape(&t.ns),
                p = prefixes[t.ns.as_str()]
            )
        };
        out.push_str(&format!("  <xs:element name=\"{name}\" type=\"{ty}\"/>\n"));
    }
    out.push_str("</xs:schema>\n");
    out
}

/// One schema document: its target namespace, its file, the global elements it declares and
/// its named types (in document order).
#[derive(Debug, Clone)]
struct SchemaDoc {
    ns: String,
    path: PathBuf,
    elements: BTreeSet<String>,
    types: Vec<String>,
    /// Global elements with a `substitutionGroup`.
    substitutes: BTreeSet<String>,
    /// Abstract global elements.
    abstracts: BTreeSet<String>,
}

/// A SOAP-encoded array type (`restriction base="soapenc:Array"` with `wsdl:arrayType`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoapArray {
    /// The item type named by `wsdl:arrayType`.
    pub item: QName,
    /// The dimensions as written after the item type (`[]`, `[][]`, `[2,3]`).
    pub dims: String,
}

/// The schema documents of a set of WSDL/XSD inputs.
#[derive(Debug)]
pub struct SchemaBundle {
    docs: Vec<SchemaDoc>,
    catalog: Option<PathBuf>,
    dir: PathBuf,
    arrays: BTreeMap<QName, SoapArray>,
}

/// Reads a file as text: UTF-8, or ISO-8859-1 when it is not valid UTF-8.
fn read_text(path: &Path) -> Result<String, HarnessError> {
    let bytes = std::fs::read(path).map_err(|e| HarnessError::io(path, e))?;
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => e.into_bytes().iter().map(|&b| char::from(b)).collect(),
    })
}

fn parse(text: &str) -> Result<roxmltree::Document<'_>, String> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(text, opts).map_err(|e| e.to_string())
}

impl SchemaBundle {
    /// Collects the schema documents among `files` (every file the generator read: WSDLs,
    /// schemas, catalogs); extracted inline schemas go to `dir`.
    pub fn new(
        inputs: &[PathBuf],
        catalog: Option<&Path>,
        dir: &Path,
    ) -> Result<Self, HarnessError> {
        std::fs::create_dir_all(dir).map_err(|e| HarnessError::io(dir, e))?;
        let mut bundle = SchemaBundle {
            docs: Vec::new(),
            catalog: catalog.map(Path::to_path_buf),
            dir: dir.to_path_buf(),
            arrays: BTreeMap::new(),
        };
        let mut seen = BTreeSet::new();
        for path in inputs {
            let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            if !seen.insert(path.clone()) {
                continue;
            }
            let text = read_text(&path)?;
            let doc = parse(&text)
                .map_err(|e| HarnessError::Schema(format!("{}: {e}", path.display())))?;
            let root = doc.root_element();
            let base = path.parent().unwrap_or(Path::new(".")).to_path_buf();
            if root.tag_name().namespace() == Some(WSDL) {
                let schemas = root
                    .descendants()
                    .filter(|n| n.has_tag_name((XS, "schema")));
                for (i, schema) in schemas.enumerate() {
                    let stem = path.file_name().map(|s| s.to_string_lossy().into_owned());
                    let out = bundle.dir.join(format!(
                        "{}-{}-schema{i}.xsd",
                        bundle.docs.len(),
                        stem.unwrap_or_default()
                    ));
                    let extracted = extract(&text, schema, &base);
                    let (view, arrays) = encoding_view(&extracted);
                    bundle.arrays.extend(arrays);
                    let text = view.unwrap_or(extracted);
                    std::fs::write(&out, text).map_err(|e| HarnessError::io(&out, e))?;
                    bundle.docs.push(describe(schema, out));
                }
            } else if root.has_tag_name((XS, "schema")) {
                let (view, arrays) = encoding_view(&text);
                bundle.arrays.extend(arrays);
                let file = match view {
                    // The copy lives elsewhere, so its relative locations are made absolute.
                    Some(view) => {
                        let stem = path.file_name().map(|s| s.to_string_lossy().into_owned());
                        let out = bundle.dir.join(format!(
                            "{}-{}-encoded.xsd",
                            bundle.docs.len(),
                            stem.unwrap_or_default()
                        ));
                        let view = absolutize(&view, &base);
                        std::fs::write(&out, view).map_err(|e| HarnessError::io(&out, e))?;
                        out
                    }
                    None => path.clone(),
                };
                bundle.docs.push(describe(root, file));
            }
        }
        Ok(bundle)
    }

    /// The named, non-abstract types of the documents (in document order, XSD built-in
    /// namespaces left out).
    pub fn named_types(&self) -> Vec<QName> {
        self.docs
            .iter()
            .filter(|d| d.ns != XML_NS && d.ns != SOAP_ENC && d.ns != TYPES_NS)
            .flat_map(|d| {
                d.types.iter().map(|t| QName {
                    ns: d.ns.clone(),
                    local: t.clone(),
                })
            })
            .collect()
    }

    /// How many global elements the documents declare.
    pub fn global_elements(&self) -> usize {
        self.docs
            .iter()
            .filter(|d| d.ns != TYPES_NS)
            .map(|d| d.elements.len())
            .sum()
    }

    /// The first document declaring the global element `q`: the generator keeps the first of
    /// duplicate definitions (files in the order read), and so does the harness.
    fn declaring(&self, q: &QName) -> Option<&SchemaDoc> {
        self.docs
            .iter()
            .find(|d| d.ns == q.ns && d.elements.contains(&q.local))
    }

    /// Whether the global element `q` is a member of a substitution group.
    pub fn substitutes(&self, q: &QName) -> bool {
        self.declaring(q)
            .is_some_and(|d| d.substitutes.contains(&q.local))
    }

    /// Whether the global element `q` is abstract (it cannot occur itself).
    pub fn is_abstract(&self, q: &QName) -> bool {
        self.declaring(q)
            .is_some_and(|d| d.abstracts.contains(&q.local))
    }

    /// The SOAP-encoded array types, by type name.
    pub fn soap_arrays(&self) -> &BTreeMap<QName, SoapArray> {
        &self.arrays
    }

    /// Whether a schema document declares the global element `{ns}local` (RPC wrappers, for
    /// instance, are generated, not declared).
    pub fn declares(&self, ns: &str, local: &str) -> bool {
        self.docs
            .iter()
            .any(|d| d.ns == ns && d.elements.contains(local))
    }

    /// Validates `xml` (root `{ns}local`) with xmllint; the error is xmllint's output.
    ///
    /// The schema is the document declaring the root element (it imports what it needs); when
    /// that does not compile on its own (location-less imports of sibling inline schemas), a
    /// wrapper importing one document per namespace is used.
    ///
    /// A document the declaring schema finds invalid is tried once more against the wrapper:
    /// an `xsi:type` may name a type of a namespace that schema does not import, which the
    /// set's schemas as a whole define. Where the document holds an element of [`ANY_NS`], the
    /// harness's schema declaring it is imported too.
    pub fn validate(&self, xml: &str, ns: &str, local: &str) -> Result<(), Lint> {
        let first = self.first(ns, local)?;
        let own = self.own(xml, first)?;
        let catalog = self.catalog.as_deref();
        match xmllint(&own, catalog, xml) {
            Err(Lint::SchemaError(_)) => {}
            Err(Lint::Invalid(e)) => {
                let wrapper = self.wrapper(first)?;
                return match xmllint(&wrapper, catalog, xml) {
                    Ok(()) => Ok(()),
                    Err(_) => Err(Lint::Invalid(e)),
                };
            }
            other => return other,
        }
        let wrapper = self.wrapper(first)?;
        xmllint(&wrapper, catalog, xml)
    }

    /// The schemas to try, in order, for the document `xml` whose root is `{ns}local`: the
    /// document declaring it, then the wrapper importing every namespace.
    pub fn candidates(&self, xml: &str, ns: &str, local: &str) -> Result<Vec<PathBuf>, Lint> {
        let first = self.first(ns, local)?;
        Ok(vec![self.own(xml, first)?, self.wrapper(first)?])
    }

    /// The schema document `first`, or where `xml` holds an element of [`ANY_NS`] a schema
    /// importing the harness's declaration of it and then that document.
    fn own(&self, xml: &str, first: usize) -> Result<PathBuf, Lint> {
        if !xml.contains(ANY_NS) {
            return Ok(self.docs[first].path.clone());
        }
        let any = self.helper("any-namespace.xsd", ANY_NS_SCHEMA)?;
        let d = &self.docs[first];
        let ns_attr = if d.ns.is_empty() {
            String::new()
        } else {
            format!(" namespace=\"{}\"", escape(&d.ns))
        };
        let text = format!(
            "<xs:schema xmlns:xs=\"{XS}\" targetNamespace=\"urn:soapstone:corpus:wrapper\">\n  \
             <xs:import namespace=\"{ANY_NS}\" schemaLocation=\"{}\"/>\n  \
             <xs:import{ns_attr} schemaLocation=\"{}\"/>\n</xs:schema>\n",
            escape(&file_url(&any)),
            escape(&file_url(&d.path))
        );
        self.helper(&format!("any-wrapper-{first}.xsd"), &text)
    }

    /// Writes (when changed) the harness's schema `name` into the work directory.
    fn helper(&self, name: &str, text: &str) -> Result<PathBuf, Lint> {
        let path = self.dir.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text) {
            std::fs::write(&path, text).map_err(|e| Lint::Run(e.to_string()))?;
        }
        Ok(path)
    }

    fn first(&self, ns: &str, local: &str) -> Result<usize, Lint> {
        self.docs
            .iter()
            .position(|d| d.ns == ns && d.elements.contains(local))
            .or_else(|| self.docs.iter().position(|d| d.ns == ns))
            .ok_or_else(|| Lint::Run(format!("no schema document for namespace `{ns}`")))
    }

    /// Writes (when changed) and returns a schema importing the document `first` and then one
    /// document per other namespace.
    fn wrapper(&self, first: usize) -> Result<PathBuf, Lint> {
        let mut wrapper = format!(
            "<xs:schema xmlns:xs=\"{XS}\" targetNamespace=\"urn:soapstone:corpus:wrapper\">\n"
        );
        let mut namespaces = BTreeSet::new();
        if !self.docs.iter().any(|d| d.ns == SOAP_ENC) {
            let path = self.dir.join("soap-encoding.xsd");
            if std::fs::read_to_string(&path).ok().as_deref() != Some(SOAP_ENC_SCHEMA) {
                std::fs::write(&path, SOAP_ENC_SCHEMA).map_err(|e| Lint::Run(e.to_string()))?;
            }
            wrapper.push_str(&format!(
                "  <xs:import namespace=\"{SOAP_ENC}\" schemaLocation=\"{}\"/>\n",
                escape(&file_url(&path))
            ));
            namespaces.insert(SOAP_ENC.to_string());
        }
        if !self.docs.iter().any(|d| d.ns == XML_NS) {
            let path = self.dir.join("xml-namespace.xsd");
            if std::fs::read_to_string(&path).ok().as_deref() != Some(XML_NS_SCHEMA) {
                std::fs::write(&path, XML_NS_SCHEMA).map_err(|e| Lint::Run(e.to_string()))?;
            }
            wrapper.push_str(&format!(
                "  <xs:import namespace=\"{XML_NS}\" schemaLocation=\"{}\"/>\n",
                escape(&file_url(&path))
            ));
            namespaces.insert(XML_NS.to_string());
        }
        let any = self.helper("any-namespace.xsd", ANY_NS_SCHEMA)?;
        wrapper.push_str(&format!(
            "  <xs:import namespace=\"{ANY_NS}\" schemaLocation=\"{}\"/>\n",
            escape(&file_url(&any))
        ));
        namespaces.insert(ANY_NS.to_string());
        let order = std::iter::once(first).chain((0..self.docs.len()).filter(|&i| i != first));
        for i in order {
            let d = &self.docs[i];
            if !namespaces.insert(d.ns.clone()) {
                continue;
            }
            let ns_attr = if d.ns.is_empty() {
                String::new()
            } else {
                format!(" namespace=\"{}\"", escape(&d.ns))
            };
            wrapper.push_str(&format!(
                "  <xs:import{ns_attr} schemaLocation=\"{}\"/>\n",
                escape(&file_url(&d.path))
            ));
        }
        wrapper.push_str("</xs:schema>\n");
        let path = self.dir.join(format!("wrapper-{first}.xsd"));
        if std::fs::read_to_string(&path).ok().as_deref() != Some(wrapper.as_str()) {
            std::fs::write(&path, &wrapper).map_err(|e| Lint::Run(e.to_string()))?;
        }
        Ok(path)
    }
}

/// Why xmllint did not accept a document.
#[derive(Debug)]
pub enum Lint {
    /// xmllint could not be run.
    Run(String),
    /// The schema does not compile (exit status 5).
    SchemaError(String),
    /// The document is invalid.
    Invalid(String),
}

impl std::fmt::Display for Lint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Lint::Run(s) => write!(f, "{s}"),
            Lint::SchemaError(s) => write!(f, "xmllint: the schema does not compile: {s}"),
            Lint::Invalid(s) => write!(f, "xmllint: invalid: {s}"),
        }
    }
}

/// Runs `xmllint --noout --nonet --schema <schema> -` on `xml`.
fn xmllint(schema: &Path, catalog: Option<&Path>, xml: &str) -> Result<(), Lint> {
    use std::io::Write;
    let mut cmd = Command::new(std::env::var_os("XMLLINT").unwrap_or_else(|| "xmllint".into()));
    cmd.args(["--noout", "--nonet", "--schema"])
        .arg(schema)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    match catalog {
        Some(c) => {
            cmd.env("XML_CATALOG_FILES", c);
        }
        None => {
            cmd.env("XML_CATALOG_FILES", "");
        }
    }
    let mut child = cmd
        .spawn()
        .map_err(|e| Lint::Run(format!("cannot run xmllint (install libxml2-utils): {e}")))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(xml.as_bytes())
            .map_err(|e| Lint::Run(format!("xmllint stdin: {e}")))?;
    }
    let out = child
        .wait_with_output()
        .map_err(|e| Lint::Run(e.to_string()))?;
    if out.status.success() {
        Ok(())
    } else {
        let msg = String::from_utf8_lossy(&out.stderr);
        let lines: Vec<&str> = msg
            .lines()
            .filter(|l| !l.contains("Skipping import") && !l.trim().is_empty())
            .take(6)
            .collect();
        let msg = lines.join(" | ");
        Err(match out.status.code() {
            Some(5) => Lint::SchemaError(msg),
            Some(3) => Lint::Invalid(msg),
            code => Lint::Run(format!("xmllint exit status {code:?}: {msg}")),
        })
    }
}

fn file_url(p: &Path) -> String {
    let abs = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    format!("file://{}", abs.display())
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

fn describe(schema: roxmltree::Node<'_, '_>, path: PathBuf) -> SchemaDoc {
    let elements = schema
        .children()
        .filter(|n| n.has_tag_name((XS, "element")))
        .filter_map(|n| n.attribute("name"))
        .map(str::to_string)
        .collect();
    // Abstract types cannot be an element's type without `xsi:type`, so they are left out.
    let types = schema
        .children()
        .filter(|n| n.has_tag_name((XS, "complexType")) || n.has_tag_name((XS, "simpleType")))
        .filter(|n| !matches!(n.attribute("abstract"), Some("true" | "1")))
        .filter_map(|n| n.attribute("name"))
        .map(str::to_string)
        .collect();
    let substitutes = schema
        .children()
        .filter(|n| n.has_tag_name((XS, "element")) && n.has_attribute("substitutionGroup"))
        .filter_map(|n| n.attribute("name"))
        .map(str::to_string)
        .collect();
    let abstracts = schema
        .children()
        .filter(|n| n.has_tag_name((XS, "element")))
        .filter(|n| matches!(n.attribute("abstract"), Some("true" | "1")))
        .filter_map(|n| n.attribute("name"))
        .map(str::to_string)
        .collect();
    SchemaDoc {
        types,
        substitutes,
        abstracts,
        ns: schema
            .attribute("targetNamespace")
            .unwrap_or("")
            .to_string(),
        path,
        elements,
    }
}

/// The source text of an inline schema, standing alone: the namespace declarations inherited
/// from the WSDL are added to its start tag, relative `schemaLocation`s made absolute.
fn extract(text: &str, schema: roxmltree::Node<'_, '_>, base: &Path) -> String {
    let range = schema.range();
    let src = &text[range.clone()];
    // Declarations on the schema element itself appear in its start tag; add the others.
    let start_tag_end = src.find('>').unwrap_or(src.len());
    let start_tag = &src[..start_tag_end];
    let mut decls = String::new();
    for ns in schema.namespaces() {
        let (attr, needle) = match ns.name() {
            Some(p) => (format!("xmlns:{p}"), format!("xmlns:{p}=")),
            None => ("xmlns".to_string(), "xmlns=".to_string()),
        };
        if p_declared(start_tag, &needle) || ns.name() == Some("xml") {
            continue;
        }
        decls.push_str(&format!(" {attr}=\"{}\"", escape(ns.uri())));
    }
    let name_end = src
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(src.len());
    let mut out = String::with_capacity(src.len() + decls.len());
    out.push_str(&src[..name_end]);
    out.push_str(&decls);
    out.push_str(&src[name_end..]);
    absolutize(&out, base)
}

/// The SOAP-encoding view of a schema document: the SOAP-encoded arrays it defines, and (when
/// any of them restricts `soapenc:Array` without a particle) a copy of the text in which each
/// such restriction gets the content SOAP 1.1 section 5.4.2 gives it: members of the
/// `wsdl:arrayType` item type, here under the conventional unqualified `item` name the
/// generator binds (`<xs:sequence><xs:element name="item" type="T" form="unqualified"
/// minOccurs="0" maxOccurs="unbounded"/></xs:sequence>`). Read literally, a restriction
/// without a particle has empty content, so no XSD validator accepts an encoded array with
/// members; the inserted particle is a valid restriction of `soapenc:Array`'s `xs:any`.
/// Multi-dimensional arrays (`[][]`, `[2,3]`) are recorded but not rewritten.
fn encoding_view(text: &str) -> (Option<String>, Vec<(QName, SoapArray)>) {
    let Ok(doc) = parse(text) else {
        return (None, Vec::new());
    };
    let schema = doc.root_element();
    let tns = schema.attribute("targetNamespace").unwrap_or("");
    let mut arrays = Vec::new();
    // (byte offset of the restriction's start-tag end, self-closing, insertion text)
    let mut edits: Vec<(usize, bool, String)> = Vec::new();
    for ct in schema
        .children()
        .filter(|n| n.has_tag_name((XS, "complexType")))
    {
        let Some(name) = ct.attribute("name") else {
            continue;
        };
        let Some(restriction) = ct
            .children()
            .find(|n| n.has_tag_name((XS, "complexContent")))
            .and_then(|cc| cc.children().find(|n| n.has_tag_name((XS, "restriction"))))
        else {
            continue;
        };
        let base = restriction
            .attribute("base")
            .and_then(|b| resolve(restriction, b));
        if base
            .as_ref()
            .is_none_or(|b| b.ns != SOAP_ENC || b.local != "Array")
        {
            continue;
        }
        let Some((attr, value)) = restriction
            .children()
            .filter(|n| n.has_tag_name((XS, "attribute")))
            .find_map(|a| a.attribute((WSDL, "arrayType")).map(|v| (a, v)))
        else {
            continue;
        };
        let Some(bracket) = value.find('[') else {
            continue;
        };
        let (item_lexical, dims) = value.split_at(bracket);
        let Some(item) = resolve(attr, item_lexical.trim()) else {
            continue;
        };
        arrays.push((
            QName {
                ns: tns.to_string(),
                local: name.to_string(),
            },
            SoapArray {
                item,
                dims: dims.to_string(),
            },
        ));
        let has_particle = restriction.children().any(|n| {
            ["sequence", "choice", "all", "group"]
                .iter()
                .any(|p| n.has_tag_name((XS, *p)))
        });
        let one_dim = dims.matches('[').count() == 1 && !dims.contains(',');
        if has_particle || !one_dim {
            continue;
        }
        let xs = match restriction.lookup_prefix(XS) {
            Some(p) if !p.is_empty() => format!("{p}:"),
            _ => String::new(),
        };
        let start = restriction.range().start;
        let Some(tag_end) = text[start..].find('>').map(|i| start + i) else {
            continue;
        };
        let self_closing = text[..tag_end].ends_with('/');
        let insert = format!(
            "<{xs}sequence><{xs}element name=\"item\" type=\"{}\" form=\"unqualified\" \
             minOccurs=\"0\" maxOccurs=\"unbounded\"/></{xs}sequence>",
            escape(item_lexical.trim())
        );
        let insert = if self_closing {
            format!("{insert}</{xs}restriction>")
        } else {
            insert
        };
        edits.push((tag_end, self_closing, insert));
    }
    if edits.is_empty() {
        return (None, arrays);
    }
    let mut out = String::with_capacity(text.len() + edits.len() * 160);
    let mut at = 0;
    for (tag_end, self_closing, insert) in edits {
        if self_closing {
            out.push_str(&text[at..tag_end - 1]);
            out.push('>');
        } else {
            out.push_str(&text[at..=tag_end]);
        }
        out.push_str(&insert);
        at = tag_end + 1;
    }
    out.push_str(&text[at..]);
    (Some(out), arrays)
}

/// Resolves a `prefix:local` QName in the scope of `node` (no prefix: the default namespace).
fn resolve(node: roxmltree::Node<'_, '_>, lexical: &str) -> Option<QName> {
    let (prefix, local) = match lexical.split_once(':') {
        Some((p, l)) => (Some(p), l),
        None => (None, lexical),
    };
    let ns = node.lookup_namespace_uri(prefix).unwrap_or("");
    if prefix.is_some() && ns.is_empty() {
        return None;
    }
    Some(QName {
        ns: ns.to_string(),
        local: local.to_string(),
    })
}

fn p_declared(start_tag: &str, needle: &str) -> bool {
    start_tag
        .match_indices(needle)
        .any(|(i, _)| i > 0 && start_tag[..i].ends_with(char::is_whitespace))
}

/// Rewrites relative `schemaLocation="..."` values against `base`.
fn absolutize(text: &str, base: &Path) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("schemaLocation=") {
        let (head, tail) = rest.split_at(i + "schemaLocation=".len());
        out.push_str(head);
        let Some(quote) = tail.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            rest = tail;
            continue;
        };
        let Some(end) = tail[1..].find(quote) else {
            rest = tail;
            continue;
        };
        let value = &tail[1..1 + end];
        let new = if value.contains("://") || value.starts_with('/') {
            value.to_string()
        } else {
            file_url(&base.join(value))
        };
        out.push(quote);
        out.push_str(&escape(&new));
        out.push(quote);
        rest = &tail[end + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A schema importing the XML namespace without a location (as EWS does) compiles through
    /// the wrapper, and `xml:lang` / `xml:space` are checked against the harness's declarations.
    #[test]
    fn a_location_less_xml_namespace_import_resolves() {
        let dir =
            std::env::temp_dir().join(format!("soapstone-corpus-xmlns-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let xsd = dir.join("t.xsd");
        std::fs::write(
            &xsd,
            r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t">
  <xs:import namespace="http://www.w3.org/XML/1998/namespace"/>
  <xs:element name="Text">
    <xs:complexType>
      <xs:simpleContent>
        <xs:extension base="xs:string">
          <xs:attribute ref="xml:lang"/>
          <xs:attribute ref="xml:space"/>
        </xs:extension>
      </xs:simpleContent>
    </xs:complexType>
  </xs:element>
</xs:schema>
"#,
        )
        .expect("write schema");
        let bundle = SchemaBundle::new(&[xsd], None, &dir.join("work")).expect("bundle");
        let ok = r#"<t:Text xmlns:t="urn:t" xml:lang="en-GB" xml:space="preserve">hi</t:Text>"#;
        let res = bundle.validate(ok, "urn:t", "Text");
        assert!(res.is_ok(), "{res:?}");
        let bad = r#"<t:Text xmlns:t="urn:t" xml:space="keep">hi</t:Text>"#;
        let res = bundle.validate(bad, "urn:t", "Text");
        assert!(matches!(res, Err(Lint::Invalid(_))), "{res:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Of duplicate definitions of a no-namespace element the first one read counts, as in the
    /// generator: a later `substitutionGroup` or `abstract` on the same name does not.
    #[test]
    fn the_first_definition_of_an_element_decides() {
        let dir = std::env::temp_dir().join(format!("soapstone-corpus-dup-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let a = dir.join("a.xsd");
        let b = dir.join("b.xsd");
        std::fs::write(
            &a,
            r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="product" type="xs:string"/>
  <xs:element name="hat" type="xs:string"/>
  <xs:element name="cap" type="xs:string" substitutionGroup="product"/>
</xs:schema>"#,
        )
        .expect("write a");
        std::fs::write(
            &b,
            r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="product" type="xs:string" abstract="true"/>
  <xs:element name="hat" type="xs:string" substitutionGroup="product"/>
</xs:schema>"#,
        )
        .expect("write b");
        let q = |local: &str| QName {
            ns: String::new(),
            local: local.into(),
        };
        let bundle = SchemaBundle::new(&[a, b], None, &dir.join("work")).expect("bundle");
        assert!(!bundle.substitutes(&q("hat")));
        assert!(bundle.substitutes(&q("cap")));
        assert!(!bundle.is_abstract(&q("product")));
        let _ = std::fs::remove_dir_all(&dir);
    }

    const ENCODED: &str = r#"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/"
    xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" targetNamespace="urn:m">
  <types>
    <xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:m"
        xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" targetNamespace="urn:m">
      <xsd:import namespace="http://schemas.xmlsoap.org/soap/encoding/"/>
      <xsd:complexType name="Ref"><xsd:all><xsd:element name="id" type="xsd:int"/></xsd:all></xsd:complexType>
      <xsd:complexType name="RefArray"><xsd:complexContent><xsd:restriction base="SOAP-ENC:Array">
        <xsd:attribute ref="SOAP-ENC:arrayType" wsdl:arrayType="tns:Ref[]"/>
      </xsd:restriction></xsd:complexContent></xsd:complexType>
      <xsd:complexType name="Grid"><xsd:complexContent><xsd:restriction base="SOAP-ENC:Array">
        <xsd:attribute ref="SOAP-ENC:arrayType" wsdl:arrayType="xsd:int[][]"/>
      </xsd:restriction></xsd:complexContent></xsd:complexType>
    </xsd:schema>
  </types>
</definitions>
"#;

    /// A particle-less `soapenc:Array` restriction gets its members for validation (a
    /// multi-dimensional one is only recorded); the harness's SOAP encoding schema resolves the
    /// location-less import, and members of the wrong type are still invalid.
    #[test]
    fn encoded_arrays_validate_with_their_members() {
        let dir = std::env::temp_dir().join(format!("soapstone-corpus-enc-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let wsdl = dir.join("m.wsdl");
        std::fs::write(&wsdl, ENCODED).expect("write wsdl");
        let wrapper = dir.join("types.xsd");
        let elements = vec![(
            "RefArray".to_string(),
            QName {
                ns: "urn:m".into(),
                local: "RefArray".into(),
            },
        )];
        std::fs::write(&wrapper, types_wrapper(&elements)).expect("write wrapper");
        let bundle = SchemaBundle::new(&[wsdl, wrapper], None, &dir.join("work")).expect("bundle");
        let arrays = bundle.soap_arrays();
        let ref_array = &arrays[&QName {
            ns: "urn:m".into(),
            local: "RefArray".into(),
        }];
        assert_eq!(ref_array.item.local, "Ref");
        assert_eq!(ref_array.dims, "[]");
        let grid = &arrays[&QName {
            ns: "urn:m".into(),
            local: "Grid".into(),
        }];
        assert_eq!(grid.dims, "[][]");
        assert_eq!(grid.item.ns, XS);
        let doc = |member: &str| {
            format!(
                "<w:RefArray xmlns:w=\"{TYPES_NS}\" xmlns:m=\"urn:m\" xmlns:e=\"{SOAP_ENC}\" \
                 e:arrayType=\"m:Ref[2]\"><item><id>1</id></item><item>{member}</item></w:RefArray>"
            )
        };
        let res = bundle.validate(&doc("<id>2</id>"), TYPES_NS, "RefArray");
        assert!(res.is_ok(), "{res:?}");
        let res = bundle.validate(&doc("<id>two</id>"), TYPES_NS, "RefArray");
        assert!(matches!(res, Err(Lint::Invalid(_))), "{res:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
