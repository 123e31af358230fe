//! Words for domain enums in the reader's language (their URL slugs are the domain's `as_str`).

use configurator_domain::{
    Lang,
    catalog::{Body, Brand, ConsumptionUnit, Fuel, Specs},
};

use crate::{
    format,
    i18n::{Locale, td_string},
};

/// The brand's name (the same in every language).
pub fn brand_name(brand: Brand) -> &'static str {
    match brand {
        Brand::Chevrolet => "Chevrolet",
        Brand::Isuzu => "Isuzu",
    }
}

/// The body type's name in `locale`.
pub fn body_name(locale: Locale, body: Body) -> &'static str {
    match body {
        Body::Sedan => td_string!(locale, body.sedan),
        Body::Crossover => td_string!(locale, body.crossover),
        Body::Microvan => td_string!(locale, body.microvan),
        Body::Pickup => td_string!(locale, body.pickup),
        Body::Minibus => td_string!(locale, body.minibus),
        Body::Bus => td_string!(locale, body.bus),
        Body::Truck => td_string!(locale, body.truck),
    }
}

/// A month of the production plan, `2027-05`, as `May 2027` in `locale`.
pub fn month_name(locale: Locale, month: configurator_domain::plan::YearMonth) -> String {
    let name = match month.month() {
        1 => td_string!(locale, month.m01),
        2 => td_string!(locale, month.m02),
        3 => td_string!(locale, month.m03),
        4 => td_string!(locale, month.m04),
        5 => td_string!(locale, month.m05),
        6 => td_string!(locale, month.m06),
        7 => td_string!(locale, month.m07),
        8 => td_string!(locale, month.m08),
        9 => td_string!(locale, month.m09),
        10 => td_string!(locale, month.m10),
        11 => td_string!(locale, month.m11),
        _ => td_string!(locale, month.m12),
    };
    format!("{name} {}", month.year())
}

/// The fuel's name in `locale`.
pub fn fuel_name(locale: Locale, fuel: Fuel) -> &'static str {
    match fuel {
        Fuel::Petrol => td_string!(locale, specs.petrol),
        Fuel::Diesel => td_string!(locale, specs.diesel),
        Fuel::Cng => td_string!(locale, specs.cng),
        Fuel::PetrolCng => td_string!(locale, specs.petrol_cng),
    }
}

/// What a consumption per 100 km is measured in, in `locale`: `L/100 km`.
pub fn per_100km(locale: Locale, unit: ConsumptionUnit) -> &'static str {
    match unit {
        ConsumptionUnit::Litre => td_string!(locale, specs.l_per_100km),
        ConsumptionUnit::CubicMetre => td_string!(locale, specs.m3_per_100km),
        ConsumptionUnit::Kilogram => td_string!(locale, specs.kg_per_100km),
    }
}

/// The combined consumption of `specs` with its unit: `6.6 L/100 km` (`6,6` outside English).
pub fn consumption(specs: &Specs, locale: Locale, lang: Lang) -> String {
    format!(
        "{} {}",
        format::decimal(specs.consumption, lang),
        per_100km(locale, specs.consumption_unit)
    )
}
