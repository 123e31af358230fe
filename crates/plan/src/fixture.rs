//! The plant of `data/plant.toml` written in code (feature `test-support`): the one plant calendar
//! that this crate's unit tests, integration tests and benchmarks build on, without parsing TOML.
//! `tests/data.rs` checks that it is the calendar of the real file.

use crate::{KitFile, LineFile, PhaseFile, PlantCalendar, PlantFile};

/// The calendar of `data/plant.toml`, its names for people shortened.
pub fn plant_file() -> PlantFile {
    PlantFile {
        version: "2027.1".into(),
        start: "2027-01".into(),
        max_horizon_months: 120,
        frozen_months: 1,
        time_zone: "Asia/Bishkek".into(),
        utc_offset: "+06:00".into(),
        lines: vec![
            LineFile {
                id: "passenger".into(),
                name: "Passenger".into(),
                share: 60,
            },
            LineFile {
                id: "commercial".into(),
                name: "Commercial".into(),
                share: 40,
            },
        ],
        kits: vec![
            KitFile {
                id: "uzauto".into(),
                name: "UzAuto".into(),
                lead_months: 2,
            },
            KitFile {
                id: "samauto".into(),
                name: "SamAuto".into(),
                lead_months: 3,
            },
        ],
        phases: vec![
            PhaseFile {
                name: "SKD".into(),
                months: Some(36),
                units: Some(10000),
                ramp: vec![60, 100, 150, 200, 240, 270],
                ..PhaseFile::default()
            },
            PhaseFile {
                name: "full".into(),
                per_year: Some(30000),
                ..PhaseFile::default()
            },
        ],
    }
}

/// [`plant_file`], checked.
pub fn calendar() -> PlantCalendar {
    PlantCalendar::from_file(&plant_file()).expect("the plant checks")
}
