//! A loaded data file with the indexes the UI needs; every count the UI shows comes from here.

use std::collections::{BTreeMap, HashMap};

use super::load::DataSource;
use super::model::{CountryRecord, DataFile, Report, Source, Station};
use super::url_rule::{CheckedUrl, UrlProblem, check_url};

/// A data file plus indexes by id and by country.
#[derive(Clone, Debug)]
pub struct DataSet {
    /// The file's contents.
    pub file: DataFile,
    /// Where it was loaded from.
    pub origin: DataSource,
    sources_by_id: HashMap<String, usize>,
    reports_by_id: HashMap<String, usize>,
    records_by_country: HashMap<String, usize>,
    stations_by_country: BTreeMap<String, Vec<usize>>,
    /// Per report (file order): stations it counts and their countries, including the stations
    /// of the reports it includes, transitively.
    placed_per_report: Vec<(usize, usize)>,
    /// Per station (file order): whether its listing rests only on reposts or aggregators.
    weak_stations: Vec<bool>,
    /// Per source (file order): its URL judged by the URL rule, once, for the panels that show
    /// every cited source each frame.
    source_urls: Vec<Result<CheckedUrl, UrlProblem>>,
    /// Per source (file order): its one line of citation ([`super::source_citation`]), written
    /// once, for the same panels.
    citations: Vec<String>,
}

/// What a country's side panel headline says, computed from the stations.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CountrySummary {
    /// Number of stations placed in the country.
    pub stations: usize,
    /// Report id → number of the country's stations it lists, in the file's report order.
    pub by_report: Vec<(String, usize)>,
    /// Bureau → number of stations, in [`super::BUREAUS`] order.
    pub by_bureau: Vec<(String, usize)>,
}

impl DataSet {
    /// Indexes a parsed file.
    pub fn new(file: DataFile, origin: DataSource) -> Self {
        let sources_by_id = index(&file.sources, |s| &s.id);
        let reports_by_id = index(&file.reports, |r| &r.id);
        let records_by_country = index(&file.countries, |c| &c.iso2);
        let mut stations_by_country: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, station) in file.stations.iter().enumerate() {
            stations_by_country
                .entry(station.country.clone())
                .or_default()
                .push(i);
        }
        let placed_per_report = placed_per_report(&file, &reports_by_id);
        let weak_stations = file
            .stations
            .iter()
            .map(|s| {
                super::evidence::rests_on_weak(&s.sources, |id| {
                    sources_by_id.get(id).map(|&i| &file.sources[i])
                })
            })
            .collect();
        let source_urls = file.sources.iter().map(|s| check_url(&s.url)).collect();
        let citations = file.sources.iter().map(super::source_citation).collect();
        Self {
            file,
            origin,
            sources_by_id,
            reports_by_id,
            records_by_country,
            stations_by_country,
            placed_per_report,
            weak_stations,
            source_urls,
            citations,
        }
    }

    /// All stations.
    pub fn stations(&self) -> &[Station] {
        &self.file.stations
    }

    /// A source by id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources_by_id.get(id).map(|&i| &self.file.sources[i])
    }

    /// The source's URL as the URL rule ([`check_url`]) judged it when the data was loaded.
    pub fn source_url(&self, id: &str) -> Option<&Result<CheckedUrl, UrlProblem>> {
        self.sources_by_id
            .get(id)
            .and_then(|&i| self.source_urls.get(i))
    }

    /// The source's one line of citation ([`super::source_citation`]), written when the data was
    /// loaded.
    pub fn citation(&self, id: &str) -> Option<&str> {
        self.sources_by_id
            .get(id)
            .and_then(|&i| self.citations.get(i))
            .map(String::as_str)
    }

    /// Whether a claim with these source ids rests only on reposts or aggregators.
    pub fn is_weak(&self, ids: &[String]) -> bool {
        super::evidence::rests_on_weak(ids, |id| self.source(id))
    }

    /// Whether a station's listing (its city, cover and bureau) rests only on reposts or
    /// aggregators.
    pub fn station_is_weak(&self, station: &Station) -> bool {
        self.is_weak(&station.sources)
    }

    /// Of the stations a report counts (with the reports it includes), how many are in European
    /// countries, and how many in all.
    pub fn placed_in_europe(&self, report_id: &str) -> (usize, usize) {
        let family = self.report_family(report_id);
        let counted: Vec<&Station> = self
            .stations()
            .iter()
            .filter(|s| s.listed_in.iter().any(|r| family.contains(&r.as_str())))
            .collect();
        let in_europe = counted
            .iter()
            .filter(|s| super::EUROPE.contains(&s.country.as_str()))
            .count();
        (in_europe, counted.len())
    }

    /// Per station (in [`Self::stations`] order): whether it is weakly sourced.
    pub fn weak_stations(&self) -> &[bool] {
        &self.weak_stations
    }

    /// A report by id.
    pub fn report(&self, id: &str) -> Option<&Report> {
        self.reports_by_id.get(id).map(|&i| &self.file.reports[i])
    }

    /// The short title of a report, or its id when it is unknown.
    pub fn report_title<'a>(&'a self, id: &'a str) -> &'a str {
        self.report(id).map_or(id, Report::display_title)
    }

    /// A station by id.
    pub fn station(&self, id: &str) -> Option<&Station> {
        self.file.stations.iter().find(|s| s.id == id)
    }

    /// The country record (responses, statements…) for an ISO code, if the file has one.
    pub fn country_record(&self, iso2: &str) -> Option<&CountryRecord> {
        self.records_by_country
            .get(iso2)
            .map(|&i| &self.file.countries[i])
    }

    /// The stations placed in a country, in file order.
    pub fn stations_in<'a>(&'a self, iso2: &str) -> impl Iterator<Item = &'a Station> + 'a {
        self.stations_by_country
            .get(iso2)
            .into_iter()
            .flatten()
            .map(|&i| &self.file.stations[i])
    }

    /// Number of stations per country code.
    pub fn station_counts(&self) -> impl Iterator<Item = (&str, usize)> {
        self.stations_by_country
            .iter()
            .map(|(iso, list)| (iso.as_str(), list.len()))
    }

    /// Number of countries with at least one station.
    pub fn country_count(&self) -> usize {
        self.stations_by_country.len()
    }

    /// Counts for a country's panel headline.
    pub fn country_summary(&self, iso2: &str) -> CountrySummary {
        self.summary_of(self.stations_in(iso2))
    }

    /// The same counts for any set of stations (the dossier takes them for the shown ones).
    pub fn summary_of<'a>(&self, stations: impl Iterator<Item = &'a Station>) -> CountrySummary {
        let stations: Vec<&Station> = stations.collect();
        let by_report = self
            .file
            .reports
            .iter()
            .map(|r| {
                let n = stations
                    .iter()
                    .filter(|s| s.listed_in.contains(&r.id))
                    .count();
                (r.id.clone(), n)
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        let by_bureau = super::BUREAUS
            .iter()
            .map(|b| {
                let n = stations.iter().filter(|s| s.bureau == *b).count();
                ((*b).to_owned(), n)
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        CountrySummary {
            stations: stations.len(),
            by_report,
            by_bureau,
        }
    }

    /// The report and every report it includes, transitively, each once. A visited set cuts
    /// inclusion cycles (which `validate` refuses), so a file that includes itself in a loop
    /// still gives a finite family without duplicates.
    pub fn report_family<'a>(&'a self, report_id: &'a str) -> Vec<&'a str> {
        let mut family: Vec<&str> = Vec::new();
        let mut visited: std::collections::HashSet<&str> = std::collections::HashSet::new();
        let mut todo = vec![report_id];
        while let Some(id) = todo.pop() {
            if !visited.insert(id) {
                continue;
            }
            family.push(id);
            if let Some(report) = self.report(id) {
                todo.extend(report.includes.iter().map(String::as_str));
            }
        }
        family
    }

    /// Number of stations placed for a report: those listed in it or in a report it includes.
    pub fn stations_per_report(&self, report_id: &str) -> usize {
        self.reports_by_id
            .get(report_id)
            .and_then(|&i| self.placed_per_report.get(i))
            .map_or(0, |&(stations, _)| stations)
    }

    /// Number of distinct countries of the stations placed for a report.
    pub fn countries_per_report(&self, report_id: &str) -> usize {
        self.reports_by_id
            .get(report_id)
            .and_then(|&i| self.placed_per_report.get(i))
            .map_or(0, |&(_, countries)| countries)
    }
}

/// For every report, the stations it counts and their countries. A station listed in report R
/// counts for R and for every report that includes R, directly or through others; computed once
/// by walking the "included by" edges, so long chains of inclusions stay linear per station.
/// The walk keeps a visited set per report and each station counts once per report it reaches,
/// so an inclusion cycle (refused by `validate`) can neither loop nor count a station twice.
fn placed_per_report(
    file: &DataFile,
    reports_by_id: &HashMap<String, usize>,
) -> Vec<(usize, usize)> {
    let n = file.reports.len();
    let mut included_by: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, report) in file.reports.iter().enumerate() {
        for included in &report.includes {
            if let Some(&j) = reports_by_id.get(included)
                && j != i
            {
                included_by[j].push(i);
            }
        }
    }
    // Ancestors of each report: itself and every report counting it.
    let ancestors: Vec<Vec<usize>> = (0..n)
        .map(|r| {
            let mut seen = vec![false; n];
            let mut stack = vec![r];
            let mut out = Vec::new();
            while let Some(x) = stack.pop() {
                if std::mem::replace(&mut seen[x], true) {
                    continue;
                }
                out.push(x);
                stack.extend(included_by[x].iter().copied());
            }
            out
        })
        .collect();
    // Stations grouped by the set of reports listing them: few distinct sets in practice, so the
    // walk over ancestors runs per set, not per station.
    let mut by_listing: HashMap<Vec<usize>, (usize, std::collections::HashSet<&str>)> =
        HashMap::new();
    for station in &file.stations {
        let mut listing: Vec<usize> = station
            .listed_in
            .iter()
            .filter_map(|id| reports_by_id.get(id).copied())
            .collect();
        listing.sort_unstable();
        listing.dedup();
        if listing.is_empty() {
            continue;
        }
        let entry = by_listing.entry(listing).or_default();
        entry.0 += 1;
        entry.1.insert(station.country.as_str());
    }
    let mut stations = vec![0usize; n];
    let mut countries: Vec<std::collections::HashSet<&str>> = vec![Default::default(); n];
    for (listing, (count, listing_countries)) in &by_listing {
        // Each station counts once per report, however many of its listings lead there.
        let mut reached: Vec<usize> = listing
            .iter()
            .flat_map(|&r| ancestors[r].iter().copied())
            .collect();
        reached.sort_unstable();
        reached.dedup();
        for a in reached {
            stations[a] += count;
            countries[a].extend(listing_countries.iter().copied());
        }
    }
    stations
        .into_iter()
        .zip(countries)
        .map(|(s, c)| (s, c.len()))
        .collect()
}

fn index<T>(items: &[T], key: impl Fn(&T) -> &String) -> HashMap<String, usize> {
    let mut map = HashMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        // The first record wins; validation reports the duplicate.
        map.entry(key(item).clone()).or_insert(i);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_citation_written_at_load_is_the_formatters_and_an_unknown_id_has_none() {
        let file = super::super::parse_str(super::super::EMBEDDED_DATA, "embedded").unwrap();
        let data = DataSet::new(file, DataSource::Embedded);
        assert!(!data.file.sources.is_empty());
        for source in &data.file.sources {
            assert_eq!(
                data.citation(&source.id),
                Some(super::super::source_citation(source).as_str()),
                "{}",
                source.id
            );
        }
        assert_eq!(data.citation("no-such-source"), None);
    }
}
