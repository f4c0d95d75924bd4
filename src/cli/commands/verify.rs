//! `earnings verify`: every claim of the dataset checked against the figures.

use std::io::Write;

use anyhow::Result;

use earnings::figures::Figures;
use earnings::listing::Report;
use earnings::render;
use earnings::report;
use earnings::verify;

use crate::cli::{Context, Outcome, long_help};

const EXAMPLES: &str = "\
Examples:
  earnings verify
  earnings verify --against best
  earnings verify --data my-report.json --strict --format json";

const REFERENCE: &str = "\
Outcomes: holds (the figures bear the claim out), contradicted (they rule it
out), undetermined (they do neither), unverifiable (a figure it needs is
unknown; the figure it implies is given instead).

Columns (the CSV header, and the fields of each JSON row; JSON is
{\"report\": \"verify\", \"scale\": ..., \"against\": \"own\" or \"best\", \"rows\": [...]},
one row per claim in dataset order; the claims section of report is the
same):
  kind        level, yoy, share, run_rate, multiple, margin or expr
  of          the figure the claim is about, ENTITY.METRIC@PERIOD (for expr,
              the first figure the expression names)
  other       the whole of a share, the base of a multiple, the over figure
              of a margin
  claimed_value, claimed_low, claimed_high
              the claimed value and the interval it allows
  computed_value, computed_low, computed_high
              the claim computed from the figures; empty when it cannot be
  unit, scale money in the output scale; percent for yoy, share and margin;
              multiple for a multiple
  bound       how the claim is stated: rounded, exact, more_than, at_least,
              less_than, at_most, about or range
  status      reported, target, forecast or plan
  outcome     holds, contradicted, undetermined or unverifiable
  inputs      the figures used, of first, each REFERENCE = value (source at)
              at full precision in the output scale, separated by \"; \"
  alternatives
              what equally trusted sources state differently of an input,
              in the same form; the outcome was computed with them too
  missing     the figures no usable source gives
  implied, implied_value, implied_low, implied_high
              for an unverifiable claim, the figure it implies instead, and
              its interval
  source, at  the claim's source and place in it
  reason      why the outcome is what it is, or a caution
  expr        the expression of an expr claim
Tables show the claim, the stated and computed values with their intervals,
the figures used (alternatives after \"or\"), and a numbered note per reason.

Exit codes: 0 no claim contradicted; 1 a claim contradicted (with --strict,
also one undetermined), the output still written in full; 2 bad usage or
bad data.";

/// Every claim checked against the figures (holds, contradicted, undetermined, unverifiable); exit 1 if one is contradicted
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES, after_long_help = long_help(REFERENCE, EXAMPLES))]
pub struct Args {
    /// Which figures to check each claim against
    #[arg(long, value_enum, default_value_t = Against::Own)]
    pub against: Against,

    /// Fail (exit 1) on an undetermined claim too
    #[arg(long)]
    pub strict: bool,
}

/// Which figures a claim is checked against (`--against`): the CLI's names
/// for [`verify::Against`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Against {
    /// The claim's own source's figures, gaps filled from the others: is the report's arithmetic right?
    Own,
    /// The most trusted figures throughout: is the statement true?
    Best,
}

impl From<Against> for verify::Against {
    fn from(against: Against) -> Self {
        match against {
            Against::Own => verify::Against::Own,
            Against::Best => verify::Against::Best,
        }
    }
}

/// Checks the claims; findings when one fails.
pub fn run(args: &Args, cx: &Context, out: &mut dyn Write) -> Result<Outcome> {
    let figures = Figures::build(&cx.data)?;
    let (listing, summary) =
        report::verify::listing(&figures, &cx.selection, &cx.money, args.against.into())?;
    render::render(out, Report::one(listing), &cx.render)?;
    Ok(if summary.fails(args.strict) {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}
