//! `verify` and the report's claims section: each claim with what it
//! states, what the figures give, the outcome, and the figures used with
//! their sources. A summary line ends the table.

use crate::check::ClaimVerdict;
use crate::dataset::{Claim, Dataset};
use crate::error::Result;
use crate::figures::{Figures, Known};
use crate::listing::{Cell, Column, Each, Listing, Section};
use crate::report::{Money, Selection, figure};
use crate::text;
use crate::verify::{self, Against, Summary, Verdict};

/// The columns of the listing, in order. People see `claim`, `outcome`,
/// `stated`, `computed`, `interval`, `figures` (with `--wide`) and `note`; machines see the claim's
/// references, every number in full and every field on its own.
pub fn columns() -> Vec<Column> {
    vec![
        Column::text("kind", "kind"),
        Column::people("claim", "claim", false).essential(),
        // People read the outcome first; machines find it by its key.
        Column::people("outcome", "outcome", false).essential(),
        Column::machines("of"),
        Column::machines("other"),
        Column::people("stated", "stated", true).essential(),
        Column::number("claimed_value"),
        Column::number("claimed_low"),
        Column::number("claimed_high"),
        Column::people("computed", "computed", true).essential(),
        Column::people("interval", "interval", true),
        Column::number("computed_value"),
        Column::number("computed_low"),
        Column::number("computed_high"),
        Column::text("unit", "unit").essential(),
        Column::machines("scale"),
        Column::machines("bound"),
        Column::text("status", "status").wide(),
        Column::machines("outcome"),
        Column::people("figures", "figures used", false).wide(),
        Column::machines("inputs"),
        Column::machines("alternatives"),
        Column::machines("missing"),
        Column::machines("implied"),
        Column::number("implied_value"),
        Column::number("implied_low"),
        Column::number("implied_high"),
        Column::text("source", "source"),
        Column::text("at", "at").wide(),
        Column::people("note", "note", false),
        Column::machines("reason"),
        Column::machines("expr"),
    ]
}

/// The `verify` command's section: every claim the selection keeps,
/// checked against the chosen figures, its rows made as they are written.
pub fn listing<'a>(
    figures: &'a Figures<'a>,
    selection: &'a Selection,
    money: &'a Money,
    against: Against,
) -> Result<(Section<'a>, Summary)> {
    let title = match against {
        Against::Own => {
            "Claims checked against their own source's figures (gaps filled from the others)"
        }
        Against::Best => "Claims checked against the most trusted figures",
    };
    build(figures, selection, money, against, "verify", title)
}

/// The report's claims section: as `verify`, against each claim's own
/// source's figures.
pub fn section<'a>(
    figures: &'a Figures<'a>,
    selection: &'a Selection,
    money: &'a Money,
) -> Result<Section<'a>> {
    Ok(build(
        figures,
        selection,
        money,
        Against::Own,
        "claims",
        CLAIMS_TITLE,
    )?
    .0)
}

/// The report's claims section, as [`section`], and what `check` needs of
/// each verdict ([`crate::check::verdicts`]) from the same pass: the claims
/// are verified one at a time for the head (the summary and the footnotes)
/// and the check, and again a part at a time as the rows are written, so
/// that the verdicts are never all held at once.
pub fn checked<'a>(
    figures: &'a Figures<'a>,
    selection: &'a Selection,
    money: &'a Money,
) -> Result<(Section<'a>, Vec<ClaimVerdict>)> {
    let data = figures.data();
    let claims = data.claims.len();
    let runs = verify::in_runs(claims, |run| gather(figures, selection, run))
        .into_iter()
        .collect::<Result<Vec<_>>>()?;
    let mut notes = Notes::default();
    let mut verdicts = Vec::with_capacity(claims);
    for (more, made) in runs {
        notes.append(more);
        verdicts.extend(made);
    }
    let (head, firsts) = notes.head(money, Against::Own, "claims", CLAIMS_TITLE);
    let parts = firsts.len();
    let make = move |part: usize, each: &mut Each<'_>| {
        let (Some(&first), Some(start)) = (firsts.get(part), part.checked_mul(ROWS_PART)) else {
            return Ok(());
        };
        let claims = start..start.saturating_add(ROWS_PART).min(data.claims.len());
        let part = verify::each_of(figures, Against::Own, claims);
        part_rows(part, first, data, selection, money, each)
    };
    Ok((Section::from_parts(head, parts, make), verdicts))
}

/// The notes of the claims at `claims` and what `check` needs of their
/// verdicts, one claim at a time.
fn gather(
    figures: &Figures<'_>,
    selection: &Selection,
    claims: std::ops::Range<usize>,
) -> Result<(Notes, Vec<ClaimVerdict>)> {
    let data = figures.data();
    let mut notes = Notes::default();
    let mut verdicts = Vec::with_capacity(claims.len());
    for verdict in verify::each_of(figures, Against::Own, claims) {
        let verdict = verdict?;
        notes.add(data, selection, &verdict);
        verdicts.push(ClaimVerdict::from(verdict));
    }
    Ok((notes, verdicts))
}

/// The title of the report's claims section.
const CLAIMS_TITLE: &str = "Claims checked against their own source's figures";

/// The verdicts are made first (the summary and the footnotes, which come
/// with the head, count them); each row only as it is written, so that a
/// dataset of many claims is never held as rows of text.
fn build<'a>(
    figures: &'a Figures<'a>,
    selection: &'a Selection,
    money: &'a Money,
    against: Against,
    name: &'static str,
    title: &str,
) -> Result<(Section<'a>, Summary)> {
    let data = figures.data();
    let verdicts = verify::verify(figures, against)?;
    let mut notes = Notes::default();
    for verdict in &verdicts {
        notes.add(data, selection, verdict);
    }
    let summary = notes.summary;
    let (head, firsts) = notes.head(money, against, name, title);
    let parts = firsts.len();
    let make = move |part: usize, each: &mut Each<'_>| {
        let (Some(run), Some(&first)) = (verdicts.chunks(ROWS_PART).nth(part), firsts.get(part))
        else {
            return Ok(());
        };
        part_rows(run.iter().map(Ok), first, data, selection, money, each)
    };
    Ok((Section::from_parts(head, parts, make), summary))
}

/// What the head says of the verdicts, gathered one at a time in the order
/// of the claims: the footnotes (not yet numbered), how many come before
/// each part of the rows (made in parts of claims, so that CSV makes them
/// on every core), and the summary.
#[derive(Default)]
struct Notes {
    footnotes: Vec<String>,
    firsts: Vec<usize>,
    summary: Summary,
}

impl Notes {
    /// Counts a verdict, the next claim's, if the selection keeps it.
    fn add(&mut self, data: &Dataset, selection: &Selection, verdict: &Verdict) {
        if verdict.claim.checked_rem(ROWS_PART) == Some(0) {
            self.firsts.push(self.footnotes.len());
        }
        let Some(claim) = data.claims.get(verdict.claim) else {
            return;
        };
        if !selection.keeps(claim.relation.of(), data) {
            return;
        }
        self.summary.add(verdict);
        if let Some(reason) = &verdict.reason {
            self.footnotes.push(format!(
                "{} {}: {reason}",
                claim.relation.kind().name(),
                claim.relation.of()
            ));
        }
    }

    /// Adds the notes of the claims after these.
    fn append(&mut self, later: Notes) {
        let before = self.footnotes.len();
        self.firsts.extend(
            later
                .firsts
                .iter()
                .map(|first| first.saturating_add(before)),
        );
        self.footnotes.extend(later.footnotes);
        self.summary.add_all(&later.summary);
    }

    /// The section's head, and how many footnotes come before each part.
    fn head(
        self,
        money: &Money,
        against: Against,
        name: &'static str,
        title: &str,
    ) -> (Listing, Vec<usize>) {
        let mut meta = money.meta();
        meta.push(("against", against.name().to_string()));
        // Numbered here: they are gathered in runs of claims.
        let mut notes: Vec<String> = (self.footnotes.into_iter().enumerate())
            .map(|(n, note)| format!("[{}] {note}", n.saturating_add(1)))
            .collect();
        notes.push(self.summary.to_string());
        let head = Listing {
            name,
            title: title.to_string(),
            meta,
            columns: columns(),
            rows: Vec::new(),
            notes,
        };
        (head, self.firsts)
    }
}

/// Hands `each` the rows of a part's verdicts the selection keeps, their
/// footnotes numbered on from `first`.
fn part_rows<V: std::borrow::Borrow<Verdict>>(
    verdicts: impl Iterator<Item = Result<V>>,
    first: usize,
    data: &Dataset,
    selection: &Selection,
    money: &Money,
    each: &mut Each<'_>,
) -> Result<()> {
    let mut footnote = first;
    // One row's cells at a time, in one buffer for the part: no
    // allocation of a row's size for each claim.
    let mut cells = Vec::with_capacity(COLUMNS);
    for verdict in verdicts {
        let verdict = verdict?;
        let verdict = verdict.borrow();
        let Some(claim) = data.claims.get(verdict.claim) else {
            continue;
        };
        if !selection.keeps(claim.relation.of(), data) {
            continue;
        }
        let note = if verdict.reason.is_some() {
            footnote = footnote.saturating_add(1);
            Cell::text(format!("[{footnote}]"))
        } else {
            Cell::Empty
        };
        cells.clear();
        row(&mut cells, verdict, claim, money, note)?;
        each(&cells)?;
    }
    Ok(())
}

/// Claims in a part of the rows made at once (by one thread).
const ROWS_PART: usize = 1024;

/// The cells of a row, as [`columns`] lists them.
const COLUMNS: usize = 32;

/// The cells of a claim's row, after those already in `cells`.
fn row(
    cells: &mut Vec<Cell>,
    verdict: &Verdict,
    claim: &Claim,
    money: &Money,
    note: Cell,
) -> Result<()> {
    let of = claim.relation.of().to_string();
    let other = claim.relation.other().map(|r| r.to_string());
    let (claimed, unit, scale) = money.present(&verdict.claimed, &claim.stated.unit)?;
    let stated = figure(claimed, &unit, Some(claim.stated.bound));
    cells.extend([
        claim.relation.kind().name().into(),
        claim.relation.brief().into(),
        Cell::text(verdict.outcome.name()),
        of.into(),
        Cell::text_or_empty(other.as_deref()),
        Cell::Value(stated),
        Cell::Number(Some(claimed.point())),
        Cell::Number(claimed.low().value()),
        Cell::Number(claimed.high().value()),
    ]);
    cells.extend(computed_cells(verdict, claim, money)?);
    let list = |ks: &[Known], people: bool| -> Result<String> {
        let mut text = String::new();
        for (n, k) in ks.iter().enumerate() {
            if n > 0 {
                text.push_str("; ");
            }
            describe(&mut text, k, money, people)?;
        }
        Ok(text)
    };
    let missing: Vec<String> = verdict.missing.iter().map(ToString::to_string).collect();
    // The figures used, each part after a "; ".
    let mut used = list(&verdict.inputs, true)?;
    let part = |used: &mut String, before: &str| {
        if !used.is_empty() {
            used.push_str("; ");
        }
        used.push_str(before);
    };
    for alternative in &verdict.alternatives {
        part(&mut used, "or ");
        describe(&mut used, alternative, money, true)?;
    }
    if !missing.is_empty() {
        part(&mut used, "missing: ");
        used.push_str(&missing.join(", "));
    }
    if let Some(implied) = &verdict.implied {
        part(&mut used, "implied instead: ");
        describe(&mut used, implied, money, true)?;
    }
    cells.extend([
        unit.to_string().into(),
        scale.name().into(),
        claim.stated.bound.name().into(),
        claim.status.name().into(),
        verdict.outcome.name().into(),
        used.into(),
        text(list(&verdict.inputs, false)?),
        text(list(&verdict.alternatives, false)?),
        text(missing.join("; ")),
    ]);
    cells.extend(implied_cells(verdict, money)?);
    cells.extend([
        claim.source.as_str().into(),
        claim.at.as_str().into(),
        note,
        Cell::text_or_empty(verdict.reason.as_deref()),
        Cell::text_or_empty(claim.relation.expression().map(|e| e.text())),
    ]);
    Ok(())
}

/// The computed value's cells: as people read it, its interval, and its
/// numbers in full; `n/m` where it is not meaningful.
fn computed_cells(verdict: &Verdict, claim: &Claim, money: &Money) -> Result<[Cell; 5]> {
    Ok(match &verdict.computed {
        Some(computed) => {
            let (value, unit, _) = money.present(computed, &claim.stated.unit)?;
            let shown = figure(value, &unit, None);
            [
                Cell::Value(shown.clone()),
                Cell::Interval(shown),
                Cell::Number(Some(value.point())),
                Cell::Number(value.low().value()),
                Cell::Number(value.high().value()),
            ]
        }
        None => {
            let not_meaningful = verdict
                .reason
                .as_deref()
                .is_some_and(|r| r.starts_with("n/m"));
            [
                if not_meaningful {
                    "n/m".into()
                } else {
                    Cell::Empty
                },
                Cell::Empty,
                Cell::Number(None),
                Cell::Number(None),
                Cell::Number(None),
            ]
        }
    })
}

/// The cells of the figure the claim implies where one is missing.
fn implied_cells(verdict: &Verdict, money: &Money) -> Result<[Cell; 4]> {
    Ok(match &verdict.implied {
        Some(implied) => {
            let (value, _, _) = money.present(&implied.value, &implied.unit)?;
            [
                implied.figure.to_string().into(),
                Cell::Number(Some(value.point())),
                Cell::Number(value.low().value()),
                Cell::Number(value.high().value()),
            ]
        }
        None => [
            Cell::Empty,
            Cell::Number(None),
            Cell::Number(None),
            Cell::Number(None),
        ],
    })
}

fn text(s: String) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::text(s)
    }
}

/// `alibaba.net_profit@FY2026 = 102.1 (article ¶2)`, after what `out`
/// holds: the value in the output scale, rounded as its interval justifies
/// for people, in full for machines; forward-looking figures say so.
fn describe(out: &mut String, known: &Known, money: &Money, people: bool) -> Result<()> {
    use std::fmt::Write as _;
    let (value, unit, _) = money.present(&known.value, &known.unit)?;
    // Writing to a `String` cannot fail.
    let _ = write!(out, "{} = ", known.figure);
    if people {
        out.push_str(&text::figure_and_interval(
            &figure(value, &unit, known.bound),
            None,
        ));
    } else {
        text::push_plain(out, value.point());
    }
    out.push_str(" (");
    let _ = known.provenance.write_to(out);
    if known.status.is_forward_looking() {
        out.push_str(", ");
        out.push_str(known.status.name());
    }
    out.push(')');
    Ok(())
}
