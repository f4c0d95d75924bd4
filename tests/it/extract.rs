//! `extract` and `check --text`: numbers read out of short articles written
//! for the tests (tests/data/articles/), each checked against its dataset,
//! mutated datasets that must each give exactly one error, drafts that name
//! every field to fill in; and, where the seed article is at hand
//! (../shared/source, or EARNINGS_SEED_ARTICLE), the bundled article data
//! against it. No test pins the seed article's sentences.

use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde_json::Value;

use crate::common::{dec, run, temp_file, text};

const ACME_TEXT: &str = "tests/data/articles/acme.txt";
const ACME_DATA: &str = "tests/data/articles/acme.json";

fn extract_rows(file: &str) -> Vec<Value> {
    run(&["extract", file, "--format", "json"]).exits(0).rows()
}

/// Every finding of `check --text`, as (severity, kind, message).
fn findings(data: &str, source_text: &str) -> Vec<(String, String, String)> {
    let run = run(&[
        "check",
        "--data",
        data,
        "--text",
        source_text,
        "--format",
        "json",
    ]);
    assert!(run.code == 0 || run.code == 1, "{run}");
    run.rows()
        .iter()
        .map(|r| {
            let field = |k: &str| text(r, k).to_string();
            (field("severity"), field("kind"), field("message"))
        })
        .collect()
}

fn errors(found: &[(String, String, String)]) -> Vec<&(String, String, String)> {
    found.iter().filter(|f| f.0 == "error").collect()
}

#[test]
fn every_number_of_the_test_article_is_read_and_nothing_else() {
    let rows = extract_rows(ACME_TEXT);
    let read: Vec<(String, String, String, String, String, String)> = rows
        .iter()
        .map(|r| {
            let field = |k: &str| r[k].as_str().unwrap_or("").to_string();
            (
                field("at"),
                field("words"),
                field("value"),
                field("scale"),
                field("bound"),
                field("kind"),
            )
        })
        .collect();
    let expected = [
        (
            "¶1",
            "125 billion yuan",
            "125",
            "billion",
            "rounded",
            "level",
        ),
        ("¶1", "up 8% year-over-year", "8", "unit", "rounded", "yoy"),
        ("¶2", "17.5亿元", "17.5", "yi", "rounded", "level"),
        ("¶2", "more than 3%", "3", "unit", "more_than", "share"),
        ("¶4", "35万 units", "35", "wan", "rounded", "level"),
        ("¶4", "about 2.7 times", "2.7", "unit", "about", "multiple"),
        ("¶4", "60-80%", "60", "unit", "range", "level"),
        (
            "¶5",
            "at least 5 billion yuan",
            "5",
            "billion",
            "at_least",
            "level",
        ),
        (
            "¶5",
            "at most 7 billion yuan",
            "7",
            "billion",
            "at_most",
            "level",
        ),
        (
            "¶5",
            "around 1,200 engineers",
            "1200",
            "unit",
            "about",
            "level",
        ),
        (
            "¶6",
            "3 to 4 billion yuan",
            "3",
            "billion",
            "range",
            "level",
        ),
        (
            "¶6",
            "rose less than 5%",
            "5",
            "unit",
            "less_than",
            "change",
        ),
        ("¶6", "up to 9%", "9", "unit", "at_most", "level"),
        ("¶6", "doubled", "2", "unit", "rounded", "multiple"),
        (
            "¶7",
            "over 6 billion yuan",
            "6",
            "billion",
            "more_than",
            "annualized",
        ),
        (
            "¶7",
            "nearly twelve factories",
            "12",
            "unit",
            "about",
            "level",
        ),
        ("¶7", "under 2%", "2", "unit", "less_than", "share"),
    ];
    let expected: Vec<_> = expected
        .iter()
        .map(|(a, b, c, d, e, f)| {
            let s = |x: &str| x.to_string();
            (s(a), s(b), s(c), s(d), s(e), s(f))
        })
        .collect();
    // Not read: the headline and byline, the dates (2 March 2027), the
    // years (fiscal 2026, in 2027), the heading "Q4 2026 in numbers", the
    // list numbers "1." and "2.", "at one point".
    assert_eq!(read, expected);
    // Intervals: 17.5亿 rounded, a range's top, a multiple's unit.
    let yi = &rows[2];
    assert_eq!(
        (dec(text(yi, "low")), dec(text(yi, "high"))),
        (dec("17.45"), dec("17.55"))
    );
    assert_eq!(text(yi, "unit"), "CNY");
    assert_eq!(text(&rows[6], "high"), "80");
    assert_eq!(text(&rows[5], "unit"), "multiple");
    assert_eq!(text(&rows[0], "period"), "fiscal 2026; year-over-year");
}

#[test]
fn the_test_article_and_its_dataset_agree_and_coverage_is_counted() {
    let found = findings(ACME_DATA, &format!("article={ACME_TEXT}"));
    assert!(errors(&found).is_empty(), "{found:#?}");
    let coverage: Vec<&str> = found
        .iter()
        .filter(|f| f.1 == "text_coverage")
        .map(|f| f.2.as_str())
        .collect();
    assert_eq!(coverage.len(), 3, "{coverage:#?}");
    assert!(coverage[0].contains("¶6 says \"doubled\""), "{coverage:#?}");
    assert!(
        coverage[1].contains("¶7 says \"under 2%\""),
        "{coverage:#?}"
    );
    assert!(
        coverage[2].starts_with("15 of 17 numbers in"),
        "{coverage:#?}"
    );
}

/// The acme dataset with one change made to `facts[index]` or `claims[index]`.
fn mutated(list: &str, index: usize, field: &str, to: &str) -> tempfile::NamedTempFile {
    let mut data: Value =
        serde_json::from_str(&std::fs::read_to_string(ACME_DATA).unwrap()).unwrap();
    data[list][index][field] = Value::from(to);
    temp_file(&data.to_string())
}

#[test]
fn each_mutation_of_the_test_dataset_gives_exactly_one_error() {
    let cases = [
        // A value typed wrong; a paragraph off by one; 亿 read as billion
        // (a scale ×10); a claim's value typed wrong; a paragraph that is not there.
        (
            "facts",
            4,
            "value",
            "6",
            "acme.research_spend@FY2027",
            "¶5 says \"at least 5 billion yuan\" and \"at most 7 billion yuan\"",
        ),
        (
            "facts",
            3,
            "at",
            "¶5",
            "acme.gross_margin@FY2026",
            "¶5 says",
        ),
        (
            "facts",
            0,
            "scale",
            "yi",
            "acme.revenue@FY2026",
            "\"125 billion yuan\"",
        ),
        (
            "facts",
            1,
            "value",
            "17.5",
            "acme-cloud.revenue@FY2026-Q4",
            "\"17.5亿元\"",
        ),
        (
            "claims",
            0,
            "value",
            "9",
            "yoy acme.revenue@FY2026",
            "\"up 8% year-over-year\"",
        ),
        (
            "facts",
            10,
            "at",
            "¶12",
            "acme.factories@2027-03-02",
            "has 7 paragraphs",
        ),
    ];
    for (list, index, field, to, names, quotes) in cases {
        let file = mutated(list, index, field, to);
        let path = file.path().to_str().unwrap();
        let found = findings(path, &format!("article={ACME_TEXT}"));
        let errors = errors(&found);
        assert_eq!(
            errors.len(),
            1,
            "{list}[{index}].{field} = {to}: {found:#?}"
        );
        let (_, kind, message) = errors[0];
        assert_eq!(kind, "text_mismatch");
        assert!(message.contains(names), "{message}");
        assert!(message.contains(quotes), "{message}");
    }
}

#[test]
fn a_text_for_a_source_the_data_lacks_is_a_usage_error() {
    let run = run(&[
        "check",
        "--data",
        ACME_DATA,
        "--text",
        &format!("press={ACME_TEXT}"),
    ])
    .exits(2);
    assert!(run.stderr.starts_with("earnings: --text press="), "{run}");
    let run = run_bad(&["check", "--data", ACME_DATA, "--text", "article"]);
    assert!(run.stderr.contains("is not SOURCE=FILE"), "{run}");
}

fn run_bad(args: &[&str]) -> crate::common::Run {
    run(args).exits(2)
}

#[test]
fn a_draft_names_every_field_to_fill_in_and_keeps_what_the_text_says() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("draft.json");
    let draft = draft.to_str().unwrap();
    run(&["extract", ACME_TEXT, "--draft", "-o", draft]).exits(0);
    let written = std::fs::read_to_string(draft).unwrap();
    let document: Value = serde_json::from_str(&written).unwrap();
    let facts = document["facts"].as_array().unwrap();
    let claims = document["claims"].as_array().unwrap();
    assert_eq!(facts.len() + claims.len(), 17);
    // What the text says is filled in: fiscal 2026 is FY2026, 17.5亿元 is
    // 17.5 yi CNY, "up 8% year-over-year" a yoy claim.
    assert_eq!(facts[0]["period"], "FY2026");
    assert_eq!(
        (
            facts[1]["value"].as_str(),
            facts[1]["scale"].as_str(),
            facts[1]["unit"].as_str()
        ),
        (Some("17.5"), Some("yi"), Some("CNY"))
    );
    assert_eq!(claims[0]["kind"], "yoy");
    assert_eq!(claims[0]["at"], "¶1");
    // Loading it fails, one line per field still marked.
    let marks = written.matches("\"?\"").count();
    let run = run_bad(&["facts", "--data", draft]);
    let first = run.stderr.lines().next().unwrap_or("");
    assert!(
        first.contains(&format!("a draft with {marks} field(s) still marked \"?\"")),
        "{run}"
    );
    let lines: Vec<&str> = run.stderr.lines().skip(1).collect();
    assert_eq!(lines.len(), marks, "{run}");
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with("facts[0].entity: fill in (the number at ¶1)")),
        "{run}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with("claims[0].of: fill in (the number at ¶1)")),
        "{run}"
    );
}

#[test]
fn extract_reads_standard_input_and_refuses_dataset_options() {
    let run = crate::common::run_command(
        crate::common::earnings()
            .args(["extract", "-", "--format", "csv"])
            .write_stdin("Results\n\nSales were 897.1亿元, up 5% year-on-year.\n"),
    )
    .exits(0);
    assert!(
        run.stdout
            .starts_with("at,words,value,low,high,unit,scale,bound,kind,period\n"),
        "{run}"
    );
    assert!(
        run.stdout
            .contains("¶1,897.1亿元,897.1,897.05,897.15,CNY,yi,rounded,level,"),
        "{run}"
    );
    let run = run_bad(&["extract", ACME_TEXT, "--entity", "acme"]);
    assert!(
        run.stderr
            .contains("--entity does nothing for `earnings extract`"),
        "{run}"
    );
}

// ------------------------------------------------------------ the seed article

/// The seed article, where it is at hand.
fn seed_article() -> Option<PathBuf> {
    let path = std::env::var_os("EARNINGS_SEED_ARTICLE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../shared/source/alibaba-ai-revenue-article.txt")
        });
    path.exists().then_some(path)
}

const ARTICLE_DATA: &str = "data/alibaba-article.json";

#[test]
fn extract_finds_every_figure_the_bundled_data_takes_from_the_seed_article() {
    let Some(article) = seed_article() else {
        eprintln!("the seed article is not here: nothing to compare");
        return;
    };
    let rows = extract_rows(article.to_str().unwrap());
    let data: Value =
        serde_json::from_str(&std::fs::read_to_string(ARTICLE_DATA).unwrap()).unwrap();
    let items = data["facts"]
        .as_array()
        .unwrap()
        .iter()
        .chain(data["claims"].as_array().unwrap());
    for item in items.filter(|i| i["source"] == "article") {
        let at = item["at"].as_str().unwrap();
        let value = dec(item["value"].as_str().unwrap());
        let scale = item["scale"].as_str().unwrap_or("unit");
        let bound = item["bound"].as_str().unwrap_or("rounded");
        let found = rows.iter().any(|r| {
            let read = dec(text(r, "value"));
            // A target written plainly may be recorded as exact; an outflow
            // as a negative value; "exceeded X for the first time" says an
            // earlier year was at most X; "grew three times" is 3 to 4.
            let bound_ok = text(r, "bound") == bound
                || (bound == "exact" && text(r, "bound") == "rounded")
                || (bound == "at_most" && text(r, "bound") == "more_than");
            text(r, "at") == at
                && (read == value || read == -value)
                && text(r, "scale") == scale
                && bound_ok
        });
        assert!(
            found,
            "no number at {at} reads {value} {scale} {bound}: {item}"
        );
    }
}

/// The bundled article data's own findings, with no text.
fn findings_without_text() -> Vec<(String, String, String)> {
    let run = run(&["check", "--data", ARTICLE_DATA, "--format", "json"]);
    run.rows()
        .iter()
        .map(|r| {
            let field = |k: &str| text(r, k).to_string();
            (field("severity"), field("kind"), field("message"))
        })
        .collect()
}

#[test]
fn the_bundled_article_data_matches_the_seed_article_and_each_mutation_is_one_error() {
    let Some(article) = seed_article() else {
        eprintln!("the seed article is not here: nothing to compare");
        return;
    };
    let source_text = format!("article={}", article.display());
    let base = findings(ARTICLE_DATA, &source_text);
    let mismatches = |found: &[(String, String, String)]| -> Vec<String> {
        found
            .iter()
            .filter(|f| f.1 == "text_mismatch")
            .map(|f| f.2.clone())
            .collect()
    };
    assert!(mismatches(&base).is_empty(), "{base:#?}");
    let base_errors = errors(&base).len();
    assert_eq!(base_errors, errors(&findings_without_text()).len());
    let data: Value =
        serde_json::from_str(&std::fs::read_to_string(ARTICLE_DATA).unwrap()).unwrap();
    let facts = data["facts"].as_array().unwrap();
    for (index, fact) in facts.iter().enumerate() {
        let figure = format!(
            "{}.{}@{}",
            text(fact, "entity"),
            text(fact, "metric"),
            text(fact, "period")
        );
        let value = (dec(text(fact, "value")) + Decimal::ONE).to_string();
        let paragraph: usize = text(fact, "at").trim_start_matches('¶').parse().unwrap();
        let mut changes = vec![("value", value), ("at", format!("¶{}", paragraph + 1))];
        if let Some(scale) = fact["scale"].as_str() {
            let other = if scale == "billion" { "yi" } else { "billion" };
            changes.push(("scale", other.to_string()));
        }
        for (field, to) in changes {
            let mut copy = data.clone();
            copy["facts"][index][field] = Value::from(to.as_str());
            let file = temp_file(&copy.to_string());
            let found = findings(file.path().to_str().unwrap(), &source_text);
            let text_errors = mismatches(&found);
            assert_eq!(
                text_errors.len(),
                1,
                "facts[{index}].{field} = {to}: {text_errors:#?}"
            );
            assert!(text_errors[0].contains(&figure), "{}", text_errors[0]);
            // The data's own checks may find more (a trillion read as a
            // billion puts parts above their whole; a claim on the figure
            // may no longer hold): errors of their own kinds.
            let others = errors(&found).len() - text_errors.len();
            assert!(others >= base_errors, "{found:#?}");
        }
    }
}

/// Fills every "?" of a draft as an analyst would (an entity, a metric per
/// item, the figures a claim relates).
fn fill(value: &mut Value, item: usize) {
    match value {
        Value::Object(map) => {
            for (key, field) in map.iter_mut() {
                if field == "?" {
                    *field = Value::from(match key.as_str() {
                        "title" => "Acme".to_string(),
                        "kind" => "press".to_string(),
                        "entity" => "acme".to_string(),
                        "metric" => format!("figure_{item}"),
                        "period" => "FY2026".to_string(),
                        "unit" => "items".to_string(),
                        "of" => format!("acme.figure_{item}@FY2026"),
                        other => format!("acme.{other}_{item}@FY2026"),
                    });
                } else {
                    fill(field, item);
                }
            }
        }
        Value::Array(items) => {
            for (index, entry) in items.iter_mut().enumerate() {
                fill(entry, item * 100 + index);
            }
        }
        _ => {}
    }
}

#[test]
fn a_draft_filled_in_loads_and_its_text_accounts_for_every_number() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("draft.json");
    run(&[
        "extract",
        ACME_TEXT,
        "--draft",
        "-o",
        draft.to_str().unwrap(),
    ])
    .exits(0);
    let mut document: Value =
        serde_json::from_str(&std::fs::read_to_string(&draft).unwrap()).unwrap();
    fill(&mut document, 1);
    document["entities"] = serde_json::json!({ "acme": { "name": "Acme", "currency": "CNY" } });
    let filled = crate::common::write(dir.path(), "filled.json", &document.to_string());
    run(&["facts", "--data", &filled]).exits(0);
    let found = findings(&filled, &format!("article={ACME_TEXT}"));
    assert!(found.iter().all(|f| f.1 != "text_mismatch"), "{found:#?}");
    let count = found.iter().rev().find(|f| f.1 == "text_coverage").unwrap();
    assert!(count.2.starts_with("17 of 17 numbers"), "{count:?}");
}
