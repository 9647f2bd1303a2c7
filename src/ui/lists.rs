//! List views: sortable tables of countries and of stations, an alternative to the map for
//! overviews, keyboard users and screen readers. Selecting a row selects on the map.
//! (Just over 400 lines: the two tables share their sorting, cursor and layout helpers here.)

use egui::{Align, Button, Key, Label, RichText, Ui};
use egui_extras::{Column, TableBuilder};

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
    /// The selection (country code or station id) the cursor last moved to, so that a selection
    /// made elsewhere (map, search, side panel) moves the cursor to its row once, and the arrow
    /// keys move it on from there.
    pub followed: Option<String>,
}

impl ListState {
    /// Puts the cursor on the first row and lets it find the selection again (a tab was
    /// switched to, or the sort changed).
    pub fn restart(&mut self) {
        self.cursor = 0;
        self.followed = None;
    }
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
                    |e| format!("{} ({})", data::response_gist(e), e.date),
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

/// The stations of the Stations list, as indexes into the data set, in the list's order.
pub fn stations_in_list_order(model: &Model, lists: &ListState) -> Vec<usize> {
    station_rows(model, lists)
        .into_iter()
        .map(|(i, _)| i)
        .collect()
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

/// A heading that sorts by its column; returns whether the sort changed.
fn header<C: PartialEq + Copy>(ui: &mut Ui, label: &str, column: C, sort: &mut (C, bool)) -> bool {
    let arrow = if sort.0 == column {
        if sort.1 { " ^" } else { " v" }
    } else {
        ""
    };
    let clicked = ui
        .add(Button::new(RichText::new(format!("{label}{arrow}")).strong()).truncate())
        .on_hover_text(format!("Sort by {}", label.to_lowercase()))
        .clicked();
    if clicked {
        if sort.0 == column {
            sort.1 = !sort.1;
        } else {
            *sort = (column, true);
        }
    }
    clicked
}

/// Moves the keyboard cursor with the arrow keys; returns whether it moved and whether Enter was
/// pressed.
fn keyboard(ui: &Ui, cursor: &mut usize, rows: usize) -> (bool, bool) {
    if rows == 0 || ui.ctx().egui_wants_keyboard_input() {
        return (false, false);
    }
    let (down, up, enter) = ui.input(|i| {
        (
            i.key_pressed(Key::ArrowDown),
            i.key_pressed(Key::ArrowUp),
            i.key_pressed(Key::Enter),
        )
    });
    let before = *cursor;
    if down {
        *cursor = (*cursor + 1).min(rows - 1);
    }
    if up {
        *cursor = cursor.saturating_sub(1);
    }
    *cursor = (*cursor).min(rows - 1);
    (*cursor != before, enter)
}

/// Moves the cursor to the row of a selection made elsewhere, once per selection; returns
/// whether it moved (and the list should scroll to it).
fn follow_selection(lists: &mut ListState, selected: Option<&str>, row: Option<usize>) -> bool {
    if lists.followed.as_deref() == selected {
        return false;
    }
    lists.followed = selected.map(str::to_owned);
    match row {
        Some(row) => {
            lists.cursor = row;
            true
        }
        None => false,
    }
}

/// Height of one row: one line of body text and a button's padding.
fn row_height(ui: &Ui) -> f32 {
    ui.spacing()
        .interact_size
        .y
        .max(ui.text_style_height(&egui::TextStyle::Body) + 4.0)
}

/// A table that fills the rest of the panel, with its own vertical scroll under a heading row
/// that stays. The columns take the given shares of the panel's width, recomputed each frame so
/// that they follow the panel; one more column at the end takes what is left. Text that does not
/// fit is cut with "…" and shown whole on hover, so nothing needs a sideways scroll.
fn table<'u>(
    ui: &'u mut Ui,
    id: &str,
    shares: &[f32],
    scroll_to: Option<usize>,
) -> TableBuilder<'u> {
    let spacing = ui.spacing().item_spacing.x;
    let width = (ui.available_width()
        - ui.spacing().scroll.allocated_width()
        - spacing * shares.len() as f32)
        .max(0.0);
    let mut builder = TableBuilder::new(ui)
        .id_salt(id)
        .striped(true)
        .resizable(false)
        .auto_shrink([false, false])
        .cell_layout(egui::Layout::left_to_right(Align::Center));
    for share in shares {
        builder = builder.column(Column::initial(share * width).at_least(24.0).clip(true));
    }
    builder = builder.column(Column::remainder().at_least(24.0).clip(true));
    if let Some(row) = scroll_to {
        builder = builder.scroll_to_row(row, None);
    }
    builder
}

/// A cell's text, cut to the column with the whole text on hover.
fn cell(ui: &mut Ui, text: &str) {
    ui.add(Label::new(text).truncate());
}

/// The row's first cell: selects the row when clicked; cut to the column, whole on hover.
fn choice_cell(ui: &mut Ui, selected: bool, text: &str) -> egui::Response {
    ui.add(Button::selectable(selected, text).truncate())
        .on_hover_text(text)
}

/// The countries table.
pub fn countries_ui(ui: &mut Ui, model: &Model, lists: &mut ListState, out: &mut Commands) {
    let rows = country_rows(model, lists);
    let selected = model.selection().country.as_deref();
    let followed = follow_selection(
        lists,
        selected,
        rows.iter().position(|r| Some(r.iso2.as_str()) == selected),
    );
    let (moved, enter) = keyboard(ui, &mut lists.cursor, rows.len());
    ui.label(
        RichText::new("Arrow keys move, Enter selects; click a heading to sort.")
            .small()
            .weak(),
    );
    let mut chosen = enter
        .then(|| rows.get(lists.cursor).map(|r| r.iso2.clone()))
        .flatten();
    let scroll_to = (moved || enter || followed).then_some(lists.cursor);
    let mut sort = lists.country_sort;
    let mut resorted = false;
    let height = row_height(ui);
    table(ui, "countries-table", &[0.34, 0.14, 0.22], scroll_to)
        .header(height, |mut header_row| {
            header_row.col(|ui| resorted |= header(ui, "Country", CountryColumn::Name, &mut sort));
            header_row.col(|ui| {
                resorted |= header(ui, "Stations", CountryColumn::Stations, &mut sort);
            });
            header_row.col(|ui| {
                ui.add(Label::new(RichText::new("Bureaus").strong()).truncate());
            });
            header_row.col(|ui| {
                resorted |= header(ui, "Latest action", CountryColumn::LatestAction, &mut sort);
            });
        })
        .body(|body| {
            body.rows(height, rows.len(), |mut table_row| {
                let k = table_row.index();
                let Some(row) = rows.get(k) else { return };
                let is_selected = selected == Some(row.iso2.as_str());
                table_row.set_selected(is_selected || k == lists.cursor);
                table_row.col(|ui| {
                    if choice_cell(ui, is_selected || k == lists.cursor, &row.name).clicked() {
                        lists.cursor = k;
                        chosen = Some(row.iso2.clone());
                    }
                });
                table_row.col(|ui| cell(ui, &row.shown.to_string()));
                table_row.col(|ui| cell(ui, &row.bureaus));
                table_row.col(|ui| cell(ui, &row.latest));
            });
        });
    lists.country_sort = sort;
    if resorted {
        lists.restart();
    }
    if let Some(iso) = chosen {
        out.push(Command::SelectCountry(Some(iso.clone())));
        out.push(Command::ZoomToCountry(iso));
    }
}

/// The stations table. Only the rows in view are laid out, so a list of any length costs the
/// same per frame.
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
    let selected = model.selection().station.as_deref();
    let followed = follow_selection(
        lists,
        selected,
        rows.iter().position(|r| Some(r.1.as_str()) == selected),
    );
    let (moved, enter) = keyboard(ui, &mut lists.cursor, rows.len());
    ui.label(
        RichText::new("Arrow keys move, Enter selects; click a heading to sort.")
            .small()
            .weak(),
    );
    let mut chosen = enter.then(|| rows.get(lists.cursor).map(|r| r.0)).flatten();
    let scroll_to = (moved || enter || followed).then_some(lists.cursor);
    let mut sort = lists.station_sort;
    let mut resorted = false;
    let height = row_height(ui);
    table(ui, "stations-table", &[0.22, 0.18, 0.17, 0.27], scroll_to)
        .header(height, |mut header_row| {
            for (label, column) in [
                ("City", StationColumn::City),
                ("Country", StationColumn::Country),
                ("Bureau", StationColumn::Bureau),
                ("Status", StationColumn::Status),
                ("First reported", StationColumn::FirstReported),
            ] {
                header_row.col(|ui| resorted |= header(ui, label, column, &mut sort));
            }
        })
        .body(|body| {
            body.rows(height, rows.len(), |mut table_row| {
                let k = table_row.index();
                let Some((index, id, city, country, bureau, status, first)) = rows.get(k) else {
                    return;
                };
                let is_selected = selected == Some(id.as_str());
                table_row.set_selected(is_selected || k == lists.cursor);
                table_row.col(|ui| {
                    if choice_cell(ui, is_selected || k == lists.cursor, city).clicked() {
                        lists.cursor = k;
                        chosen = Some(*index);
                    }
                });
                for text in [country, bureau, status, first] {
                    table_row.col(|ui| cell(ui, text));
                }
            });
        });
    lists.station_sort = sort;
    if resorted {
        lists.restart();
    }
    if let Some(index) = chosen {
        out.push(Command::SelectStation(index));
        out.push(Command::ZoomToStation(index));
    }
}
