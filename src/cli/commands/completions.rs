//! `earnings completions`: a shell completion script.

use std::io::Write;

use anyhow::Result;
use clap::CommandFactory;

use crate::cli::Cli;

const EXAMPLES: &str = "\
Examples:
  earnings completions bash > ~/.local/share/bash-completion/completions/earnings
  earnings completions zsh > ~/.zfunc/_earnings
  earnings completions fish > ~/.config/fish/completions/earnings.fish";

/// A shell completion script
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Writes the script for the shell asked for.
pub fn run(args: &Args, out: &mut dyn Write) -> Result<()> {
    clap_complete::generate(args.shell, &mut Cli::command(), "earnings", out);
    Ok(())
}
