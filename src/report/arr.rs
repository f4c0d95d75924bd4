//! `arr`: ARR milestones with the monthly revenue each corresponds to, the
//! growth each pair of consecutive milestones implies, the path between
//! them, and a bar chart of that path for people.
//!
//! Three listings: `arr_milestones`, `arr_pairs` and `arr_path`; and one
//! [`BarChart`] per trajectory, drawn after the path in tables.

use crate::arr::{self, Doubling, Milestone, Model, PathPoint, Step, Trajectory};
use crate::bounded::{Bounded, Endpoint};
use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::figures::Figures;
use crate::listing::chart::{Bar, BarChart};
use crate::listing::{Cell, Column, Listing, Show};
use crate::report::{
    FIGURE_COLUMNS, Money, Selection, figure, figure_key_cells, not_meaningful_cells,
};
use crate::text::NOT_MEANINGFUL;
use crate::value::{BoundKind, Scale, Unit};
use rust_decimal::Decimal;

/// How the path is drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ArrOptions {
    /// Compound (default) or linear.
    pub model: Model,
    /// Month ends (default) or fiscal quarter ends.
    pub step: Step,
}

/// The `arr` report: its listings and its charts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArrReport {
    /// Each milestone with its monthly revenue.
    pub milestones: Listing,
    /// What each consecutive pair implies.
    pub pairs: Listing,
    /// The path, milestones included.
    pub path: Listing,
    /// One chart of the path per trajectory with two or more milestones.
    pub charts: Vec<BarChart>,
}

impl ArrReport {
    /// The listings, in the order they print.
    pub fn listings(&self) -> Vec<Listing> {
        vec![
            self.milestones.clone(),
            self.pairs.clone(),
            self.path.clone(),
        ]
    }
}

/// A number column shown to people and machines alike.
const fn count(key: &'static str) -> Column {
    Column {
        key,
        header: key,
        show: Show::Everywhere,
        numeric: true,
        wide: false,
        essential: false,
    }
}

/// A figure column for people, then its value, low and high for machines,
/// named `key`, `key_low`, `key_high`.
fn measure_columns(
    key: &'static str,
    low: &'static str,
    high: &'static str,
    header: &'static str,
) -> [Column; 4] {
    [
        Column::people(key, header, true),
        Column::number(key),
        Column::number(low),
        Column::number(high),
    ]
}

/// Relative distance within which a point counts as sitting on an end of
/// its interval: roots and logarithms widen an end by about `1e-15`
/// relative, so a growth rate computed from a multiple of "at most 3" has
/// its point just inside its (sound) upper end.
const ON_THE_END: Decimal = Decimal::from_parts(1, 0, 0, false, 12);

fn sits_on(end: Endpoint, point: Decimal) -> bool {
    end.value().is_some_and(|v| {
        let gap = v.checked_sub(point).map(|g| g.abs());
        let room = point
            .abs()
            .max(Decimal::ONE)
            .checked_mul(ON_THE_END)
            .unwrap_or(Decimal::MAX);
        gap.is_some_and(|g| g <= room)
    })
}

/// How people read a figure whose point sits on one end of its interval:
/// as that bound (`≤20.09%`, `≥17.32`), to its own digits. Machines get
/// both ends as computed.
fn as_bound(value: Bounded) -> Bounded {
    let (low, high, point) = (value.low(), value.high(), value.point());
    let (at_low, at_high) = (sits_on(low, point), sits_on(high, point));
    // Shown as a bound, the point's last digits are only the noise of the
    // root or quotient it came from (800.0000000000000000000000001).
    let point = point.round_dp(12).normalize();
    let one_sided = match (at_low, at_high) {
        (false, true) => Bounded::new(point, Endpoint::Unbounded, Endpoint::Closed(point)),
        (true, false) if low.is_open() => {
            Bounded::new(point, Endpoint::Open(point), Endpoint::Unbounded)
        }
        (true, false) => Bounded::new(point, Endpoint::Closed(point), Endpoint::Unbounded),
        _ => Ok(value),
    };
    one_sided.unwrap_or(value)
}

/// The five cells of [`FIGURE_COLUMNS`], people's read by [`as_bound`].
fn bound_figure_cells(value: Bounded, unit: &Unit, bound: Option<BoundKind>) -> [Cell; 5] {
    let shown = figure(as_bound(value), unit, bound);
    [
        Cell::Value(shown.clone()),
        Cell::Interval(shown),
        Cell::Number(Some(value.point())),
        Cell::Number(value.low().value()),
        Cell::Number(value.high().value()),
    ]
}

/// The four cells of [`measure_columns`]; `absent` (`n/m`, `never`) where
/// there is no value.
fn measure_cells(value: Option<Bounded>, unit: &Unit, absent: &str) -> [Cell; 4] {
    match value {
        Some(value) => [
            Cell::Value(figure(as_bound(value), unit, None)),
            Cell::Number(Some(value.point())),
            Cell::Number(value.low().value()),
            Cell::Number(value.high().value()),
        ],
        None => [
            Cell::text(absent.to_string()),
            Cell::Number(None),
            Cell::Number(None),
            Cell::Number(None),
        ],
    }
}

fn status_cell(status: crate::value::Status) -> Cell {
    if status.is_forward_looking() {
        status.name().into()
    } else {
        Cell::Empty
    }
}

fn milestone_columns() -> Vec<Column> {
    let mut columns = vec![
        Column::text("entity", "entity"),
        Column::text("metric", "metric"),
        Column::text("period", "period"),
        Column::text("date", "at end of"),
    ];
    columns.extend(FIGURE_COLUMNS);
    columns.extend([Column::text("unit", "unit"), Column::machines("scale")]);
    columns.extend(measure_columns(
        "monthly_revenue",
        "monthly_revenue_low",
        "monthly_revenue_high",
        "per month (ARR / 12)",
    ));
    columns.extend([
        Column::text("status", "status"),
        Column::text("source", "source"),
    ]);
    columns
}

fn milestone_row(milestone: &Milestone, money: &Money) -> Result<Vec<Cell>> {
    let known = &milestone.known;
    let (value, unit, scale) = money.present(&known.value, &known.unit)?;
    let mut row: Vec<Cell> = figure_key_cells(&known.figure).to_vec();
    row.push(milestone.date.to_string().into());
    row.extend(bound_figure_cells(value, &unit, known.bound));
    row.extend([unit.to_string().into(), scale.name().into()]);
    // ARR / 12: the revenue of one month at that annual rate.
    let monthly = value
        .checked_div(&Bounded::exact(rust_decimal::Decimal::from(12)))
        .map_err(|e| Error::Arithmetic(format!("{} / 12: {e}", known.figure)))?;
    row.extend(measure_cells(Some(monthly), &unit, NOT_MEANINGFUL));
    row.extend([
        status_cell(known.status),
        known.provenance.describe().into(),
    ]);
    Ok(row)
}

fn pair_columns() -> Vec<Column> {
    let mut columns = vec![
        Column::text("entity", "entity"),
        Column::text("metric", "metric"),
        Column::text("from", "from"),
        Column::text("to", "to"),
        Column::machines("from_date"),
        Column::machines("to_date"),
        count("months"),
    ];
    columns.extend(measure_columns(
        "multiple",
        "multiple_low",
        "multiple_high",
        "multiple",
    ));
    columns.extend(measure_columns(
        "monthly_growth",
        "monthly_growth_low",
        "monthly_growth_high",
        "per month",
    ));
    columns.extend(measure_columns(
        "quarterly_growth",
        "quarterly_growth_low",
        "quarterly_growth_high",
        "per quarter",
    ));
    columns.extend(measure_columns(
        "annualized_growth",
        "annualized_growth_low",
        "annualized_growth_high",
        "annualized",
    ));
    columns.extend(measure_columns(
        "doubling_months",
        "doubling_months_low",
        "doubling_months_high",
        "doubling (months)",
    ));
    columns.extend([
        Column::text("status", "status"),
        Column::text("note", "note").wide(),
    ]);
    columns
}

fn pair_row(trajectory: &Trajectory, pair: &arr::Pair) -> Vec<Cell> {
    let period = |i: usize| {
        trajectory
            .milestones
            .get(i)
            .map_or_else(String::new, |m| m.known.figure.period.to_string())
    };
    let date = |i: usize| {
        trajectory
            .milestones
            .get(i)
            .map_or_else(String::new, |m| m.date.to_string())
    };
    let mut row: Vec<Cell> = vec![
        trajectory.entity.as_str().into(),
        trajectory.metric.as_str().into(),
        period(pair.from).into(),
        period(pair.to).into(),
        date(pair.from).into(),
        date(pair.to).into(),
        // Exact, but perhaps a repeating fraction: people read four decimals.
        Cell::Value(figure(
            Bounded::exact(pair.months.normalize()),
            &Unit::Count("months".into()),
            None,
        )),
    ];
    row.extend(measure_cells(
        pair.multiple,
        &Unit::Multiple,
        NOT_MEANINGFUL,
    ));
    row.extend(measure_cells(pair.monthly, &Unit::Percent, NOT_MEANINGFUL));
    row.extend(measure_cells(
        pair.quarterly,
        &Unit::Percent,
        NOT_MEANINGFUL,
    ));
    row.extend(measure_cells(
        pair.annualized,
        &Unit::Percent,
        NOT_MEANINGFUL,
    ));
    let months = Unit::Count("months".into());
    row.extend(match &pair.doubling {
        Doubling::Months(m) => measure_cells(Some(*m), &months, NOT_MEANINGFUL),
        Doubling::Never => measure_cells(None, &months, "never"),
        Doubling::NotMeaningful => measure_cells(None, &months, NOT_MEANINGFUL),
    });
    row.extend([
        status_cell(pair.status),
        Cell::text_or_empty(pair.note.as_deref()),
    ]);
    row
}

fn path_columns() -> Vec<Column> {
    let mut columns = vec![
        Column::text("entity", "entity"),
        Column::text("metric", "metric"),
        Column::text("date", "at end of"),
    ];
    columns.extend(FIGURE_COLUMNS);
    columns.extend([
        Column::text("unit", "unit"),
        Column::machines("scale"),
        Column::machines("model"),
        Column::text("milestone", "milestone"),
        Column::text("status", "status"),
    ]);
    columns
}

/// A path point's figure as shown, with its unit and scale.
fn present_point(
    point: &PathPoint,
    unit: &Unit,
    money: &Money,
) -> Result<Option<(Bounded, Unit, Scale)>> {
    point
        .value
        .as_ref()
        .map(|v| money.present(v, unit))
        .transpose()
}

/// The `arr` report for the figures the selection keeps.
pub fn report(
    figures: &Figures<'_>,
    selection: &Selection,
    money: &Money,
    options: &ArrOptions,
) -> Result<ArrReport> {
    let data: &Dataset = figures.data();
    let trajectories = arr::trajectories(figures, |r| selection.keeps(r, data))?;
    let mut made = Made::default();
    // One budget of path months for the whole report (see arr::PATH_BUDGET).
    let mut budget = arr::PATH_BUDGET;
    for trajectory in &trajectories {
        for milestone in &trajectory.milestones {
            made.milestones.push(milestone_row(milestone, money)?);
        }
        if let [only] = trajectory.milestones.as_slice() {
            made.pair_notes.push(only_one_milestone(trajectory, only));
            continue;
        }
        made.pairs
            .extend(trajectory.pairs.iter().map(|p| pair_row(trajectory, p)));
        let (rows, chart, gaps) = path(trajectory, data, money, options, &mut budget)?;
        made.path.extend(rows);
        made.path_notes.extend(gaps_left_out(trajectory, &gaps));
        made.charts.push(chart);
    }
    if trajectories.is_empty() {
        made.pair_notes.push(
            "No ARR-like metric (one whose name ends in \"arr\") among the selected figures."
                .to_string(),
        );
    }
    if !made.pairs.is_empty() {
        made.pair_notes.push(
            "Compound growth: multiple^(1/steps) − 1 per month, quarter or year; doubling time \
             ln 2 / ln(1 + monthly growth). ≤ and ≥ mark one-sided bounds (a start stated as \
             'at least' caps the growth from above)."
                .to_string(),
        );
    }
    Ok(made.into_report(money, options))
}

/// The rows of the three listings, the notes under the pairs, and the
/// charts, as the trajectories make them.
#[derive(Default)]
struct Made {
    milestones: Vec<Vec<Cell>>,
    pairs: Vec<Vec<Cell>>,
    pair_notes: Vec<String>,
    path: Vec<Vec<Cell>>,
    path_notes: Vec<String>,
    charts: Vec<BarChart>,
}

impl Made {
    fn into_report(self, money: &Money, options: &ArrOptions) -> ArrReport {
        let mut path_meta = money.meta();
        path_meta.push(("model", options.model.name().to_string()));
        path_meta.push(("step", options.step.name().to_string()));
        ArrReport {
            milestones: Listing {
                name: "arr_milestones",
                title: "ARR milestones".to_string(),
                meta: money.meta(),
                columns: milestone_columns(),
                rows: self.milestones,
                notes: Vec::new(),
            },
            pairs: Listing {
                name: "arr_pairs",
                title: "ARR growth between consecutive milestones".to_string(),
                meta: Vec::new(),
                columns: pair_columns(),
                rows: self.pairs,
                notes: self.pair_notes,
            },
            path: Listing {
                name: "arr_path",
                title: format!(
                    "ARR path ({} model, {} steps)",
                    options.model.name(),
                    options.step.name()
                ),
                meta: path_meta,
                columns: path_columns(),
                rows: self.path,
                notes: self.path_notes,
            },
            charts: self.charts,
        }
    }
}

/// The gaps between milestones a path leaves out, said in a note: the
/// first, and how many more.
fn gaps_left_out(trajectory: &Trajectory, gaps: &[arr::Gap]) -> Option<String> {
    let first = gaps.first()?;
    let period = |i: usize| {
        trajectory
            .milestones
            .get(i)
            .map_or_else(String::new, |m| m.known.figure.period.to_string())
    };
    let more = match gaps.len().saturating_sub(1) {
        0 => String::new(),
        1 => ", and those of 1 more gap".to_string(),
        n => format!(", and those of {n} more gaps"),
    };
    Some(format!(
        "{} {}: the {} month ends between {} and {}{more} are left out (a path lists at \
         most {} months between two milestones, and {} in all).",
        trajectory.entity,
        trajectory.metric,
        crate::text::number(first.months.into()),
        period(first.from),
        period(first.to),
        arr::PATH_MONTHS,
        crate::text::number(arr::PATH_BUDGET.into()),
    ))
}

/// Why a trajectory of one milestone has no pairs and no path.
fn only_one_milestone(trajectory: &Trajectory, only: &Milestone) -> String {
    let period = only.known.figure.period.to_string();
    let date = only.date.to_string();
    let at = if period == date {
        period
    } else {
        format!("{period}, ending {date}")
    };
    format!(
        "{} {}: only one milestone ({at}), so no trajectory: that takes two or more.",
        trajectory.entity, trajectory.metric
    )
}

/// The path of a trajectory within the report's budget of months: its
/// rows, its chart, and the gaps it leaves out.
fn path(
    trajectory: &Trajectory,
    data: &Dataset,
    money: &Money,
    options: &ArrOptions,
    budget: &mut i64,
) -> Result<(Vec<Vec<Cell>>, BarChart, Vec<arr::Gap>)> {
    let (path, gaps) = trajectory.path_within(options.model, options.step, budget)?;
    let mut rows = Vec::with_capacity(path.len());
    let mut bars = Vec::with_capacity(path.len());
    let mut chart_unit = None;
    for point in &path {
        let (row, bar, unit) = path_point(trajectory, point, money, options)?;
        rows.push(row);
        bars.push(bar);
        if chart_unit.is_none() {
            chart_unit = unit;
        }
    }
    let step = match options.step {
        Step::Month => "month ends",
        Step::Quarter => "fiscal quarter ends",
    };
    let chart = BarChart {
        title: format!(
            "{} {}: {} path, {step}",
            trajectory.entity, trajectory.metric, options.model
        ),
        subject: data
            .entity(&trajectory.entity)
            .map_or_else(|| trajectory.entity.clone(), |e| e.name.clone()),
        unit: chart_unit.unwrap_or_default(),
        plain: "path",
        bars,
    };
    Ok((rows, chart, gaps))
}

/// One point of a path: its row, its bar, and the unit the chart reads in
/// if it has a value.
fn path_point(
    trajectory: &Trajectory,
    point: &PathPoint,
    money: &Money,
    options: &ArrOptions,
) -> Result<(Vec<Cell>, Bar, Option<String>)> {
    let milestone = point.milestone.and_then(|i| trajectory.milestones.get(i));
    let unit = milestone
        .or_else(|| trajectory.milestones.first())
        .map_or(Unit::Ratio, |m| m.known.unit.clone());
    let shown = present_point(point, &unit, money)?;
    let mut row: Vec<Cell> = vec![
        trajectory.entity.as_str().into(),
        trajectory.metric.as_str().into(),
        point.date.to_string().into(),
    ];
    let bound = milestone.and_then(|m| m.known.bound);
    let mut chart_unit = None;
    let (unit_text, scale) = match &shown {
        Some((value, unit, scale)) => {
            row.extend(bound_figure_cells(*value, unit, bound));
            chart_unit = Some(unit_label(unit, *scale));
            (unit.to_string(), scale.name())
        }
        None => {
            row.extend(not_meaningful_cells());
            (unit.to_string(), "")
        }
    };
    let milestone_period = milestone.map(|m| m.known.figure.period.to_string());
    row.extend([
        unit_text.into(),
        Cell::text_or_empty(Some(scale).filter(|s| !s.is_empty())),
        options.model.name().into(),
        Cell::text_or_empty(milestone_period.as_deref()),
        status_cell(point.status),
    ]);
    let bar = Bar {
        label: point.date.to_string(),
        value: shown.map(|(value, unit, _)| figure(as_bound(value), &unit, bound)),
        milestone: milestone_period,
        forward_looking: milestone
            .filter(|m| m.known.status.is_forward_looking())
            .map(|m| m.known.status.name()),
        change: None,
    };
    Ok((row, bar, chart_unit))
}

/// `CNY billion`, `tokens`, `percent`.
pub(crate) fn unit_label(unit: &Unit, scale: Scale) -> String {
    if scale == Scale::Unit {
        unit.to_string()
    } else {
        format!("{unit} {}", scale.name())
    }
}
