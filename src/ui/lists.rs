//! List views: sortable tables of countries and of stations, an alternative to the map for
//! overviews, keyboard users and screen readers. Selecting a row selects on the map.

use egui::{Key, RichText, Ui};

use crate::data::{self, Station};
use crate::state::{Command, Commands, Model};

/// Which tab the side panel shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PanelTab {
    /// The selected country's details (or the overview).
    #[default]
    Details,
    /// The countries table.
    Countries,
    /// The stations table.
    Stations,
}

/// Sort column of the countries table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CountryColumn {
    /// Country name.
    Name,
    /// Number of stations shown.
    #[default]
    Stations,
    /// Date of the latest host-government action.
    LatestAction,
}

/// Sort column of the stations table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StationColumn {
    /// City.
    City,
    /// Country name.
    #[default]
    Country,
    /// Operating bureau.
    Bureau,
    /// Current status.
    Status,
    /// First reported.
    FirstReported,
}

/// Sorting and keyboard cursor of the two tables.
#[derive(Clone, Debug, Default)]
pub struct ListState {
    /// Countries table: column and direction.
    pub country_sort: (CountryColumn, bool),
    /// Stations table: column and direction.
    pub station_sort: (StationColumn, bool),
    /// Row under the keyboard cursor.
    pub cursor: usize,
}

struct CountryRow {
    iso2: String,
    name: String,
    shown: usize,
    bureaus: String,
    latest: String,
    latest_date: String,
}

fn country_rows(model: &Model, lists: &ListState) -> Vec<CountryRow> {
    let mut rows: Vec<CountryRow> = model
        .outlines()
        .countries
        .iter()
        .enumerate()
        .filter(|(_, c)| model.data().stations_in(&c.iso2).next().is_some())
        .map(|(i, c)| {
            let mut bureaus: Vec<&str> = model
                .data()
                .stations_in(&c.iso2)
                .filter(|s| model.filters().shows(model.data(), s))
                .map(|s| s.bureau.as_str())
                .collect();
            bureaus.sort_unstable();
            bureaus.dedup();
            let latest = model.data().country_record(&c.iso2).and_then(|r| {
                r.responses
                    .iter()
                    .filter(|e| model.filters().knows(&e.date))
                    .max_by(|a, b| data::parse_date(&a.date).cmp(&data::parse_date(&b.date)))
            });
            CountryRow {
                iso2: c.iso2.clone(),
                name: model.country_name(&c.iso2).to_owned(),
                shown: model.count_at(i),
                bureaus: bureaus.join(", "),
                latest: latest.map_or_else(
                    || "none recorded".to_owned(),
                    |e| {
                        format!(
                            "{} ({})",
                            data::status_label(data::effective(&e.action, e.claimed_by.as_ref())),
                            e.date
                        )
                    },
                ),
                latest_date: latest.map_or_else(String::new, |e| e.date.clone()),
            }
        })
        .collect();
    let (column, ascending) = lists.country_sort;
    rows.sort_by(|a, b| {
        let order = match column {
            CountryColumn::Name => a.name.cmp(&b.name),
            CountryColumn::Stations => a.shown.cmp(&b.shown).then(b.name.cmp(&a.name)),
            CountryColumn::LatestAction => {
                a.latest_date.cmp(&b.latest_date).then(a.name.cmp(&b.name))
            }
        };
        if ascending { order } else { order.reverse() }
    });
    rows
}

fn station_rows<'a>(model: &'a Model, lists: &ListState) -> Vec<(usize, &'a Station)> {
    let mut rows: Vec<(usize, &Station)> = model
        .shown()
        .stations
        .iter()
        .filter_map(|&i| model.data().stations().get(i).map(|s| (i, s)))
        .collect();
    let (column, ascending) = lists.station_sort;
    let status = |s: &Station| model.filters().current_status(s).to_owned();
    rows.sort_by(|(_, a), (_, b)| {
        let order = match column {
            StationColumn::City => a.city.cmp(&b.city),
            StationColumn::Country => model
                .country_name(&a.country)
                .cmp(model.country_name(&b.country))
                .then(a.city.cmp(&b.city)),
            StationColumn::Bureau => a.bureau.cmp(&b.bureau).then(a.id.cmp(&b.id)),
            StationColumn::Status => status(a).cmp(&status(b)).then(a.id.cmp(&b.id)),
            StationColumn::FirstReported => a
                .first_reported
                .cmp(&b.first_reported)
                .then(a.id.cmp(&b.id)),
        };
        if ascending { order } else { order.reverse() }
    });
    rows
}

fn header<C: PartialEq + Copy>(ui: &mut Ui, label: &str, column: C, sort: &mut (C, bool)) {
    let arrow = if sort.0 == column {
        if sort.1 { " ^" } else { " v" }
    } else {
        ""
    };
    if ui
        .button(RichText::new(format!("{label}{arrow}")).strong())
        .on_hover_text(format!("Sort by {}", label.to_lowercase()))
        .clicked()
    {
        if sort.0 == column {
            sort.1 = !sort.1;
        } else {
            *sort = (column, true);
        }
    }
}

/// Moves the keyboard cursor with the arrow keys; returns whether Enter was pressed.
fn keyboard(ui: &Ui, cursor: &mut usize, rows: usize) -> bool {
    if rows == 0 || ui.ctx().egui_wants_keyboard_input() {
        return false;
    }
    let (down, up, enter) = ui.input(|i| {
        (
            i.key_pressed(Key::ArrowDown),
            i.key_pressed(Key::ArrowUp),
            i.key_pressed(Key::Enter),
        )
    });
    if down {
        *cursor = (*cursor + 1).min(rows - 1);
    }
    if up {
        *cursor = cursor.saturating_sub(1);
    }
    *cursor = (*cursor).min(rows - 1);
    enter
}

/// The countries table.
pub fn countries_ui(ui: &mut Ui, model: &Model, lists: &mut ListState, out: &mut Commands) {
    let rows = country_rows(model, lists);
    let enter = keyboard(ui, &mut lists.cursor, rows.len());
    ui.label(
        RichText::new("Arrow keys move, Enter selects; click a heading to sort.")
            .small()
            .weak(),
    );
    let mut chosen = enter
        .then(|| rows.get(lists.cursor).map(|r| r.iso2.clone()))
        .flatten();
    egui::Grid::new("countries-table")
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            let mut sort = lists.country_sort;
            header(ui, "Country", CountryColumn::Name, &mut sort);
            header(ui, "Stations", CountryColumn::Stations, &mut sort);
            ui.label(RichText::new("Bureaus").strong());
            header(ui, "Latest action", CountryColumn::LatestAction, &mut sort);
            lists.country_sort = sort;
            ui.end_row();
            for (k, row) in rows.iter().enumerate() {
                let selected = model.selection().country.as_deref() == Some(row.iso2.as_str());
                let response = ui.selectable_label(selected || k == lists.cursor, &row.name);
                if k == lists.cursor && enter {
                    response.scroll_to_me(None);
                }
                if response.clicked() {
                    lists.cursor = k;
                    chosen = Some(row.iso2.clone());
                }
                ui.label(row.shown.to_string());
                ui.label(&row.bureaus);
                ui.label(&row.latest);
                ui.end_row();
            }
        });
    if let Some(iso) = chosen {
        out.push(Command::SelectCountry(Some(iso.clone())));
        out.push(Command::ZoomToCountry(iso));
    }
}

/// Most rows a list lays out in one frame; longer lists show a window of rows around the cursor.
pub const MAX_LIST_ROWS: usize = 500;

/// First row of the window of [`MAX_LIST_ROWS`] rows that keeps `cursor` inside, centred where
/// the list allows.
fn window_start(cursor: usize, len: usize) -> usize {
    if len <= MAX_LIST_ROWS {
        return 0;
    }
    cursor
        .saturating_sub(MAX_LIST_ROWS / 2)
        .min(len - MAX_LIST_ROWS)
}

/// The stations table.
pub fn stations_ui(ui: &mut Ui, model: &Model, lists: &mut ListState, out: &mut Commands) {
    let rows: Vec<(usize, String, String, String, String, String, String)> =
        station_rows(model, lists)
            .into_iter()
            .map(|(i, s)| {
                let status = model.filters().status_of(s).map_or_else(
                    || "reported".to_owned(),
                    |e| format!("{} ({})", data::status_label(e.effective_status()), e.date),
                );
                (
                    i,
                    s.id.clone(),
                    s.display_city().to_owned(),
                    model.country_name(&s.country).to_owned(),
                    s.bureau.clone(),
                    status,
                    s.first_reported.clone(),
                )
            })
            .collect();
    let enter = keyboard(ui, &mut lists.cursor, rows.len());
    ui.label(
        RichText::new("Arrow keys move, Enter selects; click a heading to sort.")
            .small()
            .weak(),
    );
    let mut chosen = enter.then(|| rows.get(lists.cursor).map(|r| r.0)).flatten();
    egui::Grid::new("stations-table")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            let mut sort = lists.station_sort;
            header(ui, "City", StationColumn::City, &mut sort);
            header(ui, "Country", StationColumn::Country, &mut sort);
            header(ui, "Bureau", StationColumn::Bureau, &mut sort);
            header(ui, "Status", StationColumn::Status, &mut sort);
            header(
                ui,
                "First reported",
                StationColumn::FirstReported,
                &mut sort,
            );
            lists.station_sort = sort;
            ui.end_row();
            // At most MAX_LIST_ROWS rows are laid out: a window around the cursor.
            let start = window_start(lists.cursor, rows.len());
            let end = (start + MAX_LIST_ROWS).min(rows.len());
            for (k, (index, id, city, country, bureau, status, first)) in
                rows.iter().enumerate().take(end).skip(start)
            {
                let selected = model.selection().station.as_deref() == Some(id.as_str());
                let response = ui.selectable_label(selected || k == lists.cursor, city);
                if response.clicked() {
                    lists.cursor = k;
                    chosen = Some(*index);
                }
                ui.label(country);
                ui.label(bureau);
                ui.label(status);
                ui.label(first);
                ui.end_row();
            }
        });
    if rows.len() > MAX_LIST_ROWS {
        let start = window_start(lists.cursor, rows.len());
        let end = (start + MAX_LIST_ROWS).min(rows.len());
        ui.label(
            RichText::new(format!(
                "Rows {}–{end} of {} shown (arrow keys move the window); narrow the list with the filters or search.",
                start + 1,
                rows.len()
            ))
            .small()
            .italics(),
        );
    }
    if let Some(index) = chosen {
        out.push(Command::SelectStation(index));
        out.push(Command::ZoomToStation(index));
    }
}

#[cfg(test)]
mod window_tests {
    use super::*;

    #[test]
    fn the_row_window_keeps_the_cursor_and_stays_inside_the_list() {
        assert_eq!(window_start(3, 10), 0);
        assert_eq!(window_start(0, 100_000), 0);
        assert_eq!(window_start(10_000, 100_000), 10_000 - MAX_LIST_ROWS / 2);
        assert_eq!(window_start(99_999, 100_000), 100_000 - MAX_LIST_ROWS);
        for cursor in [0, 249, 250, 251, 50_000, 99_999] {
            let start = window_start(cursor, 100_000);
            assert!(
                start <= cursor && cursor < start + MAX_LIST_ROWS,
                "{cursor}"
            );
        }
    }
}
