//! The parse floor of the benchmark (`examples/bench.sh`): the least any
//! program must do to answer from an `earnings-dataset/1` file, that is read
//! the file and parse it with serde_json into borrowed structs, computing
//! nothing. `earnings yoy` is timed against it.
//!
//! It prints the number of facts and the length of all the strings it saw,
//! so that the parse cannot be optimised away.
//!
//! Run with `cargo run --release --example parse_floor -- FILE.json`.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};

type Text<'a> = Cow<'a, str>;

/// A fact with every field borrowed from the file where it has no escapes.
#[derive(Deserialize)]
#[allow(dead_code)] // The fields are only parsed.
struct Fact<'a> {
    #[serde(borrow)]
    entity: Text<'a>,
    #[serde(borrow)]
    metric: Text<'a>,
    #[serde(borrow)]
    period: Text<'a>,
    #[serde(borrow)]
    value: Decimal<'a>,
    #[serde(borrow, default)]
    scale: Option<Text<'a>>,
    #[serde(borrow)]
    unit: Text<'a>,
    #[serde(borrow, default)]
    bound: Option<Text<'a>>,
    #[serde(borrow, default)]
    high: Option<Decimal<'a>>,
    #[serde(borrow, default)]
    tolerance: Option<Decimal<'a>>,
    #[serde(borrow, default)]
    status: Option<Text<'a>>,
    #[serde(borrow)]
    source: Text<'a>,
    #[serde(borrow)]
    at: Text<'a>,
    #[serde(borrow, default)]
    note: Option<Text<'a>>,
}

/// A decimal's text, from a JSON string or a JSON number.
struct Decimal<'a>(Text<'a>);

impl<'de: 'a, 'a> Deserialize<'de> for Decimal<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DecimalVisitor<'a>(std::marker::PhantomData<&'a ()>);

        impl<'de: 'a, 'a> Visitor<'de> for DecimalVisitor<'a> {
            type Value = Decimal<'a>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal as a string or a number")
            }

            fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
                Ok(Decimal(Cow::Borrowed(text)))
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
                Ok(Decimal(Cow::Owned(text.to_string())))
            }

            // serde_json's `arbitrary_precision` hands a number over as a map.
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let number =
                    serde_json::Number::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Decimal(Cow::Owned(number.to_string())))
            }
        }

        deserializer.deserialize_any(DecimalVisitor(std::marker::PhantomData))
    }
}

/// The document: the facts, with everything else checked as JSON and skipped.
#[derive(Deserialize)]
#[allow(dead_code)] // Only the facts are counted.
struct Document<'a> {
    #[serde(borrow)]
    format: Text<'a>,
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
        .map(|f| f.entity.len() + f.metric.len() + f.period.len() + f.value.0.len())
        .sum();
    println!(
        "{} facts, {length} bytes of names, periods and values",
        document.facts.len()
    );
    Ok(())
}
