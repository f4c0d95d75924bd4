//! `earnings chart`: any series of figures as bars, in the terminal or as
//! SVG, drawn by the same code as the ARR charts.

use std::io::Write;

use anyhow::Result;

use earnings::figures::Figures;
use earnings::render::chart;
use earnings::report::chart::{ChartOptions, charts};

use crate::cli::{Context, Outcome, long_help, terminal_width};

const EXAMPLES: &str = "\
Examples:
  earnings chart --entity alibaba --metric revenue
  earnings chart --entity alibaba --metric net_profit --yoy
  earnings chart --entity alibaba --metric revenue -o revenue.svg";

const REFERENCE: &str = "\
Each entity, metric and length of period (years, quarters, ...) the
selection keeps (--entity, --metric, --period) is one chart, a bar per
period in date order, the most trusted figure of each (stated, or implied
by a claim where no source states it).
  bars        █ to the low end of the figure's interval, ▓ from there to
              its value, ─┤ on to its high end, → where it has none
              (more than); the interval shows where it spans a cell
  marks       ◆ and the status (target, forecast, plan) for a
              forward-looking figure; reported figures are unmarked
  values      the figure as tables print it; with --yoy its change against
              the prior year (percentage points for a percent), n/m across
              zero or a change of sign
In the terminal the chart fits its width (--width, COLUMNS, or 80). With
-o FILE.svg the charts are drawn one above the other as an SVG: targets in
orange, reported figures in blue, whiskers for intervals, ▲ for no upper
bound, values (and YoY) above the bars.

Exit codes: 0 success; 2 bad usage or bad data, or nothing to draw.";

/// Any series as bars: a bar per period, with bounds, targets marked, YoY on request; SVG with -o FILE.svg
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES, after_long_help = long_help(REFERENCE, EXAMPLES))]
pub struct Args {
    /// Print each bar's change against the prior year
    #[arg(long)]
    pub yoy: bool,
}

/// Whether the output is an SVG file (`-o FILE.svg`).
pub fn draws_svg(global: &crate::cli::Global) -> bool {
    global
        .output
        .as_deref()
        .and_then(|p| p.extension())
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"))
}

/// Draws the charts of the selection.
pub fn run(args: &Args, cx: &Context, out: &mut dyn Write) -> Result<Outcome> {
    let figures = Figures::build(&cx.data)?;
    let options = ChartOptions { yoy: args.yoy };
    let made = charts(&figures, &cx.selection, &cx.money, options)?;
    anyhow::ensure!(
        !made.is_empty(),
        earnings::Error::Usage(
            "nothing to draw: no figure in the selection (see earnings facts)".into()
        )
    );
    let precision = cx.global.precision;
    if draws_svg(cx.global) {
        out.write_all(chart::svg(&made, precision)?.as_bytes())?;
        return Ok(Outcome::Success);
    }
    let columns = std::env::var("COLUMNS").ok();
    let width = chart::width(terminal_width(cx.global), columns.as_deref());
    for (i, drawn) in made.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        for line in chart::text(drawn, width, precision) {
            writeln!(out, "{line}")?;
        }
    }
    Ok(Outcome::Success)
}
