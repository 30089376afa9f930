//! Instance documents produced from the generated model (the corpus ships none).
//!
//! For a global element the writer walks the model the bindings were emitted from and writes a
//! document that uses every field: optional fields present, repeated fields twice near the
//! root, choices and `xsi:type` variants rotated by a seed, every third nillable element
//! `xsi:nil`, a nillable global element itself `xsi:nil` for every other seed (`nil root`).
//! Values come from the built-in type (and, for restricted types, the length and bound facets;
//! of a union, the first member that yields a value). Patterns are not solved: a value that
//! breaks one is not written, optional content needing one is left out, and validation of the
//! instance against the original schema (xmllint, or xmlschema where libxml2 cannot compile
//! it) is the filter: only valid instances are round-tripped. SOAP-encoded arrays are written
//! as SOAP encoding writes them. A [`Guide`] steers the writer towards types carrying features
//! the unguided instances miss. The model keeps the content of a mixed type as one opaque node
//! list, so it is written as text only: a mixed type with required child elements gives invalid
//! instances, which validation filters out.

use std::collections::{BTreeMap, BTreeSet};

use soapstone_codegen::QName;
use soapstone_codegen::model::{
    FacetValue, FieldKind, Model, Occurs, StructType, TypeExpr, TypeId, TypeKind, VariantKind,
};

use crate::schemas::{ANY_NS, SOAP_ENC, SchemaBundle, SoapArray};

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const MAX_DEPTH: usize = 14;

/// Schema features an instance exercises.
pub type Features = BTreeSet<&'static str>;

/// A generated instance.
#[derive(Debug, Clone)]
pub struct Instance {
    /// The document.
    pub xml: String,
    /// The document a faithful round trip writes back: `xml` without the redundant `xsi:type`
    /// attributes SOAP encoding puts on arrays and their members (they name the element's
    /// own declared type, so they carry no information and a binding need not keep them).
    pub expected: String,
    /// What it exercises (`xsi:type`, `choice`, `any`, `mixed`, `list`, `union`, `nil`, ...).
    pub features: Features,
}

struct Writer<'m> {
    model: &'m Model,
    bundle: &'m SchemaBundle,
    arrays: &'m BTreeMap<QName, SoapArray>,
    out: String,
    expected: String,
    /// A redundant `xsi:type` for the next element written (a SOAP-encoded array member).
    member_type: Option<QName>,
    seed: usize,
    ids: usize,
    nils: usize,
    stack: Vec<TypeId>,
    features: Features,
    /// Steers optional content, choices and `xsi:type` variants towards wanted features.
    guide: Option<&'m Guide>,
    /// Why the instance could not be written (the first dead end met).
    why: Option<String>,
}

/// What the writer saves before optional content, to take it back when that content cannot be
/// written (an unsatisfiable pattern, a required recursion past the depth limit).
struct Mark {
    out: usize,
    expected: usize,
    features: Features,
    stack: usize,
    nils: usize,
    ids: usize,
    seed: usize,
}

/// Directions for writing instances that exercise features the unguided instances miss.
///
/// The writer normally leaves out optional content below depth 5 and picks choice branches and
/// `xsi:type` variants by seed; a guided writer also writes optional content, and prefers the
/// branches and variants, that lead to a type carrying a wanted feature.
#[derive(Debug, Clone, Default)]
pub struct Guide {
    /// The wanted features.
    pub want: Features,
    /// Types from which a type carrying a wanted feature can be reached (those types included).
    leads: BTreeSet<TypeId>,
}

impl Guide {
    /// A guide towards the types of `model` that carry one of `want` (see [`carriers`]).
    pub fn new(model: &Model, bundle: &SchemaBundle, want: &Features) -> Self {
        let carried = carriers(model, bundle);
        let mut parents: BTreeMap<TypeId, BTreeSet<TypeId>> = BTreeMap::new();
        for (id, t) in &model.types {
            for child in children(&t.kind) {
                parents.entry(child).or_default().insert(*id);
            }
        }
        let mut leads = BTreeSet::new();
        let mut stack: Vec<TypeId> = carried
            .iter()
            .filter(|(_, f)| f.iter().any(|x| want.contains(x)))
            .map(|(id, _)| *id)
            .collect();
        while let Some(id) = stack.pop() {
            if leads.insert(id) {
                stack.extend(parents.get(&id).into_iter().flatten().copied());
            }
        }
        Guide {
            want: want.clone(),
            leads,
        }
    }
}

/// The generated types a type refers to (fields, choice branches, `xsi:type` variants).
pub fn children(kind: &TypeKind) -> Vec<TypeId> {
    let named = |e: &TypeExpr| match e {
        TypeExpr::Named(id) => Some(*id),
        _ => None,
    };
    match kind {
        TypeKind::Struct(s) => s.fields.iter().filter_map(|f| named(&f.ty)).collect(),
        TypeKind::Choice(c) => c.variants.iter().filter_map(|v| named(&v.ty)).collect(),
        TypeKind::Polymorphic(p) => p.variants.iter().map(|v| v.ty).collect(),
        TypeKind::NillableRoot(n) => named(&n.inner).into_iter().collect(),
        TypeKind::Alias(e) | TypeKind::List(e) => named(e).into_iter().collect(),
        TypeKind::Newtype(n) => named(&n.inner).into_iter().collect(),
        TypeKind::Union(u) => u.members.iter().filter_map(|(_, e)| named(e)).collect(),
        TypeKind::Enumeration(_) => Vec::new(),
    }
}

/// The features each type of `model` carries itself, as the writer names them: what writing a
/// value of the type exercises without descending into another element's type (`mixed` and
/// `any` of a struct, `choice` fields, nillable elements, `list`/`union` simple types of its
/// elements and attributes, the branches of a choice, a polymorphic enum's `xsi:type`
/// variants, a SOAP-encoded array).
pub fn carriers(model: &Model, bundle: &SchemaBundle) -> BTreeMap<TypeId, Features> {
    let mut out: BTreeMap<TypeId, Features> = BTreeMap::new();
    let arrays = bundle.soap_arrays();
    for (id, t) in &model.types {
        let mut f = Features::new();
        match &t.kind {
            TypeKind::Struct(s) => {
                if s.mixed {
                    f.insert("mixed");
                }
                if s.type_name.as_ref().is_some_and(|n| arrays.contains_key(n)) {
                    f.insert("soapenc:Array");
                    f.insert("encoded xsi:type");
                }
                for field in &s.fields {
                    match &field.kind {
                        FieldKind::Any { .. } => {
                            f.insert("any");
                        }
                        FieldKind::Choice => {
                            f.insert("choice");
                        }
                        FieldKind::Element { .. }
                        | FieldKind::Attribute { .. }
                        | FieldKind::Text => {
                            simple_features(model, &field.ty, &mut f, &mut BTreeSet::new());
                        }
                        _ => {}
                    }
                    if field.nillable {
                        f.insert("nil");
                    }
                }
            }
            TypeKind::Choice(c) => {
                for v in &c.variants {
                    match &v.kind {
                        VariantKind::Element(q) => {
                            if bundle.substitutes(q) {
                                f.insert("substitution group");
                            }
                            simple_features(model, &v.ty, &mut f, &mut BTreeSet::new());
                        }
                        VariantKind::ElementOf {
                            name,
                            nillable,
                            many,
                            ..
                        } => {
                            if bundle.substitutes(name) {
                                f.insert("substitution group");
                            }
                            if *nillable {
                                f.insert("nil");
                            }
                            if *many {
                                f.insert("repeated branch");
                            }
                            simple_features(model, &v.ty, &mut f, &mut BTreeSet::new());
                        }
                        VariantKind::Any { .. } => {
                            f.insert("any");
                        }
                        VariantKind::Flatten => {}
                    }
                }
            }
            TypeKind::Polymorphic(p) => {
                f.insert("polymorphic");
                if p.variants.iter().any(|v| !v.base) {
                    f.insert("xsi:type");
                }
            }
            TypeKind::NillableRoot(_) => {
                f.insert("nil");
            }
            _ => {}
        }
        if !f.is_empty() {
            out.insert(*id, f);
        }
    }
    out
}

/// `list` and `union` of a simple type (through aliases, restrictions and union members).
fn simple_features(model: &Model, ty: &TypeExpr, f: &mut Features, seen: &mut BTreeSet<TypeId>) {
    match ty {
        TypeExpr::Runtime(p) if p.starts_with("types::List<") => {
            f.insert("list");
        }
        TypeExpr::Named(id) if seen.insert(*id) => match model.types.get(id).map(|t| &t.kind) {
            Some(TypeKind::Alias(inner)) => simple_features(model, inner, f, seen),
            Some(TypeKind::Newtype(n)) => simple_features(model, &n.inner, f, seen),
            Some(TypeKind::List(item)) => {
                f.insert("list");
                simple_features(model, item, f, seen);
            }
            Some(TypeKind::Union(u)) => {
                f.insert("union");
                for (_, m) in &u.members {
                    simple_features(model, m, f, seen);
                }
            }
            _ => {}
        },
        _ => {}
    }
}

/// Writes an instance of the global element struct `root` (named `name`); the error says why
/// the model cannot be instantiated (a required recursion past the depth limit, a required
/// value no pattern-free value satisfies, an abstract element). The SOAP-encoded array types
/// of `bundle` are written the way SOAP encoding writes them (`soapenc:arrayType="p:Item[n]"`,
/// `xsi:type` on the array and its members). With a `guide`, optional content and choices
/// leading to the wanted features are preferred (see [`Guide`]).
pub fn instance(
    model: &Model,
    bundle: &SchemaBundle,
    root: TypeId,
    name: &QName,
    seed: usize,
    guide: Option<&Guide>,
) -> Result<Instance, String> {
    if bundle.is_abstract(name) {
        return Err("an abstract element (only its substitutes can occur)".into());
    }
    let mut w = Writer {
        model,
        bundle,
        arrays: bundle.soap_arrays(),
        out: String::new(),
        expected: String::new(),
        member_type: None,
        seed,
        ids: 0,
        nils: 0,
        stack: Vec::new(),
        features: Features::new(),
        guide,
        why: None,
    };
    let Some(t) = model.types.get(&root) else {
        return Err("not a generated type".into());
    };
    let written = match &t.kind {
        // A nillable global element: every other seed writes the root itself nil.
        TypeKind::NillableRoot(n) => {
            // A guide wanting `nil` gets the nil root (the only nillable element some sets
            // have).
            if w.next().is_multiple_of(2) || w.wants("nil") {
                w.features.insert("nil");
                w.features.insert("nil root");
                w.start(name, true);
                w.put(" xsi:nil=\"true\"/>");
                Some(())
            } else {
                w.root_value(&n.inner, name)
            }
        }
        _ => w.root_value(&TypeExpr::Named(root), name),
    };
    if written.is_none() {
        return Err(w
            .why
            .unwrap_or_else(|| "the model cannot be instantiated".into()));
    }
    Ok(Instance {
        xml: w.out,
        expected: w.expected,
        features: w.features,
    })
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;")
}

impl<'m> Writer<'m> {
    /// Appends to the instance and to the expected output.
    fn put(&mut self, s: &str) {
        self.out.push_str(s);
        self.expected.push_str(s);
    }

    /// A redundant `xsi:type` naming `t` (the element's declared type), written to the
    /// instance only.
    fn redundant_type(&mut self, t: &QName) {
        self.features.insert("encoded xsi:type");
        if t.ns.is_empty() {
            self.out.push_str(&format!(" xsi:type=\"{}\"", t.local));
        } else {
            self.out.push_str(&format!(
                " xmlns:rt=\"{}\" xsi:type=\"rt:{}\"",
                esc(&t.ns),
                t.local
            ));
        }
    }

    /// Records why the instance cannot be written (the first dead end wins).
    fn fail<T>(&mut self, why: impl FnOnce() -> String) -> Option<T> {
        if self.why.is_none() {
            self.why = Some(why());
        }
        None
    }

    fn mark(&self) -> Mark {
        Mark {
            out: self.out.len(),
            expected: self.expected.len(),
            features: self.features.clone(),
            stack: self.stack.len(),
            nils: self.nils,
            ids: self.ids,
            seed: self.seed,
        }
    }

    /// Takes back everything written since `m`, and the reason it failed.
    fn reset(&mut self, m: Mark) {
        self.out.truncate(m.out);
        self.expected.truncate(m.expected);
        self.features = m.features;
        self.stack.truncate(m.stack);
        self.nils = m.nils;
        self.ids = m.ids;
        self.seed = m.seed;
        self.member_type = None;
        self.why = None;
    }

    /// Whether a guide wants `feature`.
    fn wants(&self, feature: &str) -> bool {
        self.guide.is_some_and(|g| g.want.contains(feature))
    }

    /// Whether writing a value of `ty` can reach a feature the guide wants.
    fn leads(&self, ty: &TypeExpr) -> bool {
        match (self.guide, ty) {
            (Some(g), TypeExpr::Named(id)) => g.leads.contains(id),
            _ => false,
        }
    }

    /// The variant of a polymorphic enum to write: by seed, or with a guide one leading to a
    /// wanted feature (a derived type when `xsi:type` is wanted).
    fn variant(&mut self, variants: &[soapstone_codegen::model::PolymorphicVariant]) -> usize {
        let n = variants.len();
        let k = self.next() % n;
        let good = |w: &Self, v: &soapstone_codegen::model::PolymorphicVariant| {
            w.leads(&TypeExpr::Named(v.ty)) || (!v.base && w.wants("xsi:type"))
        };
        if self.guide.is_some()
            && !good(self, &variants[k])
            && let Some(j) = (0..n)
                .map(|j| (k + j) % n)
                .find(|&j| good(self, &variants[j]))
        {
            return j;
        }
        k
    }

    /// An element of a polymorphic type: one variant, with `xsi:type` when it is a derived one.
    fn polymorphic(
        &mut self,
        variants: &[soapstone_codegen::model::PolymorphicVariant],
        name: &QName,
        root: bool,
    ) -> Option<()> {
        if variants.is_empty() {
            return self.fail(|| "a polymorphic type without variants".into());
        }
        let v = &variants[self.variant(variants)];
        let (vt, base, tn) = (v.ty, v.base, v.type_name.clone());
        self.features.insert("polymorphic");
        self.strukt(vt, name, (!base).then_some(&tn), root)
    }

    fn next(&mut self) -> usize {
        self.seed = self
            .seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.seed >> 33
    }

    fn kind(&self, ty: &TypeExpr) -> Option<&'m TypeKind> {
        let model: &'m Model = self.model;
        match ty {
            TypeExpr::Named(id) => model.types.get(id).map(|t| &t.kind),
            _ => None,
        }
    }

    fn depth(&self) -> usize {
        self.stack.len()
    }

    fn recursing(&self, ty: &TypeExpr) -> bool {
        matches!(ty, TypeExpr::Named(id) if self.stack.contains(id))
    }

    fn start(&mut self, name: &QName, root: bool) {
        self.put("<");
        if name.ns.is_empty() {
            self.put(&name.local);
        } else {
            self.put(&format!("p:{} xmlns:p=\"{}\"", name.local, esc(&name.ns)));
        }
        if root {
            self.put(&format!(
                " xmlns:xsi=\"{XSI}\" xmlns:q=\"urn:soapstone:corpus:q\""
            ));
        }
        if let Some(t) = self.member_type.take() {
            self.redundant_type(&t);
        }
    }

    fn end(&mut self, name: &QName) {
        if name.ns.is_empty() {
            self.put(&format!("</{}>", name.local));
        } else {
            self.put(&format!("</p:{}>", name.local));
        }
    }

    /// The document element `name` holding a value of `ty`.
    fn root_value(&mut self, ty: &TypeExpr, name: &QName) -> Option<()> {
        match (self.kind(ty), ty) {
            (Some(TypeKind::Polymorphic(p)), _) => self.polymorphic(&p.variants, name, true),
            (Some(TypeKind::Struct(_)), TypeExpr::Named(id)) => self.strukt(*id, name, None, true),
            (Some(TypeKind::Choice(_) | TypeKind::NillableRoot(_)), _) => {
                self.fail(|| "a choice or nillable type as a document".into())
            }
            _ if matches!(ty, TypeExpr::Runtime("xml::AnyElement")) => {
                self.fail(|| "an element of type xs:anyType as a document".into())
            }
            _ => {
                let v = self.simple(ty)?;
                self.start(name, true);
                self.put(">");
                self.put(&esc(&v));
                self.end(name);
                Some(())
            }
        }
    }

    /// A struct-typed element: attributes, then content.
    fn strukt(
        &mut self,
        id: TypeId,
        name: &QName,
        xsi_type: Option<&QName>,
        root: bool,
    ) -> Option<()> {
        if self.depth() > MAX_DEPTH {
            let t = &self.model.types[&id];
            let (module, name) = (t.module.clone(), t.name.clone());
            return self.fail(|| {
                format!(
                    "required content nests deeper than {MAX_DEPTH} levels (at {module}::{name})"
                )
            });
        }
        let TypeKind::Struct(s) = &self.model.types.get(&id)?.kind else {
            return None;
        };
        let array = s
            .type_name
            .as_ref()
            .and_then(|t| self.arrays.get(t).map(|a| (t.clone(), a.clone())));
        if xsi_type.is_some() {
            // The real `xsi:type` replaces the redundant one.
            self.member_type = None;
        }
        let member = self.member_type.is_some();
        self.stack.push(id);
        self.start(name, root);
        if let Some((t, a)) = &array {
            self.features.insert("soapenc:Array");
            if xsi_type.is_none() && !member {
                self.redundant_type(t);
            }
            self.array_type(s, a);
        }
        if let Some(t) = xsi_type {
            self.features.insert("xsi:type");
            // A prefix cannot be bound to the empty namespace; the writer never declares a
            // default namespace, so an unprefixed name means "no namespace".
            if t.ns.is_empty() {
                self.put(&format!(" xsi:type=\"{}\"", t.local));
            } else {
                self.put(&format!(
                    " xmlns:t=\"{}\" xsi:type=\"t:{}\"",
                    esc(&t.ns),
                    t.local
                ));
            }
            if !root {
                self.put(&format!(" xmlns:xsi=\"{XSI}\""));
            }
        }
        self.attributes(s, array.is_some())?;
        self.put(">");
        match &array {
            Some((_, a)) => self.members(s, &a.item)?,
            None => self.content(s)?,
        }
        self.end(name);
        self.stack.pop();
        Some(())
    }

    /// `soapenc:arrayType="p:Item[n]"` of an encoded array (`n` = the members written).
    fn array_type(&mut self, s: &StructType, a: &SoapArray) {
        let n = s
            .fields
            .iter()
            .find(|f| matches!(f.kind, FieldKind::Element { .. }))
            .map_or(0, |f| self.count(f.occurs, &f.ty));
        // The last dimension is the one this element's members fill.
        let dims = match a.dims.rfind('[') {
            Some(i) => format!("{}[{n}]", &a.dims[..i]),
            None => format!("[{n}]"),
        };
        let item = if a.item.ns.is_empty() {
            a.item.local.clone()
        } else {
            self.put(&format!(" xmlns:it=\"{}\"", esc(&a.item.ns)));
            format!("it:{}", a.item.local)
        };
        self.put(&format!(
            " xmlns:enc=\"{SOAP_ENC}\" enc:arrayType=\"{item}{dims}\""
        ));
    }

    /// The members of an encoded array, each with the redundant `xsi:type` of the item type.
    fn members(&mut self, s: &StructType, item: &QName) -> Option<()> {
        for f in &s.fields {
            if let FieldKind::Element { name, fixed, .. } = &f.kind {
                for _ in 0..self.count(f.occurs, &f.ty) {
                    self.member_type = Some(item.clone());
                    self.element(name, &f.ty, fixed.as_deref())?;
                }
            }
        }
        Some(())
    }

    /// Attributes; of an encoded array only `arrayType` (written by [`Self::array_type`]):
    /// `href` would make it a reference and `offset`/`id` mean nothing for a whole array.
    fn attributes(&mut self, s: &StructType, encoded_array: bool) -> Option<()> {
        if encoded_array {
            return Some(());
        }
        for (i, f) in s.fields.iter().enumerate() {
            if let FieldKind::Attribute { name, fixed, .. } = &f.kind {
                let value = match fixed {
                    Some(v) => v.clone(),
                    None => {
                        let m = self.mark();
                        match self.simple(&f.ty) {
                            Some(v) => v,
                            // An optional attribute no value is found for is left out.
                            None if f.occurs == Occurs::Optional => {
                                self.reset(m);
                                continue;
                            }
                            None => return None,
                        }
                    }
                };
                if name.ns.is_empty() {
                    self.put(&format!(" {}=\"{}\"", name.local, esc(&value)));
                } else if name.ns == "http://www.w3.org/XML/1998/namespace" {
                    self.put(&format!(" xml:{}=\"{}\"", name.local, esc(&value)));
                } else {
                    self.put(&format!(
                        " xmlns:a{i}=\"{}\" a{i}:{}=\"{}\"",
                        esc(&name.ns),
                        name.local,
                        esc(&value)
                    ));
                }
            }
        }
        Some(())
    }

    fn count(&self, occurs: Occurs, ty: &TypeExpr) -> usize {
        let d = self.depth();
        let rec = self.recursing(ty);
        let guided = !rec && self.leads(ty);
        match occurs {
            Occurs::One => 1,
            Occurs::Optional | Occurs::Many if guided && d > 5 => 1,
            Occurs::Optional if rec || d > 5 => 0,
            Occurs::Optional => 1,
            Occurs::Many if rec || d > 6 => 0,
            Occurs::Many if d < 3 => 2,
            Occurs::Many => 1,
        }
    }

    fn content(&mut self, s: &StructType) -> Option<()> {
        if s.mixed {
            self.features.insert("mixed");
        }
        for f in &s.fields {
            match &f.kind {
                FieldKind::Attribute { .. } | FieldKind::AnyAttribute => {}
                FieldKind::Text => {
                    let v = self.simple(&f.ty)?;
                    self.put(&esc(&v));
                }
                FieldKind::Mixed => self.put("mixed text"),
                FieldKind::Element { name, fixed, .. } => {
                    for _ in 0..self.count(f.occurs, &f.ty) {
                        if f.nillable {
                            self.nils += 1;
                            if self.nils % 3 == 1 {
                                self.nil(name);
                                continue;
                            }
                        }
                        let m = self.mark();
                        if self.element(name, &f.ty, fixed.as_deref()).is_none() {
                            // Optional content that cannot be written is left out.
                            if f.occurs == Occurs::One {
                                return None;
                            }
                            self.reset(m);
                            break;
                        }
                    }
                }
                FieldKind::Flatten => {
                    let TypeExpr::Named(id) = f.ty else {
                        return None;
                    };
                    for _ in 0..self.count(f.occurs, &f.ty) {
                        let TypeKind::Struct(g) = &self.model.types.get(&id)?.kind else {
                            return None;
                        };
                        self.stack.push(id);
                        self.content(g)?;
                        self.stack.pop();
                    }
                }
                FieldKind::Choice => {
                    let TypeExpr::Named(id) = f.ty else {
                        return None;
                    };
                    let n = match f.occurs {
                        Occurs::Many if self.depth() < 3 => 2,
                        Occurs::Many | Occurs::Optional
                            if self.depth() > 6 && !self.leads(&f.ty) =>
                        {
                            0
                        }
                        _ => 1,
                    };
                    for _ in 0..n {
                        let m = self.mark();
                        if self.choice(id).is_none() {
                            if f.occurs == Occurs::One {
                                return None;
                            }
                            self.reset(m);
                            break;
                        }
                    }
                }
                FieldKind::Any { namespace, .. } => {
                    let own = s
                        .type_name
                        .as_ref()
                        .or(s.root.as_ref())
                        .map(|q| q.ns.as_str());
                    let ns = wildcard_namespace(namespace.as_deref(), own);
                    // Deep repeated wildcards are left out to keep instances small, except in
                    // guided instances: the model does not keep `minOccurs`, and one may be
                    // required on the way to a wanted feature.
                    if let Some(ns) = ns
                        && (f.occurs != Occurs::Many || self.depth() < 4 || self.guide.is_some())
                    {
                        self.any(ns);
                    }
                }
            }
        }
        Some(())
    }

    fn nil(&mut self, name: &QName) {
        self.features.insert("nil");
        self.start(name, false);
        self.put(&format!(" xmlns:xsi=\"{XSI}\" xsi:nil=\"true\"/>"));
    }

    /// An element a wildcard admits, in namespace `ns` (`""`: no namespace). In the harness's
    /// own namespace it has mixed content; elsewhere (`##targetNamespace`, `##local`, a listed
    /// URI) it has a name no schema declares, so a lax wildcard does not validate it further.
    fn any(&mut self, ns: &str) {
        self.features.insert("any");
        if ns == ANY_NS {
            self.put(&format!(
                "<x:extra xmlns:x=\"{ANY_NS}\" a=\"1\">any <x:b>text</x:b></x:extra>"
            ));
        } else if ns.is_empty() {
            self.put("<soapstoneExtra a=\"1\">any text</soapstoneExtra>");
        } else {
            self.put(&format!(
                "<x:soapstoneExtra xmlns:x=\"{}\" a=\"1\">any text</x:soapstoneExtra>",
                esc(ns)
            ));
        }
    }

    fn choice(&mut self, id: TypeId) -> Option<()> {
        let TypeKind::Choice(c) = &self.model.types.get(&id)?.kind else {
            return None;
        };
        self.features.insert("choice");
        let n = c.variants.len();
        if n == 0 {
            return None;
        }
        let pick = if self.depth() > 5 { 0 } else { self.next() % n };
        // A variant that recurses is avoided when another one is possible; a guide prefers
        // one exercising or leading to a wanted feature.
        let order: Vec<usize> = (0..n).map(|k| (pick + k) % n).collect();
        let guided = order.iter().copied().find(|&k| {
            let v = &c.variants[k];
            !self.recursing(&v.ty) && (self.leads(&v.ty) || self.direct(v))
        });
        let plain = order.iter().copied().find(|&k| {
            let v = &c.variants[k];
            !self.recursing(&v.ty) && !matches!(v.kind, VariantKind::Any { .. })
        });
        let v = &c.variants[guided.or(plain).unwrap_or(pick)];
        self.stack.push(id);
        match &v.kind {
            VariantKind::Element(q) => {
                if self.bundle.substitutes(q) {
                    self.features.insert("substitution group");
                }
                self.element(q, &v.ty, None)?;
            }
            VariantKind::ElementOf {
                name,
                many,
                nillable,
                fixed,
                ..
            } => {
                if *many {
                    self.features.insert("repeated branch");
                }
                if self.bundle.substitutes(name) {
                    self.features.insert("substitution group");
                }
                for _ in 0..if *many { 2 } else { 1 } {
                    if *nillable {
                        self.nils += 1;
                        if self.nils % 3 == 1 {
                            self.nil(name);
                            continue;
                        }
                    }
                    self.element(name, &v.ty, fixed.as_deref())?;
                }
            }
            VariantKind::Any { namespace, .. } => {
                let Some(ns) = wildcard_namespace(namespace.as_deref(), None) else {
                    return self.fail(|| "a ##targetNamespace wildcard of a choice".into());
                };
                self.any(ns);
            }
            VariantKind::Flatten => {
                let TypeExpr::Named(g) = v.ty else {
                    return None;
                };
                let TypeKind::Struct(s) = &self.model.types.get(&g)?.kind else {
                    return None;
                };
                self.stack.push(g);
                self.content(s)?;
                self.stack.pop();
            }
        }
        self.stack.pop();
        Some(())
    }

    /// Whether choosing `v` exercises a feature the guide wants by itself.
    fn direct(&self, v: &soapstone_codegen::model::ChoiceVariant) -> bool {
        let Some(g) = self.guide else {
            return false;
        };
        let mut f = Features::new();
        match &v.kind {
            VariantKind::Any { .. } => {
                f.insert("any");
            }
            VariantKind::Element(q) | VariantKind::ElementOf { name: q, .. } => {
                if self.bundle.substitutes(q) {
                    f.insert("substitution group");
                }
                if let VariantKind::ElementOf { nillable, many, .. } = &v.kind {
                    if *nillable {
                        f.insert("nil");
                    }
                    if *many {
                        f.insert("repeated branch");
                    }
                }
                simple_features(self.model, &v.ty, &mut f, &mut BTreeSet::new());
            }
            VariantKind::Flatten => {}
        }
        f.iter().any(|x| g.want.contains(x))
    }

    /// One element `name` of type `ty`.
    fn element(&mut self, name: &QName, ty: &TypeExpr, fixed: Option<&str>) -> Option<()> {
        match self.kind(ty) {
            Some(TypeKind::Struct(_)) => {
                let TypeExpr::Named(id) = ty else {
                    return None;
                };
                self.strukt(*id, name, None, false)
            }
            Some(TypeKind::Polymorphic(p)) => self.polymorphic(&p.variants, name, false),
            Some(TypeKind::Choice(_)) => self.fail(|| "a choice as an element's type".into()),
            _ if matches!(ty, TypeExpr::Runtime("xml::AnyElement")) => {
                self.start(name, false);
                self.put(">any");
                self.end(name);
                Some(())
            }
            _ => {
                let v = match fixed {
                    Some(v) => v.to_string(),
                    None => self.simple(ty)?,
                };
                self.start(name, false);
                self.put(">");
                self.put(&esc(&v));
                self.end(name);
                Some(())
            }
        }
    }

    /// A lexical value of a simple type.
    fn simple(&mut self, ty: &TypeExpr) -> Option<String> {
        match ty {
            TypeExpr::Path(p) => Some(builtin(p.trim_start_matches("::std::string::")).to_string()),
            TypeExpr::Runtime(p) => {
                if let Some(item) = p
                    .strip_prefix("types::List<")
                    .and_then(|s| s.strip_suffix('>'))
                {
                    self.features.insert("list");
                    let a = self.runtime(item);
                    let b = self.runtime(item);
                    return Some(format!("{a} {b}"));
                }
                Some(self.runtime(p))
            }
            TypeExpr::Named(id) => {
                let t = self.model.types.get(id)?;
                match &t.kind {
                    TypeKind::Enumeration(e) => {
                        let n = e.values.len();
                        if n == 0 {
                            return self.fail(|| "an enumeration without values".into());
                        }
                        let k = self.next() % n;
                        Some(e.values[k].value.clone())
                    }
                    TypeKind::Alias(inner) => self.simple(&inner.clone()),
                    TypeKind::List(item) => {
                        self.features.insert("list");
                        let item = item.clone();
                        let a = self.simple(&item)?;
                        let b = self.simple(&item)?;
                        Some(format!("{a} {b}"))
                    }
                    TypeKind::Union(u) => {
                        // The first member the writer finds a value for (a member's pattern
                        // may rule out the writer's values).
                        let members: Vec<TypeExpr> =
                            u.members.iter().map(|(_, m)| m.clone()).collect();
                        for m in &members {
                            let mark = self.mark();
                            if let Some(v) = self.simple(m) {
                                self.features.insert("union");
                                return Some(v);
                            }
                            self.reset(mark);
                        }
                        let name = t.name.clone();
                        self.fail(|| format!("no member of the union {name} has a value"))
                    }
                    TypeKind::Newtype(n) => {
                        let (inner, facets) = (n.inner.clone(), n.facets.clone());
                        let base = self.simple(&inner)?;
                        let value = apply_facets(base, &facets);
                        if matches_patterns(&value, &facets) {
                            return Some(value);
                        }
                        let name = t.name.clone();
                        self.fail(|| format!("no value of {name} matches its pattern"))
                    }
                    _ => None,
                }
            }
        }
    }

    fn runtime(&mut self, p: &str) -> String {
        let id = |w: &mut Self| {
            w.ids += 1;
            format!("id{}", w.ids)
        };
        match p.trim_start_matches("types::") {
            "NormalizedString" | "Token" => "tok".into(),
            "Language" => "en".into(),
            "Name" | "NcName" | "Id" | "Entity" | "NmToken" => id(self),
            "IdRef" => "id1".into(),
            "AnyUri" => "http://example.com/x".into(),
            "QName" => "q:name".into(),
            "Decimal" => "1.5".into(),
            "Integer" | "NonNegativeInteger" | "PositiveInteger" => "1".into(),
            "NonPositiveInteger" => "0".into(),
            "NegativeInteger" => "-1".into(),
            "DateTime" => "2001-02-03T04:05:06Z".into(),
            "Date" => "2001-02-03".into(),
            "Time" => "04:05:06".into(),
            "Duration" => "P1D".into(),
            "GYear" => "2001".into(),
            "GYearMonth" => "2001-02".into(),
            "GMonth" => "--02".into(),
            "GMonthDay" => "--02-03".into(),
            "GDay" => "---03".into(),
            "Base64Binary" => "AQID".into(),
            "HexBinary" => "0A0B".into(),
            _ => "text".into(),
        }
    }
}

/// The namespace of an element a wildcard with the `namespace` constraint admits, in a type of
/// namespace `own`; `None` when the writer cannot tell (`##targetNamespace` of a group).
fn wildcard_namespace<'a>(namespace: Option<&'a str>, own: Option<&'a str>) -> Option<&'a str> {
    let Some(constraint) = namespace else {
        return Some(ANY_NS);
    };
    constraint
        .split_ascii_whitespace()
        .find_map(|token| match token {
            "##any" | "##other" => Some(ANY_NS),
            "##targetNamespace" => own,
            "##local" => Some(""),
            uri if !uri.starts_with("##") => Some(uri),
            _ => None,
        })
}

fn builtin(p: &str) -> &'static str {
    match p {
        "bool" => "true",
        "f32" | "f64" => "1.5",
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" => "1",
        _ => "text",
    }
}

/// Whether `value` matches every pattern facet. The writer makes no attempt to satisfy
/// patterns; an instance it cannot make valid is skipped rather than offered as input (this
/// matters where xmllint cannot compile the schemas and so cannot filter it). A pattern the
/// `regex` crate does not accept as written (XSD-only escapes such as `\i`) is not checked.
fn matches_patterns(value: &str, facets: &[(String, FacetValue)]) -> bool {
    facets.iter().all(|(name, v)| match v {
        FacetValue::Str(p) if name == "pattern" => {
            regex::Regex::new(&format!("^(?:{p})$")).map_or(true, |re| re.is_match(value))
        }
        _ => true,
    })
}

/// Adjusts a value to the length and bound facets of a restriction.
fn apply_facets(base: String, facets: &[(String, FacetValue)]) -> String {
    let int = |name: &str| {
        facets.iter().find_map(|(n, v)| match v {
            FacetValue::Int(i) if n == name => Some(*i as usize),
            _ => None,
        })
    };
    let s = |name: &str| {
        facets.iter().find_map(|(n, v)| match v {
            FacetValue::Str(x) if n == name => Some(x.clone()),
            _ => None,
        })
    };
    if let Some(v) = s("min_inclusive").or_else(|| s("max_inclusive")) {
        return v;
    }
    if let Some(n) = int("length") {
        return "a".repeat(n);
    }
    let len = base.chars().count();
    if let Some(max) = int("max_length")
        && len > max
    {
        return "a".repeat(max.max(int("min_length").unwrap_or(0)));
    }
    if let Some(min) = int("min_length")
        && len < min
    {
        return "a".repeat(min);
    }
    base
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_get_an_element_they_admit() {
        assert_eq!(wildcard_namespace(None, Some("urn:t")), Some(ANY_NS));
        assert_eq!(
            wildcard_namespace(Some("##other"), Some("urn:t")),
            Some(ANY_NS)
        );
        assert_eq!(
            wildcard_namespace(Some("##targetNamespace"), Some("urn:t")),
            Some("urn:t")
        );
        assert_eq!(wildcard_namespace(Some("##targetNamespace"), None), None);
        assert_eq!(wildcard_namespace(Some("##local"), None), Some(""));
        assert_eq!(
            wildcard_namespace(Some("##targetNamespace urn:x"), None),
            Some("urn:x")
        );
    }

    /// A nillable global element gets nil and non-nil instances (by seed), and both are valid
    /// against the schema.
    #[test]
    fn nillable_roots_are_written_nil_or_with_a_value() {
        let dir = std::env::temp_dir().join(format!(
            "soapstone-corpus-nillable-root-{}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let xsd = dir.join("t.xsd");
        std::fs::write(
            &xsd,
            r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t"
                 xmlns:t="urn:t" elementFormDefault="qualified">
                 <xs:element name="s" nillable="true" type="xs:string"/>
                 <xs:complexType name="P"><xs:sequence>
                   <xs:element name="x" type="xs:int"/></xs:sequence></xs:complexType>
                 <xs:element name="p" nillable="true" type="t:P"/>
               </xs:schema>"#,
        )
        .unwrap();
        let mut settings = soapstone_codegen::Settings::new();
        settings
            .with_inputs([xsd.clone()])
            .with_layout(soapstone_codegen::Layout::SingleFile("out.rs".into()));
        let model = settings.generate().expect("generates").model;
        let bundle = SchemaBundle::new(&[xsd], None, &dir.join("bundle")).unwrap();
        for local in ["s", "p"] {
            let (id, name) = model
                .types
                .iter()
                .find_map(|(id, t)| match &t.kind {
                    TypeKind::NillableRoot(n) if n.root.local == local => {
                        Some((*id, n.root.clone()))
                    }
                    _ => None,
                })
                .expect("a nillable root");
            let (mut nil, mut value) = (0, 0);
            for seed in 1..=8 {
                let i = instance(&model, &bundle, id, &name, seed, None).expect("an instance");
                if i.features.contains("nil root") {
                    nil += 1;
                    assert!(i.xml.ends_with(r#"xsi:nil="true"/>"#), "{}", i.xml);
                } else {
                    value += 1;
                    assert!(!i.xml.contains("xsi:nil"), "{}", i.xml);
                }
                if let Err(e) = bundle.validate(&i.xml, "urn:t", local) {
                    panic!("{}: {e:?}", i.xml);
                }
            }
            assert!(
                nil > 0 && value > 0,
                "{local}: {nil} nil, {value} with a value"
            );
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A guide reaches a mixed type nested past the depth where optional content is left out;
    /// a union whose first member has a pattern the writer cannot satisfy takes its second; a
    /// strict `##other` wildcard accepts the harness's declared element; all of it validates.
    #[test]
    fn guided_instances_reach_deep_features_and_validate() {
        let dir =
            std::env::temp_dir().join(format!("soapstone-corpus-guided-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let xsd = dir.join("t.xsd");
        let mut levels = String::new();
        for i in 0..8 {
            levels.push_str(&format!(
                "<xs:complexType name=\"L{i}\"><xs:sequence>\
                 <xs:element name=\"next\" type=\"t:L{}\" minOccurs=\"0\"/>\
                 </xs:sequence></xs:complexType>\n",
                i + 1
            ));
        }
        std::fs::write(
            &xsd,
            format!(
                r###"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t"
                 xmlns:t="urn:t" elementFormDefault="qualified">
                 {levels}
                 <xs:complexType name="L8" mixed="true"><xs:sequence>
                   <xs:element name="b" type="xs:string" minOccurs="0"/></xs:sequence>
                 </xs:complexType>
                 <xs:simpleType name="Tag"><xs:union memberTypes="xs:unsignedShort">
                   <xs:simpleType><xs:restriction base="xs:string">
                     <xs:pattern value="0x[0-9a-f]{{4}}"/></xs:restriction></xs:simpleType>
                 </xs:union></xs:simpleType>
                 <xs:element name="r"><xs:complexType><xs:sequence>
                   <xs:element name="deep" type="t:L0"/>
                   <xs:any namespace="##other"/>
                 </xs:sequence><xs:attribute name="tag" type="t:Tag"/></xs:complexType></xs:element>
               </xs:schema>"###
            ),
        )
        .unwrap();
        let mut settings = soapstone_codegen::Settings::new();
        settings
            .with_inputs([xsd.clone()])
            .with_layout(soapstone_codegen::Layout::SingleFile("out.rs".into()));
        let model = settings.generate().expect("generates").model;
        let bundle = SchemaBundle::new(&[xsd], None, &dir.join("bundle")).unwrap();
        let (id, name) = model
            .types
            .iter()
            .find_map(|(id, t)| match &t.kind {
                TypeKind::Struct(s) if s.root.as_ref().is_some_and(|r| r.local == "r") => {
                    Some((*id, s.root.clone().unwrap()))
                }
                _ => None,
            })
            .expect("the root struct");
        let plain = instance(&model, &bundle, id, &name, 1, None).expect("an instance");
        assert!(!plain.features.contains("mixed"), "{}", plain.xml);
        let want: Features = ["mixed"].into_iter().collect();
        let guide = Guide::new(&model, &bundle, &want);
        let guided = instance(&model, &bundle, id, &name, 1, Some(&guide)).expect("an instance");
        assert!(guided.features.contains("mixed"), "{}", guided.xml);
        for i in [&plain, &guided] {
            assert!(i.features.contains("union"), "{}", i.xml);
            assert!(i.xml.contains(r#"tag="1""#), "{}", i.xml);
            assert!(i.xml.contains(ANY_NS), "{}", i.xml);
            if let Err(e) = bundle.validate(&i.xml, "urn:t", "r") {
                panic!("{}: {e}", i.xml);
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn pattern_facets_are_checked_whole_value() {
        let guid = vec![(
            "pattern".to_string(),
            FacetValue::Str("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}".to_string()),
        )];
        assert!(!matches_patterns("text", &guid));
        assert!(
            !matches_patterns("x0123abcd-0123", &guid),
            "anchored at both ends"
        );
        assert!(matches_patterns("0123abcd-0123", &guid));
        // An XSD-only escape the regex crate rejects is left to the validators.
        let xsd_only = vec![("pattern".to_string(), FacetValue::Str(r"\i\c*".to_string()))];
        assert!(matches_patterns("text", &xsd_only));
    }
}
