//! `earnings facts`: every figure, stated or implied, with its bounds and
//! its source.

use std::io::Write;

use anyhow::Result;

use earnings::figures::Figures;
use earnings::listing::Report;
use earnings::render;
use earnings::report::facts;

use crate::cli::{Context, Outcome, long_help, workbook};

const EXAMPLES: &str = "\
Examples:
  earnings facts
  earnings facts --entity alibaba --period FY2026 --format csv
  earnings facts --metric revenue --scale million --format json";

const REFERENCE: &str = "\
Columns (the CSV header, and the fields of each JSON row):
  entity, metric, period
              the figure; the period in its canonical form (FY2026-Q4)
  value       the stated value, in the output scale for money
  low, high   the interval it allows; empty (null in JSON) on an unbounded
              side
  unit        CNY, USD, percent, ratio, multiple, or a count word
  scale       the scale of value, low and high: --scale for money, unit
              otherwise
  bound       rounded, exact, more_than, at_least, less_than, at_most, about,
              range, or implied for a figure solved from a claim or given
              by a definition (the dataset's definitions: free_cash_flow =
              operating_cash_flow - capex)
  status      reported, target, forecast or plan
  source, at  the source's id and the place in it (for a figure a claim
              implies, its claim's; for a definition's, \"by definition\"
              and the formula)
  note        the dataset's note (for a figure a claim implies, the claim
              and the formula; for a definition's, the definition and each
              operand with its value and provenance)
  conflict    true when sources disagree on the figure (see check)
Tables show each value with its interval, the scale above the table, and a !
where sources disagree; bound and at only with --wide (or --columns).

Exit codes: 0 success; 2 bad usage or bad data.";

/// The stated and implied figures, with bounds and provenance
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES, after_long_help = long_help(REFERENCE, EXAMPLES))]
pub struct Args {}

/// Lists the figures.
pub fn run(cx: &Context, out: &mut dyn Write) -> Result<Outcome> {
    let figures = Figures::build(&cx.data)?;
    let section = facts::section(&figures, &cx.selection, &cx.money);
    if workbook::asked(cx.global) {
        workbook::listing("facts", section, out)?;
        return Ok(Outcome::Success);
    }
    render::render(out, Report::one(section), &cx.render)?;
    Ok(Outcome::Success)
}
