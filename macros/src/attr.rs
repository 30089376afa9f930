//! Parsing and validation of `#[xml(...)]` attributes. Every problem found is collected, so one
//! compile reports all misuse at once, each at its own span.

use proc_macro2::Span;
use syn::{Attribute, Ident, Lit, LitStr};

/// Accumulated errors.
#[derive(Default)]
pub struct Ctxt {
    errors: Vec<syn::Error>,
}

impl Ctxt {
    pub fn error(&mut self, span: Span, msg: impl std::fmt::Display) {
        self.errors.push(syn::Error::new(span, msg));
    }

    pub fn check(self) -> Result<(), syn::Error> {
        let mut it = self.errors.into_iter();
        match it.next() {
            None => Ok(()),
            Some(mut first) => {
                for e in it {
                    first.combine(e);
                }
                Err(first)
            }
        }
    }
}

/// One `key` or `key = literal` inside `#[xml(...)]`.
struct Item {
    key: Ident,
    value: Option<Lit>,
}

fn parse_items(cx: &mut Ctxt, attrs: &[Attribute]) -> Vec<Item> {
    let mut items = Vec::new();
    for attr in attrs {
        if !attr.path().is_ident("xml") {
            continue;
        }
        let r = attr.parse_nested_meta(|meta| {
            let Some(key) = meta.path.get_ident().cloned() else {
                return Err(meta.error("expected a plain key such as `element`"));
            };
            let value = if meta.input.peek(syn::Token![=]) {
                Some(meta.value()?.parse::<Lit>()?)
            } else {
                None
            };
            // `pattern` repeats: one per restriction step, all of which must match.
            if key != "pattern" && items.iter().any(|i: &Item| i.key == key) {
                cx.error(key.span(), format!("duplicate xml attribute `{key}`"));
            }
            items.push(Item { key, value });
            Ok(())
        });
        if let Err(e) = r {
            cx.errors.push(e);
        }
    }
    items
}

fn str_value(cx: &mut Ctxt, item: &Item) -> Option<String> {
    match &item.value {
        Some(Lit::Str(s)) => Some(s.value()),
        Some(other) => {
            cx.error(
                other.span(),
                format!("`{}` takes a string literal", item.key),
            );
            None
        }
        None => {
            cx.error(
                item.key.span(),
                format!("`{}` needs a value: `{} = \"...\"`", item.key, item.key),
            );
            None
        }
    }
}

fn lit_str(cx: &mut Ctxt, item: &Item) -> Option<LitStr> {
    match &item.value {
        Some(Lit::Str(s)) => Some(s.clone()),
        Some(other) => {
            cx.error(
                other.span(),
                format!("`{}` takes a string literal", item.key),
            );
            None
        }
        None => {
            cx.error(
                item.key.span(),
                format!("`{}` needs a value: `{} = \"...\"`", item.key, item.key),
            );
            None
        }
    }
}

fn int_value(cx: &mut Ctxt, item: &Item) -> Option<u64> {
    match &item.value {
        Some(Lit::Int(i)) => match i.base10_parse() {
            Ok(v) => Some(v),
            Err(e) => {
                cx.errors.push(e);
                None
            }
        },
        Some(other) => {
            cx.error(other.span(), format!("`{}` takes an integer", item.key));
            None
        }
        None => {
            cx.error(
                item.key.span(),
                format!("`{}` needs a value: `{} = N`", item.key, item.key),
            );
            None
        }
    }
}

fn flag(cx: &mut Ctxt, item: &Item) -> bool {
    if let Some(v) = &item.value {
        cx.error(
            v.span(),
            format!("`{}` is a flag and takes no value", item.key),
        );
    }
    true
}

fn unknown(cx: &mut Ctxt, item: &Item, place: &str, expected: &str) {
    cx.error(
        item.key.span(),
        format!(
            "unknown xml attribute `{}` on {place}; expected one of: {expected}",
            item.key
        ),
    );
}

/// XSD facets of a simple-type newtype or list.
#[derive(Default)]
pub struct Facets {
    /// Every pattern must match (one per derivation step).
    pub patterns: Vec<LitStr>,
    pub length: Option<u64>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub min_inclusive: Option<String>,
    pub max_inclusive: Option<String>,
    pub min_exclusive: Option<String>,
    pub max_exclusive: Option<String>,
    pub total_digits: Option<u64>,
    pub fraction_digits: Option<u64>,
}

impl Facets {
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
            && self.length.is_none()
            && self.min_length.is_none()
            && self.max_length.is_none()
            && self.min_inclusive.is_none()
            && self.max_inclusive.is_none()
            && self.min_exclusive.is_none()
            && self.max_exclusive.is_none()
            && self.total_digits.is_none()
            && self.fraction_digits.is_none()
    }
}

/// Container (struct or enum) attributes.
pub struct Container {
    pub root: Option<String>,
    pub ns: Option<String>,
    /// Where `ns` / `type_ns` were written, for errors about them.
    pub ns_span: Option<proc_macro2::Span>,
    pub type_ns_span: Option<proc_macro2::Span>,
    pub type_name: Option<String>,
    pub type_ns: Option<String>,
    pub mixed: bool,
    pub lax: bool,
    pub group: bool,
    pub all: bool,
    pub choice: bool,
    pub polymorphic: bool,
    pub list: bool,
    pub union: bool,
    pub krate: syn::Path,
    pub facets: Facets,
    /// `array_rank = N`: a SOAP 1.1 encoded array of that rank (size checked on read).
    pub array_rank: Option<u64>,
    pub array_rank_span: Option<Span>,
    /// `nillable`: a global element that may be `xsi:nil` (a newtype over `Nillable<T>`).
    pub nillable: Option<Span>,
}

const CONTAINER_KEYS: &str = "root, ns, nillable, type_name, type_ns, mixed, lax, group, all, choice, polymorphic, list, union, crate, array_rank, \
    pattern, length, min_length, max_length, min_inclusive, max_inclusive, min_exclusive, max_exclusive, total_digits, fraction_digits";

impl Container {
    pub fn parse(cx: &mut Ctxt, attrs: &[Attribute]) -> Self {
        let mut c = Container {
            root: None,
            ns: None,
            ns_span: None,
            type_ns_span: None,
            type_name: None,
            type_ns: None,
            mixed: false,
            lax: false,
            group: false,
            all: false,
            choice: false,
            polymorphic: false,
            list: false,
            union: false,
            krate: syn::parse_quote!(::soapstone),
            facets: Facets::default(),
            array_rank: None,
            array_rank_span: None,
            nillable: None,
        };
        for item in parse_items(cx, attrs) {
            match item.key.to_string().as_str() {
                "root" => c.root = str_value(cx, &item),
                "ns" => {
                    c.ns = str_value(cx, &item);
                    c.ns_span = Some(item.key.span());
                }
                "nillable" => {
                    if flag(cx, &item) {
                        c.nillable = Some(item.key.span());
                    }
                }
                "type_name" => c.type_name = str_value(cx, &item),
                "type_ns" => {
                    c.type_ns = str_value(cx, &item);
                    c.type_ns_span = Some(item.key.span());
                }
                "mixed" => c.mixed = flag(cx, &item),
                "lax" => c.lax = flag(cx, &item),
                "group" => c.group = flag(cx, &item),
                "all" => c.all = flag(cx, &item),
                "choice" => c.choice = flag(cx, &item),
                "polymorphic" => c.polymorphic = flag(cx, &item),
                "list" => c.list = flag(cx, &item),
                "union" => c.union = flag(cx, &item),
                "crate" => {
                    if let Some(s) = lit_str(cx, &item) {
                        match s.parse::<syn::Path>() {
                            Ok(p) => c.krate = p,
                            Err(_) => {
                                cx.error(s.span(), "`crate` must be a path such as `::soapstone`")
                            }
                        }
                    }
                }
                "pattern" => c.facets.patterns.extend(lit_str(cx, &item)),
                "length" => c.facets.length = int_value(cx, &item),
                "min_length" => c.facets.min_length = int_value(cx, &item),
                "max_length" => c.facets.max_length = int_value(cx, &item),
                "min_inclusive" => c.facets.min_inclusive = str_value(cx, &item),
                "max_inclusive" => c.facets.max_inclusive = str_value(cx, &item),
                "min_exclusive" => c.facets.min_exclusive = str_value(cx, &item),
                "max_exclusive" => c.facets.max_exclusive = str_value(cx, &item),
                "total_digits" => c.facets.total_digits = int_value(cx, &item),
                "fraction_digits" => c.facets.fraction_digits = int_value(cx, &item),
                "array_rank" => {
                    c.array_rank = int_value(cx, &item);
                    c.array_rank_span = Some(item.key.span());
                    if c.array_rank == Some(0) {
                        cx.error(item.key.span(), "`array_rank` is at least 1");
                    }
                }
                _ => unknown(cx, &item, "a type", CONTAINER_KEYS),
            }
        }
        c
    }

    /// The namespace `##other`/`##targetNamespace` are relative to.
    pub fn target_ns(&self) -> String {
        self.type_ns
            .clone()
            .or_else(|| self.ns.clone())
            .unwrap_or_default()
    }
}

/// What a struct field maps to.
#[derive(Clone)]
pub enum FieldKind {
    Element {
        local: String,
        ns: String,
        nillable: bool,
        default: Option<String>,
        fixed: Option<String>,
    },
    Attribute {
        local: String,
        ns: String,
        default: Option<String>,
        fixed: Option<String>,
    },
    Text,
    Flatten,
    Choice,
    Any {
        namespace: String,
        /// What `##other`/`##targetNamespace` are relative to, when not the container's.
        target_ns: Option<String>,
    },
    AnyAttribute,
    Mixed,
}

impl FieldKind {
    pub fn is_content(&self) -> bool {
        matches!(
            self,
            Self::Element { .. } | Self::Flatten | Self::Choice | Self::Any { .. }
        )
    }
}

const FIELD_KEYS: &str = "element, attribute, ns, nillable, default, fixed, text, flatten, choice, any, namespace, target_ns, any_attribute, mixed";
const KIND_KEYS: [&str; 8] = [
    "element",
    "attribute",
    "text",
    "flatten",
    "choice",
    "any",
    "any_attribute",
    "mixed",
];

/// Parses a field's attributes. `None` when there are errors (already reported).
pub fn parse_field(cx: &mut Ctxt, attrs: &[Attribute], span: Span) -> Option<FieldKind> {
    let items = parse_items(cx, attrs);
    let kinds: Vec<&Item> = items
        .iter()
        .filter(|i| KIND_KEYS.contains(&i.key.to_string().as_str()))
        .collect();
    let before = cx.errors.len();
    for item in &items {
        let key = item.key.to_string();
        if !KIND_KEYS.contains(&key.as_str())
            && ![
                "ns",
                "nillable",
                "default",
                "fixed",
                "namespace",
                "target_ns",
            ]
            .contains(&key.as_str())
        {
            unknown(cx, item, "a field", FIELD_KEYS);
        }
    }
    if cx.errors.len() > before {
        return None;
    }
    if kinds.is_empty() {
        cx.error(
            span,
            "field needs an `#[xml(...)]` kind: one of `element = \"..\"`, `attribute = \"..\"`, `text`, `flatten`, `choice`, `any`, `any_attribute`, `mixed`",
        );
        return None;
    }
    if kinds.len() > 1 {
        cx.error(
            kinds[1].key.span(),
            format!(
                "a field has exactly one kind, found both `{}` and `{}`",
                kinds[0].key, kinds[1].key
            ),
        );
        return None;
    }
    let kind_item = kinds[0];
    let kind = kind_item.key.to_string();
    let (mut ns, mut nillable, mut default, mut fixed, mut namespace) =
        (None, false, None, None, None);
    let mut target_ns = None;
    for item in &items {
        let key = item.key.to_string();
        match key.as_str() {
            k if KIND_KEYS.contains(&k) => {}
            "ns" => {
                if kind != "element" && kind != "attribute" {
                    cx.error(
                        item.key.span(),
                        format!("`ns` applies to `element` or `attribute` fields, not `{kind}`"),
                    );
                }
                ns = str_value(cx, item);
            }
            "nillable" => {
                if kind != "element" {
                    cx.error(
                        item.key.span(),
                        "`nillable` applies to `element` fields only",
                    );
                }
                nillable = flag(cx, item);
            }
            "default" | "fixed" => {
                if kind != "element" && kind != "attribute" {
                    cx.error(
                        item.key.span(),
                        format!("`{key}` applies to `element` or `attribute` fields only"),
                    );
                }
                let v = str_value(cx, item);
                if key == "default" {
                    default = v
                } else {
                    fixed = v
                }
            }
            "namespace" => {
                if kind != "any" {
                    cx.error(item.key.span(), "`namespace` applies to `any` fields only");
                }
                namespace = str_value(cx, item);
            }
            "target_ns" => {
                if kind != "any" {
                    cx.error(item.key.span(), "`target_ns` applies to `any` fields only");
                }
                target_ns = str_value(cx, item);
            }
            _ => {}
        }
    }
    if default.is_some() && fixed.is_some() {
        cx.error(
            kind_item.key.span(),
            "`default` and `fixed` exclude each other",
        );
    }
    let name = |cx: &mut Ctxt| -> Option<String> {
        match &kind_item.value {
            None => {
                cx.error(
                    kind_item.key.span(),
                    format!("`{kind}` needs a name: `{kind} = \"LocalName\"`"),
                );
                None
            }
            Some(_) => {
                let v = str_value(cx, kind_item)?;
                if v.is_empty() || v.contains(':') || v.contains(char::is_whitespace) {
                    cx.error(
                        kind_item.key.span(),
                        format!("`{kind}` takes a local name without prefix, found {v:?}"),
                    );
                }
                Some(v)
            }
        }
    };
    let result = match kind.as_str() {
        "element" => name(cx).map(|local| FieldKind::Element {
            local,
            ns: ns.unwrap_or_default(),
            nillable,
            default,
            fixed,
        }),
        "attribute" => name(cx).map(|local| FieldKind::Attribute {
            local,
            ns: ns.unwrap_or_default(),
            default,
            fixed,
        }),
        other => {
            if kind_item.value.is_some() {
                cx.error(
                    kind_item.key.span(),
                    format!("`{other}` is a flag and takes no value"),
                );
            }
            Some(match other {
                "text" => FieldKind::Text,
                "flatten" => FieldKind::Flatten,
                "choice" => FieldKind::Choice,
                "any" => FieldKind::Any {
                    namespace: namespace.unwrap_or_else(|| "##any".into()),
                    target_ns,
                },
                "any_attribute" => FieldKind::AnyAttribute,
                _ => FieldKind::Mixed,
            })
        }
    };
    if cx.errors.len() > before {
        None
    } else {
        result
    }
}

/// What an enum variant maps to.
pub enum VariantKind {
    Element {
        local: String,
        ns: String,
        /// `xsi:nil` allowed; the payload is `Nillable<T>` (or `Vec<Nillable<T>>`).
        nillable: bool,
        /// Schema `default=` / `fixed=` (simple types and simple-content structs).
        default: Option<String>,
        fixed: Option<String>,
    },
    Flatten,
    Any {
        namespace: String,
        target_ns: Option<String>,
    },
    Type {
        type_name: String,
        type_ns: String,
        base: bool,
    },
    Value(String),
    Plain,
}

const VARIANT_KEYS: &str = "element, ns, nillable, default, fixed, flatten, any, namespace, target_ns, type_name, type_ns, base, value";

/// Parses a variant's attributes. `None` when there are errors (already reported).
pub fn parse_variant(cx: &mut Ctxt, attrs: &[Attribute]) -> Option<VariantKind> {
    let before = cx.errors.len();
    let items = parse_items(cx, attrs);
    let (mut element, mut ns, mut flatten, mut any, mut namespace) =
        (None, None, false, false, None);
    let (mut type_name, mut type_ns, mut base, mut value) = (None, None, false, None);
    let mut target_ns = None;
    let mut nillable = false;
    let (mut default, mut fixed, mut value_span) = (None, None, None);
    let mut kinds: Vec<&Ident> = Vec::new();
    for item in &items {
        match item.key.to_string().as_str() {
            "element" => {
                kinds.push(&item.key);
                if item.value.is_none() {
                    cx.error(
                        item.key.span(),
                        "`element` needs a name: `element = \"LocalName\"`",
                    );
                } else {
                    element = str_value(cx, item);
                }
            }
            "ns" => ns = str_value(cx, item),
            "flatten" => {
                kinds.push(&item.key);
                flatten = flag(cx, item);
            }
            "any" => {
                kinds.push(&item.key);
                any = flag(cx, item);
            }
            "namespace" => namespace = str_value(cx, item),
            "target_ns" => target_ns = str_value(cx, item),
            "nillable" => nillable = flag(cx, item),
            "default" => {
                value_span = Some(item.key.span());
                default = str_value(cx, item);
            }
            "fixed" => {
                value_span = Some(item.key.span());
                fixed = str_value(cx, item);
            }
            "type_name" => {
                kinds.push(&item.key);
                type_name = str_value(cx, item);
            }
            "type_ns" => type_ns = str_value(cx, item),
            "base" => base = flag(cx, item),
            "value" => {
                kinds.push(&item.key);
                value = str_value(cx, item);
            }
            _ => unknown(cx, item, "a variant", VARIANT_KEYS),
        }
    }
    if kinds.len() > 1 {
        cx.error(
            kinds[1].span(),
            format!(
                "a variant has exactly one kind, found both `{}` and `{}`",
                kinds[0], kinds[1]
            ),
        );
    }
    if (default.is_some() || fixed.is_some()) && element.is_none() {
        cx.error(
            value_span.unwrap_or_else(Span::call_site),
            "`default`/`fixed` apply to `element` variants only",
        );
    }
    if default.is_some() && fixed.is_some() {
        cx.error(
            value_span.unwrap_or_else(Span::call_site),
            "`default` and `fixed` exclude each other",
        );
    }
    if cx.errors.len() > before {
        return None;
    }
    Some(if let Some(local) = element {
        VariantKind::Element {
            local,
            ns: ns.unwrap_or_default(),
            nillable,
            default,
            fixed,
        }
    } else if flatten {
        VariantKind::Flatten
    } else if any {
        VariantKind::Any {
            namespace: namespace.unwrap_or_else(|| "##any".into()),
            target_ns,
        }
    } else if let Some(type_name) = type_name {
        VariantKind::Type {
            type_name,
            type_ns: type_ns.unwrap_or_default(),
            base,
        }
    } else if let Some(v) = value {
        VariantKind::Value(v)
    } else {
        VariantKind::Plain
    })
}
