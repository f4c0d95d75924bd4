//! Workbooks (`-o FILE.xlsx`): sheets of typed cells, numbers as numbers
//! and text as text, written with `rust_xlsxwriter`.
//!
//! A page is either a sheet the report made ([`Sheet`], whose formulas are
//! live) or a listing, written as its CSV would be (its machine columns)
//! but with each number in a number cell.
//!
//! An xlsx number cell holds a binary double: that is the file format.
//! Numbers cross into one only here, from the decimal's text of at most
//! 15 significant digits (rounded as CSV rounds them: a low end down, a
//! high end up), which a double keeps and gives back digit for digit. A
//! formula's result is stored as the exact decimal's text, all its digits.
//! Text never becomes a formula: it is written as a string, whatever it
//! begins with.

use std::io::Write;

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Formula, Workbook, Worksheet, XlsxError};

use super::cell::machine_str;
use super::visible_columns;
use crate::error::{Error, Result};
use crate::listing::{Cell, Section};
use crate::report::workbook::{Sheet, SheetCell};
use crate::text::{self, Digits, Rounding};

/// One sheet of a workbook.
pub enum Page<'a> {
    /// A sheet the report made, formulas and all.
    Sheet(Sheet),
    /// A listing, under this sheet name.
    Listing(&'static str, Section<'a>),
}

/// The digits a number cell keeps exactly.
const CELL_DIGITS: Digits = Digits::Significant(15);

fn failed(error: XlsxError) -> Error {
    Error::Output(std::io::Error::other(format!(
        "cannot write the workbook: {error}"
    )))
}

/// A decimal as a number cell: the file format keeps a cell's number as a
/// binary double, so this is the one place a figure becomes one, from its
/// text rounded to 15 significant digits (which a double holds exactly as
/// written). No computation reads it back.
fn double(d: Decimal, rounding: Rounding) -> Result<f64> {
    let mut buffer = String::new();
    text::push_machine(&mut buffer, d, CELL_DIGITS, rounding);
    buffer.parse().map_err(|_| {
        Error::Output(std::io::Error::other(format!(
            "cannot write the workbook: {buffer} is not a number a cell holds"
        )))
    })
}

/// Writes the pages as one workbook.
pub fn write(out: &mut dyn Write, pages: Vec<Page<'_>>) -> Result<()> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    for page in pages {
        let sheet = workbook.add_worksheet();
        match page {
            Page::Sheet(made) => write_sheet(sheet, &made, &bold)?,
            Page::Listing(name, section) => write_listing(sheet, name, section, &bold)?,
        }
    }
    let bytes = workbook.save_to_buffer().map_err(failed)?;
    out.write_all(&bytes).map_err(Error::Output)
}

fn place(row: usize, column: usize) -> Result<(u32, u16)> {
    match (u32::try_from(row), u16::try_from(column)) {
        (Ok(row), Ok(column)) if row < 1_048_576 && column < 16_384 => Ok((row, column)),
        _ => Err(Error::Output(std::io::Error::other(
            "cannot write the workbook: more rows or columns than a sheet holds",
        ))),
    }
}

fn header(sheet: &mut Worksheet, columns: &[&str], bold: &Format) -> Result<()> {
    for (at, key) in columns.iter().enumerate() {
        let (row, column) = place(0, at)?;
        sheet
            .write_string_with_format(row, column, *key, bold)
            .map_err(failed)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(failed)?;
    Ok(())
}

fn write_sheet(sheet: &mut Worksheet, made: &Sheet, bold: &Format) -> Result<()> {
    sheet.set_name(made.name.as_str()).map_err(failed)?;
    header(sheet, &made.columns, bold)?;
    for (r, cells) in made.rows.iter().enumerate() {
        for (c, cell) in cells.iter().enumerate() {
            let (row, column) = place(r.saturating_add(1), c)?;
            match cell {
                SheetCell::Empty => continue,
                SheetCell::Text(text) => sheet.write_string(row, column, text.as_str()),
                SheetCell::Number(d, rounding) => {
                    sheet.write_number(row, column, double(*d, *rounding)?)
                }
                SheetCell::Formula(formula, result) => {
                    let result = result.map_or_else(
                        || "n/m".to_string(),
                        |d| {
                            let mut exact = String::new();
                            text::push_machine(&mut exact, d, Digits::Exact, Rounding::Nearest);
                            exact
                        },
                    );
                    let formula = Formula::new(format!("={formula}")).set_result(result);
                    sheet.write_formula(row, column, formula)
                }
            }
            .map_err(failed)?;
        }
    }
    Ok(())
}

fn write_listing(
    sheet: &mut Worksheet,
    name: &'static str,
    section: Section<'_>,
    bold: &Format,
) -> Result<()> {
    sheet.set_name(name).map_err(failed)?;
    let (listing, rows) = section.into_parts();
    let fields: Vec<usize> = visible_columns(&listing, false);
    let keys: Vec<&str> = fields
        .iter()
        .filter_map(|&i| listing.columns.get(i).map(|c| c.key))
        .collect();
    header(sheet, &keys, bold)?;
    let mut next = 1_usize;
    let mut buffer = String::new();
    rows(&mut |cells: &[Cell]| {
        for (c, &field) in fields.iter().enumerate() {
            let (row, column) = place(next, c)?;
            let rounding = listing
                .columns
                .get(field)
                .map(|c| c.rounding())
                .unwrap_or_default();
            let written = match cells.get(field) {
                Some(Cell::Number(Some(d))) => {
                    sheet.write_number(row, column, double(*d, rounding)?)
                }
                Some(cell) => match machine_str(cell, &mut buffer, CELL_DIGITS, rounding) {
                    Some(text) => sheet.write_string(row, column, text),
                    None => continue,
                },
                None => continue,
            };
            written.map_err(failed)?;
        }
        next = next.saturating_add(1);
        Ok(())
    })
}
