//! JSON into the app's types, with structs read from objects only.
//!
//! serde's derived structs can be read from a JSON object or from an array of their fields in
//! order, and serde_json's `deserialize_struct` takes both, so the array reader of every struct
//! the app reads is compiled into the wasm. Nothing sends the app a struct as an array: the server
//! writes objects, and the saved copies are the app's own writing. [`from_str`] asks for every
//! struct as a map (`deserialize_map`), so no array reader is ever instantiated: about 30 KB less
//! wasm (7 KB gzip) in the public build when this was written. A struct sent as an array is
//! refused with serde_json's own message ("invalid type: sequence, expected struct …").
//! Everything else reads exactly as through `serde_json::from_str`.
//!
//! The wrappers pass the request down at every level: a [`Deserializer`] whose visitors, maps,
//! sequences, enums and seeds hand the same wrapper to whatever they read next.

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};

/// `text` read as a `T`, structs from objects only.
pub fn from_str<T: DeserializeOwned>(text: &str) -> serde_json::Result<T> {
    let mut json = serde_json::Deserializer::from_str(text);
    let value = T::deserialize(Objects(&mut json))?;
    json.end()?;
    Ok(value)
}

/// A deserializer that reads structs as maps.
struct Objects<D>(D);

/// A visitor whose nested reads go through [`Objects`].
struct Nested<V>(V);

/// A seed whose read goes through [`Objects`].
struct Seed<S>(S);

/// A struct variant's fields, read as a map.
struct StructFields<V>(V);

macro_rules! forward {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
                self.0.$method(Nested(visitor))
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Objects<D> {
    type Error = D::Error;

    forward! {
        deserialize_any deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32
        deserialize_i64 deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32
        deserialize_u64 deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char
        deserialize_str deserialize_string deserialize_bytes deserialize_byte_buf
        deserialize_option deserialize_unit deserialize_seq deserialize_map
        deserialize_identifier deserialize_ignored_any
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_unit_struct(name, Nested(visitor))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_newtype_struct(name, Nested(visitor))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple(len, Nested(visitor))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple_struct(name, len, Nested(visitor))
    }

    /// The point of it all: a struct is a map.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(Nested(visitor))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_enum(name, variants, Nested(visitor))
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

macro_rules! visit {
    ($($method:ident: $ty:ty)*) => {
        $(
            fn $method<E: de::Error>(self, value: $ty) -> Result<V::Value, E> {
                self.0.$method(value)
            }
        )*
    };
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Nested<V> {
    type Value = V::Value;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        self.0.expecting(formatter)
    }

    visit! {
        visit_bool: bool visit_i8: i8 visit_i16: i16 visit_i32: i32 visit_i64: i64
        visit_i128: i128 visit_u8: u8 visit_u16: u16 visit_u32: u32 visit_u64: u64
        visit_u128: u128 visit_f32: f32 visit_f64: f64 visit_char: char visit_str: &str
        visit_borrowed_str: &'de str visit_string: String visit_bytes: &[u8]
        visit_borrowed_bytes: &'de [u8] visit_byte_buf: Vec<u8>
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        self.0.visit_some(Objects(deserializer))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<V::Value, D::Error> {
        self.0.visit_newtype_struct(Objects(deserializer))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.0.visit_seq(Nested(seq))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(Nested(map))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.0.visit_enum(Nested(data))
    }
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Nested<A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.0.next_element_seed(Seed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Nested<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(Seed(seed))
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.0.next_value_seed(Seed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: EnumAccess<'de>> EnumAccess<'de> for Nested<A> {
    type Error = A::Error;
    type Variant = Nested<A::Variant>;

    fn variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<(T::Value, Self::Variant), A::Error> {
        let (value, variant) = self.0.variant_seed(Seed(seed))?;
        Ok((value, Nested(variant)))
    }
}

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Nested<A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.0.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.0.newtype_variant_seed(Seed(seed))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.0.tuple_variant(len, Nested(visitor))
    }

    /// A struct variant's value is read like a newtype's, then as a map: serde_json's own
    /// `struct_variant` would take an array too.
    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.0.newtype_variant_seed(StructFields(visitor))
    }
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(Objects(deserializer))
    }
}

impl<'de, V: Visitor<'de>> DeserializeSeed<'de> for StructFields<V> {
    type Value = V::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        deserializer.deserialize_map(Nested(self.0))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use configurator_domain::api::CatalogResponse;
    use serde::Deserialize;

    use super::from_str;

    #[derive(Debug, PartialEq, Deserialize)]
    struct Line {
        code: String,
        quantity: u32,
        note: Option<Box<Line>>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Event {
        Placed { id: u64 },
        Moved(String),
        Dropped,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(tag = "kind", rename_all = "snake_case")]
    enum Tagged {
        One { line: Line },
    }

    #[test]
    fn objects_read_as_through_serde_json() {
        let text = r#"{"code":"AQY","quantity":3,"note":{"code":"B","quantity":1,"note":null}}"#;
        let line: Line = from_str(text).expect("reads");
        assert_eq!(line, serde_json::from_str::<Line>(text).expect("reads"));
        let events = r#"[{"placed":{"id":7}},{"moved":"x"},"dropped"]"#;
        assert_eq!(
            from_str::<Vec<Event>>(events).expect("reads"),
            vec![
                Event::Placed { id: 7 },
                Event::Moved("x".into()),
                Event::Dropped
            ]
        );
        let tagged = r#"{"kind":"one","line":{"code":"C","quantity":2,"note":null}}"#;
        assert!(matches!(from_str::<Tagged>(tagged), Ok(Tagged::One { .. })));
        let map: BTreeMap<String, Option<u8>> = from_str(r#"{"a":1,"b":null}"#).expect("reads");
        assert_eq!(map.len(), 2);
    }

    #[test]
    fn the_whole_catalog_answer_reads_as_through_serde_json() {
        let catalog =
            configurator_domain::Catalog::from_toml_str(include_str!("../data/catalog.toml"))
                .expect("the catalog");
        let text = serde_json::json!({ "catalog": catalog, "default_codes": {} }).to_string();
        let ours: CatalogResponse = from_str(&text).expect("reads");
        let theirs: CatalogResponse = serde_json::from_str(&text).expect("reads");
        assert_eq!(ours.catalog, theirs.catalog);
    }

    #[test]
    fn a_struct_as_an_array_is_refused_with_serde_jsons_words() {
        let array = r#"{"code":"AQY","quantity":3,"note":["B",1,null]}"#;
        assert!(
            serde_json::from_str::<Line>(array).is_ok(),
            "serde_json takes it"
        );
        let error = from_str::<Line>(array).expect_err("an array for a struct");
        assert_eq!(
            error.to_string(),
            "invalid type: sequence, expected struct Line at line 1 column 34"
        );
        let variant = r#"{"placed":[7]}"#;
        assert!(
            serde_json::from_str::<Event>(variant).is_ok(),
            "serde_json takes it"
        );
        assert!(from_str::<Event>(variant).is_err());
    }

    #[test]
    fn trailing_text_and_syntax_errors_are_errors() {
        assert!(from_str::<u8>("1 2").is_err());
        assert!(from_str::<Line>(r#"{"code":"#).is_err());
        assert!(from_str::<Line>(r#"{"code":"A","quantity":1,"note":null,"x":1}"#).is_ok());
    }
}
