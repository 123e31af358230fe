//! `PlantCalendar`: the validated capacity calendar, with every month's capacity per line worked
//! out once, from `start` to the end of the planning horizon, and the plant's local time
//! ([`UtcOffset`]) in which its months begin and end.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use super::{KitId, LineId, YearMonth};

/// An assembly line and its share of the plant's monthly capacity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlantLine {
    /// The id that catalog models name in `line`.
    pub id: LineId,
    /// A name for people.
    pub name: String,
    /// Per cent of each month's plant capacity.
    pub share: u32,
}

/// A kit source and its lead time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KitSource {
    /// The id that catalog models name in `kit`.
    pub id: KitId,
    /// A name for people.
    pub name: String,
    /// Months from ordering a kit to building with it.
    pub lead_months: u32,
}

/// A production phase as checked, with the month it begins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Phase {
    /// A name for people (`SKD`, `full`).
    pub name: String,
    /// The phase's first month.
    pub first: YearMonth,
    /// The phase's length; `None` for the last, open-ended phase.
    pub months: Option<u32>,
    /// Units over the whole phase, for a phase given that way.
    pub units: Option<u32>,
    /// Units in every 12 months, for a phase given that way.
    pub per_year: Option<u32>,
    /// The capacities of the first months, as written.
    pub ramp: Vec<u32>,
}

/// A fixed offset from UTC, written `+HH:MM` or `-HH:MM` (`+06:00`), from -12:00 to +14:00. A
/// fixed offset, not a time zone: right for a plant whose zone has no daylight saving time
/// (Kyrgyzstan has had none since 2005).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct UtcOffset {
    minutes: i16,
}

/// An offset that is not `+HH:MM` or `-HH:MM` between -12:00 and +14:00.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid UTC offset `{value}`: expected `+HH:MM` between -12:00 and +14:00")]
pub struct UtcOffsetError {
    /// The text that was given.
    pub value: String,
}

impl UtcOffset {
    /// UTC itself, `+00:00`.
    pub const UTC: Self = Self { minutes: 0 };
    /// The westernmost offset accepted, -12:00, in minutes.
    pub const MIN_MINUTES: i32 = -12 * 60;
    /// The easternmost offset accepted, +14:00, in minutes.
    pub const MAX_MINUTES: i32 = 14 * 60;

    /// The offset of `minutes` east of UTC (negative: west).
    pub fn from_minutes(minutes: i32) -> Result<Self, UtcOffsetError> {
        match i16::try_from(minutes) {
            Ok(m) if (Self::MIN_MINUTES..=Self::MAX_MINUTES).contains(&minutes) => {
                Ok(Self { minutes: m })
            }
            _ => Err(UtcOffsetError {
                value: format!("{minutes} minutes"),
            }),
        }
    }

    /// Minutes east of UTC (negative: west): 360 for `+06:00`.
    pub fn minutes(self) -> i32 {
        i32::from(self.minutes)
    }

    /// Seconds east of UTC (negative: west), to add to a UTC time to get the local time.
    pub fn seconds(self) -> i64 {
        i64::from(self.minutes) * 60
    }
}

impl FromStr for UtcOffset {
    type Err = UtcOffsetError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let error = || UtcOffsetError {
            value: s.to_owned(),
        };
        let bytes = s.as_bytes();
        let digits = |range: std::ops::Range<usize>| -> Option<i32> {
            let part = bytes.get(range)?;
            part.iter()
                .all(u8::is_ascii_digit)
                .then(|| part.iter().fold(0, |n, &d| n * 10 + i32::from(d - b'0')))
        };
        let sign = match bytes.first() {
            Some(b'+') => 1,
            Some(b'-') => -1,
            _ => return Err(error()),
        };
        let (Some(hours), Some(b':'), Some(minutes), 6) =
            (digits(1..3), bytes.get(3), digits(4..6), bytes.len())
        else {
            return Err(error());
        };
        // `-00:00` means "local offset unknown" in RFC 3339: not a plant's offset.
        if minutes >= 60 || (sign < 0 && hours == 0 && minutes == 0) {
            return Err(error());
        }
        Self::from_minutes(sign * (hours * 60 + minutes)).map_err(|_| error())
    }
}

impl fmt::Display for UtcOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.minutes < 0 { '-' } else { '+' };
        let minutes = self.minutes.unsigned_abs();
        write!(f, "{sign}{:02}:{:02}", minutes / 60, minutes % 60)
    }
}

impl Serialize for UtcOffset {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The plant's validated capacity calendar. Only [`PlantCalendar::from_file`] makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlantCalendar {
    pub(super) version: String,
    pub(super) start: YearMonth,
    pub(super) horizon: u32,
    pub(super) frozen_months: u32,
    pub(super) time_zone: String,
    pub(super) utc_offset: UtcOffset,
    pub(super) lines: Vec<PlantLine>,
    pub(super) kits: Vec<KitSource>,
    pub(super) phases: Vec<Phase>,
    /// `capacity[line][i]`: the capacity of line `line` (index into `lines`) in month `start + i`.
    pub(super) capacity: Vec<Vec<u32>>,
}

impl PlantCalendar {
    /// The calendar's version (`2027.1`).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The first month of production.
    pub fn start(&self) -> YearMonth {
        self.start
    }

    /// The last month orders may be planned into: `start + max_horizon_months - 1`.
    pub fn end(&self) -> YearMonth {
        self.month(self.horizon - 1)
    }

    /// How many months, from `start`, orders may be planned into.
    pub fn horizon_months(&self) -> u32 {
        self.horizon
    }

    /// Months after the current one that are frozen; see [`PlantCalendar::is_frozen`].
    pub fn frozen_months(&self) -> u32 {
        self.frozen_months
    }

    /// The plant's time zone as written in `plant.toml` (`Asia/Bishkek`), for people.
    pub fn time_zone(&self) -> &str {
        &self.time_zone
    }

    /// The plant's offset from UTC: the plan's months are months of this local time.
    pub fn utc_offset(&self) -> UtcOffset {
        self.utc_offset
    }

    /// The plant's offset from UTC in minutes (360 for `+06:00`).
    pub fn utc_offset_minutes(&self) -> i32 {
        self.utc_offset.minutes()
    }

    /// Whether `month`'s plan is fixed as seen in month `today`: the current month and the next
    /// `frozen_months` months (and every past month) are. No new order is planned into a frozen
    /// month, and an order line with a part in a frozen month cannot be cancelled.
    pub fn is_frozen(&self, month: YearMonth, today: YearMonth) -> bool {
        month.index() <= today.index() + self.frozen_months
    }

    /// The lines, in file order.
    pub fn lines(&self) -> &[PlantLine] {
        &self.lines
    }

    /// The kit sources, in file order.
    pub fn kits(&self) -> &[KitSource] {
        &self.kits
    }

    /// The phases, in order.
    pub fn phases(&self) -> &[Phase] {
        &self.phases
    }

    /// The line with this id, if the plant has it (catalog cross-checks use this).
    pub fn line(&self, id: &str) -> Option<&PlantLine> {
        self.lines.iter().find(|line| line.id.as_str() == id)
    }

    /// The kit source with this id, if the plant has it (catalog cross-checks use this).
    pub fn kit(&self, id: &str) -> Option<&KitSource> {
        self.kits.iter().find(|kit| kit.id.as_str() == id)
    }

    /// The capacity of `line` in `month`; `None` for an unknown line or a month outside
    /// `start..=end`.
    pub fn capacity(&self, line: &LineId, month: YearMonth) -> Option<u32> {
        let line = self.line_index(line)?;
        let i = self.month_index(month)?;
        Some(self.capacity[line][i])
    }

    /// The plant's capacity in `month`, all lines together; 0 outside `start..=end`.
    pub fn plant_capacity(&self, month: YearMonth) -> u32 {
        self.month_index(month)
            .map_or(0, |i| self.capacity.iter().map(|line| line[i]).sum())
    }

    /// The earliest month an order placed in `order_month` may be built in with kits from `kit`,
    /// before looking at capacity: not before `start`, not before `order_month + lead_months`, and
    /// past the frozen months. `None` for an unknown kit.
    pub fn earliest_allowed(&self, kit: &KitId, order_month: YearMonth) -> Option<YearMonth> {
        let index = self.earliest_index(self.kit_lead(kit)?, order_month);
        YearMonth::from_index(index)
    }

    /// A summary of the calendar for `configurator-server check-data`.
    pub fn summary(&self) -> Summary {
        Summary {
            version: self.version.clone(),
            lines: self.lines.len(),
            kits: self.kits.len(),
            phases: self.phases.clone(),
            start: self.start,
            end: self.end(),
            time_zone: self.time_zone.clone(),
            utc_offset: self.utc_offset,
        }
    }

    pub(super) fn line_index(&self, line: &LineId) -> Option<usize> {
        self.lines.iter().position(|l| &l.id == line)
    }

    pub(super) fn kit_lead(&self, kit: &KitId) -> Option<u32> {
        self.kits
            .iter()
            .find(|k| &k.id == kit)
            .map(|k| k.lead_months)
    }

    /// Index (months from `start`) of `month`, if it is inside the horizon.
    pub(super) fn month_index(&self, month: YearMonth) -> Option<usize> {
        let i = month.months_since(self.start)?;
        (i < self.horizon).then_some(i as usize)
    }

    /// The month `i` months from `start`; `i` is inside the horizon, which `from_file` checked
    /// does not pass the year 9999.
    pub(super) fn month(&self, i: u32) -> YearMonth {
        YearMonth::from_index(self.start.index() + i).unwrap_or(self.start)
    }

    /// The earliest allowed month as an absolute month index (see [`YearMonth::index`]).
    pub(super) fn earliest_index(&self, lead_months: u32, order_month: YearMonth) -> u32 {
        let wait = lead_months.max(self.frozen_months + 1);
        (order_month.index() + wait).max(self.start.index())
    }
}

/// What `configurator-server check-data` prints for a good calendar:
/// `plant 2027.1: 2 lines, 2 kit sources, phases SKD 36 months 10000 units + full 30000/year, first
/// month 2027-01, months in Asia/Bishkek time (UTC+06:00): ok`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// The calendar's version.
    pub version: String,
    /// How many assembly lines.
    pub lines: usize,
    /// How many kit sources.
    pub kits: usize,
    /// The phases.
    pub phases: Vec<Phase>,
    /// The first month of production.
    pub start: YearMonth,
    /// The last month of the planning horizon.
    pub end: YearMonth,
    /// The plant's time zone, as written.
    pub time_zone: String,
    /// The plant's offset from UTC.
    pub utc_offset: UtcOffset,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        write!(
            f,
            "plant {}: {} line{}, {} kit source{}, phases ",
            self.version,
            self.lines,
            plural(self.lines),
            self.kits,
            plural(self.kits)
        )?;
        for (i, phase) in self.phases.iter().enumerate() {
            if i > 0 {
                f.write_str(" + ")?;
            }
            f.write_str(&phase.name)?;
            if let Some(months) = phase.months {
                write!(f, " {months} months")?;
            }
            if let Some(units) = phase.units {
                write!(f, " {units} units")?;
            }
            if let Some(per_year) = phase.per_year {
                write!(f, " {per_year}/year")?;
            }
        }
        write!(
            f,
            ", first month {}, months in {} time (UTC{}): ok",
            self.start, self.time_zone, self.utc_offset
        )
    }
}
