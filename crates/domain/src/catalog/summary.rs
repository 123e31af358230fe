//! A one-line summary of the catalog for `configurator-server check-data`: models by body type,
//! options, rules and the exact number of valid configurations.
//!
//! Counting never enumerates whole option sets. For each offered (trim, powertrain) pair the
//! options not offered are fixed out, and the remaining ones fall apart into independent
//! components: two options are linked when one requires, includes or excludes the other, or when
//! they share a single-choice group. A configuration is valid exactly when its restriction to every
//! component is, so the pair's count is the product of the components' counts; a component is
//! counted by trying each of its subsets, or, past 20 options, by a depth-first
//! search that abandons a branch as soon as it breaks a rule.

use std::fmt;

use serde::Serialize;

use super::file::{Body, ModelFile};
use super::rules::{GroupRule, Rules};
use super::{Catalog, Model};
use crate::bits::{OptionSet, has};

/// Components with at most this many options are counted by trying every subset.
const BRUTE_FORCE_LIMIT: usize = 20;

/// What `configurator-server check-data` prints for a good catalog (the caller adds `: ok`):
/// `catalog 2027.1: 19 models (5 sedans, 1 crossover, 1 microvan, 4 pickups, 3 minibuses, 3 buses,
/// 3 trucks), 402 options, 135 rules, 1234567 valid configurations`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CatalogSummary {
    /// The catalog version.
    pub version: String,
    /// How many models.
    pub models: usize,
    /// How many models of each body type, every body type in a fixed order (sedan, crossover,
    /// microvan, pickup, minibus, bus, truck), zeros included.
    pub by_body: [(Body, usize); 7],
    /// How many options, over every model.
    pub options: usize,
    /// How many rules, counted as written in the file: one per id listed in a `requires`,
    /// `excludes` or `includes` (of a trim, powertrain or option), plus one per availability list
    /// (`trims = [..]` on a powertrain or option, `powertrains = [..]` on an option), however many
    /// ids that list holds.
    pub rules: usize,
    /// The exact number of distinct valid configurations (model, trim, powertrain, option set),
    /// summed over every model: those `engine::check` finds nothing wrong with. Saturates at
    /// `u128::MAX`, which only a catalog of about 128 unconstrained options per model could reach.
    pub valid_configurations: u128,
}

impl Catalog {
    /// Counts of models by body type, options, rules and valid configurations; see
    /// [`CatalogSummary`] for how rules are counted.
    pub fn summary(&self) -> CatalogSummary {
        let models = self.models();
        CatalogSummary {
            version: self.version().to_owned(),
            models: models.len(),
            by_body: Body::ALL
                .map(|body| (body, models.iter().filter(|m| m.body() == body).count())),
            options: models.iter().map(|m| m.options().len()).sum(),
            rules: self.file().models.iter().map(model_rules).sum(),
            valid_configurations: models
                .iter()
                .map(|m| valid_configurations(m, BRUTE_FORCE_LIMIT))
                .fold(0, u128::saturating_add),
        }
    }
}

impl fmt::Display for CatalogSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "catalog {}: ", self.version)?;
        write!(f, "{}", counted(self.models as u128, "model", "models"))?;
        let bodies: Vec<String> = self
            .by_body
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(body, n)| counted(*n as u128, body.as_str(), &plural(*body)))
            .collect();
        if !bodies.is_empty() {
            write!(f, " ({})", bodies.join(", "))?;
        }
        write!(
            f,
            ", {}, {}, {}",
            counted(self.options as u128, "option", "options"),
            counted(self.rules as u128, "rule", "rules"),
            counted(
                self.valid_configurations,
                "valid configuration",
                "valid configurations"
            )
        )
    }
}

/// A body type's word for several: `sedans`, `buses`.
fn plural(body: Body) -> String {
    let one = body.as_str();
    let ending = if one.ends_with("bus") { "es" } else { "s" };
    format!("{one}{ending}")
}

/// `1 bus`, `3 buses`, `0 buses`.
fn counted(n: u128, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The rules of one model as written; see [`CatalogSummary::rules`].
fn model_rules(model: &ModelFile) -> usize {
    let trims: usize = model.trims.iter().map(|t| t.requires.len()).sum();
    let powertrains: usize = model
        .powertrains
        .iter()
        .map(|p| p.requires.len() + usize::from(p.trims.is_some()))
        .sum();
    let options: usize = model
        .groups
        .iter()
        .flat_map(|g| &g.options)
        .map(|o| {
            o.requires.len()
                + o.excludes.len()
                + o.includes.len()
                + usize::from(o.trims.is_some())
                + usize::from(o.powertrains.is_some())
        })
        .sum();
    trims + powertrains + options
}

/// The valid configurations of one model; components of more than `limit` options are searched
/// rather than tried subset by subset.
pub(crate) fn valid_configurations(model: &Model, limit: usize) -> u128 {
    let rules = &model.rules;
    let links = Links::of(rules);
    (0..rules.trims)
        .flat_map(|t| (0..rules.powertrains).map(move |p| (t, p)))
        .filter(|&(t, p)| has(rules.powertrain_trims[p], t))
        .map(|(t, p)| pair_configurations(rules, &links, t, p, limit))
        .fold(0, u128::saturating_add)
}

/// Per option, the options a rule ties it to, both ways.
struct Links {
    /// Options sharing a rule or a single-choice group with each option.
    linked: Vec<OptionSet>,
    /// Options that require or include each option.
    needed_by: Vec<OptionSet>,
}

impl Links {
    fn of(rules: &Rules) -> Self {
        let n = rules.requires.len();
        let mut needed_by = vec![OptionSet::EMPTY; n];
        for i in 0..n {
            for j in rules.needs(i).iter() {
                needed_by[j] = needed_by[j].with(i);
            }
        }
        let linked = (0..n)
            .map(|i| {
                rules
                    .needs(i)
                    .union(needed_by[i])
                    .union(rules.excludes[i])
                    .union(rules.siblings[i])
            })
            .collect();
        Links { linked, needed_by }
    }

    /// The connected components of the offered options.
    fn components(&self, offered: OptionSet) -> Vec<OptionSet> {
        let mut left = offered;
        let mut out = Vec::new();
        while let Some(start) = left.iter().next() {
            let mut component = OptionSet::single(start);
            let mut frontier = component;
            while !frontier.is_empty() {
                frontier = frontier
                    .iter()
                    .fold(OptionSet::EMPTY, |acc, i| acc.union(self.linked[i]))
                    .inter(offered)
                    .minus(component);
                component = component.union(frontier);
            }
            left = left.minus(component);
            out.push(component);
        }
        out
    }
}

/// The valid option sets with one trim and powertrain (the powertrain is offered with the trim).
fn pair_configurations(rules: &Rules, links: &Links, t: usize, p: usize, limit: usize) -> u128 {
    let offered = rules.offered(t, p);
    let forced = rules.trim_requires[t].union(rules.powertrain_requires[p]);
    let unchoosable = rules
        .groups
        .iter()
        .any(|g| g.single && g.required && g.mask.inter(offered).is_empty());
    if !forced.is_subset(offered) || unchoosable {
        return 0;
    }
    links
        .components(offered)
        .into_iter()
        .map(|members| Component::new(rules, links, members, forced).count(limit))
        .fold(1, u128::saturating_mul)
}

/// Options no rule ties to an option outside them, with the rules that concern them.
struct Component<'a> {
    rules: &'a Rules,
    needed_by: &'a [OptionSet],
    members: OptionSet,
    /// The members the trim or powertrain requires.
    forced: OptionSet,
    /// The single-choice groups with members here, masks cut down to the members: every offered
    /// option of such a group is a member, since the group links them.
    groups: Vec<GroupRule>,
}

impl<'a> Component<'a> {
    fn new(rules: &'a Rules, links: &'a Links, members: OptionSet, forced: OptionSet) -> Self {
        let groups = rules
            .groups
            .iter()
            .filter(|g| g.single)
            .map(|g| GroupRule {
                mask: g.mask.inter(members),
                ..*g
            })
            .filter(|g| !g.mask.is_empty())
            .collect();
        Component {
            rules,
            needed_by: &links.needed_by,
            members,
            forced: forced.inter(members),
            groups,
        }
    }

    fn count(&self, limit: usize) -> u128 {
        if self.members.len() as usize <= limit {
            self.try_every_subset()
        } else {
            let order: Vec<usize> = self.members.iter().collect();
            self.search(&order, OptionSet::EMPTY, OptionSet::EMPTY)
        }
    }

    /// Whether a subset of the members keeps every rule that concerns them: exactly what
    /// `engine::check` asks of the options, restricted to this component.
    fn accepts(&self, chosen: OptionSet) -> bool {
        let rules = self.rules;
        self.forced.is_subset(chosen)
            && chosen.iter().all(|i| {
                rules.needs(i).is_subset(chosen) && rules.excludes[i].inter(chosen).is_empty()
            })
            && self.groups.iter().all(|g| {
                let n = g.mask.inter(chosen).len();
                n == 1 || (n == 0 && !g.required)
            })
    }

    /// Counts the accepted subsets, every one of them tried.
    fn try_every_subset(&self) -> u128 {
        let all = self.members.bits();
        let mut subset = all;
        let mut n = 0u128;
        loop {
            n += u128::from(self.accepts(OptionSet::from_bits(subset)));
            if subset == 0 {
                return n;
            }
            subset = (subset - 1) & all;
        }
    }

    /// Counts the accepted subsets that take the members in `chosen`, leave those in `out`, and
    /// decide those in `rest`, dropping a branch as soon as a decided option breaks a rule.
    fn search(&self, rest: &[usize], chosen: OptionSet, out: OptionSet) -> u128 {
        let Some((&i, rest)) = rest.split_first() else {
            return u128::from(self.accepts(chosen));
        };
        let with = if self.may_take(i, chosen, out) {
            self.search(rest, chosen.with(i), out)
        } else {
            0
        };
        let without = if self.may_leave(i, chosen, out) {
            self.search(rest, chosen, out.with(i))
        } else {
            0
        };
        with.saturating_add(without)
    }

    /// Whether option `i` may be chosen next to `chosen`, with the options in `out` left out.
    fn may_take(&self, i: usize, chosen: OptionSet, out: OptionSet) -> bool {
        let needs = self.rules.needs(i);
        needs.is_subset(self.members)
            && needs.inter(out).is_empty()
            && self.rules.excludes[i].inter(chosen).is_empty()
            && self.rules.siblings[i].inter(chosen).is_empty()
    }

    /// Whether option `i` may be left out, with `chosen` taken and `out` left out.
    fn may_leave(&self, i: usize, chosen: OptionSet, out: OptionSet) -> bool {
        let out = out.with(i);
        !self.forced.contains(i)
            && self.needed_by[i].inter(chosen).is_empty()
            && !self
                .groups
                .iter()
                .any(|g| g.required && g.mask.is_subset(out))
    }
}

#[cfg(all(test, feature = "toml"))]
mod tests {
    use super::*;

    const SHIPPED: &str = include_str!("../../../../data/catalog.toml");
    const SMALL: &str = include_str!("../../tests/fixtures/small.toml");

    /// The depth-first search counts what trying every subset counts, on every shipped model and
    /// the small catalog's (`tests/summary.rs` compares the latter with `engine::check`).
    #[test]
    fn search_agrees_with_trying_every_subset() {
        let shipped = Catalog::from_toml_str(SHIPPED).expect("the shipped catalog is valid");
        let small = Catalog::from_toml_str(SMALL).expect("the small catalog is valid");
        for model in shipped.models().iter().chain(small.models()) {
            assert_eq!(
                valid_configurations(model, 0),
                valid_configurations(model, BRUTE_FORCE_LIMIT),
                "{}",
                model.id()
            );
        }
    }
}
