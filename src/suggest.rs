//! "Did you mean …?": the closest known name by edit distance, for every
//! message that names something the data or the command line does not have.

/// The Levenshtein distance between two strings, in characters.
/// (`net_proft` is 1 from `net_profit`.)
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = i;
        let mut next = Vec::with_capacity(row.len());
        next.push(i.saturating_add(1));
        for (j, cb) in b.iter().enumerate() {
            let substitute = diagonal.saturating_add(usize::from(ca != *cb));
            let delete = row
                .get(j.saturating_add(1))
                .copied()
                .unwrap_or(usize::MAX)
                .saturating_add(1);
            let insert = next.last().copied().unwrap_or(usize::MAX).saturating_add(1);
            diagonal = row.get(j.saturating_add(1)).copied().unwrap_or(usize::MAX);
            next.push(substitute.min(delete).min(insert));
        }
        row = next;
    }
    row.last().copied().unwrap_or(0)
}

/// The candidate closest to `name`, if one is close enough to be a likely
/// typo: at most a third of the name's length away (and at least 1), ties
/// going to the first candidate.
/// (`net_proft` finds `net_profit`; `ebitda` finds nothing among
/// `revenue`, `net_profit`, `free_cash_flow`.)
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .filter(|c| *c != name)
        .map(|c| (edit_distance(name, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Most names listed in a message.
pub const LISTED: usize = 8;

/// Up to [`LISTED`] names, joined by commas, with `…` when there are more.
pub fn list(names: &[String]) -> String {
    // Names from a dataset, shown as `shown` shows data text.
    let mut shown: Vec<std::borrow::Cow<'_, str>> = names
        .iter()
        .take(LISTED)
        .map(|name| crate::shown::text(name))
        .collect();
    if names.len() > LISTED {
        shown.push("…".into());
    }
    shown.join(", ")
}

/// ` (did you mean 'X'?)`, or nothing when no candidate is close.
pub fn did_you_mean(name: &str, candidates: &[String]) -> String {
    closest(name, candidates.iter().map(String::as_str)).map_or_else(String::new, |best| {
        format!(" (did you mean '{}'?)", crate::shown::text(best))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_in_both_argument_orders() {
        let cases = [
            ("", "", 0),
            ("a", "", 1),
            ("kitten", "sitting", 3),
            ("revenue", "revenues", 1),
            ("net_profit", "net_proft", 1),
            ("≥30", ">30", 1),
            ("abc", "cab", 2),
        ];
        for (a, b, d) in cases {
            assert_eq!(edit_distance(a, b), d, "{a} {b}");
            assert_eq!(edit_distance(b, a), d, "{b} {a}");
        }
    }

    #[test]
    fn suggestions_are_close_or_nothing() {
        let names = ["yoy", "prior", "share", "margin", "run_rate", "cagr"];
        assert_eq!(closest("yo", names), Some("yoy"));
        assert_eq!(closest("runrate", names), Some("run_rate"));
        assert_eq!(closest("margins", names), Some("margin"));
        assert_eq!(closest("zzz", names), None);
        assert_eq!(closest("yoy", names), None, "not itself");
    }
}
