//! The model workbook as plain data: a sheet of the facts the derived
//! metrics are computed from, and a sheet per kind of metric whose value,
//! low and high are live spreadsheet formulas over the fact cells, so that
//! a changed input recomputes every metric built on it.
//!
//! Each formula is made from the metric's [`Recipe`] (the one home of the
//! formulas, `crate::formula`): its [`Term`] evaluated end by end, each
//! operation's low and high the least and the greatest of the combinations
//! of its operands' ends (`MIN`/`MAX` over the corners of a quotient or a
//! product), which is exact since every term uses each input once. A
//! percent change is `n/m` (text) unless both inputs have one sign, as
//! [`Recipe::same_sign`] says. What is claimed rather than computed
//! (implied growth) is written as numbers.

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::bounded::Bounded;
use crate::error::Result;
use crate::figures::{Figures, Known, Provenance};
use crate::formula::{Recipe, Term};
use crate::metrics::{self, Derived, Kind};
use crate::reference::Reference;
use crate::report::metrics::Family;
use crate::report::{Money, Selection};
use crate::text::Rounding;

/// The name of the sheet of facts, which the formulas refer to.
pub const FACTS: &str = "facts";

/// One sheet: a header row of column keys, then the rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sheet {
    /// The sheet's name (its tab).
    pub name: String,
    /// The column keys, the first row.
    pub columns: Vec<&'static str>,
    /// The rows under the header.
    pub rows: Vec<Vec<SheetCell>>,
}

/// One cell of a sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SheetCell {
    /// Nothing (an unbounded side).
    Empty,
    /// Text, written as text: never run as a formula.
    Text(String),
    /// A number, and how it rounds where the spreadsheet keeps fewer digits.
    Number(Decimal, Rounding),
    /// A live formula (without its `=`) and the result it has now: a number,
    /// or `None` for `n/m`.
    Formula(String, Option<Decimal>),
}

/// The columns of the facts sheet: B, C and D are value, low and high.
const FACT_COLUMNS: [&str; 10] = [
    "figure", "value", "low", "high", "unit", "scale", "bound", "status", "source", "place",
];

/// The columns of a metric's sheet: D, E and F are value, low and high.
const METRIC_COLUMNS: [&str; 12] = [
    "entity", "metric", "period", "value", "low", "high", "unit", "scale", "status", "formula",
    "inputs", "note",
];

/// The cells of one fact on the facts sheet: its value, low and high.
#[derive(Clone, Debug)]
struct Ends {
    value: String,
    low: String,
    high: String,
}

impl Ends {
    fn same(text: String) -> Ends {
        Ends {
            value: text.clone(),
            low: text.clone(),
            high: text,
        }
    }
}

/// The facts sheet being filled: each input once, by figure and value.
struct Facts<'m> {
    money: &'m Money,
    rows: Vec<Vec<SheetCell>>,
    placed: HashMap<Reference, Vec<(Known, usize)>>,
}

impl Facts<'_> {
    /// The row (1-based, under the header) of a fact, added if new.
    fn row_of(&mut self, known: &Known) -> Result<usize> {
        if let Some(row) = self
            .placed
            .get(&known.figure)
            .and_then(|rows| rows.iter().find(|(k, _)| k == known))
            .map(|(_, row)| *row)
        {
            return Ok(row);
        }
        let (value, unit, scale) = self.money.present(&known.value, &known.unit)?;
        let (source, place) = match &known.provenance {
            Provenance::Stated { source, at } => (source.to_string(), at.to_string()),
            Provenance::Implied { source, at, .. } => {
                (format!("implied by {source}"), at.to_string())
            }
            Provenance::Defined { .. } => ("by definition".to_string(), String::new()),
        };
        let mut cells = vec![SheetCell::Text(known.figure.to_string())];
        cells.extend(interval_cells(&value));
        cells.extend([
            SheetCell::Text(unit.to_string()),
            SheetCell::Text(scale.to_string()),
            SheetCell::Text(known.bound.map(|b| b.to_string()).unwrap_or_default()),
            SheetCell::Text(known.status.to_string()),
            SheetCell::Text(source),
            SheetCell::Text(place),
        ]);
        self.rows.push(cells);
        // The header is row 1.
        let row = self.rows.len().saturating_add(1);
        self.placed
            .entry(known.figure.clone())
            .or_default()
            .push((known.clone(), row));
        Ok(row)
    }
}

/// Value, low and high as numbers; an unbounded side empty.
fn interval_cells(value: &Bounded) -> [SheetCell; 3] {
    let end = |end: Option<Decimal>, rounding| {
        end.map_or(SheetCell::Empty, |d| SheetCell::Number(d, rounding))
    };
    [
        SheetCell::Number(value.point(), Rounding::Nearest),
        end(value.low().value(), Rounding::Down),
        end(value.high().value(), Rounding::Up),
    ]
}

/// The model workbook of a family of metrics: the facts sheet first, then a
/// sheet per kind of metric the selection keeps, in the order the kinds
/// first come.
///
/// ```
/// use earnings::report::metrics::Family;
/// use earnings::report::workbook::{SheetCell, model};
/// use earnings::report::{Money, Selection};
/// use earnings::{Dataset, Figures};
/// let data = Dataset::bundled().unwrap();
/// let figures = Figures::build(&data).unwrap();
/// let sheets = model(&figures, Family::Yoy, &Selection::default(), &Money::default()).unwrap();
/// assert_eq!(sheets[0].name, "facts");
/// let yoy = sheets.iter().find(|s| s.name == "yoy").unwrap();
/// assert!(matches!(&yoy.rows[0][3], SheetCell::Formula(f, _) if f.contains("facts!B")));
/// ```
pub fn model(
    figures: &Figures<'_>,
    family: Family,
    selection: &Selection,
    money: &Money,
) -> Result<Vec<Sheet>> {
    let data = figures.data();
    let mut facts = Facts {
        money,
        rows: Vec::new(),
        placed: HashMap::new(),
    };
    let mut sheets: Vec<(Kind, Sheet)> = Vec::new();
    for derived in metrics::derived(figures, |kind| family.includes(kind)) {
        let derived = derived?;
        if !selection.keeps(&derived.figure, data) {
            continue;
        }
        let row = metric_row(&derived, &mut facts)?;
        match sheets.iter_mut().find(|(kind, _)| *kind == derived.kind) {
            Some((_, sheet)) => sheet.rows.push(row),
            None => sheets.push((
                derived.kind,
                Sheet {
                    name: derived.kind.name().to_string(),
                    columns: METRIC_COLUMNS.to_vec(),
                    rows: vec![row],
                },
            )),
        }
    }
    let mut all = vec![Sheet {
        name: FACTS.to_string(),
        columns: FACT_COLUMNS.to_vec(),
        rows: facts.rows,
    }];
    all.extend(sheets.into_iter().map(|(_, sheet)| sheet));
    Ok(all)
}

/// A metric's row: its figure, its value, low and high as formulas over
/// its inputs' cells (as numbers where it has no recipe, or an input an
/// unbounded side), and what it is.
fn metric_row(derived: &Derived, facts: &mut Facts<'_>) -> Result<Vec<SheetCell>> {
    let money = facts.money;
    let presented = derived
        .value
        .as_ref()
        .map(|v| money.present(v, &derived.unit))
        .transpose()?;
    let (unit, scale) = match &presented {
        Some((_, unit, scale)) => (unit.to_string(), scale.to_string()),
        None => {
            let zero = Bounded::exact(Decimal::ZERO);
            let (_, unit, scale) = money.present(&zero, &derived.unit)?;
            (unit.to_string(), scale.to_string())
        }
    };
    let value = presented.map(|(value, _, _)| value);
    let mut inputs = Vec::new();
    let mut described = Vec::new();
    for known in derived.inputs.iter() {
        let row = facts.row_of(known)?;
        described.push(format!("{} = {FACTS}!B{row}", known.figure));
        inputs.push(Ends {
            value: format!("{FACTS}!B{row}"),
            low: format!("{FACTS}!C{row}"),
            high: format!("{FACTS}!D{row}"),
        });
    }
    let bounded = derived
        .inputs
        .iter()
        .all(|k| k.value.low().value().is_some() && k.value.high().value().is_some());
    let mut note = derived.note.as_deref().unwrap_or_default().to_string();
    let ends = match derived.recipe() {
        Some(recipe) if bounded => formulas(&recipe, &inputs, value.as_ref()),
        recipe => {
            if recipe.is_some() {
                note.push_str(if note.is_empty() { "" } else { "; " });
                note.push_str("an input has no bound on one side: low and high are numbers");
            }
            match (recipe, &value) {
                (Some(recipe), Some(v)) => {
                    let [_, low, high] = interval_cells(v);
                    let [value, ..] = formulas(&recipe, &inputs, Some(v));
                    [value, low, high]
                }
                (_, Some(v)) => interval_cells(v),
                (_, None) => [SheetCell::Empty, SheetCell::Empty, SheetCell::Empty],
            }
        }
    };
    let figure = &derived.figure;
    let mut cells = vec![
        SheetCell::Text(figure.entity.to_string()),
        SheetCell::Text(figure.metric.to_string()),
        SheetCell::Text(figure.period.to_string()),
    ];
    cells.extend(ends);
    cells.extend([
        SheetCell::Text(unit),
        SheetCell::Text(scale),
        SheetCell::Text(if derived.status.is_forward_looking() {
            derived.status.to_string()
        } else {
            String::new()
        }),
        SheetCell::Text(derived.formula.to_string()),
        SheetCell::Text(described.join("; ")),
        SheetCell::Text(note),
    ]);
    Ok(cells)
}

/// The value, low and high of a recipe as formulas over the inputs' cells,
/// with the results they have now.
fn formulas(recipe: &Recipe, inputs: &[Ends], value: Option<&Bounded>) -> [SheetCell; 3] {
    let ends = spreadsheet(&recipe.term(), inputs);
    let guard = recipe.same_sign().map(|(a, b)| {
        let (a, b) = (spreadsheet(&a, inputs), spreadsheet(&b, inputs));
        format!(
            "OR(AND({}>0,{}>0),AND({}<0,{}<0))",
            a.low, b.low, a.high, b.high
        )
    });
    let guarded = |formula: String| match &guard {
        Some(guard) => format!("IF({guard},{formula},\"n/m\")"),
        None => formula,
    };
    let result = |end: Option<Decimal>| end.filter(|_| value.is_some());
    [
        SheetCell::Formula(guarded(ends.value), value.map(Bounded::point)),
        SheetCell::Formula(
            guarded(ends.low),
            result(value.and_then(|v| v.low().value())),
        ),
        SheetCell::Formula(
            guarded(ends.high),
            result(value.and_then(|v| v.high().value())),
        ),
    ]
}

/// A number as a formula reads it.
fn number(n: Decimal) -> String {
    let text = n.normalize().to_string();
    if n.is_sign_negative() {
        format!("({text})")
    } else {
        text
    }
}

/// A term's value, low and high as spreadsheet expressions over the
/// inputs' cells.
fn spreadsheet(term: &Term, inputs: &[Ends]) -> Ends {
    let corners = |a: &Ends, b: &Ends, op: char| {
        let all = [
            (&a.low, &b.low),
            (&a.low, &b.high),
            (&a.high, &b.low),
            (&a.high, &b.high),
        ]
        .map(|(x, y)| format!("{x}{op}{y}"))
        .join(",");
        (format!("MIN({all})"), format!("MAX({all})"))
    };
    match term {
        Term::Input(i) => inputs
            .get(*i)
            .cloned()
            .unwrap_or_else(|| Ends::same("NA()".into())),
        Term::Number(n) => Ends::same(number(*n)),
        Term::Sign(term) => {
            let of = spreadsheet(term, inputs);
            Ends {
                value: format!("SIGN({})", of.value),
                low: format!("SIGN({})", of.low),
                high: format!("SIGN({})", of.high),
            }
        }
        Term::Add(a, b) => {
            let (a, b) = (spreadsheet(a, inputs), spreadsheet(b, inputs));
            Ends {
                value: format!("({}+{})", a.value, b.value),
                low: format!("({}+{})", a.low, b.low),
                high: format!("({}+{})", a.high, b.high),
            }
        }
        Term::Subtract(a, b) => {
            let (a, b) = (spreadsheet(a, inputs), spreadsheet(b, inputs));
            Ends {
                value: format!("({}-{})", a.value, b.value),
                low: format!("({}-{})", a.low, b.high),
                high: format!("({}-{})", a.high, b.low),
            }
        }
        Term::Multiply(a, b) => match (&**a, &**b) {
            // By a known number: the ends keep or swap places.
            (x, Term::Number(k)) | (Term::Number(k), x) => {
                let x = spreadsheet(x, inputs);
                let k = number(*k);
                let (low, high) = if k.starts_with('(') {
                    (x.high, x.low)
                } else {
                    (x.low, x.high)
                };
                Ends {
                    value: format!("{}*{k}", x.value),
                    low: format!("{low}*{k}"),
                    high: format!("{high}*{k}"),
                }
            }
            _ => {
                let (a, b) = (spreadsheet(a, inputs), spreadsheet(b, inputs));
                let (low, high) = corners(&a, &b, '*');
                Ends {
                    value: format!("({}*{})", a.value, b.value),
                    low,
                    high,
                }
            }
        },
        Term::Divide(a, b) => {
            let (a, b) = (spreadsheet(a, inputs), spreadsheet(b, inputs));
            let (low, high) = corners(&a, &b, '/');
            Ends {
                value: format!("({}/{})", a.value, b.value),
                low,
                high,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(name: &str) -> Ends {
        Ends {
            value: format!("{name}v"),
            low: format!("{name}l"),
            high: format!("{name}h"),
        }
    }

    #[test]
    fn a_change_takes_the_far_ends_and_a_quotient_its_corners() {
        let inputs = [cells("a"), cells("b")];
        let change = spreadsheet(&Recipe::Difference.term(), &inputs);
        assert_eq!(change.value, "(av-bv)");
        assert_eq!(change.low, "(al-bh)");
        assert_eq!(change.high, "(ah-bl)");
        let share = spreadsheet(&Recipe::PercentOf.term(), &inputs);
        assert_eq!(share.value, "(av/bv)*100");
        assert_eq!(share.low, "MIN(al/bl,al/bh,ah/bl,ah/bh)*100");
        let back = spreadsheet(&Recipe::Times(Decimal::NEGATIVE_ONE).term(), &inputs);
        assert_eq!(back.low, "ah*(-1)");
    }
}
