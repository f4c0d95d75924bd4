//! CSV: a header row of column keys, then one record per row, numbers as
//! plain decimals ([`crate::text::push_machine`]), text neutralised against
//! spreadsheet formulas; rows are written as they come. A report of several
//! sections is one table whose first column names each row's section.

use std::borrow::Cow;
use std::io::{self, Write};

use rust_decimal::Decimal;

use super::cell::machine_str;
use super::visible_columns;
use crate::error::{Error, Result};
use crate::listing::{Cell, Listing, MakePart, Section};
use crate::text::{Digits, Rounding};

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
    let mut writer = csv_writer(out);
    let header = std::iter::once(SECTION).chain(keys.iter().copied());
    writer.write_record(header).map_err(csv_error)?;
    let mut record = Record::default();
    for (section, rows) in sections {
        let fields = Fields::under(&section, &keys, digits);
        let made = rows(&mut |row: &[Cell]| {
            record
                .write(&mut writer, Some(section.name), &fields, row)
                .map_err(Error::Output)
        });
        if let Err(error) = made {
            // The rows before an error stay written.
            writer.flush().map_err(Error::Output)?;
            return Err(error);
        }
    }
    writer.flush().map_err(Error::Output)
}

/// Writes the header, then each row as the section makes it.
pub(super) fn write(out: &mut dyn Write, section: Section<'_>, digits: Digits) -> Result<()> {
    let (listing, rows) = section.into_parts();
    let fields = Fields::of(&listing, digits);
    let mut writer = csv_writer(out);
    let header = fields
        .columns
        .iter()
        .filter_map(|&field| listing.columns.get(field?.0))
        .map(|c| c.key.as_bytes());
    writer.write_record(header).map_err(csv_error)?;
    let mut record = Record::default();
    let made = rows(&mut |row: &[Cell]| {
        record
            .write(&mut writer, None, &fields, row)
            .map_err(Error::Output)
    });
    // The rows before an error stay written.
    writer.flush().map_err(Error::Output)?;
    made
}

/// Writes the header, then the rows of a section made in `parts` parts, by
/// `threads` threads at once, in the order of the parts. Part `i` is made by
/// thread `i % threads`, which keeps at most a few made parts waiting: the
/// parts come back in order, and memory stays a few parts however many
/// there are. The rows stop at the first error met in making them.
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
    std::thread::scope(|scope| {
        let mut made = Vec::with_capacity(threads);
        for thread in 0..threads {
            let (send, receive) = std::sync::mpsc::sync_channel(1);
            made.push(receive);
            let fields = &fields;
            scope.spawn(move || {
                for part in (thread..parts).step_by(threads) {
                    if send.send(csv_part(fields, make, part)).is_err() {
                        return;
                    }
                }
            });
        }
        for part in 0..parts {
            let thread = part.checked_rem(threads).unwrap_or(0);
            let Some(Ok((bytes, failure))) = made.get(thread).map(|m| m.recv()) else {
                return Err(Error::Output(io::Error::other(
                    "a part of the rows was lost",
                )));
            };
            out.write_all(&bytes).map_err(Error::Output)?;
            if let Some(error) = failure {
                return Err(error);
            }
        }
        Ok(())
    })
}

/// The CSV rows of one part (no header), up to an error if there is one.
fn csv_part(fields: &Fields, make: &MakePart<'_>, part: usize) -> (Vec<u8>, Option<Error>) {
    // Room for a part's rows, so that the text is not copied as it grows.
    let mut writer = csv_writer(Vec::with_capacity(4 << 20));
    let mut record = Record::default();
    let made = make(part, &mut |row: &[Cell]| {
        record
            .write(&mut writer, None, fields, row)
            .map_err(Error::Output)
    });
    // Writing into memory cannot fail but for lack of it.
    let text = writer.into_inner().unwrap_or_default();
    (text, made.err())
}

/// A CSV error as the crate's: the output failed.
fn csv_error(error: csv::Error) -> Error {
    Error::Output(csv_io(error))
}

/// The I/O error inside a CSV error, so that a closed pipe stays a closed
/// pipe for the caller.
fn csv_io(error: csv::Error) -> io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(error) => error,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// The csv crate's writer, with its defaults (quoting only where needed).
fn csv_writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .buffer_capacity(1 << 16)
        .from_writer(out)
}

/// A CSV record as it is made, kept from row to row so that its room is
/// reused: its fields, and the text of a number.
#[derive(Default)]
struct Record {
    fields: csv::ByteRecord,
    number: String,
}

impl Record {
    /// Writes one CSV record: `first` (the section's name, as it is) if
    /// any, then the `fields` of a row, text neutralised against
    /// spreadsheet formulas, numbers as plain decimals. The record is
    /// written whole (the csv crate quotes each field as it must).
    fn write<W: Write>(
        &mut self,
        writer: &mut csv::Writer<W>,
        first: Option<&str>,
        fields: &Fields,
        row: &[Cell],
    ) -> io::Result<()> {
        let Record {
            fields: record,
            number,
        } = self;
        record.clear();
        if let Some(first) = first {
            record.push_field(first.as_bytes());
        }
        for &field in &fields.columns {
            let (cell, rounding) = match field {
                Some((i, rounding)) => (row.get(i), rounding),
                None => (None, Rounding::Nearest),
            };
            match cell {
                Some(Cell::Text(text) | Cell::Marked(text, _)) => {
                    record.push_field(neutralise_formula(text).as_bytes());
                }
                Some(cell) => {
                    let text = machine_str(cell, number, fields.digits, rounding);
                    record.push_field(text.unwrap_or_default().as_bytes());
                }
                None => record.push_field(b""),
            }
        }
        writer.write_byte_record(record).map_err(csv_io)
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
pub fn neutralise_formula(text: &str) -> Cow<'_, str> {
    // Most text starts with a printable ASCII character other than a
    // formula's first: it is carried as it is, without decoding it.
    if let Some(&first) = text.as_bytes().first()
        && first.is_ascii_graphic()
        && !matches!(first, b'=' | b'+' | b'-' | b'@')
    {
        return Cow::Borrowed(text);
    }
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
