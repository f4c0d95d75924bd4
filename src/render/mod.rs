//! Renderers: a [`Listing`] as a table for people, or as CSV, JSON or
//! Markdown for machines; bar charts as text or SVG ([`chart`]). Adding a
//! format adds a file here and a line to the dispatch below.
//!
//! - Tables and Markdown print no more digits than an interval justifies,
//!   group thousands, and mark bounds (`>`, `≥`, `<`, `≤`, `≈`): the rules
//!   are in [`crate::text`].
//! - CSV and JSON carry plain decimals (JSON as strings) of at most
//!   [`crate::text::MACHINE_DIGITS`] significant digits unless asked for
//!   more, each interval's `low` rounded down and `high` up so that it still
//!   holds the exact interval; `low`/`high` are empty or `null` for an
//!   unbounded side.
//! - Text from a dataset is untrusted. Tables, charts and Markdown show it
//!   as [`crate::shown`] does (control and bidirectional characters made
//!   visible, long text cut with `…`), and Markdown escapes what Markdown or
//!   HTML would read as markup. CSV and JSON carry the exact text, escaped
//!   only as their format requires, except that a CSV text cell a
//!   spreadsheet would run as a formula is neutralised.
//! - Workbooks (`-o FILE.xlsx`, [`xlsx`]) hold numbers as numbers, text as
//!   text, and the live formulas of the model ([`crate::report::workbook`]).

mod cell;
pub mod chart;
mod csv;
mod json;
mod markdown;
mod table;
pub mod xlsx;

use std::io::{self, Write};

use crate::error::{Error, Result};
use crate::listing::{Cell, Choice, Listing, Making, Report, Section, Show};
use crate::text::Digits;

pub use crate::listing::Illustration;

pub use csv::{SECTION, neutralise_formula};

/// An output format.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Aligned tables for people.
    #[default]
    Table,
    /// CSV with a header row, plain decimal numbers.
    Csv,
    /// JSON with numbers as strings of decimals.
    Json,
    /// GitHub-flavoured Markdown tables.
    Markdown,
}

/// How to render.
#[derive(Clone, Debug, Default)]
pub struct RenderOptions {
    /// The format.
    pub format: Format,
    /// Decimals to print in tables, overriding what intervals justify.
    pub precision: Option<u32>,
    /// Colour in tables (decided by the caller: a terminal, no `NO_COLOR`).
    pub color: bool,
    /// The terminal's width: tables fit it, one line per row, cutting long
    /// cells. `None` (a pipe, a file) keeps every row whole on one line.
    pub width: Option<u16>,
    /// Significant digits of CSV and JSON numbers.
    pub digits: Digits,
    /// The columns tables and Markdown show (CSV and JSON show every one).
    pub columns: Choice,
}

/// Renders a report: the one way every command's output is written.
///
/// CSV and JSON write each row as its section makes it, so that a section
/// of millions of rows is never held whole (a section made in parts is made
/// on every core for CSV); tables and Markdown, which align their columns,
/// gather a section's rows first. A section whose rows stop at an error has
/// the rows before it written (CSV, JSON), and the error is returned. In CSV
/// a report of several sections is one table whose first column names each
/// row's section (see [`SECTION`]).
pub fn render(out: &mut dyn Write, report: Report<'_>, options: &RenderOptions) -> Result<()> {
    let Report {
        name,
        sections,
        illustrations,
    } = report;
    match options.format {
        Format::Json => json::write(out, name, sections, options.digits),
        Format::Csv if sections.len() > 1 => csv::write_sections(out, sections, options.digits),
        Format::Csv => {
            for section in sections {
                match section.into_making() {
                    (head, Making::Parts(parts, make)) => {
                        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
                        csv::write_parts(out, &head, parts, &make, threads, options.digits)?;
                    }
                    (head, Making::InOrder(rows)) => {
                        csv::write(out, Section::new(head, rows), options.digits)?;
                    }
                }
            }
            Ok(())
        }
        Format::Table | Format::Markdown => {
            if sections.len() == 1 {
                for section in sections {
                    let one = gather(section)?;
                    let after = illustrations.iter().filter(|i| i.after == one.name);
                    people(out, &one, after, options).map_err(usage_or_output)?;
                }
                return Ok(());
            }
            // The columns asked for are checked against every head first;
            // then each section is gathered, laid out and let go before
            // the next is made, so that only one section's rows are held.
            let heads: Vec<Listing> = sections.iter().map(|s| s.head.clone()).collect();
            check_columns(&heads, options).map_err(usage_or_output)?;
            let mut shown = 0usize;
            for section in sections {
                let listing = [gather(section)?];
                for (listing, options) in shown_sections(&listing, options) {
                    if shown > 0 {
                        writeln!(out).map_err(Error::Output)?;
                    }
                    shown = shown.saturating_add(1);
                    let after = illustrations.iter().filter(|i| i.after == listing.name);
                    people(out, listing, after, &options).map_err(usage_or_output)?;
                }
            }
            Ok(())
        }
    }
}

/// Renders one listing made whole (see [`render`]).
///
/// ```
/// use earnings::render::{Format, RenderOptions, render_listing};
/// use earnings::report::{Money, Selection, facts};
/// use earnings::{Dataset, Figures};
/// let data = Dataset::bundled().unwrap();
/// let figures = Figures::build(&data).unwrap();
/// let selection = Selection { metrics: vec!["revenue".into()], ..Selection::default() };
/// let listing = facts::listing(&figures, &selection, &Money::default()).unwrap();
/// let options = RenderOptions { format: Format::Csv, ..RenderOptions::default() };
/// let mut csv = Vec::new();
/// render_listing(&mut csv, &listing, &options).unwrap();
/// assert!(String::from_utf8(csv).unwrap().starts_with("entity,metric,period,"));
/// ```
pub fn render_listing(
    out: &mut dyn Write,
    listing: &Listing,
    options: &RenderOptions,
) -> Result<()> {
    render(out, Report::one(listing), options)
}

/// A bad `--columns` is the user's mistake (exit 2 with its message); any
/// other failure to write is the output's.
fn usage_or_output(error: io::Error) -> Error {
    if error.kind() == io::ErrorKind::InvalidInput {
        Error::Usage(error.to_string())
    } else {
        Error::Output(error)
    }
}

/// The most rows of a section a table or Markdown shows. Laying out a grid
/// takes its rows whole, and a grid of a million rows (a screening
/// dataset's `metrics`) takes gigabytes and minutes for nobody to read:
/// past this many, the rows are counted, not kept, and a note says how to
/// see them all.
pub const TABLE_ROWS: usize = 10_000;

/// A section with its rows made, for the formats that lay them out: the
/// first [`TABLE_ROWS`], and a note counting the rest.
fn gather(section: Section<'_>) -> Result<Listing> {
    let (mut listing, rows) = section.into_parts();
    let mut gathered = Vec::new();
    let mut more = 0usize;
    rows(&mut |row: &[Cell]| {
        if gathered.len() < TABLE_ROWS {
            gathered.push(row.to_vec());
        } else {
            more = more.saturating_add(1);
        }
        Ok(())
    })?;
    listing.rows = gathered;
    if more > 0 {
        listing.notes.insert(
            0,
            format!(
                "{more} more rows left out: a table shows the first {TABLE_ROWS}; \
                 --format csv or json lists every row, --entity, --metric and --period narrow them."
            ),
        );
    }
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
            writeln!(out, "{}", shown_line(line).replace('`', "'"))?;
        }
        if markdown {
            writeln!(out, "```")?;
        }
    }
    Ok(())
}

/// The sections of a report people see, each with its options: those with
/// rows or notes (an empty one would say nothing but its title) and, with `--columns`,
/// with one of the columns, which shows those of them it has.
fn shown_sections<'s>(
    sections: &'s [Listing],
    options: &'s RenderOptions,
) -> impl Iterator<Item = (&'s Listing, RenderOptions)> {
    sections
        .iter()
        .filter(|section| !section.rows.is_empty() || !section.notes.is_empty())
        .filter_map(move |section| {
            let Choice::Keys(keys) = &options.columns else {
                return Some((section, options.clone()));
            };
            let has = |key: &&String| {
                section
                    .columns
                    .iter()
                    .any(|c| c.key == key.as_str() && c.show != Show::Machines)
            };
            let kept: Vec<String> = keys.iter().filter(has).cloned().collect();
            (!kept.is_empty()).then(|| {
                let columns = Choice::Keys(kept);
                (
                    section,
                    RenderOptions {
                        columns,
                        ..options.clone()
                    },
                )
            })
        })
}

/// Refuses `--columns` naming a column no section of a report has, before
/// anything is written; a section without some of the columns shows those
/// it has.
fn check_columns(sections: &[Listing], options: &RenderOptions) -> io::Result<()> {
    let Choice::Keys(keys) = &options.columns else {
        return Ok(());
    };
    for key in keys {
        let single = RenderOptions {
            columns: Choice::Keys(vec![key.clone()]),
            ..options.clone()
        };
        let errors: Vec<io::Error> = sections
            .iter()
            .filter_map(|s| people_columns(s, &single).err())
            .collect();
        if errors.len() == sections.len()
            && let Some(error) = errors.into_iter().next()
        {
            return Err(error);
        }
    }
    Ok(())
}

/// The indices of the columns people see, as `--wide` and `--columns`
/// choose; in a section of a report, a chosen column the section lacks is
/// skipped. A column no listing has is an error (bad usage).
pub(crate) fn people_columns(listing: &Listing, options: &RenderOptions) -> io::Result<Vec<usize>> {
    crate::listing::chosen(&listing.columns, &options.columns, true)
        .map_err(|message| io::Error::new(io::ErrorKind::InvalidInput, message))
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

/// Text from a dataset on one line for people, as [`crate::shown::line`]
/// shows it: what acts made visible, cut past [`crate::shown::CELL_CHARS`].
pub(crate) fn shown_line(text: &str) -> std::borrow::Cow<'_, str> {
    crate::shown::line(text, crate::shown::CELL_CHARS)
}

#[cfg(test)]
mod tests;
