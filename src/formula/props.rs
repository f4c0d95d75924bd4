//! Property tests of every formula: soundness (the result on sampled points
//! of the inputs, ends and interior, lies inside the result on the whole
//! intervals) and tightness (each end of the result is reached, to within
//! rounding, by some allowed inputs: the extremes over the inputs' corners,
//! cut to what the formula allows).

use super::*;
use proptest::prelude::*;

/// A closed interval from a centre and a relative half-width.
fn around(centre: Decimal, spread_percent: u32) -> Bounded {
    let half = (centre * Decimal::new(i64::from(spread_percent), 2)).abs();
    Bounded::closed(centre, centre - half, centre + half).unwrap()
}

/// Positive intervals: centre 0.01 to 10^6, half-width up to 60%.
fn positive() -> impl Strategy<Value = Bounded> {
    (1i64..100_000_000, 0u32..=2, 0u32..=60)
        .prop_map(|(m, scale, spread)| around(Decimal::new(m, scale), spread))
}

/// Negative intervals.
fn negative() -> impl Strategy<Value = Bounded> {
    positive().prop_map(|b| b.neg())
}

/// Percentages from −95% to 500%, half-width up to 3 points.
fn rate() -> impl Strategy<Value = Bounded> {
    (-950i64..5_000, 0u32..=30).prop_map(|(m, spread)| {
        let centre = Decimal::new(m, 1);
        let half = Decimal::new(i64::from(spread), 1);
        Bounded::closed(centre, centre - half, centre + half).unwrap()
    })
}

/// Shares from 0.1% to 150% (beyond 100% to exercise the cut).
fn share() -> impl Strategy<Value = Bounded> {
    (1i64..1_500, 0u32..=60).prop_map(|(m, spread)| around(Decimal::new(m, 1), spread))
}

fn low(b: &Bounded) -> Decimal {
    b.low().value().unwrap()
}

fn high(b: &Bounded) -> Decimal {
    b.high().value().unwrap()
}

/// Ends and three interior points of a closed interval.
fn samples(b: &Bounded) -> Vec<Decimal> {
    let (l, h) = (low(b), high(b));
    let step = (h - l) / Decimal::from(4);
    (0..=4).map(|k| l + step * Decimal::from(k)).collect()
}

fn corners(b: &Bounded) -> Vec<Decimal> {
    vec![low(b), high(b)]
}

/// Every combination of one value per input.
fn product(sets: &[Vec<Decimal>]) -> Vec<Vec<Decimal>> {
    let mut all: Vec<Vec<Decimal>> = vec![Vec::new()];
    for set in sets {
        all = all
            .iter()
            .flat_map(|prefix| {
                set.iter().map(move |x| {
                    let mut next = prefix.clone();
                    next.push(*x);
                    next
                })
            })
            .collect();
    }
    all
}

/// Within rounding: a relative 10^-12, at least 10^-12.
fn near(a: Decimal, b: Decimal) -> bool {
    let scale = a.abs().max(b.abs()).max(Decimal::ONE);
    (a - b).abs() <= scale * Decimal::new(1, 12)
}

/// Checks soundness and tightness of `f` on `inputs`; `cut` is the range
/// the formula is cut to (`None`: no cut), and `uncut` the formula before
/// the cut, evaluated on points.
fn check_cut(
    f: impl Fn(&[Bounded]) -> Option<Bounded>,
    uncut: impl Fn(&[Bounded]) -> Option<Bounded>,
    inputs: &[Bounded],
    cut: Option<(Decimal, Decimal)>,
) -> Result<(), TestCaseError> {
    let Some(whole) = f(inputs) else {
        return Ok(());
    };
    let at = |points: &[Decimal]| -> Option<Decimal> {
        let exact: Vec<Bounded> = points.iter().map(|p| Bounded::exact(*p)).collect();
        uncut(&exact).map(|r| r.point())
    };
    // Soundness: sampled points (inside the cut) land inside.
    let sets: Vec<Vec<Decimal>> = inputs.iter().map(samples).collect();
    for points in product(&sets) {
        if let Some(value) = at(&points) {
            let allowed = cut.is_none_or(|(lo, hi)| value >= lo && value <= hi);
            if allowed {
                prop_assert!(
                    whole.contains(value) || near(value, low(&whole)) || near(value, high(&whole)),
                    "{points:?} gives {value}, outside {whole:?}"
                );
            }
        }
    }
    // Tightness: the ends are the extremes over the corners, cut.
    let sets: Vec<Vec<Decimal>> = inputs.iter().map(corners).collect();
    let values: Vec<Decimal> = product(&sets).iter().filter_map(|p| at(p)).collect();
    let (Some(mut lo), Some(mut hi)) = (values.iter().min().copied(), values.iter().max().copied())
    else {
        return Ok(());
    };
    if let Some((c_lo, c_hi)) = cut {
        lo = lo.clamp(c_lo, c_hi);
        hi = hi.clamp(c_lo, c_hi);
    }
    prop_assert!(near(low(&whole), lo), "low {:?} against {lo}", whole.low());
    prop_assert!(
        near(high(&whole), hi),
        "high {:?} against {hi}",
        whole.high()
    );
    Ok(())
}

/// [`check_cut`] of a formula without a cut.
fn check(
    f: impl Fn(&[Bounded]) -> Option<Bounded> + Copy,
    inputs: &[Bounded],
    cut: Option<(Decimal, Decimal)>,
) -> Result<(), TestCaseError> {
    check_cut(f, f, inputs, cut)
}

fn two(v: &[Bounded]) -> (&Bounded, &Bounded) {
    (&v[0], &v[1])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn yoy_of_positive_figures(current in positive(), prior in positive()) {
        check(|v| { let (c, p) = two(v); yoy_percent(c, p).unwrap() }, &[current, prior], None)?;
    }

    #[test]
    fn yoy_of_negative_figures(current in negative(), prior in negative()) {
        check(|v| { let (c, p) = two(v); yoy_percent(c, p).unwrap() }, &[current, prior], None)?;
    }

    #[test]
    fn prior_from_a_change(current in positive(), change in rate()) {
        check(|v| { let (c, r) = two(v); prior_from_yoy(c, r).unwrap() }, &[current, change], None)?;
    }

    #[test]
    fn prior_loss_from_a_change(current in negative(), change in rate()) {
        check(|v| { let (c, r) = two(v); prior_from_yoy(c, r).unwrap() }, &[current, change], None)?;
    }

    #[test]
    fn current_from_a_change(prior in positive(), change in rate()) {
        check(|v| { let (p, r) = two(v); current_from_yoy(p, r).unwrap() }, &[prior, change], None)?;
    }

    #[test]
    fn current_loss_from_a_change(prior in negative(), change in rate()) {
        check(|v| { let (p, r) = two(v); current_from_yoy(p, r).unwrap() }, &[prior, change], None)?;
    }

    #[test]
    fn percent_of_a_base(part in positive(), whole in positive()) {
        check(|v| { let (a, b) = two(v); percent_of(a, b).ok() }, &[part, whole], None)?;
    }

    #[test]
    fn share_of_a_whole_containing_the_part(part in positive(), whole in positive()) {
        let cut = Some((Decimal::ZERO, Decimal::ONE_HUNDRED));
        check_cut(
            |v| { let (a, b) = two(v); share_within(a, b).unwrap() },
            |v| { let (a, b) = two(v); percent_of(a, b).ok() },
            &[part, whole],
            cut,
        )?;
    }

    #[test]
    fn whole_from_a_share(part in positive(), percent in share()) {
        check(|v| { let (a, s) = two(v); whole_from_share(a, s, false).unwrap() }, &[part, percent], None)?;
        // Inside its whole, only shares up to 100% are possible.
        let Some(possible) = percent.intersect(&possible_share()) else { return Ok(()); };
        check(|v| { let (a, s) = two(v); whole_from_share(a, s, true).unwrap() }, &[part, possible], None)?;
        let direct = whole_from_share(&part, &percent, true).unwrap().unwrap();
        prop_assert!(direct.low().value().unwrap() >= low(&part));
    }

    #[test]
    fn part_from_a_share(whole in positive(), percent in share()) {
        check(|v| { let (w, s) = two(v); part_from_share(w, s, false).unwrap() }, &[whole, percent], None)?;
        if let Some(part) = part_from_share(&whole, &percent, true).unwrap() {
            prop_assert!(part.high().value().unwrap() <= high(&whole));
        }
    }

    #[test]
    fn run_rate_and_back(figure in positive(), per_year in prop::sample::select(vec![1i64, 2, 3, 4, 6, 12])) {
        let per_year = Decimal::from(per_year);
        check(|v| run_rate(&v[0], per_year).ok(), &[figure], None)?;
        check(|v| figure_from_run_rate(&v[0], per_year).ok(), &[figure], None)?;
    }

    #[test]
    fn multiple_of_a_base(of in positive(), base in positive()) {
        check(|v| { let (a, b) = two(v); multiple(a, b).ok() }, &[of, base], None)?;
    }

    #[test]
    fn growth_from_a_multiple(of in positive(), steps in 1i64..36) {
        let steps = Decimal::from(steps);
        check(|v| compound_growth(&v[0], steps).ok(), &[of], None)?;
    }

    #[test]
    fn multiple_from_a_growth_rate(percent in rate(), steps in 1i64..12) {
        let steps = Decimal::from(steps);
        check(|v| multiple_from_growth(&v[0], steps).ok(), &[percent], None)?;
    }

    #[test]
    fn doubling_at_a_growth_rate(percent in share()) {
        check(|v| doubling_time(&v[0]).ok().flatten(), &[percent], None)?;
    }

    #[test]
    fn floored_at_minus_hundred(percent in rate()) {
        let cut = Some((-Decimal::ONE_HUNDRED, Decimal::MAX));
        check_cut(|v| Some(floor_at_minus_hundred(v[0])), |v| Some(v[0]), &[percent], cut)?;
    }

    #[test]
    fn four_quarters_summed(a in positive(), b in negative(), c in positive(), d in positive()) {
        check(|v| sum(v).ok(), &[a, b, c, d], None)?;
    }

    #[test]
    fn a_year_plus_the_year_to_date_less_a_year_earlier(
        year in positive(), now in positive(), before in positive()
    ) {
        check(|v| ttm_from_year(&v[0], &v[1], &v[2]).ok(), &[year, now, before], None)?;
    }

    #[test]
    fn a_quarter_from_the_trailing_twelve_months(
        ttm in positive(), a in positive(), b in positive(), c in negative()
    ) {
        check(|v| quarter_from_ttm(&v[0], &v[1..]).ok(), &[ttm, a, b, c], None)?;
    }

    #[test]
    fn quarter_over_quarter(now in positive(), before in positive()) {
        check(|v| qoq_percent(&v[0], &v[1]).ok().flatten(), &[now, before], None)?;
    }
}

#[test]
fn the_issue_examples_are_tight() {
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    let rounded = |v: &str, l: &str, h: &str| Bounded::closed(d(v), d(l), d(h)).unwrap();
    // 1 against 2 billion, rounded: −80% to 0%, so "down 120%" is ruled out.
    let change = yoy_percent(&rounded("1", "0.5", "1.5"), &rounded("2", "1.5", "2.5"))
        .unwrap()
        .unwrap();
    assert_eq!(change.low().value().unwrap().normalize(), d("-80"));
    assert_eq!(change.high().value().unwrap().normalize(), d("0"));
    // 300% of a whole that contains the part cannot be.
    assert_eq!(
        share_within(&Bounded::exact(d("3")), &Bounded::exact(d("1"))).unwrap(),
        None
    );
}

/// A part whose interval reaches past its whole's by less than a unit (the
/// share is possible only in that sliver), once drawn by the share property.
#[test]
fn a_part_barely_inside_its_whole_is_sound_and_tight() {
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    let part = Bounded::closed(d("5916884"), d("2485091.28"), d("9348676.72")).unwrap();
    let whole = Bounded::closed(d("1562951"), d("640809.91"), d("2485092.09")).unwrap();
    let cut = Some((Decimal::ZERO, Decimal::ONE_HUNDRED));
    let share = |v: &[Bounded]| share_within(&v[0], &v[1]).unwrap();
    let percent = |v: &[Bounded]| percent_of(&v[0], &v[1]).ok();
    check_cut(share, percent, &[part, whole], cut).unwrap();
    check(percent, &[part, whole], None).unwrap();
}
