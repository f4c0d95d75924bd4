//! `facts`: the stated figures with their bounds and provenance.

use crate::dataset::{Dataset, Fact};
use crate::error::Result;
use crate::figures::{Figures, Implied};
use crate::listing::{Cell, Column, Listing};
use crate::report::{FIGURE_COLUMNS, Money, Selection, figure, figure_cells};

/// The columns of the `facts` listing, in order.
pub fn columns() -> Vec<Column> {
    let mut columns = vec![
        Column::text("entity", "entity"),
        Column::text("metric", "metric"),
        Column::text("period", "period"),
    ];
    columns.extend(FIGURE_COLUMNS);
    columns.extend([
        Column::text("unit", "unit"),
        Column::machines("scale"),
        Column::text("bound", "bound"),
        Column::text("status", "status"),
        Column::text("source", "source"),
        Column::text("at", "at"),
        Column::machines("note"),
    ]);
    columns
}

/// One row of the `facts` listing.
pub fn row(fact: &Fact, money: &Money) -> Result<Vec<Cell>> {
    let (value, unit, scale) = money.present(&fact.value, &fact.stated.unit)?;
    let mut row: Vec<Cell> = vec![
        fact.figure.entity.as_str().into(),
        fact.figure.metric.as_str().into(),
        fact.figure.period.to_string().into(),
    ];
    row.extend(figure_cells(figure(value, &unit, Some(fact.stated.bound))));
    row.extend([
        unit.to_string().into(),
        scale.name().into(),
        fact.stated.bound.name().into(),
        fact.status.name().into(),
        fact.source.as_str().into(),
        fact.at.as_str().into(),
        Cell::text_or_empty(fact.note.as_deref()),
    ]);
    Ok(row)
}

/// One row for a figure a claim implies: its bound reads `implied`, its
/// source and place are the claim's, and its note the formula.
pub fn implied_row(implied: &Implied, data: &Dataset, money: &Money) -> Result<Vec<Cell>> {
    let known = &implied.known;
    let (value, unit, scale) = money.present(&known.value, &known.unit)?;
    let mut row: Vec<Cell> = vec![
        known.figure.entity.as_str().into(),
        known.figure.metric.as_str().into(),
        known.figure.period.to_string().into(),
    ];
    row.extend(figure_cells(figure(value, &unit, None)));
    let claim = data.claims.get(implied.claim);
    row.extend([
        unit.to_string().into(),
        scale.name().into(),
        "implied".into(),
        known.status.name().into(),
        Cell::text_or_empty(claim.map(|c| c.source.as_str())),
        Cell::text_or_empty(claim.map(|c| c.at.as_str())),
        format!(
            "implied by a {} claim: {}",
            claim.map_or("", |c| c.relation.kind().name()),
            implied.formula
        )
        .into(),
    ]);
    Ok(row)
}

/// The stated facts the selection keeps, in load order, then the figures
/// claims imply.
pub fn listing(figures: &Figures<'_>, selection: &Selection, money: &Money) -> Result<Listing> {
    let data = figures.data();
    let mut rows = data
        .facts
        .iter()
        .filter(|f| selection.keeps(&f.figure, data))
        .map(|f| row(f, money))
        .collect::<Result<Vec<_>>>()?;
    for implied in figures.implied() {
        if selection.keeps(&implied.known.figure, data) {
            rows.push(implied_row(implied, data, money)?);
        }
    }
    Ok(Listing {
        name: "facts",
        title: "Stated and implied figures".to_string(),
        meta: money.meta(),
        columns: columns(),
        rows,
        notes: Vec::new(),
    })
}
