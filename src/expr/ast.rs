//! The tree of a parsed expression: literals with their units and bounds,
//! figure references, the four operators and function calls, each node
//! with the span of the text it was parsed from (for errors and
//! `--explain`).

use std::fmt;

use crate::metric;
use crate::reference::Reference;
use crate::value::{Scale, WrittenDecimal};

/// Where a node sits in the expression: character offsets, `start`
/// inclusive, `end` exclusive (characters, not bytes, so that `≥`, `×` and
/// `÷` count as one column each).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    /// Offset of the first character.
    pub start: usize,
    /// Offset after the last character.
    pub end: usize,
}

impl Span {
    /// A span from its offsets.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// 1-based line and column of the span's start within `text`.
    ///
    /// ```
    /// use earnings::eval::Span;
    /// assert_eq!(Span::new(4, 5).position("1 + x"), (1, 5));
    /// assert_eq!(Span::new(6, 7).position("1 +\n  x"), (2, 3));
    /// ```
    pub fn position(self, text: &str) -> (usize, usize) {
        let mut line = 1usize;
        let mut column = 1usize;
        for c in text.chars().take(self.start) {
            if c == '\n' {
                line = line.saturating_add(1);
                column = 1;
            } else {
                column = column.saturating_add(1);
            }
        }
        (line, column)
    }

    /// The text the span covers (empty when out of range).
    pub fn slice(self, text: &str) -> String {
        text.chars()
            .skip(self.start)
            .take(self.end.saturating_sub(self.start))
            .collect()
    }
}

/// A parsed expression with the text it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expression {
    pub(crate) text: String,
    pub(crate) root: Node,
}

impl Expression {
    /// The expression as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The root of the tree.
    pub fn root(&self) -> &Node {
        &self.root
    }

    /// The figures written in the expression, in order of first mention.
    pub fn written_figures(&self) -> Vec<&Reference> {
        let mut out: Vec<&Reference> = Vec::new();
        self.root.visit(&mut |node| {
            if let NodeKind::Figure(figure) = &node.kind
                && !out.contains(&&figure.reference)
            {
                out.push(&figure.reference);
            }
        });
        out
    }

    /// Every figure evaluating the expression reads, in order of first
    /// use: those written, and those the functions read beside them (the
    /// prior year for `yoy` and `prior`, revenue for `margin`). `prior(x)`
    /// reads only the prior year of `x`.
    pub fn figures_read(&self) -> Vec<Reference> {
        let mut out: Vec<Reference> = Vec::new();
        let mut add = |r: Reference| {
            if !out.contains(&r) {
                out.push(r);
            }
        };
        self.root.visit_reads(&mut add);
        out
    }
}

impl fmt::Display for Expression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// One node of the tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// What it is.
    pub kind: NodeKind,
    /// The text it was parsed from.
    pub span: Span,
}

impl Node {
    /// Calls `f` on this node and every node below it, parents first.
    pub fn visit<'a>(&'a self, f: &mut dyn FnMut(&'a Node)) {
        // Depth is bounded by the parser (MAX_DEPTH), so recursion is safe.
        f(self);
        match &self.kind {
            NodeKind::Literal(_) | NodeKind::Figure(_) => {}
            NodeKind::Negate(inner) => inner.visit(f),
            NodeKind::Binary { left, right, .. } => {
                left.visit(f);
                right.visit(f);
            }
            NodeKind::Call { args, .. } => {
                for arg in args {
                    arg.visit(f);
                }
            }
        }
    }

    fn visit_reads(&self, add: &mut dyn FnMut(Reference)) {
        match &self.kind {
            NodeKind::Literal(_) => {}
            NodeKind::Figure(figure) => add(figure.reference.clone()),
            NodeKind::Negate(inner) => inner.visit_reads(add),
            NodeKind::Binary { left, right, .. } => {
                left.visit_reads(add);
                right.visit_reads(add);
            }
            NodeKind::Call { function, args, .. } => {
                let figure = args.first().and_then(Node::as_figure);
                match (function, figure) {
                    (Function::Prior, Some(r)) => {
                        if let Ok(prior) = r.period.prior_year() {
                            add(r.with_period(prior));
                        }
                    }
                    (Function::Yoy, Some(r)) => {
                        add(r.clone());
                        if let Ok(prior) = r.period.prior_year() {
                            add(r.with_period(prior));
                        }
                    }
                    (Function::Margin, Some(r)) => {
                        add(r.clone());
                        add(r.with_metric(metric::REVENUE));
                    }
                    _ => {
                        for arg in args {
                            arg.visit_reads(add);
                        }
                    }
                }
            }
        }
    }

    /// The reference, when the node is a figure.
    pub fn as_figure(&self) -> Option<&Reference> {
        match &self.kind {
            NodeKind::Figure(figure) => Some(&figure.reference),
            _ => None,
        }
    }
}

/// The kinds of node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// A number as written: `30%`, `>30%`, `2.5bn CNY`, `1.5x`.
    Literal(Literal),
    /// A figure: `alibaba.revenue@FY2026`.
    Figure(FigureRef),
    /// `−x`.
    Negate(Box<Node>),
    /// `a + b`, `a − b`, `a × b`, `a ÷ b`.
    Binary {
        /// The operator.
        op: BinaryOp,
        /// Where the operator is written.
        op_span: Span,
        /// The left operand.
        left: Box<Node>,
        /// The right operand.
        right: Box<Node>,
    },
    /// `yoy(x)`, `share(a, b)`, …
    Call {
        /// The function.
        function: Function,
        /// Where its name is written.
        name_span: Span,
        /// The arguments.
        args: Vec<Node>,
    },
}

/// A figure reference with the spans of its parts, so that an unknown
/// entity, metric or period can be pointed at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FigureRef {
    /// The figure.
    pub reference: Reference,
    /// Where the entity id is written.
    pub entity: Span,
    /// Where the metric key is written.
    pub metric: Span,
    /// Where the period is written.
    pub period: Span,
}

/// The four operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinaryOp {
    /// `+`.
    Add,
    /// `-` or `−`.
    Subtract,
    /// `*` or `×`.
    Multiply,
    /// `/` or `÷`.
    Divide,
}

impl BinaryOp {
    /// The symbol people read.
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Add => "+",
            BinaryOp::Subtract => "−",
            BinaryOp::Multiply => "×",
            BinaryOp::Divide => "÷",
        }
    }
}

/// A number as written, with what it counts and what it allows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Literal {
    /// The digits (with the sign for a bounded negative literal, `>-5%`).
    pub value: WrittenDecimal,
    /// A scale word (`k`, `m`, `bn`, `tn`, `wan`, `yi`), if any.
    pub scale: Option<Scale>,
    /// What it counts.
    pub unit: LiteralUnit,
    /// What it allows.
    pub bound: LiteralBound,
}

/// What a literal counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LiteralUnit {
    /// A plain number: `7.3`, `2.5bn`.
    Number,
    /// `30%`.
    Percent,
    /// `1.5x`.
    Multiple,
    /// An amount: `2.5bn CNY`.
    Currency(String),
    /// An exchange rate: `7.3 CNY/USD` is 7.3 CNY for one USD.
    Rate {
        /// The currency the rate is in (`CNY`).
        quote: String,
        /// The currency priced (`USD`).
        base: String,
    },
}

/// What a literal allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LiteralBound {
    /// Exactly this value (a bare number).
    Exact,
    /// `>30%`: more than.
    MoreThan,
    /// `>=30%`, `≥30%`: at least.
    AtLeast,
    /// `<30%`: less than.
    LessThan,
    /// `<=30%`, `≤30%`: at most.
    AtMost,
    /// `~19%`, `≈19%`: about, within 5%.
    About,
}

impl LiteralBound {
    /// The mark as written in expressions.
    pub fn mark(self) -> &'static str {
        match self {
            LiteralBound::Exact => "",
            LiteralBound::MoreThan => ">",
            LiteralBound::AtLeast => "≥",
            LiteralBound::LessThan => "<",
            LiteralBound::AtMost => "≤",
            LiteralBound::About => "≈",
        }
    }
}

/// The functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Function {
    /// `yoy(x)`: percent change against the prior-year period.
    Yoy,
    /// `prior(x)`: the prior-year figure.
    Prior,
    /// `share(part, whole)`: part as a percentage of whole.
    Share,
    /// `margin(x)`: x as a percentage of the same entity's revenue.
    Margin,
    /// `run_rate(x)`: a sub-year flow annualized.
    RunRate,
    /// `cagr(from, to)`: compound growth per year between two figures.
    Cagr,
    /// `growth(multiple, months)`: compound growth per month.
    Growth,
    /// `min(a, b, …)`.
    Min,
    /// `max(a, b, …)`.
    Max,
}

impl Function {
    /// Every function, for suggestions and help.
    pub const ALL: [Function; 9] = [
        Function::Yoy,
        Function::Prior,
        Function::Share,
        Function::Margin,
        Function::RunRate,
        Function::Cagr,
        Function::Growth,
        Function::Min,
        Function::Max,
    ];

    /// The name as written.
    pub fn name(self) -> &'static str {
        match self {
            Function::Yoy => "yoy",
            Function::Prior => "prior",
            Function::Share => "share",
            Function::Margin => "margin",
            Function::RunRate => "run_rate",
            Function::Cagr => "cagr",
            Function::Growth => "growth",
            Function::Min => "min",
            Function::Max => "max",
        }
    }

    /// How it is called, for messages.
    pub fn signature(self) -> &'static str {
        match self {
            Function::Yoy => "yoy(figure)",
            Function::Prior => "prior(figure)",
            Function::Share => "share(part, whole)",
            Function::Margin => "margin(figure)",
            Function::RunRate => "run_rate(figure)",
            Function::Cagr => "cagr(from_figure, to_figure)",
            Function::Growth => "growth(multiple, months)",
            Function::Min => "min(a, b, …)",
            Function::Max => "max(a, b, …)",
        }
    }

    /// The function with this name.
    pub fn from_name(name: &str) -> Option<Function> {
        Function::ALL.into_iter().find(|f| f.name() == name)
    }
}
