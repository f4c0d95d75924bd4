//! `earnings`: the figures behind an earnings report, computed exactly.
//!
//! A dataset ([`dataset::Dataset`]) holds the figures a report states, each
//! read as the interval of true values it allows ([`bounded::Bounded`]), with
//! its source and place. Reports ([`report`]) are plain data computed from
//! it; renderers ([`render`]) turn them into tables, CSV, JSON or Markdown.
//! The library never prints.
//!
//! ```
//! use earnings::dataset::Dataset;
//! let data = Dataset::bundled().unwrap();
//! let revenue = data
//!     .facts
//!     .iter()
//!     .find(|f| f.figure.to_string() == "alibaba.revenue@FY2026")
//!     .unwrap();
//! assert_eq!(revenue.value.point().to_string(), "1023670000000.00000");
//! ```
//!
//! # Design
//!
//! ## Layers
//!
//! Each module belongs to one layer and imports only from its own layer or
//! the ones below it; inside a layer no two modules import each other in a
//! circle. The test `tests/layers.rs` reads this table and fails when an
//! import goes up it, or when a module is missing from it.
//!
//! | layer | what | modules |
//! |---|---|---|
//! | 0 | numbers: intervals and their rounding | `bounded` |
//! | 1 | vocabulary: names, periods, references, units, bounds, metric-name rules, "did you mean" | `error`, `name`, `period`, `reference`, `value`, `metric`, `suggest` |
//! | 2 | formulas on intervals | `relation` |
//! | 3 | expression syntax (reads no data) | `expr` |
//! | 4 | the dataset model and its loader | `dataset` |
//! | 5 | figures: stated and implied | `figures` |
//! | 6 | analyses | `metrics`, `arr`, `verify`, `check`, `eval` |
//! | 7 | reports as plain data | `report`, `listing`, `chart` |
//! | 8 | renderers | `render` |
//!
//! The command line (`src/main.rs`, `src/cli`) sits on top: it parses the
//! arguments, loads the data, asks for one report and hands it to one
//! renderer.

// No panic on any input, by construction: library code neither unwraps nor
// indexes out of bounds nor does unchecked arithmetic (tests may).
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
pub mod chart;
pub mod check;
pub mod dataset;
pub mod error;
pub mod eval;
pub mod expr;
pub mod figures;
pub mod listing;
pub mod metric;
pub mod metrics;
pub mod name;
pub mod period;
pub mod reference;
pub mod relation;
pub mod render;
pub mod report;
pub mod suggest;
pub mod value;
pub mod verify;

pub use error::{DataError, Error, Result};
