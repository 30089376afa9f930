//! `xs:list`: whitespace-separated items of any simple type.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::str::FromStr;

use super::ws;
use crate::xml::{NamespaceScope, PrefixScope, ValueError, XmlText};

/// An anonymous `xs:list` of `T` (named list types can also be `#[xml(list)]` newtypes).
///
/// Read: the text is split on XML whitespace and each item parsed as `T` (a bad item's error
/// says which item). Written: items separated by one space. Item types must not write
/// whitespace themselves, which XSD already forbids for list item types; an empty list is
/// written as empty text. QName items resolve prefixes through the same scope as the list.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct List<T>(pub Vec<T>);

impl<T> Default for List<T> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<T> List<T> {
    /// The items.
    pub fn into_vec(self) -> Vec<T> {
        self.0
    }
}

impl<T> Deref for List<T> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.0
    }
}

impl<T> DerefMut for List<T> {
    fn deref_mut(&mut self) -> &mut Vec<T> {
        &mut self.0
    }
}

impl<T> From<Vec<T>> for List<T> {
    fn from(v: Vec<T>) -> Self {
        Self(v)
    }
}

impl<T> From<List<T>> for Vec<T> {
    fn from(v: List<T>) -> Self {
        v.0
    }
}

impl<T> FromIterator<T> for List<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

impl<T> IntoIterator for List<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a List<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T: XmlText> List<T> {
    fn parse_with(
        text: &str,
        item: impl Fn(&str) -> Result<T, ValueError>,
    ) -> Result<Self, ValueError> {
        text.split(ws::is_xml_ws)
            .filter(|s| !s.is_empty())
            .enumerate()
            .map(|(i, s)| {
                item(s).map_err(|mut e| {
                    let why = e
                        .detail
                        .take()
                        .map(|d| format!(": {d}"))
                        .unwrap_or_default();
                    e.with_detail(format!("list item {}{why}", i + 1))
                })
            })
            .collect::<Result<Vec<T>, _>>()
            .map(Self)
    }
}

impl<T: XmlText> XmlText for List<T> {
    fn from_xml_text(text: &str) -> Result<Self, ValueError> {
        Self::parse_with(text, T::from_xml_text)
    }

    fn from_xml_text_in(text: &str, scope: &dyn NamespaceScope) -> Result<Self, ValueError> {
        Self::parse_with(text, |s| T::from_xml_text_in(s, scope))
    }

    fn write_xml_text(&self, out: &mut String) {
        for (i, item) in self.0.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            item.write_xml_text(out);
        }
    }

    fn write_xml_text_in(&self, out: &mut String, scope: &mut dyn PrefixScope) {
        for (i, item) in self.0.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            item.write_xml_text_in(out, scope);
        }
    }
}

impl<T: XmlText> fmt::Display for List<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        self.write_xml_text(&mut s);
        f.write_str(&s)
    }
}

impl<T: XmlText> FromStr for List<T> {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::from_xml_text(s)
    }
}
