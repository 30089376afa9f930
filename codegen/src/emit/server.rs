//! Server side of a binding: the `Service` trait (one async method per operation), the
//! `Request` enum of the port's request elements, `dispatch` (HTTP request → trait method →
//! HTTP response) and `Server<S>`, the `soapstone::server::Handler` an adapter serves.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::client::{HeaderInfo, HttpInput, OpInfo, header_set, unsupported_doc};
use super::{Ctx, ident, lit};
use crate::lower::naming::{Case, Namer, rust_ident};
use crate::model::*;
use crate::wsdl::Protocol;
use crate::xsd::QName;

fn method_doc(i: &OpInfo<'_>) -> TokenStream {
    let text = match &i.op.doc {
        Some(d) => format!("`{}`: {d}", i.op.name),
        None => format!("Operation `{}`.", i.op.name),
    };
    super::doc_attrs(Some(&text))
}

fn root_name(model: &Model, t: &TypeExpr) -> Option<QName> {
    match t {
        TypeExpr::Named(id) => match &model.types.get(id)?.kind {
            TypeKind::Struct(StructType { root, .. })
            | TypeKind::Polymorphic(PolymorphicType { root, .. }) => root.clone(),
            TypeKind::NillableRoot(n) => Some(n.root.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// The content type of a nillable global element (`None` for other types).
fn nillable_inner<'m>(model: &'m Model, t: &TypeExpr) -> Option<&'m TypeExpr> {
    match t {
        TypeExpr::Named(id) => match &model.types.get(id)?.kind {
            TypeKind::NillableRoot(n) => Some(&n.inner),
            _ => None,
        },
        _ => None,
    }
}

/// The server-side output type of an operation (output and output headers).
fn output_ty(ctx: &Ctx<'_>, i: &OpInfo<'_>) -> TokenStream {
    match (&i.output, i.out_headers_struct()) {
        (None, _) => quote!(()),
        (Some(o), None) => ctx.ty(o),
        (Some(o), Some(h)) => {
            let o = ctx.ty(o);
            quote!((#o, #h))
        }
    }
}

fn service_trait(ctx: &Ctx<'_>, b: &BindingModel, infos: &[OpInfo<'_>], soap: bool) -> TokenStream {
    let rt = ctx.runtime;
    let mut forwards = Vec::new();
    let methods = infos.iter().filter(|i| i.unsupported.is_none()).map(|i| {
        let doc = method_doc(i);
        let m = &i.method;
        let out = output_ty(ctx, i);
        let mut params = Vec::new();
        if soap {
            let input = ctx.ty(i.input.as_ref().expect("checked by analyze"));
            params.push(quote!(input: #input));
            if let Some(h) = i.headers_struct() {
                params.push(quote!(headers: #h));
            }
            if i.security {
                params
                    .push(quote!(security: ::std::option::Option<#rt::soap::wsse::SecurityHeader>));
            }
        } else {
            match &i.http_input {
                HttpInput::Xml(t) => {
                    let t = ctx.ty(t);
                    params.push(quote!(input: #t));
                }
                _ => {
                    for (_, n, t) in &i.params {
                        let t = ctx.ty(t);
                        params.push(quote!(#n: #t));
                    }
                }
            }
        }
        let ret = quote! {
            impl ::std::future::Future<
                Output = ::std::result::Result<#out, #rt::server::ServerFault<Fault>>,
            > + ::std::marker::Send
        };
        let names = params.iter().map(|p| {
            let name = p.clone().into_iter().next();
            quote!(#name)
        });
        forwards.push(quote! {
            fn #m(&self, #(#params),*) -> #ret {
                S::#m(self, #(#names),*)
            }
        });
        quote! {
            #doc
            fn #m(&self, #(#params),*) -> #ret;
        }
    });
    let methods: Vec<TokenStream> = methods.collect();
    let doc = format!(
        " Server side of binding `{}`: implement one async method per operation and serve it with \
         [`Server`] (e.g. `soapstone::server::axum::router(Server::new(service))`). A \
         `ServerFault::Typed` becomes a SOAP fault with that detail, `Sender`/`Receiver` a \
         `Client`/`Server` (1.2: `Sender`/`Receiver`) fault.{}",
        b.binding.local,
        unsupported_doc(infos)
    );
    quote! {
        #[doc = #doc]
        pub trait Service: ::std::marker::Send + ::std::marker::Sync + 'static {
            #(#methods)*
        }

        /// A shared service (state behind an `Arc`) serves as well.
        impl<S: Service> Service for ::std::sync::Arc<S> {
            #(#forwards)*
        }
    }
}

fn server_struct(ctx: &Ctx<'_>) -> TokenStream {
    let rt = ctx.runtime;
    quote! {
        /// A [`Service`] with its server options: the `soapstone::server::Handler` adapters serve.
        #[derive(::std::fmt::Debug, ::std::clone::Clone)]
        pub struct Server<S> {
            service: S,
            options: #rt::server::ServerOptions,
        }

        impl<S> Server<S> {
            /// Serves `service` with the default options (strict, 4 MiB request limit).
            pub fn new(service: S) -> Self {
                Self { service, options: #rt::server::ServerOptions::default() }
            }

            /// Sets the options.
            pub fn with_options(mut self, options: #rt::server::ServerOptions) -> Self {
                self.options = options;
                self
            }

            /// The service.
            pub fn service(&self) -> &S {
                &self.service
            }
        }

        impl<S: Service> #rt::server::Handler for Server<S> {
            async fn handle(&self, request: #rt::transport::HttpRequest) -> #rt::transport::HttpResponse {
                dispatch(&self.service, &request, &self.options).await
            }

            fn max_request_bytes(&self) -> usize {
                self.options.max_request_bytes
            }
        }
    }
}

pub(super) fn emit_soap_server(
    ctx: &Ctx<'_>,
    b: &BindingModel,
    infos: &[OpInfo<'_>],
) -> TokenStream {
    let rt = ctx.runtime;
    let supported: Vec<&OpInfo<'_>> = infos.iter().filter(|i| i.unsupported.is_none()).collect();
    let service = service_trait(ctx, b, infos, true);
    let server = server_struct(ctx);

    // Operations grouped by body element (several operations may share one; the action picks).
    let mut groups: Vec<(QName, String, Vec<&OpInfo<'_>>)> = Vec::new();
    let mut namer = Namer::default();
    for i in &supported {
        let Some(root) = i.input.as_ref().and_then(|t| root_name(ctx.model, t)) else {
            continue;
        };
        match groups.iter_mut().find(|(q, _, _)| *q == root) {
            Some((_, _, ops)) => ops.push(i),
            None => {
                let name = namer.unique(&rust_ident(&root.local, Case::Type), None, Case::Type);
                groups.push((root, name, vec![i]));
            }
        }
    }
    let actions: Vec<String> = {
        let mut a: Vec<String> = supported
            .iter()
            .map(|i| i.action())
            .filter(|a| !a.is_empty())
            .collect();
        a.sort();
        a.dedup();
        a
    };
    let action_lits = actions.iter().map(|a| lit(a));
    let actions_const = quote! {
        /// The SOAP actions of the bound operations (requests with another non-empty action are refused).
        pub const SOAP_ACTIONS: &[&str] = &[#(#action_lits),*];
    };

    if groups.is_empty() {
        return quote! {
            #actions_const
            #service
            #server
            /// Answers every request with a fault: the binding has no bound operation.
            pub async fn dispatch<S: Service + ?Sized>(
                _service: &S,
                request: &#rt::transport::HttpRequest,
                options: &#rt::server::ServerOptions,
            ) -> #rt::transport::HttpResponse {
                if let ::std::result::Result::Err(r) = #rt::server::check_soap_request(request, options) {
                    return r;
                }
                #rt::server::sender_fault(#rt::server::announced_version(request), "this binding has no bound operation")
            }
        };
    }

    // The header set of the whole port: one slot per distinct header element type.
    let mut slots: Vec<TypeExpr> = Vec::new();
    for i in &supported {
        for h in &i.headers {
            if !slots.contains(&h.ty) {
                slots.push(h.ty.clone());
            }
        }
    }
    let security_slot = supported.iter().any(|i| i.security).then_some(slots.len());
    let mut slot_tys: Vec<TokenStream> = slots
        .iter()
        .map(|t| {
            let t = ctx.ty(t);
            quote!(::std::option::Option<#t>)
        })
        .collect();
    if security_slot.is_some() {
        slot_tys.push(quote!(::std::option::Option<#rt::soap::wsse::SecurityHeader>));
    }
    let slot_names: Vec<Ident> = (0..slot_tys.len())
        .map(|n| ident(&format!("h{n}")))
        .collect();
    let set_ty = header_set(&slot_tys);
    let set_pat = header_set(&slot_names.iter().map(|n| quote!(#n)).collect::<Vec<_>>());

    let call = |i: &OpInfo<'_>| -> TokenStream {
        let m = &i.method;
        let action = lit(&i.action());
        let slot_of = |h: &HeaderInfo| {
            slots
                .iter()
                .position(|t| *t == h.ty)
                .expect("collected above")
        };
        // Parts sharing one element read one decoded block: every use but the last clones it,
        // since the fields are evaluated in order and the last one may take the value.
        let mut remaining = vec![0usize; slot_names.len()];
        for h in &i.headers {
            remaining[slot_of(h)] += 1;
        }
        if let Some(s) = security_slot.filter(|_| i.security) {
            remaining[s] += 1;
        }
        let mut take = |slot: usize| -> TokenStream {
            let n = &slot_names[slot];
            remaining[slot] -= 1;
            if remaining[slot] > 0 {
                quote!(#n.clone())
            } else {
                quote!(#n)
            }
        };
        // A nillable root arrives as its `Nillable` content (see the `Request` variants).
        let body = match i
            .input
            .as_ref()
            .filter(|t| nillable_inner(ctx.model, t).is_some())
        {
            Some(t) => {
                let t = ctx.ty(t);
                quote!(#t(*input))
            }
            None => quote!(*input),
        };
        let mut args = vec![body];
        if let Some(s) = i.headers_struct() {
            let fields: Vec<TokenStream> = i
                .headers
                .iter()
                .map(|h| {
                    let f = &h.field;
                    let v = take(slot_of(h));
                    quote!(#f: #v)
                })
                .collect();
            args.push(quote!(#s { #(#fields,)* }));
        }
        if i.security {
            args.push(take(security_slot.expect("some operation declares it")));
        }
        let reply = match (&i.output, i.out_headers_struct()) {
            (None, _) => quote!(#rt::server::reply_one_way(version, result)),
            (Some(_), None) => quote!(#rt::server::reply(version, &[], result)),
            (Some(o), Some(_)) => {
                let o = ctx.ty(o);
                quote! {
                    match result {
                        ::std::result::Result::Ok((output, headers)) => {
                            let blocks = #rt::soap::SoapHeaderSet::as_header_list(&headers);
                            #rt::server::reply::<_, Fault>(version, &blocks, ::std::result::Result::Ok(output))
                        }
                        ::std::result::Result::Err(fault) => {
                            #rt::server::reply::<#o, Fault>(version, &[], ::std::result::Result::Err(fault))
                        }
                    }
                }
            }
        };
        quote! {{
            if let ::std::result::Result::Err(r) = #rt::server::check_action(version, action, &[#action], SOAP_ACTIONS) {
                return r;
            }
            let result = service.#m(#(#args),*).await;
            #reply
        }}
    };

    let mut variants = Vec::new();
    let mut arms = Vec::new();
    for (root, name, ops) in &groups {
        let input_ty = ops[0].input.clone().expect("checked by analyze");
        // The choice checks `xsi:nil` per variant, so a nillable root's variant is a nillable
        // element holding the root's content.
        let (kind, ty) = match nillable_inner(ctx.model, &input_ty) {
            Some(inner) => (
                VariantKind::ElementOf {
                    name: root.clone(),
                    many: false,
                    nillable: true,
                    default: None,
                    fixed: None,
                },
                inner.clone(),
            ),
            None => (VariantKind::Element(root.clone()), input_ty),
        };
        variants.push(ChoiceVariant {
            name: name.clone(),
            kind,
            ty,
            boxed: true,
            doc: Some(format!(
                "Request of {}.",
                ops.iter()
                    .map(|i| format!("`{}`", i.op.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        });
        let v = ident(name);
        let (first, rest) = ops.split_first().expect("groups are never empty");
        let mut body = call(first);
        for i in rest.iter().rev() {
            let a = lit(&i.action());
            let c = call(i);
            body = quote!(if action == ::std::option::Option::Some(#a) #c else #body);
        }
        arms.push(quote!(Request::#v(input) => #body));
    }
    let request_enum = super::emit_choice(ctx, &ident("Request"), &ChoiceType { variants });
    let doc = format!(
        " Serves one request to binding `{}`: checks size and method, decodes the envelope \
         (headers and the body element, which picks the operation; the SOAP action must agree), \
         calls the service and encodes its answer. Malformed or invalid requests get a \
         `Client`/`Sender` fault, handler errors a `Server`/`Receiver` fault.",
        b.binding.local
    );
    quote! {
        #actions_const
        #service
        /// The request elements of the binding's operations, for the dispatcher.
        #request_enum
        #server

        #[doc = #doc]
        pub async fn dispatch<S: Service + ?Sized>(
            service: &S,
            request: &#rt::transport::HttpRequest,
            options: &#rt::server::ServerOptions,
        ) -> #rt::transport::HttpResponse {
            if let ::std::result::Result::Err(r) = #rt::server::check_soap_request(request, options) {
                return r;
            }
            let decoded = match #rt::server::decode::<#set_ty, Request>(request, options) {
                ::std::result::Result::Ok(d) => d,
                ::std::result::Result::Err(r) => return r,
            };
            let version = decoded.version;
            let action = decoded.action.as_deref();
            let #set_pat = decoded.headers;
            match decoded.body {
                #(#arms)*
            }
        }
    }
}

pub(super) fn emit_http_server(
    ctx: &Ctx<'_>,
    b: &BindingModel,
    infos: &[OpInfo<'_>],
) -> TokenStream {
    let rt = ctx.runtime;
    let hs = quote!(#rt::server::http);
    let post = matches!(b.protocol, Some(Protocol::HttpPost));
    let (verb, method) = if post {
        ("POST", quote!(#rt::transport::Method::Post))
    } else {
        ("GET", quote!(#rt::transport::Method::Get))
    };
    let service = service_trait(ctx, b, infos, false);
    let server = server_struct(ctx);
    let routes = infos.iter().filter(|i| i.unsupported.is_none()).map(|i| {
        let m = &i.method;
        let location = lit(i.op.http_location.as_deref().unwrap_or(""));
        let (bind, args) = match &i.http_input {
            HttpInput::Xml(t) => {
                let t = ctx.ty(t);
                (
                    quote! {
                        let input = match #hs::xml_body::<#t>(request, &options.read) {
                            ::std::result::Result::Ok(v) => v,
                            ::std::result::Result::Err(r) => return r,
                        };
                    },
                    quote!(input),
                )
            }
            kind => {
                let source = match kind {
                    HttpInput::Replacement => quote!(::std::result::Result::Ok(path_params)),
                    _ if post => quote! {
                        match ::std::str::from_utf8(&request.body) {
                            ::std::result::Result::Ok(text) => #hs::parse_pairs(text),
                            ::std::result::Result::Err(_) => ::std::result::Result::Err(#hs::bad_request("the form body is not UTF-8")),
                        }
                    },
                    _ => quote!(#hs::parse_pairs(#hs::request_query(&request.url))),
                };
                // Numbered locals: a part named `params`, `service` or `request` must not
                // shadow the dispatcher's own variables.
                let locals: Vec<Ident> = (0..i.params.len())
                    .map(|n| ident(&format!("__param_{n}")))
                    .collect();
                let reads = i.params.iter().zip(&locals).map(|((wire, _, t), n)| {
                    let t = ctx.ty(t);
                    let w = lit(wire);
                    quote! {
                        let #n = match #hs::param::<#t>(&params, #w) {
                            ::std::result::Result::Ok(v) => v,
                            ::std::result::Result::Err(r) => return r,
                        };
                    }
                });
                let names = locals.iter();
                let bind = if i.params.is_empty() {
                    // Nothing to read, but a malformed query or form body is still a 400.
                    match kind {
                        HttpInput::Replacement => TokenStream::new(),
                        _ => quote! {
                            if let ::std::result::Result::Err(r) = #source {
                                return r;
                            }
                        },
                    }
                } else {
                    quote! {
                        let params: #hs::Params = match #source {
                            ::std::result::Result::Ok(p) => p,
                            ::std::result::Result::Err(r) => return r,
                        };
                        #(#reads)*
                    }
                };
                (bind, quote!(#(#names),*))
            }
        };
        let reply = if i.output.is_some() {
            quote!(#hs::reply(service.#m(#args).await))
        } else {
            quote!(#hs::reply_empty(service.#m(#args).await))
        };
        let binder = if matches!(i.http_input, HttpInput::Replacement) && !i.params.is_empty() {
            quote!(path_params)
        } else {
            quote!(_path_params)
        };
        quote! {
            if let ::std::option::Option::Some(#binder) = #hs::match_location(path, #location) {
                if request.method != #method {
                    return #hs::plain(405, ::std::format_args!("{} is a {}", #location, #verb)).with_header("Allow", #verb);
                }
                #bind
                return #reply;
            }
        }
    });
    let routes: Vec<TokenStream> = routes.collect();
    let body = if routes.is_empty() {
        quote!(#hs::not_found(request))
    } else {
        quote! {
            let path = #hs::request_path(&request.url);
            #(#routes)*
            #hs::not_found(request)
        }
    };
    let doc = format!(
        " Serves one request to HTTP binding `{}`: the path's end picks the operation by its \
         `location` (the address before it is not checked), parameters come from the location, \
         the query string or the form body, an XML input from the body. Bad parameters are 400, \
         unknown paths 404, handler errors 500 (`ServerFault::Sender`: 400); operations without \
         output answer 204.",
        b.binding.local
    );
    let unused = if routes.is_empty() {
        quote!(let _ = (service, options);)
    } else {
        TokenStream::new()
    };
    quote! {
        #service
        #server

        #[doc = #doc]
        pub async fn dispatch<S: Service + ?Sized>(
            service: &S,
            request: &#rt::transport::HttpRequest,
            options: &#rt::server::ServerOptions,
        ) -> #rt::transport::HttpResponse {
            #unused
            if request.body.len() > options.max_request_bytes {
                return #rt::server::too_large(options.max_request_bytes);
            }
            #body
        }
    }
}
