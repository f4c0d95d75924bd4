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
pub mod check;
pub mod dataset;
pub mod error;
pub mod eval;
pub mod figures;
pub mod listing;
pub mod metrics;
pub mod name;
pub mod period;
pub mod reference;
pub mod relation;
pub mod render;
pub mod report;
pub mod text;
pub mod value;
pub mod verify;

pub use error::{DataError, Error, Result};
