//! The bundled datasets, `data/alibaba-article.json` and
//! `data/alibaba-reference.json`: every figure the article states comes out of
//! `earnings facts` with its value, interval, bound, status, period and
//! paragraph; every relation it states is recorded as a claim; the reference
//! figures that expose the article's scale errors sit under the same keys; and
//! every fact and claim points at a source and an entity its dataset defines.
//!
//! Money is compared in yuan (`--scale unit`), as `Decimal`s, so that
//! `1023670000000` and `1023670000000.00000` are the same figure.

use std::path::PathBuf;

use rust_decimal::Decimal;
use serde_json::Value;

use super::common::{dec, number, run, split_reference, text};

const ARTICLE: &str = "alibaba-article.json";
const REFERENCE: &str = "alibaba-reference.json";

// ---------------------------------------------------------------- helpers

/// What one unit of a dataset `scale` is worth.
fn scale_factor(scale: &str) -> Decimal {
    let zeros = match scale {
        "unit" => 0,
        "thousand" => 3,
        "wan" => 4,
        "million" => 6,
        "yi" => 8,
        "billion" => 9,
        "trillion" => 12,
        other => panic!("unknown scale {other:?}"),
    };
    Decimal::from_i128_with_scale(10_i128.pow(zeros), 0)
}

/// A dataset item's `value` (or `high`) in plain units: the figure times its scale.
fn in_units(item: &Value, field: &str) -> Option<Decimal> {
    let scale = item.get("scale").and_then(Value::as_str).unwrap_or("unit");
    number(item, field).map(|v| v * scale_factor(scale))
}

fn load(file: &str) -> Value {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "data", file].iter().collect();
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

fn items<'a>(dataset: &'a Value, list: &str) -> &'a [Value] {
    dataset[list].as_array().map(Vec::as_slice).unwrap_or(&[])
}

/// The rows of `earnings facts --format json --scale unit` on the bundled data.
fn facts_rows() -> Vec<Value> {
    let run = run(&["facts", "--format", "json", "--scale", "unit"]).exits(0);
    let report = run.json();
    assert_eq!(report["report"], "facts", "{run}");
    assert_eq!(report["scale"], "unit", "{run}");
    run.rows()
}

// ------------------------------------------------- the article's figures

/// One figure the article states, as `earnings facts --scale unit` must print it.
/// `value: None` leaves the point value of a range unchecked (the contract
/// fixes only its ends); `low`/`high: None` is an unbounded side (JSON null).
struct Stated {
    entity: &'static str,
    metric: &'static str,
    period: &'static str,
    value: Option<&'static str>,
    low: Option<&'static str>,
    high: Option<&'static str>,
    unit: &'static str,
    bound: &'static str,
    status: &'static str,
    at: &'static str,
}

#[rustfmt::skip]
const ARTICLE_FACTS: &[Stated] = &[
    // 1.02367 trillion, rounded to its fifth decimal: ± 0.000005 × 10^12 = ± 5,000,000.
    Stated { entity: "alibaba", metric: "revenue", period: "FY2026",
             value: Some("1023670000000"), low: Some("1023665000000"), high: Some("1023675000000"),
             unit: "CNY", bound: "rounded", status: "reported", at: "¶2" },
    // 102.1 billion: ± 0.05 × 10^9 = ± 50,000,000.
    Stated { entity: "alibaba", metric: "net_profit", period: "FY2026",
             value: Some("102100000000"), low: Some("102050000000"), high: Some("102150000000"),
             unit: "CNY", bound: "rounded", status: "reported", at: "¶2" },
    // -17.3 billion: ± 50,000,000 around -17,300,000,000.
    Stated { entity: "alibaba", metric: "free_cash_flow", period: "FY2026-Q4",
             value: Some("-17300000000"), low: Some("-17350000000"), high: Some("-17250000000"),
             unit: "CNY", bound: "rounded", status: "reported", at: "¶2" },
    // 37.43 billion, as printed: ± 0.005 × 10^9 = ± 5,000,000.
    Stated { entity: "alibaba", metric: "free_cash_flow", period: "FY2025-Q4",
             value: Some("37430000000"), low: Some("37425000000"), high: Some("37435000000"),
             unit: "CNY", bound: "rounded", status: "reported", at: "¶2" },
    // 8%: ± 0.5.
    Stated { entity: "alibaba", metric: "share_price_change", period: "2026-05-14",
             value: Some("8"), low: Some("7.5"), high: Some("8.5"),
             unit: "percent", bound: "rounded", status: "reported", at: "¶3" },
    // 89.71 billion, as printed: ± 5,000,000.
    Stated { entity: "alibaba-ai", metric: "revenue", period: "FY2026-Q4",
             value: Some("89710000000"), low: Some("89705000000"), high: Some("89715000000"),
             unit: "CNY", bound: "rounded", status: "reported", at: "¶4" },
    // "break through 10 billion": [10 × 10^9, +∞).
    Stated { entity: "alibaba-maas", metric: "arr", period: "FY2027-Q1",
             value: Some("10000000000"), low: Some("10000000000"), high: None,
             unit: "CNY", bound: "at_least", status: "target", at: "¶5" },
    // A 30 billion target is a point: [30 × 10^9, 30 × 10^9].
    Stated { entity: "alibaba-maas", metric: "arr", period: "2026-12-31",
             value: Some("30000000000"), low: Some("30000000000"), high: Some("30000000000"),
             unit: "CNY", bound: "exact", status: "target", at: "¶5" },
    // "over 200 billion": (200 × 10^9, +∞).
    Stated { entity: "bytedance", metric: "capex", period: "FY2026",
             value: Some("200000000000"), low: Some("200000000000"), high: None,
             unit: "CNY", bound: "more_than", status: "plan", at: "¶12" },
    // "60-80%": [60, 80].
    Stated { entity: "foreign-ai-chip-vendors", metric: "gross_margin", period: "FY2026",
             value: None, low: Some("60"), high: Some("80"),
             unit: "percent", bound: "range", status: "reported", at: "¶14" },
    // "far exceed 380 billion" over two fiscal years: (380 × 10^9, +∞).
    Stated { entity: "alibaba", metric: "capex", period: "FY2027..FY2028",
             value: Some("380000000000"), low: Some("380000000000"), high: None,
             unit: "CNY", bound: "more_than", status: "plan", at: "¶15" },
    // "positive unit economics": (0, +∞) yuan per order.
    Stated { entity: "alibaba-instant-retail", metric: "unit_economics_per_order", period: "FY2027-Q4",
             value: Some("0"), low: Some("0"), high: None,
             unit: "CNY", bound: "more_than", status: "target", at: "¶18" },
    // 96.292 billion: ± 0.0005 × 10^9 = ± 500,000.
    Stated { entity: "alibaba-china-ecommerce", metric: "revenue", period: "FY2026-Q4",
             value: Some("96292000000"), low: Some("96291500000"), high: Some("96292500000"),
             unit: "CNY", bound: "rounded", status: "reported", at: "¶19" },
];

#[test]
fn facts_command_shows_every_figure_the_article_states() {
    let rows = facts_rows();
    for want in ARTICLE_FACTS {
        let key = format!("{}.{}@{}", want.entity, want.metric, want.period);
        let found: Vec<&Value> = rows
            .iter()
            .filter(|row| {
                text(row, "source") == "article"
                    && text(row, "entity") == want.entity
                    && text(row, "metric") == want.metric
                    && text(row, "period") == want.period
            })
            .collect();
        assert_eq!(
            found.len(),
            1,
            "{key}: expected one row from the article, got {found:?}"
        );
        let row = found[0];
        if let Some(value) = want.value {
            assert_eq!(number(row, "value"), Some(dec(value)), "{key} value: {row}");
        }
        assert_eq!(number(row, "low"), want.low.map(dec), "{key} low: {row}");
        assert_eq!(number(row, "high"), want.high.map(dec), "{key} high: {row}");
        assert_eq!(text(row, "unit"), want.unit, "{key} unit: {row}");
        assert_eq!(text(row, "scale"), "unit", "{key} scale: {row}");
        assert_eq!(text(row, "bound"), want.bound, "{key} bound: {row}");
        assert_eq!(text(row, "status"), want.status, "{key} status: {row}");
        assert_eq!(text(row, "at"), want.at, "{key} at: {row}");
    }
}

#[test]
fn article_facts_in_the_file_are_exactly_the_tabled_ones() {
    // Guards the table above against drift: a figure added to the data
    // without a row here (or the reverse) fails.
    let article = load(ARTICLE);
    let mut in_file: Vec<String> = items(&article, "facts")
        .iter()
        .map(|f| {
            format!(
                "{}.{}@{}",
                text(f, "entity"),
                text(f, "metric"),
                text(f, "period")
            )
        })
        .collect();
    let mut tabled: Vec<String> = ARTICLE_FACTS
        .iter()
        .map(|s| format!("{}.{}@{}", s.entity, s.metric, s.period))
        .collect();
    in_file.sort();
    tabled.sort();
    assert_eq!(in_file, tabled);
}

// ------------------------------------------------- the article's claims

/// One relation the article states: kind, `of`, the `whole` or `base` it
/// relates to (if any), value and `high` in plain units, unit, bound, paragraph.
type Claim = (
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static str,
    &'static str,
);

#[rustfmt::skip]
const ARTICLE_CLAIMS: &[Claim] = &[
    // "exceeded 1 trillion": 1 × 10^12 yuan.
    ("level", "alibaba.revenue@FY2026", None, "1000000000000", None, "CNY", "more_than", "¶2"),
    // "for the first time": the year before did not exceed 1 × 10^12.
    ("level", "alibaba.revenue@FY2025", None, "1000000000000", None, "CNY", "at_most", "¶2"),
    ("yoy", "alibaba.net_profit@FY2026", None, "-19", None, "percent", "rounded", "¶2"),
    ("share", "alibaba-ai.revenue@FY2026-Q4", Some("alibaba-cloud.external_revenue@FY2026-Q4"),
        "30", None, "percent", "more_than", "¶4"),
    // "exceeding 358 billion": 358 × 10^9 yuan a year.
    ("run_rate", "alibaba-ai.revenue@FY2026-Q4", None, "358000000000", None, "CNY", "more_than", "¶4"),
    ("multiple", "alibaba-maas.api_tokens@2026-05..2026-06", Some("alibaba-maas.api_tokens@2025-11..2025-12"),
        "10", None, "multiple", "more_than", "¶5"),
    ("multiple", "alibaba-instant-retail.orders@FY2026-Q4", Some("alibaba-instant-retail.orders@FY2025-Q4"),
        "2.7", None, "multiple", "rounded", "¶17"),
    // "grew three times": to ×3, or by 300% = ×4.
    ("multiple", "alibaba-instant-retail.non_food_orders@FY2026-Q4",
        Some("alibaba-instant-retail.non_food_orders@FY2025-Q4"), "3", Some("4"), "multiple", "range", "¶17"),
    ("yoy", "alibaba-china-ecommerce.revenue@FY2026-Q4", None, "-1", None, "percent", "rounded", "¶19"),
    ("yoy", "alibaba-china-ecommerce.customer_management_revenue@FY2026-Q4", None,
        "1", None, "percent", "rounded", "¶19"),
    ("yoy", "alibaba-china-ecommerce.customer_management_revenue_like_for_like@FY2026-Q4", None,
        "8", None, "percent", "rounded", "¶19"),
];

/// The `whole` of a share or the `base` of a multiple.
fn related(claim: &Value) -> Option<&str> {
    claim
        .get("whole")
        .or_else(|| claim.get("base"))
        .and_then(Value::as_str)
}

#[test]
fn every_relation_the_article_states_is_a_claim() {
    let article = load(ARTICLE);
    let claims = items(&article, "claims");
    for &(kind, of, other, value, high, unit, bound, at) in ARTICLE_CLAIMS {
        let found: Vec<&Value> = claims
            .iter()
            .filter(|c| text(c, "kind") == kind && text(c, "of") == of && related(c) == other)
            .collect();
        assert_eq!(
            found.len(),
            1,
            "{kind} claim on {of}: expected one, got {found:?}"
        );
        let claim = found[0];
        assert_eq!(
            in_units(claim, "value"),
            Some(dec(value)),
            "{kind} {of} value: {claim}"
        );
        assert_eq!(
            in_units(claim, "high"),
            high.map(dec),
            "{kind} {of} high: {claim}"
        );
        assert_eq!(text(claim, "unit"), unit, "{kind} {of} unit: {claim}");
        let written_bound = claim
            .get("bound")
            .and_then(Value::as_str)
            .unwrap_or("rounded");
        assert_eq!(written_bound, bound, "{kind} {of} bound: {claim}");
        assert_eq!(
            text(claim, "source"),
            "article",
            "{kind} {of} source: {claim}"
        );
        assert_eq!(text(claim, "at"), at, "{kind} {of} at: {claim}");
    }
    assert_eq!(
        claims.len(),
        ARTICLE_CLAIMS.len(),
        "a claim in the file has no row in the table"
    );
}

// ------------------------------------------------- the reference figures

#[test]
fn reference_states_the_suspect_figures_under_the_same_keys() {
    // The article's AI revenue and prior-year free cash flow look like 亿
    // read as billions. The reference must hold the same entity, metric and
    // period so that `check` finds the ×10 gap from the data alone:
    //   89.71 billion / 8,971 million = 89,710,000,000 / 8,971,000,000 = 10
    //   37.43 billion / 3,743 million = 37,430,000,000 / 3,743,000,000 = 10
    let article = load(ARTICLE);
    let reference = load(REFERENCE);
    let find = |dataset: &Value, entity: &str, metric: &str, period: &str| -> Decimal {
        let fact = items(dataset, "facts")
            .iter()
            .find(|f| {
                text(f, "entity") == entity
                    && text(f, "metric") == metric
                    && text(f, "period") == period
            })
            .unwrap_or_else(|| panic!("no fact {entity}.{metric}@{period}"));
        in_units(fact, "value").expect("a value")
    };
    for (entity, metric, period, reference_value) in [
        ("alibaba-ai", "revenue", "FY2026-Q4", "8971000000"),
        ("alibaba", "free_cash_flow", "FY2025-Q4", "3743000000"),
    ] {
        let stated = find(&article, entity, metric, period);
        let filed = find(&reference, entity, metric, period);
        assert_eq!(filed, dec(reference_value), "{entity}.{metric}@{period}");
        assert_eq!(stated / filed, dec("10"), "{entity}.{metric}@{period}");
    }
}

#[test]
fn reference_facts_carry_their_confidence() {
    let reference = load(REFERENCE);
    for item in items(&reference, "facts")
        .iter()
        .chain(items(&reference, "claims"))
    {
        let note = text(item, "note");
        assert!(
            ["confidence: high", "confidence: medium", "confidence: low"]
                .iter()
                .any(|c| note.starts_with(c)),
            "no confidence in the note of {item}"
        );
    }
}

// ------------------------------------------------- provenance and entities

#[test]
fn every_fact_and_claim_points_at_a_defined_source_and_entity() {
    let article = load(ARTICLE);
    let entities = article["entities"].as_object().expect("article entities");
    for file in [ARTICLE, REFERENCE] {
        let dataset = load(file);
        assert_eq!(dataset["format"], "earnings-dataset/1", "{file}");
        let sources = dataset["sources"].as_object().expect("a sources object");
        for source in sources.values() {
            assert!(
                !text(source, "title").is_empty(),
                "{file}: a source has no title"
            );
        }
        // The reference may only repeat an entity of the article, unchanged.
        if let Some(own) = dataset["entities"].as_object() {
            for (id, entity) in own {
                assert_eq!(
                    entities.get(id),
                    Some(entity),
                    "{file}: entity {id} differs"
                );
            }
        }
        for item in items(&dataset, "facts")
            .iter()
            .chain(items(&dataset, "claims"))
        {
            assert!(
                !text(item, "at").trim().is_empty(),
                "{file}: no `at` in {item}"
            );
            let source = text(item, "source");
            assert!(
                sources.contains_key(source),
                "{file}: source {source:?} undefined in {item}"
            );
            let mut used = Vec::new();
            if item.get("entity").is_some() {
                used.push(text(item, "entity"));
            }
            for field in ["of", "whole", "base"] {
                if let Some(reference) = item.get(field).and_then(Value::as_str) {
                    used.push(split_reference(reference).0);
                }
            }
            for entity in used {
                assert!(
                    entities.contains_key(entity),
                    "{file}: entity {entity:?} undefined in {item}"
                );
            }
        }
    }
}
