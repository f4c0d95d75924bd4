//! 52/53-week fiscal years (data/FORMAT.md, Periods): a year that ends on
//! a weekday (the last Saturday of September, the Saturday nearest
//! 31 January) rather than on a date. Such a year has 52 weeks, or 53
//! when the weekday falls late; its first three quarters are 13 weeks
//! each and the fourth takes the rest, 13 or 14 weeks.

use chrono::{Datelike, Days, NaiveDate};

use super::fiscal::days_in_month;
use super::{DateSpan, FiscalYearEnd, PeriodError, WeekRule};

/// Weekday names as the format writes them, Monday first.
const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
/// Month names as the format writes them, January first.
const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
/// Days in the first three quarters of a 52/53-week year: 13 weeks.
const QUARTER_DAYS: u64 = 91;

/// The name of weekday `w` (0 = Monday), `?` outside 0 to 6.
pub(super) fn weekday_name(w: u8) -> &'static str {
    WEEKDAYS.get(usize::from(w)).copied().unwrap_or("?")
}

/// The name of `month` (1 = January), `?` outside 1 to 12.
pub(super) fn month_name(month: u32) -> &'static str {
    usize::try_from(month)
        .ok()
        .and_then(|m| m.checked_sub(1))
        .and_then(|m| MONTHS.get(m))
        .copied()
        .unwrap_or("?")
}

/// Position of `word` in `names` (lowercase, as the format writes them).
fn index_of(names: &[&str], word: &str) -> Option<usize> {
    names.iter().position(|n| *n == word)
}

/// Parses `last WEEKDAY MONTH` or `WEEKDAY nearest MONTH DAY`.
pub(super) fn parse(s: &str) -> Result<FiscalYearEnd, PeriodError> {
    let bad = || PeriodError::BadWeekYearEnd {
        text: s.to_string(),
    };
    let weekday = |w: &str| {
        index_of(&WEEKDAYS, w)
            .and_then(|i| u8::try_from(i).ok())
            .ok_or_else(bad)
    };
    let month = |m: &str| {
        index_of(&MONTHS, m)
            .and_then(|i| u32::try_from(i).ok())
            .and_then(|i| i.checked_add(1))
            .ok_or_else(bad)
    };
    let words: Vec<&str> = s.split(' ').collect();
    let fye = match words.as_slice() {
        ["last", w, m] => FiscalYearEnd::weekly(month(m)?, 1, WeekRule::Last(weekday(w)?)),
        [w, "nearest", m, d] => {
            let day = d
                .parse::<u32>()
                .ok()
                .filter(|_| d.bytes().all(|b| b.is_ascii_digit()))
                .ok_or_else(bad)?;
            FiscalYearEnd::weekly(month(m)?, day, WeekRule::Nearest(weekday(w)?))
        }
        _ => None,
    };
    fye.ok_or_else(bad)
}

/// The last day of the 52/53-week fiscal year named `year`: the weekday the
/// rule picks for the year end's month and day in calendar `year` (for the
/// nearest rule this can fall in the next calendar year: `sat nearest
/// dec 31` of 2022 is 2022-12-31, of 2023 2023-12-30, of 2021 2022-01-01).
pub(super) fn year_end(fye: FiscalYearEnd, rule: WeekRule, year: i32) -> Option<NaiveDate> {
    let anchor = NaiveDate::from_ymd_opt(year, fye.month(), fye.day())?;
    let weekday_of = |d: NaiveDate| d.weekday().num_days_from_monday();
    match rule {
        WeekRule::Last(w) => {
            let last = days_in_month(year, fye.month())?;
            let end = NaiveDate::from_ymd_opt(year, fye.month(), last)?;
            let back = weekday_of(end)
                .wrapping_add(7)
                .wrapping_sub(u32::from(w))
                .rem_euclid(7);
            end.checked_sub_days(Days::new(u64::from(back)))
        }
        WeekRule::Nearest(w) => {
            // Days forward to the weekday, 0 to 6; past 3 the one behind is nearer.
            let ahead = u32::from(w)
                .wrapping_add(7)
                .wrapping_sub(weekday_of(anchor))
                .rem_euclid(7);
            if ahead <= 3 {
                anchor.checked_add_days(Days::new(u64::from(ahead)))
            } else {
                anchor.checked_sub_days(Days::new(u64::from(7u32.wrapping_sub(ahead))))
            }
        }
    }
}

/// The dates of quarters `from` (inclusive, 0-based) to `to` (exclusive,
/// at most 4) of the 52/53-week fiscal year `year`: 13 weeks each for the
/// first three, the rest of the year for the fourth.
pub(super) fn range(
    fye: FiscalYearEnd,
    rule: WeekRule,
    year: i32,
    from: u64,
    to: u64,
) -> Option<DateSpan> {
    let prior_end = year_end(fye, rule, year.checked_sub(1)?)?;
    let first = prior_end.succ_opt()?;
    let last = year_end(fye, rule, year)?;
    let start = first.checked_add_days(Days::new(from.checked_mul(QUARTER_DAYS)?))?;
    let end = if to >= 4 {
        last
    } else {
        first
            .checked_add_days(Days::new(to.checked_mul(QUARTER_DAYS)?))?
            .pred_opt()?
    };
    (start <= end).then_some(DateSpan { start, end })
}
