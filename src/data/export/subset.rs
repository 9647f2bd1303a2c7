//! The complete data file of a selection (stations, the sources they cite, the countries and
//! reports they need) and the wording of the filters that made it.

use std::collections::HashSet;

use crate::data::dataset::DataSet;
use crate::data::filter::{Filters, Listing};
use crate::data::model::{DataFile, Station};

/// A complete data file holding the stations at `indices` (sorted, in range).
///
/// - `meta`, `reports`, `countries` and `global` are kept whole: they describe the publications
///   and the countries' responses, which stay true whatever is selected.
/// - `sources` keeps, in the file's order, exactly the sources cited by what is kept, so sources
///   cited only by left-out stations are left out (the file stays valid: no unreferenced source).
/// - In a subset, a country disagreement's `station_ids` keeps only the kept stations; a
///   disagreement that concerned only left-out stations is left out. A caveat is added to
///   `meta.caveats` saying that the file is a selection (and by which filters, when known).
///
/// With every station selected the file equals the input (for a valid input).
pub fn subset_file(data: &DataSet, indices: &[usize], filters_described: Option<&str>) -> DataFile {
    let all = &data.file;
    let stations: Vec<Station> = indices
        .iter()
        .filter_map(|&i| all.stations.get(i).cloned())
        .collect();
    let mut file = DataFile {
        meta: all.meta.clone(),
        reports: all.reports.clone(),
        sources: Vec::new(),
        stations,
        countries: all.countries.clone(),
        global: all.global.clone(),
    };
    if file.stations.len() != all.stations.len() {
        let kept: HashSet<&str> = file.stations.iter().map(|s| s.id.as_str()).collect();
        for record in &mut file.countries {
            record.disagreements.retain_mut(|d| {
                if d.station_ids.is_empty() {
                    return true;
                }
                d.station_ids.retain(|id| kept.contains(id.as_str()));
                !d.station_ids.is_empty()
            });
        }
        let selection = match filters_described {
            Some(text) if !text.is_empty() => format!("selected by {text}"),
            _ => "selected in overseas-stations".to_owned(),
        };
        file.meta.caveats.push(format!(
            "This file is an export of {} of the {} stations of data set v{} ({selection}). \
             Reports, country records and global statements are kept whole; sources cited only \
             by the stations left out are left out.",
            file.stations.len(),
            all.stations.len(),
            all.meta.version
        ));
    }
    let cited = cited_source_ids(&file);
    file.sources = all
        .sources
        .iter()
        .filter(|s| cited.contains(s.id.as_str()))
        .cloned()
        .collect();
    file
}

/// Every source id cited anywhere in a data file.
pub(super) fn cited_source_ids(file: &DataFile) -> HashSet<&str> {
    let mut ids: HashSet<&str> = HashSet::new();
    let mut lists: Vec<&[String]> = Vec::new();
    for report in &file.reports {
        lists.push(&report.sources);
        lists.extend(report.revisions.iter().map(|r| r.sources.as_slice()));
        lists.extend(report.notes.iter().map(|n| n.sources.as_slice()));
        if let Some(h) = &report.headline {
            lists.push(&h.sources);
        }
    }
    for station in &file.stations {
        lists.extend(station_source_lists(station));
    }
    for record in &file.countries {
        lists.extend(record.report_counts.iter().map(|c| c.sources.as_slice()));
        lists.extend(record.responses.iter().map(|r| r.sources.as_slice()));
        lists.extend(record.china_position.iter().map(|s| s.sources.as_slice()));
        lists.extend(record.notes.iter().map(|n| n.sources.as_slice()));
        lists.extend(record.gaps.iter().map(|n| n.sources.as_slice()));
        for d in &record.disagreements {
            lists.extend(d.versions.iter().map(|v| v.sources.as_slice()));
        }
    }
    let global = &file.global;
    lists.extend(global.china_position.iter().map(|s| s.sources.as_slice()));
    lists.extend(global.critiques.iter().map(|n| n.sources.as_slice()));
    lists.extend(global.gaps.iter().map(|n| n.sources.as_slice()));
    for d in &global.disagreements {
        lists.extend(d.versions.iter().map(|v| v.sources.as_slice()));
    }
    for list in lists {
        ids.extend(list.iter().map(String::as_str));
    }
    ids
}

/// The source lists of a station: its own, then its notes', then its status entries'.
pub(super) fn station_source_lists(station: &Station) -> Vec<&[String]> {
    std::iter::once(station.sources.as_slice())
        .chain(station.notes.iter().map(|n| n.sources.as_slice()))
        .chain(station.status.iter().map(|e| e.sources.as_slice()))
        .collect()
}

/// Every source id a station cites (its own, its notes', its status entries'), first citation
/// first, without duplicates.
pub fn station_source_ids(station: &Station) -> Vec<&str> {
    let mut seen = HashSet::new();
    station_source_lists(station)
        .into_iter()
        .flatten()
        .map(String::as_str)
        .filter(|id| seen.insert(*id))
        .collect()
}

/// The filters in words, e.g. `bureau Nantong PSB; status closed or conviction; as of 2023-01`;
/// empty when no filter is set.
pub fn describe_filters(filters: &Filters) -> String {
    let mut parts = Vec::new();
    let join = |items: Vec<String>| items.join(" or ");
    if !filters.bureaus.is_empty() {
        parts.push(format!(
            "bureau {}",
            join(filters.bureaus.iter().cloned().collect())
        ));
    }
    if !filters.listings.is_empty() {
        parts.push(format!(
            "first listing {}",
            join(
                filters
                    .listings
                    .iter()
                    .map(|l| listing_name(*l).to_owned())
                    .collect()
            )
        ));
    }
    if !filters.statuses.is_empty() {
        parts.push(format!(
            "status {}",
            join(
                filters
                    .statuses
                    .iter()
                    .map(|s| crate::data::status_label(s).to_owned())
                    .collect()
            )
        ));
    }
    if !filters.precisions.is_empty() {
        parts.push(format!(
            "location precision {}",
            join(
                filters
                    .precisions
                    .iter()
                    .map(|p| p.label().to_owned())
                    .collect()
            )
        ));
    }
    if !filters.sourcing.is_empty() {
        parts.push(format!(
            "sourcing {}",
            join(
                filters
                    .sourcing
                    .iter()
                    .map(|s| s.label().to_owned())
                    .collect()
            )
        ));
    }
    if let Some(date) = filters.as_of {
        parts.push(format!("as of {date}"));
    }
    parts.join("; ")
}

/// The command-line name of a listing: `110-overseas`, `patrol-and-persuade` or `other`.
pub fn listing_name(listing: Listing) -> &'static str {
    match listing {
        Listing::Overseas110 => "110-overseas",
        Listing::PatrolAndPersuade => "patrol-and-persuade",
        Listing::Other => "other",
    }
}
