//! Visitors' quote requests from partner sites: [`check`] turns a form into a
//! [`CheckedQuoteRequest`], naming every field at fault at once, and prices the configuration on
//! the server; [`store`] keeps them for the partner's dealer; [`throttle`] limits them per client
//! address and per partner. Nothing here knows HTTP.

pub mod fields;
pub mod store;
pub mod throttle;

use std::collections::BTreeMap;

use configurator_domain::{
    Catalog, Configuration, MarketId, ModelId, Quantity,
    api::QuoteRequestForm,
    code,
    price::{self, Currency, OrderQuote},
};

use crate::{
    lines::FieldErrors,
    partners::{Partner, PartnerId, Partners},
};

/// A request whose every field was checked, with the server's price.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedQuoteRequest {
    pub partner: PartnerId,
    pub name: String,
    pub contact: String,
    pub code: String,
    pub model: ModelId,
    pub quantity: Quantity,
    pub message: String,
    pub market: MarketId,
    /// The catalog the code was read and priced with.
    pub catalog_version: String,
    /// The configuration priced in the market's currency, VAT included.
    pub quote: OrderQuote,
}

/// Checks every field of `form`; a code must decode to a valid configuration of a model the
/// partner shows, and is priced in the form's market (the partner's by default).
pub fn check(
    form: &QuoteRequestForm,
    partners: &Partners,
    catalog: &Catalog,
) -> Result<CheckedQuoteRequest, FieldErrors> {
    let mut faults = Faults::default();
    let partner = partners.get(&form.partner);
    if partner.is_none() {
        faults
            .0
            .insert("partner".to_owned(), vec![unknown_partner(&form.partner)]);
    }
    let name = faults.check("name", fields::name(&form.name));
    let contact = faults.check("contact", fields::contact(&form.contact));
    let message = faults.check("message", fields::message(&form.message));
    let quantity = faults.check("quantity", quantity(form.quantity));
    let market = match &form.market {
        Some(market) => faults.check("market", known_market(catalog, market)),
        None => partner.map(|partner| partner.market.clone()),
    };
    let configuration =
        partner.and_then(|p| faults.check("code", configuration_shown(catalog, p, &form.code)));
    let checked = (
        partner,
        name,
        contact,
        message,
        quantity,
        market,
        configuration,
    );
    let (
        Some(partner),
        Some(name),
        Some(contact),
        Some(message),
        Some(quantity),
        Some(market),
        Some(configuration),
    ) = checked
    else {
        return Err(FieldErrors(faults.0));
    };
    let model = configuration.model.clone();
    let priced = [(configuration, quantity)];
    let quote = price::quote_order(catalog, &priced, &market, Currency::Local)
        .map_err(|error| FieldErrors::one("code", error.to_string()))?;
    Ok(CheckedQuoteRequest {
        partner: partner.id.clone(),
        name,
        contact,
        code: form.code.clone(),
        model,
        quantity,
        message,
        market,
        catalog_version: catalog.version().to_owned(),
        quote,
    })
}

/// The messages of each field at fault.
#[derive(Debug, Default)]
struct Faults(BTreeMap<String, Vec<String>>);

impl Faults {
    /// The value of a good field; a bad one's message is kept under `field`.
    fn check<T>(&mut self, field: &str, checked: Result<T, String>) -> Option<T> {
        checked
            .map_err(|message| self.0.entry(field.to_owned()).or_default().push(message))
            .ok()
    }
}

fn quantity(value: u32) -> Result<Quantity, String> {
    Quantity::try_from(value)
        .map_err(|_| format!("expected 1 to {} vehicles, got `{value}`", Quantity::MAX))
}

fn known_market(catalog: &Catalog, market: &MarketId) -> Result<MarketId, String> {
    match catalog.market(market) {
        Some(_) => Ok(market.clone()),
        None => Err(format!("unknown market `{market}`")),
    }
}

fn unknown_partner(id: &str) -> String {
    let shown: String = id.chars().take(fields::MAX_NAME_CHARS).collect();
    format!("unknown partner `{shown}`")
}

/// The configuration `code` decodes to, if it is of a model `partner` shows.
fn configuration_shown(
    catalog: &Catalog,
    partner: &Partner,
    code: &str,
) -> Result<Configuration, String> {
    if code.len() > fields::MAX_CODE_BYTES {
        return Err(format!(
            "at most {} characters: not a configuration code",
            fields::MAX_CODE_BYTES
        ));
    }
    let configuration = code::decode(catalog, code).map_err(|error| error.to_string())?;
    if partner.shows(&configuration.model) {
        Ok(configuration)
    } else {
        Err(format!(
            "model `{}` is not shown by partner `{}`",
            configuration.model, partner.id
        ))
    }
}
