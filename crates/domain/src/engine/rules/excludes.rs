//! `excludes = [ids]` on an option: it may not be chosen together with any listed option, trim or
//! powertrain. Symmetric: writing it on one side is enough. A trim or powertrain it excludes does
//! not offer it.

use std::ops::ControlFlow;

use super::rule::{About, At, Breach, Names, Rule, Visit, Why, Words};
use crate::bits::{OptionSet, has};
use crate::catalog::{Entry, References};
use crate::engine::reason::Reason;
use crate::engine::violation::Violation;

/// Per option, what it excludes; options both ways once finished.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Excludes {
    options: Vec<OptionSet>,
    trims: Vec<u64>,
    powertrains: Vec<u64>,
}

impl Rule for Excludes {
    fn read(&mut self, entry: &Entry<'_>, refs: &mut References<'_>) -> usize {
        let Entry::Option(o) = entry else { return 0 };
        let items = refs.items("excludes", &o.excludes);
        self.options.push(items.options);
        self.trims.push(items.trims);
        self.powertrains.push(items.powertrains);
        o.excludes.len()
    }

    fn finish(&mut self) {
        for i in 0..self.options.len() {
            for j in self.options[i].iter() {
                self.options[j] = self.options[j].with(i);
            }
        }
    }

    fn offers(&self, option: usize, trim: usize, powertrain: usize) -> bool {
        !has(self.trims[option], trim) && !has(self.powertrains[option], powertrain)
    }

    fn excludes(&self, option: usize) -> OptionSet {
        self.options[option]
    }

    fn breaches(&self, _at: &At, options: OptionSet, visit: &mut Visit<'_>) -> ControlFlow<()> {
        for i in options.iter() {
            // Each pair once, from its lower index; an option that excludes itself is a pair too.
            for j in self.options[i].inter(options).iter().filter(|&j| j >= i) {
                visit(Breach {
                    fixes: OptionSet::single(i).with(j),
                    about: About::Option(i),
                    violation: &|n| Violation::Incompatible {
                        option: n.option(i),
                        with: n.option(j),
                    },
                })?;
            }
        }
        ControlFlow::Continue(())
    }

    fn why(&self, n: Names<'_>, question: &Why<'_>, out: &mut Vec<Reason>) {
        match *question {
            Why::NotOffered {
                option,
                trim,
                powertrain,
            } => {
                if has(self.trims[option], trim) {
                    out.push(Reason::ExcludedBy {
                        by: n.trim_item(trim),
                    });
                }
                if has(self.powertrains[option], powertrain) {
                    out.push(Reason::ExcludedBy {
                        by: n.powertrain_item(powertrain),
                    });
                }
            }
            Why::Displaced { option, by } if self.options[by].contains(option) => {
                out.push(Reason::ExcludedBy {
                    by: n.option_item(by),
                });
            }
            _ => {}
        }
    }
}

/// [`Reason::ExcludedBy`].
pub(crate) const EXCLUDED_BY: Words = [
    "not compatible with {0}",
    "несовместимо с: {0}",
    "шайкеш келбейт: {0}",
    "mos kelmaydi: {0}",
];

/// [`Violation::Incompatible`].
pub(crate) const INCOMPATIBLE: Words = [
    "{0} is not compatible with {1}",
    "{0} несовместимо с: {1}",
    "{0} шайкеш келбейт: {1}",
    "{0} mos kelmaydi: {1}",
];
