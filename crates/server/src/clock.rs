//! What time it is: "this month" of the plan (the month orders are placed in, and so what is
//! frozen) and timestamps. The month is the plant's, not UTC's: the system time plus the plant's
//! fixed offset from `plant.toml` (Bishkek, `+06:00`), so an order sent at 00:30 on 1 February in
//! Bishkek (18:30 UTC on 31 January) is a February order. Timestamps stay RFC 3339 in UTC; the
//! rate limits count in milliseconds since the Unix epoch. Tests fix the month, or an instant, and
//! move it on.

use std::{
    sync::{Arc, Mutex, PoisonError},
    time::{SystemTime, UNIX_EPOCH},
};

use configurator_plan::{UtcOffset, YearMonth};

/// The system clock, or a month or an instant fixed (and movable) by a test.
#[derive(Debug, Clone)]
pub struct Clock {
    /// The plant's offset from UTC: months are months of its local time.
    offset: UtcOffset,
    fixed: Option<Arc<Mutex<Fixed>>>,
}

/// What a test fixed.
#[derive(Debug, Clone, Copy)]
enum Fixed {
    /// The month only; timestamps are the system's.
    Month(YearMonth),
    /// An instant, in seconds since the Unix epoch: the month and the timestamps.
    Instant(i64),
}

impl Clock {
    /// The system clock, its months those of local time at `offset` from UTC (the plant's,
    /// [`PlantCalendar::utc_offset`](configurator_plan::PlantCalendar::utc_offset)).
    pub fn system(offset: UtcOffset) -> Self {
        Self {
            offset,
            fixed: None,
        }
    }

    /// A clock whose month is `month` until [`Clock::set_month`] moves it; its timestamps are the
    /// system's. Its offset is UTC's (it matters only after [`Clock::set_instant`]).
    pub fn fixed(month: YearMonth) -> Self {
        Self {
            offset: UtcOffset::UTC,
            fixed: Some(Arc::new(Mutex::new(Fixed::Month(month)))),
        }
    }

    /// A clock stopped at `unix_seconds` (see [`parse_rfc3339`]), its months those of local time at
    /// `offset`, until [`Clock::set_instant`] moves it; its timestamps are that instant.
    pub fn fixed_at(offset: UtcOffset, unix_seconds: i64) -> Self {
        Self {
            offset,
            fixed: Some(Arc::new(Mutex::new(Fixed::Instant(unix_seconds)))),
        }
    }

    /// Moves a fixed clock to `month`, timestamps back to the system's (no effect on the system
    /// clock).
    pub fn set_month(&self, month: YearMonth) {
        self.set(Fixed::Month(month));
    }

    /// Moves a fixed clock to the instant `unix_seconds` (no effect on the system clock).
    pub fn set_instant(&self, unix_seconds: i64) {
        self.set(Fixed::Instant(unix_seconds));
    }

    fn set(&self, to: Fixed) {
        if let Some(fixed) = &self.fixed {
            *fixed.lock().unwrap_or_else(PoisonError::into_inner) = to;
        }
    }

    fn fixed_now(&self) -> Option<Fixed> {
        let fixed = self.fixed.as_ref()?;
        Some(*fixed.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// The offset from UTC that months are taken at.
    pub fn utc_offset(&self) -> UtcOffset {
        self.offset
    }

    /// The current month at the plant: the order month, "today" of the plan.
    pub fn month(&self) -> YearMonth {
        match self.fixed_now() {
            Some(Fixed::Month(month)) => month,
            Some(Fixed::Instant(seconds)) => month_at(seconds, self.offset),
            None => month_at(unix_seconds(), self.offset),
        }
    }

    /// Now as RFC 3339 in UTC, to the second: `2027-03-14T09:26:53Z`.
    pub fn timestamp(&self) -> String {
        match self.fixed_now() {
            Some(Fixed::Instant(seconds)) => rfc3339(seconds),
            Some(Fixed::Month(_)) | None => rfc3339(unix_seconds()),
        }
    }

    /// Now in milliseconds since the Unix epoch (a fixed instant's, or the system's): the time the
    /// rate limits count in, the same on every instance whose system clock is right.
    pub fn unix_millis(&self) -> i64 {
        match self.fixed_now() {
            Some(Fixed::Instant(seconds)) => seconds.saturating_mul(1000),
            Some(Fixed::Month(_)) | None => {
                since_epoch().map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
            }
        }
    }
}

/// The system's time since the Unix epoch (`None` before it).
fn since_epoch() -> Option<std::time::Duration> {
    SystemTime::now().duration_since(UNIX_EPOCH).ok()
}

fn unix_seconds() -> i64 {
    since_epoch().map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The month of local time at `offset` from UTC, `seconds` after the Unix epoch.
pub fn month_at(seconds: i64, offset: UtcOffset) -> YearMonth {
    let local = seconds.saturating_add(offset.seconds());
    let (year, month, _) = civil_from_days(local.div_euclid(86_400));
    // `civil_from_days` clamps to years 1..=9999 and months 1..=12.
    YearMonth::new(year, month).expect("a month in range")
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

/// Seconds since the Unix epoch of a UTC time written as [`rfc3339`] writes it,
/// `2027-01-31T18:30:00Z`; `None` for any other form or an impossible date or time.
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    let number = |from: usize, to: usize| -> Option<i64> {
        let part = bytes.get(from..to)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0, |n, &d| n * 10 + i64::from(d - b'0')))
    };
    let separators = [
        (4, b'-'),
        (7, b'-'),
        (10, b'T'),
        (13, b':'),
        (16, b':'),
        (19, b'Z'),
    ];
    if bytes.len() != 20 || separators.iter().any(|&(i, c)| bytes[i] != c) {
        return None;
    }
    let (year, month, day) = (number(0, 4)?, number(5, 7)?, number(8, 10)?);
    let (hour, minute, second) = (number(11, 13)?, number(14, 16)?, number(17, 19)?);
    let date = (
        u16::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    );
    let days = days_from_civil(year, month, day);
    // A day past the end of its month comes back as another date.
    let real_date = year >= 1 && civil_from_days(days) == date;
    (real_date && hour < 24 && minute < 60 && second < 60)
        .then_some(days * 86_400 + hour * 3600 + minute * 60 + second)
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

/// The day count from 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`);
/// a day past the end of its month counts on into the next.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> i64 {
        parse_rfc3339(text).unwrap_or_else(|| panic!("not a UTC time: {text}"))
    }

    fn bishkek() -> UtcOffset {
        "+06:00".parse().expect("an offset")
    }

    #[test]
    fn dates_from_days() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(rfc3339(1_795_000_000), "2026-11-18T11:06:40Z");
    }

    #[test]
    fn days_from_dates_and_back() {
        for days in [-719_162, -1, 0, 19_782, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(
                days_from_civil(y.into(), m.into(), d.into()),
                days,
                "{y}-{m}-{d}"
            );
        }
        for text in [
            "1970-01-01T00:00:00Z",
            "2024-02-29T23:59:59Z",
            "2027-01-31T18:30:00Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
        ] {
            assert_eq!(rfc3339(at(text)), text);
        }
        assert_eq!(at("2026-11-18T11:06:40Z"), 1_795_000_000);
    }

    #[test]
    fn only_the_utc_form_of_rfc3339_parses() {
        for text in [
            "",
            "2027-01-31",
            "2027-01-31T18:30:00",
            "2027-01-31T18:30:00+06:00",
            "2027-01-31 18:30:00Z",
            "2027-01-31T18:30:00.5Z",
            "2027-02-29T00:00:00Z",
            "2027-13-01T00:00:00Z",
            "2027-00-01T00:00:00Z",
            "2027-01-00T00:00:00Z",
            "0000-01-01T00:00:00Z",
            "2027-01-31T24:00:00Z",
            "2027-01-31T23:60:00Z",
            "2027-01-31T23:59:60Z",
            "+027-01-31T18:30:00Z",
        ] {
            assert_eq!(parse_rfc3339(text), None, "{text}");
        }
    }

    #[test]
    fn months_turn_at_midnight_in_the_plants_time() {
        let month = |text: &str| month_at(at(text), bishkek()).to_string();
        assert_eq!(month("2027-01-31T17:59:59Z"), "2027-01");
        assert_eq!(
            month("2027-01-31T18:00:00Z"),
            "2027-02",
            "midnight in Bishkek"
        );
        assert_eq!(month("2027-01-31T18:30:00Z"), "2027-02");
        assert_eq!(month("2027-12-31T17:59:59Z"), "2027-12");
        assert_eq!(month("2027-12-31T18:00:00Z"), "2028-01", "a new year");
        assert_eq!(month("2028-02-29T18:00:00Z"), "2028-03", "a leap day");
        // West of UTC the month turns later than in UTC.
        let west: UtcOffset = "-05:00".parse().expect("an offset");
        assert_eq!(
            month_at(at("2027-02-01T04:59:59Z"), west).to_string(),
            "2027-01"
        );
        assert_eq!(
            month_at(at("2027-02-01T05:00:00Z"), west).to_string(),
            "2027-02"
        );
        assert_eq!(
            month_at(at("2027-02-01T00:00:00Z"), UtcOffset::UTC).to_string(),
            "2027-02"
        );
    }

    #[test]
    fn a_clock_fixed_at_an_instant_gives_the_plants_month_and_a_utc_timestamp() {
        let clock = Clock::fixed_at(bishkek(), at("2027-01-31T17:59:59Z"));
        assert_eq!(clock.month().to_string(), "2027-01");
        assert_eq!(clock.timestamp(), "2027-01-31T17:59:59Z");
        let copy = clock.clone();
        copy.set_instant(at("2027-01-31T18:00:00Z"));
        assert_eq!(clock.month().to_string(), "2027-02");
        assert_eq!(
            clock.timestamp(),
            "2027-01-31T18:00:00Z",
            "timestamps stay UTC"
        );
        clock.set_instant(at("2027-12-31T18:00:00Z"));
        assert_eq!(clock.month().to_string(), "2028-01");
        assert_eq!(clock.utc_offset(), bishkek());
        assert_eq!(clock.unix_millis(), at("2027-12-31T18:00:00Z") * 1000);
    }

    #[test]
    fn a_fixed_clock_moves_only_when_told() {
        let clock = Clock::fixed("2027-03".parse().expect("month"));
        let copy = clock.clone();
        assert_eq!(clock.month().to_string(), "2027-03");
        copy.set_month("2027-05".parse().expect("month"));
        assert_eq!(clock.month().to_string(), "2027-05");
    }

    #[test]
    fn the_system_clock_reads_the_month_at_its_offset() {
        let clock = Clock::system(bishkek());
        let before = month_at(unix_seconds(), bishkek());
        let month = clock.month();
        let after = month_at(unix_seconds(), bishkek());
        assert!(
            before <= month && month <= after,
            "{before} {month} {after}"
        );
        clock.set_month(YearMonth::new(2000, 1).expect("month"));
        assert!(clock.month() >= before, "a system clock cannot be moved");
        assert!(parse_rfc3339(&clock.timestamp()).is_some());
        let seconds = unix_seconds();
        assert!((clock.unix_millis() / 1000 - seconds).abs() <= 1);
    }
}
