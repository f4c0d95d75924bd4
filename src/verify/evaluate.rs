//! A claim computed on one set of figures and compared with what it
//! claims: by its kind's formula ([`crate::claim::Relation::compute`]), or,
//! for an `expr` claim, by evaluating the expression as `earnings eval`
//! does.

use super::lookup::Lookup;
use super::{Outcome, compare, satisfied_percent};
use crate::bounded::Bounded;
use crate::claim::NotComputed;
use crate::dataset::{Claim, Dataset};
use crate::error::{Error, Result};
use crate::eval;
use crate::figures::Known;
use crate::text;

/// A relation computed on one set of figures, and how it compares.
pub(super) struct Evaluation {
    pub(super) computed: Option<Bounded>,
    pub(super) outcome: Outcome,
    pub(super) reason: Option<String>,
}

/// Why the figures found cannot be related (see
/// [`crate::claim::Relation::unit_mismatch`]).
pub(super) fn unit_mismatch(claim: &Claim, lookups: &[Lookup]) -> Option<String> {
    let candidates = lookups
        .iter()
        .flat_map(|l| std::iter::once(&l.preferred).chain(&l.alternatives))
        .map(|k| (&k.figure, &k.unit));
    claim.relation.unit_mismatch(&claim.stated.unit, candidates)
}

/// Computes the relation on one set of figures and compares it with the
/// claim.
pub(super) fn evaluate(claim: &Claim, inputs: &[Known], data: &Dataset) -> Result<Evaluation> {
    if let Some(expr) = claim.relation.expression() {
        return Ok(evaluate_expr(claim, expr, inputs, data));
    }
    let values: Vec<Bounded> = inputs.iter().map(|k| k.value).collect();
    match claim.relation.compute(&values) {
        Ok(computed) => Ok(compared(claim, computed, claim.relation.caution(&computed))),
        Err(NotComputed::Impossible(reason)) => Ok(Evaluation {
            computed: None,
            outcome: Outcome::Contradicted,
            reason: Some(reason),
        }),
        Err(NotComputed::NotMeaningful(reason)) => Ok(Evaluation {
            computed: None,
            outcome: Outcome::Undetermined,
            reason: Some(reason),
        }),
        // Evaluated whole by `evaluate_expr`; never reached.
        Err(NotComputed::Expression) => Ok(Evaluation {
            computed: None,
            outcome: Outcome::Undetermined,
            reason: Some("an expression is evaluated as a whole".to_string()),
        }),
        Err(NotComputed::MissingFigure) => Err(failed(claim, "a figure is missing")),
        // Reported for this claim alone; every other claim goes on.
        Err(NotComputed::Overflow) => Ok(Evaluation {
            computed: None,
            outcome: Outcome::Unverifiable,
            reason: Some(format!(
                "computing {} overflows: the result is beyond the range of exact decimals",
                claim.relation
            )),
        }),
    }
}

/// An `expr` claim on one set of figures: the expression evaluated on
/// them, converted into the claim's unit and compared. Units that do not
/// combine, or a result in another unit than the claim's, make it
/// unverifiable; a value the expression is undefined on (a divisor that
/// can be zero, an `n/m` change) leaves it undetermined.
fn evaluate_expr(
    claim: &Claim,
    expr: &eval::Expression,
    inputs: &[Known],
    data: &Dataset,
) -> Evaluation {
    let env = eval::ListEnvironment {
        figures: inputs.to_vec(),
        data,
    };
    let unverifiable = |reason: String| Evaluation {
        computed: None,
        outcome: Outcome::Unverifiable,
        reason: Some(reason),
    };
    let result = match eval::evaluate(expr, &env) {
        Ok(result) => result,
        Err(e) => {
            let (_, column) = e.span.position(expr.text());
            let reason = format!("column {column} of the expression: {}", e.message);
            return match e.class {
                eval::ErrorClass::Value => Evaluation {
                    computed: None,
                    outcome: Outcome::Undetermined,
                    reason: Some(reason),
                },
                eval::ErrorClass::Figure | eval::ErrorClass::Unit | eval::ErrorClass::Overflow => {
                    unverifiable(reason)
                }
            };
        }
    };
    let value = match &result.value.amount {
        eval::Amount::Known(value) => value,
        eval::Amount::NotMeaningful(reason) => {
            return Evaluation {
                computed: None,
                outcome: Outcome::Undetermined,
                reason: Some(reason.clone()),
            };
        }
    };
    match eval::in_unit(value, &result.value.unit, &claim.stated.unit) {
        Ok(Some(computed)) => compared(claim, computed, None),
        Ok(None) => unverifiable(format!(
            "the expression gives {} but the claim is in {}",
            result.value.unit, claim.stated.unit
        )),
        Err(e) => unverifiable(format!(
            "converting the result to {}: {e}",
            claim.stated.unit
        )),
    }
}

/// The computed value compared with the claim; an undetermined outcome says
/// how much of the computed interval satisfies the claim.
fn compared(claim: &Claim, computed: Bounded, caution: Option<String>) -> Evaluation {
    let outcome = compare(&claim.value, &computed);
    let share = (outcome == Outcome::Undetermined)
        .then(|| satisfied_percent(&claim.value, &computed))
        .flatten()
        .map(|p| {
            format!(
                "{}% of the interval the figures allow satisfies the claim",
                text::significant(p, 3)
            )
        });
    let reasons: Vec<String> = share.into_iter().chain(caution).collect();
    Evaluation {
        computed: Some(computed),
        outcome,
        reason: (!reasons.is_empty()).then(|| reasons.join("; ")),
    }
}

/// A claim that could not be computed at all, which stops the command.
fn failed(claim: &Claim, why: &str) -> Error {
    Error::Arithmetic(format!(
        "{}: {} claim on {}: {why}",
        claim.origin.file,
        claim.relation.kind().name(),
        claim.relation.of()
    ))
}
