use super::*;

fn r(text: &str) -> Reference {
    text.parse().unwrap()
}

fn exact(v: i64) -> Bounded {
    Bounded::exact(Decimal::from(v))
}

fn every_kind() -> Vec<Relation> {
    let expr = crate::eval::parse("acme.revenue@FY2026 / acme.revenue@FY2025").unwrap();
    vec![
        Relation::Level {
            of: r("acme.revenue@FY2026"),
        },
        Relation::Yoy {
            of: r("acme.revenue@FY2026"),
        },
        Relation::Share {
            of: r("acme-cloud.revenue@FY2026"),
            whole: r("acme.revenue@FY2026"),
        },
        Relation::RunRate {
            of: r("acme.revenue@FY2026-Q4"),
        },
        Relation::Multiple {
            of: r("acme.revenue@FY2026"),
            base: r("acme.revenue@FY2024"),
        },
        Relation::Margin {
            of: r("acme.net_profit@FY2026"),
            over: "revenue".to_string(),
        },
        Relation::Expr {
            of: r("acme.revenue@FY2026"),
            expr,
        },
    ]
}

#[test]
fn each_kind_solved_for_each_figure_computes_back_to_the_claim() {
    // Figures 30 and 120 (in figures() order); the claim is what they compute to.
    for relation in every_kind() {
        let figures: Vec<Bounded> = [30, 120]
            .into_iter()
            .take(relation.figures().len())
            .map(exact)
            .collect();
        let claimed = match relation.compute(&figures) {
            Ok(claimed) => claimed,
            Err(NotComputed::Expression) => continue,
            Err(e) => panic!("{relation}: {e:?}"),
        };
        for unknown in 0..figures.len() {
            let known: Vec<Bounded> = (0..figures.len())
                .filter(|&i| i != unknown)
                .map(|i| figures[i])
                .collect();
            let solved = relation
                .solve(&claimed, unknown, &known)
                .unwrap()
                .unwrap_or_else(|| panic!("{relation}: figure {unknown} not solved"));
            assert!(
                solved.value.contains(figures[unknown].point()),
                "{relation}: figure {unknown} solved as {:?} by {}",
                solved.value,
                solved.formula
            );
        }
    }
}

#[test]
fn an_expression_is_neither_computed_nor_solved_here() {
    let expr = every_kind().pop().unwrap();
    assert_eq!(
        expr.compute(&[exact(1), exact(2)]),
        Err(NotComputed::Expression)
    );
    assert_eq!(expr.solve(&exact(1), 0, &[exact(2)]).unwrap(), None);
    assert_eq!(expr.unit_mismatch(&Unit::Percent, []), None);
}

#[test]
fn each_kind_reads_as_check_and_verify_print_it() {
    let texts: Vec<(String, String)> = every_kind()
        .iter()
        .map(|k| (k.to_string(), k.brief()))
        .collect();
    let expected = [
        ("level acme.revenue@FY2026", "acme.revenue@FY2026"),
        ("yoy acme.revenue@FY2026", "acme.revenue@FY2026"),
        (
            "share acme-cloud.revenue@FY2026 of acme.revenue@FY2026",
            "acme-cloud.revenue@FY2026 / acme.revenue@FY2026",
        ),
        ("run_rate acme.revenue@FY2026-Q4", "acme.revenue@FY2026-Q4"),
        (
            "multiple acme.revenue@FY2026 over acme.revenue@FY2024",
            "acme.revenue@FY2026 / acme.revenue@FY2024",
        ),
        (
            "margin acme.net_profit@FY2026 over revenue",
            "acme.net_profit@FY2026 / acme.revenue@FY2026",
        ),
        (
            "expr acme.revenue@FY2026 / acme.revenue@FY2025",
            "acme.revenue@FY2026 / acme.revenue@FY2025",
        ),
    ];
    for ((display, brief), (want_display, want_brief)) in texts.iter().zip(expected) {
        assert_eq!(
            (display.as_str(), brief.as_str()),
            (want_display, want_brief)
        );
    }
}

#[test]
fn units_a_kind_is_stated_in() {
    let kinds = every_kind();
    assert_eq!(kinds[2].check_unit(&Unit::Percent), Ok(()));
    assert_eq!(
        kinds[4].check_unit(&Unit::Percent).unwrap_err(),
        "a multiple claim is stated in multiple, not percent"
    );
    assert_eq!(
        kinds[5].check_unit(&Unit::Ratio).unwrap_err(),
        "a margin claim is stated in percent, not ratio"
    );
    assert_eq!(kinds[0].check_unit(&Unit::Ratio), Ok(()));
}

#[test]
fn figures_in_units_that_do_not_meet() {
    let (cny, usd) = (Unit::Currency("CNY".into()), Unit::Currency("USD".into()));
    let level = Relation::Level {
        of: r("acme.revenue@FY2026"),
    };
    let figure = r("acme.revenue@FY2026");
    assert_eq!(
        level.unit_mismatch(&cny, [(&figure, &usd)]).as_deref(),
        Some("the claim is in CNY but acme.revenue@FY2026 is in USD (no conversion is assumed)")
    );
    let share = &every_kind()[2];
    let [part, whole] = [r("acme-cloud.revenue@FY2026"), r("acme.revenue@FY2026")];
    assert_eq!(
        share.unit_mismatch(&Unit::Percent, [(&part, &cny), (&whole, &cny)]),
        None
    );
    assert_eq!(
        share
            .unit_mismatch(&Unit::Percent, [(&part, &cny), (&whole, &Unit::Percent)])
            .as_deref(),
        Some(
            "the figures are in different units: CNY and percent for acme.revenue@FY2026 (they cannot be compared)"
        )
    );
}

#[test]
fn growth_between_two_times() {
    let kinds = every_kind();
    let yoy = kinds[1].growth().unwrap();
    assert_eq!(yoy.from, r("acme.revenue@FY2025"));
    assert_eq!(
        yoy.multiple(&exact(25))
            .unwrap()
            .point()
            .normalize()
            .to_string(),
        "1.25"
    );
    let multiple = kinds[4].growth().unwrap();
    assert_eq!(multiple.from, r("acme.revenue@FY2024"));
    assert_eq!(multiple.multiple(&exact(3)).unwrap(), exact(3));
    assert!(kinds[2].growth().is_none());
    // A multiple between two entities, two metrics or one period is a
    // ratio, never a growth rate.
    for (of, base) in [
        ("acme-ai.revenue@FY2026", "acme-cloud.revenue@FY2025"),
        ("acme.revenue@FY2026", "acme.net_profit@FY2025"),
        ("acme.revenue@FY2026", "acme.revenue@FY2026"),
    ] {
        let ratio = Relation::Multiple {
            of: r(of),
            base: r(base),
        };
        assert!(ratio.growth().is_none(), "{of} over {base}");
    }
}

#[test]
fn qoq_and_ttm_solved_for_each_figure_compute_back_to_the_claim() {
    let qoq = Relation::Qoq {
        of: r("acme.revenue@FY2026-Q1"),
    };
    let ttm = Relation::Ttm {
        of: r("acme.revenue@FY2026-Q2"),
    };
    let named: Vec<String> = ttm.figures().iter().map(ToString::to_string).collect();
    assert_eq!(
        named,
        [
            "acme.revenue@FY2026-Q2",
            "acme.revenue@FY2026-Q1",
            "acme.revenue@FY2025-Q4",
            "acme.revenue@FY2025-Q3"
        ]
    );
    assert_eq!(qoq.figures()[1], r("acme.revenue@FY2025-Q4"));
    for (relation, values) in [(qoq, vec![120, 100]), (ttm, vec![30, 28, 25, 21])] {
        let figures: Vec<Bounded> = values.into_iter().map(exact).collect();
        let claimed = relation.compute(&figures).unwrap();
        for unknown in 0..figures.len() {
            let known: Vec<Bounded> = (0..figures.len())
                .filter(|&i| i != unknown)
                .map(|i| figures[i])
                .collect();
            let solved = relation.solve(&claimed, unknown, &known).unwrap().unwrap();
            assert_eq!(
                solved.value.point().normalize(),
                figures[unknown].point(),
                "{relation}, figure {unknown}"
            );
        }
    }
}

#[test]
fn qoq_and_ttm_need_a_quarter_and_ttm_a_flow() {
    let year = Relation::Qoq {
        of: r("acme.revenue@FY2026"),
    };
    assert!(year.uncomputable().unwrap().contains("not a quarter"));
    let arr = Relation::Ttm {
        of: r("acme.cloud_arr@FY2026-Q2"),
    };
    assert!(arr.uncomputable().unwrap().contains("not a flow"));
    let fine = Relation::Ttm {
        of: r("acme.revenue@FY2026-Q2"),
    };
    assert_eq!(fine.uncomputable(), None);
    assert_eq!(ClaimKind::Qoq.unit(), Some(Unit::Percent));
    assert_eq!(ClaimKind::Ttm.unit(), None);
}

#[test]
fn a_year_to_date_is_the_one_before_plus_the_quarter_and_solves_both_ways() {
    let q4 = Relation::Ytd {
        of: r("acme.revenue@FY2024-Q4"),
    };
    let names: Vec<String> = q4.figures().iter().map(ToString::to_string).collect();
    assert_eq!(
        names,
        [
            "acme.revenue@FY2024-Q4",
            "acme.revenue@FY2024-Q1..FY2024-Q3"
        ]
    );
    let q2 = Relation::Ytd {
        of: r("acme.revenue@FY2024-Q2"),
    };
    let names: Vec<String> = q2.figures().iter().map(ToString::to_string).collect();
    assert_eq!(names, ["acme.revenue@FY2024-Q2", "acme.revenue@FY2024-Q1"]);
    // The year 101,875 less nine months of 75,555: a fourth quarter of 26,320.
    let year = exact(101_875);
    let fourth = q4.solve(&year, 0, &[exact(75_555)]).unwrap().unwrap();
    assert_eq!(fourth.value, exact(26_320));
    assert_eq!(fourth.formula, "year to date − the year to date before");
    let nine = q4.solve(&year, 1, &[exact(26_320)]).unwrap().unwrap();
    assert_eq!(nine.value, exact(75_555));
    assert_eq!(q4.compute(&[exact(26_320), exact(75_555)]), Ok(year));
    assert_eq!(q4.to_string(), "ytd acme.revenue@FY2024-Q4");
    // No year to date before a first quarter, nor of a year or a stock.
    for of in [
        "acme.revenue@FY2024-Q1",
        "acme.revenue@FY2024",
        "acme.arr@FY2024-Q2",
    ] {
        assert!(Relation::Ytd { of: r(of) }.uncomputable().is_some(), "{of}");
    }
}
