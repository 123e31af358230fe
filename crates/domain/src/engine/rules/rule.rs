//! What every kind of rule supplies ([`Rule`]) and the small types the kinds share. A kind reads
//! its fields of the data file into a compiled form (bit masks over indexes), says which options
//! it ties together, checks a set of options as [`Breach`]es (each with its fix and its violation),
//! and answers the engine's questions about a change ([`Why`]) with its reasons. Its words, in the
//! four languages, sit next to it as `Words` constants.

use std::ops::ControlFlow;

use crate::bits::OptionSet;
use crate::catalog::{Entry, Group, OptionDef, Powertrain, References, Trim};
use crate::engine::reason::{Item, Reason};
use crate::engine::violation::Violation;
use crate::ids::{GroupId, OptionId, PowertrainId, TrimId};

/// The same words in English, Russian, Kyrgyz and Uzbek, `{0}`, `{1}` standing for names.
pub(crate) type Words = [&'static str; 4];

/// The trim and powertrain a set of options is checked with, and the options they offer.
#[derive(Debug, Clone, Copy)]
pub(crate) struct At {
    pub trim: usize,
    pub powertrain: usize,
    pub offered: OptionSet,
}

impl At {
    /// The fix of "chosen option `i` needs option `j`": leave `i` out, or add `j` where offered.
    pub(crate) fn mend_need(&self, i: usize, j: usize) -> OptionSet {
        OptionSet::single(i).union(OptionSet::single(j).inter(self.offered))
    }
}

/// What a broken rule is about, which orders the violations of a configuration: the trim and
/// powertrain first, then each chosen option in catalog order, then each group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum About {
    Pair,
    Option(usize),
    Group(usize),
}

/// One broken rule.
pub(crate) struct Breach<'b> {
    /// The options whose flip may mend it: every set of options that keeps the rule differs
    /// from the broken one in at least one of them. Empty when no set of options keeps it with
    /// this trim and powertrain. The resolver branches on these; the counter prunes with them.
    pub fixes: OptionSet,
    pub about: About,
    /// The violation it is, in ids.
    pub violation: &'b dyn Fn(Names<'_>) -> Violation,
}

/// Receives breaches one by one; `Break` ends the check.
pub(crate) type Visit<'v> = dyn FnMut(Breach<'_>) -> ControlFlow<()> + 'v;

/// A question the engine asks about a change. Each kind answers for its own rules, or not at all.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Why<'q> {
    /// Why `option` is not offered with `trim` and `powertrain`.
    NotOffered {
        option: usize,
        trim: usize,
        powertrain: usize,
    },
    /// Why `option` was added: what needs it among `chosen` (the user's choice first, then the
    /// rest in catalog order), the trim or the powertrain. The first answer is kept.
    Added {
        option: usize,
        trim: usize,
        powertrain: usize,
        chosen: &'q [usize],
    },
    /// Why option `by`, being chosen, pushes `option` out. The first answer is kept.
    Displaced { option: usize, by: usize },
    /// Why `option` cannot be deselected with `trim` and `powertrain`; `closure` is what each
    /// option brings along, itself included.
    Kept {
        option: usize,
        trim: usize,
        powertrain: usize,
        closure: &'q [OptionSet],
    },
}

/// One kind of rule. Every method but `read` has a default that says "no such rule here".
pub(crate) trait Rule {
    /// Reads the rules of this kind written on one entry of the file, resolving the ids it lists;
    /// returns how many rules that is, counted as the summary counts them.
    fn read(&mut self, entry: &Entry<'_>, refs: &mut References<'_>) -> usize;

    /// Completes the compiled form once every entry is read.
    fn finish(&mut self) {}

    /// Whether `option` may be chosen with `trim` and `powertrain`.
    fn offers(&self, _option: usize, _trim: usize, _powertrain: usize) -> bool {
        true
    }

    /// Whether `powertrain` is offered with `trim`.
    fn pairs(&self, _trim: usize, _powertrain: usize) -> bool {
        true
    }

    /// Options that must be chosen whenever `option` is.
    fn needs(&self, _option: usize) -> OptionSet {
        OptionSet::EMPTY
    }

    /// Options that must be chosen with `trim`.
    fn trim_needs(&self, _trim: usize) -> OptionSet {
        OptionSet::EMPTY
    }

    /// Options that must be chosen with `powertrain`.
    fn powertrain_needs(&self, _powertrain: usize) -> OptionSet {
        OptionSet::EMPTY
    }

    /// Options that may not be chosen together with `option`, both ways.
    fn excludes(&self, _option: usize) -> OptionSet {
        OptionSet::EMPTY
    }

    /// Options that choosing `option` replaces: the rest of its single-choice group.
    fn rivals(&self, _option: usize) -> OptionSet {
        OptionSet::EMPTY
    }

    /// Options that come along with `option` and leave with it: a package's contents.
    fn contents(&self, _option: usize) -> OptionSet {
        OptionSet::EMPTY
    }

    /// Every option a rule of this kind about `option` may name. The counter counts options no
    /// rule ties together apart, so a kind that relates options otherwise than by `needs`,
    /// `excludes` and `rivals` must say so here.
    fn ties(&self, option: usize) -> OptionSet {
        self.needs(option)
            .union(self.excludes(option))
            .union(self.rivals(option))
    }

    /// Every rule of this kind that `options` break with `at`'s trim and powertrain, until `visit`
    /// says `Break`.
    fn breaches(&self, _at: &At, _options: OptionSet, _visit: &mut Visit<'_>) -> ControlFlow<()> {
        ControlFlow::Continue(())
    }

    /// Adds this kind's reasons to the answer to `question`.
    fn why(&self, _names: Names<'_>, _question: &Why<'_>, _out: &mut Vec<Reason>) {}
}

/// A set with everything its members bring along.
pub(crate) fn close(closure: &[OptionSet], set: OptionSet) -> OptionSet {
    set.iter().fold(set, |acc, i| acc.union(closure[i]))
}

/// The ids of a model's trims, powertrains, options and groups by index: what a rule needs to
/// turn the indexes it works on into reasons and violations.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Names<'m> {
    pub trims: &'m [Trim],
    pub powertrains: &'m [Powertrain],
    pub options: &'m [OptionDef],
    pub groups: &'m [Group],
}

impl Names<'_> {
    pub(crate) fn trim(&self, t: usize) -> TrimId {
        self.trims[t].id.clone()
    }
    pub(crate) fn powertrain(&self, p: usize) -> PowertrainId {
        self.powertrains[p].id.clone()
    }
    pub(crate) fn option(&self, i: usize) -> OptionId {
        self.options[i].id.clone()
    }
    pub(crate) fn group(&self, g: usize) -> GroupId {
        self.groups[g].id.clone()
    }
    pub(crate) fn trim_item(&self, t: usize) -> Item {
        Item::Trim(self.trim(t))
    }
    pub(crate) fn powertrain_item(&self, p: usize) -> Item {
        Item::Powertrain(self.powertrain(p))
    }
    pub(crate) fn option_item(&self, i: usize) -> Item {
        Item::Option(self.option(i))
    }
}
