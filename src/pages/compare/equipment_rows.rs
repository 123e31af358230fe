//! The equipment rows of the comparison: every option of the compared models, one section per
//! option group in the catalog's order (an option that several models share is one row), and in
//! each column whether the configuration includes it, offers it for a price, or cannot have it,
//! with the reason: not on that model, or the rules the domain's engine says it would break.

use std::borrow::Cow;

use configurator_domain::{
    Catalog, Configuration, Lang, Model, OptionId, Quantity, Text, Violation,
    engine::equipment::{Equipment, equipment},
    price::{self, Currency, Quote},
};

use super::columns::ColumnResult;
use super::rows::{Better, Cell, Row, Section};
use crate::{
    format,
    i18n::{Locale, td_string},
};

/// Where an option stands in a column, for styles and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Chosen, by default or with a package.
    Included,
    /// Can be added as the configuration stands.
    Optional,
    /// Cannot, for the reason the cell gives.
    Unavailable,
}

impl Standing {
    /// `included`, `optional`, `unavailable`.
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::Included => "included",
            Standing::Optional => "optional",
            Standing::Unavailable => "unavailable",
        }
    }
}

/// A column the engine can answer for: its model, one vehicle's quote and where each option
/// stands.
struct Compared<'c> {
    model: &'c Model,
    quote: Option<&'c Quote>,
    equipment: Vec<(OptionId, Equipment)>,
}

/// The equipment sections of `columns`, one per option group.
pub fn sections(
    catalog: &Catalog,
    columns: &[ColumnResult],
    locale: Locale,
    lang: Lang,
) -> Vec<Section> {
    let compared: Vec<Option<Compared<'_>>> = columns
        .iter()
        .map(|c| {
            let c = c.as_ref().ok()?;
            let model = catalog.models().get(c.model_index)?;
            Some(Compared {
                model,
                quote: c.prices.as_ref().map(|(one, _)| one),
                equipment: equipment(model, &c.configuration),
            })
        })
        .collect();
    let title = td_string!(locale, compare.equipment);
    groups(&compared)
        .into_iter()
        .map(|(group, options)| Section {
            title: format!("{title}: {}", group.get(lang)),
            rows: options
                .iter()
                .map(|(id, name)| Row {
                    id: Cow::Owned(format!("option-{id}")),
                    label: name.get(lang).to_owned(),
                    cells: compared
                        .iter()
                        .map(|c| c.as_ref().map(|c| cell(catalog, c, id, locale, lang)))
                        .collect(),
                    better: Better::Neither,
                })
                .collect(),
        })
        .collect()
}

/// Option groups (their names) with their options (ids and names).
type Groups = Vec<(Text, Vec<(OptionId, Text)>)>;

/// The option groups of the compared models, with their options, by first appearance in the
/// columns: an option several models have is listed once, in the group where it first appears.
fn groups(compared: &[Option<Compared<'_>>]) -> Groups {
    let mut groups: Groups = Vec::new();
    let mut group_ids = Vec::new();
    let mut seen: Vec<&OptionId> = Vec::new();
    for model in compared.iter().flatten().map(|c| c.model) {
        for option in model.options() {
            if seen.contains(&&option.id) {
                continue;
            }
            seen.push(&option.id);
            let Some(group) = model.groups().get(option.group) else {
                continue;
            };
            let index = group_ids
                .iter()
                .position(|g| *g == &group.id)
                .unwrap_or_else(|| {
                    group_ids.push(&group.id);
                    groups.push((group.name.clone(), Vec::new()));
                    groups.len() - 1
                });
            groups[index]
                .1
                .push((option.id.clone(), option.name.clone()));
        }
    }
    groups
}

/// What a column says of option `id`.
fn cell(catalog: &Catalog, c: &Compared<'_>, id: &OptionId, locale: Locale, lang: Lang) -> Cell {
    let unavailable = td_string!(locale, compare.unavailable);
    let standing = c.equipment.iter().find(|(o, _)| o == id).map(|(_, e)| e);
    let (standing, text) = match standing {
        None => (
            Standing::Unavailable,
            format!(
                "{unavailable} — {}",
                td_string!(locale, compare.not_on_model)
            ),
        ),
        Some(Equipment::Included) => (
            Standing::Included,
            td_string!(locale, compare.included).to_owned(),
        ),
        Some(Equipment::Optional(with)) => {
            let optional = td_string!(locale, compare.optional);
            let text = match c.quote.and_then(|one| extra(catalog, one, with, lang)) {
                Some(price) => format!("{optional}, {price}"),
                None => optional.to_owned(),
            };
            (Standing::Optional, text)
        }
        Some(Equipment::Unavailable(violations)) => {
            let why: Vec<String> = violations
                .iter()
                .map(|v| reason(c.model, id, v, lang))
                .collect();
            let text = if why.is_empty() {
                unavailable.to_owned()
            } else {
                format!("{unavailable} — {}", why.join("; "))
            };
            (Standing::Unavailable, text)
        }
    };
    Cell {
        standing: Some(standing),
        ..Cell::text(text)
    }
}

/// What choosing the option adds to one vehicle's price (VAT included, in the quote's currency):
/// the difference of the two configurations' quotes; nothing when it adds nothing.
fn extra(catalog: &Catalog, one: &Quote, with: &Configuration, lang: Lang) -> Option<String> {
    let after = price::quote(catalog, with, Quantity::ONE, &one.market, Currency::Local).ok()?;
    let minor = after.total.checked_sub(one.total)?;
    (minor != 0).then(|| format::delta(minor, one.minor_digits, one.currency.as_str(), lang))
}

/// A broken rule in words; the option's own "not offered" without its name, which the row says.
fn reason(model: &Model, id: &OptionId, violation: &Violation, lang: Lang) -> String {
    match violation {
        Violation::NotOffered { option, reason } if option == id => reason.describe(model, lang),
        other => other.describe(model, lang),
    }
}

#[cfg(test)]
mod tests {
    use configurator_domain::{Catalog, Lang};

    use super::{Row, sections};
    use crate::{
        i18n::Locale,
        pages::compare::columns::{Column, ColumnResult},
    };

    fn column(catalog: &Catalog, model: &str) -> ColumnResult {
        let model_index = catalog
            .models()
            .iter()
            .position(|m| m.id().as_str() == model)
            .expect("a model of the catalog");
        Ok(Column {
            code: model.to_owned(),
            model_index,
            configuration: catalog.models()[model_index].default_configuration(),
            prices: None,
            cost: None,
        })
    }

    #[test]
    fn the_models_options_are_merged_under_their_groups_each_column_saying_where_it_stands() {
        let catalog = Catalog::from_toml_str(include_str!("../../../data/catalog.toml"))
            .expect("the shipped catalog loads");
        let columns = [column(&catalog, "cobalt"), column(&catalog, "nexia")];
        let sections = sections(&catalog, &columns, Locale::en, Lang::En);
        let titles: Vec<&str> = sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Equipment: Paint",
                "Equipment: Interior",
                "Equipment: Wheels",
                "Equipment: Packages",
                "Equipment: Accessories"
            ]
        );
        // The Nexia's comfort package comes after the Cobalt's packages, once.
        let packages = &sections[3].rows;
        let ids: Vec<&str> = packages.iter().map(|r| r.id.as_ref()).collect();
        assert_eq!(
            ids,
            [
                "option-winter",
                "option-taxi",
                "option-parking",
                "option-comfort"
            ]
        );
        let texts = |row: &Row| -> Vec<String> {
            row.cells
                .iter()
                .map(|c| c.as_ref().map(|c| c.text.clone()).unwrap_or_default())
                .collect()
        };
        assert_eq!(
            texts(&packages[3]),
            [
                "unavailable — not offered on this model",
                "unavailable — not offered with the LS trim"
            ]
        );
        // Without a quote in the market, an option is optional without a price; a row that says
        // the same in every column is an equal row, the comfort package's is not.
        assert_eq!(texts(&packages[0]), ["optional", "optional"]);
        assert!(packages[0].all_equal() && !packages[3].all_equal());
    }
}
