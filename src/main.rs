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
    // Each piece of data in a message is shown safely where the message is
    // made; this is the last guard, for a message that quotes data raw.
    let shown = |text: String| earnings::shown::lines(&text).into_owned();
    let _ = writeln!(stderr, "earnings: {}", shown(error.to_string()));
    for cause in error.chain().skip(1) {
        let _ = writeln!(stderr, "  caused by: {}", shown(cause.to_string()));
    }
    ExitCode::from(2)
}
