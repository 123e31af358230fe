//! OpenAPI schemas (feature `openapi`, server only) of the types that serialize as text or a
//! number through a check, so that the schema says what the wire carries. Structs with fields
//! derive `utoipa::ToSchema` where they are defined; the plan's types (months, line and kit ids)
//! have theirs in `configurator_plan::openapi`, whose text schema and id pattern these share.

use configurator_plan::{openapi::ID_PATTERN, text_schemas};
use utoipa::{
    PartialSchema, ToSchema,
    openapi::{ObjectBuilder, RefOr, schema::Schema, schema::Type},
};

use crate::decimal::Decimal;
use crate::ids::{
    CurrencyCode, GroupId, MarketId, ModelId, OptionId, PowertrainId, Quantity, TrimId,
};

text_schemas! {
    ModelId => ID_PATTERN, "A catalog model id", "cobalt";
    TrimId => ID_PATTERN, "A trim of a model", "lt";
    PowertrainId => ID_PATTERN, "A powertrain of a model", "1.5at";
    GroupId => ID_PATTERN, "An option group of a model", "paint";
    OptionId => ID_PATTERN, "An option of a model", "winter";
    MarketId => "^[A-Z]{2}$", "A market, ISO 3166 alpha-2", "KG";
    CurrencyCode => "^[A-Z]{3}$", "A currency, ISO 4217", "KGS";
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

    #[test]
    fn the_catalog_ids_have_the_plans_id_pattern() {
        let RefOr::T(Schema::Object(schema)) = ModelId::schema() else {
            panic!("an object schema");
        };
        assert_eq!(schema.pattern.as_deref(), Some(ID_PATTERN));
    }
}
