//! Reading the numbers of one paragraph: its tokens, then each number with
//! the words before it (qualifier, direction, currency) and after it
//! (range, scale, unit).

use crate::period::Period;
use crate::value::{BoundKind, Scale, Unit, WrittenDecimal};

use super::Number;
use super::words::{self, DOWN, UP};

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Class {
    /// Digits, with thousands separators and a decimal point.
    Digits,
    /// Letters (with inner hyphens and apostrophes).
    Word,
    /// One CJK character (万, 亿, 元).
    Cjk,
    /// Any other character.
    Sym(char),
}

/// A token: its class, its place in the paragraph (bytes), and whether it
/// starts a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Token {
    pub class: Class,
    pub start: usize,
    pub end: usize,
    pub line_start: bool,
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// Splits a paragraph into tokens.
pub(super) fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut line_start = true;
    while let Some((start, c)) = chars.next() {
        if c == '\n' {
            line_start = true;
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        let class = if c.is_ascii_digit() {
            Class::Digits
        } else if is_cjk(c) {
            Class::Cjk
        } else if c.is_alphabetic() {
            Class::Word
        } else {
            Class::Sym(c)
        };
        let mut end = start.saturating_add(c.len_utf8());
        let rest = |at: usize| text.get(at..).unwrap_or("");
        match class {
            Class::Digits => {
                while let Some(&(at, next)) = chars.peek() {
                    let after = rest(at.saturating_add(1));
                    let digit_after = after.starts_with(|d: char| d.is_ascii_digit());
                    let thousands = next == ','
                        && after.len() >= 3
                        && after.bytes().take(3).all(|b| b.is_ascii_digit())
                        && !after.as_bytes().get(3).is_some_and(|b| b.is_ascii_digit());
                    if next.is_ascii_digit() || (next == '.' && digit_after) || thousands {
                        end = at.saturating_add(next.len_utf8());
                        chars.next();
                    } else {
                        break;
                    }
                }
            }
            Class::Word => {
                while let Some(&(at, next)) = chars.peek() {
                    let after = rest(at.saturating_add(next.len_utf8()));
                    let letter_after = after.starts_with(|l: char| l.is_alphabetic() && !is_cjk(l));
                    let inner = matches!(next, '-' | '\'' | '’') && letter_after;
                    if (next.is_alphabetic() && !is_cjk(next)) || inner {
                        end = at.saturating_add(next.len_utf8());
                        chars.next();
                    } else {
                        break;
                    }
                }
            }
            _ => {}
        }
        out.push(Token {
            class,
            start,
            end,
            line_start,
        });
        line_start = false;
    }
    out
}

/// How far a sentence reaches from a number, in tokens, at most.
const SENTENCE_REACH: usize = 120;

/// A paragraph being read: its text and tokens.
pub(super) struct Para<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
}

impl<'a> Para<'a> {
    pub(super) fn token(&self, i: usize) -> Option<Token> {
        self.tokens.get(i).copied()
    }

    pub(super) fn raw(&self, i: usize) -> &'a str {
        self.token(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    /// A word token, in lowercase.
    pub(super) fn word(&self, i: usize) -> Option<String> {
        let token = self.token(i)?;
        matches!(token.class, Class::Word | Class::Cjk).then(|| self.raw(i).to_lowercase())
    }

    pub(super) fn is_word(&self, i: usize, word: &str) -> bool {
        self.word(i).is_some_and(|w| w == word)
    }

    pub(super) fn sym(&self, i: usize) -> Option<char> {
        match self.token(i)?.class {
            Class::Sym(c) => Some(c),
            _ => None,
        }
    }

    pub(super) fn is_digits(&self, i: usize) -> bool {
        self.token(i).is_some_and(|t| t.class == Class::Digits)
    }

    /// Whether tokens `i` and `i + 1` touch (no space between).
    pub(super) fn touching(&self, i: usize) -> bool {
        match (self.token(i), self.token(i.saturating_add(1))) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// The text from token `from` to token `to`, both included.
    pub(super) fn span(&self, from: usize, to: usize) -> String {
        match (self.token(from), self.token(to)) {
            (Some(a), Some(b)) => self
                .text
                .get(a.start..b.end)
                .unwrap_or("")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            _ => String::new(),
        }
    }

    /// The tokens of the sentence around token `i`.
    ///
    /// At most [`SENTENCE_REACH`] tokens either side, so that a text with no
    /// full stop costs time in proportion to its length, not its square.
    pub(super) fn sentence(&self, i: usize) -> (usize, usize) {
        let ends = |j: usize| matches!(self.sym(j), Some('.' | '!' | '?' | '。' | ';'));
        let first = i.saturating_sub(SENTENCE_REACH);
        let last = i
            .saturating_add(SENTENCE_REACH)
            .min(self.tokens.len().saturating_sub(1));
        let mut start = i;
        while start > first && !ends(start.saturating_sub(1)) {
            start = start.saturating_sub(1);
        }
        let mut end = i;
        while end < last && !ends(end) {
            end = end.saturating_add(1);
        }
        (start, end)
    }
}

/// Reads the numbers of one paragraph.
pub(super) fn paragraph(text: &str, paragraph: usize, out: &mut Vec<Number>) {
    let para = Para {
        text,
        tokens: tokens(text),
    };
    let mut i = 0;
    while i < para.tokens.len() {
        match read_at(&para, i, paragraph) {
            Some((number, next)) => {
                out.push(number);
                i = next.max(i.saturating_add(1));
            }
            None => i = i.saturating_add(1),
        }
    }
}

/// The core of a number before its context: value, range, scale, unit and
/// the tokens it spans.
pub(super) struct Core {
    pub value: WrittenDecimal,
    pub high: Option<WrittenDecimal>,
    pub scale: Scale,
    pub unit: Option<Unit>,
    pub bound: Option<BoundKind>,
    pub fraction: Option<(u32, u32)>,
    /// The first and last tokens it spans.
    pub first: usize,
    pub last: usize,
}

/// The number starting at token `i`, if one does, and the token after it.
fn read_at(para: &Para<'_>, i: usize, paragraph: usize) -> Option<(Number, usize)> {
    let core = if para.is_digits(i) {
        digits_core(para, i)?
    } else {
        word_core(para, i)?
    };
    Some(super::context::finish(para, core, paragraph))
}

/// A written decimal from digits as printed (thousands separators out).
fn decimal(text: &str, negative: bool) -> Option<WrittenDecimal> {
    let digits: String = text.chars().filter(|&c| c != ',').collect();
    let signed = if negative {
        format!("-{digits}")
    } else {
        digits
    };
    signed.parse().ok()
}

/// Whether the number at token `i` is no figure: a date, a year, a time, a
/// paragraph or list number, part of a name (`Q4`, `FY2026`, `5G`).
fn not_a_figure(para: &Para<'_>, i: usize) -> bool {
    let before = i.checked_sub(1);
    let raw = para.raw(i);
    let integer = raw.bytes().all(|b| b.is_ascii_digit());
    let small = integer && raw.len() <= 2;
    if let Some(b) = before {
        if matches!(para.sym(b), Some('¶' | '§' | '#' | '/' | ':')) && para.touching(b) {
            return true;
        }
        // The rest of "2026-05-14" once its year is passed over.
        let joined = matches!(para.sym(b), Some('-' | '–'))
            && para.touching(b)
            && b.checked_sub(1)
                .is_some_and(|a| para.is_digits(a) && para.touching(a));
        if joined {
            return true;
        }
        let glued_word = para
            .word(b)
            .is_some_and(|w| words::currency_word(&w).is_none())
            && para.touching(b)
            && para.token(b).is_some_and(|t| t.class == Class::Word);
        if glued_word || (small && para.word(b).is_some_and(|w| words::is_month(&w))) {
            return true;
        }
    }
    let next = i.saturating_add(1);
    if para.touching(i) {
        if let Some(w) = para.word(next) {
            let known = words::scale_word(&w, true).is_some()
                || w == "x"
                || words::currency_word(&w).is_some();
            if !known && para.token(next).is_some_and(|t| t.class == Class::Word) {
                return true;
            }
        }
        if matches!(para.sym(next), Some(':' | '/')) && para.is_digits(next.saturating_add(1)) {
            return true;
        }
    }
    if small && para.word(next).is_some_and(|w| words::is_month(&w)) {
        return true;
    }
    // List numbering: "1." or "1)" opening a line.
    let opens_line = para.token(i).is_some_and(|t| t.line_start)
        || (before.is_some_and(|b| {
            para.sym(b) == Some('(') && para.token(b).is_some_and(|t| t.line_start)
        }));
    if opens_line && integer && matches!(para.sym(next), Some('.' | ')')) && para.touching(i) {
        return true;
    }
    is_year(para, i)
}

/// A year: four digits from 1900 to 2100 with no scale, unit or currency.
fn is_year(para: &Para<'_>, i: usize) -> bool {
    let raw = para.raw(i);
    let year = raw.len() == 4
        && raw.bytes().all(|b| b.is_ascii_digit())
        && ("1900"..="2100").contains(&raw);
    if !year {
        return false;
    }
    let next = i.saturating_add(1);
    let followed = para.sym(next) == Some('%')
        || para.word(next).is_some_and(|w| {
            words::scale_word(&w, false).is_some()
                || words::currency_word(&w).is_some()
                || matches!(w.as_str(), "percent" | "times" | "万" | "亿")
        });
    let currency_before = i
        .checked_sub(1)
        .and_then(|b| para.sym(b))
        .is_some_and(|c| words::currency_symbol(c).is_some());
    !followed && !currency_before
}

/// A number in digits at token `i`, with its range, scale and unit.
fn digits_core(para: &Para<'_>, i: usize) -> Option<Core> {
    if not_a_figure(para, i) {
        return None;
    }
    let minus_at = i.checked_sub(1).filter(|&b| {
        matches!(para.sym(b), Some('-' | '−'))
            && para.touching(b)
            && !b.checked_sub(1).is_some_and(|a| para.touching(a))
    });
    let value = decimal(para.raw(i), minus_at.is_some())?;
    let mut core = Core {
        value,
        high: None,
        scale: Scale::Unit,
        unit: None,
        bound: None,
        fraction: None,
        first: minus_at.unwrap_or(i),
        last: i,
    };
    let mut k = i.saturating_add(1);
    // "60-80%": a range in one word.
    if matches!(para.sym(k), Some('-' | '–' | '—'))
        && para.touching(i)
        && para.touching(k)
        && para.is_digits(k.saturating_add(1))
    {
        let high_at = k.saturating_add(1);
        core.high = decimal(para.raw(high_at), false);
        core.bound = Some(BoundKind::Range);
        k = high_at.saturating_add(1);
        core.last = high_at;
    }
    let (scale, unit, after) = suffix(para, k.saturating_sub(1));
    core.scale = scale;
    core.unit = unit;
    core.last = after.saturating_sub(1).max(core.last);
    range_in_words(para, &mut core, after);
    Some(core)
}

/// "10 to 12 billion", "60% to 80%": the second number and its suffix.
fn range_in_words(para: &Para<'_>, core: &mut Core, after: usize) {
    let between = core
        .first
        .checked_sub(1)
        .is_some_and(|b| para.is_word(b, "between"));
    let joined = para.is_word(after, "to") || (between && para.is_word(after, "and"));
    // "from 10 to 12", "fell 19% to 102.1": a change and a level, not a range.
    let changed = (1..=3).any(|back| {
        core.first
            .checked_sub(back)
            .and_then(|b| para.word(b))
            .is_some_and(|w| w == "from" || DOWN.contains(&w.as_str()) || UP.contains(&w.as_str()))
    });
    if core.high.is_some() || !joined || changed {
        return;
    }
    let mut at = after.saturating_add(1);
    if para
        .sym(at)
        .is_some_and(|c| words::currency_symbol(c).is_some())
    {
        at = at.saturating_add(1);
    }
    if !para.is_digits(at) || not_a_figure(para, at) {
        return;
    }
    let Some(high) = decimal(para.raw(at), false) else {
        return;
    };
    if high.value() < core.value.value() {
        return;
    }
    let (scale, unit, end) = suffix(para, at);
    let other_unit = core.unit.is_some() && unit.is_some() && core.unit != unit;
    if (core.scale != Scale::Unit && scale != core.scale) || other_unit {
        return;
    }
    core.high = Some(high);
    core.bound = Some(BoundKind::Range);
    core.scale = scale;
    core.unit = core.unit.take().or(unit);
    core.last = end.saturating_sub(1);
}

/// The scale and unit written after the number at token `i`, and the token
/// after them.
fn suffix(para: &Para<'_>, i: usize) -> (Scale, Option<Unit>, usize) {
    let mut k = i.saturating_add(1);
    let mut scale = Scale::Unit;
    if let Some(w) = para.word(k) {
        if w == "万" && para.is_word(k.saturating_add(1), "亿") {
            scale = Scale::Trillion;
            k = k.saturating_add(2);
        } else if w == "万" {
            scale = Scale::Wan;
            k = k.saturating_add(1);
        } else if w == "亿" {
            scale = Scale::Yi;
            k = k.saturating_add(1);
        } else if let Some(s) = words::scale_word(&w, para.touching(i)) {
            scale = s;
            k = k.saturating_add(1);
        }
    }
    let (unit, k) = unit_after(para, k);
    (scale, unit, k)
}

/// The unit at token `k`, if one is written there, and the token after it.
fn unit_after(para: &Para<'_>, k: usize) -> (Option<Unit>, usize) {
    let next = k.saturating_add(1);
    let after = next.saturating_add(1);
    match para.sym(k) {
        Some('%' | '％') => return (Some(Unit::Percent), next),
        Some('×') => return (Some(Unit::Multiple), next),
        Some('-') if para.is_word(next, "fold") => return (Some(Unit::Multiple), after),
        _ => {}
    }
    let Some(w) = para.word(k) else {
        return (None, k);
    };
    match w.as_str() {
        "percent" => return (Some(Unit::Percent), next),
        "per" if para.is_word(next, "cent") => return (Some(Unit::Percent), after),
        "percentage" if para.is_word(next, "points") => return (Some(Unit::Percent), after),
        "times" | "fold" | "x" => return (Some(Unit::Multiple), next),
        "us" | "u.s" if para.is_word(next, "dollars") => return (money("USD"), after),
        "hk" if para.is_word(next, "dollars") => return (money("HKD"), after),
        "hong" if para.is_word(next, "kong") && para.is_word(after, "dollars") => {
            return (money("HKD"), after.saturating_add(1));
        }
        _ => {}
    }
    if let Some(code) = words::currency_word(&w) {
        return (money(code), next);
    }
    let noun = w.chars().all(|c| c.is_ascii_lowercase())
        && !words::NOT_NOUNS.contains(&w.as_str())
        && !words::DURATIONS.contains(&w.as_str())
        && !DOWN.contains(&w.as_str())
        && !UP.contains(&w.as_str());
    if noun {
        return (Some(Unit::Count(w.as_str().into())), next);
    }
    (None, k)
}

fn money(code: &str) -> Option<Unit> {
    Some(Unit::Currency(code.into()))
}

/// A number in words at token `i`: `twelve`, `three times`, `doubled`,
/// `a third`.
fn word_core(para: &Para<'_>, i: usize) -> Option<Core> {
    let word = para.word(i)?;
    let core = |value: &str, unit: Option<Unit>, last: usize| -> Option<Core> {
        Some(Core {
            value: value.parse().ok()?,
            high: None,
            scale: Scale::Unit,
            unit,
            bound: None,
            fraction: None,
            first: i,
            last,
        })
    };
    if let Some(multiple) = words::multiple_verb(&word) {
        return core(multiple, Some(Unit::Multiple), i);
    }
    if matches!(word.as_str(), "positive" | "negative") {
        return sign_word(para, i, &word);
    }
    if let Some(found) = fraction_at(para, i, &word) {
        return Some(found);
    }
    let n = words::number_word(&word)?;
    let (scale, unit, after) = suffix(para, i);
    let duration = para
        .word(after)
        .is_some_and(|w| words::DURATIONS.contains(&w.as_str()))
        && unit.is_none();
    // "one" is a figure only with a scale, a currency, a percent or a
    // multiple ("one trillion yuan"; not "at one point").
    let weak = n <= 1 && scale == Scale::Unit && matches!(unit, None | Some(Unit::Count(_)));
    if duration
        || weak
        || para
            .word(after)
            .is_some_and(|w| words::fraction_word(&w).is_some())
    {
        return None;
    }
    let mut found = core(&n.to_string(), unit, after.saturating_sub(1).max(i))?;
    found.scale = scale;
    Some(found)
}

/// "turned negative", "a positive …": a figure on one side of zero.
fn sign_word(para: &Para<'_>, i: usize, word: &str) -> Option<Core> {
    let before = para.word(i.checked_sub(1)?)?;
    let turning = matches!(
        before.as_str(),
        "turn" | "turned" | "turns" | "turning" | "a" | "be" | "become" | "became"
    );
    if !turning {
        return None;
    }
    Some(Core {
        value: "0".parse().ok()?,
        high: None,
        scale: Scale::Unit,
        unit: None,
        bound: Some(if word == "positive" {
            BoundKind::MoreThan
        } else {
            BoundKind::LessThan
        }),
        fraction: None,
        first: i,
        last: i,
    })
}

/// "a third of", "two thirds of", "half of".
fn fraction_at(para: &Para<'_>, i: usize, word: &str) -> Option<Core> {
    let (numerator, denominator_at) = match (word, words::number_word(word)) {
        ("a" | "one", _) => (1, i.saturating_add(1)),
        ("half", _) if para.is_word(i.saturating_add(1), "of") => (1, i),
        (_, Some(n)) if n >= 2 => (n, i.saturating_add(1)),
        _ => return None,
    };
    let denominator = words::fraction_word(&para.word(denominator_at)?)?;
    let after = denominator_at.saturating_add(1);
    if !para.is_word(after, "of") || numerator >= denominator {
        return None;
    }
    let interval = crate::value::fraction(numerator, denominator).ok()?;
    Some(Core {
        value: interval.point().to_string().parse().ok()?,
        high: None,
        scale: Scale::Unit,
        unit: Some(Unit::Ratio),
        bound: None,
        fraction: Some((numerator, denominator)),
        first: i,
        last: denominator_at,
    })
}

/// A period the words name outright: `fiscal 2026`, `2026 fiscal year`,
/// `FY2026` (a two-digit year is left alone: no century is guessed).
pub(super) fn named_period(para: &Para<'_>, i: usize) -> Option<Period> {
    let year = |j: usize| {
        let raw = para.raw(j);
        (para.is_digits(j) && raw.len() == 4).then(|| raw.to_string())
    };
    let fy = if para.is_word(i, "fiscal") {
        let j = if para.is_word(i.saturating_add(1), "year") {
            i.saturating_add(2)
        } else {
            i.saturating_add(1)
        };
        year(j)
    } else if para.is_word(i, "fy") && para.touching(i) {
        year(i.saturating_add(1))
    } else if para.is_word(i.saturating_add(1), "fiscal") {
        year(i).filter(|_| para.is_word(i.saturating_add(2), "year"))
    } else {
        None
    }?;
    format!("FY{fy}").parse().ok()
}
