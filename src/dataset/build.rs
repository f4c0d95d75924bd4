//! What the loader builds from a raw document's fields: a stated value, a
//! claim's relation (each kind with exactly its fields), ids checked.

use crate::name::Names;
use crate::reference::Reference;
use crate::value::{BoundKind, DecimalField, Scale, Stated, Unit, ValueError};

use super::raw::{self, RawClaim};
use crate::claim::{ClaimKind, Relation};

pub(super) fn check_source_id(id: &str) -> Result<(), String> {
    let ok = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{} is not a source id (expected letters, digits, '-', '_' or '.')",
            crate::shown::quoted(id)
        ))
    }
}

pub(super) fn stated(
    value: &DecimalField,
    scale: Option<Scale>,
    unit: Unit,
    bound: Option<BoundKind>,
    high: Option<&DecimalField>,
    tolerance: Option<&DecimalField>,
) -> Stated {
    Stated {
        value: value.0,
        scale: scale.unwrap_or_default(),
        unit,
        bound: bound.unwrap_or_default(),
        high: high.map(|h| Box::new(h.0)),
        tolerance: tolerance.map(|t| Box::new(t.0.value())),
    }
}

/// The field a value error is about.
pub(super) fn value_field(error: &ValueError) -> &'static str {
    match error {
        ValueError::HighWithoutRange(_) | ValueError::HighBelowValue { .. } => "high",
        ValueError::RangeWithoutHigh => "bound",
        ValueError::ToleranceWithoutAbout(_) | ValueError::Tolerance(_) => "tolerance",
        ValueError::ScaleForRatio { .. } => "scale",
        _ => "value",
    }
}

/// Builds the relation, checking that each kind has exactly its fields.
/// Its figures' names are those of `names`: shared with the facts that
/// state them, and equal to theirs without reading the text.
pub(super) fn relation(
    raw: &RawClaim,
    names: &mut Names,
) -> Result<Relation, (&'static str, String)> {
    let kind = raw.kind.name();
    let a = if kind.starts_with('e') { "an" } else { "a" };
    let needs = |field: &'static str, present: bool| -> Result<(), (&'static str, String)> {
        if present {
            Ok(())
        } else {
            Err(("kind", format!("{a} {kind} claim needs \"{field}\"")))
        }
    };
    let refuses = |field: &'static str, present: bool| -> Result<(), (&'static str, String)> {
        if present {
            Err((
                field,
                format!("\"{field}\" does not belong to {a} {kind} claim"),
            ))
        } else {
            Ok(())
        }
    };
    let (whole, base, over) = (raw.whole.is_some(), raw.base.is_some(), raw.over.is_some());
    if raw.kind == ClaimKind::Expr {
        refuses("of", raw.of.is_some())?;
        refuses("whole", whole)?;
        refuses("base", base)?;
        refuses("over", over)?;
        needs("expr", raw.expr.is_some())?;
        return expr_relation(raw.expr.as_deref().unwrap_or_default());
    }
    refuses("expr", raw.expr.is_some())?;
    needs("of", raw.of.is_some())?;
    let mut shared = |r: &raw::Parsed<Reference>| Reference {
        entity: names.intern(&r.0.entity),
        metric: names.intern(&r.0.metric),
        period: r.0.period.clone(),
    };
    let of = raw
        .of
        .as_ref()
        .map(&mut shared)
        .ok_or(("of", "missing".to_string()))?;
    match raw.kind {
        ClaimKind::Share => {
            needs("whole", whole)?;
            refuses("base", base)?;
            refuses("over", over)?;
        }
        ClaimKind::Multiple => {
            needs("base", base)?;
            refuses("whole", whole)?;
            refuses("over", over)?;
        }
        ClaimKind::Margin => {
            refuses("whole", whole)?;
            refuses("base", base)?;
        }
        ClaimKind::Level
        | ClaimKind::Yoy
        | ClaimKind::Qoq
        | ClaimKind::Ttm
        | ClaimKind::Ytd
        | ClaimKind::RunRate
        | ClaimKind::Expr => {
            refuses("whole", whole)?;
            refuses("base", base)?;
            refuses("over", over)?;
        }
    }
    let mut reference = |r: &Option<raw::Parsed<Reference>>| r.as_ref().map(&mut shared);
    Ok(match raw.kind {
        ClaimKind::Expr => expr_relation(raw.expr.as_deref().unwrap_or_default())?,
        ClaimKind::Level => Relation::Level { of },
        ClaimKind::Yoy => Relation::Yoy { of },
        ClaimKind::Qoq => Relation::Qoq { of },
        ClaimKind::Ttm => Relation::Ttm { of },
        ClaimKind::Ytd => Relation::Ytd { of },
        ClaimKind::RunRate => Relation::RunRate { of },
        ClaimKind::Share => Relation::Share {
            of,
            whole: reference(&raw.whole).ok_or(("whole", "missing".to_string()))?,
        },
        ClaimKind::Multiple => Relation::Multiple {
            of,
            base: reference(&raw.base).ok_or(("base", "missing".to_string()))?,
        },
        ClaimKind::Margin => Relation::Margin {
            of,
            over: raw.over.as_ref().map_or_else(
                || crate::metric::REVENUE.to_string(),
                |m| m.0.as_str().to_string(),
            ),
        },
    })
}

/// An `expr` claim's relation: the expression parsed (a syntax error
/// names its column within the expression), naming at least one figure.
pub(super) fn expr_relation(text: &str) -> Result<Relation, (&'static str, String)> {
    let expr = crate::expr::parse(text).map_err(|e| {
        let (line, column) = e.span.position(text);
        let place = if text.contains('\n') {
            format!("line {line}, column {column}")
        } else {
            format!("column {column}")
        };
        ("expr", format!("{place} of the expression: {}", e.message))
    })?;
    let of = expr.written_figures().first().map(|r| (*r).clone()).ok_or((
        "expr",
        "the expression names no figure (an expr claim relates figures, e.g. share(a.revenue@FY2026, b.revenue@FY2026))"
            .to_string(),
    ))?;
    Ok(Relation::Expr { of, expr })
}
