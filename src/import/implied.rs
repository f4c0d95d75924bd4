//! The quarters filings imply (data/FORMAT.md, Importing SEC company
//! facts): there is no 10-Q for a fourth quarter, so the year less the nine
//! months to date is the fourth quarter, and any year to date less the one
//! before it is its last quarter. Each is written as a `ytd` claim of the
//! filing that states the longer figure, from which the figures imply the
//! quarter with its formula and inputs; a quarter whose operands are not
//! both filed, or do not start on the same day, is reported as not
//! derivable, never taken from a longer period.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::sec::Figure;
use crate::metric;
use crate::period::Period;

/// A year to date that, with the one before it, implies a quarter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearToDate {
    /// The metric key.
    pub metric: String,
    /// The quarter implied: the last of the year to date.
    pub quarter: Period,
    /// The figure of the year to date (the year, for a fourth quarter).
    pub figure: Figure,
    /// The year to date before the quarter, as filed.
    pub before: Figure,
    /// The first day of the quarter implied, the day after `before` ends.
    pub starts: NaiveDate,
}

/// The quarters the figures imply and those they cannot, each with why.
pub(super) fn derive(figures: &[Figure]) -> (Vec<YearToDate>, Vec<String>) {
    // The figure cited first for each metric, unit and period: the one
    // the import keeps as the period's value.
    let mut first: BTreeMap<(&str, &str, &Period), &Figure> = BTreeMap::new();
    for f in figures {
        first.entry((&f.metric, &f.unit, &f.period)).or_insert(f);
    }
    let mut implied = Vec::new();
    let mut not_derivable = Vec::new();
    for (&(metric_key, unit, period), figure) in &first {
        if !metric::is_flow(metric_key) {
            continue;
        }
        let quarter = match period {
            Period::FiscalYear(year) => Period::FiscalQuarter {
                year: *year,
                quarter: 4,
            },
            span => match span.year_to_date_end() {
                Some(last) => last.clone(),
                None => continue,
            },
        };
        if first.contains_key(&(metric_key, unit, &quarter)) {
            continue;
        }
        let Some(before_period) = quarter.quarter_before().and_then(|q| q.year_to_date()) else {
            continue;
        };
        let why = |reason: String| format!("{metric_key}@{quarter}: not derivable: {reason}");
        let Some(before) = first.get(&(metric_key, unit, &before_period)) else {
            not_derivable.push(why(format!(
                "{period} is filed but not {before_period}, and a quarter is never taken from a longer period"
            )));
            continue;
        };
        let starts = before.end.succ_opt();
        match (figure.start, before.start, starts) {
            (Some(a), Some(b), Some(starts)) if a == b && starts <= figure.end => {
                implied.push(YearToDate {
                    metric: metric_key.to_string(),
                    quarter,
                    figure: (*figure).clone(),
                    before: (*before).clone(),
                    starts,
                });
            }
            (a, b, _) => not_derivable.push(why(format!(
                "{period} starts {} but {before_period} starts {}",
                a.map_or_else(String::new, |d| d.to_string()),
                b.map_or_else(String::new, |d| d.to_string())
            ))),
        }
    }
    (implied, not_derivable)
}
