//! `#[derive(XmlRead)]`: `XmlRead` (and `XmlContent` for content models).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::attr::{FieldKind, VariantKind};
use crate::model::{Body, Field, Model, SOAP_ENC, Variant, qname};
use crate::ty::Occurs;

pub fn expand(m: &Model) -> TokenStream {
    let body = match &m.body {
        Body::Struct(fields) => struct_read(m, fields),
        Body::Choice(vars) => choice_read(m, vars),
        Body::Polymorphic(vars) => poly_read(m, vars),
        Body::Nillable(ty) => nillable_read(m, ty),
    };
    let root = root_impl(m);
    quote! {
        #[allow(clippy::all)] // generated code: lints are for the hand-written source
        const _: () = {
            #body
            #root
        };
    }
}

fn root_impl(m: &Model) -> TokenStream {
    let Some(local) = &m.container.root else {
        return quote!();
    };
    let krate = m.krate();
    let ident = &m.ident;
    let ns = m.container.ns.clone().unwrap_or_default();
    let nillable = m.container.nillable.is_some().then(|| {
        quote!(
            const NILLABLE: bool = true;
        )
    });
    quote! {
        impl #krate::xml::XmlRoot for #ident {
            const NAME: #krate::xml::QNameRef<'static> = #krate::xml::QNameRef::new(#ns, #local);
            #nillable
        }
    }
}

/// A nillable global element reads as its `Nillable<T>`: `xsi:nil="true"` (no content
/// allowed) is `Nil`, anything else is `T` read from the same start tag.
fn nillable_read(m: &Model, ty: &syn::Type) -> TokenStream {
    let krate = m.krate();
    let x = quote!(#krate::xml);
    let ident = &m.ident;
    quote! {
        impl #x::XmlRead for #ident {
            fn read_xml(
                r: &mut #x::XmlReader<'_>,
                start: &#x::StartTag<'_>,
            ) -> ::core::result::Result<Self, #x::DecodeError> {
                <#ty as #x::XmlRead>::read_xml(r, start).map(#ident)
            }
        }
    }
}

/// The write half of a nillable global element (kept next to its read half so `write.rs` only
/// dispatches to it): `Nil` writes `xsi:nil="true"`, a value writes `T` under the root name.
pub fn nillable_write(m: &Model, ty: &syn::Type) -> TokenStream {
    let krate = m.krate();
    let x = quote!(#krate::xml);
    let ident = &m.ident;
    let root_ns = m.container.ns.clone().unwrap_or_default();
    quote! {
        impl #x::XmlWrite for #ident {
            fn write_xml(
                &self,
                w: &mut #x::XmlWriter,
                name: #x::QNameRef<'_>,
            ) -> ::core::result::Result<(), #x::EncodeError> {
                <#ty as #x::XmlWrite>::write_xml(&self.0, w, name)
            }

            fn collect_namespaces(__c: &mut #x::NamespaceCollector) {
                if !__c.enter::<#ident>() {
                    return;
                }
                __c.add(#root_ns);
                <#ty as #x::XmlWrite>::collect_namespaces(__c);
            }
        }
    }
}

/// The state slot type of a content field.
fn state_ty(m: &Model, f: &Field) -> TokenStream {
    let krate = m.krate();
    let inner = &f.shape.inner;
    match &f.kind {
        FieldKind::Element { .. } | FieldKind::Any { .. } => match f.shape.occurs {
            Occurs::Vec => quote!(::std::vec::Vec<#inner>),
            _ => quote!(::core::option::Option<#inner>),
        },
        FieldKind::Flatten | FieldKind::Choice => {
            let st = quote!(<#inner as #krate::xml::XmlContent>::State);
            match f.shape.occurs {
                Occurs::Vec => quote!((::std::vec::Vec<#inner>, #st)),
                _ => st,
            }
        }
        _ => quote!(()),
    }
}

/// The `accepts` condition of a content field (for a struct's `XmlContent::accepts`).
fn accepts_cond(m: &Model, f: &Field) -> TokenStream {
    let krate = m.krate();
    let inner = &f.shape.inner;
    match &f.kind {
        FieldKind::Element { local, ns, .. } => quote!(start.is(#ns, #local)),
        FieldKind::Flatten | FieldKind::Choice => {
            quote!(<#inner as #krate::xml::XmlContent>::accepts(start))
        }
        FieldKind::Any {
            namespace,
            target_ns,
        } => {
            let target = target_ns.clone().unwrap_or_else(|| m.container.target_ns());
            quote!(#krate::xml::__private::ns_matches(#namespace, #target, start.ns()))
        }
        _ => quote!(false),
    }
}

fn box_if(boxed: bool, v: TokenStream) -> TokenStream {
    if boxed {
        quote!(::std::boxed::Box::new(#v))
    } else {
        v
    }
}

/// One arm of the generated `offer`: tests the child against field `i` and takes it. The
/// work is done by the generic `__private::offer_*` helpers, so each arm is one call: the
/// expansion of a large schema stays small enough to type-check quickly.
fn offer_arm(m: &Model, f: &Field, i: usize) -> TokenStream {
    let krate = m.krate();
    let x = quote!(#krate::xml);
    let p = quote!(#x::__private);
    let var = &f.var;
    let inner = &f.shape.inner;
    let cond = accepts_cond(m, f);
    // `xs:all` content has no order; a sequence is strict about it unless the read is lax.
    let late = if m.container.all {
        quote!(false)
    } else {
        quote!(__s.__cursor > #i)
    };
    let wrap = if f.shape.boxed {
        quote!(::std::boxed::Box::new)
    } else {
        quote!(::core::convert::identity)
    };
    let offered = match &f.kind {
        FieldKind::Element {
            default,
            fixed,
            nillable,
            ..
        } if default.is_some() || fixed.is_some() => {
            // Rare (a schema default on an element): the read is spelled out.
            let read = read_defaulted(m, inner, *nillable, default, fixed);
            let (filled, store) = if f.shape.occurs == Occurs::Vec {
                (quote!(false), quote!(__s.#var.push(#wrap(__v));))
            } else {
                (
                    quote!(__s.#var.is_some()),
                    quote!(__s.#var = ::core::option::Option::Some(__v);),
                )
            };
            return quote! {
                if #cond {
                    if #late && !r.is_lax() {
                        __miss.get_or_insert(#x::Offer::OutOfOrder);
                    } else if #filled {
                        __miss.get_or_insert(#x::Offer::Duplicate);
                    } else {
                        let __v: #inner = #read;
                        #store
                        return ::core::result::Result::Ok(#p::taken(&mut __s.__cursor, &mut __s.__started, #i));
                    }
                }
            };
        }
        FieldKind::Element { .. } | FieldKind::Any { .. } => {
            // A wildcard element keeps whatever it holds, `xsi:nil` included.
            let nillable = match &f.kind {
                FieldKind::Element { nillable, .. } => *nillable,
                _ => true,
            };
            if f.shape.occurs == Occurs::Vec && matches!(f.kind, FieldKind::Any { .. }) {
                quote!(#p::offer_any_push(#late, &mut __s.#var, &mut __miss, r, start)?)
            } else if f.shape.occurs == Occurs::Vec {
                quote!(#p::offer_push::<#inner, _>(#late, &mut __s.#var, &mut __miss, r, start, #nillable, #wrap)?)
            } else {
                quote!(#p::offer_one::<#inner>(#late, &mut __s.#var, &mut __miss, r, start, #nillable)?)
            }
        }
        FieldKind::Flatten | FieldKind::Choice if f.shape.occurs == Occurs::Vec => {
            quote!(#p::offer_content_push::<#inner, _>(#late, &mut __s.#var, &mut __miss, r, start, #wrap)?)
        }
        FieldKind::Flatten | FieldKind::Choice => {
            quote!(#p::offer_content::<#inner>(#late, &mut __s.#var, &mut __miss, r, start)?)
        }
        _ => return quote!(),
    };
    quote! {
        if #cond && #offered {
            return ::core::result::Result::Ok(#p::taken(&mut __s.__cursor, &mut __s.__started, #i));
        }
    }
}

/// Reads an element with a schema `default`/`fixed`: simple types, simple-content structs and
/// `Nillable` of either (all implement `ReadDefaulted`).
fn read_defaulted(
    m: &Model,
    inner: &syn::Type,
    nillable: bool,
    default: &Option<String>,
    fixed: &Option<String>,
) -> TokenStream {
    let krate = m.krate();
    let p = quote!(#krate::xml::__private);
    let d = opt_str(default);
    let fx = opt_str(fixed);
    let nil_check = if nillable {
        quote!()
    } else {
        quote!(#p::check_not_nil(r, start)?;)
    };
    quote! {{
        #nil_check
        <#inner as #p::ReadDefaulted>::read_defaulted(r, start, #d, #fx)?
    }}
}

fn opt_str(s: &Option<String>) -> TokenStream {
    match s {
        Some(s) => quote!(::core::option::Option::Some(#s)),
        None => quote!(::core::option::Option::None),
    }
}

/// The expression completing field `f` from state `__st`.
fn finish_expr(m: &Model, f: &Field) -> TokenStream {
    let krate = m.krate();
    let x = quote!(#krate::xml);
    let var = &f.var;
    let inner = &f.shape.inner;
    let boxed = f.shape.boxed;
    match &f.kind {
        FieldKind::Element { local, ns, .. } => {
            let name = qname(krate, ns, local);
            match f.shape.occurs {
                Occurs::One => box_if(boxed, quote!(#x::__private::required(__st.#var, r, #name)?)),
                Occurs::Opt if boxed => quote!(__st.#var.map(::std::boxed::Box::new)),
                _ => quote!(__st.#var),
            }
        }
        FieldKind::Any { .. } => match f.shape.occurs {
            Occurs::Vec => quote!(#x::__private::shrunk(__st.#var)),
            Occurs::One => quote! {
                match __st.#var {
                    ::core::option::Option::Some(__v) => __v,
                    ::core::option::Option::None => return ::core::result::Result::Err(
                        r.content_error(#x::DecodeErrorKind::MissingElement(::std::string::String::from("(any element)")))
                    ),
                }
            },
            _ => quote!(__st.#var),
        },
        FieldKind::Flatten | FieldKind::Choice => {
            let c = quote!(<#inner as #x::XmlContent>);
            let p = quote!(#x::__private);
            match f.shape.occurs {
                Occurs::One => box_if(boxed, quote!(#c::finish(__st.#var, r)?)),
                Occurs::Opt if boxed => {
                    quote!(#p::finish_opt::<#inner>(__st.#var, r)?.map(::std::boxed::Box::new))
                }
                Occurs::Opt => quote!(#p::finish_opt::<#inner>(__st.#var, r)?),
                Occurs::Vec => {
                    let wrap = if boxed {
                        quote!(::std::boxed::Box::new)
                    } else {
                        quote!(::core::convert::identity)
                    };
                    quote!(#p::finish_push::<#inner, _>(__st.#var, r, #wrap)?)
                }
            }
        }
        _ => quote!(()),
    }
}

fn struct_read(m: &Model, fields: &[Field]) -> TokenStream {
    let krate = m.krate();
    let x = quote!(#krate::xml);
    let ident = &m.ident;
    let lax = m.container.lax;
    let content: Vec<&Field> = fields.iter().filter(|f| f.kind.is_content()).collect();

    // State and offer.
    let state_fields = content.iter().map(|f| {
        let var = &f.var;
        let t = state_ty(m, f);
        quote!(#var: #t,)
    });
    let named_arms = content
        .iter()
        .enumerate()
        .filter(|(_, f)| !matches!(f.kind, FieldKind::Any { .. }))
        .map(|(i, f)| offer_arm(m, f, i));
    let any_arms = content
        .iter()
        .enumerate()
        .filter(|(_, f)| matches!(f.kind, FieldKind::Any { .. }))
        .map(|(i, f)| offer_arm(m, f, i));

    // Attributes.
    let attr_fields: Vec<&Field> = fields
        .iter()
        .filter(|f| matches!(f.kind, FieldKind::Attribute { .. }))
        .collect();
    let any_attr = fields
        .iter()
        .find(|f| matches!(f.kind, FieldKind::AnyAttribute));
    let attr_locals = attr_fields.iter().map(|f| {
        let var = &f.var;
        let inner = &f.shape.inner;
        quote!(let mut #var: ::core::option::Option<#inner> = ::core::option::Option::None;)
    });
    let attr_arms = attr_fields.iter().map(|f| {
        let FieldKind::Attribute {
            local, ns, fixed, ..
        } = &f.kind
        else {
            unreachable!()
        };
        let var = &f.var;
        let read = match fixed {
            Some(fx) => quote!(#x::__private::attr_fixed(r, &__a, #fx)?),
            None => quote!(#x::__private::attr_value(r, &__a)?),
        };
        quote! {
            if __a.is(#ns, #local) {
                #var = ::core::option::Option::Some(#read);
                continue;
            }
        }
    });
    let any_attr_local = any_attr.map(|f| {
        let var = &f.var;
        quote!(let mut #var: ::std::vec::Vec<#x::AnyAttribute> = ::std::vec::Vec::new();)
    });
    let any_attr_arm = any_attr.map(|f| {
        let var = &f.var;
        quote! {
            if !__a.is_xsi() {
                #var.push(#x::AnyAttribute::from(&__a));
                continue;
            }
        }
    });
    let unknown_attr = if lax || any_attr.is_some() {
        quote!()
    } else {
        quote!(r.unknown_attribute(&__a)?;)
    };
    let attr_finals = attr_fields.iter().map(|f| {
        let FieldKind::Attribute {
            local,
            ns,
            default,
            fixed,
            ..
        } = &f.kind
        else {
            unreachable!()
        };
        let var = &f.var;
        let name = qname(krate, ns, local);
        let absent = match default.as_ref().or(fixed.as_ref()) {
            Some(lit) => {
                let v = quote!(#x::__private::attr_literal(r, start, #name, #lit)?);
                if f.shape.occurs == Occurs::Opt {
                    quote!(::core::option::Option::Some(#v))
                } else {
                    v
                }
            }
            None if f.shape.occurs == Occurs::Opt => quote!(::core::option::Option::None),
            None => quote!(return ::core::result::Result::Err(r.missing_attribute(start, #name))),
        };
        let present = if f.shape.occurs == Occurs::Opt {
            quote!(::core::option::Option::Some(__v))
        } else {
            quote!(__v)
        };
        if default.is_none() && fixed.is_none() {
            // An optional attribute is its local as is; a required one is a helper call.
            return if f.shape.occurs == Occurs::Opt {
                quote!()
            } else {
                quote!(let #var = #x::__private::required_attribute(#var, r, start, #name)?;)
            };
        }
        quote! {
            let #var = match #var {
                ::core::option::Option::Some(__v) => #present,
                ::core::option::Option::None => #absent,
            };
        }
    });

    // Content.
    let text = fields.iter().find(|f| matches!(f.kind, FieldKind::Text));
    let mixed = fields.iter().find(|f| matches!(f.kind, FieldKind::Mixed));
    let pure = m.is_pure_content();
    let offer_fn = if pure {
        quote!(<#ident as #x::XmlContent>::offer)
    } else {
        quote!(__XmlState::offer)
    };
    let read_content = if let Some(t) = text {
        let var = &t.var;
        let ty = &t.ty;
        quote!(let #var: #ty = r.read_value_with::<#ty>(__default, __fixed)?;)
    } else if let Some(mx) = mixed {
        let var = &mx.var;
        quote!(let #var = #x::__private::read_nodes(r)?;)
    } else {
        quote! {
            let mut __st = __XmlState::default();
            #x::__private::read_children(r, #lax, &mut |r, __c| #offer_fn(&mut __st, r, __c))?;
        }
    };
    let members = fields.iter().map(|f| {
        let member = &f.member;
        let var = &f.var;
        if f.kind.is_content() {
            let e = finish_expr(m, f);
            quote!(#member: #e,)
        } else {
            quote!(#member: #var,)
        }
    });
    let array_check = array_check(m, fields);
    let read_attributes = if attr_fields.is_empty() && any_attr.is_none() {
        quote!(#x::__private::no_attributes(r, start, #lax)?;)
    } else {
        quote! {
            #(#attr_locals)*
            #any_attr_local
            for __a in r.attributes(start) {
                #(#attr_arms)*
                #any_attr_arm
                #unknown_attr
            }
            #(#attr_finals)*
        }
    };
    // A pure content model completes through its `XmlContent::finish` (emitted below) rather
    // than a second copy of the same field-by-field code.
    let value = if m.is_pure_content() {
        quote!(<#ident as #x::XmlContent>::finish(__st, r)?)
    } else {
        quote!(#ident { #(#members)* })
    };
    let read_body = quote! {
        #read_attributes
        #read_content
        let __value = #value;
        #array_check
        ::core::result::Result::Ok(__value)
    };
    // Simple content: a schema default/fixed of the element holding the struct applies to the
    // text, so the whole read takes them (`ReadDefaulted`); a plain read passes none.
    let read_impls = if text.is_some() {
        quote! {
            impl #x::__private::ReadDefaulted for #ident {
                fn read_defaulted(
                    r: &mut #x::XmlReader<'_>,
                    start: &#x::StartTag<'_>,
                    __default: ::core::option::Option<&str>,
                    __fixed: ::core::option::Option<&str>,
                ) -> ::core::result::Result<Self, #x::DecodeError> {
                    #read_body
                }
            }

            impl #x::XmlRead for #ident {
                #[inline]
                fn read_xml(
                    r: &mut #x::XmlReader<'_>,
                    start: &#x::StartTag<'_>,
                ) -> ::core::result::Result<Self, #x::DecodeError> {
                    <Self as #x::__private::ReadDefaulted>::read_defaulted(
                        r,
                        start,
                        ::core::option::Option::None,
                        ::core::option::Option::None,
                    )
                }
            }
        }
    } else {
        quote! {
            impl #x::XmlRead for #ident {
                fn read_xml(
                    r: &mut #x::XmlReader<'_>,
                    start: &#x::StartTag<'_>,
                ) -> ::core::result::Result<Self, #x::DecodeError> {
                    #read_body
                }
            }
        }
    };

    let offer_sig = quote! {
        (
            __s: &mut __XmlState,
            r: &mut #x::XmlReader<'_>,
            start: &#x::StartTag<'_>,
        ) -> ::core::result::Result<#x::Offer, #x::DecodeError> {
            // Why a field that knows the element could not take it, if no later one does.
            let mut __miss: ::core::option::Option<#x::Offer> = ::core::option::Option::None;
            #(#named_arms)*
            #(#any_arms)*
            ::core::result::Result::Ok(__miss.unwrap_or(#x::Offer::NotMine))
        }
    };
    let content_impl = if pure {
        let accepts = content.iter().map(|f| accepts_cond(m, f));
        let members = content.iter().map(|f| {
            let member = &f.member;
            let e = finish_expr(m, f);
            quote!(#member: #e,)
        });
        quote! {
            impl #x::XmlContent for #ident {
                type State = __XmlState;
                #[inline]
                fn accepts(start: &#x::StartTag<'_>) -> bool {
                    false #(|| #accepts)*
                }
                #[allow(unused_variables, unused_mut)] // a type without child elements ignores the child
                fn offer #offer_sig
                fn is_started(state: &__XmlState) -> bool {
                    state.__started
                }
                fn finish(__st: __XmlState, r: &#x::XmlReader<'_>) -> ::core::result::Result<Self, #x::DecodeError> {
                    ::core::result::Result::Ok(#ident { #(#members)* })
                }
            }
        }
    } else {
        quote!()
    };

    // Text and mixed content read no child elements through a state; a pure content model's
    // `offer` is its `XmlContent::offer`; anything else (attributes and children) gets an
    // inherent one.
    let state = if text.is_some() || mixed.is_some() {
        quote!()
    } else {
        let inherent = (!pure).then(|| {
            quote! {
                impl __XmlState {
                    #[allow(unused_variables, unused_mut)] // a type without child elements ignores the child
                    fn offer #offer_sig
                }
            }
        });
        quote! {
            #[doc(hidden)]
            #[derive(::core::default::Default)]
            #[allow(dead_code)] // the cursor of a type without child elements is never read
            pub struct __XmlState {
                #(#state_fields)*
                __cursor: usize,
                __started: bool,
            }

            #inherent
        }
    };
    quote! {
        #state

        #read_impls

        #content_impl
    }
}

/// `array_rank = N`: the members must fill the size `soapenc:arrayType` gives.
fn array_check(m: &Model, fields: &[Field]) -> TokenStream {
    let Some(rank) = m.container.array_rank else {
        return quote!();
    };
    let krate = m.krate();
    let x = quote!(#krate::xml);
    let rank = rank as usize;
    let attr = |name: &str| {
        fields.iter().find(|f| {
            matches!(&f.kind, FieldKind::Attribute { local, ns, .. } if local == name && ns == SOAP_ENC)
        })
    };
    let text_of = |f: Option<&Field>| match f {
        None => quote!(::core::option::Option::<::std::string::String>::None),
        Some(f) => {
            let member = &f.member;
            if f.shape.occurs == Occurs::Opt {
                quote!(__value.#member.as_ref().map(#x::__private::canonical))
            } else {
                quote!(::core::option::Option::Some(#x::__private::canonical(&__value.#member)))
            }
        }
    };
    let array_type = text_of(attr("arrayType"));
    let offset = text_of(attr("offset"));
    let Some(members) = fields
        .iter()
        .find(|f| matches!(f.kind, FieldKind::Element { .. }) && f.shape.occurs == Occurs::Vec)
        .map(|f| &f.member)
    else {
        return quote!();
    };
    quote! {
        #x::__private::check_array_size(
            r,
            #array_type.as_deref(),
            #offset.as_deref(),
            #rank,
            __value.#members.len(),
        )?;
    }
}

fn variant_is_vec(v: &Variant) -> bool {
    v.shape.as_ref().is_some_and(|s| s.occurs == Occurs::Vec)
}

fn variant_payload(v: &Variant) -> (&syn::Type, bool) {
    let s = v.shape.as_ref().expect("validated newtype variant");
    (&s.inner, s.boxed)
}

fn choice_read(m: &Model, vars: &[Variant]) -> TokenStream {
    let krate = m.krate();
    let x = quote!(#krate::xml);
    let ident = &m.ident;
    let target = m.container.target_ns();
    let lax = m.container.lax;
    let mut states = Vec::new();
    let mut element_arms = Vec::new();
    let mut flatten_arms = Vec::new();
    let mut any_arms = Vec::new();
    let mut accepts = Vec::new();
    let mut group_matches = Vec::new();
    let mut finish_arms = Vec::new();
    let mut expected = Vec::new();
    for (k, v) in vars.iter().enumerate() {
        let vi = &v.ident;
        let (inner, boxed) = variant_payload(v);
        match &v.kind {
            VariantKind::Element {
                local,
                ns,
                nillable,
                default,
                fixed,
            } if variant_is_vec(v) => {
                expected.push(local.clone());
                let g = format_ident!("G{}", k);
                let val = if default.is_some() || fixed.is_some() {
                    read_defaulted(m, inner, *nillable, default, fixed)
                } else {
                    quote!(#x::__private::read_element::<#inner>(r, start, #nillable)?)
                };
                states.push(quote!(#g(::std::vec::Vec<#inner>),));
                accepts.push(quote!(start.is(#ns, #local)));
                element_arms.push(quote! {
                    if start.is(#ns, #local) {
                        *state = __XmlState::#g(::std::vec![#val]);
                        return ::core::result::Result::Ok(#x::Offer::Taken);
                    }
                });
                // Further occurrences of the same branch extend it; another branch's element
                // is a second choice occurrence (Duplicate), as for a started sequence branch.
                group_matches.push(quote! {
                    __XmlState::#g(__v) => {
                        if start.is(#ns, #local) {
                            __v.push(#val);
                            ::core::result::Result::Ok(#x::Offer::Taken)
                        } else if <#ident as #x::XmlContent>::accepts(start) {
                            ::core::result::Result::Ok(#x::Offer::Duplicate)
                        } else {
                            ::core::result::Result::Ok(#x::Offer::NotMine)
                        }
                    }
                });
                finish_arms.push(
                    quote!(__XmlState::#g(__v) => ::core::result::Result::Ok(#ident::#vi(__v)),),
                );
            }
            VariantKind::Element {
                local,
                ns,
                nillable,
                default,
                fixed,
            } => {
                expected.push(local.clone());
                let read = if default.is_some() || fixed.is_some() {
                    read_defaulted(m, inner, *nillable, default, fixed)
                } else {
                    quote!(#x::__private::read_element::<#inner>(r, start, #nillable)?)
                };
                let val = box_if(boxed, read);
                accepts.push(quote!(start.is(#ns, #local)));
                element_arms.push(quote! {
                    if start.is(#ns, #local) {
                        *state = __XmlState::Done(#ident::#vi(#val));
                        return ::core::result::Result::Ok(#x::Offer::Taken);
                    }
                });
            }
            VariantKind::Flatten => {
                expected.push(format!("({})", quote!(#inner)));
                let g = format_ident!("G{}", k);
                let c = quote!(<#inner as #x::XmlContent>);
                states.push(quote!(#g(#c::State),));
                accepts.push(quote!(#c::accepts(start)));
                flatten_arms.push(quote! {
                    if #c::accepts(start) {
                        let mut __s = <#c::State as ::core::default::Default>::default();
                        if let #x::Offer::Taken = #c::offer(&mut __s, r, start)? {
                            *state = __XmlState::#g(__s);
                            return ::core::result::Result::Ok(#x::Offer::Taken);
                        }
                    }
                });
                group_matches.push(quote! {
                    __XmlState::#g(__s) => match #c::offer(__s, r, start)? {
                        #x::Offer::NotMine => ::core::result::Result::Ok(
                            if <#ident as #x::XmlContent>::accepts(start) { #x::Offer::Duplicate } else { #x::Offer::NotMine }
                        ),
                        __o => ::core::result::Result::Ok(__o),
                    },
                });
                let val = box_if(boxed, quote!(#c::finish(__s, r)?));
                finish_arms.push(
                    quote!(__XmlState::#g(__s) => ::core::result::Result::Ok(#ident::#vi(#val)),),
                );
            }
            VariantKind::Any {
                namespace,
                target_ns,
            } => {
                let target = target_ns.clone().unwrap_or_else(|| target.clone());
                expected.push(format!("any element ({namespace})"));
                let cond = quote!(#x::__private::ns_matches(#namespace, #target, start.ns()));
                accepts.push(cond.clone());
                any_arms.push(quote! {
                    if #cond {
                        *state = __XmlState::Done(#ident::#vi(<#x::AnyElement as #x::XmlRead>::read_xml(r, start)?));
                        return ::core::result::Result::Ok(#x::Offer::Taken);
                    }
                });
            }
            _ => {}
        }
    }
    let expected = expected.join(", ");
    quote! {
        #[doc(hidden)]
        pub enum __XmlState {
            Empty,
            Done(#ident),
            #(#states)*
        }

        impl ::core::default::Default for __XmlState {
            fn default() -> Self {
                Self::Empty
            }
        }

        impl #x::XmlContent for #ident {
            type State = __XmlState;
            #[inline]
            fn accepts(start: &#x::StartTag<'_>) -> bool {
                false #(|| #accepts)*
            }
            fn offer(
                state: &mut __XmlState,
                r: &mut #x::XmlReader<'_>,
                start: &#x::StartTag<'_>,
            ) -> ::core::result::Result<#x::Offer, #x::DecodeError> {
                if let __XmlState::Empty = state {
                    #(#element_arms)*
                    #(#flatten_arms)*
                    #(#any_arms)*
                    return ::core::result::Result::Ok(#x::Offer::NotMine);
                }
                match state {
                    #(#group_matches)*
                    _ => ::core::result::Result::Ok(
                        if <#ident as #x::XmlContent>::accepts(start) { #x::Offer::Duplicate } else { #x::Offer::NotMine }
                    ),
                }
            }
            fn is_started(state: &__XmlState) -> bool {
                !::core::matches!(state, __XmlState::Empty)
            }
            fn finish(state: __XmlState, r: &#x::XmlReader<'_>) -> ::core::result::Result<Self, #x::DecodeError> {
                match state {
                    __XmlState::Empty => ::core::result::Result::Err(
                        r.content_error(#x::DecodeErrorKind::MissingChoice(::std::string::String::from(#expected)))
                    ),
                    __XmlState::Done(__v) => ::core::result::Result::Ok(__v),
                    #(#finish_arms)*
                }
            }
        }

        impl #x::XmlRead for #ident {
            fn read_xml(
                r: &mut #x::XmlReader<'_>,
                start: &#x::StartTag<'_>,
            ) -> ::core::result::Result<Self, #x::DecodeError> {
                #x::__private::no_attributes(r, start, #lax)?;
                #x::__private::read_content_element::<Self>(r, #lax)
            }
        }
    }
}

fn poly_read(m: &Model, vars: &[Variant]) -> TokenStream {
    let krate = m.krate();
    let x = quote!(#krate::xml);
    let ident = &m.ident;
    let ident_str = ident.to_string();
    let base = vars
        .iter()
        .position(|v| matches!(v.kind, VariantKind::Type { base: true, .. }));
    let tests = vars.iter().enumerate().map(|(k, v)| {
        let VariantKind::Type {
            type_name, type_ns, ..
        } = &v.kind
        else {
            unreachable!()
        };
        quote!(if __q.local == #type_name && __q.ns == #type_ns { #k } else)
    });
    let none = match base {
        Some(b) => quote!(#b),
        None => quote! {
            return ::core::result::Result::Err(r.error_at(
                start.offset(),
                #x::DecodeErrorKind::AbstractType(::std::string::String::from(#ident_str)),
            ))
        },
    };
    let unknown = match base {
        Some(b) => quote! {
            if r.is_lax() { #b } else {
                return ::core::result::Result::Err(r.error_at(
                    start.offset(),
                    #x::DecodeErrorKind::UnknownType(__q.to_string()),
                ));
            }
        },
        None => quote! {
            return ::core::result::Result::Err(r.error_at(
                start.offset(),
                #x::DecodeErrorKind::UnknownType(__q.to_string()),
            ))
        },
    };
    let arms = vars.iter().enumerate().map(|(k, v)| {
        let vi = &v.ident;
        let (inner, boxed) = variant_payload(v);
        let val = box_if(boxed, quote!(<#inner as #x::XmlRead>::read_xml(r, start)?));
        quote!(#k => ::core::result::Result::Ok(#ident::#vi(#val)),)
    });
    quote! {
        impl #x::XmlRead for #ident {
            fn read_xml(
                r: &mut #x::XmlReader<'_>,
                start: &#x::StartTag<'_>,
            ) -> ::core::result::Result<Self, #x::DecodeError> {
                let __idx: usize = match r.xsi_type(start)? {
                    ::core::option::Option::None => #none,
                    ::core::option::Option::Some(__q) => #(#tests)* { #unknown },
                };
                match __idx {
                    #(#arms)*
                    _ => ::core::result::Result::Err(r.error_at(
                        start.offset(),
                        #x::DecodeErrorKind::UnknownType(::std::string::String::from(#ident_str)),
                    )),
                }
            }
        }
    }
}
