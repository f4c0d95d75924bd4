//! `check`: what is wrong in the data before anyone trusts it (data/FORMAT.md, Checks on the data).
//!
//! Every finding comes from the data alone: figures several sources state
//! with intervals that do not overlap ([`Kind::Conflict`], and
//! [`Kind::ScaleError`] where the ratio is a power of ten within rounding),
//! parts above their wholes, implausible sizes, claims `verify` finds
//! contradicted, and dataset hygiene (facts nothing uses, idle claims,
//! entities without facts, notes that flag ambiguous wording).
//!
//! Severities (the rules are in data/FORMAT.md, Checks on the data):
//!
//! | finding | severity |
//! |---|---|
//! | conflict whose ratio is a power of ten within rounding (`scale_error`) | error |
//! | other conflict | warning (note when a target disagrees with a reported figure) |
//! | conflict of one source with itself (either kind) | error |
//! | part above its whole, same or containing period | error |
//! | part's quarterly (or other) run-rate above its whole's year | warning |
//! | share claim above 100% | error |
//! | change claim below −100% of a metric that cannot be negative | error |
//! | claim `verify` finds contradicted (with impossible figures: a part of revenue above its whole) | error |
//! | claim `verify` finds contested (its outcome depends on which source is believed) | error |
//! | claim naming a metric or period nothing else mentions, close to one the data uses (`likely_typo`) | error |
//! | figure a claim or a definition implies, or claim computed, beyond the range of decimals (`arithmetic_overflow`) | error |
//! | stated figure whose interval misses what its definition gives (`definition_mismatch`) | error where its source states every operand, else warning |
//! | definition whose operands are in different units (`definition_not_applied`) | warning |
//! | segment revenue above the group's revenue, same period | error |
//! | other segment figure above the group's revenue (or its run-rate above the year's) | warning |
//! | margin surely outside (−100%, 100%) | warning |
//! | hygiene: unused fact, idle claim, entity without facts, ambiguous wording | note |
//! | with `--text` ([`text`]): a fact or claim its paragraph does not state, or no such paragraph | error |
//! | with `--text`: a number of the text nothing accounts for, and the count | note |
//!
//! `check` takes what `verify` found about each claim as plain data
//! ([`ClaimVerdict`]), so that it does not depend on how `verify` is built;
//! [`verdicts`] is the one place that produces them.
//!
//! ```
//! use earnings::check::{self, Severity};
//! use earnings::dataset::Dataset;
//! let data = Dataset::bundled().unwrap();
//! let findings = check::run(&data).unwrap();
//! assert!(findings.iter().any(|f| f.severity == Severity::Error));
//! ```

mod conflict;
mod defined;
mod hygiene;
mod names;
mod overflow;
mod size;
#[cfg(test)]
mod tests;
pub mod text;

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use crate::bounded::{ArithError, Bounded, Endpoint};
use crate::dataset::{Claim, Dataset, Fact};
use crate::error::Result;
use crate::figures::{Basis, Figures, Implied, Known, Provenance};
use crate::reference::Reference;
use crate::value::{BoundKind, Stated, Status, Unit};

pub use crate::figures::conflicted;
pub use conflict::{MAX_RATIO_SPREAD, SCALE_TOLERANCE_PERCENT, likely_cause, power_of_ten};
pub use hygiene::{AMBIGUITY_MARKERS, ambiguity};

/// How much a finding matters. Ordered: errors first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The data cannot all be true: `check` exits 1.
    Error,
    /// Probably wrong, or not comparable as it stands.
    Warning,
    /// Worth a look; nothing is known to be wrong.
    Note,
}

impl Severity {
    /// The name in outputs.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// What a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Sources state one figure with intervals that do not overlap.
    Conflict,
    /// A conflict whose ratio is a power of ten within rounding.
    ScaleError,
    /// A segment's figure above its parent's.
    PartAboveWhole,
    /// A share claimed above 100%.
    ShareAbove100,
    /// A change claimed below −100% of a metric that cannot be negative.
    FallBeyond100,
    /// A claim `verify` finds contradicted.
    ContradictedClaim,
    /// A claim whose outcome depends on which of disagreeing sources is
    /// believed.
    ContestedClaim,
    /// A claim naming a metric or period nothing else mentions,
    /// close to one the data uses.
    LikelyTypo,
    /// A figure a claim implies, or a claim's value, beyond the range of
    /// exact decimals.
    ArithmeticOverflow,
    /// A segment's figure above the whole group's revenue.
    ImplausibleSize,
    /// A margin outside (−100%, 100%).
    MarginOutOfRange,
    /// A stated fact nothing uses.
    UnusedFact,
    /// A claim that can be neither verified nor used to imply anything.
    IdleClaim,
    /// An entity no fact is about.
    EntityWithoutFacts,
    /// A note in the dataset that flags ambiguous wording.
    AmbiguousWording,
    /// A stated figure whose interval does not meet what its definition
    /// gives from its operands.
    DefinitionMismatch,
    /// A definition whose operands are all known but in different units.
    DefinitionNotApplied,
    /// A fact or claim the paragraph it cites does not state (`--text`).
    TextMismatch,
    /// A number of the text no fact or claim accounts for, and the count
    /// (`--text`).
    TextCoverage,
}

impl Kind {
    /// The name in outputs.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Conflict => "conflict",
            Kind::ScaleError => "scale_error",
            Kind::PartAboveWhole => "part_above_whole",
            Kind::ShareAbove100 => "share_above_100",
            Kind::FallBeyond100 => "fall_beyond_100",
            Kind::ContradictedClaim => "contradicted_claim",
            Kind::ContestedClaim => "contested_claim",
            Kind::ArithmeticOverflow => "arithmetic_overflow",
            Kind::LikelyTypo => "likely_typo",
            Kind::ImplausibleSize => "implausible_size",
            Kind::MarginOutOfRange => "margin_out_of_range",
            Kind::UnusedFact => "unused_fact",
            Kind::IdleClaim => "idle_claim",
            Kind::EntityWithoutFacts => "entity_without_facts",
            Kind::AmbiguousWording => "ambiguous_wording",
            Kind::DefinitionMismatch => "definition_mismatch",
            Kind::DefinitionNotApplied => "definition_not_applied",
            Kind::TextMismatch => "text_mismatch",
            Kind::TextCoverage => "text_coverage",
        }
    }
}

/// How a figure involved in a finding is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// A source states it.
    Stated,
    /// A claim implies it.
    Implied,
    /// A definition of the data implies it (data/FORMAT.md, Definitions).
    Defined,
    /// A claim's own value (a share, a change, a level).
    Claimed,
    /// Computed by the check from the figures beside it.
    Computed,
}

impl Role {
    /// The name in outputs.
    pub fn name(self) -> &'static str {
        match self {
            Role::Stated => "stated",
            Role::Implied => "implied",
            Role::Defined => "defined",
            Role::Claimed => "claimed",
            Role::Computed => "computed",
        }
    }
}

/// A figure a finding involves, with its provenance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Involved {
    /// What it is: a reference (`alibaba.revenue@FY2026`), a claim
    /// (`share alibaba-ai.revenue@FY2026-Q4 of alibaba-cloud.revenue@FY2026-Q4`)
    /// or a computation (`alibaba-ai.revenue@FY2026-Q4 × 4`).
    pub what: String,
    /// How it is known.
    pub role: Role,
    /// Its interval, in base units.
    pub value: Bounded,
    /// Its unit.
    pub unit: Unit,
    /// How it was stated, for a stated figure or a claim.
    pub bound: Option<BoundKind>,
    /// Reported or forward-looking.
    pub status: Status,
    /// The source that states or claims it (none for a computation).
    pub source: Option<String>,
    /// Where in the source.
    pub at: Option<String>,
}

impl Involved {
    /// A stated fact.
    pub fn fact(fact: &Fact) -> Involved {
        Involved {
            what: fact.figure.to_string(),
            role: Role::Stated,
            value: fact.value,
            unit: fact.stated.unit.clone(),
            bound: Some(fact.stated.bound),
            status: fact.status,
            source: Some(fact.source.to_string()),
            at: Some(fact.at.to_string()),
        }
    }

    /// A known figure, stated or implied.
    pub fn known(known: &Known, bound: Option<BoundKind>) -> Involved {
        let (role, source, at) = match &known.provenance {
            Provenance::Stated { source, at } => (Role::Stated, Some(source), Some(at)),
            Provenance::Implied { source, at, .. } => (Role::Implied, Some(source), Some(at)),
            Provenance::Defined { .. } => (Role::Defined, None, None),
        };
        Involved {
            what: known.figure.to_string(),
            role,
            value: known.value,
            unit: known.unit.clone(),
            bound,
            status: known.status,
            source: source.map(|s| s.to_string()),
            at: at.map(|a| a.to_string()),
        }
    }

    /// A claim's own value.
    pub fn claim(claim: &Claim) -> Involved {
        Involved {
            what: claim.relation.to_string(),
            role: Role::Claimed,
            value: claim.value,
            unit: claim.stated.unit.clone(),
            bound: Some(claim.stated.bound),
            status: claim.status,
            source: Some(claim.source.to_string()),
            at: Some(claim.at.to_string()),
        }
    }

    /// A value the check computed.
    pub fn computed(what: String, value: Bounded, unit: Unit, status: Status) -> Involved {
        Involved {
            what,
            role: Role::Computed,
            value,
            unit,
            bound: None,
            status,
            source: None,
            at: None,
        }
    }
}

/// One thing an analyst should look at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// How much it matters.
    pub severity: Severity,
    /// What it is about.
    pub kind: Kind,
    /// One or two sentences for people.
    pub message: String,
    /// The figures involved, with their sources.
    pub figures: Vec<Involved>,
    /// The figures it is about, for `--entity`/`--metric`/`--period`.
    pub subjects: Vec<Reference>,
    /// The entity it is about, when no figure is (an entity without facts).
    pub entity: Option<String>,
}

impl Finding {
    fn new(severity: Severity, kind: Kind, message: String) -> Finding {
        Finding {
            severity,
            kind,
            message,
            figures: Vec::new(),
            subjects: Vec::new(),
            entity: None,
        }
    }

    fn with(mut self, figure: Involved) -> Finding {
        self.figures.push(figure);
        self
    }

    fn about(mut self, figure: &Reference) -> Finding {
        if !self.subjects.contains(figure) {
            self.subjects.push(figure.clone());
        }
        self
    }
}

/// What `verify` concluded about one claim, as `check` needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimVerdict {
    /// The index of the claim in [`Dataset::claims`].
    pub claim: usize,
    /// The computed and claimed intervals are disjoint.
    pub contradicted: bool,
    /// Every figure the claim relates is known, so it could be checked.
    pub verifiable: bool,
    /// The value computed from the figures, in the claim's unit.
    pub computed: Option<Bounded>,
    /// The figures it was computed from, where a finding names them: for
    /// a contradicted or contested claim, or one that could not be
    /// computed; none otherwise.
    pub inputs: Vec<Known>,
    /// Why, for a claim whose outcome depends on which source is
    /// believed: each reading and its outcome.
    pub contested: Option<String>,
    /// Why, for a claim contradicted because its figures cannot be (a part
    /// of revenue above its whole).
    pub impossible: Option<String>,
}

/// Which claims could be verified, judged from the figures alone: every
/// figure a claim relates is known (stated, or implied by another claim).
/// Says nothing about contradictions; that is `verify`'s to compute.
pub fn local_verdicts(figures: &Figures<'_>) -> Vec<ClaimVerdict> {
    let data = figures.data();
    data.claims
        .iter()
        .enumerate()
        .map(|(index, claim)| local_verdict(figures, index, claim))
        .collect()
}

/// [`local_verdicts`] of one claim (`index` in [`Dataset::claims`]).
fn local_verdict(figures: &Figures<'_>, index: usize, claim: &Claim) -> ClaimVerdict {
    let basis = Basis::SourceFirst(&claim.source);
    let inputs: Vec<Option<Known>> = claim
        .relation
        .figures()
        .iter()
        .map(|r| figures.get_excluding(r, basis, Some(index)))
        .collect();
    let verifiable = inputs.iter().all(Option::is_some);
    ClaimVerdict {
        claim: index,
        contradicted: false,
        verifiable,
        computed: None,
        inputs: inputs.into_iter().flatten().collect(),
        contested: None,
        impossible: None,
    }
}

/// The verdicts `check` uses: what `verify` finds against each claim's own
/// figures (so `check` and plain `verify` agree).
pub fn verdicts(figures: &Figures<'_>) -> Result<Vec<ClaimVerdict>> {
    // One claim at a time: verify's own verdicts are never all held.
    crate::verify::each(figures, crate::verify::Against::Own)
        .map(|verdict| verdict.map(ClaimVerdict::from))
        .collect()
}

impl From<&crate::verify::Verdict> for ClaimVerdict {
    fn from(verdict: &crate::verify::Verdict) -> ClaimVerdict {
        ClaimVerdict::of(verdict, || verdict.inputs.clone())
    }
}

/// The verdict's inputs are moved, not copied.
impl From<crate::verify::Verdict> for ClaimVerdict {
    fn from(mut verdict: crate::verify::Verdict) -> ClaimVerdict {
        let inputs = std::mem::take(&mut verdict.inputs);
        ClaimVerdict::of(&verdict, || inputs)
    }
}

impl ClaimVerdict {
    /// What `check` needs of a verdict, with its inputs where a finding
    /// names them (`inputs` is asked for only then).
    fn of(verdict: &crate::verify::Verdict, inputs: impl FnOnce() -> Vec<Known>) -> ClaimVerdict {
        use crate::verify::Outcome;
        let contradicted = matches!(verdict.outcome, Outcome::Contradicted);
        let verifiable = !matches!(verdict.outcome, Outcome::Unverifiable);
        let contested = matches!(verdict.outcome, Outcome::Contested)
            .then(|| verdict.reason.clone().unwrap_or_default());
        // A contradicted or contested claim lists its inputs, and so does
        // one that could not be computed (for an overflow).
        let named =
            contradicted || contested.is_some() || !verifiable && verdict.computed.is_none();
        ClaimVerdict {
            claim: verdict.claim,
            contradicted,
            verifiable,
            computed: verdict.computed,
            inputs: if named { inputs() } else { Vec::new() },
            contested,
            // A contradicted verdict without a computed value: the figures
            // themselves cannot be (`NotComputed::Impossible`).
            impossible: (matches!(verdict.outcome, Outcome::Contradicted)
                && verdict.computed.is_none())
            .then(|| verdict.reason.clone().unwrap_or_default()),
        }
    }
}

/// Every finding on a dataset, errors first (then warnings, then notes;
/// within a severity, in the order of the checks and of the data).
///
/// ```
/// use earnings::check::{Severity, run};
/// let data = earnings::Dataset::bundled().unwrap();
/// let findings = run(&data).unwrap();
/// // The bundled article reads one figure ten times too large.
/// assert!(findings.iter().any(|f| f.severity == Severity::Error));
/// ```
pub fn run(data: &Dataset) -> Result<Vec<Finding>> {
    let figures = Figures::build(data)?;
    let verdicts = verdicts(&figures)?;
    findings(&figures, &verdicts)
}

/// Every finding, given what `verify` found about the claims. A claim
/// missing from `verdicts` is judged by [`local_verdicts`].
pub fn findings(figures: &Figures<'_>, verdicts: &[ClaimVerdict]) -> Result<Vec<Finding>> {
    // The hygiene checks, a third of the work, on a core of their own; the
    // findings are put together in the same order as one after the other.
    let (mut out, hygiene) = std::thread::scope(|scope| {
        let hygiene = scope.spawn(|| {
            let mut out = Vec::new();
            hygiene::unused_facts(figures, &mut out);
            hygiene::idle_claims(figures, verdicts, &mut out);
            hygiene::entities_without_facts(figures.data(), &mut out);
            hygiene::ambiguous_wording(figures.data(), &mut out);
            out
        });
        let out = relations(figures, verdicts);
        (out, hygiene.join())
    });
    out.extend(hygiene.unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
    // Stable: the order within a severity stays that of the checks.
    out.sort_by_key(|f| f.severity);
    Ok(out)
}

/// The findings of the checks of figures against each other and of the
/// claims, in the order of the checks.
fn relations(figures: &Figures<'_>, verdicts: &[ClaimVerdict]) -> Vec<Finding> {
    let values = Values::collect(figures);
    let mut out = Vec::new();
    conflict::conflicts(figures, &mut out);
    let mut compared = HashSet::new();
    size::parts_above_wholes(figures, &values, &mut compared, &mut out);
    size::shares_above_100(figures.data(), &mut out);
    size::falls_beyond_100(figures.data(), &mut out);
    contradicted_claims(figures.data(), verdicts, &mut out);
    contested_claims(figures.data(), verdicts, &mut out);
    overflow::overflows(figures, verdicts, &mut out);
    defined::definitions(figures, &mut out);
    names::likely_typos(figures.data(), &mut out);
    size::implausible_sizes(figures, &values, &compared, &mut out);
    size::margins(figures, &values, &mut out);
    out
}

/// Whether any finding is an error.
pub fn has_errors<'f>(findings: impl IntoIterator<Item = &'f Finding>) -> bool {
    findings.into_iter().any(|f| f.severity == Severity::Error)
}

fn contradicted_claims(data: &Dataset, verdicts: &[ClaimVerdict], out: &mut Vec<Finding>) {
    for verdict in verdicts.iter().filter(|v| v.contradicted) {
        let Some(claim) = data.claims.get(verdict.claim) else {
            continue;
        };
        let mut message = format!(
            "{} {} claims {}",
            claim.source,
            claim.at,
            describe_claim_value(claim)
        );
        if let Some(computed) = &verdict.computed {
            message.push_str(&format!(
                ", but the figures give {}",
                describe_value(computed, &claim.stated.unit)
            ));
        }
        if let Some(why) = &verdict.impossible {
            message.push_str(&format!(", but {why}"));
        }
        message.push_str(": the claim is contradicted.");
        let mut finding = Finding::new(Severity::Error, Kind::ContradictedClaim, message)
            .with(Involved::claim(claim));
        if let Some(computed) = verdict.computed {
            finding = finding.with(Involved::computed(
                format!("{} computed", claim.relation),
                computed,
                claim.stated.unit.clone(),
                claim.status,
            ));
        }
        for input in &verdict.inputs {
            finding = finding
                .with(Involved::known(input, None))
                .about(&input.figure);
        }
        for figure in claim.relation.figures() {
            finding = finding.about(&figure);
        }
        out.push(finding);
    }
}

/// Claims whose outcome depends on which of disagreeing sources is
/// believed: each reading, and the outcome with it.
fn contested_claims(data: &Dataset, verdicts: &[ClaimVerdict], out: &mut Vec<Finding>) {
    for verdict in verdicts {
        let (Some(why), Some(claim)) = (&verdict.contested, data.claims.get(verdict.claim)) else {
            continue;
        };
        let message = format!(
            "{} {} claims {}, which depends on which source is believed: {why}.",
            claim.source,
            claim.at,
            describe_claim_value(claim)
        );
        let mut finding = Finding::new(Severity::Error, Kind::ContestedClaim, message)
            .with(Involved::claim(claim));
        for input in &verdict.inputs {
            finding = finding
                .with(Involved::known(input, None))
                .about(&input.figure);
        }
        out.push(finding);
    }
}

/// One value of a figure: a stated fact, or a figure a claim implies, as
/// the figures hold it (nothing is copied).
#[derive(Clone, Copy, Debug)]
enum Value<'a> {
    Stated(&'a Fact),
    Implied(&'a Implied),
}

impl<'a> Value<'a> {
    fn value(&self) -> &'a Bounded {
        match self {
            Value::Stated(fact) => &fact.value,
            Value::Implied(implied) => &implied.known.value,
        }
    }

    fn unit(&self) -> &'a Unit {
        match self {
            Value::Stated(fact) => &fact.stated.unit,
            Value::Implied(implied) => &implied.known.unit,
        }
    }

    fn status(&self) -> Status {
        match self {
            Value::Stated(fact) => fact.status,
            Value::Implied(implied) => implied.known.status,
        }
    }

    /// The implied figure, for a value a claim implies.
    fn implied(&self) -> Option<&'a Implied> {
        match self {
            Value::Stated(_) => None,
            Value::Implied(implied) => Some(implied),
        }
    }

    /// Whether it is this known figure (as [`Figures::get`] gives it).
    fn is(&self, known: &Known) -> bool {
        match self {
            Value::Stated(fact) => Known::stated(fact) == *known,
            Value::Implied(implied) => implied.known == *known,
        }
    }

    fn involved(&self) -> Involved {
        match self {
            Value::Stated(fact) => Involved::fact(fact),
            Value::Implied(implied) => Involved::known(&implied.known, None),
        }
    }

    /// For messages: how it was stated and where.
    fn describe(&self) -> String {
        match self {
            Value::Stated(fact) => format!(
                "{} ({} {})",
                describe_stated(&fact.stated),
                fact.source,
                fact.at
            ),
            Value::Implied(implied) => {
                let known = &implied.known;
                let value = describe_value(&known.value, &known.unit);
                format!("{value} ({})", known.provenance.describe())
            }
        }
    }
}

/// Every value of every figure, stated (most preferred first) then
/// implied, as the figures hold them: the facts are not copied, and only
/// the figures of segments and of their groups are gathered by entity.
struct Values<'a> {
    figures: &'a Figures<'a>,
    /// The implied values of each figure, in the order found.
    implied: HashMap<&'a Reference, Vec<&'a Implied>>,
    /// Each segment's figures, and each group's figures of each metric, in
    /// order of first appearance (stated, then only implied): a segment is
    /// compared with its parent's figures of the same metric, not with
    /// every figure.
    by_entity: HashMap<&'a str, Vec<&'a Reference>>,
    by_entity_metric: HashMap<&'a str, HashMap<&'a str, Vec<&'a Reference>>>,
    /// The metrics some fact states negative.
    negative: HashSet<&'a str>,
}

impl<'a> Values<'a> {
    fn collect(figures: &'a Figures<'a>) -> Values<'a> {
        let data = figures.data();
        let mut implied: HashMap<&'a Reference, Vec<&'a Implied>> = HashMap::new();
        for value in figures.implied() {
            implied.entry(&value.known.figure).or_default().push(value);
        }
        let segments: HashSet<&str> = data
            .entities
            .iter()
            .filter(|e| e.parent.is_some())
            .map(|e| e.id.as_str())
            .collect();
        let groups: HashSet<&str> = data
            .entities
            .iter()
            .filter_map(|e| e.parent.as_deref())
            .collect();
        let mut by_entity: HashMap<&'a str, Vec<&'a Reference>> = HashMap::new();
        let mut by_entity_metric: HashMap<&'a str, HashMap<&'a str, Vec<&'a Reference>>> =
            HashMap::new();
        if !segments.is_empty() {
            let stated = figures
                .stated_figures()
                .filter_map(|facts| facts.first().map(|f| &f.figure));
            for figure in stated.chain(figures.implied_only()) {
                let entity = figure.entity.as_str();
                if segments.contains(entity) {
                    by_entity.entry(entity).or_default().push(figure);
                }
                if groups.contains(entity) {
                    by_entity_metric
                        .entry(entity)
                        .or_default()
                        .entry(figure.metric.as_str())
                        .or_default()
                        .push(figure);
                }
            }
        }
        let negative = data
            .facts
            .iter()
            .filter(|f| f.value.point() < Decimal::ZERO)
            .map(|f| f.figure.metric.as_str())
            .collect();
        Values {
            figures,
            implied,
            by_entity,
            by_entity_metric,
            negative,
        }
    }

    /// The values of a figure: stated, most preferred first, then implied.
    fn of<'s>(&'s self, figure: &Reference) -> impl Iterator<Item = Value<'a>> + use<'s, 'a> {
        let stated = self.figures.stated(figure).iter().map(|f| Value::Stated(f));
        let implied = self.implied.get(figure).map_or(&[][..], Vec::as_slice);
        stated.chain(implied.iter().map(|i| Value::Implied(i)))
    }

    /// Every figure of a segment, in order of first appearance.
    fn of_entity<'s>(&'s self, entity: &str) -> impl Iterator<Item = &'a Reference> + use<'s, 'a> {
        self.by_entity.get(entity).into_iter().flatten().copied()
    }

    /// Every figure of a group's metric, in order of first appearance.
    fn of_metric<'s>(
        &'s self,
        entity: &str,
        metric: &str,
    ) -> impl Iterator<Item = &'a Reference> + use<'s, 'a> {
        self.by_entity_metric
            .get(entity)
            .and_then(|metrics| metrics.get(metric))
            .into_iter()
            .flatten()
            .copied()
    }

    /// Whether some fact states this metric negative.
    fn stated_negative(&self, metric: &str) -> bool {
        self.negative.contains(metric)
    }
}

// ------------------------------------------------------------ comparisons

/// Whether every value of `a` is above every value of `b` (so `a > b` is
/// certain, not merely possible).
fn surely_above(a: &Bounded, b: &Bounded) -> bool {
    match (a.low(), b.high()) {
        (Endpoint::Unbounded, _) | (_, Endpoint::Unbounded) => false,
        (low, high) => {
            let (Some(l), Some(h)) = (low.value(), high.value()) else {
                return false;
            };
            l > h || (l == h && (low.is_open() || high.is_open()))
        }
    }
}

/// Whether every value of `a` is at least `x`.
fn surely_at_least(a: &Bounded, x: Decimal) -> bool {
    a.low().value().is_some_and(|l| l >= x)
}

/// Whether every value of `a` is at most `x`.
fn surely_at_most(a: &Bounded, x: Decimal) -> bool {
    a.high().value().is_some_and(|h| h <= x)
}

/// Whether every value of `a` is above `x`.
fn surely_above_value(a: &Bounded, x: Decimal) -> bool {
    surely_above(a, &Bounded::exact(x))
}

/// The result of an interval computation a check needs: the value; nothing
/// when there is nothing to compare (a divisor that can be zero, a value
/// outside a function's domain); and, on an overflow, a note saying what
/// could not be checked, so that no comparison is skipped silently.
fn compute(
    result: std::result::Result<Bounded, ArithError>,
    kind: Kind,
    what: impl std::fmt::Display,
    subjects: &[&Reference],
    out: &mut Vec<Finding>,
) -> Option<Bounded> {
    match result {
        Ok(value) => Some(value),
        Err(ArithError::Overflow) => {
            let mut finding = Finding::new(
                Severity::Note,
                kind,
                format!(
                    "{what} is beyond the range of decimals (arithmetic overflow): not checked."
                ),
            );
            for subject in subjects {
                finding = finding.about(subject);
            }
            out.push(finding);
            None
        }
        Err(ArithError::DivisionByZero | ArithError::Domain(_)) => None,
    }
}

// ------------------------------------------------------------ describing

/// A claim with its value, for messages.
fn describe_claim_value(claim: &Claim) -> String {
    format!("{} = {}", claim.relation, describe_stated(&claim.stated))
}

/// A value as it was written: `89.71 billion CNY`, `more than 30%`,
/// `60–80%`.
pub fn describe_stated(stated: &Stated) -> String {
    crate::text::stated(stated)
}

/// A computed value, for messages: money in the largest scale that keeps
/// it at or above one, four decimals at most; an interval where it is not
/// a point, as `a to b`.
pub fn describe_value(value: &Bounded, unit: &Unit) -> String {
    crate::text::computed(value, unit)
}
