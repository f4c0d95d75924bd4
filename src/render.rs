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
use rust_decimal::{Decimal, RoundingStrategy};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::{Map, Value};

use crate::bounded::Endpoint;
use crate::listing::{Cell, Figure, Listing, Record, Show, StatedAs, Tone};

/// An output format.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
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

/// Most decimals a table shows for an exact figure.
const MAX_EXACT_DECIMALS: u32 = 4;
/// Relative width below which an interval is only rounding noise.
const NEAR_EXACT: Decimal = Decimal::from_parts(1, 0, 0, false, 9);
/// Decimals past which a near-exact point's digits are rounding noise.
const NEAR_EXACT_DECIMALS: u32 = 12;
/// Absolute width below which an interval around zero is only rounding noise.
const NEAR_ZERO: Decimal = Decimal::from_parts(1, 0, 0, false, 20);
/// Decimals for a figure unbounded on a side whose point has more digits.
const UNBOUNDED_DECIMALS: u32 = 2;

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
        Cell::Number(Some(d)) => group_thousands(&d.normalize().to_string()),
        Cell::Number(None) | Cell::Empty => String::new(),
        Cell::Value(figure) => figure_text(figure, options.precision),
        Cell::Interval(figure) => interval_text(figure, options.precision),
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

/// Decimals to print a figure with: as asked, else what its interval
/// justifies, else the digits it was written with.
pub fn display_decimals(figure: &Figure, precision: Option<u32>) -> u32 {
    if let Some(p) = precision {
        return p;
    }
    let own = normalized_scale(figure.value.point());
    // "About 41.6" and "60–80" keep the digits they were stated with: their
    // interval is a tolerance, not a sign of how precisely they were written.
    if figure.stated_as.is_some() {
        return own.min(MAX_EXACT_DECIMALS);
    }
    if is_near_exact(&figure.value) {
        // Computed from exact figures (100 / 12, a root): only rounding
        // noise, which must not show as digits (2.0000000000000000000000000004).
        let digits = figure.value.point().round_dp(NEAR_EXACT_DECIMALS);
        let digits = normalized_scale(digits);
        return digits.min(MAX_EXACT_DECIMALS);
    }
    if let Some(d) = figure.value.justified_decimals() {
        return d;
    }
    if figure.value.is_exact() {
        return own.min(MAX_EXACT_DECIMALS);
    }
    own.min(UNBOUNDED_DECIMALS)
}

/// `d.normalize().scale()`: the decimals left once trailing zeros are
/// dropped, counted in its digits rather than divided out.
fn normalized_scale(d: Decimal) -> u32 {
    if d.is_zero() {
        return 0;
    }
    let mut digits = itoa::Buffer::new();
    let zeros = digits
        .format(d.mantissa().unsigned_abs())
        .bytes()
        .rev()
        .take_while(|b| *b == b'0')
        .count();
    d.scale()
        .saturating_sub(u32::try_from(zeros).unwrap_or(u32::MAX))
}

/// Whether an interval is narrower than any stated figure is precise (a
/// part in a billion of its value): what is left of exact inputs after
/// rounded division, roots and logarithms, which reads like an exact figure.
fn is_near_exact(value: &crate::bounded::Bounded) -> bool {
    let Some(width) = value.width() else {
        return false;
    };
    let tolerance = value
        .point()
        .abs()
        .checked_mul(NEAR_EXACT)
        .unwrap_or(Decimal::MAX)
        .max(NEAR_ZERO);
    width <= tolerance
}

/// A figure as people read it: `1,023.67`, `>358`, `≤20.09%`, `≈41.6`, `60–80%`.
pub fn figure_text(figure: &Figure, precision: Option<u32>) -> String {
    let mut text = String::new();
    push_figure_text(&mut text, figure, precision);
    text
}

/// Appends [`figure_text`] to `out`.
pub fn push_figure_text(out: &mut String, figure: &Figure, precision: Option<u32>) {
    let decimals = display_decimals(figure, precision);
    let value = &figure.value;
    let mut digits = String::new();
    let mut number = |out: &mut String, d: Decimal| {
        let rounded = d.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
        digits.clear();
        write_padded(&mut digits, rounded, decimals);
        push_grouped(out, &digits);
    };
    match figure.stated_as {
        Some(StatedAs::Range) => {
            if let (Some(low), Some(high)) = (value.low().value(), value.high().value()) {
                number(out, low);
                out.push('–');
                number(out, high);
                out.push_str(figure.suffix);
                return;
            }
        }
        Some(StatedAs::About) => {
            out.push('≈');
            number(out, value.point());
            out.push_str(figure.suffix);
            return;
        }
        None => {}
    }
    let point = value.point();
    let marker = if value.is_exact() {
        ""
    } else if value.low().value() == Some(point) && value.high().value() != Some(point) {
        if value.low().is_open() { ">" } else { "≥" }
    } else if value.high().value() == Some(point) && value.low().value() != Some(point) {
        if value.high().is_open() { "<" } else { "≤" }
    } else {
        ""
    };
    out.push_str(marker);
    number(out, point);
    out.push_str(figure.suffix);
}

/// The interval of a figure where it says more than the printed value:
/// `[125.2, 126.9]`, `(−100.0, 20.1]`; empty when the value says it all.
pub fn interval_text(figure: &Figure, precision: Option<u32>) -> String {
    let value = &figure.value;
    if value.is_exact() || figure.stated_as == Some(StatedAs::Range) {
        return String::new();
    }
    let decimals = display_decimals(figure, precision);
    let (low, high) = (value.low(), value.high());
    let point = Some(value.point());
    // A one-sided bound whose marker already says it all.
    let one_sided = (low.value() == point && high == Endpoint::Unbounded)
        || (high.value() == point && low == Endpoint::Unbounded);
    if one_sided {
        return String::new();
    }
    // Hidden when the interval lies within the rounding of the printed value:
    // the printed digits then say all it says.
    if let (Some(lo), Some(hi)) = (low.value(), high.value())
        && figure.stated_as != Some(StatedAs::About)
    {
        let half = crate::value::pow10(i32::try_from(decimals).map_or(0, i32::saturating_neg))
            .and_then(|u| u.checked_div(Decimal::TWO))
            .unwrap_or(Decimal::ONE);
        let shown = value
            .point()
            .round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
        let within = shown.checked_sub(half).is_some_and(|l| l <= lo)
            && shown.checked_add(half).is_some_and(|h| hi <= h);
        if within {
            return String::new();
        }
    }
    let shown = decimals.saturating_add(1);
    let low_text = match low {
        Endpoint::Unbounded => "(−∞".to_string(),
        Endpoint::Open(d) => format!(
            "({}",
            format_decimal(d, shown, RoundingStrategy::ToNegativeInfinity)
        ),
        Endpoint::Closed(d) => format!(
            "[{}",
            format_decimal(d, shown, RoundingStrategy::ToNegativeInfinity)
        ),
    };
    let high_text = match high {
        Endpoint::Unbounded => "∞)".to_string(),
        Endpoint::Open(d) => format!(
            "{})",
            format_decimal(d, shown, RoundingStrategy::ToPositiveInfinity)
        ),
        Endpoint::Closed(d) => format!(
            "{}]",
            format_decimal(d, shown, RoundingStrategy::ToPositiveInfinity)
        ),
    };
    format!("{low_text}, {high_text}")
}

/// A decimal rounded to `decimals` places with thousands grouped: `1,023.67`.
pub fn format_decimal(value: Decimal, decimals: u32, strategy: RoundingStrategy) -> String {
    let rounded = value.round_dp_with_strategy(decimals, strategy);
    let mut text = String::new();
    write_padded(&mut text, rounded, decimals);
    group_thousands(&text)
}

/// Writes a rounded decimal with `decimals` places (padded with zeros).
fn write_padded(text: &mut String, rounded: Decimal, decimals: u32) {
    write_decimal(text, rounded, false);
    // round_dp keeps fewer places when the value has fewer: pad to a fixed width.
    let have = rounded.scale();
    if have < decimals {
        if have == 0 {
            text.push('.');
        }
        for _ in have..decimals {
            text.push('0');
        }
    }
}

/// Inserts thousands separators into the integer part of a plain decimal.
fn group_thousands(text: &str) -> String {
    let mut grouped = String::with_capacity(text.len().saturating_add(text.len() / 3));
    push_grouped(&mut grouped, text);
    grouped
}

/// Appends a plain decimal with its integer part's thousands grouped.
fn push_grouped(out: &mut String, text: &str) {
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    out.push_str(sign);
    for (n, ch) in whole.chars().enumerate() {
        if n > 0 && (whole.len().saturating_sub(n)) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = fraction {
        out.push('.');
        out.push_str(f);
    }
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
        Cell::Number(Some(d)) => write_normalized(buffer, *d),
        Cell::Number(None) | Cell::Empty => return None,
        Cell::Value(f) | Cell::Interval(f) => write_normalized(buffer, f.value.point()),
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

/// Writes `d` as its `Display` does (`-` for any negative, zero too, and
/// as many decimals as its scale), or as `d.normalize()` prints it when
/// `trimmed` (no trailing zeros after the point, no `-0`). The digits are
/// written in one go (rust_decimal divides by ten per digit).
fn write_decimal(buffer: &mut String, d: Decimal, trimmed: bool) {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(d.mantissa().unsigned_abs());
    let scale = usize::try_from(d.scale()).unwrap_or(0);
    let (whole, fraction) = match digits.len().checked_sub(scale) {
        Some(cut) if cut > 0 => (
            digits.get(..cut).unwrap_or("0"),
            digits.get(cut..).unwrap_or_default(),
        ),
        _ => ("0", digits),
    };
    // Zeros between the point and the digits when they are fewer than the scale.
    let leading = scale.saturating_sub(digits.len());
    let fraction = if trimmed {
        fraction.trim_end_matches('0')
    } else {
        fraction
    };
    let zero = whole == "0" && fraction.bytes().all(|b| b == b'0');
    if d.is_sign_negative() && !(trimmed && zero) {
        buffer.push('-');
    }
    buffer.push_str(whole);
    if scale > 0 && !(trimmed && fraction.is_empty()) {
        buffer.push('.');
        buffer.extend(std::iter::repeat_n('0', leading));
        buffer.push_str(fraction);
    }
}

/// Writes `d` as `d.normalize()` prints it.
fn write_normalized(buffer: &mut String, d: Decimal) {
    write_decimal(buffer, d, true);
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
    use crate::bounded::Bounded;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn figure(point: &str, low: Endpoint, high: Endpoint) -> Figure {
        Figure {
            value: Bounded::new(d(point), low, high).unwrap(),
            stated_as: None,
            suffix: "",
        }
    }

    #[test]
    fn groups_thousands_and_pads_decimals() {
        let cases = [
            ("1023670", 0, "1,023,670"),
            ("1023.67", 2, "1,023.67"),
            ("-54.73", 2, "-54.73"),
            ("358", 2, "358.00"),
            ("999.995", 2, "1,000.00"),
            ("0.5", 0, "1"),
            ("-0.004", 2, "0.00"),
        ];
        for (value, decimals, expected) in cases {
            assert_eq!(
                format_decimal(d(value), decimals, RoundingStrategy::MidpointAwayFromZero),
                expected,
                "{value}"
            );
        }
    }

    #[test]
    fn markers_follow_the_interval() {
        let more = figure("358", Endpoint::Open(d("358")), Endpoint::Unbounded);
        assert_eq!(figure_text(&more, None), ">358");
        assert_eq!(interval_text(&more, None), "");
        let at_most = figure(
            "20.0936",
            Endpoint::Closed(d("-100")),
            Endpoint::Closed(d("20.0936")),
        );
        assert_eq!(figure_text(&at_most, Some(2)), "≤20.09");
        let rounded = figure(
            "1023.67",
            Endpoint::Closed(d("1023.665")),
            Endpoint::Closed(d("1023.675")),
        );
        assert_eq!(figure_text(&rounded, None), "1,023.67");
        assert_eq!(interval_text(&rounded, None), "");
        let wide = figure(
            "126.05",
            Endpoint::Closed(d("125.25")),
            Endpoint::Closed(d("126.85")),
        );
        assert_eq!(interval_text(&wide, None), "[125.2, 126.9]");
    }

    #[test]
    fn near_exact_figures_read_like_exact_ones() {
        // 100 / 12 on intervals: [8.33…332, 8.33…334], not 12 decimals.
        let twelfth = figure(
            "8.333333333333333333333333333",
            Endpoint::Closed(d("8.333333333333333333333333332")),
            Endpoint::Closed(d("8.333333333333333333333333334")),
        );
        assert_eq!(figure_text(&twelfth, None), "8.3333");
        assert_eq!(interval_text(&twelfth, None), "");
        // 12 × (1/6 rounded): 2, with no trailing noise.
        let two = figure(
            "2.0000000000000000000000000004",
            Endpoint::Closed(d("1.9999999999999999999999999990")),
            Endpoint::Closed(d("2.0000000000000000000000000010")),
        );
        assert_eq!(figure_text(&two, None), "2");
        // A stated figure keeps the digits its rounding justifies.
        let stated = figure(
            "1.02367",
            Endpoint::Closed(d("1.023665")),
            Endpoint::Closed(d("1.023675")),
        );
        assert_eq!(figure_text(&stated, None), "1.02367");
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
    fn normalized_scales_are_counted_as_normalize_finds_them() {
        for text in [
            "0",
            "-0.000",
            "1500",
            "1500.00",
            "0.0001000",
            "-2.50",
            "10.0",
            "7",
        ] {
            let d: Decimal = text.parse().unwrap();
            assert_eq!(normalized_scale(d), d.normalize().scale(), "{text}");
        }
    }

    #[test]
    fn numbers_print_as_rust_decimal_prints_them() {
        let mut buffer = String::new();
        let mut check = |d: Decimal| {
            buffer.clear();
            write_decimal(&mut buffer, d, true);
            assert_eq!(buffer, d.normalize().to_string(), "{d:?}");
            buffer.clear();
            write_decimal(&mut buffer, d, false);
            assert_eq!(buffer, d.to_string(), "{d:?}");
        };
        for text in [
            "0",
            "-0",
            "0.000",
            "-0.000",
            "1500",
            "1500.00",
            "-2.50",
            "0.0001000",
            "79228162514264337593543950335",
            "-0.0000000000000000000000000001",
            "15.880745947434236427220290440",
            "10",
            "100.0",
            "-0.5",
            "0.05",
        ] {
            check(text.parse().unwrap());
        }
        // Every scale, with mantissas of every length (some ending in
        // zeros), both signs.
        let mut state: u128 = 7;
        for n in 0..3000u32 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let digits = 10u128.pow(n % 29);
            let mut mantissa = (state >> 32) % digits;
            if n % 3 == 0 {
                mantissa = mantissa.saturating_mul(1000) % digits;
            }
            let d = Decimal::from_i128_with_scale(i128::try_from(mantissa).unwrap(), n % 29);
            check(d);
            check(-d);
        }
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
