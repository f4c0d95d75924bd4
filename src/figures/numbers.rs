//! The number of each stated figure (the order in which it is first
//! stated), found by its reference. A screening dataset states a million
//! figures, so the index holds four bytes a figure in its table and four
//! in `firsts`, and reads each figure's reference from its first fact:
//! no key is copied or pointed at.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use hashbrown::hash_table::Entry;

use crate::dataset::Fact;
use crate::reference::Reference;

/// Stated figures by reference.
#[derive(Debug, Default)]
pub(super) struct Numbers {
    /// Figure numbers, hashed by their figure's reference.
    table: HashTable<u32>,
    /// For each figure number, the index of its first fact.
    firsts: Vec<u32>,
    hasher: foldhash::fast::RandomState,
}

impl Numbers {
    /// Room for `figures` figures.
    pub(super) fn with_capacity(figures: usize) -> Numbers {
        Numbers {
            table: HashTable::with_capacity(figures),
            firsts: Vec::with_capacity(figures),
            hasher: foldhash::fast::RandomState::default(),
        }
    }

    /// How many figures are numbered.
    pub(super) fn len(&self) -> usize {
        self.firsts.len()
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
        let figure = &facts.get(index)?.figure;
        let next = u32::try_from(self.firsts.len()).ok()?;
        let first = u32::try_from(index).ok()?;
        let hasher = &self.hasher;
        let firsts = &self.firsts;
        let entry = self.table.entry(
            hasher.hash_one(figure),
            |&n| Numbers::figure(firsts, facts, n) == Some(figure),
            |&n| Numbers::figure(firsts, facts, n).map_or(0, |r| hasher.hash_one(r)),
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
    pub(super) fn get(&self, facts: &[Fact], figure: &Reference) -> Option<usize> {
        let found = self.table.find(self.hasher.hash_one(figure), |&n| {
            Numbers::figure(&self.firsts, facts, n) == Some(figure)
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
