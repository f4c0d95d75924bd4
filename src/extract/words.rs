//! The words `extract` knows: qualifiers and the bounds they mean,
//! directions, scales, currencies, number words, months. Lowercase.

use crate::value::{BoundKind, Scale};

/// Qualifiers, as word sequences, and the bound each means
/// (data/FORMAT.md, Values and bounds). Longest first, so that "no less
/// than" wins over "less than".
pub const QUALIFIERS: &[(&[&str], BoundKind)] = &[
    (&["in", "excess", "of"], BoundKind::MoreThan),
    (&["no", "less", "than"], BoundKind::AtLeast),
    (&["not", "less", "than"], BoundKind::AtLeast),
    (&["no", "more", "than"], BoundKind::AtMost),
    (&["not", "more", "than"], BoundKind::AtMost),
    (&["more", "than"], BoundKind::MoreThan),
    (&["greater", "than"], BoundKind::MoreThan),
    (&["at", "least"], BoundKind::AtLeast),
    (&["break", "through"], BoundKind::AtLeast),
    (&["breaks", "through"], BoundKind::AtLeast),
    (&["broke", "through"], BoundKind::AtLeast),
    (&["breaking", "through"], BoundKind::AtLeast),
    (&["at", "most"], BoundKind::AtMost),
    (&["up", "to"], BoundKind::AtMost),
    (&["less", "than"], BoundKind::LessThan),
    (&["fewer", "than"], BoundKind::LessThan),
    (&["close", "to"], BoundKind::About),
    (&["an", "estimated"], BoundKind::About),
    (&["over"], BoundKind::MoreThan),
    (&["exceeding"], BoundKind::MoreThan),
    (&["exceeded"], BoundKind::MoreThan),
    (&["exceed"], BoundKind::MoreThan),
    (&["exceeds"], BoundKind::MoreThan),
    (&["above"], BoundKind::MoreThan),
    (&["surpassing"], BoundKind::MoreThan),
    (&["surpassed"], BoundKind::MoreThan),
    (&["under"], BoundKind::LessThan),
    (&["below"], BoundKind::LessThan),
    (&["about"], BoundKind::About),
    (&["around"], BoundKind::About),
    (&["approximately"], BoundKind::About),
    (&["roughly"], BoundKind::About),
    (&["nearly"], BoundKind::About),
    (&["almost"], BoundKind::About),
    (&["some"], BoundKind::About),
];

/// Words that say a figure went down (a fall, a loss, an outflow): the
/// number is read as negative.
pub const DOWN: &[&str] = &[
    "decreased",
    "decrease",
    "decreases",
    "decreasing",
    "declined",
    "decline",
    "declines",
    "declining",
    "fell",
    "fall",
    "falls",
    "falling",
    "dropped",
    "drop",
    "drops",
    "down",
    "loss",
    "losses",
    "lost",
    "outflow",
    "outflows",
    "shrank",
    "shrink",
    "shrinks",
    "contracted",
    "slid",
    "slipped",
    "plunged",
    "plummeted",
    "tumbled",
];

/// Words that say a figure went up.
pub const UP: &[&str] = &[
    "increased",
    "increase",
    "increases",
    "increasing",
    "grew",
    "grow",
    "grows",
    "growing",
    "growth",
    "rose",
    "rise",
    "rises",
    "rising",
    "risen",
    "up",
    "rebounded",
    "rebound",
    "climbed",
    "jumped",
    "surged",
    "gained",
    "expanded",
    "soared",
];

/// Words that may stand between a direction or a qualifier and its number.
pub const FILLERS: &[&str] = &[
    "by", "of", "a", "an", "the", "net", "far", "well", "slightly", "just", "was", "were", "is",
    "are", "will", "would", "with", "its", "their", "still", "further", "has", "have", "had",
    "been",
];

/// Words that say a change is year-over-year.
pub const YOY: &[&str] = &["year-over-year", "year-on-year", "yoy", "y-o-y"];

/// Words that make a figure annualized.
pub const ANNUALIZED: &[&str] = &["annualized", "annualised", "run-rate"];

/// Words before a percentage that make it a share.
pub const SHARE: &[&str] = &["accounted", "accounting", "accounts", "share", "proportion"];

/// Scales written as words (after a number, with or without a space).
pub fn scale_word(word: &str, attached: bool) -> Option<Scale> {
    Some(match word {
        "thousand" => Scale::Thousand,
        "million" | "millions" | "mn" => Scale::Million,
        "billion" | "billions" | "bn" => Scale::Billion,
        "trillion" | "trillions" | "tn" => Scale::Trillion,
        "m" if attached => Scale::Million,
        "b" if attached => Scale::Billion,
        "k" if attached => Scale::Thousand,
        _ => return None,
    })
}

/// Currencies written as a code or a word, and their codes.
pub fn currency_word(word: &str) -> Option<&'static str> {
    Some(match word {
        "yuan" | "rmb" | "cny" | "renminbi" | "元" => "CNY",
        "usd" | "dollars" | "dollar" => "USD",
        "hkd" => "HKD",
        "eur" | "euro" | "euros" => "EUR",
        "gbp" | "pounds" => "GBP",
        "jpy" | "yen" => "JPY",
        _ => return None,
    })
}

/// Currencies written as a symbol before the number.
pub fn currency_symbol(symbol: char) -> Option<&'static str> {
    Some(match symbol {
        '$' => "USD",
        '¥' | '￥' => "CNY",
        '€' => "EUR",
        '£' => "GBP",
        _ => return None,
    })
}

/// Numbers written as words.
pub fn number_word(word: &str) -> Option<u32> {
    const SMALL: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(n) = SMALL.iter().position(|w| *w == word) {
        return u32::try_from(n).ok();
    }
    if let Some(n) = TENS.iter().position(|w| *w == word) {
        return u32::try_from(n)
            .ok()
            .map(|n| n.saturating_add(2).saturating_mul(10));
    }
    if word == "dozen" {
        return Some(12);
    }
    // "twenty-five"
    let (tens, ones) = word.split_once('-')?;
    let tens = TENS.iter().position(|w| *w == tens)?;
    let ones = SMALL.iter().take(10).skip(1).position(|w| *w == ones)?;
    let tens = u32::try_from(tens)
        .ok()?
        .saturating_add(2)
        .saturating_mul(10);
    u32::try_from(ones)
        .ok()
        .map(|o| tens.saturating_add(o).saturating_add(1))
}

/// Verbs that are a multiple in one word ("doubled" is ×2): the multiple
/// as written, in tenths.
pub fn multiple_verb(word: &str) -> Option<&'static str> {
    Some(match word {
        "doubled" | "doubling" | "doubles" => "2",
        "tripled" | "tripling" | "triples" | "trebled" => "3",
        "quadrupled" | "quadrupling" | "quadruples" => "4",
        "halved" | "halving" => "0.5",
        _ => return None,
    })
}

/// Fractions in words, as numerator over denominator ("third" of "a
/// third", "thirds" of "two thirds").
pub fn fraction_word(word: &str) -> Option<u32> {
    Some(match word {
        "half" | "halves" => 2,
        "third" | "thirds" => 3,
        "quarter" | "quarters" => 4,
        "fifth" | "fifths" => 5,
        "tenth" | "tenths" => 10,
        _ => return None,
    })
}

/// Month names, for dates ("May 14th", "31 March").
pub fn is_month(word: &str) -> bool {
    const MONTHS: [&str; 24] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ];
    MONTHS.contains(&word)
}

/// Words after a number that make it a length of time (a period, not a
/// figure: "the next two years").
pub const DURATIONS: &[&str] = &[
    "year", "years", "month", "months", "quarter", "quarters", "week", "weeks", "day", "days",
    "hour", "hours",
];

/// Words after a number that are no count noun.
pub const NOT_NOUNS: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "and",
    "or",
    "but",
    "from",
    "by",
    "with",
    "as",
    "than",
    "that",
    "this",
    "is",
    "was",
    "were",
    "are",
    "be",
    "compared",
    "year-over-year",
    "year-on-year",
    "during",
    "while",
    "which",
    "after",
    "before",
    "since",
    "per",
    "each",
    "more",
    "less",
    "new",
    "so",
    "it",
    "its",
];
