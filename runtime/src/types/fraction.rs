//! Fractional-second digits, kept exactly as written.

use std::cmp::Ordering;
use std::hash::{Hash, Hasher};

/// The digits after the decimal point of a seconds value. The text keeps trailing zeros
/// (`.500` is written back as `.500`: servers' timestamps round-trip byte for byte), while
/// equality, hashing and ordering use the value (`.5 == .500`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Fraction(String);

impl Fraction {
    /// Checks that `digits` are ASCII decimal digits (possibly none).
    pub(crate) fn new(digits: &str) -> Result<Self, String> {
        if digits.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Self(digits.to_owned()))
        } else {
            Err("fractional seconds must be decimal digits".to_owned())
        }
    }

    /// Nanoseconds, zero-padded: `"5"` gives `"500000000"`; digits beyond the ninth dropped.
    pub(crate) fn from_nanos(nanos: u32) -> Self {
        let digits = format!("{:09}", nanos.min(999_999_999));
        Self(digits.trim_end_matches('0').to_owned())
    }

    /// The digits as written.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    /// The digits without trailing zeros: the value.
    pub(crate) fn significant(&self) -> &str {
        self.0.trim_end_matches('0')
    }

    /// True when the fraction adds nothing (no digits, or only zeros).
    pub(crate) fn is_zero(&self) -> bool {
        self.significant().is_empty()
    }

    /// The first nine digits as nanoseconds (the rest truncated).
    pub(crate) fn nanos(&self) -> u32 {
        let b = self.0.as_bytes();
        (0..9).fold(0u32, |n, i| {
            n * 10 + u32::from(b.get(i).map_or(0, |d| d - b'0'))
        })
    }
}

impl PartialEq for Fraction {
    fn eq(&self, other: &Self) -> bool {
        self.significant() == other.significant()
    }
}

impl Eq for Fraction {}

impl Hash for Fraction {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.significant().hash(state);
    }
}

impl PartialOrd for Fraction {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Without trailing zeros, comparing the digit strings compares the values (`"5" > "49"`).
impl Ord for Fraction {
    fn cmp(&self, other: &Self) -> Ordering {
        self.significant().cmp(other.significant())
    }
}
