//! String-derived XSD types, as checked newtypes over `String`.
//!
//! Each type applies its XSD whitespace facet when read (`replace` for `normalizedString`,
//! `collapse` for the rest) and then checks its lexical rule. The constructors take the value
//! as it will be written and reject text that is not already in that form, so every value
//! reads back unchanged.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::str::FromStr;

use super::ws;
use crate::xml::{ValueError, XmlText};

/// XML 1.0 (fifth edition) `NameStartChar`, without `:`.
pub(crate) fn is_name_start(c: char) -> bool {
    matches!(c,
        'A'..='Z' | '_' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}'
        | '\u{F8}'..='\u{2FF}' | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}'
        | '\u{200C}'..='\u{200D}' | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}'
        | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}'
        | '\u{10000}'..='\u{EFFFF}')
}

/// XML 1.0 (fifth edition) `NameChar`, without `:`.
pub(crate) fn is_name_char(c: char) -> bool {
    is_name_start(c)
        || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// A non-colonized name: the rule for `NCName`, `ID`, `IDREF`, `ENTITY` and QName parts.
pub(crate) fn is_ncname(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(is_name_start) && chars.all(is_name_char)
}

fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c == ':' || is_name_start(c))
        && chars.all(|c| c == ':' || is_name_char(c))
}

fn is_nmtoken(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c == ':' || is_name_char(c))
}

fn is_language(s: &str) -> bool {
    s.split('-').enumerate().all(|(i, part)| {
        (1..=8).contains(&part.len())
            && part.bytes().all(|b| {
                if i == 0 {
                    b.is_ascii_alphabetic()
                } else {
                    b.is_ascii_alphanumeric()
                }
            })
    })
}

/// No tab, line feed or carriage return.
fn is_replaced(s: &str) -> bool {
    !s.contains(['\t', '\n', '\r'])
}

/// Replaced, no leading or trailing space, no two spaces in a row.
fn is_collapsed(s: &str) -> bool {
    is_replaced(s) && !s.starts_with(' ') && !s.ends_with(' ') && !s.contains("  ")
}

macro_rules! string_type {
    ($(#[$doc:meta])* $name:ident, $xsd:literal, $rule:literal, $facet:path, $check:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// Checks that `value` is already whitespace-normalized and fits the type.
            pub fn new(value: impl Into<String>) -> Result<Self, ValueError> {
                let value = value.into();
                let check: fn(&str) -> bool = $check;
                if check(&value) {
                    Ok(Self(value))
                } else {
                    Err(ValueError::new($xsd, &value).with_detail($rule))
                }
            }

            /// The text.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The text, owned.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> Self {
                v.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = ValueError;
            fn try_from(v: String) -> Result<Self, Self::Error> {
                Self::new(v)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = ValueError;
            fn try_from(v: &str) -> Result<Self, Self::Error> {
                Self::new(v)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        /// Parses like XML does: applies the whitespace facet first.
        impl FromStr for $name {
            type Err = ValueError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::from_xml_text(s)
            }
        }

        impl XmlText for $name {
            fn from_xml_text(text: &str) -> Result<Self, ValueError> {
                let value = $facet(text);
                let check: fn(&str) -> bool = $check;
                if check(&value) {
                    Ok(Self(value.into_owned()))
                } else {
                    Err(ValueError::new($xsd, text).with_detail($rule))
                }
            }
            fn write_xml_text(&self, out: &mut String) {
                out.push_str(&self.0);
            }
        }
    };
}

string_type!(
    /// `xs:normalizedString`: a string without tab, line feed or carriage return (read with
    /// each of them replaced by a space).
    NormalizedString, "xs:normalizedString", "must not contain tab, line feed or carriage return",
    ws::replace, is_replaced
);
string_type!(
    /// `xs:token`: a string without tab/newline, leading/trailing spaces or double spaces
    /// (read with whitespace collapsed).
    Token, "xs:token", "must not contain tab or newline, leading or trailing spaces, or two spaces in a row",
    ws::collapse, is_collapsed
);
string_type!(
    /// `xs:language`: a language tag such as `en`, `en-US`, `zh-Hant-TW`.
    Language, "xs:language", "expected a language tag: 1-8 letters, then '-' and 1-8 letters or digits, repeated",
    ws::collapse, is_language
);
string_type!(
    /// `xs:NMTOKEN`: one or more XML name characters.
    NmToken, "xs:NMTOKEN", "expected one or more XML name characters",
    ws::collapse, is_nmtoken
);
string_type!(
    /// `xs:Name`: an XML name (may contain `:`).
    Name, "xs:Name", "expected an XML name",
    ws::collapse, is_name
);
string_type!(
    /// `xs:NCName`: an XML name without `:`.
    NcName, "xs:NCName", "expected an XML name without ':'",
    ws::collapse, is_ncname
);
string_type!(
    /// `xs:ID`: an NCName unique within the document (uniqueness is the document's concern,
    /// not checked here).
    Id, "xs:ID", "expected an XML name without ':'",
    ws::collapse, is_ncname
);
string_type!(
    /// `xs:IDREF`: an NCName referring to an `xs:ID`.
    IdRef, "xs:IDREF", "expected an XML name without ':'",
    ws::collapse, is_ncname
);
string_type!(
    /// `xs:ENTITY`: an NCName naming an unparsed entity.
    Entity, "xs:ENTITY", "expected an XML name without ':'",
    ws::collapse, is_ncname
);
string_type!(
    /// `xs:anyURI`: a URI reference, kept as text. XSD leaves the lexical space nearly open
    /// (relative references, IRIs with non-ASCII characters), so only whitespace is
    /// collapsed; resolving or parsing it is left to the caller.
    AnyUri, "xs:anyURI", "must not contain tab or newline, leading or trailing spaces, or two spaces in a row",
    ws::collapse, is_collapsed
);
