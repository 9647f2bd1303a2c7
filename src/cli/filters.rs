//! The filter flags (`--bureau`, `--listing`, `--status`, `--precision`, `--sourcing`,
//! `--as-of`): the app's filter bar on the command line, for the app and for `export`.

use crate::data::{Filters, Listing, PartialDate, Precision, Sourcing, parse_date};

use super::values::{Bureau, Lenient, Status};

/// Filters matching the app's filter bar. Each flag can be repeated (or take a comma-separated
/// list); a station must match one of the values of every flag given. Values are matched without
/// regard to case.
#[derive(Clone, Debug, Default, PartialEq, Eq, clap::Args)]
#[command(next_help_heading = "Filters")]
pub struct FilterArgs {
    /// Operating bureau (` PSB` may be left out: nantong).
    #[arg(long = "bureau", value_name = "NAME", value_delimiter = ',', value_parser = Lenient::<Bureau>::new())]
    pub bureaus: Vec<Bureau>,

    /// First listing.
    #[arg(long = "listing", value_name = "LISTING", value_delimiter = ',', value_parser = Lenient::<Listing>::new())]
    pub listings: Vec<Listing>,

    /// Current status (as of --as-of), as shown (a closure claimed only by the PRC side is
    /// closure_claimed); `-` may stand for `_` (ordered-closed).
    #[arg(long = "status", value_name = "STATUS", value_delimiter = ',', value_parser = Lenient::<Status>::new())]
    pub statuses: Vec<Status>,

    /// Location precision.
    #[arg(long = "precision", value_name = "PRECISION", value_delimiter = ',', value_parser = Lenient::<Precision>::new())]
    pub precisions: Vec<Precision>,

    /// How well the station's listing is sourced.
    #[arg(long = "sourcing", value_name = "SOURCING", value_delimiter = ',', value_parser = Lenient::<Sourcing>::new())]
    pub sourcing: Vec<Sourcing>,

    /// The state of knowledge on this date (YYYY, YYYY-MM or YYYY-MM-DD): stations reported by
    /// then, with their status as of then.
    #[arg(long = "as-of", value_name = "DATE", value_parser = parse_as_of)]
    pub as_of: Option<PartialDate>,
}

impl FilterArgs {
    /// Whether no filter flag was given.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// These flags plus `other`'s (lists are joined; this `--as-of` wins over `other`'s).
    pub fn merged(&self, other: &Self) -> Self {
        fn join<T: Clone>(a: &[T], b: &[T]) -> Vec<T> {
            a.iter().chain(b).cloned().collect()
        }
        Self {
            bureaus: join(&self.bureaus, &other.bureaus),
            listings: join(&self.listings, &other.listings),
            statuses: join(&self.statuses, &other.statuses),
            precisions: join(&self.precisions, &other.precisions),
            sourcing: join(&self.sourcing, &other.sourcing),
            as_of: self.as_of.or(other.as_of),
        }
    }

    /// The filters these flags select. Every value was checked when the flags were parsed.
    pub fn to_filters(&self) -> Filters {
        Filters {
            bureaus: self.bureaus.iter().map(|b| b.name().to_owned()).collect(),
            listings: self.listings.iter().copied().collect(),
            statuses: self.statuses.iter().map(|s| s.name().to_owned()).collect(),
            precisions: self.precisions.iter().copied().collect(),
            sourcing: self.sourcing.iter().copied().collect(),
            as_of: self.as_of,
        }
    }

    /// The flags that select what `filters` selects (the inverse of [`Self::to_filters`]). A
    /// bureau or status that is not in the vocabulary has no flag and is left out.
    pub fn from_filters(filters: &Filters) -> Self {
        Self {
            bureaus: filters
                .bureaus
                .iter()
                .filter_map(|b| Bureau::named(b))
                .collect(),
            listings: filters.listings.iter().copied().collect(),
            statuses: filters
                .statuses
                .iter()
                .filter_map(|s| Status::named(s))
                .collect(),
            precisions: filters.precisions.iter().copied().collect(),
            sourcing: filters.sourcing.iter().copied().collect(),
            as_of: filters.as_of,
        }
    }
}

/// Parses `--as-of`.
fn parse_as_of(text: &str) -> Result<PartialDate, String> {
    parse_date(text.trim())
        .ok_or_else(|| "not a date; use YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2022-12-31)".to_owned())
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Debug, Parser)]
    struct Flags {
        #[command(flatten)]
        filters: FilterArgs,
    }

    fn parse(args: &[&str]) -> Result<FilterArgs, String> {
        Flags::try_parse_from(std::iter::once("test").chain(args.iter().copied()))
            .map(|flags| flags.filters)
            .map_err(|err| err.to_string())
    }

    #[test]
    fn filter_flags_parse_leniently_and_unknown_values_say_what_is_allowed() {
        let args = parse(&[
            "--bureau",
            "nantong,Fuzhou PSB",
            "--listing",
            "110-overseas",
            "--status",
            "ordered-closed",
            "--precision",
            "City",
            "--sourcing",
            "Weak",
            "--as-of",
            "2023-01",
        ])
        .unwrap();
        let filters = args.to_filters();
        assert!(filters.bureaus.contains("Nantong PSB") && filters.bureaus.contains("Fuzhou PSB"));
        assert!(filters.statuses.contains("ordered_closed"));
        assert!(filters.listings.contains(&Listing::Overseas110));
        assert!(filters.precisions.contains(&Precision::City));
        assert!(filters.sourcing.contains(&Sourcing::Weak));
        assert_eq!(filters.as_of, parse_date("2023-01"));
        assert_eq!(FilterArgs::from_filters(&filters).to_filters(), filters);

        let err = parse(&["--bureau", "Beijing PSB"]).unwrap_err();
        assert!(
            err.contains("--bureau") && err.contains("Beijing PSB") && err.contains("Nantong PSB"),
            "{err}"
        );
        let err = parse(&["--as-of", "soon"]).unwrap_err();
        assert!(
            err.contains("--as-of") && err.contains("YYYY-MM-DD"),
            "{err}"
        );
    }
}
