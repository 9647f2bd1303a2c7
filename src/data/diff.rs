//! What changed between two data files: stations added, removed or moved, bureau and status
//! changes, and sources added, removed, replaced or retitled; and the changelog entry that sums it
//! up (the one About shows).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write as _};

use super::model::{ChangelogEntry, DataFile, Source, Station};
use super::vocab::status_label;

/// A station counts as moved when its point moves by more than this (km).
pub const MOVED_KM: f64 = 1.0;

/// The differences between an old and a new data file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Diff {
    /// Ids (with city) of stations only in the new file.
    pub added: Vec<String>,
    /// Ids (with city) of stations only in the old file.
    pub removed: Vec<String>,
    /// Stations whose point moved: id, distance in km, old and new precision.
    pub moved: Vec<(String, f64, String, String)>,
    /// Stations whose precision changed without moving.
    pub precision: Vec<(String, String, String)>,
    /// Stations whose operating bureau changed: id, old, new.
    pub bureau: Vec<(String, String, String)>,
    /// Stations whose current status changed: id, old, new.
    pub status_changed: Vec<(String, String, String)>,
    /// Stations with new dated status entries: id, how many.
    pub status_entries_added: Vec<(String, usize)>,
    /// Source URLs only in the new file.
    pub sources_added: Vec<String>,
    /// Source URLs only in the old file.
    pub sources_removed: Vec<String>,
    /// Sources with the same URL whose title, date or tier changed: URL, what.
    pub sources_changed: Vec<(String, String)>,
    /// Country records whose responses or China statements grew: ISO code, how many new.
    pub country_entries_added: Vec<(String, usize)>,
}

impl Diff {
    /// Whether nothing changed that this diff looks at.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// One paragraph for the changelog.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        let mut push = |n: usize, what: &str| {
            if n > 0 {
                parts.push(format!("{n} {what}"));
            }
        };
        push(self.added.len(), "station(s) added");
        push(self.removed.len(), "station(s) removed");
        push(self.moved.len(), "station(s) moved");
        push(self.precision.len(), "location precision(s) changed");
        push(self.bureau.len(), "bureau attribution(s) changed");
        push(self.status_changed.len(), "current status(es) changed");
        push(
            self.status_entries_added.iter().map(|(_, n)| n).sum(),
            "status entries added",
        );
        push(
            self.country_entries_added.iter().map(|(_, n)| n).sum(),
            "government responses or PRC statements added",
        );
        push(self.sources_added.len(), "source(s) added");
        push(self.sources_removed.len(), "source(s) removed");
        push(
            self.sources_changed.len(),
            "source(s) retitled, redated or re-tiered",
        );
        if parts.is_empty() {
            "No changes to stations, statuses or sources.".to_owned()
        } else {
            format!("{}.", parts.join("; "))
        }
    }

    /// The changelog entry for the new file.
    pub fn changelog_entry(&self, date: &str, version: &str) -> ChangelogEntry {
        ChangelogEntry {
            date: date.to_owned(),
            version: version.to_owned(),
            summary: self.summary(),
        }
    }
}

impl fmt::Display for Diff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        let mut section = |title: &str, lines: Vec<String>| {
            if !lines.is_empty() {
                let _ = writeln!(s, "{title} ({}):", lines.len());
                for line in lines {
                    let _ = writeln!(s, "  {line}");
                }
            }
        };
        section("stations added", self.added.clone());
        section("stations removed", self.removed.clone());
        section(
            "stations moved",
            self.moved
                .iter()
                .map(|(id, km, a, b)| format!("{id}: {km:.1} km ({a} -> {b})"))
                .collect(),
        );
        section(
            "location precision changed",
            self.precision
                .iter()
                .map(|(id, a, b)| format!("{id}: {a} -> {b}"))
                .collect(),
        );
        section(
            "bureau changed",
            self.bureau
                .iter()
                .map(|(id, a, b)| format!("{id}: {a} -> {b}"))
                .collect(),
        );
        section(
            "current status changed",
            self.status_changed
                .iter()
                .map(|(id, a, b)| format!("{id}: {a} -> {b}"))
                .collect(),
        );
        section(
            "status entries added",
            self.status_entries_added
                .iter()
                .map(|(id, n)| format!("{id}: {n}"))
                .collect(),
        );
        section(
            "responses and PRC statements added",
            self.country_entries_added
                .iter()
                .map(|(iso, n)| format!("{iso}: {n}"))
                .collect(),
        );
        section("sources added", self.sources_added.clone());
        section("sources removed", self.sources_removed.clone());
        section(
            "sources changed",
            self.sources_changed
                .iter()
                .map(|(url, what)| format!("{url}: {what}"))
                .collect(),
        );
        let _ = writeln!(s, "summary: {}", self.summary());
        f.write_str(&s)
    }
}

fn label(station: &Station) -> String {
    format!("{} ({})", station.id, station.display_city())
}

fn current(station: &Station) -> String {
    station
        .latest_status()
        .map_or("no status", |e| status_label(e.effective_status()))
        .to_owned()
}

fn precision_name(station: &Station) -> String {
    station.location.precision.label().to_owned()
}

/// Compares two data files.
pub fn diff(old: &DataFile, new: &DataFile) -> Diff {
    let mut d = Diff::default();
    let old_stations: BTreeMap<&str, &Station> =
        old.stations.iter().map(|s| (s.id.as_str(), s)).collect();
    let new_stations: BTreeMap<&str, &Station> =
        new.stations.iter().map(|s| (s.id.as_str(), s)).collect();
    for (id, s) in &new_stations {
        let Some(o) = old_stations.get(id) else {
            d.added.push(label(s));
            continue;
        };
        let km = super::evidence::haversine_km(
            o.location.lat,
            o.location.lon,
            s.location.lat,
            s.location.lon,
        );
        if km > MOVED_KM {
            d.moved
                .push(((*id).to_owned(), km, precision_name(o), precision_name(s)));
        } else if o.location.precision != s.location.precision {
            d.precision
                .push(((*id).to_owned(), precision_name(o), precision_name(s)));
        }
        if o.bureau != s.bureau {
            d.bureau
                .push(((*id).to_owned(), o.bureau.clone(), s.bureau.clone()));
        }
        let (a, b) = (current(o), current(s));
        if a != b {
            d.status_changed.push(((*id).to_owned(), a, b));
        }
        if s.status.len() > o.status.len() {
            d.status_entries_added
                .push(((*id).to_owned(), s.status.len() - o.status.len()));
        }
    }
    for (id, o) in &old_stations {
        if !new_stations.contains_key(id) {
            d.removed.push(label(o));
        }
    }

    let old_countries: BTreeMap<&str, usize> = old
        .countries
        .iter()
        .map(|c| (c.iso2.as_str(), c.responses.len() + c.china_position.len()))
        .collect();
    for c in &new.countries {
        let before = old_countries.get(c.iso2.as_str()).copied().unwrap_or(0);
        let now = c.responses.len() + c.china_position.len();
        if now > before {
            d.country_entries_added.push((c.iso2.clone(), now - before));
        }
    }

    let by_url = |f: &'_ DataFile| -> BTreeMap<String, Source> {
        f.sources
            .iter()
            .map(|s| (s.url.clone(), s.clone()))
            .collect()
    };
    let (old_sources, new_sources) = (by_url(old), by_url(new));
    let old_urls: BTreeSet<&String> = old_sources.keys().collect();
    let new_urls: BTreeSet<&String> = new_sources.keys().collect();
    d.sources_added = new_urls
        .difference(&old_urls)
        .map(|u| (*u).clone())
        .collect();
    d.sources_removed = old_urls
        .difference(&new_urls)
        .map(|u| (*u).clone())
        .collect();
    for url in old_urls.intersection(&new_urls) {
        let (o, n) = (&old_sources[*url], &new_sources[*url]);
        let mut what = Vec::new();
        if o.title != n.title {
            what.push(format!("title {:?} -> {:?}", o.title, n.title));
        }
        if o.date != n.date {
            what.push(format!("date {} -> {}", o.date, n.date));
        }
        if o.tier != n.tier {
            let tier = |t: Option<super::model::Tier>| t.map_or("none", |t| t.label());
            what.push(format!("tier {} -> {}", tier(o.tier), tier(n.tier)));
        }
        if !what.is_empty() {
            d.sources_changed.push(((*url).clone(), what.join("; ")));
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{EMBEDDED_DATA, parse_str};

    #[test]
    fn a_file_against_itself_has_no_differences() {
        let data = parse_str(EMBEDDED_DATA, "embedded").expect("embedded data parses");
        let d = diff(&data, &data);
        assert!(d.is_empty(), "{d}");
        assert_eq!(d.summary(), "No changes to stations, statuses or sources.");
    }

    #[test]
    fn added_removed_moved_and_retitled_are_found() {
        let old = parse_str(EMBEDDED_DATA, "embedded").expect("embedded data parses");
        let mut new = old.clone();
        let removed = new.stations.remove(0);
        let mut added = new.stations[0].clone();
        added.id = "xx-new-1".to_owned();
        new.stations.push(added);
        new.stations[1].location.lat += 1.0;
        new.sources[0].title = "A real title".to_owned();
        new.stations[2].bureau = format!("{} (changed)", new.stations[2].bureau);
        let d = diff(&old, &new);
        assert_eq!(d.removed, [label(&removed)]);
        assert_eq!(d.added.len(), 1);
        assert!(d.added[0].starts_with("xx-new-1"));
        assert_eq!(d.moved.len(), 1);
        assert!(d.moved[0].1 > 100.0, "one degree of latitude is ~111 km");
        assert_eq!(d.sources_changed.len(), 1);
        assert_eq!(d.bureau.len(), 1);
        assert_eq!(d.bureau[0].0, new.stations[2].id);
        assert!(d.to_string().contains("bureau changed (1):"), "{d}");
        let summary = d.summary();
        assert!(summary.contains("1 station(s) added"), "{summary}");
        assert!(summary.contains("1 station(s) moved"), "{summary}");
        assert!(
            summary.contains("1 bureau attribution(s) changed"),
            "{summary}"
        );
    }
}
