//! Bounded decimals: a figure as the interval of its possible true values.
//!
//! A [`Bounded`] holds a point value (the figure as stated, or computed from
//! stated figures) and an interval `low..high` of `rust_decimal::Decimal`s that
//! is sure to contain the true value. Either side may be unbounded, and either
//! endpoint may be open or closed ("more than 30" is `(30, +∞)` with point 30).
//!
//! # Soundness policy
//!
//! Every operation returns an interval that contains every value the operation
//! can take on its input intervals (never narrower than the truth):
//!
//! * `rust_decimal` rounds to nearest when a result needs more than about 28
//!   significant digits. Each elementary result is checked for exactness, using
//!   what `rust_decimal` 1.43 was observed to do:
//!   - addition and subtraction are exact when an operand is zero or the
//!     result's scale is at least the larger operand scale (a rounded sum has
//!     its scale reduced);
//!   - multiplication is exact when an operand is zero or the result's scale is
//!     the sum of the operand scales (a rounded product has its scale reduced;
//!     a product that underflows comes back as zero with scale 0);
//!   - division is exact when multiplying the quotient back by the divisor is
//!     an exact product equal to the dividend.
//!
//!   An inexact bound is moved outward by one unit in its last place (for a
//!   result that rounded to zero, by `1e-28`), twice the largest possible
//!   rounding error. Exact inputs with representable results stay exact
//!   (`8.971 × 4 = 35.884`, `[30, 30] / [3, 3] = [10, 10]`).
//! * Logarithms, exponentials, powers and roots are computed in `Decimal` by
//!   argument reduction and series (see [`math`]), to about 25 significant
//!   digits. Their bounds are widened by [`math::REL_ERROR`] relative to the
//!   value plus [`math::ABS_ERROR`] absolute (or by a larger, computed bound for
//!   powers with very large exponents), unless the result is verified exact
//!   (`ln 1 = 0`, `4^(1/2) = 2`, integer powers by exact multiplication).
//! * A bound beyond the range of `Decimal` is an [`ArithError::Overflow`],
//!   never a panic or a wrap.
//! * The point value is computed from the operands' points, rounded to nearest
//!   and never widened. In rare cases where rounding would put it just outside
//!   the (sound) interval, it is clamped onto the nearest bound.
//! * Endpoints are open where the extremum is only approached (it comes from an
//!   open endpoint or from an unbounded side), closed where it is attained.
//!   A bound that had to be widened keeps the openness of the exact extremum;
//!   either is sound because the widened bound lies strictly outside it.

use core::cmp::Ordering;
use core::fmt;

use rust_decimal::Decimal;

pub(crate) use rounding::{POWERS_OF_TEN, order, ten_to};
use rounding::{sub_x, up};

mod arith;
mod corners;
pub mod math;
mod powers;
#[cfg(test)]
mod props;
mod quotient;
mod rounding;
#[cfg(test)]
mod soundness;
#[cfg(test)]
mod tests;

/// One side of an interval.
///
/// `Unbounded` is −∞ when used as a low end and +∞ when used as a high end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Endpoint {
    /// No bound on this side.
    Unbounded,
    /// The bound is a possible value ("at least 30").
    Closed(Decimal),
    /// The bound itself is excluded ("more than 30").
    Open(Decimal),
}

impl Endpoint {
    /// The bound's value, or `None` when unbounded.
    ///
    /// ```
    /// # use earnings::bounded::Endpoint;
    /// # use rust_decimal::Decimal;
    /// assert_eq!(Endpoint::Open(Decimal::TEN).value(), Some(Decimal::TEN));
    /// assert_eq!(Endpoint::Unbounded.value(), None);
    /// ```
    pub fn value(&self) -> Option<Decimal> {
        match self {
            Endpoint::Unbounded => None,
            Endpoint::Closed(v) | Endpoint::Open(v) => Some(*v),
        }
    }

    /// Whether the bound excludes its value (an unbounded side counts as open).
    pub fn is_open(&self) -> bool {
        !matches!(self, Endpoint::Closed(_))
    }
}

/// A figure as an interval of possible true values, with the point value (as
/// stated, or computed from stated points).
///
/// Invariants: the interval is non-empty, and the point lies in its closure (a
/// point equal to an open endpoint is allowed: "more than 30" has point 30 and
/// low end `Open(30)`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Bounded {
    point: Decimal,
    low: Endpoint,
    high: Endpoint,
}

/// Why an interval operation has no result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ArithError {
    /// A bound or the point is beyond the range of `Decimal`.
    #[error("arithmetic overflow")]
    Overflow,
    /// The divisor's interval contains zero (or its point is zero).
    #[error("division by an interval that contains zero")]
    DivisionByZero,
    /// The operation is undefined on the input (e.g. logarithm of a value that
    /// can be zero or negative), or the input is not a valid interval.
    #[error("{0}")]
    Domain(&'static str),
}

fn endpoint(v: Decimal, open: bool) -> Endpoint {
    if open {
        Endpoint::Open(v)
    } else {
        Endpoint::Closed(v)
    }
}

/// Whether low end `a` starts no earlier than low end `b` (a ⊆ side of b).
fn low_within(a: Endpoint, b: Endpoint) -> bool {
    match (a.value(), b.value()) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(x), Some(y)) => match order(x, y) {
            Ordering::Greater => true,
            Ordering::Equal => a.is_open() || !b.is_open(),
            Ordering::Less => false,
        },
    }
}

/// Whether high end `a` stops no later than high end `b`.
fn high_within(a: Endpoint, b: Endpoint) -> bool {
    match (a.value(), b.value()) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(x), Some(y)) => match order(x, y) {
            Ordering::Less => true,
            Ordering::Equal => a.is_open() || !b.is_open(),
            Ordering::Greater => false,
        },
    }
}

/// Whether the high end `h` of one interval lies before the low end `l` of
/// another (no common value).
fn separated(h: Endpoint, l: Endpoint) -> bool {
    match (h.value(), l.value()) {
        (Some(x), Some(y)) => match order(x, y) {
            Ordering::Less => true,
            Ordering::Equal => h.is_open() || l.is_open(),
            Ordering::Greater => false,
        },
        _ => false,
    }
}

impl Bounded {
    /// An exactly known value: the interval `[value, value]`.
    ///
    /// ```
    /// # use earnings::bounded::Bounded;
    /// # use rust_decimal::Decimal;
    /// assert!(Bounded::exact(Decimal::TEN).is_exact());
    /// ```
    pub fn exact(value: Decimal) -> Bounded {
        Bounded {
            point: value,
            low: Endpoint::Closed(value),
            high: Endpoint::Closed(value),
        }
    }

    /// A bounded value from its parts.
    ///
    /// Errors with [`ArithError::Domain`] when the interval is empty (low above
    /// high, or equal ends not both closed) or the point lies outside
    /// `[low, high]`. A point equal to an open endpoint is allowed.
    ///
    /// ```
    /// # use earnings::bounded::{Bounded, Endpoint};
    /// # use rust_decimal::Decimal;
    /// let thirty = Decimal::new(30, 0);
    /// let more_than_30 = Bounded::new(thirty, Endpoint::Open(thirty), Endpoint::Unbounded)?;
    /// assert!(!more_than_30.contains(thirty));
    /// # Ok::<(), earnings::bounded::ArithError>(())
    /// ```
    pub fn new(point: Decimal, low: Endpoint, high: Endpoint) -> Result<Bounded, ArithError> {
        if let (Some(l), Some(h)) = (low.value(), high.value()) {
            match order(l, h) {
                Ordering::Greater => {
                    return Err(ArithError::Domain(
                        "interval's low bound is above its high bound",
                    ));
                }
                Ordering::Equal if low.is_open() || high.is_open() => {
                    return Err(ArithError::Domain("empty interval"));
                }
                _ => {}
            }
        }
        let below = low
            .value()
            .is_some_and(|l| order(point, l) == Ordering::Less);
        let above = high
            .value()
            .is_some_and(|h| order(point, h) == Ordering::Greater);
        if below || above {
            return Err(ArithError::Domain("point value outside its interval"));
        }
        Ok(Bounded { point, low, high })
    }

    /// A bounded value with closed ends, `[low, high]`.
    ///
    /// ```
    /// # use earnings::bounded::Bounded;
    /// # use rust_decimal::Decimal;
    /// let b = Bounded::closed(Decimal::new(1021, 1), Decimal::new(10205, 2), Decimal::new(10215, 2))?;
    /// assert_eq!(b.width(), Some(Decimal::new(1, 1)));
    /// # Ok::<(), earnings::bounded::ArithError>(())
    /// ```
    pub fn closed(point: Decimal, low: Decimal, high: Decimal) -> Result<Bounded, ArithError> {
        Bounded::new(point, Endpoint::Closed(low), Endpoint::Closed(high))
    }

    /// Builds a result: repairs a degenerate interval with an open end (a
    /// superset, never reached with valid inputs) and clamps the point into the
    /// closure of the interval.
    fn from_parts(point: Decimal, low: Endpoint, high: Endpoint) -> Bounded {
        let (mut low, mut high) = (low, high);
        if let (Some(l), Some(h)) = (low.value(), high.value()) {
            let o = order(l, h);
            if o != Ordering::Less && (low.is_open() || high.is_open() || o == Ordering::Greater) {
                low = Endpoint::Closed(l.min(h));
                high = Endpoint::Closed(l.max(h));
            }
        }
        // `point.max(l)` and `point.min(h)`, with `Decimal`'s choice on ties.
        let mut point = point;
        if let Some(l) = low.value() {
            if order(point, l) != Ordering::Greater {
                point = l;
            }
        }
        if let Some(h) = high.value() {
            if order(point, h) == Ordering::Greater {
                point = h;
            }
        }
        Bounded { point, low, high }
    }

    /// The point value.
    pub fn point(&self) -> Decimal {
        self.point
    }

    /// The low end of the interval (`Unbounded` is −∞).
    pub fn low(&self) -> Endpoint {
        self.low
    }

    /// The high end of the interval (`Unbounded` is +∞).
    pub fn high(&self) -> Endpoint {
        self.high
    }

    /// Whether the value is exactly known: `low == high == point`, closed.
    pub fn is_exact(&self) -> bool {
        let at_point = |e: Endpoint| matches!(e, Endpoint::Closed(v) if order(v, self.point) == Ordering::Equal);
        at_point(self.low) && at_point(self.high)
    }

    /// `high − low` (rounded up), or `None` when unbounded on a side or when
    /// the width exceeds the range of `Decimal`.
    pub fn width(&self) -> Option<Decimal> {
        let w = sub_x(self.high.value()?, self.low.value()?).ok()?;
        up(w).ok()
    }

    /// The intersection, or `None` when disjoint. The point (self's) is clamped
    /// into the result.
    ///
    /// ```
    /// # use earnings::bounded::{Bounded, Endpoint};
    /// # use rust_decimal::Decimal;
    /// let whole = Bounded::closed(Decimal::new(50, 0), Decimal::new(40, 0), Decimal::new(60, 0))?;
    /// let floor = Bounded::new(Decimal::new(55, 0), Endpoint::Closed(Decimal::new(55, 0)), Endpoint::Unbounded)?;
    /// let w = whole.intersect(&floor);
    /// assert_eq!(w, Some(Bounded::closed(Decimal::new(55, 0), Decimal::new(55, 0), Decimal::new(60, 0))?));
    /// # Ok::<(), earnings::bounded::ArithError>(())
    /// ```
    pub fn intersect(&self, other: &Bounded) -> Option<Bounded> {
        if self.is_disjoint(other) {
            return None;
        }
        let low = if low_within(self.low, other.low) {
            self.low
        } else {
            other.low
        };
        let high = if high_within(self.high, other.high) {
            self.high
        } else {
            other.high
        };
        Some(Bounded::from_parts(self.point, low, high))
    }

    /// Intersection with `[floor, +∞)` (or `(floor, +∞)` for an open floor);
    /// `None` when nothing is left.
    ///
    /// ```
    /// # use earnings::bounded::{Bounded, Endpoint};
    /// # use rust_decimal::Decimal;
    /// let b = Bounded::closed(Decimal::TEN, Decimal::ONE, Decimal::TEN)?;
    /// assert_eq!(b.at_least(Endpoint::Closed(Decimal::new(20, 0))), None);
    /// # Ok::<(), earnings::bounded::ArithError>(())
    /// ```
    pub fn at_least(&self, floor: Endpoint) -> Option<Bounded> {
        let point = floor.value().map_or(self.point, |f| f.max(self.point));
        self.intersect(&Bounded {
            point,
            low: floor,
            high: Endpoint::Unbounded,
        })
    }

    /// Whether `x` is one of the interval's values (respecting openness).
    pub fn contains(&self, x: Decimal) -> bool {
        Bounded::exact(x).is_inside(self)
    }

    /// Whether every value of `self` is a value of `other` (respecting openness).
    pub fn is_inside(&self, other: &Bounded) -> bool {
        low_within(self.low, other.low) && high_within(self.high, other.high)
    }

    /// Whether the two intervals have no common value (respecting openness:
    /// `(30, ∞)` and `(−∞, 30]` are disjoint, `[30, ∞)` and `(−∞, 30]` are not).
    ///
    /// ```
    /// # use earnings::bounded::{Bounded, Endpoint};
    /// # use rust_decimal::Decimal;
    /// let t = Decimal::new(30, 0);
    /// let above = Bounded::new(t, Endpoint::Open(t), Endpoint::Unbounded)?;
    /// let at_most = Bounded::new(t, Endpoint::Unbounded, Endpoint::Closed(t))?;
    /// assert!(above.is_disjoint(&at_most));
    /// # Ok::<(), earnings::bounded::ArithError>(())
    /// ```
    pub fn is_disjoint(&self, other: &Bounded) -> bool {
        separated(self.high, other.low) || separated(other.high, self.low)
    }

    /// Whether the two intervals have a common value.
    pub fn overlaps(&self, other: &Bounded) -> bool {
        !self.is_disjoint(other)
    }

    /// Whether zero is one of the interval's values.
    pub fn contains_zero(&self) -> bool {
        self.contains(Decimal::ZERO)
    }

    /// Whether every value is above zero.
    pub fn is_positive(&self) -> bool {
        // By sign: `v > 0` and `v ≥ 0`, a zero of either sign being zero.
        match self.low {
            Endpoint::Unbounded => false,
            Endpoint::Closed(v) => !v.is_sign_negative() && !v.is_zero(),
            Endpoint::Open(v) => !v.is_sign_negative() || v.is_zero(),
        }
    }

    /// Whether every value is below zero.
    pub fn is_negative(&self) -> bool {
        self.neg().is_positive()
    }

    /// Decimal places the interval justifies for display.
    ///
    /// Rule: for a bounded, non-exact interval of width `w = high − low`, the
    /// largest `d` in `0..=12` with `w ≤ 4·10^−d`, i.e. the half-width is at
    /// most two units of the `d`-th decimal place; 0 when even `d = 0` fails.
    /// `None` when exact (use the point's own digits) or unbounded on a side.
    /// Examples: `[1023.665, 1023.675]` → 2, `[9.9690, 9.9788]` → 2,
    /// `[125.2, 126.9]` → 0, `[358.82, 358.86]` → 2, `[102.05, 102.15]` → 1.
    ///
    /// ```
    /// # use earnings::bounded::Bounded;
    /// # use rust_decimal::Decimal;
    /// let b = Bounded::closed(Decimal::new(997, 2), Decimal::new(99690, 4), Decimal::new(99788, 4))?;
    /// assert_eq!(b.justified_decimals(), Some(2));
    /// # Ok::<(), earnings::bounded::ArithError>(())
    /// ```
    pub fn justified_decimals(&self) -> Option<u32> {
        if self.is_exact() {
            return None;
        }
        let (l, h) = (self.low.value()?, self.high.value()?);
        let Some(w) = h.checked_sub(l) else {
            return Some(0);
        };
        if w.is_zero() {
            return None;
        }
        // w ≤ 4·10^−d, in integers: w is m·10^−s.
        let (m, s) = (w.mantissa().unsigned_abs(), w.scale());
        let within = |d: u32| match d.checked_sub(s) {
            Some(up) => 10u128
                .checked_pow(up)
                .and_then(|p| m.checked_mul(p))
                .is_some_and(|x| x <= 4),
            None => 10u128
                .checked_pow(s.saturating_sub(d))
                .and_then(|p| p.checked_mul(4))
                .is_some_and(|bound| m <= bound),
        };
        if w.is_sign_negative() {
            return Some(12);
        }
        (0..=12u32).rev().find(|d| within(*d)).or(Some(0))
    }
}

impl fmt::Display for Bounded {
    /// `point [low, high]`, with `(`/`)` for open ends and `∞` for unbounded
    /// sides, e.g. `30 (30, ∞)`. For debugging and error messages.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (lb, lv) = match self.low {
            Endpoint::Unbounded => ("(", "-∞".to_string()),
            Endpoint::Open(v) => ("(", v.to_string()),
            Endpoint::Closed(v) => ("[", v.to_string()),
        };
        let (hb, hv) = match self.high {
            Endpoint::Unbounded => (")", "∞".to_string()),
            Endpoint::Open(v) => (")", v.to_string()),
            Endpoint::Closed(v) => ("]", v.to_string()),
        };
        write!(f, "{} {lb}{lv}, {hv}{hb}", self.point)
    }
}
