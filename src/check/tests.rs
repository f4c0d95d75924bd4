//! Unit tests of the checks: each kind of finding with a small dataset
//! where it must be found and one where it must not.

use super::*;
use crate::dataset::Input;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// A dataset with sources `a`, `b` (press), `f` (filing), `t` (a press
/// source for targets), a group `g` with segments `s` and `s2`, and `s`'s
/// segment `t`, plus the given facts and claims (JSON array bodies).
fn dataset(facts: &str, claims: &str) -> Dataset {
    let text = format!(
        r#"{{"format": "earnings-dataset/1",
        "sources": {{
            "a": {{"title": "A", "kind": "press"}},
            "b": {{"title": "B", "kind": "press"}},
            "f": {{"title": "F", "kind": "filing"}}
        }},
        "entities": {{
            "g": {{"name": "Group", "currency": "CNY"}},
            "s": {{"name": "Segment", "parent": "g"}},
            "s2": {{"name": "Other segment", "parent": "g"}},
            "t": {{"name": "Sub-segment", "parent": "s"}}
        }},
        "facts": [{facts}],
        "claims": [{claims}]}}"#
    );
    Dataset::load(&[Input {
        name: "test.json",
        bytes: text.as_bytes(),
    }])
    .unwrap()
}

fn fact(
    entity: &str,
    metric: &str,
    period: &str,
    value: &str,
    scale: &str,
    source: &str,
) -> String {
    format!(
        r#"{{"entity": "{entity}", "metric": "{metric}", "period": "{period}", "value": "{value}",
            "scale": "{scale}", "unit": "CNY", "source": "{source}", "at": "p1"}}"#
    )
}

fn all(data: &Dataset) -> Vec<Finding> {
    let figures = Figures::build(data).unwrap();
    findings(&figures, &local_verdicts(&figures)).unwrap()
}

fn of_kind(findings: &[Finding], kind: Kind) -> Vec<&Finding> {
    findings.iter().filter(|f| f.kind == kind).collect()
}

fn bounded(point: &str, low: &str, high: &str) -> Bounded {
    Bounded::closed(d(point), d(low), d(high)).unwrap()
}

// ---------------------------------------------------------------- scale

#[test]
fn power_of_ten_within_rounding() {
    // (ratio interval, expected k)
    let cases: [(Bounded, Option<i32>); 9] = [
        // 89.71 / 8.971 and 37.43 / 3.743, each rounded to its last digit.
        (
            bounded("89.71", "89.705", "89.715")
                .checked_div(&bounded("8.971", "8.9705", "8.9715"))
                .unwrap(),
            Some(1),
        ),
        (
            bounded("37.43", "37.425", "37.435")
                .checked_div(&bounded("3.743", "3.7425", "3.7435"))
                .unwrap(),
            Some(1),
        ),
        (Bounded::exact(d("0.001")), Some(-3)),
        (Bounded::exact(d("1000000000000")), Some(12)),
        // 10.15 is within the 2% tolerance of 10; 10.5 is not.
        (Bounded::exact(d("10.15")), Some(1)),
        (Bounded::exact(d("10.5")), None),
        (Bounded::exact(d("1.09")), None),
        // A ratio known only within a factor of 3 matches nothing.
        (bounded("10", "5", "15"), None),
        (Bounded::exact(d("-10")), None),
    ];
    for (ratio, expected) in cases {
        assert_eq!(power_of_ten(&ratio), expected, "{ratio}");
    }
}

#[test]
fn likely_causes_name_the_scale_words() {
    assert!(likely_cause(1).contains("亿"));
    assert!(likely_cause(-1).contains("亿"));
    assert!(likely_cause(3).contains("million taken for a billion"));
    assert!(likely_cause(4).contains("万"));
}

// ------------------------------------------------------------ conflicts

#[test]
fn a_tenfold_conflict_is_a_scale_error() {
    let data = dataset(
        &[
            fact("g", "revenue", "FY2026", "89.71", "billion", "a"),
            fact("g", "revenue", "FY2026", "8971", "million", "b"),
        ]
        .join(","),
        "",
    );
    let found = all(&data);
    let scale = of_kind(&found, Kind::ScaleError);
    assert_eq!(scale.len(), 1, "{found:#?}");
    assert_eq!(scale[0].severity, Severity::Error);
    assert!(
        scale[0].message.contains("10 times"),
        "{}",
        scale[0].message
    );
    assert_eq!(scale[0].figures.len(), 2);
    assert_eq!(scale[0].figures[0].source.as_deref(), Some("a"));
    assert_eq!(scale[0].figures[1].value.point(), d("8971000000"));
    assert!(of_kind(&found, Kind::Conflict).is_empty());
    assert!(conflicted(&data).contains(&"g.revenue@FY2026".parse().unwrap()));
}

#[test]
fn rounding_is_no_conflict() {
    // 1.02367 trillion allows ±0.000005 trillion; 1,023,670 million lies inside.
    let data = dataset(
        &[
            fact("g", "revenue", "FY2026", "1.02367", "trillion", "a"),
            fact("g", "revenue", "FY2026", "1023670", "million", "f"),
        ]
        .join(","),
        "",
    );
    let found = all(&data);
    assert!(of_kind(&found, Kind::Conflict).is_empty(), "{found:#?}");
    assert!(of_kind(&found, Kind::ScaleError).is_empty(), "{found:#?}");
    assert!(conflicted(&data).is_empty());
}

#[test]
fn a_plain_conflict_is_a_warning_with_the_trusted_source_first() {
    // The filing is loaded second but trusted more.
    let data = dataset(
        &[
            fact("g", "revenue", "FY2026", "120", "billion", "a"),
            fact("g", "revenue", "FY2026", "100", "billion", "f"),
        ]
        .join(","),
        "",
    );
    let found = all(&data);
    let conflicts = of_kind(&found, Kind::Conflict);
    assert_eq!(conflicts.len(), 1, "{found:#?}");
    assert_eq!(conflicts[0].severity, Severity::Warning);
    assert_eq!(conflicts[0].figures[0].source.as_deref(), Some("f"));
    assert!(conflicts[0].message.contains("Metrics use f's figure"));
    assert!(of_kind(&found, Kind::ScaleError).is_empty());
}

#[test]
fn a_target_against_a_reported_figure_is_a_note() {
    let target = r#"{"entity": "g", "metric": "revenue", "period": "FY2026", "value": "150",
        "scale": "billion", "unit": "CNY", "status": "target", "source": "a", "at": "p2"}"#;
    let data = dataset(
        &[
            target.to_string(),
            fact("g", "revenue", "FY2026", "100", "billion", "b"),
        ]
        .join(","),
        "",
    );
    let found = all(&data);
    let conflicts = of_kind(&found, Kind::Conflict);
    assert_eq!(conflicts.len(), 1, "{found:#?}");
    assert_eq!(conflicts[0].severity, Severity::Note);
}

#[test]
fn different_units_are_a_conflict() {
    let usd = r#"{"entity": "g", "metric": "revenue", "period": "FY2026", "value": "14",
        "scale": "billion", "unit": "USD", "source": "b", "at": "p2"}"#;
    let data = dataset(
        &[
            fact("g", "revenue", "FY2026", "100", "billion", "a"),
            usd.to_string(),
        ]
        .join(","),
        "",
    );
    let found = all(&data);
    let conflicts = of_kind(&found, Kind::Conflict);
    assert_eq!(conflicts.len(), 1, "{found:#?}");
    assert!(conflicts[0].message.contains("different units"));
}

// ------------------------------------------------------- part and whole

#[test]
fn a_segment_above_its_parent_in_the_same_quarter_is_an_error() {
    let data = dataset(
        &[
            fact("s", "revenue", "FY2026-Q4", "50", "billion", "a"),
            fact("t", "revenue", "FY2026-Q4", "60", "billion", "a"),
        ]
        .join(","),
        "",
    );
    let found = all(&data);
    let parts = of_kind(&found, Kind::PartAboveWhole);
    assert_eq!(parts.len(), 1, "{found:#?}");
    assert_eq!(parts[0].severity, Severity::Error);
    assert_eq!(parts[0].figures[0].what, "t.revenue@FY2026-Q4");
    assert_eq!(parts[0].figures[1].what, "s.revenue@FY2026-Q4");
}

#[test]
fn a_segment_below_or_overlapping_its_parent_is_fine() {
    for part in ["40", "49.99"] {
        let about = r#"{"entity": "s", "metric": "revenue", "period": "FY2026-Q4", "value": "50",
            "scale": "billion", "unit": "CNY", "bound": "about", "source": "a", "at": "p"}"#;
        let data = dataset(
            &[
                about.to_string(),
                fact("t", "revenue", "FY2026-Q4", part, "billion", "a"),
            ]
            .join(","),
            "",
        );
        let found = all(&data);
        assert!(
            of_kind(&found, Kind::PartAboveWhole).is_empty(),
            "{found:#?}"
        );
    }
    // "About 50" allows up to 52.5: 52 might be the part of it.
    let about = r#"{"entity": "s", "metric": "revenue", "period": "FY2026-Q4", "value": "50",
        "scale": "billion", "unit": "CNY", "bound": "about", "source": "a", "at": "p"}"#;
    let data = dataset(
        &[
            about.to_string(),
            fact("t", "revenue", "FY2026-Q4", "52", "billion", "a"),
        ]
        .join(","),
        "",
    );
    assert!(of_kind(&all(&data), Kind::PartAboveWhole).is_empty());
}

#[test]
fn a_profit_or_a_signed_metric_may_exceed_the_group() {
    // A segment earns more than the group when another loses money.
    let data = dataset(
        &[
            fact("g", "net_profit", "FY2026", "10", "billion", "a"),
            fact("s", "net_profit", "FY2026", "30", "billion", "a"),
            fact("g", "orders_value", "FY2026", "10", "billion", "a"),
            fact("s", "orders_value", "FY2026", "30", "billion", "a"),
            fact("s2", "orders_value", "FY2026", "-20", "billion", "a"),
        ]
        .join(","),
        "",
    );
    let found = all(&data);
    assert!(
        of_kind(&found, Kind::PartAboveWhole).is_empty(),
        "{found:#?}"
    );
}

#[test]
fn a_quarter_above_the_parents_year_is_an_error() {
    let data = dataset(
        &[
            fact("s", "revenue", "FY2026", "50", "billion", "a"),
            fact("t", "revenue", "FY2026-Q4", "60", "billion", "a"),
        ]
        .join(","),
        "",
    );
    let found = all(&data);
    let parts = of_kind(&found, Kind::PartAboveWhole);
    assert_eq!(parts.len(), 1, "{found:#?}");
    assert_eq!(parts[0].severity, Severity::Error);
    assert!(parts[0].message.contains("longer period"));
}

#[test]
fn a_quarters_run_rate_above_the_parents_year_is_a_warning() {
    // 20 × 4 = 80 > 50, though 20 < 50.
    let data = dataset(
        &[
            fact("s", "revenue", "FY2026", "50", "billion", "a"),
            fact("t", "revenue", "FY2026-Q4", "20", "billion", "a"),
        ]
        .join(","),
        "",
    );
    let found = all(&data);
    let parts = of_kind(&found, Kind::PartAboveWhole);
    assert_eq!(parts.len(), 1, "{found:#?}");
    assert_eq!(parts[0].severity, Severity::Warning);
    assert_eq!(parts[0].figures[1].role, Role::Computed);
    assert_eq!(parts[0].figures[1].value.point(), d("80000000000"));
    // A run-rate within the year is fine: 10 × 4 = 40 < 50.
    let data = dataset(
        &[
            fact("s", "revenue", "FY2026", "50", "billion", "a"),
            fact("t", "revenue", "FY2026-Q4", "10", "billion", "a"),
        ]
        .join(","),
        "",
    );
    assert!(of_kind(&all(&data), Kind::PartAboveWhole).is_empty());
    // With the parent's own quarter known, that is the comparison made.
    let data = dataset(
        &[
            fact("s", "revenue", "FY2026", "50", "billion", "a"),
            fact("s", "revenue", "FY2026-Q4", "25", "billion", "a"),
            fact("t", "revenue", "FY2026-Q4", "20", "billion", "a"),
        ]
        .join(","),
        "",
    );
    assert!(of_kind(&all(&data), Kind::PartAboveWhole).is_empty());
}

#[test]
fn a_target_is_not_compared_with_a_reported_figure() {
    let target = r#"{"entity": "s", "metric": "revenue", "period": "FY2026-Q4", "value": "50",
        "scale": "billion", "unit": "CNY", "status": "target", "source": "a", "at": "p"}"#;
    let data = dataset(
        &[
            target.to_string(),
            fact("t", "revenue", "FY2026-Q4", "60", "billion", "a"),
        ]
        .join(","),
        "",
    );
    let found = all(&data);
    assert!(
        of_kind(&found, Kind::PartAboveWhole).is_empty(),
        "{found:#?}"
    );
}

#[test]
fn a_grandparent_is_compared_when_the_parent_has_no_figure() {
    let data = dataset(
        &[
            fact("g", "revenue", "FY2026-Q4", "50", "billion", "a"),
            fact("t", "revenue", "FY2026-Q4", "60", "billion", "a"),
        ]
        .join(","),
        "",
    );
    let found = all(&data);
    let parts = of_kind(&found, Kind::PartAboveWhole);
    assert_eq!(parts.len(), 1, "{found:#?}");
    assert_eq!(parts[0].figures[1].what, "g.revenue@FY2026-Q4");
    // The same pair is not reported again as an implausible size.
    assert!(of_kind(&found, Kind::ImplausibleSize).is_empty());
}

// ----------------------------------------------------------------- shares

fn share_claim(value: &str, bound: &str) -> String {
    format!(
        r#"{{"kind": "share", "of": "s.revenue@FY2026", "whole": "g.revenue@FY2026",
            "value": "{value}", "unit": "percent", "bound": "{bound}", "source": "a", "at": "p3"}}"#
    )
}

#[test]
fn a_share_above_100_percent_is_an_error() {
    let data = dataset("", &share_claim("120", "rounded"));
    let found = all(&data);
    let shares = of_kind(&found, Kind::ShareAbove100);
    assert_eq!(shares.len(), 1, "{found:#?}");
    assert_eq!(shares[0].severity, Severity::Error);
    assert_eq!(shares[0].figures[0].role, Role::Claimed);
    for (value, bound) in [("100", "exact"), ("98", "about"), ("99.6", "rounded")] {
        let data = dataset("", &share_claim(value, bound));
        assert!(
            of_kind(&all(&data), Kind::ShareAbove100).is_empty(),
            "{value} {bound}"
        );
    }
}

// ----------------------------------------------------- contradicted claims

#[test]
fn a_claim_verify_contradicts_is_an_error() {
    let data = dataset(
        &fact("g", "revenue", "FY2026", "100", "billion", "a"),
        r#"{"kind": "level", "of": "g.revenue@FY2026", "value": "200", "scale": "billion",
            "unit": "CNY", "bound": "more_than", "source": "a", "at": "p4"}"#,
    );
    let figures = Figures::build(&data).unwrap();
    let input = figures
        .get(&"g.revenue@FY2026".parse().unwrap(), Basis::MostTrusted)
        .unwrap();
    let verdict = |contradicted| ClaimVerdict {
        claim: 0,
        contradicted,
        verifiable: true,
        computed: Some(input.value),
        inputs: vec![input.clone()],
        contested: None,
        impossible: None,
    };
    let found = findings(&figures, &[verdict(true)]).unwrap();
    let contradicted = of_kind(&found, Kind::ContradictedClaim);
    assert_eq!(contradicted.len(), 1, "{found:#?}");
    assert_eq!(contradicted[0].severity, Severity::Error);
    let roles: Vec<Role> = contradicted[0].figures.iter().map(|f| f.role).collect();
    assert_eq!(roles, [Role::Claimed, Role::Computed, Role::Stated]);
    let found = findings(&figures, &[verdict(false)]).unwrap();
    assert!(of_kind(&found, Kind::ContradictedClaim).is_empty());
    // A verdict for a claim that does not exist is ignored, not a panic.
    let stray = ClaimVerdict {
        claim: 7,
        ..verdict(true)
    };
    let found = findings(&figures, &[stray]).unwrap();
    assert!(of_kind(&found, Kind::ContradictedClaim).is_empty());
}

// ---------------------------------------------------------- implausible

#[test]
fn a_segment_figure_above_the_groups_revenue_is_implausible() {
    let data = dataset(
        &[
            fact("g", "revenue", "FY2026-Q4", "50", "billion", "a"),
            fact("t", "capex", "FY2026-Q4", "60", "billion", "a"),
        ]
        .join(","),
        "",
    );
    let found = all(&data);
    let sizes = of_kind(&found, Kind::ImplausibleSize);
    assert_eq!(sizes.len(), 1, "{found:#?}");
    assert_eq!(sizes[0].severity, Severity::Warning);
    // Below the group's revenue: nothing.
    let data = dataset(
        &[
            fact("g", "revenue", "FY2026-Q4", "50", "billion", "a"),
            fact("t", "capex", "FY2026-Q4", "40", "billion", "a"),
        ]
        .join(","),
        "",
    );
    assert!(of_kind(&all(&data), Kind::ImplausibleSize).is_empty());
}

#[test]
fn segment_revenue_above_the_groups_is_an_error_even_under_a_parent() {
    // t is below s (so no part above whole), but above the whole group.
    let data = dataset(
        &[
            fact("g", "revenue", "FY2026-Q4", "50", "billion", "a"),
            fact("s", "revenue", "FY2026-Q4", "70", "billion", "a"),
            fact("t", "revenue", "FY2026-Q4", "60", "billion", "a"),
        ]
        .join(","),
        "",
    );
    let found = all(&data);
    let sizes = of_kind(&found, Kind::ImplausibleSize);
    assert_eq!(sizes.len(), 1, "{found:#?}");
    assert_eq!(sizes[0].severity, Severity::Error);
    assert_eq!(sizes[0].figures[0].what, "t.revenue@FY2026-Q4");
    // s above g is a part above its whole, reported once, not twice.
    assert_eq!(of_kind(&found, Kind::PartAboveWhole).len(), 1);
}

#[test]
fn a_segments_run_rate_above_the_groups_year_is_a_warning() {
    let data = dataset(
        &[
            fact("g", "revenue", "FY2026", "100", "billion", "a"),
            fact("t", "capex", "FY2026-Q4", "30", "billion", "a"),
        ]
        .join(","),
        "",
    );
    let found = all(&data);
    let sizes = of_kind(&found, Kind::ImplausibleSize);
    assert_eq!(sizes.len(), 1, "{found:#?}");
    assert_eq!(sizes[0].severity, Severity::Warning);
    assert!(sizes[0].message.contains("annualized"));
}

// ---------------------------------------------------------------- margins

#[test]
fn margins_outside_plus_minus_100_percent_are_warnings() {
    let percent = |metric: &str, value: &str| {
        format!(
            r#"{{"entity": "g", "metric": "{metric}", "period": "FY2026", "value": "{value}",
                "unit": "percent", "source": "a", "at": "p"}}"#
        )
    };
    let data = dataset(
        &[
            fact("g", "revenue", "FY2026", "100", "billion", "a"),
            fact("g", "net_profit", "FY2026", "150", "billion", "a"),
            percent("gross_margin", "130"),
        ]
        .join(","),
        r#"{"kind": "margin", "of": "g.operating_income@FY2026", "value": "-140",
            "unit": "percent", "source": "a", "at": "p5"}"#,
    );
    let found = all(&data);
    let margins = of_kind(&found, Kind::MarginOutOfRange);
    assert_eq!(margins.len(), 3, "{found:#?}");
    assert!(margins.iter().all(|m| m.severity == Severity::Warning));
    let computed = margins
        .iter()
        .flat_map(|m| &m.figures)
        .find(|f| f.role == Role::Computed)
        .unwrap();
    assert_eq!(computed.value.point(), d("150"));

    let data = dataset(
        &[
            fact("g", "revenue", "FY2026", "100", "billion", "a"),
            fact("g", "net_profit", "FY2026", "-99", "billion", "a"),
            percent("gross_margin", "60"),
        ]
        .join(","),
        r#"{"kind": "margin", "of": "g.operating_income@FY2026", "value": "99",
            "unit": "percent", "source": "a", "at": "p5"}"#,
    );
    assert!(of_kind(&all(&data), Kind::MarginOutOfRange).is_empty());
}

// ---------------------------------------------------------------- hygiene

#[test]
fn a_fact_nothing_uses_is_a_note() {
    let data = dataset(
        &[
            fact("g", "revenue", "FY2026", "100", "billion", "a"),
            fact("g", "capex", "FY2026", "10", "billion", "a"),
            fact("g", "revenue", "FY2025", "90", "billion", "a"),
        ]
        .join(","),
        "",
    );
    let found = all(&data);
    let unused = of_kind(&found, Kind::UnusedFact);
    // Revenue has a prior year (a change); capex nothing.
    assert_eq!(unused.len(), 1, "{found:#?}");
    assert_eq!(unused[0].figures[0].what, "g.capex@FY2026");
    assert_eq!(unused[0].severity, Severity::Note);
}

#[test]
fn a_claim_that_can_neither_be_verified_nor_imply_is_idle() {
    // Neither figure of the share is known.
    let data = dataset("", &share_claim("30", "rounded"));
    let found = all(&data);
    let idle = of_kind(&found, Kind::IdleClaim);
    assert_eq!(idle.len(), 1, "{found:#?}");
    assert!(idle[0].message.contains("s.revenue@FY2026"));
    // With the part known, it implies the whole.
    let data = dataset(
        &fact("s", "revenue", "FY2026", "30", "billion", "a"),
        &share_claim("30", "rounded"),
    );
    assert!(of_kind(&all(&data), Kind::IdleClaim).is_empty());
    // A multiple between two periods implies a growth rate.
    let data = dataset(
        "",
        r#"{"kind": "multiple", "of": "g.orders@FY2026", "base": "g.orders@FY2025",
            "value": "2", "unit": "multiple", "source": "a", "at": "p6"}"#,
    );
    assert!(of_kind(&all(&data), Kind::IdleClaim).is_empty());
}

#[test]
fn an_idle_verdict_from_verify_is_respected() {
    let data = dataset("", &share_claim("30", "rounded"));
    let figures = Figures::build(&data).unwrap();
    let verifiable = ClaimVerdict {
        claim: 0,
        contradicted: false,
        verifiable: true,
        computed: None,
        inputs: Vec::new(),
        contested: None,
        impossible: None,
    };
    let found = findings(&figures, &[verifiable]).unwrap();
    assert!(of_kind(&found, Kind::IdleClaim).is_empty());
}

#[test]
fn entities_without_facts_are_notes() {
    let data = dataset(&fact("t", "revenue", "FY2026", "1", "billion", "a"), "");
    let found = all(&data);
    let empty: Vec<&str> = of_kind(&found, Kind::EntityWithoutFacts)
        .iter()
        .filter_map(|f| f.entity.as_deref())
        .collect();
    assert_eq!(empty, ["g", "s", "s2"]);
}

#[test]
fn ambiguity_markers_are_whole_words() {
    let cases = [
        (
            "Taken as the calendar year. It could instead mean the fiscal year.",
            Some(("could instead", "It could instead mean the fiscal year.")),
        ),
        ("Either x3 or x4.", Some(("either", "Either x3 or x4."))),
        ("Neither source gives the quarter.", None),
        ("A clear figure, whetherless.", None),
        ("", None),
    ];
    for (text, expected) in cases {
        assert_eq!(ambiguity(text), expected, "{text}");
    }
    // A short flagged sentence runs on into the next.
    let (_, sentence) =
        ambiguity("Ambiguous. The quarter is not named, so it is taken as Q4. More.").unwrap();
    assert!(sentence.starts_with("Ambiguous. The quarter"), "{sentence}");
    // Non-ASCII text around a marker is sliced safely.
    let (marker, _) = ambiguity("İİİ 亿 could be 万. Ünclear").unwrap();
    assert_eq!(marker, "could be");
}

#[test]
fn notes_that_flag_ambiguity_are_found() {
    let noted = r#"{"entity": "g", "metric": "revenue", "period": "FY2026", "value": "1",
        "scale": "billion", "unit": "CNY", "source": "a", "at": "p", "note": "It is unclear which quarter."}"#;
    let plain = r#"{"entity": "g", "metric": "revenue", "period": "FY2025", "value": "1",
        "scale": "billion", "unit": "CNY", "source": "a", "at": "p", "note": "Audited."}"#;
    let data = dataset(&[noted, plain].join(","), "");
    let found = all(&data);
    let ambiguous = of_kind(&found, Kind::AmbiguousWording);
    assert_eq!(ambiguous.len(), 1, "{found:#?}");
    assert!(ambiguous[0].message.contains("unclear"));
}

// ------------------------------------------------------------- ordering

#[test]
fn errors_come_first() {
    let data = dataset(
        &[
            fact("g", "capex", "FY2026", "10", "billion", "a"),
            fact("g", "revenue", "FY2026", "89.71", "billion", "a"),
            fact("g", "revenue", "FY2026", "8971", "million", "b"),
        ]
        .join(","),
        "",
    );
    let found = all(&data);
    let severities: Vec<Severity> = found.iter().map(|f| f.severity).collect();
    let mut sorted = severities.clone();
    sorted.sort();
    assert_eq!(severities, sorted);
    assert_eq!(severities.first(), Some(&Severity::Error));
    assert!(has_errors(&found));
}

// --------------------------------------------------------------- bundled

#[test]
fn the_bundled_data_shows_its_scale_errors() {
    let data = Dataset::bundled().unwrap();
    let found = run(&data).unwrap();
    let has = |kind: Kind, figure: &str| {
        found.iter().any(|f| {
            f.kind == kind && f.severity == Severity::Error && f.message.starts_with(figure)
        })
    };
    assert!(has(Kind::ScaleError, "alibaba-ai.revenue@FY2026-Q4"));
    assert!(has(Kind::ScaleError, "alibaba.free_cash_flow@FY2025-Q4"));
    assert!(has(Kind::PartAboveWhole, "alibaba-ai.revenue@FY2026-Q4"));
    // 1.02367 trillion against 1,023,670 million agree.
    assert!(!found.iter().any(|f| {
        f.subjects
            .contains(&"alibaba.revenue@FY2026".parse().unwrap())
            && matches!(f.kind, Kind::Conflict | Kind::ScaleError)
    }));
}

// ------------------------------------------------------------- extremes

#[test]
fn an_overflow_is_a_note_not_a_failure() {
    // Guards against `check` failing (exit 2) on valid data whose margin or
    // ratio is beyond the range of decimals.
    let exact = |entity: &str, metric: &str, period: &str, value: &str, source: &str| {
        format!(
            r#"{{"entity": "{entity}", "metric": "{metric}", "period": "{period}", "value": "{value}",
                "bound": "exact", "unit": "CNY", "source": "{source}", "at": "x"}}"#
        )
    };
    let data = dataset(
        &[
            exact("g", "revenue", "FY2026", "0.0000000000000000000000001", "a"),
            exact("g", "revenue", "FY2026", "79228162514264337593543950", "b"),
            exact(
                "g",
                "net_profit",
                "FY2026",
                "79228162514264337593543950335",
                "b",
            ),
        ]
        .join(","),
        "",
    );
    let found = all(&data);
    assert_eq!(of_kind(&found, Kind::Conflict).len(), 1, "{found:#?}");
    let margins = of_kind(&found, Kind::MarginOutOfRange);
    assert_eq!(margins.len(), 1, "{found:#?}");
    assert_eq!(margins[0].severity, Severity::Note);
    assert!(margins[0].message.contains("overflow"));
}

/// Findings of a dataset defining `free_cash_flow = operating_cash_flow −
/// capex`, with a filing `f` and a newspaper `a`.
fn defined_findings(facts: &[(&str, &str, &str, &str)]) -> Vec<Finding> {
    let facts: Vec<String> = facts
        .iter()
        .map(|(metric, value, unit, source)| {
            format!(
                r#"{{"entity": "g", "metric": "{metric}", "period": "FY2025", "value": "{value}", "scale": "billion", "unit": "{unit}", "source": "{source}", "at": "p. 9"}}"#
            )
        })
        .collect();
    let text = format!(
        r#"{{"format": "earnings-dataset/1",
        "sources": {{"a": {{"title": "A", "kind": "press"}}, "f": {{"title": "F", "kind": "filing"}}}},
        "entities": {{"g": {{"name": "Group", "currency": "USD"}}}},
        "definitions": {{"free_cash_flow": "operating_cash_flow - capex"}},
        "facts": [{}]}}"#,
        facts.join(",\n")
    );
    let data = Dataset::load(&[Input {
        name: "test.json",
        bytes: text.as_bytes(),
    }])
    .unwrap();
    run(&data)
        .unwrap()
        .into_iter()
        .filter(|f| f.severity != Severity::Note)
        .collect()
}

#[test]
fn a_stated_figure_its_operands_rule_out_is_reported() {
    // 30.3 less 2.9 is 27.30 to 27.50: 27.4 meets it, 25 does not.
    let operands = [
        ("operating_cash_flow", "30.3", "USD", "f"),
        ("capex", "2.9", "USD", "f"),
    ];
    let with = |value: &str, source: &'static str| {
        let mut facts = operands.to_vec();
        facts.push(("free_cash_flow", value, "USD", source));
        defined_findings(
            &facts
                .iter()
                .map(|(m, v, u, s)| (*m, *v, *u, *s))
                .collect::<Vec<_>>(),
        )
    };
    assert_eq!(with("27.4", "f"), []);
    let press = with("25", "a");
    let [finding] = press.as_slice() else {
        panic!("one finding expected: {press:?}")
    };
    assert_eq!(finding.kind, Kind::DefinitionMismatch);
    assert_eq!(finding.severity, Severity::Warning);
    assert_eq!(
        finding.message,
        "g.free_cash_flow@FY2025: a p. 9 states 25 billion USD, but the operands give \
         operating_cash_flow − capex = 27.3 to 27.5 billion USD: the intervals do not overlap \
         (another definition of the metric, or a figure wrong)."
    );
    let roles: Vec<Role> = finding.figures.iter().map(|f| f.role).collect();
    assert_eq!(
        roles,
        [Role::Stated, Role::Defined, Role::Stated, Role::Stated]
    );
    // The filing states both operands and a sum they rule out: it
    // contradicts itself.
    let own = with("25", "f");
    assert_eq!(own.len(), 1, "{own:?}");
    assert_eq!(own[0].severity, Severity::Error);
}

#[test]
fn operands_in_two_currencies_are_not_added() {
    let findings = defined_findings(&[
        ("operating_cash_flow", "30.3", "USD", "f"),
        ("capex", "2.9", "CNY", "f"),
    ]);
    let kinds: Vec<(Severity, Kind)> = findings.iter().map(|f| (f.severity, f.kind)).collect();
    assert_eq!(kinds, [(Severity::Warning, Kind::DefinitionNotApplied)]);
    assert!(
        findings[0]
            .message
            .contains("its operands are in different units (USD, CNY)"),
        "{}",
        findings[0].message
    );
}
