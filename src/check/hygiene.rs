//! Dataset hygiene (data/FORMAT.md, Checks on the data): facts nothing uses, claims that can be
//! neither verified nor used to imply anything, entities without facts,
//! and notes in which the dataset's authors flag ambiguous wording. All
//! are notes: nothing is known to be wrong.

use std::collections::{HashMap, HashSet};

use super::{ClaimVerdict, Finding, Involved, Kind, Severity};
use crate::dataset::Dataset;
use crate::figures::{Basis, Figures};
use crate::metric;
use crate::reference::Reference;

/// Words and phrases that, in a dataset's note, flag wording the authors
/// found ambiguous. Matched case-insensitively as whole words.
pub const AMBIGUITY_MARKERS: [&str; 14] = [
    "ambiguous",
    "ambiguity",
    "unclear",
    "not clear",
    "uncertain",
    "may mean",
    "might mean",
    "could mean",
    "could be",
    "could also",
    "could instead",
    "either",
    "whether",
    "or else",
];

/// The fewest characters of a note quoted with an ambiguity finding.
const MIN_SENTENCE: usize = 60;

/// Every figure something uses: a claim relates it; another source states
/// it too (a cross-check); it has a prior-year figure or is one (a
/// year-over-year change); its parent or a segment has the same metric and
/// period (a share); it is a profit or cash-flow figure with revenue of the
/// same entity and period, or that revenue (a margin); or it is one of two
/// or more milestones of an ARR-like metric; or it is an input of a
/// quarter-over-quarter change or a trailing twelve months, or an operand
/// of a definition, or the figure a definition also gives. An annualized run-rate does
/// not count: it is the figure itself, restated.
///
/// Whether each stated figure (they are what a fact can be) is used, by
/// its number: a flag a figure, not a set of their references.
fn used_figures(figures: &Figures<'_>) -> Vec<bool> {
    let data = figures.data();
    // Whether a figure has a value, as `Figures::get` finds one, without
    // making it.
    let known = |r: &Reference| !figures.stated(r).is_empty() || !figures.implied_of(r).is_empty();
    let mut used = vec![false; figures.stated_figures().len()];
    let mut mark = |r: &Reference| {
        if let Some(flag) = figures.number(r).and_then(|n| used.get_mut(n)) {
            *flag = true;
        }
    };
    for claim in &data.claims {
        claim.relation.figures().iter().for_each(&mut mark);
    }
    // Every figure with a value (as `Figures::iter`), with how many facts
    // state it, one at a time.
    let all = || {
        let stated = figures.stated_figures().filter_map(|facts| {
            let first = facts.first()?;
            Some((&first.figure, facts.len()))
        });
        stated.chain(figures.implied_only().iter().map(|r| (r, 0)))
    };
    // Milestones of each ARR-like metric, counted once (not a scan of
    // every figure for each).
    let mut milestones: HashMap<(&str, &str), usize> = HashMap::new();
    for (figure, _) in all().filter(|(r, _)| metric::is_arr(&r.metric)) {
        let count = milestones
            .entry((figure.entity.as_str(), figure.metric.as_str()))
            .or_default();
        *count = count.saturating_add(1);
    }
    for (figure, stated_by) in all() {
        if stated_by > 1 {
            mark(figure);
        }
        if let Ok(prior) = figure.period.prior_year() {
            let prior = figure.with_period(prior);
            if known(&prior) {
                mark(figure);
                mark(&prior);
            }
        }
        let parent = data
            .entity(&figure.entity)
            .and_then(|e| e.parent.as_deref());
        if let Some(parent) = parent {
            let whole = Reference {
                entity: parent.into(),
                ..figure.clone()
            };
            if known(&whole) {
                mark(figure);
                mark(&whole);
            }
        }
        if metric::is_profit_or_cash_flow(&figure.metric) {
            let revenue = figure.with_metric(metric::REVENUE);
            if known(&revenue) {
                mark(figure);
                mark(&revenue);
            }
        }
        if metric::is_arr(&figure.metric)
            && milestones
                .get(&(figure.entity.as_str(), figure.metric.as_str()))
                .is_some_and(|&count| count >= 2)
        {
            mark(figure);
        }
    }
    // A definition's operands, and a stated figure it is set beside.
    for defined in figures.defined() {
        defined.inputs.iter().for_each(|k| mark(&k.figure));
        mark(&defined.known.figure);
    }
    // A quarter against the one before it, a trailing twelve months.
    crate::metrics::quarterly_inputs(figures, |k| mark(&k.figure));
    used
}

/// Stated facts whose figure nothing uses (see [`used_figures`]).
pub(super) fn unused_facts(figures: &Figures<'_>, out: &mut Vec<Finding>) {
    let used = used_figures(figures);
    for fact in &figures.data().facts {
        let number = figures.number(&fact.figure);
        if number.and_then(|n| used.get(n)).is_some_and(|&used| used) {
            continue;
        }
        out.push(
            Finding::new(
                Severity::Note,
                Kind::UnusedFact,
                format!(
                    "{} ({} {}) is used by no claim, cross-check or derived metric.",
                    fact.figure, fact.source, fact.at
                ),
            )
            .with(Involved::fact(fact))
            .about(&fact.figure),
        );
    }
}

/// Whether a claim yields a growth rate even with none of its figures
/// known (data/FORMAT.md, Growth implied by a multiple): a change against the prior year, or a multiple
/// between two periods whose midpoints differ.
fn implies_growth(index: usize, data: &Dataset) -> bool {
    let Some(claim) = data.claims.get(index) else {
        return false;
    };
    let Some(growth) = claim.relation.growth() else {
        return false;
    };
    // A change against the prior year is a rate as stated; a multiple is
    // growth only between two different times.
    let at = |r: &Reference| r.period.midpoint_position(data.fiscal_year_end(&r.entity));
    growth.yearly_rate || matches!((at(growth.to), at(&growth.from)), (Ok(a), Ok(b)) if a != b)
}

/// Claims that can be neither verified (per `verify`, or failing a verdict
/// for the claim, per the figures: [`super::local_verdicts`], made only
/// for such a claim) nor used to imply a figure or a growth rate.
pub(super) fn idle_claims(
    figures: &Figures<'_>,
    verdicts: &[ClaimVerdict],
    out: &mut Vec<Finding>,
) {
    let data = figures.data();
    // Each claim's first verdict, found once rather than once per claim.
    let mut first: HashMap<usize, &ClaimVerdict> = HashMap::new();
    for verdict in verdicts {
        first.entry(verdict.claim).or_insert(verdict);
    }
    for (index, claim) in data.claims.iter().enumerate() {
        let verifiable = first.get(&index).map_or_else(
            || super::local_verdict(figures, index, claim).verifiable,
            |v| v.verifiable,
        );
        if verifiable || figures.implied_by(index).is_some() || implies_growth(index, data) {
            continue;
        }
        let basis = Basis::SourceFirst(&claim.source);
        let missing: Vec<String> = claim
            .relation
            .figures()
            .iter()
            .filter(|r| figures.get_excluding(r, basis, Some(index)).is_none())
            .map(ToString::to_string)
            .collect();
        let missing = if missing.is_empty() {
            String::new()
        } else {
            format!(" (no value for {})", missing.join(", "))
        };
        let mut finding = Finding::new(
            Severity::Note,
            Kind::IdleClaim,
            format!(
                "{} ({} {}) can be neither verified{missing} nor used to imply a figure.",
                claim.relation, claim.source, claim.at
            ),
        )
        .with(Involved::claim(claim));
        for figure in claim.relation.figures() {
            finding = finding.about(&figure);
        }
        out.push(finding);
    }
}

/// Entities that no stated fact is about.
pub(super) fn entities_without_facts(data: &Dataset, out: &mut Vec<Finding>) {
    // Once over the facts, not once for each entity.
    let with_facts: HashSet<&str> = data
        .facts
        .iter()
        .map(|f| f.figure.entity.as_str())
        .collect();
    for entity in &data.entities {
        if with_facts.contains(entity.id.as_str()) {
            continue;
        }
        let mentioned = data
            .claims
            .iter()
            .any(|c| c.relation.figures().iter().any(|r| r.entity == entity.id));
        let segments = data
            .entities
            .iter()
            .any(|e| e.parent.as_deref() == Some(entity.id.as_str()));
        let mut detail = Vec::new();
        if mentioned {
            detail.push("claims mention it");
        }
        if segments {
            detail.push("it has segments");
        }
        let detail = if detail.is_empty() {
            String::new()
        } else {
            format!(" ({})", detail.join("; "))
        };
        let mut finding = Finding::new(
            Severity::Note,
            Kind::EntityWithoutFacts,
            format!(
                "{} ({}) has no stated facts{detail}.",
                entity.id, entity.name
            ),
        );
        finding.entity = Some(entity.id.clone());
        out.push(finding);
    }
}

/// The first ambiguity marker in a text, as a whole word, with the
/// sentence it is in.
pub fn ambiguity(text: &str) -> Option<(&'static str, &str)> {
    // ASCII lowercase keeps byte offsets, so they index the original text.
    let lower = text.to_ascii_lowercase();
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut best: Option<(usize, &'static str)> = None;
    for marker in AMBIGUITY_MARKERS {
        let mut from = 0;
        while let Some(found) = lower.get(from..).and_then(|rest| rest.find(marker)) {
            let start = from.saturating_add(found);
            let end = start.saturating_add(marker.len());
            let before = lower.get(..start).and_then(|s| s.chars().next_back());
            let after = lower.get(end..).and_then(|s| s.chars().next());
            if !is_word(before) && !is_word(after) {
                if best.is_none_or(|(at, _)| start < at) {
                    best = Some((start, marker));
                }
                break;
            }
            from = end;
        }
    }
    let (start, marker) = best?;
    let sentence_start = text
        .get(..start)
        .and_then(|s| s.rfind(". ").map(|i| i.saturating_add(2)))
        .unwrap_or(0);
    // A sentence too short to say what is ambiguous ("Ambiguous.") runs on
    // into the next ones.
    let mut sentence_end = start;
    loop {
        sentence_end = text
            .get(sentence_end..)
            .and_then(|s| s.find(". "))
            .map_or(text.len(), |i| {
                sentence_end.saturating_add(i).saturating_add(1)
            });
        if sentence_end >= text.len() || sentence_end.saturating_sub(sentence_start) >= MIN_SENTENCE
        {
            break;
        }
    }
    let sentence = text
        .get(sentence_start..sentence_end)
        .unwrap_or(text)
        .trim();
    Some((marker, sentence))
}

/// Notes on facts, claims and sources that flag ambiguous wording.
pub(super) fn ambiguous_wording(data: &Dataset, out: &mut Vec<Finding>) {
    let message = |what: &str, place: &str, marker: &str, sentence: &str| {
        format!(
            "{what} ({place}): the dataset's note flags ambiguous wording (\"{marker}\"): {sentence}"
        )
    };
    for fact in &data.facts {
        let Some((marker, sentence)) = fact.note.as_deref().and_then(ambiguity) else {
            continue;
        };
        let place = format!("{} {}", fact.source, fact.at);
        out.push(
            Finding::new(
                Severity::Note,
                Kind::AmbiguousWording,
                message(&fact.figure.to_string(), &place, marker, sentence),
            )
            .with(Involved::fact(fact))
            .about(&fact.figure),
        );
    }
    for claim in &data.claims {
        let Some((marker, sentence)) = claim.note.as_deref().and_then(ambiguity) else {
            continue;
        };
        let place = format!("{} {}", claim.source, claim.at);
        let mut finding = Finding::new(
            Severity::Note,
            Kind::AmbiguousWording,
            message(&claim.relation.to_string(), &place, marker, sentence),
        )
        .with(Involved::claim(claim));
        for figure in claim.relation.figures() {
            finding = finding.about(&figure);
        }
        out.push(finding);
    }
    for source in &data.sources {
        let Some((marker, sentence)) = source.note.as_deref().and_then(ambiguity) else {
            continue;
        };
        out.push(Finding::new(
            Severity::Note,
            Kind::AmbiguousWording,
            message(
                &format!("source {}", source.id),
                &source.title,
                marker,
                sentence,
            ),
        ));
    }
}
