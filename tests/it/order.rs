//! Order never matters: the same data with its facts and claims in any
//! order, and its files in any order, gives the same figures, rows and
//! verdicts in every command. Rows are listed in the order of the data, so
//! each output is compared as the set of its lines (with the header).

use proptest::prelude::*;
use serde_json::Value;

use super::common::{run, write};

const COMMANDS: [&str; 8] = [
    "facts", "metrics", "yoy", "share", "run-rate", "verify", "check", "arr",
];

const FILES: [&str; 2] = ["data/alibaba-article.json", "data/alibaba-reference.json"];

/// Every command's CSV output on these files: exit code and sorted lines.
fn outputs(paths: &[String]) -> Vec<(i32, Vec<String>)> {
    COMMANDS
        .iter()
        .map(|command| {
            let mut args = vec![*command, "--format", "csv"];
            for path in paths {
                args.extend(["--data", path.as_str()]);
            }
            let out = run(&args);
            assert!(
                out.code == 0 || out.code == 1,
                "{}: {}",
                out.command,
                out.stderr
            );
            let mut lines: Vec<String> = out.stdout.lines().map(str::to_string).collect();
            lines.sort();
            (out.code, lines)
        })
        .collect()
}

/// `array` reordered by sorting on `keys` (one per element, cycled).
fn permuted(array: &mut Value, keys: &[u32]) {
    if let Some(items) = array.as_array_mut() {
        let mut keyed: Vec<(u32, usize, Value)> = items
            .drain(..)
            .enumerate()
            .map(|(i, v)| (keys.get(i % keys.len().max(1)).copied().unwrap_or(0), i, v))
            .collect();
        keyed.sort_by_key(|(k, i, _)| (*k, std::cmp::Reverse(*i)));
        items.extend(keyed.into_iter().map(|(_, _, v)| v));
    }
}

/// The bundled files with their facts and claims pooled, shuffled by
/// `keys`, and dealt back to the two files at `split` (so that a fact may
/// move to the other file), the files in either order.
fn shuffled(dir: &std::path::Path, keys: &[u32], split: usize, reverse_files: bool) -> Vec<String> {
    let mut docs: Vec<Value> = FILES
        .iter()
        .map(|file| serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap())
        .collect();
    for field in ["facts", "claims"] {
        let mut pooled = Value::Array(Vec::new());
        for doc in &mut docs {
            if let (Some(Value::Array(items)), Some(all)) =
                (doc.get_mut(field), pooled.as_array_mut())
            {
                all.append(items);
            }
        }
        permuted(&mut pooled, keys);
        let mut all = pooled.as_array().cloned().unwrap_or_default();
        let rest = all.split_off(split.min(all.len()));
        docs[0][field] = Value::Array(all);
        docs[1][field] = Value::Array(rest);
    }
    let mut paths: Vec<String> = docs
        .iter()
        .enumerate()
        .map(|(n, doc)| {
            write(
                dir,
                &format!("{n}.json"),
                &serde_json::to_string_pretty(doc).unwrap(),
            )
        })
        .collect();
    if reverse_files {
        paths.reverse();
    }
    paths
}

/// One source stating one figure twice (10 and 100 billion): the verdict on
/// a claim that holds with one and not the other is the same whichever line
/// comes first (`contested`: it depends on which value is believed), and
/// `check` reports the two values as an error.
#[test]
fn one_source_stating_two_values_gives_one_verdict_and_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let fact = |value: &str, at: &str| {
        format!(
            r#"{{"entity": "co", "metric": "revenue", "period": "FY2026", "value": "{value}", "scale": "billion", "unit": "USD", "source": "s", "at": "{at}"}}"#
        )
    };
    let doc = |first: &str, second: &str| {
        format!(
            r#"{{"format": "earnings-dataset/1",
  "sources": {{"s": {{"title": "t", "kind": "filing"}}}},
  "entities": {{"co": {{"name": "Co", "currency": "USD"}}}},
  "facts": [{first}, {second},
    {{"entity": "co", "metric": "revenue", "period": "FY2025", "value": "8", "scale": "billion", "unit": "USD", "source": "s", "at": "3"}}],
  "claims": [{{"kind": "yoy", "of": "co.revenue@FY2026", "value": "25", "unit": "percent", "source": "s", "at": "4"}}]}}"#
        )
    };
    let (ten, hundred) = (fact("10", "1"), fact("100", "2"));
    let a = write(dir.path(), "a.json", &doc(&ten, &hundred));
    let b = write(dir.path(), "b.json", &doc(&hundred, &ten));
    assert_eq!(outputs(std::slice::from_ref(&a)), outputs(&[b]));
    let verify = run(&["verify", "--data", &a, "--format", "csv"]).stdout;
    // The source disagrees with itself: the verdict depends on which of its
    // values is believed.
    assert!(verify.contains(",contested,"), "{verify}");
    let check = run(&["check", "--data", &a, "--format", "csv"]);
    assert_eq!(check.code, 1, "{}", check.stdout);
    assert!(
        check
            .stdout
            .lines()
            .any(|l| l.starts_with("error,scale_error,")
                && l.contains(
                    "One source states two values for one figure: s must say which it means."
                )),
        "{}",
        check.stdout
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// The bundled data with its facts and claims shuffled and dealt
    /// between its two files, the files in either order, gives every
    /// command's output unchanged.
    #[test]
    fn shuffled_facts_claims_and_files_change_no_output(
        keys in prop::collection::vec(0u32..1000, 1..40),
        split in 0usize..40,
        reverse_files in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let original: Vec<String> = FILES.iter().map(|f| f.to_string()).collect();
        let expected = outputs(&original);
        let paths = shuffled(dir.path(), &keys, split, reverse_files);
        let got = outputs(&paths);
        for ((command, want), have) in COMMANDS.iter().zip(&expected).zip(&got) {
            let only_before: Vec<&String> = want.1.iter().filter(|l| !have.1.contains(l)).collect();
            let only_after: Vec<&String> = have.1.iter().filter(|l| !want.1.contains(l)).collect();
            prop_assert!(
                want == have,
                "{} differs: exit {} then {}; only before: {:?}; only after: {:?}",
                command, want.0, have.0, only_before, only_after
            );
        }
    }
}
