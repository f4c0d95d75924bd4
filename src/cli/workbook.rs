//! `-o FILE.xlsx`: the commands that write a workbook, and what each puts
//! in it. `metrics`, `yoy`, `share`, `run-rate` and `report` write the model
//! (the facts, then a sheet of live formulas per kind of metric; `metrics`
//! and `report` the verdicts too); `facts` and `verify` their listing as a
//! sheet. Which commands accept it is the options table's to say
//! ([`super::options`]).

use std::io::Write;

use anyhow::Result;

use earnings::figures::Figures;
use earnings::render::xlsx::{self, Page};
use earnings::report::metrics::Family;
use earnings::report::{self, workbook};

use super::{Context, Format, Global, output_format};

/// Whether the output is a workbook (`-o FILE.xlsx`).
pub fn asked(global: &Global) -> bool {
    matches!(output_format(global), Ok(Format::Xlsx))
}

/// The verdicts as a sheet: each claim beside the interval computed for it.
fn verdicts<'a>(figures: &'a Figures<'_>, cx: &'a Context) -> Result<Page<'a>> {
    let listing = report::verify::section(figures, &cx.selection, &cx.money)?;
    Ok(Page::Listing("verdicts", listing))
}

/// Writes the model of a family of metrics.
pub fn model(family: Family, cx: &Context, out: &mut dyn Write) -> Result<()> {
    let figures = Figures::build(&cx.data)?;
    let sheets = workbook::model(&figures, family, &cx.selection, &cx.money)?;
    let mut pages: Vec<Page> = sheets.into_iter().map(Page::Sheet).collect();
    if family == Family::All {
        pages.push(verdicts(&figures, cx)?);
    }
    xlsx::write(out, pages)?;
    Ok(())
}

/// Writes one listing as a sheet.
pub fn listing(
    name: &'static str,
    section: earnings::listing::Section<'_>,
    out: &mut dyn Write,
) -> Result<()> {
    xlsx::write(out, vec![Page::Listing(name, section)])?;
    Ok(())
}
