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
        Some(written) => written.append_to(out),
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

/// How many bytes a short number is copied in at once (fixed, so that the
/// copy needs no call): the text ends at [`ROOM`], bytes past it are room.
pub(crate) const CHUNK: usize = 32;

/// The text of a machine number, built from its last byte back (it ends at
/// [`ROOM`]).
pub(super) struct Written {
    bytes: [u8; ROOM + CHUNK],
    start: usize,
}

impl Written {
    /// The text [`super::push_machine`] writes for `d`: `d` cut to its
    /// significant digits, rounded as `rounding` says, then as
    /// [`super::plain`] prints it. `None` where the general path is needed:
    /// every digit asked for, or a cut that does not drop only fractional
    /// digits or carries into a new digit.
    #[inline]
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
            let count = digit_count(magnitude);
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
            bytes: [b'0'; ROOM + CHUNK],
            start: ROOM,
        };
        if kept == 0 {
            written.push(b'0');
            return written;
        }
        (kept, scale) = without_trailing_zeros(kept, scale);
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
        self.bytes.get(self.start..ROOM).unwrap_or_default()
    }

    /// Appends the text to `out` (see [`append_short`]).
    fn append_to(&self, out: &mut Vec<u8>) {
        let length = ROOM.saturating_sub(self.start);
        append_short(
            out,
            self.bytes.get(self.start..).unwrap_or_default(),
            length,
        );
    }
}

/// Appends the first `length` bytes of `bytes` to `out`: where `bytes` holds
/// a whole chunk and the text fits it, as that fixed chunk cut back to the
/// length, so that the copy needs no call.
pub(crate) fn append_short(out: &mut Vec<u8>, bytes: &[u8], length: usize) {
    let chunk = bytes.get(..CHUNK);
    match chunk.and_then(|c| <&[u8; CHUNK]>::try_from(c).ok()) {
        Some(chunk) if length <= CHUNK => {
            let end = out.len().saturating_add(length);
            out.extend_from_slice(chunk);
            out.truncate(end);
        }
        _ => out.extend_from_slice(bytes.get(..length).unwrap_or_default()),
    }
}

/// How many digits `magnitude` has (at least one): from its bits, then one
/// comparison with a power of ten.
fn digit_count(magnitude: u128) -> u32 {
    let bits = u128::BITS.saturating_sub(magnitude.leading_zeros());
    // At most ⌊bits × log10 2⌋, and the count is that or one more.
    let below = bits.saturating_mul(1233) >> 12;
    below.saturating_add(u32::from(
        ten_to(below).is_some_and(|power| magnitude >= power),
    ))
}

/// `kept` × 10^−`scale` without the trailing zeros after the point: as many
/// as both `kept` has and `scale` allows. A number has no more trailing
/// decimal zeros than binary ones (10 = 2 × 5), which most often settles
/// it; else the zeros go eight, four, two and one at a time.
fn without_trailing_zeros(mut kept: u64, mut scale: u32) -> (u64, u32) {
    let mut most = kept.trailing_zeros().min(scale);
    if most == 0 {
        return (kept, scale);
    }
    while most >= 8 && kept.checked_rem(100_000_000) == Some(0) {
        kept = kept.checked_div(100_000_000).unwrap_or(0);
        (scale, most) = (scale.saturating_sub(8), most.saturating_sub(8));
    }
    for (zeros, unit) in [(4, 10_000), (2, 100), (1, 10)] {
        if most >= zeros && kept.checked_rem(unit) == Some(0) {
            kept = kept.checked_div(unit).unwrap_or(0);
            (scale, most) = (scale.saturating_sub(zeros), most.saturating_sub(zeros));
        }
    }
    (kept, scale)
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
