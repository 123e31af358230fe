//! Enums written as slugs (`minibus`, `half-up`, `uz`): one declaration gives the list of values
//! (`ALL`), the slug (`as_str`), parsing (`FromStr`) and serde, so that files, URLs, JSON and labels
//! share one spelling. The serde code is shared by every such enum, which keeps the wasm small.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};

/// A string that is not one of an enum's slugs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown value `{value}`: expected one of {}", list(expected))]
pub struct UnknownSlug {
    /// The value given.
    pub value: String,
    /// The slugs allowed.
    pub expected: &'static [&'static str],
}

/// `` `a`, `b`, `c` ``.
fn list(slugs: &[&str]) -> String {
    slugs
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The position of `value` in `slugs`.
pub fn position(value: &str, slugs: &'static [&'static str]) -> Result<usize, UnknownSlug> {
    slugs
        .iter()
        .position(|s| *s == value)
        .ok_or_else(|| UnknownSlug {
            value: value.to_owned(),
            expected: slugs,
        })
}

/// Reads a string and gives its position in `slugs`, or serde's "unknown variant" error.
pub fn deserialize<'de, D: Deserializer<'de>>(
    deserializer: D,
    slugs: &'static [&'static str],
) -> Result<usize, D::Error> {
    struct SlugVisitor(&'static [&'static str]);

    impl Visitor<'_> for SlugVisitor {
        type Value = usize;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "one of {}", list(self.0))
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<usize, E> {
            self.0
                .iter()
                .position(|s| *s == value)
                .ok_or_else(|| E::unknown_variant(value, self.0))
        }
    }

    deserializer.deserialize_str(SlugVisitor(slugs))
}

/// Declares a fieldless enum whose values are written as slugs:
///
/// ```ignore
/// slug_enum! {
///     /// How a conversion is rounded.
///     pub enum Rounding {
///         /// To the nearest unit, halves away from zero.
///         HalfUp = "half-up",
///         HalfEven = "half-even",
///     }
/// }
/// ```
///
/// It derives `Debug, Clone, Copy, PartialEq, Eq, Hash` and gives `ALL`, `SLUGS`, `as_str`,
/// `Display`, `FromStr` and serde.
macro_rules! slug_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $slug:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$variant_meta])* $variant, )+
        }

        impl $name {
            /// Every value, in the order lists show them.
            pub const ALL: [$name; [$($slug),+].len()] = [$($name::$variant),+];

            /// The slugs of [`Self::ALL`], in the same order.
            pub const SLUGS: &'static [&'static str] = &[$($slug),+];

            /// The value as files, URLs and JSON write it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $slug, )+
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::slug::UnknownSlug;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $crate::slug::position(s, Self::SLUGS).map(|i| Self::ALL[i])
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::slug::deserialize(deserializer, Self::SLUGS).map(|i| Self::ALL[i])
            }
        }
    };
}

pub(crate) use slug_enum;

#[cfg(test)]
mod tests {
    slug_enum! {
        /// A test enum.
        pub enum Size {
            /// Small.
            Small = "small",
            /// Extra large.
            ExtraLarge = "extra-large",
        }
    }

    #[test]
    fn slugs_round_trip_through_text_and_json() {
        for size in Size::ALL {
            assert_eq!(size.as_str().parse(), Ok(size));
            let json = serde_json::to_string(&size).expect("serialises");
            assert_eq!(json, format!("\"{size}\""));
            assert_eq!(serde_json::from_str::<Size>(&json).expect("parses"), size);
        }
    }

    #[test]
    fn unknown_values_name_the_value_and_the_choices() {
        let err = "huge".parse::<Size>().expect_err("not a size");
        assert_eq!(
            err.to_string(),
            "unknown value `huge`: expected one of `small`, `extra-large`"
        );
        let err = serde_json::from_str::<Size>("\"huge\"").expect_err("not a size");
        assert!(
            err.to_string()
                .starts_with("unknown variant `huge`, expected `small` or `extra-large`"),
            "{err}"
        );
        let err = serde_json::from_str::<Size>("3").expect_err("not a string");
        assert!(
            err.to_string()
                .contains("expected one of `small`, `extra-large`"),
            "{err}"
        );
    }
}
