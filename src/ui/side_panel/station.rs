//! One station: its header line, and its details (city, cover, point, bureau, listings, first
//! report, status history with who claims each status, notes), each fact with its source
//! markers, and the station's sources listed once below.

use egui::{RichText, Ui};

use super::{field, shown, status_item};
use crate::data::{self, DataSet, Filters, Station};
use crate::state::{Command, Commands};
use crate::ui::Footnotes;

/// A station's one-line header: city, bureau, latest status. `twin` is `(k, n)` when `n` stations
pub(super) fn station_header(
    station: &Station,
    filters: &Filters,
    weak: bool,
    twin: Option<(usize, usize)>,
) -> String {
    // Headers do not wrap: a long city with qualifiers would push the panel over the map, so it
    // is shortened here (the body shows it whole).
    let city = station.display_city();
    let mut city = match city.char_indices().nth(36) {
        Some((cut, _)) => format!("{}…", city[..cut].trim_end()),
        None => city.to_owned(),
    };
    if let Some((k, n)) = twin {
        city.push_str(&format!(" ({k} of {n})"));
    }
    let bureau = if station.bureau.eq_ignore_ascii_case("unknown") {
        "bureau unknown"
    } else {
        station.bureau.as_str()
    };
    let mut header = format!("{city} · {bureau}");
    if let Some(latest) = filters.status_of(station) {
        header.push_str(&format!(
            " · {} ({})",
            data::status_label(latest.effective_status()),
            latest.date
        ));
    }
    if station.uncertain {
        header.push_str(" · uncertain");
    }
    if weak {
        header.push_str(" · weakly sourced");
    }
    header
}

pub(super) fn station_ui<'a>(
    ui: &mut Ui,
    data: &'a DataSet,
    station: &'a Station,
    country: &str,
    filters: &Filters,
    out: &mut Commands,
) {
    let mut notes = Footnotes::new(data);
    if ui
        .small_button("Copy citation")
        .on_hover_text("Copy this station's facts with their sources, as plain text (Ctrl+Shift+C)")
        .clicked()
    {
        out.push(Command::Copy(data::cite_station(data, country, station)));
    }
    field(ui, "City", station.display_city());
    if !station.cover.is_empty() {
        field(ui, "Cover or address as reported", &station.cover);
    }
    field(
        ui,
        "Point on the map",
        &format!(
            "{} — {}",
            station.location.precision.label(),
            if station.location.note.is_empty() {
                station.location.precision.explanation()
            } else {
                &station.location.note
            }
        ),
    );
    if station.location.premises_reported {
        field(
            ui,
            "Premises",
            "an address or premises was reported (see cover); the point is not placed there",
        );
    }
    let mut bureau = station.bureau.clone();
    if let Some(note) = station.bureau_note.as_deref().filter(|n| !n.is_empty()) {
        bureau.push_str(&format!(" ({note})"));
    }
    field(ui, "Operating bureau", &bureau);
    let listed: Vec<&str> = station
        .listed_in
        .iter()
        .map(|r| data.report_title(r))
        .collect();
    // The listing (city, cover, bureau, report) rests on the station's own sources.
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Listed in:").weak());
        ui.label(shown(&listed.join(", ")));
        notes.markers_ui(ui, &station.sources, out);
    });
    let first = data::date_text(&station.first_reported, station.first_reported_approximate);
    field(ui, "First reported", &first);
    if station.uncertain {
        ui.label(
            RichText::new("Marked uncertain by the research: single or weak source.").italics(),
        );
    }
    if data.station_is_weak(station) {
        ui.label(
            RichText::new(
                "Weakly sourced: this listing rests only on reposts or aggregators; no original outlet or primary document was found.",
            )
            .color(ui.visuals().warn_fg_color),
        );
    }
    if !station.status.is_empty() {
        ui.add_space(4.0);
        ui.strong("Status history");
        for event in station.status.iter().filter(|e| filters.knows(&e.date)) {
            status_item(ui, event, &mut notes, out);
        }
    }
    for note in &station.notes {
        ui.add_space(2.0);
        notes.statement_ui(ui, &shown(&note.text), &note.sources, out);
    }
    notes.list_ui(ui, out);
}
