//! Definitions against the figures (data/FORMAT.md, Definitions): a
//! figure a source states beside what its definition gives from its
//! operands, and a definition whose operands cannot be added.

use super::{Finding, Involved, Kind, Severity, describe_stated, describe_value};
use crate::figures::{Figures, NotDefined, Provenance};

/// One finding per stated figure whose interval does not meet the one its
/// definition gives (an error where the source states every operand
/// itself: it contradicts itself; else a warning, as sources that
/// disagree are), and one per figure a definition does not give for its
/// operands' units or an overflow.
pub(super) fn definitions(figures: &Figures<'_>, out: &mut Vec<Finding>) {
    let data = figures.data();
    for defined in figures.defined() {
        let known = &defined.known;
        for fact in figures.stated(&known.figure) {
            let comparable = fact.stated.unit == known.unit
                && fact.status.is_forward_looking() == known.status.is_forward_looking();
            if !comparable || !fact.value.is_disjoint(&known.value) {
                continue;
            }
            let own = defined.inputs.iter().all(|input| {
                matches!(&input.provenance, Provenance::Stated { source, .. } if *source == fact.source)
            });
            let (severity, whose) = if own {
                (Severity::Error, "its own operands")
            } else {
                (Severity::Warning, "the operands")
            };
            let message = format!(
                "{}: {} {} states {}, but {whose} give {} = {}: the intervals do not overlap (another definition of the metric, or a figure wrong).",
                known.figure,
                fact.source,
                fact.at,
                describe_stated(&fact.stated),
                defined.formula,
                describe_value(&known.value, &known.unit),
            );
            let mut finding = Finding::new(severity, Kind::DefinitionMismatch, message)
                .with(Involved::fact(fact))
                .with(Involved::known(known, None))
                .about(&known.figure);
            for input in &defined.inputs {
                finding = finding
                    .with(Involved::known(input, input.bound))
                    .about(&input.figure);
            }
            out.push(finding);
        }
    }
    for undefined in figures.undefined() {
        let formula = data
            .definitions
            .get(undefined.definition)
            .map(|d| d.sum.to_string())
            .unwrap_or_default();
        let (severity, kind, why) = match undefined.reason {
            NotDefined::Units => {
                let units: Vec<String> = undefined
                    .inputs
                    .iter()
                    .map(|k| k.unit.to_string())
                    .collect();
                (
                    Severity::Warning,
                    Kind::DefinitionNotApplied,
                    format!(
                        "its operands are in different units ({}): no rate or meaning is guessed",
                        units.join(", ")
                    ),
                )
            }
            NotDefined::Overflow => (
                Severity::Error,
                Kind::ArithmeticOverflow,
                "the sum is beyond the range of exact decimals".to_string(),
            ),
        };
        let message = format!(
            "{}: not implied by its definition {formula}: {why}; the figure is left unknown.",
            undefined.figure
        );
        let mut finding = Finding::new(severity, kind, message).about(&undefined.figure);
        for input in &undefined.inputs {
            finding = finding
                .with(Involved::known(input, input.bound))
                .about(&input.figure);
        }
        out.push(finding);
    }
}
