//! The compare page's state: the URL's query, the usage typed on the page, the market's fuel
//! prices with the buyer's changes, and the columns and rows derived from them (`Memo`s over
//! domain calls), with the handlers that write the URL back. A usage figure or a fuel price
//! typed is a new history entry, so that Back undoes it; the market and the column edits put the
//! current entry right.

use configurator_domain::{catalog::FuelPrices, cost::Usage};
use leptos::prelude::*;

use super::{
    columns::{ColumnResult, column},
    fuel_prices::FuelChange,
    rows::{self, Section},
    table,
    usage_form::{UsageFields, UsageProblems, check},
};
use crate::{
    i18n::{lang_of, use_i18n},
    navigation::{Address, Entry, use_address, use_route},
    route::{CompareQuery, FuelEdit, Route},
    state::{AppState, MAX_COMPARED, SharedCatalog, use_app_state},
};

/// The usage a comparison starts with when the URL gives none.
const DEFAULT_USAGE: (i64, i64, i64) = (1, 30_000, 5);

/// The handles the page's components are given.
#[derive(Clone, Copy)]
pub struct ComparisonState {
    /// The URL's query.
    pub query: Memo<CompareQuery>,
    /// The usage fields as typed.
    pub fields: UsageFields,
    /// The usage, or which fields are wrong.
    pub usage: Memo<Result<Usage, UsageProblems>>,
    /// The market's fuel prices from the catalog.
    pub defaults: Memo<Option<FuelPrices>>,
    /// The fuel prices in effect.
    pub fuel_prices: Memo<Option<FuelPrices>>,
    /// Digits of the market currency's minor unit.
    pub digits: Memo<u8>,
    /// The columns, at most [`MAX_COMPARED`].
    pub columns: Memo<Vec<ColumnResult>>,
    /// The columns' names.
    pub names: Signal<Vec<String>>,
    /// The table's rows.
    pub sections: Memo<Vec<Section>>,
    /// A usage field was changed and left: its figure goes into the address.
    pub on_usage: Callback<()>,
    /// A fuel price was typed.
    pub on_fuel: Callback<FuelChange>,
    /// Removes a column.
    pub on_remove: Callback<usize>,
    /// Moves a column one place left (-1) or right (+1).
    pub on_move: Callback<(usize, isize)>,
}

/// The comparison of the URL's configurations in `data`'s catalog.
pub fn use_comparison(data: &SharedCatalog) -> ComparisonState {
    let app = use_app_state();
    let url = UrlWriter::new();
    let query = url.query;
    let start = query.get_untracked();
    if let Some(market) = start.market.filter(|m| data.catalog().market(m).is_some()) {
        app.market.set(Some(market));
    }
    let market = Memo::new({
        let data = data.clone();
        move |_| app.market_in(data.catalog())
    });
    let fields = UsageFields::following(query, DEFAULT_USAGE);
    let usage = Memo::new(move |_| {
        check(
            &fields.quantity.get(),
            &fields.km.get(),
            &fields.years.get(),
        )
    });
    // The URL follows the market, and gets the usage the page starts with if it gives none.
    Effect::new(move |_| {
        let market = market.get();
        url.write(Entry::Replace, &|q| {
            if q.market != market {
                // The buyer's fuel prices were in another market's currency.
                if q.market.is_some() {
                    q.fuel.clear();
                }
                q.market = market.clone();
            }
            q.quantity.get_or_insert(DEFAULT_USAGE.0);
            q.km.get_or_insert(DEFAULT_USAGE.1);
            q.years.get_or_insert(DEFAULT_USAGE.2);
        });
    });
    let (defaults, fuel_prices, digits) = use_fuel_prices(data, market, query);
    let columns = Memo::new({
        let data = data.clone();
        move |_| {
            let usage = usage.get().ok();
            let (Some(market), Some(fuel)) = (market.get(), fuel_prices.get()) else {
                return Vec::new();
            };
            query.with(|q| {
                q.codes
                    .iter()
                    .take(MAX_COMPARED)
                    .map(|code| column(data.catalog(), code, usage.as_ref(), &market, &fuel))
                    .collect::<Vec<_>>()
            })
        }
    });
    let (names, sections) = use_rows(data, columns);
    let (on_remove, on_move) = column_edits(app, url);
    ComparisonState {
        query,
        fields,
        usage,
        defaults,
        fuel_prices,
        digits,
        columns,
        names,
        sections,
        on_usage: Callback::new(move |()| url.write(Entry::Push, &|q| fields.write_to(q))),
        on_fuel: Callback::new(move |(fuel, unit, minor): FuelChange| {
            url.write(Entry::Push, &|q| {
                q.fuel.retain(|f| (f.fuel, f.unit) != (fuel, unit));
                if let Some(per_unit) = minor {
                    q.fuel.push(FuelEdit {
                        fuel,
                        unit,
                        per_unit,
                    });
                }
            });
        }),
        on_remove,
        on_move,
    }
}

/// The compare page's URL: its query, and writing it back.
#[derive(Clone, Copy)]
struct UrlWriter {
    query: Memo<CompareQuery>,
    route: Memo<Route>,
    address: Address,
}

impl UrlWriter {
    fn new() -> Self {
        let route = use_route();
        Self {
            query: Memo::new(move |_| match route.get() {
                Route::Compare(query) => query,
                _ => CompareQuery::default(),
            }),
            route,
            address: use_address(),
        }
    }

    /// Writes the query with `change` made to it, if that changes it: as a new history `entry`
    /// or in place of the current one.
    fn write(self, entry: Entry, change: &dyn Fn(&mut CompareQuery)) {
        let mut next = self.query.get_untracked();
        change(&mut next);
        let next = Route::Compare(next);
        if self.route.with_untracked(|r| *r != next) {
            self.address.navigate(&next.href(), entry, false);
        }
    }
}

/// The market's fuel prices from the catalog, those in effect (with the URL's changes), and the
/// digits of the currency's minor unit.
fn use_fuel_prices(
    data: &SharedCatalog,
    market: Memo<Option<configurator_domain::MarketId>>,
    query: Memo<CompareQuery>,
) -> (Memo<Option<FuelPrices>>, Memo<Option<FuelPrices>>, Memo<u8>) {
    let defaults = Memo::new({
        let data = data.clone();
        move |_| {
            let market = market.get()?;
            data.catalog()
                .market(&market)
                .map(|m| m.fuel_prices.clone())
        }
    });
    let fuel_prices = Memo::new(move |_| {
        let mut prices: FuelPrices = defaults.get()?;
        for edit in query.with(|q| q.fuel.clone()) {
            // A price for a unit that does not measure its fuel is ignored.
            let _ = prices.set(edit.fuel, edit.unit, edit.per_unit);
        }
        Some(prices)
    });
    let digits = Memo::new({
        let data = data.clone();
        move |_| {
            fuel_prices.with(|p| {
                p.as_ref()
                    .and_then(|p| data.catalog().rate(p.currency()))
                    .map_or(2, |r| r.minor_digits)
            })
        }
    });
    (defaults, fuel_prices, digits)
}

/// The columns' names and the table's rows, in the reader's language.
fn use_rows(
    data: &SharedCatalog,
    columns: Memo<Vec<ColumnResult>>,
) -> (Signal<Vec<String>>, Memo<Vec<Section>>) {
    let i18n = use_i18n();
    let sections = Memo::new({
        let data = data.clone();
        move |_| {
            let locale = i18n.get_locale();
            columns.with(|c| rows::sections(data.catalog(), c, locale, lang_of(locale)))
        }
    });
    let names = Signal::derive({
        let data = data.clone();
        move || {
            let locale = i18n.get_locale();
            let names = columns.with(|columns| {
                columns
                    .iter()
                    .enumerate()
                    .map(|(i, c)| table::column_name(data.catalog(), c, i, locale, lang_of(locale)))
                    .collect::<Vec<_>>()
            });
            table::distinct(names)
        }
    });
    (names, sections)
}

/// Removing and moving columns: the URL and the compare list change alike.
fn column_edits(app: AppState, url: UrlWriter) -> (Callback<usize>, Callback<(usize, isize)>) {
    let edit_codes = move |change: &dyn Fn(&mut Vec<String>)| {
        let mut codes = url.query.with_untracked(|q| q.codes.clone());
        change(&mut codes);
        app.set_compared(codes.clone());
        url.write(Entry::Replace, &|q| q.codes = codes.clone());
    };
    let on_remove = Callback::new(move |index: usize| {
        edit_codes(&|codes| {
            if index < codes.len() {
                codes.remove(index);
            }
        });
    });
    let on_move = Callback::new(move |(index, by): (usize, isize)| {
        edit_codes(&|codes| {
            if let Some(other) = index.checked_add_signed(by).filter(|o| *o < codes.len()) {
                codes.swap(index, other);
            }
        });
    });
    (on_remove, on_move)
}
