//! `eval`: each expression as one row (the value, its interval, its unit
//! and the figures it read, with their sources), and with `--explain` the
//! evaluation tree, one row per step.
//!
//! Display: money in the output scale (`--scale`, billions by default, and
//! `--currency` converts it); `share`, `margin`, `yoy`, `cagr`, `growth` and
//! percent literals in percent; a ratio of two amounts as a multiple (`×`);
//! other numbers plain. An `n/m` result prints `n/m` with its reason.

use crate::error::{Error, Result};
use crate::eval::{self, Amount, Evaluation, Expression, Step, Value};
use crate::figures::{Basis, Figures, Known};
use crate::listing::{Cell, Column, Listing, Record};
use crate::report::metrics::describe;
use crate::report::{FIGURE_COLUMNS, Money, figure, figure_cells};
use crate::value::Scale;

/// What to evaluate and how.
#[derive(Clone, Debug)]
pub struct Request<'a> {
    /// The expressions, as written.
    pub expressions: &'a [String],
    /// Which source's figures win.
    pub basis: Basis<'a>,
    /// Add the evaluation tree.
    pub explain: bool,
}

/// Parses and evaluates every expression: the result listing, then (with
/// `explain`) the steps. A bad expression is an [`Error::Usage`] whose
/// first line is `eval: LINE:COLUMN: what is wrong`, followed by the
/// expression with a caret under the place.
///
/// ```
/// use earnings::dataset::Dataset;
/// use earnings::figures::{Basis, Figures};
/// use earnings::report::{Money, eval::{listings, Request}};
/// let data = Dataset::bundled().unwrap();
/// let figures = Figures::build(&data).unwrap();
/// let expressions = ["alibaba.net_proft@FY2026 / 2".to_string()];
/// let request = Request { expressions: &expressions, basis: Basis::MostTrusted, explain: false };
/// let error = listings(&figures, &request, &Money::default()).unwrap_err();
/// assert!(error.to_string().starts_with("eval: 1:9: unknown metric 'net_proft' (did you mean 'net_profit'?)"));
/// ```
pub fn listings(
    figures: &Figures<'_>,
    request: &Request<'_>,
    money: &Money,
) -> Result<Vec<Listing>> {
    let several = request.expressions.len() > 1;
    let (parsed, results) = evaluated(figures, request)?;
    let mut meta = money.meta();
    if let Basis::SourceFirst(source) = request.basis {
        meta.push(("source", source.to_string()));
    }
    let mut rows = Vec::with_capacity(results.len());
    for (expression, result) in parsed.iter().zip(&results) {
        rows.push(row(expression, result, money)?);
    }
    let mut out = vec![Listing {
        name: "eval",
        title: if several {
            "Expressions".to_string()
        } else {
            "Expression".to_string()
        },
        meta: meta.clone(),
        columns: columns(),
        rows,
        notes: disputed(figures, request.basis, &results),
    }];
    if request.explain {
        out.push(steps(&results, money, meta)?);
    }
    Ok(out)
}

/// Parses every expression, then evaluates each: a bad one is an
/// [`Error::Usage`] that names it (when there are several) and the place.
fn evaluated(
    figures: &Figures<'_>,
    request: &Request<'_>,
) -> Result<(Vec<Expression>, Vec<Evaluation>)> {
    let several = request.expressions.len() > 1;
    let which = |n: usize| {
        if several {
            format!("expression {}, ", n.saturating_add(1))
        } else {
            String::new()
        }
    };
    let mut parsed = Vec::with_capacity(request.expressions.len());
    for (n, text) in request.expressions.iter().enumerate() {
        let expression = eval::parse(text).map_err(|e| {
            Error::Usage(format!(
                "eval: {}{}",
                which(n),
                eval::located(text, e.span, &e.message)
            ))
        })?;
        parsed.push(expression);
    }
    let env = eval::FiguresEnvironment {
        figures,
        basis: request.basis,
    };
    let mut results = Vec::with_capacity(parsed.len());
    for (n, expression) in parsed.iter().enumerate() {
        let result = eval::evaluate(expression, &env).map_err(|e| {
            Error::Usage(format!(
                "eval: {}{}",
                which(n),
                eval::located(expression.text(), e.span, &e.message)
            ))
        })?;
        results.push(result);
    }
    Ok((parsed, results))
}

/// A note for each figure sources disagree on that a result used (once).
fn disputed(figures: &Figures<'_>, basis: Basis<'_>, results: &[Evaluation]) -> Vec<String> {
    let conflicted = figures.conflicted();
    let mut notes = Vec::new();
    for result in results {
        let disputed: Vec<String> = result
            .inputs
            .iter()
            .filter(|k| conflicted.contains(&k.figure))
            .map(|k| k.figure.to_string())
            .filter(|f| !notes.iter().any(|n: &String| n.contains(f.as_str())))
            .collect();
        if !disputed.is_empty() {
            notes.push(format!(
                "Sources disagree on {}: the {} figure is used; see `earnings check`.",
                disputed.join(", "),
                match basis {
                    Basis::MostTrusted =>
                        "most trusted (among equals, the source whose id sorts first)",
                    Basis::SourceFirst(_) => "chosen source's (else the most trusted)",
                }
            ));
        }
    }
    notes
}

/// The `--explain` listing: every step of every evaluation.
fn steps(
    results: &[Evaluation],
    money: &Money,
    meta: Vec<(&'static str, String)>,
) -> Result<Listing> {
    let mut rows = Vec::new();
    for (n, result) in results.iter().enumerate() {
        let mut next_id = 1usize;
        step_rows(
            &result.step,
            n.saturating_add(1),
            None,
            0,
            &mut next_id,
            money,
            &mut rows,
        )?;
    }
    Ok(Listing {
        name: "steps",
        title: "How each value was found".to_string(),
        meta,
        columns: step_columns(),
        rows,
        notes: vec![
            "Each step's interval is sound: it contains every value its inputs allow.".to_string(),
        ],
    })
}

/// The columns of the result listing.
pub fn columns() -> Vec<Column> {
    let mut columns = vec![Column::text("expression", "expression")];
    columns.extend(FIGURE_COLUMNS);
    columns.extend([
        Column::text("unit", "unit"),
        Column::machines("scale"),
        Column::text("status", "status"),
        Column::text("inputs", "figures used").wide(),
        Column::text("note", "note").wide(),
    ]);
    columns
}

/// The columns of the steps listing.
pub fn step_columns() -> Vec<Column> {
    let mut columns = vec![
        Column::machines("expression"),
        Column::machines("id"),
        Column::machines("parent"),
        Column::machines("depth"),
        Column::people("step", "step", false),
        Column::machines("text"),
        Column::text("node", "node"),
    ];
    columns.extend(FIGURE_COLUMNS);
    columns.extend([
        Column::text("unit", "unit"),
        Column::machines("scale"),
        Column::text("how", "how"),
    ]);
    columns
}

/// A value's five figure cells, its unit text and its scale.
fn value_cells(value: &Value, money: &Money) -> Result<([Cell; 5], String, Scale)> {
    match &value.amount {
        Amount::Known(b) => {
            let (shown, unit, scale) = money.present(b, &value.unit.presentation())?;
            let text = if value.unit.presentation().is_money() {
                unit.to_string()
            } else {
                value.unit.to_string()
            };
            Ok((figure_cells(figure(shown, &unit, None)), text, scale))
        }
        Amount::NotMeaningful(_) => Ok((
            [
                Cell::Text("n/m".into()),
                Cell::Empty,
                Cell::Number(None),
                Cell::Number(None),
                Cell::Number(None),
            ],
            value.unit.to_string(),
            Scale::Unit,
        )),
    }
}

fn row(expression: &Expression, result: &Evaluation, money: &Money) -> Result<Vec<Cell>> {
    let (cells, unit, scale) = value_cells(&result.value, money)?;
    let mut row: Vec<Cell> = vec![expression.text().into()];
    row.extend(cells);
    let inputs = result
        .inputs
        .iter()
        .map(|k| input_record(k, money))
        .collect::<Result<Vec<_>>>()?;
    let note = match &result.value.amount {
        Amount::NotMeaningful(reason) => Cell::text(reason.clone()),
        Amount::Known(_) => Cell::Empty,
    };
    row.extend([
        unit.into(),
        scale.name().into(),
        if result.status.is_forward_looking() {
            result.status.name().into()
        } else {
            Cell::Empty
        },
        Cell::Records(inputs),
        note,
    ]);
    Ok(row)
}

/// One figure used: a phrase for people; every field for machines.
fn input_record(known: &Known, money: &Money) -> Result<Record> {
    let (value, unit, scale) = money.present(&known.value, &known.unit)?;
    let (source, at) = match &known.provenance {
        crate::figures::Provenance::Stated { source, at }
        | crate::figures::Provenance::Implied { source, at, .. } => (source.clone(), at.clone()),
        crate::figures::Provenance::Defined { .. } => Default::default(),
    };
    Ok(Record {
        fields: vec![
            (
                Column::people("figure", "figure", false),
                describe(known, money)?.into(),
            ),
            (Column::machines("figure"), known.figure.to_string().into()),
            (Column::number("value"), Cell::Number(Some(value.point()))),
            (Column::number("low"), Cell::Number(value.low().value())),
            (Column::number("high"), Cell::Number(value.high().value())),
            (Column::machines("unit"), unit.to_string().into()),
            (Column::machines("scale"), scale.name().into()),
            (Column::machines("status"), known.status.name().into()),
            (
                Column::machines("implied"),
                if known.provenance.is_implied() {
                    "true"
                } else {
                    "false"
                }
                .into(),
            ),
            (Column::machines("source"), source.into()),
            (Column::machines("at"), at.into()),
        ],
    })
}

#[allow(clippy::too_many_arguments)]
fn step_rows(
    step: &Step,
    expression: usize,
    parent: Option<usize>,
    depth: usize,
    next_id: &mut usize,
    money: &Money,
    rows: &mut Vec<Vec<Cell>>,
) -> Result<()> {
    let id = *next_id;
    *next_id = next_id.saturating_add(1);
    let (cells, unit, scale) = value_cells(&step.value, money)?;
    let indent = "  ".repeat(depth);
    let mut row: Vec<Cell> = vec![
        Cell::Number(Some(expression.into())),
        Cell::Number(Some(id.into())),
        Cell::Number(parent.map(Into::into)),
        Cell::Number(Some(depth.into())),
        format!("{indent}{}", step.label).into(),
        step.label.as_str().into(),
        step.node.into(),
    ];
    row.extend(cells);
    let how = match &step.value.amount {
        Amount::NotMeaningful(reason) => format!("{}; {reason}", step.how),
        Amount::Known(_) => step.how.clone(),
    };
    row.extend([unit.into(), scale.name().into(), how.into()]);
    rows.push(row);
    for child in &step.children {
        step_rows(
            child,
            expression,
            Some(id),
            depth.saturating_add(1),
            next_id,
            money,
            rows,
        )?;
    }
    Ok(())
}
