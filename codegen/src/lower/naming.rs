//! The one naming function. Every Rust identifier the generator emits is made here.
//!
//! Rules (documented in `docs/codegen.md`):
//! - case conversion with `heck` (types and variants `UpperCamelCase`, fields and modules
//!   `snake_case`, constants `SHOUTY_SNAKE_CASE`);
//! - characters that cannot appear in an identifier separate words; non-ASCII letters become
//!   `uXXXX` words so output stays ASCII (no `uncommon_codepoints` lints);
//! - a leading digit gets a `_` prefix;
//! - a keyword gets a `_` suffix (`type` → `type_`, `Self` → `Self_`); the wire name is always
//!   kept separately in `#[xml(...)]`, so the suffix never reaches the wire;
//! - collisions are resolved by [`Namer`], first come first served in a deterministic order.

use std::collections::BTreeSet;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// Which identifier convention to produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// Types and enum variants.
    Type,
    /// Fields and modules.
    Snake,
    /// Constants.
    Const,
}

/// Every Rust keyword (strict, reserved and 2024-edition), plus names that cannot be raw.
const KEYWORDS: [&str; 53] = [
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen", "_",
];

/// Turns any schema name into a valid Rust identifier in the requested case.
pub fn rust_ident(raw: &str, case: Case) -> String {
    // Pre-split so that heck sees word boundaries for every non-identifier character and
    // non-ASCII letters survive as ASCII words.
    let mut cleaned = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            cleaned.push(c);
        } else if c.is_alphanumeric() {
            cleaned.push_str(&format!("_u{:04x}_", u32::from(c)));
        } else {
            cleaned.push('_');
        }
    }
    let words: Vec<&str> = cleaned.split('_').filter(|w| !w.is_empty()).collect();
    let mut out = match case {
        Case::Type => {
            // Keep an underscore between two digit runs ("1.0" -> "_1_0"), otherwise "1.0" and
            // "10" would collide.
            let mut s = String::new();
            for w in &words {
                let part = w.to_upper_camel_case();
                if s.ends_with(|c: char| c.is_ascii_digit())
                    && part.starts_with(|c: char| c.is_ascii_digit())
                {
                    s.push('_');
                }
                s.push_str(&part);
            }
            s
        }
        Case::Snake => words.join("_").to_snake_case(),
        Case::Const => words.join("_").to_shouty_snake_case(),
    };
    if out.is_empty() {
        out = match case {
            Case::Type => "Empty".into(),
            Case::Snake => "empty".into(),
            Case::Const => "EMPTY".into(),
        };
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    if KEYWORDS.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// Hands out unique identifiers within one scope (a module, a struct, an enum).
#[derive(Debug, Default, Clone)]
pub struct Namer {
    used: BTreeSet<String>,
}

impl Namer {
    /// A namer with some names already taken.
    pub fn with_reserved<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        Namer {
            used: names.into_iter().map(str::to_string).collect(),
        }
    }

    /// `base` if free, else `base` + `suffix` (when given), else the first free `base2`,
    /// `base3`... (with `_2` for snake case so the number stays readable).
    pub fn unique(&mut self, base: &str, suffix: Option<&str>, case: Case) -> String {
        let mut candidates = vec![base.to_string()];
        if let Some(s) = suffix {
            candidates.push(match case {
                Case::Type => format!("{base}{s}"),
                _ => format!("{}_{s}", base.trim_end_matches('_')),
            });
        }
        for c in candidates {
            if self.used.insert(c.clone()) {
                return c;
            }
        }
        let mut n = 2u32;
        loop {
            let c = match case {
                Case::Type if !base.ends_with(|c: char| c.is_ascii_digit()) => format!("{base}{n}"),
                _ => format!("{base}_{n}"),
            };
            // A keyword-escaped base already ends in `_`.
            let c = c.replace("__", "_");
            if self.used.insert(c.clone()) {
                return c;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases() {
        assert_eq!(
            rust_ident("RNChatMessagePostedMessage", Case::Type),
            "RnChatMessagePostedMessage"
        );
        assert_eq!(rust_ident("ClientID", Case::Snake), "client_id");
        assert_eq!(rust_ident("get-last.trade", Case::Type), "GetLastTrade");
        assert_eq!(rust_ident("urn:foo/bar", Case::Const), "URN_FOO_BAR");
    }

    #[test]
    fn every_keyword_is_escaped() {
        for k in KEYWORDS {
            let snake = rust_ident(k, Case::Snake);
            assert!(!KEYWORDS.contains(&snake.as_str()), "{k} -> {snake}");
            assert!(
                syn::parse_str::<syn::Ident>(&snake).is_ok(),
                "{k} -> {snake}"
            );
            let ty = rust_ident(k, Case::Type);
            assert!(syn::parse_str::<syn::Ident>(&ty).is_ok(), "{k} -> {ty}");
        }
        assert_eq!(rust_ident("type", Case::Snake), "type_");
        assert_eq!(rust_ident("Self", Case::Type), "Self_");
        assert_eq!(rust_ident("self", Case::Type), "Self_");
    }

    #[test]
    fn digits_symbols_and_unicode() {
        assert_eq!(rust_ident("1.0", Case::Type), "_1_0");
        assert_eq!(rust_ident("10", Case::Type), "_10");
        assert_eq!(rust_ident("3DSecure", Case::Snake), "_3d_secure");
        assert_eq!(rust_ident("", Case::Type), "Empty");
        assert_eq!(rust_ident("+", Case::Snake), "empty");
        let u = rust_ident("Größe", Case::Type);
        assert!(
            u.is_ascii() && syn::parse_str::<syn::Ident>(&u).is_ok(),
            "{u}"
        );
    }

    #[test]
    fn collisions_are_deterministic() {
        let mut n = Namer::default();
        assert_eq!(n.unique("Foo", Some("Element"), Case::Type), "Foo");
        assert_eq!(n.unique("Foo", Some("Element"), Case::Type), "FooElement");
        assert_eq!(n.unique("Foo", Some("Element"), Case::Type), "Foo2");
        assert_eq!(n.unique("Foo", None, Case::Type), "Foo3");
        let mut f = Namer::default();
        assert_eq!(f.unique("type_", Some("attr"), Case::Snake), "type_");
        assert_eq!(f.unique("type_", Some("attr"), Case::Snake), "type_attr");
        assert_eq!(f.unique("type_", None, Case::Snake), "type_2");
    }
}
