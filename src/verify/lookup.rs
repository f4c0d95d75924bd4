//! Which figures a claim is computed with: the one preferred for each
//! figure, the others of equal trust that state it otherwise, and every
//! choice among them (see the module documentation of `verify` for the
//! order).

use super::{Against, Outcome};
use crate::dataset::{Claim, Dataset, Fact};
use crate::figures::{Figures, Known, Provenance};
use crate::reference::Reference;
use crate::text;

/// A figure as found for a claim: the one used, others of equal trust that
/// say otherwise, and sources of less trust whose figure cannot be the used
/// one (beyond their rounding), one figure per source.
pub(super) struct Lookup {
    pub(super) preferred: Known,
    pub(super) alternatives: Vec<Known>,
    pub(super) dissent: Vec<Known>,
    /// Whether the preferred figure is the claim's own source's.
    pub(super) own: bool,
}

/// A figure for a claim, given the facts that state it, or `None` when
/// none can be used (see the module documentation for the order).
pub(super) fn lookup(
    figures: &Figures<'_>,
    against: Against,
    index: usize,
    claim: &Claim,
    reference: &Reference,
    facts: &[&Fact],
) -> Option<Lookup> {
    let data = figures.data();
    let own = match against {
        Against::Own => facts.iter().find(|f| f.source == claim.source),
        Against::Best => None,
    };
    if let Some(fact) = own {
        // The source's own other values of the figure, if it states more
        // than one: each is a choice the verdict must hold under.
        let mut alternatives: Vec<&Fact> = Vec::new();
        for other in facts.iter().filter(|f| f.source == claim.source) {
            if other.value != fact.value && !alternatives.iter().any(|a| a.value == other.value) {
                alternatives.push(other);
            }
        }
        return Some(Lookup {
            preferred: Known::stated(fact),
            alternatives: alternatives.iter().map(|f| Known::stated(f)).collect(),
            dissent: dissenting(facts, fact, &alternatives),
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
    let own_claim = |m: &crate::figures::Implied| {
        m.claim != index
            && data
                .claims
                .get(m.claim)
                .is_some_and(|c| c.source == claim.source)
    };
    let implied = match against {
        Against::Best => figures.get_excluding(reference, against.basis(claim), Some(index)),
        // A definition's figure where it rests only on stated figures and
        // this source's other claims, as a stated one fills a gap.
        Against::Own => figures
            .defined_of(reference)
            .filter(|d| figures.defined_from(d, own_claim))
            .map(|d| d.known.clone())
            .or_else(|| {
                figures
                    .implied_of(reference)
                    .into_iter()
                    .find(|m| own_claim(m))
                    .map(|m| m.known.clone())
            }),
    }?;
    let own = match &implied.provenance {
        Provenance::Implied { source, .. } => *source == claim.source,
        Provenance::Stated { .. } | Provenance::Defined { .. } => false,
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
fn dissenting(facts: &[&Fact], used: &Fact, alternatives: &[&Fact]) -> Vec<Known> {
    let mut dissent: Vec<Known> = Vec::new();
    for fact in facts {
        let counted =
            std::ptr::eq(*fact, used) || alternatives.iter().any(|a| std::ptr::eq(*a, *fact));
        let seen = dissent
            .iter()
            .any(|k| source_of(k) == Some(fact.source.as_str()));
        if !counted && !seen && fact.value.is_disjoint(&used.value) {
            dissent.push(Known::stated(fact));
        }
    }
    dissent
}

/// The source of a figure (stated or implied).
pub(super) fn source_of(known: &Known) -> Option<&str> {
    known.provenance.source().map(|s| s.as_str())
}

/// Most sets of figures a claim is computed with; beyond it, each
/// alternative is tried alone (a dataset with scores of disagreeing sources
/// must not make the check explode).
pub(super) const MAX_CHOICES: usize = 256;

/// Every choice of one candidate per figure, the preferred choice first.
pub(super) fn choices(lookups: &[Lookup]) -> Vec<Vec<&Known>> {
    let candidates: Vec<Vec<&Known>> = lookups
        .iter()
        .map(|found| {
            std::iter::once(&found.preferred)
                .chain(&found.alternatives)
                .chain(&found.dissent)
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
            for alternative in found.alternatives.iter().chain(&found.dissent) {
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

/// Says how the verdict changes with the figure believed: each reading of
/// a contested figure as its source states it, and the outcome with it
/// ("holds with article ¶4's 89.71 billion CNY, contradicted with
/// press-futunn post body's 8,971 million CNY").
pub(super) fn disagreement(
    data: &Dataset,
    lookups: &[Lookup],
    preferred: Outcome,
    others: &[(Vec<&Known>, Outcome)],
) -> String {
    let contested: Vec<String> = lookups
        .iter()
        .filter(|l| !l.alternatives.is_empty() || !l.dissent.is_empty())
        .map(|l| l.preferred.figure.to_string())
        .collect();
    let preferred_readings: Vec<String> = lookups
        .iter()
        .filter(|l| !l.alternatives.is_empty() || !l.dissent.is_empty())
        .map(|l| reading(data, &l.preferred))
        .collect();
    let mut parts = vec![format!(
        "{preferred} with {}",
        preferred_readings.join(" and ")
    )];
    for (changed, outcome) in others {
        let readings: Vec<String> = changed.iter().map(|k| reading(data, k)).collect();
        parts.push(format!("{outcome} with {}", readings.join(" and ")));
    }
    format!(
        "sources disagree on {}: {}",
        contested.join(" and "),
        parts.join(", ")
    )
}

/// A figure as its source states it: `article ¶4's 89.71 billion CNY`.
fn reading(data: &Dataset, known: &Known) -> String {
    match &known.provenance {
        Provenance::Stated { source, at } => {
            let stated = data
                .facts
                .iter()
                .find(|f| f.figure == known.figure && f.source == *source && f.value == known.value)
                .map(|f| text::stated(&f.stated))
                .unwrap_or_else(|| text::computed(&known.value, &known.unit));
            format!("{source} {at}'s {stated}")
        }
        Provenance::Implied { source, .. } => format!(
            "{}, implied by {source}",
            text::computed(&known.value, &known.unit)
        ),
        Provenance::Defined { .. } => format!(
            "{}, by definition",
            text::computed(&known.value, &known.unit)
        ),
    }
}
