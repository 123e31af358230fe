//! Checking a configuration that comes from outside (an order line, a URL): every rule it breaks.

use serde::{Deserialize, Serialize};

use super::reason::{Item, Reason};
use super::{Configuration, State};
use crate::bits::has;
use crate::catalog::Model;
use crate::ids::{GroupId, ModelId, OptionId, PowertrainId, TrimId};
use crate::text::Lang;

/// A rule a configuration breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "violation", rename_all = "snake_case")]
pub enum Violation {
    /// The configuration is of another model.
    #[error("configuration of model `{found}` checked against model `{expected}`")]
    WrongModel {
        /// The model checked against.
        expected: ModelId,
        /// The configuration's model.
        found: ModelId,
    },
    /// The catalog has no such model.
    #[error("unknown model `{0}`")]
    UnknownModel(ModelId),
    /// The model has no such trim.
    #[error("unknown trim `{0}`")]
    UnknownTrim(TrimId),
    /// The model has no such powertrain.
    #[error("unknown powertrain `{0}`")]
    UnknownPowertrain(PowertrainId),
    /// The model has no such option.
    #[error("unknown option `{0}`")]
    UnknownOption(OptionId),
    /// The powertrain is not offered with the trim.
    #[error("powertrain `{powertrain}` is not offered with trim `{trim}`")]
    PowertrainNotOnTrim {
        /// The powertrain.
        powertrain: PowertrainId,
        /// The trim.
        trim: TrimId,
    },
    /// A chosen option is not offered with the trim or powertrain.
    #[error("option `{option}` is not offered with this trim or powertrain")]
    NotOffered {
        /// The option.
        option: OptionId,
        /// `NotOnTrim`, `NotWithPowertrain` or `ExcludedBy` a trim or powertrain.
        reason: Reason,
    },
    /// An option that must be chosen is not.
    #[error("option `{option}` is missing")]
    Missing {
        /// The missing option.
        option: OptionId,
        /// `RequiredBy` or `IncludedIn`.
        reason: Reason,
    },
    /// Two chosen options may not go together.
    #[error("option `{option}` may not be chosen with `{with}`")]
    Incompatible {
        /// One option.
        option: OptionId,
        /// The other.
        with: OptionId,
    },
    /// Several options of a single-choice group.
    #[error("group `{group}` allows one option, found {}", ticks(.options))]
    TooMany {
        /// The group.
        group: GroupId,
        /// The options chosen in it.
        options: Vec<OptionId>,
    },
    /// No option of a required group.
    #[error("group `{0}` needs a choice")]
    NeedsChoice(GroupId),
}

fn ticks(ids: &[OptionId]) -> String {
    ids.iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Violation {
    /// The violation in words the UI can show, in `lang`.
    pub fn describe(&self, model: &Model, lang: Lang) -> String {
        super::describe::violation(self, model, lang)
    }
}

/// Every rule the configuration breaks, in a stable order; empty when it is valid.
pub fn check(model: &Model, config: &Configuration) -> Vec<Violation> {
    match State::of(model, config) {
        Ok(state) => violations(model, state),
        Err(unknown) => unknown,
    }
}

/// The rules a state breaks.
pub(crate) fn violations(model: &Model, s: State) -> Vec<Violation> {
    let rules = &model.rules;
    let (t, p, set) = (s.trim, s.powertrain, s.options);
    let trim = || model.trims[t].id.clone();
    let powertrain = || model.powertrains[p].id.clone();
    let opt = |i: usize| model.options[i].id.clone();
    let mut out = Vec::new();
    if !has(rules.powertrain_trims[p], t) {
        out.push(Violation::PowertrainNotOnTrim {
            powertrain: powertrain(),
            trim: trim(),
        });
    }
    for i in set.minus(rules.offered(t, p)).iter() {
        let reason = super::reason::not_offered(model, i, t, p)
            .into_iter()
            .next()
            .unwrap_or(Reason::NotOnTrim { trim: trim() });
        out.push(Violation::NotOffered {
            option: opt(i),
            reason,
        });
    }
    let missing = |by: Item, needed: crate::bits::OptionSet, out: &mut Vec<Violation>| {
        for j in needed.minus(set).iter() {
            out.push(Violation::Missing {
                option: opt(j),
                reason: Reason::RequiredBy { by: by.clone() },
            });
        }
    };
    missing(Item::Trim(trim()), rules.trim_requires[t], &mut out);
    missing(
        Item::Powertrain(powertrain()),
        rules.powertrain_requires[p],
        &mut out,
    );
    for i in set.iter() {
        missing(Item::Option(opt(i)), rules.requires[i], &mut out);
        for j in rules.includes[i].minus(set).iter() {
            out.push(Violation::Missing {
                option: opt(j),
                reason: Reason::IncludedIn { package: opt(i) },
            });
        }
        // Each pair once: from its lower index.
        for j in rules.excludes[i].inter(set).iter().filter(|&j| j > i) {
            out.push(Violation::Incompatible {
                option: opt(i),
                with: opt(j),
            });
        }
    }
    for (g, rule) in rules.groups.iter().enumerate() {
        let chosen = rule.mask.inter(set);
        if rule.single && chosen.len() > 1 {
            out.push(Violation::TooMany {
                group: model.groups[g].id.clone(),
                options: chosen.iter().map(opt).collect(),
            });
        } else if rule.single && rule.required && chosen.is_empty() {
            out.push(Violation::NeedsChoice(model.groups[g].id.clone()));
        }
    }
    out
}
