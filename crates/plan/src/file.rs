//! `PlantFile`: `data/plant.toml` as written, before any check. `PlantCalendar::from_file` turns it
//! into a validated calendar; ids and months stay strings here so that an error can name the exact
//! entry and the value found there.

use serde::{Deserialize, Serialize};

/// The whole of `plant.toml`. Unknown keys are refused, so that a misspelt key is not silently ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlantFile {
    /// The calendar's version, shown by `check-data` and in the planner's export (`2027.1`).
    pub version: String,
    /// The first month of production, `YYYY-MM`.
    pub start: String,
    /// How many months from `start` orders may be planned into; later is refused.
    pub max_horizon_months: u32,
    /// Months after the current one whose plan is fixed: no new order enters them, no cancellation
    /// leaves them.
    pub frozen_months: u32,
    /// The plant's time zone, an IANA name (`Asia/Bishkek`). For people: without a time zone
    /// database the server goes by `utc_offset`.
    pub time_zone: String,
    /// The plant's offset from UTC, `+HH:MM` (`+06:00`), fixed: the months of the plan (the month an
    /// order is placed in, what is frozen) are months of the plant's local time.
    pub utc_offset: String,
    /// The assembly lines and their share of each month's capacity.
    pub lines: Vec<LineFile>,
    /// The kit sources and their lead times.
    pub kits: Vec<KitFile>,
    /// The production phases, in order from `start`.
    pub phases: Vec<PhaseFile>,
}

/// One `[[lines]]` entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineFile {
    /// The id that catalog models name in `line`.
    pub id: String,
    /// A name for people.
    pub name: String,
    /// Per cent of each month's plant capacity; the lines' shares sum to 100.
    pub share: u32,
}

/// One `[[kits]]` entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KitFile {
    /// The id that catalog models name in `kit`.
    pub id: String,
    /// A name for people.
    pub name: String,
    /// Months from ordering a kit to building with it.
    pub lead_months: u32,
}

/// One `[[phases]]` entry: either a fixed number of `units` over `months` (with an optional `ramp`),
/// or a rate of `per_year` units; only the last phase may, and must, leave out `months`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseFile {
    /// A name for people (`SKD`, `full`).
    pub name: String,
    /// The phase's length; absent on the last, open-ended phase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<u32>,
    /// The units built over the whole phase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub units: Option<u32>,
    /// The units built in every 12 months of the phase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_year: Option<u32>,
    /// The capacities of the phase's first months (with `units` only); the rest share what is left.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ramp: Vec<u32>,
}

#[cfg(feature = "toml")]
impl PlantFile {
    /// Parses the text of `plant.toml` without checking it.
    pub fn from_toml_str(text: &str) -> Result<Self, super::PlantError> {
        toml::from_str(text).map_err(|error| {
            // The line number is what a person editing the file needs; toml's own rendering is
            // several lines long.
            let line = error.span().map_or(0, |span| {
                let before = text.get(..span.start).unwrap_or(text);
                before.bytes().filter(|&b| b == b'\n').count() + 1
            });
            super::PlantError::Toml {
                line,
                message: error.message().trim_end_matches('\n').to_owned(),
            }
        })
    }
}
