//! The date/time family and `Duration`.

use std::collections::HashSet;

use proptest::prelude::*;
use soapstone::types::{
    Date, DateTime, Duration, GDay, GMonth, GMonthDay, GYear, GYearMonth, Time, Timezone,
};
use soapstone::xml::{ValueError, XmlText};

fn text<T: XmlText>(v: &T) -> String {
    let mut s = String::new();
    v.write_xml_text(&mut s);
    s
}

fn same<T: XmlText + std::fmt::Debug + PartialEq>(input: &str, written: &str) {
    let v = T::from_xml_text(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
    assert_eq!(text(&v), written, "{input:?}");
    assert_eq!(T::from_xml_text(written).unwrap(), v);
}

fn bad<T: XmlText + std::fmt::Debug>(input: &str, expected: &str, detail_part: &str) {
    let e = T::from_xml_text(input).expect_err(input);
    assert_eq!(e.expected, expected, "{input:?}");
    let d = e.detail.clone().unwrap_or_default();
    assert!(
        d.contains(detail_part),
        "{input:?}: {d:?} lacks {detail_part:?}"
    );
}

#[test]
fn date_time_keeps_timezone_exactly() {
    same::<DateTime>("2024-02-29T13:45:00", "2024-02-29T13:45:00");
    same::<DateTime>(" 2024-02-29T13:45:00Z\n", "2024-02-29T13:45:00Z");
    same::<DateTime>("2024-02-29T13:45:00+00:00", "2024-02-29T13:45:00+00:00");
    same::<DateTime>("2024-02-29T13:45:00-00:00", "2024-02-29T13:45:00+00:00");
    same::<DateTime>("2024-02-29T13:45:00+05:30", "2024-02-29T13:45:00+05:30");
    same::<DateTime>("2024-02-29T13:45:00-14:00", "2024-02-29T13:45:00-14:00");
    let z = DateTime::from_xml_text("2024-01-01T00:00:00Z").unwrap();
    let plus0 = DateTime::from_xml_text("2024-01-01T00:00:00+00:00").unwrap();
    let none = DateTime::from_xml_text("2024-01-01T00:00:00").unwrap();
    assert_eq!(z.timezone(), Some(Timezone::UTC));
    assert!(z.timezone().unwrap().is_z());
    assert_eq!(plus0.timezone().unwrap().minutes(), 0);
    assert!(!plus0.timezone().unwrap().is_z());
    assert_eq!(none.timezone(), None);
    assert_ne!(z, plus0);
    assert_ne!(z, none);
    let ist = DateTime::from_xml_text("2024-01-01T00:00:00+05:30").unwrap();
    assert_eq!(ist.timezone().unwrap().minutes(), 330);
    assert_eq!(ist.timezone().unwrap().to_string(), "+05:30");
}

#[test]
fn date_time_fractions_and_years() {
    same::<DateTime>("2024-01-01T00:00:00.5", "2024-01-01T00:00:00.5");
    same::<DateTime>("2024-01-01T00:00:00.500Z", "2024-01-01T00:00:00.500Z");
    same::<DateTime>("2024-01-01T00:00:00.000", "2024-01-01T00:00:00.000");
    let many = "2024-01-01T00:00:00.123456789012345678901234567891Z";
    same::<DateTime>(many, many);
    same::<DateTime>(
        "2024-01-01T00:00:00.123456789012345678901234567890Z",
        "2024-01-01T00:00:00.123456789012345678901234567890Z",
    );
    let dt = |s: &str| DateTime::from_xml_text(s).unwrap();
    assert_eq!(dt("2015-11-10T18:41:40.500Z"), dt("2015-11-10T18:41:40.5Z"));
    assert_eq!(dt("2015-11-10T18:43:00.000Z"), dt("2015-11-10T18:43:00Z"));
    assert_ne!(dt("2015-11-10T18:43:00.001Z"), dt("2015-11-10T18:43:00Z"));
    let set: HashSet<DateTime> = ["2015-11-10T18:41:40.500Z", "2015-11-10T18:41:40.5Z"]
        .into_iter()
        .map(dt)
        .collect();
    assert_eq!(set.len(), 1);
    assert_eq!(dt("2015-11-10T18:41:40.500Z").fraction(), "500");
    let v = DateTime::from_xml_text(many).unwrap();
    assert_eq!(v.nanosecond(), 123_456_789);
    assert_eq!(v.fraction(), "123456789012345678901234567891");
    same::<DateTime>("12345-06-07T08:09:10Z", "12345-06-07T08:09:10Z");
    same::<DateTime>("-0044-03-15T12:00:00", "-0044-03-15T12:00:00");
    same::<DateTime>("0000-02-29T00:00:00", "0000-02-29T00:00:00");
    same::<DateTime>("2024-12-31T24:00:00", "2024-12-31T24:00:00");
    same::<DateTime>("2024-12-31T24:00:00.000", "2024-12-31T24:00:00.000");
    let v = DateTime::from_xml_text("-12345-06-07T08:09:10.25-03:00").unwrap();
    assert_eq!((v.year(), v.month(), v.day()), (-12345, 6, 7));
    assert_eq!(
        (v.hour(), v.minute(), v.second(), v.fraction()),
        (8, 9, 10, "25")
    );
    assert_eq!(v.date().to_string(), "-12345-06-07-03:00");
    assert_eq!(v.time().to_string(), "08:09:10.25-03:00");
}

#[test]
fn date_time_rejects_bad_values() {
    bad::<DateTime>("2023-02-29T00:00:00", "xs:dateTime", "not a leap year");
    bad::<DateTime>("1900-02-29T00:00:00", "xs:dateTime", "not a leap year");
    bad::<DateTime>(
        "2024-04-31T00:00:00",
        "xs:dateTime",
        "day 31 is not in 1..=30",
    );
    bad::<DateTime>("2024-13-01T00:00:00", "xs:dateTime", "month 13");
    bad::<DateTime>("2024-00-01T00:00:00", "xs:dateTime", "month 0");
    bad::<DateTime>("2024-01-00T00:00:00", "xs:dateTime", "day 0");
    bad::<DateTime>("2024-01-01T24:00:01", "xs:dateTime", "24:00:00");
    bad::<DateTime>("2024-01-01T24:00:00.1", "xs:dateTime", "24:00:00");
    bad::<DateTime>("2024-01-01T25:00:00", "xs:dateTime", "hour 25");
    bad::<DateTime>("2024-01-01T12:60:00", "xs:dateTime", "minute 60");
    bad::<DateTime>("2024-01-01T12:00:60", "xs:dateTime", "second 60");
    bad::<DateTime>("2024-01-01T12:00:00.", "xs:dateTime", "digits after '.'");
    bad::<DateTime>("2024-01-01T12:00:00+14:01", "xs:dateTime", "timezone");
    bad::<DateTime>("2024-01-01T12:00:00+15:00", "xs:dateTime", "timezone");
    bad::<DateTime>("2024-01-01T12:00:00+05:60", "xs:dateTime", "timezone");
    bad::<DateTime>("2024-01-01T12:00:00+0530", "xs:dateTime", "':' in timezone");
    bad::<DateTime>("2024-01-01T12:00:00z", "xs:dateTime", "unexpected text");
    bad::<DateTime>("2024-01-01T12:00:00Z ext", "xs:dateTime", "unexpected text");
    bad::<DateTime>("2024-01-01 12:00:00", "xs:dateTime", "'T'");
    bad::<DateTime>("2024-01-01", "xs:dateTime", "'T'");
    bad::<DateTime>("24-01-01T12:00:00", "xs:dateTime", "at least 4 digits");
    bad::<DateTime>("02024-01-01T12:00:00", "xs:dateTime", "cannot start with 0");
    bad::<DateTime>("-0000-01-01T12:00:00", "xs:dateTime", "-0000");
    bad::<DateTime>("2024-1-01T12:00:00", "xs:dateTime", "two digits");
    bad::<DateTime>(
        "99999999999999999999-01-01T00:00:00",
        "xs:dateTime",
        "too large",
    );
    bad::<DateTime>("", "xs:dateTime", "");
    bad::<DateTime>("2024-01-01T1٢:00:00", "xs:dateTime", "two digits");
}

#[test]
fn date_and_time() {
    same::<Date>("2024-02-29", "2024-02-29");
    same::<Date>("2000-02-29Z", "2000-02-29Z");
    same::<Date>("-0001-12-31+01:00", "-0001-12-31+01:00");
    bad::<Date>("2100-02-29", "xs:date", "not a leap year");
    bad::<Date>("2024-02-29T00:00:00", "xs:date", "unexpected text");
    same::<Time>("23:59:59.999999999999", "23:59:59.999999999999");
    same::<Time>("00:00:00-00:00", "00:00:00+00:00");
    same::<Time>("24:00:00Z", "24:00:00Z");
    bad::<Time>("24:30:00", "xs:time", "24:00:00");
    bad::<Time>("1:00:00", "xs:time", "two digits");
    let d = Date::new(2024, 2, 29)
        .unwrap()
        .with_timezone(Some(Timezone::from_minutes(-90).unwrap()));
    assert_eq!(d.to_string(), "2024-02-29-01:30");
    assert_eq!((d.year(), d.month(), d.day()), (2024, 2, 29));
    let e = Date::new(2023, 2, 29).unwrap_err();
    assert_eq!(e.expected, "xs:date");
    assert!(Timezone::from_minutes(841).is_err());
    let t = Time::new(12, 30, 0).unwrap().with_fraction("1200").unwrap();
    assert_eq!(t.to_string(), "12:30:00.1200");
    assert_eq!(t.nanosecond(), 120_000_000);
    assert!(Time::new(24, 0, 0).unwrap().with_fraction("1").is_err());
    assert!(Time::new(24, 0, 0).unwrap().with_fraction("000").is_ok());
    assert!(Time::new(12, 0, 0).unwrap().with_fraction("1a").is_err());
    assert!(Time::new(24, 0, 1).is_err());
    let dt = DateTime::new(99999, 12, 31, 23, 59, 59)
        .unwrap()
        .with_fraction("5")
        .unwrap()
        .with_timezone(Some(Timezone::UTC));
    assert_eq!(dt.to_string(), "99999-12-31T23:59:59.5Z");
    assert_eq!(dt.to_string().parse::<DateTime>().unwrap(), dt);
    assert_eq!(
        dt.clone().with_timezone(None).to_string(),
        "99999-12-31T23:59:59.5"
    );
    assert!(DateTime::new(2024, 2, 30, 0, 0, 0).is_err());
}

#[test]
fn gregorian_fragments() {
    same::<GYear>("2024", "2024");
    same::<GYear>("-0001Z", "-0001Z");
    same::<GYear>("123456+02:00", "123456+02:00");
    bad::<GYear>("24", "xs:gYear", "4 digits");
    same::<GYearMonth>("2024-02", "2024-02");
    bad::<GYearMonth>("2024-13", "xs:gYearMonth", "month 13");
    same::<GMonth>("--02", "--02");
    same::<GMonth>("--12Z", "--12Z");
    bad::<GMonth>("--13", "xs:gMonth", "month 13");
    bad::<GMonth>("-02", "xs:gMonth", "'--'");
    bad::<GMonth>("--02--", "xs:gMonth", "timezone");
    bad::<GMonth>("--02x", "xs:gMonth", "unexpected text");
    same::<GMonthDay>("--02-29", "--02-29");
    same::<GMonthDay>("--12-31-05:00", "--12-31-05:00");
    bad::<GMonthDay>("--02-30", "xs:gMonthDay", "day 30");
    bad::<GMonthDay>("--04-31", "xs:gMonthDay", "day 31");
    same::<GDay>("---31", "---31");
    same::<GDay>("---01Z", "---01Z");
    bad::<GDay>("---32", "xs:gDay", "day 32");
    bad::<GDay>("---00", "xs:gDay", "day 0");
    assert_eq!(GYear::new(-5).to_string(), "-0005");
    assert_eq!(GYearMonth::new(2024, 7).unwrap().to_string(), "2024-07");
    assert!(GYearMonth::new(2024, 0).is_err());
    assert_eq!(GMonth::new(3).unwrap().month(), 3);
    assert!(GMonthDay::new(2, 30).is_err());
    assert_eq!(GMonthDay::new(2, 29).unwrap().to_string(), "--02-29");
    assert_eq!(GDay::new(5).unwrap().to_string(), "---05");
    assert_eq!(GDay::new(32).unwrap_err().expected, "xs:gDay");
}

#[test]
fn duration_forms() {
    same::<Duration>("P1Y2M3DT4H5M6.7S", "P1Y2M3DT4H5M6.7S");
    same::<Duration>("-P1D", "-P1D");
    same::<Duration>("PT90M", "PT90M");
    same::<Duration>("PT0S", "PT0S");
    same::<Duration>("P0Y", "PT0S");
    same::<Duration>("-PT0S", "PT0S");
    same::<Duration>("PT0.000S", "PT0.000S");
    same::<Duration>("-PT0.000S", "PT0.000S");
    same::<Duration>("PT1.500S", "PT1.500S");
    same::<Duration>("PT.5S", "PT0.5S");
    same::<Duration>("PT1.S", "PT1S");
    same::<Duration>("P1YT0S", "P1Y");
    same::<Duration>(" P18446744073709551615D ", "P18446744073709551615D");
    let d = Duration::from_xml_text("-P1Y2M3DT4H5M6.007S").unwrap();
    assert!(d.is_negative());
    assert_eq!(
        (
            d.years(),
            d.months(),
            d.days(),
            d.hours(),
            d.minutes(),
            d.seconds(),
            d.fraction()
        ),
        (1, 2, 3, 4, 5, 6, "007")
    );
    assert_eq!(d.total_months(), 14);
    assert_eq!(d.total_seconds(), ((3 * 24 + 4) * 60 + 5) * 60 + 6);
}

#[test]
fn duration_equality_is_by_value() {
    let d = |s: &str| Duration::from_xml_text(s).unwrap();
    assert_eq!(d("P1Y"), d("P12M"));
    assert_eq!(d("P1D"), d("PT24H"));
    assert_eq!(d("PT1H30M"), d("PT90M"));
    assert_eq!(d("PT1.50S"), d("PT1.5S"));
    assert_ne!(d("P1M"), d("P30D"));
    assert_ne!(d("P1D"), d("-P1D"));
    let set: HashSet<Duration> = ["P1Y", "P12M", "PT60S", "PT1M"]
        .into_iter()
        .map(d)
        .collect();
    assert_eq!(set.len(), 2);
}

#[test]
fn duration_rejects_bad_values() {
    for (input, part) in [
        ("", "'P'"),
        ("P", "at least one component"),
        ("PT", "'T' must be followed"),
        ("P1DT", "'T' must be followed"),
        ("1D", "'P'"),
        ("P1H", "unexpected 'H' before 'T'"),
        ("PT1D", "unexpected 'D' after 'T'"),
        ("P1M1Y", "order"),
        ("P1D1D", "order"),
        ("PT1S1M", "order"),
        ("P1.5D", "not a whole number"),
        ("PT.S", "digits around '.'"),
        ("PT1..5S", "digits"),
        ("P-1D", "number before '-'"),
        ("P1", "followed by its designator"),
        ("PD", "number before 'D'"),
        ("P18446744073709551616D", "too large"),
        ("P1d", "unexpected 'd'"),
        ("P 1D", "number before ' '"),
        ("+P1D", "'P'"),
    ] {
        bad::<Duration>(input, "xs:duration", part);
    }
}

#[test]
fn duration_std_conversions() {
    let d = Duration::from(std::time::Duration::new(90, 5_000_000));
    assert_eq!(d.to_string(), "PT90.005S");
    assert_eq!(
        std::time::Duration::try_from(&d).unwrap(),
        std::time::Duration::new(90, 5_000_000)
    );
    let d = Duration::zero()
        .with_days(1)
        .with_hours(2)
        .with_fraction("1234567891")
        .unwrap();
    assert_eq!(d.to_string(), "P1DT2H0.1234567891S");
    assert_eq!(
        std::time::Duration::try_from(&d).unwrap(),
        std::time::Duration::new(93_600, 123_456_789)
    );
    assert!(std::time::Duration::try_from(&Duration::zero().with_months(1)).is_err());
    assert!(
        std::time::Duration::try_from(&Duration::zero().with_days(1).with_negative(true)).is_err()
    );
    assert!(!Duration::zero().with_negative(true).is_negative());
    let huge = Duration::zero().with_days(u64::MAX);
    let e = std::time::Duration::try_from(&huge).unwrap_err();
    assert!(e.to_string().contains("too long"), "{e}");
    assert!(Duration::zero().with_fraction("x").is_err());
}

#[test]
fn huge_inputs_do_not_panic_and_errors_are_truncated() {
    let huge = format!("2024-01-01T00:00:00.{}x", "1".repeat(1_000_000));
    for e in [
        DateTime::from_xml_text(&huge).unwrap_err(),
        Duration::from_xml_text(&format!("P{}D", "9".repeat(1_000_000))).unwrap_err(),
        Time::from_xml_text(&"-".repeat(100_000)).unwrap_err(),
        GYear::from_xml_text(&"9".repeat(1_000_000)).unwrap_err(),
    ] {
        assert!(
            e.found.chars().count() <= ValueError::MAX_FOUND + 1,
            "{}",
            e.found.len()
        );
        assert!(e.to_string().len() < 400, "{}", e.to_string().len());
    }
    let long_fraction = format!("2024-01-01T00:00:00.{}1Z", "0".repeat(100_000));
    assert_eq!(
        text(&DateTime::from_xml_text(&long_fraction).unwrap()),
        long_fraction
    );
}

fn days_in(year: i64, month: u8) -> u8 {
    let leap = year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn timezone() -> impl Strategy<Value = Option<Timezone>> {
    prop_oneof![
        Just(None),
        Just(Some(Timezone::UTC)),
        (-840i16..=840).prop_map(|m| Some(Timezone::from_minutes(m).unwrap())),
    ]
}

fn year() -> impl Strategy<Value = i64> {
    prop_oneof![
        -3000i64..3000,
        -99_999_999i64..99_999_999,
        Just(i64::MAX),
        Just(i64::MIN + 1)
    ]
}

fn fraction() -> impl Strategy<Value = String> {
    // Past 22 digits a fraction is kept on the heap: both representations are written.
    prop_oneof!["[0-9]{0,20}", "[0-9]{21,30}"]
}

fn date_time() -> impl Strategy<Value = DateTime> {
    (
        year(),
        1u8..=12,
        1u8..=31,
        0u8..=24,
        0u8..60,
        0u8..60,
        fraction(),
        timezone(),
    )
        .prop_filter_map("valid", |(y, mo, d, h, mi, s, f, tz)| {
            let d = d.min(days_in(y, mo));
            let (h, mi, s, f) = if h == 24 {
                (24, 0, 0, String::new())
            } else {
                (h, mi, s, f)
            };
            Some(
                DateTime::new(y, mo, d, h, mi, s)
                    .ok()?
                    .with_fraction(&f)
                    .ok()?
                    .with_timezone(tz),
            )
        })
}

fn check<T: XmlText + PartialEq + std::fmt::Debug + std::fmt::Display + std::str::FromStr>(
    v: &T,
) -> Result<(), TestCaseError>
where
    T::Err: std::fmt::Debug,
{
    let t = text(v);
    let back = T::from_xml_text(&t).map_err(|e| TestCaseError::fail(format!("{t}: {e}")))?;
    prop_assert_eq!(&back, v);
    prop_assert_eq!(text(&back), t.clone());
    prop_assert_eq!(v.to_string(), t.clone());
    prop_assert_eq!(&t.parse::<T>().unwrap(), v);
    // The writer's direct path (in-place digits), where a type has one, writes the same text
    // after other bytes; where it has none it writes nothing.
    let mut ascii = b"<x>".to_vec();
    let expected = if v.write_xml_ascii(&mut ascii) {
        format!("<x>{t}")
    } else {
        "<x>".to_owned()
    };
    prop_assert_eq!(String::from_utf8(ascii).unwrap(), expected);
    Ok(())
}

proptest! {
    #[test]
    fn date_time_round_trips(v in date_time()) {
        check(&v)?;
        check(&v.date())?;
        check(&v.time())?;
        prop_assert!(v.time().fraction().len() <= 30);
    }

    #[test]
    fn fragments_round_trip(y in year(), mo in 1u8..=12, d in 1u8..=31, tz in timezone()) {
        check(&GYear::new(y).with_timezone(tz))?;
        check(&GYearMonth::new(y, mo).unwrap().with_timezone(tz))?;
        check(&GMonth::new(mo).unwrap().with_timezone(tz))?;
        check(&GDay::new(d).unwrap().with_timezone(tz))?;
        let md = GMonthDay::new(mo, d);
        prop_assert_eq!(md.is_ok(), d <= days_in(2000, mo));
        if let Ok(md) = md {
            check(&md.with_timezone(tz))?;
        }
    }

    #[test]
    fn duration_round_trips(neg in any::<bool>(), c in proptest::array::uniform6(prop_oneof![Just(0u64), 0u64..100, any::<u64>()]), f in fraction()) {
        let v = Duration::zero().with_years(c[0]).with_months(c[1]).with_days(c[2]).with_hours(c[3])
            .with_minutes(c[4]).with_seconds(c[5]).with_fraction(&f).unwrap().with_negative(neg);
        check(&v)?;
        let back = Duration::from_xml_text(&text(&v)).unwrap();
        prop_assert_eq!((back.years(), back.months(), back.days()), (c[0], c[1], c[2]));
        prop_assert_eq!((back.hours(), back.minutes(), back.seconds()), (c[3], c[4], c[5]));
    }

    #[test]
    fn temporal_text_never_panics(s in "[-+:.TZP0-9YMDHS ]{0,40}") {
        let _ = DateTime::from_xml_text(&s);
        let _ = Date::from_xml_text(&s);
        let _ = Time::from_xml_text(&s);
        let _ = GMonthDay::from_xml_text(&s);
        let _ = GDay::from_xml_text(&s);
        let _ = Duration::from_xml_text(&s);
    }
}

#[test]
fn unix_time_conversions() {
    let dt = |s: &str| DateTime::from_xml_text(s).unwrap();
    assert_eq!(dt("1970-01-01T00:00:00Z").unix_seconds(), Some(0));
    assert_eq!(dt("1970-01-01T05:30:00+05:30").unix_seconds(), Some(0));
    assert_eq!(dt("2000-03-01T00:00:00Z").unix_seconds(), Some(951_868_800));
    assert_eq!(dt("1969-12-31T24:00:00Z").unix_seconds(), Some(0));
    assert_eq!(
        dt("0000-01-01T00:00:00Z").unix_seconds(),
        Some(-62_167_219_200)
    );
    assert_eq!(dt("2024-01-01T00:00:00").unix_seconds(), None);
    assert_eq!(
        DateTime::from_unix(951_868_800, 0).to_string(),
        "2000-03-01T00:00:00Z"
    );
    assert_eq!(
        DateTime::from_unix(-1, 500_000_000).to_string(),
        "1969-12-31T23:59:59.5Z"
    );
    assert_eq!(
        DateTime::from_unix(i64::MIN, 0).unix_seconds(),
        Some(i128::from(i64::MIN))
    );
    let later = dt("2024-01-01T12:00:00.5+01:00");
    let earlier = dt("2024-01-01T11:00:00.25Z");
    assert_eq!(
        later.cmp_instant(&earlier),
        Some(std::cmp::Ordering::Greater)
    );
    assert_eq!(
        dt("2024-01-01T12:00:00Z").cmp_instant(&dt("2024-01-01T13:00:00+01:00")),
        Some(std::cmp::Ordering::Equal)
    );
    assert_eq!(later.cmp_instant(&dt("2024-01-01T11:00:00")), None);
    let epoch = std::time::UNIX_EPOCH;
    assert_eq!(
        DateTime::from(epoch + std::time::Duration::new(1, 250)).to_string(),
        "1970-01-01T00:00:01.00000025Z"
    );
    assert_eq!(
        DateTime::from(epoch - std::time::Duration::new(1, 250)).to_string(),
        "1969-12-31T23:59:58.99999975Z"
    );
}

proptest! {
    #[test]
    fn unix_seconds_round_trip(secs in any::<i64>(), nanos in 0u32..1_000_000_000) {
        let v = DateTime::from_unix(secs, nanos);
        prop_assert_eq!(v.unix_seconds(), Some(i128::from(secs)));
        prop_assert_eq!(v.nanosecond(), nanos);
        check(&v)?;
    }

    #[test]
    fn unix_seconds_agree_with_offsets(v in date_time(), m in -840i16..=840) {
        let a = v.clone().with_timezone(Some(Timezone::UTC));
        let b = v.with_timezone(Some(Timezone::from_minutes(m).unwrap()));
        prop_assert_eq!(a.unix_seconds().unwrap() - b.unix_seconds().unwrap(), i128::from(m) * 60);
    }
}
