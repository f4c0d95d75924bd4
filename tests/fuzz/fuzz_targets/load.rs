//! Fuzz target: a dataset from arbitrary bytes must load or be refused with
//! an error, never panic or overflow the stack; one that loads must also
//! build its figures and render its `facts` listing and its `report`
//! sections (headline figures, derived metrics, implied figures) in every
//! format without panicking.
#![no_main]

use earnings::dataset::{Dataset, Input};
use earnings::figures::Figures;
use earnings::listing::Report;
use earnings::render::{Format, RenderOptions, render, render_listing};
use earnings::report::arr::{self, ArrOptions};
use earnings::report::{Money, Selection, facts, overview};
use libfuzzer_sys::fuzz_target;

const FORMATS: [Format; 4] = [Format::Csv, Format::Json, Format::Table, Format::Markdown];

fuzz_target!(|bytes: &[u8]| {
    let input = Input {
        name: "fuzz.json",
        bytes,
    };
    let Ok(data) = Dataset::load(&[input]) else {
        return;
    };
    let (selection, money) = (Selection::default(), Money::default());
    if let Ok(figures) = Figures::build(&data)
        && let Ok(listing) = facts::listing(&figures, &selection, &money)
    {
        for format in FORMATS {
            let options = RenderOptions {
                format,
                ..RenderOptions::default()
            };
            let _ = render_listing(&mut Vec::new(), &listing, &options);
        }
    }
    if let Ok(figures) = Figures::build(&data)
        && let Ok(arr) = arr::report(&figures, &selection, &money, &ArrOptions::default())
    {
        for format in FORMATS {
            // Sections make their rows as they are rendered: once each.
            let Ok(sections) = overview::sections(&figures, &arr, &selection, &money) else {
                break;
            };
            let options = RenderOptions {
                format,
                ..RenderOptions::default()
            };
            let report = Report::sections("report", sections);
            let _ = render(&mut Vec::new(), report, &options);
        }
    }
});
