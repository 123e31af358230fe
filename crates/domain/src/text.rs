//! Text in the four languages of the catalog. The catalog file must give all four (its validation
//! refuses a text without one); a text that lacks one anyway falls back: Kyrgyz and Uzbek to
//! Russian, Russian to English. The server sends the browser a catalog in one language
//! ([`Text::only`]): each of its texts is read in any language as that one.

use serde::{Deserialize, Serialize};

use crate::slug::slug_enum;

slug_enum! {
    /// A language of the user interface and the catalog.
    #[derive(Default)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), serde(rename_all = "lowercase"))]
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

/// A text in English, Russian, Kyrgyz and Uzbek; the catalog file requires all four. English and
/// Russian are left out of the JSON when empty (a text of a one-language catalog).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// English.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub en: String,
    /// Russian.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ru: String,
    /// Kyrgyz; Russian when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ky: Option<String>,
    /// Uzbek (Latin script); Russian when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uz: Option<String>,
}

impl Text {
    /// The text in `lang`, or its fallback: `ky`/`uz` → `ru` → `en`, and then whichever language
    /// there is (a text of a one-language catalog has no other).
    pub fn get(&self, lang: Lang) -> &str {
        [
            self.own(lang),
            Some(&self.ru),
            Some(&self.en),
            self.ky.as_deref(),
            self.uz.as_deref(),
        ]
        .into_iter()
        .flatten()
        .find(|s| !s.is_empty())
        .unwrap_or_default()
    }

    /// The words written for `lang` itself, with no fallback.
    pub fn own(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::En => Some(&self.en),
            Lang::Ru => Some(&self.ru),
            Lang::Ky => self.ky.as_deref(),
            Lang::Uz => self.uz.as_deref(),
        }
    }

    /// The text for readers of `lang` alone: what [`Text::get`] gives in `lang`, written in
    /// `lang`'s own place, and no other language.
    pub fn only(&self, lang: Lang) -> Self {
        let words = self.get(lang).to_owned();
        match lang {
            Lang::En => Self {
                en: words,
                ..Self::default()
            },
            Lang::Ru => Self {
                ru: words,
                ..Self::default()
            },
            Lang::Ky => Self {
                ky: Some(words),
                ..Self::default()
            },
            Lang::Uz => Self {
                uz: Some(words),
                ..Self::default()
            },
        }
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
    fn a_text_for_one_language_reads_the_same_in_it_and_stands_in_for_the_others() {
        let full = Text {
            en: "Paint".into(),
            ru: "Цвет".into(),
            ky: Some("Түсү".into()),
            uz: None,
        };
        for lang in Lang::ALL {
            let only = full.only(lang);
            assert_eq!(only.get(lang), full.get(lang), "{lang}");
            assert_eq!(only.own(lang), Some(full.get(lang)), "{lang}");
            for other in Lang::ALL {
                assert_eq!(only.get(other), full.get(lang), "{lang} read in {other}");
            }
        }
        assert_eq!(full.only(Lang::Uz).uz.as_deref(), Some("Цвет"));
        assert_eq!(Text::default().only(Lang::Ky).get(Lang::Ky), "");
    }

    #[test]
    fn empty_english_and_russian_are_left_out_of_the_json() {
        let kyrgyz = Text {
            ky: Some("Түсү".into()),
            ..Text::default()
        };
        let json = serde_json::to_string(&kyrgyz).expect("serializes");
        assert_eq!(json, r#"{"ky":"Түсү"}"#);
        assert_eq!(serde_json::from_str::<Text>(&json).ok(), Some(kyrgyz));
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
