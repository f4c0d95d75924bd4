//! Evaluation: units, bounds through every operator, functions against the
//! fixed metrics, unknown figures with suggestions, and the parser under
//! random input.

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::*;
use crate::dataset::{Dataset, Input};
use crate::metrics::{self, Kind};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// A small dataset: Acme (USD, year ending 06-30) and its cloud segment.
fn acme() -> Dataset {
    let doc = r#"{"format": "earnings-dataset/1",
      "sources": {"f": {"title": "Filing", "kind": "filing"},
                  "p": {"title": "Paper", "kind": "press"}},
      "entities": {"acme": {"name": "Acme", "currency": "USD", "fiscal_year_end": "06-30"},
                   "acme-cloud": {"name": "Acme Cloud", "parent": "acme"},
                   "euro": {"name": "Euro Co", "currency": "EUR"}},
      "facts": [
        {"entity": "acme", "metric": "revenue", "period": "FY2026", "value": "200", "unit": "USD", "bound": "exact", "source": "f", "at": "p. 1"},
        {"entity": "acme", "metric": "revenue", "period": "FY2025", "value": "160", "unit": "USD", "bound": "exact", "source": "f", "at": "p. 1"},
        {"entity": "acme", "metric": "revenue", "period": "FY2024", "value": "100", "unit": "USD", "bound": "exact", "source": "f", "at": "p. 1"},
        {"entity": "acme", "metric": "net_profit", "period": "FY2026", "value": "20", "unit": "USD", "source": "f", "at": "p. 2"},
        {"entity": "acme", "metric": "net_profit", "period": "FY2025", "value": "-10", "unit": "USD", "source": "f", "at": "p. 2"},
        {"entity": "acme", "metric": "revenue", "period": "FY2026-Q4", "value": "55", "unit": "USD", "bound": "exact", "source": "f", "at": "p. 3"},
        {"entity": "acme", "metric": "gross_margin", "period": "FY2026", "value": "40", "unit": "percent", "source": "f", "at": "p. 4"},
        {"entity": "acme", "metric": "orders", "period": "FY2026", "value": "4", "scale": "million", "unit": "orders", "bound": "exact", "source": "f", "at": "p. 5"},
        {"entity": "acme", "metric": "arr", "period": "FY2026-Q4", "value": "30", "unit": "USD", "status": "target", "source": "p", "at": "p. 6"},
        {"entity": "acme", "metric": "cash", "period": "2026-06-30", "value": "0", "unit": "USD", "bound": "rounded", "source": "f", "at": "p. 7"},
        {"entity": "acme-cloud", "metric": "revenue", "period": "FY2026", "value": "50", "unit": "USD", "bound": "exact", "source": "f", "at": "p. 8"},
        {"entity": "acme-cloud", "metric": "operating_income", "period": "FY2025", "value": "5", "unit": "USD", "source": "f", "at": "p. 8"},
        {"entity": "euro", "metric": "revenue", "period": "FY2026", "value": "70", "unit": "EUR", "bound": "exact", "source": "f", "at": "p. 9"}
      ]}"#;
    Dataset::load(&[Input {
        name: "acme.json",
        bytes: doc.as_bytes(),
    }])
    .unwrap()
}

fn run(data: &Dataset, text: &str) -> Result<Evaluation, EvalError> {
    let figures = Figures::build(data).unwrap();
    let env = FiguresEnvironment {
        figures: &figures,
        basis: Basis::MostTrusted,
    };
    let expression = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    evaluate(&expression, &env)
}

/// The value of an expression on [`acme`]: its interval and unit.
fn value(text: &str) -> (Bounded, Dimension) {
    let result = run(&acme(), text).unwrap_or_else(|e| panic!("{text}: {e}"));
    match result.value.amount {
        Amount::Known(b) => (b, result.value.unit),
        Amount::NotMeaningful(r) => panic!("{text}: {r}"),
    }
}

/// The error of an expression on [`acme`]: message, 1-based column, class.
fn failure(text: &str) -> (String, usize, ErrorClass) {
    let e = run(&acme(), text).expect_err(text);
    (e.message, e.span.start + 1, e.class)
}

fn ends(b: &Bounded) -> (Endpoint, Endpoint) {
    (b.low(), b.high())
}

#[test]
fn precedence_evaluates_as_written() {
    let cases = [
        ("1 + 2 * 3", "7"),
        ("(1 + 2) * 3", "9"),
        ("-2 * 3", "-6"),
        ("2 * -3", "-6"),
        ("- -2", "2"),
        ("8 / 4 / 2", "1"),
        ("2 - 3 - 4", "-5"),
        ("2 − 3 × 4 ÷ 8", "0.5"),
        ("10 - (2 - 3)", "11"),
    ];
    for (text, expected) in cases {
        let (b, unit) = value(text);
        assert!(b.is_exact(), "{text}");
        assert_eq!(b.point().normalize(), d(expected), "{text}");
        assert_eq!(unit, Dimension::Number, "{text}");
    }
}

#[test]
fn literals_become_intervals() {
    use Endpoint::{Closed, Open, Unbounded};
    let (b, unit) = value(">30%");
    assert_eq!(
        (ends(&b), b.point(), unit),
        ((Open(d("30")), Unbounded), d("30"), Dimension::Percent)
    );
    assert_eq!(ends(&value("≥30%").0), (Closed(d("30")), Unbounded));
    assert_eq!(ends(&value("<5").0), (Unbounded, Open(d("5"))));
    assert_eq!(ends(&value("<=5").0), (Unbounded, Closed(d("5"))));
    assert_eq!(
        ends(&value("~19%").0),
        (Closed(d("18.05")), Closed(d("19.95")))
    );
    assert_eq!(ends(&value("≈-20").0), (Closed(d("-21")), Closed(d("-19"))));
    assert_eq!(ends(&value(">-5%").0), (Open(d("-5")), Unbounded));
    let (b, unit) = value("2.5bn");
    assert_eq!(
        (b, unit),
        (Bounded::exact(d("2500000000")), Dimension::Number)
    );
    let (b, unit) = value("300m USD");
    assert_eq!(
        (b.point().normalize(), unit),
        (d("300000000"), Dimension::Money("USD".into()))
    );
    assert_eq!(value("1.2tn").0.point().normalize(), d("1200000000000"));
    assert_eq!(value("10k").0.point().normalize(), d("10000"));
    assert_eq!(value("3yi").0.point().normalize(), d("300000000"));
    // A bare number is exact, whatever its digits.
    assert!(value("102.1").0.is_exact());
    assert_eq!(value("1.5x").1, Dimension::Multiple);
}

#[test]
fn bounds_carry_through_every_operator() {
    use Endpoint::{Closed, Open, Unbounded};
    let cases: [(&str, (Endpoint, Endpoint)); 14] = [
        (">30% + 10%", (Open(d("40")), Unbounded)),
        (">30% - 10%", (Open(d("20")), Unbounded)),
        ("10% - >30%", (Unbounded, Open(d("-20")))),
        (">30% * 2", (Open(d("60")), Unbounded)),
        ("2 * <5", (Unbounded, Open(d("10")))),
        ("-2 * <5", (Open(d("-10")), Unbounded)),
        ("100 / >10", (Open(d("0")), Open(d("10")))),
        (">10 / 2", (Open(d("5")), Unbounded)),
        ("-(≥30%)", (Unbounded, Closed(d("-30")))),
        ("~100 * 2", (Closed(d("190")), Closed(d("210")))),
        ("~100 + ~100", (Closed(d("190")), Closed(d("210")))),
        ("~100 - ~100", (Closed(d("-10")), Closed(d("10")))),
        ("1 + >5%", (Open(d("1.05")), Unbounded)),
        ("200 USD * ≤30%", (Unbounded, Closed(d("60")))),
    ];
    for (text, expected) in cases {
        assert_eq!(ends(&value(text).0), expected, "{text}");
    }
    // A stated figure's rounding carries through: 20 allows [19.5, 20.5].
    let (b, _) = value("acme.net_profit@FY2026 * 2");
    assert_eq!(ends(&b), (Closed(d("39")), Closed(d("41"))));
}

#[test]
fn min_and_max_take_the_ends_apart() {
    use Endpoint::{Closed, Open, Unbounded};
    let cases: [(&str, (Endpoint, Endpoint), &str); 8] = [
        ("min(>30, 40)", (Open(d("30")), Closed(d("40"))), "30"),
        ("max(>30, 40)", (Closed(d("40")), Unbounded), "40"),
        (
            "min(~100, ~110)",
            (Closed(d("95")), Closed(d("105"))),
            "100",
        ),
        (
            "max(~100, ~110)",
            (Closed(d("104.5")), Closed(d("115.5"))),
            "110",
        ),
        ("min(<5, ≤5)", (Unbounded, Open(d("5"))), "5"),
        // Above 5 and at least 5: the larger is above 5.
        ("max(>5, ≥5)", (Open(d("5")), Unbounded), "5"),
        ("min(>5, ≥5)", (Closed(d("5")), Unbounded), "5"),
        ("min(3, 1, 2)", (Closed(d("1")), Closed(d("1"))), "1"),
    ];
    for (text, expected, point) in cases {
        let (b, _) = value(text);
        assert_eq!(
            (ends(&b), b.point().normalize()),
            (expected, d(point)),
            "{text}"
        );
    }
    // A percent meets a number as a ratio.
    assert_eq!(value("max(50%, 0.4)").0.point().normalize(), d("0.5"));
    assert!(
        failure("min(1 USD, 1 EUR)")
            .0
            .contains("cannot compare USD with EUR")
    );
}

#[test]
fn units_combine_or_say_why_not() {
    let usd = Dimension::Money("USD".into());
    let cases: [(&str, &str, Dimension); 14] = [
        ("1 + 5%", "1.05", Dimension::Number),
        ("200 USD * 30%", "60", usd.clone()),
        ("30% * 50%", "15", Dimension::Percent),
        ("30% / 10%", "3", Dimension::Multiple),
        ("1 / 50%", "2", Dimension::Number),
        ("30% * 2", "60", Dimension::Percent),
        (
            "acme.revenue@FY2026 / acme.revenue@FY2025",
            "1.25",
            Dimension::Multiple,
        ),
        (
            "acme.revenue@FY2026 / 7.3",
            "27.397260273972602739726027397",
            usd.clone(),
        ),
        (
            "acme.revenue@FY2026 * 0.5 EUR/USD",
            "100",
            Dimension::Money("EUR".into()),
        ),
        ("euro.revenue@FY2026 / 0.5 EUR/USD", "140", usd.clone()),
        (
            "acme.revenue@FY2026 / acme.orders@FY2026",
            "0.00005",
            usd.clone(),
        ),
        (
            "acme.orders@FY2026 * 2",
            "8000000",
            Dimension::Count("orders".into()),
        ),
        ("acme.gross_margin@FY2026 * acme.revenue@FY2026", "80", usd),
        ("acme.gross_margin@FY2026 - 10%", "30", Dimension::Percent),
    ];
    for (text, expected, unit) in cases {
        let (b, got) = value(text);
        assert_eq!((b.point().normalize(), got), (d(expected), unit), "{text}");
    }
    // (expression, the message contains, 1-based column)
    let refused = [
        (
            "acme.revenue@FY2026 + 30%",
            "cannot add a percent to USD",
            21,
        ),
        (
            "acme.revenue@FY2026 - 2.5bn",
            "give the number its currency, as in 2.5bn USD",
            21,
        ),
        (
            "acme.revenue@FY2026 / euro.revenue@FY2026",
            "dividing USD by EUR needs a rate",
            21,
        ),
        (
            "acme.revenue@FY2026 + euro.revenue@FY2026",
            "different currencies need a rate",
            21,
        ),
        (
            "acme.revenue@FY2026 * acme.revenue@FY2026",
            "cannot multiply USD by USD",
            21,
        ),
        (
            "1 / acme.revenue@FY2026",
            "cannot divide a plain number by USD",
            3,
        ),
        (
            "acme.revenue@FY2026 * 7 CNY/EUR",
            "cannot multiply USD by a CNY/EUR rate",
            21,
        ),
        (
            "7 CNY/USD + 1",
            "an exchange rate only multiplies or divides an amount",
            11,
        ),
        (
            "share(acme.revenue@FY2026, euro.revenue@FY2026)",
            "share: cannot compare USD with EUR",
            1,
        ),
        (
            "acme.orders@FY2026 + acme.revenue@FY2026",
            "cannot add USD to a count of orders",
            20,
        ),
    ];
    for (text, message, column) in refused {
        let (got, at, class) = failure(text);
        assert!(got.contains(message), "{text}: {got}");
        assert_eq!((at, class), (column, ErrorClass::Unit), "{text}: {got}");
    }
}

#[test]
fn division_by_a_value_that_can_be_zero_is_an_error_at_the_operator() {
    let (message, column, class) = failure("acme.revenue@FY2026 / acme.cash@2026-06-30");
    assert_eq!((column, class), (21, ErrorClass::Value));
    assert!(
        message.contains("dividing by a value that can be zero"),
        "{message}"
    );
    assert!(
        message.contains("acme.cash@2026-06-30 is [-0.5, 0.5]"),
        "{message}"
    );
    let (message, column, _) = failure("1 / (2 - 2)");
    assert_eq!(column, 3, "{message}");
    let (message, column, _) = failure("share(1, 0)");
    assert_eq!(column, 10, "{message}");
    assert!(message.contains("the whole can be zero"), "{message}");
}

#[test]
fn functions_compute_the_derived_metrics() {
    // (200 − 160) / 160 = 25%; 50 / 200 = 25%; 20 / 200 = 10%; 55 × 4 = 220.
    let cases: [(&str, &str, Dimension); 8] = [
        ("yoy(acme.revenue@FY2026)", "25", Dimension::Percent),
        (
            "share(acme-cloud.revenue@FY2026, acme.revenue@FY2026)",
            "25",
            Dimension::Percent,
        ),
        ("margin(acme.net_profit@FY2026)", "10", Dimension::Percent),
        (
            "run_rate(acme.revenue@FY2026-Q4)",
            "220",
            Dimension::Money("USD".into()),
        ),
        (
            "prior(acme.revenue@FY2026)",
            "160",
            Dimension::Money("USD".into()),
        ),
        // (200 / 100)^(1/2) − 1 over two years.
        (
            "cagr(acme.revenue@FY2024, acme.revenue@FY2026)",
            "41.42135623730950488016887242",
            Dimension::Percent,
        ),
        ("growth(4x, 2)", "100", Dimension::Percent),
        ("growth(300%, 1)", "200", Dimension::Percent),
    ];
    for (text, expected, unit) in cases {
        let (b, got) = value(text);
        assert_eq!(got, unit, "{text}");
        assert!(b.contains(d(expected)), "{text}: {b}");
        assert_eq!(
            b.point().round_dp(20),
            d(expected).round_dp(20),
            "{text}: {b}"
        );
    }
    // A loss turning into a profit: n/m, which carries through arithmetic.
    let result = run(&acme(), "yoy(acme.net_profit@FY2026) * 2 + 1%").unwrap();
    assert_eq!(
        result.value.amount,
        Amount::NotMeaningful("n/m: the sign changed".into())
    );
    assert_eq!(result.value.unit, Dimension::Percent);
    // Forward-looking inputs make the result forward-looking.
    let result = run(&acme(), "acme.arr@FY2026-Q4 / 12").unwrap();
    assert_eq!(result.status, Status::Target);
    assert_eq!(result.inputs.len(), 1);
}

#[test]
fn functions_refuse_what_they_do_not_apply_to() {
    let cases = [
        (
            "run_rate(acme.revenue@FY2026)",
            "FY2026 is a year or longer, which has no run-rate",
            10,
        ),
        (
            "run_rate(acme.cash@2026-06-30)",
            "is an instant (a balance)",
            10,
        ),
        ("run_rate(acme.arr@FY2026-Q4)", "arr is an ARR", 10),
        (
            "yoy(acme.gross_margin@FY2026)",
            "write acme.gross_margin@FY2026 - prior(acme.gross_margin@FY2026)",
            5,
        ),
        (
            "cagr(acme.revenue@FY2026, acme.revenue@FY2024)",
            "FY2024 must come after FY2026",
            1,
        ),
        (
            "cagr(acme.net_profit@FY2025, acme.net_profit@FY2026)",
            "both figures must be above zero",
            1,
        ),
        (
            "growth(4x, ~2)",
            "the months must be an exact number above zero",
            12,
        ),
        (
            "growth(4 USD, 2)",
            "the multiple must be a multiple or a number, not USD",
            8,
        ),
        ("growth(-1, 2)", "the multiple can be zero or negative", 8),
    ];
    for (text, message, column) in cases {
        let (got, at, _) = failure(text);
        assert!(got.contains(message), "{text}: {got}");
        assert_eq!(at, column, "{text}: {got}");
    }
}

#[test]
fn unknown_figures_point_at_the_part_and_suggest() {
    // (expression, the message contains, 1-based column)
    let cases = [
        (
            "acmee.revenue@FY2026",
            "unknown entity 'acmee' (did you mean 'acme'?)",
            1,
        ),
        (
            "acme.net_proft@FY2026 / 2",
            "unknown metric 'net_proft' (did you mean 'net_profit'?)",
            6,
        ),
        ("acme.ebitda@FY2026", "unknown metric 'ebitda'", 6),
        (
            "acme-cloud.net_profit@FY2026",
            "acme-cloud has no 'net_profit' figure (its metrics: revenue, operating_income)",
            12,
        ),
        (
            "1 + acme.revenue@FY2023",
            "acme.revenue@FY2023: no source states it and no claim implies it (acme.revenue is known for FY2026, FY2025, FY2024, FY2026-Q4)",
            18,
        ),
        (
            "yoy(acme.revenue@FY2024)",
            "the prior year, acme.revenue@FY2023, no source states it",
            18,
        ),
        (
            "margin(acme-cloud.operating_income@FY2025)",
            "the revenue a margin is taken over, acme-cloud.revenue@FY2025,",
            36,
        ),
    ];
    for (text, message, column) in cases {
        let (got, at, class) = failure(text);
        assert!(got.contains(message), "{text}: {got}");
        assert_eq!((at, class), (column, ErrorClass::Figure), "{text}: {got}");
    }
}

#[test]
fn located_messages_show_the_place() {
    let text = located(
        "acme.net_proft@FY2026 / 2",
        Span::new(5, 14),
        "unknown metric",
    );
    assert_eq!(
        text,
        "1:6: unknown metric\n  acme.net_proft@FY2026 / 2\n       ^^^^^^^^^"
    );
    // At the end of the text: one caret after it.
    let text = located("1 +", Span::new(3, 3), "expected a value");
    assert_eq!(text, "1:4: expected a value\n  1 +\n     ^");
    // A control character is shown as '?', keeping the caret in place.
    let text = located(
        "1\u{1b}[31m # 2",
        Span::new(8, 9),
        "unexpected character '#'",
    );
    assert_eq!(
        text,
        "1:9: unexpected character '#'\n  1?[31m # 2\n          ^"
    );
}

#[test]
fn results_convert_into_a_claims_unit() {
    let b = Bounded::exact(d("25"));
    assert_eq!(
        in_unit(&b, &Dimension::Percent, &Unit::Ratio).unwrap(),
        Some(Bounded::exact(d("0.25")))
    );
    assert_eq!(
        in_unit(
            &Bounded::exact(d("0.25")),
            &Dimension::Multiple,
            &Unit::Percent
        )
        .unwrap(),
        Some(Bounded::exact(d("25.00")))
    );
    assert_eq!(
        in_unit(
            &b,
            &Dimension::Money("USD".into()),
            &Unit::Currency("USD".into())
        )
        .unwrap(),
        Some(b)
    );
    assert_eq!(
        in_unit(
            &b,
            &Dimension::Money("USD".into()),
            &Unit::Currency("EUR".into())
        )
        .unwrap(),
        None
    );
    assert_eq!(
        in_unit(&b, &Dimension::Percent, &Unit::Currency("EUR".into())).unwrap(),
        None
    );
}

#[test]
fn the_explain_tree_holds_every_step() {
    let result = run(
        &acme(),
        "share(acme-cloud.revenue@FY2026, acme.revenue@FY2026) - yoy(acme.revenue@FY2026)",
    )
    .unwrap();
    let step = &result.step;
    assert_eq!(step.node, "−");
    assert_eq!(step.children.len(), 2);
    let yoy = &step.children[1];
    assert_eq!(yoy.node, "yoy");
    let labels: Vec<&str> = yoy.children.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["acme.revenue@FY2026", "acme.revenue@FY2025"]);
    assert_eq!(yoy.children[1].how, "f p. 1");
    // Each figure is listed once among the inputs.
    let inputs: Vec<String> = result.inputs.iter().map(|k| k.figure.to_string()).collect();
    assert_eq!(
        inputs,
        [
            "acme-cloud.revenue@FY2026",
            "acme.revenue@FY2026",
            "acme.revenue@FY2025"
        ]
    );
    assert_eq!(result.value.amount, Amount::Known(Bounded::exact(d("0"))));
}

/// `eval` and the fixed commands compute the same intervals: each
/// `yoy`, `share`, `margin` and `run_rate` row of `metrics`, as an
/// expression.
fn agrees_with_metrics(data: &Dataset) {
    let figures = Figures::build(data).unwrap();
    let env = FiguresEnvironment {
        figures: &figures,
        basis: Basis::MostTrusted,
    };
    for row in metrics::derive(&figures).unwrap() {
        let x = &row.figure;
        let other = row.inputs.get(1).map(|k| k.figure.to_string());
        let text = match (row.kind, other) {
            (Kind::Yoy, _) => format!("yoy({x})"),
            (Kind::Margin, _) if row.formula.starts_with("figure / revenue") => {
                format!("margin({x})")
            }
            (Kind::Share | Kind::Margin, Some(whole)) => format!("share({x}, {whole})"),
            (Kind::RunRate, _) => format!("run_rate({x})"),
            _ => continue,
        };
        let expression = parse(&text).unwrap();
        let result = evaluate(&expression, &env).unwrap_or_else(|e| panic!("{text}: {e}"));
        match (&row.value, &result.value.amount) {
            (Some(expected), Amount::Known(got)) => assert_eq!(got, expected, "{text}"),
            (None, Amount::NotMeaningful(reason)) => {
                assert_eq!(Some(reason.as_str()), row.note.as_deref(), "{text}")
            }
            (expected, got) => panic!("{text}: metrics {expected:?}, eval {got:?}"),
        }
        assert_eq!(result.value.unit, Dimension::of_unit(&row.unit), "{text}");
    }
}

#[test]
fn eval_agrees_with_the_fixed_commands_on_the_bundled_data() {
    agrees_with_metrics(&Dataset::bundled().unwrap());
}

/// A random figure's fields: value as written, bound.
fn stated() -> impl Strategy<Value = String> {
    let value = (-999_999i64..999_999, 0u32..4).prop_map(|(m, s)| Decimal::new(m, s).to_string());
    let bound = prop_oneof![
        Just(""),
        Just(r#", "bound": "exact""#),
        Just(r#", "bound": "about""#),
        Just(r#", "bound": "more_than""#),
        Just(r#", "bound": "at_most""#),
    ];
    (value, bound).prop_map(|(v, b)| format!(r#""value": "{v}"{b}"#))
}

fn random_dataset() -> impl Strategy<Value = Dataset> {
    let figures = [
        ("acme", "revenue", "FY2026"),
        ("acme", "revenue", "FY2025"),
        ("acme", "net_profit", "FY2026"),
        ("acme", "net_profit", "FY2025"),
        ("acme", "revenue", "FY2026-Q4"),
        ("acme", "revenue", "FY2025-Q4"),
        ("acme-cloud", "revenue", "FY2026"),
        ("acme-cloud", "revenue", "FY2026-Q4"),
        ("acme", "free_cash_flow", "2026-05"),
    ];
    proptest::collection::vec(proptest::option::of(stated()), figures.len()).prop_map(move |values| {
        let facts: Vec<String> = figures
            .iter()
            .zip(values)
            .filter_map(|((entity, metric, period), v)| {
                v.map(|v| {
                    format!(
                        r#"{{"entity": "{entity}", "metric": "{metric}", "period": "{period}", {v}, "unit": "USD", "source": "s", "at": "1"}}"#
                    )
                })
            })
            .collect();
        let doc = format!(
            r#"{{"format": "earnings-dataset/1",
              "sources": {{"s": {{"title": "S", "kind": "synthetic"}}}},
              "entities": {{"acme": {{"name": "Acme", "currency": "USD"}},
                            "acme-cloud": {{"name": "Cloud", "parent": "acme"}}}},
              "facts": [{}]}}"#,
            facts.join(",")
        );
        Dataset::load(&[Input {
            name: "random.json",
            bytes: doc.as_bytes(),
        }])
        .unwrap()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn eval_agrees_with_the_fixed_commands_on_random_data(data in random_dataset()) {
        agrees_with_metrics(&data);
    }
}

// ---------------------------------------------------------------------------
// The parser under random input: no panic, and every error inside the text.

/// Pieces an expression is made of, good and bad.
fn token() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "acme.revenue@FY2026",
        "acme.revenue@FY2026-Q4",
        "acme-cloud.revenue@FY2026",
        "acme.net_profit@FY2025",
        "acme.cash@2026-06-30",
        "euro.revenue@FY2026",
        "acme.nope@FY2026",
        "x.y@",
        "a.b@FY20X6",
        "acme.revenue",
        "alibaba.",
        "1",
        "0",
        "2.5",
        "102.10",
        "30%",
        ">30%",
        ">=",
        "≥5",
        "<",
        "≤",
        "~19%",
        "≈",
        "1.5x",
        "2.5bn",
        "300m",
        "1.2tn",
        "10k",
        "3yi",
        "9e9",
        "99999999999999999999999999999",
        "CNY",
        "USD",
        "CNY/USD",
        "EUR/USD",
        "7.3 CNY/USD",
        "+",
        "-",
        "−",
        "*",
        "×",
        "/",
        "÷",
        "(",
        ")",
        ",",
        " ",
        "\n",
        ".",
        "@",
        "%",
        "yoy(",
        "prior(",
        "share(",
        "margin(",
        "run_rate(",
        "cagr(",
        "growth(",
        "min(",
        "max(",
        "yoyy(",
        "revenue",
        "é",
        "\u{0}",
        "\u{202e}",
    ])
}

/// Checks that parsing `text` ends well: an expression, or an error whose
/// column lies within the text (or just after it).
fn parses_or_points_inside(text: &str) -> Result<Option<Expression>, TestCaseError> {
    match parse(text) {
        Ok(e) => Ok(Some(e)),
        Err(e) => {
            let chars = text.chars().count();
            prop_assert!(e.span.start <= chars, "{text:?}: {e:?}");
            prop_assert!(e.span.end <= chars.max(e.span.start + 1), "{text:?}: {e:?}");
            prop_assert!(!e.message.is_empty());
            let (line, column) = e.span.position(text);
            prop_assert!(line >= 1 && column >= 1);
            Ok(None)
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn random_text_never_panics_the_parser(text in "\\PC{0,40}") {
        parses_or_points_inside(&text)?;
    }

    #[test]
    fn random_tokens_never_panic_parser_or_evaluator(pieces in proptest::collection::vec(token(), 0..14)) {
        let text = pieces.concat();
        if let Some(expression) = parses_or_points_inside(&text)? {
            // Evaluating what parses never panics either, and its errors
            // too point inside the text.
            if let Err(e) = run(&acme(), expression.text()) {
                prop_assert!(e.span.start <= text.chars().count(), "{text:?}: {e:?}");
            }
        }
    }
}
