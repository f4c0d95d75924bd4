//! Periods as analysts write them (`FY2026`, `FY2026-Q4`, `CY2026-Q1`, `2026-05`,
//! `2026-12-31`, `FY2027..FY2028`), resolved to dates through an entity's fiscal
//! year end, plus the month arithmetic (lengths, run-rate factors, positions on a
//! month axis) that year-over-year and ARR computations need (data/FORMAT.md, Periods).
//!
//! Everything is exact: no floating point, and no panics on any input.

mod fiscal;
mod parse;
mod quarters;
#[cfg(test)]
mod tests;
mod weeks;
#[cfg(test)]
mod weeks_tests;

use std::fmt;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use fiscal::days_in_month;
pub use fiscal::month_position;

/// Smallest year a period may name.
const MIN_YEAR: i32 = 1;
/// Largest year a period may name.
const MAX_YEAR: i32 = 9999;

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
    #[error(
        "{} is not a period ({EXPECTED})",
        crate::shown::quoted(.text)
    )]
    NotAPeriod {
        /// The text that was found.
        text: String,
    },
    /// The quarter is not Q1 to Q4.
    #[error(
        "{} is not a period: a quarter is Q1 to Q4",
        crate::shown::quoted(.text)
    )]
    BadQuarter {
        /// The text that was found.
        text: String,
    },
    /// The month is not 01 to 12.
    #[error(
        "{} is not a period: a month is 01 to 12",
        crate::shown::quoted(.text)
    )]
    BadMonth {
        /// The text that was found.
        text: String,
    },
    /// The text has the shape of a date but names no calendar day.
    #[error(
        "{} is not a date",
        crate::shown::quoted(.text)
    )]
    NotADate {
        /// The text that was found.
        text: String,
    },
    /// The year is outside 1 to 9999.
    #[error(
        "{} is not a period: years run from 1 to 9999",
        crate::shown::quoted(.text)
    )]
    YearOutOfRange {
        /// The text that was found.
        text: String,
    },
    /// A year written with two digits (`FY24`): which century is meant is
    /// not guessed.
    #[error(
        "{} is not a period: a year has four digits (did you mean {}?)",
        crate::shown::quoted(.text), crate::shown::text(.suggestion)
    )]
    TwoDigitYear {
        /// The text that was found.
        text: String,
        /// The text with the year in the 2000s.
        suggestion: String,
    },
    /// A span whose last period comes before its first.
    #[error(
        "span {} runs backwards",
        crate::shown::quoted(.text)
    )]
    SpanBackwards {
        /// The span as written.
        text: String,
    },
    /// A span joining periods of different kinds.
    #[error(
        "span {} mixes kinds of period",
        crate::shown::quoted(.text)
    )]
    SpanMixesKinds {
        /// The span as written.
        text: String,
    },
    /// A span joining instants or spans instead of periods.
    #[error(
        "span {} is not a period: a span joins two periods of one kind (e.g. FY2027..FY2028), not instants or spans",
        crate::shown::quoted(.text)
    )]
    SpanOfNonPeriods {
        /// The span as written.
        text: String,
    },
    /// The text is not a fiscal year end.
    #[error(
        "{} is not a fiscal year end (expected MM-DD naming a day every year has, e.g. 03-31 or 12-31)",
        crate::shown::quoted(.text)
    )]
    BadFiscalYearEnd {
        /// The text that was found.
        text: String,
    },
    /// Text in words that is not a 52/53-week fiscal year end.
    #[error(
        "{} is not a fiscal year end (a 52/53-week year end is written \"last sat sep\" or \"sat nearest jan 31\": a weekday mon to sun, a month jan to dec)",
        crate::shown::quoted(.text)
    )]
    BadWeekYearEnd {
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

/// When an entity's fiscal year ends: a month and day (`"03-31"`, default
/// 12-31), or a weekday rule for a 52/53-week year (`"last sat sep"`,
/// `"sat nearest jan 31"`; data/FORMAT.md, Periods).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FiscalYearEnd {
    month: u32,
    day: u32,
    week: Option<WeekRule>,
}

/// How a 52/53-week year picks its last day: a weekday (0 = Monday to
/// 6 = Sunday) that is the last one of the month, or the one nearest a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WeekRule {
    /// The last such weekday of the year-end month (`last sat sep`).
    Last(u8),
    /// The such weekday nearest the year end's month and day (`sat nearest jan 31`).
    Nearest(u8),
}

impl FiscalYearEnd {
    /// The calendar year end, 12-31.
    pub const DECEMBER: FiscalYearEnd = FiscalYearEnd {
        month: 12,
        day: 31,
        week: None,
    };

    /// A fiscal year end, if `month`-`day` is a day every year has (02-29 is rejected).
    pub fn new(month: u32, day: u32) -> Option<FiscalYearEnd> {
        // A non-leap year decides: the year end must exist in every year.
        let last = days_in_month(2023, month)?;
        (1..=last).contains(&day).then_some(FiscalYearEnd {
            month,
            day,
            week: None,
        })
    }

    /// A 52/53-week year end: the year ends on the weekday `rule` picks
    /// in `month` (for [`WeekRule::Last`], `day` is ignored and taken as the
    /// month's last day); `None` for a month, day or weekday out of range.
    ///
    /// ```
    /// use earnings::period::{FiscalYearEnd, WeekRule};
    /// let apple = FiscalYearEnd::weekly(9, 30, WeekRule::Last(5)).unwrap();
    /// assert_eq!(apple.to_string(), "last sat sep");
    /// let retail = FiscalYearEnd::weekly(1, 31, WeekRule::Nearest(5)).unwrap();
    /// assert_eq!(retail.to_string(), "sat nearest jan 31");
    /// ```
    pub fn weekly(month: u32, day: u32, rule: WeekRule) -> Option<FiscalYearEnd> {
        let (WeekRule::Last(w) | WeekRule::Nearest(w)) = rule;
        if w > 6 {
            return None;
        }
        let day = match rule {
            WeekRule::Last(_) => days_in_month(2023, month)?,
            WeekRule::Nearest(_) => day,
        };
        let mut fye = FiscalYearEnd::new(month, day)?;
        fye.week = Some(rule);
        Some(fye)
    }

    /// Month of the year end, 1 to 12.
    pub fn month(&self) -> u32 {
        self.month
    }

    /// Day of the year end within its month (for a 52/53-week year, the
    /// day its weekday is nearest, or the month's last day).
    pub fn day(&self) -> u32 {
        self.day
    }

    /// The weekday rule of a 52/53-week year; `None` for a fixed day.
    pub fn week_rule(&self) -> Option<WeekRule> {
        self.week
    }

    /// Whether the year end is the last day of its month (02-28 counts), which
    /// makes fiscal quarters whole calendar months.
    fn is_month_end(&self) -> bool {
        self.week.is_none() && days_in_month(2023, self.month) == Some(self.day)
    }
}

impl Default for FiscalYearEnd {
    fn default() -> Self {
        FiscalYearEnd::DECEMBER
    }
}

impl fmt::Display for FiscalYearEnd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let month = weeks::month_name(self.month);
        match self.week {
            None => write!(f, "{:02}-{:02}", self.month, self.day),
            Some(WeekRule::Last(w)) => write!(f, "last {} {month}", weeks::weekday_name(w)),
            Some(WeekRule::Nearest(w)) => {
                write!(f, "{} nearest {month} {}", weeks::weekday_name(w), self.day)
            }
        }
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
    Span(Box<SpanEnds>),
}

/// The ends of a [`Period::Span`], boxed so that every other period stays
/// small (a million facts carry one each).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SpanEnds {
    /// First period of the span.
    pub first: Period,
    /// Last period of the span (inclusive).
    pub last: Period,
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
        let p = Period::Span(Box::new(SpanEnds { first, last }));
        p.validate()?;
        Ok(p)
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
            Period::Span(ends) => Period::Span(Box::new(SpanEnds {
                first: ends.first.prior_year()?,
                last: ends.last.prior_year()?,
            })),
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
            Period::Span(ends) => {
                let SpanEnds { first, last } = &**ends;
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

    fn kind(&self) -> Kind {
        match self {
            Period::FiscalYear(_) => Kind::FiscalYear,
            Period::FiscalQuarter { .. } => Kind::FiscalQuarter,
            Period::CalendarYear(_) => Kind::CalendarYear,
            Period::CalendarQuarter { .. } => Kind::CalendarQuarter,
            Period::Month { .. } => Kind::Month,
            Period::Instant(_) => Kind::Instant,
            Period::Span(_) => Kind::Span,
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
            Period::Instant(_) | Period::Span(_) => None,
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
            Period::Span(ends) => {
                let SpanEnds { first, last } = &**ends;
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

/// A year in four digits, as `{:04}` writes it (written directly: every
/// row of a listing names a period).
fn write_year<W: fmt::Write + ?Sized>(out: &mut W, year: i32) -> fmt::Result {
    if (1000..=9999).contains(&year) {
        out.write_str(itoa::Buffer::new().format(year))
    } else {
        write!(out, "{year:04}")
    }
}

impl Period {
    /// Writes the period as [`Display`](fmt::Display) does, to any writer:
    /// into a `String` without the formatting machinery (every row of a
    /// listing names a period).
    ///
    /// ```
    /// use earnings::period::Period;
    /// let mut text = String::from("@");
    /// "FY2026-Q4".parse::<Period>().unwrap().write_to(&mut text).unwrap();
    /// assert_eq!(text, "@FY2026-Q4");
    /// ```
    pub fn write_to<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        match self {
            Period::FiscalYear(y) => {
                out.write_str("FY")?;
                write_year(out, *y)
            }
            Period::FiscalQuarter { year, quarter } if (1..=9).contains(quarter) => {
                out.write_str("FY")?;
                write_year(out, *year)?;
                out.write_str("-Q")?;
                out.write_str(itoa::Buffer::new().format(*quarter))
            }
            Period::FiscalQuarter { year, quarter } => write!(out, "FY{year:04}-Q{quarter}"),
            Period::CalendarYear(y) => write!(out, "CY{y:04}"),
            Period::CalendarQuarter { year, quarter } => write!(out, "CY{year:04}-Q{quarter}"),
            Period::Month { year, month } => write!(out, "{year:04}-{month:02}"),
            Period::Instant(d) => write!(out, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Period::Span(ends) => {
                ends.first.write_to(out)?;
                out.write_str("..")?;
                ends.last.write_to(out)
            }
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}
