//! `earnings eval`: an expression over the figures, evaluated on intervals.

use std::io::Write;

use anyhow::Result;

use earnings::figures::{Basis, Figures};
use earnings::listing::Report;
use earnings::render;
use earnings::report;

use crate::cli::{Context, Outcome, long_help};

const EXAMPLES: &str = "\
Examples:
  earnings eval 'share(alibaba-cloud.revenue@FY2026, alibaba.revenue@FY2026)'
  earnings eval 'alibaba.net_profit@FY2026 / alibaba.free_cash_flow@FY2026'
  earnings eval 'alibaba.revenue@FY2026 / 7.3 CNY/USD' --explain
  earnings eval 'yoy(alibaba.net_profit@FY2026)' 'margin(alibaba.net_profit@FY2026)' --format json";

const REFERENCE: &str = "\
Expressions:
  figures     ENTITY.METRIC@PERIOD, stated or implied (alibaba.revenue@FY2026)
  numbers     exact as written: 7.3, 2.5bn, 300m, 1.2tn, 10k; 30% (a
              percent), 1.5x (a multiple)
  bounds      >30% (more than), >=30% or ≥30%, <30%, <=30% or ≤30%, ~19% or
              ≈19% (about, ±5%)
  money       2.5bn CNY; a rate: 7.3 CNY/USD (one USD is 7.3 CNY), so
              x / 7.3 CNY/USD is in USD
  operators   + - * / (or − × ÷) and parentheses; a percent is 1/100 of a
              number
  functions   yoy(x) prior(x) share(part, whole) margin(x) run_rate(x)
              cagr(from, to) growth(multiple, months) min(a, b, …)
              max(a, b, …)
Quote each expression for the shell.

Columns (the CSV header, and the fields of each JSON row; JSON is
{\"report\": \"eval\", \"scale\": ..., \"rows\": [...]}, and \"source\" with --source):
  expression  the expression as given
  value, low, high
              the point value and its interval; empty (null in JSON) for n/m
              or on an unbounded side
  unit        CNY, USD, a count word, percent, multiple, number, or a rate
              such as CNY/USD
  scale       the output scale for money, unit otherwise
  status      empty when every figure used is reported, else the
              forward-looking status
  inputs      the figures used. JSON: an array of objects with figure, value,
              low, high, unit, scale, status, implied, source and at. CSV:
              that array as JSON text. Tables: REFERENCE = value (source at)
  note        why a result is n/m
With --explain, a second section, steps (JSON: {\"report\": \"eval\",
\"sections\": [...]}; CSV: one table, a section column first): one row per node of the evaluation
tree, parents first, with expression (its number, from 1), id, parent (null
at the root), depth, text (the node as written, or the figure a function
read), node (figure, literal, +, −, ×, ÷, neg or a function's name), value,
low, high, unit, scale, how (a figure's source, how a literal is bounded, or
the formula).

Exit codes: 0 evaluated (an n/m result included); 2 a syntax error, an
unknown entity, metric or period (with a \"did you mean\" where one is close),
a unit error, or a value an operation is undefined on; the message gives
LINE:COLUMN, and \"expression N\" when there are several.";

/// An ad hoc question in one line: an expression over the figures, evaluated on intervals with units and sources
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES, after_long_help = long_help(REFERENCE, EXAMPLES))]
pub struct Args {
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

/// Evaluates each expression: one listing, or a report of several.
pub fn run(args: &Args, cx: &Context, out: &mut dyn Write) -> Result<Outcome> {
    if let Some(source) = &args.source
        && cx.data.source(source).is_none()
    {
        let known: Vec<&str> = cx.data.sources.iter().map(|s| s.id.as_str()).collect();
        return Err(earnings::Error::Usage(format!(
            "--source {source:?}: no such source (known: {})",
            known.join(", ")
        ))
        .into());
    }
    let figures = Figures::build(&cx.data)?;
    let request = report::eval::Request {
        expressions: &args.expressions,
        basis: match &args.source {
            Some(source) => Basis::SourceFirst(source),
            None => Basis::MostTrusted,
        },
        explain: args.explain,
    };
    let listings = report::eval::listings(&figures, &request, &cx.money)?;
    let report = match <[_; 1]>::try_from(listings) {
        Ok([one]) => Report::one(one),
        Err(all) => Report::sections("eval", all),
    };
    render::render(out, report, &cx.render)?;
    Ok(Outcome::Success)
}
