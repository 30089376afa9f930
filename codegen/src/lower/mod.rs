//! Pass 3: schema components and WSDL definitions → the Rust-ready [`Model`].
//!
//! Sub-passes, in order: index derivations and substitution groups → reserve a [`TypeId`] for
//! every named type, global element, polymorphic base and substitution head (so references in
//! any order resolve) → convert each to a shape → operations → break cycles with `Box` → name
//! modules and types.

mod cycles;
pub mod naming;
mod operations;

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::{DiagnosticKind, Diagnostics, Location};
use crate::load::builtin::SOAP_ENC;
use crate::load::xml::XS;
use crate::model::*;
use crate::wsdl::Definitions;
use crate::xsd::*;
use naming::{Case, Namer, rust_ident};

/// Settings that affect lowering.
#[derive(Debug, Clone, Copy)]
pub struct LowerSettings<'a> {
    /// XSD type name → Rust path, used instead of generating or mapping the type.
    pub type_overrides: &'a BTreeMap<QName, String>,
    /// Namespace → Rust module name.
    pub module_names: &'a BTreeMap<String, String>,
}

/// Where an anonymous type is being defined: its namespace and the name it would get.
#[derive(Debug, Clone)]
struct Hint {
    ns: String,
    name: String,
}

impl Hint {
    fn child(&self, raw: &str) -> Hint {
        Hint {
            ns: self.ns.clone(),
            name: format!(
                "{}{}",
                self.name,
                rust_ident(raw, Case::Type).trim_start_matches('_')
            ),
        }
    }
}

/// A type before naming.
#[derive(Debug, Clone)]
struct Pending {
    ns: String,
    hint: String,
    /// Lower claims names first: named types, then elements, then generated helpers.
    priority: u8,
    suffix: Option<&'static str>,
    doc: Option<String>,
    kind: TypeKind,
}

/// The content of a complex type before its fields are named.
#[derive(Debug, Clone, Default)]
struct Parts {
    attrs: Vec<Field>,
    all: bool,
    /// A SOAP-encoded array bound from `wsdl:arrayType`: its rank.
    array_rank: Option<u32>,
    any_attr: bool,
    content: Vec<Field>,
    mixed: bool,
}

struct Lowerer<'a> {
    set: &'a SchemaSet,
    settings: LowerSettings<'a>,
    diags: &'a mut Diagnostics,
    types: BTreeMap<TypeId, Pending>,
    next: u32,
    named: BTreeMap<QName, TypeId>,
    poly: BTreeMap<QName, TypeId>,
    elements: BTreeMap<QName, TypeId>,
    subst: BTreeMap<QName, TypeId>,
    group_structs: BTreeMap<QName, TypeId>,
    group_choices: BTreeMap<QName, (TypeId, bool, bool)>,
    global_simple: BTreeMap<QName, TypeExpr>,
    derived: BTreeMap<QName, Vec<QName>>,
    members: BTreeMap<QName, Vec<QName>>,
    cache: BTreeMap<QName, Parts>,
    in_progress: BTreeSet<QName>,
    inlining: BTreeSet<QName>,
    /// RPC wrappers by (wire name, parts), shared by the SOAP 1.1 and 1.2 bindings of one
    /// port type.
    rpc: BTreeMap<(QName, Vec<(QName, TypeExpr)>), TypeId>,
    /// Anonymous types by (definition site, namespace): a group inlined in several places,
    /// or recursion through an element of a group, reuses one type instead of looping.
    anon: BTreeMap<(Location, String), TypeExpr>,
}

fn string() -> TypeExpr {
    TypeExpr::Path("::std::string::String".into())
}

fn any_element() -> TypeExpr {
    TypeExpr::Runtime("xml::AnyElement")
}

/// The Rust type of an XSD built-in simple type (the table of `docs/xsd-types.md`).
pub fn builtin_type(local: &str) -> Option<TypeExpr> {
    let std = |p: &str| Some(TypeExpr::Path(p.to_string()));
    let rt = |p: &'static str| Some(TypeExpr::Runtime(p));
    match local {
        "string" | "anySimpleType" | "anyAtomicType" => std("::std::string::String"),
        "normalizedString" => rt("types::NormalizedString"),
        "token" => rt("types::Token"),
        "language" => rt("types::Language"),
        "Name" => rt("types::Name"),
        "NCName" => rt("types::NcName"),
        "ID" => rt("types::Id"),
        "IDREF" => rt("types::IdRef"),
        "IDREFS" => rt("types::List<types::IdRef>"),
        "ENTITY" => rt("types::Entity"),
        "ENTITIES" => rt("types::List<types::Entity>"),
        "NMTOKEN" => rt("types::NmToken"),
        "NMTOKENS" => rt("types::List<types::NmToken>"),
        "anyURI" => rt("types::AnyUri"),
        "QName" | "NOTATION" => rt("types::QName"),
        "boolean" => std("bool"),
        "float" => std("f32"),
        "double" => std("f64"),
        "long" => std("i64"),
        "int" => std("i32"),
        "short" => std("i16"),
        "byte" => std("i8"),
        "unsignedLong" => std("u64"),
        "unsignedInt" => std("u32"),
        "unsignedShort" => std("u16"),
        "unsignedByte" => std("u8"),
        "decimal" => rt("types::Decimal"),
        "integer" => rt("types::Integer"),
        "nonNegativeInteger" => rt("types::NonNegativeInteger"),
        "positiveInteger" => rt("types::PositiveInteger"),
        "nonPositiveInteger" => rt("types::NonPositiveInteger"),
        "negativeInteger" => rt("types::NegativeInteger"),
        "dateTime" | "dateTimeStamp" => rt("types::DateTime"),
        "date" => rt("types::Date"),
        "time" => rt("types::Time"),
        "duration" | "yearMonthDuration" | "dayTimeDuration" => rt("types::Duration"),
        "gYear" => rt("types::GYear"),
        "gYearMonth" => rt("types::GYearMonth"),
        "gMonth" => rt("types::GMonth"),
        "gMonthDay" => rt("types::GMonthDay"),
        "gDay" => rt("types::GDay"),
        "base64Binary" => rt("types::Base64Binary"),
        "hexBinary" => rt("types::HexBinary"),
        "anyType" => Some(any_element()),
        _ => None,
    }
}

/// Lowers everything into a model.
pub fn lower(
    set: &SchemaSet,
    defs: &Definitions,
    settings: LowerSettings<'_>,
    builtin_namespaces: &BTreeSet<String>,
    diags: &mut Diagnostics,
) -> Model {
    let mut l = Lowerer {
        set,
        settings,
        diags,
        types: BTreeMap::new(),
        next: 0,
        named: BTreeMap::new(),
        poly: BTreeMap::new(),
        elements: BTreeMap::new(),
        subst: BTreeMap::new(),
        group_structs: BTreeMap::new(),
        group_choices: BTreeMap::new(),
        global_simple: BTreeMap::new(),
        derived: BTreeMap::new(),
        members: BTreeMap::new(),
        cache: BTreeMap::new(),
        in_progress: BTreeSet::new(),
        inlining: BTreeSet::new(),
        rpc: BTreeMap::new(),
        anon: BTreeMap::new(),
    };
    l.index();
    l.reserve();
    l.fill();
    let bindings = operations::lower_operations(&mut l, defs);
    let mut types = l.types;
    prune_builtins(&mut types, &bindings, builtin_namespaces);
    drop_complex_defaults(&mut types);
    cycles::break_cycles(&mut types);
    name_everything(types, bindings, defs, settings)
}

impl Lowerer<'_> {
    fn alloc(
        &mut self,
        ns: &str,
        hint: String,
        priority: u8,
        suffix: Option<&'static str>,
        doc: Option<String>,
    ) -> TypeId {
        let id = TypeId(self.next);
        self.next += 1;
        self.types.insert(
            id,
            Pending {
                ns: ns.to_string(),
                hint,
                priority,
                suffix,
                doc,
                kind: TypeKind::Alias(string()),
            },
        );
        id
    }

    fn set_kind(&mut self, id: TypeId, kind: TypeKind) {
        if let Some(p) = self.types.get_mut(&id) {
            p.kind = kind;
        }
    }

    fn dangling(&mut self, loc: &Location, kind: &'static str, name: &QName) {
        self.diags.error(
            loc,
            DiagnosticKind::DanglingRef {
                kind,
                name: name.to_string(),
            },
        );
    }

    fn index(&mut self) {
        for (q, def) in &self.set.types {
            if let TypeDef::Complex(ct) = def
                && let Content::Simple { base, .. } | Content::Complex { base, .. } = &ct.content
                && matches!(self.set.types.get(base), Some(TypeDef::Complex(_)))
                && base != q
            {
                self.derived
                    .entry(base.clone())
                    .or_default()
                    .push(q.clone());
            }
        }
        for (q, e) in &self.set.elements {
            for head in &e.substitution_group {
                if head != q {
                    self.members
                        .entry(head.clone())
                        .or_default()
                        .push(q.clone());
                }
            }
        }
    }

    /// All types derived from `q`, transitively, in name order.
    fn descendants(&self, q: &QName) -> BTreeSet<QName> {
        let mut out = BTreeSet::new();
        let mut stack = vec![q.clone()];
        while let Some(t) = stack.pop() {
            for d in self.derived.get(&t).into_iter().flatten() {
                if d != q && out.insert(d.clone()) {
                    stack.push(d.clone());
                }
            }
        }
        out
    }

    /// The elements that may appear where `head` is referenced: itself unless abstract, then
    /// every non-abstract member of its substitution group, transitively, in name order.
    fn alternatives(&self, head: &QName) -> Vec<QName> {
        let mut members = BTreeSet::new();
        let mut stack = vec![head.clone()];
        while let Some(t) = stack.pop() {
            for m in self.members.get(&t).into_iter().flatten() {
                if m != head && members.insert(m.clone()) {
                    stack.push(m.clone());
                }
            }
        }
        let usable = |q: &QName| self.set.elements.get(q).is_some_and(|e| !e.is_abstract);
        let mut out: Vec<QName> = Vec::new();
        if usable(head) {
            out.push(head.clone());
        }
        out.extend(members.into_iter().filter(|m| usable(m)));
        out
    }

    fn is_complex(&self, q: &QName) -> bool {
        matches!(self.set.types.get(q), Some(TypeDef::Complex(_)))
    }

    fn reserve(&mut self) {
        let set = self.set;
        for (q, def) in &set.types {
            let doc = match def {
                TypeDef::Simple(s) => s.doc.clone(),
                TypeDef::Complex(c) => c.doc.clone(),
            };
            let id = self.alloc(
                &q.ns,
                rust_ident(&q.local, Case::Type),
                0,
                Some("Type"),
                doc,
            );
            self.named.insert(q.clone(), id);
        }
        for (q, def) in &set.types {
            if let TypeDef::Complex(_) = def {
                let concrete = self.descendants(q).into_iter().any(
                    |d| matches!(set.types.get(&d), Some(TypeDef::Complex(c)) if !c.is_abstract),
                );
                if concrete {
                    let hint = format!("{}Kind", rust_ident(&q.local, Case::Type));
                    let doc = Some(format!(
                        "`{}` or any type derived from it, chosen by `xsi:type`.",
                        q.local
                    ));
                    let id = self.alloc(&q.ns, hint, 2, None, doc);
                    self.poly.insert(q.clone(), id);
                }
            }
        }
        for (q, e) in &set.elements {
            let id = self.alloc(
                &q.ns,
                rust_ident(&q.local, Case::Type),
                1,
                Some("Element"),
                e.doc.clone(),
            );
            self.elements.insert(q.clone(), id);
        }
        for q in set.elements.keys() {
            if self.members.contains_key(q) && !self.alternatives(q).is_empty() {
                let hint = format!("{}Choice", rust_ident(&q.local, Case::Type));
                let doc = Some(format!(
                    "`{}` or any element of its substitution group.",
                    q.local
                ));
                let id = self.alloc(&q.ns, hint, 3, None, doc);
                self.subst.insert(q.clone(), id);
            }
        }
    }

    fn fill(&mut self) {
        let set = self.set;
        for (q, def) in &set.types {
            let id = self.named[q];
            let hint = Hint {
                ns: q.ns.clone(),
                name: rust_ident(&q.local, Case::Type),
            };
            let kind = match def {
                TypeDef::Complex(ct) => {
                    let parts = self.named_parts(q);
                    TypeKind::Struct(StructType {
                        root: None,
                        type_name: Some(q.clone()),
                        mixed: parts.mixed || ct.mixed,
                        group: false,
                        all: parts.all,
                        array_rank: parts.array_rank,
                        fields: assemble(parts),
                    })
                }
                TypeDef::Simple(st) => self.simple_kind(st, &hint),
            };
            self.set_kind(id, kind);
        }
        let polys: Vec<(QName, TypeId)> =
            self.poly.iter().map(|(q, id)| (q.clone(), *id)).collect();
        for (q, id) in polys {
            let mut variants = Vec::new();
            let base_abstract =
                matches!(set.types.get(&q), Some(TypeDef::Complex(c)) if c.is_abstract);
            if !base_abstract {
                variants.push((q.clone(), true));
            }
            for d in self.descendants(&q) {
                if matches!(set.types.get(&d), Some(TypeDef::Complex(c)) if !c.is_abstract) {
                    variants.push((d, false));
                }
            }
            let mut namer = Namer::default();
            let variants = variants
                .into_iter()
                .map(|(t, base)| PolymorphicVariant {
                    name: namer.unique(&rust_ident(&t.local, Case::Type), None, Case::Type),
                    ty: self.named[&t],
                    type_name: t,
                    base,
                    boxed: false,
                })
                .collect();
            self.set_kind(
                id,
                TypeKind::Polymorphic(PolymorphicType {
                    root: None,
                    variants,
                }),
            );
        }
        for (q, decl) in &set.elements {
            let id = self.elements[q];
            let kind = self.element_struct(q, decl);
            self.set_kind(id, kind);
        }
        let substs: Vec<(QName, TypeId)> =
            self.subst.iter().map(|(q, id)| (q.clone(), *id)).collect();
        for (head, id) in substs {
            let mut namer = Namer::default();
            let mut variants = Vec::new();
            for m in self.alternatives(&head) {
                let ty = self.global_element_type(&m, 0);
                let doc = set.elements.get(&m).and_then(|e| e.doc.clone());
                variants.push(ChoiceVariant {
                    name: namer.unique(&rust_ident(&m.local, Case::Type), None, Case::Type),
                    kind: VariantKind::Element(m),
                    ty,
                    boxed: false,
                    doc,
                });
            }
            self.set_kind(id, TypeKind::Choice(ChoiceType { variants }));
        }
    }

    fn head_type(&self, decl: &ElementDecl, depth: u32) -> Option<(QName, ElementDecl)> {
        if depth > 16 {
            return None;
        }
        let head = decl.substitution_group.first()?;
        let h = self.set.elements.get(head)?;
        if h.type_ref.is_some() {
            Some((head.clone(), h.clone()))
        } else {
            self.head_type(h, depth + 1)
        }
    }

    /// The struct for a global element (`root` set).
    fn element_struct(&mut self, q: &QName, decl: &ElementDecl) -> TypeKind {
        let hint = Hint {
            ns: q.ns.clone(),
            name: rust_ident(&q.local, Case::Type),
        };
        let (type_ref, owner) = match &decl.type_ref {
            Some(t) => (Some(t.clone()), q.clone()),
            None => match self.head_type(decl, 0) {
                Some((h, hd)) => (hd.type_ref.clone(), h),
                None => (None, q.clone()),
            },
        };
        if decl.nillable
            && let Some(inner) = self.nillable_inner(q, type_ref.as_ref(), &owner)
        {
            return TypeKind::NillableRoot(NillableRootType {
                root: q.clone(),
                inner,
            });
        }
        let struct_of = |parts: Parts, type_name: Option<QName>| {
            TypeKind::Struct(StructType {
                root: Some(q.clone()),
                type_name,
                mixed: parts.mixed,
                group: false,
                all: parts.all,
                array_rank: parts.array_rank,
                fields: assemble(parts),
            })
        };
        match type_ref {
            Some(TypeRef::Inline(def)) => match *def {
                TypeDef::Complex(ct) => {
                    let mut parts = self.complex_parts(&ct, &hint);
                    parts.mixed |= ct.mixed;
                    struct_of(parts, None)
                }
                TypeDef::Simple(_) => {
                    let ty = self.global_element_type(&owner, 0);
                    struct_of(text_parts(ty), None)
                }
            },
            Some(TypeRef::Named(t, loc)) => {
                if self.settings.type_overrides.contains_key(&t) || !self.is_complex(&t) {
                    if t == QName::new(XS, "anyType") {
                        return struct_of(any_type_parts(), None);
                    }
                    let ty = self.type_expr(&t, &loc);
                    struct_of(text_parts(ty), None)
                } else if let Some(TypeKind::Polymorphic(p)) = self
                    .poly
                    .get(&t)
                    .and_then(|id| self.types.get(id))
                    .map(|p| &p.kind)
                {
                    // The element's type has derived types: the root is the `xsi:type`
                    // dispatch itself, with the polymorphic enum's variants.
                    TypeKind::Polymorphic(PolymorphicType {
                        root: Some(q.clone()),
                        variants: p.variants.clone(),
                    })
                } else {
                    let parts = self.named_parts(&t);
                    struct_of(parts, Some(t))
                }
            }
            None => struct_of(any_type_parts(), None),
        }
    }

    /// What a non-nil value of a nillable global element holds: the element's type (the
    /// polymorphic enum when it has derived types; an anonymous complex type gets its own
    /// `…Value` struct). `None` for `xs:anyType` and untyped elements, whose root struct keeps
    /// everything (attributes included) and stays as it is.
    fn nillable_inner(
        &mut self,
        q: &QName,
        type_ref: Option<&TypeRef>,
        owner: &QName,
    ) -> Option<TypeExpr> {
        match type_ref? {
            TypeRef::Inline(def) => match &**def {
                TypeDef::Complex(_) => Some(self.anonymous(def, &nillable_value_hint(q))),
                TypeDef::Simple(_) => Some(self.global_element_type(owner, 0)),
            },
            TypeRef::Named(t, loc) => {
                if *t == QName::new(XS, "anyType") && !self.settings.type_overrides.contains_key(t)
                {
                    return None;
                }
                Some(self.type_expr(t, loc))
            }
        }
    }

    /// The payload type of a global element used as a field or variant.
    fn global_element_type(&mut self, q: &QName, depth: u32) -> TypeExpr {
        let set = self.set;
        let Some(decl) = set.elements.get(q) else {
            return string();
        };
        match &decl.type_ref {
            Some(TypeRef::Named(t, loc)) => self.type_expr(t, loc),
            Some(TypeRef::Inline(def)) => match &**def {
                // A nillable element's root is a `Nillable` newtype: fields referring to the
                // element hold its content type (and carry `nillable` themselves).
                TypeDef::Complex(_) if decl.nillable => {
                    self.anonymous(def, &nillable_value_hint(q))
                }
                TypeDef::Complex(_) => TypeExpr::Named(self.elements[q]),
                TypeDef::Simple(_) => {
                    if let Some(t) = self.global_simple.get(q) {
                        return t.clone();
                    }
                    let hint = Hint {
                        ns: q.ns.clone(),
                        name: format!("{}Value", rust_ident(&q.local, Case::Type)),
                    };
                    let t = self.anonymous(def, &hint);
                    self.global_simple.insert(q.clone(), t.clone());
                    t
                }
            },
            None => match decl.substitution_group.first() {
                Some(head) if depth < 16 && set.elements.contains_key(head) => {
                    let head = head.clone();
                    self.global_element_type(&head, depth + 1)
                }
                _ => any_element(),
            },
        }
    }

    /// A reference to a named type.
    fn type_expr(&mut self, q: &QName, loc: &Location) -> TypeExpr {
        if let Some(p) = self.settings.type_overrides.get(q) {
            return TypeExpr::Path(p.clone());
        }
        if q.ns == XS || (q.ns == SOAP_ENC && !self.named.contains_key(q)) {
            if let Some(t) = builtin_type(&q.local) {
                return t;
            }
            self.dangling(loc, "built-in type", q);
            return string();
        }
        if let Some(id) = self.poly.get(q).or_else(|| self.named.get(q)) {
            return TypeExpr::Named(*id);
        }
        self.dangling(loc, "type", q);
        string()
    }

    /// An anonymous type defined at `hint`.
    fn anonymous(&mut self, def: &TypeDef, hint: &Hint) -> TypeExpr {
        let key = (def.loc().clone(), hint.ns.clone());
        if let Some(t) = self.anon.get(&key) {
            return t.clone();
        }
        let t = self.anonymous_new(def, hint, key.clone());
        self.anon.insert(key, t.clone());
        t
    }

    fn anonymous_new(&mut self, def: &TypeDef, hint: &Hint, key: (Location, String)) -> TypeExpr {
        match def {
            TypeDef::Complex(ct) => {
                let id = self.alloc(&hint.ns, hint.name.clone(), 4, None, ct.doc.clone());
                self.anon.insert(key, TypeExpr::Named(id));
                // A new type starts a new content model: groups inlined by the parent may
                // legitimately appear again inside it.
                let saved = std::mem::take(&mut self.inlining);
                let parts = self.complex_parts(ct, hint);
                self.inlining = saved;
                let kind = TypeKind::Struct(StructType {
                    root: None,
                    type_name: None,
                    mixed: parts.mixed || ct.mixed,
                    group: false,
                    all: parts.all,
                    array_rank: parts.array_rank,
                    fields: assemble(parts),
                });
                self.set_kind(id, kind);
                TypeExpr::Named(id)
            }
            TypeDef::Simple(st) => match self.simple_kind(st, hint) {
                TypeKind::Alias(t) => t,
                kind => {
                    let id = self.alloc(&hint.ns, hint.name.clone(), 4, None, st.doc.clone());
                    self.set_kind(id, kind);
                    TypeExpr::Named(id)
                }
            },
        }
    }

    fn simple_kind(&mut self, st: &SimpleType, hint: &Hint) -> TypeKind {
        match &st.variety {
            SimpleVariety::Restriction { base, facets } => {
                if !facets.enumeration.is_empty() {
                    let mut namer = Namer::default();
                    let values = facets
                        .enumeration
                        .iter()
                        .map(|v| EnumerationValue {
                            name: namer.unique(&rust_ident(&v.value, Case::Type), None, Case::Type),
                            value: v.value.clone(),
                            doc: v.doc.clone(),
                        })
                        .collect();
                    return TypeKind::Enumeration(EnumerationType { values });
                }
                if facet_attrs(facets).is_empty() {
                    return TypeKind::Alias(self.simple_ref(base, &hint.child("Base")));
                }
                let (base, merged, older_patterns) = self.flatten_restriction(base, facets);
                let inner = self.simple_ref(&base, &hint.child("Base"));
                let mut facets = facet_attrs(&merged);
                // XSD: the value must match the patterns of every derivation step; the derive
                // checks every `pattern` attribute.
                facets.extend(
                    older_patterns
                        .into_iter()
                        .map(|p| ("pattern".to_string(), FacetValue::Str(p))),
                );
                TypeKind::Newtype(NewtypeType { inner, facets })
            }
            SimpleVariety::List { item } => {
                TypeKind::List(self.simple_ref(item, &hint.child("Item")))
            }
            SimpleVariety::Union { members } => {
                let mut namer = Namer::default();
                let mut out = Vec::new();
                for (i, m) in members.iter().enumerate() {
                    let raw = match m {
                        TypeRef::Named(q, _) => rust_ident(&q.local, Case::Type),
                        TypeRef::Inline(_) => format!("Variant{}", i + 1),
                    };
                    let ty = self.simple_ref(m, &hint.child(&raw));
                    out.push((namer.unique(&raw, None, Case::Type), ty));
                }
                TypeKind::Union(UnionType { members: out })
            }
        }
    }

    /// Follows a chain of facet-only restrictions down to the first type that is not one (a
    /// built-in, an enumeration, a list or union, or an anonymous type), merging facets on the
    /// way: a newtype then wraps a value type the derive can compare bounds on, and every
    /// step's facets are checked. A later step's facet replaces an earlier one's.
    /// The patterns of the earlier steps are returned separately (each step's alternatives
    /// joined): all of them apply, not only the most derived one.
    fn flatten_restriction(
        &self,
        base: &TypeRef,
        facets: &Facets,
    ) -> (TypeRef, Facets, Vec<String>) {
        let mut merged = facets.clone();
        let mut older_patterns = Vec::new();
        let mut base = base.clone();
        for _ in 0..32 {
            let TypeRef::Named(q, _) = &base else { break };
            if self.settings.type_overrides.contains_key(q) {
                break;
            }
            let Some(TypeDef::Simple(SimpleType {
                variety:
                    SimpleVariety::Restriction {
                        base: next,
                        facets: older,
                    },
                ..
            })) = self.set.types.get(q)
            else {
                break;
            };
            if !older.enumeration.is_empty() {
                break;
            }
            if !merged.patterns.is_empty() && !older.patterns.is_empty() {
                let joined = join_patterns(&older.patterns);
                if !older_patterns.contains(&joined) && [joined.clone()] != *merged.patterns {
                    older_patterns.push(joined);
                }
            }
            merged = merge_facets(older, &merged);
            base = next.clone();
        }
        (base, merged, older_patterns)
    }

    fn simple_ref(&mut self, r: &TypeRef, hint: &Hint) -> TypeExpr {
        match r {
            TypeRef::Named(q, loc) => {
                if self.is_complex(q) && !self.settings.type_overrides.contains_key(q) {
                    self.diags.error(
                        loc,
                        DiagnosticKind::Invalid(format!(
                            "`{q}` is a complex type; a simple type is required here"
                        )),
                    );
                    return string();
                }
                self.type_expr(q, loc)
            }
            TypeRef::Inline(def) => self.anonymous(def, hint),
        }
    }

    /// Complete parts of a named complex type (inherited content included), cached.
    fn named_parts(&mut self, q: &QName) -> Parts {
        if let Some(p) = self.cache.get(q) {
            return p.clone();
        }
        let set = self.set;
        let Some(TypeDef::Complex(ct)) = set.types.get(q) else {
            return Parts::default();
        };
        if self.in_progress.len() > crate::load::xml::MAX_DEPTH {
            // Bounded so hostile derivation chains cannot exhaust the stack.
            self.diags.error(
                &ct.loc,
                DiagnosticKind::Invalid(format!(
                    "type `{q}` is more than {} derivation steps deep",
                    crate::load::xml::MAX_DEPTH
                )),
            );
            return Parts::default();
        }
        if !self.in_progress.insert(q.clone()) {
            self.diags.error(
                &ct.loc,
                DiagnosticKind::Invalid(format!("type `{q}` derives from itself")),
            );
            return Parts::default();
        }
        let hint = Hint {
            ns: q.ns.clone(),
            name: rust_ident(&q.local, Case::Type),
        };
        let saved = std::mem::take(&mut self.inlining);
        let mut parts = self.complex_parts(ct, &hint);
        self.inlining = saved;
        parts.mixed |= ct.mixed;
        self.in_progress.remove(q);
        self.cache.insert(q.clone(), parts.clone());
        parts
    }

    fn complex_parts(&mut self, ct: &ComplexType, hint: &Hint) -> Parts {
        let set = self.set;
        let mut parts = Parts::default();
        match &ct.content {
            Content::Empty => {}
            Content::Particle(p) => {
                parts.all = matches!(&p.term, Term::Group(g) if g.compositor == Compositor::All);
                self.particle(p, hint, &mut parts.content, false)
            }
            Content::Simple { base, base_loc, .. } => {
                if self.is_complex(base) && !self.settings.type_overrides.contains_key(base) {
                    parts = self.named_parts(base);
                    if !parts.content.iter().any(|f| f.kind == FieldKind::Text) {
                        // A simpleContent derived from a mixed or empty complex type.
                        parts.content = text_parts(string()).content;
                    }
                } else {
                    let ty = self.type_expr(base, base_loc);
                    parts.content = text_parts(ty).content;
                }
            }
            Content::Complex {
                derivation,
                base,
                base_loc,
                particle,
            } => {
                let any_type = *base == QName::new(XS, "anyType");
                let soap_array = *base == QName::new(SOAP_ENC, "Array");
                if any_type {
                    if *derivation == Derivation::Extension {
                        // Extending xs:anyType keeps its open content: every child, text and
                        // attribute, in order.
                        parts.mixed = true;
                        parts.any_attr = true;
                    }
                    if let Some(p) = particle {
                        self.particle(p, hint, &mut parts.content, false);
                    }
                } else if !self.is_complex(base) {
                    if set.types.contains_key(base) || base.ns == XS {
                        self.diags.error(
                            base_loc,
                            DiagnosticKind::Invalid(format!(
                                "complexContent cannot derive from the simple type `{base}`"
                            )),
                        );
                    } else {
                        self.dangling(base_loc, "type", base);
                    }
                } else {
                    let b = self.named_parts(base);
                    parts.attrs = b.attrs;
                    parts.any_attr = b.any_attr;
                    parts.mixed = b.mixed;
                    if *derivation == Derivation::Extension {
                        parts.content = b.content;
                    }
                    if let Some(p) = particle {
                        self.particle(p, hint, &mut parts.content, false);
                    } else if soap_array {
                        let (content, rank) = self.soap_array_items(ct, hint);
                        parts.content = content;
                        parts.array_rank = rank;
                    }
                }
            }
        }
        let mut visiting = BTreeSet::new();
        self.attr_items(
            &ct.attributes,
            hint,
            &mut parts.attrs,
            &mut parts.any_attr,
            &mut visiting,
        );
        if ct.any_attribute.is_some() {
            parts.any_attr = true;
        }
        parts.mixed |= ct.mixed;
        if parts.mixed || !has_array_type_attr(&parts.attrs) {
            // The size check needs `soapenc:arrayType` (a schema may prohibit it).
            parts.array_rank = None;
        }
        parts
    }

    /// SOAP-encoded array without a particle: items typed by `wsdl:arrayType`, under the
    /// conventional unqualified `item` element name, and the array's rank (the last bracket
    /// group: `[,]` is 2). The groups before it make the items arrays themselves (jagged,
    /// `xsd:int[][]`): each level is a struct like the outer one, `item: Vec<T>` plus the
    /// `soapenc:Array` attributes, so every inner array keeps its own `arrayType`.
    fn soap_array_items(&mut self, ct: &ComplexType, hint: &Hint) -> (Vec<Field>, Option<u32>) {
        let array_type = ct.attributes.iter().find_map(|a| match a {
            AttrItem::Use(u) => u.array_type.clone().map(|t| (t, u.loc.clone())),
            AttrItem::GroupRef(..) => None,
        });
        let (ty, rank) = match array_type {
            Some(((q, dims), loc)) => {
                let mut ty = self.type_expr(&q, &loc);
                let mut ranks = array_ranks(&dims);
                if ranks.len() > crate::load::xml::MAX_DEPTH {
                    // Bounded: every level is a type with a longer name.
                    self.diags.error(
                        &loc,
                        DiagnosticKind::Invalid(format!(
                            "`wsdl:arrayType` nests arrays more than {} levels deep",
                            crate::load::xml::MAX_DEPTH
                        )),
                    );
                    ranks.clear();
                }
                match ranks.split_last() {
                    Some((outer, inner)) => {
                        // `atype[r1][r2]..[asize]`: the outer array's members have rank r1,
                        // theirs r2, ...; built from the innermost level out.
                        let mut names = Vec::new();
                        let mut h = hint.child("Item");
                        for _ in inner {
                            names.push(h.clone());
                            h = h.child("Item");
                        }
                        for (rank, h) in inner.iter().zip(names).rev() {
                            ty = self.nested_array(ty, *rank, &h);
                        }
                        (ty, Some(*outer))
                    }
                    None => (ty, None),
                }
            }
            None => (any_element(), None),
        };
        (vec![array_member_field(ty)], rank)
    }

    /// One level of a jagged SOAP-encoded array: `soapenc:Array`'s attributes and the members.
    fn nested_array(&mut self, item: TypeExpr, rank: u32, hint: &Hint) -> TypeExpr {
        let doc = Some("A nested SOAP-encoded array (one level of a jagged array).".to_string());
        let id = self.alloc(&hint.ns, hint.name.clone(), 4, None, doc);
        let base = self.named_parts(&QName::new(SOAP_ENC, "Array"));
        let parts = Parts {
            attrs: base.attrs,
            any_attr: base.any_attr,
            content: vec![array_member_field(item)],
            array_rank: Some(rank),
            ..Parts::default()
        };
        let array_rank = parts
            .array_rank
            .filter(|_| has_array_type_attr(&parts.attrs));
        self.set_kind(
            id,
            TypeKind::Struct(StructType {
                root: None,
                type_name: None,
                mixed: false,
                group: false,
                all: false,
                array_rank,
                fields: assemble(parts),
            }),
        );
        TypeExpr::Named(id)
    }

    fn attr_items(
        &mut self,
        items: &[AttrItem],
        hint: &Hint,
        attrs: &mut Vec<Field>,
        any: &mut bool,
        visiting: &mut BTreeSet<QName>,
    ) {
        let set = self.set;
        for item in items {
            match item {
                AttrItem::Use(u) => {
                    let (name, decl_default, decl_fixed, ty, doc) = match &u.target {
                        AttrTarget::Local(d) => {
                            let ty = self.attr_type(d, &hint.child(&d.name.local));
                            (d.name.clone(), None, None, ty, d.doc.clone())
                        }
                        AttrTarget::Ref(q) => match set.attributes.get(q) {
                            Some(d) => {
                                let ty = match self.global_simple.get(&attr_key(q)) {
                                    Some(t) => t.clone(),
                                    None => {
                                        let h = Hint {
                                            ns: q.ns.clone(),
                                            name: format!(
                                                "{}Attribute",
                                                rust_ident(&q.local, Case::Type)
                                            ),
                                        };
                                        let t = self.attr_type(d, &h);
                                        self.global_simple.insert(attr_key(q), t.clone());
                                        t
                                    }
                                };
                                (
                                    q.clone(),
                                    d.default.clone(),
                                    d.fixed.clone(),
                                    ty,
                                    d.doc.clone(),
                                )
                            }
                            None => {
                                self.dangling(&u.loc, "attribute", q);
                                continue;
                            }
                        },
                    };
                    let same = |f: &Field| matches!(&f.kind, FieldKind::Attribute { name: n, .. } if *n == name);
                    if u.use_kind == AttrUseKind::Prohibited {
                        attrs.retain(|f| !same(f));
                        continue;
                    }
                    let default = u.default.clone().or(decl_default);
                    let fixed = u.fixed.clone().or(decl_fixed);
                    let ty = soap_array_type(&name, ty, default.is_some() || fixed.is_some());
                    let occurs = if u.use_kind == AttrUseKind::Required
                        || default.is_some()
                        || fixed.is_some()
                    {
                        Occurs::One
                    } else {
                        Occurs::Optional
                    };
                    let field = Field {
                        name: name.local.clone(),
                        kind: FieldKind::Attribute {
                            name: name.clone(),
                            default,
                            fixed,
                        },
                        ty,
                        occurs,
                        boxed: false,
                        nillable: false,
                        doc,
                    };
                    match attrs.iter_mut().find(|f| same(f)) {
                        Some(existing) => *existing = field,
                        None => attrs.push(field),
                    }
                }
                AttrItem::GroupRef(q, loc) => {
                    if !visiting.insert(q.clone()) {
                        continue;
                    }
                    match set.attribute_groups.get(q) {
                        Some(g) => {
                            self.attr_items(&g.items, hint, attrs, any, visiting);
                            if g.any_attribute.is_some() {
                                *any = true;
                            }
                        }
                        None => self.dangling(loc, "attributeGroup", q),
                    }
                    visiting.remove(q);
                }
            }
        }
    }

    fn attr_type(&mut self, d: &AttributeDecl, hint: &Hint) -> TypeExpr {
        match &d.type_ref {
            Some(r) => self.simple_ref(r, hint),
            None => string(),
        }
    }

    fn particle(&mut self, p: &Particle, hint: &Hint, out: &mut Vec<Field>, optional_ctx: bool) {
        let set = self.set;
        let optional = optional_ctx || p.min == 0;
        let many = p.is_repeated();
        let occurs = if many {
            Occurs::Many
        } else if optional {
            Occurs::Optional
        } else {
            Occurs::One
        };
        if p.max == MaxOccurs::Bounded(0) {
            return;
        }
        match &p.term {
            Term::Element(decl) => {
                let ty = self.local_element_type(decl, &hint.child(&decl.name.local));
                out.push(element_field(decl, ty, occurs));
            }
            Term::ElementRef(q) => {
                if let Some(id) = self.subst.get(q) {
                    out.push(Field {
                        name: q.local.clone(),
                        kind: FieldKind::Choice,
                        ty: TypeExpr::Named(*id),
                        occurs,
                        boxed: false,
                        nillable: false,
                        doc: None,
                    });
                } else if let Some(decl) = set.elements.get(q) {
                    let ty = self.global_element_type(q, 0);
                    out.push(element_field(decl, ty, occurs));
                } else {
                    self.dangling(&p.loc, "element", q);
                }
            }
            Term::Group(g) => self.group_particle(g, None, hint, out, optional, many),
            Term::GroupRef(q) => match set.groups.get(q) {
                Some(gd) => {
                    if self.inlining.len() > crate::load::xml::MAX_DEPTH
                        || !self.inlining.insert(q.clone())
                    {
                        self.diags.error(
                            &p.loc,
                            DiagnosticKind::Invalid(format!(
                                "group `{q}` contains itself (or group references nest too deep)"
                            )),
                        );
                        return;
                    }
                    self.group_particle(&gd.group, Some(q), hint, out, optional, many);
                    self.inlining.remove(q);
                }
                None => self.dangling(&p.loc, "group", q),
            },
            Term::Any(w) => out.push(Field {
                name: "any".into(),
                kind: FieldKind::Any {
                    namespace: wildcard_namespace(w),
                    target_ns: wildcard_target(w),
                },
                ty: any_element(),
                occurs,
                boxed: false,
                nillable: false,
                doc: None,
            }),
        }
    }

    fn group_particle(
        &mut self,
        g: &ModelGroup,
        name: Option<&QName>,
        hint: &Hint,
        out: &mut Vec<Field>,
        optional: bool,
        many: bool,
    ) {
        match g.compositor {
            Compositor::Sequence | Compositor::All if !many => {
                for c in &g.particles {
                    self.particle(c, hint, out, optional);
                }
            }
            Compositor::Sequence | Compositor::All => {
                let id = self.sequence_group(g, name, hint);
                out.push(Field {
                    name: name.map_or("sequence".into(), |q| q.local.clone()),
                    kind: FieldKind::Flatten,
                    ty: TypeExpr::Named(id),
                    occurs: Occurs::Many,
                    boxed: false,
                    nillable: false,
                    doc: None,
                });
            }
            Compositor::Choice => {
                let (id, rep, empty) = match name {
                    Some(q) => self.named_choice(g, q),
                    None => self.choice_enum(g, &hint.child("Choice")),
                };
                let occurs = if many || rep {
                    Occurs::Many
                } else if optional || empty {
                    Occurs::Optional
                } else {
                    Occurs::One
                };
                out.push(Field {
                    name: name.map_or("choice".into(), |q| q.local.clone()),
                    kind: FieldKind::Choice,
                    ty: TypeExpr::Named(id),
                    occurs,
                    boxed: false,
                    nillable: false,
                    doc: None,
                });
            }
        }
    }

    fn local_element_type(&mut self, decl: &ElementDecl, hint: &Hint) -> TypeExpr {
        match &decl.type_ref {
            Some(TypeRef::Named(q, loc)) => self.type_expr(q, loc),
            Some(TypeRef::Inline(def)) => self.anonymous(def, hint),
            None => any_element(),
        }
    }

    fn sequence_group(&mut self, g: &ModelGroup, name: Option<&QName>, hint: &Hint) -> TypeId {
        if let Some(id) = name.and_then(|q| self.group_structs.get(q)) {
            return *id;
        }
        let h = match name {
            Some(q) => Hint {
                ns: q.ns.clone(),
                name: rust_ident(&q.local, Case::Type),
            },
            None => hint.child("Sequence"),
        };
        let doc = name
            .and_then(|q| self.set.groups.get(q))
            .and_then(|g| g.doc.clone());
        let id = self.alloc(&h.ns, h.name.clone(), 4, Some("Group"), doc);
        if let Some(q) = name {
            self.group_structs.insert(q.clone(), id);
        }
        let mut content = Vec::new();
        for c in &g.particles {
            self.particle(c, &h, &mut content, false);
        }
        let parts = Parts {
            content,
            ..Parts::default()
        };
        self.set_kind(
            id,
            TypeKind::Struct(StructType {
                root: None,
                type_name: None,
                mixed: false,
                group: true,
                all: false,
                array_rank: None,
                fields: assemble(parts),
            }),
        );
        id
    }

    fn named_choice(&mut self, g: &ModelGroup, q: &QName) -> (TypeId, bool, bool) {
        if let Some(c) = self.group_choices.get(q) {
            return *c;
        }
        let hint = Hint {
            ns: q.ns.clone(),
            name: rust_ident(&q.local, Case::Type),
        };
        let r = self.choice_enum(g, &hint);
        self.group_choices.insert(q.clone(), r);
        r
    }

    fn choice_enum(&mut self, g: &ModelGroup, hint: &Hint) -> (TypeId, bool, bool) {
        let id = self.alloc(&hint.ns, hint.name.clone(), 4, Some("Choice"), None);
        let mut variants = Vec::new();
        let (mut rep, mut empty) = (false, false);
        self.choice_variants(g, hint, &mut variants, &mut rep, &mut empty);
        let mut namer = Namer::default();
        for v in &mut variants {
            v.name = namer.unique(&rust_ident(&v.name, Case::Type), None, Case::Type);
        }
        if variants.is_empty() {
            empty = true;
        }
        self.set_kind(id, TypeKind::Choice(ChoiceType { variants }));
        (id, rep, empty)
    }

    fn choice_variants(
        &mut self,
        g: &ModelGroup,
        hint: &Hint,
        out: &mut Vec<ChoiceVariant>,
        rep: &mut bool,
        empty: &mut bool,
    ) {
        let set = self.set;
        for p in &g.particles {
            // A repeated element branch is one `Vec` variant (see `VariantKind::ElementOf`);
            // other repeated branches (groups, substitution groups, wildcards) still make the
            // whole choice repeat.
            let element_list = p.is_repeated()
                && match &p.term {
                    Term::Element(_) => true,
                    Term::ElementRef(q) => !self.subst.contains_key(q),
                    _ => false,
                };
            if p.is_repeated() && !element_list {
                *rep = true;
            }
            if p.min == 0 {
                *empty = true;
            }
            let element_kind = |q: &QName, d: &ElementDecl| {
                let (default, fixed) = (d.default.clone(), d.fixed.clone());
                if element_list || d.nillable || default.is_some() || fixed.is_some() {
                    VariantKind::ElementOf {
                        name: q.clone(),
                        many: element_list,
                        nillable: d.nillable,
                        default,
                        fixed,
                    }
                } else {
                    VariantKind::Element(q.clone())
                }
            };
            match &p.term {
                Term::Element(decl) => {
                    let ty = self.local_element_type(decl, &hint.child(&decl.name.local));
                    out.push(variant(
                        &decl.name.local,
                        element_kind(&decl.name, decl),
                        ty,
                        decl.doc.clone(),
                    ));
                }
                Term::ElementRef(q) => {
                    if !set.elements.contains_key(q) {
                        self.dangling(&p.loc, "element", q);
                        continue;
                    }
                    let alternatives = if self.subst.contains_key(q) {
                        self.alternatives(q)
                    } else {
                        vec![q.clone()]
                    };
                    for m in alternatives {
                        let ty = self.global_element_type(&m, 0);
                        let Some(decl) = set.elements.get(&m) else {
                            continue;
                        };
                        let doc = decl.doc.clone();
                        out.push(variant(&m.local, element_kind(&m, decl), ty, doc));
                    }
                }
                Term::Group(inner) => self.choice_inner(inner, None, hint, out, rep, empty),
                Term::GroupRef(q) => match set.groups.get(q) {
                    Some(gd) => {
                        if self.inlining.len() > crate::load::xml::MAX_DEPTH
                            || !self.inlining.insert(q.clone())
                        {
                            self.diags.error(
                                &p.loc,
                                DiagnosticKind::Invalid(format!("group `{q}` contains itself")),
                            );
                            continue;
                        }
                        self.choice_inner(&gd.group, Some(q), hint, out, rep, empty);
                        self.inlining.remove(q);
                    }
                    None => self.dangling(&p.loc, "group", q),
                },
                Term::Any(w) => out.push(variant(
                    "Other",
                    VariantKind::Any {
                        namespace: wildcard_namespace(w),
                        target_ns: wildcard_target(w),
                    },
                    any_element(),
                    None,
                )),
            }
        }
    }

    fn choice_inner(
        &mut self,
        inner: &ModelGroup,
        name: Option<&QName>,
        hint: &Hint,
        out: &mut Vec<ChoiceVariant>,
        rep: &mut bool,
        empty: &mut bool,
    ) {
        match inner.compositor {
            Compositor::Choice => self.choice_variants(inner, hint, out, rep, empty),
            Compositor::Sequence | Compositor::All => {
                if inner.particles.iter().all(|p| p.min == 0) {
                    *empty = true;
                }
                if inner.particles.is_empty() {
                    return;
                }
                let id = self.sequence_group(inner, name, hint);
                let raw = name.map_or("Sequence".to_string(), |q| q.local.clone());
                out.push(variant(
                    &raw,
                    VariantKind::Flatten,
                    TypeExpr::Named(id),
                    None,
                ));
            }
        }
    }
}

/// `default`/`fixed` apply to text: simple types, and structs with simple content (a `text`
/// field), which the derive reads with the element's default. On element-only content (an
/// XSD error, since such a value constraint must be valid for the type), a polymorphic type
/// or `xs:anyType` the constraint is dropped; the element still round-trips.
fn drop_complex_defaults(types: &mut BTreeMap<TypeId, Pending>) {
    let complex: BTreeSet<TypeId> = types
        .iter()
        .filter(|(_, p)| match &p.kind {
            TypeKind::Struct(s) => !s.fields.iter().any(|f| f.kind == FieldKind::Text),
            TypeKind::Choice(_) | TypeKind::Polymorphic(_) => true,
            _ => false,
        })
        .map(|(id, _)| *id)
        .collect();
    let is_complex = |t: &TypeExpr| match t {
        TypeExpr::Named(id) => complex.contains(id),
        TypeExpr::Runtime(r) => r.starts_with("xml::"),
        TypeExpr::Path(_) => false,
    };
    for p in types.values_mut() {
        match &mut p.kind {
            TypeKind::Struct(s) => {
                for f in &mut s.fields {
                    if let (FieldKind::Element { default, fixed, .. }, true) =
                        (&mut f.kind, is_complex(&f.ty))
                    {
                        *default = None;
                        *fixed = None;
                    }
                }
            }
            TypeKind::Choice(c) => {
                for v in &mut c.variants {
                    if let (VariantKind::ElementOf { default, fixed, .. }, true) =
                        (&mut v.kind, is_complex(&v.ty))
                    {
                        *default = None;
                        *fixed = None;
                    }
                }
            }
            _ => {}
        }
    }
}

/// Every generated type a type refers to.
fn references(kind: &TypeKind) -> Vec<TypeId> {
    let mut out = Vec::new();
    let mut add = |t: &TypeExpr| {
        if let TypeExpr::Named(id) = t {
            out.push(*id);
        }
    };
    match kind {
        TypeKind::Struct(s) => s.fields.iter().for_each(|f| add(&f.ty)),
        TypeKind::Choice(c) => c.variants.iter().for_each(|v| add(&v.ty)),
        TypeKind::Polymorphic(p) => p.variants.iter().for_each(|v| add(&TypeExpr::Named(v.ty))),
        TypeKind::Enumeration(_) => {}
        TypeKind::Newtype(n) => add(&n.inner),
        TypeKind::Alias(t) | TypeKind::List(t) => add(t),
        TypeKind::Union(u) => u.members.iter().for_each(|(_, t)| add(t)),
        TypeKind::NillableRoot(n) => add(&n.inner),
    }
    out
}

/// Drops types of the built-in schemas (`xml:`, SOAP encoding) that nothing uses, so they do
/// not show up as modules in every output.
fn prune_builtins(
    types: &mut BTreeMap<TypeId, Pending>,
    bindings: &[BindingModel],
    builtin: &BTreeSet<String>,
) {
    let mut reachable: BTreeSet<TypeId> = BTreeSet::new();
    let mut stack: Vec<TypeId> = types
        .iter()
        .filter(|(_, p)| !builtin.contains(&p.ns))
        .map(|(id, _)| *id)
        .collect();
    for b in bindings {
        for op in &b.operations {
            for m in op.input.iter().chain(&op.output) {
                for t in m
                    .body
                    .iter()
                    .chain(m.parts.iter().map(|p| &p.ty))
                    .chain(m.headers.iter().map(|p| &p.ty))
                {
                    if let TypeExpr::Named(id) = t {
                        stack.push(*id);
                    }
                }
            }
            for f in &op.faults {
                if let Some(TypeExpr::Named(id)) = f.detail.as_ref().map(|d| &d.ty) {
                    stack.push(*id);
                }
            }
        }
    }
    while let Some(id) = stack.pop() {
        if reachable.insert(id)
            && let Some(p) = types.get(&id)
        {
            stack.extend(references(&p.kind));
        }
    }
    types.retain(|id, _| reachable.contains(id));
}

/// The `namespace` of an `any` field, `None` for `##any`. `##targetNamespace` becomes the URI
/// itself, since the derive resolves it against the container's namespace, which anonymous
/// and group types do not have.
fn wildcard_namespace(w: &Wildcard) -> Option<String> {
    if w.namespace == "##any" {
        return None;
    }
    let tns = if w.target_namespace.is_empty() {
        "##local"
    } else {
        w.target_namespace.as_str()
    };
    Some(
        w.namespace
            .split_ascii_whitespace()
            .map(|t| if t == "##targetNamespace" { tns } else { t })
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// `##other` excludes the declaring schema's target namespace. Anonymous types, groups and
/// choices have no `type_ns` for the derive to compare against, so the namespace is carried on
/// the wildcard itself (for named types it is the same URI).
fn wildcard_target(w: &Wildcard) -> Option<String> {
    (w.namespace.split_ascii_whitespace().any(|t| t == "##other") && !w.target_namespace.is_empty())
        .then(|| w.target_namespace.clone())
}

/// The members of a SOAP-encoded array.
fn array_member_field(ty: TypeExpr) -> Field {
    Field {
        name: "item".into(),
        kind: FieldKind::Element {
            name: QName::new("", "item"),
            default: None,
            fixed: None,
        },
        ty,
        occurs: Occurs::Many,
        boxed: false,
        nillable: false,
        doc: None,
    }
}

/// `soapenc:arrayType` (declared `xs:string` by the SOAP 1.1 encoding schema) holds a
/// namespace-qualified item type (`it:AccountData[2]`): as text its prefix would be written
/// back undeclared, so it gets the runtime type that resolves and re-declares it. A schema
/// `default`/`fixed` keeps the text type, since its prefix belongs to the schema, not to the
/// instance the value would be resolved in.
fn soap_array_type(name: &QName, ty: TypeExpr, has_literal: bool) -> TypeExpr {
    if *name == QName::new(SOAP_ENC, "arrayType") && !has_literal && ty == string() {
        TypeExpr::Runtime("types::ArrayType")
    } else {
        ty
    }
}

fn has_array_type_attr(attrs: &[Field]) -> bool {
    attrs.iter().any(|f| {
        matches!(&f.kind, FieldKind::Attribute { name, .. } if *name == QName::new(SOAP_ENC, "arrayType"))
    })
}

/// The rank of every bracket group of a `wsdl:arrayType` suffix: `[][2,3]` is `[1, 2]`.
/// Anything that is not a bracket group ends the list.
fn array_ranks(dims: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut rest = dims.trim();
    while let Some(after) = rest.strip_prefix('[') {
        let Some(end) = after.find(']') else { break };
        let commas = after[..end].matches(',').count();
        out.push(u32::try_from(commas).map_or(u32::MAX, |c| c.saturating_add(1)));
        rest = after[end + 1..].trim_start();
    }
    out
}

fn attr_key(q: &QName) -> QName {
    // Global attributes and global elements share `global_simple`; `@` keeps them apart.
    QName::new(q.ns.clone(), format!("@{}", q.local))
}

fn variant(raw: &str, kind: VariantKind, ty: TypeExpr, doc: Option<String>) -> ChoiceVariant {
    ChoiceVariant {
        name: raw.to_string(),
        kind,
        ty,
        boxed: false,
        doc,
    }
}

fn element_field(decl: &ElementDecl, ty: TypeExpr, occurs: Occurs) -> Field {
    Field {
        name: decl.name.local.clone(),
        kind: FieldKind::Element {
            name: decl.name.clone(),
            default: decl.default.clone(),
            fixed: decl.fixed.clone(),
        },
        ty,
        occurs,
        boxed: false,
        nillable: decl.nillable,
        doc: decl.doc.clone(),
    }
}

/// Names the content struct of a nillable global element with an anonymous complex type.
fn nillable_value_hint(q: &QName) -> Hint {
    Hint {
        ns: q.ns.clone(),
        name: format!("{}Value", rust_ident(&q.local, Case::Type)),
    }
}

fn text_parts(ty: TypeExpr) -> Parts {
    Parts {
        content: vec![Field {
            name: "value".into(),
            kind: FieldKind::Text,
            ty,
            occurs: Occurs::One,
            boxed: false,
            nillable: false,
            doc: None,
        }],
        ..Parts::default()
    }
}

/// `xs:anyType` as a root element: everything kept, in order.
fn any_type_parts() -> Parts {
    Parts {
        any_attr: true,
        mixed: true,
        ..Parts::default()
    }
}

/// `newer` (the more derived step) over `older`. Patterns of different steps must all match
/// in XSD: the most derived one is kept here, `flatten_restriction` collects the others.
fn merge_facets(older: &Facets, newer: &Facets) -> Facets {
    Facets {
        enumeration: newer.enumeration.clone(),
        patterns: if newer.patterns.is_empty() {
            older.patterns.clone()
        } else {
            newer.patterns.clone()
        },
        length: newer.length.or(older.length),
        min_length: newer.min_length.or(older.min_length),
        max_length: newer.max_length.or(older.max_length),
        min_inclusive: newer
            .min_inclusive
            .clone()
            .or_else(|| older.min_inclusive.clone()),
        max_inclusive: newer
            .max_inclusive
            .clone()
            .or_else(|| older.max_inclusive.clone()),
        min_exclusive: newer
            .min_exclusive
            .clone()
            .or_else(|| older.min_exclusive.clone()),
        max_exclusive: newer
            .max_exclusive
            .clone()
            .or_else(|| older.max_exclusive.clone()),
        total_digits: newer.total_digits.or(older.total_digits),
        fraction_digits: newer.fraction_digits.or(older.fraction_digits),
        white_space: newer
            .white_space
            .clone()
            .or_else(|| older.white_space.clone()),
    }
}

/// Several patterns in one derivation step are alternatives (XSD 1.0 §4.3.4).
fn join_patterns(patterns: &[String]) -> String {
    match patterns {
        [one] => one.clone(),
        many => many
            .iter()
            .map(|p| format!("({p})"))
            .collect::<Vec<_>>()
            .join("|"),
    }
}

fn facet_attrs(f: &Facets) -> Vec<(String, FacetValue)> {
    let mut out = Vec::new();
    if !f.patterns.is_empty() {
        out.push((
            "pattern".into(),
            FacetValue::Str(join_patterns(&f.patterns)),
        ));
    }
    if let Some(n) = f.length {
        out.push(("length".into(), FacetValue::Int(n)));
    }
    if let Some(n) = f.min_length {
        out.push(("min_length".into(), FacetValue::Int(n)));
    }
    if let Some(n) = f.max_length {
        out.push(("max_length".into(), FacetValue::Int(n)));
    }
    for (k, v) in [
        ("min_inclusive", &f.min_inclusive),
        ("max_inclusive", &f.max_inclusive),
        ("min_exclusive", &f.min_exclusive),
        ("max_exclusive", &f.max_exclusive),
    ] {
        if let Some(v) = v {
            out.push((k.into(), FacetValue::Str(v.clone())));
        }
    }
    if let Some(n) = f.total_digits {
        out.push(("total_digits".into(), FacetValue::Int(u64::from(n))));
    }
    if let Some(n) = f.fraction_digits {
        out.push(("fraction_digits".into(), FacetValue::Int(u64::from(n))));
    }
    out
}

/// Puts the parts in field order (attributes, any-attribute, then content) and gives every
/// field a unique Rust name: content fields claim names first, attributes get `_attr` on a
/// clash.
fn assemble(parts: Parts) -> Vec<Field> {
    let Parts {
        attrs,
        all: _,
        array_rank: _,
        any_attr,
        content,
        mixed,
    } = parts;
    let mut fields = attrs;
    if any_attr {
        fields.push(Field {
            name: "any_attributes".into(),
            kind: FieldKind::AnyAttribute,
            ty: TypeExpr::Runtime("xml::AnyAttribute"),
            occurs: Occurs::Many,
            boxed: false,
            nillable: false,
            doc: None,
        });
    }
    if mixed {
        fields.push(Field {
            name: "content".into(),
            kind: FieldKind::Mixed,
            ty: TypeExpr::Runtime("xml::Node"),
            occurs: Occurs::Many,
            boxed: false,
            nillable: false,
            doc: None,
        });
    } else {
        fields.extend(content);
    }
    let mut namer = Namer::default();
    let is_attr = |f: &Field| {
        matches!(
            f.kind,
            FieldKind::Attribute { .. } | FieldKind::AnyAttribute
        )
    };
    let mut names = vec![String::new(); fields.len()];
    for (i, f) in fields.iter().enumerate().filter(|(_, f)| !is_attr(f)) {
        names[i] = namer.unique(&rust_ident(&f.name, Case::Snake), None, Case::Snake);
    }
    for (i, f) in fields.iter().enumerate().filter(|(_, f)| is_attr(f)) {
        names[i] = namer.unique(&rust_ident(&f.name, Case::Snake), Some("attr"), Case::Snake);
    }
    for (f, n) in fields.iter_mut().zip(names) {
        f.name = n;
    }
    fields
}

/// A Rust module name for a namespace URI: the last meaningful segments of the URI.
pub fn module_name_for(ns: &str) -> String {
    if ns.is_empty() {
        return "no_namespace".into();
    }
    let rest = ns
        .strip_prefix("http://")
        .or_else(|| ns.strip_prefix("https://"))
        .or_else(|| ns.strip_prefix("urn:"))
        .unwrap_or(ns);
    let mut segments: Vec<String> = Vec::new();
    for (i, seg) in rest
        .split(['/', ':', '#', '?'])
        .filter(|s| !s.is_empty())
        .enumerate()
    {
        if i == 0 && seg.contains('.') {
            // A host name: drop `www.` and the top-level domain.
            let labels: Vec<&str> = seg.split('.').filter(|l| *l != "www").collect();
            let keep = if labels.len() > 1 {
                &labels[..labels.len() - 1]
            } else {
                &labels[..]
            };
            segments.push(keep.join("_"));
        } else {
            segments.push(seg.replace('.', "_"));
        }
    }
    let mut take = segments.len().min(2);
    while take < segments.len()
        && segments[segments.len() - take].starts_with(|c: char| c.is_ascii_digit())
    {
        take += 1;
    }
    let joined = segments[segments.len() - take..].join("_");
    rust_ident(&joined, Case::Snake)
}

fn name_everything(
    types: BTreeMap<TypeId, Pending>,
    mut bindings: Vec<BindingModel>,
    defs: &Definitions,
    settings: LowerSettings<'_>,
) -> Model {
    let mut namespaces: BTreeSet<String> = types.values().map(|p| p.ns.clone()).collect();
    namespaces.extend(bindings.iter().map(|b| b.module.clone()));
    let mut model = Model::default();
    let mut module_of: BTreeMap<String, String> = BTreeMap::new();
    let mut namer = Namer::default();
    // Explicitly named modules claim their names first.
    for ns in &namespaces {
        if let Some(n) = settings.module_names.get(ns) {
            module_of.insert(
                ns.clone(),
                namer.unique(&rust_ident(n, Case::Snake), None, Case::Snake),
            );
        }
    }
    for ns in &namespaces {
        if !module_of.contains_key(ns) {
            module_of.insert(
                ns.clone(),
                namer.unique(&module_name_for(ns), None, Case::Snake),
            );
        }
    }
    for (ns, m) in &module_of {
        let mut doc = format!("Namespace `{ns}`.");
        if let Some(d) = defs.docs.get(ns) {
            doc = format!("{d}\n\n{doc}");
        }
        model.modules.insert(
            m.clone(),
            Module {
                namespace: ns.clone(),
                doc: Some(doc),
            },
        );
    }
    let mut order: Vec<(&String, u8, &String, TypeId)> = types
        .iter()
        .map(|(id, p)| (&p.ns, p.priority, &p.hint, *id))
        .collect();
    order.sort();
    let mut namers: BTreeMap<String, Namer> = BTreeMap::new();
    let mut names: BTreeMap<TypeId, String> = BTreeMap::new();
    for b in &bindings {
        // Binding modules share the namespace module with types.
        namers
            .entry(b.module.clone())
            .or_default()
            .unique(&b.name, None, Case::Snake);
    }
    for (ns, _, hint, id) in order {
        let suffix = types[&id].suffix;
        let name = namers
            .entry(ns.clone())
            .or_default()
            .unique(hint, suffix, Case::Type);
        names.insert(id, name);
    }
    for (id, p) in types {
        let Pending { ns, doc, kind, .. } = p;
        model.types.insert(
            id,
            RustType {
                module: module_of[&ns].clone(),
                name: names.remove(&id).unwrap_or_default(),
                doc,
                kind,
            },
        );
    }
    for b in &mut bindings {
        b.module = module_of[&b.module].clone();
    }
    model.bindings = bindings;
    model
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_names() {
        assert_eq!(
            module_name_for("http://schemas.xmlsoap.org/soap/encoding/"),
            "soap_encoding"
        );
        assert_eq!(
            module_name_for("http://www.w3.org/XML/1998/namespace"),
            "xml_1998_namespace"
        );
        assert_eq!(module_name_for("http://tempuri.org/"), "tempuri");
        assert_eq!(module_name_for(""), "no_namespace");
        assert_eq!(
            module_name_for("http://schemas.microsoft.com/exchange/services/2006/types"),
            "services_2006_types"
        );
        assert_eq!(
            module_name_for("urn:messages.ws.rightnow.com/v1_4"),
            "messages_ws_rightnow_v1_4"
        );
    }
}
