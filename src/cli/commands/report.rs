//! `earnings report`: the analyst's overview, every section in one report
//! (the default command).

use std::io::Write;

use anyhow::Result;

use earnings::figures::Figures;
use earnings::render;
use earnings::report::arr::{self as arr_report, ArrOptions};
use earnings::report::overview;

use super::arr::illustrations;
use crate::cli::{Context, Outcome};

/// The analyst's overview: headline figures, plans, derived metrics, ARR paths, claims and data findings (the default)
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  earnings report\n  earnings report --format markdown -o report.md\n  earnings report --data q3.json --scale million"
)]
pub struct Args {}

/// Builds the figures and the ARR report once, every section from them, and
/// the ARR charts after the path.
pub fn run(cx: &Context, out: &mut dyn Write) -> Result<Outcome> {
    let figures = Figures::build(&cx.data)?;
    let arr = arr_report::report(&figures, &cx.selection, &cx.money, &ArrOptions::default())?;
    let sections = overview::sections(&figures, &arr, &cx.selection, &cx.money)?;
    let charts = illustrations(&arr.charts, cx.global);
    render::render_report_illustrated(out, "report", &sections, &charts, &cx.render)?;
    Ok(Outcome::Success)
}
