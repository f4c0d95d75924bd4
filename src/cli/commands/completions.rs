//! `earnings completions`: a shell completion script that completes the
//! commands, the options, and the values of `--entity`, `--metric` and
//! `--period` from the data being loaded.
//!
//! The script asks `earnings` itself for the candidates as you type
//! (clap_complete's dynamic completion: the shell runs
//! `COMPLETE=SHELL earnings -- WORDS…`, answered in `main` before anything
//! else), so the values come from the bundled data or from the `--data`
//! files on the line.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::{CommandFactory, FromArgMatches as _};
use clap_complete::CompletionCandidate;
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};

use earnings::dataset::Dataset;

use crate::cli::{Cli, io};

/// The variable that asks `earnings` for completions instead of a run.
pub const VARIABLE: &str = "COMPLETE";

const EXAMPLES: &str = "\
Examples:
  earnings completions bash > ~/.local/share/bash-completion/completions/earnings
  earnings completions zsh > ~/.zfunc/_earnings
  earnings completions fish > ~/.config/fish/completions/earnings.fish
  echo 'source <(earnings completions bash)' >> ~/.bashrc";

const REFERENCE: &str = "\
The script completes the commands, the options and their values; the values
of --entity, --metric and --period are those of the data the command line
loads (the bundled data, or the --data files on it), read as you press Tab.
It calls earnings to complete, so a script written by one version is best
replaced when earnings is upgraded (or generated as the shell starts, as the
last example does).

Exit codes: 0 success; 2 bad usage.";

/// A shell completion script that knows the entities, metrics and periods of the data
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES, after_long_help = crate::cli::long_help(REFERENCE, EXAMPLES))]
pub struct Args {
    /// The shell
    #[arg(value_enum)]
    pub shell: Shell,
}

/// The shells completed (`completions SHELL`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    /// GNU Bash.
    Bash,
    /// Z shell.
    Zsh,
    /// The friendly interactive shell.
    Fish,
    /// PowerShell.
    Powershell,
    /// Elvish.
    Elvish,
}

/// Writes the script for the shell asked for: the registration
/// clap_complete writes for `COMPLETE=SHELL earnings`. It completes the
/// word `earnings` by calling `earnings`, the program the shell finds for
/// that word.
pub fn run(args: &Args, out: &mut dyn Write) -> Result<()> {
    let shell: &dyn EnvCompleter = match args.shell {
        Shell::Bash => &Bash,
        Shell::Zsh => &Zsh,
        Shell::Fish => &Fish,
        Shell::Powershell => &Powershell,
        Shell::Elvish => &Elvish,
    };
    shell.write_registration(VARIABLE, "earnings", "earnings", "earnings", out)?;
    Ok(())
}

/// Answers a completion request (`COMPLETE=SHELL earnings -- WORDS…`) and
/// exits; returns at once otherwise.
pub fn answer_if_asked() {
    clap_complete::CompleteEnv::with_factory(Cli::command)
        .var(VARIABLE)
        .complete();
}

/// The entity ids of the data on the line being completed, each with its
/// name.
pub fn entities() -> Vec<CompletionCandidate> {
    let Some(data) = data_on_the_line() else {
        return Vec::new();
    };
    data.entities
        .iter()
        .map(|e| CompletionCandidate::new(&e.id).help(Some(e.name.clone().into())))
        .collect()
}

/// The metric keys of the data on the line being completed.
pub fn metrics() -> Vec<CompletionCandidate> {
    figures_on_the_line(|figure| figure.metric.to_string())
}

/// The periods of the data on the line being completed.
pub fn periods() -> Vec<CompletionCandidate> {
    figures_on_the_line(|figure| figure.period.to_string())
}

/// One candidate per distinct `part` of the figures stated or claimed, in
/// order.
fn figures_on_the_line(
    part: impl Fn(&earnings::reference::Reference) -> String,
) -> Vec<CompletionCandidate> {
    let Some(data) = data_on_the_line() else {
        return Vec::new();
    };
    let figures = data.facts.iter().map(|f| f.figure.clone()).chain(
        data.claims
            .iter()
            .flat_map(|claim| claim.relation.figures()),
    );
    let mut values: Vec<String> = figures.map(|figure| part(&figure)).collect();
    values.sort();
    values.dedup();
    values.into_iter().map(CompletionCandidate::new).collect()
}

/// The data the command line being completed loads: its `--data` files
/// (standard input is not read while completing), or the bundled data.
/// `None` where it cannot be read.
fn data_on_the_line() -> Option<Dataset> {
    // The shell calls `earnings -- earnings WORDS…`: the words are after the `--`.
    let words: Vec<OsString> = std::env::args_os()
        .skip_while(|word| word != "--")
        .skip(1)
        .collect();
    // The line as clap reads it, errors aside (it is being typed).
    let matches = Cli::command()
        .ignore_errors(true)
        .try_get_matches_from(&words)
        .ok()?;
    let global = Cli::from_arg_matches(&matches).ok()?.global;
    let files: Vec<PathBuf> = global
        .data
        .into_iter()
        .filter(|path| path.as_os_str() != "-")
        .collect();
    io::load(&files, io::MaxInput::default(), false).ok()
}
