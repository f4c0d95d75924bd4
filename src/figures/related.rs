//! What solving the claims needs of each claim's figures, found once
//! before any claim is solved: the facts that state each of them,
//! whether the claim's own source states it, and which claims relate a
//! figure. The first is kept for checking the claims.
//!
//! The stated facts are found entity by entity, not in the order of the
//! claims: a hundred thousand claims name figures all over a million
//! facts, and looking them up as the claims come would reach a random
//! place of the index and of the facts for each.

use std::hash::BuildHasher;
use std::ops::Range;

use super::Figures;
use crate::claim::Figure;
use crate::dataset::Dataset;
use crate::reference::Reference;

/// The figures of every claim, as [`Relation::figures`] lists them.
///
/// [`Relation::figures`]: crate::claim::Relation::figures
#[derive(Debug, Default)]
pub(super) struct Related {
    /// Claim `c`'s figures are at `starts[c]..starts[c + 1]` of `stated`.
    starts: Vec<usize>,
    /// For each claim's figure, its number ([`Figures::number`]) plus one;
    /// zero where no fact states it. Four bytes a figure: it is kept for
    /// as long as the figures.
    stated: Vec<u32>,
    /// For each claim's figure, whether a fact of the claim's own source
    /// states it.
    own: Vec<bool>,
    /// The hash of each claim's figure with the claim, sorted.
    relating: Vec<(u64, usize)>,
    /// Each claim by the hash of the first entity it names, sorted, until
    /// the facts of the claims' figures are found in that order.
    order: Vec<(u64, usize)>,
    hasher: foldhash::fast::RandomState,
}

impl Related {
    /// The figures of a dataset's claims, and which claims relate each:
    /// what needs no index of the facts (so that it can be found while
    /// the facts are numbered).
    pub(super) fn of_claims(data: &Dataset) -> Related {
        let claims = &data.claims;
        let mut related = Related {
            starts: Vec::with_capacity(claims.len().saturating_add(1)),
            order: Vec::with_capacity(claims.len()),
            ..Related::default()
        };
        let mut total = 0usize;
        for (index, claim) in claims.iter().enumerate() {
            related.starts.push(total);
            let mut entity = None;
            let (relating, hasher) = (&mut related.relating, &related.hasher);
            claim.relation.each_figure(|figure| {
                total = total.saturating_add(1);
                relating.push((hash(hasher, figure), index));
                entity.get_or_insert_with(|| hasher.hash_one(figure.entity.as_str()));
            });
            related.order.push((entity.unwrap_or(0), index));
        }
        related.starts.push(total);
        related.relating.sort_unstable();
        related.order.sort_unstable();
        related.stated = vec![0; total];
        related.own = vec![false; total];
        related
    }

    /// Finds the facts of every claim's figures, and whether the claim's own
    /// source states each, the claims of one entity together: its index
    /// and its facts stay in cache meanwhile. Many
    /// claims are looked up in two halves, the second on a thread of its
    /// own.
    pub(super) fn find_stated(&mut self, figures: &Figures<'_>) {
        let order = std::mem::take(&mut self.order);
        let claims = self.starts.len().saturating_sub(1);
        let starts = &self.starts;
        if claims < super::PARALLEL_CLAIMS {
            let all = (self.stated.as_mut_slice(), self.own.as_mut_slice());
            find_stated(figures, starts, &order, 0..claims, all);
            return;
        }
        let half = claims / 2;
        let split = starts.get(half).map_or(0, |&s| s.min(self.stated.len()));
        let (first, second) = self.stated.split_at_mut(split);
        let (own_first, own_second) = self.own.split_at_mut(split);
        std::thread::scope(|scope| {
            let second = (second, own_second);
            scope.spawn(|| find_stated(figures, starts, &order, half..claims, second));
            find_stated(figures, starts, &order, 0..half, (first, own_first));
        });
    }

    /// What the checks of the claims need once every claim is solved:
    /// where each claim's figures are stated, without which claims relate
    /// each figure and which its own source states.
    pub(super) fn placed(mut self) -> Related {
        self.relating = Vec::new();
        self.order = Vec::new();
        self.own = Vec::new();
        self
    }

    /// The number of each figure of claim `claim` plus one (zero for a
    /// figure no fact states), in the order [`Relation::figures`] lists
    /// them: see [`number_of`].
    ///
    /// [`Relation::figures`]: crate::claim::Relation::figures
    pub(super) fn stated(&self, claim: usize) -> &[u32] {
        let to = claim.checked_add(1).and_then(|c| self.starts.get(c));
        match (self.starts.get(claim), to) {
            (Some(&from), Some(&to)) => self.stated.get(from..to).unwrap_or_default(),
            _ => &[],
        }
    }

    /// Whether claim `claim`'s own source states each of its figures, in
    /// the order [`Relation::figures`] lists them.
    ///
    /// [`Relation::figures`]: crate::claim::Relation::figures
    pub(super) fn own(&self, claim: usize) -> &[bool] {
        let to = claim.checked_add(1).and_then(|c| self.starts.get(c));
        match (self.starts.get(claim), to) {
            (Some(&from), Some(&to)) => self.own.get(from..to).unwrap_or_default(),
            _ => &[],
        }
    }

    /// The claims that may relate `figure`, each once, in order: every
    /// claim that does, and (rarely, when hashes collide) one that does
    /// not, which is only tried again for nothing.
    pub(super) fn relating(&self, figure: &Reference) -> impl Iterator<Item = usize> + '_ {
        let hash = hash(&self.hasher, figure.into());
        let from = self.relating.partition_point(|&(h, _)| h < hash);
        let mut last = None;
        self.relating
            .iter()
            .skip(from)
            .take_while(move |&&(h, _)| h == hash)
            .filter_map(move |&(_, claim)| (last.replace(claim) != Some(claim)).then_some(claim))
    }
}

/// The hash of a figure among those the claims relate.
fn hash(hasher: &foldhash::fast::RandomState, figure: Figure<'_>) -> u64 {
    hasher.hash_one((
        figure.entity.as_str(),
        figure.metric.as_str(),
        figure.period,
    ))
}

/// The number of a figure as [`Related::stated`] holds it, if a fact
/// states it.
pub(super) fn number_of(stated: u32) -> Option<usize> {
    usize::try_from(stated.checked_sub(1)?).ok()
}

/// Finds the facts of the figures of the claims with these indices, and
/// whether each claim's own source states each, in the order `order` lists
/// them, for the part of [`Related::stated`] and of [`Related::own`] that
/// starts with the first of those claims' figures.
fn find_stated(
    figures: &Figures<'_>,
    starts: &[usize],
    order: &[(u64, usize)],
    claims: Range<usize>,
    (stated, own): (&mut [u32], &mut [bool]),
) {
    let from = starts.get(claims.start).copied().unwrap_or(0);
    for &(_, index) in order {
        let (true, Some(claim), Some(start)) = (
            claims.contains(&index),
            figures.data.claims.get(index),
            starts.get(index),
        ) else {
            continue;
        };
        let skip = start.saturating_sub(from);
        let mut places = stated.iter_mut().zip(own.iter_mut()).skip(skip);
        claim.relation.each_figure(|figure| {
            let Some((place, own)) = places.next() else {
                return;
            };
            let number = figures.numbers.get(&figures.data.facts, figure);
            *place = number
                .and_then(|n| u32::try_from(n).ok()?.checked_add(1))
                .unwrap_or(0);
            // Its facts are in cache now: the claim is solved later.
            let facts = number.map_or(&[][..], |n| figures.facts_of(n));
            *own = facts.iter().any(|f| f.source == claim.source);
        });
    }
}
