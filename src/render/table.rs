//! Tables for people: the title, the settings, the rows in a grid whose
//! numbers are right-aligned, then the notes. Markdown draws its rows with
//! the same grid.
//!
//! On a terminal (a width is known) a table fits it: each row is one line,
//! a cell too long for its column is cut and ends in `…` (comfy-table
//! lays the columns out and cuts), prose columns keep a useful width rather
//! than wrapping letter by letter, and the last columns are left out, with
//! a line saying so, where even that does not fit. With `--wide` rows wrap
//! at words instead, or, where every column cannot share the width, are
//! whole. Without a width (a pipe, a file) every row is whole,
//! on one line.

use std::io::{self, Write};

use comfy_table::{
    Attribute, CellAlignment, Color, ColumnConstraint, ContentArrangement, Row, Table, Width,
    presets,
};
use unicode_width::UnicodeWidthStr;

use super::cell::{people_text, tone};
use super::{Format, RenderOptions, people_columns, shown_line};
use crate::listing::{Cell, Choice, Listing, Tone};

/// Columns whose every cell is at most this wide are never cut.
const UNCUT_WIDTH: usize = 16;

/// A prose column is given at least this width (or its widest cell, if
/// less), so that it is cut rather than wrapped letter by letter.
const PROSE_WIDTH: usize = 10;

/// What each column adds to a line besides its text: a space either side
/// and a border.
const COLUMN_FRAME: usize = 3;

/// Writes a listing as a table for a terminal.
pub(super) fn write(
    out: &mut dyn Write,
    listing: &Listing,
    options: &RenderOptions,
) -> io::Result<()> {
    let mut columns = people_columns(listing, options)?;
    if options.columns == Choice::Usual {
        // A column with nothing in it says nothing: leave it out.
        columns.retain(|&i| widest(listing, i, options) > 0);
    }
    let title = shown_line(&listing.title);
    for (n, line) in wrapped(&title, options.width).iter().enumerate() {
        if options.color && n == 0 {
            writeln!(out, "\u{1b}[1m{line}\u{1b}[0m")?;
        } else {
            writeln!(out, "{line}")?;
        }
    }
    for (key, value) in &listing.meta {
        writeln!(out, "  {key}: {}", shown_line(value))?;
    }
    if listing.rows.is_empty() {
        // The notes (a summary) say what there is, if any.
        if listing.notes.is_empty() {
            writeln!(out, "  (none)")?;
        }
    } else {
        let (table, left_out) = fitted(listing, columns, options);
        writeln!(out, "{table}")?;
        if !left_out.is_empty() {
            let line = format!(
                "(left out to fit the width: {}; see --columns, --width)",
                left_out.join(", ")
            );
            for line in wrapped(&line, options.width) {
                writeln!(out, "{line}")?;
            }
        }
    }
    for note in &listing.notes {
        for line in wrapped(&shown_line(note), options.width) {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

/// The grid of the chosen columns fitted to the terminal's width: where
/// the columns cannot all have their least width, some are left out (their
/// headers are returned): from the right, the essential ones last.
fn fitted(
    listing: &Listing,
    columns: Vec<usize>,
    options: &RenderOptions,
) -> (Table, Vec<&'static str>) {
    let Some(width) = options.width.map(usize::from) else {
        return (grid_of(listing, &columns, options, false), Vec::new());
    };
    let least: Vec<usize> = columns
        .iter()
        .map(|&i| least_width(listing, i, options).saturating_add(COLUMN_FRAME))
        .collect();
    let mut needed = least.iter().fold(1usize, |sum, w| sum.saturating_add(*w));
    if options.columns == Choice::Wide && needed > width {
        // Every column was asked for: where they cannot share the width,
        // rows are whole, as in a pipe (`less -S` scrolls them).
        let whole = RenderOptions {
            width: None,
            ..options.clone()
        };
        return (grid_of(listing, &columns, &whole, false), Vec::new());
    }
    let essential = |position: &usize| {
        columns
            .get(*position)
            .and_then(|&i| listing.columns.get(i))
            .is_some_and(|c| c.essential)
    };
    let mut order: Vec<usize> = (0..columns.len()).rev().collect();
    order.sort_by_key(essential);
    let mut kept = vec![true; columns.len()];
    // Leave out columns in that order until the rest fit, then take back
    // those that still fit, the most important first.
    let mut dropped = Vec::new();
    for &position in &order {
        if needed <= width || dropped.len().saturating_add(1) >= columns.len() {
            break;
        }
        needed = needed.saturating_sub(least.get(position).copied().unwrap_or(0));
        dropped.push(position);
    }
    for &position in dropped.iter().rev() {
        let more = least.get(position).copied().unwrap_or(0);
        if needed.saturating_add(more) <= width {
            needed = needed.saturating_add(more);
        } else if let Some(k) = kept.get_mut(position) {
            *k = false;
        }
    }
    let mut order = order
        .into_iter()
        .filter(|p| kept.get(*p) == Some(&true))
        .collect::<Vec<_>>()
        .into_iter();
    let shown = |kept: &[bool]| -> Vec<usize> {
        columns
            .iter()
            .zip(kept)
            .filter(|(_, k)| **k)
            .map(|(&i, _)| i)
            .collect()
    };
    // Measured without colour: escape sequences take no room on a screen.
    let plain = RenderOptions {
        color: false,
        ..options.clone()
    };
    loop {
        let table = grid_of(listing, &shown(&kept), &plain, false);
        let one = kept.iter().filter(|k| **k).count() <= 1;
        // The estimate is checked against what comfy-table drew; where it
        // needed more, more columns are left out.
        let next = if one || table.lines().all(|line| line.width() <= width) {
            None
        } else {
            order.next()
        };
        let Some(position) = next else {
            let left_out = columns
                .iter()
                .zip(&kept)
                .filter(|(_, k)| !**k)
                .filter_map(|(&i, _)| listing.columns.get(i).map(|c| c.header))
                .collect();
            let table = if options.color {
                grid_of(listing, &shown(&kept), options, false)
            } else {
                table
            };
            return (table, left_out);
        };
        if let Some(k) = kept.get_mut(position) {
            *k = false;
        }
    }
}

/// The least width a column is given: a number or a short column its
/// widest cell, prose its widest cell up to [`PROSE_WIDTH`] (or its
/// header, if longer).
fn least_width(listing: &Listing, i: usize, options: &RenderOptions) -> usize {
    let Some(column) = listing.columns.get(i) else {
        return 0;
    };
    let widest = widest(listing, i, options).max(column.header.width());
    if column.numeric || widest <= UNCUT_WIDTH {
        widest
    } else {
        widest.min(PROSE_WIDTH.max(column.header.width()))
    }
}

/// The width of the widest cell of a column.
fn widest(listing: &Listing, i: usize, options: &RenderOptions) -> usize {
    listing
        .rows
        .iter()
        .filter_map(|row| row.get(i))
        .map(|cell| shown_cell(cell, options).width())
        .max()
        .unwrap_or(0)
}

/// A cell's text as the grid shows it: at most [`crate::shown::CELL_CHARS`]
/// characters, and on a terminal, where each row is one line, no more than
/// the width can show. It is cut before comfy-table lays it out, so that
/// the layout costs what is shown, however long an unbroken word in the
/// data (and comfy-table's widths, `u16`, never overflow).
fn shown_cell(cell: &Cell, options: &RenderOptions) -> String {
    let text = people_text(cell, options);
    let one_line = options.format == Format::Table && options.columns != Choice::Wide;
    let limit = match options.width.map(usize::from) {
        Some(width) if one_line => width.min(crate::shown::CELL_CHARS),
        _ => crate::shown::CELL_CHARS,
    };
    if text.len() > limit {
        crate::shown::within(&text, limit).into_owned()
    } else {
        text
    }
}

/// Text as lines no wider than the terminal, broken at words (by
/// comfy-table); one line without a width.
fn wrapped(text: &str, width: Option<u16>) -> Vec<String> {
    let Some(width) = width.filter(|&w| usize::from(w) < text.width()) else {
        return vec![text.to_string()];
    };
    let mut table = Table::new();
    table
        .force_no_tty()
        .load_style(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .add_row(vec![text]);
    if let Some(column) = table.column_mut(0) {
        column.set_padding((0, 0));
    }
    table
        .lines()
        .map(|line| line.trim_end().to_string())
        .collect()
}

/// The rows of a listing in a grid, the columns people see: box-drawn for a
/// terminal (in colour when asked), or a Markdown table, its cells escaped.
pub(super) fn grid(
    listing: &Listing,
    options: &RenderOptions,
    markdown: bool,
) -> io::Result<Table> {
    let columns = people_columns(listing, options)?;
    Ok(grid_of(listing, &columns, options, markdown))
}

/// The grid of the given columns.
fn grid_of(listing: &Listing, columns: &[usize], options: &RenderOptions, markdown: bool) -> Table {
    let color = options.color && !markdown;
    let mut table = Table::new();
    table.force_no_tty();
    if color {
        table.enforce_styling();
    }
    // One line per row on a terminal, unless every column is asked for.
    let one_line = options.width.is_some() && options.columns != Choice::Wide && !markdown;
    if markdown {
        table.load_style(presets::ASCII_MARKDOWN);
    } else {
        table.load_style(presets::UTF8_FULL_CONDENSED);
        match options.width {
            Some(width) => {
                table
                    .set_content_arrangement(ContentArrangement::Dynamic)
                    .set_width(width)
                    .set_truncation_indicator("…");
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
        let mut cells: Row = columns
            .iter()
            .map(|&i| grid_cell(row.get(i), options, markdown, color))
            .collect::<Vec<_>>()
            .into();
        if one_line {
            cells.max_height(1);
        }
        table.add_row(cells);
    }
    constrain_columns(&mut table, listing, columns, options);
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
    let text = cell.map_or_else(String::new, |c| shown_cell(c, options));
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

/// Numbers are right-aligned; numbers and short names are never cut, and
/// prose keeps its least width, so that prose columns share the rest.
fn constrain_columns(
    table: &mut Table,
    listing: &Listing,
    columns: &[usize],
    options: &RenderOptions,
) {
    for (position, &i) in columns.iter().enumerate() {
        let numeric = listing.columns.get(i).is_some_and(|c| c.numeric);
        let least = least_width(listing, i, options);
        let widest = widest(listing, i, options);
        if let Some(column) = table.column_mut(position) {
            if numeric {
                column.set_cell_alignment(CellAlignment::Right);
            }
            if numeric || widest <= UNCUT_WIDTH {
                column.set_constraint(ColumnConstraint::ContentWidth);
            } else {
                let least = u16::try_from(least).unwrap_or(u16::MAX);
                column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(least)));
            }
        }
    }
}
