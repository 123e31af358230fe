//! Reasons for the changes a choice made, and for a choice that cannot be made. Each kind of rule
//! answers for its own rules ([`Why`]); the order of the questions is the engine's.

use super::change::{Applied, Change, ChangeKind};
use super::choice::Plan;
use super::model::Model;
use super::reason::Reason;
use super::rules::Why;
use super::state::State;

/// The changes from `before` to `after`, each with its reason.
pub(crate) fn applied(model: &Model, before: State, after: State, plan: &Plan) -> Applied {
    let rules = &model.rules;
    let n = model.names();
    let chosen = plan.option.map(|(i, _)| i);
    let mut changes = Vec::new();
    let mut conflict = false;
    if after.trim != before.trim && plan.trim.is_none() {
        conflict = true;
        changes.push(Change {
            kind: ChangeKind::Trim {
                from: n.trim(before.trim),
                to: n.trim(after.trim),
            },
            reason: Reason::RequiredBy {
                by: plan.item.clone(),
            },
        });
    }
    if after.powertrain != before.powertrain && plan.powertrain.is_none() {
        conflict = true;
        let reason = if rules.pairs(after.trim, before.powertrain) {
            Reason::RequiredBy {
                by: plan.item.clone(),
            }
        } else {
            Reason::NotOnTrim {
                trim: n.trim(after.trim),
            }
        };
        changes.push(Change {
            kind: ChangeKind::Powertrain {
                from: n.powertrain(before.powertrain),
                to: n.powertrain(after.powertrain),
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
            && chosen.is_some_and(|i| rules.rivals[i].contains(j));
        let came_with = matches!(&reason, Reason::CameWith { .. });
        conflict |= !own_swap && !came_with;
        changes.push(Change {
            kind: ChangeKind::Removed {
                option: n.option(j),
            },
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
            kind: ChangeKind::Added {
                option: n.option(j),
            },
            reason: added(model, after, j, &order, plan),
        });
    }
    Applied {
        configuration: after.to_configuration(model),
        changes,
        conflict,
    }
}

/// Why option `j` came in: a package it comes with explains best, then what needs it.
fn added(model: &Model, after: State, j: usize, order: &[usize], plan: &Plan) -> Reason {
    let rules = &model.rules;
    let n = model.names();
    if let Some(&k) = order.iter().find(|&&k| rules.contents(k).contains(j)) {
        return Reason::IncludedIn {
            package: n.option(k),
        };
    }
    let question = Why::Added {
        option: j,
        trim: after.trim,
        powertrain: after.powertrain,
        chosen: order,
    };
    let first = rules.why(n, &question).into_iter().next();
    first.unwrap_or_else(|| Reason::RequiredBy {
        by: plan.item.clone(),
    })
}

fn removed(model: &Model, after: State, j: usize, order: &[usize], plan: &Plan) -> Reason {
    let rules = &model.rules;
    let n = model.names();
    if let Some((package, false)) = plan.option
        && plan.dropped.contains(j)
    {
        return Reason::CameWith {
            package: n.option(package),
        };
    }
    // The chosen option's own conflicts explain best.
    if let Some((k, true)) = plan.option
        && let Some(reason) = rules.displaced(n, j, &[k])
    {
        return reason;
    }
    if let Some(reason) = rules
        .not_offered(n, j, after.trim, after.powertrain)
        .into_iter()
        .next()
    {
        return reason;
    }
    if let Some(reason) = rules.displaced(n, j, order) {
        return reason;
    }
    // What it needs and lost: the deselected option explains best.
    let missing = rules.needs[j].minus(after.options);
    let lost = match plan.option {
        Some((i, false)) if missing.contains(i) => Some(i),
        _ => missing.iter().next(),
    };
    if let Some(k) = lost {
        return needs(model, j, k);
    }
    Reason::ExcludedBy {
        by: plan.item.clone(),
    }
}

/// Why option `i` cannot be without option `k`, which it brings along: a package includes its
/// contents, any other option requires what it needs.
fn needs(model: &Model, i: usize, k: usize) -> Reason {
    let option = model.names().option(k);
    if model.rules.contents(i).contains(k) {
        Reason::Includes { option }
    } else {
        Reason::Requires { option }
    }
}

/// Why no valid configuration contains the choice.
pub(crate) fn impossible(model: &Model, s: State, plan: &Plan) -> Vec<Reason> {
    let rules = &model.rules;
    let n = model.names();
    let mut reasons = Vec::new();
    match plan.option {
        Some((i, true)) => {
            let closure = rules.closure[i];
            for k in closure.iter() {
                for l in rules.conflicts[k].inter(closure).iter() {
                    reasons.push(if k == i {
                        Reason::ExcludedBy {
                            by: n.option_item(l),
                        }
                    } else {
                        needs(model, i, k)
                    });
                }
                let rivals = rules.rivals[k].inter(closure);
                reasons.extend(rivals.iter().map(|l| needs(model, i, l)));
            }
            if (0..rules.trims)
                .all(|t| (0..rules.powertrains).all(|p| !closure.is_subset(rules.offered(t, p))))
            {
                reasons.extend(rules.not_offered(n, i, s.trim, s.powertrain));
                let missing = closure
                    .minus(rules.offered(s.trim, s.powertrain))
                    .without(i);
                reasons.extend(missing.iter().map(|k| needs(model, i, k)));
            }
        }
        Some((i, false)) => {
            let question = Why::Kept {
                option: i,
                trim: s.trim,
                powertrain: s.powertrain,
                closure: &rules.closure,
            };
            reasons.extend(rules.why(n, &question));
        }
        None => {
            if let Some(p) = plan.powertrain
                && !rules.pairs(s.trim, p)
            {
                reasons.push(Reason::NotOnTrim {
                    trim: n.trim(s.trim),
                });
            }
        }
    }
    reasons.dedup();
    reasons
}
