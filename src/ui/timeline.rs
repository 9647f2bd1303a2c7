//! The timeline: a date slider from the earliest to the latest dated event, with step and play
//! buttons, and under it a caption of what happened on the date shown (a station reported, a
//! status entry, a response), so Play shows changes as they happen. At a chosen date the map and
//! panels show what was known then.

use std::time::Duration;

use egui::{RichText, Ui};

use crate::data::PartialDate;
use crate::state::{Command, Commands, Model};

/// Time between steps while playing.
const PLAY_STEP: Duration = Duration::from_millis(700);

/// The Julian day number of 1970-01-01, so day numbers count from the Unix epoch.
const JULIAN_DAY_OF_1970_01_01: i64 = 2_440_588;

/// Days since 1970-01-01 of the first day a date stands for (`2022` is 2022-01-01, `2022-10` is
/// 2022-10-01); a day past the month's end counts as its last day.
pub fn days_from_date(date: PartialDate) -> i64 {
    let year = i32::from(date.year);
    let month = time::Month::try_from(date.month.max(1)).unwrap_or(time::Month::December);
    let day = date.day.clamp(1, time::util::days_in_month(month, year));
    time::Date::from_calendar_date(year, month, day).map_or(0, |d| {
        i64::from(d.to_julian_day()) - JULIAN_DAY_OF_1970_01_01
    })
}

/// The day-precision date of a day number (clamped to the years a data file may hold).
pub fn date_from_days(days: i64) -> PartialDate {
    let first = days_from_date(PartialDate {
        year: 1000,
        month: 1,
        day: 1,
    });
    let last = days_from_date(PartialDate {
        year: 9999,
        month: 12,
        day: 31,
    });
    let julian = days.clamp(first, last) + JULIAN_DAY_OF_1970_01_01;
    match i32::try_from(julian)
        .ok()
        .and_then(|j| time::Date::from_julian_day(j).ok())
    {
        Some(date) => PartialDate {
            year: u16::try_from(date.year()).unwrap_or(1000),
            month: u8::from(date.month()),
            day: date.day(),
        },
        None => PartialDate {
            year: 1000,
            month: 1,
            day: 1,
        },
    }
}

/// Whether the timeline is stepping through events, and when it takes its next step.
#[derive(Clone, Debug, Default)]
pub struct TimelineState {
    /// Whether Play is on.
    pub playing: bool,
    /// When (egui time, seconds) the next step is taken while playing.
    pub next_step_at: f64,
    /// The caption of the date shown, for (that date, the model's shown version): worded once
    /// per step, not per frame.
    caption: Option<(PartialDate, u64, Option<String>)>,
}

impl TimelineState {
    /// What happened on `date`, worded once per date and change of what is shown.
    fn caption(&mut self, model: &Model, date: PartialDate) -> Option<&str> {
        let key = (date, model.shown_version());
        if self.caption.as_ref().is_none_or(|c| (c.0, c.1) != key) {
            let text = super::timeline_changes::caption(model, date);
            self.caption = Some((key.0, key.1, text));
        }
        self.caption.as_ref().and_then(|c| c.2.as_deref())
    }
}

/// Draws the timeline at the bottom of the window.
pub fn show(ui: &mut Ui, model: &Model, state: &mut TimelineState, out: &mut Commands) {
    let timeline = model.timeline();
    let events = &timeline.events;
    let Some((first, last)) = timeline.range else {
        return;
    };
    let mut as_of = model.filters().as_of;
    let (lo, hi) = (
        days_from_date(first),
        days_from_date(PartialDate {
            year: last.year,
            month: last.month,
            day: 0,
        })
        .max(days_from_date(first)),
    );
    if state.playing {
        let now = ui.input(|i| i.time);
        if now >= state.next_step_at {
            let current = as_of.map_or(i64::MAX, days_from_date);
            match events.iter().find(|d| days_from_date(**d) > current) {
                Some(next) => as_of = Some(*next),
                None => {
                    state.playing = false;
                    as_of = None;
                }
            }
            state.next_step_at = now + PLAY_STEP.as_secs_f64();
        }
        if state.playing {
            ui.ctx().request_repaint_after(PLAY_STEP);
        }
    }
    egui::Panel::bottom("timeline").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(RichText::new("Timeline").strong());
            let current = as_of.map_or(hi, days_from_date).clamp(lo, hi);
            if ui
                .button("Previous event")
                .on_hover_text("Step back to the previous dated event")
                .clicked()
            {
                state.playing = false;
                let prev = events.iter().rev().find(|d| days_from_date(**d) < current);
                as_of = Some(prev.copied().unwrap_or(first));
            }
            let play_label = if state.playing { "Pause" } else { "Play" };
            if ui
                .button(play_label)
                .on_hover_text("Step through the dated events")
                .clicked()
            {
                state.playing = !state.playing;
                if state.playing {
                    if as_of.is_none() {
                        as_of = Some(first);
                    }
                    state.next_step_at = ui.input(|i| i.time) + PLAY_STEP.as_secs_f64();
                    ui.ctx().request_repaint_after(PLAY_STEP);
                }
            }
            if ui
                .button("Next event")
                .on_hover_text("Step forward to the next dated event")
                .clicked()
            {
                state.playing = false;
                as_of = events
                    .iter()
                    .find(|d| days_from_date(**d) > current)
                    .copied();
            }
            let mut day = current;
            let slider = egui::Slider::new(&mut day, lo..=hi)
                .show_value(false)
                .text("")
                .clamping(egui::SliderClamping::Always);
            let width = (ui.available_width() - 300.0).max(120.0);
            ui.spacing_mut().slider_width = width;
            let response = ui
                .vertical(|ui| {
                    let response = ui
                        .add(slider)
                        .on_hover_text("Drag to see what was known on a date");
                    scale_ui(ui, response.rect, (lo, hi), events);
                    response
                })
                .inner;
            if response.changed() {
                state.playing = false;
                as_of = if day >= hi {
                    None
                } else {
                    Some(date_from_days(day))
                };
            }
            let text = match as_of {
                None => "latest (all events)".to_owned(),
                Some(date) => format!("as of {}", date.in_words()),
            };
            ui.label(RichText::new(text).monospace().strong());
            if ui
                .add_enabled(as_of.is_some(), egui::Button::new("Latest"))
                .clicked()
            {
                state.playing = false;
                as_of = None;
            }
        });
        // Always one line, so the map does not jump as captions come and go. The caption is of
        // the date the model shows (this frame's step shows on the next frame, with the map).
        let shown = model.filters().as_of;
        let caption = shown.and_then(|date| state.caption(model, date));
        let text = match (caption, shown) {
            (Some(text), _) => RichText::new(text),
            (None, Some(_)) => RichText::new("Nothing shown changed on this date").weak(),
            (None, None) => RichText::new(
                "Play steps through each date a station was reported or its status changed",
            )
            .weak(),
        };
        ui.add(egui::Label::new(text.small()).truncate());
    });
    if as_of != model.filters().as_of {
        out.push(Command::SetFilters(crate::data::Filters {
            as_of,
            ..model.filters().clone()
        }));
    }
}

/// Under the slider: a tick and label for each year, and a mark for each dated event (the
/// steps of Previous/Next/Play), so the user sees where events are before dragging.
fn scale_ui(ui: &mut Ui, slider: egui::Rect, (lo, hi): (i64, i64), events: &[PartialDate]) {
    let (strip, _) = ui.allocate_exact_size(egui::vec2(slider.width(), 14.0), egui::Sense::hover());
    if hi <= lo {
        return;
    }
    // The slider's rail runs between the handle's centres at either end.
    let inset = slider.height() / 2.5;
    let (left, right) = (slider.left() + inset, slider.right() - inset);
    let x_of = |days: i64| left + (right - left) * ((days - lo) as f32 / (hi - lo) as f32);
    let painter = ui.painter();
    let visuals = ui.visuals();
    let mark = visuals.selection.bg_fill;
    for event in events {
        let x = x_of(days_from_date(*event));
        painter.line_segment(
            [
                egui::pos2(x, slider.center().y + 3.0),
                egui::pos2(x, slider.bottom()),
            ],
            egui::Stroke::new(1.0, mark),
        );
    }
    let first_year = date_from_days(lo).year;
    let last_year = date_from_days(hi).year;
    let font = egui::FontId::proportional(9.0);
    let text = visuals.weak_text_color();
    // Label every year where they fit, else every second or fifth.
    let years = i64::from(last_year - first_year).max(1);
    let step = [1, 2, 5, 10]
        .into_iter()
        .find(|s| (right - left) / (years / s).max(1) as f32 >= 34.0)
        .unwrap_or(10);
    for year in first_year..=last_year {
        let days = days_from_date(PartialDate {
            year,
            month: 1,
            day: 1,
        });
        if days < lo {
            continue;
        }
        let x = x_of(days);
        painter.line_segment(
            [egui::pos2(x, strip.top()), egui::pos2(x, strip.top() + 3.0)],
            egui::Stroke::new(1.0, text),
        );
        if i64::from(year) % step == 0 {
            painter.text(
                egui::pos2(x, strip.top() + 3.0),
                egui::Align2::CENTER_TOP,
                year.to_string(),
                font.clone(),
                text,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        for days in [-1000, 0, 19_247, 20_000, 25_000] {
            assert_eq!(days_from_date(date_from_days(days)), days);
        }
        assert_eq!(
            days_from_date(PartialDate {
                year: 1970,
                month: 1,
                day: 1
            }),
            0
        );
        assert_eq!(date_from_days(19_247).to_string(), "2022-09-12");
    }
}
