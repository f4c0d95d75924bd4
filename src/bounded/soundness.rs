//! Soundness of every interval operation, checked on sample points.
//!
//! Each input interval is sampled at its ends (points just inside an open
//! end, a far point on an unbounded side), at its point when it belongs to
//! it, and at random interior points. The true result on every combination of
//! samples, computed exactly ([`exact::Exact`]), must lie in the result
//! interval, respecting open and closed ends: a result narrower than the truth
//! by a unit in its last place fails. (The property tests in `props.rs` only
//! check the point of each input, as rounded.)

mod exact;

use std::cmp::Ordering;
use std::fmt;

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::props::{decimal, interval, positive};
use super::{ArithError, Bounded, Endpoint, math};
use exact::Exact;

/// Where to take an interior sample: `u/1000` of the way across a bounded
/// interval, or `u · 10^e` from its finite end (or point) into an unbounded
/// side.
type Pick = (u32, i32);

fn picks() -> impl Strategy<Value = [Pick; 2]> {
    prop::array::uniform2((1u32..1000, -40i32..=40))
}

/// `u · 10^e`.
fn amount(u: u32, e: i32) -> Exact {
    let u = Exact::new(i128::from(u), 0);
    if e >= 0 {
        u.mul(&Exact::new(10, 0).pow(e.unsigned_abs()))
    } else {
        u.mul(&Exact::new(1, e.unsigned_abs()))
    }
}

/// How far inside an open end to sample: less than any positive width of an
/// interval of `Decimal`s (at least 1e-28).
fn just_inside() -> Exact {
    Exact::new(1, 40)
}

/// The sample points of an interval, each one of its values.
fn samples(b: &Bounded, picks: &[Pick]) -> Vec<Exact> {
    let point = Exact::from_decimal(b.point());
    let low = b.low().value().map(Exact::from_decimal);
    let high = b.high().value().map(Exact::from_decimal);
    let far = amount(1, 40);
    let mut out = Vec::new();
    if b.contains(b.point()) {
        out.push(point.clone());
    }
    out.push(match (b.low(), &low) {
        (Endpoint::Open(_), Some(l)) => l.add(&just_inside()),
        (_, Some(l)) => l.clone(),
        (_, None) => high.as_ref().unwrap_or(&point).sub(&far),
    });
    out.push(match (b.high(), &high) {
        (Endpoint::Open(_), Some(h)) => h.sub(&just_inside()),
        (_, Some(h)) => h.clone(),
        (_, None) => low.as_ref().unwrap_or(&point).add(&far),
    });
    for &(u, e) in picks {
        out.push(match (&low, &high) {
            (Some(l), Some(h)) => l.add(&h.sub(l).mul(&Exact::new(i128::from(u), 3))),
            (Some(l), None) => l.add(&amount(u, e)),
            (None, Some(h)) => h.sub(&amount(u, e)),
            (None, None) if u % 2 == 0 => point.add(&amount(u, e)),
            (None, None) => point.sub(&amount(u, e)),
        });
    }
    let mut distinct: Vec<Exact> = Vec::new();
    for x in out {
        if distinct.iter().all(|y| y.cmp(&x) != Ordering::Equal) {
            distinct.push(x);
        }
    }
    distinct
}

/// The true value of an operation on sample points.
enum Truth {
    /// `num / den` with `den > 0`.
    Ratio(Exact, Exact),
    /// `x^(±p/q)` with `x > 0`, `q > 0`: `x^p`, `q` and whether negative.
    Power(Exact, u32, bool),
    /// `ln x` with `x > 0`.
    Ln(Exact),
}

impl fmt::Display for Truth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Truth::Ratio(n, d) => write!(f, "{n} / {d}"),
            Truth::Power(xp, q, negative) => {
                let sign = if *negative { "1 / " } else { "" };
                write!(f, "{sign}({xp})^(1/{q})")
            }
            Truth::Ln(x) => write!(f, "ln {x}"),
        }
    }
}

fn one() -> Exact {
    Exact::new(1, 0)
}

impl Truth {
    fn value(x: Exact) -> Truth {
        Truth::Ratio(x, one())
    }

    /// `n / d`, or `None` for `d = 0`.
    fn quotient(n: &Exact, d: &Exact) -> Option<Truth> {
        if d.is_zero() {
            None
        } else if d.is_negative() {
            Some(Truth::Ratio(n.neg(), d.neg()))
        } else {
            Some(Truth::Ratio(n.clone(), d.clone()))
        }
    }

    /// `x^(p/q)` for an exponent `p/q` in lowest terms.
    fn power(x: &Exact, (p, q): (i64, u32)) -> Truth {
        Truth::Power(x.pow(p.unsigned_abs() as u32), q, p < 0)
    }

    /// How the true value compares with `v`; `None` when that cannot be told
    /// (a logarithm within the accuracy of [`math::exp`] of `v`).
    fn cmp(&self, value: Decimal) -> Option<Ordering> {
        let v = Exact::from_decimal(value);
        match self {
            Truth::Ratio(n, d) => Some(n.cmp(&v.mul(d))),
            Truth::Power(..) if v.is_negative() || v.is_zero() => Some(Ordering::Greater),
            // x^(p/q) against v > 0: x^p against v^q, or 1 against v^q · x^p.
            Truth::Power(xp, q, false) => Some(xp.cmp(&v.pow(*q))),
            Truth::Power(xp, q, true) => Some(one().cmp(&v.pow(*q).mul(xp))),
            Truth::Ln(x) => ln_cmp(x, value),
        }
    }

    /// Whether the true value is one of `r`'s values. An undecided comparison
    /// counts as outside: the policy widens a logarithm's ends by at least
    /// `ABS_ERROR` (1e-24), several times the accuracy of `math::exp`, so a
    /// sound end is always decided.
    fn is_in(&self, r: &Bounded) -> bool {
        let low = match r.low() {
            Endpoint::Unbounded => true,
            Endpoint::Closed(v) => self.cmp(v).is_some_and(|o| o != Ordering::Less),
            Endpoint::Open(v) => self.cmp(v) == Some(Ordering::Greater),
        };
        let high = match r.high() {
            Endpoint::Unbounded => true,
            Endpoint::Closed(v) => self.cmp(v).is_some_and(|o| o != Ordering::Greater),
            Endpoint::Open(v) => self.cmp(v) == Some(Ordering::Less),
        };
        low && high
    }
}

/// `ln x` against `v`, as `x` against `e^v`, with `e^v` from [`math::exp`]
/// (independent of the logarithm's series) within twice its documented
/// error `1e-25·value + 1e-27`. For `v < 0`, as `x · e^−v` against 1, so that
/// the absolute error does not swamp small values.
fn ln_cmp(x: &Exact, v: Decimal) -> Option<Ordering> {
    if v.is_zero() {
        return Some(x.cmp(&one()));
    }
    let around = |e: Decimal| {
        let e = Exact::from_decimal(e);
        let err = e.mul(&Exact::new(2, 25)).add(&Exact::new(2, 27));
        (e.sub(&err), e.add(&err))
    };
    let decide = |lhs_low: Exact, lhs_high: Exact, rhs: &Exact| {
        if lhs_low.cmp(rhs) == Ordering::Greater {
            Some(Ordering::Greater)
        } else if lhs_high.cmp(rhs) == Ordering::Less {
            Some(Ordering::Less)
        } else {
            None
        }
    };
    if v.is_sign_positive() {
        match math::exp(v) {
            // e^v is beyond Decimal::MAX, so above any Decimal.
            None => (x.cmp(&Exact::from_decimal(Decimal::MAX)) != Ordering::Greater)
                .then_some(Ordering::Less),
            // ln x > v when e^v < x.
            Some(e) => {
                let (lo, hi) = around(e);
                decide(x.sub(&hi), x.sub(&lo), &Exact::new(0, 0))
            }
        }
    } else {
        match math::exp(-v) {
            // e^v is below 1e-28, so below any positive Decimal.
            None => (x.cmp(&Exact::new(1, 28)) != Ordering::Less).then_some(Ordering::Greater),
            Some(f) => {
                let (lo, hi) = around(f);
                decide(x.mul(&lo), x.mul(&hi), &one())
            }
        }
    }
}

/// Checks that `r = op(a, b)` holds the true result on every pair of samples.
fn check_binary(
    a: &Bounded,
    b: &Bounded,
    picks: (&[Pick], &[Pick]),
    op: fn(&Bounded, &Bounded) -> Result<Bounded, ArithError>,
    truth: fn(&Exact, &Exact) -> Option<Truth>,
) -> Result<(), TestCaseError> {
    let Ok(r) = op(a, b) else {
        return Ok(());
    };
    for x in samples(a, picks.0) {
        for y in samples(b, picks.1) {
            if let Some(t) = truth(&x, &y) {
                prop_assert!(t.is_in(&r), "{a} and {b} give {r}; at {x}, {y}: {t}");
            }
        }
    }
    Ok(())
}

/// Checks that `r = op(a)` holds the true result on every sample.
fn check_unary(
    a: &Bounded,
    picks: &[Pick],
    r: Result<Bounded, ArithError>,
    truth: impl Fn(&Exact) -> Truth,
) -> Result<(), TestCaseError> {
    let Ok(r) = r else {
        return Ok(());
    };
    for x in samples(a, picks) {
        let t = truth(&x);
        prop_assert!(t.is_in(&r), "{a} gives {r}; at {x}: {t}");
    }
    Ok(())
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// `p/q` in lowest terms (`q > 0`), and as a `Decimal` (exact: `q` divides a
/// power of ten).
fn fraction(p: i64, q: u32) -> ((i64, u32), Decimal) {
    let g = gcd(p.unsigned_abs(), u64::from(q)).max(1);
    let (p, q) = (p / g as i64, q / g as u32);
    ((p, q), Decimal::from(p) / Decimal::from(q))
}

/// An exponent: an integer up to 64 in size (exact multiplication), or a
/// fraction with a small denominator (roots, including reciprocals `1/n`).
fn exponent() -> impl Strategy<Value = ((i64, u32), Decimal)> {
    prop_oneof![
        2 => (-64i64..=64).prop_map(|p| fraction(p, 1)),
        3 => (prop::sample::select(vec![2u32, 4, 5, 8, 10, 20, 25]), -80i64..=80)
            .prop_map(|(q, p)| fraction(p, q)),
    ]
}

/// A root's degree: an integer from 1 to 64 or a positive fraction.
fn degree() -> impl Strategy<Value = ((i64, u32), Decimal)> {
    prop_oneof![
        2 => (1i64..=64).prop_map(|n| fraction(n, 1)),
        1 => (prop::sample::select(vec![2u32, 4, 5, 10]), 1i64..=60)
            .prop_map(|(q, p)| fraction(p, q)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn sound_add(a in interval(), b in interval(), pa in picks(), pb in picks()) {
        check_binary(&a, &b, (&pa, &pb), Bounded::checked_add, |x, y| {
            Some(Truth::value(x.add(y)))
        })?;
    }

    #[test]
    fn sound_sub(a in interval(), b in interval(), pa in picks(), pb in picks()) {
        check_binary(&a, &b, (&pa, &pb), Bounded::checked_sub, |x, y| {
            Some(Truth::value(x.sub(y)))
        })?;
    }

    #[test]
    fn sound_mul(a in interval(), b in interval(), pa in picks(), pb in picks()) {
        check_binary(&a, &b, (&pa, &pb), Bounded::checked_mul, |x, y| {
            Some(Truth::value(x.mul(y)))
        })?;
    }

    #[test]
    fn sound_div(a in interval(), b in interval(), pa in picks(), pb in picks()) {
        check_binary(&a, &b, (&pa, &pb), Bounded::checked_div, Truth::quotient)?;
    }

    #[test]
    fn sound_neg(a in interval(), pa in picks()) {
        check_unary(&a, &pa, Ok(a.neg()), |x| Truth::value(x.neg()))?;
    }

    #[test]
    fn sound_scale(a in interval(), f in decimal(), pa in picks()) {
        let factor = Exact::from_decimal(f);
        check_unary(&a, &pa, a.checked_scale(f), |x| Truth::value(x.mul(&factor)))?;
    }

    #[test]
    fn sound_powd(a in positive(), (y, exponent) in exponent(), pa in picks()) {
        check_unary(&a, &pa, a.checked_powd(exponent), |x| Truth::power(x, y))?;
    }

    #[test]
    fn sound_root(a in positive(), ((n, d), degree) in degree(), pa in picks()) {
        // x^(1/(n/d)) = x^(d/n).
        let y = (i64::from(d), n.unsigned_abs() as u32);
        check_unary(&a, &pa, a.checked_root(degree), |x| Truth::power(x, y))?;
    }

    #[test]
    fn sound_ln(a in positive(), pa in picks()) {
        check_unary(&a, &pa, a.checked_ln(), |x| Truth::Ln(x.clone()))?;
    }

    /// Every value of both intervals is a value of their intersection, and
    /// disjoint intervals share no sampled value.
    #[test]
    fn sound_intersect(a in interval(), b in interval(), pa in picks()) {
        let both = a.intersect(&b);
        for x in samples(&a, &pa) {
            let t = Truth::value(x.clone());
            if t.is_in(&b) {
                prop_assert!(both.is_some_and(|i| t.is_in(&i)), "{a} ∩ {b}: {x}");
            }
        }
    }

    /// Every value of an interval at or above a floor is a value of
    /// `at_least`.
    #[test]
    fn sound_at_least(a in interval(), f in decimal(), open in any::<bool>(), pa in picks()) {
        let floor = if open { Endpoint::Open(f) } else { Endpoint::Closed(f) };
        let above = Bounded::new(f, floor, Endpoint::Unbounded)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let r = a.at_least(floor);
        for x in samples(&a, &pa) {
            let t = Truth::value(x.clone());
            if t.is_in(&above) {
                prop_assert!(r.is_some_and(|i| t.is_in(&i)), "{a} at least {f}: {x}");
            }
        }
    }
}
