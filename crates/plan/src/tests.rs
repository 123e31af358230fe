//! Unit tests of the calendar checks and capacities, built from the plant of [`crate::fixture`] (the
//! real `data/plant.toml` is loaded by `tests/data.rs`).

use super::*;
use crate::fixture::plant_file;

fn ym(s: &str) -> YearMonth {
    s.parse().expect("a valid month")
}

fn errors(raw: &PlantFile) -> Vec<String> {
    match PlantCalendar::from_file(raw) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.errors.iter().map(ToString::to_string).collect(),
    }
}

fn plant_total(calendar: &PlantCalendar, from: &str, months: u32) -> u32 {
    (0..months)
        .filter_map(|i| ym(from).add_months(i))
        .map(|month| calendar.plant_capacity(month))
        .sum()
}

#[test]
fn the_skd_phase_sums_to_its_units_and_a_full_year_to_its_rate() {
    let calendar = PlantCalendar::from_file(&plant_file()).expect("valid");
    assert_eq!(plant_total(&calendar, "2027-01", 36), 10_000);
    for year in 2030..2037 {
        assert_eq!(
            plant_total(&calendar, &format!("{year}-01"), 12),
            30_000,
            "{year}"
        );
    }
    assert_eq!(calendar.plant_capacity(ym("2027-01")), 60);
    assert_eq!(calendar.plant_capacity(ym("2030-01")), 2500);
    assert_eq!(
        calendar.plant_capacity(ym("2037-01")),
        0,
        "past the horizon"
    );
    assert_eq!(calendar.end(), ym("2036-12"));
}

#[test]
fn lines_split_each_month_by_share_exactly() {
    let calendar = PlantCalendar::from_file(&plant_file()).expect("valid");
    let passenger: LineId = "passenger".parse().expect("id");
    let commercial: LineId = "commercial".parse().expect("id");
    assert_eq!(calendar.capacity(&passenger, ym("2030-05")), Some(1500));
    assert_eq!(calendar.capacity(&commercial, ym("2030-05")), Some(1000));
    assert_eq!(calendar.capacity(&passenger, ym("2027-01")), Some(36));
    assert_eq!(calendar.capacity(&commercial, ym("2027-01")), Some(24));
    for i in 0..120 {
        let month = ym("2027-01").add_months(i).expect("month");
        let lines = calendar
            .capacity(&passenger, month)
            .zip(calendar.capacity(&commercial, month));
        assert_eq!(
            lines.map(|(p, c)| p + c),
            Some(calendar.plant_capacity(month))
        );
    }
}

#[test]
fn a_yearly_rate_with_a_remainder_still_sums_per_year() {
    let mut raw = plant_file();
    raw.phases[1].per_year = Some(30_007);
    let calendar = PlantCalendar::from_file(&raw).expect("valid");
    assert_eq!(plant_total(&calendar, "2030-01", 12), 30_007);
    assert_eq!(plant_total(&calendar, "2031-01", 12), 30_007);
}

#[test]
fn a_ramp_listing_every_month_is_used_as_written() {
    let mut raw = plant_file();
    raw.phases[0] = PhaseFile {
        name: "pilot".into(),
        months: Some(3),
        units: Some(60),
        ramp: vec![10, 20, 30],
        ..PhaseFile::default()
    };
    let calendar = PlantCalendar::from_file(&raw).expect("valid");
    let months: Vec<u32> = ["2027-01", "2027-02", "2027-03", "2027-04"]
        .map(|m| calendar.plant_capacity(ym(m)))
        .to_vec();
    assert_eq!(months, vec![10, 20, 30, 2500]);
}

#[test]
fn errors_name_the_path_and_the_value() {
    let mut raw = plant_file();
    raw.start = "2027-1".into();
    raw.lines[1].id = "Commercial".into();
    raw.kits[1].id = "uzauto".into();
    raw.phases[0].ramp = vec![300; 37];
    raw.frozen_months = 13;
    assert_eq!(
        errors(&raw),
        vec![
            "start: expected a month `YYYY-MM`, got `2027-1`",
            "frozen_months: expected 0 to 12, got `13`",
            "lines[1].id: expected an id like `passenger`, got `Commercial`",
            "kits[1].id: duplicate id `uzauto`",
            "phases[0].ramp: expected at most 36 months, got `37`",
        ]
    );
}

#[test]
fn phases_must_end_open_ended_and_add_up() {
    let mut raw = plant_file();
    raw.phases[1].months = Some(24);
    raw.phases[0].months = None;
    assert_eq!(
        errors(&raw),
        vec![
            "phases[0].months: missing, expected a length in months (only the last phase is open-ended)",
            "phases[1].months: expected none: the last phase is open-ended, it runs to the planning horizon, got `24`",
        ]
    );
    let mut raw = plant_file();
    raw.phases[0].ramp = vec![5000, 5001];
    raw.phases[1].ramp = vec![1];
    raw.phases[1].units = Some(1);
    assert_eq!(
        errors(&raw),
        vec![
            "phases[0].ramp: expected a sum of at most `units` 10000, got `10001`",
            "phases[1].per_year: expected none in a phase with `units`, got `set`",
            "phases[1].ramp: expected none except in a phase with `units` and `months`, got `set`",
        ]
    );
    let mut raw = plant_file();
    raw.phases[0].ramp = vec![1; 36];
    assert_eq!(
        errors(&raw),
        vec!["phases[0].ramp: expected every month listed, summing to `units` 10000, got `36`"]
    );
}

#[test]
fn lines_kits_and_horizon_are_checked() {
    let mut raw = plant_file();
    raw.lines[0].share = 50;
    raw.kits[0].lead_months = 25;
    raw.kits[1].name = " ".into();
    raw.max_horizon_months = 36;
    assert_eq!(
        errors(&raw),
        vec![
            "lines: expected shares summing to 100, got `90`",
            "kits[0].lead_months: expected 0 to 24 months, got `25`",
            "kits[1].name: expected a name, got ` `",
            "max_horizon_months: expected at least 37 to reach the last phase, got `36`",
        ]
    );
    let mut raw = plant_file();
    raw.lines.clear();
    raw.kits.clear();
    raw.phases.clear();
    raw.max_horizon_months = 0;
    assert_eq!(
        errors(&raw),
        vec![
            "max_horizon_months: expected 1 to 1200, got `0`",
            "lines: missing, expected at least one `[[lines]]`",
            "kits: missing, expected at least one `[[kits]]`",
            "phases: missing, expected at least one `[[phases]]`, the last one open-ended",
        ]
    );
    let mut raw = plant_file();
    raw.start = "9995-01".into();
    assert_eq!(
        errors(&raw),
        vec!["max_horizon_months: expected a horizon that ends by 9999-12, got `120`"]
    );
}

#[test]
fn summary_reads_like_check_data() {
    let calendar = PlantCalendar::from_file(&plant_file()).expect("valid");
    assert_eq!(
        calendar.summary().to_string(),
        "plant 2027.1: 2 lines, 2 kit sources, phases SKD 36 months 10000 units + full 30000/year, first month 2027-01, months in Asia/Bishkek time (UTC+06:00): ok"
    );
}

#[test]
fn the_plant_time_is_checked_and_exposed() {
    let calendar = PlantCalendar::from_file(&plant_file()).expect("valid");
    assert_eq!(calendar.time_zone(), "Asia/Bishkek");
    assert_eq!(calendar.utc_offset_minutes(), 360);
    assert_eq!(calendar.utc_offset().to_string(), "+06:00");
    for (offset, minutes) in [
        ("+00:00", 0),
        ("+05:45", 345),
        ("-03:30", -210),
        ("-12:00", -720),
        ("+14:00", 840),
    ] {
        let mut raw = plant_file();
        raw.utc_offset = offset.into();
        let calendar = PlantCalendar::from_file(&raw).expect(offset);
        assert_eq!(calendar.utc_offset_minutes(), minutes, "{offset}");
        assert_eq!(calendar.utc_offset().to_string(), offset, "round trip");
    }
    for offset in [
        "", "+6:00", "06:00", "+06", "+0600", "+06:60", "+14:01", "-12:01", "-00:00", "Z", "UTC",
        "+06:00 ", "+٠٦:00",
    ] {
        let mut raw = plant_file();
        raw.utc_offset = offset.into();
        assert_eq!(
            errors(&raw),
            vec![format!(
                "utc_offset: expected `+HH:MM` between -12:00 and +14:00, got `{offset}`"
            )]
        );
    }
    for zone in [
        "UTC",
        "Etc/GMT-6",
        "America/Argentina/Salta",
        "America/Port-au-Prince",
    ] {
        let mut raw = plant_file();
        raw.time_zone = zone.into();
        assert_eq!(errors(&raw), Vec::<String>::new(), "{zone}");
    }
    for zone in [
        "",
        "Asia/",
        "/Asia",
        "Asia Bishkek",
        "Asia//Bishkek",
        "+06:00",
        "Азия/Бишкек",
    ] {
        let mut raw = plant_file();
        raw.time_zone = zone.into();
        assert_eq!(
            errors(&raw),
            vec![format!(
                "time_zone: expected an IANA time zone name such as `Asia/Bishkek`, got `{zone}`"
            )]
        );
    }
}

#[test]
fn utc_offsets_are_minutes_east_of_utc() {
    let offset: UtcOffset = "-03:30".parse().expect("an offset");
    assert_eq!((offset.minutes(), offset.seconds()), (-210, -12_600));
    assert_eq!(
        UtcOffset::from_minutes(360)
            .map(|o| o.to_string())
            .as_deref(),
        Ok("+06:00")
    );
    assert!(UtcOffset::from_minutes(841).is_err());
    assert_eq!(UtcOffset::default(), UtcOffset::UTC);
    assert_eq!(
        "+15:00".parse::<UtcOffset>().map_err(|e| e.to_string()),
        Err("invalid UTC offset `+15:00`: expected `+HH:MM` between -12:00 and +14:00".to_owned())
    );
}

#[test]
fn frozen_months_are_the_current_one_and_the_next() {
    let calendar = PlantCalendar::from_file(&plant_file()).expect("valid");
    let today = ym("2028-03");
    assert!(calendar.is_frozen(ym("2028-02"), today));
    assert!(calendar.is_frozen(ym("2028-03"), today));
    assert!(calendar.is_frozen(ym("2028-04"), today));
    assert!(!calendar.is_frozen(ym("2028-05"), today));
}

#[test]
fn earliest_allowed_month_takes_lead_time_frozen_months_and_start() {
    let calendar = PlantCalendar::from_file(&plant_file()).expect("valid");
    let uzauto: KitId = "uzauto".parse().expect("id");
    let samauto: KitId = "samauto".parse().expect("id");
    assert_eq!(
        calendar.earliest_allowed(&uzauto, ym("2028-11")),
        Some(ym("2029-01"))
    );
    assert_eq!(
        calendar.earliest_allowed(&samauto, ym("2028-11")),
        Some(ym("2029-02"))
    );
    assert_eq!(
        calendar.earliest_allowed(&uzauto, ym("2026-06")),
        Some(ym("2027-01"))
    );
    let mut raw = plant_file();
    raw.frozen_months = 3;
    let calendar = PlantCalendar::from_file(&raw).expect("valid");
    assert_eq!(
        calendar.earliest_allowed(&samauto, ym("2028-11")),
        Some(ym("2029-03"))
    );
}
