//! Exactness-checked elementary operations: each rounded-to-nearest result
//! says whether it is exact, and inexact ones are moved outward by a unit
//! in the last place (see the soundness policy in the parent module).

use std::ops::Neg;

use rust_decimal::Decimal;

use super::ArithError;
use super::math;

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
    let value = a.checked_add(b).ok_or(ArithError::Overflow)?;
    let exact = a.is_zero() || b.is_zero() || value.scale() >= a.scale().max(b.scale());
    Ok(Approx { value, exact })
}

pub(super) fn sub_x(a: Decimal, b: Decimal) -> Result<Approx, ArithError> {
    add_x(a, b.neg())
}

pub(super) fn mul_x(a: Decimal, b: Decimal) -> Result<Approx, ArithError> {
    let value = a.checked_mul(b).ok_or(ArithError::Overflow)?;
    let exact =
        a.is_zero() || b.is_zero() || Some(value.scale()) == a.scale().checked_add(b.scale());
    Ok(Approx { value, exact })
}

pub(super) fn div_x(a: Decimal, b: Decimal) -> Result<Approx, ArithError> {
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
pub(super) fn exact_product(a: Decimal, b: Decimal) -> Option<Decimal> {
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
pub(super) fn down(a: Approx) -> Result<Decimal, ArithError> {
    if a.exact {
        Ok(a.value)
    } else {
        a.value
            .checked_sub(ulp(a.value))
            .ok_or(ArithError::Overflow)
    }
}

/// An upper bound of the true value behind `a`.
pub(super) fn up(a: Approx) -> Result<Decimal, ArithError> {
    if a.exact {
        Ok(a.value)
    } else {
        a.value
            .checked_add(ulp(a.value))
            .ok_or(ArithError::Overflow)
    }
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
