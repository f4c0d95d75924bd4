//! `earnings arr`: ARR milestones, the growth between them and the path they
//! imply, with a chart as text and, on request, as SVG.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use earnings::arr;
use earnings::figures::Figures;
use earnings::listing::{Illustration, Report};
use earnings::render;
use earnings::render::chart;
use earnings::report::arr::{self as arr_report, ArrOptions};

use crate::cli::io::Output;
use crate::cli::{Context, Global, Outcome, long_help, terminal_width};

const EXAMPLES: &str = "\
Examples:
  earnings arr
  earnings arr --entity alibaba-maas --step quarter
  earnings arr --model linear --format csv -o arr.csv
  earnings arr --svg arr.svg";

const REFERENCE: &str = "\
Sections (JSON: {\"report\": \"arr\", \"sections\": [...]}; CSV: one table,
a section column first; the chart only in tables and Markdown):
  arr_milestones
              entity, metric, period, date (its last day), value, low, high,
              unit, scale, monthly_revenue, monthly_revenue_low,
              monthly_revenue_high (ARR / 12), status, source
  arr_pairs   entity, metric, from, to (periods), from_date, to_date,
              months; multiple, monthly_growth, quarterly_growth,
              annualized_growth (percent) and doubling_months, each with
              _low and _high; status (forward-looking when either milestone
              is); note (why a value is n/m)
  arr_path    entity, metric, date, value, low, high (empty where the model
              gives no value), unit, scale, model, milestone (the period on
              a milestone's row), status
A start that can be zero has no multiple and no compound rate (n/m, the
reason in note; the linear path still runs); a metric with one milestone
gets a line saying so. Neither is an error. The path lists at most 240
months between two milestones and 2,400 in all; a note names a gap left
out.
Tables show a value whose point is one end of its interval as that bound
(≤20.09%); CSV and JSON carry both ends.

Exit codes: 0 success; 2 bad usage or bad data, or --svg with nothing to
draw.";

/// ARR milestones, the growth between them and the path they imply, with a chart
///
/// For every metric whose name ends in `arr` with two or more milestones
/// (stated or implied; a duration period's value sits at its last day):
/// each milestone with the monthly revenue it corresponds to (ARR / 12);
/// for each consecutive pair the multiple, compound growth per month,
/// quarter and year, and the doubling time; and the path between them,
/// drawn as a bar chart after the table.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES, after_long_help = long_help(REFERENCE, EXAMPLES))]
pub struct Args {
    /// How the path runs between milestones
    #[arg(long, value_enum, default_value_t = Model::Compound)]
    pub model: Model,

    /// Path points between milestones: every month end, or every quarter end of the fiscal year
    #[arg(long, value_enum, default_value_t = Step::Month)]
    pub step: Step,

    /// Also draw the chart of the path as an SVG file
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
}

/// How the path runs between milestones (`--model`): the CLI's names for
/// [`arr::Model`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Model {
    /// Constant growth rate: `start × multiple^(t)`, t the fraction of the time elapsed.
    Compound,
    /// Constant increase: `start + (end − start) × t`.
    Linear,
}

impl From<Model> for arr::Model {
    fn from(model: Model) -> Self {
        match model {
            Model::Compound => arr::Model::Compound,
            Model::Linear => arr::Model::Linear,
        }
    }
}

/// Which dates the path lists between milestones (`--step`): the CLI's
/// names for [`arr::Step`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Step {
    /// Every month end.
    Month,
    /// Every quarter end of the entity's fiscal year.
    Quarter,
}

impl From<Step> for arr::Step {
    fn from(step: Step) -> Self {
        match step {
            Step::Month => arr::Step::Month,
            Step::Quarter => arr::Step::Quarter,
        }
    }
}

/// Builds the ARR report, writes the SVG if asked, and renders the rest.
pub fn run(args: &Args, cx: &Context, out: &mut dyn Write) -> Result<Outcome> {
    let figures = Figures::build(&cx.data)?;
    let options = ArrOptions {
        model: args.model.into(),
        step: args.step.into(),
    };
    let arr = arr_report::report(&figures, &cx.selection, &cx.money, &options)?;
    if let Some(path) = &args.svg {
        write_svg(path, &arr.charts, cx.global)?;
    }
    let charts = illustrations(&arr.charts, cx.global);
    let report = Report::sections("arr", arr.listings()).illustrated(charts);
    render::render(out, report, &cx.render)?;
    Ok(Outcome::Success)
}

/// The ARR charts as text, after the path listing, as wide as the terminal
/// they are shown on (or `COLUMNS`, or 80).
pub fn illustrations(charts: &[chart::BarChart], global: &Global) -> Vec<Illustration> {
    let columns = std::env::var("COLUMNS").ok();
    let width = chart::width(terminal_width(global), columns.as_deref());
    charts
        .iter()
        .map(|c| Illustration {
            after: "arr_path",
            lines: chart::text(c, width, global.precision),
        })
        .collect()
}

/// Writes the ARR charts as one SVG file (replaced whole, or not at all).
fn write_svg(path: &Path, charts: &[chart::BarChart], global: &Global) -> Result<()> {
    anyhow::ensure!(
        !charts.is_empty(),
        earnings::Error::Usage(format!(
            "--svg {}: nothing to draw: no ARR-like metric in the selection has two or more milestones",
            path.display()
        ))
    );
    let document = chart::svg(charts, global.precision)?;
    let mut file = Output::open(Some(path), &global.data)?;
    file.writer()
        .write_all(document.as_bytes())
        .with_context(|| format!("{}: cannot write", path.display()))?;
    file.commit()?;
    if global.verbose {
        eprintln!("wrote the chart to {}", path.display());
    }
    Ok(())
}
