//! A count in a JSON body read as a number, not as a token: `264` and `264.0` are the same
//! number in JSON (and in JSON Schema's `integer`), and a client whose language has only floats
//! sends the second. A fraction, a negative number or one past `u32` is refused, naming the field.

use serde::{Deserializer, de};

/// Deserializes a whole number that fits a `u32`, written with or without a zero fraction.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
    deserializer.deserialize_any(WholeNumber)
}

struct WholeNumber;

impl de::Visitor<'_> for WholeNumber {
    type Value = u32;

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("a whole number from 0 to 4294967295")
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<u32, E> {
        u32::try_from(value).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(value), &self))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<u32, E> {
        u32::try_from(value).map_err(|_| E::invalid_value(de::Unexpected::Signed(value), &self))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<u32, E> {
        let whole = value.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&value);
        if whole {
            // Exact: a whole number within u32's range.
            Ok(value as u32)
        } else {
            Err(E::invalid_value(de::Unexpected::Float(value), &self))
        }
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    struct Count {
        #[serde(with = "super")]
        n: u32,
    }

    fn read(json: &str) -> Result<u32, String> {
        serde_json::from_str::<Count>(json)
            .map(|count| count.n)
            .map_err(|error| error.to_string())
    }

    #[test]
    fn a_zero_fraction_is_the_same_number() {
        assert_eq!(read(r#"{"n": 264}"#), Ok(264));
        assert_eq!(read(r#"{"n": 264.0}"#), Ok(264));
        assert_eq!(read(r#"{"n": 2.64e2}"#), Ok(264));
    }

    #[test]
    fn fractions_negatives_and_overflow_are_refused() {
        for json in [
            r#"{"n": 264.5}"#,
            r#"{"n": -1}"#,
            r#"{"n": -1.0}"#,
            r#"{"n": 4294967296}"#,
            r#"{"n": 1e300}"#,
            r#"{"n": "264"}"#,
        ] {
            let error = read(json).expect_err(json);
            assert!(error.contains("a whole number"), "{json}: {error}");
        }
    }
}
