//! The ids a model's rules name, resolved to indexes. The catalog checks that every reference
//! points at something of the right kind, but it knows no rule: whoever reads the rules (the
//! engine's compiler) is handed each entry of the model in file order, with a [`References`] to
//! resolve what the entry lists. An unknown id is reported at its path, with the kind expected.

use std::collections::BTreeMap;
use std::ops::Range;

use super::error::Problem;
use super::file::{GroupFile, OptionFile, PowertrainFile, TrimFile};
use super::model::ItemIndex;
use super::validate::Errors;
use crate::bits::{MAX_OPTIONS, MAX_TRIMS, OptionSet};

/// One entry of a model, as written: trims, then powertrains, then each group before its options.
#[derive(Debug, Clone)]
pub(crate) enum Entry<'f> {
    /// A trim.
    Trim(&'f TrimFile),
    /// A powertrain.
    Powertrain(&'f PowertrainFile),
    /// A group, with where its options are among the model's options.
    Group(&'f GroupFile, Range<usize>),
    /// An option.
    Option(&'f OptionFile),
}

/// What reads the rules of a model, entry by entry.
pub(crate) trait Reader {
    /// Reads the rules written on `entry`, resolving the ids it lists through `refs`.
    fn read(&mut self, entry: &Entry<'_>, refs: &mut References<'_>);
}

/// The options, trims and powertrains one list names, each kind apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Items {
    pub options: OptionSet,
    pub trims: u64,
    pub powertrains: u64,
}

/// Resolves the ids listed on one entry, reporting each unknown one at
/// `<entry>.<field>[<position>]`.
pub(crate) struct References<'a> {
    pub(super) index: &'a BTreeMap<String, ItemIndex>,
    /// The entry's path: `models[0].groups[1].options[2]`.
    pub(super) at: &'a str,
    pub(super) errors: &'a mut Errors,
}

impl References<'_> {
    /// The options `field` lists.
    pub(crate) fn options(&mut self, field: &str, ids: &[String]) -> OptionSet {
        self.resolve(field, ids, "option", |item| {
            matches!(item, ItemIndex::Option(_))
        })
        .options
    }

    /// The trims `field` lists, as a mask.
    pub(crate) fn trims(&mut self, field: &str, ids: &[String]) -> u64 {
        self.resolve(field, ids, "trim", |item| {
            matches!(item, ItemIndex::Trim(_))
        })
        .trims
    }

    /// The powertrains `field` lists, as a mask.
    pub(crate) fn powertrains(&mut self, field: &str, ids: &[String]) -> u64 {
        self.resolve(field, ids, "powertrain", |item| {
            matches!(item, ItemIndex::Powertrain(_))
        })
        .powertrains
    }

    /// The options, trims and powertrains `field` lists.
    pub(crate) fn items(&mut self, field: &str, ids: &[String]) -> Items {
        self.resolve(field, ids, "option, trim or powertrain", |_| true)
    }

    /// Resolves every id of the kinds `wanted` accepts. An index past what a mask holds is left
    /// out: the model is refused for having too many entries anyway.
    fn resolve(
        &mut self,
        field: &str,
        ids: &[String],
        kind: &'static str,
        wanted: impl Fn(ItemIndex) -> bool,
    ) -> Items {
        let mut items = Items::default();
        for (k, id) in ids.iter().enumerate() {
            match self.index.get(id).copied().filter(|&item| wanted(item)) {
                Some(ItemIndex::Option(i)) if i < MAX_OPTIONS => {
                    items.options = items.options.with(i);
                }
                Some(ItemIndex::Trim(t)) if t < MAX_TRIMS => items.trims |= 1 << t,
                Some(ItemIndex::Powertrain(p)) if p < MAX_TRIMS => items.powertrains |= 1 << p,
                Some(_) => {}
                None => self.errors.push(
                    format!("{}.{field}[{k}]", self.at),
                    Problem::Unknown {
                        kind,
                        id: id.clone(),
                    },
                ),
            }
        }
        items
    }
}
