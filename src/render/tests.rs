use rust_decimal::Decimal;

use super::*;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn listing_of(rows: usize) -> Listing {
    Listing {
        name: "test",
        title: "Test".into(),
        meta: Vec::new(),
        columns: vec![
            crate::listing::Column::text("n", "n"),
            crate::listing::Column::number("x"),
        ],
        rows: (0..rows)
            .map(|n| {
                vec![
                    Cell::from(format!("=row {n}")),
                    Cell::Number(Some(d("1.50"))),
                ]
            })
            .collect(),
        notes: Vec::new(),
    }
}

#[test]
fn rows_made_as_written_give_what_a_whole_listing_gives() {
    let listing = listing_of(50);
    for format in [Format::Table, Format::Csv, Format::Json, Format::Markdown] {
        let options = RenderOptions {
            format,
            ..RenderOptions::default()
        };
        let mut whole = Vec::new();
        render_listing(&mut whole, &listing, &options).unwrap();
        let head = Listing {
            rows: Vec::new(),
            ..listing.clone()
        };
        let rows = listing.rows.iter().cloned().map(Ok);
        let mut streamed = Vec::new();
        render(
            &mut streamed,
            Report::one(Section::from_rows(head, rows)),
            &options,
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(streamed).unwrap(),
            String::from_utf8(whole).unwrap(),
            "{format:?}"
        );
    }
}

#[test]
fn an_error_in_making_the_rows_stops_them_there() {
    let listing = listing_of(50);
    let head = || Listing {
        rows: Vec::new(),
        ..listing.clone()
    };
    let failing = || {
        listing.rows.iter().enumerate().map(|(n, row)| {
            if n == 21 {
                Err(crate::Error::Usage(format!("row {n}")))
            } else {
                Ok(row.clone())
            }
        })
    };
    let csv = RenderOptions {
        format: Format::Csv,
        ..RenderOptions::default()
    };
    let mut cut = Vec::new();
    let report = Report::one(Section::from_rows(head(), failing()));
    let error = render(&mut cut, report, &csv).unwrap_err();
    assert_eq!(error.to_string(), "row 21");
    let text = String::from_utf8(cut).unwrap();
    assert_eq!(text.lines().count(), 1 + 21, "{text}");
    assert!(
        text.contains("'=row 20,1.5") && !text.contains("row 21"),
        "{text}"
    );
    // JSON is closed after the rows before the error; a table shows nothing.
    let json = RenderOptions {
        format: Format::Json,
        ..RenderOptions::default()
    };
    let mut cut = Vec::new();
    let report = Report::one(Section::from_rows(head(), failing()));
    assert!(render(&mut cut, report, &json).is_err());
    let value: serde_json::Value = serde_json::from_slice(&cut).unwrap();
    assert_eq!(value["rows"].as_array().unwrap().len(), 21);
    let mut cut = Vec::new();
    let report = Report::one(Section::from_rows(head(), failing()));
    assert!(render(&mut cut, report, &RenderOptions::default()).is_err());
    assert!(cut.is_empty());
}

#[test]
fn texts_met_again_are_written_as_the_first_time() {
    use crate::name::Name;
    let names: Vec<Name> = [
        "plain",
        "a, b",
        "=1+1",
        "say \"hi\"",
        "tab\there",
        "bell\u{7}",
        "",
    ]
    .into_iter()
    .map(Name::from)
    .collect();
    let listing = Listing {
        name: "test",
        title: "Test".into(),
        meta: Vec::new(),
        columns: vec![
            crate::listing::Column::text("a", "a"),
            crate::listing::Column::text("b", "b"),
            crate::listing::Column::number("x"),
        ],
        rows: (0..40)
            .map(|n| {
                let name = names[n % names.len()].clone();
                let other = names[(n * 3 + 1) % names.len()].clone();
                vec![
                    Cell::text(name),
                    Cell::text(other),
                    Cell::Number(Some(d("-1.50"))),
                ]
            })
            .collect(),
        notes: Vec::new(),
    };
    let options = RenderOptions {
        format: Format::Csv,
        ..RenderOptions::default()
    };
    let mut ours = Vec::new();
    render_listing(&mut ours, &listing, &options).unwrap();
    let mut theirs = ::csv::Writer::from_writer(Vec::new());
    theirs.write_record(["a", "b", "x"]).unwrap();
    for row in &listing.rows {
        let text = |cell: &Cell| match cell {
            Cell::Text(text) => neutralise_formula(text).into_owned(),
            _ => "-1.5".to_string(),
        };
        theirs.write_record(row.iter().map(text)).unwrap();
    }
    assert_eq!(
        String::from_utf8(ours).unwrap(),
        String::from_utf8(theirs.into_inner().unwrap()).unwrap()
    );
}

#[test]
fn hostile_text_is_neutralised() {
    assert_eq!(
        shown_line("a\u{1b}[31mred\u{7}\r\nb"),
        "a\\u{1b}[31mred\\u{7}\\r b"
    );
    assert_eq!(
        neutralise_formula("=HYPERLINK(\"x\")"),
        "'=HYPERLINK(\"x\")"
    );
    assert_eq!(neutralise_formula("-17.3"), "-17.3");
    assert_eq!(neutralise_formula("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(neutralise_formula("plain"), "plain");
    assert_eq!(neutralise_formula("tab\tand\nline"), "tab\tand\nline");
    // CSV carries the text exactly: only a formula gets a `'`.
    assert_eq!(
        neutralise_formula("c1\u{85}kept\u{9f}"),
        "c1\u{85}kept\u{9f}"
    );
    assert_eq!(neutralise_formula(" \t=cmd"), "' \t=cmd");
    assert_eq!(neutralise_formula(" -17.3"), " -17.3");
    assert_eq!(neutralise_formula("kept ¶2 − é"), "kept ¶2 − é");
    assert_eq!(neutralise_formula("\u{7f}=1+1"), "'\u{7f}=1+1");
}

/// A table gathers at most `TABLE_ROWS` rows of a section (its grid takes
/// every row whole): the rest are counted in a note, while CSV writes all.
#[test]
fn tables_show_at_most_table_rows_and_count_the_rest() {
    let listing = listing_of(TABLE_ROWS + 7);
    let table = RenderOptions {
        format: Format::Table,
        ..RenderOptions::default()
    };
    let mut out = Vec::new();
    render_listing(&mut out, &listing, &table).unwrap();
    let text = String::from_utf8(out).unwrap();
    let last_shown = format!("=row {}", TABLE_ROWS - 1);
    assert!(
        text.contains(&format!("{last_shown} ")),
        "the first rows are shown"
    );
    assert!(
        !text.contains(&format!("=row {TABLE_ROWS} ")),
        "later rows are not"
    );
    assert!(
        text.contains("7 more rows left out: a table shows the first 10000;"),
        "{}",
        text.lines().last().unwrap_or_default()
    );
    let csv = RenderOptions {
        format: Format::Csv,
        ..RenderOptions::default()
    };
    let mut out = Vec::new();
    render_listing(&mut out, &listing, &csv).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap().lines().count(),
        TABLE_ROWS + 8
    );
}
