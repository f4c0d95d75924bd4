//! Figures a definition implies (data/FORMAT.md, Definitions): a metric
//! defined as a sum of others (`free_cash_flow = operating_cash_flow −
//! capex`) is, for every entity and period whose operands are all known
//! (stated or implied), the sum of their intervals, exactly: a difference
//! runs from the low end less the other's high end to the high end less
//! the other's low end. Operands in different units define nothing, and
//! a sum beyond the range of exact decimals is left unknown; each is kept
//! for `check` to report.

use std::collections::{BTreeSet, HashMap};

use crate::bounded::{ArithError, Bounded};
use crate::dataset::Dataset;
use crate::name::Name;
use crate::reference::Reference;
use crate::value::Status;

use super::{Basis, Figures, Known, Provenance};

/// A figure a definition implies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Defined {
    /// The figure, its value and provenance ([`Provenance::Defined`]).
    pub known: Known,
    /// The index of the definition in [`Dataset::definitions`].
    pub definition: usize,
    /// The formula, as outputs print it: `operating_cash_flow − capex`.
    pub formula: String,
    /// The operands it was computed from, in the order written.
    pub inputs: Vec<Known>,
}

/// Why a definition whose operands are all known implies no figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotDefined {
    /// The operands are not all in one unit (two currencies, money and a
    /// count): no rate or meaning is guessed.
    Units,
    /// The sum is beyond the range of exact decimals.
    Overflow,
}

/// A figure a definition would imply, but does not ([`NotDefined`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Undefined {
    /// The figure it would imply.
    pub figure: Reference,
    /// The index of the definition in [`Dataset::definitions`].
    pub definition: usize,
    /// The operands, in the order written.
    pub inputs: Vec<Known>,
    /// Why not.
    pub reason: NotDefined,
}

/// The definitions each metric is an operand of.
pub(super) type Uses<'a> = HashMap<&'a str, Vec<usize>>;

/// The definitions each metric is an operand of.
pub(super) fn uses(data: &Dataset) -> Uses<'_> {
    let mut uses: Uses<'_> = HashMap::new();
    for (index, definition) in data.definitions.iter().enumerate() {
        for term in definition.sum.terms() {
            uses.entry(term.metric.as_str()).or_default().push(index);
        }
    }
    uses
}

/// The figures a newly known figure may let definitions imply: each
/// definition it is an operand of, at its entity and period.
pub(super) fn candidates(
    data: &Dataset,
    uses: &Uses<'_>,
    figure: &Reference,
    pending: &mut BTreeSet<(usize, Reference)>,
) {
    for &definition in uses.get(figure.metric.as_str()).into_iter().flatten() {
        if let Some(defined) = data.definitions.get(definition) {
            pending.insert((definition, figure.with_metric(defined.metric.as_str())));
        }
    }
}

impl Figures<'_> {
    /// Every figure a definition implies.
    pub fn defined(&self) -> &[Defined] {
        &self.defined
    }

    /// What a definition implies for a figure, if anything.
    pub fn defined_of(&self, figure: &Reference) -> Option<&Defined> {
        self.defined.get(*self.defined_index.get(figure)?)
    }

    /// Every figure a definition would imply but does not: operands in
    /// different units, or a sum beyond the range of exact decimals.
    pub fn undefined(&self) -> &[Undefined] {
        &self.undefined
    }

    /// Implies what the pending definitions can, and what those figures
    /// let further definitions imply; the figures newly known, in order.
    pub(super) fn define_pending(
        &mut self,
        uses: &Uses<'_>,
        pending: &mut BTreeSet<(usize, Reference)>,
    ) -> Vec<Reference> {
        let mut known = Vec::new();
        while let Some((definition, figure)) = pending.pop_first() {
            if self.defined_index.contains_key(&figure) || self.tried.contains(&figure) {
                continue;
            }
            match self.define(definition, &figure) {
                None => {}
                Some(Ok(defined)) => {
                    candidates(self.data, uses, &figure, pending);
                    self.add_defined(defined);
                    known.push(figure);
                }
                Some(Err(undefined)) => {
                    self.tried.insert(figure);
                    self.undefined.push(undefined);
                }
            }
        }
        known
    }

    fn add_defined(&mut self, mut defined: Defined) {
        let figure = defined.known.figure.clone();
        if !self.is_known(&figure) {
            self.implied_only.push(figure.clone());
        }
        let index = self.defined.len();
        if let Provenance::Defined { index: at, .. } = &mut defined.known.provenance {
            *at = index;
        }
        self.defined.push(defined);
        self.defined_index.insert(figure, index);
    }

    /// The figure definition `index` implies at `figure`'s entity and
    /// period: `None` while an operand is unknown.
    fn define(&self, index: usize, figure: &Reference) -> Option<Result<Defined, Undefined>> {
        let definition = self.data.definitions.get(index)?;
        let mut inputs = Vec::with_capacity(definition.sum.terms().len());
        for term in definition.sum.terms() {
            inputs.push(self.get(&figure.with_metric(&term.metric), Basis::MostTrusted)?);
        }
        let not = |reason| Undefined {
            figure: figure.clone(),
            definition: index,
            inputs: inputs.clone(),
            reason,
        };
        let first = inputs.first()?;
        if inputs.iter().any(|k| k.unit != first.unit) {
            return Some(Err(not(NotDefined::Units)));
        }
        let terms = definition.sum.terms().iter().zip(&inputs);
        let mut value = Bounded::exact(rust_decimal::Decimal::ZERO);
        for (term, known) in terms {
            let next = if term.negative {
                value.checked_sub(&known.value)
            } else {
                value.checked_add(&known.value)
            };
            value = match next {
                Ok(next) => next,
                Err(ArithError::Overflow | ArithError::DivisionByZero | ArithError::Domain(_)) => {
                    return Some(Err(not(NotDefined::Overflow)));
                }
            };
        }
        let formula = definition.sum.to_string();
        let status = inputs
            .iter()
            .map(|k| k.status)
            .find(|s| s.is_forward_looking())
            .unwrap_or(Status::Reported);
        Some(Ok(Defined {
            known: Known {
                figure: figure.clone(),
                value,
                unit: first.unit.clone(),
                status,
                bound: None,
                provenance: Provenance::Defined {
                    index: 0,
                    formula: Name::from(formula.as_str()),
                },
            },
            definition: index,
            formula,
            inputs,
        }))
    }

    /// Whether every figure a claim implied that a defined figure rests
    /// on (an operand, or an operand of an operand that is defined in turn)
    /// is one `accept` takes: so that a claim is never checked against a
    /// sum of its own conclusion, nor, against its own source, of another
    /// source's. A walk over a list, each figure once, so that a long
    /// chain cannot exhaust the stack.
    pub fn defined_from(
        &self,
        defined: &Defined,
        accept: impl Fn(&super::Implied) -> bool,
    ) -> bool {
        let mut seen = std::collections::HashSet::new();
        let mut left: Vec<&Known> = defined.inputs.iter().collect();
        while let Some(known) = left.pop() {
            match &known.provenance {
                Provenance::Stated { .. } => {}
                Provenance::Implied { index, .. } => {
                    if !self.implied.get(*index).is_some_and(&accept) {
                        return false;
                    }
                }
                Provenance::Defined { index, .. } => {
                    if seen.insert(*index)
                        && let Some(defined) = self.defined.get(*index)
                    {
                        left.extend(&defined.inputs);
                    }
                }
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Input;
    use rust_decimal::Decimal;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// A dataset defining `free_cash_flow = operating_cash_flow − capex`,
    /// with sources `k` (a filing) and `p` (press), entity `acme` (USD).
    fn dataset(facts: &[&str], claims: &[&str]) -> Dataset {
        defining(
            r#""free_cash_flow": "operating_cash_flow - capex""#,
            facts,
            claims,
        )
    }

    /// As [`dataset`], with these definitions.
    fn defining(definitions: &str, facts: &[&str], claims: &[&str]) -> Dataset {
        let text = format!(
            r#"{{"format": "earnings-dataset/1",
            "sources": {{"k": {{"title": "10-K", "kind": "filing"}},
                         "p": {{"title": "Press", "kind": "press"}}}},
            "entities": {{"acme": {{"name": "Acme", "currency": "USD"}}}},
            "definitions": {{{definitions}}},
            "facts": [{}],
            "claims": [{}]}}"#,
            facts.join(",\n"),
            claims.join(",\n")
        );
        Dataset::load(&[Input {
            name: "t.json",
            bytes: text.as_bytes(),
        }])
        .unwrap()
    }

    /// A fact of `acme`, in billions unless `fields` says otherwise.
    fn fact(metric: &str, period: &str, value: &str, fields: &str) -> String {
        format!(
            r#"{{"entity": "acme", "metric": "{metric}", "period": "{period}", "value": "{value}", "scale": "billion", "unit": "USD", "source": "k", "at": "p. 40"{fields}}}"#
        )
    }

    fn fcf(period: &str) -> Reference {
        format!("acme.free_cash_flow@{period}").parse().unwrap()
    }

    fn billions(b: &Bounded) -> (Decimal, Decimal) {
        let bn = Decimal::from(1_000_000_000);
        (
            b.low().value().unwrap() / bn,
            b.high().value().unwrap() / bn,
        )
    }

    #[test]
    fn a_difference_runs_from_low_less_high_to_high_less_low() {
        // 30.3 is 30.25 to 30.35, 2.9 is 2.85 to 2.95: 27.30 to 27.50.
        let data = dataset(
            &[
                &fact("operating_cash_flow", "FY2025", "30.3", ""),
                &fact("capex", "FY2025", "2.9", ""),
            ],
            &[],
        );
        let figures = Figures::build(&data).unwrap();
        let defined = figures.defined_of(&fcf("FY2025")).unwrap();
        assert_eq!(billions(&defined.known.value), (d("27.30"), d("27.50")));
        assert_eq!(defined.formula, "operating_cash_flow − capex");
        let inputs: Vec<String> = defined
            .inputs
            .iter()
            .map(|k| k.figure.to_string())
            .collect();
        assert_eq!(
            inputs,
            ["acme.operating_cash_flow@FY2025", "acme.capex@FY2025"]
        );
        // It is a figure like any other: found, listed, described.
        let known = figures.get(&fcf("FY2025"), Basis::MostTrusted).unwrap();
        assert_eq!(known, defined.known);
        assert_eq!(
            known.provenance.to_string(),
            "by definition: operating_cash_flow − capex"
        );
        assert!(figures.iter().any(|k| k.figure == fcf("FY2025")));
    }

    #[test]
    fn exact_operands_give_an_exact_figure_and_a_missing_one_none() {
        let data = dataset(
            &[
                &fact(
                    "operating_cash_flow",
                    "FY2025",
                    "31.98",
                    r#", "bound": "exact""#,
                ),
                &fact("capex", "FY2025", "3.26", r#", "bound": "exact""#),
                &fact("operating_cash_flow", "FY2024", "30.25", ""),
            ],
            &[],
        );
        let figures = Figures::build(&data).unwrap();
        let value = figures.defined_of(&fcf("FY2025")).unwrap().known.value;
        assert!(value.is_exact());
        assert_eq!(value.point(), d("28720000000"));
        // No capex for FY2024: no free cash flow, and nothing reported.
        assert!(figures.defined_of(&fcf("FY2024")).is_none());
        assert!(figures.get(&fcf("FY2024"), Basis::MostTrusted).is_none());
        assert!(figures.undefined().is_empty());
    }

    #[test]
    fn a_stated_figure_is_used_and_the_defined_one_kept_beside_it() {
        let stated = r#"{"entity": "acme", "metric": "free_cash_flow", "period": "FY2025", "value": "25", "scale": "billion", "unit": "USD", "source": "p", "at": "¶2"}"#;
        let data = dataset(
            &[
                &fact("operating_cash_flow", "FY2025", "30.3", ""),
                &fact("capex", "FY2025", "2.9", ""),
                stated,
            ],
            &[],
        );
        let figures = Figures::build(&data).unwrap();
        let used = figures.get(&fcf("FY2025"), Basis::MostTrusted).unwrap();
        assert_eq!(used.provenance.to_string(), "p ¶2");
        let beside = figures.defined_of(&fcf("FY2025")).unwrap();
        assert_eq!(billions(&beside.known.value), (d("27.30"), d("27.50")));
        // Listed once among the figures: the stated one.
        assert_eq!(
            figures.iter().filter(|k| k.figure == fcf("FY2025")).count(),
            1
        );
    }

    #[test]
    fn a_quarter_a_claim_implies_defines_its_free_cash_flow() {
        // The year less the nine months to date is the fourth quarter, for
        // both operands; their difference is the quarter's free cash flow.
        let ytd = |metric: &str, value: &str| {
            format!(
                r#"{{"kind": "ytd", "of": "acme.{metric}@FY2025-Q4", "value": "{value}", "scale": "billion", "unit": "USD", "bound": "exact", "source": "k", "at": "p. 40"}}"#
            )
        };
        let exact = r#", "bound": "exact""#;
        let data = dataset(
            &[
                &fact("operating_cash_flow", "FY2025-Q1..FY2025-Q3", "22.4", exact),
                &fact("capex", "FY2025-Q1..FY2025-Q3", "2.41", exact),
            ],
            &[&ytd("operating_cash_flow", "31.98"), &ytd("capex", "3.26")],
        );
        let figures = Figures::build(&data).unwrap();
        let q4 = figures.defined_of(&fcf("FY2025-Q4")).unwrap();
        // (31.98 − 22.4) − (3.26 − 2.41) = 9.58 − 0.85 = 8.73.
        assert_eq!(q4.known.value.point(), d("8730000000"));
        assert!(q4.known.value.is_exact());
        assert!(q4.inputs.iter().all(|k| k.provenance.is_implied()));
    }

    #[test]
    fn operands_in_two_currencies_or_beyond_decimals_define_nothing() {
        let data = dataset(
            &[
                &fact("operating_cash_flow", "FY2025", "30.3", ""),
                &fact("capex", "FY2025", "2.9", "").replace("USD", "CNY"),
                &fact(
                    "operating_cash_flow",
                    "FY2024",
                    "70000000000000000000",
                    r#", "bound": "exact""#,
                ),
                &fact(
                    "capex",
                    "FY2024",
                    "-70000000000000000000",
                    r#", "bound": "exact""#,
                ),
            ],
            &[],
        );
        let figures = Figures::build(&data).unwrap();
        assert!(figures.defined().is_empty());
        let reasons: Vec<(String, NotDefined)> = figures
            .undefined()
            .iter()
            .map(|u| (u.figure.to_string(), u.reason))
            .collect();
        assert_eq!(
            reasons,
            [
                (
                    "acme.free_cash_flow@FY2024".to_string(),
                    NotDefined::Overflow
                ),
                ("acme.free_cash_flow@FY2025".to_string(), NotDefined::Units),
            ]
        );
    }

    #[test]
    fn a_defined_figure_is_an_operand_of_another_and_carries_bounds_and_status() {
        let data = defining(
            r#""free_cash_flow": "operating_cash_flow - capex",
               "retained_cash": "free_cash_flow - (buybacks + dividends)""#,
            &[
                &fact(
                    "operating_cash_flow",
                    "FY2025",
                    "30",
                    r#", "bound": "more_than""#,
                ),
                &fact("capex", "FY2025", "2.9", ""),
                &fact("buybacks", "FY2025", "10", r#", "status": "plan""#),
                &fact("dividends", "FY2025", "5", ""),
            ],
            &[],
        );
        let figures = Figures::build(&data).unwrap();
        // More than 30 less 2.85 to 2.95: more than 27.05, no top.
        let free = figures.defined_of(&fcf("FY2025")).unwrap();
        assert_eq!(free.known.value.low().value(), Some(d("27050000000")));
        assert!(free.known.value.low().is_open());
        assert_eq!(free.known.value.high().value(), None);
        // Less 9.5 to 10.5 and 4.5 to 5.5: more than 11.05; a plan in it
        // makes it a plan.
        let retained: Reference = "acme.retained_cash@FY2025".parse().unwrap();
        let retained = figures.defined_of(&retained).unwrap();
        assert_eq!(retained.known.value.low().value(), Some(d("11050000000")));
        assert_eq!(retained.known.status, Status::Plan);
        assert_eq!(retained.formula, "free_cash_flow − buybacks − dividends");
        assert_eq!(
            retained.inputs[0].provenance,
            Provenance::Defined {
                index: 0,
                formula: "operating_cash_flow − capex".into()
            }
        );
    }
}
