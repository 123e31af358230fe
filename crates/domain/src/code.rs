//! Configuration codes: a short, URL-safe text for a configuration, carrying the catalog version.
//!
//! The bytes, in base64url without padding:
//!
//! | bytes | what |
//! |---|---|
//! | 1 | format, `1` |
//! | 1 + n | catalog version: length, then the text |
//! | 1 + n | model id: length, then the text |
//! | 2 | fingerprint of the model's trim, powertrain and option ids in order |
//! | 1, 1 | trim and powertrain, as indexes |
//! | 0 to 16 | the chosen options as a bit set by index, trailing zero bytes left out |
//! | 1 | check byte over everything before it |
//!
//! A Cobalt with six options under catalog `2027.1` is about 30 characters. Decoding under the
//! same catalog reads the indexes. Under another version the indexes still hold when the model's
//! fingerprint is unchanged (prices or rules changed, not the list of choices); otherwise, given
//! the older catalog ([`decode_with_history`]), the code is read there and mapped by id, which
//! names exactly the choice that no longer exists. Every decoded configuration is checked.

use serde::{Deserialize, Serialize};

use crate::Catalog;
use crate::base64;
use crate::bits::OptionSet;
use crate::engine::{self, Configuration, Item, Model, State, Violation};

const FORMAT: u8 = 1;

/// Why a configuration could not be encoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EncodeError {
    /// The configuration names a model, trim, powertrain or option the catalog lacks.
    #[error("the configuration does not fit the catalog: {}", Violation::joined(.0))]
    Unknown(Vec<Violation>),
}

/// Why a code could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum CodeError {
    /// Not a configuration code at all, or damaged.
    #[error("malformed configuration code `{code}`: {why}")]
    Malformed {
        /// The code, cut to 64 characters.
        code: String,
        /// What is wrong.
        why: String,
    },
    /// The model of the code is not in the catalog.
    #[error("code made for catalog `{version}`: model `{model}` no longer exists")]
    UnknownModel {
        /// The code's catalog version.
        version: String,
        /// The model.
        model: String,
    },
    /// A choice of the code is no longer offered.
    #[error("code made for catalog `{version}`: {item} of model `{model}` no longer exists")]
    NoLongerExists {
        /// The code's catalog version.
        version: String,
        /// The model.
        model: String,
        /// The choice that no longer exists.
        item: Item,
    },
    /// The model's choices changed since the code's catalog, which is not at hand.
    #[error("code made for catalog `{version}`: the choices of model `{model}` have changed since")]
    ModelChanged {
        /// The code's catalog version.
        version: String,
        /// The model.
        model: String,
    },
    /// The configuration breaks the current rules.
    #[error("code made for catalog `{version}` is not valid now: {}", Violation::joined(.violations))]
    Invalid {
        /// The code's catalog version.
        version: String,
        /// What it breaks.
        violations: Vec<Violation>,
    },
}

/// The check byte: FNV-1a over the bytes, folded to 8 bits.
fn check_byte(bytes: &[u8]) -> u8 {
    let h = bytes.iter().fold(0x811c_9dc5u32, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    h.to_le_bytes().iter().fold(0, |a, b| a ^ b)
}

/// The code of a configuration under `catalog`.
pub fn encode(catalog: &Catalog, config: &Configuration) -> Result<String, EncodeError> {
    let model = catalog
        .model(&config.model)
        .ok_or_else(|| EncodeError::Unknown(vec![Violation::UnknownModel(config.model.clone())]))?;
    let s = State::of(model, config).map_err(EncodeError::Unknown)?;
    Ok(encode_state(catalog.version(), model, s))
}

fn encode_state(version: &str, model: &Model, s: State) -> String {
    let mut bytes = vec![FORMAT];
    for text in [version, model.id().as_str()] {
        // Versions are at most 32 bytes and ids at most 24: validated by the catalog.
        bytes.push(u8::try_from(text.len()).unwrap_or(u8::MAX));
        bytes.extend_from_slice(text.as_bytes());
    }
    bytes.extend_from_slice(&model.fingerprint().to_be_bytes());
    // At most 64 trims and powertrains: validated by the catalog.
    bytes.push(u8::try_from(s.trim).unwrap_or(u8::MAX));
    bytes.push(u8::try_from(s.powertrain).unwrap_or(u8::MAX));
    let set = s.options.bits().to_le_bytes();
    let used = set.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
    bytes.extend_from_slice(&set[..used]);
    bytes.push(check_byte(&bytes));
    base64::encode(&bytes)
}

/// A code's fields.
struct Raw<'a> {
    version: &'a str,
    model: &'a str,
    fingerprint: u16,
    trim: usize,
    powertrain: usize,
    options: u128,
}

/// A length-prefixed text and what follows it.
fn text(rest: &[u8]) -> Result<(&str, &[u8]), &'static str> {
    let (&len, rest) = rest.split_first().ok_or("too short")?;
    let len = usize::from(len);
    let t = rest.get(..len).ok_or("too short")?;
    Ok((
        std::str::from_utf8(t).map_err(|_| "not text")?,
        &rest[len..],
    ))
}

fn parse(bytes: &[u8]) -> Result<Raw<'_>, &'static str> {
    let (body, check) = match bytes.split_last() {
        Some((&check, body)) if !body.is_empty() => (body, check),
        _ => return Err("too short"),
    };
    if check_byte(body) != check {
        return Err("the check byte does not match (mistyped or cut?)");
    }
    let (&format, rest) = body.split_first().ok_or("too short")?;
    if format != FORMAT {
        return Err("unknown format");
    }
    let (version, rest) = text(rest)?;
    let (model, rest) = text(rest)?;
    let [f0, f1, trim, powertrain, options @ ..] = rest else {
        return Err("too short");
    };
    if options.len() > 16 || options.last() == Some(&0) {
        return Err("bad option set");
    }
    let mut set = [0u8; 16];
    set[..options.len()].copy_from_slice(options);
    Ok(Raw {
        version,
        model,
        fingerprint: u16::from_be_bytes([*f0, *f1]),
        trim: usize::from(*trim),
        powertrain: usize::from(*powertrain),
        options: u128::from_le_bytes(set),
    })
}

/// Decodes a code under the current catalog; see [`decode_with_history`].
pub fn decode(catalog: &Catalog, code: &str) -> Result<Configuration, CodeError> {
    decode_with_history(catalog, &[], code)
}

/// Decodes a code under the current catalog, using `older` catalogs (any order) to read a code
/// made under one of them whose model changed since. The result is a valid configuration.
pub fn decode_with_history(
    catalog: &Catalog,
    older: &[&Catalog],
    code: &str,
) -> Result<Configuration, CodeError> {
    let malformed = |why: &str| CodeError::Malformed {
        code: code.chars().take(64).collect(),
        why: why.to_owned(),
    };
    let bytes = base64::decode(code).ok_or_else(|| malformed("not base64url"))?;
    let raw = parse(&bytes).map_err(malformed)?;
    let version = raw.version.to_owned();
    let model_id = raw.model.to_owned();
    let model = catalog
        .models()
        .iter()
        .find(|m| m.id().as_str() == raw.model)
        .ok_or_else(|| CodeError::UnknownModel {
            version: version.clone(),
            model: model_id.clone(),
        })?;
    let config = if raw.fingerprint == model.fingerprint() {
        state_of(model, &raw)
            .ok_or_else(|| malformed("a choice is out of range"))?
            .to_configuration(model)
    } else {
        let old = older
            .iter()
            .find(|c| c.version() == raw.version)
            .and_then(|c| c.models().iter().find(|m| m.id().as_str() == raw.model))
            .filter(|m| m.fingerprint() == raw.fingerprint)
            .ok_or_else(|| CodeError::ModelChanged {
                version: version.clone(),
                model: model_id.clone(),
            })?;
        let config = state_of(old, &raw)
            .ok_or_else(|| malformed("a choice is out of range"))?
            .to_configuration(old);
        if let Err(unknown) = State::of(model, &config) {
            let item = unknown.into_iter().find_map(|v| match v {
                Violation::UnknownTrim(id) => Some(Item::Trim(id)),
                Violation::UnknownPowertrain(id) => Some(Item::Powertrain(id)),
                Violation::UnknownOption(id) => Some(Item::Option(id)),
                _ => None,
            });
            return Err(match item {
                Some(item) => CodeError::NoLongerExists {
                    version,
                    model: model_id,
                    item,
                },
                None => CodeError::ModelChanged {
                    version,
                    model: model_id,
                },
            });
        }
        config
    };
    let violations = engine::check(model, &config);
    if violations.is_empty() {
        Ok(config)
    } else {
        Err(CodeError::Invalid {
            version,
            violations,
        })
    }
}

/// The state a code's indexes name in `model`, if they are in range.
fn state_of(model: &Model, raw: &Raw<'_>) -> Option<State> {
    let n = model.options().len();
    let fits = n >= 128 || raw.options >> n == 0;
    (raw.trim < model.trims().len() && raw.powertrain < model.powertrains().len() && fits)
        .then_some(State {
            trim: raw.trim,
            powertrain: raw.powertrain,
            options: OptionSet::from_bits(raw.options),
        })
}
