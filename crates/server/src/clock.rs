//! What time it is: the month orders are placed in ("today" of the plan) and timestamps. Tests
//! fix the month and move it on; the server uses the system clock in UTC.

use std::{
    sync::{Arc, Mutex, PoisonError},
    time::{SystemTime, UNIX_EPOCH},
};

use configurator_domain::plan::YearMonth;

/// The system clock, or a month fixed (and movable) by a test.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    fixed: Option<Arc<Mutex<YearMonth>>>,
}

impl Clock {
    /// The system clock, UTC.
    pub fn system() -> Self {
        Self::default()
    }

    /// A clock whose month is `month` until [`Clock::set_month`] moves it.
    pub fn fixed(month: YearMonth) -> Self {
        Self {
            fixed: Some(Arc::new(Mutex::new(month))),
        }
    }

    /// Moves a fixed clock to `month` (no effect on the system clock).
    pub fn set_month(&self, month: YearMonth) {
        if let Some(fixed) = &self.fixed {
            *fixed.lock().unwrap_or_else(PoisonError::into_inner) = month;
        }
    }

    /// The current month.
    pub fn month(&self) -> YearMonth {
        match &self.fixed {
            Some(fixed) => *fixed.lock().unwrap_or_else(PoisonError::into_inner),
            None => {
                let (year, month, _) = civil_from_days(unix_seconds().div_euclid(86_400));
                // `civil_from_days` clamps to years 1..=9999 and months 1..=12.
                YearMonth::new(year, month).expect("a month in range")
            }
        }
    }

    /// Now as RFC 3339 in UTC, to the second: `2027-03-14T09:26:53Z`.
    pub fn timestamp(&self) -> String {
        rfc3339(unix_seconds())
    }
}

fn unix_seconds() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// `seconds` since the Unix epoch as RFC 3339, UTC.
pub fn rfc3339(seconds: i64) -> String {
    let (days, secs) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// The proleptic Gregorian date of a day count from 1970-01-01 (H. Hinnant's `civil_from_days`),
/// for years 1..=9999 (clamped outside).
fn civil_from_days(days: i64) -> (u16, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (
        u16::try_from(year.clamp(1, 9999)).unwrap_or(1),
        u8::try_from(month).unwrap_or(1),
        u8::try_from(day).unwrap_or(1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_days() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(rfc3339(1_795_000_000), "2026-11-18T11:06:40Z");
    }

    #[test]
    fn a_fixed_clock_moves_only_when_told() {
        let clock = Clock::fixed("2027-03".parse().expect("month"));
        let copy = clock.clone();
        assert_eq!(clock.month().to_string(), "2027-03");
        copy.set_month("2027-05".parse().expect("month"));
        assert_eq!(clock.month().to_string(), "2027-05");
    }
}
