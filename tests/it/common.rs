//! What the test modules share: running the built `earnings` (on failure a
//! test prints the command, its exit, its stdout and its stderr), reading
//! its JSON output as `Decimal`s, writing datasets to temporary files, and
//! the rule for a test whose tool is missing.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitStatus;

use assert_cmd::Command;
use rust_decimal::Decimal;
use serde_json::Value;

// ---------------------------------------------------------------- running

/// The built `earnings`, with no terminal width from the environment, so
/// that tables and charts are as wide wherever the tests run.
pub fn earnings() -> Command {
    let mut command = Command::cargo_bin("earnings").expect("the earnings binary is built");
    command.env_remove("COLUMNS");
    command
}

/// The path of the built `earnings`, for a test that starts it itself.
pub fn earnings_path() -> PathBuf {
    assert_cmd::cargo::cargo_bin("earnings")
}

/// What one run printed and how it ended.
pub struct Run {
    /// `earnings ARGS`, as a reader would type it.
    pub command: String,
    pub status: ExitStatus,
    /// The exit code; -1 for a run ended by a signal.
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `earnings ARGS`, whatever its exit code.
pub fn run(args: &[&str]) -> Run {
    run_command(earnings().args(args))
}

/// Runs a command built with [`earnings`] (for an environment or stdin).
pub fn run_command(command: &mut Command) -> Run {
    let line = std::iter::once("earnings".to_string())
        .chain(command.get_args().map(|a| a.to_string_lossy().into_owned()))
        .collect::<Vec<_>>()
        .join(" ");
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{line}: cannot run: {e}"));
    Run {
        command: line,
        status: output.status,
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs `earnings ARGS`, failing unless it exits 0; its standard output.
#[track_caller]
pub fn stdout(args: &[&str]) -> String {
    run(args).exits(0).stdout
}

/// Runs `earnings ARGS --format json`, failing unless it exits 0; its JSON.
#[track_caller]
pub fn json(args: &[&str]) -> Value {
    run(&in_json(args)).exits(0).json()
}

/// Runs `earnings ARGS --format json`: its exit code and its JSON, failing
/// with the command and its output if it printed none.
#[track_caller]
pub fn run_json(args: &[&str]) -> (i32, Value) {
    let run = run(&in_json(args));
    (run.code, run.json())
}

fn in_json<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    all
}

impl Run {
    /// Fails, showing the command and all it wrote, unless it exited with `code`.
    #[track_caller]
    pub fn exits(self, code: i32) -> Self {
        assert!(self.code == code, "expected exit {code}\n{self}");
        self
    }

    /// Standard output as JSON.
    #[track_caller]
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("no JSON ({e})\n{self}"))
    }

    /// The rows of a JSON listing.
    #[track_caller]
    pub fn rows(&self) -> Vec<Value> {
        rows(&self.json()).clone()
    }
}

/// The command, its exit code, its standard output and its standard error,
/// in the form the snapshots keep.
impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = self
            .status
            .code()
            .map_or("signal".to_string(), |c| c.to_string());
        write!(
            f,
            "$ {}\nexit: {code}\n--- stdout\n{}--- stderr\n{}",
            self.command, self.stdout, self.stderr
        )
    }
}

// ---------------------------------------------------------------- reading JSON

/// The rows of a JSON listing.
#[track_caller]
pub fn rows(listing: &Value) -> &Vec<Value> {
    listing["rows"]
        .as_array()
        .unwrap_or_else(|| panic!("no rows array in {listing}"))
}

/// The rows of the section named `name` of a JSON report.
#[track_caller]
pub fn section<'a>(report: &'a Value, name: &str) -> &'a Vec<Value> {
    let section = report["sections"]
        .as_array()
        .unwrap_or_else(|| panic!("no sections in {report}"))
        .iter()
        .find(|s| s["report"] == name)
        .unwrap_or_else(|| panic!("no section {name} in {report}"));
    rows(section)
}

#[track_caller]
pub fn dec(text: &str) -> Decimal {
    text.parse()
        .unwrap_or_else(|e| panic!("{text:?} is not a decimal: {e}"))
}

/// A decimal field, written as a JSON string (as the output writes them) or
/// number (as a dataset may); `None` where it is null or absent.
#[track_caller]
pub fn number(item: &Value, field: &str) -> Option<Decimal> {
    match item.get(field) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(dec(s)),
        Some(Value::Number(n)) => Some(dec(&n.to_string())),
        Some(other) => panic!("{field} is not a decimal: {other}"),
    }
}

/// A decimal field that must be there.
#[track_caller]
pub fn decimal(item: &Value, field: &str) -> Decimal {
    number(item, field).unwrap_or_else(|| panic!("no {field} in {item}"))
}

/// A decimal field that must be there, rounded to `places` decimals.
#[track_caller]
pub fn rounded(item: &Value, field: &str, places: u32) -> Decimal {
    decimal(item, field).round_dp(places)
}

/// A text field; empty where it is absent or not text.
pub fn text<'a>(item: &'a Value, field: &str) -> &'a str {
    item.get(field).and_then(Value::as_str).unwrap_or("")
}

/// Splits a reference `ENTITY.METRIC@PERIOD` (entity ids have no `.`).
#[track_caller]
pub fn split_reference(reference: &str) -> (&str, &str, &str) {
    let (entity, rest) = reference
        .split_once('.')
        .unwrap_or_else(|| panic!("{reference:?} has no '.'"));
    let (metric, period) = rest
        .split_once('@')
        .unwrap_or_else(|| panic!("{reference:?} has no '@'"));
    (entity, metric, period)
}

// ---------------------------------------------------------------- datasets

/// Writes `text` to `dir/name`; the path, as the program takes it.
pub fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {path:?}: {e}"));
    path.to_str().expect("a UTF-8 path").to_string()
}

/// `text` in a temporary `.json` file, removed when it is dropped.
pub fn temp_file(text: &str) -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new()
        .suffix(".json")
        .tempfile()
        .expect("a temporary file");
    file.write_all(text.as_bytes()).expect("written");
    file
}

/// The path of a temporary file, as the program takes it.
pub fn path_of(file: &tempfile::NamedTempFile) -> &str {
    file.path().to_str().expect("a UTF-8 path")
}

// ---------------------------------------------------------------- tools

/// Whether the tests run under CI: `CI` set, and not to `0` or `false`
/// (`.ci/run` sets `CI=true`, as most CI services do).
pub fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.as_str(), "" | "0" | "false"))
}

/// Says that a test cannot run because `tool` is missing here. Under CI
/// that is a failure: CI must have the tool. Elsewhere the test skips and
/// says so on standard error, written past the test harness's capture so
/// that it shows without `--nocapture` too.
#[track_caller]
pub fn tool_missing(tool: &str, install: &str) {
    let message = format!("{tool} is not installed here ({install})");
    assert!(
        !under_ci(),
        "{message}; under CI (CI=true) a test may not skip for want of a tool"
    );
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {message}");
}

/// LibreOffice's program, where it is installed.
pub fn soffice() -> Option<&'static str> {
    ["soffice", "libreoffice"].into_iter().find(|name| {
        std::process::Command::new(name)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// Has LibreOffice (headless) convert `input` into flat ODS in `out`, with
/// `options` before the conversion's own (a profile, an import filter), and
/// returns the XML it saved.
pub fn to_flat_ods(
    soffice: &str,
    options: &[String],
    input: &Path,
    out: &Path,
    home: &Path,
) -> String {
    let output = std::process::Command::new(soffice)
        .args(options)
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "fods",
            "--outdir",
        ])
        .arg(out)
        .arg(input)
        .env("HOME", home)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let name = input.file_stem().unwrap().to_str().unwrap();
    std::fs::read_to_string(out.join(format!("{name}.fods"))).unwrap()
}
