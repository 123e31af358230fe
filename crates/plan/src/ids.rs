//! The id convention and the plant's ids. [`is_valid_id`] is the one check of the convention,
//! lower-case ASCII `[a-z0-9][a-z0-9._-]*`, at most 24 characters, and [`checked_string!`] the one
//! definition of a checked string newtype: the catalog's ids (`configurator-domain`'s `ModelId`,
//! `OptionId`…) are made with both, as this crate sits below the domain. `LineId` and `KitId` are
//! the checked names of assembly lines and kit sources from `plant.toml`; a well-formed id is not
//! necessarily one the plant has: the calendar answers that.

/// The longest id accepted, in the catalog and in `plant.toml`.
pub const MAX_ID_LEN: usize = 24;

/// Whether `s` follows the id convention: `[a-z0-9][a-z0-9._-]*`, at most [`MAX_ID_LEN`] bytes.
pub fn is_valid_id(s: &str) -> bool {
    let bytes = s.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= MAX_ID_LEN
        && (bytes[0].is_ascii_lowercase() || bytes[0].is_ascii_digit())
        && bytes.iter().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        })
}

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

/// Defines a string newtype with a private field, checked by `FromStr` and `TryFrom<String>` and
/// (de)serialized as a plain string through that same check: `$valid` (`fn(&str) -> bool`) accepts
/// a text, `$error` (`fn(String) -> $Error`) says why another is refused. The plant's ids and the
/// domain's catalog ids are all made by it; the calling crate depends on `serde`.
#[macro_export]
macro_rules! checked_string {
    ($(#[$doc:meta])* $name:ident, $valid:expr, $error:expr, $Error:ty) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
        )]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::try_from(s.to_owned())
            }
        }

        impl TryFrom<String> for $name {
            type Error = $Error;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                if $valid(&s) { Ok(Self(s)) } else { Err($error(s)) }
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

checked_string!(
    /// An assembly line of the plant (`passenger`, `commercial`).
    LineId,
    is_valid_id,
    |value| IdError { kind: "line", value },
    IdError
);
checked_string!(
    /// A kit source: the supplier whose SKD kits a model is built from (`uzauto`, `samauto`).
    KitId,
    is_valid_id,
    |value| IdError { kind: "kit", value },
    IdError
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
