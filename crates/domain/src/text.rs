//! Text in the four languages of the catalog. The catalog file must give all four (its validation
//! refuses a text without one); a text that lacks one anyway falls back: Kyrgyz and Uzbek to
//! Russian, Russian to English.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A language of the user interface and the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English, the fallback of every text.
    #[default]
    En,
    /// Russian, the fallback of Kyrgyz and Uzbek.
    Ru,
    /// Kyrgyz.
    Ky,
    /// Uzbek, Latin script.
    Uz,
}

impl Lang {
    /// Every language, in the order the UI lists them.
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Ru, Lang::Ky, Lang::Uz];

    /// The code of the language: `en`, `ru`, `ky`, `uz`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::Ky => "ky",
            Lang::Uz => "uz",
        }
    }
}

/// Why a string is not a language code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language `{0}`: expected `en`, `ru`, `ky` or `uz`")]
pub struct ParseLangError(pub String);

impl FromStr for Lang {
    type Err = ParseLangError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::ALL
            .into_iter()
            .find(|l| l.code() == s)
            .ok_or_else(|| ParseLangError(s.to_owned()))
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A text in English, Russian, Kyrgyz and Uzbek; the catalog requires all four, the type only
/// English and Russian.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// English.
    pub en: String,
    /// Russian.
    pub ru: String,
    /// Kyrgyz; Russian when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ky: Option<String>,
    /// Uzbek (Latin script); Russian when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uz: Option<String>,
}

impl Text {
    /// The text in `lang`, or its fallback: `ky`/`uz` → `ru` → `en`.
    pub fn get(&self, lang: Lang) -> &str {
        let own = match lang {
            Lang::En => Some(&self.en),
            Lang::Ru => Some(&self.ru),
            Lang::Ky => self.ky.as_ref(),
            Lang::Uz => self.uz.as_ref(),
        };
        [own, Some(&self.ru), Some(&self.en)]
            .into_iter()
            .flatten()
            .find(|s| !s.is_empty())
            .map_or("", String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_russian_then_english() {
        let t = Text {
            en: "Paint".into(),
            ru: "Цвет".into(),
            ky: Some("Түсү".into()),
            uz: None,
        };
        assert_eq!(t.get(Lang::En), "Paint");
        assert_eq!(t.get(Lang::Ky), "Түсү");
        assert_eq!(t.get(Lang::Uz), "Цвет");
        let only_en = Text {
            en: "LS".into(),
            ..Text::default()
        };
        assert_eq!(only_en.get(Lang::Uz), "LS");
    }

    #[test]
    fn language_codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(lang.code().parse(), Ok(lang));
        }
        assert_eq!("de".parse::<Lang>(), Err(ParseLangError("de".into())));
    }
}
