//! `verify`: every claim a report makes, checked against the figures
//! (SPEC §2.4).
//!
//! A claim states a relation ("down 19%", "more than 30% of", "exceeding
//! 358 billion a year"). Its figures are looked up, the relation is
//! computed forwards from them with [`crate::relation`], and the computed
//! interval is compared with the claimed one:
//!
//! - `contradicted`: the two intervals are disjoint;
//! - `holds`: the computed interval lies inside the claimed one, or, for a
//!   `rounded` or `about` claim, merely overlaps it (such a claim only says
//!   what the true value rounds to);
//! - `undetermined`: they overlap, and no more can be said; also when the
//!   relation is not meaningful (a percent change across a change of sign,
//!   a division by a figure that can be zero), and when sources of equal
//!   trust disagree on a figure in a way that changes the verdict;
//! - `unverifiable`: a figure is unknown (the verdict names it, and the
//!   figure the claim implies instead), or the relation cannot be computed
//!   at all (a run-rate of a full year, figures in different currencies).
//!
//! An `expr` claim is the expression evaluated as `earnings eval` does
//! ([`crate::eval`]), on the figures chosen as below, and converted into
//! the claim's unit: units that do not combine, or a result in another unit
//! than the claim's, make it `unverifiable`; a divisor that can be zero or
//! an `n/m` change leaves it `undetermined`.
//!
//! Which figures: [`Against::Own`] takes the claim's own source's figures
//! where it states them, and fills the gaps with what the other sources
//! state, most trusted first, or with what the same source's other claims
//! imply. A figure that only another source's claim implies is that
//! source's conclusion, not a figure: checking against it would weigh one
//! report's claim against another's, which is the question of
//! [`Against::Best`]. That one takes the most trusted figures throughout,
//! stated or implied by any other claim.

use std::fmt;

use crate::bounded::{ArithError, Bounded, Endpoint};
use crate::dataset::{Claim, Dataset, Fact, Relation};
use crate::error::{Error, Result};
use crate::eval;
use crate::figures::{self, Basis, Figures, Known, Provenance};
use crate::reference::Reference;
use crate::relation;
use crate::value::BoundKind;

/// Which figures a claim is checked against.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Against {
    /// The claim's own source's figures, gaps filled from the others: is the report's arithmetic right?
    #[default]
    Own,
    /// The most trusted figures throughout: is the statement true?
    Best,
}

impl Against {
    /// The name used on the command line and in outputs.
    pub fn name(self) -> &'static str {
        match self {
            Against::Own => "own",
            Against::Best => "best",
        }
    }

    /// The lookup basis for a claim.
    pub fn basis(self, claim: &Claim) -> Basis<'_> {
        match self {
            Against::Own => Basis::SourceFirst(&claim.source),
            Against::Best => Basis::MostTrusted,
        }
    }
}

impl fmt::Display for Against {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What checking a claim found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// The figures bear the claim out.
    Holds,
    /// The figures rule the claim out.
    Contradicted,
    /// The figures neither bear it out nor rule it out.
    Undetermined,
    /// The claim cannot be computed from the figures.
    Unverifiable,
}

impl Outcome {
    /// Every outcome, in the order summaries list them.
    pub const ALL: [Outcome; 4] = [
        Outcome::Holds,
        Outcome::Contradicted,
        Outcome::Undetermined,
        Outcome::Unverifiable,
    ];

    /// The name used in outputs.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Holds => "holds",
            Outcome::Contradicted => "contradicted",
            Outcome::Undetermined => "undetermined",
            Outcome::Unverifiable => "unverifiable",
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The verdict on one claim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// The index of the claim in [`Dataset::claims`].
    pub claim: usize,
    /// What was found.
    pub outcome: Outcome,
    /// The claim's interval (its `value`, in base units).
    pub claimed: Bounded,
    /// The relation computed from the figures, in the claim's unit (base
    /// units for money; percent for `yoy`, `share`, `margin`); `None` when
    /// it could not be computed.
    pub computed: Option<Bounded>,
    /// The figures used, in [`figures::relation_figures`] order, with their
    /// provenance.
    pub inputs: Vec<Known>,
    /// Figures no usable source gives (an `unverifiable` verdict).
    pub missing: Vec<Reference>,
    /// What the claim itself implies where a figure is missing.
    pub implied: Option<Known>,
    /// Why, where the outcome needs saying why, or a caution.
    pub reason: Option<String>,
    /// Figures of sources as trusted as those in `inputs` that state them
    /// differently; the verdict was computed with them too.
    pub alternatives: Vec<Known>,
}

/// Checks every claim of the dataset.
///
/// ```
/// use earnings::dataset::Dataset;
/// use earnings::figures::Figures;
/// use earnings::verify::{verify, Against, Outcome};
/// let data = Dataset::bundled().unwrap();
/// let figures = Figures::build(&data).unwrap();
/// let verdicts = verify(&figures, Against::Own).unwrap();
/// assert!(verdicts.iter().all(|v| v.outcome != Outcome::Contradicted));
/// ```
pub fn verify(figures: &Figures<'_>, against: Against) -> Result<Vec<Verdict>> {
    let data = figures.data();
    data.claims
        .iter()
        .enumerate()
        .map(|(index, claim)| verify_claim(figures, against, index, claim))
        .collect()
}

/// How many claims came out each way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Claims checked.
    pub claims: usize,
    /// `holds`.
    pub holds: usize,
    /// `contradicted`.
    pub contradicted: usize,
    /// `undetermined`.
    pub undetermined: usize,
    /// `unverifiable`.
    pub unverifiable: usize,
}

impl Summary {
    /// Counts the verdicts.
    ///
    /// ```
    /// use earnings::dataset::Dataset;
    /// use earnings::figures::Figures;
    /// use earnings::verify::{verify, Against, Summary};
    /// let data = Dataset::bundled().unwrap();
    /// let verdicts = verify(&Figures::build(&data).unwrap(), Against::Own).unwrap();
    /// let summary = Summary::of(&verdicts);
    /// assert_eq!(summary.claims, data.claims.len());
    /// assert!(!summary.fails(false));
    /// ```
    pub fn of<'v>(verdicts: impl IntoIterator<Item = &'v Verdict>) -> Summary {
        let mut summary = Summary::default();
        for verdict in verdicts {
            summary.claims = summary.claims.saturating_add(1);
            let count = match verdict.outcome {
                Outcome::Holds => &mut summary.holds,
                Outcome::Contradicted => &mut summary.contradicted,
                Outcome::Undetermined => &mut summary.undetermined,
                Outcome::Unverifiable => &mut summary.unverifiable,
            };
            *count = count.saturating_add(1);
        }
        summary
    }

    /// Whether a CI run should fail: a claim is contradicted, or, when
    /// `strict`, one is undetermined.
    pub fn fails(&self, strict: bool) -> bool {
        self.contradicted > 0 || (strict && self.undetermined > 0)
    }
}

impl fmt::Display for Summary {
    /// `12 claims: 9 hold, 0 contradicted, 1 undetermined, 2 unverifiable`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let claims = if self.claims == 1 { "claim" } else { "claims" };
        let hold = if self.holds == 1 { "holds" } else { "hold" };
        write!(
            f,
            "{} {claims}: {} {hold}, {} contradicted, {} undetermined, {} unverifiable",
            self.claims, self.holds, self.contradicted, self.undetermined, self.unverifiable
        )
    }
}

// ---------------------------------------------------------------------------
// One claim.

/// A figure as found for a claim: the one used, others of equal trust that
/// say otherwise, and sources of less trust that disagree with it.
struct Lookup {
    preferred: Known,
    alternatives: Vec<Known>,
    dissent: Vec<String>,
    /// Whether the preferred figure is the claim's own source's.
    own: bool,
}

/// A relation computed on one set of figures, and how it compares.
struct Evaluation {
    computed: Option<Bounded>,
    outcome: Outcome,
    reason: Option<String>,
}

fn verify_claim(
    figures: &Figures<'_>,
    against: Against,
    index: usize,
    claim: &Claim,
) -> Result<Verdict> {
    let data = figures.data();
    let implied = || {
        figures
            .implied()
            .iter()
            .find(|m| m.claim == index)
            .map(|m| m.known.clone())
    };
    let mut verdict = Verdict {
        claim: index,
        outcome: Outcome::Unverifiable,
        claimed: claim.value,
        computed: None,
        inputs: Vec::new(),
        missing: Vec::new(),
        implied: None,
        reason: None,
        alternatives: Vec::new(),
    };
    if let Some(reason) = uncomputable(claim) {
        verdict.reason = Some(reason);
        verdict.implied = implied();
        return Ok(verdict);
    }

    let references = figures::relation_figures(claim, data);
    let mut lookups = Vec::with_capacity(references.len());
    for reference in &references {
        match lookup(figures, against, index, claim, reference) {
            Some(found) => lookups.push(found),
            None => verdict.missing.push(reference.clone()),
        }
    }
    verdict.inputs = lookups.iter().map(|l| l.preferred.clone()).collect();
    verdict.alternatives = lookups
        .iter()
        .flat_map(|l| l.alternatives.iter().cloned())
        .collect();
    if !verdict.missing.is_empty() {
        verdict.reason = Some(missing_reason(
            figures,
            against,
            index,
            claim,
            &verdict.missing,
        ));
        verdict.implied = implied();
        return Ok(verdict);
    }
    if let Some(reason) = unit_mismatch(claim, &lookups) {
        verdict.reason = Some(reason);
        verdict.implied = implied();
        return Ok(verdict);
    }

    let preferred = evaluate(claim, &verdict.inputs, data)?;
    let mut reasons: Vec<String> = Vec::new();
    let mut outcome = preferred.outcome;
    // Each other choice among figures of equal trust, and what it gives.
    let mut others: Vec<(Vec<&Known>, Outcome)> = Vec::new();
    for choice in choices(&lookups).into_iter().skip(1) {
        let inputs: Vec<Known> = choice.iter().map(|k| (*k).clone()).collect();
        let evaluation = evaluate(claim, &inputs, data)?;
        let changed: Vec<&Known> = choice
            .iter()
            .zip(&verdict.inputs)
            .filter(|(k, p)| **k != *p)
            .map(|(k, _)| *k)
            .collect();
        others.push((changed, evaluation.outcome));
    }
    if others.iter().any(|(_, o)| *o != preferred.outcome) {
        outcome = Outcome::Undetermined;
        reasons.push(disagreement(&lookups, preferred.outcome, &others));
    }
    reasons.extend(preferred.reason);
    for found in &lookups {
        if !found.dissent.is_empty() {
            let used = if found.own {
                "the claim's own source's figure is used"
            } else {
                "the most trusted figure is used"
            };
            reasons.push(format!(
                "{} is stated differently by {}; {used}",
                found.preferred.figure,
                found.dissent.join(", ")
            ));
        }
    }
    verdict.outcome = outcome;
    verdict.computed = preferred.computed;
    verdict.reason = (!reasons.is_empty()).then(|| reasons.join("; "));
    Ok(verdict)
}

/// Names the missing figures, and, against the claim's own figures, the
/// other sources' claims that imply them (which `--against best` uses).
fn missing_reason(
    figures: &Figures<'_>,
    against: Against,
    index: usize,
    claim: &Claim,
    missing: &[Reference],
) -> String {
    let names: Vec<String> = missing.iter().map(ToString::to_string).collect();
    let it = if missing.len() == 1 { "it" } else { "them" };
    let mut reason = match against {
        Against::Own => format!("{}: no source states {it}", names.join(", ")),
        Against::Best => format!(
            "{}: no source states {it} and no other claim implies {it}",
            names.join(", ")
        ),
    };
    if against == Against::Own {
        for reference in missing {
            let mut sources: Vec<&str> = Vec::new();
            for implied in figures.implied() {
                let by = figures.data().claims.get(implied.claim);
                if let Some(other) = by.filter(|c| {
                    implied.claim != index
                        && implied.known.figure == *reference
                        && c.source != claim.source
                }) && !sources.contains(&other.source.as_str())
                {
                    sources.push(&other.source);
                }
            }
            if !sources.is_empty() {
                let what = if missing.len() == 1 {
                    "it".to_string()
                } else {
                    reference.to_string()
                };
                reason.push_str(&format!(
                    "; a claim by {} implies {what}, which only --against best uses",
                    sources.join(", ")
                ));
            }
        }
    }
    reason
}

/// Why a claim can never be computed, whatever the figures.
fn uncomputable(claim: &Claim) -> Option<String> {
    match &claim.relation {
        Relation::RunRate { of } => {
            if of.period.is_instant() {
                return Some(format!(
                    "{} is an instant (a balance), which has no run-rate",
                    of.period
                ));
            }
            let short = of.period.months().is_some_and(|m| m < 12);
            (!short).then(|| format!("{} is a year or longer, which has no run-rate", of.period))
        }
        Relation::Yoy { of } => of
            .period
            .prior_year()
            .err()
            .map(|e| format!("{} has no prior-year period ({e})", of.period)),
        _ => None,
    }
}

/// A figure for a claim, or `None` when none can be used (see the module
/// documentation for the order).
fn lookup(
    figures: &Figures<'_>,
    against: Against,
    index: usize,
    claim: &Claim,
    reference: &Reference,
) -> Option<Lookup> {
    let data = figures.data();
    let facts = figures.stated(reference);
    let own = match against {
        Against::Own => facts.iter().find(|f| f.source == claim.source),
        Against::Best => None,
    };
    if let Some(fact) = own {
        return Some(Lookup {
            preferred: Known::stated(fact),
            alternatives: Vec::new(),
            dissent: dissenting(facts, fact, &[]),
            own: true,
        });
    }
    if let Some(first) = facts.first() {
        let trust = data.preference(&first.source).0;
        let mut tier: Vec<&Fact> = vec![first];
        for fact in facts.iter().skip(1) {
            let equal = data.preference(&fact.source).0 == trust;
            if equal && !tier.iter().any(|t| t.value == fact.value) {
                tier.push(fact);
            }
        }
        let alternatives: Vec<&Fact> = tier.get(1..).unwrap_or_default().to_vec();
        return Some(Lookup {
            preferred: Known::stated(first),
            alternatives: alternatives.iter().map(|f| Known::stated(f)).collect(),
            dissent: dissenting(facts, first, &alternatives),
            own: false,
        });
    }
    let implied = match against {
        Against::Best => figures.get_excluding(reference, against.basis(claim), Some(index)),
        Against::Own => figures
            .implied()
            .iter()
            .find(|m| {
                m.claim != index
                    && m.known.figure == *reference
                    && data
                        .claims
                        .get(m.claim)
                        .is_some_and(|c| c.source == claim.source)
            })
            .map(|m| m.known.clone()),
    }?;
    let own = match &implied.provenance {
        Provenance::Implied { source, .. } => *source == claim.source,
        Provenance::Stated { .. } => false,
    };
    Some(Lookup {
        preferred: implied,
        alternatives: Vec::new(),
        dissent: Vec::new(),
        own,
    })
}

/// Sources (other than the used one and its alternatives) whose figure
/// cannot be the used one: their intervals do not meet.
fn dissenting(facts: &[&Fact], used: &Fact, alternatives: &[&Fact]) -> Vec<String> {
    let mut sources: Vec<String> = Vec::new();
    for fact in facts {
        let counted =
            std::ptr::eq(*fact, used) || alternatives.iter().any(|a| std::ptr::eq(*a, *fact));
        if !counted
            && fact.value.is_disjoint(&used.value)
            && !sources.iter().any(|s| *s == fact.source)
        {
            sources.push(fact.source.to_string());
        }
    }
    sources
}

/// Why the figures cannot be related: their units differ from each other,
/// or, for a level or a run-rate, from the claim's.
fn unit_mismatch(claim: &Claim, lookups: &[Lookup]) -> Option<String> {
    // An expression checks its own units as it is evaluated.
    if matches!(claim.relation, Relation::Expr { .. }) {
        return None;
    }
    let candidates = lookups
        .iter()
        .flat_map(|l| std::iter::once(&l.preferred).chain(&l.alternatives));
    let like_claim = matches!(
        claim.relation,
        Relation::Level { .. } | Relation::RunRate { .. }
    );
    let expected = if like_claim {
        &claim.stated.unit
    } else {
        &lookups.first()?.preferred.unit
    };
    let odd = candidates.into_iter().find(|k| k.unit != *expected)?;
    let what = if odd.unit.is_money() && expected.is_money() {
        "no conversion is assumed"
    } else {
        "they cannot be compared"
    };
    Some(if like_claim {
        format!(
            "the claim is in {expected} but {} is in {} ({what})",
            odd.figure, odd.unit
        )
    } else {
        format!(
            "the figures are in different units: {expected} and {} for {} ({what})",
            odd.unit, odd.figure
        )
    })
}

/// Most sets of figures a claim is computed with; beyond it, each
/// alternative is tried alone (a dataset with scores of disagreeing sources
/// must not make the check explode).
const MAX_CHOICES: usize = 256;

/// Every choice of one candidate per figure, the preferred choice first.
fn choices(lookups: &[Lookup]) -> Vec<Vec<&Known>> {
    let candidates: Vec<Vec<&Known>> = lookups
        .iter()
        .map(|found| {
            std::iter::once(&found.preferred)
                .chain(&found.alternatives)
                .collect()
        })
        .collect();
    let preferred: Vec<&Known> = lookups.iter().map(|l| &l.preferred).collect();
    let count = candidates
        .iter()
        .fold(1usize, |n, c| n.saturating_mul(c.len()));
    if count > MAX_CHOICES {
        let mut all = vec![preferred.clone()];
        for (at, found) in lookups.iter().enumerate() {
            for alternative in &found.alternatives {
                let mut choice = preferred.clone();
                if let Some(slot) = choice.get_mut(at) {
                    *slot = alternative;
                }
                all.push(choice);
            }
        }
        return all;
    }
    let mut all: Vec<Vec<&Known>> = vec![Vec::new()];
    for options in &candidates {
        let mut next = Vec::with_capacity(all.len().saturating_mul(options.len()));
        for prefix in &all {
            for candidate in options {
                let mut choice = prefix.clone();
                choice.push(*candidate);
                next.push(choice);
            }
        }
        all = next;
    }
    all
}

/// Says how the verdict changes with the figure chosen among equals.
fn disagreement(
    lookups: &[Lookup],
    preferred: Outcome,
    others: &[(Vec<&Known>, Outcome)],
) -> String {
    let contested: Vec<String> = lookups
        .iter()
        .filter(|l| !l.alternatives.is_empty())
        .map(|l| {
            let sources: Vec<&str> = std::iter::once(&l.preferred)
                .chain(&l.alternatives)
                .filter_map(source_of)
                .collect();
            format!("{} ({})", l.preferred.figure, sources.join(", "))
        })
        .collect();
    let preferred_sources: Vec<&str> = lookups
        .iter()
        .filter(|l| !l.alternatives.is_empty())
        .filter_map(|l| source_of(&l.preferred))
        .collect();
    let mut parts = vec![format!(
        "{preferred} with {}'s figure",
        preferred_sources.join(" and ")
    )];
    for (changed, outcome) in others {
        let sources: Vec<&str> = changed.iter().filter_map(|k| source_of(k)).collect();
        parts.push(format!("{outcome} with {}'s", sources.join(" and ")));
    }
    format!(
        "sources of equal trust disagree on {}: {}",
        contested.join(" and "),
        parts.join(", ")
    )
}

fn source_of(known: &Known) -> Option<&str> {
    match &known.provenance {
        Provenance::Stated { source, .. } | Provenance::Implied { source, .. } => Some(source),
    }
}

/// Computes the relation on one set of figures and compares it with the
/// claim.
fn evaluate(claim: &Claim, inputs: &[Known], data: &Dataset) -> Result<Evaluation> {
    if let Relation::Expr { expr, .. } = &claim.relation {
        return Ok(evaluate_expr(claim, expr, inputs, data));
    }
    match compute(claim, inputs)? {
        Ok(computed) => Ok(Evaluation {
            computed: Some(computed),
            outcome: compare(&claim.value, claim.stated.bound, &computed),
            reason: caution(claim, &computed),
        }),
        Err(reason) => Ok(Evaluation {
            computed: None,
            outcome: Outcome::Undetermined,
            reason: Some(reason),
        }),
    }
}

/// The relation computed forwards: `Ok(Err(reason))` when it is not
/// meaningful on these figures.
fn compute(claim: &Claim, inputs: &[Known]) -> Result<std::result::Result<Bounded, String>> {
    let value = |i: usize| {
        inputs.get(i).map(|k| k.value).ok_or_else(|| {
            Error::Arithmetic(format!(
                "{}: {} claim on {}: a figure is missing",
                claim.origin.file,
                claim.relation.kind().name(),
                claim.relation.of()
            ))
        })
    };
    let divisor = |name: &str, e: ArithError| match e {
        ArithError::DivisionByZero => Ok(Err(format!("the {name} can be zero"))),
        ArithError::Domain(m) => Ok(Err(m.to_string())),
        ArithError::Overflow => Err(overflow(claim)),
    };
    let result = match &claim.relation {
        Relation::Level { .. } => Ok(value(0)?),
        Relation::RunRate { of } => {
            let Some(per_year) = of.period.per_year() else {
                return Ok(Err(format!("{} has no run-rate", of.period)));
            };
            relation::run_rate(&value(0)?, per_year)
        }
        Relation::Yoy { .. } => {
            let (current, prior) = (value(0)?, value(1)?);
            return match relation::yoy_percent(&current, &prior) {
                Ok(Some(change)) => Ok(Ok(change)),
                Ok(None) => Ok(Err(not_meaningful(&current, &prior))),
                Err(e) => divisor("prior-year figure", e),
            };
        }
        Relation::Share { .. } => relation::percent_of(&value(0)?, &value(1)?),
        Relation::Margin { over, .. } => {
            return match relation::percent_of(&value(0)?, &value(1)?) {
                Ok(v) => Ok(Ok(v)),
                Err(e) => divisor(over, e),
            };
        }
        Relation::Multiple { .. } => relation::multiple(&value(0)?, &value(1)?),
        // Evaluated whole by `evaluate_expr`; never reached.
        Relation::Expr { .. } => {
            return Ok(Err("an expression is evaluated as a whole".to_string()));
        }
    };
    match result {
        Ok(v) => Ok(Ok(v)),
        Err(e) => {
            let name = match claim.relation {
                Relation::Share { .. } => "whole",
                _ => "base",
            };
            divisor(name, e)
        }
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
        Ok(Some(computed)) => Evaluation {
            computed: Some(computed),
            outcome: compare(&claim.value, claim.stated.bound, &computed),
            reason: None,
        },
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

fn overflow(claim: &Claim) -> Error {
    Error::Arithmetic(format!(
        "{}: {} claim on {}: arithmetic overflow",
        claim.origin.file,
        claim.relation.kind().name(),
        claim.relation.of()
    ))
}

/// Why a percent change is `n/m`.
fn not_meaningful(current: &Bounded, prior: &Bounded) -> String {
    if prior.contains_zero() {
        "n/m: the prior-year figure can be zero".to_string()
    } else if current.contains_zero() {
        "n/m: the current figure can be zero".to_string()
    } else {
        "n/m: the figure changed sign against the prior year".to_string()
    }
}

/// SPEC §2.4: disjoint → contradicted; inside → holds; a `rounded` or
/// `about` claim also holds where it merely overlaps; else undetermined.
///
/// ```
/// use earnings::bounded::Bounded;
/// use earnings::value::BoundKind;
/// use earnings::verify::{compare, Outcome};
/// let claimed = Bounded::closed("-19".parse().unwrap(), "-19.5".parse().unwrap(), "-18.5".parse().unwrap()).unwrap();
/// let computed = Bounded::closed("-18.95".parse().unwrap(), "-18.99".parse().unwrap(), "-18.91".parse().unwrap()).unwrap();
/// assert_eq!(compare(&claimed, BoundKind::Rounded, &computed), Outcome::Holds);
/// ```
pub fn compare(claimed: &Bounded, bound: BoundKind, computed: &Bounded) -> Outcome {
    if computed.is_disjoint(claimed) {
        Outcome::Contradicted
    } else if computed.is_inside(claimed) || matches!(bound, BoundKind::Rounded | BoundKind::About)
    {
        Outcome::Holds
    } else {
        Outcome::Undetermined
    }
}

/// A caution on a computed relation that the comparison alone does not
/// show: a share of a whole above 100% (the part exceeds the whole).
fn caution(claim: &Claim, computed: &Bounded) -> Option<String> {
    let hundred = rust_decimal::Decimal::ONE_HUNDRED;
    let above = match computed.low() {
        Endpoint::Closed(v) => v > hundred,
        Endpoint::Open(v) => v >= hundred,
        Endpoint::Unbounded => false,
    };
    match claim.relation {
        Relation::Share { .. } if above => {
            Some("the share is above 100%: the part is larger than its whole".to_string())
        }
        Relation::Margin { .. } if above => Some("the margin is above 100%".to_string()),
        _ => None,
    }
}

/// Each verdict with its claim.
pub fn with_claims<'d>(
    data: &'d Dataset,
    verdicts: &'d [Verdict],
) -> impl Iterator<Item = (&'d Verdict, &'d Claim)> {
    verdicts
        .iter()
        .filter_map(|v| data.claims.get(v.claim).map(|c| (v, c)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Input;
    use rust_decimal::Decimal;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// A fact: `acme.revenue@FY2025`, its value and unit, its source, and
    /// extra JSON fields (`"bound": "exact"`).
    fn fact(reference: &str, value: &str, unit: &str, source: &str, extra: &str) -> String {
        let (entity, rest) = reference.split_once('.').unwrap();
        let (metric, period) = rest.split_once('@').unwrap();
        let extra = if extra.is_empty() {
            String::new()
        } else {
            format!(", {extra}")
        };
        format!(
            r#"{{"entity": "{entity}", "metric": "{metric}", "period": "{period}", "value": "{value}", "unit": "{unit}", "source": "{source}", "at": "p. 1"{extra}}}"#
        )
    }

    /// A claim: its relation fields (`"kind": "yoy", "of": "…"`), value,
    /// unit, source and extra fields.
    fn claim(relation: &str, value: &str, unit: &str, source: &str, extra: &str) -> String {
        let extra = if extra.is_empty() {
            String::new()
        } else {
            format!(", {extra}")
        };
        format!(
            r#"{{{relation}, "value": "{value}", "unit": "{unit}", "source": "{source}", "at": "p. 2"{extra}}}"#
        )
    }

    fn dataset(facts: &[String], claims: &[String]) -> Dataset {
        let doc = format!(
            r#"{{"format": "earnings-dataset/1",
              "sources": {{
                "filing": {{"title": "Annual filing", "kind": "filing"}},
                "release": {{"title": "Results release", "kind": "release"}},
                "press-a": {{"title": "A newspaper", "kind": "press"}},
                "press-b": {{"title": "Another newspaper", "kind": "press"}}
              }},
              "entities": {{
                "acme": {{"name": "Acme", "currency": "USD"}},
                "acme-cloud": {{"name": "Acme Cloud", "parent": "acme"}},
                "euro": {{"name": "Euro Co", "currency": "EUR"}}
              }},
              "facts": [{}],
              "claims": [{}]}}"#,
            facts.join(",\n"),
            claims.join(",\n")
        );
        Dataset::load(&[Input {
            name: "test.json",
            bytes: doc.as_bytes(),
        }])
        .unwrap_or_else(|e| panic!("{e}\n{doc}"))
    }

    fn verdicts(data: &Dataset, against: Against) -> Vec<Verdict> {
        let figures = Figures::build(data).unwrap();
        verify(&figures, against).unwrap()
    }

    /// One case: the facts, one claim, and what `verify` must say of it
    /// against its own source's figures, with the computed point where
    /// there is one.
    struct Case {
        what: &'static str,
        facts: Vec<String>,
        claim: String,
        outcome: Outcome,
        computed: Option<&'static str>,
    }

    fn case(
        what: &'static str,
        facts: Vec<String>,
        claim: String,
        outcome: Outcome,
        computed: Option<&'static str>,
    ) -> Case {
        Case {
            what,
            facts,
            claim,
            outcome,
            computed,
        }
    }

    fn level(bound_fields: &str, value: &str) -> String {
        claim(
            r#""kind": "level", "of": "acme.revenue@FY2025""#,
            value,
            "USD",
            "press-a",
            bound_fields,
        )
    }

    fn revenue(value: &str, extra: &str) -> Vec<String> {
        vec![fact("acme.revenue@FY2025", value, "USD", "filing", extra)]
    }

    const EXACT: &str = r#""bound": "exact""#;

    #[test]
    fn every_bound_compares_as_the_spec_says() {
        use Outcome::{Contradicted, Holds, Undetermined};
        #[rustfmt::skip]
        let cases = [
            // more_than: (90, ∞) holds 100; (100, ∞) is disjoint from [100, 100].
            case("more_than holds", revenue("100", EXACT), level(r#""bound": "more_than""#, "90"), Holds, Some("100")),
            case("more_than open end", revenue("100", EXACT), level(r#""bound": "more_than""#, "100"), Contradicted, Some("100")),
            // at_least: [100, ∞) holds exactly 100; [99.5, 100.5] only overlaps it.
            case("at_least closed end", revenue("100", EXACT), level(r#""bound": "at_least""#, "100"), Holds, Some("100")),
            case("at_least overlap", revenue("100", ""), level(r#""bound": "at_least""#, "100"), Undetermined, Some("100")),
            // less_than and at_most, the mirror images.
            case("less_than holds", revenue("100", EXACT), level(r#""bound": "less_than""#, "120"), Holds, Some("100")),
            case("less_than open end", revenue("100", EXACT), level(r#""bound": "less_than""#, "100"), Contradicted, Some("100")),
            case("at_most holds", revenue("100", EXACT), level(r#""bound": "at_most""#, "100"), Holds, Some("100")),
            case("at_most contradicted", revenue("100", EXACT), level(r#""bound": "at_most""#, "99"), Contradicted, Some("100")),
            // rounded "100" allows [99.5, 100.5]; merely overlapping is enough.
            case("rounded inside", revenue("100.4", ""), level("", "100"), Holds, Some("100.4")),
            case("rounded overlap", revenue("100.5", ""), level("", "100"), Holds, Some("100.5")),
            case("rounded disjoint", revenue("101", EXACT), level("", "100"), Contradicted, Some("101")),
            // exact: only a computed interval inside the point holds.
            case("exact inside", revenue("100", EXACT), level(EXACT, "100"), Holds, Some("100")),
            case("exact overlap", revenue("100", ""), level(EXACT, "100"), Undetermined, Some("100")),
            // about: within 5% by default, overlapping is enough.
            case("about inside", revenue("104", EXACT), level(r#""bound": "about""#, "100"), Holds, Some("104")),
            case("about overlap", revenue("105", ""), level(r#""bound": "about""#, "100"), Holds, Some("105")),
            case("about disjoint", revenue("94", EXACT), level(r#""bound": "about""#, "100"), Contradicted, Some("94")),
            case("about tolerance", revenue("104", EXACT), level(r#""bound": "about", "tolerance": "2""#, "100"), Contradicted, Some("104")),
            // range: [90, 110]; no rounding allowance.
            case("range inside", revenue("100", ""), level(r#""bound": "range", "high": "110""#, "90"), Holds, Some("100")),
            case("range overlap", revenue("100", ""), level(r#""bound": "range", "high": "100""#, "90"), Undetermined, Some("100")),
            case("range disjoint", revenue("120", ""), level(r#""bound": "range", "high": "110""#, "90"), Contradicted, Some("120")),
        ];
        check(&cases);
    }

    fn check(cases: &[Case]) {
        for c in cases {
            let data = dataset(&c.facts, std::slice::from_ref(&c.claim));
            let verdict = verdicts(&data, Against::Own).remove(0);
            assert_eq!(verdict.outcome, c.outcome, "{}: {verdict:?}", c.what);
            assert_eq!(
                verdict.computed.map(|v| v.point().normalize()),
                c.computed.map(d),
                "{}: {verdict:?}",
                c.what
            );
            assert_eq!(verdict.claimed, data.claims[0].value, "{}", c.what);
        }
    }

    #[test]
    fn every_kind_is_computed_forwards() {
        use Outcome::{Contradicted, Holds, Undetermined, Unverifiable};
        let f = |r: &str, v: &str| fact(r, v, "USD", "filing", EXACT);
        let yoy = |value: &str| {
            claim(
                r#""kind": "yoy", "of": "acme.revenue@FY2026""#,
                value,
                "percent",
                "press-a",
                "",
            )
        };
        let share = |value: &str, bound: &str| {
            claim(
                r#""kind": "share", "of": "acme-cloud.revenue@FY2026", "whole": "acme.revenue@FY2026""#,
                value,
                "percent",
                "press-a",
                bound,
            )
        };
        let run_rate = |of: &str, value: &str, bound: &str| {
            claim(
                &format!(r#""kind": "run_rate", "of": "{of}""#),
                value,
                "USD",
                "press-a",
                bound,
            )
        };
        let multiple = |value: &str, bound: &str| {
            claim(
                r#""kind": "multiple", "of": "acme.orders@FY2026", "base": "acme.orders@FY2025""#,
                value,
                "multiple",
                "press-a",
                bound,
            )
        };
        let margin = |extra: &str, value: &str| {
            claim(
                &format!(r#""kind": "margin", "of": "acme.net_profit@FY2026"{extra}"#),
                value,
                "percent",
                "press-a",
                "",
            )
        };
        let orders = |r: &str, v: &str| fact(r, v, "orders", "filing", EXACT);
        #[rustfmt::skip]
        let cases = [
            // yoy: (110 − 100) / 100 = 10%.
            case("yoy holds", vec![f("acme.revenue@FY2026", "110"), f("acme.revenue@FY2025", "100")], yoy("10"), Holds, Some("10")),
            case("yoy contradicted", vec![f("acme.revenue@FY2026", "90"), f("acme.revenue@FY2025", "100")], yoy("-19"), Contradicted, Some("-10")),
            // A loss halved: (−5 − −10) / |−10| = +50%.
            case("yoy of losses", vec![f("acme.revenue@FY2026", "-5"), f("acme.revenue@FY2025", "-10")], yoy("50"), Holds, Some("50")),
            case("yoy sign flip is n/m", vec![f("acme.revenue@FY2026", "-5"), f("acme.revenue@FY2025", "10")], yoy("-150"), Undetermined, None),
            case("yoy prior zero is n/m", vec![f("acme.revenue@FY2026", "5"), f("acme.revenue@FY2025", "0")], yoy("10"), Undetermined, None),
            case("yoy prior missing", vec![f("acme.revenue@FY2026", "110")], yoy("10"), Unverifiable, None),
            // share: 40 / 100 = 40%.
            case("share holds", vec![f("acme-cloud.revenue@FY2026", "40"), f("acme.revenue@FY2026", "100")], share("30", r#""bound": "more_than""#), Holds, Some("40")),
            case("share contradicted", vec![f("acme-cloud.revenue@FY2026", "10"), f("acme.revenue@FY2026", "100")], share("30", r#""bound": "about""#), Contradicted, Some("10")),
            case("share of a zero whole", vec![f("acme-cloud.revenue@FY2026", "10"), f("acme.revenue@FY2026", "0")], share("30", ""), Undetermined, None),
            // run_rate: a quarter × 4, a month × 12, two months × 6.
            case("run_rate quarter", vec![fact("acme.revenue@FY2026-Q4", "89.71", "USD", "filing", "")], run_rate("acme.revenue@FY2026-Q4", "358", r#""bound": "more_than""#), Holds, Some("358.84")),
            case("run_rate month", vec![f("acme.revenue@2026-05", "10")], run_rate("acme.revenue@2026-05", "120", EXACT), Holds, Some("120")),
            case("run_rate two months", vec![f("acme.revenue@2026-05..2026-06", "10")], run_rate("acme.revenue@2026-05..2026-06", "100", r#""bound": "at_least""#), Contradicted, Some("60")),
            case("run_rate of a year", vec![f("acme.revenue@FY2026", "10")], run_rate("acme.revenue@FY2026", "10", ""), Unverifiable, None),
            case("run_rate of an instant", vec![f("acme.revenue@2026-12-31", "10")], run_rate("acme.revenue@2026-12-31", "10", ""), Unverifiable, None),
            // multiple: 270 / 100 = 2.7.
            case("multiple holds", vec![orders("acme.orders@FY2026", "270"), orders("acme.orders@FY2025", "100")], multiple("2.7", ""), Holds, Some("2.7")),
            case("multiple range contradicted", vec![orders("acme.orders@FY2026", "250"), orders("acme.orders@FY2025", "100")], multiple("3", r#""bound": "range", "high": "4""#), Contradicted, Some("2.5")),
            case("multiple more_than contradicted", vec![orders("acme.orders@FY2026", "9"), orders("acme.orders@FY2025", "1")], multiple("10", r#""bound": "more_than""#), Contradicted, Some("9")),
            case("multiple of a zero base", vec![orders("acme.orders@FY2026", "9"), orders("acme.orders@FY2025", "0")], multiple("10", ""), Undetermined, None),
            case("multiple of different units", vec![orders("acme.orders@FY2026", "9"), f("acme.orders@FY2025", "1")], multiple("9", ""), Unverifiable, None),
            // margin: 20 / 100 = 20%, over revenue by default or a named metric.
            case("margin holds", vec![f("acme.net_profit@FY2026", "20"), f("acme.revenue@FY2026", "100")], margin("", "20"), Holds, Some("20")),
            case("margin over gross_profit", vec![f("acme.net_profit@FY2026", "20"), f("acme.gross_profit@FY2026", "40")], margin(r#", "over": "gross_profit""#, "20"), Contradicted, Some("50")),
            case("margin missing revenue", vec![f("acme.net_profit@FY2026", "20")], margin("", "20"), Unverifiable, None),
        ];
        check(&cases);
    }

    #[test]
    fn an_unverifiable_claim_names_what_is_missing_and_what_it_implies() {
        let data = dataset(
            &[fact("acme.revenue@FY2026", "110", "USD", "press-a", EXACT)],
            &[claim(
                r#""kind": "yoy", "of": "acme.revenue@FY2026""#,
                "10",
                "percent",
                "press-a",
                EXACT,
            )],
        );
        let verdict = verdicts(&data, Against::Own).remove(0);
        assert_eq!(verdict.outcome, Outcome::Unverifiable);
        let prior: Reference = "acme.revenue@FY2025".parse().unwrap();
        assert_eq!(verdict.missing, vec![prior.clone()]);
        let implied = verdict.implied.expect("the claim implies the prior year");
        assert_eq!(implied.figure, prior);
        // 110 / 1.1 = 100.
        assert_eq!(implied.value.point().normalize(), d("100"));
        assert!(verdict.reason.unwrap().contains("acme.revenue@FY2025"));
        assert_eq!(verdict.inputs.len(), 1);
    }

    #[test]
    fn a_claim_is_never_checked_against_what_it_implies_itself() {
        // Nobody states the figure: the level claim implies it, and that
        // must not make it hold against itself.
        let data = dataset(&[], &[level(r#""bound": "more_than""#, "90")]);
        let verdict = verdicts(&data, Against::Best).remove(0);
        assert_eq!(verdict.outcome, Outcome::Unverifiable);
        assert!(verdict.implied.is_some());
    }

    #[test]
    fn own_uses_the_claims_source_and_best_the_most_trusted() {
        // press-a says 99, the filing 101; press-a claims at most 100.
        let data = dataset(
            &[
                fact("acme.revenue@FY2025", "99", "USD", "press-a", EXACT),
                fact("acme.revenue@FY2025", "101", "USD", "filing", EXACT),
            ],
            &[level(r#""bound": "at_most""#, "100")],
        );
        let own = verdicts(&data, Against::Own).remove(0);
        assert_eq!(own.outcome, Outcome::Holds);
        assert_eq!(own.computed.unwrap().point(), d("99"));
        assert!(own.reason.unwrap().contains("filing"));
        let best = verdicts(&data, Against::Best).remove(0);
        assert_eq!(best.outcome, Outcome::Contradicted);
        assert_eq!(best.computed.unwrap().point(), d("101"));
    }

    #[test]
    fn own_fills_gaps_from_the_most_trusted_other_source() {
        // press-a states the current year, the filing and press-b the prior.
        let data = dataset(
            &[
                fact("acme.revenue@FY2026", "110", "USD", "press-a", EXACT),
                fact("acme.revenue@FY2025", "50", "USD", "press-b", EXACT),
                fact("acme.revenue@FY2025", "100", "USD", "filing", EXACT),
            ],
            &[claim(
                r#""kind": "yoy", "of": "acme.revenue@FY2026""#,
                "10",
                "percent",
                "press-a",
                "",
            )],
        );
        let verdict = verdicts(&data, Against::Own).remove(0);
        assert_eq!(verdict.outcome, Outcome::Holds);
        let sources: Vec<String> = verdict
            .inputs
            .iter()
            .map(|k| k.provenance.describe())
            .collect();
        assert_eq!(sources, ["press-a p. 1", "filing p. 1"]);
    }

    #[test]
    fn equally_trusted_sources_that_disagree_leave_a_claim_undetermined() {
        // Two newspapers: 89.71 and 8.971 for the quarter; a release's
        // run-rate of about 35.8 holds with one and not the other.
        let quarter = "acme.revenue@FY2026-Q4";
        let data = dataset(
            &[
                fact(quarter, "89.71", "USD", "press-a", ""),
                fact(quarter, "8.971", "USD", "press-b", ""),
            ],
            &[claim(
                &format!(r#""kind": "run_rate", "of": "{quarter}""#),
                "35.8",
                "USD",
                "release",
                r#""bound": "about""#,
            )],
        );
        for against in [Against::Own, Against::Best] {
            let verdict = verdicts(&data, against).remove(0);
            assert_eq!(verdict.outcome, Outcome::Undetermined, "{against}");
            assert_eq!(verdict.alternatives.len(), 1, "{against}");
            assert_eq!(verdict.alternatives[0].value.point(), d("8.971"));
            // The preferred figure (loaded first) is the one shown.
            assert_eq!(verdict.computed.unwrap().point().normalize(), d("358.84"));
            let reason = verdict.reason.unwrap();
            assert!(
                reason.contains("contradicted with press-a")
                    && reason.contains("holds with press-b"),
                "{reason}"
            );
        }
        // Equal figures are no disagreement.
        let data = dataset(
            &[
                fact(quarter, "8.971", "USD", "press-a", ""),
                fact(quarter, "8.971", "USD", "press-b", ""),
            ],
            &[claim(
                &format!(r#""kind": "run_rate", "of": "{quarter}""#),
                "35.8",
                "USD",
                "release",
                r#""bound": "about""#,
            )],
        );
        let verdict = verdicts(&data, Against::Own).remove(0);
        assert_eq!(verdict.outcome, Outcome::Holds);
        assert!(verdict.alternatives.is_empty());
    }

    #[test]
    fn scores_of_disagreeing_sources_are_tried_one_at_a_time() {
        // 30 newspapers each give both years differently: 900 pairs, more
        // than MAX_CHOICES, so each alternative is tried alone.
        let n = 30;
        let sources: Vec<String> = (0..n)
            .map(|i| format!(r#""p{i}": {{"title": "Paper {i}", "kind": "press"}}"#))
            .collect();
        let mut facts = Vec::new();
        for i in 0..n {
            facts.push(fact(
                "acme.revenue@FY2026",
                &format!("{}", 100 + i),
                "USD",
                &format!("p{i}"),
                EXACT,
            ));
            facts.push(fact(
                "acme.revenue@FY2025",
                &format!("{}", 90 + i),
                "USD",
                &format!("p{i}"),
                EXACT,
            ));
        }
        let doc = format!(
            r#"{{"format": "earnings-dataset/1",
              "sources": {{{}, "r": {{"title": "Release", "kind": "release"}}}},
              "entities": {{"acme": {{"name": "Acme", "currency": "USD"}}}},
              "facts": [{}],
              "claims": [{}]}}"#,
            sources.join(", "),
            facts.join(", "),
            claim(
                r#""kind": "yoy", "of": "acme.revenue@FY2026""#,
                "11",
                "percent",
                "r",
                ""
            )
        );
        let data = Dataset::load(&[Input {
            name: "many.json",
            bytes: doc.as_bytes(),
        }])
        .unwrap();
        assert!(n * n > MAX_CHOICES);
        let verdict = verdicts(&data, Against::Own).remove(0);
        // 100 / 90 − 1 = 11.1% holds; 101 / 90 − 1 = 12.2% does not.
        assert_eq!(verdict.outcome, Outcome::Undetermined);
        assert_eq!(verdict.alternatives.len(), 2 * (n - 1));
    }

    #[test]
    fn another_sources_implied_figure_is_used_only_against_best() {
        // press-b's share claim implies the whole (10 / 25% = 40); press-a's
        // share claim on the same whole can only be checked through it.
        let share = |source: &str, value: &str| {
            claim(
                r#""kind": "share", "of": "acme-cloud.revenue@FY2026", "whole": "acme.external_revenue@FY2026""#,
                value,
                "percent",
                source,
                EXACT,
            )
        };
        let data = dataset(
            &[
                fact("acme-cloud.revenue@FY2026", "10", "USD", "press-a", EXACT),
                fact("acme-cloud.revenue@FY2026", "10", "USD", "press-b", EXACT),
            ],
            &[share("press-a", "25"), share("press-b", "25")],
        );
        let own = verdicts(&data, Against::Own).remove(0);
        assert_eq!(own.outcome, Outcome::Unverifiable);
        assert!(own.reason.unwrap().contains("press-b"));
        let best = verdicts(&data, Against::Best).remove(0);
        assert_eq!(best.outcome, Outcome::Holds);
        assert_eq!(best.computed.unwrap().point().normalize(), d("25"));
        assert!(best.inputs[1].provenance.is_implied());
    }

    #[test]
    fn a_sources_own_implied_figure_is_used_against_its_own() {
        // press-a implies the prior year from its yoy claim (110 / 1.1 = 100)
        // and checks its level claim on it.
        let data = dataset(
            &[fact("acme.revenue@FY2026", "110", "USD", "press-a", EXACT)],
            &[
                claim(
                    r#""kind": "yoy", "of": "acme.revenue@FY2026""#,
                    "10",
                    "percent",
                    "press-a",
                    EXACT,
                ),
                level(r#""bound": "at_least""#, "100"),
            ],
        );
        let verdict = verdicts(&data, Against::Own).remove(1);
        assert_eq!(verdict.outcome, Outcome::Holds);
        assert!(verdict.inputs[0].provenance.is_implied());
    }

    #[test]
    fn a_level_in_another_currency_is_unverifiable() {
        let data = dataset(
            &[fact("acme.revenue@FY2025", "100", "USD", "filing", EXACT)],
            &[claim(
                r#""kind": "level", "of": "acme.revenue@FY2025""#,
                "100",
                "EUR",
                "press-a",
                "",
            )],
        );
        let verdict = verdicts(&data, Against::Own).remove(0);
        assert_eq!(verdict.outcome, Outcome::Unverifiable);
        assert!(verdict.missing.is_empty());
        assert!(verdict.reason.unwrap().contains("EUR"));
    }

    #[test]
    fn a_share_above_a_hundred_percent_holds_with_a_caution() {
        let data = dataset(
            &[
                fact("acme-cloud.revenue@FY2026", "300", "USD", "filing", EXACT),
                fact("acme.revenue@FY2026", "100", "USD", "filing", EXACT),
            ],
            &[claim(
                r#""kind": "share", "of": "acme-cloud.revenue@FY2026", "whole": "acme.revenue@FY2026""#,
                "30",
                "percent",
                "press-a",
                r#""bound": "more_than""#,
            )],
        );
        let verdict = verdicts(&data, Against::Own).remove(0);
        assert_eq!(verdict.outcome, Outcome::Holds);
        assert!(verdict.reason.unwrap().contains("above 100%"));
    }

    #[test]
    fn summaries_count_and_decide() {
        let verdict = |outcome| Verdict {
            claim: 0,
            outcome,
            claimed: Bounded::exact(Decimal::ONE),
            computed: None,
            inputs: Vec::new(),
            missing: Vec::new(),
            implied: None,
            reason: None,
            alternatives: Vec::new(),
        };
        let all: Vec<Verdict> = [
            Outcome::Holds,
            Outcome::Holds,
            Outcome::Undetermined,
            Outcome::Unverifiable,
        ]
        .into_iter()
        .map(verdict)
        .collect();
        let summary = Summary::of(&all);
        assert_eq!(
            summary.to_string(),
            "4 claims: 2 hold, 0 contradicted, 1 undetermined, 1 unverifiable"
        );
        assert!(!summary.fails(false));
        assert!(summary.fails(true));
        let one = Summary::of(&all[..1]);
        assert_eq!(
            one.to_string(),
            "1 claim: 1 holds, 0 contradicted, 0 undetermined, 0 unverifiable"
        );
        let contradicted = Summary::of([&verdict(Outcome::Contradicted)]);
        assert!(contradicted.fails(false));
        let names: Vec<&str> = Outcome::ALL.iter().map(|o| o.name()).collect();
        assert_eq!(
            names,
            ["holds", "contradicted", "undetermined", "unverifiable"]
        );
    }

    #[test]
    fn expr_claims_are_checked_like_any_other() {
        use Outcome::{Contradicted, Holds, Undetermined, Unverifiable};
        let f = |r: &str, v: &str| fact(r, v, "USD", "filing", EXACT);
        let expr = |e: &str, value: &str, unit: &str, bound: &str| {
            claim(
                &format!(r#""kind": "expr", "expr": "{e}""#),
                value,
                unit,
                "press-a",
                bound,
            )
        };
        let share = "share(acme-cloud.revenue@FY2026, acme.revenue@FY2026)";
        let both = || {
            vec![
                f("acme-cloud.revenue@FY2026", "40"),
                f("acme.revenue@FY2026", "100"),
            ]
        };
        let years = || {
            vec![
                f("acme.revenue@FY2026", "110"),
                f("acme.revenue@FY2025", "100"),
            ]
        };
        #[rustfmt::skip]
        let cases = [
            // 40 / 100 = 40%, against "more than 30%" and "about 10%".
            case("share holds", both(), expr(share, "30", "percent", r#""bound": "more_than""#), Holds, Some("40")),
            case("share contradicted", both(), expr(share, "10", "percent", r#""bound": "about""#), Contradicted, Some("40")),
            // A ratio claimed in percent converts: 110 / 100 = 1.1 = 110%.
            case("ratio in percent", years(), expr("acme.revenue@FY2026 / acme.revenue@FY2025", "110", "percent", EXACT), Holds, Some("110")),
            case("ratio as a multiple", years(), expr("acme.revenue@FY2026 / acme.revenue@FY2025", "1.2", "multiple", EXACT), Contradicted, Some("1.1")),
            // Money compares in base units.
            case("money", years(), expr("acme.revenue@FY2026 - acme.revenue@FY2025", "10", "USD", r#""bound": "at_least""#), Holds, Some("10")),
            case("yoy", years(), expr("yoy(acme.revenue@FY2026)", "10", "percent", ""), Holds, Some("10")),
            // n/m and a divisor that can be zero leave it undetermined.
            case("n/m", vec![f("acme.revenue@FY2026", "-5"), f("acme.revenue@FY2025", "10")], expr("yoy(acme.revenue@FY2026)", "10", "percent", ""), Undetermined, None),
            case("zero divisor", vec![f("acme.revenue@FY2026", "5"), f("acme.revenue@FY2025", "0")], expr("acme.revenue@FY2026 / acme.revenue@FY2025", "2", "multiple", ""), Undetermined, None),
            // A missing figure, units that do not combine, or a result in
            // another unit than the claim's: unverifiable.
            case("missing", vec![f("acme.revenue@FY2026", "110")], expr("yoy(acme.revenue@FY2026)", "10", "percent", ""), Unverifiable, None),
            case("unit error", years(), expr("acme.revenue@FY2026 + 30%", "10", "USD", ""), Unverifiable, None),
            case("unit of the claim", years(), expr("acme.revenue@FY2026 / acme.revenue@FY2025", "10", "USD", ""), Unverifiable, None),
        ];
        check(&cases);
        let reason = |c: &Case| {
            let data = dataset(&c.facts, std::slice::from_ref(&c.claim));
            verdicts(&data, Against::Own)
                .remove(0)
                .reason
                .unwrap_or_default()
        };
        assert_eq!(reason(&cases[6]), "n/m: the sign changed");
        assert!(
            reason(&cases[7])
                .starts_with("column 21 of the expression: dividing by a value that can be zero")
        );
        assert!(reason(&cases[8]).contains("acme.revenue@FY2025: no source states it"));
        assert_eq!(
            reason(&cases[9]),
            "column 21 of the expression: cannot add a percent to USD (for a percentage of an amount, multiply: amount * 30%)"
        );
        assert_eq!(
            reason(&cases[10]),
            "the expression gives multiple but the claim is in USD"
        );
        // An expr claim implies nothing, even with one figure unknown.
        let data = dataset(&cases[8].facts, std::slice::from_ref(&cases[8].claim));
        assert!(Figures::build(&data).unwrap().implied().is_empty());
    }

    #[test]
    fn the_article_holds_against_its_own_figures() {
        let data = Dataset::bundled().unwrap();
        for verdict in verdicts(&data, Against::Own) {
            assert_ne!(verdict.outcome, Outcome::Contradicted, "{verdict:?}");
        }
    }
}
