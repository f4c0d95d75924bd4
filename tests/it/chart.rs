//! `earnings chart`: any series as bars. The terminal charts are pinned at
//! 80 and 120 columns (and fit them); `-o FILE.svg` draws a bar per figure,
//! read back from the SVG.

use std::collections::BTreeSet;
use std::path::Path;

use super::common::{earnings, run_command, stdout};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn pin(name: &str, args: &[&str]) -> String {
    let run = run_command(earnings().current_dir(ROOT).env("NO_COLOR", "1").args(args));
    let text = run.to_string();
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(Path::new(ROOT).join("tests/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(name, text));
    stdout(args)
}

#[test]
fn terminal_charts_fit_80_and_120_columns() {
    for width in [80, 120] {
        let w = width.to_string();
        let revenue = pin(
            &format!("chart_alibaba_revenue_yoy_{width}"),
            &[
                "chart", "--entity", "alibaba", "--metric", "revenue", "--yoy", "--width", &w,
            ],
        );
        let arr = pin(
            &format!("chart_alibaba-maas_{width}"),
            &["chart", "--entity", "alibaba-maas", "--width", &w],
        );
        for line in revenue.lines().chain(arr.lines()) {
            assert!(line.chars().count() <= width, "{width}: {line:?}");
        }
        // A whole bar reaches close to the width; a year's change is on it.
        assert!(revenue.lines().any(|l| l.chars().count() >= width - 2));
        assert!(revenue.contains("FY2026") && revenue.contains("YoY +2.7"));
        // Targets are marked, and "more than" has an open end.
        assert!(arr.contains("◆ target"), "{arr}");
        assert!(arr.contains('→'), "{arr}");
    }
}

#[test]
fn nothing_to_draw_is_a_usage_error() {
    let run = run_command(earnings().args(["chart", "--period", "FY2020"]));
    assert_eq!(run.code, 2, "{run}");
    let run = run_command(earnings().args(["chart", "--format", "csv"]));
    assert_eq!(run.code, 2, "{run}");
}

#[test]
fn the_svg_has_a_bar_per_period() {
    let dir = tempfile::tempdir().unwrap();
    let svg_path = dir.path().join("r.svg");
    let run = run_command(
        earnings()
            .args(["chart", "--entity", "alibaba", "--metric", "revenue", "-o"])
            .arg(&svg_path),
    );
    assert_eq!(run.code, 0, "{run}");
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    // Bars are the filled rectangles wider than a legend's swatch (12 px).
    let bar_colours = ["#4682B4", "#E67E22"];
    let bars = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect"))
        .filter(|n| {
            n.attribute("fill")
                .is_some_and(|f| bar_colours.contains(&f))
        })
        .filter(|n| n.attribute("width").and_then(|w| w.parse::<f64>().ok()) > Some(12.0))
        .count();
    let csv = stdout(&[
        "facts", "--entity", "alibaba", "--metric", "revenue", "--format", "csv",
    ]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let figures: BTreeSet<(String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[2].to_string())
        })
        .collect();
    assert_eq!(bars, figures.len(), "one bar per figure: {figures:?}");
    let texts: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().trim().to_string())
        .collect();
    for period in ["FY2025", "FY2026", "FY2025-Q4", "FY2026-Q4"] {
        assert!(texts.iter().any(|t| t == period), "no label {period}");
    }
    assert!(texts.iter().any(|t| t == "alibaba revenue, years"));
}

/// The texts and the bar-coloured rectangles' fills of an SVG chart.
fn svg_of(args: &[&str]) -> (Vec<String>, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.svg");
    let run = run_command(earnings().args(args).arg("-o").arg(&path));
    assert_eq!(run.code, 0, "{run}");
    let svg = std::fs::read_to_string(&path).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let texts = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().trim().to_string())
        .collect();
    let fills = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect"))
        .filter_map(|n| n.attribute("fill").map(String::from))
        .collect();
    (texts, fills)
}

#[test]
fn the_svg_prints_yoy_and_sets_targets_and_open_ends_apart() {
    let (texts, _) = svg_of(&[
        "chart", "--entity", "alibaba", "--metric", "revenue", "--yoy",
    ]);
    assert!(
        texts.iter().any(|t| t == "1,023.670 YoY +2.7423%"),
        "{texts:?}"
    );
    // alibaba-maas: ARR targets, one "at least 10".
    let (texts, fills) = svg_of(&["chart", "--entity", "alibaba-maas"]);
    assert!(fills.iter().any(|f| f == "#E67E22"), "no target bar");
    assert!(
        !fills.iter().any(|f| f == "#4682B4"),
        "a target drawn as reported"
    );
    assert!(texts.iter().any(|t| t.starts_with("forward-looking")));
    assert!(
        texts.iter().any(|t| t.contains("▲ no upper bound")),
        "{texts:?}"
    );
}
