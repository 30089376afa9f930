//! Occurrence of a field from its Rust type: `T`, `Option<T>`, `Vec<T>`, `Box<T>`,
//! `Option<Box<T>>`, `Vec<Box<T>>`.

use syn::{GenericArgument, PathArguments, Type};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Occurs {
    One,
    Opt,
    Vec,
}

#[derive(Clone)]
pub struct Shape {
    pub occurs: Occurs,
    pub boxed: bool,
    pub inner: Type,
}

/// The single type argument of `Wrapper<T>` when the last path segment is `name`.
fn unwrap<'a>(ty: &'a Type, name: &str) -> Option<&'a Type> {
    let Type::Path(p) = ty else { return None };
    if p.qself.is_some() {
        return None;
    }
    let seg = p.path.segments.last()?;
    if seg.ident != name {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &seg.arguments else {
        return None;
    };
    if args.args.len() != 1 {
        return None;
    }
    match args.args.first()? {
        GenericArgument::Type(t) => Some(t),
        _ => None,
    }
}

pub fn shape(ty: &Type) -> Shape {
    let (occurs, rest) = if let Some(t) = unwrap(ty, "Option") {
        (Occurs::Opt, t)
    } else if let Some(t) = unwrap(ty, "Vec") {
        (Occurs::Vec, t)
    } else {
        (Occurs::One, ty)
    };
    match unwrap(rest, "Box") {
        Some(t) => Shape {
            occurs,
            boxed: true,
            inner: t.clone(),
        },
        None => Shape {
            occurs,
            boxed: false,
            inner: rest.clone(),
        },
    }
}

/// Whether the type's last segment is `name` (for `Vec<AnyElement>`-style checks).
pub fn last_ident_is(ty: &Type, name: &str) -> bool {
    match ty {
        Type::Path(p) => p.path.segments.last().is_some_and(|s| s.ident == name),
        _ => false,
    }
}
