//! Exact decimals of any size, for the soundness tests: the true value of an
//! operation on sample points, computed without rounding, so that a result
//! interval narrower than the truth by even one unit in its last place is
//! caught.

use std::cmp::Ordering;
use std::fmt;

use rust_decimal::Decimal;

/// `±magnitude · 10^−scale`, the magnitude in base-2^64 limbs, least
/// significant first, without leading zero limbs; zero is never negative.
#[derive(Clone, Debug)]
pub(super) struct Exact {
    negative: bool,
    magnitude: Vec<u64>,
    scale: u32,
}

fn trim(mut v: Vec<u64>) -> Vec<u64> {
    while v.last() == Some(&0) {
        v.pop();
    }
    v
}

fn nat_cmp(a: &[u64], b: &[u64]) -> Ordering {
    a.len()
        .cmp(&b.len())
        .then_with(|| a.iter().rev().cmp(b.iter().rev()))
}

fn nat_add(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut out = Vec::with_capacity(a.len().max(b.len()) + 1);
    let mut carry = 0u128;
    for i in 0..a.len().max(b.len()) {
        let s = u128::from(*a.get(i).unwrap_or(&0)) + u128::from(*b.get(i).unwrap_or(&0)) + carry;
        out.push(s as u64);
        carry = s >> 64;
    }
    out.push(carry as u64);
    trim(out)
}

/// `a − b` for `a ≥ b`.
fn nat_sub(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut out = Vec::with_capacity(a.len());
    let mut borrow = false;
    for (i, x) in a.iter().enumerate() {
        let (d, b1) = x.overflowing_sub(*b.get(i).unwrap_or(&0));
        let (d, b2) = d.overflowing_sub(u64::from(borrow));
        borrow = b1 || b2;
        out.push(d);
    }
    trim(out)
}

fn nat_mul(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut out = vec![0u64; a.len() + b.len()];
    for (i, x) in a.iter().enumerate() {
        let mut carry = 0u128;
        for (j, y) in b.iter().enumerate() {
            let t = u128::from(*x) * u128::from(*y) + u128::from(out[i + j]) + carry;
            out[i + j] = t as u64;
            carry = t >> 64;
        }
        out[i + b.len()] = carry as u64;
    }
    trim(out)
}

/// `a · 10^k`.
fn nat_shift10(a: &[u64], k: u32) -> Vec<u64> {
    let mut out = a.to_vec();
    let mut k = k;
    while k > 0 {
        let step = k.min(19);
        out = nat_mul(&out, &[10u64.pow(step)]);
        k -= step;
    }
    out
}

impl Exact {
    fn from_parts(negative: bool, magnitude: Vec<u64>, scale: u32) -> Exact {
        let magnitude = trim(magnitude);
        Exact {
            negative: negative && !magnitude.is_empty(),
            magnitude,
            scale,
        }
    }

    /// `m · 10^−scale`.
    pub(super) fn new(m: i128, scale: u32) -> Exact {
        let a = m.unsigned_abs();
        let limbs = vec![a as u64, (a >> 64) as u64];
        Exact::from_parts(m < 0, limbs, scale)
    }

    pub(super) fn from_decimal(d: Decimal) -> Exact {
        Exact::new(d.mantissa(), d.scale())
    }

    pub(super) fn is_zero(&self) -> bool {
        self.magnitude.is_empty()
    }

    pub(super) fn is_negative(&self) -> bool {
        self.negative
    }

    pub(super) fn neg(&self) -> Exact {
        Exact::from_parts(!self.negative, self.magnitude.clone(), self.scale)
    }

    /// Both magnitudes at the larger scale.
    fn aligned(&self, other: &Exact) -> (Vec<u64>, Vec<u64>, u32) {
        let scale = self.scale.max(other.scale);
        (
            nat_shift10(&self.magnitude, scale - self.scale),
            nat_shift10(&other.magnitude, scale - other.scale),
            scale,
        )
    }

    pub(super) fn add(&self, other: &Exact) -> Exact {
        let (a, b, scale) = self.aligned(other);
        if self.negative == other.negative {
            return Exact::from_parts(self.negative, nat_add(&a, &b), scale);
        }
        match nat_cmp(&a, &b) {
            Ordering::Less => Exact::from_parts(other.negative, nat_sub(&b, &a), scale),
            _ => Exact::from_parts(self.negative, nat_sub(&a, &b), scale),
        }
    }

    pub(super) fn sub(&self, other: &Exact) -> Exact {
        self.add(&other.neg())
    }

    pub(super) fn mul(&self, other: &Exact) -> Exact {
        Exact::from_parts(
            self.negative != other.negative,
            nat_mul(&self.magnitude, &other.magnitude),
            self.scale + other.scale,
        )
    }

    pub(super) fn pow(&self, k: u32) -> Exact {
        let mut acc = Exact::new(1, 0);
        for _ in 0..k {
            acc = acc.mul(self);
        }
        acc
    }

    pub(super) fn cmp(&self, other: &Exact) -> Ordering {
        match (self.negative, other.negative) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (negative, _) => {
                let (a, b, _) = self.aligned(other);
                let by_magnitude = nat_cmp(&a, &b);
                if negative {
                    by_magnitude.reverse()
                } else {
                    by_magnitude
                }
            }
        }
    }
}

/// `a / d` and the remainder, for a small divisor.
fn nat_divmod_small(a: &[u64], d: u64) -> (Vec<u64>, u64) {
    let mut out = vec![0u64; a.len()];
    let mut rem = 0u128;
    for (i, x) in a.iter().enumerate().rev() {
        let cur = (rem << 64) | u128::from(*x);
        out[i] = (cur / u128::from(d)) as u64;
        rem = cur % u128::from(d);
    }
    (trim(out), rem as u64)
}

impl fmt::Display for Exact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut digits = String::new();
        let mut m = self.magnitude.clone();
        while !m.is_empty() {
            let (q, r) = nat_divmod_small(&m, 10);
            digits.insert(0, char::from(b'0' + r as u8));
            m = q;
        }
        let scale = self.scale as usize;
        if digits.len() <= scale {
            digits.insert_str(0, &"0".repeat(scale + 1 - digits.len()));
        }
        if scale > 0 {
            digits.insert(digits.len() - scale, '.');
        }
        let sign = if self.negative { "-" } else { "" };
        write!(f, "{sign}{digits}")
    }
}

#[test]
fn exact_arithmetic_agrees_with_decimal_where_decimal_is_exact() {
    let values = [
        "0",
        "1",
        "-1",
        "2.5",
        "-0.125",
        "79228162514264337593543950335",
        "1e-28",
    ];
    let dec = |s: &str| Decimal::from_str_exact(s).or_else(|_| Decimal::from_scientific(s));
    for a in values {
        for b in values {
            let (Ok(x), Ok(y)) = (dec(a), dec(b)) else {
                panic!("{a} {b}");
            };
            let (ex, ey) = (Exact::from_decimal(x), Exact::from_decimal(y));
            assert_eq!(ex.cmp(&ey), x.cmp(&y), "{a} cmp {b}");
            if let Some(s) = x
                .checked_add(y)
                .filter(|s| s.scale() >= x.scale().max(y.scale()))
            {
                assert_eq!(ex.add(&ey).cmp(&Exact::from_decimal(s)), Ordering::Equal);
            }
            if let Some(p) = x
                .checked_mul(y)
                .filter(|p| p.scale() == x.scale() + y.scale())
            {
                assert_eq!(ex.mul(&ey).cmp(&Exact::from_decimal(p)), Ordering::Equal);
            }
        }
    }
    // Beyond Decimal: (2^96 − 1)² compared with itself plus 10^−40.
    let max = Exact::from_decimal(Decimal::MAX);
    let sq = max.mul(&max);
    let more = sq.add(&Exact::new(1, 40));
    assert_eq!(sq.cmp(&more), Ordering::Less);
    assert_eq!(more.sub(&sq).cmp(&Exact::new(1, 40)), Ordering::Equal);
    assert_eq!(sq.neg().cmp(&more.neg()), Ordering::Greater);
    assert_eq!(
        Exact::new(3, 1).pow(3).cmp(&Exact::new(27, 3)),
        Ordering::Equal
    );
    assert_eq!(Exact::new(-27, 3).to_string(), "-0.027");
    assert_eq!(Exact::new(0, 2).to_string(), "0.00");
    assert_eq!(max.to_string(), Decimal::MAX.to_string());
}
