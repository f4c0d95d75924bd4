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

use crate::listing::{Cell, Choice, Listing, Show};
use crate::text::Digits;

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

/// Renders one listing.
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
) -> io::Result<()> {
    match options.format {
        Format::Table => table::write(out, listing, options),
        Format::Markdown => markdown::write(out, listing, options),
        Format::Csv | Format::Json => render_rows(out, listing, listing.rows.iter(), options),
    }
}

/// Renders a listing whose rows come one at a time (`listing.rows` is left
/// out): CSV and JSON are written row by row, so that a listing of millions
/// of rows is never held whole; tables and Markdown, which align their
/// columns, gather the rows first.
///
/// The rows may stop early (an error met while making them, which the
/// caller keeps): what was written stays written.
pub fn render_rows<R: AsRef<[Cell]>>(
    out: &mut dyn Write,
    listing: &Listing,
    rows: impl Iterator<Item = R>,
    options: &RenderOptions,
) -> io::Result<()> {
    match options.format {
        Format::Table | Format::Markdown => {
            let mut gathered = Listing {
                rows: Vec::new(),
                ..listing.clone()
            };
            gathered.rows = rows.map(|row| row.as_ref().to_vec()).collect();
            render_listing(out, &gathered, options)
        }
        Format::Csv => csv::write(out, listing, rows, options.digits),
        Format::Json => json::write(out, listing, rows, options.digits),
    }
}

/// Renders rows made in parts (`make(i)` gives the rows of part `i`), the
/// parts written in order. CSV parts are made by up to `threads` threads at
/// once, each taking whole parts, so that a listing of millions of rows
/// takes every core; other formats take the parts one after another.
///
/// The rows stop at the first error met in making them (in the order of the
/// rows), which is returned: the rows before it are written.
pub fn render_parts<E, R, I, F>(
    out: &mut dyn Write,
    listing: &Listing,
    parts: usize,
    make: F,
    threads: usize,
    options: &RenderOptions,
) -> io::Result<Option<E>>
where
    E: Send,
    R: AsRef<[Cell]>,
    I: Iterator<Item = Result<R, E>>,
    F: Fn(usize) -> I + Sync,
{
    let threads = threads.clamp(1, parts.max(1));
    if options.format != Format::Csv || threads == 1 {
        let mut failure = None;
        let rows = (0..parts)
            .flat_map(&make)
            .map_while(|row| row.map_err(|e| failure = Some(e)).ok());
        render_rows(out, listing, rows, options)?;
        return Ok(failure);
    }
    csv::write_parts(out, listing, parts, make, threads, options.digits)
}

/// Renders a report of several sections: in CSV one table whose first
/// column names each row's section (see [`SECTION`]).
pub fn render_report(
    out: &mut dyn Write,
    name: &str,
    sections: &[Listing],
    options: &RenderOptions,
) -> io::Result<()> {
    match options.format {
        Format::Json => json::write_report(out, name, sections, options.digits),
        Format::Csv => csv::write_sections(out, sections, options.digits),
        Format::Table | Format::Markdown => {
            check_columns(sections, options)?;
            for (n, (section, options)) in shown_sections(sections, options).enumerate() {
                if n > 0 {
                    writeln!(out)?;
                }
                render_listing(out, section, &options)?;
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
    check_columns(sections, options)?;
    for (n, (section, options)) in shown_sections(sections, options).enumerate() {
        if n > 0 {
            writeln!(out)?;
        }
        render_listing(out, section, &options)?;
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
