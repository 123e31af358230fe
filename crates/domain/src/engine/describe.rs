//! Reasons, changes and violations in words, in the four languages. Names come from the catalog in
//! the asked language; the connecting words exist in English and Russian, and Kyrgyz and Uzbek use
//! the Russian ones until translations are supplied (the catalog's own fallback order).

use super::apply::{Change, ChangeKind};
use super::check::Violation;
use super::reason::{Item, Reason};
use crate::catalog::Model;
use crate::text::Lang;

/// Whether the connecting words are English; otherwise Russian.
fn en(lang: Lang) -> bool {
    lang == Lang::En
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
            if en(lang) {
                format!("{name} trim")
            } else {
                format!("комплектация {name}")
            }
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
    let (en_words, ru_words) = match reason {
        Reason::RequiredBy { by } => (
            format!("required by {}", i(by)),
            format!("требуется для: {}", i(by)),
        ),
        Reason::IncludedIn { package } => (
            format!("included in {}", o(package)),
            format!("входит в {}", o(package)),
        ),
        Reason::ExcludedBy { by } => (
            format!("not compatible with {}", i(by)),
            format!("несовместимо с: {}", i(by)),
        ),
        Reason::NotOnTrim { trim } => {
            let t = i(&Item::Trim(trim.clone()));
            (
                format!("not offered with the {t}"),
                format!("недоступно: {t}"),
            )
        }
        Reason::NotWithPowertrain { powertrain } => {
            let p = i(&Item::Powertrain(powertrain.clone()));
            (
                format!("not offered with {p}"),
                format!("недоступно с двигателем {p}"),
            )
        }
        Reason::Requires { option } => (
            format!("requires {}", o(option)),
            format!("требует: {}", o(option)),
        ),
        Reason::Replaces { option } => (
            format!("replaces {}", o(option)),
            format!("заменяет: {}", o(option)),
        ),
        Reason::ReplacedBy { option } => (
            format!("replaced by {}", o(option)),
            format!("заменено на: {}", o(option)),
        ),
        Reason::Removes { option } => (
            format!("removes {}", o(option)),
            format!("убирает: {}", o(option)),
        ),
        Reason::GroupNeedsChoice { group } => {
            let g = group_name(model, group, lang);
            (format!("{g} needs a choice"), format!("нужно выбрать: {g}"))
        }
        Reason::CameWith { package } => (
            format!("came with {}", o(package)),
            format!("входило в {}", o(package)),
        ),
    };
    if en(lang) { en_words } else { ru_words }
}

impl Change {
    /// The change in words: `adds Winter package: required by Engine pre-heater`.
    pub fn describe(&self, model: &Model, lang: Lang) -> String {
        let what = match &self.kind {
            ChangeKind::Added { option } => {
                let name = option_name(model, option, lang);
                if en(lang) {
                    format!("adds {name}")
                } else {
                    format!("добавлено: {name}")
                }
            }
            ChangeKind::Removed { option } => {
                let name = option_name(model, option, lang);
                if en(lang) {
                    format!("removes {name}")
                } else {
                    format!("убрано: {name}")
                }
            }
            ChangeKind::Trim { from, to } => {
                let (from, to) = (
                    item(&Item::Trim(from.clone()), model, lang),
                    item(&Item::Trim(to.clone()), model, lang),
                );
                if en(lang) {
                    format!("switches from the {from} to the {to}")
                } else {
                    format!("вместо: {from} — {to}")
                }
            }
            ChangeKind::Powertrain { from, to } => {
                let (from, to) = (
                    item(&Item::Powertrain(from.clone()), model, lang),
                    item(&Item::Powertrain(to.clone()), model, lang),
                );
                if en(lang) {
                    format!("switches from {from} to {to}")
                } else {
                    format!("вместо: {from} — {to}")
                }
            }
        };
        format!("{what}: {}", reason(&self.reason, model, lang))
    }
}

pub(crate) fn violation(v: &Violation, model: &Model, lang: Lang) -> String {
    let o = |id| option_name(model, id, lang);
    let pick = |e: String, r: String| if en(lang) { e } else { r };
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
        } => pick(
            format!("{} is missing: {}", o(option), reason(why, model, lang)),
            format!("не выбрано: {} — {}", o(option), reason(why, model, lang)),
        ),
        Violation::Incompatible { option, with } => pick(
            format!("{} is not compatible with {}", o(option), o(with)),
            format!("{} несовместимо с: {}", o(option), o(with)),
        ),
        Violation::TooMany { group, options } => {
            let names: Vec<_> = options.iter().map(o).collect();
            let g = group_name(model, group, lang);
            pick(
                format!("{g} allows one choice: {}", names.join(", ")),
                format!("{g}: можно выбрать одно — {}", names.join(", ")),
            )
        }
        Violation::NeedsChoice(group) => {
            let g = group_name(model, group, lang);
            pick(format!("{g} needs a choice"), format!("нужно выбрать: {g}"))
        }
        Violation::PowertrainNotOnTrim { powertrain, trim } => {
            let p = item(&Item::Powertrain(powertrain.clone()), model, lang);
            let t = item(&Item::Trim(trim.clone()), model, lang);
            pick(
                format!("{p} is not offered with the {t}"),
                format!("{p} недоступно: {t}"),
            )
        }
        Violation::WrongModel { .. }
        | Violation::UnknownModel(_)
        | Violation::UnknownTrim(_)
        | Violation::UnknownPowertrain(_)
        | Violation::UnknownOption(_) => v.to_string(),
    }
}
