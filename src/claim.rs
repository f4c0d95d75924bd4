//! Claims: the relations a report states between its figures ("down 19%",
//! "more than 30% of cloud revenue", "exceeding 358 billion a year"), and
//! every kind's whole meaning, in one place:
//!
//! - which figures it relates: [`Relation::figures`] (and
//!   [`Relation::other`], [`Relation::expression`]);
//! - what it is on those figures: [`Relation::compute`], with
//!   [`Relation::uncomputable`] for a claim no figures can ever bear, and
//!   [`Relation::caution`] for a value that cannot be what it claims to be;
//! - what it says a missing figure is: [`Relation::solve`] and
//!   [`Relation::solved_unit`];
//! - what growth it states: [`Relation::growth`];
//! - its units: [`ClaimKind::unit`], [`Relation::check_unit`],
//!   [`Relation::unit_mismatch`];
//! - its text: `Display` (`share a of b`), [`Relation::brief`]
//!   (`a / b`) and [`Relation::formula`].
//!
//! Adding a kind of claim touches this file and the dataset's parser of
//! claims only. The arithmetic itself is the `formula` module's; who
//! states a claim, where and with which value is the dataset's.

use std::fmt;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::bounded::{ArithError, Bounded, Endpoint};
use crate::expr::Expression;
use crate::formula;
use crate::metric;
use crate::name::Name;
use crate::period::Period;
use crate::reference::Reference;
use crate::value::Unit;

/// The kinds of claim (data/FORMAT.md, Claims).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// The figure itself, bounded.
    Level,
    /// Change against the prior-year period, in percent.
    Yoy,
    /// Change of a quarter against the quarter before it, in percent.
    Qoq,
    /// The trailing twelve months of a flow: the quarter `of` and the three
    /// before it, summed.
    Ttm,
    /// The year to date through the quarter `of` (a second, third or
    /// fourth): the year to date before it plus `of`.
    Ytd,
    /// `of` as a percentage of `whole`.
    Share,
    /// `of` annualized.
    RunRate,
    /// `of` divided by `base`.
    Multiple,
    /// `of` as a percentage of the same entity's `over`.
    Margin,
    /// An expression over figures, `expr` (see `earnings eval`).
    Expr,
}

impl ClaimKind {
    /// The name used in the data format and in outputs.
    pub fn name(self) -> &'static str {
        match self {
            ClaimKind::Level => "level",
            ClaimKind::Yoy => "yoy",
            ClaimKind::Qoq => "qoq",
            ClaimKind::Ttm => "ttm",
            ClaimKind::Ytd => "ytd",
            ClaimKind::Share => "share",
            ClaimKind::RunRate => "run_rate",
            ClaimKind::Multiple => "multiple",
            ClaimKind::Margin => "margin",
            ClaimKind::Expr => "expr",
        }
    }

    /// The one unit a claim of this kind is stated in; `None` where it is
    /// stated in its figure's unit (a level, a run-rate) or in whatever
    /// unit it chooses (an expression's result is converted into it).
    ///
    /// ```
    /// use earnings::claim::ClaimKind;
    /// use earnings::value::Unit;
    /// assert_eq!(ClaimKind::Yoy.unit(), Some(Unit::Percent));
    /// assert_eq!(ClaimKind::Level.unit(), None);
    /// ```
    pub fn unit(self) -> Option<Unit> {
        match self {
            ClaimKind::Yoy | ClaimKind::Qoq | ClaimKind::Share | ClaimKind::Margin => {
                Some(Unit::Percent)
            }
            ClaimKind::Multiple => Some(Unit::Multiple),
            ClaimKind::Level
            | ClaimKind::Ttm
            | ClaimKind::Ytd
            | ClaimKind::RunRate
            | ClaimKind::Expr => None,
        }
    }
}

/// The relation a claim states (data/FORMAT.md, Claims).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Relation {
    /// The figure itself.
    Level {
        /// The figure.
        of: Reference,
    },
    /// Change against the prior-year period, in percent.
    Yoy {
        /// The figure that changed.
        of: Reference,
    },
    /// Change of a quarter against the quarter before it, in percent.
    Qoq {
        /// The quarter that changed.
        of: Reference,
    },
    /// The trailing twelve months ending with a quarter.
    Ttm {
        /// The last of the four quarters.
        of: Reference,
    },
    /// The year to date through a quarter: the year to date before it plus
    /// the quarter (`FY2026-Q1..FY2026-Q3` plus `FY2026-Q4` for a fourth
    /// quarter, whose year to date is the year).
    Ytd {
        /// The quarter the year to date ends with.
        of: Reference,
    },
    /// `of` as a percentage of `whole`.
    Share {
        /// The part.
        of: Reference,
        /// The whole.
        whole: Reference,
    },
    /// `of` annualized.
    RunRate {
        /// The flow annualized.
        of: Reference,
    },
    /// `of` divided by `base`.
    Multiple {
        /// The figure that is a multiple.
        of: Reference,
        /// The figure it is a multiple of.
        base: Reference,
    },
    /// `of` as a percentage of the same entity's `over` metric.
    Margin {
        /// The numerator.
        of: Reference,
        /// The metric of the base (revenue unless said).
        over: String,
    },
    /// An expression over figures; `of` is the first figure it names.
    Expr {
        /// The first figure the expression names.
        of: Reference,
        /// The expression.
        expr: Expression,
    },
}

/// A figure solved from a claim: its value and how it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Solved {
    /// The interval the claim allows the figure.
    pub value: Bounded,
    /// The formula, e.g. `current / (1 + change)`.
    pub formula: &'static str,
}

/// Why a relation has no value on a set of figures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotComputed {
    /// It is not meaningful on these figures (`n/m`: a percent change
    /// across a change of sign; a divisor that can be zero); the reason.
    NotMeaningful(String),
    /// An expression: evaluated as a whole, on the figures, by `eval`.
    Expression,
    /// Fewer figures were given than [`Relation::figures`] names.
    MissingFigure,
    /// Beyond the range of decimals.
    Overflow,
    /// No figures the inputs allow can be what they are (a part of revenue
    /// above its whole): why. A claim on them is contradicted, and `check`
    /// reports the figures.
    Impossible(String),
}

/// The growth a claim states between two figures: a multiple between
/// them, or a change against the prior year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Growth<'a> {
    /// The later figure.
    pub to: &'a Reference,
    /// The earlier figure.
    pub from: Reference,
    /// The claim states a yearly rate (a change against the prior year),
    /// not a multiple: a rate per year would only say it again.
    pub yearly_rate: bool,
}

impl Growth<'_> {
    /// The multiple `to / from` that the claimed value says.
    pub fn multiple(&self, claimed: &Bounded) -> Result<Bounded, ArithError> {
        if !self.yearly_rate {
            return Ok(*claimed);
        }
        Bounded::exact(Decimal::ONE)
            .checked_add(&claimed.checked_div(&Bounded::exact(Decimal::ONE_HUNDRED))?)
    }
}

/// One of the figures a claim relates, lent by [`Relation::each_figure`]:
/// the names of the figure the claim names, with its period or another
/// (the prior year, the quarter before), or its metric or another (a
/// margin's base).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Figure<'a> {
    /// The entity id.
    pub entity: &'a Name,
    /// The metric key.
    pub metric: &'a Name,
    /// The period.
    pub period: &'a Period,
}

impl Figure<'_> {
    /// The figure of `of`'s entity and metric for `period`.
    fn with_period<'a>(of: &'a Reference, period: &'a Period) -> Figure<'a> {
        Figure {
            entity: &of.entity,
            metric: &of.metric,
            period,
        }
    }

    /// The figure as a reference of its own (its names shared, not copied).
    pub fn to_reference(&self) -> Reference {
        Reference {
            entity: self.entity.clone(),
            metric: self.metric.clone(),
            period: self.period.clone(),
        }
    }
}

impl<'a> From<&'a Reference> for Figure<'a> {
    fn from(figure: &'a Reference) -> Figure<'a> {
        Figure {
            entity: &figure.entity,
            metric: &figure.metric,
            period: &figure.period,
        }
    }
}

impl Relation {
    /// The kind of claim.
    pub fn kind(&self) -> ClaimKind {
        match self {
            Relation::Level { .. } => ClaimKind::Level,
            Relation::Yoy { .. } => ClaimKind::Yoy,
            Relation::Qoq { .. } => ClaimKind::Qoq,
            Relation::Ttm { .. } => ClaimKind::Ttm,
            Relation::Ytd { .. } => ClaimKind::Ytd,
            Relation::Share { .. } => ClaimKind::Share,
            Relation::RunRate { .. } => ClaimKind::RunRate,
            Relation::Multiple { .. } => ClaimKind::Multiple,
            Relation::Margin { .. } => ClaimKind::Margin,
            Relation::Expr { .. } => ClaimKind::Expr,
        }
    }

    /// Refuses a claim stated in another unit than its kind's.
    pub fn check_unit(&self, unit: &Unit) -> Result<(), String> {
        let kind = self.kind();
        match kind.unit() {
            Some(expected) if expected != *unit => Err(format!(
                "a {} claim is stated in {expected}, not {unit}",
                kind.name()
            )),
            _ => Ok(()),
        }
    }

    /// The figure the claim is about.
    pub fn of(&self) -> &Reference {
        match self {
            Relation::Level { of }
            | Relation::Yoy { of }
            | Relation::Qoq { of }
            | Relation::Ttm { of }
            | Relation::Ytd { of }
            | Relation::Share { of, .. }
            | Relation::RunRate { of }
            | Relation::Multiple { of, .. }
            | Relation::Margin { of, .. }
            | Relation::Expr { of, .. } => of,
        }
    }

    /// The figures the claim relates, in a fixed order per kind: `of`
    /// first, then the prior year (`yoy`), the quarter before (`qoq`), the
    /// three quarters before (`ttm`, newest first), the `whole`, the `base` or the
    /// `over` figure; for an `expr` claim, the figures the expression
    /// reads, in order of use. [`Relation::compute`] and
    /// [`Relation::solve`] take figures in this order.
    ///
    /// ```
    /// use earnings::claim::Relation;
    /// let yoy = Relation::Yoy { of: "acme.revenue@FY2026".parse().unwrap() };
    /// let figures: Vec<String> = yoy.figures().iter().map(ToString::to_string).collect();
    /// assert_eq!(figures, ["acme.revenue@FY2026", "acme.revenue@FY2025"]);
    /// ```
    pub fn figures(&self) -> Vec<Reference> {
        if let Relation::Expr { expr, .. } = self {
            return expr.figures_read();
        }
        let mut figures = Vec::with_capacity(2);
        self.each_figure(|figure| figures.push(figure.to_reference()));
        figures
    }

    /// Lends each of [`Relation::figures`] in turn, in its order, without
    /// copying a name: what a look-up of the figures needs.
    ///
    /// ```
    /// use earnings::claim::Relation;
    /// let yoy = Relation::Yoy { of: "acme.revenue@FY2026".parse().unwrap() };
    /// let mut periods = Vec::new();
    /// yoy.each_figure(|figure| periods.push(figure.period.to_string()));
    /// assert_eq!(periods, ["FY2026", "FY2025"]);
    /// ```
    pub fn each_figure(&self, mut each: impl FnMut(Figure<'_>)) {
        match self {
            Relation::Level { of } | Relation::RunRate { of } => each(of.into()),
            Relation::Yoy { of } => {
                each(of.into());
                if let Ok(prior) = of.period.prior_year() {
                    each(Figure::with_period(of, &prior));
                }
            }
            Relation::Qoq { of } => {
                each(of.into());
                if let Some(before) = of.period.quarter_before() {
                    each(Figure::with_period(of, &before));
                }
            }
            Relation::Ttm { of } => match of.period.trailing_quarters() {
                Some(quarters) => quarters
                    .iter()
                    .for_each(|quarter| each(Figure::with_period(of, quarter))),
                None => each(of.into()),
            },
            Relation::Ytd { of } => {
                each(of.into());
                if let Some(before) = ytd_period_before(of) {
                    each(Figure::with_period(of, &before));
                }
            }
            Relation::Share { of, whole: other } | Relation::Multiple { of, base: other } => {
                each(of.into());
                each(other.into());
            }
            Relation::Margin { of, over } => {
                each(of.into());
                let over = Name::from(over.as_str());
                each(Figure {
                    entity: &of.entity,
                    metric: &over,
                    period: &of.period,
                });
            }
            Relation::Expr { expr, .. } => {
                expr.figures_read()
                    .iter()
                    .for_each(|figure| each(figure.into()));
            }
        }
    }

    /// The figure the claim relates `of` to, where it names one: the
    /// `whole` of a share, the `base` of a multiple, the `over` figure of
    /// a margin.
    pub fn other(&self) -> Option<Reference> {
        match self {
            Relation::Share { whole, .. } => Some(whole.clone()),
            Relation::Multiple { base, .. } => Some(base.clone()),
            Relation::Margin { of, over } => Some(of.with_metric(over)),
            Relation::Level { .. }
            | Relation::Yoy { .. }
            | Relation::Qoq { .. }
            | Relation::Ttm { .. }
            | Relation::Ytd { .. }
            | Relation::RunRate { .. }
            | Relation::Expr { .. } => None,
        }
    }

    /// The expression of an `expr` claim.
    pub fn expression(&self) -> Option<&Expression> {
        match self {
            Relation::Expr { expr, .. } => Some(expr),
            _ => None,
        }
    }

    /// Why the claim can never be computed, whatever the figures: a
    /// run-rate of an instant or of a year or more, a change against a
    /// prior year the period does not have.
    pub fn uncomputable(&self) -> Option<String> {
        match self {
            Relation::RunRate { of } => annualizing(of).err(),
            Relation::Yoy { of } => of
                .period
                .prior_year()
                .err()
                .map(|e| format!("{} has no prior-year period ({e})", of.period)),
            Relation::Ttm { of } if !metric::is_flow(&of.metric) => Some(format!(
                "{} is not a flow (an ARR or a rate per unit), which has no trailing twelve months",
                of.metric
            )),
            Relation::Qoq { of } => of.period.quarter_before().is_none().then(|| {
                format!(
                    "{} is not a quarter with one before it (a qoq claim compares a quarter with the quarter before)",
                    of.period
                )
            }),
            Relation::Ytd { of } if !metric::is_flow(&of.metric) => Some(format!(
                "{} is not a flow (an ARR or a rate per unit), which has no year to date",
                of.metric
            )),
            Relation::Ytd { of } => ytd_period_before(of).is_none().then(|| {
                format!(
                    "{} is not a second, third or fourth quarter (a ytd claim is the year to date before a quarter plus the quarter)",
                    of.period
                )
            }),
            Relation::Ttm { of } => of.period.trailing_quarters().is_none().then(|| {
                format!(
                    "{} is not a quarter with three before it (a ttm claim sums a quarter and the three before)",
                    of.period
                )
            }),
            _ => None,
        }
    }

    /// Why figures in these units cannot be related: they differ from each
    /// other, or, for a level or a run-rate, from the claim's. `figures`
    /// are every candidate for [`Relation::figures`], the first in the
    /// first place. An expression checks its own units as it is evaluated.
    pub fn unit_mismatch<'a>(
        &self,
        claimed: &Unit,
        figures: impl IntoIterator<Item = (&'a Reference, &'a Unit)>,
    ) -> Option<String> {
        if self.expression().is_some() {
            return None;
        }
        let mut figures = figures.into_iter().peekable();
        let like_claim = self.kind().unit().is_none();
        let expected = if like_claim {
            claimed
        } else {
            figures.peek()?.1
        };
        let (figure, unit) = figures.find(|(_, unit)| *unit != expected)?;
        let what = if unit.is_money() && expected.is_money() {
            "no conversion is assumed"
        } else {
            "they cannot be compared"
        };
        Some(if like_claim {
            format!("the claim is in {expected} but {figure} is in {unit} ({what})")
        } else {
            format!(
                "the figures are in different units: {expected} and {unit} for {figure} ({what})"
            )
        })
    }

    /// The relation computed forwards on its figures (in
    /// [`Relation::figures`] order), in the claim's unit: base units for a
    /// level or a run-rate, percent for `yoy`, `share` and `margin`.
    ///
    /// ```
    /// use earnings::bounded::Bounded;
    /// use earnings::claim::{NotComputed, Relation};
    /// let share = Relation::Share {
    ///     of: "acme-cloud.revenue@FY2026".parse().unwrap(),
    ///     whole: "acme.revenue@FY2026".parse().unwrap(),
    /// };
    /// let (part, whole) = (Bounded::exact(30.into()), Bounded::exact(120.into()));
    /// assert_eq!(share.compute(&[part, whole]).unwrap().point().normalize().to_string(), "25");
    /// let none = Bounded::exact(0.into());
    /// assert_eq!(
    ///     share.compute(&[part, none]),
    ///     Err(NotComputed::NotMeaningful("the whole can be zero".to_string()))
    /// );
    /// ```
    pub fn compute(&self, figures: &[Bounded]) -> Result<Bounded, NotComputed> {
        let value = |i: usize| figures.get(i).copied().ok_or(NotComputed::MissingFigure);
        let divisor = |name: &str, e: ArithError| match e {
            ArithError::DivisionByZero => {
                NotComputed::NotMeaningful(format!("the {name} can be zero"))
            }
            ArithError::Domain(m) => NotComputed::NotMeaningful(m.to_string()),
            ArithError::Overflow => NotComputed::Overflow,
        };
        match self {
            Relation::Level { .. } => value(0),
            Relation::RunRate { of } => {
                let per_year = annualizing(of).map_err(NotComputed::NotMeaningful)?;
                formula::run_rate(&value(0)?, per_year).map_err(|e| divisor("base", e))
            }
            Relation::Yoy { .. } => {
                let (current, prior) = (value(0)?, value(1)?);
                match formula::yoy_percent(&current, &prior) {
                    Ok(Some(change)) => Ok(change),
                    Ok(None) => Err(NotComputed::NotMeaningful(not_meaningful(&current, &prior))),
                    Err(e) => Err(divisor("prior-year figure", e)),
                }
            }
            Relation::Qoq { .. } => {
                let (current, before) = (value(0)?, value(1)?);
                match formula::qoq_percent(&current, &before) {
                    Ok(Some(change)) => Ok(change),
                    Ok(None) => Err(NotComputed::NotMeaningful(not_meaningful_qoq(
                        &current, &before,
                    ))),
                    Err(e) => Err(divisor("quarter before", e)),
                }
            }
            Relation::Ttm { .. } => {
                let quarters = [value(0)?, value(1)?, value(2)?, value(3)?];
                formula::sum(&quarters).map_err(|e| divisor("sum", e))
            }
            Relation::Ytd { .. } => {
                formula::sum(&[value(0)?, value(1)?]).map_err(|e| divisor("sum", e))
            }
            Relation::Share { of, whole } if inside(of, whole) => {
                let (part, total) = (value(0)?, value(1)?);
                formula::share_within(&part, &total)
                    .map_err(|e| divisor("whole", e))?
                    .ok_or_else(|| {
                        NotComputed::Impossible(format!(
                            "the figures cannot be: {of} is larger than its whole {whole} \
                             whatever their rounding (a share above 100% of a metric that \
                             cannot be negative)"
                        ))
                    })
            }
            Relation::Share { .. } => {
                formula::percent_of(&value(0)?, &value(1)?).map_err(|e| divisor("whole", e))
            }
            Relation::Margin { over, .. } => {
                formula::percent_of(&value(0)?, &value(1)?).map_err(|e| divisor(over, e))
            }
            Relation::Multiple { .. } => {
                formula::multiple(&value(0)?, &value(1)?).map_err(|e| divisor("base", e))
            }
            Relation::Expr { .. } => Err(NotComputed::Expression),
        }
    }

    /// A caution on a computed value that comparing it with the claim does
    /// not show: a share of a whole above 100% (the part exceeds the
    /// whole), a margin above 100%.
    pub fn caution(&self, computed: &Bounded) -> Option<String> {
        let hundred = Decimal::ONE_HUNDRED;
        let above = match computed.low() {
            Endpoint::Closed(v) => v > hundred,
            Endpoint::Open(v) => v >= hundred,
            Endpoint::Unbounded => false,
        };
        match self {
            Relation::Share { .. } if above => {
                Some("the share is above 100%: the part is larger than its whole".to_string())
            }
            Relation::Margin { .. } if above => Some("the margin is above 100%".to_string()),
            _ => None,
        }
    }

    /// Solves the claim backwards: what the claimed value says figure
    /// `unknown` (an index into [`Relation::figures`]) is, given the others
    /// in order. `None` where it says nothing about that figure (a
    /// run-rate of an instant, a change that allows no prior, an
    /// expression); an error where the arithmetic fails (a share of 0%
    /// says nothing of the whole: division by zero).
    ///
    /// ```
    /// use earnings::bounded::Bounded;
    /// use earnings::claim::Relation;
    /// // Net profit of 81, down 19%: the prior year's was 100.
    /// let yoy = Relation::Yoy { of: "acme.net_profit@FY2026".parse().unwrap() };
    /// let down = Bounded::exact((-19).into());
    /// let prior = yoy.solve(&down, 1, &[Bounded::exact(81.into())]).unwrap().unwrap();
    /// assert_eq!(prior.value.point().normalize().to_string(), "100");
    /// assert_eq!(prior.formula, "current / (1 + change)");
    /// ```
    pub fn solve(
        &self,
        claimed: &Bounded,
        unknown: usize,
        known: &[Bounded],
    ) -> Result<Option<Solved>, ArithError> {
        let solved = |value: Bounded, formula: &'static str| Solved { value, formula };
        let first = known.first();
        Ok(match (self, unknown, first) {
            (Relation::Level { .. }, 0, _) => Some(solved(*claimed, "the claimed level")),
            (Relation::RunRate { of }, 0, _) => match annualizing(of) {
                Ok(per_year) if per_year == Decimal::ONE => {
                    Some(solved(*claimed, "the claimed run-rate (an annual measure)"))
                }
                Ok(per_year) => Some(solved(
                    formula::figure_from_run_rate(claimed, per_year)?,
                    "run-rate / periods per year",
                )),
                Err(_) => None,
            },
            (Relation::Yoy { .. }, 1, Some(current)) => formula::prior_from_yoy(current, claimed)?
                .map(|v| solved(v, "current / (1 + change)")),
            (Relation::Yoy { .. }, 0, Some(prior)) => formula::current_from_yoy(prior, claimed)?
                .map(|v| solved(v, "prior + |prior| × change")),
            (Relation::Qoq { .. }, 1, Some(current)) => formula::prior_from_yoy(current, claimed)?
                .map(|v| solved(v, "current / (1 + change)")),
            (Relation::Qoq { .. }, 0, Some(before)) => formula::current_from_yoy(before, claimed)?
                .map(|v| solved(v, "before + |before| × change")),
            (Relation::Ttm { .. }, 0..=3, _) if known.len() == 3 => Some(solved(
                formula::quarter_from_ttm(claimed, known)?,
                "ttm − the other three quarters",
            )),
            (Relation::Ytd { .. }, 0, Some(before)) if known.len() == 1 => Some(solved(
                claimed.checked_sub(before)?,
                "year to date − the year to date before",
            )),
            (Relation::Ytd { .. }, 1, Some(quarter)) if known.len() == 1 => Some(solved(
                claimed.checked_sub(quarter)?,
                "year to date − the quarter",
            )),
            (Relation::Share { of, whole }, 1, Some(part)) => {
                formula::whole_from_share(part, claimed, inside(of, whole))?
                    .map(|v| solved(v, "part / share, at least the part"))
            }
            (Relation::Share { of, whole }, 0, Some(total)) => {
                formula::part_from_share(total, claimed, inside(of, whole))?
                    .map(|v| solved(v, "whole × share"))
            }
            (Relation::Multiple { .. }, 1, Some(of)) => {
                Some(solved(of.checked_div(claimed)?, "figure / multiple"))
            }
            (Relation::Multiple { .. }, 0, Some(base)) => {
                Some(solved(base.checked_mul(claimed)?, "base × multiple"))
            }
            (Relation::Margin { .. }, 1, Some(of)) => {
                formula::whole_from_share(of, claimed, false)?.map(|v| solved(v, "figure / margin"))
            }
            (Relation::Margin { .. }, 0, Some(over)) => {
                formula::part_from_share(over, claimed, false)?.map(|v| solved(v, "base × margin"))
            }
            _ => None,
        })
    }

    /// The unit of a figure [`Relation::solve`] finds: the claim's own for
    /// a level or a run-rate (stated in its figure's unit), else that of
    /// the figure it was solved from (a percent or a multiple relates
    /// figures of one unit).
    pub fn solved_unit<'u>(&self, claimed: &'u Unit, known: Option<&'u Unit>) -> &'u Unit {
        match (self.kind().unit(), known) {
            (Some(_), Some(known)) => known,
            _ => claimed,
        }
    }

    /// The growth the claim states between two of its figures, if any: a
    /// multiple between the same entity's same metric at two periods, a
    /// change against the prior year. A multiple between different
    /// entities or metrics is a ratio, never a growth rate.
    pub fn growth(&self) -> Option<Growth<'_>> {
        match self {
            Relation::Multiple { of, base }
                if of.entity == base.entity
                    && of.metric == base.metric
                    && of.period != base.period =>
            {
                Some(Growth {
                    to: of,
                    from: base.clone(),
                    yearly_rate: false,
                })
            }
            Relation::Yoy { of } => Some(Growth {
                to: of,
                from: of.with_period(of.period.prior_year().ok()?),
                yearly_rate: true,
            }),
            _ => None,
        }
    }

    /// The formula [`Relation::compute`] applies, in words:
    /// `part / whole × 100`.
    pub fn formula(&self) -> &'static str {
        match self {
            Relation::Level { .. } => "the figure",
            Relation::Yoy { .. } => "(current / prior − 1) × 100, of |prior|",
            Relation::Qoq { .. } => "(current / quarter before − 1) × 100, of |quarter before|",
            Relation::Ttm { .. } => "sum of the four quarters",
            Relation::Ytd { .. } => "the year to date before + the quarter",
            Relation::Share { .. } => "part / whole × 100",
            Relation::RunRate { .. } => "figure × periods per year",
            Relation::Multiple { .. } => "figure / base",
            Relation::Margin { .. } => "figure / base × 100",
            Relation::Expr { .. } => "the expression",
        }
    }

    /// The claim in brief, as a row of `verify` shows it: `a / b` where it
    /// relates two figures, the expression as written, or the figure.
    pub fn brief(&self) -> String {
        match (self.expression(), self.other()) {
            (Some(expr), _) => expr.text().to_string(),
            (None, Some(other)) => format!("{} / {other}", self.of()),
            (None, None) => self.of().to_string(),
        }
    }
}

impl fmt::Display for Relation {
    /// The claim as one line, its kind first:
    /// `share alibaba-ai.revenue@FY2026-Q4 of alibaba-cloud.revenue@FY2026-Q4`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = self.kind().name();
        match self {
            Relation::Share { of, whole } => write!(f, "{kind} {of} of {whole}"),
            Relation::Multiple { of, base } => write!(f, "{kind} {of} over {base}"),
            Relation::Margin { of, over } => write!(f, "{kind} {of} over {over}"),
            Relation::Level { of }
            | Relation::Yoy { of }
            | Relation::Qoq { of }
            | Relation::Ttm { of }
            | Relation::Ytd { of }
            | Relation::RunRate { of } => {
                write!(f, "{kind} {of}")
            }
            Relation::Expr { expr, .. } => write!(f, "{kind} {expr}"),
        }
    }
}

/// The year to date before a second, third or fourth quarter: the first
/// quarter, or the span from it to the quarter before (`FY2026-Q1..FY2026-Q3`
/// before `FY2026-Q4`); `None` for a first quarter or any other period.
fn ytd_period_before(of: &Reference) -> Option<Period> {
    let before = of.period.quarter_before()?;
    (before.year_of_quarter() == of.period.year_of_quarter())
        .then(|| before.year_to_date())
        .flatten()
}

/// Whether a share's part lies inside its whole and neither can be
/// negative (revenue, not a profit): then the part cannot exceed the whole.
fn inside(part: &Reference, whole: &Reference) -> bool {
    !metric::is_signed(&part.metric) && !metric::is_signed(&whole.metric)
}

/// The factor that annualizes a run-rate claim's figure, by what the figure
/// means (as `metrics` annualizes): 1 for an annual measure (an ARR, a full
/// year), the periods per year for a flow over less than a year; why not
/// for an instant, a rate per unit, or a period longer than a year.
fn annualizing(of: &Reference) -> Result<Decimal, String> {
    if metric::is_arr(&of.metric) {
        return Ok(Decimal::ONE);
    }
    if metric::is_per_unit(&of.metric) {
        return Err(format!(
            "{} is a rate per unit, which has no run-rate",
            of.metric
        ));
    }
    if of.period.is_instant() {
        return Err(format!(
            "{} is an instant (a balance), which has no run-rate",
            of.period
        ));
    }
    match of.period.months() {
        Some(12) => Ok(Decimal::ONE),
        Some(months) if months < 12 => of
            .period
            .per_year()
            .ok_or_else(|| format!("{} has no run-rate", of.period)),
        _ => Err(format!(
            "{} is longer than a year, which has no run-rate",
            of.period
        )),
    }
}

/// Why a quarter-over-quarter change is `n/m`.
fn not_meaningful_qoq(current: &Bounded, before: &Bounded) -> String {
    if before.contains_zero() {
        "n/m: the quarter before can be zero".to_string()
    } else if current.contains_zero() {
        "n/m: the current figure can be zero".to_string()
    } else {
        "n/m: the figure changed sign against the quarter before".to_string()
    }
}

/// Why a percent change is `n/m`.
fn not_meaningful(current: &Bounded, prior: &Bounded) -> String {
    if prior.contains_zero() {
        "n/m: the prior-year figure can be zero".to_string()
    } else if current.contains_zero() {
        "n/m: the current figure can be zero".to_string()
    } else {
        "n/m: the figure changed sign against the prior year".to_string()
    }
}

#[cfg(test)]
mod tests;
