//! Extended endpoints and the corners of a product or quotient: the
//! candidate extrema of `a × b` and `a / b` over all signs, open ends and
//! unbounded sides, and their hull.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use super::rounding::{Approx, div_x, down, mul_x, order, up};
use super::{ArithError, Bounded, Endpoint, endpoint};

/// An extended real: −∞, a decimal, or +∞ (ordered in that way).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Ext {
    NegInf,
    Fin(Decimal),
    PosInf,
}

impl Ext {
    /// The order of extended reals (that of `Decimal` between decimals).
    fn order(self, other: Ext) -> Ordering {
        match (self, other) {
            (Ext::Fin(a), Ext::Fin(b)) => order(a, b),
            (a, b) => a.rank().cmp(&b.rank()),
        }
    }
    fn rank(self) -> i8 {
        match self {
            Ext::NegInf => -1,
            Ext::Fin(_) => 0,
            Ext::PosInf => 1,
        }
    }
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
pub(super) struct End {
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
pub(super) struct Cand {
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
pub(super) struct Corners {
    items: [Cand; 8],
    len: usize,
}

impl Corners {
    pub(super) fn new() -> Corners {
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

    pub(super) fn as_slice(&self) -> &[Cand] {
        self.items.get(..self.len).unwrap_or_default()
    }
}

pub(super) fn mul_corner(a: End, b: End, out: &mut Corners) -> Result<(), ArithError> {
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
pub(super) fn div_corner(n: End, d: End, out: &mut Corners) -> Result<(), ArithError> {
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

/// The ends of `n / d` from the two corners where they lie, when both
/// intervals have finite ends and `d`'s are nonzero (so of one sign, `d`
/// containing no zero): on such intervals `x / y` is monotonic in each
/// argument, so the low end is at one known corner and the high end at
/// another (for positive `n` and `d`, `n.low / d.high` and
/// `n.high / d.low`). `None` otherwise.
///
/// Each end is that corner's enclosure, which holds the true extremum, so the
/// result is sound. It is the hull of all four corners whenever the other
/// corners' enclosures lie within it, that is unless two corner quotients
/// are within a few units in the last place of each other (intervals
/// narrower than about `1e-27` relative, or quotients near `1e-28`); there
/// it can only be narrower than that hull (an end inside it, or open where
/// the hull's is closed), never wider.
pub(super) fn quotient_ends(
    n: &Bounded,
    d: &Bounded,
) -> Option<Result<(Endpoint, Endpoint), ArithError>> {
    let (Some(nl), Some(nh), Some(dl), Some(dh)) =
        (n.low.value(), n.high.value(), d.low.value(), d.high.value())
    else {
        return None;
    };
    if dl.is_zero() || dh.is_zero() {
        return None;
    }
    let below_zero = |v: Decimal| v.is_sign_negative() && !v.is_zero();
    // The dividend's end and the divisor's end of each extremum.
    let (low, high) = if below_zero(dh) {
        (
            (n.high, if below_zero(nh) { d.low } else { d.high }),
            (n.low, if below_zero(nl) { d.high } else { d.low }),
        )
    } else {
        (
            (n.low, if below_zero(nl) { d.low } else { d.high }),
            (n.high, if below_zero(nh) { d.high } else { d.low }),
        )
    };
    let end = |(n, d): (Endpoint, Endpoint), bound: fn(Approx) -> Result<Decimal, ArithError>| {
        let (Some(x), Some(y)) = (n.value(), d.value()) else {
            return Err(ArithError::Overflow);
        };
        if !n.is_open() && x.is_zero() {
            return Ok(Endpoint::Closed(Decimal::ZERO));
        }
        Ok(endpoint(bound(div_x(x, y)?)?, n.is_open() || d.is_open()))
    };
    Some(end(low, down).and_then(|low| Ok((low, end(high, up)?))))
}

/// The hull of the corners of a product whose every corner is finite and
/// nonzero: each an approximate product and whether it is only approached.
/// (At most two: one for each end of the other factor.)
pub(super) fn product_ends(corners: &[(Approx, bool)]) -> Result<(Endpoint, Endpoint), ArithError> {
    let mut cands = [Cand::exact(Ext::Fin(Decimal::ZERO), false); 2];
    let mut len = 0usize;
    for ((product, open), cand) in corners.iter().zip(cands.iter_mut()) {
        *cand = Cand::approx(*product, *open)?;
        len = len.saturating_add(1);
    }
    hull(cands.get(..len).unwrap_or_default())
}

/// The ends `product_ends` gives of the two corners of a product by an
/// exact positive factor (the low end's corner, then the high end's), when
/// their values have one scale and mantissas at least two units apart:
/// `down` and `up` move a value by at most one unit of that scale (`1e-28`
/// for a zero), so the low end's corner gives the low end and the high
/// end's the high end, each strictly beyond the other corner's, with its
/// own openness; the other corner's bounds, not found here, cannot fail.
/// `None` otherwise: `product_ends` decides.
pub(super) fn apart_product_ends(
    (low, low_open): (Approx, bool),
    (high, high_open): (Approx, bool),
) -> Option<Result<(Endpoint, Endpoint), ArithError>> {
    if low.value.scale() != high.value.scale()
        || high.value.mantissa().checked_sub(low.value.mantissa())? < 2
    {
        return None;
    }
    Some(down(low).and_then(|l| Ok((endpoint(l, low_open), endpoint(up(high)?, high_open)))))
}

/// The ends of an interval for the corners of an operation: one for an
/// exact value, whose two ends would give the same corners twice (which
/// cannot change their hull, and an exact factor is the common case:
/// every stated figure is scaled by one).
pub(super) fn ends(b: &Bounded) -> impl Iterator<Item = End> {
    let exact = b.is_exact();
    [End::low(b.low), End::high(b.high)]
        .into_iter()
        .take(if exact { 1 } else { 2 })
}

/// The hull of the corner enclosures: the smallest `lo` and largest `hi`,
/// preferring a closed end on ties.
pub(super) fn hull(cands: &[Cand]) -> Result<(Endpoint, Endpoint), ArithError> {
    let mut low: Option<(Ext, bool)> = None;
    let mut high: Option<(Ext, bool)> = None;
    for c in cands {
        // Kept when further out, or as far out and closed.
        let kept = |v: Ext, o: bool, x: Ext, further: Ordering| {
            let ord = v.order(x);
            ord == further || (ord == Ordering::Equal && !o)
        };
        low = match low {
            Some((v, o)) if kept(v, o, c.lo, Ordering::Less) => Some((v, o)),
            _ => Some((c.lo, c.open)),
        };
        high = match high {
            Some((v, o)) if kept(v, o, c.hi, Ordering::Greater) => Some((v, o)),
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
