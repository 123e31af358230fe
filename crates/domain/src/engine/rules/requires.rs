//! `requires = [ids]` on a trim, powertrain or option: whenever it is chosen, every listed option
//! must be chosen too.

use std::ops::ControlFlow;

use super::rule::{About, At, Breach, Names, Rule, Visit, Why, Words, close};
use crate::bits::OptionSet;
use crate::catalog::{Entry, References};
use crate::engine::reason::{Item, Reason};
use crate::engine::violation::Violation;

/// What each option, trim and powertrain requires.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Requires {
    options: Vec<OptionSet>,
    trims: Vec<OptionSet>,
    powertrains: Vec<OptionSet>,
}

/// Visits the breach "`by` requires `option`, which is missing".
fn missing(
    visit: &mut Visit<'_>,
    (fixes, about): (OptionSet, About),
    option: usize,
    by: &dyn Fn(Names<'_>) -> Item,
) -> ControlFlow<()> {
    visit(Breach {
        fixes,
        about,
        violation: &|n| Violation::Missing {
            option: n.option(option),
            reason: Reason::RequiredBy { by: by(n) },
        },
    })
}

impl Rule for Requires {
    fn read(&mut self, entry: &Entry<'_>, refs: &mut References<'_>) -> usize {
        let (list, ids) = match entry {
            Entry::Trim(t) => (&mut self.trims, &t.requires),
            Entry::Powertrain(p) => (&mut self.powertrains, &p.requires),
            Entry::Option(o) => (&mut self.options, &o.requires),
            Entry::Group(..) => return 0,
        };
        list.push(refs.options("requires", ids));
        ids.len()
    }

    fn needs(&self, option: usize) -> OptionSet {
        self.options[option]
    }

    fn trim_needs(&self, trim: usize) -> OptionSet {
        self.trims[trim]
    }

    fn powertrain_needs(&self, powertrain: usize) -> OptionSet {
        self.powertrains[powertrain]
    }

    fn breaches(&self, at: &At, options: OptionSet, visit: &mut Visit<'_>) -> ControlFlow<()> {
        let (t, p) = (at.trim, at.powertrain);
        for j in self.trims[t].minus(options).iter() {
            let fixes = OptionSet::single(j).inter(at.offered);
            missing(visit, (fixes, About::Pair), j, &|n| n.trim_item(t))?;
        }
        for j in self.powertrains[p].minus(options).iter() {
            let fixes = OptionSet::single(j).inter(at.offered);
            missing(visit, (fixes, About::Pair), j, &|n| n.powertrain_item(p))?;
        }
        for i in options.iter() {
            for j in self.options[i].minus(options).iter() {
                let fixes = at.mend_need(i, j);
                missing(visit, (fixes, About::Option(i)), j, &|n| n.option_item(i))?;
            }
        }
        ControlFlow::Continue(())
    }

    fn why(&self, n: Names<'_>, question: &Why<'_>, out: &mut Vec<Reason>) {
        let by = match *question {
            Why::Added {
                option,
                trim,
                powertrain,
                chosen,
            } => {
                let by_option = chosen.iter().find(|&&k| self.options[k].contains(option));
                if let Some(&k) = by_option {
                    Some(n.option_item(k))
                } else if self.trims[trim].contains(option) {
                    Some(n.trim_item(trim))
                } else if self.powertrains[powertrain].contains(option) {
                    Some(n.powertrain_item(powertrain))
                } else {
                    None
                }
            }
            Why::Kept {
                option,
                trim,
                powertrain,
                closure,
            } => {
                if close(closure, self.trims[trim]).contains(option) {
                    out.push(Reason::RequiredBy {
                        by: n.trim_item(trim),
                    });
                }
                close(closure, self.powertrains[powertrain])
                    .contains(option)
                    .then(|| n.powertrain_item(powertrain))
            }
            Why::NotOffered { .. } | Why::Displaced { .. } => None,
        };
        out.extend(by.map(|by| Reason::RequiredBy { by }));
    }
}

/// [`Reason::RequiredBy`].
pub(crate) const REQUIRED_BY: Words = [
    "required by {0}",
    "требуется для: {0}",
    "талап кылынат: {0}",
    "talab qilinadi: {0}",
];
