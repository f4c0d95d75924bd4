//! Which filed facts an import keeps (data/FORMAT.md, Importing SEC
//! company facts): for each metric and period, the first concept of the
//! mapping that has one; each value once, cited to the first filing that
//! states it, periodic reports first; a different value kept beside it as
//! the restatement or disagreement it is, for `check` to report.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::Concepts;
use super::calendar;
use super::sec::{Company, Figure, Filed, period_of};
use crate::period::{FiscalYearEnd, Period};

/// The company's figures chosen from everything filed.
pub(super) fn company(
    entity_id: String,
    name: String,
    cik: String,
    filed: Vec<Filed>,
    concepts: &Concepts,
) -> Company {
    let fiscal_year_end = year_end(&filed);
    let metric_keys: Vec<&str> = concepts.metrics().collect();
    let mut left_out = BTreeSet::new();
    let mut placed: Vec<(Period, Filed)> = Vec::new();
    for f in filed {
        match period_of(fiscal_year_end, &f) {
            Some(p) => placed.push((p, f)),
            None => {
                let start = f.start.map_or_else(String::new, |s| s.to_string());
                left_out.insert(format!(
                    "{} {start}..{}: not a year, a quarter or a year to date on a year ending {fiscal_year_end}",
                    f.concept, f.end
                ));
            }
        }
    }
    // Periodic reports first, then by filing date: the first of equal
    // values is the one cited.
    placed.sort_by(|(pa, a), (pb, b)| {
        (
            a.metric,
            pa,
            &a.unit,
            a.rank,
            !a.filing.is_periodic(),
            a.filing.filed,
            &a.accession,
        )
            .cmp(&(
                b.metric,
                pb,
                &b.unit,
                b.rank,
                !b.filing.is_periodic(),
                b.filing.filed,
                &b.accession,
            ))
    });
    let mut figures: Vec<Figure> = Vec::new();
    let mut filings = BTreeMap::new();
    let mut kept: Vec<&Filed> = Vec::new();
    let mut group: Option<(usize, &Period, &str, usize)> = None;
    for (period, f) in &placed {
        let key = (f.metric, period, f.unit.as_str());
        match group {
            // The same metric, period and unit from a less preferred concept.
            Some((m, p, u, rank)) if (m, p, u) == key && f.rank != rank => continue,
            Some((m, p, u, _)) if (m, p, u) == key => {}
            _ => {
                group = Some((f.metric, period, f.unit.as_str(), f.rank));
                kept.clear();
            }
        }
        if kept.iter().any(|k| k.exact == f.exact) {
            continue;
        }
        kept.push(f);
        filings.insert(f.accession.clone(), f.filing.clone());
        figures.push(Figure {
            metric: metric_keys
                .get(f.metric)
                .copied()
                .unwrap_or_default()
                .to_string(),
            concept: f.concept.clone(),
            period: period.clone(),
            start: f.start,
            end: f.end,
            value: f.value.clone(),
            unit: f.unit.clone(),
            accession: f.accession.clone(),
        });
    }
    let (years_to_date, not_derivable) = super::implied::derive(&figures);
    Company {
        years_to_date,
        not_derivable,
        entity_id,
        name,
        cik,
        currency: most_common(figures.iter().map(|f| f.unit.as_str())),
        fiscal_year_end,
        filings,
        figures,
        left_out: left_out.into_iter().collect(),
    }
}

/// The fiscal year end the annual periods keep: those of periodic reports
/// first, then any; where none fits them all, the last day of the latest
/// year-long period's month and day; 12-31 where there is none.
fn year_end(filed: &[Filed]) -> FiscalYearEnd {
    let ends = |periodic_only: bool| -> Vec<NaiveDate> {
        let set: BTreeSet<NaiveDate> = filed
            .iter()
            .filter(|f| !periodic_only || f.filing.is_periodic())
            .filter(|f| f.start.is_some_and(|s| calendar::is_year_long(s, f.end)))
            .map(|f| f.end)
            .collect();
        set.into_iter().collect()
    };
    let periodic = ends(true);
    calendar::infer_year_end(&periodic)
        .or_else(|| calendar::infer_year_end(&ends(false)))
        .or_else(|| {
            let last = periodic.last()?;
            calendar::infer_year_end(std::slice::from_ref(last))
        })
        .unwrap_or_default()
}

/// The most frequent of `items` (the first such, in sort order).
fn most_common<'a>(items: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for item in items {
        let count = counts.entry(item).or_default();
        *count = count.saturating_add(1);
    }
    let best = counts.values().copied().max()?;
    counts
        .into_iter()
        .find(|(_, c)| *c == best)
        .map(|(item, _)| item.to_string())
}
