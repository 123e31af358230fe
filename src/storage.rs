//! Local storage: every value is kept in an envelope `{"v": VERSION, "data": ...}`, so that data
//! written by an older version of the app (or damaged by hand) is recognised, dropped and reported
//! instead of crashing the app.

use configurator_domain::Lang;
use serde::{Deserialize, Serialize, de::DeserializeOwned};

use crate::json;

/// The catalog in every language, as versions before [`catalog_key`] saved it: removed (with the
/// notice of data dropped) when found.
pub const OLD_CATALOG_KEY: &str = "configurator.catalog";
/// Language, market and currency.
pub const PREFS_KEY: &str = "configurator.prefs";
/// Configurations in progress.
pub const DRAFTS_KEY: &str = "configurator.drafts";
/// Who signed in on this browser: only a hint for the header, confirmed with the server (the
/// session itself is an HttpOnly cookie scripts cannot read).
pub const ACCOUNT_KEY: &str = "configurator.account";
/// The configuration codes picked for the compare page, in column order.
pub const COMPARE_KEY: &str = "configurator.compare";
/// A sign-out the server has not heard of yet (it was unreachable): finished at the next contact.
pub const SIGN_OUT_KEY: &str = "configurator.sign-out";

/// The saved catalog answer in `lang` (`configurator.catalog.ky`), for a quick start in that
/// language and offline use.
pub fn catalog_key(lang: Lang) -> String {
    format!("configurator.catalog.{lang}")
}

/// What was found under a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored<T> {
    /// Nothing stored (or storage unavailable).
    Missing,
    /// A value of the current version.
    Found(T),
    /// Something unreadable or of another version: it has been removed.
    Dropped,
}

impl<T> Stored<T> {
    /// The value, if one was found.
    pub fn found(self) -> Option<T> {
        match self {
            Stored::Found(value) => Some(value),
            _ => None,
        }
    }
}

#[derive(Serialize)]
struct EnvelopeOut<'a, T> {
    v: u32,
    data: &'a T,
}

/// The data of an envelope whose version `VersionOnly` already checked.
#[derive(Deserialize)]
struct EnvelopeIn<T> {
    data: T,
}

#[derive(Deserialize)]
struct VersionOnly {
    v: u32,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads the value under `key` written by `save` with the same `version`; anything else there is
/// removed and reported as [`Stored::Dropped`].
pub fn load<T: DeserializeOwned>(key: &str, version: u32) -> Stored<T> {
    let Some(text) = read(key) else {
        return Stored::Missing;
    };
    match decode(&text, version) {
        Some(value) => Stored::Found(value),
        None => {
            remove(key);
            Stored::Dropped
        }
    }
}

/// The text under `key`, if there is any (and storage at all).
fn read(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// The value of an envelope of `version`, `None` for another version or malformed text.
pub fn decode<T: DeserializeOwned>(text: &str, version: u32) -> Option<T> {
    // Check the version first: an older shape must not half-parse into the new one.
    let header: VersionOnly = json::from_str(text).ok()?;
    if header.v != version {
        return None;
    }
    json::from_str::<EnvelopeIn<T>>(text)
        .ok()
        .map(|envelope| envelope.data)
}

/// Writes `value` under `key` with `version`. Storage being full or disabled is not an error the
/// user can act on: the app goes on without it.
pub fn save<T: Serialize>(key: &str, version: u32, value: &T) {
    if let (Some(storage), Ok(text)) = (
        storage(),
        serde_json::to_string(&EnvelopeOut {
            v: version,
            data: value,
        }),
    ) {
        let _ = storage.set_item(key, &text);
    }
}

/// Writes `json`, already JSON text, under `key` with `version`, as [`save`] would write the value
/// it stands for.
pub fn save_json(key: &str, version: u32, json: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(key, &envelope(version, json));
    }
}

/// Removes the value under `key`.
pub fn remove(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

/// Removes whatever is under `key`; whether there was something.
pub fn remove_found(key: &str) -> bool {
    let found = read(key).is_some();
    if found {
        remove(key);
    }
    found
}

/// Whether `key` holds `json` word for word, in an envelope of `version`.
pub fn holds_json(key: &str, version: u32, json: &str) -> bool {
    read(key).is_some_and(|stored| stored == envelope(version, json))
}

/// The envelope of `json` with `version`.
fn envelope(version: u32, json: &str) -> String {
    format!(r#"{{"v":{version},"data":{json}}}"#)
}

#[cfg(test)]
mod tests {
    use super::{decode, envelope};

    #[test]
    fn an_envelope_of_json_text_decodes() {
        assert_eq!(
            decode::<Vec<u32>>(&envelope(3, "[1, 2]"), 3),
            Some(vec![1, 2])
        );
    }

    #[test]
    fn only_the_current_version_decodes() {
        assert_eq!(
            decode::<Vec<u32>>(r#"{"v":2,"data":[1,2]}"#, 2),
            Some(vec![1, 2])
        );
        assert_eq!(decode::<Vec<u32>>(r#"{"v":1,"data":[1,2]}"#, 2), None);
        assert_eq!(decode::<Vec<u32>>(r#"{"v":2,"data":"x"}"#, 2), None);
        assert_eq!(decode::<Vec<u32>>("not json", 2), None);
        assert_eq!(decode::<Vec<u32>>("[1,2]", 2), None);
    }
}
