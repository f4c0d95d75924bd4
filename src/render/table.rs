//! Tables for people: the title, the settings, the rows in a grid whose
//! numbers are right-aligned and whose prose wraps to the terminal's width,
//! then the notes. Markdown draws its rows with the same grid.

use std::io::{self, Write};

use comfy_table::{
    Attribute, CellAlignment, Color, ColumnConstraint, ContentArrangement, Table, presets,
};

use super::cell::{people_text, tone};
use super::{RenderOptions, clean_terminal, visible_columns};
use crate::listing::{Cell, Listing, Tone};

/// Columns whose every cell is at most this wide are never wrapped.
const UNWRAPPED_WIDTH: usize = 16;

/// Writes a listing as a table for a terminal.
pub(super) fn write(
    out: &mut dyn Write,
    listing: &Listing,
    options: &RenderOptions,
) -> io::Result<()> {
    let title = clean_terminal(&listing.title);
    if options.color {
        writeln!(out, "\u{1b}[1m{title}\u{1b}[0m")?;
    } else {
        writeln!(out, "{title}")?;
    }
    for (key, value) in &listing.meta {
        writeln!(out, "  {key}: {}", clean_terminal(value))?;
    }
    if listing.rows.is_empty() {
        writeln!(out, "  (none)")?;
    } else {
        writeln!(out, "{}", grid(listing, options, false))?;
    }
    for note in &listing.notes {
        writeln!(out, "{}", clean_terminal(note))?;
    }
    Ok(())
}

/// The rows of a listing in a grid, the columns people see: box-drawn for a
/// terminal (in colour when asked), or a Markdown table, its cells escaped.
pub(super) fn grid(listing: &Listing, options: &RenderOptions, markdown: bool) -> Table {
    let color = options.color && !markdown;
    let columns = visible_columns(listing, true);
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
            .map(|&i| grid_cell(row.get(i), options, markdown, color))
            .collect();
        table.add_row(cells);
    }
    constrain_columns(&mut table, listing, &columns, options);
    table
}

/// One cell of the grid: its text for people, escaped for Markdown, in its
/// tone's colour.
fn grid_cell(
    cell: Option<&Cell>,
    options: &RenderOptions,
    markdown: bool,
    color: bool,
) -> comfy_table::Cell {
    let text = cell.map_or_else(String::new, |c| people_text(c, options));
    let text = if markdown {
        super::markdown::escape(&text)
    } else {
        text
    };
    let styled = comfy_table::Cell::new(text);
    match (color, cell.and_then(tone)) {
        (true, Some(Tone::Good)) => styled.fg(Color::Green),
        (true, Some(Tone::Warn)) => styled.fg(Color::Yellow),
        (true, Some(Tone::Bad)) => styled.fg(Color::Red).add_attribute(Attribute::Bold),
        (true, Some(Tone::Dim)) => styled.add_attribute(Attribute::Dim),
        _ => styled,
    }
}

/// Numbers are right-aligned; numbers and short names never wrap, so that
/// prose columns take the rest of the width.
fn constrain_columns(
    table: &mut Table,
    listing: &Listing,
    columns: &[usize],
    options: &RenderOptions,
) {
    for (position, &i) in columns.iter().enumerate() {
        let numeric = listing.columns.get(i).is_some_and(|c| c.numeric);
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
}
