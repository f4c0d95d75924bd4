//! Exactness-checked elementary operations: each rounded-to-nearest result
//! says whether it is exact, and inexact ones are moved outward by a unit
//! in the last place (see the soundness policy in the parent module).

use std::cmp::Ordering;
use std::ops::Neg;

use rust_decimal::Decimal;

use super::ArithError;
use super::math;
use super::quotient::quotient;

#[cfg(test)]
pub(super) mod props;

/// A rounded-to-nearest result and whether it is exact.
#[derive(Clone, Copy, Debug)]
pub(super) struct Approx {
    pub(super) value: Decimal,
    pub(super) exact: bool,
}

/// `mantissa · 10^−scale`; zero when out of range (only called with valid
/// arguments).
pub(super) const fn dec(mantissa: i128, scale: u32) -> Decimal {
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

pub(super) fn add_x(a: Decimal, b: Decimal) -> Result<Approx, ArithError> {
    if let Some(value) = exact_sum(a, b) {
        return Ok(Approx { value, exact: true });
    }
    add_by_decimal(a, b)
}

/// `add_x` by `Decimal::checked_add`: the general method.
fn add_by_decimal(a: Decimal, b: Decimal) -> Result<Approx, ArithError> {
    let value = a.checked_add(b).ok_or(ArithError::Overflow)?;
    let exact = a.is_zero() || b.is_zero() || value.scale() >= a.scale().max(b.scale());
    Ok(Approx { value, exact })
}

/// `a + b` as `Decimal::checked_add` gives it, found on integers where
/// that sum is exact: with an operand zero it is the other operand (`b`
/// for two zeros), else the sum of the mantissas aligned to the larger
/// scale, when both aligned mantissas and the sum fit 96 bits and the sum
/// is nonzero (a zero sum takes its sign from an operand). `None`
/// otherwise: the general method decides.
pub(super) fn exact_sum(a: Decimal, b: Decimal) -> Option<Decimal> {
    if a.is_zero() {
        return Some(b);
    }
    if b.is_zero() {
        return Some(a);
    }
    let (sa, sb) = (a.scale(), b.scale());
    let scale = sa.max(sb);
    // A magnitude rescaled to `scale`, when it fits 96 bits.
    let aligned = |d: Decimal, by: u32| -> Option<u128> {
        let m = d.mantissa().unsigned_abs();
        if by == 0 {
            return Some(m);
        }
        let k = usize::try_from(by).ok()?;
        if m > *MAX_BEFORE_TIMES_TEN_TO.get(k)? {
            return None;
        }
        Some(m.wrapping_mul(*POWERS_OF_TEN.get(k)?))
    };
    let x = aligned(a, scale.saturating_sub(sa))?;
    let y = aligned(b, scale.saturating_sub(sb))?;
    let (na, nb) = (a.is_sign_negative(), b.is_sign_negative());
    let (m, negative) = if na == nb {
        (x.checked_add(y)?, na)
    } else if x >= y {
        (x.checked_sub(y)?, na)
    } else {
        (y.checked_sub(x)?, nb)
    };
    if m == 0 || m >> 96 != 0 {
        return None;
    }
    Some(from_magnitude(m, negative, scale))
}

pub(super) fn sub_x(a: Decimal, b: Decimal) -> Result<Approx, ArithError> {
    add_x(a, b.neg())
}

pub(super) fn mul_x(a: Decimal, b: Decimal) -> Result<Approx, ArithError> {
    match times_power_of_ten(a, b) {
        Some(product) => Ok(product),
        None => mul_by_decimal(a, b),
    }
}

/// `mul_x` by `Decimal::checked_mul`: the general method.
fn mul_by_decimal(a: Decimal, b: Decimal) -> Result<Approx, ArithError> {
    let value = a.checked_mul(b).ok_or(ArithError::Overflow)?;
    let exact =
        a.is_zero() || b.is_zero() || Some(value.scale()) == a.scale().checked_add(b.scale());
    Ok(Approx { value, exact })
}

/// `a × b` for a factor `b` of `10^p` (`1 ≤ p ≤ 9`, scale 0), as `mul_x`
/// finds it without `Decimal::checked_mul` (a percent from a ratio); see
/// [`times_ten_to`]. `None` where that does not decide.
fn times_power_of_ten(a: Decimal, b: Decimal) -> Option<Approx> {
    times_ten_to(a, power_of_ten(b)?)
}

/// The `p` of a factor `10^p` with `1 ≤ p ≤ 9` (scale 0), else `None`.
pub(super) fn power_of_ten(b: Decimal) -> Option<usize> {
    if b.scale() != 0 || b.is_sign_negative() {
        return None;
    }
    match b.mantissa() {
        10 => Some(1),
        100 => Some(2),
        1_000 => Some(3),
        10_000 => Some(4),
        100_000 => Some(5),
        1_000_000 => Some(6),
        10_000_000 => Some(7),
        100_000_000 => Some(8),
        1_000_000_000 => Some(9),
        _ => None,
    }
}

/// `a × 10^p` (`1 ≤ p ≤ 9`) as `mul_x` finds it by `Decimal::checked_mul`:
/// that multiplication drops the fewest trailing digits that fit the
/// product's mantissa into 96 bits, reducing the scale as much; here those
/// are zeros, so the value is exact, but `mul_x` calls a product with its
/// scale reduced inexact. `None` for a zero `a` and where the digits to
/// drop exceed `a`'s scale (an overflow): the general method decides.
pub(super) fn times_ten_to(a: Decimal, p: usize) -> Option<Approx> {
    if a.is_zero() {
        return None;
    }
    let m = a.mantissa().unsigned_abs();
    // The product keeps `kept` of the factor's `p` zeros: as many as fit.
    let kept = (0..=p)
        .rev()
        .find(|k| MAX_BEFORE_TIMES_TEN_TO.get(*k).is_some_and(|max| m <= *max))?;
    let mantissa = m.checked_mul(*POWERS_OF_TEN.get(kept)?)?;
    let dropped = u32::try_from(p.checked_sub(kept)?).ok()?;
    let scale = a.scale().checked_sub(dropped)?;
    Some(Approx {
        value: from_magnitude(mantissa, a.is_sign_negative(), scale),
        exact: dropped == 0,
    })
}

/// The largest mantissa `m` with `m · 10^k` below `2^96`, for `k` in `0..=28`.
pub(super) const MAX_BEFORE_TIMES_TEN_TO: [u128; 29] = [
    79_228_162_514_264_337_593_543_950_335,
    7_922_816_251_426_433_759_354_395_033,
    792_281_625_142_643_375_935_439_503,
    79_228_162_514_264_337_593_543_950,
    7_922_816_251_426_433_759_354_395,
    792_281_625_142_643_375_935_439,
    79_228_162_514_264_337_593_543,
    7_922_816_251_426_433_759_354,
    792_281_625_142_643_375_935,
    79_228_162_514_264_337_593,
    7_922_816_251_426_433_759,
    792_281_625_142_643_375,
    79_228_162_514_264_337,
    7_922_816_251_426_433,
    792_281_625_142_643,
    79_228_162_514_264,
    7_922_816_251_426,
    792_281_625_142,
    79_228_162_514,
    7_922_816_251,
    792_281_625,
    79_228_162,
    7_922_816,
    792_281,
    79_228,
    7_922,
    792,
    79,
    7,
];

/// The powers of ten a `u128` holds, `10^0` to `10^38`: the one table of
/// them, for the arithmetic here and for writing numbers as text.
pub(crate) const POWERS_OF_TEN: [u128; 39] = {
    let mut table = [1u128; 39];
    let mut rest: &mut [u128] = &mut table;
    let mut power = 1u128;
    while let [slot, tail @ ..] = rest {
        *slot = power;
        power = match power.checked_mul(10) {
            Some(next) => next,
            None => power,
        };
        rest = tail;
    }
    table
};

/// `10^n`, if a `u128` holds it (looked up: numbers are cut and aligned by
/// the million).
pub(crate) fn ten_to(n: u32) -> Option<u128> {
    POWERS_OF_TEN.get(usize::try_from(n).ok()?).copied()
}

/// The order of two decimals, the same as `Decimal`'s: mantissas compared
/// directly when the scales are equal or the one of the smaller scale,
/// rescaled to the larger, fits an `i128`, else `Decimal::cmp`.
pub(crate) fn order(a: Decimal, b: Decimal) -> Ordering {
    let (ma, mb) = (a.mantissa(), b.mantissa());
    let (sa, sb) = (a.scale(), b.scale());
    // A mantissa below 2^96 times 10^9 or less fits an `i128`.
    let rescaled = |m: i128, by: u32| match i128::try_from(ten_to(by)?).ok()? {
        p if by <= 9 => Some(m.wrapping_mul(p)),
        p => m.checked_mul(p),
    };
    let aligned = match sa.cmp(&sb) {
        Ordering::Equal => Some((ma, mb)),
        Ordering::Less => rescaled(ma, sb.saturating_sub(sa)).map(|x| (x, mb)),
        Ordering::Greater => rescaled(mb, sa.saturating_sub(sb)).map(|y| (ma, y)),
    };
    match aligned {
        Some((x, y)) => x.cmp(&y),
        None => a.cmp(&b),
    }
}

/// The decimal of a magnitude below `2^96`, a sign and a scale.
pub(super) fn from_magnitude(m: u128, negative: bool, scale: u32) -> Decimal {
    Decimal::from_parts(
        m as u32,
        (m >> 32) as u32,
        (m >> 64) as u32,
        negative,
        scale,
    )
}

pub(super) fn div_x(a: Decimal, b: Decimal) -> Result<Approx, ArithError> {
    if b.is_zero() {
        return Err(ArithError::DivisionByZero);
    }
    let Some(q) = quotient(a, b) else {
        return div_by_decimal(a, b);
    };
    // A rounded quotient times the divisor is never the dividend.
    let exact = a.is_zero() || (!q.rounded && exact_product(q.value, b) == Some(a));
    Ok(Approx {
        value: q.value,
        exact,
    })
}

/// `div_x` by `Decimal::checked_div`: the general method.
pub(super) fn div_by_decimal(a: Decimal, b: Decimal) -> Result<Approx, ArithError> {
    let value = a.checked_div(b).ok_or(ArithError::Overflow)?;
    let exact = a.is_zero() || exact_product(value, b) == Some(a);
    Ok(Approx { value, exact })
}

/// `a / b` rounded to nearest, as `Decimal::checked_div` gives it (found
/// on integers, see [`quotient`]); `None` for a zero divisor or an
/// overflow.
pub(super) fn div(a: Decimal, b: Decimal) -> Option<Decimal> {
    match quotient(a, b) {
        Some(q) => Some(q.value),
        None => a.checked_div(b),
    }
}

/// `a × b` when `Decimal::checked_mul` computes it exactly (the product of
/// the mantissas fits 96 bits and the scales add up to at most 28), else
/// `None`: what `mul_x` finds, without multiplying when the product cannot
/// fit (the common case of a quotient of 28 digits checked against its
/// divisor).
pub(super) fn exact_product(a: Decimal, b: Decimal) -> Option<Decimal> {
    if a.is_zero() || b.is_zero() {
        return Some(Decimal::ZERO);
    }
    let scale = a
        .scale()
        .checked_add(b.scale())
        .filter(|s| *s <= Decimal::MAX_SCALE)?;
    let mantissa = product(a.mantissa().unsigned_abs(), b.mantissa().unsigned_abs())
        .filter(|m| m >> 96 == 0)?;
    Some(from_magnitude(
        mantissa,
        a.is_sign_negative() != b.is_sign_negative(),
        scale,
    ))
}

/// The product of two magnitudes, by one 64-bit multiplication where both
/// fit 64 bits; `None` beyond 128 bits.
pub(super) fn product(a: u128, b: u128) -> Option<u128> {
    match (u64::try_from(a), u64::try_from(b)) {
        (Ok(a), Ok(b)) => Some(u128::from(a).wrapping_mul(u128::from(b))),
        _ => a.checked_mul(b),
    }
}

/// One unit in the last place of a rounded result.
fn ulp(v: Decimal) -> Decimal {
    if v.is_zero() { TINY } else { dec(1, v.scale()) }
}

/// `v` moved by its unit in the last place, away from zero or towards it,
/// as a step of its mantissa: what `Decimal`'s addition of `±ulp(v)` gives
/// (same scale, no rounding) when `v` is nonzero and the step stays nonzero
/// within 96 bits; `None` otherwise.
fn step(v: Decimal, away: bool) -> Option<Decimal> {
    if v.is_zero() {
        return None;
    }
    let m = v.mantissa().unsigned_abs();
    let m = if away {
        m.checked_add(1)?
    } else {
        m.checked_sub(1)?
    };
    if m == 0 || m >> 96 != 0 {
        return None;
    }
    Some(from_magnitude(m, v.is_sign_negative(), v.scale()))
}

/// A lower bound of the true value behind `a`.
pub(super) fn down(a: Approx) -> Result<Decimal, ArithError> {
    if a.exact {
        return Ok(a.value);
    }
    if let Some(v) = step(a.value, a.value.is_sign_negative()) {
        return Ok(v);
    }
    a.value
        .checked_sub(ulp(a.value))
        .ok_or(ArithError::Overflow)
}

/// An upper bound of the true value behind `a`.
pub(super) fn up(a: Approx) -> Result<Decimal, ArithError> {
    if a.exact {
        return Ok(a.value);
    }
    if let Some(v) = step(a.value, !a.value.is_sign_negative()) {
        return Ok(v);
    }
    a.value
        .checked_add(ulp(a.value))
        .ok_or(ArithError::Overflow)
}

/// An enclosure of a function value: the value (rounded to nearest) and sound
/// bounds around the true value.
#[derive(Clone, Copy, Debug)]
pub(super) struct Encl {
    pub(super) value: Decimal,
    pub(super) lo: Decimal,
    pub(super) hi: Decimal,
}

impl Encl {
    pub(super) fn exact(v: Decimal) -> Encl {
        Encl {
            value: v,
            lo: v,
            hi: v,
        }
    }
    /// `v` widened by `rel·|v| + ABS_ERROR`, rounded outward.
    pub(super) fn widened(v: Decimal, rel: Decimal) -> Result<Encl, ArithError> {
        let e = up(mul_x(v.abs(), rel)?)?;
        let e = up(add_x(e, math::ABS_ERROR)?)?;
        Ok(Encl {
            value: v,
            lo: down(sub_x(v, e)?)?,
            hi: up(add_x(v, e)?)?,
        })
    }
}
