//! The compound growth that claims imply, computed once for each multiple
//! and span: claims of a screening dataset repeat the same multiples over
//! the same spans, and each growth is a root, the costliest of their
//! computations.

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::bounded::{ArithError, Bounded, Endpoint};
use crate::formula;

/// A decimal exactly as it is held: mantissa, scale and sign. `1.0` and
/// `1.00` are two keys (equal decimals, which a result may tell apart).
type Exact = [u8; 16];

/// An interval end exactly as it is held.
type End = (u8, Exact);

fn end(end: Endpoint) -> End {
    match end {
        Endpoint::Unbounded => (0, [0; 16]),
        Endpoint::Closed(v) => (1, v.serialize()),
        Endpoint::Open(v) => (2, v.serialize()),
    }
}

/// The growths computed lately, by multiple and steps.
#[derive(Default)]
pub(super) struct Growths(HashMap<(Exact, End, End, Exact), Result<Bounded, ArithError>>);

impl Growths {
    /// Growths kept at most; past them, the kept ones are dropped.
    const KEPT: usize = 4096;

    /// [`formula::compound_growth`] of `multiple` over `steps`, looked for
    /// here first.
    pub(super) fn compound(
        &mut self,
        multiple: &Bounded,
        steps: Decimal,
    ) -> Result<Bounded, ArithError> {
        let key = (
            multiple.point().serialize(),
            end(multiple.low()),
            end(multiple.high()),
            steps.serialize(),
        );
        if let Some(made) = self.0.get(&key) {
            return *made;
        }
        let made = formula::compound_growth(multiple, steps);
        if self.0.len() >= Growths::KEPT {
            self.0.clear();
        }
        self.0.insert(key, made);
        made
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_growth_is_the_one_computed_and_equal_decimals_of_other_scales_are_apart() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let mut growths = Growths::default();
        for (multiple, steps) in [("2", "12"), ("2.0", "12"), ("2", "12.0"), ("3.5", "7")] {
            let multiple = Bounded::exact(d(multiple));
            let computed = formula::compound_growth(&multiple, d(steps));
            assert_eq!(growths.compound(&multiple, d(steps)), computed);
            assert_eq!(growths.compound(&multiple, d(steps)), computed);
        }
        assert_eq!(growths.0.len(), 4);
    }
}
