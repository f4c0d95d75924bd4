//! `extract`: the numbers of an article as a listing, and as a draft
//! dataset (`--draft`) whose unknowns are marked to fill in.
//!
//! Columns: `at` (¶N), `words` (as written), `value` (with its bound's
//! marker, for people; `value`, `low`, `high` for machines, in the scale
//! written), `unit`, `scale`, `bound`, `kind` and `period` (the period
//! words of the number's sentence).

use serde_json::{Map, Value, json};

use crate::dataset::DRAFT_MARKER;
use crate::error::Result;
use crate::extract::{Article, Kind, Number};
use crate::listing::{Cell, Column, Listing};
use crate::name::Name;
use crate::report::figure;
use crate::value::{BoundKind, Scale, Unit, written_interval};

/// The columns of the `extract` listing, in order.
pub fn columns() -> Vec<Column> {
    vec![
        Column::text("at", "at").essential(),
        Column::text("words", "words").essential(),
        Column::people("value", "value", true).essential(),
        Column::number("value"),
        Column::number("low"),
        Column::number("high"),
        Column::text("unit", "unit"),
        Column::text("scale", "scale"),
        Column::text("bound", "bound").wide(),
        Column::text("kind", "kind"),
        Column::text("period", "period").wide(),
    ]
}

/// The numbers of an article as a listing; `file` names it in the title.
pub fn listing(article: &Article, file: &str) -> Result<Listing> {
    let rows = article.numbers.iter().map(row).collect();
    Ok(Listing {
        name: "extract",
        title: format!("Numbers in {file}"),
        meta: Vec::new(),
        columns: columns(),
        rows,
        notes: vec![format!(
            "{} numbers in {} paragraphs.",
            article.numbers.len(),
            article.paragraphs
        )],
    })
}

fn row(number: &Number) -> Vec<Cell> {
    // In the scale written: 358 billion shows as 358, scale billion.
    let value = match number.fraction {
        Some(_) => number.interval(),
        None => written_interval(
            &number.value,
            number.high.as_ref(),
            None,
            number.bound,
            Scale::Unit,
        ),
    };
    let unit = number.unit.clone();
    let shown_unit = unit.clone().unwrap_or(Unit::Count(Name::from("")));
    let (shown, point, low, high) = match value {
        Ok(v) => (
            Cell::Value(figure(v, &shown_unit, Some(number.bound))),
            Some(v.point()),
            v.low().value(),
            v.high().value(),
        ),
        Err(_) => (Cell::Empty, None, None, None),
    };
    vec![
        number.at().into(),
        number.words.clone().into(),
        shown,
        Cell::Number(point),
        Cell::Number(low),
        Cell::Number(high),
        Cell::text_or_empty(unit.map(|u| u.to_string()).as_deref()),
        number.scale.name().into(),
        number.bound.name().into(),
        number.kind.name().into(),
        number.period_words.join("; ").into(),
    ]
}

/// A draft `earnings-dataset/1` document: one fact or claim per number,
/// with what the text says filled in and the rest marked
/// [`DRAFT_MARKER`], so that loading it fails naming each field to fill.
pub fn draft(article: &Article, source: &str, file: &str) -> Value {
    let unknown = || Value::from(DRAFT_MARKER);
    let mut facts = Vec::new();
    let mut claims = Vec::new();
    for number in &article.numbers {
        let mut item = Map::new();
        let claim = match (number.kind, &number.unit) {
            (Kind::Yoy | Kind::Change, Some(Unit::Percent)) => Some("yoy"),
            (Kind::Share, Some(Unit::Percent)) => Some("share"),
            (Kind::Multiple, _) => Some("multiple"),
            (Kind::Annualized, _) => Some("run_rate"),
            _ => None,
        };
        match claim {
            Some(kind) => {
                item.insert("kind".into(), kind.into());
                item.insert("of".into(), unknown());
                match kind {
                    "share" => item.insert("whole".into(), unknown()),
                    "multiple" => item.insert("base".into(), unknown()),
                    _ => None,
                };
            }
            None => {
                item.insert("entity".into(), unknown());
                item.insert("metric".into(), unknown());
                let period = number.period.as_ref().map(|p| p.to_string());
                item.insert("period".into(), period.map_or_else(unknown, Value::from));
            }
        }
        stated_fields(number, &mut item);
        item.insert("source".into(), source.into());
        item.insert("at".into(), number.at().into());
        let mut note = format!("\"{}\"", number.words);
        if !number.period_words.is_empty() {
            note.push_str(&format!(
                "; period words: {}",
                number.period_words.join(", ")
            ));
        }
        item.insert("note".into(), note.into());
        if claim.is_some() {
            claims.push(Value::Object(item));
        } else {
            facts.push(Value::Object(item));
        }
    }
    json!({
        "format": crate::dataset::FORMAT,
        "sources": { source: {
            "title": DRAFT_MARKER,
            "kind": DRAFT_MARKER,
            "note": format!("Drafted by `earnings extract --draft` from {file}; paragraphs counted as data/FORMAT.md says."),
        }},
        "entities": {},
        "facts": facts,
        "claims": claims,
    })
}

/// `value`, `high`, `unit`, `scale` and `bound` as the text says them.
fn stated_fields(number: &Number, item: &mut Map<String, Value>) {
    item.insert("value".into(), number.value.to_string().into());
    if let Some(high) = &number.high {
        item.insert("high".into(), high.to_string().into());
    }
    let unit = number
        .unit
        .as_ref()
        .map_or_else(|| DRAFT_MARKER.to_string(), |u| u.to_string());
    item.insert("unit".into(), unit.into());
    if number.scale != Scale::Unit {
        item.insert("scale".into(), number.scale.name().into());
    }
    if number.bound != BoundKind::Rounded {
        item.insert("bound".into(), number.bound.name().into());
    }
}
