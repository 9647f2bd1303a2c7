//! Which stations are shown: filters by bureau, first listing, current status and precision, and
//! the state of knowledge at a chosen date. Pure logic; the UI only edits a [`Filters`].

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::dataset::DataSet;
use super::dates::{PartialDate, parse_date};
use super::model::{Precision, Station, StatusEvent};

/// Where a station was first listed, for the report filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Listing {
    /// First listed in "110 Overseas" (September 2022).
    Overseas110,
    /// First listed in "Patrol and Persuade" (December 2022).
    PatrolAndPersuade,
    /// Alleged by host authorities, parliaments or the press.
    Other,
}

impl Listing {
    /// All values, in display order.
    pub const ALL: [Self; 3] = [Self::Overseas110, Self::PatrolAndPersuade, Self::Other];

    /// Report id of the Safeguard Defenders reports.
    pub const SD_110: &'static str = "sd-110-overseas";
    /// Report id of "Patrol and Persuade".
    pub const SD_PP: &'static str = "sd-patrol-and-persuade";

    /// The listing a station belongs to.
    pub fn of(station: &Station) -> Self {
        if station.listed_in.iter().any(|r| r == Self::SD_110) {
            Self::Overseas110
        } else if station.listed_in.iter().any(|r| r == Self::SD_PP) {
            Self::PatrolAndPersuade
        } else {
            Self::Other
        }
    }

    /// Label for the filter.
    pub fn label(self) -> &'static str {
        match self {
            Self::Overseas110 => "110 Overseas (Sep 2022)",
            Self::PatrolAndPersuade => "new in Patrol and Persuade (Dec 2022)",
            Self::Other => "other listings (authorities, press)",
        }
    }
}

/// How well a station's listing is sourced, for the sourcing filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Sourcing {
    /// At least one primary document, original outlet, or source of unknown tier.
    Supported,
    /// Only reposts or aggregators.
    Weak,
}

impl Sourcing {
    /// All values, in display order.
    pub const ALL: [Self; 2] = [Self::Supported, Self::Weak];

    /// How a station is sourced.
    pub fn of(data: &DataSet, station: &Station) -> Self {
        if data.station_is_weak(station) {
            Self::Weak
        } else {
            Self::Supported
        }
    }

    /// Label for the filter.
    pub fn label(self) -> &'static str {
        match self {
            Self::Supported => "an original or primary source",
            Self::Weak => "weakly sourced (only reposts or aggregators)",
        }
    }

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::Supported => "supported",
            Self::Weak => "weak",
        }
    }
}

/// One of the filter menus (a facet of the stations).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Facet {
    /// Operating bureau.
    Bureau,
    /// Which report first listed the station.
    Listing,
    /// Current status at the timeline's date.
    Status,
    /// Location precision.
    Precision,
    /// Whether the listing rests only on reposts or aggregators.
    Sourcing,
}

/// The user's filters. Empty sets mean "all".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filters {
    /// Operating bureaus to show.
    pub bureaus: BTreeSet<String>,
    /// First listings to show.
    pub listings: BTreeSet<Listing>,
    /// Current statuses (as of `as_of`) to show.
    pub statuses: BTreeSet<String>,
    /// Location precisions to show.
    pub precisions: BTreeSet<Precision>,
    /// How well the listing is sourced (empty: either).
    pub sourcing: BTreeSet<Sourcing>,
    /// Show the state of knowledge on this date (`None`: today). Not remembered between runs.
    #[serde(skip)]
    pub as_of: Option<PartialDate>,
}

impl Filters {
    /// Whether any filter is set.
    pub fn is_active(&self) -> bool {
        *self != Self::default()
    }

    /// Whether an event dated `date` was known on the filter's date.
    pub fn knows(&self, date: &str) -> bool {
        match (self.as_of, parse_date(date)) {
            (None, _) => true,
            (Some(as_of), Some(date)) => date <= as_of,
            // Undated or unreadable: only shown when no date is chosen.
            (Some(_), None) => false,
        }
    }

    /// The station's status as known on the filter's date: the latest known entry that is not
    /// `other`, else the latest known entry.
    pub fn status_of<'a>(&self, station: &'a Station) -> Option<&'a StatusEvent> {
        let known = || station.status.iter().rev().filter(|e| self.knows(&e.date));
        known()
            .find(|e| e.status != "other")
            .or_else(|| known().next())
    }

    /// The station's current status as shown on the filter's date ([`StatusEvent::effective_status`]
    /// of [`Self::status_of`]), `reported` when it has none.
    pub fn current_status<'a>(&self, station: &'a Station) -> &'a str {
        self.status_of(station)
            .map_or("reported", StatusEvent::effective_status)
    }

    /// Whether the station passes every filter.
    pub fn shows(&self, data: &DataSet, station: &Station) -> bool {
        if !self.knows(&station.first_reported) {
            return false;
        }
        if !self.bureaus.is_empty() && !self.bureaus.contains(&station.bureau) {
            return false;
        }
        if !self.listings.is_empty() && !self.listings.contains(&Listing::of(station)) {
            return false;
        }
        if !self.precisions.is_empty() && !self.precisions.contains(&station.location.precision) {
            return false;
        }
        if !self.statuses.is_empty() && !self.statuses.contains(self.current_status(station)) {
            return false;
        }
        if !self.sourcing.is_empty() && !self.sourcing.contains(&Sourcing::of(data, station)) {
            return false;
        }
        true
    }

    /// These filters without the choices of one menu: what that menu's counts are taken against,
    /// so each choice shows how many stations it would show given the other filters.
    pub fn without(&self, facet: Facet) -> Filters {
        let mut rest = self.clone();
        match facet {
            Facet::Bureau => rest.bureaus.clear(),
            Facet::Listing => rest.listings.clear(),
            Facet::Status => rest.statuses.clear(),
            Facet::Precision => rest.precisions.clear(),
            Facet::Sourcing => rest.sourcing.clear(),
        }
        rest
    }

    /// Indices of the stations shown.
    pub fn shown_indices(&self, data: &DataSet) -> Vec<usize> {
        data.stations()
            .iter()
            .enumerate()
            .filter(|(_, s)| self.shows(data, s))
            .map(|(i, _)| i)
            .collect()
    }
}

/// Earliest and latest dated events in the data (station listings, status entries, responses,
/// statements), for the time slider.
pub fn date_range(data: &DataSet) -> Option<(PartialDate, PartialDate)> {
    let file = &data.file;
    let dates = file
        .stations
        .iter()
        .flat_map(|s| std::iter::once(&s.first_reported).chain(s.status.iter().map(|e| &e.date)))
        .chain(file.countries.iter().flat_map(|c| {
            c.responses
                .iter()
                .map(|r| &r.date)
                .chain(c.china_position.iter().map(|s| &s.date))
        }))
        .filter_map(|d| parse_date(d));
    let mut range: Option<(PartialDate, PartialDate)> = None;
    for date in dates {
        range = Some(match range {
            None => (date, date),
            Some((lo, hi)) => (lo.min(date), hi.max(date)),
        });
    }
    range
}

/// Every distinct dated event, sorted: the steps of the time slider's play/step buttons.
pub fn event_dates(data: &DataSet) -> Vec<PartialDate> {
    let file = &data.file;
    let mut dates: Vec<PartialDate> = file
        .stations
        .iter()
        .flat_map(|s| std::iter::once(&s.first_reported).chain(s.status.iter().map(|e| &e.date)))
        .chain(
            file.countries
                .iter()
                .flat_map(|c| c.responses.iter().map(|r| &r.date)),
        )
        .filter_map(|d| parse_date(d))
        .collect();
    dates.sort();
    dates.dedup();
    dates
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{DataSource, EMBEDDED_DATA, parse_str};

    fn data() -> DataSet {
        DataSet::new(
            parse_str(EMBEDDED_DATA, "embedded").unwrap(),
            DataSource::Embedded,
        )
    }

    #[test]
    fn no_filter_shows_everything() {
        let data = data();
        assert_eq!(
            Filters::default().shown_indices(&data).len(),
            data.stations().len()
        );
    }

    #[test]
    fn the_bureau_filter_keeps_only_that_bureau() {
        let data = data();
        let filters = Filters {
            bureaus: BTreeSet::from(["Nantong PSB".to_owned()]),
            ..Filters::default()
        };
        let shown = filters.shown_indices(&data);
        let expected = data
            .stations()
            .iter()
            .filter(|s| s.bureau == "Nantong PSB")
            .count();
        assert!(expected > 0);
        assert_eq!(shown.len(), expected);
    }

    #[test]
    fn end_of_september_2022_predates_patrol_and_persuade() {
        let data = data();
        let filters = Filters {
            as_of: parse_date("2022-09-30"),
            ..Filters::default()
        };
        for i in filters.shown_indices(&data) {
            let station = &data.stations()[i];
            assert_ne!(
                Listing::of(station),
                Listing::PatrolAndPersuade,
                "{}",
                station.id
            );
        }
        assert!(
            filters.shown_indices(&data).len() > 40,
            "110 Overseas stations are known by then"
        );
    }

    #[test]
    fn status_as_of_a_date_ignores_later_events() {
        let data = data();
        let dublin = data.station("ie-dublin-1").unwrap();
        let before = Filters {
            as_of: parse_date("2022-10-01"),
            ..Filters::default()
        };
        assert_eq!(
            before.status_of(dublin).map(|e| e.status.as_str()),
            Some("reported")
        );
        let after = Filters::default();
        assert_eq!(
            after.status_of(dublin).map(|e| e.status.as_str()),
            Some("closure_claimed")
        );
        assert_eq!(after.current_status(dublin), "closure_claimed");
    }

    #[test]
    fn the_date_range_spans_the_events() {
        let data = data();
        let (lo, hi) = date_range(&data).unwrap();
        assert!(lo <= parse_date("2022-09-12").unwrap());
        assert!(hi >= parse_date("2024-01").unwrap());
        assert!(event_dates(&data).windows(2).all(|w| w[0] < w[1]));
    }
}
