//! The exact number of valid configurations of a model, for the catalog's summary, by the same
//! definition of valid as the rest of the engine ([`Rules::breaches`]).
//!
//! Counting never enumerates whole option sets. For each offered (trim, powertrain) pair the
//! options not offered are fixed out, and the remaining ones fall apart into independent
//! components: two options are linked when a rule ties them (`Rule::ties`: one requires, includes
//! or excludes the other, or they share a single-choice group). A broken rule's fixes lie in one
//! component, so a configuration is valid exactly when its restriction to every component keeps
//! that component's rules, and the pair's count is the product of the components' counts. A
//! component is counted by trying each of its subsets, or, past `limit` options, by a depth-first
//! search that abandons a branch as soon as a broken rule can no longer be mended.

use std::ops::ControlFlow;

use super::model::Model;
use super::rules::{At, Rules};
use crate::bits::OptionSet;

/// Components with at most this many options are counted by trying every subset.
const BRUTE_FORCE_LIMIT: usize = 20;

/// The number of valid configurations of one model. Saturates at `u128::MAX`.
pub(crate) fn valid_configurations(model: &Model) -> u128 {
    count(model, BRUTE_FORCE_LIMIT)
}

/// The same, components of more than `limit` options searched rather than tried subset by
/// subset.
fn count(model: &Model, limit: usize) -> u128 {
    let rules = &model.rules;
    let linked = links(rules);
    (0..rules.trims)
        .flat_map(|t| (0..rules.powertrains).map(move |p| (t, p)))
        .filter(|&(t, p)| rules.pairs(t, p))
        .map(|(t, p)| pair_configurations(rules, &linked, rules.at(t, p), limit))
        .fold(0, u128::saturating_add)
}

/// Per option, the options a rule ties it to, both ways.
fn links(rules: &Rules) -> Vec<OptionSet> {
    let n = rules.needs.len();
    let mut linked: Vec<OptionSet> = (0..n).map(|i| rules.ties(i)).collect();
    for i in 0..n {
        for j in linked[i].iter() {
            linked[j] = linked[j].with(i);
        }
    }
    linked
}

/// The connected components of the offered options.
fn components(linked: &[OptionSet], offered: OptionSet) -> Vec<OptionSet> {
    let mut left = offered;
    let mut out = Vec::new();
    while let Some(start) = left.iter().next() {
        let mut component = OptionSet::single(start);
        let mut frontier = component;
        while !frontier.is_empty() {
            frontier = frontier
                .iter()
                .fold(OptionSet::EMPTY, |acc, i| acc.union(linked[i]))
                .inter(offered)
                .minus(component);
            component = component.union(frontier);
        }
        left = left.minus(component);
        out.push(component);
    }
    out
}

/// The valid option sets with one trim and powertrain (the powertrain is offered with the trim).
fn pair_configurations(rules: &Rules, linked: &[OptionSet], at: At, limit: usize) -> u128 {
    // A rule broken with nothing to mend it (a requirement the pair does not offer, a required
    // group with nothing offered) leaves the pair no valid configuration.
    if breaks(rules, &at, OptionSet::EMPTY, |fixes| fixes.is_empty()) {
        return 0;
    }
    components(linked, at.offered)
        .into_iter()
        .map(|members| Component { rules, at, members }.count(limit))
        .fold(1, u128::saturating_mul)
}

/// Whether `options` break a rule whose fixes satisfy `which`.
pub(crate) fn breaks(
    rules: &Rules,
    at: &At,
    options: OptionSet,
    which: impl Fn(OptionSet) -> bool,
) -> bool {
    rules
        .breaches(at, options, &mut |b| {
            if which(b.fixes) {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        })
        .is_break()
}

/// Options no rule ties to an offered option outside them.
struct Component<'a> {
    rules: &'a Rules,
    at: At,
    members: OptionSet,
}

impl Component<'_> {
    fn count(&self, limit: usize) -> u128 {
        if self.members.len() as usize <= limit {
            self.try_every_subset()
        } else {
            self.search(self.members, OptionSet::EMPTY)
        }
    }

    /// Whether `chosen` (a subset of the members) breaks a rule of the component that no choice
    /// among `open` mends. A rule of the component is one whose fixes are members: the rules of
    /// the other components are broken here only because their options are left out.
    fn dead(&self, chosen: OptionSet, open: OptionSet) -> bool {
        breaks(self.rules, &self.at, chosen, |fixes| {
            !fixes.inter(self.members).is_empty() && fixes.inter(open).is_empty()
        })
    }

    /// Counts the subsets that keep the component's rules, every one of them tried.
    fn try_every_subset(&self) -> u128 {
        let all = self.members.bits();
        let mut subset = all;
        let mut n = 0u128;
        loop {
            n += u128::from(!self.dead(OptionSet::from_bits(subset), OptionSet::EMPTY));
            if subset == 0 {
                return n;
            }
            subset = (subset - 1) & all;
        }
    }

    /// Counts the subsets that take `chosen` and decide the members in `open`, taking the lowest
    /// first, dropping a branch as soon as a broken rule can no longer be mended.
    fn search(&self, open: OptionSet, chosen: OptionSet) -> u128 {
        if self.dead(chosen, open) {
            return 0;
        }
        let Some(i) = open.iter().next() else {
            return 1;
        };
        let open = open.without(i);
        self.search(open, chosen.with(i))
            .saturating_add(self.search(open, chosen))
    }
}

#[cfg(all(test, feature = "toml"))]
mod tests;
