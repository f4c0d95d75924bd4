//! `earnings statement`, quarter-over-quarter changes, trailing twelve
//! months and the `qoq` and `ttm` claims: values read from the JSON and
//! compared with what the figures give by hand, exactly; the statement
//! pinned in every format; its screens at 80 and 120 columns are in
//! `screen`.

use std::path::Path;

use rust_decimal::Decimal;
use serde_json::Value;

use super::common::{dec, earnings, json, number, path_of, run, run_command, temp_file, text};

const QUARTERS: &str = "tests/data/quarters.json";
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn quarters() -> String {
    format!("{ROOT}/{QUARTERS}")
}

/// The rows of a listing's JSON.
fn rows(listing: &Value) -> Vec<Value> {
    listing["rows"].as_array().expect("rows").clone()
}

/// The statement row of one entity's metric and line.
fn line<'a>(rows: &'a [Value], metric: &str, line: &str) -> &'a Value {
    rows.iter()
        .find(|r| text(r, "metric") == metric && text(r, "line") == line)
        .unwrap_or_else(|| panic!("no {line} line of {metric} in {rows:#?}"))
}

/// `(a / b − 1) × 100`.
fn change(a: &str, b: &str) -> Decimal {
    (dec(a) / dec(b) - Decimal::ONE) * Decimal::ONE_HUNDRED
}

/// Whether two decimals agree to 20 decimal places (a quotient is cut at
/// 28 significant digits, outwards).
fn close(a: Decimal, b: Decimal) -> bool {
    (a - b).abs() < dec("0.00000000000000000001")
}

#[test]
fn the_bundled_statement_sets_alibabas_years_side_by_side_with_their_changes() {
    let listing = json(&[
        "statement",
        "--entity",
        "alibaba",
        "--metric",
        "revenue",
        "--metric",
        "net_profit",
        "--scale",
        "million",
    ]);
    assert_eq!(listing["report"], "statement");
    let rows = rows(&listing);
    let revenue = line(&rows, "revenue", "figure");
    assert_eq!(number(revenue, "FY2026"), Some(dec("1023670")));
    assert_eq!(number(revenue, "FY2025"), Some(dec("996347")));
    let profit = line(&rows, "net_profit", "figure");
    assert_eq!(number(profit, "FY2026"), Some(dec("102127")));
    assert_eq!(number(profit, "FY2025"), Some(dec("125976")));
    let growth = line(&rows, "revenue", "yoy");
    assert_eq!(number(growth, "FY2026").unwrap().round_dp(4), dec("2.7423"));
    let fall = line(&rows, "net_profit", "yoy");
    assert_eq!(number(fall, "FY2026").unwrap().round_dp(3), dec("-18.931"));
    // No year before FY2025 is stated: its change is empty, not zero.
    assert_eq!(number(growth, "FY2025"), None);
    // Only the two metrics asked for, each with its figures and its change
    // (and the segments' own, which --entity keeps).
    let alibaba = rows
        .iter()
        .filter(|r| text(r, "entity") == "alibaba")
        .count();
    assert_eq!(alibaba, 4, "{rows:#?}");
    // Periods are columns, the latest first.
    let keys: Vec<&String> = revenue.as_object().unwrap().keys().collect();
    let at = |k: &str| keys.iter().position(|key| *key == k).unwrap();
    assert!(at("FY2026") < at("FY2025"), "{keys:?}");
}

#[test]
fn a_table_shows_each_figure_with_its_bound_marker() {
    let out = run(&[
        "statement",
        "--entity",
        "alibaba",
        "--metric",
        "free_cash_flow",
    ])
    .exits(0);
    // "about 46.6 billion" stays an approximate figure on the statement.
    assert!(out.stdout.contains("≈-46.6"), "{}", out.stdout);
}

#[test]
fn five_quarters_give_each_quarters_change_and_the_trailing_twelve_months() {
    let data = quarters();
    let listing = json(&[
        "statement",
        "--data",
        &data,
        "--quarterly",
        "--scale",
        "unit",
        "--digits",
        "exact",
    ]);
    let rows = rows(&listing);
    let qoq = line(&rows, "revenue", "qoq");
    // Each quarter against the one before it, across the fiscal year end
    // (FY2026-Q1 against FY2025-Q4); the first of the five has none.
    let quarters = [
        ("FY2025-Q4", "428.9", "410.2"),
        ("FY2026-Q1", "441.5", "428.9"),
        ("FY2026-Q2", "467.0", "441.5"),
        ("FY2026-Q3", "472.8", "467.0"),
    ];
    let half = dec("0.05");
    for (period, now, before) in quarters {
        let (now, before) = (dec(now), dec(before));
        let low = change(&(now - half).to_string(), &(before + half).to_string());
        let high = change(&(now + half).to_string(), &(before - half).to_string());
        let got_low = number(qoq, &format!("{period}_low")).unwrap();
        let got_high = number(qoq, &format!("{period}_high")).unwrap();
        assert!(
            close(got_low, low) && got_low <= low,
            "{period}: {got_low} vs {low}"
        );
        assert!(
            close(got_high, high) && got_high >= high,
            "{period}: {got_high} vs {high}"
        );
    }
    assert_eq!(number(qoq, "FY2025-Q3"), None);
    // The trailing twelve months: four quarters of ±0.05 million each.
    let ttm = line(&rows, "revenue", "ttm");
    assert_eq!(number(ttm, "FY2026-Q3"), Some(dec("1810200000")));
    assert_eq!(number(ttm, "FY2026-Q3_low"), Some(dec("1810000000")));
    assert_eq!(number(ttm, "FY2026-Q3_high"), Some(dec("1810400000")));
    assert_eq!(number(ttm, "FY2026-Q2"), Some(dec("1747600000")));
    // A loss in between: the change across the sign is n/m, the sum is not.
    let profit = line(&rows, "net_income", "qoq");
    assert_eq!(number(profit, "FY2026-Q2"), None);
    assert_eq!(
        number(line(&rows, "net_income", "ttm"), "FY2026-Q3"),
        Some(dec("161900000"))
    );
}

#[test]
fn the_trailing_twelve_months_name_their_inputs_and_formula() {
    let data = quarters();
    let listing = json(&[
        "metrics", "--data", &data, "--scale", "million", "--digits", "exact",
    ]);
    let rows = rows(&listing);
    let find = |kind: &str, metric: &str, period: &str| {
        rows.iter()
            .find(|r| {
                text(r, "kind") == kind
                    && text(r, "metric") == metric
                    && text(r, "period") == period
            })
            .unwrap_or_else(|| panic!("no {kind} of {metric}@{period}"))
            .clone()
    };
    let four = find("ttm", "revenue", "FY2026-Q3");
    assert_eq!(text(&four, "formula"), "sum of the four quarters");
    for quarter in ["FY2026-Q3", "FY2026-Q2", "FY2026-Q1", "FY2025-Q4"] {
        let input = format!("northwind.revenue@{quarter} = ");
        assert!(text(&four, "inputs").contains(&input), "{four:#?}");
    }
    assert!(!text(&four, "inputs").contains("FY2025-Q3"), "{four:#?}");
    // Without the quarters: last year + this year to date − last year's.
    let cash = find("ttm", "operating_cash_flow", "FY2026-Q3");
    assert_eq!(
        text(&cash, "formula"),
        "year before + year to date − the same span a year earlier"
    );
    assert_eq!(number(&cash, "value"), Some(dec("648.8")));
    assert_eq!(number(&cash, "low"), Some(dec("648.65")));
    assert_eq!(number(&cash, "high"), Some(dec("648.95")));
    for input in [
        "operating_cash_flow@FY2025 = 612.0",
        "operating_cash_flow@FY2026-Q1..FY2026-Q3 = 468.3",
        "operating_cash_flow@FY2025-Q1..FY2025-Q3 = 431.5",
    ] {
        assert!(text(&cash, "inputs").contains(input), "{cash:#?}");
    }
    // Eight quarters of orders: the TTM against the TTM a year earlier,
    // (131 + 136 + 140 + 144) / (118 + 121 + 125 + 127) thousand, each ±0.5.
    let orders = find("ttm_yoy", "orders", "FY2026-Q3");
    let (low, high) = (change("549", "493"), change("553", "489"));
    let value = number(&orders, "value").unwrap();
    assert!(close(value, change("551", "491")), "{orders:#?}");
    let got_low = number(&orders, "low").unwrap();
    let got_high = number(&orders, "high").unwrap();
    assert!(got_low <= low && close(got_low, low), "{got_low} vs {low}");
    assert!(
        got_high >= high && close(got_high, high),
        "{got_high} vs {high}"
    );
}

#[test]
fn qoq_and_ttm_claims_hold_are_contradicted_or_undetermined() {
    let data = quarters();
    let (code, listing) = super::common::run_json(&["verify", "--data", &data]);
    assert_eq!(code, 1, "a contradicted claim fails verify");
    let outcome = |kind: &str, of: &str, at: &str| -> String {
        rows(&listing)
            .iter()
            .find(|r| text(r, "kind") == kind && text(r, "of") == of && text(r, "at") == at)
            .map(|r| text(r, "outcome").to_string())
            .unwrap_or_else(|| panic!("no {kind} claim on {of} at {at}"))
    };
    let q1 = "northwind.revenue@FY2026-Q1";
    assert_eq!(outcome("qoq", q1, "p. 1"), "holds");
    assert_eq!(
        outcome("qoq", "northwind.revenue@FY2026-Q2", "p. 1"),
        "contradicted"
    );
    assert_eq!(outcome("qoq", q1, "p. 2"), "undetermined");
    let q3 = "northwind.revenue@FY2026-Q3";
    assert_eq!(outcome("ttm", q3, "p. 1"), "holds");
    assert_eq!(
        outcome("ttm", "northwind.revenue@FY2026-Q2", "p. 2"),
        "contradicted"
    );
    assert_eq!(outcome("ttm", q3, "p. 3"), "undetermined");
}

const ACME: &str = r#"{
  "format": "earnings-dataset/1",
  "sources": { "r": { "title": "Results", "kind": "release" } },
  "entities": { "acme": { "name": "Acme", "currency": "USD", "fiscal_year_end": "03-31" } },
  "facts": [
    { "entity": "acme", "metric": "revenue", "period": "FY2026-Q1", "value": "10", "unit": "USD", "bound": "exact", "source": "r", "at": "t" },
    { "entity": "acme", "metric": "revenue", "period": "FY2026-Q2", "value": "11", "unit": "USD", "bound": "exact", "source": "r", "at": "t" },
    { "entity": "acme", "metric": "revenue", "period": "FY2026-Q3", "value": "12", "unit": "USD", "bound": "exact", "source": "r", "at": "t" }
  ],
  "claims": [
    { "kind": "ttm", "of": "acme.revenue@FY2026-Q4", "value": "46", "unit": "USD", "bound": "exact", "source": "r", "at": "p. 1" },
    { "kind": "qoq", "of": "acme.revenue@FY2026", "value": "5", "unit": "percent", "source": "r", "at": "p. 2" }
  ]
}"#;

#[test]
fn a_ttm_claim_implies_its_missing_quarter() {
    let file = temp_file(ACME);
    let listing = json(&["facts", "--data", path_of(&file), "--scale", "unit"]);
    let implied = rows(&listing)
        .into_iter()
        .find(|r| text(r, "period") == "FY2026-Q4")
        .expect("the fourth quarter, implied");
    assert_eq!(text(&implied, "bound"), "implied");
    assert_eq!(number(&implied, "value"), Some(dec("13")));
    // A qoq claim of a year: it can never be computed, and says why.
    let verdicts = json(&["verify", "--data", path_of(&file)]);
    let year = rows(&verdicts)
        .into_iter()
        .find(|r| text(r, "kind") == "qoq")
        .unwrap();
    assert_eq!(text(&year, "outcome"), "unverifiable");
    assert!(
        text(&year, "reason").contains("FY2026 is not a quarter"),
        "{year:#?}"
    );
}

#[test]
fn periods_of_the_wrong_kind_or_too_many_are_refused() {
    let out = run(&["statement", "--periods", "2026-01..2026-03"]).exits(2);
    assert!(
        out.stderr
            .starts_with("earnings: --periods 2026-01..2026-03: expected years"),
        "{}",
        out.stderr
    );
    let out = run(&["statement", "--periods", "FY2023..FY2026", "--quarterly"]).exits(2);
    assert!(
        out.stderr.contains("with --quarterly: expected quarters"),
        "{}",
        out.stderr
    );
    let out = run(&["statement", "--periods", "FY1001..FY2026"]).exits(2);
    assert!(
        out.stderr.contains("more than 400 periods"),
        "{}",
        out.stderr
    );
}

#[test]
fn periods_asked_for_are_columns_even_without_figures() {
    let listing = json(&[
        "statement",
        "--periods",
        "FY2023..FY2026",
        "--metric",
        "revenue",
    ]);
    let first = &rows(&listing)[0];
    for period in ["FY2026", "FY2025", "FY2024", "FY2023"] {
        assert!(first.get(period).is_some(), "{period}: {first:#?}");
    }
    assert_eq!(number(first, "FY2023"), None);
}

// ------------------------------------------------------------ snapshots

fn pin(args: &[&str]) {
    let run = run_command(earnings().current_dir(ROOT).env("NO_COLOR", "1").args(args));
    let name = format!(
        "statement_{}",
        args.iter()
            .map(|a| a.trim_start_matches('-').replace(['/', '.'], "-"))
            .collect::<Vec<_>>()
            .join("_")
    );
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(Path::new(ROOT).join("tests/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    let text = run.to_string().replace(ROOT, "[ROOT]");
    settings.bind(|| insta::assert_snapshot!(name, text));
}

#[test]
fn statements_in_every_format() {
    for format in ["table", "csv", "json", "markdown"] {
        pin(&["statement", "--format", format]);
        pin(&[
            "statement",
            "--quarterly",
            "--data",
            QUARTERS,
            "--scale",
            "million",
            "--format",
            format,
        ]);
    }
    pin(&["statement", "--quarterly", "--format", "table"]);
}
