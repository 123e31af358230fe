//! The options of an embedded configurator, from the partner page's `mount(element, options)`
//! object or from the `/embed?…` frame's query string, checked field by field: a bad option is
//! refused with its name and value, before anything is shown or fetched.

use std::{collections::BTreeMap, fmt};

use configurator_domain::{Lang, MarketId, ModelId};
use serde_json::{Map, Value};

/// What the configurator lets its visitor do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A visitor asks the partner's dealer for a quote (the default).
    QuoteRequest,
    /// A dealer orders: the configuration opens in the dealer app, where the dealer is signed in.
    Order,
}

/// The theme properties a partner may set, each the CSS custom property `--chui-{name}`.
pub const THEME_PROPERTIES: [&str; 11] = [
    "accent",
    "accent-text",
    "background",
    "surface",
    "text",
    "muted",
    "border",
    "ok",
    "error",
    "radius",
    "font",
];

/// The option names, as the documentation lists them.
const OPTION_NAMES: [&str; 8] = [
    "partner", "lang", "market", "models", "code", "theme", "mode", "server",
];

/// The longest theme value accepted.
const MAX_THEME_VALUE: usize = 100;
/// The longest configuration code accepted (as the API's).
const MAX_CODE: usize = 720;

/// The checked options.
#[derive(Debug, Clone, PartialEq)]
pub struct EmbedOptions {
    /// The partner's id (`data/partners.toml`).
    pub partner: String,
    /// The language; the partner's when absent.
    pub lang: Option<Lang>,
    /// The market prices are shown in; the partner's when absent.
    pub market: Option<MarketId>,
    /// The models to show, a subset of the partner's; all of the partner's when absent.
    pub models: Option<Vec<ModelId>>,
    /// The configuration to open with.
    pub code: Option<String>,
    /// Theme properties (a name of [`THEME_PROPERTIES`] and its CSS value).
    pub theme: BTreeMap<String, String>,
    /// What the visitor can do.
    pub mode: Mode,
    /// The plant server's origin (`https://host[:port]`); empty for the page's own origin.
    pub server: String,
    /// Whether the configurator is the whole page (the `/embed` frame): its title is the page's
    /// `h1`, where in a partner's page it is an `h2` under the partner's own title.
    pub framed: bool,
}

/// An option that cannot be used: its name and what is wrong with its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionError {
    /// The option (`lang`, `theme.accent`).
    pub option: String,
    /// What is wrong, naming the value.
    pub problem: String,
}

impl fmt::Display for OptionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "option `{}`: {}", self.option, self.problem)
    }
}

impl std::error::Error for OptionError {}

fn refuse(option: &str, problem: String) -> OptionError {
    OptionError {
        option: option.to_owned(),
        problem,
    }
}

impl EmbedOptions {
    /// The options of a `mount` call: a JSON object.
    pub fn from_json(text: &str) -> Result<Self, OptionError> {
        match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(map)) => Self::from_map(&map),
            _ => Err(refuse(
                "options",
                "expected an object such as { partner: \"…\" }".to_owned(),
            )),
        }
    }

    /// The options of the frame's query string (`partner=…&models=cobalt,onix&theme.accent=…`),
    /// given as decoded pairs.
    pub fn from_query<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, OptionError> {
        let mut map = Map::new();
        let mut theme = Map::new();
        for (key, value) in pairs {
            if let Some(property) = key.strip_prefix("theme.") {
                theme.insert(property.to_owned(), Value::from(value));
            } else if key == "models" {
                let models = value.split(',').filter(|m| !m.is_empty()).map(Value::from);
                map.insert(key.to_owned(), Value::Array(models.collect()));
            } else if key != "server" {
                map.insert(key.to_owned(), Value::from(value));
            }
        }
        if !theme.is_empty() {
            map.insert("theme".to_owned(), Value::Object(theme));
        }
        Self::from_map(&map).map(|options| Self {
            framed: true,
            ..options
        })
    }

    fn from_map(map: &Map<String, Value>) -> Result<Self, OptionError> {
        if let Some(unknown) = map.keys().find(|k| !OPTION_NAMES.contains(&k.as_str())) {
            return Err(refuse(
                unknown,
                format!("unknown option (options: {})", OPTION_NAMES.join(", ")),
            ));
        }
        let text = |name: &str| -> Result<Option<&str>, OptionError> {
            match map.get(name) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.as_str())),
                Some(other) => Err(refuse(name, format!("{other} is not a text"))),
            }
        };
        let partner = text("partner")?
            .filter(|p| is_partner_id(p))
            .ok_or_else(|| {
                refuse(
                    "partner",
                    format!(
                        "{} is not a partner id (1 to 64 of a-z, 0-9, `-`, `_`, `.`)",
                        shown(map.get("partner"))
                    ),
                )
            })?
            .to_owned();
        let lang = text("lang")?
            .map(|l| {
                l.parse::<Lang>()
                    .map_err(|_| refuse("lang", format!("\"{l}\" is not one of en, ru, ky, uz")))
            })
            .transpose()?;
        let market = text("market")?
            .map(|m| {
                m.parse::<MarketId>()
                    .map_err(|e| refuse("market", e.to_string()))
            })
            .transpose()?;
        let code = text("code")?
            .map(|c| {
                is_code(c)
                    .then(|| c.to_owned())
                    .ok_or_else(|| refuse("code", format!("\"{c}\" is not a configuration code")))
            })
            .transpose()?;
        let mode = match text("mode")? {
            None | Some("quote-request") => Mode::QuoteRequest,
            Some("order") => Mode::Order,
            Some(other) => {
                return Err(refuse(
                    "mode",
                    format!("\"{other}\" is not one of quote-request, order"),
                ));
            }
        };
        let server = text("server")?.unwrap_or_default();
        if !server.is_empty() && !is_origin(server) {
            return Err(refuse(
                "server",
                format!("\"{server}\" is not an origin such as https://plant.example"),
            ));
        }
        Ok(Self {
            partner,
            lang,
            market,
            models: models(map.get("models"))?,
            code,
            theme: theme(map.get("theme"))?,
            mode,
            server: server.to_owned(),
            framed: false,
        })
    }
}

/// `models`: a list of model ids (at least one).
fn models(value: Option<&Value>) -> Result<Option<Vec<ModelId>>, OptionError> {
    let items = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Array(items)) if !items.is_empty() => items,
        Some(other) => {
            return Err(refuse(
                "models",
                format!("{other} is not a list of model ids such as [\"cobalt\"]"),
            ));
        }
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let name = format!("models[{i}]");
            item.as_str()
                .and_then(|m| m.parse::<ModelId>().ok())
                .ok_or_else(|| refuse(&name, format!("{item} is not a model id")))
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

/// `theme`: an object of [`THEME_PROPERTIES`] and CSS values without anything that could end
/// the declaration or load a resource.
fn theme(value: Option<&Value>) -> Result<BTreeMap<String, String>, OptionError> {
    let entries = match value {
        None | Some(Value::Null) => return Ok(BTreeMap::new()),
        Some(Value::Object(entries)) => entries,
        Some(other) => {
            return Err(refuse(
                "theme",
                format!("{other} is not an object such as {{ \"accent\": \"#0b5cad\" }}"),
            ));
        }
    };
    entries
        .iter()
        .map(|(name, value)| {
            let option = format!("theme.{name}");
            if !THEME_PROPERTIES.contains(&name.as_str()) {
                return Err(refuse(
                    &option,
                    format!("unknown theme property (properties: {})", THEME_PROPERTIES.join(", ")),
                ));
            }
            let css = value.as_str().unwrap_or_default();
            let safe = !css.is_empty()
                && css.chars().count() <= MAX_THEME_VALUE
                && !css.contains(['{', '}', ';', '<', '>', '\\'])
                && !css.to_ascii_lowercase().contains("url(");
            if safe {
                Ok((name.clone(), css.to_owned()))
            } else {
                Err(refuse(
                    &option,
                    format!("{value} is not a CSS value of 1 to {MAX_THEME_VALUE} characters without {{ }} ; < > \\ or url("),
                ))
            }
        })
        .collect()
}

/// A value as an error message quotes it.
fn shown(value: Option<&Value>) -> String {
    value.map_or_else(|| "nothing".to_owned(), Value::to_string)
}

fn is_partner_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b))
}

fn is_code(code: &str) -> bool {
    (1..=MAX_CODE).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `http://` or `https://` and a host with an optional port, nothing after.
fn is_origin(origin: &str) -> bool {
    let host = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
        .unwrap_or_default();
    !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_object_is_read() {
        let options = EmbedOptions::from_json(
            r##"{"partner":"autosalon-kg","lang":"ky","market":"KG","models":["cobalt","onix"],
               "code":"AQYy","theme":{"accent":"#c00","radius":"0"},"mode":"order",
               "server":"http://127.0.0.1:8080"}"##,
        )
        .expect("valid options");
        assert_eq!(options.partner, "autosalon-kg");
        assert_eq!(options.lang, Some(Lang::Ky));
        assert_eq!(options.models.map(|m| m.len()), Some(2));
        assert_eq!(
            options.theme.get("accent").map(String::as_str),
            Some("#c00")
        );
        assert_eq!(options.mode, Mode::Order);
    }

    #[test]
    fn only_the_partner_is_required() {
        let options = EmbedOptions::from_json(r#"{"partner":"osh-fleet-leasing"}"#).expect("valid");
        assert_eq!(options.mode, Mode::QuoteRequest);
        assert_eq!(
            (options.lang, options.models, options.server.as_str()),
            (None, None, "")
        );
    }

    #[test]
    fn each_bad_option_is_named_with_its_value() {
        let cases = [
            (r#"{}"#, "partner", "nothing"),
            (r#"{"partner":"Bad Id"}"#, "partner", "Bad Id"),
            (r#"{"partner":"p","lang":"de"}"#, "lang", "de"),
            (r#"{"partner":"p","lang":3}"#, "lang", "3"),
            (r#"{"partner":"p","market":"kg"}"#, "market", "kg"),
            (
                r#"{"partner":"p","models":["cobalt","No!"]}"#,
                "models[1]",
                "No!",
            ),
            (r#"{"partner":"p","models":[]}"#, "models", "[]"),
            (r#"{"partner":"p","code":"a b"}"#, "code", "a b"),
            (r#"{"partner":"p","mode":"buy"}"#, "mode", "buy"),
            (
                r#"{"partner":"p","theme":{"accent":"red;x:y"}}"#,
                "theme.accent",
                "red;x:y",
            ),
            (
                r#"{"partner":"p","theme":{"accent":"url(x)"}}"#,
                "theme.accent",
                "url(x)",
            ),
            (
                r#"{"partner":"p","theme":{"glow":"1"}}"#,
                "theme.glow",
                "unknown",
            ),
            (
                r#"{"partner":"p","server":"javascript:1"}"#,
                "server",
                "javascript:1",
            ),
            (
                r#"{"partner":"p","colour":"red"}"#,
                "colour",
                "unknown option",
            ),
        ];
        for (json, option, value) in cases {
            let error = EmbedOptions::from_json(json).expect_err(json);
            assert_eq!(error.option, option, "{json}");
            assert!(error.to_string().contains(value), "{json}: {error}");
        }
        assert_eq!(
            EmbedOptions::from_json("[1]")
                .expect_err("not an object")
                .option,
            "options"
        );
    }

    #[test]
    fn a_query_string_reads_like_the_object() {
        let options = EmbedOptions::from_query([
            ("partner", "autosalon-kg"),
            ("models", "cobalt,onix"),
            ("theme.accent", "#c00"),
            ("mode", "order"),
            ("server", "https://elsewhere.example"),
        ])
        .expect("valid query");
        assert_eq!(options.models.map(|m| m.len()), Some(2));
        assert_eq!(
            options.theme.get("accent").map(String::as_str),
            Some("#c00")
        );
        assert_eq!(options.mode, Mode::Order);
        // The frame talks to its own origin, whatever the address says.
        assert_eq!(options.server, "");
        assert!(options.framed);
        let error =
            EmbedOptions::from_query([("partner", "p"), ("lang", "xx")]).expect_err("bad lang");
        assert_eq!(error.option, "lang");
    }
}
