//! Renderers: a [`Listing`] as a table for people, or as CSV, JSON or
//! Markdown for machines; bar charts as text or SVG ([`chart`]). Adding a
//! format adds a file here and a line to the dispatch below.
//!
//! - Tables and Markdown print no more digits than an interval justifies,
//!   group thousands, and mark bounds (`>`, `≥`, `<`, `≤`, `≈`): the rules
//!   are in [`crate::text`].
//! - CSV and JSON carry full-precision decimals (JSON as strings), with
//!   `low`/`high` empty or `null` for an unbounded side.
//! - Text from a dataset is untrusted: control characters never reach a
//!   terminal, and a CSV text cell that a spreadsheet would run as a formula
//!   is neutralised.

mod cell;
pub mod chart;
mod csv;
mod json;
mod markdown;
mod table;

use std::io::{self, Write};

use crate::error::{Error, Result};
use crate::listing::{Cell, Listing, Making, Report, Section, Show};

pub use crate::listing::Illustration;

pub use csv::neutralise_formula;

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

/// Renders a report: the one way every command's output is written.
///
/// CSV and JSON write each row as its section makes it, so that a section
/// of millions of rows is never held whole; tables and Markdown, which
/// align their columns, gather a section's rows first. A section whose
/// rows stop at an error has the rows before it written (CSV, JSON), and
/// the error is returned.
pub fn render(out: &mut dyn Write, report: Report<'_>, options: &RenderOptions) -> Result<()> {
    let Report {
        name,
        sections,
        illustrations,
    } = report;
    match options.format {
        Format::Json => json::write(out, name, sections),
        Format::Csv => {
            for (n, section) in sections.into_iter().enumerate() {
                if n > 0 {
                    writeln!(out).map_err(Error::Output)?;
                }
                match section.into_making() {
                    (head, Making::Parts(parts, make)) => {
                        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
                        csv::write_parts(out, &head, parts, &make, threads)?;
                    }
                    (head, Making::InOrder(rows)) => csv::write(out, Section::new(head, rows))?,
                }
            }
            Ok(())
        }
        Format::Table | Format::Markdown => {
            for (n, section) in sections.into_iter().enumerate() {
                if n > 0 {
                    writeln!(out).map_err(Error::Output)?;
                }
                let listing = gather(section)?;
                let after = illustrations.iter().filter(|i| i.after == listing.name);
                people(out, &listing, after, options).map_err(Error::Output)?;
            }
            Ok(())
        }
    }
}

/// Renders one listing made whole (see [`render`]).
pub fn render_listing(
    out: &mut dyn Write,
    listing: &Listing,
    options: &RenderOptions,
) -> Result<()> {
    render(out, Report::one(listing), options)
}

/// A section with every row made, for the formats that lay them out.
fn gather(section: Section<'_>) -> Result<Listing> {
    let (mut listing, rows) = section.into_parts();
    let mut gathered = Vec::new();
    rows(&mut |row: &[Cell]| {
        gathered.push(row.to_vec());
        Ok(())
    })?;
    listing.rows = gathered;
    Ok(listing)
}

/// A listing for people, then the lines drawn after it: in tables as they
/// are, in Markdown as a code block.
fn people<'i>(
    out: &mut dyn Write,
    listing: &Listing,
    illustrations: impl Iterator<Item = &'i Illustration>,
    options: &RenderOptions,
) -> io::Result<()> {
    let markdown = options.format == Format::Markdown;
    if markdown {
        markdown::write(out, listing, options)?;
    } else {
        table::write(out, listing, options)?;
    }
    for illustration in illustrations {
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
    Ok(())
}

/// The indices of the columns people (or machines) see.
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

/// Text safe for a terminal: control characters (escape sequences, carriage
/// returns, bells) removed, line breaks and tabs turned into spaces.
///
/// ```
/// use earnings::render::clean_terminal;
/// assert_eq!(clean_terminal("a\u{1b}[31mred\u{7}\r\nb"), "a[31mred b");
/// ```
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

#[cfg(test)]
mod tests;
