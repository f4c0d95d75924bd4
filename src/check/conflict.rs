//! Conflicts (data/FORMAT.md, When sources disagree): one figure, several sources, intervals that do
//! not overlap; and the likely scale errors among them, where one figure is
//! a power of ten times the other within rounding. Figures of one entity
//! and metric whose periods are labelled differently but cover the same
//! dates are compared the same way.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use super::{Finding, Involved, Kind, Severity};
use crate::bounded::Bounded;
use crate::dataset::Fact;
use crate::figures::{Figures, pairs};
use crate::value::pow10;

/// Extra room around a power of ten, in percent of it, beyond the rounding
/// of the two figures: "37.4" against "3.743" is ×10 even though 37.4 was
/// rounded more coarsely than the other figure's last digit suggests.
pub const SCALE_TOLERANCE_PERCENT: Decimal = Decimal::from_parts(2, 0, 0, false, 0);

/// The widest ratio interval (high over low) that may still be called a
/// power of ten: a vaguer ratio ("more than 30" against "about 5") could
/// be almost anything, and is a plain conflict.
pub const MAX_RATIO_SPREAD: Decimal = Decimal::from_parts(15, 0, 0, false, 1);

/// The powers of ten tried, both ways: ×10^1 to ×10^12.
const MAX_POWER: i32 = 12;

/// The power of ten `k` (|k| from 1 to 12) that a ratio is within rounding
/// of: the ratio interval, positive and bounded, no wider than
/// [`MAX_RATIO_SPREAD`], and widened by [`SCALE_TOLERANCE_PERCENT`] on
/// each side, contains 10^k.
///
/// ```
/// use earnings::bounded::Bounded;
/// use earnings::check::power_of_ten;
/// let d = |s: &str| s.parse().unwrap();
/// // 89.71 against 8.971, both rounded to their last digit.
/// let a = Bounded::closed(d("89.71"), d("89.705"), d("89.715")).unwrap();
/// let b = Bounded::closed(d("8.971"), d("8.9705"), d("8.9715")).unwrap();
/// assert_eq!(power_of_ten(&a.checked_div(&b).unwrap()), Some(1));
/// assert_eq!(power_of_ten(&b.checked_div(&a).unwrap()), Some(-1));
/// // 1.09 is no power of ten.
/// assert_eq!(power_of_ten(&Bounded::exact(d("1.09"))), None);
/// ```
pub fn power_of_ten(ratio: &Bounded) -> Option<i32> {
    let (low, high) = (ratio.low().value()?, ratio.high().value()?);
    if low <= Decimal::ZERO || high > low.checked_mul(MAX_RATIO_SPREAD)? {
        return None;
    }
    let hundred = Decimal::ONE_HUNDRED;
    let below = hundred
        .checked_sub(SCALE_TOLERANCE_PERCENT)?
        .checked_div(hundred)?;
    let above = hundred
        .checked_add(SCALE_TOLERANCE_PERCENT)?
        .checked_div(hundred)?;
    let (widened_low, widened_high) = (low.checked_mul(below)?, high.checked_mul(above)?);
    (-MAX_POWER..=MAX_POWER)
        .filter(|k| *k != 0)
        .find(|k| pow10(*k).is_some_and(|p| widened_low <= p && p <= widened_high))
}

/// What usually causes a figure to be off by 10^k, in words.
pub fn likely_cause(k: i32) -> &'static str {
    match k.unsigned_abs() {
        1 => "亿 (10^8) and billion (10^9) confused, or a decimal point shifted",
        2 => "亿 (10^8) and million (10^6) confused, or a decimal point shifted",
        3 => "a million taken for a billion (or a thousand for a million)",
        4 => "万 (10^4) dropped, or 万 and 亿 (10^8) confused",
        5 => "万 (10^4) and billion (10^9) confused, or 亿 (10^8) and thousand (10^3)",
        6 => "a million dropped, or a million taken for a trillion",
        8 => "亿 (10^8) dropped",
        9 => "a billion dropped",
        12 => "a trillion dropped",
        _ => "a scale word dropped or misread",
    }
}

/// One finding per pair of facts of a figure that disagree; the first of
/// the pair is the more trusted (the one metrics use).
pub(super) fn conflicts(figures: &Figures<'_>, out: &mut Vec<Finding>) {
    // Each figure once, in the order first stated.
    for facts in figures.stated_figures() {
        let used = facts.first().map(|f| f.source.as_str()).unwrap_or_default();
        for (a, b) in pairs(facts) {
            if let Some(finding) = conflict(a, b, Some(used)) {
                out.push(finding);
            }
        }
    }
    same_dates(figures, out);
}

/// The same comparison between figures of one entity and metric written
/// with different period labels for the same dates (`FY2026-Q1` of a
/// December year, `CY2026-Q1`, `2026-01..2026-03`): one finding per pair.
/// The groups of labels come in the order their first figure was first
/// stated.
fn same_dates(figures: &Figures<'_>, out: &mut Vec<Finding>) {
    for mut labels in same_dates_groups(figures) {
        // By label, so that the order of the data decides nothing.
        labels.sort_by_cached_key(|f| f.figure.period.to_string());
        for (a, b) in pairs(&labels) {
            for x in figures.stated(&a.figure) {
                for y in figures.stated(&b.figure) {
                    if let Some(finding) = conflict(x, y, None) {
                        out.push(finding);
                    }
                }
            }
        }
    }
}

/// The stated figures of one entity and metric whose periods cover the
/// same dates, two or more to a group (a fact of each), the groups in the
/// order their first figure was first stated. The dates are compared
/// within each entity's metric: what is kept for every figure is its
/// number and dates, not a map keyed by every figure's dates.
fn same_dates_groups<'a>(figures: &Figures<'a>) -> Vec<Vec<&'a Fact>> {
    type Dates = (chrono::NaiveDate, chrono::NaiveDate);
    let data = figures.data();
    // Each entity's year end looked up once, not once for each fact.
    let year_ends: HashMap<&str, _> = data
        .entities
        .iter()
        .map(|e| (e.id.as_str(), data.fiscal_year_end(&e.id)))
        .collect();
    let mut by_metric: HashMap<(&str, &str), Vec<(Dates, usize)>> = HashMap::new();
    for (number, facts) in figures.stated_figures().enumerate() {
        let Some(figure) = facts.first().map(|f| &f.figure) else {
            continue;
        };
        let Some(&fye) = year_ends.get(figure.entity.as_str()) else {
            continue;
        };
        let Ok(span) = figure.period.dates(fye) else {
            continue;
        };
        by_metric
            .entry((figure.entity.as_str(), figure.metric.as_str()))
            .or_default()
            .push(((span.start, span.end), number));
    }
    // The numbers of the figures of each group, in order.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for mut dated in by_metric.into_values() {
        dated.sort_unstable();
        for run in dated
            .chunk_by(|a, b| a.0 == b.0)
            .filter(|run| run.len() > 1)
        {
            groups.push(run.iter().map(|&(_, number)| number).collect());
        }
    }
    groups.sort_unstable();
    let wanted: HashSet<usize> = groups.iter().flatten().copied().collect();
    let first: HashMap<usize, &'a Fact> = figures
        .stated_figures()
        .enumerate()
        .filter(|(number, _)| wanted.contains(number))
        .filter_map(|(number, facts)| Some((number, *facts.first()?)))
        .collect();
    groups
        .iter()
        .map(|numbers| {
            numbers
                .iter()
                .filter_map(|n| first.get(n).copied())
                .collect()
        })
        .collect()
}

fn conflict(a: &Fact, b: &Fact, used: Option<&str>) -> Option<Finding> {
    let figure = if a.figure == b.figure {
        a.figure.to_string()
    } else {
        format!("{} and {} (the same dates)", a.figure, b.figure)
    };
    let (a_text, b_text) = (described(a), described(b));
    let finding = |severity, kind, message: String| {
        Finding::new(severity, kind, message)
            .with(Involved::fact(a))
            .with(Involved::fact(b))
            .about(&a.figure)
            .about(&b.figure)
    };
    if a.stated.unit != b.stated.unit {
        return Some(finding(
            if a.source == b.source && a.figure == b.figure {
                Severity::Error
            } else {
                Severity::Warning
            },
            Kind::Conflict,
            format!(
                "{figure}: {a_text} against {b_text}: stated in different units, so they cannot be compared as they stand."
            ),
        ));
    }
    if !a.value.is_disjoint(&b.value) {
        return None;
    }
    // A ratio beyond the range of decimals is no power of ten tried here.
    let ratio = a.value.checked_div(&b.value).ok();
    let used = match used {
        // Which of its own two values a source means is not for load order
        // to decide: the data cannot be right as it stands.
        _ if a.source == b.source && a.figure == b.figure => format!(
            "One source states two values for one figure: {} must say which it means.",
            a.source
        ),
        Some(used) => format!("Metrics use {used}'s figure."),
        None => "The periods are labelled differently but cover the same dates.".to_string(),
    };
    let severity = |otherwise| {
        if a.source == b.source && a.figure == b.figure {
            Severity::Error
        } else {
            otherwise
        }
    };
    if let Some((k, ratio)) = ratio.and_then(|r| power_of_ten(&r).map(|k| (k, r))) {
        let times = pow10(k).map_or_else(String::new, |p| p.normalize().to_string());
        return Some(finding(
            Severity::Error,
            Kind::ScaleError,
            format!(
                "{figure}: {a_text} is {times} times {b_text}, within rounding (ratio {}). Likely scale error: {}. {used}",
                ratio_text(&ratio),
                likely_cause(k)
            ),
        ));
    }
    let ratio = ratio
        .filter(|r| r.low().value().is_some() && r.high().value().is_some())
        .map(|r| format!(" (ratio {})", ratio_text(&r)))
        .unwrap_or_default();
    if a.status.is_forward_looking() != b.status.is_forward_looking() {
        return Some(finding(
            severity(Severity::Note),
            Kind::Conflict,
            format!(
                "{figure}: {a_text}, {} against {b_text}, {}: a forward-looking figure and a reported one differ{ratio}. {used}",
                a.status, b.status
            ),
        ));
    }
    Some(finding(
        severity(Severity::Warning),
        Kind::Conflict,
        format!("{figure}: {a_text} against {b_text}: the intervals do not overlap{ratio}. {used}"),
    ))
}

fn described(fact: &Fact) -> String {
    format!(
        "{} ({} {})",
        super::describe_stated(&fact.stated),
        fact.source,
        fact.at
    )
}

/// `9.9989 to 10.0012`, or one number when both ends print the same.
fn ratio_text(ratio: &Bounded) -> String {
    crate::text::ratio(ratio)
}
