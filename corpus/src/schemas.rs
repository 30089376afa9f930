//! Validation with xmllint against the same schemas the bindings were generated from.
//!
//! xmllint takes one schema document, so for every instance a small wrapper schema imports the
//! document declaring the instance's root element first, then one document per other
//! namespace. Schemas inline in WSDL files are extracted (with the namespace declarations in
//! scope and absolute `schemaLocation`s) into the work directory.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::HarnessError;

const XS: &str = "http://www.w3.org/2001/XMLSchema";
const WSDL: &str = "http://schemas.xmlsoap.org/wsdl/";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

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

/// One schema document: its target namespace, its file and the global elements it declares.
#[derive(Debug, Clone)]
struct SchemaDoc {
    ns: String,
    path: PathBuf,
    elements: BTreeSet<String>,
}

/// The schema documents of a set of WSDL/XSD inputs.
#[derive(Debug)]
pub struct SchemaBundle {
    docs: Vec<SchemaDoc>,
    catalog: Option<PathBuf>,
    dir: PathBuf,
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
                    std::fs::write(&out, extracted).map_err(|e| HarnessError::io(&out, e))?;
                    bundle.docs.push(describe(schema, out));
                }
            } else if root.has_tag_name((XS, "schema")) {
                bundle.docs.push(describe(root, path.clone()));
            }
        }
        Ok(bundle)
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
    pub fn validate(&self, xml: &str, ns: &str, local: &str) -> Result<(), Lint> {
        let first = self
            .docs
            .iter()
            .position(|d| d.ns == ns && d.elements.contains(local))
            .or_else(|| self.docs.iter().position(|d| d.ns == ns))
            .ok_or_else(|| Lint::Run(format!("no schema document for namespace `{ns}`")))?;
        match xmllint(&self.docs[first].path, self.catalog.as_deref(), xml) {
            Err(Lint::SchemaError(_)) => {}
            other => return other,
        }
        self.validate_with_wrapper(first, xml)
    }

    fn validate_with_wrapper(&self, first: usize, xml: &str) -> Result<(), Lint> {
        let mut wrapper = format!(
            "<xs:schema xmlns:xs=\"{XS}\" targetNamespace=\"urn:soapstone:corpus:wrapper\">\n"
        );
        let mut namespaces = BTreeSet::new();
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
        xmllint(&path, self.catalog.as_deref(), xml)
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
    SchemaDoc {
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
}
