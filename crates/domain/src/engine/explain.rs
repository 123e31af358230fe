//! Reasons for the changes a choice made, and for a choice that cannot be made.

use super::State;
use super::apply::{Applied, Change, ChangeKind, Plan};
use super::reason::{Item, Reason, not_offered};
use crate::bits::has;
use crate::catalog::Model;

/// The changes from `before` to `after`, each with its reason.
pub(crate) fn applied(model: &Model, before: State, after: State, plan: &Plan) -> Applied {
    let rules = &model.rules;
    let opt = |i: usize| model.options[i].id.clone();
    let chosen = plan.option.map(|(i, _)| i);
    let mut changes = Vec::new();
    let mut conflict = false;
    if after.trim != before.trim && plan.trim.is_none() {
        conflict = true;
        changes.push(Change {
            kind: ChangeKind::Trim {
                from: model.trims[before.trim].id.clone(),
                to: model.trims[after.trim].id.clone(),
            },
            reason: Reason::RequiredBy {
                by: plan.item.clone(),
            },
        });
    }
    if after.powertrain != before.powertrain && plan.powertrain.is_none() {
        conflict = true;
        let reason = if has(rules.powertrain_trims[before.powertrain], after.trim) {
            Reason::RequiredBy {
                by: plan.item.clone(),
            }
        } else {
            Reason::NotOnTrim {
                trim: model.trims[after.trim].id.clone(),
            }
        };
        changes.push(Change {
            kind: ChangeKind::Powertrain {
                from: model.powertrains[before.powertrain].id.clone(),
                to: model.powertrains[after.powertrain].id.clone(),
            },
            reason,
        });
    }
    // Who explains a change first: the chosen option, then the others in catalog order.
    let order: Vec<usize> = chosen
        .filter(|&i| after.options.contains(i))
        .into_iter()
        .chain(after.options.iter().filter(|&k| Some(k) != chosen))
        .collect();
    for j in before
        .options
        .minus(after.options)
        .iter()
        .filter(|&j| Some(j) != chosen)
    {
        let reason = removed(model, after, j, &order, plan);
        let own_swap = matches!(&reason, Reason::ReplacedBy { .. })
            && chosen.is_some_and(|i| rules.group_of[i] == rules.group_of[j]);
        let came_with = matches!(&reason, Reason::CameWith { .. });
        conflict |= !own_swap && !came_with;
        changes.push(Change {
            kind: ChangeKind::Removed { option: opt(j) },
            reason,
        });
    }
    for j in after
        .options
        .minus(before.options)
        .iter()
        .filter(|&j| Some(j) != chosen)
    {
        changes.push(Change {
            kind: ChangeKind::Added { option: opt(j) },
            reason: added(model, after, j, &order, plan),
        });
    }
    Applied {
        configuration: after.to_configuration(model),
        changes,
        conflict,
    }
}

fn added(model: &Model, after: State, j: usize, order: &[usize], plan: &Plan) -> Reason {
    let rules = &model.rules;
    let opt = |i: usize| model.options[i].id.clone();
    if let Some(&k) = order.iter().find(|&&k| rules.includes[k].contains(j)) {
        return Reason::IncludedIn { package: opt(k) };
    }
    if let Some(&k) = order.iter().find(|&&k| rules.requires[k].contains(j)) {
        return Reason::RequiredBy {
            by: Item::Option(opt(k)),
        };
    }
    if rules.trim_requires[after.trim].contains(j) {
        return Reason::RequiredBy {
            by: Item::Trim(model.trims[after.trim].id.clone()),
        };
    }
    if rules.powertrain_requires[after.powertrain].contains(j) {
        return Reason::RequiredBy {
            by: Item::Powertrain(model.powertrains[after.powertrain].id.clone()),
        };
    }
    let g = rules.group_of[j];
    if rules.groups[g].required {
        return Reason::GroupNeedsChoice {
            group: model.groups[g].id.clone(),
        };
    }
    Reason::RequiredBy {
        by: plan.item.clone(),
    }
}

fn removed(model: &Model, after: State, j: usize, order: &[usize], plan: &Plan) -> Reason {
    let rules = &model.rules;
    let opt = |i: usize| model.options[i].id.clone();
    if let Some((package, false)) = plan.option
        && plan.dropped.contains(j)
    {
        return Reason::CameWith {
            package: opt(package),
        };
    }
    // The chosen option's own conflicts explain best.
    if let Some((k, true)) = plan.option {
        if rules.excludes[k].contains(j) {
            return Reason::ExcludedBy {
                by: Item::Option(opt(k)),
            };
        }
        if rules.siblings[k].contains(j) {
            return Reason::ReplacedBy { option: opt(k) };
        }
    }
    if let Some(reason) = not_offered(model, j, after.trim, after.powertrain)
        .into_iter()
        .next()
    {
        return reason;
    }
    if let Some(&k) = order.iter().find(|&&k| rules.excludes[k].contains(j)) {
        return Reason::ExcludedBy {
            by: Item::Option(opt(k)),
        };
    }
    if let Some(&k) = order.iter().find(|&&k| rules.siblings[k].contains(j)) {
        return Reason::ReplacedBy { option: opt(k) };
    }
    if let Some(k) = rules.requires[j]
        .union(rules.includes[j])
        .minus(after.options)
        .iter()
        .next()
    {
        return Reason::Requires { option: opt(k) };
    }
    Reason::ExcludedBy {
        by: plan.item.clone(),
    }
}

/// Why no valid configuration contains the choice.
pub(crate) fn impossible(model: &Model, s: State, plan: &Plan) -> Vec<Reason> {
    let rules = &model.rules;
    let opt = |i: usize| model.options[i].id.clone();
    let mut reasons = Vec::new();
    match plan.option {
        Some((i, true)) => {
            let closure = rules.closure[i];
            for k in closure.iter() {
                for l in rules.excludes[k].inter(closure).iter() {
                    reasons.push(if k == i {
                        Reason::ExcludedBy {
                            by: Item::Option(opt(l)),
                        }
                    } else {
                        Reason::Requires { option: opt(k) }
                    });
                }
                let rivals = rules.siblings[k].inter(closure);
                reasons.extend(rivals.iter().map(|l| Reason::Requires { option: opt(l) }));
            }
            if (0..rules.trims)
                .all(|t| (0..rules.powertrains).all(|p| !closure.is_subset(rules.offered(t, p))))
            {
                reasons.extend(not_offered(model, i, s.trim, s.powertrain));
                let missing = closure
                    .minus(rules.offered(s.trim, s.powertrain))
                    .without(i);
                reasons.extend(missing.iter().map(|k| Reason::Requires { option: opt(k) }));
            }
        }
        Some((i, false)) => {
            let forced = rules.close(rules.trim_requires[s.trim]);
            if forced.contains(i) {
                reasons.push(Reason::RequiredBy {
                    by: Item::Trim(model.trims[s.trim].id.clone()),
                });
            }
            if rules
                .close(rules.powertrain_requires[s.powertrain])
                .contains(i)
            {
                reasons.push(Reason::RequiredBy {
                    by: Item::Powertrain(model.powertrains[s.powertrain].id.clone()),
                });
            }
            let g = rules.group_of[i];
            if rules.groups[g].required {
                reasons.push(Reason::GroupNeedsChoice {
                    group: model.groups[g].id.clone(),
                });
            }
        }
        None => {
            if let Some(p) = plan.powertrain
                && !has(rules.powertrain_trims[p], s.trim)
            {
                reasons.push(Reason::NotOnTrim {
                    trim: model.trims[s.trim].id.clone(),
                });
            }
        }
    }
    reasons.dedup();
    reasons
}
