//! `xs:decimal` with arbitrary precision and no binary floating point anywhere.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use super::integer::{Integer, OutOfRange};
use super::ws;
use crate::xml::{ValueError, XmlText};

/// An `xs:decimal`: sign, decimal digits and scale (the number of fraction digits).
///
/// The scale is kept as read, so `1.50` is written back as `1.50` (amounts keep their
/// precision); equality, hashing and ordering are by value, so `1.5 == 1.50` and `-0 == 0`.
/// The written form is canonical for its scale: no `+`, no leading zeros, no negative zero,
/// no `.` when the scale is 0. [`Decimal::normalized`] drops trailing fraction zeros.
#[derive(Debug, Clone)]
pub struct Decimal {
    negative: bool,
    /// Digits of the unscaled value without leading zeros (`"0"` for zero).
    digits: String,
    scale: usize,
}

impl Decimal {
    /// Zero with scale 0.
    pub fn zero() -> Self {
        Self {
            negative: false,
            digits: "0".to_owned(),
            scale: 0,
        }
    }

    /// `unscaled × 10^-scale`, e.g. `(150, 2)` is `1.50`. Writing the value writes `scale`
    /// fraction digits, so the scale is the caller's to keep reasonable.
    pub fn from_parts(unscaled: Integer, scale: usize) -> Self {
        Self {
            negative: unscaled.is_negative(),
            digits: unscaled.digits().to_owned(),
            scale,
        }
    }

    fn parse_as(text: &str, expected: &'static str) -> Result<Self, ValueError> {
        let t = ws::trim(text);
        let (negative, body) = match t.as_bytes().first() {
            Some(b'-') => (true, &t[1..]),
            Some(b'+') => (false, &t[1..]),
            _ => (false, t),
        };
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        let digits_ok = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (int.is_empty() && frac.is_empty()) || !digits_ok(int) || !digits_ok(frac) {
            return Err(ValueError::new(expected, text)
                .with_detail("expected an optional sign, digits and an optional fraction"));
        }
        let mut digits = String::with_capacity(int.len() + frac.len());
        digits.push_str(int.trim_start_matches('0'));
        digits.push_str(frac);
        let digits = digits.trim_start_matches('0');
        let zero = digits.is_empty();
        Ok(Self {
            negative: negative && !zero,
            digits: if zero {
                "0".to_owned()
            } else {
                digits.to_owned()
            },
            scale: frac.len(),
        })
    }

    /// True for values below zero.
    pub fn is_negative(&self) -> bool {
        self.negative
    }

    /// True for zero (of any scale).
    pub fn is_zero(&self) -> bool {
        self.digits == "0"
    }

    /// The number of fraction digits kept (trailing zeros included).
    pub fn scale(&self) -> usize {
        self.scale
    }

    /// The unscaled value: `1.50` gives `150`.
    pub fn unscaled(&self) -> Integer {
        Integer::from_sign_digits(self.negative, &self.digits).unwrap_or_default()
    }

    /// The same value with trailing fraction zeros removed (`1.50` → `1.5`, `2.0` → `2`).
    pub fn normalized(&self) -> Self {
        let (digits, scale) = self.normal_parts();
        Self {
            negative: self.negative,
            digits: digits.to_owned(),
            scale,
        }
    }

    /// The same value written with at least `scale` fraction digits (`1.5` → `1.500` for 3).
    /// Never drops digits: a larger current scale is kept.
    pub fn with_min_scale(&self, scale: usize) -> Self {
        if scale <= self.scale || self.is_zero() {
            return Self {
                scale: scale.max(self.scale),
                ..self.clone()
            };
        }
        let mut digits = self.digits.clone();
        digits.extend(std::iter::repeat_n('0', scale - self.scale));
        Self {
            negative: self.negative,
            digits,
            scale,
        }
    }

    /// The integer part, truncated toward zero.
    pub fn trunc(&self) -> Integer {
        let (int, _) = self.split();
        Integer::from_sign_digits(self.negative, if int.is_empty() { "0" } else { int })
            .unwrap_or_default()
    }

    /// The number of digits the value needs (what XSD `totalDigits` bounds): the value is
    /// `i × 10^-n` with the smallest `n`, and this is the larger of the digit count of `i` and
    /// `n`. `1.50` needs 2, `0.05` needs 2, `120` needs 3.
    pub fn total_digits(&self) -> usize {
        let (digits, scale) = self.normal_parts();
        if digits == "0" {
            1
        } else {
            digits.len().max(scale)
        }
    }

    /// The number of fraction digits of the value (XSD `fractionDigits`): `1.50` has 1.
    pub fn fraction_digits(&self) -> usize {
        self.normal_parts().1
    }

    /// The nearest `f64` (lossy, by name).
    pub fn to_f64_lossy(&self) -> f64 {
        self.to_string().parse().unwrap_or(f64::NAN)
    }

    fn normal_parts(&self) -> (&str, usize) {
        let mut digits = self.digits.as_str();
        let mut scale = self.scale;
        while scale > 0 && digits.len() > 1 && digits.ends_with('0') {
            digits = &digits[..digits.len() - 1];
            scale -= 1;
        }
        if digits == "0" {
            scale = 0;
        }
        (digits, scale)
    }

    /// Integer and fraction digits of the magnitude; the integer part is empty when the value is
    /// below 1 and the fraction part is zero-padded to the scale.
    fn split(&self) -> (&str, String) {
        if self.digits.len() > self.scale {
            let (i, f) = self.digits.split_at(self.digits.len() - self.scale);
            (if i == "0" { "" } else { i }, f.to_owned())
        } else {
            let mut f = "0".repeat(self.scale - self.digits.len());
            f.push_str(&self.digits);
            ("", f)
        }
    }

    fn cmp_magnitude(&self, other: &Self) -> Ordering {
        let (ai, af) = self.split();
        let (bi, bf) = other.split();
        ai.len()
            .cmp(&bi.len())
            .then_with(|| ai.cmp(bi))
            .then_with(|| {
                let (af, bf) = (af.trim_end_matches('0'), bf.trim_end_matches('0'));
                af.cmp(bf)
            })
    }
}

impl Default for Decimal {
    fn default() -> Self {
        Self::zero()
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Self) -> bool {
        self.negative == other.negative && self.normal_parts() == other.normal_parts()
    }
}

impl Eq for Decimal {}

impl Hash for Decimal {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.negative.hash(state);
        self.normal_parts().hash(state);
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self.negative, other.negative) {
            (false, false) => self.cmp_magnitude(other),
            (true, true) => self.cmp_magnitude(other).reverse(),
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
        }
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negative {
            f.write_str("-")?;
        }
        if self.scale == 0 {
            return f.write_str(&self.digits);
        }
        let (int, frac) = self.split();
        f.write_str(if int.is_empty() { "0" } else { int })?;
        f.write_str(".")?;
        f.write_str(&frac)
    }
}

impl FromStr for Decimal {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse_as(s, "xs:decimal")
    }
}

impl XmlText for Decimal {
    fn from_xml_text(text: &str) -> Result<Self, ValueError> {
        Self::parse_as(text, "xs:decimal")
    }
    fn write_xml_text(&self, out: &mut String) {
        use fmt::Write as _;
        // Writing into a String cannot fail.
        let _ = write!(out, "{self}");
    }
}

impl From<Integer> for Decimal {
    fn from(v: Integer) -> Self {
        Self::from_parts(v, 0)
    }
}

macro_rules! from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Decimal {
            fn from(v: $t) -> Self {
                Self::from(Integer::from(v))
            }
        }
    )*};
}
from_int!(i8, i16, i32, i64, i128, u8, u16, u32, u64, u128);

/// Exact only: fails when the value has a non-zero fraction.
impl TryFrom<&Decimal> for Integer {
    type Error = OutOfRange;
    fn try_from(v: &Decimal) -> Result<Self, Self::Error> {
        if v.fraction_digits() == 0 {
            Ok(v.trunc())
        } else {
            Err(OutOfRange::new(v, "xs:integer"))
        }
    }
}

macro_rules! try_into_int {
    ($($t:ty),*) => {$(
        /// Exact only: fails for a non-zero fraction or a value out of range.
        impl TryFrom<&Decimal> for $t {
            type Error = OutOfRange;
            fn try_from(v: &Decimal) -> Result<Self, Self::Error> {
                let i = Integer::try_from(v).map_err(|_| OutOfRange::new(v, stringify!($t)))?;
                <$t>::try_from(&i)
            }
        }
    )*};
}
try_into_int!(i64, u64, i128);
