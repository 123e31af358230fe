//! The rules of one model as bit masks over option indexes, computed once at validation so that
//! checking, applying and availability are a few bit operations per option.

use crate::bits::{OptionSet, has};

/// One option's rules with every reference resolved to an index.
#[derive(Debug, Clone, Default)]
pub(crate) struct OptionRules {
    pub requires: Vec<usize>,
    pub includes: Vec<usize>,
    pub excludes_options: Vec<usize>,
    pub excludes_trims: Vec<usize>,
    pub excludes_powertrains: Vec<usize>,
    /// `None`: every trim.
    pub trims: Option<Vec<usize>>,
    /// `None`: every powertrain.
    pub powertrains: Option<Vec<usize>>,
}

/// What [`Rules::build`] needs, every reference resolved.
#[derive(Debug, Clone, Default)]
pub(crate) struct RulesInput {
    pub options: Vec<OptionRules>,
    pub trim_requires: Vec<Vec<usize>>,
    pub powertrain_requires: Vec<Vec<usize>>,
    pub powertrain_trims: Vec<Option<Vec<usize>>>,
    /// Per group: its options' range, single, required.
    pub groups: Vec<(std::ops::Range<usize>, bool, bool)>,
    pub prices: Vec<i64>,
    pub defaults: Vec<usize>,
}

/// A group as the engine sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct GroupRule {
    pub mask: OptionSet,
    pub single: bool,
    pub required: bool,
}

/// The rules of one model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rules {
    pub trims: usize,
    pub powertrains: usize,
    /// `requires` of each option.
    pub requires: Vec<OptionSet>,
    /// `includes` of each option.
    pub includes: Vec<OptionSet>,
    /// Everything an option brings along, transitively, itself included.
    pub closure: Vec<OptionSet>,
    /// Options each option may not be chosen with (symmetric).
    pub excludes: Vec<OptionSet>,
    /// Trims and powertrains an option is listed for (every one when it lists none).
    pub listed_trims: Vec<u64>,
    pub listed_powertrains: Vec<u64>,
    /// Trims and powertrains an option excludes.
    pub excluded_trims: Vec<u64>,
    pub excluded_powertrains: Vec<u64>,
    pub trim_requires: Vec<OptionSet>,
    pub powertrain_requires: Vec<OptionSet>,
    /// Trims each powertrain is offered with.
    pub powertrain_trims: Vec<u64>,
    pub groups: Vec<GroupRule>,
    pub group_of: Vec<usize>,
    /// The other options of an option's group when the group is single choice.
    pub siblings: Vec<OptionSet>,
    pub prices: Vec<i64>,
    pub defaults: OptionSet,
    /// Options offered with each trim and powertrain: index `trim * powertrains + powertrain`.
    pub offered: Vec<OptionSet>,
}

fn mask_of(indexes: &[usize]) -> OptionSet {
    indexes.iter().fold(OptionSet::EMPTY, |s, &i| s.with(i))
}

fn small_mask(indexes: &[usize]) -> u64 {
    indexes.iter().fold(0, |m, &i| m | 1 << i)
}

impl Rules {
    /// Builds the masks. The caller has checked the counts fit: at most 128 options and 64
    /// trims and powertrains.
    pub(crate) fn build(input: &RulesInput, trims: usize, powertrains: usize) -> Self {
        let n = input.options.len();
        let all_trims = small_mask(&(0..trims).collect::<Vec<_>>());
        let all_pts = small_mask(&(0..powertrains).collect::<Vec<_>>());
        let requires: Vec<_> = input.options.iter().map(|o| mask_of(&o.requires)).collect();
        let includes: Vec<_> = input.options.iter().map(|o| mask_of(&o.includes)).collect();
        let mut excludes = vec![OptionSet::EMPTY; n];
        for (i, o) in input.options.iter().enumerate() {
            for &j in &o.excludes_options {
                excludes[i] = excludes[i].with(j);
                excludes[j] = excludes[j].with(i);
            }
        }
        let closure = closures(&requires, &includes);
        let mut group_of = vec![0; n];
        let mut siblings = vec![OptionSet::EMPTY; n];
        let groups: Vec<_> = input
            .groups
            .iter()
            .enumerate()
            .map(|(g, (range, single, required))| {
                let mask = mask_of(&range.clone().collect::<Vec<_>>());
                for i in range.clone() {
                    group_of[i] = g;
                    if *single {
                        siblings[i] = mask.without(i);
                    }
                }
                GroupRule {
                    mask,
                    single: *single,
                    required: *required,
                }
            })
            .collect();
        let listed = |l: &Option<Vec<usize>>, all| l.as_deref().map_or(all, small_mask);
        let mut rules = Rules {
            trims,
            powertrains,
            requires,
            includes,
            closure,
            excludes,
            listed_trims: input
                .options
                .iter()
                .map(|o| listed(&o.trims, all_trims))
                .collect(),
            listed_powertrains: input
                .options
                .iter()
                .map(|o| listed(&o.powertrains, all_pts))
                .collect(),
            excluded_trims: input
                .options
                .iter()
                .map(|o| small_mask(&o.excludes_trims))
                .collect(),
            excluded_powertrains: input
                .options
                .iter()
                .map(|o| small_mask(&o.excludes_powertrains))
                .collect(),
            trim_requires: input.trim_requires.iter().map(|r| mask_of(r)).collect(),
            powertrain_requires: input
                .powertrain_requires
                .iter()
                .map(|r| mask_of(r))
                .collect(),
            powertrain_trims: input
                .powertrain_trims
                .iter()
                .map(|l| listed(l, all_trims))
                .collect(),
            groups,
            group_of,
            siblings,
            prices: input.prices.clone(),
            defaults: mask_of(&input.defaults),
            offered: Vec::new(),
        };
        rules.offered = (0..trims)
            .flat_map(|t| (0..powertrains).map(move |p| (t, p)))
            .map(|(t, p)| {
                (0..n)
                    .filter(|&i| rules.offered_alone(i, t, p))
                    .fold(OptionSet::EMPTY, OptionSet::with)
            })
            .collect();
        rules
    }

    /// Whether an option's own lists allow it with a trim and powertrain.
    fn offered_alone(&self, i: usize, t: usize, p: usize) -> bool {
        has(self.listed_trims[i], t)
            && has(self.listed_powertrains[i], p)
            && !has(self.excluded_trims[i], t)
            && !has(self.excluded_powertrains[i], p)
    }

    /// Options offered with a trim and powertrain.
    pub(crate) fn offered(&self, t: usize, p: usize) -> OptionSet {
        self.offered[t * self.powertrains + p]
    }

    /// A set with everything its members bring along.
    pub(crate) fn close(&self, set: OptionSet) -> OptionSet {
        set.iter().fold(set, |acc, i| acc.union(self.closure[i]))
    }

    /// What an option needs directly: its `requires` and `includes`.
    pub(crate) fn needs(&self, i: usize) -> OptionSet {
        self.requires[i].union(self.includes[i])
    }

    /// The sum of the options' prices, in US cents.
    pub(crate) fn price(&self, set: OptionSet) -> i64 {
        set.iter().map(|i| self.prices[i]).sum()
    }
}

/// The transitive closure of `requires` and `includes`, each option included in its own.
fn closures(requires: &[OptionSet], includes: &[OptionSet]) -> Vec<OptionSet> {
    let mut closure: Vec<_> = (0..requires.len())
        .map(|i| OptionSet::single(i).union(requires[i]).union(includes[i]))
        .collect();
    loop {
        let mut changed = false;
        for i in 0..closure.len() {
            let grown = closure[i]
                .iter()
                .fold(closure[i], |acc, j| acc.union(closure[j]));
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
