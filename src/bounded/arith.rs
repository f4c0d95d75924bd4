//! Sums, differences, products, quotients, negation and scaling of bounded
//! values.

use std::cmp::Ordering;
use std::ops::Neg;

use rust_decimal::Decimal;

use super::corners::{
    Corners, apart_product_ends, div_corner, ends, hull, mul_corner, product_ends, quotient_ends,
};
use super::rounding::{
    add_x, div, down, exact_product, exact_sum, mul_x, order, power_of_ten, times_ten_to, up,
};
use super::{ArithError, Bounded, Endpoint, endpoint};

impl Bounded {
    /// The sum of two bounded values.
    ///
    /// ```
    /// # use earnings::bounded::{Bounded, Endpoint};
    /// # use rust_decimal::Decimal;
    /// let a = Bounded::closed(Decimal::new(10, 0), Decimal::new(9, 0), Decimal::new(11, 0))?;
    /// let b = Bounded::exact(Decimal::new(5, 1));
    /// let s = a.checked_add(&b)?;
    /// assert_eq!((s.point(), s.low(), s.high()), (Decimal::new(105, 1),
    ///     Endpoint::Closed(Decimal::new(95, 1)), Endpoint::Closed(Decimal::new(115, 1))));
    /// # Ok::<(), earnings::bounded::ArithError>(())
    /// ```
    pub fn checked_add(&self, other: &Bounded) -> Result<Bounded, ArithError> {
        let point = add_x(self.point, other.point)?.value;
        let low = match (self.low.value(), other.low.value()) {
            (Some(a), Some(b)) => endpoint(
                down(add_x(a, b)?)?,
                self.low.is_open() || other.low.is_open(),
            ),
            _ => Endpoint::Unbounded,
        };
        let high = match (self.high.value(), other.high.value()) {
            (Some(a), Some(b)) => endpoint(
                up(add_x(a, b)?)?,
                self.high.is_open() || other.high.is_open(),
            ),
            _ => Endpoint::Unbounded,
        };
        Ok(Bounded::from_parts(point, low, high))
    }

    /// `self + exact(v)` where every sum is exact (as `exact_sum` finds
    /// it), as `checked_add` gives it with either operand first: the
    /// interval moved by `v`, which keeps the order of the ends and of the
    /// point between them, so that the repair of a result only moves a
    /// point equal to the low end onto it. `None` where a sum is not found
    /// exact, and for a zero `v` (two zeros' sum takes its sign from the
    /// second operand): the general method decides.
    pub(crate) fn translated(&self, v: Decimal) -> Option<Bounded> {
        if v.is_zero() {
            return None;
        }
        let moved = |e: Endpoint| -> Option<Endpoint> {
            Some(match e {
                Endpoint::Unbounded => Endpoint::Unbounded,
                Endpoint::Closed(x) => Endpoint::Closed(exact_sum(x, v)?),
                Endpoint::Open(x) => Endpoint::Open(exact_sum(x, v)?),
            })
        };
        let (low, high) = (moved(self.low)?, moved(self.high)?);
        let mut point = exact_sum(self.point, v)?;
        if let Some(l) = low.value() {
            if order(point, l) != Ordering::Greater {
                point = l;
            }
        }
        Some(Bounded { point, low, high })
    }

    /// The difference `self − other`.
    ///
    /// ```
    /// # use earnings::bounded::Bounded;
    /// # use rust_decimal::Decimal;
    /// let d = Bounded::exact(Decimal::new(3, 0)).checked_sub(&Bounded::exact(Decimal::ONE))?;
    /// assert!(d.is_exact() && d.point() == Decimal::TWO);
    /// # Ok::<(), earnings::bounded::ArithError>(())
    /// ```
    pub fn checked_sub(&self, other: &Bounded) -> Result<Bounded, ArithError> {
        self.checked_add(&other.neg())
    }

    /// The product of two bounded values, over all signs and unbounded sides
    /// (`0 × ∞` is 0 for a closed zero end).
    ///
    /// ```
    /// # use earnings::bounded::{Bounded, Endpoint};
    /// # use rust_decimal::Decimal;
    /// let thirty = Decimal::new(30, 0);
    /// let more_than_30 = Bounded::new(thirty, Endpoint::Open(thirty), Endpoint::Unbounded)?;
    /// let two_to_three = Bounded::closed(Decimal::TWO, Decimal::TWO, Decimal::new(3, 0))?;
    /// let p = more_than_30.checked_mul(&two_to_three)?;
    /// assert_eq!((p.low(), p.high()), (Endpoint::Open(Decimal::new(60, 0)), Endpoint::Unbounded));
    /// assert_eq!(Bounded::exact(Decimal::new(8971, 3)).checked_mul(&Bounded::exact(Decimal::new(4, 0)))?,
    ///     Bounded::exact(Decimal::new(35884, 3)));
    /// # Ok::<(), earnings::bounded::ArithError>(())
    /// ```
    pub fn checked_mul(&self, other: &Bounded) -> Result<Bounded, ArithError> {
        if let Some(p) = power_of_ten(other.point) {
            if other.is_exact() {
                if let Some(product) = self.times_ten_to(p) {
                    return product;
                }
            }
        }
        self.general_product(other)
    }

    /// `checked_mul` without the shortcut for a factor `10^p`.
    pub(super) fn general_product(&self, other: &Bounded) -> Result<Bounded, ArithError> {
        if other.is_exact() {
            if let Some(product) = self.exactly_scaled(other.point) {
                return Ok(product);
            }
        }
        self.product_by_corners(other)
    }

    /// The product by an exact factor `10^p` (`1 ≤ p ≤ 9`) of an interval
    /// whose point and ends are finite and nonzero (else `None`), as
    /// `general_product` finds it: every product of mantissas exact, the
    /// interval `exactly_scaled` gives; otherwise that of the corners, one
    /// for each end (one only for an exact interval), each end's product
    /// from `times_ten_to`, as `mul_x` finds it.
    fn times_ten_to(&self, p: usize) -> Option<Result<Bounded, ArithError>> {
        let (Some(l), Some(h)) = (self.low.value(), self.high.value()) else {
            return None;
        };
        let product = |v: Decimal| times_ten_to(v, p);
        let (point, low, high) = (product(self.point)?, product(l)?, product(h)?);
        let (low_open, high_open) = (self.low.is_open(), self.high.is_open());
        if point.exact && low.exact && high.exact {
            return Some(Ok(Bounded {
                point: point.value,
                low: endpoint(low.value, low_open),
                high: endpoint(high.value, high_open),
            }));
        }
        let apart = apart_product_ends((low, low_open), (high, high_open));
        let ends = if let Some(ends) = apart {
            ends
        } else if self.is_exact() {
            product_ends(&[(low, low_open)])
        } else {
            product_ends(&[(low, low_open), (high, high_open)])
        };
        Some(ends.map(|(low, high)| Bounded::from_parts(point.value, low, high)))
    }

    /// The product from the corners of the two intervals.
    pub(super) fn product_by_corners(&self, other: &Bounded) -> Result<Bounded, ArithError> {
        let point = mul_x(self.point, other.point)?.value;
        let mut cands = Corners::new();
        for a in ends(self) {
            for b in ends(other) {
                mul_corner(a, b, &mut cands)?;
            }
        }
        let (low, high) = hull(cands.as_slice())?;
        Ok(Bounded::from_parts(point, low, high))
    }

    /// The quotient `self / other`.
    ///
    /// Errors with [`ArithError::DivisionByZero`] when the divisor's interval
    /// contains zero (an open zero end is fine) or its point is zero.
    ///
    /// ```
    /// # use earnings::bounded::{Bounded, Endpoint};
    /// # use rust_decimal::Decimal;
    /// let q = Bounded::exact(Decimal::new(30, 0)).checked_div(&Bounded::exact(Decimal::new(3, 0)))?;
    /// assert_eq!(q, Bounded::exact(Decimal::TEN));
    /// let one_two = Bounded::closed(Decimal::ONE, Decimal::ONE, Decimal::TWO)?;
    /// let over_10 = Bounded::new(Decimal::TEN, Endpoint::Open(Decimal::TEN), Endpoint::Unbounded)?;
    /// let r = one_two.checked_div(&over_10)?;
    /// assert_eq!((r.low(), r.high()), (Endpoint::Open(Decimal::ZERO), Endpoint::Open(Decimal::new(2, 1))));
    /// # Ok::<(), earnings::bounded::ArithError>(())
    /// ```
    pub fn checked_div(&self, other: &Bounded) -> Result<Bounded, ArithError> {
        // (An interval of one sign holds no zero: checked first, cheaply.)
        let one_sign = other.is_positive() || other.is_negative();
        if (!one_sign && other.contains_zero()) || other.point.is_zero() {
            return Err(ArithError::DivisionByZero);
        }
        let point = div(self.point, other.point).ok_or(ArithError::Overflow)?;
        let (low, high) = match quotient_ends(self, other) {
            Some(ends) => ends?,
            None => self.quotient_hull(other)?,
        };
        Ok(Bounded::from_parts(point, low, high))
    }

    /// The ends of the quotient from the hull of all its corners, over all
    /// signs and unbounded sides (the divisor containing no zero).
    pub(super) fn quotient_hull(
        &self,
        other: &Bounded,
    ) -> Result<(Endpoint, Endpoint), ArithError> {
        let mut cands = Corners::new();
        for n in ends(self) {
            for d in ends(other) {
                div_corner(n, d, &mut cands)?;
            }
        }
        hull(cands.as_slice())
    }

    /// The negation (cannot overflow: `Decimal`'s range is symmetric).
    ///
    /// ```
    /// # use earnings::bounded::{Bounded, Endpoint};
    /// # use rust_decimal::Decimal;
    /// let b = Bounded::new(Decimal::ONE, Endpoint::Open(Decimal::ZERO), Endpoint::Unbounded)?.neg();
    /// assert_eq!((b.low(), b.high()), (Endpoint::Unbounded, Endpoint::Open(Decimal::ZERO)));
    /// # Ok::<(), earnings::bounded::ArithError>(())
    /// ```
    #[allow(clippy::should_implement_trait)]
    pub fn neg(&self) -> Bounded {
        let flip = |e: Endpoint| match e {
            Endpoint::Unbounded => Endpoint::Unbounded,
            Endpoint::Closed(v) => Endpoint::Closed(v.neg()),
            Endpoint::Open(v) => Endpoint::Open(v.neg()),
        };
        Bounded {
            point: self.point.neg(),
            low: flip(self.high),
            high: flip(self.low),
        }
    }

    /// Multiplication by an exact number.
    ///
    /// ```
    /// # use earnings::bounded::Bounded;
    /// # use rust_decimal::Decimal;
    /// let b = Bounded::closed(Decimal::new(30, 0), Decimal::new(295, 1), Decimal::new(305, 1))?;
    /// let s = b.checked_scale(Decimal::new(12, 0))?;
    /// assert_eq!(s, Bounded::closed(Decimal::new(360, 0), Decimal::new(354, 0), Decimal::new(366, 0))?);
    /// # Ok::<(), earnings::bounded::ArithError>(())
    /// ```
    pub fn checked_scale(&self, factor: Decimal) -> Result<Bounded, ArithError> {
        if let Some(scaled) = self.exactly_scaled(factor) {
            return Ok(scaled);
        }
        self.checked_mul(&Bounded::exact(factor))
    }

    /// The product by a positive factor when every product is exact (the
    /// common case: a stated figure scaled to units, money to its output
    /// scale): mantissas multiplied and scales added, the very decimals
    /// `Decimal::checked_mul` gives (zero as `Decimal::ZERO`), and the
    /// interval the corners would give, since an exact positive factor keeps
    /// the order of the ends and of the point between them. A factor
    /// `10^-k` (money to its output scale) only raises each scale by `k`.
    pub(super) fn exactly_scaled(&self, factor: Decimal) -> Option<Bounded> {
        if factor.is_sign_negative() || factor.is_zero() {
            return None;
        }
        if factor.mantissa() == 1 {
            return self.scaled_down(factor.scale());
        }
        self.scaled_by_products(factor)
    }

    /// `exactly_scaled`, every product multiplied out by `exact_product`.
    pub(super) fn scaled_by_products(&self, factor: Decimal) -> Option<Bounded> {
        self.each_decimal(|d| exact_product(d, factor))
    }

    /// `exactly_scaled` by `10^-places`: each nonzero decimal's mantissa
    /// and sign kept and its scale raised by `places`, zero as
    /// `Decimal::ZERO`, what `exact_product` gives without multiplying;
    /// `None` past `Decimal`'s largest scale, where it gives none.
    fn scaled_down(&self, places: u32) -> Option<Bounded> {
        self.each_decimal(|d| {
            if d.is_zero() {
                return Some(Decimal::ZERO);
            }
            let mut shifted = d;
            shifted.set_scale(d.scale().checked_add(places)?).ok()?;
            Some(shifted)
        })
    }

    /// The point and each bounded end mapped by `f`, the openness kept.
    fn each_decimal(&self, f: impl Fn(Decimal) -> Option<Decimal>) -> Option<Bounded> {
        let end = |e: Endpoint| -> Option<Endpoint> {
            Some(match e {
                Endpoint::Unbounded => Endpoint::Unbounded,
                Endpoint::Closed(v) => Endpoint::Closed(f(v)?),
                Endpoint::Open(v) => Endpoint::Open(f(v)?),
            })
        };
        Some(Bounded {
            point: f(self.point)?,
            low: end(self.low)?,
            high: end(self.high)?,
        })
    }
}
