//! Citations as numbered footnotes: each statement ends with small `[1]` `[2]` markers, and each
//! section (a station, a country's host-government responses, the overview's reports…) lists its
//! sources once, numbered, below its facts. The facts read first; a source is one glance (hover a
//! marker) or one click (open it) away.
//!
//! The text of a source is the one formatter's ([`crate::data::source_citation`]): publisher,
//! title, date, tier. Links open only through [`Command::OpenLink`], which applies the URL rule.

use egui::{RichText, Ui};

use super::in_view;
use super::links::hover_text;
use crate::data::{DataSet, printable};
use crate::state::{Command, Commands};

/// The sources cited so far in one section, numbered in the order they are first cited.
pub struct Footnotes<'a> {
    data: &'a DataSet,
    cited: Vec<&'a str>,
}

impl<'a> Footnotes<'a> {
    /// An empty list for a new section.
    pub fn new(data: &'a DataSet) -> Self {
        Self {
            data,
            cited: Vec::new(),
        }
    }

    /// The number of a source in this section, giving it the next one when first cited.
    fn number(&mut self, id: &'a str) -> usize {
        match self.cited.iter().position(|c| *c == id) {
            Some(k) => k + 1,
            None => {
                self.cited.push(id);
                self.cited.len()
            }
        }
    }

    /// Numbers a statement's sources as its markers would, without drawing them: a statement
    /// scrolled out of view (`ui::in_view`) keeps the numbering of those after it.
    pub fn cite(&mut self, ids: &'a [String]) {
        for id in ids {
            self.number(id);
        }
    }

    /// The markers of a statement's sources, where the statement's text ends (call it inside the
    /// statement's `horizontal_wrapped`). Each marker names its source on hover, opens it on
    /// click and offers "Copy link"; a statement resting only on reposts or aggregators says so.
    pub fn markers_ui(&mut self, ui: &mut Ui, ids: &'a [String], out: &mut Commands) {
        let spacing = std::mem::replace(&mut ui.spacing_mut().item_spacing.x, 1.0);
        for id in ids {
            let n = self.number(id);
            marker_ui(ui, self.data, id, n, out);
        }
        ui.spacing_mut().item_spacing.x = spacing;
        if self.data.is_weak(ids) {
            ui.label(
                RichText::new("weakly sourced")
                    .small()
                    .color(ui.visuals().warn_fg_color),
            )
            .on_hover_text("Only reposts or aggregators support this: no original outlet or primary document was found.");
        }
    }

    /// A statement: its text, then its markers; laid out only when in view (`ui::in_view`).
    pub fn statement_ui(&mut self, ui: &mut Ui, text: &str, ids: &'a [String], out: &mut Commands) {
        self.cite(ids);
        in_view::block(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(text);
                self.markers_ui(ui, ids, out);
            });
        });
    }

    /// The section's sources, once each, numbered as their markers: publisher, title, date and
    /// tier in body text, each a link (hover shows the host and URL; right-click copies it).
    /// Nothing is drawn if nothing was cited.
    pub fn list_ui(&self, ui: &mut Ui, out: &mut Commands) {
        if self.cited.is_empty() {
            return;
        }
        ui.add_space(4.0);
        ui.label(RichText::new("Sources").small().strong().weak());
        for (k, id) in self.cited.iter().enumerate() {
            in_view::block(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(format!("[{}]", k + 1)).monospace().weak());
                    entry_ui(ui, self.data, id, out);
                });
            });
        }
    }
}

/// The accessible name and hover of a marker: its number, then the source's citation.
fn marker_ui(ui: &mut Ui, data: &DataSet, id: &str, n: usize, out: &mut Commands) {
    let mark = RichText::new(format!("[{n}]")).small_raised();
    let Some(source) = data.source(id) else {
        ui.label(mark.color(ui.visuals().warn_fg_color))
            .on_hover_text(format!(
                "Source {} is missing from the data file",
                printable(id)
            ));
        return;
    };
    let text = data.citation(id).unwrap_or_default();
    match data.source_url(id) {
        Some(Ok(checked)) => {
            let response = ui
                .link(mark)
                .on_hover_text(format!("[{n}] {text}\n{}", hover_text(checked)));
            if response.clicked() {
                out.push(Command::OpenLink(source.url.clone()));
            }
            response.context_menu(|ui| copy_link_button(ui, &source.url, out));
        }
        _ => {
            ui.label(mark).on_hover_text(format!(
                "[{n}] {text}\n{} (not an http(s) link; not opened)",
                printable(&source.url)
            ));
        }
    }
}

/// One source in a section's list.
fn entry_ui(ui: &mut Ui, data: &DataSet, id: &str, out: &mut Commands) {
    let Some(source) = data.source(id) else {
        ui.label(
            RichText::new(format!(
                "Source {} is missing from the data file",
                printable(id)
            ))
            .italics(),
        );
        return;
    };
    let text = data.citation(id).unwrap_or_default();
    if let Some(Ok(checked)) = data.source_url(id) {
        let response = ui.link(text).on_hover_text(hover_text(checked));
        if response.clicked() {
            out.push(Command::OpenLink(source.url.clone()));
        }
        response.context_menu(|ui| copy_link_button(ui, &source.url, out));
    } else {
        // Never opened: shown as text so the reader can judge it.
        ui.label(format!(
            "{text} — {} (not an http(s) link; not opened)",
            printable(&source.url)
        ));
    }
}

fn copy_link_button(ui: &mut Ui, url: &str, out: &mut Commands) {
    if ui.button("Copy link").clicked() {
        out.push(Command::Copy(url.to_owned()));
        ui.close();
    }
}
