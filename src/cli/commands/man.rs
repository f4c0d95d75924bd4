//! `earnings man`: the manual page.

use std::io::Write;

use anyhow::Result;
use clap::CommandFactory;

use crate::cli::Cli;

/// The manual page, in roff
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  earnings man | man -l -\n  earnings man -o earnings.1")]
pub struct Args {}

/// Writes the page.
pub fn run(out: &mut dyn Write) -> Result<()> {
    clap_mangen::Man::new(Cli::command()).render(out)?;
    Ok(())
}
