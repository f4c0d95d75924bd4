//! A number's context: the currency, qualifier and direction written
//! before it, the kind the words around it give it, and the period words
//! of its sentence.

use crate::period::Period;
use crate::value::{BoundKind, Unit, WrittenDecimal};

use super::scan::{Core, Para, named_period};
use super::words::{self, ANNUALIZED, DOWN, FILLERS, QUALIFIERS, SHARE, UP, YOY};
use super::{Kind, Number};

/// Which way the words before a number say it went, and where they are.
#[derive(Clone, Copy)]
struct Direction {
    down: bool,
    /// A noun for a negative level (a loss, an outflow), not a change.
    level: bool,
    /// A verb of growth ("grew", "rose"), which makes "grew three times"
    /// ambiguous.
    growth: bool,
    at: usize,
}

/// The number, read whole, and the token after it.
pub(super) fn finish(para: &Para<'_>, core: Core, paragraph: usize) -> (Number, usize) {
    let next = core.last.saturating_add(1);
    let mut first = core.first;
    let mut unit = core.unit.clone();
    if let Some((code, at)) = currency_before(para, first) {
        unit = unit.or_else(|| Some(Unit::Currency(code.into())));
        first = at;
    }
    let mut bound = core.bound;
    if let Some((qualifier, at)) = qualifier_before(para, first, bound) {
        bound = bound.or(Some(qualifier));
        first = at;
    }
    let direction = direction_before(para, first);
    let mut high = core.high;
    let mut bound = bound.unwrap_or(BoundKind::Rounded);
    if unit == Some(Unit::Multiple) && direction.is_some_and(|d| d.growth) {
        // "grew three times": to three times, or by three times (×4).
        if bound == BoundKind::Rounded {
            high = one_more(&core.value);
            bound = if high.is_some() {
                BoundKind::Range
            } else {
                bound
            };
        }
    }
    let yoy_at = yoy_after(para, next);
    let kind = kind(
        para,
        &core,
        unit.as_ref(),
        direction,
        first,
        next,
        yoy_at.is_some(),
    );
    let mut value = core.value;
    let mut signed_by_words = false;
    let negate = direction.is_some_and(|d| d.down)
        && matches!(kind, Kind::Change | Kind::Yoy | Kind::Level)
        && value.value().is_sign_positive();
    if negate {
        if let Ok(negative) = format!("-{value}").parse::<WrittenDecimal>() {
            value = negative;
            signed_by_words = true;
        }
    }
    let shown_from = match direction {
        Some(d) if matches!(kind, Kind::Change | Kind::Yoy) || d.level => d.at.min(first),
        _ => first,
    };
    let shown_to = match yoy_at {
        Some(at) if at == next => at,
        _ => core.last,
    };
    let (start, end) = para.sentence(core.first);
    let (period_words, period) = period_words(para, start, end);
    let number = Number {
        paragraph,
        words: para.span(shown_from, shown_to),
        value,
        high,
        scale: core.scale,
        unit,
        bound,
        kind,
        period_words,
        period,
        first_time: first_time(para, start, end),
        signed_by_words,
        fraction: core.fraction,
    };
    (number, next)
}

/// N + 1, as written ("grew three times" may be ×4).
fn one_more(value: &WrittenDecimal) -> Option<WrittenDecimal> {
    let top = value.value().checked_add(rust_decimal::Decimal::ONE)?;
    top.to_string().parse().ok()
}

/// A currency written before the number (`$`, `HK$`, `US$`, `RMB`), and
/// the token it starts at.
fn currency_before(para: &Para<'_>, first: usize) -> Option<(&'static str, usize)> {
    let b = first.checked_sub(1)?;
    if let Some(symbol) = para.sym(b) {
        let code = words::currency_symbol(symbol)?;
        if symbol == '$' {
            if let Some(a) = b.checked_sub(1).filter(|&a| para.touching(a)) {
                match para.word(a).as_deref() {
                    Some("hk") => return Some(("HKD", a)),
                    Some("us") => return Some(("USD", a)),
                    _ => {}
                }
            }
        }
        return Some((code, b));
    }
    let word = para.word(b)?;
    let is_code = para.raw(b).chars().all(|c| c.is_ascii_uppercase());
    let code = words::currency_word(&word).filter(|_| is_code)?;
    Some((code, b))
}

/// The qualifier ending just before token `first`, and where it starts.
fn qualifier_before(
    para: &Para<'_>,
    first: usize,
    bound: Option<BoundKind>,
) -> Option<(BoundKind, usize)> {
    if bound == Some(BoundKind::Range) {
        let b = first.checked_sub(1)?;
        return para.is_word(b, "between").then_some((BoundKind::Range, b));
    }
    QUALIFIERS.iter().find_map(|(phrase, kind)| {
        let start = first.checked_sub(phrase.len())?;
        let fits = phrase
            .iter()
            .enumerate()
            .all(|(k, w)| para.is_word(start.saturating_add(k), w));
        fits.then_some((*kind, start))
    })
}

/// The direction word within a few words before token `first`.
fn direction_before(para: &Para<'_>, first: usize) -> Option<Direction> {
    let mut at = first;
    for _ in 0..4 {
        at = at.checked_sub(1)?;
        let word = para.word(at)?;
        let down = DOWN.contains(&word.as_str());
        if down || UP.contains(&word.as_str()) {
            return Some(Direction {
                down,
                level: matches!(word.as_str(), "loss" | "losses" | "outflow" | "outflows"),
                growth: !down,
                at,
            });
        }
        let qualifier = QUALIFIERS
            .iter()
            .any(|(phrase, _)| phrase.contains(&word.as_str()));
        if !FILLERS.contains(&word.as_str()) && !qualifier {
            return None;
        }
    }
    None
}

/// A year-over-year word in the clause after the number, and where.
fn yoy_after(para: &Para<'_>, next: usize) -> Option<usize> {
    let mut at = next;
    for _ in 0..12 {
        if matches!(para.sym(at), Some('.' | ';' | ',' | '!' | '?')) {
            return None;
        }
        let word = para.word(at);
        if word.as_deref().is_some_and(|w| YOY.contains(&w)) {
            return Some(at);
        }
        let same_period = word.as_deref() == Some("same")
            && para.is_word(at.saturating_add(1), "period")
            && para.is_word(at.saturating_add(2), "last");
        if same_period {
            return Some(at);
        }
        at = at.saturating_add(1);
        para.token(at)?;
    }
    None
}

/// What the words make the number.
fn kind(
    para: &Para<'_>,
    core: &Core,
    unit: Option<&Unit>,
    direction: Option<Direction>,
    first: usize,
    next: usize,
    yoy: bool,
) -> Kind {
    if unit == Some(&Unit::Multiple) {
        return Kind::Multiple;
    }
    if core.fraction.is_some() {
        return Kind::Share;
    }
    let before = |list: &[&str], reach: usize| {
        (1..=reach).any(|back| {
            first
                .checked_sub(back)
                .and_then(|b| para.word(b))
                .is_some_and(|w| list.contains(&w.as_str()))
        })
    };
    let run_rate = (1..=6).any(|back| {
        first
            .checked_sub(back)
            .is_some_and(|b| para.is_word(b, "run") && para.is_word(b.saturating_add(1), "rate"))
    });
    if before(ANNUALIZED, 6) || run_rate {
        return Kind::Annualized;
    }
    let percent = unit == Some(&Unit::Percent);
    if percent && (before(SHARE, 4) || para.is_word(next, "of")) && direction.is_none() {
        return Kind::Share;
    }
    match direction {
        Some(d) if !d.level => {
            if yoy {
                Kind::Yoy
            } else {
                Kind::Change
            }
        }
        _ => Kind::Level,
    }
}

/// Whether the sentence says "first time".
fn first_time(para: &Para<'_>, start: usize, end: usize) -> bool {
    (start..end).any(|i| para.is_word(i, "first") && para.is_word(i.saturating_add(1), "time"))
}

/// The period words of a sentence, as written, and a period they name
/// outright.
fn period_words(para: &Para<'_>, start: usize, end: usize) -> (Vec<String>, Option<Period>) {
    let mut found: Vec<String> = Vec::new();
    let mut period = None;
    let mut i = start;
    while i <= end {
        let (len, named) = period_phrase(para, i);
        if len > 0 {
            let last = i.saturating_add(len).saturating_sub(1);
            let text = para.span(i, last);
            if !found.contains(&text) {
                found.push(text);
            }
            period = period.or(named);
            i = i.saturating_add(len);
        } else {
            i = i.saturating_add(1);
        }
    }
    (found, period)
}

/// The length in tokens of a period phrase starting at token `i` (0 for
/// none), and the period it names outright.
fn period_phrase(para: &Para<'_>, i: usize) -> (usize, Option<Period>) {
    if let Some(period) = named_period(para, i) {
        let len = if para.is_word(i, "fiscal") && para.is_word(i.saturating_add(1), "year") {
            3
        } else if para.is_word(i, "fiscal") || para.is_word(i, "fy") {
            2
        } else {
            3
        };
        return (len, Some(period));
    }
    let Some(word) = para.word(i) else {
        return (0, None);
    };
    let next = para.word(i.saturating_add(1)).unwrap_or_default();
    let ordinal = matches!(word.as_str(), "first" | "second" | "third" | "fourth");
    let len = match (word.as_str(), next.as_str()) {
        (w, "quarter") if words::is_month(w) || ordinal => 2,
        (_, "half") if ordinal => 2,
        ("this" | "last" | "next" | "full" | "same", "year" | "quarter" | "period") => 2,
        ("the", "quarter") => 2,
        ("end", "of") if para.is_word(i.saturating_add(3), "year") => 4,
        (w, _) if YOY.contains(&w) => 1,
        ("q" | "h", _) if para.touching(i) => 2,
        _ => 0,
    };
    (len, None)
}
