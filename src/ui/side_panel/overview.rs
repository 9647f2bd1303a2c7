//! The overview shown when nothing is selected: the reports' headline figures and what is
//! placed here, the global statements, China's stated position and the caveats.

use egui::{RichText, Ui};

use super::{disagreement_ui, shown, statement_ui};
use crate::data::{self, DataSet, Filters};
use crate::state::Commands;
use crate::ui::Footnotes;

/// The overview, as known at the timeline's date (`filters.as_of`): reports published later and
/// statements made later are left out, and the panel says so.
pub(super) fn overview_ui(ui: &mut Ui, data: &DataSet, filters: &Filters, out: &mut Commands) {
    ui.heading("Overview");
    ui.label(
        "Click a country or a marker on the map to see what was reported there, with sources.",
    );
    ui.add_space(6.0);
    ui.label(
        RichText::new(format!(
            "{} stations in {} countries",
            data.stations().len(),
            data.country_count()
        ))
        .strong(),
    );
    ui.label(
        RichText::new(format!(
            "Data as of {} · version {}",
            data.file.meta.as_of, data.file.meta.version
        ))
        .small()
        .weak(),
    );
    if let Some(date) = filters.as_of {
        ui.label(
            RichText::new(format!(
                "As known on {date} (timeline): later reports and statements are left out."
            ))
            .strong(),
        );
    }
    ui.add_space(8.0);
    ui.strong("Reports and listings");
    let mut notes = Footnotes::new(data);
    let later = data
        .file
        .reports
        .iter()
        .filter(|r| !filters.knows(&r.date))
        .count();
    for report in data.file.reports.iter().filter(|r| filters.knows(&r.date)) {
        ui.add_space(4.0);
        let placed = data.stations_per_report(&report.id);
        let countries = data.countries_per_report(&report.id);
        ui.label(
            RichText::new(format!(
                "{} ({}, {})",
                report.title, report.publisher, report.date
            ))
            .strong(),
        );
        let placed_text = format!(
            "{} placed here, in {}",
            data::count_noun(placed, "station", "stations"),
            data::count_noun(countries, "country", "countries")
        );
        match &report.headline {
            Some(headline) => {
                let sentence = headline_sentence(headline, placed, &placed_text);
                notes.statement_ui(ui, &sentence, &headline.sources, out);
            }
            None => {
                notes.statement_ui(ui, &format!("{placed_text}."), &report.sources, out);
            }
        }
        let (in_europe, of) = data.placed_in_europe(&report.id);
        if in_europe > 0 {
            ui.label(
                RichText::new(format!(
                    "Of the stations placed here, {in_europe} of {of} are in European countries (computed from the data)."
                ))
                .small(),
            );
        }
        for note in &report.notes {
            notes.statement_ui(ui, &shown(&note.text), &note.sources, out);
        }
    }

    if later > 0 {
        ui.label(
            RichText::new(format!(
                "{} published after the timeline's date.",
                data::count_noun(later, "report", "reports")
            ))
            .small()
            .weak(),
        );
    }
    notes.list_ui(ui, out);

    let global = &data.file.global;
    let positions: Vec<&data::Statement> = global
        .china_position
        .iter()
        .filter(|s| filters.knows(&s.date))
        .collect();
    if !positions.is_empty() {
        ui.add_space(8.0);
        ui.strong("China's stated position");
        let mut notes = Footnotes::new(data);
        for statement in positions {
            statement_ui(ui, statement, &mut notes, out);
        }
        notes.list_ui(ui, out);
    }
    if !global.critiques.is_empty() {
        ui.add_space(8.0);
        ui.strong("Critiques of the reports");
        let mut notes = Footnotes::new(data);
        for note in &global.critiques {
            notes.statement_ui(ui, &shown(&note.text), &note.sources, out);
        }
        notes.list_ui(ui, out);
    }
    if !global.disagreements.is_empty() {
        ui.add_space(8.0);
        ui.strong("Where sources disagree");
        let mut notes = Footnotes::new(data);
        for disagreement in &global.disagreements {
            disagreement_ui(ui, disagreement, &mut notes, out);
        }
        notes.list_ui(ui, out);
    }
    if !global.gaps.is_empty() {
        ui.add_space(8.0);
        ui.strong("What could not be placed");
        let mut notes = Footnotes::new(data);
        for note in &global.gaps {
            notes.statement_ui(ui, &shown(&note.text), &note.sources, out);
        }
        notes.list_ui(ui, out);
    }
}

/// "The report counts at least 102 stations in 53 countries; 84 stations placed here, in 44
/// countries. The rest were not located in public sources."
fn headline_sentence(headline: &data::Headline, placed: usize, placed_text: &str) -> String {
    let at_least = if headline.stations_at_least {
        "at least "
    } else {
        ""
    };
    let figures = match (headline.stations, headline.countries) {
        (Some(s), Some(c)) => Some(format!(
            "The report counts {at_least}{} in {}",
            data::count_noun(s as usize, "station", "stations"),
            data::count_noun(c as usize, "country", "countries")
        )),
        (Some(s), None) => Some(format!(
            "The report counts {at_least}{}",
            data::count_noun(s as usize, "station", "stations")
        )),
        _ => None,
    };
    match (figures, headline.stations) {
        (Some(figures), Some(total)) if (total as usize) > placed || headline.stations_at_least => {
            format!("{figures}; {placed_text}. The rest were not located in public sources.")
        }
        (Some(figures), _) => format!("{figures}; {placed_text}."),
        (None, _) if !headline.text.is_empty() => {
            format!("{}. {placed_text}.", headline.text.trim_end_matches('.'))
        }
        (None, _) => format!("{placed_text}."),
    }
}
