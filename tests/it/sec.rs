//! `earnings import sec` on company-facts files written in the SEC's shape
//! (tests/data/sec): Orchard Devices keeps 52/53-week years ending on the
//! last Saturday of September, files comparatives in three 10-Ks, 3-month
//! and year-to-date 10-Q facts, a restatement, a proxy statement at
//! 1/1,000 and two revenue tags across the years; Ember Grill keeps a
//! 16-week first quarter. Every imported figure is checked, and the
//! malformed files' first error line.

use serde_json::Value;

use crate::common::{dec, run, text};

const ORCHARD: &str = "tests/data/sec/CIK0000999001.json";
const EMBER: &str = "tests/data/sec/CIK0001888002.json";

/// Imports the files into a temporary dataset; its path and its JSON.
fn import(files: &[&str]) -> (tempfile::TempDir, String, Value) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("imported.json").display().to_string();
    let mut args = vec!["import", "sec"];
    args.extend(files);
    args.extend(["-o", path.as_str()]);
    let ran = run(&args).exits(0);
    assert_eq!(ran.stdout, "", "{ran}");
    let doc = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    (dir, path, doc)
}

/// Every fact as (entity, metric, period, value, source), in order.
fn facts(doc: &Value) -> Vec<(String, String, String, String, String)> {
    doc["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let t = |k: &str| text(f, k).to_string();
            (
                t("entity"),
                t("metric"),
                t("period"),
                t("value"),
                t("source"),
            )
        })
        .collect()
}

const K21: &str = "0000999001-21-000105";
const K23: &str = "0000999001-23-000106";
const K24: &str = "0000999001-24-000123";
const K25: &str = "0000999001-25-000079";
const PROXY: &str = "0000999001-24-000010";
const Q1: &str = "0000999001-24-000006";
const Q2: &str = "0000999001-24-000069";
const Q3: &str = "0000999001-24-000081";

#[test]
fn every_figure_is_imported_once_with_its_true_period_and_first_filing() {
    let (_dir, _path, doc) = import(&[ORCHARD, EMBER]);
    let m = "000000";
    let orchard = |metric: &str, period: &str, millions: &str, source: &str| {
        let value = format!("{millions}{m}");
        (
            "orchard-devices-inc".to_string(),
            metric.to_string(),
            period.to_string(),
            value,
            source.to_string(),
        )
    };
    let ember = |period: &str, thousands: &str, source: &str| {
        (
            "ember-grill-holdings-inc".to_string(),
            "revenue".to_string(),
            period.to_string(),
            format!("{thousands}000"),
            source.to_string(),
        )
    };
    let expected = vec![
        // FY2020 only under the old tag (SalesRevenueNet); FY2021 under both,
        // the newer tag preferred; FY2021 to FY2023 cited to the first 10-K
        // stating them, though three 10-Ks repeat them.
        orchard("revenue", "FY2020", "80120", K21),
        orchard("revenue", "FY2021", "91450", K23),
        orchard("revenue", "FY2022", "98300", K23),
        orchard("revenue", "FY2023", "96210", K23),
        orchard("revenue", "FY2024", "101875", K24),
        orchard("revenue", "FY2025", "108400", K25),
        // The 14-week first quarter of the 53-week FY2023.
        orchard("revenue", "FY2023-Q1", "28960", "0000999001-24-000006"),
        orchard("revenue", "FY2024-Q1", "30110", "0000999001-24-000006"),
        orchard("revenue", "FY2024-Q2", "23540", "0000999001-24-000069"),
        orchard("revenue", "FY2024-Q3", "21905", "0000999001-24-000081"),
        orchard("revenue", "FY2025-Q1", "32050", "0000999001-25-000008"),
        orchard("revenue", "FY2025-Q2", "24800", "0000999001-25-000057"),
        orchard("revenue", "FY2025-Q3", "22900", "0000999001-25-000073"),
        orchard(
            "revenue",
            "FY2024-Q1..FY2024-Q2",
            "53650",
            "0000999001-24-000069",
        ),
        orchard(
            "revenue",
            "FY2024-Q1..FY2024-Q3",
            "75555",
            "0000999001-24-000081",
        ),
        orchard("net_profit", "FY2021", "22900", K23),
        orchard("net_profit", "FY2022", "24100", K23),
        // The restatement in the FY2025 10-K, and the proxy statement's
        // figure in thousands taken as dollars, kept beside the first.
        orchard("net_profit", "FY2023", "23480", K23),
        orchard("net_profit", "FY2023", "23395", K25),
        (
            "orchard-devices-inc".into(),
            "net_profit".into(),
            "FY2023".into(),
            "23480000".into(),
            PROXY.into(),
        ),
        orchard("net_profit", "FY2024", "25610", K24),
        orchard("net_profit", "FY2025", "27020", K25),
        orchard("net_profit", "FY2024-Q1", "7950", "0000999001-24-000006"),
        orchard("net_profit", "FY2024-Q2", "5880", "0000999001-24-000069"),
        orchard("net_profit", "FY2024-Q3", "5410", "0000999001-24-000081"),
        orchard(
            "net_profit",
            "FY2024-Q1..FY2024-Q2",
            "13830",
            "0000999001-24-000069",
        ),
        orchard(
            "net_profit",
            "FY2024-Q1..FY2024-Q3",
            "19240",
            "0000999001-24-000081",
        ),
        orchard("operating_cash_flow", "FY2023", "28700", K24),
        orchard("operating_cash_flow", "FY2024", "30250", K24),
        orchard("operating_cash_flow", "FY2025", "31980", K25),
        // A 10-Q's cash flows are filed to date: the first quarter (and
        // the same quarter a year earlier), the six and the nine months.
        orchard("operating_cash_flow", "FY2023-Q1", "8950", Q1),
        orchard("operating_cash_flow", "FY2024-Q1", "9480", Q1),
        orchard("operating_cash_flow", "FY2024-Q1..FY2024-Q2", "17730", Q2),
        orchard("operating_cash_flow", "FY2024-Q1..FY2024-Q3", "23460", Q3),
        orchard("capex", "FY2023", "3120", K24),
        orchard("capex", "FY2024", "2915", K24),
        orchard("capex", "FY2025", "3260", K25),
        orchard("capex", "FY2023-Q1", "720", Q1),
        orchard("capex", "FY2024-Q1", "610", Q1),
        orchard("capex", "FY2024-Q1..FY2024-Q2", "1290", Q2),
        orchard("capex", "FY2024-Q1..FY2024-Q3", "2080", Q3),
        // A 16-week first quarter is a quarter, as is the 12-week third;
        // the 40 weeks to date are the three quarters.
        ember("FY2023", "2410500", "0001888002-25-000011"),
        ember("FY2024", "2655800", "0001888002-25-000011"),
        ember("FY2023-Q1", "731900", "0001888002-24-000031"),
        ember("FY2024-Q1", "805200", "0001888002-24-000031"),
        ember("FY2024-Q3", "598700", "0001888002-24-000077"),
        ember("FY2024-Q1..FY2024-Q3", "2014300", "0001888002-24-000077"),
    ];
    assert_eq!(facts(&doc), expected);
    // Each fact says where in its filing, with the dates filed for.
    assert_eq!(
        text(&doc["facts"][6], "at"),
        "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax 2022-09-25 to 2022-12-31"
    );
    assert_eq!(
        text(&doc["facts"][44], "at"),
        "us-gaap:Revenues 2023-12-27 to 2024-04-16"
    );
}

#[test]
fn calendars_entities_and_filings() {
    let (_dir, _path, doc) = import(&[ORCHARD, EMBER]);
    let orchard = &doc["entities"]["orchard-devices-inc"];
    assert_eq!(text(orchard, "name"), "Orchard Devices Inc.");
    assert_eq!(text(orchard, "currency"), "USD");
    assert_eq!(text(orchard, "fiscal_year_end"), "last sat sep");
    let ember = &doc["entities"]["ember-grill-holdings-inc"];
    assert_eq!(text(ember, "fiscal_year_end"), "last tue dec");
    let k24 = &doc["sources"][K24];
    assert_eq!(text(k24, "kind"), "filing");
    assert_eq!(
        text(k24, "title"),
        "Orchard Devices Inc. 10-K filed 2024-11-01"
    );
    assert_eq!(text(k24, "published"), "2024-11-01");
    assert_eq!(
        text(k24, "url"),
        "https://www.sec.gov/Archives/edgar/data/999001/000099900124000123/"
    );
    // A proxy statement is trusted below the periodic reports.
    assert_eq!(text(&doc["sources"][PROXY], "kind"), "release");
    // Only filings a kept figure cites are sources.
    assert_eq!(doc["sources"].as_object().unwrap().len(), 11 + 3);
}

#[test]
fn the_year_ends_on_the_right_saturday_and_yoy_uses_the_filed_figures() {
    let (_dir, path, _) = import(&[ORCHARD]);
    let rows = run(&[
        "yoy", "--data", &path, "--metric", "revenue", "--period", "FY2024", "--format", "json",
    ])
    .exits(0)
    .rows();
    let change = rows.iter().find(|r| text(r, "kind") == "change").unwrap();
    assert_eq!(dec(text(change, "value")), dec("5.665"));
    assert!(text(change, "inputs").contains("revenue@FY2023 = 96.21 (0000999001-23-000106"));
    let yoy = rows.iter().find(|r| text(r, "kind") == "yoy").unwrap();
    // (101875 / 96210 - 1) x 100
    assert!(text(yoy, "value").starts_with("5.888161313792"));
}

#[test]
fn a_restatement_is_one_finding_and_the_proxy_scale_is_caught() {
    let (_dir, path, _) = import(&[ORCHARD]);
    let ran = run(&["check", "--data", &path, "--format", "json"]).exits(1);
    let rows = ran.rows();
    let about = |kind: &str| {
        rows.iter()
            .filter(|r| text(r, "kind") == kind)
            .map(|r| text(r, "message").to_string())
            .collect::<Vec<_>>()
    };
    let conflicts = about("conflict");
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert!(conflicts[0].contains("net_profit@FY2023"));
    assert!(conflicts[0].contains(K23) && conflicts[0].contains(K25));
    let scale = about("scale_error");
    assert!(!scale.is_empty());
    assert!(
        scale
            .iter()
            .all(|m| m.contains("1000 times") && m.contains(PROXY))
    );
}

#[test]
fn the_concepts_can_be_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let concepts = crate::common::write(
        dir.path(),
        "concepts.json",
        r#"{"format": "earnings-sec-concepts/1", "metrics": {"sales": ["us-gaap:SalesRevenueNet"]}}"#,
    );
    let ran = run(&["import", "sec", ORCHARD, "--concepts", &concepts]).exits(0);
    let doc: Value = serde_json::from_str(&ran.stdout).unwrap();
    let got: Vec<_> = facts(&doc).into_iter().map(|f| (f.1, f.2)).collect();
    assert_eq!(
        got,
        [
            ("sales".into(), "FY2020".into()),
            ("sales".into(), "FY2021".into())
        ]
    );
    let bad = crate::common::write(
        dir.path(),
        "bad.json",
        r#"{"format": "earnings-sec-concepts/1", "metrics": {"sales": ["Revenues"]}}"#,
    );
    let ran = run(&["import", "sec", ORCHARD, "--concepts", &bad]).exits(2);
    assert!(
        ran.stderr.starts_with(&format!(
            "earnings: {bad}: metrics.sales[0]: \"Revenues\" is not a concept"
        )),
        "{ran}"
    );
    // A metric listed twice is refused, not the last list kept.
    let twice = crate::common::write(
        dir.path(),
        "twice.json",
        r#"{"format": "earnings-sec-concepts/1",
            "metrics": {"sales": ["us-gaap:SalesRevenueNet"], "sales": ["us-gaap:Revenues"]}}"#,
    );
    let ran = run(&["import", "sec", ORCHARD, "--concepts", &twice]).exits(2);
    assert_eq!(
        ran.stderr.lines().next(),
        Some(format!("earnings: {twice}:2:69: id \"sales\" is defined twice").as_str()),
        "{ran}"
    );
    // Its definitions are written as they are given, and read as a
    // dataset's are.
    let cash = crate::common::write(
        dir.path(),
        "cash.json",
        r#"{"format": "earnings-sec-concepts/1", "metrics": {"sales": ["us-gaap:SalesRevenueNet"]},
            "definitions": {"sales_less_capex": "sales - capex"}}"#,
    );
    let ran = run(&["import", "sec", ORCHARD, "--concepts", &cash]).exits(0);
    let doc: Value = serde_json::from_str(&ran.stdout).unwrap();
    assert_eq!(
        doc["definitions"],
        serde_json::json!({"sales_less_capex": "sales - capex"})
    );
    for (definitions, message) in [
        (
            r#"{"sales": "sales - capex"}"#,
            "definitions.sales: sales is defined in terms of itself",
        ),
        (
            r#"{"net": "sales × 2"}"#,
            "definitions.net: column 7 of the definition: a definition only adds and subtracts metrics (+, −), found '×'",
        ),
    ] {
        let circular = crate::common::write(
            dir.path(),
            "circular.json",
            &format!(
                r#"{{"format": "earnings-sec-concepts/1", "metrics": {{"sales": ["us-gaap:SalesRevenueNet"]}},
                    "definitions": {definitions}}}"#
            ),
        );
        let ran = run(&["import", "sec", ORCHARD, "--concepts", &circular]).exits(2);
        assert_eq!(
            ran.stderr.lines().next(),
            Some(format!("earnings: {circular}: {message}").as_str()),
            "{ran}"
        );
    }
}

#[test]
fn a_directory_is_its_json_files_and_the_entity_id_can_be_given() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(ORCHARD, dir.path().join("a.json")).unwrap();
    std::fs::copy(EMBER, dir.path().join("b.json")).unwrap();
    std::fs::write(dir.path().join("readme.txt"), "not a company").unwrap();
    let d = dir.path().display().to_string();
    let doc: Value = serde_json::from_str(&run(&["import", "sec", &d]).exits(0).stdout).unwrap();
    assert_eq!(doc["entities"].as_object().unwrap().len(), 2);
    let doc: Value = serde_json::from_str(
        &run(&["import", "sec", EMBER, "--entity-id", "ember"])
            .exits(0)
            .stdout,
    )
    .unwrap();
    assert_eq!(text(&doc["facts"][0], "entity"), "ember");
    let ran = run(&["import", "sec", EMBER, "--entity-id", "Ember Grill"]).exits(2);
    assert!(
        ran.stderr
            .starts_with("earnings: --entity-id \"Ember Grill\" is not an entity id")
    );
    let ran = run(&["import", "sec", &d, "--entity-id", "x"]).exits(2);
    assert!(
        ran.stderr
            .starts_with("earnings: --entity-id names one company, but 2 files were given")
    );
}

#[test]
fn malformed_files_exit_2_naming_the_file_and_the_place() {
    for (file, first_line) in [
        (
            "tests/data/sec/bad-shape.json",
            "earnings: tests/data/sec/bad-shape.json: facts: missing or not an object of taxonomies",
        ),
        (
            "tests/data/sec/bad-dates.json",
            "earnings: tests/data/sec/bad-dates.json: facts.us-gaap.Revenues.units.USD[1]: the period ends (2024-01-01) before it starts (2024-12-31)",
        ),
        (
            "tests/data/sec/bad-unit.json",
            "earnings: tests/data/sec/bad-unit.json: facts.us-gaap.Revenues.units.shares: unit \"shares\" is not a currency, but us-gaap:Revenues feeds revenue, a money metric",
        ),
    ] {
        let ran = run(&["import", "sec", file]).exits(2);
        assert_eq!(ran.stderr.lines().next(), Some(first_line), "{ran}");
        assert_eq!(ran.stdout, "");
    }
}

#[test]
fn an_archive_imports_as_its_files_do() {
    use std::io::Write as _;
    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir.path().join("companyfacts.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, path) in [
        ("CIK0000999001.json", ORCHARD),
        ("CIK0001888002.json", EMBER),
    ] {
        zip.start_file(name, options).unwrap();
        zip.write_all(&std::fs::read(path).unwrap()).unwrap();
    }
    zip.finish().unwrap();
    let archive = zip_path.display().to_string();
    let from_zip: Value =
        serde_json::from_str(&run(&["import", "sec", &archive]).exits(0).stdout).unwrap();
    let (_dir, _path, from_files) = import(&[ORCHARD, EMBER]);
    assert_eq!(from_zip, from_files);
    // Piped, no progress bar is drawn: standard error holds only the
    // line on the quarters not derivable.
    let ran = run(&["import", "sec", &archive]).exits(0);
    assert_eq!(ran.stderr.lines().count(), 1, "{ran}");
    assert!(
        ran.stderr
            .starts_with("earnings: 14 quarter(s) not derivable in 2 file(s)")
    );
    assert!(!ran.stderr.contains(['\r', '\u{1b}']));
    // An error names the archive and the entry.
    let bad = dir.path().join("bad.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&bad).unwrap());
    zip.start_file("CIK0000999005.json", options).unwrap();
    zip.write_all(&std::fs::read("tests/data/sec/bad-unit.json").unwrap())
        .unwrap();
    zip.finish().unwrap();
    let bad = bad.display().to_string();
    let ran = run(&["import", "sec", &bad]).exits(2);
    assert!(
        ran.stderr.starts_with(&format!(
            "earnings: {bad}:CIK0000999005.json: facts.us-gaap.Revenues.units.shares: unit"
        )),
        "{ran}"
    );
}

#[test]
fn a_company_twice_gets_a_second_id_and_shares_its_filings() {
    let (_dir, path, doc) = import(&[EMBER, EMBER]);
    let ids: Vec<&String> = doc["entities"].as_object().unwrap().keys().collect();
    assert_eq!(
        ids,
        [
            "ember-grill-holdings-inc",
            "ember-grill-holdings-inc-cik1888002"
        ]
    );
    assert_eq!(doc["sources"].as_object().unwrap().len(), 3);
    assert_eq!(doc["facts"].as_array().unwrap().len(), 12);
    // What is written loads.
    run(&["facts", "--data", &path, "--format", "json"]).exits(0);
}

#[test]
fn the_fourth_quarter_is_the_year_less_nine_months_with_its_inputs_named() {
    let (_dir, path, doc) = import(&[ORCHARD, EMBER]);
    // One ytd claim per quarter no filing states and both operands give.
    let claims: Vec<(String, String, String)> = doc["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                text(c, "of").into(),
                text(c, "value").into(),
                text(c, "source").into(),
            )
        })
        .collect();
    let claim = |of: &str, value: &str, source: &str| {
        (
            format!("orchard-devices-inc.{of}"),
            value.to_string(),
            source.to_string(),
        )
    };
    assert_eq!(
        claims,
        [
            // Each quarter of cash flows from the year to date through it.
            claim("capex@FY2024-Q4", "2915000000", K24),
            claim("capex@FY2024-Q2", "1290000000", Q2),
            claim("capex@FY2024-Q3", "2080000000", Q3),
            claim("net_profit@FY2024-Q4", "25610000000", K24),
            claim("operating_cash_flow@FY2024-Q4", "30250000000", K24),
            claim("operating_cash_flow@FY2024-Q2", "17730000000", Q2),
            claim("operating_cash_flow@FY2024-Q3", "23460000000", Q3),
            claim("revenue@FY2024-Q4", "101875000000", K24),
            (
                "ember-grill-holdings-inc.revenue@FY2024-Q4".into(),
                "2655800000".into(),
                "0001888002-25-000011".into()
            ),
        ]
    );
    assert_eq!(
        text(&doc["claims"][8], "note"),
        "the year to date through FY2024-Q4; less FY2024-Q1..FY2024-Q3 (0001888002-24-000077 \
         us-gaap:Revenues 2023-12-27 to 2024-10-01) it is the quarter filed for 2024-10-02 to 2024-12-31"
    );
    // The figures imply each fourth quarter exactly.
    let implied = |entity: &str, metric: &str| {
        let rows = run(&[
            "facts",
            "--data",
            &path,
            "--entity",
            entity,
            "--metric",
            metric,
            "--period",
            "FY2024-Q4",
            "--scale",
            "unit",
            "--digits",
            "exact",
            "--format",
            "json",
        ])
        .exits(0)
        .rows();
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(text(&rows[0], "bound"), "implied");
        assert_eq!(text(&rows[0], "low"), text(&rows[0], "high"));
        dec(text(&rows[0], "value"))
    };
    assert_eq!(
        implied("orchard-devices-inc", "revenue"),
        dec("26320000000")
    );
    assert_eq!(
        implied("orchard-devices-inc", "net_profit"),
        dec("6370000000")
    );
    assert_eq!(
        implied("ember-grill-holdings-inc", "revenue"),
        dec("641500000")
    );
    // verify names the formula's inputs.
    let rows = run(&["verify", "--data", &path, "--format", "json"])
        .exits(0)
        .rows();
    let q4 = rows
        .iter()
        .find(|r| text(r, "of") == "orchard-devices-inc.revenue@FY2024-Q4")
        .unwrap();
    assert_eq!(text(q4, "kind"), "ytd");
    assert!(text(q4, "inputs").starts_with(
        "orchard-devices-inc.revenue@FY2024-Q1..FY2024-Q3 = 75.555 (0000999001-24-000081"
    ));
    assert_eq!(dec(text(q4, "implied_value")), dec("26.32"));
}

#[test]
fn a_quarter_without_its_operands_is_reported_never_filled() {
    let ran = run(&["import", "sec", ORCHARD]).exits(0);
    let doc: Value = serde_json::from_str(&ran.stdout).unwrap();
    // FY2025 is filed, its nine months to date are not: no FY2025-Q4,
    // and no quarter is labelled from a longer period.
    let periods: Vec<String> = facts(&doc).into_iter().map(|f| f.2).collect();
    assert!(!periods.iter().any(|p| p == "FY2025-Q4"));
    assert!(
        !doc["claims"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| text(c, "of").ends_with("FY2025-Q4"))
    );
    assert_eq!(
        ran.stderr,
        format!(
            "earnings: 13 quarter(s) not derivable in 1 file(s), e.g. {ORCHARD}: capex@FY2023-Q4: \
             not derivable: FY2023 is filed but not FY2023-Q1..FY2023-Q3, and a quarter is never \
             taken from a longer period\n"
        )
    );
}

#[test]
fn an_accession_number_that_cannot_be_a_source_id_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("tests/data/sec/bad-dates.json")
        .unwrap()
        .replace("0000999004-24-000001", "0000999004 24/1");
    let file = crate::common::write(dir.path(), "bad-accession.json", &text);
    let ran = run(&["import", "sec", &file]).exits(2);
    assert_eq!(
        ran.stderr.lines().next(),
        Some(
            format!(
                "earnings: {file}: facts.us-gaap.Revenues.units.USD[0].accn: not an accession number (digits and -, e.g. 0000320193-24-000123)"
            )
            .as_str()
        ),
        "{ran}"
    );
}

#[test]
fn free_cash_flow_is_implied_wherever_both_operands_are_and_feeds_yoy() {
    let (_dir, path, doc) = import(&[ORCHARD]);
    assert_eq!(
        doc["definitions"]["free_cash_flow"],
        "operating_cash_flow - capex"
    );
    let rows = run(&[
        "facts",
        "--data",
        &path,
        "--metric",
        "free_cash_flow",
        "--scale",
        "unit",
        "--digits",
        "exact",
        "--format",
        "json",
    ])
    .exits(0)
    .rows();
    let got: Vec<(String, rust_decimal::Decimal)> = rows
        .iter()
        .map(|r| {
            // Exact: the interval is the point.
            assert_eq!(text(r, "low"), text(r, "high"), "{r}");
            assert_eq!(text(r, "bound"), "implied");
            assert_eq!(text(r, "source"), "by definition");
            assert_eq!(text(r, "at"), "operating_cash_flow − capex");
            (text(r, "period").to_string(), dec(text(r, "value")))
        })
        .collect();
    // Operating cash flow less capex, as filed (in millions); a quarter
    // no 10-Q states is its year to date less the one before, for each.
    let m = |millions: i64| rust_decimal::Decimal::from(millions * 1_000_000);
    let (ocf_h1, ocf_9m, ocf_y) = (m(17730), m(23460), m(30250));
    let (capex_h1, capex_9m, capex_y) = (m(1290), m(2080), m(2915));
    let expected = [
        ("FY2023", m(28700) - m(3120)),
        ("FY2024", ocf_y - capex_y),
        ("FY2025", m(31980) - m(3260)),
        ("FY2023-Q1", m(8950) - m(720)),
        ("FY2024-Q1", m(9480) - m(610)),
        ("FY2024-Q1..FY2024-Q2", ocf_h1 - capex_h1),
        ("FY2024-Q1..FY2024-Q3", ocf_9m - capex_9m),
        ("FY2024-Q4", (ocf_y - ocf_9m) - (capex_y - capex_9m)),
        ("FY2024-Q2", (ocf_h1 - m(9480)) - (capex_h1 - m(610))),
        ("FY2024-Q3", (ocf_9m - ocf_h1) - (capex_9m - capex_h1)),
    ];
    let expected: Vec<(String, rust_decimal::Decimal)> =
        expected.iter().map(|(p, v)| (p.to_string(), *v)).collect();
    assert_eq!(got, expected);
    // The fourth quarter's operands are the ones its ytd claims imply,
    // each named with its provenance.
    let q4 = rows
        .iter()
        .find(|r| text(r, "period") == "FY2024-Q4")
        .unwrap();
    assert_eq!(
        text(q4, "note"),
        format!(
            "implied by the definition free_cash_flow = operating_cash_flow − capex, with \
             orchard-devices-inc.operating_cash_flow@FY2024-Q4 = 6790000000 (implied by {K24} \
             us-gaap:NetCashProvidedByUsedInOperatingActivities 2023-10-01 to 2024-09-28); \
             orchard-devices-inc.capex@FY2024-Q4 = 835000000 (implied by {K24} \
             us-gaap:PaymentsToAcquirePropertyPlantAndEquipment 2023-10-01 to 2024-09-28)"
        )
    );
    // Nothing the import writes disagrees with its definition.
    let findings = run(&["check", "--data", &path, "--format", "json"]).rows();
    assert!(
        !findings
            .iter()
            .any(|f| text(f, "kind").starts_with("definition")),
        "{findings:?}"
    );

    // yoy of free cash flow, FY2025 against FY2024, from the two implied
    // figures.
    let rows = run(&[
        "yoy",
        "--data",
        &path,
        "--metric",
        "free_cash_flow",
        "--period",
        "FY2025",
        "--scale",
        "unit",
        "--format",
        "json",
    ])
    .exits(0)
    .rows();
    let (fy25, fy24) = (m(31980) - m(3260), ocf_y - capex_y);
    let change = rows.iter().find(|r| text(r, "kind") == "change").unwrap();
    assert_eq!(dec(text(change, "value")), fy25 - fy24);
    assert_eq!(
        text(change, "inputs"),
        "orchard-devices-inc.free_cash_flow@FY2025 = 28,720,000,000 (by definition: \
         operating_cash_flow − capex); orchard-devices-inc.free_cash_flow@FY2024 = 27,335,000,000 \
         (by definition: operating_cash_flow − capex)"
    );
    let yoy = rows.iter().find(|r| text(r, "kind") == "yoy").unwrap();
    let percent = (fy25 - fy24) / fy24 * rust_decimal::Decimal::ONE_HUNDRED;
    assert_eq!(dec(text(yoy, "value")).round_dp(10), percent.round_dp(10));
    // The four quarters of FY2024 add up to its year.
    let rows = run(&[
        "metrics",
        "--data",
        &path,
        "--metric",
        "free_cash_flow",
        "--period",
        "FY2024-Q4",
        "--scale",
        "unit",
        "--format",
        "json",
    ])
    .exits(0)
    .rows();
    let ttm = rows.iter().find(|r| text(r, "kind") == "ttm").unwrap();
    assert_eq!(dec(text(ttm, "value")), fy24);
}

#[test]
fn an_output_named_for_another_format_is_refused_before_anything_is_read() {
    let dir = tempfile::tempdir().unwrap();
    for (name, asked) in [("a.csv", "csv"), ("a.md", "markdown")] {
        let out = dir.path().join(name).display().to_string();
        let ran = run(&["import", "sec", ORCHARD, "-o", &out]).exits(2);
        assert_eq!(
            ran.stderr.lines().next(),
            Some(
                format!(
                    "earnings: -o {out}: the name asks for {asked} output, which `earnings import` does not write: it reads company facts and writes a dataset (JSON)"
                )
                .as_str()
            ),
            "{ran}"
        );
        assert!(!std::path::Path::new(&out).exists(), "{out} was written");
    }
    // A .json name, or one that names no format, gets the dataset.
    for name in ["a.json", "a.dataset"] {
        let out = dir.path().join(name);
        run(&["import", "sec", ORCHARD, "-o", &out.display().to_string()]).exits(0);
        let doc: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
        assert_eq!(doc["format"], "earnings-dataset/1");
    }
}
