//! Checking `plant.toml`: every mistake is collected and reported with its path and the value found,
//! such as ``phases[0].ramp: expected at most 36 months, got `37` ``; a calendar is built only from
//! a file without any.

use std::collections::BTreeSet;
use std::fmt;

use super::calendar::{KitSource, PlantCalendar, PlantLine, UtcOffset};
use super::capacity;
use super::file::{PhaseFile, PlantFile};
use super::{KitId, LineId, YearMonth};

/// The longest planning horizon accepted: 100 years keeps every table small.
pub const MAX_HORIZON_MONTHS: u32 = 1200;
/// The longest frozen horizon accepted.
const MAX_FROZEN_MONTHS: u32 = 12;
/// The longest kit lead time accepted.
const MAX_LEAD_MONTHS: u32 = 24;

/// One mistake in `plant.toml`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlantError {
    /// The text is not TOML of the expected shape (a missing key, a wrong type, an unknown key).
    #[error("plant.toml line {line}: {message}")]
    Toml {
        /// The line of the file, from 1 (0 when unknown).
        line: usize,
        /// The parser's message.
        message: String,
    },
    /// A value is out of its range or malformed.
    #[error("{path}: expected {expected}, got `{got}`")]
    Invalid {
        /// Where: `phases[0].months`.
        path: String,
        /// What was expected there.
        expected: String,
        /// The value found.
        got: String,
    },
    /// A value is missing that this entry needs.
    #[error("{path}: missing, expected {expected}")]
    Missing {
        /// Where: `phases[0].months`.
        path: String,
        /// What was expected there.
        expected: String,
    },
    /// An id is given twice.
    #[error("{path}: duplicate id `{id}`")]
    Duplicate {
        /// Where: `lines[1].id`.
        path: String,
        /// The id given twice.
        id: String,
    },
}

/// Every mistake found in `plant.toml`, in file order; never empty.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct PlantErrors {
    /// The mistakes.
    pub errors: Vec<PlantError>,
}

impl fmt::Display for PlantErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl From<PlantError> for PlantErrors {
    fn from(error: PlantError) -> Self {
        Self {
            errors: vec![error],
        }
    }
}

fn invalid(
    path: impl Into<String>,
    expected: impl Into<String>,
    got: impl fmt::Display,
) -> PlantError {
    PlantError::Invalid {
        path: path.into(),
        expected: expected.into(),
        got: got.to_string(),
    }
}

fn missing(path: impl Into<String>, expected: impl Into<String>) -> PlantError {
    PlantError::Missing {
        path: path.into(),
        expected: expected.into(),
    }
}

impl PlantCalendar {
    /// Checks the file as written and builds the calendar, or reports every mistake.
    pub fn from_file(raw: &PlantFile) -> Result<Self, PlantErrors> {
        let mut errors = Vec::new();
        if raw.version.trim().is_empty() || raw.version.trim() != raw.version {
            errors.push(invalid(
                "version",
                "a version such as `2027.1`",
                &raw.version,
            ));
        }
        let start = raw.start.parse::<YearMonth>();
        if start.is_err() {
            errors.push(invalid("start", "a month `YYYY-MM`", &raw.start));
        }
        if !(1..=MAX_HORIZON_MONTHS).contains(&raw.max_horizon_months) {
            let expected = format!("1 to {MAX_HORIZON_MONTHS}");
            errors.push(invalid(
                "max_horizon_months",
                expected,
                raw.max_horizon_months,
            ));
        }
        if raw.frozen_months > MAX_FROZEN_MONTHS {
            let expected = format!("0 to {MAX_FROZEN_MONTHS}");
            errors.push(invalid("frozen_months", expected, raw.frozen_months));
        }
        if !is_time_zone_name(&raw.time_zone) {
            let expected = "an IANA time zone name such as `Asia/Bishkek`";
            errors.push(invalid("time_zone", expected, &raw.time_zone));
        }
        let utc_offset = raw.utc_offset.parse::<UtcOffset>();
        if utc_offset.is_err() {
            let expected = "`+HH:MM` between -12:00 and +14:00";
            errors.push(invalid("utc_offset", expected, &raw.utc_offset));
        }
        let lines = check_lines(raw, &mut errors);
        let kits = check_kits(raw, &mut errors);
        let fixed_months = check_phases(&raw.phases, &mut errors);
        let horizon_ok = (1..=MAX_HORIZON_MONTHS).contains(&raw.max_horizon_months);
        if horizon_ok && fixed_months >= raw.max_horizon_months {
            let expected = format!("at least {} to reach the last phase", fixed_months + 1);
            errors.push(invalid(
                "max_horizon_months",
                expected,
                raw.max_horizon_months,
            ));
        }
        let (start, utc_offset) = match (start, utc_offset) {
            (Ok(start), Ok(utc_offset)) if errors.is_empty() => (start, utc_offset),
            _ => return Err(PlantErrors { errors }),
        };
        if start
            .add_months(raw.max_horizon_months.saturating_sub(1))
            .is_none()
        {
            let expected = "a horizon that ends by 9999-12";
            return Err(invalid("max_horizon_months", expected, raw.max_horizon_months).into());
        }
        let phases = capacity::place_phases(&raw.phases, start);
        let shares: Vec<u32> = lines.iter().map(|line| line.share).collect();
        let capacity = capacity::line_capacities(&phases, raw.max_horizon_months, &shares);
        Ok(Self {
            version: raw.version.clone(),
            start,
            horizon: raw.max_horizon_months,
            frozen_months: raw.frozen_months,
            time_zone: raw.time_zone.clone(),
            utc_offset,
            lines,
            kits,
            phases,
            capacity,
        })
    }

    /// Parses and checks the text of `plant.toml`.
    #[cfg(feature = "toml")]
    pub fn from_toml_str(text: &str) -> Result<Self, PlantErrors> {
        Self::from_file(&PlantFile::from_toml_str(text)?)
    }
}

/// Parses and checks the text of `plant.toml`, for `configurator-server check-data`.
#[cfg(feature = "toml")]
pub fn check(text: &str) -> Result<super::Summary, PlantErrors> {
    PlantCalendar::from_toml_str(text).map(|calendar| calendar.summary())
}

/// Whether `name` looks like an IANA time zone name (`Asia/Bishkek`, `America/Argentina/Salta`,
/// `Etc/GMT-6`, `UTC`). Only its form is checked: the server has no time zone database, and goes by
/// `utc_offset`.
fn is_time_zone_name(name: &str) -> bool {
    let part_ok = |part: &str| {
        part.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+'))
    };
    name.len() <= 64 && name.split('/').all(part_ok)
}

fn check_name(path: String, name: &str, errors: &mut Vec<PlantError>) {
    if name.trim().is_empty() {
        errors.push(invalid(path, "a name", name));
    }
}

fn check_lines(raw: &PlantFile, errors: &mut Vec<PlantError>) -> Vec<PlantLine> {
    if raw.lines.is_empty() {
        errors.push(missing("lines", "at least one `[[lines]]`"));
    }
    let mut seen = BTreeSet::new();
    let mut lines = Vec::new();
    for (i, line) in raw.lines.iter().enumerate() {
        check_name(format!("lines[{i}].name"), &line.name, errors);
        if !(1..=100).contains(&line.share) {
            errors.push(invalid(
                format!("lines[{i}].share"),
                "a per cent from 1 to 100",
                line.share,
            ));
        }
        match line.id.parse::<LineId>() {
            Err(_) => errors.push(invalid(
                format!("lines[{i}].id"),
                "an id like `passenger`",
                &line.id,
            )),
            Ok(_) if !seen.insert(line.id.as_str()) => errors.push(PlantError::Duplicate {
                path: format!("lines[{i}].id"),
                id: line.id.clone(),
            }),
            Ok(id) => lines.push(PlantLine {
                id,
                name: line.name.clone(),
                share: line.share,
            }),
        }
    }
    let total: u64 = raw.lines.iter().map(|line| u64::from(line.share)).sum();
    if !raw.lines.is_empty() && total != 100 {
        errors.push(invalid("lines", "shares summing to 100", total));
    }
    lines
}

fn check_kits(raw: &PlantFile, errors: &mut Vec<PlantError>) -> Vec<KitSource> {
    if raw.kits.is_empty() {
        errors.push(missing("kits", "at least one `[[kits]]`"));
    }
    let mut seen = BTreeSet::new();
    let mut kits = Vec::new();
    for (i, kit) in raw.kits.iter().enumerate() {
        check_name(format!("kits[{i}].name"), &kit.name, errors);
        if kit.lead_months > MAX_LEAD_MONTHS {
            let expected = format!("0 to {MAX_LEAD_MONTHS} months");
            errors.push(invalid(
                format!("kits[{i}].lead_months"),
                expected,
                kit.lead_months,
            ));
        }
        match kit.id.parse::<KitId>() {
            Err(_) => errors.push(invalid(
                format!("kits[{i}].id"),
                "an id like `uzauto`",
                &kit.id,
            )),
            Ok(_) if !seen.insert(kit.id.as_str()) => errors.push(PlantError::Duplicate {
                path: format!("kits[{i}].id"),
                id: kit.id.clone(),
            }),
            Ok(id) => kits.push(KitSource {
                id,
                name: kit.name.clone(),
                lead_months: kit.lead_months,
            }),
        }
    }
    kits
}

/// Checks the phases; returns the months of the fixed (all but the last) phases.
fn check_phases(phases: &[PhaseFile], errors: &mut Vec<PlantError>) -> u32 {
    if phases.is_empty() {
        errors.push(missing(
            "phases",
            "at least one `[[phases]]`, the last one open-ended",
        ));
    }
    let last = phases.len().saturating_sub(1);
    let mut fixed_months = 0u32;
    for (i, phase) in phases.iter().enumerate() {
        let path = |key: &str| format!("phases[{i}].{key}");
        check_name(path("name"), &phase.name, errors);
        match (phase.units, phase.per_year) {
            (Some(_), Some(_)) => errors.push(invalid(
                path("per_year"),
                "none in a phase with `units`",
                "set",
            )),
            (None, None) => errors.push(missing(
                path("units"),
                "`units` (with `months`) or `per_year`",
            )),
            _ => {}
        }
        if i == last {
            if let Some(months) = phase.months {
                let expected =
                    "none: the last phase is open-ended, it runs to the planning horizon";
                errors.push(invalid(path("months"), expected, months));
            }
            if phase.per_year.is_none() {
                errors.push(missing(
                    path("per_year"),
                    "a yearly rate for the open-ended last phase",
                ));
            }
        } else {
            match phase.months {
                None => errors.push(missing(
                    path("months"),
                    "a length in months (only the last phase is open-ended)",
                )),
                Some(0) => errors.push(invalid(path("months"), "at least 1", 0)),
                Some(months) => {
                    fixed_months = fixed_months.saturating_add(months);
                }
            }
        }
        check_ramp(i, phase, errors);
    }
    fixed_months
}

fn check_ramp(i: usize, phase: &PhaseFile, errors: &mut Vec<PlantError>) {
    let path = format!("phases[{i}].ramp");
    if phase.ramp.is_empty() {
        return;
    }
    let (Some(units), None) = (phase.units, phase.per_year) else {
        errors.push(invalid(
            path,
            "none except in a phase with `units` and `months`",
            "set",
        ));
        return;
    };
    // A phase with `units` but no `months` is reported on `months`.
    let Some(months) = phase.months else { return };
    let listed = phase.ramp.len();
    let sum: u64 = phase.ramp.iter().map(|&units| u64::from(units)).sum();
    if listed > months as usize {
        errors.push(invalid(path, format!("at most {months} months"), listed));
    } else if listed == months as usize && sum != u64::from(units) {
        errors.push(invalid(
            path,
            format!("every month listed, summing to `units` {units}"),
            sum,
        ));
    } else if sum > u64::from(units) {
        errors.push(invalid(
            path,
            format!("a sum of at most `units` {units}"),
            sum,
        ));
    }
}
