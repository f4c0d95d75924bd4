use super::lookup::MAX_CHOICES;
use super::*;
use crate::dataset::Input;
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// A fact: `acme.revenue@FY2025`, its value and unit, its source, and
/// extra JSON fields (`"bound": "exact"`).
fn fact(reference: &str, value: &str, unit: &str, source: &str, extra: &str) -> String {
    let (entity, rest) = reference.split_once('.').unwrap();
    let (metric, period) = rest.split_once('@').unwrap();
    let extra = if extra.is_empty() {
        String::new()
    } else {
        format!(", {extra}")
    };
    format!(
        r#"{{"entity": "{entity}", "metric": "{metric}", "period": "{period}", "value": "{value}", "unit": "{unit}", "source": "{source}", "at": "p. 1"{extra}}}"#
    )
}

/// A claim: its relation fields (`"kind": "yoy", "of": "…"`), value,
/// unit, source and extra fields.
fn claim(relation: &str, value: &str, unit: &str, source: &str, extra: &str) -> String {
    let extra = if extra.is_empty() {
        String::new()
    } else {
        format!(", {extra}")
    };
    format!(
        r#"{{{relation}, "value": "{value}", "unit": "{unit}", "source": "{source}", "at": "p. 2"{extra}}}"#
    )
}

fn dataset(facts: &[String], claims: &[String]) -> Dataset {
    let doc = format!(
        r#"{{"format": "earnings-dataset/1",
          "sources": {{
            "filing": {{"title": "Annual filing", "kind": "filing"}},
            "release": {{"title": "Results release", "kind": "release"}},
            "press-a": {{"title": "A newspaper", "kind": "press"}},
            "press-b": {{"title": "Another newspaper", "kind": "press"}}
          }},
          "entities": {{
            "acme": {{"name": "Acme", "currency": "USD"}},
            "acme-cloud": {{"name": "Acme Cloud", "parent": "acme"}},
            "euro": {{"name": "Euro Co", "currency": "EUR"}}
          }},
          "facts": [{}],
          "claims": [{}]}}"#,
        facts.join(",\n"),
        claims.join(",\n")
    );
    Dataset::load(&[Input {
        name: "test.json",
        bytes: doc.as_bytes(),
    }])
    .unwrap_or_else(|e| panic!("{e}\n{doc}"))
}

fn verdicts(data: &Dataset, against: Against) -> Vec<Verdict> {
    let figures = Figures::build(data).unwrap();
    verify(&figures, against).unwrap()
}

/// One case: the facts, one claim, and what `verify` must say of it
/// against its own source's figures, with the computed point where
/// there is one.
struct Case {
    what: &'static str,
    facts: Vec<String>,
    claim: String,
    outcome: Outcome,
    computed: Option<&'static str>,
}

fn case(
    what: &'static str,
    facts: Vec<String>,
    claim: String,
    outcome: Outcome,
    computed: Option<&'static str>,
) -> Case {
    Case {
        what,
        facts,
        claim,
        outcome,
        computed,
    }
}

fn level(bound_fields: &str, value: &str) -> String {
    claim(
        r#""kind": "level", "of": "acme.revenue@FY2025""#,
        value,
        "USD",
        "press-a",
        bound_fields,
    )
}

fn revenue(value: &str, extra: &str) -> Vec<String> {
    vec![fact("acme.revenue@FY2025", value, "USD", "filing", extra)]
}

const EXACT: &str = r#""bound": "exact""#;

#[test]
fn every_bound_compares_as_the_spec_says() {
    use Outcome::{Contradicted, Holds, Undetermined};
    #[rustfmt::skip]
    let cases = [
        // more_than: (90, ∞) holds 100; (100, ∞) is disjoint from [100, 100].
        case("more_than holds", revenue("100", EXACT), level(r#""bound": "more_than""#, "90"), Holds, Some("100")),
        case("more_than open end", revenue("100", EXACT), level(r#""bound": "more_than""#, "100"), Contradicted, Some("100")),
        // at_least: [100, ∞) holds exactly 100; [99.5, 100.5] only overlaps it.
        case("at_least closed end", revenue("100", EXACT), level(r#""bound": "at_least""#, "100"), Holds, Some("100")),
        case("at_least overlap", revenue("100", ""), level(r#""bound": "at_least""#, "100"), Undetermined, Some("100")),
        // less_than and at_most, the mirror images.
        case("less_than holds", revenue("100", EXACT), level(r#""bound": "less_than""#, "120"), Holds, Some("100")),
        case("less_than open end", revenue("100", EXACT), level(r#""bound": "less_than""#, "100"), Contradicted, Some("100")),
        case("at_most holds", revenue("100", EXACT), level(r#""bound": "at_most""#, "100"), Holds, Some("100")),
        case("at_most contradicted", revenue("100", EXACT), level(r#""bound": "at_most""#, "99"), Contradicted, Some("100")),
        // rounded "100" allows [99.5, 100.5]; merely overlapping is not enough.
        case("rounded inside", revenue("100.4", ""), level("", "100"), Holds, Some("100.4")),
        case("rounded overlap", revenue("100.5", ""), level("", "100"), Undetermined, Some("100.5")),
        case("rounded disjoint", revenue("101", EXACT), level("", "100"), Contradicted, Some("101")),
        // exact: only a computed interval inside the point holds.
        case("exact inside", revenue("100", EXACT), level(EXACT, "100"), Holds, Some("100")),
        case("exact overlap", revenue("100", ""), level(EXACT, "100"), Undetermined, Some("100")),
        // about: within 5% by default; overlapping is not enough.
        case("about inside", revenue("104", EXACT), level(r#""bound": "about""#, "100"), Holds, Some("104")),
        case("about overlap", revenue("105", ""), level(r#""bound": "about""#, "100"), Undetermined, Some("105")),
        case("about disjoint", revenue("94", EXACT), level(r#""bound": "about""#, "100"), Contradicted, Some("94")),
        case("about tolerance", revenue("104", EXACT), level(r#""bound": "about", "tolerance": "2""#, "100"), Contradicted, Some("104")),
        // range: [90, 110]; no rounding allowance.
        case("range inside", revenue("100", ""), level(r#""bound": "range", "high": "110""#, "90"), Holds, Some("100")),
        case("range overlap", revenue("100", ""), level(r#""bound": "range", "high": "100""#, "90"), Undetermined, Some("100")),
        case("range disjoint", revenue("120", ""), level(r#""bound": "range", "high": "110""#, "90"), Contradicted, Some("120")),
    ];
    check(&cases);
}

fn check(cases: &[Case]) {
    for c in cases {
        let data = dataset(&c.facts, std::slice::from_ref(&c.claim));
        let verdict = verdicts(&data, Against::Own).remove(0);
        assert_eq!(verdict.outcome, c.outcome, "{}: {verdict:?}", c.what);
        assert_eq!(
            verdict.computed.map(|v| v.point().normalize()),
            c.computed.map(d),
            "{}: {verdict:?}",
            c.what
        );
        assert_eq!(verdict.claimed, data.claims[0].value, "{}", c.what);
    }
}

#[test]
fn every_kind_is_computed_forwards() {
    use Outcome::{Contradicted, Holds, Undetermined, Unverifiable};
    let f = |r: &str, v: &str| fact(r, v, "USD", "filing", EXACT);
    let yoy = |value: &str| {
        claim(
            r#""kind": "yoy", "of": "acme.revenue@FY2026""#,
            value,
            "percent",
            "press-a",
            "",
        )
    };
    let share = |value: &str, bound: &str| {
        claim(
            r#""kind": "share", "of": "acme-cloud.revenue@FY2026", "whole": "acme.revenue@FY2026""#,
            value,
            "percent",
            "press-a",
            bound,
        )
    };
    let run_rate = |of: &str, value: &str, bound: &str| {
        claim(
            &format!(r#""kind": "run_rate", "of": "{of}""#),
            value,
            "USD",
            "press-a",
            bound,
        )
    };
    let multiple = |value: &str, bound: &str| {
        claim(
            r#""kind": "multiple", "of": "acme.orders@FY2026", "base": "acme.orders@FY2025""#,
            value,
            "multiple",
            "press-a",
            bound,
        )
    };
    let margin = |extra: &str, value: &str| {
        claim(
            &format!(r#""kind": "margin", "of": "acme.net_profit@FY2026"{extra}"#),
            value,
            "percent",
            "press-a",
            "",
        )
    };
    let orders = |r: &str, v: &str| fact(r, v, "orders", "filing", EXACT);
    #[rustfmt::skip]
    let cases = [
        // yoy: (110 − 100) / 100 = 10%.
        case("yoy holds", vec![f("acme.revenue@FY2026", "110"), f("acme.revenue@FY2025", "100")], yoy("10"), Holds, Some("10")),
        case("yoy contradicted", vec![f("acme.revenue@FY2026", "90"), f("acme.revenue@FY2025", "100")], yoy("-19"), Contradicted, Some("-10")),
        // A loss halved: (−5 − −10) / |−10| = +50%.
        case("yoy of losses", vec![f("acme.revenue@FY2026", "-5"), f("acme.revenue@FY2025", "-10")], yoy("50"), Holds, Some("50")),
        case("yoy sign flip is n/m", vec![f("acme.revenue@FY2026", "-5"), f("acme.revenue@FY2025", "10")], yoy("-150"), Undetermined, None),
        case("yoy prior zero is n/m", vec![f("acme.revenue@FY2026", "5"), f("acme.revenue@FY2025", "0")], yoy("10"), Undetermined, None),
        case("yoy prior missing", vec![f("acme.revenue@FY2026", "110")], yoy("10"), Unverifiable, None),
        // share: 40 / 100 = 40%.
        case("share holds", vec![f("acme-cloud.revenue@FY2026", "40"), f("acme.revenue@FY2026", "100")], share("30", r#""bound": "more_than""#), Holds, Some("40")),
        case("share contradicted", vec![f("acme-cloud.revenue@FY2026", "10"), f("acme.revenue@FY2026", "100")], share("30", r#""bound": "about""#), Contradicted, Some("10")),
        case("share of a zero whole", vec![f("acme-cloud.revenue@FY2026", "10"), f("acme.revenue@FY2026", "0")], share("30", ""), Undetermined, None),
        // run_rate: a quarter × 4, a month × 12, two months × 6.
        case("run_rate quarter", vec![fact("acme.revenue@FY2026-Q4", "89.71", "USD", "filing", "")], run_rate("acme.revenue@FY2026-Q4", "358", r#""bound": "more_than""#), Holds, Some("358.84")),
        case("run_rate month", vec![f("acme.revenue@2026-05", "10")], run_rate("acme.revenue@2026-05", "120", EXACT), Holds, Some("120")),
        case("run_rate two months", vec![f("acme.revenue@2026-05..2026-06", "10")], run_rate("acme.revenue@2026-05..2026-06", "100", r#""bound": "at_least""#), Contradicted, Some("60")),
        // A full year and an ARR are annual already: compared as they are.
        case("run_rate of a year", vec![f("acme.revenue@FY2026", "10")], run_rate("acme.revenue@FY2026", "10", ""), Holds, Some("10")),
        case("run_rate of an arr", vec![f("acme.cloud_arr@FY2026-Q4", "10")], run_rate("acme.cloud_arr@FY2026-Q4", "10", ""), Holds, Some("10")),
        case("run_rate of a monthly arr", vec![f("acme.cloud_arr@2026-05", "10")], run_rate("acme.cloud_arr@2026-05", "10", ""), Holds, Some("10")),
        case("run_rate per unit", vec![f("acme.revenue_per_user@FY2026-Q4", "10")], run_rate("acme.revenue_per_user@FY2026-Q4", "40", ""), Unverifiable, None),
        case("run_rate of an instant", vec![f("acme.revenue@2026-12-31", "10")], run_rate("acme.revenue@2026-12-31", "10", ""), Unverifiable, None),
        // multiple: 270 / 100 = 2.7.
        case("multiple holds", vec![orders("acme.orders@FY2026", "270"), orders("acme.orders@FY2025", "100")], multiple("2.7", ""), Holds, Some("2.7")),
        case("multiple range contradicted", vec![orders("acme.orders@FY2026", "250"), orders("acme.orders@FY2025", "100")], multiple("3", r#""bound": "range", "high": "4""#), Contradicted, Some("2.5")),
        case("multiple more_than contradicted", vec![orders("acme.orders@FY2026", "9"), orders("acme.orders@FY2025", "1")], multiple("10", r#""bound": "more_than""#), Contradicted, Some("9")),
        case("multiple of a zero base", vec![orders("acme.orders@FY2026", "9"), orders("acme.orders@FY2025", "0")], multiple("10", ""), Undetermined, None),
        case("multiple of different units", vec![orders("acme.orders@FY2026", "9"), f("acme.orders@FY2025", "1")], multiple("9", ""), Unverifiable, None),
        // margin: 20 / 100 = 20%, over revenue by default or a named metric.
        case("margin holds", vec![f("acme.net_profit@FY2026", "20"), f("acme.revenue@FY2026", "100")], margin("", "20"), Holds, Some("20")),
        case("margin over gross_profit", vec![f("acme.net_profit@FY2026", "20"), f("acme.gross_profit@FY2026", "40")], margin(r#", "over": "gross_profit""#, "20"), Contradicted, Some("50")),
        case("margin missing revenue", vec![f("acme.net_profit@FY2026", "20")], margin("", "20"), Unverifiable, None),
    ];
    check(&cases);
}

#[test]
fn an_unverifiable_claim_names_what_is_missing_and_what_it_implies() {
    let data = dataset(
        &[fact("acme.revenue@FY2026", "110", "USD", "press-a", EXACT)],
        &[claim(
            r#""kind": "yoy", "of": "acme.revenue@FY2026""#,
            "10",
            "percent",
            "press-a",
            EXACT,
        )],
    );
    let verdict = verdicts(&data, Against::Own).remove(0);
    assert_eq!(verdict.outcome, Outcome::Unverifiable);
    let prior: Reference = "acme.revenue@FY2025".parse().unwrap();
    assert_eq!(verdict.missing, vec![prior.clone()]);
    let implied = verdict.implied.expect("the claim implies the prior year");
    assert_eq!(implied.figure, prior);
    // 110 / 1.1 = 100.
    assert_eq!(implied.value.point().normalize(), d("100"));
    assert!(verdict.reason.unwrap().contains("acme.revenue@FY2025"));
    assert_eq!(verdict.inputs.len(), 1);
}

#[test]
fn a_claim_is_never_checked_against_what_it_implies_itself() {
    // Nobody states the figure: the level claim implies it, and that
    // must not make it hold against itself.
    let data = dataset(&[], &[level(r#""bound": "more_than""#, "90")]);
    let verdict = verdicts(&data, Against::Best).remove(0);
    assert_eq!(verdict.outcome, Outcome::Unverifiable);
    assert!(verdict.implied.is_some());
}

#[test]
fn own_uses_the_claims_source_and_best_the_most_trusted() {
    // press-a says 99, the filing 101; press-a claims at most 100.
    let data = dataset(
        &[
            fact("acme.revenue@FY2025", "99", "USD", "press-a", EXACT),
            fact("acme.revenue@FY2025", "101", "USD", "filing", EXACT),
        ],
        &[level(r#""bound": "at_most""#, "100")],
    );
    // The filing disagrees beyond rounding and the outcome depends on it.
    let own = verdicts(&data, Against::Own).remove(0);
    assert_eq!(own.outcome, Outcome::Contested);
    assert_eq!(own.computed.unwrap().point(), d("99"));
    let reason = own.reason.unwrap();
    assert!(
        reason.contains("holds with press-a p. 1's exactly 99"),
        "{reason}"
    );
    assert!(
        reason.contains("contradicted with filing p. 1's exactly 101"),
        "{reason}"
    );
    // Against the most trusted: the filing's figure is computed, and the
    // outcome is contested all the same.
    let best = verdicts(&data, Against::Best).remove(0);
    assert_eq!(best.outcome, Outcome::Contested);
    assert_eq!(best.computed.unwrap().point(), d("101"));
}

#[test]
fn own_fills_gaps_from_the_most_trusted_other_source() {
    // press-a states the current year, the filing and press-b the prior.
    let data = dataset(
        &[
            fact("acme.revenue@FY2026", "110", "USD", "press-a", EXACT),
            fact("acme.revenue@FY2025", "50", "USD", "press-b", EXACT),
            fact("acme.revenue@FY2025", "100", "USD", "filing", EXACT),
        ],
        &[claim(
            r#""kind": "yoy", "of": "acme.revenue@FY2026""#,
            "10",
            "percent",
            "press-a",
            "",
        )],
    );
    let verdict = verdicts(&data, Against::Own).remove(0);
    // press-b's 50 for the prior year would give 120%: contested.
    assert_eq!(verdict.outcome, Outcome::Contested);
    let sources: Vec<String> = verdict
        .inputs
        .iter()
        .map(|k| k.provenance.describe())
        .collect();
    assert_eq!(sources, ["press-a p. 1", "filing p. 1"]);
}

#[test]
fn equally_trusted_sources_that_disagree_leave_a_claim_contested() {
    // Two newspapers: 89.71 and 8.971 for the quarter; a release's
    // run-rate of about 35.8 holds with one and not the other.
    let quarter = "acme.revenue@FY2026-Q4";
    let data = dataset(
        &[
            fact(quarter, "89.71", "USD", "press-a", ""),
            fact(quarter, "8.971", "USD", "press-b", ""),
        ],
        &[claim(
            &format!(r#""kind": "run_rate", "of": "{quarter}""#),
            "35.8",
            "USD",
            "release",
            r#""bound": "about""#,
        )],
    );
    for against in [Against::Own, Against::Best] {
        let verdict = verdicts(&data, against).remove(0);
        assert_eq!(verdict.outcome, Outcome::Contested, "{against}");
        assert_eq!(verdict.alternatives.len(), 1, "{against}");
        assert_eq!(verdict.alternatives[0].value.point(), d("8.971"));
        // The preferred figure (loaded first) is the one shown.
        assert_eq!(verdict.computed.unwrap().point().normalize(), d("358.84"));
        let reason = verdict.reason.unwrap();
        assert!(
            reason.contains("contradicted with press-a") && reason.contains("holds with press-b"),
            "{reason}"
        );
    }
    // Equal figures are no disagreement.
    let data = dataset(
        &[
            fact(quarter, "8.971", "USD", "press-a", ""),
            fact(quarter, "8.971", "USD", "press-b", ""),
        ],
        &[claim(
            &format!(r#""kind": "run_rate", "of": "{quarter}""#),
            "35.8",
            "USD",
            "release",
            r#""bound": "about""#,
        )],
    );
    let verdict = verdicts(&data, Against::Own).remove(0);
    assert_eq!(verdict.outcome, Outcome::Holds);
    assert!(verdict.alternatives.is_empty());
}

#[test]
fn scores_of_disagreeing_sources_are_tried_one_at_a_time() {
    // 30 newspapers each give both years differently: 900 pairs, more
    // than MAX_CHOICES, so each alternative is tried alone.
    let n = 30;
    let sources: Vec<String> = (0..n)
        .map(|i| format!(r#""p{i}": {{"title": "Paper {i}", "kind": "press"}}"#))
        .collect();
    let mut facts = Vec::new();
    for i in 0..n {
        facts.push(fact(
            "acme.revenue@FY2026",
            &format!("{}", 100 + i),
            "USD",
            &format!("p{i}"),
            EXACT,
        ));
        facts.push(fact(
            "acme.revenue@FY2025",
            &format!("{}", 90 + i),
            "USD",
            &format!("p{i}"),
            EXACT,
        ));
    }
    let doc = format!(
        r#"{{"format": "earnings-dataset/1",
          "sources": {{{}, "r": {{"title": "Release", "kind": "release"}}}},
          "entities": {{"acme": {{"name": "Acme", "currency": "USD"}}}},
          "facts": [{}],
          "claims": [{}]}}"#,
        sources.join(", "),
        facts.join(", "),
        claim(
            r#""kind": "yoy", "of": "acme.revenue@FY2026""#,
            "11",
            "percent",
            "r",
            ""
        )
    );
    let data = Dataset::load(&[Input {
        name: "many.json",
        bytes: doc.as_bytes(),
    }])
    .unwrap();
    assert!(n * n > MAX_CHOICES);
    let verdict = verdicts(&data, Against::Own).remove(0);
    // 100 / 90 − 1 = 11.1% holds; 101 / 90 − 1 = 12.2% does not.
    assert_eq!(verdict.outcome, Outcome::Contested);
    assert_eq!(verdict.alternatives.len(), 2 * (n - 1));
}

#[test]
fn another_sources_implied_figure_is_used_only_against_best() {
    // press-b's share claim implies the whole (10 / 25% = 40); press-a's
    // share claim on the same whole can only be checked through it.
    let share = |source: &str, value: &str| {
        claim(
            r#""kind": "share", "of": "acme-cloud.revenue@FY2026", "whole": "acme.external_revenue@FY2026""#,
            value,
            "percent",
            source,
            EXACT,
        )
    };
    let data = dataset(
        &[
            fact("acme-cloud.revenue@FY2026", "10", "USD", "press-a", EXACT),
            fact("acme-cloud.revenue@FY2026", "10", "USD", "press-b", EXACT),
        ],
        &[share("press-a", "25"), share("press-b", "25")],
    );
    let own = verdicts(&data, Against::Own).remove(0);
    assert_eq!(own.outcome, Outcome::Unverifiable);
    assert!(own.reason.unwrap().contains("press-b"));
    let best = verdicts(&data, Against::Best).remove(0);
    assert_eq!(best.outcome, Outcome::Holds);
    assert_eq!(best.computed.unwrap().point().normalize(), d("25"));
    assert!(best.inputs[1].provenance.is_implied());
}

#[test]
fn a_sources_own_implied_figure_is_used_against_its_own() {
    // press-a implies the prior year from its yoy claim (110 / 1.1 = 100)
    // and checks its level claim on it.
    let data = dataset(
        &[fact("acme.revenue@FY2026", "110", "USD", "press-a", EXACT)],
        &[
            claim(
                r#""kind": "yoy", "of": "acme.revenue@FY2026""#,
                "10",
                "percent",
                "press-a",
                EXACT,
            ),
            level(r#""bound": "at_least""#, "100"),
        ],
    );
    let verdict = verdicts(&data, Against::Own).remove(1);
    assert_eq!(verdict.outcome, Outcome::Holds);
    assert!(verdict.inputs[0].provenance.is_implied());
}

#[test]
fn a_level_in_another_currency_is_unverifiable() {
    let data = dataset(
        &[fact("acme.revenue@FY2025", "100", "USD", "filing", EXACT)],
        &[claim(
            r#""kind": "level", "of": "acme.revenue@FY2025""#,
            "100",
            "EUR",
            "press-a",
            "",
        )],
    );
    let verdict = verdicts(&data, Against::Own).remove(0);
    assert_eq!(verdict.outcome, Outcome::Unverifiable);
    assert!(verdict.missing.is_empty());
    assert!(verdict.reason.unwrap().contains("EUR"));
}

#[test]
fn a_share_of_revenue_above_a_hundred_percent_is_contradicted() {
    let data = dataset(
        &[
            fact("acme-cloud.revenue@FY2026", "300", "USD", "filing", EXACT),
            fact("acme.revenue@FY2026", "100", "USD", "filing", EXACT),
        ],
        &[claim(
            r#""kind": "share", "of": "acme-cloud.revenue@FY2026", "whole": "acme.revenue@FY2026""#,
            "30",
            "percent",
            "press-a",
            r#""bound": "more_than""#,
        )],
    );
    let verdict = verdicts(&data, Against::Own).remove(0);
    assert_eq!(verdict.outcome, Outcome::Contradicted);
    assert!(verdict.reason.unwrap().contains("cannot be"));
    // A profit may exceed its group's (other segments lose money): computed
    // as it is, with a caution.
    let data = dataset(
        &[
            fact(
                "acme-cloud.net_profit@FY2026",
                "300",
                "USD",
                "filing",
                EXACT,
            ),
            fact("acme.net_profit@FY2026", "100", "USD", "filing", EXACT),
        ],
        &[claim(
            r#""kind": "share", "of": "acme-cloud.net_profit@FY2026", "whole": "acme.net_profit@FY2026""#,
            "30",
            "percent",
            "press-a",
            r#""bound": "more_than""#,
        )],
    );
    let verdict = verdicts(&data, Against::Own).remove(0);
    assert_eq!(verdict.outcome, Outcome::Holds);
    assert!(verdict.reason.unwrap().contains("above 100%"));
}

#[test]
fn summaries_count_and_decide() {
    let verdict = |outcome| Verdict {
        claim: 0,
        outcome,
        claimed: Bounded::exact(Decimal::ONE),
        computed: None,
        inputs: Vec::new(),
        missing: Vec::new(),
        implied: None,
        reason: None,
        alternatives: Vec::new(),
    };
    let all: Vec<Verdict> = [
        Outcome::Holds,
        Outcome::Holds,
        Outcome::Undetermined,
        Outcome::Contested,
        Outcome::Unverifiable,
    ]
    .into_iter()
    .map(verdict)
    .collect();
    let summary = Summary::of(&all);
    assert_eq!(
        summary.to_string(),
        "5 claims: 2 hold, 0 contradicted, 1 undetermined, 1 contested, 1 unverifiable"
    );
    assert!(!summary.fails(&[Outcome::Contradicted]));
    assert!(summary.fails(&[Outcome::Undetermined]));
    assert!(summary.fails(&[Outcome::Contested]));
    assert!(summary.fails(&[Outcome::Unverifiable]));
    assert!(!summary.fails(&[Outcome::Holds][..0]));
    let one = Summary::of(&all[..1]);
    assert_eq!(
        one.to_string(),
        "1 claim: 1 holds, 0 contradicted, 0 undetermined, 0 contested, 0 unverifiable"
    );
    let contradicted = Summary::of([&verdict(Outcome::Contradicted)]);
    assert!(contradicted.fails(&[Outcome::Contradicted]));
    assert!(!contradicted.fails(&[Outcome::Undetermined, Outcome::Contested]));
    let names: Vec<&str> = Outcome::ALL.iter().map(|o| o.name()).collect();
    assert_eq!(
        names,
        [
            "holds",
            "contradicted",
            "undetermined",
            "contested",
            "unverifiable"
        ]
    );
}

#[test]
fn expr_claims_are_checked_like_any_other() {
    use Outcome::{Contradicted, Holds, Undetermined, Unverifiable};
    let f = |r: &str, v: &str| fact(r, v, "USD", "filing", EXACT);
    let expr = |e: &str, value: &str, unit: &str, bound: &str| {
        claim(
            &format!(r#""kind": "expr", "expr": "{e}""#),
            value,
            unit,
            "press-a",
            bound,
        )
    };
    let share = "share(acme-cloud.revenue@FY2026, acme.revenue@FY2026)";
    let both = || {
        vec![
            f("acme-cloud.revenue@FY2026", "40"),
            f("acme.revenue@FY2026", "100"),
        ]
    };
    let years = || {
        vec![
            f("acme.revenue@FY2026", "110"),
            f("acme.revenue@FY2025", "100"),
        ]
    };
    #[rustfmt::skip]
    let cases = [
        // 40 / 100 = 40%, against "more than 30%" and "about 10%".
        case("share holds", both(), expr(share, "30", "percent", r#""bound": "more_than""#), Holds, Some("40")),
        case("share contradicted", both(), expr(share, "10", "percent", r#""bound": "about""#), Contradicted, Some("40")),
        // A ratio claimed in percent converts: 110 / 100 = 1.1 = 110%.
        case("ratio in percent", years(), expr("acme.revenue@FY2026 / acme.revenue@FY2025", "110", "percent", EXACT), Holds, Some("110")),
        case("ratio as a multiple", years(), expr("acme.revenue@FY2026 / acme.revenue@FY2025", "1.2", "multiple", EXACT), Contradicted, Some("1.1")),
        // Money compares in base units.
        case("money", years(), expr("acme.revenue@FY2026 - acme.revenue@FY2025", "10", "USD", r#""bound": "at_least""#), Holds, Some("10")),
        case("yoy", years(), expr("yoy(acme.revenue@FY2026)", "10", "percent", ""), Holds, Some("10")),
        // n/m and a divisor that can be zero leave it undetermined.
        case("n/m", vec![f("acme.revenue@FY2026", "-5"), f("acme.revenue@FY2025", "10")], expr("yoy(acme.revenue@FY2026)", "10", "percent", ""), Undetermined, None),
        case("zero divisor", vec![f("acme.revenue@FY2026", "5"), f("acme.revenue@FY2025", "0")], expr("acme.revenue@FY2026 / acme.revenue@FY2025", "2", "multiple", ""), Undetermined, None),
        // A missing figure, units that do not combine, or a result in
        // another unit than the claim's: unverifiable.
        case("missing", vec![f("acme.revenue@FY2026", "110")], expr("yoy(acme.revenue@FY2026)", "10", "percent", ""), Unverifiable, None),
        case("unit error", years(), expr("acme.revenue@FY2026 + 30%", "10", "USD", ""), Unverifiable, None),
        case("unit of the claim", years(), expr("acme.revenue@FY2026 / acme.revenue@FY2025", "10", "USD", ""), Unverifiable, None),
    ];
    check(&cases);
    let reason = |c: &Case| {
        let data = dataset(&c.facts, std::slice::from_ref(&c.claim));
        verdicts(&data, Against::Own)
            .remove(0)
            .reason
            .unwrap_or_default()
    };
    assert_eq!(reason(&cases[6]), "n/m: the sign changed");
    assert!(
        reason(&cases[7])
            .starts_with("column 21 of the expression: dividing by a value that can be zero")
    );
    assert!(reason(&cases[8]).contains("acme.revenue@FY2025: no source states it"));
    assert_eq!(
        reason(&cases[9]),
        "column 21 of the expression: cannot add a percent to USD (for a percentage of an amount, multiply: amount * 30%)"
    );
    assert_eq!(
        reason(&cases[10]),
        "the expression gives multiple but the claim is in USD"
    );
    // An expr claim implies nothing, even with one figure unknown.
    let data = dataset(&cases[8].facts, std::slice::from_ref(&cases[8].claim));
    assert!(Figures::build(&data).unwrap().implied().is_empty());
}

#[test]
fn the_article_holds_against_its_own_figures() {
    let data = Dataset::bundled().unwrap();
    for verdict in verdicts(&data, Against::Own) {
        assert_ne!(verdict.outcome, Outcome::Contradicted, "{verdict:?}");
    }
}

/// A dataset defining `free_cash_flow = operating_cash_flow − capex`.
fn defining(facts: &[String], claims: &[String]) -> Dataset {
    let doc = format!(
        r#"{{"format": "earnings-dataset/1",
          "sources": {{"filing": {{"title": "Annual filing", "kind": "filing"}},
                       "press-a": {{"title": "A newspaper", "kind": "press"}}}},
          "entities": {{"acme": {{"name": "Acme", "currency": "USD"}}}},
          "definitions": {{"free_cash_flow": "operating_cash_flow - capex"}},
          "facts": [{}],
          "claims": [{}]}}"#,
        facts.join(",\n"),
        claims.join(",\n")
    );
    Dataset::load(&[Input {
        name: "test.json",
        bytes: doc.as_bytes(),
    }])
    .unwrap()
}

#[test]
fn a_claim_on_a_defined_metric_is_checked_against_its_operands() {
    let filed = |metric: &str, period: &str, value: &str| {
        format!(
            r#"{{"entity": "acme", "metric": "{metric}", "period": "{period}", "value": "{value}", "scale": "billion", "unit": "USD", "bound": "exact", "source": "filing", "at": "p. 40"}}"#
        )
    };
    let ytd = |metric: &str, value: &str| {
        format!(
            r#"{{"kind": "ytd", "of": "acme.{metric}@FY2025-Q4", "value": "{value}", "scale": "billion", "unit": "USD", "bound": "exact", "source": "filing", "at": "p. 41"}}"#
        )
    };
    let level = |period: &str, value: &str| {
        format!(
            r#"{{"kind": "level", "of": "acme.free_cash_flow@{period}", "value": "{value}", "scale": "billion", "unit": "USD", "source": "press-a", "at": "¶2"}}"#
        )
    };
    let data = defining(
        &[
            filed("operating_cash_flow", "FY2025", "31.98"),
            filed("capex", "FY2025", "3.26"),
            filed("operating_cash_flow", "FY2025-Q1..FY2025-Q3", "22.4"),
            filed("capex", "FY2025-Q1..FY2025-Q3", "2.41"),
        ],
        &[
            ytd("operating_cash_flow", "31.98"),
            ytd("capex", "3.26"),
            // 28.72 and 8.73: the first holds, the second is wrong.
            level("FY2025", "28.7"),
            level("FY2025-Q4", "9.7"),
        ],
    );
    let figures = Figures::build(&data).unwrap();
    let outcomes = |against| -> Vec<Outcome> {
        verify(&figures, against)
            .unwrap()
            .iter()
            .skip(2)
            .map(|v| v.outcome)
            .collect()
    };
    // Against the claim's own source, stated figures fill the gap, but not
    // a sum of what another source's claims imply.
    assert_eq!(
        outcomes(Against::Own),
        [Outcome::Holds, Outcome::Unverifiable]
    );
    assert_eq!(
        outcomes(Against::Best),
        [Outcome::Holds, Outcome::Contradicted]
    );
    let verdicts = verify(&figures, Against::Best).unwrap();
    let q4 = &verdicts[3];
    assert_eq!(
        q4.inputs[0].provenance.to_string(),
        "by definition: operating_cash_flow − capex"
    );
    assert_eq!(
        q4.computed.unwrap().point(),
        Decimal::from(8_730_000_000u64)
    );
}
