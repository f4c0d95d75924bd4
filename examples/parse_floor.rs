//! The parse floor of the benchmark (`examples/bench.sh`): the cheapest
//! parse of an `earnings-dataset/1` file that could answer a join such as
//! `earnings yoy`. It reads the file and parses it with serde_json, keeping
//! of each fact only the four fields a join needs (entity, metric, period,
//! value), each borrowed from the file as `&str`; every other field, and
//! everything outside the facts, is checked as JSON and skipped. It computes
//! nothing, allocates nothing per string, and handles no escapes (a string
//! with one is an error): the generated files have none.
//!
//! It prints the number of facts and the length of the four fields, so that
//! the parse cannot be optimised away.
//!
//! Run with `cargo run --release --example parse_floor -- FILE.json`.

use serde::Deserialize;
use serde::de::IgnoredAny;

/// The four fields of a fact a join needs; the others are skipped.
#[derive(Deserialize)]
struct Fact<'a> {
    entity: &'a str,
    metric: &'a str,
    period: &'a str,
    value: &'a str,
}

/// The document: the facts, with everything else checked as JSON and skipped.
#[derive(Deserialize)]
#[allow(dead_code)] // Only the facts are counted.
struct Document<'a> {
    format: &'a str,
    #[serde(default)]
    sources: IgnoredAny,
    #[serde(default)]
    entities: IgnoredAny,
    #[serde(borrow, default)]
    facts: Vec<Fact<'a>>,
    #[serde(default)]
    claims: IgnoredAny,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: parse_floor FILE.json")?;
    let bytes = std::fs::read(&path)?;
    let document: Document<'_> = serde_json::from_slice(&bytes)?;
    let length: usize = document
        .facts
        .iter()
        .map(|f| f.entity.len() + f.metric.len() + f.period.len() + f.value.len())
        .sum();
    println!(
        "{} facts, {length} bytes of names, periods and values",
        document.facts.len()
    );
    Ok(())
}
