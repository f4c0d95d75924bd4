//! `earnings verify`: every claim of the dataset checked against the figures.

use std::io::Write;

use anyhow::Result;

use earnings::figures::Figures;
use earnings::render;
use earnings::report;
use earnings::verify;

use crate::cli::{Context, Outcome};

/// Every claim checked against the figures (holds, contradicted, undetermined, unverifiable); exit 1 if one is contradicted
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit codes: 0 no claim contradicted; 1 a claim contradicted (with --strict, also one undetermined); 2 bad usage or bad data.\n\nExamples:\n  earnings verify\n  earnings verify --against best\n  earnings verify --data my-report.json --strict --format json"
)]
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
    render::render_listing(out, &listing, &cx.render)?;
    Ok(if summary.fails(args.strict) {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}
