//! The command line: commands, global options, and running one of them.
//!
//! Each command's doc comment is its help. Input is read and output written
//! in one place ([`read_inputs`], [`Output`]); the commands only build
//! listings.

use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Args, CommandFactory, Parser, Subcommand};

use earnings::arr::{Model, Step};
use earnings::dataset::{Dataset, Input};
use earnings::figures::{Basis, Figures};
use earnings::period::Period;
use earnings::render::chart;
use earnings::render::{self, Format, RenderOptions};
use earnings::report::arr::{self, ArrOptions};
use earnings::report::metrics::{self, Family};
use earnings::report::{self, FxRate, Money, Selection, check, facts, overview};
use earnings::value::Scale;
use earnings::verify::Against;

/// The figures behind an earnings report: year-over-year changes, shares,
/// run-rates and ARR paths, computed exactly on intervals, with every
/// number's source, and checks of the report's own claims.
#[derive(Debug, Parser)]
#[command(name = "earnings", version, about, long_about = None)]
#[command(
    after_help = "Examples:\n  earnings report\n  earnings facts --entity alibaba-cloud --format csv\n  earnings facts --data my-company.json --scale million -o facts.csv"
)]
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

    /// Output format
    #[arg(short, long, value_enum, default_value_t = Format::Table, global = true)]
    pub format: Format,

    /// Keep only this entity and its segments; repeatable
    #[arg(long = "entity", value_name = "ID", global = true)]
    pub entities: Vec<String>,

    /// Keep only this metric; repeatable
    #[arg(long = "metric", value_name = "KEY", global = true)]
    pub metrics: Vec<String>,

    /// Keep only this period (e.g. FY2026, FY2026-Q4); repeatable
    #[arg(long = "period", value_name = "PERIOD", global = true, value_parser = parse_period)]
    pub periods: Vec<Period>,

    /// Money scale for output
    #[arg(long, value_enum, default_value_t = Scale::Billion, global = true)]
    pub scale: Scale,

    /// Convert money into this currency (needs --fx)
    #[arg(long, value_name = "CODE", global = true, value_parser = parse_currency)]
    pub currency: Option<String>,

    /// Exchange rate, e.g. USDCNY=7.20 (one USD is 7.20 CNY); repeatable
    #[arg(long = "fx", value_name = "PAIR=RATE", global = true, value_parser = parse_fx)]
    pub fx: Vec<FxRate>,

    /// Decimals to print in tables [default: as the interval justifies]
    #[arg(long, value_name = "N", global = true, value_parser = clap::value_parser!(u32).range(0..=12))]
    pub precision: Option<u32>,

    /// Write to this file instead of standard output (replaced whole, or not at all)
    #[arg(short, long, value_name = "FILE", global = true)]
    pub output: Option<PathBuf>,

    /// Colour in tables: auto (only on a terminal, and not when NO_COLOR is set), always, never
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    /// Print nothing but the output and errors
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Say what was loaded
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// The analyst's overview: headline figures, plans, derived metrics, ARR paths, claims and data findings (the default)
    #[command(
        after_help = "Examples:\n  earnings report\n  earnings report --format markdown -o report.md\n  earnings report --data q3.json --scale million"
    )]
    Report,
    /// The stated and implied figures, with bounds and provenance
    #[command(
        after_help = "Examples:\n  earnings facts\n  earnings facts --entity alibaba --period FY2026 --format csv\n  earnings facts --metric revenue --scale million --format json"
    )]
    Facts,
    /// Every derived metric: changes, shares, margins, run-rates, implied growth
    #[command(
        after_help = "Examples:\n  earnings metrics\n  earnings metrics --entity alibaba --period FY2026 --format csv\n  earnings metrics --currency USD --fx USDCNY=7.20"
    )]
    Metrics,
    /// Year-over-year changes: absolute, percent (n/m across zero or a change of sign), percentage points
    #[command(
        after_help = "Examples:\n  earnings yoy\n  earnings yoy --metric net_profit --format json\n  earnings yoy --data results.json --format csv -o yoy.csv"
    )]
    Yoy,
    /// Shares of a parent or a stated whole, and margins
    #[command(
        after_help = "Examples:\n  earnings share\n  earnings share --entity alibaba-cloud --format markdown"
    )]
    Share,
    /// Annualized run-rates of quarters, months and other sub-year periods
    #[command(
        after_help = "Examples:\n  earnings run-rate\n  earnings run-rate --period FY2026-Q4 --scale million"
    )]
    RunRate,
    /// ARR milestones, the growth between them and the path they imply, with a chart
    ///
    /// For every metric whose name ends in `arr` with two or more milestones
    /// (stated or implied; a duration period's value sits at its last day):
    /// each milestone with the monthly revenue it corresponds to (ARR / 12);
    /// for each consecutive pair the multiple, compound growth per month,
    /// quarter and year, and the doubling time; and the path between them,
    /// drawn as a bar chart after the table.
    #[command(
        after_help = "Examples:\n  earnings arr\n  earnings arr --entity alibaba-maas --step quarter\n  earnings arr --model linear --format csv -o arr.csv\n  earnings arr --svg arr.svg"
    )]
    Arr(ArrArgs),
    /// Every claim checked against the figures (holds, contradicted, undetermined, unverifiable); exit 1 if one is contradicted
    #[command(
        after_help = "Exit codes: 0 no claim contradicted; 1 a claim contradicted (with --strict, also one undetermined); 2 bad usage or bad data.\n\nExamples:\n  earnings verify\n  earnings verify --against best\n  earnings verify --data my-report.json --strict --format json"
    )]
    Verify(VerifyArgs),
    /// Data findings: conflicts, scale errors, parts above wholes, implausible
    /// sizes, contradicted claims and dataset hygiene; exit 1 on an error
    #[command(
        after_help = "Severities: error (exit 1), warning, note; errors are listed first.\n\nExamples:\n  earnings check\n  earnings check --format json\n  earnings check --data my-company.json --entity my-company --format csv"
    )]
    Check,
    /// An ad hoc question in one line: an expression over the figures, evaluated on intervals with units and sources
    #[command(
        after_help = "Expressions:\n  figures    ENTITY.METRIC@PERIOD, stated or implied (alibaba.revenue@FY2026)\n  numbers    exact as written: 7.3, 2.5bn, 300m, 1.2tn, 10k; 30% (a percent), 1.5x (a multiple)\n  bounds     >30% (more than), >=30% or ≥30%, <30%, <=30% or ≤30%, ~19% or ≈19% (about, ±5%)\n  money      2.5bn CNY; a rate: 7.3 CNY/USD (one USD is 7.3 CNY), so x / 7.3 CNY/USD is in USD\n  operators  + - * / (or − × ÷) and parentheses; a percent is 1/100 of a number\n  functions  yoy(x) prior(x) share(part, whole) margin(x) run_rate(x) cagr(from, to)\n             growth(multiple, months) min(a, b, …) max(a, b, …)\n\nQuote each expression for the shell. Exit codes: 0 evaluated (an n/m result included); 2 a bad expression, an unknown figure or a unit error (the message gives LINE:COLUMN).\n\nExamples:\n  earnings eval 'share(alibaba-cloud.revenue@FY2026, alibaba.revenue@FY2026)'\n  earnings eval 'alibaba.net_profit@FY2026 / alibaba.free_cash_flow@FY2026'\n  earnings eval 'alibaba.revenue@FY2026 / 7.3 CNY/USD' --explain\n  earnings eval 'yoy(alibaba.net_profit@FY2026)' 'margin(alibaba.net_profit@FY2026)' --format json"
    )]
    Eval(EvalArgs),
    /// The JSON Schema of the dataset format, for editors that validate as you type
    #[command(
        after_help = "Examples:\n  earnings schema > earnings-dataset.schema.json\n  earnings schema -o schema.json"
    )]
    Schema,
    /// A shell completion script
    #[command(
        after_help = "Examples:\n  earnings completions bash > ~/.local/share/bash-completion/completions/earnings\n  earnings completions zsh > ~/.zfunc/_earnings\n  earnings completions fish > ~/.config/fish/completions/earnings.fish"
    )]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// The manual page, in roff
    #[command(after_help = "Examples:\n  earnings man | man -l -\n  earnings man -o earnings.1")]
    Man,
}

/// Options of `arr`.
#[derive(Debug, Args)]
pub struct ArrArgs {
    /// How the path runs between milestones
    #[arg(long, value_enum, default_value_t = Model::Compound)]
    pub model: Model,

    /// Path points between milestones: every month end, or every quarter end of the fiscal year
    #[arg(long, value_enum, default_value_t = Step::Month)]
    pub step: Step,

    /// Also draw the chart of the path as an SVG file
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
}

/// The options of `eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The expression; several give one row each (an expression that starts with '-' goes after `--`)
    #[arg(required = true, value_name = "EXPR")]
    pub expressions: Vec<String>,

    /// Also print the evaluation tree, each step with its interval
    #[arg(long)]
    pub explain: bool,

    /// Use this source's figures where it states them, the most trusted elsewhere [default: the most trusted throughout]
    #[arg(long, value_name = "ID")]
    pub source: Option<String>,
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

/// Colour only on a terminal and never with NO_COLOR set, unless asked for.
fn use_color(choice: ColorChoice, to_file: bool) -> bool {
    use std::io::IsTerminal;
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            !to_file && !no_color && io::stdout().is_terminal()
        }
    }
}

/// The options of `verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Which figures to check each claim against
    #[arg(long, value_enum, default_value_t = Against::Own)]
    pub against: Against,

    /// Fail (exit 1) on an undetermined claim too
    #[arg(long)]
    pub strict: bool,
}

fn parse_period(text: &str) -> Result<Period, String> {
    text.parse()
        .map_err(|e: earnings::period::PeriodError| e.to_string())
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

/// Figures in a part of the derived metrics made at once (by one thread).
const ROWS_PART: usize = 4096;

/// What a run ends with, beyond success.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Success,
    /// Exit 1: `verify` found a contradicted claim (or, with `--strict`, an
    /// undetermined one), or `check` found an error.
    Findings,
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<Outcome> {
    let global = &cli.global;
    // Commands about the tool itself need no dataset.
    match &cli.command {
        Some(Command::Schema) => {
            let mut output = Output::open(global.output.as_deref())?;
            serde_json::to_writer_pretty(output.writer(), &earnings::dataset::raw::schema())?;
            writeln!(output.writer())?;
            output.commit()?;
            return Ok(Outcome::Success);
        }
        Some(Command::Completions { shell }) => {
            let mut output = Output::open(global.output.as_deref())?;
            clap_complete::generate(*shell, &mut Cli::command(), "earnings", output.writer());
            output.commit()?;
            return Ok(Outcome::Success);
        }
        Some(Command::Man) => {
            let mut output = Output::open(global.output.as_deref())?;
            clap_mangen::Man::new(Cli::command()).render(output.writer())?;
            output.commit()?;
            return Ok(Outcome::Success);
        }
        _ => {}
    }
    let data = load(&global.data, global.verbose)?;
    let selection = Selection {
        entities: global.entities.clone(),
        metrics: global.metrics.clone(),
        periods: global.periods.clone(),
    };
    selection.check(&data)?;
    let money = Money {
        scale: global.scale,
        currency: global.currency.clone(),
        rates: global.fx.clone(),
    };
    let options = RenderOptions {
        format: global.format,
        precision: global.precision,
        color: use_color(global.color, global.output.is_some()),
        width: terminal_width(global).and_then(|w| u16::try_from(w).ok()),
    };
    let mut output = Output::open(global.output.as_deref())?;
    let outcome = match cli.command.as_ref().unwrap_or(&Command::Report) {
        Command::Report => {
            let sections = overview::sections(&data, &selection, &money)?;
            let figures = Figures::build(&data)?;
            let arr = arr::report(&figures, &selection, &money, &ArrOptions::default())?;
            let charts = illustrations(&arr.charts, global);
            let out = output.writer();
            render::render_report_illustrated(out, "report", &sections, &charts, &options)?;
            Outcome::Success
        }
        Command::Arr(args) => {
            let figures = Figures::build(&data)?;
            let arr_options = ArrOptions {
                model: args.model,
                step: args.step,
            };
            let arr = arr::report(&figures, &selection, &money, &arr_options)?;
            if let Some(path) = &args.svg {
                write_svg(path, &arr.charts, global)?;
            }
            let charts = illustrations(&arr.charts, global);
            let out = output.writer();
            render::render_report_illustrated(out, "arr", &arr.listings(), &charts, &options)?;
            Outcome::Success
        }
        Command::Facts => {
            let figures = Figures::build(&data)?;
            let listing = facts::listing(&figures, &selection, &money)?;
            render::render_listing(output.writer(), &listing, &options)?;
            Outcome::Success
        }
        Command::Metrics | Command::Yoy | Command::Share | Command::RunRate => {
            let family = match cli.command {
                Some(Command::Yoy) => Family::Yoy,
                Some(Command::Share) => Family::Share,
                Some(Command::RunRate) => Family::RunRate,
                _ => Family::All,
            };
            let figures = Figures::build(&data)?;
            if matches!(options.format, Format::Csv | Format::Json) {
                // Written part by part as the parts are made (CSV on every
                // core): a million rows never wait in memory. An error stops
                // the rows where it is met.
                let head = metrics::head(family, &money);
                let parts = earnings::metrics::parts(&figures, ROWS_PART);
                let make = |part: usize| {
                    // Every part asked for is one of `parts`.
                    let part = parts.get(part).cloned();
                    let part = part.unwrap_or(earnings::metrics::Part::Figures(0..0));
                    metrics::rows_of(&figures, family, &selection, &money, part)
                };
                let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
                let failure = render::render_parts(
                    output.writer(),
                    &head,
                    parts.len(),
                    make,
                    threads,
                    &options,
                )?;
                if let Some(error) = failure {
                    return Err(error.into());
                }
            } else {
                let listing = metrics::listing(&figures, family, &selection, &money)?;
                render::render_listing(output.writer(), &listing, &options)?;
            }
            Outcome::Success
        }
        Command::Verify(args) => {
            let figures = Figures::build(&data)?;
            let (listing, summary) =
                report::verify::listing(&figures, &selection, &money, args.against)?;
            render::render_listing(output.writer(), &listing, &options)?;
            if summary.fails(args.strict) {
                Outcome::Findings
            } else {
                Outcome::Success
            }
        }
        Command::Check => {
            let findings = earnings::check::run(&data)?;
            let listing = check::listing(&findings, &data, &selection, &money)?;
            render::render_listing(output.writer(), &listing, &options)?;
            let kept: Vec<_> = findings
                .into_iter()
                .filter(|f| check::keeps(f, &selection, &data))
                .collect();
            if earnings::check::has_errors(&kept) {
                Outcome::Findings
            } else {
                Outcome::Success
            }
        }
        Command::Eval(args) => {
            if let Some(source) = &args.source
                && data.source(source).is_none()
            {
                let known: Vec<&str> = data.sources.iter().map(|s| s.id.as_str()).collect();
                return Err(earnings::Error::Usage(format!(
                    "--source {source:?}: no such source (known: {})",
                    known.join(", ")
                ))
                .into());
            }
            let figures = Figures::build(&data)?;
            let request = report::eval::Request {
                expressions: &args.expressions,
                basis: match &args.source {
                    Some(source) => Basis::SourceFirst(source),
                    None => Basis::MostTrusted,
                },
                explain: args.explain,
            };
            let listings = report::eval::listings(&figures, &request, &money)?;
            match listings.as_slice() {
                [one] => render::render_listing(output.writer(), one, &options)?,
                all => render::render_report(output.writer(), "eval", all, &options)?,
            }
            Outcome::Success
        }
        Command::Schema | Command::Completions { .. } | Command::Man => Outcome::Success,
    };
    output.commit()?;
    // The process ends next: letting it return the memory is quicker than
    // freeing a million facts (and their shared names) one by one.
    std::mem::forget(data);
    Ok(outcome)
}

/// The ARR charts as text, after the path listing, as wide as the terminal
/// they are shown on (or `COLUMNS`, or 80).
fn illustrations(charts: &[chart::BarChart], global: &Global) -> Vec<render::Illustration> {
    let columns = std::env::var("COLUMNS").ok();
    let width = chart::width(terminal_width(global), columns.as_deref());
    charts
        .iter()
        .map(|c| render::Illustration {
            after: "arr_path",
            lines: chart::text(c, width, global.precision),
        })
        .collect()
}

/// The width of the terminal the output is shown on, if it goes to one.
fn terminal_width(global: &Global) -> Option<usize> {
    use std::io::IsTerminal;
    (global.output.is_none() && io::stdout().is_terminal())
        .then(terminal_size::terminal_size)
        .flatten()
        .map(|(terminal_size::Width(w), _)| usize::from(w))
}

/// Writes the ARR charts as one SVG file (replaced whole, or not at all).
fn write_svg(path: &Path, charts: &[chart::BarChart], global: &Global) -> Result<()> {
    anyhow::ensure!(
        !charts.is_empty(),
        earnings::Error::Usage(format!(
            "--svg {}: nothing to draw: no ARR-like metric in the selection has two or more milestones",
            path.display()
        ))
    );
    let document = chart::svg(charts, global.precision)?;
    let mut file = Output::open(Some(path))?;
    file.writer()
        .write_all(document.as_bytes())
        .with_context(|| format!("{}: cannot write", path.display()))?;
    file.commit()?;
    if global.verbose {
        eprintln!("wrote the chart to {}", path.display());
    }
    Ok(())
}

/// Loads the named datasets, or the bundled one.
fn load(paths: &[PathBuf], verbose: bool) -> Result<Dataset> {
    if paths.is_empty() {
        let data = Dataset::bundled()?;
        if verbose {
            eprintln!(
                "loaded the bundled dataset ({} facts, {} claims)",
                data.facts.len(),
                data.claims.len()
            );
        }
        return Ok(data);
    }
    let documents = read_inputs(paths)?;
    let inputs: Vec<Input<'_>> = documents
        .iter()
        .map(|(name, bytes)| Input { name, bytes })
        .collect();
    let data = Dataset::load(&inputs)?;
    if verbose {
        eprintln!(
            "loaded {} file(s) ({} facts, {} claims)",
            paths.len(),
            data.facts.len(),
            data.claims.len()
        );
    }
    Ok(data)
}

/// Reads each file, `-` being standard input (read once).
fn read_inputs(paths: &[PathBuf]) -> Result<Vec<(String, Vec<u8>)>> {
    let mut stdin_read = false;
    paths
        .iter()
        .map(|path| {
            if path.as_os_str() == "-" {
                anyhow::ensure!(
                    !stdin_read,
                    earnings::Error::Usage("--data -: standard input can be read only once".into())
                );
                stdin_read = true;
                let mut bytes = Vec::new();
                io::stdin()
                    .read_to_end(&mut bytes)
                    .context("<stdin>: cannot read standard input")?;
                Ok(("<stdin>".to_string(), bytes))
            } else {
                let name = path.display().to_string();
                let bytes = std::fs::read(path)
                    .map_err(|e| earnings::Error::Usage(format!("{name}: cannot read: {e}")))?;
                Ok((name, bytes))
            }
        })
        .collect()
}

/// Standard output, or a temporary file beside the target that replaces it
/// only when everything was written.
pub struct Output {
    target: Target,
}

enum Target {
    Stdout(BufWriter<io::Stdout>),
    File {
        file: BufWriter<tempfile::NamedTempFile>,
        path: PathBuf,
    },
}

impl Output {
    fn open(path: Option<&Path>) -> Result<Output> {
        let target = match path {
            None => Target::Stdout(BufWriter::new(io::stdout())),
            Some(path) => {
                let dir = match path.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p,
                    _ => Path::new("."),
                };
                let file = tempfile::NamedTempFile::new_in(dir).map_err(|e| {
                    earnings::Error::Usage(format!("{}: cannot write here: {e}", path.display()))
                })?;
                Target::File {
                    file: BufWriter::new(file),
                    path: path.to_path_buf(),
                }
            }
        };
        Ok(Output { target })
    }

    fn writer(&mut self) -> &mut dyn Write {
        match &mut self.target {
            Target::Stdout(w) => w,
            Target::File { file, .. } => file,
        }
    }

    /// Flushes, and moves a file into place.
    fn commit(self) -> Result<()> {
        match self.target {
            Target::Stdout(mut w) => w.flush()?,
            Target::File { file, path } => {
                let file = file.into_inner().map_err(|e| e.into_error())?;
                file.persist(&path).map_err(|e| {
                    earnings::Error::Usage(format!("{}: cannot write: {}", path.display(), e.error))
                })?;
            }
        }
        Ok(())
    }
}
