//! Pass 2b: WSDL 1.1 documents → the service model (messages, port types, bindings, services),
//! merged across all loaded WSDL files so an abstract/concrete split over `wsdl:import` works.

use std::collections::BTreeMap;

use crate::diagnostics::{DiagnosticKind, Diagnostics, Location};
use crate::load::WsdlDoc;
use crate::load::xml::Element;
use crate::xsd::QName;

/// WSDL 1.1 namespace.
pub const WSDL: &str = crate::load::WSDL;
/// SOAP 1.1 binding extension namespace.
pub const SOAP11: &str = "http://schemas.xmlsoap.org/wsdl/soap/";
/// SOAP 1.2 binding extension namespace.
pub const SOAP12: &str = "http://schemas.xmlsoap.org/wsdl/soap12/";
/// HTTP binding extension namespace.
pub const HTTP: &str = "http://schemas.xmlsoap.org/wsdl/http/";
/// MIME binding extension namespace.
pub const MIME: &str = "http://schemas.xmlsoap.org/wsdl/mime/";

/// All WSDL definitions.
#[derive(Debug, Clone, Default)]
pub struct Definitions {
    /// `wsdl:message`s.
    pub messages: BTreeMap<QName, Message>,
    /// `wsdl:portType`s.
    pub port_types: BTreeMap<QName, PortType>,
    /// `wsdl:binding`s.
    pub bindings: BTreeMap<QName, Binding>,
    /// `wsdl:service`s.
    pub services: BTreeMap<QName, Service>,
    /// `wsdl:documentation` of each `definitions`, by target namespace.
    pub docs: BTreeMap<String, String>,
}

/// `wsdl:message`.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// Name.
    pub name: QName,
    /// Where.
    pub loc: Location,
    /// Parts in order.
    pub parts: Vec<Part>,
}

/// `wsdl:part`.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// Part name.
    pub name: String,
    /// `element=`.
    pub element: Option<QName>,
    /// `type=`.
    pub type_name: Option<QName>,
    /// Where.
    pub loc: Location,
}

/// `wsdl:portType`.
#[derive(Debug, Clone, PartialEq)]
pub struct PortType {
    /// Name.
    pub name: QName,
    /// Where.
    pub loc: Location,
    /// Documentation.
    pub doc: Option<String>,
    /// Operations in order.
    pub operations: Vec<AbstractOperation>,
}

/// `wsdl:operation` in a port type.
#[derive(Debug, Clone, PartialEq)]
pub struct AbstractOperation {
    /// Name.
    pub name: String,
    /// Where.
    pub loc: Location,
    /// Documentation.
    pub doc: Option<String>,
    /// `wsdl:input`.
    pub input: Option<MessageRef>,
    /// `wsdl:output` (absent for one-way operations).
    pub output: Option<MessageRef>,
    /// `wsdl:fault`s.
    pub faults: Vec<MessageRef>,
}

/// A reference from an operation to a message.
#[derive(Debug, Clone, PartialEq)]
pub struct MessageRef {
    /// `name=`.
    pub name: Option<String>,
    /// `message=`.
    pub message: QName,
    /// Where.
    pub loc: Location,
}

/// The protocol of a binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Protocol {
    /// `soap:binding`.
    Soap11,
    /// `soap12:binding`.
    Soap12,
    /// `http:binding verb="GET"`.
    HttpGet,
    /// `http:binding verb="POST"`.
    HttpPost,
}

/// Document or RPC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Style {
    /// `document`.
    Document,
    /// `rpc`.
    Rpc,
}

/// `wsdl:binding`.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    /// Name.
    pub name: QName,
    /// Where.
    pub loc: Location,
    /// `type=` (the port type).
    pub port_type: QName,
    /// The protocol, `None` for bindings with an unknown extension.
    pub protocol: Option<Protocol>,
    /// `style=` on the binding (document when absent).
    pub style: Style,
    /// `transport=`.
    pub transport: Option<String>,
    /// Operations in order.
    pub operations: Vec<BindingOperation>,
}

/// `wsdl:operation` in a binding.
#[derive(Debug, Clone, PartialEq)]
pub struct BindingOperation {
    /// Name.
    pub name: String,
    /// Where.
    pub loc: Location,
    /// `soapAction=`.
    pub soap_action: Option<String>,
    /// `style=` on the operation (overrides the binding's).
    pub style: Option<Style>,
    /// `http:operation location=`.
    pub http_location: Option<String>,
    /// Input.
    pub input: Option<BindingMessage>,
    /// Output.
    pub output: Option<BindingMessage>,
    /// Faults by name.
    pub faults: Vec<BindingFault>,
}

/// `wsdl:input` / `wsdl:output` in a binding.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BindingMessage {
    /// `soap:body`.
    pub body: Option<SoapBody>,
    /// `soap:header`s.
    pub headers: Vec<SoapHeader>,
    /// `http:urlEncoded`.
    pub url_encoded: bool,
    /// `http:urlReplacement`.
    pub url_replacement: bool,
    /// `mime:content type=` or `mime:mimeXml` (as `text/xml`).
    pub mime: Option<MimePart>,
}

/// A MIME binding.
#[derive(Debug, Clone, PartialEq)]
pub struct MimePart {
    /// `part=`.
    pub part: Option<String>,
    /// Content type (`text/xml` for `mime:mimeXml`).
    pub content_type: String,
}

/// `soap:body`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SoapBody {
    /// `parts=` (all parts when absent).
    pub parts: Option<Vec<String>>,
    /// `use="encoded"`.
    pub encoded: bool,
    /// `namespace=` (RPC wrapper namespace).
    pub namespace: Option<String>,
    /// `encodingStyle=`.
    pub encoding_style: Option<String>,
}

/// `soap:header`.
#[derive(Debug, Clone, PartialEq)]
pub struct SoapHeader {
    /// `message=`.
    pub message: QName,
    /// `part=`.
    pub part: String,
    /// `use="encoded"`.
    pub encoded: bool,
    /// Where.
    pub loc: Location,
}

/// `wsdl:fault` in a binding.
#[derive(Debug, Clone, PartialEq)]
pub struct BindingFault {
    /// Name.
    pub name: String,
    /// `use="encoded"`.
    pub encoded: bool,
}

/// `wsdl:service`.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// Name.
    pub name: QName,
    /// Where.
    pub loc: Location,
    /// Documentation.
    pub doc: Option<String>,
    /// Ports in order.
    pub ports: Vec<Port>,
}

/// `wsdl:port`.
#[derive(Debug, Clone, PartialEq)]
pub struct Port {
    /// Name.
    pub name: String,
    /// `binding=`.
    pub binding: QName,
    /// `soap:address` / `soap12:address` / `http:address location=`.
    pub address: Option<String>,
    /// Where.
    pub loc: Location,
}

fn qname(e: &Element, attr: &str, diags: &mut Diagnostics) -> Option<QName> {
    let v = e.attr(attr)?;
    match e.resolve_qname(v) {
        Ok((ns, local)) => Some(QName::new(ns, local)),
        Err(kind) => {
            diags.error(&e.loc, kind);
            None
        }
    }
}

fn required_qname(e: &Element, attr: &str, diags: &mut Diagnostics) -> Option<QName> {
    let q = qname(e, attr, diags);
    if q.is_none() && e.attr(attr).is_none() {
        diags.error(
            &e.loc,
            DiagnosticKind::Invalid(format!("wsdl:{} needs a `{attr}` attribute", e.local)),
        );
    }
    q
}

fn wsdl_doc(e: &Element) -> Option<String> {
    e.children
        .iter()
        .find(|c| c.is(WSDL, "documentation"))
        .map(|d| d.deep_text().trim().to_string())
        .filter(|s| !s.is_empty())
}

fn style(v: Option<&str>) -> Option<Style> {
    match v? {
        "rpc" => Some(Style::Rpc),
        _ => Some(Style::Document),
    }
}

fn insert<V: Located>(
    map: &mut BTreeMap<QName, V>,
    name: QName,
    v: V,
    kind: &'static str,
    loc: &Location,
    diags: &mut Diagnostics,
) {
    if let Some(first) = map.get(&name) {
        diags.warning(
            loc,
            DiagnosticKind::Duplicate {
                kind,
                name: name.to_string(),
                first: first.loc().to_string(),
            },
        );
    } else {
        map.insert(name, v);
    }
}

trait Located {
    fn loc(&self) -> &Location;
}

macro_rules! located {
    ($($t:ty),*) => {$(impl Located for $t {
        fn loc(&self) -> &Location {
            &self.loc
        }
    })*};
}
located!(Message, PortType, Binding, Service);

/// Parses every WSDL document into one set of definitions.
pub fn parse_wsdls(docs: &[WsdlDoc], diags: &mut Diagnostics) -> Definitions {
    let mut defs = Definitions::default();
    for doc in docs {
        let root = &doc.root;
        let tns = root.attr("targetNamespace").unwrap_or("").to_string();
        if let Some(d) = wsdl_doc(root) {
            defs.docs.entry(tns.clone()).or_insert(d);
        }
        for child in root.children_in(WSDL) {
            let name = QName::new(tns.clone(), child.attr("name").unwrap_or_default());
            match child.local.as_str() {
                "message" => {
                    let parts = child
                        .children_in(WSDL)
                        .filter(|p| p.local == "part")
                        .map(|p| Part {
                            name: p.attr("name").unwrap_or_default().to_string(),
                            element: qname(p, "element", diags),
                            type_name: qname(p, "type", diags),
                            loc: p.loc.clone(),
                        })
                        .collect();
                    let m = Message {
                        name: name.clone(),
                        loc: child.loc.clone(),
                        parts,
                    };
                    insert(&mut defs.messages, name, m, "message", &child.loc, diags);
                }
                "portType" => {
                    let operations = child
                        .children_in(WSDL)
                        .filter(|o| o.local == "operation")
                        .map(|o| abstract_operation(o, diags))
                        .collect();
                    let p = PortType {
                        name: name.clone(),
                        loc: child.loc.clone(),
                        doc: wsdl_doc(child),
                        operations,
                    };
                    insert(&mut defs.port_types, name, p, "portType", &child.loc, diags);
                }
                "binding" => {
                    if let Some(b) = binding(child, name.clone(), diags) {
                        insert(&mut defs.bindings, name, b, "binding", &child.loc, diags);
                    }
                }
                "service" => {
                    let ports = child
                        .children_in(WSDL)
                        .filter(|p| p.local == "port")
                        .filter_map(|p| {
                            let binding = required_qname(p, "binding", diags)?;
                            let address = p
                                .children
                                .iter()
                                .find(|a| {
                                    a.local == "address"
                                        && [SOAP11, SOAP12, HTTP].contains(&a.ns.as_str())
                                })
                                .and_then(|a| a.attr("location"))
                                .map(str::to_string);
                            Some(Port {
                                name: p.attr("name").unwrap_or_default().to_string(),
                                binding,
                                address,
                                loc: p.loc.clone(),
                            })
                        })
                        .collect();
                    let s = Service {
                        name: name.clone(),
                        loc: child.loc.clone(),
                        doc: wsdl_doc(child),
                        ports,
                    };
                    insert(&mut defs.services, name, s, "service", &child.loc, diags);
                }
                "import" | "types" | "documentation" => {}
                other => diags.warning(
                    &child.loc,
                    DiagnosticKind::Unsupported(format!(
                        "wsdl:{other} is not a WSDL 1.1 element and is ignored"
                    )),
                ),
            }
        }
    }
    defs
}

fn abstract_operation(o: &Element, diags: &mut Diagnostics) -> AbstractOperation {
    let mut op = AbstractOperation {
        name: o.attr("name").unwrap_or_default().to_string(),
        loc: o.loc.clone(),
        doc: wsdl_doc(o),
        input: None,
        output: None,
        faults: Vec::new(),
    };
    for c in o.children_in(WSDL) {
        let Some(message) = (match c.local.as_str() {
            "input" | "output" | "fault" => required_qname(c, "message", diags),
            _ => None,
        }) else {
            continue;
        };
        let r = MessageRef {
            name: c.attr("name").map(str::to_string),
            message,
            loc: c.loc.clone(),
        };
        match c.local.as_str() {
            "input" => op.input = Some(r),
            "output" => op.output = Some(r),
            _ => op.faults.push(r),
        }
    }
    op
}

fn binding(b: &Element, name: QName, diags: &mut Diagnostics) -> Option<Binding> {
    let port_type = required_qname(b, "type", diags)?;
    let mut out = Binding {
        name,
        loc: b.loc.clone(),
        port_type,
        protocol: None,
        style: Style::Document,
        transport: None,
        operations: Vec::new(),
    };
    for c in &b.children {
        match (c.ns.as_str(), c.local.as_str()) {
            (SOAP11 | SOAP12, "binding") => {
                out.protocol = Some(if c.ns == SOAP11 {
                    Protocol::Soap11
                } else {
                    Protocol::Soap12
                });
                out.style = style(c.attr("style")).unwrap_or(Style::Document);
                out.transport = c.attr("transport").map(str::to_string);
            }
            (HTTP, "binding") => {
                out.protocol = Some(match c.attr("verb") {
                    Some("GET") => Protocol::HttpGet,
                    _ => Protocol::HttpPost,
                });
            }
            (WSDL, "operation") => out.operations.push(binding_operation(c, diags)),
            _ => {}
        }
    }
    if out.protocol.is_none() {
        diags.warning(
            &b.loc,
            DiagnosticKind::Unsupported(
                "binding has no SOAP 1.1, SOAP 1.2 or HTTP binding extension; its operations get no protocol details".into(),
            ),
        );
    }
    Some(out)
}

fn binding_operation(o: &Element, diags: &mut Diagnostics) -> BindingOperation {
    let mut op = BindingOperation {
        name: o.attr("name").unwrap_or_default().to_string(),
        loc: o.loc.clone(),
        soap_action: None,
        style: None,
        http_location: None,
        input: None,
        output: None,
        faults: Vec::new(),
    };
    for c in &o.children {
        match (c.ns.as_str(), c.local.as_str()) {
            (SOAP11 | SOAP12, "operation") => {
                op.soap_action = c.attr("soapAction").map(str::to_string);
                op.style = style(c.attr("style"));
            }
            (HTTP, "operation") => op.http_location = c.attr("location").map(str::to_string),
            (WSDL, "input") => op.input = Some(binding_message(c, diags)),
            (WSDL, "output") => op.output = Some(binding_message(c, diags)),
            (WSDL, "fault") => {
                let encoded = c
                    .children
                    .iter()
                    .any(|f| f.local == "fault" && f.attr("use") == Some("encoded"));
                op.faults.push(BindingFault {
                    name: c.attr("name").unwrap_or_default().to_string(),
                    encoded,
                });
            }
            _ => {}
        }
    }
    op
}

fn binding_message(m: &Element, diags: &mut Diagnostics) -> BindingMessage {
    let mut out = BindingMessage::default();
    for c in &m.children {
        match (c.ns.as_str(), c.local.as_str()) {
            (SOAP11 | SOAP12, "body") => out.body = Some(soap_body(c)),
            (SOAP11 | SOAP12, "header") => {
                if let Some(message) = required_qname(c, "message", diags) {
                    out.headers.push(SoapHeader {
                        message,
                        part: c.attr("part").unwrap_or_default().to_string(),
                        encoded: c.attr("use") == Some("encoded"),
                        loc: c.loc.clone(),
                    });
                }
            }
            (HTTP, "urlEncoded") => out.url_encoded = true,
            (HTTP, "urlReplacement") => out.url_replacement = true,
            (MIME, "mimeXml") => {
                out.mime = Some(MimePart {
                    part: c.attr("part").map(str::to_string),
                    content_type: "text/xml".into(),
                })
            }
            (MIME, "content") => {
                out.mime = Some(MimePart {
                    part: c.attr("part").map(str::to_string),
                    content_type: c
                        .attr("type")
                        .unwrap_or("application/octet-stream")
                        .to_string(),
                })
            }
            (MIME, "multipartRelated") => {
                // The root part's soap:body describes the envelope; attachments are not typed.
                for part in c.children.iter().filter(|p| p.is(MIME, "part")) {
                    if let Some(b) = part
                        .children
                        .iter()
                        .find(|b| b.local == "body" && [SOAP11, SOAP12].contains(&b.ns.as_str()))
                    {
                        out.body = Some(soap_body(b));
                    }
                }
                diags.warning(
                    &c.loc,
                    DiagnosticKind::Unsupported("mime:multipartRelated attachments are not typed; only the SOAP body is bound".into()),
                );
            }
            _ => {}
        }
    }
    out
}

fn soap_body(c: &Element) -> SoapBody {
    SoapBody {
        parts: c
            .attr("parts")
            .map(|p| p.split_whitespace().map(str::to_string).collect()),
        encoded: c.attr("use") == Some("encoded"),
        namespace: c.attr("namespace").map(str::to_string),
        encoding_style: c.attr("encodingStyle").map(str::to_string),
    }
}
