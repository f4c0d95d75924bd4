//! What a metric's key says about the metric: every rule that reads meaning
//! into a name such as `maas_arr`, `net_profit` or `revenue_per_user`.
//!
//! Keys are lowercase snake_case (see `data/FORMAT.md`), and the rules match
//! words in them as written: `cloud_arr` is an ARR because it ends in `arr`,
//! `operating_income` has a margin because it contains `income`. Metrics,
//! ARR trajectories, checks, expressions and reports all ask these questions
//! here, so a rule is changed in one place.

/// The metric a group's size is measured by, and the base a margin is taken
/// over when a claim or an expression names none.
///
/// ```
/// assert_eq!(earnings::metric::REVENUE, "revenue");
/// ```
pub const REVENUE: &str = "revenue";

/// Words in a metric key that make it a profit or a cash flow: a margin's
/// numerator over revenue. Matched anywhere in the key.
pub const MARGIN_WORDS: [&str; 5] = ["profit", "income", "earnings", "cash_flow", "ebit"];

/// Words in a metric key that make it a difference (revenue less costs) or
/// a change, which can be negative: such a metric is not a sum of
/// non-negative parts, and a segment may earn more than its group when the
/// other segments lose money. Matched anywhere in the key.
pub const SIGNED_WORDS: [&str; 9] = [
    "profit",
    "income",
    "earnings",
    "cash_flow",
    "ebit",
    "loss",
    "margin",
    "change",
    "growth",
];

/// Whether any of `words` occurs anywhere in the key `metric`.
///
/// ```
/// use earnings::metric::{has_word, MARGIN_WORDS};
/// assert!(has_word("free_cash_flow", &MARGIN_WORDS));
/// assert!(!has_word("revenue", &MARGIN_WORDS));
/// ```
pub fn has_word(metric: &str, words: &[&str]) -> bool {
    words.iter().any(|w| metric.contains(w))
}

/// Whether a metric is ARR-like: its key ends in `arr` (`arr`, `cloud_arr`).
/// An ARR is an annualized level at a date, not a flow over its period.
///
/// ```
/// assert!(earnings::metric::is_arr("maas_arr"));
/// assert!(!earnings::metric::is_arr("revenue"));
/// ```
pub fn is_arr(metric: &str) -> bool {
    metric.ends_with("arr")
}

/// Whether a metric is a figure per order, per share or per user (its key
/// contains `per_`): a rate, not a flow, with no run-rate and no margin over
/// revenue.
///
/// ```
/// assert!(earnings::metric::is_per_unit("revenue_per_user"));
/// assert!(!earnings::metric::is_per_unit("revenue"));
/// ```
pub fn is_per_unit(metric: &str) -> bool {
    metric.contains("per_")
}

/// Whether a metric's key names a flow that its period accumulates: neither
/// an ARR (a level) nor a rate per unit. Only a flow has a run-rate or a
/// yearly rate; whether it is money or a count the caller asks of its unit.
///
/// ```
/// use earnings::metric::is_flow;
/// assert!(is_flow("revenue"));
/// assert!(!is_flow("cloud_arr"));
/// assert!(!is_flow("revenue_per_user"));
/// ```
pub fn is_flow(metric: &str) -> bool {
    !is_arr(metric) && !is_per_unit(metric)
}

/// Whether a metric is a margin itself (its key contains `margin`), a
/// percentage of some base.
///
/// ```
/// assert!(earnings::metric::is_margin("gross_margin"));
/// assert!(!earnings::metric::is_margin("gross_profit"));
/// ```
pub fn is_margin(metric: &str) -> bool {
    metric.contains("margin")
}

/// Whether a metric is a profit or a cash flow by name (one of
/// [`MARGIN_WORDS`] in its key): a margin's numerator over revenue.
///
/// ```
/// use earnings::metric::is_profit_or_cash_flow;
/// assert!(is_profit_or_cash_flow("free_cash_flow"));
/// // Per unit too: see `has_margin` for the metrics that have a margin.
/// assert!(is_profit_or_cash_flow("net_profit_per_share"));
/// assert!(!is_profit_or_cash_flow("revenue"));
/// ```
pub fn is_profit_or_cash_flow(metric: &str) -> bool {
    has_word(metric, &MARGIN_WORDS)
}

/// Whether a metric has a margin over revenue: a profit or a cash flow that
/// is not a rate per unit.
///
/// ```
/// use earnings::metric::has_margin;
/// assert!(has_margin("operating_income"));
/// assert!(!has_margin("net_profit_per_share"));
/// assert!(!has_margin("revenue"));
/// ```
pub fn has_margin(metric: &str) -> bool {
    !is_per_unit(metric) && is_profit_or_cash_flow(metric)
}

/// Whether a metric can be negative by name (one of [`SIGNED_WORDS`] in its
/// key), so that it is not a sum of non-negative parts.
///
/// ```
/// use earnings::metric::is_signed;
/// assert!(is_signed("revenue_growth"));
/// assert!(is_signed("net_loss"));
/// assert!(!is_signed("revenue"));
/// ```
pub fn is_signed(metric: &str) -> bool {
    has_word(metric, &SIGNED_WORDS)
}
