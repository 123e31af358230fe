//! Availability: `trims = [ids]` and `powertrains = [ids]` on an option, `trims = [ids]` on a
//! powertrain. Absent means every one. An option not offered, or a powertrain not offered with the
//! trim, is checked by the engine on the table of what is offered, which this kind helps fill.

use super::rule::{Names, Rule, Why, Words};
use crate::bits::has;
use crate::catalog::{Entry, References};
use crate::engine::reason::Reason;

/// The lists as masks, `None` where absent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Availability {
    option_trims: Vec<Option<u64>>,
    option_powertrains: Vec<Option<u64>>,
    powertrain_trims: Vec<Option<u64>>,
}

/// Whether a list, where written, names index `i`.
fn lists(list: Option<u64>, i: usize) -> bool {
    list.is_none_or(|mask| has(mask, i))
}

impl Rule for Availability {
    fn read(&mut self, entry: &Entry<'_>, refs: &mut References<'_>) -> usize {
        match entry {
            Entry::Powertrain(p) => {
                let trims = p.trims.as_deref().map(|l| refs.trims("trims", l));
                self.powertrain_trims.push(trims);
                usize::from(trims.is_some())
            }
            Entry::Option(o) => {
                let trims = o.trims.as_deref().map(|l| refs.trims("trims", l));
                let powertrains = o
                    .powertrains
                    .as_deref()
                    .map(|l| refs.powertrains("powertrains", l));
                self.option_trims.push(trims);
                self.option_powertrains.push(powertrains);
                usize::from(trims.is_some()) + usize::from(powertrains.is_some())
            }
            Entry::Trim(_) | Entry::Group(..) => 0,
        }
    }

    fn offers(&self, option: usize, trim: usize, powertrain: usize) -> bool {
        lists(self.option_trims[option], trim) && lists(self.option_powertrains[option], powertrain)
    }

    fn pairs(&self, trim: usize, powertrain: usize) -> bool {
        lists(self.powertrain_trims[powertrain], trim)
    }

    fn why(&self, n: Names<'_>, question: &Why<'_>, out: &mut Vec<Reason>) {
        let Why::NotOffered {
            option,
            trim,
            powertrain,
        } = *question
        else {
            return;
        };
        if !lists(self.option_trims[option], trim) {
            out.push(Reason::NotOnTrim { trim: n.trim(trim) });
        }
        if !lists(self.option_powertrains[option], powertrain) {
            out.push(Reason::NotWithPowertrain {
                powertrain: n.powertrain(powertrain),
            });
        }
    }
}

/// [`Reason::NotOnTrim`].
pub(crate) const NOT_ON_TRIM: Words = [
    "not offered with the {0}",
    "недоступно: {0}",
    "жеткиликсиз: {0}",
    "mavjud emas: {0}",
];

/// [`Reason::NotWithPowertrain`].
pub(crate) const NOT_WITH_POWERTRAIN: Words = [
    "not offered with {0}",
    "недоступно с двигателем {0}",
    "бул кыймылдаткыч менен жеткиликсиз: {0}",
    "bu dvigatel bilan mavjud emas: {0}",
];

/// [`Violation::PowertrainNotOnTrim`](crate::engine::Violation::PowertrainNotOnTrim).
pub(crate) const POWERTRAIN_NOT_ON_TRIM: Words = [
    "{0} is not offered with the {1}",
    "{0} недоступно: {1}",
    "{0} жеткиликсиз: {1}",
    "{0} mavjud emas: {1}",
];
