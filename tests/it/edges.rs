//! Edges of arithmetic: every command either computes or refuses cleanly
//! (exit 0, 1 or 2, never a panic) on values at the limits of a decimal,
//! zeros, a fall of 100%, tiny values, an ARR starting at zero, a share of
//! 0% and the run-rate of an instant.

use super::common::{Run, run, stdout, write};

const COMMANDS: [&str; 9] = [
    "facts", "metrics", "yoy", "share", "run-rate", "verify", "check", "arr", "report",
];

fn dataset(facts: &str, claims: &str) -> String {
    format!(
        r#"{{"format": "earnings-dataset/1",
  "sources": {{"s": {{"title": "t", "kind": "filing"}}, "p": {{"title": "p", "kind": "press"}}}},
  "entities": {{"co": {{"name": "Co", "currency": "USD"}}, "seg": {{"name": "Segment", "parent": "co"}}}},
  "facts": [{facts}],
  "claims": [{claims}]}}"#
    )
}

fn fact(entity: &str, metric: &str, period: &str, value: &str, extra: &str) -> String {
    format!(
        r#"{{"entity": "{entity}", "metric": "{metric}", "period": "{period}", "value": "{value}", "unit": "USD", "source": "s", "at": "1"{extra}}}"#
    )
}

/// (what, facts, claims, the exit codes allowed)
fn cases() -> Vec<(&'static str, String, String, &'static [i32])> {
    let max = "79228162514264337593543950335";
    vec![
        (
            "the largest decimal times a trillion is refused at load",
            fact("co", "revenue", "FY2026", max, r#", "scale": "trillion""#),
            String::new(),
            &[2],
        ),
        (
            "the largest decimal loads; sums and ratios overflow cleanly",
            [
                fact("co", "revenue", "FY2025", &format!("-{max}"), r#", "bound": "exact""#),
                fact("co", "revenue", "FY2026", max, r#", "bound": "exact""#),
                fact("co", "revenue", "FY2026-Q4", max, r#", "bound": "exact""#),
                fact("co", "net_profit", "FY2026", max, ""),
                fact("seg", "revenue", "FY2026", max, ""),
            ]
            .join(","),
            r#"{"kind": "yoy", "of": "co.revenue@FY2026", "value": "5", "unit": "percent", "source": "p", "at": "2"},
               {"kind": "run_rate", "of": "co.revenue@FY2026-Q4", "value": "1", "unit": "USD", "source": "p", "at": "3"}"#
                .to_string(),
            &[0, 1, 2],
        ),
        (
            "zero revenue: no margin, no share, n/m changes",
            [
                fact("co", "revenue", "FY2025", "0", r#", "bound": "exact""#),
                fact("co", "revenue", "FY2026", "0", r#", "bound": "exact""#),
                fact("co", "net_profit", "FY2026", "-5", ""),
                fact("seg", "revenue", "FY2026", "0", r#", "bound": "exact""#),
            ]
            .join(","),
            r#"{"kind": "margin", "of": "co.net_profit@FY2026", "value": "10", "unit": "percent", "source": "p", "at": "2"}"#.to_string(),
            &[0, 1],
        ),
        (
            "a fall of 100% implies no prior year",
            fact("co", "revenue", "FY2026", "10", ""),
            r#"{"kind": "yoy", "of": "co.revenue@FY2026", "value": "-100", "bound": "exact", "unit": "percent", "source": "p", "at": "2"}"#.to_string(),
            &[0, 1],
        ),
        (
            "tiny values",
            [
                fact("co", "revenue", "FY2025", "0.0000000000000000000000000001", ""),
                fact("co", "revenue", "FY2026", "0.0000000000000000000000000003", ""),
                fact("co", "net_profit", "FY2026", "0.0000000000000000000000000001", ""),
            ]
            .join(","),
            String::new(),
            &[0, 1],
        ),
        (
            "an ARR starting at zero",
            [
                fact("co", "arr", "2026-06-30", "0", r#", "bound": "exact", "status": "target""#),
                fact("co", "arr", "2026-12-31", "30", r#", "status": "target""#),
            ]
            .join(","),
            String::new(),
            &[0, 1],
        ),
        (
            "a share of 0%",
            fact("seg", "revenue", "FY2026", "5", ""),
            r#"{"kind": "share", "of": "seg.revenue@FY2026", "whole": "co.revenue@FY2026", "value": "0", "bound": "exact", "unit": "percent", "source": "p", "at": "2"}"#.to_string(),
            &[0, 1],
        ),
        (
            "the run-rate of an instant",
            fact("co", "cash", "2026-03-31", "7", ""),
            r#"{"kind": "run_rate", "of": "co.cash@2026-03-31", "value": "28", "unit": "USD", "source": "p", "at": "2"}"#.to_string(),
            &[0, 1],
        ),
    ]
}

#[test]
fn every_command_computes_or_refuses_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    for (n, (what, facts, claims, allowed)) in cases().into_iter().enumerate() {
        let path = write(
            dir.path(),
            &format!("edge{n}.json"),
            &dataset(&facts, &claims),
        );
        for command in COMMANDS {
            for format in ["table", "json"] {
                let Run {
                    code,
                    stdout,
                    stderr,
                    ..
                } = run(&[command, "--data", &path, "--format", format]);
                assert!(
                    !stdout.contains("panicked") && !stderr.contains("panicked"),
                    "{what}: {command} {format} panicked: {stderr}"
                );
                assert!(
                    (0..=2).contains(&code),
                    "{what}: {command} {format} exited {code}: {stderr}"
                );
                if command != "verify" && command != "check" {
                    assert!(
                        allowed.contains(&code) || code == 0,
                        "{what}: {command} {format} exited {code}: {stderr}"
                    );
                }
                if code == 2 {
                    let first = stderr.lines().next().unwrap_or_default();
                    assert!(
                        first.starts_with("earnings: "),
                        "{what}: {command}: one clear line first: {stderr}"
                    );
                }
                if format == "json" && code != 2 {
                    serde_json::from_str::<serde_json::Value>(&stdout)
                        .unwrap_or_else(|e| panic!("{what}: {command}: not JSON ({e})"));
                }
            }
        }
    }
}

#[test]
fn a_fall_of_a_hundred_percent_and_a_zero_start_say_why() {
    let dir = tempfile::tempdir().unwrap();
    let facts = [
        fact(
            "co",
            "arr",
            "2026-06-30",
            "0",
            r#", "bound": "exact", "status": "target""#,
        ),
        fact("co", "arr", "2026-12-31", "30", r#", "status": "target""#),
    ]
    .join(",");
    let path = write(dir.path(), "arr.json", &dataset(&facts, ""));
    let text = stdout(&["arr", "--data", &path, "--format", "json"]);
    assert!(text.contains("n/m") || text.contains("zero"), "{text}");
}
