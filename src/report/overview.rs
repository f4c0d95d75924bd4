//! `report`: the analyst's overview, one section after another. Each later
//! capability adds its section here.

use crate::check::ClaimVerdict;
use crate::dataset::{Dataset, Fact};
use crate::error::Result;
use crate::figures::Figures;
use crate::listing::{Cell, Column, Each, Listing, Section};
use crate::reference::Reference;
use crate::report::arr::ArrReport;
use crate::report::metrics::{self, Family};
use crate::report::{Money, Selection, check, facts};

/// For each figure, the fact [`crate::figures::preferred_first`] prefers,
/// in load order of first appearance.
pub fn preferred_facts<'d>(figures: &Figures<'d>) -> Vec<&'d Fact> {
    // The figures hold each figure's facts most preferred first.
    figures
        .stated_figures()
        .filter_map(|facts| facts.first().copied())
        .collect()
}

/// The headline figures: what the whole companies (entities without a
/// parent) report, from the most trusted source of each figure.
pub fn headline(figures: &Figures<'_>, selection: &Selection, money: &Money) -> Result<Listing> {
    headline_of(&headline_facts(figures, selection), figures.data(), money)
}

/// The facts of the headline: those of entities without a parent, from
/// the most trusted source of each figure.
fn headline_facts<'d>(figures: &Figures<'d>, selection: &Selection) -> Vec<&'d Fact> {
    let data = figures.data();
    preferred_facts(figures)
        .into_iter()
        .filter(|f| selection.keeps(&f.figure, data))
        .filter(|f| {
            data.entity(&f.figure.entity)
                .is_some_and(|e| e.parent.is_none())
        })
        .collect()
}

/// The headline listing of these facts.
fn headline_of(kept: &[&Fact], data: &Dataset, money: &Money) -> Result<Listing> {
    let rows = kept
        .iter()
        .map(|f| facts::row(f, money))
        .collect::<Result<Vec<_>>>()?;
    let mut listing = Listing {
        name: "headline",
        title: "Headline figures (most trusted source of each)".to_string(),
        meta: money.meta(),
        columns: facts::columns(),
        rows,
        notes: Vec::new(),
    };
    facts::mark_conflicts(&mut listing, kept.iter().map(|f| &f.figure), data);
    Ok(listing)
}

/// [`headline`] as a section whose rows are made as they are written: a
/// screening dataset's headline is every fact.
fn headline_section<'a>(
    figures: &'a Figures<'a>,
    selection: &Selection,
    money: &'a Money,
) -> Section<'a> {
    let kept = headline_facts(figures, selection);
    facts_section(figures, kept, money)
}

/// These facts as the headline section, marked where sources disagree,
/// each row made as it is written.
fn facts_section<'a>(
    figures: &'a Figures<'a>,
    kept: Vec<&'a Fact>,
    money: &'a Money,
) -> Section<'a> {
    let conflicted = figures.conflicted();
    let mut columns = facts::columns();
    columns.extend(facts::CONFLICT_COLUMNS);
    let notes = if kept.iter().any(|f| conflicted.contains(&f.figure)) {
        vec!["! sources disagree on this figure: see `earnings check`.".to_string()]
    } else {
        Vec::new()
    };
    let head = Listing {
        name: "headline",
        title: "Headline figures (most trusted source of each)".to_string(),
        meta: money.meta(),
        columns,
        rows: Vec::new(),
        notes,
    };
    Section::new(head, move |each: &mut Each<'_>| {
        for fact in kept {
            let mut row = facts::row(fact, money)?;
            row.extend(facts::conflict_cells(&fact.figure, conflicted));
            each(&row)?;
        }
        Ok(())
    })
}

/// Targets, forecasts and plans side by side, grouped by metric, so that
/// two companies' spending plans or a company's successive targets can be
/// read together.
pub fn forward_looking(
    figures: &Figures<'_>,
    selection: &Selection,
    money: &Money,
) -> Result<Listing> {
    let data = figures.data();
    let mut kept: Vec<&Fact> = preferred_facts(figures)
        .into_iter()
        .filter(|f| f.status.is_forward_looking() && selection.keeps(&f.figure, data))
        .collect();
    // Stable: within a metric, the order of the data.
    kept.sort_by(|a, b| a.figure.metric.cmp(&b.figure.metric));
    let mut rows = Vec::with_capacity(kept.len());
    for fact in &kept {
        let mut row = facts::row(fact, money)?;
        row.extend(per_year_cells(fact, money)?);
        rows.push(row);
    }
    let mut columns = facts::columns();
    columns.extend([
        Column::people("per_year", "per year", true),
        Column::number("per_year"),
    ]);
    let notes = if rows.is_empty() {
        Vec::new()
    } else {
        vec!["per year: a flow over a period other than a year, at its yearly rate (a two-year plan halved), so plans read side by side.".to_string()]
    };
    Ok(Listing {
        name: "forward_looking",
        title: "Targets, forecasts and plans, side by side by metric".to_string(),
        meta: money.meta(),
        columns,
        rows,
        notes,
    })
}

/// A flow's yearly rate, for plans over several years or part of one; empty
/// for an instant, a level such as an ARR, a rate per unit or a ratio.
fn per_year_cells(fact: &Fact, money: &Money) -> Result<[Cell; 2]> {
    let metric = &fact.figure.metric;
    let flow = fact.stated.unit.takes_scale() && crate::metric::is_flow(metric);
    let Some(per_year) = fact.figure.period.per_year().filter(|_| flow) else {
        return Ok([Cell::Empty, Cell::Number(None)]);
    };
    let yearly = crate::formula::run_rate(&fact.value, per_year)
        .map_err(|e| crate::Error::Arithmetic(format!("{}: per year: {e}", fact.figure)))?;
    let (value, unit, _) = money.present(&yearly, &fact.stated.unit)?;
    Ok([
        Cell::Value(super::figure(value, &unit, Some(fact.stated.bound))),
        Cell::Number(Some(value.point())),
    ])
}

/// Every section of the report. The ARR report is the caller's, who also
/// draws its charts: it is built once. The metrics, the longest section,
/// make their rows as they are written.
pub fn sections<'a>(
    figures: &'a Figures<'a>,
    arr: &ArrReport,
    selection: &'a Selection,
    money: &'a Money,
) -> Result<Vec<Section<'a>>> {
    let data = figures.data();
    let mut sections: Vec<Section<'a>> = vec![
        headline_section(figures, selection, money),
        forward_looking(figures, selection, money)?.into(),
    ];
    sections.push(metrics::section(figures, Family::All, selection, money));
    sections.push(metrics::implied(figures, selection, money)?.into());
    for listing in arr.listings() {
        sections.push(listing.into());
    }
    // The claims verified once for their section's head and for check's
    // findings; the section verifies them again as its rows are written,
    // so that the verdicts are never all held with check's work.
    let (claims, verdicts) = super::verify::checked(figures, selection, money)?;
    let findings = crate::check::findings(figures, &verdicts)?;
    drop(verdicts);
    sections.push(claims);
    sections.push(check::section(findings, data, selection, money));
    Ok(sections)
}

/// The report on one screen, for a terminal: the latest headline figures,
/// their changes and margins, the claims that do not hold or cannot be
/// decided, and the errors in the data, each section naming the command
/// that shows it whole. Sections with nothing to show have no rows (the
/// renderer leaves them out).
pub fn summary<'a>(
    figures: &'a Figures<'a>,
    selection: &'a Selection,
    money: &'a Money,
) -> Result<Vec<Section<'a>>> {
    let latest = latest(&headline_facts(figures, selection));
    let kept: Vec<&Reference> = latest.iter().map(|f| &f.figure).collect();
    // Both made row by row as the table takes them: a screening dataset's
    // latest figures are tens of thousands.
    let mut headline = facts_section(figures, latest, money);
    headline.head.title =
        "Headline figures, the latest of each (every figure: earnings facts)".to_string();
    let mut key = metrics::key(figures, &kept, money);
    // Percentages: the money scale says nothing about them.
    key.head.meta.clear();
    let (claims, verdicts) = claims_summary(figures, selection)?;
    Ok(vec![
        headline,
        key,
        claims.into(),
        errors_summary(figures, &verdicts, selection, money)?,
    ])
}

/// The latest of the facts: a fact is left out where the same entity's
/// metric is also given for the period a year later (whose change shows
/// it). The figures a year before each fact are gathered first, so that
/// this is one pass, not a comparison of every fact with every other; both
/// sets point at the facts' own figures (a million facts: two sets of
/// pointers, not a million references copied).
fn latest<'d>(facts: &[&'d Fact]) -> Vec<&'d Fact> {
    let given: foldhash::HashSet<&'d Reference> = facts.iter().map(|f| &f.figure).collect();
    let superseded: foldhash::HashSet<&'d Reference> = facts
        .iter()
        .filter_map(|later| {
            let period = later.figure.period.prior_year().ok()?;
            given.get(&later.figure.with_period(period)).copied()
        })
        .collect();
    drop(given);
    facts
        .iter()
        .copied()
        .filter(|fact| !superseded.contains(&fact.figure))
        .collect()
}

/// The claims summarised: the counts by outcome in the title, then one row
/// for each claim that is contradicted, contested or undetermined.
///
/// Verified once, one claim at a time against its own source's figures (as
/// `check` has them): each verdict is counted, shown if it is one of those,
/// and kept only as what check needs of it, returned beside the listing.
fn claims_summary(
    figures: &Figures,
    selection: &Selection,
) -> Result<(Listing, Vec<ClaimVerdict>)> {
    use crate::listing::Tone;
    use crate::verify::{self, Against, Outcome, Summary};
    let data = figures.data();
    let mut summary = Summary::default();
    let mut rows = Vec::new();
    let mut verdicts = Vec::with_capacity(data.claims.len());
    for verdict in verify::each(figures, Against::Own) {
        let verdict = verdict?;
        let claim = data.claims.get(verdict.claim);
        if let Some(claim) = claim.filter(|c| selection.keeps(c.relation.of(), data)) {
            summary.add(&verdict);
            let tone = match verdict.outcome {
                Outcome::Contradicted => Some(Tone::Bad),
                Outcome::Contested | Outcome::Undetermined => Some(Tone::Warn),
                Outcome::Holds | Outcome::Unverifiable => None,
            };
            if let Some(tone) = tone {
                rows.push(vec![
                    Cell::Marked(verdict.outcome.name().into(), tone),
                    Cell::text(claim.relation.brief()),
                    Cell::from(&claim.source),
                    Cell::text_or_empty(verdict.reason.as_deref()),
                ]);
            }
        }
        verdicts.push(ClaimVerdict::from(verdict));
    }
    // The counts are worth a line even when every claim is settled.
    let notes = if rows.is_empty() && summary.claims > 0 {
        vec!["None contradicted, contested or undetermined.".to_string()]
    } else {
        Vec::new()
    };
    let listing = Listing {
        name: "claims",
        title: format!("{summary} (each: earnings verify)"),
        meta: Vec::new(),
        columns: vec![
            Column::text("outcome", "outcome").essential(),
            Column::text("claim", "claim").essential(),
            Column::text("source", "source"),
            Column::text("reason", "why"),
        ],
        rows,
        notes,
    };
    Ok((listing, verdicts))
}

/// The findings summarised: their counts in the title, then one row for
/// each error, made as it is shown.
fn errors_summary<'a>(
    figures: &Figures<'a>,
    verdicts: &[ClaimVerdict],
    selection: &'a Selection,
    money: &'a Money,
) -> Result<Section<'a>> {
    use crate::check::Severity;
    let data = figures.data();
    let findings = crate::check::findings(figures, verdicts)?;
    let kept = || findings.iter().filter(|f| check::keeps(f, selection, data));
    let counts = check::counts(kept());
    let any = kept().next().is_some();
    let errors: Vec<_> = findings
        .into_iter()
        .filter(|f| f.severity == Severity::Error && check::keeps(f, selection, data))
        .collect();
    let notes = if errors.is_empty() && any {
        vec!["No errors.".to_string()]
    } else {
        Vec::new()
    };
    let mut section = check::section(errors, data, selection, money);
    let counts = counts.trim_end_matches('.');
    section.head.title = format!("Data findings: {counts} (each: earnings check)");
    section.head.meta = Vec::new();
    section.head.notes = notes;
    Ok(section)
}
