//! ARR trajectories (data/FORMAT.md, ARR milestones): for every ARR-like metric (a metric whose
//! name ends in `arr`) with two or more milestones, the growth each pair of
//! consecutive milestones implies and the path between them.
//!
//! A milestone is a stated or implied figure of the metric. A value for a
//! duration period sits at the end of its last day (`FY2027-Q1` of a March
//! fiscal year is the end of 2026-06-30). Everything is computed on
//! intervals, so a start stated as "at least 10" caps the growth from above.
//!
//! ```
//! use earnings::arr::{self, Model, Step};
//! use earnings::dataset::Dataset;
//! use earnings::figures::Figures;
//! let data = Dataset::bundled().unwrap();
//! let figures = Figures::build(&data).unwrap();
//! let trajectories = arr::trajectories(&figures, |_| true).unwrap();
//! let maas = trajectories.iter().find(|t| t.entity == "alibaba-maas").unwrap();
//! // At least 10 billion at the end of June, 30 billion at the end of December:
//! // at most (30/10)^(1/6) − 1 = 20.09% a month.
//! let monthly = maas.pairs[0].monthly.unwrap();
//! assert_eq!(monthly.point().round_dp(2).to_string(), "20.09");
//! let path = maas.path(Model::Compound, Step::Month).unwrap();
//! assert_eq!(path.len(), 7);
//! ```

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::bounded::{ArithError, Bounded, Endpoint};
use crate::error::{Error, Result};
use crate::figures::{Figures, Known};
use crate::formula;
use crate::metric;
use crate::period::FiscalYearEnd;
use crate::reference::Reference;
use crate::value::Status;

/// The most months between two milestones whose month ends (or the
/// quarter ends among them) a path lists: 20 years. The path leaves out the
/// points of a longer gap and says so ([`Gap`]), so that no dataset (two
/// milestones at FY0001 and FY9999) makes a path longer than a person
/// reads, or costs more than that to compute.
pub const PATH_MONTHS: i64 = 240;

/// The most months whose ends the paths of one report list between
/// milestones, all trajectories together (200 years): past it, a gap's
/// points are left out and said to be, however many milestones the data
/// has.
pub const PATH_BUDGET: i64 = 2_400;

/// Consecutive milestones whose path points are left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Gap {
    /// Index of the earlier milestone in [`Trajectory::milestones`].
    pub from: usize,
    /// Index of the later one.
    pub to: usize,
    /// The month ends between them.
    pub months: i64,
}

/// How the path runs between two milestones.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Model {
    /// Constant growth rate: `start × multiple^(t)`, t the fraction of the time elapsed.
    #[default]
    Compound,
    /// Constant increase: `start + (end − start) × t`.
    Linear,
}

impl Model {
    /// The name used in outputs.
    pub fn name(self) -> &'static str {
        match self {
            Model::Compound => "compound",
            Model::Linear => "linear",
        }
    }
}

impl fmt::Display for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which dates the path lists between milestones.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Step {
    /// Every month end.
    #[default]
    Month,
    /// Every quarter end of the entity's fiscal year.
    Quarter,
}

impl Step {
    /// The name used in outputs.
    pub fn name(self) -> &'static str {
        match self {
            Step::Month => "month",
            Step::Quarter => "quarter",
        }
    }
}

/// One ARR figure, placed on the time axis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Milestone {
    /// The figure, its value in base units, status and provenance.
    pub known: Known,
    /// The last day of its period (the day itself for an instant).
    pub date: NaiveDate,
    /// The end of that day, in months (see [`crate::period::month_position`]).
    pub position: Decimal,
}

/// How long it takes to double.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Doubling {
    /// Months, as an interval (unbounded above when the growth may be nil).
    Months(Bounded),
    /// The ARR does not grow: it never doubles.
    Never,
    /// No growth rate to speak of (`n/m`).
    NotMeaningful,
}

/// What two consecutive milestones imply. `None` is `n/m`, with the reason
/// in `note`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    /// Index of the earlier milestone in [`Trajectory::milestones`].
    pub from: usize,
    /// Index of the later one.
    pub to: usize,
    /// Months between them.
    pub months: Decimal,
    /// `to / from`.
    pub multiple: Option<Bounded>,
    /// Compound growth per month, in percent.
    pub monthly: Option<Bounded>,
    /// Compound growth per quarter (three months), in percent.
    pub quarterly: Option<Bounded>,
    /// Compound growth per year, in percent.
    pub annualized: Option<Bounded>,
    /// Months to double at the monthly rate.
    pub doubling: Doubling,
    /// Forward-looking when either milestone is.
    pub status: Status,
    /// Why something is `n/m`.
    pub note: Option<String>,
}

/// One point of the path: a milestone, or a month (or quarter) end between two.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathPoint {
    /// The day whose end the value is for.
    pub date: NaiveDate,
    /// The value in base units; `None` where the model gives none (`n/m`).
    pub value: Option<Bounded>,
    /// The milestone this point is, if it is one (index into
    /// [`Trajectory::milestones`]).
    pub milestone: Option<usize>,
    /// The milestone's status; between milestones, forward-looking when
    /// either end is.
    pub status: Status,
}

/// The milestones of one ARR-like metric of one entity, in date order, and
/// what each consecutive pair implies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trajectory {
    /// The entity id.
    pub entity: String,
    /// The metric key.
    pub metric: String,
    /// The entity's fiscal year end (for quarter steps).
    pub fiscal_year_end: FiscalYearEnd,
    /// The milestones, earliest first.
    pub milestones: Vec<Milestone>,
    /// One per consecutive pair of milestones.
    pub pairs: Vec<Pair>,
}

/// Every ARR-like metric's milestones among the figures `keep` keeps,
/// grouped by entity and metric in the order the figures first appear. A
/// trajectory with one milestone has no pairs.
pub fn trajectories(
    figures: &Figures<'_>,
    keep: impl Fn(&Reference) -> bool,
) -> Result<Vec<Trajectory>> {
    let data = figures.data();
    let mut found: Vec<Trajectory> = Vec::new();
    for known in figures.iter() {
        let figure = &known.figure;
        if !metric::is_arr(&figure.metric) || !keep(figure) {
            continue;
        }
        let fye = data.fiscal_year_end(&figure.entity);
        let placed = figure.period.dates(fye).and_then(|span| {
            figure
                .period
                .milestone_position(fye)
                .map(|at| (span.end, at))
        });
        let (date, position) = placed
            .map_err(|e| Error::Arithmetic(format!("{figure}: cannot place it in time: {e}")))?;
        let milestone = Milestone {
            known,
            date,
            position,
        };
        let same = |t: &&mut Trajectory| {
            t.entity == milestone.known.figure.entity && t.metric == milestone.known.figure.metric
        };
        match found.iter_mut().find(same) {
            Some(trajectory) => trajectory.milestones.push(milestone),
            None => found.push(Trajectory {
                entity: milestone.known.figure.entity.to_string(),
                metric: milestone.known.figure.metric.to_string(),
                fiscal_year_end: fye,
                milestones: vec![milestone],
                pairs: Vec::new(),
            }),
        }
    }
    for trajectory in &mut found {
        // Stable: two figures at the same moment keep their order of appearance.
        trajectory.milestones.sort_by_key(|m| m.position);
        trajectory.pairs = (1..trajectory.milestones.len())
            .filter_map(|to| {
                let from = to.checked_sub(1)?;
                let (a, b) = (
                    trajectory.milestones.get(from)?,
                    trajectory.milestones.get(to)?,
                );
                Some(pair(from, a, to, b))
            })
            .collect();
    }
    Ok(found)
}

/// Why an interval computation gave no value, for a note.
fn reason(error: ArithError) -> &'static str {
    match error {
        ArithError::Overflow => "beyond the range of decimal arithmetic",
        ArithError::DivisionByZero => "the start can be zero, so there is no multiple",
        ArithError::Domain(_) => {
            "the multiple can be zero or negative, so there is no compound rate"
        }
    }
}

fn forward_status(a: Status, b: Status) -> Status {
    [a, b]
        .into_iter()
        .find(|s| s.is_forward_looking())
        .unwrap_or(Status::Reported)
}

/// What milestone `b` against milestone `a` implies.
fn pair(from: usize, a: &Milestone, to: usize, b: &Milestone) -> Pair {
    let mut result = Pair {
        from,
        to,
        months: b.position.checked_sub(a.position).unwrap_or_default(),
        multiple: None,
        monthly: None,
        quarterly: None,
        annualized: None,
        doubling: Doubling::NotMeaningful,
        status: forward_status(a.known.status, b.known.status),
        note: None,
    };
    if a.known.unit != b.known.unit {
        result.note = Some(format!(
            "the milestones are in different units ({} and {})",
            a.known.unit, b.known.unit
        ));
        return result;
    }
    let multiple = match formula::multiple(&b.known.value, &a.known.value) {
        Ok(multiple) => multiple,
        Err(e) => {
            result.note = Some(reason(e).to_string());
            return result;
        }
    };
    result.multiple = Some(multiple);
    if result.months <= Decimal::ZERO {
        result.note = Some("both milestones fall on the same day: no rate of growth".into());
        return result;
    }
    let growth = |steps: Option<Decimal>| -> std::result::Result<Bounded, ArithError> {
        let steps = steps.ok_or(ArithError::Overflow)?;
        formula::compound_growth(&multiple, steps)
    };
    let months = result.months;
    let mut failure = None;
    let mut keep = |r: std::result::Result<Bounded, ArithError>| match r {
        Ok(v) => Some(v),
        Err(e) => {
            failure.get_or_insert(e);
            None
        }
    };
    result.monthly = keep(growth(Some(months)));
    result.quarterly = keep(growth(months.checked_div(Decimal::from(3))));
    result.annualized = keep(growth(months.checked_div(Decimal::from(12))));
    result.doubling = match &result.monthly {
        Some(monthly) => doubling(monthly),
        None => Doubling::NotMeaningful,
    };
    if let Some(e) = failure {
        result.note = Some(reason(e).to_string());
    }
    result
}

/// Months to double at a monthly rate. A rate that may be nil or negative
/// but is positive at its point value doubles in at least the time the
/// largest rate takes, perhaps never: the interval is unbounded above.
fn doubling(monthly: &Bounded) -> Doubling {
    if monthly.point() <= Decimal::ZERO {
        return Doubling::Never;
    }
    let positive = monthly.at_least(Endpoint::Open(Decimal::ZERO));
    match positive.map(|g| formula::doubling_time(&g)) {
        Some(Ok(Some(months))) => Doubling::Months(months),
        _ => Doubling::NotMeaningful,
    }
}

impl Trajectory {
    /// The milestones and the month ends (or fiscal quarter ends) between
    /// consecutive ones, valued under `model`. Between two milestones with
    /// values `a` and `b`, `t` of the way from one to the other:
    /// compound `a^(1−t) × b^t` (the same as `a × (b/a)^t`, but sound and
    /// tight when `a` and `b` are intervals), linear `a × (1−t) + b × t`.
    ///
    /// The points between two milestones more than [`PATH_MONTHS`] apart,
    /// or past [`PATH_BUDGET`] months in all, are left out (see
    /// [`Trajectory::path_within`]).
    pub fn path(&self, model: Model, step: Step) -> Result<Vec<PathPoint>> {
        let mut budget = PATH_BUDGET;
        Ok(self.path_within(model, step, &mut budget)?.0)
    }

    /// The path, listing the points between two milestones only where they
    /// are at most [`PATH_MONTHS`] apart and within `budget` months (which
    /// the months listed use up, so that one budget can serve several
    /// trajectories); the gaps left out.
    pub fn path_within(
        &self,
        model: Model,
        step: Step,
        budget: &mut i64,
    ) -> Result<(Vec<PathPoint>, Vec<Gap>)> {
        let mut points = Vec::new();
        let mut gaps = Vec::new();
        for (index, milestone) in self.milestones.iter().enumerate() {
            if let Some(next) = self.milestones.get(index.saturating_add(1)) {
                if index == 0 {
                    points.push(milestone_point(index, milestone));
                }
                let months = month_ends_between(milestone, next).map_or(0, |(_, n)| n);
                if months > PATH_MONTHS || months > *budget {
                    gaps.push(Gap {
                        from: index,
                        to: index.saturating_add(1),
                        months,
                    });
                } else {
                    *budget = budget.saturating_sub(months);
                    self.between(milestone, next, model, step, &mut points)?;
                }
                points.push(milestone_point(index.saturating_add(1), next));
            } else if index == 0 {
                points.push(milestone_point(index, milestone));
            }
        }
        Ok((points, gaps))
    }

    fn between(
        &self,
        a: &Milestone,
        b: &Milestone,
        model: Model,
        step: Step,
        points: &mut Vec<PathPoint>,
    ) -> Result<()> {
        let span = b.position.checked_sub(a.position).unwrap_or_default();
        if span <= Decimal::ZERO {
            return Ok(());
        }
        let out_of_range = || {
            Error::Arithmetic(format!(
                "{}.{}: path out of range",
                self.entity, self.metric
            ))
        };
        let (first, _) = month_ends_between(a, b).ok_or_else(out_of_range)?;
        let quarter_month = i64::from(self.fiscal_year_end.month() % 3);
        let status = forward_status(a.known.status, b.known.status);
        let same_unit = a.known.unit == b.known.unit;
        let mut p = first;
        while Decimal::from(p) < b.position {
            let month = p
                .checked_sub(1)
                .map(|m| m.rem_euclid(12))
                .and_then(|m| m.checked_add(1))
                .ok_or_else(out_of_range)?;
            if step == Step::Month || month.rem_euclid(3) == quarter_month {
                let date = month_end(p).ok_or_else(out_of_range)?;
                let t = Decimal::from(p)
                    .checked_sub(a.position)
                    .and_then(|d| d.checked_div(span))
                    .ok_or_else(out_of_range)?;
                let value = if same_unit {
                    interpolate(model, &a.known.value, &b.known.value, t)
                } else {
                    None
                };
                points.push(PathPoint {
                    date,
                    value,
                    milestone: None,
                    status,
                });
            }
            p = p.checked_add(1).ok_or_else(out_of_range)?;
        }
        Ok(())
    }
}

/// The first month end after milestone `a` (as a whole position: position
/// p is the start of a month, the end of the month before it) and how many
/// month ends fall after it and before `b`.
fn month_ends_between(a: &Milestone, b: &Milestone) -> Option<(i64, i64)> {
    let first = a.position.floor().to_i64()?.checked_add(1)?;
    let end = b.position.ceil().to_i64()?;
    Some((first, end.checked_sub(first)?.max(0)))
}

fn milestone_point(index: usize, milestone: &Milestone) -> PathPoint {
    PathPoint {
        date: milestone.date,
        value: Some(milestone.known.value),
        milestone: Some(index),
        status: milestone.known.status,
    }
}

/// The last day of the month that ends at whole position `p`.
fn month_end(p: i64) -> Option<NaiveDate> {
    let year = i32::try_from(p.div_euclid(12)).ok()?;
    let month = u32::try_from(p.rem_euclid(12)).ok()?.checked_add(1)?;
    NaiveDate::from_ymd_opt(year, month, 1)?.pred_opt()
}

/// The value `t` (0 to 1) of the way from `a` to `b`; `None` where the model
/// has none (a compound path from or to a value that can be zero or
/// negative) or the arithmetic overflows.
///
/// `t` is the exact quotient of two positions, rounded to Decimal's 28
/// digits where it repeats; positions themselves keep 20 decimals, so that
/// rounding says nothing about a path point's value.
pub fn interpolate(model: Model, a: &Bounded, b: &Bounded, t: Decimal) -> Option<Bounded> {
    let rest = Decimal::ONE.checked_sub(t)?;
    match model {
        Model::Compound => {
            let from = a.checked_powd(rest).ok()?;
            let to = b.checked_powd(t).ok()?;
            from.checked_mul(&to).ok()
        }
        Model::Linear => {
            let from = a.checked_scale(rest).ok()?;
            let to = b.checked_scale(t).ok()?;
            from.checked_add(&to).ok()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{Dataset, Input};

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn exact(s: &str) -> Bounded {
        Bounded::exact(d(s))
    }

    fn at_least(s: &str) -> Bounded {
        Bounded::new(d(s), Endpoint::Closed(d(s)), Endpoint::Unbounded).unwrap()
    }

    /// A dataset of one entity (fiscal year end `fye`) with `arr` facts
    /// `(period, value, bound)` in billions.
    fn dataset(fye: &str, facts: &[(&str, &str, &str)]) -> Dataset {
        let facts: Vec<String> = facts
            .iter()
            .map(|(period, value, bound)| {
                format!(
                    r#"{{"entity": "co", "metric": "arr", "period": "{period}", "value": "{value}",
                       "scale": "billion", "unit": "USD", "bound": "{bound}", "status": "target",
                       "source": "s", "at": "p. 1"}}"#
                )
            })
            .collect();
        let text = format!(
            r#"{{"format": "earnings-dataset/1",
                "sources": {{"s": {{"title": "Test", "kind": "synthetic"}}}},
                "entities": {{"co": {{"name": "Co", "currency": "USD", "fiscal_year_end": "{fye}"}}}},
                "facts": [{}]}}"#,
            facts.join(",")
        );
        Dataset::load(&[Input {
            name: "test.json",
            bytes: text.as_bytes(),
        }])
        .unwrap()
    }

    fn only(data: &Dataset) -> Trajectory {
        let figures = Figures::build(data).unwrap();
        let mut all = trajectories(&figures, |_| true).unwrap();
        assert_eq!(all.len(), 1);
        all.remove(0)
    }

    #[test]
    fn tripling_in_six_months_from_at_least_ten() {
        // FY2027-Q1 of a March year ends 2026-06-30; 2026-12-31 is 6 months later.
        let data = dataset(
            "03-31",
            &[
                ("FY2027-Q1", "10", "at_least"),
                ("2026-12-31", "30", "exact"),
            ],
        );
        let t = only(&data);
        let pair = t.pairs.first().unwrap();
        assert_eq!(pair.months, d("6"));
        // 30 / [10, ∞) = (0, 3]: at most 3 times.
        let multiple = pair.multiple.unwrap();
        assert_eq!(multiple.point().normalize(), d("3"));
        assert_eq!(multiple.high(), Endpoint::Closed(d("3")));
        // (30/10)^(1/6) − 1 = 0.2009369…: at most 20.0937% a month.
        let monthly = pair.monthly.unwrap();
        assert_eq!(monthly.point().round_dp(4), d("20.0937"));
        assert_eq!(monthly.high().value().unwrap().round_dp(4), d("20.0937"));
        assert!(monthly.contains(d("0")), "a larger start means less growth");
        // 3^(1/2) − 1 = 0.7320508…: 73.21% a quarter; 3^2 − 1 = 8: 800% a year.
        assert_eq!(pair.quarterly.unwrap().point().round_dp(2), d("73.21"));
        assert_eq!(pair.annualized.unwrap().point().round_dp(6), d("800"));
        // ln 2 / ln 1.2009370 = 3.7856 months, or longer (never, if growth is nil).
        let Doubling::Months(doubling) = &pair.doubling else {
            panic!("doubles: {:?}", pair.doubling);
        };
        assert_eq!(doubling.point().round_dp(2), d("3.79"));
        assert_eq!(doubling.high(), Endpoint::Unbounded);
    }

    #[test]
    fn the_compound_path_at_the_end_of_september() {
        // 10 × 3^(3/6) = 17.3205 (and at least that, as the start is at least 10).
        let data = dataset(
            "03-31",
            &[
                ("FY2027-Q1", "10", "at_least"),
                ("2026-12-31", "30", "exact"),
            ],
        );
        let t = only(&data);
        let path = t.path(Model::Compound, Step::Month).unwrap();
        let dates: Vec<String> = path.iter().map(|p| p.date.to_string()).collect();
        assert_eq!(
            dates,
            [
                "2026-06-30",
                "2026-07-31",
                "2026-08-31",
                "2026-09-30",
                "2026-10-31",
                "2026-11-30",
                "2026-12-31"
            ]
        );
        let september = path.get(3).unwrap().value.unwrap();
        let billion = d("1000000000");
        assert_eq!((september.point() / billion).round_dp(4), d("17.3205"));
        assert_eq!(
            (september.low().value().unwrap() / billion).round_dp(4),
            d("17.3205")
        );
        assert_eq!(september.high(), Endpoint::Unbounded);
        assert_eq!(path.first().unwrap().milestone, Some(0));
        assert_eq!(path.last().unwrap().milestone, Some(1));
        // Quarter steps of a March year: September only, between June and December.
        let quarters = t.path(Model::Compound, Step::Quarter).unwrap();
        let dates: Vec<String> = quarters.iter().map(|p| p.date.to_string()).collect();
        assert_eq!(dates, ["2026-06-30", "2026-09-30", "2026-12-31"]);
    }

    #[test]
    fn interpolation_models() {
        // Compound: 10^(1/2) × 40^(1/2) = 20; linear: 10 × 1/2 + 40 × 1/2 = 25.
        let half = d("0.5");
        let c = interpolate(Model::Compound, &exact("10"), &exact("40"), half).unwrap();
        assert!(c.contains(d("20")));
        assert!(c.width().unwrap() < d("0.000000001"));
        let l = interpolate(Model::Linear, &exact("10"), &exact("40"), half).unwrap();
        assert_eq!(l, exact("25"));
        // Bounds carry: a start of at least 10 gives at least 20 halfway.
        let c = interpolate(Model::Compound, &at_least("10"), &exact("40"), half).unwrap();
        assert!(c.low().value().unwrap() > d("19.9999999"));
        assert_eq!(c.high(), Endpoint::Unbounded);
        // No compound path from zero; a linear one is fine.
        assert_eq!(
            interpolate(Model::Compound, &exact("0"), &exact("40"), half),
            None
        );
        assert_eq!(
            interpolate(Model::Linear, &exact("0"), &exact("40"), half),
            Some(exact("20"))
        );
    }

    #[test]
    fn a_falling_arr_never_doubles() {
        // 30 → 10 over a quarter: (1/3)^(1/3) − 1 = −30.66% a month.
        let data = dataset(
            "12-31",
            &[("2026-03-31", "30", "exact"), ("2026-06-30", "10", "exact")],
        );
        let t = only(&data);
        let pair = t.pairs.first().unwrap();
        assert_eq!(pair.months, d("3"));
        assert_eq!(pair.monthly.unwrap().point().round_dp(2), d("-30.66"));
        assert_eq!(pair.doubling, Doubling::Never);
    }

    #[test]
    fn a_zero_start_has_no_multiple() {
        let data = dataset(
            "12-31",
            &[("2026-03-31", "0", "exact"), ("2026-06-30", "10", "exact")],
        );
        let t = only(&data);
        let pair = t.pairs.first().unwrap();
        assert_eq!(pair.multiple, None);
        assert_eq!(pair.monthly, None);
        assert_eq!(pair.doubling, Doubling::NotMeaningful);
        assert!(pair.note.as_deref().unwrap().contains("zero"));
        // The compound path has no values between; the linear one does.
        let compound = t.path(Model::Compound, Step::Month).unwrap();
        assert_eq!(compound.get(1).unwrap().value, None);
        let linear = t.path(Model::Linear, Step::Month).unwrap();
        let april = linear.get(1).unwrap().value.unwrap();
        // 0 + 10 bn × 1/3 = 3.333… bn.
        assert_eq!((april.point() / d("1000000000")).round_dp(4), d("3.3333"));
    }

    #[test]
    fn a_single_milestone_has_no_pairs() {
        let data = dataset("12-31", &[("CY2026-Q2", "10", "exact")]);
        let t = only(&data);
        assert!(t.pairs.is_empty());
        let path = t.path(Model::Compound, Step::Month).unwrap();
        assert_eq!(path.len(), 1);
        assert_eq!(path.first().unwrap().date.to_string(), "2026-06-30");
    }

    #[test]
    fn a_path_leaves_out_long_gaps_and_past_its_budget() {
        let data = dataset(
            "12-31",
            &[
                ("CY0001", "1", "exact"),
                ("CY0021", "2", "exact"),
                ("CY9999", "3", "exact"),
            ],
        );
        let t = only(&data);
        let mut budget = PATH_BUDGET;
        let (path, gaps) = t
            .path_within(Model::Linear, Step::Month, &mut budget)
            .unwrap();
        // 239 month ends between the first two, none to the far one.
        assert_eq!(path.len(), 3 + 239);
        assert_eq!(budget, PATH_BUDGET - 239);
        let far = Gap {
            from: 1,
            to: 2,
            months: 119_735,
        };
        assert_eq!(gaps, vec![far]);
        // With no budget left, the near gap is left out too.
        let mut none = 100;
        let (path, gaps) = t
            .path_within(Model::Linear, Step::Month, &mut none)
            .unwrap();
        assert_eq!(path.len(), 3);
        assert_eq!(gaps.len(), 2);
    }

    #[test]
    fn milestones_sort_by_date_and_quarters_follow_the_fiscal_year() {
        // Written out of order; a January fiscal year ends its quarters in
        // April, July, October and January.
        let data = dataset(
            "01-31",
            &[("2027-01-31", "20", "exact"), ("2026-01-31", "10", "exact")],
        );
        let t = only(&data);
        let dates: Vec<String> = t.milestones.iter().map(|m| m.date.to_string()).collect();
        assert_eq!(dates, ["2026-01-31", "2027-01-31"]);
        let quarters = t.path(Model::Compound, Step::Quarter).unwrap();
        let dates: Vec<String> = quarters.iter().map(|p| p.date.to_string()).collect();
        assert_eq!(
            dates,
            [
                "2026-01-31",
                "2026-04-30",
                "2026-07-31",
                "2026-10-31",
                "2027-01-31"
            ]
        );
        // Doubling in a year: 2^(1/12) − 1 = 5.946% a month, doubling in 12 months.
        let pair = t.pairs.first().unwrap();
        assert_eq!(pair.monthly.unwrap().point().round_dp(3), d("5.946"));
        let Doubling::Months(months) = &pair.doubling else {
            panic!("doubles");
        };
        assert!(months.contains(d("12")), "{months}");
        assert_eq!(months.point().round_dp(9), d("12"));
    }

    #[test]
    fn month_ends() {
        // Position 24318 is the start of July 2026: the end of June.
        assert_eq!(month_end(24318).unwrap().to_string(), "2026-06-30");
        assert_eq!(month_end(24324).unwrap().to_string(), "2026-12-31");
        assert_eq!(month_end(24314).unwrap().to_string(), "2026-02-28");
        assert_eq!(month_end(i64::MAX), None);
    }
}
