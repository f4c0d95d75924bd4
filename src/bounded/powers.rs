//! Powers, roots and logarithms of bounded values: monotone functions
//! applied to the ends, with the enclosures of [`super::math`].

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::corners::Ext;
use super::math;
use super::rounding::{Encl, div_x};
use super::{ArithError, Bounded, Endpoint, endpoint};

impl Bounded {
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
}

/// `n` when `y = 1/n` exactly for an integer `2 ≤ n ≤ 64` (sign ignored).
fn reciprocal_integer(y: Decimal) -> Option<u32> {
    let r = div_x(Decimal::ONE, y.abs()).ok()?;
    if !r.exact || !r.value.is_integer() {
        return None;
    }
    r.value.to_u32().filter(|n| (2..=64).contains(n))
}
