//! The timeline: a date slider from the earliest to the latest dated event, with step and play
//! buttons. At a chosen date the map and panels show what was known then.

use std::time::Duration;

use egui::{RichText, Ui};

use crate::app::App;
use crate::data::PartialDate;

/// Time between steps while playing.
const PLAY_STEP: Duration = Duration::from_millis(700);

/// Days since 1970-01-01 of the first day a date stands for (proleptic Gregorian).
pub fn days_from_date(date: PartialDate) -> i64 {
    let (y, m, d) = (
        i64::from(date.year),
        i64::from(date.month.max(1)),
        i64::from(date.day.max(1)),
    );
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The day-precision date of a day number.
pub fn date_from_days(days: i64) -> PartialDate {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    PartialDate {
        year: y.clamp(1000, 9999) as u16,
        month: m as u8,
        day: d as u8,
    }
}

/// Draws the timeline at the bottom of the window.
pub fn show(ui: &mut Ui, app: &mut App) {
    let (range, events) = app.timeline_dates();
    let Some((first, last)) = range else {
        return;
    };
    let (lo, hi) = (
        days_from_date(first),
        days_from_date(PartialDate {
            year: last.year,
            month: last.month,
            day: 0,
        })
        .max(days_from_date(first)),
    );
    if app.playing {
        let now = ui.input(|i| i.time);
        if now >= app.play_next_at {
            let current = app.filters.as_of.map_or(i64::MAX, days_from_date);
            match events.iter().find(|d| days_from_date(**d) > current) {
                Some(next) => app.filters.as_of = Some(*next),
                None => {
                    app.playing = false;
                    app.filters.as_of = None;
                }
            }
            app.play_next_at = now + PLAY_STEP.as_secs_f64();
        }
        if app.playing {
            ui.ctx().request_repaint_after(PLAY_STEP);
        }
    }
    egui::Panel::bottom("timeline").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(RichText::new("Timeline").strong());
            let current = app.filters.as_of.map_or(hi, days_from_date).clamp(lo, hi);
            if ui
                .button("Previous event")
                .on_hover_text("Step back to the previous dated event")
                .clicked()
            {
                app.playing = false;
                let prev = events.iter().rev().find(|d| days_from_date(**d) < current);
                app.filters.as_of = Some(prev.copied().unwrap_or(first));
            }
            let play_label = if app.playing { "Pause" } else { "Play" };
            if ui
                .button(play_label)
                .on_hover_text("Step through the dated events")
                .clicked()
            {
                app.playing = !app.playing;
                if app.playing {
                    if app.filters.as_of.is_none() {
                        app.filters.as_of = Some(first);
                    }
                    app.play_next_at = ui.input(|i| i.time) + PLAY_STEP.as_secs_f64();
                    ui.ctx().request_repaint_after(PLAY_STEP);
                }
            }
            if ui
                .button("Next event")
                .on_hover_text("Step forward to the next dated event")
                .clicked()
            {
                app.playing = false;
                app.filters.as_of = events
                    .iter()
                    .find(|d| days_from_date(**d) > current)
                    .copied();
            }
            let mut day = current;
            let slider = egui::Slider::new(&mut day, lo..=hi)
                .show_value(false)
                .text("")
                .clamping(egui::SliderClamping::Always);
            let width = (ui.available_width() - 260.0).max(120.0);
            ui.spacing_mut().slider_width = width;
            let response = ui
                .add(slider)
                .on_hover_text("Drag to see what was known on a date");
            if response.changed() {
                app.playing = false;
                app.filters.as_of = if day >= hi {
                    None
                } else {
                    Some(date_from_days(day))
                };
            }
            let text = match app.filters.as_of {
                None => "latest (all events)".to_owned(),
                Some(date) => format!("as of {date}"),
            };
            ui.label(RichText::new(text).monospace().strong());
            if ui
                .add_enabled(app.filters.as_of.is_some(), egui::Button::new("Latest"))
                .clicked()
            {
                app.playing = false;
                app.filters.as_of = None;
            }
        });
    });
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
