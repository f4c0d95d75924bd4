use super::*;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn figure_of(point: &str, low: Endpoint, high: Endpoint) -> Figure {
    Figure {
        value: Bounded::new(d(point), low, high).unwrap(),
        stated_as: None,
        suffix: "",
    }
}

#[test]
fn groups_thousands_and_pads_decimals() {
    let cases = [
        ("1023670", 0, "1,023,670"),
        ("1023.67", 2, "1,023.67"),
        ("-54.73", 2, "-54.73"),
        ("358", 2, "358.00"),
        ("999.995", 2, "1,000.00"),
        ("0.5", 0, "1"),
        ("-0.004", 2, "0.00"),
    ];
    for (value, decimals, expected) in cases {
        assert_eq!(
            decimal(d(value), decimals, RoundingStrategy::MidpointAwayFromZero),
            expected,
            "{value}"
        );
    }
}

#[test]
fn markers_follow_the_interval() {
    let more = figure_of("358", Endpoint::Open(d("358")), Endpoint::Unbounded);
    assert_eq!(figure(&more, None), ">358");
    assert_eq!(interval(&more, None), "");
    let at_most = figure_of(
        "20.0936",
        Endpoint::Closed(d("-100")),
        Endpoint::Closed(d("20.0936")),
    );
    assert_eq!(figure(&at_most, Some(2)), "≤20.09");
    let rounded = figure_of(
        "1023.67",
        Endpoint::Closed(d("1023.665")),
        Endpoint::Closed(d("1023.675")),
    );
    assert_eq!(figure(&rounded, None), "1,023.67");
    assert_eq!(interval(&rounded, None), "");
    let wide = figure_of(
        "126.05",
        Endpoint::Closed(d("125.25")),
        Endpoint::Closed(d("126.85")),
    );
    assert_eq!(interval(&wide, None), "[125.2, 126.9]");
}

#[test]
fn near_exact_figures_read_like_exact_ones() {
    // 100 / 12 on intervals: [8.33…332, 8.33…334], not 12 decimals.
    let twelfth = figure_of(
        "8.333333333333333333333333333",
        Endpoint::Closed(d("8.333333333333333333333333332")),
        Endpoint::Closed(d("8.333333333333333333333333334")),
    );
    assert_eq!(figure(&twelfth, None), "8.3333");
    assert_eq!(interval(&twelfth, None), "");
    // 12 × (1/6 rounded): 2, with no trailing noise.
    let two = figure_of(
        "2.0000000000000000000000000004",
        Endpoint::Closed(d("1.9999999999999999999999999990")),
        Endpoint::Closed(d("2.0000000000000000000000000010")),
    );
    assert_eq!(figure(&two, None), "2");
    // A stated figure keeps the digits its rounding justifies.
    let stated = figure_of(
        "1.02367",
        Endpoint::Closed(d("1.023665")),
        Endpoint::Closed(d("1.023675")),
    );
    assert_eq!(figure(&stated, None), "1.02367");
}

#[test]
fn normalized_scales_are_counted_as_normalize_finds_them() {
    for text in [
        "0",
        "-0.000",
        "1500",
        "1500.00",
        "0.0001000",
        "-2.50",
        "10.0",
        "7",
    ] {
        let d: Decimal = text.parse().unwrap();
        assert_eq!(normalized_scale(d), d.normalize().scale(), "{text}");
    }
}

#[test]
fn numbers_print_as_rust_decimal_prints_them() {
    let mut buffer = String::new();
    let mut check = |d: Decimal| {
        buffer.clear();
        write_decimal(&mut buffer, d, true);
        assert_eq!(buffer, d.normalize().to_string(), "{d:?}");
        buffer.clear();
        write_decimal(&mut buffer, d, false);
        assert_eq!(buffer, d.to_string(), "{d:?}");
    };
    for text in [
        "0",
        "-0",
        "0.000",
        "-0.000",
        "1500",
        "1500.00",
        "-2.50",
        "0.0001000",
        "79228162514264337593543950335",
        "-0.0000000000000000000000000001",
        "15.880745947434236427220290440",
        "10",
        "100.0",
        "-0.5",
        "0.05",
    ] {
        check(text.parse().unwrap());
    }
    // Every scale, with mantissas of every length (some ending in
    // zeros), both signs.
    let mut state: u128 = 7;
    for n in 0..3000u32 {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let digits = 10u128.pow(n % 29);
        let mut mantissa = (state >> 32) % digits;
        if n % 3 == 0 {
            mantissa = mantissa.saturating_mul(1000) % digits;
        }
        let d = Decimal::from_i128_with_scale(i128::try_from(mantissa).unwrap(), n % 29);
        check(d);
        check(-d);
    }
}

#[test]
fn ratios_print_with_five_significant_digits() {
    let cases = [
        ("9.99888", "9.9989"),
        ("10.00111", "10.001"),
        ("1234567.8", "1234567.8"),
        ("0.000123456", "0.00012346"),
        ("0", "0"),
    ];
    for (value, expected) in cases {
        assert_eq!(significant(value.parse().unwrap(), 5), expected, "{value}");
    }
}

#[test]
fn bracketed_reads_as_the_interval_in_bounded_display() {
    let thirty = d("30");
    let cases = [
        Bounded::exact(d("1.50")),
        Bounded::closed(d("0"), d("-1"), d("2")).unwrap(),
        Bounded::new(thirty, Endpoint::Open(thirty), Endpoint::Unbounded).unwrap(),
        Bounded::new(thirty, Endpoint::Unbounded, Endpoint::Open(d("31"))).unwrap(),
        Bounded::new(thirty, Endpoint::Unbounded, Endpoint::Unbounded).unwrap(),
    ];
    for b in cases {
        let display = b.to_string();
        let (_, expected) = display.split_once(' ').unwrap();
        assert_eq!(bracketed(&b), expected, "{display}");
    }
}

#[test]
fn computed_values_read_in_words() {
    let b = |p: &str, l: &str, h: &str| Bounded::closed(d(p), d(l), d(h)).unwrap();
    let cny = Unit::Currency("CNY".into());
    assert_eq!(
        computed(&b("1500000", "1400000", "1600000"), &cny),
        "1.4 to 1.6 million CNY"
    );
    assert_eq!(
        computed(&Bounded::exact(d("12.34567")), &Unit::Percent),
        "12.3457%"
    );
    let at_most = Bounded::new(d("5"), Endpoint::Unbounded, Endpoint::Closed(d("5"))).unwrap();
    assert_eq!(computed(&at_most, &Unit::Multiple), "at most 5×");
    let any = Bounded::new(d("5"), Endpoint::Unbounded, Endpoint::Unbounded).unwrap();
    assert_eq!(computed(&any, &Unit::Ratio), "any value");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2_000))]

    /// Told on mantissas: the answer the width gives, for ends of one
    /// value written with other scales too, near each other, far apart,
    /// near the largest mantissa, either end open or unbounded, the point
    /// at either end or between them.
    #[test]
    fn near_exact_is_what_the_width_says(
        mantissa in proptest::prop_oneof![
            proptest::num::i128::ANY,
            -1_000_000i128..1_000_000,
        ],
        scale in 0u32..=28,
        extra in 0u32..=6,
        gap in proptest::prop_oneof![
            proptest::strategy::Just(0i128),
            -3i128..=3,
            proptest::num::i128::ANY,
        ],
        sides in 0u8..6,
        point_at in 0u8..3,
    ) {
        let mantissa = mantissa % 79_228_162_514_264_337_593_543_950_335;
        let low = Decimal::from_i128_with_scale(mantissa, scale);
        // The same value written with `extra` more places, where it fits.
        let mut same = low;
        same.rescale(scale.saturating_add(extra).min(28));
        let same = if same == low { same } else { low };
        let high = match gap.checked_rem(79_228_162_514_264_337_593_543_950_335) {
            Some(0) | None => same,
            Some(g) => low
                .checked_add(Decimal::from_i128_with_scale(g.abs(), scale))
                .unwrap_or(same),
        };
        let (lo, hi) = match sides {
            0 => (Endpoint::Closed(low), Endpoint::Closed(high)),
            1 => (Endpoint::Open(low), Endpoint::Closed(high)),
            2 => (Endpoint::Closed(low), Endpoint::Open(high)),
            3 => (Endpoint::Open(low), Endpoint::Open(high)),
            4 => (Endpoint::Unbounded, Endpoint::Closed(high)),
            _ => (Endpoint::Closed(low), Endpoint::Unbounded),
        };
        let point = match (lo, point_at) {
            (Endpoint::Unbounded, _) | (_, 1) => high,
            (_, 2) => low.checked_add(high).and_then(|s| s.checked_div(Decimal::TWO)).unwrap_or(low),
            _ => low,
        };
        if let Ok(value) = Bounded::new(point, lo, hi) {
            proptest::prop_assert_eq!(
                is_near_exact(&value),
                near::is_near_exact_by_width(&value),
                "{}", value
            );
        }
    }
}

proptest::proptest! {
    /// Cut to n digits, a lower end never rises, an upper end never falls,
    /// the nearest is within half a unit of the last digit kept, and none
    /// has more than n significant digits.
    #[test]
    fn machine_numbers_round_outward(
        mantissa in proptest::num::i128::ANY,
        scale in 0u32..=28,
        n in 1u32..=28,
    ) {
        let mantissa = mantissa % 79_228_162_514_264_337_593_543_950_335;
        let x = Decimal::from_i128_with_scale(mantissa, scale);
        let digits = Digits::Significant(n);
        let down = machine_decimal(x, digits, Rounding::Down);
        let up = machine_decimal(x, digits, Rounding::Up);
        let near = machine_decimal(x, digits, Rounding::Nearest);
        proptest::prop_assert!(down <= x && x <= up, "{down} {x} {up}");
        proptest::prop_assert!(down <= near && near <= up, "{down} {near} {up}");
        for cut in [down, up, near] {
            let text = plain(cut);
            let kept = text.trim_start_matches('-').replace('.', "");
            let kept = kept.trim_start_matches('0');
            let kept = if text.contains('.') { kept } else { kept.trim_end_matches('0') };
            proptest::prop_assert!(kept.len() <= n as usize || cut == x, "{x} to {n}: {text}");
        }
        proptest::prop_assert_eq!(machine_decimal(x, Digits::Exact, Rounding::Up), x);
    }

    /// The fast cut of fractional digits gives the value rust_decimal's own
    /// rounding to significant digits gives, in every direction.
    #[test]
    fn machine_numbers_equal_rust_decimals_rounding(
        mantissa in proptest::num::i128::ANY,
        scale in 0u32..=28,
        n in 1u32..=28,
    ) {
        use rust_decimal::RoundingStrategy;
        let mantissa = mantissa % 79_228_162_514_264_337_593_543_950_335;
        let x = Decimal::from_i128_with_scale(mantissa, scale);
        let digits = Digits::Significant(n);
        for (rounding, strategy) in [
            (Rounding::Down, RoundingStrategy::ToNegativeInfinity),
            (Rounding::Up, RoundingStrategy::ToPositiveInfinity),
            (Rounding::Nearest, RoundingStrategy::MidpointAwayFromZero),
        ] {
            let expected = x.round_sf_with_strategy(n, strategy).unwrap_or(x);
            proptest::prop_assert_eq!(machine_decimal(x, digits, rounding), expected, "{} to {}", x, n);
        }
    }
}

/// A figure that is surely not zero never prints as `0`: it gets the
/// decimals of its first two significant digits, or past twelve decimals
/// scientific form; one whose interval holds zero may be zero and stays `0`.
#[test]
fn a_tiny_figure_never_prints_as_zero() {
    let exact = |point: &str| {
        figure_of(
            point,
            Endpoint::Closed(d(point)),
            Endpoint::Closed(d(point)),
        )
    };
    let cases = [
        (exact("0.0000004"), None, "0.0000004"),
        (exact("-0.0000004"), None, "-0.0000004"),
        (exact("0.0000004"), Some(0), "0.0000004"),
        (exact("0.00000041666"), Some(3), "0.00000042"),
        (exact("0.00004"), Some(6), "0.000040"),
        (exact("0.0000000000000041666"), None, "4.2e-15"),
        (exact("-0.00000000000000000000000004"), None, "-4e-26"),
        (exact("0.00000000000009996"), None, "1e-13"),
        // With no decimals asked for, 0.4 gets one: never `0`.
        (exact("0.4"), Some(0), "0.4"),
        (exact("0.6"), Some(0), "1"),
    ];
    for (figure, precision, expected) in &cases {
        assert_eq!(
            figure_text(figure, *precision),
            *expected,
            "{:?}",
            figure.value
        );
    }
    // Noise around zero (the interval holds zero) is not a value to show.
    let noise = figure_of(
        "0.0000000000000000000000000001",
        Endpoint::Closed(d("-0.0000000000000000000000000001")),
        Endpoint::Closed(d("0.0000000000000000000000000003")),
    );
    assert_eq!(figure_text(&noise, None), "0");
    // Open at zero: surely above it.
    let above = figure_of(
        "0.00000001",
        Endpoint::Open(Decimal::ZERO),
        Endpoint::Closed(d("0.00000002")),
    );
    assert_ne!(figure_text(&above, Some(2)), "0.00");
}

fn figure_text(figure: &Figure, precision: Option<u32>) -> String {
    super::figure(figure, precision)
}

proptest::proptest! {
    /// A figure's number in integers reads as the general path writes it,
    /// for every scale, sign (zero's too) and number of decimals.
    #[test]
    fn numbers_in_integers_read_as_the_general_path(
        mantissa in proptest::prop_oneof![
            proptest::strategy::Strategy::prop_map(proptest::num::i64::ANY, i128::from),
            -100_000i128..100_000,
            proptest::num::i128::ANY,
        ],
        scale in 0u32..=28,
        decimals in 0u32..=16,
        negative_zero in proptest::bool::ANY,
    ) {
        let mantissa = mantissa % 79_228_162_514_264_337_593_543_950_335;
        let mut x = Decimal::from_i128_with_scale(mantissa, scale);
        if mantissa == 0 && negative_zero {
            x.set_sign_negative(true);
        }
        let mut general = String::new();
        push_number(&mut general, x, decimals);
        let mut fast = String::new();
        if fixed::push_rounded(&mut fast, x, decimals).is_some() {
            proptest::prop_assert_eq!(&fast, &general, "{:?} to {}", x, decimals);
        } else {
            proptest::prop_assert!(fast.is_empty());
        }
    }
}

/// The general text of a machine number: rounded as a `Decimal`, then
/// printed.
fn machine_general(x: Decimal, digits: Digits, rounding: Rounding) -> String {
    let mut general = String::new();
    push_plain(&mut general, machine_decimal(x, digits, rounding));
    general
}

#[test]
fn machine_numbers_in_integers_are_the_general_ones_at_the_edges() {
    for text in [
        "0",
        "-0",
        "-0.000",
        "9.99999999999999999",
        "-9.99999999999999999",
        "99999999999999.95",
        "0.0000000000000000000000000001",
        "-0.1000000000000000000000000000",
        "79228162514264337593543950335",
        "-7922816251426433759354395.0335",
        "18446744073709551615",
        "1844674407370955161.5",
        "12345678901234567890",
        "1.000000000000000000000000001",
        "100",
        "-2.50",
    ] {
        let x = d(text);
        for n in [1, 2, 14, 15, 16, 18, 19, 20, 28] {
            for rounding in [Rounding::Nearest, Rounding::Down, Rounding::Up] {
                let digits = Digits::Significant(n);
                let mut fast = String::new();
                push_machine(&mut fast, x, digits, rounding);
                let mut bytes = Vec::new();
                push_machine_bytes(&mut bytes, x, digits, rounding);
                let general = machine_general(x, digits, rounding);
                assert_eq!(fast, general, "{text} to {n}, {rounding:?}");
                assert_eq!(bytes, general.as_bytes(), "{text} to {n}, {rounding:?}");
            }
        }
    }
}

proptest::proptest! {
    /// A machine number cut and printed in integers is the text of the
    /// general path (a rounded `Decimal`, printed) wherever it answers, for
    /// mantissas of every width and every scale.
    #[test]
    fn machine_numbers_in_integers_are_the_general_ones(
        mantissa in proptest::num::u128::ANY,
        width in 0usize..=29,
        negative in proptest::bool::ANY,
        scale in 0u32..=28,
        n in 0u32..=30,
    ) {
        let magnitude = match POWERS_OF_TEN.get(width) {
            Some(&power) if width < 29 => mantissa % power,
            _ => mantissa % 79_228_162_514_264_337_593_543_950_336,
        };
        let magnitude = i128::try_from(magnitude).unwrap();
        let mantissa = if negative { -magnitude } else { magnitude };
        let x = Decimal::from_i128_with_scale(mantissa, scale);
        let x = if negative && magnitude == 0 { -x } else { x };
        for digits in [Digits::Significant(n), Digits::Exact] {
            for rounding in [Rounding::Nearest, Rounding::Down, Rounding::Up] {
                let general = machine_general(x, digits, rounding);
                if let Some(fast) = machine::Written::of(x, digits, rounding) {
                    proptest::prop_assert_eq!(fast.as_bytes(), general.as_bytes(), "{:?} to {:?}", x, digits);
                }
                let mut bytes = Vec::new();
                push_machine_bytes(&mut bytes, x, digits, rounding);
                proptest::prop_assert_eq!(bytes, general.as_bytes().to_vec());
            }
        }
    }
}

proptest::proptest! {
    /// Numbers with many trailing zeros (as a cut leaves them) and at the
    /// edges of a digit count are written as the general path writes them.
    #[test]
    fn machine_numbers_with_trailing_zeros_are_the_general_ones(
        digits in 1u32..=19,
        zeros in 0usize..=27,
        below in proptest::bool::ANY,
        negative in proptest::bool::ANY,
        scale in 0u32..=28,
        n in 1u32..=20,
    ) {
        // A mantissa of `digits` nines or a power of ten, times 10^zeros.
        let power = POWERS_OF_TEN[digits as usize];
        let base = if below { power - 1 } else { power / 10 };
        let magnitude = base.checked_mul(POWERS_OF_TEN[zeros]).filter(|m| *m < 1 << 96);
        let Some(magnitude) = magnitude else {
            return Ok(());
        };
        let magnitude = i128::try_from(magnitude).unwrap();
        let mantissa = if negative { -magnitude } else { magnitude };
        let x = Decimal::from_i128_with_scale(mantissa, scale);
        for rounding in [Rounding::Nearest, Rounding::Down, Rounding::Up] {
            let digits = Digits::Significant(n);
            let general = machine_general(x, digits, rounding);
            let mut bytes = b"x".to_vec();
            push_machine_bytes(&mut bytes, x, digits, rounding);
            proptest::prop_assert_eq!(&bytes[1..], general.as_bytes(), "{:?} to {:?}", x, digits);
        }
    }
}
