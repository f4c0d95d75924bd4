//! What to say about a figure the data does not have: which part of the
//! reference is unknown, and what is known instead.

use crate::expr::{FigureRef, Span};
use crate::figures::Figures;
use crate::reference::Reference;
use crate::suggest::{closest, did_you_mean, list};

/// Where and why the data has no value for `wanted`, read through the
/// figure written at `written` (`wanted` is the written figure itself, or
/// one a function reads beside it, `role` naming it: "the prior year").
pub fn missing(
    figures: &Figures<'_>,
    written: &FigureRef,
    wanted: &Reference,
    role: Option<&str>,
) -> (Span, String) {
    let data = figures.data();
    let entity = &wanted.entity;
    if data.entity(entity).is_none() {
        let ids: Vec<String> = data.entities.iter().map(|e| e.id.clone()).collect();
        return (
            written.entity,
            format!("unknown entity '{entity}'{}", did_you_mean(entity, &ids)),
        );
    }
    // Walked twice, never gathered: a screening dataset has a million.
    let known = || figures.iter();
    let mut metrics: Vec<String> = Vec::new();
    let mut entity_metrics: Vec<String> = Vec::new();
    for k in known() {
        if !metrics.iter().any(|m| *m == k.figure.metric) {
            metrics.push(k.figure.metric.to_string());
        }
        if k.figure.entity == *entity && !entity_metrics.iter().any(|m| *m == k.figure.metric) {
            entity_metrics.push(k.figure.metric.to_string());
        }
    }
    let metric = &wanted.metric;
    if !metrics.iter().any(|m| m == metric) {
        // Prefer a typo among the entity's own metrics.
        let hint = match closest(metric, entity_metrics.iter().map(String::as_str)) {
            Some(best) => format!(" (did you mean '{best}'?)"),
            None => did_you_mean(metric, &metrics),
        };
        let span = if role.is_some() {
            written.metric.to(written.period)
        } else {
            written.metric
        };
        let what = match role {
            Some(role) => format!("{role}, {wanted}: unknown metric '{metric}'"),
            None => format!("unknown metric '{metric}'"),
        };
        return (span, format!("{what}{hint}"));
    }
    if !entity_metrics.iter().any(|m| m == metric) {
        let listed = if entity_metrics.is_empty() {
            format!("{entity} has no figures at all")
        } else {
            format!("its metrics: {}", list(&entity_metrics))
        };
        let hint = did_you_mean(metric, &entity_metrics);
        let subject = match role {
            Some(role) => format!("{role}, {wanted}: "),
            None => String::new(),
        };
        return (
            written.metric,
            format!("{subject}{entity} has no '{metric}' figure{hint} ({listed})"),
        );
    }
    let periods: Vec<String> = known()
        .filter(|k| k.figure.entity == *entity && k.figure.metric == *metric)
        .map(|k| k.figure.period.to_string())
        .collect();
    let subject = match role {
        Some(role) => format!("{role}, {wanted},"),
        None => format!("{wanted}:"),
    };
    (
        written.period,
        format!(
            "{subject} no source states it and no claim implies it ({entity}.{metric} is known for {})",
            list(&periods)
        ),
    )
}
