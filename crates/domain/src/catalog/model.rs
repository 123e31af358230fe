//! One checked vehicle type: its trims, powertrains, option groups and options.

use std::collections::BTreeMap;
use std::ops::Range;

use super::file::{
    Body, Brand, ConsumptionUnit, Drive, Fuel, GroupKind, Kit, Line, Specs, Transmission,
};
use crate::decimal::Decimal;
use crate::ids::{GroupId, ModelId, OptionId, PowertrainId, TrimId};
use crate::text::Text;

/// A vehicle type as the catalog describes it: everything but its rules, which the engine
/// compiles into a [`Model`](crate::Model).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ModelData {
    pub id: ModelId,
    pub brand: Brand,
    pub body: Body,
    pub line: Line,
    pub kit: Kit,
    pub base_price: i64,
    /// US cents of maintenance per 100 km, above zero.
    pub maintenance_per_100km: u32,
    pub name: Text,
    pub description: Option<Text>,
    pub specs: Specs,
    pub trims: Vec<Trim>,
    pub powertrains: Vec<Powertrain>,
    pub groups: Vec<Group>,
    pub options: Vec<OptionDef>,
    /// Every trim, powertrain and option id, to its kind and index.
    pub index: BTreeMap<String, ItemIndex>,
    /// A hash of the ids of every trim, powertrain and option in order: equal fingerprints mean
    /// the indexes in a configuration code mean the same choices.
    pub fingerprint: u16,
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
    /// The figures this powertrain sets besides its fuel and power (consumption, weights).
    pub figures: Figures,
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
    /// Where its options are in [`Model::options`](crate::Model::options).
    pub options: Range<usize>,
}

/// An option: a paint, a package, an accessory...
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionDef {
    /// The id, unique in the model.
    pub id: OptionId,
    /// Its group, an index into [`Model::groups`](crate::Model::groups).
    pub group: usize,
    /// US cents added to the base price.
    pub price: i64,
    /// Chosen in the default configuration.
    pub default: bool,
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
    /// The figures of the spec sheet this option sets.
    pub figures: Figures,
}

/// The figures of the spec sheet one choice sets; `None` leaves a figure to the powertrain or the
/// model. Validation makes sure that no two options that can be chosen together set the same one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Figures {
    /// Seated places.
    pub seats: Option<u32>,
    /// Standing places.
    pub standing: Option<u32>,
    /// Payload.
    pub payload_kg: Option<u32>,
    /// Gross vehicle weight.
    pub gross_weight_kg: Option<u32>,
    /// The fuel: options only (a gas kit), always with a consumption.
    pub fuel: Option<Fuel>,
    /// Consumption per 100 km.
    pub consumption: Option<Consumption>,
}

/// A consumption per 100 km, combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Consumption {
    /// How much.
    pub amount: Decimal,
    /// Of what.
    pub unit: ConsumptionUnit,
}

impl Figures {
    /// Writes the figures set here over `specs`.
    pub(crate) fn apply_to(&self, specs: &mut Specs) {
        let counts = [
            (self.seats, &mut specs.seats),
            (self.standing, &mut specs.standing),
            (self.payload_kg, &mut specs.payload_kg),
            (self.gross_weight_kg, &mut specs.gross_weight_kg),
        ];
        for (set, figure) in counts {
            if let Some(n) = set {
                *figure = n;
            }
        }
        if let Some(fuel) = self.fuel {
            specs.fuel = fuel;
        }
        if let Some(c) = self.consumption {
            specs.consumption = c.amount;
            specs.consumption_unit = c.unit;
        }
    }

    /// The names of the figures set here, as the file writes them (a fuel goes with its
    /// consumption).
    pub(crate) fn names(&self) -> impl Iterator<Item = &'static str> {
        [
            ("seats", self.seats.is_some()),
            ("standing", self.standing.is_some()),
            ("payload_kg", self.payload_kg.is_some()),
            ("gross_weight_kg", self.gross_weight_kg.is_some()),
            ("consumption", self.consumption.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, set)| set.then_some(name))
    }
}
