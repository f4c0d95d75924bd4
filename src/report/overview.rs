//! `report`: the analyst's overview, one section after another. Each later
//! capability adds its section here.

use std::collections::HashMap;

use crate::dataset::{Dataset, Fact};
use crate::error::Result;
use crate::figures::Figures;
use crate::listing::{Cell, Column, Listing};
use crate::reference::Reference;
use crate::report::arr::ArrReport;
use crate::report::metrics::{self, Family};
use crate::report::{Money, Selection, check, facts};

/// For each figure, the fact [`crate::figures::preferred_first`] prefers,
/// in load order of first appearance.
pub fn preferred_facts(data: &Dataset) -> Vec<&Fact> {
    let mut chosen: Vec<&Fact> = Vec::new();
    let mut index: HashMap<&Reference, usize> = HashMap::new();
    for fact in &data.facts {
        match index.get(&fact.figure) {
            Some(&at) => {
                if let Some(current) = chosen.get_mut(at)
                    && crate::figures::preferred_first(data, fact, current).is_lt()
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

/// Targets, forecasts and plans side by side, grouped by metric, so that
/// two companies' spending plans or a company's successive targets can be
/// read together.
pub fn forward_looking(data: &Dataset, selection: &Selection, money: &Money) -> Result<Listing> {
    let mut kept: Vec<&Fact> = preferred_facts(data)
        .into_iter()
        .filter(|f| f.status.is_forward_looking() && selection.keeps(&f.figure, data))
        .collect();
    // Stable: within a metric, the order of the data.
    kept.sort_by(|a, b| a.figure.metric.cmp(&b.figure.metric));
    let mut rows = Vec::with_capacity(kept.len());
    for fact in &kept {
        let mut row = facts::row(fact, money)?;
        row.extend(per_year_cells(fact, money)?);
        rows.push(row);
    }
    let mut columns = facts::columns();
    columns.extend([
        Column::people("per_year", "per year", true),
        Column::number("per_year"),
    ]);
    Ok(Listing {
        name: "forward_looking",
        title: "Targets, forecasts and plans, side by side by metric".to_string(),
        meta: money.meta(),
        columns,
        rows,
        notes: vec!["per year: a flow over a period other than a year, at its yearly rate (a two-year plan halved), so plans read side by side.".to_string()],
    })
}

/// A flow's yearly rate, for plans over several years or part of one; empty
/// for an instant, a level such as an ARR, a rate per unit or a ratio.
fn per_year_cells(fact: &Fact, money: &Money) -> Result<[Cell; 2]> {
    let metric = &fact.figure.metric;
    let flow = fact.stated.unit.takes_scale() && crate::metric::is_flow(metric);
    let Some(per_year) = fact.figure.period.per_year().filter(|_| flow) else {
        return Ok([Cell::Empty, Cell::Number(None)]);
    };
    let yearly = crate::formula::run_rate(&fact.value, per_year)
        .map_err(|e| crate::Error::Arithmetic(format!("{}: per year: {e}", fact.figure)))?;
    let (value, unit, _) = money.present(&yearly, &fact.stated.unit)?;
    Ok([
        Cell::Value(super::figure(value, &unit, Some(fact.stated.bound))),
        Cell::Number(Some(value.point())),
    ])
}

/// Every section of the report. The ARR report is the caller's, who also
/// draws its charts: it is built once.
pub fn sections(
    figures: &Figures,
    arr: &ArrReport,
    selection: &Selection,
    money: &Money,
) -> Result<Vec<Listing>> {
    let data = figures.data();
    let mut sections = vec![
        headline(data, selection, money)?,
        forward_looking(data, selection, money)?,
    ];
    sections.push(metrics::listing(figures, Family::All, selection, money)?);
    sections.push(metrics::implied(figures, selection, money)?);
    sections.extend(arr.listings());
    sections.push(super::verify::section(figures, selection, money)?);
    let verdicts = crate::check::verdicts(figures)?;
    let findings = crate::check::findings(figures, &verdicts)?;
    sections.push(check::listing(&findings, data, selection, money)?);
    Ok(sections)
}
