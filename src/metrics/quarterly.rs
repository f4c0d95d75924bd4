//! Quarter-over-quarter changes and trailing twelve months (data/FORMAT.md,
//! Quarters and trailing twelve months): a quarter against the one before
//! it, and the sum of the twelve months that end with a quarter, from four
//! quarters or from the last year and the year to date, with the change of
//! that sum against a year earlier.

use std::collections::VecDeque;
use std::sync::Arc;

use super::{Derived, Kind, Recent, arith, mixes_rivals, status_of};
use crate::error::Result;
use crate::figures::{Figures, Known};
use crate::formula;
use crate::metric;
use crate::reference::Reference;
use crate::value::Unit;

/// Whether a figure is a flow that quarters add up to: money or a count,
/// neither an ARR nor a rate per unit.
fn adds_up(known: &Known) -> bool {
    matches!(known.unit, Unit::Currency(_) | Unit::Count(_))
        && metric::is_flow(&known.figure.metric)
}

/// The change of a quarter against the quarter before it, in percent.
pub(super) fn quarter_over_quarter(
    figures: &Figures<'_>,
    current: &Known,
    recent: &Recent,
    rows: &mut VecDeque<Derived>,
) -> Result<()> {
    let Some(previous) = quarter_before(figures, current, recent) else {
        return Ok(());
    };
    let figure = &current.figure;
    let value = formula::qoq_percent(&current.value, &previous.value)
        .map_err(|e| arith("qoq", figure, e))?;
    let note = value.is_none().then(|| {
        if previous.value.contains_zero() || current.value.contains_zero() {
            "n/m: a figure can be zero".into()
        } else {
            "n/m: the sign changed".into()
        }
    });
    let inputs: Arc<[Known]> = Arc::new([current.clone(), previous]);
    rows.push_back(Derived {
        kind: Kind::Qoq,
        figure: figure.clone(),
        value,
        unit: Unit::Percent,
        formula: "(current − quarter before) / |quarter before|".into(),
        status: status_of(&inputs),
        inputs,
        note,
    });
    Ok(())
}

/// A trailing twelve months as computed: its value, inputs and formula.
#[derive(Clone)]
struct Trailing {
    value: crate::bounded::Bounded,
    inputs: Arc<[Known]>,
    formula: &'static str,
}

/// The trailing twelve months computed lately, by the quarter each ends
/// with (`None` where the figures allow none): the twelve months a year
/// before a quarter's are those of the quarter four before it, computed a
/// few figures back (a company's figures are listed together).
#[derive(Default)]
pub(super) struct Trailings(VecDeque<(Reference, Option<Trailing>)>);

impl Trailings {
    const KEPT: usize = 16;

    /// [`trailing`] of `at`, looked for here first.
    fn get(
        &mut self,
        figures: &Figures<'_>,
        at: &Reference,
        recent: &Recent,
    ) -> Result<Option<Trailing>> {
        if let Some((_, known)) = self.0.iter().rev().find(|(of, _)| of == at) {
            return Ok(known.clone());
        }
        let made = trailing(figures, at, recent)?;
        if self.0.len() >= Trailings::KEPT {
            self.0.pop_front();
        }
        self.0.push_back((at.clone(), made.clone()));
        Ok(made)
    }
}

/// The trailing twelve months that end with quarter `at` of one entity's
/// metric (`at` names the quarter): the quarter and the three before it
/// where all four are known, else the year before the quarter's year plus
/// the year to date less the same span a year earlier. `None` where the
/// figures allow neither, or are in different units.
fn trailing(figures: &Figures<'_>, at: &Reference, recent: &Recent) -> Result<Option<Trailing>> {
    let Some((inputs, formula)) = trailing_inputs(figures, at, recent) else {
        return Ok(None);
    };
    let values: Vec<_> = inputs.iter().map(|k| k.value).collect();
    let value = match values.as_slice() {
        [year, to_date, before] if inputs.len() == 3 => {
            formula::ttm_from_year(year, to_date, before)
        }
        _ => formula::sum(&values),
    }
    .map_err(|e| arith("ttm", at, e))?;
    Ok(Some(Trailing {
        value,
        inputs: inputs.into(),
        formula,
    }))
}

/// The trailing twelve months that end with a figure's quarter (a quarter,
/// or a year to date whose last quarter is stated by no one), and their
/// change against the twelve months a year earlier.
pub(super) fn trailing_twelve_months(
    figures: &Figures<'_>,
    known: &Known,
    recent: &Recent,
    trailings: &mut Trailings,
    wanted: &dyn Fn(Kind) -> bool,
    rows: &mut VecDeque<Derived>,
) -> Result<()> {
    let Some(at) = trailing_end(figures, known, recent) else {
        return Ok(());
    };
    let Some(now) = trailings.get(figures, &at, recent)? else {
        return Ok(());
    };
    let inputs = Arc::clone(&now.inputs);
    let status = status_of(&inputs);
    if wanted(Kind::Ttm) {
        rows.push_back(Derived {
            kind: Kind::Ttm,
            figure: at.clone(),
            value: Some(now.value),
            unit: known.unit.clone(),
            formula: now.formula.into(),
            inputs,
            status,
            note: None,
        });
    }
    if !wanted(Kind::TtmYoy) {
        return Ok(());
    }
    let Ok(prior_period) = at.period.prior_year() else {
        return Ok(());
    };
    let Some(before) = trailings.get(figures, &at.with_period(prior_period), recent)? else {
        return Ok(());
    };
    // A figure in both sums would count twice, and the interval would be
    // wider than the figures allow: no row rather than a loose one.
    let shared = now
        .inputs
        .iter()
        .any(|k| before.inputs.iter().any(|b| b.figure == k.figure));
    if shared {
        return Ok(());
    }
    let value =
        formula::yoy_percent(&now.value, &before.value).map_err(|e| arith("ttm yoy", &at, e))?;
    let note = value
        .is_none()
        .then(|| "n/m: a sum can be zero or changed sign".into());
    let inputs: Arc<[Known]> = now
        .inputs
        .iter()
        .chain(before.inputs.iter())
        .cloned()
        .collect();
    rows.push_back(Derived {
        kind: Kind::TtmYoy,
        figure: at,
        value,
        unit: Unit::Percent,
        formula: "(ttm − ttm a year earlier) / |ttm a year earlier|".into(),
        status: status_of(&inputs),
        inputs,
        note,
    });
    Ok(())
}

/// The quarter before `current`'s, as the change of a quarter against it
/// uses it: known, in the same unit, and no rival reading of either.
fn quarter_before(figures: &Figures<'_>, current: &Known, recent: &Recent) -> Option<Known> {
    if current.unit == Unit::Percent {
        return None;
    }
    let before = current.figure.period.quarter_before()?;
    let previous = recent.get(figures, &current.figure, before)?;
    if previous.unit != current.unit || mixes_rivals(figures, &[current, &previous]) {
        return None;
    }
    Some(previous)
}

/// The quarter whose trailing twelve months a figure gives: its own, or
/// the last quarter of a year to date that no one states. `None` for a
/// figure that is no flow adding up, or no quarter.
fn trailing_end(figures: &Figures<'_>, known: &Known, recent: &Recent) -> Option<Reference> {
    if !adds_up(known) {
        return None;
    }
    let period = &known.figure.period;
    match period.year_to_date_end() {
        // A year to date stands for its last quarter only where no one
        // states that quarter (else the quarter's own row is made).
        Some(last) if recent.get(figures, &known.figure, last.clone()).is_none() => {
            Some(known.figure.with_period(last.clone()))
        }
        Some(_) => None,
        None if period.quarter_before().is_some() => Some(known.figure.clone()),
        None => None,
    }
}

/// What the trailing twelve months that end with quarter `at` are summed
/// from (see [`trailing`]), and how: `None` where the figures allow
/// neither way.
fn trailing_inputs(
    figures: &Figures<'_>,
    at: &Reference,
    recent: &Recent,
) -> Option<(Vec<Known>, &'static str)> {
    let get = |period| recent.get(figures, at, period);
    let quarters = at.period.trailing_quarters()?;
    let four: Option<Vec<Known>> = quarters.into_iter().map(get).collect();
    let (inputs, formula) = match four {
        Some(four) => (four, "sum of the four quarters"),
        None => {
            let parts = at.period.year_of_quarter().and_then(|year| {
                let to_date = at.period.year_to_date()?;
                Some([
                    year.prior_year().ok()?,
                    to_date.clone(),
                    to_date.prior_year().ok()?,
                ])
            });
            let known: Option<Vec<Known>> = parts?.into_iter().map(get).collect();
            (
                known?,
                "year before + year to date − the same span a year earlier",
            )
        }
    };
    // All are of `at`'s metric: in one unit, they add up as the first does.
    let first = inputs.first()?;
    if !inputs.iter().all(|k| k.unit == first.unit) || !adds_up(first) {
        return None;
    }
    let refs: Vec<&Known> = inputs.iter().collect();
    if mixes_rivals(figures, &refs) {
        return None;
    }
    Some((inputs, formula))
}

/// The inputs of the changes against the quarter before and of the
/// trailing twelve months that [`super::derived`] would make, row by row
/// and in each row's order, found as it finds them but not computed:
/// for those who ask only which figures such rows use. A row `derived`
/// leaves out as restating a claim gives its inputs here too (they are
/// that claim's figures), and so does a row whose arithmetic overflows.
pub fn inputs(figures: &Figures<'_>, mut each: impl FnMut(&Known)) {
    let mut recent = Recent::default();
    for known in figures.iter() {
        if let Some(previous) = quarter_before(figures, &known, &recent) {
            each(&known);
            each(&previous);
        }
        let trailing = trailing_end(figures, &known, &recent)
            .and_then(|at| trailing_inputs(figures, &at, &recent));
        trailing
            .iter()
            .flat_map(|(inputs, _)| inputs)
            .for_each(&mut each);
        recent.push(known);
    }
}
