//! Decimal functions (plain, not interval), computed in `Decimal` by argument
//! reduction and series.
//!
//! Accuracy: each result differs from the true value by at most
//! `1e-25·|value| + 1e-25` (`ln`), `1e-25·value + 1e-27` (`exp`), well within
//! [`REL_ERROR`]`·|value| + `[`ABS_ERROR`], the widening the interval
//! operations apply. `powd(x, y)` and `root(x, n)` (`exp(y·ln x)`) add an error
//! of about `2·(|y|+1)·(|ln x|+1)·1e-25` relative, which is below `REL_ERROR`
//! unless the exponent is enormous (the interval versions then widen by the
//! computed bound). Results below `1e-27` may be returned as zero.

use super::ArithError;
use super::rounding::{Approx, Encl, add_x, dec, div_x, mul_x, sub_x};
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
    let pow2 =
        Decimal::try_from_i128_with_scale(1i128 << shift, 0).map_err(|_| ArithError::Overflow)?;
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
    let y_up = super::rounding::up(y)?;
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
