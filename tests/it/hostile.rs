//! Hostile text from a dataset cannot act: on a terminal (errors, warnings,
//! tables) every control, bidirectional and invisible format character is
//! shown as an escape (`\u{1b}`) and long text is cut with `…`; Markdown
//! reads none of it as markup; CSV and JSON, which are for programs, carry
//! the exact text (CSV with a `'` before a formula).

use proptest::prelude::*;
use serde_json::{Value, json};

use super::common::{path_of, run, temp_file};

/// A character that must never reach a terminal raw (as `earnings::shown`
/// decides; a line break between lines is the output's own).
fn acts(c: char) -> bool {
    c != '\n' && earnings::shown::acts(c)
}

/// The pieces hostile text is made of.
fn pieces() -> Vec<String> {
    [
        "\u{1b}[31m",
        "\u{1b}]0;owned\u{7}",
        "\u{1b}]8;;http://x\u{1b}\\",
        "\u{7}",
        "\u{9b}2J",
        "\u{202e}",
        "\u{2066}",
        "\u{200b}",
        "\r",
        "\n",
        "\t",
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "![i](http://x/i.png)",
        "<!-- c -->",
        "<img src=x>",
        "**b**",
        "_e_",
        "`c`",
        "# h",
        "> q",
        "1. l",
        " =cmd",
        "@SUM(A1)",
        "&lt;",
        "|",
        "\\",
        "~~s~~",
        "$x$",
        "plain words",
    ]
    .into_iter()
    .map(String::from)
    .chain([format!("w{}", "o".repeat(3000))])
    .collect()
}

fn hostile() -> impl Strategy<Value = String> {
    let pieces = pieces();
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(pieces),
            1 => "[a-z ]{0,6}",
        ],
        1..6,
    )
    .prop_map(|parts| parts.concat())
}

/// A valid dataset whose every free-text field holds `text`.
fn dataset(text: &str) -> Value {
    json!({
        "format": "earnings-dataset/1",
        "sources": {"s": {"title": text, "kind": "release", "publisher": text, "note": text}},
        "entities": {"acme": {"name": text, "currency": "USD"}},
        "facts": [
            {"entity": "acme", "metric": "revenue", "period": "FY2025", "value": "10",
             "scale": "billion", "unit": "USD", "source": "s", "at": text, "note": text},
            {"entity": "acme", "metric": "revenue", "period": "FY2026", "value": "12",
             "scale": "billion", "unit": "USD", "source": "s", "at": text, "note": text},
            {"entity": "acme", "metric": "cloud_arr", "period": "FY2026", "value": "1",
             "scale": "billion", "unit": "USD", "source": "s", "at": text},
            {"entity": "acme", "metric": "cloud_arr", "period": "FY2027", "value": "2",
             "scale": "billion", "unit": "USD", "source": "s", "at": text}
        ],
        "claims": [
            {"kind": "yoy", "of": "acme.revenue@FY2026", "value": "50", "unit": "percent",
             "source": "s", "at": text, "note": text},
            {"kind": "level", "of": "acme.revenue@FY2024", "value": "9", "scale": "billion",
             "unit": "USD", "source": "s", "at": text}
        ]
    })
}

/// The same dataset made invalid by `text` in one field, each way.
fn invalid(text: &str) -> Vec<(String, Value)> {
    let mut cases = Vec::new();
    let mut with = |name: &str, change: &dyn Fn(&mut Value)| {
        let mut data = dataset("p");
        change(&mut data);
        cases.push((name.to_string(), data));
    };
    with("format", &|d| d["format"] = json!(text));
    with("source kind", &|d| d["sources"]["s"]["kind"] = json!(text));
    with("source id", &|d| {
        d["sources"][text] = json!({"title": "t", "kind": "release"});
    });
    with("published", &|d| {
        d["sources"]["s"]["published"] = json!(text)
    });
    with("currency", &|d| {
        d["entities"]["acme"]["currency"] = json!(text)
    });
    with("entity id", &|d| d["entities"][text] = json!({"name": "x"}));
    with("fact entity", &|d| d["facts"][0]["entity"] = json!(text));
    with("fiscal year end", &|d| {
        d["entities"]["acme"]["fiscal_year_end"] = json!(text);
    });
    for field in [
        "metric", "period", "value", "unit", "scale", "bound", "status", "source",
    ] {
        with(&format!("fact {field}"), &|d| {
            d["facts"][0][field] = json!(text)
        });
    }
    with("unknown field", &|d| d["facts"][0][text] = json!("1"));
    with("claim kind", &|d| d["claims"][0]["kind"] = json!(text));
    with("claim of", &|d| {
        d["claims"][0]["of"] = json!(format!("acme.{text}@FY2026"));
    });
    cases
}

/// `'` before a text a spreadsheet would run as a formula, as the CSV
/// writer decides (data/FORMAT.md and `render`): the first character other
/// than white space or a control is `=`, `+`, `-` or `@`, or the first is a
/// tab or a carriage return, unless the text is a plain decimal.
fn in_csv(text: &str) -> String {
    let start = text.trim_start_matches(|c: char| c.is_whitespace() || c.is_control());
    let formula = (text.starts_with(['\t', '\r']) || start.starts_with(['=', '+', '-', '@']))
        && start.parse::<rust_decimal::Decimal>().is_err();
    if formula {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// Whether every character of Markdown that data could use as markup is
/// escaped outside code fences: `[`, `]`, `*`, `` ` ``, `~`, `$` and `<`
/// before anything but a space are preceded by an odd run of backslashes.
fn markup_left(markdown: &str) -> Option<String> {
    let mut fence = false;
    for line in markdown.lines() {
        if line.starts_with("```") {
            fence = !fence;
            continue;
        }
        if fence {
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            let next = chars.get(i + 1).copied();
            let markup = match c {
                '[' | ']' | '*' | '`' | '~' | '$' => true,
                '<' => next.is_some_and(|n| !n.is_whitespace()),
                '&' => next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'),
                _ => false,
            };
            let slashes = chars[..i].iter().rev().take_while(|&&b| b == '\\').count();
            if markup && slashes % 2 == 0 {
                return Some(line.to_string());
            }
        }
    }
    None
}

fn no_raw(output: &str, what: &str) {
    if let Some(c) = output.chars().find(|&c| acts(c)) {
        panic!("{what}: a raw {c:?} reached the output:\n{output}");
    }
    let long = "o".repeat(1_001);
    assert!(!output.contains(&long), "{what}: a long word is not cut");
}

/// Every command that shows text, in every format: tables and Markdown
/// show it safely, CSV and JSON carry it exactly.
fn every_format_of(text: &str) {
    let file = temp_file(&dataset(text).to_string());
    let path = path_of(&file);
    for command in [
        "facts",
        "verify",
        "check",
        "report",
        "arr",
        "metrics",
        "statement",
    ] {
        for format in ["table", "markdown", "csv", "json"] {
            let mut args = vec![command, "--data", path, "--format", format];
            if format == "table" {
                args.extend(["--color", "never", "--wide"]);
            }
            let out = run(&args);
            let what = format!("{} ({text:?})", out.command);
            assert!(matches!(out.code, 0 | 1), "{out}");
            no_raw(&out.stderr, &format!("{what}: stderr"));
            match format {
                "table" => no_raw(&out.stdout, &what),
                "markdown" => {
                    no_raw(&out.stdout, &what);
                    if let Some(line) = markup_left(&out.stdout) {
                        panic!("{what}: markup reached Markdown: {line}");
                    }
                }
                "csv" if command == "facts" => {
                    let mut reader = csv::Reader::from_reader(out.stdout.as_bytes());
                    let at = reader.headers().unwrap().iter().position(|h| h == "at");
                    let record = reader.records().next().unwrap().unwrap();
                    assert_eq!(record[at.unwrap()], in_csv(text), "{what}");
                }
                "json" if command == "facts" => {
                    let value: Value = serde_json::from_str(&out.stdout).unwrap();
                    assert_eq!(value["rows"][0]["at"], json!(text), "{what}");
                    assert_eq!(value["rows"][0]["note"], json!(text), "{what}");
                }
                _ => {}
            }
        }
    }
}

/// Charts (drawn for people) and an article's numbers show it safely too.
fn drawn_and_read(text: &str) {
    let file = temp_file(&dataset(text).to_string());
    let out = run(&["chart", "--data", path_of(&file)]);
    assert_eq!(out.code, 0, "{out}");
    no_raw(&out.stdout, &format!("{} ({text:?})", out.command));
    no_raw(&out.stderr, &format!("{} ({text:?}): stderr", out.command));
    let article = temp_file(&format!(
        "Revenue rose to 12.5 billion yuan {text} in fiscal 2026.\n"
    ));
    for format in ["table", "markdown"] {
        let out = run(&["extract", path_of(&article), "--format", format]);
        assert_eq!(out.code, 0, "{out}");
        no_raw(&out.stdout, &format!("{} ({text:?})", out.command));
        no_raw(&out.stderr, &format!("{} ({text:?}): stderr", out.command));
    }
}

/// Each field made invalid: one clear error, nothing raw, not the whole
/// value.
fn every_error_of(text: &str) {
    for (field, data) in invalid(text) {
        let file = temp_file(&data.to_string());
        let out = run(&["facts", "--data", path_of(&file)]);
        let what = format!("{field} = {text:?}");
        // Generated text can happen to be valid where it is put.
        assert!(matches!(out.code, 0 | 2), "{what}: {out}");
        no_raw(&out.stderr, &what);
        let first = out.stderr.lines().next().unwrap_or_default();
        assert!(first.chars().count() < 1_000, "{what}: {first}");
    }
}

#[test]
fn ids_kinds_and_values_holding_esc_osc_bel_and_u202e_show_no_such_byte() {
    let text = "x\u{1b}]0;owned\u{7}\u{1b}[31mred\u{202e}";
    every_error_of(text);
    every_format_of(text);
    drawn_and_read(text);
    // Each is an error that says what was found, made visible.
    for (field, data) in invalid(text) {
        let file = temp_file(&data.to_string());
        let out = run(&["facts", "--data", path_of(&file)]).exits(2);
        assert!(
            out.stderr
                .contains(r"x\u{1b}]0;owned\u{7}\u{1b}[31mred\u{202e}"),
            "{field}: {out}"
        );
    }
}

#[test]
fn an_error_does_not_repeat_a_long_value() {
    let long = "9".repeat(10_000_000);
    let mut data = dataset("p");
    data["facts"][0]["period"] = json!(format!("FY{long}"));
    let file = temp_file(&data.to_string());
    let out = run(&["facts", "--data", path_of(&file)]).exits(2);
    assert!(out.stderr.len() < 1_000, "{} bytes", out.stderr.len());
    assert!(out.stderr.contains("99…\""), "{out}");
}

#[test]
fn markdown_escapes_what_it_would_read_as_markup() {
    let text =
        "<script>x</script> [a](javascript:b) ![i](j) <!-- c --> **b** _e_ `c` ~~s~~ &amp; a|b";
    let file = temp_file(&dataset(text).to_string());
    let out = run(&[
        "facts",
        "--data",
        path_of(&file),
        "--format",
        "markdown",
        "--wide",
    ]);
    let out = out.exits(0);
    assert!(
        out.stdout.contains(
            r"\<script>x\</script> \[a\](javascript:b) !\[i\](j) \<!-- c --> \*\*b\*\* \_e\_ \`c\` \~\~s\~\~ \&amp; a\|b"
        ),
        "{out}"
    );
    // A note starting as a heading or a list stays a paragraph.
    let mut data = dataset("p");
    data["claims"][0]["of"] = json!("acme.revenue@FY2030");
    data["claims"][0]["note"] = json!("# not a heading");
    let file = temp_file(&data.to_string());
    let out = run(&["verify", "--data", path_of(&file), "--format", "markdown"]);
    assert!(!out.stdout.lines().any(|l| l.starts_with("# ")), "{out}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn hostile_text_in_every_field_of_every_format(text in hostile()) {
        every_format_of(&text);
        every_error_of(&text);
        drawn_and_read(&text);
    }
}
