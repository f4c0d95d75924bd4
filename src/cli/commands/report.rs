//! `earnings report`: the analyst's overview, every section in one report
//! (the default command).

use std::io::Write;

use anyhow::Result;

use earnings::figures::Figures;
use earnings::listing::Report;
use earnings::render;
use earnings::report::arr::{self as arr_report, ArrOptions};
use earnings::report::overview;

use super::arr::illustrations;
use crate::cli::{Context, Outcome, long_help};

const EXAMPLES: &str = "\
Examples:
  earnings report
  earnings report --format markdown -o report.md
  earnings report --data q3.json --scale million";

const REFERENCE: &str = "\
Sections, in order (JSON: {\"report\": \"report\", \"sections\": [...]}, each
section an object as its own command writes it; CSV: one block per section,
separated by a blank line):
  headline    what the companies without a parent report, from the most
              trusted source of each figure; the columns of facts
  forward_looking
              targets, forecasts and plans side by side by metric; the
              columns of facts but conflict, then per_year (a flow over
              another length at its yearly rate: a two-year plan halved)
  metrics     every derived metric; the columns of metrics
  implied     the figures claims imply: entity, metric, period, value, low,
              high, unit, scale, status, claim (the claim that implies it),
              formula, inputs, stated (what the most trusted source states
              of the same figure, if any)
  arr_milestones, arr_pairs, arr_path
              the sections of arr; in tables the chart follows the path
  claims      every claim checked; the columns of verify
  check       the data findings; the columns of check

Exit codes: 0 success, contradicted claims and errors in the data included
(verify and check exit 1 on those); 2 bad usage or bad data.";

/// The analyst's overview: headline figures, plans, derived metrics, ARR paths, claims and data findings (the default)
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES, after_long_help = long_help(REFERENCE, EXAMPLES))]
pub struct Args {}

/// Builds the figures and the ARR report once, every section from them, and
/// the ARR charts after the path.
pub fn run(cx: &Context, out: &mut dyn Write) -> Result<Outcome> {
    let figures = Figures::build(&cx.data)?;
    let arr = arr_report::report(&figures, &cx.selection, &cx.money, &ArrOptions::default())?;
    let sections = overview::sections(&figures, &arr, &cx.selection, &cx.money)?;
    let charts = illustrations(&arr.charts, cx.global);
    let report = Report::sections("report", sections).illustrated(charts);
    render::render(out, report, &cx.render)?;
    Ok(Outcome::Success)
}
