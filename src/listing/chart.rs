//! A bar chart as plain data: a label and a figure per bar, with
//! milestones labelled and forward-looking ones marked. A report builds it;
//! `render::chart` draws it, as text or as SVG.

use crate::listing::Figure;

/// A bar chart: one bar per labelled figure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BarChart {
    /// What the chart shows, e.g. `alibaba-maas arr: compound path, month ends`.
    pub title: String,
    /// Whose figures they are, in words (an entity's name); the SVG shows it
    /// under the title.
    pub subject: String,
    /// What the values count, e.g. `CNY billion`.
    pub unit: String,
    /// The bars, in order.
    pub bars: Vec<Bar>,
}

/// One bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    /// Its label (a date).
    pub label: String,
    /// Its figure, already in the unit of the chart; `None` draws no bar
    /// and reads `n/m`.
    pub value: Option<Figure>,
    /// The milestone it is, if any (e.g. `FY2027-Q1`).
    pub milestone: Option<String>,
    /// For a forward-looking milestone, its status (`target`, `forecast`, `plan`).
    pub forward_looking: Option<&'static str>,
}
