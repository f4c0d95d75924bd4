//! The integration tests: one binary that runs the built `earnings` as a
//! user does (and, in `properties`, the library in-process), one module per
//! area. Shared data lives beside it: `tests/corpus/` (malformed inputs and
//! their expected first error line), `tests/data/` (a generated dataset, and the small datasets `verdicts` checks),
//! `tests/snapshots/` (the pinned output of every command and format).
//!
//! `common` holds what the modules share: the command runner, JSON and
//! decimal readers, temporary datasets and the rule for a missing tool.
//!
//! Run one area with `cargo test --test it AREA::`, e.g.
//! `cargo test --test it snapshots::`.

mod common;

mod arr;
mod bundled_data;
mod chart;
mod check;
mod cli;
mod corpus;
mod cost;
mod docs;
mod edges;
mod eval;
mod extract;
mod fuzz;
mod hostile;
mod layers;
mod machines;
mod metrics;
mod order;
#[cfg(unix)]
mod paths;
mod properties;
mod screen;
mod sec;
mod snapshots;
mod spreadsheet;
mod statement;
mod terminal;
mod tool;
mod verdicts;
mod verify;
mod workbook;
