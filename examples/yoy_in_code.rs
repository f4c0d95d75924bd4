//! Builds a small dataset in code (a company, its sources and four stated
//! figures) and prints the year-over-year changes the library derives.
//!
//! Run with `cargo run --example yoy_in_code`.

use earnings::dataset::{Dataset, Entity, Fact, Source, SourceKind};
use earnings::figures::Figures;
use earnings::metrics::{self, Kind};
use earnings::period::FiscalYearEnd;
use earnings::render::{self, RenderOptions};
use earnings::report::metrics::Family;
use earnings::report::{self, Money, Selection};
use earnings::value::{BoundKind, Scale, Stated, Unit};

fn usd_billions(value: &str, bound: BoundKind) -> Result<Stated, Box<dyn std::error::Error>> {
    Ok(Stated {
        value: value.parse()?,
        scale: Scale::Billion,
        unit: Unit::Currency("USD".into()),
        bound,
        high: None,
        tolerance: None,
    })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = Dataset {
        sources: vec![Source {
            id: "annual-report".into(),
            title: "Acme annual report".into(),
            kind: SourceKind::Filing,
            publisher: None,
            published: None,
            url: None,
            note: None,
        }],
        entities: vec![Entity {
            id: "acme".into(),
            name: "Acme Corp".into(),
            currency: Some("USD".into()),
            fiscal_year_end: FiscalYearEnd::new(6, 30).ok_or("bad fiscal year end")?,
            parent: None,
        }],
        facts: vec![
            Fact::new(
                "acme.revenue@FY2025".parse()?,
                usd_billions("11.6", BoundKind::Rounded)?,
                "annual-report",
                "p. 4",
            )?,
            Fact::new(
                "acme.revenue@FY2026".parse()?,
                usd_billions("12.5", BoundKind::Rounded)?,
                "annual-report",
                "p. 4",
            )?,
            Fact::new(
                "acme.net_profit@FY2025".parse()?,
                usd_billions("-0.4", BoundKind::Exact)?,
                "annual-report",
                "p. 5",
            )?,
            Fact::new(
                "acme.net_profit@FY2026".parse()?,
                usd_billions("0.9", BoundKind::Exact)?,
                "annual-report",
                "p. 5",
            )?,
        ],
        claims: Vec::new(),
        ..Dataset::default()
    };

    let figures = Figures::build(&data)?;

    // The derived metrics as plain data …
    for derived in metrics::derive(&figures)? {
        if derived.kind == Kind::Yoy {
            match derived.value {
                Some(value) => println!("{}: {:.2}% a year", derived.figure, value.point()),
                // The prior year was a loss: a percent change says nothing.
                None => println!("{}: n/m", derived.figure),
            }
        }
    }

    // … or as the `yoy` command prints them.
    let listing = report::metrics::listing(
        &figures,
        Family::Yoy,
        &Selection::default(),
        &Money::default(),
    )?;
    render::render_listing(&mut std::io::stdout(), &listing, &RenderOptions::default())?;
    Ok(())
}
