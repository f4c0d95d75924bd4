//! Quotients of decimals found on their integer mantissas, bit for bit the
//! decimal `Decimal::checked_div` (rust_decimal 1.43) gives: the same
//! mantissa, scale and sign, found without its 32-bit word loops.
//!
//! `Decimal` divides the mantissas at the scale of the dividend's minus the
//! divisor's. While a remainder is left, or the scale is below zero, it
//! appends digits, at most nine at a time and as many as keep the mantissa
//! below `2^96` and the scale at most 28; a digit that would carry the
//! mantissa past `2^96` is dropped again, rounding half to even. When no
//! digit fits any more, what is left rounds the last digit half to even.
//! Of a quotient that had a remainder, trailing zeros are then cut: by
//! eight while the low 32 bits of the mantissa are zero, then by four, two
//! and one, each only where the scale stays at least zero.

use rust_decimal::Decimal;

use super::rounding::{MAX_BEFORE_TIMES_TEN_TO, POWERS_OF_TEN, from_magnitude};

#[cfg(test)]
mod props;

/// The largest scale of a `Decimal`.
const MAX_SCALE: i32 = 28;

/// A quotient as `Decimal::checked_div` gives it, and whether it was
/// rounded (else it is the exact quotient).
#[derive(Clone, Copy, Debug)]
pub(super) struct Quotient {
    pub(super) value: Decimal,
    pub(super) rounded: bool,
}

/// `a / b` as `Decimal::checked_div` gives it; `None` where that gives
/// nothing (a zero divisor, a quotient beyond the range of `Decimal`).
pub(super) fn quotient(a: Decimal, b: Decimal) -> Option<Quotient> {
    if b.is_zero() {
        return None;
    }
    if a.is_zero() {
        return Some(Quotient {
            value: Decimal::ZERO,
            rounded: false,
        });
    }
    let divisor = b.mantissa().unsigned_abs();
    let (mantissa, remainder) = div_rem(a.mantissa().unsigned_abs(), divisor)?;
    let scale = i32::try_from(a.scale())
        .ok()?
        .checked_sub(i32::try_from(b.scale()).ok()?)?;
    let mut long = Long {
        mantissa,
        remainder,
        divisor,
        scale,
        rounded: false,
    };
    let had_remainder = remainder != 0;
    long.extend()?;
    let scale = if had_remainder {
        long.cut_zeros()
    } else {
        long.scale
    };
    let negative = a.is_sign_negative() != b.is_sign_negative();
    Some(Quotient {
        value: from_magnitude(long.mantissa, negative, u32::try_from(scale).ok()?),
        rounded: long.rounded,
    })
}

/// A long division under way: the quotient's digits so far (`mantissa` at
/// `scale`) and what is left of the dividend (`remainder`, below
/// `divisor`).
struct Long {
    mantissa: u128,
    remainder: u128,
    divisor: u128,
    scale: i32,
    rounded: bool,
}

impl Long {
    /// Appends digits while a remainder is left or the scale is below zero,
    /// and rounds what is left once no digit fits; `None` where the
    /// quotient overflows.
    fn extend(&mut self) -> Option<()> {
        loop {
            let digits = if self.remainder == 0 {
                if self.scale >= 0 {
                    return Some(());
                }
                let digits = usize::try_from(self.scale.unsigned_abs().min(9)).ok()?;
                if self.mantissa > *MAX_BEFORE_TIMES_TEN_TO.get(digits)? {
                    return None;
                }
                digits
            } else {
                let most = usize::try_from(MAX_SCALE.checked_sub(self.scale)?.min(9)).ok()?;
                // As many digits as keep the mantissa below 2^96.
                let fit = MAX_BEFORE_TIMES_TEN_TO
                    .get(..=most)?
                    .iter()
                    .rposition(|max| self.mantissa <= *max)?;
                // (Nine digits are appended whatever the scale left.)
                if fit < 9 && self.scale.checked_add(i32::try_from(fit).ok()?)? < 0 {
                    return None;
                }
                if fit == 0 {
                    return self.round();
                }
                fit
            };
            let power = *POWERS_OF_TEN.get(digits)?;
            self.scale = self.scale.checked_add(i32::try_from(digits).ok()?)?;
            // At most `MAX_BEFORE_TIMES_TEN_TO[digits]` times `10^digits`:
            // below 2^96, and with the digit below 2^97.
            self.mantissa = self.mantissa.wrapping_mul(power);
            let (digit, remainder) = scaled_div_rem(self.remainder, digits, self.divisor)?;
            self.remainder = remainder;
            self.mantissa = self.mantissa.wrapping_add(digit);
            if self.mantissa >> 96 != 0 {
                return self.drop_digit(remainder != 0);
            }
        }
    }

    /// Rounds the last digit by the remainder, half to even.
    fn round(&mut self) -> Option<()> {
        self.rounded = true;
        let twice = self.remainder.checked_mul(2)?;
        let up = twice > self.divisor || (twice == self.divisor && self.mantissa & 1 == 1);
        if up {
            self.mantissa = self.mantissa.checked_add(1)?;
            if self.mantissa >> 96 != 0 {
                return self.drop_digit(true);
            }
        }
        Some(())
    }

    /// Drops the last digit of a mantissa that reached `2^96`, rounding
    /// half to even (`sticky`: something nonzero lies beyond that digit).
    fn drop_digit(&mut self, sticky: bool) -> Option<()> {
        self.scale = self.scale.checked_sub(1).filter(|s| *s >= 0)?;
        let (kept, digit) = (
            self.mantissa.checked_div(10)?,
            self.mantissa.checked_rem(10)?,
        );
        let up = digit > 5 || (digit == 5 && (sticky || kept & 1 == 1));
        self.mantissa = if up { kept.checked_add(1)? } else { kept };
        self.rounded = self.rounded || sticky || digit != 0;
        Some(())
    }

    /// Cuts trailing zeros as `Decimal` does after a division that had a
    /// remainder; the scale left.
    fn cut_zeros(&mut self) -> i32 {
        let mut scale = self.scale;
        while self.mantissa as u32 == 0 && self.cut(8, 100_000_000, &mut scale) {}
        // (The low bits of a multiple of 10^k are zero: a quick test first.)
        for (by, power, bits) in [(4, 10_000, 0xF), (2, 100, 0x3), (1, 10, 0x1)] {
            if self.mantissa & bits == 0 {
                self.cut(by, power, &mut scale);
            }
        }
        scale
    }

    /// Divides the mantissa by `power` (`10^by`) where that is exact and
    /// leaves the scale at least zero.
    fn cut(&mut self, by: i32, power: u64, scale: &mut i32) -> bool {
        if *scale < by {
            return false;
        }
        match div_rem_small(self.mantissa, power) {
            Some((kept, 0)) => {
                self.mantissa = kept;
                *scale = scale.saturating_sub(by);
                true
            }
            _ => false,
        }
    }
}

/// `r · 10^k` divided by `d`, with its remainder, in 64 bits where all
/// fit. For a remainder `r` below a divisor `d` of 64 bits and `k` at most
/// 9 (each round of a long division), the product is below `2^94` and the
/// quotient below `10^9`: one widening multiplication, one division and
/// the remainder by multiplying back, none of which can overflow.
fn scaled_div_rem(r: u128, k: usize, d: u128) -> Option<(u128, u128)> {
    let p = *POWERS_OF_TEN.get(k)?;
    if let (Ok(r), Ok(p), Ok(d)) = (u64::try_from(r), u64::try_from(p), u64::try_from(d)) {
        if let Some(n) = r.checked_mul(p) {
            return Some((u128::from(n.checked_div(d)?), u128::from(n.checked_rem(d)?)));
        }
        if r < d && p <= 1_000_000_000 {
            // Below 2^64 · 2^30: no wrap.
            let n = u128::from(r).wrapping_mul(u128::from(p));
            // Below `p`, since `r < d`.
            let q = u64::try_from(n.checked_div(u128::from(d))?).ok()?;
            // At most `n`: no wrap.
            let back = u128::from(q).wrapping_mul(u128::from(d));
            return Some((u128::from(q), n.checked_sub(back)?));
        }
    }
    div_rem(r.checked_mul(p)?, d)
}

/// The quotient and remainder of two integers, in 64 bits when both fit,
/// else by one division in 128 bits.
fn div_rem(n: u128, d: u128) -> Option<(u128, u128)> {
    if let (Ok(n), Ok(d)) = (u64::try_from(n), u64::try_from(d)) {
        return Some((u128::from(n.checked_div(d)?), u128::from(n.checked_rem(d)?)));
    }
    let q = n.checked_div(d)?;
    Some((q, n.checked_sub(q.checked_mul(d)?)?))
}

/// The quotient and remainder of a mantissa below `2^96` by a divisor below
/// `2^32`, by two divisions in 64 bits.
fn div_rem_small(m: u128, d: u64) -> Option<(u128, u64)> {
    let high = u64::try_from(m >> 32).ok()?;
    let (q_high, r_high) = (high.checked_div(d)?, high.checked_rem(d)?);
    let low = (r_high << 32) | (m as u32 as u64);
    let (q_low, r_low) = (low.checked_div(d)?, low.checked_rem(d)?);
    Some(((u128::from(q_high) << 32) | u128::from(q_low), r_low))
}
