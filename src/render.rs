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

use std::io::{self, Write};

use comfy_table::{
    Attribute, CellAlignment, Color, ColumnConstraint, ContentArrangement, Table, presets,
};
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::{Map, Value};

use crate::bounded::Endpoint;
use crate::listing::{Cell, Figure, Listing, Record, Show, StatedAs, Tone};

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
        Format::Csv => write_csv(out, listing),
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &listing_json(listing))?;
            writeln!(out)
        }
    }
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
            let mut object = Map::new();
            object.insert("report".into(), Value::from(name));
            let sections: Vec<Value> = sections.iter().map(listing_json).collect();
            object.insert("sections".into(), Value::Array(sections));
            serde_json::to_writer_pretty(&mut *out, &Value::Object(object))?;
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
        Cell::Text(text) if text == "n/m" => Some(Tone::Dim),
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
    let own = figure.value.point().normalize().scale();
    // "About 41.6" and "60–80" keep the digits they were stated with: their
    // interval is a tolerance, not a sign of how precisely they were written.
    if figure.stated_as.is_some() {
        return own.min(MAX_EXACT_DECIMALS);
    }
    if is_near_exact(&figure.value) {
        // Computed from exact figures (100 / 12, a root): only rounding
        // noise, which must not show as digits (2.0000000000000000000000000004).
        let digits = figure
            .value
            .point()
            .round_dp(NEAR_EXACT_DECIMALS)
            .normalize()
            .scale();
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
    let decimals = display_decimals(figure, precision);
    let value = &figure.value;
    let number = |d: Decimal| format_decimal(d, decimals, RoundingStrategy::MidpointAwayFromZero);
    match figure.stated_as {
        Some(StatedAs::Range) => {
            if let (Some(low), Some(high)) = (value.low().value(), value.high().value()) {
                return format!("{}–{}{}", number(low), number(high), figure.suffix);
            }
        }
        Some(StatedAs::About) => return format!("≈{}{}", number(value.point()), figure.suffix),
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
    format!("{marker}{}{}", number(point), figure.suffix)
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
    let mut text = rounded.to_string();
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
    group_thousands(&text)
}

/// Inserts thousands separators into the integer part of a plain decimal.
fn group_thousands(text: &str) -> String {
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    let mut grouped = String::with_capacity(text.len().saturating_add(whole.len() / 3));
    for (n, ch) in whole.chars().enumerate() {
        if n > 0 && (whole.len().saturating_sub(n)) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    match fraction {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
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
pub fn neutralise_formula(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .filter(|c| *c == '\n' || !c.is_control() || *c == '\t')
        .collect();
    match cleaned.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') if cleaned.parse::<Decimal>().is_err() => {
            format!("'{cleaned}")
        }
        _ => cleaned,
    }
}

fn machine_text(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Text(text) | Cell::Marked(text, _) => Some(text.clone()),
        Cell::Number(Some(d)) => Some(d.normalize().to_string()),
        Cell::Number(None) | Cell::Empty => None,
        Cell::Value(f) | Cell::Interval(f) => Some(f.value.point().normalize().to_string()),
        Cell::Records(_) => Some(machine_value(cell).to_string()),
    }
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

fn write_csv(out: &mut dyn Write, listing: &Listing) -> io::Result<()> {
    let columns = visible_columns(listing, false);
    let mut writer = csv::Writer::from_writer(out);
    let header: Vec<&str> = columns
        .iter()
        .filter_map(|&i| listing.columns.get(i))
        .map(|c| c.key)
        .collect();
    writer.write_record(&header).map_err(csv_io)?;
    for row in &listing.rows {
        let record: Vec<String> = columns
            .iter()
            .map(|&i| match row.get(i) {
                Some(Cell::Text(text) | Cell::Marked(text, _)) => neutralise_formula(text),
                Some(cell) => machine_text(cell).unwrap_or_default(),
                None => String::new(),
            })
            .collect();
        writer.write_record(&record).map_err(csv_io)?;
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

fn listing_json(listing: &Listing) -> Value {
    let columns = visible_columns(listing, false);
    let mut object = Map::new();
    object.insert("report".into(), Value::from(listing.name));
    for (key, value) in &listing.meta {
        object.insert((*key).into(), Value::from(value.as_str()));
    }
    let rows = listing
        .rows
        .iter()
        .map(|row| {
            let mut fields = Map::new();
            for &i in &columns {
                if let Some(column) = listing.columns.get(i) {
                    let value = row.get(i).map_or(Value::Null, machine_value);
                    fields.insert(column.key.into(), value);
                }
            }
            Value::Object(fields)
        })
        .collect();
    object.insert("rows".into(), Value::Array(rows));
    Value::Object(object)
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
    }
}
