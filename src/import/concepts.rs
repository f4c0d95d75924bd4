//! Which XBRL concepts feed which metric, and which metrics are defined
//! in terms of those (free cash flow): data, not code
//! (`data/sec-concepts.json`, replaceable with `--concepts FILE`).

use serde::Deserialize;

use crate::dataset::UniqueMap;
use crate::error::DataError;
use crate::expr::{Sum, parse_sum};

/// The format a concepts file names.
pub const CONCEPTS_FORMAT: &str = "earnings-sec-concepts/1";

/// The mapping shipped with the tool.
const BUNDLED: &str = include_str!("../../data/sec-concepts.json");

/// XBRL concepts (`us-gaap:Revenues`) for each metric key, most preferred
/// first: for each period, a metric takes its figures from the first
/// concept that has one.
#[derive(Clone, Debug)]
pub struct Concepts {
    metrics: Vec<(String, Vec<(String, String)>)>,
    definitions: Vec<(String, Sum)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    format: String,
    /// A metric listed twice is an error, not the last one kept.
    metrics: UniqueMap<serde_json::Value>,
    #[serde(default)]
    definitions: UniqueMap<serde_json::Value>,
}

impl Concepts {
    /// The mapping shipped with the tool (`data/sec-concepts.json`).
    ///
    /// ```
    /// let concepts = earnings::import::Concepts::bundled().unwrap();
    /// assert!(concepts.tags("revenue").any(|(t, c)| t == "us-gaap" && c == "Revenues"));
    /// ```
    pub fn bundled() -> Result<Concepts, DataError> {
        Concepts::parse("data/sec-concepts.json", BUNDLED.as_bytes())
    }

    /// Reads a concepts file; `name` is used in errors.
    pub fn parse(name: &str, bytes: &[u8]) -> Result<Concepts, DataError> {
        let fail = |field: Option<String>, message: String| DataError {
            file: name.to_string(),
            position: None,
            field,
            message,
        };
        let raw: Raw = serde_json::from_slice(bytes).map_err(|e| DataError {
            file: name.to_string(),
            position: Some((e.line(), e.column())),
            field: None,
            message: crate::dataset::strip_position(&e.to_string()),
        })?;
        if raw.format != CONCEPTS_FORMAT {
            return Err(fail(
                Some("format".into()),
                format!("{:?} is not {CONCEPTS_FORMAT:?}", raw.format),
            ));
        }
        let mut metrics = Vec::new();
        for (metric, tags) in raw.metrics.0 {
            if !is_metric_key(&metric) {
                return Err(fail(
                    Some(format!("metrics.{metric}")),
                    format!("{metric:?} is not a metric key (lowercase snake_case)"),
                ));
            }
            let tags = tags.as_array().ok_or_else(|| {
                fail(
                    Some(format!("metrics.{metric}")),
                    "not an array of concepts (e.g. [\"us-gaap:Revenues\"])".into(),
                )
            })?;
            let mut parsed = Vec::new();
            for (i, tag) in tags.iter().enumerate() {
                let tag = tag.as_str().unwrap_or_default();
                let (taxonomy, concept) = tag
                    .split_once(':')
                    .filter(|(t, c)| !t.is_empty() && !c.is_empty())
                    .ok_or_else(|| {
                        fail(
                            Some(format!("metrics.{metric}[{i}]")),
                            format!("{tag:?} is not a concept (expected TAXONOMY:NAME, e.g. us-gaap:Revenues)"),
                        )
                    })?;
                parsed.push((taxonomy.to_string(), concept.to_string()));
            }
            metrics.push((metric, parsed));
        }
        let definitions = definitions(raw.definitions, &fail)?;
        Ok(Concepts {
            metrics,
            definitions,
        })
    }

    /// The metrics defined in terms of others, in the file's order: each
    /// imported dataset carries them as its `definitions`.
    ///
    /// ```
    /// let concepts = earnings::import::Concepts::bundled().unwrap();
    /// let (metric, sum) = concepts.definitions().next().unwrap();
    /// assert_eq!((metric, sum.to_string().as_str()), ("free_cash_flow", "operating_cash_flow − capex"));
    /// ```
    pub fn definitions(&self) -> impl Iterator<Item = (&str, &Sum)> {
        self.definitions.iter().map(|(m, s)| (m.as_str(), s))
    }

    /// The metric keys, in the file's order.
    pub fn metrics(&self) -> impl Iterator<Item = &str> {
        self.metrics.iter().map(|(m, _)| m.as_str())
    }

    /// The concepts of `metric` as (taxonomy, name), most preferred first.
    pub fn tags(&self, metric: &str) -> impl Iterator<Item = (&str, &str)> {
        self.metrics
            .iter()
            .filter(move |(m, _)| m == metric)
            .flat_map(|(_, tags)| tags.iter().map(|(t, c)| (t.as_str(), c.as_str())))
    }
}

/// The `definitions` of a concepts file, each read as a dataset's is
/// (data/FORMAT.md, Definitions), none of them circular.
fn definitions(
    raw: UniqueMap<serde_json::Value>,
    fail: &dyn Fn(Option<String>, String) -> DataError,
) -> Result<Vec<(String, Sum)>, DataError> {
    let mut definitions = Vec::new();
    for (metric, text) in raw.0 {
        let field = Some(format!("definitions.{metric}"));
        if !is_metric_key(&metric) {
            return Err(fail(
                field,
                format!("{metric:?} is not a metric key (lowercase snake_case)"),
            ));
        }
        let text = text.as_str().ok_or_else(|| {
            fail(
                field.clone(),
                "not a definition (expected a string, e.g. \"operating_cash_flow - capex\")".into(),
            )
        })?;
        let sum = parse_sum(text).map_err(|e| {
            let (_, column) = e.span.position(text);
            fail(
                field.clone(),
                format!("column {column} of the definition: {}", e.message),
            )
        })?;
        definitions.push((metric, sum));
    }
    let sums: Vec<(&str, &Sum)> = definitions.iter().map(|(m, s)| (m.as_str(), s)).collect();
    if let Some((at, message)) = crate::dataset::circular(&sums) {
        let metric = sums.get(at).map_or("", |(m, _)| *m);
        return Err(fail(Some(format!("definitions.{metric}")), message));
    }
    Ok(definitions)
}

/// A metric key as the dataset format writes it: lowercase `snake_case`
/// starting with a letter (data/FORMAT.md, Facts).
fn is_metric_key(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}
