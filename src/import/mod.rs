//! Importers: documents others publish, turned into an `earnings-dataset/1`
//! document. [`sec`] reads the SEC's XBRL company facts (data/FORMAT.md,
//! Importing SEC company facts).
//!
//! An importer writes JSON that the dataset loader then reads like any
//! other file, so an imported figure obeys every rule a typed one does.

mod calendar;
mod concepts;
mod implied;
pub mod sec;
mod select;

pub use concepts::Concepts;
pub use implied::YearToDate;

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value, json};

use crate::dataset::FORMAT;

/// The `earnings-dataset/1` document of the companies' figures: one
/// entity per company, one source per filing (its accession number the
/// id, `filing` for a periodic report, `release` for any other form), one
/// fact per figure kept, placed at its concept and filed dates. For many
/// companies, [`Parts`] gives the same piece by piece.
///
/// ```
/// use earnings::import::{Concepts, document, sec};
/// let json = br#"{"cik": 1, "entityName": "Acme Corp", "facts": {"us-gaap": {"Revenues":
///   {"units": {"USD": [{"start": "2023-01-01", "end": "2023-12-31", "val": 1500000,
///     "accn": "0000000001-24-000001", "form": "10-K", "filed": "2024-02-01"}]}}}}}"#;
/// let company = sec::read("acme.json", json, &Concepts::bundled().unwrap(), None).unwrap();
/// let doc = document(&[company], &Concepts::bundled().unwrap());
/// assert_eq!(doc["facts"][0]["source"], "0000000001-24-000001");
/// assert_eq!(doc["definitions"]["free_cash_flow"], "operating_cash_flow - capex");
/// assert_eq!(doc["sources"]["0000000001-24-000001"]["kind"], "filing");
/// ```
pub fn document(companies: &[sec::Company], concepts: &Concepts) -> Value {
    let mut parts = Parts::default();
    let mut sources = Map::new();
    let mut entities = Map::new();
    let mut facts = Vec::new();
    let mut claims = Vec::new();
    for company in companies {
        let (id, entity) = parts.entity(company);
        entities.insert(id, entity);
        sources.extend(parts.sources(company));
        facts.extend(parts.facts(company));
        claims.extend(parts.claims(company));
    }
    let mut doc = Map::new();
    doc.insert("format".into(), FORMAT.into());
    doc.insert("sources".into(), sources.into());
    doc.insert("entities".into(), entities.into());
    if let Some(definitions) = definitions(concepts) {
        doc.insert("definitions".into(), definitions);
    }
    doc.insert("facts".into(), facts.into());
    doc.insert("claims".into(), claims.into());
    Value::Object(doc)
}

/// The dataset's `definitions` (data/FORMAT.md, Definitions): those of the
/// concepts file, as written, so that a metric defined there (free cash
/// flow) is implied wherever its operands are imported; `None` if it has
/// none.
pub fn definitions(concepts: &Concepts) -> Option<Value> {
    let definitions: Map<String, Value> = concepts
        .definitions()
        .map(|(metric, sum)| (metric.to_string(), sum.text().into()))
        .collect();
    (!definitions.is_empty()).then_some(Value::Object(definitions))
}

/// The pieces of a document, company by company, for a writer that
/// streams them: each filing's source once however many companies cite it
/// (co-registrants share filings), and each entity id once (a second
/// company of the same name gets `-cik` and its number appended).
#[derive(Debug, Default)]
pub struct Parts {
    sources: HashSet<String>,
    entities: HashSet<String>,
    ids: HashMap<String, String>,
}

impl Parts {
    /// The company's entity: its id (unique in this document) and fields.
    pub fn entity(&mut self, company: &sec::Company) -> (String, Value) {
        let mut id = company.entity_id.clone();
        if self.entities.contains(&id) {
            id = format!("{id}-cik{}", company.cik);
        }
        self.entities.insert(id.clone());
        self.ids.insert(company.cik.clone(), id.clone());
        let mut entity = Map::new();
        entity.insert("name".into(), company.name.clone().into());
        if let Some(currency) = &company.currency {
            entity.insert("currency".into(), currency.clone().into());
        }
        entity.insert(
            "fiscal_year_end".into(),
            company.fiscal_year_end.to_string().into(),
        );
        (id, Value::Object(entity))
    }

    /// The company's filings not yet given, as sources.
    pub fn sources(&mut self, company: &sec::Company) -> Vec<(String, Value)> {
        company
            .filings
            .iter()
            .filter(|(accession, _)| self.sources.insert((*accession).clone()))
            .map(|(accession, filing)| (accession.clone(), source(company, accession, filing)))
            .collect()
    }

    /// The company's figures as facts, under the id [`Parts::entity`] gave.
    pub fn facts<'c>(&self, company: &'c sec::Company) -> impl Iterator<Item = Value> + 'c {
        let id = self.id(company);
        company.figures.iter().map(move |f| fact(&id, f))
    }

    /// The company's years to date as `ytd` claims, each implying its
    /// quarter.
    pub fn claims<'c>(&self, company: &'c sec::Company) -> impl Iterator<Item = Value> + 'c {
        let id = self.id(company);
        company.years_to_date.iter().map(move |y| ytd_claim(&id, y))
    }

    fn id(&self, company: &sec::Company) -> String {
        self.ids
            .get(&company.cik)
            .cloned()
            .unwrap_or_else(|| company.entity_id.clone())
    }
}

/// A filing as a source.
fn source(company: &sec::Company, accession: &str, filing: &sec::Filing) -> Value {
    let folder: String = accession.chars().filter(char::is_ascii_digit).collect();
    let mut source = json!({
        "title": format!("{} {} filed {}", company.name, filing.form, filing.filed),
        "kind": if filing.is_periodic() { "filing" } else { "release" },
        "publisher": "SEC EDGAR",
        "published": filing.filed.to_string(),
        "url": format!("https://www.sec.gov/Archives/edgar/data/{}/{folder}/", company.cik),
    });
    if let (false, Some(fields)) = (filing.is_periodic(), source.as_object_mut()) {
        let note = format!(
            "form {}: not a periodic report, so its figures are trusted below the 10-K and 10-Q",
            filing.form
        );
        fields.insert("note".into(), note.into());
    }
    source
}

/// Where in its filing a figure is: its concept and filed dates.
fn place(figure: &sec::Figure) -> String {
    match figure.start {
        Some(start) => format!("{} {start} to {}", figure.concept, figure.end),
        None => format!("{} at {}", figure.concept, figure.end),
    }
}

/// A year to date as the `ytd` claim of the filing that states it.
fn ytd_claim(entity: &str, ytd: &YearToDate) -> Value {
    let before = &ytd.before;
    json!({
        "kind": "ytd",
        "of": format!("{entity}.{}@{}", ytd.metric, ytd.quarter),
        "value": ytd.figure.value,
        "unit": ytd.figure.unit,
        "bound": "exact",
        "source": ytd.figure.accession,
        "at": place(&ytd.figure),
        "note": format!(
            "the year to date through {}; less {} ({} {}) it is the quarter filed for {} to {}",
            ytd.quarter, before.period, before.accession, place(before), ytd.starts, ytd.figure.end
        ),
    })
}

/// A figure as a fact: exact, at its concept and filed dates.
fn fact(entity: &str, figure: &sec::Figure) -> Value {
    let at = place(figure);
    json!({
        "entity": entity,
        "metric": figure.metric,
        "period": figure.period.to_string(),
        "value": figure.value,
        "unit": figure.unit,
        "bound": "exact",
        "source": figure.accession,
        "at": at,
    })
}
