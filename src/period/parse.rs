//! Parsing periods and fiscal year ends from the forms analysts write.

use std::str::FromStr;

use chrono::NaiveDate;

use super::{FiscalYearEnd, MAX_YEAR, MIN_YEAR, Period, PeriodError};

impl FromStr for FiscalYearEnd {
    type Err = PeriodError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || PeriodError::BadFiscalYearEnd {
            text: s.to_string(),
        };
        if s.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return super::weeks::parse(s);
        }
        let (m, d) = s.split_once('-').ok_or_else(bad)?;
        let month = two_digits(m).ok_or_else(bad)?;
        let day = two_digits(d).ok_or_else(bad)?;
        FiscalYearEnd::new(month, day).ok_or_else(bad)
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
                let p = Period::Span(Box::new(super::SpanEnds {
                    first: parse_single(a)?,
                    last: parse_single(b)?,
                }));
                p.validate()?;
                Ok(p)
            }
        }
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
    if digits.len() == 2 {
        // "FY24": the century is a guess no one should make silently.
        return Err(PeriodError::TwoDigitYear {
            text: text.to_string(),
            suggestion: text.replacen(&format!("Y{digits}"), &format!("Y20{digits}"), 1),
        });
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
