//! `earnings check`: what an analyst should look at in the data before
//! trusting the figures.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;

use earnings::check::text::SourceText;
use earnings::listing::Report;
use earnings::render;
use earnings::report::check;

use crate::cli::{Context, Outcome, io, long_help, verdict};

const EXAMPLES: &str = "\
Examples:
  earnings check
  earnings check --format json
  earnings check --data my-company.json --entity my-company --format csv
  earnings check --text article=article.txt && earnings verify";

const REFERENCE: &str = "\
Findings (every comparison is on intervals: only what is sure is reported):
  scale_error            error: two sources state one figure with intervals
                         that do not overlap, one 10^k times the other
  conflict               warning: the same with another ratio, or in other
                         units; a note when a forward-looking and a reported
                         figure differ; an error (either kind) when one
                         source states one figure twice that way
                         Both compare figures whose periods are labelled
                         differently but cover the same dates (FY2026-Q1 of
                         a December year, CY2026-Q1, 2026-01..2026-03)
  part_above_whole       error: a segment's figure above its parent's, for
                         the same period or a longer one containing it;
                         warning: where the parent has no figure for the
                         period, the segment's annualized (a quarter ×4)
                         above the parent's for a year containing it
  share_above_100        error: a share claim whose whole interval is above
                         100%
  fall_beyond_100        error: a change claim below −100% on its whole
                         interval, of a metric that cannot be negative
                         (revenue, orders; not a profit)
  contradicted_claim     error: a claim that verify finds contradicted (no
                         value the figures allow satisfies it, or the
                         figures cannot be: a part of revenue above its
                         whole)
  contested_claim        error: a claim that verify finds contested: sources
                         disagree on a figure it uses beyond their rounding,
                         and it holds with one reading and not with another
                         (the message names each reading and its outcome)
  likely_typo            error: a claim names a metric or period no fact or
                         other claim mentions, close to one the data uses
                         (revenu beside revenue), with the likely name
  arithmetic_overflow    error: a figure a claim or a definition implies, or
                         a claim computed from its figures, beyond the
                         range of exact decimals (the claim is
                         unverifiable; nothing else stops)
  definition_mismatch    error: a source states a figure its own stated
                         operands rule out under the dataset's definition
                         of its metric; warning: one the operands used
                         (from other sources) rule out
  definition_not_applied warning: a definition whose operands are known but
                         in different units (two currencies): not added
  implausible_size       error: a segment's revenue above its group's;
                         warning: another money figure of a segment above
                         its group's revenue
  margin_out_of_range    warning: a margin outside (−100%, 100%)
  unused_fact            note: a stated fact nothing uses
  idle_claim             note: a claim that can be neither verified nor used
                         to imply a figure
  entity_without_facts   note: an entity no stated fact is about
  ambiguous_wording      note: a note in the dataset flags ambiguous wording
  text_mismatch          error (with --text): a fact or claim of the source
                         that the paragraph it cites (¶N in at) does not
                         state: another value, scale or bound (the message
                         quotes what the paragraph says), or no such
                         paragraph
  text_coverage          note (with --text): a number of the text no fact or
                         claim accounts for, each, then the count; a fact or
                         claim whose at names no paragraph
Errors come first, then warnings, then notes. --entity, --metric and
--period keep the findings about a figure or an entity they keep; notes on
sources only when nothing is filtered.

Columns (the CSV header, and the fields of each JSON row):
  severity    error, warning or note
  kind        one of the findings above
  message     one or two sentences
  figures     the figures involved. JSON: an array of objects with figure (a
              reference, a claim, or a computation such as A × 4), role
              (stated, implied, defined, claimed or computed), value, low,
              high (in the output scale for money; null on an unbounded
              side), unit, scale, bound, status, source and at (null for a
              computed or defined value). CSV: that array as JSON text.
              Tables: figure value unit (source at), separated by \";\"
Tables show figures only with --wide (or --columns), and end with the count
of errors, warnings and notes.

Exit codes: 0 no error among the findings kept (warnings and notes may
remain); 1 an error, even when the output's reader has gone (`check |
head -1`); 2 bad usage or bad data.";

/// Data findings: conflicts, scale errors, parts above wholes, implausible
/// sizes, contradicted and contested claims and dataset hygiene; exit 1 on an error
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES, after_long_help = long_help(REFERENCE, EXAMPLES))]
pub struct Args {
    /// Check each fact and claim of source SOURCE against the paragraph of
    /// FILE (plain text) it cites, and note the numbers of FILE the dataset
    /// lacks; repeatable
    #[arg(long = "text", value_name = "SOURCE=FILE", value_parser = parse_text)]
    pub texts: Vec<(String, PathBuf)>,
}

fn parse_text(text: &str) -> Result<(String, PathBuf), String> {
    match text.split_once('=') {
        Some((source, file)) if !source.is_empty() && !file.is_empty() => {
            Ok((source.to_string(), PathBuf::from(file)))
        }
        _ => Err(format!(
            "{text:?} is not SOURCE=FILE (e.g. article=article.txt)"
        )),
    }
}

/// Lists the findings; findings when one kept is an error.
pub fn run(args: &Args, cx: &Context, out: &mut dyn Write) -> Result<Outcome> {
    let stdin = |p: &PathBuf| p.as_os_str() == "-";
    let from_stdin = args.texts.iter().filter(|(_, p)| stdin(p)).count()
        + cx.global.data.iter().filter(|p| stdin(p)).count();
    if from_stdin > 1 {
        return Err(earnings::Error::Usage(
            "--text SOURCE=-: standard input can be read only once (it is named twice)".into(),
        )
        .into());
    }
    let mut texts = Vec::new();
    for (source, path) in &args.texts {
        let file = path.display().to_string();
        let article = earnings::extract::read(&io::read_text(path)?);
        texts.push(SourceText {
            source: source.clone(),
            file,
            article,
        });
    }
    let from_texts = earnings::check::text::findings(&cx.data, &texts)?;
    let findings = earnings::check::text::merge(earnings::check::run(&cx.data)?, from_texts);
    let kept = findings
        .iter()
        .filter(|f| check::keeps(f, &cx.selection, &cx.data));
    let outcome = if earnings::check::has_errors(kept) {
        Outcome::Findings
    } else {
        Outcome::Success
    };
    let section = check::section(findings, &cx.data, &cx.selection, &cx.money);
    // The verdict is known before a line is written: a reader that goes
    // away (`| head -1`) does not turn it into success.
    verdict(
        outcome,
        render::render(out, Report::one(section), &cx.render).map_err(Into::into),
    )
}
