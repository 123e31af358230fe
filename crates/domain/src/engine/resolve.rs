//! Conflict resolution: the smallest change to a set of options that satisfies every rule, for a
//! fixed trim and powertrain.
//!
//! A branch-and-bound search. At each step it takes the broken rule with the fewest ways to fix it
//! and branches on flipping one of the options that rule names; a flipped option is never flipped
//! back. Any valid set differs from the current one in at least one option of each broken rule, so
//! the search is complete, and a branch dies as soon as it needs more flips than the best set found.
//! Rules with a single fix (an option not offered, a requirement of the trim) do not branch, so in
//! practice the tree is small; a node budget bounds it anyway. Each kind of rule gives the fixes of
//! its broken rules ([`Breach::fixes`](super::rules::Breach)).

use std::ops::ControlFlow;

use super::rules::{At, Rules};
use crate::bits::OptionSet;

/// What a search must respect.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Goal {
    pub trim: usize,
    pub powertrain: usize,
    /// Where the search starts.
    pub start: OptionSet,
    /// Options that must keep their state in `start` (the user's choice).
    pub pinned: OptionSet,
}

/// How good a solution is; smaller is better: fewest flips, lowest price, most default options,
/// then the lowest bit pattern so that the result is deterministic.
pub(crate) type Key = (u32, i64, u32, u128);

/// The budget of search nodes for one choice.
pub(crate) const NODE_BUDGET: u32 = 200_000;

/// The best valid set of options for `goal`, if there is one within the node budget, which is
/// shared by every search of one choice.
pub(crate) fn search(rules: &Rules, goal: Goal, nodes: &mut u32) -> Option<(Key, OptionSet)> {
    let mut s = Search {
        rules,
        at: rules.at(goal.trim, goal.powertrain),
        nodes,
        best: None,
    };
    s.dfs(goal.start, goal.pinned, 0);
    s.best
}

struct Search<'a> {
    rules: &'a Rules,
    at: At,
    nodes: &'a mut u32,
    best: Option<(Key, OptionSet)>,
}

enum Step {
    Valid,
    /// Flip one of these; empty means the branch is dead.
    Flip(OptionSet),
}

impl Search<'_> {
    fn dfs(&mut self, x: OptionSet, frozen: OptionSet, depth: u32) {
        if *self.nodes == 0 {
            return;
        }
        *self.nodes -= 1;
        match self.step(x, frozen) {
            Step::Valid => {
                let key = (
                    depth,
                    self.rules.price(x),
                    x.minus(self.rules.defaults).len(),
                    x.bits(),
                );
                if self.best.is_none_or(|(best, _)| key < best) {
                    self.best = Some((key, x));
                }
            }
            Step::Flip(candidates) => {
                if self.best.is_some_and(|((flips, ..), _)| depth + 1 > flips) {
                    return;
                }
                for v in candidates.iter() {
                    self.dfs(x.toggled(v), frozen.with(v), depth + 1);
                }
            }
        }
    }

    /// The broken rule with the fewest ways to fix it, as the options whose flip may fix it.
    fn step(&self, x: OptionSet, frozen: OptionSet) -> Step {
        let mut best: Option<OptionSet> = None;
        let _ = self.rules.breaches(&self.at, x, &mut |b| {
            let c = b.fixes.minus(frozen);
            if best.is_none_or(|b| c.len() < b.len()) {
                best = Some(c);
            }
            // No rule can have fewer fixes than one: the scan may stop.
            if c.len() <= 1 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        best.map_or(Step::Valid, Step::Flip)
    }
}
