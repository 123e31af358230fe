//! The rules of one model, compiled to bit masks once, when the catalog is loaded, so that
//! checking, applying and availability are a few bit operations per option.
//!
//! Each kind of rule is one module implementing [`Rule`]: it reads its fields of the data file,
//! keeps its compiled form, checks a set of options (each broken rule with its fix and its
//! violation), gives its reasons and its words. [`Rules`] holds one of each and what they say
//! together (what each option needs and brings along, what each trim and powertrain offers), and
//! is the one definition of a valid configuration: the engine's checks, its resolver and the
//! summary's counter all ask [`Rules::breaches`].

mod availability;
mod excludes;
mod groups;
mod includes;
mod requires;
mod rule;

use std::ops::ControlFlow;

use availability::Availability;
use excludes::Excludes;
use groups::Groups;
use includes::Includes;
use requires::Requires;
use rule::About;
pub(crate) use rule::{At, Breach, Names, Why, Words, close};
use rule::{Rule, Visit};

use super::reason::Reason;
use super::state::State;
use super::violation::Violation;
use crate::bits::{OptionSet, has};
use crate::catalog::{Entry, ModelData, Reader, References};

/// The words of every kind, for [`describe`](super::describe).
pub(crate) mod words {
    pub(crate) use super::availability::{
        NOT_ON_TRIM, NOT_WITH_POWERTRAIN, POWERTRAIN_NOT_ON_TRIM,
    };
    pub(crate) use super::excludes::{EXCLUDED_BY, INCOMPATIBLE};
    pub(crate) use super::groups::{NEEDS_CHOICE, REPLACED_BY, TOO_MANY};
    pub(crate) use super::includes::{CAME_WITH, INCLUDED_IN, INCLUDES};
    pub(crate) use super::requires::REQUIRED_BY;
}

/// The rules of one model: every kind, and what they say together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Rules {
    pub trims: usize,
    pub powertrains: usize,
    // The kinds, in the order they are read and their reasons asked for.
    requires: Requires,
    pub includes: Includes,
    availability: Availability,
    excludes: Excludes,
    groups: Groups,
    /// How many rules the file writes for the model; see `CatalogSummary::rules`.
    pub written: usize,
    /// What each option needs directly.
    pub needs: Vec<OptionSet>,
    /// Everything an option brings along, transitively, itself included.
    pub closure: Vec<OptionSet>,
    /// Options each option may not be chosen with (symmetric).
    pub conflicts: Vec<OptionSet>,
    /// Options each option replaces when chosen.
    pub rivals: Vec<OptionSet>,
    pub trim_needs: Vec<OptionSet>,
    pub powertrain_needs: Vec<OptionSet>,
    /// Trims each powertrain is offered with.
    pub pairs: Vec<u64>,
    /// Options offered with each trim and powertrain: index `trim * powertrains + powertrain`.
    pub offered: Vec<OptionSet>,
    /// Each option's price, in US cents.
    pub prices: Vec<i64>,
    pub defaults: OptionSet,
}

impl Reader for Rules {
    fn read(&mut self, entry: &Entry<'_>, refs: &mut References<'_>) {
        let written: usize = self.kinds_mut().map(|k| k.read(entry, refs)).iter().sum();
        self.written += written;
    }
}

impl Rules {
    /// Every kind, in the order they are read and their reasons asked for.
    fn kinds(&self) -> [&dyn Rule; 5] {
        [
            &self.requires,
            &self.includes,
            &self.availability,
            &self.excludes,
            &self.groups,
        ]
    }

    /// The same, to read and finish them.
    fn kinds_mut(&mut self) -> [&mut dyn Rule; 5] {
        [
            &mut self.requires,
            &mut self.includes,
            &mut self.availability,
            &mut self.excludes,
            &mut self.groups,
        ]
    }

    /// Completes the rules read from a model's valid entries.
    pub(crate) fn compile(mut self, data: &ModelData) -> Self {
        for k in self.kinds_mut() {
            k.finish();
        }
        let (trims, powertrains, options) =
            (data.trims.len(), data.powertrains.len(), data.options.len());
        (self.trims, self.powertrains) = (trims, powertrains);
        let each = |n: usize, f: &dyn Fn(&dyn Rule, usize) -> OptionSet| -> Vec<OptionSet> {
            (0..n).map(|x| self.union(|k| f(k, x))).collect()
        };
        let needs = each(options, &|k, i| k.needs(i));
        let conflicts = each(options, &|k, i| k.excludes(i));
        let rivals = each(options, &|k, i| k.rivals(i));
        let trim_needs = each(trims, &|k, t| k.trim_needs(t));
        let powertrain_needs = each(powertrains, &|k, p| k.powertrain_needs(p));
        let pairs = (0..powertrains)
            .map(|p| {
                (0..trims)
                    .filter(|&t| self.kinds().iter().all(|k| k.pairs(t, p)))
                    .fold(0, |mask, t| mask | 1 << t)
            })
            .collect();
        let offered = (0..trims)
            .flat_map(|t| (0..powertrains).map(move |p| (t, p)))
            .map(|(t, p)| {
                (0..options)
                    .filter(|&i| self.kinds().iter().all(|k| k.offers(i, t, p)))
                    .fold(OptionSet::EMPTY, OptionSet::with)
            })
            .collect();
        Rules {
            closure: closures(&needs),
            needs,
            conflicts,
            rivals,
            trim_needs,
            powertrain_needs,
            pairs,
            offered,
            prices: data.options.iter().map(|o| o.price).collect(),
            defaults: (0..options)
                .filter(|&i| data.options[i].default)
                .fold(OptionSet::EMPTY, OptionSet::with),
            ..self
        }
    }

    /// Options offered with a trim and powertrain.
    pub(crate) fn offered(&self, t: usize, p: usize) -> OptionSet {
        self.offered[t * self.powertrains + p]
    }

    /// Whether the powertrain is offered with the trim.
    pub(crate) fn pairs(&self, t: usize, p: usize) -> bool {
        has(self.pairs[p], t)
    }

    /// The trim and powertrain with what they offer.
    pub(crate) fn at(&self, trim: usize, powertrain: usize) -> At {
        At {
            trim,
            powertrain,
            offered: self.offered(trim, powertrain),
        }
    }

    /// What every kind says, together.
    fn union(&self, f: impl Fn(&dyn Rule) -> OptionSet) -> OptionSet {
        self.kinds()
            .into_iter()
            .fold(OptionSet::EMPTY, |acc, k| acc.union(f(k)))
    }

    /// Options that come along with `option` and leave with it: a package's contents.
    pub(crate) fn contents(&self, option: usize) -> OptionSet {
        self.union(|k| k.contents(option))
    }

    /// Every option a rule about `option` may name.
    pub(crate) fn ties(&self, option: usize) -> OptionSet {
        self.union(|k| k.ties(option))
    }

    /// The sum of the options' prices, in US cents.
    pub(crate) fn price(&self, set: OptionSet) -> i64 {
        set.iter().map(|i| self.prices[i]).sum()
    }

    /// Every rule `options` break with `at`'s trim and powertrain, until `visit` says `Break`, in
    /// a stable order: the powertrain not offered with the trim, the options not offered, then
    /// kind by kind.
    pub(crate) fn breaches(
        &self,
        at: &At,
        options: OptionSet,
        visit: &mut Visit<'_>,
    ) -> ControlFlow<()> {
        let (t, p) = (at.trim, at.powertrain);
        if !self.pairs(t, p) {
            visit(Breach {
                fixes: OptionSet::EMPTY,
                about: About::Pair,
                violation: &|n| Violation::PowertrainNotOnTrim {
                    powertrain: n.powertrain(p),
                    trim: n.trim(t),
                },
            })?;
        }
        for i in options.minus(at.offered).iter() {
            visit(Breach {
                fixes: OptionSet::single(i),
                about: About::Pair,
                violation: &|n| Violation::NotOffered {
                    option: n.option(i),
                    reason: self
                        .not_offered(n, i, t, p)
                        .into_iter()
                        .next()
                        .unwrap_or(Reason::NotOnTrim { trim: n.trim(t) }),
                },
            })?;
        }
        self.kinds()
            .into_iter()
            .try_for_each(|k| k.breaches(at, options, visit))
    }

    /// Whether the options with the trim and powertrain break no rule.
    pub(crate) fn holds(&self, s: State) -> bool {
        let at = self.at(s.trim, s.powertrain);
        self.breaches(&at, s.options, &mut |_| ControlFlow::Break(()))
            .is_continue()
    }

    /// Every kind's answer to a question, kind by kind.
    pub(crate) fn why(&self, names: Names<'_>, question: &Why<'_>) -> Vec<Reason> {
        let mut out = Vec::new();
        for k in self.kinds() {
            k.why(names, question, &mut out);
        }
        out
    }

    /// Why `option` was pushed out by one of `by`: kind by kind, the first of them it names.
    pub(crate) fn displaced(
        &self,
        names: Names<'_>,
        option: usize,
        by: &[usize],
    ) -> Option<Reason> {
        self.kinds().into_iter().find_map(|kind| {
            by.iter().find_map(|&k| {
                let mut out = Vec::new();
                kind.why(names, &Why::Displaced { option, by: k }, &mut out);
                out.into_iter().next()
            })
        })
    }

    /// Why option `i` is not offered with trim `t` and powertrain `p`: empty when it is.
    pub(crate) fn not_offered(
        &self,
        names: Names<'_>,
        i: usize,
        t: usize,
        p: usize,
    ) -> Vec<Reason> {
        let question = Why::NotOffered {
            option: i,
            trim: t,
            powertrain: p,
        };
        self.why(names, &question)
    }
}

/// The transitive closure of `needs`, each option included in its own.
fn closures(needs: &[OptionSet]) -> Vec<OptionSet> {
    let mut closure: Vec<_> = (0..needs.len())
        .map(|i| OptionSet::single(i).union(needs[i]))
        .collect();
    loop {
        let mut changed = false;
        for i in 0..closure.len() {
            let grown = close(&closure, closure[i]);
            if grown != closure[i] {
                closure[i] = grown;
                changed = true;
            }
        }
        if !changed {
            return closure;
        }
    }
}
