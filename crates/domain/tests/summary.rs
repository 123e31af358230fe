//! `Catalog::summary`: the count of valid configurations agrees with trying every configuration
//! through `engine::check` (hand-written and generated inline catalogs, the small catalog, the two
//! smallest shipped models; the crate's own tests walk all 19), and the shipped catalog's line is
//! exactly what `check-data` prints.

mod common;

use std::collections::BTreeSet;
use std::fmt::Write as _;

use configurator_domain::CatalogSummary;
use configurator_domain::catalog::Body;
use configurator_domain::catalog::file::ModelFile;
use configurator_domain::engine::{Configuration, check};
use configurator_domain::{Catalog, Model};

/// The small catalog's head (version, exchange, markets, fleet discounts, fuel prices), without
/// its models.
fn head() -> &'static str {
    let at = common::SMALL
        .find("[[models]]")
        .expect("the small catalog has models");
    &common::SMALL[..at]
}

/// Every valid configuration of a model, counted by trying each (trim, powertrain, option set).
fn brute_force(model: &Model) -> u128 {
    let ids: Vec<_> = model.options().iter().map(|o| o.id.clone()).collect();
    assert!(
        ids.len() <= 16,
        "`{}` is too large to enumerate",
        model.id()
    );
    let mut n = 0;
    for t in model.trims() {
        for p in model.powertrains() {
            for bits in 0u32..1 << ids.len() {
                let options: BTreeSet<_> = ids
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| bits >> i & 1 == 1)
                    .map(|(_, id)| id.clone())
                    .collect();
                let config = Configuration {
                    model: model.id().clone(),
                    trim: t.id.clone(),
                    powertrain: p.id.clone(),
                    options,
                };
                n += u128::from(check(model, &config).is_empty());
            }
        }
    }
    n
}

/// The summary's count for the catalog with only this model.
fn counted(catalog: &Catalog, model: &ModelFile) -> u128 {
    let mut file = catalog.file().clone();
    file.models.retain(|m| m.id == model.id);
    let alone = Catalog::from_file(file).expect("one model of a valid catalog is valid");
    alone.summary().valid_configurations
}

fn assert_agrees(catalog: &Catalog) -> u128 {
    let mut total = 0;
    for (model, file) in catalog.models().iter().zip(&catalog.file().models) {
        let expected = brute_force(model);
        assert_eq!(counted(catalog, file), expected, "model `{}`", model.id());
        total += expected;
    }
    assert_eq!(catalog.summary().valid_configurations, total);
    total
}

#[test]
fn summary_counts_the_small_catalog_like_check() {
    let total = assert_agrees(&common::small());
    assert!(total > 0);
}

/// Every kind of rule, and a trim and powertrain pair that no option set can make valid.
const RULES: &str = r#"
[[models]]
id = "rules"
brand = "isuzu"
body = "truck"
line = "commercial"
kit = "samauto"
base_price = 100
maintenance_per_100km = 900
name = { en = "Rules", ru = "Rules", ky = "Rules", uz = "Rules" }

[models.specs]
seats = 2
payload_kg = 5000
engine = "5.2 L diesel"
power_hp = 150
fuel = "diesel"
consumption = "18"
length_mm = 7000
width_mm = 2200
height_mm = 2800
wheelbase_mm = 4200
gross_weight_kg = 9500

[[models.trims]]
id = "base"
price = 0
name = { en = "Base", ru = "Base", ky = "Base", uz = "Base" }

[[models.trims]]
id = "city"
price = 10
name = { en = "City", ru = "City", ky = "City", uz = "City" }
requires = ["abs"]

[[models.trims]]
id = "tipper"
price = 20
name = { en = "Tipper", ru = "Tipper", ky = "Tipper", uz = "Tipper" }
requires = ["pto", "abs"]

[[models.powertrains]]
id = "mt"
price = 0
transmission = "manual"
fuel = "diesel"
drive = "4x2"
power_hp = 150
name = { en = "MT", ru = "MT", ky = "MT", uz = "MT" }

[[models.powertrains]]
id = "amt"
price = 10
transmission = "automatic"
fuel = "diesel"
drive = "4x2"
power_hp = 150
trims = ["city", "tipper"]
requires = ["retarder"]
name = { en = "AMT", ru = "AMT", ky = "AMT", uz = "AMT" }

[[models.powertrains]]
id = "cng"
price = 10
transmission = "manual"
fuel = "cng"
drive = "4x2"
power_hp = 140
consumption = "27"
consumption_unit = "m3"
name = { en = "CNG", ru = "CNG", ky = "CNG", uz = "CNG" }

[[models.groups]]
id = "cab"
kind = "single"
required = true
name = { en = "Cab", ru = "Cab", ky = "Cab", uz = "Cab" }

[[models.groups.options]]
id = "day-cab"
price = 0
default = true
name = { en = "Day cab", ru = "Day cab", ky = "Day cab", uz = "Day cab" }
powertrains = ["mt", "amt"]

[[models.groups.options]]
id = "sleeper"
price = 10
name = { en = "Sleeper", ru = "Sleeper", ky = "Sleeper", uz = "Sleeper" }
trims = ["tipper"]

[[models.groups]]
id = "body"
kind = "single"
name = { en = "Body", ru = "Body", ky = "Body", uz = "Body" }

[[models.groups.options]]
id = "tipper-body"
price = 10
name = { en = "Tipper body", ru = "Tipper body", ky = "Tipper body", uz = "Tipper body" }
requires = ["pto"]
excludes = ["base"]

[[models.groups.options]]
id = "box"
price = 10
name = { en = "Box", ru = "Box", ky = "Box", uz = "Box" }
excludes = ["tipper", "cold"]

[[models.groups.options]]
id = "fridge"
price = 10
name = { en = "Refrigerated box", ru = "Refrigerated box", ky = "Refrigerated box", uz = "Refrigerated box" }
includes = ["cold"]
excludes = ["cng"]

[[models.groups]]
id = "equipment"
kind = "multi"
name = { en = "Equipment", ru = "Equipment", ky = "Equipment", uz = "Equipment" }

[[models.groups.options]]
id = "abs"
price = 10
name = { en = "ABS", ru = "ABS", ky = "ABS", uz = "ABS" }

[[models.groups.options]]
id = "pto"
price = 10
name = { en = "PTO", ru = "PTO", ky = "PTO", uz = "PTO" }
requires = ["abs"]

[[models.groups.options]]
id = "retarder"
price = 10
name = { en = "Retarder", ru = "Retarder", ky = "Retarder", uz = "Retarder" }
trims = ["city", "tipper"]

[[models.groups.options]]
id = "cold"
price = 10
name = { en = "Cold pack", ru = "Cold pack", ky = "Cold pack", uz = "Cold pack" }
requires = ["fridge"]

[[models.groups.options]]
id = "mirror-a"
price = 10
name = { en = "Mirror A", ru = "Mirror A", ky = "Mirror A", uz = "Mirror A" }
requires = ["mirror-b"]

[[models.groups.options]]
id = "mirror-b"
price = 10
name = { en = "Mirror B", ru = "Mirror B", ky = "Mirror B", uz = "Mirror B" }
requires = ["mirror-a"]

[[models.groups.options]]
id = "radio"
price = 10
name = { en = "Radio", ru = "Radio", ky = "Radio", uz = "Radio" }

[[models.groups.options]]
id = "mats"
price = 10
name = { en = "Mats", ru = "Mats", ky = "Mats", uz = "Mats" }
"#;

#[test]
fn summary_counts_every_kind_of_rule_like_check() {
    let catalog = Catalog::from_toml_str(&format!("{}{RULES}", head())).expect("valid");
    assert_agrees(&catalog);
    let summary = catalog.summary();
    assert_eq!((summary.options, summary.rules), (13, 18));
    // `(base, cng)` has no cab: the cab group is required, the day cab is not offered with CNG
    // and the sleeper needs the tipper trim.
    let model = &catalog.models()[0];
    let config = |trim: &str, powertrain: &str| Configuration {
        model: model.id().clone(),
        trim: trim.parse().expect("id"),
        powertrain: powertrain.parse().expect("id"),
        options: BTreeSet::new(),
    };
    assert!(!check(model, &config("base", "cng")).is_empty());
}

/// A deterministic xorshift generator, so a failure names its seed and reproduces.
struct Random(u64);

impl Random {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick(&mut self, of: &[String]) -> String {
        of[self.below(of.len() as u64) as usize].clone()
    }
    fn some(&mut self, of: &[String]) -> String {
        let list: Vec<_> = of
            .iter()
            .filter(|_| self.chance(50))
            .map(|id| format!("\"{id}\""))
            .collect();
        let list = if list.is_empty() {
            vec![format!("\"{}\"", of[0])]
        } else {
            list
        };
        format!("[{}]", list.join(", "))
    }
}

/// A random model: up to 3 trims and powertrains, up to 4 groups, up to 10 options, with random
/// rules of every kind. Many are refused by validation (an impossible option); those are skipped.
fn random_model(r: &mut Random) -> String {
    let trims: Vec<String> = (0..=r.below(3)).map(|i| format!("t{i}")).collect();
    let powertrains: Vec<String> = (0..=r.below(3)).map(|i| format!("p{i}")).collect();
    let sizes: Vec<u64> = (0..=r.below(4)).map(|_| 1 + r.below(3)).collect();
    let options: Vec<String> = (0..sizes.iter().sum()).map(|i| format!("o{i}")).collect();
    let head = RULES.split("[[models.trims]]").next().unwrap_or_default();
    let mut text = head.replace("\"rules\"", "\"random\"");
    for (i, t) in trims.iter().enumerate() {
        let _ = write!(text, "\n[[models.trims]]\nid = \"{t}\"\nprice = 0\n");
        let _ = writeln!(
            text,
            "name = {{ en = \"T\", ru = \"T\", ky = \"T\", uz = \"T\" }}"
        );
        if i > 0 && r.chance(30) {
            let _ = writeln!(text, "requires = [\"{}\"]", r.pick(&options));
        }
    }
    for (i, p) in powertrains.iter().enumerate() {
        let _ = write!(text, "\n[[models.powertrains]]\nid = \"{p}\"\nprice = 0\n");
        // The power of the head's specs: the model's figures are its default configuration's.
        text.push_str("transmission = \"manual\"\nfuel = \"diesel\"\ndrive = \"4x2\"\n");
        text.push_str(
            "power_hp = 150\nname = { en = \"P\", ru = \"P\", ky = \"P\", uz = \"P\" }\n",
        );
        if i > 0 && r.chance(30) {
            let _ = writeln!(text, "trims = {}", r.some(&trims));
        }
        if i > 0 && r.chance(20) {
            let _ = writeln!(text, "requires = [\"{}\"]", r.pick(&options));
        }
    }
    let everything: Vec<String> = options
        .iter()
        .chain(&trims)
        .chain(&powertrains)
        .cloned()
        .collect();
    let mut next = 0;
    for (g, size) in sizes.iter().enumerate() {
        let single = r.chance(50);
        let required = single && r.chance(50);
        let kind = if single { "single" } else { "multi" };
        let _ = write!(
            text,
            "\n[[models.groups]]\nid = \"g{g}\"\nkind = \"{kind}\"\n"
        );
        let _ = writeln!(text, "required = {required}");
        text.push_str("name = { en = \"G\", ru = \"G\", ky = \"G\", uz = \"G\" }\n");
        for k in 0..*size {
            let id = &options[next];
            next += 1;
            let _ = write!(
                text,
                "\n[[models.groups.options]]\nid = \"{id}\"\nprice = 0\n"
            );
            let _ = writeln!(
                text,
                "name = {{ en = \"O\", ru = \"O\", ky = \"O\", uz = \"O\" }}"
            );
            if required && k == 0 {
                text.push_str("default = true\n");
                continue;
            }
            for (rule, of) in [
                ("requires", &options),
                ("includes", &options),
                ("excludes", &everything),
            ] {
                let other = r.pick(of);
                if r.chance(15) && &other != id {
                    let _ = writeln!(text, "{rule} = [\"{other}\"]");
                }
            }
            if r.chance(20) {
                let _ = writeln!(text, "trims = {}", r.some(&trims));
            }
            if r.chance(20) {
                let _ = writeln!(text, "powertrains = {}", r.some(&powertrains));
            }
        }
    }
    text
}

#[test]
fn summary_counts_random_models_like_check() {
    let mut r = Random(0x9e37_79b9_7f4a_7c15);
    let mut tried = 0;
    for seed in 0..400 {
        let text = random_model(&mut r);
        let Ok(catalog) = Catalog::from_toml_str(&format!("{}{text}", head())) else {
            continue;
        };
        let model = &catalog.models()[0];
        assert_eq!(
            catalog.summary().valid_configurations,
            brute_force(model),
            "random model {seed}:\n{text}"
        );
        tried += 1;
    }
    println!("{tried} random models checked");
    assert!(tried >= 100, "only {tried} random models were valid");
}

fn shipped() -> Catalog {
    Catalog::from_toml_str(common::SHIPPED).expect("the shipped catalog is valid")
}

#[test]
fn summary_counts_the_two_smallest_shipped_models_like_check() {
    let catalog = shipped();
    let mut files: Vec<&ModelFile> = catalog.file().models.iter().collect();
    files.sort_by_key(|m| m.groups.iter().map(|g| g.options.len()).sum::<usize>());
    for file in files.into_iter().take(2) {
        let model = catalog.model(&file.id.parse().expect("id")).expect("model");
        let expected = brute_force(model);
        assert!(expected > 0);
        assert_eq!(counted(&catalog, file), expected, "model `{}`", file.id);
    }
}

#[test]
fn summary_of_the_shipped_catalog() {
    let summary: CatalogSummary = shipped().summary();
    assert_eq!(summary.models, 19);
    assert_eq!(
        summary.by_body,
        [
            (Body::Sedan, 5),
            (Body::Crossover, 1),
            (Body::Microvan, 1),
            (Body::Pickup, 4),
            (Body::Minibus, 2),
            (Body::Bus, 3),
            (Body::Truck, 3),
        ]
    );
    assert_eq!(
        (summary.options, summary.rules, summary.valid_configurations),
        (402, 194, 1_068_714)
    );
    assert_eq!(
        summary.to_string(),
        "catalog 2027.1: 19 models (5 sedans, 1 crossover, 1 microvan, 4 pickups, 2 minibuses, \
         3 buses, 3 trucks), 402 options, 194 rules, 1068714 valid configurations"
    );
}

#[test]
fn summary_words_agree_with_the_counts() {
    let summary = CatalogSummary {
        version: "1".to_owned(),
        models: 1,
        by_body: [
            (Body::Sedan, 0),
            (Body::Crossover, 0),
            (Body::Microvan, 0),
            (Body::Pickup, 0),
            (Body::Minibus, 1),
            (Body::Bus, 0),
            (Body::Truck, 0),
        ],
        options: 1,
        rules: 0,
        valid_configurations: 1,
    };
    assert_eq!(
        summary.to_string(),
        "catalog 1: 1 model (1 minibus), 1 option, 0 rules, 1 valid configuration"
    );
}
