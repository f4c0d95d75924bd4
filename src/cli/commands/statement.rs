//! `earnings statement`: figures as a financial statement reads them,
//! periods as columns, each metric followed by its changes.

use std::io::Write;

use anyhow::Result;

use earnings::figures::Figures;
use earnings::listing::Report;
use earnings::period::Period;
use earnings::render;
use earnings::report::statement::{self, MOST_PERIODS, Options};

use crate::cli::{Context, Outcome, long_help};

const EXAMPLES: &str = "\
Examples:
  earnings statement --entity alibaba --metric revenue --metric net_profit
  earnings statement --periods FY2023..FY2026 --format csv
  earnings statement --quarterly --data results.json -o statement.md";

const REFERENCE: &str = "\
Rows: for each entity and metric, its figures, then the lines computed from
them (a line with no value in any period shown is left out):
  YoY %       percent change against the prior-year period (n/m across zero
              or a change of sign); change pp for a percent-valued metric
  QoQ %       (--quarterly) percent change against the quarter before, by
              dates, across fiscal years
  TTM         (--quarterly) the trailing twelve months of a flow ending with
              the quarter: its four quarters summed, or the year before plus
              the year to date less the same span a year earlier
  TTM YoY %   (--quarterly) the TTM against the TTM a year earlier
Reported figures that sources state: targets, forecasts and plans, and
figures a claim implies, are in earnings facts.
Each figure is the most trusted source's (see earnings facts), with the
marker of its bound (>30, ≥10, ≈41.6, 60–80%); inputs and formulas of every
line: earnings metrics --wide.

Columns (the CSV header, and the fields of each JSON row):
  entity, metric
              the figure's entity and metric (tables: a metric's lines sit
              under it, labelled YoY %, change pp, QoQ %, TTM, TTM YoY %)
  line        figure, yoy, change_pp, qoq, ttm or ttm_yoy
  unit, scale as in facts; percent for changes, pp for a change in points
  PERIOD, PERIOD_low, PERIOD_high
              for each period, latest first (FY2026, FY2026_low,
              FY2026_high, FY2025, ...): the point value and its interval,
              empty (null in JSON) where there is none or it is n/m; tables
              show one column per period, the value with its bound marker
On a terminal too narrow for every period, the oldest periods are left out
(the line under the table names them; --width, --columns).

Exit codes: 0 success; 2 bad usage or bad data (a --periods span of more
than 400 periods, a period that is not a year without --quarterly).";

/// Periods side by side as in a financial statement: each metric's figures, YoY, QoQ and TTM
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES, after_long_help = long_help(REFERENCE, EXAMPLES))]
pub struct Args {
    /// The periods to set side by side, a span or one period (e.g. FY2023..FY2026, FY2025-Q1..FY2026-Q2) [default: every period with a figure]
    #[arg(long = "periods", value_name = "SPAN", value_parser = crate::cli::parse_period)]
    pub span: Option<Period>,

    /// Quarters instead of years, with QoQ and TTM lines
    #[arg(long)]
    pub quarterly: bool,
}

/// Sets the figures out as a statement.
pub fn run(args: &Args, cx: &Context, out: &mut dyn Write) -> Result<Outcome> {
    let options = options(args)?;
    let figures = Figures::build(&cx.data)?;
    let listing = statement::listing(&figures, &cx.selection, &cx.money, &options)?;
    render::render(out, Report::one(listing), &cx.render)?;
    Ok(Outcome::Success)
}

/// The statement's periods: those `--periods` names, of the kind asked
/// for (quarters with `--quarterly`, or when the span is of quarters).
fn options(args: &Args) -> Result<Options> {
    let Some(span) = &args.span else {
        return Ok(Options {
            quarterly: args.quarterly,
            periods: Vec::new(),
        });
    };
    let periods = span.parts(MOST_PERIODS).ok_or_else(|| {
        earnings::Error::Usage(format!(
            "--periods {span}: more than {MOST_PERIODS} periods (a statement sets a few side by side)"
        ))
    })?;
    let quarters = periods.iter().all(|p| p.quarter_before().is_some());
    let years = periods
        .iter()
        .all(|p| p.year_of_quarter().is_none() && p.months() == Some(12));
    match (args.quarterly, quarters, years) {
        (_, true, _) => Ok(Options {
            quarterly: true,
            periods,
        }),
        (false, _, true) => Ok(Options {
            quarterly: false,
            periods,
        }),
        (true, _, _) => Err(earnings::Error::Usage(format!(
            "--periods {span} with --quarterly: expected quarters (e.g. FY2025-Q1..FY2026-Q2)"
        ))
        .into()),
        (false, _, _) => Err(earnings::Error::Usage(format!(
            "--periods {span}: expected years (e.g. FY2023..FY2026) or quarters (FY2025-Q1..FY2026-Q2)"
        ))
        .into()),
    }
}
