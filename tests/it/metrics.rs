//! Derived metrics of the bundled data, computed by the built binary and
//! compared with values worked out by hand (the working is beside each).

use rust_decimal::Decimal;
use serde_json::Value;

use super::common::{dec, decimal, json, path_of, rounded, rows, run, section, temp_file};

fn find<'a>(listing: &'a Value, kind: &str, entity: &str, metric: &str, period: &str) -> &'a Value {
    rows(listing)
        .iter()
        .find(|r| {
            r["kind"] == kind
                && r["entity"] == entity
                && r["metric"] == metric
                && r["period"] == period
        })
        .unwrap_or_else(|| panic!("no {kind} row for {entity}.{metric}@{period}"))
}

#[test]
fn net_margin_from_the_articles_own_figures() {
    // 102.1 / 1,023.67 = 9.9739%; bounds 102.05 / 1,023.675 = 9.9690% and
    // 102.15 / 1,023.665 = 9.9789%.
    let listing = json(&["share", "--data", "data/alibaba-article.json"]);
    let margin = find(&listing, "margin", "alibaba", "net_profit", "FY2026");
    assert_eq!(rounded(margin, "value", 2), dec("9.97"));
    assert_eq!(rounded(margin, "low", 4), dec("9.9690"));
    assert_eq!(rounded(margin, "high", 4), dec("9.9789"));
    assert_eq!(margin["unit"], "percent");
}

#[test]
fn net_margin_with_every_source_uses_the_filing() {
    // The 20-F is the most trusted source: 102,127 / 1,023,670 = 9.97655%.
    let listing = json(&["share"]);
    let margin = find(&listing, "margin", "alibaba", "net_profit", "FY2026");
    assert_eq!(rounded(margin, "value", 4), dec("9.9766"));
    assert!(
        margin["inputs"]
            .as_str()
            .unwrap()
            .contains("form-20f-fy2026")
    );
}

#[test]
fn the_free_cash_flow_swing_and_its_percent_change() {
    // −17.3 − 37.43 = −54.73 bn; bounds −17.35 − 37.435 = −54.785 and
    // −17.25 − 37.425 = −54.675. The sign flips, so the percent change is n/m.
    let listing = json(&["yoy", "--metric", "free_cash_flow", "--period", "FY2026-Q4"]);
    let change = find(&listing, "change", "alibaba", "free_cash_flow", "FY2026-Q4");
    assert_eq!(decimal(change, "value"), dec("-54.73"));
    assert_eq!(decimal(change, "low"), dec("-54.785"));
    assert_eq!(decimal(change, "high"), dec("-54.675"));
    let percent = find(&listing, "yoy", "alibaba", "free_cash_flow", "FY2026-Q4");
    assert_eq!(percent["value"], Value::Null);
    assert_eq!(percent["low"], Value::Null);
    assert!(percent["note"].as_str().unwrap().starts_with("n/m"));
}

#[test]
fn the_ai_revenue_run_rate() {
    // 89.71 × 4 = 358.84; the rounding of 89.71 (±0.005) gives ±0.02.
    let listing = json(&["run-rate", "--entity", "alibaba-ai"]);
    let rate = find(&listing, "run_rate", "alibaba-ai", "revenue", "FY2026-Q4");
    assert_eq!(decimal(rate, "value"), dec("358.84"));
    assert_eq!(decimal(rate, "low"), dec("358.82"));
    assert_eq!(decimal(rate, "high"), dec("358.86"));
}

#[test]
fn implied_prior_year_figures() {
    let listing = json(&["facts"]);
    let implied = |entity: &str, metric: &str, period: &str, source: &str| {
        rows(&listing)
            .iter()
            .find(|r| {
                r["bound"] == "implied"
                    && r["entity"] == entity
                    && r["metric"] == metric
                    && r["period"] == period
                    && r["source"] == source
            })
            .unwrap_or_else(|| panic!("no implied {entity}.{metric}@{period} from {source}"))
            .clone()
    };
    // "Down 19%" from 102.1 bn: 102.1 / 0.81 = 126.05; 102.05 / 0.815 = 125.21
    // and 102.15 / 0.805 = 126.89. The filed FY2025 figure, 125.976, lies inside.
    let profit = implied("alibaba", "net_profit", "FY2025", "article");
    assert_eq!(rounded(&profit, "value", 2), dec("126.05"));
    assert_eq!(rounded(&profit, "low", 2), dec("125.21"));
    assert_eq!(rounded(&profit, "high", 2), dec("126.89"));
    // "Down 1%" from 96.292 bn: 96.292 / 0.99 = 97.2646.
    let ecommerce = implied("alibaba-china-ecommerce", "revenue", "FY2025-Q4", "article");
    assert_eq!(rounded(&ecommerce, "value", 2), dec("97.26"));
    // "More than 30%" of Cloud's external revenue is 89.71 bn: the whole is
    // below 89.715 / 0.3 = 299.05 and, being a whole, at least the part.
    let external = implied("alibaba-cloud", "external_revenue", "FY2026-Q4", "article");
    assert_eq!(rounded(&external, "high", 2), dec("299.05"));
    assert_eq!(rounded(&external, "low", 3), dec("89.705"));
}

#[test]
fn growth_implied_by_more_than_ten_times_in_six_months() {
    // May–June against November–December: midpoints six months apart.
    // 10^(1/6) − 1 = 0.46780 → more than 46.78% a month, unbounded above.
    let listing = json(&["metrics", "--metric", "api_tokens"]);
    let monthly = find(
        &listing,
        "growth_monthly",
        "alibaba-maas",
        "api_tokens",
        "2026-05..2026-06",
    );
    assert_eq!(rounded(monthly, "low", 2), dec("46.78"));
    assert_eq!(monthly["high"], Value::Null);
    let annual = find(
        &listing,
        "growth_annual",
        "alibaba-maas",
        "api_tokens",
        "2026-05..2026-06",
    );
    // 10^2 − 1 = 99 → more than 9,900% a year.
    assert_eq!(rounded(annual, "low", 2), dec("9900.00"));
}

#[test]
fn currency_conversion_is_exact_and_needs_a_rate() {
    // 1,023.67 bn CNY at 7.20 CNY per USD: 142.176388… bn USD.
    let listing = json(&[
        "facts",
        "--metric",
        "revenue",
        "--period",
        "FY2026",
        "--entity",
        "alibaba",
        "--currency",
        "USD",
        "--fx",
        "USDCNY=7.20",
    ]);
    let row = &rows(&listing)[0];
    assert_eq!(row["unit"], "USD");
    assert_eq!(rounded(row, "value", 6), dec("142.176389"));
    assert_eq!(listing["fx"], "USDCNY=7.20");
    // The pair written the other way round gives the same answer.
    let listing = json(&[
        "facts",
        "--metric",
        "revenue",
        "--period",
        "FY2026",
        "--entity",
        "alibaba",
        "--currency",
        "USD",
        "--fx",
        "CNYUSD=0.125",
    ]);
    assert_eq!(rounded(&rows(&listing)[0], "value", 4), dec("127.9588"));

    let stderr = run(&["facts", "--currency", "USD"]).exits(2).stderr;
    assert!(
        stderr.starts_with("earnings: no exchange rate for CNY into USD"),
        "{stderr}"
    );
}

#[test]
fn n_m_zero_and_sign_changes_in_a_dataset_of_our_own() {
    let doc = r#"{"format": "earnings-dataset/1",
      "sources": {"s": {"title": "t", "kind": "synthetic"}},
      "entities": {"co": {"name": "Co", "currency": "USD"}},
      "facts": [
        {"entity": "co", "metric": "revenue", "period": "FY2025", "value": "0", "bound": "exact", "unit": "USD", "source": "s", "at": "1"},
        {"entity": "co", "metric": "revenue", "period": "FY2026", "value": "5", "bound": "exact", "unit": "USD", "source": "s", "at": "1"},
        {"entity": "co", "metric": "net_profit", "period": "FY2025", "value": "-4", "bound": "exact", "unit": "USD", "source": "s", "at": "1"},
        {"entity": "co", "metric": "net_profit", "period": "FY2026", "value": "-2", "bound": "exact", "unit": "USD", "source": "s", "at": "1"},
        {"entity": "co", "metric": "gross_margin", "period": "FY2025", "value": "40", "bound": "exact", "unit": "percent", "source": "s", "at": "1"},
        {"entity": "co", "metric": "gross_margin", "period": "FY2026", "value": "42.5", "bound": "exact", "unit": "percent", "source": "s", "at": "1"}
      ]}"#;
    let file = temp_file(doc);
    let listing = json(&["yoy", "--data", path_of(&file), "--scale", "unit"]);
    // From zero: the change is 5, the percent change n/m.
    assert_eq!(
        decimal(find(&listing, "change", "co", "revenue", "FY2026"), "value"),
        Decimal::from(5)
    );
    assert_eq!(
        find(&listing, "yoy", "co", "revenue", "FY2026")["value"],
        Value::Null
    );
    // A loss that halved: (−2 − −4) / |−4| = +50%.
    assert_eq!(
        decimal(find(&listing, "yoy", "co", "net_profit", "FY2026"), "value"),
        Decimal::from(50)
    );
    // A percent metric changes in percentage points: 42.5 − 40 = 2.5 pp.
    let pp = find(&listing, "change_pp", "co", "gross_margin", "FY2026");
    assert_eq!(decimal(pp, "value"), dec("2.5"));
    assert_eq!(pp["unit"], "pp");
}

#[test]
fn the_report_sets_spending_plans_side_by_side() {
    // Alibaba: more than 380 bn over FY2027..FY2028, more than 190 bn a year;
    // ByteDance: more than 200 bn in 2026.
    let report = json(&["report"]);
    let capex: Vec<&Value> = section(&report, "forward_looking")
        .iter()
        .filter(|r| r["metric"] == "capex")
        .collect();
    assert_eq!(capex.len(), 2);
    let per_year = |entity: &str| {
        let row = capex.iter().find(|r| r["entity"] == entity).unwrap();
        decimal(row, "per_year")
    };
    assert_eq!(per_year("alibaba"), Decimal::from(190));
    assert_eq!(per_year("bytedance"), Decimal::from(200));
}
