//! `#[derive(XmlWrite)]`: `XmlWrite` (and `XmlContentWrite` for content models).

use proc_macro2::TokenStream;
use quote::quote;

use crate::attr::{FieldKind, VariantKind};
use crate::model::{Body, Field, Model, Variant, qname};
use crate::ty::Occurs;

pub fn expand(m: &Model) -> TokenStream {
    let body = match &m.body {
        Body::Struct(fields) => struct_write(m, fields),
        Body::Choice(vars) => choice_write(m, vars),
        Body::Polymorphic(vars) => poly_write(m, vars),
        Body::Nillable(ty) => crate::read::nillable_write(m, ty),
    };
    quote! {
        #[allow(clippy::all)] // generated code: lints are for the hand-written source
        const _: () = {
            #body
        };
    }
}

/// What collecting field `f`'s namespaces takes: the namespaces of its own name, whether it
/// can write `xsi:nil`, and the collection of its type.
fn collect_field(m: &Model, f: &Field) -> (Option<String>, bool, TokenStream) {
    let krate = m.krate();
    let x = quote!(#krate::xml);
    let inner = &f.shape.inner;
    match &f.kind {
        FieldKind::Element { ns, nillable, .. } => (
            Some(ns.clone()),
            *nillable,
            quote!(<#inner as #x::XmlWrite>::collect_namespaces(__c);),
        ),
        FieldKind::Attribute { ns, .. } => (Some(ns.clone()), false, quote!()),
        FieldKind::Flatten | FieldKind::Choice => (
            None,
            false,
            quote!(<#inner as #x::XmlContentWrite>::collect_namespaces(__c);),
        ),
        _ => (None, false, quote!()),
    }
}

/// The statements collecting the namespaces of `fields` (after `leading`, the container's
/// own): each namespace added once, however many fields share it.
fn collect_fields(m: &Model, fields: &[Field], leading: &[String]) -> TokenStream {
    let krate = m.krate();
    let mut seen: Vec<String> = Vec::new();
    let mut xsi = false;
    let mut nested = Vec::new();
    for ns in leading {
        if !seen.contains(ns) {
            seen.push(ns.clone());
        }
    }
    for f in fields {
        let (ns, nil, types) = collect_field(m, f);
        if let Some(ns) = ns
            && !seen.contains(&ns)
        {
            seen.push(ns);
        }
        xsi |= nil;
        nested.push(types);
    }
    let xsi = xsi.then(|| quote!(__c.add(#krate::xml::XSI_NS);));
    quote! {
        #(__c.add(#seen);)*
        #xsi
        #(#nested)*
    }
}

fn write_field(m: &Model, f: &Field) -> TokenStream {
    let krate = m.krate();
    let x = quote!(#krate::xml);
    let member = &f.member;
    let inner = &f.shape.inner;
    let one = match &f.kind {
        FieldKind::Element { local, ns, .. } => {
            let tag = element_tag(krate, ns, local);
            quote!(#x::__private::write_element_tagged::<#inner>(__v, w, #tag)?;)
        }
        FieldKind::Flatten | FieldKind::Choice => {
            quote!(<#inner as #x::XmlContentWrite>::write_content(__v, w)?;)
        }
        FieldKind::Any { .. } => quote!(#x::AnyElement::write(__v, w)?;),
        _ => return quote!(),
    };
    // Optional and repeated fields go through generic helpers (one instance per field type)
    // instead of a loop or `if let` per field: a smaller expansion for large schemas.
    let p = quote!(#x::__private);
    match (&f.kind, f.shape.occurs) {
        (FieldKind::Element { local, ns, .. }, Occurs::Opt) => {
            let tag = element_tag(krate, ns, local);
            quote!(#p::write_opt_tagged::<#inner, _>(&self.#member, w, #tag)?;)
        }
        (FieldKind::Element { local, ns, .. }, Occurs::Vec) => {
            let tag = element_tag(krate, ns, local);
            quote!(#p::write_each_tagged::<#inner, _>(&self.#member, w, #tag)?;)
        }
        (FieldKind::Flatten | FieldKind::Choice, Occurs::Opt) => {
            quote!(#p::write_content_opt::<#inner, _>(&self.#member, w)?;)
        }
        (FieldKind::Flatten | FieldKind::Choice, Occurs::Vec) => {
            quote!(#p::write_content_each::<#inner, _>(&self.#member, w)?;)
        }
        (FieldKind::Any { .. }, Occurs::Vec) => quote!(#p::write_any_each(&self.#member, w)?;),
        (_, Occurs::One) => quote! { { let __v = &self.#member; #one } },
        (_, Occurs::Opt) => quote! {
            if let ::core::option::Option::Some(__v) = &self.#member { #one }
        },
        (_, Occurs::Vec) => quote! {
            for __v in &self.#member { #one }
        },
    }
}

/// A `&'static ElementTag` expression: the element name prepared once, at compile time, for
/// the writer's fixed-size tag copies.
fn element_tag(krate: &syn::Path, ns: &str, local: &str) -> TokenStream {
    quote!({
        static __TAG: #krate::xml::ElementTag = #krate::xml::ElementTag::new(#ns, #local);
        &__TAG
    })
}

fn struct_write(m: &Model, fields: &[Field]) -> TokenStream {
    let krate = m.krate();
    let x = quote!(#krate::xml);
    let ident = &m.ident;
    let attrs = fields.iter().map(|f| match &f.kind {
        FieldKind::Attribute { local, ns, .. } => {
            let member = &f.member;
            let tag = quote!({
                static __TAG: #x::AttributeTag = #x::AttributeTag::new(#ns, #local);
                &__TAG
            });
            if f.shape.occurs == Occurs::Opt {
                quote!(#x::__private::write_attribute_opt(w, #tag, &self.#member)?;)
            } else {
                quote!(w.attribute_tagged(#tag, &self.#member)?;)
            }
        }
        FieldKind::AnyAttribute => {
            let member = &f.member;
            quote!(#x::__private::write_any_attributes(w, &self.#member)?;)
        }
        _ => quote!(),
    });
    let content: Vec<TokenStream> = fields
        .iter()
        .map(|f| match &f.kind {
            FieldKind::Text => {
                let member = &f.member;
                quote!(w.text_value(&self.#member)?;)
            }
            FieldKind::Mixed => {
                let member = &f.member;
                quote! {
                    for __n in &self.#member {
                        __n.write(w)?;
                    }
                }
            }
            _ => write_field(m, f),
        })
        .collect();
    let type_ns = m.container.type_ns.clone().unwrap_or_default();
    let root_ns = m.container.ns.clone().unwrap_or_default();
    let content_collect = collect_fields(m, fields, &[]);
    let pure = m.is_pure_content();
    let content_impl = if pure {
        quote! {
            impl #x::XmlContentWrite for #ident {
                fn write_content(&self, w: &mut #x::XmlWriter) -> ::core::result::Result<(), #x::EncodeError> {
                    #(#content)*
                    ::core::result::Result::Ok(())
                }
                fn collect_namespaces(__c: &mut #x::NamespaceCollector) {
                    if !__c.enter::<(#ident, ())>() {
                        return;
                    }
                    #content_collect
                }
            }
        }
    } else {
        quote!()
    };
    // A pure content model writes and collects through its `XmlContentWrite` impl rather than
    // a second copy of the same per-field code.
    let (rest, collect) = if pure {
        (
            quote!(<#ident as #x::XmlContentWrite>::write_content(self, w)?;),
            quote! {
                __c.add(#root_ns);
                __c.add(#type_ns);
                <#ident as #x::XmlContentWrite>::collect_namespaces(__c);
            },
        )
    } else {
        (
            quote!(#(#attrs)* #(#content)*),
            collect_fields(m, fields, &[root_ns, type_ns]),
        )
    };
    quote! {
        impl #ident {
            /// Attributes, content and end tag, after the start tag.
            #[inline]
            fn __write_rest(
                &self,
                w: &mut #x::XmlWriter,
            ) -> ::core::result::Result<(), #x::EncodeError> {
                #rest
                w.end_element()
            }
        }

        impl #x::XmlWrite for #ident {
            fn write_xml(
                &self,
                w: &mut #x::XmlWriter,
                name: #x::QNameRef<'_>,
            ) -> ::core::result::Result<(), #x::EncodeError> {
                w.start_element(name)?;
                self.__write_rest(w)
            }

            const SPLITS_START: bool = true;

            fn write_tagged(
                &self,
                w: &mut #x::XmlWriter,
                tag: &'static #x::ElementTag,
            ) -> ::core::result::Result<(), #x::EncodeError> {
                w.start_tagged(tag)?;
                self.__write_rest(w)
            }

            fn collect_namespaces(__c: &mut #x::NamespaceCollector) {
                if !__c.enter::<#ident>() {
                    return;
                }
                #collect
            }
        }

        #content_impl
    }
}

fn variant_payload(v: &Variant) -> &syn::Type {
    &v.shape.as_ref().expect("validated newtype variant").inner
}

fn choice_write(m: &Model, vars: &[Variant]) -> TokenStream {
    let krate = m.krate();
    let x = quote!(#krate::xml);
    let ident = &m.ident;
    let mut arms = Vec::new();
    let mut collect = Vec::new();
    for v in vars {
        let vi = &v.ident;
        let inner = variant_payload(v);
        match &v.kind {
            VariantKind::Element { local, ns, .. } => {
                let tag = element_tag(krate, ns, local);
                if v.shape.as_ref().is_some_and(|s| s.occurs == Occurs::Vec) {
                    arms.push(quote!(#ident::#vi(__v) => {
                        let __t = #tag;
                        for __i in __v {
                            <#inner as #x::XmlWrite>::write_tagged(__i, w, __t)?;
                        }
                        ::core::result::Result::Ok(())
                    }));
                } else {
                    arms.push(
                        quote!(#ident::#vi(__v) => <#inner as #x::XmlWrite>::write_tagged(__v, w, #tag),),
                    );
                }
                collect.push(quote! {
                    __c.add(#ns);
                    <#inner as #x::XmlWrite>::collect_namespaces(__c);
                });
            }
            VariantKind::Flatten => {
                arms.push(quote!(#ident::#vi(__v) => <#inner as #x::XmlContentWrite>::write_content(__v, w),));
                collect.push(quote!(<#inner as #x::XmlContentWrite>::collect_namespaces(__c);));
            }
            VariantKind::Any { .. } => {
                arms.push(quote!(#ident::#vi(__v) => #x::AnyElement::write(__v, w),))
            }
            _ => {}
        }
    }
    quote! {
        impl #x::XmlContentWrite for #ident {
            fn write_content(&self, w: &mut #x::XmlWriter) -> ::core::result::Result<(), #x::EncodeError> {
                match self {
                    #(#arms)*
                }
            }
            fn collect_namespaces(__c: &mut #x::NamespaceCollector) {
                if !__c.enter::<#ident>() {
                    return;
                }
                #(#collect)*
            }
        }

        impl #x::XmlWrite for #ident {
            fn write_xml(
                &self,
                w: &mut #x::XmlWriter,
                name: #x::QNameRef<'_>,
            ) -> ::core::result::Result<(), #x::EncodeError> {
                w.start_element(name)?;
                <Self as #x::XmlContentWrite>::write_content(self, w)?;
                w.end_element()
            }
            fn collect_namespaces(__c: &mut #x::NamespaceCollector) {
                <Self as #x::XmlContentWrite>::collect_namespaces(__c);
            }
        }
    }
}

fn poly_write(m: &Model, vars: &[Variant]) -> TokenStream {
    let krate = m.krate();
    let x = quote!(#krate::xml);
    let ident = &m.ident;
    let mut arms = Vec::new();
    let mut collect = Vec::new();
    for v in vars {
        let vi = &v.ident;
        let inner = variant_payload(v);
        let VariantKind::Type {
            type_name,
            type_ns,
            base,
        } = &v.kind
        else {
            continue;
        };
        let set = if *base {
            quote!()
        } else {
            let q = qname(krate, type_ns, type_name);
            quote!(w.set_xsi_type(#q);)
        };
        arms.push(
            quote!(#ident::#vi(__v) => { #set <#inner as #x::XmlWrite>::write_xml(__v, w, name) }),
        );
        collect.push(quote! {
            __c.add(#type_ns);
            <#inner as #x::XmlWrite>::collect_namespaces(__c);
        });
    }
    quote! {
        impl #x::XmlWrite for #ident {
            fn write_xml(
                &self,
                w: &mut #x::XmlWriter,
                name: #x::QNameRef<'_>,
            ) -> ::core::result::Result<(), #x::EncodeError> {
                match self {
                    #(#arms)*
                }
            }
            fn collect_namespaces(__c: &mut #x::NamespaceCollector) {
                if !__c.enter::<#ident>() {
                    return;
                }
                __c.add(#x::XSI_NS);
                #(#collect)*
            }
        }
    }
}
