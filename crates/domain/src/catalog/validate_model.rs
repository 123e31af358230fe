//! Validation of one model: ids, references, groups and defaults; then, on the built rule masks,
//! that the default configuration is valid and that every trim, powertrain and option can be
//! part of some valid configuration (which finds the rule cycles that make an option impossible).

use std::collections::{BTreeMap, BTreeSet};

use super::error::Problem;
use super::file::{GroupKind, ModelFile};
use super::model::{Group, ItemIndex, Model, OptionDef, Powertrain, Trim};
use super::rules::{OptionRules, Rules, RulesInput};
use super::validate::Errors;
use crate::bits::MAX_OPTIONS;
use crate::engine::{self, Choice, State};
use crate::ids::{GroupId, ModelId, OptionId, PowertrainId, TrimId};
use crate::text::Lang;

/// The most trims, and the most powertrains, one model may have.
const MAX_TRIMS: usize = 64;

/// Resolves references of one model: every id, its kind and index.
struct Lookup<'a> {
    index: &'a BTreeMap<String, ItemIndex>,
    errors: &'a mut Errors,
}

impl Lookup<'_> {
    fn options(&mut self, path: &str, ids: &[String]) -> Vec<usize> {
        self.all(path, ids, "option", |it| match it {
            ItemIndex::Option(i) => Some(i),
            _ => None,
        })
    }
    fn trims(&mut self, path: &str, ids: &[String]) -> Vec<usize> {
        self.all(path, ids, "trim", |it| match it {
            ItemIndex::Trim(i) => Some(i),
            _ => None,
        })
    }
    fn powertrains(&mut self, path: &str, ids: &[String]) -> Vec<usize> {
        self.all(path, ids, "powertrain", |it| match it {
            ItemIndex::Powertrain(i) => Some(i),
            _ => None,
        })
    }
    fn all(
        &mut self,
        path: &str,
        ids: &[String],
        kind: &'static str,
        pick: impl Fn(ItemIndex) -> Option<usize>,
    ) -> Vec<usize> {
        let mut out = Vec::new();
        for (k, id) in ids.iter().enumerate() {
            match self.index.get(id).copied().and_then(&pick) {
                Some(i) => out.push(i),
                None => self.errors.push(
                    format!("{path}[{k}]"),
                    Problem::Unknown {
                        kind,
                        id: id.clone(),
                    },
                ),
            }
        }
        out
    }
}

fn too_many(errors: &mut Errors, path: &str, what: &'static str, count: usize, max: usize) {
    if count > max {
        errors.push(path, Problem::TooMany { what, count, max });
    }
}

/// Checks one model; `None` when it has problems (they are in `errors`).
pub(super) fn model(f: &ModelFile, path: &str, errors: &mut Errors) -> Option<Model> {
    let before = errors.len();
    let id = errors.parse(&format!("{path}.id"), f.id.parse::<ModelId>());
    errors.non_negative(&format!("{path}.base_price"), f.base_price);
    errors.text(&format!("{path}.name"), &f.name, true);
    if let Some(d) = &f.description {
        errors.text(&format!("{path}.description"), d, false);
    }
    for (what, count) in [
        ("trims", f.trims.len()),
        ("powertrains", f.powertrains.len()),
    ] {
        if count == 0 {
            errors.push(path, Problem::Empty(what));
        }
        too_many(errors, path, what, count, MAX_TRIMS);
    }
    let option_count = f.groups.iter().map(|g| g.options.len()).sum();
    too_many(errors, path, "options", option_count, MAX_OPTIONS);
    let (index, ids) = item_index(f, path, errors);
    let lookup = &mut Lookup {
        index: &index,
        errors,
    };
    let mut input = RulesInput::default();
    let mut trims = Vec::new();
    for (t, (trim, id)) in f.trims.iter().zip(ids.trims).enumerate() {
        let tp = format!("{path}.trims[{t}]");
        lookup
            .errors
            .non_negative(&format!("{tp}.price"), trim.price);
        lookup.errors.text(&format!("{tp}.name"), &trim.name, false);
        input
            .trim_requires
            .push(lookup.options(&format!("{tp}.requires"), &trim.requires));
        trims.extend(id.map(|id| Trim {
            id,
            price: trim.price,
            name: trim.name.clone(),
            description: trim.description.clone(),
        }));
    }
    let mut powertrains = Vec::new();
    for (p, (pt, id)) in f.powertrains.iter().zip(ids.powertrains).enumerate() {
        let pp = format!("{path}.powertrains[{p}]");
        lookup.errors.non_negative(&format!("{pp}.price"), pt.price);
        lookup.errors.text(&format!("{pp}.name"), &pt.name, false);
        input
            .powertrain_requires
            .push(lookup.options(&format!("{pp}.requires"), &pt.requires));
        let listed = pt
            .trims
            .as_ref()
            .map(|l| lookup.trims(&format!("{pp}.trims"), l));
        input.powertrain_trims.push(listed);
        powertrains.extend(id.map(|id| Powertrain {
            id,
            price: pt.price,
            transmission: pt.transmission,
            fuel: pt.fuel,
            drive: pt.drive,
            power_hp: pt.power_hp,
            name: pt.name.clone(),
            description: pt.description.clone(),
        }));
    }
    let (groups, options, option_paths) = groups(f, path, &index, &ids.options, lookup, &mut input);
    if errors.len() > before {
        return None;
    }
    let model = Model {
        fingerprint: fingerprint(f),
        rules: Rules::build(&input, trims.len(), powertrains.len()),
        id: id?,
        brand: f.brand,
        body: f.body,
        line: f.line,
        kit: f.kit,
        base_price: f.base_price,
        name: f.name.clone(),
        description: f.description.clone(),
        specs: f.specs.clone(),
        trims,
        powertrains,
        groups,
        options,
        index,
    };
    reachable(&model, path, &option_paths, errors);
    (errors.len() == before).then_some(model)
}

/// The checked ids of a model's trims, powertrains and options, `None` where malformed.
struct Ids {
    trims: Vec<Option<TrimId>>,
    powertrains: Vec<Option<PowertrainId>>,
    options: Vec<Option<OptionId>>,
}

/// Every trim, powertrain and option id of the model, which must be unique together.
fn item_index(
    f: &ModelFile,
    path: &str,
    errors: &mut Errors,
) -> (BTreeMap<String, ItemIndex>, Ids) {
    let mut index = BTreeMap::new();
    let mut add = |errors: &mut Errors, p: String, id: &str, item| {
        // The first keeps the id, so that references to it are not reported too.
        match index.entry(id.to_owned()) {
            std::collections::btree_map::Entry::Vacant(e) => {
                e.insert(item);
            }
            std::collections::btree_map::Entry::Occupied(_) => {
                errors.push(p, Problem::Duplicate(id.to_owned()));
            }
        }
    };
    let mut ids = Ids {
        trims: Vec::new(),
        powertrains: Vec::new(),
        options: Vec::new(),
    };
    for (t, trim) in f.trims.iter().enumerate() {
        let p = format!("{path}.trims[{t}].id");
        ids.trims.push(errors.parse(&p, trim.id.parse()));
        add(errors, p, &trim.id, ItemIndex::Trim(t));
    }
    for (k, pt) in f.powertrains.iter().enumerate() {
        let p = format!("{path}.powertrains[{k}].id");
        ids.powertrains.push(errors.parse(&p, pt.id.parse()));
        add(errors, p, &pt.id, ItemIndex::Powertrain(k));
    }
    let mut i = 0;
    for (g, group) in f.groups.iter().enumerate() {
        for (k, o) in group.options.iter().enumerate() {
            let p = format!("{path}.groups[{g}].options[{k}].id");
            ids.options.push(errors.parse(&p, o.id.parse()));
            add(errors, p, &o.id, ItemIndex::Option(i));
            i += 1;
        }
    }
    (index, ids)
}

type Built = (Vec<Group>, Vec<OptionDef>, Vec<String>);

/// Checks the groups and their options, filling the rules input; returns the groups, the
/// options and each option's path.
fn groups(
    f: &ModelFile,
    path: &str,
    index: &BTreeMap<String, ItemIndex>,
    ids: &[Option<OptionId>],
    lookup: &mut Lookup<'_>,
    input: &mut RulesInput,
) -> Built {
    let (mut groups, mut options, mut paths) = (Vec::new(), Vec::new(), Vec::new());
    let mut seen = BTreeSet::new();
    for (g, group) in f.groups.iter().enumerate() {
        let gp = format!("{path}.groups[{g}]");
        let errors = &mut *lookup.errors;
        errors.unique(&mut seen, &format!("{gp}.id"), &group.id);
        let gid = errors.parse(&format!("{gp}.id"), group.id.parse::<GroupId>());
        errors.text(&format!("{gp}.name"), &group.name, true);
        let single = group.kind == GroupKind::Single;
        if group.required && !single {
            errors.push(format!("{gp}.required"), Problem::RequiredMulti);
        }
        let defaults = group.options.iter().filter(|o| o.default).count();
        if single && (defaults > 1 || (group.required && defaults != 1)) {
            errors.push(gp.clone(), Problem::Defaults { count: defaults });
        }
        let first = paths.len();
        for (k, o) in group.options.iter().enumerate() {
            let op = format!("{gp}.options[{k}]");
            let errors = &mut *lookup.errors;
            errors.non_negative(&format!("{op}.price"), o.price);
            errors.text(&format!("{op}.name"), &o.name, o.visible);
            if let Some(d) = &o.description {
                errors.text(&format!("{op}.description"), d, false);
            }
            if let Some(c) = &o.color {
                let hex = c.len() == 7
                    && c.starts_with('#')
                    && c[1..].bytes().all(|b| b.is_ascii_hexdigit());
                if !hex {
                    errors.push(
                        format!("{op}.color"),
                        Problem::Invalid {
                            value: c.clone(),
                            expected: "a colour `#rrggbb`",
                        },
                    );
                }
            }
            let rules = option_rules(o, &op, index, lookup);
            let id = ids.get(paths.len()).cloned().flatten();
            let option_index = paths.len();
            if o.default {
                input.defaults.push(option_index);
            }
            input.prices.push(o.price);
            paths.push(op);
            if let Some(id) = id {
                options.push(OptionDef {
                    id,
                    group: g,
                    price: o.price,
                    default: o.default,
                    visible: o.visible,
                    color: o.color.clone(),
                    name: o.name.clone(),
                    description: o.description.clone(),
                    includes: rules
                        .includes
                        .iter()
                        .filter_map(|&i| ids.get(i).cloned().flatten())
                        .collect(),
                    requires: rules
                        .requires
                        .iter()
                        .filter_map(|&i| ids.get(i).cloned().flatten())
                        .collect(),
                });
            }
            input.options.push(rules);
        }
        let range = first..paths.len();
        input.groups.push((range.clone(), single, group.required));
        groups.extend(gid.map(|id| Group {
            id,
            kind: group.kind,
            required: group.required,
            name: group.name.clone(),
            description: group.description.clone(),
            options: range,
        }));
    }
    (groups, options, paths)
}

fn option_rules(
    o: &super::file::OptionFile,
    op: &str,
    index: &BTreeMap<String, ItemIndex>,
    lookup: &mut Lookup<'_>,
) -> OptionRules {
    let mut rules = OptionRules {
        requires: lookup.options(&format!("{op}.requires"), &o.requires),
        includes: lookup.options(&format!("{op}.includes"), &o.includes),
        trims: o
            .trims
            .as_ref()
            .map(|l| lookup.trims(&format!("{op}.trims"), l)),
        powertrains: o
            .powertrains
            .as_ref()
            .map(|l| lookup.powertrains(&format!("{op}.powertrains"), l)),
        ..OptionRules::default()
    };
    for (k, id) in o.excludes.iter().enumerate() {
        match index.get(id) {
            Some(ItemIndex::Option(i)) => rules.excludes_options.push(*i),
            Some(ItemIndex::Trim(t)) => rules.excludes_trims.push(*t),
            Some(ItemIndex::Powertrain(p)) => rules.excludes_powertrains.push(*p),
            None => lookup.errors.push(
                format!("{op}.excludes[{k}]"),
                Problem::Unknown {
                    kind: "option, trim or powertrain",
                    id: id.clone(),
                },
            ),
        }
    }
    rules
}

/// FNV-1a over the ids of the trims, powertrains and options in order, folded to 16 bits.
fn fingerprint(f: &ModelFile) -> u16 {
    let ids = f
        .trims
        .iter()
        .map(|t| &t.id)
        .chain(f.powertrains.iter().map(|p| &p.id))
        .chain(f.groups.iter().flat_map(|g| &g.options).map(|o| &o.id));
    let mut h: u32 = 0x811c_9dc5;
    for id in ids {
        for b in id.bytes().chain([0]) {
            h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
        }
    }
    ((h >> 16) ^ (h & 0xffff)) as u16
}

/// The default configuration is valid, and every trim, powertrain and option is part of some
/// valid configuration.
fn reachable(model: &Model, path: &str, option_paths: &[String], errors: &mut Errors) {
    let default = State {
        trim: 0,
        powertrain: 0,
        options: model.rules.defaults,
    };
    let violations = engine::violations(model, default);
    if !violations.is_empty() {
        let list: Vec<_> = violations
            .iter()
            .map(|v| v.describe(model, Lang::En))
            .collect();
        errors.push(path, Problem::InvalidDefault(list.join("; ")));
        return;
    }
    let config = model.default_configuration();
    let choices = model
        .trims
        .iter()
        .enumerate()
        .map(|(t, x)| (format!("{path}.trims[{t}]"), Choice::Trim(x.id.clone())))
        .chain(model.powertrains.iter().enumerate().map(|(p, x)| {
            (
                format!("{path}.powertrains[{p}]"),
                Choice::Powertrain(x.id.clone()),
            )
        }))
        .chain(
            model
                .options
                .iter()
                .zip(option_paths)
                .map(|(o, p)| (p.clone(), Choice::Select(o.id.clone()))),
        );
    for (p, choice) in choices {
        let item = match &choice {
            Choice::Trim(id) => id.to_string(),
            Choice::Powertrain(id) => id.to_string(),
            Choice::Select(id) | Choice::Deselect(id) => id.to_string(),
        };
        let why = match engine::apply(model, &config, choice) {
            Ok(_) => continue,
            Err(engine::ApplyError::Impossible { reasons, .. }) => {
                let words: Vec<_> = reasons
                    .iter()
                    .map(|r| r.describe(model, Lang::En))
                    .collect();
                if words.is_empty() {
                    "no valid configuration contains it".to_owned()
                } else {
                    words.join(", ")
                }
            }
            Err(e) => e.to_string(),
        };
        errors.push(p, Problem::Impossible { item, why });
    }
}
