//! Unit and property tests of written decimals, scales, units and bounds.

use super::*;

#[test]
fn per_unit_is_one_over_the_factor_digit_for_digit() {
    for scale in [
        Scale::Unit,
        Scale::Thousand,
        Scale::Million,
        Scale::Billion,
        Scale::Trillion,
        Scale::Wan,
        Scale::Yi,
    ] {
        let divided = Decimal::ONE.checked_div(scale.factor()).unwrap();
        // The same representation, not only the same value: the scale of
        // a product follows its factors', and outputs print it.
        assert_eq!(scale.per_unit().serialize(), divided.serialize(), "{scale}");
    }
}
use proptest::prelude::*;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn stated(value: &str, scale: Scale, bound: BoundKind, high: Option<&str>) -> Stated {
    Stated {
        value: value.parse().unwrap(),
        scale,
        unit: Unit::Currency("CNY".into()),
        bound,
        high: high.map(|h| Box::new(h.parse().unwrap())),
        tolerance: None,
    }
}

#[test]
fn written_decimals_keep_their_digits() {
    let cases = [
        ("102.1", "102.1", -1),
        ("102.10", "102.10", -2),
        ("30", "30", 0),
        ("-17.3", "-17.3", -1),
        ("1.5e3", "1500", 2),
        ("1.5E-2", "0.015", -3),
        ("0", "0", 0),
        ("0.000", "0.000", -3),
        ("1.02367", "1.02367", -5),
    ];
    for (text, value, last) in cases {
        let w: WrittenDecimal = text.parse().unwrap();
        assert_eq!(w.value().to_string(), value, "{text}");
        assert_eq!(w.last_digit(), last, "{text}");
    }
}

#[test]
fn malformed_decimals_are_refused() {
    for text in [
        "", "-", "1.", ".5", "1e", "1e+", "+1", "1,000", "NaN", "inf", " 1", "1 ", "0x10", "1.2.3",
    ] {
        assert!(
            matches!(
                text.parse::<WrittenDecimal>(),
                Err(ValueError::NotDecimal(_))
            ),
            "{text:?}"
        );
    }
    assert!(matches!(
        "123456789012345678901234567890.1".parse::<WrittenDecimal>(),
        Err(ValueError::TooManyDigits(_))
    ));
    for text in ["0.00000000000000000000000000001", "1e-400", "1.5e-29"] {
        assert!(
            matches!(
                text.parse::<WrittenDecimal>(),
                Err(ValueError::TooManyDecimals(_))
            ),
            "{text:?}"
        );
    }
    for text in ["1e400", "1e99999999999", "9e28"] {
        assert!(
            matches!(
                text.parse::<WrittenDecimal>(),
                Err(ValueError::OutOfRange(_))
            ),
            "{text:?}"
        );
    }
}

#[test]
fn bounds_become_intervals() {
    let b = stated("102.1", Scale::Billion, BoundKind::Rounded, None)
        .interval()
        .unwrap();
    assert_eq!(b.point(), d("102100000000"));
    assert_eq!(b.low(), Endpoint::Closed(d("102050000000")));
    assert_eq!(b.high(), Endpoint::Closed(d("102150000000")));

    let b = stated("1.02367", Scale::Trillion, BoundKind::Rounded, None)
        .interval()
        .unwrap();
    assert_eq!(b.low(), Endpoint::Closed(d("1023665000000")));
    assert_eq!(b.high(), Endpoint::Closed(d("1023675000000")));

    let b = stated("30", Scale::Unit, BoundKind::MoreThan, None)
        .interval()
        .unwrap();
    assert_eq!(
        (b.low(), b.high()),
        (Endpoint::Open(d("30")), Endpoint::Unbounded)
    );
    let b = stated("30", Scale::Unit, BoundKind::AtMost, None)
        .interval()
        .unwrap();
    assert_eq!(
        (b.low(), b.high()),
        (Endpoint::Unbounded, Endpoint::Closed(d("30")))
    );
    let b = stated("30", Scale::Unit, BoundKind::About, None)
        .interval()
        .unwrap();
    assert_eq!(
        (b.low(), b.high()),
        (Endpoint::Closed(d("28.5")), Endpoint::Closed(d("31.5")))
    );
    let b = stated("60", Scale::Unit, BoundKind::Range, Some("80"))
        .interval()
        .unwrap();
    assert_eq!(
        (b.low(), b.high()),
        (Endpoint::Closed(d("60")), Endpoint::Closed(d("80")))
    );
    let b = stated("301.27", Scale::Yi, BoundKind::Exact, None)
        .interval()
        .unwrap();
    assert_eq!(b.point(), d("30127000000"));
    assert!(b.is_exact());
}

#[test]
fn a_value_with_every_decimal_place_still_has_a_sound_interval() {
    let w: WrittenDecimal = "0.0000000000000000000000000001".parse().unwrap();
    // The true half unit, 5e-29, is below what a decimal holds: 1e-28 covers it.
    assert_eq!(w.half_unit().unwrap(), Decimal::new(1, 28));
}

#[test]
fn inconsistent_bounds_are_refused() {
    let e = stated("60", Scale::Unit, BoundKind::Range, None).interval();
    assert_eq!(e, Err(ValueError::RangeWithoutHigh));
    let e = stated("80", Scale::Unit, BoundKind::Range, Some("60")).interval();
    assert!(matches!(e, Err(ValueError::HighBelowValue { .. })));
    let e = stated("60", Scale::Unit, BoundKind::Exact, Some("80")).interval();
    assert_eq!(e, Err(ValueError::HighWithoutRange(BoundKind::Exact)));
    let mut s = stated("19", Scale::Billion, BoundKind::Rounded, None);
    s.unit = Unit::Percent;
    assert!(matches!(
        s.interval(),
        Err(ValueError::ScaleForRatio { .. })
    ));
    let big = stated(
        "79228162514264337593543950335",
        Scale::Unit,
        BoundKind::Exact,
        None,
    );
    assert!(big.interval().is_ok());
    let s = stated(
        "7922816251426433759354395033",
        Scale::Trillion,
        BoundKind::Exact,
        None,
    );
    assert_eq!(s.interval(), Err(ValueError::Overflow));
}

#[test]
fn units_parse() {
    assert_eq!("CNY".parse::<Unit>(), Ok(Unit::Currency("CNY".into())));
    assert_eq!("percent".parse::<Unit>(), Ok(Unit::Percent));
    assert_eq!("orders".parse::<Unit>(), Ok(Unit::Count("orders".into())));
    assert!(matches!(
        "usd".parse::<Unit>(),
        Err(ValueError::LowercaseCurrency { .. })
    ));
    for bad in ["", "Yuan", "US$", "%", "CNYY"] {
        assert!(
            matches!(bad.parse::<Unit>(), Err(ValueError::Unit(_))),
            "{bad}"
        );
    }
}

/// A decimal as a report or a dataset might write it: sign, whole part
/// without leading zeros, optional fraction, optional exponent.
fn written() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop_oneof![Just("0".to_string()), "[1-9][0-9]{0,14}"],
        proptest::option::of("[0-9]{1,13}"),
        proptest::option::of((
            prop_oneof![Just("e"), Just("E")],
            prop_oneof![Just(""), Just("+"), Just("-")],
            0u32..=24,
        )),
    )
        .prop_map(|(negative, whole, fraction, exponent)| {
            let mut text = String::new();
            if negative {
                text.push('-');
            }
            text.push_str(&whole);
            if let Some(fraction) = fraction {
                text.push('.');
                text.push_str(&fraction);
            }
            if let Some((e, sign, digits)) = exponent {
                text.push_str(&format!("{e}{sign}{digits}"));
            }
            text
        })
}

/// The value of a written decimal computed another way: all its digits
/// as one integer, then the decimal point placed by the exponent.
fn expected(text: &str) -> (Result<Decimal, ()>, i32, usize) {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match rest.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i32>().unwrap()),
        None => (rest, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: i128 = format!("{whole}{fraction}").parse().unwrap();
    let digits = if negative { -digits } else { digits };
    let last_digit = exponent - i32::try_from(fraction.len()).unwrap();
    let value = if last_digit <= 0 {
        let scale = last_digit.unsigned_abs();
        if digits == 0 {
            Ok(Decimal::ZERO)
        } else if scale > 28 {
            Err(())
        } else {
            Decimal::try_from_i128_with_scale(digits, scale).map_err(|_| ())
        }
    } else {
        Decimal::try_from_i128_with_scale(digits, 0)
            .ok()
            .and_then(|d| d.checked_mul(pow10(last_digit)?))
            .ok_or(())
    };
    let significant = format!("{whole}{fraction}").trim_start_matches('0').len();
    (value, last_digit, significant)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    /// Parsing keeps every written digit and adds none: the value is the
    /// digits with the point placed by the exponent, its last digit is
    /// where the writing stopped, and a decimal written without an
    /// exponent prints back exactly as written.
    #[test]
    fn written_decimals_round_trip_digit_for_digit(text in written()) {
        let (value, last_digit, significant) = expected(&text);
        match (text.parse::<WrittenDecimal>(), value) {
            (Ok(parsed), Ok(value)) => {
                prop_assert_eq!(parsed.value(), value, "{}", text);
                prop_assert_eq!(parsed.last_digit(), last_digit, "{}", text);
                let shown = parsed.to_string();
                if value.is_zero() {
                    prop_assert!(shown.trim_start_matches('-').bytes().all(|b| b == b'0' || b == b'.'), "{} → {}", text, shown);
                } else if !text.contains(['e', 'E']) {
                    prop_assert_eq!(&shown, &text);
                } else {
                    // Same significant digits, leading zeros and the
                    // zeros a positive exponent stands for aside.
                    let digits: String = shown.chars().filter(char::is_ascii_digit).collect();
                    let digits = digits.trim_start_matches('0');
                    let zeros = usize::try_from(last_digit.max(0)).unwrap();
                    prop_assert_eq!(digits.len(), significant + zeros, "{} → {}", text, shown);
                }
                // What is printed reads back as the same value, with the
                // same last digit wherever that is after the point.
                let again: WrittenDecimal = shown.parse().unwrap();
                prop_assert_eq!(again.value(), value);
                if last_digit <= 0 && !value.is_zero() {
                    prop_assert_eq!(again.last_digit(), last_digit, "{} → {}", text, shown);
                }
            }
            (Err(ValueError::OutOfRange(_) | ValueError::TooManyDecimals(_)), Err(())) => {}
            (got, want) => prop_assert!(false, "{}: parsed {:?}, expected {:?}", text, got, want),
        }
    }

    /// A dataset reads a decimal the same whether it is written as a
    /// JSON number or as a JSON string.
    #[test]
    fn json_numbers_and_strings_read_alike(text in written()) {
        let direct = text.parse::<WrittenDecimal>();
        let number = serde_json::from_str::<DecimalField>(&text).map(|d| d.0);
        let string = serde_json::from_str::<DecimalField>(&format!("\"{text}\"")).map(|d| d.0);
        match direct {
            Ok(direct) => {
                prop_assert_eq!(number.ok(), Some(direct), "{}", text);
                prop_assert_eq!(string.ok(), Some(direct), "{}", text);
            }
            Err(_) => {
                prop_assert!(number.is_err(), "{}", text);
                prop_assert!(string.is_err(), "{}", text);
            }
        }
    }
}

#[test]
fn units_read_with_names_share_their_text() {
    let mut names = crate::name::Names::default();
    let unit = Unit::parse_with("CNY", &mut names).unwrap();
    assert_eq!(unit, "CNY".parse().unwrap());
    let again = Unit::parse_with("CNY", &mut names).unwrap();
    assert_eq!(unit, again);
    let (Unit::Currency(a), Unit::Currency(b)) = (&unit, &again) else {
        panic!("currencies")
    };
    assert!(std::ptr::eq(a.as_ptr(), b.as_ptr()), "one shared text");
}

#[test]
fn rounded_ends_are_the_long_ways_digit_for_digit() {
    let texts = [
        "0",
        "0.0",
        "-0.0",
        "7",
        "-7",
        "102.10",
        "6147320.774",
        "-0.0005",
        "1.5e3",
        "1.25e-3",
        "79228162514264337593543950335",
        "7922816251426433759354395033.5",
        "792281625142643375935439503.35",
        "-792281625142643375935439503.35",
        "0.0000000000000000000000000001",
        "0.000000000000000000000000001",
    ];
    for text in texts {
        let value: WrittenDecimal = text.parse().unwrap();
        let Some((low, high)) = rounded_ends(&value) else {
            continue;
        };
        let half = value.half_unit().unwrap();
        let v = value.value();
        assert_eq!(
            low.serialize(),
            v.checked_sub(half).unwrap().serialize(),
            "{text}"
        );
        assert_eq!(
            high.serialize(),
            v.checked_add(half).unwrap().serialize(),
            "{text}"
        );
    }
    assert!(rounded_ends(&"1.5e3".parse().unwrap()).is_none());
    assert!(rounded_ends(&"0.0000000000000000000000000001".parse().unwrap()).is_none());
    assert!(rounded_ends(&"6147320.774".parse().unwrap()).is_some());
}

#[test]
fn plain_decimals_read_as_the_long_way_reads_them() {
    let plain = [
        "0",
        "-0",
        "0.0",
        "-0.0",
        "00012.3400",
        "6147320.774",
        "-1.5",
        "1234567890123456789012345678",
        "0.123456789012345678901234567",
        "9999999999999999999999999999",
        "-0.000000000000000000000000001",
    ];
    let other = [
        "12345678901234567890123456789",
        "0.00000000000000000000000000001",
        "1.",
        ".5",
        "-",
        "",
        "1e3",
        "1.2.3",
        "+1",
        "1 ",
        "--1",
        "١",
    ];
    for text in plain {
        let read = plain_decimal(text).unwrap();
        // The long way alone: the same text with an exponent of zero.
        let long: WrittenDecimal = format!("{text}e0").parse().unwrap();
        assert_eq!(read.value().serialize(), long.value().serialize(), "{text}");
        assert_eq!(read.last_digit(), long.last_digit(), "{text}");
    }
    for text in other {
        assert!(plain_decimal(text).is_none(), "{text}");
    }
}
