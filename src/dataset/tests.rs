//! Loader tests: what loads, how it merges, and the first line of every
//! kind of refusal.

use super::blocks::{self, Sizes};
use super::load::{DocText, FactMaker, Loaded, with_facts_made};
use super::seed::{DOCUMENT_FIELDS, DocumentSeed};
use super::*;
use crate::claim::ClaimKind;

/// Loads documents given as bytes, and again as files read as they are
/// parsed: both must give the same dataset, or the same error.
fn load(docs: &[(&str, &str)]) -> Result<Dataset, DataError> {
    let inputs: Vec<Input<'_>> = docs
        .iter()
        .map(|(name, text)| Input {
            name,
            bytes: text.as_bytes(),
        })
        .collect();
    let from_bytes = Dataset::load(&inputs);
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<std::fs::File> = docs
        .iter()
        .enumerate()
        .map(|(i, (_, text))| {
            let path = dir.path().join(format!("{i}.json"));
            std::fs::write(&path, text).unwrap();
            std::fs::File::open(&path).unwrap()
        })
        .collect();
    let documents: Vec<Document<'_>> = docs
        .iter()
        .zip(&files)
        .map(|((name, _), file)| Document::File { name, file })
        .collect();
    let from_files = Dataset::load_documents(&documents);
    assert_eq!(
        format!("{from_files:?}"),
        format!("{from_bytes:?}"),
        "a file read as it is parsed loads as its bytes do"
    );
    for cut in TINY_CUTS {
        blocks::TEST_CUT.with(|set| set.set(Some(cut)));
        let from_blocks = Dataset::load_documents(&documents);
        blocks::TEST_CUT.with(|set| set.set(None));
        assert_eq!(
            format!("{from_blocks:?}"),
            format!("{from_bytes:?}"),
            "a file read in blocks cut {cut:?} loads as its bytes do"
        );
    }
    from_bytes
}

/// Blocks of a few bytes cut into runs of a few elements, on threads and
/// not: every place of a small document is a block boundary somewhere.
const TINY_CUTS: [(Sizes, bool); 6] = [
    (Sizes { read: 1, run: 1 }, false),
    (Sizes { read: 1, run: 1 }, true),
    (Sizes { read: 2, run: 5 }, true),
    (Sizes { read: 3, run: 40 }, false),
    (Sizes { read: 7, run: 200 }, true),
    (Sizes { read: 64, run: 700 }, true),
];

/// Whether the block reader takes `text` itself (with every cut), rather
/// than leaving it to the stream reader.
fn blocks_take(text: &str) -> Vec<bool> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.json");
    std::fs::write(&path, text).unwrap();
    let file = std::fs::File::open(&path).unwrap();
    TINY_CUTS
        .iter()
        .map(|&cut| {
            use std::io::Seek;
            (&file).rewind().unwrap();
            let mut maker = FactMaker::default();
            blocks::read(&file, cut, &mut maker, Name::from("a.json"), 0).is_some()
        })
        .collect()
}

const HEAD: &str = r#""format": "earnings-dataset/1",
  "sources": {"r": {"title": "Results", "kind": "release"}},
  "entities": {"acme": {"name": "Acme", "currency": "USD", "fiscal_year_end": "06-30"},
               "acme-cloud": {"name": "Acme Cloud", "parent": "acme"}}"#;

fn with_facts(facts: &str) -> String {
    format!("{{{HEAD},\n  \"facts\": [{facts}]}}")
}

fn fact(fields: &str) -> String {
    format!(
        r#"{{"entity": "acme", "metric": "revenue", "period": "FY2025", "value": "1.5", "unit": "USD", "source": "r", "at": "p. 1"{fields}}}"#
    )
}

#[test]
fn loads_values_exactly_and_inherits_from_parents() {
    let text = with_facts(&format!(
        "{},\n{}",
        fact(r#", "scale": "billion""#),
        r#"{"entity": "acme-cloud", "metric": "revenue", "period": "FY2025-Q4", "value": 102.10, "unit": "USD", "source": "r", "at": "p. 2"}"#
    ));
    let data = load(&[("a.json", &text)]).unwrap();
    let cloud = data.entity("acme-cloud").unwrap();
    assert_eq!(cloud.currency.as_deref(), Some("USD"));
    assert_eq!(cloud.fiscal_year_end.to_string(), "06-30");
    let [first, second] = data.facts.as_slice() else {
        panic!("two facts expected")
    };
    assert_eq!(first.value.point().to_string(), "1500000000.0");
    // A JSON number keeps its digits: 102.10 is rounded to two decimals.
    assert_eq!(second.stated.value.value().to_string(), "102.10");
    assert_eq!(second.value.low().value().unwrap().to_string(), "102.095");
    assert_eq!(second.origin.field.to_string(), "facts[1]");
    assert!(data.is_within("acme-cloud", "acme"));
}

/// (what, document, first line of the error)
const REFUSALS: &[(&str, &str, &str)] = &[
    ("empty", "", "a.json: empty file"),
    (
        "not json",
        "hello",
        "a.json:1:1: not a JSON document: expected a JSON value",
    ),
    (
        "truncated",
        "{\"format\": \"earnings-dataset/1\", \"facts\": [",
        "a.json:1:43: facts: EOF while parsing a list (the JSON is truncated)",
    ),
    (
        "array",
        "[]",
        "a.json:1:1: expected a JSON object (a dataset), found an array",
    ),
    (
        "wrong format",
        "{\"format\": \"earnings-dataset/2\"}",
        "a.json:1:12: format: unsupported format \"earnings-dataset/2\" (expected \"earnings-dataset/1\")",
    ),
    ("missing format", "{}", "a.json:1:1: missing field `format`"),
    (
        "unknown field",
        "{\"format\": \"earnings-dataset/1\", \"fatcs\": []}",
        "a.json:1:43: fatcs: unknown field `fatcs`, expected one of `format`",
    ),
    (
        "trailing",
        "{\"format\": \"earnings-dataset/1\"} {}",
        "a.json:1:34: trailing characters (after the dataset object)",
    ),
    (
        "duplicate id",
        "{\"format\": \"earnings-dataset/1\", \"sources\": {\"r\": {\"title\": \"a\", \"kind\": \"press\"}, \"r\": {\"title\": \"a\", \"kind\": \"press\"}}}",
        "a.json:1:89: sources: id \"r\" is defined twice",
    ),
    (
        "unknown kind",
        "{\"format\": \"earnings-dataset/1\", \"sources\": {\"r\": {\"title\": \"a\", \"kind\": \"blog\"}}}",
        "a.json:1:74: sources.r.kind: unknown variant `blog`, expected one of `filing`, `release`, `press`, `estimate`, `synthetic`",
    ),
];

#[test]
fn malformed_documents_are_refused_with_their_place() {
    for (what, text, expected) in REFUSALS {
        let err = load(&[("a.json", text)]).unwrap_err().to_string();
        assert!(err.starts_with(expected), "{what}: {err}");
    }
}

#[test]
fn bad_fields_name_file_place_and_field() {
    let cases = [
        (
            r#", "period": "FY20X6""#,
            "facts[0].period: \"FY20X6\" is not a period",
        ),
        (
            r#", "entity": "nobody""#,
            "facts[0].entity: entity \"nobody\" is not defined",
        ),
        (
            r#", "source": "blog""#,
            "facts[0].source: source \"blog\" is not defined",
        ),
        (
            r#", "bound": "range""#,
            "facts[0].bound: bound \"range\" needs \"high\"",
        ),
        (
            r#", "bound": "range", "high": "1""#,
            "facts[0].high: \"high\" (1) is below \"value\" (1.5)",
        ),
        (
            r#", "value": "NaN""#,
            "facts[0].value: \"NaN\" is not a decimal",
        ),
        (
            r#", "value": true"#,
            "facts[0].value: expected a decimal as a string or a number, found a boolean",
        ),
        (
            r#", "value": 1e400"#,
            "facts[0].value: \"1e+400\" is out of range",
        ),
        (
            r#", "scale": "lakh""#,
            "facts[0].scale: unknown variant `lakh`",
        ),
        (
            r#", "unit": "Yuan""#,
            "facts[0].unit: \"Yuan\" is not a unit",
        ),
        (
            r#", "status": "hoped""#,
            "facts[0].status: unknown variant `hoped`",
        ),
        (r#", "extra": 1"#, "facts[0].extra: unknown field `extra`"),
    ];
    for (fields, expected) in cases {
        // serde refuses a key written twice, so replace rather than append.
        let base = fact("");
        let key = fields.split('"').nth(1).unwrap();
        let fact = match base.find(&format!("\"{key}\"")) {
            Some(_) => {
                let mut object: serde_json::Map<String, serde_json::Value> =
                    serde_json::from_str(&base).unwrap();
                object.remove(key);
                let without = serde_json::to_string(&object).unwrap();
                format!("{}{fields}}}", without.strip_suffix('}').unwrap())
            }
            None => fact(fields),
        };
        let err = load(&[("a.json", &with_facts(&fact))])
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("a.json:"), "{err}");
        assert!(err.contains(expected), "{fields}: {err}");
    }
    let missing_unit = r#"{"entity": "acme", "metric": "revenue", "period": "FY2025", "value": "1", "source": "r", "at": "p"}"#;
    let err = load(&[("a.json", &with_facts(missing_unit))])
        .unwrap_err()
        .to_string();
    assert!(err.contains("facts[0]: missing field `unit`"), "{err}");
    assert!(err.starts_with("a.json:5:"), "{err}");
}

#[test]
fn claims_need_the_fields_of_their_kind() {
    let claim = |fields: &str| {
        format!(
            "{{{HEAD},\n \"claims\": [{{\"of\": \"acme.revenue@FY2025\", \"value\": \"5\", \"source\": \"r\", \"at\": \"p\"{fields}}}]}}"
        )
    };
    let cases = [
        (
            r#", "kind": "share", "unit": "percent""#,
            "claims[0].kind: a share claim needs \"whole\"",
        ),
        (
            r#", "kind": "yoy", "unit": "percent", "base": "acme.revenue@FY2024""#,
            "claims[0].base: \"base\" does not belong to a yoy claim",
        ),
        (
            r#", "kind": "yoy", "unit": "USD""#,
            "claims[0].unit: a yoy claim is stated in percent, not USD",
        ),
        (
            r#", "kind": "multiple", "unit": "multiple", "base": "nobody.revenue@FY2024""#,
            "claims[0].base: nobody.revenue@FY2024 names entity \"nobody\"",
        ),
        (
            r#", "kind": "guess", "unit": "percent""#,
            "claims[0].kind: unknown variant `guess`",
        ),
    ];
    for (fields, expected) in cases {
        let err = load(&[("a.json", &claim(fields))]).unwrap_err().to_string();
        assert!(err.contains(expected), "{fields}: {err}");
    }
    let ok = load(&[("a.json", &claim(r#", "kind": "margin", "unit": "percent""#))]).unwrap();
    assert_eq!(
        ok.claims[0].relation,
        Relation::Margin {
            of: "acme.revenue@FY2025".parse().unwrap(),
            over: "revenue".into()
        }
    );
}

#[test]
fn expr_claims_are_parsed_on_load_and_errors_name_the_column() {
    let claim = |fields: &str| {
        format!(
            "{{{HEAD},\n \"claims\": [{{\"value\": \"5\", \"unit\": \"percent\", \"source\": \"r\", \"at\": \"p\"{fields}}}]}}"
        )
    };
    let cases = [
        (
            r#", "kind": "expr""#,
            "a.json:5:81: claims[0].kind: an expr claim needs \"expr\"",
        ),
        (
            r#", "kind": "expr", "expr": "1", "of": "acme.revenue@FY2025""#,
            "claims[0].of: \"of\" does not belong to an expr claim",
        ),
        (
            r#", "kind": "share""#,
            "claims[0].kind: a share claim needs \"of\"",
        ),
        (
            r#", "kind": "yoy", "of": "acme.revenue@FY2025", "expr": "1""#,
            "claims[0].expr: \"expr\" does not belong to a yoy claim",
        ),
        (
            r#", "kind": "expr", "expr": "yoy(acme.revenue@FY2026""#,
            "claims[0].expr: column 24 of the expression: expected ',' or ')' in yoy(…), found the end of the expression",
        ),
        (
            r#", "kind": "expr", "expr": "yoyy(acme.revenue@FY2026)""#,
            "claims[0].expr: column 1 of the expression: unknown function 'yoyy' (did you mean 'yoy'?)",
        ),
        (
            r#", "kind": "expr", "expr": "share(acme.revenue@FY2026,\n acme.cost@FY2026 +)""#,
            "claims[0].expr: line 2, column 20 of the expression: expected a value",
        ),
        (
            r#", "kind": "expr", "expr": "yoy(nobody.revenue@FY2026)""#,
            "claims[0].expr: nobody.revenue@FY2026 names entity \"nobody\"",
        ),
        (
            r#", "kind": "expr", "expr": "30% * 2""#,
            "claims[0].expr: the expression names no figure",
        ),
    ];
    for (fields, expected) in cases {
        let err = load(&[("a.json", &claim(fields))]).unwrap_err().to_string();
        assert!(err.contains(expected), "{fields}: {err}");
    }
    let ok = load(&[(
        "a.json",
        &claim(
            r#", "kind": "expr", "expr": "share(acme-cloud.revenue@FY2026, acme.revenue@FY2026)""#,
        ),
    )])
    .unwrap();
    let Relation::Expr { of, expr } = &ok.claims[0].relation else {
        panic!("an expr relation")
    };
    assert_eq!(of.to_string(), "acme-cloud.revenue@FY2026");
    assert_eq!(expr.written_figures().len(), 2);
    assert_eq!(ok.claims[0].relation.kind(), ClaimKind::Expr);
}

#[test]
fn parents_must_exist_and_not_cycle() {
    let doc = |entities: &str| {
        format!("{{\"format\": \"earnings-dataset/1\", \"entities\": {{{entities}}}}}")
    };
    let cases = [
        (
            r#""a": {"name": "A", "parent": "a"}"#,
            "entities.a.parent: entity \"a\" is its own parent",
        ),
        (
            r#""a": {"name": "A", "parent": "b"}, "b": {"name": "B", "parent": "a"}"#,
            "entities.a.parent: entity \"a\" is its own ancestor",
        ),
        (
            r#""a": {"name": "A", "parent": "z"}"#,
            "entities.a.parent: parent \"z\" is not defined",
        ),
        (
            r#""A": {"name": "A"}"#,
            "entities.A: \"A\" is not an entity id",
        ),
        (
            r#""a": {"name": "A", "fiscal_year_end": "02-30"}"#,
            "entities.a.fiscal_year_end: \"02-30\" is not a fiscal year end",
        ),
    ];
    for (entities, expected) in cases {
        let err = load(&[("a.json", &doc(entities))]).unwrap_err().to_string();
        assert!(err.contains(expected), "{entities}: {err}");
    }
}

#[test]
fn files_merge_and_conflicting_ids_name_both_files() {
    let a = with_facts(&fact(""));
    let b = with_facts(&fact("")).replace("FY2025", "FY2024");
    let data = load(&[("a.json", &a), ("b.json", &b)]).unwrap();
    assert_eq!(data.facts.len(), 2);
    assert_eq!(data.entities.len(), 2);

    let c =
        "{\"format\": \"earnings-dataset/1\", \"entities\": {\"acme\": {\"name\": \"Acme Inc\"}}}";
    let err = load(&[("a.json", &a), ("c.json", c)])
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("c.json:1:"), "{err}");
    assert!(
        err.contains("entities.acme: \"acme\" is defined differently in a.json"),
        "{err}"
    );
}

#[test]
fn non_utf8_and_deep_nesting_are_errors_not_crashes() {
    let inputs = [Input {
        name: "bin.json",
        bytes: b"{\"format\": \"\xff\"}",
    }];
    let err = Dataset::load(&inputs).unwrap_err().to_string();
    assert!(err.starts_with("bin.json:1:13: not UTF-8"), "{err}");

    let deep = "[".repeat(100_000);
    let err = load(&[("deep.json", &deep)]).unwrap_err().to_string();
    assert!(
        err.starts_with("deep.json:1:1: expected a JSON object"),
        "{err}"
    );
    // A value is read through a JSON tree, whose depth serde_json limits.
    let deep_value = with_facts(&fact(&format!(", \"tolerance\": {}", "[".repeat(100_000))));
    let err = load(&[("deep.json", &deep_value)]).unwrap_err().to_string();
    assert!(
        err.contains("facts[0].tolerance[0][0]…: nested too deeply (more than 128 levels"),
        "{err}"
    );
}

#[test]
fn the_bundled_data_loads() {
    let data = Dataset::bundled().unwrap();
    assert!(!data.facts.is_empty());
    assert!(data.sources.iter().any(|s| s.kind == SourceKind::Filing));
}

/// A fact with one field written differently.
fn fact_where(key: &str, value: &str) -> String {
    let mut object: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&fact("")).unwrap();
    object.insert(
        key.to_string(),
        serde_json::Value::String(value.to_string()),
    );
    serde_json::to_string(&object).unwrap()
}

#[test]
fn facts_made_on_a_thread_of_their_own_are_the_facts_made_at_once() {
    // Enough facts for several batches, with a bad one at the end.
    let facts: Vec<String> = (0..2500)
        .map(|n| {
            let period = format!("FY{}", 2000 + n % 20);
            let value = format!("{n}.{}", n % 7);
            let mut fact = fact_where("period", &period);
            fact = fact.replace("\"1.5\"", &format!("\"{value}\""));
            if n % 3 == 0 {
                fact = fact.replace("\"acme\"", "\"acme-cloud\"");
            }
            fact
        })
        .collect();
    let text = with_facts(&facts.join(",\n"));
    let load = |parallel: bool| {
        let mut loader = Loader::default();
        loader.documents.push(Loaded {
            name: Name::from("a.json"),
            text: DocText::Here(&text),
        });
        let raw = with_facts_made(
            &mut loader.maker,
            Name::from("a.json"),
            0,
            parallel,
            |sink| {
                let mut deserializer = serde_json::Deserializer::from_str(&text);
                DocumentSeed { facts: sink }.deserialize(&mut deserializer)
            },
        )
        .unwrap();
        loader.first_fact.push(0);
        loader.define(0, raw).unwrap();
        loader.finish().unwrap()
    };
    let (here, apart) = (load(false), load(true));
    assert_eq!(here.facts.len(), 2500);
    assert_eq!(here, apart);
    assert_eq!(apart.facts[2499].origin.field.to_string(), "facts[2499]");
}

#[test]
fn the_first_bad_fact_in_document_order_is_reported() {
    let bad_value = fact(r#", "bound": "range", "high": "0""#);
    let bad_value_first = with_facts(&format!("{bad_value},\n{}", fact_where("entity", "nobody")));
    let err = load(&[("a.json", &bad_value_first)]).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("facts[0].high"), "{err}");
    let unknown_first = with_facts(&format!("{},\n{bad_value}", fact_where("entity", "nobody")));
    let err = load(&[("a.json", &unknown_first)]).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("facts[0].entity"), "{err}");
    // A fact refers to entities of any document loaded with it.
    let later = r#"{"format": "earnings-dataset/1", "entities": {"later": {"name": "Later"}}}"#;
    let early = with_facts(&fact_where("entity", "later"));
    let data = load(&[("a.json", &early), ("b.json", later)]).unwrap();
    assert_eq!(data.facts[0].figure.entity, "later");
}

#[test]
fn tokens_keep_short_and_long_text() {
    use raw::Token;
    for text in ["", "p. 3", "exactly-twenty-two-ch", "¶12", &"x".repeat(300)] {
        assert_eq!(Token::new(text).as_str(), text);
        let read: Token = serde_json::from_str(&serde_json::to_string(text).unwrap()).unwrap();
        assert_eq!(read.as_str(), text);
    }
}

#[test]
fn the_loader_reads_the_fields_the_schema_describes() {
    let schema = serde_json::to_value(raw::schema()).unwrap();
    let properties: Vec<&str> = schema["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(properties, DOCUMENT_FIELDS);
    assert_eq!(schema["required"], serde_json::json!(["format"]));
}

fn with_definitions(definitions: &str) -> String {
    format!("{{{HEAD},\n  \"definitions\": {{\n    {definitions}\n  }}}}")
}

#[test]
fn definitions_load_once_across_files_in_any_written_order() {
    let a = with_definitions(r#""free_cash_flow": "operating_cash_flow - capex""#);
    let b = with_definitions(r#""free_cash_flow": "−capex + operating_cash_flow""#);
    let data = load(&[("a.json", &a), ("b.json", &b)]).unwrap();
    let [definition] = data.definitions.as_slice() else {
        panic!("one definition expected: {:?}", data.definitions)
    };
    assert_eq!(definition.metric, "free_cash_flow");
    assert_eq!(definition.file, "a.json");
    assert_eq!(definition.sum.to_string(), "operating_cash_flow − capex");
    assert!(data.definition("free_cash_flow").is_some());
    assert!(data.definition("capex").is_none());
}

#[test]
fn a_bad_definition_names_file_line_column_and_field() {
    let cases = [
        (
            r#""free_cash_flow": "operating_cash_flow × capex""#,
            "a.json:6:23: definitions.free_cash_flow: column 21 of the definition: a definition only adds and subtracts metrics (+, −), found '×'",
        ),
        (
            r#""free_cash_flow": "operating_cash_flow - free_cash_flow""#,
            "a.json:6:23: definitions.free_cash_flow: free_cash_flow is defined in terms of itself",
        ),
        (
            r#""net_cash": "cash - debt", "debt": "gross_debt - net_cash""#,
            "a.json:6:17: definitions.net_cash: net_cash is defined in terms of itself, through net_cash → debt → net_cash",
        ),
        (
            r#""Free": "operating_cash_flow - capex""#,
            "a.json:6:13: definitions.Free: \"Free\" is not a metric key",
        ),
        (
            r#""free_cash_flow": 3"#,
            "a.json:6:23: definitions.free_cash_flow: invalid type: integer `3`, expected a string",
        ),
    ];
    for (definitions, expected) in cases {
        let err = load(&[("a.json", &with_definitions(definitions))])
            .unwrap_err()
            .to_string();
        assert!(err.starts_with(expected), "{definitions}: {err}");
    }
    let a = with_definitions(r#""free_cash_flow": "operating_cash_flow - capex""#);
    let b = with_definitions(r#""free_cash_flow": "operating_cash_flow - capex - leases""#);
    let err = load(&[("a.json", &a), ("b.json", &b)])
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "b.json:6:23: definitions.free_cash_flow: free_cash_flow is defined differently in a.json \
         (operating_cash_flow − capex; here operating_cash_flow − capex − leases): a metric has one definition"
    );
}

/// A fact whose note holds what a scanner of JSON must not be fooled by:
/// braces, brackets, quotes and backslashes, escaped and not.
fn tricky_fact() -> String {
    fact(r#", "note": "a {b} [c] \"d\" \\ e \u00e9\u4e2d \\\" {\"x\": [1]} \\\\\" \/""#)
}

#[test]
fn the_block_reader_takes_strings_escapes_spaces_and_any_member_order() {
    let tricky = tricky_fact();
    let plain = fact("");
    let claim = r#"{"kind": "yoy", "of": "acme.revenue@FY2025", "value": "5", "unit": "percent", "source": "r", "at": "p. {2}"}"#;
    let sources = r#"{"r": {"title": "Results [a] {b}", "kind": "release"}}"#;
    let entities = r#"{"acme": {"name": "Acme \"}\", {", "currency": "USD"}}"#;
    let documents = [
        // Lists before the format, claims before facts.
        format!(
            r#"{{"claims": [{claim}], "facts": [{tricky}, {plain}], "entities": {entities}, "format": "earnings-dataset/1", "sources": {sources}, "definitions": {{}}}}"#
        ),
        // No whitespace at all.
        format!(
            r#"{{"format":"earnings-dataset/1","sources":{sources},"entities":{entities},"facts":[{plain},{tricky},{plain}],"claims":[{claim},{claim}]}}"#
        )
        .replace(": ", ":")
        .replace(", \"", ",\""),
        // Tabs, carriage returns and room everywhere, a key with an escape.
        format!(
            "\r\n\t{{ \"format\" :\t\"earnings-dataset/1\" ,\r\n \"sources\"\n:\n{sources}\t,\"entities\": {entities} ,\n\t\"f\\u0061cts\" : [\r\n\t{plain}\r\n\t,\r\n\t{tricky}\n\t] ,\"claims\":[ {claim} ]\n}}\n\t "
        ),
        // Empty lists, and none.
        format!(
            r#"{{"format": "earnings-dataset/1", "facts": [], "claims": [ ], "sources": {sources}}}"#
        ),
        r#"{"format": "earnings-dataset/1"}"#.to_string(),
        "{\"format\":\"earnings-dataset/1\",\"facts\":[\n]}".to_string(),
    ];
    for text in &documents {
        assert_eq!(blocks_take(text), [true; TINY_CUTS.len()], "{text}");
        load(&[("a.json", text)]).unwrap();
    }
    let data = load(&[("a.json", &documents[0])]).unwrap();
    assert_eq!(data.facts.len(), 2);
    assert_eq!(
        data.facts[0].note.as_deref(),
        Some("a {b} [c] \"d\" \\ e é中 \\\" {\"x\": [1]} \\\\\" /")
    );
    assert_eq!(data.claims.len(), 1);
}

#[test]
fn what_the_block_reader_leaves_loads_as_the_bytes_do() {
    let plain = fact("");
    let refused = [
        format!(r#"{{"format": "earnings-dataset/1", "facts": [{plain}], "facts": []}}"#),
        format!(r#"{{"format": "earnings-dataset/1", "facts": {plain}}}"#),
        r#"{"format": "earnings-dataset/1", "facts": null}"#.to_string(),
        r#"{"format": "earnings-dataset/1", "facts": [1, 2]}"#.to_string(),
        format!(r#"{{"format": "earnings-dataset/1", "facts": [{plain},]}}"#),
        format!(r#"{{"format": "earnings-dataset/1", "facts": [{plain} {plain}]}}"#),
        format!(r#"{{"format": "earnings-dataset/1", "facts": [{plain}, {plain}}}"#),
        format!(r#"{{"format": "earnings-dataset/1", "facts": [{plain}]"#),
        format!(r#"{{"format": "earnings-dataset/1", "facts": [{plain}]}} x"#),
        format!(r#"{{"format": "earnings-dataset/1" "facts": [{plain}]}}"#),
        format!(r#"{{"facts": [{plain}]}}"#),
        r#"{"format": "earnings-dataset/1", "format": "earnings-dataset/1"}"#.to_string(),
        r#"{"format": "earnings-dataset/1", "fatcs": []}"#.to_string(),
        r#"{"format": "earnings-dataset/1", "sources": {"r": {"title": "a", "kind": "press"}, "r": {"title": "a", "kind": "press"}}}"#.to_string(),
        with_facts(&fact(r#", "note": "unterminated}"#)),
        with_facts(&format!("{plain}, {}", fact(r#", "period": "FY20X6""#))),
        "\u{feff}{\"format\": \"earnings-dataset/1\"}".to_string(),
    ];
    for text in &refused {
        assert_eq!(blocks_take(text), [false; TINY_CUTS.len()], "{text}");
        load(&[("a.json", text)]).unwrap_err();
    }
    // Strings that look like the end of an element or of the list: the
    // reader may guess wrong there, and then leaves the document to the
    // stream reader; either way it loads as its bytes do.
    let lookalike = fact(r#", "note": "x}, {y} ] }\t,\n{ }]""#);
    let text = with_facts(&format!("{lookalike}, {plain}, {lookalike}"));
    let data = load(&[("a.json", &text)]).unwrap();
    assert_eq!(data.facts.len(), 3);
    assert!(blocks_take(&text).contains(&false));
}
