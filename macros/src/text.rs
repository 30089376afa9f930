//! `#[derive(XmlText)]`: enumerations, restricted newtypes (facets), lists and unions.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields};

use crate::attr::{self, Container, Ctxt, Facets, VariantKind};
use crate::ty::{self, Occurs};

pub fn expand(input: &DeriveInput) -> Result<TokenStream, syn::Error> {
    let mut cx = Ctxt::default();
    if !input.generics.params.is_empty() {
        cx.error(
            input.generics.span(),
            "soapstone XML derives do not support generic types",
        );
    }
    let c = Container::parse(&mut cx, &input.attrs);
    if c.root.is_some()
        || c.choice
        || c.polymorphic
        || c.group
        || c.all
        || c.mixed
        || c.lax
        || c.type_name.is_some()
        || c.array_rank_span.is_some()
    {
        cx.error(
            Span::call_site(),
            "`#[derive(XmlText)]` takes `list`, `union`, `crate` and facets only (root, choice, polymorphic, group, mixed, lax, type_name, array_rank belong to XmlRead/XmlWrite)",
        );
    }
    if let Some(span) = c.nillable {
        // Nil is a property of an element, not of a simple type: accepting the key here would
        // promise an `xsi:nil` the derive never reads or writes.
        cx.error(
            span,
            "`nillable` belongs to an element: an `#[xml(element, nillable)]` field or an `#[xml(root = .., nillable)]` global element, not to a simple type",
        );
    }
    let out = match &input.data {
        Data::Enum(e) if c.union => union(&mut cx, &c, input, e),
        Data::Enum(e) => enumeration(&mut cx, &c, input, e),
        Data::Struct(s) => newtype(&mut cx, &c, input, &s.fields),
        Data::Union(u) => {
            cx.error(
                u.union_token.span(),
                "unions are not supported; use an enum with `#[xml(union)]`",
            );
            quote!()
        }
    };
    cx.check()?;
    Ok(quote! {
        #[allow(clippy::all)] // generated code: lints are for the hand-written source
        const _: () = {
            #out
        };
    })
}

fn enumeration(
    cx: &mut Ctxt,
    c: &Container,
    input: &DeriveInput,
    e: &syn::DataEnum,
) -> TokenStream {
    let krate = &c.krate;
    let x = quote!(#krate::xml);
    let ident = &input.ident;
    if c.list || !c.facets.is_empty() {
        cx.error(
            Span::call_site(),
            "an enumeration takes no `list` or facets",
        );
    }
    let expected = format!("enumeration {ident}");
    let mut parse = Vec::new();
    let mut write = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for v in &e.variants {
        if !matches!(v.fields, Fields::Unit) {
            cx.error(
                v.span(),
                "an XmlText enumeration has unit variants only (use `#[xml(union)]` for a union)",
            );
            continue;
        }
        let value = match attr::parse_variant(cx, &v.attrs) {
            Some(VariantKind::Value(s)) => s,
            Some(VariantKind::Plain) => v.ident.to_string(),
            Some(_) => {
                cx.error(
                    v.span(),
                    "an XmlText enumeration variant takes `#[xml(value = \"...\")]` only",
                );
                continue;
            }
            None => continue,
        };
        if seen.contains(&value) {
            cx.error(v.span(), format!("duplicate enumeration value {value:?}"));
        }
        seen.push(value.clone());
        let vi = &v.ident;
        parse.push(quote!(#value => ::core::result::Result::Ok(Self::#vi),));
        write.push(quote!(Self::#vi => #value,));
    }
    quote! {
        impl #x::XmlText for #ident {
            fn from_xml_text(text: &str) -> ::core::result::Result<Self, #x::ValueError> {
                match &*#x::__private::collapse(text) {
                    #(#parse)*
                    _ => ::core::result::Result::Err(#x::ValueError::new(#expected, text)),
                }
            }
            fn write_xml_text(&self, out: &mut ::std::string::String) {
                if let ::core::option::Option::Some(__s) = #x::XmlText::as_xml_str(self) {
                    out.push_str(__s);
                }
            }
            // The value is a constant: the writer escapes it straight into its output (a
            // tagged attribute or element), without formatting it into a buffer first.
            fn as_xml_str(&self) -> ::core::option::Option<&str> {
                ::core::option::Option::Some(match self {
                    #(#write)*
                })
            }
        }
    }
}

fn union(cx: &mut Ctxt, c: &Container, input: &DeriveInput, e: &syn::DataEnum) -> TokenStream {
    let krate = &c.krate;
    let x = quote!(#krate::xml);
    let ident = &input.ident;
    if c.list || !c.facets.is_empty() {
        cx.error(
            Span::call_site(),
            "a union takes no `list` or facets (restrict its member types instead)",
        );
    }
    let expected = format!("union {ident}");
    let mut tries = Vec::new();
    let mut tries_in = Vec::new();
    let mut writes = Vec::new();
    let mut writes_in = Vec::new();
    for v in &e.variants {
        let ty = match &v.fields {
            Fields::Unnamed(u) if u.unnamed.len() == 1 => &u.unnamed[0].ty,
            _ => {
                cx.error(
                    v.span(),
                    "a union variant holds exactly one member type, e.g. `Int(i32)`",
                );
                continue;
            }
        };
        if !v.attrs.iter().all(|a| !a.path().is_ident("xml")) {
            cx.error(v.span(), "union variants take no `#[xml(...)]` attributes: the first member type that parses wins");
        }
        let vi = &v.ident;
        tries.push(quote! {
            if let ::core::result::Result::Ok(__v) = <#ty as #x::XmlText>::from_xml_text(text) {
                return ::core::result::Result::Ok(Self::#vi(__v));
            }
        });
        tries_in.push(quote! {
            if let ::core::result::Result::Ok(__v) = <#ty as #x::XmlText>::from_xml_text_in(text, scope) {
                return ::core::result::Result::Ok(Self::#vi(__v));
            }
        });
        writes.push(quote!(Self::#vi(__v) => <#ty as #x::XmlText>::write_xml_text(__v, out),));
        writes_in.push(
            quote!(Self::#vi(__v) => <#ty as #x::XmlText>::write_xml_text_in(__v, out, scope),),
        );
    }
    quote! {
        impl #x::XmlText for #ident {
            fn from_xml_text(text: &str) -> ::core::result::Result<Self, #x::ValueError> {
                #(#tries)*
                ::core::result::Result::Err(#x::ValueError::new(#expected, text))
            }
            fn from_xml_text_in(
                text: &str,
                scope: &dyn #x::NamespaceScope,
            ) -> ::core::result::Result<Self, #x::ValueError> {
                #(#tries_in)*
                ::core::result::Result::Err(#x::ValueError::new(#expected, text))
            }
            fn write_xml_text(&self, out: &mut ::std::string::String) {
                match self {
                    #(#writes)*
                }
            }
            fn write_xml_text_in(&self, out: &mut ::std::string::String, scope: &mut dyn #x::PrefixScope) {
                match self {
                    #(#writes_in)*
                }
            }
        }
    }
}

fn newtype(cx: &mut Ctxt, c: &Container, input: &DeriveInput, fields: &Fields) -> TokenStream {
    let krate = &c.krate;
    let x = quote!(#krate::xml);
    let ident = &input.ident;
    let field = match fields {
        Fields::Unnamed(u) if u.unnamed.len() == 1 => &u.unnamed[0],
        _ => {
            cx.error(
                input.ident.span(),
                "an XmlText struct is a newtype `struct Name(Inner);` (or `struct Name(Vec<Item>);` with `#[xml(list)]`)",
            );
            return quote!();
        }
    };
    let ty = &field.ty;
    let name = ident.to_string();
    let (parse, parse_in, write, write_in) = if c.list {
        let shape = ty::shape(ty);
        if shape.occurs != Occurs::Vec || shape.boxed {
            cx.error(
                ty.span(),
                "a `list` newtype holds `Vec<Item>` with `Item: XmlText`",
            );
            return quote!();
        }
        let item = &shape.inner;
        (
            quote! {
                let __items = #x::__private::list_items(text)
                    .map(<#item as #x::XmlText>::from_xml_text)
                    .collect::<::core::result::Result<::std::vec::Vec<#item>, #x::ValueError>>()?;
                __check(__items)
            },
            quote! {
                let __items = #x::__private::list_items(text)
                    .map(|__s| <#item as #x::XmlText>::from_xml_text_in(__s, scope))
                    .collect::<::core::result::Result<::std::vec::Vec<#item>, #x::ValueError>>()?;
                __check(__items)
            },
            quote! {
                for (__i, __v) in self.0.iter().enumerate() {
                    if __i > 0 {
                        out.push(' ');
                    }
                    <#item as #x::XmlText>::write_xml_text(__v, out);
                }
            },
            quote! {
                for (__i, __v) in self.0.iter().enumerate() {
                    if __i > 0 {
                        out.push(' ');
                    }
                    <#item as #x::XmlText>::write_xml_text_in(__v, out, scope);
                }
            },
        )
    } else {
        (
            quote!(__check(<#ty as #x::XmlText>::from_xml_text(text)?)),
            quote!(__check(<#ty as #x::XmlText>::from_xml_text_in(text, scope)?)),
            quote!(<#ty as #x::XmlText>::write_xml_text(&self.0, out);),
            quote!(<#ty as #x::XmlText>::write_xml_text_in(&self.0, out, scope);),
        )
    };
    let checks = facet_checks(cx, c, &c.facets, ty, &name);
    quote! {
        fn __check(__v: #ty) -> ::core::result::Result<#ident, #x::ValueError> {
            #checks
            ::core::result::Result::Ok(#ident(__v))
        }

        impl #x::XmlText for #ident {
            fn from_xml_text(text: &str) -> ::core::result::Result<Self, #x::ValueError> {
                #parse
            }
            fn from_xml_text_in(
                text: &str,
                scope: &dyn #x::NamespaceScope,
            ) -> ::core::result::Result<Self, #x::ValueError> {
                #parse_in
            }
            fn write_xml_text(&self, out: &mut ::std::string::String) {
                #write
            }
            fn write_xml_text_in(&self, out: &mut ::std::string::String, scope: &mut dyn #x::PrefixScope) {
                #write_in
            }
        }

        impl ::core::convert::TryFrom<#ty> for #ident {
            type Error = #x::ValueError;
            /// Checks the facets.
            fn try_from(v: #ty) -> ::core::result::Result<Self, #x::ValueError> {
                __check(v)
            }
        }
    }
}

fn facet_checks(
    cx: &mut Ctxt,
    c: &Container,
    f: &Facets,
    ty: &syn::Type,
    name: &str,
) -> TokenStream {
    let krate = &c.krate;
    let x = quote!(#krate::xml);
    let mut out = Vec::new();
    let text_of = quote!(#x::__private::canonical(&__v));
    let len = if c.list {
        quote!(__v.len())
    } else {
        quote!(#x::__private::canonical(&__v).chars().count())
    };
    let fail = |detail: TokenStream| {
        let shown = if c.list {
            quote!(&::std::format!("{} items", __v.len()))
        } else {
            quote!(&#text_of)
        };
        quote!(return ::core::result::Result::Err(#x::__private::facet_error(#name, #shown, #detail));)
    };
    if let Some(n) = f.length {
        let n = n as usize;
        let e = fail(quote!(::std::format!("length must be {}", #n)));
        out.push(quote!(if #len != #n { #e }));
    }
    if let Some(n) = f.min_length {
        let n = n as usize;
        let e = fail(quote!(::std::format!("length must be at least {}", #n)));
        out.push(quote!(if #len < #n { #e }));
    }
    if let Some(n) = f.max_length {
        let n = n as usize;
        let e = fail(quote!(::std::format!("length must be at most {}", #n)));
        out.push(quote!(if #len > #n { #e }));
    }
    let bounds = [
        (&f.min_inclusive, quote!(>=), ">="),
        (&f.max_inclusive, quote!(<=), "<="),
        (&f.min_exclusive, quote!(>), ">"),
        (&f.max_exclusive, quote!(<), "<"),
    ];
    for (lit, op, sym) in bounds {
        let Some(lit) = lit else { continue };
        if c.list {
            cx.error(
                Span::call_site(),
                "value bounds apply to atomic types, not lists",
            );
            continue;
        }
        let detail = format!("must be {sym} {lit}");
        let e = fail(quote!(::std::string::String::from(#detail)));
        out.push(quote! {
            match <#ty as #x::XmlText>::from_xml_text(#lit) {
                ::core::result::Result::Ok(__b) => {
                    if !(__v #op __b) { #e }
                }
                ::core::result::Result::Err(__e) => {
                    return ::core::result::Result::Err(__e.with_detail("invalid facet literal in the type definition"));
                }
            }
        });
    }
    if f.total_digits.is_some() || f.fraction_digits.is_some() {
        let mut ds = vec![quote!(let (__total, __fraction) = #x::__private::digits(&#text_of);)];
        if let Some(n) = f.total_digits {
            let n = n as u32;
            let e = fail(quote!(::std::format!("at most {} digits", #n)));
            ds.push(quote!(if __total > #n { #e }));
        }
        if let Some(n) = f.fraction_digits {
            let n = n as u32;
            let e = fail(quote!(::std::format!("at most {} fraction digits", #n)));
            ds.push(quote!(if __fraction > #n { #e }));
        }
        out.push(quote!({ #(#ds)* }));
    }
    for p in &f.patterns {
        let anchored = format!("^(?:{})$", xsd_regex(&p.value()));
        if let Err(e) = regex_syntax::Parser::new().parse(&anchored) {
            cx.error(
                p.span(),
                format!("pattern is not a supported regular expression: {e}"),
            );
        }
        let detail = format!("must match pattern {}", p.value());
        let e = fail(quote!(::std::string::String::from(#detail)));
        out.push(quote! {
            {
                static __RE: ::std::sync::OnceLock<#x::__private::Regex> = ::std::sync::OnceLock::new();
                let __re = __RE.get_or_init(|| #x::__private::regex(#anchored));
                if !__re.is_match(&#text_of) { #e }
            }
        });
    }
    quote!(#(#out)*)
}

/// Translates the XSD regex dialect to the `regex` crate's: XSD patterns are implicitly
/// anchored (done by the caller) and have the name classes `\i`, `\c` (approximated by their
/// ASCII + any-non-ASCII sets).
fn xsd_regex(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    let mut chars = p.chars().peekable();
    while let Some(ch) = chars.next() {
        if ch == '\\' {
            match chars.next() {
                Some('i') => out.push_str(r"[A-Za-z_:\x{80}-\x{10FFFF}]"),
                Some('I') => out.push_str(r"[^A-Za-z_:\x{80}-\x{10FFFF}]"),
                Some('c') => out.push_str(r"[-A-Za-z0-9._:\x{80}-\x{10FFFF}]"),
                Some('C') => out.push_str(r"[^-A-Za-z0-9._:\x{80}-\x{10FFFF}]"),
                Some(o) => {
                    out.push('\\');
                    out.push(o);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(ch);
        }
    }
    out
}
