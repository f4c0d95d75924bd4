//! The shortcuts of the elementary operations give, bit for bit, what the
//! general methods through `Decimal` give.

use proptest::prelude::*;

use super::*;

/// Any decimal: every scale and sign, mantissas of up to 96 bits.
pub(in crate::bounded) fn any_decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (
            any::<u32>(),
            any::<u32>(),
            any::<u32>(),
            any::<bool>(),
            0u32..=28
        )
            .prop_map(|(lo, mid, hi, neg, scale)| Decimal::from_parts(lo, mid, hi, neg, scale)),
        (
            any::<u32>(),
            any::<u32>(),
            0u32..=3,
            any::<bool>(),
            0u32..=28
        )
            .prop_map(|(lo, mid, hi, neg, scale)| Decimal::from_parts(lo, mid, hi, neg, scale)),
        (any::<i64>(), 0u32..=28).prop_map(|(m, scale)| Decimal::new(m, scale)),
        (-3i64..=3, 0u32..=28).prop_map(|(m, scale)| Decimal::new(m, scale)),
        // A quotient of 28 digits, as percents are made of.
        (any::<i64>(), 1i64..=i64::MAX).prop_filter_map("zero divisor", |(a, b)| {
            Decimal::new(a, 2).checked_div(Decimal::new(b, 3))
        }),
    ]
}

/// The bits of a decimal: mantissa, scale and sign.
pub(in crate::bounded) fn bits(d: Decimal) -> [u8; 16] {
    d.serialize()
}

/// Two results of an operation the same, bit for bit.
pub(in crate::bounded) fn same(
    a: Result<Approx, ArithError>,
    b: Result<Approx, ArithError>,
) -> bool {
    match (a, b) {
        (Ok(a), Ok(b)) => bits(a.value) == bits(b.value) && a.exact == b.exact,
        (Err(a), Err(b)) => a == b,
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    #[test]
    fn times_power_of_ten_is_decimal_multiplication(a in any_decimal(), p in 0u32..=10) {
        let b = Decimal::from_i128_with_scale(10i128.pow(p), 0);
        prop_assert!(same(mul_x(a, b), mul_by_decimal(a, b)), "{} × {}", a, b);
        prop_assert!(same(mul_x(b, a), mul_by_decimal(b, a)), "{} × {}", b, a);
        if (1..=9).contains(&p) && !a.is_zero() && a.scale() >= p {
            prop_assert!(times_power_of_ten(a, b).is_some(), "{} × {}", a, b);
        }
    }

    #[test]
    fn exact_sum_is_decimal_addition(a in any_decimal(), b in any_decimal(), k in 0u32..=28) {
        prop_assert!(same(add_x(a, b), add_by_decimal(a, b)), "{} + {}", a, b);
        prop_assert!(same(sub_x(a, b), add_by_decimal(a, b.neg())), "{} - {}", a, b);
        if let Some(sum) = exact_sum(a, b) {
            prop_assert_eq!(Some(bits(sum)), a.checked_add(b).map(bits), "{} + {}", a, b);
        }
        // The same value at a larger scale, and its neighbours: sums of
        // zero, of a unit in the last place, and of aligned mantissas just
        // beyond 96 bits.
        let mut c = a;
        c.rescale(a.scale().saturating_add(k).min(28));
        for d in [c, c.neg()] {
            let near = [
                Some(d),
                up(Approx { value: d, exact: false }).ok(),
                down(Approx { value: d, exact: false }).ok(),
            ];
            for e in near.into_iter().flatten() {
                for (x, y) in [(a, e), (e, a), (b, e), (e, b)] {
                    prop_assert!(same(add_x(x, y), add_by_decimal(x, y)), "{} + {}", x, y);
                    prop_assert!(same(sub_x(x, y), add_by_decimal(x, y.neg())), "{} - {}", x, y);
                }
            }
        }
    }

    #[test]
    fn exact_product_is_decimal_multiplication(a in any_decimal(), b in any_decimal()) {
        let by_decimal = match mul_by_decimal(a, b) {
            Ok(Approx { value, exact: true }) => Some(bits(value)),
            _ => None,
        };
        prop_assert_eq!(exact_product(a, b).map(bits), by_decimal, "{} × {}", a, b);
    }

    #[test]
    fn a_step_is_decimal_addition(v in any_decimal(), exact in any::<bool>()) {
        let a = Approx { value: v, exact };
        let by_addition = |sum: Option<Decimal>| if exact { Some(v) } else { sum };
        let low = by_addition(v.checked_sub(ulp(v)));
        let high = by_addition(v.checked_add(ulp(v)));
        prop_assert_eq!(down(a).ok().map(bits), low.map(bits), "down {}", v);
        prop_assert_eq!(up(a).ok().map(bits), high.map(bits), "up {}", v);
    }

    #[test]
    fn order_is_decimal_order(a in any_decimal(), b in any_decimal(), k in 0u32..=12) {
        prop_assert_eq!(order(a, b), a.cmp(&b));
        // Equal values at other scales, and neighbours.
        let mut c = a;
        c.rescale(a.scale().saturating_add(k).min(28));
        if c == a {
            prop_assert_eq!(order(a, c), Ordering::Equal);
            prop_assert_eq!(order(c, a), Ordering::Equal);
        }
        if let Ok(n) = up(Approx { value: c, exact: false }) {
            prop_assert_eq!(order(a, n), a.cmp(&n));
            prop_assert_eq!(order(n, a), n.cmp(&a));
        }
    }
}
