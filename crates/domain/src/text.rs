//! Text in the four languages of the catalog. The catalog file must give all four (its validation
//! refuses a text without one); a text that lacks one anyway falls back: Kyrgyz and Uzbek to
//! Russian, Russian to English.

use serde::{Deserialize, Serialize};

use crate::slug::slug_enum;

slug_enum! {
    /// A language of the user interface and the catalog.
    #[derive(Default)]
    pub enum Lang {
        /// English, the fallback of every text.
        #[default]
        En = "en",
        /// Russian, the fallback of Kyrgyz and Uzbek.
        Ru = "ru",
        /// Kyrgyz.
        Ky = "ky",
        /// Uzbek, Latin script.
        Uz = "uz",
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
            assert_eq!(lang.as_str().parse(), Ok(lang));
        }
        assert_eq!(
            "de".parse::<Lang>().map_err(|e| e.to_string()),
            Err("unknown value `de`: expected one of `en`, `ru`, `ky`, `uz`".to_owned())
        );
    }
}
