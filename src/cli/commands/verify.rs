//! `earnings verify`: every claim of the dataset checked against the figures.

use std::io::Write;

use anyhow::Result;

use earnings::figures::Figures;
use earnings::render;
use earnings::report;
use earnings::verify::Against;

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

/// Checks the claims; findings when one fails.
pub fn run(args: &Args, cx: &Context, out: &mut dyn Write) -> Result<Outcome> {
    let figures = Figures::build(&cx.data)?;
    let (listing, summary) =
        report::verify::listing(&figures, &cx.selection, &cx.money, args.against)?;
    render::render_listing(out, &listing, &cx.render)?;
    Ok(if summary.fails(args.strict) {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}
