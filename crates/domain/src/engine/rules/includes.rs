//! `includes = [ids]` on an option, a package: the listed options are chosen with it, cost
//! nothing while it is chosen (pricing reads [`Includes`] by index) and leave with it. Its contents
//! ([`Rule::contents`]) are what the engine explains as "included in" and "came with".

use std::ops::{ControlFlow, Index};

use super::rule::{About, At, Breach, Rule, Visit, Words};
use crate::bits::OptionSet;
use crate::catalog::{Entry, References};
use crate::engine::reason::Reason;
use crate::engine::violation::Violation;

/// Per option, the options it includes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Includes(Vec<OptionSet>);

impl Index<usize> for Includes {
    type Output = OptionSet;
    fn index(&self, option: usize) -> &OptionSet {
        &self.0[option]
    }
}

impl Rule for Includes {
    fn read(&mut self, entry: &Entry<'_>, refs: &mut References<'_>) -> usize {
        let Entry::Option(o) = entry else { return 0 };
        self.0.push(refs.options("includes", &o.includes));
        o.includes.len()
    }

    fn needs(&self, option: usize) -> OptionSet {
        self.0[option]
    }

    fn contents(&self, option: usize) -> OptionSet {
        self.0[option]
    }

    fn breaches(&self, at: &At, options: OptionSet, visit: &mut Visit<'_>) -> ControlFlow<()> {
        for i in options.iter() {
            for j in self.0[i].minus(options).iter() {
                visit(Breach {
                    fixes: at.mend_need(i, j),
                    about: About::Option(i),
                    violation: &|n| Violation::Missing {
                        option: n.option(j),
                        reason: Reason::IncludedIn {
                            package: n.option(i),
                        },
                    },
                })?;
            }
        }
        ControlFlow::Continue(())
    }
}

/// [`Reason::IncludedIn`].
pub(crate) const INCLUDED_IN: Words = [
    "included in {0}",
    "входит в {0}",
    "топтомго кирет: {0}",
    "toʻplamga kiradi: {0}",
];

/// [`Reason::Includes`]: a package whose content is not possible.
pub(crate) const INCLUDES: Words = [
    "includes {0}",
    "включает: {0}",
    "камтыйт: {0}",
    "oʻz ichiga oladi: {0}",
];

/// [`Reason::CameWith`]: removed with the package that included it.
pub(crate) const CAME_WITH: Words = [
    "came with {0}",
    "входило в {0}",
    "топтом менен келген: {0}",
    "toʻplam bilan kelgan: {0}",
];
