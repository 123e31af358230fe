//! `partners.toml`: parsed, then every entry checked against the catalog, each problem naming the
//! entry, the partner and the value: ``partners[1].market: partner `leasing-uz`: unknown market
//! `KZ`: expected one of `KG`, `UZ` ``. Every problem is reported at once.

use std::{collections::BTreeMap, str::FromStr as _};

use configurator_domain::{Catalog, Lang, MarketId, ModelId};
use serde::Deserialize;

use super::{Partner, PartnerId, Partners};

/// The longest partner or dealership name.
const MAX_NAME_CHARS: usize = 100;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PartnersFile {
    #[serde(default)]
    partners: Vec<PartnerEntry>,
}

/// One `[[partners]]` table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PartnerEntry {
    id: String,
    name: String,
    dealership: String,
    allowed_origins: Vec<String>,
    market: String,
    language: String,
    models: Vec<String>,
}

/// Parses `text` and checks every partner against `catalog`; the errors are never empty.
pub fn parse(text: &str, catalog: &Catalog) -> Result<Partners, Vec<String>> {
    let file: PartnersFile = toml::from_str(text).map_err(|error| vec![error.to_string()])?;
    let mut errors = Vec::new();
    let mut first_of_id: BTreeMap<&str, usize> = BTreeMap::new();
    let mut partners = Vec::with_capacity(file.partners.len());
    for (i, entry) in file.partners.iter().enumerate() {
        let mut fault = |field: &str, message: String| {
            errors.push(format!(
                "partners[{i}].{field}: partner `{}`: {message}",
                entry.id
            ));
        };
        if let Some(first) = first_of_id.insert(&entry.id, i) {
            fault(
                "id",
                format!("duplicate id `{}`: also partners[{first}]", entry.id),
            );
        }
        if let Some(partner) = check_entry(entry, catalog, &mut fault) {
            partners.push(partner);
        }
    }
    if errors.is_empty() {
        Ok(Partners::new(partners))
    } else {
        Err(errors)
    }
}

/// One checked partner, or `None` after reporting each field at fault to `fault`.
fn check_entry(
    entry: &PartnerEntry,
    catalog: &Catalog,
    fault: &mut impl FnMut(&str, String),
) -> Option<Partner> {
    let id = PartnerId::try_from(entry.id.clone())
        .map_err(|error| fault("id", error.to_string()))
        .ok();
    let name = check_name(&entry.name).map_err(|message| fault("name", message));
    let dealership = check_name(&entry.dealership).map_err(|m| fault("dealership", m));
    if entry.allowed_origins.is_empty() {
        fault(
            "allowed_origins",
            "at least one origin is needed".to_owned(),
        );
    }
    let mut origins_ok = !entry.allowed_origins.is_empty();
    for (j, origin) in entry.allowed_origins.iter().enumerate() {
        if let Err(message) = check_origin(origin) {
            fault(&format!("allowed_origins[{j}]"), message);
            origins_ok = false;
        }
    }
    let market = check_market(&entry.market, catalog).map_err(|m| fault("market", m));
    let language = Lang::from_str(&entry.language)
        .map_err(|error| fault("language", format!("language: {error}")));
    let models = check_models(&entry.models, catalog, fault);
    match (id, name, dealership, market, language, models) {
        (Some(id), Ok(name), Ok(dealership), Ok(market), Ok(language), Some(models))
            if origins_ok =>
        {
            Some(Partner {
                id,
                name,
                dealership,
                allowed_origins: entry.allowed_origins.clone(),
                market,
                language,
                models,
            })
        }
        _ => None,
    }
}

/// A name: not blank, at most [`MAX_NAME_CHARS`] characters, trimmed.
fn check_name(text: &str) -> Result<String, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err("must not be blank".to_owned());
    }
    if trimmed.chars().count() > MAX_NAME_CHARS {
        return Err(format!("at most {MAX_NAME_CHARS} characters"));
    }
    Ok(trimmed.to_owned())
}

fn check_market(text: &str, catalog: &Catalog) -> Result<MarketId, String> {
    MarketId::from_str(text)
        .ok()
        .filter(|market| catalog.market(market).is_some())
        .ok_or_else(|| {
            let known: Vec<String> = catalog
                .markets()
                .iter()
                .map(|m| format!("`{}`", m.id))
                .collect();
            format!(
                "unknown market `{text}`: expected one of {}",
                known.join(", ")
            )
        })
}

/// The models, each in the catalog and named once; `None` after reporting the faults.
fn check_models(
    texts: &[String],
    catalog: &Catalog,
    fault: &mut impl FnMut(&str, String),
) -> Option<Vec<ModelId>> {
    if texts.is_empty() {
        fault("models", "at least one model is needed".to_owned());
        return None;
    }
    let mut models: Vec<ModelId> = Vec::with_capacity(texts.len());
    let mut ok = true;
    for (j, text) in texts.iter().enumerate() {
        let known = ModelId::from_str(text)
            .ok()
            .filter(|model| catalog.model(model).is_some());
        match known {
            Some(model) if models.contains(&model) => {
                fault(
                    &format!("models[{j}]"),
                    format!("model `{text}` is listed twice"),
                );
                ok = false;
            }
            Some(model) => models.push(model),
            None => {
                fault(
                    &format!("models[{j}]"),
                    format!("unknown model `{text}`: not in the catalog"),
                );
                ok = false;
            }
        }
    }
    ok.then_some(models)
}

/// An origin as browsers send it: `http` or `https`, `://`, a lower-case host name (letters,
/// digits, `-`, dot-separated labels) and an optional port; no path, not even a trailing `/`.
pub fn check_origin(text: &str) -> Result<(), String> {
    let bad = || {
        format!(
            "origin `{text}` is not `scheme://host[:port]` (http or https, a lower-case host, \
             no path or trailing `/`)"
        )
    };
    let (scheme, authority) = text.split_once("://").ok_or_else(bad)?;
    if scheme != "http" && scheme != "https" {
        return Err(bad());
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    let port_ok = port.is_none_or(|port| {
        port.len() <= 5
            && port.bytes().all(|b| b.is_ascii_digit())
            && port.parse::<u16>().is_ok_and(|n| n > 0)
    });
    if port_ok && is_host_name(host) {
        Ok(())
    } else {
        Err(bad())
    }
}

/// Dot-separated labels of `a-z`, `0-9` and inner `-`.
fn is_host_name(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

#[cfg(test)]
mod tests;
