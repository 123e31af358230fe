//! The data files of the data folder: `catalog.toml` and `plant.toml`, loaded, checked and
//! cross-checked (every model's `line` and `kit` exist in the plant), and `partners.toml` (optional:
//! without it there are no partners) checked against the catalog, with every error naming the
//! file and the entry: ``data/catalog.toml: models[8].line: line `commercial` of model
//! `dmax-single` is not in data/plant.toml``. The server loads them at start-up; `check-data`
//! prints a summary of each.

use std::{
    collections::BTreeMap,
    fmt,
    path::{Path, PathBuf},
};

use configurator_domain::{Catalog, CatalogError, ModelId};
use configurator_plan::{KitId, LineId, PlantCalendar, PlantError, PlantErrors};

use crate::partners::{Partners, file as partners_file};

/// The catalog's file name in the data folder.
pub const CATALOG_FILE: &str = "catalog.toml";
/// The plant calendar's file name in the data folder.
pub const PLANT_FILE: &str = "plant.toml";
/// The partner sites' file name in the data folder (optional).
pub const PARTNERS_FILE: &str = "partners.toml";

/// The checked data: the catalog, the plant's calendar, and where each model is built.
#[derive(Debug, Clone)]
pub struct Data {
    pub catalog: Catalog,
    pub calendar: PlantCalendar,
    /// Each model's assembly line and kit source, as the plant names them.
    pub routing: BTreeMap<ModelId, Routing>,
    /// The partner sites that embed the configurator; none without `partners.toml`.
    pub partners: Partners,
}

/// Where a model is built: its assembly line and the source of its kits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Routing {
    pub line: LineId,
    pub kit: KitId,
}

/// Every problem found in the data files, each naming the file and the entry; never empty.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct DataErrors(pub Vec<String>);

impl fmt::Display for DataErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join("\n"))
    }
}

/// Loads and checks every file and their cross-references.
pub fn load(dir: &Path) -> Result<Data, DataErrors> {
    let catalog_path = dir.join(CATALOG_FILE);
    let plant_path = dir.join(PLANT_FILE);
    let catalog = load_catalog(&catalog_path);
    let calendar = load_plant(&plant_path);
    match (catalog, calendar) {
        (Ok(catalog), Ok(calendar)) => {
            let routing = cross_check(&catalog, &calendar, &catalog_path, &plant_path);
            let partners = load_partners(&dir.join(PARTNERS_FILE), &catalog);
            let (routing, partners) = match (routing, partners) {
                (Ok(routing), Ok(partners)) => (routing, partners),
                (routing, partners) => {
                    let errors = [routing.err(), partners.err()];
                    return Err(DataErrors(
                        errors.into_iter().flatten().flat_map(|e| e.0).collect(),
                    ));
                }
            };
            Ok(Data {
                catalog,
                calendar,
                routing,
                partners,
            })
        }
        (catalog, calendar) => {
            let errors = [catalog.err(), calendar.err()]
                .into_iter()
                .flatten()
                .flat_map(|errors| errors.0)
                .collect();
            Err(DataErrors(errors))
        }
    }
}

/// What `check-data` prints for good data: one line per file, then the cross-check.
pub fn check(dir: &Path) -> Result<Vec<String>, DataErrors> {
    let data = load(dir)?;
    Ok(vec![
        format!("{}: ok", data.catalog.summary()),
        data.calendar.summary().to_string(),
        format!(
            "{} × {}: every model's line and kit is in the plant ({} models, {} lines, {} kit sources): ok",
            CATALOG_FILE,
            PLANT_FILE,
            data.routing.len(),
            data.calendar.lines().len(),
            data.calendar.kits().len()
        ),
        partners_summary(&data.partners),
    ])
}

/// `check-data`'s line for the partners.
fn partners_summary(partners: &Partners) -> String {
    let ids: Vec<&str> = partners.all().iter().map(|p| p.id.as_str()).collect();
    match ids.len() {
        0 => format!("{PARTNERS_FILE}: no partners"),
        n => format!(
            "{PARTNERS_FILE}: {n} partners ({}); every origin, market, language and model known: ok",
            ids.join(", ")
        ),
    }
}

/// The partners of `path` checked against `catalog`; none if the file does not exist.
fn load_partners(path: &Path, catalog: &Catalog) -> Result<Partners, DataErrors> {
    if !path.exists() {
        return Ok(Partners::default());
    }
    let shown = path.display();
    partners_file::parse(&read(path)?, catalog).map_err(|errors| {
        DataErrors(
            errors
                .iter()
                .map(|error| format!("{shown}: {error}"))
                .collect(),
        )
    })
}

fn read(path: &Path) -> Result<String, DataErrors> {
    std::fs::read_to_string(path)
        .map_err(|error| DataErrors(vec![format!("{}: cannot read: {error}", path.display())]))
}

fn load_catalog(path: &Path) -> Result<Catalog, DataErrors> {
    Catalog::from_toml_str(&read(path)?).map_err(|error| {
        let shown = path.display();
        DataErrors(match error {
            CatalogError::Syntax(message) => vec![format!("{shown}: {message}")],
            CatalogError::Invalid(errors) => errors
                .iter()
                .map(|error| format!("{shown}: {error}"))
                .collect(),
        })
    })
}

fn load_plant(path: &Path) -> Result<PlantCalendar, DataErrors> {
    PlantCalendar::from_toml_str(&read(path)?).map_err(|PlantErrors { errors }| {
        let shown = path.display();
        DataErrors(
            errors
                .iter()
                .map(|error| match error {
                    PlantError::Toml { line, message } => {
                        format!("{shown}: line {line}: {message}")
                    }
                    other => format!("{shown}: {other}"),
                })
                .collect(),
        )
    })
}

/// Every model's line and kit must be in the plant; errors name `models[i].line` / `.kit`.
fn cross_check(
    catalog: &Catalog,
    calendar: &PlantCalendar,
    catalog_path: &Path,
    plant_path: &Path,
) -> Result<BTreeMap<ModelId, Routing>, DataErrors> {
    let mut errors = Vec::new();
    let mut routing = BTreeMap::new();
    let (shown, plant) = (catalog_path.display(), plant_path.display());
    for (i, model) in catalog.models().iter().enumerate() {
        let line = model.line().as_str();
        let kit = model.kit().as_str();
        let id = model.id();
        let line = calendar.line(line).map(|l| l.id.clone()).ok_or_else(|| {
            format!("{shown}: models[{i}].line: line `{line}` of model `{id}` is not in {plant}")
        });
        let kit = calendar.kit(kit).map(|k| k.id.clone()).ok_or_else(|| {
            format!(
                "{shown}: models[{i}].kit: kit source `{kit}` of model `{id}` is not in {plant}"
            )
        });
        match (line, kit) {
            (Ok(line), Ok(kit)) => {
                routing.insert(model.id().clone(), Routing { line, kit });
            }
            (line, kit) => errors.extend([line.err(), kit.err()].into_iter().flatten()),
        }
    }
    if errors.is_empty() {
        Ok(routing)
    } else {
        Err(DataErrors(errors))
    }
}

/// The data folder of this repository, for tests and tools run from inside it.
pub fn repository_data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy_data(into: &Path) {
        for file in [CATALOG_FILE, PLANT_FILE] {
            std::fs::copy(repository_data_dir().join(file), into.join(file)).expect("copy");
        }
    }

    #[test]
    fn the_shipped_data_loads_and_every_model_is_routed() {
        let data = load(&repository_data_dir()).expect("the shipped data is good");
        assert_eq!(data.routing.len(), data.catalog.models().len());
    }

    #[test]
    fn a_model_line_missing_from_the_plant_names_the_model() {
        let folder = tempfile::tempdir().expect("temp");
        copy_data(folder.path());
        let plant = folder.path().join(PLANT_FILE);
        let text = std::fs::read_to_string(&plant).expect("read");
        let text = text
            .replace("id = \"commercial\"", "id = \"trucks\"")
            .replace("id = \"samauto\"", "id = \"samauto2\"");
        std::fs::write(&plant, text).expect("write");
        let errors = load(folder.path()).expect_err("bad cross-reference").0;
        assert!(
            errors.iter().any(
                |e| e.contains("models[") && e.contains("].line: line `commercial` of model `")
            ),
            "{errors:?}"
        );
        assert!(
            errors
                .iter()
                .any(|e| e.contains("].kit: kit source `samauto` of model `")),
            "{errors:?}"
        );
    }

    #[test]
    fn partners_are_optional_and_checked_with_their_path() {
        let folder = tempfile::tempdir().expect("temp");
        copy_data(folder.path());
        let data = load(folder.path()).expect("no partners file is fine");
        assert!(data.partners.all().is_empty());
        let partners = folder.path().join(PARTNERS_FILE);
        std::fs::write(&partners, "[[partners]]\nid = \"x\"\n").expect("write");
        let errors = load(folder.path()).expect_err("a bad partners file").0;
        assert!(
            errors[0].contains("partners.toml: ") && errors[0].contains("missing field"),
            "{errors:?}"
        );
    }

    #[test]
    fn errors_of_both_files_are_reported_with_their_paths() {
        let folder = tempfile::tempdir().expect("temp");
        copy_data(folder.path());
        std::fs::write(folder.path().join(PLANT_FILE), "version = 1\n").expect("write");
        std::fs::remove_file(folder.path().join(CATALOG_FILE)).expect("remove");
        let errors = load(folder.path()).expect_err("bad files").0;
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[0].contains("catalog.toml: cannot read"),
            "{errors:?}"
        );
        assert!(errors[1].contains("plant.toml: line 1"), "{errors:?}");
    }
}
