//! The map picture (SVG and PNG, from the library, the `image` command and the File menu): one
//! station element per shown station, a legend, hostile text kept as text, labels that never
//! collide, a PNG of the asked size that shows the stations, and the command's exit codes.

use crate::common;

use std::collections::BTreeSet;

use egui_kittest::kittest::Queryable as _;
use std::process::Command;
use std::sync::Arc;

use overseas_stations::data::{self, DataSet, DataSource, Filters, parse_date};
use overseas_stations::geo::Outlines;
use overseas_stations::map::picture::{
    PictureFormat, PictureOptions, PictureSize, Scene, png_from_svg, render, svg_document,
};
use overseas_stations::state::Model;

fn embedded_file() -> data::DataFile {
    data::parse_str(data::EMBEDDED_DATA, "embedded").expect("embedded data parses")
}

fn model_of(file: data::DataFile) -> Model {
    let outlines = Arc::new(Outlines::embedded().expect("outlines"));
    Model::new(DataSet::new(file, DataSource::Embedded), outlines)
}

fn options(width: u32, height: u32) -> PictureOptions {
    PictureOptions {
        size: PictureSize::new(width, height).expect("size"),
        dark: false,
    }
}

/// The ids of the station elements of an SVG, which must parse as XML.
fn station_ids(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    assert!(
        doc.descendants()
            .any(|n| n.attribute("id") == Some("legend")),
        "the SVG has a legend"
    );
    doc.descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("station"))
        .map(|n| n.attribute("data-id").expect("a station id").to_owned())
        .collect()
}

fn shown_ids(model: &Model) -> Vec<String> {
    let mut ids: Vec<String> = model
        .shown()
        .stations
        .iter()
        .map(|&i| model.data().stations()[i].id.clone())
        .collect();
    ids.sort();
    ids
}

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

#[test]
fn the_world_svg_holds_exactly_one_element_per_shown_station_with_and_without_filters() {
    let mut model = model_of(embedded_file());
    let svg = String::from_utf8(render(&model, options(1920, 1080), PictureFormat::Svg).unwrap())
        .unwrap();
    assert_eq!(sorted(station_ids(&svg)), shown_ids(&model));
    assert_eq!(shown_ids(&model).len(), model.data().stations().len());

    // A filter and a timeline date: fewer stations, and exactly those.
    let mut filters = Filters::default();
    filters.bureaus.insert("Fuzhou PSB".to_owned());
    filters.as_of = parse_date("2022-10");
    model.set_filters(filters);
    let shown = shown_ids(&model);
    assert!(!shown.is_empty() && shown.len() < model.data().stations().len());
    let svg =
        String::from_utf8(render(&model, options(1200, 675), PictureFormat::Svg).unwrap()).unwrap();
    assert_eq!(sorted(station_ids(&svg)), shown);
    assert!(svg.contains("October 2022"), "the timeline date in words");
    assert!(svg.contains("bureau Fuzhou PSB"), "the filter in words");
}

#[test]
fn a_country_picture_holds_all_its_shown_stations_even_offshore() {
    let mut model = model_of(embedded_file());
    for (iso, must) in [
        ("PT", "Madeira"),
        ("US", "Los Angeles"),
        ("ES", "Madrid"),
        ("JP", "Tokyo"),
    ] {
        model.select_country(Some(iso.to_owned()));
        let scene = Scene::build(&model, options(1200, 675));
        let ids: BTreeSet<String> = station_ids(&svg_document(&scene)).into_iter().collect();
        let own: Vec<&data::Station> = model.data().stations_in(iso).collect();
        assert!(!own.is_empty(), "{iso} has stations");
        for station in &own {
            assert!(
                ids.contains(&station.id),
                "{iso}: {} is in the picture",
                station.id
            );
        }
        assert!(
            own.iter().any(|s| s.city.contains(must)),
            "{iso}: {must} is one of them"
        );
        // The legend never covers a marker.
        assert!(
            scene.markers.iter().all(|m| !scene.legend.contains(m.pos)),
            "{iso}"
        );
    }
}

#[test]
fn text_from_the_data_file_stays_text() {
    let mut file = embedded_file();
    file.meta.title = "Stations <b>bold</b> & \"quoted\"".to_owned();
    file.stations[0].city = "<script>&".to_owned();
    file.stations[0].id = "x\"><script>alert(1)</script>".to_owned();
    let model = model_of(file);
    let svg = String::from_utf8(render(&model, options(1920, 1080), PictureFormat::Svg).unwrap())
        .unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("still well-formed");
    assert!(
        !doc.descendants()
            .any(|n| n.has_tag_name("script") || n.has_tag_name("b"))
    );
    assert!(station_ids(&svg).contains(&"x\"><script>alert(1)</script>".to_owned()));
    let texts: String = doc.descendants().filter_map(|n| n.text()).collect();
    assert!(
        texts.contains("Stations <b>bold</b> & \"quoted\""),
        "the title, as text"
    );
}

#[test]
fn labels_never_overlap_each_other_or_the_markers() {
    let mut model = model_of(embedded_file());
    for select in [
        None,
        Some("ES"),
        Some("IT"),
        Some("US"),
        Some("PT"),
        Some("JP"),
        Some("NL"),
    ] {
        model.select_country(select.map(str::to_owned));
        for (w, h) in [(1200, 675), (1920, 1080)] {
            let scene = Scene::build(&model, options(w, h));
            assert!(scene.labels.len() > 3, "{select:?}: some labels placed");
            for (k, a) in scene.labels.iter().enumerate() {
                assert!(
                    scene.map_rect.contains_rect(a.rect),
                    "{select:?} {}",
                    a.text
                );
                assert!(!a.rect.intersects(scene.legend), "{select:?} {}", a.text);
                for b in &scene.labels[k + 1..] {
                    assert!(
                        !a.rect.intersects(b.rect),
                        "{select:?}: {} and {}",
                        a.text,
                        b.text
                    );
                }
                for m in &scene.markers {
                    assert!(
                        !a.rect.contains(m.pos),
                        "{select:?}: {} over a marker",
                        a.text
                    );
                }
            }
            if let Some(iso) = select {
                let name = model.country_name(iso).to_owned();
                assert!(
                    scene.labels.iter().any(|l| l.text == name),
                    "{iso} is named"
                );
            }
        }
    }
}

#[test]
fn the_png_has_the_asked_size_and_shows_the_stations() {
    let mut model = model_of(embedded_file());
    model.select_country(Some("ES".to_owned()));
    let size = PictureSize::new(1200, 675).unwrap();
    let opts = PictureOptions { size, dark: false };
    let scene = Scene::build(&model, opts);
    let with = png_from_svg(&svg_document(&scene), size).expect("renders");
    // The same map with no station (the timeline before the first report).
    model.set_filters(Filters {
        as_of: parse_date("1990"),
        ..Filters::default()
    });
    let empty_scene = Scene::build(&model, opts);
    assert!(empty_scene.markers.is_empty());
    let without = png_from_svg(&svg_document(&empty_scene), size).expect("renders");

    let with = image::load_from_memory(&with).expect("a PNG").to_rgba8();
    let without = image::load_from_memory(&without).expect("a PNG").to_rgba8();
    assert_eq!(with.dimensions(), (1200, 675));
    let k = 675.0 / 800.0;
    for m in &scene.markers {
        // Somewhere on the marker's ring (radius about 4 units) the pixels differ.
        let differs = (-6i32..=6).any(|dx| {
            (-6i32..=6).any(|dy| {
                let x = (m.pos.x * k) as i32 + dx;
                let y = (m.pos.y * k) as i32 + dy;
                x >= 0
                    && y >= 0
                    && with.get_pixel(x as u32, y as u32) != without.get_pixel(x as u32, y as u32)
            })
        });
        assert!(differs, "station {} is drawn", m.id);
    }
    // Not blank: the title's text is drawn (pixels darker than the white page at its left).
    let dark_title_pixels = (0..400)
        .flat_map(|x| (10..50).map(move |y| (x, y)))
        .filter(|&(x, y)| with.get_pixel(x, y).0[0] < 128)
        .count();
    assert!(
        dark_title_pixels > 200,
        "the title is drawn ({dark_title_pixels} dark pixels)"
    );
}

fn cli(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_overseas-stations"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn the_image_command_writes_svg_and_png_and_exits_2_on_bad_values_and_1_on_failure() {
    let dir = tempfile::tempdir().expect("temp dir");
    let svg = dir.path().join("pt.svg");
    let out = cli(&[
        "image",
        svg.to_str().unwrap(),
        "--select",
        "pt",
        "--size",
        "1200x675",
        "--status",
        "investigation",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&svg).expect("written");
    assert!(!station_ids(&text).is_empty());
    assert!(text.contains(r#"width="1200" height="675""#));

    let png = dir.path().join("world.png");
    let out = cli(&[
        "image",
        png.to_str().unwrap(),
        "--size",
        "400x300",
        "--theme",
        "dark",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let image = image::open(&png).expect("a PNG");
    assert_eq!((image.width(), image.height()), (400, 300));

    let bad_size = cli(&["image", svg.to_str().unwrap(), "--size", "10x10"]);
    assert_eq!(bad_size.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_size.stderr).contains("between 200 and 10000"));
    let bad_country = cli(&["image", svg.to_str().unwrap(), "--select", "QQ"]);
    assert_eq!(bad_country.status.code(), Some(2));
    let bad_format = cli(&["image", dir.path().join("map.gif").to_str().unwrap()]);
    assert_eq!(bad_format.status.code(), Some(2));

    let unwritable = dir.path().join("no-such-folder").join("map.svg");
    let out = cli(&["image", unwritable.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-folder"));
}

#[test]
fn the_file_menu_writes_an_svg_of_the_shown_stations() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("from-menu.svg");
    let mut h = common::harness();
    let mut filters = h.state().model.filters().clone();
    filters.bureaus.insert("Qingtian PSB".into());
    h.state_mut().model.set_filters(filters);
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export map picture…").click();
    h.run();
    h.get_by_label("SVG").click();
    h.get_by_label("1200 × 675 (web article)").click();
    h.run();
    h.state_mut()
        .ui_state
        .files
        .image
        .as_mut()
        .expect("the picture window")
        .path = target.display().to_string();
    h.run();
    h.get_by_label("Save SVG").click();
    h.run();
    // Written on a background thread: wait for its message.
    for _ in 0..200 {
        if h.state()
            .notices
            .last_info()
            .is_some_and(|m| m.starts_with("Saved the map picture"))
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
        h.step();
    }
    let message = h.state().notices.last_info().unwrap_or_default().to_owned();
    assert!(message.starts_with("Saved the map picture"), "{message}");
    let text = std::fs::read_to_string(&target).expect("written");
    assert_eq!(sorted(station_ids(&text)), shown_ids(&h.state().model));
    assert!(text.contains(r#"width="1200" height="675""#));
    assert!(
        h.state().ui_state.files.image.is_none(),
        "the window closed"
    );
}

/// The legend's status counts are of the stations in the picture, and it says so: on Portugal's
/// map they include Spain's stations in view, so a bare "investigated (8)" would read as
/// Portugal's.
#[test]
fn the_legend_counts_the_stations_in_view_and_says_so() {
    let mut model = model_of(embedded_file());
    model.select_country(Some("PT".to_owned()));
    let scene = Scene::build(&model, options(1200, 675));
    let svg = svg_document(&scene);
    let in_view = station_ids(&svg).len();
    let portugal = model.data().stations_in("PT").count();
    assert!(
        in_view > portugal,
        "{in_view} markers, {portugal} in Portugal"
    );
    assert_eq!(scene.class_counts.iter().sum::<usize>(), in_view);
    assert!(svg.contains("Marker colour: status (stations in view)"));
}

#[test]
fn rings_outside_the_map_are_left_out_and_those_in_it_kept() {
    // A country picture clips its map to its rectangle: a ring wholly outside it shows nothing,
    // and only made the document heavier (most of a picture's neighbours lie outside).
    let mut model = model_of(embedded_file());
    model.select_country(Some("PT".into()));
    let scene = Scene::build(&model, options(1200, 675));
    let reach = scene.map_rect.expand(4.0);
    let mut rings = 0;
    for country in &scene.countries {
        for ring in &country.rings {
            rings += 1;
            assert!(
                egui::Rect::from_points(ring).intersects(reach),
                "{}: a ring wholly outside the map",
                country.iso2
            );
        }
    }
    // Portugal (its mainland and the islands in view) and its neighbour Spain.
    let pt = scene
        .countries
        .iter()
        .find(|c| c.iso2 == "PT")
        .expect("Portugal");
    assert!(pt.rings.len() >= 3, "{} rings of Portugal", pt.rings.len());
    assert!(scene.countries.iter().any(|c| c.iso2 == "ES"));
    assert!(rings > 10);
}
