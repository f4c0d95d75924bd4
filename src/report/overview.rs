//! `report`: the analyst's overview, one section after another. Each later
//! capability adds its section here.

use std::collections::HashMap;

use crate::dataset::{Dataset, Fact};
use crate::error::Result;
use crate::figures::Figures;
use crate::listing::Listing;
use crate::reference::Reference;
use crate::report::arr::{self, ArrOptions};
use crate::report::metrics::{self, Family};
use crate::report::{Money, Selection, check, facts};

/// For each figure, the fact of its most trusted source (the first loaded
/// among equals), in load order of first appearance.
pub fn preferred_facts(data: &Dataset) -> Vec<&Fact> {
    let mut chosen: Vec<&Fact> = Vec::new();
    let mut index: HashMap<&Reference, usize> = HashMap::new();
    for fact in &data.facts {
        match index.get(&fact.figure) {
            Some(&at) => {
                if let Some(current) = chosen.get_mut(at)
                    && data.preference(&fact.source) > data.preference(&current.source)
                {
                    *current = fact;
                }
            }
            None => {
                index.insert(&fact.figure, chosen.len());
                chosen.push(fact);
            }
        }
    }
    chosen
}

/// The headline figures: what the whole companies (entities without a
/// parent) report, from the most trusted source of each figure.
pub fn headline(data: &Dataset, selection: &Selection, money: &Money) -> Result<Listing> {
    let kept: Vec<&Fact> = preferred_facts(data)
        .into_iter()
        .filter(|f| selection.keeps(&f.figure, data))
        .filter(|f| {
            data.entity(&f.figure.entity)
                .is_some_and(|e| e.parent.is_none())
        })
        .collect();
    let rows = kept
        .iter()
        .map(|f| facts::row(f, money))
        .collect::<Result<Vec<_>>>()?;
    let mut listing = Listing {
        name: "headline",
        title: "Headline figures (most trusted source of each)".to_string(),
        meta: money.meta(),
        columns: facts::columns(),
        rows,
        notes: Vec::new(),
    };
    facts::mark_conflicts(&mut listing, kept.iter().map(|f| &f.figure), data);
    Ok(listing)
}

/// Every section of the report.
pub fn sections(data: &Dataset, selection: &Selection, money: &Money) -> Result<Vec<Listing>> {
    let figures = Figures::build(data)?;
    let mut sections = vec![headline(data, selection, money)?];
    sections.push(metrics::listing(&figures, Family::All, selection, money)?);
    sections.push(metrics::implied(&figures, selection, money)?);
    sections.extend(arr::report(&figures, selection, money, &ArrOptions::default())?.listings());
    sections.push(super::verify::section(&figures, selection, money)?);
    let findings = crate::check::run(data)?;
    sections.push(check::listing(&findings, data, selection, money)?);
    Ok(sections)
}
