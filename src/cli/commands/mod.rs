//! One file per command: its arguments, its help and its `run`.

pub mod arr;
pub mod chart;
pub mod check;
pub mod completions;
pub mod eval;
pub mod extract;
pub mod facts;
pub mod import;
pub mod man;
pub mod metrics;
pub mod report;
pub mod schema;
pub mod statement;
pub mod verify;
