//! The binary as a user runs it: bad input, several files, standard input,
//! output files and the formats of `facts`.

use super::common::{Run, earnings, rows, run, run_command, text, write};

const GOOD: &str = r#"{"format": "earnings-dataset/1",
  "sources": {"r": {"title": "Results", "kind": "release"}},
  "entities": {"acme": {"name": "Acme", "currency": "USD", "fiscal_year_end": "06-30"}},
  "facts": [
    {"entity": "acme", "metric": "revenue", "period": "FY2026", "value": "12.5", "scale": "billion", "unit": "USD", "source": "r", "at": "p. 1"}
  ]}"#;

#[test]
fn bad_input_exits_2_naming_file_and_place() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "malformed.json",
            "{\"format\": \"earnings-dataset/1\",,}",
            ":1:33: key must be a string",
        ),
        (
            "unknown.json",
            &GOOD.replace("\"at\": \"p. 1\"", "\"at\": \"p. 1\", \"colour\": \"red\""),
            ":5:156: facts[0].colour: unknown field `colour`",
        ),
        (
            "format.json",
            &GOOD.replace("earnings-dataset/1", "earnings-dataset/9"),
            ":1:12: format: unsupported format \"earnings-dataset/9\"",
        ),
        (
            "period.json",
            &GOOD.replace("FY2026", "FY20X6"),
            ":5:55: facts[0].period: \"FY20X6\" is not a period",
        ),
        (
            "unit.json",
            &GOOD.replace("\"unit\": \"USD\", ", ""),
            ":5:5: facts[0]: missing field `unit`",
        ),
    ];
    for (name, text, expected) in cases {
        let path = write(dir.path(), name, text);
        let Run {
            code,
            stdout,
            stderr,
            ..
        } = run(&["facts", "--data", &path]);
        assert_eq!(code, 2, "{name}: {stderr}");
        assert!(stdout.is_empty(), "{name}: nothing is written on bad input");
        let first = stderr.lines().next().unwrap_or_default();
        assert!(
            first.starts_with(&format!("earnings: {path}{expected}")),
            "{name}: {first}"
        );
    }
}

#[test]
fn a_missing_file_and_a_bad_option_exit_2() {
    let Run { code, stderr, .. } = run(&["facts", "--data", "no/such/file.json"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("earnings: no/such/file.json: cannot read"),
        "{stderr}"
    );
    let Run { code, stderr, .. } = run(&["facts", "--period", "FY2026-Q5"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("a quarter is Q1 to Q4"), "{stderr}");
    let Run { code, stderr, .. } = run(&["facts", "--entity", "nobody"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("earnings: --entity \"nobody\": no such entity"),
        "{stderr}"
    );
}

/// Each filter that matches nothing in the data is a usage error naming the
/// closest name the data does use, for every command that filters.
#[test]
fn filters_that_match_nothing_exit_2_with_a_suggestion() {
    let cases: [(&[&str], &str); 4] = [
        (
            &["--metric", "revenu"],
            "earnings: --metric \"revenu\": no fact, claim or definition in the data has this metric (did you mean 'revenue'?)",
        ),
        (
            &["--period", "FY2030"],
            "earnings: --period \"FY2030\": no fact or claim in the data is for this period (did you mean 'FY2026'?)",
        ),
        (
            &["--entity", "alibab"],
            "earnings: --entity \"alibab\": no such entity (did you mean 'alibaba'?)",
        ),
        (
            &["--period", "FY24"],
            "error: invalid value 'FY24' for '--period <PERIOD>': \"FY24\" is not a period: a year has four digits (did you mean FY2024?)",
        ),
    ];
    for command in ["facts", "metrics", "verify", "check", "arr"] {
        for (filter, first) in cases {
            let args: Vec<&str> = std::iter::once(command)
                .chain(filter.iter().copied())
                .collect();
            let Run { code, stderr, .. } = run(&args);
            assert_eq!(code, 2, "{args:?}: {stderr}");
            assert!(stderr.starts_with(first), "{args:?}: {stderr}");
        }
    }
    // A filter the data does match still selects.
    run(&["facts", "--metric", "revenue", "--period", "FY2026"]).exits(0);
}

#[test]
fn facts_csv_lists_revenue_in_billions_and_millions() {
    let Run { code, stdout, .. } = run(&[
        "facts", "--format", "csv", "--entity", "alibaba", "--metric", "revenue", "--period",
        "FY2026",
    ]);
    assert_eq!(code, 0);
    let mut reader = csv::Reader::from_reader(stdout.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        [
            "entity", "metric", "period", "value", "low", "high", "unit", "scale", "bound",
            "status", "source", "at", "note", "conflict"
        ]
    );
    let article = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[10] == "article")
        .unwrap();
    assert_eq!(
        (&article[3], &article[4], &article[5]),
        ("1023.67", "1023.665", "1023.675")
    );
    assert_eq!(
        (&article[6], &article[7], &article[8]),
        ("CNY", "billion", "rounded")
    );

    let Run { stdout, .. } = run(&[
        "facts", "--format", "csv", "--entity", "alibaba", "--metric", "revenue", "--period",
        "FY2026", "--scale", "million",
    ]);
    let mut reader = csv::Reader::from_reader(stdout.as_bytes());
    let values: Vec<String> = reader
        .records()
        .map(Result::unwrap)
        .filter(|r| &r[0] == "alibaba")
        .map(|r| r[3].to_string())
        .collect();
    assert!(values.iter().all(|v| v == "1023670"), "{values:?}");
}

#[test]
fn several_files_merge_and_stdin_reads_one() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.json", GOOD);
    let b = write(
        dir.path(),
        "b.json",
        &GOOD.replace("FY2026", "FY2025").replace("12.5", "11"),
    );
    let listing = run_command(
        earnings()
            .args([
                "facts", "--format", "json", "--scale", "unit", "--data", &a, "--data", "-",
            ])
            .write_stdin(std::fs::read(&b).unwrap()),
    )
    .exits(0)
    .json();
    let periods: Vec<&str> = rows(&listing).iter().map(|r| text(r, "period")).collect();
    assert_eq!(periods, ["FY2026", "FY2025"]);
    assert_eq!(listing["rows"][0]["value"], "12500000000");

    let clash = write(
        dir.path(),
        "clash.json",
        &GOOD.replace("\"name\": \"Acme\"", "\"name\": \"Acme Corp\""),
    );
    let Run { code, stderr, .. } = run(&["facts", "--data", &a, "--data", &clash]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("entities.acme: \"acme\" is defined differently in"),
        "{stderr}"
    );
    assert!(stderr.contains("a.json"), "{stderr}");
}

#[test]
fn an_output_file_is_replaced_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.csv");
    std::fs::write(&target, "previous contents").unwrap();
    let target_text = target.to_str().unwrap();
    let Run { code, stdout, .. } = run(&["facts", "--format", "csv", "-o", target_text]);
    assert_eq!(code, 0);
    assert!(stdout.is_empty());
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("entity,metric,period")
    );

    std::fs::write(&target, "previous contents").unwrap();
    let bad = write(dir.path(), "bad.json", "{");
    let Run { code, .. } = run(&["facts", "--data", &bad, "-o", target_text]);
    assert_eq!(code, 2);
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "previous contents"
    );
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 2, "no temporary file is left behind");
}

#[test]
fn every_format_renders_facts() {
    for format in ["table", "csv", "json", "markdown"] {
        let Run {
            code,
            stdout,
            stderr,
            ..
        } = run(&["facts", "--format", format]);
        assert_eq!(code, 0, "{format}: {stderr}");
        assert!(
            stdout.contains("1,023.67") || stdout.contains("1023.67"),
            "{format}"
        );
    }
    let Run {
        stdout: markdown, ..
    } = run(&["facts", "--format", "markdown"]);
    assert!(markdown.starts_with("## Stated and implied figures"));
    assert!(markdown.contains("| entity"));
    let Run { stdout: table, .. } = run(&["report"]);
    assert!(table.contains("Headline figures"));
    let Run { stdout: table, .. } = run(&["facts", "--entity", "alibaba-maas"]);
    assert!(table.contains("≥10"), "bounds are marked");
    assert!(
        table.contains("target"),
        "forward-looking figures are marked"
    );
}
