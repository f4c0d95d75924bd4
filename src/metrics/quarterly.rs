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
    if current.unit == Unit::Percent {
        return Ok(());
    }
    let Some(before) = current.figure.period.quarter_before() else {
        return Ok(());
    };
    let Some(previous) = recent.get(figures, &current.figure.with_period(before)) else {
        return Ok(());
    };
    if previous.unit != current.unit || mixes_rivals(figures, &[current, &previous]) {
        return Ok(());
    }
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
    let get = |period| recent.get(figures, &at.with_period(period));
    let Some(quarters) = at.period.trailing_quarters() else {
        return Ok(None);
    };
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
            let Some(parts) = parts else {
                return Ok(None);
            };
            let known: Option<Vec<Known>> = parts.into_iter().map(get).collect();
            let Some(known) = known else {
                return Ok(None);
            };
            (
                known,
                "year before + year to date − the same span a year earlier",
            )
        }
    };
    let Some(first) = inputs.first() else {
        return Ok(None);
    };
    if !inputs.iter().all(|k| k.unit == first.unit && adds_up(k)) {
        return Ok(None);
    }
    let refs: Vec<&Known> = inputs.iter().collect();
    if mixes_rivals(figures, &refs) {
        return Ok(None);
    }
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
    if !adds_up(known) {
        return Ok(());
    }
    let period = &known.figure.period;
    let at = match period.year_to_date_end() {
        // A year to date stands for its last quarter only where no one
        // states that quarter (else the quarter's own row is made).
        Some(last)
            if recent
                .get(figures, &known.figure.with_period(last.clone()))
                .is_none() =>
        {
            known.figure.with_period(last.clone())
        }
        Some(_) => return Ok(()),
        None if period.quarter_before().is_some() => known.figure.clone(),
        None => return Ok(()),
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
