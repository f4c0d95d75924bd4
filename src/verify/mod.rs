//! `verify`: every claim a report makes, checked against the figures
//! (data/FORMAT.md, How claims are checked).
//!
//! A claim states a relation ("down 19%", "more than 30% of", "exceeding
//! 358 billion a year"). Its figures are looked up, the relation is
//! computed forwards from them as its kind says ([`crate::claim`]), and
//! the computed interval is compared with the claimed one:
//!
//! - `holds`: every value the figures allow satisfies the claim (the
//!   computed interval lies inside the claimed one; a `rounded` or `about`
//!   claim's own rounding is already in its interval);
//! - `contradicted`: no value does (the two intervals are disjoint), or the
//!   figures themselves cannot be (a part of revenue above its whole);
//! - `undetermined`: some values do and some do not (the reason says how
//!   much of the computed interval satisfies the claim); also when the
//!   relation is not meaningful (a percent change across a change of sign,
//!   a division by a figure that can be zero);
//! - `contested`: sources disagree on a figure beyond their rounding and
//!   the verdict depends on which is believed (the reason names each
//!   reading and its verdict);
//! - `unverifiable`: a figure is unknown (the verdict names it, and the
//!   figure the claim implies instead), or the relation cannot be computed
//!   at all (a run-rate of an instant, figures in different currencies).
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

mod evaluate;
mod lookup;

use std::fmt;
use std::ops::Range;

use crate::bounded::Bounded;
use crate::dataset::{Claim, Dataset};
use crate::error::Result;
use crate::figures::{Basis, Figures, Known};
use crate::reference::Reference;
use evaluate::{Evaluation, evaluate, unit_mismatch};
use lookup::{Lookup, choices, disagreement, lookup, source_of};

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
    /// Which it is depends on which of disagreeing sources is believed.
    Contested,
    /// The claim cannot be computed from the figures.
    Unverifiable,
}

impl Outcome {
    /// Every outcome, in the order summaries list them.
    pub const ALL: [Outcome; 5] = [
        Outcome::Holds,
        Outcome::Contradicted,
        Outcome::Undetermined,
        Outcome::Contested,
        Outcome::Unverifiable,
    ];

    /// The name used in outputs.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Holds => "holds",
            Outcome::Contradicted => "contradicted",
            Outcome::Undetermined => "undetermined",
            Outcome::Contested => "contested",
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
    /// The figures used, in [`crate::claim::Relation::figures`] order, with their
    /// provenance.
    pub inputs: Vec<Known>,
    /// Figures no usable source gives (an `unverifiable` verdict).
    pub missing: Vec<Reference>,
    /// What the claim itself implies where a figure is missing (boxed:
    /// most verdicts have none, and a dataset's verdicts are held at once).
    pub implied: Option<Box<Known>>,
    /// Why, where the outcome needs saying why, or a caution.
    pub reason: Option<String>,
    /// Figures other sources state differently from those in `inputs`:
    /// as trusted ones, and less trusted ones beyond rounding; the verdict
    /// was computed with them too (`contested` where it changes).
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
    let claims = figures.data().claims.len();
    let runs = in_runs(claims, |run| verify_run(figures, against, run));
    // The verdicts, and the first error, in claim order.
    let mut verdicts = Vec::with_capacity(claims);
    for verdict in runs.into_iter().flatten().flatten() {
        verdicts.push(verdict?);
    }
    Ok(verdicts)
}

/// What `run` makes of each run of a dataset's `claims` claims, in claim
/// order: as many runs as there are cores, each on a thread of its own,
/// where there are at least [`PARALLEL_CLAIMS`]; else one run, on this
/// thread. A thread's panic goes on as it would have on this thread.
pub fn in_runs<T: Send>(claims: usize, run: impl Fn(Range<usize>) -> T + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    if threads < 2 || claims < PARALLEL_CLAIMS {
        return vec![run(0..claims)];
    }
    let size = claims.div_ceil(threads).max(1);
    let run = &run;
    std::thread::scope(|scope| {
        let runs: Vec<_> = (0..claims)
            .step_by(size)
            .map(|start| scope.spawn(move || run(start..start.saturating_add(size).min(claims))))
            .collect();
        runs.into_iter()
            .map(|made| {
                made.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// The verdicts of the claims at `claims`, in claim order. They are
/// checked in the order their facts are stated
/// ([`Figures::claim_place`]): claims come in any order, and checking them
/// as they come would reach a random place of the facts for each, which
/// costs more the more facts there are.
fn verify_run(
    figures: &Figures<'_>,
    against: Against,
    claims: Range<usize>,
) -> Vec<Option<Result<Verdict>>> {
    let first = claims.start;
    let run = figures.data().claims.get(claims).unwrap_or_default();
    let mut order: Vec<(usize, usize)> = (0..run.len())
        .map(|i| (figures.claim_place(first.saturating_add(i)), i))
        .collect();
    order.sort_unstable();
    let mut made: Vec<Option<Result<Verdict>>> = Vec::new();
    made.resize_with(run.len(), || None);
    for (_, i) in order {
        if let (Some(claim), Some(slot)) = (run.get(i), made.get_mut(i)) {
            *slot = Some(verify_claim(
                figures,
                against,
                first.saturating_add(i),
                claim,
            ));
        }
    }
    made
}

/// The fewest claims [`verify`] checks on several threads: below it, one
/// thread is quicker than starting others.
pub const PARALLEL_CLAIMS: usize = 4096;

/// The verdicts of [`verify`], one claim at a time, for a caller that keeps
/// only part of each (`check`).
pub fn each<'f>(
    figures: &'f Figures<'f>,
    against: Against,
) -> impl Iterator<Item = Result<Verdict>> + 'f {
    each_of(figures, against, 0..figures.data().claims.len())
}

/// The verdicts of [`each`] on the claims at `claims` (those of them the
/// dataset has), one claim at a time.
pub fn each_of<'f>(
    figures: &'f Figures<'f>,
    against: Against,
    claims: Range<usize>,
) -> impl Iterator<Item = Result<Verdict>> + 'f {
    let data = figures.data();
    let first = claims.start;
    data.claims
        .get(claims)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(move |(n, claim)| verify_claim(figures, against, first.saturating_add(n), claim))
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
    /// `contested`.
    pub contested: usize,
    /// `unverifiable`.
    pub unverifiable: usize,
}

impl Summary {
    /// Counts the verdicts.
    ///
    /// ```
    /// use earnings::dataset::Dataset;
    /// use earnings::figures::Figures;
    /// use earnings::verify::{verify, Against, Outcome, Summary};
    /// let data = Dataset::bundled().unwrap();
    /// let verdicts = verify(&Figures::build(&data).unwrap(), Against::Own).unwrap();
    /// let summary = Summary::of(&verdicts);
    /// assert_eq!(summary.claims, data.claims.len());
    /// assert!(!summary.fails(&[Outcome::Contradicted]));
    /// ```
    pub fn of<'v>(verdicts: impl IntoIterator<Item = &'v Verdict>) -> Summary {
        let mut summary = Summary::default();
        for verdict in verdicts {
            summary.add(verdict);
        }
        summary
    }

    /// Counts one more verdict.
    pub fn add(&mut self, verdict: &Verdict) {
        self.claims = self.claims.saturating_add(1);
        let count = match verdict.outcome {
            Outcome::Holds => &mut self.holds,
            Outcome::Contradicted => &mut self.contradicted,
            Outcome::Undetermined => &mut self.undetermined,
            Outcome::Contested => &mut self.contested,
            Outcome::Unverifiable => &mut self.unverifiable,
        };
        *count = count.saturating_add(1);
    }

    /// Counts the verdicts another summary counted.
    pub fn add_all(&mut self, other: &Summary) {
        for (count, more) in [
            (&mut self.claims, other.claims),
            (&mut self.holds, other.holds),
            (&mut self.contradicted, other.contradicted),
            (&mut self.undetermined, other.undetermined),
            (&mut self.contested, other.contested),
            (&mut self.unverifiable, other.unverifiable),
        ] {
            *count = count.saturating_add(more);
        }
    }

    /// How many claims came out as `outcome`.
    pub fn count(&self, outcome: Outcome) -> usize {
        match outcome {
            Outcome::Holds => self.holds,
            Outcome::Contradicted => self.contradicted,
            Outcome::Undetermined => self.undetermined,
            Outcome::Contested => self.contested,
            Outcome::Unverifiable => self.unverifiable,
        }
    }

    /// Whether a CI run should fail: a claim came out as one of `on`
    /// (`verify --fail-on`; `--strict` is every outcome but `holds`).
    pub fn fails(&self, on: &[Outcome]) -> bool {
        on.iter().any(|o| self.count(*o) > 0)
    }
}

impl fmt::Display for Summary {
    /// `12 claims: 9 hold, 0 contradicted, 1 undetermined, 0 contested, 2 unverifiable`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let claims = if self.claims == 1 { "claim" } else { "claims" };
        let hold = if self.holds == 1 { "holds" } else { "hold" };
        write!(
            f,
            "{} {claims}: {} {hold}, {} contradicted, {} undetermined, {} contested, {} unverifiable",
            self.claims,
            self.holds,
            self.contradicted,
            self.undetermined,
            self.contested,
            self.unverifiable
        )
    }
}

// ---------------------------------------------------------------------------
// One claim.

fn verify_claim(
    figures: &Figures<'_>,
    against: Against,
    index: usize,
    claim: &Claim,
) -> Result<Verdict> {
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
    if let Some(reason) = claim.relation.uncomputable() {
        return Ok(unverifiable(verdict, reason, figures));
    }
    let mut lookups = Vec::new();
    for (at, reference) in claim.relation.figures().into_iter().enumerate() {
        let facts = figures.stated_for(index, at, &reference);
        match lookup(figures, against, index, claim, &reference, facts) {
            Some(found) => lookups.push(found),
            None => verdict.missing.push(reference),
        }
    }
    verdict.inputs = lookups.iter().map(|l| l.preferred.clone()).collect();
    verdict.alternatives = lookups
        .iter()
        .flat_map(|l| l.alternatives.iter().chain(&l.dissent).cloned())
        .collect();
    if !verdict.missing.is_empty() {
        let reason = missing_reason(figures, against, index, claim, &verdict.missing);
        return Ok(unverifiable(verdict, reason, figures));
    }
    if let Some(reason) = unit_mismatch(claim, &lookups) {
        return Ok(unverifiable(verdict, reason, figures));
    }
    let weighed = weigh(claim, &lookups, &verdict.inputs, figures.data())?;
    verdict.outcome = weighed.outcome;
    verdict.computed = weighed.computed;
    verdict.reason = weighed.reason;
    Ok(verdict)
}

/// An unverifiable verdict: why, and what the claim itself implies
/// instead.
fn unverifiable(mut verdict: Verdict, reason: String, figures: &Figures<'_>) -> Verdict {
    verdict.implied = figures
        .implied_by(verdict.claim)
        .map(|m| Box::new(m.known.clone()));
    let overflows: Vec<&str> = figures
        .overflows()
        .iter()
        .filter(|o| o.claim == verdict.claim || verdict.missing.contains(&o.figure))
        .map(|o| o.message.as_str())
        .collect();
    verdict.reason = Some(if overflows.is_empty() {
        reason
    } else {
        format!("{reason}; implying it overflows ({})", overflows.join("; "))
    });
    verdict
}

/// The claim computed on the figures found: the preferred figures'
/// outcome, unless another source's reading of a figure (of equal trust, or
/// of less trust beyond rounding) changes it (then `contested`), with
/// every reason to say.
fn weigh(
    claim: &Claim,
    lookups: &[Lookup],
    inputs: &[Known],
    data: &Dataset,
) -> Result<Evaluation> {
    let preferred = evaluate(claim, inputs, data)?;
    let mut reasons: Vec<String> = Vec::new();
    let mut outcome = preferred.outcome;
    // Each other reading of the figures, and what it gives.
    let mut others: Vec<(Vec<&Known>, Outcome)> = Vec::new();
    for choice in choices(lookups).into_iter().skip(1) {
        let candidates: Vec<Known> = choice.iter().map(|k| (*k).clone()).collect();
        let evaluation = evaluate(claim, &candidates, data)?;
        let changed: Vec<&Known> = choice
            .iter()
            .zip(inputs)
            .filter(|(k, p)| **k != *p)
            .map(|(k, _)| *k)
            .collect();
        others.push((changed, evaluation.outcome));
    }
    if others.iter().any(|(_, o)| *o != preferred.outcome) {
        outcome = Outcome::Contested;
        reasons.push(disagreement(data, lookups, preferred.outcome, &others));
    }
    reasons.extend(preferred.reason);
    for found in lookups {
        if !found.dissent.is_empty() && outcome != Outcome::Contested {
            let dissent: Vec<&str> = found.dissent.iter().filter_map(source_of).collect();
            let used = if found.own {
                "the claim's own source's figure is used"
            } else {
                "the most trusted figure is used"
            };
            reasons.push(format!(
                "{} is stated differently by {}; {used}",
                found.preferred.figure,
                dissent.join(", ")
            ));
        }
    }
    Ok(Evaluation {
        computed: preferred.computed,
        outcome,
        reason: (!reasons.is_empty()).then(|| reasons.join("; ")),
    })
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
            for implied in figures.implied_of(reference) {
                let by = figures.data().claims.get(implied.claim);
                if let Some(other) =
                    by.filter(|c| implied.claim != index && c.source != claim.source)
                    && !sources.contains(&other.source.as_str())
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

/// data/FORMAT.md, How claims are checked: `holds` when every computed
/// value satisfies the claim (inside its interval, which already holds the
/// claim's own rounding), `contradicted` when none does (disjoint), else
/// `undetermined`.
///
/// ```
/// use earnings::bounded::Bounded;
/// use earnings::verify::{compare, Outcome};
/// let claimed = Bounded::closed("-19".parse().unwrap(), "-19.5".parse().unwrap(), "-18.5".parse().unwrap()).unwrap();
/// let computed = Bounded::closed("-18.95".parse().unwrap(), "-18.99".parse().unwrap(), "-18.91".parse().unwrap()).unwrap();
/// assert_eq!(compare(&claimed, &computed), Outcome::Holds);
/// // "+38%" (37.5% to 38.5%) against 31.1% to 45.0%: only some values satisfy it.
/// let claimed = Bounded::closed("38".parse().unwrap(), "37.5".parse().unwrap(), "38.5".parse().unwrap()).unwrap();
/// let computed = Bounded::closed("38".parse().unwrap(), "31.1".parse().unwrap(), "45".parse().unwrap()).unwrap();
/// assert_eq!(compare(&claimed, &computed), Outcome::Undetermined);
/// ```
pub fn compare(claimed: &Bounded, computed: &Bounded) -> Outcome {
    if computed.is_disjoint(claimed) {
        Outcome::Contradicted
    } else if computed.is_inside(claimed) {
        Outcome::Holds
    } else {
        Outcome::Undetermined
    }
}

/// How much of the computed interval satisfies the claim, in percent of its
/// width; `None` where the computed interval is unbounded or a point.
///
/// ```
/// use earnings::bounded::Bounded;
/// use earnings::verify::satisfied_percent;
/// let claimed = Bounded::closed("38".parse().unwrap(), "37.5".parse().unwrap(), "38.5".parse().unwrap()).unwrap();
/// let computed = Bounded::closed("38".parse().unwrap(), "33".parse().unwrap(), "43".parse().unwrap()).unwrap();
/// assert_eq!(satisfied_percent(&claimed, &computed).unwrap().normalize().to_string(), "10");
/// ```
pub fn satisfied_percent(claimed: &Bounded, computed: &Bounded) -> Option<rust_decimal::Decimal> {
    let whole = computed.width().filter(|w| !w.is_zero())?;
    let part = match computed.intersect(claimed) {
        Some(common) => common.width()?,
        None => rust_decimal::Decimal::ZERO,
    };
    part.checked_mul(rust_decimal::Decimal::ONE_HUNDRED)?
        .checked_div(whole)
}

#[cfg(test)]
mod tests;
