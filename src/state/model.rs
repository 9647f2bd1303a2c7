//! The model: the data set, the filters and the selection, and everything derived from them.
//!
//! One owner, one place of invalidation: the fields are private, every change goes through a
//! method here, and each method recomputes what it invalidates before returning. So what the
//! panels read (shown stations, counts per country, the timeline's dates) is never stale, and the
//! map scene needs to compare only [`Model::data_version`] and [`Model::shown_version`].

use std::sync::Arc;

use crate::data::{self, DataSet, Filters, PartialDate};
use crate::geo::Outlines;

/// What is selected: a country, and optionally one of its stations.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// ISO alpha-2 code of the selected country.
    pub country: Option<String>,
    /// Id of the highlighted station (always in `country`).
    pub station: Option<String>,
}

/// The stations the filters let through, and their count per country.
#[derive(Clone, Debug, Default)]
pub struct Shown {
    /// Indices of the shown stations.
    pub stations: Vec<usize>,
    /// Shown stations per country, by outline index.
    pub per_country: Vec<usize>,
}

/// The timeline's extent and steps, computed once per data set.
#[derive(Clone, Debug, Default)]
pub struct Timeline {
    /// The earliest and latest dated event, if any event is dated.
    pub range: Option<(PartialDate, PartialDate)>,
    /// Every dated event, in order (the steps of Previous/Next/Play).
    pub events: Arc<Vec<PartialDate>>,
}

/// The data set, filters and selection, with what is derived from them.
pub struct Model {
    data: DataSet,
    outlines: Arc<Outlines>,
    filters: Filters,
    selection: Selection,
    shown: Shown,
    timeline: Timeline,
    data_version: u64,
    shown_version: u64,
}

impl Model {
    /// A model showing `data` on `outlines`, unfiltered, nothing selected.
    pub fn new(data: DataSet, outlines: Arc<Outlines>) -> Self {
        let mut model = Self {
            data,
            outlines,
            filters: Filters::default(),
            selection: Selection::default(),
            shown: Shown::default(),
            timeline: Timeline::default(),
            data_version: 0,
            shown_version: 0,
        };
        model.derive_from_data();
        model
    }

    /// The data set in use.
    pub fn data(&self) -> &DataSet {
        &self.data
    }

    /// The country outlines (shared with the level-of-detail builder thread).
    pub fn outlines(&self) -> &Arc<Outlines> {
        &self.outlines
    }

    /// Which stations the filters let through.
    pub fn filters(&self) -> &Filters {
        &self.filters
    }

    /// The current selection.
    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    /// What the filters let through.
    pub fn shown(&self) -> &Shown {
        &self.shown
    }

    /// The timeline's extent and steps.
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// Bumped whenever the data set is replaced.
    pub fn data_version(&self) -> u64 {
        self.data_version
    }

    /// Bumped whenever what is shown may have changed (data or filters).
    pub fn shown_version(&self) -> u64 {
        self.shown_version
    }

    /// Number of shown stations in the country with outline index `i`.
    pub fn count_at(&self, i: usize) -> usize {
        self.shown.per_country.get(i).copied().unwrap_or(0)
    }

    /// The one name of a country, used everywhere (panel, tooltip, lists, search, citations):
    /// the data set's name for it where it has a record, else the outlines' name.
    pub fn country_name<'a>(&'a self, iso2: &'a str) -> &'a str {
        self.data
            .country_record(iso2)
            .map(|r| r.name.as_str())
            .filter(|name| !name.trim().is_empty())
            .unwrap_or_else(|| self.outlines.name_of(iso2))
    }

    /// Index of the highlighted station, if one is.
    pub fn selected_station(&self) -> Option<usize> {
        let id = self.selection.station.as_deref()?;
        self.data.stations().iter().position(|s| s.id == id)
    }

    /// Replaces the filters; what is shown follows at once.
    pub fn set_filters(&mut self, filters: Filters) {
        if filters != self.filters {
            self.filters = filters;
            self.derive_shown();
        }
    }

    /// Replaces the data set; everything derived follows, and a selection that no longer exists
    /// is narrowed (a station that is gone leaves its country selected).
    pub fn replace_data(&mut self, data: DataSet) {
        self.data = data;
        self.data_version += 1;
        self.derive_from_data();
        if self.selected_station().is_none() {
            self.selection.station = None;
        }
    }

    /// Selects a country (or clears the selection with `None`).
    pub fn select_country(&mut self, iso2: Option<String>) {
        self.selection = Selection {
            country: iso2,
            station: None,
        };
    }

    /// Selects a station and its country; false if there is no such station.
    pub fn select_station(&mut self, index: usize) -> bool {
        let Some(station) = self.data.stations().get(index) else {
            return false;
        };
        self.selection = Selection {
            country: Some(station.country.clone()),
            station: Some(station.id.clone()),
        };
        true
    }

    /// The citation "Copy citation" gives for what is selected: the station's if one is
    /// highlighted, else the country's (with what the filters show).
    pub fn selection_citation(&self) -> Option<String> {
        let iso = self.selection.country.as_deref()?;
        let country = self.country_name(iso);
        Some(match self.selected_station() {
            Some(i) => data::cite_station(&self.data, country, &self.data.stations()[i]),
            None => data::cite_country(&self.data, iso, country, &self.filters),
        })
    }

    fn derive_from_data(&mut self) {
        self.timeline = Timeline {
            range: data::date_range(&self.data),
            events: Arc::new(data::event_dates(&self.data)),
        };
        self.derive_shown();
    }

    fn derive_shown(&mut self) {
        let stations = self.filters.shown_indices(&self.data);
        let mut per_country = vec![0; self.outlines.countries.len()];
        for &i in &stations {
            if let Some(c) = self.outlines.index_of(&self.data.stations()[i].country) {
                per_country[c] += 1;
            }
        }
        self.shown = Shown {
            stations,
            per_country,
        };
        self.shown_version += 1;
    }
}
