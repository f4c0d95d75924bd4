//! JSON: a listing as an object of its name, its settings and its rows (one
//! object per row of the machine columns, numbers as strings of decimals),
//! serialized as the rows are made; a report as its sections.

use std::cell::RefCell;
use std::io::Write;

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use super::cell::{machine_str, machine_value};
use super::visible_columns;
use crate::error::{Error, Result};
use crate::listing::{Cell, Each, Listing, Section};
use crate::text::{Digits, Rounding};

/// Writes one section as a listing (`name` is `None`), or a report of
/// sections named `name`; each section's rows serialized as they are made.
pub(super) fn write(
    out: &mut dyn Write,
    name: Option<&str>,
    sections: Vec<Section<'_>>,
    digits: Digits,
) -> Result<()> {
    let sections: Vec<ListingJson<'_>> = sections
        .into_iter()
        .map(|section| ListingJson::new(section, digits))
        .collect();
    let written = match (name, sections.as_slice()) {
        (None, [one]) => serde_json::to_writer_pretty(&mut *out, one),
        (name, all) => serde_json::to_writer_pretty(
            &mut *out,
            &ReportJson {
                name: name.unwrap_or_default(),
                sections: all,
            },
        ),
    };
    // An error met in making the rows ends them (the JSON is closed); it
    // comes first, since a failed output may be its consequence.
    for section in &sections {
        if let Some(error) = section.failure.borrow_mut().take() {
            return Err(error);
        }
    }
    written.map_err(|e| Error::Output(e.into()))?;
    writeln!(out).map_err(Error::Output)
}

/// The rows of a section still to be made.
type Rows<'a> = Box<dyn FnOnce(&mut Each<'_>) -> Result<()> + 'a>;

/// A listing as JSON, its rows serialized as they are made: `report`, the
/// settings, then `rows`, one object per row of the machine columns.
struct ListingJson<'a> {
    listing: Listing,
    /// Each key once, with the last column that has it (as a map keeps it).
    fields: Vec<Field>,
    rows: RefCell<Option<Rows<'a>>>,
    /// The error that ended the rows, if any.
    failure: RefCell<Option<Error>>,
    digits: Digits,
}

/// A JSON field: its key, its column, how its numbers round.
#[derive(Clone, Copy)]
struct Field {
    key: &'static str,
    column: usize,
    rounding: Rounding,
}

impl<'a> ListingJson<'a> {
    fn new(section: Section<'a>, digits: Digits) -> ListingJson<'a> {
        let (listing, rows) = section.into_parts();
        let mut fields: Vec<Field> = Vec::new();
        for i in visible_columns(&listing, false) {
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
            rows: RefCell::new(Some(Box::new(rows))),
            failure: RefCell::new(None),
            digits,
        }
    }
}

impl Serialize for ListingJson<'_> {
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

struct RowsJson<'j, 'a>(&'j ListingJson<'a>);

impl Serialize for RowsJson<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        let mut failed = None;
        // Serialized once: the rows are made as they are written.
        if let Some(rows) = self.0.rows.borrow_mut().take() {
            let (fields, digits) = (&self.0.fields, self.0.digits);
            let made = rows(&mut |row: &[Cell]| {
                seq.serialize_element(&RowJson {
                    fields,
                    row,
                    digits,
                })
                .map_err(|e| {
                    failed = Some(e);
                    Error::Output(std::io::Error::other("the JSON serializer failed"))
                })
            });
            if let Some(e) = failed {
                return Err(e);
            }
            if let Err(error) = made {
                *self.0.failure.borrow_mut() = Some(error);
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
struct ReportJson<'s, 'a> {
    name: &'s str,
    sections: &'s [ListingJson<'a>],
}

impl Serialize for ReportJson<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("report", self.name)?;
        map.serialize_entry("sections", self.sections)?;
        map.end()
    }
}
