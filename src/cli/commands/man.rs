//! `earnings man`: the manual page.
//!
//! clap_mangen renders the name, synopsis, description and the options every
//! command takes. Each command's entry is its own `--help` (without those
//! options), kept as laid out, so that its columns and exit codes read as
//! they do on a terminal; then the output for machines, the exit codes and
//! the examples of `earnings --help`.

use std::io::Write;

use anyhow::Result;
use clap::CommandFactory;
use roff::{Roff, roman};

use crate::cli::{Cli, EXAMPLES, EXIT_CODES, MACHINES, TABLES};

const MAN_EXAMPLES: &str = "\
Examples:
  earnings man | man -l -
  earnings man -o earnings.1";

/// The manual page, in roff
#[derive(Debug, clap::Args)]
#[command(after_help = MAN_EXAMPLES)]
pub struct Args {}

/// The width the commands' help is laid out for, as on a terminal.
const WIDTH: usize = 80;

/// Writes the page.
pub fn run(out: &mut dyn Write) -> Result<()> {
    let cli = Cli::command();
    let man = clap_mangen::Man::new(cli.clone());
    let mut page = Page::default();
    page.add(|w| man.render_title(w))?;
    page.add(|w| man.render_name_section(w))?;
    page.add(|w| man.render_synopsis_section(w))?;
    page.add(|w| man.render_description_section(w))?;
    page.add(|w| man.render_options_section(w))?;
    page.add(|w| commands(&cli).to_writer(w))?;
    page.add(|w| reference().to_writer(w))?;
    page.add(|w| man.render_version_section(w))?;
    out.write_all(&page.roff)?;
    Ok(())
}

/// A page made of sections rendered one by one, each of which opens with
/// the same preamble (a definition of the apostrophe): kept once.
#[derive(Default)]
struct Page {
    roff: Vec<u8>,
}

impl Page {
    fn add(&mut self, render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
        let mut section = Vec::new();
        render(&mut section)?;
        let preamble = Roff::new().render();
        let section = match section.strip_prefix(preamble.as_bytes()) {
            Some(rest) if !self.roff.is_empty() => rest,
            _ => &section,
        };
        self.roff.extend_from_slice(section);
        Ok(())
    }
}

/// COMMANDS: each command under its name, with its help as laid out.
fn commands(cli: &clap::Command) -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    for command in cli.get_subcommands() {
        let name = format!("earnings {}", command.get_name());
        roff.control("SS", [name.as_str()]);
        let help = command
            .clone()
            .bin_name(&name)
            .disable_help_flag(true)
            .term_width(WIDTH)
            .render_long_help()
            .to_string();
        preformatted(&mut roff, help.lines());
    }
    roff
}

/// TABLES, OUTPUT FOR MACHINES, EXIT STATUS and EXAMPLES, as `earnings --help`
/// ends (the first line of each text is its heading there).
fn reference() -> Roff {
    let mut roff = Roff::new();
    for (heading, text) in [
        ("TABLES", TABLES),
        ("OUTPUT FOR MACHINES", MACHINES),
        ("EXIT STATUS", EXIT_CODES),
        ("EXAMPLES", EXAMPLES),
    ] {
        roff.control("SH", [heading]);
        preformatted(&mut roff, text.lines().skip(1));
    }
    roff
}

/// Lines kept as they are: not filled, not adjusted.
fn preformatted<'a>(roff: &mut Roff, lines: impl Iterator<Item = &'a str>) {
    roff.control("nf", []);
    for line in lines {
        roff.text([roman(line)]);
    }
    roff.control("fi", []);
}
