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

/// An overflow while implying one figure is reported for that figure (a
/// `check` error, an `unverifiable` reason); the other figures, claims and
/// commands go on as without it.
#[test]
fn an_overflow_implying_one_figure_stops_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let facts = [
        fact(
            "co",
            "revenue",
            "FY2025",
            "50000000000000000000000000000",
            r#", "bound": "exact""#,
        ),
        // Exact, so that the 25% claim holds on every value they allow.
        fact("co", "net_profit", "FY2026", "10", r#", "bound": "exact""#),
        fact("co", "net_profit", "FY2025", "8", r#", "bound": "exact""#),
    ]
    .join(",");
    let claims = r#"{"kind": "multiple", "of": "co.revenue@FY2026", "base": "co.revenue@FY2025", "value": "1000", "unit": "multiple", "source": "p", "at": "4"},
        {"kind": "yoy", "of": "co.net_profit@FY2026", "value": "25", "unit": "percent", "source": "p", "at": "5"}"#;
    let path = write(dir.path(), "overflow.json", &dataset(&facts, claims));
    for command in [
        "facts", "metrics", "yoy", "share", "run-rate", "arr", "report",
    ] {
        run(&[command, "--data", &path]).exits(0);
    }
    let facts = stdout(&["facts", "--data", &path, "--format", "csv"]);
    assert_eq!(facts.lines().count(), 4, "{facts}");
    let verify = stdout(&["verify", "--data", &path, "--format", "csv"]);
    let multiple = verify.lines().find(|l| l.starts_with("multiple,")).unwrap();
    assert!(multiple.contains(",unverifiable,"), "{multiple}");
    assert!(
        multiple.contains(
            "implying it overflows (p 4: multiple claim on co.revenue@FY2026: arithmetic overflow)"
        ),
        "{multiple}"
    );
    let yoy = verify.lines().find(|l| l.starts_with("yoy,")).unwrap();
    assert!(yoy.contains(",holds,"), "{yoy}");
    let check = run(&["check", "--data", &path, "--format", "csv"])
        .exits(1)
        .stdout;
    assert!(
        check.lines().any(|l| l
            .starts_with("error,arithmetic_overflow,\"co.revenue@FY2026: implying it from p 4")),
        "{check}"
    );
}

/// An overflow while deriving one figure's row, or computing one claim from
/// its figures, is reported for it (a row without a value saying why; an
/// `unverifiable` claim with the reason, and a `check` error); nothing else
/// stops.
#[test]
fn an_overflow_computing_one_claim_is_reported_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let facts = [
        fact(
            "co",
            "revenue",
            "FY2025",
            "0.0000000000000000000000000001",
            r#", "bound": "exact""#,
        ),
        fact(
            "co",
            "revenue",
            "FY2026",
            "70000000000000000000000000000",
            r#", "bound": "exact""#,
        ),
        fact("co", "net_profit", "FY2026", "10", r#", "bound": "exact""#),
        fact("co", "net_profit", "FY2025", "8", r#", "bound": "exact""#),
    ]
    .join(",");
    let claims = r#"{"kind": "yoy", "of": "co.revenue@FY2026", "value": "5", "unit": "percent", "source": "p", "at": "4"},
        {"kind": "yoy", "of": "co.net_profit@FY2026", "value": "25", "unit": "percent", "source": "p", "at": "5"}"#;
    let path = write(dir.path(), "overflow.json", &dataset(&facts, claims));
    // Deriving: the one row says why it has no value; the others are there.
    let metrics = stdout(&["metrics", "--data", &path, "--format", "csv"]);
    let row = metrics
        .lines()
        .find(|l| l.starts_with("yoy,co,revenue,FY2026,"))
        .unwrap();
    assert!(row.contains(",\"not computed: yoy of co.revenue@FY2026: arithmetic overflow, beyond the range of exact decimals\","), "{row}");
    assert!(
        metrics
            .lines()
            .any(|l| l.starts_with("yoy,co,net_profit,FY2026,25,")),
        "{metrics}"
    );
    let verify = stdout(&["verify", "--data", &path, "--format", "csv"]);
    let revenue = verify
        .lines()
        .find(|l| l.starts_with("yoy,co.revenue"))
        .unwrap();
    assert!(revenue.contains(",unverifiable,"), "{revenue}");
    assert!(
        revenue.contains("computing yoy co.revenue@FY2026 overflows"),
        "{revenue}"
    );
    let profit = verify
        .lines()
        .find(|l| l.starts_with("yoy,co.net_profit"))
        .unwrap();
    assert!(profit.contains(",holds,"), "{profit}");
    let check = run(&["check", "--data", &path, "--format", "csv"])
        .exits(1)
        .stdout;
    assert!(
        check
            .lines()
            .any(|l| l
                .starts_with("error,arithmetic_overflow,\"p 4: computing yoy co.revenue@FY2026")),
        "{check}"
    );
}
