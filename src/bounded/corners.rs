//! Extended endpoints and the corners of a product or quotient: the
//! candidate extrema of `a × b` and `a / b` over all signs, open ends and
//! unbounded sides, and their hull.

use rust_decimal::Decimal;

use super::rounding::{Approx, div_x, down, mul_x, up};
use super::{ArithError, Bounded, Endpoint, endpoint};

/// An extended real: −∞, a decimal, or +∞ (ordered in that way).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Ext {
    NegInf,
    Fin(Decimal),
    PosInf,
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
        low = match low {
            Some((v, o)) if v < c.lo || (v == c.lo && !o) => Some((v, o)),
            _ => Some((c.lo, c.open)),
        };
        high = match high {
            Some((v, o)) if v > c.hi || (v == c.hi && !o) => Some((v, o)),
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
