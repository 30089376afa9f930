//! Instance documents produced from the generated model (the corpus ships none).
//!
//! For a global element the writer walks the model the bindings were emitted from and writes a
//! document that uses every field: optional fields present, repeated fields twice near the
//! root, choices and `xsi:type` variants rotated by a seed, every third nillable element
//! `xsi:nil`, a nillable global element itself `xsi:nil` for every other seed (`nil root`). Values come from the built-in type (and, for restricted types, the length and
//! bound facets). Patterns are not solved: validation of the instance against the original
//! schema (xmllint, or xmlschema where libxml2 cannot compile it) is the filter, and only valid
//! instances are round-tripped. SOAP-encoded arrays are written as SOAP encoding writes them.

use std::collections::{BTreeMap, BTreeSet};

use soapstone_codegen::QName;
use soapstone_codegen::model::{
    FacetValue, FieldKind, Model, Occurs, StructType, TypeExpr, TypeId, TypeKind, VariantKind,
};

use crate::schemas::{SOAP_ENC, SchemaBundle, SoapArray};

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const ANY_NS: &str = "urn:soapstone:corpus:any";
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
}

/// Writes an instance of the global element struct `root` (named `name`); `None` when the
/// model cannot be instantiated within the depth limit (a required recursion). The SOAP-encoded
/// array types of `bundle` are written the way SOAP encoding writes them
/// (`soapenc:arrayType="p:Item[n]"`, `xsi:type` on the array and its members).
pub fn instance(
    model: &Model,
    bundle: &SchemaBundle,
    root: TypeId,
    name: &QName,
    seed: usize,
) -> Option<Instance> {
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
    };
    match &model.types.get(&root)?.kind {
        // A nillable global element: every other seed writes the root itself nil.
        TypeKind::NillableRoot(n) => {
            if w.next().is_multiple_of(2) {
                w.features.insert("nil");
                w.features.insert("nil root");
                w.start(name, true);
                w.put(" xsi:nil=\"true\"/>");
            } else {
                w.root_value(&n.inner, name)?;
            }
        }
        _ => w.root_value(&TypeExpr::Named(root), name)?,
    }
    Some(Instance {
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
            (Some(TypeKind::Polymorphic(p)), _) => {
                let n = p.variants.len();
                if n == 0 {
                    return None;
                }
                let k = self.next() % n;
                let v = &p.variants[k];
                let (vt, base, tn) = (v.ty, v.base, v.type_name.clone());
                self.features.insert("polymorphic");
                self.strukt(vt, name, (!base).then_some(&tn), true)
            }
            (Some(TypeKind::Struct(_)), TypeExpr::Named(id)) => self.strukt(*id, name, None, true),
            (Some(TypeKind::Choice(_) | TypeKind::NillableRoot(_)), _) => None,
            _ if matches!(ty, TypeExpr::Runtime("xml::AnyElement")) => None,
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
            return None;
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
                    None => self.simple(&f.ty)?,
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
        match occurs {
            Occurs::One => 1,
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
                        self.element(name, &f.ty, fixed.as_deref())?;
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
                        Occurs::Many | Occurs::Optional if self.depth() > 6 => 0,
                        _ => 1,
                    };
                    for _ in 0..n {
                        self.choice(id)?;
                    }
                }
                FieldKind::Any { namespace, .. } => {
                    let own = s
                        .type_name
                        .as_ref()
                        .or(s.root.as_ref())
                        .map(|q| q.ns.as_str());
                    let ns = wildcard_namespace(namespace.as_deref(), own);
                    if let Some(ns) = ns
                        && (f.occurs != Occurs::Many || self.depth() < 4)
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
        // A variant that recurses is avoided when another one is possible.
        let order = (0..n).map(|k| (pick + k) % n);
        let mut chosen = None;
        for k in order {
            let v = &c.variants[k];
            if !self.recursing(&v.ty) && !matches!(v.kind, VariantKind::Any { .. }) {
                chosen = Some(k);
                break;
            }
        }
        let v = &c.variants[chosen.unwrap_or(pick)];
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
            VariantKind::Any { .. } => self.any(ANY_NS),
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

    /// One element `name` of type `ty`.
    fn element(&mut self, name: &QName, ty: &TypeExpr, fixed: Option<&str>) -> Option<()> {
        match self.kind(ty) {
            Some(TypeKind::Struct(_)) => {
                let TypeExpr::Named(id) = ty else {
                    return None;
                };
                self.strukt(*id, name, None, false)
            }
            Some(TypeKind::Polymorphic(p)) => {
                let n = p.variants.len();
                if n == 0 {
                    return None;
                }
                let k = self.next() % n;
                let v = &p.variants[k];
                let (vt, base, tn) = (v.ty, v.base, v.type_name.clone());
                self.features.insert("polymorphic");
                self.strukt(vt, name, (!base).then_some(&tn), false)
            }
            Some(TypeKind::Choice(_)) => None,
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
                            return None;
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
                        self.features.insert("union");
                        let first = u.members.first()?.1.clone();
                        self.simple(&first)
                    }
                    TypeKind::Newtype(n) => {
                        let (inner, facets) = (n.inner.clone(), n.facets.clone());
                        let base = self.simple(&inner)?;
                        let value = apply_facets(base, &facets);
                        matches_patterns(&value, &facets).then_some(value)
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
                let i = instance(&model, &bundle, id, &name, seed).expect("an instance");
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
