//! Validation of one model: ids, prices, texts, groups and defaults, entry by entry in file order.
//! The rules written on each entry are handed to a [`Reader`] with their references resolved, so
//! that their problems are reported in the same order; what the rules mean is the engine's.

use std::collections::{BTreeMap, BTreeSet};

use super::error::Problem;
use super::file::{GroupKind, ModelFile, OptionFile};
use super::model::{Group, ItemIndex, ModelData, OptionDef, Powertrain, Trim};
use super::references::{Entry, Reader, References};
use super::validate::Errors;
use super::validate_figures::{Setters, option_figures, powertrain_figures};
use crate::bits::{MAX_OPTIONS, MAX_TRIMS};
use crate::ids::{GroupId, ModelId, OptionId, PowertrainId, TrimId};
use crate::text::Text;

fn too_many(errors: &mut Errors, path: &str, what: &'static str, count: usize, max: usize) {
    if count > max {
        errors.push(path, Problem::TooMany { what, count, max });
    }
}

/// Checks one model, handing the rules of each entry to `rules`; `None` when it has problems
/// (they are in `errors`).
pub(crate) fn model_data(
    f: &ModelFile,
    path: &str,
    errors: &mut Errors,
    rules: &mut dyn Reader,
) -> Option<ModelData> {
    let before = errors.len();
    let id = errors.parse(&format!("{path}.id"), f.id.parse::<ModelId>());
    errors.non_negative(&format!("{path}.base_price"), f.base_price);
    let maintenance_per_100km = u32::try_from(f.maintenance_per_100km)
        .ok()
        .filter(|cents| *cents > 0);
    if maintenance_per_100km.is_none() {
        errors.push(
            format!("{path}.maintenance_per_100km"),
            Problem::OutOfRange {
                value: f.maintenance_per_100km,
                expected: "US cents per 100 km above zero",
            },
        );
    }
    errors.texts(path, &f.name, f.description.as_ref());
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
    let mut walk = Walk {
        index: &index,
        errors: &mut *errors,
        rules,
    };
    let mut trims = Vec::new();
    for (t, (trim, id)) in f.trims.iter().zip(ids.trims).enumerate() {
        let tp = format!("{path}.trims[{t}]");
        let description = trim.description.as_ref();
        walk.entry(&tp, trim.price, &trim.name, description, Entry::Trim(trim));
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
        let description = pt.description.as_ref();
        walk.entry(&pp, pt.price, &pt.name, description, Entry::Powertrain(pt));
        let figures = powertrain_figures(pt, &f.specs, &pp, walk.errors);
        powertrains.extend(id.map(|id| Powertrain {
            id,
            price: pt.price,
            transmission: pt.transmission,
            fuel: pt.fuel,
            drive: pt.drive,
            power_hp: pt.power_hp,
            figures,
            name: pt.name.clone(),
            description: pt.description.clone(),
        }));
    }
    let (groups, options) = groups(f, path, &ids.options, &mut walk);
    if errors.len() > before {
        return None;
    }
    Some(ModelData {
        fingerprint: fingerprint(f),
        id: id?,
        brand: f.brand,
        body: f.body,
        line: f.line,
        kit: f.kit,
        base_price: f.base_price,
        maintenance_per_100km: maintenance_per_100km?,
        name: f.name.clone(),
        description: f.description.clone(),
        specs: f.specs.clone(),
        trims,
        powertrains,
        groups,
        options,
        index,
    })
}

/// The walk through one model's entries: where its problems go and who reads its rules.
struct Walk<'a> {
    index: &'a BTreeMap<String, ItemIndex>,
    errors: &'a mut Errors,
    rules: &'a mut dyn Reader,
}

impl Walk<'_> {
    /// A trim's or powertrain's price, name and description, then the rules written on it.
    fn entry(
        &mut self,
        path: &str,
        price: i64,
        name: &Text,
        description: Option<&Text>,
        entry: Entry<'_>,
    ) {
        self.errors.non_negative(&format!("{path}.price"), price);
        self.errors.texts(path, name, description);
        self.read(path, entry);
    }

    /// Hands the rules written on the entry at `path` to the reader.
    fn read(&mut self, path: &str, entry: Entry<'_>) {
        let mut refs = References {
            index: self.index,
            at: path,
            errors: self.errors,
        };
        self.rules.read(&entry, &mut refs);
    }

    /// The checked ids of the options `listed` names, in the order written.
    fn option_ids(&self, listed: &[String], ids: &[Option<OptionId>]) -> Vec<OptionId> {
        listed
            .iter()
            .filter_map(|id| match self.index.get(id) {
                Some(ItemIndex::Option(i)) => ids.get(*i).cloned().flatten(),
                _ => None,
            })
            .collect()
    }
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

/// Checks the groups and their options, handing each to the rules' reader.
fn groups(
    f: &ModelFile,
    path: &str,
    ids: &[Option<OptionId>],
    walk: &mut Walk<'_>,
) -> (Vec<Group>, Vec<OptionDef>) {
    let (mut groups, mut options) = (Vec::new(), Vec::new());
    let mut seen = BTreeSet::new();
    let mut setters = Setters::default();
    let mut next = 0;
    for (g, group) in f.groups.iter().enumerate() {
        let gp = format!("{path}.groups[{g}]");
        let errors = &mut *walk.errors;
        errors.unique(&mut seen, &format!("{gp}.id"), &group.id);
        let gid = errors.parse(&format!("{gp}.id"), group.id.parse::<GroupId>());
        errors.texts(&gp, &group.name, group.description.as_ref());
        let single = group.kind == GroupKind::Single;
        if group.required && !single {
            errors.push(format!("{gp}.required"), Problem::RequiredMulti);
        }
        let defaults = group.options.iter().filter(|o| o.default).count();
        if single && (defaults > 1 || (group.required && defaults != 1)) {
            errors.push(gp.clone(), Problem::Defaults { count: defaults });
        }
        let range = next..next + group.options.len();
        // Past the most options a set holds the model is refused for its size (`TooMany`), and
        // its groups are not read: references are still resolved, for their own problems.
        if range.end <= MAX_OPTIONS {
            walk.read(&gp, Entry::Group(group, range.clone()));
        }
        for (k, o) in group.options.iter().enumerate() {
            let op = format!("{gp}.options[{k}]");
            option(o, &op, walk.errors);
            let figures = o.specs.as_ref().map_or_else(Default::default, |specs| {
                let sp = format!("{op}.specs");
                let figures = option_figures(specs, &sp, walk.errors);
                let multi = group.kind == GroupKind::Multi;
                setters.add(&o.id, (g, multi), &figures, &sp, walk.errors);
                figures
            });
            walk.read(&op, Entry::Option(o));
            if let Some(id) = ids.get(next).cloned().flatten() {
                options.push(OptionDef {
                    id,
                    group: g,
                    price: o.price,
                    default: o.default,
                    color: o.color.clone(),
                    name: o.name.clone(),
                    description: o.description.clone(),
                    includes: walk.option_ids(&o.includes, ids),
                    requires: walk.option_ids(&o.requires, ids),
                    figures,
                });
            }
            next += 1;
        }
        groups.extend(gid.map(|id| Group {
            id,
            kind: group.kind,
            required: group.required,
            name: group.name.clone(),
            description: group.description.clone(),
            options: range,
        }));
    }
    (groups, options)
}

/// An option's own fields: price, texts and colour.
fn option(o: &OptionFile, op: &str, errors: &mut Errors) {
    errors.non_negative(&format!("{op}.price"), o.price);
    errors.texts(op, &o.name, o.description.as_ref());
    if let Some(c) = &o.color {
        let hex =
            c.len() == 7 && c.starts_with('#') && c[1..].bytes().all(|b| b.is_ascii_hexdigit());
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
