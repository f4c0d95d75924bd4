//! Numbers read out of an article's text: each with its paragraph, the
//! words as written, and what they state (data/FORMAT.md, Reading an
//! article).
//!
//! An article is plain UTF-8 text; paragraphs are separated by blank lines
//! and counted from the first that ends like a sentence (the headline and
//! byline before it are not counted): that one is ¶1. Every number in the
//! body is read, in digits or in words (`three times`, `doubled`, `a
//! third`, `twelve`), with its qualifier (`more than`, `about`, `60-80%`),
//! scale (`billion`, `bn`, 万, 亿, 万亿), unit (a currency, `%`, a multiple,
//! a count), the kind the words around it give it (a level, a change, a
//! year-over-year change, a share, a multiple, an annualized figure) and
//! the period words of its sentence. Dates, years, paragraph numbers, list
//! numbering and numbers in headings are not figures.
//!
//! The interval a number allows comes from [`crate::value`], as a
//! dataset's does: one rule for both.
//!
//! ```
//! use earnings::extract::read;
//! let article = read("Acme results\n\nOn May 14th, revenue rose 12% to more than 358 billion yuan.\n");
//! assert_eq!(article.paragraphs, 1);
//! let words: Vec<&str> = article.numbers.iter().map(|n| n.words.as_str()).collect();
//! assert_eq!(words, ["rose 12%", "more than 358 billion yuan"]);
//! ```

mod context;
mod scan;
#[cfg(test)]
mod tests;
mod words;

use std::fmt;

use crate::bounded::Bounded;
use crate::period::Period;
use crate::value::{self, BoundKind, Scale, Unit, ValueError, WrittenDecimal};

/// What the words around a number make it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A figure at a point or over a period.
    Level,
    /// A change, with no word saying against when.
    Change,
    /// A change against the same period a year earlier.
    Yoy,
    /// A part of a whole.
    Share,
    /// So many times another figure.
    Multiple,
    /// A figure annualized (a run-rate).
    Annualized,
}

impl Kind {
    /// The name in outputs.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Level => "level",
            Kind::Change => "change",
            Kind::Yoy => "yoy",
            Kind::Share => "share",
            Kind::Multiple => "multiple",
            Kind::Annualized => "annualized",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One number in an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Number {
    /// Its paragraph, ¶1 first.
    pub paragraph: usize,
    /// The words as written (`more than 358 billion yuan`).
    pub words: String,
    /// The number as written, negative where the words say it fell (a
    /// decrease, a loss, an outflow).
    pub value: WrittenDecimal,
    /// The top of a range (`60-80%`, `10 to 12 billion`).
    pub high: Option<WrittenDecimal>,
    /// The scale written after it.
    pub scale: Scale,
    /// What it counts, where the words say.
    pub unit: Option<Unit>,
    /// What its qualifier allows.
    pub bound: BoundKind,
    /// What the words around it make it.
    pub kind: Kind,
    /// The period words of its sentence (`fiscal 2026`, `the March quarter`).
    pub period_words: Vec<String>,
    /// The period, where the words name one outright (`fiscal 2026` is
    /// `FY2026`).
    pub period: Option<Period>,
    /// Its sentence says "for the first time": "exceeded 4 trillion, the first
    /// time it did" also says no earlier period exceeded it.
    pub first_time: bool,
    /// Its sign comes from a word (`fell`, `loss`, `outflow`), not a minus.
    pub signed_by_words: bool,
    /// A fraction said in words (`a third`): numerator and denominator.
    pub fraction: Option<(u32, u32)>,
}

impl Number {
    /// The interval it allows, in base units (the scale applied).
    ///
    /// ```
    /// let article = earnings::extract::read("Sales were 897.1亿元.\n");
    /// let yi = article.numbers[0].interval().unwrap();
    /// let billion = earnings::extract::read("Sales were 89.71 billion yuan.\n").numbers[0].interval().unwrap();
    /// assert_eq!(yi, billion);
    /// ```
    pub fn interval(&self) -> Result<Bounded, ValueError> {
        if let Some((numerator, denominator)) = self.fraction {
            return value::fraction(numerator, denominator);
        }
        value::written_interval(
            &self.value,
            self.high.as_ref(),
            None,
            self.bound,
            self.scale,
        )
    }

    /// Where it is: `¶4`.
    pub fn at(&self) -> String {
        format!("¶{}", self.paragraph)
    }
}

/// What was read from an article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Article {
    /// How many paragraphs its body has.
    pub paragraphs: usize,
    /// Every number, in order.
    pub numbers: Vec<Number>,
}

/// Reads every number in an article's text.
pub fn read(text: &str) -> Article {
    let blocks = blocks(text);
    let body_start = blocks.iter().position(|b| ends_like_sentence(b));
    let body = body_start
        .and_then(|start| blocks.get(start..))
        .unwrap_or(&[]);
    let mut numbers = Vec::new();
    for (index, block) in body.iter().enumerate() {
        let paragraph = index.saturating_add(1);
        // A heading's numbers name the section, not a figure.
        if ends_like_sentence(block) {
            scan::paragraph(block, paragraph, &mut numbers);
        }
    }
    Article {
        paragraphs: body.len(),
        numbers,
    }
}

/// The blocks of text between blank lines.
fn blocks(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            if !current.is_empty() {
                current.push('\n');
            }
            current.push_str(line.trim_end());
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Whether a block ends as a sentence does (a headline, a byline or a
/// heading does not).
fn ends_like_sentence(block: &str) -> bool {
    block
        .trim_end()
        .ends_with(['.', '!', '?', '"', '”', '’', '。', '！', '？', '…'])
}
