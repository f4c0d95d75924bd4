//! `earnings extract FILE`: the numbers of an article, or a draft dataset
//! of them (`--draft`).

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;

use earnings::listing::Report;
use earnings::render::{self, RenderOptions};
use earnings::report::extract;

use crate::cli::{Format, Global, io, long_help};

const EXAMPLES: &str = "\
Examples:
  earnings extract article.txt
  earnings extract article.txt --format csv -o numbers.csv
  earnings extract article.txt --draft --source article -o draft.json";

const REFERENCE: &str = "\
The article is plain UTF-8 text. Paragraphs are separated by blank lines
and counted from the first that ends like a sentence (the headline and the
byline before it are not counted): that one is ¶1, as data/FORMAT.md says
(Reading an article). Every number of the body is listed, in digits or in
words (three times, doubled, a third, twelve); dates, years, paragraph
numbers, list numbering and numbers in headings are not.

Columns (the CSV header, and the fields of each JSON row):
  at       the paragraph, ¶N
  words    the words as written: more than 358 billion yuan
  value    the number with its bound's marker (>358, ≈41.6, 60–80%); for
           machines value, low and high, in the scale written (empty on an
           unbounded side)
  unit     a currency code, percent, multiple, ratio, or a count's noun;
           empty where the words name none
  scale    unit, thousand, million, billion, trillion, wan (万), yi (亿)
  bound    rounded, more_than, at_least, less_than, at_most, about, range
  kind     level, change, yoy, share, multiple or annualized, as the words
           around it say
  period   the period words of its sentence (fiscal 2026, the March
           quarter, year-over-year); tables show it with --wide

--draft writes an earnings-dataset/1 document instead (JSON): one fact or
claim per number, with what the text says filled in (value, unit, scale,
bound, the paragraph as at, a period the words name outright) and what it
does not (entity, metric, period, the figures a claim relates) written
\"?\". Loading the draft fails, naming every field still to fill in.

Exit codes: 0 success; 2 bad usage, or a file that cannot be read as
UTF-8 text.";

/// The numbers of an article: paragraph, words, value, interval, scale,
/// unit, kind and period words; --draft writes a dataset to fill in
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES, after_long_help = long_help(REFERENCE, EXAMPLES))]
pub struct Args {
    /// The article, plain UTF-8 text (`-` reads standard input)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Write a draft earnings-dataset/1 document (JSON) instead of a listing
    #[arg(long)]
    pub draft: bool,

    /// The source id the draft gives the article
    #[arg(long, value_name = "ID", default_value = "article", requires = "draft")]
    pub source: String,
}

/// Lists the numbers of the article, or writes the draft.
pub fn run(
    args: &Args,
    global: &Global,
    render: &RenderOptions,
    out: &mut dyn Write,
) -> Result<()> {
    let text = io::read_text(&args.file)?;
    let article = earnings::extract::read(&text);
    let file = args.file.display().to_string();
    if args.draft {
        if let Some(format) = global.format.filter(|f| *f != Format::Json) {
            let name = crate::cli::format_name(format);
            return Err(earnings::Error::Usage(format!(
                "--format {name} does nothing for `earnings extract --draft`: a draft is a JSON dataset"
            ))
            .into());
        }
        let draft = extract::draft(&article, &args.source, &file);
        serde_json::to_writer_pretty(&mut *out, &draft)?;
        writeln!(out)?;
        return Ok(());
    }
    let listing = extract::listing(&article, &file)?;
    render::render(out, Report::one(listing), render)?;
    Ok(())
}
