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
use earnings::report::metrics::Family;

use crate::cli::{Context, Outcome, long_help, pager, terminal_height, workbook};

const EXAMPLES: &str = "\
Examples:
  earnings report
  earnings report --format markdown -o report.md
  earnings report --data q3.json --scale million";

const REFERENCE: &str = "\
As a table, one screen: the latest headline figures (the columns of facts),
their year-over-year changes and margins (the columns of metrics), the
claims counted by outcome with each contradicted, contested or undetermined
claim on a line (outcome, claim, source, why), and the errors in the data,
one a line (the columns of check); each section names the command that shows
it whole, and a section with nothing in it is left out. Longer than the terminal, it
goes through $PAGER (less -FRX when unset); --no-pager and a pipe turn that
off.

In Markdown, CSV and JSON, every section in full, in order (JSON:
{\"report\": \"report\", \"sections\": [...]}, each section an object as
its own command writes it; CSV: one table, a first column section naming
each row's section, then every section's columns):
  headline    what the companies without a parent report, from the most
              trusted source of each figure; the columns of facts
  forward_looking
              targets, forecasts and plans side by side by metric; the
              columns of facts but conflict, then per_year (a flow over
              another length at its yearly rate: a two-year plan halved)
  metrics     every derived metric; the columns of metrics
  implied     the figures claims and definitions imply: entity, metric,
              period, value, low, high, unit, scale, status, claim (the
              claim that implies it, or the definition),
              formula, inputs, stated (what the most trusted source states
              of the same figure, if any)
  arr_milestones, arr_pairs, arr_path
              the sections of arr; in tables the chart follows the path
  claims      every claim checked; the columns of verify
  check       the data findings; the columns of check

Exit codes: 0 success, contradicted claims and errors in the data included
(verify and check exit 1 on those); 2 bad usage or bad data.";

/// The analyst's overview: headline figures, their changes, claims and data findings on one screen (the default)
#[derive(Debug, Default, clap::Args)]
#[command(after_help = EXAMPLES, after_long_help = long_help(REFERENCE, EXAMPLES))]
pub struct Args {
    /// Never page: print the whole report even when it is longer than the terminal
    #[arg(long)]
    pub no_pager: bool,
}

/// Builds the figures and the ARR report once, every section from them, and
/// the ARR charts after the path.
pub fn run(args: &Args, cx: &Context, out: &mut dyn Write) -> Result<Outcome> {
    if workbook::asked(cx.global) {
        workbook::model(Family::All, cx, out)?;
        return Ok(Outcome::Success);
    }
    let figures = Figures::build(&cx.data)?;
    if cx.render.format == render::Format::Table {
        let sections = overview::summary(&figures, &cx.selection, &cx.money)?;
        let mut text = Vec::new();
        render::render(&mut text, Report::sections("report", sections), &cx.render)?;
        let rows = terminal_height(cx.global).filter(|_| !args.no_pager);
        pager::show(&text, rows, out)?;
        return Ok(Outcome::Success);
    }
    let arr = arr_report::report(&figures, &cx.selection, &cx.money, &ArrOptions::default())?;
    let sections = overview::sections(&figures, &arr, &cx.selection, &cx.money)?;
    let charts = illustrations(&arr.charts, cx.global);
    let report = Report::sections("report", sections).illustrated(charts);
    render::render(out, report, &cx.render)?;
    Ok(Outcome::Success)
}
