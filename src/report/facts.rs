//! `facts`: the stated figures with their bounds and provenance.

use std::collections::HashSet;

use crate::dataset::{Dataset, Fact};
use crate::error::Result;
use crate::figures::{Defined, Figures, Implied, Known};
use crate::listing::{Cell, Column, Each, Listing, Section, Tone};
use crate::reference::Reference;
use crate::report::{
    FIGURE_COLUMNS, FIGURE_KEY_COLUMNS, Money, Selection, figure, figure_cells, figure_key_cells,
};

/// The columns of the `facts` listing, in order.
pub fn columns() -> Vec<Column> {
    let mut columns = FIGURE_KEY_COLUMNS.to_vec();
    columns.extend(FIGURE_COLUMNS);
    columns.extend([
        Column::text("unit", "unit").essential(),
        Column::machines("scale"),
        Column::text("bound", "bound").wide(),
        Column::text("status", "status"),
        Column::text("source", "source"),
        Column::text("at", "at").wide(),
        Column::machines("note"),
    ]);
    columns
}

/// One row of the `facts` listing.
pub fn row(fact: &Fact, money: &Money) -> Result<Vec<Cell>> {
    let (value, unit, scale) = money.present(&fact.value, &fact.stated.unit)?;
    let mut row: Vec<Cell> = figure_key_cells(&fact.figure).to_vec();
    row.extend(figure_cells(figure(value, &unit, Some(fact.stated.bound))));
    row.extend([
        unit.to_string().into(),
        scale.name().into(),
        fact.stated.bound.name().into(),
        status_cell(fact.status),
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
    let mut row: Vec<Cell> = figure_key_cells(&known.figure).to_vec();
    row.extend(figure_cells(figure(value, &unit, None)));
    let claim = data.claims.get(implied.claim);
    row.extend([
        unit.to_string().into(),
        scale.name().into(),
        "implied".into(),
        status_cell(known.status),
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

/// One row for a figure a definition implies: its bound reads `implied`,
/// its source `by definition`, its place the formula, and its note the
/// definition with each operand's value and provenance.
pub fn defined_row(defined: &Defined, data: &Dataset, money: &Money) -> Result<Vec<Cell>> {
    let known = &defined.known;
    let (value, unit, scale) = money.present(&known.value, &known.unit)?;
    let mut row: Vec<Cell> = figure_key_cells(&known.figure).to_vec();
    row.extend(figure_cells(figure(value, &unit, None)));
    let mut inputs = Vec::with_capacity(defined.inputs.len());
    for input in &defined.inputs {
        inputs.push(operand(input, money)?);
    }
    let metric = data
        .definitions
        .get(defined.definition)
        .map_or("", |d| d.metric.as_str());
    row.extend([
        unit.to_string().into(),
        scale.name().into(),
        "implied".into(),
        status_cell(known.status),
        "by definition".into(),
        defined.formula.as_str().into(),
        format!(
            "implied by the definition {metric} = {}, with {}",
            defined.formula,
            inputs.join("; ")
        )
        .into(),
    ]);
    Ok(row)
}

/// An operand as a definition's row names it: `acme.capex@FY2026 =
/// 2.915 (10-k p. 40)`, in the output's scale.
fn operand(known: &Known, money: &Money) -> Result<String> {
    let (value, _, _) = money.present(&known.value, &known.unit)?;
    Ok(format!(
        "{} = {} ({})",
        known.figure,
        crate::text::plain(value.point()),
        known.provenance
    ))
}

/// A status, marked when forward-looking.
pub fn status_cell(status: crate::value::Status) -> Cell {
    if status.is_forward_looking() {
        Cell::Marked(status.name().into(), Tone::Warn)
    } else {
        status.name().into()
    }
}

/// The columns that mark a figure some sources disagree on (data/FORMAT.md, When sources disagree):
/// `!` for people, `conflict` (`true` or `false`) for machines.
pub const CONFLICT_COLUMNS: [Column; 2] = [
    Column::people("conflict", "!", false),
    Column::machines("conflict"),
];

/// The cells of [`CONFLICT_COLUMNS`] for a figure.
pub fn conflict_cells(figure: &Reference, conflicted: &HashSet<Reference>) -> [Cell; 2] {
    let has = conflicted.contains(figure);
    [
        if has { "!".into() } else { Cell::Empty },
        if has { "true" } else { "false" }.into(),
    ]
}

/// Adds the conflict mark to a listing of facts, row by row.
pub fn mark_conflicts<'a>(
    listing: &mut Listing,
    figures: impl IntoIterator<Item = &'a Reference>,
    data: &Dataset,
) {
    let conflicted = crate::check::conflicted(data);
    listing.columns.extend(CONFLICT_COLUMNS);
    let mut any = false;
    for (row, figure) in listing.rows.iter_mut().zip(figures) {
        any |= conflicted.contains(figure);
        row.extend(conflict_cells(figure, &conflicted));
    }
    if any {
        listing
            .notes
            .push("! sources disagree on this figure: see `earnings check`.".to_string());
    }
}

/// The stated facts the selection keeps, in load order, then the figures
/// claims imply, then those definitions imply; each marked where sources
/// disagree on it.
pub fn listing(figures: &Figures<'_>, selection: &Selection, money: &Money) -> Result<Listing> {
    let (mut listing, rows) = section(figures, selection, money).into_parts();
    let mut made = Vec::new();
    rows(&mut |row: &[Cell]| {
        made.push(row.to_vec());
        Ok(())
    })?;
    listing.rows = made;
    Ok(listing)
}

/// [`listing`] as a section whose rows are made as a renderer takes them.
pub fn section<'f>(
    figures: &'f Figures<'f>,
    selection: &'f Selection,
    money: &'f Money,
) -> Section<'f> {
    let data = figures.data();
    let conflicted = figures.conflicted();
    let mut columns = columns();
    columns.extend(CONFLICT_COLUMNS);
    let kept = |figure: &Reference| selection.keeps(figure, data);
    let stated = data.facts.iter().map(|f| &f.figure);
    let implied = figures.implied().iter().map(|i| &i.known.figure);
    let defined = figures.defined().iter().map(|d| &d.known.figure);
    let any = !conflicted.is_empty()
        && stated
            .chain(implied)
            .chain(defined)
            .any(|figure| conflicted.contains(figure) && kept(figure));
    let notes = if any {
        vec!["! sources disagree on this figure: see `earnings check`.".to_string()]
    } else {
        Vec::new()
    };
    let head = Listing {
        name: "facts",
        title: "Stated and implied figures".to_string(),
        meta: money.meta(),
        columns,
        rows: Vec::new(),
        notes,
    };
    Section::new(head, move |each: &mut Each<'_>| {
        let marked = |mut row: Vec<Cell>, figure: &Reference| {
            row.extend(conflict_cells(figure, conflicted));
            row
        };
        for fact in data.facts.iter().filter(|f| kept(&f.figure)) {
            each(&marked(row(fact, money)?, &fact.figure))?;
        }
        for implied in figures.implied().iter().filter(|i| kept(&i.known.figure)) {
            each(&marked(
                implied_row(implied, data, money)?,
                &implied.known.figure,
            ))?;
        }
        for defined in figures.defined().iter().filter(|d| kept(&d.known.figure)) {
            each(&marked(
                defined_row(defined, data, money)?,
                &defined.known.figure,
            ))?;
        }
        Ok(())
    })
}
