//! `earnings`: parse the command line, run it, map the outcome to an exit
//! code (0 success, 1 findings, 2 bad usage or bad data).

mod cli;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // A shell asking for completions (`COMPLETE=bash earnings -- …`) is
    // answered here, and the program ends.
    cli::answer_completions();
    let cli = cli::Cli::parse();
    match cli::run(cli) {
        Ok(cli::Outcome::Success) => ExitCode::SUCCESS,
        Ok(cli::Outcome::Findings) => ExitCode::from(1),
        Err(error) => report(&error),
    }
}

/// Prints the error, one clear line first, and picks the exit code.
fn report(error: &anyhow::Error) -> ExitCode {
    // A reader that went away (`earnings facts | head`) is not a failure
    // of a command that has no verdict; `verify` and `check` keep theirs
    // (cli::verdict), so an error here is never one of theirs.
    if cli::broken_pipe(error) {
        return ExitCode::SUCCESS;
    }
    let mut stderr = io::stderr().lock();
    let _ = writeln!(stderr, "earnings: {error}");
    for cause in error.chain().skip(1) {
        let _ = writeln!(stderr, "  caused by: {cause}");
    }
    ExitCode::from(2)
}
