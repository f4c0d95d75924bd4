//! `metrics`, `yoy`, `share` and `run-rate`: derived metrics as listings,
//! and the implied figures beside what sources state of them.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::Arc;

use crate::dataset::Dataset;
use crate::error::Result;
use crate::figures::{Basis, Figures, Known, Provenance};
use crate::listing::{Cell, Column, Each, Listing, Section, Text};
use crate::metrics::{self, Derived, Kind};
use crate::name::Name;
use crate::reference::Reference;
use crate::report::{
    FIGURE_COLUMNS, FIGURE_KEY_COLUMNS, Money, Selection, figure, figure_cells, figure_key_cells,
    not_meaningful_cells,
};
use crate::text;
use crate::value::Unit;

/// The derived metrics a command lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// Every derived metric.
    All,
    /// Year-over-year changes.
    Yoy,
    /// Shares and margins.
    Share,
    /// Annualized run-rates.
    RunRate,
}

impl Family {
    /// Whether the family holds metrics of this kind.
    pub fn includes(self, kind: Kind) -> bool {
        match self {
            Family::All => true,
            Family::Yoy => matches!(kind, Kind::Change | Kind::Yoy | Kind::ChangePp),
            Family::Share => matches!(kind, Kind::Share | Kind::Margin),
            Family::RunRate => kind == Kind::RunRate,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Family::All => "metrics",
            Family::Yoy => "yoy",
            Family::Share => "share",
            Family::RunRate => "run-rate",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Family::All => "Derived metrics",
            Family::Yoy => "Year-over-year changes",
            Family::Share => "Shares and margins",
            Family::RunRate => "Annualized run-rates",
        }
    }
}

/// A known figure in one phrase: `alibaba.revenue@FY2026 = 1,023.67 (article ¶2)`.
pub fn describe(known: &Known, money: &Money) -> Result<String> {
    let mut text = String::new();
    push_description(&mut text, known, money)?;
    Ok(text)
}

/// Appends [`describe`] to `out`.
fn push_description(out: &mut String, known: &Known, money: &Money) -> Result<()> {
    let (value, unit, _) = money.presented(&known.value, &known.unit)?;
    // Writing to a `String` does not fail.
    let _ = known.figure.write_to(out);
    out.push_str(" = ");
    text::push_figure(out, &figure(value, &unit, known.bound), None);
    out.push_str(" (");
    let _ = known.provenance.write_to(out);
    out.push(')');
    Ok(())
}

/// The columns of a derived-metrics listing.
pub fn columns() -> Vec<Column> {
    let mut columns = vec![
        Column::text("kind", "kind").essential(),
        Column::text("entity", "entity").essential(),
        Column::text("metric", "metric").essential(),
        Column::text("period", "period").essential(),
    ];
    columns.extend(FIGURE_COLUMNS);
    columns.extend([
        Column::text("unit", "unit").essential(),
        Column::machines("scale"),
        Column::text("status", "status"),
        Column::text("formula", "formula").wide(),
        Column::text("inputs", "inputs").wide(),
        Column::text("note", "note").wide(),
    ]);
    columns.extend(CONTESTED_COLUMNS);
    columns
}

/// The columns that mark a row built on a figure sources disagree on
/// beyond their rounding (data/FORMAT.md, When sources disagree), directly
/// or through a figure implied from it: `!` for people, `contested`
/// (`true` or `false`) for machines.
pub const CONTESTED_COLUMNS: [Column; 2] = [
    Column::people("contested", "!", false),
    Column::machines("contested"),
];

/// Whether a derived row rests on a contested figure: one of its inputs is
/// a figure sources disagree on, or was implied from one.
fn contested(derived: &Derived, conflicted: &HashSet<Reference>, figures: &Figures<'_>) -> bool {
    derived.inputs.iter().any(|known| {
        conflicted.contains(&known.figure)
            || match &known.provenance {
                Provenance::Implied { index, .. } => figures
                    .implied()
                    .get(*index)
                    .is_some_and(|m| m.inputs.iter().any(|i| conflicted.contains(&i.figure))),
                Provenance::Defined { index, .. } => figures
                    .defined()
                    .get(*index)
                    .is_some_and(|d| d.inputs.iter().any(|i| conflicted.contains(&i.figure))),
                Provenance::Stated { .. } => false,
            }
    })
}

/// A unit as a cell: its code or word shared with the data, or its name.
fn unit_cell(unit: &Unit) -> Cell {
    match unit {
        Unit::Currency(code) | Unit::Count(code) => Cell::text(code),
        Unit::Percent => Cell::text("percent"),
        Unit::Ratio => Cell::text("ratio"),
        Unit::Multiple => Cell::text("multiple"),
    }
}

#[allow(clippy::ptr_arg)] // Which variant it is is the point.
fn text_of(text: &Cow<'static, str>) -> Text {
    match text {
        Cow::Borrowed(text) => Text::Static(text),
        Cow::Owned(text) => Text::Owned(text.clone()),
    }
}

/// The rows of derived metrics, made as they are asked for, into one row
/// kept from row to row: each cell is updated in place, and the text of a
/// period or of the inputs is written into the room the cell already has.
/// The inputs of consecutive rows are most often the same (a change and a
/// percent change of one figure): their description is made once.
struct Rows<'m> {
    money: &'m Money,
    /// The dataset's figures, for what an implied input was solved from.
    figures: &'m Figures<'m>,
    /// The figures sources disagree on (see [`CONTESTED_COLUMNS`]).
    conflicted: &'m HashSet<Reference>,
    /// The row as last made.
    row: Row,
    /// The inputs whose description the row's `inputs` cell holds.
    last_inputs: Option<Arc<[Known]>>,
    /// The period the row's `period` cell holds.
    last_period: Option<crate::period::Period>,
    described: Described,
}

/// The figures described lately: a figure is an input of several rows (its
/// change, its quarter's change, its trailing twelve months and the change
/// of those, its margin), and a year's figure is the prior one of the next
/// year's change. Direct-mapped by figure, so that looking costs a hash and
/// a comparison; room for half a part's figures (see [`ROWS_PART`]), so
/// that a part describes each figure about once (a slot per two figures
/// of a part does as well as one per figure, in half the memory).
struct Described {
    slots: Vec<Option<Slot>>,
    hasher: foldhash::fast::FixedState,
}

/// A figure described: the inputs it came with and its place among them
/// (kept by sharing those inputs, so that no name of it is shared anew),
/// and its description.
#[derive(Clone)]
struct Slot {
    inputs: Arc<[Known]>,
    at: usize,
    text: String,
}

impl Slot {
    /// Whether the slot holds input `at` of `inputs`, or the same figure.
    fn holds(&self, inputs: &Arc<[Known]>, at: usize, known: &Known) -> bool {
        (Arc::ptr_eq(&self.inputs, inputs) && self.at == at)
            || self.inputs.get(self.at) == Some(known)
    }
}

impl Described {
    const SLOTS: usize = 2048;

    fn new() -> Described {
        Described {
            slots: vec![None; Described::SLOTS],
            hasher: foldhash::fast::FixedState::default(),
        }
    }

    /// Appends the description of input `at` of `inputs` to `text`.
    fn describe(
        &mut self,
        inputs: &Arc<[Known]>,
        at: usize,
        money: &Money,
        text: &mut String,
    ) -> Result<()> {
        use std::hash::BuildHasher;
        let Some(known) = inputs.get(at) else {
            return Ok(());
        };
        // The names by where their shared text is rather than by the text
        // (fewer instructions for each of a million rows): a figure whose
        // names are shared elsewhere hashes elsewhere, and is only
        // described again.
        let figure = &known.figure;
        let names = (figure.entity.as_ptr().addr(), figure.metric.as_ptr().addr());
        let hash = self.hasher.hash_one((names, &figure.period));
        let slot = hash
            .checked_rem(Described::SLOTS as u64)
            .and_then(|i| usize::try_from(i).ok())
            .and_then(|i| self.slots.get_mut(i));
        let Some(slot) = slot else {
            return push_description(text, known, money);
        };
        match slot {
            Some(held) if held.holds(inputs, at, known) => text.push_str(&held.text),
            _ => {
                let start = text.len();
                push_description(text, known, money)?;
                let made = text.get(start..).unwrap_or_default();
                match slot {
                    // The slot's text is reused rather than freed.
                    Some(held) => {
                        held.inputs = Arc::clone(inputs);
                        held.at = at;
                        held.text.clear();
                        held.text.push_str(made);
                    }
                    None => {
                        *slot = Some(Slot {
                            inputs: Arc::clone(inputs),
                            at,
                            text: made.to_string(),
                        })
                    }
                }
            }
        }
        Ok(())
    }
}

impl<'m> Rows<'m> {
    fn new(money: &'m Money, figures: &'m Figures<'m>) -> Rows<'m> {
        Rows {
            money,
            figures,
            conflicted: figures.conflicted(),
            row: std::array::from_fn(|_| Cell::Empty),
            last_inputs: None,
            last_period: None,
            described: Described::new(),
        }
    }

    /// The row of `derived`, made over the last one.
    fn row(&mut self, derived: &Derived) -> Result<&Row> {
        let Rows {
            money,
            figures,
            conflicted,
            row,
            last_inputs,
            last_period,
            described,
        } = self;
        let [
            kind,
            entity,
            metric,
            period,
            value,
            interval,
            point,
            low,
            high,
            unit,
            scale,
            status,
            formula,
            inputs,
            note,
            contested_mark,
            contested_word,
        ] = row;
        let (shown, shown_unit, shown_scale) = match &derived.value {
            Some(value) => {
                let (value, unit, scale) = money.presented(value, &derived.unit)?;
                (figure_cells(figure(value, &unit, None)), unit, scale)
            }
            None => (
                not_meaningful_cells(),
                Cow::Borrowed(&derived.unit),
                crate::value::Scale::Unit,
            ),
        };
        [*value, *interval, *point, *low, *high] = shown;
        *kind = Cell::text(derived.kind.name());
        set_name(entity, &derived.figure.entity);
        set_name(metric, &derived.figure.metric);
        // A change and its percent are of the same period.
        if last_period.as_ref() != Some(&derived.figure.period) {
            *last_period = None;
            let mut text = emptied_text(period);
            let _ = derived.figure.period.write_to(&mut text);
            *period = Cell::from(text);
            *last_period = Some(derived.figure.period.clone());
        }
        match &*shown_unit {
            Unit::Currency(code) | Unit::Count(code) => set_name(unit, code),
            other => *unit = unit_cell(other),
        }
        *scale = Cell::text(shown_scale.name());
        *status = if derived.status.is_forward_looking() {
            Cell::text(derived.status.name())
        } else {
            Cell::Empty
        };
        set_text(formula, Some(&derived.formula));
        set_text(note, derived.note.as_ref());
        // Most often the very same inputs, shared by a change and its percent.
        let same = last_inputs
            .as_ref()
            .is_some_and(|last| Arc::ptr_eq(last, &derived.inputs) || **last == *derived.inputs);
        if !same {
            *last_inputs = None;
            let mut text = emptied_text(inputs);
            let made = (0..derived.inputs.len()).try_for_each(|at| {
                if at > 0 {
                    text.push_str("; ");
                }
                described.describe(&derived.inputs, at, money, &mut text)
            });
            *inputs = Cell::from(text);
            made?;
            *last_inputs = Some(Arc::clone(&derived.inputs));
        }
        let contested = contested(derived, conflicted, figures);
        *contested_mark = if contested {
            Cell::text("!")
        } else {
            Cell::Empty
        };
        *contested_word = Cell::text(if contested { "true" } else { "false" });
        Ok(row)
    }
}

/// A cell set to a name shared with the data, unless it holds it already.
fn set_name(cell: &mut Cell, name: &Name) {
    if !matches!(cell, Cell::Text(Text::Name(held)) if held == name) {
        *cell = Cell::text(name);
    }
}

/// A cell set to a text or to nothing, a text made for the cell copied
/// into the room the cell has.
fn set_text(cell: &mut Cell, text: Option<&Cow<'static, str>>) {
    match (text, &mut *cell) {
        (Some(Cow::Owned(text)), Cell::Text(Text::Owned(held))) => held.clone_from(text),
        (Some(text), _) => *cell = Cell::Text(text_of(text)),
        (None, _) => *cell = Cell::Empty,
    }
}

/// The room of a cell's text made for it, emptied and taken out of the
/// cell to be written (and put back).
fn emptied_text(cell: &mut Cell) -> String {
    match std::mem::replace(cell, Cell::Empty) {
        Cell::Text(Text::Owned(mut text)) => {
            text.clear();
            text
        }
        _ => String::with_capacity(256),
    }
}

/// A row of a derived-metrics listing, one cell for each of [`columns`].
pub type Row = [Cell; 17];

/// A derived-metrics listing of one family without its rows ([`rows`]
/// makes them).
pub fn head(family: Family, money: &Money) -> Listing {
    Listing {
        name: family.name(),
        title: family.title().to_string(),
        meta: money.meta(),
        columns: columns(),
        rows: Vec::new(),
        notes: Vec::new(),
    }
}

/// The rows of the derived metrics of one family the selection keeps, made
/// one at a time: only that family is computed.
pub fn rows<'f>(
    figures: &'f Figures<'f>,
    family: Family,
    selection: &'f Selection,
    money: &'f Money,
) -> impl Iterator<Item = Result<Row>> + 'f {
    let data = figures.data();
    let mut rows = Rows::new(money, figures);
    metrics::derived(figures, move |kind| family.includes(kind))
        .filter(move |d| match d {
            Ok(d) => selection.keeps(&d.figure, data),
            Err(_) => true,
        })
        .map(move |d| d.and_then(|d| rows.row(&d).cloned()))
}

/// Figures in a part of the derived metrics made at once (by one thread).
const ROWS_PART: usize = 4096;

/// The derived metrics of one family the selection keeps, as a section
/// whose rows are made as a renderer takes them, in parts that CSV makes on
/// every core: a million rows never wait in memory.
pub fn section<'f>(
    figures: &'f Figures<'f>,
    family: Family,
    selection: &'f Selection,
    money: &'f Money,
) -> Section<'f> {
    let parts = metrics::parts(figures, ROWS_PART);
    let count = parts.len();
    let make = move |part: usize, each: &mut Each<'_>| {
        let Some(part) = parts.get(part).cloned() else {
            return Ok(());
        };
        let derived = metrics::derived_part(figures, move |kind| family.includes(kind), part);
        each_row(derived, figures, selection, money, each)
    };
    Section::from_parts(head(family, money), count, make)
}

/// Hands `each` the rows of the derived metrics the selection keeps, each
/// made over the last, up to the first error.
fn each_row(
    derived: impl Iterator<Item = Result<Derived>>,
    figures: &Figures<'_>,
    selection: &Selection,
    money: &Money,
    each: &mut Each<'_>,
) -> Result<()> {
    let data = figures.data();
    let mut rows = Rows::new(money, figures);
    for derived in derived {
        let derived = derived?;
        if selection.keeps(&derived.figure, data) {
            each(rows.row(&derived)?)?;
        }
    }
    Ok(())
}

/// The derived metrics of one family the selection keeps.
pub fn listing(
    figures: &Figures<'_>,
    family: Family,
    selection: &Selection,
    money: &Money,
) -> Result<Listing> {
    let mut listing = head(family, money);
    listing.rows = rows(figures, family, selection, money)
        .map(|row| row.map(Vec::from))
        .collect::<Result<Vec<_>>>()?;
    Ok(listing)
}

/// The derived metrics that matter most for the given figures: their
/// year-over-year changes in percent (or in points) and their margins.
pub fn key<'a>(figures: &'a Figures<'a>, of: &[&'a Reference], money: &'a Money) -> Section<'a> {
    // A set, not the list: a screening dataset has a million figures.
    let of: std::collections::HashSet<&Reference> = of.iter().copied().collect();
    let mut head = head(Family::All, money);
    head.name = "key_metrics";
    head.title = "Changes and margins of these figures (every metric: earnings metrics)".into();
    // The rows are made as they are shown (a table keeps the first few).
    Section::new(head, move |each: &mut Each<'_>| {
        let wanted = |kind: Kind| matches!(kind, Kind::Yoy | Kind::ChangePp | Kind::Margin);
        let derived = metrics::derived(figures, wanted)
            .filter(|d| d.as_ref().map_or(true, |d| of.contains(&d.figure)));
        each_row(derived, figures, &Selection::default(), money, each)
    })
}

/// The implied figures, those claims imply then those definitions do, each
/// beside what the most trusted source states of the same figure, if any.
pub fn implied(figures: &Figures<'_>, selection: &Selection, money: &Money) -> Result<Listing> {
    let data: &Dataset = figures.data();
    let mut columns = FIGURE_KEY_COLUMNS.to_vec();
    columns.extend(FIGURE_COLUMNS);
    columns.extend([
        Column::text("unit", "unit").essential(),
        Column::machines("scale"),
        Column::text("status", "status"),
        Column::text("claim", "implied by"),
        Column::text("formula", "formula").wide(),
        Column::text("inputs", "from").wide(),
        Column::text("stated", "stated elsewhere"),
    ]);
    let mut rows = Vec::new();
    let by_claims = figures.implied().iter().map(|implied| {
        let claim = data.claims.get(implied.claim);
        let claim_text = claim.map_or_else(String::new, |c| {
            format!("{} claim, {} {}", c.relation.kind().name(), c.source, c.at)
        });
        let formula: Cow<'static, str> = implied.formula.into();
        (&implied.known, claim_text, formula, &implied.inputs)
    });
    let by_definitions = figures.defined().iter().map(|defined| {
        let metric = data.definitions.get(defined.definition).map(|d| &d.metric);
        let text = metric.map_or_else(String::new, |m| format!("definition of {m}"));
        let formula: Cow<'static, str> = defined.formula.clone().into();
        (&defined.known, text, formula, &defined.inputs)
    });
    for (known, claim_text, formula, inputs) in by_claims.chain(by_definitions) {
        if !selection.keeps(&known.figure, data) {
            continue;
        }
        let (value, unit, scale) = money.present(&known.value, &known.unit)?;
        let mut row: Vec<Cell> = figure_key_cells(&known.figure).to_vec();
        row.extend(figure_cells(figure(value, &unit, None)));
        let inputs = inputs
            .iter()
            .map(|k| describe(k, money))
            .collect::<Result<Vec<_>>>()?
            .join("; ");
        let stated = match figures.stated(&known.figure).first() {
            Some(fact) => {
                let stated = figures.get(&known.figure, Basis::MostTrusted);
                let text = stated
                    .map(|k| describe(&k, money))
                    .transpose()?
                    .unwrap_or_default();
                let agrees = if fact.value.overlaps(&known.value) {
                    "agrees"
                } else {
                    "DISAGREES"
                };
                format!("{agrees}: {text}")
            }
            None => String::new(),
        };
        row.extend([
            unit.to_string().into(),
            scale.name().into(),
            if known.status.is_forward_looking() {
                known.status.name().into()
            } else {
                Cell::Empty
            },
            claim_text.into(),
            Cell::Text(text_of(&formula)),
            inputs.into(),
            stated.into(),
        ]);
        rows.push(row);
    }
    Ok(Listing {
        name: "implied",
        title: "Implied figures (solved from stated relations)".to_string(),
        meta: money.meta(),
        columns,
        rows,
        notes: Vec::new(),
    })
}
