//! The `definitions` of a dataset (data/FORMAT.md, Definitions): each
//! metric defined once across the files loaded, in terms of metrics that
//! do not lead back to it.

use std::collections::HashMap;

use crate::error::DataError;
use crate::expr::Sum;
use crate::name::Name;

use super::Definition;
use super::load::Loaded;
use super::locate::{FieldPath, Segment};
use super::raw::{DefinitionText, UniqueMap};

/// The definitions read so far: one per metric, with the document that
/// gave it first.
#[derive(Default)]
pub(super) struct Definitions {
    list: Vec<(String, Sum, usize)>,
    index: HashMap<String, usize>,
}

fn path(metric: &str) -> FieldPath {
    FieldPath::new([
        Segment::Key("definitions".into()),
        Segment::Key(metric.to_string()),
    ])
}

fn document<'d, 'a>(documents: &'d [Loaded<'a>], doc: usize) -> Result<&'d Loaded<'a>, DataError> {
    documents
        .get(doc)
        .ok_or_else(|| DataError::file("<dataset>", "internal: document lost"))
}

impl Definitions {
    /// Takes in a document's definitions: each key a metric key, and a
    /// metric defined again only as it was (the same metrics, each with the
    /// same sign).
    pub(super) fn add(
        &mut self,
        documents: &[Loaded<'_>],
        doc: usize,
        raw: UniqueMap<DefinitionText>,
    ) -> Result<(), DataError> {
        for (metric, DefinitionText(sum)) in raw.0 {
            let place = path(&metric);
            let here = document(documents, doc)?;
            crate::reference::check_metric_key(&metric)
                .map_err(|e| here.error(&place, e.to_string()))?;
            match self.index.get(&metric).and_then(|&i| self.list.get(i)) {
                Some((_, earlier, _)) if *earlier == sum => {}
                Some((_, earlier, earlier_doc)) => {
                    let file = documents
                        .get(*earlier_doc)
                        .map_or("another file", |d| &d.name);
                    return Err(here.error(
                        &place,
                        format!(
                            "{metric} is defined differently in {file} ({earlier}; here {sum}): a metric has one definition"
                        ),
                    ));
                }
                None => {
                    self.index.insert(metric.clone(), self.list.len());
                    self.list.push((metric, sum, doc));
                }
            }
        }
        Ok(())
    }

    /// The definitions in load order, once no metric is defined in terms
    /// of itself, directly or through other definitions.
    pub(super) fn finish(self, documents: &[Loaded<'_>]) -> Result<Vec<Definition>, DataError> {
        let sums: Vec<(&str, &Sum)> = self.list.iter().map(|(m, s, _)| (m.as_str(), s)).collect();
        if let Some((at, message)) = circular(&sums) {
            let (metric, _, doc) = self
                .list
                .get(at)
                .ok_or_else(|| DataError::file("<dataset>", "internal: definition lost"))?;
            return Err(document(documents, *doc)?.error(&path(metric), message));
        }
        Ok(self
            .list
            .into_iter()
            .map(|(metric, sum, doc)| Definition {
                metric: Name::from(metric.as_str()),
                sum,
                file: documents
                    .get(doc)
                    .map_or_else(|| Name::from("<dataset>"), |d| d.name.clone()),
            })
            .collect())
    }
}

/// The first definition (its place in `definitions`) that defines its
/// metric in terms of itself, directly or through the others, and what to
/// say of it: the rule for a dataset's definitions and for those an
/// importer writes.
///
/// ```
/// use earnings::dataset::circular;
/// use earnings::expr::parse_sum;
/// let (a, b) = (parse_sum("cash - debt").unwrap(), parse_sum("gross_debt - net_cash").unwrap());
/// let (at, message) = circular(&[("net_cash", &a), ("debt", &b)]).unwrap();
/// assert_eq!(at, 0);
/// assert_eq!(message, "net_cash is defined in terms of itself, through net_cash → debt → net_cash");
/// ```
pub fn circular(definitions: &[(&str, &Sum)]) -> Option<(usize, String)> {
    let index: HashMap<&str, &Sum> = definitions.iter().map(|(m, s)| (*m, *s)).collect();
    definitions
        .iter()
        .enumerate()
        .find_map(|(at, (metric, _))| {
            let cycle = cycle_from(metric, &index)?;
            let message = if cycle.len() <= 2 {
                format!("{metric} is defined in terms of itself")
            } else {
                format!(
                    "{metric} is defined in terms of itself, through {}",
                    cycle.join(" → ")
                )
            };
            Some((at, message))
        })
}

/// A chain of definitions from `start` back to it (`a`, `b`, `a`), if
/// there is one: a depth-first walk kept on a list, not the stack, each
/// metric entered once.
fn cycle_from(start: &str, index: &HashMap<&str, &Sum>) -> Option<Vec<String>> {
    // The first operand written is walked first.
    let operands = |metric: &str| -> Vec<String> {
        index
            .get(metric)
            .map(|sum| sum.terms().iter().rev().map(|t| t.metric.clone()).collect())
            .unwrap_or_default()
    };
    let mut entered: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut path: Vec<(String, Vec<String>)> = vec![(start.to_string(), operands(start))];
    entered.insert(start.to_string());
    while let Some((_, left)) = path.last_mut() {
        let Some(next) = left.pop() else {
            path.pop();
            continue;
        };
        if next == start {
            let mut cycle: Vec<String> = path.iter().map(|(m, _)| m.clone()).collect();
            cycle.push(next);
            return Some(cycle);
        }
        if entered.insert(next.clone()) {
            let more = operands(&next);
            path.push((next, more));
        }
    }
    None
}
