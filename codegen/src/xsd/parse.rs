use std::collections::BTreeMap;

use super::*;
use crate::diagnostics::{DiagnosticKind, Diagnostics};
use crate::load::xml::{Element, XS};
use crate::load::{SchemaDoc, WSDL};

/// Per-document settings that affect how names are qualified.
struct Ctx<'a> {
    tns: &'a str,
    /// A chameleon include: unqualified references mean the includer's namespace.
    chameleon: bool,
    element_qualified: bool,
    attribute_qualified: bool,
    diags: &'a mut Diagnostics,
}

/// XSD 1.1 constructs: recognised, reported, skipped.
const XSD11: [&str; 6] = [
    "assert",
    "assertion",
    "openContent",
    "defaultOpenContent",
    "alternative",
    "override",
];

/// Builds the component set of all schema documents. Redefinitions are applied after every
/// document's own components are known.
pub fn parse_schemas(docs: &[SchemaDoc], diags: &mut Diagnostics) -> SchemaSet {
    let mut set = SchemaSet::default();
    let mut redefinitions = Vec::new();
    for doc in docs {
        let root = &doc.root;
        let mut ctx = Ctx {
            tns: &doc.tns,
            chameleon: root.attr("targetNamespace").is_none() && !doc.tns.is_empty(),
            element_qualified: root.attr("elementFormDefault") == Some("qualified"),
            attribute_qualified: root.attr("attributeFormDefault") == Some("qualified"),
            diags,
        };
        for child in root.children_in(XS) {
            match child.local.as_str() {
                "redefine" | "override" => {
                    for inner in child.children_in(XS) {
                        if inner.local != "annotation" {
                            redefinitions.push((parse_top(&mut ctx, inner), inner.loc.clone()));
                        }
                    }
                }
                _ => {
                    let top = parse_top(&mut ctx, child);
                    add(&mut set, top, ctx.diags);
                }
            }
        }
    }
    for (top, _loc) in redefinitions {
        redefine(&mut set, top);
    }
    set
}

/// One top-level component.
enum Top {
    Type(QName, Box<TypeDef>),
    Element(ElementDecl),
    Attribute(AttributeDecl),
    Group(GroupDef),
    AttributeGroup(AttributeGroupDef),
    Nothing,
}

fn insert<V>(
    map: &mut BTreeMap<QName, V>,
    name: QName,
    value: V,
    kind: &'static str,
    loc_of: impl Fn(&V) -> &Location,
    diags: &mut Diagnostics,
) {
    if let Some(existing) = map.get(&name) {
        let (first, second) = (loc_of(existing), loc_of(&value));
        // The same document reached twice (two includes of one file) is not a conflict.
        if first != second {
            diags.warning(
                second,
                DiagnosticKind::Duplicate {
                    kind,
                    name: name.to_string(),
                    first: first.to_string(),
                },
            );
        }
        return;
    }
    map.insert(name, value);
}

fn add(set: &mut SchemaSet, top: Top, diags: &mut Diagnostics) {
    match top {
        Top::Type(name, def) => insert(&mut set.types, name, *def, "type", TypeDef::loc, diags),
        Top::Element(e) => insert(
            &mut set.elements,
            e.name.clone(),
            e,
            "element",
            |e| &e.loc,
            diags,
        ),
        Top::Attribute(a) => insert(
            &mut set.attributes,
            a.name.clone(),
            a,
            "attribute",
            |a| &a.loc,
            diags,
        ),
        Top::Group(g) => insert(
            &mut set.groups,
            g.name.clone(),
            g,
            "group",
            |g| &g.loc,
            diags,
        ),
        Top::AttributeGroup(g) => insert(
            &mut set.attribute_groups,
            g.name.clone(),
            g,
            "attributeGroup",
            |g| &g.loc,
            diags,
        ),
        Top::Nothing => {}
    }
}

/// The name an original component keeps after a redefinition replaced it. `.` cannot occur in
/// an NCName, so it never collides with a schema name.
/// When a component is redefined twice in one set (two schemas redefining the same base, as in
/// a collection of examples), the first original keeps `.original` and the later replaced
/// definitions get `.original.original`, ...: each redefinition refers to the definition it
/// replaced, so no chain can point at itself.
fn original_name(name: &QName, taken: impl Fn(&QName) -> bool) -> QName {
    let mut q = QName::new(name.ns.clone(), format!("{}.original", name.local));
    while taken(&q) {
        q.local.push_str(".original");
    }
    q
}

fn redefine(set: &mut SchemaSet, top: Top) {
    match top {
        Top::Type(name, mut def) => {
            let original = original_name(&name, |q| set.types.contains_key(q));
            if let Some(old) = set.types.remove(&name) {
                set.types.insert(original.clone(), old);
            }
            match &mut *def {
                TypeDef::Complex(ComplexType {
                    content: Content::Complex { base, .. } | Content::Simple { base, .. },
                    ..
                }) if *base == name => *base = original,
                TypeDef::Simple(SimpleType {
                    variety:
                        SimpleVariety::Restriction {
                            base: TypeRef::Named(base, _),
                            ..
                        },
                    ..
                }) if *base == name => *base = original,
                _ => {}
            }
            set.types.insert(name, *def);
        }
        Top::Group(mut g) => {
            let original = original_name(&g.name, |q| set.groups.contains_key(q));
            if let Some(old) = set.groups.remove(&g.name) {
                set.groups.insert(original.clone(), old);
            }
            rename_group_refs(&mut g.group, &g.name, &original);
            set.groups.insert(g.name.clone(), g);
        }
        Top::AttributeGroup(mut g) => {
            let original = original_name(&g.name, |q| set.attribute_groups.contains_key(q));
            if let Some(old) = set.attribute_groups.remove(&g.name) {
                set.attribute_groups.insert(original.clone(), old);
            }
            for item in &mut g.items {
                if let AttrItem::GroupRef(r, _) = item
                    && *r == g.name
                {
                    *r = original.clone();
                }
            }
            set.attribute_groups.insert(g.name.clone(), g);
        }
        // Elements and attributes cannot be redefined; `xs:override` may replace them.
        Top::Element(e) => {
            set.elements.insert(e.name.clone(), e);
        }
        Top::Attribute(a) => {
            set.attributes.insert(a.name.clone(), a);
        }
        Top::Nothing => {}
    }
}

fn rename_group_refs(group: &mut ModelGroup, from: &QName, to: &QName) {
    for p in &mut group.particles {
        match &mut p.term {
            Term::GroupRef(r) if r == from => *r = to.clone(),
            Term::Group(g) => rename_group_refs(g, from, to),
            _ => {}
        }
    }
}

fn parse_top(ctx: &mut Ctx<'_>, e: &Element) -> Top {
    let named = |e: &Element| QName::new(ctx.tns, e.attr("name").unwrap_or_default());
    match e.local.as_str() {
        "simpleType" => {
            let name = named(e);
            let mut st = simple_type(ctx, e);
            st.name = Some(name.clone());
            Top::Type(name, Box::new(TypeDef::Simple(st)))
        }
        "complexType" => {
            let name = named(e);
            let mut ct = complex_type(ctx, e);
            ct.name = Some(name.clone());
            Top::Type(name, Box::new(TypeDef::Complex(ct)))
        }
        "element" => {
            let name = named(e);
            Top::Element(element_decl(ctx, e, name))
        }
        "attribute" => {
            let name = named(e);
            Top::Attribute(attribute_decl(ctx, e, name))
        }
        "group" => {
            let name = named(e);
            match model_group_child(ctx, e) {
                Some(group) => Top::Group(GroupDef {
                    name,
                    loc: e.loc.clone(),
                    doc: documentation(e),
                    group,
                }),
                None => {
                    ctx.diags.error(
                        &e.loc,
                        DiagnosticKind::Invalid("xs:group needs a sequence, choice or all".into()),
                    );
                    Top::Nothing
                }
            }
        }
        "attributeGroup" => {
            let name = named(e);
            let (items, any_attribute) = attribute_items(ctx, e);
            Top::AttributeGroup(AttributeGroupDef {
                name,
                loc: e.loc.clone(),
                items,
                any_attribute,
            })
        }
        "import" | "include" | "annotation" | "notation" => Top::Nothing,
        other => {
            unsupported(ctx, e, other);
            Top::Nothing
        }
    }
}

fn unsupported(ctx: &mut Ctx<'_>, e: &Element, what: &str) {
    let message = if XSD11.contains(&what) {
        format!("xs:{what} is XSD 1.1 and is ignored")
    } else {
        format!("xs:{what} is not expected here and is ignored")
    };
    ctx.diags
        .warning(&e.loc, DiagnosticKind::Unsupported(message));
}

fn documentation(e: &Element) -> Option<String> {
    let mut parts = Vec::new();
    for ann in e.children.iter().filter(|c| c.is(XS, "annotation")) {
        for d in ann.children.iter().filter(|c| c.is(XS, "documentation")) {
            let text = d.deep_text();
            let text = text.trim();
            if !text.is_empty() {
                parts.push(text.to_string());
            }
        }
    }
    if parts.is_empty() {
        None
    } else {
        Some(parts.join("\n\n"))
    }
}

fn resolve(ctx: &Ctx<'_>, e: &Element, value: &str) -> Result<QName, DiagnosticKind> {
    let (ns, local) = e.resolve_qname(value)?;
    if ns.is_empty() && ctx.chameleon {
        Ok(QName::new(ctx.tns, local))
    } else {
        Ok(QName::new(ns, local))
    }
}

fn qname_attr(ctx: &mut Ctx<'_>, e: &Element, attr: &str) -> Option<QName> {
    let value = e.attr(attr)?;
    match resolve(ctx, e, value) {
        Ok(q) => Some(q),
        Err(kind) => {
            ctx.diags.error(&e.loc, kind);
            None
        }
    }
}

fn bool_attr(e: &Element, attr: &str) -> bool {
    matches!(e.attr(attr).map(str::trim), Some("true" | "1"))
}

fn occurs(ctx: &mut Ctx<'_>, e: &Element) -> (u32, MaxOccurs) {
    let min = match e.attr("minOccurs").map(str::trim) {
        None => 1,
        Some(v) => v.parse().unwrap_or_else(|_| {
            ctx.diags.error(
                &e.loc,
                DiagnosticKind::Invalid(format!("minOccurs `{v}` is not a number")),
            );
            1
        }),
    };
    let max = match e.attr("maxOccurs").map(str::trim) {
        None => MaxOccurs::Bounded(1),
        Some("unbounded") => MaxOccurs::Unbounded,
        Some(v) => match v.parse() {
            Ok(n) => MaxOccurs::Bounded(n),
            Err(_) => {
                ctx.diags.error(
                    &e.loc,
                    DiagnosticKind::Invalid(format!(
                        "maxOccurs `{v}` is not a number or `unbounded`"
                    )),
                );
                MaxOccurs::Bounded(1)
            }
        },
    };
    (min, max)
}

/// The type of an element or attribute: `type=` or an anonymous child.
fn type_of(ctx: &mut Ctx<'_>, e: &Element) -> Option<TypeRef> {
    if let Some(name) = qname_attr(ctx, e, "type") {
        return Some(TypeRef::Named(name, e.loc.clone()));
    }
    for c in e.children_in(XS) {
        match c.local.as_str() {
            "simpleType" => {
                return Some(TypeRef::Inline(Box::new(TypeDef::Simple(simple_type(
                    ctx, c,
                )))));
            }
            "complexType" => {
                return Some(TypeRef::Inline(Box::new(TypeDef::Complex(complex_type(
                    ctx, c,
                )))));
            }
            _ => {}
        }
    }
    None
}

fn element_decl(ctx: &mut Ctx<'_>, e: &Element, name: QName) -> ElementDecl {
    let substitution_group = match e.attr("substitutionGroup") {
        None => Vec::new(),
        Some(v) => v
            .split_whitespace()
            .filter_map(|q| match resolve(ctx, e, q) {
                Ok(q) => Some(q),
                Err(kind) => {
                    ctx.diags.error(&e.loc, kind);
                    None
                }
            })
            .collect(),
    };
    for c in e.children_in(XS) {
        if c.local == "alternative" {
            unsupported(ctx, c, "alternative");
        }
    }
    ElementDecl {
        name,
        loc: e.loc.clone(),
        doc: documentation(e),
        type_ref: type_of(ctx, e),
        nillable: bool_attr(e, "nillable"),
        default: e.attr("default").map(str::to_string),
        fixed: e.attr("fixed").map(str::to_string),
        is_abstract: bool_attr(e, "abstract"),
        substitution_group,
    }
}

fn attribute_decl(ctx: &mut Ctx<'_>, e: &Element, name: QName) -> AttributeDecl {
    AttributeDecl {
        name,
        loc: e.loc.clone(),
        doc: documentation(e),
        type_ref: type_of(ctx, e),
        default: e.attr("default").map(str::to_string),
        fixed: e.attr("fixed").map(str::to_string),
    }
}

fn simple_type(ctx: &mut Ctx<'_>, e: &Element) -> SimpleType {
    let doc = documentation(e);
    let mut variety = None;
    for c in e.children_in(XS) {
        match c.local.as_str() {
            "restriction" => {
                variety = Some(SimpleVariety::Restriction {
                    base: base_ref(ctx, c),
                    facets: Box::new(facets(ctx, c)),
                })
            }
            "list" => {
                let item = match qname_attr(ctx, c, "itemType") {
                    Some(q) => TypeRef::Named(q, c.loc.clone()),
                    None => inline_simple(ctx, c),
                };
                variety = Some(SimpleVariety::List { item });
            }
            "union" => {
                let mut members = Vec::new();
                if let Some(list) = c.attr("memberTypes") {
                    for q in list.split_whitespace() {
                        match resolve(ctx, c, q) {
                            Ok(q) => members.push(TypeRef::Named(q, c.loc.clone())),
                            Err(kind) => ctx.diags.error(&c.loc, kind),
                        }
                    }
                }
                for s in c.children_in(XS).filter(|s| s.local == "simpleType") {
                    members.push(TypeRef::Inline(Box::new(TypeDef::Simple(simple_type(
                        ctx, s,
                    )))));
                }
                variety = Some(SimpleVariety::Union { members });
            }
            "annotation" => {}
            other => unsupported(ctx, c, other),
        }
    }
    let variety = variety.unwrap_or_else(|| {
        ctx.diags.error(
            &e.loc,
            DiagnosticKind::Invalid("xs:simpleType needs a restriction, list or union".into()),
        );
        SimpleVariety::Restriction {
            base: TypeRef::Named(QName::new(XS, "string"), e.loc.clone()),
            facets: Box::default(),
        }
    });
    SimpleType {
        name: None,
        loc: e.loc.clone(),
        doc,
        variety,
    }
}

/// `base=` or an inline simple type (restriction of an anonymous simple type).
fn base_ref(ctx: &mut Ctx<'_>, e: &Element) -> TypeRef {
    match qname_attr(ctx, e, "base") {
        Some(q) => TypeRef::Named(q, e.loc.clone()),
        None => inline_simple(ctx, e),
    }
}

fn inline_simple(ctx: &mut Ctx<'_>, e: &Element) -> TypeRef {
    match e.children_in(XS).find(|c| c.local == "simpleType") {
        Some(s) => TypeRef::Inline(Box::new(TypeDef::Simple(simple_type(ctx, s)))),
        None => {
            ctx.diags.error(
                &e.loc,
                DiagnosticKind::Invalid(format!(
                    "xs:{} needs a base type or an inline xs:simpleType",
                    e.local
                )),
            );
            TypeRef::Named(QName::new(XS, "anySimpleType"), e.loc.clone())
        }
    }
}

fn facets(ctx: &mut Ctx<'_>, e: &Element) -> Facets {
    let mut f = Facets::default();
    for c in e.children_in(XS) {
        let value = c.attr("value").unwrap_or_default().to_string();
        let number = |ctx: &mut Ctx<'_>| -> Option<u64> {
            match value.trim().parse() {
                Ok(n) => Some(n),
                Err(_) => {
                    ctx.diags.error(
                        &c.loc,
                        DiagnosticKind::Invalid(format!(
                            "xs:{} value `{value}` is not a non-negative integer",
                            c.local
                        )),
                    );
                    None
                }
            }
        };
        match c.local.as_str() {
            "enumeration" => f.enumeration.push(EnumValue {
                value,
                doc: documentation(c),
            }),
            "pattern" => f.patterns.push(value),
            "length" => f.length = number(ctx),
            "minLength" => f.min_length = number(ctx),
            "maxLength" => f.max_length = number(ctx),
            "totalDigits" => f.total_digits = number(ctx).and_then(|n| u32::try_from(n).ok()),
            "fractionDigits" => f.fraction_digits = number(ctx).and_then(|n| u32::try_from(n).ok()),
            "minInclusive" => f.min_inclusive = Some(value),
            "maxInclusive" => f.max_inclusive = Some(value),
            "minExclusive" => f.min_exclusive = Some(value),
            "maxExclusive" => f.max_exclusive = Some(value),
            "whiteSpace" => f.white_space = Some(value),
            // Content of a simpleContent restriction, handled by the caller.
            "simpleType" | "annotation" | "attribute" | "attributeGroup" | "anyAttribute"
            | "sequence" | "choice" | "all" | "group" => {}
            other => unsupported(ctx, c, other),
        }
    }
    f
}

fn complex_type(ctx: &mut Ctx<'_>, e: &Element) -> ComplexType {
    let mut ct = ComplexType {
        name: None,
        loc: e.loc.clone(),
        doc: documentation(e),
        is_abstract: bool_attr(e, "abstract"),
        mixed: bool_attr(e, "mixed"),
        content: Content::Empty,
        attributes: Vec::new(),
        any_attribute: None,
    };
    let (items, any) = attribute_items(ctx, e);
    ct.attributes = items;
    ct.any_attribute = any;
    for c in e.children_in(XS) {
        match c.local.as_str() {
            "sequence" | "choice" | "all" | "group" => {
                if let Some(p) = particle(ctx, c) {
                    ct.content = Content::Particle(p);
                }
            }
            "simpleContent" | "complexContent" => {
                let simple = c.local == "simpleContent";
                if bool_attr(c, "mixed") {
                    ct.mixed = true;
                }
                let Some(d) = c
                    .children_in(XS)
                    .find(|d| d.local == "extension" || d.local == "restriction")
                else {
                    ctx.diags.error(
                        &c.loc,
                        DiagnosticKind::Invalid(format!(
                            "xs:{} needs an extension or restriction",
                            c.local
                        )),
                    );
                    continue;
                };
                let derivation = if d.local == "extension" {
                    Derivation::Extension
                } else {
                    Derivation::Restriction
                };
                let base = qname_attr(ctx, d, "base").unwrap_or_else(|| {
                    ctx.diags.error(
                        &d.loc,
                        DiagnosticKind::Invalid(format!("xs:{} needs a base", d.local)),
                    );
                    QName::new(XS, "anyType")
                });
                let (items, any) = attribute_items(ctx, d);
                ct.attributes.extend(items);
                if any.is_some() {
                    ct.any_attribute = any;
                }
                ct.content = if simple {
                    Content::Simple {
                        derivation,
                        base,
                        base_loc: d.loc.clone(),
                        facets: Box::new(facets(ctx, d)),
                    }
                } else {
                    let particle = d
                        .children_in(XS)
                        .find(|p| {
                            matches!(p.local.as_str(), "sequence" | "choice" | "all" | "group")
                        })
                        .and_then(|p| particle(ctx, p));
                    for other in d.children_in(XS) {
                        if XSD11.contains(&other.local.as_str()) {
                            unsupported(ctx, other, &other.local);
                        }
                    }
                    Content::Complex {
                        derivation,
                        base,
                        base_loc: d.loc.clone(),
                        particle,
                    }
                };
            }
            "attribute" | "attributeGroup" | "anyAttribute" | "annotation" => {}
            other => unsupported(ctx, c, other),
        }
    }
    ct
}

fn attribute_items(ctx: &mut Ctx<'_>, e: &Element) -> (Vec<AttrItem>, Option<Wildcard>) {
    let mut items = Vec::new();
    let mut any = None;
    for c in e.children_in(XS) {
        match c.local.as_str() {
            "attribute" => {
                let use_kind = match c.attr("use").map(str::trim) {
                    Some("required") => AttrUseKind::Required,
                    Some("prohibited") => AttrUseKind::Prohibited,
                    _ => AttrUseKind::Optional,
                };
                let array_type = c.attr_ns(WSDL, "arrayType").and_then(|v| {
                    let v = v.trim();
                    let split = v.find('[').unwrap_or(v.len());
                    match resolve(ctx, c, &v[..split]) {
                        Ok(q) => Some((q, v[split..].to_string())),
                        Err(kind) => {
                            ctx.diags.error(&c.loc, kind);
                            None
                        }
                    }
                });
                let target = match qname_attr(ctx, c, "ref") {
                    Some(r) => AttrTarget::Ref(r),
                    None => {
                        let qualified = match c.attr("form") {
                            Some(f) => f == "qualified",
                            None => ctx.attribute_qualified,
                        };
                        let ns = if qualified { ctx.tns } else { "" };
                        let name = QName::new(ns, c.attr("name").unwrap_or_default());
                        let mut decl = attribute_decl(ctx, c, name);
                        // On a use, default/fixed belong to the use, not the declaration.
                        decl.default = None;
                        decl.fixed = None;
                        AttrTarget::Local(decl)
                    }
                };
                items.push(AttrItem::Use(Box::new(AttrUse {
                    target,
                    use_kind,
                    default: c.attr("default").map(str::to_string),
                    fixed: c.attr("fixed").map(str::to_string),
                    array_type,
                    loc: c.loc.clone(),
                })));
            }
            "attributeGroup" => {
                if let Some(r) = qname_attr(ctx, c, "ref") {
                    items.push(AttrItem::GroupRef(r, c.loc.clone()));
                }
            }
            "anyAttribute" => any = Some(wildcard(ctx, c)),
            _ => {}
        }
    }
    (items, any)
}

fn wildcard(ctx: &Ctx<'_>, e: &Element) -> Wildcard {
    Wildcard {
        target_namespace: ctx.tns.to_string(),
        namespace: e.attr("namespace").unwrap_or("##any").trim().to_string(),
        process_contents: e.attr("processContents").unwrap_or("strict").to_string(),
        loc: e.loc.clone(),
    }
}

fn model_group_child(ctx: &mut Ctx<'_>, e: &Element) -> Option<ModelGroup> {
    let c = e
        .children_in(XS)
        .find(|c| matches!(c.local.as_str(), "sequence" | "choice" | "all"))?;
    match particle(ctx, c)?.term {
        Term::Group(g) => Some(g),
        _ => None,
    }
}

fn particle(ctx: &mut Ctx<'_>, e: &Element) -> Option<Particle> {
    let (min, max) = occurs(ctx, e);
    let term = match e.local.as_str() {
        "sequence" | "choice" | "all" => {
            let compositor = match e.local.as_str() {
                "sequence" => Compositor::Sequence,
                "choice" => Compositor::Choice,
                _ => Compositor::All,
            };
            let mut particles = Vec::new();
            for c in e.children_in(XS) {
                match c.local.as_str() {
                    "annotation" => {}
                    "element" | "sequence" | "choice" | "all" | "group" | "any" => {
                        particles.extend(particle(ctx, c))
                    }
                    other => unsupported(ctx, c, other),
                }
            }
            Term::Group(ModelGroup {
                compositor,
                particles,
            })
        }
        "group" => Term::GroupRef(qname_attr(ctx, e, "ref")?),
        "any" => Term::Any(wildcard(ctx, e)),
        "element" => match qname_attr(ctx, e, "ref") {
            Some(r) => Term::ElementRef(r),
            None => {
                let qualified = match e.attr("form") {
                    Some(f) => f == "qualified",
                    None => ctx.element_qualified,
                };
                let ns = if qualified { ctx.tns } else { "" };
                let name = QName::new(ns, e.attr("name").unwrap_or_default());
                Term::Element(Box::new(element_decl(ctx, e, name)))
            }
        },
        _ => return None,
    };
    Some(Particle {
        min,
        max,
        term,
        loc: e.loc.clone(),
    })
}
