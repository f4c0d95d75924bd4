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

use core::fmt;

use std::ops::Neg;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

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

// ---------------------------------------------------------------------------
// Exactness-checked elementary operations.

/// A rounded-to-nearest result and whether it is exact.
#[derive(Clone, Copy, Debug)]
struct Approx {
    value: Decimal,
    exact: bool,
}

/// `mantissa · 10^−scale`; zero when out of range (only called with valid
/// arguments).
const fn dec(mantissa: i128, scale: u32) -> Decimal {
    let abs = mantissa.unsigned_abs();
    if scale > Decimal::MAX_SCALE || abs >> 96 != 0 {
        return Decimal::ZERO;
    }
    Decimal::from_parts(
        abs as u32,
        (abs >> 32) as u32,
        (abs >> 64) as u32,
        mantissa < 0,
        scale,
    )
}

/// The smallest positive Decimal, 1e-28.
const TINY: Decimal = dec(1, 28);

fn add_x(a: Decimal, b: Decimal) -> Result<Approx, ArithError> {
    let value = a.checked_add(b).ok_or(ArithError::Overflow)?;
    let exact = a.is_zero() || b.is_zero() || value.scale() >= a.scale().max(b.scale());
    Ok(Approx { value, exact })
}

fn sub_x(a: Decimal, b: Decimal) -> Result<Approx, ArithError> {
    add_x(a, b.neg())
}

fn mul_x(a: Decimal, b: Decimal) -> Result<Approx, ArithError> {
    let value = a.checked_mul(b).ok_or(ArithError::Overflow)?;
    let exact =
        a.is_zero() || b.is_zero() || Some(value.scale()) == a.scale().checked_add(b.scale());
    Ok(Approx { value, exact })
}

fn div_x(a: Decimal, b: Decimal) -> Result<Approx, ArithError> {
    if b.is_zero() {
        return Err(ArithError::DivisionByZero);
    }
    let value = a.checked_div(b).ok_or(ArithError::Overflow)?;
    let exact = a.is_zero() || exact_product(value, b) == Some(a);
    Ok(Approx { value, exact })
}

/// `a × b` when `Decimal::checked_mul` computes it exactly (the product of
/// the mantissas fits 96 bits and the scales add up to at most 28), else
/// `None`: what `mul_x` finds, without multiplying when the product cannot
/// fit (the common case of a quotient of 28 digits checked against its
/// divisor).
fn exact_product(a: Decimal, b: Decimal) -> Option<Decimal> {
    if a.is_zero() || b.is_zero() {
        return Some(Decimal::ZERO);
    }
    let scale = a
        .scale()
        .checked_add(b.scale())
        .filter(|s| *s <= Decimal::MAX_SCALE)?;
    let mantissa = a
        .mantissa()
        .unsigned_abs()
        .checked_mul(b.mantissa().unsigned_abs())
        .filter(|m| m >> 96 == 0)?;
    let mantissa = i128::try_from(mantissa).ok()?;
    let signed = if a.is_sign_negative() == b.is_sign_negative() {
        mantissa
    } else {
        mantissa.checked_neg()?
    };
    Decimal::try_from_i128_with_scale(signed, scale).ok()
}

/// One unit in the last place of a rounded result.
fn ulp(v: Decimal) -> Decimal {
    if v.is_zero() { TINY } else { dec(1, v.scale()) }
}

/// A lower bound of the true value behind `a`.
fn down(a: Approx) -> Result<Decimal, ArithError> {
    if a.exact {
        Ok(a.value)
    } else {
        a.value
            .checked_sub(ulp(a.value))
            .ok_or(ArithError::Overflow)
    }
}

/// An upper bound of the true value behind `a`.
fn up(a: Approx) -> Result<Decimal, ArithError> {
    if a.exact {
        Ok(a.value)
    } else {
        a.value
            .checked_add(ulp(a.value))
            .ok_or(ArithError::Overflow)
    }
}

// ---------------------------------------------------------------------------
// Extended endpoints used by the interval algorithms.

/// An extended real: −∞, a decimal, or +∞ (ordered in that way).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Ext {
    NegInf,
    Fin(Decimal),
    PosInf,
}

/// The sign of a product or quotient from the signs (−1, 0, 1) of its terms.
fn sign_product(a: i8, b: i8) -> i8 {
    if a == 0 || b == 0 {
        0
    } else if (a < 0) == (b < 0) {
        1
    } else {
        -1
    }
}

fn inf(sign: i8) -> Ext {
    if sign < 0 { Ext::NegInf } else { Ext::PosInf }
}

/// An endpoint with the side on which the interval lies (`dir`: +1 for a low
/// end, −1 for a high end), needed for the sign of an open zero endpoint.
#[derive(Clone, Copy, Debug)]
struct End {
    x: Ext,
    open: bool,
    dir: i8,
}

impl End {
    fn low(e: Endpoint) -> End {
        End::from(e, Ext::NegInf, 1)
    }
    fn high(e: Endpoint) -> End {
        End::from(e, Ext::PosInf, -1)
    }
    fn from(e: Endpoint, unbounded: Ext, dir: i8) -> End {
        match e {
            Endpoint::Unbounded => End {
                x: unbounded,
                open: true,
                dir,
            },
            Endpoint::Closed(v) => End {
                x: Ext::Fin(v),
                open: false,
                dir,
            },
            Endpoint::Open(v) => End {
                x: Ext::Fin(v),
                open: true,
                dir,
            },
        }
    }
    fn is_closed_zero(&self) -> bool {
        !self.open && self.x == Ext::Fin(Decimal::ZERO)
    }
    fn is_open_zero(&self) -> bool {
        self.open && self.x == Ext::Fin(Decimal::ZERO)
    }
    /// The sign of the values near this endpoint (0 only for a closed zero).
    fn sign(&self) -> i8 {
        match self.x {
            Ext::NegInf => -1,
            Ext::PosInf => 1,
            Ext::Fin(v) if v.is_zero() => {
                if self.open {
                    self.dir
                } else {
                    0
                }
            }
            Ext::Fin(v) => {
                if v.is_sign_negative() {
                    -1
                } else {
                    1
                }
            }
        }
    }
}

/// An enclosure `lo ..= hi` of one corner value of a binary operation; `open`
/// when that value is only approached.
#[derive(Clone, Copy, Debug)]
struct Cand {
    lo: Ext,
    hi: Ext,
    open: bool,
}

impl Cand {
    fn exact(x: Ext, open: bool) -> Cand {
        Cand { lo: x, hi: x, open }
    }
    fn approx(a: Approx, open: bool) -> Result<Cand, ArithError> {
        Ok(Cand {
            lo: Ext::Fin(down(a)?),
            hi: Ext::Fin(up(a)?),
            open,
        })
    }
    /// A corner whose limit is indeterminate (0 × ∞, ∞ / ∞, 0 / 0): the values
    /// near it cover the whole open half line of `sign`.
    fn half_line(sign: i8) -> [Cand; 2] {
        [
            Cand::exact(inf(sign), true),
            Cand::exact(Ext::Fin(Decimal::ZERO), true),
        ]
    }
}

/// The corner enclosures of one operation: at most two for each of four
/// corners, kept on the stack (an interval operation allocates nothing).
struct Corners {
    items: [Cand; 8],
    len: usize,
}

impl Corners {
    fn new() -> Corners {
        Corners {
            items: [Cand::exact(Ext::NegInf, true); 8],
            len: 0,
        }
    }

    fn push(&mut self, cand: Cand) {
        if let Some(slot) = self.items.get_mut(self.len) {
            *slot = cand;
            self.len = self.len.saturating_add(1);
        }
    }

    fn extend(&mut self, cands: [Cand; 2]) {
        for cand in cands {
            self.push(cand);
        }
    }

    fn as_slice(&self) -> &[Cand] {
        self.items.get(..self.len).unwrap_or_default()
    }
}

fn mul_corner(a: End, b: End, out: &mut Corners) -> Result<(), ArithError> {
    if a.is_closed_zero() || b.is_closed_zero() {
        out.push(Cand::exact(Ext::Fin(Decimal::ZERO), false));
        return Ok(());
    }
    match (a.x, b.x) {
        (Ext::Fin(x), Ext::Fin(y)) => out.push(Cand::approx(mul_x(x, y)?, a.open || b.open)?),
        _ => {
            let sign = sign_product(a.sign(), b.sign());
            if a.is_open_zero() || b.is_open_zero() {
                out.extend(Cand::half_line(sign));
            } else {
                out.push(Cand::exact(inf(sign), true));
            }
        }
    }
    Ok(())
}

/// A corner of `n / d`; `d` is never a closed zero here.
fn div_corner(n: End, d: End, out: &mut Corners) -> Result<(), ArithError> {
    if n.is_closed_zero() {
        out.push(Cand::exact(Ext::Fin(Decimal::ZERO), false));
        return Ok(());
    }
    let sign = sign_product(n.sign(), d.sign());
    match (n.x, d.x) {
        (Ext::Fin(x), Ext::Fin(y)) if !y.is_zero() => {
            out.push(Cand::approx(div_x(x, y)?, n.open || d.open)?)
        }
        (Ext::Fin(_), Ext::Fin(_)) => {
            // The divisor is an open zero.
            if n.is_open_zero() {
                out.extend(Cand::half_line(sign));
            } else {
                out.push(Cand::exact(inf(sign), true));
            }
        }
        (Ext::Fin(_), _) => out.push(Cand::exact(Ext::Fin(Decimal::ZERO), true)),
        (_, Ext::Fin(_)) => out.push(Cand::exact(inf(sign), true)),
        _ => out.extend(Cand::half_line(sign)),
    }
    Ok(())
}

/// The ends of an interval for the corners of an operation: one for an
/// exact value, whose two ends would give the same corners twice (which
/// cannot change their hull, and an exact factor is the common case:
/// every stated figure is scaled by one).
fn ends(b: &Bounded) -> impl Iterator<Item = End> {
    let exact = b.is_exact();
    [End::low(b.low), End::high(b.high)]
        .into_iter()
        .take(if exact { 1 } else { 2 })
}

/// The hull of the corner enclosures: the smallest `lo` and largest `hi`,
/// preferring a closed end on ties.
fn hull(cands: &[Cand]) -> Result<(Endpoint, Endpoint), ArithError> {
    let mut low: Option<(Ext, bool)> = None;
    let mut high: Option<(Ext, bool)> = None;
    for c in cands {
        low = match low {
            Some((v, o)) if v < c.lo || (v == c.lo && !o) => Some((v, o)),
            _ => Some((c.lo, c.open)),
        };
        high = match high {
            Some((v, o)) if v > c.hi || (v == c.hi && !o) => Some((v, o)),
            _ => Some((c.hi, c.open)),
        };
    }
    let low = match low {
        Some((Ext::NegInf, _)) => Endpoint::Unbounded,
        Some((Ext::Fin(v), open)) => endpoint(v, open),
        _ => return Err(ArithError::Overflow),
    };
    let high = match high {
        Some((Ext::PosInf, _)) => Endpoint::Unbounded,
        Some((Ext::Fin(v), open)) => endpoint(v, open),
        _ => return Err(ArithError::Overflow),
    };
    Ok((low, high))
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
        (Some(x), Some(y)) => x > y || (x == y && (a.is_open() || !b.is_open())),
    }
}

/// Whether high end `a` stops no later than high end `b`.
fn high_within(a: Endpoint, b: Endpoint) -> bool {
    match (a.value(), b.value()) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(x), Some(y)) => x < y || (x == y && (a.is_open() || !b.is_open())),
    }
}

/// Whether the high end `h` of one interval lies before the low end `l` of
/// another (no common value).
fn separated(h: Endpoint, l: Endpoint) -> bool {
    match (h.value(), l.value()) {
        (Some(x), Some(y)) => x < y || (x == y && (h.is_open() || l.is_open())),
        _ => false,
    }
}

/// An enclosure of a function value: the value (rounded to nearest) and sound
/// bounds around the true value.
#[derive(Clone, Copy, Debug)]
struct Encl {
    value: Decimal,
    lo: Decimal,
    hi: Decimal,
}

impl Encl {
    fn exact(v: Decimal) -> Encl {
        Encl {
            value: v,
            lo: v,
            hi: v,
        }
    }
    /// `v` widened by `rel·|v| + ABS_ERROR`, rounded outward.
    fn widened(v: Decimal, rel: Decimal) -> Result<Encl, ArithError> {
        let e = up(mul_x(v.abs(), rel)?)?;
        let e = up(add_x(e, math::ABS_ERROR)?)?;
        Ok(Encl {
            value: v,
            lo: down(sub_x(v, e)?)?,
            hi: up(add_x(v, e)?)?,
        })
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
            if l > h {
                return Err(ArithError::Domain(
                    "interval's low bound is above its high bound",
                ));
            }
            if l == h && (low.is_open() || high.is_open()) {
                return Err(ArithError::Domain("empty interval"));
            }
        }
        let below = low.value().is_some_and(|l| point < l);
        let above = high.value().is_some_and(|h| point > h);
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
            if l >= h && (low.is_open() || high.is_open() || l > h) {
                low = Endpoint::Closed(l.min(h));
                high = Endpoint::Closed(l.max(h));
            }
        }
        let mut point = point;
        if let Some(l) = low.value() {
            point = point.max(l);
        }
        if let Some(h) = high.value() {
            point = point.min(h);
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
        self.low == Endpoint::Closed(self.point) && self.high == Endpoint::Closed(self.point)
    }

    /// `high − low` (rounded up), or `None` when unbounded on a side or when
    /// the width exceeds the range of `Decimal`.
    pub fn width(&self) -> Option<Decimal> {
        let w = sub_x(self.high.value()?, self.low.value()?).ok()?;
        up(w).ok()
    }

    /// The sum of two bounded values.
    ///
    /// ```
    /// # use earnings::bounded::{Bounded, Endpoint};
    /// # use rust_decimal::Decimal;
    /// let a = Bounded::closed(Decimal::new(10, 0), Decimal::new(9, 0), Decimal::new(11, 0))?;
    /// let b = Bounded::exact(Decimal::new(5, 1));
    /// let s = a.checked_add(&b)?;
    /// assert_eq!((s.point(), s.low(), s.high()), (Decimal::new(105, 1),
    ///     Endpoint::Closed(Decimal::new(95, 1)), Endpoint::Closed(Decimal::new(115, 1))));
    /// # Ok::<(), earnings::bounded::ArithError>(())
    /// ```
    pub fn checked_add(&self, other: &Bounded) -> Result<Bounded, ArithError> {
        let point = self
            .point
            .checked_add(other.point)
            .ok_or(ArithError::Overflow)?;
        let low = match (self.low.value(), other.low.value()) {
            (Some(a), Some(b)) => endpoint(
                down(add_x(a, b)?)?,
                self.low.is_open() || other.low.is_open(),
            ),
            _ => Endpoint::Unbounded,
        };
        let high = match (self.high.value(), other.high.value()) {
            (Some(a), Some(b)) => endpoint(
                up(add_x(a, b)?)?,
                self.high.is_open() || other.high.is_open(),
            ),
            _ => Endpoint::Unbounded,
        };
        Ok(Bounded::from_parts(point, low, high))
    }

    /// The difference `self − other`.
    ///
    /// ```
    /// # use earnings::bounded::Bounded;
    /// # use rust_decimal::Decimal;
    /// let d = Bounded::exact(Decimal::new(3, 0)).checked_sub(&Bounded::exact(Decimal::ONE))?;
    /// assert!(d.is_exact() && d.point() == Decimal::TWO);
    /// # Ok::<(), earnings::bounded::ArithError>(())
    /// ```
    pub fn checked_sub(&self, other: &Bounded) -> Result<Bounded, ArithError> {
        self.checked_add(&other.neg())
    }

    /// The product of two bounded values, over all signs and unbounded sides
    /// (`0 × ∞` is 0 for a closed zero end).
    ///
    /// ```
    /// # use earnings::bounded::{Bounded, Endpoint};
    /// # use rust_decimal::Decimal;
    /// let thirty = Decimal::new(30, 0);
    /// let more_than_30 = Bounded::new(thirty, Endpoint::Open(thirty), Endpoint::Unbounded)?;
    /// let two_to_three = Bounded::closed(Decimal::TWO, Decimal::TWO, Decimal::new(3, 0))?;
    /// let p = more_than_30.checked_mul(&two_to_three)?;
    /// assert_eq!((p.low(), p.high()), (Endpoint::Open(Decimal::new(60, 0)), Endpoint::Unbounded));
    /// assert_eq!(Bounded::exact(Decimal::new(8971, 3)).checked_mul(&Bounded::exact(Decimal::new(4, 0)))?,
    ///     Bounded::exact(Decimal::new(35884, 3)));
    /// # Ok::<(), earnings::bounded::ArithError>(())
    /// ```
    pub fn checked_mul(&self, other: &Bounded) -> Result<Bounded, ArithError> {
        if other.is_exact() {
            if let Some(product) = self.exactly_scaled(other.point) {
                return Ok(product);
            }
        }
        self.product_by_corners(other)
    }

    /// The product from the corners of the two intervals.
    fn product_by_corners(&self, other: &Bounded) -> Result<Bounded, ArithError> {
        let point = self
            .point
            .checked_mul(other.point)
            .ok_or(ArithError::Overflow)?;
        let mut cands = Corners::new();
        for a in ends(self) {
            for b in ends(other) {
                mul_corner(a, b, &mut cands)?;
            }
        }
        let (low, high) = hull(cands.as_slice())?;
        Ok(Bounded::from_parts(point, low, high))
    }

    /// The quotient `self / other`.
    ///
    /// Errors with [`ArithError::DivisionByZero`] when the divisor's interval
    /// contains zero (an open zero end is fine) or its point is zero.
    ///
    /// ```
    /// # use earnings::bounded::{Bounded, Endpoint};
    /// # use rust_decimal::Decimal;
    /// let q = Bounded::exact(Decimal::new(30, 0)).checked_div(&Bounded::exact(Decimal::new(3, 0)))?;
    /// assert_eq!(q, Bounded::exact(Decimal::TEN));
    /// let one_two = Bounded::closed(Decimal::ONE, Decimal::ONE, Decimal::TWO)?;
    /// let over_10 = Bounded::new(Decimal::TEN, Endpoint::Open(Decimal::TEN), Endpoint::Unbounded)?;
    /// let r = one_two.checked_div(&over_10)?;
    /// assert_eq!((r.low(), r.high()), (Endpoint::Open(Decimal::ZERO), Endpoint::Open(Decimal::new(2, 1))));
    /// # Ok::<(), earnings::bounded::ArithError>(())
    /// ```
    pub fn checked_div(&self, other: &Bounded) -> Result<Bounded, ArithError> {
        if other.contains_zero() || other.point.is_zero() {
            return Err(ArithError::DivisionByZero);
        }
        let point = self
            .point
            .checked_div(other.point)
            .ok_or(ArithError::Overflow)?;
        let mut cands = Corners::new();
        for n in ends(self) {
            for d in ends(other) {
                div_corner(n, d, &mut cands)?;
            }
        }
        let (low, high) = hull(cands.as_slice())?;
        Ok(Bounded::from_parts(point, low, high))
    }

    /// The negation (cannot overflow: `Decimal`'s range is symmetric).
    ///
    /// ```
    /// # use earnings::bounded::{Bounded, Endpoint};
    /// # use rust_decimal::Decimal;
    /// let b = Bounded::new(Decimal::ONE, Endpoint::Open(Decimal::ZERO), Endpoint::Unbounded)?.neg();
    /// assert_eq!((b.low(), b.high()), (Endpoint::Unbounded, Endpoint::Open(Decimal::ZERO)));
    /// # Ok::<(), earnings::bounded::ArithError>(())
    /// ```
    #[allow(clippy::should_implement_trait)]
    pub fn neg(&self) -> Bounded {
        let flip = |e: Endpoint| match e {
            Endpoint::Unbounded => Endpoint::Unbounded,
            Endpoint::Closed(v) => Endpoint::Closed(v.neg()),
            Endpoint::Open(v) => Endpoint::Open(v.neg()),
        };
        Bounded {
            point: self.point.neg(),
            low: flip(self.high),
            high: flip(self.low),
        }
    }

    /// Multiplication by an exact number.
    ///
    /// ```
    /// # use earnings::bounded::Bounded;
    /// # use rust_decimal::Decimal;
    /// let b = Bounded::closed(Decimal::new(30, 0), Decimal::new(295, 1), Decimal::new(305, 1))?;
    /// let s = b.checked_scale(Decimal::new(12, 0))?;
    /// assert_eq!(s, Bounded::closed(Decimal::new(360, 0), Decimal::new(354, 0), Decimal::new(366, 0))?);
    /// # Ok::<(), earnings::bounded::ArithError>(())
    /// ```
    pub fn checked_scale(&self, factor: Decimal) -> Result<Bounded, ArithError> {
        if let Some(scaled) = self.exactly_scaled(factor) {
            return Ok(scaled);
        }
        self.checked_mul(&Bounded::exact(factor))
    }

    /// The product by a positive factor when every product is exact (the
    /// common case: a stated figure scaled to units, money to its output
    /// scale): mantissas multiplied and scales added, the very decimals
    /// `Decimal::checked_mul` gives (zero as `Decimal::ZERO`), and the
    /// interval the corners would give, since an exact positive factor keeps
    /// the order of the ends and of the point between them.
    fn exactly_scaled(&self, factor: Decimal) -> Option<Bounded> {
        if factor.is_sign_negative() || factor.is_zero() {
            return None;
        }
        let times = |d: Decimal| -> Option<Decimal> {
            if d.is_zero() {
                return Some(Decimal::ZERO);
            }
            let scale = d
                .scale()
                .checked_add(factor.scale())
                .filter(|s| *s <= Decimal::MAX_SCALE)?;
            let mantissa = d.mantissa().checked_mul(factor.mantissa())?;
            if mantissa.unsigned_abs() >> 96 != 0 {
                return None;
            }
            Decimal::try_from_i128_with_scale(mantissa, scale).ok()
        };
        let end = |e: Endpoint| -> Option<Endpoint> {
            Some(match e {
                Endpoint::Unbounded => Endpoint::Unbounded,
                Endpoint::Closed(v) => Endpoint::Closed(times(v)?),
                Endpoint::Open(v) => Endpoint::Open(times(v)?),
            })
        };
        Some(Bounded {
            point: times(self.point)?,
            low: end(self.low)?,
            high: end(self.high)?,
        })
    }

    /// `self^exponent` for a value that is positive everywhere (otherwise a
    /// [`ArithError::Domain`] error), with an exact, possibly fractional or
    /// negative, exponent. Integer exponents up to 64 in size are computed by
    /// exact multiplication; exponents `1/n` (n an integer) are roots.
    ///
    /// ```
    /// # use earnings::bounded::Bounded;
    /// # use rust_decimal::Decimal;
    /// let sq = Bounded::exact(Decimal::new(15, 1)).checked_powd(Decimal::TWO)?;
    /// assert_eq!(sq, Bounded::exact(Decimal::new(225, 2)));
    /// // Tripling in two quarters: 73.21% a quarter.
    /// let r = Bounded::exact(Decimal::new(3, 0)).checked_powd(Decimal::new(5, 1))?;
    /// assert_eq!(r.point().round_dp(12), Decimal::new(1732050807569, 12));
    /// assert!(r.contains(Decimal::from_i128_with_scale(17320508075688772935, 19)));
    /// # Ok::<(), earnings::bounded::ArithError>(())
    /// ```
    pub fn checked_powd(&self, exponent: Decimal) -> Result<Bounded, ArithError> {
        const MSG: &str = "power of a value that can be zero or negative";
        self.require_positive(MSG)?;
        if exponent.is_zero() {
            return Ok(Bounded::exact(Decimal::ONE));
        }
        let small_integer = Some(exponent)
            .filter(Decimal::is_integer)
            .and_then(|e| e.to_i64())
            .filter(|k| k.unsigned_abs() <= 64);
        if let Some(k) = small_integer {
            let base = if k < 0 {
                Bounded::exact(Decimal::ONE).checked_div(self)?
            } else {
                *self
            };
            return Ok(base.pow_int(k.unsigned_abs())?.positive_floor());
        }
        if let Some(n) = reciprocal_integer(exponent) {
            return self.root_int(n, exponent.is_sign_negative(), MSG);
        }
        let increasing = exponent.is_sign_positive();
        let (at_zero, at_inf) = if increasing {
            (Ext::Fin(Decimal::ZERO), Ext::PosInf)
        } else {
            (Ext::PosInf, Ext::Fin(Decimal::ZERO))
        };
        self.monotone(increasing, true, at_zero, at_inf, MSG, |v| {
            math::powd_encl(v, exponent)
        })
    }

    /// The n-th root `self^(1/n)`, for `n > 0` (possibly fractional, e.g. 2.5
    /// months) and a value positive everywhere.
    ///
    /// ```
    /// # use earnings::bounded::Bounded;
    /// # use rust_decimal::Decimal;
    /// // Tripling in six months: 20.09% a month.
    /// let m = Bounded::exact(Decimal::new(3, 0)).checked_root(Decimal::new(6, 0))?;
    /// let rate = m.checked_sub(&Bounded::exact(Decimal::ONE))?;
    /// assert_eq!(rate.point().round_dp(9), Decimal::new(200936955, 9));
    /// assert_eq!(Bounded::exact(Decimal::new(4, 0)).checked_root(Decimal::TWO)?, Bounded::exact(Decimal::TWO));
    /// # Ok::<(), earnings::bounded::ArithError>(())
    /// ```
    pub fn checked_root(&self, n: Decimal) -> Result<Bounded, ArithError> {
        const MSG: &str = "root of a value that can be zero or negative";
        if n <= Decimal::ZERO {
            return Err(ArithError::Domain("root of a degree that is not positive"));
        }
        self.require_positive(MSG)?;
        if n == Decimal::ONE {
            return Ok(*self);
        }
        let small_integer = Some(n)
            .filter(Decimal::is_integer)
            .and_then(|n| n.to_u32())
            .filter(|k| *k <= 64);
        if let Some(k) = small_integer {
            return self.root_int(k, false, MSG);
        }
        self.monotone(true, true, Ext::Fin(Decimal::ZERO), Ext::PosInf, MSG, |v| {
            math::root_encl(v, n)
        })
    }

    /// The natural logarithm, for a value positive everywhere.
    ///
    /// ```
    /// # use earnings::bounded::Bounded;
    /// # use rust_decimal::Decimal;
    /// let l = Bounded::exact(Decimal::TWO).checked_ln()?;
    /// assert_eq!(l.point().round_dp(20), Decimal::from_i128_with_scale(69314718055994530942, 20));
    /// assert_eq!(Bounded::exact(Decimal::ONE).checked_ln()?, Bounded::exact(Decimal::ZERO));
    /// # Ok::<(), earnings::bounded::ArithError>(())
    /// ```
    pub fn checked_ln(&self) -> Result<Bounded, ArithError> {
        const MSG: &str = "logarithm of a value that can be zero or negative";
        self.monotone(true, false, Ext::NegInf, Ext::PosInf, MSG, math::ln_encl)
    }

    fn require_positive(&self, msg: &'static str) -> Result<(), ArithError> {
        if self.is_positive() && self.point > Decimal::ZERO {
            Ok(())
        } else {
            Err(ArithError::Domain(msg))
        }
    }

    /// Replaces a low end at or below zero by `Open(0)`, for results known to
    /// be positive (a product that underflowed).
    fn positive_floor(self) -> Bounded {
        match self.low.value() {
            Some(v) if v <= Decimal::ZERO => {
                Bounded::from_parts(self.point, Endpoint::Open(Decimal::ZERO), self.high)
            }
            _ => self,
        }
    }

    /// `self^k` by repeated exact-checked interval multiplication.
    fn pow_int(&self, k: u64) -> Result<Bounded, ArithError> {
        let mut result = Bounded::exact(Decimal::ONE);
        let mut base = *self;
        let mut k = k;
        while k > 0 {
            if k & 1 == 1 {
                result = result.checked_mul(&base)?;
            }
            k >>= 1;
            if k > 0 {
                base = base.checked_mul(&base)?;
            }
        }
        Ok(result)
    }

    /// `self^(1/n)` (or `self^(−1/n)` when `reciprocal`) for an integer n.
    fn root_int(&self, n: u32, reciprocal: bool, msg: &'static str) -> Result<Bounded, ArithError> {
        let r = self.monotone(true, true, Ext::Fin(Decimal::ZERO), Ext::PosInf, msg, |v| {
            math::root_int_encl(v, n)
        })?;
        if reciprocal {
            Bounded::exact(Decimal::ONE).checked_div(&r)
        } else {
            Ok(r)
        }
    }

    /// Applies a strictly monotone function `f` defined on positive decimals,
    /// with the given limits at an open zero end and at +∞.
    fn monotone<F>(
        &self,
        increasing: bool,
        positive_result: bool,
        at_zero: Ext,
        at_inf: Ext,
        msg: &'static str,
        f: F,
    ) -> Result<Bounded, ArithError>
    where
        F: Fn(Decimal) -> Result<Encl, ArithError>,
    {
        self.require_positive(msg)?;
        let point = f(self.point)?.value;
        let map = |e: Endpoint| -> Result<(Ext, Ext, bool), ArithError> {
            match e {
                Endpoint::Unbounded => Ok((at_inf, at_inf, true)),
                Endpoint::Open(v) | Endpoint::Closed(v) if v.is_zero() => {
                    Ok((at_zero, at_zero, true))
                }
                Endpoint::Open(v) | Endpoint::Closed(v) => {
                    let r = f(v)?;
                    Ok((Ext::Fin(r.lo), Ext::Fin(r.hi), e.is_open()))
                }
            }
        };
        let (l_lo, l_hi, l_open) = map(self.low)?;
        let (h_lo, h_hi, h_open) = map(self.high)?;
        let ((lo, lo_open), (hi, hi_open)) = if increasing {
            ((l_lo, l_open), (h_hi, h_open))
        } else {
            ((h_lo, h_open), (l_hi, l_open))
        };
        let low = match lo {
            Ext::NegInf => Endpoint::Unbounded,
            Ext::Fin(v) if positive_result && v <= Decimal::ZERO => Endpoint::Open(Decimal::ZERO),
            Ext::Fin(v) => endpoint(v, lo_open),
            Ext::PosInf => return Err(ArithError::Overflow),
        };
        let high = match hi {
            Ext::PosInf => Endpoint::Unbounded,
            Ext::Fin(v) => endpoint(v, hi_open),
            Ext::NegInf => return Err(ArithError::Overflow),
        };
        Ok(Bounded::from_parts(point, low, high))
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
        match self.low {
            Endpoint::Unbounded => false,
            Endpoint::Closed(v) => v > Decimal::ZERO,
            Endpoint::Open(v) => v >= Decimal::ZERO,
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

/// `n` when `y = 1/n` exactly for an integer `2 ≤ n ≤ 64` (sign ignored).
fn reciprocal_integer(y: Decimal) -> Option<u32> {
    let r = div_x(Decimal::ONE, y.abs()).ok()?;
    if !r.exact || !r.value.is_integer() {
        return None;
    }
    r.value.to_u32().filter(|n| (2..=64).contains(n))
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

/// Decimal functions (plain, not interval), computed in `Decimal` by argument
/// reduction and series.
///
/// Accuracy: each result differs from the true value by at most
/// `1e-25·|value| + 1e-25` (`ln`), `1e-25·value + 1e-27` (`exp`), well within
/// [`REL_ERROR`]`·|value| + `[`ABS_ERROR`], the widening the interval
/// operations apply. `powd(x, y)` and `root(x, n)` (`exp(y·ln x)`) add an error
/// of about `2·(|y|+1)·(|ln x|+1)·1e-25` relative, which is below `REL_ERROR`
/// unless the exponent is enormous (the interval versions then widen by the
/// computed bound). Results below `1e-27` may be returned as zero.
pub mod math {
    use super::{Approx, ArithError, Encl, add_x, dec, div_x, mul_x, sub_x};
    use rust_decimal::Decimal;
    use rust_decimal::prelude::ToPrimitive;

    /// The relative widening applied to logarithms, exponentials, powers and
    /// roots: `1e-15`.
    pub const REL_ERROR: Decimal = dec(1, 15);

    /// The absolute widening added to [`REL_ERROR`]: `1e-24` (`Decimal` cannot
    /// resolve below `1e-28`, so near zero only an absolute bound holds).
    pub const ABS_ERROR: Decimal = dec(1, 24);

    /// ln 2, rounded to 28 decimals.
    const LN2: Decimal = dec(6931471805599453094172321215, 28);
    /// ln 10, rounded to 28 decimals.
    const LN10: Decimal = dec(23025850929940456840179914547, 28);
    /// Internal error bound of `ln` and `exp`, relative and absolute (see the
    /// module documentation).
    const INTERNAL: Decimal = dec(1, 25);

    fn half() -> Decimal {
        dec(5, 1)
    }

    /// The natural logarithm of `x`; `None` when `x ≤ 0`.
    ///
    /// ```
    /// # use earnings::bounded::math;
    /// # use rust_decimal::Decimal;
    /// let l = math::ln(Decimal::TWO).map(|v| v.round_dp(24));
    /// assert_eq!(l, Some(Decimal::from_i128_with_scale(693147180559945309417232, 24)));
    /// ```
    pub fn ln(x: Decimal) -> Option<Decimal> {
        ln_r(x).ok()
    }

    fn ln_r(x: Decimal) -> Result<Decimal, ArithError> {
        if x <= Decimal::ZERO {
            return Err(ArithError::Domain(
                "logarithm of a value that can be zero or negative",
            ));
        }
        if x == Decimal::ONE {
            return Ok(Decimal::ZERO);
        }
        if x >= half() && x <= Decimal::TWO {
            return ln_near_one(x);
        }
        // x = y · 10^e with y in [1, 10): an exact change of scale.
        let m = x.mantissa();
        let digits = decimal_digits(m);
        let y = Decimal::try_from_i128_with_scale(m, digits.saturating_sub(1))
            .map_err(|_| ArithError::Overflow)?;
        // At most 29 digits and a scale of at most 28: no overflow.
        let e = i64::from(digits)
            .saturating_sub(1)
            .saturating_sub(i64::from(x.scale()));
        // y / 2^j in [0.7, 1.4).
        let j: i64 = if y < dec(14, 1) {
            0
        } else if y < dec(28, 1) {
            1
        } else if y < dec(56, 1) {
            2
        } else {
            3
        };
        let z = div_x(y, Decimal::from(1i64 << j))?.value;
        let mut acc = ln_near_one(z)?;
        acc = add_x(acc, mul_x(LN2, Decimal::from(j))?.value)?.value;
        acc = add_x(acc, mul_x(LN10, Decimal::from(e))?.value)?.value;
        Ok(acc)
    }

    fn decimal_digits(m: i128) -> u32 {
        let mut m = m.unsigned_abs();
        let mut d: u32 = 0;
        while m > 0 {
            m = m.checked_div(10).unwrap_or(0);
            d = d.saturating_add(1);
        }
        d
    }

    /// ln z = 2·atanh((z−1)/(z+1)) for z in [0.5, 2].
    fn ln_near_one(z: Decimal) -> Result<Decimal, ArithError> {
        let u = div_x(sub_x(z, Decimal::ONE)?.value, add_x(z, Decimal::ONE)?.value)?.value;
        let u2 = mul_x(u, u)?.value;
        let mut power = u;
        let mut sum = Decimal::ZERO;
        let mut k = Decimal::ONE;
        for _ in 0..200 {
            let term = div_x(power, k)?.value;
            if term.is_zero() {
                break;
            }
            sum = add_x(sum, term)?.value;
            power = mul_x(power, u2)?.value;
            k = add_x(k, Decimal::TWO)?.value;
        }
        Ok(mul_x(sum, Decimal::TWO)?.value)
    }

    /// e^x; `None` when the result exceeds the range of `Decimal`.
    ///
    /// ```
    /// # use earnings::bounded::math;
    /// # use rust_decimal::Decimal;
    /// let e = math::exp(Decimal::ONE).map(|v| v.round_dp(24));
    /// assert_eq!(e, Some(Decimal::from_i128_with_scale(2718281828459045235360287, 24)));
    /// ```
    pub fn exp(x: Decimal) -> Option<Decimal> {
        exp_r(x).ok()
    }

    fn exp_r(x: Decimal) -> Result<Decimal, ArithError> {
        if x.is_zero() {
            return Ok(Decimal::ONE);
        }
        if x > dec(67, 0) {
            return Err(ArithError::Overflow);
        }
        if x < dec(-65, 0) {
            return Ok(Decimal::ZERO);
        }
        let k = div_x(x, LN2)?
            .value
            .round()
            .to_i64()
            .ok_or(ArithError::Overflow)?;
        let r = sub_x(x, mul_x(LN2, Decimal::from(k))?.value)?.value;
        // Taylor series; |r| ≤ 0.35.
        let mut sum = Decimal::ONE;
        let mut term = Decimal::ONE;
        for n in 1..100i64 {
            term = div_x(mul_x(term, r)?.value, Decimal::from(n))?.value;
            if term.is_zero() {
                break;
            }
            sum = add_x(sum, term)?.value;
        }
        let shift = k.unsigned_abs().min(95);
        let rest = k.unsigned_abs().saturating_sub(shift);
        let pow2 = Decimal::try_from_i128_with_scale(1i128 << shift, 0)
            .map_err(|_| ArithError::Overflow)?;
        let rest = Decimal::from(1i64 << rest.min(8));
        if k >= 0 {
            Ok(mul_x(mul_x(sum, pow2)?.value, rest)?.value)
        } else {
            Ok(div_x(div_x(sum, pow2)?.value, rest)?.value)
        }
    }

    /// `x^y` for `x > 0` (and `0^y = 0` for `y > 0`); `None` when undefined or
    /// beyond the range of `Decimal`.
    ///
    /// ```
    /// # use earnings::bounded::math;
    /// # use rust_decimal::Decimal;
    /// let sixth = Decimal::ONE.checked_div(Decimal::new(6, 0));
    /// let r = sixth.and_then(|y| math::powd(Decimal::TEN, y)).map(|v| v.round_dp(10));
    /// assert_eq!(r, Some(Decimal::new(14677992676, 10)));
    /// ```
    pub fn powd(x: Decimal, y: Decimal) -> Option<Decimal> {
        if x.is_zero() && y > Decimal::ZERO {
            return Some(Decimal::ZERO);
        }
        super::Bounded::exact(x)
            .checked_powd(y)
            .ok()
            .map(|b| b.point())
    }

    /// `x^(1/n)` for `x > 0`, `n > 0`; `None` when undefined or out of range.
    ///
    /// ```
    /// # use earnings::bounded::math;
    /// # use rust_decimal::Decimal;
    /// assert_eq!(math::root(Decimal::new(27, 0), Decimal::new(3, 0)), Some(Decimal::new(3, 0)));
    /// ```
    pub fn root(x: Decimal, n: Decimal) -> Option<Decimal> {
        super::Bounded::exact(x)
            .checked_root(n)
            .ok()
            .map(|b| b.point())
    }

    /// ln with a sound enclosure.
    pub(super) fn ln_encl(x: Decimal) -> Result<Encl, ArithError> {
        if x == Decimal::ONE {
            return Ok(Encl::exact(Decimal::ZERO));
        }
        Encl::widened(ln_r(x)?, REL_ERROR)
    }

    /// exp(y · ln x) with a sound enclosure; `y_abs_up` bounds |y| from above.
    fn exp_of_product(x: Decimal, y: Approx, y_abs_up: Decimal) -> Result<Encl, ArithError> {
        if x <= Decimal::ZERO {
            return Err(ArithError::Domain(
                "power of a value that can be zero or negative",
            ));
        }
        if x == Decimal::ONE {
            return Ok(Encl::exact(Decimal::ONE));
        }
        let l = ln_r(x)?;
        let z = mul_x(y.value, l)?.value;
        let v = exp_r(z)?;
        // Error of z: |y|·(1e-25·(|l|+1)) from ln, plus rounding; e^δ − 1 ≤ 2δ.
        let dz = mul_x(
            mul_x(
                add_x(y_abs_up, Decimal::ONE)?.value,
                add_x(l.abs(), Decimal::ONE)?.value,
            )?
            .value,
            INTERNAL,
        )?
        .value;
        let rel = add_x(mul_x(dz, dec(4, 0))?.value, dec(1, 24))?.value;
        if rel > dec(1, 3) {
            return Err(ArithError::Domain("exponent too large for a precise power"));
        }
        Encl::widened(v, rel.max(REL_ERROR))
    }

    pub(super) fn powd_encl(x: Decimal, y: Decimal) -> Result<Encl, ArithError> {
        if y.is_zero() {
            return Ok(Encl::exact(Decimal::ONE));
        }
        exp_of_product(
            x,
            Approx {
                value: y,
                exact: true,
            },
            y.abs(),
        )
    }

    /// x^(1/n) for a positive, possibly fractional n.
    pub(super) fn root_encl(x: Decimal, n: Decimal) -> Result<Encl, ArithError> {
        if n <= Decimal::ZERO {
            return Err(ArithError::Domain("root of a degree that is not positive"));
        }
        let y = div_x(Decimal::ONE, n)?;
        let y_up = super::up(y)?;
        exp_of_product(x, y, y_up)
    }

    /// x^(1/n) for an integer n ≥ 1, exact when the root is a representable
    /// decimal (checked by exact multiplication).
    pub(super) fn root_int_encl(x: Decimal, n: u32) -> Result<Encl, ArithError> {
        if n == 1 && x > Decimal::ZERO {
            return Ok(Encl::exact(x));
        }
        let e = root_encl(x, Decimal::from(n))?;
        let t = x.normalize().scale();
        if let (Some(0), Some(places)) = (t.checked_rem(n), t.checked_div(n)) {
            let c = e.value.round_dp(places);
            if pow_exact(c, n) == Some(x) {
                return Ok(Encl::exact(c));
            }
        }
        Ok(e)
    }

    /// c^n when every multiplication is exact.
    fn pow_exact(c: Decimal, n: u32) -> Option<Decimal> {
        let mut acc = Decimal::ONE;
        for _ in 0..n {
            let p = mul_x(acc, c).ok()?;
            if !p.exact {
                return None;
            }
            acc = p.value;
        }
        Some(acc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
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

    // ------------------------------------------------------------------
    // Property tests.

    fn decimal() -> impl Strategy<Value = Decimal> {
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
    fn interval() -> impl Strategy<Value = Bounded> {
        (decimal(), side(), side()).prop_map(|(x, l, h)| make(x, l, h))
    }

    /// A random interval of positive values with a positive point.
    fn positive() -> impl Strategy<Value = Bounded> {
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
        #![proptest_config(ProptestConfig::with_cases(10_000))]

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
}
