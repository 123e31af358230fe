//! The catalog file for the readers of one language: every text keeps only what it says in that
//! language, which is what the server sends a browser (a quarter of the words). Model names are
//! the exception and keep all four: the catalog's search finds a vehicle by any of its names, as
//! dealers type them (Russian on a Kyrgyz page, say), for under half a kilobyte compressed.

use super::file::CatalogFile;
use crate::text::{Lang, Text};

impl CatalogFile {
    /// This file with every text but the model names reduced to `lang` ([`Text::only`]): each
    /// reads in `lang` as before.
    #[must_use]
    pub fn in_language(mut self, lang: Lang) -> Self {
        let names: Vec<Text> = self.models.iter().map(|model| model.name.clone()).collect();
        self.for_each_text(|text| *text = text.only(lang));
        for (model, name) in self.models.iter_mut().zip(names) {
            model.name = name;
        }
        self
    }

    /// Calls `change` with every text of the file: markets, then each model with its trims,
    /// powertrains, groups and options.
    fn for_each_text(&mut self, mut change: impl FnMut(&mut Text)) {
        for market in &mut self.markets {
            change(&mut market.name);
        }
        for model in &mut self.models {
            let trims = model
                .trims
                .iter_mut()
                .map(|t| (&mut t.name, t.description.as_mut()));
            let powertrains = model
                .powertrains
                .iter_mut()
                .map(|p| (&mut p.name, p.description.as_mut()));
            let mut entries = vec![(&mut model.name, model.description.as_mut())];
            entries.extend(trims);
            entries.extend(powertrains);
            for group in &mut model.groups {
                entries.push((&mut group.name, group.description.as_mut()));
                let options = group
                    .options
                    .iter_mut()
                    .map(|o| (&mut o.name, o.description.as_mut()));
                entries.extend(options);
            }
            for (name, description) in entries {
                change(name);
                if let Some(description) = description {
                    change(description);
                }
            }
        }
    }
}
