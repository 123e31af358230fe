//! A vehicle type ready to configure: its checked catalog entries and its compiled rules, and
//! the lookups between a [`Configuration`]'s ids and the engine's indexes.

use std::collections::BTreeSet;

use super::configuration::Configuration;
use super::rules::{Names, Rules};
use super::state::State;
use super::violation::Violation;
use crate::bits::OptionSet;
use crate::catalog::{
    Body, Brand, Group, ItemIndex, Kit, Line, ModelData, OptionDef, Powertrain, Specs, Trim,
};
use crate::ids::{GroupId, ModelId, OptionId, PowertrainId, TrimId};
use crate::text::Text;

/// A vehicle type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Model {
    pub(crate) data: ModelData,
    pub(crate) rules: Rules,
}

impl Model {
    /// A model from its checked entries and the rules read from them.
    pub(crate) fn new(data: ModelData, rules: Rules) -> Self {
        let rules = rules.compile(&data);
        Model { data, rules }
    }

    /// The id.
    pub fn id(&self) -> &ModelId {
        &self.data.id
    }
    /// The brand.
    pub fn brand(&self) -> Brand {
        self.data.brand
    }
    /// The body type.
    pub fn body(&self) -> Body {
        self.data.body
    }
    /// The production line.
    pub fn line(&self) -> Line {
        self.data.line
    }
    /// Where the kits come from.
    pub fn kit(&self) -> Kit {
        self.data.kit
    }
    /// US cents: the price before trim, powertrain and options.
    pub fn base_price(&self) -> i64 {
        self.data.base_price
    }
    /// The name.
    pub fn name(&self) -> &Text {
        &self.data.name
    }
    /// A short description.
    pub fn description(&self) -> Option<&Text> {
        self.data.description.as_ref()
    }
    /// Technical data: the default configuration's (validation makes sure of it).
    pub fn specs(&self) -> &Specs {
        &self.data.specs
    }
    /// The technical data of a configuration: the model's, with the fuel, power and figures of
    /// the chosen powertrain, and the figures the chosen options set. Ids the model does not know
    /// change nothing.
    pub fn specs_of(&self, configuration: &Configuration) -> Specs {
        let mut specs = self.data.specs.clone();
        if let Some(p) = self.powertrain(&configuration.powertrain) {
            specs.fuel = p.fuel;
            specs.power_hp = p.power_hp;
            p.figures.apply_to(&mut specs);
        }
        for o in configuration
            .options
            .iter()
            .filter_map(|id| self.option(id))
        {
            o.figures.apply_to(&mut specs);
        }
        specs
    }
    /// Trims, the default first.
    pub fn trims(&self) -> &[Trim] {
        &self.data.trims
    }
    /// Powertrains, the default first.
    pub fn powertrains(&self) -> &[Powertrain] {
        &self.data.powertrains
    }
    /// Option groups in file order.
    pub fn groups(&self) -> &[Group] {
        &self.data.groups
    }
    /// Every option, group after group, in file order.
    pub fn options(&self) -> &[OptionDef] {
        &self.data.options
    }
    /// The options of a group.
    pub fn group_options(&self, group: &Group) -> &[OptionDef] {
        self.data
            .options
            .get(group.options.clone())
            .unwrap_or_default()
    }

    /// The trim with this id.
    pub fn trim(&self, id: &TrimId) -> Option<&Trim> {
        self.trim_index(id.as_str()).map(|i| &self.data.trims[i])
    }
    /// The powertrain with this id.
    pub fn powertrain(&self, id: &PowertrainId) -> Option<&Powertrain> {
        self.powertrain_index(id.as_str())
            .map(|i| &self.data.powertrains[i])
    }
    /// The option with this id.
    pub fn option(&self, id: &OptionId) -> Option<&OptionDef> {
        self.option_index(id.as_str())
            .map(|i| &self.data.options[i])
    }
    /// The group with this id.
    pub fn group(&self, id: &GroupId) -> Option<&Group> {
        self.data.groups.iter().find(|g| &g.id == id)
    }

    /// Whether the powertrain is offered with the trim.
    pub fn powertrain_offered(&self, powertrain: &PowertrainId, trim: &TrimId) -> bool {
        match (
            self.powertrain_index(powertrain.as_str()),
            self.trim_index(trim.as_str()),
        ) {
            (Some(p), Some(t)) => self.rules.pairs(t, p),
            _ => false,
        }
    }

    /// The default configuration: the first trim, the first powertrain and the default options.
    /// Validation guarantees it is valid.
    pub fn default_configuration(&self) -> Configuration {
        State {
            trim: 0,
            powertrain: 0,
            options: self.rules.defaults,
        }
        .to_configuration(self)
    }

    /// A hash of the ids of every trim, powertrain and option in order: equal fingerprints mean
    /// the indexes in a configuration code mean the same choices.
    pub(crate) fn fingerprint(&self) -> u16 {
        self.data.fingerprint
    }

    /// The ids by index, for reasons and violations.
    pub(crate) fn names(&self) -> Names<'_> {
        Names {
            trims: &self.data.trims,
            powertrains: &self.data.powertrains,
            options: &self.data.options,
            groups: &self.data.groups,
        }
    }

    pub(crate) fn trim_index(&self, id: &str) -> Option<usize> {
        match self.data.index.get(id) {
            Some(ItemIndex::Trim(i)) => Some(*i),
            _ => None,
        }
    }
    pub(crate) fn powertrain_index(&self, id: &str) -> Option<usize> {
        match self.data.index.get(id) {
            Some(ItemIndex::Powertrain(i)) => Some(*i),
            _ => None,
        }
    }
    pub(crate) fn option_index(&self, id: &str) -> Option<usize> {
        match self.data.index.get(id) {
            Some(ItemIndex::Option(i)) => Some(*i),
            _ => None,
        }
    }
}

impl State {
    /// Looks the ids of a configuration up in its model: every unknown id is a violation.
    pub(crate) fn of(model: &Model, config: &Configuration) -> Result<State, Vec<Violation>> {
        let mut unknown = Vec::new();
        if &config.model != model.id() {
            unknown.push(Violation::WrongModel {
                expected: model.id().clone(),
                found: config.model.clone(),
            });
        }
        let trim = model.trim_index(config.trim.as_str());
        if trim.is_none() {
            unknown.push(Violation::UnknownTrim(config.trim.clone()));
        }
        let powertrain = model.powertrain_index(config.powertrain.as_str());
        if powertrain.is_none() {
            unknown.push(Violation::UnknownPowertrain(config.powertrain.clone()));
        }
        let mut options = OptionSet::EMPTY;
        for id in &config.options {
            match model.option_index(id.as_str()) {
                Some(i) => options = options.with(i),
                None => unknown.push(Violation::UnknownOption(id.clone())),
            }
        }
        match (trim, powertrain) {
            (Some(trim), Some(powertrain)) if unknown.is_empty() => Ok(State {
                trim,
                powertrain,
                options,
            }),
            _ => Err(unknown),
        }
    }

    /// The configuration of these indexes in `model`.
    pub(crate) fn to_configuration(self, model: &Model) -> Configuration {
        let names = model.names();
        Configuration {
            model: model.id().clone(),
            trim: names.trim(self.trim),
            powertrain: names.powertrain(self.powertrain),
            options: self
                .options
                .iter()
                .map(|i| names.option(i))
                .collect::<BTreeSet<_>>(),
        }
    }
}
