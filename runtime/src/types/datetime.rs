//! The XSD date/time family: `dateTime`, `date`, `time`, the Gregorian fragments, with
//! timezone offsets kept exactly.
//!
//! Semantics follow XSD 1.1 (which ISO 8601 and XSD 1.0 errata agree on): years may have more
//! than four digits and may be negative, year `0000` is allowed (it is 1 BCE, a leap year),
//! `24:00:00` is allowed as the end of a day. Values are kept as written: `24:00:00` is not
//! rolled over to the next day and an offset is not converted to UTC, so equality is equality
//! of the written fields (`12:00:00Z` and `13:00:00+01:00` are different values here).
//! Fractional seconds keep every digit as written, trailing zeros included (`.500` stays
//! `.500`, so server timestamps round-trip byte for byte) but compare by value (`.5 == .500`).

use std::fmt;
use std::str::FromStr;

use super::digits::pair;
use super::fraction::Fraction;
use super::ws;
use crate::xml::{ValueError, XmlText};

/// A timezone offset: `Z` or `±hh:mm` in `-14:00..=+14:00`. `Z` and `+00:00` are kept apart
/// so a value is written back the way it was read (`-00:00` reads as `+00:00`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Timezone {
    minutes: i16,
    z: bool,
}

impl Timezone {
    /// UTC, written `Z`.
    pub const UTC: Timezone = Timezone {
        minutes: 0,
        z: true,
    };

    /// An offset in minutes east of UTC, written `±hh:mm`; at most 14 hours either way.
    pub fn from_minutes(minutes: i16) -> Result<Self, ValueError> {
        if (-840..=840).contains(&minutes) {
            Ok(Self { minutes, z: false })
        } else {
            Err(ValueError::new("timezone offset", &minutes.to_string())
                .with_detail("offset minutes must be within -840..=840 (±14:00)"))
        }
    }

    /// Minutes east of UTC (0 for `Z`).
    pub fn minutes(&self) -> i16 {
        self.minutes
    }

    /// True when written as `Z`.
    pub fn is_z(&self) -> bool {
        self.z
    }

    fn parse(c: &mut Cursor<'_>) -> Result<Option<Self>, String> {
        if c.eat(b'Z') {
            return Ok(Some(Self::UTC));
        }
        let negative = match c.peek() {
            Some(b'+') => false,
            Some(b'-') => true,
            _ => return Ok(None),
        };
        c.pos += 1;
        let h = c.two_digits("timezone hours")?;
        c.expect(b':', "':' in timezone")?;
        let m = c.two_digits("timezone minutes")?;
        if m > 59 || h > 14 || (h == 14 && m != 0) {
            return Err("timezone offset must be within -14:00..=+14:00".to_owned());
        }
        let minutes = i16::from(h) * 60 + i16::from(m);
        Ok(Some(Self {
            minutes: if negative { -minutes } else { minutes },
            z: false,
        }))
    }

    fn write<S: Sink>(&self, out: &mut S) {
        if self.z {
            out.byte(b'Z');
            return;
        }
        out.byte(if self.minutes < 0 { b'-' } else { b'+' });
        let m = self.minutes.unsigned_abs();
        push2(out, m / 60);
        out.byte(b':');
        push2(out, m % 60);
    }
}

impl fmt::Display for Timezone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        self.write(&mut s);
        f.write_str(&s)
    }
}

/// Where the lexical forms are written: the `String` of `XmlText::write_xml_text`, or the
/// writer's byte buffer directly (`XmlText::write_xml_ascii`). Only ASCII is ever written.
trait Sink {
    fn byte(&mut self, b: u8);
    fn ascii(&mut self, s: &[u8]);
}

impl Sink for String {
    #[inline]
    fn byte(&mut self, b: u8) {
        self.push(char::from(b));
    }
    #[inline]
    fn ascii(&mut self, s: &[u8]) {
        for &b in s {
            self.push(char::from(b));
        }
    }
}

impl Sink for Vec<u8> {
    #[inline]
    fn byte(&mut self, b: u8) {
        self.push(b);
    }
    #[inline]
    fn ascii(&mut self, s: &[u8]) {
        self.extend_from_slice(s);
    }
}

fn push2<S: Sink>(out: &mut S, v: impl Into<u16>) {
    out.ascii(&pair(u64::from(v.into())));
}

/// `[-]yyyy`, at least four digits, by hand: `core::fmt` was a sixth of encoding time on
/// timestamp-heavy messages.
fn push_year<S: Sink>(out: &mut S, year: i64) {
    if year < 0 {
        out.byte(b'-');
    }
    let mut y = year.unsigned_abs();
    let mut buf = [b'0'; 20];
    let mut at = buf.len();
    while y > 0 || buf.len() - at < 4 {
        at -= 1;
        buf[at] = b'0' + u8::try_from(y % 10).unwrap_or(0);
        y /= 10;
    }
    out.ascii(&buf[at..]);
}

fn is_leap(year: i64) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

/// Days in `month` of `year`; `None` for the year means "any year" (February has 29).
fn days_in_month(year: Option<i64>, month: u8) -> u8 {
    match month {
        2 => match year {
            Some(y) if !is_leap(y) => 28,
            _ => 29,
        },
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn check_month(month: u8) -> Result<(), String> {
    if (1..=12).contains(&month) {
        Ok(())
    } else {
        Err(format!("month {month} is not in 1..=12"))
    }
}

fn check_day(year: Option<i64>, month: u8, day: u8) -> Result<(), String> {
    check_month(month)?;
    let max = days_in_month(year, month);
    if (1..=max).contains(&day) {
        Ok(())
    } else if let (Some(y), 29, 2) = (year, day, month) {
        Err(format!("{y} is not a leap year: February has 28 days"))
    } else {
        Err(format!("day {day} is not in 1..={max} for month {month}"))
    }
}

fn check_time(hour: u8, minute: u8, second: u8, fraction: &Fraction) -> Result<(), String> {
    if minute > 59 {
        return Err(format!("minute {minute} is not in 0..=59"));
    }
    if second > 59 {
        return Err(format!("second {second} is not in 0..=59"));
    }
    match hour {
        0..=23 => Ok(()),
        24 if minute == 0 && second == 0 && fraction.is_zero() => Ok(()),
        24 => Err("24 is only allowed as 24:00:00 (end of day)".to_owned()),
        _ => Err(format!("hour {hour} is not in 0..=24")),
    }
}

/// A byte cursor over an already-trimmed lexical form.
struct Cursor<'a> {
    s: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(s: &'a str) -> Self {
        Self {
            s: s.as_bytes(),
            pos: 0,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, b: u8, what: &str) -> Result<(), String> {
        if self.eat(b) {
            Ok(())
        } else {
            Err(format!("expected {what}"))
        }
    }

    fn digit_run(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        &self.s[start..self.pos]
    }

    fn two_digits(&mut self, what: &str) -> Result<u8, String> {
        match self.s.get(self.pos..self.pos + 2) {
            Some([a, b]) if a.is_ascii_digit() && b.is_ascii_digit() => {
                self.pos += 2;
                Ok((a - b'0') * 10 + (b - b'0'))
            }
            _ => Err(format!("expected two digits for {what}")),
        }
    }

    fn year(&mut self) -> Result<i64, String> {
        let negative = self.eat(b'-');
        let digits = self.digit_run();
        if digits.len() < 4 {
            return Err("the year needs at least 4 digits".to_owned());
        }
        if digits.len() > 4 && digits[0] == b'0' {
            return Err("a year of more than 4 digits cannot start with 0".to_owned());
        }
        // Accumulated by hand (every byte is an ASCII digit): `str::parse` after a UTF-8 check
        // was a visible share of reading timestamp-heavy messages.
        let magnitude = digits
            .iter()
            .try_fold(0i64, |n, &d| {
                n.checked_mul(10)?.checked_add(i64::from(d - b'0'))
            })
            .ok_or_else(|| "the year is too large (beyond ±9223372036854775807)".to_owned())?;
        if negative && magnitude == 0 {
            return Err("-0000 is not a year (use 0000)".to_owned());
        }
        Ok(if negative { -magnitude } else { magnitude })
    }

    /// `hh:mm:ss(.s+)?` with range checks.
    fn time(&mut self) -> Result<(u8, u8, u8, Fraction), String> {
        let h = self.two_digits("hours")?;
        self.expect(b':', "':' after hours")?;
        let m = self.two_digits("minutes")?;
        self.expect(b':', "':' after minutes")?;
        let s = self.two_digits("seconds")?;
        let fraction = if self.eat(b'.') {
            let digits = self.digit_run();
            if digits.is_empty() {
                return Err("expected digits after '.' in seconds".to_owned());
            }
            Fraction::from_ascii_digits(digits)
        } else {
            Fraction::default()
        };
        check_time(h, m, s, &fraction)?;
        Ok((h, m, s, fraction))
    }

    fn timezone_and_end(&mut self) -> Result<Option<Timezone>, String> {
        let tz = Timezone::parse(self)?;
        if self.pos != self.s.len() {
            return Err("unexpected text after the value".to_owned());
        }
        Ok(tz)
    }
}

/// The two ASCII digits of `v` (below 100 for every field written with it).
#[inline]
fn digits2(v: u8) -> [u8; 2] {
    pair(u64::from(v))
}

fn write_time<S: Sink>(out: &mut S, h: u8, m: u8, s: u8, fraction: &Fraction) {
    // Filled in place and appended at once: one copy instead of eight appends.
    let (h, m, s) = (digits2(h), digits2(m), digits2(s));
    out.ascii(&[h[0], h[1], b':', m[0], m[1], b':', s[0], s[1]]);
    if !fraction.digits().is_empty() {
        out.byte(b'.');
        out.ascii(fraction.digits());
    }
}

fn write_tz<S: Sink>(out: &mut S, tz: Option<Timezone>) {
    if let Some(tz) = tz {
        tz.write(out);
    }
}

/// Shared impls: timezone accessors, `Display`, `FromStr`, `XmlText`. Each type provides
/// `parse_fields(&mut Cursor) -> Result<Self, String>` (without timezone) and `write_fields`.
macro_rules! temporal {
    ($name:ident, $xsd:literal) => {
        impl $name {
            /// The timezone, when the value has one.
            pub fn timezone(&self) -> Option<Timezone> {
                self.tz
            }

            /// The same value with `tz` as its timezone (`None` removes it).
            #[must_use]
            pub fn with_timezone(mut self, tz: Option<Timezone>) -> Self {
                self.tz = tz;
                self
            }

            fn parse(text: &str) -> Result<Self, ValueError> {
                let mut c = Cursor::new(ws::trim(text));
                let parsed = Self::parse_fields(&mut c).and_then(|mut v| {
                    v.tz = c.timezone_and_end()?;
                    Ok(v)
                });
                parsed.map_err(|detail| ValueError::new($xsd, text).with_detail(detail))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let mut s = String::new();
                self.write_xml_text(&mut s);
                f.write_str(&s)
            }
        }

        impl FromStr for $name {
            type Err = ValueError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }

        impl XmlText for $name {
            fn from_xml_text(text: &str) -> Result<Self, ValueError> {
                Self::parse(text)
            }
            fn write_xml_text(&self, out: &mut String) {
                self.write_fields(out);
                write_tz(out, self.tz);
            }
            fn write_xml_ascii(&self, out: &mut Vec<u8>) -> bool {
                self.write_ascii(out);
                true
            }
        }
    };
}

fn value_error(expected: &'static str, found: impl fmt::Display, detail: String) -> ValueError {
    ValueError::new(expected, &found.to_string()).with_detail(detail)
}

/// `xs:dateTime`: `[-]yyyy-mm-ddThh:mm:ss[.s+][Z|±hh:mm]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DateTime {
    year: i64,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    fraction: Fraction,
    tz: Option<Timezone>,
}

impl DateTime {
    /// A date and time without fractional seconds or timezone; checks every range (the day
    /// must exist in that month and year; hour 24 only as `24:00:00`).
    pub fn new(
        year: i64,
        month: u8,
        day: u8,
        hour: u8,
        minute: u8,
        second: u8,
    ) -> Result<Self, ValueError> {
        check_day(Some(year), month, day)
            .and_then(|()| check_time(hour, minute, second, &Fraction::default()))
            .map_err(|d| {
                value_error(
                    "xs:dateTime",
                    format_args!("{year}-{month}-{day}T{hour}:{minute}:{second}"),
                    d,
                )
            })?;
        Ok(Self {
            year,
            month,
            day,
            hour,
            minute,
            second,
            fraction: Fraction::default(),
            tz: None,
        })
    }

    /// The same value with these fractional-second digits, kept as given (`"5"` and `"500"`
    /// are both half a second).
    pub fn with_fraction(mut self, digits: &str) -> Result<Self, ValueError> {
        let fraction = Fraction::new(digits)
            .and_then(|f| check_time(self.hour, self.minute, self.second, &f).map(|()| f))
            .map_err(|d| {
                ValueError::new("xs:dateTime fractional seconds", digits).with_detail(d)
            })?;
        self.fraction = fraction;
        Ok(self)
    }

    /// The year (negative for BCE; 0 is 1 BCE).
    pub fn year(&self) -> i64 {
        self.year
    }
    /// The month, 1..=12.
    pub fn month(&self) -> u8 {
        self.month
    }
    /// The day of the month.
    pub fn day(&self) -> u8 {
        self.day
    }
    /// The hour, 0..=24 (24 only as `24:00:00`).
    pub fn hour(&self) -> u8 {
        self.hour
    }
    /// The minute.
    pub fn minute(&self) -> u8 {
        self.minute
    }
    /// The whole second.
    pub fn second(&self) -> u8 {
        self.second
    }
    /// Fractional-second digits as written (empty for none).
    pub fn fraction(&self) -> &str {
        self.fraction.as_str()
    }
    /// The fraction as nanoseconds (digits beyond the ninth are truncated).
    pub fn nanosecond(&self) -> u32 {
        self.fraction.nanos()
    }
    /// The date part, with this value's timezone.
    pub fn date(&self) -> Date {
        Date {
            year: self.year,
            month: self.month,
            day: self.day,
            tz: self.tz,
        }
    }
    /// The time part, with this value's timezone.
    pub fn time(&self) -> Time {
        Time {
            hour: self.hour,
            minute: self.minute,
            second: self.second,
            fraction: self.fraction.clone(),
            tz: self.tz,
        }
    }

    /// Seconds since 1970-01-01T00:00:00Z (negative before), from the written fields and
    /// the offset; `None` without a timezone, since the instant is then unknown. The fraction
    /// is [`DateTime::fraction`]. `24:00:00` counts as the next day's midnight.
    pub fn unix_seconds(&self) -> Option<i128> {
        let tz = self.tz?;
        let days = days_from_civil(i128::from(self.year), self.month, self.day);
        let secs =
            i128::from(self.hour) * 3600 + i128::from(self.minute) * 60 + i128::from(self.second);
        Some(days * 86_400 + secs - i128::from(tz.minutes()) * 60)
    }

    /// The UTC (`Z`) value for seconds and nanoseconds since 1970-01-01T00:00:00Z.
    pub fn from_unix(seconds: i64, nanos: u32) -> Self {
        let secs = i128::from(seconds);
        let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
        let sod = secs.rem_euclid(86_400);
        // `sod` is below 86400 and `year` comes from an i64 seconds count: both fit.
        let small = |v: i128| u8::try_from(v).unwrap_or(0);
        Self {
            year: i64::try_from(year).unwrap_or(0),
            month,
            day,
            hour: small(sod / 3600),
            minute: small(sod / 60 % 60),
            second: small(sod % 60),
            fraction: Fraction::from_nanos(nanos),
            tz: Some(Timezone::UTC),
        }
    }

    /// Orders two values by the instant they denote, across timezones; `None` when either has
    /// no timezone (XSD leaves that comparison indeterminate).
    pub fn cmp_instant(&self, other: &Self) -> Option<std::cmp::Ordering> {
        let a = self.unix_seconds()?;
        let b = other.unix_seconds()?;
        Some(a.cmp(&b).then_with(|| self.fraction.cmp(&other.fraction)))
    }

    fn parse_fields(c: &mut Cursor<'_>) -> Result<Self, String> {
        let Date {
            year, month, day, ..
        } = Date::parse_fields(c)?;
        c.expect(b'T', "'T' between date and time")?;
        let (hour, minute, second, fraction) = c.time()?;
        Ok(Self {
            year,
            month,
            day,
            hour,
            minute,
            second,
            fraction,
            tz: None,
        })
    }

    fn write_fields<S: Sink>(&self, out: &mut S) {
        self.date().write_fields(out);
        out.byte(b'T');
        write_time(out, self.hour, self.minute, self.second, &self.fraction);
    }
}
temporal!(DateTime, "xs:dateTime");

impl DateTime {
    /// The lexical form appended to the writer's buffer. A timestamp with a four-digit year
    /// (all of them in practice) is a template stored over in place (see `digits`): this was
    /// an eighth of the instructions of encoding a chat poll, which carries three.
    fn write_ascii(&self, out: &mut Vec<u8>) {
        let Ok(y) = u16::try_from(self.year) else {
            return self.write_ascii_general(out);
        };
        if y > 9999 {
            return self.write_ascii_general(out);
        }
        let at = out.len();
        out.extend_from_slice(b"0000-00-00T00:00:00");
        if let Ok(b) = <&mut [u8; 19]>::try_from(&mut out[at..]) {
            let (y, m, d) = (u64::from(y), u64::from(self.month), u64::from(self.day));
            [b[0], b[1]] = pair(y / 100);
            [b[2], b[3]] = pair(y);
            [b[5], b[6]] = pair(m);
            [b[8], b[9]] = pair(d);
            [b[11], b[12]] = pair(u64::from(self.hour));
            [b[14], b[15]] = pair(u64::from(self.minute));
            [b[17], b[18]] = pair(u64::from(self.second));
        }
        self.fraction.push_point_digits(out);
        match self.tz {
            Some(Timezone { z: true, .. }) => out.push(b'Z'),
            tz => write_tz(out, tz),
        }
    }
}

/// `write_ascii` by way of `write_fields` (`write_ascii_general` for `DateTime`'s rare forms):
/// the other temporal types are seldom hot.
macro_rules! general_ascii {
    ($($name:ident => $method:ident),*) => {$(
        impl $name {
            fn $method(&self, out: &mut Vec<u8>) {
                self.write_fields(out);
                write_tz(out, self.tz);
            }
        }
    )*};
}

general_ascii!(
    DateTime => write_ascii_general,
    Date => write_ascii,
    Time => write_ascii,
    GYear => write_ascii,
    GYearMonth => write_ascii,
    GMonth => write_ascii,
    GMonthDay => write_ascii,
    GDay => write_ascii
);

/// `SystemTime` → UTC `Z` value with nanosecond precision.
impl From<std::time::SystemTime> for DateTime {
    fn from(t: std::time::SystemTime) -> Self {
        let (secs, nanos) = match t.duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => (
                i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
                d.subsec_nanos(),
            ),
            Err(e) => {
                let d = e.duration();
                let secs = i64::try_from(d.as_secs()).unwrap_or(i64::MAX);
                if d.subsec_nanos() == 0 {
                    (-secs, 0)
                } else {
                    (-secs - 1, 1_000_000_000 - d.subsec_nanos())
                }
            }
        };
        Self::from_unix(secs, nanos)
    }
}

/// Days since 1970-01-01 in the proleptic Gregorian calendar with a year 0 (XSD 1.1),
/// by the era-of-400-years method.
fn days_from_civil(year: i128, month: u8, day: u8) -> i128 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = i128::from((month + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i128::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Inverse of [`days_from_civil`].
fn civil_from_days(days: i128) -> (i128, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = u8::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let month = u8::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let year = yoe + era * 400 + i128::from(month <= 2);
    (year, month, day)
}

/// `xs:date`: `[-]yyyy-mm-dd[Z|±hh:mm]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Date {
    year: i64,
    month: u8,
    day: u8,
    tz: Option<Timezone>,
}

impl Date {
    /// A date without timezone; the day must exist in that month and year.
    pub fn new(year: i64, month: u8, day: u8) -> Result<Self, ValueError> {
        check_day(Some(year), month, day)
            .map_err(|d| value_error("xs:date", format_args!("{year}-{month}-{day}"), d))?;
        Ok(Self {
            year,
            month,
            day,
            tz: None,
        })
    }
    /// The year (negative for BCE; 0 is 1 BCE).
    pub fn year(&self) -> i64 {
        self.year
    }
    /// The month, 1..=12.
    pub fn month(&self) -> u8 {
        self.month
    }
    /// The day of the month.
    pub fn day(&self) -> u8 {
        self.day
    }

    fn parse_fields(c: &mut Cursor<'_>) -> Result<Self, String> {
        let year = c.year()?;
        c.expect(b'-', "'-' after the year")?;
        let month = c.two_digits("the month")?;
        c.expect(b'-', "'-' after the month")?;
        let day = c.two_digits("the day")?;
        check_day(Some(year), month, day)?;
        Ok(Self {
            year,
            month,
            day,
            tz: None,
        })
    }

    fn write_fields<S: Sink>(&self, out: &mut S) {
        let (m, d) = (digits2(self.month), digits2(self.day));
        match u16::try_from(self.year) {
            // Four-digit years, all of them in practice: one append for the whole date.
            Ok(y) if y <= 9999 => {
                let [y0, y1] = digits2((y / 100) as u8);
                let [y2, y3] = digits2((y % 100) as u8);
                out.ascii(&[y0, y1, y2, y3, b'-', m[0], m[1], b'-', d[0], d[1]]);
            }
            _ => {
                push_year(out, self.year);
                out.ascii(&[b'-', m[0], m[1], b'-', d[0], d[1]]);
            }
        }
    }
}
temporal!(Date, "xs:date");

/// `xs:time`: `hh:mm:ss[.s+][Z|±hh:mm]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Time {
    hour: u8,
    minute: u8,
    second: u8,
    fraction: Fraction,
    tz: Option<Timezone>,
}

impl Time {
    /// A time of day without fraction or timezone (hour 24 only as `24:00:00`).
    pub fn new(hour: u8, minute: u8, second: u8) -> Result<Self, ValueError> {
        check_time(hour, minute, second, &Fraction::default())
            .map_err(|d| value_error("xs:time", format_args!("{hour}:{minute}:{second}"), d))?;
        Ok(Self {
            hour,
            minute,
            second,
            fraction: Fraction::default(),
            tz: None,
        })
    }

    /// The same value with these fractional-second digits, kept as given.
    pub fn with_fraction(mut self, digits: &str) -> Result<Self, ValueError> {
        let fraction = Fraction::new(digits)
            .and_then(|f| check_time(self.hour, self.minute, self.second, &f).map(|()| f))
            .map_err(|d| ValueError::new("xs:time fractional seconds", digits).with_detail(d))?;
        self.fraction = fraction;
        Ok(self)
    }
    /// The hour, 0..=24 (24 only as `24:00:00`).
    pub fn hour(&self) -> u8 {
        self.hour
    }
    /// The minute.
    pub fn minute(&self) -> u8 {
        self.minute
    }
    /// The whole second.
    pub fn second(&self) -> u8 {
        self.second
    }
    /// Fractional-second digits as written (empty for none).
    pub fn fraction(&self) -> &str {
        self.fraction.as_str()
    }
    /// The fraction as nanoseconds (digits beyond the ninth are truncated).
    pub fn nanosecond(&self) -> u32 {
        self.fraction.nanos()
    }

    fn parse_fields(c: &mut Cursor<'_>) -> Result<Self, String> {
        let (hour, minute, second, fraction) = c.time()?;
        Ok(Self {
            hour,
            minute,
            second,
            fraction,
            tz: None,
        })
    }

    fn write_fields<S: Sink>(&self, out: &mut S) {
        write_time(out, self.hour, self.minute, self.second, &self.fraction);
    }
}
temporal!(Time, "xs:time");

/// `xs:gYear`: `[-]yyyy[Z|±hh:mm]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GYear {
    year: i64,
    tz: Option<Timezone>,
}

impl GYear {
    /// A year without timezone (any `i64`; 0 is 1 BCE).
    pub fn new(year: i64) -> Self {
        Self { year, tz: None }
    }
    /// The year.
    pub fn year(&self) -> i64 {
        self.year
    }
    fn parse_fields(c: &mut Cursor<'_>) -> Result<Self, String> {
        Ok(Self {
            year: c.year()?,
            tz: None,
        })
    }
    fn write_fields<S: Sink>(&self, out: &mut S) {
        push_year(out, self.year);
    }
}
temporal!(GYear, "xs:gYear");

/// `xs:gYearMonth`: `[-]yyyy-mm[Z|±hh:mm]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GYearMonth {
    year: i64,
    month: u8,
    tz: Option<Timezone>,
}

impl GYearMonth {
    /// A year and month (1..=12) without timezone.
    pub fn new(year: i64, month: u8) -> Result<Self, ValueError> {
        check_month(month)
            .map_err(|d| value_error("xs:gYearMonth", format_args!("{year}-{month}"), d))?;
        Ok(Self {
            year,
            month,
            tz: None,
        })
    }
    /// The year.
    pub fn year(&self) -> i64 {
        self.year
    }
    /// The month, 1..=12.
    pub fn month(&self) -> u8 {
        self.month
    }
    fn parse_fields(c: &mut Cursor<'_>) -> Result<Self, String> {
        let year = c.year()?;
        c.expect(b'-', "'-' after the year")?;
        let month = c.two_digits("the month")?;
        check_month(month)?;
        Ok(Self {
            year,
            month,
            tz: None,
        })
    }
    fn write_fields<S: Sink>(&self, out: &mut S) {
        push_year(out, self.year);
        out.byte(b'-');
        push2(out, self.month);
    }
}
temporal!(GYearMonth, "xs:gYearMonth");

/// `xs:gMonth`: `--mm[Z|±hh:mm]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GMonth {
    month: u8,
    tz: Option<Timezone>,
}

impl GMonth {
    /// A month (1..=12) without timezone.
    pub fn new(month: u8) -> Result<Self, ValueError> {
        check_month(month).map_err(|d| value_error("xs:gMonth", month, d))?;
        Ok(Self { month, tz: None })
    }
    /// The month, 1..=12.
    pub fn month(&self) -> u8 {
        self.month
    }
    fn parse_fields(c: &mut Cursor<'_>) -> Result<Self, String> {
        c.expect(b'-', "'--' before the month")?;
        c.expect(b'-', "'--' before the month")?;
        let month = c.two_digits("the month")?;
        check_month(month)?;
        Ok(Self { month, tz: None })
    }
    fn write_fields<S: Sink>(&self, out: &mut S) {
        out.ascii(b"--");
        push2(out, self.month);
    }
}
temporal!(GMonth, "xs:gMonth");

/// `xs:gMonthDay`: `--mm-dd[Z|±hh:mm]` (`--02-29` is allowed: it exists in leap years).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GMonthDay {
    month: u8,
    day: u8,
    tz: Option<Timezone>,
}

impl GMonthDay {
    /// A month and a day that exists in it in some year, without timezone.
    pub fn new(month: u8, day: u8) -> Result<Self, ValueError> {
        check_day(None, month, day)
            .map_err(|d| value_error("xs:gMonthDay", format_args!("--{month}-{day}"), d))?;
        Ok(Self {
            month,
            day,
            tz: None,
        })
    }
    /// The month, 1..=12.
    pub fn month(&self) -> u8 {
        self.month
    }
    /// The day of the month.
    pub fn day(&self) -> u8 {
        self.day
    }
    fn parse_fields(c: &mut Cursor<'_>) -> Result<Self, String> {
        c.expect(b'-', "'--' before the month")?;
        c.expect(b'-', "'--' before the month")?;
        let month = c.two_digits("the month")?;
        c.expect(b'-', "'-' after the month")?;
        let day = c.two_digits("the day")?;
        check_day(None, month, day)?;
        Ok(Self {
            month,
            day,
            tz: None,
        })
    }
    fn write_fields<S: Sink>(&self, out: &mut S) {
        out.ascii(b"--");
        push2(out, self.month);
        out.byte(b'-');
        push2(out, self.day);
    }
}
temporal!(GMonthDay, "xs:gMonthDay");

/// `xs:gDay`: `---dd[Z|±hh:mm]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GDay {
    day: u8,
    tz: Option<Timezone>,
}

impl GDay {
    /// A day of the month (1..=31) without timezone.
    pub fn new(day: u8) -> Result<Self, ValueError> {
        if !(1..=31).contains(&day) {
            return Err(value_error(
                "xs:gDay",
                day,
                format!("day {day} is not in 1..=31"),
            ));
        }
        Ok(Self { day, tz: None })
    }
    /// The day of the month.
    pub fn day(&self) -> u8 {
        self.day
    }
    fn parse_fields(c: &mut Cursor<'_>) -> Result<Self, String> {
        for _ in 0..3 {
            c.expect(b'-', "'---' before the day")?;
        }
        let day = c.two_digits("the day")?;
        if !(1..=31).contains(&day) {
            return Err(format!("day {day} is not in 1..=31"));
        }
        Ok(Self { day, tz: None })
    }
    fn write_fields<S: Sink>(&self, out: &mut S) {
        out.ascii(b"---");
        push2(out, self.day);
    }
}
temporal!(GDay, "xs:gDay");

#[cfg(test)]
mod fast_path_tests {
    use super::*;

    /// The bytes written straight into the writer are those of `write_xml_text`, for every
    /// temporal type, with and without fraction and timezone.
    #[test]
    fn ascii_form_is_the_text_form() {
        fn same<T: XmlText + FromStr>(texts: &[&str]) {
            for t in texts {
                let v: T = t.parse().ok().unwrap_or_else(|| panic!("{t}"));
                let mut text = String::new();
                v.write_xml_text(&mut text);
                let mut bytes = Vec::new();
                assert!(v.write_xml_ascii(&mut bytes));
                assert_eq!(bytes, text.as_bytes(), "{t}");
                assert_eq!(text, *t);
            }
        }
        same::<DateTime>(&[
            "2015-11-10T18:00:17.629Z",
            "-0044-03-15T12:00:00+05:30",
            "12345-01-01T00:00:00.000000000000000000000000001-14:00",
            "0001-01-01T00:00:00",
        ]);
        same::<Date>(&["2015-11-10", "-0001-12-31Z"]);
        same::<Time>(&["23:59:59.5+01:00", "00:00:00"]);
        same::<GYear>(&["2015", "-10000Z"]);
        same::<GYearMonth>(&["2015-11"]);
        same::<GMonth>(&["--11"]);
        same::<GMonthDay>(&["--02-29"]);
        same::<GDay>(&["---31Z"]);
    }

    /// The hand-written year formatting agrees with `core::fmt`'s `{:04}` at every width and at
    /// the type's limits.
    #[test]
    fn years_are_written_as_fmt_writes_them() {
        let mut years = vec![0, 1, 9, 10, 99, 100, 999, 1000, 2015, 9999, 10000, 123_456];
        years.extend([i64::MAX, i64::MIN, i64::MIN + 1]);
        years.extend(years.clone().iter().map(|y| y.saturating_neg()));
        for y in years {
            let mut s = String::new();
            push_year(&mut s, y);
            let sign = if y < 0 { "-" } else { "" };
            assert_eq!(s, format!("{sign}{:04}", y.unsigned_abs()), "{y}");
        }
    }
}
