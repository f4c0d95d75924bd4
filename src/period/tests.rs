//! Unit tests of periods: written forms, dates by fiscal year end, and laws
//! checked by property tests.

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
    Period::Span(Box::new(SpanEnds { first: a, last: b }))
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
    ];
    parse_and_display(cases);
}

#[test]
fn written_spans_parse_and_display() {
    use Period::*;
    let cases: Vec<(&str, Period, &str)> = vec![
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
    parse_and_display(cases);
}

/// Each text parses to the period, displays as `shown`, and `shown` parses back.
fn parse_and_display(cases: Vec<(&str, Period, &str)>) {
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
            "FY24",
            "\"FY24\" is not a period: a year has four digits (did you mean FY2024?)",
        ),
        (
            "CY25-Q1",
            "\"CY25-Q1\" is not a period: a year has four digits (did you mean CY2025-Q1?)",
        ),
        (
            "Q4 FY24",
            "\"Q4 FY24\" is not a period: a year has four digits (did you mean Q4 FY2024?)",
        ),
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
}

#[test]
fn unrecognised_forms_are_not_periods() {
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
        Period::Instant(_) | Period::Span(_) => return None,
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
    (1u32..=12, 1u32..=31).prop_filter_map("a valid year end", |(m, d)| FiscalYearEnd::new(m, d))
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
