//! Reading an expression: a lexer over characters and a Pratt parser, both
//! small and hand-written, every token and node with its span so that an
//! error can name its column.
//!
//! Grammar (precedence from loose to tight: `+ −`, then `× ÷`, then unary
//! minus; all left-associative):
//!
//! ```text
//! expr     = term (("+" | "-" | "−") term)*
//! term     = unary (("*" | "×" | "/" | "÷") unary)*
//! unary    = ("-" | "−") unary | primary
//! primary  = literal | figure | call | "(" expr ")"
//! literal  = bound? "-"? digits ("." digits)? suffix? currency?
//! bound    = ">" | ">=" | "≥" | "<" | "<=" | "≤" | "~" | "≈"
//! suffix   = "%" | "x" | "k" | "m" | "mn" | "bn" | "tn" | "wan" | "yi"
//! currency = CODE | CODE "/" CODE          (CNY, or the rate CNY/USD)
//! figure   = entity "." metric "@" period  (alibaba.revenue@FY2026)
//! call     = name "(" expr ("," expr)* ")"
//! ```

use crate::expr::ast::{
    BinaryOp, Expression, FigureRef, Function, Literal, LiteralBound, LiteralUnit, Node, NodeKind,
    Span,
};
use crate::period::Period;
use crate::reference::{Reference, check_entity_id, check_metric_key};
use crate::suggest::closest;
use crate::value::{Scale, WrittenDecimal};

/// Deepest tree accepted: nesting of parentheses, calls, unary minus and
/// chains of operators (`1 + 1 + …` is a chain as deep as it is long). A
/// deeper expression is refused rather than risking the stack in the
/// parser, the evaluation or dropping the tree.
pub const MAX_DEPTH: usize = 100;

/// Longest period text tried after `@`.
const MAX_PERIOD_CHARS: usize = 48;

/// A syntax error: where, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// Where the problem is.
    pub span: Span,
    /// What is wrong and, where it helps, what was expected.
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ParseError {}

pub(super) fn error(span: Span, message: impl Into<String>) -> ParseError {
    ParseError {
        span,
        message: message.into(),
    }
}

/// Parses an expression.
///
/// ```
/// use earnings::expr::parse;
/// let e = parse("share(alibaba-cloud.revenue@FY2026, alibaba.revenue@FY2026)").unwrap();
/// assert_eq!(e.written_figures().len(), 2);
/// let bad = parse("yoy(alibaba.revenue@FY2026").unwrap_err();
/// assert_eq!(bad.span.start, 26);
/// ```
pub fn parse(text: &str) -> Result<Expression, ParseError> {
    let tokens = lex(text)?;
    let mut parser = Parser::new(tokens);
    if parser.peek().kind == Tok::End {
        return Err(error(
            Span::new(0, 0),
            "empty expression (expected e.g. alibaba.revenue@FY2026 / 7.3 CNY/USD)",
        ));
    }
    let (root, _) = parser.expr(0, 0)?;
    let next = parser.peek().clone();
    match next.kind {
        Tok::End => Ok(Expression {
            text: text.to_string(),
            root,
        }),
        Tok::Bound(_) => Err(error(
            next.span,
            format!(
                "'{}' marks a bound on a number (as in >30%); an expression has no comparisons",
                next.span.slice(text)
            ),
        )),
        Tok::RParen => Err(error(next.span, "')' without a matching '('")),
        _ => Err(error(
            next.span,
            format!(
                "expected an operator (+ − × ÷) or the end, found {}",
                describe(&next, text)
            ),
        )),
    }
}

// ---------------------------------------------------------------------------
// Lexer.

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Tok {
    /// Digits with a suffix; the currency, if any, is a separate token.
    Number {
        digits: String,
        scale: Option<Scale>,
        unit: LiteralUnit,
    },
    Figure(FigureRef),
    Name(String),
    Currency(LiteralUnit),
    Bound(LiteralBound),
    Plus,
    Minus,
    Star,
    Slash,
    LParen,
    RParen,
    Comma,
    End,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Token {
    pub(super) kind: Tok,
    pub(super) span: Span,
}

pub(super) fn describe(token: &Token, text: &str) -> String {
    match token.kind {
        Tok::End => "the end of the expression".to_string(),
        _ => format!("'{}'", token.span.slice(text)),
    }
}

pub(super) fn lex(text: &str) -> Result<Vec<Token>, ParseError> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0usize;
    let at = |k: usize| chars.get(k).copied();
    while let Some(c) = at(i) {
        if c.is_whitespace() {
            i = i.saturating_add(1);
            continue;
        }
        let start = i;
        let single = |kind: Tok| Token {
            kind,
            span: Span::new(start, start.saturating_add(1)),
        };
        let token = match c {
            '+' => single(Tok::Plus),
            '-' | '−' => single(Tok::Minus),
            '*' | '×' => single(Tok::Star),
            '/' | '÷' => single(Tok::Slash),
            '(' => single(Tok::LParen),
            ')' => single(Tok::RParen),
            ',' => single(Tok::Comma),
            '≥' => single(Tok::Bound(LiteralBound::AtLeast)),
            '≤' => single(Tok::Bound(LiteralBound::AtMost)),
            '~' | '≈' => single(Tok::Bound(LiteralBound::About)),
            '>' | '<' => {
                let or_equal = at(i.saturating_add(1)) == Some('=');
                let bound = match (c, or_equal) {
                    ('>', false) => LiteralBound::MoreThan,
                    ('>', true) => LiteralBound::AtLeast,
                    ('<', false) => LiteralBound::LessThan,
                    _ => LiteralBound::AtMost,
                };
                Token {
                    kind: Tok::Bound(bound),
                    span: Span::new(start, start.saturating_add(if or_equal { 2 } else { 1 })),
                }
            }
            c if c.is_ascii_lowercase() || c.is_ascii_digit() => match figure(&chars, start)? {
                Some(token) => token,
                None if c.is_ascii_digit() => number(&chars, start)?,
                None => {
                    let end = scan(&chars, start, |c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'
                    });
                    Token {
                        kind: Tok::Name(piece(&chars, start, end)),
                        span: Span::new(start, end),
                    }
                }
            },
            c if c.is_ascii_uppercase() => currency(&chars, start)?,
            '.' if at(i.saturating_add(1)).is_some_and(|d| d.is_ascii_digit()) => {
                return Err(error(
                    Span::new(start, start.saturating_add(1)),
                    "a number starts with a digit (write 0.5, not .5)",
                ));
            }
            other => {
                return Err(error(
                    Span::new(start, start.saturating_add(1)),
                    format!("unexpected character {other:?}"),
                ));
            }
        };
        i = token.span.end;
        tokens.push(token);
    }
    tokens.push(Token {
        kind: Tok::End,
        span: Span::new(chars.len(), chars.len()),
    });
    Ok(tokens)
}

/// The characters from `start` to `end` (empty when out of range).
fn piece(chars: &[char], start: usize, end: usize) -> String {
    chars.get(start..end).unwrap_or_default().iter().collect()
}

/// The end of the run of characters from `start` that `keep` accepts.
fn scan(chars: &[char], start: usize, keep: impl Fn(char) -> bool) -> usize {
    let mut end = start;
    while chars.get(end).copied().is_some_and(&keep) {
        end = end.saturating_add(1);
    }
    end
}

/// A figure reference, if the text at `start` has its shape
/// (`entity.metric@…`): an entity id, a dot, then a letter.
fn figure(chars: &[char], start: usize) -> Result<Option<Token>, ParseError> {
    let entity_end = scan(chars, start, |c| {
        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'
    });
    let dot = chars.get(entity_end) == Some(&'.');
    let letter = chars
        .get(entity_end.saturating_add(1))
        .is_some_and(|c| c.is_ascii_lowercase());
    if !(dot && letter) {
        return Ok(None);
    }
    let entity: String = piece(chars, start, entity_end);
    let entity_span = Span::new(start, entity_end);
    check_entity_id(&entity).map_err(|e| error(entity_span, e.to_string()))?;
    let metric_start = entity_end.saturating_add(1);
    let metric_end = scan(chars, metric_start, |c| {
        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'
    });
    let metric: String = piece(chars, metric_start, metric_end);
    let metric_span = Span::new(metric_start, metric_end);
    check_metric_key(&metric).map_err(|e| error(metric_span, e.to_string()))?;
    if chars.get(metric_end) != Some(&'@') {
        return Err(error(
            Span::new(metric_end, metric_end.saturating_add(1)),
            format!(
                "{entity}.{metric} needs a period: a figure is written entity.metric@PERIOD (e.g. {entity}.{metric}@FY2026)"
            ),
        ));
    }
    let period_start = metric_end.saturating_add(1);
    let candidate_end = scan(chars, period_start, |c| {
        c.is_ascii_alphanumeric() || c == '-' || c == '.'
    })
    .min(period_start.saturating_add(MAX_PERIOD_CHARS));
    // The longest prefix that is a period and ends before a '-' or '.':
    // `x@FY2026-3` is x@FY2026 minus 3, but `x@FY20X6` is no period at all.
    let mut end = candidate_end;
    while end > period_start {
        let at_boundary = end == candidate_end || matches!(chars.get(end), Some('-' | '.'));
        if at_boundary
            && chars
                .get(end.saturating_sub(1))
                .is_some_and(|c| c.is_ascii_alphanumeric())
        {
            let text: String = piece(chars, period_start, end);
            if let Ok(period) = text.parse::<Period>() {
                let reference = Reference {
                    entity: entity.into(),
                    metric: metric.into(),
                    period,
                };
                return Ok(Some(Token {
                    kind: Tok::Figure(FigureRef {
                        reference,
                        entity: entity_span,
                        metric: metric_span,
                        period: Span::new(period_start, end),
                    }),
                    span: Span::new(start, end),
                }));
            }
        }
        end = end.saturating_sub(1);
    }
    let text: String = piece(chars, period_start, candidate_end);
    let span = Span::new(
        period_start,
        candidate_end.max(period_start.saturating_add(1)),
    );
    let message = match text.parse::<Period>() {
        Err(e) => e.to_string(),
        Ok(_) => format!("{text:?} is not a period"),
    };
    Err(error(span, format!("after '@': {message}")))
}

/// A number with its suffix: `30%`, `1.5x`, `2.5bn`.
fn number(chars: &[char], start: usize) -> Result<Token, ParseError> {
    let mut end = scan(chars, start, |c| c.is_ascii_digit());
    if chars.get(end) == Some(&'.')
        && chars
            .get(end.saturating_add(1))
            .is_some_and(|c| c.is_ascii_digit())
    {
        end = scan(chars, end.saturating_add(1), |c| c.is_ascii_digit());
    }
    let digits: String = piece(chars, start, end);
    written(&digits, Span::new(start, end))?;
    let mut scale = None;
    let mut unit = LiteralUnit::Number;
    let mut stop = end;
    if chars.get(end) == Some(&'%') {
        unit = LiteralUnit::Percent;
        stop = end.saturating_add(1);
    } else if chars.get(end).is_some_and(|c| c.is_ascii_lowercase()) {
        let suffix_end = scan(chars, end, |c| c.is_ascii_lowercase());
        let suffix: String = piece(chars, end, suffix_end);
        match suffix.as_str() {
            "x" => unit = LiteralUnit::Multiple,
            "k" => scale = Some(Scale::Thousand),
            "m" | "mn" => scale = Some(Scale::Million),
            "bn" => scale = Some(Scale::Billion),
            "tn" => scale = Some(Scale::Trillion),
            "wan" => scale = Some(Scale::Wan),
            "yi" => scale = Some(Scale::Yi),
            _ => {
                return Err(error(
                    Span::new(end, suffix_end),
                    format!(
                        "unknown suffix '{suffix}' after {digits} (expected %, x, k, m, bn, tn, wan or yi)"
                    ),
                ));
            }
        }
        stop = suffix_end;
    }
    Ok(Token {
        kind: Tok::Number {
            digits,
            scale,
            unit,
        },
        span: Span::new(start, stop),
    })
}

fn written(digits: &str, span: Span) -> Result<WrittenDecimal, ParseError> {
    digits
        .parse::<WrittenDecimal>()
        .map_err(|e| error(span, e.to_string()))
}

/// A currency code after a number (`CNY`), or a rate (`CNY/USD`).
fn currency(chars: &[char], start: usize) -> Result<Token, ParseError> {
    let end = scan(chars, start, |c| c.is_ascii_alphabetic());
    let code: String = piece(chars, start, end);
    let is_code = |s: &str| s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase());
    if !is_code(&code) {
        return Err(error(
            Span::new(start, end),
            format!("'{code}' is not a currency code (expected three capitals, e.g. CNY or USD)"),
        ));
    }
    let rate = chars.get(end) == Some(&'/')
        && chars
            .get(end.saturating_add(1))
            .is_some_and(char::is_ascii_uppercase);
    if !rate {
        return Ok(Token {
            kind: Tok::Currency(LiteralUnit::Currency(code)),
            span: Span::new(start, end),
        });
    }
    let base_end = scan(chars, end.saturating_add(1), |c| c.is_ascii_alphabetic());
    let base: String = piece(chars, end.saturating_add(1), base_end);
    if !is_code(&base) {
        return Err(error(
            Span::new(end.saturating_add(1), base_end),
            format!("'{base}' is not a currency code (expected three capitals, e.g. CNY or USD)"),
        ));
    }
    if base == code {
        return Err(error(
            Span::new(start, base_end),
            format!("{code}/{base} is not an exchange rate: the two currencies are the same"),
        ));
    }
    Ok(Token {
        kind: Tok::Currency(LiteralUnit::Rate { quote: code, base }),
        span: Span::new(start, base_end),
    })
}

// ---------------------------------------------------------------------------
// Parser.

/// The tokens of a text and the place reached in them: what every reader
/// of the language walks (expressions here, definitions in `sum`).
pub(super) struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

/// Binding powers (left, right) of the binary operators.
fn infix(kind: &Tok) -> Option<(BinaryOp, u8, u8)> {
    match kind {
        Tok::Plus => Some((BinaryOp::Add, 1, 2)),
        Tok::Minus => Some((BinaryOp::Subtract, 1, 2)),
        Tok::Star => Some((BinaryOp::Multiply, 3, 4)),
        Tok::Slash => Some((BinaryOp::Divide, 3, 4)),
        _ => None,
    }
}

/// Binding power of unary minus: tighter than `×` and `÷`.
const UNARY: u8 = 5;

impl Parser {
    /// At the first of these tokens (the lexer's, ending with `End`).
    pub(super) fn new(tokens: Vec<Token>) -> Parser {
        Parser { tokens, at: 0 }
    }

    /// The token reached.
    pub(super) fn peek(&self) -> &Token {
        // The token list always ends with End, and `at` never passes it.
        static END: Token = Token {
            kind: Tok::End,
            span: Span { start: 0, end: 0 },
        };
        self.tokens
            .get(self.at)
            .or_else(|| self.tokens.last())
            .unwrap_or(&END)
    }

    /// The token reached, moving past it (never past `End`).
    pub(super) fn next(&mut self) -> Token {
        let token = self.peek().clone();
        if token.kind != Tok::End {
            self.at = self.at.saturating_add(1);
        }
        token
    }

    /// An expression and the height of its tree.
    fn expr(&mut self, min_bp: u8, depth: usize) -> Result<(Node, usize), ParseError> {
        let (mut left, mut height) = self.prefix(depth)?;
        while let Some((op, left_bp, right_bp)) = infix(&self.peek().kind) {
            if left_bp < min_bp {
                break;
            }
            let op_token = self.next();
            let (right, right_height) = self.expr(right_bp, depth.saturating_add(1))?;
            height = height.max(right_height).saturating_add(1);
            if height > MAX_DEPTH {
                return Err(too_deep(op_token.span));
            }
            let span = left.span.to(right.span);
            left = Node {
                kind: NodeKind::Binary {
                    op,
                    op_span: op_token.span,
                    left: Box::new(left),
                    right: Box::new(right),
                },
                span,
            };
        }
        Ok((left, height))
    }

    /// A value and the height of its tree.
    fn prefix(&mut self, depth: usize) -> Result<(Node, usize), ParseError> {
        let token = self.next();
        if depth > MAX_DEPTH {
            return Err(too_deep(token.span));
        }
        let (node, height) = self.prefix_node(token, depth)?;
        if height > MAX_DEPTH {
            return Err(too_deep(node.span));
        }
        Ok((node, height))
    }

    fn prefix_node(&mut self, token: Token, depth: usize) -> Result<(Node, usize), ParseError> {
        let leaf = |node: Node| Ok((node, 1));
        match token.kind {
            Tok::Number {
                digits,
                scale,
                unit,
            } => {
                leaf(self.literal(&digits, scale, unit, LiteralBound::Exact, token.span, false)?)
            }
            Tok::Bound(bound) => {
                let negative = self.peek().kind == Tok::Minus;
                if negative {
                    self.next();
                }
                let number = self.next();
                match number.kind {
                    Tok::Number {
                        digits,
                        scale,
                        unit,
                    } => {
                        let span = token.span.to(number.span);
                        leaf(self.literal(&digits, scale, unit, bound, span, negative)?)
                    }
                    _ => Err(error(
                        number.span,
                        format!(
                            "a bound mark goes before a number (as in >30%), found {}",
                            self.describe_found(&number)
                        ),
                    )),
                }
            }
            Tok::Minus => {
                let (operand, height) = self.expr(UNARY, depth.saturating_add(1))?;
                let span = token.span.to(operand.span);
                let node = Node {
                    kind: NodeKind::Negate(Box::new(operand)),
                    span,
                };
                Ok((node, height.saturating_add(1)))
            }
            Tok::LParen => {
                let (inner, height) = self.expr(0, depth.saturating_add(1))?;
                let close = self.next();
                if close.kind != Tok::RParen {
                    return Err(error(
                        close.span,
                        format!(
                            "expected ')' to close the '(' at column {}, found {}",
                            token.span.start.saturating_add(1),
                            self.describe_found(&close)
                        ),
                    ));
                }
                let node = Node {
                    kind: inner.kind,
                    span: token.span.to(close.span),
                };
                Ok((node, height))
            }
            Tok::Figure(figure) => leaf(Node {
                kind: NodeKind::Figure(figure),
                span: token.span,
            }),
            Tok::Name(name) => self.call(&name, token.span, depth),
            Tok::Currency(_) => Err(error(
                token.span,
                "a currency goes after a number, as in 2.5bn CNY or 7.3 CNY/USD",
            )),
            Tok::End => Err(error(
                token.span,
                "expected a value, found the end of the expression",
            )),
            Tok::RParen | Tok::Comma | Tok::Plus | Tok::Star | Tok::Slash => Err(error(
                token.span,
                format!("expected a value, found {}", self.describe_found(&token)),
            )),
        }
    }

    fn describe_found(&self, token: &Token) -> String {
        match &token.kind {
            Tok::End => "the end of the expression".to_string(),
            Tok::Plus => "'+'".to_string(),
            Tok::Minus => "'-'".to_string(),
            Tok::Star => "'×'".to_string(),
            Tok::Slash => "'÷'".to_string(),
            Tok::LParen => "'('".to_string(),
            Tok::RParen => "')'".to_string(),
            Tok::Comma => "','".to_string(),
            Tok::Bound(b) => format!("'{}'", b.mark()),
            Tok::Name(n) => format!("'{n}'"),
            Tok::Figure(f) => f.reference.to_string(),
            Tok::Number { digits, .. } => digits.clone(),
            Tok::Currency(LiteralUnit::Rate { quote, base }) => format!("'{quote}/{base}'"),
            Tok::Currency(LiteralUnit::Currency(code)) => format!("'{code}'"),
            Tok::Currency(_) => "a unit".to_string(),
        }
    }

    fn literal(
        &mut self,
        digits: &str,
        scale: Option<Scale>,
        unit: LiteralUnit,
        bound: LiteralBound,
        span: Span,
        negative: bool,
    ) -> Result<Node, ParseError> {
        let signed = if negative {
            format!("-{digits}")
        } else {
            digits.to_string()
        };
        let value = written(&signed, span)?;
        let mut unit = unit;
        let mut span = span;
        if let Tok::Currency(currency) = &self.peek().kind {
            let currency = currency.clone();
            let token = self.next();
            if unit != LiteralUnit::Number {
                let what = if unit == LiteralUnit::Percent {
                    "a percent"
                } else {
                    "a multiple"
                };
                return Err(error(
                    token.span,
                    format!("{what} has no currency (write 30% or 2.5bn CNY, not both)"),
                ));
            }
            unit = currency;
            span = span.to(token.span);
        }
        Ok(Node {
            kind: NodeKind::Literal(Literal {
                value,
                scale,
                unit,
                bound,
            }),
            span,
        })
    }

    fn call(
        &mut self,
        name: &str,
        name_span: Span,
        depth: usize,
    ) -> Result<(Node, usize), ParseError> {
        let open = self.peek().clone();
        let Some(function) = Function::from_name(name) else {
            let names: Vec<&str> = Function::ALL.iter().map(|f| f.name()).collect();
            let hint = match closest(name, names.iter().copied()) {
                Some(best) => format!(" (did you mean '{best}'?)"),
                None => String::new(),
            };
            let message = if open.kind == Tok::LParen {
                format!(
                    "unknown function '{name}'{hint}; the functions are {}",
                    names.join(", ")
                )
            } else {
                format!(
                    "'{name}' is neither a function nor a figure{hint} (a figure is written entity.metric@PERIOD, e.g. alibaba.revenue@FY2026)"
                )
            };
            return Err(error(name_span, message));
        };
        if open.kind != Tok::LParen {
            return Err(error(
                open.span,
                format!(
                    "{} is a function: call it as {}",
                    function.name(),
                    function.signature()
                ),
            ));
        }
        self.next();
        let mut args = Vec::new();
        let mut height = 1;
        let close = if self.peek().kind == Tok::RParen {
            self.next()
        } else {
            loop {
                let (arg, arg_height) = self.expr(0, depth.saturating_add(1))?;
                height = height.max(arg_height.saturating_add(1));
                args.push(arg);
                let token = self.next();
                match token.kind {
                    Tok::Comma => continue,
                    Tok::RParen => break token,
                    _ => {
                        return Err(error(
                            token.span,
                            format!(
                                "expected ',' or ')' in {}(…), found {}",
                                function.name(),
                                self.describe_found(&token)
                            ),
                        ));
                    }
                }
            }
        };
        let span = name_span.to(close.span);
        check_arguments(function, &args, span)?;
        let node = Node {
            kind: NodeKind::Call {
                function,
                name_span,
                args,
            },
            span,
        };
        Ok((node, height))
    }
}

fn too_deep(span: Span) -> ParseError {
    error(
        span,
        format!("the expression is nested too deeply (more than {MAX_DEPTH} levels)"),
    )
}

/// Each function's number and kind of arguments.
fn check_arguments(function: Function, args: &[Node], span: Span) -> Result<(), ParseError> {
    let (count, figures): (Option<usize>, &[usize]) = match function {
        Function::Yoy | Function::Prior | Function::Margin | Function::RunRate => (Some(1), &[0]),
        Function::Cagr => (Some(2), &[0, 1]),
        Function::Share | Function::Growth => (Some(2), &[]),
        Function::Min | Function::Max => (None, &[]),
    };
    let wrong_count = match count {
        Some(n) => args.len() != n,
        None => args.is_empty(),
    };
    if wrong_count {
        let expected = match count {
            Some(1) => "one argument".to_string(),
            Some(n) => format!("{n} arguments"),
            None => "at least one argument".to_string(),
        };
        return Err(error(
            span,
            format!(
                "{} takes {expected}: {} (found {})",
                function.name(),
                function.signature(),
                args.len()
            ),
        ));
    }
    for &i in figures {
        if let Some(arg) = args.get(i)
            && arg.as_figure().is_none()
        {
            return Err(error(
                arg.span,
                format!(
                    "{} needs a figure here, not a computed value: {} (e.g. {}(alibaba.revenue@FY2026{}))",
                    function.name(),
                    function.signature(),
                    function.name(),
                    if function == Function::Cagr {
                        ", alibaba.revenue@FY2027"
                    } else {
                        ""
                    }
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str) -> String {
        fn show(node: &Node, text: &str) -> String {
            match &node.kind {
                NodeKind::Literal(_) | NodeKind::Figure(_) => node.span.slice(text),
                NodeKind::Negate(inner) => format!("(neg {})", show(inner, text)),
                NodeKind::Binary {
                    op, left, right, ..
                } => format!(
                    "({} {} {})",
                    op.symbol(),
                    show(left, text),
                    show(right, text)
                ),
                NodeKind::Call { function, args, .. } => {
                    let args: Vec<String> = args.iter().map(|a| show(a, text)).collect();
                    format!("({} {})", function.name(), args.join(" "))
                }
            }
        }
        let e = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        show(e.root(), text)
    }

    #[test]
    fn precedence_and_associativity() {
        let cases = [
            ("1 + 2 * 3", "(+ 1 (× 2 3))"),
            ("1 * 2 + 3", "(+ (× 1 2) 3)"),
            ("(1 + 2) * 3", "(× (+ 1 2) 3)"),
            ("8 / 4 / 2", "(÷ (÷ 8 4) 2)"),
            ("8 - 4 - 2", "(− (− 8 4) 2)"),
            ("8 − 4 + 2", "(+ (− 8 4) 2)"),
            ("-2 * 3", "(× (neg 2) 3)"),
            ("2 * -3", "(× 2 (neg 3))"),
            ("- -2", "(neg (neg 2))"),
            ("6 ÷ 2 × 3", "(× (÷ 6 2) 3)"),
            ("1 - 2 × 3 ÷ 4", "(− 1 (÷ (× 2 3) 4))"),
            (
                "share(a.revenue@FY2026, b.revenue@FY2026) * 2",
                "(× (share a.revenue@FY2026 b.revenue@FY2026) 2)",
            ),
            ("min(1, 2 + 3, 4)", "(min 1 (+ 2 3) 4)"),
        ];
        for (text, expected) in cases {
            assert_eq!(tree(text), expected, "{text}");
        }
    }

    fn literal(text: &str) -> Literal {
        match parse(text).unwrap().root.kind {
            NodeKind::Literal(l) => l,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn literals_keep_units_scales_and_bounds() {
        let l = literal("30%");
        assert_eq!(
            (l.unit, l.bound, l.value.value().to_string()),
            (LiteralUnit::Percent, LiteralBound::Exact, "30".to_string())
        );
        assert_eq!(literal(">30%").bound, LiteralBound::MoreThan);
        assert_eq!(literal(">=30%").bound, LiteralBound::AtLeast);
        assert_eq!(literal("≥30%").bound, LiteralBound::AtLeast);
        assert_eq!(literal("<5").bound, LiteralBound::LessThan);
        assert_eq!(literal("<=5").bound, LiteralBound::AtMost);
        assert_eq!(literal("≤5").bound, LiteralBound::AtMost);
        assert_eq!(literal("~19%").bound, LiteralBound::About);
        assert_eq!(literal("≈19%").bound, LiteralBound::About);
        assert_eq!(literal(">-5%").value.value().to_string(), "-5");
        assert_eq!(literal("1.5x").unit, LiteralUnit::Multiple);
        assert_eq!(literal("2.5bn").scale, Some(Scale::Billion));
        assert_eq!(literal("300m").scale, Some(Scale::Million));
        assert_eq!(literal("300mn").scale, Some(Scale::Million));
        assert_eq!(literal("1.2tn").scale, Some(Scale::Trillion));
        assert_eq!(literal("10k").scale, Some(Scale::Thousand));
        assert_eq!(literal("5yi").scale, Some(Scale::Yi));
        assert_eq!(literal("3wan").scale, Some(Scale::Wan));
        let money = literal("2.5bn CNY");
        assert_eq!(money.unit, LiteralUnit::Currency("CNY".into()));
        assert_eq!(money.scale, Some(Scale::Billion));
        assert_eq!(
            literal("7.3 CNY/USD").unit,
            LiteralUnit::Rate {
                quote: "CNY".into(),
                base: "USD".into()
            }
        );
        assert_eq!(literal("102.10").value.last_digit(), -2);
    }

    #[test]
    fn figures_and_their_parts() {
        let e = parse("alibaba-cloud.revenue@FY2026-Q4").unwrap();
        let NodeKind::Figure(f) = &e.root.kind else {
            panic!()
        };
        assert_eq!(f.reference.to_string(), "alibaba-cloud.revenue@FY2026-Q4");
        assert_eq!(
            (f.entity, f.metric, f.period),
            (Span::new(0, 13), Span::new(14, 21), Span::new(22, 31))
        );
        // The longest prefix that is a period: FY2026 minus 3.
        assert_eq!(tree("a.revenue@FY2026-3"), "(− a.revenue@FY2026 3)");
        assert_eq!(
            tree("a.x@2026-05..2026-06 / 2"),
            "(÷ a.x@2026-05..2026-06 2)"
        );
        assert_eq!(tree("a.x@2026-12-31*2"), "(× a.x@2026-12-31 2)");
        // An entity id may start with a digit; a number may not be followed by '.letter'.
        assert_eq!(tree("3m.revenue@FY2026 + 3m"), "(+ 3m.revenue@FY2026 3m)");
        let reads = parse("yoy(a.x@FY2026) + margin(b.y@FY2026-Q4) + prior(c.z@FY2026)")
            .unwrap()
            .figures_read();
        let reads: Vec<String> = reads.iter().map(ToString::to_string).collect();
        assert_eq!(
            reads,
            [
                "a.x@FY2026",
                "a.x@FY2025",
                "b.y@FY2026-Q4",
                "b.revenue@FY2026-Q4",
                "c.z@FY2025"
            ]
        );
    }

    /// The message and 1-based column of the error for `text`.
    fn fails(text: &str) -> (String, usize) {
        let e = parse(text).expect_err(text);
        (e.message, e.span.start + 1)
    }

    #[test]
    fn every_error_names_its_column() {
        #[rustfmt::skip]
        let cases: [(&str, usize, &str); 27] = [
            ("", 1, "empty expression"),
            ("   ", 1, "empty expression"),
            ("1 +", 4, "expected a value, found the end"),
            ("1 + * 2", 5, "expected a value, found '×'"),
            ("(1 + 2", 7, "expected ')' to close the '(' at column 1"),
            ("1 + 2)", 6, "')' without a matching '('"),
            ("1 2", 3, "expected an operator"),
            ("a.revenue@FY2026 > 3", 18, "has no comparisons"),
            ("1 # 2", 3, "unexpected character '#'"),
            (".5", 1, "write 0.5"),
            ("2.5b", 4, "unknown suffix 'b'"),
            ("30% CNY", 5, "a percent has no currency"),
            ("CNY", 1, "a currency goes after a number"),
            ("2 CNYY", 3, "'CNYY' is not a currency code"),
            ("7 CNY/CNY", 3, "the two currencies are the same"),
            ("yoyy(a.x@FY2026)", 1, "unknown function 'yoyy' (did you mean 'yoy'?)"),
            ("revenue", 1, "'revenue' is neither a function nor a figure"),
            ("yoy", 4, "yoy is a function: call it as yoy(figure)"),
            ("alibaba.revenue", 16, "needs a period"),
            ("alibaba.revenue@FY20X6", 17, "is not a period"),
            ("alibaba.revenue@", 17, "an empty string is not a period"),
            ("yoy(1 + 2)", 5, "yoy needs a figure here"),
            ("cagr(a.x@FY2026, 2)", 18, "cagr needs a figure here"),
            ("share(a.x@FY2026)", 1, "share takes 2 arguments"),
            ("min()", 1, "min takes at least one argument"),
            ("share(1 2)", 9, "expected ',' or ')' in share(…)"),
            ("> x", 3, "a bound mark goes before a number"),
        ];
        for (text, column, message) in cases {
            let (got, at) = fails(text);
            assert!(got.contains(message), "{text:?}: {got:?}");
            assert_eq!(at, column, "{text:?}: {got}");
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let deep = format!("{}1{}", "(".repeat(10_000), ")".repeat(10_000));
        let (message, _) = fails(&deep);
        assert!(message.contains("nested too deeply"), "{message}");
        let minus = format!("{}1", "-".repeat(10_000));
        assert!(fails(&minus).0.contains("nested too deeply"));
        // A chain of operators is as deep as it is long.
        let sums = format!("1{}", " + 1".repeat(10_000));
        assert!(parse(&sums).is_err_and(|e| e.message.contains("nested too deeply")));
        let fine = format!("1{}", " + 1".repeat(MAX_DEPTH - 1));
        assert!(parse(&fine).is_ok());
        let ok = format!(
            "{}1{}",
            "(".repeat(MAX_DEPTH - 1),
            ")".repeat(MAX_DEPTH - 1)
        );
        assert!(parse(&ok).is_ok());
    }
}
