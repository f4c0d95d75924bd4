//! `earnings check`: what an analyst should look at in the data before
//! trusting the figures.

use std::io::Write;

use anyhow::Result;

use earnings::render;
use earnings::report::check;

use crate::cli::{Context, Outcome};

/// Data findings: conflicts, scale errors, parts above wholes, implausible
/// sizes, contradicted claims and dataset hygiene; exit 1 on an error
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Severities: error (exit 1), warning, note; errors are listed first.\n\nExamples:\n  earnings check\n  earnings check --format json\n  earnings check --data my-company.json --entity my-company --format csv"
)]
pub struct Args {}

/// Lists the findings; findings when one kept is an error.
pub fn run(cx: &Context, out: &mut dyn Write) -> Result<Outcome> {
    let findings = earnings::check::run(&cx.data)?;
    let listing = check::listing(&findings, &cx.data, &cx.selection, &cx.money)?;
    render::render_listing(out, &listing, &cx.render)?;
    let kept: Vec<_> = findings
        .into_iter()
        .filter(|f| check::keeps(f, &cx.selection, &cx.data))
        .collect();
    Ok(if earnings::check::has_errors(&kept) {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}
