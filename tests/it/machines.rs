//! Output that machines take: numbers a spreadsheet keeps whole, files
//! that land in the format and mode asked for, options that are never
//! silently ignored, and completions that know the data.

use rust_decimal::Decimal;

use super::common::{earnings, run, run_command, stdout};

/// The significant digits of a plain decimal (`-0.0012` has 2, `1500` 2).
fn significant_digits(text: &str) -> usize {
    let unsigned = text.trim_start_matches('-');
    let digits: String = unsigned.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_start_matches('0');
    let digits = if unsigned.contains('.') {
        digits
    } else {
        digits.trim_end_matches('0')
    };
    digits.len()
}

fn csv_records(text: &str) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().expect("a header").clone();
    let records = reader
        .records()
        .collect::<Result<Vec<_>, _>>()
        .expect("CSV");
    (header, records)
}

#[test]
fn csv_numbers_have_15_digits_and_intervals_stay_sound() {
    let short = stdout(&["metrics", "--format", "csv"]);
    let exact = stdout(&["metrics", "--format", "csv", "--digits", "exact"]);
    let (header, short) = csv_records(&short);
    let (exact_header, exact) = csv_records(&exact);
    assert_eq!(header, exact_header);
    assert_eq!(short.len(), exact.len());
    assert!(short.len() > 50, "the bundled data has many metrics");
    let (mut cut, mut numbers) = (0, 0);
    for (s, e) in short.iter().zip(&exact) {
        for ((key, s), e) in header.iter().zip(s).zip(e) {
            let Ok(s_value) = s.parse::<Decimal>() else {
                assert_eq!(s, e, "{key}: text is never altered");
                continue;
            };
            numbers += 1;
            assert!(
                significant_digits(s) <= 15,
                "{key} = {s}: more than 15 digits"
            );
            let e_value: Decimal = e.parse().expect("the same cell, exact");
            if significant_digits(e) <= 15 {
                assert_eq!(s, e, "{key}: a number of 15 digits or fewer stays as it is");
                continue;
            }
            cut += 1;
            if key == "low" {
                assert!(s_value <= e_value, "low {s} above the exact {e}");
            } else if key == "high" {
                assert!(s_value >= e_value, "high {s} below the exact {e}");
            }
            let gap = (s_value - e_value).abs();
            assert!(
                gap <= e_value.abs() * Decimal::new(1, 14),
                "{key}: {s} is not {e} to 15 digits"
            );
        }
    }
    assert!(cut > 20 && numbers > cut, "{cut} of {numbers} numbers cut");
}

#[test]
fn digits_choose_how_many() {
    let csv = stdout(&[
        "yoy", "--entity", "alibaba", "--metric", "revenue", "--period", "FY2026", "--format",
        "csv", "--digits", "4",
    ]);
    let (header, rows) = csv_records(&csv);
    let field = |row: &csv::StringRecord, key: &str| {
        let i = header.iter().position(|h| h == key).unwrap();
        row[i].to_string()
    };
    let yoy = rows.iter().find(|r| field(r, "kind") == "yoy").unwrap();
    // 2.74231768…% within [2.74221594…, 2.74241942…].
    assert_eq!(
        (field(yoy, "value"), field(yoy, "low"), field(yoy, "high")),
        ("2.742".into(), "2.742".into(), "2.743".into())
    );
    let json = super::common::json(&[
        "yoy", "--entity", "alibaba", "--metric", "revenue", "--period", "FY2026", "--digits", "4",
    ]);
    let yoy = super::common::rows(&json)
        .iter()
        .find(|r| r["kind"] == "yoy")
        .unwrap();
    assert_eq!(yoy["high"], "2.743");
    let run = super::common::run(&["yoy", "--format", "csv", "--digits", "0"]).exits(2);
    assert!(run.stderr.contains("--digits"), "{run}");
}

#[test]
fn output_file_format_follows_its_extension() {
    let dir = tempfile::tempdir().unwrap();
    for (name, starts) in [
        ("x.csv", "kind,entity,metric,period,value,low,high"),
        ("x.json", "{\n  \"report\": \"yoy\""),
        ("x.md", "## Year-over-year"),
    ] {
        let path = dir.path().join(name);
        let path_text = path.to_str().unwrap();
        run(&["yoy", "-o", path_text]).exits(0);
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(written.starts_with(starts), "{name}: {written:.200}");
    }
    // An explicit --format that agrees is fine; one that disagrees is not.
    let csv = dir.path().join("y.csv");
    let csv_text = csv.to_str().unwrap();
    run(&["yoy", "-o", csv_text, "--format", "csv"]).exits(0);
    let refused = run(&["yoy", "-o", csv_text, "--format", "json"]).exits(2);
    let first = refused.stderr.lines().next().unwrap_or_default();
    assert!(
        first.contains("--format json") && first.contains("y.csv"),
        "{refused}"
    );
    // Another extension: tables, as without -o.
    let txt = dir.path().join("x.txt");
    run(&["yoy", "-o", txt.to_str().unwrap()]).exits(0);
    assert!(std::fs::read_to_string(&txt).unwrap().contains("entity"));
}

#[cfg(unix)]
#[test]
fn a_new_file_gets_the_umask_mode_and_a_replaced_one_keeps_its_own() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let mode =
        |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    // The umask is set for the child by the shell that starts it.
    let under_umask = |umask: &str, args: &str| {
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("umask {umask} && exec \"$0\" {args}"))
            .arg(super::common::earnings_path())
            .current_dir(dir.path())
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "umask {umask}: earnings {args}: {status}");
    };
    under_umask("022", "yoy -o x.csv");
    let csv = dir.path().join("x.csv");
    assert_eq!(mode(&csv), 0o644);
    assert!(
        std::fs::read_to_string(&csv)
            .unwrap()
            .starts_with("kind,entity")
    );
    under_umask("077", "yoy -o private.csv");
    assert_eq!(mode(&dir.path().join("private.csv")), 0o600);
    // Replaced, a file keeps its mode, whatever the umask.
    std::fs::set_permissions(&csv, std::fs::Permissions::from_mode(0o640)).unwrap();
    under_umask("022", "yoy -o x.csv --format csv");
    assert_eq!(mode(&csv), 0o640);
    // The chart too.
    under_umask("022", "arr --svg arr.svg");
    assert_eq!(mode(&dir.path().join("arr.svg")), 0o644);
}

#[test]
fn a_report_in_csv_is_one_table() {
    for command in ["report", "arr"] {
        let text = stdout(&[command, "--format", "csv"]);
        // The csv crate refuses records of differing lengths by default.
        let (header, rows) = csv_records(&text);
        assert_eq!(&header[0], "section");
        let keys: std::collections::HashSet<&str> = header.iter().collect();
        assert_eq!(
            keys.len(),
            header.len(),
            "{command}: a key twice in {header:?}"
        );
        assert!(rows.iter().all(|r| r.len() == header.len()));
        let sections: std::collections::BTreeSet<&str> = rows.iter().map(|r| &r[0]).collect();
        let expected: &[&str] = if command == "report" {
            &["headline", "metrics", "claims", "check", "arr_path"]
        } else {
            &["arr_milestones", "arr_pairs", "arr_path"]
        };
        for name in expected {
            assert!(
                sections.contains(name),
                "{command}: no {name} rows in {sections:?}"
            );
        }
        // Each section's rows carry what its own command writes.
        if command == "report" {
            let at = |key: &str| header.iter().position(|h| h == key).unwrap();
            let claims: Vec<_> = rows.iter().filter(|r| &r[0] == "claims").collect();
            assert!(claims.iter().all(|r| !r[at("outcome")].is_empty()));
            assert!(claims.iter().all(|r| r[at("severity")].is_empty()));
        }
    }
}

/// Every global option, with a value, and the formats it is for (`None`:
/// any); the options a command that reads no dataset takes: none.
const OPTIONS: &[(&[&str], Option<&[&str]>)] = &[
    (&["--data", "data/alibaba-article.json"], None),
    (&["--format", "csv"], None),
    (&["--entity", "alibaba"], None),
    (&["--metric", "revenue"], None),
    (&["--period", "FY2026"], None),
    (&["--scale", "million"], None),
    (&["--currency", "USD", "--fx", "USDCNY=7.2"], None),
    (&["--precision", "2"], Some(&["table", "markdown"])),
    (&["--digits", "6"], Some(&["csv", "json"])),
    (&["--color", "always"], Some(&["table"])),
    (&["--verbose"], None),
    (&["--wide"], Some(&["table", "markdown"])),
    (&["--width", "100"], Some(&["table"])),
];

#[test]
fn an_option_that_does_nothing_is_refused_naming_it_and_the_command() {
    // Commands that read no dataset take none of them.
    for tool in [&["schema"][..], &["man"], &["completions", "bash"]] {
        for (option, _) in OPTIONS {
            let args: Vec<&str> = tool.iter().chain(option.iter()).copied().collect();
            let refused = run(&args).exits(2);
            let first = refused.stderr.lines().next().unwrap_or_default();
            assert!(
                first.contains(option[0]) && first.contains(&format!("earnings {}`", tool[0])),
                "{refused}"
            );
        }
    }
    let schema = run(&["schema", "--format", "json"]).exits(0);
    assert!(schema.stdout.contains("\"$schema\""), "{schema}");
    // Options for one kind of output, with the other.
    for command in [
        "facts", "metrics", "verify", "check", "report", "arr", "yoy",
    ] {
        for (option, formats) in OPTIONS {
            let Some(formats) = formats else { continue };
            for format in ["table", "csv", "json", "markdown"] {
                let mut args = vec![command, "--format", format];
                args.extend_from_slice(option);
                let ran = run(&args);
                if formats.contains(&format) {
                    assert!(ran.code == 0 || ran.code == 1, "{ran}");
                } else {
                    ran.exits(2);
                }
            }
        }
    }
    // --fx needs --currency; eval's expressions name their own figures.
    let refused = run(&["facts", "--fx", "USDCNY=7.2"]).exits(2);
    assert!(refused.stderr.contains("--fx") && refused.stderr.contains("--currency"));
    let refused = run(&["eval", "1 + 1", "--period", "FY2026"]).exits(2);
    assert!(
        refused
            .stderr
            .contains("--period does nothing for `earnings eval`")
    );
    // --precision draws the SVG chart of arr, whatever the format.
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("arr.svg");
    let args = [
        "arr",
        "--svg",
        svg.to_str().unwrap(),
        "--format",
        "csv",
        "--precision",
        "1",
    ];
    run(&args).exits(0);
}

/// What bash offers for the last word of `line` (the word being typed):
/// the script of `earnings completions bash` sourced, its function called
/// as bash calls it on Tab, `earnings` found on the path. `None` where
/// there is no bash (a failure under CI).
fn bash_completes(line: &[&str]) -> Option<Vec<String>> {
    let quoted: Vec<String> = line.iter().map(|w| format!("'{w}'")).collect();
    let current = line.len() - 1;
    let script = format!(
        "source <(earnings completions bash) || exit 3\n\
         COMP_WORDS=({words}); COMP_CWORD={current}; COMP_TYPE=9\n\
         _clap_complete_earnings earnings {word} {previous}\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        words = quoted.join(" "),
        word = quoted[current],
        previous = quoted[current - 1],
    );
    let binaries = super::common::earnings_path();
    let path = format!(
        "{}:{}",
        binaries.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = match std::process::Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &script])
        .env("PATH", path)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
    {
        Ok(output) => output,
        Err(_) => {
            super::common::tool_missing("bash", "install bash");
            return None;
        }
    };
    assert!(output.status.success(), "{output:?}");
    let offered = String::from_utf8(output.stdout).unwrap();
    Some(offered.lines().map(str::to_string).collect())
}

#[test]
fn bash_completes_the_entities_metrics_and_periods_of_the_data() {
    let Some(offered) = bash_completes(&["earnings", "facts", "--entity", "ali"]) else {
        return;
    };
    let bash_completes = |line: &[&str]| bash_completes(line).unwrap();
    let bundled = earnings::dataset::Dataset::bundled().unwrap();
    let mut alibaba: Vec<String> = bundled
        .entities
        .iter()
        .map(|e| e.id.clone())
        .filter(|id| id.starts_with("ali"))
        .collect();
    let mut sorted = offered.clone();
    sorted.sort();
    alibaba.sort();
    assert!(alibaba.len() >= 3 && alibaba.contains(&"alibaba-cloud".to_string()));
    assert_eq!(sorted, alibaba);
    // Metrics and periods too, the option before or after the command.
    let metrics = bash_completes(&["earnings", "--metric", "rev"]);
    assert!(metrics.contains(&"revenue".to_string()), "{metrics:?}");
    assert!(metrics.iter().all(|m| m.starts_with("rev")), "{metrics:?}");
    let periods = bash_completes(&["earnings", "yoy", "--period", "FY2026-Q"]);
    assert!(periods.contains(&"FY2026-Q4".to_string()), "{periods:?}");
    // From the --data files on the line, not the bundled data.
    let other = bash_completes(&[
        "earnings",
        "facts",
        "--data",
        "tests/data/generated-480.json",
        "--entity",
        "",
    ]);
    assert!(other.contains(&"co-000000".to_string()), "{other:?}");
    assert!(!other.iter().any(|e| e.starts_with("alibaba")), "{other:?}");
    // Commands and options, as before.
    let commands = bash_completes(&["earnings", "ve"]);
    assert_eq!(commands, ["verify"]);
    let options = bash_completes(&["earnings", "verify", "--agai"]);
    assert_eq!(options, ["--against"]);
}

#[test]
fn completion_scripts_for_zsh_and_fish_call_earnings() {
    for shell in ["bash", "zsh", "fish"] {
        let script = stdout(&["completions", shell]);
        // The script asks `earnings` itself, by the protocol of clap_complete.
        assert!(script.contains("COMPLETE"), "{shell}: {script}");
        assert!(script.contains("earnings"), "{shell}: {script}");
    }
    // What those scripts ask, as zsh and fish ask it.
    for (shell, separator) in [("zsh", ':'), ("fish", '\t')] {
        let asked = run_command(
            earnings()
                .env("COMPLETE", shell)
                .env("_CLAP_COMPLETE_INDEX", "3")
                .args(["--", "earnings", "facts", "--entity", "alibaba-c"]),
        )
        .exits(0);
        let ids: Vec<&str> = asked
            .stdout
            .lines()
            .filter_map(|line| line.split(separator).next())
            .collect();
        assert!(ids.contains(&"alibaba-cloud"), "{asked}");
        assert!(ids.iter().all(|id| id.starts_with("alibaba-c")), "{asked}");
    }
}

/// `--columns` picks columns of tables and Markdown; with CSV or JSON, which
/// carry every column, it is refused, as `--no-pager` is anywhere but a table.
#[test]
fn columns_and_the_pager_are_for_tables_only() {
    run(&["facts", "--columns", "entity,value"]).exits(0);
    run(&["facts", "--format", "markdown", "--columns", "entity,value"]).exits(0);
    for format in ["csv", "json"] {
        let refused = run(&["facts", "--format", format, "--columns", "entity"]).exits(2);
        assert!(
            refused
                .stderr
                .starts_with("earnings: --columns does nothing for `earnings facts`"),
            "{refused}"
        );
        let refused = run(&["report", "--format", format, "--no-pager"]).exits(2);
        assert!(
            refused
                .stderr
                .starts_with("earnings: --no-pager does nothing for `earnings report`"),
            "{refused}"
        );
    }
}
