//! The status class each station's marker shows at the timeline's date, computed once per change
//! of what is shown, and the fading rings that mark the markers a step of the date changed (a
//! station appearing, or its class changing), so that Play shows changes as they happen.
//!
//! Rings follow only a change of the date: a new filter or data set changes many markers at once
//! for reasons the user chose, and ringing them all would say nothing.

use std::time::Duration;

use egui::{Painter, Stroke, Ui};

use super::{MARKER_RADIUS, MapStyle, MarkerLayout, cluster_radius};
use crate::data::{Filters, StatusClass};
use crate::state::Model;

/// How long a ring takes to fade, in seconds.
const RING_SECONDS: f64 = 1.2;
/// Time between frames while a ring fades (about 30 a second; the app is idle otherwise).
const RING_FRAME: Duration = Duration::from_millis(33);

/// Status classes per station for the model's shown version, and the rings of the last step.
#[derive(Default)]
pub struct MarkerStatus {
    classes: Vec<StatusClass>,
    version: Option<u64>,
    /// What the classes were computed for: the filters other than the date, the data version,
    /// and which stations were shown.
    basis: Option<(Filters, u64, Vec<bool>)>,
    /// Stations whose marker changed at the last date step.
    ringed: Vec<usize>,
    /// When that step was shown (egui time, seconds).
    ringed_at: f64,
}

impl MarkerStatus {
    /// Recomputes the classes if what is shown changed; when only the date moved, rings the
    /// shown stations that appeared or changed class, from `now`.
    pub fn update(&mut self, model: &Model, now: f64) {
        if self.version == Some(model.shown_version()) {
            return;
        }
        let filters = model.filters();
        let classes: Vec<StatusClass> = model
            .data()
            .stations()
            .iter()
            .map(|s| {
                filters.status_of(s).map_or(StatusClass::Reported, |e| {
                    StatusClass::of(e.effective_status())
                })
            })
            .collect();
        let mut shown = vec![false; classes.len()];
        for &i in &model.shown().stations {
            if let Some(s) = shown.get_mut(i) {
                *s = true;
            }
        }
        let others = Filters {
            as_of: None,
            ..filters.clone()
        };
        if let Some((before, version, was_shown)) = &self.basis
            && *before == others
            && *version == model.data_version()
            && was_shown.len() == shown.len()
        {
            let changed: Vec<usize> = model
                .shown()
                .stations
                .iter()
                .copied()
                .filter(|&i| !was_shown[i] || self.classes.get(i) != classes.get(i))
                .collect();
            if !changed.is_empty() {
                self.ringed = changed;
                self.ringed_at = now;
            }
        }
        self.basis = Some((others, model.data_version(), shown));
        self.classes = classes;
        self.version = Some(model.shown_version());
    }

    /// The class per station, by index into the data set's stations.
    pub fn classes(&self) -> &[StatusClass] {
        &self.classes
    }

    /// The class of station `index`.
    pub fn class_of(&self, index: usize) -> Option<StatusClass> {
        self.classes.get(index).copied()
    }

    /// The stations ringed now (empty once the ring has faded).
    pub fn ringed(&self) -> &[usize] {
        &self.ringed
    }

    /// Draws the fading rings around changed markers (or the clusters holding them); asks for
    /// frames only while a ring is visible.
    pub fn draw_rings(
        &mut self,
        ui: &Ui,
        painter: &Painter,
        layout: &MarkerLayout,
        style: &MapStyle,
    ) {
        if self.ringed.is_empty() {
            return;
        }
        let t = (ui.input(|i| i.time) - self.ringed_at) / RING_SECONDS;
        if !(0.0..1.0).contains(&t) {
            self.ringed.clear();
            return;
        }
        let t = t as f32;
        let stroke = Stroke::new(2.5, style.marker_highlight.gamma_multiply(1.0 - t));
        for &i in &self.ringed {
            let at = layout
                .markers
                .iter()
                .find(|m| m.station == i)
                .map(|m| (m.pos, MARKER_RADIUS))
                .or_else(|| {
                    layout
                        .clusters
                        .iter()
                        .find(|c| c.members.contains(&i))
                        .map(|c| (c.pos, cluster_radius(c.members.len())))
                });
            if let Some((pos, r)) = at {
                painter.circle_stroke(pos, r + 4.0 + 10.0 * t, stroke);
            }
        }
        ui.ctx().request_repaint_after(RING_FRAME);
    }
}
