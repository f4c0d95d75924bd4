//! CSV: a header row of column keys, then one record per row, numbers as
//! plain decimals ([`crate::text::push_machine`]), text neutralised against
//! spreadsheet formulas; rows are written as they come. A report of several
//! sections is one table whose first column names each row's section.

use std::borrow::Cow;
use std::io::{self, Write};
use std::ops::Range;

use rust_decimal::Decimal;

use super::cell::{machine_number, machine_str};
use super::visible_columns;
use crate::error::{Error, Result};
use crate::listing::{Cell, Listing, MakePart, Section, Text};
use crate::text::{Digits, Rounding, push_machine_bytes};

/// The fields of a record, in order: each the index of the listing's column
/// that fills it (none: an empty field) and the way its numbers round; and
/// the digits to write.
struct Fields {
    columns: Vec<Option<(usize, Rounding)>>,
    digits: Digits,
}

impl Fields {
    /// The machine columns of a listing.
    fn of(listing: &Listing, digits: Digits) -> Fields {
        let columns = visible_columns(listing, false)
            .into_iter()
            .map(|i| {
                let rounding = listing.columns.get(i).map(|c| c.rounding());
                Some((i, rounding.unwrap_or_default()))
            })
            .collect();
        Fields { columns, digits }
    }

    /// The columns of a listing under the header `keys`: each key's column
    /// in the listing (the last, as in JSON, where it has two), or none.
    fn under(listing: &Listing, keys: &[&'static str], digits: Digits) -> Fields {
        let visible = visible_columns(listing, false);
        let columns = keys
            .iter()
            .map(|key| {
                visible.iter().rev().find_map(|&i| {
                    let column = listing.columns.get(i)?;
                    (column.key == *key).then(|| (i, column.rounding()))
                })
            })
            .collect();
        Fields { columns, digits }
    }
}

/// The key of the column that names each row's section when several
/// sections make one table.
pub const SECTION: &str = "section";

/// Writes the sections of a report as one table, so that it opens as one
/// sheet: a first column `section` (the listing's name), then every machine
/// column of any section, each key once in the order first met; a row
/// leaves empty the columns its section does not have. Each section's rows
/// are written as it makes them.
pub(super) fn write_sections(
    out: &mut dyn Write,
    sections: Vec<Section<'_>>,
    digits: Digits,
) -> Result<()> {
    let sections: Vec<_> = sections.into_iter().map(Section::into_parts).collect();
    let mut keys: Vec<&'static str> = Vec::new();
    for (section, _) in &sections {
        for i in visible_columns(section, false) {
            if let Some(column) = section.columns.get(i)
                && column.key != SECTION
                && !keys.contains(&column.key)
            {
                keys.push(column.key);
            }
        }
    }
    let mut writer = Written::new(out);
    let header = std::iter::once(SECTION).chain(keys.iter().copied());
    writer.record.header(&mut writer.text, header);
    for (section, rows) in sections {
        let fields = Fields::under(&section, &keys, digits);
        let made = rows(&mut |row: &[Cell]| writer.row(Some(section.name), &fields, row));
        if let Err(error) = made {
            // The rows before an error stay written.
            writer.flush()?;
            return Err(error);
        }
    }
    writer.flush()
}

/// Writes the header, then each row as the section makes it.
pub(super) fn write(out: &mut dyn Write, section: Section<'_>, digits: Digits) -> Result<()> {
    let (listing, rows) = section.into_parts();
    let fields = Fields::of(&listing, digits);
    let mut writer = Written::new(out);
    let header = fields
        .columns
        .iter()
        .filter_map(|&field| listing.columns.get(field?.0))
        .map(|c| c.key);
    writer.record.header(&mut writer.text, header);
    let made = rows(&mut |row: &[Cell]| writer.row(None, &fields, row));
    // The rows before an error stay written.
    writer.flush()?;
    made
}

/// Writes the header, then the rows of a section made in `parts` parts, by
/// `threads` threads at once, in the order of the parts. Each thread makes
/// the next part not yet taken, so that a thread whose parts come out
/// lighter never waits on one whose parts are heavier; a part is taken only
/// when it is among the next [`AHEAD`] per thread to write, so memory stays
/// a few parts however many there are. The rows stop at the first error met
/// in making them.
pub(super) fn write_parts(
    out: &mut dyn Write,
    listing: &Listing,
    parts: usize,
    make: &MakePart<'_>,
    threads: usize,
    digits: Digits,
) -> Result<()> {
    let threads = threads.clamp(1, parts.max(1));
    let head = Listing {
        rows: Vec::new(),
        ..listing.clone()
    };
    write(
        &mut *out,
        Section::from_rows(head, std::iter::empty::<Result<Vec<Cell>>>()),
        digits,
    )?;
    let fields = Fields::of(listing, digits);
    let ahead = threads.saturating_mul(AHEAD).max(1);
    // The parts a thread may take, handed out as earlier ones are written
    // (the hand is dropped with the scope's closure, which ends the
    // threads however it returns); the parts made, in the order done.
    let (hand, tickets) = std::sync::mpsc::sync_channel::<usize>(ahead);
    let tickets = std::sync::Mutex::new(tickets);
    let (send, made) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        let (hand, made) = (hand, made);
        for _ in 0..threads {
            let (tickets, send, fields) = (&tickets, send.clone(), &fields);
            scope.spawn(move || {
                // A lock poisoned, or the writer gone, ends this thread.
                while let Some(part) = tickets.lock().ok().and_then(|t| t.recv().ok()) {
                    if send.send((part, csv_part(fields, make, part))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(send);
        let mut next_ticket = 0;
        let mut waiting = std::collections::BTreeMap::new();
        for part in 0..parts {
            while next_ticket < parts.min(part.saturating_add(ahead)) {
                // The threads are there until every ticket is sent.
                let _ = hand.send(next_ticket);
                next_ticket = next_ticket.saturating_add(1);
            }
            let (bytes, failure) = loop {
                if let Some(done) = waiting.remove(&part) {
                    break done;
                }
                let Ok((done, text)) = made.recv() else {
                    return Err(Error::Output(io::Error::other(
                        "a part of the rows was lost",
                    )));
                };
                waiting.insert(done, text);
            };
            out.write_all(&bytes).map_err(Error::Output)?;
            if let Some(error) = failure {
                return Err(error);
            }
        }
        Ok(())
    })
}

/// Parts taken ahead of the one being written, per thread.
const AHEAD: usize = 2;

/// The CSV rows of one part (no header), up to an error if there is one.
fn csv_part(fields: &Fields, make: &MakePart<'_>, part: usize) -> (Vec<u8>, Option<Error>) {
    // Room for a part's rows, so that the text is not copied as it grows.
    let mut text = Vec::with_capacity(4 << 20);
    let mut record = Record::default();
    let made = make(part, &mut |row: &[Cell]| {
        record.write(&mut text, None, fields, row);
        Ok(())
    });
    (text, made.err())
}

/// How much CSV text is gathered before it is written out (as the csv
/// crate's writer buffers it).
const WRITTEN_AT: usize = 1 << 16;

/// CSV records on their way to an output: gathered in memory, written out
/// a buffer at a time.
struct Written<'o> {
    out: &'o mut dyn Write,
    text: Vec<u8>,
    record: Record,
}

impl<'o> Written<'o> {
    fn new(out: &'o mut dyn Write) -> Written<'o> {
        Written {
            out,
            text: Vec::with_capacity(WRITTEN_AT.saturating_mul(2)),
            record: Record::default(),
        }
    }

    /// Adds a row (see [`Record::write`]), writing out the text gathered
    /// once there is enough of it.
    fn row(&mut self, first: Option<&str>, fields: &Fields, row: &[Cell]) -> Result<()> {
        self.record.write(&mut self.text, first, fields, row);
        if self.text.len() >= WRITTEN_AT {
            self.write_out()?;
        }
        Ok(())
    }

    /// Writes out the text gathered so far.
    fn write_out(&mut self) -> Result<()> {
        self.out.write_all(&self.text).map_err(Error::Output)?;
        self.text.clear();
        // The fields of the rows before are no longer in the text.
        self.record.forget();
        Ok(())
    }

    /// Writes out every row added, and flushes the output.
    fn flush(&mut self) -> Result<()> {
        self.write_out()?;
        self.out.flush().map_err(Error::Output)
    }
}

/// A CSV record as it is made, kept from row to row: the crate's writer,
/// the text of a number, and where each text field of the row before
/// stands in the text (reused when a field is the same).
struct Record {
    csv: Encoder,
    number: String,
    before: Vec<Place>,
    words: Words,
}

impl Default for Record {
    fn default() -> Record {
        Record {
            csv: Encoder::new(),
            number: String::new(),
            before: Vec::new(),
            words: Words::default(),
        }
    }
}

/// The fields written for the program's own words (a kind, a scale, a
/// formula): each neutralised and quoted once, then copied.
#[derive(Default)]
struct Words {
    written: Vec<(&'static str, Field)>,
}

/// A field as the crate writes it, with room after it so that a short one
/// is copied as a fixed chunk, which needs no call.
struct Field {
    bytes: Vec<u8>,
    length: usize,
}

impl Field {
    fn new(mut bytes: Vec<u8>) -> Field {
        let length = bytes.len();
        bytes.resize(length.max(crate::text::CHUNK), 0);
        Field { bytes, length }
    }

    /// Appends the field to `text`.
    fn append_to(&self, text: &mut Vec<u8>) {
        crate::text::append_short(text, &self.bytes, self.length);
    }
}

impl Words {
    /// The most words kept: a listing has a few dozen at most.
    const MOST: usize = 64;

    /// Appends `words` as [`Encoder::field`] writes them neutralised,
    /// keeping the field to copy the next time; `recent` holds the last two
    /// words of the column (the latest first) and where they are kept.
    fn write(
        &mut self,
        csv: &Encoder,
        text: &mut Vec<u8>,
        recent: &mut Recent,
        words: &'static str,
    ) {
        let [latest, other] = *recent;
        let is = |word: Option<(&'static str, usize)>| {
            word.filter(|(w, _)| std::ptr::eq(*w, words))
                .map(|(_, i)| i)
        };
        let known = is(latest).or_else(|| is(other));
        let kept = known.or_else(|| {
            self.written
                .iter()
                .position(|(w, _)| std::ptr::eq(*w, words))
        });
        let at = match kept.and_then(|i| self.written.get(i).map(|(_, f)| (i, f))) {
            Some((i, field)) => {
                field.append_to(text);
                i
            }
            None => {
                let start = text.len();
                csv.field(text, neutralise_formula(words).as_bytes());
                if self.written.len() >= Words::MOST {
                    return;
                }
                let field = text.get(start..).unwrap_or_default().to_vec();
                self.written.push((words, Field::new(field)));
                self.written.len().saturating_sub(1)
            }
        };
        if is(latest).is_none() {
            *recent = [Some((words, at)), latest];
        }
    }
}

/// The last two of the program's words written in a column, the latest
/// first, each with where [`Words`] keeps its field.
type Recent = [Option<(&'static str, usize)>; 2];

impl Record {
    /// Appends a header record of column keys to `text`.
    fn header<'k>(&mut self, text: &mut Vec<u8>, keys: impl IntoIterator<Item = &'k str>) {
        let start = text.len();
        for (i, key) in keys.into_iter().enumerate() {
            if i > 0 {
                text.push(self.csv.delimiter);
            }
            self.csv.field(text, key.as_bytes());
        }
        self.csv.end(text, start);
    }

    /// Forgets where the fields of the row before stand, once the text that
    /// holds them is gone.
    fn forget(&mut self) {
        for place in &mut self.before {
            place.written = None;
        }
    }

    /// Appends one CSV record to `text`: `first` (the section's name, as it
    /// is) if any, then the `fields` of a row, text neutralised against
    /// spreadsheet formulas, numbers as plain decimals; the csv crate
    /// quotes each field as it must.
    fn write(&mut self, text: &mut Vec<u8>, first: Option<&str>, fields: &Fields, row: &[Cell]) {
        let Record {
            csv,
            number,
            before,
            words: program_words,
        } = self;
        let start = text.len();
        let count = fields
            .columns
            .len()
            .saturating_add(usize::from(first.is_some()));
        before.resize_with(count, Place::default);
        let mut places = before.iter_mut();
        if let Some(first) = first
            && let Some(place) = places.next()
        {
            csv.repeated(text, place, first.as_bytes());
        }
        for (n, (&field, place)) in fields.columns.iter().zip(places).enumerate() {
            if n > 0 || first.is_some() {
                text.push(csv.delimiter);
            }
            let (cell, rounding) = match field {
                Some((i, rounding)) => (row.get(i), rounding),
                None => (None, Rounding::Nearest),
            };
            match cell {
                Some(Cell::Text(Text::Static(words)) | Cell::Marked(Text::Static(words), _)) => {
                    // The place keeps the column's text before: a name
                    // that alternates with words is copied from there.
                    program_words.write(csv, text, &mut place.words, words);
                }
                Some(Cell::Text(words) | Cell::Marked(words, _)) => {
                    csv.repeated(text, place, neutralise_formula(words).as_bytes());
                }
                Some(Cell::Empty | Cell::Number(None)) | None => csv.empty(text),
                Some(cell) => match machine_number(cell, rounding) {
                    Some((d, rounding)) => {
                        // Written in place, then quoted if the crate says so.
                        let at = text.len();
                        push_machine_bytes(text, d, fields.digits, rounding);
                        csv.written(text, at);
                    }
                    None => {
                        let words = machine_str(cell, number, fields.digits, rounding);
                        csv.field(text, words.unwrap_or_default().as_bytes());
                    }
                },
            }
        }
        csv.end(text, start);
    }
}

/// Where the last text field of a column stands in the text, and the
/// field as it was given when the crate quoted it (else it is the text);
/// the program's words last written in the column.
#[derive(Clone, Default)]
struct Place {
    written: Option<Range<usize>>,
    quoted: bool,
    given: Vec<u8>,
    words: Recent,
}

/// The csv crate's core writer (`csv_core`, with the defaults of the csv
/// crate's writer), which decides which fields to quote and escapes them as
/// the csv crate's writer does, writing straight into memory.
struct Encoder {
    core: csv_core::Writer,
    delimiter: u8,
    /// What the core writes to end a record that has text, and one that
    /// has none (a lone empty field, which it writes as `""`).
    end: Vec<u8>,
    empty_end: Vec<u8>,
    /// An empty field as [`Encoder::field`] writes it (decided once).
    empty: Vec<u8>,
}

impl Encoder {
    fn new() -> Encoder {
        let core = csv_core::WriterBuilder::new().build();
        let mut room = [0u8; 8];
        let mut ending = core.clone();
        let (_, _, before) = ending.field(b"x", &mut room);
        let (_, after) = ending.terminator(room.get_mut(before..).unwrap_or_default());
        let end = room.get(before..before.saturating_add(after));
        let end = end.unwrap_or_default().to_vec();
        let (_, after) = core.clone().terminator(&mut room);
        let empty_end = room.get(..after).unwrap_or_default().to_vec();
        let mut encoder = Encoder {
            delimiter: core.get_delimiter(),
            core,
            end,
            empty_end,
            empty: Vec::new(),
        };
        let mut empty = Vec::new();
        encoder.field(&mut empty, b"");
        encoder.empty = empty;
        encoder
    }

    /// Appends an empty field as [`Encoder::field`] does.
    fn empty(&self, text: &mut Vec<u8>) {
        text.extend_from_slice(&self.empty);
    }

    /// Appends a field as the csv crate writes it: as it is, or, where the
    /// crate says it must be quoted, in quotes and escaped by the crate.
    /// Whether it was quoted.
    fn field(&self, text: &mut Vec<u8>, field: &[u8]) -> bool {
        if !self.core.should_quote(field) {
            text.extend_from_slice(field);
            return false;
        }
        let quote = self.core.get_quote();
        text.push(quote);
        let start = text.len();
        // The crate writes at most two bytes for each (every one a quote).
        text.resize(start.saturating_add(field.len().saturating_mul(2)), 0);
        let written = text.get_mut(start..).map_or(0, |room| {
            let (escape, double) = (self.core.get_escape(), self.core.get_double_quote());
            csv_core::quote(field, room, quote, escape, double).2
        });
        text.truncate(start.saturating_add(written));
        text.push(quote);
        true
    }

    /// Makes the field from `start` to the end of the text, written there
    /// as it is, what [`Encoder::field`] writes for it: quoted where the
    /// crate says it must be.
    fn written(&self, text: &mut Vec<u8>, start: usize) {
        if self
            .core
            .should_quote(text.get(start..).unwrap_or_default())
        {
            let field = text.split_off(start);
            self.field(text, &field);
        }
    }

    /// Appends a field as [`Encoder::field`] does, copying what the crate
    /// wrote for the field at `place` in the row before when this one is
    /// the same (the crate writes the same field the same way); `place`
    /// then becomes this field's.
    fn repeated(&self, text: &mut Vec<u8>, place: &mut Place, field: &[u8]) {
        let start = text.len();
        let before = place.written.clone().filter(|at| at.end <= start);
        let same = before.clone().is_some_and(|at| match place.quoted {
            true => place.given == field,
            false => text.get(at) == Some(field),
        });
        match before {
            Some(at) if same => text.extend_from_within(at),
            _ => {
                place.quoted = self.field(text, field);
                if place.quoted {
                    place.given.clear();
                    place.given.extend_from_slice(field);
                }
            }
        }
        place.written = Some(start..text.len());
    }

    /// Ends the record that starts at `start` in the text.
    fn end(&self, text: &mut Vec<u8>, start: usize) {
        if text.len() > start {
            text.extend_from_slice(&self.end);
        } else {
            text.extend_from_slice(&self.empty_end);
        }
    }
}

/// A CSV text cell a spreadsheet would run as a formula gets a leading `'`,
/// as spreadsheet vendors recommend: one whose first character other than
/// white space or a control character is `=`, `+`, `-` or `@`, or whose first is a tab or a
/// carriage return, unless it is a plain decimal. Numbers are never text
/// cells. Every other text is carried exactly, control characters too (CSV
/// is for programs; the CSV format quotes what it must), so that a reader
/// gets the dataset's text back by dropping a `'` that comes before such a
/// formula. Text that needs no `'` is returned as it is.
#[inline]
pub fn neutralise_formula(text: &str) -> Cow<'_, str> {
    // Most text starts with a printable ASCII character other than a
    // formula's first: it is carried as it is, without decoding it.
    if let Some(&first) = text.as_bytes().first()
        && first.is_ascii_graphic()
        && !matches!(first, b'=' | b'+' | b'-' | b'@')
    {
        return Cow::Borrowed(text);
    }
    neutralise_decoded(text)
}

/// [`neutralise_formula`] of text whose first byte does not settle it.
fn neutralise_decoded(text: &str) -> Cow<'_, str> {
    let start = text.trim_start_matches(|c: char| c.is_whitespace() || c.is_control());
    let formula = (matches!(text.chars().next(), Some('\t' | '\r'))
        || matches!(start.chars().next(), Some('=' | '+' | '-' | '@')))
        && start.parse::<Decimal>().is_err();
    if formula {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The program's words a test row may hold.
    const WORDS: [&str; 4] = ["false", "a,b", "=x", ""];

    /// The cell `i` of a test row: a text of the pool, the program's words
    /// (from 8) or nothing (from 12).
    fn cell(i: &usize, text: &impl Fn(&usize) -> String) -> Cell {
        match i.checked_sub(8) {
            None => Cell::from(text(i)),
            Some(w) => WORDS
                .get(w)
                .map_or(Cell::Empty, |w| Cell::Text(Text::Static(w))),
        }
    }

    /// The records of `shape`, each field a text of `pool`, the program's
    /// words or nothing, as
    /// `Record::write` writes them (each with a first field if it has one),
    /// and as the csv crate's writer writes the same texts neutralised.
    fn both(pool: &[String], shape: &[(Option<usize>, Vec<usize>)]) -> (Vec<u8>, Vec<u8>) {
        let text = |i: &usize| pool[i % pool.len()].clone();
        let mut ours = Vec::new();
        let mut record = Record::default();
        let mut theirs = ::csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(Vec::new());
        for (first, fields) in shape {
            let first = first.as_ref().map(text);
            let columns = (0..fields.len())
                .map(|i| Some((i, Rounding::Nearest)))
                .collect();
            let row: Vec<Cell> = fields.iter().map(|i| cell(i, &text)).collect();
            let digits = Digits::default();
            let fields = Fields { columns, digits };
            record.write(&mut ours, first.as_deref(), &fields, &row);
            let mut texts: Vec<String> = first.into_iter().collect();
            texts.extend(row.iter().map(|cell| match cell {
                Cell::Text(words) => neutralise_formula(words).into_owned(),
                Cell::Empty => String::new(),
                _ => unreachable!(),
            }));
            theirs.write_record(&texts).unwrap();
        }
        (ours, theirs.into_inner().unwrap())
    }

    #[test]
    fn a_lone_empty_field_is_quoted_as_the_crate_does() {
        let pool = [String::new(), "a".to_string()];
        for shape in [
            vec![(None, vec![0])],
            vec![(None, vec![])],
            vec![(Some(0), vec![])],
            vec![(None, vec![0, 0]), (None, vec![0]), (None, vec![1])],
        ] {
            let (ours, theirs) = both(&pool, &shape);
            assert_eq!(String::from_utf8(ours), String::from_utf8(theirs));
        }
        assert_eq!(both(&pool, &[(None, vec![0])]).0, b"\"\"\n");
    }

    proptest::proptest! {
        /// Records written field by field into memory, a field the same as
        /// the one above it copied, are the csv crate writer's bytes:
        /// quotes, commas, line ends, empty fields and all.
        #[test]
        fn records_are_the_csv_crates(
            pool in proptest::collection::vec("[a, \"\n\r=-]{0,5}", 1..6),
            shape in proptest::collection::vec(
                (
                    proptest::option::of(0usize..8),
                    proptest::collection::vec(0usize..13, 0..6),
                ),
                0..12,
            ),
        ) {
            let (ours, theirs) = both(&pool, &shape);
            proptest::prop_assert_eq!(String::from_utf8(ours), String::from_utf8(theirs));
        }
    }

    /// A listing of one column, `n`, whose parts are made by `make`.
    fn parts_written(parts: usize, threads: usize, make: &MakePart<'_>) -> (String, Result<()>) {
        let listing = Listing {
            name: "parts",
            title: String::new(),
            meta: Vec::new(),
            columns: vec![crate::listing::Column::text("n", "n")],
            rows: Vec::new(),
            notes: Vec::new(),
        };
        let mut out = Vec::new();
        let done = write_parts(&mut out, &listing, parts, make, threads, Digits::default());
        (String::from_utf8(out).unwrap(), done)
    }

    #[test]
    fn parts_are_written_in_order_however_long_each_takes() {
        // Parts of uneven weight, so that threads finish them out of order.
        let make: MakePart<'_> = Box::new(|part, each| {
            std::thread::sleep(std::time::Duration::from_millis(((part * 7) % 5) as u64));
            (0..part % 3 + 1).try_for_each(|i| each(&[Cell::from(format!("{part}.{i}"))]))
        });
        let expected: String = std::iter::once("n\n".to_string())
            .chain((0..40).flat_map(|part| (0..part % 3 + 1).map(move |i| format!("{part}.{i}\n"))))
            .collect();
        for threads in [1, 2, 3, 8] {
            let (out, done) = parts_written(40, threads, &make);
            assert!(done.is_ok());
            assert_eq!(out, expected, "{threads} threads");
        }
    }

    #[test]
    fn parts_stop_at_the_first_error_in_order() {
        let make: MakePart<'_> = Box::new(|part, each| {
            each(&[Cell::from(format!("{part}"))])?;
            match part {
                // A later part fails first in time; the earlier one is the error.
                9 => Err(Error::Usage("nine".into())),
                5 => {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                    Err(Error::Usage("five".into()))
                }
                _ => Ok(()),
            }
        });
        let (out, done) = parts_written(12, 2, &make);
        assert_eq!(out, "n\n0\n1\n2\n3\n4\n5\n");
        assert!(matches!(done, Err(Error::Usage(m)) if m == "five"));
    }
}
