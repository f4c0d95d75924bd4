//! `earnings verify`: every claim of the dataset checked against the figures.

use std::io::Write;

use anyhow::Result;

use earnings::figures::Figures;
use earnings::listing::Report;
use earnings::render;
use earnings::report;
use earnings::verify;

use crate::cli::{Context, Outcome, long_help, verdict, workbook};

const EXAMPLES: &str = "\
Examples:
  earnings verify
  earnings verify --against best
  earnings verify --data my-report.json --strict --format json
  earnings verify --fail-on contradicted,contested";

const REFERENCE: &str = "\
Outcomes:
  holds         every value the figures allow satisfies the claim (a rounded
                or about claim's own rounding is already in its interval)
  contradicted  no value does, or the figures cannot be (a part of revenue
                above its whole)
  undetermined  some values do and some do not (the reason says how much of
                the interval the figures allow satisfies the claim), or the
                relation is n/m on the figures
  contested     sources disagree on a figure beyond their rounding and the
                outcome depends on which is believed (the reason names each
                reading and its outcome)
  unverifiable  a figure it needs is unknown (the figure it implies is given
                instead), or the relation cannot be computed

Columns (the CSV header, and the fields of each JSON row; JSON is
{\"report\": \"verify\", \"scale\": ..., \"against\": \"own\" or \"best\", \"rows\": [...]},
one row per claim in dataset order; the claims section of report is the
same):
  kind        level, yoy, qoq, ttm, ytd, share, run_rate, multiple, margin
              or expr (a ttm claim is checked against its four quarters, a
              ytd claim against the year to date before and the quarter)
  of          the figure the claim is about, ENTITY.METRIC@PERIOD (for expr,
              the first figure the expression names)
  other       the whole of a share, the base of a multiple, the over figure
              of a margin
  claimed_value, claimed_low, claimed_high
              the claimed value and the interval it allows
  computed_value, computed_low, computed_high
              the claim computed from the figures; empty when it cannot be
  unit, scale money in the output scale; percent for yoy, qoq, share and
              margin; multiple for a multiple
  bound       how the claim is stated: rounded, exact, more_than, at_least,
              less_than, at_most, about or range
  status      reported, target, forecast or plan
  outcome     holds, contradicted, undetermined, contested or unverifiable
  inputs      the figures used, of first, each REFERENCE = value (source at)
              at full precision in the output scale, separated by \"; \"
  alternatives
              what other sources state differently of an input (equally
              trusted ones, and less trusted ones beyond rounding), in the
              same form; the outcome was computed with them too
  missing     the figures no usable source gives
  implied, implied_value, implied_low, implied_high
              for an unverifiable claim, the figure it implies instead, and
              its interval
  source, at  the claim's source and place in it
  reason      why the outcome is what it is, or a caution
  expr        the expression of an expr claim
Tables show the claim, its outcome, the stated and computed values with
their intervals, and a numbered note per reason; with --wide (or --columns
figures,status,at) also the figures used (alternatives after \"or\"), the
claim's status and its place in the source.

Exit codes: 0 no claim came out as one of --fail-on (default: contradicted);
1 one did (with --strict, any claim that does not hold), the output still
written in full, or its reader gone (`verify | head -1` still exits 1); 2
bad usage or bad data.";

/// Every claim checked against the figures (holds, contradicted, undetermined, contested, unverifiable); exit 1 if one is contradicted
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES, after_long_help = long_help(REFERENCE, EXAMPLES))]
pub struct Args {
    /// Which figures to check each claim against
    #[arg(long, value_enum, default_value_t = Against::Own)]
    pub against: Against,

    /// Fail (exit 1) on any claim that does not hold
    #[arg(long, conflicts_with = "fail_on")]
    pub strict: bool,

    /// Fail (exit 1) when a claim comes out as one of these
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "contradicted"
    )]
    pub fail_on: Vec<FailOn>,
}

/// An outcome `--fail-on` can fail on: the CLI's names for
/// [`verify::Outcome`] (all but `holds`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// The figures rule the claim out
    Contradicted,
    /// Some values the figures allow satisfy the claim, some do not
    Undetermined,
    /// A figure the claim needs is unknown
    Unverifiable,
    /// The outcome depends on which of disagreeing sources is believed
    Contested,
}

impl From<FailOn> for verify::Outcome {
    fn from(on: FailOn) -> Self {
        match on {
            FailOn::Contradicted => verify::Outcome::Contradicted,
            FailOn::Undetermined => verify::Outcome::Undetermined,
            FailOn::Unverifiable => verify::Outcome::Unverifiable,
            FailOn::Contested => verify::Outcome::Contested,
        }
    }
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
    let on: Vec<verify::Outcome> = if args.strict {
        verify::Outcome::ALL
            .into_iter()
            .filter(|o| *o != verify::Outcome::Holds)
            .collect()
    } else {
        args.fail_on
            .iter()
            .map(|o| verify::Outcome::from(*o))
            .collect()
    };
    let outcome = if summary.fails(&on) {
        Outcome::Findings
    } else {
        Outcome::Success
    };
    // The verdict is known before a line is written: a reader that goes
    // away (`| head -1`) does not turn it into success.
    let written = if workbook::asked(cx.global) {
        workbook::listing("verdicts", listing, out)
    } else {
        render::render(out, Report::one(listing), &cx.render).map_err(Into::into)
    };
    verdict(outcome, written)
}
