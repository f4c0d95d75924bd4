//! Derived metrics (data/FORMAT.md, Derived figures): year-over-year changes, shares of a parent,
//! margins, annualized run-rates, quarter-over-quarter changes and trailing
//! twelve months (`quarterly`) and the growth a stated multiple implies,
//! computed for every figure that supports them, on intervals, each with
//! its formula and inputs.

use std::borrow::Cow;
use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::bounded::{ArithError, Bounded};
use crate::claim::ClaimKind;
use crate::dataset::Claim;
use crate::error::{Error, Result};
use crate::figures::{Basis, Figures, Known, Provenance};
use crate::formula;
use crate::metric::{self, REVENUE};
use crate::reference::Reference;
use crate::value::{Status, Unit};

mod growth;
mod quarterly;
mod recent;

use recent::{Held, Recent};

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
    /// Percent change of a quarter against the quarter before it.
    Qoq,
    /// The trailing twelve months of a flow, ending with a quarter.
    Ttm,
    /// Percent change of a trailing twelve months against a year earlier.
    TtmYoy,
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
            Kind::Qoq => "qoq",
            Kind::Ttm => "ttm",
            Kind::TtmYoy => "ttm_yoy",
            Kind::GrowthMonthly => "growth_monthly",
            Kind::GrowthAnnual => "growth_annual",
        }
    }
}

impl Kind {
    /// The kind of claim that states what a row of this kind computes: a
    /// `yoy` claim states a change, a `share` claim a share, and so on.
    pub fn claim_kind(self) -> Option<ClaimKind> {
        match self {
            Kind::Change | Kind::Yoy | Kind::ChangePp => Some(ClaimKind::Yoy),
            Kind::Share => Some(ClaimKind::Share),
            Kind::Margin => Some(ClaimKind::Margin),
            Kind::RunRate => Some(ClaimKind::RunRate),
            Kind::Qoq => Some(ClaimKind::Qoq),
            Kind::Ttm => Some(ClaimKind::Ttm),
            Kind::TtmYoy | Kind::GrowthMonthly | Kind::GrowthAnnual => None,
        }
    }

    /// Every kind, in the order a row of each would come for one figure.
    pub const ALL: [Kind; 11] = [
        Kind::Change,
        Kind::Yoy,
        Kind::ChangePp,
        Kind::Share,
        Kind::Margin,
        Kind::RunRate,
        Kind::Qoq,
        Kind::Ttm,
        Kind::TtmYoy,
        Kind::GrowthMonthly,
        Kind::GrowthAnnual,
    ];
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
    pub formula: Cow<'static, str>,
    /// What it is computed from.
    pub inputs: Arc<[Known]>,
    /// Forward-looking when any input is.
    pub status: Status,
    /// Why it is `n/m`, or what else to know.
    pub note: Option<Cow<'static, str>>,
}

impl Derived {
    /// The formula of [`crate::formula`] it is computed with, over its
    /// inputs in order; `None` for what is claimed rather than computed
    /// from figures (implied growth). A spreadsheet's live formulas are
    /// made from it, so a new kind says its recipe here: a change against
    /// the quarter before is [`formula::Recipe::PercentChange`], a trailing
    /// twelve months [`formula::Recipe::trailing_twelve_months`], and its
    /// change a year on [`formula::Recipe::PercentChangeOf`] the two sums'
    /// weights.
    ///
    /// ```
    /// use earnings::formula::Recipe;
    /// use earnings::metrics::{Kind, derive};
    /// use earnings::{Dataset, Figures};
    /// let data = Dataset::bundled().unwrap();
    /// let figures = Figures::build(&data).unwrap();
    /// let yoy = derive(&figures).unwrap().into_iter().find(|d| d.kind == Kind::Yoy).unwrap();
    /// assert_eq!(yoy.recipe(), Some(Recipe::PercentChange));
    /// ```
    pub fn recipe(&self) -> Option<formula::Recipe> {
        use formula::Recipe;
        if self.inputs.is_empty() {
            return None;
        }
        match self.kind {
            Kind::Change | Kind::ChangePp => Some(Recipe::Difference),
            Kind::Yoy => Some(Recipe::PercentChange),
            Kind::Share | Kind::Margin => Some(Recipe::PercentOf),
            Kind::RunRate => {
                let period = &self.inputs.first()?.figure.period;
                period.per_year().map(Recipe::Times)
            }
            Kind::Qoq => Some(Recipe::PercentChange),
            Kind::Ttm => Some(Recipe::trailing_twelve_months(self.quarter_at(0))),
            Kind::TtmYoy => {
                // The sum now (four quarters, or a year and two years to
                // date), then the one a year earlier, made either way.
                let weights = |at: usize| match Recipe::trailing_twelve_months(self.quarter_at(at))
                {
                    Recipe::Weighted(w) => w,
                    _ => Vec::new(),
                };
                let now = weights(0);
                let before = weights(now.len());
                Some(Recipe::PercentChangeOf(now, before))
            }
            Kind::GrowthMonthly | Kind::GrowthAnnual => None,
        }
    }

    /// Whether the input at `at` is a quarter (three months).
    fn quarter_at(&self, at: usize) -> bool {
        self.inputs
            .get(at)
            .is_some_and(|k| k.figure.period.months() == Some(3))
    }
}

/// The unit of a percentage-point change.
pub fn percentage_points() -> Unit {
    Unit::Count("pp".into())
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
///
/// ```
/// use earnings::metrics::{Kind, derive};
/// use earnings::{Dataset, Figures};
/// let data = Dataset::bundled().unwrap();
/// let figures = Figures::build(&data).unwrap();
/// let rows = derive(&figures).unwrap();
/// let margin = rows
///     .iter()
///     .find(|d| d.kind == Kind::Margin && d.figure.to_string() == "alibaba.net_profit@FY2026")
///     .unwrap();
/// // 102,127 / 1,023,670 million, in percent.
/// assert_eq!(margin.value.as_ref().unwrap().point().round_dp(2).to_string(), "9.98");
/// ```
pub fn derive(figures: &Figures<'_>) -> Result<Vec<Derived>> {
    derived(figures, |_| true).collect()
}

pub use quarterly::inputs as quarterly_inputs;

/// A part of the derived metrics, to be made apart from the others (in
/// parallel): those of the figures at some places of [`Figures::iter`], or
/// those of the claims. In order, the parts give what [`derived`] gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// The metrics of the figures at these places.
    Figures(std::ops::Range<usize>),
    /// The metrics of the claims (shares, margins and growth they imply).
    Claims,
}

/// The parts of the derived metrics, in order: figures `size` at a time,
/// then the claims.
pub fn parts(figures: &Figures<'_>, size: usize) -> Vec<Part> {
    let size = size.max(1);
    let mut parts: Vec<Part> = (0..figures.len())
        .step_by(size)
        .map(|start| Part::Figures(start..start.saturating_add(size).min(figures.len())))
        .collect();
    parts.push(Part::Claims);
    parts
}

/// The derived metrics of the kinds `wanted` the figures support, in the
/// order of the figures, made one at a time as they are asked for (a
/// million figures never wait in memory as rows); kinds not wanted are not
/// computed.
///
/// ```
/// use earnings::dataset::Dataset;
/// use earnings::figures::Figures;
/// use earnings::metrics::{self, Kind};
/// let data = Dataset::bundled().unwrap();
/// let figures = Figures::build(&data).unwrap();
/// let changes = metrics::derived(&figures, |kind| kind == Kind::Yoy);
/// assert!(changes.map(Result::unwrap).all(|d| d.kind == Kind::Yoy));
/// ```
pub fn derived<'f, W>(
    figures: &'f Figures<'f>,
    wanted: W,
) -> impl Iterator<Item = Result<Derived>> + 'f
where
    W: Fn(Kind) -> bool + 'f,
{
    Derivation {
        figures,
        known: Box::new(figures.iter()),
        claims: figures.data().claims.iter().enumerate(),
        ready: VecDeque::new(),
        claimed: HashSet::new(),
        recent: Recent::default(),
        trailings: quarterly::Trailings::default(),
        growths: growth::Growths::default(),
        failed: false,
        wanted,
    }
}

/// The derived metrics of one part (see [`parts`]), as [`derived`] makes
/// them.
pub fn derived_part<'f, W>(
    figures: &'f Figures<'f>,
    wanted: W,
    part: Part,
) -> impl Iterator<Item = Result<Derived>> + 'f
where
    W: Fn(Kind) -> bool + 'f,
{
    let all: &'f [Claim] = &figures.data().claims;
    let (known, claims): (Box<dyn Iterator<Item = Known> + 'f>, &'f [Claim]) = match part {
        Part::Figures(places) => (Box::new(figures.range(places)), &[]),
        Part::Claims => (Box::new(std::iter::empty()), all),
    };
    let claims = claims.iter().enumerate();
    Derivation {
        figures,
        known,
        claims,
        ready: VecDeque::new(),
        claimed: HashSet::new(),
        recent: Recent::default(),
        trailings: quarterly::Trailings::default(),
        growths: growth::Growths::default(),
        failed: false,
        wanted,
    }
}

/// The state of [`derived`]: the figures and claims still to go, and the
/// rows made but not yet handed out.
struct Derivation<'f, W> {
    figures: &'f Figures<'f>,
    known: Box<dyn Iterator<Item = Known> + 'f>,
    claims: std::iter::Enumerate<std::slice::Iter<'f, Claim>>,
    ready: VecDeque<Derived>,
    /// Shares and margins made from claims, so that two claims of the same
    /// pair give one row.
    claimed: HashSet<(Kind, Reference, Reference)>,
    /// The figures just gone through: a year's prior is most often among
    /// them (a company's figures are listed together), found without the
    /// index.
    recent: Recent,
    /// The trailing twelve months just computed.
    trailings: quarterly::Trailings,
    /// The growths claims imply, by multiple and span.
    growths: growth::Growths,
    failed: bool,
    wanted: W,
}

/// The row an overflow leaves for the figure (or claim) being derived: no
/// value, and the reason, so that one figure beyond the range of exact
/// decimals stops none of the others.
struct Overflowed {
    kind: Kind,
    figure: Reference,
    unit: Unit,
    inputs: Arc<[Known]>,
    status: Status,
}

impl Overflowed {
    fn figure(kind: Kind, known: &Known) -> Overflowed {
        Overflowed {
            kind,
            figure: known.figure.clone(),
            unit: match kind {
                Kind::RunRate | Kind::Change | Kind::Ttm => known.unit.clone(),
                _ => Unit::Percent,
            },
            inputs: Arc::new([known.clone()]),
            status: known.status,
        }
    }

    fn claim(kind: Kind, claim: &Claim) -> Overflowed {
        Overflowed {
            kind,
            figure: claim.relation.of().clone(),
            unit: Unit::Percent,
            inputs: Arc::new([]),
            status: claim.status,
        }
    }

    /// `done` as it is, but an overflow becomes a row saying so (the row
    /// `overflowed` makes, only then).
    fn report(
        overflowed: impl FnOnce() -> Overflowed,
        done: Result<()>,
        rows: &mut VecDeque<Derived>,
    ) -> Result<()> {
        match done {
            Err(Error::Arithmetic(why)) => {
                let overflowed = overflowed();
                rows.push_back(Derived {
                    kind: overflowed.kind,
                    figure: overflowed.figure,
                    value: None,
                    unit: overflowed.unit,
                    formula: "".into(),
                    inputs: overflowed.inputs,
                    status: overflowed.status,
                    note: Some(
                        format!("not computed: {why}, beyond the range of exact decimals").into(),
                    ),
                });
                Ok(())
            }
            other => other,
        }
    }
}

impl<W: Fn(Kind) -> bool> Derivation<'_, W> {
    /// Makes the rows of the next figure or claim; `false` when there are
    /// none left.
    fn advance(&mut self) -> Result<bool> {
        let figures = self.figures;
        let wanted = &self.wanted;
        let wants = |kinds: &[Kind]| kinds.iter().any(|&kind| wanted(kind));
        let rows = &mut self.ready;
        if let Some(known) = self.known.next() {
            // The changes first, the figure moved into their inputs; it is
            // among the recent ones from then on (its own trailing twelve
            // months are found without the index).
            if wants(&[Kind::Change, Kind::Yoy, Kind::ChangePp]) {
                let done = year_over_year(figures, known, &mut self.recent, rows);
                if let Some(known) = self.recent.last() {
                    Overflowed::report(|| Overflowed::figure(Kind::Yoy, known), done, rows)?;
                }
            } else {
                self.recent.push(known);
            }
            let recent = &self.recent;
            let Some(known) = recent.last() else {
                return Ok(true);
            };
            let of = |kind| Overflowed::figure(kind, known);
            if wanted(Kind::Share) {
                Overflowed::report(
                    || of(Kind::Share),
                    share_of_parent(figures, known, rows),
                    rows,
                )?;
            }
            if wanted(Kind::Margin) {
                Overflowed::report(|| of(Kind::Margin), margin(figures, known, rows), rows)?;
            }
            if wanted(Kind::RunRate) {
                Overflowed::report(|| of(Kind::RunRate), run_rate(known, rows), rows)?;
            }
            if wanted(Kind::Qoq) {
                let done = quarterly::quarter_over_quarter(figures, known, &self.recent, rows);
                Overflowed::report(|| of(Kind::Qoq), done, rows)?;
            }
            if wants(&[Kind::Ttm, Kind::TtmYoy]) {
                let done = quarterly::trailing_twelve_months(
                    figures,
                    known,
                    &self.recent,
                    &mut self.trailings,
                    wanted,
                    rows,
                );
                Overflowed::report(|| of(Kind::Ttm), done, rows)?;
            }
        } else if let Some((index, claim)) = self.claims.next() {
            let of = |kind| Overflowed::claim(kind, claim);
            if wants(&[Kind::Share, Kind::Margin]) {
                let done = claimed_share_or_margin(figures, index, claim, &mut self.claimed, rows);
                Overflowed::report(|| of(Kind::Share), done, rows)?;
            }
            if wants(&[Kind::GrowthMonthly, Kind::GrowthAnnual]) {
                Overflowed::report(
                    || of(Kind::GrowthAnnual),
                    implied_growth(figures, claim, &mut self.growths, rows),
                    rows,
                )?;
            }
        } else {
            return Ok(false);
        }
        rows.retain(|row| wanted(row.kind) && restates(figures, row).is_none());
        Ok(true)
    }
}

impl<W: Fn(Kind) -> bool> Iterator for Derivation<'_, W> {
    type Item = Result<Derived>;

    fn next(&mut self) -> Option<Result<Derived>> {
        loop {
            if let Some(row) = self.ready.pop_front() {
                return Some(Ok(row));
            }
            if self.failed {
                return None;
            }
            match self.advance() {
                Ok(true) => {}
                Ok(false) => return None,
                Err(e) => {
                    self.failed = true;
                    self.ready.clear();
                    return Some(Err(e));
                }
            }
        }
    }
}

/// The claim a row only restates, if any: one of its inputs was implied by
/// a claim of the kind the row computes, relating the very figures the row
/// is computed from (a change against a prior year that the same change
/// claim implied). Such a row is no evidence for the claim, and `metrics`
/// leaves it out.
pub fn restates(figures: &Figures<'_>, row: &Derived) -> Option<usize> {
    let kind = row.kind.claim_kind()?;
    row.inputs.iter().find_map(|known| {
        let Provenance::Implied { index, .. } = &known.provenance else {
            return None;
        };
        let implied = figures.implied().get(*index)?;
        let claim = figures.data().claims.get(implied.claim)?;
        let related = claim.relation.figures();
        let same = claim.relation.kind() == kind
            && related.len() == row.inputs.len()
            && related
                .iter()
                .all(|r| row.inputs.iter().any(|k| k.figure == *r));
        same.then_some(implied.claim)
    })
}

/// Whether a row's inputs mix one source's figure with a figure implied
/// from a rival reading of that same figure (data/FORMAT.md, When sources
/// disagree): an implied input solved from a value of another input's
/// figure that the value used for it rules out. Such a row is left out:
/// it would set two readings of one figure against each other.
fn mixes_rivals(figures: &Figures<'_>, inputs: &[&Known]) -> bool {
    inputs.iter().any(|known| {
        let Provenance::Implied { index, .. } = &known.provenance else {
            return false;
        };
        figures.implied().get(*index).is_some_and(|implied| {
            implied.inputs.iter().any(|from| {
                inputs
                    .iter()
                    .any(|used| used.figure == from.figure && used.value.is_disjoint(&from.value))
            })
        })
    })
}

/// The change of a figure against the prior year, absolute and in percent
/// (or in points). The figure is then pushed onto `recent`, moved into the
/// rows' inputs where there are rows.
fn year_over_year(
    figures: &Figures<'_>,
    current: Known,
    recent: &mut Recent,
    rows: &mut VecDeque<Derived>,
) -> Result<()> {
    let Change {
        prior,
        change,
        percent,
    } = match change_against_prior(figures, &current, recent) {
        Ok(Some(change)) => change,
        Ok(None) => {
            recent.push(current);
            return Ok(());
        }
        Err(e) => {
            recent.push(current);
            return Err(e);
        }
    };
    let figure = current.figure.clone();
    let unit = (current.unit != Unit::Percent).then(|| current.unit.clone());
    let inputs: Arc<[Known]> = Arc::new([current, prior]);
    let status = status_of(&inputs);
    let Some(unit) = unit else {
        rows.push_back(Derived {
            kind: Kind::ChangePp,
            figure,
            value: Some(change),
            unit: percentage_points(),
            formula: "current − prior (percentage points)".into(),
            inputs: Arc::clone(&inputs),
            status,
            note: None,
        });
        recent.push_held(Held::First(inputs));
        return Ok(());
    };
    rows.push_back(Derived {
        kind: Kind::Change,
        figure: figure.clone(),
        value: Some(change),
        unit,
        formula: "current − prior".into(),
        inputs: Arc::clone(&inputs),
        status,
        note: None,
    });
    let note = percent.is_none().then(|| {
        let zero = inputs.iter().any(|known| known.value.contains_zero());
        if zero {
            "n/m: a figure can be zero".into()
        } else {
            "n/m: the sign changed".into()
        }
    });
    rows.push_back(Derived {
        kind: Kind::Yoy,
        figure,
        value: percent,
        unit: Unit::Percent,
        formula: "(current − prior) / |prior|".into(),
        inputs: Arc::clone(&inputs),
        status,
        note,
    });
    recent.push_held(Held::First(inputs));
    Ok(())
}

/// A change against the prior year, as computed.
struct Change {
    /// The prior-year figure.
    prior: Known,
    /// The absolute change.
    change: Bounded,
    /// The change in percent: `None` for a percent-valued figure, or where
    /// not meaningful.
    percent: Option<Bounded>,
}

/// The change of `current` against the prior year, if there is a
/// prior-year figure it can be set against.
fn change_against_prior(
    figures: &Figures<'_>,
    current: &Known,
    recent: &Recent,
) -> Result<Option<Change>> {
    let Ok(prior_period) = current.figure.period.prior_year() else {
        return Ok(None);
    };
    let Some(prior) = recent.get(figures, &current.figure, prior_period) else {
        return Ok(None);
    };
    if prior.unit != current.unit || mixes_rivals(figures, &[current, &prior]) {
        return Ok(None);
    }
    let figure = &current.figure;
    let change = current
        .value
        .checked_sub(&prior.value)
        .map_err(|e| arith("change", figure, e))?;
    let percent = if current.unit == Unit::Percent {
        None
    } else {
        formula::yoy_percent(&current.value, &prior.value).map_err(|e| arith("yoy", figure, e))?
    };
    Ok(Some(Change {
        prior,
        change,
        percent,
    }))
}

fn share_of_parent(
    figures: &Figures<'_>,
    part: &Known,
    rows: &mut VecDeque<Derived>,
) -> Result<()> {
    let data = figures.data();
    let Some(parent) = data
        .entity(&part.figure.entity)
        .and_then(|e| e.parent.as_deref())
    else {
        return Ok(());
    };
    let whole_figure = Reference {
        entity: parent.into(),
        metric: part.figure.metric.clone(),
        period: part.figure.period.clone(),
    };
    let Some(whole) = figures.get(&whole_figure, Basis::MostTrusted) else {
        return Ok(());
    };
    if mixes_rivals(figures, &[part, &whole]) {
        return Ok(());
    }
    push_share(Kind::Share, part, &whole, "part / parent × 100", rows)
}

fn push_share(
    kind: Kind,
    part: &Known,
    whole: &Known,
    formula: &'static str,
    rows: &mut VecDeque<Derived>,
) -> Result<()> {
    if part.unit != whole.unit || part.unit == Unit::Percent || whole.value.contains_zero() {
        return Ok(());
    }
    let value = formula::percent_of(&part.value, &whole.value)
        .map_err(|e| arith(kind.name(), &part.figure, e))?;
    let inputs: Arc<[Known]> = Arc::new([part.clone(), whole.clone()]);
    rows.push_back(Derived {
        kind,
        figure: part.figure.clone(),
        value: Some(value),
        unit: Unit::Percent,
        formula: formula.into(),
        status: status_of(&inputs),
        inputs,
        note: Some(format!("of {}", whole.figure).into()),
    });
    Ok(())
}

fn margin(figures: &Figures<'_>, profit: &Known, rows: &mut VecDeque<Derived>) -> Result<()> {
    if !metric::has_margin(&profit.figure.metric) {
        return Ok(());
    }
    let Some(revenue) = figures.get(&profit.figure.with_metric(REVENUE), Basis::MostTrusted) else {
        return Ok(());
    };
    if mixes_rivals(figures, &[profit, &revenue]) {
        return Ok(());
    }
    push_share(
        Kind::Margin,
        profit,
        &revenue,
        "figure / revenue × 100",
        rows,
    )
}

fn run_rate(flow: &Known, rows: &mut VecDeque<Derived>) -> Result<()> {
    let period = &flow.figure.period;
    let short = period.months().is_some_and(|m| m < 12);
    let metric = &flow.figure.metric;
    let annualizable =
        matches!(flow.unit, Unit::Currency(_) | Unit::Count(_)) && metric::is_flow(metric);
    let Some(per_year) = period.per_year().filter(|_| short && annualizable) else {
        return Ok(());
    };
    let value =
        formula::run_rate(&flow.value, per_year).map_err(|e| arith("run-rate", &flow.figure, e))?;
    rows.push_back(Derived {
        kind: Kind::RunRate,
        figure: flow.figure.clone(),
        value: Some(value),
        unit: flow.unit.clone(),
        formula: match period.months() {
            Some(months) if 12_u32.checked_rem(months) != Some(0) => {
                format!("figure × 12/{months}").into()
            }
            _ => format!("figure × {}", per_year.normalize()).into(),
        },
        inputs: Arc::new([flow.clone()]),
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
    claimed: &mut HashSet<(Kind, Reference, Reference)>,
    rows: &mut VecDeque<Derived>,
) -> Result<()> {
    let data = figures.data();
    // A claim's share or margin is a row of that kind.
    let kind = match claim.relation.kind() {
        ClaimKind::Share => Kind::Share,
        ClaimKind::Margin => Kind::Margin,
        _ => return Ok(()),
    };
    let (of, Some(whole)) = (claim.relation.of(), claim.relation.other()) else {
        return Ok(());
    };
    // Shares of the parent and margins over revenue are rows of the
    // figures' own already.
    let covered = match kind {
        Kind::Share => {
            data.entity(&of.entity).and_then(|e| e.parent.as_deref()) == Some(whole.entity.as_str())
                && whole.metric == of.metric
                && whole.period == of.period
        }
        _ => whole.metric == REVENUE,
    };
    if covered {
        return Ok(());
    }
    let formula = claim.relation.formula();
    let get = |r: &Reference| figures.get_excluding(r, Basis::MostTrusted, Some(index));
    let (Some(part), Some(base)) = (get(of), get(&whole)) else {
        return Ok(());
    };
    // A figure implied by another claim from this very pair would be circular.
    if part.provenance.is_implied() || base.provenance.is_implied() {
        return Ok(());
    }
    // Two claims of the same pair give one row. (No row of the figures'
    // own shares and margins can be the same: those are over the parent
    // or over revenue, which a claim's row never is.)
    if claimed.contains(&(kind, of.clone(), whole.clone())) {
        return Ok(());
    }
    let before = rows.len();
    push_share(kind, &part, &base, formula, rows)?;
    if rows.len() > before {
        claimed.insert((kind, of.clone(), whole));
    }
    Ok(())
}

/// The compound growth per month (and per year) a stated multiple or
/// year-over-year change implies over the time between the periods'
/// midpoints (data/FORMAT.md, Growth implied by a multiple).
fn implied_growth(
    figures: &Figures<'_>,
    claim: &Claim,
    growths: &mut growth::Growths,
    rows: &mut VecDeque<Derived>,
) -> Result<()> {
    let data = figures.data();
    let Some(growth) = claim.relation.growth() else {
        return Ok(());
    };
    let (of, base) = (growth.to, &growth.from);
    // Figures of one metric stated in different units are no growth.
    let unit = |r: &Reference| figures.get(r, Basis::MostTrusted).map(|k| k.unit);
    if let (Some(to), Some(from)) = (unit(of), unit(base))
        && to != from
    {
        return Ok(());
    }
    let multiple = growth
        .multiple(&claim.value)
        .map_err(|e| arith("growth", of, e))?;
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
    let monthly = growths
        .compound(&multiple, months)
        .map_err(|e| arith("growth", of, e))?;
    let claim_note = format!(
        "claimed, not computed: {} claim by {} {}",
        claim.relation.kind().name(),
        claim.source,
        claim.at
    );
    let months_text = months.normalize();
    rows.push_back(Derived {
        kind: Kind::GrowthMonthly,
        figure: of.clone(),
        value: Some(monthly),
        unit: Unit::Percent,
        formula: format!(
            "multiple^(1/{months_text}) − 1, {months_text} months from {} to {}",
            base.period, of.period
        )
        .into(),
        inputs: Arc::new([]),
        status: claim.status,
        note: Some(claim_note.clone().into()),
    });
    if !growth.yearly_rate {
        let years = months.checked_div(twelve).unwrap_or(Decimal::ONE);
        let annual = growths
            .compound(&multiple, years)
            .map_err(|e| arith("growth", of, e))?;
        rows.push_back(Derived {
            kind: Kind::GrowthAnnual,
            figure: of.clone(),
            value: Some(annual),
            unit: Unit::Percent,
            formula: format!("multiple^(12/{months_text}) − 1").into(),
            inputs: Arc::new([]),
            status: claim.status,
            note: Some(claim_note.into()),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Dataset;

    #[test]
    fn the_parts_in_order_make_what_the_whole_makes() {
        let data = Dataset::bundled().unwrap();
        let figures = Figures::build(&data).unwrap();
        let whole = derive(&figures).unwrap();
        assert!(whole.iter().any(|d| d.kind == Kind::GrowthMonthly));
        for size in [1, 3, 1000] {
            let parted: Vec<Derived> = parts(&figures, size)
                .into_iter()
                .flat_map(|part| derived_part(&figures, |_| true, part))
                .collect::<Result<_>>()
                .unwrap();
            assert_eq!(parted, whole, "parts of {size}");
        }
    }

    #[test]
    fn a_prior_found_among_recent_figures_is_the_one_the_index_gives() {
        let data = Dataset::bundled().unwrap();
        let figures = Figures::build(&data).unwrap();
        let mut checked = 0;
        for derived in derived(&figures, |k| k == Kind::Yoy || k == Kind::ChangePp) {
            let derived = derived.unwrap();
            let prior = &derived.inputs[1];
            assert_eq!(
                Some(prior),
                figures.get(&prior.figure, Basis::MostTrusted).as_ref(),
                "{}",
                derived.figure
            );
            checked += 1;
        }
        assert!(checked > 5, "{checked}");
    }

    #[test]
    fn only_the_kinds_wanted_are_made() {
        let data = Dataset::bundled().unwrap();
        let figures = Figures::build(&data).unwrap();
        let whole = derive(&figures).unwrap();
        for kind in Kind::ALL {
            let some: Vec<Derived> = derived(&figures, |k| k == kind)
                .collect::<Result<_>>()
                .unwrap();
            let expected: Vec<&Derived> = whole.iter().filter(|d| d.kind == kind).collect();
            assert_eq!(some.iter().collect::<Vec<_>>(), expected, "{kind}");
        }
    }
}
