//! Unit tests of the reader, on sentences written for them.

use super::*;

/// The one number of a one-paragraph text, as (value, high, scale, unit, bound, kind).
fn one(
    sentence: &str,
) -> (
    String,
    Option<String>,
    Scale,
    Option<String>,
    BoundKind,
    Kind,
) {
    let article = read(&format!("{sentence}\n"));
    assert_eq!(
        article.numbers.len(),
        1,
        "{sentence}: {:#?}",
        article.numbers
    );
    let n = &article.numbers[0];
    (
        n.value.to_string(),
        n.high.map(|h| h.to_string()),
        n.scale,
        n.unit.as_ref().map(|u| u.to_string()),
        n.bound,
        n.kind,
    )
}

fn values(text: &str) -> Vec<String> {
    read(text)
        .numbers
        .iter()
        .map(|n| n.value.to_string())
        .collect()
}

#[test]
fn every_qualifier_gives_its_bound() {
    let cases = [
        ("Sales were more than 5 billion yuan.", BoundKind::MoreThan),
        ("Sales were over 5 billion yuan.", BoundKind::MoreThan),
        ("Sales kept exceeding 5 billion yuan.", BoundKind::MoreThan),
        ("Sales were at least 5 billion yuan.", BoundKind::AtLeast),
        (
            "Sales will break through 5 billion yuan.",
            BoundKind::AtLeast,
        ),
        ("Sales were about 5 billion yuan.", BoundKind::About),
        ("Sales were around 5 billion yuan.", BoundKind::About),
        ("Sales were nearly 5 billion yuan.", BoundKind::About),
        ("Sales were up to 5 billion yuan.", BoundKind::AtMost),
        ("Sales were less than 5 billion yuan.", BoundKind::LessThan),
        (
            "Sales were no less than 5 billion yuan.",
            BoundKind::AtLeast,
        ),
        ("Sales were 5 billion yuan.", BoundKind::Rounded),
    ];
    for (sentence, bound) in cases {
        assert_eq!(one(sentence).4, bound, "{sentence}");
    }
}

#[test]
fn chinese_scales_are_read_whole() {
    assert_eq!(one("Sales were 897.1亿元.").2, Scale::Yi);
    assert_eq!(one("Sales were 35万 units.").2, Scale::Wan);
    assert_eq!(one("Sales were 1.2万亿元.").2, Scale::Trillion);
    let yi = read("Sales were 897.1亿元.\n").numbers[0]
        .interval()
        .unwrap();
    let billion = read("Sales were 89.71 billion yuan.\n").numbers[0]
        .interval()
        .unwrap();
    assert_eq!(yi, billion);
}

#[test]
fn currencies_by_code_symbol_and_word() {
    let unit = |s: &str| one(s).3;
    assert_eq!(unit("It paid HK$3.5bn."), Some("HKD".into()));
    assert_eq!(unit("It paid US$3.5 billion."), Some("USD".into()));
    assert_eq!(unit("It paid $12m."), Some("USD".into()));
    assert_eq!(unit("It paid RMB 20 billion."), Some("CNY".into()));
    assert_eq!(unit("It paid 20 billion US dollars."), Some("USD".into()));
    assert_eq!(one("It paid $12m.").2, Scale::Million);
}

#[test]
fn ranges_in_one_word_and_in_words() {
    let (value, high, _, unit, bound, _) = one("Margins were 60-80%.");
    assert_eq!(
        (value.as_str(), high.as_deref(), unit.as_deref(), bound),
        ("60", Some("80"), Some("percent"), BoundKind::Range)
    );
    let (value, high, scale, ..) = one("Profit will be 10 to 12 billion yuan.");
    assert_eq!(
        (value.as_str(), high.as_deref(), scale),
        ("10", Some("12"), Scale::Billion)
    );
    // A change then a level is no range.
    assert_eq!(
        values("Profit fell 19% to 102.1 billion yuan.\n"),
        ["-19", "102.1"]
    );
    assert_eq!(
        values("Revenue rose from 10 to 12 billion yuan.\n").len(),
        2
    );
}

#[test]
fn changes_shares_multiples_and_run_rates() {
    let (value, _, _, _, _, kind) = one("Revenue was down 1% year-over-year.");
    assert_eq!((value.as_str(), kind), ("-1", Kind::Yoy));
    assert_eq!(
        one("Cloud accounted for more than 30% of revenue.").5,
        Kind::Share
    );
    assert_eq!(one("Orders reached 2.7 times the level.").5, Kind::Multiple);
    assert_eq!(
        one("Annualized revenue was over 358 billion yuan.").5,
        Kind::Annualized
    );
    assert_eq!(
        one("Cash saw an outflow of 6.4 billion yuan, net.").0,
        "-6.4"
    );
    // "grew three times": to three times, or by three times.
    let (value, high, _, unit, bound, _) = one("Orders grew three times.");
    assert_eq!(
        (value.as_str(), high.as_deref(), unit.as_deref(), bound),
        ("3", Some("4"), Some("multiple"), BoundKind::Range)
    );
    assert_eq!(
        one("Orders grew more than 10 times.").4,
        BoundKind::MoreThan
    );
    assert_eq!(one("Exports doubled.").0, "2");
    assert_eq!(
        one("It hired twelve engineers.").3,
        Some("engineers".into())
    );
    let third = read("Staff: a third of them work on research.\n");
    assert_eq!(third.numbers[0].fraction, Some((1, 3)));
    assert_eq!(third.numbers[0].kind, Kind::Share);
}

#[test]
fn dates_years_places_and_lists_are_not_figures() {
    let text = "On May 14th, 2026, in fiscal 2026 and FY2027, Q4 and ¶3 of 10:30 on 2026-05-14.\n";
    assert!(read(text).numbers.is_empty(), "{:#?}", read(text).numbers);
    assert!(read("On 31 March 2026 it reported.\n").numbers.is_empty());
    assert!(
        read("The next two years will be hard, said the CEO.\n")
            .numbers
            .is_empty()
    );
    assert!(read("1. Sales rose.\n2) Costs fell.\n").numbers.is_empty());
    // A year with a currency or a percent is a figure.
    assert_eq!(values("It paid $2000.\n"), ["2000"]);
}

#[test]
fn paragraphs_count_from_the_first_sentence_and_headings_hold_no_figures() {
    let text = "A headline with 3 words\n\nBy A. Writer\n\nThe first paragraph says 5%.\n\nOutlook for 2027 and 4 plants\n\nThe third says 7 billion yuan.\n";
    let article = read(text);
    assert_eq!(article.paragraphs, 3);
    let places: Vec<(usize, String)> = article
        .numbers
        .iter()
        .map(|n| (n.paragraph, n.value.to_string()))
        .collect();
    assert_eq!(places, [(1, "5".to_string()), (3, "7".to_string())]);
}

#[test]
fn period_words_and_named_periods() {
    let n = &read("Revenue in the 2026 fiscal year was 1.02 trillion yuan.\n").numbers[0];
    assert_eq!(n.period_words, ["2026 fiscal year"]);
    assert_eq!(
        n.period.as_ref().map(|p| p.to_string()).as_deref(),
        Some("FY2026")
    );
    let n = &read("ARR will reach 10 billion yuan in the June quarter.\n").numbers[0];
    assert_eq!(n.period_words, ["June quarter"]);
    assert!(n.period.is_none());
}

proptest::proptest! {
    /// No text makes the reader panic, and every number it reads has an
    /// interval (or a reason it has none) and a paragraph within the body.
    #[test]
    fn any_text_is_read_without_panic(text in "[0-9a-zA-Z .,%$¶:亿万元\\-\n–]{0,200}") {
        let article = read(&text);
        for number in &article.numbers {
            proptest::prop_assert!(number.paragraph >= 1 && number.paragraph <= article.paragraphs);
            let _ = number.interval();
        }
    }

    #[test]
    fn any_unicode_is_read_without_panic(text in "\\PC{0,300}") {
        let _ = read(&text);
    }
}
