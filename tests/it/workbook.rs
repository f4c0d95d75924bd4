//! The workbook (`-o FILE.xlsx`) holds the working, live: LibreOffice Calc
//! (headless) opens `metrics -o m.xlsx`, recalculates every formula on
//! load, and each metric's value, low and high equal what `metrics
//! --format csv` prints, to 12 significant digits; a fact cell changed in
//! the file changes the metrics built on it, and only those.
//!
//! Where LibreOffice is missing the test fails under CI (`CI=true`) and
//! elsewhere skips, saying so on standard error.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;

use rust_decimal::Decimal;

use super::common::{dec, earnings, soffice, stdout, to_flat_ods, tool_missing};

/// One cell as LibreOffice saved it: its formula, its number, its text.
#[derive(Clone, Debug, Default)]
struct Saved {
    formula: Option<String>,
    number: Option<Decimal>,
    text: String,
}

type Sheets = HashMap<String, Vec<Vec<Saved>>>;

/// A LibreOffice profile that recalculates every formula of an xlsx file
/// when it loads it (Tools > Options > Calc > Formula > Recalculation on
/// file load: Excel 2007 and newer: Always), rather than trusting the
/// results stored in the file.
fn recalculating_profile(dir: &Path) -> String {
    let user = dir.join("profile").join("user");
    std::fs::create_dir_all(&user).unwrap();
    std::fs::write(
        user.join("registrymodifications.xcu"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#,
    )
    .unwrap();
    format!("file://{}", dir.join("profile").display())
}

/// Opens a workbook in LibreOffice, recalculated, and reads every sheet
/// back from the flat ODS it saves.
fn recalculated(soffice: &str, xlsx: &Path, dir: &Path) -> Sheets {
    let out = dir.join("out");
    let profile = [format!(
        "-env:UserInstallation={}",
        recalculating_profile(dir)
    )];
    let xml = to_flat_ods(soffice, &profile, xlsx, &out, dir);
    parse(&xml)
}

fn parse(xml: &str) -> Sheets {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
    let table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    let text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
    let mut sheets = Sheets::new();
    for sheet in doc
        .descendants()
        .filter(|n| n.has_tag_name((table, "table")))
    {
        let name = sheet.attribute((table, "name")).unwrap().to_string();
        let rows = sheet
            .descendants()
            .filter(|n| n.has_tag_name((table, "table-row")))
            .map(|row| {
                let mut cells = Vec::new();
                for cell in row
                    .children()
                    .filter(|n| n.has_tag_name((table, "table-cell")))
                {
                    let repeat: usize = cell
                        .attribute((table, "number-columns-repeated"))
                        .map_or(1, |r| r.parse().unwrap());
                    let saved = Saved {
                        formula: cell.attribute((table, "formula")).map(String::from),
                        number: cell
                            .attribute((office, "value"))
                            .map(|v| Decimal::from_scientific(v).or_else(|_| v.parse()).unwrap()),
                        text: cell
                            .descendants()
                            .filter(|n| n.has_tag_name((text, "p")))
                            .filter_map(|p| p.text())
                            .collect(),
                    };
                    cells.extend(std::iter::repeat_n(saved, repeat.min(32)));
                }
                cells
            })
            .filter(|cells: &Vec<Saved>| cells.iter().any(|c| !c.text.is_empty()))
            .collect();
        sheets.insert(name, rows);
    }
    sheets
}

/// Whether two numbers agree to 12 significant digits.
fn agree(read: Decimal, written: Decimal) -> bool {
    let tolerance = written.abs().max(read.abs()) * dec("0.000000000001");
    (read - written).abs() <= tolerance
}

/// Every metric of the workbook against the CSV: in order, kind by kind,
/// the same figure and value, low and high to 12 significant digits (n/m
/// where the CSV is empty). Returns how many numbers were compared.
fn compare_with_csv(sheets: &Sheets, csv_text: &str) -> usize {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let mut next: HashMap<&str, usize> = HashMap::new();
    let mut compared = 0;
    for record in &records {
        let kind = &record[0];
        let rows = sheets
            .get(kind)
            .unwrap_or_else(|| panic!("no sheet {kind}"));
        let at = next.entry(kind).or_insert(1);
        let row = &rows[*at];
        *at += 1;
        let figure: Vec<&str> = row[..3].iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            figure,
            [&record[1], &record[2], &record[3]],
            "{kind} row {at}"
        );
        for (column, field) in [(3, 4), (4, 5), (5, 6)] {
            let cell = &row[column];
            let written = &record[field];
            let unbounded_input = row.get(11).is_some_and(|n| n.text.contains("no bound"));
            if kind.starts_with("growth") {
                assert!(cell.formula.is_none(), "claimed growth is a number");
            } else if unbounded_input && column > 3 {
                // Documented: an input with no bound on one side leaves the
                // ends as numbers (the value stays a formula).
                assert!(cell.formula.is_none(), "{kind} {figure:?}");
            } else {
                assert!(cell.formula.is_some(), "{kind} {figure:?}: not a formula");
            }
            if written.is_empty() {
                assert!(
                    cell.text == "n/m" || cell.text.is_empty(),
                    "{kind} {figure:?}: {cell:?} where the CSV has none"
                );
                continue;
            }
            let read = cell
                .number
                .unwrap_or_else(|| panic!("{kind} {figure:?} column {column}: {cell:?}"));
            assert!(
                agree(read, dec(written)),
                "{kind} {figure:?} column {column}: LibreOffice {read}, CSV {written}"
            );
            compared += 1;
        }
    }
    for (kind, rows) in sheets {
        if let Some(at) = next.get(kind.as_str()) {
            assert_eq!(*at, rows.len(), "{kind}: rows the CSV does not have");
        }
    }
    compared
}

/// The workbook with the cells `cells` (e.g. `B7`) of the facts sheet (the
/// first) set to `value`: the stored XML edited, every other part copied.
fn with_fact_changed(xlsx: &Path, cells: &[String], value: &str, to: &Path) {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(xlsx).unwrap()).unwrap();
    let mut writer = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    let mut changed = 0;
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).unwrap();
        let name = part.name().to_string();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let mut xml = String::from_utf8(bytes).unwrap();
            for cell in cells {
                let start = xml.find(&format!("<c r=\"{cell}\"")).unwrap();
                let open = start + xml[start..].find("<v>").unwrap() + 3;
                let close = open + xml[open..].find("</v>").unwrap();
                xml.replace_range(open..close, value);
                changed += 1;
            }
            bytes = xml.into_bytes();
        }
        let options = zip::write::SimpleFileOptions::default();
        writer.start_file(name, options).unwrap();
        writer.write_all(&bytes).unwrap();
    }
    writer.finish().unwrap();
    assert_eq!(changed, cells.len());
}

/// The row of a sheet whose first cells are these.
fn find<'s>(rows: &'s [Vec<Saved>], first: &[&str]) -> (usize, &'s [Saved]) {
    rows.iter()
        .enumerate()
        .find(|(_, row)| row.iter().zip(first).all(|(c, f)| c.text == *f))
        .map(|(i, row)| (i, row.as_slice()))
        .unwrap_or_else(|| panic!("no row {first:?}"))
}

#[test]
fn libreoffice_recalculates_the_metrics_csv_prints_and_follows_a_changed_fact() {
    let Some(soffice) = soffice() else {
        tool_missing(
            "LibreOffice (soffice)",
            ".ci/run installs it: apt-get install libreoffice-calc-nogui",
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("m.xlsx");
    let written = earnings()
        .args(["metrics", "-o"])
        .arg(&xlsx)
        .output()
        .unwrap();
    assert!(written.status.success(), "{written:?}");
    let sheets = recalculated(soffice, &xlsx, &dir.path().join("first"));
    let csv_text = stdout(&["metrics", "--format", "csv"]);
    let compared = compare_with_csv(&sheets, &csv_text);
    assert!(compared > 100, "only {compared} numbers compared");
    // Facts: numbers as numbers, text as text, no formula.
    let facts = &sheets["facts"];
    assert!(facts.iter().flatten().all(|c| c.formula.is_none()));
    let (row, revenue) = find(facts, &["alibaba.revenue@FY2026"]);
    assert_eq!(revenue[1].number, Some(dec("1023.67")));
    assert!(sheets.contains_key("verdicts"));

    // Alibaba's FY2026 revenue set to exactly 1,100 (billion): its change,
    // its percent change and the margins over it follow; the rest stays.
    let changed = dir.path().join("changed.xlsx");
    let cells = ["B", "C", "D"].map(|c| format!("{c}{}", row + 1));
    with_fact_changed(&xlsx, &cells, "1100", &changed);
    let after = recalculated(soffice, &changed, &dir.path().join("second"));
    let value = |sheets: &Sheets, kind: &str, figure: &[&str]| {
        find(&sheets[kind], figure).1[3].number.unwrap()
    };
    let revenue = ["alibaba", "revenue", "FY2026"];
    let prior = dec("996.347");
    let expected = [
        ("change", revenue, dec("1100") - prior),
        (
            "yoy",
            revenue,
            (dec("1100") / prior - Decimal::ONE) * dec("100"),
        ),
        (
            "margin",
            ["alibaba", "net_profit", "FY2026"],
            dec("102.127") / dec("1100") * dec("100"),
        ),
    ];
    for (kind, figure, now) in expected {
        let before = value(&sheets, kind, &figure);
        let read = value(&after, kind, &figure);
        assert!(!agree(read, before), "{kind} {figure:?} did not change");
        assert!(
            agree(read, now),
            "{kind} {figure:?}: {read}, expected {now}"
        );
    }
    // A metric of other figures keeps its value.
    let other = ["alibaba", "net_profit", "FY2026"];
    assert_eq!(value(&sheets, "yoy", &other), value(&after, "yoy", &other));
}

#[test]
fn a_workbook_is_refused_where_a_command_writes_none() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("a.xlsx");
    let run = earnings().arg("arr").arg("-o").arg(&out).output().unwrap();
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("writes no workbook"), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn losses_open_bounds_and_formula_like_text_recalculate_as_the_csv_says() {
    let Some(soffice) = soffice() else {
        tool_missing(
            "LibreOffice (soffice)",
            ".ci/run installs it: apt-get install libreoffice-calc-nogui",
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let hostile = r#"=HYPERLINK(\"http://example.com\",\"x\")"#;
    let fact_at = |at: &str, entity: &str, metric: &str, period: &str, value: &str, extra: &str| {
        format!(
            r#"{{"entity": "{entity}", "metric": "{metric}", "period": "{period}", "value": "{value}", "unit": "USD", "source": "s", "at": "{at}"{extra}}}"#
        )
    };
    let fact = |entity: &str, metric: &str, period: &str, value: &str, extra: &str| {
        fact_at("p1", entity, metric, period, value, extra)
    };
    let facts = [
        fact("co", "revenue", "FY2025", "100", ""),
        fact_at(hostile, "co", "revenue", "FY2026", "120.5", ""),
        fact("co", "net_profit", "FY2025", "-10", ""),
        fact("co", "net_profit", "FY2026", "-5", ""),
        fact(
            "co",
            "revenue",
            "FY2026-Q4",
            "30",
            r#", "bound": "more_than""#,
        ),
        fact("seg", "revenue", "FY2026", "40.25", ""),
    ]
    .join(",");
    let data = format!(
        r#"{{"format": "earnings-dataset/1",
  "sources": {{"s": {{"title": "t", "kind": "filing"}}}},
  "entities": {{"co": {{"name": "Co", "currency": "USD"}}, "seg": {{"name": "Segment", "parent": "co"}}}},
  "facts": [{facts}],
  "claims": []}}"#
    );
    let data_path = dir.path().join("co.json");
    std::fs::write(&data_path, data).unwrap();
    let data_arg = data_path.to_str().unwrap();
    let xlsx = dir.path().join("co.xlsx");
    let written = earnings()
        .args(["metrics", "--data", data_arg, "--scale", "unit", "-o"])
        .arg(&xlsx)
        .output()
        .unwrap();
    assert!(written.status.success(), "{written:?}");
    let sheets = recalculated(soffice, &xlsx, dir.path());
    let csv_text = stdout(&[
        "metrics", "--data", data_arg, "--scale", "unit", "--format", "csv",
    ]);
    // Changes of a loss, a share, margins, and a run-rate with no upper end.
    let compared = compare_with_csv(&sheets, &csv_text);
    assert!(compared >= 15, "only {compared} numbers compared");
    let (_, loss) = find(&sheets["yoy"], &["co", "net_profit", "FY2026"]);
    assert!(agree(loss[3].number.unwrap(), dec("50")), "{loss:?}");
    // The place that looks like a formula is text, and nothing ran it.
    let (_, revenue) = find(&sheets["facts"], &["co.revenue@FY2026"]);
    let place = &revenue[9];
    assert_eq!(place.text, hostile.replace('\\', ""));
    assert!(
        place.formula.is_none() && place.number.is_none(),
        "{place:?}"
    );
}

#[test]
fn quarter_changes_and_trailing_twelve_months_recalculate_as_the_csv_says() {
    let Some(soffice) = soffice() else {
        tool_missing(
            "LibreOffice (soffice)",
            ".ci/run installs it: apt-get install libreoffice-calc-nogui",
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("quarters.xlsx");
    let data = "tests/data/quarters.json";
    let written = earnings()
        .args(["metrics", "--data", data, "--scale", "unit", "-o"])
        .arg(&xlsx)
        .output()
        .unwrap();
    assert!(written.status.success(), "{written:?}");
    let sheets = recalculated(soffice, &xlsx, dir.path());
    let csv_text = stdout(&[
        "metrics", "--data", data, "--scale", "unit", "--format", "csv",
    ]);
    let compared = compare_with_csv(&sheets, &csv_text);
    // Each quarterly family is a sheet of live formulas the CSV agrees with.
    for kind in ["qoq", "ttm", "ttm_yoy"] {
        let rows = sheets
            .get(kind)
            .unwrap_or_else(|| panic!("no sheet {kind}"));
        assert!(rows.len() > 1, "{kind}: no rows");
        assert!(csv_text.lines().any(|l| l.starts_with(&format!("{kind},"))));
    }
    assert!(compared >= 30, "only {compared} numbers compared");
}
