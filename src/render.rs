//! Renderers: a [`Listing`] as a table for people, or as CSV, JSON or
//! Markdown for machines. Adding a format touches this file only.
//!
//! - Tables and Markdown print no more digits than an interval justifies,
//!   group thousands, and mark bounds (`>`, `≥`, `<`, `≤`, `≈`).
//! - CSV and JSON carry full-precision decimals (JSON as strings), with
//!   `low`/`high` empty or `null` for an unbounded side.
//! - Text from a dataset is untrusted: control characters never reach a
//!   terminal, and a CSV text cell that a spreadsheet would run as a formula
//!   is neutralised.

use std::borrow::Cow;
use std::cell::RefCell;
use std::io::{self, Write};

use comfy_table::{
    Attribute, CellAlignment, Color, ColumnConstraint, ContentArrangement, Table, presets,
};
use rust_decimal::Decimal;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::{Map, Value};

use crate::listing::{Cell, Listing, Record, Show, Tone};
use crate::text;

/// An output format.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned tables for people.
    #[default]
    Table,
    /// CSV with a header row, plain full-precision numbers.
    Csv,
    /// JSON with numbers as strings of decimals.
    Json,
    /// GitHub-flavoured Markdown tables.
    Markdown,
}

/// How to render.
#[derive(Clone, Copy, Debug, Default)]
pub struct RenderOptions {
    /// The format.
    pub format: Format,
    /// Decimals to print in tables, overriding what intervals justify.
    pub precision: Option<u32>,
    /// Colour in tables (decided by the caller: a terminal, no `NO_COLOR`).
    pub color: bool,
    /// The terminal's width: tables wrap long cells to fit it. `None` (a
    /// pipe, a file) lays every row on one line.
    pub width: Option<u16>,
}

/// Columns whose every cell is at most this wide are never wrapped.
const UNWRAPPED_WIDTH: usize = 16;

/// Renders one listing.
pub fn render_listing(
    out: &mut dyn Write,
    listing: &Listing,
    options: &RenderOptions,
) -> io::Result<()> {
    match options.format {
        Format::Table => write_table(out, listing, options, false),
        Format::Markdown => write_table(out, listing, options, true),
        Format::Csv | Format::Json => render_rows(out, listing, listing.rows.iter(), options),
    }
}

/// Renders a listing whose rows come one at a time (`listing.rows` is left
/// out): CSV and JSON are written row by row, so that a listing of millions
/// of rows is never held whole; tables and Markdown, which align their
/// columns, gather the rows first.
///
/// The rows may stop early (an error met while making them, which the
/// caller keeps): what was written stays written.
pub fn render_rows<R: AsRef<[Cell]>>(
    out: &mut dyn Write,
    listing: &Listing,
    rows: impl Iterator<Item = R>,
    options: &RenderOptions,
) -> io::Result<()> {
    match options.format {
        Format::Table | Format::Markdown => {
            let mut gathered = Listing {
                rows: Vec::new(),
                ..listing.clone()
            };
            gathered.rows = rows.map(|row| row.as_ref().to_vec()).collect();
            let markdown = options.format == Format::Markdown;
            write_table(out, &gathered, options, markdown)
        }
        Format::Csv => write_csv(out, listing, rows),
        Format::Json => {
            let json = ListingJson::new(listing, rows);
            serde_json::to_writer_pretty(&mut *out, &json)?;
            writeln!(out)
        }
    }
}

/// Renders rows made in parts (`make(i)` gives the rows of part `i`), the
/// parts written in order. CSV parts are made by up to `threads` threads at
/// once, each taking whole parts, so that a listing of millions of rows
/// takes every core; other formats take the parts one after another.
///
/// The rows stop at the first error met in making them (in the order of the
/// rows), which is returned: the rows before it are written.
pub fn render_parts<E, R, I, F>(
    out: &mut dyn Write,
    listing: &Listing,
    parts: usize,
    make: F,
    threads: usize,
    options: &RenderOptions,
) -> io::Result<Option<E>>
where
    E: Send,
    R: AsRef<[Cell]>,
    I: Iterator<Item = Result<R, E>>,
    F: Fn(usize) -> I + Sync,
{
    let threads = threads.clamp(1, parts.max(1));
    if options.format != Format::Csv || threads == 1 {
        let mut failure = None;
        let rows = (0..parts)
            .flat_map(&make)
            .map_while(|row| row.map_err(|e| failure = Some(e)).ok());
        render_rows(out, listing, rows, options)?;
        return Ok(failure);
    }
    let columns = visible_columns(listing, false);
    write_csv(&mut *out, listing, std::iter::empty::<Vec<Cell>>())?;
    std::thread::scope(|scope| {
        // Part `i` is made by thread `i % threads`, which keeps at most a
        // few made parts waiting (enough for one thread to run ahead of
        // another): the parts come back in order, and memory stays a few
        // parts however many there are.
        let mut made = Vec::with_capacity(threads);
        for thread in 0..threads {
            let (send, receive) = std::sync::mpsc::sync_channel(4);
            made.push(receive);
            let (make, columns) = (&make, &columns);
            scope.spawn(move || {
                for part in (thread..parts).step_by(threads) {
                    if send.send(csv_part(columns, make(part))).is_err() {
                        return;
                    }
                }
            });
        }
        for part in 0..parts {
            let thread = part.checked_rem(threads).unwrap_or(0);
            let Some(Ok((bytes, failure))) = made.get(thread).map(|m| m.recv()) else {
                return Err(io::Error::other("a part of the rows was lost"));
            };
            out.write_all(&bytes)?;
            if failure.is_some() {
                return Ok(failure);
            }
        }
        Ok(None)
    })
}

/// The CSV rows of one part (no header), up to an error if there is one.
fn csv_part<E, R: AsRef<[Cell]>>(
    columns: &[usize],
    mut rows: impl Iterator<Item = Result<R, E>>,
) -> (Vec<u8>, Option<E>) {
    use std::ops::ControlFlow;
    // Room for a part's rows, so that the text is not copied as it grows
    // (pages not written to are not taken).
    let mut writer = csv_writer(Vec::with_capacity(4 << 20));
    let mut number = String::new();
    let mut failure = None;
    let mut written = Ok(());
    // Taken by the iterator itself (rows are large, and are then not moved
    // through each of its adapters).
    let _ = rows.try_for_each(|row| match row {
        Ok(row) => {
            written = push_csv_row(&mut writer, columns, row.as_ref(), &mut number);
            if written.is_ok() {
                ControlFlow::Continue(())
            } else {
                ControlFlow::Break(())
            }
        }
        Err(e) => {
            failure = Some(e);
            ControlFlow::Break(())
        }
    });
    // Writing into memory cannot fail but for lack of it.
    let text = match (written, writer.into_inner()) {
        (Ok(()), Ok(text)) => text,
        _ => Vec::new(),
    };
    (text, failure)
}

/// Renders a report of several sections.
pub fn render_report(
    out: &mut dyn Write,
    name: &str,
    sections: &[Listing],
    options: &RenderOptions,
) -> io::Result<()> {
    match options.format {
        Format::Json => {
            let report = ReportJson { name, sections };
            serde_json::to_writer_pretty(&mut *out, &report)?;
            writeln!(out)
        }
        _ => {
            for (n, section) in sections.iter().enumerate() {
                if n > 0 {
                    writeln!(out)?;
                }
                render_listing(out, section, options)?;
            }
            Ok(())
        }
    }
}

/// Lines drawn for people after the section named `after` (a chart), in
/// tables as they are and in Markdown as a code block; never in CSV or JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Illustration {
    /// The name of the listing it follows.
    pub after: &'static str,
    /// Its lines.
    pub lines: Vec<String>,
}

/// Renders a report of several sections, each followed, for people, by the
/// illustrations that belong to it.
pub fn render_report_illustrated(
    out: &mut dyn Write,
    name: &str,
    sections: &[Listing],
    illustrations: &[Illustration],
    options: &RenderOptions,
) -> io::Result<()> {
    let markdown = match options.format {
        Format::Table => false,
        Format::Markdown => true,
        Format::Csv | Format::Json => return render_report(out, name, sections, options),
    };
    for (n, section) in sections.iter().enumerate() {
        if n > 0 {
            writeln!(out)?;
        }
        render_listing(out, section, options)?;
        for illustration in illustrations.iter().filter(|i| i.after == section.name) {
            writeln!(out)?;
            if markdown {
                writeln!(out, "```text")?;
            }
            for line in &illustration.lines {
                // A fence inside the block would end it early.
                writeln!(out, "{}", clean_terminal(line).replace('`', "'"))?;
            }
            if markdown {
                writeln!(out, "```")?;
            }
        }
    }
    Ok(())
}

fn visible_columns(listing: &Listing, people: bool) -> Vec<usize> {
    listing
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| match c.show {
            Show::Everywhere => true,
            Show::People => people,
            Show::Machines => !people,
        })
        .map(|(i, _)| i)
        .collect()
}

fn write_table(
    out: &mut dyn Write,
    listing: &Listing,
    options: &RenderOptions,
    markdown: bool,
) -> io::Result<()> {
    let title = clean_terminal(&listing.title);
    let color = options.color && !markdown;
    if markdown {
        writeln!(out, "## {}\n", escape_markdown(&title))?;
    } else if color {
        writeln!(out, "\u{1b}[1m{title}\u{1b}[0m")?;
    } else {
        writeln!(out, "{title}")?;
    }
    for (key, value) in &listing.meta {
        let line = format!("{key}: {}", clean_terminal(value));
        if markdown {
            writeln!(out, "- {}", escape_markdown(&line))?;
        } else {
            writeln!(out, "  {line}")?;
        }
    }
    if markdown && !listing.meta.is_empty() {
        writeln!(out)?;
    }
    let columns = visible_columns(listing, true);
    if listing.rows.is_empty() {
        writeln!(out, "{}", if markdown { "_(none)_" } else { "  (none)" })?;
    } else {
        let mut table = Table::new();
        table.force_no_tty();
        if color {
            table.enforce_styling();
        }
        if markdown {
            table.load_style(presets::ASCII_MARKDOWN);
        } else {
            table.load_style(presets::UTF8_FULL_CONDENSED);
            match options.width {
                Some(width) => {
                    table
                        .set_content_arrangement(ContentArrangement::Dynamic)
                        .set_width(width);
                }
                None => {
                    table.set_content_arrangement(ContentArrangement::Disabled);
                }
            }
        }
        let header: Vec<comfy_table::Cell> = columns
            .iter()
            .filter_map(|&i| listing.columns.get(i))
            .map(|c| {
                let cell = comfy_table::Cell::new(c.header);
                if color {
                    cell.add_attribute(Attribute::Bold)
                } else {
                    cell
                }
            })
            .collect();
        table.set_header(header);
        for row in &listing.rows {
            let cells: Vec<comfy_table::Cell> = columns
                .iter()
                .map(|&i| {
                    let cell = row.get(i);
                    let text = cell.map_or_else(String::new, |c| people_text(c, options));
                    let text = if markdown {
                        escape_markdown(&text)
                    } else {
                        text
                    };
                    let styled = comfy_table::Cell::new(text);
                    match (color, cell.and_then(tone)) {
                        (true, Some(Tone::Good)) => styled.fg(Color::Green),
                        (true, Some(Tone::Warn)) => styled.fg(Color::Yellow),
                        (true, Some(Tone::Bad)) => {
                            styled.fg(Color::Red).add_attribute(Attribute::Bold)
                        }
                        (true, Some(Tone::Dim)) => styled.add_attribute(Attribute::Dim),
                        _ => styled,
                    }
                })
                .collect();
            table.add_row(cells);
        }
        for (position, &i) in columns.iter().enumerate() {
            let numeric = listing.columns.get(i).is_some_and(|c| c.numeric);
            // Numbers and short names never wrap; prose columns take the rest.
            let widest = listing
                .rows
                .iter()
                .filter_map(|row| row.get(i))
                .map(|cell| people_text(cell, options).chars().count())
                .max()
                .unwrap_or(0);
            if let Some(column) = table.column_mut(position) {
                if numeric {
                    column.set_cell_alignment(CellAlignment::Right);
                }
                if numeric || widest <= UNWRAPPED_WIDTH {
                    column.set_constraint(ColumnConstraint::ContentWidth);
                }
            }
        }
        writeln!(out, "{table}")?;
    }
    for note in &listing.notes {
        let note = clean_terminal(note);
        if markdown {
            writeln!(out, "\n{}", escape_markdown(&note))?;
        } else {
            writeln!(out, "{note}")?;
        }
    }
    Ok(())
}

/// The tone a cell shows in colour: its own mark, or dim for `n/m`.
fn tone(cell: &Cell) -> Option<Tone> {
    match cell {
        Cell::Marked(_, tone) => Some(*tone),
        Cell::Text(text) if *text == "n/m" => Some(Tone::Dim),
        _ => None,
    }
}

fn people_text(cell: &Cell, options: &RenderOptions) -> String {
    match cell {
        Cell::Text(text) | Cell::Marked(text, _) => clean_terminal(text),
        Cell::Number(Some(d)) => text::number(*d),
        Cell::Number(None) | Cell::Empty => String::new(),
        Cell::Value(figure) => text::figure(figure, options.precision),
        Cell::Interval(figure) => text::interval(figure, options.precision),
        Cell::Records(records) => records
            .iter()
            .map(|record| record_people_text(record, options))
            .filter(|text| !text.is_empty())
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// A record's fields for people, non-empty ones joined by spaces.
fn record_people_text(record: &Record, options: &RenderOptions) -> String {
    record
        .fields
        .iter()
        .filter(|(column, _)| column.show != Show::Machines)
        .map(|(_, cell)| people_text(cell, options))
        .filter(|text| !text.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text safe for a terminal: control characters (escape sequences, carriage
/// returns, bells) removed, line breaks and tabs turned into spaces.
pub fn clean_terminal(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\t' => Some(' '),
            c if c.is_control() => None,
            // Bidirectional overrides can make a terminal line lie about its order.
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => None,
            c => Some(c),
        })
        .collect()
}

fn escape_markdown(text: &str) -> String {
    text.replace('\\', "\\\\").replace('|', "\\|")
}

/// A CSV text cell a spreadsheet would run as a formula gets a leading `'`,
/// as spreadsheet vendors recommend; numbers are never text cells.
/// Control characters other than newline and tab are dropped. Text that
/// needs neither is returned as it is.
pub fn neutralise_formula(text: &str) -> Cow<'_, str> {
    let kept = |c: &char| *c == '\n' || !c.is_control() || *c == '\t';
    let formula = |text: &str| {
        matches!(
            text.chars().next(),
            Some('=' | '+' | '-' | '@' | '\t' | '\r')
        ) && text.parse::<Decimal>().is_err()
    };
    // Looked for in the bytes: a control character is a byte below a space
    // or DEL, or (U+0080 to U+009F) 0xC2 followed by 0x80 to 0x9F.
    let bytes = text.as_bytes();
    let controls = any_word(bytes, |w| below(w, 0x20) | has(w, 0x7F) | has(w, 0xC2))
        && bytes.iter().enumerate().any(|(i, &b)| match b {
            b'\n' | b'\t' => false,
            0x00..=0x1F | 0x7F => true,
            0xC2 => matches!(bytes.get(i.saturating_add(1)), Some(0x80..=0x9F)),
            _ => false,
        });
    if !controls && !formula(text) {
        return Cow::Borrowed(text);
    }
    let cleaned: String = text.chars().filter(kept).collect();
    if formula(&cleaned) {
        Cow::Owned(format!("'{cleaned}"))
    } else {
        Cow::Owned(cleaned)
    }
}

/// A cell's text for machines, `None` for nothing: text as it is, numbers
/// written into `buffer` at full precision.
fn machine_str<'c>(cell: &'c Cell, buffer: &'c mut String) -> Option<&'c str> {
    use std::fmt::Write as _;
    buffer.clear();
    match cell {
        Cell::Text(text) | Cell::Marked(text, _) => return Some(text),
        Cell::Number(Some(d)) => text::push_plain(buffer, *d),
        Cell::Number(None) | Cell::Empty => return None,
        Cell::Value(f) | Cell::Interval(f) => text::push_plain(buffer, f.value.point()),
        Cell::Records(_) => write!(buffer, "{}", machine_value(cell)).ok()?,
    }
    Some(buffer)
}

/// Whether `test` finds what it looks for in the bytes, taken eight at a
/// time as one word (the last few padded with a byte it does not look for).
fn any_word(bytes: &[u8], test: impl Fn(u64) -> bool) -> bool {
    let mut words = bytes.chunks_exact(8);
    let found = words
        .by_ref()
        .any(|word| <[u8; 8]>::try_from(word).is_ok_and(|w| test(u64::from_le_bytes(w))));
    let rest = words.remainder();
    let mut last = [b'a'; 8];
    if let Some(start) = last.get_mut(..rest.len()) {
        start.copy_from_slice(rest);
    }
    found || test(u64::from_le_bytes(last))
}

/// Eight copies of a byte.
const fn spread(byte: u8) -> u64 {
    u64::from_le_bytes([byte; 8])
}

/// Whether any byte of `word` is `byte` (exact: the classic zero-byte test
/// on `word ^ byte…`).
fn has(word: u64, byte: u8) -> bool {
    let x = word ^ spread(byte);
    x.wrapping_sub(spread(1)) & !x & spread(0x80) != 0
}

/// Whether any byte of `word` is below `n` (exact for `n` up to 128).
fn below(word: u64, n: u8) -> bool {
    word.wrapping_sub(spread(n)) & !word & spread(0x80) != 0
}

fn machine_text(cell: &Cell) -> Option<String> {
    machine_str(cell, &mut String::new()).map(str::to_string)
}

/// A cell as a JSON value: text and numbers as strings (`null` for none),
/// records as an array of objects of their machine fields.
fn machine_value(cell: &Cell) -> Value {
    match cell {
        Cell::Records(records) => Value::Array(
            records
                .iter()
                .map(|record| {
                    let mut fields = Map::new();
                    for (column, cell) in &record.fields {
                        if column.show != Show::People {
                            fields.insert(column.key.into(), machine_value(cell));
                        }
                    }
                    Value::Object(fields)
                })
                .collect(),
        ),
        other => machine_text(other).map_or(Value::Null, Value::String),
    }
}

fn write_csv<R: AsRef<[Cell]>>(
    out: &mut dyn Write,
    listing: &Listing,
    rows: impl Iterator<Item = R>,
) -> io::Result<()> {
    let columns = visible_columns(listing, false);
    let mut writer = csv_writer(out);
    let header = columns
        .iter()
        .filter_map(|&i| listing.columns.get(i))
        .map(|c| c.key.as_bytes());
    writer.write_record(header).map_err(csv_io)?;
    let mut number = String::new();
    for row in rows {
        push_csv_row(&mut writer, &columns, row.as_ref(), &mut number)?;
    }
    writer.flush()
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

/// Writes one CSV record of the `columns` of a row: text neutralised
/// against spreadsheet formulas, numbers as plain decimals.
fn push_csv_row<W: Write>(
    writer: &mut csv::Writer<W>,
    columns: &[usize],
    row: &[Cell],
    number: &mut String,
) -> io::Result<()> {
    for &i in columns {
        match row.get(i) {
            Some(Cell::Text(text) | Cell::Marked(text, _)) => {
                writer.write_field(neutralise_formula(text).as_bytes())
            }
            Some(cell) => writer.write_field(machine_str(cell, number).unwrap_or_default()),
            None => writer.write_field(b""),
        }
        .map_err(csv_io)?;
    }
    writer.write_record(None::<&[u8]>).map_err(csv_io)
}

/// A listing as JSON, its rows serialized as they come: `report`, the
/// settings, then `rows`, one object per row of the machine columns.
struct ListingJson<'l, I> {
    listing: &'l Listing,
    /// Each key once, with the last column that has it (as a map keeps it).
    fields: Vec<(&'static str, usize)>,
    rows: RefCell<Option<I>>,
}

impl<'l, I> ListingJson<'l, I> {
    fn new(listing: &'l Listing, rows: I) -> ListingJson<'l, I> {
        let mut fields: Vec<(&'static str, usize)> = Vec::new();
        for i in visible_columns(listing, false) {
            let Some(column) = listing.columns.get(i) else {
                continue;
            };
            match fields.iter_mut().find(|(key, _)| *key == column.key) {
                Some(field) => field.1 = i,
                None => fields.push((column.key, i)),
            }
        }
        ListingJson {
            listing,
            fields,
            rows: RefCell::new(Some(rows)),
        }
    }
}

impl<R: AsRef<[Cell]>, I: Iterator<Item = R>> Serialize for ListingJson<'_, I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("report", self.listing.name)?;
        for (key, value) in &self.listing.meta {
            map.serialize_entry(key, value)?;
        }
        map.serialize_entry("rows", &RowsJson(self))?;
        map.end()
    }
}

struct RowsJson<'j, 'l, I>(&'j ListingJson<'l, I>);

impl<R: AsRef<[Cell]>, I: Iterator<Item = R>> Serialize for RowsJson<'_, '_, I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        // Serialized once: the rows are taken as they are written.
        if let Some(rows) = self.0.rows.borrow_mut().take() {
            for row in rows {
                seq.serialize_element(&RowJson {
                    fields: &self.0.fields,
                    row: row.as_ref(),
                })?;
            }
        }
        seq.end()
    }
}

struct RowJson<'r> {
    fields: &'r [(&'static str, usize)],
    row: &'r [Cell],
}

impl Serialize for RowJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        let mut buffer = String::new();
        for &(key, i) in self.fields {
            match self.row.get(i) {
                Some(cell @ Cell::Records(_)) => map.serialize_entry(key, &machine_value(cell))?,
                Some(cell) => map.serialize_entry(key, &machine_str(cell, &mut buffer))?,
                None => map.serialize_entry(key, &None::<&str>)?,
            }
        }
        map.end()
    }
}

/// A report of several sections as JSON.
struct ReportJson<'s> {
    name: &'s str,
    sections: &'s [Listing],
}

impl Serialize for ReportJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("report", self.name)?;
        let sections: Vec<ListingJson<'_, _>> = self
            .sections
            .iter()
            .map(|listing| ListingJson::new(listing, listing.rows.iter()))
            .collect();
        map.serialize_entry("sections", &sections)?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
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
        let mut theirs = csv::Writer::from_writer(Vec::new());
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
}
