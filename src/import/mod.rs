//! Importers: documents others publish, turned into an `earnings-dataset/1`
//! document. [`sec`] reads the SEC's XBRL company facts (data/FORMAT.md,
//! Importing SEC company facts).
//!
//! An importer writes JSON that the dataset loader then reads like any
//! other file, so an imported figure obeys every rule a typed one does.

mod calendar;
mod concepts;
pub mod sec;
mod select;

pub use concepts::Concepts;

use serde_json::{Map, Value, json};

use crate::dataset::FORMAT;

/// The `earnings-dataset/1` document of the companies' figures: one
/// entity per company, one source per filing (its accession number the
/// id, `filing` for a periodic report, `release` for any other form), one
/// fact per figure kept, placed at its concept and filed dates.
///
/// ```
/// use earnings::import::{Concepts, document, sec};
/// let json = br#"{"cik": 1, "entityName": "Acme Corp", "facts": {"us-gaap": {"Revenues":
///   {"units": {"USD": [{"start": "2023-01-01", "end": "2023-12-31", "val": 1500000,
///     "accn": "0000000001-24-000001", "form": "10-K", "filed": "2024-02-01"}]}}}}}"#;
/// let company = sec::read("acme.json", json, &Concepts::bundled().unwrap(), None).unwrap();
/// let doc = document(&[company]);
/// assert_eq!(doc["facts"][0]["source"], "0000000001-24-000001");
/// assert_eq!(doc["sources"]["0000000001-24-000001"]["kind"], "filing");
/// ```
pub fn document(companies: &[sec::Company]) -> Value {
    let mut sources = Map::new();
    let mut entities = Map::new();
    let mut facts = Vec::new();
    for company in companies {
        let mut entity = Map::new();
        entity.insert("name".into(), company.name.clone().into());
        if let Some(currency) = &company.currency {
            entity.insert("currency".into(), currency.clone().into());
        }
        entity.insert(
            "fiscal_year_end".into(),
            company.fiscal_year_end.to_string().into(),
        );
        entities.insert(company.entity_id.clone(), Value::Object(entity));
        for (accession, filing) in &company.filings {
            sources.insert(accession.clone(), source(company, accession, filing));
        }
        facts.extend(company.figures.iter().map(|f| fact(company, f)));
    }
    json!({
        "format": FORMAT,
        "sources": sources,
        "entities": entities,
        "facts": facts,
    })
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

/// A figure as a fact: exact, at its concept and filed dates.
fn fact(company: &sec::Company, figure: &sec::Figure) -> Value {
    let at = match figure.start {
        Some(start) => format!("{} {start} to {}", figure.concept, figure.end),
        None => format!("{} at {}", figure.concept, figure.end),
    };
    json!({
        "entity": company.entity_id,
        "metric": figure.metric,
        "period": figure.period.to_string(),
        "value": figure.value,
        "unit": figure.unit,
        "bound": "exact",
        "source": figure.accession,
        "at": at,
    })
}
