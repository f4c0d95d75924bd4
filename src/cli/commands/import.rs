//! `earnings import sec`: the SEC's XBRL company facts turned into an
//! `earnings-dataset/1` document (data/FORMAT.md, Importing SEC company
//! facts).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;

use earnings::dataset::{Dataset, Input};
use earnings::import::{Concepts, document, sec};

use crate::cli::long_help;

const EXAMPLES: &str = "\
Examples:
  earnings import sec CIK0000320193.json -o apple.json
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
  A value filed again for the same period is kept once, cited to the first
  filing; a different value is kept beside it (a restatement, or another
  form's disagreement), and `earnings check` reports it.
  Which concepts feed which metric is data/sec-concepts.json; --concepts
  FILE replaces it (the same shape).

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
    /// Company-facts files, or directories whose .json files are read
    #[arg(required = true, value_name = "FILE")]
    pub paths: Vec<PathBuf>,

    /// The entity id to file the figures under (one company only) [default: from its name]
    #[arg(long, value_name = "ID")]
    pub entity_id: Option<String>,

    /// Concept-to-metric mapping to use instead of data/sec-concepts.json
    #[arg(long, value_name = "FILE")]
    pub concepts: Option<PathBuf>,
}

/// Reads every file and writes the dataset.
pub fn run(args: &Args, out: &mut dyn Write) -> Result<()> {
    let From::Sec(args) = &args.from;
    let concepts = match &args.concepts {
        None => Concepts::bundled()?,
        Some(path) => Concepts::parse(&path.display().to_string(), &read(path)?)?,
    };
    let files = company_files(&args.paths)?;
    if args.entity_id.is_some() && files.len() != 1 {
        return Err(earnings::Error::Usage(format!(
            "--entity-id names one company, but {} files were given",
            files.len()
        ))
        .into());
    }
    let mut companies = Vec::new();
    for file in &files {
        let name = file.display().to_string();
        let company = sec::read(&name, &read(file)?, &concepts, args.entity_id.as_deref())?;
        if let Some(first) = company.left_out.first() {
            eprintln!(
                "earnings: {name}: {} period(s) left out, e.g. {first}",
                company.left_out.len()
            );
        }
        companies.push(company);
    }
    let bytes = serde_json::to_vec_pretty(&document(&companies))?;
    // What is written loads: the loader's rules hold for imported figures.
    Dataset::load(&[Input {
        name: "the imported dataset",
        bytes: &bytes,
    }])?;
    out.write_all(&bytes)?;
    writeln!(out)?;
    Ok(())
}

/// The files named, a directory standing for its `.json` files in name order.
fn company_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
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
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| cannot_read(path, &e))
}

fn cannot_read(path: &Path, e: &std::io::Error) -> anyhow::Error {
    earnings::Error::Usage(format!("{}: cannot read: {e}", path.display())).into()
}
