//! 52/53-week fiscal years against real calendars.

use super::*;

fn fye(s: &str) -> FiscalYearEnd {
    s.parse().unwrap()
}

fn dates(fye_text: &str, period: &str) -> (String, String) {
    let span = period
        .parse::<Period>()
        .unwrap()
        .dates(fye(fye_text))
        .unwrap();
    (span.start.to_string(), span.end.to_string())
}

fn pair(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

#[test]
fn last_saturday_of_september_as_apple_keeps_it() {
    // Apple's fiscal years end 2022-09-24, 2023-09-30 (53 weeks),
    // 2024-09-28 and 2025-09-27.
    let apple = "last sat sep";
    assert_eq!(dates(apple, "FY2023"), pair("2022-09-25", "2023-09-30"));
    assert_eq!(dates(apple, "FY2024"), pair("2023-10-01", "2024-09-28"));
    assert_eq!(dates(apple, "FY2025"), pair("2024-09-29", "2025-09-27"));
    // 13-week quarters; the 53rd week falls in the fourth.
    assert_eq!(dates(apple, "FY2024-Q1"), pair("2023-10-01", "2023-12-30"));
    assert_eq!(dates(apple, "FY2024-Q2"), pair("2023-12-31", "2024-03-30"));
    assert_eq!(dates(apple, "FY2024-Q3"), pair("2024-03-31", "2024-06-29"));
    assert_eq!(dates(apple, "FY2024-Q4"), pair("2024-06-30", "2024-09-28"));
    assert_eq!(dates(apple, "FY2023-Q4"), pair("2023-06-25", "2023-09-30"));
    // Year to date as a span of quarters.
    assert_eq!(
        dates(apple, "FY2024-Q1..FY2024-Q3"),
        pair("2023-10-01", "2024-06-29")
    );
}

#[test]
fn saturday_nearest_the_end_of_january_as_a_retailer_keeps_it() {
    // A retailer's years end on the Saturday nearest 31 January:
    // 2023-01-28, 2024-02-03 (53 weeks), 2025-02-01, 2026-01-31.
    let retail = "sat nearest jan 31";
    assert_eq!(dates(retail, "FY2024"), pair("2023-01-29", "2024-02-03"));
    assert_eq!(dates(retail, "FY2025"), pair("2024-02-04", "2025-02-01"));
    assert_eq!(dates(retail, "FY2026"), pair("2025-02-02", "2026-01-31"));
    assert_eq!(dates(retail, "FY2024-Q4"), pair("2023-10-29", "2024-02-03"));
    assert_eq!(dates(retail, "FY2025-Q1"), pair("2024-02-04", "2024-05-04"));
}

#[test]
fn the_nearest_weekday_may_fall_in_the_next_calendar_year() {
    // The Sunday nearest 31 December 2022 is 2023-01-01.
    assert_eq!(
        dates("sun nearest dec 31", "FY2022"),
        pair("2022-01-03", "2023-01-01")
    );
}

#[test]
fn week_year_ends_parse_display_and_refuse() {
    for (text, shown) in [
        ("last sat sep", "last sat sep"),
        ("sat nearest jan 31", "sat nearest jan 31"),
        ("sun nearest sep 30", "sun nearest sep 30"),
    ] {
        assert_eq!(fye(text).to_string(), shown, "{text}");
        assert_eq!(fye(shown), fye(text));
    }
    assert_eq!(fye("last sat sep").week_rule(), Some(WeekRule::Last(5)));
    for bad in [
        "last sat",
        "LAST Sat Sep",
        "last sat sept",
        "last saturday sep",
        "sat nearest feb 29",
        "sat nearest jan 32",
        "sat nearest jan +1",
        "sat nearest jan",
        "last  sat sep",
        "first sat sep",
    ] {
        assert_eq!(
            bad.parse::<FiscalYearEnd>(),
            Err(PeriodError::BadWeekYearEnd {
                text: bad.to_string()
            }),
            "{bad}"
        );
    }
    assert!(
        "sat nearest jan 32"
            .parse::<FiscalYearEnd>()
            .unwrap_err()
            .to_string()
            .contains("\"last sat sep\"")
    );
}

#[test]
fn every_week_year_is_52_or_53_weeks_and_its_quarters_tile_it() {
    for text in [
        "last sat sep",
        "sat nearest jan 31",
        "last sun jun",
        "fri nearest dec 31",
    ] {
        for year in [2, 1999, 2000, 2023, 2024, 9998] {
            let y = Period::FiscalYear(year).dates(fye(text)).unwrap();
            let days = (y.end - y.start).num_days() + 1;
            assert!(days == 364 || days == 371, "{text} {year}: {days}");
            let mut next = y.start;
            for quarter in 1..=4 {
                let q = Period::FiscalQuarter { year, quarter }
                    .dates(fye(text))
                    .unwrap();
                assert_eq!(q.start, next);
                next = q.end.succ_opt().unwrap();
            }
            assert_eq!(next, y.end.succ_opt().unwrap());
        }
    }
}
