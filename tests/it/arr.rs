//! `earnings arr` as a user runs it: the bundled MaaS ARR target path, and
//! small datasets of our own (December and March fiscal years, a milestone
//! given as a quarter, a single milestone, a falling ARR, a zero start),
//! with the values worked out by hand beside each check. The SVG chart is
//! parsed as XML.

use rust_decimal::Decimal;
use serde_json::Value;

use super::common::{
    dec, decimal, earnings, json, path_of, rounded, run, run_command, section, stdout, temp_file,
};

// ---------------------------------------------------------------- helpers

/// A dataset of one entity `co` (fiscal year end `fye`, USD) whose `arr`
/// facts are `(period, value in millions, bound)`, written to a temp file.
fn dataset(fye: &str, facts: &[(&str, &str, &str)]) -> tempfile::NamedTempFile {
    let facts: Vec<String> = facts
        .iter()
        .map(|(period, value, bound)| {
            format!(
                r#"{{"entity": "co", "metric": "arr", "period": "{period}", "value": "{value}",
                    "scale": "million", "unit": "USD", "bound": "{bound}",
                    "source": "s", "at": "p. 1"}}"#
            )
        })
        .collect();
    let text = format!(
        r#"{{"format": "earnings-dataset/1",
            "sources": {{"s": {{"title": "Test figures", "kind": "synthetic"}}}},
            "entities": {{"co": {{"name": "Test Co", "currency": "USD", "fiscal_year_end": "{fye}"}}}},
            "facts": [{}]}}"#,
        facts.join(",\n")
    );
    temp_file(&text)
}

/// `earnings arr --data FILE --scale million ARGS --format json`.
fn arr_json(file: &tempfile::NamedTempFile, args: &[&str]) -> Value {
    let mut all = vec!["arr", "--data", path_of(file), "--scale", "million"];
    all.extend(args);
    json(&all)
}

fn dates(rows: &[Value]) -> Vec<&str> {
    rows.iter().map(|r| r["date"].as_str().unwrap()).collect()
}

fn on<'a>(rows: &'a [Value], date: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["date"] == date)
        .unwrap_or_else(|| panic!("no path point on {date}"))
}

// ---------------------------------------------------------------- bundled data

#[test]
fn the_maas_target_path_from_june_to_december() {
    let report = json(&["arr"]);
    let pairs = section(&report, "arr_pairs");
    let pair = pairs
        .iter()
        .find(|p| p["entity"] == "alibaba-maas" && p["metric"] == "arr")
        .expect("the MaaS ARR pair");
    // FY2027-Q1 of a March fiscal year ends 2026-06-30; the target is for
    // 2026-12-31: six months.
    assert_eq!(pair["from"], "FY2027-Q1");
    assert_eq!(pair["to"], "2026-12-31");
    assert_eq!(pair["from_date"], "2026-06-30");
    assert_eq!(decimal(pair, "months"), dec("6"));
    // 30 / (at least 10): at most 3 times.
    assert_eq!(decimal(pair, "multiple"), dec("3"));
    assert_eq!(decimal(pair, "multiple_high"), dec("3"));
    // 3^(1/6) − 1 = 0.2009369…: at most 20.09% a month (the low end is
    // nothing like it: a larger start means less growth).
    assert_eq!(rounded(pair, "monthly_growth", 2), dec("20.09"));
    assert_eq!(rounded(pair, "monthly_growth_high", 2), dec("20.09"));
    assert!(decimal(pair, "monthly_growth_low") <= Decimal::ZERO);
    // 3^(1/2) − 1 = 0.7320508…: 73.21% a quarter; 3^2 − 1 = 8: 800% a year.
    assert_eq!(rounded(pair, "quarterly_growth", 2), dec("73.21"));
    assert_eq!(rounded(pair, "annualized_growth", 6), dec("800"));
    // ln 2 / ln 1.2009370 = 3.7856 months, or longer: no upper bound.
    assert_eq!(rounded(pair, "doubling_months", 2), dec("3.79"));
    assert_eq!(rounded(pair, "doubling_months_low", 2), dec("3.79"));
    assert_eq!(pair["doubling_months_high"], Value::Null);
    assert_eq!(pair["status"], "target");

    // The compound path: 10 × 3^(k/6) billion at the end of month k.
    let path = section(&report, "arr_path");
    let maas: Vec<Value> = path
        .iter()
        .filter(|r| r["entity"] == "alibaba-maas")
        .cloned()
        .collect();
    assert_eq!(
        dates(&maas),
        [
            "2026-06-30",
            "2026-07-31",
            "2026-08-31",
            "2026-09-30",
            "2026-10-31",
            "2026-11-30",
            "2026-12-31"
        ]
    );
    // September: 10 × 3^(3/6) = 17.3205 billion, and at least that.
    let september = on(&maas, "2026-09-30");
    assert_eq!(rounded(september, "value", 4), dec("17.3205"));
    assert_eq!(rounded(september, "low", 4), dec("17.3205"));
    assert_eq!(september["high"], Value::Null);
    assert_eq!(september["scale"], "billion");
    assert_eq!(september["model"], "compound");
    assert_eq!(on(&maas, "2026-06-30")["milestone"], "FY2027-Q1");
    assert_eq!(on(&maas, "2026-12-31")["milestone"], "2026-12-31");

    // ARR / 12: the 30 billion target is 2.5 billion a month; the June
    // floor of 10 billion at least 0.8333 billion a month.
    let milestones = section(&report, "arr_milestones");
    let december = milestones
        .iter()
        .find(|m| m["period"] == "2026-12-31")
        .unwrap();
    assert_eq!(decimal(december, "monthly_revenue"), dec("2.5"));
    let june = milestones
        .iter()
        .find(|m| m["period"] == "FY2027-Q1")
        .unwrap();
    assert_eq!(rounded(june, "monthly_revenue", 4), dec("0.8333"));
    assert_eq!(june["monthly_revenue_high"], Value::Null);
}

#[test]
fn the_table_shows_bounds_and_ends_with_the_chart() {
    let text = run_command(earnings().arg("arr").env("COLUMNS", "100"))
        .exits(0)
        .stdout;
    for expected in ["≤3×", "≤20.09%", "≤73.21%", "≥3.79", "≥17.32", "2.5"] {
        assert!(text.contains(expected), "{expected} missing from\n{text}");
    }
    // The chart closes the output: one bar per path point, 100 columns wide,
    // milestones labelled and the targets marked.
    let chart: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("alibaba-maas arr: compound path"))
        .collect();
    let bars: Vec<&str> = chart.iter().copied().filter(|l| l.contains('█')).collect();
    assert_eq!(bars.len(), 7, "{text}");
    for bar in &bars {
        assert_eq!(bar.chars().count(), 100, "{bar:?}");
    }
    assert!(bars.first().unwrap().contains("◆ FY2027-Q1 (target)"));
    assert!(bars.last().unwrap().contains("◆ 2026-12-31 (target)"));
    assert!(bars.get(3).unwrap().trim_end().ends_with("≥17.32"));
    // Bars grow month by month on the way to the target.
    let blocks = |l: &str| l.chars().filter(|c| *c == '█').count();
    let lengths: Vec<usize> = bars.iter().map(|b| blocks(b)).collect();
    assert!(lengths.windows(2).all(|w| w[0] <= w[1]), "{lengths:?}");
    assert!(chart.last().unwrap().contains("forward-looking milestone"));
}

#[test]
fn money_follows_scale() {
    // 17.3205 billion is 17,320.5 million.
    let report = json(&["arr", "--scale", "million"]);
    let path = section(&report, "arr_path");
    let september = on(path, "2026-09-30");
    assert_eq!(rounded(september, "value", 1), dec("17320.5"));
    assert_eq!(september["scale"], "million");
}

#[test]
fn the_report_has_the_arr_sections_and_chart() {
    let report = json(&["report"]);
    let pairs = section(&report, "arr_pairs");
    assert_eq!(
        rounded(pairs.first().unwrap(), "monthly_growth", 2),
        dec("20.09")
    );
    assert!(!section(&report, "arr_path").is_empty());
    // The report on a terminal is one screen; `arr` draws the chart.
    let text = stdout(&["arr"]);
    assert!(text.contains("alibaba-maas arr: compound path, month ends"));
    let markdown = stdout(&["report", "--format", "markdown"]);
    assert!(markdown.contains("```text\nalibaba-maas arr: compound path"));
}

#[test]
fn csv_has_milestones_pairs_and_path_in_one_table() {
    let text = stdout(&["arr", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(column("section"), 0);
    let of = |section: &str| -> Vec<&csv::StringRecord> {
        rows.iter().filter(|r| &r[0] == section).collect()
    };
    assert!(!of("arr_milestones").is_empty());
    let pair = *of("arr_pairs").first().unwrap();
    let monthly: Decimal = pair.get(column("monthly_growth")).unwrap().parse().unwrap();
    assert_eq!(monthly.round_dp(2), dec("20.09"));
    assert_eq!(pair.get(column("doubling_months_high")), Some(""));
    let path = of("arr_path");
    assert_eq!(path.len(), 7);
    assert!(path.iter().all(|r| !r[column("model")].is_empty()));
    // A pair's columns are empty on a path's row.
    assert!(path.iter().all(|r| r[column("monthly_growth")].is_empty()));
    // No chart in CSV.
    assert!(!text.contains('█'));
}

#[test]
fn help_shows_examples() {
    let text = stdout(&["arr", "--help"]);
    assert!(text.contains("Examples:"));
    assert!(text.contains("earnings arr --svg arr.svg"));
    assert!(text.contains("--model"));
    assert!(text.contains("--step"));
}

// ---------------------------------------------------------------- datasets of our own

#[test]
fn a_december_fiscal_year() {
    // FY2025 of a December year ends 2025-12-31 (100), FY2026-Q2 ends
    // 2026-06-30 (200): twice in six months, 2^(1/6) − 1 = 12.2462% a month,
    // 2^(1/2) − 1 = 41.42% a quarter, 2^2 − 1 = 300% a year, doubling in 6.
    let file = dataset(
        "12-31",
        &[("FY2025", "100", "exact"), ("FY2026-Q2", "200", "exact")],
    );
    let report = arr_json(&file, &[]);
    let pair = section(&report, "arr_pairs").first().unwrap().clone();
    assert_eq!(pair["from_date"], "2025-12-31");
    assert_eq!(pair["to_date"], "2026-06-30");
    assert_eq!(decimal(&pair, "months"), dec("6"));
    assert_eq!(decimal(&pair, "multiple"), dec("2"));
    assert_eq!(rounded(&pair, "monthly_growth", 4), dec("12.2462"));
    assert_eq!(rounded(&pair, "quarterly_growth", 2), dec("41.42"));
    assert_eq!(rounded(&pair, "annualized_growth", 6), dec("300"));
    assert_eq!(rounded(&pair, "doubling_months", 6), dec("6"));
    // 100 × 2^(3/6) = 141.42 million at the end of March.
    let path = section(&report, "arr_path");
    assert_eq!(path.len(), 7);
    assert_eq!(rounded(on(path, "2026-03-31"), "value", 2), dec("141.42"));
    // Quarter steps of a December year: March only, between December and June.
    let report = arr_json(&file, &["--step", "quarter"]);
    let path = section(&report, "arr_path");
    assert_eq!(dates(path), ["2025-12-31", "2026-03-31", "2026-06-30"]);
}

#[test]
fn a_march_fiscal_year_with_both_models() {
    // FY2026-Q4 of a March year ends 2026-03-31 (40), FY2027-Q2 ends
    // 2026-09-30 (90): 2.25 times in six months; 2.25^(1/2) = 1.5, so 50% a
    // quarter, and 1.5^(1/3) − 1 = 14.4714% a month.
    let file = dataset(
        "03-31",
        &[("FY2026-Q4", "40", "exact"), ("FY2027-Q2", "90", "exact")],
    );
    let report = arr_json(&file, &[]);
    let pair = section(&report, "arr_pairs").first().unwrap().clone();
    assert_eq!(pair["from_date"], "2026-03-31");
    assert_eq!(pair["to_date"], "2026-09-30");
    assert_eq!(decimal(&pair, "multiple"), dec("2.25"));
    assert_eq!(rounded(&pair, "quarterly_growth", 9), dec("50"));
    assert_eq!(rounded(&pair, "monthly_growth", 4), dec("14.4714"));
    // Compound, end of June: 40 × 1.5 = 60. Linear: 40 + 50 × 3/6 = 65.
    let compound = section(&report, "arr_path");
    assert_eq!(rounded(on(compound, "2026-06-30"), "value", 9), dec("60"));
    let report = arr_json(&file, &["--model", "linear"]);
    let linear = section(&report, "arr_path");
    assert_eq!(rounded(on(linear, "2026-06-30"), "value", 9), dec("65"));
    assert_eq!(on(linear, "2026-06-30")["model"], "linear");
    // Fiscal quarter ends of a March year are June, September, December, March.
    let report = arr_json(&file, &["--step", "quarter"]);
    let path = section(&report, "arr_path");
    assert_eq!(dates(path), ["2026-03-31", "2026-06-30", "2026-09-30"]);
}

#[test]
fn a_milestone_given_as_a_quarter_sits_at_its_last_day() {
    // A June fiscal year: FY2026-Q3 is January to March 2026, so its ARR is
    // the ARR at the end of 2026-03-31; the next milestone is an instant.
    // 50 → 75 in six months: 1.5^(1/6) − 1 = 6.9913% a month.
    let file = dataset(
        "06-30",
        &[("FY2026-Q3", "50", "exact"), ("2026-09-30", "75", "exact")],
    );
    let report = arr_json(&file, &[]);
    let milestones = section(&report, "arr_milestones");
    assert_eq!(milestones.first().unwrap()["period"], "FY2026-Q3");
    assert_eq!(milestones.first().unwrap()["date"], "2026-03-31");
    let pair = section(&report, "arr_pairs").first().unwrap().clone();
    assert_eq!(decimal(&pair, "months"), dec("6"));
    assert_eq!(rounded(&pair, "monthly_growth", 4), dec("6.9913"));
    // 75 / 12 = 6.25 million a month.
    assert_eq!(
        decimal(milestones.get(1).unwrap(), "monthly_revenue"),
        dec("6.25")
    );
}

#[test]
fn milestones_are_ordered_by_date_not_by_how_they_are_written() {
    // Written December first; three milestones make two pairs.
    let file = dataset(
        "12-31",
        &[
            ("2026-12-31", "40", "exact"),
            ("2026-06-30", "20", "exact"),
            ("CY2025-Q4", "10", "exact"),
        ],
    );
    let report = arr_json(&file, &[]);
    let pairs = section(&report, "arr_pairs");
    let spans: Vec<(&str, &str)> = pairs
        .iter()
        .map(|p| {
            (
                p["from_date"].as_str().unwrap(),
                p["to_date"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        spans,
        [("2025-12-31", "2026-06-30"), ("2026-06-30", "2026-12-31")]
    );
    // The June milestone appears once in the path: 6 + 1 + 6 points.
    assert_eq!(section(&report, "arr_path").len(), 13);
}

#[test]
fn a_single_milestone_says_why_there_is_no_trajectory() {
    let file = dataset("12-31", &[("CY2026-Q2", "10", "exact")]);
    let report = arr_json(&file, &[]);
    assert_eq!(section(&report, "arr_milestones").len(), 1);
    assert!(section(&report, "arr_pairs").is_empty());
    assert!(section(&report, "arr_path").is_empty());
    let text = stdout(&["arr", "--data", path_of(&file)]);
    assert!(
        text.contains(
            "co arr: only one milestone (CY2026-Q2, ending 2026-06-30), so no trajectory"
        ),
        "{text}"
    );
    // Nothing to draw: asking for an SVG is refused with one clear line.
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("arr.svg");
    let error = run(&[
        "arr",
        "--data",
        path_of(&file),
        "--svg",
        svg.to_str().unwrap(),
    ])
    .exits(2)
    .stderr;
    assert!(error.contains("nothing to draw"), "{error}");
    assert!(!svg.exists());
}

#[test]
fn a_falling_arr_never_doubles() {
    // 30 → 10 over a quarter: (1/3)^(1/3) − 1 = −30.66% a month; the path
    // falls every month.
    let file = dataset(
        "12-31",
        &[("2026-03-31", "30", "exact"), ("2026-06-30", "10", "exact")],
    );
    let report = arr_json(&file, &[]);
    let pair = section(&report, "arr_pairs").first().unwrap().clone();
    assert_eq!(rounded(&pair, "monthly_growth", 2), dec("-30.66"));
    // (1/3)^4 − 1 = −98.77% a year.
    assert_eq!(rounded(&pair, "annualized_growth", 2), dec("-98.77"));
    assert_eq!(pair["doubling_months"], Value::Null);
    let values: Vec<Decimal> = section(&report, "arr_path")
        .iter()
        .map(|r| decimal(r, "value"))
        .collect();
    assert!(values.windows(2).all(|w| w[0] > w[1]), "{values:?}");
    let text = stdout(&["arr", "--data", path_of(&file)]);
    assert!(text.contains("never"), "{text}");
}

#[test]
fn a_zero_start_is_not_meaningful_and_not_an_error() {
    let file = dataset(
        "12-31",
        &[("2026-03-31", "0", "exact"), ("2026-06-30", "12", "exact")],
    );
    let report = arr_json(&file, &[]);
    let pair = section(&report, "arr_pairs").first().unwrap().clone();
    for field in [
        "multiple",
        "monthly_growth",
        "quarterly_growth",
        "doubling_months",
    ] {
        assert_eq!(pair[field], Value::Null, "{field}");
    }
    assert!(pair["note"].as_str().unwrap().contains("zero"));
    // No compound path out of zero; the linear one: 0 + 12 × 1/3 = 4 at the end of April.
    let path = section(&report, "arr_path");
    assert_eq!(on(path, "2026-04-30")["value"], Value::Null);
    let report = arr_json(&file, &["--model", "linear"]);
    let path = section(&report, "arr_path");
    assert_eq!(rounded(on(path, "2026-04-30"), "value", 9), dec("4"));
    let text = stdout(&["arr", "--data", path_of(&file)]);
    assert!(text.contains("n/m"), "{text}");
}

// ---------------------------------------------------------------- SVG

/// The text of every `<text>` element of an SVG document.
fn svg_texts(svg: &str) -> Vec<String> {
    let document = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    assert_eq!(document.root_element().tag_name().name(), "svg");
    document
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            n.descendants()
                .filter_map(|t| t.text())
                .collect::<String>()
                .trim()
                .to_string()
        })
        .collect()
}

#[test]
fn the_svg_chart_labels_its_milestones() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("maas.svg");
    let table = stdout(&["arr", "--svg", file.to_str().unwrap()]);
    assert!(table.contains("ARR path"), "the table is printed too");
    let svg = std::fs::read_to_string(&file).unwrap();
    let texts = svg_texts(&svg);
    let has = |needle: &str| texts.iter().any(|t| t.contains(needle));
    assert!(
        has("alibaba-maas arr: compound path, month ends"),
        "{texts:?}"
    );
    assert!(
        has("Alibaba AI model and application services"),
        "{texts:?}"
    );
    assert!(has("FY2027-Q1 ≥10 (target)"), "{texts:?}");
    assert!(has("2026-12-31 30 (target)"), "{texts:?}");
    assert!(has("≥17.32"), "{texts:?}");
    assert!(has("CNY billion"), "{texts:?}");
    // One bar per path point, drawn as rectangles.
    let document = roxmltree::Document::parse(&svg).unwrap();
    let bars = document
        .descendants()
        .filter(|n| n.has_tag_name("rect"))
        .filter(|n| {
            ["#4682B4", "#E67E22"].iter().any(|c| {
                n.attribute("fill")
                    .is_some_and(|f| f.eq_ignore_ascii_case(c))
            })
        })
        .count();
    // Seven bars, plus one swatch per colour in the legend.
    assert_eq!(bars, 7 + 2);
}

#[test]
fn the_svg_of_several_trajectories_and_a_hostile_name() {
    // Two entities; one with a name that is not safe as XML or on a terminal.
    let text = r#"{"format": "earnings-dataset/1",
        "sources": {"s": {"title": "Test", "kind": "synthetic"}},
        "entities": {"a": {"name": "A & B <Co>\u001b[31m", "currency": "USD"},
                     "b": {"name": "B", "currency": "USD"}},
        "facts": [
          {"entity": "a", "metric": "cloud_arr", "period": "2026-01-31", "value": "1", "scale": "billion", "unit": "USD", "bound": "exact", "source": "s", "at": "1"},
          {"entity": "a", "metric": "cloud_arr", "period": "2026-04-30", "value": "2", "scale": "billion", "unit": "USD", "bound": "exact", "source": "s", "at": "1"},
          {"entity": "b", "metric": "arr", "period": "2026-01-31", "value": "5", "scale": "billion", "unit": "USD", "bound": "more_than", "source": "s", "at": "1"},
          {"entity": "b", "metric": "arr", "period": "2027-01-31", "value": "6", "scale": "billion", "unit": "USD", "source": "s", "at": "1"}
        ]}"#;
    let data = temp_file(text);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("two.svg");
    stdout(&[
        "arr",
        "--data",
        path_of(&data),
        "--svg",
        file.to_str().unwrap(),
    ]);
    let svg = std::fs::read_to_string(&file).unwrap();
    let texts = svg_texts(&svg);
    let has = |needle: &str| texts.iter().any(|t| t.contains(needle));
    assert!(has("a cloud_arr: compound path"), "{texts:?}");
    assert!(has("b arr: compound path"), "{texts:?}");
    // Shown as on a terminal: the escape made visible.
    assert!(has("A & B <Co>\\u{1b}[31m"), "{texts:?}");
    assert!(!svg.contains('\u{1b}'));
}
