//! Loads a dataset file and prints the claims that fail: contradicted by the
//! figures, or (with `--strict`) not holding on them. Exits 1 when one
//! fails, so a script can use it as a check.
//!
//! Run with `cargo run --example failing_claims -- data/alibaba-article.json`
//! (add `--strict` to count every claim that does not hold as a failure, `--best` to
//! check against the most trusted figures instead of each claim's own).

use std::process::ExitCode;

use earnings::dataset::{Dataset, Input};
use earnings::figures::Figures;
use earnings::report::{self, Money};
use earnings::text;
use earnings::verify::{self, Against, Outcome};

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::from(1),
        Ok(false) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("failing_claims: {error}");
            ExitCode::from(2)
        }
    }
}

/// Returns whether any claim failed.
fn run() -> Result<bool, Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let strict = args.iter().any(|a| a == "--strict");
    let against = if args.iter().any(|a| a == "--best") {
        Against::Best
    } else {
        Against::Own
    };
    let paths: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if paths.is_empty() {
        return Err("usage: failing_claims DATASET.json [MORE.json …] [--strict] [--best]".into());
    }
    let documents: Vec<(String, Vec<u8>)> = paths
        .iter()
        .map(|path| Ok(((*path).clone(), std::fs::read(path)?)))
        .collect::<Result<_, std::io::Error>>()?;
    let inputs: Vec<Input<'_>> = documents
        .iter()
        .map(|(name, bytes)| Input { name, bytes })
        .collect();
    let data = Dataset::load(&inputs)?;
    let figures = Figures::build(&data)?;

    let money = Money::default();
    let mut failed = false;
    for verdict in verify::verify(&figures, against)? {
        let fails = match verdict.outcome {
            Outcome::Contradicted => true,
            Outcome::Undetermined | Outcome::Contested | Outcome::Unverifiable => strict,
            Outcome::Holds => false,
        };
        if !fails {
            continue;
        }
        failed = true;
        let Some(claim) = data.claims.get(verdict.claim) else {
            continue;
        };
        // Money in billions, percentages and multiples as they are; the
        // stated value with its bound mark (≈, >, ≥ …).
        let shown =
            |value: &earnings::bounded::Bounded, bound| -> Result<String, earnings::Error> {
                let (value, unit, _) = money.present(value, &claim.stated.unit)?;
                Ok(format!(
                    "{} {unit}",
                    text::figure(&report::figure(value, &unit, bound), None)
                ))
            };
        let computed = match &verdict.computed {
            Some(value) => shown(value, None)?,
            None => "nothing".to_string(),
        };
        println!(
            "{}: {} claim on {} by {} {}: stated {}, computed {computed}",
            verdict.outcome,
            claim.relation.kind().name(),
            claim.relation.of(),
            claim.source,
            claim.at,
            shown(&claim.value, Some(claim.stated.bound))?,
        );
    }
    if !failed {
        println!("no claim fails");
    }
    Ok(failed)
}
