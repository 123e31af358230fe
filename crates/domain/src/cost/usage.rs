//! How a fleet is used, as the buyer enters it: how many vehicles, how far each goes a year and
//! for how many years. Checked once, every field at once, so the page can say what is wrong with
//! each input.

use std::ops::RangeInclusive;

use crate::ids::Quantity;

/// A checked usage: 1 to 999 vehicles, 1 to 500,000 km a year each, for 1 to 15 years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    quantity: Quantity,
    km_per_year: u32,
    years: u8,
}

/// What is wrong with one field of a usage.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UsageError {
    /// Not 1 to 999 vehicles.
    #[error("quantity `{0}` out of range: expected 1 to 999 vehicles")]
    Quantity(i64),
    /// Not 1 to 500,000 km a year.
    #[error("km per year `{0}` out of range: expected 1 to 500000")]
    KmPerYear(i64),
    /// Not 1 to 15 years.
    #[error("years `{0}` out of range: expected 1 to 15")]
    Years(i64),
}

impl UsageError {
    /// The field at fault, as [`Usage::new`] names its arguments.
    pub fn field(&self) -> &'static str {
        match self {
            UsageError::Quantity(_) => "quantity",
            UsageError::KmPerYear(_) => "km_per_year",
            UsageError::Years(_) => "years",
        }
    }
}

impl Usage {
    /// The kilometres a vehicle may go in a year: more is a typing error.
    pub const KM_PER_YEAR: RangeInclusive<u32> = 1..=500_000;
    /// The years a comparison may cover.
    pub const YEARS: RangeInclusive<u8> = 1..=15;

    /// A usage from the numbers as entered; every field out of range is reported.
    pub fn new(quantity: i64, km_per_year: i64, years: i64) -> Result<Usage, Vec<UsageError>> {
        let checked_quantity = u32::try_from(quantity)
            .ok()
            .and_then(|q| Quantity::try_from(q).ok());
        let checked_km = u32::try_from(km_per_year)
            .ok()
            .filter(|km| Self::KM_PER_YEAR.contains(km));
        let checked_years = u8::try_from(years).ok().filter(|y| Self::YEARS.contains(y));
        match (checked_quantity, checked_km, checked_years) {
            (Some(quantity), Some(km_per_year), Some(years)) => Ok(Usage {
                quantity,
                km_per_year,
                years,
            }),
            (q, km, y) => Err([
                q.is_none().then_some(UsageError::Quantity(quantity)),
                km.is_none().then_some(UsageError::KmPerYear(km_per_year)),
                y.is_none().then_some(UsageError::Years(years)),
            ]
            .into_iter()
            .flatten()
            .collect()),
        }
    }

    /// How many vehicles.
    pub fn quantity(&self) -> Quantity {
        self.quantity
    }

    /// How far each goes a year.
    pub fn km_per_year(&self) -> u32 {
        self.km_per_year
    }

    /// For how many years.
    pub fn years(&self) -> u8 {
        self.years
    }

    /// How far each goes over the years: `km_per_year × years`.
    pub fn km_total(&self) -> u64 {
        u64::from(self.km_per_year) * u64::from(self.years)
    }
}
