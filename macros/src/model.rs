//! The validated model of a deriving type, shared by the read and write code generators.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, Ident, Member, Type};

use crate::attr::{self, Container, Ctxt, FieldKind, VariantKind};
use crate::ty::{self, Occurs, Shape};

/// The SOAP 1.1 encoding namespace (`soapenc:arrayType`, `soapenc:offset`).
pub const SOAP_ENC: &str = "http://schemas.xmlsoap.org/soap/encoding/";

pub struct Field {
    pub member: Member,
    /// A local/state identifier for this field.
    pub var: Ident,
    pub kind: FieldKind,
    pub shape: Shape,
    pub ty: Type,
}

pub struct Variant {
    pub ident: Ident,
    pub kind: VariantKind,
    pub shape: Option<Shape>,
}

pub enum Body {
    Struct(Vec<Field>),
    Choice(Vec<Variant>),
    Polymorphic(Vec<Variant>),
    /// `#[xml(root = .., nillable)] struct S(Nillable<T>)`: a nillable global element; holds
    /// the field's type (`Nillable<T>`).
    Nillable(Type),
}

pub struct Model {
    pub ident: Ident,
    pub container: Container,
    pub body: Body,
}

impl Model {
    pub fn krate(&self) -> &syn::Path {
        &self.container.krate
    }

    /// A struct whose fields are all child-element content (usable as a group/flatten target).
    pub fn is_pure_content(&self) -> bool {
        matches!(&self.body, Body::Struct(f) if f.iter().all(|f| f.kind.is_content()))
    }
}

fn reject_generics(cx: &mut Ctxt, input: &DeriveInput) {
    if !input.generics.params.is_empty() {
        cx.error(
            input.generics.span(),
            "soapstone XML derives do not support generic types",
        );
    }
}

pub fn build(input: &DeriveInput) -> Result<Model, syn::Error> {
    let mut cx = Ctxt::default();
    reject_generics(&mut cx, input);
    let container = Container::parse(&mut cx, &input.attrs);
    if container.list || container.union || !container.facets.is_empty() {
        cx.error(
            Span::call_site(),
            "`list`, `union` and facets belong to `#[derive(XmlText)]` simple types, not to XmlRead/XmlWrite",
        );
    }
    if container.ns.is_some() && container.root.is_none() {
        cx.error(
            container.ns_span.unwrap_or_else(Span::call_site),
            "container `ns` names the namespace of `root`; add `root = \"LocalName\"`",
        );
    }
    if container.type_ns.is_some() && container.type_name.is_none() {
        cx.error(
            container.type_ns_span.unwrap_or_else(Span::call_site),
            "`type_ns` needs `type_name`",
        );
    }
    if let (Some(span), false) = (container.nillable, matches!(input.data, Data::Struct(_))) {
        cx.error(
            span,
            "`nillable` applies to structs (a newtype over `Nillable<T>`)",
        );
    }
    let body = match &input.data {
        Data::Struct(s) if container.nillable.is_some() => Body::Nillable(nillable_root(
            &mut cx,
            &container,
            &s.fields,
            input.ident.span(),
        )),
        Data::Struct(s) => {
            if container.choice || container.polymorphic {
                cx.error(input.ident.span(), "`choice` and `polymorphic` apply to enums; use a struct field with `#[xml(choice)]`");
            }
            Body::Struct(struct_fields(
                &mut cx,
                &container,
                &s.fields,
                input.ident.span(),
            ))
        }
        Data::Enum(e) => {
            if let Some(span) = container.array_rank_span {
                cx.error(span, "`array_rank` applies to structs");
            }
            if container.choice == container.polymorphic {
                cx.error(
                    input.ident.span(),
                    "an XmlRead/XmlWrite enum needs exactly one of `#[xml(choice)]` or `#[xml(polymorphic)]`",
                );
            }
            if container.mixed || container.group || container.all {
                cx.error(
                    input.ident.span(),
                    "`mixed`, `group` and `all` apply to structs",
                );
            }
            let vars = variants(&mut cx, &e.variants, container.polymorphic);
            if container.polymorphic {
                Body::Polymorphic(vars)
            } else {
                Body::Choice(vars)
            }
        }
        Data::Union(u) => {
            cx.error(u.union_token.span(), "unions are not supported");
            Body::Struct(Vec::new())
        }
    };
    cx.check()?;
    Ok(Model {
        ident: input.ident.clone(),
        container,
        body,
    })
}

fn struct_fields(cx: &mut Ctxt, c: &Container, fields: &Fields, span: Span) -> Vec<Field> {
    let named = match fields {
        Fields::Named(n) => n.named.iter().collect::<Vec<_>>(),
        Fields::Unit => Vec::new(),
        Fields::Unnamed(u) => {
            cx.error(u.span(), "XmlRead/XmlWrite structs need named fields (use `#[derive(XmlText)]` for newtypes, `#[xml(root = .., nillable)]` for a nillable global element)");
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for (i, f) in named.iter().enumerate() {
        let Some(kind) = attr::parse_field(cx, &f.attrs, f.span()) else {
            continue;
        };
        let shape = ty::shape(&f.ty);
        let ident = f.ident.clone().expect("named field");
        check_field(cx, &kind, &shape, f);
        out.push(Field {
            member: Member::Named(ident),
            var: format_ident!("__f{}", i),
            kind,
            shape,
            ty: f.ty.clone(),
        });
    }
    let count = |p: fn(&FieldKind) -> bool| out.iter().filter(|f| p(&f.kind)).count();
    let n_text = count(|k| matches!(k, FieldKind::Text));
    let n_mixed = count(|k| matches!(k, FieldKind::Mixed));
    let n_content = count(FieldKind::is_content);
    let n_any_attr = count(|k| matches!(k, FieldKind::AnyAttribute));
    let n_attr = count(|k| matches!(k, FieldKind::Attribute { .. }));
    if n_text > 1 || n_mixed > 1 || n_any_attr > 1 {
        cx.error(
            span,
            "at most one `text`, one `mixed` and one `any_attribute` field per struct",
        );
    }
    if n_text > 0 && (n_content > 0 || n_mixed > 0) {
        cx.error(span, "a `text` field (simple content) excludes `element`, `flatten`, `choice`, `any` and `mixed` fields");
    }
    if n_mixed > 0 && n_content > 0 {
        cx.error(span, "a `mixed` field holds the whole content; it excludes `element`, `flatten`, `choice` and `any` fields");
    }
    if c.mixed && n_mixed == 0 {
        cx.error(
            span,
            "`#[xml(mixed)]` on the type needs a `#[xml(mixed)]` field of type `Vec<Node>`",
        );
    }
    if let Some(rank_span) = c.array_rank_span {
        let array_type = out.iter().any(|f| {
            matches!(&f.kind, FieldKind::Attribute { local, ns, .. } if local == "arrayType" && ns == SOAP_ENC)
        });
        let members = out
            .iter()
            .filter(|f| {
                matches!(f.kind, FieldKind::Element { .. }) && f.shape.occurs == Occurs::Vec
            })
            .count();
        if !array_type || members != 1 || n_content != 1 {
            cx.error(
                rank_span,
                "an `array_rank` struct has an `arrayType` attribute field in the SOAP 1.1 encoding namespace and exactly one content field, a `Vec` element field (the members)",
            );
        }
    }
    if c.group && (n_text + n_mixed + n_any_attr + n_attr > 0 || c.root.is_some()) {
        cx.error(
            span,
            "a `group` holds child elements only: no attributes, text, mixed content or root name",
        );
    }
    out
}

/// A nillable global element: `#[xml(root = "..", ns = "..", nillable)] struct S(Nillable<T>);`.
/// The element's own content belongs to `T`, so no other container attribute applies.
fn nillable_root(cx: &mut Ctxt, c: &Container, fields: &Fields, span: Span) -> Type {
    let extra = c.type_name.is_some()
        || c.mixed
        || c.lax
        || c.group
        || c.all
        || c.choice
        || c.polymorphic
        || c.array_rank_span.is_some();
    if c.root.is_none() || extra {
        cx.error(
            span,
            "a `nillable` type is a global element: `#[xml(root = \"..\", ns = \"..\", nillable)]` (and `crate`); the content's attributes belong to the inner type",
        );
    }
    let field = match fields {
        Fields::Unnamed(u) if u.unnamed.len() == 1 => Some(&u.unnamed[0]),
        _ => None,
    };
    let Some(f) = field.filter(|f| ty::last_ident_is(&f.ty, "Nillable")) else {
        cx.error(
            span,
            "a `nillable` global element is a newtype over `Nillable<T>`: `struct S(pub Nillable<T>);`",
        );
        return syn::parse_quote!(());
    };
    if let Some(a) = f.attrs.iter().find(|a| a.path().is_ident("xml")) {
        cx.error(
            a.span(),
            "the field of a `nillable` global element takes no `#[xml(..)]` attribute",
        );
    }
    f.ty.clone()
}

fn check_field(cx: &mut Ctxt, kind: &FieldKind, shape: &Shape, f: &syn::Field) {
    let span = f.ty.span();
    match kind {
        FieldKind::Attribute { default, fixed, .. } => {
            if shape.occurs == Occurs::Vec || shape.boxed {
                cx.error(span, "an `attribute` field is `T` or `Option<T>` with `T: XmlText` (lists are `#[xml(list)]` newtypes)");
            }
            if shape.occurs == Occurs::Opt && fixed.is_some() {
                cx.error(
                    span,
                    "a `fixed` attribute always has its value: use `T`, not `Option<T>`",
                );
            }
            let _ = default;
        }
        FieldKind::Element { nillable, .. } => {
            if *nillable && !ty::last_ident_is(&shape.inner, "Nillable") {
                cx.error(span, "a `nillable` element field holds `Nillable<T>` (or `Option<Nillable<T>>`, `Vec<Nillable<T>>`)");
            }
            if !*nillable && ty::last_ident_is(&shape.inner, "Nillable") {
                cx.error(
                    span,
                    "a `Nillable<T>` field needs `nillable` in its `#[xml(element = ..)]`",
                );
            }
        }
        FieldKind::Text => {
            if shape.occurs != Occurs::One || shape.boxed {
                cx.error(span, "a `text` field is `T` with `T: XmlText`");
            }
        }
        FieldKind::Any { .. } => {
            if !ty::last_ident_is(&shape.inner, "AnyElement") || shape.boxed {
                cx.error(
                    span,
                    "an `any` field is `AnyElement`, `Option<AnyElement>` or `Vec<AnyElement>`",
                );
            }
        }
        FieldKind::AnyAttribute => {
            if shape.occurs != Occurs::Vec || !ty::last_ident_is(&shape.inner, "AnyAttribute") {
                cx.error(span, "an `any_attribute` field is `Vec<AnyAttribute>`");
            }
        }
        FieldKind::Mixed => {
            if shape.occurs != Occurs::Vec || !ty::last_ident_is(&shape.inner, "Node") {
                cx.error(span, "a `mixed` field is `Vec<Node>`");
            }
        }
        FieldKind::Flatten | FieldKind::Choice => {}
    }
}

fn variants(
    cx: &mut Ctxt,
    vars: &syn::punctuated::Punctuated<syn::Variant, syn::Token![,]>,
    polymorphic: bool,
) -> Vec<Variant> {
    let mut out = Vec::new();
    let mut bases = 0;
    for v in vars {
        let ty = match &v.fields {
            Fields::Unnamed(u) if u.unnamed.len() == 1 => Some(u.unnamed[0].ty.clone()),
            _ => {
                let what = if polymorphic { "polymorphic" } else { "choice" };
                cx.error(
                    v.ident.span(),
                    format!(
                        "a `{what}` enum variant holds exactly one unnamed field, e.g. `Name(Type)`"
                    ),
                );
                None
            }
        };
        let Some(kind) = attr::parse_variant(cx, &v.attrs) else {
            continue;
        };
        match (&kind, polymorphic) {
            (VariantKind::Type { base, .. }, true) => {
                bases += usize::from(*base);
                if *base && bases > 1 {
                    cx.error(v.ident.span(), "at most one `base` variant");
                }
            }
            (_, true) => cx.error(
                v.ident.span(),
                "a `polymorphic` variant needs `#[xml(type_name = \"..\", type_ns = \"..\")]` (add `base` for the base type)",
            ),
            (VariantKind::Element { .. } | VariantKind::Flatten | VariantKind::Any { .. }, false) => {}
            (_, false) => cx.error(
                v.ident.span(),
                "a `choice` variant needs `#[xml(element = \"..\", ns = \"..\")]`, `#[xml(flatten)]` or `#[xml(any)]`",
            ),
        }
        if let (VariantKind::Element { nillable: true, .. }, Some(t)) = (&kind, &ty)
            && !ty::last_ident_is(&ty::shape(t).inner, "Nillable")
        {
            cx.error(
                t.span(),
                "a `nillable` element variant holds `Nillable<T>` (or `Vec<Nillable<T>>`)",
            );
        }
        if let (VariantKind::Any { .. }, Some(t)) = (&kind, &ty)
            && !ty::last_ident_is(t, "AnyElement")
        {
            cx.error(t.span(), "an `any` variant holds `AnyElement`");
        }
        let shape = ty.as_ref().map(ty::shape);
        // A repeated branch of a choice (`<element maxOccurs="unbounded"/>` inside a 1..1
        // choice) is one variant holding every occurrence, so the choice itself stays single.
        if let Some(s) = &shape {
            let vec_ok = matches!(kind, VariantKind::Element { .. }) && !polymorphic && !s.boxed;
            if s.occurs == Occurs::Opt || (s.occurs == Occurs::Vec && !vec_ok) {
                cx.error(v.span(), "a variant holds `T`, `Box<T>` or (element variants) `Vec<T>`; optionality belongs to the field holding the enum");
            }
        }
        out.push(Variant {
            ident: v.ident.clone(),
            kind,
            shape,
        });
    }
    out
}

/// `QNameRef::new(ns, local)` tokens.
pub fn qname(krate: &syn::Path, ns: &str, local: &str) -> TokenStream {
    quote!(#krate::xml::QNameRef::new(#ns, #local))
}
