//! Option groups: a `single` group allows at most one chosen option, exactly one when it is
//! `required`; choosing an option replaces the rest of its single group. `multi` groups set no
//! rule.

use std::ops::ControlFlow;

use super::rule::{About, At, Breach, Names, Rule, Visit, Why, Words};
use crate::bits::OptionSet;
use crate::catalog::{Entry, GroupKind, References};
use crate::engine::reason::Reason;
use crate::engine::violation::Violation;

/// A group as the rules see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Choice {
    mask: OptionSet,
    single: bool,
    required: bool,
}

/// Every group, and each option's group and single-group rivals.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Groups {
    groups: Vec<Choice>,
    group_of: Vec<usize>,
    siblings: Vec<OptionSet>,
}

impl Groups {
    /// Whether `option` is in a group that needs a choice.
    fn needs_choice(&self, option: usize) -> bool {
        self.groups[self.group_of[option]].required
    }
}

impl Rule for Groups {
    fn read(&mut self, entry: &Entry<'_>, _refs: &mut References<'_>) -> usize {
        let Entry::Group(group, options) = entry else {
            return 0;
        };
        let mask = options
            .clone()
            .fold(OptionSet::EMPTY, |mask, i| mask.with(i));
        let single = group.kind == GroupKind::Single;
        for i in options.clone() {
            self.group_of.push(self.groups.len());
            self.siblings.push(if single {
                mask.without(i)
            } else {
                OptionSet::EMPTY
            });
        }
        self.groups.push(Choice {
            mask,
            single,
            required: group.required,
        });
        // A group is the shape of the choice, not a rule written in the file.
        0
    }

    fn rivals(&self, option: usize) -> OptionSet {
        self.siblings[option]
    }

    fn breaches(&self, at: &At, options: OptionSet, visit: &mut Visit<'_>) -> ControlFlow<()> {
        for (g, group) in self.groups.iter().enumerate().filter(|(_, g)| g.single) {
            let chosen = group.mask.inter(options);
            if chosen.len() > 1 {
                visit(Breach {
                    fixes: chosen,
                    about: About::Group(g),
                    violation: &|n| Violation::TooMany {
                        group: n.group(g),
                        options: chosen.iter().map(|i| n.option(i)).collect(),
                    },
                })?;
            } else if chosen.is_empty() && group.required {
                visit(Breach {
                    fixes: group.mask.inter(at.offered),
                    about: About::Group(g),
                    violation: &|n| Violation::NeedsChoice(n.group(g)),
                })?;
            }
        }
        ControlFlow::Continue(())
    }

    fn why(&self, n: Names<'_>, question: &Why<'_>, out: &mut Vec<Reason>) {
        match *question {
            Why::Added { option, .. } | Why::Kept { option, .. } if self.needs_choice(option) => {
                out.push(Reason::GroupNeedsChoice {
                    group: n.group(self.group_of[option]),
                });
            }
            Why::Displaced { option, by } if self.siblings[by].contains(option) => {
                out.push(Reason::ReplacedBy {
                    option: n.option(by),
                });
            }
            _ => {}
        }
    }
}

/// [`Reason::GroupNeedsChoice`] and [`Violation::NeedsChoice`].
pub(crate) const NEEDS_CHOICE: Words = [
    "{0} needs a choice",
    "нужно выбрать: {0}",
    "тандоо керек: {0}",
    "tanlash kerak: {0}",
];

/// [`Reason::ReplacedBy`].
pub(crate) const REPLACED_BY: Words = [
    "replaced by {0}",
    "заменено на: {0}",
    "алмаштырылды: {0}",
    "almashtirildi: {0}",
];

/// [`Violation::TooMany`].
pub(crate) const TOO_MANY: Words = [
    "{0} allows one choice: {1}",
    "{0}: можно выбрать одно — {1}",
    "{0}: бирөөнү гана тандоого болот — {1}",
    "{0}: faqat bittasini tanlash mumkin — {1}",
];
