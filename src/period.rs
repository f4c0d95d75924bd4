//! Periods as analysts write them (`FY2026`, `FY2026-Q4`, `CY2026-Q1`, `2026-05`,
//! `2026-12-31`, `FY2027..FY2028`), resolved to dates through an entity's fiscal
//! year end, plus the month arithmetic (lengths, run-rate factors, positions on a
//! month axis) that year-over-year and ARR computations need (data/FORMAT.md, Periods).
//!
//! Everything is exact: no floating point, and no panics on any input.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// Smallest year a period may name.
const MIN_YEAR: i32 = 1;
/// Largest year a period may name.
const MAX_YEAR: i32 = 9999;

/// Decimal places kept for repeating fractions of a month (e.g. 1/3).
const POSITION_DP: u32 = 20;

/// Examples shown when a string is not recognised at all.
const EXPECTED: &str =
    "expected e.g. FY2026, FY2026-Q4, CY2026, 2026-Q1, 2026-05, 2026-12-31 or FY2027..FY2028";

/// Why a period or fiscal year end could not be parsed or resolved.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    /// The empty string was given where a period was expected.
    #[error("an empty string is not a period ({EXPECTED})")]
    Empty,
    /// The text matches none of the written forms of a period.
    #[error("\"{text}\" is not a period ({EXPECTED})")]
    NotAPeriod {
        /// The text that was found.
        text: String,
    },
    /// The quarter is not Q1 to Q4.
    #[error("\"{text}\" is not a period: a quarter is Q1 to Q4")]
    BadQuarter {
        /// The text that was found.
        text: String,
    },
    /// The month is not 01 to 12.
    #[error("\"{text}\" is not a period: a month is 01 to 12")]
    BadMonth {
        /// The text that was found.
        text: String,
    },
    /// The text has the shape of a date but names no calendar day.
    #[error("\"{text}\" is not a date")]
    NotADate {
        /// The text that was found.
        text: String,
    },
    /// The year is outside 1 to 9999.
    #[error("\"{text}\" is not a period: years run from 1 to 9999")]
    YearOutOfRange {
        /// The text that was found.
        text: String,
    },
    /// A span whose last period comes before its first.
    #[error("span \"{text}\" runs backwards")]
    SpanBackwards {
        /// The span as written.
        text: String,
    },
    /// A span joining periods of different kinds.
    #[error("span \"{text}\" mixes kinds of period")]
    SpanMixesKinds {
        /// The span as written.
        text: String,
    },
    /// A span joining instants or spans instead of periods.
    #[error(
        "span \"{text}\" is not a period: a span joins two periods of one kind (e.g. FY2027..FY2028), not instants or spans"
    )]
    SpanOfNonPeriods {
        /// The span as written.
        text: String,
    },
    /// The text is not a fiscal year end.
    #[error(
        "\"{text}\" is not a fiscal year end (expected MM-DD naming a day every year has, e.g. 03-31 or 12-31)"
    )]
    BadFiscalYearEnd {
        /// The text that was found.
        text: String,
    },
    /// A period value built in code (not parsed) that breaks the rules above.
    #[error("{period} is not a valid period: {reason}")]
    Invalid {
        /// The period, displayed.
        period: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The prior-year period would fall before year 1.
    #[error("{period} has no prior year: years run from 1 to 9999")]
    NoPriorYear {
        /// The period, displayed.
        period: String,
    },
    /// A date or position could not be computed (outside the supported calendar).
    #[error("{period} lies outside the supported calendar")]
    OutOfRange {
        /// The period, displayed.
        period: String,
    },
}

/// Month and day on which an entity's fiscal year ends ("03-31"); default 12-31.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FiscalYearEnd {
    month: u32,
    day: u32,
}

impl FiscalYearEnd {
    /// The calendar year end, 12-31.
    pub const DECEMBER: FiscalYearEnd = FiscalYearEnd { month: 12, day: 31 };

    /// A fiscal year end, if `month`-`day` is a day every year has (02-29 is rejected).
    pub fn new(month: u32, day: u32) -> Option<FiscalYearEnd> {
        // A non-leap year decides: the year end must exist in every year.
        let last = days_in_month(2023, month)?;
        (1..=last)
            .contains(&day)
            .then_some(FiscalYearEnd { month, day })
    }

    /// Month of the year end, 1 to 12.
    pub fn month(&self) -> u32 {
        self.month
    }

    /// Day of the year end within its month.
    pub fn day(&self) -> u32 {
        self.day
    }

    /// Whether the year end is the last day of its month (02-28 counts), which
    /// makes fiscal quarters whole calendar months.
    fn is_month_end(&self) -> bool {
        days_in_month(2023, self.month) == Some(self.day)
    }
}

impl Default for FiscalYearEnd {
    fn default() -> Self {
        FiscalYearEnd::DECEMBER
    }
}

impl FromStr for FiscalYearEnd {
    type Err = PeriodError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || PeriodError::BadFiscalYearEnd {
            text: s.to_string(),
        };
        let (m, d) = s.split_once('-').ok_or_else(bad)?;
        let month = two_digits(m).ok_or_else(bad)?;
        let day = two_digits(d).ok_or_else(bad)?;
        FiscalYearEnd::new(month, day).ok_or_else(bad)
    }
}

impl fmt::Display for FiscalYearEnd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}-{:02}", self.month, self.day)
    }
}

/// A period as analysts write it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    /// A fiscal year, named by the calendar year it ends in: `FY2026`.
    FiscalYear(i32),
    /// A quarter of a fiscal year: `FY2026-Q4` (also `Q4 FY2026`, `FY2026Q4`).
    FiscalQuarter {
        /// Fiscal year.
        year: i32,
        /// Quarter, 1 to 4.
        quarter: u8,
    },
    /// A calendar year: `CY2026`.
    CalendarYear(i32),
    /// A calendar quarter: `CY2026-Q1` (also `2026-Q1`).
    CalendarQuarter {
        /// Calendar year.
        year: i32,
        /// Quarter, 1 to 4.
        quarter: u8,
    },
    /// A calendar month: `2026-05`.
    Month {
        /// Calendar year.
        year: i32,
        /// Month, 1 to 12.
        month: u8,
    },
    /// The end of a day: `2026-12-31`.
    Instant(NaiveDate),
    /// Consecutive periods of one kind, `first <= last`, neither a span nor an
    /// instant: `FY2027..FY2028`, `2026-05..2026-06`.
    Span {
        /// First period of the span.
        first: Box<Period>,
        /// Last period of the span (inclusive).
        last: Box<Period>,
    },
}

/// Inclusive span of dates; for an instant, start == end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateSpan {
    /// First day.
    pub start: NaiveDate,
    /// Last day (inclusive).
    pub end: NaiveDate,
}

/// The kind of a period, used to check that a span joins like with like.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    FiscalYear,
    FiscalQuarter,
    CalendarYear,
    CalendarQuarter,
    Month,
    Instant,
    Span,
}

impl Period {
    /// A span from `first` to `last`, checked as parsing checks it.
    pub fn span(first: Period, last: Period) -> Result<Period, PeriodError> {
        let p = Period::Span {
            first: Box::new(first),
            last: Box::new(last),
        };
        p.validate()?;
        Ok(p)
    }

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
            Period::Span { first, last } => Ok(DateSpan {
                start: first.dates(fye)?.start,
                end: last.dates(fye)?.end,
            }),
        }
    }

    /// The same span a year earlier (`FY2026-Q4` → `FY2025-Q4`; a leap day
    /// `2024-02-29` → `2023-02-28`).
    pub fn prior_year(&self) -> Result<Period, PeriodError> {
        self.validate()?;
        let none = || PeriodError::NoPriorYear {
            period: self.to_string(),
        };
        let prev = |y: i32| {
            y.checked_sub(1)
                .filter(|p| (MIN_YEAR..=MAX_YEAR).contains(p))
                .ok_or_else(none)
        };
        Ok(match self {
            Period::FiscalYear(y) => Period::FiscalYear(prev(*y)?),
            Period::FiscalQuarter { year, quarter } => Period::FiscalQuarter {
                year: prev(*year)?,
                quarter: *quarter,
            },
            Period::CalendarYear(y) => Period::CalendarYear(prev(*y)?),
            Period::CalendarQuarter { year, quarter } => Period::CalendarQuarter {
                year: prev(*year)?,
                quarter: *quarter,
            },
            Period::Month { year, month } => Period::Month {
                year: prev(*year)?,
                month: *month,
            },
            Period::Instant(d) => {
                let y = prev(d.year())?;
                // A leap day has no counterpart: fall back to the last day of February.
                let date = d
                    .with_year(y)
                    .or_else(|| NaiveDate::from_ymd_opt(y, d.month(), 28))
                    .ok_or_else(none)?;
                Period::Instant(date)
            }
            Period::Span { first, last } => Period::Span {
                first: Box::new(first.prior_year()?),
                last: Box::new(last.prior_year()?),
            },
        })
    }

    /// Length in months: a year 12, a quarter 3, a month 1, a span the sum of its
    /// parts; `None` for an instant or an invalid period.
    pub fn months(&self) -> Option<u32> {
        self.validate().ok()?;
        match self {
            Period::FiscalYear(_) | Period::CalendarYear(_) => Some(12),
            Period::FiscalQuarter { .. } | Period::CalendarQuarter { .. } => Some(3),
            Period::Month { .. } => Some(1),
            Period::Instant(_) => None,
            Period::Span { first, last } => {
                let count = last
                    .ordinal()?
                    .checked_sub(first.ordinal()?)?
                    .checked_add(1)?;
                let total = count.checked_mul(i64::from(first.months()?))?;
                u32::try_from(total).ok()
            }
        }
    }

    /// Whether the period is an instant (the end of a day) rather than a duration.
    pub fn is_instant(&self) -> bool {
        matches!(self, Period::Instant(_))
    }

    /// How many such periods make a year, `12 / months` exactly (quarter 4,
    /// month 12, five months 2.4, two years 0.5); `None` for an instant.
    pub fn per_year(&self) -> Option<Decimal> {
        let months = self.months()?;
        Decimal::from(12u32)
            .checked_div(Decimal::from(months))
            .map(|d| d.normalize())
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

    fn kind(&self) -> Kind {
        match self {
            Period::FiscalYear(_) => Kind::FiscalYear,
            Period::FiscalQuarter { .. } => Kind::FiscalQuarter,
            Period::CalendarYear(_) => Kind::CalendarYear,
            Period::CalendarQuarter { .. } => Kind::CalendarQuarter,
            Period::Month { .. } => Kind::Month,
            Period::Instant(_) => Kind::Instant,
            Period::Span { .. } => Kind::Span,
        }
    }

    /// Index of the period among periods of its kind, so that consecutive periods
    /// differ by one (used to count the parts of a span).
    fn ordinal(&self) -> Option<i64> {
        match self {
            Period::FiscalYear(y) | Period::CalendarYear(y) => Some(i64::from(*y)),
            Period::FiscalQuarter { year, quarter } | Period::CalendarQuarter { year, quarter } => {
                i64::from(*year)
                    .checked_mul(4)?
                    .checked_add(i64::from(*quarter))
            }
            Period::Month { year, month } => i64::from(*year)
                .checked_mul(12)?
                .checked_add(i64::from(*month)),
            Period::Instant(_) | Period::Span { .. } => None,
        }
    }

    fn out_of_range(&self) -> PeriodError {
        PeriodError::OutOfRange {
            period: self.to_string(),
        }
    }

    /// Checks a period built in code against the rules parsing enforces, so that
    /// no method works on (or panics over) an impossible value.
    fn validate(&self) -> Result<(), PeriodError> {
        let invalid = |reason| PeriodError::Invalid {
            period: self.to_string(),
            reason,
        };
        let year_ok = |y: &i32| (MIN_YEAR..=MAX_YEAR).contains(y);
        match self {
            Period::FiscalYear(y) | Period::CalendarYear(y) if !year_ok(y) => {
                Err(invalid("years run from 1 to 9999"))
            }
            Period::FiscalQuarter { year, quarter } | Period::CalendarQuarter { year, quarter } => {
                if !year_ok(year) {
                    Err(invalid("years run from 1 to 9999"))
                } else if !(1..=4).contains(quarter) {
                    Err(invalid("a quarter is Q1 to Q4"))
                } else {
                    Ok(())
                }
            }
            Period::Month { year, month } => {
                if !year_ok(year) {
                    Err(invalid("years run from 1 to 9999"))
                } else if !(1..=12).contains(month) {
                    Err(invalid("a month is 01 to 12"))
                } else {
                    Ok(())
                }
            }
            Period::Instant(d) if !year_ok(&d.year()) => Err(invalid("years run from 1 to 9999")),
            Period::Span { first, last } => {
                let text = self.to_string();
                if matches!(first.kind(), Kind::Instant | Kind::Span)
                    || matches!(last.kind(), Kind::Instant | Kind::Span)
                {
                    return Err(PeriodError::SpanOfNonPeriods { text });
                }
                first.validate()?;
                last.validate()?;
                if first.kind() != last.kind() {
                    Err(PeriodError::SpanMixesKinds { text })
                } else if first > last {
                    Err(PeriodError::SpanBackwards { text })
                } else {
                    Ok(())
                }
            }
            _ => Ok(()),
        }
    }
}

impl FromStr for Period {
    type Err = PeriodError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.is_empty() {
            return Err(PeriodError::Empty);
        }
        match s.split_once("..") {
            None => parse_single(s),
            Some((a, b)) => {
                if a.is_empty() || b.is_empty() || b.contains("..") {
                    return Err(not_a_period(s));
                }
                let p = Period::Span {
                    first: Box::new(parse_single(a)?),
                    last: Box::new(parse_single(b)?),
                };
                p.validate()?;
                Ok(p)
            }
        }
    }
}

/// A year in four digits, as `{:04}` writes it (written directly: every
/// row of a listing names a period).
fn write_year(f: &mut fmt::Formatter<'_>, year: i32) -> fmt::Result {
    if (1000..=9999).contains(&year) {
        f.write_str(itoa::Buffer::new().format(year))
    } else {
        write!(f, "{year:04}")
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::FiscalYear(y) => {
                f.write_str("FY")?;
                write_year(f, *y)
            }
            Period::FiscalQuarter { year, quarter } if (1..=9).contains(quarter) => {
                f.write_str("FY")?;
                write_year(f, *year)?;
                f.write_str("-Q")?;
                f.write_str(itoa::Buffer::new().format(*quarter))
            }
            Period::FiscalQuarter { year, quarter } => write!(f, "FY{year:04}-Q{quarter}"),
            Period::CalendarYear(y) => write!(f, "CY{y:04}"),
            Period::CalendarQuarter { year, quarter } => write!(f, "CY{year:04}-Q{quarter}"),
            Period::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Period::Instant(d) => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Period::Span { first, last } => write!(f, "{first}..{last}"),
        }
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
fn days_in_month(year: i32, month: u32) -> Option<u32> {
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

fn not_a_period(s: &str) -> PeriodError {
    PeriodError::NotAPeriod {
        text: s.to_string(),
    }
}

/// Splits `s` into its leading ASCII digits and the rest.
fn leading_digits(s: &str) -> (&str, &str) {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    s.split_at_checked(n).unwrap_or(("", s))
}

/// Exactly two ASCII digits, as a number.
fn two_digits(s: &str) -> Option<u32> {
    if s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

/// A year written as ASCII digits, checked against 1 to 9999.
fn parse_year(digits: &str, text: &str) -> Result<i32, PeriodError> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(not_a_period(text));
    }
    // All digits, so parsing fails only when the number is too large.
    let range = || PeriodError::YearOutOfRange {
        text: text.to_string(),
    };
    let y: i32 = digits.parse().map_err(|_| range())?;
    if (MIN_YEAR..=MAX_YEAR).contains(&y) {
        Ok(y)
    } else {
        Err(range())
    }
}

/// A quarter written as digits after `Q`, checked against 1 to 4.
fn parse_quarter(digits: &str, text: &str) -> Result<u8, PeriodError> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(not_a_period(text));
    }
    match digits {
        "1" => Ok(1),
        "2" => Ok(2),
        "3" => Ok(3),
        "4" => Ok(4),
        _ => Err(PeriodError::BadQuarter {
            text: text.to_string(),
        }),
    }
}

/// Builds a fiscal (`FY`) or calendar (`CY`) year or quarter.
fn labelled(fiscal: bool, year: i32, quarter: Option<u8>) -> Period {
    match (fiscal, quarter) {
        (true, None) => Period::FiscalYear(year),
        (true, Some(quarter)) => Period::FiscalQuarter { year, quarter },
        (false, None) => Period::CalendarYear(year),
        (false, Some(quarter)) => Period::CalendarQuarter { year, quarter },
    }
}

/// Parses one period that is not a span.
fn parse_single(s: &str) -> Result<Period, PeriodError> {
    // "Q4 FY2026" / "Q1 CY2026".
    if let Some(rest) = s.strip_prefix('Q') {
        let (q, label) = rest.split_once(' ').ok_or_else(|| not_a_period(s))?;
        let (fiscal, digits) = if let Some(d) = label.strip_prefix("FY") {
            (true, d)
        } else if let Some(d) = label.strip_prefix("CY") {
            (false, d)
        } else {
            return Err(not_a_period(s));
        };
        let year = parse_year(digits, s)?;
        let quarter = parse_quarter(q, s)?;
        return Ok(labelled(fiscal, year, Some(quarter)));
    }
    // "FY2026", "FY2026-Q4", "FY2026Q4" and the same with CY.
    let labelled_rest = if let Some(r) = s.strip_prefix("FY") {
        Some((true, r))
    } else {
        s.strip_prefix("CY").map(|r| (false, r))
    };
    if let Some((fiscal, rest)) = labelled_rest {
        let (digits, tail) = leading_digits(rest);
        let quarter = if tail.is_empty() {
            None
        } else if let Some(q) = tail.strip_prefix("-Q").or_else(|| tail.strip_prefix('Q')) {
            if q.is_empty() {
                return Err(not_a_period(s));
            }
            Some(q)
        } else {
            return Err(not_a_period(s));
        };
        let year = parse_year(digits, s)?;
        let quarter = quarter.map(|q| parse_quarter(q, s)).transpose()?;
        return Ok(labelled(fiscal, year, quarter));
    }
    // Bare forms with a four-digit year: "2026-Q1", "2026-05", "2026-12-31".
    let (digits, tail) = leading_digits(s);
    let tail = tail.strip_prefix('-').ok_or_else(|| not_a_period(s))?;
    if digits.len() < 4 {
        return Err(not_a_period(s));
    }
    if let Some(q) = tail.strip_prefix('Q') {
        let year = parse_year(digits, s)?;
        let quarter = parse_quarter(q, s)?;
        return Ok(Period::CalendarQuarter { year, quarter });
    }
    match tail.split_once('-') {
        None => {
            let month = two_digits(tail).ok_or_else(|| not_a_period(s))?;
            let year = parse_year(digits, s)?;
            let month = u8::try_from(month)
                .ok()
                .filter(|m| (1..=12).contains(m))
                .ok_or_else(|| PeriodError::BadMonth {
                    text: s.to_string(),
                })?;
            Ok(Period::Month { year, month })
        }
        Some((m, d)) => {
            let (month, day) = two_digits(m)
                .zip(two_digits(d))
                .ok_or_else(|| not_a_period(s))?;
            let year = parse_year(digits, s)?;
            NaiveDate::from_ymd_opt(year, month, day)
                .map(Period::Instant)
                .ok_or_else(|| PeriodError::NotADate {
                    text: s.to_string(),
                })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fiscal_periods_print_their_year_in_four_digits() {
        for year in [1, 9, 99, 999, 1000, 2026, 9999, 10000, -5] {
            assert_eq!(Period::FiscalYear(year).to_string(), format!("FY{year:04}"));
            for quarter in [1, 4, 10] {
                assert_eq!(
                    Period::FiscalQuarter { year, quarter }.to_string(),
                    format!("FY{year:04}-Q{quarter}")
                );
            }
        }
    }
    use proptest::prelude::*;

    fn p(s: &str) -> Period {
        s.parse()
            .unwrap_or_else(|e| panic!("{s:?} should parse: {e}"))
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn fye(s: &str) -> FiscalYearEnd {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn span(a: Period, b: Period) -> Period {
        Period::Span {
            first: Box::new(a),
            last: Box::new(b),
        }
    }

    #[test]
    fn written_forms_parse_and_display() {
        use Period::*;
        let cases: Vec<(&str, Period, &str)> = vec![
            ("FY2026", FiscalYear(2026), "FY2026"),
            ("FY0999", FiscalYear(999), "FY0999"),
            ("FY1", FiscalYear(1), "FY0001"),
            ("FY9999", FiscalYear(9999), "FY9999"),
            (
                "FY2026-Q4",
                FiscalQuarter {
                    year: 2026,
                    quarter: 4,
                },
                "FY2026-Q4",
            ),
            (
                "Q4 FY2026",
                FiscalQuarter {
                    year: 2026,
                    quarter: 4,
                },
                "FY2026-Q4",
            ),
            (
                "FY2026Q4",
                FiscalQuarter {
                    year: 2026,
                    quarter: 4,
                },
                "FY2026-Q4",
            ),
            ("CY2026", CalendarYear(2026), "CY2026"),
            (
                "CY2026-Q1",
                CalendarQuarter {
                    year: 2026,
                    quarter: 1,
                },
                "CY2026-Q1",
            ),
            (
                "2026-Q1",
                CalendarQuarter {
                    year: 2026,
                    quarter: 1,
                },
                "CY2026-Q1",
            ),
            (
                "Q1 CY2026",
                CalendarQuarter {
                    year: 2026,
                    quarter: 1,
                },
                "CY2026-Q1",
            ),
            (
                "CY2026Q1",
                CalendarQuarter {
                    year: 2026,
                    quarter: 1,
                },
                "CY2026-Q1",
            ),
            (
                "2026-05",
                Month {
                    year: 2026,
                    month: 5,
                },
                "2026-05",
            ),
            ("2026-12-31", Instant(d("2026-12-31")), "2026-12-31"),
            ("2024-02-29", Instant(d("2024-02-29")), "2024-02-29"),
            (
                "FY2027..FY2028",
                span(FiscalYear(2027), FiscalYear(2028)),
                "FY2027..FY2028",
            ),
            (
                "FY2026..FY2026",
                span(FiscalYear(2026), FiscalYear(2026)),
                "FY2026..FY2026",
            ),
            (
                "2026-05..2026-06",
                span(
                    Month {
                        year: 2026,
                        month: 5,
                    },
                    Month {
                        year: 2026,
                        month: 6,
                    },
                ),
                "2026-05..2026-06",
            ),
            (
                "Q3 FY2026..FY2026Q4",
                span(
                    FiscalQuarter {
                        year: 2026,
                        quarter: 3,
                    },
                    FiscalQuarter {
                        year: 2026,
                        quarter: 4,
                    },
                ),
                "FY2026-Q3..FY2026-Q4",
            ),
            (
                "2026-Q1..CY2026-Q2",
                span(
                    CalendarQuarter {
                        year: 2026,
                        quarter: 1,
                    },
                    CalendarQuarter {
                        year: 2026,
                        quarter: 2,
                    },
                ),
                "CY2026-Q1..CY2026-Q2",
            ),
            (
                "CY2026..CY2027",
                span(CalendarYear(2026), CalendarYear(2027)),
                "CY2026..CY2027",
            ),
        ];
        for (text, want, shown) in cases {
            let got = p(text);
            assert_eq!(got, want, "{text}");
            assert_eq!(got.to_string(), shown, "{text}");
            assert_eq!(p(shown), want, "{shown} round-trips");
        }
    }

    #[test]
    fn fiscal_year_end_parse_display_and_validation() {
        assert_eq!(FiscalYearEnd::default(), FiscalYearEnd::DECEMBER);
        assert_eq!(FiscalYearEnd::DECEMBER.to_string(), "12-31");
        let march = fye("03-31");
        assert_eq!((march.month(), march.day()), (3, 31));
        assert_eq!(march.to_string(), "03-31");
        assert_eq!(FiscalYearEnd::new(2, 29), None);
        assert_eq!(FiscalYearEnd::new(2, 28).map(|f| f.day()), Some(28));
        assert_eq!(FiscalYearEnd::new(4, 31), None);
        assert_eq!(FiscalYearEnd::new(13, 1), None);
        assert_eq!(FiscalYearEnd::new(1, 0), None);
        for bad in [
            "02-29", "3-31", "03-31 ", "13-01", "", "0331", "+3-31", "03-3١",
        ] {
            let err = bad.parse::<FiscalYearEnd>();
            assert_eq!(
                err,
                Err(PeriodError::BadFiscalYearEnd {
                    text: bad.to_string()
                }),
                "{bad}"
            );
        }
        assert_eq!(
            "02-29".parse::<FiscalYearEnd>().map_err(|e| e.to_string()),
            Err("\"02-29\" is not a fiscal year end (expected MM-DD naming a day every year has, e.g. 03-31 or 12-31)".to_string())
        );
    }

    #[test]
    fn dates_by_fiscal_year_end() {
        let cases = [
            // Alibaba, March year end.
            ("03-31", "FY2026", "2025-04-01", "2026-03-31"),
            ("03-31", "FY2026-Q1", "2025-04-01", "2025-06-30"),
            ("03-31", "FY2026-Q4", "2026-01-01", "2026-03-31"),
            ("03-31", "FY2027-Q1", "2026-04-01", "2026-06-30"),
            ("03-31", "FY2027..FY2028", "2026-04-01", "2028-03-31"),
            ("03-31", "FY2026-Q3..FY2027-Q1", "2025-10-01", "2026-06-30"),
            ("03-31", "CY2026", "2026-01-01", "2026-12-31"),
            ("03-31", "CY2026-Q2", "2026-04-01", "2026-06-30"),
            ("03-31", "2026-02", "2026-02-01", "2026-02-28"),
            ("03-31", "2024-02", "2024-02-01", "2024-02-29"),
            ("03-31", "2026-05..2026-06", "2026-05-01", "2026-06-30"),
            ("03-31", "2026-12-31", "2026-12-31", "2026-12-31"),
            // December year end: fiscal is calendar.
            ("12-31", "FY2026", "2026-01-01", "2026-12-31"),
            ("12-31", "FY2026-Q1", "2026-01-01", "2026-03-31"),
            ("12-31", "FY2026-Q4", "2026-10-01", "2026-12-31"),
            ("12-31", "CY2026-Q4", "2026-10-01", "2026-12-31"),
            // June year end.
            ("06-30", "FY2026", "2025-07-01", "2026-06-30"),
            ("06-30", "FY2026-Q1", "2025-07-01", "2025-09-30"),
            ("06-30", "FY2026-Q2", "2025-10-01", "2025-12-31"),
            ("06-30", "FY2026-Q4", "2026-04-01", "2026-06-30"),
            // February year end follows leap years.
            ("02-28", "FY2024", "2023-03-01", "2024-02-29"),
            ("02-28", "FY2025", "2024-03-01", "2025-02-28"),
            ("02-28", "FY2024-Q4", "2023-12-01", "2024-02-29"),
            // Mid-month year end.
            ("09-27", "FY2026", "2025-09-28", "2026-09-27"),
            ("09-27", "FY2026-Q1", "2025-09-28", "2025-12-27"),
            ("09-27", "FY2026-Q2", "2025-12-28", "2026-03-27"),
            ("09-27", "FY2026-Q3", "2026-03-28", "2026-06-27"),
            ("09-27", "FY2026-Q4", "2026-06-28", "2026-09-27"),
            // Quarter starts clamped to the month's length.
            ("11-29", "FY2024-Q1", "2023-11-30", "2024-02-28"),
            ("11-29", "FY2024-Q2", "2024-02-29", "2024-05-29"),
            ("11-29", "FY2025-Q1", "2024-11-30", "2025-02-27"),
            ("11-29", "FY2025-Q2", "2025-02-28", "2025-05-29"),
            // Extremes of the year range.
            ("03-31", "FY0001", "0000-04-01", "0001-03-31"),
            ("09-27", "FY9999", "9998-09-28", "9999-09-27"),
        ];
        for (end, text, start, last) in cases {
            let got = p(text).dates(fye(end));
            let want = DateSpan {
                start: d(start),
                end: d(last),
            };
            assert_eq!(got, Ok(want), "{text} with {end}");
        }
    }

    #[test]
    fn prior_year_of_every_kind() {
        let cases = [
            ("FY2026", "FY2025"),
            ("FY2026-Q4", "FY2025-Q4"),
            ("CY2026", "CY2025"),
            ("CY2026-Q1", "CY2025-Q1"),
            ("2026-05", "2025-05"),
            ("2026-12-31", "2025-12-31"),
            ("2024-02-29", "2023-02-28"),
            ("2025-02-28", "2024-02-28"),
            ("2026-05..2026-06", "2025-05..2025-06"),
            ("FY2027..FY2028", "FY2026..FY2027"),
            ("FY2026-Q3..FY2027-Q1", "FY2025-Q3..FY2026-Q1"),
            ("FY0002", "FY0001"),
        ];
        for (text, want) in cases {
            assert_eq!(p(text).prior_year(), Ok(p(want)), "{text}");
        }
        for text in ["FY0001", "0001-05", "0001-01-01", "FY0001..FY0002"] {
            assert!(
                matches!(p(text).prior_year(), Err(PeriodError::NoPriorYear { .. })),
                "{text}"
            );
        }
    }

    #[test]
    fn months_and_per_year() {
        let cases = [
            ("FY2026", Some(12), Some("1")),
            ("CY2026", Some(12), Some("1")),
            ("FY2026-Q4", Some(3), Some("4")),
            ("2026-Q1", Some(3), Some("4")),
            ("2026-05", Some(1), Some("12")),
            ("2026-05..2026-06", Some(2), Some("6")),
            ("FY2026-Q1..FY2026-Q2", Some(6), Some("2")),
            ("2026-01..2026-05", Some(5), Some("2.4")),
            ("2025-11..2026-02", Some(4), Some("3")),
            ("FY2027..FY2028", Some(24), Some("0.5")),
            ("FY2026-Q4..FY2027-Q1", Some(6), Some("2")),
            ("2026-12-31", None, None),
        ];
        for (text, months, per_year) in cases {
            let period = p(text);
            assert_eq!(period.months(), months, "{text}");
            assert_eq!(period.per_year(), per_year.map(dec), "{text}");
            assert_eq!(period.is_instant(), months.is_none(), "{text}");
        }
    }

    #[test]
    fn positions() {
        let march = fye("03-31");
        let dec31 = FiscalYearEnd::DECEMBER;
        let q1 = p("FY2027-Q1").milestone_position(march);
        let year_end = p("2026-12-31").milestone_position(march);
        assert_eq!(q1, Ok(Decimal::from(2026 * 12 + 6)));
        assert_eq!(
            year_end.clone().map(|y| y - q1.clone().unwrap_or_default()),
            Ok(dec("6"))
        );
        let may_june = p("2026-05..2026-06").midpoint_position(dec31);
        let nov_dec = p("2025-11..2025-12").midpoint_position(dec31);
        assert_eq!(may_june, Ok(Decimal::from(2026 * 12 + 5)));
        assert_eq!(
            may_june.map(|m| m - nov_dec.unwrap_or_default()),
            Ok(dec("6"))
        );
        assert_eq!(
            month_position(d("2026-07-01")) - month_position(d("2026-01-01")),
            dec("6")
        );
        assert_eq!(month_position(d("2026-02-15")), dec("24313.5"));
        // An instant's midpoint is the end of its day.
        assert_eq!(
            p("2026-06-30").midpoint_position(dec31),
            Ok(Decimal::from(2026 * 12 + 6))
        );
        // Mid-month days give exact fractions where they exist.
        assert_eq!(
            p("2026-04-15").milestone_position(dec31),
            Ok(dec("24315.5"))
        );
        assert_eq!(p("FY2026").midpoint_position(dec31), Ok(dec("24318")));
    }

    #[test]
    fn errors() {
        let cases = [
            (
                "FY2026-Q5",
                "\"FY2026-Q5\" is not a period: a quarter is Q1 to Q4",
            ),
            (
                "Q0 FY2026",
                "\"Q0 FY2026\" is not a period: a quarter is Q1 to Q4",
            ),
            (
                "2026-Q12",
                "\"2026-Q12\" is not a period: a quarter is Q1 to Q4",
            ),
            ("2026-02-30", "\"2026-02-30\" is not a date"),
            ("2025-02-29", "\"2025-02-29\" is not a date"),
            ("2026-13-01", "\"2026-13-01\" is not a date"),
            (
                "2026-13",
                "\"2026-13\" is not a period: a month is 01 to 12",
            ),
            (
                "2026-00",
                "\"2026-00\" is not a period: a month is 01 to 12",
            ),
            ("FY0", "\"FY0\" is not a period: years run from 1 to 9999"),
            (
                "FY10000",
                "\"FY10000\" is not a period: years run from 1 to 9999",
            ),
            (
                "FY99999999999999999999",
                "\"FY99999999999999999999\" is not a period: years run from 1 to 9999",
            ),
            (
                "0000-05",
                "\"0000-05\" is not a period: years run from 1 to 9999",
            ),
            (
                "10000-01-01",
                "\"10000-01-01\" is not a period: years run from 1 to 9999",
            ),
            (
                "FY20X6",
                "\"FY20X6\" is not a period (expected e.g. FY2026, FY2026-Q4, CY2026, 2026-Q1, 2026-05, 2026-12-31 or FY2027..FY2028)",
            ),
            ("FY2028..FY2027", "span \"FY2028..FY2027\" runs backwards"),
            (
                "2026-06..2026-05",
                "span \"2026-06..2026-05\" runs backwards",
            ),
            (
                "FY2026..2026-05",
                "span \"FY2026..2026-05\" mixes kinds of period",
            ),
            (
                "FY2026..CY2026",
                "span \"FY2026..CY2026\" mixes kinds of period",
            ),
            (
                "2026-01-01..2026-12-31",
                "span \"2026-01-01..2026-12-31\" is not a period: a span joins two periods of one kind (e.g. FY2027..FY2028), not instants or spans",
            ),
            (
                "",
                "an empty string is not a period (expected e.g. FY2026, FY2026-Q4, CY2026, 2026-Q1, 2026-05, 2026-12-31 or FY2027..FY2028)",
            ),
        ];
        for (text, message) in cases {
            let got = text.parse::<Period>().map_err(|e| e.to_string());
            assert_eq!(got, Err(message.to_string()), "{text}");
        }
        // Forms that are rejected as unrecognised.
        for text in [
            "fy2026",
            " FY2026",
            "FY2026 ",
            "FY",
            "FY-2026",
            "FY+2026",
            "FY2026-",
            "FY2026-Q",
            "FY2026Q",
            "FY2026-4",
            "Q4FY2026",
            "Q4 FY",
            "Q4  FY2026",
            "Q4 2026",
            "2026",
            "26-05",
            "2026-5",
            "2026-05-1",
            "2026-05-01-01",
            "2026/05",
            "..",
            "FY2026..",
            "..FY2026",
            "FY2026...FY2027",
            "FY2026..FY2027..FY2028",
            "CY",
            "Q",
            "2026-Q",
            "2026-q1",
            "FY2026-q4",
            "２０２６-05",
        ] {
            assert!(
                matches!(text.parse::<Period>(), Err(PeriodError::NotAPeriod { .. })),
                "{text}: {:?}",
                text.parse::<Period>()
            );
        }
    }

    #[test]
    fn invalid_values_built_in_code_are_errors_not_panics() {
        let fy = FiscalYearEnd::DECEMBER;
        let bad = [
            Period::FiscalYear(0),
            Period::FiscalYear(i32::MAX),
            Period::CalendarYear(i32::MIN),
            Period::FiscalQuarter {
                year: 2026,
                quarter: 0,
            },
            Period::CalendarQuarter {
                year: 2026,
                quarter: 200,
            },
            Period::Month {
                year: 2026,
                month: 13,
            },
            Period::Month { year: -5, month: 1 },
            Period::Instant(NaiveDate::MAX),
            Period::Instant(NaiveDate::MIN),
            span(Period::FiscalYear(2027), Period::FiscalYear(2026)),
            span(Period::FiscalYear(2026), Period::CalendarYear(2026)),
            span(
                span(Period::FiscalYear(2026), Period::FiscalYear(2027)),
                Period::FiscalYear(2028),
            ),
            span(
                Period::Instant(NaiveDate::MIN),
                Period::Instant(NaiveDate::MAX),
            ),
            span(Period::FiscalYear(0), Period::FiscalYear(2)),
        ];
        for period in bad {
            assert!(period.dates(fy).is_err(), "{period:?}");
            assert!(period.prior_year().is_err(), "{period:?}");
            assert!(period.milestone_position(fy).is_err(), "{period:?}");
            assert!(period.midpoint_position(fy).is_err(), "{period:?}");
            assert_eq!(period.months(), None, "{period:?}");
            assert_eq!(period.per_year(), None, "{period:?}");
            let _ = period.to_string();
        }
        assert!(Period::span(Period::FiscalYear(2026), Period::FiscalYear(2027)).is_ok());
        assert!(matches!(
            Period::span(Period::FiscalYear(2027), Period::FiscalYear(2026)),
            Err(PeriodError::SpanBackwards { .. })
        ));
        // month_position covers chrono's whole range.
        let _ = month_position(NaiveDate::MAX);
        let _ = month_position(NaiveDate::MIN);
    }

    fn year() -> impl Strategy<Value = i32> {
        MIN_YEAR..=MAX_YEAR
    }

    fn single() -> impl Strategy<Value = Period> {
        prop_oneof![
            year().prop_map(Period::FiscalYear),
            (year(), 1u8..=4).prop_map(|(year, quarter)| Period::FiscalQuarter { year, quarter }),
            year().prop_map(Period::CalendarYear),
            (year(), 1u8..=4).prop_map(|(year, quarter)| Period::CalendarQuarter { year, quarter }),
            (year(), 1u8..=12).prop_map(|(year, month)| Period::Month { year, month }),
            (year(), 1u32..=366).prop_filter_map("a day of the year", |(y, o)| {
                NaiveDate::from_yo_opt(y, o).map(Period::Instant)
            }),
        ]
    }

    /// The period `steps` after `period` among periods of its kind, if any.
    fn advance(period: &Period, steps: i64) -> Option<Period> {
        let o = period.ordinal()?.checked_add(steps)?;
        let ok = |y: i64| {
            i32::try_from(y)
                .ok()
                .filter(|y| (MIN_YEAR..=MAX_YEAR).contains(y))
        };
        Some(match period {
            Period::FiscalYear(_) => Period::FiscalYear(ok(o)?),
            Period::CalendarYear(_) => Period::CalendarYear(ok(o)?),
            Period::FiscalQuarter { .. } | Period::CalendarQuarter { .. } => {
                let year = ok((o - 1).div_euclid(4))?;
                let quarter = u8::try_from((o - 1).rem_euclid(4) + 1).ok()?;
                if period.kind() == Kind::FiscalQuarter {
                    Period::FiscalQuarter { year, quarter }
                } else {
                    Period::CalendarQuarter { year, quarter }
                }
            }
            Period::Month { .. } => Period::Month {
                year: ok((o - 1).div_euclid(12))?,
                month: u8::try_from((o - 1).rem_euclid(12) + 1).ok()?,
            },
            Period::Instant(_) | Period::Span { .. } => return None,
        })
    }

    /// A valid span: a duration period and how many more periods follow it.
    fn spans() -> impl Strategy<Value = (Period, Vec<Period>)> {
        (single(), 0i64..30).prop_filter_map("a span within the years", |(first, n)| {
            let parts = (0..=n)
                .map(|i| advance(&first, i))
                .collect::<Option<Vec<_>>>()?;
            let last = parts.last()?.clone();
            Some((span(first, last), parts))
        })
    }

    fn any_period() -> impl Strategy<Value = Period> {
        prop_oneof![single(), spans().prop_map(|(s, _)| s)]
    }

    fn any_fye() -> impl Strategy<Value = FiscalYearEnd> {
        (1u32..=12, 1u32..=31)
            .prop_filter_map("a valid year end", |(m, d)| FiscalYearEnd::new(m, d))
    }

    fn near_february_end(date: NaiveDate) -> bool {
        date.month() == 2 && date.day() >= 27
    }

    proptest! {
        #[test]
        fn parsing_random_strings_never_panics(s in any::<String>()) {
            let _ = s.parse::<Period>();
            let _ = s.parse::<FiscalYearEnd>();
        }

        #[test]
        fn parsing_near_miss_strings_never_panics_and_round_trips(
            s in "[FCYQ0-9 .-]{0,24}"
        ) {
            if let Ok(period) = s.parse::<Period>() {
                prop_assert_eq!(period.to_string().parse::<Period>(), Ok(period.clone()));
                prop_assert!(period.dates(FiscalYearEnd::DECEMBER).is_ok());
            }
        }

        #[test]
        fn display_then_parse_round_trips(period in any_period()) {
            prop_assert_eq!(period.to_string().parse::<Period>(), Ok(period));
        }

        #[test]
        fn fiscal_year_end_round_trips(end in any_fye()) {
            prop_assert_eq!(end.to_string().parse::<FiscalYearEnd>(), Ok(end));
        }

        #[test]
        fn prior_year_moves_dates_back_one_year(period in any_period(), end in any_fye()) {
            let now = period.dates(end);
            prop_assert!(now.is_ok());
            match period.prior_year() {
                Err(PeriodError::NoPriorYear { .. }) => {}
                Err(e) => prop_assert!(false, "{}", e),
                Ok(prior) => {
                    let (now, before) = (now.unwrap_or_else(|e| panic!("{e}")),
                        prior.dates(end).unwrap_or_else(|e| panic!("{e}")));
                    prop_assert_eq!(prior.months(), period.months());
                    let leapish = [now.start, now.end, before.start, before.end]
                        .into_iter()
                        .any(near_february_end);
                    if !leapish {
                        prop_assert_eq!(now.start.with_year(now.start.year() - 1), Some(before.start));
                        prop_assert_eq!(now.end.with_year(now.end.year() - 1), Some(before.end));
                    }
                }
            }
        }

        #[test]
        fn span_months_are_the_sum_of_its_parts((s, parts) in spans(), end in any_fye()) {
            let sum: u32 = parts.iter().filter_map(Period::months).sum();
            prop_assert_eq!(s.months(), Some(sum));
            let count = u32::try_from(parts.len()).unwrap_or(u32::MAX);
            prop_assert_eq!(sum, count * parts.first().and_then(Period::months).unwrap_or(0));
            // The parts tile the span's dates with no gap or overlap.
            let dates = s.dates(end).unwrap_or_else(|e| panic!("{e}"));
            let spans: Vec<DateSpan> = parts
                .iter()
                .map(|p| p.dates(end).unwrap_or_else(|e| panic!("{e}")))
                .collect();
            prop_assert_eq!(spans.first().map(|x| x.start), Some(dates.start));
            prop_assert_eq!(spans.last().map(|x| x.end), Some(dates.end));
            for pair in spans.windows(2) {
                if let [a, b] = pair {
                    prop_assert_eq!(a.end.succ_opt(), Some(b.start));
                }
            }
        }
    }

    /// A date whose position on the month axis depends on February's length
    /// (so on whether its year is a leap year).
    fn in_february(date: NaiveDate) -> bool {
        date.month() == 2 && date.day() > 1
    }

    /// Where a period starts and ends on the month axis.
    fn axis(period: &Period, end: FiscalYearEnd) -> (Decimal, Decimal) {
        let dates = period.dates(end).unwrap_or_else(|e| panic!("{e}"));
        let stop = period
            .milestone_position(end)
            .unwrap_or_else(|e| panic!("{e}"));
        (month_position(dates.start), stop)
    }

    fn month_end_fye() -> impl Strategy<Value = FiscalYearEnd> {
        (1u32..=12).prop_filter_map("a month end", |m| {
            FiscalYearEnd::new(m, days_in_month(2023, m).unwrap_or(28))
        })
    }

    // Cheap laws: thousands of cases.
    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// The prior year sits exactly twelve months earlier on the month
        /// axis (milestone and midpoint alike), except where February's
        /// length moves a date's fraction of its month: then by less than a
        /// day of February.
        #[test]
        fn prior_year_is_twelve_months_earlier_on_the_month_axis(
            period in any_period(),
            end in any_fye(),
        ) {
            let Ok(prior) = period.prior_year() else {
                // Year 1 has no prior year (tested above).
                return Ok(());
            };
            let twelve = Decimal::from(12);
            let milestone = |p: &Period| p.milestone_position(end).unwrap_or_else(|e| panic!("{e}"));
            let midpoint = |p: &Period| p.midpoint_position(end).unwrap_or_else(|e| panic!("{e}"));
            let moved_end = milestone(&period) - milestone(&prior);
            let moved_mid = midpoint(&period) - midpoint(&prior);
            let (now, before) = (
                period.dates(end).unwrap_or_else(|e| panic!("{e}")),
                prior.dates(end).unwrap_or_else(|e| panic!("{e}")),
            );
            let february = [now, before].iter().any(|span| {
                [Some(span.start), Some(span.end), span.end.succ_opt()]
                    .into_iter()
                    .flatten()
                    .any(in_february)
            });
            if february {
                let day_of_february = Decimal::ONE / Decimal::from(28);
                prop_assert!((moved_end - twelve).abs() <= day_of_february, "{} → {}: {}", period, prior, moved_end);
                prop_assert!((moved_mid - twelve).abs() <= day_of_february, "{} → {}: {}", period, prior, moved_mid);
            } else {
                prop_assert_eq!(moved_end, twelve, "{} → {}", period, prior);
                prop_assert_eq!(moved_mid, twelve, "{} → {}", period, prior);
            }
        }

        /// With a year end on the last day of a month, a period's length on
        /// the month axis is exactly its length in months.
        #[test]
        fn months_are_the_length_on_the_month_axis(period in any_period(), end in month_end_fye()) {
            let (start, stop) = axis(&period, end);
            match period.months() {
                Some(months) => prop_assert_eq!(stop - start, Decimal::from(months), "{}", period),
                None => prop_assert!(period.is_instant()),
            }
        }

        /// A span's length on the month axis is the sum of its parts' for
        /// any year end (the parts tile it, so the sum telescopes exactly).
        #[test]
        fn span_axis_length_is_the_sum_of_its_parts((s, parts) in spans(), end in any_fye()) {
            let (start, stop) = axis(&s, end);
            let sum = parts.iter().fold(Decimal::ZERO, |sum, part| {
                let (a, b) = axis(part, end);
                sum + (b - a)
            });
            prop_assert_eq!(stop - start, sum, "{}", s);
        }

        /// `per_year` is twelve over the length in months: their product is
        /// twelve, to the last digit a decimal keeps.
        #[test]
        fn per_year_times_months_is_twelve(period in any_period()) {
            match (period.per_year(), period.months()) {
                (Some(per_year), Some(months)) => {
                    let product = per_year * Decimal::from(months);
                    let slack = Decimal::new(1, 24);
                    prop_assert!((product - Decimal::from(12)).abs() <= slack, "{}: {}", period, product);
                }
                (None, None) => prop_assert!(period.is_instant()),
                other => prop_assert!(false, "{}: {:?}", period, other),
            }
        }
    }
}
