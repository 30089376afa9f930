//! Test support for soapstone's integration tests.
//!
//! - where things are: [`workspace_root`], [`wsdl_dir`], [`fixtures_dir`], [`fixture_files`],
//!   [`schema_for_namespace`];
//! - the independent validator: [`xmllint_validate`], [`xmllint_well_formed`],
//!   [`xmllint_check_schema`] (xmllint is required, never optional: a missing xmllint is an
//!   error, so CI cannot pass by skipping);
//! - taking a SOAP 1.1 envelope apart: [`soap_parts`] gives every header block and the body
//!   payload as stand-alone documents that carry every namespace declaration in scope, ready to
//!   be validated against the schema of their namespace.

pub mod interop;
pub mod xml_compare;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The SOAP 1.1 envelope namespace.
pub const SOAP11_ENV_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";

/// Namespace URI → XSD file (relative to `wsdl/`). One schema per namespace; the empty
/// namespace is the ECE no-namespace response roots.
const SCHEMAS: &[(&str, &str)] = &[
    (
        "urn:messages.chat.ws.rightnow.com/v1_1",
        "oracle/xsd/site-v1_1.xsd",
    ),
    (
        "urn:messages.chat.ws.rightnow.com/v1_2",
        "oracle/xsd/site-v1_2.xsd",
    ),
    (
        "urn:fault.ws.rightnow.com/v1_1",
        "oracle/xsd/site-faults-v1_1.xsd",
    ),
    (
        "urn:fault.ws.rightnow.com/v1_2",
        "oracle/xsd/site-faults-v1_2.xsd",
    ),
    (
        "urn:messages.common.chat.ws.rightnow.com/v1",
        "oracle/xsd/common.xsd",
    ),
    (
        "urn:messages.enduser.chat.ws.rightnow.com/v1",
        "oracle/xsd/enduser.xsd",
    ),
    (
        "urn:faults.chat.ws.rightnow.com/v1",
        "oracle/xsd/faults.xsd",
    ),
    (
        "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd",
        "oracle/xsd/wss-secext-subset.xsd",
    ),
    (
        "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd",
        "oracle/xsd/wss-utility-subset.xsd",
    ),
    (
        "http://bindings.egain.com/chat",
        "ece/xsd/chat-bindings.xsd",
    ),
    ("", "ece/xsd/chat.xsd"),
];

/// Errors of the test-support helpers.
#[derive(Debug, thiserror::Error)]
pub enum SupportError {
    #[error(
        "xmllint was not found (set XMLLINT or install libxml2-utils); schema tests require it"
    )]
    XmllintNotFound,
    #[error("running xmllint: {0}")]
    Io(#[from] std::io::Error),
    #[error("schema {schema} does not compile:\n{output}")]
    SchemaDoesNotCompile { schema: PathBuf, output: String },
    /// xmllint ran and rejected the document; `output` is its diagnostics.
    #[error("xmllint rejected the document (exit status {status}):\n{output}")]
    Rejected { status: i32, output: String },
}

/// Errors of [`soap_parts`].
#[derive(Debug, thiserror::Error)]
pub enum SoapError {
    #[error("not well-formed XML: {0}")]
    Xml(#[from] roxmltree::Error),
    #[error("the root element is {{{namespace}}}{local_name}, not a SOAP 1.1 Envelope")]
    NotAnEnvelope {
        namespace: String,
        local_name: String,
    },
    #[error("unexpected element {{{namespace}}}{local_name} in the Envelope")]
    UnexpectedEnvelopeChild {
        namespace: String,
        local_name: String,
    },
    #[error("the Envelope has no Body")]
    NoBody,
    #[error("the Body has {0} element children; document/literal allows at most one")]
    SeveralBodyElements(usize),
    #[error("the Fault has no {0}")]
    IncompleteFault(&'static str),
}

/// The workspace directory (parent of this crate).
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// `wsdl/`: the service descriptions and their schemas.
pub fn wsdl_dir() -> PathBuf {
    workspace_root().join("wsdl")
}

/// `tests/fixtures/`.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// The schema that declares the namespace `ns` (`""` is the ECE no-namespace schema).
pub fn schema_for_namespace(ns: &str) -> Option<PathBuf> {
    SCHEMAS
        .iter()
        .find(|(uri, _)| *uri == ns)
        .map(|(_, file)| wsdl_dir().join(file))
}

/// Every namespace that has a schema, with its file, in a fixed order.
pub fn known_schemas() -> Vec<(&'static str, PathBuf)> {
    SCHEMAS
        .iter()
        .map(|(uri, file)| (*uri, wsdl_dir().join(file)))
        .collect()
}

/// Every `*.xml` file below `tests/fixtures/<relative>`, sorted. Directories named `original`
/// (the vendor's text, byte for byte) are skipped unless `relative` points into one.
pub fn fixture_files(relative: &str) -> Result<Vec<PathBuf>, SupportError> {
    let mut out = Vec::new();
    collect_xml(&fixtures_dir().join(relative), &mut out)?;
    out.sort();
    Ok(out)
}

fn collect_xml(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), SupportError> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "original") {
                continue;
            }
            collect_xml(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "xml") {
            out.push(path);
        }
    }
    Ok(())
}

/// The xmllint binary: `$XMLLINT` if set, else `xmllint` on `PATH`.
pub fn xmllint() -> Result<PathBuf, SupportError> {
    if let Some(explicit) = std::env::var_os("XMLLINT") {
        let path = PathBuf::from(explicit);
        return if path.is_file() {
            Ok(path)
        } else {
            Err(SupportError::XmllintNotFound)
        };
    }
    let path = std::env::var_os("PATH").ok_or(SupportError::XmllintNotFound)?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("xmllint"))
        .find(|candidate| candidate.is_file())
        .ok_or(SupportError::XmllintNotFound)
}

/// Runs xmllint with `args` and the document on stdin (`-`); returns the exit status and the
/// combined diagnostics.
fn run_xmllint(args: &[&std::ffi::OsStr], xml: &[u8]) -> Result<(i32, String), SupportError> {
    let mut child = Command::new(xmllint()?)
        .args(["--noout", "--nonet"])
        .args(args)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| std::io::Error::other("xmllint stdin was not captured"))?;
    // Written from a thread so that a large diagnostic output cannot block the write.
    let input = xml.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output()?;
    writer
        .join()
        .map_err(|_| std::io::Error::other("the xmllint stdin writer panicked"))??;
    let mut text = String::from_utf8_lossy(&output.stderr).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stdout));
    // A signal leaves no exit code; report it as -1 rather than as success.
    Ok((output.status.code().unwrap_or(-1), text))
}

/// Validates `xml` against `schema` with `xmllint --noout --schema`.
pub fn xmllint_validate(schema: &Path, xml: &str) -> Result<(), SupportError> {
    let (status, output) = run_xmllint(&["--schema".as_ref(), schema.as_os_str()], xml.as_bytes())?;
    match status {
        0 => Ok(()),
        // xmllint's exit status 5: the schema itself failed to compile.
        5 => Err(SupportError::SchemaDoesNotCompile {
            schema: schema.to_path_buf(),
            output,
        }),
        status => Err(SupportError::Rejected { status, output }),
    }
}

/// Checks that `xml` is well-formed (`xmllint --noout`), without any schema.
pub fn xmllint_well_formed(xml: &[u8]) -> Result<(), SupportError> {
    match run_xmllint(&[], xml)? {
        (0, _) => Ok(()),
        (status, output) => Err(SupportError::Rejected { status, output }),
    }
}

/// Checks that `schema` compiles, by validating a probe document that no chat schema declares:
/// a compiled schema then reports the probe as an undeclared root, anything else is an error.
pub fn xmllint_check_schema(schema: &Path) -> Result<(), SupportError> {
    const PROBE: &str = "<soapstone-schema-probe xmlns=\"urn:soapstone:probe\"/>";
    match xmllint_validate(schema, PROBE) {
        Err(SupportError::Rejected { output, .. })
            if output.contains("No matching global declaration available") =>
        {
            Ok(())
        }
        Ok(()) => Err(SupportError::SchemaDoesNotCompile {
            schema: schema.to_path_buf(),
            output: "the probe document unexpectedly validated".into(),
        }),
        Err(other) => Err(other),
    }
}

/// One element taken out of a document as a stand-alone document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlPart {
    /// Namespace URI of the element (`""` for none).
    pub namespace: String,
    pub local_name: String,
    /// The element's source text, with the namespace declarations it inherited added to its
    /// start tag.
    pub xml: String,
}

/// A SOAP 1.1 Fault found in the Body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoapFault {
    pub faultcode: String,
    pub faultstring: String,
    /// The element children of `detail`, each stand-alone.
    pub details: Vec<XmlPart>,
}

/// The parts of a SOAP 1.1 envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoapParts {
    /// Every header block, in document order.
    pub headers: Vec<XmlPart>,
    /// The body payload (a `soap:Fault` included), or `None` for an empty Body.
    pub body: Option<XmlPart>,
    /// Set when the body payload is a SOAP 1.1 Fault.
    pub fault: Option<SoapFault>,
}

/// Splits a SOAP 1.1 envelope into header blocks and body payload, each a stand-alone document.
pub fn soap_parts(envelope: &str) -> Result<SoapParts, SoapError> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(envelope, options)?;
    let root = doc.root_element();
    if !is_soap(root, "Envelope") {
        return Err(SoapError::NotAnEnvelope {
            namespace: namespace_of(root),
            local_name: root.tag_name().name().to_owned(),
        });
    }
    let mut headers = Vec::new();
    let mut body = None;
    let mut saw_header = false;
    let mut saw_body = false;
    for child in root.children().filter(|n| n.is_element()) {
        if is_soap(child, "Header") && !saw_body && !saw_header {
            saw_header = true;
            headers.extend(child.children().filter(|n| n.is_element()).map(standalone));
        } else if is_soap(child, "Body") && !saw_body {
            saw_body = true;
            let payload: Vec<_> = child.children().filter(|n| n.is_element()).collect();
            if payload.len() > 1 {
                return Err(SoapError::SeveralBodyElements(payload.len()));
            }
            body = payload.first().copied();
        } else {
            return Err(SoapError::UnexpectedEnvelopeChild {
                namespace: namespace_of(child),
                local_name: child.tag_name().name().to_owned(),
            });
        }
    }
    if !saw_body {
        return Err(SoapError::NoBody);
    }
    let fault = match body {
        Some(node) if is_soap(node, "Fault") => Some(fault_of(node)?),
        _ => None,
    };
    Ok(SoapParts {
        headers,
        body: body.map(standalone),
        fault,
    })
}

fn fault_of(fault: roxmltree::Node<'_, '_>) -> Result<SoapFault, SoapError> {
    // SOAP 1.1 Fault children are unqualified.
    let child = |name: &str| {
        fault
            .children()
            .find(|n| n.is_element() && n.tag_name().name() == name && namespace_of(*n).is_empty())
    };
    let text = |name: &'static str| {
        child(name)
            .map(|n| n.text().unwrap_or_default().trim().to_owned())
            .filter(|t| !t.is_empty())
            .ok_or(SoapError::IncompleteFault(name))
    };
    Ok(SoapFault {
        faultcode: text("faultcode")?,
        faultstring: text("faultstring")?,
        details: child("detail")
            .map(|d| {
                d.children()
                    .filter(|n| n.is_element())
                    .map(standalone)
                    .collect()
            })
            .unwrap_or_default(),
    })
}

fn is_soap(node: roxmltree::Node<'_, '_>, local: &str) -> bool {
    node.tag_name().namespace() == Some(SOAP11_ENV_NS) && node.tag_name().name() == local
}

fn namespace_of(node: roxmltree::Node<'_, '_>) -> String {
    node.tag_name().namespace().unwrap_or_default().to_owned()
}

/// Takes `node` out of its document: its exact source text, plus declarations for every
/// namespace in scope that its own start tag does not declare (prefixes used in attribute
/// values such as `xsi:type` or fault codes keep resolving).
pub fn standalone(node: roxmltree::Node<'_, '_>) -> XmlPart {
    let source = &node.document().input_text()[node.range()];
    let start_tag = start_tag_of(source);
    let own = declared_prefixes(start_tag);
    let name_end = start_tag
        .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .unwrap_or(start_tag.len());
    let mut declarations = String::new();
    for ns in node.namespaces() {
        let prefix = ns.name().unwrap_or("");
        if prefix == "xml" || own.iter().any(|p| p == prefix) {
            continue;
        }
        let attr = if prefix.is_empty() {
            "xmlns".to_owned()
        } else {
            format!("xmlns:{prefix}")
        };
        declarations.push_str(&format!(" {attr}=\"{}\"", escape_attr(ns.uri())));
    }
    let mut xml = String::with_capacity(source.len() + declarations.len());
    xml.push_str(&source[..name_end]);
    xml.push_str(&declarations);
    xml.push_str(&source[name_end..]);
    XmlPart {
        namespace: namespace_of(node),
        local_name: node.tag_name().name().to_owned(),
        xml,
    }
}

/// The start tag at the beginning of `source` (`<` up to the first `>` outside quotes).
fn start_tag_of(source: &str) -> &str {
    let mut quote = None;
    for (i, c) in source.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return &source[..=i],
            _ => {}
        }
    }
    source
}

/// Prefixes declared by `xmlns`/`xmlns:p` attributes of a well-formed start tag (`""` = the
/// default namespace). Walks the attributes one by one so that values are never mistaken for
/// names.
fn declared_prefixes(start_tag: &str) -> Vec<String> {
    let mut prefixes = Vec::new();
    let body = start_tag.trim_start_matches('<');
    let mut rest = body.trim_end_matches('>').trim_end_matches('/');
    // Skip the element name.
    rest = rest
        .find(|c: char| c.is_ascii_whitespace())
        .map_or("", |i| &rest[i..]);
    loop {
        rest = rest.trim_start();
        let Some(eq) = rest.find('=') else { break };
        let name = rest[..eq].trim_end();
        let value = rest[eq + 1..].trim_start();
        let Some(quote) = value.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            break;
        };
        let Some(len) = value[1..].find(quote) else {
            break;
        };
        if name == "xmlns" {
            prefixes.push(String::new());
        } else if let Some(prefix) = name.strip_prefix("xmlns:") {
            prefixes.push(prefix.to_owned());
        }
        rest = &value[1 + len + 1..];
    }
    prefixes
}

fn escape_attr(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standalone_adds_inherited_declarations_only() {
        let env = r#"<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/" xmlns:a="urn:a" xmlns="urn:d"><e:Body><a:X xmlns:a="urn:a" b="1"><Y/></a:X></e:Body></e:Envelope>"#;
        let parts = soap_parts(env).expect("envelope");
        let body = parts.body.expect("payload");
        assert_eq!(body.namespace, "urn:a");
        assert_eq!(body.local_name, "X");
        assert_eq!(
            body.xml,
            r#"<a:X xmlns:e="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:d" xmlns:a="urn:a" b="1"><Y/></a:X>"#
        );
        let reparsed = roxmltree::Document::parse(&body.xml).expect("stand-alone part parses");
        let y = reparsed.root_element().first_element_child().expect("Y");
        assert_eq!(y.tag_name().namespace(), Some("urn:d"));
    }

    #[test]
    fn headers_and_faults_are_split_out() {
        let env = r#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Header><h:A xmlns:h="urn:h"/><h:B xmlns:h="urn:h"/></S:Header><S:Body><S:Fault><faultcode>S:Client</faultcode><faultstring>no</faultstring><detail><f:E xmlns:f="urn:f"/></detail></S:Fault></S:Body></S:Envelope>"#;
        let parts = soap_parts(env).expect("envelope");
        let names: Vec<_> = parts
            .headers
            .iter()
            .map(|h| h.local_name.as_str())
            .collect();
        assert_eq!(names, ["A", "B"]);
        let fault = parts.fault.expect("fault");
        assert_eq!(fault.faultcode, "S:Client");
        assert_eq!(fault.details.len(), 1);
        assert!(fault.details[0].xml.contains("xmlns:S="));
    }

    #[test]
    fn envelope_errors_are_reported() {
        assert!(matches!(
            soap_parts("<a/>"),
            Err(SoapError::NotAnEnvelope { .. })
        ));
        assert!(matches!(
            soap_parts(r#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"/>"#),
            Err(SoapError::NoBody)
        ));
        assert!(matches!(
            soap_parts(
                r#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><a/><b/></S:Body></S:Envelope>"#
            ),
            Err(SoapError::SeveralBodyElements(2))
        ));
        assert!(matches!(soap_parts("<a>"), Err(SoapError::Xml(_))));
    }

    #[test]
    fn declared_prefixes_ignores_values() {
        let tag = r#"<a:X xmlns:a="urn:xmlns" xmlns = 'urn:d' data-xmlns="no" v=" xmlns:z='q'">"#;
        assert_eq!(declared_prefixes(tag), ["a", ""]);
    }

    #[test]
    fn every_schema_file_in_the_map_exists() {
        for (ns, file) in known_schemas() {
            assert!(file.is_file(), "{ns} -> {} is missing", file.display());
        }
    }
}
