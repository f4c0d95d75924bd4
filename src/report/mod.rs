//! Reports: what each command computes, as plain
//! [`Listing`](crate::listing::Listing)s. A report knows nothing of output
//! formats; the renderers (`render`) do.

pub mod arr;
pub mod chart;
pub mod check;
pub mod eval;
pub mod extract;
pub mod facts;
pub mod metrics;
pub mod overview;
pub mod statement;
pub mod verify;
pub mod workbook;

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::bounded::Bounded;
use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::listing::{Cell, Figure};
use crate::period::Period;
use crate::reference::Reference;
use crate::value::{BoundKind, Scale, Unit};

/// Which figures a command keeps (`--entity`, `--metric`, `--period`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Keep these entities and their segments; all when empty.
    pub entities: Vec<String>,
    /// Keep these metrics; all when empty.
    pub metrics: Vec<String>,
    /// Keep these periods; all when empty.
    pub periods: Vec<Period>,
}

impl Selection {
    /// Refuses a filter that matches nothing in the data (an entity the
    /// data does not define, a metric no fact, claim or definition names, a
    /// period no fact or claim names),
    /// with the closest known name, so that a typo does not silently select
    /// nothing.
    pub fn check(&self, data: &Dataset) -> Result<()> {
        let entities: Vec<String> = data.entities.iter().map(|e| e.id.to_string()).collect();
        for id in &self.entities {
            if data.entity(id).is_none() {
                return Err(unmatched("entity", id, "no such entity", &entities));
            }
        }
        if self.metrics.is_empty() && self.periods.is_empty() {
            return Ok(());
        }
        let mut metrics: indexmap::IndexSet<String> = indexmap::IndexSet::new();
        let mut periods: indexmap::IndexSet<&Period> = indexmap::IndexSet::new();
        let claimed = data.claims.iter().flat_map(|c| c.relation.figures());
        let figures: Vec<Reference> = data
            .facts
            .iter()
            .map(|f| f.figure.clone())
            .chain(claimed)
            .collect();
        for figure in &figures {
            metrics.insert(figure.metric.to_string());
            periods.insert(&figure.period);
        }
        // A defined metric has figures wherever its operands do.
        metrics.extend(data.definitions.iter().map(|d| d.metric.to_string()));
        for metric in &self.metrics {
            if !metrics.contains(metric.as_str()) {
                let known: Vec<String> = metrics.iter().cloned().collect();
                let why = "no fact, claim or definition in the data has this metric";
                return Err(unmatched("metric", metric, why, &known));
            }
        }
        for period in &self.periods {
            if !periods.contains(period) {
                let known: Vec<String> = periods.iter().map(|p| p.to_string()).collect();
                let why = "no fact or claim in the data is for this period";
                return Err(unmatched("period", &period.to_string(), why, &known));
            }
        }
        Ok(())
    }

    /// Whether a figure is kept.
    pub fn keeps(&self, figure: &Reference, data: &Dataset) -> bool {
        (self.entities.is_empty()
            || self
                .entities
                .iter()
                .any(|e| data.is_within(&figure.entity, e)))
            && (self.metrics.is_empty() || self.metrics.iter().any(|m| *m == figure.metric))
            && (self.periods.is_empty() || self.periods.contains(&figure.period))
    }
}

/// `--NAME "value": why (did you mean 'x'?) (known: a, b, …)`.
fn unmatched(name: &str, value: &str, why: &str, known: &[String]) -> Error {
    Error::Usage(format!(
        "--{name} {value:?}: {why}{} (known: {})",
        crate::suggest::did_you_mean(value, known),
        crate::suggest::list(known)
    ))
}

/// An exchange rate: one unit of `base` is `rate` units of `quote`
/// (`USDCNY=7.20`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FxRate {
    /// The currency priced.
    pub base: String,
    /// The currency it is priced in.
    pub quote: String,
    /// Units of `quote` per unit of `base`.
    pub rate: Decimal,
}

impl FromStr for FxRate {
    type Err = String;

    /// ```
    /// use earnings::report::FxRate;
    /// let fx: FxRate = "USDCNY=7.20".parse().unwrap();
    /// assert_eq!((fx.base.as_str(), fx.quote.as_str()), ("USD", "CNY"));
    /// ```
    fn from_str(text: &str) -> Result<Self, String> {
        let bad = || {
            format!(
                "{text:?} is not an exchange rate (expected e.g. USDCNY=7.20: one USD is 7.20 CNY)"
            )
        };
        let (pair, rate) = text.split_once('=').ok_or_else(bad)?;
        let is_code = |s: &str| s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase());
        let (base, quote) = (
            pair.get(..3).ok_or_else(bad)?,
            pair.get(3..).ok_or_else(bad)?,
        );
        if !is_code(base) || !is_code(quote) || base == quote {
            return Err(bad());
        }
        let rate: crate::value::WrittenDecimal =
            rate.parse().map_err(|e| format!("{}: {e}", bad()))?;
        if rate.value() <= Decimal::ZERO {
            return Err(format!("{text:?}: an exchange rate must be positive"));
        }
        Ok(FxRate {
            base: base.to_string(),
            quote: quote.to_string(),
            rate: rate.value(),
        })
    }
}

impl fmt::Display for FxRate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}={}", self.base, self.quote, self.rate)
    }
}

/// Refuses two rates for one pair of currencies that disagree: a rate is
/// used as exact, so `USDCNY=7.2` and `CNYUSD=0.5` would give two answers
/// to one conversion, and which one won would depend on the order given.
/// Two rates agree when they are the same way round and equal, or the two
/// ways round and exact inverses (their product is exactly 1:
/// `USDCNY=8` and `CNYUSD=0.125`). A rounded inverse (`CNYUSD=0.1389` for
/// `USDCNY=7.2`) is refused too: give the pair one way round.
///
/// ```
/// use earnings::report::{FxRate, check_rates};
/// let rates = |texts: &[&str]| -> Vec<FxRate> { texts.iter().map(|t| t.parse().unwrap()).collect() };
/// assert!(check_rates(&rates(&["USDCNY=8", "CNYUSD=0.125", "USDCNY=8.00"])).is_ok());
/// assert!(check_rates(&rates(&["CNYUSD=0.5", "USDCNY=7.2"])).is_err());
/// ```
pub fn check_rates(rates: &[FxRate]) -> Result<()> {
    for (n, first) in rates.iter().enumerate() {
        for second in rates.iter().skip(n.saturating_add(1)) {
            let agree = if first.base == second.base && first.quote == second.quote {
                first.rate == second.rate
            } else if first.base == second.quote && first.quote == second.base {
                Bounded::exact(first.rate)
                    .checked_mul(&Bounded::exact(second.rate))
                    .is_ok_and(|product| product.is_exact() && product.point() == Decimal::ONE)
            } else {
                continue;
            };
            if !agree {
                return Err(Error::Usage(format!(
                    "--fx {first} and --fx {second} disagree: one {} is {} {} by the first and {} by the second; give one rate for the pair",
                    first.base,
                    crate::text::number(first.rate),
                    first.quote,
                    one_base_in_quote(second, &first.base)
                )));
            }
        }
    }
    Ok(())
}

/// What one `base` is worth by `rate`, in words (`7.2 CNY`, `1 / 0.5 CNY`).
fn one_base_in_quote(rate: &FxRate, base: &str) -> String {
    if rate.base == base {
        format!("{} {}", crate::text::number(rate.rate), rate.quote)
    } else {
        let inverse = Decimal::ONE.checked_div(rate.rate).map_or_else(
            || format!("1/{}", rate.rate),
            |d| crate::text::significant(d, 6),
        );
        format!("{inverse} {}", rate.base)
    }
}

/// How money is shown: the scale, and optionally one currency for all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Money {
    /// The output scale (default billion).
    pub scale: Scale,
    /// Convert every amount into this currency.
    pub currency: Option<String>,
    /// The rates to convert with.
    pub rates: Vec<FxRate>,
}

impl Default for Money {
    fn default() -> Self {
        Money {
            scale: Scale::Billion,
            currency: None,
            rates: Vec::new(),
        }
    }
}

impl Money {
    /// A value in base units as the output shows it: converted and scaled
    /// for money, unchanged otherwise. Returns the value, its unit and the
    /// scale it is in.
    pub fn present(&self, value: &Bounded, unit: &Unit) -> Result<(Bounded, Unit, Scale)> {
        let (value, unit, scale) = self.presented(value, unit)?;
        Ok((value, unit.into_owned(), scale))
    }

    /// [`Money::present`], the unit borrowed where it stays (all but a
    /// conversion's): no name is shared anew for each row shown.
    pub fn presented<'u>(
        &self,
        value: &Bounded,
        unit: &'u Unit,
    ) -> Result<(Bounded, Cow<'u, Unit>, Scale)> {
        let Unit::Currency(code) = unit else {
            return Ok((*value, Cow::Borrowed(unit), Scale::Unit));
        };
        let (converted, unit) = match &self.currency {
            Some(target) if target != code => (
                self.convert(value, code, target)?,
                Cow::Owned(Unit::Currency(target.into())),
            ),
            _ => (*value, Cow::Borrowed(unit)),
        };
        let per_unit = self.scale.per_unit();
        let scaled = converted
            .checked_scale(per_unit)
            .map_err(|e| Error::Arithmetic(format!("scaling to {}: {e}", self.scale)))?;
        Ok((scaled, unit, self.scale))
    }

    fn convert(&self, value: &Bounded, from: &str, to: &str) -> Result<Bounded> {
        let overflow = |e: crate::bounded::ArithError| {
            Error::Arithmetic(format!("converting {from} to {to}: {e}"))
        };
        for fx in &self.rates {
            let rate = Bounded::exact(fx.rate);
            if fx.base == to && fx.quote == from {
                return value.checked_div(&rate).map_err(overflow);
            }
            if fx.base == from && fx.quote == to {
                return value.checked_mul(&rate).map_err(overflow);
            }
        }
        Err(Error::Usage(format!(
            "no exchange rate for {from} into {to}: add --fx {to}{from}=RATE (one {to} in {from})"
        )))
    }

    /// The settings as listing metadata.
    pub fn meta(&self) -> Vec<(&'static str, String)> {
        let mut meta = vec![("scale", self.scale.name().to_string())];
        if let Some(currency) = &self.currency {
            meta.push(("currency", currency.clone()));
            let rates: Vec<String> = self.rates.iter().map(ToString::to_string).collect();
            meta.push(("fx", rates.join(" ")));
        }
        meta
    }
}

/// How a figure reads in a table, from its unit and how it was stated.
pub fn figure(value: Bounded, unit: &Unit, bound: Option<BoundKind>) -> Figure {
    Figure::new(value, unit, bound)
}

/// The cells that name a figure ([`FIGURE_KEY_COLUMNS`]): entity, metric,
/// period.
pub fn figure_key_cells(figure: &Reference) -> [Cell; 3] {
    [
        figure.entity.as_str().into(),
        figure.metric.as_str().into(),
        figure.period.to_string().into(),
    ]
}

/// The four cells every figure has: value and interval for people; value,
/// low and high for machines.
pub fn figure_cells(figure: Figure) -> [Cell; 5] {
    let value = figure.value;
    [
        Cell::Value(figure.clone()),
        Cell::Interval(figure),
        Cell::Number(Some(value.point())),
        Cell::Number(value.low().value()),
        Cell::Number(value.high().value()),
    ]
}

/// The cells of [`figure_cells`] where there is no figure: `n/m` for
/// people, nothing for machines.
pub fn not_meaningful_cells() -> [Cell; 5] {
    [
        Cell::text(crate::text::NOT_MEANINGFUL),
        Cell::Empty,
        Cell::Number(None),
        Cell::Number(None),
        Cell::Number(None),
    ]
}

/// The columns that name a figure: entity, metric, period.
pub const FIGURE_KEY_COLUMNS: [crate::listing::Column; 3] = [
    crate::listing::Column::text("entity", "entity").essential(),
    crate::listing::Column::text("metric", "metric").essential(),
    crate::listing::Column::text("period", "period").essential(),
];

/// The columns of [`figure_cells`].
pub const FIGURE_COLUMNS: [crate::listing::Column; 5] = [
    crate::listing::Column::people("value", "value", true).essential(),
    crate::listing::Column::people("interval", "interval", true),
    crate::listing::Column::number("value"),
    crate::listing::Column::number("low"),
    crate::listing::Column::number("high"),
];
