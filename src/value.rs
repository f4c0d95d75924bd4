//! Stated values: a decimal as written, its scale, unit and bound, and the
//! interval of true values it allows (data/FORMAT.md, Values and bounds).
//!
//! A report's "102.1 billion" allows [102.05, 102.15] billion because the
//! figure is rounded to its last written digit; "more than 30%" allows
//! (30, ∞). [`Stated::interval`] turns what was written into a [`Bounded`] in
//! base units (yuan, not billions of yuan), exactly.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use crate::bounded::{Bounded, Endpoint};
use crate::name::{Name, Names};

/// What is wrong with a written value, unit, scale or bound.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    /// Not a written decimal.
    #[error(
        "{} is not a decimal (expected digits with an optional sign, point and exponent, e.g. \"102.1\" or \"-17.3\")",
        crate::shown::quoted(.0)
    )]
    NotDecimal(String),
    /// More significant digits than a decimal holds.
    #[error(
        "{} has more digits than a decimal holds (at most 29 significant digits)",
        crate::shown::quoted(.0)
    )]
    TooManyDigits(String),
    /// More decimal places than a decimal holds.
    #[error(
        "{} has more decimal places than a decimal holds (at most 28)",
        crate::shown::quoted(.0)
    )]
    TooManyDecimals(String),
    /// Outside the range of a decimal.
    #[error(
        "{} is out of range for a decimal",
        crate::shown::quoted(.0)
    )]
    OutOfRange(String),
    /// Not a unit the format knows.
    #[error(
        "{} is not a unit (expected a currency code such as CNY or USD, percent, ratio, multiple, or a lowercase word for a count such as orders)",
        crate::shown::quoted(.0)
    )]
    Unit(String),
    /// A currency code written in lowercase.
    #[error(
        "{} is not a unit: currency codes are written in capitals ({})",
        crate::shown::quoted(.found),
        crate::shown::text(.upper)
    )]
    LowercaseCurrency {
        /// As written.
        found: String,
        /// In capitals.
        upper: String,
    },
    /// A scale given for a percent, ratio or multiple.
    #[error(
        "a scale of {scale} makes no sense for a value in {unit} (scales are for money and counts)"
    )]
    ScaleForRatio {
        /// The scale given.
        scale: Scale,
        /// The unit it was given for.
        unit: Unit,
    },
    /// `high` given for a bound other than `range`.
    #[error("\"high\" is only for bound \"range\", not {0}")]
    HighWithoutRange(BoundKind),
    /// A `range` without its `high`.
    #[error("bound \"range\" needs \"high\", the top of the range")]
    RangeWithoutHigh,
    /// A range whose top is below its bottom.
    #[error("\"high\" ({high}) is below \"value\" ({value})")]
    HighBelowValue {
        /// The bottom, as written.
        value: String,
        /// The top, as written.
        high: String,
    },
    /// `tolerance` given for a bound other than `about`.
    #[error("\"tolerance\" is only for bound \"about\", not {0}")]
    ToleranceWithoutAbout(BoundKind),
    /// A tolerance outside 0–100%.
    #[error("tolerance {0} is not a percentage between 0 and 100")]
    Tolerance(String),
    /// Too large once scaled to units.
    #[error("value is too large for a decimal once scaled to units")]
    Overflow,
}

/// A decimal exactly as written: its value and the power of ten of its last
/// written digit ("102.10" → 102.10 and −2; "1.5e3" → 1500 and 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct WrittenDecimal {
    value: Decimal,
    last_digit: i32,
}

/// Significant digits a `Decimal` holds without rounding.
const MAX_DIGITS: usize = 29;

impl WrittenDecimal {
    /// The value.
    pub fn value(&self) -> Decimal {
        self.value
    }

    /// The power of ten of the last written digit.
    pub fn last_digit(&self) -> i32 {
        self.last_digit
    }

    /// Half a unit of the last written digit: how far a rounded figure may be
    /// from the truth.
    ///
    /// Beyond a decimal's 28 places the half unit is not representable; the
    /// smallest decimal, 10^−28, stands in for it (wider, so still sound).
    pub fn half_unit(&self) -> Result<Decimal, ValueError> {
        let exponent = self.last_digit.saturating_sub(1);
        if exponent < -28 {
            return Ok(Decimal::new(1, 28));
        }
        pow10(exponent)
            .and_then(|p| p.checked_mul(Decimal::from(5)))
            .ok_or(ValueError::Overflow)
    }
}

impl FromStr for WrittenDecimal {
    type Err = ValueError;

    /// Parses `-?digits(.digits)?([eE][+-]?digits)?` exactly: never rounds,
    /// refuses what a `Decimal` cannot hold.
    ///
    /// ```
    /// use earnings::value::WrittenDecimal;
    /// let d: WrittenDecimal = "102.10".parse().unwrap();
    /// assert_eq!(d.value().to_string(), "102.10");
    /// assert_eq!(d.last_digit(), -2);
    /// ```
    fn from_str(text: &str) -> Result<Self, ValueError> {
        if let Some(plain) = plain_decimal(text) {
            return Ok(plain);
        }
        let bad = || ValueError::NotDecimal(text.to_string());
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (mantissa, exponent) = match rest.find(['e', 'E']) {
            Some(at) => {
                let (m, e) = rest.split_at(at);
                let e = e.get(1..).ok_or_else(bad)?;
                let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(bad());
                }
                // Exponents beyond what any decimal holds are out of range, not a parse failure.
                let exponent: i32 = e
                    .parse()
                    .map_err(|_| ValueError::OutOfRange(text.to_string()))?;
                (m, exponent)
            }
            None => (rest, 0),
        };
        let (whole, fraction) = match mantissa.split_once('.') {
            Some((w, f)) => (w, f),
            None => (mantissa, ""),
        };
        let is_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !is_digits(whole) || !is_digits(fraction) {
            return Err(bad());
        }
        if mantissa.ends_with('.') {
            return Err(bad());
        }
        // The digits, whole then fraction, as one integer (read in place:
        // a dataset has a million of them).
        let digits = whole.bytes().chain(fraction.bytes());
        let significant = digits.clone().skip_while(|&b| b == b'0');
        if significant.clone().count() > MAX_DIGITS {
            return Err(ValueError::TooManyDigits(text.to_string()));
        }
        let out_of_range = || ValueError::OutOfRange(text.to_string());
        let fraction_len = i32::try_from(fraction.len()).map_err(|_| out_of_range())?;
        let last_digit = exponent
            .checked_sub(fraction_len)
            .ok_or_else(out_of_range)?;
        // At most 29 digits: below 10^29, far inside an i128.
        let mut mantissa: i128 = 0;
        for digit in significant {
            mantissa = mantissa
                .checked_mul(10)
                .and_then(|m| m.checked_add(i128::from(digit.wrapping_sub(b'0'))))
                .ok_or_else(out_of_range)?;
        }
        if negative {
            // |mantissa| < 10^29 < i128::MAX: negation cannot overflow.
            mantissa = mantissa.saturating_neg();
        }
        let value = if last_digit <= 0 {
            let scale = last_digit.unsigned_abs();
            if scale > 28 {
                // More decimal places than a Decimal keeps: only zero survives exactly.
                if mantissa == 0 {
                    Decimal::ZERO
                } else {
                    return Err(ValueError::TooManyDecimals(text.to_string()));
                }
            } else {
                Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| out_of_range())?
            }
        } else {
            let factor = pow10(last_digit).ok_or_else(out_of_range)?;
            Decimal::try_from_i128_with_scale(mantissa, 0)
                .ok()
                .and_then(|m| m.checked_mul(factor))
                .ok_or_else(out_of_range)?
        };
        Ok(WrittenDecimal { value, last_digit })
    }
}

/// A decimal written the plain way, `-?digits(.digits)?` with at most 28
/// places and 28 digits, read in one pass: what the long way reads from
/// the same text; anything else is left to it.
fn plain_decimal(text: &str) -> Option<WrittenDecimal> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let mut mantissa: i128 = 0;
    let (mut digits, mut places, mut point) = (0u32, 0u32, false);
    for byte in rest.bytes() {
        match byte {
            b'0'..=b'9' => {
                mantissa = mantissa
                    .checked_mul(10)?
                    .checked_add(i128::from(byte.wrapping_sub(b'0')))?;
                digits = digits.checked_add(1)?;
                places = places.checked_add(u32::from(point))?;
            }
            b'.' if !point && digits > 0 => point = true,
            _ => return None,
        }
    }
    // At most 28 digits: below 10^28, inside a decimal's 96 bits.
    if digits == 0 || digits > 28 || places > 28 || (point && places == 0) {
        return None;
    }
    if negative {
        mantissa = mantissa.checked_neg()?;
    }
    let value = Decimal::try_from_i128_with_scale(mantissa, places).ok()?;
    let last_digit = 0i32.checked_sub_unsigned(places)?;
    Some(WrittenDecimal { value, last_digit })
}

impl fmt::Display for WrittenDecimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.value)
    }
}

/// A decimal written as a JSON string or a JSON number, read exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DecimalField(pub WrittenDecimal);

impl<'de> Deserialize<'de> for DecimalField {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DecimalVisitor;

        fn parse<E: de::Error>(text: &str) -> Result<DecimalField, E> {
            text.parse().map(DecimalField).map_err(de::Error::custom)
        }

        fn found<E: de::Error>(kind: &str) -> E {
            de::Error::custom(format!(
                "expected a decimal as a string or a number, found {kind}"
            ))
        }

        impl<'de> Visitor<'de> for DecimalVisitor {
            type Value = DecimalField;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal as a string or a number")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<DecimalField, E> {
                parse(text)
            }

            fn visit_u64<E: de::Error>(self, number: u64) -> Result<DecimalField, E> {
                parse(&number.to_string())
            }

            fn visit_i64<E: de::Error>(self, number: i64) -> Result<DecimalField, E> {
                parse(&number.to_string())
            }

            fn visit_bool<E: de::Error>(self, _: bool) -> Result<DecimalField, E> {
                Err(found("a boolean"))
            }

            fn visit_unit<E: de::Error>(self) -> Result<DecimalField, E> {
                Err(found("null"))
            }

            // Read whole, as any JSON value is: a nesting too deep is an
            // error of its own.
            fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<DecimalField, A::Error> {
                serde_json::Value::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
                Err(found("an array"))
            }

            // serde_json's `arbitrary_precision` hands a number over as a
            // map its own `Value` knows how to read: the number prints as it
            // was written.
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<DecimalField, A::Error> {
                match serde_json::Value::deserialize(de::value::MapAccessDeserializer::new(map))? {
                    serde_json::Value::Number(number) => parse(&number.to_string()),
                    _ => Err(found("an object")),
                }
            }
        }

        deserializer.deserialize_any(DecimalVisitor)
    }
}

impl JsonSchema for DecimalField {
    fn schema_name() -> Cow<'static, str> {
        "Decimal".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A decimal, read exactly as written (a JSON number keeps its digits: 102.10 has two decimals).",
            "oneOf": [
                { "type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?$" },
                { "type": "number" }
            ]
        })
    }
}

/// 10^exp as a decimal, where it fits.
pub fn pow10(exp: i32) -> Option<Decimal> {
    if exp >= 0 {
        let mut value = Decimal::ONE;
        for _ in 0..exp {
            value = value.checked_mul(Decimal::TEN)?;
        }
        Some(value)
    } else {
        let scale = exp.unsigned_abs();
        (scale <= 28).then(|| Decimal::new(1, scale))
    }
}

/// The multiplier a figure is written in.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    serde::Deserialize,
    serde::Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    /// Units (yuan, dollars, orders).
    #[default]
    Unit,
    /// 10^3.
    Thousand,
    /// 10^6.
    Million,
    /// 10^9.
    Billion,
    /// 10^12.
    Trillion,
    /// 万, 10^4.
    Wan,
    /// 亿, 10^8: the Chinese unit most often misread.
    Yi,
}

impl Scale {
    /// Every scale, for listings and help.
    pub const ALL: [Scale; 7] = [
        Scale::Unit,
        Scale::Thousand,
        Scale::Million,
        Scale::Billion,
        Scale::Trillion,
        Scale::Wan,
        Scale::Yi,
    ];

    /// How many units one of this scale is.
    pub fn factor(self) -> Decimal {
        let exponent = match self {
            Scale::Unit => 0,
            Scale::Thousand => 3,
            Scale::Million => 6,
            Scale::Billion => 9,
            Scale::Trillion => 12,
            Scale::Wan => 4,
            Scale::Yi => 8,
        };
        Decimal::from_i128_with_scale(10_i128.pow(exponent), 0)
    }

    /// The multiplier that turns units into this scale, `1 / factor`
    /// (exact: every factor is a power of ten).
    ///
    /// ```
    /// use earnings::value::Scale;
    /// assert_eq!(Scale::Million.per_unit().to_string(), "0.000001");
    /// ```
    pub fn per_unit(self) -> Decimal {
        let places = match self {
            Scale::Unit => 0,
            Scale::Thousand => 3,
            Scale::Million => 6,
            Scale::Billion => 9,
            Scale::Trillion => 12,
            Scale::Wan => 4,
            Scale::Yi => 8,
        };
        Decimal::new(1, places)
    }

    /// The name used in the data format and in outputs.
    pub fn name(self) -> &'static str {
        match self {
            Scale::Unit => "unit",
            Scale::Thousand => "thousand",
            Scale::Million => "million",
            Scale::Billion => "billion",
            Scale::Trillion => "trillion",
            Scale::Wan => "wan",
            Scale::Yi => "yi",
        }
    }
}

impl fmt::Display for Scale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a figure counts.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    /// Money in an ISO 4217 currency (`CNY`).
    Currency(Name),
    /// A percentage: 19 means 19%.
    Percent,
    /// A plain ratio: 0.19.
    Ratio,
    /// "2.7 times".
    Multiple,
    /// A count of something (`orders`, `tokens`).
    Count(Name),
}

impl Unit {
    /// Whether this is money.
    pub fn is_money(&self) -> bool {
        matches!(self, Unit::Currency(_))
    }

    /// Whether a scale may apply (money and counts).
    pub fn takes_scale(&self) -> bool {
        matches!(self, Unit::Currency(_) | Unit::Count(_))
    }

    /// Reads a unit, taking the text of a currency code or a count word
    /// from `names`, so that all the facts in one unit share it.
    pub(crate) fn parse_with(text: &str, names: &mut Names) -> Result<Unit, ValueError> {
        Ok(match shape(text)? {
            Shape::Currency => Unit::Currency(names.intern(text)),
            Shape::Count => Unit::Count(names.intern(text)),
            Shape::Other(unit) => unit,
        })
    }

    /// Checks a unit as written without keeping it.
    pub fn check(text: &str) -> Result<(), ValueError> {
        shape(text).map(|_| ())
    }
}

/// What a unit as written is, before its text is kept.
enum Shape {
    Currency,
    Count,
    Other(Unit),
}

fn shape(text: &str) -> Result<Shape, ValueError> {
    match text {
        "percent" => return Ok(Shape::Other(Unit::Percent)),
        "ratio" => return Ok(Shape::Other(Unit::Ratio)),
        "multiple" => return Ok(Shape::Other(Unit::Multiple)),
        _ => {}
    }
    let is_upper = text.len() == 3 && text.bytes().all(|b| b.is_ascii_uppercase());
    if is_upper {
        return Ok(Shape::Currency);
    }
    let is_word = !text.is_empty()
        && text.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && text.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
    if is_word {
        // "usd" is a typo for a currency far more often than a count of usds.
        if text.len() == 3 && COMMON_CURRENCIES.contains(&text.to_ascii_uppercase().as_str()) {
            return Err(ValueError::LowercaseCurrency {
                found: text.to_string(),
                upper: text.to_ascii_uppercase(),
            });
        }
        return Ok(Shape::Count);
    }
    Err(ValueError::Unit(text.to_string()))
}

impl FromStr for Unit {
    type Err = ValueError;

    fn from_str(text: &str) -> Result<Self, ValueError> {
        Ok(match shape(text)? {
            Shape::Currency => Unit::Currency(text.into()),
            Shape::Count => Unit::Count(text.into()),
            Shape::Other(unit) => unit,
        })
    }
}

/// Currencies whose lowercase code is refused as a count word.
const COMMON_CURRENCIES: [&str; 12] = [
    "CNY", "USD", "EUR", "JPY", "GBP", "HKD", "KRW", "INR", "CHF", "CAD", "AUD", "TWD",
];

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unit::Currency(code) | Unit::Count(code) => f.write_str(code),
            Unit::Percent => f.write_str("percent"),
            Unit::Ratio => f.write_str("ratio"),
            Unit::Multiple => f.write_str("multiple"),
        }
    }
}

/// What a stated value allows (data/FORMAT.md, Values and bounds).
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    serde::Deserialize,
    serde::Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum BoundKind {
    /// Rounded to its last written digit.
    #[default]
    Rounded,
    /// Exactly this value.
    Exact,
    /// "More than", "over", "exceeding".
    MoreThan,
    /// "At least", "break through".
    AtLeast,
    /// "Less than", "under".
    LessThan,
    /// "At most", "up to".
    AtMost,
    /// "About", "nearly": within `tolerance` percent.
    About,
    /// "60-80%": from `value` to `high`.
    Range,
}

impl BoundKind {
    /// The name used in the data format and in outputs.
    pub fn name(self) -> &'static str {
        match self {
            BoundKind::Rounded => "rounded",
            BoundKind::Exact => "exact",
            BoundKind::MoreThan => "more_than",
            BoundKind::AtLeast => "at_least",
            BoundKind::LessThan => "less_than",
            BoundKind::AtMost => "at_most",
            BoundKind::About => "about",
            BoundKind::Range => "range",
        }
    }
}

impl fmt::Display for BoundKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Whether a figure is reported or forward-looking.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    serde::Deserialize,
    serde::Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Reported: it happened.
    #[default]
    Reported,
    /// A target the company set itself.
    Target,
    /// A forecast.
    Forecast,
    /// A plan (spending, hiring).
    Plan,
}

impl Status {
    /// The name used in the data format and in outputs.
    pub fn name(self) -> &'static str {
        match self {
            Status::Reported => "reported",
            Status::Target => "target",
            Status::Forecast => "forecast",
            Status::Plan => "plan",
        }
    }

    /// Targets, forecasts and plans are marked in every output.
    pub fn is_forward_looking(self) -> bool {
        self != Status::Reported
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A value as a dataset states it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stated {
    /// The number as written.
    pub value: WrittenDecimal,
    /// The multiplier it is written in.
    pub scale: Scale,
    /// What it counts.
    pub unit: Unit,
    /// What it allows.
    pub bound: BoundKind,
    /// The top of a `range`.
    pub high: Option<Box<WrittenDecimal>>,
    /// The tolerance of `about`, in percent.
    pub tolerance: Option<Box<Decimal>>,
}

/// The tolerance of `about` when none is given: 5%.
pub const DEFAULT_TOLERANCE: Decimal = Decimal::from_parts(5, 0, 0, false, 0);

impl Stated {
    /// The interval of true values the statement allows, in base units
    /// (the scale applied), with the stated value as its point.
    ///
    /// ```
    /// use earnings::value::{BoundKind, Scale, Stated, Unit};
    /// let stated = Stated {
    ///     value: "102.1".parse().unwrap(),
    ///     scale: Scale::Billion,
    ///     unit: Unit::Currency("CNY".into()),
    ///     bound: BoundKind::Rounded,
    ///     high: None,
    ///     tolerance: None,
    /// };
    /// let interval = stated.interval().unwrap();
    /// assert_eq!(interval.low().value().unwrap().to_string(), "102050000000.00");
    /// ```
    pub fn interval(&self) -> Result<Bounded, ValueError> {
        if self.scale != Scale::Unit && !self.unit.takes_scale() {
            return Err(ValueError::ScaleForRatio {
                scale: self.scale,
                unit: self.unit.clone(),
            });
        }
        if self.high.is_some() && self.bound != BoundKind::Range {
            return Err(ValueError::HighWithoutRange(self.bound));
        }
        if self.tolerance.is_some() && self.bound != BoundKind::About {
            return Err(ValueError::ToleranceWithoutAbout(self.bound));
        }
        written_interval(
            &self.value,
            self.high.as_deref(),
            self.tolerance.as_deref().copied(),
            self.bound,
            self.scale,
        )
    }
}

/// The interval a decimal as written allows, given its bound (and the top
/// of a range, the tolerance of `about`), in base units once `scale` is
/// applied: the one rule for "written decimal + scale + bound → interval",
/// used by datasets ([`Stated::interval`]) and by numbers read out of an
/// article's text alike.
///
/// ```
/// use earnings::value::{BoundKind, Scale, written_interval};
/// let yi = written_interval(&"897.1".parse().unwrap(), None, None, BoundKind::Rounded, Scale::Yi).unwrap();
/// let billion = written_interval(&"89.71".parse().unwrap(), None, None, BoundKind::Rounded, Scale::Billion).unwrap();
/// assert_eq!(yi, billion);
/// ```
pub fn written_interval(
    value: &WrittenDecimal,
    high: Option<&WrittenDecimal>,
    tolerance: Option<Decimal>,
    bound: BoundKind,
    scale: Scale,
) -> Result<Bounded, ValueError> {
    let v = value.value();
    let closed = |low: Decimal, high: Decimal| {
        Bounded::new(v, Endpoint::Closed(low), Endpoint::Closed(high))
    };
    let written = match bound {
        BoundKind::Exact => Ok(Bounded::exact(v)),
        BoundKind::Rounded => {
            if let Some((low, high)) = rounded_ends(value) {
                return closed(low, high)
                    .and_then(|written| written.checked_scale(scale.factor()))
                    .map_err(|_| ValueError::Overflow);
            }
            let half = value.half_unit()?;
            let low = v.checked_sub(half).ok_or(ValueError::Overflow)?;
            let high = v.checked_add(half).ok_or(ValueError::Overflow)?;
            closed(low, high)
        }
        BoundKind::MoreThan => Bounded::new(v, Endpoint::Open(v), Endpoint::Unbounded),
        BoundKind::AtLeast => Bounded::new(v, Endpoint::Closed(v), Endpoint::Unbounded),
        BoundKind::LessThan => Bounded::new(v, Endpoint::Unbounded, Endpoint::Open(v)),
        BoundKind::AtMost => Bounded::new(v, Endpoint::Unbounded, Endpoint::Closed(v)),
        BoundKind::About => {
            let tolerance = tolerance.unwrap_or(DEFAULT_TOLERANCE);
            if tolerance < Decimal::ZERO || tolerance > Decimal::ONE_HUNDRED {
                return Err(ValueError::Tolerance(tolerance.to_string()));
            }
            let spread = v
                .checked_mul(tolerance)
                .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
                .ok_or(ValueError::Overflow)?
                .abs();
            let low = v.checked_sub(spread).ok_or(ValueError::Overflow)?;
            let high = v.checked_add(spread).ok_or(ValueError::Overflow)?;
            closed(low, high)
        }
        BoundKind::Range => {
            let high = high.ok_or(ValueError::RangeWithoutHigh)?.value();
            if high < v {
                return Err(ValueError::HighBelowValue {
                    value: value.to_string(),
                    high: high.to_string(),
                });
            }
            closed(v, high)
        }
    }
    .map_err(|_| ValueError::Overflow)?;
    written
        .checked_scale(scale.factor())
        .map_err(|_| ValueError::Overflow)
}

/// The ends of a rounded decimal with decimal places, half a unit of its
/// last digit either side, computed on its mantissa: the very decimals
/// `Decimal::checked_sub` and `checked_add` of [`WrittenDecimal::half_unit`]
/// give (the ends take one place more), where they fit in a decimal; else
/// none, and they are computed the long way.
fn rounded_ends(value: &WrittenDecimal) -> Option<(Decimal, Decimal)> {
    let v = value.value();
    let places = v.scale();
    if i64::from(value.last_digit()).checked_add(i64::from(places)) != Some(0) {
        return None;
    }
    let scale = places.checked_add(1).filter(|s| *s <= Decimal::MAX_SCALE)?;
    let tens = v.mantissa().checked_mul(10)?;
    let end = |mantissa: Option<i128>| Decimal::try_from_i128_with_scale(mantissa?, scale).ok();
    Some((end(tens.checked_sub(5))?, end(tens.checked_add(5))?))
}

/// The interval of a fraction said in words ("a third" is 1/3): exact where
/// the decimal is, else the two decimals of 28 places either side of it,
/// with the nearest as its point (sound: outward).
///
/// ```
/// use earnings::value::fraction;
/// let third = fraction(1, 3).unwrap();
/// assert!(third.low().value().unwrap() < third.high().value().unwrap());
/// assert_eq!(fraction(1, 2).unwrap().point().to_string(), "0.5");
/// ```
pub fn fraction(numerator: u32, denominator: u32) -> Result<Bounded, ValueError> {
    let n = Decimal::from(numerator);
    let d = Decimal::from(denominator);
    let point = n.checked_div(d).ok_or(ValueError::Overflow)?;
    let back = point.checked_mul(d).ok_or(ValueError::Overflow)?;
    if back == n {
        return Ok(Bounded::exact(point.normalize()));
    }
    let ulp = Decimal::new(1, point.scale());
    let (low, high) = if back < n {
        (point, point.checked_add(ulp))
    } else {
        (point.checked_sub(ulp).unwrap_or(point), Some(point))
    };
    let high = high.ok_or(ValueError::Overflow)?;
    Bounded::new(point, Endpoint::Closed(low), Endpoint::Closed(high))
        .map_err(|_| ValueError::Overflow)
}

#[cfg(test)]
mod tests;
