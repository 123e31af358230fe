//! One choice of a step, in two halves: what it is (fixed for the page: its input key and its
//! names) and where it stands (recomputed on every click: chosen, disabled, price difference and
//! note). The second half is small plain data compared by value, so a click only touches the rows
//! whose state changed, and words are only made for those.

use configurator_domain::{
    Availability, Configuration, Lang, Model, OptionId, Reason, Text, TrimId, catalog::GroupKind,
};

use crate::{format::MoneyUnit, i18n::Locale};

/// What a row stands for: an index into the model's trims, powertrains or options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Trim(usize),
    Powertrain(usize),
    Option(usize),
}

impl Item {
    /// `trim:ls`, `powertrain:1.5at`, `option:winter`: what the input stands for.
    pub fn key(self, model: &Model) -> String {
        match self {
            Item::Trim(i) => format!("trim:{}", model.trims()[i].id),
            Item::Powertrain(i) => format!("powertrain:{}", model.powertrains()[i].id),
            Item::Option(i) => format!("option:{}", model.options()[i].id),
        }
    }

    /// The name and the description.
    pub fn texts(self, model: &Model) -> (Text, Option<Text>) {
        match self {
            Item::Trim(i) => {
                let t = &model.trims()[i];
                (t.name.clone(), t.description.clone())
            }
            Item::Powertrain(i) => {
                let p = &model.powertrains()[i];
                (p.name.clone(), p.description.clone())
            }
            Item::Option(i) => {
                let o = &model.options()[i];
                (o.name.clone(), o.description.clone())
            }
        }
    }
}

/// The price difference a row shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delta {
    /// Nothing to say: the same price.
    Nothing,
    /// US cents more (or less) than now.
    Cents(i64),
    /// Chosen as part of a package.
    Included,
}

/// What a row's note says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    Nothing,
    /// A powertrain the current trim does not offer: choosing it changes the trim.
    NotOnTrim(TrimId),
    /// Choosing it changes other choices, for these reasons.
    Conflicts(Vec<Reason>),
    /// It cannot be chosen, for these reasons.
    Unavailable(Vec<Reason>),
}

/// Where a row stands in the current configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowState {
    pub checked: bool,
    /// Not offered (a chosen option is never disabled: it can always be removed).
    pub disabled: bool,
    pub delta: Delta,
    pub note: Note,
}

impl RowState {
    /// Whether the note warns that other choices change.
    pub fn changes_others(&self) -> bool {
        matches!(self.note, Note::NotOnTrim(_) | Note::Conflicts(_))
    }

    /// Where `item` stands in `config`, given every option's availability (in the model's option
    /// order, as [`configurator_domain::engine::availability`] gives it).
    pub fn of(
        model: &Model,
        config: &Configuration,
        availability: &[(OptionId, Availability)],
        item: Item,
    ) -> Self {
        let plain = |checked: bool, cents: i64| RowState {
            checked,
            disabled: false,
            delta: if cents == 0 {
                Delta::Nothing
            } else {
                Delta::Cents(cents)
            },
            note: Note::Nothing,
        };
        match item {
            Item::Trim(i) => {
                let t = &model.trims()[i];
                let current = model.trim(&config.trim).map_or(0, |t| t.price);
                plain(t.id == config.trim, t.price - current)
            }
            Item::Powertrain(i) => {
                let p = &model.powertrains()[i];
                let current = model.powertrain(&config.powertrain).map_or(0, |p| p.price);
                let mut state = plain(p.id == config.powertrain, p.price - current);
                if !model.powertrain_offered(&p.id, &config.trim) {
                    state.note = Note::NotOnTrim(config.trim.clone());
                }
                state
            }
            Item::Option(i) => Self::of_option(model, config, availability, i),
        }
    }

    fn of_option(
        model: &Model,
        config: &Configuration,
        availability: &[(OptionId, Availability)],
        i: usize,
    ) -> Self {
        let o = &model.options()[i];
        let checked = config.options.contains(&o.id);
        let group = model.groups().get(o.group);
        let single = group.is_some_and(|g| g.kind == GroupKind::Single);
        let status = match availability.get(i) {
            Some((id, a)) if id == &o.id => Some(a),
            _ => availability
                .iter()
                .find(|(id, _)| id == &o.id)
                .map(|(_, a)| a),
        };
        let (disabled, note) = match status {
            None | Some(Availability::Available) => (false, Note::Nothing),
            Some(Availability::Conflicts(reasons)) => (false, Note::Conflicts(reasons.clone())),
            Some(Availability::Unavailable(reasons)) => (true, Note::Unavailable(reasons.clone())),
        };
        let included = checked
            && config.options.iter().any(|chosen| {
                model
                    .option(chosen)
                    .is_some_and(|c| c.includes.contains(&o.id))
            });
        let delta = if included {
            Delta::Included
        } else {
            let current = match group {
                Some(g) if single => model
                    .group_options(g)
                    .iter()
                    .find(|other| config.options.contains(&other.id))
                    .map_or(0, |other| other.price),
                _ => 0,
            };
            match o.price - current {
                0 => Delta::Nothing,
                cents => Delta::Cents(cents),
            }
        };
        RowState {
            checked,
            disabled: disabled && !checked,
            delta,
            note,
        }
    }
}

impl Delta {
    /// In words: `+1,200.00 KGS`, `included`, or nothing.
    pub fn text(self, unit: &MoneyUnit, lang: Lang, locale: Locale) -> Option<String> {
        match self {
            Delta::Nothing => None,
            Delta::Cents(cents) => unit.show_delta(cents, lang),
            Delta::Included => Some(crate::i18n::td_string!(locale, configure.included).to_owned()),
        }
    }
}

impl Note {
    /// In words, with every reason.
    pub fn text(&self, model: &Model, lang: Lang, locale: Locale) -> Option<String> {
        let describe_all = |reasons: &[Reason]| {
            reasons
                .iter()
                .map(|r| r.describe(model, lang))
                .collect::<Vec<_>>()
                .join("; ")
        };
        match self {
            Note::Nothing => None,
            Note::NotOnTrim(trim) => Some(format!(
                "{} — {}",
                Reason::NotOnTrim { trim: trim.clone() }.describe(model, lang),
                crate::i18n::td_string!(locale, configure.changes_trim)
            )),
            Note::Conflicts(reasons) => Some(format!(
                "{}: {}",
                crate::i18n::td_string!(locale, configure.changes_others),
                describe_all(reasons)
            )),
            Note::Unavailable(reasons) => Some(format!(
                "{}: {}",
                crate::i18n::td_string!(locale, configure.not_available),
                describe_all(reasons)
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use configurator_domain::{Catalog, Choice, engine};

    use super::*;

    fn cobalt() -> Model {
        let catalog = Catalog::from_toml_str(include_str!("../../../data/catalog.toml"))
            .expect("the shipped catalog loads");
        let id = "cobalt".parse().expect("a model id");
        catalog.model(&id).expect("the Cobalt").clone()
    }

    fn option(model: &Model, id: &str) -> Item {
        let index = model.options().iter().position(|o| o.id.as_str() == id);
        Item::Option(index.expect("an option of the Cobalt"))
    }

    #[test]
    fn rows_say_price_differences_notes_and_inclusions() {
        let model = cobalt();
        let mut config = model.default_configuration();
        let state = |config: &Configuration, item| {
            RowState::of(&model, config, &engine::availability(&model, config), item)
        };
        // The automatic is not offered on the LS: choosing it changes the trim.
        let automatic = model
            .powertrains()
            .iter()
            .position(|p| p.id.as_str() == "1.5at");
        let automatic = state(&config, Item::Powertrain(automatic.expect("the automatic")));
        assert!(matches!(automatic.note, Note::NotOnTrim(_)) && automatic.changes_others());
        assert!(!automatic.checked && !automatic.disabled);

        // A paint costs its difference from the paint chosen now; the chosen one says nothing.
        let white = state(&config, option(&model, "summit-white"));
        let red = state(&config, option(&model, "cherry-red"));
        assert!(white.checked && white.delta == Delta::Nothing);
        let Delta::Cents(red_more) = red.delta else {
            panic!("a metallic paint costs more than white: {red:?}");
        };
        config = engine::apply(
            &model,
            &config,
            Choice::Select("cherry-red".parse().unwrap()),
        )
        .unwrap()
        .configuration;
        assert_eq!(
            state(&config, option(&model, "summit-white")).delta,
            Delta::Cents(-red_more)
        );

        // The winter package brings the pre-heater: it is included, not priced again.
        config = engine::apply(&model, &config, Choice::Select("winter".parse().unwrap()))
            .unwrap()
            .configuration;
        let heater = state(&config, option(&model, "pre-heater"));
        assert!(heater.checked && heater.delta == Delta::Included);

        // Not offered on the LS: disabled, with the reason.
        let camera = state(&config, option(&model, "rear-camera"));
        assert!(
            camera.disabled && matches!(camera.note, Note::Unavailable(ref r) if !r.is_empty())
        );
    }
}
