//! Search: countries, cities, bureaus and source publishers, matched as the user types.

use crate::state::Model;

/// One search result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SearchHit {
    /// A country, by ISO code.
    Country {
        /// ISO alpha-2 code.
        iso2: String,
        /// What the list shows.
        label: String,
    },
    /// A station, by index into the data set.
    Station {
        /// Index into the stations.
        index: usize,
        /// What the list shows.
        label: String,
    },
}

impl SearchHit {
    /// The text shown in the results list.
    pub fn label(&self) -> &str {
        match self {
            Self::Country { label, .. } | Self::Station { label, .. } => label,
        }
    }
}

/// Results for `query`, best first: countries by name, then stations by city, cover, bureau or
/// the publisher of one of their sources. Case-insensitive; at most `limit` results. A country is
/// found by its one name ([`Model::country_name`]), by the outlines' name where that differs
/// ("Czechia" finds the Czech Republic), or by its code.
pub fn search(model: &Model, query: &str, limit: usize) -> Vec<SearchHit> {
    let data = model.data();
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    let mut countries: Vec<(bool, &str, &str)> = model
        .outlines()
        .countries
        .iter()
        .filter(|c| {
            model.country_name(&c.iso2).to_lowercase().contains(&query)
                || c.name.to_lowercase().contains(&query)
                || c.iso2.eq_ignore_ascii_case(&query)
        })
        .map(|c| {
            (
                data.stations_in(&c.iso2).next().is_none(),
                model.country_name(&c.iso2),
                c.iso2.as_str(),
            )
        })
        .collect();
    // Countries with stations first, then by whether the name starts with the query.
    countries
        .sort_by_key(|&(empty, name, _)| (empty, !name.to_lowercase().starts_with(&query), name));
    for (_, name, iso2) in countries {
        let n = data.stations_in(iso2).count();
        hits.push(SearchHit::Country {
            iso2: iso2.to_owned(),
            label: format!(
                "{name} — {}",
                crate::data::count_noun(n, "station", "stations")
            ),
        });
    }
    for (index, station) in data.stations().iter().enumerate() {
        let publisher_match = || {
            station
                .sources
                .iter()
                .filter_map(|id| data.source(id))
                .find(|s| s.publisher.to_lowercase().contains(&query))
                .map(|s| s.publisher.clone())
        };
        let why = if station.city.to_lowercase().contains(&query)
            || station.bureau.to_lowercase().contains(&query)
        {
            Some(String::new())
        } else if station.cover.to_lowercase().contains(&query) {
            Some(" (cover or address)".to_owned())
        } else {
            publisher_match().map(|p| format!(" (source: {p})"))
        };
        if let Some(why) = why {
            hits.push(SearchHit::Station {
                index,
                label: format!(
                    "{}, {} · {}{why}",
                    station.display_city(),
                    model.country_name(&station.country),
                    station.bureau
                ),
            });
        }
    }
    hits.truncate(limit);
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{DataSet, DataSource, EMBEDDED_DATA, parse_str};
    use crate::geo::Outlines;

    fn setup() -> Model {
        Model::new(
            DataSet::new(parse_str(EMBEDDED_DATA, "e").unwrap(), DataSource::Embedded),
            std::sync::Arc::new(Outlines::embedded().unwrap()),
        )
    }

    #[test]
    fn a_city_finds_its_station() {
        let model = setup();
        let hits = search(&model, "glasgow", 10);
        assert!(
            matches!(&hits[0], SearchHit::Station { index, .. } if model.data().stations()[*index].country == "GB")
        );
    }

    #[test]
    fn a_country_name_comes_first() {
        let model = setup();
        let hits = search(&model, "spa", 10);
        assert_eq!(
            hits[0],
            SearchHit::Country {
                iso2: "ES".into(),
                label: "Spain — 9 stations".into()
            }
        );
    }

    #[test]
    fn a_bureau_finds_its_stations() {
        let model = setup();
        let hits = search(&model, "Nantong", 200);
        let n = model
            .data()
            .stations()
            .iter()
            .filter(|s| s.bureau == "Nantong PSB")
            .count();
        assert!(
            hits.iter()
                .filter(|h| matches!(h, SearchHit::Station { .. }))
                .count()
                >= n
        );
    }

    #[test]
    fn an_empty_query_finds_nothing() {
        let model = setup();
        assert!(search(&model, "  ", 10).is_empty());
    }
}
