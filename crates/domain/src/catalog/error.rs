//! What can be wrong with a catalog file. Validation reports every problem at once, each with the
//! path of the entry (`models[3].groups[1].options[2].requires[0]`) and the offending value.

use std::fmt;

/// Loading the catalog failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    /// The text is not TOML or JSON of the catalog's shape.
    #[error("the catalog does not parse: {0}")]
    Syntax(String),
    /// The file parses but breaks the rules of `data/README.md`: every problem, in file order.
    #[error("{}", Listed(.0))]
    Invalid(Vec<LoadError>),
}

struct Listed<'a>(&'a [LoadError]);

impl fmt::Display for Listed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        write!(
            f,
            "{n} problem{} in the catalog",
            if n == 1 { "" } else { "s" }
        )?;
        self.0.iter().try_for_each(|e| write!(f, "\n  {e}"))
    }
}

/// One problem, where it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {problem}")]
pub struct LoadError {
    /// Where: `models[3].trims[1].requires[0]`.
    pub path: String,
    /// What.
    pub problem: Problem,
}

/// What is wrong with one entry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// An id, market or currency that is not well formed.
    #[error("{0}")]
    Malformed(#[from] crate::ids::ParseIdError),
    /// A value that breaks the format.
    #[error("invalid value `{value}`: expected {expected}")]
    Invalid {
        /// The value as written.
        value: String,
        /// What the format expects.
        expected: &'static str,
    },
    /// A second entry with an id already used.
    #[error("duplicate id `{0}`")]
    Duplicate(String),
    /// A reference to nothing.
    #[error("unknown {kind} `{id}`")]
    Unknown {
        /// What was looked for: `option`, `trim`, `powertrain`, `currency`...
        kind: &'static str,
        /// The id as written.
        id: String,
    },
    /// A price or percentage below zero.
    #[error("below zero: `{0}`")]
    Negative(i64),
    /// A number outside its range.
    #[error("`{value}` out of range: expected {expected}")]
    OutOfRange {
        /// The value as written.
        value: i64,
        /// The range.
        expected: &'static str,
    },
    /// A text without one of its four languages, or with only blanks in it.
    #[error("missing `{0}` text: every text needs `en`, `ru`, `ky` and `uz`")]
    MissingText(&'static str),
    /// A text of a catalog sent in one language without that language, or with only blanks.
    #[error("missing `{0}` text: the catalog was sent in `{0}`")]
    NotInLanguage(&'static str),
    /// An Uzbek text with a Cyrillic letter: Uzbek is written in Latin script.
    #[error(
        "`uz` text `{text}` has the Cyrillic letter `{letter}`: Uzbek is written in Latin script"
    )]
    CyrillicUzbek {
        /// The Uzbek text as written.
        text: String,
        /// Its first Cyrillic letter.
        letter: char,
    },
    /// A model with nothing to choose from.
    #[error("no {0}: the type has no valid configuration")]
    Empty(&'static str),
    /// More entries than the engine supports.
    #[error("{count} {what}: at most {max} are supported")]
    TooMany {
        /// What is counted.
        what: &'static str,
        /// How many there are.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// A required single group without exactly one default, or a single group with several.
    #[error(
        "{count} default options: a required single group needs exactly one, a single group at most one"
    )]
    Defaults {
        /// How many options are marked default.
        count: usize,
    },
    /// `required = true` on a multiple-choice group.
    #[error("only a `single` group can be `required`")]
    RequiredMulti,
    /// Fleet tiers not in ascending order of quantity.
    #[error("`min_quantity = {0}` does not ascend from the tier before")]
    NotAscending(i64),
    /// A field of the spec figures written without the one it goes with.
    #[error("`{field}` needs `{needs}` beside it")]
    Alone {
        /// The field written.
        field: &'static str,
        /// The field missing.
        needs: &'static str,
    },
    /// A consumption in a unit that does not measure the fuel.
    #[error(
        "fuel `{fuel}` with a consumption in `{unit}`: petrol and diesel are measured in `l`, CNG and petrol-CNG (on gas) in `m3` or `kg`"
    )]
    FuelUnit {
        /// The fuel.
        fuel: super::Fuel,
        /// The unit.
        unit: super::ConsumptionUnit,
    },
    /// A second price of the same fuel per the same unit in one market.
    #[error("a second price of `{fuel}` per `{unit}` for market `{market}`")]
    DuplicateFuelPrice {
        /// The market as written.
        market: String,
        /// The fuel.
        fuel: super::PumpFuel,
        /// The unit.
        unit: super::ConsumptionUnit,
    },
    /// A market without the price of a fuel a model consumes.
    #[error("no price of `{fuel}` per `{unit}` for market `{market}`: `{needed_by}` consumes it")]
    NoFuelPrice {
        /// The market.
        market: String,
        /// The fuel.
        fuel: super::PumpFuel,
        /// The unit.
        unit: super::ConsumptionUnit,
        /// The path of the first entry that consumes it.
        needed_by: String,
    },
    /// A spec figure set by two options that can be chosen together.
    #[error(
        "`{figure}` is also set by option `{other}`: options of different groups, or of one multiple-choice group, may not set the same figure"
    )]
    Ambiguous {
        /// The figure.
        figure: &'static str,
        /// The option that set it first.
        other: String,
    },
    /// A model's spec figure that is not its default configuration's.
    #[error(
        "`{written}` is not the default configuration's `{default}`: the model's specs are those of its default configuration"
    )]
    NotDefault {
        /// The figure as written.
        written: String,
        /// The default configuration's.
        default: String,
    },
    /// The defaults of the first trim and powertrain break a rule.
    #[error("the default configuration is not valid: {0}")]
    InvalidDefault(String),
    /// A trim, powertrain or option that no valid configuration can contain.
    #[error("`{item}` can never be chosen: {why}")]
    Impossible {
        /// The trim, powertrain or option.
        item: String,
        /// The rules that rule it out.
        why: String,
    },
}
