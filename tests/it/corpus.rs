//! The malformed-input corpus: every bad dataset under `tests/corpus/` is
//! run through the built binary as `tests/corpus/cases.tsv` says, and must
//! exit with its code, print its expected first line on standard error, and
//! never panic.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::common::{earnings, run_command};

/// One line of the manifest.
struct Case {
    name: String,
    args: Vec<String>,
    exit: i32,
    first_line: String,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// The manifest's cases, with `{corpus}` replaced by the corpus directory.
fn cases() -> Vec<Case> {
    let dir = corpus_dir();
    let dir = dir.to_str().unwrap();
    let manifest = std::fs::read_to_string(corpus_dir().join("cases.tsv")).unwrap();
    manifest
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let [name, args, exit, first_line, _what] = fields.as_slice() else {
                panic!("a case has five tab-separated fields: {line:?}")
            };
            Case {
                name: name.to_string(),
                args: args
                    .split_whitespace()
                    .map(|a| a.replace("{corpus}", dir))
                    .collect(),
                exit: exit.parse().unwrap(),
                first_line: first_line.replace("{corpus}", dir),
            }
        })
        .collect()
}

#[test]
fn every_bad_dataset_exits_2_with_its_first_line_and_no_panic() {
    let cases = cases();
    assert!(cases.len() >= 40, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let run = run_command(earnings().args(&case.args).env("NO_COLOR", "1"));
        let (stdout, stderr) = (&run.stdout, &run.stderr);
        let code = run.status.code();
        let first = stderr.lines().next().unwrap_or("");
        let mut wrong = Vec::new();
        if code != Some(case.exit) {
            wrong.push(format!("exit {code:?}, expected {}", case.exit));
        }
        if first != case.first_line {
            wrong.push(format!(
                "first line of stderr\n    got:      {first}\n    expected: {}",
                case.first_line
            ));
        }
        if stdout.contains("panicked") || stderr.contains("panicked") {
            wrong.push("the output contains \"panicked\"".to_string());
        }
        if !wrong.is_empty() {
            failures.push(format!("{}: {}\n{run}", case.name, wrong.join("\n  ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} corpus cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn every_corpus_file_is_a_case_and_every_case_has_its_file() {
    let listed: BTreeSet<String> = cases().into_iter().map(|c| c.name).collect();
    let on_disk: BTreeSet<String> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_str().unwrap().to_string())
        .filter(|name| name != "cases.tsv")
        .map(|name| name.strip_suffix(".json").unwrap_or(&name).to_string())
        .collect();
    assert_eq!(listed, on_disk, "the manifest and the files disagree");
}
