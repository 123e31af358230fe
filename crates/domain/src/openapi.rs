//! OpenAPI schemas (feature `openapi`, server only) of the types that serialize as text or a
//! number through a check, so that the schema says what the wire carries (`"2027-03"`, not
//! `{ year, month }`). Structs with fields derive `utoipa::ToSchema` where they are defined.

use utoipa::{
    PartialSchema, ToSchema,
    openapi::{ObjectBuilder, RefOr, schema::Schema, schema::Type},
};

use crate::decimal::Decimal;
use crate::ids::{
    CurrencyCode, GroupId, MarketId, ModelId, OptionId, PowertrainId, Quantity, TrimId,
};
use crate::plan::{KitId, LineId, YearMonth};

/// A string schema with a pattern, a description and an example.
fn text(pattern: &str, description: &str, example: &str) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(pattern))
        .description(Some(description))
        .examples([example])
        .into()
}

macro_rules! text_schema {
    ($($name:ty => $pattern:literal, $description:literal, $example:literal;)*) => {$(
        impl PartialSchema for $name {
            fn schema() -> RefOr<Schema> {
                text($pattern, $description, $example)
            }
        }
        impl ToSchema for $name {}
    )*};
}

text_schema! {
    ModelId => "^[a-z0-9][a-z0-9._-]{0,23}$", "A catalog model id", "cobalt";
    TrimId => "^[a-z0-9][a-z0-9._-]{0,23}$", "A trim of a model", "lt";
    PowertrainId => "^[a-z0-9][a-z0-9._-]{0,23}$", "A powertrain of a model", "1.5at";
    GroupId => "^[a-z0-9][a-z0-9._-]{0,23}$", "An option group of a model", "paint";
    OptionId => "^[a-z0-9][a-z0-9._-]{0,23}$", "An option of a model", "winter";
    LineId => "^[a-z0-9][a-z0-9._-]{0,23}$", "An assembly line of the plant", "passenger";
    KitId => "^[a-z0-9][a-z0-9._-]{0,23}$", "A kit source of the plant", "uzauto";
    MarketId => "^[A-Z]{2}$", "A market, ISO 3166 alpha-2", "KG";
    CurrencyCode => "^[A-Z]{3}$", "A currency, ISO 4217", "KGS";
    YearMonth => "^[0-9]{4}-(0[1-9]|1[0-2])$", "A calendar month, `YYYY-MM`", "2027-03";
    Decimal => "^-?[0-9]+(\\.[0-9]+)?$", "An exact decimal number as text", "87.45";
}

impl PartialSchema for Quantity {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::Integer)
            .minimum(Some(1))
            .maximum(Some(Quantity::MAX))
            .description(Some("Vehicles of one order line, 1 to 999"))
            .into()
    }
}
impl ToSchema for Quantity {}

#[cfg(test)]
mod tests {
    use super::*;

    /// The id convention of `ids.rs` and `plan/ids.rs`.
    const ID: &str = "^[a-z0-9][a-z0-9._-]{0,23}$";

    #[test]
    fn the_id_pattern_is_the_one_written_above() {
        let RefOr::T(Schema::Object(schema)) = ModelId::schema() else {
            panic!("an object schema");
        };
        assert_eq!(schema.pattern.as_deref(), Some(ID));
    }
}
