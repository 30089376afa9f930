//! Typed clients of a binding: the fault enum, the per-operation header structs and the
//! `Client<T>` with one async and one `_blocking` method per operation (SOAP 1.1/1.2), or typed
//! GET/POST calls (WSDL HTTP binding). The server side is in [`super::server`]; both read the
//! binding through [`analyze`], so client and server always agree on shapes.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::{Ctx, ident, lit};
use crate::lower::naming::{Case, Namer, rust_ident};
use crate::model::*;
use crate::wsdl::Protocol;
use crate::xsd::QName;

/// Namespace of the WS-Security `Security` header, supplied by the client's credentials slot.
const WSSE_NS: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";

/// Names of the client's own methods; operations get another name when they clash.
const CLIENT_METHODS: &[&str] = &[
    "new",
    "at",
    "with_endpoint",
    "with_security",
    "with_read_options",
    "with_timeout",
    "with_http_header",
    "endpoint",
    "transport",
    "call_options",
];

/// A header block of an operation other than `wsse:Security`.
pub(super) struct HeaderInfo {
    /// Field in the operation's header struct.
    pub field: Ident,
    /// Root struct of the header element.
    pub ty: TypeExpr,
}

/// How an HTTP-binding operation sends its input.
pub(super) enum HttpInput {
    /// Parameters in the location (`http:urlReplacement`).
    Replacement,
    /// Query string (GET) or form body (POST) (`http:urlEncoded`, or nothing said).
    Encoded,
    /// An XML document as the POST body.
    Xml(TypeExpr),
}

/// One operation as the client and server see it.
pub(super) struct OpInfo<'m> {
    pub op: &'m OperationModel,
    /// Async client method and trait method.
    pub method: Ident,
    /// Blocking client method.
    pub blocking: Ident,
    /// `RequestChat` (prefix of the header struct names).
    pub type_name: String,
    /// Why the operation is left out of the client and server, when it is.
    pub unsupported: Option<String>,
    /// SOAP: the body root struct (document element or RPC wrapper).
    pub input: Option<TypeExpr>,
    /// SOAP: header blocks of the input, `wsse:Security` excluded.
    pub headers: Vec<HeaderInfo>,
    /// SOAP: the input declares `wsse:Security`.
    pub security: bool,
    /// The output body root struct; `None` for one-way operations.
    pub output: Option<TypeExpr>,
    /// SOAP: header blocks of the output.
    pub out_headers: Vec<HeaderInfo>,
    /// HTTP: parameters `(part name, Rust name, type)`.
    pub params: Vec<(String, Ident, TypeExpr)>,
    /// HTTP: how the input travels.
    pub http_input: HttpInput,
}

impl OpInfo<'_> {
    /// `RequestChatHeaders`, when the input has header blocks besides `wsse:Security`.
    pub fn headers_struct(&self) -> Option<Ident> {
        (!self.headers.is_empty()).then(|| ident(&format!("{}Headers", self.type_name)))
    }

    /// `RequestChatOutputHeaders`, when the output has header blocks.
    pub fn out_headers_struct(&self) -> Option<Ident> {
        (!self.out_headers.is_empty()).then(|| ident(&format!("{}OutputHeaders", self.type_name)))
    }

    /// The SOAP action (empty when none).
    pub fn action(&self) -> String {
        self.op.soap_action.clone().unwrap_or_default()
    }
}

fn root_struct(model: &Model, t: &TypeExpr) -> bool {
    match t {
        TypeExpr::Named(id) => matches!(
            model.types.get(id).map(|t| &t.kind),
            Some(
                TypeKind::Struct(StructType { root: Some(_), .. })
                    | TypeKind::Polymorphic(PolymorphicType { root: Some(_), .. })
                    | TypeKind::NillableRoot(_)
            )
        ),
        _ => false,
    }
}

/// Whether values of `t` implement `XmlText` (can be URL parameters).
fn text_type(model: &Model, t: &TypeExpr) -> bool {
    match t {
        TypeExpr::Runtime(p) => !p.starts_with("xml::"),
        TypeExpr::Path(_) => true,
        TypeExpr::Named(id) => match model.types.get(id).map(|t| &t.kind) {
            Some(TypeKind::Alias(inner)) => text_type(model, inner),
            Some(
                TypeKind::Enumeration(_)
                | TypeKind::Newtype(_)
                | TypeKind::List(_)
                | TypeKind::Union(_),
            ) => true,
            _ => false,
        },
    }
}

fn is_security(q: &QName) -> bool {
    q.ns == WSSE_NS && q.local == "Security"
}

fn headers(model: &Model, parts: &[PartModel]) -> Result<(Vec<HeaderInfo>, bool), String> {
    let mut namer = Namer::default();
    let mut out = Vec::new();
    let mut security = false;
    let mut seen: Vec<(&str, &QName)> = Vec::new();
    for p in parts {
        if is_security(&p.element) {
            security = true;
            continue;
        }
        // A binding may list one `soap:header` twice (EWS `GetUserAvailability` does): it is
        // still one block, so one field.
        if seen.contains(&(p.name.as_str(), &p.element)) {
            continue;
        }
        seen.push((p.name.as_str(), &p.element));
        if !root_struct(model, &p.ty) {
            return Err(format!(
                "header part `{}` is not bound to a global element",
                p.name
            ));
        }
        out.push(HeaderInfo {
            field: ident(&namer.unique(&rust_ident(&p.name, Case::Snake), None, Case::Snake)),
            ty: p.ty.clone(),
        });
    }
    Ok((out, security))
}

fn soap_shape(model: &Model, info: &mut OpInfo<'_>) -> Result<(), String> {
    let op = info.op;
    let input = op.input.as_ref().ok_or("no input message")?;
    match &input.body {
        Some(t) if root_struct(model, t) => info.input = Some(t.clone()),
        _ => return Err("the input body is not one global element".into()),
    }
    (info.headers, info.security) = headers(model, &input.headers)?;
    if let Some(output) = &op.output {
        match &output.body {
            Some(t) if root_struct(model, t) => info.output = Some(t.clone()),
            _ => return Err("the output body is not one global element".into()),
        }
        let (out_headers, _) = headers(model, &output.headers)?;
        info.out_headers = out_headers;
    }
    Ok(())
}

fn http_shape(model: &Model, info: &mut OpInfo<'_>, post: bool) -> Result<(), String> {
    let op = info.op;
    let input = op.input.as_ref().ok_or("no input message")?;
    let http = input.http.clone().unwrap_or(HttpMessage {
        url_encoded: false,
        url_replacement: false,
        content_type: None,
    });
    if op.http_location.as_deref().is_some_and(|l| l.contains('?')) {
        return Err("a location with a query string".into());
    }
    match &input.body {
        Some(t) if post && http.content_type.is_some() => {
            if !root_struct(model, t) {
                return Err("the XML body is not one global element".into());
            }
            info.http_input = HttpInput::Xml(t.clone());
        }
        _ => {
            let mut namer = Namer::with_reserved(["self"]);
            for p in &input.parts {
                if !text_type(model, &p.ty) {
                    return Err(format!("part `{}` is not a simple type", p.name));
                }
                let name = namer.unique(&rust_ident(&p.name, Case::Snake), None, Case::Snake);
                info.params
                    .push((p.name.clone(), ident(&name), p.ty.clone()));
            }
            info.http_input = if http.url_replacement {
                HttpInput::Replacement
            } else {
                HttpInput::Encoded
            };
        }
    }
    if let Some(output) = &op.output {
        match &output.body {
            Some(t) if root_struct(model, t) => info.output = Some(t.clone()),
            _ => return Err("the output is not one XML document".into()),
        }
    }
    Ok(())
}

/// The operations of a binding with their client/server shapes, in binding order.
pub(super) fn analyze<'m>(model: &Model, b: &'m BindingModel) -> Vec<OpInfo<'m>> {
    let mut namer = Namer::with_reserved(CLIENT_METHODS.iter().copied());
    let mut infos: Vec<OpInfo<'m>> = b
        .operations
        .iter()
        .map(|op| {
            let method = namer.unique(&op.rust_name, Some("op"), Case::Snake);
            OpInfo {
                op,
                type_name: rust_ident(&method, Case::Type),
                method: ident(&method),
                blocking: ident(&method),
                unsupported: None,
                input: None,
                headers: Vec::new(),
                security: false,
                output: None,
                out_headers: Vec::new(),
                params: Vec::new(),
                http_input: HttpInput::Encoded,
            }
        })
        .collect();
    for info in &mut infos {
        // Re-running the naming function drops a keyword escape (`move_` -> `move_blocking`);
        // the shared namer keeps it apart from an operation named `MoveBlocking`.
        let base = rust_ident(&format!("{}_blocking", info.method), Case::Snake);
        info.blocking = ident(&namer.unique(&base, None, Case::Snake));
        let shape = match b.protocol {
            Some(Protocol::Soap11 | Protocol::Soap12) => soap_shape(model, info),
            Some(Protocol::HttpGet) => http_shape(model, info, false),
            Some(Protocol::HttpPost) => http_shape(model, info, true),
            None => Err("unknown protocol".into()),
        };
        info.unsupported = shape.err();
    }
    infos
}

/// A note on the operations the client and server leave out.
pub(super) fn unsupported_doc(infos: &[OpInfo<'_>]) -> String {
    let skipped: Vec<String> = infos
        .iter()
        .filter_map(|i| {
            i.unsupported
                .as_ref()
                .map(|why| format!("`{}` ({why})", i.op.name))
        })
        .collect();
    if skipped.is_empty() {
        String::new()
    } else {
        format!("\n\nNot bound (no method): {}.", skipped.join(", "))
    }
}

/// Everything the binding module gets besides its constants: fault enum, header structs,
/// client, server trait and dispatcher.
pub(super) fn emit_api(ctx: &Ctx<'_>, b: &BindingModel) -> TokenStream {
    let infos = analyze(ctx.model, b);
    let default_endpoint = lit(b.endpoints.first().map_or("", |e| e.2.as_str()));
    let endpoint = quote! {
        /// The address of the first port using this binding: the clients' default endpoint.
        pub const DEFAULT_ENDPOINT: &str = #default_endpoint;
    };
    match b.protocol {
        Some(Protocol::Soap11 | Protocol::Soap12) => {
            let fault = emit_fault(ctx, b);
            let headers = emit_header_structs(ctx, &infos);
            let client = emit_soap_client(ctx, b, &infos);
            let server = super::server::emit_soap_server(ctx, b, &infos);
            quote!(#endpoint #fault #headers #client #server)
        }
        Some(Protocol::HttpGet | Protocol::HttpPost) => {
            let rt = ctx.runtime;
            let client = emit_http_client(ctx, b, &infos);
            let server = super::server::emit_http_server(ctx, b, &infos);
            quote! {
                #endpoint
                /// The HTTP binding declares no faults: errors are HTTP statuses.
                pub type Fault = #rt::soap::NoDetail;
                #client
                #server
            }
        }
        None => TokenStream::new(),
    }
}

/// `Fault`: a choice enum over the fault elements of every operation (by element, first
/// declaration wins), or `NoDetail` when the binding declares none.
fn emit_fault(ctx: &Ctx<'_>, b: &BindingModel) -> TokenStream {
    let mut seen: Vec<&QName> = Vec::new();
    let mut namer = Namer::default();
    let mut variants = Vec::new();
    for op in &b.operations {
        for f in &op.faults {
            let Some(d) = &f.detail else { continue };
            if seen.contains(&&d.element) || !matches!(d.ty, TypeExpr::Named(_)) {
                continue;
            }
            seen.push(&d.element);
            variants.push(ChoiceVariant {
                name: namer.unique(&rust_ident(&d.element.local, Case::Type), None, Case::Type),
                kind: VariantKind::Element(d.element.clone()),
                ty: d.ty.clone(),
                boxed: true,
                doc: Some(format!("Fault element `{}`.", d.element.local)),
            });
        }
    }
    let rt = ctx.runtime;
    if variants.is_empty() {
        return quote! {
            /// The binding declares no faults: every detail entry stays raw.
            pub type Fault = #rt::soap::NoDetail;
        };
    }
    let body = super::emit_choice(ctx, &ident("Fault"), &ChoiceType { variants });
    quote! {
        /// Fault details of the binding's operations (the `F` of `SoapError<F>` / `Fault<F>`).
        #body
    }
}

fn header_struct(ctx: &Ctx<'_>, name: &Ident, doc: &str, headers: &[HeaderInfo]) -> TokenStream {
    let fields = headers.iter().map(|h| {
        let HeaderInfo { field, ty } = h;
        let t = ctx.ty(ty);
        quote!(pub #field: ::std::option::Option<#t>,)
    });
    let rt = ctx.runtime;
    // The derive names the runtime `::soapstone` unless told otherwise.
    let rt_path = rt.to_string().replace(' ', "");
    let krate = (rt_path != "::soapstone").then(|| quote!(#[soap(crate = #rt_path)]));
    quote! {
        #[doc = #doc]
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::std::default::Default, #rt::SoapHeaders)]
        #krate
        pub struct #name { #(#fields)* }
    }
}

fn emit_header_structs(ctx: &Ctx<'_>, infos: &[OpInfo<'_>]) -> TokenStream {
    let mut out = TokenStream::new();
    for i in infos.iter().filter(|i| i.unsupported.is_none()) {
        if let Some(name) = i.headers_struct() {
            let doc = format!(
                " Header blocks of `{}` (the WSDL's `soap:header` parts; `wsse:Security` comes from the client's credentials). `None` blocks are not sent.",
                i.op.name
            );
            out.extend(header_struct(ctx, &name, &doc, &i.headers));
        }
        if let Some(name) = i.out_headers_struct() {
            let doc = format!(" Header blocks of the response of `{}`.", i.op.name);
            out.extend(header_struct(ctx, &name, &doc, &i.out_headers));
        }
    }
    out
}

/// `(Option<A>, Option<B>, ...)` nested in tuples of at most six (the `ReadHeaders` limit).
pub(super) fn header_set(items: &[TokenStream]) -> TokenStream {
    match items.len() {
        0 => quote!(()),
        1..=6 => quote!((#(#items,)*)),
        _ => {
            let chunks = items.chunks(6).map(header_set);
            let chunks: Vec<TokenStream> = chunks.collect();
            header_set(&chunks)
        }
    }
}

fn op_doc(i: &OpInfo<'_>) -> TokenStream {
    let text = match &i.op.doc {
        Some(d) => format!("`{}`: {d}", i.op.name),
        None => format!("Operation `{}`.", i.op.name),
    };
    super::doc_attrs(Some(&text))
}

fn emit_soap_client(ctx: &Ctx<'_>, b: &BindingModel, infos: &[OpInfo<'_>]) -> TokenStream {
    let rt = ctx.runtime;
    let version = match b.protocol {
        Some(Protocol::Soap12) => quote!(#rt::soap::SoapVersion::Soap12),
        _ => quote!(#rt::soap::SoapVersion::Soap11),
    };
    let mut asyncs = Vec::new();
    let mut blockings = Vec::new();
    for i in infos.iter().filter(|i| i.unsupported.is_none()) {
        let doc = op_doc(i);
        let (method, blocking) = (&i.method, &i.blocking);
        let input = ctx.ty(i.input.as_ref().expect("checked by analyze"));
        let action = lit(&i.action());
        let (hparam, hpush) = match i.headers_struct() {
            Some(s) => (
                quote!(headers: &#s,),
                quote!(blocks.extend(#rt::soap::SoapHeaderSet::as_header_list(headers));),
            ),
            None => (TokenStream::new(), TokenStream::new()),
        };
        let prelude = quote! {
            let options = self.call_options(#action);
            let security = match &self.security {
                ::std::option::Option::Some(s) => ::std::option::Option::Some(s.header()?),
                ::std::option::Option::None => ::std::option::Option::None,
            };
            let mut blocks: ::std::vec::Vec<&dyn #rt::soap::WriteHeader> = ::std::vec::Vec::new();
            #hpush
            if let ::std::option::Option::Some(s) = &security { blocks.push(s); }
        };
        match &i.output {
            None => {
                // One-way: any 2xx (202 with an empty body, usually) is success; a fault or
                // an error status is sorted by `read_response`, whose payload type is never
                // reached on that path.
                asyncs.push(quote! {
                    #doc
                    pub async fn #method(&self, input: &#input, #hparam) -> ::std::result::Result<(), #rt::soap::SoapError<Fault>> {
                        let (options, request) = {
                            #prelude
                            let request = #rt::soap::prepare_request::<_, Fault>(&options, &blocks, input)?;
                            (options, request)
                        };
                        let response = #rt::transport::Transport::send(&self.transport, request).await?;
                        if response.is_success() { return ::std::result::Result::Ok(()); }
                        #rt::soap::read_response::<#input, (), Fault>(&options, response).map(|_| ())
                    }
                });
                blockings.push(quote! {
                    #doc
                    pub fn #blocking(&self, input: &#input, #hparam) -> ::std::result::Result<(), #rt::soap::SoapError<Fault>> {
                        #prelude
                        let request = #rt::soap::prepare_request::<_, Fault>(&options, &blocks, input)?;
                        let response = #rt::transport::BlockingTransport::send_blocking(&self.transport, request)?;
                        if response.is_success() { return ::std::result::Result::Ok(()); }
                        #rt::soap::read_response::<#input, (), Fault>(&options, response).map(|_| ())
                    }
                });
            }
            Some(out) => {
                let out = ctx.ty(out);
                let (ret, set, finish) = match i.out_headers_struct() {
                    // The derived header set reads the response's blocks itself.
                    Some(s) => (
                        quote!((#out, #s)),
                        quote!(#s),
                        quote!(::std::result::Result::Ok((response.body, response.headers))),
                    ),
                    None => (
                        out.clone(),
                        quote!(()),
                        quote!(::std::result::Result::Ok(response.body)),
                    ),
                };
                asyncs.push(quote! {
                    #doc
                    pub async fn #method(&self, input: &#input, #hparam) -> ::std::result::Result<#ret, #rt::soap::SoapError<Fault>> {
                        let call = {
                            #prelude
                            #rt::soap::call::<_, _, #out, #set, Fault>(&self.transport, &options, &blocks, input)
                        };
                        let response = call.await?;
                        #finish
                    }
                });
                blockings.push(quote! {
                    #doc
                    pub fn #blocking(&self, input: &#input, #hparam) -> ::std::result::Result<#ret, #rt::soap::SoapError<Fault>> {
                        #prelude
                        let response = #rt::soap::call_blocking::<_, _, #out, #set, Fault>(&self.transport, &options, &blocks, input)?;
                        #finish
                    }
                });
            }
        }
    }
    let doc = format!(
        " Typed client of binding `{}`: one async method per operation and a `_blocking` twin. \
         Generic over the transport (`HttpTransport`, `BlockingHttpTransport`, `MemoryTransport`, \
         or `&`/`Arc` of one), so one client serves many concurrent calls.{}",
        b.binding.local,
        unsupported_doc(infos)
    );
    quote! {
        #[doc = #doc]
        #[derive(::std::fmt::Debug, ::std::clone::Clone)]
        pub struct Client<T> {
            transport: T,
            endpoint: ::std::string::String,
            read: #rt::xml::ReadOptions,
            timeout: ::std::option::Option<::std::time::Duration>,
            security: ::std::option::Option<#rt::soap::wsse::WsSecurity>,
            http_headers: #rt::transport::Headers,
        }

        impl<T> Client<T> {
            /// A client of [`DEFAULT_ENDPOINT`], strict, without credentials.
            pub fn new(transport: T) -> Self {
                Self {
                    transport,
                    endpoint: ::std::string::String::from(DEFAULT_ENDPOINT),
                    read: #rt::xml::ReadOptions::default(),
                    timeout: ::std::option::Option::None,
                    security: ::std::option::Option::None,
                    http_headers: #rt::transport::Headers::new(),
                }
            }

            /// Sets the endpoint every call goes to.
            pub fn with_endpoint(mut self, endpoint: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.endpoint = endpoint.into();
                self
            }

            /// Sends a WS-Security header (UsernameToken, PasswordText or PasswordDigest, fresh
            /// nonce and `Created` per message) with every call.
            pub fn with_security(mut self, security: #rt::soap::wsse::WsSecurity) -> Self {
                self.security = ::std::option::Option::Some(security);
                self
            }

            /// Strict (default) or lax decoding of responses.
            pub fn with_read_options(mut self, read: #rt::xml::ReadOptions) -> Self {
                self.read = read;
                self
            }

            /// A timeout for every call, overriding the transport's.
            pub fn with_timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.timeout = ::std::option::Option::Some(timeout);
                self
            }

            /// An extra HTTP header sent with every call (a session-affinity cookie, a
            /// tracing id); repeated names are kept.
            pub fn with_http_header(
                mut self,
                name: impl ::std::convert::Into<::std::string::String>,
                value: impl ::std::convert::Into<::std::string::String>,
            ) -> Self {
                self.http_headers.append(name, value);
                self
            }

            /// The same client (sharing the transport) calling `endpoint`: per-call endpoint
            /// override, e.g. a URL another operation returned.
            pub fn at(&self, endpoint: impl ::std::convert::Into<::std::string::String>) -> Client<&T> {
                Client {
                    transport: &self.transport,
                    endpoint: endpoint.into(),
                    read: self.read.clone(),
                    timeout: self.timeout,
                    security: self.security.clone(),
                    http_headers: self.http_headers.clone(),
                }
            }

            /// The endpoint calls go to.
            pub fn endpoint(&self) -> &str {
                &self.endpoint
            }

            /// The transport.
            pub fn transport(&self) -> &T {
                &self.transport
            }

            /// The options of one call with `soap_action`: endpoint, SOAP version, read
            /// options, timeout.
            pub fn call_options(&self, soap_action: &str) -> #rt::soap::CallOptions {
                let mut options = #rt::soap::CallOptions::new(self.endpoint.as_str(), soap_action)
                    .with_version(#version)
                    .with_read_options(self.read.clone());
                options.http_headers = self.http_headers.clone();
                match self.timeout {
                    ::std::option::Option::Some(t) => options.with_timeout(t),
                    ::std::option::Option::None => options,
                }
            }
        }

        impl<T: #rt::transport::Transport> Client<T> {
            #(#asyncs)*
        }

        impl<T: #rt::transport::BlockingTransport> Client<T> {
            #(#blockings)*
        }
    }
}

/// Statements that turn the parameters into `(name, text)` pairs named `params`.
fn param_pairs(ctx: &Ctx<'_>, i: &OpInfo<'_>) -> TokenStream {
    let rt = ctx.runtime;
    // Numbered names: a part's own name could clash with another part's text variable.
    let texts: Vec<Ident> = (0..i.params.len())
        .map(|n| ident(&format!("__text_{n}")))
        .collect();
    let writes = i.params.iter().zip(&texts).map(|((_, n, _), t)| {
        quote! {
            let mut #t = ::std::string::String::new();
            #rt::xml::XmlText::write_xml_text(#n, &mut #t);
        }
    });
    let pairs = i.params.iter().zip(&texts).map(|((wire, _, _), t)| {
        let w = lit(wire);
        quote!((#w, #t.as_str()))
    });
    quote! {
        #(#writes)*
        let params: &[(&str, &str)] = &[#(#pairs),*];
    }
}

fn emit_http_client(ctx: &Ctx<'_>, b: &BindingModel, infos: &[OpInfo<'_>]) -> TokenStream {
    let rt = ctx.runtime;
    let hb = quote!(#rt::transport::http_binding);
    let post = matches!(b.protocol, Some(Protocol::HttpPost));
    let mut asyncs = Vec::new();
    let mut blockings = Vec::new();
    for i in infos.iter().filter(|i| i.unsupported.is_none()) {
        let doc = op_doc(i);
        let (method, blocking) = (&i.method, &i.blocking);
        let location = lit(i.op.http_location.as_deref().unwrap_or(""));
        let (args, build) = match &i.http_input {
            HttpInput::Xml(t) => {
                let t = ctx.ty(t);
                (
                    quote!(input: &#t),
                    quote! {
                        let url = #hb::encode_url(&self.endpoint, #location, &[]);
                        let body = #rt::xml::to_vec(input).map_err(|e| #rt::transport::TransportError::InvalidRequest {
                            url: url.clone(),
                            message: ::std::format!("cannot encode the request: {e}"),
                        })?;
                        let mut request = #hb::post_xml_request(url.clone(), ::std::option::Option::None, body);
                    },
                )
            }
            kind => {
                let args = i.params.iter().map(|(_, n, t)| {
                    let t = ctx.ty(t);
                    quote!(#n: &#t)
                });
                let pairs = param_pairs(ctx, i);
                let url = match kind {
                    HttpInput::Replacement => quote! {
                        let url = #hb::replace_url(&self.endpoint, #location, params)?;
                    },
                    _ if post => quote! {
                        let url = #hb::encode_url(&self.endpoint, #location, &[]);
                    },
                    _ => quote! {
                        let url = #hb::encode_url(&self.endpoint, #location, params);
                    },
                };
                let request = if post {
                    let form = if matches!(kind, HttpInput::Replacement) {
                        quote!(::std::string::String::new())
                    } else {
                        quote! {{
                            let mut form = ::std::string::String::new();
                            #hb::append_query(&mut form, params);
                            form.split_off(1.min(form.len()))
                        }}
                    };
                    quote! {
                        let mut request = #rt::transport::HttpRequest::new(#rt::transport::Method::Post, url.clone())
                            .with_header("Content-Type", "application/x-www-form-urlencoded")
                            .with_header("Accept", #hb::ACCEPT_XML)
                            .with_body(#form.into_bytes());
                    }
                } else {
                    quote!(let mut request = #hb::get_request(url.clone());)
                };
                (quote!(#(#args),*), quote!(#pairs #url #request))
            }
        };
        let build = quote! {
            #build
            request.timeout = self.timeout;
        };
        match &i.output {
            None => {
                asyncs.push(quote! {
                    #doc
                    pub async fn #method(&self, #args) -> ::std::result::Result<(), #hb::HttpBindingError> {
                        #build
                        let response = #rt::transport::Transport::send(&self.transport, request).await?;
                        #hb::read_response(&url, response)?;
                        ::std::result::Result::Ok(())
                    }
                });
                blockings.push(quote! {
                    #doc
                    pub fn #blocking(&self, #args) -> ::std::result::Result<(), #hb::HttpBindingError> {
                        #build
                        let response = #rt::transport::BlockingTransport::send_blocking(&self.transport, request)?;
                        #hb::read_response(&url, response)?;
                        ::std::result::Result::Ok(())
                    }
                });
            }
            Some(out) => {
                let out = ctx.ty(out);
                asyncs.push(quote! {
                    #doc
                    pub async fn #method(&self, #args) -> ::std::result::Result<#out, #hb::HttpBindingError> {
                        #build
                        let body = #hb::send::<_, #out>(&self.transport, request, &self.read).await?;
                        #hb::require_body(&url, body)
                    }
                });
                blockings.push(quote! {
                    #doc
                    pub fn #blocking(&self, #args) -> ::std::result::Result<#out, #hb::HttpBindingError> {
                        #build
                        let body = #hb::send_blocking::<_, #out>(&self.transport, request, &self.read)?;
                        #hb::require_body(&url, body)
                    }
                });
            }
        }
    }
    let doc = format!(
        " Typed client of HTTP binding `{}` ({}): one async method per operation and a `_blocking` twin.{}",
        b.binding.local,
        if post { "POST" } else { "GET" },
        unsupported_doc(infos)
    );
    quote! {
        #[doc = #doc]
        #[derive(::std::fmt::Debug, ::std::clone::Clone)]
        pub struct Client<T> {
            transport: T,
            endpoint: ::std::string::String,
            read: #rt::xml::ReadOptions,
            timeout: ::std::option::Option<::std::time::Duration>,
        }

        impl<T> Client<T> {
            /// A client of [`DEFAULT_ENDPOINT`], strict.
            pub fn new(transport: T) -> Self {
                Self {
                    transport,
                    endpoint: ::std::string::String::from(DEFAULT_ENDPOINT),
                    read: #rt::xml::ReadOptions::default(),
                    timeout: ::std::option::Option::None,
                }
            }

            /// Sets the port address operation locations are relative to.
            pub fn with_endpoint(mut self, endpoint: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.endpoint = endpoint.into();
                self
            }

            /// Strict (default) or lax decoding of responses.
            pub fn with_read_options(mut self, read: #rt::xml::ReadOptions) -> Self {
                self.read = read;
                self
            }

            /// A timeout for every call, overriding the transport's.
            pub fn with_timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.timeout = ::std::option::Option::Some(timeout);
                self
            }

            /// The same client (sharing the transport) calling another address.
            pub fn at(&self, endpoint: impl ::std::convert::Into<::std::string::String>) -> Client<&T> {
                Client {
                    transport: &self.transport,
                    endpoint: endpoint.into(),
                    read: self.read.clone(),
                    timeout: self.timeout,
                }
            }

            /// The port address.
            pub fn endpoint(&self) -> &str {
                &self.endpoint
            }

            /// The transport.
            pub fn transport(&self) -> &T {
                &self.transport
            }
        }

        impl<T: #rt::transport::Transport> Client<T> {
            #(#asyncs)*
        }

        impl<T: #rt::transport::BlockingTransport> Client<T> {
            #(#blockings)*
        }
    }
}
