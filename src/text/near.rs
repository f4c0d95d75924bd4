//! When an interval is only rounding noise around its point: narrower than
//! any stated figure is precise, so that it reads like an exact figure.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use crate::bounded::{Bounded, order, ten_to};

/// Relative width below which an interval is only rounding noise: a part
/// in 10^[`NEAR_EXACT_PLACES`].
const NEAR_EXACT: Decimal = Decimal::from_parts(1, 0, 0, false, NEAR_EXACT_PLACES);
/// The places of [`NEAR_EXACT`].
const NEAR_EXACT_PLACES: u32 = 9;
/// Absolute width below which an interval around zero is only rounding noise.
const NEAR_ZERO: Decimal = Decimal::from_parts(1, 0, 0, false, 20);

/// Whether an interval is narrower than any stated figure is precise (a
/// part in a billion of its value): what is left of exact inputs after
/// rounded division, roots and logarithms, which reads like an exact figure.
pub(super) fn is_near_exact(value: &Bounded) -> bool {
    near_exact_in_integers(value).unwrap_or_else(|| is_near_exact_by_width(value))
}

/// [`is_near_exact`] on mantissas, where the ends have one scale and
/// their difference fits 96 bits (the width, exact, is that difference)
/// and the point's part has room in the scale: the same comparisons, of
/// magnitudes. `None` otherwise: the general method decides.
fn near_exact_in_integers(value: &Bounded) -> Option<bool> {
    let (low, high) = (value.low().value()?, value.high().value()?);
    let scale = low.scale();
    if high.scale() != scale {
        return None;
    }
    let width = u128::try_from(high.mantissa().checked_sub(low.mantissa())?).ok()?;
    if width >> 96 != 0 {
        return None;
    }
    let point = value.point();
    let part_scale = point
        .scale()
        .checked_add(NEAR_EXACT_PLACES)
        .filter(|s| *s <= Decimal::MAX_SCALE)?;
    let part = point.mantissa().unsigned_abs();
    Some(
        at_most((width, scale), (part, part_scale))
            || at_most(
                (width, scale),
                (NEAR_ZERO.mantissa().unsigned_abs(), NEAR_ZERO.scale()),
            ),
    )
}

/// Whether `x·10^−a ≤ y·10^−b`, for magnitudes below `2^96` and scales
/// of a `Decimal`: the one of the smaller scale raised to the other's (a
/// product past 128 bits is the larger).
fn at_most((x, a): (u128, u32), (y, b): (u128, u32)) -> bool {
    match a.checked_sub(b) {
        Some(up) => ten_to(up)
            .and_then(|p| y.checked_mul(p))
            .is_none_or(|y| x <= y),
        None => ten_to(b.saturating_sub(a))
            .and_then(|p| x.checked_mul(p))
            .is_some_and(|x| x <= y),
    }
}

/// [`is_near_exact`] from the interval's width: the general method.
pub(super) fn is_near_exact_by_width(value: &Bounded) -> bool {
    let Some(width) = value.width() else {
        return false;
    };
    if width.is_zero() {
        return true;
    }
    let point = value.point().abs();
    // The part is the point's digits, NEAR_EXACT_PLACES places further,
    // where the scale has room (the product `checked_mul` gives, without
    // multiplying).
    let part = point
        .scale()
        .checked_add(NEAR_EXACT_PLACES)
        .filter(|scale| *scale <= Decimal::MAX_SCALE)
        .and_then(|scale| {
            let mut part = point;
            part.set_scale(scale).ok().map(|()| part)
        });
    let tolerance = part
        .or_else(|| point.checked_mul(NEAR_EXACT))
        .unwrap_or(Decimal::MAX);
    // `Decimal`'s order, without its general comparison.
    order(width, tolerance) != Ordering::Greater || order(width, NEAR_ZERO) != Ordering::Greater
}
