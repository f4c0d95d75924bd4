//! `statement`: figures as a financial statement reads, periods as columns
//! and each entity's metric as a row, the latest period first (as a 10-K
//! prints its years), each metric followed by its year-over-year change
//! and, for quarters, its change against the quarter before and its
//! trailing twelve months.
//!
//! The periods are columns, so their keys are made at run time
//! ([`column_name`]); a table too narrow for them all leaves out the
//! columns on the right, that is the oldest periods, and names them.

use std::collections::HashMap;

use crate::error::{Error, Result};
use crate::figures::{Figures, Known};
use crate::listing::{Cell, Column, Listing, column_name};
use crate::metrics::{self, Derived, Kind};
use crate::name::Name;
use crate::period::Period;
use crate::reference::Reference;
use crate::report::{Money, Selection, figure};
use crate::text::NOT_MEANINGFUL;
use crate::value::{Scale, Unit};

/// Which periods a statement sets side by side.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Quarters (fiscal or calendar) rather than years.
    pub quarterly: bool,
    /// These periods as columns, whether or not they have figures; every
    /// period of the right kind that a kept figure has when empty.
    pub periods: Vec<Period>,
}

/// The most periods `--periods` may name (a span of centuries is a typo).
pub const MOST_PERIODS: usize = 400;

impl Options {
    /// Whether a period is of the kind the statement shows.
    fn shows(&self, period: &Period) -> bool {
        let wanted = self.periods.is_empty() || self.periods.contains(period);
        wanted
            && if self.quarterly {
                matches!(
                    period,
                    Period::FiscalQuarter { .. } | Period::CalendarQuarter { .. }
                )
            } else {
                matches!(period, Period::FiscalYear(_) | Period::CalendarYear(_))
            }
    }
}

/// The lines under a metric, in order, with their label for people.
const LINES: [(Kind, &str); 5] = [
    (Kind::Yoy, "  YoY %"),
    (Kind::ChangePp, "  change pp"),
    (Kind::Qoq, "  QoQ %"),
    (Kind::Ttm, "  TTM"),
    (Kind::TtmYoy, "  TTM YoY %"),
];

/// Whether a statement shows lines of this kind.
fn wanted(kind: Kind, quarterly: bool) -> bool {
    match kind {
        Kind::Yoy | Kind::ChangePp => true,
        Kind::Qoq | Kind::Ttm | Kind::TtmYoy => quarterly,
        _ => false,
    }
}

/// The columns: what a row is, then each period (newest first): its value
/// for people, its value, low and high for machines.
fn columns(periods: &[Period]) -> Vec<Column> {
    let mut columns = vec![
        Column::text("entity", "entity").essential(),
        // For people a metric's lines sit under its name, as in a
        // statement; machines read the metric and the line apart.
        Column::people("metric", "metric", false).essential(),
        Column::machines("metric"),
        Column::machines("line"),
        Column::text("unit", "unit").essential(),
        Column::machines("scale"),
    ];
    for period in periods {
        let name = period.to_string();
        let key = column_name(&name);
        columns.extend([
            Column::people(key, key, true),
            Column::number(key),
            Column::number(column_name(&format!("{name}_low"))),
            Column::number(column_name(&format!("{name}_high"))),
        ]);
    }
    columns
}

/// The statement of the figures the selection keeps.
///
/// ```
/// use earnings::report::statement::{self, Options};
/// use earnings::report::{Money, Selection};
/// use earnings::{Dataset, Figures};
/// let data = Dataset::bundled().unwrap();
/// let figures = Figures::build(&data).unwrap();
/// let selection = Selection { entities: vec!["alibaba".into()], ..Selection::default() };
/// let listing = statement::listing(&figures, &selection, &Money::default(), &Options::default()).unwrap();
/// assert_eq!(listing.columns[6].key, "FY2026");
/// ```
pub fn listing(
    figures: &Figures<'_>,
    selection: &Selection,
    money: &Money,
    options: &Options,
) -> Result<Listing> {
    let data = figures.data();
    // Reported figures only: a statement says what happened.
    let kept = |figure: &Reference, status: crate::value::Status| {
        selection.keeps(figure, data)
            && !status.is_forward_looking()
            && options.shows(&figure.period)
    };
    let mut cells: HashMap<Reference, Known> = HashMap::new();
    let mut metrics_of: indexmap::IndexSet<(Name, Name)> = indexmap::IndexSet::new();
    let mut seen: Vec<Period> = Vec::new();
    // Stated figures only: what a claim implies is in `facts`.
    let stated = |k: &Known| matches!(k.provenance, crate::figures::Provenance::Stated { .. });
    for known in figures
        .iter()
        .filter(|k| stated(k) && kept(&k.figure, k.status))
    {
        metrics_of.insert((known.figure.entity.clone(), known.figure.metric.clone()));
        seen.push(known.figure.period.clone());
        cells.insert(known.figure.clone(), known);
    }
    let mut lines: HashMap<(Reference, Kind), Derived> = HashMap::new();
    for derived in metrics::derived(figures, |kind| wanted(kind, options.quarterly)) {
        let derived = derived?;
        if kept(&derived.figure, derived.status) {
            let figure = &derived.figure;
            metrics_of.insert((figure.entity.clone(), figure.metric.clone()));
            seen.push(figure.period.clone());
            lines.insert((figure.clone(), derived.kind), derived);
        }
    }
    let seen_periods: std::collections::HashSet<Period> = seen.iter().cloned().collect();
    let mut periods = if options.periods.is_empty() {
        seen
    } else {
        options.periods.clone()
    };
    periods.sort();
    periods.dedup();
    periods.reverse();
    let entity_place = |id: &str| data.entities.iter().position(|e| e.id == id);
    let mut pairs: Vec<(Name, Name)> = metrics_of.into_iter().collect();
    pairs.sort_by_key(|(entity, _)| entity_place(entity));
    let conflicted = figures.conflicted();
    let mut contested: indexmap::IndexSet<&Reference> = indexmap::IndexSet::new();
    let mut rows = Vec::new();
    for (entity, metric) in &pairs {
        let at = |period: &Period| Reference {
            entity: entity.clone(),
            metric: metric.clone(),
            period: period.clone(),
        };
        let found: Vec<Option<&Known>> = periods.iter().map(|p| cells.get(&at(p))).collect();
        let shown = found.iter().flatten().map(|k| &k.figure);
        contested.extend(shown.filter(|f| conflicted.contains(*f)));
        rows.push(figure_row(entity, metric, &found, money)?);
        for (kind, label) in LINES {
            let found: Vec<Option<&Derived>> =
                periods.iter().map(|p| lines.get(&(at(p), kind))).collect();
            let inputs = found.iter().flatten().flat_map(|d| d.inputs.iter());
            contested.extend(
                inputs
                    .map(|k| &k.figure)
                    .filter(|f| conflicted.contains(*f)),
            );
            if found.iter().any(Option::is_some) {
                rows.push(line_row(kind, label, &found, money)?);
            }
        }
    }
    let notes = notes(&periods, &seen_periods, &contested);
    let title = if options.quarterly {
        "Statement by quarter (latest first)"
    } else {
        "Statement by year (latest first)"
    };
    Ok(Listing {
        name: "statement",
        title: title.to_string(),
        meta: money.meta(),
        columns: columns(&periods),
        rows,
        notes,
    })
}

/// What to know under the table: the periods asked for that have no
/// figure, and the figures shown (or computed from) that sources disagree
/// on, which the other tables mark `!`.
fn notes(
    periods: &[Period],
    seen: &std::collections::HashSet<Period>,
    contested: &indexmap::IndexSet<&Reference>,
) -> Vec<String> {
    let mut notes = Vec::new();
    let empty: Vec<String> = periods
        .iter()
        .filter(|p| !seen.contains(p))
        .map(ToString::to_string)
        .collect();
    if !empty.is_empty() {
        notes.push(format!("No reported figure for {}.", empty.join(", ")));
    }
    if !contested.is_empty() {
        let figures: Vec<String> = contested.iter().map(ToString::to_string).collect();
        notes.push(format!(
            "Sources disagree on {} (shown: the most trusted; see earnings check).",
            figures.join(", ")
        ));
    }
    notes
}

/// The cells that start a row: the entity; for people the metric or the
/// line's label, for machines the metric and the line; unit and scale
/// (none where a metric has no figure in the periods shown).
fn row_start(
    entity: &Name,
    metric: &Name,
    line: (Option<&'static str>, &'static str),
    unit: Option<(&Unit, Scale)>,
) -> Vec<Cell> {
    vec![
        Cell::text(entity),
        line.0.map_or_else(|| Cell::text(metric), Cell::text),
        Cell::text(metric),
        Cell::text(line.1),
        unit.map_or(Cell::Empty, |(unit, _)| unit_cell(unit)),
        unit.map_or(Cell::Empty, |(_, scale)| Cell::text(scale.name())),
    ]
}

fn unit_cell(unit: &Unit) -> Cell {
    match unit {
        Unit::Currency(code) | Unit::Count(code) => Cell::text(code),
        Unit::Percent => Cell::text("percent"),
        Unit::Ratio => Cell::text("ratio"),
        Unit::Multiple => Cell::text("multiple"),
    }
}

/// The cells of a figure in one period's columns.
fn value_cells(
    value: Option<(
        crate::bounded::Bounded,
        &Unit,
        Option<crate::value::BoundKind>,
    )>,
) -> [Cell; 4] {
    match value {
        Some((value, unit, bound)) => [
            Cell::Value(figure(value, unit, bound)),
            Cell::Number(Some(value.point())),
            Cell::Number(value.low().value()),
            Cell::Number(value.high().value()),
        ],
        None => [
            Cell::Empty,
            Cell::Number(None),
            Cell::Number(None),
            Cell::Number(None),
        ],
    }
}

/// A metric's row of figures, each with the bound it was stated with
/// (empty where it has none in the periods shown, only lines).
fn figure_row(
    entity: &Name,
    metric: &Name,
    found: &[Option<&Known>],
    money: &Money,
) -> Result<Vec<Cell>> {
    let first = found.iter().flatten().next();
    let shown = first
        .map(|first| money.present(&first.value, &first.unit))
        .transpose()?;
    let unit = shown.as_ref().map(|(_, unit, scale)| (unit, *scale));
    let mut row = row_start(entity, metric, (None, "figure"), unit);
    for known in found {
        let cells = match (known, first) {
            (Some(known), Some(first)) if known.unit == first.unit => {
                let (value, unit, _) = money.present(&known.value, &known.unit)?;
                value_cells(Some((value, &unit, known.bound)))
            }
            // Another unit than the row's: shown nowhere rather than mixed.
            _ => value_cells(None),
        };
        row.extend(cells);
    }
    Ok(row)
}

/// A line under a metric: its changes or its trailing twelve months.
fn line_row(
    kind: Kind,
    label: &'static str,
    found: &[Option<&Derived>],
    money: &Money,
) -> Result<Vec<Cell>> {
    let first = found
        .iter()
        .flatten()
        .next()
        .ok_or_else(|| Error::Arithmetic("a statement line without values".into()))?;
    let shown = match &first.value {
        Some(value) => money.present(value, &first.unit)?,
        None => (
            crate::bounded::Bounded::exact(0.into()),
            first.unit.clone(),
            Scale::Unit,
        ),
    };
    let (_, unit, scale) = &shown;
    let figure = &first.figure;
    let mut row = row_start(
        &figure.entity,
        &figure.metric,
        (Some(label), kind.name()),
        Some((unit, *scale)),
    );
    for derived in found {
        let cells = match derived {
            Some(Derived {
                value: Some(value),
                unit,
                ..
            }) => {
                let (value, unit, _) = money.present(value, unit)?;
                value_cells(Some((value, &unit, None)))
            }
            Some(Derived { value: None, .. }) => {
                let [_, point, low, high] = value_cells(None);
                [Cell::text(NOT_MEANINGFUL), point, low, high]
            }
            None => value_cells(None),
        };
        row.extend(cells);
    }
    Ok(row)
}
