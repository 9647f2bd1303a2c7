//! The map legend (choropleth classes and marker shapes), collapsible to a small button, and the
//! boundary attribution line.

use egui::{Align2, Color32, RichText, Sense, Stroke, Ui, Vec2};

use crate::data::{Precision, StatusClass};
use crate::map::tiles::TileLayer;
use crate::map::{ChoroplethClasses, Corner, MapStyle, MarkerLayout, draw_precision_symbol};
use crate::state::{Command, Commands};

pub use crate::map::BOUNDARY_ATTRIBUTION;

/// The narrowest map that shows the full legend.
const FULL_WIDTH: f32 = 870.0;

/// The text of the collapsed legend's button.
pub const EXPAND_LABEL: &str = "Show legend";
/// The text of the button that collapses the legend.
pub const COLLAPSE_LABEL: &str = "Collapse";

/// The part of the map a legend may take a corner of: a margin all round, and clear of the
/// attribution line at the bottom.
pub fn legend_room(map_rect: egui::Rect) -> egui::Rect {
    egui::Rect::from_min_max(
        map_rect.min + Vec2::splat(10.0),
        map_rect.max - Vec2::new(10.0, 26.0),
    )
}

/// The corner where a legend of `size` covers the fewest stations now (a cluster weighs as many as
/// it holds), staying in `current` on a tie; never over a tile provider's credit.
pub fn least_covering_corner(
    current: Corner,
    size: egui::Vec2,
    map_rect: egui::Rect,
    layout: &MarkerLayout,
    tiles_on: bool,
) -> Corner {
    let markers: Vec<(egui::Rect, usize)> = layout
        .markers
        .iter()
        .map(|m| {
            (
                egui::Rect::from_center_size(m.pos, egui::Vec2::splat(14.0)),
                1,
            )
        })
        .chain(layout.clusters.iter().map(|c| {
            let r = crate::map::cluster_radius(c.members.len());
            (
                egui::Rect::from_center_size(c.pos, egui::Vec2::splat(2.0 * r)),
                c.members.len(),
            )
        }))
        .collect();
    let allowed: &[Corner] = if tiles_on {
        &[Corner::BottomLeft, Corner::TopLeft, Corner::TopRight]
    } else {
        &Corner::ALL
    };
    crate::map::least_covered_corner(
        legend_room(map_rect),
        size,
        &markers,
        allowed,
        Some(current),
    )
}

/// Draws the legend in `corner` of the map (collapsed: a small button there) and the attribution
/// at the bottom right; returns where the legend was drawn (none when hidden), so that fitting
/// and labels can leave it room. `collapsed` flips when the user folds or unfolds it.
pub fn show(
    ui: &mut Ui,
    show_legend: bool,
    collapsed: &mut bool,
    corner: Corner,
    style: &MapStyle,
    classes: &ChoroplethClasses,
    map_rect: egui::Rect,
) -> Option<egui::Rect> {
    let painter = ui.painter_at(map_rect);
    let galley = painter.layout_no_wrap(
        BOUNDARY_ATTRIBUTION.to_owned(),
        egui::FontId::proportional(10.0),
        style.text,
    );
    let pos = map_rect.right_bottom() - galley.size() - Vec2::new(6.0, 4.0);
    painter.rect_filled(
        egui::Rect::from_min_size(pos - Vec2::splat(2.0), galley.size() + Vec2::splat(4.0)),
        2.0,
        style.ocean.gamma_multiply(0.85),
    );
    painter.galley(pos, galley, style.text);

    if !show_legend {
        return None;
    }
    let (anchor, pivot) = corner.pin(legend_room(map_rect));
    if *collapsed {
        let area = egui::Area::new(egui::Id::unique("legend-collapsed"))
            .pivot(pivot)
            .fixed_pos(anchor)
            .constrain_to(map_rect)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style())
                    .inner_margin(2.0)
                    .show(ui, |ui| {
                        if ui
                            .small_button(EXPAND_LABEL)
                            .on_hover_text("Unfold the legend: fills, marker colours and shapes")
                            .clicked()
                        {
                            *collapsed = false;
                            ui.ctx().request_repaint();
                        }
                    });
            });
        return Some(area.response.rect);
    }
    // The full legend is a strip about 840×110 points in three columns, so that at the world
    // view it lies over the empty southern ocean rather than a continent; on a smaller map it
    // folds to one line of classes (the toolbar's Legend button hides it entirely).
    let compact = map_rect.height() < 480.0 || map_rect.width() < FULL_WIDTH;
    let mut collapse = false;
    let area = egui::Area::new(egui::Id::unique("legend"))
        .pivot(pivot)
        .fixed_pos(anchor)
        .constrain_to(map_rect)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                let heading = |ui: &mut Ui, collapse: &mut bool| {
                    ui.horizontal(|ui| {
                        ui.label(RichText::new("Stations per country").strong());
                        if ui
                            .small_button(COLLAPSE_LABEL)
                            .on_hover_text("Fold the legend to a small button")
                            .clicked()
                        {
                            *collapse = true;
                        }
                    });
                };
                if compact {
                    ui.horizontal(|ui| {
                        heading(ui, &mut collapse);
                        swatch(ui, style.land, "0");
                        for i in 0..classes.len() {
                            swatch(ui, style.class_fill(classes, i), &classes.label(i));
                        }
                    });
                    ui.label(
                        RichText::new("Marker shapes: see the legend in a larger window")
                            .small()
                            .weak(),
                    );
                    return;
                }
                ui.horizontal_top(|ui| {
                    ui.vertical(|ui| {
                        heading(ui, &mut collapse);
                        // The classes in rows of three (derived from the counts: at most five).
                        egui::Grid::new("class-legend")
                            .num_columns(3)
                            .spacing([6.0, 2.0])
                            .show(ui, |ui| {
                                let items = std::iter::once((style.land, "none".to_owned())).chain(
                                    (0..classes.len())
                                        .map(|i| (style.class_fill(classes, i), classes.label(i))),
                                );
                                for (k, (fill, label)) in items.enumerate() {
                                    swatch(ui, fill, &label);
                                    if k % 3 == 2 {
                                        ui.end_row();
                                    }
                                }
                            });
                        ui.add_space(4.0);
                        ui.label(
                    RichText::new(
                        "All positions approximate; stations\nsharing a point are fanned out.",
                    )
                    .small()
                    .weak(),
                );
                    });
                    ui.add_space(14.0);
                    ui.vertical(|ui| {
                        ui.label(RichText::new("Marker colour: status as shown").strong());
                        egui::Grid::new("status-legend")
                            .num_columns(2)
                            .spacing([10.0, 2.0])
                            .show(ui, |ui| {
                                for (k, class) in StatusClass::ALL.into_iter().enumerate() {
                                    ui.horizontal(|ui| {
                                        let (rect, _) = ui.allocate_exact_size(
                                            Vec2::new(14.0, 14.0),
                                            Sense::hover(),
                                        );
                                        ui.painter().circle(
                                            rect.center(),
                                            5.0,
                                            style.status_fill(class),
                                            style.marker_stroke,
                                        );
                                        ui.label(class.short_label()).on_hover_text(class.label());
                                    });
                                    if k % 2 == 1 {
                                        ui.end_row();
                                    }
                                }
                            });
                    });
                    ui.add_space(14.0);
                    ui.vertical(|ui| {
                        ui.label(RichText::new("Marker shape: where the point is").strong());
                        // Short names in two columns; the hover says what each means in full.
                        egui::Grid::new("shape-legend")
                            .num_columns(2)
                            .spacing([10.0, 2.0])
                            .show(ui, |ui| {
                                for (k, precision) in Precision::ALL.into_iter().enumerate() {
                                    ui.horizontal(|ui| {
                                let rect = symbol_cell(ui, style);
                                draw_precision_symbol(
                                    ui.painter(),
                                    rect.center(),
                                    precision,
                                    style.marker_fill,
                                    style.marker_stroke,
                                );
                                let (label, hover) = match precision {
                                    Precision::Address => ("address", "the reported address"),
                                    Precision::District => {
                                        ("district", "the district or neighbourhood")
                                    }
                                    Precision::City => ("city", "the city (its gazetteer point)"),
                                    Precision::Region => ("region", "the region"),
                                    Precision::Country => (
                                        "capital (country only)",
                                        "only the country is known; the marker is at its capital",
                                    ),
                                };
                                ui.label(label).on_hover_text(hover);
                            });
                                    if k % 2 == 1 {
                                        ui.end_row();
                                    }
                                }
                                ui.end_row();
                                ui.horizontal(|ui| {
                                    let rect = symbol_cell(ui, style);
                                    draw_precision_symbol(
                                        ui.painter(),
                                        rect.center(),
                                        Precision::City,
                                        style.marker_fill,
                                        style.marker_stroke,
                                    );
                                    crate::map::draw_weak_mark(
                                        ui.painter(),
                                        rect.center(),
                                        style.marker_fill,
                                    );
                                    ui.label("weakly sourced")
                                        .on_hover_text("only reposts or aggregators list it");
                                });
                                ui.horizontal(|ui| {
                                    let rect = symbol_cell(ui, style);
                                    ui.painter().circle(
                                        rect.center(),
                                        8.0,
                                        style.marker_fill,
                                        style.marker_stroke,
                                    );
                                    ui.painter().text(
                                        rect.center(),
                                        Align2::CENTER_CENTER,
                                        "3",
                                        egui::FontId::proportional(10.0),
                                        style.cluster_text,
                                    );
                                    ui.label("nearby stations")
                                        .on_hover_text("click a counted marker to zoom in");
                                });
                                ui.end_row();
                            });
                    });
                });
            });
        });
    if collapse {
        *collapsed = true;
        ui.ctx().request_repaint();
    }
    Some(area.response.rect)
}

/// A cell of ocean colour for a marker symbol, as markers sit on the map.
fn symbol_cell(ui: &mut Ui, style: &MapStyle) -> egui::Rect {
    let (rect, _) = ui.allocate_exact_size(Vec2::new(18.0, 18.0), Sense::hover());
    ui.painter().rect_filled(rect, 2.0, style.ocean);
    rect
}

fn swatch(ui: &mut Ui, color: Color32, label: &str) {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(Vec2::new(18.0, 12.0), Sense::hover());
        ui.painter().rect_filled(rect, 1.0, color);
        ui.painter().rect_stroke(
            rect,
            1.0,
            Stroke::new(0.5, Color32::GRAY),
            egui::StrokeKind::Inside,
        );
        ui.label(label);
    });
}

/// With a tile basemap: the provider's attribution (always visible while its tiles are shown),
/// and a quiet indicator when tiles are unavailable.
pub fn tiles_overlay(
    ui: &mut Ui,
    tiles: Option<&TileLayer>,
    tiles_error: Option<&str>,
    style: &MapStyle,
    map_rect: egui::Rect,
    out: &mut Commands,
) {
    use crate::map::tiles::TileStatus;
    let Some(tiles) = tiles else {
        if let Some(err) = tiles_error {
            note(ui, map_rect, style, &format!("Basemap not used: {err}"), 0);
        }
        return;
    };
    let attribution = tiles.attribution();
    egui::Area::new(egui::Id::unique("tile-attribution"))
        .pivot(Align2::RIGHT_BOTTOM)
        .fixed_pos(map_rect.right_bottom() - Vec2::new(6.0, 20.0))
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style())
                .inner_margin(3.0)
                .show(ui, |ui| {
                    let response = ui.link(RichText::new(attribution.text).small());
                    if response.clicked() {
                        out.push(Command::OpenLink(attribution.url.to_owned()));
                    }
                });
        });
    match tiles.status() {
        TileStatus::Unavailable { .. } => {
            note(
                ui,
                map_rect,
                style,
                "Map tiles unavailable (offline or server down); outlines shown. Retrying now and then.",
                1,
            );
        }
        TileStatus::Loading => note(ui, map_rect, style, "Loading map tiles…", 1),
        TileStatus::Ok => {}
    }
}

fn note(ui: &mut Ui, map_rect: egui::Rect, style: &MapStyle, text: &str, salt: u32) {
    egui::Area::new(egui::Id::unique(("tile-note", salt)))
        .pivot(Align2::CENTER_TOP)
        .fixed_pos(map_rect.center_top() + Vec2::new(0.0, 8.0))
        .interactable(false)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.add(
                    egui::Label::new(RichText::new(text).small().color(style.text))
                        .wrap_mode(egui::TextWrapMode::Extend),
                );
            });
        });
}
