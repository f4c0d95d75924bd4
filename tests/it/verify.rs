//! `earnings verify` as CI runs it: every claim kind, every bound and every
//! outcome on small datasets of our own, the exit codes (0, 1, 2, and 1 on
//! any claim that does not hold with `--strict`), `--against best`, every output
//! format, and the bundled data, whose computed figures must match what the
//! article states.
//!
//! Numbers are compared as `Decimal`s parsed from the JSON output.

use rust_decimal::Decimal;
use serde_json::Value;

use super::common::{Run, dec, number, rows, run, run_json, section, split_reference, text, write};

// ------------------------------------------------- a dataset of our own

/// Acme's figures, all exact except a rounded gross profit, in billions
/// (orders in millions): revenue 100 (80 the year before), net profit 20,
/// gross profit "50" (49.5 to 50.5), Cloud 40 for the year and 12.5 in Q4,
/// orders 270 (100 the year before). The filing states them all.
const FACTS: &str = r#"
    {"entity": "acme", "metric": "revenue", "period": "FY2025", "value": "100", "scale": "billion", "unit": "USD", "bound": "exact", "source": "filing", "at": "p. 1"},
    {"entity": "acme", "metric": "revenue", "period": "FY2024", "value": "80", "scale": "billion", "unit": "USD", "bound": "exact", "source": "filing", "at": "p. 1"},
    {"entity": "acme", "metric": "net_profit", "period": "FY2025", "value": "20", "scale": "billion", "unit": "USD", "bound": "exact", "source": "filing", "at": "p. 2"},
    {"entity": "acme", "metric": "gross_profit", "period": "FY2025", "value": "50", "scale": "billion", "unit": "USD", "source": "filing", "at": "p. 2"},
    {"entity": "acme-cloud", "metric": "revenue", "period": "FY2025", "value": "40", "scale": "billion", "unit": "USD", "bound": "exact", "source": "filing", "at": "p. 3"},
    {"entity": "acme-cloud", "metric": "revenue", "period": "FY2025-Q4", "value": "12.5", "scale": "billion", "unit": "USD", "bound": "exact", "source": "filing", "at": "p. 3"},
    {"entity": "acme", "metric": "orders", "period": "FY2025", "value": "270", "scale": "million", "unit": "orders", "bound": "exact", "source": "filing", "at": "p. 4"},
    {"entity": "acme", "metric": "orders", "period": "FY2024", "value": "100", "scale": "million", "unit": "orders", "bound": "exact", "source": "filing", "at": "p. 4"}"#;

fn dataset(facts: &str, claims: &str) -> String {
    format!(
        r#"{{"format": "earnings-dataset/1",
  "sources": {{
    "filing": {{"title": "Acme annual report", "kind": "filing"}},
    "press": {{"title": "A newspaper", "kind": "press"}}
  }},
  "entities": {{
    "acme": {{"name": "Acme", "currency": "USD"}},
    "acme-cloud": {{"name": "Acme Cloud", "parent": "acme"}}
  }},
  "facts": [{facts}],
  "claims": [{claims}]}}"#
    )
}

/// A claim by the newspaper: its relation fields, then value, unit and bound fields.
fn claim(relation: &str, value_fields: &str) -> String {
    format!(r#"{{{relation}, {value_fields}, "source": "press", "at": "p. 7"}}"#)
}

/// One claim, what `verify` must find and the point it must compute.
struct Case {
    relation: &'static str,
    value: &'static str,
    outcome: &'static str,
    computed: Option<&'static str>,
}

const LEVEL: &str = r#""kind": "level", "of": "acme.revenue@FY2025""#;
const YOY: &str = r#""kind": "yoy", "of": "acme.revenue@FY2025""#;
const SHARE: &str =
    r#""kind": "share", "of": "acme-cloud.revenue@FY2025", "whole": "acme.revenue@FY2025""#;
const RUN_RATE: &str = r#""kind": "run_rate", "of": "acme-cloud.revenue@FY2025-Q4""#;
const MULTIPLE: &str =
    r#""kind": "multiple", "of": "acme.orders@FY2025", "base": "acme.orders@FY2024""#;
const MARGIN: &str = r#""kind": "margin", "of": "acme.net_profit@FY2025""#;

#[rustfmt::skip]
const CASES: &[Case] = &[
    // level: revenue is exactly 100 billion.
    Case { relation: LEVEL, value: r#""value": "90", "scale": "billion", "unit": "USD", "bound": "more_than""#, outcome: "holds", computed: Some("100") },
    Case { relation: LEVEL, value: r#""value": "100", "scale": "billion", "unit": "USD", "bound": "more_than""#, outcome: "contradicted", computed: Some("100") },
    Case { relation: LEVEL, value: r#""value": "100", "scale": "billion", "unit": "USD", "bound": "at_least""#, outcome: "holds", computed: Some("100") },
    Case { relation: LEVEL, value: r#""value": "100", "scale": "billion", "unit": "USD", "bound": "less_than""#, outcome: "contradicted", computed: Some("100") },
    Case { relation: LEVEL, value: r#""value": "100", "scale": "billion", "unit": "USD", "bound": "at_most""#, outcome: "holds", computed: Some("100") },
    Case { relation: LEVEL, value: r#""value": "99", "scale": "billion", "unit": "USD", "bound": "at_most""#, outcome: "contradicted", computed: Some("100") },
    // rounded "100" allows [99.5, 100.5]; "101" allows [100.5, 101.5].
    Case { relation: LEVEL, value: r#""value": "100", "scale": "billion", "unit": "USD""#, outcome: "holds", computed: Some("100") },
    Case { relation: LEVEL, value: r#""value": "101", "scale": "billion", "unit": "USD""#, outcome: "contradicted", computed: Some("100") },
    Case { relation: LEVEL, value: r#""value": "100", "scale": "billion", "unit": "USD", "bound": "exact""#, outcome: "holds", computed: Some("100") },
    // about 97: within 5%, [92.15, 101.85]; about 90: [85.5, 94.5].
    Case { relation: LEVEL, value: r#""value": "97", "scale": "billion", "unit": "USD", "bound": "about""#, outcome: "holds", computed: Some("100") },
    Case { relation: LEVEL, value: r#""value": "90", "scale": "billion", "unit": "USD", "bound": "about""#, outcome: "contradicted", computed: Some("100") },
    Case { relation: LEVEL, value: r#""value": "95", "high": "105", "scale": "billion", "unit": "USD", "bound": "range""#, outcome: "holds", computed: Some("100") },
    Case { relation: LEVEL, value: r#""value": "90", "high": "95", "scale": "billion", "unit": "USD", "bound": "range""#, outcome: "contradicted", computed: Some("100") },
    // Gross profit "50" is [49.5, 50.5]: "at least 50" can be neither confirmed nor ruled out.
    Case { relation: r#""kind": "level", "of": "acme.gross_profit@FY2025""#, value: r#""value": "50", "scale": "billion", "unit": "USD", "bound": "at_least""#, outcome: "undetermined", computed: Some("50") },
    // A rounded claim's rounding is in its interval: "50.4" ([50.35, 50.45]) only overlapping
    // [49.5, 50.5] is not enough, nor is an exact 50.4.
    Case { relation: r#""kind": "level", "of": "acme.gross_profit@FY2025""#, value: r#""value": "50.4", "scale": "billion", "unit": "USD""#, outcome: "undetermined", computed: Some("50") },
    Case { relation: r#""kind": "level", "of": "acme.gross_profit@FY2025""#, value: r#""value": "50.4", "scale": "billion", "unit": "USD", "bound": "exact""#, outcome: "undetermined", computed: Some("50") },
    // A level in another currency is not converted.
    Case { relation: LEVEL, value: r#""value": "90", "scale": "billion", "unit": "EUR", "bound": "more_than""#, outcome: "unverifiable", computed: None },
    // yoy: (100 − 80) / 80 = 25%.
    Case { relation: YOY, value: r#""value": "25", "unit": "percent""#, outcome: "holds", computed: Some("25") },
    Case { relation: YOY, value: r#""value": "30", "unit": "percent", "bound": "more_than""#, outcome: "contradicted", computed: Some("25") },
    Case { relation: r#""kind": "yoy", "of": "acme.net_profit@FY2025""#, value: r#""value": "25", "unit": "percent""#, outcome: "unverifiable", computed: None },
    // share: 40 / 100 = 40%.
    Case { relation: SHARE, value: r#""value": "40", "unit": "percent""#, outcome: "holds", computed: Some("40") },
    Case { relation: SHARE, value: r#""value": "50", "unit": "percent", "bound": "more_than""#, outcome: "contradicted", computed: Some("40") },
    // run_rate: 12.5 × 4 = 50 billion a year.
    Case { relation: RUN_RATE, value: r#""value": "50", "scale": "billion", "unit": "USD""#, outcome: "holds", computed: Some("50") },
    Case { relation: RUN_RATE, value: r#""value": "55", "scale": "billion", "unit": "USD", "bound": "more_than""#, outcome: "contradicted", computed: Some("50") },
    // A full year is annual already: its run-rate is the year itself.
    Case { relation: r#""kind": "run_rate", "of": "acme-cloud.revenue@FY2025""#, value: r#""value": "40", "scale": "billion", "unit": "USD""#, outcome: "holds", computed: Some("40") },
    // multiple: 270 / 100 = 2.7.
    Case { relation: MULTIPLE, value: r#""value": "2.7", "unit": "multiple""#, outcome: "holds", computed: Some("2.7") },
    Case { relation: MULTIPLE, value: r#""value": "3", "high": "4", "unit": "multiple", "bound": "range""#, outcome: "contradicted", computed: Some("2.7") },
    // margin: 20 / 100 = 20%.
    Case { relation: MARGIN, value: r#""value": "20", "unit": "percent""#, outcome: "holds", computed: Some("20") },
    Case { relation: MARGIN, value: r#""value": "30", "unit": "percent", "bound": "about""#, outcome: "contradicted", computed: Some("20") },
];

#[test]
fn every_kind_bound_and_outcome_with_its_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    for (n, case) in CASES.iter().enumerate() {
        let doc = dataset(FACTS, &claim(case.relation, case.value));
        let path = write(dir.path(), &format!("case{n}.json"), &doc);
        let (code, json) = run_json(&["verify", "--data", &path]);
        let row = &rows(&json)[0];
        let what = format!("{} {}", case.relation, case.value);
        assert_eq!(text(row, "outcome"), case.outcome, "{what}: {row}");
        assert_eq!(
            number(row, "computed_value"),
            case.computed.map(dec),
            "{what}: {row}"
        );
        let expected_code = if case.outcome == "contradicted" { 1 } else { 0 };
        assert_eq!(code, expected_code, "{what}: exit code");
        // --strict fails on anything but holds.
        let (strict, _) = run_json(&["verify", "--strict", "--data", &path]);
        let strict_code = if case.outcome == "holds" { 0 } else { 1 };
        assert_eq!(strict, strict_code, "{what}: exit code with --strict");
    }
}

#[test]
fn json_fields_carry_the_claim_the_computation_and_the_figures() {
    let dir = tempfile::tempdir().unwrap();
    let claims = [
        claim(
            YOY,
            r#""value": "25", "unit": "percent", "bound": "at_least""#,
        ),
        claim(
            r#""kind": "yoy", "of": "acme.net_profit@FY2025""#,
            r#""value": "25", "unit": "percent", "bound": "exact""#,
        ),
        claim(
            RUN_RATE,
            r#""value": "50", "scale": "billion", "unit": "USD""#,
        ),
    ];
    let path = write(
        dir.path(),
        "acme.json",
        &dataset(FACTS, &claims.join(",\n")),
    );
    let (code, json) = run_json(&["verify", "--data", &path, "--scale", "million"]);
    assert_eq!(code, 0);
    assert_eq!(json["report"], "verify");
    assert_eq!(json["against"], "own");
    assert_eq!(json["scale"], "million");
    let rows = rows(&json);
    assert_eq!(rows.len(), 3);

    // At least 25%: [25, ∞), and 25% exactly computed.
    let yoy = &rows[0];
    assert_eq!(text(yoy, "kind"), "yoy");
    assert_eq!(text(yoy, "of"), "acme.revenue@FY2025");
    assert_eq!(yoy["other"], Value::Null);
    assert_eq!(number(yoy, "claimed_value"), Some(dec("25")));
    assert_eq!(number(yoy, "claimed_low"), Some(dec("25")));
    assert_eq!(number(yoy, "claimed_high"), None);
    assert_eq!(number(yoy, "computed_low"), Some(dec("25")));
    assert_eq!(number(yoy, "computed_high"), Some(dec("25")));
    assert_eq!(text(yoy, "unit"), "percent");
    assert_eq!(text(yoy, "bound"), "at_least");
    assert_eq!(text(yoy, "outcome"), "holds");
    assert_eq!(
        text(yoy, "inputs"),
        "acme.revenue@FY2025 = 100000 (filing p. 1); acme.revenue@FY2024 = 80000 (filing p. 1)"
    );
    assert_eq!(text(yoy, "source"), "press");
    assert_eq!(text(yoy, "at"), "p. 7");

    // Nobody states FY2024 net profit; the claim implies 20 / 1.25 = 16 billion.
    let missing = &rows[1];
    assert_eq!(text(missing, "outcome"), "unverifiable");
    assert_eq!(text(missing, "missing"), "acme.net_profit@FY2024");
    assert_eq!(text(missing, "implied"), "acme.net_profit@FY2024");
    assert_eq!(number(missing, "implied_value"), Some(dec("16000")));
    assert_eq!(number(missing, "computed_value"), None);
    assert!(text(missing, "reason").contains("acme.net_profit@FY2024"));

    // Money in the output scale: 12.5 billion × 4 = 50,000 million.
    let run_rate = &rows[2];
    assert_eq!(number(run_rate, "claimed_value"), Some(dec("50000")));
    assert_eq!(number(run_rate, "computed_value"), Some(dec("50000")));
    assert_eq!(text(run_rate, "scale"), "million");
}

#[test]
fn against_best_asks_whether_the_statement_is_true() {
    // The newspaper says 99 billion and claims "at most 100"; the filing says 101.
    let facts = r#"
      {"entity": "acme", "metric": "revenue", "period": "FY2025", "value": "99", "scale": "billion", "unit": "USD", "bound": "exact", "source": "press", "at": "p. 5"},
      {"entity": "acme", "metric": "revenue", "period": "FY2025", "value": "101", "scale": "billion", "unit": "USD", "bound": "exact", "source": "filing", "at": "p. 1"}"#;
    let claims = claim(
        LEVEL,
        r#""value": "100", "scale": "billion", "unit": "USD", "bound": "at_most""#,
    );
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "acme.json", &dataset(facts, &claims));

    // Either way the outcome depends on which source is believed: the
    // newspaper's arithmetic is right on its own figure, the filing's rules
    // the statement out. Contested, with each reading named.
    let (code, own) = run_json(&["verify", "--data", &path]);
    assert_eq!(code, 0, "contested does not fail by default");
    let row = &rows(&own)[0];
    assert_eq!(text(row, "outcome"), "contested");
    assert_eq!(number(row, "computed_value"), Some(dec("99")));
    assert!(
        text(row, "reason").contains("holds with press p. 5's"),
        "{row}"
    );
    assert!(
        text(row, "reason").contains("contradicted with filing p. 1's"),
        "{row}"
    );
    let (code, _) = run_json(&["verify", "--data", &path, "--fail-on", "contested"]);
    assert_eq!(code, 1);

    let (code, best) = run_json(&["verify", "--data", &path, "--against", "best"]);
    assert_eq!(code, 0);
    assert_eq!(best["against"], "best");
    let row = &rows(&best)[0];
    assert_eq!(text(row, "outcome"), "contested");
    assert_eq!(number(row, "computed_value"), Some(dec("101")));
    assert_eq!(
        text(row, "inputs"),
        "acme.revenue@FY2025 = 101 (filing p. 1)"
    );
}

#[test]
fn every_format_ends_the_same_way() {
    // One claim holds, one is contradicted, one undetermined, one unverifiable.
    let claims = [
        claim(YOY, r#""value": "25", "unit": "percent""#),
        claim(
            MARGIN,
            r#""value": "30", "unit": "percent", "bound": "about""#,
        ),
        claim(
            r#""kind": "level", "of": "acme.gross_profit@FY2025""#,
            r#""value": "50", "scale": "billion", "unit": "USD", "bound": "at_least""#,
        ),
        claim(
            r#""kind": "yoy", "of": "acme.net_profit@FY2025""#,
            r#""value": "25", "unit": "percent""#,
        ),
    ]
    .join(",\n");
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "acme.json", &dataset(FACTS, &claims));
    let summary = "4 claims: 1 holds, 1 contradicted, 1 undetermined, 0 contested, 1 unverifiable";

    let Run {
        code,
        stdout,
        stderr,
        ..
    } = run(&["verify", "--data", &path, "--wide"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stdout.lines().last(), Some(summary), "{stdout}");
    assert!(stdout.contains("figures used"), "{stdout}");

    let Run { code, stdout, .. } = run(&["verify", "--data", &path, "--format", "markdown"]);
    assert_eq!(code, 1);
    assert_eq!(stdout.lines().last(), Some(summary), "{stdout}");

    let Run { code, stdout, .. } = run(&["verify", "--data", &path, "--format", "csv"]);
    assert_eq!(code, 1);
    let mut reader = csv::Reader::from_reader(stdout.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    for column in [
        "kind",
        "of",
        "other",
        "claimed_value",
        "claimed_low",
        "claimed_high",
        "computed_value",
        "computed_low",
        "computed_high",
        "outcome",
        "inputs",
        "missing",
        "implied",
        "reason",
    ] {
        assert!(header.iter().any(|h| h == column), "{column} in {header:?}");
    }
    let outcome = header.iter().position(|h| h == "outcome").unwrap();
    let outcomes: Vec<String> = reader
        .records()
        .map(|r| r.unwrap().get(outcome).unwrap().to_string())
        .collect();
    assert_eq!(
        outcomes,
        ["holds", "contradicted", "undetermined", "unverifiable"]
    );

    let (code, json) = run_json(&["verify", "--data", &path]);
    assert_eq!(code, 1);
    let outcomes: Vec<&str> = rows(&json).iter().map(|r| text(r, "outcome")).collect();
    assert_eq!(
        outcomes,
        ["holds", "contradicted", "undetermined", "unverifiable"]
    );
}

#[test]
fn a_contradiction_still_writes_the_whole_output() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "acme.json",
        &dataset(
            FACTS,
            &claim(
                MARGIN,
                r#""value": "30", "unit": "percent", "bound": "about""#,
            ),
        ),
    );
    let out = dir.path().join("verdicts.json");
    let out = out.to_str().unwrap();
    let Run {
        code,
        stdout,
        stderr,
        ..
    } = run(&["verify", "--data", &path, "-f", "json", "-o", out]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty());
    let written: Value = serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap();
    assert_eq!(text(&rows(&written)[0], "outcome"), "contradicted");
}

#[test]
fn bad_input_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let bad_kind = dataset(
        FACTS,
        &claim(
            r#""kind": "ratio", "of": "acme.revenue@FY2025""#,
            r#""value": "1", "unit": "percent""#,
        ),
    );
    let bad_unit = dataset(FACTS, &claim(YOY, r#""value": "25", "unit": "USD""#));
    for (name, text) in [("kind.json", bad_kind), ("unit.json", bad_unit)] {
        let path = write(dir.path(), name, &text);
        let Run {
            code,
            stdout,
            stderr,
            ..
        } = run(&["verify", "--data", &path]);
        assert_eq!(code, 2, "{name}: {stderr}");
        assert!(stdout.is_empty(), "{name}");
        let first = stderr.lines().next().unwrap_or_default();
        assert!(
            first.starts_with(&format!("earnings: {path}:")) && first.contains("claims[0]"),
            "{name}: {first}"
        );
    }
    let Run { code, stderr, .. } = run(&["verify", "--against", "worst"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--against"), "{stderr}");
}

#[test]
fn report_has_the_claims_section() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "acme.json",
        &dataset(
            FACTS,
            &claim(
                MARGIN,
                r#""value": "30", "unit": "percent", "bound": "about""#,
            ),
        ),
    );
    // The report is an overview: a contradicted claim is shown, not failed on.
    let (code, json) = run_json(&["report", "--data", &path]);
    assert_eq!(code, 0);
    let row = &section(&json, "claims")[0];
    assert_eq!(text(row, "outcome"), "contradicted");
    assert_eq!(number(row, "computed_value"), Some(dec("20")));
}

// ------------------------------------------------- the bundled data (the CI check)

/// The article's stated figure `reference`, as `facts` prints it in billions.
fn article_figure(facts: &Value, reference: &str) -> Decimal {
    let (entity, metric, period) = split_reference(reference);
    stated_figure(facts, entity, metric, period, "article")
}

fn stated_figure(facts: &Value, entity: &str, metric: &str, period: &str, source: &str) -> Decimal {
    let row = rows(facts)
        .iter()
        .find(|r| {
            text(r, "entity") == entity
                && text(r, "metric") == metric
                && text(r, "period") == period
                && text(r, "source") == source
                && text(r, "bound") != "implied"
        })
        .unwrap_or_else(|| panic!("{source} states no {entity}.{metric}@{period}"));
    number(row, "value").unwrap()
}

/// The verdict on the article's claim of `kind` on `of`.
fn article_claim<'a>(verdicts: &'a Value, kind: &str, of: &str) -> &'a Value {
    rows(verdicts)
        .iter()
        .find(|r| text(r, "kind") == kind && text(r, "of") == of && text(r, "source") == "article")
        .unwrap_or_else(|| panic!("no {kind} claim on {of} by the article"))
}

fn assert_within_claim(row: &Value) {
    let computed = number(row, "computed_value").expect("a computed value");
    if let Some(low) = number(row, "claimed_low") {
        assert!(computed >= low, "{row}");
    }
    if let Some(high) = number(row, "claimed_high") {
        assert!(computed <= high, "{row}");
    }
}

#[test]
fn the_bundled_article_checks_out_against_its_own_figures() {
    let (code, facts) = run_json(&["facts"]);
    assert_eq!(code, 0);
    let (code, verdicts) = run_json(&["verify"]);
    assert_eq!(code, 0, "no claim of the bundled data is contradicted");
    for row in rows(&verdicts) {
        assert_ne!(text(row, "outcome"), "contradicted", "{row}");
    }

    // "exceeding 358 billion" a year: the article's own quarter × 4, which
    // another source states a tenth as large: contested.
    let quarter = article_figure(&facts, "alibaba-ai.revenue@FY2026-Q4");
    let run_rate = article_claim(&verdicts, "run_rate", "alibaba-ai.revenue@FY2026-Q4");
    assert_eq!(text(run_rate, "outcome"), "contested");
    assert_eq!(
        number(run_rate, "computed_value"),
        Some(quarter * Decimal::from(4))
    );
    assert_eq!(
        number(run_rate, "computed_value").unwrap().normalize(),
        dec("358.84")
    );
    assert!(number(run_rate, "computed_low").unwrap() > number(run_rate, "claimed_value").unwrap());

    // "down 19%": the article's FY2026 net profit against the filed FY2025.
    let current = article_figure(&facts, "alibaba.net_profit@FY2026");
    let prior = stated_figure(&facts, "alibaba", "net_profit", "FY2025", "form-20f-fy2026");
    let change = (current - prior) / prior * Decimal::ONE_HUNDRED;
    let down = article_claim(&verdicts, "yoy", "alibaba.net_profit@FY2026");
    assert_eq!(text(down, "outcome"), "holds");
    let computed = number(down, "computed_value").unwrap();
    assert_eq!(computed.round_dp(12), change.round_dp(12));
    assert_eq!(computed.round_dp(2), dec("-18.95"));
    assert_within_claim(down);
    assert!(text(down, "inputs").contains("form-20f-fy2026"), "{down}");

    // "exceeded 1 trillion", and "for the first time": the year before did not.
    let revenue = article_claim(&verdicts, "level", "alibaba.revenue@FY2026");
    assert_eq!(text(revenue, "outcome"), "holds");
    assert_eq!(
        number(revenue, "computed_value"),
        Some(article_figure(&facts, "alibaba.revenue@FY2026"))
    );
    assert_within_claim(revenue);
    let before = article_claim(&verdicts, "level", "alibaba.revenue@FY2025");
    assert_eq!(text(before, "outcome"), "holds");
    assert_eq!(
        number(before, "computed_value"),
        Some(stated_figure(
            &facts,
            "alibaba",
            "revenue",
            "FY2025",
            "form-20f-fy2026"
        ))
    );
    assert_within_claim(before);

    // Nobody states Cloud's external revenue: the share claim is unverifiable,
    // naming it and showing the whole the claim implies instead.
    let share = article_claim(&verdicts, "share", "alibaba-ai.revenue@FY2026-Q4");
    assert_eq!(text(share, "outcome"), "unverifiable");
    assert_eq!(
        text(share, "missing"),
        "alibaba-cloud.external_revenue@FY2026-Q4"
    );
    assert_eq!(
        text(share, "implied"),
        "alibaba-cloud.external_revenue@FY2026-Q4"
    );
    // More than 30% of it: below 89.71 / 0.3 = 299.03, at least the part itself.
    assert!(number(share, "implied_high").unwrap() >= quarter / dec("0.3"));
    assert!(number(share, "implied_low").unwrap() <= quarter);
}

#[test]
fn the_bundled_article_against_the_most_trusted_figures() {
    let (code, facts) = run_json(&["facts"]);
    assert_eq!(code, 0);
    let (code, verdicts) = run_json(&["verify", "--against", "best"]);
    assert_eq!(
        code, 0,
        "the filings contradict none of the article's statements"
    );

    // "down 19%" against the filed figures of both years.
    let current = stated_figure(&facts, "alibaba", "net_profit", "FY2026", "form-20f-fy2026");
    let prior = stated_figure(&facts, "alibaba", "net_profit", "FY2025", "form-20f-fy2026");
    let change = (current - prior) / prior * Decimal::ONE_HUNDRED;
    let down = article_claim(&verdicts, "yoy", "alibaba.net_profit@FY2026");
    assert_eq!(text(down, "outcome"), "holds");
    assert_eq!(
        number(down, "computed_value").unwrap().round_dp(12),
        change.round_dp(12)
    );
    assert_within_claim(down);

    // The run-rate rests on a quarter two newspapers state a factor of ten
    // apart: with one it holds, with the other not, so it is contested.
    let run_rate = article_claim(&verdicts, "run_rate", "alibaba-ai.revenue@FY2026-Q4");
    assert_eq!(text(run_rate, "outcome"), "contested");
    assert!(
        text(run_rate, "alternatives").contains("press-futunn"),
        "{run_rate}"
    );
    assert!(text(run_rate, "reason").contains("disagree"), "{run_rate}");
}
