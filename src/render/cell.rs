//! A cell's text: for people (tables, Markdown), rounded as its interval
//! justifies and safe for a terminal; for machines (CSV, JSON), every digit.

use serde_json::{Map, Value};

use super::{RenderOptions, clean_terminal};
use crate::listing::{Cell, Record, Show, Tone};
use crate::text;

/// The tone a cell shows in colour: its own mark, or dim for `n/m`.
pub(super) fn tone(cell: &Cell) -> Option<Tone> {
    match cell {
        Cell::Marked(_, tone) => Some(*tone),
        Cell::Text(words) if *words == text::NOT_MEANINGFUL => Some(Tone::Dim),
        _ => None,
    }
}

/// A cell's text for people: safe for a terminal, figures as
/// [`text::figure`] and [`text::interval`] write them.
pub(super) fn people_text(cell: &Cell, options: &RenderOptions) -> String {
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

/// A cell's text for machines, `None` for nothing: text as it is, numbers
/// written into `buffer` at full precision.
pub(super) fn machine_str<'c>(cell: &'c Cell, buffer: &'c mut String) -> Option<&'c str> {
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

pub(super) fn machine_text(cell: &Cell) -> Option<String> {
    machine_str(cell, &mut String::new()).map(str::to_string)
}

/// A cell as a JSON value: text and numbers as strings (`null` for none),
/// records as an array of objects of their machine fields.
pub(super) fn machine_value(cell: &Cell) -> Value {
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
