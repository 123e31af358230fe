//! `LineId` and `KitId`: the checked names of assembly lines and kit sources from `plant.toml`.
//!
//! Both follow the catalog's id convention: lower-case ASCII `[a-z0-9][a-z0-9._-]*`, at most 24
//! characters. A well-formed id is not necessarily one the plant has: the calendar answers that.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The longest id accepted, as in the catalog.
const MAX_LEN: usize = 24;

/// An id that does not follow the convention; `kind` says which kind of id was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid {kind} id `{value}`: expected lower-case `[a-z0-9][a-z0-9._-]*`, at most 24 characters"
)]
pub struct IdError {
    /// `line` or `kit`.
    pub kind: &'static str,
    /// The text that was given.
    pub value: String,
}

fn check(kind: &'static str, value: &str) -> Result<(), IdError> {
    let mut bytes = value.bytes();
    let first_ok = bytes
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    let rest_ok =
        bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
    if first_ok && rest_ok && value.len() <= MAX_LEN {
        Ok(())
    } else {
        Err(IdError {
            kind,
            value: value.to_owned(),
        })
    }
}

macro_rules! checked_id {
    ($(#[$doc:meta])* $name:ident, $kind:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// The id as written in `plant.toml`.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl FromStr for $name {
            type Err = IdError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                check($kind, s)?;
                Ok(Self(s.to_owned()))
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;

            fn try_from(value: String) -> Result<Self, Self::Error> {
                check($kind, &value)?;
                Ok(Self(value))
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> Self {
                value.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

checked_id!(
    /// An assembly line of the plant (`passenger`, `commercial`).
    LineId,
    "line"
);
checked_id!(
    /// A kit source: the supplier whose SKD kits a model is built from (`uzauto`, `samauto`).
    KitId,
    "kit"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_conventional_ids() {
        for s in [
            "passenger",
            "commercial",
            "uzauto",
            "line-2",
            "a.b_c",
            "0",
            "abcdefghijklmnopqrstuvwx",
        ] {
            assert_eq!(s.parse::<LineId>().map(String::from), Ok(s.to_owned()));
        }
    }

    #[test]
    fn rejects_other_ids_naming_the_kind() {
        for s in [
            "",
            "Passenger",
            "-line",
            "line 2",
            "линия",
            "abcdefghijklmnopqrstuvwxy",
        ] {
            assert_eq!(
                s.parse::<KitId>(),
                Err(IdError {
                    kind: "kit",
                    value: s.to_owned()
                })
            );
        }
        let error = "Passenger".parse::<LineId>().expect_err("upper case");
        assert_eq!(
            error.to_string(),
            "invalid line id `Passenger`: expected lower-case `[a-z0-9][a-z0-9._-]*`, at most 24 characters"
        );
    }

    #[test]
    fn serde_checks_on_the_way_in() {
        let id: LineId = serde_json::from_str("\"passenger\"").expect("valid");
        assert_eq!(id.as_str(), "passenger");
        assert!(serde_json::from_str::<LineId>("\"Passenger\"").is_err());
    }
}
