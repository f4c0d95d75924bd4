//! A metric defined as a sum of other metrics of the same entity and
//! period: `operating_cash_flow - capex` (data/FORMAT.md, Definitions).
//!
//! It is read with the expression language's lexer, so that its tokens,
//! its minus signs (`-` and `−`) and its columns are those of `earnings
//! eval`; its grammar is the part of that language a definition needs:
//!
//! ```text
//! sum  = ("+" | "-" | "−")? term (("+" | "-" | "−") term)*
//! term = metric | "(" sum ")"
//! ```
//!
//! Each metric appears once: a figure counted twice would widen the
//! interval of the sum beyond the exact one (`a − a` is not 0 on
//! intervals), and no definition needs it.

use std::fmt;

use crate::expr::ast::Span;
use crate::expr::parse::{MAX_DEPTH, ParseError, Parser, Tok, Token, describe, error, lex};
use crate::reference::check_metric_key;

/// One metric of a sum, added or subtracted.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Term {
    /// The metric key.
    pub metric: String,
    /// Whether it is subtracted.
    pub negative: bool,
}

/// A metric's definition: the metrics it adds and subtracts, as written
/// (`operating_cash_flow - capex`). Two definitions are equal when they
/// add and subtract the same metrics, in any order.
#[derive(Clone, Debug, Eq)]
pub struct Sum {
    text: String,
    terms: Vec<Term>,
}

impl Sum {
    /// The metrics, in the order written, each with its sign.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// The text as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    fn sorted(&self) -> Vec<&Term> {
        let mut terms: Vec<&Term> = self.terms.iter().collect();
        terms.sort();
        terms
    }
}

impl PartialEq for Sum {
    fn eq(&self, other: &Sum) -> bool {
        self.sorted() == other.sorted()
    }
}

impl fmt::Display for Sum {
    /// The formula as outputs print it: `operating_cash_flow − capex`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, term) in self.terms.iter().enumerate() {
            match (i, term.negative) {
                (0, false) => {}
                (0, true) => f.write_str("−")?,
                (_, false) => f.write_str(" + ")?,
                (_, true) => f.write_str(" − ")?,
            }
            f.write_str(&term.metric)?;
        }
        Ok(())
    }
}

/// Reads a definition.
///
/// ```
/// use earnings::expr::parse_sum;
/// let fcf = parse_sum("operating_cash_flow - capex").unwrap();
/// assert_eq!(fcf.to_string(), "operating_cash_flow − capex");
/// assert!(fcf.terms()[1].negative);
/// let bad = parse_sum("operating_cash_flow * 2").unwrap_err();
/// assert_eq!(bad.span.start, 20);
/// ```
pub fn parse_sum(text: &str) -> Result<Sum, ParseError> {
    let tokens = lex(text)?;
    let mut reader = Reader {
        text,
        tokens: Parser::new(tokens),
        terms: Vec::new(),
    };
    if reader.peek().kind == Tok::End {
        return Err(error(
            Span::new(0, 0),
            "empty definition (expected metrics added and subtracted, e.g. operating_cash_flow - capex)",
        ));
    }
    reader.sum(false, 0)?;
    let next = reader.next();
    match next.kind {
        Tok::End => Ok(Sum {
            text: text.to_string(),
            terms: reader.terms,
        }),
        Tok::RParen => Err(error(next.span, "')' without a matching '('")),
        _ => Err(reader.misplaced(&next)),
    }
}

struct Reader<'t> {
    text: &'t str,
    tokens: Parser,
    terms: Vec<Term>,
}

impl Reader<'_> {
    fn peek(&self) -> &Token {
        self.tokens.peek()
    }

    fn next(&mut self) -> Token {
        self.tokens.next()
    }

    /// A sum, its terms negated when `negative`.
    fn sum(&mut self, negative: bool, depth: usize) -> Result<(), ParseError> {
        let mut sign = negative;
        match self.peek().kind {
            Tok::Minus => {
                self.next();
                sign = !negative;
            }
            Tok::Plus => {
                self.next();
            }
            _ => {}
        }
        self.term(sign, depth)?;
        loop {
            let sign = match self.peek().kind {
                Tok::Plus => negative,
                Tok::Minus => !negative,
                _ => return Ok(()),
            };
            self.next();
            self.term(sign, depth)?;
        }
    }

    fn term(&mut self, negative: bool, depth: usize) -> Result<(), ParseError> {
        let token = self.next();
        match token.kind {
            Tok::Name(metric) => {
                if self.peek().kind == Tok::LParen {
                    return Err(error(
                        token.span,
                        format!(
                            "'{metric}(…)' is a function call; a definition only adds and subtracts metrics"
                        ),
                    ));
                }
                check_metric_key(&metric).map_err(|e| error(token.span, e.to_string()))?;
                if self.terms.iter().any(|t| t.metric == metric) {
                    return Err(error(
                        token.span,
                        format!(
                            "{metric} is named twice (each metric once, so that no figure counts twice)"
                        ),
                    ));
                }
                self.terms.push(Term { metric, negative });
                Ok(())
            }
            Tok::LParen => {
                if depth >= MAX_DEPTH {
                    return Err(error(
                        token.span,
                        format!(
                            "the definition is nested too deeply (more than {MAX_DEPTH} levels)"
                        ),
                    ));
                }
                self.sum(negative, depth.saturating_add(1))?;
                let close = self.next();
                if close.kind == Tok::RParen {
                    Ok(())
                } else {
                    Err(error(
                        close.span,
                        format!(
                            "expected ')' to close the '(' at column {}, found {}",
                            token.span.start.saturating_add(1),
                            describe(&close, self.text)
                        ),
                    ))
                }
            }
            Tok::Figure(figure) => Err(error(
                token.span,
                format!(
                    "a definition names metrics, each of the same entity and period as the figure defined: write {}, not {}",
                    figure.reference.metric, figure.reference
                ),
            )),
            Tok::Number { .. } | Tok::Bound(_) | Tok::Currency(_) => Err(error(
                token.span,
                format!(
                    "a definition adds and subtracts metrics only, no numbers: found {}",
                    describe(&token, self.text)
                ),
            )),
            _ => Err(error(
                token.span,
                format!(
                    "expected a metric (e.g. capex), found {}",
                    describe(&token, self.text)
                ),
            )),
        }
    }

    /// The error for a token where `+`, `−` or the end belongs.
    fn misplaced(&self, token: &Token) -> ParseError {
        let found = describe(token, self.text);
        match token.kind {
            Tok::Star | Tok::Slash => error(
                token.span,
                format!("a definition only adds and subtracts metrics (+, −), found {found}"),
            ),
            _ => error(
                token.span,
                format!("expected + or − or the end of the definition, found {found}"),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<(String, bool)> {
        parse_sum(text)
            .unwrap()
            .terms()
            .iter()
            .map(|t| (t.metric.clone(), t.negative))
            .collect()
    }

    fn refused(text: &str) -> (usize, String) {
        let e = parse_sum(text).unwrap_err();
        (e.span.start, e.message)
    }

    #[test]
    fn signs_carry_through_parentheses() {
        assert_eq!(
            terms("a - (b - c) + d"),
            [
                ("a".into(), false),
                ("b".into(), true),
                ("c".into(), false),
                ("d".into(), false)
            ]
        );
        assert_eq!(terms("−(a + b)"), [("a".into(), true), ("b".into(), true)]);
        assert_eq!(terms("+a"), [("a".into(), false)]);
        assert_eq!(parse_sum("-a + b − c").unwrap().to_string(), "−a + b − c");
    }

    #[test]
    fn the_same_metrics_in_any_order_are_one_definition() {
        let one = parse_sum("operating_cash_flow - capex").unwrap();
        assert_eq!(one, parse_sum("-capex + operating_cash_flow").unwrap());
        assert_ne!(one, parse_sum("operating_cash_flow + capex").unwrap());
        assert_ne!(one, parse_sum("operating_cash_flow").unwrap());
    }

    #[test]
    fn anything_but_a_sum_of_metrics_is_refused_at_its_column() {
        let (at, message) = refused("operating_cash_flow - capex - capex");
        assert_eq!(at, 30);
        assert!(message.starts_with("capex is named twice"), "{message}");
        let (at, message) = refused("a * b");
        assert_eq!(at, 2);
        assert!(message.starts_with("a definition only adds and subtracts"));
        let (at, message) = refused("a - 2");
        assert_eq!(at, 4);
        assert!(message.ends_with("no numbers: found '2'"), "{message}");
        let (at, message) = refused("a - acme.capex@FY2026");
        assert_eq!(at, 4);
        assert!(message.contains("write capex, not acme.capex@FY2026"));
        let (at, message) = refused("yoy(a)");
        assert_eq!(at, 0);
        assert!(message.contains("function call"));
        assert_eq!(refused("").0, 0);
        assert!(refused("(a - b").1.starts_with("expected ')'"));
        assert!(refused("a b").1.starts_with("expected + or −"));
        assert!(refused("a -").1.contains("found the end"));
        assert!(refused("a)").1.starts_with("')' without"));
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = format!("{}a{}", "(".repeat(500), ")".repeat(500));
        assert!(refused(&deep).1.contains("nested too deeply"));
        let fine = format!("{}a{}", "(".repeat(50), ")".repeat(50));
        assert_eq!(terms(&fine), [("a".into(), false)]);
    }
}
