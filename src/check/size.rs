//! Sizes (data/FORMAT.md, Checks on the data): a part above its whole, a share above 100%, a segment
//! above the whole group's revenue, a margin outside (−100%, 100%).
//!
//! Only what is certain on the intervals is reported: a part is above its
//! whole when every value of its interval is above every value of the
//! whole's, never on point values alone.

use std::collections::HashSet;

use rust_decimal::Decimal;

use super::{
    Finding, Involved, Kind, Severity, Value, Values, compute, describe_stated, describe_value,
    surely_above, surely_above_value, surely_at_least, surely_at_most,
};
use crate::bounded::Bounded;
use crate::claim::Relation;
use crate::dataset::Dataset;
use crate::figures::{Basis, Figures, Provenance};
use crate::formula;
use crate::metric::{self, REVENUE};
use crate::reference::Reference;
use crate::value::Unit;

/// A comparison already made: (part figure, index of its value, whole
/// figure), so that one pair is not reported twice.
pub(super) type Compared = HashSet<(Reference, usize, Reference)>;

/// Whether a segment's figure of this metric can never exceed its parent's:
/// money or a count, not a difference or a change by name, and never
/// stated negative anywhere in the data.
fn additive(metric: &str, unit: &Unit, values: &Values<'_>) -> bool {
    matches!(unit, Unit::Currency(_) | Unit::Count(_))
        && !metric::is_signed(metric)
        && !values.stated_negative(metric)
}

/// Whether the figure is money that flows over its period (so a longer
/// period holds at least as much of it).
fn is_flow(figure: &Reference, unit: &Unit) -> bool {
    matches!(unit, Unit::Currency(_))
        && !metric::is_arr(&figure.metric)
        && !figure.period.is_instant()
}

/// Whether `outer` (of entity `outer_entity`) is longer than `inner` and
/// contains all its dates.
fn contains(data: &Dataset, outer: &Reference, inner: &Reference) -> bool {
    if outer.period.is_instant() || inner.period.is_instant() {
        return false;
    }
    let (Some(outer_months), Some(inner_months)) = (outer.period.months(), inner.period.months())
    else {
        return false;
    };
    if outer_months <= inner_months {
        return false;
    }
    let outer_dates = outer.period.dates(data.fiscal_year_end(&outer.entity));
    let inner_dates = inner.period.dates(data.fiscal_year_end(&inner.entity));
    match (outer_dates, inner_dates) {
        (Ok(o), Ok(i)) => o.start <= i.start && i.end <= o.end,
        _ => false,
    }
}

/// The top ancestor of an entity (itself when it has no parent).
fn root<'d>(data: &'d Dataset, entity: &'d str) -> &'d str {
    let mut current = entity;
    // Parents were checked for cycles on load; the bound is a second guard.
    for _ in 0..=data.entities.len() {
        match data.entity(current).and_then(|e| e.parent.as_deref()) {
            Some(parent) => current = parent,
            None => break,
        }
    }
    current
}

/// Whether two values may be compared as part and whole: the same unit,
/// and both reported or both forward-looking (a parent's target says
/// nothing about what a segment did earn).
fn comparable(a: &Value<'_>, b: &Value<'_>) -> bool {
    a.unit() == b.unit() && a.status().is_forward_looking() == b.status().is_forward_looking()
}

/// A figure's values over a longer period that contains `figure`'s, for
/// entity `entity` and metric `metric`, comparable with `like`.
fn containing<'v, 'a: 'v>(
    data: &'v Dataset,
    values: &'v Values<'a>,
    entity: &'v str,
    metric: &'v str,
    like: &'v Value<'a>,
    figure: &'v Reference,
) -> impl Iterator<Item = (&'a Reference, Value<'a>)> + 'v {
    values
        .of_metric(entity, metric)
        .filter(move |r| contains(data, r, figure))
        .flat_map(move |r| {
            values
                .of(r)
                .filter(move |v| comparable(like, v))
                .map(move |v| (r, v))
        })
}

/// Segments above their parent: the same metric and period (error), or a
/// longer period of the parent that contains the segment's (error); where
/// the parent has no figure for the segment's own period, the segment's
/// run-rate above the parent's year that contains it (warning). The parent
/// first; an ancestor further up only when the parent has no figure to
/// compare with.
pub(super) fn parts_above_wholes(
    figures: &Figures<'_>,
    values: &Values<'_>,
    compared: &mut Compared,
    out: &mut Vec<Finding>,
) {
    let data = figures.data();
    for entity in &data.entities {
        let Some(parent) = entity.parent.as_deref() else {
            continue;
        };
        for figure in values.of_entity(&entity.id) {
            for (index, part) in values.of(figure).enumerate() {
                if !additive(&figure.metric, part.unit(), values) {
                    continue;
                }
                let mut ancestor = Some(parent);
                for _ in 0..=data.entities.len() {
                    let Some(whole_entity) = ancestor else {
                        break;
                    };
                    let part_ref = (figure, index, &part);
                    if compare_part(data, values, part_ref, whole_entity, compared, out) {
                        break;
                    }
                    ancestor = data.entity(whole_entity).and_then(|e| e.parent.as_deref());
                }
            }
        }
    }
}

/// Compares one value of a segment's figure with an ancestor's figures;
/// whether the ancestor had any to compare with.
fn compare_part(
    data: &Dataset,
    values: &Values<'_>,
    (figure, index, part): (&Reference, usize, &Value<'_>),
    whole_entity: &str,
    compared: &mut Compared,
    out: &mut Vec<Finding>,
) -> bool {
    let unit = part.unit();
    let name = data.entity(whole_entity).map_or(whole_entity, |e| &e.name);
    let same = Reference {
        entity: whole_entity.into(),
        metric: figure.metric.clone(),
        period: figure.period.clone(),
    };
    let wholes: Vec<Value<'_>> = values.of(&same).filter(|w| comparable(part, w)).collect();
    if !wholes.is_empty() {
        for whole in wholes {
            compared.insert((figure.clone(), index, same.clone()));
            if surely_above(part.value(), whole.value()) {
                out.push(part_above_whole(figure, part, name, &same, &whole, ""));
            }
        }
        return true;
    }
    if !is_flow(figure, unit) {
        return false;
    }
    let longer: Vec<(&Reference, Value<'_>)> =
        containing(data, values, whole_entity, &figure.metric, part, figure).collect();
    if longer.is_empty() {
        return false;
    }
    for (whole_ref, whole) in longer {
        compared.insert((figure.clone(), index, whole_ref.clone()));
        if surely_above(part.value(), whole.value()) {
            out.push(part_above_whole(
                figure,
                part,
                name,
                whole_ref,
                &whole,
                ", over a longer period that contains it",
            ));
            continue;
        }
        run_rate_above_year(
            (figure, part),
            (whole_ref, &whole),
            Severity::Warning,
            Kind::PartAboveWhole,
            &format!(
                "possible only if {name}'s {} grew sharply within the year",
                figure.metric
            ),
            out,
        );
    }
    true
}

/// A figure for part of a year, annualized, above a whole year's figure
/// that contains it.
fn run_rate_above_year(
    (figure, part): (&Reference, &Value<'_>),
    (year_ref, year): (&Reference, &Value<'_>),
    severity: Severity,
    kind: Kind,
    why: &str,
    out: &mut Vec<Finding>,
) {
    if year_ref.period.months() != Some(12) {
        return;
    }
    let Some(per_year) = figure.period.per_year().filter(|p| *p > Decimal::ONE) else {
        return;
    };
    let Some(annualized) = compute(
        formula::run_rate(part.value(), per_year),
        kind,
        format_args!("The run-rate of {figure}"),
        &[figure, year_ref],
        out,
    ) else {
        return;
    };
    if !surely_above(&annualized, year.value()) {
        return;
    }
    let times = per_year.normalize();
    out.push(
        Finding::new(
            severity,
            kind,
            format!(
                "{figure} is {}; annualized (×{times}) that is {}, above {year_ref}, {}: {why}.",
                part.describe(),
                describe_value(&annualized, part.unit()),
                year.describe()
            ),
        )
        .with(part.involved())
        .with(super::Involved::computed(
            format!("{figure} × {times}"),
            annualized,
            part.unit().clone(),
            part.status(),
        ))
        .with(year.involved())
        .about(figure)
        .about(year_ref),
    );
}

/// Share claims whose value is above 100% on its whole interval.
pub(super) fn shares_above_100(data: &Dataset, out: &mut Vec<Finding>) {
    for claim in &data.claims {
        // Check's own rule, with its severity and words, for claims of this
        // one kind (`verify` cautions on a computed share above 100%).
        let Relation::Share { of, whole } = &claim.relation else {
            continue;
        };
        if surely_above_value(&claim.value, Decimal::ONE_HUNDRED) {
            out.push(
                Finding::new(
                    Severity::Error,
                    Kind::ShareAbove100,
                    format!(
                        "{} {} claims {of} is {} of {whole}: a share cannot exceed 100%.",
                        claim.source,
                        claim.at,
                        describe_stated(&claim.stated)
                    ),
                )
                .with(Involved::claim(claim))
                .about(of)
                .about(whole),
            );
        }
    }
}

/// Change claims on a metric that cannot be negative (revenue, orders)
/// whose value is below −100% on its whole interval: such a figure cannot
/// fall by more than all of it.
pub(super) fn falls_beyond_100(data: &Dataset, out: &mut Vec<Finding>) {
    for claim in &data.claims {
        let Relation::Yoy { of } = &claim.relation else {
            continue;
        };
        if metric::is_signed(&of.metric)
            || !surely_at_most(&claim.value, -Decimal::ONE_HUNDRED)
            || claim.value.contains(-Decimal::ONE_HUNDRED)
        {
            continue;
        }
        out.push(
            Finding::new(
                Severity::Error,
                Kind::FallBeyond100,
                format!(
                    "{} {} claims {of} changed by {}: a figure that cannot be negative cannot fall by more than 100%.",
                    claim.source,
                    claim.at,
                    describe_stated(&claim.stated)
                ),
            )
            .with(Involved::claim(claim))
            .about(of),
        );
    }
}

/// Segments whose money figures are above the whole group's revenue for
/// the same period (an error for revenue, a warning for other metrics), or,
/// where the group has no revenue for that period, above (or annualized,
/// above) its revenue for a year that contains it. Pairs already compared
/// as a part and its whole are skipped.
pub(super) fn implausible_sizes(
    figures: &Figures<'_>,
    values: &Values<'_>,
    compared: &Compared,
    out: &mut Vec<Finding>,
) {
    let data = figures.data();
    for entity in data.entities.iter().filter(|e| e.parent.is_some()) {
        let group = root(data, &entity.id);
        let group_name = data.entity(group).map_or(group, |e| &e.name);
        for figure in values.of_entity(&entity.id) {
            for (index, value) in values.of(figure).enumerate() {
                let value = &value;
                let unit = value.unit();
                if !is_flow(figure, unit) || !value.value().is_positive() {
                    continue;
                }
                let severity = if figure.metric == REVENUE {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                let revenue = Reference {
                    entity: group.into(),
                    metric: REVENUE.into(),
                    period: figure.period.clone(),
                };
                let same: Vec<Value<'_>> = values
                    .of(&revenue)
                    .filter(|w| comparable(value, w))
                    .collect();
                let pairs: Vec<(&Reference, Value<'_>)> = if same.is_empty() {
                    containing(data, values, group, REVENUE, value, figure)
                        .filter(|(r, _)| r.period.months() == Some(12))
                        .collect()
                } else {
                    same.into_iter().map(|w| (&revenue, w)).collect()
                };
                for (revenue_ref, whole) in pairs {
                    let whole = &whole;
                    if compared.contains(&(figure.clone(), index, revenue_ref.clone())) {
                        continue;
                    }
                    if surely_above(value.value(), whole.value()) {
                        let over = if revenue_ref.period == figure.period {
                            "for the same period"
                        } else {
                            "for a whole year that contains its period"
                        };
                        out.push(
                            Finding::new(
                                severity,
                                Kind::ImplausibleSize,
                                format!(
                                    "{figure} is {}, above the whole of {group_name}'s revenue {over}, {revenue_ref} {}.",
                                    value.describe(),
                                    whole.describe()
                                ),
                            )
                            .with(value.involved())
                            .with(whole.involved())
                            .about(figure)
                            .about(revenue_ref),
                        );
                    } else if revenue_ref.period != figure.period {
                        run_rate_above_year(
                            (figure, value),
                            (revenue_ref, whole),
                            Severity::Warning,
                            Kind::ImplausibleSize,
                            &format!(
                                "a segment's run-rate above the whole of {group_name}'s revenue for the year"
                            ),
                            out,
                        );
                    }
                }
            }
        }
    }
}

/// Why a margin is flagged.
const WHY: &str = "a margin outside (−100%, 100%) is implausible";

/// Whether a margin is surely outside (−100%, 100%).
fn outside(margin: &Bounded) -> bool {
    surely_at_least(margin, Decimal::ONE_HUNDRED) || surely_at_most(margin, -Decimal::ONE_HUNDRED)
}

/// Margins surely outside (−100%, 100%): stated percentages whose metric
/// is a margin, margin claims, and profit or cash-flow figures over the
/// same entity's revenue for the same period (the most trusted revenue).
pub(super) fn margins(figures: &Figures<'_>, values: &Values<'_>, out: &mut Vec<Finding>) {
    stated_margins(figures.data(), out);
    claimed_margins(figures.data(), out);
    computed_margins(figures, values, out);
}

/// Stated percentages whose metric is a margin, surely outside (−100%, 100%).
fn stated_margins(data: &Dataset, out: &mut Vec<Finding>) {
    for fact in &data.facts {
        if fact.stated.unit == Unit::Percent
            && metric::is_margin(&fact.figure.metric)
            && outside(&fact.value)
        {
            out.push(
                Finding::new(
                    Severity::Warning,
                    Kind::MarginOutOfRange,
                    format!(
                        "{} is {} ({} {}): {WHY}.",
                        fact.figure,
                        describe_stated(&fact.stated),
                        fact.source,
                        fact.at
                    ),
                )
                .with(Involved::fact(fact))
                .about(&fact.figure),
            );
        }
    }
}

/// Margin claims whose value is surely outside (−100%, 100%).
fn claimed_margins(data: &Dataset, out: &mut Vec<Finding>) {
    for claim in &data.claims {
        // Check's own plausibility rule, for claims of this one kind.
        let Relation::Margin { of, over } = &claim.relation else {
            continue;
        };
        if outside(&claim.value) {
            out.push(
                Finding::new(
                    Severity::Warning,
                    Kind::MarginOutOfRange,
                    format!(
                        "{} {} claims a margin of {} for {of} over {over}: {WHY}.",
                        claim.source,
                        claim.at,
                        describe_stated(&claim.stated)
                    ),
                )
                .with(Involved::claim(claim))
                .about(of),
            );
        }
    }
}

/// Profit or cash-flow figures over the same entity's revenue for the same
/// period (the most trusted revenue), surely outside (−100%, 100%).
fn computed_margins(figures: &Figures<'_>, values: &Values<'_>, out: &mut Vec<Finding>) {
    let data = figures.data();
    let stated = figures
        .stated_figures()
        .filter_map(|facts| facts.first().map(|f| &f.figure));
    for figure in stated.chain(figures.implied_only()) {
        if !metric::is_profit_or_cash_flow(&figure.metric) || figure.period.is_instant() {
            continue;
        }
        let revenue_ref = figure.with_metric(REVENUE);
        let Some(revenue) = figures.get(&revenue_ref, Basis::MostTrusted) else {
            continue;
        };
        if !revenue.value.is_positive() {
            continue;
        }
        // Described only for a finding: most margins make none.
        let revenue_text = || {
            values
                .of(&revenue_ref)
                .find(|v| v.is(&revenue))
                .map_or_else(
                    || {
                        format!(
                            "{} ({})",
                            describe_value(&revenue.value, &revenue.unit),
                            revenue.provenance.describe()
                        )
                    },
                    |v| v.describe(),
                )
        };
        // A figure a margin claim implies is that claim's margin, checked above.
        let from_margin_claim = |n: &Value<'_>| match n.implied().map(|i| &i.known.provenance) {
            Some(Provenance::Implied { index, .. }) => figures
                .implied()
                .get(*index)
                .and_then(|i| data.claims.get(i.claim))
                .is_some_and(|c| matches!(c.relation, Relation::Margin { .. })),
            Some(Provenance::Stated { .. } | Provenance::Defined { .. }) | None => false,
        };
        for numerator in values
            .of(figure)
            .filter(|n| *n.unit() == revenue.unit && n.unit().is_money())
            .filter(|n| !from_margin_claim(n))
        {
            let Some(margin) = compute(
                formula::percent_of(numerator.value(), &revenue.value),
                Kind::MarginOutOfRange,
                format_args!("The margin of {figure} over {revenue_ref}"),
                &[figure, &revenue_ref],
                out,
            ) else {
                continue;
            };
            if outside(&margin) {
                out.push(
                    Finding::new(
                        Severity::Warning,
                        Kind::MarginOutOfRange,
                        format!(
                            "{figure}, {}, over {revenue_ref}, {}, is a margin of {}: {WHY}.",
                            numerator.describe(),
                            revenue_text(),
                            describe_value(&margin, &Unit::Percent)
                        ),
                    )
                    .with(numerator.involved())
                    .with(Involved::known(&revenue, None))
                    .with(Involved::computed(
                        format!("{figure} / {revenue_ref}"),
                        margin,
                        Unit::Percent,
                        numerator.status(),
                    ))
                    .about(figure)
                    .about(&revenue_ref),
                );
            }
        }
    }
}

/// The error for a part surely above its whole; `over` says how the two
/// periods relate, where they differ.
fn part_above_whole(
    figure: &Reference,
    part: &Value<'_>,
    name: &str,
    whole_ref: &Reference,
    whole: &Value<'_>,
    over: &str,
) -> Finding {
    Finding::new(
        Severity::Error,
        Kind::PartAboveWhole,
        format!(
            "{figure} is {}, above {name}'s {whole_ref}, {}{over}: a part cannot exceed its whole.",
            part.describe(),
            whole.describe()
        ),
    )
    .with(part.involved())
    .with(whole.involved())
    .about(figure)
    .about(whole_ref)
}
