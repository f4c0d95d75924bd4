//! A bar chart as plain data: a label and a figure per bar, with
//! milestones labelled, forward-looking figures marked and, where asked,
//! each bar's year-over-year change. A report builds it;
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
    /// What a bar that is no milestone and not forward-looking is, in the
    /// legend: `path` (of ARR), `reported`.
    pub plain: &'static str,
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
    /// For a forward-looking milestone or figure, its status (`target`,
    /// `forecast`, `plan`).
    pub forward_looking: Option<&'static str>,
    /// Its year-over-year change, where asked for and known.
    pub change: Option<Change>,
}

/// A bar's change against the prior year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// In percent (points for a percent-valued figure); `None` where it is
    /// not meaningful (`n/m`).
    pub value: Option<Figure>,
}
