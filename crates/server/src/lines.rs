//! Order and quote lines from a request, checked against the catalog: each code decoded (a valid
//! configuration of the current catalog), each quantity 1 to 999, at most [`MAX_LINES`] lines, the
//! market known. Every problem is reported at once, naming its field: `lines[3].quantity`,
//! `lines[0].code` (with the decoder's message), `market`.

use std::collections::BTreeMap;

use configurator_domain::{
    Catalog, Configuration, MarketId, Quantity,
    api::LineRequest,
    code,
    price::{self, Currency, OrderPriceError, OrderQuote},
};

/// The most lines one order or quote may have.
pub const MAX_LINES: usize = 100;

/// Every field at fault, each with its messages: `lines[3].quantity`, `lines[0].code`, `market`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", summary(.0))]
pub struct FieldErrors(pub BTreeMap<String, Vec<String>>);

impl FieldErrors {
    /// One field at fault.
    pub fn one(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self(BTreeMap::from([(field.into(), vec![message.into()])]))
    }
}

/// The first message with its field, and how many more there are.
fn summary(fields: &BTreeMap<String, Vec<String>>) -> String {
    let count: usize = fields.values().map(Vec::len).sum();
    let first = fields
        .iter()
        .find_map(|(field, messages)| messages.first().map(|m| format!("{field}: {m}")))
        .unwrap_or_else(|| "invalid request".to_owned());
    match count {
        0 | 1 => first,
        n => format!("{first} (and {} more)", n - 1),
    }
}

/// A line whose code decoded to a valid configuration and whose quantity is in range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedLine {
    pub code: String,
    pub configuration: Configuration,
    pub quantity: Quantity,
}

/// Checks `market` and every line, naming every field at fault.
pub fn check(
    catalog: &Catalog,
    market: &MarketId,
    lines: &[LineRequest],
) -> Result<Vec<CheckedLine>, FieldErrors> {
    let mut fields: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut fault = |field: String, message: String| fields.entry(field).or_default().push(message);
    if catalog.market(market).is_none() {
        let known: Vec<&str> = catalog.markets().iter().map(|m| m.id.as_str()).collect();
        fault(
            "market".to_owned(),
            format!(
                "unknown market `{market}`: expected one of {}",
                known.join(", ")
            ),
        );
    }
    if lines.is_empty() {
        fault("lines".to_owned(), "at least one line is needed".to_owned());
    }
    if lines.len() > MAX_LINES {
        fault(
            "lines".to_owned(),
            format!("at most {MAX_LINES} lines, got `{}`", lines.len()),
        );
    }
    let mut checked = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate().take(MAX_LINES) {
        let quantity = Quantity::try_from(line.quantity).map_err(|_| {
            fault(
                format!("lines[{i}].quantity"),
                format!(
                    "expected 1 to {} vehicles, got `{}`",
                    Quantity::MAX,
                    line.quantity
                ),
            );
        });
        let configuration = code::decode(catalog, &line.code)
            .map_err(|error| fault(format!("lines[{i}].code"), error.to_string()));
        if let (Ok(quantity), Ok(configuration)) = (quantity, configuration) {
            checked.push(CheckedLine {
                code: line.code.clone(),
                configuration,
                quantity,
            });
        }
    }
    if fields.is_empty() {
        Ok(checked)
    } else {
        Err(FieldErrors(fields))
    }
}

/// Prices checked lines in `market`; a failure names the line.
pub fn price(
    catalog: &Catalog,
    market: &MarketId,
    lines: &[CheckedLine],
    currency: Currency,
) -> Result<OrderQuote, FieldErrors> {
    let priced: Vec<(Configuration, Quantity)> = lines
        .iter()
        .map(|line| (line.configuration.clone(), line.quantity))
        .collect();
    price::quote_order(catalog, &priced, market, currency).map_err(|error| match error {
        OrderPriceError::Empty => FieldErrors::one("lines", "at least one line is needed"),
        OrderPriceError::Line { index, error } => {
            FieldErrors::one(format!("lines[{index}].code"), error.to_string())
        }
        OrderPriceError::Overflow => FieldErrors::one("lines", "the total is too large"),
    })
}
