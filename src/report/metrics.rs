//! `metrics`, `yoy`, `share` and `run-rate`: derived metrics as listings,
//! and the implied figures beside what sources state of them.

use crate::dataset::Dataset;
use crate::error::Result;
use crate::figures::{Basis, Figures, Known};
use crate::listing::{Cell, Column, Listing};
use crate::metrics::{self, Derived, Kind};
use crate::render::figure_text;
use crate::report::{FIGURE_COLUMNS, FIGURE_KEY_COLUMNS, Money, Selection, figure, figure_cells};

/// The derived metrics a command lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// Every derived metric.
    All,
    /// Year-over-year changes.
    Yoy,
    /// Shares and margins.
    Share,
    /// Annualized run-rates.
    RunRate,
}

impl Family {
    fn includes(self, kind: Kind) -> bool {
        match self {
            Family::All => true,
            Family::Yoy => matches!(kind, Kind::Change | Kind::Yoy | Kind::ChangePp),
            Family::Share => matches!(kind, Kind::Share | Kind::Margin),
            Family::RunRate => kind == Kind::RunRate,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Family::All => "metrics",
            Family::Yoy => "yoy",
            Family::Share => "share",
            Family::RunRate => "run-rate",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Family::All => "Derived metrics",
            Family::Yoy => "Year-over-year changes",
            Family::Share => "Shares and margins",
            Family::RunRate => "Annualized run-rates",
        }
    }
}

/// A known figure in one phrase: `alibaba.revenue@FY2026 = 1,023.67 (article ¶2)`.
pub fn describe(known: &Known, money: &Money) -> Result<String> {
    let (value, unit, _) = money.present(&known.value, &known.unit)?;
    let shown = figure_text(&figure(value, &unit, known.bound), None);
    Ok(format!(
        "{} = {shown} ({})",
        known.figure,
        known.provenance.describe()
    ))
}

/// The columns of a derived-metrics listing.
pub fn columns() -> Vec<Column> {
    let mut columns = vec![
        Column::text("kind", "kind"),
        Column::text("entity", "entity"),
        Column::text("metric", "metric"),
        Column::text("period", "period"),
    ];
    columns.extend(FIGURE_COLUMNS);
    columns.extend([
        Column::text("unit", "unit"),
        Column::machines("scale"),
        Column::text("status", "status"),
        Column::text("formula", "formula"),
        Column::text("inputs", "inputs"),
        Column::text("note", "note"),
    ]);
    columns
}

fn row(derived: &Derived, money: &Money) -> Result<Vec<Cell>> {
    let mut row: Vec<Cell> = vec![
        derived.kind.name().into(),
        derived.figure.entity.as_str().into(),
        derived.figure.metric.as_str().into(),
        derived.figure.period.to_string().into(),
    ];
    let (unit, scale) = match &derived.value {
        Some(value) => {
            let (value, unit, scale) = money.present(value, &derived.unit)?;
            row.extend(figure_cells(figure(value, &unit, None)));
            (unit, scale)
        }
        None => {
            row.extend([
                Cell::Text("n/m".into()),
                Cell::Empty,
                Cell::Number(None),
                Cell::Number(None),
                Cell::Number(None),
            ]);
            (derived.unit.clone(), crate::value::Scale::Unit)
        }
    };
    let inputs = derived
        .inputs
        .iter()
        .map(|k| describe(k, money))
        .collect::<Result<Vec<_>>>()?
        .join("; ");
    row.extend([
        unit.to_string().into(),
        scale.name().into(),
        if derived.status.is_forward_looking() {
            derived.status.name().into()
        } else {
            Cell::Empty
        },
        derived.formula.as_str().into(),
        inputs.into(),
        Cell::text_or_empty(derived.note.as_deref()),
    ]);
    Ok(row)
}

/// The derived metrics of one family the selection keeps.
pub fn listing(
    figures: &Figures<'_>,
    family: Family,
    selection: &Selection,
    money: &Money,
) -> Result<Listing> {
    let data = figures.data();
    let rows = metrics::derive(figures)?
        .iter()
        .filter(|d| family.includes(d.kind) && selection.keeps(&d.figure, data))
        .map(|d| row(d, money))
        .collect::<Result<Vec<_>>>()?;
    Ok(Listing {
        name: family.name(),
        title: family.title().to_string(),
        meta: money.meta(),
        columns: columns(),
        rows,
        notes: Vec::new(),
    })
}

/// The implied figures, each beside what the most trusted source states of
/// the same figure, if any.
pub fn implied(figures: &Figures<'_>, selection: &Selection, money: &Money) -> Result<Listing> {
    let data: &Dataset = figures.data();
    let mut columns = FIGURE_KEY_COLUMNS.to_vec();
    columns.extend(FIGURE_COLUMNS);
    columns.extend([
        Column::text("unit", "unit"),
        Column::machines("scale"),
        Column::text("status", "status"),
        Column::text("claim", "implied by"),
        Column::text("formula", "formula"),
        Column::text("inputs", "from"),
        Column::text("stated", "stated elsewhere"),
    ]);
    let mut rows = Vec::new();
    for implied in figures.implied() {
        let known = &implied.known;
        if !selection.keeps(&known.figure, data) {
            continue;
        }
        let (value, unit, scale) = money.present(&known.value, &known.unit)?;
        let mut row: Vec<Cell> = vec![
            known.figure.entity.as_str().into(),
            known.figure.metric.as_str().into(),
            known.figure.period.to_string().into(),
        ];
        row.extend(figure_cells(figure(value, &unit, None)));
        let claim = data.claims.get(implied.claim);
        let claim_text = claim.map_or_else(String::new, |c| {
            format!("{} claim, {} {}", c.relation.kind().name(), c.source, c.at)
        });
        let inputs = implied
            .inputs
            .iter()
            .map(|k| describe(k, money))
            .collect::<Result<Vec<_>>>()?
            .join("; ");
        let stated = match figures.stated(&known.figure).first() {
            Some(fact) => {
                let stated = figures.get(&known.figure, Basis::MostTrusted);
                let text = stated
                    .map(|k| describe(&k, money))
                    .transpose()?
                    .unwrap_or_default();
                let agrees = if fact.value.overlaps(&known.value) {
                    "agrees"
                } else {
                    "DISAGREES"
                };
                format!("{agrees}: {text}")
            }
            None => String::new(),
        };
        row.extend([
            unit.to_string().into(),
            scale.name().into(),
            if known.status.is_forward_looking() {
                known.status.name().into()
            } else {
                Cell::Empty
            },
            claim_text.into(),
            implied.formula.into(),
            inputs.into(),
            stated.into(),
        ]);
        rows.push(row);
    }
    Ok(Listing {
        name: "implied",
        title: "Implied figures (solved from stated relations)".to_string(),
        meta: money.meta(),
        columns,
        rows,
        notes: Vec::new(),
    })
}
