//! `XmlText` for the std types generated code uses directly: `String`, `bool`, the fixed-width
//! integers and the two IEEE floats.

use std::num::IntErrorKind;

use super::ws;
use crate::xml::{ValueError, XmlText};

/// `xs:string`: whitespace is preserved exactly as the document holds it.
impl XmlText for String {
    fn from_xml_text(text: &str) -> Result<Self, ValueError> {
        Ok(text.to_owned())
    }

    fn write_xml_text(&self, out: &mut String) {
        out.push_str(self);
    }

    fn as_xml_str(&self) -> Option<&str> {
        Some(self)
    }
}

/// `xs:boolean`: `true`, `false`, `1`, `0` (whitespace collapsed); written as `true`/`false`.
impl XmlText for bool {
    fn from_xml_text(text: &str) -> Result<Self, ValueError> {
        match ws::trim(text) {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            _ => {
                Err(ValueError::new("xs:boolean", text).with_detail("expected true, false, 1 or 0"))
            }
        }
    }

    fn write_xml_text(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }

    fn as_xml_str(&self) -> Option<&str> {
        Some(if *self { "true" } else { "false" })
    }
}

/// Appends the decimal digits of `magnitude`, with a `-` first when `negative`. Hand-written
/// because `core::fmt` (`write!`) costs several times more per integer, and integers are most
/// of the values in typical SOAP payloads (ids, counts).
fn write_decimal(negative: bool, magnitude: u64, out: &mut String) {
    let mut buf = [0u8; 21];
    for &b in decimal_digits(negative, magnitude, &mut buf) {
        out.push(char::from(b));
    }
}

/// The sign and digits of the value, written at the end of `buf` (u64::MAX has 20 digits).
#[inline]
fn decimal_digits(negative: bool, mut magnitude: u64, buf: &mut [u8; 21]) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        // `magnitude % 10` is below 10, so the cast cannot truncate.
        buf[i] = b'0' + (magnitude % 10) as u8;
        magnitude /= 10;
        if magnitude == 0 {
            break;
        }
    }
    if negative {
        i -= 1;
        buf[i] = b'-';
    }
    &buf[i..]
}

/// Checks the XSD integer lexical form (`[+-]?[0-9]+` after trimming) and returns the trimmed
/// text, whether it is negative, and whether its value is zero.
pub(crate) fn integer_lexical<'a>(
    text: &'a str,
    expected: &'static str,
) -> Result<(&'a str, bool, bool), ValueError> {
    let t = ws::trim(text);
    let (negative, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ValueError::new(expected, text)
            .with_detail("expected an optional sign followed by decimal digits"));
    }
    let zero = digits.bytes().all(|b| b == b'0');
    Ok((t, negative, zero))
}

macro_rules! xml_int {
    ($($t:ty => $xsd:literal),* $(,)?) => {$(
        #[doc = concat!("`", $xsd, "`: optional sign, leading zeros and surrounding whitespace accepted; written in canonical form.")]
        impl XmlText for $t {
            fn from_xml_text(text: &str) -> Result<Self, ValueError> {
                let (t, negative, zero) = integer_lexical(text, $xsd)?;
                // `-0` is a valid lexical form even for unsigned types, which std rejects.
                if negative && zero {
                    return Ok(0);
                }
                t.parse::<$t>().map_err(|e| {
                    let err = ValueError::new($xsd, text);
                    // After the lexical check, `InvalidDigit` only means a negative value for an
                    // unsigned type: out of range too.
                    match e.kind() {
                        IntErrorKind::PosOverflow | IntErrorKind::NegOverflow | IntErrorKind::InvalidDigit => err.with_detail(format!(
                            "out of range for {} ({} to {})",
                            $xsd,
                            <$t>::MIN,
                            <$t>::MAX
                        )),
                        _ => err,
                    }
                })
            }

            fn write_xml_text(&self, out: &mut String) {
                // Lossless: every supported type fits in `i128`, and its magnitude in `u64`.
                let v = i128::from(*self);
                write_decimal(v < 0, v.unsigned_abs() as u64, out);
            }

            fn write_xml_ascii(&self, out: &mut Vec<u8>) -> bool {
                let v = i128::from(*self);
                super::digits::push_decimal(out, v < 0, v.unsigned_abs() as u64);
                true
            }
        }
    )*};
}

xml_int! {
    i8 => "xs:byte",
    i16 => "xs:short",
    i32 => "xs:int",
    i64 => "xs:long",
    u8 => "xs:unsignedByte",
    u16 => "xs:unsignedShort",
    u32 => "xs:unsignedInt",
    u64 => "xs:unsignedLong",
}

/// Checks the `xs:float`/`xs:double` lexical form: `INF`, `+INF`, `-INF`, `NaN`, or a decimal
/// mantissa with an optional exponent. std's parser alone is too lenient (`inf`, `infinity`,
/// `nan` in any case are not XSD).
fn float_lexical(t: &str) -> bool {
    let b = t.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    let mut mantissa_digits = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
        mantissa_digits += 1;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
            mantissa_digits += 1;
        }
    }
    if mantissa_digits == 0 {
        return false;
    }
    if i < b.len() && matches!(b[i], b'e' | b'E') {
        i += 1;
        if i < b.len() && matches!(b[i], b'+' | b'-') {
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    i == b.len()
}

/// Writes the canonical form used for both floats: `NaN`, `INF`, `-INF`, plain decimal notation
/// for magnitudes in `[1e-3, 1e7)` (`0.5`, `1234.0`), scientific otherwise (`1.0E7`,
/// `1.5E-10`). The digits are the shortest that read back to the same value, so the text
/// round-trips bit for bit.
/// `v` carries the class (NaN, infinite, sign, zero; widening `f32` keeps all of them) and
/// `sci` the digits of the original type.
fn write_float(sci: &str, v: f64, out: &mut String) {
    if v.is_nan() {
        out.push_str("NaN");
        return;
    }
    if v.is_sign_negative() {
        out.push('-');
    }
    if v.is_infinite() {
        out.push_str("INF");
        return;
    }
    if v == 0.0 {
        out.push_str("0.0");
        return;
    }
    // `sci` is std's shortest round-trip `{:e}` rendering of the magnitude: `d[.ddd]e[-]x`.
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    if (-3..7).contains(&exp) {
        if exp >= 0 {
            let int_len = usize::try_from(exp).unwrap_or(0) + 1;
            if digits.len() <= int_len {
                out.push_str(&digits);
                out.extend(std::iter::repeat_n('0', int_len - digits.len()));
                out.push_str(".0");
            } else {
                out.push_str(&digits[..int_len]);
                out.push('.');
                out.push_str(&digits[int_len..]);
            }
        } else {
            out.push_str("0.");
            out.extend(std::iter::repeat_n(
                '0',
                usize::try_from(-exp - 1).unwrap_or(0),
            ));
            out.push_str(&digits);
        }
    } else {
        out.push_str(&digits[..1]);
        out.push('.');
        out.push_str(if digits.len() > 1 { &digits[1..] } else { "0" });
        out.push('E');
        out.push_str(&exp.to_string());
    }
}

macro_rules! xml_float {
    ($($t:ty => $xsd:literal),* $(,)?) => {$(
        #[doc = concat!("`", $xsd, "`: `INF`, `-INF`, `NaN` and decimal or exponent forms; out-of-range magnitudes round to infinity as XSD 1.1 specifies. Written in a canonical form that reads back to the identical value.")]
        impl XmlText for $t {
            fn from_xml_text(text: &str) -> Result<Self, ValueError> {
                let t = ws::trim(text);
                match t {
                    "INF" | "+INF" => return Ok(<$t>::INFINITY),
                    "-INF" => return Ok(<$t>::NEG_INFINITY),
                    "NaN" => return Ok(<$t>::NAN),
                    _ => {}
                }
                if !float_lexical(t) {
                    return Err(ValueError::new($xsd, text).with_detail(
                        "expected a decimal number with optional exponent, INF, -INF or NaN",
                    ));
                }
                t.parse::<$t>().map_err(|e| ValueError::new($xsd, text).with_detail(e.to_string()))
            }

            fn write_xml_text(&self, out: &mut String) {
                let v = *self;
                let sci = format!("{:e}", v.abs());
                write_float(&sci, f64::from(v), out);
            }
        }
    )*};
}

xml_float! {
    f32 => "xs:float",
    f64 => "xs:double",
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text form; also checks that the bytes written straight into the writer
    /// (`write_xml_ascii`) are the same.
    fn text<T: XmlText>(v: T) -> String {
        let mut s = String::new();
        v.write_xml_text(&mut s);
        let mut b = Vec::new();
        if v.write_xml_ascii(&mut b) {
            assert_eq!(b, s.as_bytes());
        }
        s
    }

    /// The hand-written integer formatting writes what `Display` writes, at the edges too.
    #[test]
    fn integers_are_written_like_display() {
        for v in [0i64, 1, -1, 9, 10, -10, 99, 100, 12_345, i64::MIN, i64::MAX] {
            assert_eq!(text(v), v.to_string());
        }
        for v in [0u64, 7, 10_000_000_000, u64::MAX] {
            assert_eq!(text(v), v.to_string());
        }
        assert_eq!(text(i8::MIN), "-128");
        assert_eq!(text(u8::MAX), "255");
        assert_eq!(text(i32::MIN), "-2147483648");
        assert_eq!(text(u32::MAX), "4294967295");
        assert_eq!(text(i16::MIN), "-32768");
    }

    #[test]
    fn string_and_bool_expose_their_text() {
        let s = "a < b".to_owned();
        assert_eq!(s.as_xml_str(), Some("a < b"));
        assert_eq!(true.as_xml_str(), Some(text(true).as_str()));
        assert_eq!(false.as_xml_str(), Some(text(false).as_str()));
    }
}
