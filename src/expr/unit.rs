//! Units in expressions: what a value counts, and what each operator does
//! to it.
//!
//! - Money in a currency, in base units (yuan, not billions of yuan).
//! - A count of something (`orders`).
//! - Dimensionless values, shown three ways: a percent (held as the
//!   percent number, 19 for 19%, exactly as `yoy` and `share` compute it),
//!   a multiple (1.5×) or a plain number.
//! - An exchange rate, `7.3 CNY/USD`: 7.3 CNY for one USD.
//!
//! A percent is a number: 30% is 0.3 wherever it meets a number that is
//! not a percent (`1 + 5%` is 1.05; `x * 30%` is 0.3 of x). `+`, `−`,
//! `min`, `max` and `share` need the same unit on both sides (money of one
//! currency, counts of one thing, or dimensionless values). `×` and `÷`
//! combine: money ÷ money of the same currency is a multiple; money times
//! or divided by a number stays money; an amount converts only through a
//! rate (`x / 7.3 CNY/USD` is in USD).

use std::fmt;

use crate::value::Unit;

/// What a value in an expression counts.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Dimension {
    /// Money in this currency, in base units.
    Money(String),
    /// A count of something.
    Count(String),
    /// A percentage, held as the percent number (19 for 19%).
    Percent,
    /// A multiple ("2.7 times"), held as the ratio.
    Multiple,
    /// A plain number.
    Number,
    /// An exchange rate: `quote` per one `base` (CNY/USD).
    Rate {
        /// The currency the rate is in.
        quote: String,
        /// The currency priced.
        base: String,
    },
}

/// How an operand is taken before an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Take {
    /// As it is held.
    AsIs,
    /// A percent as a ratio (divided by 100).
    Ratio,
}

/// What an operation does with units: the result's, and how each operand
/// is taken.
pub type Plan = (Dimension, Take, Take);

impl Dimension {
    /// The dimension of a figure stated in `unit`.
    pub fn of_unit(unit: &Unit) -> Dimension {
        match unit {
            Unit::Currency(code) => Dimension::Money(code.to_string()),
            Unit::Count(word) => Dimension::Count(word.to_string()),
            Unit::Percent => Dimension::Percent,
            Unit::Multiple => Dimension::Multiple,
            Unit::Ratio => Dimension::Number,
        }
    }

    /// The dataset unit used to present a value of this dimension (`Ratio`
    /// for plain numbers and rates, which take no suffix).
    pub fn presentation(&self) -> Unit {
        match self {
            Dimension::Money(code) => Unit::Currency(code.as_str().into()),
            Dimension::Count(word) => Unit::Count(word.as_str().into()),
            Dimension::Percent => Unit::Percent,
            Dimension::Multiple => Unit::Multiple,
            Dimension::Number | Dimension::Rate { .. } => Unit::Ratio,
        }
    }

    /// Whether it is a percent, a multiple or a plain number.
    pub fn is_dimensionless(&self) -> bool {
        matches!(
            self,
            Dimension::Percent | Dimension::Multiple | Dimension::Number
        )
    }

    /// A phrase for messages: `CNY`, `a percent`, `a CNY/USD rate`.
    pub fn phrase(&self) -> String {
        match self {
            Dimension::Money(code) => code.clone(),
            Dimension::Count(word) => format!("a count of {word}"),
            Dimension::Percent => "a percent".to_string(),
            Dimension::Multiple => "a multiple".to_string(),
            Dimension::Number => "a plain number".to_string(),
            Dimension::Rate { quote, base } => format!("a {quote}/{base} rate"),
        }
    }
}

impl fmt::Display for Dimension {
    /// The unit column: `CNY`, `orders`, `percent`, `multiple`, `number`,
    /// `CNY/USD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Dimension::Money(code) | Dimension::Count(code) => f.write_str(code),
            Dimension::Percent => f.write_str("percent"),
            Dimension::Multiple => f.write_str("multiple"),
            Dimension::Number => f.write_str("number"),
            Dimension::Rate { quote, base } => write!(f, "{quote}/{base}"),
        }
    }
}

/// The hint two non-percent dimensionless values keep: a multiple if
/// either is one.
fn plain(a: &Dimension, b: &Dimension) -> Dimension {
    if *a == Dimension::Multiple || *b == Dimension::Multiple {
        Dimension::Multiple
    } else {
        Dimension::Number
    }
}

fn take(d: &Dimension) -> Take {
    if *d == Dimension::Percent {
        Take::Ratio
    } else {
        Take::AsIs
    }
}

const CONVERT: &str = "convert one first, as in x * 7.3 CNY/USD";

/// `+`, `−`, `min`, `max`, `share`: both sides in one unit. `verb`
/// words the message (`add`, `subtract`, `compare`).
pub fn same(left: &Dimension, right: &Dimension, verb: &str) -> Result<Plan, String> {
    use Dimension::{Count, Money, Percent, Rate};
    let refuse = |hint: &str| {
        let (a, b) = (left.phrase(), right.phrase());
        let pair = match verb {
            "add" => format!("cannot add {b} to {a}"),
            "subtract" => format!("cannot subtract {b} from {a}"),
            _ => format!("cannot {verb} {a} with {b}"),
        };
        Err(if hint.is_empty() {
            pair
        } else {
            format!("{pair} ({hint})")
        })
    };
    match (left, right) {
        (Money(a), Money(b)) if a == b => Ok((left.clone(), Take::AsIs, Take::AsIs)),
        (Money(_), Money(_)) => refuse(&format!("different currencies need a rate: {CONVERT}")),
        (Count(a), Count(b)) if a == b => Ok((left.clone(), Take::AsIs, Take::AsIs)),
        (Percent, Percent) => Ok((Percent, Take::AsIs, Take::AsIs)),
        (a, b) if a.is_dimensionless() && b.is_dimensionless() => {
            // A percent meeting a number is taken as a ratio; the number's kind is kept.
            let kind = match (a, b) {
                (Percent, other) | (other, Percent) => plain(other, other),
                _ => plain(a, b),
            };
            Ok((kind, take(a), take(b)))
        }
        (Rate { .. }, _) | (_, Rate { .. }) => {
            refuse("an exchange rate only multiplies or divides an amount")
        }
        (Money(code), d) | (d, Money(code)) if *d == Dimension::Number => {
            refuse(&format!("give the number its currency, as in 2.5bn {code}"))
        }
        (Money(_), Percent) | (Percent, Money(_)) => {
            refuse("for a percentage of an amount, multiply: amount * 30%")
        }
        _ => refuse(""),
    }
}

/// `×`.
pub fn multiply(left: &Dimension, right: &Dimension) -> Result<Plan, String> {
    use Dimension::{Count, Money, Percent, Rate};
    let refuse = |hint: &str| {
        Err(format!(
            "cannot multiply {} by {}{hint}",
            left.phrase(),
            right.phrase()
        ))
    };
    match (left, right) {
        (Percent, b) if b.is_dimensionless() => Ok((Percent, Take::AsIs, take(b))),
        (a, Percent) if a.is_dimensionless() => Ok((Percent, take(a), Take::AsIs)),
        (a, b) if a.is_dimensionless() && b.is_dimensionless() => {
            Ok((plain(a, b), Take::AsIs, Take::AsIs))
        }
        (Money(_) | Count(_) | Rate { .. }, d) if d.is_dimensionless() => {
            Ok((left.clone(), Take::AsIs, take(d)))
        }
        (d, Money(_) | Count(_) | Rate { .. }) if d.is_dimensionless() => {
            Ok((right.clone(), take(d), Take::AsIs))
        }
        // An amount per item times a count of items.
        (Money(_), Count(_)) => Ok((left.clone(), Take::AsIs, Take::AsIs)),
        (Count(_), Money(_)) => Ok((right.clone(), Take::AsIs, Take::AsIs)),
        (Money(code), Rate { quote, base }) | (Rate { quote, base }, Money(code)) => {
            if code == base {
                Ok((Money(quote.clone()), Take::AsIs, Take::AsIs))
            } else {
                refuse(&format!(
                    " (a {quote}/{base} rate converts {base}; to convert {code}, divide by a {code} rate or use one per {code})"
                ))
            }
        }
        _ => refuse(""),
    }
}

/// `÷`.
pub fn divide(left: &Dimension, right: &Dimension) -> Result<Plan, String> {
    use Dimension::{Count, Money, Multiple, Number, Percent, Rate};
    let refuse = |hint: &str| {
        Err(format!(
            "cannot divide {} by {}{hint}",
            left.phrase(),
            right.phrase()
        ))
    };
    match (left, right) {
        (Percent, Percent) => Ok((Multiple, Take::AsIs, Take::AsIs)),
        (Percent, b) if b.is_dimensionless() => Ok((Percent, Take::AsIs, Take::AsIs)),
        (a, Percent) if a.is_dimensionless() => Ok((Number, Take::AsIs, Take::Ratio)),
        (Multiple, b) if b.is_dimensionless() => Ok((Multiple, Take::AsIs, Take::AsIs)),
        (a, b) if a.is_dimensionless() && b.is_dimensionless() => {
            Ok((Number, Take::AsIs, Take::AsIs))
        }
        (Money(a), Money(b)) if a == b => Ok((Multiple, Take::AsIs, Take::AsIs)),
        (Money(a), Money(b)) => Err(format!("dividing {a} by {b} needs a rate: {CONVERT}")),
        (Count(a), Count(b)) if a == b => Ok((Multiple, Take::AsIs, Take::AsIs)),
        // Tokens per user: a ratio of two counts.
        (Count(_), Count(_)) => Ok((Number, Take::AsIs, Take::AsIs)),
        (Money(_) | Count(_) | Rate { .. }, d) if d.is_dimensionless() => {
            Ok((left.clone(), Take::AsIs, take(d)))
        }
        // An amount per item.
        (Money(_), Count(_)) => Ok((left.clone(), Take::AsIs, Take::AsIs)),
        (Money(code), Rate { quote, base }) => {
            if code == quote {
                Ok((Money(base.clone()), Take::AsIs, Take::AsIs))
            } else {
                refuse(&format!(
                    " (a {quote}/{base} rate converts {quote} into {base} by division)"
                ))
            }
        }
        (d, Money(code)) if d.is_dimensionless() => refuse(&format!(
            " (the result would be per {code}, which an expression cannot hold)"
        )),
        _ => refuse(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Dimension::{Count, Money, Multiple, Number, Percent};

    fn cny() -> Dimension {
        Money("CNY".into())
    }

    fn usd() -> Dimension {
        Money("USD".into())
    }

    fn rate() -> Dimension {
        Dimension::Rate {
            quote: "CNY".into(),
            base: "USD".into(),
        }
    }

    #[test]
    fn sums_need_one_unit() {
        assert_eq!(
            same(&cny(), &cny(), "add"),
            Ok((cny(), Take::AsIs, Take::AsIs))
        );
        assert_eq!(
            same(&Percent, &Percent, "add"),
            Ok((Percent, Take::AsIs, Take::AsIs))
        );
        // 1 + 5% = 1.05: the percent as a ratio, the number's kind kept.
        assert_eq!(
            same(&Number, &Percent, "add"),
            Ok((Number, Take::AsIs, Take::Ratio))
        );
        assert_eq!(
            same(&Percent, &Multiple, "add"),
            Ok((Multiple, Take::Ratio, Take::AsIs))
        );
        assert_eq!(
            same(&Number, &Multiple, "add"),
            Ok((Multiple, Take::AsIs, Take::AsIs))
        );
        let cases = [
            (
                cny(),
                Percent,
                "cannot add a percent to CNY (for a percentage of an amount, multiply",
            ),
            (
                cny(),
                usd(),
                "cannot add USD to CNY (different currencies need a rate",
            ),
            (
                cny(),
                Number,
                "give the number its currency, as in 2.5bn CNY",
            ),
            (cny(), rate(), "an exchange rate only multiplies or divides"),
            (
                Count("orders".into()),
                Count("users".into()),
                "cannot add a count of users to a count of orders",
            ),
            (
                cny(),
                Count("orders".into()),
                "cannot add a count of orders to CNY",
            ),
        ];
        for (a, b, message) in cases {
            let got = same(&a, &b, "add").unwrap_err();
            assert!(got.contains(message), "{a} + {b}: {got}");
        }
        assert!(
            same(&Percent, &cny(), "subtract")
                .unwrap_err()
                .starts_with("cannot subtract CNY from a percent")
        );
    }

    #[test]
    fn products_and_quotients_combine() {
        type Op = fn(&Dimension, &Dimension) -> Result<Plan, String>;
        let ok: [(Op, Dimension, Dimension, Plan); 16] = [
            (multiply, cny(), Percent, (cny(), Take::AsIs, Take::Ratio)),
            (multiply, Percent, cny(), (cny(), Take::Ratio, Take::AsIs)),
            (
                multiply,
                Percent,
                Percent,
                (Percent, Take::AsIs, Take::Ratio),
            ),
            (multiply, Number, Percent, (Percent, Take::AsIs, Take::AsIs)),
            (
                multiply,
                Multiple,
                Number,
                (Multiple, Take::AsIs, Take::AsIs),
            ),
            (multiply, usd(), rate(), (cny(), Take::AsIs, Take::AsIs)),
            (multiply, rate(), usd(), (cny(), Take::AsIs, Take::AsIs)),
            (
                multiply,
                cny(),
                Count("orders".into()),
                (cny(), Take::AsIs, Take::AsIs),
            ),
            (divide, cny(), cny(), (Multiple, Take::AsIs, Take::AsIs)),
            (divide, cny(), rate(), (usd(), Take::AsIs, Take::AsIs)),
            (divide, cny(), Percent, (cny(), Take::AsIs, Take::Ratio)),
            (divide, Percent, Percent, (Multiple, Take::AsIs, Take::AsIs)),
            (divide, Percent, Number, (Percent, Take::AsIs, Take::AsIs)),
            (divide, Number, Percent, (Number, Take::AsIs, Take::Ratio)),
            (
                divide,
                cny(),
                Count("orders".into()),
                (cny(), Take::AsIs, Take::AsIs),
            ),
            (
                divide,
                Count("tokens".into()),
                Count("users".into()),
                (Number, Take::AsIs, Take::AsIs),
            ),
        ];
        for (op, a, b, plan) in ok {
            assert_eq!(op(&a, &b), Ok(plan.clone()), "{a} {b}");
        }
        let refused: [(Op, Dimension, Dimension, &str); 6] = [
            (divide, cny(), usd(), "dividing CNY by USD needs a rate"),
            (divide, Number, cny(), "cannot divide a plain number by CNY"),
            (multiply, cny(), cny(), "cannot multiply CNY by CNY"),
            (
                multiply,
                cny(),
                rate(),
                "cannot multiply CNY by a CNY/USD rate",
            ),
            (divide, usd(), rate(), "cannot divide USD by a CNY/USD rate"),
            (
                multiply,
                rate(),
                rate(),
                "cannot multiply a CNY/USD rate by a CNY/USD rate",
            ),
        ];
        for (op, a, b, message) in refused {
            let got = op(&a, &b).unwrap_err();
            assert!(got.starts_with(message), "{a} {b}: {got}");
        }
    }
}
