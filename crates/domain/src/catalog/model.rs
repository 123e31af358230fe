//! One checked vehicle type: its trims, powertrains, option groups and options, with the rule
//! indexes the engine works on.

use std::collections::BTreeMap;
use std::ops::Range;

use super::file::{Body, Brand, Drive, Fuel, GroupKind, Kit, Line, Specs, Transmission};
use super::rules::Rules;
use crate::engine::Configuration;
use crate::ids::{GroupId, ModelId, OptionId, PowertrainId, TrimId};
use crate::text::Text;

/// A vehicle type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Model {
    pub(crate) id: ModelId,
    pub(crate) brand: Brand,
    pub(crate) body: Body,
    pub(crate) line: Line,
    pub(crate) kit: Kit,
    pub(crate) base_price: i64,
    pub(crate) name: Text,
    pub(crate) description: Option<Text>,
    pub(crate) specs: Specs,
    pub(crate) trims: Vec<Trim>,
    pub(crate) powertrains: Vec<Powertrain>,
    pub(crate) groups: Vec<Group>,
    pub(crate) options: Vec<OptionDef>,
    /// Every trim, powertrain and option id, to its kind and index.
    pub(crate) index: BTreeMap<String, ItemIndex>,
    pub(crate) rules: Rules,
    /// A hash of the ids of every trim, powertrain and option in order: equal fingerprints mean
    /// the indexes in a configuration code mean the same choices.
    pub(crate) fingerprint: u16,
}

/// Where an id of a model points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ItemIndex {
    Trim(usize),
    Powertrain(usize),
    Option(usize),
}

/// A trim level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trim {
    /// The id.
    pub id: TrimId,
    /// US cents added to the base price.
    pub price: i64,
    /// The name.
    pub name: Text,
    /// What the trim brings.
    pub description: Option<Text>,
}

/// An engine and gearbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Powertrain {
    /// The id.
    pub id: PowertrainId,
    /// US cents added to the base price.
    pub price: i64,
    /// The gearbox.
    pub transmission: Transmission,
    /// The fuel.
    pub fuel: Fuel,
    /// Driven wheels.
    pub drive: Drive,
    /// Power.
    pub power_hp: u32,
    /// The name.
    pub name: Text,
    /// A short description.
    pub description: Option<Text>,
}

/// A group of options: paint, interior, wheels, packages, accessories...
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The id.
    pub id: GroupId,
    /// Single or multiple choice.
    pub kind: GroupKind,
    /// Single groups: exactly one option must be chosen.
    pub required: bool,
    /// The name.
    pub name: Text,
    /// A short description.
    pub description: Option<Text>,
    /// Where its options are in [`Model::options`].
    pub options: Range<usize>,
}

/// An option: a paint, a package, an accessory...
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionDef {
    /// The id, unique in the model.
    pub id: OptionId,
    /// Its group, an index into [`Model::groups`].
    pub group: usize,
    /// US cents added to the base price.
    pub price: i64,
    /// Chosen in the default configuration.
    pub default: bool,
    /// Among the most visible options.
    pub visible: bool,
    /// Paints: the tint of the drawing, `#rrggbb`.
    pub color: Option<String>,
    /// The name.
    pub name: Text,
    /// A short description.
    pub description: Option<Text>,
    /// Options chosen with this one at no cost (a package's contents).
    pub includes: Vec<OptionId>,
    /// Options that must be chosen with this one.
    pub requires: Vec<OptionId>,
}

impl Model {
    /// The id.
    pub fn id(&self) -> &ModelId {
        &self.id
    }
    /// The brand.
    pub fn brand(&self) -> Brand {
        self.brand
    }
    /// The body type.
    pub fn body(&self) -> Body {
        self.body
    }
    /// The production line.
    pub fn line(&self) -> Line {
        self.line
    }
    /// Where the kits come from.
    pub fn kit(&self) -> Kit {
        self.kit
    }
    /// US cents: the price before trim, powertrain and options.
    pub fn base_price(&self) -> i64 {
        self.base_price
    }
    /// The name.
    pub fn name(&self) -> &Text {
        &self.name
    }
    /// A short description.
    pub fn description(&self) -> Option<&Text> {
        self.description.as_ref()
    }
    /// Technical data.
    pub fn specs(&self) -> &Specs {
        &self.specs
    }
    /// Trims, the default first.
    pub fn trims(&self) -> &[Trim] {
        &self.trims
    }
    /// Powertrains, the default first.
    pub fn powertrains(&self) -> &[Powertrain] {
        &self.powertrains
    }
    /// Option groups in file order.
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }
    /// Every option, group after group, in file order.
    pub fn options(&self) -> &[OptionDef] {
        &self.options
    }
    /// The options of a group.
    pub fn group_options(&self, group: &Group) -> &[OptionDef] {
        self.options.get(group.options.clone()).unwrap_or_default()
    }

    /// The trim with this id.
    pub fn trim(&self, id: &TrimId) -> Option<&Trim> {
        self.trim_index(id.as_str()).map(|i| &self.trims[i])
    }
    /// The powertrain with this id.
    pub fn powertrain(&self, id: &PowertrainId) -> Option<&Powertrain> {
        self.powertrain_index(id.as_str())
            .map(|i| &self.powertrains[i])
    }
    /// The option with this id.
    pub fn option(&self, id: &OptionId) -> Option<&OptionDef> {
        self.option_index(id.as_str()).map(|i| &self.options[i])
    }
    /// The group with this id.
    pub fn group(&self, id: &GroupId) -> Option<&Group> {
        self.groups.iter().find(|g| &g.id == id)
    }

    /// Whether the powertrain is offered with the trim.
    pub fn powertrain_offered(&self, powertrain: &PowertrainId, trim: &TrimId) -> bool {
        match (
            self.powertrain_index(powertrain.as_str()),
            self.trim_index(trim.as_str()),
        ) {
            (Some(p), Some(t)) => crate::bits::has(self.rules.powertrain_trims[p], t),
            _ => false,
        }
    }

    /// The default configuration: the first trim, the first powertrain and the default options.
    /// Validation guarantees it is valid.
    pub fn default_configuration(&self) -> Configuration {
        crate::engine::State {
            trim: 0,
            powertrain: 0,
            options: self.rules.defaults,
        }
        .to_configuration(self)
    }

    pub(crate) fn trim_index(&self, id: &str) -> Option<usize> {
        match self.index.get(id) {
            Some(ItemIndex::Trim(i)) => Some(*i),
            _ => None,
        }
    }
    pub(crate) fn powertrain_index(&self, id: &str) -> Option<usize> {
        match self.index.get(id) {
            Some(ItemIndex::Powertrain(i)) => Some(*i),
            _ => None,
        }
    }
    pub(crate) fn option_index(&self, id: &str) -> Option<usize> {
        match self.index.get(id) {
            Some(ItemIndex::Option(i)) => Some(*i),
            _ => None,
        }
    }
}

impl Body {
    /// Every body type, in the order lists show them.
    pub const ALL: [Body; 7] = [
        Body::Sedan,
        Body::Crossover,
        Body::Microvan,
        Body::Pickup,
        Body::Minibus,
        Body::Bus,
        Body::Truck,
    ];

    /// The body type as the catalog file and URLs write it: `minibus`.
    pub fn as_str(self) -> &'static str {
        match self {
            Body::Sedan => "sedan",
            Body::Crossover => "crossover",
            Body::Microvan => "microvan",
            Body::Pickup => "pickup",
            Body::Minibus => "minibus",
            Body::Bus => "bus",
            Body::Truck => "truck",
        }
    }
}

impl Brand {
    /// Both brands, in the order lists show them.
    pub const ALL: [Brand; 2] = [Brand::Chevrolet, Brand::Isuzu];

    /// The brand as the catalog file and URLs write it: `isuzu`.
    pub fn as_str(self) -> &'static str {
        match self {
            Brand::Chevrolet => "chevrolet",
            Brand::Isuzu => "isuzu",
        }
    }
}
