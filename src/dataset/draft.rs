//! Drafts: a dataset `earnings extract --draft` wrote, whose fields the
//! text could not fill are marked [`DRAFT_MARKER`] (data/FORMAT.md,
//! Drafts). Loading one fails with one line per field to fill in.

use serde_json::Value;

use crate::error::DataError;

use super::Input;

/// What marks a field of a draft still to fill in.
pub const DRAFT_MARKER: &str = "?";

/// Where a document failed to load: if it is a draft with fields still
/// marked, the error naming every one of them.
pub(super) fn unfilled(input: &Input<'_>) -> Option<DataError> {
    let marker = format!("\"{DRAFT_MARKER}\"");
    if !input
        .bytes
        .windows(marker.len())
        .any(|w| w == marker.as_bytes())
    {
        return None;
    }
    let document: Value = serde_json::from_slice(input.bytes).ok()?;
    let mut fields = Vec::new();
    marked(&document, String::new(), &mut fields);
    if fields.is_empty() {
        return None;
    }
    let lines: Vec<String> = fields
        .iter()
        .map(|(path, at)| {
            let place = at
                .as_deref()
                .map(|at| format!(" (the number at {at})"))
                .unwrap_or_default();
            format!("  {}: {path}: fill in{place}", input.name)
        })
        .collect();
    Some(DataError::file(
        input.name,
        format!(
            "a draft with {} field(s) still marked \"{DRAFT_MARKER}\" to fill in:\n{}",
            fields.len(),
            lines.join("\n")
        ),
    ))
}

/// Every field path whose value is the marker, with the `at` of its fact
/// or claim.
fn marked(value: &Value, path: String, out: &mut Vec<(String, Option<String>)>) {
    match value {
        Value::String(s) if s == DRAFT_MARKER => out.push((path, None)),
        Value::Object(map) => {
            let at = map.get("at").and_then(Value::as_str).map(str::to_string);
            let start = out.len();
            for (key, field) in map {
                let inner = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                marked(field, inner, out);
            }
            if let Some(at) = at {
                for entry in out.iter_mut().skip(start) {
                    entry.1.get_or_insert_with(|| at.clone());
                }
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                marked(item, format!("{path}[{index}]"), out);
            }
        }
        _ => {}
    }
}
