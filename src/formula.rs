//! The arithmetic of the relations a report states (data/FORMAT.md, Claims; Derived figures): each
//! computed forwards (what the figures say the relation is) and solved
//! backwards (what the relation says a missing figure is), on intervals.
//!
//! One place for these formulas, so that `metrics`, `verify`, `eval` and
//! the implied figures can never disagree about what "down 19%" means.
//! (The kinds of claim that use them, and how, are the `claim` module's.)

use rust_decimal::Decimal;

use crate::bounded::{ArithError, Bounded, Endpoint};

mod recipe;
pub use recipe::{Recipe, Term};

/// The result of a computation that may be "not meaningful" (`n/m`), as
/// analysts print a percent change against zero or across a change of sign.
pub type MaybeMeaningful = Option<Bounded>;

fn hundred() -> Bounded {
    Bounded::exact(Decimal::ONE_HUNDRED)
}

/// Percent change `(current − prior) / |prior| × 100`; `None` (n/m) when the
/// prior can be zero or the sign can flip between the two.
///
/// Computed as `current / prior − 1` (or `1 − current / prior` for a
/// negative prior), where each figure appears once, so the result is the
/// exact range the two intervals allow (up to outward rounding), not the
/// wider one of a change divided by an independent prior.
///
/// ```
/// use earnings::bounded::Bounded;
/// use earnings::formula::yoy_percent;
/// let now = Bounded::exact("110".parse().unwrap());
/// let before = Bounded::exact("100".parse().unwrap());
/// assert_eq!(yoy_percent(&now, &before).unwrap().unwrap().point().normalize().to_string(), "10");
/// // 1 against 2, both rounded: from 0.5 / 2.5 − 1 = −80% to 1.5 / 1.5 − 1 = 0%.
/// let one = Bounded::closed("1".parse().unwrap(), "0.5".parse().unwrap(), "1.5".parse().unwrap()).unwrap();
/// let two = Bounded::closed("2".parse().unwrap(), "1.5".parse().unwrap(), "2.5".parse().unwrap()).unwrap();
/// let change = yoy_percent(&one, &two).unwrap().unwrap();
/// assert_eq!(change.low().value().unwrap().normalize().to_string(), "-80");
/// assert_eq!(change.high().value().unwrap().normalize().to_string(), "0");
/// ```
pub fn yoy_percent(current: &Bounded, prior: &Bounded) -> Result<MaybeMeaningful, ArithError> {
    let same_sign = (current.is_positive() && prior.is_positive())
        || (current.is_negative() && prior.is_negative());
    if !same_sign {
        return Ok(None);
    }
    let ratio = current.checked_div(prior)?;
    let one = Bounded::exact(Decimal::ONE);
    // The ratio moved by one on its mantissas where that is exact.
    let rate = if prior.is_negative() {
        match ratio.neg().translated(Decimal::ONE) {
            Some(rate) => rate,
            None => one.checked_sub(&ratio)?,
        }
    } else {
        match ratio.translated(Decimal::NEGATIVE_ONE) {
            Some(rate) => rate,
            None => ratio.checked_sub(&one)?,
        }
    };
    rate.checked_mul(&hundred()).map(Some)
}

/// Percent change of a quarter against the quarter before it,
/// `(current − previous) / |previous| × 100`: the same formula as
/// [`yoy_percent`], against the quarter before instead of the prior year
/// (`n/m` likewise).
pub fn qoq_percent(current: &Bounded, previous: &Bounded) -> Result<MaybeMeaningful, ArithError> {
    yoy_percent(current, previous)
}

/// The sum of flows over consecutive periods (four quarters make a
/// trailing twelve months). Each figure appears once, so the interval is
/// exact.
///
/// ```
/// use earnings::bounded::Bounded;
/// use earnings::formula::sum;
/// let quarters = ["10", "11", "12", "13"].map(|v| Bounded::exact(v.parse().unwrap()));
/// assert_eq!(sum(&quarters).unwrap().point().to_string(), "46");
/// ```
pub fn sum(flows: &[Bounded]) -> Result<Bounded, ArithError> {
    flows
        .iter()
        .try_fold(Bounded::exact(Decimal::ZERO), |total, flow| {
            total.checked_add(flow)
        })
}

/// A trailing twelve months from the last full year and the year to date:
/// `year + year to date − the same span a year earlier`. Each figure
/// appears once, so the interval is exact.
///
/// ```
/// use earnings::bounded::Bounded;
/// use earnings::formula::ttm_from_year;
/// let d = |v: &str| Bounded::exact(v.parse().unwrap());
/// // FY2025 of 100, its first half 45, this year's first half 55: 110.
/// let ttm = ttm_from_year(&d("100"), &d("55"), &d("45")).unwrap();
/// assert_eq!(ttm.point().to_string(), "110");
/// ```
pub fn ttm_from_year(
    year: &Bounded,
    to_date: &Bounded,
    to_date_before: &Bounded,
) -> Result<Bounded, ArithError> {
    year.checked_add(to_date)?.checked_sub(to_date_before)
}

/// What a trailing twelve months says one of its quarters is, given the
/// other three: `ttm − the other three`.
pub fn quarter_from_ttm(ttm: &Bounded, others: &[Bounded]) -> Result<Bounded, ArithError> {
    ttm.checked_sub(&sum(others)?)
}

/// The prior-year figure a percent change implies for a known current one;
/// `None` where the sign of the prior cannot be told (a current figure that
/// can be zero) or the change allows a zero prior.
pub fn prior_from_yoy(current: &Bounded, percent: &Bounded) -> Result<Option<Bounded>, ArithError> {
    // A positive current figure came from a positive prior: current = prior × (1 + rate).
    // A negative one from a negative prior: current = prior × (1 − rate).
    match change_factor(current, percent)? {
        Some(factor) if factor.is_positive() => current.checked_div(&factor).map(Some),
        _ => Ok(None),
    }
}

/// The current figure a percent change implies for a known prior one:
/// `prior × (1 + rate)` for a positive prior, `prior × (1 − rate)` for a
/// negative one (that is, `prior + |prior| × rate`, with the prior once).
pub fn current_from_yoy(prior: &Bounded, percent: &Bounded) -> Result<Option<Bounded>, ArithError> {
    match change_factor(prior, percent)? {
        Some(factor) => prior.checked_mul(&factor).map(Some),
        None => Ok(None),
    }
}

/// What a figure of `sign`'s sign is multiplied by when it changes by
/// `percent`: `1 + rate` for a positive figure, `1 − rate` for a negative
/// one; `None` where the sign cannot be told.
fn change_factor(sign: &Bounded, percent: &Bounded) -> Result<Option<Bounded>, ArithError> {
    let rate = percent.checked_div(&hundred())?;
    let one = Bounded::exact(Decimal::ONE);
    if sign.is_positive() {
        one.checked_add(&rate).map(Some)
    } else if sign.is_negative() {
        one.checked_sub(&rate).map(Some)
    } else {
        Ok(None)
    }
}

/// `part / whole × 100`.
pub fn percent_of(part: &Bounded, whole: &Bounded) -> Result<Bounded, ArithError> {
    part.checked_div(whole)?.checked_mul(&hundred())
}

/// The shares a part inside its whole can have, for a metric that cannot be
/// negative (revenue): from 0% to 100%.
fn possible_share() -> Bounded {
    // Closed, with its point inside: cannot fail.
    Bounded::closed(Decimal::ONE, Decimal::ZERO, Decimal::ONE_HUNDRED).unwrap_or_else(|_| hundred())
}

/// `part / whole × 100` of a part inside its whole, for a metric that cannot
/// be negative: only the inputs with `0 ≤ part ≤ whole` are possible, so the
/// share is [`percent_of`] cut to [0%, 100%]. `None` when no possible inputs
/// are left (the part exceeds its whole whatever the rounding: the figures
/// are impossible).
///
/// ```
/// use earnings::bounded::Bounded;
/// use earnings::formula::share_within;
/// let part = Bounded::exact("30".parse().unwrap());
/// assert_eq!(share_within(&part, &Bounded::exact("10".parse().unwrap())).unwrap(), None);
/// ```
pub fn share_within(part: &Bounded, whole: &Bounded) -> Result<Option<Bounded>, ArithError> {
    Ok(percent_of(part, whole)?.intersect(&possible_share()))
}

/// The shares a claim allows: with `inside` (a part inside its whole, of a
/// metric that cannot be negative) only those from 0% to 100%, `None` when
/// none is; otherwise all of them.
fn allowed_share(percent: &Bounded, inside: bool) -> Option<Bounded> {
    if inside {
        percent.intersect(&possible_share())
    } else {
        Some(*percent)
    }
}

/// The whole a share implies for a known part. `inside` says the part lies
/// inside its whole and cannot be negative (revenue): then only shares up to
/// 100% are possible, and the whole is never below the part; `None` when
/// the share cannot be one (above 100% throughout). A metric that can be
/// negative (a profit) is not forced above its part.
pub fn whole_from_share(
    part: &Bounded,
    percent: &Bounded,
    inside: bool,
) -> Result<Option<Bounded>, ArithError> {
    let Some(percent) = allowed_share(percent, inside) else {
        return Ok(None);
    };
    let whole = part.checked_div(&percent.checked_div(&hundred())?)?;
    if inside && part.is_positive() {
        // A part can never exceed its whole.
        return Ok(whole.at_least(part.low()));
    }
    Ok(Some(whole))
}

/// The part a share implies for a known whole; with `inside` (a part inside
/// its whole, of a metric that cannot be negative), only shares from 0% to
/// 100% are possible (`None` when the share cannot be one).
pub fn part_from_share(
    whole: &Bounded,
    percent: &Bounded,
    inside: bool,
) -> Result<Option<Bounded>, ArithError> {
    let Some(percent) = allowed_share(percent, inside) else {
        return Ok(None);
    };
    whole
        .checked_mul(&percent.checked_div(&hundred())?)
        .map(Some)
}

/// A flow annualized: `figure × periods per year`.
pub fn run_rate(figure: &Bounded, per_year: Decimal) -> Result<Bounded, ArithError> {
    figure.checked_scale(per_year)
}

/// The flow a run-rate implies for one period.
pub fn figure_from_run_rate(run_rate: &Bounded, per_year: Decimal) -> Result<Bounded, ArithError> {
    run_rate.checked_div(&Bounded::exact(per_year))
}

/// `of / base`.
pub fn multiple(of: &Bounded, base: &Bounded) -> Result<Bounded, ArithError> {
    of.checked_div(base)
}

/// Compound growth per step that turns 1 into `multiple` over `steps`
/// steps: `multiple^(1/steps) − 1`, in percent. The multiple must be
/// positive; a multiple unbounded above gives growth unbounded above.
///
/// ```
/// use earnings::bounded::{Bounded, Endpoint};
/// use earnings::formula::compound_growth;
/// // "more than 10 times" over six months: more than 46.78% a month.
/// let ten = "10".parse().unwrap();
/// let more_than_ten = Bounded::new(ten, Endpoint::Open(ten), Endpoint::Unbounded).unwrap();
/// let monthly = compound_growth(&more_than_ten, "6".parse().unwrap()).unwrap();
/// assert_eq!(monthly.point().round_dp(2).to_string(), "46.78");
/// ```
pub fn compound_growth(multiple: &Bounded, steps: Decimal) -> Result<Bounded, ArithError> {
    if steps <= Decimal::ZERO {
        return Err(ArithError::Domain("growth over no time"));
    }
    let factor = multiple.checked_root(steps)?;
    factor
        .checked_sub(&Bounded::exact(Decimal::ONE))?
        .checked_mul(&hundred())
}

/// The multiple a growth rate per step gives over `steps` steps.
pub fn multiple_from_growth(percent: &Bounded, steps: Decimal) -> Result<Bounded, ArithError> {
    let factor = Bounded::exact(Decimal::ONE).checked_add(&percent.checked_div(&hundred())?)?;
    factor.checked_powd(steps)
}

/// Steps needed to double at a growth rate per step: `ln 2 / ln(1 + g)`.
/// `None` when the rate can be zero or negative (it never doubles).
pub fn doubling_time(percent: &Bounded) -> Result<Option<Bounded>, ArithError> {
    if !percent.is_positive() {
        return Ok(None);
    }
    let factor = Bounded::exact(Decimal::ONE).checked_add(&percent.checked_div(&hundred())?)?;
    let ln_factor = factor.checked_ln()?;
    let ln_two = Bounded::exact(Decimal::TWO).checked_ln()?;
    ln_two.checked_div(&ln_factor).map(Some)
}

/// A multiple of at least zero: a count or an amount cannot shrink below
/// nothing, so growth is bounded below by −100%.
pub fn floor_at_minus_hundred(percent: Bounded) -> Bounded {
    percent
        .at_least(Endpoint::Closed(-Decimal::ONE_HUNDRED))
        .unwrap_or(percent)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn closed(point: &str, low: &str, high: &str) -> Bounded {
        Bounded::closed(d(point), d(low), d(high)).unwrap()
    }

    fn exact(v: &str) -> Bounded {
        Bounded::exact(d(v))
    }

    #[test]
    fn yoy_is_not_meaningful_across_zero_or_a_sign_flip() {
        // (table: current, prior, expected percent or n/m)
        let cases = [
            ("110", "100", Some("10")),
            ("-5", "-10", Some("50")),
            ("-17.3", "37.43", None),
            ("10", "0", None),
            ("0", "10", None),
            ("-10", "-5", Some("-100")),
        ];
        for (current, prior, expected) in cases {
            let got = yoy_percent(&exact(current), &exact(prior)).unwrap();
            assert_eq!(
                got.map(|b| b.point().normalize().to_string()),
                expected.map(String::from),
                "{current} vs {prior}"
            );
        }
        let straddling = closed("0", "-1", "1");
        assert_eq!(yoy_percent(&exact("5"), &straddling).unwrap(), None);
    }

    #[test]
    fn yoy_solves_both_ways() {
        // 102.1 bn down 19%: prior = 102.1 / 0.81 = 126.05; with 102.05..102.15 and
        // −19.5..−18.5 it is 102.05/0.815 = 125.21 to 102.15/0.805 = 126.89.
        let current = closed("102.1", "102.05", "102.15");
        let change = closed("-19", "-19.5", "-18.5");
        let prior = prior_from_yoy(&current, &change).unwrap().unwrap();
        assert_eq!(prior.low().value().unwrap().round_dp(2), d("125.21"));
        assert_eq!(prior.high().value().unwrap().round_dp(2), d("126.89"));
        let back = current_from_yoy(&exact("100"), &exact("-19"))
            .unwrap()
            .unwrap();
        assert_eq!(back.point().normalize(), d("81"));
        // A loss that narrowed by half: −5 now, −10 before.
        let prior = prior_from_yoy(&exact("-5"), &exact("50")).unwrap().unwrap();
        assert_eq!(prior.point().normalize(), d("-10"));
        // −100% or worse leaves no prior to speak of.
        assert_eq!(prior_from_yoy(&exact("5"), &exact("-100")).unwrap(), None);
        assert_eq!(
            prior_from_yoy(&closed("0", "-1", "1"), &exact("5")).unwrap(),
            None
        );
    }

    #[test]
    fn an_implied_whole_is_never_below_its_part() {
        // Part 10, share at least 5%: the whole is at most 200 and at least 10.
        let share = Bounded::new(d("5"), Endpoint::Closed(d("5")), Endpoint::Unbounded).unwrap();
        let whole = whole_from_share(&exact("10"), &share, true)
            .unwrap()
            .unwrap();
        assert_eq!(whole.high(), Endpoint::Closed(d("200")));
        assert_eq!(whole.low(), Endpoint::Closed(d("10")));
    }

    #[test]
    fn growth_and_doubling() {
        // (30/10)^(1/6) − 1 = 20.0937% a month; doubling: ln 2 / ln 1.200937 = 3.7856 months.
        let monthly = compound_growth(&exact("3"), d("6")).unwrap();
        assert_eq!(monthly.point().round_dp(4), d("20.0937"));
        let doubling = doubling_time(&monthly).unwrap().unwrap();
        assert_eq!(doubling.point().round_dp(2), d("3.79"));
        assert_eq!(doubling_time(&exact("0")).unwrap(), None);
        assert_eq!(doubling_time(&exact("-5")).unwrap(), None);
        let back = multiple_from_growth(&monthly, d("6")).unwrap();
        assert!(back.contains(d("3")));
        assert!(compound_growth(&exact("3"), Decimal::ZERO).is_err());
    }
}

#[cfg(test)]
mod props;
