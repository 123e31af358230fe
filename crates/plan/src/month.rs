//! `YearMonth`: a calendar month such as `2027-01`, the unit of the production plan.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A calendar month, written `YYYY-MM` (`2027-01`). Ordered by time; the year is 1..=9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct YearMonth {
    // Field order matters: the derived ordering compares the year first.
    year: u16,
    month: u8,
}

/// A month that is not `YYYY-MM` with a month from 01 to 12 (or a year outside 1..=9999).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid month `{value}`: expected `YYYY-MM`, such as `2027-01`")]
pub struct YearMonthError {
    /// The text that was given.
    pub value: String,
}

impl YearMonth {
    /// The month `month` (1..=12) of `year` (1..=9999).
    pub fn new(year: u16, month: u8) -> Result<Self, YearMonthError> {
        if (1..=9999).contains(&year) && (1..=12).contains(&month) {
            Ok(Self { year, month })
        } else {
            Err(YearMonthError {
                value: format!("{year:04}-{month:02}"),
            })
        }
    }

    /// The year, 1..=9999.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month of the year, 1..=12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The month `n` months later, or `None` past the year 9999.
    pub fn add_months(self, n: u32) -> Option<Self> {
        self.index().checked_add(n).and_then(Self::from_index)
    }

    /// How many months `self` is after `earlier`, or `None` if `earlier` is later than `self`.
    pub fn months_since(self, earlier: Self) -> Option<u32> {
        self.index().checked_sub(earlier.index())
    }

    /// Months counted from January of year 0: a continuous number that arithmetic is done on.
    pub(crate) fn index(self) -> u32 {
        u32::from(self.year) * 12 + u32::from(self.month) - 1
    }

    pub(crate) fn from_index(index: u32) -> Option<Self> {
        let year = u16::try_from(index / 12).ok()?;
        let month = u8::try_from(index % 12 + 1).ok()?;
        Self::new(year, month).ok()
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for YearMonth {
    type Err = YearMonthError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let error = || YearMonthError {
            value: s.to_owned(),
        };
        let bytes = s.as_bytes();
        let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
        if bytes.len() != 7 || bytes[4] != b'-' || !digits(0..4) || !digits(5..7) {
            return Err(error());
        }
        let year = s[0..4].parse().map_err(|_| error())?;
        let month = s[5..7].parse().map_err(|_| error())?;
        Self::new(year, month).map_err(|_| error())
    }
}

impl TryFrom<String> for YearMonth {
    type Error = YearMonthError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<YearMonth> for String {
    fn from(value: YearMonth) -> Self {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(s: &str) -> YearMonth {
        s.parse().expect("a valid month")
    }

    #[test]
    fn parses_and_displays_round_trip() {
        for s in ["2027-01", "2027-12", "0001-01", "9999-12"] {
            assert_eq!(ym(s).to_string(), s);
        }
    }

    #[test]
    fn rejects_malformed_months() {
        for s in [
            "2027-1", "2027-13", "2027-00", "0000-01", "27-01", "2027/01", "+027-01", "2027-01 ",
            "",
        ] {
            assert_eq!(
                s.parse::<YearMonth>(),
                Err(YearMonthError {
                    value: s.to_owned()
                }),
                "{s:?}"
            );
        }
    }

    #[test]
    fn error_message_quotes_the_value() {
        let error = "2027-13".parse::<YearMonth>().expect_err("month 13");
        assert_eq!(
            error.to_string(),
            "invalid month `2027-13`: expected `YYYY-MM`, such as `2027-01`"
        );
    }

    #[test]
    fn adds_months_across_years() {
        assert_eq!(ym("2027-11").add_months(2), Some(ym("2028-01")));
        assert_eq!(ym("2027-01").add_months(120), Some(ym("2037-01")));
        assert_eq!(ym("9999-12").add_months(1), None);
        assert_eq!(ym("2028-01").months_since(ym("2027-11")), Some(2));
        assert_eq!(ym("2027-11").months_since(ym("2028-01")), None);
    }

    #[test]
    fn orders_by_time() {
        assert!(ym("2027-12") < ym("2028-01"));
        assert!(ym("2027-02") > ym("2027-01"));
    }

    #[test]
    fn serde_uses_the_text_form() {
        let json = serde_json::to_string(&ym("2027-03")).expect("serialize");
        assert_eq!(json, "\"2027-03\"");
        let back: YearMonth = serde_json::from_str(&json).expect("deserialize");
        assert_eq!(back, ym("2027-03"));
        assert!(serde_json::from_str::<YearMonth>("\"2027-3\"").is_err());
    }
}
