//! `eval`: one-line questions over the figures, such as "AI revenue as a
//! share of group revenue?" or "net profit per yuan of free cash flow?",
//! evaluated on intervals with the same arithmetic and provenance as every
//! other metric.
//!
//! An expression ([`parse()`]) combines figure references
//! (`alibaba.revenue@FY2026`, stated or implied), literals with units and
//! bounds (`30%`, `>30%`, `~19%`, `1.5x`, `2.5bn CNY`, `7.3 CNY/USD`), the
//! operators `+ − × ÷` and parentheses, and functions for the derived
//! metrics: `yoy`, `prior`, `share`, `margin`, `run_rate`, `cagr`, `growth`,
//! `min`, `max`. The functions call the formulas of [`crate::formula`], so
//! `eval 'yoy(x)'` and the `yoy` command cannot disagree.
//!
//! Decisions:
//! - A bare literal is exact (`102.1` is 102.1, as on a calculator); a
//!   bound is written before it: `>30%` (more than), `≥30%` or `>=30%`
//!   (at least), `<`, `≤`/`<=`, and `~19%` or `≈19%` (about: within 5%).
//! - A plain number has no currency: `revenue − 2.5bn` is refused; write
//!   `revenue − 2.5bn CNY`. `revenue / 7.3` stays in CNY (a number divides
//!   an amount); a conversion is written with a rate, `revenue / 7.3
//!   CNY/USD`, which gives USD.
//! - Units follow [`unit`](mod@unit); a percent is 1/100 when it meets a number.
//! - A percent change that is not meaningful (`n/m`: a prior that can be
//!   zero, a change of sign) is a value of its own: it carries through the
//!   arithmetic and is printed `n/m` with its reason, not an error.
//! - A divisor whose interval contains zero, a root or logarithm of a value
//!   that can be zero or negative, and an overflow are errors that point at
//!   the operator or function.

mod functions;
pub mod suggest;

use rust_decimal::Decimal;

use crate::bounded::{ArithError, Bounded, Endpoint};
use crate::dataset::Dataset;
use crate::figures::{Basis, Figures, Known};
use crate::formula;
use crate::metric;
use crate::period::FiscalYearEnd;
use crate::reference::Reference;
use crate::value::{BoundKind, Scale, Stated, Status, Unit};

pub use crate::expr::{
    Dimension, Expression, FigureRef, Function, Node, NodeKind, ParseError, Span, parse,
};
use crate::expr::{ast, unit, unit::Take};

/// A value: an interval, or not meaningful (`n/m`) with the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Amount {
    /// The interval of possible values, with its point.
    Known(Bounded),
    /// Not meaningful, and why (`n/m: the sign changed`).
    NotMeaningful(String),
}

impl Amount {
    /// The interval, when there is one.
    pub fn known(&self) -> Option<&Bounded> {
        match self {
            Amount::Known(b) => Some(b),
            Amount::NotMeaningful(_) => None,
        }
    }
}

/// A value with its unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Value {
    /// The number.
    pub amount: Amount,
    /// What it counts.
    pub unit: Dimension,
}

/// One step of an evaluation: a node of the expression (or a figure a
/// function read), its value and how it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// Where in the expression.
    pub span: Span,
    /// The text: the node as written, or the figure read.
    pub label: String,
    /// What kind of step: `figure`, `literal`, `+`, `−`, `×`, `÷`, `neg`,
    /// or a function's name.
    pub node: &'static str,
    /// Its value.
    pub value: Value,
    /// The source of a figure, or the formula of an operation.
    pub how: String,
    /// The steps it was computed from.
    pub children: Vec<Step>,
}

/// An expression evaluated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evaluation {
    /// The result.
    pub value: Value,
    /// Forward-looking when any input is.
    pub status: Status,
    /// Every figure read, in order of first use, with its provenance.
    pub inputs: Vec<Known>,
    /// The evaluation tree, for `--explain`.
    pub step: Step,
}

/// What kind of problem stopped an evaluation (how `verify` judges an
/// `expr` claim that meets it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorClass {
    /// A figure no source states and no claim implies, or an unknown name.
    Figure,
    /// Units that do not combine, or a function on a figure it does not
    /// apply to (a run-rate of a year): true whatever the values.
    Unit,
    /// A value the operation is undefined on: a divisor that can be zero,
    /// compound growth of a value that can be negative.
    Value,
    /// A result beyond the range of a decimal.
    Overflow,
}

/// Why an expression could not be evaluated, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalError {
    /// Where in the expression.
    pub span: Span,
    /// What kind of problem.
    pub class: ErrorClass,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for EvalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for EvalError {}

/// An error message for people: `1:23: message`, then the expression's
/// line and a caret under the place.
///
/// ```
/// use earnings::eval::{located, Span};
/// let text = located("1 + x", Span::new(4, 5), "unknown name");
/// assert_eq!(text, "1:5: unknown name\n  1 + x\n      ^");
/// ```
pub fn located(text: &str, span: Span, message: &str) -> String {
    let (line, column) = span.position(text);
    // One character for one, so that the caret stays under its column:
    // control and direction-changing characters become '?'.
    let source: String = text
        .lines()
        .nth(line.saturating_sub(1))
        .unwrap_or_default()
        .chars()
        .map(|c| match c {
            '\t' => ' ',
            c if c.is_control() => '?',
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => '?',
            c => c,
        })
        .collect();
    let width = span.end.saturating_sub(span.start).clamp(
        1,
        source
            .chars()
            .count()
            .saturating_sub(column.saturating_sub(1))
            .max(1),
    );
    let pad = " ".repeat(column.saturating_sub(1));
    format!(
        "{line}:{column}: {message}\n  {source}\n  {pad}{}",
        "^".repeat(width)
    )
}

/// Where the figures come from.
pub trait Environment {
    /// A figure's value, or `None` when the data has none.
    fn figure(&self, reference: &Reference) -> Option<Known>;

    /// An entity's fiscal year end (for `cagr`).
    fn fiscal_year_end(&self, entity: &str) -> FiscalYearEnd;

    /// Where and why a figure is missing (`wanted`, read through the figure
    /// `written`; `role` names a figure a function reads beside it).
    fn missing(
        &self,
        written: &FigureRef,
        wanted: &Reference,
        role: Option<&str>,
    ) -> (Span, String) {
        let span = if role.is_some() {
            written.entity.to(written.period)
        } else {
            written.period
        };
        let what = role.map_or_else(String::new, |r| format!("{r}, "));
        (span, format!("{what}{wanted}: no value for this figure"))
    }
}

/// The figures of a dataset, as `eval` reads them: the most trusted
/// source's (or a chosen source's first), else implied by a claim.
pub struct FiguresEnvironment<'f, 'd> {
    /// The figures.
    pub figures: &'f Figures<'d>,
    /// Which figure wins among sources.
    pub basis: Basis<'f>,
}

impl Environment for FiguresEnvironment<'_, '_> {
    fn figure(&self, reference: &Reference) -> Option<Known> {
        self.figures.get(reference, self.basis)
    }

    fn fiscal_year_end(&self, entity: &str) -> FiscalYearEnd {
        self.figures.data().fiscal_year_end(entity)
    }

    fn missing(
        &self,
        written: &FigureRef,
        wanted: &Reference,
        role: Option<&str>,
    ) -> (Span, String) {
        suggest::missing(self.figures, written, wanted, role)
    }
}

/// Figures given as a list (the ones `verify` chose for a claim).
pub struct ListEnvironment<'a> {
    /// The figures.
    pub figures: Vec<Known>,
    /// The dataset, for fiscal year ends.
    pub data: &'a Dataset,
}

impl Environment for ListEnvironment<'_> {
    fn figure(&self, reference: &Reference) -> Option<Known> {
        self.figures
            .iter()
            .find(|k| k.figure == *reference)
            .cloned()
    }

    fn fiscal_year_end(&self, entity: &str) -> FiscalYearEnd {
        self.data.fiscal_year_end(entity)
    }
}

/// Evaluates an expression.
///
/// ```
/// use earnings::dataset::Dataset;
/// use earnings::eval::{evaluate, parse, Dimension, FiguresEnvironment};
/// use earnings::figures::{Basis, Figures};
/// let data = Dataset::bundled().unwrap();
/// let figures = Figures::build(&data).unwrap();
/// let env = FiguresEnvironment { figures: &figures, basis: Basis::MostTrusted };
/// let e = parse("share(alibaba-cloud.revenue@FY2026, alibaba.revenue@FY2026)").unwrap();
/// let result = evaluate(&e, &env).unwrap();
/// assert_eq!(result.value.unit, Dimension::Percent);
/// let share = result.value.amount.known().unwrap();
/// assert_eq!(share.point().round_dp(2).to_string(), "15.45");
/// ```
pub fn evaluate(expression: &Expression, env: &dyn Environment) -> Result<Evaluation, EvalError> {
    let mut evaluator = Evaluator {
        env,
        text: expression.text(),
        inputs: Vec::new(),
    };
    let step = evaluator.node(expression.root())?;
    let status = evaluator
        .inputs
        .iter()
        .map(|k| k.status)
        .find(|s| s.is_forward_looking())
        .unwrap_or(Status::Reported);
    Ok(Evaluation {
        value: step.value.clone(),
        status,
        inputs: evaluator.inputs,
        step,
    })
}

/// Converts a value into a dataset unit, for comparing it with a claim:
/// money and counts must match; a percent and a ratio or multiple convert
/// (×100 or ÷100). `None` when they cannot.
pub fn in_unit(
    value: &Bounded,
    from: &Dimension,
    to: &Unit,
) -> Result<Option<Bounded>, ArithError> {
    let hundred = Bounded::exact(Decimal::ONE_HUNDRED);
    Ok(match (from, to) {
        (Dimension::Money(a), Unit::Currency(b)) | (Dimension::Count(a), Unit::Count(b)) => {
            (a == b).then_some(*value)
        }
        (Dimension::Percent, Unit::Percent) => Some(*value),
        (Dimension::Percent, Unit::Ratio | Unit::Multiple) => Some(value.checked_div(&hundred)?),
        (Dimension::Multiple | Dimension::Number, Unit::Percent) => {
            Some(value.checked_mul(&hundred)?)
        }
        (Dimension::Multiple | Dimension::Number, Unit::Ratio | Unit::Multiple) => Some(*value),
        _ => None,
    })
}

fn hundred() -> Bounded {
    Bounded::exact(Decimal::ONE_HUNDRED)
}

fn taken(value: &Bounded, take: Take) -> Result<Bounded, ArithError> {
    match take {
        Take::AsIs => Ok(*value),
        Take::Ratio => value.checked_div(&hundred()),
    }
}

/// The smaller of two intervals, end by end.
fn interval_min(a: &Bounded, b: &Bounded) -> Result<Bounded, ArithError> {
    let low = match (a.low().value(), b.low().value()) {
        (None, _) | (_, None) => Endpoint::Unbounded,
        (Some(x), Some(y)) if x < y => a.low(),
        (Some(x), Some(y)) if y < x => b.low(),
        // The same bound: reached if either side reaches it.
        (Some(x), Some(_)) if a.low().is_open() && b.low().is_open() => Endpoint::Open(x),
        (Some(x), Some(_)) => Endpoint::Closed(x),
    };
    let high = match (a.high().value(), b.high().value()) {
        (None, _) => b.high(),
        (_, None) => a.high(),
        (Some(x), Some(y)) if x < y => a.high(),
        (Some(x), Some(y)) if y < x => b.high(),
        // The same bound: below it if either side stays below it.
        (Some(x), Some(_)) if a.high().is_open() || b.high().is_open() => Endpoint::Open(x),
        (Some(x), Some(_)) => Endpoint::Closed(x),
    };
    Bounded::new(a.point().min(b.point()), low, high)
}

fn interval_max(a: &Bounded, b: &Bounded) -> Result<Bounded, ArithError> {
    Ok(interval_min(&a.neg(), &b.neg())?.neg())
}

struct Evaluator<'e> {
    env: &'e dyn Environment,
    text: &'e str,
    inputs: Vec<Known>,
}

fn unit_error(span: Span, message: impl Into<String>) -> EvalError {
    EvalError {
        span,
        class: ErrorClass::Unit,
        message: message.into(),
    }
}

fn value_error(span: Span, message: impl Into<String>) -> EvalError {
    EvalError {
        span,
        class: ErrorClass::Value,
        message: message.into(),
    }
}

/// An arithmetic error at `span`: `what` names the operation.
fn arith(span: Span, what: &str, error: ArithError) -> EvalError {
    match error {
        ArithError::Overflow => EvalError {
            span,
            class: ErrorClass::Overflow,
            message: format!(
                "{what}: arithmetic overflow (a result beyond the range of a decimal)"
            ),
        },
        ArithError::DivisionByZero => value_error(
            span,
            format!("{what}: division by an interval that contains zero"),
        ),
        ArithError::Domain(m) => value_error(span, format!("{what}: {m}")),
    }
}

/// An interval as people read it in a message: `[-1, 2]`, `(30, ∞)`.
fn interval(b: &Bounded) -> String {
    crate::text::bracketed(b)
}

impl Evaluator<'_> {
    fn node(&mut self, node: &Node) -> Result<Step, EvalError> {
        let label = node.span.slice(self.text);
        match &node.kind {
            NodeKind::Literal(literal) => self.literal(literal, node.span, label),
            NodeKind::Figure(figure) => {
                let (_, step) = self.read(figure, node.span, &figure.reference, None)?;
                Ok(step)
            }
            NodeKind::Negate(inner) => {
                let inner = self.node(inner)?;
                let amount = match &inner.value.amount {
                    Amount::Known(b) => Amount::Known(b.neg()),
                    other => other.clone(),
                };
                Ok(Step {
                    span: node.span,
                    label,
                    node: "neg",
                    value: Value {
                        amount,
                        unit: inner.value.unit.clone(),
                    },
                    how: "−x".to_string(),
                    children: vec![inner],
                })
            }
            NodeKind::Binary {
                op,
                op_span,
                left,
                right,
            } => self.binary(*op, *op_span, left, right, node.span, label),
            NodeKind::Call { function, args, .. } => self.call(*function, args, node.span, label),
        }
    }

    fn literal(
        &mut self,
        literal: &ast::Literal,
        span: Span,
        label: String,
    ) -> Result<Step, EvalError> {
        use ast::{LiteralBound, LiteralUnit};
        let bound = match literal.bound {
            LiteralBound::Exact => BoundKind::Exact,
            LiteralBound::MoreThan => BoundKind::MoreThan,
            LiteralBound::AtLeast => BoundKind::AtLeast,
            LiteralBound::LessThan => BoundKind::LessThan,
            LiteralBound::AtMost => BoundKind::AtMost,
            LiteralBound::About => BoundKind::About,
        };
        let stated = Stated {
            value: literal.value,
            scale: Scale::Unit,
            unit: Unit::Ratio,
            bound,
            high: None,
            tolerance: None,
        };
        let overflow = |_| EvalError {
            span,
            class: ErrorClass::Overflow,
            message: "this number is too large for a decimal once scaled".to_string(),
        };
        let mut value = stated.interval().map_err(|_| overflow(()))?;
        if let Some(scale) = literal.scale {
            value = value
                .checked_scale(scale.factor())
                .map_err(|_| overflow(()))?;
        }
        let unit = match &literal.unit {
            LiteralUnit::Number => Dimension::Number,
            LiteralUnit::Percent => Dimension::Percent,
            LiteralUnit::Multiple => Dimension::Multiple,
            LiteralUnit::Currency(code) => Dimension::Money(code.clone()),
            LiteralUnit::Rate { quote, base } => Dimension::Rate {
                quote: quote.clone(),
                base: base.clone(),
            },
        };
        let how = match literal.bound {
            LiteralBound::Exact => "exact",
            LiteralBound::MoreThan => "more than",
            LiteralBound::AtLeast => "at least",
            LiteralBound::LessThan => "less than",
            LiteralBound::AtMost => "at most",
            LiteralBound::About => "about (within 5%)",
        };
        Ok(Step {
            span,
            label,
            node: "literal",
            value: Value {
                amount: Amount::Known(value),
                unit,
            },
            how: how.to_string(),
            children: Vec::new(),
        })
    }

    /// Reads a figure: the one written at `written`, or one a function
    /// reads beside it (`role`).
    fn read(
        &mut self,
        written: &FigureRef,
        span: Span,
        wanted: &Reference,
        role: Option<&str>,
    ) -> Result<(Known, Step), EvalError> {
        let Some(known) = self.env.figure(wanted) else {
            let (span, message) = self.env.missing(written, wanted, role);
            return Err(EvalError {
                span,
                class: ErrorClass::Figure,
                message,
            });
        };
        if !self.inputs.iter().any(|k| k.figure == known.figure) {
            self.inputs.push(known.clone());
        }
        let mut how = known.provenance.describe();
        if known.status.is_forward_looking() {
            how.push_str(&format!(", {}", known.status.name()));
        }
        let step = Step {
            span,
            label: wanted.to_string(),
            node: "figure",
            value: Value {
                amount: Amount::Known(known.value),
                unit: Dimension::of_unit(&known.unit),
            },
            how,
            children: Vec::new(),
        };
        Ok((known, step))
    }

    fn binary(
        &mut self,
        op: ast::BinaryOp,
        op_span: Span,
        left: &Node,
        right: &Node,
        span: Span,
        label: String,
    ) -> Result<Step, EvalError> {
        use ast::BinaryOp;
        let left_step = self.node(left)?;
        let right_step = self.node(right)?;
        let (lu, ru) = (&left_step.value.unit, &right_step.value.unit);
        let plan = match op {
            BinaryOp::Add => unit::same(lu, ru, "add"),
            BinaryOp::Subtract => unit::same(lu, ru, "subtract"),
            BinaryOp::Multiply => unit::multiply(lu, ru),
            BinaryOp::Divide => unit::divide(lu, ru),
        };
        let (unit, take_left, take_right) = plan.map_err(|m| unit_error(op_span, m))?;
        let amount = match (&left_step.value.amount, &right_step.value.amount) {
            (Amount::NotMeaningful(reason), _) | (_, Amount::NotMeaningful(reason)) => {
                Amount::NotMeaningful(reason.clone())
            }
            (Amount::Known(a), Amount::Known(b)) => {
                let what = op.symbol();
                let a = taken(a, take_left).map_err(|e| arith(op_span, what, e))?;
                let b = taken(b, take_right).map_err(|e| arith(op_span, what, e))?;
                let result = match op {
                    BinaryOp::Add => a.checked_add(&b),
                    BinaryOp::Subtract => a.checked_sub(&b),
                    BinaryOp::Multiply => a.checked_mul(&b),
                    BinaryOp::Divide => a.checked_div(&b),
                };
                Amount::Known(result.map_err(|e| match e {
                    ArithError::DivisionByZero => value_error(
                        op_span,
                        format!(
                            "dividing by a value that can be zero: {} is {}",
                            right.span.slice(self.text),
                            interval(&b)
                        ),
                    ),
                    other => arith(op_span, what, other),
                })?)
            }
        };
        let how = match (op, take_left, take_right) {
            (_, Take::AsIs, Take::AsIs) => format!("a {} b", op.symbol()),
            (_, Take::Ratio, Take::AsIs) => format!("a/100 {} b", op.symbol()),
            (_, Take::AsIs, Take::Ratio) => format!("a {} b/100", op.symbol()),
            (_, Take::Ratio, Take::Ratio) => format!("a/100 {} b/100", op.symbol()),
        };
        Ok(Step {
            span,
            label,
            node: op.symbol(),
            value: Value { amount, unit },
            how,
            children: vec![left_step, right_step],
        })
    }
}

#[cfg(test)]
mod tests;
