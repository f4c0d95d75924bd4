//! `check`: the data findings as a listing, errors first.
//!
//! Columns: `severity`, `kind`, `message`, and `figures`, the figures
//! involved. For people, each figure reads `figure value unit (source at)`;
//! in JSON it is an object with `figure`, `role` (stated, implied, claimed,
//! computed), `value`, `low`, `high`, `unit`, `scale`, `bound`, `status`,
//! `source` and `at`; in CSV, that array as JSON text in one cell.

use crate::check::{Finding, Involved, Role, Severity};
use crate::dataset::Dataset;
use crate::error::Result;
use crate::listing::{Cell, Column, Each, Listing, Record, Section};
use crate::report::{Money, Selection, figure};

/// The columns of the `check` listing, in order.
pub fn columns() -> Vec<Column> {
    vec![
        Column::text("severity", "severity").essential(),
        Column::text("kind", "kind").essential(),
        Column::text("message", "message").essential(),
        Column::text("figures", "figures").wide(),
    ]
}

/// Whether the selection keeps a finding: one of its figures is kept, or
/// the entity it is about is; a finding about neither (a source's note)
/// only when nothing is filtered.
pub fn keeps(finding: &Finding, selection: &Selection, data: &Dataset) -> bool {
    let unfiltered = selection.entities.is_empty()
        && selection.metrics.is_empty()
        && selection.periods.is_empty();
    if unfiltered {
        return true;
    }
    if !finding.subjects.is_empty() {
        return finding.subjects.iter().any(|r| selection.keeps(r, data));
    }
    match &finding.entity {
        Some(entity) => {
            selection.metrics.is_empty()
                && selection.periods.is_empty()
                && (selection.entities.is_empty()
                    || selection.entities.iter().any(|e| data.is_within(entity, e)))
        }
        None => false,
    }
}

/// The findings the selection keeps, as a listing.
pub fn listing(
    findings: &[Finding],
    data: &Dataset,
    selection: &Selection,
    money: &Money,
) -> Result<Listing> {
    let kept = || findings.iter().filter(|f| keeps(f, selection, data));
    let rows = kept().map(|f| row(f, money)).collect::<Result<Vec<_>>>()?;
    Ok(Listing {
        rows,
        ..head(kept(), money)
    })
}

/// As [`listing`], as a section whose rows are made only as they are
/// written: a finding's figures become cells on their way out, so that
/// the findings of a large dataset are never all held as rows too.
pub fn section<'a>(
    findings: Vec<Finding>,
    data: &'a Dataset,
    selection: &'a Selection,
    money: &'a Money,
) -> Section<'a> {
    let head = head(findings.iter().filter(|f| keeps(f, selection, data)), money);
    Section::new(head, move |each: &mut Each<'_>| {
        for finding in findings.iter().filter(|f| keeps(f, selection, data)) {
            each(&row(finding, money)?)?;
        }
        Ok(())
    })
}

/// The listing of these findings without its rows: its title, settings,
/// columns, and the counts of errors, warnings and notes as its note.
fn head<'f>(kept: impl Iterator<Item = &'f Finding> + Clone, money: &Money) -> Listing {
    Listing {
        name: "check",
        title: "Data findings (errors first)".to_string(),
        meta: money.meta(),
        columns: columns(),
        rows: Vec::new(),
        notes: vec![counts(kept)],
    }
}

/// How many of the findings are errors, warnings and notes:
/// `1 error, 0 warnings, 2 notes.`
pub fn counts<'f>(findings: impl Iterator<Item = &'f Finding> + Clone) -> String {
    let count = |s: Severity| findings.clone().filter(|f| f.severity == s).count();
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    format!(
        "{}, {}, {}.",
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
        plural(count(Severity::Note), "note")
    )
}

fn row(finding: &Finding, money: &Money) -> Result<Vec<Cell>> {
    let records = finding
        .figures
        .iter()
        .map(|f| record(f, money))
        .collect::<Result<Vec<_>>>()?;
    Ok(vec![
        finding.severity.name().into(),
        finding.kind.name().into(),
        finding.message.as_str().into(),
        Cell::Records(records),
    ])
}

/// One involved figure as a record, in the output's money scale.
fn record(involved: &Involved, money: &Money) -> Result<Record> {
    let (value, unit, scale) = money.present(&involved.value, &involved.unit)?;
    let unit_for_people = if unit.takes_scale() {
        Cell::text(unit.to_string())
    } else {
        Cell::Empty
    };
    let from = match (involved.role, &involved.source, &involved.at) {
        (Role::Implied, Some(source), Some(at)) => format!("(implied by {source} {at})"),
        (Role::Claimed, Some(source), Some(at)) => format!("(claimed by {source} {at})"),
        (Role::Defined, _, _) => "(by definition)".to_string(),
        (_, Some(source), Some(at)) => format!("({source} {at})"),
        _ => "(computed)".to_string(),
    };
    let shown = figure(value, &unit, involved.bound);
    let text = |t: Option<&str>| Cell::text_or_empty(t);
    Ok(Record {
        fields: vec![
            (
                Column::text("figure", "figure"),
                Cell::text(involved.what.clone()),
            ),
            (Column::people("value", "value", true), Cell::Value(shown)),
            (Column::people("unit", "unit", false), unit_for_people),
            (Column::people("from", "from", false), Cell::text(from)),
            (Column::machines("role"), involved.role.name().into()),
            (Column::number("value"), Cell::Number(Some(value.point()))),
            (Column::number("low"), Cell::Number(value.low().value())),
            (Column::number("high"), Cell::Number(value.high().value())),
            (Column::machines("unit"), unit.to_string().into()),
            (Column::machines("scale"), scale.name().into()),
            (
                Column::machines("bound"),
                text(involved.bound.map(|b| b.name())),
            ),
            (Column::machines("status"), involved.status.name().into()),
            (Column::machines("source"), text(involved.source.as_deref())),
            (Column::machines("at"), text(involved.at.as_deref())),
        ],
    })
}
