//! Every figure the data tells, stated or implied, with where it came from.
//!
//! A figure several sources state is taken from the most trusted one (the
//! source whose id sorts first among equals). A claim with exactly one figure its own
//! source does not state solves for it (data/FORMAT.md, Implied figures): that is an implied
//! figure, kept with the claim and the inputs it came from. A metric the
//! data defines as a sum of others is implied too, wherever its operands
//! are known ([`defined`](mod@defined)). Implied figures fill figures no
//! source states, and feed further claims and definitions, until nothing
//! new follows.

pub mod defined;
mod numbers;
mod related;

use std::collections::{BTreeSet, HashSet};
use std::sync::OnceLock;

use crate::bounded::{ArithError, Bounded};
use crate::claim::Solved;
use crate::dataset::{Claim, Dataset, Fact};
use crate::error::Result;
use crate::name::Name;
use crate::reference::Reference;
use crate::value::{BoundKind, Status, Unit};
pub use defined::{Defined, NotDefined, Undefined};

/// Where a known figure comes from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Provenance {
    /// A source states it.
    Stated {
        /// The source id.
        source: Name,
        /// Where in the source.
        at: Name,
    },
    /// A claim implies it.
    Implied {
        /// The index of the implied figure in [`Figures::implied`].
        index: usize,
        /// The source of the claim.
        source: Name,
        /// Where the claim is in its source.
        at: Name,
    },
    /// A definition of the data implies it (the sum of its operands).
    Defined {
        /// The index of the figure in [`Figures::defined`].
        index: usize,
        /// The formula: `operating_cash_flow − capex`.
        formula: Name,
    },
}

impl Provenance {
    /// One line for people: `article ¶2`, `implied by article ¶2`,
    /// `by definition: operating_cash_flow − capex`.
    pub fn describe(&self) -> String {
        self.to_string()
    }

    /// Writes [`Provenance::describe`] to any writer: into a `String`
    /// without the formatting machinery.
    pub fn write_to<W: std::fmt::Write + ?Sized>(&self, out: &mut W) -> std::fmt::Result {
        let (before, first, second) = match self {
            Provenance::Stated { source, at } => ("", source, Some(at)),
            Provenance::Implied { source, at, .. } => ("implied by ", source, Some(at)),
            Provenance::Defined { formula, .. } => ("by definition: ", formula, None),
        };
        out.write_str(before)?;
        out.write_str(first)?;
        if let Some(second) = second {
            out.write_str(" ")?;
            out.write_str(second)?;
        }
        Ok(())
    }

    /// Whether a claim or a definition implied it (no source states it).
    pub fn is_implied(&self) -> bool {
        !matches!(self, Provenance::Stated { .. })
    }

    /// The source that states it, or whose claim implied it (none for a
    /// definition's figure).
    pub fn source(&self) -> Option<&Name> {
        match self {
            Provenance::Stated { source, .. } | Provenance::Implied { source, .. } => Some(source),
            Provenance::Defined { .. } => None,
        }
    }
}

impl std::fmt::Display for Provenance {
    /// As [`Provenance::describe`] has it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.write_to(f)
    }
}

/// A figure with a value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Known {
    /// Which figure.
    pub figure: Reference,
    /// Its interval, in base units.
    pub value: Bounded,
    /// Its unit.
    pub unit: Unit,
    /// Reported or forward-looking.
    pub status: Status,
    /// How a source stated it (`None` for an implied figure).
    pub bound: Option<BoundKind>,
    /// Where it comes from.
    pub provenance: Provenance,
}

impl Known {
    /// A figure as a fact states it.
    pub fn stated(fact: &Fact) -> Known {
        Known {
            figure: fact.figure.clone(),
            value: fact.value,
            unit: fact.stated.unit.clone(),
            status: fact.status,
            bound: Some(fact.stated.bound),
            provenance: Provenance::Stated {
                source: fact.source.clone(),
                at: fact.at.clone(),
            },
        }
    }
}

/// A figure solved from a claim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Implied {
    /// The figure, its value and provenance.
    pub known: Known,
    /// The index of the claim in [`Dataset::claims`].
    pub claim: usize,
    /// How it was solved, e.g. `current / (1 + change)`.
    pub formula: &'static str,
    /// The figures it was solved from.
    pub inputs: Vec<Known>,
}

/// A figure a claim would imply, but whose computation overflows (the
/// result is beyond the range of exact decimals): the figure is left
/// unknown and the overflow reported for it, so that every other figure
/// and command goes on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overflow {
    /// The index of the claim in [`Dataset::claims`].
    pub claim: usize,
    /// The figure it would imply.
    pub figure: Reference,
    /// What overflowed, for people.
    pub message: String,
}

/// Which figures a lookup prefers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis<'a> {
    /// The most trusted source's figure (data/FORMAT.md, When sources disagree).
    MostTrusted,
    /// This source's own figure where it states one, then the most trusted.
    SourceFirst(&'a str),
}

/// The figures of a dataset, stated and implied.
#[derive(Debug)]
pub struct Figures<'a> {
    data: &'a Dataset,
    /// The number of each stated figure, in the order first stated.
    numbers: numbers::Numbers,
    /// The facts of figure `n` are `by_figure[starts[n]..starts[n + 1]]`,
    /// most preferred first; `starts` is empty when each figure is stated
    /// once (the fact of figure `n` is `by_figure[n]`).
    starts: Vec<usize>,
    by_figure: Vec<&'a Fact>,
    /// Figures no source states but a claim implies, in the order found.
    implied_only: Vec<Reference>,
    implied: Vec<Implied>,
    /// Implied figures of each figure, most trusted claim first.
    implied_index: foldhash::HashMap<Reference, Vec<usize>>,
    /// The implied figure of each claim that implies one.
    implied_by: foldhash::HashMap<usize, usize>,
    /// Figures whose implication overflowed, in the order found.
    overflows: Vec<Overflow>,
    /// Figures definitions imply, in the order found, and where each is.
    defined: Vec<Defined>,
    defined_index: foldhash::HashMap<Reference, usize>,
    /// Figures definitions would imply but do not, and those figures.
    undefined: Vec<Undefined>,
    tried: foldhash::HashSet<Reference>,
    /// The figures sources disagree on, found when first asked for.
    conflicted: OnceLock<HashSet<Reference>>,
    /// Where the facts of each claim's figures are, found once for solving
    /// the claims and kept for checking them.
    related: related::Related,
}

impl<'a> Figures<'a> {
    /// Indexes the stated facts and solves every claim that implies a
    /// figure.
    ///
    /// ```
    /// use earnings::{Basis, Dataset, Figures};
    /// let data = Dataset::bundled().unwrap();
    /// let figures = Figures::build(&data).unwrap();
    /// let revenue = "alibaba.revenue@FY2026".parse().unwrap();
    /// let known = figures.get(&revenue, Basis::MostTrusted).unwrap();
    /// assert_eq!(known.value.point().round_dp(0).to_string(), "1023670000000");
    /// ```
    pub fn build(data: &'a Dataset) -> Result<Figures<'a>> {
        // Number the figures in the order first stated, then place each
        // figure's facts together (a counting sort: no allocation per
        // figure, however many there are).
        // What the claims relate needs no index of the facts: found on a
        // thread of its own meanwhile when there are many claims.
        let mut related = None;
        let numbered = if data.claims.len() < PARALLEL_CLAIMS {
            related = Some(related::Related::of_claims(data));
            number(data)
        } else {
            std::thread::scope(|scope| {
                scope.spawn(|| related = Some(related::Related::of_claims(data)));
                number(data)
            })
        };
        let (numbers, number_of, repeated) = numbered?;
        let (starts, by_figure) = if repeated {
            group(data, &number_of, numbers.len())
        } else {
            // Each figure stated once (the common case): its facts are the
            // facts, in order.
            (Vec::new(), data.facts.iter().collect())
        };
        let mut figures = Figures {
            data,
            numbers,
            starts,
            by_figure,
            implied_only: Vec::new(),
            implied: Vec::new(),
            implied_index: foldhash::HashMap::default(),
            implied_by: foldhash::HashMap::default(),
            overflows: Vec::new(),
            defined: Vec::new(),
            defined_index: foldhash::HashMap::default(),
            undefined: Vec::new(),
            tried: foldhash::HashSet::default(),
            conflicted: OnceLock::new(),
            related: related::Related::default(),
        };
        figures.imply(related.unwrap_or_default())?;
        Ok(figures)
    }

    /// The dataset.
    pub fn data(&self) -> &'a Dataset {
        self.data
    }

    /// The facts of the stated figure with this number.
    fn facts_of(&self, number: usize) -> &[&'a Fact] {
        self.facts_in(self.range_of(number))
    }

    /// Where the facts of the stated figure with this number are in
    /// `by_figure`.
    fn range_of(&self, number: usize) -> std::ops::Range<usize> {
        let to = number.checked_add(1);
        if self.starts.is_empty() {
            return match to {
                Some(to) if to <= self.by_figure.len() => number..to,
                _ => 0..0,
            };
        }
        let to = to.and_then(|n| self.starts.get(n));
        match (self.starts.get(number), to) {
            (Some(&from), Some(&to)) => from..to,
            _ => 0..0,
        }
    }

    /// The facts at these places of `by_figure`.
    fn facts_in(&self, places: std::ops::Range<usize>) -> &[&'a Fact] {
        self.by_figure.get(places).unwrap_or_default()
    }

    /// Where the facts that state a figure are in `by_figure`.
    fn stated_range(&self, figure: &Reference) -> std::ops::Range<usize> {
        self.numbers
            .get(&self.data.facts, figure.into())
            .map_or(0..0, |number| self.range_of(number))
    }

    /// The facts that state a figure, most preferred first.
    pub fn stated(&self, figure: &Reference) -> &[&'a Fact] {
        self.facts_in(self.stated_range(figure))
    }

    /// The facts that state figure `at` of claim `claim` (an index into the
    /// dataset's claims), as [`crate::claim::Relation::figures`] lists its
    /// figures, `figure`: as [`Figures::stated`] gives them, found when the
    /// figures were built, the claims of one entity together, rather than
    /// looked up again at a random place of the index and of the facts.
    pub fn stated_for(&self, claim: usize, at: usize, figure: &Reference) -> &[&'a Fact] {
        match self.related.stated(claim).get(at) {
            Some(&stated) => self.facts_of_stated(stated),
            None => self.stated(figure),
        }
    }

    /// Where the facts of claim `claim` (an index into the dataset's claims)
    /// are: the number of its first figure a fact states, `usize::MAX` for
    /// a claim none of whose figures is stated. Claims taken in this order
    /// read the facts in the order they are stated.
    pub fn claim_place(&self, claim: usize) -> usize {
        self.related
            .stated(claim)
            .iter()
            .find_map(|&stated| related::number_of(stated))
            .unwrap_or(usize::MAX)
    }

    /// The facts of a figure by its number as [`related::Related`] holds it.
    fn facts_of_stated(&self, stated: u32) -> &[&'a Fact] {
        related::number_of(stated).map_or(&[], |number| self.facts_of(number))
    }

    /// The number of a stated figure, its place among
    /// [`Figures::stated_figures`]; `None` for a figure no source states.
    pub fn number(&self, figure: &Reference) -> Option<usize> {
        self.numbers.get(&self.data.facts, figure.into())
    }

    /// The figures sources disagree on ([`conflicted`]), found once for
    /// every report that marks them.
    pub fn conflicted(&self) -> &HashSet<Reference> {
        self.conflicted.get_or_init(|| {
            // The facts are grouped by figure already: no second index.
            (0..self.numbers.len())
                .map(|number| self.facts_of(number))
                .filter(|facts| disputed(facts))
                .filter_map(|facts| facts.first().map(|fact| fact.figure.clone()))
                .collect()
        })
    }

    /// Every implied figure, in the order found.
    pub fn implied(&self) -> &[Implied] {
        &self.implied
    }

    /// What claim `claim` (an index into the dataset's claims) implies, if
    /// anything: each claim implies at most one figure.
    pub fn implied_by(&self, claim: usize) -> Option<&Implied> {
        self.implied.get(*self.implied_by.get(&claim)?)
    }

    /// Every implied value of a figure, in the order [`Figures::implied`]
    /// lists them (the order found).
    pub fn implied_of(&self, figure: &Reference) -> Vec<&Implied> {
        let mut indices = self.implied_index.get(figure).cloned().unwrap_or_default();
        indices.sort_unstable();
        indices
            .iter()
            .filter_map(|&i| self.implied.get(i))
            .collect()
    }

    /// The facts of each stated figure, most preferred first, in the order
    /// the figures are first stated: the stated figures of
    /// [`Figures::iter`] without a lookup or a [`Known`] made for each.
    pub fn stated_figures(&self) -> impl ExactSizeIterator<Item = &[&'a Fact]> + '_ {
        (0..self.numbers.len()).map(|number| self.facts_of(number))
    }

    /// The figures no source states but a claim implies, in the order
    /// found: the rest of [`Figures::iter`].
    pub fn implied_only(&self) -> &[Reference] {
        &self.implied_only
    }

    /// Every figure a claim would imply but whose computation overflowed.
    pub fn overflows(&self) -> &[Overflow] {
        &self.overflows
    }

    /// A figure's value: stated (by `basis`), else implied by a
    /// definition, else implied by the most trusted claim, else unknown.
    pub fn get(&self, figure: &Reference, basis: Basis<'_>) -> Option<Known> {
        self.get_excluding(figure, basis, None)
    }

    /// As [`Figures::get`], ignoring what one claim implied, and a
    /// definition's figure resting on it (so a claim is never checked
    /// against its own conclusion).
    pub fn get_excluding(
        &self,
        figure: &Reference,
        basis: Basis<'_>,
        claim: Option<usize>,
    ) -> Option<Known> {
        self.known(figure, self.stated(figure), basis, claim)
    }

    /// As [`Figures::get_excluding`], given the facts that state the figure.
    fn known(
        &self,
        figure: &Reference,
        facts: &[&'a Fact],
        basis: Basis<'_>,
        claim: Option<usize>,
    ) -> Option<Known> {
        let own = match basis {
            Basis::SourceFirst(source) => facts.iter().find(|f| f.source == source),
            Basis::MostTrusted => None,
        };
        if let Some(fact) = own.or_else(|| facts.first()) {
            return Some(Known::stated(fact));
        }
        if let Some(defined) = self.defined_of(figure)
            && claim.is_none_or(|claim| self.defined_from(defined, |i| i.claim != claim))
        {
            return Some(defined.known.clone());
        }
        self.implied_index
            .get(figure)?
            .iter()
            .filter_map(|&i| self.implied.get(i))
            .find(|implied| Some(implied.claim) != claim)
            .map(|implied| implied.known.clone())
    }

    /// Every figure with a value, stated first then implied-only, each as
    /// [`Basis::MostTrusted`] gives it, one at a time.
    pub fn iter(&self) -> impl Iterator<Item = Known> + '_ {
        self.range(0..self.len())
    }

    /// How many figures have a value (the length of [`Figures::iter`]).
    pub fn len(&self) -> usize {
        self.numbers.len().saturating_add(self.implied_only.len())
    }

    /// Whether no figure has a value.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The figures of [`Figures::iter`] at these places, so that parts of
    /// them can be worked on apart (in parallel).
    pub fn range(&self, places: std::ops::Range<usize>) -> impl Iterator<Item = Known> + '_ {
        let stated_count = self.numbers.len();
        let stated = (places.start.min(stated_count)..places.end.min(stated_count))
            .filter_map(|number| self.facts_of(number).first())
            .map(|fact| Known::stated(fact));
        let implied = self
            .implied_only
            .get(places.start.saturating_sub(stated_count)..places.end.saturating_sub(stated_count))
            .unwrap_or_default()
            .iter()
            .filter_map(|figure| self.get(figure, Basis::MostTrusted));
        stated.chain(implied)
    }

    /// Solves the claims for the figures they imply, as rounds over the
    /// claims in order would, each round trying every claim not yet solved
    /// (seeing what the claims before it in the round implied), until a
    /// round implies nothing. What a claim solves depends only on the
    /// figures it relates, so a claim is tried again only once one of them
    /// has been implied since it was last tried: a chain of claims listed
    /// in any order costs its length, not its square.
    fn imply(&mut self, mut related: related::Related) -> Result<()> {
        let data = self.data;
        related.find_stated(self);
        let mut done = vec![false; data.claims.len()];
        let mut round: BTreeSet<usize> = (0..data.claims.len()).collect();
        // What the stated figures define, before any claim is solved; then,
        // after each figure a claim implies, what that lets definitions
        // imply.
        let uses = defined::uses(data);
        let mut pending = BTreeSet::new();
        if !uses.is_empty() {
            for figure in self.numbers.figures(&data.facts) {
                defined::candidates(data, &uses, figure, &mut pending);
            }
            self.define_pending(&uses, &mut pending);
        }
        while !round.is_empty() {
            let mut next = BTreeSet::new();
            while let Some(index) = round.pop_first() {
                let Some(claim) = data.claims.get(index) else {
                    continue;
                };
                let stated = (related.stated(index), related.own(index));
                let (implied, target_stated) = match self.solve(index, claim, stated) {
                    Ok(Some(implied)) => implied,
                    Ok(None) => continue,
                    // Reported for that figure; the claim implies nothing.
                    Err(overflow) => {
                        if let Some(flag) = done.get_mut(index) {
                            *flag = true;
                        }
                        self.overflows.push(overflow);
                        continue;
                    }
                };
                if let Some(flag) = done.get_mut(index) {
                    *flag = true;
                }
                let figure = implied.known.figure.clone();
                self.add_implied(implied, target_stated);
                if !uses.is_empty() {
                    defined::candidates(data, &uses, &figure, &mut pending);
                }
                let mut known = vec![figure];
                if !pending.is_empty() {
                    known.extend(self.define_pending(&uses, &mut pending));
                }
                // Those after it are tried again in this round, those
                // before it in the next.
                let relate = known.iter().flat_map(|f| related.relating(f));
                for other in relate {
                    if done.get(other) == Some(&false) {
                        if other > index {
                            round.insert(other);
                        } else {
                            next.insert(other);
                        }
                    }
                }
            }
            round = next;
        }
        self.related = related.placed();
        Ok(())
    }

    /// Whether a figure has a value yet: stated, or implied by a claim or
    /// a definition.
    fn is_known(&self, figure: &Reference) -> bool {
        let stated = self.numbers.get(&self.data.facts, figure.into()).is_some();
        self.is_known_or_stated(figure, stated)
    }

    /// As [`Figures::is_known`], given whether a fact states the figure.
    fn is_known_or_stated(&self, figure: &Reference, stated: bool) -> bool {
        stated || self.implied_index.contains_key(figure) || self.defined_index.contains_key(figure)
    }

    /// Adds what a claim implies, given whether a fact states its figure.
    fn add_implied(&mut self, implied: Implied, stated: bool) {
        let figure = implied.known.figure.clone();
        if !self.is_known_or_stated(&figure, stated) {
            self.implied_only.push(figure.clone());
        }
        let index = self.implied.len();
        let mut implied = implied;
        if let Provenance::Implied { index: at, .. } = &mut implied.known.provenance {
            *at = index;
        }
        self.implied_by.entry(implied.claim).or_insert(index);
        self.implied.push(implied);
        let entry = self.implied_index.entry(figure).or_default();
        let (data, implied_list) = (self.data, &self.implied);
        // Most trusted claim first, then by source id and place: never the
        // order of the claims. Placed after those it ties with, as a stable
        // sort would, without sorting again (many claims can imply one
        // figure).
        let key = |i: usize| {
            let claim = implied_list.get(i).and_then(|m| data.claims.get(m.claim));
            (
                std::cmp::Reverse(claim.map(|c| data.preference(&c.source))),
                claim.map(|c| &c.at),
            )
        };
        let at = entry.partition_point(|&i| key(i) <= key(index));
        entry.insert(at, index);
    }

    /// Solves a claim for its one figure its own source does not state (or,
    /// failing that, its one figure nobody states), if it has one, given
    /// the number of each of its figures ([`related::Related::stated`])
    /// and whether its own source states each: what it implies, and
    /// whether a fact states that figure.
    fn solve(
        &self,
        index: usize,
        claim: &Claim,
        (places, own): (&[u32], &[bool]),
    ) -> std::result::Result<Option<(Implied, bool)>, Overflow> {
        let figures = claim.relation.figures();
        let stated: Vec<&[&'a Fact]> = places.iter().map(|&p| self.facts_of_stated(p)).collect();
        let own_states = |i: usize| own.get(i).copied().unwrap_or(false);
        let not_own: Vec<usize> = (0..figures.len()).filter(|&i| !own_states(i)).collect();
        let basis = Basis::SourceFirst(&claim.source);
        let lookup = |i: usize| {
            let figure = figures.get(i)?;
            self.known(figure, stated.get(i)?, basis, Some(index))
        };
        let unknown = match not_own.as_slice() {
            [] => return Ok(None),
            [one] => *one,
            _ => {
                let missing: Vec<usize> = not_own
                    .iter()
                    .copied()
                    .filter(|&i| lookup(i).is_none())
                    .collect();
                match missing.as_slice() {
                    [one] => *one,
                    _ => return Ok(None),
                }
            }
        };
        // Already implied by this claim's kind of reasoning elsewhere is fine;
        // but never re-derive what an earlier round of this claim found.
        let mut inputs = Vec::with_capacity(figures.len());
        for i in (0..figures.len()).filter(|&i| i != unknown) {
            match lookup(i) {
                Some(known) => inputs.push(known),
                None => return Ok(None),
            }
        }
        let Some(target) = figures.get(unknown) else {
            return Ok(None);
        };
        let known: Vec<Bounded> = inputs.iter().map(|k| k.value).collect();
        let solved = match claim.relation.solve(&claim.value, unknown, &known) {
            Ok(solved) => solved,
            // A share of 0% or a multiple that can be zero says nothing
            // about the whole or the base: nothing is implied.
            Err(ArithError::DivisionByZero | ArithError::Domain(_)) => None,
            Err(overflow) => {
                return Err(Overflow {
                    claim: index,
                    figure: target.clone(),
                    message: arith(claim, overflow),
                });
            }
        };
        let Some(Solved { value, formula }) = solved else {
            return Ok(None);
        };
        let unit = claim
            .relation
            .solved_unit(&claim.stated.unit, inputs.first().map(|k| &k.unit))
            .clone();
        let forward = claim.status.is_forward_looking()
            || inputs.iter().any(|k| k.status.is_forward_looking());
        let status = if forward {
            inputs
                .iter()
                .map(|k| k.status)
                .find(|s| s.is_forward_looking())
                .unwrap_or(claim.status)
        } else {
            Status::Reported
        };
        let target_stated = stated.get(unknown).is_some_and(|facts| !facts.is_empty());
        let implied = Implied {
            known: Known {
                figure: target.clone(),
                value,
                unit,
                status,
                bound: None,
                provenance: Provenance::Implied {
                    index: 0,
                    source: claim.source.clone(),
                    at: claim.at.clone(),
                },
            },
            claim: index,
            formula,
            inputs,
        };
        Ok(Some((implied, target_stated)))
    }
}

/// Datasets with at least this many claims find what their claims relate
/// on a thread of its own while the facts are numbered.
const PARALLEL_CLAIMS: usize = 4096;

/// Numbers the figures in the order first stated: the index, the number
/// of each fact's figure, and whether any figure is stated twice.
fn number(data: &Dataset) -> Result<(numbers::Numbers, Vec<u32>, bool)> {
    let too_many = || crate::error::Error::Usage("more than 4,294,967,295 facts".into());
    let mut numbers = numbers::Numbers::for_facts(&data.facts);
    let mut number_of = Vec::with_capacity(data.facts.len());
    let mut repeated = false;
    for index in 0..data.facts.len() {
        let next = numbers.len();
        let number = numbers.number(&data.facts, index).ok_or_else(too_many)?;
        repeated |= number != next;
        number_of.push(u32::try_from(number).map_err(|_| too_many())?);
    }
    Ok((numbers, number_of, repeated))
}

/// Places each figure's facts together, most preferred first: where the
/// facts of figure `n` start (and, last, where they all end), and the facts
/// so ordered. A counting sort: no allocation per figure.
fn group<'a>(data: &'a Dataset, number_of: &[u32], figures: usize) -> (Vec<usize>, Vec<&'a Fact>) {
    let mut sizes = vec![0usize; figures];
    for &number in number_of {
        let number = usize::try_from(number).unwrap_or(usize::MAX);
        if let Some(size) = sizes.get_mut(number) {
            *size = size.saturating_add(1);
        }
    }
    let mut starts = Vec::with_capacity(figures.saturating_add(1));
    let mut total = 0usize;
    for size in &sizes {
        starts.push(total);
        total = total.saturating_add(*size);
    }
    starts.push(total);
    let mut next: Vec<usize> = starts.iter().take(figures).copied().collect();
    let mut slots: Vec<Option<&'a Fact>> = vec![None; number_of.len()];
    for (fact, &number) in data.facts.iter().zip(number_of) {
        let number = usize::try_from(number).unwrap_or(usize::MAX);
        if let Some(at) = next.get_mut(number) {
            if let Some(slot) = slots.get_mut(*at) {
                *slot = Some(fact);
            }
            *at = at.saturating_add(1);
        }
    }
    let mut by_figure: Vec<&'a Fact> = slots.into_iter().flatten().collect();
    for bounds in starts.windows(2) {
        if let [from, to] = *bounds {
            if let Some(facts) = by_figure.get_mut(from..to).filter(|f| f.len() > 1) {
                // Most trusted first, then by source id; one source's own
                // values by place, then by what they say: never load order.
                facts.sort_by(|a, b| preferred_first(data, a, b));
            }
        }
    }
    (starts, by_figure)
}

/// Which of two facts of one figure is preferred (`Less`: the first): the
/// more trusted source, then the source whose id sorts first; one source's
/// own values by place, then by what they say. Never load order, so that
/// the same data in any order gives the same figures.
pub fn preferred_first(data: &Dataset, a: &Fact, b: &Fact) -> std::cmp::Ordering {
    data.preference(&b.source)
        .cmp(&data.preference(&a.source))
        .then_with(|| a.at.cmp(&b.at))
        .then_with(|| crate::text::stated(&a.stated).cmp(&crate::text::stated(&b.stated)))
}

fn arith(claim: &Claim, error: ArithError) -> String {
    format!(
        "{} {}: {} claim on {}: {error}",
        claim.source,
        claim.at,
        claim.relation.kind().name(),
        claim.relation.of()
    )
}

/// Every figure that has a conflict: stated by sources whose intervals do
/// not all overlap, or in different units. Outputs mark these.
///
/// ```
/// use earnings::figures::conflicted;
/// use earnings::dataset::Dataset;
/// let data = Dataset::bundled().unwrap();
/// let marked = conflicted(&data);
/// assert!(marked.contains(&"alibaba.free_cash_flow@FY2025-Q4".parse().unwrap()));
/// assert!(!marked.contains(&"alibaba.revenue@FY2026".parse().unwrap()));
/// ```
pub fn conflicted(data: &Dataset) -> HashSet<Reference> {
    let mut by_figure: indexmap::IndexMap<&Reference, Vec<&Fact>> = indexmap::IndexMap::new();
    for fact in &data.facts {
        by_figure.entry(&fact.figure).or_default().push(fact);
    }
    by_figure
        .into_iter()
        .filter(|(_, facts)| disputed(facts))
        .map(|(figure, _)| figure.clone())
        .collect()
}

/// Every pair of a figure's facts, each once.
pub(crate) fn pairs<'f, 'a>(
    facts: &'f [&'a Fact],
) -> impl Iterator<Item = (&'a Fact, &'a Fact)> + 'f {
    facts.iter().enumerate().flat_map(move |(i, a)| {
        facts
            .iter()
            .skip(i.saturating_add(1))
            .map(move |b| (*a, *b))
    })
}

/// Whether some two of one figure's facts cannot both be right.
fn disputed(facts: &[&Fact]) -> bool {
    facts.len() > 1 && pairs(facts).any(|(a, b)| disagree(a, b))
}

/// Two facts of one figure that cannot both be right.
fn disagree(a: &Fact, b: &Fact) -> bool {
    a.stated.unit != b.stated.unit || a.value.is_disjoint(&b.value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_implies_the_prior_year_net_profit() {
        let data = Dataset::bundled().unwrap();
        let figures = Figures::build(&data).unwrap();
        let prior: Reference = "alibaba.net_profit@FY2025".parse().unwrap();
        let implied = figures
            .implied()
            .iter()
            .find(|i| {
                i.known.figure == prior
                    && i.known
                        .provenance
                        .describe()
                        .starts_with("implied by article")
            })
            .expect("the article's 'down 19%' implies FY2025 net profit");
        // 102.05..102.15 bn over 0.815..0.805: 125.21..126.89 bn.
        let low =
            implied.known.value.low().value().unwrap() / rust_decimal::Decimal::from(1_000_000_000);
        let high = implied.known.value.high().value().unwrap()
            / rust_decimal::Decimal::from(1_000_000_000);
        assert_eq!(low.round_dp(2).to_string(), "125.21");
        assert_eq!(high.round_dp(2).to_string(), "126.89");
        // The filed figure stays the one metrics use.
        let used = figures.get(&prior, Basis::MostTrusted).unwrap();
        assert_eq!(
            used.provenance.describe(),
            "form-20f-fy2026 income statement (R2)"
        );
    }
}
