//! The map picture's words: the caption (what is shown, the data's as-of date, the timeline date
//! and the filters in words, the data credit, the boundary notice) and the text helpers that keep
//! text from a data file on one line and within the picture's width.

use super::super::BOUNDARY_ATTRIBUTION;
use crate::data::{self, parse_date};
use crate::map::labels::text_size;
use crate::state::Model;

/// The caption before wrapping: what is shown, when, filtered how, from what data, on whose
/// boundaries.
pub(super) fn caption_lines(model: &Model) -> Vec<String> {
    let data = model.data();
    let filters = model.filters();
    let meta = &data.file.meta;
    let as_of =
        parse_date(meta.as_of.trim()).map_or_else(|| one_line(&meta.as_of), |d| d.in_words());
    let timeline = timeline_words(filters);
    let filter_text = filter_words(filters);
    vec![
        format!(
            "{} shown of {} in the data set (as of {as_of}). {timeline} {filter_text}",
            data::count_noun(model.shown().stations.len(), "station", "stations"),
            data.stations().len(),
        ),
        "Marker colour: status as shown, never stronger than its claimant may claim; shape: how precisely the place is known; positions approximate, stations sharing a point fanned out.".to_owned(),
        format!(
            "Data: overseas-stations {}, sources in the data set. {BOUNDARY_ATTRIBUTION}.",
            one_line(&meta.version)
        ),
    ]
}

/// The timeline date in words, as the caption and the dossier say it: "Timeline date: 31
/// December 2022 (stations reported by then, with their status then)." or "Timeline date: none
/// (…)".
pub fn timeline_words(filters: &data::Filters) -> String {
    match filters.as_of {
        Some(date) => format!(
            "Timeline date: {} (stations reported by then, with their status then).",
            date.in_words()
        ),
        None => "Timeline date: none (every station, with its latest known status).".to_owned(),
    }
}

/// The filters other than the timeline date in words, as the caption and the dossier say them:
/// "Filters: bureau Nantong PSB." or "Filters: none.".
pub fn filter_words(filters: &data::Filters) -> String {
    let described = data::describe_filters(&data::Filters {
        as_of: None,
        ..filters.clone()
    });
    if described.is_empty() {
        "Filters: none.".to_owned()
    } else {
        format!("Filters: {}.", one_line(&described))
    }
}

/// Text from a data file on one line: control and invisible format characters become spaces,
/// runs of spaces one, and very long text is cut with an ellipsis.
pub(crate) fn one_line(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| if data::is_unsafe_char(c) { ' ' } else { c })
        .collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let line = words.join(" ");
    if line.chars().count() > 200 {
        line.chars().take(199).chain(std::iter::once('…')).collect()
    } else {
        line
    }
}

/// `text`, cut with an ellipsis to fit `width` at `font_size`.
pub(super) fn fit(text: &str, width: f32, font_size: f32) -> String {
    if text_size(text, font_size).x <= width {
        return text.to_owned();
    }
    let mut out: String = text.to_owned();
    while !out.is_empty() && text_size(&out, font_size).x + font_size > width {
        out.pop();
    }
    format!("{}…", out.trim_end())
}

/// Each line word-wrapped to `width` at `font_size`.
pub(super) fn wrap_all(lines: &[String], width: f32, font_size: f32) -> Vec<String> {
    let mut out = Vec::new();
    for line in lines {
        let mut current = String::new();
        for word in line.split(' ') {
            let candidate = if current.is_empty() {
                word.to_owned()
            } else {
                format!("{current} {word}")
            };
            if text_size(&candidate, font_size).x > width && !current.is_empty() {
                out.push(std::mem::take(&mut current));
                current = fit(word, width, font_size);
            } else {
                current = if text_size(&candidate, font_size).x > width {
                    fit(&candidate, width, font_size)
                } else {
                    candidate
                };
            }
        }
        if !current.is_empty() {
            out.push(current);
        }
    }
    out
}
