//! `earnings facts`: every figure, stated or implied, with its bounds and
//! its source.

use std::io::Write;

use anyhow::Result;

use earnings::figures::Figures;
use earnings::render;
use earnings::report::facts;

use crate::cli::{Context, Outcome};

/// The stated and implied figures, with bounds and provenance
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  earnings facts\n  earnings facts --entity alibaba --period FY2026 --format csv\n  earnings facts --metric revenue --scale million --format json"
)]
pub struct Args {}

/// Lists the figures.
pub fn run(cx: &Context, out: &mut dyn Write) -> Result<Outcome> {
    let figures = Figures::build(&cx.data)?;
    let listing = facts::listing(&figures, &cx.selection, &cx.money)?;
    render::render_listing(out, &listing, &cx.render)?;
    Ok(Outcome::Success)
}
