//! Each formula as a term over its inputs, for whatever evaluates it
//! outside this crate (a spreadsheet's live formulas): a derived figure
//! names its [`Recipe`], and the recipe both computes (with the functions
//! of [`crate::formula`]) and says its [`Term`], so no formula is written
//! twice by hand. The tests check that each term, evaluated on intervals,
//! is what the function computes.
//!
//! Every term uses each input once, so that evaluating it end by end on
//! intervals (each operation's result from the combinations of its
//! operands' ends) gives the exact range, as the functions do.

use rust_decimal::Decimal;

use super::{MaybeMeaningful, percent_of, run_rate, yoy_percent};
use crate::bounded::{ArithError, Bounded};

/// How a derived figure is computed from its inputs (in the order the
/// figure lists them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Recipe {
    /// `input 0 − input 1` (a change, in the inputs' unit or in points).
    Difference,
    /// [`yoy_percent`] of input 0 against input 1: `n/m` unless both have
    /// one sign.
    PercentChange,
    /// [`percent_of`]: input 0 as a percentage of input 1.
    PercentOf,
    /// [`run_rate`]: input 0 times a number (periods per year).
    Times(Decimal),
    /// Each input times its weight, summed (`1, 1, −1`: a year, plus a
    /// year to date, less the same span a year before).
    Weighted(Vec<Decimal>),
    /// [`yoy_percent`] of one weighted sum of the inputs against another:
    /// the first weights are of the first inputs, the second of the rest
    /// (a trailing twelve months against the one a year earlier).
    PercentChangeOf(Vec<Decimal>, Vec<Decimal>),
}

/// `Σ weights[i] × input(from + i)`, as a term.
fn weighted(weights: &[Decimal], from: usize) -> Term {
    let mut terms = weights.iter().enumerate().map(|(i, w)| {
        let input = Term::Input(from.saturating_add(i));
        if *w == Decimal::ONE {
            input
        } else {
            Term::Multiply(boxed(input), boxed(Term::Number(*w)))
        }
    });
    let first = terms.next().unwrap_or(Term::Number(Decimal::ZERO));
    terms.fold(first, |sum, term| Term::Add(boxed(sum), boxed(term)))
}

/// `sign(prior) × (current / prior − 1) × 100`: for a negative prior that
/// is `(1 − current / prior) × 100`, as [`yoy_percent`] has it.
fn percent_change(current: Term, prior: Term) -> Term {
    let ratio = Term::Divide(boxed(current), boxed(prior.clone()));
    let rate = Term::Subtract(boxed(ratio), boxed(Term::Number(Decimal::ONE)));
    let signed = Term::Multiply(boxed(Term::Sign(boxed(prior))), boxed(rate));
    Term::Multiply(boxed(signed), boxed(Term::Number(Decimal::ONE_HUNDRED)))
}

/// A formula over numbered inputs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    /// The input at this place.
    Input(usize),
    /// An exact number.
    Number(Decimal),
    /// The sign (1 or −1) of a term; only used where the recipe's
    /// condition ([`Recipe::same_sign`]) says the sign is one.
    Sign(Box<Term>),
    /// The sum.
    Add(Box<Term>, Box<Term>),
    /// The difference.
    Subtract(Box<Term>, Box<Term>),
    /// The product.
    Multiply(Box<Term>, Box<Term>),
    /// The quotient.
    Divide(Box<Term>, Box<Term>),
}

fn boxed(term: Term) -> Box<Term> {
    Box::new(term)
}

impl Term {
    /// Evaluates the term on intervals, operation by operation.
    ///
    /// ```
    /// use earnings::bounded::Bounded;
    /// use earnings::formula::{Recipe, Term};
    /// let inputs = [Bounded::exact("110".parse().unwrap()), Bounded::exact("100".parse().unwrap())];
    /// let change = Recipe::PercentChange.term().eval(&inputs).unwrap();
    /// assert_eq!(change.point().normalize().to_string(), "10");
    /// ```
    pub fn eval(&self, inputs: &[Bounded]) -> Result<Bounded, ArithError> {
        let input = |i: &usize| {
            inputs.get(*i).copied().ok_or(ArithError::Domain(
                "a formula names an input it was not given",
            ))
        };
        match self {
            Term::Input(i) => input(i),
            Term::Number(n) => Ok(Bounded::exact(*n)),
            Term::Sign(term) => {
                let of = term.eval(inputs)?;
                if of.is_positive() {
                    Ok(Bounded::exact(Decimal::ONE))
                } else if of.is_negative() {
                    Ok(Bounded::exact(Decimal::NEGATIVE_ONE))
                } else {
                    Err(ArithError::Domain("the sign of a figure that can be zero"))
                }
            }
            Term::Add(a, b) => a.eval(inputs)?.checked_add(&b.eval(inputs)?),
            Term::Subtract(a, b) => a.eval(inputs)?.checked_sub(&b.eval(inputs)?),
            Term::Multiply(a, b) => a.eval(inputs)?.checked_mul(&b.eval(inputs)?),
            Term::Divide(a, b) => a.eval(inputs)?.checked_div(&b.eval(inputs)?),
        }
    }
}

impl Recipe {
    /// The figure computed from its inputs; `None` where it is `n/m`.
    pub fn compute(&self, inputs: &[Bounded]) -> Result<MaybeMeaningful, ArithError> {
        let input = |i: usize| {
            inputs
                .get(i)
                .ok_or(ArithError::Domain("a formula was given too few inputs"))
        };
        match self {
            Recipe::Difference => input(0)?.checked_sub(input(1)?).map(Some),
            Recipe::PercentChange => yoy_percent(input(0)?, input(1)?),
            Recipe::PercentOf => percent_of(input(0)?, input(1)?).map(Some),
            Recipe::Times(k) => run_rate(input(0)?, *k).map(Some),
            Recipe::Weighted(_) => self.term().eval(inputs).map(Some),
            Recipe::PercentChangeOf(now, before) => {
                let current = weighted(now, 0).eval(inputs)?;
                let prior = weighted(before, now.len()).eval(inputs)?;
                yoy_percent(&current, &prior)
            }
        }
    }

    /// A trailing twelve months from its inputs: four quarters summed, or
    /// (inputs not quarters) a year plus the year to date less the same
    /// span a year earlier, its inputs in that order.
    pub fn trailing_twelve_months(of_quarters: bool) -> Recipe {
        let one = Decimal::ONE;
        if of_quarters {
            Recipe::Weighted(vec![one; 4])
        } else {
            Recipe::Weighted(vec![one, one, Decimal::NEGATIVE_ONE])
        }
    }

    /// The terms that must have one sign, and the same one, for the
    /// figure to be meaningful (a percent change); else it is `n/m`.
    pub fn same_sign(&self) -> Option<(Term, Term)> {
        match self {
            Recipe::PercentChange => Some((Term::Input(0), Term::Input(1))),
            Recipe::PercentChangeOf(now, before) => {
                Some((weighted(now, 0), weighted(before, now.len())))
            }
            _ => None,
        }
    }

    /// The recipe as a term over its inputs.
    ///
    /// ```
    /// use earnings::formula::{Recipe, Term};
    /// assert_eq!(
    ///     Recipe::Difference.term(),
    ///     Term::Subtract(Box::new(Term::Input(0)), Box::new(Term::Input(1)))
    /// );
    /// ```
    pub fn term(&self) -> Term {
        let hundred = || boxed(Term::Number(Decimal::ONE_HUNDRED));
        match self {
            Recipe::Difference => Term::Subtract(boxed(Term::Input(0)), boxed(Term::Input(1))),
            Recipe::PercentChange => percent_change(Term::Input(0), Term::Input(1)),
            Recipe::PercentOf => {
                let ratio = Term::Divide(boxed(Term::Input(0)), boxed(Term::Input(1)));
                Term::Multiply(boxed(ratio), hundred())
            }
            Recipe::Times(k) => Term::Multiply(boxed(Term::Input(0)), boxed(Term::Number(*k))),
            Recipe::Weighted(weights) => weighted(weights, 0),
            Recipe::PercentChangeOf(now, before) => {
                percent_change(weighted(now, 0), weighted(before, now.len()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn closed(point: &str, low: &str, high: &str) -> Bounded {
        Bounded::closed(
            point.parse().unwrap(),
            low.parse().unwrap(),
            high.parse().unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn each_term_computes_what_its_function_does() {
        let figures = [
            closed("1023.67", "1023.665", "1023.675"),
            closed("996.347", "996.3465", "996.3475"),
            closed("-17.3", "-17.35", "-17.25"),
            closed("-37.43", "-37.435", "-37.425"),
            closed("41.6", "40", "43"),
            closed("-5", "-6", "-4"),
        ];
        let recipes = [
            Recipe::Difference,
            Recipe::PercentChange,
            Recipe::PercentOf,
            Recipe::Times(Decimal::from(4)),
            Recipe::Weighted(vec![Decimal::ONE, Decimal::NEGATIVE_ONE]),
            Recipe::PercentChangeOf(vec![Decimal::ONE], vec![Decimal::ONE]),
        ];
        let mut compared = 0;
        for a in &figures {
            for b in &figures {
                for recipe in &recipes {
                    let inputs = [*a, *b];
                    let computed = recipe.compute(&inputs).unwrap();
                    let meaningful = recipe.same_sign().is_none_or(|(x, y)| {
                        let (x, y) = (x.eval(&inputs).unwrap(), y.eval(&inputs).unwrap());
                        (x.is_positive() && y.is_positive()) || (x.is_negative() && y.is_negative())
                    });
                    if !meaningful {
                        assert_eq!(computed, None, "{recipe:?} {a:?} {b:?}");
                        continue;
                    }
                    let evaluated = recipe.term().eval(&inputs).unwrap();
                    assert_eq!(computed, Some(evaluated), "{recipe:?} {a:?} {b:?}");
                    compared += 1;
                }
            }
        }
        assert!(compared > 100, "{compared}");
    }

    #[test]
    fn a_change_of_sums_is_the_change_of_what_the_sums_compute() {
        let d = |v: &str| Bounded::exact(v.parse().unwrap());
        // Four quarters now (10..13 = 46), a year plus to date less to date before (100 + 55 − 45 = 110).
        let inputs = ["10", "11", "12", "13", "100", "55", "45"].map(d);
        let Recipe::Weighted(now) = Recipe::trailing_twelve_months(true) else {
            unreachable!()
        };
        let Recipe::Weighted(before) = Recipe::trailing_twelve_months(false) else {
            unreachable!()
        };
        let recipe = Recipe::PercentChangeOf(now, before);
        let computed = recipe.compute(&inputs).unwrap().unwrap();
        let expected = yoy_percent(&d("46"), &d("110")).unwrap().unwrap();
        assert_eq!(computed, expected);
        assert_eq!(recipe.term().eval(&inputs).unwrap(), expected);
    }
}
