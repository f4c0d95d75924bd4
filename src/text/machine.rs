//! A machine number's text in integers: most numbers have a mantissa that
//! is cut to its significant digits and printed in 64 bits, without making
//! a rounded `Decimal` and printing it apart (CSV writes millions).

use rust_decimal::Decimal;

use super::{Digits, Rounding, machine_decimal, push_plain};
use crate::bounded::ten_to;

/// Appends [`super::push_machine`]'s text to bytes (a CSV record as it is
/// made).
///
/// ```
/// use earnings::text::{Digits, Rounding, push_machine_bytes};
/// use rust_decimal::Decimal;
/// let mut out = b"x,".to_vec();
/// push_machine_bytes(&mut out, Decimal::new(-27323, 3), Digits::Significant(3), Rounding::Down);
/// assert_eq!(out, b"x,-27.4");
/// ```
pub fn push_machine_bytes(out: &mut Vec<u8>, d: Decimal, digits: Digits, rounding: Rounding) {
    match Written::of(d, digits, rounding) {
        Some(written) => out.extend_from_slice(written.as_bytes()),
        None => {
            let mut text = String::new();
            push_plain(&mut text, machine_decimal(d, digits, rounding));
            out.extend_from_slice(text.as_bytes());
        }
    }
}

/// Room for any number written here: a sign, nineteen digits before the
/// point or up to twenty-eight after it with a leading `0.`.
const ROOM: usize = 48;

/// The text of a machine number, built from its last byte back.
pub(super) struct Written {
    bytes: [u8; ROOM],
    start: usize,
}

impl Written {
    /// The text [`super::push_machine`] writes for `d`: `d` cut to its
    /// significant digits, rounded as `rounding` says, then as
    /// [`super::plain`] prints it. `None` where the general path is needed:
    /// every digit asked for, or a cut that does not drop only fractional
    /// digits or carries into a new digit.
    pub(super) fn of(d: Decimal, digits: Digits, rounding: Rounding) -> Option<Written> {
        let Digits::Significant(n) = digits else {
            return None;
        };
        let limit = ten_to(n).filter(|_| (1..=19).contains(&n))?;
        let magnitude = d.mantissa().unsigned_abs();
        let negative = d.is_sign_negative();
        let (kept, scale) = if magnitude < limit {
            (u64::try_from(magnitude).ok()?, d.scale())
        } else {
            // Its digits, past the `n` kept: all fractional, or the
            // general path.
            let count = magnitude.checked_ilog10()?.checked_add(1)?;
            let drop = count.checked_sub(n)?;
            let scale = d.scale().checked_sub(drop)?;
            let unit = ten_to(drop)?;
            let (kept, rest) = match (u64::try_from(magnitude), u64::try_from(unit)) {
                (Ok(m), Ok(u)) => {
                    let kept = m.checked_div(u)?;
                    let rest = m.checked_sub(kept.checked_mul(u)?)?;
                    (u128::from(kept), u128::from(rest))
                }
                _ => {
                    let kept = magnitude.checked_div(unit)?;
                    (kept, magnitude.checked_sub(kept.checked_mul(unit)?)?)
                }
            };
            let away = match rounding {
                Rounding::Nearest => rest.checked_mul(2)? >= unit,
                Rounding::Down => negative && rest > 0,
                Rounding::Up => !negative && rest > 0,
            };
            let kept = kept.checked_add(u128::from(away))?;
            // A carry into a new digit (9.99… up to 10.0…) is left to the
            // general path.
            if kept >= limit {
                return None;
            }
            (u64::try_from(kept).ok()?, scale)
        };
        Some(Written::trimmed(kept, scale, negative))
    }

    /// `kept` × 10^−`scale` as `Decimal::normalize` prints it: no trailing
    /// zeros after the point, no `-0`.
    fn trimmed(mut kept: u64, mut scale: u32, negative: bool) -> Written {
        let mut written = Written {
            bytes: [b'0'; ROOM],
            start: ROOM,
        };
        if kept == 0 {
            written.push(b'0');
            return written;
        }
        // Trailing zeros dropped two at a time, then one.
        while scale >= 2 && kept.checked_rem(100) == Some(0) {
            kept = kept.checked_div(100).unwrap_or(0);
            scale = scale.saturating_sub(2);
        }
        if scale >= 1 && kept.checked_rem(10) == Some(0) {
            kept = kept.checked_div(10).unwrap_or(0);
            scale = scale.saturating_sub(1);
        }
        if scale > 0 {
            kept = written.fraction(kept, scale);
            written.push(b'.');
        }
        written.whole(kept);
        if negative {
            written.push(b'-');
        }
        written
    }

    /// Writes the last `places` digits of `value` at the end, zeros ahead
    /// of them where it has fewer: the digits after the point. What is
    /// left of `value` before them.
    fn fraction(&mut self, mut value: u64, places: u32) -> u64 {
        let places = usize::try_from(places).unwrap_or(0).min(self.start);
        let at = self.start.saturating_sub(places);
        let mut slots = self
            .bytes
            .get_mut(at..self.start)
            .unwrap_or_default()
            .rchunks_exact_mut(2);
        for slot in &mut slots {
            let low = usize::try_from(value.checked_rem(100).unwrap_or(0)).unwrap_or(0);
            slot.copy_from_slice(PAIRS.get(low).unwrap_or(&[b'0'; 2]));
            value = value.checked_div(100).unwrap_or(0);
        }
        if let [slot] = slots.into_remainder() {
            let digit = u8::try_from(value.checked_rem(10).unwrap_or(0)).unwrap_or(0);
            *slot = b'0'.saturating_add(digit);
            value = value.checked_div(10).unwrap_or(0);
        }
        self.start = at;
        value
    }

    /// Writes every digit of `value`, at least one: the digits before the
    /// point.
    fn whole(&mut self, mut value: u64) {
        while value >= 100 {
            value = self.pair(value);
        }
        if value >= 10 {
            self.pair(value);
        } else {
            self.digit(value);
        }
    }

    /// Writes the last two digits of `value`; what is left before them.
    fn pair(&mut self, value: u64) -> u64 {
        let at = self.start.saturating_sub(2);
        let low = usize::try_from(value.checked_rem(100).unwrap_or(0)).unwrap_or(0);
        if let (Some(slot), Some(pair)) = (self.bytes.get_mut(at..self.start), PAIRS.get(low)) {
            slot.copy_from_slice(pair);
        }
        self.start = at;
        value.checked_div(100).unwrap_or(0)
    }

    /// Writes the last digit of `value`; what is left before it.
    fn digit(&mut self, value: u64) -> u64 {
        let digit = u8::try_from(value.checked_rem(10).unwrap_or(0)).unwrap_or(0);
        self.push(b'0'.saturating_add(digit));
        value.checked_div(10).unwrap_or(0)
    }

    /// Writes `byte` ahead of the text so far.
    fn push(&mut self, byte: u8) {
        self.start = self.start.saturating_sub(1);
        if let Some(slot) = self.bytes.get_mut(self.start) {
            *slot = byte;
        }
    }

    /// The text's bytes (ASCII).
    pub(super) fn as_bytes(&self) -> &[u8] {
        self.bytes.get(self.start..).unwrap_or_default()
    }
}

/// The two digits of each number below 100, in order.
const PAIRS: [[u8; 2]; 100] = {
    let mut pairs = [[b'0'; 2]; 100];
    let mut rest: &mut [[u8; 2]] = &mut pairs;
    let (mut tens, mut ones) = (b'0', b'0');
    while let [slot, tail @ ..] = rest {
        *slot = [tens, ones];
        // At most `9`: the next pair's digits.
        (tens, ones) = if ones == b'9' {
            (tens.saturating_add(1), b'0')
        } else {
            (tens, ones.saturating_add(1))
        };
        rest = tail;
    }
    pairs
};
