//! Storage of orders, their allocations, the plan's history and idempotency keys, with SQLx over
//! either backend (`$1` placeholders; the same migrations in each dialect). Writes take a
//! transaction from the caller so that an order and everything it plans commit together.

pub mod events;
pub mod orders;

/// A transaction on the pool, whichever backend it is.
pub type Tx<'c> = sqlx::Transaction<'c, sqlx::Any>;

/// A number from the database that must fit the type the API uses.
pub(crate) fn narrow<T: TryFrom<i64>>(value: i64, what: &str) -> Result<T, sqlx::Error> {
    T::try_from(value)
        .map_err(|_| sqlx::Error::Decode(format!("{what} out of range: {value}").into()))
}

/// A text column parsed into a checked type.
pub(crate) fn parse<T: std::str::FromStr>(value: &str, what: &str) -> Result<T, sqlx::Error>
where
    T::Err: std::fmt::Display,
{
    value
        .parse()
        .map_err(|error: T::Err| sqlx::Error::Decode(format!("{what}: {error}").into()))
}
