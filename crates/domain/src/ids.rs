//! Checked identifiers and small value types: every id, market, currency and quantity that enters
//! the domain is parsed here once, so the rest of the crate never sees a malformed one. The id
//! convention (`configurator_plan::is_valid_id`) and the newtypes' definition
//! (`configurator_plan::checked_string!`) are shared with the plant's ids.

use std::fmt;
use std::str::FromStr;

use configurator_plan::{checked_string, is_valid_id};
use serde::{Deserialize, Serialize};

/// Why a string is not a valid id, market, currency or quantity.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseIdError {
    /// An id must be `[a-z0-9][a-z0-9._-]*`, at most 24 characters.
    #[error(
        "invalid id `{0}`: expected 1 to 24 of `a-z`, `0-9`, `.`, `_`, `-`, starting with a letter or digit"
    )]
    Id(String),
    /// A market is an ISO 3166 alpha-2 code in upper case.
    #[error("invalid market `{0}`: expected two upper-case letters")]
    Market(String),
    /// A currency is an ISO 4217 code in upper case.
    #[error("invalid currency `{0}`: expected three upper-case letters")]
    Currency(String),
    /// A quantity is a whole number from 1 to 999.
    #[error("invalid quantity `{0}`: expected a whole number from 1 to 999")]
    Quantity(String),
}

fn is_upper(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_uppercase())
}

checked_string!(
    /// A vehicle type (model), unique in the catalog: `cobalt`.
    ModelId, is_valid_id, ParseIdError::Id, ParseIdError
);
checked_string!(
    /// A trim of a model: `ltz`.
    TrimId, is_valid_id, ParseIdError::Id, ParseIdError
);
checked_string!(
    /// A powertrain of a model: `1.5at`.
    PowertrainId, is_valid_id, ParseIdError::Id, ParseIdError
);
checked_string!(
    /// An option group of a model: `paint`.
    GroupId, is_valid_id, ParseIdError::Id, ParseIdError
);
checked_string!(
    /// An option of a model, unique across its groups: `winter`.
    OptionId, is_valid_id, ParseIdError::Id, ParseIdError
);
checked_string!(
    /// A market, ISO 3166 alpha-2: `KG`.
    MarketId, |s: &str| is_upper(s, 2), ParseIdError::Market, ParseIdError
);
checked_string!(
    /// A currency, ISO 4217: `KGS`.
    CurrencyCode, |s: &str| is_upper(s, 3), ParseIdError::Currency, ParseIdError
);

impl CurrencyCode {
    /// The US dollar, the currency of every price in the catalog.
    pub fn usd() -> Self {
        Self("USD".to_owned())
    }
}

/// The number of units of one order line: 1 to 999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct Quantity(u16);

impl Quantity {
    /// The largest quantity of one order line.
    pub const MAX: u16 = 999;
    /// One unit.
    pub const ONE: Quantity = Quantity(1);

    /// The number of units.
    pub fn get(self) -> u16 {
        self.0
    }
}

impl TryFrom<u32> for Quantity {
    type Error = ParseIdError;
    fn try_from(n: u32) -> Result<Self, Self::Error> {
        match u16::try_from(n) {
            Ok(q) if (1..=Self::MAX).contains(&q) => Ok(Self(q)),
            _ => Err(ParseIdError::Quantity(n.to_string())),
        }
    }
}

impl From<Quantity> for u32 {
    fn from(q: Quantity) -> u32 {
        u32::from(q.0)
    }
}

impl FromStr for Quantity {
    type Err = ParseIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.parse::<u32>()
            .ok()
            .and_then(|n| Self::try_from(n).ok())
            .ok_or_else(|| ParseIdError::Quantity(s.to_owned()))
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_format() {
        assert!("cobalt".parse::<ModelId>().is_ok());
        assert!("1.5at".parse::<PowertrainId>().is_ok());
        assert!("a_b-c.d".parse::<OptionId>().is_ok());
        for bad in [
            "",
            "Cobalt",
            "-x",
            ".x",
            "a b",
            "a/b",
            "abcdefghijklmnopqrstuvwxy",
        ] {
            assert_eq!(
                bad.parse::<OptionId>(),
                Err(ParseIdError::Id(bad.to_owned()))
            );
        }
    }

    #[test]
    fn markets_currencies_quantities() {
        assert!("KG".parse::<MarketId>().is_ok());
        assert!("kg".parse::<MarketId>().is_err());
        assert!("KGS".parse::<CurrencyCode>().is_ok());
        assert!("KG".parse::<CurrencyCode>().is_err());
        assert_eq!("50".parse::<Quantity>().map(Quantity::get), Ok(50));
        for bad in ["0", "1000", "-1", "x", ""] {
            assert_eq!(
                bad.parse::<Quantity>(),
                Err(ParseIdError::Quantity(bad.to_owned()))
            );
        }
        assert_eq!(
            ParseIdError::Quantity("0".into()).to_string(),
            "invalid quantity `0`: expected a whole number from 1 to 999"
        );
    }
}
