use rust_decimal::Decimal;

use super::csv::{any_word, below, has};
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
fn parts_made_in_parallel_are_written_in_order() {
    let listing = listing_of(50);
    let options = RenderOptions {
        format: Format::Csv,
        ..RenderOptions::default()
    };
    let mut whole = Vec::new();
    render_listing(&mut whole, &listing, &options).unwrap();
    // Parts of 7 rows, the last one short.
    let make = |part: usize| {
        listing
            .rows
            .iter()
            .skip(part * 7)
            .take(7)
            .cloned()
            .map(Ok::<_, String>)
    };
    for threads in [1, 2, 3, 8] {
        let mut parted = Vec::new();
        let failure = render_parts(&mut parted, &listing, 8, make, threads, &options).unwrap();
        assert_eq!(failure, None);
        assert_eq!(
            String::from_utf8(parted).unwrap(),
            String::from_utf8(whole.clone()).unwrap()
        );
    }
    // An error in the rows of part 3 stops them there, whatever else was made.
    let failing = |part: usize| {
        make(part).map(move |row| {
            if part == 3 {
                Err(format!("part {part}"))
            } else {
                row
            }
        })
    };
    let mut cut = Vec::new();
    let failure = render_parts(&mut cut, &listing, 8, failing, 2, &options).unwrap();
    assert_eq!(failure.as_deref(), Some("part 3"));
    let text = String::from_utf8(cut).unwrap();
    assert_eq!(text.lines().count(), 1 + 21, "{text}");
    assert!(
        text.contains("'=row 20,1.5") && !text.contains("row 21"),
        "{text}"
    );
}

#[test]
fn words_find_the_bytes_a_byte_by_byte_look_finds() {
    let mut state: u64 = 3;
    for length in 0..40 {
        for _ in 0..200 {
            let bytes: Vec<u8> = (0..length)
                .map(|_| {
                    state = state
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    // Mostly plain text, sometimes anything.
                    let b = (state >> 56) as u8;
                    if state % 5 == 0 { b } else { b'a' + b % 26 }
                })
                .collect();
            let special = |w| has(w, b',') | has(w, b'"') | has(w, b'\n') | has(w, b'\r');
            assert_eq!(
                any_word(&bytes, special),
                bytes
                    .iter()
                    .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')),
                "{bytes:?}"
            );
            let control = |w| below(w, 0x20) | has(w, 0x7F) | has(w, 0xC2);
            assert_eq!(
                any_word(&bytes, control),
                bytes.iter().any(|&b| b < 0x20 || b == 0x7F || b == 0xC2),
                "{bytes:?}"
            );
        }
    }
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
    assert_eq!(clean_terminal("a\u{1b}[31mred\u{7}\r\nb"), "a[31mred b");
    assert_eq!(
        neutralise_formula("=HYPERLINK(\"x\")"),
        "'=HYPERLINK(\"x\")"
    );
    assert_eq!(neutralise_formula("-17.3"), "-17.3");
    assert_eq!(neutralise_formula("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(neutralise_formula("plain"), "plain");
    assert_eq!(neutralise_formula("tab\tand\nline"), "tab\tand\nline");
    assert_eq!(neutralise_formula("c1\u{85}gone\u{9f}"), "c1gone");
    assert_eq!(neutralise_formula("kept ¶2 − é"), "kept ¶2 − é");
    assert_eq!(neutralise_formula("\u{7f}=1+1"), "'=1+1");
}
