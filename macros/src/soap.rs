//! `#[derive(SoapHeaders)]` and `#[derive(SoapEnvelope)]`: typed header sets and whole SOAP
//! messages. The derives only check the `#[soap(...)]` attributes and glue the fields to the
//! runtime (`soapstone::soap::{encode, decode_response, write_header_field, ...}`); every SOAP
//! rule lives in the runtime. Misuse is collected and reported at once, each at its own span.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, Ident, Lit, LitStr, Path, Type};

use crate::attr::Ctxt;
use crate::ty::{self, Occurs};

/// One `key` or `key = "literal"` inside `#[soap(...)]`.
struct Item {
    key: Ident,
    value: Option<LitStr>,
}

fn parse_items(cx: &mut Ctxt, attrs: &[syn::Attribute]) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    for attr in attrs {
        if !attr.path().is_ident("soap") {
            continue;
        }
        let r = attr.parse_nested_meta(|meta| {
            let Some(key) = meta.path.get_ident().cloned() else {
                return Err(meta.error("expected a plain key such as `header`"));
            };
            let value = if meta.input.peek(syn::Token![=]) {
                match meta.value()?.parse::<Lit>()? {
                    Lit::Str(s) => Some(s),
                    other => {
                        cx.error(other.span(), format!("`{key}` takes a string literal"));
                        None
                    }
                }
            } else {
                None
            };
            if items.iter().any(|i| i.key == key) {
                cx.error(key.span(), format!("duplicate soap attribute `{key}`"));
            }
            items.push(Item { key, value });
            Ok(())
        });
        if let Err(e) = r {
            cx.error(e.span(), e);
        }
    }
    items
}

fn check_keys(cx: &mut Ctxt, items: &[Item], flags: &[&str], valued: &[&str], place: &str) {
    for item in items {
        let k = item.key.to_string();
        if flags.contains(&k.as_str()) {
            if let Some(v) = &item.value {
                cx.error(v.span(), format!("`{k}` is a flag and takes no value"));
            }
        } else if valued.contains(&k.as_str()) {
            if item.value.is_none() {
                cx.error(
                    item.key.span(),
                    format!("`{k}` needs a value: `{k} = \"...\"`"),
                );
            }
        } else {
            let mut expected: Vec<String> = flags.iter().map(|f| format!("`{f}`")).collect();
            expected.extend(valued.iter().map(|v| format!("`{v} = \"...\"`")));
            cx.error(
                item.key.span(),
                format!(
                    "unknown soap attribute `{k}` on {place}; expected one of: {}",
                    expected.join(", ")
                ),
            );
        }
    }
}

fn find<'a>(items: &'a [Item], key: &str) -> Option<&'a Item> {
    items.iter().find(|i| i.key == key)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Version {
    V11,
    V12,
}

/// A header block field: `T`, `Option<T>` or `Vec<T>` with its SOAP attributes.
struct HeaderField {
    ident: Ident,
    occurs: Occurs,
    inner: Type,
    must_understand: bool,
    role: Option<LitStr>,
    relay: bool,
}

/// What a field of a derived struct is.
enum FieldKind {
    Header(HeaderField),
    /// A `SoapHeaders` set (envelopes only).
    Set {
        ident: Ident,
        ty: Type,
    },
}

fn crate_path(cx: &mut Ctxt, items: &[Item]) -> Path {
    match find(items, "crate").and_then(|i| i.value.as_ref()) {
        Some(lit) => match lit.parse::<Path>() {
            Ok(p) => p,
            Err(_) => {
                cx.error(lit.span(), "`crate` must be a path such as `::soapstone`");
                syn::parse_quote!(::soapstone)
            }
        },
        None => syn::parse_quote!(::soapstone),
    }
}

/// The named fields of a non-generic struct, or an error at the right place.
fn named_fields<'a>(cx: &mut Ctxt, input: &'a DeriveInput, derive: &str) -> Vec<&'a syn::Field> {
    if !input.generics.params.is_empty() {
        cx.error(
            input.generics.span(),
            format!("{derive} does not support generic parameters"),
        );
    }
    match &input.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(f) => f.named.iter().collect(),
            _ => {
                cx.error(
                    input.ident.span(),
                    format!("{derive} needs a struct with named fields"),
                );
                Vec::new()
            }
        },
        _ => {
            cx.error(
                input.ident.span(),
                format!("{derive} applies to structs only"),
            );
            Vec::new()
        }
    }
}

/// Reads the header attributes of a field (`must_understand`, `actor`/`role`, `relay`),
/// checking them against the envelope's version when there is one.
fn header_field(
    cx: &mut Ctxt,
    field: &syn::Field,
    items: &[Item],
    version: Option<Version>,
    allow_one: bool,
) -> HeaderField {
    let ident = field.ident.clone().unwrap_or_else(|| format_ident!("_"));
    let shape = ty::shape(&field.ty);
    if shape.boxed {
        cx.error(
            field.ty.span(),
            "a header block field is `T`, `Option<T>` or `Vec<T>` (no `Box`)",
        );
    }
    if shape.occurs == Occurs::One && !allow_one {
        cx.error(
            field.ty.span(),
            "a field of a header set is `Option<T>` or `Vec<T>`: SOAP header blocks may be absent \
             (a required block is a `#[soap(header)]` field of a `SoapEnvelope`)",
        );
    }
    let actor = find(items, "actor");
    let role_item = find(items, "role");
    if let (Some(_), Some(r)) = (actor, role_item) {
        cx.error(
            r.key.span(),
            "`actor` (SOAP 1.1) and `role` (SOAP 1.2) are the same attribute: give one",
        );
    }
    match version {
        Some(Version::V12) => {
            if let Some(a) = actor {
                cx.error(
                    a.key.span(),
                    "`actor` is the SOAP 1.1 attribute; this envelope is SOAP 1.2: use `role`",
                );
            }
        }
        Some(Version::V11) => {
            if let Some(r) = role_item {
                cx.error(
                    r.key.span(),
                    "`role` is the SOAP 1.2 attribute; this envelope is SOAP 1.1: use `actor`",
                );
            }
            if let Some(r) = find(items, "relay") {
                cx.error(r.key.span(), "`relay` exists only in SOAP 1.2");
            }
        }
        None => {}
    }
    let role = actor.or(role_item).and_then(|i| i.value.clone());
    if let Some(r) = &role
        && r.value().trim().is_empty()
    {
        cx.error(
            r.span(),
            "an empty actor/role targets the ultimate receiver: leave the attribute out",
        );
    }
    HeaderField {
        ident,
        occurs: shape.occurs,
        inner: shape.inner,
        must_understand: find(items, "must_understand").is_some(),
        role,
        relay: find(items, "relay").is_some(),
    }
}

// ----- code shared by both derives ------------------------------------------------------------

/// Statements writing every present block of `fields`, reading them from `#acc.field`.
fn write_stmts(krate: &Path, fields: &[FieldKind], acc: &TokenStream) -> TokenStream {
    let stmts = fields.iter().map(|f| match f {
        FieldKind::Header(h) => {
            let ident = &h.ident;
            let inner = &h.inner;
            let write = if h.must_understand || h.role.is_some() || h.relay {
                let mu = h.must_understand;
                let relay = h.relay;
                let role = match &h.role {
                    Some(r) => quote!(::core::option::Option::Some(#r)),
                    None => quote!(::core::option::Option::None),
                };
                quote_spanned! {inner.span()=>
                    #krate::soap::write_header_field::<#inner>(
                        __v, __w, __version, #mu, #role, #relay,
                    )?;
                }
            } else {
                quote_spanned! {inner.span()=>
                    <#inner as #krate::soap::WriteHeader>::write_header(__v, __w, __version)?;
                }
            };
            match h.occurs {
                Occurs::One => quote! { { let __v = &#acc.#ident; #write } },
                Occurs::Opt => {
                    quote! { if let ::core::option::Option::Some(__v) = &#acc.#ident { #write } }
                }
                Occurs::Vec => quote! { for __v in &#acc.#ident { #write } },
            }
        }
        FieldKind::Set { ident, ty } => quote_spanned! {ty.span()=>
            if #krate::soap::SoapHeaderSet::block_count(&#acc.#ident) > 0 {
                <#ty as #krate::soap::WriteHeader>::write_header(&#acc.#ident, __w, __version)?;
            }
        },
    });
    quote! { #(#stmts)* }
}

/// An expression counting the blocks `write_stmts` writes.
fn count_expr(krate: &Path, fields: &[FieldKind], acc: &TokenStream) -> TokenStream {
    let terms = fields.iter().map(|f| match f {
        FieldKind::Header(h) => {
            let ident = &h.ident;
            match h.occurs {
                Occurs::One => quote!(1usize),
                Occurs::Opt => quote!(usize::from(#acc.#ident.is_some())),
                Occurs::Vec => quote!(#acc.#ident.len()),
            }
        }
        FieldKind::Set { ident, .. } => {
            quote!(#krate::soap::SoapHeaderSet::block_count(&#acc.#ident))
        }
    });
    quote! { { let mut __n = 0usize; #( __n += #terms; )* __n } }
}

/// The body of `ReadHeaders::read_header` for a struct whose header fields are `Option<T>` or
/// `Vec<T>` (required fields are read into an `Option` and checked afterwards).
fn read_body(krate: &Path, fields: &[FieldKind]) -> TokenStream {
    let arms = fields.iter().map(|f| match f {
        FieldKind::Header(h) => {
            let ident = &h.ident;
            let inner = &h.inner;
            let role = match &h.role {
                Some(r) => quote!(::core::option::Option::Some(#r)),
                None => quote!(::core::option::Option::None),
            };
            let take = match h.occurs {
                Occurs::One | Occurs::Opt => quote! {
                    if self.#ident.is_some() {
                        return ::core::result::Result::Err(__r.duplicate_element(__start));
                    }
                    self.#ident = ::core::option::Option::Some(
                        <#inner as #krate::xml::XmlRead>::read_xml(__r, __start)?,
                    );
                },
                Occurs::Vec => quote! {
                    self.#ident.push(<#inner as #krate::xml::XmlRead>::read_xml(__r, __start)?);
                },
            };
            quote_spanned! {inner.span()=>
                if __start.matches(<#inner as #krate::xml::XmlRoot>::NAME)
                    && #krate::soap::header_field_takes(__attrs, #role)
                {
                    if !<#inner as #krate::xml::XmlRoot>::NILLABLE {
                        #krate::xml::__private::check_not_nil(__r, __start)?;
                    }
                    #take
                    return ::core::result::Result::Ok(true);
                }
            }
        }
        FieldKind::Set { ident, ty } => quote_spanned! {ty.span()=>
            if <#ty as #krate::soap::ReadHeaders>::read_header(&mut self.#ident, __r, __start, __attrs)? {
                return ::core::result::Result::Ok(true);
            }
        },
    });
    quote! {
        #(#arms)*
        ::core::result::Result::Ok(false)
    }
}

fn read_headers_impl(krate: &Path, name: &TokenStream, fields: &[FieldKind]) -> TokenStream {
    let body = read_body(krate, fields);
    quote! {
        impl #krate::soap::ReadHeaders for #name {
            fn read_header(
                &mut self,
                __r: &mut #krate::xml::XmlReader<'_>,
                __start: &#krate::xml::StartTag<'_>,
                __attrs: &#krate::soap::HeaderAttributes,
            ) -> ::core::result::Result<bool, #krate::xml::DecodeError> {
                #body
            }
        }
    }
}

fn write_header_impl(
    krate: &Path,
    name: &TokenStream,
    fields: &[FieldKind],
    acc: &TokenStream,
) -> TokenStream {
    let writes = write_stmts(krate, fields, acc);
    quote! {
        impl #krate::soap::WriteHeader for #name {
            fn write_header(
                &self,
                __w: &mut #krate::xml::XmlWriter,
                __version: #krate::soap::SoapVersion,
            ) -> ::core::result::Result<(), #krate::xml::EncodeError> {
                #writes
                ::core::result::Result::Ok(())
            }
        }
    }
}

// ----- SoapHeaders ----------------------------------------------------------------------------

pub fn expand_headers(input: &DeriveInput) -> Result<TokenStream, syn::Error> {
    let mut cx = Ctxt::default();
    let container = parse_items(&mut cx, &input.attrs);
    check_keys(&mut cx, &container, &[], &["crate"], "a SoapHeaders struct");
    let krate = crate_path(&mut cx, &container);
    let mut fields = Vec::new();
    for field in named_fields(&mut cx, input, "SoapHeaders") {
        let items = parse_items(&mut cx, &field.attrs);
        check_keys(
            &mut cx,
            &items,
            &["must_understand", "relay"],
            &["actor", "role"],
            "a header field",
        );
        fields.push(FieldKind::Header(header_field(
            &mut cx, field, &items, None, false,
        )));
    }
    cx.check()?;
    let ident = &input.ident;
    let name = quote!(#ident);
    let write = write_header_impl(&krate, &name, &fields, &quote!(self));
    let read = read_headers_impl(&krate, &name, &fields);
    let count = count_expr(&krate, &fields, &quote!(self));
    Ok(quote! {
        #write
        #read
        impl #krate::soap::SoapHeaderSet for #name {
            fn block_count(&self) -> usize {
                #count
            }
        }
    })
}

// ----- SoapEnvelope ---------------------------------------------------------------------------

pub fn expand_envelope(input: &DeriveInput) -> Result<TokenStream, syn::Error> {
    let mut cx = Ctxt::default();
    let container = parse_items(&mut cx, &input.attrs);
    check_keys(
        &mut cx,
        &container,
        &[],
        &["crate", "version", "fault"],
        "a SoapEnvelope struct",
    );
    let krate = crate_path(&mut cx, &container);
    let version = match find(&container, "version") {
        Some(Item { value: Some(v), .. }) => match v.value().as_str() {
            "1.1" => Some(Version::V11),
            "1.2" => Some(Version::V12),
            other => {
                cx.error(
                    v.span(),
                    format!("unsupported SOAP version \"{other}\": expected \"1.1\" or \"1.2\""),
                );
                None
            }
        },
        // A `version` without a value was reported by `check_keys`.
        Some(_) => None,
        None => {
            cx.error(
                input.ident.span(),
                "missing `#[soap(version = \"1.1\")]` or `#[soap(version = \"1.2\")]`",
            );
            None
        }
    };
    let fault: Type = match find(&container, "fault").and_then(|i| i.value.as_ref()) {
        Some(lit) => match lit.parse::<Type>() {
            Ok(t) => t,
            Err(_) => {
                cx.error(
                    lit.span(),
                    "`fault` must name a type such as `my::FaultDetail`",
                );
                syn::parse_quote!(#krate::soap::NoDetail)
            }
        },
        None => syn::parse_quote!(#krate::soap::NoDetail),
    };

    let mut body: Option<(Ident, Type)> = None;
    let mut fields = Vec::new();
    let mut seen_set = false;
    for field in named_fields(&mut cx, input, "SoapEnvelope") {
        let items = parse_items(&mut cx, &field.attrs);
        check_keys(
            &mut cx,
            &items,
            &["body", "header", "headers", "must_understand", "relay"],
            &["actor", "role"],
            "a SoapEnvelope field",
        );
        let ident = field.ident.clone().unwrap_or_else(|| format_ident!("_"));
        let kinds: Vec<&Item> = ["body", "header", "headers"]
            .iter()
            .filter_map(|k| find(&items, k))
            .collect();
        if kinds.len() > 1 {
            cx.error(
                kinds[1].key.span(),
                "a field is one of `body`, `header` or `headers`, not several",
            );
        }
        let Some(kind) = kinds.first() else {
            cx.error(
                ident.span(),
                "every field of a SoapEnvelope needs `#[soap(body)]`, `#[soap(header)]` or \
                 `#[soap(headers)]`",
            );
            continue;
        };
        let header_attrs: Vec<&Item> = ["must_understand", "actor", "role", "relay"]
            .iter()
            .filter_map(|k| find(&items, k))
            .collect();
        let shape = ty::shape(&field.ty);
        match kind.key.to_string().as_str() {
            "body" => {
                for a in &header_attrs {
                    cx.error(
                        a.key.span(),
                        format!("`{}` applies to header blocks, not to the body", a.key),
                    );
                }
                if shape.occurs != Occurs::One || shape.boxed {
                    cx.error(
                        field.ty.span(),
                        "the body payload is exactly one element: its type is `T`, not an \
                         `Option`, `Vec` or `Box`",
                    );
                }
                if body.is_some() {
                    cx.error(
                        kind.key.span(),
                        "a second `#[soap(body)]` field: an envelope has one body payload",
                    );
                } else {
                    body = Some((ident, field.ty.clone()));
                }
            }
            "header" => {
                fields.push(FieldKind::Header(header_field(
                    &mut cx, field, &items, version, true,
                )));
            }
            _ => {
                for a in &header_attrs {
                    cx.error(
                        a.key.span(),
                        format!(
                            "`{}` goes on the fields of the SoapHeaders struct, not on a \
                             `#[soap(headers)]` field",
                            a.key
                        ),
                    );
                }
                if shape.occurs != Occurs::One || shape.boxed {
                    cx.error(
                        field.ty.span(),
                        "a `#[soap(headers)]` field has a `SoapHeaders` type itself (its fields \
                         are the optional blocks)",
                    );
                }
                if seen_set {
                    cx.error(
                        kind.key.span(),
                        "a second `#[soap(headers)]` field: an envelope has one header set",
                    );
                }
                seen_set = true;
                fields.push(FieldKind::Set {
                    ident,
                    ty: field.ty.clone(),
                });
            }
        }
    }
    if body.is_none() && matches!(input.data, Data::Struct(_)) {
        cx.error(
            input.ident.span(),
            "a SoapEnvelope needs one `#[soap(body)]` field (the body payload)",
        );
    }
    cx.check()?;
    let (Some(version), Some((body_ident, body_ty))) = (version, body) else {
        // Both were reported above; `check` returned the errors.
        return Err(syn::Error::new(input.ident.span(), "invalid SoapEnvelope"));
    };

    let ident = &input.ident;
    let version_tokens = match version {
        Version::V11 => quote!(#krate::soap::SoapVersion::Soap11),
        Version::V12 => quote!(#krate::soap::SoapVersion::Soap12),
    };
    let write_impl = write_header_impl(&krate, &quote!(__Headers<'_>), &fields, &quote!(self.0));
    let count = count_expr(&krate, &fields, &quote!(self));
    let read_impl = read_headers_impl(&krate, &quote!(__Read), &fields);
    let partial_fields = fields.iter().map(|f| match f {
        FieldKind::Header(h) => {
            let (ident, inner) = (&h.ident, &h.inner);
            match h.occurs {
                Occurs::Vec => quote!(#ident: ::std::vec::Vec<#inner>),
                Occurs::One | Occurs::Opt => quote!(#ident: ::core::option::Option<#inner>),
            }
        }
        FieldKind::Set { ident, ty } => quote!(#ident: #ty),
    });
    let assign = fields.iter().map(|f| match f {
        FieldKind::Header(h) => {
            let (ident, inner) = (&h.ident, &h.inner);
            match h.occurs {
                Occurs::One => quote! {
                    #ident: __h.#ident.ok_or_else(|| #krate::soap::MessageError::MissingHeader {
                        header: ::std::string::ToString::to_string(
                            &<#inner as #krate::xml::XmlRoot>::NAME,
                        ),
                    })?
                },
                Occurs::Opt | Occurs::Vec => quote!(#ident: __h.#ident),
            }
        }
        FieldKind::Set { ident, .. } => quote!(#ident: __h.#ident),
    });
    let body_check = quote_spanned! {body_ty.span()=>
        #krate::soap::encode::<#body_ty>(Self::SOAP_VERSION, &__list, &self.#body_ident)
    };

    Ok(quote! {
        impl #ident {
            /// The SOAP version of this message's envelope.
            pub const SOAP_VERSION: #krate::soap::SoapVersion = #version_tokens;

            /// Writes the whole envelope: the header blocks in field order (no `Header`
            /// element when there is none), then the body payload.
            pub fn to_xml(
                &self,
            ) -> ::core::result::Result<::std::vec::Vec<u8>, #krate::xml::EncodeError> {
                struct __Headers<'a>(&'a #ident);
                #write_impl
                let __headers = __Headers(self);
                let __count: usize = #count;
                let __list: ::std::vec::Vec<&dyn #krate::soap::WriteHeader> = if __count == 0 {
                    ::std::vec::Vec::new()
                } else {
                    ::std::vec![&__headers]
                };
                #body_check
            }

            /// Reads an envelope of this message's SOAP version. A `Fault` in the body comes
            /// back as [`MessageError::Fault`] with its detail typed.
            pub fn from_xml(
                bytes: &[u8],
                opts: &#krate::xml::ReadOptions,
            ) -> ::core::result::Result<Self, #krate::soap::MessageError<#fault>> {
                #[derive(::core::default::Default)]
                struct __Read {
                    #(#partial_fields,)*
                }
                #read_impl
                let __env = #krate::soap::decode_response::<__Read, #body_ty, #fault>(
                    bytes,
                    ::core::option::Option::Some(Self::SOAP_VERSION),
                    opts,
                )?;
                let __h = __env.headers;
                match __env.body {
                    #krate::soap::Body::Fault(__f) => ::core::result::Result::Err(
                        #krate::soap::MessageError::Fault(::std::boxed::Box::new(__f)),
                    ),
                    #krate::soap::Body::Payload(__body) => ::core::result::Result::Ok(Self {
                        #body_ident: __body,
                        #(#assign,)*
                    }),
                }
            }
        }
    })
}
