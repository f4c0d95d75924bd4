//! `earnings eval` as a user runs it: it agrees with the fixed commands row
//! for row on the bundled data, its answers follow from the stated figures,
//! every output format carries them, errors name their column and exit 2,
//! and `expr` claims go through `verify`.
//!
//! Numbers are compared as `Decimal`s parsed from the JSON output.

use rust_decimal::Decimal;
use serde_json::Value;

use super::common::{Run, dec, json, number, rows, run, run_json, split_reference, text, write};

// ---------------------------------------------------------------- helpers

/// Evaluates expressions in one run; one row each, in order.
fn eval_rows(expressions: &[String], extra: &[&str]) -> Vec<Value> {
    let mut args: Vec<&str> = vec!["eval"];
    args.extend(extra);
    args.extend(expressions.iter().map(String::as_str));
    let out = json(&args);
    assert_eq!(out["report"], "eval");
    rows(&out).clone()
}

/// The point of a figure as `source` states it, in billions, from `facts`.
fn fact(figure: &str, source: &str) -> Decimal {
    let (entity, metric, period) = split_reference(figure);
    let facts = json(&[
        "facts", "--entity", entity, "--metric", metric, "--period", period,
    ]);
    let row = rows(&facts)
        .iter()
        .find(|r| text(r, "entity") == entity && text(r, "source") == source)
        .unwrap_or_else(|| panic!("no fact for {figure} from {source}"));
    number(row, "value").unwrap()
}

const FILING: &str = "form-20f-fy2026";

// ------------------------------------- agreement with the fixed commands

/// Each row of a fixed command as the expression that computes it, and
/// the row's value, low and high (or `n/m`).
fn expressions_for(command: &str) -> Vec<(String, Value)> {
    let listing = json(&[command]);
    rows(&listing)
        .iter()
        .filter_map(|row| {
            let figure = format!(
                "{}.{}@{}",
                text(row, "entity"),
                text(row, "metric"),
                text(row, "period")
            );
            let whole = text(row, "note").strip_prefix("of ").unwrap_or_default();
            let expression = match text(row, "kind") {
                "yoy" => format!("yoy({figure})"),
                "margin" if text(row, "formula").starts_with("figure / revenue") => {
                    format!("margin({figure})")
                }
                "share" | "margin" => format!("share({figure}, {whole})"),
                "run_rate" => format!("run_rate({figure})"),
                _ => return None,
            };
            Some((expression, row.clone()))
        })
        .collect()
}

#[test]
fn eval_agrees_with_yoy_share_and_run_rate_row_for_row() {
    let mut checked = 0;
    for command in ["yoy", "share", "run-rate"] {
        let cases = expressions_for(command);
        assert!(!cases.is_empty(), "{command} lists rows");
        let expressions: Vec<String> = cases.iter().map(|(e, _)| e.clone()).collect();
        let got = eval_rows(&expressions, &[]);
        assert_eq!(got.len(), cases.len());
        for ((expression, expected), row) in cases.iter().zip(&got) {
            assert_eq!(text(row, "expression"), expression);
            // n/m has no numbers, and the same note.
            if text(expected, "note").starts_with("n/m") {
                assert_eq!(text(row, "note"), text(expected, "note"), "{expression}");
            }
            for field in ["value", "low", "high"] {
                assert_eq!(
                    number(row, field),
                    number(expected, field),
                    "{expression} {field}"
                );
            }
            assert_eq!(text(row, "unit"), text(expected, "unit"), "{expression}");
            assert_eq!(text(row, "scale"), text(expected, "scale"), "{expression}");
            checked += 1;
        }
    }
    assert!(checked >= 10, "{checked} rows compared");
}

// -------------------------------------------- answers from the figures

#[test]
fn a_share_follows_from_the_stated_figures() {
    let expression = "share(alibaba-cloud.revenue@FY2026, alibaba.revenue@FY2026)".to_string();
    let row = &eval_rows(&[expression], &[])[0];
    let (cloud, group) = (
        fact("alibaba-cloud.revenue@FY2026", FILING),
        fact("alibaba.revenue@FY2026", FILING),
    );
    let expected = cloud / group * Decimal::ONE_HUNDRED;
    let (low, high) = (number(row, "low").unwrap(), number(row, "high").unwrap());
    assert!(
        low <= expected && expected <= high,
        "{expected} in [{low}, {high}]"
    );
    assert_eq!(
        number(row, "value").unwrap().round_dp(12),
        expected.round_dp(12)
    );
    assert_eq!(text(row, "unit"), "percent");
    // The inputs, each with its source, for machines.
    let inputs = row["inputs"].as_array().unwrap();
    let figures: Vec<&str> = inputs.iter().map(|i| text(i, "figure")).collect();
    assert_eq!(
        figures,
        ["alibaba-cloud.revenue@FY2026", "alibaba.revenue@FY2026"]
    );
    assert!(
        inputs
            .iter()
            .all(|i| !text(i, "source").is_empty() && !text(i, "at").is_empty())
    );
    assert_eq!(number(&inputs[0], "value"), Some(cloud));
}

#[test]
fn a_ratio_of_two_amounts_is_a_multiple_with_its_interval() {
    let expression = "alibaba.net_profit@FY2026 / alibaba.free_cash_flow@FY2026".to_string();
    let row = &eval_rows(&[expression], &[])[0];
    assert_eq!(text(row, "unit"), "multiple");
    let (profit, cash) = (
        fact("alibaba.net_profit@FY2026", FILING),
        fact("alibaba.free_cash_flow@FY2026", "press-table01"),
    );
    let point = number(row, "value").unwrap();
    assert_eq!(point.round_dp(12), (profit / cash).round_dp(12));
    // Free cash flow is stated as "about": the interval is wide.
    let (low, high) = (number(row, "low").unwrap(), number(row, "high").unwrap());
    assert!(
        low < point && point < high && high - low > dec("0.1"),
        "[{low}, {high}]"
    );
}

#[test]
fn a_rate_in_the_expression_converts_as_fx_does() {
    let expression = "alibaba.revenue@FY2026 / 7.3 CNY/USD".to_string();
    let row = &eval_rows(&[expression], &[])[0];
    assert_eq!(text(row, "unit"), "USD");
    let converted = fact("alibaba.revenue@FY2026", FILING) / dec("7.3");
    assert_eq!(
        number(row, "value").unwrap().round_dp(12),
        converted.round_dp(12)
    );
    // The same as converting the output with --currency and --fx.
    let via_fx = &eval_rows(
        &["alibaba.revenue@FY2026".to_string()],
        &["--currency", "USD", "--fx", "USDCNY=7.3"],
    )[0];
    assert_eq!(text(via_fx, "unit"), "USD");
    for field in ["value", "low", "high"] {
        assert_eq!(
            number(via_fx, field).map(|d| d.round_dp(12)),
            number(row, field).map(|d| d.round_dp(12)),
            "{field}"
        );
    }
    // --scale applies to money results.
    let millions = &eval_rows(
        &["alibaba.revenue@FY2026".to_string()],
        &["--scale", "million"],
    )[0];
    assert_eq!(
        number(millions, "value").unwrap(),
        fact("alibaba.revenue@FY2026", FILING) * Decimal::from(1000)
    );
}

#[test]
fn a_source_can_be_preferred() {
    let default = &eval_rows(&["alibaba.net_profit@FY2026".to_string()], &[])[0];
    let article = &eval_rows(
        &["alibaba.net_profit@FY2026".to_string()],
        &["--source", "article"],
    )[0];
    assert_ne!(number(default, "value"), number(article, "value"));
    assert_eq!(text(&article["inputs"][0], "source"), "article");
    let Run { code, stderr, .. } = run(&["eval", "--source", "nobody", "1"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("earnings: --source \"nobody\": no such source"),
        "{stderr}"
    );
}

#[test]
fn not_meaningful_is_a_result_not_an_error() {
    let expression = "yoy(alibaba.free_cash_flow@FY2026-Q4)".to_string();
    let Run { code, stdout, .. } = run(&["eval", &expression]);
    assert_eq!(code, 0);
    assert!(stdout.contains("n/m"), "{stdout}");
    let row = &eval_rows(&[expression], &[])[0];
    assert_eq!((&row["value"], &row["low"]), (&Value::Null, &Value::Null));
    assert!(text(row, "note").starts_with("n/m"));
}

// ------------------------------------------------------------- formats

#[test]
fn every_format_carries_the_answer() {
    let expression = "margin(alibaba.net_profit@FY2026)";
    let row = &eval_rows(&[expression.to_string()], &[])[0];
    let value = number(row, "value").unwrap();

    let Run {
        code, stdout: csv, ..
    } = run(&["eval", expression, "--format", "csv"]);
    assert_eq!(code, 0);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "expression",
            "value",
            "low",
            "high",
            "unit",
            "scale",
            "status",
            "inputs",
            "note"
        ]
    );
    let record = reader.records().next().unwrap().unwrap();
    assert_eq!(&record[0], expression);
    assert_eq!(dec(&record[1]), value);
    let inputs: Value = serde_json::from_str(&record[7]).unwrap();
    assert_eq!(inputs.as_array().unwrap().len(), 2);

    let shown = format!("{}%", value.round_dp(4));
    for format in ["table", "markdown"] {
        let Run {
            code, stdout: out, ..
        } = run(&["eval", expression, "--format", format]);
        assert_eq!(code, 0);
        assert!(
            out.contains(expression) && out.contains(&shown),
            "{format}: {out}"
        );
    }
}

#[test]
fn explain_lists_every_step_with_its_parent() {
    let expression = "share(alibaba-cloud.revenue@FY2026, alibaba.revenue@FY2026) * 2";
    let out = json(&["eval", "--explain", expression]);
    assert_eq!(out["report"], "eval");
    let sections = out["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 2);
    let steps = rows(&sections[1]);
    let nodes: Vec<&str> = steps.iter().map(|s| text(s, "node")).collect();
    assert_eq!(nodes, ["×", "share", "figure", "figure", "literal"]);
    let ids: Vec<Option<Decimal>> = steps.iter().map(|s| number(s, "parent")).collect();
    assert_eq!(
        ids,
        [
            None,
            Some(dec("1")),
            Some(dec("2")),
            Some(dec("2")),
            Some(dec("1"))
        ]
    );
    // The root step is the answer; a figure step is the stated figure.
    let answer = &rows(&sections[0])[0];
    assert_eq!(number(&steps[0], "value"), number(answer, "value"));
    assert_eq!(text(&steps[2], "text"), "alibaba-cloud.revenue@FY2026");
    assert_eq!(
        number(&steps[2], "value"),
        Some(fact("alibaba-cloud.revenue@FY2026", FILING))
    );
    assert!(text(&steps[2], "how").contains("form-20f"));
    // For people, the tree is indented.
    let Run { stdout: table, .. } = run(&["eval", "--explain", expression]);
    assert!(
        table.contains("\n│     alibaba-cloud.revenue@FY2026"),
        "{table}"
    );
}

// --------------------------------------------------------------- errors

/// The first line of stderr, and the exit code.
fn error_of(args: &[&str]) -> (i32, Vec<String>) {
    let Run {
        code,
        stdout,
        stderr,
        ..
    } = run(args);
    assert!(stdout.is_empty(), "{stdout}");
    (code, stderr.lines().map(String::from).collect())
}

#[test]
fn errors_name_the_column_and_exit_2() {
    let cases = [
        (
            "alibaba.net_proft@FY2026 / 2",
            "earnings: eval: 1:9: unknown metric 'net_proft' (did you mean 'net_profit'?)",
        ),
        (
            "alibab.revenue@FY2026",
            "earnings: eval: 1:1: unknown entity 'alibab' (did you mean 'alibaba'?)",
        ),
        (
            "alibaba.revenue@FY2026 + 30%",
            "earnings: eval: 1:24: cannot add a percent to CNY (for a percentage of an amount, multiply: amount * 30%)",
        ),
        (
            "alibaba.revenue@FY2026 / alibaba.revenue@FY2026 - 1 +",
            "earnings: eval: 1:54: expected a value, found the end of the expression",
        ),
        (
            "yoyy(alibaba.revenue@FY2026)",
            "earnings: eval: 1:1: unknown function 'yoyy' (did you mean 'yoy'?); the functions are yoy, prior, share, margin, run_rate, cagr, growth, min, max",
        ),
        (
            "alibaba.revenue@FY2026 / (alibaba.revenue@FY2026 - alibaba.revenue@FY2026)",
            "earnings: eval: 1:24: dividing by a value that can be zero",
        ),
        (
            "1 / alibaba.revenue@FY2026",
            "earnings: eval: 1:3: cannot divide a plain number by CNY",
        ),
    ];
    for (expression, first) in cases {
        let (code, lines) = error_of(&["eval", expression]);
        assert_eq!(code, 2, "{expression}");
        assert!(lines[0].starts_with(first), "{expression}: {lines:?}");
        // Then the expression, and a caret under the column.
        assert_eq!(lines[1], format!("  {expression}"));
        let column: usize = first.split(':').nth(3).unwrap().parse().unwrap();
        assert_eq!(lines[2].find('^'), Some(column + 1), "{lines:?}");
    }
    // With several expressions, the message says which.
    let (code, lines) = error_of(&["eval", "1", "2 +"]);
    assert_eq!(code, 2);
    assert_eq!(
        lines[0],
        "earnings: eval: expression 2, 1:4: expected a value, found the end of the expression"
    );
}

// ------------------------------------------------------ expr claims

fn dataset(claims: &str) -> String {
    format!(
        r#"{{"format": "earnings-dataset/1",
  "sources": {{"f": {{"title": "Filing", "kind": "filing"}}, "p": {{"title": "Paper", "kind": "press"}}}},
  "entities": {{"acme": {{"name": "Acme", "currency": "USD"}}, "acme-cloud": {{"name": "Cloud", "parent": "acme"}}}},
  "facts": [
    {{"entity": "acme", "metric": "revenue", "period": "FY2026", "value": "120", "scale": "billion", "unit": "USD", "bound": "exact", "source": "f", "at": "p. 1"}},
    {{"entity": "acme", "metric": "revenue", "period": "FY2025", "value": "100", "scale": "billion", "unit": "USD", "bound": "exact", "source": "f", "at": "p. 1"}},
    {{"entity": "acme-cloud", "metric": "revenue", "period": "FY2026", "value": "30", "scale": "billion", "unit": "USD", "bound": "exact", "source": "f", "at": "p. 2"}}
  ],
  "claims": [{claims}]}}"#
    )
}

#[test]
fn expr_claims_go_through_verify() {
    let dir = tempfile::tempdir().unwrap();
    let claims = [
        // 30 / 120 = 25%: "more than 20%" holds.
        r#"{"kind": "expr", "expr": "share(acme-cloud.revenue@FY2026, acme.revenue@FY2026)", "value": "20", "unit": "percent", "bound": "more_than", "source": "p", "at": "¶1"}"#,
        // Growth of 20%, claimed as "about 35%": contradicted.
        r#"{"kind": "expr", "expr": "acme.revenue@FY2026 / acme.revenue@FY2025 - 1", "value": "35", "unit": "percent", "bound": "about", "source": "p", "at": "¶2"}"#,
        // Cloud's FY2025 revenue is nowhere: unverifiable.
        r#"{"kind": "expr", "expr": "yoy(acme-cloud.revenue@FY2026)", "value": "10", "unit": "percent", "source": "p", "at": "¶3"}"#,
        // Money: 120 − 100 = 20 billion.
        r#"{"kind": "expr", "expr": "acme.revenue@FY2026 - acme.revenue@FY2025", "value": "20", "scale": "billion", "unit": "USD", "source": "p", "at": "¶4"}"#,
    ];
    let path = write(dir.path(), "acme.json", &dataset(&claims.join(",\n")));
    let (code, out) = run_json(&["verify", "--data", &path]);
    assert_eq!(code, 1, "a contradicted claim fails verify");
    let verdicts: Vec<(&str, &str, &str)> = rows(&out)
        .iter()
        .map(|r| (text(r, "kind"), text(r, "outcome"), text(r, "expr")))
        .collect();
    assert_eq!(
        verdicts,
        [
            (
                "expr",
                "holds",
                "share(acme-cloud.revenue@FY2026, acme.revenue@FY2026)"
            ),
            (
                "expr",
                "contradicted",
                "acme.revenue@FY2026 / acme.revenue@FY2025 - 1"
            ),
            ("expr", "unverifiable", "yoy(acme-cloud.revenue@FY2026)"),
            ("expr", "holds", "acme.revenue@FY2026 - acme.revenue@FY2025"),
        ]
    );
    let rows = rows(&out);
    assert_eq!(number(&rows[0], "computed_value"), Some(dec("25")));
    assert_eq!(number(&rows[1], "computed_value"), Some(dec("20")));
    assert!(text(&rows[2], "missing").contains("acme-cloud.revenue@FY2025"));
    assert_eq!(number(&rows[3], "computed_value"), Some(dec("20")));
    assert_eq!(text(&rows[0], "of"), "acme-cloud.revenue@FY2026");
    // check reports the contradicted one as an error too.
    let Run { code, .. } = run(&["check", "--data", &path]);
    assert_eq!(code, 1);
}

#[test]
fn a_bad_expr_claim_is_a_load_error_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let claim = r#"{"kind": "expr", "expr": "share(acme-cloud.revenue@FY2026, acme.revnue@FY2026", "value": "20", "unit": "percent", "source": "p", "at": "¶1"}"#;
    let path = write(dir.path(), "bad.json", &dataset(claim));
    let Run { code, stderr, .. } = run(&["verify", "--data", &path]);
    assert_eq!(code, 2);
    let first = stderr.lines().next().unwrap();
    assert!(first.starts_with(&format!("earnings: {path}:")), "{first}");
    assert!(
        first.ends_with(
            "claims[0].expr: column 52 of the expression: expected ',' or ')' in share(…), found the end of the expression"
        ),
        "{first}"
    );
    // The line and column of the expr field's value in the file.
    let place: Vec<&str> = first
        .trim_start_matches(&format!("earnings: {path}:"))
        .splitn(3, ':')
        .collect();
    assert_eq!((place[0], place[1]), ("9", "39"), "{first}");
}
