//! OpenAPI schemas (feature `openapi`, server only) of the plan's types that serialize as text
//! through a check, so that the schema says what the wire carries (`"2027-03"`, not
//! `{ year, month }`). Structs with fields derive `utoipa::ToSchema` where they are defined. The
//! domain's checked strings are described with the same [`text_schema`] and [`ID_PATTERN`].

use utoipa::openapi::{ObjectBuilder, RefOr, schema::Schema, schema::Type};

use crate::{KitId, LineId, YearMonth};

/// The id convention of [`crate::is_valid_id`] as a pattern.
pub const ID_PATTERN: &str = "^[a-z0-9][a-z0-9._-]{0,23}$";

/// A string schema with a pattern, a description and an example.
pub fn text_schema(pattern: &str, description: &str, example: &str) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(pattern))
        .description(Some(description))
        .examples([example])
        .into()
}

/// Implements `utoipa::ToSchema` as a [`text_schema`] for each type: `Type => pattern,
/// "description", "example";`. The calling crate depends on `utoipa`.
#[macro_export]
macro_rules! text_schemas {
    ($($name:ty => $pattern:expr, $description:literal, $example:literal;)*) => {$(
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                $crate::openapi::text_schema($pattern, $description, $example)
            }
        }
        impl utoipa::ToSchema for $name {}
    )*};
}

text_schemas! {
    LineId => ID_PATTERN, "An assembly line of the plant", "passenger";
    KitId => ID_PATTERN, "A kit source of the plant", "uzauto";
    YearMonth => "^[0-9]{4}-(0[1-9]|1[0-2])$", "A calendar month, `YYYY-MM`", "2027-03";
}

#[cfg(test)]
mod tests {
    use utoipa::PartialSchema;

    use super::*;
    use crate::MAX_ID_LEN;

    #[test]
    fn the_id_pattern_says_what_is_valid_id_checks() {
        assert_eq!(
            ID_PATTERN,
            format!("^[a-z0-9][a-z0-9._-]{{0,{}}}$", MAX_ID_LEN - 1)
        );
        let RefOr::T(Schema::Object(schema)) = LineId::schema() else {
            panic!("an object schema");
        };
        assert_eq!(schema.pattern.as_deref(), Some(ID_PATTERN));
    }
}
