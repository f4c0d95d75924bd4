//! What the tool says about itself: the JSON Schema, completions and the
//! manual page come from the same definitions as the parser and the loader.

use serde_json::Value;

use super::common::{earnings, run, run_command, stdout, write};

fn schema() -> Value {
    serde_json::from_str(&stdout(&["schema"])).unwrap()
}

#[test]
fn the_bundled_datasets_validate_against_the_schema() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    for path in ["data/alibaba-article.json", "data/alibaba-reference.json"] {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{path}: {errors:?}");
    }
}

#[test]
fn the_schema_rejects_what_the_loader_rejects() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let good: Value = serde_json::from_str(
        r#"{"format": "earnings-dataset/1", "sources": {"s": {"title": "t", "kind": "press"}},
            "entities": {"co": {"name": "Co"}},
            "facts": [{"entity": "co", "metric": "revenue", "period": "FY2026", "value": "1", "unit": "USD", "source": "s", "at": "1"}]}"#,
    )
    .unwrap();
    assert!(validator.is_valid(&good));
    let mut unknown = good.clone();
    unknown["facts"][0]["colour"] = Value::from("red");
    assert!(
        !validator.is_valid(&unknown),
        "an unknown fact field is rejected"
    );
    let mut top = good.clone();
    top["fatcs"] = Value::Array(vec![]);
    assert!(
        !validator.is_valid(&top),
        "an unknown top-level field is rejected"
    );
    let mut format = good.clone();
    format["format"] = Value::from("earnings-dataset/2");
    assert!(!validator.is_valid(&format));
    let mut bound = good;
    bound["facts"][0]["bound"] = Value::from("roughly");
    assert!(!validator.is_valid(&bound));
}

/// The fields the loader accepts, as its own "unknown field" error lists them.
fn loader_fields(object: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let doc = match object {
        "fact" => r#"{"format": "earnings-dataset/1", "facts": [{"zz": 1}]}"#,
        "claim" => r#"{"format": "earnings-dataset/1", "claims": [{"zz": 1}]}"#,
        _ => r#"{"format": "earnings-dataset/1", "zz": 1}"#,
    };
    let path = write(dir.path(), "probe.json", doc);
    let stderr = run(&["facts", "--data", &path]).exits(2).stderr;
    let listed = stderr
        .split("expected one of ")
        .nth(1)
        .unwrap_or_else(|| panic!("{stderr}"));
    let mut fields: Vec<String> = listed
        .lines()
        .next()
        .unwrap()
        .split(", ")
        .map(|f| f.trim_matches('`').to_string())
        .collect();
    fields.sort();
    fields
}

fn schema_fields(schema: &Value, definition: &str) -> Vec<String> {
    let properties = if definition.is_empty() {
        &schema["properties"]
    } else {
        &schema["$defs"][definition]["properties"]
    };
    let mut fields: Vec<String> = properties.as_object().unwrap().keys().cloned().collect();
    fields.sort();
    fields
}

#[test]
fn the_schema_and_the_loader_know_the_same_fields() {
    let schema = schema();
    assert_eq!(schema_fields(&schema, ""), loader_fields("dataset"));
    assert_eq!(schema_fields(&schema, "RawFact"), loader_fields("fact"));
    assert_eq!(schema_fields(&schema, "RawClaim"), loader_fields("claim"));
}

#[test]
fn completions_and_the_manual_name_every_command() {
    let help = stdout(&["--help"]);
    let commands: Vec<&str> = help
        .split("Commands:")
        .nth(1)
        .unwrap()
        .lines()
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        // A wrapped description continues on a deeper indent.
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(commands.len() >= 8, "{commands:?}");
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        // The script asks the program (clap_complete's dynamic completion):
        // ask it as the script does, for the word after `earnings`.
        let script = stdout(&["completions", shell]);
        assert!(script.contains("COMPLETE"), "{shell}: {script}");
        let asked = run_command(
            earnings()
                .env("COMPLETE", shell)
                .env("_CLAP_COMPLETE_INDEX", "1")
                .args(["--", "earnings", ""]),
        )
        .exits(0);
        let offered: Vec<&str> = asked
            .stdout
            .lines()
            .filter_map(|l| l.split(['\t', ':']).next())
            .collect();
        for command in &commands {
            assert!(
                offered.contains(command),
                "{shell} completion lacks {command}: {asked}"
            );
        }
    }
    let man = stdout(&["man"]);
    assert!(man.starts_with(".ie"), "roff");
    for command in &commands {
        assert!(
            man.contains(&command.replace('-', "\\-")),
            "the manual lacks {command}"
        );
    }
}

#[test]
fn every_command_has_help_with_examples_and_a_version() {
    let help = stdout(&["--help"]);
    let commands: Vec<String> = help
        .split("Commands:")
        .nth(1)
        .unwrap()
        .lines()
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        // A wrapped description continues on a deeper indent.
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next().map(String::from))
        .filter(|c| c != "help")
        .collect();
    for command in &commands {
        let text = stdout(&[command.as_str(), "--help"]);
        let examples = text
            .split("Examples:")
            .nth(1)
            .unwrap_or_else(|| panic!("{command} --help has no examples"));
        let count = examples
            .lines()
            .filter(|l| l.trim_start().starts_with("earnings "))
            .count();
        assert!(count >= 2, "{command} --help shows {count} examples");
    }
    assert!(stdout(&["-V"]).starts_with("earnings "));
}
