//! `earnings check` as a user runs it: small datasets of our own, one per
//! kind of finding, each with a case that must be found and one that must
//! not; the bundled data's scale errors; exit codes; the output formats;
//! and the conflict mark in `facts`.
//!
//! Values are compared as `Decimal`s from the JSON output (`--scale unit`
//! where a test computes with them), never as text.

use rust_decimal::Decimal;
use serde_json::Value;

use super::common::{decimal, path_of, run, section, temp_file};

// ---------------------------------------------------------------- helpers

/// A dataset file with sources `a`, `b` (press) and `f` (filing), a group
/// `g` with segments `s` and `s2`, `s`'s segment `t`, and the given facts
/// and claims.
fn dataset(facts: &[String], claims: &[String]) -> tempfile::NamedTempFile {
    let text = format!(
        r#"{{"format": "earnings-dataset/1",
        "sources": {{
            "a": {{"title": "A", "kind": "press"}},
            "b": {{"title": "B", "kind": "press"}},
            "f": {{"title": "F", "kind": "filing"}}
        }},
        "entities": {{
            "g": {{"name": "Group", "currency": "CNY"}},
            "s": {{"name": "Segment", "parent": "g"}},
            "s2": {{"name": "Other segment", "parent": "g"}},
            "t": {{"name": "Sub-segment", "parent": "s"}}
        }},
        "facts": [{}],
        "claims": [{}]}}"#,
        facts.join(","),
        claims.join(",")
    );
    temp_file(&text)
}

fn fact(
    entity: &str,
    metric: &str,
    period: &str,
    value: &str,
    scale: &str,
    source: &str,
) -> String {
    format!(
        r#"{{"entity": "{entity}", "metric": "{metric}", "period": "{period}", "value": "{value}",
            "scale": "{scale}", "unit": "CNY", "source": "{source}", "at": "p1"}}"#
    )
}

/// `earnings check --format json --scale unit` on a dataset.
fn check(file: &tempfile::NamedTempFile, expected_code: i32) -> Vec<Value> {
    run(&[
        "check",
        "--data",
        path_of(file),
        "--format",
        "json",
        "--scale",
        "unit",
    ])
    .exits(expected_code)
    .rows()
}

fn of_kind<'a>(rows: &'a [Value], kind: &str) -> Vec<&'a Value> {
    rows.iter().filter(|r| r["kind"] == kind).collect()
}

fn figures(row: &Value) -> &[Value] {
    row["figures"].as_array().map_or(&[], Vec::as_slice)
}

// ------------------------------------------------------------ conflicts

#[test]
fn a_power_of_ten_conflict_is_a_scale_error_and_exits_1() {
    let file = dataset(
        &[
            fact("g", "revenue", "FY2026", "89.71", "billion", "a"),
            fact("g", "revenue", "FY2026", "8971", "million", "b"),
        ],
        &[],
    );
    let rows = check(&file, 1);
    let scale = of_kind(&rows, "scale_error");
    assert_eq!(scale.len(), 1, "{rows:#?}");
    assert_eq!(scale[0]["severity"], "error");
    let involved = figures(scale[0]);
    assert_eq!(involved.len(), 2);
    let (first, second) = (
        decimal(&involved[0], "value"),
        decimal(&involved[1], "value"),
    );
    assert_eq!(first, second * Decimal::TEN);
    assert_eq!(involved[0]["source"], "a");
    assert_eq!(involved[1]["at"], "p1");
    assert_eq!(involved[1]["scale"], "unit");
}

/// Figures for the same dates under different labels are compared as one
/// figure: `FY2026-Q1` of a December year, `CY2026-Q1` and
/// `2026-01..2026-03` at 8.971, 89.71 and 897.1 are three scale errors,
/// whichever order the facts come in.
#[test]
fn the_same_dates_under_different_labels_are_compared() {
    let facts = [
        fact("g", "ai_revenue", "FY2026-Q1", "8.971", "billion", "a"),
        fact("g", "ai_revenue", "CY2026-Q1", "89.71", "billion", "b"),
        fact(
            "g",
            "ai_revenue",
            "2026-01..2026-03",
            "897.1",
            "billion",
            "f",
        ),
    ];
    let rows = check(&dataset(&facts, &[]), 1);
    let scale = of_kind(&rows, "scale_error");
    assert_eq!(scale.len(), 3, "{rows:#?}");
    let messages: Vec<&str> = scale
        .iter()
        .map(|r| r["message"].as_str().unwrap())
        .collect();
    for (one, other) in [
        ("g.ai_revenue@2026-01..2026-03", "g.ai_revenue@CY2026-Q1"),
        ("g.ai_revenue@2026-01..2026-03", "g.ai_revenue@FY2026-Q1"),
        ("g.ai_revenue@CY2026-Q1", "g.ai_revenue@FY2026-Q1"),
    ] {
        let both = format!("{one} and {other} (the same dates)");
        assert!(
            messages.iter().any(|m| m.starts_with(&both)),
            "{both}: {messages:#?}"
        );
    }
    assert!(scale.iter().all(|r| r["severity"] == "error"));
    let mut reversed = facts.clone();
    reversed.reverse();
    let again = check(&dataset(&reversed, &[]), 1);
    assert_eq!(of_kind(&again, "scale_error"), scale);
    // A quarter of a March year is other dates: nothing to compare.
    let other = [
        fact("g", "ai_revenue", "CY2026-Q1", "89.71", "billion", "b"),
        fact("g", "ai_revenue", "CY2026-Q2", "8.971", "billion", "a"),
    ];
    assert!(of_kind(&check(&dataset(&other, &[]), 0), "scale_error").is_empty());
}

/// A claim about a metric or period nothing else mentions, close to one the
/// data uses, is a likely typo: a `check` error with the name it probably
/// meant. A metric with no close name (one the article alone mentions)
/// stays merely unverifiable, with its note and no error.
#[test]
fn a_claim_naming_what_nothing_else_does_is_a_likely_typo_if_close() {
    let claim = |of: &str, value: &str, at: &str| {
        format!(
            r#"{{"kind": "level", "of": "{of}", "value": "{value}", "scale": "billion", "unit": "CNY", "source": "b", "at": "{at}"}}"#
        )
    };
    let facts = [
        fact("g", "revenue", "FY2025", "130.5", "billion", "a"),
        fact("g", "revenue", "FY2024", "60.9", "billion", "a"),
    ];
    let typo = dataset(&facts, &[claim("g.revenu@FY2025", "130.5", "p3")]);
    let rows = check(&typo, 1);
    let typos = of_kind(&rows, "likely_typo");
    assert_eq!(typos.len(), 1, "{rows:#?}");
    assert_eq!(typos[0]["severity"], "error");
    assert!(
        typos[0]["message"].as_str().unwrap().contains(
            "no fact or other claim mentions its metric 'revenu' (did you mean 'revenue'?)"
        ),
        "{rows:#?}"
    );
    let period = dataset(&facts, &[claim("g.revenue@FY2052", "1", "p4")]);
    let rows = check(&period, 1);
    let typos = of_kind(&rows, "likely_typo");
    assert_eq!(typos.len(), 1, "{rows:#?}");
    assert!(
        typos[0]["message"]
            .as_str()
            .unwrap()
            .contains("its period FY2052 (did you mean FY2025?)"),
        "{rows:#?}"
    );
    // Far from any name: no error, and verify says it cannot check it.
    let far = dataset(&facts, &[claim("g.cloud_gpu_backlog@FY2025", "3", "p5")]);
    assert!(of_kind(&check(&far, 0), "likely_typo").is_empty());
    let verify = run(&["verify", "--data", path_of(&far), "--format", "csv"])
        .exits(0)
        .stdout;
    assert!(verify.contains(",unverifiable,"), "{verify}");
    assert!(
        verify.contains("g.cloud_gpu_backlog@FY2025: no source states it"),
        "{verify}"
    );
    // The prior year of a period the data uses is no typo.
    let prior = dataset(&facts, &[claim("g.revenue@FY2023", "50", "p6")]);
    assert!(of_kind(&check(&prior, 0), "likely_typo").is_empty());
}

#[test]
fn rounding_is_not_a_conflict() {
    // 1.02367 trillion is 1,023,665 to 1,023,675 million.
    let file = dataset(
        &[
            fact("g", "revenue", "FY2026", "1.02367", "trillion", "a"),
            fact("g", "revenue", "FY2026", "1023670", "million", "f"),
        ],
        &[],
    );
    let rows = check(&file, 0);
    assert!(of_kind(&rows, "conflict").is_empty(), "{rows:#?}");
    assert!(of_kind(&rows, "scale_error").is_empty(), "{rows:#?}");
}

#[test]
fn another_conflict_is_a_warning_and_exits_0() {
    let file = dataset(
        &[
            fact("g", "revenue", "FY2026", "120", "billion", "a"),
            fact("g", "revenue", "FY2026", "100", "billion", "f"),
        ],
        &[],
    );
    let rows = check(&file, 0);
    let conflicts = of_kind(&rows, "conflict");
    assert_eq!(conflicts.len(), 1, "{rows:#?}");
    assert_eq!(conflicts[0]["severity"], "warning");
    // The more trusted source (the filing) comes first.
    assert_eq!(figures(conflicts[0])[0]["source"], "f");
}

// ------------------------------------------------------- part and whole

#[test]
fn a_part_above_its_whole_is_an_error() {
    let file = dataset(
        &[
            fact("s", "revenue", "FY2026-Q4", "41.6", "billion", "a"),
            fact("t", "revenue", "FY2026-Q4", "89.71", "billion", "a"),
        ],
        &[],
    );
    let rows = check(&file, 1);
    let parts = of_kind(&rows, "part_above_whole");
    assert_eq!(parts.len(), 1, "{rows:#?}");
    let involved = figures(parts[0]);
    assert_eq!(involved[0]["figure"], "t.revenue@FY2026-Q4");
    assert_eq!(involved[1]["figure"], "s.revenue@FY2026-Q4");
    assert!(decimal(&involved[0], "low") > decimal(&involved[1], "high"));
}

#[test]
fn a_part_within_its_whole_is_not_reported() {
    let file = dataset(
        &[
            fact("s", "revenue", "FY2026-Q4", "41.6", "billion", "a"),
            fact("t", "revenue", "FY2026-Q4", "8.971", "billion", "a"),
            // A segment's profit may exceed the group's.
            fact("g", "net_profit", "FY2026-Q4", "5", "billion", "a"),
            fact("s", "net_profit", "FY2026-Q4", "9", "billion", "a"),
        ],
        &[],
    );
    let rows = check(&file, 0);
    assert!(of_kind(&rows, "part_above_whole").is_empty(), "{rows:#?}");
}

fn share(value: &str) -> String {
    format!(
        r#"{{"kind": "share", "of": "t.revenue@FY2026", "whole": "s.revenue@FY2026",
            "value": "{value}", "unit": "percent", "source": "a", "at": "p2"}}"#
    )
}

#[test]
fn a_share_above_100_percent_is_an_error() {
    let rows = check(&dataset(&[], &[share("130")]), 1);
    let shares = of_kind(&rows, "share_above_100");
    assert_eq!(shares.len(), 1, "{rows:#?}");
    let claimed = &figures(shares[0])[0];
    assert_eq!(claimed["role"], "claimed");
    assert!(decimal(claimed, "low") > Decimal::ONE_HUNDRED);
    let rows = check(&dataset(&[], &[share("30")]), 0);
    assert!(of_kind(&rows, "share_above_100").is_empty(), "{rows:#?}");
}

// ---------------------------------------------------------- implausible

#[test]
fn a_segment_above_the_groups_revenue_is_implausible() {
    let file = dataset(
        &[
            fact("g", "revenue", "FY2026-Q4", "50", "billion", "a"),
            fact("t", "capex", "FY2026-Q4", "60", "billion", "a"),
        ],
        &[],
    );
    let rows = check(&file, 0);
    let sizes = of_kind(&rows, "implausible_size");
    assert_eq!(sizes.len(), 1, "{rows:#?}");
    assert_eq!(sizes[0]["severity"], "warning");
    let involved = figures(sizes[0]);
    assert!(decimal(&involved[0], "value") > decimal(&involved[1], "value"));

    let file = dataset(
        &[
            fact("g", "revenue", "FY2026-Q4", "50", "billion", "a"),
            fact("t", "capex", "FY2026-Q4", "6", "billion", "a"),
        ],
        &[],
    );
    let rows = check(&file, 0);
    assert!(of_kind(&rows, "implausible_size").is_empty(), "{rows:#?}");
}

#[test]
fn a_margin_outside_plus_minus_100_percent_is_flagged() {
    let file = dataset(
        &[
            fact("g", "revenue", "FY2026", "100", "billion", "a"),
            fact("g", "net_profit", "FY2026", "150", "billion", "a"),
        ],
        &[],
    );
    let rows = check(&file, 0);
    let margins = of_kind(&rows, "margin_out_of_range");
    assert_eq!(margins.len(), 1, "{rows:#?}");
    let computed = figures(margins[0])
        .iter()
        .find(|f| f["role"] == "computed")
        .expect("the computed margin");
    assert_eq!(computed["unit"], "percent");
    assert!(decimal(computed, "low") >= Decimal::ONE_HUNDRED);

    let file = dataset(
        &[
            fact("g", "revenue", "FY2026", "100", "billion", "a"),
            fact("g", "net_profit", "FY2026", "15", "billion", "a"),
        ],
        &[],
    );
    let rows = check(&file, 0);
    assert!(
        of_kind(&rows, "margin_out_of_range").is_empty(),
        "{rows:#?}"
    );
}

// ---------------------------------------------------------------- hygiene

#[test]
fn hygiene_findings_are_notes() {
    let noted = r#"{"entity": "g", "metric": "capex", "period": "FY2026", "value": "7",
        "scale": "billion", "unit": "CNY", "source": "a", "at": "p3",
        "note": "The year could also be the calendar year."}"#;
    let file = dataset(&[noted.to_string()], &[share("30")]);
    let rows = check(&file, 0);
    assert!(rows.iter().all(|r| r["severity"] == "note"), "{rows:#?}");
    let unused = of_kind(&rows, "unused_fact");
    assert_eq!(unused.len(), 1, "{rows:#?}");
    assert_eq!(figures(unused[0])[0]["figure"], "g.capex@FY2026");
    assert_eq!(of_kind(&rows, "idle_claim").len(), 1, "{rows:#?}");
    assert_eq!(of_kind(&rows, "ambiguous_wording").len(), 1, "{rows:#?}");
    // g has a fact; s, s2 and t have none.
    assert_eq!(of_kind(&rows, "entity_without_facts").len(), 3, "{rows:#?}");
}

#[test]
fn used_facts_and_plain_notes_are_not_flagged() {
    let plain = r#"{"entity": "g", "metric": "revenue", "period": "FY2026", "value": "7",
        "scale": "billion", "unit": "CNY", "source": "a", "at": "p3", "note": "Audited."}"#;
    let file = dataset(
        &[
            plain.to_string(),
            fact("g", "revenue", "FY2025", "6", "billion", "a"),
            fact("s", "revenue", "FY2026", "3", "billion", "a"),
            fact("s2", "revenue", "FY2026", "3", "billion", "a"),
            // 0.9 of 3 is the 30% the share claims, so `verify` finds it holds.
            fact("t", "revenue", "FY2026", "0.9", "billion", "a"),
        ],
        &[share("30")],
    );
    let rows = check(&file, 0);
    for kind in [
        "unused_fact",
        "idle_claim",
        "ambiguous_wording",
        "entity_without_facts",
    ] {
        assert!(of_kind(&rows, kind).is_empty(), "{kind}: {rows:#?}");
    }
}

// --------------------------------------------------------------- bundled

/// The finding of a kind about a figure, in the bundled data.
fn bundled_finding<'a>(rows: &'a [Value], kind: &str, figure: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["kind"] == kind && figures(r).first().is_some_and(|f| f["figure"] == figure))
        .unwrap_or_else(|| panic!("no {kind} finding about {figure}: {rows:#?}"))
}

#[test]
fn the_bundled_data_has_the_articles_scale_errors() {
    let rows = run(&["check", "--format", "json", "--scale", "unit"])
        .exits(1)
        .rows();
    assert_eq!(
        rows.first().map(|r| &r["severity"]),
        Some(&Value::from("error"))
    );

    // AI-related revenue: the article's figure is ten times the other coverage's.
    let ai = bundled_finding(&rows, "scale_error", "alibaba-ai.revenue@FY2026-Q4");
    assert_eq!(ai["severity"], "error");
    let involved = figures(ai);
    let article = involved.iter().find(|f| f["source"] == "article").unwrap();
    let other = involved.iter().find(|f| f["source"] != "article").unwrap();
    assert_eq!(
        decimal(article, "value"),
        decimal(other, "value") * Decimal::TEN
    );

    // ... and above what its parent segment earns in that quarter.
    let part = bundled_finding(&rows, "part_above_whole", "alibaba-ai.revenue@FY2026-Q4");
    assert_eq!(part["severity"], "error");
    let (part_figure, whole) = (&figures(part)[0], &figures(part)[1]);
    assert_eq!(part_figure["source"], "article");
    assert_eq!(whole["figure"], "alibaba-cloud.revenue@FY2026-Q4");
    assert!(decimal(part_figure, "low") > decimal(whole, "high"));

    // Prior-year quarterly free cash flow: ten times the other figure on record.
    let fcf = bundled_finding(&rows, "scale_error", "alibaba.free_cash_flow@FY2025-Q4");
    let involved = figures(fcf);
    let article = involved.iter().find(|f| f["source"] == "article").unwrap();
    let other = involved.iter().find(|f| f["source"] != "article").unwrap();
    assert_eq!(
        decimal(article, "value"),
        decimal(other, "value") * Decimal::TEN
    );

    // Revenue, 1.02367 trillion against 1,023,670 million, is no conflict.
    assert!(!rows.iter().any(|r| {
        (r["kind"] == "conflict" || r["kind"] == "scale_error")
            && figures(r)
                .iter()
                .any(|f| f["figure"] == "alibaba.revenue@FY2026")
    }));
}

#[test]
fn csv_has_one_row_per_finding_with_the_figures_as_json() {
    let json_rows = run(&["check", "--format", "json"]).exits(1).rows();
    let csv = run(&["check", "--format", "csv"]).exits(1).stdout;
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        ["severity", "kind", "message", "figures"]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), json_rows.len());
    for (record, row) in records.iter().zip(&json_rows) {
        assert_eq!(record.get(1), row["kind"].as_str());
        let cell: Value = serde_json::from_str(record.get(3).unwrap()).unwrap();
        assert_eq!(&cell, &row["figures"]);
    }
}

#[test]
fn a_filter_keeps_the_findings_about_it_and_sets_the_exit_code() {
    // ByteDance's figures have notes only.
    let rows = run(&["check", "--entity", "bytedance", "--format", "json"])
        .exits(0)
        .rows();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["severity"] == "note"), "{rows:#?}");
    // Cloud's segments hold the AI revenue scale error.
    let rows = run(&["check", "--entity", "alibaba-cloud", "--format", "json"])
        .exits(1)
        .rows();
    assert!(of_kind(&rows, "scale_error").iter().all(|r| {
        figures(r)
            .iter()
            .all(|f| f["figure"].as_str().unwrap().starts_with("alibaba-"))
    }));
}

#[test]
fn tables_list_errors_first_with_a_summary() {
    let out = run(&["check"]).exits(1).stdout;
    let error = out.find("│ error").expect("an error row");
    let note = out.find("│ note").expect("a note row");
    assert!(error < note, "{out}");
    assert!(out.contains("errors,"), "{out}");
    let markdown = run(&["check", "--format", "markdown"]).exits(1).stdout;
    assert!(markdown.starts_with("## Data findings"), "{markdown}");
}

#[test]
fn bad_data_exits_2() {
    let file = temp_file(r#"{"format": "nope"}"#);
    let out = run(&["check", "--data", path_of(&file)]).exits(2);
    assert!(out.stderr.starts_with("earnings: "), "{}", out.stderr);
}

// ------------------------------------------------------- conflict marks

#[test]
fn facts_mark_the_figures_with_a_conflict() {
    let rows = run(&["facts", "--format", "json"]).exits(0).rows();
    let check_rows = run(&["check", "--format", "json"]).exits(1).rows();
    let conflicted: std::collections::HashSet<&str> = check_rows
        .iter()
        .filter(|r| r["kind"] == "conflict" || r["kind"] == "scale_error")
        .flat_map(|r| figures(r).iter().filter_map(|f| f["figure"].as_str()))
        .collect();
    assert!(!conflicted.is_empty());
    for row in &rows {
        let figure = format!(
            "{}.{}@{}",
            row["entity"].as_str().unwrap(),
            row["metric"].as_str().unwrap(),
            row["period"].as_str().unwrap()
        );
        let expected = if conflicted.contains(figure.as_str()) {
            "true"
        } else {
            "false"
        };
        assert_eq!(row["conflict"], expected, "{figure}");
    }
    let table = run(&["facts", "--metric", "free_cash_flow"])
        .exits(0)
        .stdout;
    assert!(table.contains("! sources disagree"), "{table}");
}

#[test]
fn the_report_ends_with_the_findings() {
    let report = run(&["report", "--format", "json"]).exits(0).json();
    let rows = section(&report, "check");
    assert_eq!(
        rows.first().map(|r| &r["severity"]),
        Some(&Value::from("error"))
    );
}
