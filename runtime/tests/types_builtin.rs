//! `XmlText` for std types: `String`, `bool`, fixed-width integers, `f32`/`f64`.

use proptest::prelude::*;
use soapstone::xml::{ValueError, XmlText};

fn text<T: XmlText>(v: &T) -> String {
    let mut s = String::new();
    v.write_xml_text(&mut s);
    s
}

#[test]
fn string_preserves_whitespace() {
    let s = String::from_xml_text("  a \t b\n").unwrap();
    assert_eq!(s, "  a \t b\n");
    assert_eq!(text(&s), "  a \t b\n");
}

#[test]
fn boolean_lexical_forms() {
    for (t, v) in [
        ("true", true),
        ("1", true),
        ("false", false),
        ("0", false),
        (" \n true\t", true),
    ] {
        assert_eq!(bool::from_xml_text(t).unwrap(), v, "{t:?}");
    }
    for bad in ["TRUE", "yes", "", "2", "t rue", "\u{a0}true"] {
        let e = bool::from_xml_text(bad).unwrap_err();
        assert_eq!(e.expected, "xs:boolean");
        assert_eq!(e.found, bad);
    }
    assert_eq!(text(&true), "true");
    assert_eq!(text(&false), "false");
}

#[test]
fn integers_accept_sign_zeros_and_whitespace() {
    assert_eq!(i32::from_xml_text("+0042").unwrap(), 42);
    assert_eq!(i32::from_xml_text(" \n-17 ").unwrap(), -17);
    assert_eq!(u8::from_xml_text("-0").unwrap(), 0);
    assert_eq!(u64::from_xml_text("-000").unwrap(), 0);
    assert_eq!(i8::from_xml_text("-128").unwrap(), -128);
    assert_eq!(
        u64::from_xml_text("18446744073709551615").unwrap(),
        u64::MAX
    );
    assert_eq!(
        i64::from_xml_text("00000000000000000000000000000000000001").unwrap(),
        1
    );
    assert_eq!(text(&-5i16), "-5");
}

#[test]
fn integers_out_of_range_name_the_type() {
    let e = i8::from_xml_text("128").unwrap_err();
    assert_eq!(e.expected, "xs:byte");
    assert!(e.detail.as_deref().unwrap().contains("-128 to 127"), "{e}");
    let e = u16::from_xml_text("-1").unwrap_err();
    assert_eq!(e.expected, "xs:unsignedShort");
    assert!(e.detail.as_deref().unwrap().contains("out of range"), "{e}");
    let e = u32::from_xml_text("4294967296").unwrap_err();
    assert_eq!(e.expected, "xs:unsignedInt");
    let e = i64::from_xml_text("-9223372036854775809").unwrap_err();
    assert_eq!(e.expected, "xs:long");
    assert!(e.to_string().contains("out of range for xs:long"), "{e}");
}

#[test]
fn integers_reject_malformed() {
    for bad in ["", "+", "-", "1 2", "1.0", "0x10", "١", "++1", "1e3", " "] {
        let e = i32::from_xml_text(bad).unwrap_err();
        assert_eq!(e.expected, "xs:int", "{bad:?}");
        assert!(
            e.detail.as_deref().unwrap().contains("decimal digits"),
            "{bad:?}"
        );
    }
}

#[test]
fn huge_integer_text_is_an_error_with_truncated_excerpt() {
    let huge = "9".repeat(1_000_000);
    let e = u64::from_xml_text(&huge).unwrap_err();
    assert!(e.found.len() <= ValueError::MAX_FOUND + '…'.len_utf8());
    assert!(e.found.ends_with('…'));
    let huge_zeros = format!("{}7", "0".repeat(1_000_000));
    assert_eq!(u8::from_xml_text(&huge_zeros).unwrap(), 7);
}

#[test]
fn floats_special_values() {
    assert_eq!(f64::from_xml_text("INF").unwrap(), f64::INFINITY);
    assert_eq!(f64::from_xml_text("+INF").unwrap(), f64::INFINITY);
    assert_eq!(f32::from_xml_text(" -INF ").unwrap(), f32::NEG_INFINITY);
    assert!(f64::from_xml_text("NaN").unwrap().is_nan());
    assert_eq!(text(&f64::NAN), "NaN");
    assert_eq!(text(&f64::INFINITY), "INF");
    assert_eq!(text(&f32::NEG_INFINITY), "-INF");
    for bad in [
        "inf", "Infinity", "nan", "NAN", "-NaN", "", ".", "e5", "1e", "1.5.2", "1e+", "0x1p3",
        "1_000",
    ] {
        let e = f64::from_xml_text(bad).unwrap_err();
        assert_eq!(e.expected, "xs:double", "{bad:?}");
    }
    assert_eq!(f32::from_xml_text("x").unwrap_err().expected, "xs:float");
}

#[test]
fn floats_lexical_forms() {
    assert_eq!(f64::from_xml_text("1.").unwrap(), 1.0);
    assert_eq!(f64::from_xml_text(".5").unwrap(), 0.5);
    assert_eq!(f64::from_xml_text("-1.5E-3").unwrap(), -0.0015);
    assert_eq!(f64::from_xml_text("12e2").unwrap(), 1200.0);
    assert_eq!(f64::from_xml_text("1e400").unwrap(), f64::INFINITY);
    assert!(f64::from_xml_text("-0").unwrap().is_sign_negative());
}

#[test]
fn floats_canonical_text() {
    let cases: [(f64, &str); 12] = [
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (1.0, "1.0"),
        (-2.5, "-2.5"),
        (1234.5, "1234.5"),
        (0.001, "0.001"),
        (0.0001, "1.0E-4"),
        (1e7, "1.0E7"),
        (9_999_999.0, "9999999.0"),
        (1.5e300, "1.5E300"),
        (f64::MIN_POSITIVE, "2.2250738585072014E-308"),
        (0.1, "0.1"),
    ];
    for (v, t) in cases {
        assert_eq!(text(&v), t);
    }
    assert_eq!(text(&0.1f32), "0.1");
    assert_eq!(text(&16_777_216f32), "1.6777216E7");
}

fn check_float_round_trip<T: XmlText + Copy + Into<f64>>(v: T) {
    let t = text(&v);
    let back = T::from_xml_text(&t).unwrap();
    let (a, b): (f64, f64) = (v.into(), back.into());
    assert!(
        a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()),
        "{a} -> {t} -> {b}"
    );
    assert_eq!(text(&back), t);
}

proptest! {
    #[test]
    fn f64_round_trips(bits in any::<u64>()) {
        check_float_round_trip(f64::from_bits(bits));
    }

    #[test]
    fn f32_round_trips(bits in any::<u32>()) {
        check_float_round_trip(f32::from_bits(bits));
    }

    #[test]
    fn integers_round_trip(a in any::<i8>(), b in any::<i16>(), c in any::<i32>(), d in any::<i64>(),
                           e in any::<u8>(), f in any::<u16>(), g in any::<u32>(), h in any::<u64>()) {
        prop_assert_eq!(i8::from_xml_text(&text(&a)).unwrap(), a);
        prop_assert_eq!(i16::from_xml_text(&text(&b)).unwrap(), b);
        prop_assert_eq!(i32::from_xml_text(&text(&c)).unwrap(), c);
        prop_assert_eq!(i64::from_xml_text(&text(&d)).unwrap(), d);
        prop_assert_eq!(u8::from_xml_text(&text(&e)).unwrap(), e);
        prop_assert_eq!(u16::from_xml_text(&text(&f)).unwrap(), f);
        prop_assert_eq!(u32::from_xml_text(&text(&g)).unwrap(), g);
        prop_assert_eq!(u64::from_xml_text(&text(&h)).unwrap(), h);
        // Any lexical variant (sign, zeros, whitespace) reads to the same value.
        let padded = format!(" +000{} ", h);
        prop_assert_eq!(u64::from_xml_text(&padded).unwrap(), h);
    }

    #[test]
    fn strings_round_trip(s in any::<String>()) {
        prop_assert_eq!(String::from_xml_text(&text(&s)).unwrap(), s);
    }

    #[test]
    fn bool_round_trips(b in any::<bool>()) {
        prop_assert_eq!(bool::from_xml_text(&text(&b)).unwrap(), b);
    }

    #[test]
    fn integer_text_never_panics(s in "[ +\\-0-9a\\.]{0,40}") {
        let _ = i32::from_xml_text(&s);
        let _ = u64::from_xml_text(&s);
        let _ = f64::from_xml_text(&s);
    }
}
