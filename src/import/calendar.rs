//! A filer's fiscal calendar, read from the dates of its annual figures,
//! and the period a filed start and end make on it (data/FORMAT.md,
//! Importing SEC company facts). The calendar rules themselves are
//! [`crate::period`]'s; this only picks one and matches dates against it.

use chrono::{Datelike, NaiveDate};

use crate::period::{FiscalYearEnd, Period, WeekRule};

/// Days a duration may last to count as a year: 52 weeks less a few days
/// to 53 weeks and a few days.
const YEAR_DAYS: std::ops::RangeInclusive<i64> = 357..=378;
/// Days a duration may last to count as a quarter: 11 to 17 weeks (a
/// restaurant's 16-week quarter included).
const QUARTER_DAYS: std::ops::RangeInclusive<i64> = 77..=119;
/// Days a period's start or end may lie from the calendar's and still be
/// taken as that year's or quarter's: four weeks (a 16-week first quarter
/// ends three weeks after the calendar's 13th week).
const SLACK_DAYS: i64 = 28;

/// Whether a duration from `start` to `end` is a year long (52 or 53
/// weeks, or twelve months).
pub(super) fn is_year_long(start: NaiveDate, end: NaiveDate) -> bool {
    YEAR_DAYS.contains(&days(start, end))
}

/// Days from `start` to `end`, both included.
pub(super) fn days(start: NaiveDate, end: NaiveDate) -> i64 {
    end.signed_duration_since(start)
        .num_days()
        .saturating_add(1)
}

/// The fiscal year end that every one of `ends` (the last days of annual
/// periods) keeps: a fixed day where they all share one, else a
/// 52/53-week rule (last weekday of a month, or weekday nearest a month's
/// end) that gives every one of them; `None` when no rule fits them all.
pub(super) fn infer_year_end(ends: &[NaiveDate]) -> Option<FiscalYearEnd> {
    let first = ends.first()?;
    let fixed = FiscalYearEnd::new(first.month(), first.day());
    let same_day = ends
        .iter()
        .all(|e| (e.month(), e.day()) == (first.month(), first.day()));
    let distinct_years = ends.iter().any(|e| e.year() != first.year());
    let month_end = first.succ_opt().is_some_and(|n| n.day() == 1);
    if same_day && (distinct_years || month_end) {
        return fixed;
    }
    let weekday = u8::try_from(first.weekday().num_days_from_monday()).ok()?;
    if ends
        .iter()
        .any(|e| e.weekday().num_days_from_monday() != u32::from(weekday))
    {
        return fixed.filter(|_| same_day);
    }
    let mut candidates = Vec::new();
    for e in ends {
        // The month of the end and the one before it (an end nearest
        // 31 January can fall on 3 February).
        let before = e.checked_sub_months(chrono::Months::new(1))?;
        for month in [e.month(), before.month()] {
            let last = last_day(e.year(), month)?;
            candidates.push(FiscalYearEnd::weekly(month, last, WeekRule::Last(weekday)));
            candidates.push(FiscalYearEnd::weekly(
                month,
                last,
                WeekRule::Nearest(weekday),
            ));
        }
    }
    candidates
        .into_iter()
        .flatten()
        .find(|fye| {
            ends.iter()
                .all(|e| fiscal_year_of(*fye, *e).is_some_and(|(_, end)| end == *e))
        })
        .or(fixed.filter(|_| same_day))
}

/// The last day of `month` in `year`.
fn last_day(year: i32, month: u32) -> Option<u32> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = first.checked_add_months(chrono::Months::new(1))?;
    next.pred_opt().map(|d| d.day())
}

/// The fiscal year (its name and last day) that `date` falls in.
pub(super) fn fiscal_year_of(fye: FiscalYearEnd, date: NaiveDate) -> Option<(i32, NaiveDate)> {
    let year = date.year();
    [year.checked_sub(1)?, year, year.checked_add(1)?]
        .into_iter()
        .find_map(|y| {
            let span = Period::FiscalYear(y).dates(fye).ok()?;
            (span.start <= date && date <= span.end).then_some((y, span.end))
        })
}

/// What a filed duration is on the calendar: a fiscal year, a quarter, or
/// the year to date at the end of a quarter (`FY2024-Q1..FY2024-Q3`);
/// `None` for any other span (a transition period, a month).
pub(super) fn period_of(fye: FiscalYearEnd, start: NaiveDate, end: NaiveDate) -> Option<Period> {
    let length = days(start, end);
    // The year the period ends in, by the calendar; a period whose end
    // lies a few days past a year's end (a quarter laid differently) is
    // still matched by its nearest quarter end below.
    let (year, _) = fiscal_year_of(fye, end)?;
    let near =
        |a: NaiveDate, b: NaiveDate| a.signed_duration_since(b).num_days().abs() <= SLACK_DAYS;
    let fy = Period::FiscalYear(year).dates(fye).ok()?;
    if YEAR_DAYS.contains(&length) {
        return (end == fy.end && near(start, fy.start)).then_some(Period::FiscalYear(year));
    }
    // The quarter whose calendar end is nearest the filed end.
    let quarter = (1u8..=4).min_by_key(|&q| {
        Period::FiscalQuarter { year, quarter: q }
            .dates(fye)
            .map_or(i64::MAX, |d| {
                d.end.signed_duration_since(end).num_days().abs()
            })
    })?;
    let calendar_end = Period::FiscalQuarter { year, quarter }.dates(fye).ok()?.end;
    if !near(end, calendar_end) {
        return None;
    }
    if QUARTER_DAYS.contains(&length) {
        return Some(Period::FiscalQuarter { year, quarter });
    }
    // A year to date starts with the year and ends with a quarter.
    if quarter >= 2 && start.signed_duration_since(fy.start).num_days().abs() <= 7 {
        return Period::span(
            Period::FiscalQuarter { year, quarter: 1 },
            Period::FiscalQuarter { year, quarter },
        )
        .ok();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn year_ends_inferred_from_annual_periods() {
        let apple = [d("2023-09-30"), d("2024-09-28"), d("2025-09-27")];
        assert_eq!(infer_year_end(&apple).unwrap().to_string(), "last sat sep");
        let retail = [d("2023-01-28"), d("2024-02-03"), d("2025-02-01")];
        assert_eq!(
            infer_year_end(&retail).unwrap().to_string(),
            "sat nearest jan 31"
        );
        let june = [d("2023-06-30"), d("2024-06-30")];
        assert_eq!(infer_year_end(&june).unwrap().to_string(), "06-30");
        assert_eq!(
            infer_year_end(&[d("2024-12-31")]).unwrap().to_string(),
            "12-31"
        );
        assert_eq!(infer_year_end(&[d("2024-06-30"), d("2024-12-31")]), None);
        assert_eq!(infer_year_end(&[]), None);
    }

    #[test]
    fn durations_become_periods_on_the_calendar() {
        let apple: FiscalYearEnd = "last sat sep".parse().unwrap();
        let p = |a, b| period_of(apple, d(a), d(b)).map(|p| p.to_string());
        assert_eq!(p("2023-10-01", "2024-09-28").as_deref(), Some("FY2024"));
        assert_eq!(p("2022-09-25", "2023-09-30").as_deref(), Some("FY2023"));
        // Apple's 14-week first quarter of FY2023.
        assert_eq!(p("2022-09-25", "2022-12-31").as_deref(), Some("FY2023-Q1"));
        assert_eq!(p("2024-03-31", "2024-06-29").as_deref(), Some("FY2024-Q3"));
        assert_eq!(
            p("2023-10-01", "2024-03-30").as_deref(),
            Some("FY2024-Q1..FY2024-Q2")
        );
        assert_eq!(
            p("2023-10-01", "2024-06-29").as_deref(),
            Some("FY2024-Q1..FY2024-Q3")
        );
        // A month, and a year that is not the fiscal one.
        assert_eq!(p("2024-01-01", "2024-01-31"), None);
        assert_eq!(p("2024-01-01", "2024-12-31"), None);
        // A restaurant: a 16-week first quarter, then three of 12 weeks.
        let dec: FiscalYearEnd = "last tue dec".parse().unwrap();
        let r = |a, b| period_of(dec, d(a), d(b)).map(|p| p.to_string());
        assert_eq!(r("2023-12-27", "2024-04-16").as_deref(), Some("FY2024-Q1"));
        assert_eq!(r("2024-04-17", "2024-07-09").as_deref(), Some("FY2024-Q2"));
        assert_eq!(r("2024-07-10", "2024-10-01").as_deref(), Some("FY2024-Q3"));
        assert_eq!(r("2024-10-02", "2024-12-31").as_deref(), Some("FY2024-Q4"));
        assert_eq!(
            r("2023-12-27", "2024-10-01").as_deref(),
            Some("FY2024-Q1..FY2024-Q3")
        );
    }
}
