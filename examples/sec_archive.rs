//! Writes a synthetic bulk archive in the shape of the SEC's
//! `companyfacts.zip`: N company-facts files, for benchmarking
//! `earnings import sec` (examples/BENCHMARKS.md, Importing SEC company
//! facts). Each company files 13 years of 10-Ks (each with two prior years
//! as comparatives) and three 10-Qs a year (the quarter and the year to
//! date, each beside the same period a year earlier) for the six concepts
//! `data/sec-concepts.json` maps, plus 150 concepts it does not map, as a
//! real filer's file mostly holds; every fourth company keeps a 52/53-week
//! year ending on the last Saturday of September.
//!
//! The output is the same for the same N (a fixed pseudo-random sequence).
//!
//! Run with `cargo run --release --example sec_archive -- N OUT.zip`.

use std::fs::File;
use std::io::{BufWriter, Write};

use chrono::{Days, NaiveDate};
use earnings::period::{FiscalYearEnd, Period};
use serde_json::{Value, json};

/// The first and last fiscal years filed.
const YEARS: std::ops::RangeInclusive<i32> = 2012..=2024;
/// The concepts the shipped mapping reads.
const MAPPED: [&str; 6] = [
    "RevenueFromContractWithCustomerExcludingAssessedTax",
    "GrossProfit",
    "OperatingIncomeLoss",
    "NetIncomeLoss",
    "NetCashProvidedByUsedInOperatingActivities",
    "PaymentsToAcquirePropertyPlantAndEquipment",
];
/// Concepts no metric reads.
const UNMAPPED: usize = 150;

/// A fixed pseudo-random sequence (a linear congruential generator).
struct Numbers(u64);

impl Numbers {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

/// One fact in the SEC's shape.
fn fact(
    span: (NaiveDate, NaiveDate),
    val: u64,
    filing: &(String, i32, &str, &str, NaiveDate),
) -> Value {
    let (accn, fy, fp, form, filed) = filing;
    json!({"start": span.0.to_string(), "end": span.1.to_string(), "val": val, "accn": accn,
           "fy": fy, "fp": fp, "form": form, "filed": filed.to_string()})
}

/// The company's filings: (accession, fy, fp, form, filed) with the spans
/// each states.
type Filing = (String, i32, &'static str, &'static str, NaiveDate);

fn filings(cik: u64, fye: FiscalYearEnd) -> Vec<(Filing, Vec<(NaiveDate, NaiveDate)>)> {
    let dates = |p: Period| p.dates(fye).map(|d| (d.start, d.end)).unwrap();
    let q = |year, quarter| Period::FiscalQuarter { year, quarter };
    let mut out = Vec::new();
    let mut seq = 0;
    for year in YEARS {
        for quarter in 1u8..=3 {
            seq += 1;
            let end = dates(q(year, quarter)).1;
            let accn = format!("{cik:010}-{:02}-{seq:06}", year % 100);
            let filing = (
                accn,
                year,
                ["Q1", "Q2", "Q3"][usize::from(quarter - 1)],
                "10-Q",
                end + Days::new(40),
            );
            let mut spans = vec![dates(q(year, quarter)), dates(q(year - 1, quarter))];
            if quarter > 1 {
                for y in [year, year - 1] {
                    spans.push(dates(Period::span(q(y, 1), q(y, quarter)).unwrap()));
                }
            }
            out.push((filing, spans));
        }
        seq += 1;
        let end = dates(Period::FiscalYear(year)).1;
        let filing = (
            format!("{cik:010}-{:02}-{seq:06}", year % 100),
            year,
            "FY",
            "10-K",
            end + Days::new(60),
        );
        let spans = (0..3)
            .map(|back| dates(Period::FiscalYear(year - back)))
            .collect();
        out.push((filing, spans));
    }
    out
}

fn company(cik: u64, numbers: &mut Numbers) -> Value {
    let fye: FiscalYearEnd = if cik % 4 == 0 {
        "last sat sep"
    } else {
        "12-31"
    }
    .parse()
    .unwrap();
    let filings = filings(cik, fye);
    let mut gaap = serde_json::Map::new();
    let concepts = MAPPED
        .iter()
        .map(|c| (*c).to_string())
        .chain((0..UNMAPPED).map(|i| format!("UnmappedConcept{i:03}")));
    for concept in concepts {
        // The same value for the same span in every filing that states it.
        let mut values = std::collections::HashMap::new();
        let mut facts = Vec::new();
        for (filing, spans) in &filings {
            for span in spans {
                let val = *values
                    .entry(*span)
                    .or_insert_with(|| 1_000_000 * (1 + numbers.next() % 90_000));
                facts.push(fact(*span, val, filing));
            }
        }
        gaap.insert(
            concept.clone(),
            json!({"label": concept, "description": "Synthetic.", "units": {"USD": facts}}),
        );
    }
    json!({"cik": cik, "entityName": format!("Synthetic Filer {cik} Inc."), "facts": {"us-gaap": gaap}})
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(n), Some(out)) = (args.get(1).and_then(|n| n.parse::<u64>().ok()), args.get(2))
    else {
        eprintln!("usage: sec_archive N OUT.zip");
        std::process::exit(2);
    };
    let mut zip = zip::ZipWriter::new(BufWriter::new(File::create(out).unwrap()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut numbers = Numbers(42);
    for cik in 1..=n {
        zip.start_file(format!("CIK{cik:010}.json"), options)
            .unwrap();
        zip.write_all(&serde_json::to_vec(&company(cik, &mut numbers)).unwrap())
            .unwrap();
    }
    zip.finish().unwrap().flush().unwrap();
}
