//! What is in the map picture and where, in the picture's logical units: the extent (a selected
//! country with all its shown stations, else the world), the country outlines simplified for the
//! scale, one marker per shown station in view (fanned out as on the map), the labels placed
//! without collisions, the legend's box and the caption's lines. Pure: no drawing, no files.
//!
//! Logical units: the picture's short side is [`LOGICAL_SHORT_SIDE`] units whatever its pixel
//! size, so a 1200 × 675 image and an A4 print at 300 dpi have the same layout, scaled; markers
//! and text keep the sizes they have on screen relative to the map.

use egui::{Align, Color32, Pos2, Rect, Vec2};

use super::caption::{caption_lines, fit, one_line, wrap_all};
use super::extent::{country_transform, legend_rect, world_transform};
use super::{PictureOptions, PictureSize};
use crate::data::{self, Precision, StatusClass};
use crate::map::label_candidates::{LabelSizes, MarkerPoint, label_candidates};
use crate::map::labels::place_labels;
use crate::map::stations::MARKER_RADIUS;
use crate::map::{
    ChoroplethClasses, MapStyle, MarkerLayout, WorldTransform, station_world_positions,
};
use crate::state::Model;

/// The short side of the picture in logical units.
pub const LOGICAL_SHORT_SIDE: f32 = 800.0;
/// Margin around the title and caption.
pub const MARGIN: f32 = 16.0;
/// Font sizes of the title, the subtitle and the caption.
pub const TITLE_SIZE: f32 = 24.0;
/// See [`TITLE_SIZE`].
pub const SUBTITLE_SIZE: f32 = 14.0;
/// See [`TITLE_SIZE`].
pub const CAPTION_SIZE: f32 = 12.0;
/// The legend's box (its rows are laid out by `svg`).
pub const LEGEND_SIZE: Vec2 = Vec2::new(336.0, 214.0);
/// Half the side of the box a marker keeps clear of labels (its symbol and the weak mark).
const MARKER_CLEARANCE: f32 = MARKER_RADIUS + 5.0;

/// One country's outline on the picture.
#[derive(Clone, Debug)]
pub struct SceneCountry {
    /// ISO alpha-2 code.
    pub iso2: String,
    /// Fill (the map's choropleth class of its shown stations).
    pub fill: Color32,
    /// Rings (exteriors and holes; filled even-odd) in logical units.
    pub rings: Vec<Vec<Pos2>>,
    /// Whether it is the selected country.
    pub selected: bool,
}

/// One station's marker.
#[derive(Clone, Debug)]
pub struct SceneMarker {
    /// Index into the data set's stations.
    pub station: usize,
    /// The station's id (from the data file).
    pub id: String,
    /// Where it is drawn.
    pub pos: Pos2,
    /// Its true (shared) point; differs from `pos` when fanned out.
    pub anchor: Pos2,
    /// Its shape.
    pub precision: Precision,
    /// Its colour: the status as shown at the timeline date.
    pub class: StatusClass,
    /// Whether its listing rests only on reposts or aggregators.
    pub weak: bool,
}

/// A placed label.
#[derive(Clone, Debug)]
pub struct SceneLabel {
    /// The text (from the data: escaped when written).
    pub text: String,
    /// Its box.
    pub rect: Rect,
    /// How it sits in its box.
    pub align: Align,
    /// Font size.
    pub font_size: f32,
    /// A country with shown stations, or a station's city (drawn stronger).
    pub strong: bool,
}

/// Everything the picture shows, laid out.
#[derive(Clone, Debug)]
pub struct Scene {
    /// Size in pixels.
    pub size: PictureSize,
    /// Size in logical units.
    pub canvas: Vec2,
    /// The map's colours (the app's, for the chosen theme).
    pub style: MapStyle,
    /// Whether the dark theme is used.
    pub dark: bool,
    /// The title (the data set's title, and the selected country).
    pub title: String,
    /// What the picture shows, in one line.
    pub subtitle: String,
    /// Where the map is.
    pub map_rect: Rect,
    /// Countries in view.
    pub countries: Vec<SceneCountry>,
    /// Shown stations in view, in drawing order.
    pub markers: Vec<SceneMarker>,
    /// Labels that fit.
    pub labels: Vec<SceneLabel>,
    /// The legend's box.
    pub legend: Rect,
    /// The choropleth classes of the shown counts (the fills and the legend).
    pub classes: ChoroplethClasses,
    /// Markers per status class, in [`StatusClass::ALL`]'s order.
    pub class_counts: [usize; 7],
    /// The caption, wrapped.
    pub caption: Vec<String>,
}

impl Scene {
    /// Lays out the picture of what `model` shows (its filters, timeline date and selection).
    pub fn build(model: &Model, options: PictureOptions) -> Self {
        let size = options.size;
        let k = size.width.min(size.height) as f32 / LOGICAL_SHORT_SIDE;
        let canvas = Vec2::new(size.width as f32 / k, size.height as f32 / k);
        let style = MapStyle::new(options.dark);
        let data = model.data();
        let filters = model.filters();
        let selected = model.selection().country.clone();

        let caption = wrap_all(&caption_lines(model), canvas.x - 2.0 * MARGIN, CAPTION_SIZE);
        let title_band = MARGIN + 1.25 * (TITLE_SIZE + SUBTITLE_SIZE) + 8.0;
        let caption_band = 8.0 + caption.len() as f32 * CAPTION_SIZE * 1.35 + MARGIN;
        let map_rect = Rect::from_min_max(
            Pos2::new(0.0, title_band),
            Pos2::new(canvas.x, (canvas.y - caption_band).max(title_band + 100.0)),
        );

        let world = station_world_positions(data.stations());
        let shown = &model.shown().stations;
        let transform = match selected.as_deref() {
            Some(iso) => country_transform(model, iso, &world, map_rect),
            None => world_transform(map_rect),
        };
        let layout = MarkerLayout::new(data.stations(), &world, shown, &transform, map_rect, 0.0);
        let markers: Vec<SceneMarker> = layout
            .markers
            .iter()
            .map(|m| (m.station, m.pos, m.anchor, m.precision))
            // Groups too big to fan out come as clusters: each member at the cluster's point.
            .chain(layout.clusters.iter().flat_map(|c| {
                c.members.iter().map(move |&i| {
                    let precision = data.stations()[i].location.precision;
                    (i, c.pos, c.pos, precision)
                })
            }))
            .filter(|(_, pos, ..)| map_rect.contains(*pos))
            .map(|(station, pos, anchor, precision)| {
                let s = &data.stations()[station];
                SceneMarker {
                    station,
                    id: s.id.clone(),
                    pos,
                    anchor,
                    precision,
                    class: StatusClass::of(filters.current_status(s)),
                    weak: data.weak_stations().get(station).copied().unwrap_or(false),
                }
            })
            .collect();
        let mut class_counts = [0; 7];
        for m in &markers {
            if let Some(k) = StatusClass::ALL.iter().position(|c| *c == m.class) {
                class_counts[k] += 1;
            }
        }

        let marker_boxes: Vec<Rect> = markers
            .iter()
            .map(|m| Rect::from_center_size(m.pos, Vec2::splat(2.0 * MARKER_CLEARANCE)))
            .collect();
        let legend = legend_rect(map_rect, &marker_boxes);
        let mut obstacles = marker_boxes;
        obstacles.push(legend);
        let labels = labels(model, &transform, map_rect, &markers, &obstacles);

        let classes = ChoroplethClasses::of_model(model);
        let countries = countries(model, &style, &classes, &transform, map_rect);
        let title = fit(
            &match selected.as_deref() {
                Some(iso) => format!(
                    "{}: {}",
                    one_line(&data.file.meta.title),
                    model.country_name(iso)
                ),
                None => one_line(&data.file.meta.title),
            },
            canvas.x - 2.0 * MARGIN,
            TITLE_SIZE,
        );
        let in_place = match selected.as_deref() {
            Some(iso) => markers
                .iter()
                .filter(|m| data.stations()[m.station].country == iso)
                .count(),
            None => markers.len(),
        };
        let place = selected.as_deref().map_or("Worldwide".to_owned(), |iso| {
            one_line(model.country_name(iso))
        });
        let subtitle = fit(
            &format!(
                "{place}: {}, with their status {}",
                data::count_noun(in_place, "reported station", "reported stations"),
                filters
                    .as_of
                    .map_or("as last known".to_owned(), |d| format!(
                        "as of {}",
                        d.in_words()
                    ))
            ),
            canvas.x - 2.0 * MARGIN,
            SUBTITLE_SIZE,
        );
        Self {
            size,
            canvas,
            style,
            dark: options.dark,
            title,
            subtitle,
            map_rect,
            countries,
            markers,
            labels,
            legend,
            classes,
            class_counts,
            caption,
        }
    }
}

/// The shared candidates ([`label_candidates`]) at the picture's sizes, placed where they fit.
fn labels(
    model: &Model,
    transform: &WorldTransform,
    map_rect: Rect,
    markers: &[SceneMarker],
    obstacles: &[Rect],
) -> Vec<SceneLabel> {
    let points: Vec<MarkerPoint> = markers
        .iter()
        .map(|m| MarkerPoint {
            station: m.station,
            pos: m.pos,
            anchor: m.anchor,
        })
        .collect();
    let sizes = LabelSizes {
        country_with_stations: 13.0,
        country: 10.5,
        city: 11.0,
    };
    let candidates = label_candidates(model, transform, map_rect, &points, sizes, MARKER_CLEARANCE);
    place_labels(&candidates.labels, obstacles, map_rect.shrink(4.0))
        .into_iter()
        .map(|p| SceneLabel {
            text: candidates.labels[p.candidate].text.clone(),
            rect: p.rect,
            align: p.align,
            font_size: candidates.labels[p.candidate].font_size,
            strong: candidates.strong[p.candidate],
        })
        .collect()
}

/// Every country whose outline reaches into the map, simplified to about a third of a unit.
/// Only its rings that reach into the map (with their stroke) are kept: the map is clipped to
/// its rectangle, and a ring wholly outside it can neither fill nor stroke a point inside (with
/// the even–odd rule, not even as a hole). Most of a country picture's neighbours lie outside:
/// keeping their every island made the whole data set's dossier 9.5 MB.
fn countries(
    model: &Model,
    style: &MapStyle,
    classes: &ChoroplethClasses,
    transform: &WorldTransform,
    map_rect: Rect,
) -> Vec<SceneCountry> {
    let selected = model.selection().country.as_deref();
    // Visvalingam–Whyatt area threshold in world units² for ~0.3 square units on the picture.
    let area = 0.3 / (transform.scale * transform.scale);
    let reach = map_rect.expand(style.border.width.max(style.selected_border.width) + 1.0);
    model
        .outlines()
        .countries
        .iter()
        .enumerate()
        .filter(|(_, c)| transform.apply_rect(c.world_bounds).intersects(map_rect))
        .map(|(i, country)| {
            let mut rings = Vec::new();
            for polygon in &country.world.0 {
                let polygon = &*crate::geo::simplify_keeping_islands(polygon, area);
                for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                    let points: Vec<Pos2> = ring
                        .0
                        .iter()
                        .map(|c| transform.apply(Pos2::new(c.x as f32, c.y as f32)))
                        .collect();
                    if points.len() >= 3 && Rect::from_points(&points).intersects(reach) {
                        rings.push(points);
                    }
                }
            }
            SceneCountry {
                iso2: country.iso2.clone(),
                fill: style.fill_for(classes, model.count_at(i)),
                rings,
                selected: selected == Some(country.iso2.as_str()),
            }
        })
        .collect()
}
