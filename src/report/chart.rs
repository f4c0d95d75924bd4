//! `chart`: any series of figures as bar charts, one per entity and metric
//! the selection keeps, a bar per period in date order, each figure with
//! its bound (drawn as a whisker, or an open end for `more than`), targets
//! marked apart from reported figures, and on request each bar's
//! year-over-year change. The charts are plain data ([`BarChart`]); the
//! renderer (`render::chart`) draws them as text or SVG, as it draws the
//! ARR paths.

use std::collections::HashMap;

use crate::error::Result;
use crate::figures::{Figures, Known};
use crate::listing::chart::{Bar, BarChart, Change};
use crate::metrics::{self, Kind};
use crate::reference::Reference;
use crate::report::arr::unit_label;
use crate::report::{Money, Selection, figure};
use crate::value::Unit;

/// What a chart shows besides the figures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ChartOptions {
    /// Each bar's change against the prior year: percent, or percentage
    /// points for a percent-valued metric.
    pub yoy: bool,
}

/// The charts of the series the selection keeps: one per entity, metric
/// and length of period (years apart from quarters), in the order the
/// figures first come, its bars in period order (by the periods' last
/// days, then their first).
///
/// ```
/// use earnings::report::chart::{ChartOptions, charts};
/// use earnings::report::{Money, Selection};
/// use earnings::{Dataset, Figures};
/// let data = Dataset::bundled().unwrap();
/// let figures = Figures::build(&data).unwrap();
/// let only = Selection { entities: vec!["alibaba".into()], metrics: vec!["revenue".into()], ..Selection::default() };
/// let made = charts(&figures, &only, &Money::default(), ChartOptions { yoy: true }).unwrap();
/// let revenue = made.iter().find(|c| c.title == "alibaba revenue, years").unwrap();
/// assert!(revenue.bars.iter().any(|b| b.label == "FY2026" && b.change.is_some()));
/// ```
pub fn charts(
    figures: &Figures<'_>,
    selection: &Selection,
    money: &Money,
    options: ChartOptions,
) -> Result<Vec<BarChart>> {
    let data = figures.data();
    let mut series: Vec<((String, String), Vec<Known>)> = Vec::new();
    for known in figures.iter() {
        if !selection.keeps(&known.figure, data) {
            continue;
        }
        let key = (
            known.figure.entity.to_string(),
            known.figure.metric.to_string(),
        );
        match series.iter_mut().find(|(k, _)| *k == key) {
            Some((_, figures)) => figures.push(known),
            None => series.push((key, vec![known])),
        }
    }
    let changes = if options.yoy {
        changes(figures, selection, money)?
    } else {
        HashMap::new()
    };
    let mut made = Vec::with_capacity(series.len());
    for ((entity, metric), mut known) in series {
        let fye = data.fiscal_year_end(&entity);
        known.sort_by_key(|k| {
            k.figure
                .period
                .dates(fye)
                .map(|d| (d.end, d.start))
                .map_err(|_| k.figure.period.to_string())
        });
        // Years beside quarters, or one metric in two units, would be
        // read as one series: each is a chart of its own.
        let kinds: Vec<(Unit, Option<u32>)> = known.iter().fold(Vec::new(), |mut kinds, k| {
            let kind = (k.unit.clone(), k.figure.period.months());
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
            kinds
        });
        // Longer periods first: the years, then the quarters.
        let mut kinds = kinds;
        kinds.sort_by_key(|(_, months)| std::cmp::Reverse(months.unwrap_or(0)));
        for (unit, months) in kinds {
            let alike = known
                .iter()
                .filter(|k| k.unit == unit && k.figure.period.months() == months);
            let title = format!("{entity} {metric}, {}", lengths(months));
            made.push(chart(title, &entity, alike, money, &changes, figures)?);
        }
    }
    Ok(made)
}

/// The year-over-year change of each figure the selection keeps that has
/// one: percent, or points for a percent-valued metric (`None`: n/m).
fn changes(
    figures: &Figures<'_>,
    selection: &Selection,
    money: &Money,
) -> Result<HashMap<Reference, Change>> {
    let data = figures.data();
    let wanted = |kind| matches!(kind, Kind::Yoy | Kind::ChangePp);
    let mut changes = HashMap::new();
    for derived in metrics::derived(figures, wanted) {
        let derived = derived?;
        if !selection.keeps(&derived.figure, data) {
            continue;
        }
        let value = match &derived.value {
            Some(value) => {
                let (value, unit, _) = money.present(value, &derived.unit)?;
                Some(figure(value, &unit, None))
            }
            None => None,
        };
        changes.insert(derived.figure, Change { value });
    }
    Ok(changes)
}

/// What periods of this many months are, in a chart's title.
fn lengths(months: Option<u32>) -> String {
    match months {
        None => "dates".into(),
        Some(1) => "months".into(),
        Some(3) => "quarters".into(),
        Some(6) => "half years".into(),
        Some(12) => "years".into(),
        Some(n) => format!("{n}-month periods"),
    }
}

fn chart<'k>(
    title: String,
    entity: &str,
    known: impl Iterator<Item = &'k Known>,
    money: &Money,
    changes: &HashMap<Reference, Change>,
    figures: &Figures<'_>,
) -> Result<BarChart> {
    let mut unit_text = None;
    let mut bars = Vec::new();
    for k in known {
        let (value, unit, scale) = money.present(&k.value, &k.unit)?;
        unit_text.get_or_insert_with(|| unit_label(&unit, scale));
        bars.push(Bar {
            label: k.figure.period.to_string(),
            value: Some(figure(value, &unit, k.bound)),
            milestone: None,
            forward_looking: k.status.is_forward_looking().then(|| k.status.name()),
            change: changes.get(&k.figure).cloned(),
        });
    }
    Ok(BarChart {
        title,
        subject: figures
            .data()
            .entity(entity)
            .map_or_else(|| entity.to_string(), |e| e.name.clone()),
        unit: unit_text.unwrap_or_default(),
        plain: "reported",
        bars,
    })
}
