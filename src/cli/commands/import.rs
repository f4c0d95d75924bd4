//! `earnings import sec`: the SEC's XBRL company facts turned into an
//! `earnings-dataset/1` document (data/FORMAT.md, Importing SEC company
//! facts).

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::Value;

use earnings::dataset::FORMAT;
use earnings::import::{Concepts, Parts, sec};

use crate::cli::long_help;

const EXAMPLES: &str = "\
Examples:
  earnings import sec CIK0000320193.json -o apple.json
  earnings import sec companyfacts.zip -o filers.json
  earnings import sec companyfacts/ --concepts my-concepts.json -o filers.json
  earnings import sec CIK0000320193.json --entity-id apple | earnings facts --data -";

const REFERENCE: &str = "\
What it writes:
  One entity per company (its id from --entity-id, else from its name:
  Apple Inc. is apple-inc), with the fiscal year end its annual periods
  keep (06-30, or a 52/53-week rule such as last sat sep); one source per
  filing, its accession number the id (kind filing for a 10-K, 10-Q, 20-F
  or 40-F and their amendments, release for any other form, so that a
  proxy statement's figures are trusted below them); one exact fact per
  figure, placed at its concept and the dates it was filed for.
  Periods come from each fact's start and end on that calendar, never from
  its fy and fp (those of the filing): a year, a quarter of any length in
  weeks, or a year to date (FY2024-Q1..FY2024-Q3). Facts of other spans
  are left out, and counted on standard error.
  The quarters filings imply: a year to date less the one before it is its
  last quarter (the year less the nine months to date is the fourth), as
  a ytd claim of the filing that states the longer figure, so the quarter
  is an implied figure with its formula and inputs; one whose operands are
  not both filed, or start on different days, is counted on standard error
  as not derivable, never taken from a longer period.
  A value filed again for the same period is kept once, cited to the first
  filing; a different value is kept beside it (a restatement, or another
  form's disagreement), and `earnings check` reports it.
  Free cash flow is defined as operating_cash_flow - capex in the
  dataset's definitions, so it is an implied figure, with its formula and
  operands, for every year and quarter that has both.
  Which concepts feed which metric, and those definitions, are
  data/sec-concepts.json; --concepts FILE replaces it (the same shape).
  A zip archive (the SEC's companyfacts.zip) is read entry by entry without
  unpacking it, and the output written a company at a time; on a terminal
  a progress bar counts the companies.

Exit codes:
  0  written
  2  a file or the concepts file is malformed (the message names the file
     and the place in it: facts.us-gaap.Revenues.units.USD[3].end), or the
     arguments are wrong";

/// Import figures others publish as a dataset
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES, after_long_help = long_help(REFERENCE, EXAMPLES))]
pub struct Args {
    #[command(subcommand)]
    pub from: From,
}

/// Where the figures come from.
#[derive(Debug, clap::Subcommand)]
pub enum From {
    /// SEC XBRL company facts (CIK##########.json files, or directories of them)
    #[command(after_help = EXAMPLES, after_long_help = long_help(REFERENCE, EXAMPLES))]
    Sec(SecArgs),
}

/// The arguments of `import sec`.
#[derive(Debug, clap::Args)]
pub struct SecArgs {
    /// Company-facts files, directories whose .json files are read, or zip archives of them (the SEC's companyfacts.zip)
    #[arg(required = true, value_name = "FILE")]
    pub paths: Vec<PathBuf>,

    /// The entity id to file the figures under (one company only) [default: from its name]
    #[arg(long, value_name = "ID")]
    pub entity_id: Option<String>,

    /// Concept-to-metric mapping to use instead of data/sec-concepts.json
    #[arg(long, value_name = "FILE")]
    pub concepts: Option<PathBuf>,
}

/// Reads every file and writes the dataset, one company at a time.
pub fn run(args: &Args, out: &mut dyn Write) -> Result<()> {
    let From::Sec(args) = &args.from;
    let concepts = match &args.concepts {
        None => Concepts::bundled()?,
        Some(path) => Concepts::parse(&path.display().to_string(), &read(path)?)?,
    };
    if let Some(id) = args
        .entity_id
        .as_deref()
        .filter(|id| !sec::is_entity_id(id))
    {
        return Err(earnings::Error::Usage(format!(
            "--entity-id {id:?} is not an entity id (lowercase letters, digits and -, e.g. apple)"
        ))
        .into());
    }
    let inputs = inputs(&args.paths)?;
    let companies: u64 = inputs.iter().map(|i| i.count).sum();
    if args.entity_id.is_some() && companies != 1 {
        return Err(earnings::Error::Usage(format!(
            "--entity-id names one company, but {companies} files were given"
        ))
        .into());
    }
    let progress = ProgressBar::with_draw_target(Some(companies), ProgressDrawTarget::stderr());
    progress.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} companies, {elapsed} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut writer = Writer::new()?;
    let mut left_out = Unused::new("period(s) left out");
    let mut not_derivable = Unused::new("quarter(s) not derivable");
    for input in &inputs {
        each_file(input, &progress, &mut |name, bytes| {
            let company = sec::read(name, bytes, &concepts, args.entity_id.as_deref())?;
            left_out.add(name, &company.left_out);
            not_derivable.add(name, &company.not_derivable);
            writer.add(&company)
        })?;
    }
    progress.finish_and_clear();
    writer.finish(out, earnings::import::definitions(&concepts).as_ref())?;
    left_out.report();
    not_derivable.report();
    Ok(())
}

/// Facts left out, or quarters not derivable, said once at the end: a
/// bulk import would otherwise print a line for most of its files.
struct Unused {
    what: &'static str,
    facts: usize,
    files: usize,
    example: Option<String>,
}

impl Unused {
    fn new(what: &'static str) -> Unused {
        Unused {
            what,
            facts: 0,
            files: 0,
            example: None,
        }
    }

    fn add(&mut self, file: &str, left_out: &[String]) {
        if let Some(first) = left_out.first() {
            self.facts = self.facts.saturating_add(left_out.len());
            self.files = self.files.saturating_add(1);
            self.example
                .get_or_insert_with(|| format!("{file}: {first}"));
        }
    }

    fn report(&self) {
        if let Some(example) = &self.example {
            eprintln!(
                "earnings: {} {} in {} file(s), e.g. {example}",
                self.facts, self.what, self.files
            );
        }
    }
}

/// One path named: a company-facts file, or a zip archive of them.
struct Source {
    path: PathBuf,
    archive: bool,
    count: u64,
}

/// The paths named: a directory stands for its `.json` files in name
/// order; a `.zip` file is an archive of company-facts files.
fn inputs(paths: &[PathBuf]) -> Result<Vec<Source>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|e| cannot_read(path, &e))?;
            let mut found = Vec::new();
            for entry in entries {
                let entry = entry.map_err(|e| cannot_read(path, &e))?.path();
                if entry.extension().is_some_and(|x| x == "json") {
                    found.push(entry);
                }
            }
            found.sort();
            files.extend(found.into_iter().map(|path| Source {
                path,
                archive: false,
                count: 1,
            }));
        } else if path
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("zip"))
        {
            let count = archive(path)?.len();
            files.push(Source {
                path: path.clone(),
                archive: true,
                count: u64::try_from(count).unwrap_or(u64::MAX),
            });
        } else {
            files.push(Source {
                path: path.clone(),
                archive: false,
                count: 1,
            });
        }
    }
    Ok(files)
}

fn archive(path: &Path) -> Result<zip::ZipArchive<BufReader<File>>> {
    let file = File::open(path).map_err(|e| cannot_read(path, &e))?;
    zip::ZipArchive::new(BufReader::new(file)).map_err(|e| {
        earnings::Error::Usage(format!("{}: not a zip archive: {e}", path.display())).into()
    })
}

/// Hands each company-facts document of `input` to `each`, one at a time:
/// an archive's entries in order, each read from the archive into memory
/// alone (nothing is unpacked to disk).
fn each_file(
    input: &Source,
    progress: &ProgressBar,
    each: &mut dyn FnMut(&str, &[u8]) -> Result<()>,
) -> Result<()> {
    let name = input.path.display().to_string();
    if !input.archive {
        each(&name, &read(&input.path)?)?;
        progress.inc(1);
        return Ok(());
    }
    let mut zip = archive(&input.path)?;
    let mut bytes = Vec::new();
    for index in 0..zip.len() {
        let mut entry = zip
            .by_index(index)
            .map_err(|e| earnings::Error::Usage(format!("{name}: entry {index}: {e}")))?;
        let entry_name = format!("{name}:{}", entry.name());
        progress.inc(1);
        if entry.is_dir() || !entry.name().ends_with(".json") {
            continue;
        }
        bytes.clear();
        entry
            .read_to_end(&mut bytes)
            .map_err(|e| earnings::Error::Usage(format!("{entry_name}: cannot read: {e}")))?;
        each(&entry_name, &bytes)?;
    }
    Ok(())
}

/// Writes the document a company at a time: sources and facts go to
/// temporary files as they come and are copied out at the end, so memory
/// holds one company (and the ids already given), whatever the archive.
struct Writer {
    parts: Parts,
    sources: BufWriter<File>,
    entities: Vec<(String, Value)>,
    facts: BufWriter<File>,
    claims: BufWriter<File>,
    any_source: bool,
    any_fact: bool,
    any_claim: bool,
}

impl Writer {
    fn new() -> Result<Writer> {
        let spill = || -> Result<BufWriter<File>> {
            let file = tempfile::tempfile().map_err(|e| {
                earnings::Error::Usage(format!("cannot make a temporary file: {e}"))
            })?;
            Ok(BufWriter::new(file))
        };
        Ok(Writer {
            parts: Parts::default(),
            sources: spill()?,
            entities: Vec::new(),
            facts: spill()?,
            claims: spill()?,
            any_source: false,
            any_fact: false,
            any_claim: false,
        })
    }

    fn add(&mut self, company: &sec::Company) -> Result<()> {
        self.entities.push(self.parts.entity(company));
        for (id, source) in self.parts.sources(company) {
            let comma = if self.any_source { ",\n" } else { "" };
            write!(self.sources, "{comma}    {}: ", Value::String(id))?;
            serde_json::to_writer(&mut self.sources, &source)?;
            self.any_source = true;
        }
        for fact in self.parts.facts(company) {
            let comma = if self.any_fact { ",\n" } else { "" };
            write!(self.facts, "{comma}    ")?;
            serde_json::to_writer(&mut self.facts, &fact)?;
            self.any_fact = true;
        }
        for claim in self.parts.claims(company) {
            let comma = if self.any_claim { ",\n" } else { "" };
            write!(self.claims, "{comma}    ")?;
            serde_json::to_writer(&mut self.claims, &claim)?;
            self.any_claim = true;
        }
        Ok(())
    }

    fn finish(self, out: &mut dyn Write, definitions: Option<&Value>) -> Result<()> {
        let copy = |spill: BufWriter<File>, out: &mut dyn Write| -> Result<()> {
            let mut file = spill.into_inner().map_err(|e| e.into_error())?;
            file.seek(SeekFrom::Start(0))?;
            std::io::copy(&mut file, out)?;
            Ok(())
        };
        writeln!(
            out,
            "{{\n  \"format\": {},\n  \"sources\": {{",
            Value::from(FORMAT)
        )?;
        copy(self.sources, out)?;
        write!(out, "\n  }},\n  \"entities\": {{")?;
        for (i, (id, entity)) in self.entities.iter().enumerate() {
            let comma = if i == 0 { "" } else { "," };
            write!(out, "{comma}\n    {}: ", Value::String(id.clone()))?;
            serde_json::to_writer(&mut *out, entity)?;
        }
        write!(out, "\n  }},")?;
        if let Some(definitions) = definitions {
            write!(out, "\n  \"definitions\": ")?;
            serde_json::to_writer(&mut *out, definitions)?;
            write!(out, ",")?;
        }
        write!(out, "\n  \"facts\": [\n")?;
        copy(self.facts, out)?;
        write!(out, "\n  ],\n  \"claims\": [\n")?;
        copy(self.claims, out)?;
        writeln!(out, "\n  ]\n}}")?;
        Ok(())
    }
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| cannot_read(path, &e))
}

fn cannot_read(path: &Path, e: &std::io::Error) -> anyhow::Error {
    earnings::Error::Usage(format!("{}: cannot read: {e}", path.display())).into()
}
