//! `earnings metrics`, `yoy`, `share` and `run-rate`: the derived metrics,
//! all of them or one family.

use std::io::Write;

use anyhow::Result;

use earnings::figures::Figures;
use earnings::render::{self, Format};
use earnings::report::metrics::{self, Family};

use crate::cli::{Context, Outcome};

/// Every derived metric: changes, shares, margins, run-rates, implied growth
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  earnings metrics\n  earnings metrics --entity alibaba --period FY2026 --format csv\n  earnings metrics --currency USD --fx USDCNY=7.20"
)]
pub struct MetricsArgs {}

/// Year-over-year changes: absolute, percent (n/m across zero or a change of sign), percentage points
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  earnings yoy\n  earnings yoy --metric net_profit --format json\n  earnings yoy --data results.json --format csv -o yoy.csv"
)]
pub struct YoyArgs {}

/// Shares of a parent or a stated whole, and margins
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  earnings share\n  earnings share --entity alibaba-cloud --format markdown"
)]
pub struct ShareArgs {}

/// Annualized run-rates of quarters, months and other sub-year periods
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  earnings run-rate\n  earnings run-rate --period FY2026-Q4 --scale million"
)]
pub struct RunRateArgs {}

/// Figures in a part of the derived metrics made at once (by one thread).
const ROWS_PART: usize = 4096;

/// Lists the metrics of a family.
pub fn run(family: Family, cx: &Context, out: &mut dyn Write) -> Result<Outcome> {
    let figures = Figures::build(&cx.data)?;
    if matches!(cx.render.format, Format::Csv | Format::Json) {
        write_parts(family, &figures, cx, out)?;
    } else {
        let listing = metrics::listing(&figures, family, &cx.selection, &cx.money)?;
        render::render_listing(out, &listing, &cx.render)?;
    }
    Ok(Outcome::Success)
}

/// Writes the rows part by part as the parts are made (CSV on every core):
/// a million rows never wait in memory. An error stops the rows where it is
/// met.
fn write_parts(family: Family, figures: &Figures, cx: &Context, out: &mut dyn Write) -> Result<()> {
    let head = metrics::head(family, &cx.money);
    let parts = earnings::metrics::parts(figures, ROWS_PART);
    let make = |part: usize| {
        // Every part asked for is one of `parts`.
        let part = parts.get(part).cloned();
        let part = part.unwrap_or(earnings::metrics::Part::Figures(0..0));
        metrics::rows_of(figures, family, &cx.selection, &cx.money, part)
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let failure = render::render_parts(out, &head, parts.len(), make, threads, &cx.render)?;
    if let Some(error) = failure {
        return Err(error.into());
    }
    Ok(())
}
