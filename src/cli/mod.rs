//! The command line: the parser, the options every command takes, and the
//! dispatch to one command.
//!
//! Each command lives in its own file under `commands/`: its arguments, its
//! help (the doc comment; the examples `-h` shows; the columns and exit codes
//! `--help` and the manual add) and its `run`. Input is read and output
//! written in one place ([`io`]); the commands only build reports and hand
//! them to a renderer. Which option does something for which command is one
//! table ([`options`]): an option given where it does nothing is refused.
//! Shell completion is answered by the program itself ([`answer_completions`]).

mod commands;
mod io;
mod options;
mod pager;
mod workbook;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::{Args, Parser, Subcommand};
use clap_complete::ArgValueCandidates;

use earnings::dataset::Dataset;
use earnings::listing::Choice;
use earnings::period::Period;
use earnings::render::{self, RenderOptions};
use earnings::report::metrics::Family;
use earnings::report::{FxRate, Money, Selection};
use earnings::text::Digits;
use earnings::value;

use commands::{
    arr, chart, check, completions, eval, extract, facts, import, man, metrics, report, schema,
    statement, verify,
};
use io::Output;

// How `earnings --help` ends; the first line of each text is its heading
// (the manual makes it a section).

/// The examples of `earnings -h`.
const EXAMPLES: &str = "\
Examples:
  earnings report
  earnings facts --entity alibaba-cloud --format csv
  earnings facts --data my-company.json --scale million -o facts.csv";

/// How tables behave, for every command.
const TABLES: &str = "\
Tables for people:
  On a terminal a table fits its width: one line per row, a long cell cut
  and ending in \u{2026}, long text (inputs, formula, note, the place in the
  source) left out. --wide shows every column, --columns KEY,... any set
  (each command's --help lists the keys), --width N sets the width (on a
  terminal, COLUMNS does too). Piped, rows are whole. Scripts should read
  CSV or JSON, whose columns never change with the terminal.";

/// What CSV and JSON output look like, for every command.
const MACHINES: &str = "\
Output for machines:
  CSV         a header row, then one row per record. Numbers are plain
              decimals of at most 15 significant digits (what a
              spreadsheet keeps; --digits N or exact for more), low rounded
              down and high up so the interval still holds the exact one;
              low and high are empty on an unbounded side; unit and scale
              are columns of their own.
  JSON        {\"report\": NAME, \"scale\": ..., \"rows\": [...]}, each row an
              object with the CSV's columns as fields. Every number is a
              string of decimals, so no reader rounds it through a float; an
              empty cell is null.
A report of several sections (report, arr, eval --explain) is
{\"report\": NAME, \"sections\": [...]} in JSON, and one CSV table, so that it
opens as one sheet: a first column, section, names each row's section, then
every section's columns (each key once), empty where a row's section has
none. -o FILE.csv, .json or .md picks the format when --format is not
given; -o FILE.xlsx writes a workbook (facts, metrics, yoy, share,
run-rate, verify, report): the facts, and each metric as live formulas
over them. A text cell that a spreadsheet would run as a
formula starts with '; numbers are never altered. Each command's --help
lists its columns.";

/// The exit codes of every command.
const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  a check found what it looks for: verify a contradicted claim, check an
     error in the data
  2  bad usage or bad data; the first line on standard error names the file,
     line, column and field, what was found and what was expected
A reader that goes away (`earnings verify | head -1`) changes none of
these: verify and check exit with their verdict, the others 0. SIGINT and
SIGTERM end a run with 130 and 143, its temporary output file removed.";

/// The program's long help after the options (`earnings --help`).
fn program_help() -> String {
    format!("{TABLES}\n\n{MACHINES}\n\n{EXIT_CODES}\n\n{EXAMPLES}")
}

/// A command's long help (`--help`, and its entry in the manual): the
/// reference that `-h` leaves out, then the same examples.
fn long_help(reference: &str, examples: &str) -> String {
    format!("{reference}\n\n{examples}")
}

/// The figures behind an earnings report: year-over-year changes, shares,
/// run-rates and ARR paths, computed exactly on intervals, with every
/// number's source, and checks of the report's own claims.
#[derive(Debug, Parser)]
#[command(name = "earnings", version, about, long_about = None)]
#[command(after_help = EXAMPLES, after_long_help = program_help())]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub global: Global,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct Global {
    /// Dataset to load; repeatable; `-` reads standard input [default: the bundled dataset]
    #[arg(short, long = "data", value_name = "FILE", global = true)]
    pub data: Vec<PathBuf>,

    /// Output format [default: from the extension of -o (.csv, .json, .md; .xlsx writes a workbook), else table]
    #[arg(short, long, value_enum, global = true)]
    pub format: Option<Format>,

    /// Keep only this entity and its segments; repeatable
    #[arg(long = "entity", value_name = "ID", global = true, add = ArgValueCandidates::new(completions::entities))]
    pub entities: Vec<String>,

    /// Keep only this metric; repeatable
    #[arg(long = "metric", value_name = "KEY", global = true, add = ArgValueCandidates::new(completions::metrics))]
    pub metrics: Vec<String>,

    /// Keep only this period (e.g. FY2026, FY2026-Q4); repeatable
    #[arg(long = "period", value_name = "PERIOD", global = true, value_parser = parse_period, add = ArgValueCandidates::new(completions::periods))]
    pub periods: Vec<Period>,

    /// Money scale for output [default: billion]
    #[arg(long, value_enum, global = true)]
    pub scale: Option<Scale>,

    /// Convert money into this currency (needs --fx)
    #[arg(long, value_name = "CODE", global = true, value_parser = parse_currency)]
    pub currency: Option<String>,

    /// Exchange rate, e.g. USDCNY=7.20 (one USD is 7.20 CNY); repeatable
    #[arg(long = "fx", value_name = "PAIR=RATE", global = true, value_parser = parse_fx)]
    pub fx: Vec<FxRate>,

    /// Decimals to print in tables and Markdown, more where a figure not zero would show as 0 [default: as the interval justifies]
    #[arg(long, value_name = "N", global = true, value_parser = clap::value_parser!(u32).range(0..=12))]
    pub precision: Option<u32>,

    /// Significant digits of CSV and JSON numbers, 1 to 28, or exact (every digit) [default: 15]
    #[arg(long, value_name = "N|exact", global = true, value_parser = parse_digits)]
    pub digits: Option<Digits>,

    /// Write to this file instead of standard output (replaced whole, or not at all; a link's target is replaced, a FIFO or device written)
    #[arg(short, long, value_name = "FILE", global = true)]
    pub output: Option<PathBuf>,

    /// Colour in tables: auto (only on a terminal, and not when NO_COLOR is set), always, never [default: auto]
    #[arg(long, value_enum, value_name = "WHEN", global = true)]
    pub color: Option<ColorChoice>,

    /// Tables: show every column, long text too (inputs, formula, note, place in the source), rows wrapped at words
    #[arg(long, global = true, conflicts_with = "columns")]
    pub wide: bool,

    /// Tables: show these columns, in this order (e.g. entity,period,value,note); --help of each command lists them
    #[arg(long, value_name = "KEY,...", value_delimiter = ',', num_args = 1.., global = true)]
    pub columns: Vec<String>,

    /// Tables: fit this many columns [default: the terminal's width, or COLUMNS on a terminal; piped, rows are whole]
    #[arg(long, value_name = "N", global = true, value_parser = clap::value_parser!(u16).range(20..))]
    pub width: Option<u16>,

    /// Most bytes --data reads from a pipe, a device or standard input, e.g. 64M, 2G [default: 1G]
    #[arg(long, value_name = "SIZE", global = true)]
    pub max_input: Option<io::MaxInput>,

    /// Say what was loaded
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

/// The commands; each one's help is the doc comment of its arguments.
#[derive(Debug, Subcommand)]
pub enum Command {
    Report(report::Args),
    Facts(facts::Args),
    Metrics(metrics::MetricsArgs),
    Yoy(metrics::YoyArgs),
    Share(metrics::ShareArgs),
    RunRate(metrics::RunRateArgs),
    Statement(statement::Args),
    Arr(arr::Args),
    Chart(chart::Args),
    Verify(verify::Args),
    Check(check::Args),
    Eval(eval::Args),
    Extract(extract::Args),
    Import(import::Args),
    Schema(schema::Args),
    Completions(completions::Args),
    Man(man::Args),
}

/// An output format (`--format`): the CLI's names for [`render::Format`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned tables for people.
    Table,
    /// CSV with a header row, plain decimal numbers.
    Csv,
    /// JSON with numbers as strings of decimals.
    Json,
    /// GitHub-flavoured Markdown tables.
    Markdown,
    /// A workbook: only by `-o FILE.xlsx`, never to standard output.
    #[value(skip)]
    Xlsx,
}

impl From<Format> for render::Format {
    fn from(format: Format) -> Self {
        match format {
            Format::Table => render::Format::Table,
            Format::Csv => render::Format::Csv,
            Format::Json => render::Format::Json,
            Format::Markdown => render::Format::Markdown,
            // A workbook is written by render::xlsx, whose numbers round as
            // CSV's do; the listing renderers never see it.
            Format::Xlsx => render::Format::Csv,
        }
    }
}

/// The money scale of the output (`--scale`): the CLI's names for
/// [`value::Scale`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Scale {
    /// Units (yuan, dollars, orders).
    Unit,
    /// 10^3.
    Thousand,
    /// 10^6.
    Million,
    /// 10^9.
    Billion,
    /// 10^12.
    Trillion,
    /// 万, 10^4.
    Wan,
    /// 亿, 10^8: the Chinese unit most often misread.
    Yi,
}

impl From<Scale> for value::Scale {
    fn from(scale: Scale) -> Self {
        match scale {
            Scale::Unit => value::Scale::Unit,
            Scale::Thousand => value::Scale::Thousand,
            Scale::Million => value::Scale::Million,
            Scale::Billion => value::Scale::Billion,
            Scale::Trillion => value::Scale::Trillion,
            Scale::Wan => value::Scale::Wan,
            Scale::Yi => value::Scale::Yi,
        }
    }
}

/// When to colour tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always (an explicit request wins over NO_COLOR).
    Always,
    /// Never.
    Never,
}

pub(crate) fn parse_period(text: &str) -> Result<Period, String> {
    text.parse()
        .map_err(|e: earnings::period::PeriodError| e.to_string())
}

fn parse_digits(text: &str) -> Result<Digits, String> {
    if text == "exact" {
        return Ok(Digits::Exact);
    }
    match text.parse::<u32>() {
        Ok(n @ 1..=28) => Ok(Digits::Significant(n)),
        _ => Err(format!(
            "{text:?} is not a number of digits (expected 1 to 28, or exact)"
        )),
    }
}

fn parse_fx(text: &str) -> Result<FxRate, String> {
    text.parse()
}

fn parse_currency(text: &str) -> Result<String, String> {
    if text.len() == 3 && text.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(text.to_string())
    } else {
        Err(format!(
            "{text:?} is not a currency code (expected e.g. USD)"
        ))
    }
}

/// What a run ends with, beyond success.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Success,
    /// Exit 1: `verify` found a contradicted claim (or, with `--strict`, an
    /// undetermined one), or `check` found an error.
    Findings,
}

/// What a command that reads a dataset works with: the dataset, the
/// selection and money options, and how to render.
pub struct Context<'a> {
    /// The global options, as given.
    pub global: &'a Global,
    /// The loaded dataset.
    pub data: Dataset,
    /// `--entity`, `--metric`, `--period`.
    pub selection: Selection,
    /// `--scale`, `--currency`, `--fx`.
    pub money: Money,
    /// `--format`, `--precision`, `--color` and the terminal's width.
    pub render: RenderOptions,
}

impl<'a> Context<'a> {
    /// Loads the dataset and checks the selection against it.
    fn load(global: &'a Global) -> Result<Context<'a>> {
        earnings::report::check_rates(&global.fx)?;
        let max_input = global.max_input.unwrap_or_default();
        let data = io::load(&global.data, max_input, global.verbose)?;
        let selection = Selection {
            entities: global.entities.clone(),
            metrics: global.metrics.clone(),
            periods: global.periods.clone(),
        };
        selection.check(&data)?;
        let money = Money {
            scale: global.scale.unwrap_or(Scale::Billion).into(),
            currency: global.currency.clone(),
            rates: global.fx.clone(),
        };
        let render = render_options(global)?;
        Ok(Context {
            global,
            data,
            selection,
            money,
            render,
        })
    }
}

/// `--format`, `--precision`, `--color`, `--digits`, the columns and the
/// terminal's width, as the renderers take them.
fn render_options(global: &Global) -> Result<RenderOptions> {
    Ok(RenderOptions {
        format: output_format(global)?.into(),
        precision: global.precision,
        color: use_color(
            global.color.unwrap_or(ColorChoice::Auto),
            global.output.is_some(),
        ),
        width: terminal_width(global).and_then(|w| u16::try_from(w).ok()),
        digits: global.digits.unwrap_or_default(),
        columns: column_choice(global)?,
    })
}

/// Answers a shell asking for completions, and ends the program; returns
/// at once on any other run.
pub fn answer_completions() {
    completions::answer_if_asked();
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<Outcome> {
    let global = &cli.global;
    let command = cli
        .command
        .unwrap_or(Command::Report(report::Args::default()));
    options::check(&command, global)?;
    match command {
        Command::Report(args) => with_data(global, |cx, out| report::run(&args, cx, out)),
        Command::Facts(_) => with_data(global, facts::run),
        Command::Metrics(_) => with_data(global, |cx, out| metrics::run(Family::All, cx, out)),
        Command::Yoy(_) => with_data(global, |cx, out| metrics::run(Family::Yoy, cx, out)),
        Command::Share(_) => with_data(global, |cx, out| metrics::run(Family::Share, cx, out)),
        Command::RunRate(_) => with_data(global, |cx, out| metrics::run(Family::RunRate, cx, out)),
        Command::Statement(args) => with_data(global, |cx, out| statement::run(&args, cx, out)),
        Command::Arr(args) => with_data(global, |cx, out| arr::run(&args, cx, out)),
        Command::Chart(args) => with_data(global, |cx, out| chart::run(&args, cx, out)),
        Command::Verify(args) => with_data(global, |cx, out| verify::run(&args, cx, out)),
        Command::Check(args) => with_data(global, |cx, out| check::run(&args, cx, out)),
        Command::Eval(args) => with_data(global, |cx, out| eval::run(&args, cx, out)),
        Command::Extract(args) => {
            let render = render_options(global)?;
            about_the_tool(global, |out| extract::run(&args, global, &render, out))
        }
        Command::Import(args) => about_the_tool(global, |out| import::run(&args, out)),
        Command::Schema(_) => about_the_tool(global, schema::run),
        Command::Completions(args) => about_the_tool(global, |out| completions::run(&args, out)),
        Command::Man(_) => about_the_tool(global, man::run),
    }
}

/// Runs a command on the dataset: loads it, then writes what the command
/// makes to the output.
fn with_data(
    global: &Global,
    command: impl FnOnce(&Context, &mut dyn Write) -> Result<Outcome>,
) -> Result<Outcome> {
    // The output first: a path that cannot be written, or that is one of
    // the inputs, is refused before any data is read.
    let mut output = Output::open(global.output.as_deref(), &global.data)?;
    let cx = Context::load(global)?;
    let outcome = command(&cx, output.writer())?;
    written(output.commit())?;
    // The process ends next: letting it return the memory is quicker than
    // freeing a million facts (and their shared names) one by one.
    std::mem::forget(cx.data);
    Ok(outcome)
}

/// Runs a command about the tool itself: it needs no dataset.
fn about_the_tool(
    global: &Global,
    command: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<Outcome> {
    let mut output = Output::open(global.output.as_deref(), &[])?;
    command(output.writer())?;
    output.commit()?;
    Ok(Outcome::Success)
}

/// Whether an error is, at bottom, a reader that went away (`earnings
/// facts | head`): not a failure of the run.
pub fn broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// What writing ended with, a reader that went away being no error: the
/// command's outcome stands (`verify | head -1` still exits 1 on a
/// contradicted claim).
fn written(result: Result<()>) -> Result<()> {
    match result {
        Err(e) if broken_pipe(&e) => Ok(()),
        other => other,
    }
}

/// A command's verdict, which a reader that went away while it was being
/// written does not change; for `verify` and `check`, which compute the
/// verdict before they write.
pub(crate) fn verdict(outcome: Outcome, write: Result<()>) -> Result<Outcome> {
    written(write).map(|()| outcome)
}

/// The format asked for with `--format`, else the one the extension of
/// `-o` names (`.csv`, `.json`, `.md`), else tables; a `--format` that
/// disagrees with the extension is a usage error.
pub(crate) fn output_format(global: &Global) -> Result<Format> {
    match (global.format, named_format(global)) {
        (Some(asked), Some(named)) if asked != named => {
            let path = global.output.as_deref().unwrap_or(Path::new("")).display();
            Err(earnings::Error::Usage(format!(
                "--format {} disagrees with -o {path}, which names {} output: drop --format or rename the file",
                format_name(asked),
                format_name(named)
            ))
            .into())
        }
        (Some(asked), _) => Ok(asked),
        (None, named) => Ok(named.unwrap_or(Format::Table)),
    }
}

/// The format the name of `-o` asks for by its extension, if any.
pub(crate) fn named_format(global: &Global) -> Option<Format> {
    global.output.as_deref().and_then(|path| {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "md" | "markdown" => Some(Format::Markdown),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    })
}

/// A format's name as `--format` takes it.
pub(crate) fn format_name(format: Format) -> String {
    use clap::ValueEnum as _;
    if format == Format::Xlsx {
        return "xlsx".into();
    }
    format
        .to_possible_value()
        .map_or_else(String::new, |v| v.get_name().to_string())
}

/// Colour only on a terminal and never with NO_COLOR set, unless asked for.
fn use_color(choice: ColorChoice, to_file: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            !to_file && !no_color && std::io::stdout().is_terminal()
        }
    }
}

/// The columns tables show (`--wide`, `--columns`); refused for CSV and
/// JSON, which carry every column (`xsv select` or `jq` pick some).
fn column_choice(global: &Global) -> Result<Choice> {
    let choice = match (global.wide, global.columns.as_slice()) {
        (true, _) => Choice::Wide,
        (false, []) => Choice::Usual,
        (false, keys) => Choice::Keys(keys.to_vec()),
    };
    // Whether the format has columns to choose is options::check's to say.
    Ok(choice)
}

/// Whether standard output is a terminal the output is shown on.
fn on_terminal(global: &Global) -> bool {
    global.output.is_none() && std::io::stdout().is_terminal()
}

/// The width tables fit: `--width`; else, on a terminal, `COLUMNS` or the
/// terminal's own width. A pipe or a file has none: rows are whole.
fn terminal_width(global: &Global) -> Option<usize> {
    if let Some(width) = global.width {
        return Some(usize::from(width));
    }
    if !on_terminal(global) {
        return None;
    }
    let columns = std::env::var("COLUMNS").ok();
    columns
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
        .or_else(|| {
            terminal_size::terminal_size().map(|(terminal_size::Width(w), _)| usize::from(w))
        })
}

/// The height of the terminal the output is shown on, if it goes to one.
fn terminal_height(global: &Global) -> Option<usize> {
    on_terminal(global)
        .then(terminal_size::terminal_size)
        .flatten()
        .map(|(_, terminal_size::Height(h))| usize::from(h))
}
