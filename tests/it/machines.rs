//! Output that machines take: numbers a spreadsheet keeps whole, files
//! that land in the format and mode asked for, options that are never
//! silently ignored, and completions that know the data.

use rust_decimal::Decimal;

use super::common::stdout;

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
