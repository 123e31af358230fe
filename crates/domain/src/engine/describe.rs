//! Reasons, changes and violations in words, in the four languages. Names come from the catalog in
//! the asked language; the connecting words are templates per language, `{0}`, `{1}` standing for
//! the names. Kyrgyz and Uzbek put the words before a colon and the name after it, so that a name
//! never needs a case ending the catalog does not have. Each kind of rule keeps the words of its
//! own reasons and violations (`rules::words`); the engine's own are here.

use super::change::{Change, ChangeKind};
use super::model::Model;
use super::reason::{Item, Reason};
use super::rules::Words;
use super::rules::words::{
    CAME_WITH, EXCLUDED_BY, INCLUDED_IN, INCLUDES, INCOMPATIBLE, NEEDS_CHOICE, NOT_ON_TRIM,
    NOT_WITH_POWERTRAIN, POWERTRAIN_NOT_ON_TRIM, REPLACED_BY, REQUIRED_BY, TOO_MANY,
};
use super::violation::Violation;
use crate::text::Lang;

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

fn item(item: &Item, model: &Model, lang: Lang) -> String {
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

fn reason(reason: &Reason, model: &Model, lang: Lang) -> String {
    let o = |id| option_name(model, id, lang);
    let i = |it| item(it, model, lang);
    let (words, name): (Words, String) = match reason {
        Reason::RequiredBy { by } => (REQUIRED_BY, i(by)),
        Reason::IncludedIn { package } => (INCLUDED_IN, o(package)),
        Reason::ExcludedBy { by } => (EXCLUDED_BY, i(by)),
        Reason::NotOnTrim { trim } => (NOT_ON_TRIM, i(&Item::Trim(trim.clone()))),
        Reason::NotWithPowertrain { powertrain } => (
            NOT_WITH_POWERTRAIN,
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
        Reason::Includes { option } => (INCLUDES, o(option)),
        Reason::ReplacedBy { option } => (REPLACED_BY, o(option)),
        Reason::GroupNeedsChoice { group } => (NEEDS_CHOICE, group_name(model, group, lang)),
        Reason::CameWith { package } => (CAME_WITH, o(package)),
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

fn violation(v: &Violation, model: &Model, lang: Lang) -> String {
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
        Violation::Incompatible { option, with } => {
            say(lang, INCOMPATIBLE, &[&o(option), &o(with)])
        }
        Violation::TooMany { group, options } => {
            let names: Vec<_> = options.iter().map(o).collect();
            say(
                lang,
                TOO_MANY,
                &[&group_name(model, group, lang), &names.join(", ")],
            )
        }
        Violation::NeedsChoice(group) => {
            say(lang, NEEDS_CHOICE, &[&group_name(model, group, lang)])
        }
        Violation::PowertrainNotOnTrim { powertrain, trim } => say(
            lang,
            POWERTRAIN_NOT_ON_TRIM,
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

impl Item {
    /// The item's name in the catalog's words, with its kind for trims.
    pub fn describe(&self, model: &Model, lang: Lang) -> String {
        item(self, model, lang)
    }
}

impl Reason {
    /// The reason in words the UI can show, in `lang`, names localized: `required by Winter
    /// package`.
    pub fn describe(&self, model: &Model, lang: Lang) -> String {
        reason(self, model, lang)
    }
}

impl Violation {
    /// The violation in words the UI can show, in `lang`.
    pub fn describe(&self, model: &Model, lang: Lang) -> String {
        violation(self, model, lang)
    }
}
