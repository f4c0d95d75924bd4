//! The expression language's syntax: what `earnings eval` and `expr` claims
//! are written in. An expression ([`parse()`]) combines figure references
//! (`alibaba.revenue@FY2026`), literals with units and bounds (`30%`, `>30%`,
//! `~19%`, `1.5x`, `2.5bn CNY`, `7.3 CNY/USD`), the operators `+ − × ÷`,
//! parentheses and functions; [`unit`](mod@unit) says which units combine.
//! A metric's definition ([`parse_sum()`], `operating_cash_flow - capex`)
//! is read with the same lexer.
//!
//! This layer reads no data: it sits below the dataset (whose claims may be
//! expressions) and above the vocabulary. Evaluating an expression against
//! the figures is the job of the `eval` module, above the figures.

pub mod ast;
pub mod parse;
pub mod sum;
pub mod unit;

pub use ast::{Expression, FigureRef, Function, Node, NodeKind, Span};
pub use parse::{ParseError, parse};
pub use sum::{Sum, Term, parse_sum};
pub use unit::Dimension;
