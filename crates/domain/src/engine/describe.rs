//! Reasons, changes and violations in words, in the four languages. Names come from the catalog in
//! the asked language; the connecting words are templates per language, `{0}`, `{1}` standing for
//! the names. Kyrgyz and Uzbek put the words before a colon and the name after it, so that a name
//! never needs a case ending the catalog does not have.

use super::apply::{Change, ChangeKind};
use super::check::Violation;
use super::reason::{Item, Reason};
use crate::catalog::Model;
use crate::text::Lang;

/// The same words in English, Russian, Kyrgyz and Uzbek.
type Words = [&'static str; 4];

/// `words` in `lang` with `{0}`, `{1}`… replaced by `names`.
fn say(lang: Lang, words: Words, names: &[&str]) -> String {
    let template = match lang {
        Lang::En => words[0],
        Lang::Ru => words[1],
        Lang::Ky => words[2],
        Lang::Uz => words[3],
    };
    names
        .iter()
        .enumerate()
        .fold(template.to_owned(), |text, (i, name)| {
            text.replace(&format!("{{{i}}}"), name)
        })
}

fn option_name(model: &Model, id: &crate::ids::OptionId, lang: Lang) -> String {
    model
        .option(id)
        .map_or_else(|| id.to_string(), |o| o.name.get(lang).to_owned())
}

fn group_name(model: &Model, id: &crate::ids::GroupId, lang: Lang) -> String {
    model
        .group(id)
        .map_or_else(|| id.to_string(), |g| g.name.get(lang).to_owned())
}

pub(crate) fn item(item: &Item, model: &Model, lang: Lang) -> String {
    match item {
        Item::Trim(id) => {
            let name = model.trim(id).map_or(id.as_str(), |t| t.name.get(lang));
            say(
                lang,
                [
                    "{0} trim",
                    "комплектация {0}",
                    "комплектация {0}",
                    "komplektatsiya {0}",
                ],
                &[name],
            )
        }
        Item::Powertrain(id) => model
            .powertrain(id)
            .map_or_else(|| id.to_string(), |p| p.name.get(lang).to_owned()),
        Item::Option(id) => option_name(model, id, lang),
    }
}

pub(crate) fn reason(reason: &Reason, model: &Model, lang: Lang) -> String {
    let o = |id| option_name(model, id, lang);
    let i = |it| item(it, model, lang);
    let (words, name): (Words, String) = match reason {
        Reason::RequiredBy { by } => (
            [
                "required by {0}",
                "требуется для: {0}",
                "талап кылынат: {0}",
                "talab qilinadi: {0}",
            ],
            i(by),
        ),
        Reason::IncludedIn { package } => (
            [
                "included in {0}",
                "входит в {0}",
                "топтомго кирет: {0}",
                "toʻplamga kiradi: {0}",
            ],
            o(package),
        ),
        Reason::ExcludedBy { by } => (
            [
                "not compatible with {0}",
                "несовместимо с: {0}",
                "шайкеш келбейт: {0}",
                "mos kelmaydi: {0}",
            ],
            i(by),
        ),
        Reason::NotOnTrim { trim } => (
            [
                "not offered with the {0}",
                "недоступно: {0}",
                "жеткиликсиз: {0}",
                "mavjud emas: {0}",
            ],
            i(&Item::Trim(trim.clone())),
        ),
        Reason::NotWithPowertrain { powertrain } => (
            [
                "not offered with {0}",
                "недоступно с двигателем {0}",
                "бул кыймылдаткыч менен жеткиликсиз: {0}",
                "bu dvigatel bilan mavjud emas: {0}",
            ],
            i(&Item::Powertrain(powertrain.clone())),
        ),
        Reason::Requires { option } => (
            [
                "requires {0}",
                "требует: {0}",
                "талап кылат: {0}",
                "talab qiladi: {0}",
            ],
            o(option),
        ),
        Reason::Replaces { option } => (
            [
                "replaces {0}",
                "заменяет: {0}",
                "алмаштырат: {0}",
                "almashtiradi: {0}",
            ],
            o(option),
        ),
        Reason::ReplacedBy { option } => (
            [
                "replaced by {0}",
                "заменено на: {0}",
                "алмаштырылды: {0}",
                "almashtirildi: {0}",
            ],
            o(option),
        ),
        Reason::Removes { option } => (
            [
                "removes {0}",
                "убирает: {0}",
                "алып салат: {0}",
                "olib tashlaydi: {0}",
            ],
            o(option),
        ),
        Reason::GroupNeedsChoice { group } => (
            [
                "{0} needs a choice",
                "нужно выбрать: {0}",
                "тандоо керек: {0}",
                "tanlash kerak: {0}",
            ],
            group_name(model, group, lang),
        ),
        Reason::CameWith { package } => (
            [
                "came with {0}",
                "входило в {0}",
                "топтом менен келген: {0}",
                "toʻplam bilan kelgan: {0}",
            ],
            o(package),
        ),
    };
    say(lang, words, &[&name])
}

impl Change {
    /// The change in words: `adds Winter package: required by Engine pre-heater`.
    pub fn describe(&self, model: &Model, lang: Lang) -> String {
        let what = match &self.kind {
            ChangeKind::Added { option } => say(
                lang,
                [
                    "adds {0}",
                    "добавлено: {0}",
                    "кошулду: {0}",
                    "qoʻshildi: {0}",
                ],
                &[&option_name(model, option, lang)],
            ),
            ChangeKind::Removed { option } => say(
                lang,
                [
                    "removes {0}",
                    "убрано: {0}",
                    "алынып салынды: {0}",
                    "olib tashlandi: {0}",
                ],
                &[&option_name(model, option, lang)],
            ),
            ChangeKind::Trim { from, to } => say(
                lang,
                SWITCH_TRIM,
                &[
                    &item(&Item::Trim(from.clone()), model, lang),
                    &item(&Item::Trim(to.clone()), model, lang),
                ],
            ),
            ChangeKind::Powertrain { from, to } => say(
                lang,
                SWITCH,
                &[
                    &item(&Item::Powertrain(from.clone()), model, lang),
                    &item(&Item::Powertrain(to.clone()), model, lang),
                ],
            ),
        };
        format!("{what}: {}", reason(&self.reason, model, lang))
    }
}

/// A trim switched for another.
const SWITCH_TRIM: Words = [
    "switches from the {0} to the {1}",
    "вместо: {0} — {1}",
    "ордуна: {0} — {1}",
    "oʻrniga: {0} — {1}",
];

/// A powertrain switched for another.
const SWITCH: Words = [
    "switches from {0} to {1}",
    "вместо: {0} — {1}",
    "ордуна: {0} — {1}",
    "oʻrniga: {0} — {1}",
];

pub(crate) fn violation(v: &Violation, model: &Model, lang: Lang) -> String {
    let o = |id| option_name(model, id, lang);
    match v {
        Violation::NotOffered {
            option,
            reason: why,
        } => {
            format!("{}: {}", o(option), reason(why, model, lang))
        }
        Violation::Missing {
            option,
            reason: why,
        } => say(
            lang,
            [
                "{0} is missing: {1}",
                "не выбрано: {0} — {1}",
                "тандалган жок: {0} — {1}",
                "tanlanmagan: {0} — {1}",
            ],
            &[&o(option), &reason(why, model, lang)],
        ),
        Violation::Incompatible { option, with } => say(
            lang,
            [
                "{0} is not compatible with {1}",
                "{0} несовместимо с: {1}",
                "{0} шайкеш келбейт: {1}",
                "{0} mos kelmaydi: {1}",
            ],
            &[&o(option), &o(with)],
        ),
        Violation::TooMany { group, options } => {
            let names: Vec<_> = options.iter().map(o).collect();
            say(
                lang,
                [
                    "{0} allows one choice: {1}",
                    "{0}: можно выбрать одно — {1}",
                    "{0}: бирөөнү гана тандоого болот — {1}",
                    "{0}: faqat bittasini tanlash mumkin — {1}",
                ],
                &[&group_name(model, group, lang), &names.join(", ")],
            )
        }
        Violation::NeedsChoice(group) => say(
            lang,
            [
                "{0} needs a choice",
                "нужно выбрать: {0}",
                "тандоо керек: {0}",
                "tanlash kerak: {0}",
            ],
            &[&group_name(model, group, lang)],
        ),
        Violation::PowertrainNotOnTrim { powertrain, trim } => say(
            lang,
            [
                "{0} is not offered with the {1}",
                "{0} недоступно: {1}",
                "{0} жеткиликсиз: {1}",
                "{0} mavjud emas: {1}",
            ],
            &[
                &item(&Item::Powertrain(powertrain.clone()), model, lang),
                &item(&Item::Trim(trim.clone()), model, lang),
            ],
        ),
        Violation::WrongModel { .. }
        | Violation::UnknownModel(_)
        | Violation::UnknownTrim(_)
        | Violation::UnknownPowertrain(_)
        | Violation::UnknownOption(_) => v.to_string(),
    }
}
