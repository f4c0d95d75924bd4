//! The commands as a person sees them: run in a pseudo-terminal (`script`)
//! of 80 and of 120 columns, their output is pinned in snapshots
//! (`tests/snapshots/screen_*`), and no line may be wider than the
//! terminal. `report` on a terminal of 40 rows is about one screen.

use std::path::Path;
use std::process::Command;

use unicode_width::UnicodeWidthStr;

use super::common::{earnings_path, tool_missing};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Runs `earnings ARGS` in a pseudo-terminal of `columns` × `rows`, without
/// colour or pager, and gives what the terminal shows (`None` where
/// `script` is missing here).
fn on_screen(args: &str, columns: u16, rows: u16) -> Option<String> {
    let program = earnings_path();
    let inner = format!(
        "stty cols {columns} rows {rows}; {} {args}",
        program.display()
    );
    let output = Command::new("script")
        .args(["-q", "-e", "-c", &inner, "/dev/null"])
        .current_dir(ROOT)
        .env("NO_COLOR", "1")
        .env("PAGER", "cat")
        .env_remove("COLUMNS")
        .output();
    let output = match output {
        Ok(output) => output,
        Err(_) => {
            tool_missing("script", "util-linux: apt-get install util-linux");
            return None;
        }
    };
    let text = String::from_utf8(output.stdout).expect("the output is UTF-8");
    Some(text.replace("\r\n", "\n").replace(ROOT, "[ROOT]"))
}

/// The lines wider than `columns`, with their widths.
fn too_wide(text: &str, columns: u16) -> Vec<(usize, String)> {
    text.lines()
        .map(|line| (line.width(), line.to_string()))
        .filter(|(width, _)| *width > usize::from(columns))
        .collect()
}

fn pin(args: &str, columns: u16) -> Option<String> {
    let text = on_screen(args, columns, 40)?;
    assert!(!text.trim().is_empty(), "{args}: nothing on the screen");
    let wide = too_wide(&text, columns);
    assert!(
        wide.is_empty(),
        "{args} at {columns} columns: lines wider than the terminal: {wide:#?}"
    );
    let name = format!("screen_{}_{columns}", args.replace([' ', '-'], "_"));
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(Path::new(ROOT).join("tests/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(name, text));
    Some(text)
}

#[test]
fn report_fits_80_and_120_columns() {
    pin("report", 80);
    pin("report", 120);
}

#[test]
fn verify_fits_80_and_120_columns() {
    pin("verify", 80);
    pin("verify", 120);
}

#[test]
fn facts_fits_80_and_120_columns() {
    pin("facts", 80);
    pin("facts", 120);
}

#[test]
fn check_fits_80_and_120_columns() {
    pin("check", 80);
    pin("check", 120);
}

#[test]
fn the_other_tables_fit_80_and_120_columns() {
    for args in ["metrics", "arr", "yoy", "share", "run-rate"] {
        for columns in [80, 120] {
            let Some(text) = on_screen(args, columns, 40) else {
                return;
            };
            let wide = too_wide(&text, columns);
            assert!(wide.is_empty(), "{args} at {columns}: {wide:#?}");
        }
    }
}

#[test]
fn report_is_about_one_screen_at_120_by_40() {
    let Some(text) = on_screen("report --no-pager", 120, 40) else {
        return;
    };
    let lines = text.lines().count();
    assert!(lines <= 55, "report is {lines} lines at 120×40:\n{text}");
    for pointer in [
        "earnings facts",
        "earnings metrics",
        "earnings verify",
        "earnings check",
    ] {
        assert!(text.contains(pointer), "report names {pointer}:\n{text}");
    }
}

#[test]
fn a_long_report_goes_through_the_pager_on_a_terminal_only() {
    // A pager that marks what it shows: the report is longer than 10 rows.
    if on_screen("--version", 120, 10).is_none() {
        return;
    }
    let marked = Command::new("script")
        .args([
            "-q",
            "-e",
            "-c",
            &format!(
                "stty cols 120 rows 10; PAGER='sed s/^/PAGED:/' {} report",
                earnings_path().display()
            ),
            "/dev/null",
        ])
        .env("NO_COLOR", "1")
        .output()
        .expect("script runs");
    let text = String::from_utf8_lossy(&marked.stdout);
    assert!(text.lines().count() > 10, "{text}");
    assert!(text.lines().all(|l| l.starts_with("PAGED:")), "{text}");
    let piped = super::common::stdout(&["report"]);
    assert!(!piped.contains("PAGED:") && piped.contains("Headline"));
    let unpaged = on_screen("report --no-pager", 120, 10).unwrap_or_default();
    assert!(!unpaged.contains("PAGED:") && unpaged.contains("Headline"));
}

#[test]
fn piped_tables_keep_whole_rows_and_width_forces_one() {
    let piped = super::common::stdout(&["verify"]);
    assert!(
        piped.lines().any(|l| l.width() > 120),
        "piped, rows are whole"
    );
    let forced = super::common::stdout(&["verify", "--width", "80"]);
    assert!(too_wide(&forced, 80).is_empty(), "{forced}");
    assert!(forced.contains('…'), "a cut cell ends in …");
}

#[test]
fn unknown_columns_are_bad_usage_with_a_suggestion() {
    let run = super::common::run(&["facts", "--columns", "entity,periode"]).exits(2);
    let first = run.stderr.lines().next().unwrap_or_default().to_string();
    assert!(
        first.contains("'periode'") && first.contains("did you mean 'period'"),
        "{first}"
    );
    let picked = super::common::stdout(&["facts", "--columns", "period,entity"]);
    let header = picked.lines().nth(3).unwrap_or_default();
    assert!(header.find("period") < header.find("entity"), "{header}");
}

#[test]
fn wide_shows_the_long_text() {
    let Some(text) = on_screen("metrics --wide", 120, 40) else {
        return;
    };
    for header in ["formula", "inputs", "note"] {
        assert!(text.contains(header), "{header}:\n{text}");
    }
    let usual = on_screen("metrics", 120, 40).unwrap_or_default();
    assert!(!usual.contains("inputs"), "{usual}");
}

/// Text without its escape sequences (colour), as the screen shows it.
fn unstyled(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // CSI: ESC [ parameters, then one letter.
            if chars.next() == Some('[') {
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn colour_takes_no_room() {
    for args in ["verify --color always", "facts --color always"] {
        let Some(text) = on_screen(args, 80, 40) else {
            return;
        };
        assert!(text.contains('\u{1b}'), "{args}: in colour");
        let plain = unstyled(&text);
        let wide = too_wide(&plain, 80);
        assert!(wide.is_empty(), "{args}: {wide:#?}");
        let uncoloured = on_screen(&args.replace("always", "never"), 80, 40).unwrap_or_default();
        assert_eq!(
            plain.lines().nth(3).map(str::trim_end),
            uncoloured.lines().nth(3).map(str::trim_end),
            "{args}: the same columns in colour"
        );
    }
}

#[test]
fn statement_fits_80_and_120_columns() {
    pin("statement", 80);
    pin("statement", 120);
    // Five quarters and more do not fit 80 columns: the oldest are left
    // out, and named.
    let narrow = pin(
        "statement --quarterly --data tests/data/quarters.json --scale million",
        80,
    );
    if let Some(narrow) = narrow {
        assert!(
            narrow.contains("left out to fit the width: FY2025-Q4"),
            "{narrow}"
        );
        assert!(narrow.contains("FY2026-Q3"), "{narrow}");
    }
    pin(
        "statement --quarterly --data tests/data/quarters.json --scale million",
        120,
    );
}
