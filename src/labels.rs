//! Words for domain enums in the reader's language (their URL slugs are the domain's `as_str`).

use configurator_domain::catalog::{Body, Brand};

use crate::i18n::{Locale, td_string};

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
