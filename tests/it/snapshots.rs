//! Every command in every format, pinned: the output of the built program on
//! the bundled data, on each bundled file alone, on a small generated dataset
//! and on the malformed-input corpus, compared with the stored snapshots in
//! `tests/snapshots/`. A change of output shows as a snapshot diff; accept an
//! intended one with `INSTA_UPDATE=always cargo test --test it snapshots::`.

use std::path::Path;

use super::common::{earnings, run_command};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Runs `earnings` with `args` (in the crate's directory, piped, no colour)
/// and gives its exit code, standard output and standard error as one text.
fn transcript(args: &[&str]) -> String {
    let run = run_command(earnings().current_dir(ROOT).env("NO_COLOR", "1").args(args));
    run.to_string().replace(ROOT, "[ROOT]")
}

fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(Path::new(ROOT).join("tests/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings
}

/// A snapshot name from the arguments: letters, digits and dashes.
fn name(args: &[&str]) -> String {
    let mut name = String::new();
    for arg in args {
        let arg = arg.trim_start_matches('-');
        let arg = arg.rsplit('/').next().unwrap_or(arg);
        let arg = arg.strip_suffix(".json").unwrap_or(arg);
        if !name.is_empty() {
            name.push('_');
        }
        name.extend(
            arg.chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }),
        );
    }
    name.truncate(120);
    name
}

fn pin(args: &[&str]) {
    let text = transcript(args);
    settings().bind(|| insta::assert_snapshot!(name(args), text));
}

const COMMANDS: &[&[&str]] = &[
    &["report"],
    &["facts"],
    &["metrics"],
    &["yoy"],
    &["share"],
    &["run-rate"],
    &["arr"],
    &["arr", "--step", "quarter"],
    &["arr", "--model", "linear"],
    &["verify"],
    &["verify", "--against", "best"],
    &["verify", "--strict"],
    &["check"],
    &[
        "eval",
        "share(alibaba-cloud.revenue@FY2026, alibaba.revenue@FY2026)",
    ],
    &[
        "eval",
        "yoy(alibaba.net_profit@FY2026)",
        "margin(alibaba.net_profit@FY2026)",
    ],
    &["eval", "alibaba.revenue@FY2026 / 7.3 CNY/USD", "--explain"],
];

const FORMATS: &[&str] = &["table", "csv", "json", "markdown"];

const DATASETS: &[&[&str]] = &[
    &[],
    &["--data", "data/alibaba-article.json"],
    &["--data", "data/alibaba-reference.json"],
];

#[test]
fn every_command_in_every_format_on_the_bundled_data() {
    for data in DATASETS {
        for command in COMMANDS {
            for format in FORMATS {
                let mut args: Vec<&str> = command.to_vec();
                args.extend_from_slice(data);
                args.extend_from_slice(&["--format", format]);
                pin(&args);
            }
        }
    }
}

#[test]
fn options_that_change_numbers() {
    let variants: &[&[&str]] = &[
        &["--scale", "million"],
        &["--currency", "USD", "--fx", "USDCNY=7.20"],
        &["--precision", "2"],
        &["--digits", "6"],
        &["--entity", "alibaba-cloud"],
        &["--period", "FY2026"],
        &["--metric", "revenue"],
    ];
    for command in ["facts", "metrics", "verify", "check", "report"] {
        for variant in variants {
            // --precision is for people, --digits for machines.
            let formats = match variant.first() {
                Some(&"--precision") => ["table", "markdown"],
                Some(&"--digits") => ["csv", "json"],
                _ => ["table", "csv"],
            };
            for format in formats {
                let mut args = vec![command];
                args.extend_from_slice(variant);
                args.extend_from_slice(&["--format", format]);
                pin(&args);
            }
        }
    }
}

#[test]
fn every_command_on_a_generated_dataset() {
    for command in [
        "facts", "metrics", "yoy", "share", "run-rate", "verify", "check", "report",
    ] {
        for format in ["table", "csv", "json"] {
            pin(&[
                command,
                "--data",
                "tests/data/generated-480.json",
                "--format",
                format,
            ]);
        }
    }
}

#[test]
fn what_the_tool_says_about_itself() {
    pin(&["schema"]);
    pin(&["completions", "bash"]);
    pin(&["man"]);
}

#[test]
fn every_malformed_dataset() {
    let mut names: Vec<String> = std::fs::read_dir(Path::new(ROOT).join("tests/corpus"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json") || !name.contains('.'))
        .collect();
    names.sort();
    for name in names {
        let path = format!("tests/corpus/{name}");
        pin(&["facts", "--data", &path]);
    }
}
