//! The bench's data folder: the real `catalog.toml`, and the real `plant.toml` with its capacities
//! scaled up until the history fits, as the plan bench scales its calendar (300 × the SKD phase,
//! 34 × the full phase, 132 months) for 300,000 order lines, in proportion for other sizes. The
//! server started by the bench loads this folder, so its calendar is the one the history was
//! planned on.

use std::{fmt::Write as _, path::Path};

use anyhow::Context as _;
use configurator_plan::PlantFile;
use configurator_server::data::{self, CATALOG_FILE, Data, PLANT_FILE};

/// Writes the data folder at `dir` for a history of `lines` order lines and loads it as the
/// server does.
pub fn write_data_dir(dir: &Path, lines: usize) -> anyhow::Result<Data> {
    let real = data::repository_data_dir();
    std::fs::create_dir_all(dir)?;
    std::fs::copy(real.join(CATALOG_FILE), dir.join(CATALOG_FILE))?;
    let text = std::fs::read_to_string(real.join(PLANT_FILE))?;
    let mut plant = PlantFile::from_toml_str(&text).context("data/plant.toml")?;
    let scale = |factor: usize| u32::try_from((factor * lines).div_ceil(300_000).max(1));
    let (skd, full) = (scale(300)?, scale(34)?);
    plant.version = format!("{}-bench-{lines}", plant.version);
    plant.max_horizon_months += 12;
    for phase in &mut plant.phases {
        phase.units = phase.units.map(|units| units * skd);
        phase.ramp.iter_mut().for_each(|units| *units *= skd);
        phase.per_year = phase.per_year.map(|units| units * full);
    }
    std::fs::write(dir.join(PLANT_FILE), to_toml(&plant)?)?;
    data::load(dir).context("the bench's data folder")
}

/// `plant` in the form of `plant.toml` (strings quoted as JSON strings, which TOML reads alike).
fn to_toml(plant: &PlantFile) -> anyhow::Result<String> {
    let quote = |text: &str| serde_json::to_string(text);
    let mut toml = String::new();
    writeln!(toml, "version = {}", quote(&plant.version)?)?;
    writeln!(toml, "start = {}", quote(&plant.start)?)?;
    writeln!(toml, "max_horizon_months = {}", plant.max_horizon_months)?;
    writeln!(toml, "frozen_months = {}", plant.frozen_months)?;
    writeln!(toml, "time_zone = {}", quote(&plant.time_zone)?)?;
    writeln!(toml, "utc_offset = {}", quote(&plant.utc_offset)?)?;
    for line in &plant.lines {
        writeln!(toml, "\n[[lines]]\nid = {}", quote(&line.id)?)?;
        writeln!(
            toml,
            "name = {}\nshare = {}",
            quote(&line.name)?,
            line.share
        )?;
    }
    for kit in &plant.kits {
        writeln!(toml, "\n[[kits]]\nid = {}", quote(&kit.id)?)?;
        writeln!(toml, "name = {}", quote(&kit.name)?)?;
        writeln!(toml, "lead_months = {}", kit.lead_months)?;
    }
    for phase in &plant.phases {
        writeln!(toml, "\n[[phases]]\nname = {}", quote(&phase.name)?)?;
        for (key, value) in [
            ("months", phase.months),
            ("units", phase.units),
            ("per_year", phase.per_year),
        ] {
            if let Some(value) = value {
                writeln!(toml, "{key} = {value}")?;
            }
        }
        if !phase.ramp.is_empty() {
            writeln!(toml, "ramp = {:?}", phase.ramp)?;
        }
    }
    Ok(toml)
}
