//! The last few figures a derivation went through, kept so that a change
//! finds its prior-year figure without a lookup in the index.

use std::collections::VecDeque;
use std::sync::Arc;

use crate::figures::{Basis, Figures, Known};
use crate::reference::Reference;

/// The last few figures gone through, as [`Figures::get`] gives them.
#[derive(Default)]
pub(super) struct Recent(VecDeque<Held>);

/// A figure gone through, as [`Recent`] keeps it: on its own, or as the
/// first input of the changes made of it (moved there rather than copied:
/// a copy shares each of its names anew).
pub(super) enum Held {
    Alone(Known),
    First(Arc<[Known]>),
}

impl Held {
    fn known(&self) -> Option<&Known> {
        match self {
            Held::Alone(known) => Some(known),
            Held::First(inputs) => inputs.first(),
        }
    }
}

impl Recent {
    const KEPT: usize = 16;

    /// The value of the figure `of` names for `period`, with
    /// [`Basis::MostTrusted`], looked for here first (where no reference
    /// to it needs to be made).
    pub(super) fn get(
        &self,
        figures: &Figures<'_>,
        of: &Reference,
        period: crate::period::Period,
    ) -> Option<Known> {
        let found = self.0.iter().rev().filter_map(Held::known).find(|known| {
            let figure = &known.figure;
            figure.period == period && figure.metric == of.metric && figure.entity == of.entity
        });
        match found {
            Some(known) => Some(known.clone()),
            None => figures.get(&of.with_period(period), Basis::MostTrusted),
        }
    }

    pub(super) fn push(&mut self, known: Known) {
        self.push_held(Held::Alone(known));
    }

    pub(super) fn push_held(&mut self, held: Held) {
        if self.0.len() >= Recent::KEPT {
            self.0.pop_front();
        }
        self.0.push_back(held);
    }

    /// The figure pushed last.
    pub(super) fn last(&self) -> Option<&Known> {
        self.0.back().and_then(Held::known)
    }
}
