//! Resolving periods to dates through a fiscal year end, and the month
//! arithmetic (positions on a month axis) built on those dates.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::{DateSpan, FiscalYearEnd, Period, PeriodError};

/// Decimal places kept for repeating fractions of a month (e.g. 1/3).
const POSITION_DP: u32 = 20;

impl Period {
    /// The dates the period covers, resolved through the fiscal year end.
    pub fn dates(&self, fye: FiscalYearEnd) -> Result<DateSpan, PeriodError> {
        self.validate()?;
        let out = || self.out_of_range();
        match self {
            Period::FiscalYear(y) => fiscal_range(fye, *y, 0, 12).ok_or_else(out),
            Period::FiscalQuarter { year, quarter } => {
                let from = i64::from(*quarter)
                    .checked_sub(1)
                    .and_then(|q| q.checked_mul(3))
                    .ok_or_else(out)?;
                let to = from.checked_add(3).ok_or_else(out)?;
                fiscal_range(fye, *year, from, to).ok_or_else(out)
            }
            Period::CalendarYear(y) => month_range(month_index(*y, 1), 12).ok_or_else(out),
            Period::CalendarQuarter { year, quarter } => {
                let first_month = u32::from(*quarter)
                    .checked_sub(1)
                    .and_then(|q| q.checked_mul(3))
                    .and_then(|m| m.checked_add(1))
                    .ok_or_else(out)?;
                month_range(month_index(*year, first_month), 3).ok_or_else(out)
            }
            Period::Month { year, month } => {
                month_range(month_index(*year, u32::from(*month)), 1).ok_or_else(out)
            }
            Period::Instant(d) => Ok(DateSpan { start: *d, end: *d }),
            Period::Span(ends) => Ok(DateSpan {
                start: ends.first.dates(fye)?.start,
                end: ends.last.dates(fye)?.end,
            }),
        }
    }

    /// Position in months (see [`month_position`]) where a value for this period
    /// sits as an ARR milestone: the end of its last day.
    pub fn milestone_position(&self, fye: FiscalYearEnd) -> Result<Decimal, PeriodError> {
        let span = self.dates(fye)?;
        end_of_day_position(span.end).ok_or_else(|| self.out_of_range())
    }

    /// Midpoint of the period in months (average of the positions of its start and
    /// of the end of its last day); an instant's midpoint is the end of its day.
    pub fn midpoint_position(&self, fye: FiscalYearEnd) -> Result<Decimal, PeriodError> {
        let end = self.milestone_position(fye)?;
        if self.is_instant() {
            return Ok(end);
        }
        let start = month_position(self.dates(fye)?.start);
        start
            .checked_add(end)
            .and_then(|sum| sum.checked_div(Decimal::TWO))
            .map(|d| d.normalize())
            .ok_or_else(|| self.out_of_range())
    }
}

/// Position of the start of `date` in months since 0000-01-01:
/// `year*12 + (month-1) + (day-1)/days_in_month`, exact except that a repeating
/// fraction is rounded to 20 decimal places. The end of 2026-06-30 (the start of
/// 2026-07-01) minus the end of 2025-12-31 is exactly 6.
pub fn month_position(date: NaiveDate) -> Decimal {
    // chrono's years (about ±262,000) times 12 fit easily in i64 and in Decimal.
    let whole = month_index(date.year(), date.month());
    let dim = days_in_month(date.year(), date.month()).unwrap_or(31);
    let fraction = Decimal::from(date.day0())
        .checked_div(Decimal::from(dim))
        .unwrap_or_default()
        .round_dp(POSITION_DP);
    // Normalized so that equal positions also print alike (24313.5, not 24313.50).
    Decimal::from(whole)
        .checked_add(fraction)
        .unwrap_or_else(|| Decimal::from(whole))
        .normalize()
}

/// Position of the end of `date`, i.e. the start of the next day.
fn end_of_day_position(date: NaiveDate) -> Option<Decimal> {
    date.succ_opt().map(month_position)
}

/// Days in `month` of `year`, `None` for a month outside 1 to 12.
pub(super) fn days_in_month(year: i32, month: u32) -> Option<u32> {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 => Some(if leap { 29 } else { 28 }),
        _ => None,
    }
}

/// Months since 0000-01 of (`year`, `month`), month 1-based; inputs are validated.
fn month_index(year: i32, month: u32) -> i64 {
    // An i32 year times 12 plus a month cannot leave i64; saturate rather than trust it.
    i64::from(year)
        .saturating_mul(12)
        .saturating_add(i64::from(month))
        .saturating_sub(1)
}

/// The date at `day` (clamped to the month's length) of the month with `index`.
fn date_at(index: i64, day: u32) -> Option<NaiveDate> {
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = u32::try_from(index.rem_euclid(12)).ok()?.checked_add(1)?;
    let day = day.min(days_in_month(year, month)?);
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The dates of `count` whole calendar months starting with month `index`.
fn month_range(index: i64, count: i64) -> Option<DateSpan> {
    Some(DateSpan {
        start: date_at(index, 1)?,
        end: date_at(index.checked_add(count)?.checked_sub(1)?, 31)?,
    })
}

/// The dates of fiscal year `year` from month offset `from` (inclusive) to
/// month offset `to` (exclusive), offsets counted from the fiscal year's start.
fn fiscal_range(fye: FiscalYearEnd, year: i32, from: i64, to: i64) -> Option<DateSpan> {
    if let Some(rule) = fye.week_rule() {
        // A 52/53-week year counts in weeks; the offsets here are whole quarters.
        let quarter = |months: i64| u64::try_from(months.checked_div(3)?).ok();
        return super::weeks::range(fye, rule, year, quarter(from)?, quarter(to)?);
    }
    let end_index = month_index(year, fye.month);
    if fye.is_month_end() {
        // Month-aligned: the year is the twelve whole months ending with the
        // year-end month, so a February year end follows leap years.
        let start_index = end_index.checked_sub(11)?;
        month_range(start_index.checked_add(from)?, to.checked_sub(from)?)
    } else {
        // Mid-month: the year starts the day after last year's end and its
        // quarters start every three months on that day of month.
        let base = end_index.checked_sub(12)?;
        let day = fye.day.checked_add(1)?;
        let start = date_at(base.checked_add(from)?, day)?;
        let next = date_at(base.checked_add(to)?, day)?;
        Some(DateSpan {
            start,
            end: next.pred_opt()?,
        })
    }
}
