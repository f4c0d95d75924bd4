//! Bounded cost: small datasets made to be expensive run in bounded time
//! and memory. Each case is generated at a size where the quadratic (or
//! unbounded) version took tens of seconds or hundreds of MB; each run's
//! CPU time and peak memory (the child's user and system time and maximum
//! resident set, by GNU `time`) are asserted with a generous margin and
//! printed. CPU time, not wall time: a run that waits for a busy machine's
//! cores is not slower for it. The margin is several times what the
//! unoptimised build takes, and a fraction of what the unbounded versions
//! took: this guards against a cost that grows without bound, and measures
//! no speed (examples/bench.sh does).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use super::common::{earnings_path, path_of, temp_file, tool_missing};

/// The most memory a run may take.
const MEMORY_KB: u64 = 200 * 1024;

/// The most CPU time a run may take (the release build takes well under two
/// seconds, the unoptimised one under ten).
const CPU: Duration = Duration::from_secs(30);

/// Runs `earnings ARGS` under GNU `time`, output discarded, and asserts
/// its time and peak memory; `None` where `time` is missing (a failure
/// under CI).
fn within_bounds(args: &[&str]) -> Option<(Duration, u64)> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        tool_missing(
            "GNU time (/usr/bin/time, for a run's peak memory)",
            "apt-get install time",
        );
        return None;
    }
    let report = tempfile::NamedTempFile::new().unwrap();
    let output = Command::new(time)
        .arg("-f")
        .arg("%U %S %M")
        .arg("-o")
        .arg(report.path())
        .arg(earnings_path())
        .args(args)
        .env_remove("COLUMNS")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let line = format!("earnings {}", args.join(" "));
    let code = output.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "{line}: exit {code:?}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = std::fs::read_to_string(report.path()).unwrap();
    // The last line: user seconds, system seconds, peak KB.
    let fields: Vec<&str> = text.lines().last().unwrap_or("").split(' ').collect();
    let (Some(user), Some(system), Some(kb)) = (
        fields.first().and_then(|f| seconds(f)),
        fields.get(1).and_then(|f| seconds(f)),
        fields.get(2).and_then(|f| f.trim().parse::<u64>().ok()),
    ) else {
        panic!("{line}: no CPU time and peak memory in {text:?}");
    };
    let cpu = user + system;
    eprintln!("{line}: {:.2} s CPU, {} MB", cpu.as_secs_f64(), kb / 1024);
    assert!(kb < MEMORY_KB, "{line}: {kb} KB");
    assert!(cpu < CPU, "{line}: {cpu:?} CPU");
    Some((cpu, kb))
}

/// GNU `time`'s seconds (`1.23`) as a duration, exactly.
fn seconds(text: &str) -> Option<Duration> {
    let (whole, hundredths) = text.trim().split_once('.')?;
    let whole: u64 = whole.parse().ok()?;
    let hundredths: u64 = hundredths.parse().ok()?;
    Some(Duration::from_secs(whole) + Duration::from_millis(hundredths * 10))
}

fn document(entities: &str, facts: &[String], claims: &[String]) -> String {
    format!(
        r#"{{"format": "earnings-dataset/1",
  "sources": {{"s": {{"title": "Cost", "kind": "release"}}}},
  "entities": {{{entities}}},
  "facts": [{}],
  "claims": [{}]}}"#,
        facts.join(",\n"),
        claims.join(",\n")
    )
}

#[test]
fn arr_milestones_at_fy0001_and_fy9999() {
    // Five entities, 2 KB: 2.08 GB and 39 s before a path was limited.
    let entities: Vec<String> = (0..5)
        .map(|i| format!(r#""e{i}": {{"name": "E{i}", "currency": "USD"}}"#))
        .collect();
    let facts: Vec<String> = (0..5)
        .flat_map(|i| {
            [("FY0001", 1), ("FY9999", 5)].map(|(period, value)| {
                format!(
                    r#"{{"entity": "e{i}", "metric": "cloud_arr", "period": "{period}", "value": "{value}", "scale": "billion", "unit": "USD", "source": "s", "at": "p"}}"#
                )
            })
        })
        .collect();
    let data = document(&entities.join(", "), &facts, &[]);
    assert!(data.len() < 3_000);
    let file = temp_file(&data);
    for command in ["arr", "report"] {
        for format in ["table", "csv", "json"] {
            within_bounds(&[command, "--data", path_of(&file), "--format", format]);
        }
    }
    within_bounds(&["arr", "--data", path_of(&file), "--step", "quarter"]);
}

#[test]
fn arr_milestones_every_twenty_years() {
    // 500 milestones 240 months apart, 69 KB: 120,000 path points, 683 MB
    // and 13 s with a limit on each gap only.
    let facts: Vec<String> = (0..500)
        .map(|i| {
            let year = 1 + 20 * i;
            format!(
                r#"{{"entity": "acme", "metric": "cloud_arr", "period": "FY{year:04}", "value": "{}", "scale": "billion", "unit": "USD", "source": "s", "at": "p"}}"#,
                1 + i % 7
            )
        })
        .collect();
    let data = document(
        r#""acme": {"name": "Acme", "currency": "USD"}"#,
        &facts,
        &[],
    );
    let file = temp_file(&data);
    for format in ["table", "csv"] {
        within_bounds(&["arr", "--data", path_of(&file), "--format", format]);
    }
    let out = super::common::stdout(&["arr", "--data", path_of(&file), "--format", "csv"]);
    let path_rows = out.lines().filter(|l| l.starts_with("arr_path,")).count();
    assert!(path_rows <= 500 + 2_400, "{path_rows} path rows");
}

#[test]
fn a_chain_of_claims_listed_oldest_first() {
    // Each claim's base is the next claim's figure; only the last figure is
    // stated. Solved in rounds over every claim, this was quadratic (16,000
    // claims: 70 s); 5,000 claims here, for the unoptimised build.
    let claims = 5_000;
    let facts = [format!(
        r#"{{"entity": "acme", "metric": "m{claims}", "period": "FY2026", "value": "100", "unit": "USD", "source": "s", "at": "p"}}"#
    )];
    let chain: Vec<String> = (0..claims)
        .map(|k| {
            format!(
                r#"{{"kind": "multiple", "of": "acme.m{}@FY2026", "base": "acme.m{k}@FY2026", "value": "1.0001", "unit": "multiple", "bound": "exact", "source": "s", "at": "p"}}"#,
                k + 1
            )
        })
        .collect();
    let data = document(
        r#""acme": {"name": "Acme", "currency": "USD"}"#,
        &facts,
        &chain,
    );
    let file = temp_file(&data);
    for command in ["facts", "verify", "check", "report"] {
        within_bounds(&[command, "--data", path_of(&file), "--format", "csv"]);
    }
    within_bounds(&["verify", "--data", path_of(&file)]);
}

#[test]
fn an_unbroken_word_on_a_narrow_terminal() {
    // A 64 KB `at` took 19 s on a 40-column terminal, 250 KB over two
    // minutes: comfy-table's layout is quadratic in an unbroken word.
    for size in [64 * 1024, 250 * 1024] {
        let word = "a".repeat(size);
        let facts = [format!(
            r#"{{"entity": "acme", "metric": "revenue", "period": "FY2026", "value": "1", "unit": "USD", "source": "s", "at": "{word}", "note": "{word}"}}"#
        )];
        let claims = [format!(
            r#"{{"kind": "level", "of": "acme.revenue@FY2026", "value": "2", "unit": "USD", "source": "s", "at": "{word}", "note": "{word}"}}"#
        )];
        let data = document(
            r#""acme": {"name": "Acme", "currency": "USD"}"#,
            &facts,
            &claims,
        );
        let file = temp_file(&data);
        let path = path_of(&file);
        for args in [
            &["facts", "--columns", "entity,at", "--width", "40"][..],
            &["facts", "--wide", "--width", "40"],
            &["verify", "--wide", "--width", "40"],
            &["check", "--width", "40"],
            &["report", "--width", "40"],
            &["facts", "--format", "markdown", "--wide"],
        ] {
            let mut args = args.to_vec();
            args.extend(["--data", path]);
            within_bounds(&args);
        }
    }
}

#[test]
fn claims_each_naming_a_metric_nothing_else_mentions() {
    // Every claim's metric is its own and close to its neighbours' (m_1,
    // m_2, …): each compared with every other name was claims × names edit
    // distances (16,000 claims: 353 s in the release build). The check
    // stops at a budget of comparisons and says how many claims it left.
    let claims = 16_000;
    let facts = [
        r#"{"entity": "acme", "metric": "revenue", "period": "FY2025", "value": "100", "unit": "USD", "source": "s", "at": "p"}"#
            .to_string(),
    ];
    let own: Vec<String> = (0..claims)
        .map(|k| {
            format!(
                r#"{{"kind": "yoy", "of": "acme.metric_{k}@FY2026", "value": "10", "unit": "percent", "source": "s", "at": "p{k}"}}"#
            )
        })
        .collect();
    let data = document(
        r#""acme": {"name": "Acme", "currency": "USD"}"#,
        &facts,
        &own,
    );
    let file = temp_file(&data);
    for command in ["check", "report"] {
        within_bounds(&[command, "--data", path_of(&file), "--format", "csv"]);
    }
    let run = super::common::run(&["check", "--data", path_of(&file), "--format", "csv"]);
    assert_eq!(run.code, 1, "{run}");
    let out = run.stdout;
    assert!(
        out.lines().any(|l| l.starts_with("error,likely_typo,")),
        "the first claims are still compared:\n{out}"
    );
    assert!(
        out.lines().any(|l| l.starts_with("note,likely_typo,")
            && l.contains("of 16000 claims were not compared")),
        "the claims left out are counted:\n{out}"
    );
}
