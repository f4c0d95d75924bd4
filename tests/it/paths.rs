//! Where the output goes and what the input may be (data/FORMAT.md, "Input
//! and output"): `-o` onto a link, a FIFO, a device, an input; temporary
//! files on SIGTERM, SIGINT and after SIGKILL; a file named twice; exit
//! codes through a pipe whose reader leaves; the limit on streams; `--fx`
//! rates that disagree; figures too small for their scale.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use super::common::{earnings_path, rows, run, write};

/// One entity, two exact revenues, and `claims` claims of a −60% change
/// that the figures (no change) contradict; `facts` more facts.
fn dataset(claims: usize, facts: usize) -> String {
    let fact = |metric: &str, period: &str| {
        format!(
            r#"{{"entity": "acme", "metric": "{metric}", "period": "{period}", "value": "1", "scale": "billion", "unit": "USD", "bound": "exact", "source": "filing", "at": "p. 1"}}"#
        )
    };
    let mut all_facts = vec![fact("revenue", "FY2026"), fact("revenue", "FY2025")];
    all_facts.extend((0..facts).map(|n| fact(&format!("orders_{n}"), "FY2026")));
    let all_claims: Vec<String> = (0..claims)
        .map(|n| {
            format!(
                r#"{{"kind": "yoy", "of": "acme.revenue@FY2026", "value": "-60", "unit": "percent", "source": "press", "at": "p. {n}"}}"#
            )
        })
        .collect();
    format!(
        r#"{{"format": "earnings-dataset/1",
  "sources": {{"filing": {{"title": "Annual report", "kind": "filing"}}, "press": {{"title": "A newspaper", "kind": "press"}}}},
  "entities": {{"acme": {{"name": "Acme", "currency": "USD"}}}},
  "facts": [{}],
  "claims": [{}]}}"#,
        all_facts.join(",\n"),
        all_claims.join(",\n")
    )
}

fn facts_csv(data: &str) -> String {
    run(&["facts", "--data", data, "--format", "csv"])
        .exits(0)
        .stdout
}

/// The temporary files of the output `name` in `dir`.
fn temporaries(dir: &Path, name: &str) -> Vec<PathBuf> {
    let prefix = format!(".{name}.earnings-");
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_str().unwrap();
            n.starts_with(&prefix) && n.ends_with(".tmp")
        })
        .collect()
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {path:?}");
}

fn signal(child: &Child, name: &str) {
    let status = Command::new("sh")
        .args(["-c", &format!("kill -{name} {}", child.id())])
        .status()
        .unwrap();
    assert!(status.success(), "kill -{name}");
}

/// Starts `earnings facts --data FIFO -o DIR/out.csv`, which makes its
/// temporary file and then waits for the FIFO's writer; returns once the
/// temporary file (the one not in `existing`) is there.
fn blocked_writer(dir: &Path, existing: &[&Path]) -> (Child, PathBuf) {
    let input = dir.join("input.fifo");
    if !input.exists() {
        mkfifo(&input);
    }
    let mut child = Command::new(earnings_path())
        .args(["facts", "--data"])
        .arg(&input)
        .arg("-o")
        .arg(dir.join("out.csv"))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Waits for a state, not for a time: the deadline only ends a hung test.
    let deadline = Instant::now() + Duration::from_secs(60);
    let temporary = loop {
        let new: Vec<PathBuf> = temporaries(dir, "out.csv")
            .into_iter()
            .filter(|p| !existing.contains(&p.as_path()))
            .collect();
        if let [temporary] = new.as_slice() {
            break Some(temporary.clone());
        }
        if Instant::now() > deadline {
            break None;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    match temporary {
        Some(temporary) => (child, temporary),
        None => {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("no temporary file appeared");
        }
    }
}

#[test]
fn a_symlink_is_followed_and_its_target_replaced_keeping_its_mode() {
    let dir = tempfile::tempdir().unwrap();
    let data = write(dir.path(), "a.json", &dataset(0, 0));
    let target = dir.path().join("target.csv");
    fs::write(&target, "old").unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink("target.csv", &link).unwrap();
    run(&["facts", "--data", &data, "-o", link.to_str().unwrap()]).exits(0);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), facts_csv(&data));
    let mode = fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640, "the mode of the file replaced is kept");
    assert!(temporaries(dir.path(), "target.csv").is_empty());
    // A link to nothing yet: the file it names is made, the link kept.
    let dangling = dir.path().join("dangling.csv");
    std::os::unix::fs::symlink("made.csv", &dangling).unwrap();
    run(&["facts", "--data", &data, "-o", dangling.to_str().unwrap()]).exits(0);
    assert!(
        fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("made.csv")).unwrap(),
        facts_csv(&data)
    );
}

#[test]
fn a_fifo_and_a_device_are_written_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let data = write(dir.path(), "a.json", &dataset(0, 0));
    let fifo = dir.path().join("out.csv");
    mkfifo(&fifo);
    let child = Command::new(earnings_path())
        .args(["facts", "--data", &data, "-o"])
        .arg(&fifo)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut read = String::new();
    fs::File::open(&fifo)
        .unwrap()
        .read_to_string(&mut read)
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(read, facts_csv(&data));
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(temporaries(dir.path(), "out.csv").is_empty());

    run(&["facts", "--data", &data, "-o", "/dev/null"]).exits(0);
    assert!(
        fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn an_output_that_is_an_input_is_refused_and_the_input_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let text = dataset(1, 0);
    let data = write(dir.path(), "x.json", &text);
    let hard = dir.path().join("hard.json");
    fs::hard_link(&data, &hard).unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink("x.json", &link).unwrap();
    let dotted = format!("{}/./x.json", dir.path().display());
    let (hard, link) = (hard.to_str().unwrap(), link.to_str().unwrap());
    for (input, output) in [
        (data.as_str(), data.as_str()),
        (data.as_str(), dotted.as_str()),
        (hard, data.as_str()),
        (data.as_str(), link),
        (link, data.as_str()),
    ] {
        let r = run(&["verify", "--data", input, "-o", output]).exits(2);
        let first = r.stderr.lines().next().unwrap_or_default();
        assert!(
            first.starts_with(&format!(
                "earnings: {output}: cannot write here: it is an input (--data {input})"
            )),
            "{r}"
        );
        assert_eq!(fs::read_to_string(&data).unwrap(), text);
    }
    assert!(temporaries(dir.path(), "x.json").is_empty());
}

#[test]
fn a_message_names_the_output_never_the_temporary_file() {
    let r = run(&["facts", "-o", "/nonexistent-earnings-dir/out.csv"]).exits(2);
    assert_eq!(
        r.stderr.lines().next().unwrap(),
        "earnings: /nonexistent-earnings-dir/out.csv: cannot write here: No such file or directory (os error 2)",
        "{r}"
    );
    assert!(
        !r.stderr.contains(".tmp") && !r.stderr.contains(".earnings-"),
        "{r}"
    );
    let dir = tempfile::tempdir().unwrap();
    let r = run(&["facts", "-o", dir.path().to_str().unwrap()]).exits(2);
    assert!(
        r.stderr.contains("cannot write here: it is a directory"),
        "{r}"
    );
}

#[test]
fn sigterm_and_sigint_remove_the_temporary_file() {
    for (name, code) in [("TERM", 143), ("INT", 130)] {
        let dir = tempfile::tempdir().unwrap();
        let (child, temporary) = blocked_writer(dir.path(), &[]);
        signal(&child, name);
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(code), "SIG{name}");
        assert!(!temporary.exists(), "SIG{name} left {temporary:?}");
        assert!(temporaries(dir.path(), "out.csv").is_empty());
        assert!(!dir.path().join("out.csv").exists());
    }
}

#[test]
fn a_later_run_removes_what_sigkill_left_but_not_a_live_runs_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = write(dir.path(), "a.json", &dataset(0, 0));
    let out = dir.path().join("out.csv");
    let (mut killed, left) = blocked_writer(dir.path(), &[]);
    killed.kill().unwrap(); // SIGKILL: nothing can be cleaned up
    killed.wait().unwrap();
    assert!(left.exists(), "SIGKILL leaves its temporary file");
    // A live run's temporary file, as old: it holds the lock.
    let (live, held) = blocked_writer(dir.path(), &[&left]);
    let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
    for file in [&left, &held] {
        fs::File::options()
            .write(true)
            .open(file)
            .unwrap()
            .set_modified(an_hour_ago)
            .unwrap();
    }
    run(&["facts", "--data", &data, "-o", out.to_str().unwrap()]).exits(0);
    assert!(!left.exists(), "the abandoned temporary file is removed");
    assert!(held.exists(), "a live run's temporary file is left alone");
    assert_eq!(fs::read_to_string(&out).unwrap(), facts_csv(&data));
    signal(&live, "TERM");
    live.wait_with_output().unwrap();
    assert!(!held.exists());
}

#[test]
fn a_file_named_twice_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = write(dir.path(), "a.json", &dataset(1, 2));
    let dotted = format!("{}/./a.json", dir.path().display());
    let hard = dir.path().join("hard.json");
    fs::hard_link(&data, &hard).unwrap();
    let once = run(&["facts", "--data", &data, "--format", "json"]).exits(0);
    let thrice = run(&[
        "facts",
        "--data",
        &data,
        "--data",
        &dotted,
        "--data",
        hard.to_str().unwrap(),
        "--format",
        "json",
    ])
    .exits(0);
    assert_eq!(rows(&thrice.json()).len(), 4);
    assert_eq!(thrice.stdout, once.stdout);
    let verdicts = run(&[
        "verify", "--data", &data, "--data", &dotted, "--format", "json",
    ])
    .exits(1);
    assert_eq!(verdicts.rows().len(), 1, "one claim, not two");
}

/// Runs `earnings ARGS` with its output read one line, then closed; the
/// exit code and standard error.
fn read_one_line(args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(earnings_path())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(!first.is_empty());
    // The reader is gone: the rest of the output (megabytes, past any pipe's
    // buffer) meets a broken pipe.
    let output = child.wait_with_output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_verdict_survives_a_reader_that_leaves() {
    let dir = tempfile::tempdir().unwrap();
    let data = write(dir.path(), "bad.json", &dataset(2_500, 2_500));
    for (command, code) in [("verify", 1), ("check", 1), ("facts", 0)] {
        // Twice what a pipe holds (64 KiB) and more, so that writing meets the
        // closed pipe (CSV is the shortest of the formats here).
        let whole = run(&[command, "--data", &data, "--format", "csv"]).exits(code);
        assert!(
            whole.stdout.len() > 128 << 10,
            "{command}: {} bytes",
            whole.stdout.len()
        );
        for format in ["table", "csv", "json", "markdown"] {
            let (exit, stderr) = read_one_line(&[command, "--data", &data, "--format", format]);
            assert_eq!(
                exit,
                Some(code),
                "{command} --format {format} | head -1: {stderr}"
            );
            assert_eq!(stderr, "", "{command} --format {format}");
        }
    }
}

#[test]
fn a_verdict_survives_a_fifo_reader_that_leaves() {
    let dir = tempfile::tempdir().unwrap();
    let data = write(dir.path(), "bad.json", &dataset(2_500, 0));
    let fifo = dir.path().join("verdicts.fifo");
    mkfifo(&fifo);
    let child = Command::new(earnings_path())
        .args(["verify", "--data", &data, "--format", "csv", "-o"])
        .arg(&fifo)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(fs::File::open(&fifo).unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(!first.is_empty());
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_stream_is_read_up_to_a_limit() {
    // /dev/zero ends at its first byte, which no dataset holds.
    let r = run(&["facts", "--data", "/dev/zero"]).exits(2);
    assert!(
        r.stderr
            .starts_with("earnings: /dev/zero:1:1: not a JSON document"),
        "{r}"
    );
    // Whitespace, which a dataset may hold, up to the limit.
    let mut child = Command::new(earnings_path())
        .args(["facts", "--data", "-", "--max-input", "64K"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let spaces = vec![b' '; 1 << 16];
        // Ends when the reader stops reading (a broken pipe).
        while stdin.write_all(&spaces).is_ok() {}
    });
    let output = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.lines().next().unwrap(),
        "earnings: <stdin>: more than 64 KiB read, the limit for a pipe, a device or standard input (--max-input raises it; a regular file has none)"
    );
    // A regular file has a size of its own, and no limit.
    let dir = tempfile::tempdir().unwrap();
    let data = write(dir.path(), "a.json", &dataset(0, 2_000));
    assert!(fs::metadata(&data).unwrap().len() > 1024);
    run(&["facts", "--data", &data, "--max-input", "1K"]).exits(0);
    // What the limit does not apply to is refused.
    run(&["facts", "--max-input", "1G"]).exits(2);
    run(&["facts", "--data", &data, "--max-input", "lots"]).exits(2);
}

#[test]
fn fx_rates_that_disagree_are_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let data = write(
        dir.path(),
        "cny.json",
        &dataset(0, 0).replace("\"USD\"", "\"CNY\""),
    );
    let convert = |rates: &[&str]| {
        let mut args = vec![
            "facts",
            "--data",
            &data,
            "--currency",
            "USD",
            "--format",
            "json",
        ];
        for rate in rates {
            args.extend(["--fx", rate]);
        }
        run(&args)
    };
    let r = convert(&["CNYUSD=0.5", "USDCNY=7.2"]).exits(2);
    assert_eq!(
        r.stderr,
        "earnings: --fx CNYUSD=0.5 and --fx USDCNY=7.2 disagree: one CNY is 0.5 USD by the first and 0.138889 USD by the second; give one rate for the pair\n"
    );
    convert(&["USDCNY=7.2", "USDCNY=7.3"]).exits(2);
    // Rounded inverses are not exact ones.
    convert(&["USDCNY=7.2", "CNYUSD=0.1389"]).exits(2);
    // The same rate twice, or exact inverses, agree.
    for rates in [
        &["USDCNY=8", "USDCNY=8.00"][..],
        &["USDCNY=8", "CNYUSD=0.125"],
    ] {
        let rows = convert(rates).exits(0).rows();
        assert_eq!(rows[0]["value"], "0.125", "{rates:?}");
    }
}

#[test]
fn a_figure_too_small_for_the_scale_is_not_printed_as_zero() {
    let dir = tempfile::tempdir().unwrap();
    let data = write(
        dir.path(),
        "tiny.json",
        &dataset(0, 0).replace(
            "\"value\": \"1\", \"scale\": \"billion\"",
            "\"value\": \"400\", \"scale\": \"unit\"",
        ),
    );
    for args in [
        &["--scale", "billion"][..],
        &["--precision", "2"],
        &["--format", "markdown"],
    ] {
        let mut all = vec!["facts", "--data", &data];
        all.extend(args);
        let r = run(&all).exits(0);
        assert!(r.stdout.contains("0.0000004"), "{r}");
    }
    let r = run(&[
        "facts",
        "--data",
        &data,
        "--scale",
        "trillion",
        "--precision",
        "12",
    ])
    .exits(0);
    assert!(
        r.stdout.contains("4e-10") || r.stdout.contains("0.0000000004"),
        "{r}"
    );
    let r = run(&["eval", "--data", &data, "acme.revenue@FY2026 / 1000000"]).exits(0);
    assert!(r.stdout.contains("4e-13"), "{r}");
}
