//! Unit tests of bounded values: the rust_decimal behaviour the soundness
//! policy relies on, and worked cases of every operation.

use super::rounding::{Approx, add_x, dec, div_x, exact_product, mul_x};
use super::*;
use std::error::Error;

type TestResult = Result<(), Box<dyn Error>>;

/// The decimals an interval justifies, counted in integers, are those
/// its width compared with 4·10^−d as decimals gives.
#[test]
fn justified_decimals_follow_the_width() -> TestResult {
    let by_comparison = |w: Decimal| (0..=12u32).rev().find(|d| w <= dec(4, *d)).or(Some(0));
    let mut state: u64 = 1;
    for n in 0..5000u32 {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let mantissa = i64::try_from(state >> (n % 60 + 4)).unwrap_or(1).max(1);
        let low = Decimal::from_i128_with_scale(i128::from(n), n % 5);
        let width = Decimal::from_i128_with_scale(i128::from(mantissa), n % 29);
        let b = Bounded::closed(low, low, low + width)?;
        let w = b.high().value().unwrap() - b.low().value().unwrap();
        if !w.is_zero() {
            assert_eq!(b.justified_decimals(), by_comparison(w), "{w}");
        }
    }
    for w in [
        "4",
        "4.0000000000001",
        "0.0004",
        "0.00040001",
        "0.000000000004",
        "1e-20",
        "40",
    ] {
        let w: Decimal = w.parse().or_else(|_| Decimal::from_scientific(w))?;
        let b = Bounded::closed(Decimal::ZERO, Decimal::ZERO, w)?;
        assert_eq!(b.justified_decimals(), by_comparison(w), "{w}");
    }
    Ok(())
}

/// Whether a quotient is exact is found as multiplying it back finds it.
#[test]
fn exact_products_are_what_mul_x_finds_exact() -> TestResult {
    let texts = [
        "0",
        "1",
        "-1",
        "3",
        "7",
        "0.5",
        "-2.5",
        "1.02367",
        "102.1",
        "1000000",
        "0.000000001",
        "79228162514264337593543950335",
        "-0.0000000000000000000000000001",
        "12345678901234.5678",
        "3.3333333333333333333333333333",
        "-7922816251426433759354395.0335",
        "4294967296",
        "18446744073709551616",
    ];
    let values: Vec<Decimal> = texts.iter().map(|t| d(t)).collect::<Result<_, _>>()?;
    for &a in &values {
        for &b in &values {
            let by_mul = match mul_x(a, b) {
                Ok(Approx { value, exact: true }) => Some(value),
                _ => None,
            };
            let fast = exact_product(a, b);
            assert_eq!(
                fast.map(|v| v.serialize()),
                by_mul.map(|v| v.serialize()),
                "{a} × {b}"
            );
            if b.is_zero() {
                continue;
            }
            // And so the quotient's exactness.
            let Some(q) = a.checked_div(b) else {
                assert!(div_x(a, b).is_err());
                continue;
            };
            let slow = a.is_zero()
                || matches!(mul_x(q, b), Ok(Approx { value: back, exact: true }) if back == a);
            assert_eq!(div_x(a, b)?.exact, slow, "{a} / {b}");
        }
    }
    Ok(())
}

/// The shortcut for exact products gives what the corners give, to the
/// bit (scale and sign of zero included).
#[test]
fn exact_scaling_is_the_general_product() -> TestResult {
    let bits = |b: &Bounded| {
        let end = |e: Endpoint| match e {
            Endpoint::Unbounded => (0, [0; 16]),
            Endpoint::Closed(v) => (1, v.serialize()),
            Endpoint::Open(v) => (2, v.serialize()),
        };
        (b.point.serialize(), end(b.low), end(b.high))
    };
    let factors = [
        "0.000000001",
        "1000000",
        "0.0001",
        "100",
        "1",
        "12",
        "0.5",
        "7.2",
        "100000000",
        "0.000000000001",
    ];
    let values = [
        "0",
        "-0.000",
        "30",
        "102.1",
        "-17.3",
        "0.0000000000000000000001",
        "1.02367",
        "79228162514264337593543950335",
        "-7922816251426433759354395.0335",
        "12.500",
    ];
    let mut checked = 0;
    for factor in factors {
        let factor = d(factor)?;
        for (i, low) in values.iter().enumerate() {
            for high in values.iter().skip(i) {
                let (low, high) = (d(low)?, d(high)?);
                let (low, high) = (low.min(high), low.max(high));
                for (lo, hi) in [
                    (Endpoint::Closed(low), Endpoint::Closed(high)),
                    (Endpoint::Open(low), Endpoint::Unbounded),
                    (Endpoint::Unbounded, Endpoint::Closed(high)),
                    (Endpoint::Closed(low), Endpoint::Open(high)),
                ] {
                    let point = if hi == Endpoint::Unbounded { low } else { high };
                    let Ok(b) = Bounded::new(point, lo, hi) else {
                        continue;
                    };
                    let general = b.product_by_corners(&Bounded::exact(factor));
                    if let Some(fast) = b.exactly_scaled(factor) {
                        assert_eq!(bits(&fast), bits(&general?), "{b} × {factor}");
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 500, "{checked}");
    Ok(())
}

fn d(s: &str) -> Result<Decimal, Box<dyn Error>> {
    Ok(Decimal::from_str_exact(s)?)
}

/// Parses `"[1, 2]"`, `"(30, inf)"`, `"(-inf, 0.5]"`, optionally followed by
/// `" @ point"` (default: the low end, else the high end, else 0).
fn iv(s: &str) -> Result<Bounded, Box<dyn Error>> {
    let (body, point) = match s.split_once(" @ ") {
        Some((b, p)) => (b, Some(d(p)?)),
        None => (s, None),
    };
    let body = body.trim();
    let (l, h) = body.split_once(',').ok_or("no comma")?;
    let (l, h) = (l.trim(), h.trim());
    let low = if l.contains("inf") {
        Endpoint::Unbounded
    } else if let Some(v) = l.strip_prefix('[') {
        Endpoint::Closed(d(v)?)
    } else {
        Endpoint::Open(d(l.strip_prefix('(').ok_or("bad low")?)?)
    };
    let high = if h.contains("inf") {
        Endpoint::Unbounded
    } else if let Some(v) = h.strip_suffix(']') {
        Endpoint::Closed(d(v)?)
    } else {
        Endpoint::Open(d(h.strip_suffix(')').ok_or("bad high")?)?)
    };
    let point = point
        .or(low.value())
        .or(high.value())
        .unwrap_or(Decimal::ZERO);
    Ok(Bounded::new(point, low, high)?)
}

fn same_ends(a: &Bounded, b: &Bounded) -> bool {
    a.low() == b.low() && a.high() == b.high()
}

#[test]
fn experiment_rust_decimal_rounding() -> TestResult {
    // The observations the exactness checks rely on.
    let third = Decimal::ONE.checked_div(d("3")?).ok_or("div")?;
    assert_eq!(third.scale(), 28);
    assert!(!div_x(Decimal::ONE, d("3")?)?.exact);
    assert!(div_x(d("30")?, d("3")?)?.exact);
    assert!(div_x(d("0.2")?, d("0.5")?)?.exact);
    let p = mul_x(d("8.971")?, d("4")?)?;
    assert!(p.exact && p.value == d("35.884")?);
    // Products that need more than 28 digits come back with a smaller scale.
    let big = mul_x(
        d("12345678901234.5678901234567")?,
        d("98765432109876.543210987654")?,
    )?;
    assert!(!big.exact && big.value.scale() == 1);
    assert!(!mul_x(Decimal::MAX, d("0.5")?)?.exact);
    assert!(!mul_x(d("0.0000000000000000000000000001")?, d("0.5")?)?.exact);
    // Underflow to zero, scale 0.
    assert!(
        !mul_x(
            d("1e-28").or(d("0.0000000000000000000000000001"))?,
            d("0.0000000000000000000000000003")?
        )?
        .exact
    );
    // A sum that needs more digits is rounded and loses scale.
    assert!(!add_x(Decimal::MAX, d("-0.3")?)?.exact);
    assert!(add_x(d("1000000000000000000000000000")?, d("0.1")?)?.exact);
    // Zero operands short-cut (the scale is not the maximum).
    assert!(add_x(d("0.00")?, d("5")?)?.exact && mul_x(d("0.0")?, d("3.25")?)?.exact);
    Ok(())
}

#[test]
fn construction() -> TestResult {
    assert!(Bounded::closed(d("1")?, d("2")?, d("1")?).is_err());
    assert!(Bounded::closed(d("3")?, d("1")?, d("2")?).is_err());
    assert!(Bounded::new(d("1")?, Endpoint::Open(d("1")?), Endpoint::Closed(d("1")?)).is_err());
    let more = Bounded::new(d("30")?, Endpoint::Open(d("30")?), Endpoint::Unbounded)?;
    assert_eq!(more.point(), d("30")?);
    assert!(!more.contains(d("30")?) && more.contains(d("30.0001")?));
    assert!(more.is_positive() && !more.is_negative() && !more.contains_zero());
    assert_eq!(more.width(), None);
    assert!(Bounded::exact(d("5")?).is_exact());
    assert!(!iv("[4.5, 5.5] @ 5")?.is_exact());
    assert_eq!(iv("[4.5, 5.5] @ 5")?.width(), Some(d("1")?));
    assert_eq!(
        Bounded::closed(Decimal::ZERO, Decimal::MIN, Decimal::MAX)?.width(),
        None
    );
    assert_eq!(format!("{more}"), "30 (30, ∞)");
    assert_eq!(format!("{}", iv("(-inf, 2] @ 1")?), "1 (-∞, 2]");
    assert!(iv("(0, 1]")?.is_positive() && iv("[-1, 0)")?.is_negative());
    assert!(!iv("[0, 1]")?.is_positive() && iv("[0, 1]")?.contains_zero());
    Ok(())
}

#[test]
fn addition_and_subtraction() -> TestResult {
    let cases = [
        ("[1, 2]", "(3, inf)", "(4, inf)", "(-inf, -1)"),
        ("(-inf, 1]", "[2, 2]", "(-inf, 3]", "(-inf, -1]"),
        ("[1, 2]", "[0.5, 1]", "[1.5, 3]", "[0, 1.5]"),
        ("(-inf, inf)", "[1, 1]", "(-inf, inf)", "(-inf, inf)"),
        ("[-3, -1)", "(-2, 5]", "(-5, 4)", "[-8, 1)"),
        (
            "[1000000000000000000000000000, 1000000000000000000000000000]",
            "[0.1, 0.1]",
            "[1000000000000000000000000000.1, 1000000000000000000000000000.1]",
            "[999999999999999999999999999.9, 999999999999999999999999999.9]",
        ),
    ];
    for (a, b, sum, diff) in cases {
        let (a, b) = (iv(a)?, iv(b)?);
        assert!(same_ends(&a.checked_add(&b)?, &iv(sum)?), "{a} + {b}");
        assert!(same_ends(&b.checked_add(&a)?, &iv(sum)?), "{b} + {a}");
        assert!(same_ends(&a.checked_sub(&b)?, &iv(diff)?), "{a} - {b}");
        assert!(
            same_ends(&b.checked_sub(&a)?, &iv(diff)?.neg()),
            "{b} - {a}"
        );
    }
    let max = Bounded::exact(Decimal::MAX);
    assert_eq!(
        max.checked_add(&Bounded::exact(Decimal::ONE)),
        Err(ArithError::Overflow)
    );
    assert_eq!(
        max.checked_add(&Bounded::exact(d("0.3")?)),
        Err(ArithError::Overflow)
    );
    assert_eq!(
        max.neg().checked_sub(&Bounded::exact(Decimal::ONE)),
        Err(ArithError::Overflow)
    );
    // A rounded sum at the top of the range cannot be widened: overflow.
    assert_eq!(
        max.checked_add(&Bounded::exact(d("-0.3")?)),
        Err(ArithError::Overflow)
    );
    // Rounded sum: widened outward by a unit.
    let e28 = Bounded::exact(d("10000000000000000000000000000")?);
    let s = e28.checked_add(&Bounded::exact(d("0.3")?))?;
    assert_eq!(
        s.low(),
        Endpoint::Closed(d("9999999999999999999999999999")?)
    );
    assert_eq!(
        s.high(),
        Endpoint::Closed(d("10000000000000000000000000001")?)
    );
    assert_eq!(s.point(), d("10000000000000000000000000000")?);
    let exact = Bounded::exact(d("1.25")?).checked_add(&Bounded::exact(d("-0.25")?))?;
    assert!(exact.is_exact() && exact.point() == Decimal::ONE);
    Ok(())
}

#[test]
fn multiplication() -> TestResult {
    let cases = [
        ("[2, 3]", "[4, 5]", "[8, 15]"),
        ("[-2, 3]", "[4, 5]", "[-10, 15]"),
        ("[-2, 3]", "[-4, 5]", "[-12, 15]"),
        ("(30, inf)", "[2, 3]", "(60, inf)"),
        ("[0, 1]", "[1, inf)", "[0, inf)"),
        ("(0, 1]", "[1, inf)", "(0, inf)"),
        ("[-1, 0)", "[1, inf)", "(-inf, 0)"),
        ("(-inf, inf)", "[0, 0]", "[0, 0]"),
        ("(-inf, 2]", "[3, 3]", "(-inf, 6]"),
        ("(-inf, 2]", "[-3, -3]", "[-6, inf)"),
        ("(-inf, -1]", "(-inf, -1]", "[1, inf)"),
        ("(-inf, -1]", "[1, inf)", "(-inf, -1]"),
        ("[-1, 1)", "[2, 2]", "[-2, 2)"),
        ("(-1, 1)", "(-1, 1)", "(-1, 1)"),
        ("[-1, 1)", "[-1, 1)", "(-1, 1]"),
        ("(0, 1]", "[0, 0]", "[0, 0]"),
        ("(0, 1]", "(0, 1]", "(0, 1]"),
        ("[0, 2]", "(-inf, inf)", "(-inf, inf)"),
        ("[8.971, 8.971]", "[4, 4]", "[35.884, 35.884]"),
    ];
    for (a, b, want) in cases {
        let (a, b, want) = (iv(a)?, iv(b)?, iv(want)?);
        let r = a.checked_mul(&b)?;
        assert!(same_ends(&r, &want), "{a} × {b} = {r}, want {want}");
        let r = b.checked_mul(&a)?;
        assert!(same_ends(&r, &want), "{b} × {a} = {r}, want {want}");
    }
    let p = Bounded::exact(d("8.971")?).checked_mul(&Bounded::exact(d("4")?))?;
    assert_eq!(p, Bounded::exact(d("35.884")?));
    let max = Bounded::exact(Decimal::MAX);
    assert_eq!(
        max.checked_mul(&Bounded::exact(Decimal::TWO)),
        Err(ArithError::Overflow)
    );
    assert_eq!(max.checked_scale(d("-1.5")?), Err(ArithError::Overflow));
    let half = max.checked_scale(d("0.5")?)?;
    assert_eq!(
        half.low(),
        Endpoint::Closed(d("39614081257132168796771975167")?)
    );
    assert_eq!(
        half.high(),
        Endpoint::Closed(d("39614081257132168796771975169")?)
    );
    // Underflow: 1e-28 × 1e-28 is not zero.
    let tiny = Bounded::exact(d("0.0000000000000000000000000001")?);
    let t = tiny.checked_mul(&tiny)?;
    assert!(
        !t.is_exact()
            && t.is_inside(&iv(
                "[-0.0000000000000000000000000001, 0.0000000000000000000000000001]"
            )?)
    );
    assert!(t.low().value() < Some(Decimal::ZERO) && t.high().value() > Some(Decimal::ZERO));
    Ok(())
}

#[test]
fn division() -> TestResult {
    let cases = [
        ("[30, 30]", "[3, 3]", "[10, 10]"),
        ("[1, 2]", "(10, inf)", "(0, 0.2)"),
        ("[1, 2]", "[10, inf)", "(0, 0.2]"),
        ("[1, 2]", "(0, 1] @ 1", "[1, inf)"),
        ("[-1, 2]", "(0, 1] @ 1", "(-inf, inf)"),
        ("[0, 2]", "(0, 1] @ 1", "[0, inf)"),
        ("(0, 2]", "(0, 1] @ 1", "(0, inf)"),
        ("[1, 2]", "(-inf, -1]", "[-2, 0)"),
        ("[1, inf)", "[1, inf)", "(0, inf)"),
        ("[1, inf)", "(-inf, -1]", "(-inf, 0)"),
        ("[-4, -2]", "[2, 4]", "[-2, -0.5]"),
        ("[-4, 2)", "[2, 4]", "[-2, 1)"),
        ("(-inf, inf)", "[2, 4]", "(-inf, inf)"),
        ("[0, 0]", "(-inf, -1]", "[0, 0]"),
        ("[0.2, 0.2]", "[0.5, 0.5]", "[0.4, 0.4]"),
    ];
    for (a, b, want) in cases {
        let (a, b, want) = (iv(a)?, iv(b)?, iv(want)?);
        let r = a.checked_div(&b)?;
        assert!(same_ends(&r, &want), "{a} / {b} = {r}, want {want}");
    }
    assert_eq!(
        Bounded::exact(d("30")?).checked_div(&Bounded::exact(d("3")?))?,
        Bounded::exact(d("10")?)
    );
    for zero in [
        "[0, 1]",
        "[-1, 1]",
        "[0, 0]",
        "(-inf, 0]",
        "(-inf, inf)",
        "(0, 1] @ 0",
        "[-1, 0) @ 0",
    ] {
        let z = iv(zero)?;
        assert_eq!(
            iv("[1, 2]")?.checked_div(&z),
            Err(ArithError::DivisionByZero),
            "{z}"
        );
        assert_eq!(
            iv("[0, 0]")?.checked_div(&z),
            Err(ArithError::DivisionByZero),
            "{z}"
        );
    }
    // 1/3 is not exact: the interval brackets it by one unit either side.
    let third = Bounded::exact(Decimal::ONE).checked_div(&Bounded::exact(d("3")?))?;
    assert!(!third.is_exact());
    assert_eq!(
        third.low(),
        Endpoint::Closed(d("0.3333333333333333333333333332")?)
    );
    assert_eq!(
        third.high(),
        Endpoint::Closed(d("0.3333333333333333333333333334")?)
    );
    let back = third.checked_scale(d("3")?)?;
    assert!(back.contains(Decimal::ONE));
    assert_eq!(
        Bounded::exact(Decimal::MAX).checked_div(&Bounded::exact(d("0.5")?)),
        Err(ArithError::Overflow)
    );
    Ok(())
}

#[test]
fn negation() -> TestResult {
    assert!(same_ends(&iv("(30, inf)")?.neg(), &iv("(-inf, -30)")?));
    assert!(same_ends(&iv("[-1, 2)")?.neg(), &iv("(-2, 1]")?));
    assert_eq!(
        Bounded::exact(Decimal::MIN).neg(),
        Bounded::exact(Decimal::MAX)
    );
    Ok(())
}

#[test]
fn set_relations() -> TestResult {
    let cases = [
        // a, b, disjoint
        ("(30, inf)", "(-inf, 30]", true),
        ("[30, inf)", "(-inf, 30]", false),
        ("[30, inf)", "(-inf, 30)", true),
        ("[1, 2]", "[3, 4]", true),
        ("[1, 3]", "[2, 4]", false),
        ("(-inf, inf)", "[5, 5]", false),
        ("(1, 2)", "(1, 2)", false),
        ("[1, 1]", "(1, 2)", true),
    ];
    for (a, b, disjoint) in cases {
        let (a, b) = (iv(a)?, iv(b)?);
        assert_eq!(a.is_disjoint(&b), disjoint, "{a} {b}");
        assert_eq!(b.is_disjoint(&a), disjoint, "{b} {a}");
        assert_eq!(a.overlaps(&b), !disjoint);
        assert_eq!(a.intersect(&b).is_none(), disjoint);
    }
    assert!(iv("(1, 2)")?.is_inside(&iv("[1, 2]")?));
    assert!(!iv("[1, 2]")?.is_inside(&iv("(1, 2]")?));
    assert!(iv("[1, 2]")?.is_inside(&iv("(-inf, 2]")?));
    assert!(!iv("(-inf, 2]")?.is_inside(&iv("[1, 2]")?));
    assert!(iv("(30, inf)")?.is_inside(&iv("[30, inf)")?));
    // A whole is never below its part.
    let whole = iv("[40, 60] @ 50")?;
    let w = whole.at_least(Endpoint::Closed(d("55")?)).ok_or("empty")?;
    assert_eq!(w, Bounded::closed(d("55")?, d("55")?, d("60")?)?);
    let w = whole.at_least(Endpoint::Open(d("45")?)).ok_or("empty")?;
    assert_eq!(
        (w.point(), w.low(), w.high()),
        (
            d("50")?,
            Endpoint::Open(d("45")?),
            Endpoint::Closed(d("60")?)
        )
    );
    assert_eq!(whole.at_least(Endpoint::Open(d("60")?)), None);
    assert_eq!(whole.at_least(Endpoint::Unbounded), Some(whole));
    let i = iv("(-inf, 10) @ 3")?
        .intersect(&iv("[5, inf) @ 7")?)
        .ok_or("empty")?;
    assert_eq!(
        (i.point(), i.low(), i.high()),
        (d("5")?, Endpoint::Closed(d("5")?), Endpoint::Open(d("10")?))
    );
    Ok(())
}

#[test]
fn justified_decimals_rule() -> TestResult {
    let cases = [
        ("[1023.665, 1023.675] @ 1023.67", Some(2)),
        ("[9.9690, 9.9788] @ 9.97", Some(2)),
        ("[125.2, 126.9] @ 126", Some(0)),
        ("[358.82, 358.86] @ 358.84", Some(2)),
        ("[102.05, 102.15] @ 102.1", Some(1)),
        ("[29.5, 30.5] @ 30", Some(0)),
        ("[1.023665, 1.023675] @ 1.02367", Some(5)),
        ("[10, 1000] @ 100", Some(0)),
        ("[1, 1.0000000000000000001] @ 1", Some(12)),
        ("[5, 5]", None),
        ("(30, inf)", None),
        ("(-inf, 30]", None),
    ];
    for (b, want) in cases {
        assert_eq!(iv(b)?.justified_decimals(), want, "{b}");
    }
    assert_eq!(
        Bounded::closed(Decimal::ZERO, Decimal::MIN, Decimal::MAX)?.justified_decimals(),
        Some(0)
    );
    Ok(())
}

/// `|got − want| ≤ tol`.
fn close(got: Decimal, want: &str, tol: &str) -> Result<bool, Box<dyn Error>> {
    let diff = got.checked_sub(d(want)?).ok_or("overflow")?;
    Ok(diff.abs() <= d(tol)?)
}

#[test]
fn math_accuracy() -> TestResult {
    let t = "0.000000000000000000000001"; // 1e-24
    let ln_cases = [
        ("2", "0.6931471805599453094172321215"),
        ("10", "2.302585092994045684017991455"),
        ("0.5", "-0.6931471805599453094172321215"),
        (
            "79228162514264337593543950335",
            "66.54212933375474970405428366",
        ),
        (
            "0.0000000000000000000000000001",
            "-64.47238260383327915250376073",
        ),
        ("1.0000001", "0.0000000999999950000003333333"),
        ("0.9999999", "-0.0000001000000050000003333334"),
        ("123456.789", "11.72364648718588098113995898"),
    ];
    for (x, want) in ln_cases {
        let got = math::ln(d(x)?).ok_or("ln")?;
        assert!(close(got, want, t)?, "ln {x} = {got}");
        let b = Bounded::exact(d(x)?).checked_ln()?;
        assert!(b.contains(d(want)?), "ln {x}: {b}");
    }
    assert_eq!(math::ln(Decimal::ZERO), None);
    assert_eq!(math::ln(d("-1")?), None);
    let exp_cases = [
        ("1", "2.718281828459045235360287471"),
        ("-1.234", "0.2911257425960852098969446048"),
        ("12.5", "268337.2865208744569564796738"),
        ("-60", "0.0000000000000000000000000088"),
        ("66", "46071866343312915426773184428"),
    ];
    for (x, want) in exp_cases {
        let got = math::exp(d(x)?).ok_or("exp")?;
        let want_d = d(want)?;
        let tol = (want_d.abs() * d("0.000000000000000000000001")?)
            .max(d("0.000000000000000000000000001")?);
        assert!(close(got, want, &tol.to_string())?, "exp {x} = {got}");
    }
    assert_eq!(math::exp(d("67")?), None);
    assert_eq!(math::exp(d("-70")?), Some(Decimal::ZERO));
    let sixth = Decimal::ONE.checked_div(d("6")?).ok_or("div")?;
    let ten_sixth = math::powd(d("10")?, sixth).ok_or("powd")?;
    assert!(close(ten_sixth, "1.467799267622069540920517115", t)?);
    let r = math::powd(d("2")?, d("-0.75")?).ok_or("powd")?;
    assert!(close(r, "0.5946035575013605333587499853", t)?);
    let r = math::root(d("30")?, d("2.5")?).ok_or("root")?;
    assert!(close(r, "3.898059840916189148234399756", t)?);
    assert_eq!(math::root(d("27")?, d("3")?), Some(d("3")?));
    assert_eq!(math::powd(Decimal::ZERO, d("0.5")?), Some(Decimal::ZERO));
    assert_eq!(math::powd(d("-1")?, d("0.5")?), None);
    Ok(())
}

#[test]
fn growth_rates() -> TestResult {
    let one = Bounded::exact(Decimal::ONE);
    // (30/10)^(1/6) − 1: 20.09% a month.
    let m = Bounded::exact(d("30")?).checked_div(&Bounded::exact(d("10")?))?;
    let g = m.checked_root(d("6")?)?.checked_sub(&one)?;
    assert!(g.contains(d("0.2009369551760027266754653873")?), "{g}");
    assert!(close(
        g.point(),
        "0.2009369551760027266754653873",
        "0.000000000000000000000001"
    )?);
    assert_eq!(g.justified_decimals(), Some(12));
    // √3 − 1: 73.21% a quarter.
    let q = Bounded::exact(d("3")?)
        .checked_root(Decimal::TWO)?
        .checked_sub(&one)?;
    assert!(q.contains(d("0.7320508075688772935274463415")?), "{q}");
    // 10^(1/6) − 1: 46.78% a month.
    let t = Bounded::exact(d("10")?)
        .checked_root(d("6")?)?
        .checked_sub(&one)?;
    assert!(t.contains(d("0.4677992676220695409205171148")?), "{t}");
    // Doubling time at tripling in six months: 6·ln 2/ln 3.
    let ln2 = Bounded::exact(Decimal::TWO).checked_ln()?;
    let ln3 = Bounded::exact(d("3")?).checked_ln()?;
    let dt = ln2.checked_div(&ln3)?.checked_scale(d("6")?)?;
    assert!(dt.contains(d("3.785578521428744622597162686")?), "{dt}");
    // "At least 10 in June, 30 in December": at most 20.09% a month.
    let start = Bounded::new(d("10")?, Endpoint::Closed(d("10")?), Endpoint::Unbounded)?;
    let end = Bounded::exact(d("30")?);
    let g = end
        .checked_div(&start)?
        .checked_root(d("6")?)?
        .checked_sub(&one)?;
    assert_eq!(g.low(), Endpoint::Open(d("-1")?));
    assert!(
        g.high()
            .value()
            .is_some_and(|h| h > d("0.2009369551").unwrap_or_default()
                && h < d("0.2009369552").unwrap_or_default())
    );
    assert!(!g.high().is_open());
    // "More than 10 times in six months": more than 46.78% a month.
    let more = Bounded::new(d("10")?, Endpoint::Open(d("10")?), Endpoint::Unbounded)?;
    let g = more.checked_root(d("6")?)?.checked_sub(&one)?;
    assert!(g.low().is_open() && g.high() == Endpoint::Unbounded);
    assert!(
        g.low()
            .value()
            .is_some_and(|l| l > d("0.4677992676").unwrap_or_default())
    );
    Ok(())
}

#[test]
fn powers_roots_logs() -> TestResult {
    let sq = Bounded::exact(d("1.5")?).checked_powd(Decimal::TWO)?;
    assert_eq!(sq, Bounded::exact(d("2.25")?));
    assert_eq!(
        Bounded::exact(d("2")?).checked_powd(d("-2")?)?,
        Bounded::exact(d("0.25")?)
    );
    assert_eq!(
        Bounded::exact(d("2.25")?).checked_root(Decimal::TWO)?,
        Bounded::exact(d("1.5")?)
    );
    assert_eq!(
        Bounded::exact(d("0.25")?).checked_powd(d("0.5")?)?,
        Bounded::exact(d("0.5")?)
    );
    assert_eq!(
        Bounded::exact(d("4")?).checked_powd(d("-0.5")?)?,
        Bounded::exact(d("0.5")?)
    );
    assert_eq!(
        Bounded::exact(d("7.3")?).checked_powd(Decimal::ZERO)?,
        Bounded::exact(Decimal::ONE)
    );
    assert_eq!(
        Bounded::exact(d("7.3")?).checked_root(Decimal::ONE)?,
        Bounded::exact(d("7.3")?)
    );
    assert_eq!(
        Bounded::exact(Decimal::ONE).checked_powd(d("0.37")?)?,
        Bounded::exact(Decimal::ONE)
    );
    let cases = [
        // interval, exponent, result shape
        ("(0, 4] @ 1", "0.5", "(0, 2]"),
        ("(0, 4] @ 1", "-0.5", "[0.5, inf)"),
        ("(0, 4] @ 1", "2", "(0, 16]"),
        ("(0, 4] @ 1", "-3", "[0.015625, inf)"),
        ("(0, 4] @ 1", "0.3", "(0, 2]"),
        ("(0, 4] @ 1", "-0.3", "[0.5, inf)"),
        ("[4, inf)", "0.5", "[2, inf)"),
        ("[4, inf)", "-0.5", "(0, 0.5]"),
        ("(4, 9)", "0.5", "(2, 3)"),
        ("(4, 9)", "-2", "(0.012345679012345679012345679, 0.0625)"),
    ];
    for (b, y, want) in cases {
        let r = iv(b)?.checked_powd(d(y)?)?;
        let want = iv(want)?;
        assert_eq!(r.low().is_open(), want.low().is_open(), "{b}^{y} = {r}");
        assert_eq!(r.high().is_open(), want.high().is_open(), "{b}^{y} = {r}");
        assert_eq!(
            r.low().value().is_none(),
            want.low().value().is_none(),
            "{b}^{y} = {r}"
        );
        assert_eq!(
            r.high().value().is_none(),
            want.high().value().is_none(),
            "{b}^{y} = {r}"
        );
    }
    let r = iv("(4, 9)")?.checked_powd(d("-2")?)?;
    assert!(r.contains(d("0.0123456790123456790123456791")?) && r.contains(d("0.0624999")?));
    let ln = iv("(0, 1] @ 0.5")?.checked_ln()?;
    assert!(same_ends(&ln, &iv("(-inf, 0]")?));
    let ln = iv("(1, inf)")?.checked_ln()?;
    assert!(same_ends(&ln, &iv("(0, inf)")?));
    let domain = ["[0, 1]", "[-1, 1]", "(-inf, 5]", "(0, 1] @ 0", "[-2, -1]"];
    for b in domain {
        let b = iv(b)?;
        assert!(matches!(b.checked_ln(), Err(ArithError::Domain(_))), "{b}");
        assert!(
            matches!(b.checked_powd(d("0.5")?), Err(ArithError::Domain(_))),
            "{b}"
        );
        assert!(
            matches!(b.checked_root(d("3")?), Err(ArithError::Domain(_))),
            "{b}"
        );
    }
    assert!(matches!(
        iv("[1, 2]")?.checked_root(Decimal::ZERO),
        Err(ArithError::Domain(_))
    ));
    assert!(matches!(
        iv("[1, 2]")?.checked_root(d("-2")?),
        Err(ArithError::Domain(_))
    ));
    assert_eq!(
        Bounded::exact(d("1000")?).checked_powd(d("10.5")?),
        Err(ArithError::Overflow)
    );
    assert_eq!(
        Bounded::exact(Decimal::MAX).checked_powd(d("2")?),
        Err(ArithError::Overflow)
    );
    let tiny = Bounded::exact(d("1000")?).checked_powd(d("-10.5")?)?;
    assert_eq!(tiny.low(), Endpoint::Open(Decimal::ZERO));
    assert!(!tiny.contains(Decimal::ZERO));
    let near_max = Bounded::exact(Decimal::MAX).checked_root(d("2")?)?;
    assert!(near_max.contains(d("281474976710655.99999999999999")?));
    let l = Bounded::exact(Decimal::MAX).checked_ln()?;
    assert!(l.contains(d("66.54212933375474970405428366")?));
    Ok(())
}
