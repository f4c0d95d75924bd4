//! Verdicts a CI job can stake a release on (issue 14): each dataset of
//! `tests/data/` built on one of the examples, with the verdict and
//! exit code it must give; and the bundled data's contested claims.

use serde_json::Value;

use super::common::{rows, run, run_json, text};

fn data(name: &str) -> String {
    format!("{}/tests/data/{name}.json", env!("CARGO_MANIFEST_DIR"))
}

/// `verify --data NAME`: its exit code and its outcomes, in claim order.
fn outcomes(name: &str, extra: &[&str]) -> (i32, Vec<String>) {
    let path = data(name);
    let mut args = vec!["verify", "--data", &path];
    args.extend(extra);
    let (code, listing) = run_json(&args);
    let outcomes = rows(&listing)
        .iter()
        .map(|r| text(r, "outcome").to_string())
        .collect();
    (code, outcomes)
}

/// `check --data NAME`: its exit code and its findings.
fn findings(name: &str) -> (i32, Vec<Value>) {
    let path = data(name);
    let (code, listing) = run_json(&["check", "--data", &path]);
    (code, rows(&listing).clone())
}

#[test]
fn down_120_percent_is_contradicted_by_1_against_2() {
    // 1 against 2 billion, rounded, allow −80% to 0%: "down 120%" cannot be.
    assert_eq!(
        outcomes("down-120-percent", &[]),
        (1, vec!["contradicted".to_string()])
    );
}

#[test]
fn the_two_minus_18_9322_percent_claims_hold_and_are_contradicted() {
    // 102,127 against 125,976 million: −18.93210% to −18.93067%.
    assert_eq!(
        outcomes("net-profit-18.9322", &[]),
        (1, vec!["holds".to_string(), "contradicted".to_string()])
    );
}

#[test]
fn a_run_rate_of_an_arr_is_the_arr_itself() {
    let path = data("arr-run-rate");
    let (code, listing) = run_json(&["verify", "--data", &path]);
    assert_eq!(code, 0);
    let row = &rows(&listing)[0];
    assert_eq!(text(row, "outcome"), "holds");
    assert_eq!(text(row, "computed_value"), "10");
}

#[test]
fn a_share_of_300_percent_is_contradicted_and_a_check_error() {
    assert_eq!(
        outcomes("share-300-percent", &[]),
        (1, vec!["contradicted".to_string()])
    );
    let (code, found) = findings("share-300-percent");
    assert_eq!(code, 1);
    let error = found
        .iter()
        .find(|f| text(f, "kind") == "contradicted_claim")
        .expect("a contradicted_claim finding");
    assert_eq!(text(error, "severity"), "error");
    assert!(
        text(error, "message").contains("the figures cannot be"),
        "{error}"
    );
}

#[test]
fn both_claims_on_1_against_1_are_undetermined() {
    let (code, got) = outcomes("one-against-one", &[]);
    assert_eq!(got, ["undetermined", "undetermined"]);
    assert_eq!(code, 0);
    // How much of the interval satisfies each claim is said.
    let path = data("one-against-one");
    let (_, listing) = run_json(&["verify", "--data", &path]);
    for row in rows(&listing) {
        assert!(text(row, "reason").contains("satisfies the claim"), "{row}");
    }
}

#[test]
fn fail_on_and_strict_choose_what_fails() {
    // Undetermined only: passes by default, fails when asked to.
    assert_eq!(outcomes("one-against-one", &[]).0, 0);
    assert_eq!(
        outcomes("one-against-one", &["--fail-on", "undetermined"]).0,
        1
    );
    assert_eq!(
        outcomes("one-against-one", &["--fail-on", "contested,unverifiable"]).0,
        0
    );
    assert_eq!(outcomes("one-against-one", &["--strict"]).0, 1);
    // Contradicted only fails on contradicted.
    assert_eq!(
        outcomes("down-120-percent", &["--fail-on", "undetermined"]).0,
        0
    );
    // The bundled data: a contested claim fails with --fail-on contested.
    assert_eq!(run(&["verify"]).code, 0);
    assert_eq!(run(&["verify", "--fail-on", "contested"]).code, 1);
    assert_eq!(run(&["verify", "--strict"]).code, 1);
    let bad = run(&["verify", "--fail-on", "holds"]);
    assert_eq!(bad.code, 2, "{bad}");
}

/// The bundled data's verify rows.
fn bundled() -> Vec<Value> {
    let (_, listing) = run_json(&["verify"]);
    rows(&listing).clone()
}

#[test]
fn the_358_billion_run_rate_is_contested_in_verify_and_check() {
    let rows = bundled();
    let claim = rows
        .iter()
        .find(|r| text(r, "kind") == "run_rate" && text(r, "source") == "article")
        .expect("the article's run-rate claim");
    assert_eq!(text(claim, "outcome"), "contested");
    let reason = text(claim, "reason");
    assert!(
        reason.contains("holds with article ¶4's 89.71 billion"),
        "{reason}"
    );
    assert!(
        reason.contains("contradicted with press-futunn"),
        "{reason}"
    );
    let (code, listing) = run_json(&["check"]);
    assert_eq!(code, 1);
    let found = rows_of(&listing);
    let error = found
        .iter()
        .find(|f| {
            text(f, "kind") == "contested_claim" && text(f, "message").starts_with("article ¶4")
        })
        .expect("a contested_claim finding for article ¶4");
    assert_eq!(text(error, "severity"), "error");
    let message = text(error, "message");
    assert!(
        message.contains("89.71 billion") && message.contains("8971 million"),
        "{message}"
    );
}

fn rows_of(listing: &Value) -> Vec<Value> {
    rows(listing).clone()
}

#[test]
fn cloud_up_38_percent_does_not_hold_on_a_range_from_31_to_45() {
    let rows = bundled();
    let claim = rows
        .iter()
        .find(|r| text(r, "of") == "alibaba-cloud.revenue@FY2026-Q4" && text(r, "kind") == "yoy")
        .expect("the Cloud +38% claim");
    assert_eq!(text(claim, "outcome"), "undetermined");
}

#[test]
fn every_row_on_the_contested_ai_revenue_or_fcf_is_marked() {
    let (code, listing) = run_json(&["metrics"]);
    assert_eq!(code, 0);
    let mut marked = 0;
    for row in rows(&listing) {
        let inputs = text(row, "inputs");
        let rests = inputs.contains("alibaba-ai.revenue@FY2026-Q4 = 89.71")
            || inputs.contains("alibaba.free_cash_flow@FY2025-Q4 = 37.43");
        if rests {
            assert_eq!(text(row, "contested"), "true", "{row}");
            marked += 1;
        }
        // No row sets the article's FCF beside a prior implied from the
        // other source's reading of it.
        assert!(
            !(inputs.contains("alibaba.free_cash_flow@FY2025-Q4 = 37.43")
                && inputs.contains("implied by estimate-36kr")),
            "{row}"
        );
    }
    assert!(marked >= 5, "{marked} rows marked");
    // A row on undisputed figures is not.
    let revenue = rows(&listing)
        .iter()
        .find(|r| {
            text(r, "kind") == "yoy"
                && text(r, "entity") == "alibaba"
                && text(r, "metric") == "revenue"
                && text(r, "period") == "FY2026"
        })
        .expect("revenue yoy FY2026");
    assert_eq!(text(revenue, "contested"), "false");
}

#[test]
fn a_row_that_only_restates_a_claim_is_left_out() {
    // E-commerce "down 1%": the prior year is known only from that claim,
    // so a change computed against it would restate the claim.
    let (code, listing) = run_json(&["yoy", "--entity", "alibaba-china-ecommerce"]);
    assert_eq!(code, 0);
    for row in rows(&listing) {
        assert!(
            !(text(row, "metric") == "revenue" && text(row, "period") == "FY2026-Q4"),
            "{row}"
        );
    }
    // A change between two stated figures stays.
    let (_, listing) = run_json(&["yoy", "--entity", "alibaba", "--metric", "revenue"]);
    assert!(
        rows(&listing)
            .iter()
            .any(|r| text(r, "period") == "FY2026-Q4" && text(r, "kind") == "yoy")
    );
    assert!(
        !rows(&listing)
            .iter()
            .any(|r| text(r, "period") == "FY2025-Q4")
    );
}

#[test]
fn revenue_down_more_than_100_percent_is_a_check_error() {
    let (code, found) = findings("down-120-percent");
    assert_eq!(code, 1);
    let fall = found
        .iter()
        .find(|f| text(f, "kind") == "fall_beyond_100")
        .expect("a fall_beyond_100 finding");
    assert_eq!(text(fall, "severity"), "error");
    // And the claim is contradicted by the figures.
    assert!(
        found
            .iter()
            .any(|f| text(f, "kind") == "contradicted_claim")
    );
}
