//! Markdown: a listing as a `##` heading, its settings as a list, its rows
//! as a GitHub-flavoured table, then its notes as paragraphs. Text is
//! escaped so that nothing in it is read as Markdown or HTML: no raw HTML,
//! comment, link, image, emphasis, code, heading, list or table cell comes
//! from the data; each cell is one line.

use std::io::{self, Write};

use super::{RenderOptions, shown_line, table};
use crate::listing::Listing;

/// Writes a listing as Markdown.
pub(super) fn write(
    out: &mut dyn Write,
    listing: &Listing,
    options: &RenderOptions,
) -> io::Result<()> {
    let title = shown_line(&listing.title);
    writeln!(out, "## {}\n", escape(&title))?;
    for (key, value) in &listing.meta {
        let line = format!("{key}: {}", shown_line(value));
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
        writeln!(out, "\n{}", paragraph(&escape(&shown_line(note))))?;
    }
    Ok(())
}

/// Text with a backslash before each character Markdown (GitHub's) or
/// HTML would read as markup: `\`, `` ` ``, `*`, `[`, `]`, `|`, `~`, `$`,
/// `_` but between two letters or digits (where it is never emphasis), `<`
/// unless a space follows (a tag, a comment, an autolink), `&` before a
/// letter, digit or `#` (an entity). Line breaks are spaces.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut previous = None::<char>;
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let markup = match c {
            '\\' | '`' | '*' | '[' | ']' | '|' | '~' | '$' => true,
            '_' => !(word(previous) && word(next)),
            '<' => next.is_some_and(|n| !n.is_whitespace()),
            '&' => next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'),
            _ => false,
        };
        if markup {
            out.push('\\');
        }
        match c {
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
        previous = Some(c);
    }
    out
}

/// Escaped text as a paragraph of its own: a mark that would start another
/// block at the start of a line (a heading, a quote, a list item, a rule, a
/// code block by indenting) is escaped too.
fn paragraph(escaped: &str) -> String {
    let text = escaped.trim_start();
    let digits = text
        .len()
        .saturating_sub(text.trim_start_matches(|c: char| c.is_ascii_digit()).len());
    let marked = match text.get(digits..).and_then(|rest| rest.chars().next()) {
        Some('.' | ')') if digits > 0 => Some(digits),
        Some('#' | '>' | '-' | '+' | '=') if digits == 0 => Some(0),
        _ => None,
    };
    match marked.and_then(|at| Some((text.get(..at)?, text.get(at..)?))) {
        Some((before, after)) => format!("{before}\\{after}"),
        None => text.to_string(),
    }
}
