//! `soapstone inspect`: a readable listing of what a WSDL offers (services, ports, bindings
//! and, per operation, its action or HTTP location, style, body, headers and faults), in the
//! spirit of `python -m zeep <wsdl>`.
//!
//! The listing works on the WSDL and schema definitions only (passes 1 and 2): it needs no
//! lowering, so it also describes WSDLs whose types the generator would reject. Everything is
//! printed in a fixed order (services, bindings and namespaces by name; operations, parts and
//! headers in document order), so the output is deterministic.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::diagnostics::{Diagnostic, Diagnostics, Error, SourceMap};
use crate::load::xml::XS;
use crate::wsdl::{
    AbstractOperation, Binding, BindingMessage, BindingOperation, Definitions, Message, MessageRef,
    Part, Protocol, Style,
};
use crate::xsd::{QName, SchemaSet, TypeDef, TypeRef};
use crate::{Settings, load, wsdl, xsd};

/// The result of [`inspect`].
#[derive(Debug, Clone)]
pub struct Inspection {
    /// The listing, ending with a newline.
    pub text: String,
    /// Warnings found while loading (errors make [`inspect`] fail instead).
    pub warnings: Vec<Diagnostic>,
    /// Source text of every file read, for [`Diagnostic::render`].
    pub sources: SourceMap,
    /// Number of services listed.
    pub services: usize,
    /// Number of bindings listed.
    pub bindings: usize,
    /// Number of binding operations listed (summed over all bindings).
    pub operations: usize,
}

/// Loads the inputs of `settings` (catalogs and URL maps apply) and describes them. Fails with
/// [`Error::Schema`] when loading or parsing reports an error (or a warning, with
/// [`Settings::with_warnings_as_errors`]).
pub fn inspect(settings: &Settings) -> Result<Inspection, Error> {
    if settings.inputs.is_empty() {
        return Err(Error::Settings("no input files".into()));
    }
    let mut diags = Diagnostics::default();
    let mut resolver = load::Resolver {
        url_map: settings.url_map.clone(),
        ..load::Resolver::default()
    };
    let mut catalog_reads = load::Loaded::default();
    for c in &settings.catalogs {
        resolver.add_catalog(c, &mut catalog_reads, &mut diags);
    }
    let loaded = load::load(&settings.inputs, &resolver, &mut diags);
    let schemas = xsd::parse_schemas(&loaded.schemas, &mut diags);
    let defs = wsdl::parse_wsdls(&loaded.wsdls, &mut diags);
    let mut sources = loaded.sources;
    for p in catalog_reads
        .sources
        .paths()
        .map(std::path::Path::to_path_buf)
        .collect::<Vec<_>>()
    {
        if let Some(t) = catalog_reads.sources.get(&p) {
            sources.insert(&p, std::sync::Arc::from(t));
        }
    }
    let diagnostics = diags.into_sorted();
    if diagnostics
        .iter()
        .any(|d| d.is_error() || settings.warnings_are_errors)
    {
        return Err(Error::Schema {
            diagnostics,
            sources,
        });
    }
    let operations = defs.bindings.values().map(|b| b.operations.len()).sum();
    Ok(Inspection {
        text: render(&defs, &schemas),
        warnings: diagnostics,
        sources,
        services: defs.services.len(),
        bindings: defs.bindings.len(),
        operations,
    })
}

/// Short prefixes for namespaces, handed out in order of first use (which is deterministic
/// because the listing is walked in a fixed order).
#[derive(Default)]
struct Prefixes {
    by_ns: BTreeMap<String, String>,
    numbered: usize,
}

impl Prefixes {
    fn q(&mut self, q: &QName) -> String {
        if q.ns.is_empty() {
            return q.local.clone();
        }
        if !self.by_ns.contains_key(&q.ns) {
            let prefix = if q.ns == XS {
                "xsd".to_string()
            } else {
                self.numbered += 1;
                format!("ns{}", self.numbered - 1)
            };
            self.by_ns.insert(q.ns.clone(), prefix);
        }
        format!("{}:{}", self.by_ns[&q.ns], q.local)
    }
}

fn protocol_name(p: Option<Protocol>) -> &'static str {
    match p {
        Some(Protocol::Soap11) => "soap1.1",
        Some(Protocol::Soap12) => "soap1.2",
        Some(Protocol::HttpGet) => "http-get",
        Some(Protocol::HttpPost) => "http-post",
        None => "unknown",
    }
}

fn style_name(s: Style) -> &'static str {
    match s {
        Style::Document => "document",
        Style::Rpc => "rpc",
    }
}

fn is_http(p: Option<Protocol>) -> bool {
    matches!(p, Some(Protocol::HttpGet | Protocol::HttpPost))
}

// `write!` into a `String` cannot fail; the `Result`s below are discarded on purpose.
fn render(defs: &Definitions, schemas: &SchemaSet) -> String {
    let ctx = Ctx { defs, schemas };
    let mut p = Prefixes::default();
    let mut body = String::new();
    if defs.services.is_empty() {
        body.push_str("Services: none\n\n");
    }
    for service in defs.services.values() {
        let _ = writeln!(body, "Service: {}", p.q(&service.name));
        for port in &service.ports {
            let binding = defs.bindings.get(&port.binding);
            let _ = writeln!(body, "  Port: {}", port.name);
            let _ = writeln!(
                body,
                "    binding: {}{}",
                p.q(&port.binding),
                match binding {
                    Some(b) => format!(" ({})", protocol_name(b.protocol)),
                    None => " (not defined)".to_string(),
                }
            );
            let _ = writeln!(
                body,
                "    address: {}",
                port.address.as_deref().unwrap_or("(none)")
            );
        }
        body.push('\n');
    }
    if defs.bindings.is_empty() {
        body.push_str("Bindings: none\n");
    }
    for binding in defs.bindings.values() {
        render_binding(&mut body, &mut p, &ctx, binding);
    }
    let mut out = String::from("Prefixes:\n");
    if p.by_ns.is_empty() {
        out.push_str("  (none)\n");
    }
    let mut listed: Vec<(&String, &String)> = p.by_ns.iter().map(|(ns, pre)| (pre, ns)).collect();
    // `xsd` first, then ns0, ns1, ... by number.
    listed.sort_by_key(|(pre, _)| {
        (
            pre.as_str() != "xsd",
            pre.trim_start_matches("ns").parse::<usize>().unwrap_or(0),
        )
    });
    for (pre, ns) in listed {
        let _ = writeln!(out, "  {pre}: {ns}");
    }
    out.push('\n');
    out.push_str(&body);
    out
}

/// What the listing is made from.
struct Ctx<'a> {
    defs: &'a Definitions,
    schemas: &'a SchemaSet,
}

fn render_binding(out: &mut String, p: &mut Prefixes, ctx: &Ctx<'_>, binding: &Binding) {
    let _ = writeln!(out, "Binding: {}", p.q(&binding.name));
    let port_type = ctx.defs.port_types.get(&binding.port_type);
    let _ = writeln!(
        out,
        "  port type: {}{}",
        p.q(&binding.port_type),
        if port_type.is_none() {
            " (not defined)"
        } else {
            ""
        }
    );
    let _ = writeln!(out, "  protocol: {}", protocol_name(binding.protocol));
    if !is_http(binding.protocol) {
        let _ = writeln!(out, "  style: {}", style_name(binding.style));
    }
    if let Some(t) = &binding.transport {
        let _ = writeln!(out, "  transport: {t}");
    }
    let _ = writeln!(out, "  operations: {}", binding.operations.len());
    for op in &binding.operations {
        let abstract_op = port_type.and_then(|pt| pt.operations.iter().find(|o| o.name == op.name));
        render_operation(out, p, ctx, binding, op, abstract_op);
    }
    out.push('\n');
}

fn render_operation(
    out: &mut String,
    p: &mut Prefixes,
    ctx: &Ctx<'_>,
    binding: &Binding,
    op: &BindingOperation,
    abstract_op: Option<&AbstractOperation>,
) {
    let _ = writeln!(out, "  Operation: {}", op.name);
    if abstract_op.is_none() {
        let _ = writeln!(out, "    (not in the port type)");
    }
    if is_http(binding.protocol) {
        let verb = if binding.protocol == Some(Protocol::HttpGet) {
            "GET"
        } else {
            "POST"
        };
        let _ = writeln!(
            out,
            "    http: {verb} {}",
            op.http_location.as_deref().unwrap_or("(no location)")
        );
    } else {
        let action = match binding.protocol {
            Some(Protocol::Soap12) => "action",
            _ => "soapAction",
        };
        let _ = writeln!(
            out,
            "    {action}: {}",
            match &op.soap_action {
                Some(a) => format!("\"{a}\""),
                None => "(none)".to_string(),
            }
        );
        let _ = writeln!(
            out,
            "    style: {}",
            style_name(op.style.unwrap_or(binding.style))
        );
    }
    let http = is_http(binding.protocol);
    let input = abstract_op.and_then(|o| o.input.as_ref());
    let output = abstract_op.and_then(|o| o.output.as_ref());
    render_message(out, p, ctx, "input", http, input, op.input.as_ref());
    if abstract_op.is_some() && output.is_none() {
        let _ = writeln!(out, "    output: none (one-way)");
    } else {
        render_message(out, p, ctx, "output", http, output, op.output.as_ref());
    }
    for fault in abstract_op.map(|o| o.faults.as_slice()).unwrap_or_default() {
        let name = fault.name.as_deref().unwrap_or("(unnamed)");
        let bound = op
            .faults
            .iter()
            .find(|f| Some(f.name.as_str()) == fault.name.as_deref());
        let message = ctx.defs.messages.get(&fault.message);
        let detail = match message {
            None => format!("message {} (not defined)", p.q(&fault.message)),
            Some(m) => m
                .parts
                .iter()
                .map(|part| describe_part(p, ctx.schemas, part))
                .collect::<Vec<_>>()
                .join(", "),
        };
        let _ = writeln!(
            out,
            "    fault {name}: {detail}{}",
            match bound {
                Some(f) if f.encoded => " [encoded]",
                Some(_) => "",
                None => " [not bound]",
            }
        );
    }
}

fn render_message(
    out: &mut String,
    p: &mut Prefixes,
    ctx: &Ctx<'_>,
    label: &str,
    http: bool,
    message_ref: Option<&MessageRef>,
    bound: Option<&BindingMessage>,
) {
    let Some(mref) = message_ref else {
        let _ = writeln!(out, "    {label}: none");
        return;
    };
    let message = ctx.defs.messages.get(&mref.message);
    let mut flags = Vec::new();
    if let Some(body) = bound.and_then(|b| b.body.as_ref()) {
        flags.push(if body.encoded { "encoded" } else { "literal" }.to_string());
        if let Some(ns) = &body.namespace {
            flags.push(format!("namespace {ns}"));
        }
    }
    if let Some(b) = bound {
        if b.url_encoded {
            flags.push("urlEncoded".into());
        }
        if b.url_replacement {
            flags.push("urlReplacement".into());
        }
        if let Some(m) = &b.mime {
            flags.push(format!("mime {}", m.content_type));
        }
    }
    let _ = writeln!(
        out,
        "    {label}: message {}{}{}",
        p.q(&mref.message),
        if message.is_none() {
            " (not defined)"
        } else {
            ""
        },
        if flags.is_empty() {
            String::new()
        } else {
            format!(" [{}]", flags.join(", "))
        }
    );
    if let Some(m) = message {
        let selected = bound
            .and_then(|b| b.body.as_ref())
            .and_then(|b| b.parts.as_ref());
        // HTTP bindings carry parts as URL parameters or a MIME payload, not a SOAP body.
        let kind = if http { "part" } else { "body" };
        let parts = body_parts(m, selected);
        if parts.is_empty() {
            let _ = writeln!(out, "      {kind}: (empty)");
        }
        for part in parts {
            let _ = writeln!(out, "      {kind}: {}", describe_part(p, ctx.schemas, part));
        }
    }
    for header in bound.map(|b| b.headers.as_slice()).unwrap_or_default() {
        let part = ctx
            .defs
            .messages
            .get(&header.message)
            .and_then(|m| m.parts.iter().find(|pt| pt.name == header.part));
        let described = match part {
            Some(part) => describe_part(p, ctx.schemas, part),
            None => format!(
                "{} (part not defined in message {})",
                header.part,
                p.q(&header.message)
            ),
        };
        let _ = writeln!(
            out,
            "      header: {described}{}",
            if header.encoded { " [encoded]" } else { "" }
        );
    }
}

/// The parts a `soap:body parts=` list selects (all parts when it is absent), in message order.
fn body_parts<'a>(m: &'a Message, selected: Option<&Vec<String>>) -> Vec<&'a Part> {
    m.parts
        .iter()
        .filter(|part| selected.is_none_or(|s| s.contains(&part.name)))
        .collect()
}

fn describe_part(p: &mut Prefixes, schemas: &SchemaSet, part: &Part) -> String {
    match (&part.element, &part.type_name) {
        (Some(e), _) => {
            let ty = match schemas.elements.get(e) {
                None => " (element not defined)".to_string(),
                Some(decl) => match &decl.type_ref {
                    None => " : xsd:anyType".to_string(),
                    Some(TypeRef::Named(t, _)) => format!(" : {}", p.q(t)),
                    Some(TypeRef::Inline(def)) => match def.as_ref() {
                        TypeDef::Complex(_) => " : (anonymous complexType)".to_string(),
                        TypeDef::Simple(_) => " : (anonymous simpleType)".to_string(),
                    },
                },
            };
            format!("{} = element {}{ty}", part.name, p.q(e))
        }
        (None, Some(t)) => format!("{} = type {}", part.name, p.q(t)),
        (None, None) => format!("{} = (no element or type)", part.name),
    }
}
