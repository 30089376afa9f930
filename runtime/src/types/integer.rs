//! `xs:integer` and its sign-restricted subtypes, with arbitrary precision.
//!
//! The value is kept as a sign and a canonical decimal digit string: that is lossless for any
//! length, needs no big-number dependency, and the only operations XML needs (parse, write,
//! compare, convert to machine integers) are cheap on digits.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use super::builtin::integer_lexical;
use crate::xml::{ValueError, XmlText};

/// An `xs:integer` of any size.
///
/// Always canonical: no leading zeros, no `+`, zero is never negative; so the derived equality
/// and hash are equality and hash of the value, and [`Ord`] orders by value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Integer {
    negative: bool,
    /// ASCII digits without leading zeros (`"0"` for zero).
    digits: String,
}

impl Integer {
    /// Zero.
    pub fn zero() -> Self {
        Self {
            negative: false,
            digits: "0".to_owned(),
        }
    }

    /// Builds the value from a sign and ASCII decimal digits (leading zeros allowed);
    /// `None` when `digits` is empty or holds anything but `0`-`9`.
    pub fn from_sign_digits(negative: bool, digits: &str) -> Option<Self> {
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let stripped = digits.trim_start_matches('0');
        Some(if stripped.is_empty() {
            Self::zero()
        } else {
            Self {
                negative,
                digits: stripped.to_owned(),
            }
        })
    }

    fn parse_as(text: &str, expected: &'static str) -> Result<Self, ValueError> {
        let (t, negative, _) = integer_lexical(text, expected)?;
        let digits = t.trim_start_matches(['+', '-']);
        // The lexical check above guarantees non-empty ASCII digits.
        Self::from_sign_digits(negative, digits).ok_or_else(|| ValueError::new(expected, text))
    }

    /// True for values below zero.
    pub fn is_negative(&self) -> bool {
        self.negative
    }

    /// True for values above zero.
    pub fn is_positive(&self) -> bool {
        !self.negative && !self.is_zero()
    }

    /// True for zero.
    pub fn is_zero(&self) -> bool {
        self.digits == "0"
    }

    /// The decimal digits of the magnitude, without sign or leading zeros.
    pub fn digits(&self) -> &str {
        &self.digits
    }

    /// The value with its sign flipped.
    pub fn negated(&self) -> Self {
        Self {
            negative: !self.negative && !self.is_zero(),
            digits: self.digits.clone(),
        }
    }

    /// The absolute value.
    pub fn abs(&self) -> Self {
        Self {
            negative: false,
            digits: self.digits.clone(),
        }
    }

    fn to_i128(&self) -> Option<i128> {
        if self.digits.len() > 39 {
            return None;
        }
        let magnitude: u128 = self.digits.parse().ok()?;
        if self.negative {
            0i128.checked_sub_unsigned(magnitude)
        } else {
            i128::try_from(magnitude).ok()
        }
    }

    fn to_u128(&self) -> Option<u128> {
        if self.negative || self.digits.len() > 39 {
            return None;
        }
        self.digits.parse().ok()
    }
}

impl Default for Integer {
    fn default() -> Self {
        Self::zero()
    }
}

impl PartialOrd for Integer {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Integer {
    fn cmp(&self, other: &Self) -> Ordering {
        let magnitude = || {
            self.digits
                .len()
                .cmp(&other.digits.len())
                .then_with(|| self.digits.cmp(&other.digits))
        };
        match (self.negative, other.negative) {
            (false, false) => magnitude(),
            (true, true) => magnitude().reverse(),
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
        }
    }
}

impl fmt::Display for Integer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negative {
            f.write_str("-")?;
        }
        f.write_str(&self.digits)
    }
}

impl FromStr for Integer {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse_as(s, "xs:integer")
    }
}

impl XmlText for Integer {
    fn from_xml_text(text: &str) -> Result<Self, ValueError> {
        Self::parse_as(text, "xs:integer")
    }
    fn write_xml_text(&self, out: &mut String) {
        if self.negative {
            out.push('-');
        }
        out.push_str(&self.digits);
    }
}

macro_rules! from_machine_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Integer {
            fn from(v: $t) -> Self {
                let negative = v < 0;
                Self { negative, digits: v.unsigned_abs().to_string() }
            }
        }
    )*};
}
from_machine_int!(i8, i16, i32, i64, i128);

macro_rules! from_machine_uint {
    ($($t:ty),*) => {$(
        impl From<$t> for Integer {
            fn from(v: $t) -> Self {
                Self { negative: false, digits: v.to_string() }
            }
        }
    )*};
}
from_machine_uint!(u8, u16, u32, u64, u128);

/// A value does not fit the machine integer it was converted into.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("integer {value} is out of range for {target}")]
pub struct OutOfRange {
    /// The value, truncated like [`ValueError::found`].
    pub value: String,
    /// The target type.
    pub target: &'static str,
}

impl OutOfRange {
    pub(crate) fn new(value: &impl fmt::Display, target: &'static str) -> Self {
        Self {
            value: ValueError::new(target, &value.to_string()).found,
            target,
        }
    }
}

macro_rules! try_into_machine {
    ($($t:ty => $via:ident),*) => {$(
        impl TryFrom<&Integer> for $t {
            type Error = OutOfRange;
            fn try_from(v: &Integer) -> Result<Self, Self::Error> {
                v.$via()
                    .and_then(|x| <$t>::try_from(x).ok())
                    .ok_or_else(|| OutOfRange::new(v, stringify!($t)))
            }
        }
        impl TryFrom<Integer> for $t {
            type Error = OutOfRange;
            fn try_from(v: Integer) -> Result<Self, Self::Error> {
                <$t>::try_from(&v)
            }
        }
    )*};
}
try_into_machine!(i8 => to_i128, i16 => to_i128, i32 => to_i128, i64 => to_i128, i128 => to_i128,
    u8 => to_u128, u16 => to_u128, u32 => to_u128, u64 => to_u128, u128 => to_u128);

macro_rules! signed_integer {
    ($(#[$doc:meta])* $name:ident, $xsd:literal, $rule:literal, |$v:ident| $ok:expr) => {
        $(#[$doc])*
        ///
        /// A checked newtype over [`Integer`]: every constructor enforces the sign constraint.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Integer);

        impl $name {
            /// Checks the sign constraint.
            pub fn new(value: Integer) -> Result<Self, ValueError> {
                let $v = &value;
                if $ok {
                    Ok(Self(value))
                } else {
                    Err(ValueError::new($xsd, &value.to_string()).with_detail($rule))
                }
            }

            /// The value as an unrestricted integer.
            pub fn as_integer(&self) -> &Integer {
                &self.0
            }

            /// The value as an unrestricted integer.
            pub fn into_integer(self) -> Integer {
                self.0
            }
        }

        impl TryFrom<Integer> for $name {
            type Error = ValueError;
            fn try_from(value: Integer) -> Result<Self, Self::Error> {
                Self::new(value)
            }
        }

        impl From<$name> for Integer {
            fn from(v: $name) -> Self {
                v.0
            }
        }

        impl AsRef<Integer> for $name {
            fn as_ref(&self) -> &Integer {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl FromStr for $name {
            type Err = ValueError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::from_xml_text(s)
            }
        }

        impl XmlText for $name {
            fn from_xml_text(text: &str) -> Result<Self, ValueError> {
                let value = Integer::parse_as(text, $xsd)?;
                Self::new(value).map_err(|e| ValueError { found: ValueError::new($xsd, text).found, ..e })
            }
            fn write_xml_text(&self, out: &mut String) {
                self.0.write_xml_text(out);
            }
        }

        impl TryFrom<&$name> for i64 {
            type Error = OutOfRange;
            fn try_from(v: &$name) -> Result<Self, Self::Error> {
                i64::try_from(&v.0)
            }
        }

        impl TryFrom<&$name> for u64 {
            type Error = OutOfRange;
            fn try_from(v: &$name) -> Result<Self, Self::Error> {
                u64::try_from(&v.0)
            }
        }

        impl TryFrom<&$name> for i128 {
            type Error = OutOfRange;
            fn try_from(v: &$name) -> Result<Self, Self::Error> {
                i128::try_from(&v.0)
            }
        }
    };
}

signed_integer!(
    /// `xs:nonNegativeInteger`: an integer `>= 0`.
    NonNegativeInteger, "xs:nonNegativeInteger", "must be 0 or greater", |v| !v.is_negative()
);
signed_integer!(
    /// `xs:positiveInteger`: an integer `>= 1`.
    PositiveInteger, "xs:positiveInteger", "must be 1 or greater", |v| v.is_positive()
);
signed_integer!(
    /// `xs:nonPositiveInteger`: an integer `<= 0`.
    NonPositiveInteger, "xs:nonPositiveInteger", "must be 0 or less", |v| !v.is_positive()
);
signed_integer!(
    /// `xs:negativeInteger`: an integer `<= -1`.
    NegativeInteger, "xs:negativeInteger", "must be -1 or less", |v| v.is_negative()
);

impl From<u64> for NonNegativeInteger {
    fn from(v: u64) -> Self {
        Self(Integer::from(v))
    }
}

impl From<u32> for NonNegativeInteger {
    fn from(v: u32) -> Self {
        Self(Integer::from(v))
    }
}

impl From<PositiveInteger> for NonNegativeInteger {
    fn from(v: PositiveInteger) -> Self {
        Self(v.0)
    }
}

impl From<NegativeInteger> for NonPositiveInteger {
    fn from(v: NegativeInteger) -> Self {
        Self(v.0)
    }
}
