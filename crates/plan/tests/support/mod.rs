//! Helpers shared by the integration tests: the plant of `data/plant.toml` written in code
//! (so the tests run without the `toml` feature), and short constructors.

#![allow(
    dead_code,
    reason = "each test file uses a different part of the helpers"
)]

use configurator_plan::{
    AllocationRequest, KitFile, KitId, LineFile, LineId, PhaseFile, PlantCalendar, PlantFile,
    YearMonth,
};

pub fn ym(s: &str) -> YearMonth {
    s.parse().expect("a valid month")
}

pub fn line(s: &str) -> LineId {
    s.parse().expect("a valid line id")
}

pub fn kit(s: &str) -> KitId {
    s.parse().expect("a valid kit id")
}

/// The same calendar as `data/plant.toml`.
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

pub fn calendar() -> PlantCalendar {
    PlantCalendar::from_file(&plant_file()).expect("the plant checks")
}

/// A Chevrolet Cobalt order line (passenger line, UzAuto kits).
pub fn cobalt(order_line: u64, quantity: u32, order_month: &str) -> AllocationRequest {
    AllocationRequest {
        order_line,
        line: line("passenger"),
        kit: kit("uzauto"),
        model: "cobalt".into(),
        quantity,
        order_month: ym(order_month),
    }
}

/// An Isuzu NPR order line (commercial line, SamAuto kits).
pub fn npr(order_line: u64, quantity: u32, order_month: &str) -> AllocationRequest {
    AllocationRequest {
        order_line,
        line: line("commercial"),
        kit: kit("samauto"),
        model: "npr".into(),
        quantity,
        order_month: ym(order_month),
    }
}
