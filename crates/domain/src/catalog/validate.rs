//! Validation of the catalog file: every problem is collected with its path, so one run of
//! `check-data` shows them all. Here the catalog's own entries (version, exchange, markets, fleet
//! tiers; fuel prices in `validate_fuel`); the per-model checks are in `validate_model`.

use std::collections::BTreeSet;

use super::error::{LoadError, Problem};
use super::file::{CatalogFile, ExchangeFile, FleetDiscountFile, MarketFile};
use super::validate_fuel::fuel_prices;
use super::{Exchange, FleetTier, FuelPrices, Market, Rate};
use crate::ids::{CurrencyCode, MarketId, Quantity};
use crate::text::{Lang, Text};

/// The languages every text must be written in.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Languages {
    /// All four: the catalog file.
    All,
    /// One: a catalog sent for the readers of that language.
    Only(Lang),
}

/// The problems found so far, and the languages the texts are checked for.
pub(crate) struct Errors {
    pub found: Vec<LoadError>,
    languages: Languages,
}

impl Errors {
    /// No problems yet; texts will be checked for `languages`.
    pub(crate) fn new(languages: Languages) -> Self {
        Self {
            found: Vec::new(),
            languages,
        }
    }

    pub(crate) fn push(&mut self, path: impl Into<String>, problem: Problem) {
        self.found.push(LoadError {
            path: path.into(),
            problem,
        });
    }

    pub(crate) fn len(&self) -> usize {
        self.found.len()
    }

    /// A checked value, or the problem recorded at `path`.
    pub(super) fn parse<T, E: Into<Problem>>(&mut self, path: &str, r: Result<T, E>) -> Option<T> {
        r.map_err(|e| self.push(path, e.into())).ok()
    }

    /// A price or amount that may not be below zero.
    pub(super) fn non_negative(&mut self, path: &str, value: i64) {
        if value < 0 {
            self.push(path, Problem::Negative(value));
        }
    }

    /// A text in all four languages (or in the one a catalog was sent in), none empty, and
    /// Uzbek without a Cyrillic letter: the catalog is read in each language as written, not
    /// through the fallback to Russian.
    pub(super) fn text(&mut self, path: &str, text: &Text) {
        let blank = |lang: Lang| text.own(lang).is_none_or(|v| v.trim().is_empty());
        match self.languages {
            Languages::All => {
                for lang in Lang::ALL.into_iter().filter(|&lang| blank(lang)) {
                    self.push(path, Problem::MissingText(lang.as_str()));
                }
            }
            Languages::Only(lang) if blank(lang) => {
                self.push(path, Problem::NotInLanguage(lang.as_str()));
            }
            Languages::Only(_) => {}
        }
        if let Some(uz) = &text.uz
            && let Some(letter) = uz.chars().find(|c| ('\u{400}'..='\u{4ff}').contains(c))
        {
            self.push(
                path,
                Problem::CyrillicUzbek {
                    text: uz.clone(),
                    letter,
                },
            );
        }
    }

    /// The `name` of the entry at `path` and its `description` when it has one.
    pub(super) fn texts(&mut self, path: &str, name: &Text, description: Option<&Text>) {
        self.text(&format!("{path}.name"), name);
        if let Some(d) = description {
            self.text(&format!("{path}.description"), d);
        }
    }

    /// Records an id seen twice.
    pub(crate) fn unique(&mut self, seen: &mut BTreeSet<String>, path: &str, id: &str) {
        if !seen.insert(id.to_owned()) {
            self.push(path, Problem::Duplicate(id.to_owned()));
        }
    }
}

/// Basis points of a percentage: 0 to 10000.
pub(super) fn basis_points(errors: &mut Errors, path: &str, value: i64) -> u32 {
    if value < 0 {
        errors.push(path, Problem::Negative(value));
    } else if value > 10_000 {
        errors.push(
            path,
            Problem::OutOfRange {
                value,
                expected: "0 to 10000 basis points",
            },
        );
    }
    u32::try_from(value.clamp(0, 10_000)).unwrap_or_default()
}

/// The catalog's terms of sale: exchange rates, markets and fleet tiers, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Terms {
    pub exchange: Exchange,
    pub markets: Vec<Market>,
    pub fleet_discounts: Vec<FleetTier>,
}

/// Checks the version and the terms; the models are checked one by one (`validate_model`).
pub(crate) fn terms(file: &CatalogFile, errors: &mut Errors) -> Terms {
    let v = &file.version;
    if v.is_empty() || v.len() > 32 || !v.bytes().all(|b| b.is_ascii_graphic()) {
        errors.push(
            "version",
            Problem::Invalid {
                value: v.clone(),
                expected: "1 to 32 printable characters without spaces",
            },
        );
    }
    let exchange = exchange(&file.exchange, errors);
    let mut markets = markets(&file.markets, &exchange, errors);
    let fleet_discounts = fleet(&file.fleet_discounts, errors);
    fuel_prices(file, &mut markets, errors);
    Terms {
        exchange,
        markets,
        fleet_discounts,
    }
}

/// Whether `s` is a date `YYYY-MM-DD` (month 1 to 12, day 1 to 31).
pub(super) fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|d| d.parse::<u32>().ok());
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && [0..4, 5..7, 8..10]
            .iter()
            .all(|r| b[r.clone()].iter().all(u8::is_ascii_digit))
        && num(5..7).is_some_and(|m| (1..=12).contains(&m))
        && num(8..10).is_some_and(|d| (1..=31).contains(&d))
}

fn exchange(f: &ExchangeFile, errors: &mut Errors) -> Exchange {
    if !is_date(&f.effective) {
        errors.push(
            "exchange.effective",
            Problem::Invalid {
                value: f.effective.clone(),
                expected: "a date `YYYY-MM-DD`",
            },
        );
    }
    let mut seen = BTreeSet::new();
    let mut rates = Vec::new();
    for (i, r) in f.rates.iter().enumerate() {
        let path = format!("exchange.rates[{i}]");
        errors.unique(&mut seen, &format!("{path}.currency"), &r.currency);
        if r.minor_digits > 4 {
            errors.push(
                format!("{path}.minor_digits"),
                Problem::OutOfRange {
                    value: i64::from(r.minor_digits),
                    expected: "0 to 4",
                },
            );
        }
        if r.per_usd.is_zero() {
            errors.push(
                format!("{path}.per_usd"),
                Problem::Invalid {
                    value: r.per_usd.to_string(),
                    expected: "a rate above zero",
                },
            );
        }
        let currency = r.currency.parse::<CurrencyCode>();
        if let Some(currency) = errors.parse(&format!("{path}.currency"), currency) {
            rates.push(Rate {
                currency,
                minor_digits: r.minor_digits,
                per_usd: r.per_usd,
            });
        }
    }
    Exchange {
        effective: f.effective.clone(),
        rounding: f.rounding,
        rates,
    }
}

fn markets(f: &[MarketFile], exchange: &Exchange, errors: &mut Errors) -> Vec<Market> {
    let mut seen = BTreeSet::new();
    let mut markets = Vec::new();
    if f.is_empty() {
        errors.push("markets", Problem::Empty("markets"));
    }
    for (i, m) in f.iter().enumerate() {
        let path = format!("markets[{i}]");
        errors.unique(&mut seen, &format!("{path}.id"), &m.id);
        errors.text(&format!("{path}.name"), &m.name);
        let vat = basis_points(
            errors,
            &format!("{path}.vat_basis_points"),
            m.vat_basis_points,
        );
        let id = errors.parse(&format!("{path}.id"), m.id.parse::<MarketId>());
        let cpath = format!("{path}.currency");
        let currency = errors.parse(&cpath, m.currency.parse::<CurrencyCode>());
        if let Some(c) = &currency
            && !exchange.rates.iter().any(|r| &r.currency == c)
        {
            errors.push(
                cpath,
                Problem::Unknown {
                    kind: "currency",
                    id: c.to_string(),
                },
            );
        }
        if let (Some(id), Some(currency)) = (id, currency) {
            markets.push(Market {
                fuel_prices: FuelPrices::new(id.clone(), currency.clone()),
                id,
                currency,
                vat_basis_points: vat,
                name: m.name.clone(),
            });
        }
    }
    markets
}

fn fleet(f: &[FleetDiscountFile], errors: &mut Errors) -> Vec<FleetTier> {
    let mut tiers: Vec<FleetTier> = Vec::new();
    for (i, d) in f.iter().enumerate() {
        let path = format!("fleet_discounts[{i}]");
        let basis_points = basis_points(errors, &format!("{path}.basis_points"), d.basis_points);
        let qpath = format!("{path}.min_quantity");
        let Some(min_quantity) = u32::try_from(d.min_quantity)
            .ok()
            .and_then(|q| Quantity::try_from(q).ok())
        else {
            errors.push(
                qpath,
                Problem::OutOfRange {
                    value: d.min_quantity,
                    expected: "1 to 999",
                },
            );
            continue;
        };
        if tiers.last().is_some_and(|t| t.min_quantity >= min_quantity) {
            errors.push(qpath, Problem::NotAscending(d.min_quantity));
        }
        tiers.push(FleetTier {
            min_quantity,
            basis_points,
        });
    }
    tiers
}
