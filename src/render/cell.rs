//! A cell's text: for people (tables, Markdown), rounded as its interval
//! justifies and safe for a terminal; for machines (CSV, JSON), the digits
//! `--digits` asks for, each interval end rounded outward.

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::{RenderOptions, shown_line};
use crate::listing::{Cell, Record, Show, Tone};
use crate::text::{self, Digits, Rounding};

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
        Cell::Text(text) | Cell::Marked(text, _) => shown_line(text).into_owned(),
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
/// written into `buffer` by [`text::push_machine`] (`rounding` is the
/// column's: an interval's lower end down, its upper end up).
pub(super) fn machine_str<'c>(
    cell: &'c Cell,
    buffer: &'c mut String,
    digits: Digits,
    rounding: Rounding,
) -> Option<&'c str> {
    use std::fmt::Write as _;
    buffer.clear();
    if let Some((d, rounding)) = machine_number(cell, rounding) {
        text::push_machine(buffer, d, digits, rounding);
        return Some(buffer);
    }
    match cell {
        Cell::Text(text) | Cell::Marked(text, _) => return Some(text),
        Cell::Records(_) => write!(buffer, "{}", machine_value(cell, digits)).ok()?,
        Cell::Number(_) | Cell::Value(_) | Cell::Interval(_) | Cell::Empty => return None,
    }
    Some(buffer)
}

/// The number a cell is for machines and how it rounds, if it is one: a
/// number as its column says (`rounding`), a figure's point to the nearest.
pub(super) fn machine_number(cell: &Cell, rounding: Rounding) -> Option<(Decimal, Rounding)> {
    match cell {
        Cell::Number(Some(d)) => Some((*d, rounding)),
        Cell::Value(f) | Cell::Interval(f) => Some((f.value.point(), Rounding::Nearest)),
        _ => None,
    }
}

/// A cell as a JSON value: text and numbers as strings (`null` for none),
/// records as an array of objects of their machine fields, each number
/// rounded as its field's column says.
pub(super) fn machine_value(cell: &Cell, digits: Digits) -> Value {
    machine_value_in(cell, digits, Rounding::Nearest)
}

fn machine_value_in(cell: &Cell, digits: Digits, rounding: Rounding) -> Value {
    match cell {
        Cell::Records(records) => Value::Array(
            records
                .iter()
                .map(|record| {
                    let mut fields = Map::new();
                    for (column, cell) in &record.fields {
                        if column.show != Show::People {
                            let value = machine_value_in(cell, digits, column.rounding());
                            fields.insert(column.key.into(), value);
                        }
                    }
                    Value::Object(fields)
                })
                .collect(),
        ),
        other => machine_str(other, &mut String::new(), digits, rounding)
            .map_or(Value::Null, |text| Value::String(text.to_string())),
    }
}
