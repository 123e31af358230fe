//! One choice of a step, in two halves: what it is (fixed for the page: its input key and its
//! names) and where it stands (recomputed on every click: chosen, disabled, price difference and
//! note). The second half is small plain data compared by value, so a click only touches the rows
//! whose state changed, and words are only made for those.
//!
//! One rule for every row, trims, powertrains and options of either kind of group alike: a choice
//! that changes earlier choices is offered, its note saying exactly what it would change (what the
//! conflict dialog then proposes); only a choice that nothing makes possible is disabled, its note
//! saying why.

use configurator_domain::{
    Availability, Change, Choice, Configuration, Lang, Model, OptionId, Reason, Text,
    catalog::GroupKind,
    engine::{self, ChangeKind},
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
    /// Choosing it changes these other choices (the conflict dialog asks first).
    Changes(Vec<Change>),
    /// It cannot be chosen, whatever the other choices, for these reasons.
    Impossible(Vec<Reason>),
}

impl Note {
    /// Whether the row is disabled, and its note, given what choosing it would do.
    fn of(availability: &Availability, choice: &Choice) -> (bool, Self) {
        match availability {
            Availability::Available => (false, Note::Nothing),
            Availability::Changes(changes) => {
                // The swap inside its own group and a package's contents are the choice itself.
                let others = changes.iter().filter(|c| !c.is_part_of(choice));
                (false, Note::Changes(others.cloned().collect()))
            }
            Availability::Impossible(reasons) => (true, Note::Impossible(reasons.clone())),
        }
    }
}

/// Where a row stands in the current configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowState {
    pub checked: bool,
    /// Impossible whatever the other choices (a chosen option is never disabled: it can always
    /// be removed).
    pub disabled: bool,
    pub delta: Delta,
    pub note: Note,
}

impl RowState {
    /// Whether the note warns that other choices change.
    pub fn changes_others(&self) -> bool {
        matches!(self.note, Note::Changes(_))
    }

    /// Where `item` stands in `config`, given every option's availability (in the model's option
    /// order, as [`configurator_domain::engine::availability`] gives it).
    pub fn of(
        model: &Model,
        config: &Configuration,
        availability: &[(OptionId, Availability)],
        item: Item,
    ) -> Self {
        // A trim or a powertrain: what choosing it would do is asked when it is not chosen.
        let switch = |checked: bool, cents: i64, choice: Choice| {
            let (disabled, note) = if checked {
                (false, Note::Nothing)
            } else {
                Note::of(
                    &engine::availability_of(model, config, choice.clone()),
                    &choice,
                )
            };
            RowState {
                checked,
                disabled,
                delta: if cents == 0 {
                    Delta::Nothing
                } else {
                    Delta::Cents(cents)
                },
                note,
            }
        };
        match item {
            Item::Trim(i) => {
                let t = &model.trims()[i];
                let current = model.trim(&config.trim).map_or(0, |t| t.price);
                switch(
                    t.id == config.trim,
                    t.price - current,
                    Choice::Trim(t.id.clone()),
                )
            }
            Item::Powertrain(i) => {
                let p = &model.powertrains()[i];
                let current = model.powertrain(&config.powertrain).map_or(0, |p| p.price);
                switch(
                    p.id == config.powertrain,
                    p.price - current,
                    Choice::Powertrain(p.id.clone()),
                )
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
            Some(a) => Note::of(a, &Choice::Select(o.id.clone())),
            None => (false, Note::Nothing),
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
    /// In words: every change it would make ("changes the trim to LT; removes CNG kit"), or why
    /// it is not available.
    pub fn text(&self, model: &Model, lang: Lang, locale: Locale) -> Option<String> {
        match self {
            Note::Nothing => None,
            Note::Changes(changes) => Some(
                changes
                    .iter()
                    .map(|c| change_words(c, model, lang, locale))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            Note::Impossible(reasons) => {
                let not_available = crate::i18n::td_string!(locale, configure.not_available);
                let why: Vec<_> = reasons.iter().map(|r| r.describe(model, lang)).collect();
                Some(if why.is_empty() {
                    not_available.to_owned()
                } else {
                    format!("{not_available}: {}", why.join("; "))
                })
            }
        }
    }
}

/// A change in the words of a note: what it would switch to, or what it would remove or add. The
/// words come first and the name last in every language (Kyrgyz and Uzbek as "words: name"), so
/// that a name needs no case ending.
fn change_words(change: &Change, model: &Model, lang: Lang, locale: Locale) -> String {
    use crate::i18n::td_string;
    let option = |id: &OptionId| model.option(id).map(|o| o.name.get(lang));
    let (words, name, id) = match &change.kind {
        ChangeKind::Trim { to, .. } => (
            td_string!(locale, configure.note_trim),
            model.trim(to).map(|t| t.name.get(lang)),
            to.as_str(),
        ),
        ChangeKind::Powertrain { to, .. } => (
            td_string!(locale, configure.note_powertrain),
            model.powertrain(to).map(|p| p.name.get(lang)),
            to.as_str(),
        ),
        ChangeKind::Removed { option: id } => (
            td_string!(locale, configure.note_removes),
            option(id),
            id.as_str(),
        ),
        ChangeKind::Added { option: id } => (
            td_string!(locale, configure.note_adds),
            option(id),
            id.as_str(),
        ),
    };
    format!("{words} {}", name.unwrap_or(id))
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
        let words = |state: &RowState| state.note.text(&model, Lang::En, Locale::en);
        // The automatic is not offered on the LS: choosing it changes the trim, and says to which.
        let automatic = model
            .powertrains()
            .iter()
            .position(|p| p.id.as_str() == "1.5at");
        let automatic = state(&config, Item::Powertrain(automatic.expect("the automatic")));
        assert!(!automatic.checked && !automatic.disabled && automatic.changes_others());
        assert_eq!(words(&automatic).as_deref(), Some("changes the trim to LT"));

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

        // Not offered on the LS, the camera and the parking package that includes it are offered
        // all the same: their notes say what changes, and the package's does not list its camera.
        for id in ["rear-camera", "parking"] {
            let row = state(&config, option(&model, id));
            assert!(!row.disabled && row.changes_others(), "{id}: {row:?}");
            assert_eq!(
                words(&row).as_deref(),
                Some("changes the trim to LT"),
                "{id}"
            );
        }

        // With the automatic, the CNG kit (an accessory) changes it back, and says so.
        config = engine::apply(
            &model,
            &config,
            Choice::Powertrain("1.5at".parse().unwrap()),
        )
        .unwrap()
        .configuration;
        let kit = state(&config, option(&model, "cng-kit"));
        assert!(!kit.disabled && kit.changes_others());
        assert_eq!(
            words(&kit).as_deref(),
            Some("changes the engine to 1.5 L, 106 hp, 5-speed manual")
        );
        // And so does the LS trim, which has no automatic.
        let ls = state(&config, Item::Trim(0));
        assert_eq!(
            words(&ls).as_deref(),
            Some("changes the engine to 1.5 L, 106 hp, 5-speed manual")
        );
    }
}
