//! Pass 4: model → Rust tokens. One small function per shape; each destructures its model
//! struct completely so a new model field cannot be forgotten here. No I/O.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use crate::model::*;

mod client;
mod server;
use crate::wsdl::{Protocol, Style};
use crate::xsd::QName;

/// Where emitted code is, so paths to other types can be written.
struct Ctx<'a> {
    model: &'a Model,
    runtime: &'a TokenStream,
    module: &'a str,
    /// How many `mod`s deep below the namespace module the code is.
    depth: usize,
}

fn ident(s: &str) -> Ident {
    Ident::new(s, Span::call_site())
}

fn lit(s: &str) -> Literal {
    Literal::string(s)
}

/// Doc text that cannot turn into a doctest: lines trimmed (no indented code blocks), fences
/// defused, blank runs collapsed.
pub fn doc_attrs(doc: Option<&str>) -> TokenStream {
    let Some(doc) = doc else {
        return TokenStream::new();
    };
    let mut lines: Vec<String> = Vec::new();
    for line in doc.lines() {
        let line = line.trim().replace("```", "'''").replace("~~~", "'''");
        if line.is_empty() && lines.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    let attrs = lines.iter().map(|l| {
        let text = if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        };
        quote!(#[doc = #text])
    });
    quote!(#(#attrs)*)
}

impl Ctx<'_> {
    fn supers(&self, n: usize) -> TokenStream {
        let s = (0..n).map(|_| quote!(super::));
        quote!(#(#s)*)
    }

    fn named(&self, id: TypeId) -> TokenStream {
        let t = &self.model.types[&id];
        let name = ident(&t.name);
        if t.module == self.module {
            let s = self.supers(self.depth);
            quote!(#s #name)
        } else {
            let s = self.supers(self.depth + 1);
            let m = ident(&t.module);
            quote!(#s #m :: #name)
        }
    }

    fn ty(&self, e: &TypeExpr) -> TokenStream {
        match e {
            TypeExpr::Named(id) => self.named(*id),
            TypeExpr::Runtime(p) => {
                // Runtime paths may nest (`types::List<types::IdRef>`): prefix every module.
                let rt = self.runtime.to_string();
                let full = p
                    .replace("types::", &format!("{rt}::types::"))
                    .replace("xml::", &format!("{rt}::xml::"));
                match syn::parse_str::<syn::Type>(&full) {
                    Ok(t) => quote!(#t),
                    Err(_) => quote!(::std::string::String),
                }
            }
            TypeExpr::Path(p) => match syn::parse_str::<syn::Type>(p) {
                Ok(t) => quote!(#t),
                // Paths are validated by `Settings` and the built-in table; keep output
                // compilable if a new entry is ever wrong.
                Err(_) => quote!(::std::string::String),
            },
        }
    }

    fn field_ty(&self, f: &Field) -> TokenStream {
        let mut inner = self.ty(&f.ty);
        let rt = self.runtime;
        if f.nillable {
            inner = quote!(#rt::xml::Nillable<#inner>);
        }
        if f.boxed {
            inner = quote!(::std::boxed::Box<#inner>);
        }
        match f.occurs {
            Occurs::One => inner,
            Occurs::Optional => quote!(::std::option::Option<#inner>),
            Occurs::Many => quote!(::std::vec::Vec<#inner>),
        }
    }

    fn crate_attr(&self) -> Option<TokenStream> {
        let rt = self.runtime.to_string().replace(' ', "");
        (rt != "::soapstone").then(|| {
            let l = lit(&rt);
            quote!(crate = #l)
        })
    }
}

fn name_attrs(key: &str, ns_key: &str, q: &QName) -> Vec<TokenStream> {
    let (k, nk) = (ident(key), ident(ns_key));
    let local = lit(&q.local);
    let mut v = vec![quote!(#k = #local)];
    if !q.ns.is_empty() {
        let ns = lit(&q.ns);
        v.push(quote!(#nk = #ns));
    }
    v
}

fn xml_attr(items: Vec<TokenStream>) -> TokenStream {
    if items.is_empty() {
        TokenStream::new()
    } else {
        quote!(#[xml(#(#items),*)])
    }
}

fn value_attrs(default: &Option<String>, fixed: &Option<String>) -> Vec<TokenStream> {
    let mut v = Vec::new();
    if let Some(d) = default {
        let d = lit(d);
        v.push(quote!(default = #d));
    }
    if let Some(f) = fixed {
        let f = lit(f);
        v.push(quote!(fixed = #f));
    }
    v
}

fn emit_field(ctx: &Ctx<'_>, f: &Field) -> TokenStream {
    let Field {
        name,
        kind,
        ty: _,
        occurs: _,
        boxed: _,
        nillable,
        doc,
    } = f;
    let mut items = match kind {
        FieldKind::Element {
            name: q,
            default,
            fixed,
        } => {
            let mut v = name_attrs("element", "ns", q);
            if *nillable {
                v.push(quote!(nillable));
            }
            v.extend(value_attrs(default, fixed));
            v
        }
        FieldKind::Attribute {
            name: q,
            default,
            fixed,
        } => {
            let mut v = name_attrs("attribute", "ns", q);
            v.extend(value_attrs(default, fixed));
            v
        }
        FieldKind::Text => vec![quote!(text)],
        FieldKind::Flatten => vec![quote!(flatten)],
        FieldKind::Choice => vec![quote!(choice)],
        FieldKind::Any {
            namespace,
            target_ns,
        } => any_attrs(namespace.as_deref(), target_ns.as_deref()),
        FieldKind::AnyAttribute => vec![quote!(any_attribute)],
        FieldKind::Mixed => vec![quote!(mixed)],
    };
    let attr = xml_attr(std::mem::take(&mut items));
    let doc = doc_attrs(doc.as_deref());
    let n = ident(name);
    let t = ctx.field_ty(f);
    quote! {
        #doc
        #attr
        pub #n: #t,
    }
}

fn derives(ctx: &Ctx<'_>, text: bool, unit: bool) -> TokenStream {
    let rt = ctx.runtime;
    match (text, unit) {
        (true, true) => quote!(#[derive(
            ::std::fmt::Debug, ::std::clone::Clone, ::std::marker::Copy, ::std::cmp::PartialEq,
            ::std::cmp::Eq, ::std::hash::Hash, #rt::XmlText
        )]),
        (true, false) => quote!(#[derive(
            ::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, #rt::XmlText
        )]),
        _ => quote!(#[derive(
            ::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, #rt::XmlRead, #rt::XmlWrite
        )]),
    }
}

fn emit_struct(ctx: &Ctx<'_>, name: &Ident, s: &StructType) -> TokenStream {
    let StructType {
        root,
        type_name,
        mixed,
        group,
        all,
        array_rank,
        fields,
    } = s;
    let mut items = Vec::new();
    if let Some(r) = root {
        items.extend(name_attrs("root", "ns", r));
    }
    if let Some(t) = type_name {
        items.extend(name_attrs("type_name", "type_ns", t));
    }
    if *mixed {
        items.push(quote!(mixed));
    }
    if *group {
        items.push(quote!(group));
    }
    if *all && !*mixed {
        items.push(quote!(all));
    }
    if let Some(rank) = array_rank {
        let rank = Literal::u32_unsuffixed(*rank);
        items.push(quote!(array_rank = #rank));
    }
    items.extend(ctx.crate_attr());
    let attr = xml_attr(items);
    let derive = derives(ctx, false, false);
    let fields = fields.iter().map(|f| emit_field(ctx, f));
    quote! {
        #derive
        #attr
        pub struct #name {
            #(#fields)*
        }
    }
}

fn boxed(t: TokenStream, b: bool) -> TokenStream {
    if b { quote!(::std::boxed::Box<#t>) } else { t }
}

/// `any[, namespace = ".."][, target_ns = ".."]` of a wildcard field or variant.
fn any_attrs(namespace: Option<&str>, target_ns: Option<&str>) -> Vec<TokenStream> {
    let mut v = vec![quote!(any)];
    if let Some(ns) = namespace {
        let ns = lit(ns);
        v.push(quote!(namespace = #ns));
    }
    if let Some(t) = target_ns {
        let t = lit(t);
        v.push(quote!(target_ns = #t));
    }
    v
}

fn emit_choice(ctx: &Ctx<'_>, name: &Ident, c: &ChoiceType) -> TokenStream {
    let ChoiceType { variants } = c;
    let derive = derives(ctx, false, false);
    let mut items = vec![quote!(choice)];
    items.extend(ctx.crate_attr());
    let attr = xml_attr(items);
    let vs = variants.iter().map(|v| {
        let ChoiceVariant {
            name,
            kind,
            ty,
            boxed: b,
            doc,
        } = v;
        let a = match kind {
            VariantKind::Element(q) => xml_attr(name_attrs("element", "ns", q)),
            VariantKind::ElementOf {
                name: q,
                many: _,
                nillable,
                default,
                fixed,
            } => {
                let mut items = name_attrs("element", "ns", q);
                if *nillable {
                    items.push(quote!(nillable));
                }
                items.extend(value_attrs(default, fixed));
                xml_attr(items)
            }
            VariantKind::Flatten => quote!(#[xml(flatten)]),
            VariantKind::Any {
                namespace,
                target_ns,
            } => xml_attr(any_attrs(namespace.as_deref(), target_ns.as_deref())),
        };
        let doc = doc_attrs(doc.as_deref());
        let n = ident(name);
        let t = ctx.ty(ty);
        let t = match kind {
            VariantKind::ElementOf { many, nillable, .. } => {
                let rt = ctx.runtime;
                let t = if *nillable {
                    quote!(#rt::xml::Nillable<#t>)
                } else {
                    t
                };
                let t = boxed(t, *b);
                if *many {
                    quote!(::std::vec::Vec<#t>)
                } else {
                    t
                }
            }
            _ => boxed(t, *b),
        };
        quote!(#doc #a #n(#t),)
    });
    quote! {
        #derive
        #attr
        pub enum #name { #(#vs)* }
    }
}

fn emit_polymorphic(ctx: &Ctx<'_>, name: &Ident, p: &PolymorphicType) -> TokenStream {
    let PolymorphicType { root, variants } = p;
    let derive = derives(ctx, false, false);
    let mut items = vec![quote!(polymorphic)];
    if let Some(r) = root {
        items.extend(name_attrs("root", "ns", r));
    }
    items.extend(ctx.crate_attr());
    let attr = xml_attr(items);
    let vs = variants.iter().map(|v| {
        let PolymorphicVariant {
            name,
            type_name,
            base,
            ty,
            boxed: b,
        } = v;
        let mut items = name_attrs("type_name", "type_ns", type_name);
        if *base {
            items.push(quote!(base));
        }
        let a = xml_attr(items);
        let n = ident(name);
        let t = boxed(ctx.named(*ty), *b);
        quote!(#a #n(#t),)
    });
    quote! {
        #derive
        #attr
        pub enum #name { #(#vs)* }
    }
}

fn emit_enumeration(ctx: &Ctx<'_>, name: &Ident, e: &EnumerationType) -> TokenStream {
    let EnumerationType { values } = e;
    let derive = derives(ctx, true, true);
    let attr = xml_attr(ctx.crate_attr().into_iter().collect());
    let vs = values.iter().map(|v| {
        let EnumerationValue { name, value, doc } = v;
        let doc = doc_attrs(doc.as_deref());
        let n = ident(name);
        let value = lit(value);
        quote!(#doc #[xml(value = #value)] #n,)
    });
    quote! {
        #derive
        #attr
        pub enum #name { #(#vs)* }
    }
}

fn emit_newtype(ctx: &Ctx<'_>, name: &Ident, n: &NewtypeType) -> TokenStream {
    let NewtypeType { inner, facets } = n;
    let derive = derives(ctx, true, false);
    let mut items: Vec<TokenStream> = facets
        .iter()
        .map(|(k, v)| {
            let k = ident(k);
            match v {
                FacetValue::Str(s) => {
                    let s = lit(s);
                    quote!(#k = #s)
                }
                FacetValue::Int(i) => {
                    let i = Literal::u64_unsuffixed(*i);
                    quote!(#k = #i)
                }
            }
        })
        .collect();
    items.extend(ctx.crate_attr());
    let attr = xml_attr(items);
    let t = ctx.ty(inner);
    quote! {
        #derive
        #attr
        pub struct #name(pub #t);
    }
}

fn emit_list(ctx: &Ctx<'_>, name: &Ident, item: &TypeExpr) -> TokenStream {
    let derive = derives(ctx, true, false);
    let mut items = vec![quote!(list)];
    items.extend(ctx.crate_attr());
    let attr = xml_attr(items);
    let t = ctx.ty(item);
    quote! {
        #derive
        #attr
        pub struct #name(pub ::std::vec::Vec<#t>);
    }
}

fn emit_union(ctx: &Ctx<'_>, name: &Ident, u: &UnionType) -> TokenStream {
    let UnionType { members } = u;
    let derive = derives(ctx, true, false);
    let mut items = vec![quote!(union)];
    items.extend(ctx.crate_attr());
    let attr = xml_attr(items);
    let vs = members.iter().map(|(n, t)| {
        let n = ident(n);
        let t = ctx.ty(t);
        quote!(#n(#t),)
    });
    quote! {
        #derive
        #attr
        pub enum #name { #(#vs)* }
    }
}

fn emit_nillable_root(ctx: &Ctx<'_>, name: &Ident, n: &NillableRootType) -> TokenStream {
    let NillableRootType { root, inner } = n;
    let rt = ctx.runtime;
    let derive = derives(ctx, false, false);
    let mut items = name_attrs("root", "ns", root);
    items.push(quote!(nillable));
    items.extend(ctx.crate_attr());
    let attr = xml_attr(items);
    let t = ctx.ty(inner);
    quote! {
        #derive
        #attr
        pub struct #name(pub #rt::xml::Nillable<#t>);
    }
}

fn emit_type(ctx: &Ctx<'_>, t: &RustType) -> TokenStream {
    let RustType {
        module: _,
        name,
        doc,
        kind,
    } = t;
    let doc = doc_attrs(doc.as_deref());
    let name = ident(name);
    let body = match kind {
        TypeKind::Struct(s) => emit_struct(ctx, &name, s),
        TypeKind::Choice(c) => emit_choice(ctx, &name, c),
        TypeKind::Polymorphic(p) => emit_polymorphic(ctx, &name, p),
        TypeKind::Enumeration(e) => emit_enumeration(ctx, &name, e),
        TypeKind::Newtype(n) => emit_newtype(ctx, &name, n),
        TypeKind::Alias(t) => {
            let t = ctx.ty(t);
            quote!(pub type #name = #t;)
        }
        TypeKind::List(item) => emit_list(ctx, &name, item),
        TypeKind::Union(u) => emit_union(ctx, &name, u),
        TypeKind::NillableRoot(n) => emit_nillable_root(ctx, &name, n),
    };
    quote!(#doc #body)
}

fn opt_str(v: &Option<String>) -> TokenStream {
    match v {
        Some(s) => {
            let s = lit(s);
            quote!(::std::option::Option::Some(#s))
        }
        None => quote!(::std::option::Option::None),
    }
}

fn emit_message(ctx: &Ctx<'_>, prefix: &str, m: &MessageModel) -> TokenStream {
    let MessageModel {
        encoded,
        namespace,
        body,
        parts,
        headers,
        http,
    } = m;
    let up = prefix.to_uppercase();
    let enc = ident(&format!("{up}_ENCODED"));
    let ns = ident(&format!("{up}_NAMESPACE"));
    let ns_v = opt_str(namespace);
    let mut out = quote! {
        /// `use="encoded"` (SOAP encoding) rather than literal.
        pub const #enc: bool = #encoded;
        /// `soap:body namespace` (RPC wrapper namespace).
        pub const #ns: ::std::option::Option<&str> = #ns_v;
    };
    if let Some(b) = body {
        let alias = ident(prefix);
        let t = ctx.ty(b);
        out.extend(quote! {
            /// The SOAP body (or HTTP XML body) type.
            pub type #alias = #t;
        });
    }
    for (kind, list) in [("part", parts), ("header", headers)] {
        for p in list {
            let PartModel {
                name,
                rust_name,
                element,
                ty,
            } = p;
            let alias = ident(&format!("{prefix}{rust_name}"));
            let t = ctx.ty(ty);
            let doc = format!(" {kind} `{name}`: element `{element}`");
            out.extend(quote! {
                #[doc = #doc]
                pub type #alias = #t;
            });
        }
    }
    if let Some(h) = http {
        let HttpMessage {
            url_encoded,
            url_replacement,
            content_type,
        } = h;
        let a = ident(&format!("{up}_URL_ENCODED"));
        let b = ident(&format!("{up}_URL_REPLACEMENT"));
        let c = ident(&format!("{up}_CONTENT_TYPE"));
        let cv = opt_str(content_type);
        out.extend(quote! {
            /// `http:urlEncoded`: parts are query or form parameters.
            pub const #a: bool = #url_encoded;
            /// `http:urlReplacement`: parts are substituted into the location.
            pub const #b: bool = #url_replacement;
            /// MIME type of the body (`mime:content` / `mime:mimeXml`).
            pub const #c: ::std::option::Option<&str> = #cv;
        });
    }
    out
}

fn emit_operation(ctx: &Ctx<'_>, op: &OperationModel) -> TokenStream {
    let OperationModel {
        name,
        rust_name,
        doc,
        soap_action,
        style,
        http_location,
        input,
        output,
        faults,
    } = op;
    let inner = Ctx {
        depth: ctx.depth + 1,
        ..*ctx
    };
    let doc = doc_attrs(Some(
        doc.as_deref().unwrap_or(&format!("Operation `{name}`.")),
    ));
    let m = ident(rust_name);
    let n = lit(name);
    let action = opt_str(soap_action);
    let style = match style {
        Style::Document => "document",
        Style::Rpc => "rpc",
    };
    let location = opt_str(http_location);
    let one_way = output.is_none();
    let input = input.as_ref().map(|i| emit_message(&inner, "Input", i));
    let output = output.as_ref().map(|o| emit_message(&inner, "Output", o));
    let faults = faults.iter().map(|f| {
        let FaultModel {
            name,
            rust_name,
            detail,
        } = f;
        let doc = format!(" Fault `{name}`.");
        match detail {
            Some(d) => {
                let alias = ident(rust_name);
                let t = inner.ty(&d.ty);
                quote!(#[doc = #doc] pub type #alias = #t;)
            }
            None => TokenStream::new(),
        }
    });
    quote! {
        #doc
        pub mod #m {
            /// The operation name.
            pub const NAME: &str = #n;
            /// `soapAction` (SOAP 1.1) or `action` (SOAP 1.2).
            pub const SOAP_ACTION: ::std::option::Option<&str> = #action;
            /// `document` or `rpc` (the operation's style overrides the binding's).
            pub const STYLE: &str = #style;
            /// No response message.
            pub const ONE_WAY: bool = #one_way;
            /// `http:operation location` (HTTP bindings).
            pub const HTTP_LOCATION: ::std::option::Option<&str> = #location;
            #input
            #output
            #(#faults)*
        }
    }
}

fn emit_binding(ctx: &Ctx<'_>, b: &BindingModel) -> TokenStream {
    let BindingModel {
        module: _,
        name,
        binding,
        port_type,
        doc,
        protocol,
        endpoints,
        operations,
    } = b;
    let inner = Ctx {
        depth: ctx.depth + 1,
        ..*ctx
    };
    let protocol = match protocol {
        Some(Protocol::Soap11) => "soap1.1",
        Some(Protocol::Soap12) => "soap1.2",
        Some(Protocol::HttpGet) => "http-get",
        Some(Protocol::HttpPost) => "http-post",
        None => "unknown",
    };
    let head = format!(
        "Binding `{}` of port type `{}` ({protocol}).",
        binding.local, port_type.local
    );
    let doc = doc_attrs(Some(&match doc {
        Some(d) => format!("{head}\n\n{d}"),
        None => head,
    }));
    let m = ident(name);
    let (bn, bns, pt) = (lit(&binding.local), lit(&binding.ns), lit(&port_type.local));
    let eps = endpoints.iter().map(|(s, p, a)| {
        let (s, p, a) = (lit(s), lit(p), lit(a));
        quote!((#s, #p, #a))
    });
    let ops = operations.iter().map(|o| emit_operation(&inner, o));
    // Typed client, server trait and dispatcher (emit/client.rs, emit/server.rs).
    let api = client::emit_api(&inner, b);
    quote! {
        #doc
        pub mod #m {
            /// The binding's local name.
            pub const BINDING: &str = #bn;
            /// The binding's namespace.
            pub const NAMESPACE: &str = #bns;
            /// The port type's local name.
            pub const PORT_TYPE: &str = #pt;
            /// `soap1.1`, `soap1.2`, `http-get`, `http-post` or `unknown`.
            pub const PROTOCOL: &str = #protocol;
            /// `(service, port, address)` of every port using this binding.
            pub const ENDPOINTS: &[(&str, &str, &str)] = &[#(#eps),*];
            #(#ops)*
            #api
        }
    }
}

/// The items of one namespace module: its types in name order, then its bindings.
pub fn emit_module(model: &Model, module: &str, runtime: &TokenStream) -> TokenStream {
    let ctx = Ctx {
        model,
        runtime,
        module,
        depth: 0,
    };
    let mut types: Vec<&RustType> = model
        .types
        .values()
        .filter(|t| t.module == module)
        .collect();
    types.sort_by(|a, b| a.name.cmp(&b.name));
    let types = types.into_iter().map(|t| emit_type(&ctx, t));
    let mut bindings: Vec<&BindingModel> = model
        .bindings
        .iter()
        .filter(|b| b.module == module)
        .collect();
    bindings.sort_by(|a, b| a.name.cmp(&b.name));
    let bindings = bindings.into_iter().map(|b| emit_binding(&ctx, b));
    quote!(#(#types)* #(#bindings)*)
}
