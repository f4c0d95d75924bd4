//! Markdown: a listing as a `##` heading, its settings as a list, its rows
//! as a GitHub-flavoured table, then its notes as paragraphs. Text from the
//! dataset is escaped so that it cannot break the table.

use std::io::{self, Write};

use super::{RenderOptions, clean_terminal, table};
use crate::listing::Listing;

/// Writes a listing as Markdown.
pub(super) fn write(
    out: &mut dyn Write,
    listing: &Listing,
    options: &RenderOptions,
) -> io::Result<()> {
    let title = clean_terminal(&listing.title);
    writeln!(out, "## {}\n", escape(&title))?;
    for (key, value) in &listing.meta {
        let line = format!("{key}: {}", clean_terminal(value));
        writeln!(out, "- {}", escape(&line))?;
    }
    if !listing.meta.is_empty() {
        writeln!(out)?;
    }
    if listing.rows.is_empty() {
        writeln!(out, "_(none)_")?;
    } else {
        writeln!(out, "{}", table::grid(listing, options, true)?)?;
    }
    for note in &listing.notes {
        writeln!(out, "\n{}", escape(&clean_terminal(note)))?;
    }
    Ok(())
}

/// Text with the characters that would end a table cell or start an escape
/// escaped: `|` and `\`.
pub(super) fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('|', "\\|")
}
