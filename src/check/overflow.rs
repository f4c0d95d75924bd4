//! Arithmetic overflows (data/FORMAT.md, Checks on the data): a figure a
//! claim would imply, or a claim's value computed from its figures, beyond
//! the range of exact decimals. Each is an error about that figure or
//! claim alone; every other figure and finding goes on.

use super::{ClaimVerdict, Finding, Involved, Kind, Severity};
use crate::claim::NotComputed;
use crate::figures::Figures;

/// One error per figure whose implication overflowed, and one per claim
/// whose value could not be computed from its figures for an overflow.
pub(super) fn overflows(figures: &Figures<'_>, verdicts: &[ClaimVerdict], out: &mut Vec<Finding>) {
    let data = figures.data();
    for overflow in figures.overflows() {
        let Some(claim) = data.claims.get(overflow.claim) else {
            continue;
        };
        let message = format!(
            "{}: implying it from {} {} ({}) overflows, beyond the range of exact decimals: the figure is left unknown.",
            overflow.figure, claim.source, claim.at, claim.relation
        );
        let mut finding = Finding::new(Severity::Error, Kind::ArithmeticOverflow, message)
            .with(Involved::claim(claim))
            .about(&overflow.figure);
        for figure in claim.relation.figures() {
            finding = finding.about(&figure);
        }
        out.push(finding);
    }
    for verdict in verdicts
        .iter()
        .filter(|v| !v.verifiable && v.computed.is_none())
    {
        let Some(claim) = data.claims.get(verdict.claim) else {
            continue;
        };
        let references = claim.relation.figures();
        if verdict.inputs.len() != references.len() {
            continue;
        }
        let values: Vec<_> = verdict.inputs.iter().map(|k| k.value).collect();
        if !matches!(claim.relation.compute(&values), Err(NotComputed::Overflow)) {
            continue;
        }
        let message = format!(
            "{} {}: computing {} from its figures overflows, beyond the range of exact decimals: the claim cannot be verified.",
            claim.source, claim.at, claim.relation
        );
        let mut finding = Finding::new(Severity::Error, Kind::ArithmeticOverflow, message)
            .with(Involved::claim(claim));
        for input in &verdict.inputs {
            finding = finding.with(Involved::known(input, None));
        }
        for figure in &references {
            finding = finding.about(figure);
        }
        out.push(finding);
    }
}
