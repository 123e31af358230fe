//! The real `data/plant.toml`: it checks, its phases sum right, it is the calendar the other tests
//! build in code, and TOML-level mistakes are reported with a line number.

mod support;

use configurator_plan::fixture::{calendar, plant_file};
use configurator_plan::{PlantCalendar, PlantError, PlantFile};
use support::{line, ym};

const PLANT: &str = include_str!("../../../data/plant.toml");

fn real() -> PlantCalendar {
    PlantCalendar::from_toml_str(PLANT).unwrap_or_else(|errors| panic!("plant.toml:\n{errors}"))
}

#[test]
fn the_real_calendar_checks_with_the_expected_summary() {
    let summary = configurator_plan::check(PLANT).map(|s| s.to_string());
    assert_eq!(
        summary.as_deref(),
        Ok(
            "plant 2027.1: 2 lines, 2 kit sources, phases SKD 36 months 10000 units + full 30000/year, first month 2027-01, months in Asia/Bishkek time (UTC+06:00): ok"
        )
    );
}

#[test]
fn the_real_calendar_sums_right() {
    let calendar = real();
    let total = |from: &str, months: u32| -> u32 {
        (0..months)
            .filter_map(|i| ym(from).add_months(i))
            .map(|m| calendar.plant_capacity(m))
            .sum()
    };
    assert_eq!(total("2027-01", 36), 10_000, "the SKD phase");
    for year in 2030..=2036 {
        assert_eq!(total(&format!("{year}-01"), 12), 30_000, "{year}");
    }
    assert_eq!(calendar.end(), ym("2036-12"));
    assert_eq!(
        calendar.capacity(&line("passenger"), ym("2031-06")),
        Some(1500)
    );
    assert_eq!(
        calendar.capacity(&line("commercial"), ym("2031-06")),
        Some(1000)
    );
    // Ramping up: no month of the SKD phase has less capacity than the one before.
    let skd: Vec<u32> = (0..36)
        .filter_map(|i| ym("2027-01").add_months(i))
        .map(|m| calendar.plant_capacity(m))
        .collect();
    assert!(skd.windows(2).all(|w| w[0] <= w[1]), "{skd:?}");
    let leads: Vec<_> = calendar
        .kits()
        .iter()
        .map(|k| (k.id.as_str(), k.lead_months))
        .collect();
    assert_eq!(leads, vec![("uzauto", 2), ("samauto", 3)]);
    assert_eq!(calendar.frozen_months(), 1);
    assert_eq!(calendar.time_zone(), "Asia/Bishkek");
    assert_eq!(
        calendar.utc_offset_minutes(),
        6 * 60,
        "UTC+6, no daylight saving time"
    );
}

#[test]
fn the_test_calendar_is_the_real_one() {
    assert_eq!(real().summary(), calendar().summary());
    assert_eq!(
        PlantFile::from_toml_str(PLANT).map(|raw| raw.phases),
        Ok(plant_file().phases)
    );
}

#[test]
fn toml_mistakes_name_the_line() {
    let misspelt = PLANT.replace("lead_months = 3", "lead_month = 3");
    let error = PlantCalendar::from_toml_str(&misspelt).expect_err("unknown key");
    let line = PLANT
        .lines()
        .position(|l| l.starts_with("lead_months = 3"))
        .map(|i| i + 1);
    match &error.errors[..] {
        [PlantError::Toml { line: at, message }] => {
            assert_eq!(Some(*at), line);
            assert!(message.contains("lead_month"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    // The plant's clock is required: without it, months would silently be UTC months.
    let without = PLANT.replace("utc_offset = \"+06:00\"", "");
    let error = PlantCalendar::from_toml_str(&without).expect_err("no offset");
    match &error.errors[..] {
        [PlantError::Toml { message, .. }] => {
            assert!(message.contains("missing field `utc_offset`"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    let bad = PLANT.replace("utc_offset = \"+06:00\"", "utc_offset = \"+6\"");
    let error = PlantCalendar::from_toml_str(&bad).expect_err("a bad offset");
    assert_eq!(
        error.to_string(),
        "utc_offset: expected `+HH:MM` between -12:00 and +14:00, got `+6`"
    );
    let short = PLANT.replace("months = 36", "months = 3");
    let error = PlantCalendar::from_toml_str(&short).expect_err("the ramp is longer");
    assert_eq!(
        error.to_string(),
        "phases[0].ramp: expected at most 3 months, got `6`"
    );
}
