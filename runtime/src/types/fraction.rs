//! Fractional-second digits, kept exactly as written.

use std::cmp::Ordering;
use std::hash::{Hash, Hasher};

/// The digits after the decimal point of a seconds value. The text keeps trailing zeros
/// (`.500` is written back as `.500`: servers' timestamps round-trip byte for byte), while
/// equality, hashing and ordering use the value (`.5 == .500`).
///
/// Up to [`INLINE`] digits (milliseconds to nanoseconds, what timestamps carry) are stored in
/// place: reading a timestamp then allocates nothing. Longer fractions go to the heap.
#[derive(Debug, Clone)]
pub(crate) struct Fraction(Repr);

/// The most digits stored without an allocation.
const INLINE: usize = 22;

#[derive(Debug, Clone)]
enum Repr {
    Inline { len: u8, digits: [u8; INLINE] },
    Heap(Box<str>),
}

impl Default for Fraction {
    fn default() -> Self {
        Self(Repr::Inline {
            len: 0,
            digits: [b'0'; INLINE],
        })
    }
}

impl Fraction {
    /// Checks that `digits` are ASCII decimal digits (possibly none).
    pub(crate) fn new(digits: &str) -> Result<Self, String> {
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err("fractional seconds must be decimal digits".to_owned());
        }
        Ok(Self::from_digits(digits))
    }

    /// `digits` are ASCII decimal digits (checked by the callers).
    fn from_digits(digits: &str) -> Self {
        let b = digits.as_bytes();
        match u8::try_from(b.len()) {
            Ok(len) if b.len() <= INLINE => {
                let mut d = [b'0'; INLINE];
                d[..b.len()].copy_from_slice(b);
                Self(Repr::Inline { len, digits: d })
            }
            _ => Self(Repr::Heap(digits.into())),
        }
    }

    /// From a run of bytes the caller has checked are ASCII decimal digits (a parser's digit
    /// run); anything else is dropped, so the stored text stays digits only.
    pub(crate) fn from_ascii_digits(digits: &[u8]) -> Self {
        match u8::try_from(digits.len()) {
            Ok(len) if digits.len() <= INLINE && digits.iter().all(u8::is_ascii_digit) => {
                let mut d = [b'0'; INLINE];
                d[..digits.len()].copy_from_slice(digits);
                Self(Repr::Inline { len, digits: d })
            }
            _ => {
                let s: String = digits
                    .iter()
                    .filter(|b| b.is_ascii_digit())
                    .map(|&b| char::from(b))
                    .collect();
                Self(Repr::Heap(s.into()))
            }
        }
    }

    /// Nanoseconds, zero-padded: `"5"` gives `"500000000"`; digits beyond the ninth dropped.
    pub(crate) fn from_nanos(nanos: u32) -> Self {
        let digits = format!("{:09}", nanos.min(999_999_999));
        Self::from_digits(digits.trim_end_matches('0'))
    }

    /// The digits as written.
    pub(crate) fn as_str(&self) -> &str {
        match &self.0 {
            // ASCII digits only (see `from_digits`), so the conversion cannot fail.
            Repr::Inline { len, digits } => {
                std::str::from_utf8(&digits[..usize::from(*len)]).unwrap_or("")
            }
            Repr::Heap(s) => s,
        }
    }

    /// Appends `.` and the digits, when there are any. The inline digits are copied at their
    /// full fixed size and cut to length: no `memcpy` call.
    #[inline]
    pub(crate) fn push_point_digits(&self, out: &mut Vec<u8>) {
        match &self.0 {
            Repr::Inline { len: 0, .. } => {}
            Repr::Inline { len, digits } => {
                let at = out.len();
                out.push(b'.');
                out.extend_from_slice(digits);
                out.truncate(at + 1 + usize::from(*len));
            }
            Repr::Heap(s) => {
                out.push(b'.');
                out.extend_from_slice(s.as_bytes());
            }
        }
    }

    /// The digits as written, as bytes (ASCII digits).
    pub(crate) fn digits(&self) -> &[u8] {
        match &self.0 {
            Repr::Inline { len, digits } => &digits[..usize::from(*len)],
            Repr::Heap(s) => s.as_bytes(),
        }
    }

    /// The digits without trailing zeros: the value.
    pub(crate) fn significant(&self) -> &str {
        self.as_str().trim_end_matches('0')
    }

    /// True when the fraction adds nothing (no digits, or only zeros).
    pub(crate) fn is_zero(&self) -> bool {
        self.significant().is_empty()
    }

    /// The first nine digits as nanoseconds (the rest truncated).
    pub(crate) fn nanos(&self) -> u32 {
        let b = self.as_str().as_bytes();
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Inline and heap storage keep the digits as written and compare by value.
    #[test]
    fn digits_round_trip_at_every_length() {
        for n in 0..40 {
            let digits: String = (0..n).map(|i| char::from(b'0' + (i % 10) as u8)).collect();
            let f = Fraction::new(&digits).unwrap();
            assert_eq!(f.as_str(), digits);
            let padded = format!("{digits}000");
            assert_eq!(Fraction::new(&padded).unwrap(), f, "{n}");
        }
        assert!(Fraction::new("12a").is_err());
        assert_eq!(Fraction::from_nanos(500_000_000).as_str(), "5");
        assert_eq!(Fraction::from_nanos(123).nanos(), 123);
        assert_eq!(Fraction::default().as_str(), "");
    }
}
