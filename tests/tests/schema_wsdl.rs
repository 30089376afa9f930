//! The service descriptions in `wsdl/`: the operation inventory, the bindings, every message
//! part resolving to a declared global element, and every schema (stand-alone files and the
//! schemas embedded in each WSDL) compiling under xmllint.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use soapstone_tests::{known_schemas, wsdl_dir, xmllint_check_schema};

const WSDL_NS: &str = "http://schemas.xmlsoap.org/wsdl/";
const SOAP_BINDING_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap/";
const HTTP_BINDING_NS: &str = "http://schemas.xmlsoap.org/wsdl/http/";
const MIME_NS: &str = "http://schemas.xmlsoap.org/wsdl/mime/";
const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema";

const SITE_V1_1: &str = "oracle/chat-site-v1_1.wsdl";
const SITE_V1_2: &str = "oracle/chat-site-v1_2.wsdl";
const SERVER: &str = "oracle/chat-server.wsdl";
const ECE: &str = "ece/ece-chat-11.6.wsdl";
const ALL_WSDLS: [&str; 4] = [SITE_V1_1, SITE_V1_2, SERVER, ECE];

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn wsdl_children<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    local: &'static str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'i>> {
    node.children()
        .filter(move |n| n.has_tag_name((WSDL_NS, local)))
}

fn child_ns<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    ns: &'static str,
    local: &'static str,
) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|n| n.has_tag_name((ns, local)))
}

/// Operation names of every portType of a WSDL, in document order.
fn port_type_operations(wsdl: &str) -> Vec<String> {
    let text = read(&wsdl_dir().join(wsdl));
    let doc = roxmltree::Document::parse(&text).expect("WSDL parses");
    wsdl_children(doc.root_element(), "portType")
        .flat_map(|pt| wsdl_children(pt, "operation"))
        .map(|op| op.attribute("name").unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn oracle_has_seven_operations_across_site_and_server() {
    let site_v1_1 = port_type_operations(SITE_V1_1);
    let site_v1_2 = port_type_operations(SITE_V1_2);
    let server = port_type_operations(SERVER);
    assert_eq!(site_v1_1, ["GetChatUrl", "GetChatOperatingHours"]);
    assert_eq!(
        site_v1_2, site_v1_1,
        "both site versions offer the same operations"
    );
    assert_eq!(
        server,
        [
            "RequestChat",
            "RetrieveMessages",
            "PostChatMessage",
            "SendActivityChange",
            "TerminateChat"
        ]
    );
    let distinct: BTreeSet<&String> = site_v1_2.iter().chain(&server).collect();
    assert_eq!(distinct.len(), 7);
}

#[test]
fn ece_has_six_operations() {
    let ops = port_type_operations(ECE);
    assert_eq!(
        ops,
        [
            "agentAvailability",
            "capacity",
            "liveSessionStatus",
            "checkEligibility",
            "chatAllowed",
            "survey"
        ]
    );
}

#[test]
fn both_site_versions_exist_side_by_side() {
    for (wsdl, ns) in [
        (SITE_V1_1, "urn:messages.chat.ws.rightnow.com/v1_1"),
        (SITE_V1_2, "urn:messages.chat.ws.rightnow.com/v1_2"),
    ] {
        let text = read(&wsdl_dir().join(wsdl));
        let doc = roxmltree::Document::parse(&text).expect("WSDL parses");
        assert_eq!(doc.root_element().attribute("targetNamespace"), Some(ns));
    }
}

#[test]
fn oracle_bindings_are_soap11_document_literal_with_operation_soap_actions() {
    for wsdl in [SITE_V1_1, SITE_V1_2, SERVER] {
        let text = read(&wsdl_dir().join(wsdl));
        let doc = roxmltree::Document::parse(&text).expect("WSDL parses");
        for binding in wsdl_children(doc.root_element(), "binding") {
            let soap = child_ns(binding, SOAP_BINDING_NS, "binding").expect("soap:binding");
            assert_eq!(soap.attribute("style"), Some("document"), "{wsdl}");
            assert_eq!(
                soap.attribute("transport"),
                Some("http://schemas.xmlsoap.org/soap/http"),
                "{wsdl}"
            );
            for op in wsdl_children(binding, "operation") {
                let name = op.attribute("name").unwrap_or_default();
                let soap_op = child_ns(op, SOAP_BINDING_NS, "operation").expect("soap:operation");
                assert_eq!(soap_op.attribute("soapAction"), Some(name), "{wsdl} {name}");
                let input = wsdl_children(op, "input").next().expect("input");
                let headers: Vec<_> = input
                    .children()
                    .filter(|n| n.has_tag_name((SOAP_BINDING_NS, "header")))
                    .filter_map(|h| h.attribute("part"))
                    .collect();
                let expected_header = if wsdl == SERVER {
                    "ChatClientInfoHeader"
                } else {
                    "ClientRequestHeader"
                };
                assert_eq!(headers, [expected_header, "Security"], "{wsdl} {name}");
                for io in ["input", "output"] {
                    let body = wsdl_children(op, io)
                        .next()
                        .and_then(|n| child_ns(n, SOAP_BINDING_NS, "body"))
                        .unwrap_or_else(|| panic!("{wsdl} {name} {io}: soap:body"));
                    assert_eq!(body.attribute("use"), Some("literal"));
                }
            }
        }
    }
}

#[test]
fn ece_bindings_use_http_get_with_url_replacement_and_post_for_the_survey() {
    let text = read(&wsdl_dir().join(ECE));
    let doc = roxmltree::Document::parse(&text).expect("WSDL parses");
    let mut seen = Vec::new();
    for binding in wsdl_children(doc.root_element(), "binding") {
        let verb = child_ns(binding, HTTP_BINDING_NS, "binding")
            .and_then(|b| b.attribute("verb"))
            .expect("http:binding verb");
        for op in wsdl_children(binding, "operation") {
            let name = op.attribute("name").unwrap_or_default();
            let location = child_ns(op, HTTP_BINDING_NS, "operation")
                .and_then(|o| o.attribute("location"))
                .expect("http:operation location");
            let input = wsdl_children(op, "input").next().expect("input");
            if verb == "GET" {
                assert_eq!(location, format!("{name}/(id)"));
                assert!(child_ns(input, HTTP_BINDING_NS, "urlReplacement").is_some());
                let output = wsdl_children(op, "output").next().expect("output");
                let mime = child_ns(output, MIME_NS, "mimeXml").expect("mime:mimeXml");
                assert_eq!(mime.attribute("part"), Some("body"));
            } else {
                assert_eq!((verb, name, location), ("POST", "survey", "survey"));
                assert!(child_ns(input, MIME_NS, "mimeXml").is_some());
                // 204 No Content: one-way, no output.
                assert!(wsdl_children(op, "output").next().is_none());
            }
            seen.push(name.to_owned());
        }
    }
    assert_eq!(seen.len(), 6);
}

/// Global element names declared by `xsd` and every schema it imports or includes, as
/// (namespace, local name).
fn global_elements(xsd: &Path, out: &mut BTreeSet<(String, String)>, seen: &mut Vec<PathBuf>) {
    let canonical = xsd.canonicalize().expect("schema exists");
    if seen.contains(&canonical) {
        return;
    }
    seen.push(canonical);
    let text = read(xsd);
    let doc = roxmltree::Document::parse(&text).expect("schema parses");
    let schema = doc.root_element();
    collect_schema_globals(schema, xsd.parent().expect("schema dir"), out, seen);
}

fn collect_schema_globals(
    schema: roxmltree::Node<'_, '_>,
    base: &Path,
    out: &mut BTreeSet<(String, String)>,
    seen: &mut Vec<PathBuf>,
) {
    let tns = schema.attribute("targetNamespace").unwrap_or_default();
    for child in schema.children().filter(|n| n.is_element()) {
        if child.has_tag_name((XSD_NS, "element")) {
            let name = child.attribute("name").expect("global element name");
            out.insert((tns.to_owned(), name.to_owned()));
        } else if child.has_tag_name((XSD_NS, "import")) || child.has_tag_name((XSD_NS, "include"))
        {
            let location = child.attribute("schemaLocation").expect("schemaLocation");
            global_elements(&base.join(location), out, seen);
        }
    }
}

#[test]
fn every_message_part_names_a_declared_global_element() {
    for wsdl in ALL_WSDLS {
        let path = wsdl_dir().join(wsdl);
        let text = read(&path);
        let doc = roxmltree::Document::parse(&text).expect("WSDL parses");
        let root = doc.root_element();
        let mut globals = BTreeSet::new();
        let mut seen = Vec::new();
        let types = wsdl_children(root, "types").next().expect("wsdl:types");
        for schema in types
            .children()
            .filter(|n| n.has_tag_name((XSD_NS, "schema")))
        {
            collect_schema_globals(schema, path.parent().expect("dir"), &mut globals, &mut seen);
        }
        let mut parts = 0;
        for message in wsdl_children(root, "message") {
            for part in wsdl_children(message, "part") {
                let Some(qname) = part.attribute("element") else {
                    assert!(
                        part.attribute("type").is_some(),
                        "{wsdl}: part without element/type"
                    );
                    continue;
                };
                let (ns, local) = match qname.split_once(':') {
                    Some((prefix, local)) => (
                        part.lookup_namespace_uri(Some(prefix))
                            .unwrap_or_else(|| panic!("{wsdl}: unbound prefix in {qname}")),
                        local,
                    ),
                    // An unprefixed QName takes the default namespace; the ECE WSDL has none,
                    // so its response parts name the no-namespace roots.
                    None => (part.lookup_namespace_uri(None).unwrap_or_default(), qname),
                };
                assert!(
                    globals.contains(&(ns.to_owned(), local.to_owned())),
                    "{wsdl}: part {qname} names no global element ({{{ns}}}{local})"
                );
                parts += 1;
            }
        }
        assert!(parts > 0, "{wsdl}: no element parts");
        // Every portType operation's messages exist.
        let messages: BTreeSet<&str> = wsdl_children(root, "message")
            .filter_map(|m| m.attribute("name"))
            .collect();
        for op in wsdl_children(root, "portType").flat_map(|pt| wsdl_children(pt, "operation")) {
            for io in op
                .children()
                .filter(|n| n.is_element() && n.tag_name().namespace() == Some(WSDL_NS))
            {
                let Some(message) = io.attribute("message") else {
                    continue;
                };
                let local = message.split_once(':').map_or(message, |(_, l)| l);
                assert!(
                    messages.contains(local),
                    "{wsdl}: message {message} is not defined"
                );
            }
        }
    }
}

#[test]
fn every_schema_file_compiles() {
    let mut on_disk = Vec::new();
    for dir in ["oracle/xsd", "ece/xsd"] {
        for entry in std::fs::read_dir(wsdl_dir().join(dir)).expect("schema dir") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "xsd") {
                on_disk.push(path);
            }
        }
    }
    on_disk.sort();
    let mut mapped: Vec<PathBuf> = known_schemas().into_iter().map(|(_, p)| p).collect();
    mapped.sort();
    assert_eq!(
        on_disk, mapped,
        "every schema file is mapped to its namespace"
    );
    let failures: Vec<String> = on_disk
        .iter()
        .filter_map(|xsd| xmllint_check_schema(xsd).err().map(|e| e.to_string()))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The `xs:schema` elements of a WSDL's `wsdl:types`, each re-serialized as a stand-alone
/// schema with its schemaLocations made absolute.
fn embedded_schemas(wsdl: &Path) -> Vec<String> {
    let text = read(wsdl);
    let doc = roxmltree::Document::parse(&text).expect("WSDL parses");
    let base = wsdl.parent().expect("dir");
    let types = wsdl_children(doc.root_element(), "types")
        .next()
        .expect("wsdl:types");
    types
        .children()
        .filter(|n| n.has_tag_name((XSD_NS, "schema")))
        .map(|schema| {
            let mut xml = soapstone_tests::standalone(schema).xml;
            for reference in schema
                .descendants()
                .filter_map(|n| n.attribute("schemaLocation"))
            {
                let absolute = base.join(reference);
                xml = xml.replace(
                    &format!("schemaLocation=\"{reference}\""),
                    &format!("schemaLocation=\"{}\"", absolute.display()),
                );
            }
            xml
        })
        .collect()
}

#[test]
fn every_wsdl_embedded_schema_compiles_with_its_imports() {
    let mut failures = Vec::new();
    for wsdl in ALL_WSDLS {
        let schemas = embedded_schemas(&wsdl_dir().join(wsdl));
        assert!(!schemas.is_empty(), "{wsdl}: no embedded schema");
        for (i, schema) in schemas.iter().enumerate() {
            let mut file = tempfile::Builder::new()
                .suffix(".xsd")
                .tempfile()
                .expect("temp schema");
            file.write_all(schema.as_bytes())
                .expect("write temp schema");
            file.flush().expect("flush temp schema");
            if let Err(e) = xmllint_check_schema(file.path()) {
                failures.push(format!("{wsdl} schema #{i}: {e}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_broken_schema_is_reported_as_not_compiling() {
    // Guards the probe used above: a schema with a dangling type reference must not pass.
    let mut file = tempfile::Builder::new()
        .suffix(".xsd")
        .tempfile()
        .expect("temp schema");
    file.write_all(
        br#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="a" type="xs:nope"/></xs:schema>"#,
    )
    .expect("write");
    file.flush().expect("flush");
    let result = xmllint_check_schema(file.path());
    assert!(
        matches!(
            result,
            Err(soapstone_tests::SupportError::SchemaDoesNotCompile { .. })
        ),
        "{result:?}"
    );
}
