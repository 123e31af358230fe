//! Exact decimals written as strings in the data files (`"87.45"`, `"6.6"`): parsed into an integer
//! mantissa and a scale, never into a float.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A non-negative decimal number: `mantissa / 10^scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Decimal {
    mantissa: u64,
    scale: u8,
}

/// The most digits after the point a decimal may have.
const MAX_SCALE: usize = 9;
/// The most digits a decimal may have in all, so that the mantissa fits in a `u64` with room.
const MAX_DIGITS: usize = 18;

/// Why a string is not a decimal.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid decimal `{0}`: expected digits with an optional point, like `87.45`")]
pub struct ParseDecimalError(pub String);

impl Decimal {
    /// The digits without the point: `8745` for `87.45`.
    pub fn mantissa(self) -> u64 {
        self.mantissa
    }

    /// The number of digits after the point: `2` for `87.45`.
    pub fn scale(self) -> u8 {
        self.scale
    }

    /// Whether the number is zero.
    pub fn is_zero(self) -> bool {
        self.mantissa == 0
    }
}

impl FromStr for Decimal {
    type Err = ParseDecimalError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParseDecimalError(s.to_owned());
        let (int, frac) = s.split_once('.').unwrap_or((s, ""));
        let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty()
            || (s.contains('.') && frac.is_empty())
            || !all_digits(int)
            || !all_digits(frac)
            || frac.len() > MAX_SCALE
            || int.len() + frac.len() > MAX_DIGITS
        {
            return Err(err());
        }
        let mantissa = format!("{int}{frac}").parse::<u64>().map_err(|_| err())?;
        let scale = u8::try_from(frac.len()).map_err(|_| err())?;
        Ok(Self { mantissa, scale })
    }
}

impl TryFrom<String> for Decimal {
    type Error = ParseDecimalError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Decimal> for String {
    fn from(d: Decimal) -> String {
        d.to_string()
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.mantissa.to_string();
        let scale = usize::from(self.scale);
        if scale == 0 {
            return f.write_str(&digits);
        }
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (int, frac) = padded.split_at(padded.len() - scale);
        write!(f, "{int}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_exactly_and_prints_back() {
        for s in ["87.45", "12650.00", "6.6", "0.05", "7", "0"] {
            let d: Decimal = s.parse().expect("valid decimal");
            assert_eq!(d.to_string(), s);
        }
        let d: Decimal = "87.45".parse().expect("valid decimal");
        assert_eq!((d.mantissa(), d.scale()), (8745, 2));
    }

    #[test]
    fn rejects_anything_else() {
        for s in [
            "",
            ".5",
            "5.",
            "-1",
            "1e3",
            "1,5",
            "1.2.3",
            "1234567890123456789",
            "0.0000000001",
        ] {
            assert_eq!(s.parse::<Decimal>(), Err(ParseDecimalError(s.into())));
        }
    }
}
