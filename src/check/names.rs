//! Likely typos in claims (data/FORMAT.md, Checks on the data): a claim
//! about a metric or a period that nothing else in the data mentions, but
//! that is close to a name the data does use (`revenu` beside `revenue`),
//! is an error with the name it probably meant. A name with no close
//! neighbour (a metric the article alone mentions) is left to `verify`,
//! which finds the claim unverifiable and says why. Entities need no such
//! check: a claim naming an entity the data does not define is refused on
//! loading, with the closest id.

use super::{Finding, Involved, Kind, Severity};
use crate::dataset::Dataset;
use crate::period::Period;
use crate::reference::Reference;

/// Which claims mention a name, and whether any fact does.
#[derive(Default)]
struct Mentions {
    by_fact: bool,
    claims: Vec<usize>,
}

impl Mentions {
    /// Whether anything but claim `index` mentions it.
    fn elsewhere(&self, index: usize) -> bool {
        self.by_fact || self.claims.iter().any(|&c| c != index)
    }
}

/// Every name of one part of a reference, with what mentions it, in order
/// of first mention.
struct Names<K> {
    names: indexmap::IndexMap<K, Mentions>,
}

impl<K: std::hash::Hash + Eq + Clone> Names<K> {
    fn collect(data: &Dataset, part: impl Fn(&Reference) -> K) -> Names<K> {
        let mut names: indexmap::IndexMap<K, Mentions> = indexmap::IndexMap::new();
        for fact in &data.facts {
            names.entry(part(&fact.figure)).or_default().by_fact = true;
        }
        for (index, claim) in data.claims.iter().enumerate() {
            for figure in claim.relation.figures() {
                let claims = &mut names.entry(part(&figure)).or_default().claims;
                // Claims come in order: one already listed is the last.
                if claims.last() != Some(&index) {
                    claims.push(index);
                }
            }
        }
        Names { names }
    }
}

/// Whether a period sits next to one the data mentions (its prior year, or
/// the year after it; for a quarter, within a year of one): a claim's prior
/// year, or the quarters a `qoq` or `ttm` claim reads, are no typo.
fn next_to(period: &Period, mentioned: &[&Period]) -> bool {
    let prior = period.prior_year().ok();
    let near = |a: &Period, b: &Period| {
        a.trailing_quarters()
            .is_some_and(|quarters| quarters.contains(b))
    };
    mentioned.iter().any(|m| {
        Some(*m) == prior.as_ref()
            || m.prior_year().is_ok_and(|p| p == *period)
            || near(period, m)
            || near(m, period)
    })
}

/// How many names the likely-typo check compares claims' names with, in
/// all: past it, the claims left are not compared and a note says so. A
/// dataset where thousands of claims each name what nothing else does
/// would otherwise cost claims × names comparisons.
pub const TYPO_COMPARISONS: usize = 250_000;

/// Whether two names are close enough in length to be within `limit`
/// edits: a cheap test before the edit distance.
fn near_in_length(name: &str, candidate: &str, limit: usize) -> bool {
    name.chars().count().abs_diff(candidate.chars().count()) <= limit
}

/// The closest of the names mentioned elsewhere, counting the comparisons.
fn closest_known<K>(
    names: &Names<K>,
    index: usize,
    name: &str,
    text: impl Fn(&K) -> String,
    spent: &mut usize,
) -> Option<String> {
    let limit = (name.chars().count() / 3).max(1);
    *spent = spent.saturating_add(names.names.len());
    let known: Vec<String> = names
        .names
        .iter()
        .filter(|(_, m)| m.elsewhere(index))
        .map(|(k, _)| text(k))
        .filter(|k| near_in_length(name, k, limit))
        .collect();
    crate::suggest::closest(name, known.iter().map(String::as_str)).map(str::to_string)
}

/// One error per claim figure whose metric or period only that
/// claim mentions and that is close to a name the data does use; past
/// [`TYPO_COMPARISONS`], a note naming how many claims were left out.
pub(super) fn likely_typos(data: &Dataset, out: &mut Vec<Finding>) {
    let metrics = Names::collect(data, |r| r.metric.to_string());
    let periods = Names::collect(data, |r| r.period.clone());
    let mut spent = 0usize;
    for (index, claim) in data.claims.iter().enumerate() {
        if spent > TYPO_COMPARISONS {
            let left = data.claims.len().saturating_sub(index);
            let message = format!(
                "{left} of {} claims were not compared for likely typos: they name more metrics and periods that nothing else mentions than 250,000 comparisons cover.",
                data.claims.len()
            );
            out.push(Finding::new(Severity::Note, Kind::LikelyTypo, message));
            return;
        }
        let mut said: Vec<String> = Vec::new();
        for figure in claim.relation.figures() {
            let mut typos: Vec<String> = Vec::new();
            let metric = figure.metric.to_string();
            if metrics
                .names
                .get(&metric)
                .is_some_and(|m| !m.elsewhere(index))
                && let Some(best) =
                    closest_known(&metrics, index, &metric, Clone::clone, &mut spent)
            {
                typos.push(format!("metric '{metric}' (did you mean '{best}'?)"));
            }
            let period = &figure.period;
            if !claim.status.is_forward_looking()
                && periods
                    .names
                    .get(period)
                    .is_some_and(|m| !m.elsewhere(index))
            {
                spent = spent.saturating_add(periods.names.len());
                let mentioned: Vec<&Period> = periods
                    .names
                    .iter()
                    .filter(|(_, m)| m.elsewhere(index))
                    .map(|(p, _)| p)
                    .collect();
                let text = period.to_string();
                if !next_to(period, &mentioned)
                    && let Some(best) =
                        closest_known(&periods, index, &text, ToString::to_string, &mut spent)
                {
                    typos.push(format!("period {text} (did you mean {best}?)"));
                }
            }
            for typo in typos {
                if said.contains(&typo) {
                    continue;
                }
                let message = format!(
                    "{} {} claims {}: no fact or other claim mentions its {typo}. Likely a typo; the claim cannot be checked as written.",
                    claim.source, claim.at, claim.relation
                );
                said.push(typo);
                out.push(
                    Finding::new(Severity::Error, Kind::LikelyTypo, message)
                        .with(Involved::claim(claim))
                        .about(&figure),
                );
            }
        }
    }
}
