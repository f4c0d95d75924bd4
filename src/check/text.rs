//! `check --text SOURCE=FILE`: each fact and claim of a source checked
//! against the paragraph of the source's text it cites, and the numbers of
//! the text no fact or claim accounts for (data/FORMAT.md, Checking a
//! dataset against its article).
//!
//! A fact or claim matches a number of its paragraph when the two allow
//! the same interval (so `89.71 billion` matches `89.71 billion yuan` and
//! `897.1亿元`, and a `more_than` 358 billion matches `exceeding 358
//! billion`), in a unit the words allow. Beyond that: a figure the text
//! gives plainly may be recorded as `exact`; "more than X for the first
//! time" also says an earlier period was `at_most` X; and a fact may record
//! as positive what the words make negative (a loss, an outflow).

use crate::dataset::{Dataset, Fact};
use crate::error::{Error, Result};
use crate::extract::{Article, Number};
use crate::value::{BoundKind, Stated, Unit};

use super::{Finding, Involved, Kind, Severity, describe_stated};

/// One source's text, read.
#[derive(Clone, Debug)]
pub struct SourceText {
    /// The source id it is the text of.
    pub source: String,
    /// The file it was read from, for messages.
    pub file: String,
    /// What was read from it.
    pub article: Article,
}

/// One fact or claim of the source, as the check needs it.
struct Cited<'a> {
    what: String,
    stated: &'a Stated,
    at: &'a str,
    /// A fact may record a loss as a positive figure.
    fact: bool,
    involved: Involved,
    subjects: Vec<crate::reference::Reference>,
}

/// The findings of checking each text against the dataset: mismatches and
/// missing paragraphs (errors), then the numbers no fact or claim accounts
/// for and the count (notes). A source the dataset does not define is a
/// usage error.
pub fn findings(data: &Dataset, texts: &[SourceText]) -> Result<Vec<Finding>> {
    let mut out = Vec::new();
    for text in texts {
        if data.source(&text.source).is_none() {
            let known: Vec<&str> = data.sources.iter().map(|s| s.id.as_str()).collect();
            return Err(Error::Usage(format!(
                "--text {}={}: the dataset has no source {:?} (its sources: {})",
                text.source,
                text.file,
                text.source,
                known.join(", ")
            )));
        }
        check_one(data, text, &mut out);
    }
    Ok(out)
}

/// Adds the text findings to the others, errors first (stable).
pub fn merge(mut findings: Vec<Finding>, text: Vec<Finding>) -> Vec<Finding> {
    findings.extend(text);
    findings.sort_by_key(|f| f.severity);
    findings
}

fn cited<'a>(data: &'a Dataset, source: &str) -> Vec<Cited<'a>> {
    let facts = data
        .facts
        .iter()
        .filter(|f| f.source.as_str() == source)
        .map(|f: &Fact| Cited {
            what: f.figure.to_string(),
            stated: &f.stated,
            at: f.at.as_str(),
            fact: true,
            involved: Involved::fact(f),
            subjects: vec![f.figure.clone()],
        });
    let claims = data
        .claims
        .iter()
        .filter(|c| c.source.as_str() == source)
        .map(|c| Cited {
            what: format!("the {} claim {}", c.relation.kind().name(), c.relation),
            stated: &c.stated,
            at: c.at.as_str(),
            fact: false,
            involved: Involved::claim(c),
            subjects: c.relation.figures(),
        });
    facts.chain(claims).collect()
}

fn check_one(data: &Dataset, text: &SourceText, out: &mut Vec<Finding>) {
    let numbers = &text.article.numbers;
    let mut covered = vec![false; numbers.len()];
    let source = text.source.as_str();
    for item in cited(data, source) {
        let Some(paragraph) = paragraph_cited(item.at) else {
            let message = format!(
                "{} is at {source} {:?}, which names no paragraph (¶N): not checked against {}.",
                item.what, item.at, text.file
            );
            out.push(finding(Severity::Note, Kind::TextCoverage, message, &item));
            continue;
        };
        if paragraph == 0 || paragraph > text.article.paragraphs {
            let message = format!(
                "{} is at {source} ¶{paragraph}, but {} has {} paragraphs.",
                item.what, text.file, text.article.paragraphs
            );
            out.push(finding(Severity::Error, Kind::TextMismatch, message, &item));
            continue;
        }
        let here = numbers
            .iter()
            .enumerate()
            .filter(|(_, n)| n.paragraph == paragraph);
        let mut matched = false;
        for (index, number) in here.clone() {
            if matches(item.stated, number, item.fact) {
                matched = true;
                if let Some(slot) = covered.get_mut(index) {
                    *slot = true;
                }
            }
        }
        if !matched {
            let said: Vec<&Number> = here.map(|(_, n)| n).collect();
            let message = format!(
                "{} is {} at {source} ¶{paragraph}, but {}",
                item.what,
                describe_stated(item.stated),
                what_it_says(&said, item.stated, paragraph)
            );
            out.push(finding(Severity::Error, Kind::TextMismatch, message, &item));
        }
    }
    coverage(text, &covered, out);
}

fn finding(severity: Severity, kind: Kind, message: String, item: &Cited<'_>) -> Finding {
    let mut finding = Finding::new(severity, kind, message).with(item.involved.clone());
    for subject in &item.subjects {
        finding = finding.about(subject);
    }
    finding
}

/// The notes on numbers no fact or claim accounts for, and the count.
fn coverage(text: &SourceText, covered: &[bool], out: &mut Vec<Finding>) {
    let numbers = &text.article.numbers;
    for (number, _) in numbers.iter().zip(covered).filter(|(_, c)| !**c) {
        out.push(Finding::new(
            Severity::Note,
            Kind::TextCoverage,
            format!(
                "{} ¶{} says \"{}\", which no fact or claim of {} accounts for.",
                text.file, number.paragraph, number.words, text.source
            ),
        ));
    }
    let count = covered.iter().filter(|c| **c).count();
    out.push(Finding::new(
        Severity::Note,
        Kind::TextCoverage,
        format!(
            "{count} of {} numbers in {} are in the dataset (source {}).",
            numbers.len(),
            text.file,
            text.source
        ),
    ));
}

/// The paragraph an `at` cites: `¶4`, `¶ 4`.
pub fn paragraph_cited(at: &str) -> Option<usize> {
    let (_, rest) = at.split_once('¶')?;
    let digits: String = rest
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// "¶4 says "89.71 billion yuan" and "more than 30%"": the words the
/// paragraph has for quantities like this one (every number of it when
/// none is alike).
fn what_it_says(said: &[&Number], stated: &Stated, paragraph: usize) -> String {
    if said.is_empty() {
        return format!("¶{paragraph} states no number.");
    }
    let alike: Vec<&&Number> = said
        .iter()
        .filter(|n| n.unit.as_ref() == Some(&stated.unit))
        .collect();
    let quoted: Vec<String> = if alike.is_empty() {
        said.iter().map(|n| format!("\"{}\"", n.words)).collect()
    } else {
        alike.iter().map(|n| format!("\"{}\"", n.words)).collect()
    };
    let list = match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    };
    format!("¶{paragraph} says {list}.")
}

/// Whether a unit the words give (or none) allows the stated unit.
fn units_allow(written: Option<&Unit>, stated: &Unit) -> bool {
    match (written, stated) {
        (None, _) => true,
        (Some(Unit::Count(_)), Unit::Count(_)) => true,
        (Some(written), stated) => written == stated,
    }
}

/// Whether a fact or claim states what the number says.
pub fn matches(stated: &Stated, number: &Number, fact: bool) -> bool {
    if !units_allow(number.unit.as_ref(), &stated.unit) {
        return false;
    }
    let Ok(data) = stated.interval() else {
        return false;
    };
    let same = |number: &Number| {
        let Ok(text) = number.interval() else {
            return false;
        };
        match (number.bound, stated.bound) {
            (written, recorded) if written == recorded => text == data,
            (BoundKind::Rounded, BoundKind::Exact) => text.point() == data.point(),
            (BoundKind::MoreThan, BoundKind::AtMost)
            | (BoundKind::AtLeast, BoundKind::LessThan) => {
                number.first_time && text.point() == data.point()
            }
            _ => false,
        }
    };
    if same(number) {
        return true;
    }
    // "a net outflow of 17.3 billion" may be recorded as 17.3 of an outflow.
    fact && number.signed_by_words && {
        let magnitude = format!("{}", number.value)
            .trim_start_matches('-')
            .parse()
            .ok();
        magnitude.is_some_and(|value| {
            let positive = Number {
                value,
                ..number.clone()
            };
            same(&positive)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::read;
    use crate::value::Scale;

    fn stated(value: &str, scale: Scale, unit: Unit, bound: BoundKind) -> Stated {
        Stated {
            value: value.parse().unwrap(),
            scale,
            unit,
            bound,
            high: None,
            tolerance: None,
        }
    }

    fn first(text: &str) -> Number {
        read(&format!("{text}\n")).numbers.remove(0)
    }

    #[test]
    fn the_same_interval_in_another_scale_matches_and_a_tenfold_one_does_not() {
        let cny = || Unit::Currency("CNY".into());
        let fact = stated("89.71", Scale::Billion, cny(), BoundKind::Rounded);
        assert!(matches(&fact, &first("It earned 897.1亿元."), true));
        assert!(matches(
            &fact,
            &first("It earned 89.71 billion yuan."),
            true
        ));
        assert!(!matches(&fact, &first("It earned 89.71亿元."), true));
        assert!(!matches(
            &fact,
            &first("It earned 89.71 billion dollars."),
            true
        ));
        // A digit the text does not have.
        let finer = stated("89.710", Scale::Billion, cny(), BoundKind::Rounded);
        assert!(!matches(
            &finer,
            &first("It earned 89.71 billion yuan."),
            true
        ));
    }

    #[test]
    fn bounds_must_be_what_the_words_say_with_the_documented_allowances() {
        let cny = || Unit::Currency("CNY".into());
        let more = stated("358", Scale::Billion, cny(), BoundKind::MoreThan);
        assert!(matches(
            &more,
            &first("It is exceeding 358 billion yuan."),
            false
        ));
        assert!(!matches(
            &more,
            &first("It is about 358 billion yuan."),
            false
        ));
        let exact = stated("30", Scale::Billion, cny(), BoundKind::Exact);
        assert!(matches(
            &exact,
            &first("It will reach 30 billion yuan."),
            true
        ));
        let before = stated("4", Scale::Trillion, cny(), BoundKind::AtMost);
        assert!(matches(
            &before,
            &first("Sales exceeded 4 trillion yuan, the first time they did."),
            false
        ));
        assert!(!matches(
            &before,
            &first("Sales exceeded 4 trillion yuan."),
            false
        ));
        // An outflow may be a fact's positive figure, never a claim's.
        let outflow = stated("6.4", Scale::Billion, cny(), BoundKind::Rounded);
        assert!(matches(
            &outflow,
            &first("Cash saw an outflow of 6.4 billion yuan, net."),
            true
        ));
        assert!(!matches(
            &outflow,
            &first("Cash saw an outflow of 6.4 billion yuan, net."),
            false
        ));
    }

    #[test]
    fn the_paragraph_is_read_from_at() {
        assert_eq!(paragraph_cited("¶4"), Some(4));
        assert_eq!(paragraph_cited("table, ¶ 12"), Some(12));
        assert_eq!(paragraph_cited("p. 4"), None);
    }
}
