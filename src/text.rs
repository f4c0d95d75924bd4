//! The one place a value or an interval becomes text, for every output.
//!
//! - For people (tables, Markdown, charts): [`figure`] prints no more digits
//!   than an interval justifies, groups thousands and marks bounds (`>`,
//!   `≥`, `<`, `≤`, `≈`); [`interval`] shows the interval only where it says
//!   more than the printed value.
//! - For machines (CSV, JSON): [`push_machine`] writes at most
//!   [`MACHINE_DIGITS`] significant digits (what a spreadsheet keeps), a
//!   lower end rounded down and an upper end rounded up so that the
//!   interval written still holds the exact one ([`Digits::Exact`]: every
//!   digit, as [`plain`] writes it).
//! - For messages (findings, errors): [`stated`] writes a value as the
//!   dataset wrote it, [`computed`] a computed one in words, [`ratio`] a
//!   ratio to five significant digits, [`bracketed`] an interval as
//!   `[low, high]`.
//!
//! Every function here takes decimals and intervals and gives text: none
//! rounds a figure through a binary float.

use std::borrow::Cow;
use std::cmp::Ordering;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::bounded::{Bounded, Endpoint, POWERS_OF_TEN, order, ten_to};
use crate::value::{BoundKind, Scale, Stated, Unit};

/// A figure as people see it: the value, how precisely to print it, and
/// what to write after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure {
    /// The value and its interval, already in the output scale.
    pub value: Bounded,
    /// A mark for how it was stated ("≈" for about, "60–80" for a range):
    /// `None` derives `>`, `≥`, `<`, `≤` from the interval's shape.
    pub stated_as: Option<StatedAs>,
    /// What follows the number (`%`, `×`), if anything.
    pub suffix: &'static str,
}

/// How a figure was stated, where the interval alone cannot tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatedAs {
    /// "about".
    About,
    /// "60–80".
    Range,
}

impl Figure {
    /// How a value reads in a table, from its unit and how it was stated.
    ///
    /// ```
    /// use earnings::bounded::Bounded;
    /// use earnings::text::{self, Figure};
    /// use earnings::value::{BoundKind, Unit};
    /// use rust_decimal::Decimal;
    /// let about = Figure::new(Bounded::exact(Decimal::new(416, 1)), &Unit::Percent, Some(BoundKind::About));
    /// assert_eq!(text::figure(&about, None), "≈41.6%");
    /// ```
    pub fn new(value: Bounded, unit: &Unit, bound: Option<BoundKind>) -> Figure {
        let stated_as = match bound {
            Some(BoundKind::About) => Some(StatedAs::About),
            Some(BoundKind::Range) => Some(StatedAs::Range),
            _ => None,
        };
        Figure {
            value,
            stated_as,
            suffix: figure_suffix(unit),
        }
    }
}

/// What a table writes after a figure of `unit`: `%`, `×`, or nothing (a
/// currency or a count has its own column). Messages write the currency
/// too: see [`unit_suffix`].
///
/// ```
/// use earnings::text::figure_suffix;
/// use earnings::value::Unit;
/// assert_eq!(figure_suffix(&Unit::Multiple), "×");
/// assert_eq!(figure_suffix(&Unit::Currency("CNY".into())), "");
/// ```
pub fn figure_suffix(unit: &Unit) -> &'static str {
    match unit {
        Unit::Percent => "%",
        Unit::Multiple => "×",
        _ => "",
    }
}

/// What a message writes after a number of `unit`: `%`, `×`, nothing for
/// a ratio, or the code after a space (` CNY`, ` orders`).
///
/// ```
/// use earnings::text::unit_suffix;
/// use earnings::value::Unit;
/// assert_eq!(unit_suffix(&Unit::Percent), "%");
/// assert_eq!(unit_suffix(&Unit::Currency("CNY".into())), " CNY");
/// ```
pub fn unit_suffix(unit: &Unit) -> Cow<'static, str> {
    match unit {
        Unit::Percent => Cow::Borrowed("%"),
        Unit::Multiple => Cow::Borrowed("×"),
        Unit::Ratio => Cow::Borrowed(""),
        Unit::Currency(code) | Unit::Count(code) => Cow::Owned(format!(" {code}")),
    }
}

/// What people read where there is no value: not meaningful.
pub const NOT_MEANINGFUL: &str = "n/m";

/// Most decimals a table shows for an exact figure.
const MAX_EXACT_DECIMALS: u32 = 4;
/// Decimals past which a near-exact point's digits are rounding noise.
const NEAR_EXACT_DECIMALS: u32 = 12;
/// Decimals for a figure unbounded on a side whose point has more digits.
const UNBOUNDED_DECIMALS: u32 = 2;

/// Decimals to print a figure with: as asked, else what its interval
/// justifies, else the digits it was written with.
///
/// ```
/// use earnings::bounded::Bounded;
/// use earnings::text::{Figure, display_decimals};
/// use earnings::value::Unit;
/// use rust_decimal::Decimal;
/// // 1,023.67 rounded: its interval [1,023.665, 1,023.675] justifies two.
/// let b = Bounded::closed(Decimal::new(102367, 2), Decimal::new(1023665, 3), Decimal::new(1023675, 3)).unwrap();
/// let f = Figure::new(b, &Unit::Ratio, None);
/// assert_eq!(display_decimals(&f, None), 2);
/// assert_eq!(display_decimals(&f, Some(0)), 0);
/// ```
pub fn display_decimals(figure: &Figure, precision: Option<u32>) -> u32 {
    let decimals = chosen_decimals(figure, precision);
    decimals.max(decimals_not_to_print_zero(&figure.value, decimals))
}

/// Decimals past which a figure too small for them is written in
/// scientific form (`4.1e-15`): as many as `--precision` allows.
const MOST_PLAIN_DECIMALS: u32 = 12;

/// The decimals asked for, justified by the interval, or written.
fn chosen_decimals(figure: &Figure, precision: Option<u32>) -> u32 {
    if let Some(p) = precision {
        return p;
    }
    let own = normalized_scale(figure.value.point());
    // "About 41.6" and "60–80" keep the digits they were stated with: their
    // interval is a tolerance, not a sign of how precisely they were written.
    if figure.stated_as.is_some() {
        return own.min(MAX_EXACT_DECIMALS);
    }
    if is_near_exact(&figure.value) {
        // Computed from exact figures (100 / 12, a root): only rounding
        // noise, which must not show as digits (2.0000000000000000000000000004).
        let point = figure.value.point();
        // A point with no more decimals than that is its own digits.
        let digits = if point.scale() <= NEAR_EXACT_DECIMALS {
            own
        } else {
            normalized_scale(point.round_dp(NEAR_EXACT_DECIMALS))
        };
        return digits.min(MAX_EXACT_DECIMALS);
    }
    if let Some(d) = figure.value.justified_decimals() {
        return d;
    }
    if figure.value.is_exact() {
        return own.min(MAX_EXACT_DECIMALS);
    }
    own.min(UNBOUNDED_DECIMALS)
}

/// The decimals a figure that is surely not zero needs so that it does not
/// print as `0` with `decimals` places: enough for its first two
/// significant digits, or all it has if it has fewer (0.0000004 billion is
/// `0.0000004`, not `0.0000`). A figure whose interval holds zero may be
/// zero, and keeps `decimals` (rounding noise around zero stays `0.0000`).
///
/// ```
/// use earnings::bounded::Bounded;
/// use earnings::text::{self, Figure};
/// use earnings::value::Unit;
/// use rust_decimal::Decimal;
/// let tiny = Figure::new(Bounded::exact(Decimal::new(4, 7)), &Unit::Ratio, None);
/// assert_eq!(text::figure(&tiny, None), "0.0000004");
/// assert_eq!(text::figure(&tiny, Some(2)), "0.0000004");
/// let third = Figure::new(Bounded::exact(Decimal::new(4123, 10)), &Unit::Ratio, None);
/// assert_eq!(text::figure(&third, Some(2)), "0.00000041");
/// ```
fn decimals_not_to_print_zero(value: &Bounded, decimals: u32) -> u32 {
    let point = value.point();
    let above = |end: Endpoint| {
        end.value()
            .is_some_and(|v| v > Decimal::ZERO || (v.is_zero() && end.is_open()))
    };
    let below = |end: Endpoint| {
        end.value()
            .is_some_and(|v| v < Decimal::ZERO || (v.is_zero() && end.is_open()))
    };
    // A point of one or more in size never rounds to zero (most figures):
    // it needs no rounding to tell.
    let at_least_one =
        ten_to(point.scale()).is_some_and(|one| point.mantissa().unsigned_abs() >= one);
    if at_least_one || point.is_zero() || !(above(value.low()) || below(value.high())) {
        return decimals;
    }
    let shown = point.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    if !shown.is_zero() {
        return decimals;
    }
    first_significant_decimal(point)
        .saturating_add(1)
        .min(normalized_scale(point))
}

/// The place after the point of the first significant digit of a number
/// below one: 7 for 0.0000004.
fn first_significant_decimal(d: Decimal) -> u32 {
    let digits = d
        .mantissa()
        .unsigned_abs()
        .checked_ilog10()
        .map_or(1, |n| n.saturating_add(1));
    d.scale().saturating_sub(digits).saturating_add(1)
}

/// Appends `d` in scientific form with `significant` digits at most:
/// `4.1e-15`, `-4e-20` (for a figure too small for plain decimals).
fn push_scientific(out: &mut String, d: Decimal, significant: u32) {
    let exponent = first_significant_decimal(d);
    let shifted = crate::value::pow10(i32::try_from(exponent).unwrap_or(0))
        .and_then(|factor| d.checked_mul(factor));
    let Some(shifted) = shifted else {
        push_plain(out, d);
        return;
    };
    let mantissa = shifted.round_dp_with_strategy(
        significant.saturating_sub(1),
        RoundingStrategy::MidpointAwayFromZero,
    );
    // 9.96e-15 rounds to 10.0: one place up.
    let (mantissa, exponent) = if mantissa.abs() >= Decimal::TEN {
        (
            mantissa.checked_div(Decimal::TEN).unwrap_or(mantissa),
            exponent.saturating_sub(1),
        )
    } else {
        (mantissa, exponent)
    };
    push_plain(out, mantissa);
    out.push_str("e-");
    out.push_str(itoa::Buffer::new().format(exponent));
}

/// `d.normalize().scale()`: the decimals left once trailing zeros are
/// dropped, counted off its mantissa (most have none or few to count, and
/// fit 64 bits, where a division by ten is a multiplication).
fn normalized_scale(d: Decimal) -> u32 {
    let mut scale = d.scale();
    let mantissa = d.mantissa().unsigned_abs();
    if mantissa == 0 {
        return 0;
    }
    match u64::try_from(mantissa) {
        Ok(mut small) => {
            while scale > 0 && small.checked_rem(10) == Some(0) {
                small = small.checked_div(10).unwrap_or(1);
                scale = scale.saturating_sub(1);
            }
        }
        Err(_) => {
            let mut large = mantissa;
            while scale > 0 && large.checked_rem(10) == Some(0) {
                large = large.checked_div(10).unwrap_or(1);
                scale = scale.saturating_sub(1);
            }
        }
    }
    scale
}

/// A figure as people read it: `1,023.67`, `>358`, `≤20.09%`, `≈41.6`,
/// `60–80%`; `precision` overrides the decimals the interval justifies.
///
/// ```
/// use earnings::bounded::{Bounded, Endpoint};
/// use earnings::text::{self, Figure};
/// use earnings::value::Unit;
/// use rust_decimal::Decimal;
/// let thirty = Decimal::new(30, 0);
/// let more = Bounded::new(thirty, Endpoint::Open(thirty), Endpoint::Unbounded).unwrap();
/// assert_eq!(text::figure(&Figure::new(more, &Unit::Percent, None), None), ">30%");
/// let big = Bounded::exact(Decimal::new(102367, 2));
/// assert_eq!(text::figure(&Figure::new(big, &Unit::Ratio, None), Some(1)), "1,023.7");
/// ```
pub fn figure(figure: &Figure, precision: Option<u32>) -> String {
    let mut text = String::new();
    push_figure(&mut text, figure, precision);
    text
}

/// Appends [`figure`] to `out`.
///
/// ```
/// use earnings::bounded::Bounded;
/// use earnings::text::{Figure, push_figure};
/// use earnings::value::Unit;
/// use rust_decimal::Decimal;
/// let mut out = String::from("revenue = ");
/// push_figure(&mut out, &Figure::new(Bounded::exact(Decimal::new(3, 0)), &Unit::Multiple, None), None);
/// assert_eq!(out, "revenue = 3×");
/// ```
pub fn push_figure(out: &mut String, figure: &Figure, precision: Option<u32>) {
    let decimals = display_decimals(figure, precision);
    let value = &figure.value;
    let number = |out: &mut String, d: Decimal| {
        if fixed::push_rounded(out, d, decimals).is_none() {
            push_number(out, d, decimals);
        }
    };
    match figure.stated_as {
        Some(StatedAs::Range) => {
            if let (Some(low), Some(high)) = (value.low().value(), value.high().value()) {
                number(out, low);
                out.push('–');
                number(out, high);
                out.push_str(figure.suffix);
                return;
            }
        }
        Some(StatedAs::About) => {
            out.push('≈');
            number(out, value.point());
            out.push_str(figure.suffix);
            return;
        }
        None => {}
    }
    let point = value.point();
    // Whether an end is the point, in `Decimal`'s order.
    let at = |end: Endpoint| {
        end.value()
            .is_some_and(|v| order(v, point) == Ordering::Equal)
    };
    let (at_low, at_high) = (at(value.low()), at(value.high()));
    let marker = if value.is_exact() {
        ""
    } else if at_low && !at_high {
        if value.low().is_open() { ">" } else { "≥" }
    } else if at_high && !at_low {
        if value.high().is_open() { "<" } else { "≤" }
    } else {
        ""
    };
    out.push_str(marker);
    number(out, point);
    out.push_str(figure.suffix);
}

/// Appends a figure's number: `d` rounded half away from zero to
/// `decimals` places, padded, thousands grouped, or in scientific form
/// when it is too small for plain decimals. (`fixed::push_rounded` writes
/// the same text in integers, where the mantissa fits 64 bits.)
fn push_number(out: &mut String, d: Decimal, decimals: u32) {
    let rounded = d.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    if decimals > MOST_PLAIN_DECIMALS && d.abs() < Decimal::ONE && !rounded.is_zero() {
        let leading = first_significant_decimal(d);
        push_scientific(out, d, decimals.saturating_sub(leading).saturating_add(1));
        return;
    }
    // Room for any decimal's digits, so that it is not grown digit by digit.
    let mut digits = String::with_capacity(48);
    write_padded(&mut digits, rounded, decimals);
    push_grouped(out, &digits);
}

/// [`figure`], or [`NOT_MEANINGFUL`] where there is none (a chart's bar).
///
/// ```
/// use earnings::text::figure_or_not_meaningful;
/// assert_eq!(figure_or_not_meaningful(None, None), "n/m");
/// ```
pub fn figure_or_not_meaningful(figure: Option<&Figure>, precision: Option<u32>) -> String {
    figure.map_or_else(
        || NOT_MEANINGFUL.to_string(),
        |f| self::figure(f, precision),
    )
}

/// The interval of a figure where it says more than the printed value:
/// `[125.2, 126.9]`, `(−100.0, 20.1]`; empty when the value says it all.
/// Its ends get one decimal more than the value, rounded outward.
///
/// ```
/// use earnings::bounded::Bounded;
/// use earnings::text::{self, Figure};
/// use earnings::value::Unit;
/// use rust_decimal::Decimal;
/// let wide = Bounded::closed(Decimal::new(12605, 2), Decimal::new(12525, 2), Decimal::new(12685, 2)).unwrap();
/// assert_eq!(text::interval(&Figure::new(wide, &Unit::Ratio, None), None), "[125.2, 126.9]");
/// let exact = Bounded::exact(Decimal::TEN);
/// assert_eq!(text::interval(&Figure::new(exact, &Unit::Ratio, None), None), "");
/// ```
pub fn interval(figure: &Figure, precision: Option<u32>) -> String {
    let value = &figure.value;
    if value.is_exact() || figure.stated_as == Some(StatedAs::Range) {
        return String::new();
    }
    let decimals = display_decimals(figure, precision);
    let (low, high) = (value.low(), value.high());
    let point = Some(value.point());
    // A one-sided bound whose marker already says it all.
    let one_sided = (low.value() == point && high == Endpoint::Unbounded)
        || (high.value() == point && low == Endpoint::Unbounded);
    if one_sided || within_rounding(figure, decimals) {
        return String::new();
    }
    let shown = decimals.saturating_add(1);
    let low_text = match low {
        Endpoint::Unbounded => "(−∞".to_string(),
        Endpoint::Open(d) => format!(
            "({}",
            decimal(d, shown, RoundingStrategy::ToNegativeInfinity)
        ),
        Endpoint::Closed(d) => format!(
            "[{}",
            decimal(d, shown, RoundingStrategy::ToNegativeInfinity)
        ),
    };
    let high_text = match high {
        Endpoint::Unbounded => "∞)".to_string(),
        Endpoint::Open(d) => format!(
            "{})",
            decimal(d, shown, RoundingStrategy::ToPositiveInfinity)
        ),
        Endpoint::Closed(d) => format!(
            "{}]",
            decimal(d, shown, RoundingStrategy::ToPositiveInfinity)
        ),
    };
    format!("{low_text}, {high_text}")
}

/// Whether a bounded interval lies within the rounding of the value printed
/// with `decimals` places, so that the printed digits say all it says (an
/// "about" figure's interval is a tolerance and always shows).
fn within_rounding(figure: &Figure, decimals: u32) -> bool {
    let value = &figure.value;
    let (Some(lo), Some(hi)) = (value.low().value(), value.high().value()) else {
        return false;
    };
    if figure.stated_as == Some(StatedAs::About) {
        return false;
    }
    let half = crate::value::pow10(i32::try_from(decimals).map_or(0, i32::saturating_neg))
        .and_then(|u| u.checked_div(Decimal::TWO))
        .unwrap_or(Decimal::ONE);
    let shown = value
        .point()
        .round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    shown.checked_sub(half).is_some_and(|l| l <= lo)
        && shown.checked_add(half).is_some_and(|h| hi <= h)
}

/// [`figure`] followed by its [`interval`] where that says more:
/// `126 [125.2, 126.9]`, `1,023.67`.
///
/// ```
/// use earnings::bounded::Bounded;
/// use earnings::text::{Figure, figure_and_interval};
/// use earnings::value::Unit;
/// use rust_decimal::Decimal;
/// let wide = Bounded::closed(Decimal::new(12605, 2), Decimal::new(12525, 2), Decimal::new(12685, 2)).unwrap();
/// // Its interval justifies no decimal, so the interval shows.
/// assert_eq!(figure_and_interval(&Figure::new(wide, &Unit::Ratio, None), None), "126 [125.2, 126.9]");
/// ```
pub fn figure_and_interval(figure: &Figure, precision: Option<u32>) -> String {
    let interval = interval(figure, precision);
    let text = self::figure(figure, precision);
    if interval.is_empty() {
        text
    } else {
        format!("{text} {interval}")
    }
}

/// A decimal rounded to `decimals` places by `strategy`, padded with zeros
/// to them, thousands grouped: `1,023.67`.
///
/// ```
/// use earnings::text::decimal;
/// use rust_decimal::{Decimal, RoundingStrategy};
/// let d = Decimal::new(999995, 3);
/// assert_eq!(decimal(d, 2, RoundingStrategy::MidpointAwayFromZero), "1,000.00");
/// assert_eq!(decimal(d, 2, RoundingStrategy::ToNegativeInfinity), "999.99");
/// ```
pub fn decimal(value: Decimal, decimals: u32, strategy: RoundingStrategy) -> String {
    let rounded = value.round_dp_with_strategy(decimals, strategy);
    let mut text = String::new();
    write_padded(&mut text, rounded, decimals);
    group_thousands(&text)
}

/// An exact number for people: every digit but trailing zeros, thousands
/// grouped.
///
/// ```
/// use earnings::text::number;
/// use rust_decimal::Decimal;
/// assert_eq!(number(Decimal::new(-1234500, 3)), "-1,234.5");
/// ```
pub fn number(d: Decimal) -> String {
    group_thousands(&d.normalize().to_string())
}

/// A number for machines: every digit, as `d.normalize()` prints it.
///
/// ```
/// use earnings::text::plain;
/// use rust_decimal::Decimal;
/// assert_eq!(plain(Decimal::new(150, 2)), "1.5");
/// assert_eq!(plain(Decimal::new(-0, 3)), "0");
/// ```
pub fn plain(d: Decimal) -> String {
    let mut text = String::new();
    push_plain(&mut text, d);
    text
}

/// Significant digits a machine number carries by default: what a
/// spreadsheet (an IEEE double) keeps. More is noise a reader rounds anyway;
/// fewer would lose digits a report states.
pub const MACHINE_DIGITS: u32 = 15;

/// How many digits machine output carries (`--digits`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Digits {
    /// At most this many significant digits (at least one).
    Significant(u32),
    /// Every digit the computation has (up to 28).
    Exact,
}

impl Default for Digits {
    fn default() -> Digits {
        Digits::Significant(MACHINE_DIGITS)
    }
}

/// Which way a machine number may move when it is cut to fewer digits: the
/// lower end of an interval down, the upper end up (so the interval
/// written contains the exact one), anything else to the nearest.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Rounding {
    /// To the nearest (half away from zero): a point value.
    #[default]
    Nearest,
    /// Toward −∞: a lower end.
    Down,
    /// Toward +∞: an upper end.
    Up,
}

/// `d` cut to `digits` significant digits, rounded as `rounding` says; a
/// number with no more digits comes back as it is (`140` stays `140`).
///
/// ```
/// use earnings::text::{Digits, Rounding, machine_decimal};
/// use rust_decimal::Decimal;
/// let third: Decimal = "4.16666666666666666666666667".parse().unwrap();
/// let d = Digits::Significant(15);
/// assert_eq!(machine_decimal(third, d, Rounding::Down).to_string(), "4.16666666666666");
/// assert_eq!(machine_decimal(third, d, Rounding::Up).to_string(), "4.16666666666667");
/// let noise: Decimal = "140.00000000000000000000000001".parse().unwrap();
/// assert_eq!(machine_decimal(noise, d, Rounding::Nearest).normalize().to_string(), "140");
/// assert_eq!(machine_decimal(noise, Digits::Exact, Rounding::Nearest), noise);
/// ```
pub fn machine_decimal(d: Decimal, digits: Digits, rounding: Rounding) -> Decimal {
    let Digits::Significant(n) = digits else {
        return d;
    };
    // Most numbers already fit: no rounding to do (CSV writes millions).
    if ten_to(n).is_some_and(|limit| d.mantissa().unsigned_abs() < limit) {
        return d;
    }
    let strategy = match rounding {
        Rounding::Nearest => RoundingStrategy::MidpointAwayFromZero,
        Rounding::Down => RoundingStrategy::ToNegativeInfinity,
        Rounding::Up => RoundingStrategy::ToPositiveInfinity,
    };
    // Cut the mantissa where it has fractional digits to spare (the usual
    // case: a quotient's 28 digits); rust_decimal's general rounding, which
    // divides digit by digit, is the slow path.
    if let Some(cut) = cut_fraction(d, n, rounding) {
        return cut;
    }
    // A number that cannot be cut (its rounding would overflow) keeps every
    // digit: longer, but never wrong.
    d.round_sf_with_strategy(n.max(1), strategy).unwrap_or(d)
}

/// `d` cut to `n` significant digits by dropping fractional digits of its
/// mantissa, when the digits to drop are all fractional; `None` otherwise.
fn cut_fraction(d: Decimal, n: u32, rounding: Rounding) -> Option<Decimal> {
    let mantissa = d.mantissa();
    let magnitude = mantissa.unsigned_abs();
    // Its digits: how many powers of ten are at most it (none for zero).
    let digits = POWERS_OF_TEN.partition_point(|power| *power <= magnitude);
    let drop = u32::try_from(digits).ok()?.checked_sub(n.max(1))?;
    if drop == 0 || drop > d.scale() {
        return None;
    }
    let unit = ten_to(drop)?;
    let kept = magnitude.checked_div(unit)?;
    let rest = magnitude.checked_sub(kept.checked_mul(unit)?)?;
    let negative = mantissa < 0;
    let away = match rounding {
        Rounding::Nearest => rest.checked_mul(2)? >= unit,
        Rounding::Down => negative && rest > 0,
        Rounding::Up => !negative && rest > 0,
    };
    let kept = kept.checked_add(u128::from(away))?;
    // A carry into a new digit (9.99… up to 10.0…) is left to the slow path.
    if kept >= ten_to(n.max(1))? {
        return None;
    }
    let kept = i128::try_from(kept).ok()?;
    let kept = if negative { kept.checked_neg()? } else { kept };
    Decimal::try_from_i128_with_scale(kept, d.scale().checked_sub(drop)?).ok()
}

/// Appends a number for machines: [`machine_decimal`], written as [`plain`]
/// writes it.
///
/// ```
/// use earnings::text::{Digits, Rounding, push_machine};
/// use rust_decimal::Decimal;
/// let mut out = String::new();
/// push_machine(&mut out, Decimal::new(27323, 3), Digits::Significant(3), Rounding::Up);
/// assert_eq!(out, "27.4");
/// ```
pub fn push_machine(buffer: &mut String, d: Decimal, digits: Digits, rounding: Rounding) {
    match machine::Written::of(d, digits, rounding) {
        Some(written) => buffer.push_str(std::str::from_utf8(written.as_bytes()).unwrap_or("")),
        None => push_plain(buffer, machine_decimal(d, digits, rounding)),
    }
}

/// Appends [`plain`] to `buffer`, without the division per digit that
/// `Display` does (CSV writes millions of them).
///
/// ```
/// use earnings::text::push_plain;
/// use rust_decimal::Decimal;
/// let mut out = String::from("x=");
/// push_plain(&mut out, Decimal::new(1500, 0));
/// assert_eq!(out, "x=1500");
/// ```
pub fn push_plain(buffer: &mut String, d: Decimal) {
    write_decimal(buffer, d, true);
}

/// Writes `d` as its `Display` does (`-` for any negative, zero too, and
/// as many decimals as its scale), or as `d.normalize()` prints it when
/// `trimmed` (no trailing zeros after the point, no `-0`). The digits are
/// written in one go (rust_decimal divides by ten per digit).
fn write_decimal(buffer: &mut String, d: Decimal, trimmed: bool) {
    let mut digits = itoa::Buffer::new();
    let mantissa = d.mantissa().unsigned_abs();
    // The same digits either way; a mantissa of 19 digits or fewer (most)
    // is written without 128-bit divisions.
    let digits = match u64::try_from(mantissa) {
        Ok(small) => digits.format(small),
        Err(_) => digits.format(mantissa),
    };
    let scale = usize::try_from(d.scale()).unwrap_or(0);
    let (whole, fraction) = match digits.len().checked_sub(scale) {
        Some(cut) if cut > 0 => digits.split_at_checked(cut).unwrap_or((digits, "")),
        _ => ("0", digits),
    };
    // Zeros between the point and the digits when they are fewer than the scale.
    let leading = scale.saturating_sub(digits.len());
    let fraction = if trimmed {
        let kept = fraction.bytes().rposition(|b| b != b'0');
        fraction
            .get(..kept.map_or(0, |i| i.saturating_add(1)))
            .unwrap_or_default()
    } else {
        fraction
    };
    // Every digit is a zero exactly when the mantissa is.
    if d.is_sign_negative() && !(trimmed && mantissa == 0) {
        buffer.push('-');
    }
    buffer.push_str(whole);
    if scale > 0 && !(trimmed && fraction.is_empty()) {
        buffer.push('.');
        for _ in 0..leading {
            buffer.push('0');
        }
        buffer.push_str(fraction);
    }
}

/// Writes a rounded decimal with `decimals` places (padded with zeros).
fn write_padded(text: &mut String, rounded: Decimal, decimals: u32) {
    write_decimal(text, rounded, false);
    // round_dp keeps fewer places when the value has fewer: pad to a fixed width.
    let have = rounded.scale();
    if have < decimals {
        if have == 0 {
            text.push('.');
        }
        for _ in have..decimals {
            text.push('0');
        }
    }
}

/// Inserts thousands separators into the integer part of a plain decimal.
fn group_thousands(text: &str) -> String {
    let mut grouped = String::with_capacity(text.len().saturating_add(text.len() / 3));
    push_grouped(&mut grouped, text);
    grouped
}

/// Appends a plain decimal with its integer part's thousands grouped.
fn push_grouped(out: &mut String, text: &str) {
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    out.push_str(sign);
    push_grouped_whole(out, whole);
    if let Some(f) = fraction {
        out.push('.');
        out.push_str(f);
    }
}

/// Appends the digits of a whole number with its thousands grouped.
fn push_grouped_whole(out: &mut String, whole: &str) {
    // The first group holds what is left over from groups of three.
    let first = match whole.len() % 3 {
        0 => whole.len().min(3),
        short => short,
    };
    let (group, mut rest) = whole.split_at_checked(first).unwrap_or((whole, ""));
    out.push_str(group);
    while let Some((group, tail)) = rest.split_at_checked(3) {
        out.push(',');
        out.push_str(group);
        rest = tail;
    }
    out.push_str(rest);
}

/// A value as the dataset wrote it, for messages: `89.71 billion CNY`,
/// `more than 30%`, `60–80%`.
///
/// ```
/// use earnings::text::stated;
/// use earnings::value::{BoundKind, Scale, Stated, Unit};
/// let s = Stated {
///     value: "89.71".parse().unwrap(),
///     scale: Scale::Billion,
///     unit: Unit::Currency("CNY".into()),
///     bound: BoundKind::Rounded,
///     high: None,
///     tolerance: None,
/// };
/// assert_eq!(stated(&s), "89.71 billion CNY");
/// ```
pub fn stated(stated: &Stated) -> String {
    let prefix = match stated.bound {
        BoundKind::Rounded | BoundKind::Range => "",
        BoundKind::Exact => "exactly ",
        BoundKind::MoreThan => "more than ",
        BoundKind::AtLeast => "at least ",
        BoundKind::LessThan => "less than ",
        BoundKind::AtMost => "at most ",
        BoundKind::About => "about ",
    };
    let mut number = stated.value.to_string();
    if let (BoundKind::Range, Some(&high)) = (stated.bound, stated.high.as_deref()) {
        number = format!("{number}–{high}");
    }
    let scale = match stated.scale {
        Scale::Unit => String::new(),
        scale => format!(" {scale}"),
    };
    format!("{prefix}{number}{scale}{}", unit_suffix(&stated.unit))
}

/// A computed value, for messages: money and counts in the largest scale
/// that keeps it at or above one, four decimals at most; an interval where
/// it is not a point, as `a to b`, or `more than a`, `at most b` where it
/// is unbounded on a side.
///
/// ```
/// use earnings::bounded::{Bounded, Endpoint};
/// use earnings::text::computed;
/// use earnings::value::Unit;
/// use rust_decimal::Decimal;
/// let revenue = Bounded::exact(Decimal::new(1_023_670_000_000, 0));
/// assert_eq!(computed(&revenue, &Unit::Currency("CNY".into())), "1.0237 trillion CNY");
/// let thirty = Decimal::new(30, 0);
/// let more = Bounded::new(thirty, Endpoint::Open(thirty), Endpoint::Unbounded).unwrap();
/// assert_eq!(computed(&more, &Unit::Percent), "more than 30%");
/// let tiny = Bounded::exact(Decimal::new(4, 7));
/// assert_eq!(computed(&tiny, &Unit::Percent), "0.0000004%");
/// ```
pub fn computed(value: &Bounded, unit: &Unit) -> String {
    let scale = if unit.takes_scale() {
        let magnitude = value.point().abs();
        [
            Scale::Trillion,
            Scale::Billion,
            Scale::Million,
            Scale::Thousand,
        ]
        .into_iter()
        .find(|s| magnitude >= s.factor())
        .unwrap_or(Scale::Unit)
    } else {
        Scale::Unit
    };
    let show = |d: Decimal| -> String {
        let scaled = d.checked_div(scale.factor()).unwrap_or(d);
        let rounded = scaled.round_dp(4);
        // Never `0` for what is not zero: 0.00004% keeps its digits.
        if rounded.is_zero() && !scaled.is_zero() {
            return significant(scaled, 2);
        }
        rounded.normalize().to_string()
    };
    let scale_text = match scale {
        Scale::Unit => String::new(),
        s => format!(" {s}"),
    };
    let suffix = unit_suffix(unit);
    let side = |end: Endpoint, open: &str, closed: &str| {
        let words = if end.is_open() { open } else { closed };
        format!("{words} {}", end.value().map_or_else(String::new, show))
    };
    let number = match (value.low(), value.high()) {
        (Endpoint::Unbounded, Endpoint::Unbounded) => "any value".to_string(),
        (Endpoint::Unbounded, high) => side(high, "less than", "at most"),
        (low, Endpoint::Unbounded) => side(low, "more than", "at least"),
        (low, high) => {
            let (l, h) = (
                low.value().map_or_else(String::new, show),
                high.value().map_or_else(String::new, show),
            );
            if l == h { l } else { format!("{l} to {h}") }
        }
    };
    format!("{number}{scale_text}{suffix}")
}

/// A ratio's interval, for messages: `9.9989 to 10.0012`, or one number
/// when both ends print the same, each to five significant digits (`?` for
/// an unbounded end).
///
/// ```
/// use earnings::bounded::Bounded;
/// use earnings::text::ratio;
/// use rust_decimal::Decimal;
/// let r = Bounded::closed(Decimal::TEN, Decimal::new(999888, 5), Decimal::new(1000111, 5)).unwrap();
/// assert_eq!(ratio(&r), "9.9989 to 10.001");
/// ```
pub fn ratio(ratio: &Bounded) -> String {
    let show = |d: Option<Decimal>| d.map_or_else(|| "?".to_string(), |d| significant(d, 5));
    let (low, high) = (show(ratio.low().value()), show(ratio.high().value()));
    if low == high {
        low
    } else {
        format!("{low} to {high}")
    }
}

/// `d` with about `digits` significant digits (more decimals for a small
/// number: 0.00012346, not 0), never fewer than one decimal place's worth
/// of rounding.
///
/// ```
/// use earnings::text::significant;
/// use rust_decimal::Decimal;
/// assert_eq!(significant(Decimal::new(999888, 5), 5), "9.9989");
/// assert_eq!(significant(Decimal::new(123456, 9), 5), "0.00012346");
/// ```
pub fn significant(d: Decimal, digits: u32) -> String {
    let mut magnitude = d.abs();
    let mut decimals = digits;
    if magnitude >= Decimal::ONE {
        let integer_digits = magnitude.trunc().normalize().to_string().len();
        decimals = digits.saturating_sub(u32::try_from(integer_digits).unwrap_or(digits));
    } else if !magnitude.is_zero() {
        // One more decimal for each leading zero, up to what a decimal holds.
        while magnitude < Decimal::ONE && decimals < 28 {
            magnitude = magnitude.checked_mul(Decimal::TEN).unwrap_or(Decimal::ONE);
            decimals = decimals.saturating_add(1);
        }
        decimals = decimals.saturating_sub(1);
    }
    d.round_dp(decimals.max(1)).normalize().to_string()
}

/// An interval as its ends, for error messages: `[-1, 2]`, `(30, ∞)`,
/// `(-∞, 5]`: each end every digit it has, `(`/`)` for an open or unbounded
/// end, `[`/`]` for a closed one.
///
/// ```
/// use earnings::bounded::{Bounded, Endpoint};
/// use earnings::text::bracketed;
/// use rust_decimal::Decimal;
/// let thirty = Decimal::new(30, 0);
/// let more = Bounded::new(thirty, Endpoint::Open(thirty), Endpoint::Unbounded).unwrap();
/// assert_eq!(bracketed(&more), "(30, ∞)");
/// let b = Bounded::closed(Decimal::ZERO, Decimal::NEGATIVE_ONE, Decimal::TWO).unwrap();
/// assert_eq!(bracketed(&b), "[-1, 2]");
/// ```
pub fn bracketed(b: &Bounded) -> String {
    let low = match b.low() {
        Endpoint::Unbounded => "(-∞".to_string(),
        Endpoint::Open(v) => format!("({v}"),
        Endpoint::Closed(v) => format!("[{v}"),
    };
    let high = match b.high() {
        Endpoint::Unbounded => "∞)".to_string(),
        Endpoint::Open(v) => format!("{v})"),
        Endpoint::Closed(v) => format!("{v}]"),
    };
    format!("{low}, {high}")
}

mod fixed;
mod machine;
mod near;
pub use machine::push_machine_bytes;
pub(crate) use machine::{CHUNK, append_short};
use near::is_near_exact;

#[cfg(test)]
mod tests;
