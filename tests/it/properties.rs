//! Property tests of the output: for random small datasets, the `facts`
//! listing written as CSV and as JSON reads back equal to the values the
//! library computed (value, low, high), with no digit lost or added.
//!
//! In-process through the library (load, build figures, list, render into a
//! buffer), so that a few hundred datasets run in a moment.

use std::str::FromStr;

use earnings::bounded::{Bounded, Endpoint};
use earnings::dataset::{Dataset, Input};
use earnings::figures::Figures;
use earnings::render::{Format, RenderOptions, render_listing};
use earnings::report::{Money, Selection, facts};
use earnings::value::{Scale, Unit};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// A fact as the generator writes it.
#[derive(Clone, Debug)]
struct GenFact {
    entity: &'static str,
    metric: &'static str,
    period: &'static str,
    value: String,
    as_number: bool,
    scale: Option<Scale>,
    unit: &'static str,
    bound: Option<&'static str>,
    high: Option<String>,
    tolerance: Option<String>,
    status: Option<&'static str>,
}

/// A decimal with up to nine whole digits and six decimals, as written.
fn decimal() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop_oneof![Just("0".to_string()), "[1-9][0-9]{0,8}"],
        proptest::option::of("[0-9]{1,6}"),
    )
        .prop_map(|(negative, whole, fraction)| {
            let sign = if negative { "-" } else { "" };
            match fraction {
                Some(f) => format!("{sign}{whole}.{f}"),
                None => format!("{sign}{whole}"),
            }
        })
}

fn fact() -> impl Strategy<Value = GenFact> {
    let unit = prop::sample::select(vec!["USD", "CNY", "percent", "ratio", "multiple", "orders"]);
    let bound = prop::sample::select(vec![
        None,
        Some("rounded"),
        Some("exact"),
        Some("more_than"),
        Some("at_least"),
        Some("less_than"),
        Some("at_most"),
        Some("about"),
        Some("range"),
    ]);
    (
        prop::sample::select(vec!["acme", "acme-cloud"]),
        prop::sample::select(vec!["revenue", "net_profit", "orders_count"]),
        prop::sample::select(vec![
            "FY2025",
            "FY2026-Q1",
            "CY2026",
            "2026-05",
            "2026-12-31",
        ]),
        decimal(),
        any::<bool>(),
        proptest::option::of(prop::sample::select(Scale::ALL.to_vec())),
        unit,
        bound,
        "[0-9]{1,4}(\\.[0-9]{1,3})?",
        proptest::option::of("(100|[0-9]{1,2}(\\.[0-9]{1,2})?)"),
        proptest::option::of(prop::sample::select(vec![
            "reported", "target", "forecast", "plan",
        ])),
    )
        .prop_map(
            |(
                entity,
                metric,
                period,
                value,
                as_number,
                scale,
                unit,
                bound,
                delta,
                tolerance,
                status,
            )| {
                let takes_scale = matches!(unit, "USD" | "CNY" | "orders");
                let high = (bound == Some("range")).then(|| {
                    let low = Decimal::from_str(&value).unwrap();
                    (low + Decimal::from_str(&delta).unwrap()).to_string()
                });
                GenFact {
                    entity,
                    metric,
                    period,
                    value,
                    as_number,
                    scale: scale.filter(|_| takes_scale),
                    unit,
                    bound,
                    high,
                    tolerance: tolerance.filter(|_| bound == Some("about")),
                    status,
                }
            },
        )
}

/// The dataset document, written out by hand so that JSON numbers keep
/// their digits exactly as generated.
fn document(facts: &[GenFact]) -> String {
    let rows: Vec<String> = facts
        .iter()
        .map(|f| {
            let mut fields = vec![
                format!("\"entity\": \"{}\"", f.entity),
                format!("\"metric\": \"{}\"", f.metric),
                format!("\"period\": \"{}\"", f.period),
                if f.as_number {
                    format!("\"value\": {}", f.value)
                } else {
                    format!("\"value\": \"{}\"", f.value)
                },
                format!("\"unit\": \"{}\"", f.unit),
                "\"source\": \"r\"".to_string(),
                "\"at\": \"p. 1\"".to_string(),
            ];
            if let Some(scale) = f.scale {
                fields.push(format!("\"scale\": \"{scale}\""));
            }
            if let Some(bound) = f.bound {
                fields.push(format!("\"bound\": \"{bound}\""));
            }
            if let Some(high) = &f.high {
                fields.push(format!("\"high\": \"{high}\""));
            }
            if let Some(tolerance) = &f.tolerance {
                fields.push(format!("\"tolerance\": \"{tolerance}\""));
            }
            if let Some(status) = f.status {
                fields.push(format!("\"status\": \"{status}\""));
            }
            format!("{{{}}}", fields.join(", "))
        })
        .collect();
    format!(
        r#"{{"format": "earnings-dataset/1",
  "sources": {{"r": {{"title": "Results", "kind": "release"}}}},
  "entities": {{"acme": {{"name": "Acme", "currency": "USD"}},
               "acme-cloud": {{"name": "Acme Cloud", "parent": "acme"}}}},
  "facts": [{}]}}"#,
        rows.join(",\n    ")
    )
}

/// What the output must show for a stated value: the written value times
/// its scale, and for money divided by a billion (the default output scale);
/// computed here from the text, not by the library.
fn shown_point(f: &GenFact) -> Decimal {
    let written = Decimal::from_str(&f.value).unwrap();
    let scaled = written * f.scale.unwrap_or_default().factor();
    if matches!(f.unit, "USD" | "CNY") {
        scaled / Decimal::from(1_000_000_000u64)
    } else {
        scaled
    }
}

/// An interval end as the output shows it, in the output's scale.
fn shown_end(end: Endpoint, unit: &Unit) -> Option<Decimal> {
    let value = end.value()?;
    Some(if unit.is_money() {
        value / Decimal::from(1_000_000_000u64)
    } else {
        value
    })
}

fn parse(text: &str) -> Option<Decimal> {
    (!text.is_empty()).then(|| Decimal::from_str(text).unwrap())
}

fn render(data: &Dataset, format: Format) -> String {
    let figures = Figures::build(data).unwrap();
    let listing = facts::listing(&figures, &Selection::default(), &Money::default()).unwrap();
    let mut out = Vec::new();
    // Every digit (--digits exact): what is read back is what was computed.
    let options = RenderOptions {
        format,
        digits: earnings::text::Digits::Exact,
        ..RenderOptions::default()
    };
    render_listing(&mut out, &listing, &options).unwrap();
    String::from_utf8(out).unwrap()
}

/// value, low, high as read back from one row.
type Read = (Option<Decimal>, Option<Decimal>, Option<Decimal>);

fn check_row(
    f: &GenFact,
    interval: &Bounded,
    unit: &Unit,
    read: Read,
) -> Result<(), TestCaseError> {
    let (value, low, high) = read;
    prop_assert_eq!(value, Some(shown_point(f)), "value of {:?}", f);
    prop_assert_eq!(low, shown_end(interval.low(), unit), "low of {:?}", f);
    prop_assert_eq!(high, shown_end(interval.high(), unit), "high of {:?}", f);
    // An unbounded side is written as nothing, never as a number.
    let unbounded_low = interval.low() == Endpoint::Unbounded;
    let unbounded_high = interval.high() == Endpoint::Unbounded;
    prop_assert_eq!(low.is_none(), unbounded_low);
    prop_assert_eq!(high.is_none(), unbounded_high);
    // Where the bound fixes the ends to written numbers, they are those
    // numbers, scaled as the value is.
    let point = Some(shown_point(f));
    match f.bound {
        Some("exact") => prop_assert_eq!((low, high), (point, point)),
        Some("more_than" | "at_least") => prop_assert_eq!((low, high), (point, None)),
        Some("less_than" | "at_most") => prop_assert_eq!((low, high), (None, point)),
        Some("range") => {
            let top = GenFact {
                value: f.high.clone().unwrap_or_default(),
                ..f.clone()
            };
            prop_assert_eq!((low, high), (point, Some(shown_point(&top))));
        }
        _ => {
            prop_assert!(
                low <= point && point <= high,
                "{:?} not in [{:?}, {:?}]",
                point,
                low,
                high
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn csv_and_json_read_back_the_computed_values(facts in prop::collection::vec(fact(), 1..6)) {
        let text = document(&facts);
        let data = Dataset::load(&[Input { name: "gen.json", bytes: text.as_bytes() }])
            .unwrap_or_else(|e| panic!("{e}\n{text}"));
        prop_assert_eq!(data.facts.len(), facts.len());

        let csv_text = render(&data, Format::Csv);
        let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
        let header = reader.headers().unwrap().clone();
        let column = |name: &str| header.iter().position(|h| h == name).unwrap();
        let (value, low, high) = (column("value"), column("low"), column("high"));
        let (entity, period, unit, scale, bound) =
            (column("entity"), column("period"), column("unit"), column("scale"), column("bound"));
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        prop_assert_eq!(records.len(), facts.len());

        let json: serde_json::Value = serde_json::from_str(&render(&data, Format::Json)).unwrap();
        let rows = json["rows"].as_array().unwrap();
        prop_assert_eq!(rows.len(), facts.len());
        prop_assert_eq!(json["scale"].as_str(), Some("billion"));

        for (((f, fact), record), row) in facts.iter().zip(&data.facts).zip(&records).zip(rows) {
            let unit_of = &fact.stated.unit;
            let from_csv = (parse(&record[value]), parse(&record[low]), parse(&record[high]));
            check_row(f, &fact.value, unit_of, from_csv)?;
            let field = |key: &str| row[key].as_str().map(|s| Decimal::from_str(s).unwrap());
            // JSON numbers are strings of decimals, and an unbounded side is null.
            for key in ["value", "low", "high"] {
                prop_assert!(row[key].is_string() || row[key].is_null(), "{}: {}", key, row[key]);
            }
            check_row(f, &fact.value, unit_of, (field("value"), field("low"), field("high")))?;

            prop_assert_eq!(&record[entity], f.entity);
            prop_assert_eq!(&record[period], f.period);
            prop_assert_eq!(&record[unit], f.unit);
            let expected_scale = if unit_of.is_money() { "billion" } else { "unit" };
            prop_assert_eq!(&record[scale], expected_scale);
            prop_assert_eq!(&record[bound], f.bound.unwrap_or("rounded"));
            prop_assert_eq!(row["entity"].as_str(), Some(f.entity));
            prop_assert_eq!(row["bound"].as_str(), Some(f.bound.unwrap_or("rounded")));
        }
    }
}
