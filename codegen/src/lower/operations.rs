//! Operations: each binding's operations with their SOAP details and the Rust types of their
//! bodies, headers and faults. RPC-style bodies get a generated wrapper struct.

use super::naming::{Case, Namer, rust_ident};
use super::{Lowerer, Parts, assemble, string};
use crate::diagnostics::DiagnosticKind;
use crate::model::*;
use crate::wsdl::{
    AbstractOperation, Binding, BindingMessage, Definitions, MessageRef, Protocol, Style,
};
use crate::xsd::QName;

pub(super) fn lower_operations(l: &mut Lowerer<'_>, defs: &Definitions) -> Vec<BindingModel> {
    // Ports naming a binding that does not exist: the W3C WSDL 1.1 Note's own example does this.
    for service in defs.services.values() {
        for port in &service.ports {
            if !defs.bindings.contains_key(&port.binding) {
                l.diags.warning(
                    &port.loc,
                    DiagnosticKind::DanglingRef {
                        kind: "binding",
                        name: port.binding.to_string(),
                    },
                );
            }
        }
    }
    let mut out = Vec::new();
    let mut namers: std::collections::BTreeMap<String, Namer> = Default::default();
    for binding in defs.bindings.values() {
        let Some(port_type) = defs.port_types.get(&binding.port_type) else {
            l.diags.warning(
                &binding.loc,
                DiagnosticKind::DanglingRef {
                    kind: "portType",
                    name: binding.port_type.to_string(),
                },
            );
            continue;
        };
        let mut endpoints = Vec::new();
        for service in defs.services.values() {
            for port in service.ports.iter().filter(|p| p.binding == binding.name) {
                endpoints.push((
                    service.name.local.clone(),
                    port.name.clone(),
                    port.address.clone().unwrap_or_default(),
                ));
            }
        }
        let mut op_namer = Namer::default();
        let mut operations = Vec::new();
        for bop in &binding.operations {
            let Some(aop) = port_type.operations.iter().find(|o| o.name == bop.name) else {
                l.diags.warning(
                    &bop.loc,
                    DiagnosticKind::DanglingRef {
                        kind: "operation",
                        name: format!("{} in portType {}", bop.name, port_type.name),
                    },
                );
                continue;
            };
            let style = bop.style.unwrap_or(binding.style);
            let ctx = OpCtx {
                binding,
                aop,
                style,
            };
            let input = match (&aop.input, &bop.input) {
                (Some(r), b) => message(l, defs, &ctx, r, b.as_ref(), false),
                (None, _) => None,
            };
            let output = match (&aop.output, &bop.output) {
                (Some(r), b) => message(l, defs, &ctx, r, b.as_ref(), true),
                (None, _) => None,
            };
            let mut fault_namer = Namer::default();
            let mut faults = Vec::new();
            for f in &aop.faults {
                let name = f.name.clone().unwrap_or_default();
                let detail = defs
                    .messages
                    .get(&f.message)
                    .and_then(|m| m.parts.first())
                    .and_then(|p| {
                        let element = p.element.clone()?;
                        Some(PartModel {
                            name: p.name.clone(),
                            rust_name: String::new(),
                            ty: element_type(l, &element, &p.loc),
                            element,
                        })
                    });
                if !defs.messages.contains_key(&f.message) {
                    dangling_message(l, f);
                }
                faults.push(FaultModel {
                    rust_name: fault_namer.unique(
                        &format!(
                            "Fault{}",
                            rust_ident(&name, Case::Type).trim_start_matches('_')
                        ),
                        None,
                        Case::Type,
                    ),
                    name,
                    detail,
                });
            }
            operations.push(OperationModel {
                name: bop.name.clone(),
                rust_name: op_namer.unique(&rust_ident(&bop.name, Case::Snake), None, Case::Snake),
                doc: aop.doc.clone(),
                soap_action: bop.soap_action.clone(),
                style,
                http_location: bop.http_location.clone(),
                input,
                output,
                faults,
            });
        }
        let module = binding.name.ns.clone();
        let name = namers.entry(module.clone()).or_default().unique(
            &rust_ident(&binding.name.local, Case::Snake),
            None,
            Case::Snake,
        );
        out.push(BindingModel {
            module,
            name,
            binding: binding.name.clone(),
            port_type: port_type.name.clone(),
            doc: port_type.doc.clone(),
            protocol: binding.protocol,
            endpoints,
            operations,
        });
    }
    out
}

struct OpCtx<'d> {
    binding: &'d Binding,
    aop: &'d AbstractOperation,
    style: Style,
}

fn dangling_message(l: &mut Lowerer<'_>, r: &MessageRef) {
    l.diags.warning(
        &r.loc,
        DiagnosticKind::DanglingRef {
            kind: "message",
            name: r.message.to_string(),
        },
    );
}

/// The Rust type of a global element used as a message part: its root struct.
fn element_type(
    l: &mut Lowerer<'_>,
    element: &QName,
    loc: &crate::diagnostics::Location,
) -> TypeExpr {
    let unqualified = QName::new("", element.local.clone());
    match l.elements.get(element) {
        Some(id) => TypeExpr::Named(*id),
        // Some WSDLs (WCF-style) put the message elements in a schema without a
        // targetNamespace yet reference them as `tns:`; bind to the unqualified element and say so.
        None if l.elements.contains_key(&unqualified) => {
            l.diags.warning(
                loc,
                DiagnosticKind::DanglingRef {
                    kind: "element (using the unqualified element of the same name instead)",
                    name: element.to_string(),
                },
            );
            TypeExpr::Named(l.elements[&unqualified])
        }
        None => {
            l.dangling(loc, "element", element);
            string()
        }
    }
}

/// The wire name and Rust type of a part: `element=` names a global element; `type=` makes
/// an unqualified accessor element named after the part.
fn part_binding(l: &mut Lowerer<'_>, part: &crate::wsdl::Part) -> Option<(QName, TypeExpr)> {
    match (&part.element, &part.type_name) {
        // `element="xsd:string"` (the W3C WSDL 1.1 Note's Example 5) names a type, not an
        // element; bind it as a typed accessor and say so.
        (Some(e), _) if e.ns == crate::load::xml::XS => {
            l.diags.warning(
                &part.loc,
                DiagnosticKind::Invalid(format!(
                    "part `{}` names the built-in type `{}` as an element; it is bound as type=",
                    part.name, e.local
                )),
            );
            Some((QName::new("", part.name.clone()), l.type_expr(e, &part.loc)))
        }
        (Some(e), _) => Some((e.clone(), element_type(l, e, &part.loc))),
        (None, Some(t)) => {
            let unqualified = QName::new("", t.local.clone());
            let ty = if !l.named.contains_key(t)
                && !l.poly.contains_key(t)
                && t.ns != crate::load::xml::XS
                && l.named.contains_key(&unqualified)
            {
                l.diags.warning(
                    &part.loc,
                    DiagnosticKind::DanglingRef {
                        kind: "type (using the unqualified type of the same name instead)",
                        name: t.to_string(),
                    },
                );
                l.type_expr(&unqualified, &part.loc)
            } else {
                l.type_expr(t, &part.loc)
            };
            Some((QName::new("", part.name.clone()), ty))
        }
        (None, None) => None,
    }
}

fn message(
    l: &mut Lowerer<'_>,
    defs: &Definitions,
    ctx: &OpCtx<'_>,
    r: &MessageRef,
    bm: Option<&BindingMessage>,
    output: bool,
) -> Option<MessageModel> {
    let Some(msg) = defs.messages.get(&r.message) else {
        dangling_message(l, r);
        return None;
    };
    let default_bm = BindingMessage::default();
    let bm = bm.unwrap_or(&default_bm);
    let body = bm.body.clone().unwrap_or_default();
    let http = matches!(
        ctx.binding.protocol,
        Some(Protocol::HttpGet | Protocol::HttpPost)
    );
    let mut alias_namer = Namer::default();

    let mut headers = Vec::new();
    for h in &bm.headers {
        let part = defs
            .messages
            .get(&h.message)
            .and_then(|m| m.parts.iter().find(|p| p.name == h.part));
        let Some(part) = part else {
            l.diags.warning(
                &h.loc,
                DiagnosticKind::DanglingRef {
                    kind: "header part",
                    name: format!("{} part {}", h.message, h.part),
                },
            );
            continue;
        };
        let Some((element, ty)) = part_binding(l, part) else {
            continue;
        };
        headers.push(PartModel {
            name: part.name.clone(),
            rust_name: alias_namer.unique(
                &format!(
                    "Header{}",
                    rust_ident(&part.name, Case::Type).trim_start_matches('_')
                ),
                None,
                Case::Type,
            ),
            element,
            ty,
        });
    }

    // Parts in the body: those named by soap:body parts=, else all parts not bound to a header.
    let header_parts: Vec<&str> = bm
        .headers
        .iter()
        .filter(|h| h.message == r.message)
        .map(|h| h.part.as_str())
        .collect();
    let body_parts: Vec<_> = msg
        .parts
        .iter()
        .filter(|p| match &body.parts {
            Some(names) => names.contains(&p.name),
            None => !header_parts.contains(&p.name.as_str()),
        })
        .collect();

    let mut parts = Vec::new();
    for p in &body_parts {
        let Some((element, ty)) = part_binding(l, p) else {
            l.diags.warning(
                &p.loc,
                DiagnosticKind::Invalid(format!(
                    "part `{}` has neither element= nor type=",
                    p.name
                )),
            );
            continue;
        };
        parts.push(PartModel {
            name: p.name.clone(),
            rust_name: alias_namer.unique(
                &format!(
                    "Part{}",
                    rust_ident(&p.name, Case::Type).trim_start_matches('_')
                ),
                None,
                Case::Type,
            ),
            element,
            ty,
        });
    }

    let body_ty = if http {
        // HTTP bindings: parts are query/form parameters; an XML response body is one element.
        match (&bm.mime, parts.as_slice()) {
            (Some(m), [one]) if m.content_type == "text/xml" && body_parts[0].element.is_some() => {
                Some(one.ty.clone())
            }
            _ => None,
        }
    } else if ctx.style == Style::Rpc {
        Some(TypeExpr::Named(rpc_wrapper(l, ctx, &body, &parts, output)))
    } else {
        match parts.as_slice() {
            [one] => Some(one.ty.clone()),
            _ => None,
        }
    };
    Some(MessageModel {
        encoded: body.encoded,
        namespace: body.namespace.clone(),
        body: body_ty,
        parts,
        headers,
        http: http.then(|| HttpMessage {
            url_encoded: bm.url_encoded,
            url_replacement: bm.url_replacement,
            content_type: bm.mime.as_ref().map(|m| m.content_type.clone()),
        }),
    })
}

/// RPC style: the body holds one element named after the operation (plus `Response` for the
/// output) in the `soap:body namespace`, whose children are the parts, unqualified.
fn rpc_wrapper(
    l: &mut Lowerer<'_>,
    ctx: &OpCtx<'_>,
    body: &crate::wsdl::SoapBody,
    parts: &[PartModel],
    output: bool,
) -> TypeId {
    let wire = if output {
        format!("{}Response", ctx.aop.name)
    } else {
        ctx.aop.name.clone()
    };
    let ns = ctx.binding.name.ns.clone();
    let root = QName::new(body.namespace.clone().unwrap_or_default(), wire);
    let key = (
        root.clone(),
        parts
            .iter()
            .map(|p| (p.element.clone(), p.ty.clone()))
            .collect::<Vec<_>>(),
    );
    if let Some(id) = l.rpc.get(&key) {
        return *id;
    }
    let hint = format!(
        "{}{}",
        rust_ident(&ctx.aop.name, Case::Type),
        if output { "Response" } else { "Request" }
    );
    let doc = Some(format!(
        "RPC {} wrapper of operation `{}`.",
        if output { "response" } else { "request" },
        ctx.aop.name
    ));
    let id = l.alloc(&ns, hint, 5, Some("Rpc"), doc);
    l.rpc.insert(key, id);
    let content = parts
        .iter()
        .map(|p| Field {
            name: p.name.clone(),
            kind: FieldKind::Element {
                name: p.element.clone(),
                default: None,
                fixed: None,
            },
            ty: p.ty.clone(),
            occurs: Occurs::One,
            boxed: false,
            nillable: false,
            doc: None,
        })
        .collect();
    let fields = assemble(Parts {
        content,
        ..Parts::default()
    });
    l.set_kind(
        id,
        TypeKind::Struct(StructType {
            root: Some(root),
            type_name: None,
            mixed: false,
            group: false,
            all: false,
            array_rank: None,
            fields,
        }),
    );
    id
}
