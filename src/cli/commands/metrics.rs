//! `earnings metrics`, `yoy`, `share` and `run-rate`: the derived metrics,
//! all of them or one family.

use std::io::Write;

use anyhow::Result;

use earnings::figures::Figures;
use earnings::listing::Report;
use earnings::render;
use earnings::report::metrics::{self, Family};

use crate::cli::{Context, Outcome, long_help, workbook};

/// The columns of every family, the exit codes.
const REFERENCE: &str = "\
Columns (the CSV header, and the fields of each JSON row):
  kind        change, yoy or change_pp (the rows of yoy); share or margin
              (share); run_rate (run-rate); qoq (a quarter against the
              quarter before), ttm (trailing twelve months of a flow) and
              ttm_yoy (a ttm against a year earlier; metrics only, and
              statement --quarterly); growth_monthly or growth_annual
              (compound growth that a claimed multiple of one metric between
              two periods, or a claimed change, implies: claimed, not
              computed from figures, and listed after the rows that are;
              metrics only)
  entity, metric, period
              the figure the row is about
  value, low, high
              the point value and its interval; all empty (null in JSON)
              for n/m
  unit, scale as in facts; percent for percent changes, shares and margins,
              pp for a change in percentage points
  status      empty when every input is reported, else the forward-looking
              status
  formula     how the value is computed
  inputs      each input as REFERENCE = value (source at)
  note        why a value is n/m; the whole of a share; the claim a growth
              rate comes from
  contested   true when the row rests on a figure sources disagree on beyond
              their rounding, directly or through a figure implied from it
              (see earnings check); tables mark it ! . No row sets one
              source's figure beside a figure implied from a rival reading
              of it.
A row whose input was implied by the very claim it would compute (a change
against a prior year that the same change claim implied) is left out: it
would only restate the claim, which verify checks.
Tables show each value with its interval, and the scale above the table;
formula, inputs and note only with --wide (or --columns).
-o FILE.xlsx writes a workbook: a sheet facts (figure, value, low, high,
unit, scale, bound, status, source, place: the inputs), then a sheet per
kind whose value, low and high are live formulas over the facts' cells
(the columns above, formula and inputs as text); metrics adds a sheet
verdicts (the columns of verify). Change a fact and the metrics follow.

Exit codes: 0 success, n/m values included; 2 bad usage or bad data.";

const METRICS_EXAMPLES: &str = "\
Examples:
  earnings metrics
  earnings metrics --entity alibaba --period FY2026 --format csv
  earnings metrics --currency USD --fx USDCNY=7.20";

/// Every derived metric: changes, shares, margins, run-rates, implied growth
#[derive(Debug, clap::Args)]
#[command(
    after_help = METRICS_EXAMPLES,
    after_long_help = long_help(REFERENCE, METRICS_EXAMPLES)
)]
pub struct MetricsArgs {}

const YOY_EXAMPLES: &str = "\
Examples:
  earnings yoy
  earnings yoy --metric net_profit --format json
  earnings yoy --data results.json --format csv -o yoy.csv";

/// Year-over-year changes: absolute, percent (n/m across zero or a change of sign), percentage points
#[derive(Debug, clap::Args)]
#[command(after_help = YOY_EXAMPLES, after_long_help = long_help(REFERENCE, YOY_EXAMPLES))]
pub struct YoyArgs {}

const SHARE_EXAMPLES: &str = "\
Examples:
  earnings share
  earnings share --entity alibaba-cloud --format markdown";

/// Shares of a parent or a stated whole, and margins
#[derive(Debug, clap::Args)]
#[command(after_help = SHARE_EXAMPLES, after_long_help = long_help(REFERENCE, SHARE_EXAMPLES))]
pub struct ShareArgs {}

const RUN_RATE_EXAMPLES: &str = "\
Examples:
  earnings run-rate
  earnings run-rate --period FY2026-Q4 --scale million";

/// Annualized run-rates of quarters, months and other sub-year periods
#[derive(Debug, clap::Args)]
#[command(
    after_help = RUN_RATE_EXAMPLES,
    after_long_help = long_help(REFERENCE, RUN_RATE_EXAMPLES)
)]
pub struct RunRateArgs {}

/// Lists the metrics of a family.
pub fn run(family: Family, cx: &Context, out: &mut dyn Write) -> Result<Outcome> {
    if workbook::asked(cx.global) {
        workbook::model(family, cx, out)?;
        return Ok(Outcome::Success);
    }
    let figures = Figures::build(&cx.data)?;
    let section = metrics::section(&figures, family, &cx.selection, &cx.money);
    render::render(out, Report::one(section), &cx.render)?;
    Ok(Outcome::Success)
}
