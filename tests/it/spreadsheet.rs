//! A real spreadsheet reads our CSV as numbers: LibreOffice Calc (headless)
//! imports `facts` and `metrics` CSV, and every value, low and high arrives
//! as a numeric cell equal to what we wrote.
//!
//! `.ci/run` installs LibreOffice (`libreoffice-calc-nogui`) when missing.
//! Where it is missing the test fails under CI (`CI=true`) and elsewhere
//! skips, saying so on standard error.

use std::path::Path;

use rust_decimal::Decimal;

use super::common::{soffice, stdout, to_flat_ods, tool_missing};

/// One imported cell: its type and its numeric value, if any.
#[derive(Debug)]
struct Imported {
    value_type: String,
    value: Option<String>,
}

/// Converts a CSV file into flat ODS with the CSV filter (comma, double
/// quotes, UTF-8, English locale) and returns the rows of cells.
fn import(soffice: &str, csv: &Path, out: &Path) -> Vec<Vec<Imported>> {
    let filter = ["--infilter=CSV:44,34,76,1,,1033".to_string()];
    let xml = to_flat_ods(soffice, &filter, csv, out, out);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
    let table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    doc.descendants()
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
                for _ in 0..repeat.min(64) {
                    cells.push(Imported {
                        value_type: cell
                            .attribute((office, "value-type"))
                            .unwrap_or("empty")
                            .to_string(),
                        value: cell.attribute((office, "value")).map(String::from),
                    });
                }
            }
            cells
        })
        .collect()
}

/// Checks that every non-empty value, low and high cell arrived as a number
/// equal (to the spreadsheet's double precision) to the CSV text.
fn check_numeric_columns(soffice: &str, command: &str) {
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join(format!("{command}.csv"));
    let output = stdout(&[command, "--format", "csv"]);
    std::fs::write(&csv_path, &output).unwrap();

    let mut reader = csv::Reader::from_reader(output.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let imported = import(soffice, &csv_path, dir.path());
    assert_eq!(
        imported.len(),
        records.len() + 1,
        "{command}: one spreadsheet row per CSV row plus the header"
    );

    let mut checked = 0;
    for column in ["value", "low", "high"] {
        let at = headers.iter().position(|h| h == column).unwrap();
        for (record, row) in records.iter().zip(imported.iter().skip(1)) {
            let text = &record[at];
            if text.is_empty() {
                continue;
            }
            let cell = &row[at];
            assert_eq!(
                cell.value_type, "float",
                "{command} {column} {text:?} arrived as {cell:?}"
            );
            let written: Decimal = text.parse().unwrap();
            let read: Decimal = Decimal::from_scientific(cell.value.as_deref().unwrap())
                .or_else(|_| cell.value.as_deref().unwrap().parse())
                .unwrap();
            // A spreadsheet keeps about 15 significant digits, which is all
            // the CSV writes: each number arrives whole.
            assert_eq!(
                read.round_sf(15).map(|r| r.normalize()),
                Some(written.normalize()),
                "{command} {column}: wrote {written}, read {read}"
            );
            checked += 1;
        }
    }
    assert!(
        checked > 30,
        "{command}: only {checked} numeric cells checked"
    );
}

#[test]
fn libreoffice_reads_facts_metrics_and_the_report_as_numbers() {
    let Some(soffice) = soffice() else {
        tool_missing(
            "LibreOffice (soffice)",
            ".ci/run installs it: apt-get install libreoffice-calc-nogui",
        );
        return;
    };
    check_numeric_columns(soffice, "facts");
    check_numeric_columns(soffice, "metrics");
    // A report of several sections opens as one sheet.
    check_numeric_columns(soffice, "report");
}
