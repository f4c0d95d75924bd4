//! Terminals and pipes: colour only where it belongs, a closed pipe is no
//! failure, and text from a dataset cannot drive a terminal or a
//! spreadsheet.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command as Process, Stdio};

use super::common::{earnings_path, path_of, stdout, temp_file, tool_missing};

const ESC: char = '\u{1b}';

/// A dataset whose every free-text field is hostile.
fn hostile_dataset() -> String {
    let nasty = "=HYPERLINK(\\\"http://x\\\")\\u001b[31m\\u0007\\r\\tend";
    format!(
        r#"{{"format": "earnings-dataset/1",
  "sources": {{"s": {{"title": "{nasty}", "kind": "press", "publisher": "{nasty}", "note": "{nasty}"}}}},
  "entities": {{"co": {{"name": "{nasty}", "currency": "USD"}}}},
  "facts": [
    {{"entity": "co", "metric": "revenue", "period": "FY2025", "value": "10", "unit": "USD", "source": "s", "at": "{nasty}", "note": "{nasty}"}},
    {{"entity": "co", "metric": "revenue", "period": "FY2026", "value": "-12", "unit": "USD", "source": "s", "at": "+SUM(A1)", "note": "@cmd"}}
  ],
  "claims": [
    {{"kind": "yoy", "of": "co.revenue@FY2026", "value": "20", "unit": "percent", "source": "s", "at": "-2+3", "note": "{nasty}"}}
  ]}}"#
    )
}

#[test]
fn hostile_text_never_reaches_the_terminal() {
    let file = temp_file(&hostile_dataset());
    let path = path_of(&file);
    for command in ["facts", "metrics", "report"] {
        for format in ["table", "markdown"] {
            let mut args = vec![command, "--data", path, "--format", format, "--wide"];
            if format == "table" {
                // Colour is for tables only (elsewhere --color is refused).
                args.extend(["--color", "never"]);
            }
            let text = stdout(&args);
            for bad in [ESC, '\u{7}', '\r'] {
                assert!(!text.contains(bad), "{command} {format} printed {bad:?}");
            }
            assert!(
                text.contains("end"),
                "the harmless rest of the text is kept"
            );
        }
    }
}

#[test]
fn csv_cells_a_spreadsheet_would_run_are_neutralised() {
    let file = temp_file(&hostile_dataset());
    let output = stdout(&[
        "facts",
        "--data",
        path_of(&file),
        "--format",
        "csv",
        "--scale",
        "unit",
    ]);
    let mut reader = csv::Reader::from_reader(output.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    for row in &rows {
        for cell in row.iter() {
            let first = cell.chars().next();
            let formula = matches!(first, Some('=' | '+' | '@' | '\t' | '\r'))
                || (first == Some('-') && cell.parse::<rust_decimal::Decimal>().is_err());
            assert!(!formula, "a formula reached the CSV: {cell:?}");
        }
    }
    let stated: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|r| &r[column("bound")] == "rounded")
        .collect();
    // CSV is for programs: the text is exact, control characters too, with
    // a `'` before a formula.
    assert_eq!(
        &stated[0][column("at")],
        "'=HYPERLINK(\"http://x\")\u{1b}[31m\u{7}\r\tend"
    );
    assert_eq!(&stated[1][column("at")], "'+SUM(A1)");
    assert_eq!(&stated[1][column("note")], "'@cmd");
    // Numbers stay numbers, negative ones included.
    assert_eq!(&stated[1][column("value")], "-12");
    assert_eq!(&stated[1][column("low")], "-12.5");
}

#[test]
fn colour_only_on_a_terminal_and_never_with_no_color() {
    let bin = earnings_path();
    let bin = bin.to_str().unwrap();
    // A pipe: no colour.
    let piped = stdout(&["facts", "--entity", "alibaba-maas"]);
    assert!(!piped.contains(ESC));
    // --color always: colour even on a pipe.
    let always = stdout(&["facts", "--color", "always"]);
    assert!(always.contains(ESC));
    // A pseudo-terminal (util-linux `script`): colour, unless NO_COLOR is set.
    let Ok(on_tty) = Process::new("script")
        .args([
            "-qec",
            &format!("{bin} facts --entity alibaba-maas"),
            "/dev/null",
        ])
        .env_remove("NO_COLOR")
        .output()
    else {
        tool_missing(
            "util-linux `script` (for a pseudo-terminal)",
            "apt-get install bsdutils",
        );
        return;
    };
    assert!(
        String::from_utf8_lossy(&on_tty.stdout).contains(&format!("{ESC}[")),
        "colour on a terminal"
    );
    let no_color = Process::new("script")
        .args([
            "-qec",
            &format!("{bin} facts --entity alibaba-maas"),
            "/dev/null",
        ])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&no_color.stdout);
    assert!(
        text.contains("alibaba-maas") && !text.contains(ESC),
        "NO_COLOR turns colour off"
    );
    let never = Process::new("script")
        .args([
            "-qec",
            &format!("{bin} facts --entity alibaba-maas --color never"),
            "/dev/null",
        ])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&never.stdout).contains(ESC));
}

#[test]
fn a_reader_that_goes_away_ends_it_quietly() {
    // Enough rows to fill any pipe buffer.
    let facts: Vec<String> = (1..=3000)
        .map(|i| format!(r#"{{"entity": "co", "metric": "m{i}", "period": "FY2026", "value": "{i}", "unit": "USD", "source": "s", "at": "p"}}"#))
        .collect();
    let doc = format!(
        r#"{{"format": "earnings-dataset/1", "sources": {{"s": {{"title": "t", "kind": "synthetic"}}}},
            "entities": {{"co": {{"name": "Co"}}}}, "facts": [{}]}}"#,
        facts.join(",")
    );
    let file = temp_file(&doc);
    for format in ["csv", "table"] {
        let mut child = Process::new(earnings_path())
            .args(["facts", "--data", path_of(&file), "--format", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        // The reader is dropped here, like `head -1` exiting.
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{format}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.is_empty(), "{format}: {stderr}");
        assert!(!first.is_empty());
    }
}

#[test]
fn standard_input_is_a_dataset() {
    let mut child = Process::new(earnings_path())
        .args(["facts", "--data", "-", "--format", "csv", "--scale", "unit"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(hostile_dataset().as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains(",-12,"));
}
