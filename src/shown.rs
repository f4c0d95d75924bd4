//! Text from a dataset made safe to show to a person: the one home of that
//! rule, used by every error, warning, table, chart and Markdown document.
//!
//! A dataset is untrusted. Its text could hold characters that act on a
//! terminal (an escape sequence rewriting the screen or its title, a bell)
//! or that make a line lie about its order (bidirectional overrides and
//! isolates), and it can be of any length. Shown to a person, such a
//! character is written as an escape, as [`char::escape_debug`] writes it
//! (`\u{1b}`, `\u{202e}`, `\n`), and a text longer than a reader reads is cut
//! and ends in `…`. The work is bounded by the length shown, not the length
//! of the text: a 100 MB value costs what its first few characters cost.
//!
//! CSV and JSON are for programs: they carry the exact text, escaped only as
//! their format requires (see `render`).
//!
//! ```
//! use earnings::shown;
//! assert_eq!(shown::text("FY\u{1b}]0;title\u{7}"), "FY\\u{1b}]0;title\\u{7}");
//! assert_eq!(shown::quoted("a\u{202e}b"), "\"a\\u{202e}b\"");
//! let long = "9".repeat(1_000_000);
//! assert_eq!(shown::text(&long).chars().count(), shown::MESSAGE_CHARS + 1);
//! ```

use std::borrow::Cow;
use std::fmt::Write as _;

/// At most this many characters of one data text in a message (an error or
/// a warning), the `…` that ends a cut text aside.
pub const MESSAGE_CHARS: usize = 80;

/// At most this many characters of one text in a table cell or a note
/// where no terminal width cuts it shorter (a pipe, a file, Markdown).
pub const CELL_CHARS: usize = 1_000;

/// Whether a character is shown as an escape: a control character (C0, DEL,
/// C1), a bidirectional mark, embedding, override or isolate, or an
/// invisible format character (zero-width characters, the soft hyphen, line
/// and paragraph separators, tags, the byte order mark) that can hide text
/// or make two different texts look the same.
pub fn acts(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

/// A data text in a message: characters that act shown as escapes, cut at
/// [`MESSAGE_CHARS`].
pub fn text(text: &str) -> Cow<'_, str> {
    within(text, MESSAGE_CHARS)
}

/// A data text in a message, in double quotes, as [`text`] shows it.
pub fn quoted(text: &str) -> String {
    format!("\"{}\"", self::text(text))
}

/// A text with every character that acts shown as an escape, and cut with
/// `…` past `limit` characters (an escape is never cut in two). Text that
/// needs neither is returned as it is.
pub fn within(text: &str, limit: usize) -> Cow<'_, str> {
    shown(text, limit, false)
}

/// A text on one line of a table or a chart: as [`within`], but line breaks
/// and tabs are a space (they only lay the text out).
pub fn line(text: &str, limit: usize) -> Cow<'_, str> {
    shown(text, limit, true)
}

/// Every line of a text as [`within`] shows it, uncut, its line breaks
/// kept: the last guard on a message written to a terminal.
pub fn lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && acts(c)) {
        return Cow::Borrowed(text);
    }
    let shown: Vec<Cow<'_, str>> = text.split('\n').map(|l| within(l, usize::MAX)).collect();
    Cow::Owned(shown.join("\n"))
}

fn shown(text: &str, limit: usize, spaces: bool) -> Cow<'_, str> {
    // A text of at most `limit` bytes has at most `limit` characters.
    if text.len() <= limit && !text.chars().any(acts) {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut count = 0usize;
    let mut escape = String::new();
    for c in text.chars() {
        escape.clear();
        if spaces && matches!(c, '\n' | '\t') {
            escape.push(' ');
        } else if acts(c) {
            match c {
                '\0' | '\t' | '\n' | '\r' => write!(escape, "{}", c.escape_debug()),
                c => write!(escape, "{}", c.escape_unicode()),
            }
            .unwrap_or_default();
        } else {
            escape.push(c);
        }
        let width = escape.chars().count();
        if count.saturating_add(width) > limit {
            out.push('…');
            return Cow::Owned(out);
        }
        count = count.saturating_add(width);
        out.push_str(&escape);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_acts_as_escape_debug_does() {
        assert_eq!(text("a\u{1b}[31mb\u{7}"), "a\\u{1b}[31mb\\u{7}");
        assert_eq!(text("l\nt\tr\r0\0"), "l\\nt\\tr\\r0\\0");
        for c in [
            '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}', '\u{9b}', '\u{feff}',
        ] {
            assert_eq!(text(&c.to_string()), c.escape_unicode().to_string());
        }
        assert_eq!(text("kept ¶2 − é 亿 \"q\" \\"), "kept ¶2 − é 亿 \"q\" \\");
    }

    #[test]
    fn cuts_long_text_without_splitting_an_escape() {
        let long = "x".repeat(MESSAGE_CHARS.saturating_add(1));
        let cut = text(&long);
        assert_eq!(cut.chars().count(), MESSAGE_CHARS.saturating_add(1));
        assert!(cut.ends_with('…'));
        assert_eq!(within("abc\u{1b}", 5), "abc…");
        assert_eq!(within("abc\u{1b}", 9), "abc\\u{1b}");
        assert_eq!(text(&"x".repeat(MESSAGE_CHARS)), "x".repeat(MESSAGE_CHARS));
    }

    #[test]
    fn a_line_for_a_table_and_lines_for_a_message() {
        assert_eq!(line("a\nb\tc\u{1b}", 100), "a b c\\u{1b}");
        assert_eq!(lines("one\u{7}\n  two"), "one\\u{7}\n  two");
        assert!(matches!(lines("one\ntwo"), Cow::Borrowed(_)));
    }
}
