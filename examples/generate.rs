//! Writes a synthetic `earnings-dataset/1` document of about N facts, for
//! benchmarks and for trying the tool at scale: thousands of companies with
//! different fiscal year ends and currencies, each with revenue, net profit
//! and free cash flow over 16 fiscal years, every year stated as `FY` and as
//! its four quarters (240 facts a company), in millions with three decimals.
//! Profits and cash flows are sometimes negative and sometimes zero, so that
//! year-over-year changes meet losses, sign changes and `n/m`.
//!
//! Every fact cites its own place (`"at": "p. 12, l. 345"`), as real data
//! does, unless `--shared-at` is given (then one page a fiscal year, shared
//! by its five facts). `--claims N` adds N claims over the generated figures
//! of whole companies, in turn `yoy`, `share` (a quarter's revenue of its
//! year's) and `run_rate` (a quarter's revenue annualized); about one in
//! four is off by a few percent and does not hold.
//!
//! The output is the same for the same arguments (fixed pseudo-random
//! sequences), and each fact and claim is on its own line.
//!
//! Run with `cargo run --release --example generate -- N OUT.json
//! [--claims N] [--shared-at]`.

use std::fs::File;
use std::io::{self, BufWriter, Write};

use clap::Parser;

/// Writes a synthetic `earnings-dataset/1` document of about N facts.
#[derive(Parser)]
struct Args {
    /// About how many facts (underscores allowed: 1_000_000).
    facts: String,
    /// The file to write, or - for standard output.
    out: String,
    /// Claims to add over the generated figures (yoy, share, run_rate).
    #[arg(long, default_value_t = 0)]
    claims: u64,
    /// One `at` for the five facts of a fiscal year, not one a fact.
    #[arg(long)]
    shared_at: bool,
}

/// A whole company's currency and quarters, by metric, kept for the claims.
struct Company<'a> {
    currency: &'a str,
    values: [Vec<i64>; 3],
}

/// What to write besides the facts' count.
struct Shape {
    claims: u64,
    shared_at: bool,
}

/// Fiscal years per company.
const YEARS: i32 = 16;
/// The first fiscal year.
const FIRST_YEAR: i32 = 2010;
/// Metrics per company.
const METRICS: [&str; 3] = ["revenue", "net_profit", "free_cash_flow"];
/// Facts per company: each metric for each year as FY and four quarters.
const FACTS_PER_COMPANY: u64 = 3 * 16 * 5;
/// Fiscal year ends, month-ends and not.
const YEAR_ENDS: [&str; 8] = [
    "12-31", "03-31", "06-30", "09-30", "01-31", "02-28", "10-31", "05-15",
];
const CURRENCIES: [&str; 6] = ["USD", "CNY", "EUR", "JPY", "GBP", "HKD"];

/// A small deterministic generator (splitmix64): no dependency, same output
/// on every machine.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// A number in `low..=high` (thousandths), signed.
    fn between(&mut self, low: i64, high: i64) -> i64 {
        let span = high.saturating_sub(low).saturating_add(1).max(1);
        low.saturating_add(i64::try_from(self.below(span.unsigned_abs())).unwrap_or(0))
    }
}

/// Thousandths written with three decimals: `-1234567` → `"-1234.567"`.
fn thousandths(value: i64) -> String {
    let sign = if value < 0 { "-" } else { "" };
    let abs = value.unsigned_abs();
    format!("{sign}{}.{:03}", abs / 1000, abs % 1000)
}

/// One company's quarters of one metric for every year, in thousandths of a
/// million.
fn quarters(random: &mut Random, metric: &str, revenue: &[i64]) -> Vec<i64> {
    let count = revenue.len();
    match metric {
        "revenue" => {
            // A starting size between 5 billion and 20 trillion a quarter (in
            // thousandths of a million),
            // then growth of -15%..+25% a year, with seasonality.
            let mut level = random.between(5_000_000, 20_000_000_000);
            let mut out = Vec::with_capacity(count);
            for q in 0..count {
                if q % 4 == 0 && q > 0 {
                    let growth = random.between(-150, 250);
                    level = level.saturating_add(level.saturating_mul(growth) / 1000);
                    level = level.max(1_000);
                }
                let season = random.between(-80, 80);
                out.push(level.saturating_add(level.saturating_mul(season) / 1000));
            }
            out
        }
        _ => {
            // A margin of -30%..+35% of revenue; one quarter in forty is
            // exactly zero (a shell company's quarter, a rounding of nil).
            revenue
                .iter()
                .map(|r| {
                    if random.below(40) == 0 {
                        0
                    } else {
                        let margin = random.between(-300, 350);
                        r.saturating_mul(margin) / 1000
                    }
                })
                .collect()
        }
    }
}

fn write_dataset(out: &mut impl Write, facts: u64, shape: &Shape) -> io::Result<()> {
    let companies = facts.div_ceil(FACTS_PER_COMPANY).max(1);
    let mut random = Random(0x5EED_0000_0000_0001 ^ facts);
    let profiles: Vec<(&str, &str)> = (0..companies)
        .map(|_| {
            let year_end = YEAR_ENDS[usize::try_from(random.below(8)).unwrap_or(0)];
            let currency = CURRENCIES[usize::try_from(random.below(6)).unwrap_or(0)];
            (year_end, currency)
        })
        .collect();
    writeln!(out, "{{")?;
    writeln!(out, "  \"format\": \"earnings-dataset/1\",")?;
    writeln!(out, "  \"sources\": {{")?;
    writeln!(
        out,
        "    \"filings\": {{ \"title\": \"Synthetic annual and quarterly filings\", \"kind\": \"synthetic\", \"note\": \"Generated by examples/generate.rs\" }}"
    )?;
    writeln!(out, "  }},")?;
    writeln!(out, "  \"entities\": {{")?;
    for (c, (year_end, currency)) in profiles.iter().enumerate() {
        let comma = if c + 1 < profiles.len() { "," } else { "" };
        writeln!(
            out,
            "    \"co-{c:06}\": {{ \"name\": \"Company {c:06}\", \"currency\": \"{currency}\", \"fiscal_year_end\": \"{year_end}\" }}{comma}"
        )?;
    }
    writeln!(out, "  }},")?;
    writeln!(out, "  \"facts\": [")?;
    let mut written = 0u64;
    // Each whole company's quarters, by metric, for the claims.
    let mut whole: Vec<Company> = Vec::new();
    'companies: for (c, (_, currency)) in profiles.iter().enumerate() {
        let count = usize::try_from(YEARS * 4).unwrap_or(0);
        let revenue = quarters(&mut random, "revenue", &vec![0; count]);
        let mut kept: [Vec<i64>; 3] = Default::default();
        for (m, metric) in METRICS.into_iter().enumerate() {
            let values = match metric {
                "revenue" => revenue.clone(),
                other => quarters(&mut random, other, &revenue),
            };
            for (y, year) in (FIRST_YEAR..FIRST_YEAR + YEARS).enumerate() {
                let four = &values[y * 4..y * 4 + 4];
                let total: i64 = four.iter().sum();
                let page = 3 + random.below(40);
                let periods = [
                    (format!("FY{year}"), total),
                    (format!("FY{year}-Q1"), four[0]),
                    (format!("FY{year}-Q2"), four[1]),
                    (format!("FY{year}-Q3"), four[2]),
                    (format!("FY{year}-Q4"), four[3]),
                ];
                for (period, value) in periods {
                    if written == facts {
                        break 'companies;
                    }
                    if written > 0 {
                        writeln!(out, ",")?;
                    }
                    let line = if shape.shared_at {
                        String::new()
                    } else {
                        format!(", l. {}", written + 1)
                    };
                    write!(
                        out,
                        "    {{ \"entity\": \"co-{c:06}\", \"metric\": \"{metric}\", \"period\": \"{period}\", \"value\": \"{}\", \"scale\": \"million\", \"unit\": \"{currency}\", \"source\": \"filings\", \"at\": \"p. {page}{line}\" }}",
                        thousandths(value)
                    )?;
                    written += 1;
                }
            }
            kept[m] = values;
        }
        whole.push(Company {
            currency,
            values: kept,
        });
    }
    writeln!(out)?;
    writeln!(out, "  ],")?;
    // The last company may be cut short: claims only over whole ones.
    if written % FACTS_PER_COMPANY != 0 {
        whole.pop();
    }
    write_claims(out, &whole, shape.claims)?;
    writeln!(out, "}}")?;
    Ok(())
}

/// `value` × `factor` ÷ `divisor`, rounded half away from zero to `digits`
/// decimals and written; integers only, so the claims are exact.
fn ratio_text(value: i64, factor: i64, divisor: i64, digits: u32) -> String {
    let scale = 10i128.pow(digits);
    let numerator = i128::from(value) * i128::from(factor) * scale;
    let divisor = i128::from(divisor);
    let half = divisor.abs() / 2;
    let rounded = if (numerator < 0) == (divisor < 0) {
        (numerator.abs() + half) / divisor.abs()
    } else {
        -((numerator.abs() + half) / divisor.abs())
    };
    let sign = if rounded < 0 { "-" } else { "" };
    let abs = rounded.unsigned_abs();
    let scale = scale.unsigned_abs();
    if digits == 0 {
        format!("{sign}{abs}")
    } else {
        format!(
            "{sign}{}.{:0width$}",
            abs / scale,
            abs % scale,
            width = digits as usize
        )
    }
}

/// `count` claims over the companies' figures: yoy, share and run-rate in
/// turn, one in four made a few percent off so that it does not hold.
fn write_claims(out: &mut impl Write, companies: &[Company<'_>], count: u64) -> io::Result<()> {
    let total = u64::try_from(companies.len()).unwrap_or(0);
    if count == 0 || total == 0 {
        writeln!(out, "  \"claims\": []")?;
        return Ok(());
    }
    let mut random = Random(0xC1A1_0000_0000_0001 ^ count);
    let year_count = u64::try_from(YEARS).unwrap_or(1);
    writeln!(out, "  \"claims\": [")?;
    for k in 0..count {
        let c = usize::try_from(random.below(total)).unwrap_or(0);
        let values = &companies[c].values;
        // A year with a prior year, and a quarter of it.
        let y = usize::try_from(1 + random.below(year_count - 1)).unwrap_or(1);
        let year = FIRST_YEAR + i32::try_from(y).unwrap_or(1);
        let q = usize::try_from(random.below(4)).unwrap_or(0);
        let off = random.below(4) == 0;
        // A claim off by 3% to 12% of its value (at least one unit).
        let bump = |text: String| -> String {
            if !off {
                return text;
            }
            let negative = text.starts_with('-');
            let digits: String = text.chars().filter(char::is_ascii_digit).collect();
            let decimals = text.split('.').nth(1).map_or(0, str::len);
            let units: i64 = digits.parse().unwrap_or(0);
            let moved = units + (units * 3 / 100).max(1) * (1 + (k % 4) as i64);
            let moved = if negative { -moved } else { moved };
            ratio_text(
                moved,
                1,
                10i64.pow(u32::try_from(decimals).unwrap_or(0)),
                u32::try_from(decimals).unwrap_or(0),
            )
        };
        let claim = match k % 3 {
            0 => {
                // Year over year of a quarter or of the year, of any metric.
                let mut m = usize::try_from(random.below(3)).unwrap_or(0);
                if values[m][(y - 1) * 4..y * 4].contains(&0) {
                    m = 0; // revenue is never zero
                }
                let (period, current, prior) = if random.below(2) == 0 {
                    let sum = |y: usize| values[m][y * 4..y * 4 + 4].iter().sum::<i64>();
                    (format!("FY{year}"), sum(y), sum(y - 1))
                } else {
                    (
                        format!("FY{year}-Q{}", q + 1),
                        values[m][y * 4 + q],
                        values[m][(y - 1) * 4 + q],
                    )
                };
                let change = current - prior;
                let percent = bump(ratio_text(change, 100, prior.abs(), 0));
                format!(
                    "{{ \"kind\": \"yoy\", \"of\": \"co-{c:06}.{}@{period}\", \"value\": \"{percent}\", \"unit\": \"percent\", \"source\": \"filings\", \"at\": \"claim {k}\" }}",
                    METRICS[m]
                )
            }
            1 => {
                // A quarter's revenue as a share of its year's.
                let part = values[0][y * 4 + q];
                let year_total: i64 = values[0][y * 4..y * 4 + 4].iter().sum();
                let percent = bump(ratio_text(part, 100, year_total, 1));
                format!(
                    "{{ \"kind\": \"share\", \"of\": \"co-{c:06}.revenue@FY{year}-Q{}\", \"whole\": \"co-{c:06}.revenue@FY{year}\", \"value\": \"{percent}\", \"unit\": \"percent\", \"source\": \"filings\", \"at\": \"claim {k}\" }}",
                    q + 1
                )
            }
            _ => {
                // A quarter's revenue annualized, in millions, rounded to one.
                let annual = bump(ratio_text(values[0][y * 4 + q], 4, 1000, 0));
                format!(
                    "{{ \"kind\": \"run_rate\", \"of\": \"co-{c:06}.revenue@FY{year}-Q{}\", \"value\": \"{annual}\", \"scale\": \"million\", \"unit\": \"{}\", \"source\": \"filings\", \"at\": \"claim {k}\" }}",
                    q + 1,
                    companies[c].currency
                )
            }
        };
        let comma = if k + 1 < count { "," } else { "" };
        writeln!(out, "    {claim}{comma}")?;
    }
    writeln!(out, "  ]")?;
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let facts: u64 = args.facts.replace('_', "").parse()?;
    let shape = Shape {
        claims: args.claims,
        shared_at: args.shared_at,
    };
    if args.out == "-" {
        let stdout = io::stdout();
        let mut out = BufWriter::new(stdout.lock());
        write_dataset(&mut out, facts, &shape)?;
        out.flush()?;
    } else {
        let mut out = BufWriter::new(File::create(&args.out)?);
        write_dataset(&mut out, facts, &shape)?;
        out.flush()?;
    }
    Ok(())
}
