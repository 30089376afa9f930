//! `Integer`, the sign-restricted integers and `Decimal`.

use std::cmp::Ordering;
use std::collections::HashSet;

use proptest::prelude::*;
use soapstone::types::{
    Decimal, Integer, NegativeInteger, NonNegativeInteger, NonPositiveInteger, PositiveInteger,
};
use soapstone::xml::{ValueError, XmlText};

fn text<T: XmlText>(v: &T) -> String {
    let mut s = String::new();
    v.write_xml_text(&mut s);
    s
}

fn int(s: &str) -> Integer {
    Integer::from_xml_text(s).unwrap()
}

fn dec(s: &str) -> Decimal {
    Decimal::from_xml_text(s).unwrap()
}

#[test]
fn integer_lexical_forms_and_canonical_text() {
    assert_eq!(text(&int(" +000123 ")), "123");
    assert_eq!(text(&int("-0")), "0");
    assert_eq!(text(&int("-000")), "0");
    assert!(!int("-0").is_negative());
    assert_eq!(text(&int("-42")), "-42");
    let big = "123456789012345678901234567890123456789012345678901234567890";
    assert_eq!(text(&int(big)), big);
    assert_eq!(int(&format!("-{big}")).digits(), big);
    assert_eq!(int("7"), Integer::from(7u8));
    assert_eq!(int("-7"), Integer::from(-7i64));
    assert_eq!("15".parse::<Integer>().unwrap().to_string(), "15");
}

#[test]
fn integer_rejects_malformed() {
    for bad in ["", "-", "1.0", "1e2", "12 3", "٣", "+-1", "0x1"] {
        let e = Integer::from_xml_text(bad).unwrap_err();
        assert_eq!(e.expected, "xs:integer", "{bad:?}");
        assert_eq!(e.found, bad);
    }
}

#[test]
fn integer_orders_by_value() {
    let mut v: Vec<Integer> = ["10", "-3", "0", "-20", "9", "100000000000000000000000"]
        .into_iter()
        .map(int)
        .collect();
    v.sort();
    let s: Vec<String> = v.iter().map(ToString::to_string).collect();
    assert_eq!(s, ["-20", "-3", "0", "9", "10", "100000000000000000000000"]);
}

#[test]
fn integer_conversions_to_machine_types() {
    assert_eq!(
        i64::try_from(&int("-9223372036854775808")).unwrap(),
        i64::MIN
    );
    assert!(i64::try_from(&int("9223372036854775808")).is_err());
    assert_eq!(
        u64::try_from(&int("18446744073709551615")).unwrap(),
        u64::MAX
    );
    let e = u64::try_from(&int("-1")).unwrap_err();
    assert_eq!(e.target, "u64");
    assert_eq!(e.to_string(), "integer -1 is out of range for u64");
    assert_eq!(
        i128::try_from(int("-170141183460469231731687303715884105728")).unwrap(),
        i128::MIN
    );
    assert!(i128::try_from(&int("170141183460469231731687303715884105728")).is_err());
    let huge = int(&"9".repeat(10_000));
    let e = i128::try_from(&huge).unwrap_err();
    assert!(e.value.len() < 100, "{}", e.value);
    assert_eq!(Integer::from(u128::MAX).to_string(), u128::MAX.to_string());
    assert_eq!(Integer::from(i128::MIN).to_string(), i128::MIN.to_string());
}

#[test]
fn sign_restricted_integers() {
    assert_eq!(text(&NonNegativeInteger::from_xml_text("-0").unwrap()), "0");
    assert_eq!(text(&NonNegativeInteger::from(5u64)), "5");
    let e = NonNegativeInteger::from_xml_text(" -1 ").unwrap_err();
    assert_eq!(e.expected, "xs:nonNegativeInteger");
    assert_eq!(e.found, " -1 ");
    assert_eq!(e.detail.as_deref(), Some("must be 0 or greater"));

    assert!(PositiveInteger::from_xml_text("0").is_err());
    assert_eq!(
        PositiveInteger::from_xml_text("+01").unwrap().as_integer(),
        &int("1")
    );
    assert_eq!(
        PositiveInteger::from_xml_text("x").unwrap_err().expected,
        "xs:positiveInteger"
    );

    assert!(NonPositiveInteger::from_xml_text("1").is_err());
    assert_eq!(text(&NonPositiveInteger::from_xml_text("0").unwrap()), "0");

    assert!(NegativeInteger::from_xml_text("0").is_err());
    assert!(NegativeInteger::from_xml_text("-0").is_err());
    let n = NegativeInteger::try_from(int("-99999999999999999999999")).unwrap();
    assert_eq!(n.to_string(), "-99999999999999999999999");
    assert!(i64::try_from(&n).is_err());
    assert_eq!(
        NonPositiveInteger::from(n.clone()).into_integer(),
        n.into_integer()
    );
    assert_eq!(
        NonNegativeInteger::from(PositiveInteger::new(int("3")).unwrap()),
        NonNegativeInteger::from(3u32)
    );
    assert!(NegativeInteger::new(int("5")).is_err());
}

#[test]
fn decimal_keeps_scale_and_compares_by_value() {
    assert_eq!(text(&dec("1.50")), "1.50");
    assert_eq!(text(&dec("+001.50")), "1.50");
    assert_eq!(text(&dec(".5")), "0.5");
    assert_eq!(text(&dec("5.")), "5");
    assert_eq!(text(&dec("-0.00")), "0.00");
    assert_eq!(text(&dec("-.05")), "-0.05");
    assert_eq!(text(&dec("  12  ")), "12");
    assert_eq!(dec("1.0"), dec("1.00"));
    assert_eq!(dec("1.0"), dec("1"));
    assert_eq!(dec("-0"), dec("0.000"));
    assert_ne!(dec("1.01"), dec("1.1"));
    let set: HashSet<Decimal> = ["1", "1.0", "1.000", "2"].into_iter().map(dec).collect();
    assert_eq!(set.len(), 2);
    assert_eq!(dec("1.50").scale(), 2);
    assert_eq!(dec("1.50").normalized().to_string(), "1.5");
    assert_eq!(dec("100").normalized().to_string(), "100");
    assert_eq!(dec("0.000").normalized().to_string(), "0");
    assert_eq!(dec("1.5").with_min_scale(3).to_string(), "1.500");
    assert_eq!(dec("0").with_min_scale(2).to_string(), "0.00");
    assert_eq!(dec("1.2345").with_min_scale(2).to_string(), "1.2345");
}

#[test]
fn decimal_digits_facets_and_conversions() {
    assert_eq!(dec("1.50").total_digits(), 2);
    assert_eq!(dec("1.50").fraction_digits(), 1);
    assert_eq!(dec("0.05").total_digits(), 2);
    assert_eq!(dec("120").total_digits(), 3);
    assert_eq!(dec("0").total_digits(), 1);
    assert_eq!(dec("-12.345").trunc(), int("-12"));
    assert_eq!(dec("0.9").trunc(), int("0"));
    assert_eq!(dec("-12.345").unscaled(), int("-12345"));
    assert_eq!(Decimal::from_parts(int("150"), 2).to_string(), "1.50");
    assert_eq!(Decimal::from_parts(int("-5"), 3).to_string(), "-0.005");
    assert_eq!(Integer::try_from(&dec("42.000")).unwrap(), int("42"));
    assert!(Integer::try_from(&dec("42.5")).is_err());
    assert_eq!(i64::try_from(&dec("-7.0")).unwrap(), -7);
    assert!(u64::try_from(&dec("-7")).is_err());
    assert_eq!(Decimal::from(-3i32).to_string(), "-3");
    assert_eq!(Decimal::from(int("12")), dec("12.0"));
    assert_eq!(dec("0.1").to_f64_lossy(), 0.1);
    let exact = "12345678901234567890.12345678901234567890";
    assert_eq!(text(&dec(exact)), exact);
}

#[test]
fn decimal_rejects_malformed() {
    for bad in [
        "", ".", "-", "+.", "1e5", "1.2.3", "1,5", "INF", "NaN", "1 .5", "--1",
    ] {
        let e = Decimal::from_xml_text(bad).unwrap_err();
        assert_eq!(e.expected, "xs:decimal", "{bad:?}");
    }
}

#[test]
fn huge_numeric_inputs_do_not_panic_and_errors_are_truncated() {
    let huge = format!("{}x", "1".repeat(1_000_000));
    for e in [
        Integer::from_xml_text(&huge).unwrap_err(),
        Decimal::from_xml_text(&huge).unwrap_err(),
    ] {
        assert!(
            e.found.chars().count() <= ValueError::MAX_FOUND + 1,
            "{}",
            e.found.len()
        );
        assert!(e.to_string().len() < 300);
    }
    let long = format!("{}.{}", "9".repeat(200_000), "1".repeat(200_000));
    assert_eq!(text(&dec(&long)), long);
    assert!(dec(&long) > dec("1"));
}

fn pow10(n: u32) -> i128 {
    10i128.pow(n)
}

proptest! {
    #[test]
    fn integer_round_trips(neg in any::<bool>(), digits in "[0-9]{1,80}") {
        let v = Integer::from_sign_digits(neg, &digits).unwrap();
        let t = text(&v);
        prop_assert!(t == "0" || regex_like_canonical_int(&t), "{}", t);
        let back = Integer::from_xml_text(&t).unwrap();
        prop_assert_eq!(&back, &v);
        prop_assert_eq!(text(&back), t.clone());
        prop_assert_eq!(t.parse::<Integer>().unwrap(), v);
    }

    #[test]
    fn integer_matches_i128(a in any::<i128>(), b in any::<i128>()) {
        let (x, y) = (Integer::from(a), Integer::from(b));
        prop_assert_eq!(x.cmp(&y), a.cmp(&b));
        prop_assert_eq!(x.to_string(), a.to_string());
        prop_assert_eq!(i128::try_from(&x).unwrap(), a);
        prop_assert_eq!(i64::try_from(&x).ok(), i64::try_from(a).ok());
        prop_assert_eq!(u64::try_from(&x).ok(), u64::try_from(a).ok());
    }

    #[test]
    fn sign_restricted_round_trip(digits in "[0-9]{1,40}") {
        let p = Integer::from_sign_digits(false, &digits).unwrap();
        let n = p.negated();
        let nn = NonNegativeInteger::new(p.clone()).unwrap();
        prop_assert_eq!(NonNegativeInteger::from_xml_text(&text(&nn)).unwrap(), nn);
        let np = NonPositiveInteger::new(n.clone()).unwrap();
        prop_assert_eq!(NonPositiveInteger::from_xml_text(&text(&np)).unwrap(), np);
        prop_assert_eq!(PositiveInteger::new(p.clone()).is_ok(), p.is_positive());
        prop_assert_eq!(NegativeInteger::new(n.clone()).is_ok(), n.is_negative());
        if let Ok(pi) = PositiveInteger::new(p) {
            prop_assert_eq!(PositiveInteger::from_xml_text(&text(&pi)).unwrap(), pi);
        }
        if let Ok(ni) = NegativeInteger::new(n) {
            prop_assert_eq!(NegativeInteger::from_xml_text(&text(&ni)).unwrap(), ni);
        }
    }

    #[test]
    fn decimal_round_trips(neg in any::<bool>(), digits in "[0-9]{1,50}", scale in 0usize..60) {
        let unscaled = Integer::from_sign_digits(neg, &digits).unwrap();
        let v = Decimal::from_parts(unscaled, scale);
        let t = text(&v);
        let back = Decimal::from_xml_text(&t).unwrap();
        prop_assert_eq!(&back, &v);
        prop_assert_eq!(back.scale(), scale);
        prop_assert_eq!(text(&back), t.clone());
        // Canonical: no '+', no leading zeros, no negative zero.
        let magnitude = t.strip_prefix('-').unwrap_or(&t);
        prop_assert!(!magnitude.starts_with('+'), "{}", t);
        prop_assert!(!magnitude.starts_with('0') || magnitude == "0" || magnitude.starts_with("0."), "{}", t);
        prop_assert!(!(t.starts_with('-') && v.is_zero()), "{}", t);
    }

    #[test]
    fn decimal_orders_by_value(a in -1_000_000i64..1_000_000, sa in 0u32..6, b in -1_000_000i64..1_000_000, sb in 0u32..6) {
        let x = Decimal::from_parts(Integer::from(a), sa as usize);
        let y = Decimal::from_parts(Integer::from(b), sb as usize);
        let expected = (i128::from(a) * pow10(sb)).cmp(&(i128::from(b) * pow10(sa)));
        prop_assert_eq!(x.cmp(&y), expected);
        prop_assert_eq!(x == y, expected == Ordering::Equal);
        prop_assert_eq!(x.normalized(), x);
    }

    #[test]
    fn numeric_text_never_panics(s in "[ +\\-0-9\\.eE]{0,30}") {
        let _ = Integer::from_xml_text(&s);
        let _ = Decimal::from_xml_text(&s);
        let _ = PositiveInteger::from_xml_text(&s);
    }
}

fn regex_like_canonical_int(t: &str) -> bool {
    let d = t.strip_prefix('-').unwrap_or(t);
    !d.is_empty() && !d.starts_with('0') && d.bytes().all(|b| b.is_ascii_digit())
}
