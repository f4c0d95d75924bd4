//! A figure's number for people in integers: most figures have a mantissa
//! of 64 bits, which rounds and prints without rust_decimal's rounding
//! (which divides its 96 bits by powers of ten and multiplies them back).

use rust_decimal::Decimal;

use super::{MOST_PLAIN_DECIMALS, push_grouped_whole};
use crate::bounded::ten_to;

/// Appends `d` rounded half away from zero to `decimals` places, padded
/// with zeros to them, thousands grouped: the text the general path
/// (`round_dp_with_strategy`, `write_padded`, `push_grouped`) gives, sign
/// of zero included. `None`, with nothing written, where the mantissa does
/// not fit 64 bits or the figure may need scientific form.
pub(super) fn push_rounded(out: &mut String, d: Decimal, decimals: u32) -> Option<()> {
    if decimals > MOST_PLAIN_DECIMALS {
        return None;
    }
    let magnitude = u64::try_from(d.mantissa().unsigned_abs()).ok()?;
    let scale = d.scale();
    // The rounded magnitude and its scale (`decimals`, or fewer when the
    // value has fewer places: it is padded).
    let (rounded, places) = match scale.checked_sub(decimals) {
        Some(drop) if drop > 0 => {
            let unit = ten_to(drop)?;
            let wide = u128::from(magnitude);
            let kept = wide.checked_div(unit)?;
            let rest = wide.checked_rem(unit)?;
            let away = rest.checked_mul(2)? >= unit;
            let kept = if away { kept.checked_add(1)? } else { kept };
            (u64::try_from(kept).ok()?, decimals)
        }
        _ => (magnitude, scale),
    };
    let unit = u64::try_from(ten_to(places)?).ok()?;
    let whole = rounded.checked_div(unit)?;
    let fraction = rounded.checked_rem(unit)?;
    // A nonzero value rounded to zero loses its sign; a zero keeps it.
    if d.is_sign_negative() && (rounded != 0 || magnitude == 0) {
        out.push('-');
    }
    push_grouped_whole(out, itoa::Buffer::new().format(whole));
    if decimals > 0 {
        out.push('.');
        let mut digits = itoa::Buffer::new();
        let digits = digits.format(fraction);
        // Zeros between the point and the digits, then to `decimals` places.
        let shown = u32::try_from(digits.len()).ok().filter(|_| places > 0);
        let leading = shown.map_or(0, |n| places.saturating_sub(n));
        push_zeros(out, leading);
        if places > 0 {
            out.push_str(digits);
        }
        push_zeros(out, decimals.saturating_sub(places));
    }
    Some(())
}

/// Appends `n` zeros.
fn push_zeros(out: &mut String, n: u32) {
    for _ in 0..n {
        out.push('0');
    }
}
