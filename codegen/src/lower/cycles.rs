//! Box the by-value edges that close a cycle, so every type has a finite size.
//!
//! A by-value edge is a non-`Vec` field or an enum variant whose type is generated. An edge is
//! boxed when both ends lie in the same strongly connected component (Tarjan's algorithm,
//! iterative so deep schemas cannot overflow the stack).

use std::collections::BTreeMap;

use super::Pending;
use crate::model::{Occurs, TypeExpr, TypeId, TypeKind, VariantKind};

fn edges(kind: &TypeKind) -> Vec<TypeId> {
    let named = |t: &TypeExpr| match t {
        TypeExpr::Named(id) => Some(*id),
        _ => None,
    };
    match kind {
        TypeKind::Struct(s) => s
            .fields
            .iter()
            .filter(|f| f.occurs != Occurs::Many)
            .filter_map(|f| named(&f.ty))
            .collect(),
        TypeKind::Choice(c) => c.variants.iter().filter_map(|v| named(&v.ty)).collect(),
        TypeKind::Polymorphic(p) => p.variants.iter().map(|v| v.ty).collect(),
        _ => Vec::new(),
    }
}

/// Strongly connected component index of every type.
fn components(types: &BTreeMap<TypeId, Pending>) -> BTreeMap<TypeId, usize> {
    let graph: BTreeMap<TypeId, Vec<TypeId>> =
        types.iter().map(|(id, p)| (*id, edges(&p.kind))).collect();
    let mut index: BTreeMap<TypeId, usize> = BTreeMap::new();
    let mut low: BTreeMap<TypeId, usize> = BTreeMap::new();
    let mut on_stack: BTreeMap<TypeId, bool> = BTreeMap::new();
    let mut stack: Vec<TypeId> = Vec::new();
    let mut comp: BTreeMap<TypeId, usize> = BTreeMap::new();
    let mut counter = 0usize;
    let mut ncomp = 0usize;
    for &root in graph.keys() {
        if index.contains_key(&root) {
            continue;
        }
        // (node, next edge position)
        let mut work: Vec<(TypeId, usize)> = vec![(root, 0)];
        while let Some((v, pos)) = work.pop() {
            if pos == 0 {
                index.insert(v, counter);
                low.insert(v, counter);
                counter += 1;
                stack.push(v);
                on_stack.insert(v, true);
            }
            let succ = graph.get(&v).map_or(&[][..], Vec::as_slice);
            if let Some(&w) = succ.get(pos) {
                work.push((v, pos + 1));
                if !index.contains_key(&w) {
                    if graph.contains_key(&w) {
                        work.push((w, 0));
                    }
                } else if on_stack.get(&w).copied().unwrap_or(false) {
                    let m = low[&v].min(index[&w]);
                    low.insert(v, m);
                }
                continue;
            }
            if low[&v] == index[&v] {
                while let Some(w) = stack.pop() {
                    on_stack.insert(w, false);
                    comp.insert(w, ncomp);
                    if w == v {
                        break;
                    }
                }
                ncomp += 1;
            }
            if let Some(&(parent, _)) = work.last() {
                let m = low[&parent].min(low[&v]);
                low.insert(parent, m);
            }
        }
    }
    comp
}

/// Sets `boxed` on every by-value edge inside a cycle.
pub(super) fn break_cycles(types: &mut BTreeMap<TypeId, Pending>) {
    let comp = components(types);
    let same = |a: TypeId, b: TypeId| comp.contains_key(&a) && comp.get(&a) == comp.get(&b);
    for (id, p) in types.iter_mut() {
        let id = *id;
        match &mut p.kind {
            TypeKind::Struct(s) => {
                for f in &mut s.fields {
                    if let (TypeExpr::Named(t), false) = (&f.ty, f.occurs == Occurs::Many) {
                        f.boxed = same(id, *t);
                    }
                }
            }
            TypeKind::Choice(c) => {
                for v in &mut c.variants {
                    // A `Vec` payload already breaks the cycle.
                    if let (TypeExpr::Named(t), false) = (
                        &v.ty,
                        matches!(v.kind, VariantKind::ElementOf { many: true, .. }),
                    ) {
                        v.boxed = same(id, *t);
                    }
                }
            }
            TypeKind::Polymorphic(poly) => {
                for v in &mut poly.variants {
                    v.boxed = same(id, v.ty);
                }
            }
            _ => {}
        }
    }
}
