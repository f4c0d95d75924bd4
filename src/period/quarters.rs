//! Quarters in sequence (data/FORMAT.md, Periods): the quarter before a
//! quarter, the four that end at one, the year it belongs to and its year
//! to date; and the parts of a span. What a quarter-over-quarter change and
//! a trailing twelve months are computed from.

use super::Period;

impl Period {
    /// The quarter just before a quarter, by dates: the previous quarter of
    /// the same kind, across years (`FY2026-Q1` → `FY2025-Q4`); `None` for
    /// any other period or before year 1. A fiscal year's quarters are
    /// consecutive however its year ends, so the one before by label is the
    /// one before by dates.
    ///
    /// ```
    /// use earnings::period::Period;
    /// let q1: Period = "FY2026-Q1".parse().unwrap();
    /// assert_eq!(q1.quarter_before().unwrap().to_string(), "FY2025-Q4");
    /// let q3: Period = "CY2026-Q3".parse().unwrap();
    /// assert_eq!(q3.quarter_before().unwrap().to_string(), "CY2026-Q2");
    /// assert_eq!("FY2026".parse::<Period>().unwrap().quarter_before(), None);
    /// ```
    pub fn quarter_before(&self) -> Option<Period> {
        self.validate().ok()?;
        let (year, quarter) = match *self {
            Period::FiscalQuarter { year, quarter } | Period::CalendarQuarter { year, quarter } => {
                match quarter {
                    1 => (year.checked_sub(1)?, 4),
                    q => (year, q.checked_sub(1)?),
                }
            }
            _ => return None,
        };
        let before = match self {
            Period::FiscalQuarter { .. } => Period::FiscalQuarter { year, quarter },
            _ => Period::CalendarQuarter { year, quarter },
        };
        before.validate().ok()?;
        Some(before)
    }

    /// The four quarters that end with this one, this one first
    /// (`FY2026-Q2`, `FY2026-Q1`, `FY2025-Q4`, `FY2025-Q3`): a trailing
    /// twelve months. `None` for any other period.
    pub fn trailing_quarters(&self) -> Option<[Period; 4]> {
        let second = self.quarter_before()?;
        let third = second.quarter_before()?;
        let fourth = third.quarter_before()?;
        Some([self.clone(), second, third, fourth])
    }

    /// The year a quarter belongs to: `FY2026` for `FY2026-Q2`, `CY2026`
    /// for `CY2026-Q2`; `None` for any other period.
    pub fn year_of_quarter(&self) -> Option<Period> {
        self.validate().ok()?;
        match *self {
            Period::FiscalQuarter { year, .. } => Some(Period::FiscalYear(year)),
            Period::CalendarQuarter { year, .. } => Some(Period::CalendarYear(year)),
            _ => None,
        }
    }

    /// A quarter's year to date: its year's first quarter up to it
    /// (`FY2026-Q1..FY2026-Q3`), or the quarter itself for a first quarter;
    /// `None` for any other period.
    ///
    /// ```
    /// use earnings::period::Period;
    /// let q3: Period = "FY2026-Q3".parse().unwrap();
    /// assert_eq!(q3.year_to_date().unwrap().to_string(), "FY2026-Q1..FY2026-Q3");
    /// let q1: Period = "FY2026-Q1".parse().unwrap();
    /// assert_eq!(q1.year_to_date(), Some(q1));
    /// ```
    pub fn year_to_date(&self) -> Option<Period> {
        self.validate().ok()?;
        let first = match *self {
            Period::FiscalQuarter { quarter: 1, .. }
            | Period::CalendarQuarter { quarter: 1, .. } => {
                return Some(self.clone());
            }
            Period::FiscalQuarter { year, .. } => Period::FiscalQuarter { year, quarter: 1 },
            Period::CalendarQuarter { year, .. } => Period::CalendarQuarter { year, quarter: 1 },
            _ => return None,
        };
        Period::span(first, self.clone()).ok()
    }

    /// The quarter a year-to-date span ends with: `FY2026-Q3` for
    /// `FY2026-Q1..FY2026-Q3`; `None` for any other period.
    pub fn year_to_date_end(&self) -> Option<&Period> {
        let Period::Span(ends) = self else {
            return None;
        };
        (ends.last.year_to_date().as_ref() == Some(self)).then_some(&ends.last)
    }

    /// The periods a span joins, first to last (`FY2023..FY2026` is four
    /// years); any other period is its own one part. `None` for a span of
    /// more than `limit` parts.
    ///
    /// ```
    /// use earnings::period::Period;
    /// let span: Period = "FY2023..FY2026".parse().unwrap();
    /// let parts: Vec<String> = span.parts(100).unwrap().iter().map(ToString::to_string).collect();
    /// assert_eq!(parts, ["FY2023", "FY2024", "FY2025", "FY2026"]);
    /// ```
    pub fn parts(&self, limit: usize) -> Option<Vec<Period>> {
        let Period::Span(ends) = self else {
            return Some(vec![self.clone()]);
        };
        let super::SpanEnds { first, last } = &**ends;
        let (from, to) = (first.ordinal()?, last.ordinal()?);
        let count = usize::try_from(to.checked_sub(from)?.checked_add(1)?).ok()?;
        if count > limit {
            return None;
        }
        let mut parts = Vec::with_capacity(count);
        let mut at = last.clone();
        parts.push(at.clone());
        while parts.len() < count {
            at = match at {
                Period::FiscalYear(y) => Period::FiscalYear(y.checked_sub(1)?),
                Period::CalendarYear(y) => Period::CalendarYear(y.checked_sub(1)?),
                Period::Month { year, month: 1 } => Period::Month {
                    year: year.checked_sub(1)?,
                    month: 12,
                },
                Period::Month { year, month } => Period::Month {
                    year,
                    month: month.checked_sub(1)?,
                },
                quarter => quarter.quarter_before()?,
            };
            parts.push(at.clone());
        }
        parts.reverse();
        Some(parts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Period {
        text.parse().unwrap()
    }

    #[test]
    fn quarters_step_back_across_years() {
        let four = p("FY2026-Q2").trailing_quarters().unwrap();
        let names: Vec<String> = four.iter().map(ToString::to_string).collect();
        assert_eq!(names, ["FY2026-Q2", "FY2026-Q1", "FY2025-Q4", "FY2025-Q3"]);
        assert_eq!(p("FY0001-Q1").quarter_before(), None);
        assert_eq!(p("2026-05").trailing_quarters(), None);
        assert_eq!(p("CY2026-Q1").year_of_quarter(), Some(p("CY2026")));
    }

    #[test]
    fn a_year_to_date_span_names_its_last_quarter() {
        assert_eq!(
            p("FY2026-Q1..FY2026-Q3").year_to_date_end(),
            Some(&p("FY2026-Q3"))
        );
        assert_eq!(p("FY2026-Q2..FY2026-Q3").year_to_date_end(), None);
        assert_eq!(p("FY2025-Q4..FY2026-Q1").year_to_date_end(), None);
        assert_eq!(p("FY2026-Q3").year_to_date_end(), None);
    }

    #[test]
    fn the_parts_of_a_span() {
        let parts = p("FY2025-Q3..FY2026-Q2").parts(10).unwrap();
        assert_eq!(parts.first(), Some(&p("FY2025-Q3")));
        assert_eq!(parts.len(), 4);
        assert_eq!(p("2025-11..2026-02").parts(10).unwrap().len(), 4);
        assert_eq!(p("FY2001..FY2100").parts(10), None);
        assert_eq!(p("FY2026").parts(1), Some(vec![p("FY2026")]));
    }
}
