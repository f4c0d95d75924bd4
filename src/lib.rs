//! `earnings`: the figures behind an earnings report, computed exactly.
//!
//! A dataset ([`dataset::Dataset`]) holds the figures a report states, each
//! read as the interval of true values it allows ([`bounded::Bounded`]), with
//! its source and place. Reports ([`report`]) are plain data computed from
//! it; renderers ([`render`]) turn them into tables, CSV, JSON or Markdown.
//! The library never prints.
//!
//! # Using the library
//!
//! The crate root holds what a program needs: load a dataset, build the
//! figures, derive the metrics, verify the claims, check the data, render a
//! report. Each step's function has its own example; together:
//!
//! ```
//! use earnings::report::{Money, Selection, facts};
//! use earnings::{Against, Dataset, Figures, Format, RenderOptions};
//!
//! // Load: the bundled data here; `Dataset::load` takes files' bytes.
//! let data = Dataset::bundled().unwrap();
//! // The figures: stated ones, most trusted first, and those claims imply.
//! let figures = Figures::build(&data).unwrap();
//! // Every derived metric, each an interval with its formula and inputs.
//! let metrics = earnings::derive_metrics(&figures).unwrap();
//! assert!(!metrics.is_empty());
//! // Each claim checked against the figures.
//! let verdicts = earnings::verify(&figures, Against::Own).unwrap();
//! assert_eq!(verdicts.len(), data.claims.len());
//! // What is wrong in the data, errors first.
//! let findings = earnings::check::run(&data).unwrap();
//! assert_eq!(findings[0].severity, earnings::Severity::Error);
//! // A report as plain data, rendered in any format.
//! let listing = facts::listing(&figures, &Selection::default(), &Money::default()).unwrap();
//! let mut json = Vec::new();
//! let options = RenderOptions { format: Format::Json, ..RenderOptions::default() };
//! earnings::render_listing(&mut json, &listing, &options).unwrap();
//! assert!(json.starts_with(b"{"));
//! ```
//!
//! # Design
//!
//! ## Layers
//!
//! Each module belongs to one layer and imports only from its own layer or
//! the ones below it; inside a layer no two modules import each other in a
//! circle. The test `tests/it/layers.rs` reads this table and fails when an
//! import goes up it, or when a module is missing from it.
//!
//! | layer | what | modules |
//! |---|---|---|
//! | 0 | numbers: intervals and their rounding | `bounded` |
//! | 1 | vocabulary: names, periods, references, units, bounds, metric-name rules, "did you mean", data text made safe to show | `error`, `name`, `period`, `reference`, `value`, `metric`, `suggest`, `shown` |
//! | 2 | formulas on intervals, and how a value or an interval becomes text | `formula`, `text` |
//! | 3 | reading text: expression syntax, the numbers of an article (reads no data) | `expr`, `extract` |
//! | 4 | claims: what each kind relates, solves and computes | `claim` |
//! | 5 | the dataset model and its loader; importers of others' documents into it | `dataset`, `import` |
//! | 6 | figures: stated and implied | `figures` |
//! | 7 | analyses | `metrics`, `arr`, `verify`, `check`, `eval` |
//! | 8 | reports as plain data | `report`, `listing` |
//! | 9 | renderers | `render` |
//!
//! The command line (`src/main.rs`, `src/cli`) sits on top: it parses the
//! arguments, loads the data, asks for one report and hands it to one
//! renderer.
//!
//! ## Where each rule lives
//!
//! | rule | home |
//! |---|---|
//! | how a written decimal, its scale and its bound become an interval | `value` |
//! | interval arithmetic and its outward rounding (the soundness policy) | `bounded` |
//! | what a metric's key means (ARR, margin words, per-unit, flow) | `metric` |
//! | how a period resolves to dates through a fiscal year end (52/53-week years too) | `period` |
//! | which period a filed start and end are on a filer's calendar, and which filed value is kept | `import` |
//! | the formulas (year-over-year, share, run-rate, growth), forwards and backwards, and each as a term a spreadsheet evaluates ([`formula::Recipe`]) | `formula` |
//! | a claim kind's whole meaning: what it relates, how it solves and computes, its unit | `claim` |
//! | which figure is believed: stated (most trusted first) or implied | `figures` |
//! | what a metric's definition may say (a sum of metrics, each once) | `expr` (`parse_sum`) |
//! | no metric defined in terms of itself; one definition per metric across files | `dataset` |
//! | a definition's figure: its operands, units and exact sum | `figures` (`defined`) |
//! | a stated figure against its definition's (`definition_mismatch`) | `check` |
//! | how a value or an interval becomes text, in every output | `text` |
//! | which words of an article are a number, and what they state | `extract` |
//! | how text from a dataset is shown to a person (errors, warnings, tables, Markdown): what acts made visible, long text cut | `shown` |
//! | the columns of a report, for people and for machines | `listing` |
//!
//! ## Decisions
//!
//! - Derived metrics use the most trusted source's figure (a filing over the
//!   press); among sources of equal trust, the one whose id sorts first,
//!   and one source's own values of a figure by place: the same data in any
//!   order (of facts, claims or files) gives the same figures and verdicts.
//! - One source stating one figure twice with values that do not meet is a
//!   `check` error; `verify` holds a claim on it only if it holds with each.
//! - A claim implies the one figure its own source does not state, even where
//!   another source states it, so that the implied figure can be set beside
//!   the stated one. Metrics use an implied figure only where no source
//!   states one.
//! - The change of a percent-valued metric is in percentage points
//!   (`change_pp`); a figure per order, share or user has no run-rate and no
//!   margin.
//! - `verify` checks a claim against its own source's figures by default and
//!   fills gaps from the other sources' stated figures, not from what another
//!   source's claim implies: that would weigh one report's claim against
//!   another's conclusion. `--against best` uses implied figures from any
//!   claim.
//! - A percent change that is `n/m` on the figures leaves a `yoy` claim
//!   `undetermined` (with the reason), not `unverifiable`.
//! - Where sources disagree on a figure beyond their rounding (equally
//!   trusted ones, or a less trusted one against the figure used) and the
//!   verdict depends on which is believed, the claim is `contested`: neither
//!   the tie-break by load order nor trust decides a verdict silently.
//! - A verdict says what every value the figures allow does: `holds` only
//!   when all satisfy the claim (a rounded claim's rounding is in its
//!   interval, so a mere overlap is `undetermined`); formulas are computed
//!   so that no figure counts twice, which keeps the intervals exact.
//! - `eval` reads a bare number as exact (`102.1` is 102.1); a bound is
//!   always written (`~`, `>`, `≥`, …). A plain number has no currency, so
//!   `revenue - 2.5bn` is refused rather than guessed; a conversion is a rate
//!   in the expression (`7.3 CNY/USD`).
//! - `eval`'s `yoy(x)` of a percent-valued figure is refused with a pointer
//!   to `x - prior(x)`. An `n/m` change is a result, printed `n/m`, and stays
//!   `n/m` through further arithmetic; a divisor that can be zero is an error
//!   naming the operand and its interval.
//! - `cagr(from, to)` measures the time between the periods' midpoints, as
//!   the growth a multiple implies does; `arr`'s milestones sit at period
//!   ends instead.
//! - An expression is at most 100 levels deep, so no input can exhaust the
//!   stack.
//! - `check --text` matches a fact or claim with a number of the paragraph
//!   it cites when both allow the same interval (89.71 billion is 897.1亿,
//!   never 89.71亿); a plain figure may be recorded `exact`, "more than X
//!   for the first time" also says an earlier period was at most X, and
//!   "grew three times" is read as 3 to 4 (to, or by, three times). The
//!   text check lives in `check/text.rs`, beside the data checks, and a
//!   draft's unknowns are `"?"`, which no field accepts, so that a draft
//!   never loads half filled in.
//! - A table on a terminal fits its width: one line per row, a long cell
//!   cut with `…`, the columns marked wide in their listing ([`listing::Column::wide`]:
//!   inputs, formulas, notes, places in a source) left out unless asked
//!   for, and, where even the rest cannot all fit, the last columns left
//!   out with a line naming them. Piped, rows are whole; CSV and JSON
//!   always carry every column.
//! - `statement` sets periods latest first, as a 10-K prints its years, so
//!   that a terminal too narrow for every period leaves out the oldest (the
//!   table leaves out columns from the right); it shows what sources state
//!   and report, not targets or implied figures. Its periods are columns
//!   named at run time ([`listing::column_name`]).
//! - A trailing twelve months is the sum of four quarters where all are
//!   known, else the year before plus the year to date less the same span
//!   a year earlier; its change against a year earlier is given only where
//!   the two sums share no figure, so that no figure counts twice. A `ttm`
//!   claim relates its four quarters (a claim's figures are fixed by its
//!   kind), so three of them imply the fourth.
//! - `-o` replaces a regular file (or a link's target) through a temporary
//!   file beside it, keeping its mode, and writes a FIFO or a device
//!   directly: replacing them would break whoever reads them (as root,
//!   `/dev/null`). An output that is an input (same canonical path, or same
//!   device and inode) is refused before anything is read. SIGINT and
//!   SIGTERM remove the temporary file; after a SIGKILL the next run writing
//!   the same output removes it, but only when no run holds its lock and it
//!   is a minute old, so that two runs never remove each other's file.
//! - `verify` and `check` compute their verdict before they write, and keep
//!   it when the reader goes away (`| head -1`): a pipeline with `pipefail`
//!   sees the contradicted claim. A command without a verdict exits 0 then.
//! - A pipe, a device or standard input is read up to `--max-input` (1 GiB)
//!   and stops at the first byte no JSON text holds; a regular file, whose
//!   size is known and chosen by whoever stored it, is read whole.
//! - Two `--fx` rates for one pair agree only when equal, or exact inverses
//!   (product exactly 1): a rate is used as exact, so rates that are
//!   inverses only within their rounding would make a conversion depend on
//!   which one is used, that is on the order given.
//! - A figure that is surely not zero (its interval excludes zero) never
//!   prints as `0`, whatever `--precision` says: it gets the decimals of its
//!   first two significant digits, past twelve in scientific form.
//! - Text from a dataset is shown, never acted on: wherever a person reads
//!   it (errors, tables, charts, Markdown) it goes through [`shown`]
//!   (control, bidirectional and invisible characters as escapes, long text
//!   cut with `…`), and Markdown escapes markup. CSV and JSON are for
//!   programs: they carry the exact text, escaped only as their format
//!   requires, except the `'` before a CSV cell a spreadsheet would run as a
//!   formula (its first character other than white space is `=`, `+`, `-`,
//!   `@`).
//! - No dataset costs more than a linear amount of memory and near-linear
//!   time: a claim is solved again only when a figure it relates is newly
//!   implied; an ARR path lists at most [`arr::PATH_MONTHS`] months between
//!   two milestones and [`arr::PATH_BUDGET`] in all; a table cell is cut to what can be shown before it is laid
//!   out.
//! - `import sec` keeps a period's value once, cited to the first filing
//!   that states it, and a different value beside it (a restatement, a
//!   proxy statement's scale error) for `check` to report, rather than
//!   choosing silently; metrics then believe the earlier filing (its
//!   accession number sorts first). Forms other than the periodic reports
//!   are sources of kind `release`, trusted below them. A quarter no filing
//!   states is a `ytd` claim's implied figure (the year less the nine
//!   months to date), never a longer period's value under a quarter's name.
//! - A metric the data defines as a sum of others (`free_cash_flow =
//!   operating_cash_flow − capex`) is implied wherever its operands are
//!   known, from the figures metrics use; a stated figure comes first, then
//!   the definition's, then a claim's (a definition holds by construction, a
//!   claim is what `verify` checks). The definition's figure is kept beside a
//!   stated one so that `check` can set them side by side, as a claim's is.
//!   A definition only adds and subtracts, each metric once, so the sum's
//!   interval is exact; operands in different units are not added. `import
//!   sec` writes the definitions of its concepts file, so free cash flow is
//!   data, replaceable, not code.
//! - A 52/53-week year's quarters are 13 weeks, the fourth taking the rest
//!   (13 or 14): a rule that names every quarter's dates; a filer that
//!   lays them otherwise keeps its own dates in each imported fact's `at`.
//! - `report` as a table is one screen (the latest headline figures, their
//!   changes and margins, the unsettled claims, the errors), each section
//!   naming the command that shows it whole; Markdown, CSV and JSON carry
//!   every section in full.
//! - A workbook (`-o FILE.xlsx`, [`report::workbook`]) carries the working:
//!   each metric's value, low and high are live formulas over the cells of
//!   the facts it is computed from, made from the metric's
//!   [`formula::Recipe`] (the formula's [`formula::Term`], evaluated end by
//!   end with `MIN`/`MAX` over the corners of a product or quotient: exact,
//!   since each input appears once). Money never passes through a binary
//!   float in our computation; an xlsx number cell is a double by the file
//!   format, so a decimal crosses into one only when written, from its text
//!   of at most 15 significant digits (a low end rounded down, a high end
//!   up, as CSV does), which a double gives back digit for digit. A
//!   formula's stored result is the exact decimal's text. Text is always
//!   written as a string, never as a formula. With `--currency` the facts
//!   are converted first, so a metric's ends can be wider in the workbook
//!   than in CSV, which converts the result once.
//!
//! ## Speed
//!
//! One streaming interface carries every command's output: a report is a
//! [`listing::Report`] of [`listing::Section`]s, each a head (columns,
//! settings, notes) and rows made only as the renderer takes them, in
//! order or in parts ([`listing::Section::from_parts`]);
//! [`render::render`] is the one call every command makes, in every format.
//! CSV and JSON write each row as it is made (CSV makes the parts on every
//! core); tables and Markdown gather a section's rows first, since their
//! layout needs every row. What else stays, each in its own module:
//!
//! - a dataset file is parsed as it is read, from a small buffer
//!   (`dataset/stream.rs`), so its text is never held beside the facts
//!   made from it; one that fails is read again whole, so that its error
//!   names the place as for bytes given in memory;
//! - facts are made while the file is parsed, on a thread of their own
//!   (`dataset/seed.rs`, `dataset/load.rs`), so a million facts are never
//!   held twice; short texts are read inline (`dataset/raw.rs`, `Token`) and
//!   names shared, each one allocation ([`Name`]); a fact is 200 bytes;
//!   a fact written the plain way (string members without escapes) is read
//!   straight from its text, each value by the function serde's reading
//!   calls, anything else by serde (`dataset/blocks/quick.rs`);
//! - stated figures are numbered by a table of 32-bit numbers whose keys
//!   are read from their facts (`figures/numbers.rs`), and their facts
//!   grouped by a counting sort;
//! - `metrics`, `yoy`, `share` and `run-rate` derive only their family
//!   ([`metrics::derived`]), row by row ([`report::metrics::section`]),
//!   describing each input once for nearby rows;
//! - an interval scaled by an exact factor skips the corner products
//!   ([`bounded::Bounded::checked_scale`]); sums, products by powers of ten
//!   and quotients are found on integer mantissas, bit for bit the
//!   decimals `rust_decimal` gives (`bounded/rounding.rs`,
//!   `bounded/quotient.rs`);
//! - CSV records are written straight into memory by the csv crate's core,
//!   which quotes each field as it must; a field the same as the one above
//!   it, or words of the program's own written before, are copied from
//!   what the core wrote for them (`render/csv.rs`);
//! - a claim's figures are found once, entity by entity, while the figures
//!   are built (`figures/related.rs`), and checked from there in the order
//!   their facts are stated ([`verify::verify`]); the report's claims
//!   section checks them again a part at a time as it writes, rather than
//!   holding every verdict ([`report::verify::checked`]).
//!
//! `examples/BENCHMARKS.md` says what each earns at 1,000,000 facts.

// No panic on any input, by construction: library code neither unwraps nor
// indexes out of bounds nor does unchecked arithmetic (tests may).
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        clippy::panic
    )
)]

pub mod arr;
pub mod bounded;
pub mod check;
pub mod claim;
pub mod dataset;
pub mod error;
pub mod eval;
pub mod expr;
pub mod extract;
pub mod figures;
pub mod formula;
pub mod import;
pub mod listing;
pub mod metric;
pub mod metrics;
mod name;
pub mod period;
pub mod reference;
pub mod render;
pub mod report;
pub mod shown;
mod suggest;
pub mod text;
pub mod value;
pub mod verify;

pub use bounded::{Bounded, Endpoint};
pub use check::{Finding, Severity};
pub use dataset::{Dataset, Input};
pub use error::{DataError, Error, Result};
pub use figures::{Basis, Figures, Known};
pub use listing::Listing;
pub use metrics::{Derived, derive as derive_metrics};
pub use name::Name;
pub use period::Period;
pub use reference::Reference;
pub use render::{Format, RenderOptions, render_listing};
pub use verify::{Against, Verdict, verify};
