//! `xs:duration`.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use super::fraction::Fraction;
use super::ws;
use crate::xml::{ValueError, XmlText};

/// An `xs:duration`: `[-]PnYnMnDTnHnMn[.n]S`.
///
/// The components are kept as written (`PT90M` stays `PT90M`, it is not rewritten as
/// `PT1H30M`); zero components are not written and an all-zero duration is written `PT0S`.
/// Equality and hashing are by value as XSD 1.1 defines it: a duration is a number of months
/// (`P1Y == P12M`) and a number of seconds (`P1D == PT24H`); `P1M` and `P30D` differ.
/// Fractional seconds keep every digit as written (`PT1.500S` stays `PT1.500S`).
#[derive(Debug, Clone, Default)]
pub struct Duration {
    negative: bool,
    years: u64,
    months: u64,
    days: u64,
    hours: u64,
    minutes: u64,
    seconds: u64,
    fraction: Fraction,
}

impl Duration {
    /// The zero duration (`PT0S`); use the `with_*` methods to set components.
    pub fn zero() -> Self {
        Self::default()
    }

    /// The same duration with this sign (ignored for a zero duration).
    #[must_use]
    pub fn with_negative(mut self, negative: bool) -> Self {
        self.negative = negative;
        self.fix_sign();
        self
    }

    /// Sets the years component.
    #[must_use]
    pub fn with_years(mut self, years: u64) -> Self {
        self.years = years;
        self.fix_sign();
        self
    }
    /// Sets the months component (not normalized into years).
    #[must_use]
    pub fn with_months(mut self, months: u64) -> Self {
        self.months = months;
        self.fix_sign();
        self
    }
    /// Sets the days component.
    #[must_use]
    pub fn with_days(mut self, days: u64) -> Self {
        self.days = days;
        self.fix_sign();
        self
    }
    /// Sets the hours component.
    #[must_use]
    pub fn with_hours(mut self, hours: u64) -> Self {
        self.hours = hours;
        self.fix_sign();
        self
    }
    /// Sets the minutes component.
    #[must_use]
    pub fn with_minutes(mut self, minutes: u64) -> Self {
        self.minutes = minutes;
        self.fix_sign();
        self
    }
    /// Sets the whole seconds component.
    #[must_use]
    pub fn with_seconds(mut self, seconds: u64) -> Self {
        self.seconds = seconds;
        self.fix_sign();
        self
    }
    /// Sets the fractional-second digits, kept as given (`"25"` and `"250"` are both a
    /// quarter second).
    pub fn with_fraction(mut self, digits: &str) -> Result<Self, ValueError> {
        self.fraction = Fraction::new(digits).map_err(|d| {
            ValueError::new("xs:duration fractional seconds", digits).with_detail(d)
        })?;
        self.fix_sign();
        Ok(self)
    }

    /// True for a negative duration (never for zero).
    pub fn is_negative(&self) -> bool {
        self.negative
    }
    /// True when every component is zero.
    pub fn is_zero(&self) -> bool {
        self.total_months() == 0 && self.total_seconds() == 0 && self.fraction.is_zero()
    }
    /// The years component.
    pub fn years(&self) -> u64 {
        self.years
    }
    /// The months component.
    pub fn months(&self) -> u64 {
        self.months
    }
    /// The days component.
    pub fn days(&self) -> u64 {
        self.days
    }
    /// The hours component.
    pub fn hours(&self) -> u64 {
        self.hours
    }
    /// The minutes component.
    pub fn minutes(&self) -> u64 {
        self.minutes
    }
    /// The whole seconds component.
    pub fn seconds(&self) -> u64 {
        self.seconds
    }
    /// Fractional-second digits as written (empty for none).
    pub fn fraction(&self) -> &str {
        self.fraction.as_str()
    }

    /// Years and months as a number of months (unsigned; see [`Duration::is_negative`]).
    pub fn total_months(&self) -> u128 {
        u128::from(self.years) * 12 + u128::from(self.months)
    }

    /// Days, hours, minutes and whole seconds as a number of seconds (unsigned).
    pub fn total_seconds(&self) -> u128 {
        ((u128::from(self.days) * 24 + u128::from(self.hours)) * 60 + u128::from(self.minutes)) * 60
            + u128::from(self.seconds)
    }

    fn fix_sign(&mut self) {
        if self.is_zero() {
            self.negative = false;
        }
    }

    fn parse(text: &str) -> Result<Self, ValueError> {
        Self::parse_inner(ws::trim(text))
            .map_err(|d| ValueError::new("xs:duration", text).with_detail(d))
    }

    fn parse_inner(t: &str) -> Result<Self, String> {
        let mut d = Self::default();
        let mut rest = t;
        if let Some(r) = rest.strip_prefix('-') {
            d.negative = true;
            rest = r;
        }
        rest = rest.strip_prefix('P').ok_or("expected 'P'")?;
        let (date_part, time_part) = match rest.split_once('T') {
            Some((a, b)) => {
                if b.is_empty() {
                    return Err("'T' must be followed by hours, minutes or seconds".to_owned());
                }
                (a, Some(b))
            }
            None => (rest, None),
        };
        if date_part.is_empty() && time_part.is_none() {
            return Err("a duration needs at least one component".to_owned());
        }
        // Components in fixed order; each designator at most once.
        let mut order = 0;
        for (value, designator) in components(date_part)? {
            let slot = match designator {
                'Y' => 1,
                'M' => 2,
                'D' => 3,
                _ => return Err(format!("unexpected '{designator}' before 'T'")),
            };
            if slot <= order {
                return Err("components must appear once each, in the order Y, M, D".to_owned());
            }
            order = slot;
            let v = whole(value)?;
            match slot {
                1 => d.years = v,
                2 => d.months = v,
                _ => d.days = v,
            }
        }
        if let Some(time_part) = time_part {
            let mut order = 0;
            for (value, designator) in components(time_part)? {
                let slot = match designator {
                    'H' => 1,
                    'M' => 2,
                    'S' => 3,
                    _ => return Err(format!("unexpected '{designator}' after 'T'")),
                };
                if slot <= order {
                    return Err("components must appear once each, in the order H, M, S".to_owned());
                }
                order = slot;
                match slot {
                    1 => d.hours = whole(value)?,
                    2 => d.minutes = whole(value)?,
                    _ => {
                        // XSD 1.1 allows `.5S` and `5.S` as well as `5.5S`.
                        let (int, frac) = match value.split_once('.') {
                            Some(("", "")) => {
                                return Err("expected digits around '.' in seconds".to_owned());
                            }
                            Some((i, f)) => (if i.is_empty() { "0" } else { i }, f),
                            None => (value, ""),
                        };
                        d.seconds = whole(int)?;
                        d.fraction = Fraction::new(frac)?;
                    }
                }
            }
        }
        d.fix_sign();
        Ok(d)
    }

    fn write(&self, out: &mut String) {
        use fmt::Write as _;
        // Writing into a String cannot fail, hence the ignored results.
        if self.negative {
            out.push('-');
        }
        out.push('P');
        for (v, c) in [(self.years, 'Y'), (self.months, 'M'), (self.days, 'D')] {
            if v != 0 {
                let _ = write!(out, "{v}{c}");
            }
        }
        let has_seconds = self.seconds != 0 || !self.fraction.as_str().is_empty();
        if self.hours != 0 || self.minutes != 0 || has_seconds {
            out.push('T');
            for (v, c) in [(self.hours, 'H'), (self.minutes, 'M')] {
                if v != 0 {
                    let _ = write!(out, "{v}{c}");
                }
            }
            if has_seconds {
                let _ = write!(out, "{}", self.seconds);
                if !self.fraction.as_str().is_empty() {
                    out.push('.');
                    out.push_str(self.fraction.as_str());
                }
                out.push('S');
            }
        } else if self.total_months() == 0 && self.days == 0 {
            out.push_str("T0S");
        }
    }
}

/// Splits `12Y3M` into `[("12", 'Y'), ("3", 'M')]`; a value is digits with at most one `.`.
fn components(s: &str) -> Result<Vec<(&str, char)>, String> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if c.is_ascii_digit() || c == '.' {
            continue;
        }
        if i == start {
            return Err(format!("expected a number before '{c}'"));
        }
        out.push((&s[start..i], c));
        start = i + c.len_utf8();
    }
    if start != s.len() {
        return Err("a number must be followed by its designator".to_owned());
    }
    Ok(out)
}

fn whole(value: &str) -> Result<u64, String> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "{value:?} is not a whole number (only seconds may have a fraction)"
        ));
    }
    value
        .parse()
        .map_err(|_| "a component is too large (beyond 18446744073709551615)".to_owned())
}

impl PartialEq for Duration {
    fn eq(&self, other: &Self) -> bool {
        self.negative == other.negative
            && self.total_months() == other.total_months()
            && self.total_seconds() == other.total_seconds()
            && self.fraction == other.fraction
    }
}

impl Eq for Duration {}

impl Hash for Duration {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.negative.hash(state);
        self.total_months().hash(state);
        self.total_seconds().hash(state);
        self.fraction.hash(state);
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        self.write(&mut s);
        f.write_str(&s)
    }
}

impl FromStr for Duration {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl XmlText for Duration {
    fn from_xml_text(text: &str) -> Result<Self, ValueError> {
        Self::parse(text)
    }
    fn write_xml_text(&self, out: &mut String) {
        self.write(out);
    }
}

/// `PT<secs>.<nanos>S`, exact.
impl From<std::time::Duration> for Duration {
    fn from(d: std::time::Duration) -> Self {
        Self {
            seconds: d.as_secs(),
            fraction: Fraction::from_nanos(d.subsec_nanos()),
            ..Self::default()
        }
    }
}

/// A duration cannot become a `std::time::Duration`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DurationConversionError {
    /// Negative durations have no std equivalent.
    #[error("negative duration {0} has no std::time::Duration equivalent")]
    Negative(String),
    /// Years and months have no fixed length.
    #[error("duration {0} has years or months, which have no fixed length")]
    CalendarComponents(String),
    /// More seconds than `u64` holds.
    #[error("duration {0} is too long for std::time::Duration")]
    TooLong(String),
}

/// Exact for day/time durations; fraction digits beyond nanoseconds are truncated.
impl TryFrom<&Duration> for std::time::Duration {
    type Error = DurationConversionError;
    fn try_from(d: &Duration) -> Result<Self, Self::Error> {
        let shown = || ValueError::new("", &d.to_string()).found;
        if d.negative {
            return Err(DurationConversionError::Negative(shown()));
        }
        if d.total_months() != 0 {
            return Err(DurationConversionError::CalendarComponents(shown()));
        }
        let secs = u64::try_from(d.total_seconds())
            .map_err(|_| DurationConversionError::TooLong(shown()))?;
        Ok(std::time::Duration::new(secs, d.fraction.nanos()))
    }
}
