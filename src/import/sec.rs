//! SEC XBRL company facts (`CIK##########.json`, one file per filer, and
//! the bulk archive of them all) read into figures with their filings
//! (data/FORMAT.md, Importing SEC company facts).
//!
//! A fact's `fy` and `fp` are those of the filing that states it, not of
//! its period, so they are never read: the period comes from `start` and
//! `end` on the filer's own calendar, which is read from the ends of its
//! annual periods (`import/calendar.rs`).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::Concepts;
use super::calendar;
use crate::error::DataError;
use crate::period::{FiscalYearEnd, Period};

/// Forms whose figures are preferred: the periodic reports and their
/// amendments. Any other form (a proxy statement, an 8-K) is trusted
/// below them.
const PERIODIC_FORMS: [&str; 10] = [
    "10-K", "10-K/A", "10-Q", "10-Q/A", "10-KT", "10-QT", "20-F", "20-F/A", "40-F", "40-F/A",
];

/// One filing a figure comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filing {
    /// The form: `10-K`, `10-Q`, `DEF 14A`, ...
    pub form: String,
    /// The day it was filed.
    pub filed: NaiveDate,
}

impl Filing {
    /// Whether the form is a periodic report (10-K, 10-Q, 20-F, 40-F and
    /// their amendments), whose figures are preferred.
    pub fn is_periodic(&self) -> bool {
        PERIODIC_FORMS.contains(&self.form.as_str())
    }
}

/// One figure as one filing states it, with the dates it was filed for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure {
    /// The metric key the concept maps to.
    pub metric: String,
    /// The concept, `us-gaap:Revenues`.
    pub concept: String,
    /// The period on the filer's calendar.
    pub period: Period,
    /// The first day filed for (none for an instant).
    pub start: Option<NaiveDate>,
    /// The last day filed for.
    pub end: NaiveDate,
    /// The value exactly as filed.
    pub value: String,
    /// The currency.
    pub unit: String,
    /// The accession number of the filing.
    pub accession: String,
}

/// What one company-facts file gives.
#[derive(Clone, Debug)]
pub struct Company {
    /// The entity id the figures are filed under.
    pub entity_id: String,
    /// The filer's name.
    pub name: String,
    /// The filer's central index key.
    pub cik: String,
    /// The currency most of its figures are in.
    pub currency: Option<String>,
    /// Its fiscal year end, read from its annual periods.
    pub fiscal_year_end: FiscalYearEnd,
    /// The filings its figures come from, by accession number.
    pub filings: BTreeMap<String, Filing>,
    /// The figures kept: each period's value once, cited to the first
    /// filing that states it, and each different value (a restatement, or
    /// another form's disagreement) beside it.
    pub figures: Vec<Figure>,
    /// The years to date that imply a quarter no filing states (the
    /// fourth, always), each with the year to date before it.
    pub years_to_date: Vec<super::YearToDate>,
    /// The quarters that cannot be derived, and why.
    pub not_derivable: Vec<String>,
    /// Facts left out, and why (a period that is neither a year, a
    /// quarter nor a year to date).
    pub left_out: Vec<String>,
}

/// A fact read from the file, before its period is known.
#[derive(Clone, Debug)]
pub(super) struct Filed {
    pub metric: usize,
    pub rank: usize,
    pub concept: String,
    pub start: Option<NaiveDate>,
    pub end: NaiveDate,
    pub value: String,
    pub exact: Decimal,
    pub unit: String,
    pub accession: String,
    pub filing: Filing,
}

/// Reads one company-facts document; `file` names it in errors, and
/// `entity_id` replaces the id made from the company's name.
///
/// ```
/// use earnings::import::{Concepts, sec};
/// let json = br#"{"cik": 1, "entityName": "Acme Corp", "facts": {"us-gaap": {"Revenues":
///   {"label": "Revenues", "description": "", "units": {"USD": [
///     {"start": "2023-01-01", "end": "2023-12-31", "val": 1500000, "accn": "0000000001-24-000001",
///      "fy": 2023, "fp": "FY", "form": "10-K", "filed": "2024-02-01"}]}}}}}"#;
/// let company = sec::read("acme.json", json, &Concepts::bundled().unwrap(), None).unwrap();
/// assert_eq!(company.entity_id, "acme-corp");
/// assert_eq!(company.figures[0].period.to_string(), "FY2023");
/// assert_eq!(company.figures[0].value, "1500000");
/// ```
pub fn read(
    file: &str,
    bytes: &[u8],
    concepts: &Concepts,
    entity_id: Option<&str>,
) -> Result<Company, DataError> {
    let fail = |field: &str, message: String| DataError {
        file: file.to_string(),
        position: None,
        field: (!field.is_empty()).then(|| field.to_string()),
        message,
    };
    let root: Value = serde_json::from_slice(bytes).map_err(|e| DataError {
        file: file.to_string(),
        position: Some((e.line(), e.column())),
        field: None,
        message: format!("not JSON: {e}"),
    })?;
    let root = root.as_object().ok_or_else(|| {
        fail(
            "",
            "not a company-facts document (expected an object with cik, entityName and facts)"
                .into(),
        )
    })?;
    let name = root
        .get("entityName")
        .and_then(Value::as_str)
        .ok_or_else(|| fail("entityName", "missing or not a string".into()))?;
    let cik = match root.get("cik") {
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(s)) => s.clone(),
        _ => return Err(fail("cik", "missing or not a number".into())),
    };
    let facts = root
        .get("facts")
        .and_then(Value::as_object)
        .ok_or_else(|| fail("facts", "missing or not an object of taxonomies".into()))?;
    let filed = read_facts(facts, concepts, &fail)?;
    let entity_id = match entity_id {
        Some(id) => id.to_string(),
        None => id_from_name(name, &cik),
    };
    Ok(super::select::company(
        entity_id,
        name.to_string(),
        cik,
        filed,
        concepts,
    ))
}

/// Every fact of a mapped concept, in the order of the concepts file.
fn read_facts(
    facts: &Map<String, Value>,
    concepts: &Concepts,
    fail: &dyn Fn(&str, String) -> DataError,
) -> Result<Vec<Filed>, DataError> {
    let mut filed = Vec::new();
    for (metric, key) in concepts.metrics().enumerate() {
        for (rank, (taxonomy, concept)) in concepts.tags(key).enumerate() {
            let Some(entry) = facts.get(taxonomy).and_then(|t| t.get(concept)) else {
                continue;
            };
            let place = format!("facts.{taxonomy}.{concept}");
            let units = entry
                .get("units")
                .and_then(Value::as_object)
                .ok_or_else(|| {
                    fail(&format!("{place}.units"), "missing or not an object".into())
                })?;
            for (unit, list) in units {
                let place = format!("{place}.units.{unit}");
                if !is_currency(unit) {
                    return Err(fail(
                        &place,
                        format!(
                            "unit {unit:?} is not a currency, but {taxonomy}:{concept} feeds {key}, a money metric"
                        ),
                    ));
                }
                let list = list
                    .as_array()
                    .ok_or_else(|| fail(&place, "not an array of facts".into()))?;
                for (i, fact) in list.iter().enumerate() {
                    let at = format!("{place}[{i}]");
                    let concept = format!("{taxonomy}:{concept}");
                    filed.push(read_fact(fact, (metric, rank), concept, unit, &at, fail)?);
                }
            }
        }
    }
    Ok(filed)
}

/// One fact: `start` (absent for an instant), `end`, `val`, `accn`,
/// `form` and `filed`.
fn read_fact(
    fact: &Value,
    (metric, rank): (usize, usize),
    concept: String,
    unit: &str,
    at: &str,
    fail: &dyn Fn(&str, String) -> DataError,
) -> Result<Filed, DataError> {
    let text = |field: &str| {
        fact.get(field)
            .and_then(Value::as_str)
            .ok_or_else(|| fail(&format!("{at}.{field}"), "missing or not a string".into()))
    };
    let date = |field: &str| -> Result<NaiveDate, DataError> {
        let s = text(field)?;
        s.parse().map_err(|_| {
            fail(
                &format!("{at}.{field}"),
                format!("{s:?} is not a date (expected YYYY-MM-DD)"),
            )
        })
    };
    let end = date("end")?;
    let start = match fact.get("start") {
        None | Some(Value::Null) => None,
        Some(_) => Some(date("start")?),
    };
    if let Some(start) = start.filter(|s| *s > end) {
        return Err(fail(
            at,
            format!("the period ends ({end}) before it starts ({start})"),
        ));
    }
    let value = match fact.get("val") {
        Some(Value::Number(n)) => n.to_string(),
        _ => return Err(fail(&format!("{at}.val"), "missing or not a number".into())),
    };
    let exact = parse_exact(&value).ok_or_else(|| {
        fail(
            &format!("{at}.val"),
            format!("{value} is not a decimal of at most 28 digits"),
        )
    })?;
    Ok(Filed {
        metric,
        rank,
        concept,
        start,
        end,
        value,
        exact,
        unit: unit.to_string(),
        accession: accession(text("accn")?).ok_or_else(|| {
            fail(
                &format!("{at}.accn"),
                "not an accession number (digits and -, e.g. 0000320193-24-000123)".into(),
            )
        })?,
        filing: Filing {
            form: text("form")?.to_string(),
            filed: date("filed")?,
        },
    })
}

/// A JSON number's text read exactly (no binary floating point).
fn parse_exact(text: &str) -> Option<Decimal> {
    let value = if text.contains(['e', 'E']) {
        Decimal::from_scientific(text).ok()?
    } else {
        text.parse().ok()?
    };
    Some(value.normalize())
}

/// An accession number, which becomes a source id: digits and `-`.
fn accession(text: &str) -> Option<String> {
    (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit() || b == b'-'))
        .then(|| text.to_string())
}

/// Whether `id` is an entity id as the dataset format writes it:
/// lowercase letters, digits and `-`, starting with a letter or a digit.
pub fn is_entity_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A currency code: three capital letters.
fn is_currency(unit: &str) -> bool {
    unit.len() == 3 && unit.bytes().all(|b| b.is_ascii_uppercase())
}

/// An entity id made from a company's name: lowercase letters and digits,
/// other runs of characters made one `-` (`Apple Inc.` → `apple-inc`);
/// `cik320193` where the name has none.
pub fn id_from_name(name: &str, cik: &str) -> String {
    let mut id = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    while id.ends_with('-') {
        id.pop();
    }
    if id.is_empty() {
        format!("cik{cik}")
    } else {
        id
    }
}

/// The period of a filed fact on the calendar: an instant where it has no
/// start.
pub(super) fn period_of(fye: FiscalYearEnd, filed: &Filed) -> Option<Period> {
    match filed.start {
        None => Some(Period::Instant(filed.end)),
        Some(start) => calendar::period_of(fye, start, filed.end),
    }
}
