//! Property tests of the interval operations on random intervals: results are
//! valid intervals, errors are of the expected kind, and each result agrees
//! with the operation on the inputs' points. Soundness on sample points of
//! the whole input intervals is checked in `soundness.rs`.

use super::*;
use proptest::prelude::*;
use std::ops::Neg;

pub(super) fn decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        6 => (any::<i64>(), 0u32..=18, 0u32..=12)
            .prop_map(|(m, digits, scale)| Decimal::new(m % 10i64.pow(digits), scale)),
        1 => (any::<i128>(), 0u32..=28, 0u32..=28).prop_map(|(m, digits, scale)| {
            Decimal::from_i128_with_scale(m % 10i128.pow(digits), scale)
        }),
        1 => Just(Decimal::ZERO),
    ]
}

/// A side: `None` for unbounded, else a distance from the point and openness.
fn side() -> impl Strategy<Value = Option<(Decimal, bool)>> {
    prop_oneof![
        1 => Just(None),
        1 => Just(Some((Decimal::ZERO, false))),
        5 => (decimal(), any::<bool>()).prop_map(|(d, o)| Some((d.abs(), o && !d.is_zero()))),
    ]
}

fn make(x: Decimal, low: Option<(Decimal, bool)>, high: Option<(Decimal, bool)>) -> Bounded {
    let low = match low {
        None => Some(Endpoint::Unbounded),
        Some((dx, open)) => x.checked_sub(dx).map(|v| endpoint(v, open)),
    };
    let high = match high {
        None => Some(Endpoint::Unbounded),
        Some((dx, open)) => x.checked_add(dx).map(|v| endpoint(v, open)),
    };
    match (low, high) {
        (Some(l), Some(h)) => Bounded::new(x, l, h)
            .ok()
            .filter(|b| b.contains(x))
            .unwrap_or(Bounded::exact(x)),
        _ => Bounded::exact(x),
    }
}

/// A random interval and its point, which lies inside it.
pub(super) fn interval() -> impl Strategy<Value = Bounded> {
    (decimal(), side(), side()).prop_map(|(x, l, h)| make(x, l, h))
}

/// A random interval of positive values with a positive point.
pub(super) fn positive() -> impl Strategy<Value = Bounded> {
    (decimal(), side(), side()).prop_map(|(x, l, h)| {
        let x = x.abs().max(Decimal::new(1, 12));
        let b = make(x, l, h);
        match b.low().value() {
            Some(v) if v > Decimal::ZERO => b,
            _ => Bounded {
                point: x,
                low: Endpoint::Open(Decimal::ZERO),
                high: b.high(),
            },
        }
    })
}

/// A figure as stated: up to 15 digits, of either sign, exact or rounded
/// to its last digit (half a unit either side, either end open).
fn stated() -> impl Strategy<Value = Bounded> {
    (1i64..1_000_000_000_000_000, any::<bool>(), 0u32..=8, 0u8..4).prop_map(
        |(m, negative, scale, kind)| {
            let x = Decimal::new(if negative { -m } else { m }, scale);
            let half = Decimal::new(5, scale.saturating_add(1));
            let end = |v: Option<Decimal>, open: bool| {
                v.map_or(Endpoint::Closed(x), |v| endpoint(v, open))
            };
            let (low, high) = (x.checked_sub(half), x.checked_add(half));
            match kind {
                0 => Bounded::exact(x),
                k => Bounded::from_parts(x, end(low, k == 2), end(high, k == 3)),
            }
        },
    )
}

/// A ratio of two stated figures, as a percent change is made of, or
/// that ratio less one.
fn ratio() -> impl Strategy<Value = Bounded> {
    (stated(), stated(), any::<bool>()).prop_filter_map("no ratio", |(a, b, less_one)| {
        let r = a.checked_div(&b).ok()?;
        if less_one {
            r.checked_sub(&Bounded::exact(Decimal::ONE)).ok()
        } else {
            Some(r)
        }
    })
}

/// The bits of a result: point, ends and their openness.
type Bits = Result<([u8; 16], [(bool, Option<[u8; 16]>); 2]), ArithError>;

fn bits(r: Result<Bounded, ArithError>) -> Bits {
    r.map(|b| {
        let end = |e: Endpoint| (e.is_open(), e.value().map(|v| v.serialize()));
        (b.point().serialize(), [end(b.low()), end(b.high())])
    })
}

fn is_valid(b: &Bounded) -> bool {
    Bounded::new(b.point(), b.low(), b.high()).is_ok()
}

/// The sample result `s` (an enclosure of the true result on points) is
/// consistent with the interval result `r`: contained when exact, else
/// overlapping.
fn consistent(s: &Bounded, r: &Bounded) -> bool {
    if s.is_exact() {
        r.contains(s.point())
    } else {
        s.overlaps(r)
    }
}

fn check_binary(
    a: &Bounded,
    b: &Bounded,
    op: fn(&Bounded, &Bounded) -> Result<Bounded, ArithError>,
) -> Result<(), TestCaseError> {
    let r = op(a, b);
    let s = op(&Bounded::exact(a.point()), &Bounded::exact(b.point()));
    match (r, s) {
        (Ok(r), Ok(s)) => {
            prop_assert!(is_valid(&r), "invalid {}", r);
            prop_assert!(
                consistent(&s, &r),
                "{} op {}: sample {} not in {}",
                a,
                b,
                s,
                r
            );
            prop_assert!(r.contains(s.point()) || !s.is_exact());
            prop_assert!(s.is_inside(&r) || !s.is_exact());
        }
        (Ok(r), Err(e)) => prop_assert!(
            e == ArithError::Overflow,
            "{} op {}: {:?} but {}",
            a,
            b,
            e,
            r
        ),
        (Err(e), _) => prop_assert!(
            e == ArithError::Overflow || e == ArithError::DivisionByZero,
            "{:?}",
            e
        ),
    }
    Ok(())
}

fn check_unary(
    a: &Bounded,
    op: impl Fn(&Bounded) -> Result<Bounded, ArithError>,
    strict: bool,
) -> Result<(), TestCaseError> {
    let r = op(a);
    let s = op(&Bounded::exact(a.point()));
    match (r, s) {
        (Ok(r), Ok(s)) => {
            prop_assert!(is_valid(&r), "invalid {}", r);
            prop_assert!(consistent(&s, &r), "{}: sample {} not in {}", a, s, r);
            if strict && !s.point().is_zero() {
                prop_assert!(r.contains(s.point()), "{}: sample {} not in {}", a, s, r);
            }
        }
        (Ok(r), Err(e)) => prop_assert!(e == ArithError::Overflow, "{}: {:?} but {}", a, e, r),
        (Err(e), _) => prop_assert!(
            matches!(e, ArithError::Overflow | ArithError::Domain(_)),
            "{:?}",
            e
        ),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn prop_add(a in interval(), b in interval()) {
        check_binary(&a, &b, Bounded::checked_add)?;
    }

    #[test]
    fn prop_sub(a in interval(), b in interval()) {
        check_binary(&a, &b, Bounded::checked_sub)?;
    }

    #[test]
    fn prop_mul(a in interval(), b in interval()) {
        check_binary(&a, &b, Bounded::checked_mul)?;
    }

    #[test]
    fn prop_div(a in interval(), b in interval()) {
        if b.contains_zero() || b.point().is_zero() {
            prop_assert_eq!(a.checked_div(&b), Err(ArithError::DivisionByZero));
        } else {
            check_binary(&a, &b, Bounded::checked_div)?;
        }
    }

    #[test]
    fn prop_quotient_ends_within_the_hull(a in interval(), b in interval()) {
        if let Some(fast) = super::corners::quotient_ends(&a, &b) {
            if !b.contains_zero() {
                let hull = a.quotient_hull(&b);
                prop_assert!(fast.is_ok() || hull.is_err(), "{} / {}", a, b);
                if let (Ok((low, high)), Ok((hull_low, hull_high))) = (fast, hull) {
                    prop_assert!(low_within(low, hull_low), "{} / {}", a, b);
                    prop_assert!(high_within(high, hull_high), "{} / {}", a, b);
                }
            }
        }
    }

    #[test]
    fn prop_quotient_ends_are_the_hull(a in stated(), b in stated()) {
        let fast = super::corners::quotient_ends(&a, &b);
        prop_assert!(fast.is_some());
        let bits = |e: Result<(Endpoint, Endpoint), ArithError>| {
            e.map(|(l, h)| [l, h].map(|e| (e.is_open(), e.value().map(|v| v.serialize()))))
        };
        prop_assert_eq!(fast.map(bits), Some(bits(a.quotient_hull(&b))), "{} / {}", a, b);
    }

    #[test]
    fn prop_scaled_down_is_the_general_scaling(
        a in prop_oneof![interval(), stated(), ratio()],
        k in 0u32..=28,
    ) {
        let f = Decimal::new(1, k);
        let (fast, general) = (a.exactly_scaled(f), a.scaled_by_products(f));
        prop_assert_eq!(fast.map(|b| bits(Ok(b))), general.map(|b| bits(Ok(b))), "{} × {}", a, f);
    }

    #[test]
    fn prop_times_power_of_ten_is_the_general_product(
        a in prop_oneof![interval(), stated(), ratio()],
        p in 0u32..=10,
    ) {
        let f = Bounded::exact(Decimal::from_i128_with_scale(10i128.pow(p), 0));
        prop_assert_eq!(bits(a.checked_mul(&f)), bits(a.general_product(&f)), "{} × {}", a, f);
    }

    /// Corners at one scale, near each other, near zero or near the
    /// largest mantissa, rounded or not, either end open: the ends found
    /// without comparing are the hull's.
    #[test]
    fn prop_apart_product_ends_are_the_hull(
        (low, gap) in prop_oneof![
            (any::<i128>(), -3i128..=6),
            (-4i128..=4, -3i128..=6),
            ((1i128 << 96) - 8..(1i128 << 96), -3i128..=6),
            (-(1i128 << 96) + 1..-(1i128 << 96) + 8, -3i128..=6),
            (any::<i128>(), any::<i128>()),
        ],
        scale in 0u32..=28,
        other_scale in prop_oneof![Just(None), (0u32..=28).prop_map(Some)],
        exact in any::<(bool, bool)>(),
        open in any::<(bool, bool)>(),
    ) {
        let max = (1i128 << 96) - 1;
        let low = low % (max + 1);
        let high = low.saturating_add(gap).clamp(-max, max);
        let approx = |m: i128, scale: u32, exact: bool| super::rounding::Approx {
            value: super::rounding::dec(m, scale),
            exact,
        };
        let corners = [
            (approx(low, scale, exact.0), open.0),
            (approx(high, other_scale.unwrap_or(scale), exact.1), open.1),
        ];
        let ends = |e: Result<(Endpoint, Endpoint), ArithError>| {
            e.map(|(l, h)| [l, h].map(|e| (e.is_open(), e.value().map(|v| v.serialize()))))
        };
        if let Some(fast) = super::corners::apart_product_ends(corners[0], corners[1]) {
            prop_assert_eq!(
                ends(fast),
                ends(super::corners::product_ends(&corners)),
                "{:?}",
                corners
            );
        }
    }

    #[test]
    fn prop_times_power_of_ten_of_a_value_at_other_scales(
        x in decimal(),
        k in 0u32..=28,
        j in 0u32..=28,
        p in 1u32..=9,
    ) {
        let at = |k: u32| {
            let mut v = x;
            v.rescale(x.scale().saturating_add(k).min(28));
            v
        };
        let f = Bounded::exact(Decimal::from_i128_with_scale(10i128.pow(p), 0));
        if let Ok(a) = Bounded::closed(x, at(k), at(j)) {
            prop_assert_eq!(bits(a.checked_mul(&f)), bits(a.general_product(&f)), "{} × {}", a, f);
        }
    }

    #[test]
    fn prop_translated_is_the_general_sum(
        a in prop_oneof![interval(), stated(), ratio()],
        v in prop_oneof![decimal(), Just(Decimal::ONE), Just(Decimal::NEGATIVE_ONE)],
    ) {
        let x = Bounded::exact(v);
        if let Some(t) = a.translated(v) {
            prop_assert_eq!(bits(Ok(t)), bits(a.checked_add(&x)), "{} + {}", a, v);
            prop_assert_eq!(bits(Ok(t)), bits(x.checked_add(&a)), "{} + {}", v, a);
        }
        if let Some(t) = a.neg().translated(v) {
            prop_assert_eq!(bits(Ok(t)), bits(x.checked_sub(&a)), "{} − {}", v, a);
        }
        if let Some(t) = a.translated(v.neg()) {
            prop_assert_eq!(bits(Ok(t)), bits(a.checked_sub(&x)), "{} − {}", a, v);
        }
    }

    #[test]
    fn prop_scale(a in interval(), f in decimal()) {
        check_unary(&a, |x| x.checked_scale(f), false)?;
    }

    #[test]
    fn prop_neg(a in interval()) {
        let r = a.neg();
        prop_assert!(is_valid(&r));
        prop_assert!(r.contains(-a.point()) || !a.contains(a.point()));
        prop_assert_eq!(r.neg(), a);
    }

    #[test]
    fn prop_powd(a in positive(), m in -5000i64..=5000, s in 0u32..=3) {
        let y = Decimal::new(m, s);
        let strict = !y.is_integer();
        check_unary(&a, |x| x.checked_powd(y), strict)?;
    }

    #[test]
    fn prop_root(a in positive(), m in 1i64..=5000, s in 0u32..=3) {
        let n = Decimal::new(m, s);
        let strict = !(n.is_integer() && n <= Decimal::new(64, 0));
        check_unary(&a, |x| x.checked_root(n), strict)?;
    }

    #[test]
    fn prop_ln(a in positive()) {
        check_unary(&a, Bounded::checked_ln, true)?;
    }

    #[test]
    fn prop_relations(a in interval(), b in interval()) {
        prop_assert_eq!(a.is_disjoint(&b), b.is_disjoint(&a));
        match a.intersect(&b) {
            None => prop_assert!(a.is_disjoint(&b)),
            Some(i) => {
                prop_assert!(is_valid(&i));
                prop_assert!(i.is_inside(&a) && i.is_inside(&b));
                if b.contains(a.point()) {
                    prop_assert!(i.contains(a.point()));
                }
            }
        }
        prop_assert!(a.is_inside(&a));
        if a.contains(b.point()) && b.contains(b.point()) {
            prop_assert!(a.overlaps(&b));
        }
    }
}

/// Corners a unit or none apart, or at two scales, are left to the
/// hull; two units apart at one scale, the ends are each corner's.
#[test]
fn apart_product_ends_only_when_two_units_apart() {
    let corner = |m: i128, scale: u32| {
        let value = super::rounding::dec(m, scale);
        (
            super::rounding::Approx {
                value,
                exact: false,
            },
            false,
        )
    };
    let apart = super::corners::apart_product_ends;
    assert!(apart(corner(7, 3), corner(8, 3)).is_none());
    assert!(apart(corner(7, 3), corner(7, 3)).is_none());
    assert!(apart(corner(7, 3), corner(90, 4)).is_none());
    assert!(apart(corner(9, 3), corner(7, 3)).is_none());
    let ends = apart(corner(-1, 28), corner(1, 28));
    assert_eq!(
        ends,
        Some(Ok((
            Endpoint::Closed(Decimal::new(-2, 28)),
            Endpoint::Closed(Decimal::new(2, 28))
        )))
    );
    // The largest mantissa moved outward rounds: an overflow at scale 0,
    // as the hull finds it.
    let max = (1i128 << 96) - 1;
    let corners = [corner(max - 2, 0), corner(max, 0)];
    assert_eq!(
        apart(corners[0], corners[1]),
        Some(Err(ArithError::Overflow))
    );
    assert_eq!(
        super::corners::product_ends(&corners),
        Err(ArithError::Overflow)
    );
}

/// A zero is not moved by the shortcut: `0 + 0` and `0 − 0` take their
/// sign from the second operand, which only the general sum knows.
#[test]
fn zero_is_left_to_the_general_sum() {
    let zero = Bounded {
        point: Decimal::ZERO,
        low: Endpoint::Unbounded,
        high: Endpoint::Unbounded,
    };
    assert!(zero.translated(Decimal::ZERO).is_none());
    let moved = zero.translated(Decimal::ONE);
    assert_eq!(
        bits(moved.ok_or(ArithError::Overflow)),
        bits(zero.checked_add(&Bounded::exact(Decimal::ONE)))
    );
}
