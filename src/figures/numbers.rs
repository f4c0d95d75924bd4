//! The number of each stated figure (the order in which it is first
//! stated), found by its reference. A screening dataset states a million
//! figures, so the index holds about four bytes a figure in its tables and
//! four in `firsts`, and reads each figure's metric and period from its
//! first fact: no key is copied or pointed at.
//!
//! The figures are indexed by entity, then by metric and period. A
//! dataset lists an entity's facts together, so numbering its facts works
//! in that entity's small table, which stays in cache, rather than at
//! random places of one table as large as the dataset.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use hashbrown::hash_table::Entry;

use crate::claim::Figure;
use crate::dataset::Fact;
use crate::name::Name;
use crate::reference::Reference;

/// Stated figures by reference.
#[derive(Debug, Default)]
pub(super) struct Numbers {
    /// Indices into `entities`, hashed by entity id.
    by_entity: HashTable<u32>,
    /// Each entity's figures.
    entities: Vec<Figures>,
    /// For each figure number, the index of its first fact.
    firsts: Vec<u32>,
    /// The entity of the last fact numbered: the next fact is most often
    /// of the same one.
    last: usize,
    hasher: foldhash::fast::RandomState,
}

/// The stated figures of one entity.
#[derive(Debug)]
struct Figures {
    /// The entity id.
    id: Name,
    /// Figure numbers, hashed by their figure's metric and period.
    numbers: HashTable<u32>,
}

impl Numbers {
    /// Room for the figures of these facts.
    pub(super) fn for_facts(facts: &[Fact]) -> Numbers {
        Numbers {
            firsts: Vec::with_capacity(facts.len()),
            ..Numbers::default()
        }
    }

    /// How many figures are numbered.
    pub(super) fn len(&self) -> usize {
        self.firsts.len()
    }

    /// The place of an entity among those that state figures (in the
    /// order first stated), if it states one.
    pub(super) fn entity(&self, id: &str) -> Option<usize> {
        let entities = &self.entities;
        let found = self.by_entity.find(self.hasher.hash_one(id), |&at| {
            Numbers::id(entities, at).is_some_and(|known| *known == *id)
        })?;
        usize::try_from(*found).ok()
    }

    /// The place of an entity in `entities`, added if it is new: `None`
    /// only past four billion entities.
    fn entity_or_insert(&mut self, id: &Name) -> Option<usize> {
        let next = u32::try_from(self.entities.len()).ok()?;
        let hasher = &self.hasher;
        let entities = &self.entities;
        let entry = self.by_entity.entry(
            hasher.hash_one(id.as_str()),
            |&at| Numbers::id(entities, at) == Some(id),
            |&at| Numbers::id(entities, at).map_or(0, |known| hasher.hash_one(known.as_str())),
        );
        let at = match entry {
            Entry::Occupied(found) => *found.get(),
            Entry::Vacant(vacant) => {
                vacant.insert(next);
                self.entities.push(Figures {
                    id: id.clone(),
                    numbers: HashTable::new(),
                });
                next
            }
        };
        usize::try_from(at).ok()
    }

    /// The id of the entity at `at` in `entities`.
    fn id(entities: &[Figures], at: u32) -> Option<&Name> {
        entities
            .get(usize::try_from(at).ok()?)
            .map(|figures| &figures.id)
    }

    /// The hash of a figure within its entity's table.
    fn hash(hasher: &foldhash::fast::RandomState, figure: Figure<'_>) -> u64 {
        hasher.hash_one((figure.metric.as_str(), figure.period))
    }

    /// Whether the figure with this number has `figure`'s metric and
    /// period (its entity is that of the table it is in).
    fn is(firsts: &[u32], facts: &[Fact], number: u32, figure: Figure<'_>) -> bool {
        Numbers::figure(firsts, facts, number)
            .is_some_and(|r| r.metric == *figure.metric && r.period == *figure.period)
    }

    /// The figure with this number.
    fn figure<'f>(firsts: &[u32], facts: &'f [Fact], number: u32) -> Option<&'f Reference> {
        let first = firsts.get(usize::try_from(number).ok()?)?;
        facts
            .get(usize::try_from(*first).ok()?)
            .map(|fact| &fact.figure)
    }

    /// The number of the figure `facts[index]` states, numbering it if it is
    /// the first to: `None` only past four billion facts, which no memory
    /// holds.
    pub(super) fn number(&mut self, facts: &[Fact], index: usize) -> Option<usize> {
        let figure = Figure::from(&facts.get(index)?.figure);
        let next = u32::try_from(self.firsts.len()).ok()?;
        let first = u32::try_from(index).ok()?;
        let same = self
            .entities
            .get(self.last)
            .is_some_and(|figures| figures.id == *figure.entity);
        if !same {
            self.last = self.entity_or_insert(figure.entity)?;
            // Facts of one entity come in runs: its table is made room in
            // for the run at once (so that it does not grow while the run
            // is numbered), and the run's facts are in cache as it is.
            let run = facts
                .get(index..)
                .unwrap_or_default()
                .iter()
                .take_while(|fact| fact.figure.entity == *figure.entity)
                .count();
            let hasher = &self.hasher;
            let firsts = &self.firsts;
            let table = &mut self.entities.get_mut(self.last)?.numbers;
            table.reserve(run, |&n| {
                Numbers::figure(firsts, facts, n).map_or(0, |r| Numbers::hash(hasher, r.into()))
            });
        }
        let hasher = &self.hasher;
        let firsts = &self.firsts;
        let table = &mut self.entities.get_mut(self.last)?.numbers;
        let entry = table.entry(
            Numbers::hash(hasher, figure),
            |&n| Numbers::is(firsts, facts, n, figure),
            |&n| Numbers::figure(firsts, facts, n).map_or(0, |r| Numbers::hash(hasher, r.into())),
        );
        let number = match entry {
            Entry::Occupied(found) => *found.get(),
            Entry::Vacant(vacant) => {
                vacant.insert(next);
                self.firsts.push(first);
                next
            }
        };
        usize::try_from(number).ok()
    }

    /// The number of a figure, if a fact states it.
    pub(super) fn get(&self, facts: &[Fact], figure: Figure<'_>) -> Option<usize> {
        let table = &self.entities.get(self.entity(figure.entity)?)?.numbers;
        let found = table.find(Numbers::hash(&self.hasher, figure), |&n| {
            Numbers::is(&self.firsts, facts, n, figure)
        })?;
        usize::try_from(*found).ok()
    }

    /// Every numbered figure, in number order.
    pub(super) fn figures<'f>(&'f self, facts: &'f [Fact]) -> impl Iterator<Item = &'f Reference> {
        (0..self.firsts.len()).filter_map(move |number| {
            let number = u32::try_from(number).ok()?;
            Numbers::figure(&self.firsts, facts, number)
        })
    }
}
