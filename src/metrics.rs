//! Derived metrics (SPEC §3): year-over-year changes, shares of a parent,
//! margins, annualized run-rates and the growth a stated multiple implies,
//! computed for every figure that supports them, on intervals, each with
//! its formula and inputs.

use std::fmt;

use rust_decimal::Decimal;

use crate::bounded::{ArithError, Bounded};
use crate::dataset::{Claim, Relation};
use crate::error::{Error, Result};
use crate::figures::{Basis, Figures, Known};
use crate::reference::Reference;
use crate::relation;
use crate::value::{Status, Unit};

/// What a derived row measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Absolute change against the prior-year period.
    Change,
    /// Percent change against the prior-year period.
    Yoy,
    /// Percentage-point change of a percent-valued metric.
    ChangePp,
    /// A segment's figure as a percentage of its parent's, or of a stated whole.
    Share,
    /// A profit or cash-flow figure as a percentage of revenue (or another base).
    Margin,
    /// A sub-year flow annualized.
    RunRate,
    /// Compound growth per month implied by a stated multiple or change.
    GrowthMonthly,
    /// Compound growth per year implied by a stated multiple.
    GrowthAnnual,
}

impl Kind {
    /// The name used in outputs.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Change => "change",
            Kind::Yoy => "yoy",
            Kind::ChangePp => "change_pp",
            Kind::Share => "share",
            Kind::Margin => "margin",
            Kind::RunRate => "run_rate",
            Kind::GrowthMonthly => "growth_monthly",
            Kind::GrowthAnnual => "growth_annual",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One derived figure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Derived {
    /// What it measures.
    pub kind: Kind,
    /// The figure it is about.
    pub figure: Reference,
    /// Its interval, or `None` where it is not meaningful (`n/m`).
    pub value: Option<Bounded>,
    /// Its unit.
    pub unit: Unit,
    /// How it is computed.
    pub formula: String,
    /// What it is computed from.
    pub inputs: Vec<Known>,
    /// Forward-looking when any input is.
    pub status: Status,
    /// Why it is `n/m`, or what else to know.
    pub note: Option<String>,
}

/// The unit of a percentage-point change.
pub fn percentage_points() -> Unit {
    Unit::Count("pp".to_string())
}

/// Whether a metric is a profit or a cash flow, which has a margin.
pub fn has_margin(metric: &str) -> bool {
    !is_per_unit(metric)
        && ["profit", "income", "cash_flow", "earnings", "ebit"]
            .iter()
            .any(|word| metric.contains(word))
}

/// A figure per order, per share or per user is a rate, not a flow: it has
/// no run-rate and no margin over revenue.
pub fn is_per_unit(metric: &str) -> bool {
    metric.contains("per_")
}

fn status_of(inputs: &[Known]) -> Status {
    inputs
        .iter()
        .map(|k| k.status)
        .find(|s| s.is_forward_looking())
        .unwrap_or(Status::Reported)
}

fn arith(what: &str, figure: &Reference, error: ArithError) -> Error {
    Error::Arithmetic(format!("{what} of {figure}: {error}"))
}

/// Every derived metric the figures support, in the order of the figures.
pub fn derive(figures: &Figures<'_>) -> Result<Vec<Derived>> {
    let mut rows = Vec::new();
    let all = figures.all();
    for known in &all {
        year_over_year(figures, known, &mut rows)?;
        share_of_parent(figures, known, &mut rows)?;
        margin(figures, known, &mut rows)?;
        run_rate(known, &mut rows)?;
    }
    for (index, claim) in figures.data().claims.iter().enumerate() {
        claimed_share_or_margin(figures, index, claim, &mut rows)?;
        implied_growth(figures, claim, &mut rows)?;
    }
    Ok(rows)
}

fn year_over_year(figures: &Figures<'_>, current: &Known, rows: &mut Vec<Derived>) -> Result<()> {
    let Ok(prior_period) = current.figure.period.prior_year() else {
        return Ok(());
    };
    let prior_figure = current.figure.with_period(prior_period);
    let Some(prior) = figures.get(&prior_figure, Basis::MostTrusted) else {
        return Ok(());
    };
    if prior.unit != current.unit {
        return Ok(());
    }
    let figure = &current.figure;
    let change = current
        .value
        .checked_sub(&prior.value)
        .map_err(|e| arith("change", figure, e))?;
    let inputs = vec![current.clone(), prior.clone()];
    let status = status_of(&inputs);
    if current.unit == Unit::Percent {
        rows.push(Derived {
            kind: Kind::ChangePp,
            figure: figure.clone(),
            value: Some(change),
            unit: percentage_points(),
            formula: "current − prior (percentage points)".into(),
            inputs,
            status,
            note: None,
        });
        return Ok(());
    }
    rows.push(Derived {
        kind: Kind::Change,
        figure: figure.clone(),
        value: Some(change),
        unit: current.unit.clone(),
        formula: "current − prior".into(),
        inputs: inputs.clone(),
        status,
        note: None,
    });
    let percent =
        relation::yoy_percent(&current.value, &prior.value).map_err(|e| arith("yoy", figure, e))?;
    let note = percent.is_none().then(|| {
        if prior.value.contains_zero() || current.value.contains_zero() {
            "n/m: a figure can be zero".to_string()
        } else {
            "n/m: the sign changed".to_string()
        }
    });
    rows.push(Derived {
        kind: Kind::Yoy,
        figure: figure.clone(),
        value: percent,
        unit: Unit::Percent,
        formula: "(current − prior) / |prior|".into(),
        inputs,
        status,
        note,
    });
    Ok(())
}

fn share_of_parent(figures: &Figures<'_>, part: &Known, rows: &mut Vec<Derived>) -> Result<()> {
    let data = figures.data();
    let Some(parent) = data
        .entity(&part.figure.entity)
        .and_then(|e| e.parent.as_deref())
    else {
        return Ok(());
    };
    let whole_figure = Reference {
        entity: parent.to_string(),
        metric: part.figure.metric.clone(),
        period: part.figure.period.clone(),
    };
    let Some(whole) = figures.get(&whole_figure, Basis::MostTrusted) else {
        return Ok(());
    };
    push_share(Kind::Share, part, &whole, "part / parent × 100", rows)
}

fn push_share(
    kind: Kind,
    part: &Known,
    whole: &Known,
    formula: &str,
    rows: &mut Vec<Derived>,
) -> Result<()> {
    if part.unit != whole.unit || part.unit == Unit::Percent || whole.value.contains_zero() {
        return Ok(());
    }
    let value = relation::percent_of(&part.value, &whole.value)
        .map_err(|e| arith(kind.name(), &part.figure, e))?;
    let inputs = vec![part.clone(), whole.clone()];
    rows.push(Derived {
        kind,
        figure: part.figure.clone(),
        value: Some(value),
        unit: Unit::Percent,
        formula: formula.to_string(),
        status: status_of(&inputs),
        inputs,
        note: Some(format!("of {}", whole.figure)),
    });
    Ok(())
}

fn margin(figures: &Figures<'_>, profit: &Known, rows: &mut Vec<Derived>) -> Result<()> {
    if !has_margin(&profit.figure.metric) {
        return Ok(());
    }
    let Some(revenue) = figures.get(&profit.figure.with_metric("revenue"), Basis::MostTrusted)
    else {
        return Ok(());
    };
    push_share(
        Kind::Margin,
        profit,
        &revenue,
        "figure / revenue × 100",
        rows,
    )
}

fn run_rate(flow: &Known, rows: &mut Vec<Derived>) -> Result<()> {
    let period = &flow.figure.period;
    let short = period.months().is_some_and(|m| m < 12);
    let metric = &flow.figure.metric;
    let annualizable = matches!(flow.unit, Unit::Currency(_) | Unit::Count(_))
        && !metric.ends_with("arr")
        && !is_per_unit(metric);
    let Some(per_year) = period.per_year().filter(|_| short && annualizable) else {
        return Ok(());
    };
    let value = relation::run_rate(&flow.value, per_year)
        .map_err(|e| arith("run-rate", &flow.figure, e))?;
    rows.push(Derived {
        kind: Kind::RunRate,
        figure: flow.figure.clone(),
        value: Some(value),
        unit: flow.unit.clone(),
        formula: match period.months() {
            Some(months) if 12_u32.checked_rem(months) != Some(0) => {
                format!("figure × 12/{months}")
            }
            _ => format!("figure × {}", per_year.normalize()),
        },
        inputs: vec![flow.clone()],
        status: flow.status,
        note: None,
    });
    Ok(())
}

/// Shares and margins over a whole or base that a claim names, where both
/// figures are known without the claim's own conclusion and the pair is
/// not already covered by the parent or revenue rules.
fn claimed_share_or_margin(
    figures: &Figures<'_>,
    index: usize,
    claim: &Claim,
    rows: &mut Vec<Derived>,
) -> Result<()> {
    let data = figures.data();
    let (kind, of, whole, formula) = match &claim.relation {
        Relation::Share { of, whole } => {
            let is_parent = data.entity(&of.entity).and_then(|e| e.parent.as_deref())
                == Some(whole.entity.as_str())
                && whole.metric == of.metric
                && whole.period == of.period;
            if is_parent {
                return Ok(());
            }
            (Kind::Share, of, whole.clone(), "part / whole × 100")
        }
        Relation::Margin { of, over } if over != "revenue" => (
            Kind::Margin,
            of,
            of.with_metric(over),
            "figure / base × 100",
        ),
        _ => return Ok(()),
    };
    let get = |r: &Reference| figures.get_excluding(r, Basis::MostTrusted, Some(index));
    let (Some(part), Some(base)) = (get(of), get(&whole)) else {
        return Ok(());
    };
    // A figure implied by another claim from this very pair would be circular.
    if part.provenance.is_implied() || base.provenance.is_implied() {
        return Ok(());
    }
    if rows.iter().any(|r| {
        r.kind == kind && r.figure == *of && r.inputs.get(1).map(|k| &k.figure) == Some(&whole)
    }) {
        return Ok(());
    }
    push_share(kind, &part, &base, formula, rows)
}

/// The compound growth per month (and per year) a stated multiple or
/// year-over-year change implies over the time between the periods'
/// midpoints (SPEC §3.5).
fn implied_growth(figures: &Figures<'_>, claim: &Claim, rows: &mut Vec<Derived>) -> Result<()> {
    let data = figures.data();
    let (of, base, multiple) = match &claim.relation {
        Relation::Multiple { of, base } => (of, base.clone(), claim.value),
        Relation::Yoy { of } => {
            let Ok(prior) = of.period.prior_year() else {
                return Ok(());
            };
            let factor = Bounded::exact(Decimal::ONE)
                .checked_add(
                    &claim
                        .value
                        .checked_div(&Bounded::exact(Decimal::ONE_HUNDRED))
                        .map_err(|e| arith("growth", of, e))?,
                )
                .map_err(|e| arith("growth", of, e))?;
            (of, of.with_period(prior), factor)
        }
        _ => return Ok(()),
    };
    let (Ok(to), Ok(from)) = (
        of.period
            .midpoint_position(data.fiscal_year_end(&of.entity)),
        base.period
            .midpoint_position(data.fiscal_year_end(&base.entity)),
    ) else {
        return Ok(());
    };
    let Some(months) = to.checked_sub(from).filter(|m| *m > Decimal::ZERO) else {
        return Ok(());
    };
    if !multiple.is_positive() {
        return Ok(());
    }
    let twelve = Decimal::from(12);
    let monthly =
        relation::compound_growth(&multiple, months).map_err(|e| arith("growth", of, e))?;
    let claim_note = format!(
        "{} claim by {} {}",
        claim.relation.kind().name(),
        claim.source,
        claim.at
    );
    let months_text = months.normalize();
    rows.push(Derived {
        kind: Kind::GrowthMonthly,
        figure: of.clone(),
        value: Some(monthly),
        unit: Unit::Percent,
        formula: format!(
            "multiple^(1/{months_text}) − 1, {months_text} months from {} to {}",
            base.period, of.period
        ),
        inputs: Vec::new(),
        status: claim.status,
        note: Some(claim_note.clone()),
    });
    if matches!(claim.relation, Relation::Multiple { .. }) {
        let years = months.checked_div(twelve).unwrap_or(Decimal::ONE);
        let annual =
            relation::compound_growth(&multiple, years).map_err(|e| arith("growth", of, e))?;
        rows.push(Derived {
            kind: Kind::GrowthAnnual,
            figure: of.clone(),
            value: Some(annual),
            unit: Unit::Percent,
            formula: format!("multiple^(12/{months_text}) − 1"),
            inputs: Vec::new(),
            status: claim.status,
            note: Some(claim_note),
        });
    }
    Ok(())
}
