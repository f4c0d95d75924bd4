//! JSON: a listing as an object of its name, its settings and its rows (one
//! object per row of the machine columns, numbers as strings of decimals),
//! serialized as the rows come; a report as its sections.

use std::cell::RefCell;
use std::io::{self, Write};

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use super::cell::{machine_str, machine_value};
use super::visible_columns;
use crate::listing::{Cell, Listing};
use crate::text::{Digits, Rounding};

/// Writes a listing, its rows serialized as they come.
pub(super) fn write<R: AsRef<[Cell]>>(
    out: &mut dyn Write,
    listing: &Listing,
    rows: impl Iterator<Item = R>,
    digits: Digits,
) -> io::Result<()> {
    let json = ListingJson::new(listing, rows, digits);
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}

/// Writes a report of several sections.
pub(super) fn write_report(
    out: &mut dyn Write,
    name: &str,
    sections: &[Listing],
    digits: Digits,
) -> io::Result<()> {
    let report = ReportJson {
        name,
        sections,
        digits,
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}

/// A listing as JSON, its rows serialized as they come: `report`, the
/// settings, then `rows`, one object per row of the machine columns.
struct ListingJson<'l, I> {
    listing: &'l Listing,
    /// Each key once, with the last column that has it (as a map keeps it).
    fields: Vec<Field>,
    rows: RefCell<Option<I>>,
    digits: Digits,
}

/// A JSON field: its key, its column, how its numbers round.
#[derive(Clone, Copy)]
struct Field {
    key: &'static str,
    column: usize,
    rounding: Rounding,
}

impl<'l, I> ListingJson<'l, I> {
    fn new(listing: &'l Listing, rows: I, digits: Digits) -> ListingJson<'l, I> {
        let mut fields: Vec<Field> = Vec::new();
        for i in visible_columns(listing, false) {
            let Some(column) = listing.columns.get(i) else {
                continue;
            };
            let field = Field {
                key: column.key,
                column: i,
                rounding: column.rounding(),
            };
            match fields.iter_mut().find(|f| f.key == column.key) {
                Some(known) => *known = field,
                None => fields.push(field),
            }
        }
        ListingJson {
            listing,
            fields,
            rows: RefCell::new(Some(rows)),
            digits,
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
                    digits: self.0.digits,
                })?;
            }
        }
        seq.end()
    }
}

struct RowJson<'r> {
    fields: &'r [Field],
    row: &'r [Cell],
    digits: Digits,
}

impl Serialize for RowJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        let mut buffer = String::new();
        for field in self.fields {
            let key = field.key;
            match self.row.get(field.column) {
                Some(cell @ Cell::Records(_)) => {
                    map.serialize_entry(key, &machine_value(cell, self.digits))?;
                }
                Some(cell) => {
                    let text = machine_str(cell, &mut buffer, self.digits, field.rounding);
                    map.serialize_entry(key, &text)?;
                }
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
    digits: Digits,
}

impl Serialize for ReportJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("report", self.name)?;
        let sections: Vec<ListingJson<'_, _>> = self
            .sections
            .iter()
            .map(|listing| ListingJson::new(listing, listing.rows.iter(), self.digits))
            .collect();
        map.serialize_entry("sections", &sections)?;
        map.end()
    }
}
