//! `xs:base64Binary` and `xs:hexBinary`.

use std::fmt;
use std::str::FromStr;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::ws;
use crate::xml::{ValueError, XmlText};

/// `xs:base64Binary`: bytes, read from base64 with any XML whitespace inside (line-wrapped
/// MIME style is common) and written as one unwrapped canonical base64 line with padding.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Base64Binary(pub Vec<u8>);

/// `xs:hexBinary`: bytes, read from hex digits in either case, written in upper case (the XSD
/// canonical form).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct HexBinary(pub Vec<u8>);

macro_rules! bytes_common {
    ($name:ident) => {
        impl $name {
            /// The bytes.
            pub fn as_bytes(&self) -> &[u8] {
                &self.0
            }
            /// The bytes, owned.
            pub fn into_bytes(self) -> Vec<u8> {
                self.0
            }
        }

        impl From<Vec<u8>> for $name {
            fn from(v: Vec<u8>) -> Self {
                Self(v)
            }
        }

        impl From<&[u8]> for $name {
            fn from(v: &[u8]) -> Self {
                Self(v.to_vec())
            }
        }

        impl From<$name> for Vec<u8> {
            fn from(v: $name) -> Self {
                v.0
            }
        }

        impl AsRef<[u8]> for $name {
            fn as_ref(&self) -> &[u8] {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let mut s = String::new();
                self.write_xml_text(&mut s);
                f.write_str(&s)
            }
        }

        /// Shows the length and a short prefix: binary payloads can be large.
        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                const SHOWN: usize = 16;
                write!(f, "{}({} bytes: ", stringify!($name), self.0.len())?;
                for b in self.0.iter().take(SHOWN) {
                    write!(f, "{b:02x}")?;
                }
                if self.0.len() > SHOWN {
                    f.write_str("…")?;
                }
                f.write_str(")")
            }
        }

        impl FromStr for $name {
            type Err = ValueError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::from_xml_text(s)
            }
        }
    };
}
bytes_common!(Base64Binary);
bytes_common!(HexBinary);

impl XmlText for Base64Binary {
    fn from_xml_text(text: &str) -> Result<Self, ValueError> {
        let compact: Vec<u8> = text
            .bytes()
            .filter(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            .collect();
        STANDARD
            .decode(&compact)
            .map(Self)
            .map_err(|e| ValueError::new("xs:base64Binary", text).with_detail(e.to_string()))
    }
    fn write_xml_text(&self, out: &mut String) {
        STANDARD.encode_string(&self.0, out);
    }
}

impl XmlText for HexBinary {
    fn from_xml_text(text: &str) -> Result<Self, ValueError> {
        let t = ws::trim(text).as_bytes();
        let err = |d: &str| ValueError::new("xs:hexBinary", text).with_detail(d.to_owned());
        if !t.len().is_multiple_of(2) {
            return Err(err("expected an even number of hex digits"));
        }
        let nibble = |b: u8| match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            b'A'..=b'F' => Some(b - b'A' + 10),
            _ => None,
        };
        t.chunks_exact(2)
            .map(|p| Some(nibble(p[0])? << 4 | nibble(p[1])?))
            .collect::<Option<Vec<u8>>>()
            .map(Self)
            .ok_or_else(|| err("expected hex digits 0-9, a-f, A-F"))
    }
    fn write_xml_text(&self, out: &mut String) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        out.reserve(self.0.len() * 2);
        for b in &self.0 {
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        }
    }
}
