//! The quotient on integers is, bit for bit, `Decimal::checked_div`'s.

use proptest::prelude::*;

use super::*;
use crate::bounded::rounding::props::{bits, same};
use crate::bounded::rounding::{div_by_decimal, div_x, exact_product};

/// Any decimal ([`crate::bounded::rounding::props::any_decimal`]: every
/// scale and sign, mantissas of any width, quotients of 28 digits), and the
/// kinds of values divided here (stated figures, small mantissas, powers of
/// two and five, whose quotients end or tie).
fn any_decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        crate::bounded::rounding::props::any_decimal(),
        (any::<u32>(), any::<bool>(), 0u32..=28)
            .prop_map(|(lo, neg, scale)| Decimal::from_parts(lo, 0, 0, neg, scale)),
        (-1_000_000i64..=1_000_000, 0u32..=6).prop_map(|(m, scale)| Decimal::new(m, scale)),
        (0u32..=60, 0u32..=30, any::<bool>(), 0u32..=28).prop_map(|(two, five, neg, scale)| {
            let m = 2u128.pow(two.min(96)).saturating_mul(5u128.pow(five));
            let m = if m >> 96 == 0 { m } else { 1 };
            from_magnitude(m, neg, scale)
        }),
    ]
}

/// `a / b` both ways, and `div_x` both ways.
fn check(a: Decimal, b: Decimal) -> Result<(), TestCaseError> {
    let fast = quotient(a, b);
    prop_assert_eq!(
        fast.map(|q| bits(q.value)),
        a.checked_div(b).map(bits),
        "{} / {}",
        a,
        b
    );
    if let Some(q) = fast {
        // Not rounded: the exact quotient, so its product with the divisor,
        // where it is found, is the dividend.
        if let Some(product) = exact_product(q.value, b) {
            prop_assert_eq!(product == a, !q.rounded, "{} / {}", a, b);
        }
    }
    if !b.is_zero() {
        prop_assert!(same(div_x(a, b), div_by_decimal(a, b)), "{} / {}", a, b);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(50_000))]

    #[test]
    fn quotient_is_decimal_division(a in any_decimal(), b in any_decimal()) {
        check(a, b)?;
        check(b, a)?;
    }

    /// Dividends made from a divisor and a quotient: exact quotients, and
    /// those half a unit off (ties) or a unit off, at every scale.
    #[test]
    fn made_quotients_are_decimal_division(
        b in any_decimal(),
        q in any_decimal(),
        k in 0u32..=28,
    ) {
        made(b, q, k)?;
    }
}

/// The dividend `b * q` over `b`, with its neighbours half a unit of the
/// `k`th place off (times `b`) and the dividend rescaled by `k` places.
fn made(b: Decimal, q: Decimal, k: u32) -> Result<(), TestCaseError> {
    let Some(a) = b.checked_mul(q) else {
        return Ok(());
    };
    check(a, b)?;
    let mut step = Decimal::new(5, k.min(28));
    step = step.checked_mul(b).unwrap_or(step);
    for near in [a.checked_add(step), a.checked_sub(step)]
        .into_iter()
        .flatten()
    {
        check(near, b)?;
    }
    let mut c = a;
    c.rescale(a.scale().saturating_add(k).min(28));
    check(c, b)
}

#[test]
fn a_quotient_whose_first_scale_is_below_zero_is_decimal_division() {
    let b: Decimal = "-143591738.9259337097".parse().unwrap();
    let q: Decimal = "55175989306133513718".parse().unwrap();
    made(b, q, 0).unwrap();
}

#[test]
fn edges_are_decimal_division() {
    let max = Decimal::MAX;
    let tiny = Decimal::new(1, 28);
    let values = [
        max,
        -max,
        tiny,
        -tiny,
        Decimal::ONE,
        Decimal::TWO,
        Decimal::TEN,
        Decimal::new(3, 0),
        Decimal::new(7, 28),
        Decimal::new(5, 1),
        Decimal::new(15, 1),
        Decimal::from_i128_with_scale(79_228_162_514_264_337_593_543_950_335, 28),
        Decimal::from_i128_with_scale(79_228_162_514_264_337_593_543_950_334, 0),
        Decimal::from_i128_with_scale(39_614_081_257_132_168_796_771_975_168, 0),
        Decimal::from_i128_with_scale(10_000_000_000_000_000_000_000_000_000, 28),
        Decimal::from_i128_with_scale(4_294_967_296, 0),
        Decimal::from_i128_with_scale(18_446_744_073_709_551_616, 5),
        Decimal::from_i128_with_scale(18_446_744_073_709_551_615, 9),
    ];
    for a in values {
        for b in values {
            for (x, y) in [(a, b), (a, -b), (-a, b)] {
                assert_eq!(
                    quotient(x, y).map(|q| bits(q.value)),
                    x.checked_div(y).map(bits),
                    "{x} / {y}"
                );
            }
        }
    }
}

/// Quotients at the top of 96 bits: a digit appended past `2^96` and
/// dropped again, a rounding up to `2^96`.
#[test]
fn quotients_near_the_top_are_decimal_division() {
    let top: u128 = (1 << 96) - 1;
    let dividends = (top - 60..=top).chain((1u128 << 95) - 60..(1 << 95) + 60);
    for m in dividends {
        for d in 1u128..=12 {
            for (sa, sb) in [(0, 0), (1, 0), (0, 1), (28, 28), (28, 27), (5, 9)] {
                let (a, b) = (from_magnitude(m, false, sa), from_magnitude(d, true, sb));
                assert_eq!(
                    quotient(a, b).map(|q| bits(q.value)),
                    a.checked_div(b).map(bits),
                    "{a} / {b}"
                );
            }
        }
    }
}
