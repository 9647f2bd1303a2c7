//! The data's vocabularies as command-line values: clap [`ValueEnum`]s for bureaus and statuses
//! (strings in the data, so wrapped here) and for listings, precisions and sourcing (the data's
//! own enums), and the lenient parser the filter flags read them with.
//!
//! A bad value is refused by clap with the list of possible values, like `--format`.

use std::ffi::OsStr;
use std::marker::PhantomData;

use clap::ValueEnum;
use clap::builder::{EnumValueParser, PossibleValue, TypedValueParser};

use crate::data::{self, BUREAUS, Listing, Precision, STATUSES, Sourcing};

/// An operating bureau, one of [`data::BUREAUS`] (`--bureau`). On the command line it may be
/// given without ` PSB` (`nantong`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Bureau(&'static str);

impl Bureau {
    /// Every bureau, in [`data::BUREAUS`] order.
    const ALL: [Self; BUREAUS.len()] = {
        let mut all = [Self(""); BUREAUS.len()];
        let mut i = 0;
        while i < all.len() {
            all[i] = Self(BUREAUS[i]);
            i += 1;
        }
        all
    };

    /// The bureau's name as in the data (`Nantong PSB`).
    pub fn name(self) -> &'static str {
        self.0
    }

    /// The bureau of this name as in the data, if it is one.
    pub fn named(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.0 == name)
    }
}

impl ValueEnum for Bureau {
    fn value_variants<'a>() -> &'a [Self] {
        &Self::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let value = PossibleValue::new(self.0);
        Some(match self.0.strip_suffix(" PSB") {
            Some(short) => value.alias(short),
            None => value,
        })
    }
}

/// A status, one of [`data::STATUSES`] (`--status`). On the command line `-` may stand for `_`
/// (`ordered-closed`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Status(&'static str);

impl Status {
    /// Every status, in [`data::STATUSES`] order.
    const ALL: [Self; STATUSES.len()] = {
        let mut all = [Self(""); STATUSES.len()];
        let mut i = 0;
        while i < all.len() {
            all[i] = Self(STATUSES[i]);
            i += 1;
        }
        all
    };

    /// The status as in the data (`ordered_closed`).
    pub fn name(self) -> &'static str {
        self.0
    }

    /// The status of this name as in the data, if it is one.
    pub fn named(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.0 == name)
    }
}

impl ValueEnum for Status {
    fn value_variants<'a>() -> &'a [Self] {
        &Self::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.0).help(data::status_label(self.0)))
    }
}

// The data's own enums: implemented here, where the command line needs them, so that `data`
// does not depend on clap for them.

impl ValueEnum for Listing {
    fn value_variants<'a>() -> &'a [Self] {
        &Self::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(data::listing_name(*self)).help(self.label()))
    }
}

impl ValueEnum for Precision {
    fn value_variants<'a>() -> &'a [Self] {
        &Self::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.name()).help(self.label()))
    }
}

impl ValueEnum for Sourcing {
    fn value_variants<'a>() -> &'a [Self] {
        &Self::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.name()).help(self.label()))
    }
}

/// Reads a [`ValueEnum`] as the filter flags always have: without regard to case, around spaces
/// (`--status "closed, reported"`), and with `-` for `_`. Anything else gets clap's own error,
/// which names the value as typed and lists the possible values.
pub(super) struct Lenient<E>(PhantomData<fn() -> E>);

impl<E> Lenient<E> {
    pub(super) fn new() -> Self {
        Self(PhantomData)
    }
}

// Not derived: a derive would require `E: Clone`, and the parser holds no `E`.
impl<E> Clone for Lenient<E> {
    fn clone(&self) -> Self {
        Self::new()
    }
}

impl<E: ValueEnum + Clone + Send + Sync + 'static> TypedValueParser for Lenient<E> {
    type Value = E;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<E, clap::Error> {
        if let Some(text) = value.to_str().map(str::trim)
            && let Ok(found) =
                E::from_str(text, true).or_else(|_| E::from_str(&text.replace('-', "_"), true))
        {
            return Ok(found);
        }
        EnumValueParser::<E>::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            E::value_variants()
                .iter()
                .filter_map(ValueEnum::to_possible_value),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_vocabulary_value_is_a_possible_value() {
        let names = |values: Vec<PossibleValue>| -> Vec<String> {
            values.iter().map(|v| v.get_name().to_owned()).collect()
        };
        let bureaus = Bureau::value_variants()
            .iter()
            .filter_map(ValueEnum::to_possible_value)
            .collect();
        assert_eq!(names(bureaus), BUREAUS);
        let statuses = Status::value_variants()
            .iter()
            .filter_map(ValueEnum::to_possible_value)
            .collect();
        assert_eq!(names(statuses), STATUSES);
    }

    #[test]
    fn values_are_read_leniently() {
        let cmd = clap::Command::new("test");
        let parse = |text: &str| Lenient::<Status>::new().parse_ref(&cmd, None, OsStr::new(text));
        assert_eq!(
            parse(" Ordered-Closed").ok(),
            Status::named("ordered_closed")
        );
        assert!(parse("shut").is_err());
        let bureau = Lenient::<Bureau>::new().parse_ref(&cmd, None, OsStr::new("nantong"));
        assert_eq!(bureau.ok(), Bureau::named("Nantong PSB"));
    }
}
