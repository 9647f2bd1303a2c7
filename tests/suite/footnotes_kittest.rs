//! Citations as numbered footnotes (issue 15): statements end with `[n]` markers whose hover
//! names the source (publisher, title, date, tier) and whose click opens it through the link
//! rule; each section lists its sources once, numbered; "Copy link" and "Copy citation" still
//! work.

use crate::common;

use egui::accesskit::Role;
use egui_kittest::kittest::{By, NodeT, Queryable};
use overseas_stations::data::source_citation;
use overseas_stations::ui::LinkOpener;

fn harness_with_gb() -> egui_kittest::Harness<'static, overseas_stations::app::App> {
    let mut h = common::harness();
    // Tooltips at once, so the hover can be read in the next frames.
    h.ctx
        .all_styles_mut(|style| style.interaction.tooltip_delay = 0.0);
    h.state_mut().model.select_country(Some("GB".into()));
    h.run();
    h
}

/// The footnote markers on screen: links labelled `[n]`.
fn markers(
    h: &egui_kittest::Harness<'_, overseas_stations::app::App>,
) -> Vec<(String, egui::Rect)> {
    h.query_all(By::new().predicate(|node| {
        node.role() == Role::Link
            && node
                .label()
                .is_some_and(|l| l.starts_with('[') && l.ends_with(']'))
    }))
    .map(|node| {
        (
            node.accesskit_node().label().unwrap_or_default(),
            node.rect(),
        )
    })
    .collect()
}

#[test]
fn a_footnotes_hover_names_its_source() {
    let mut h = harness_with_gb();
    // The source the first marker stands for: the first source of the first statement shown,
    // the figures published for the United Kingdom.
    let (citation, publisher) = {
        let data = h.state().model.data();
        let record = data.country_record("GB").expect("a GB record");
        let first_id = record
            .report_counts
            .iter()
            .flat_map(|c| c.sources.iter())
            .next()
            .expect("a cited figure");
        let source = data.source(first_id).expect("the source exists");
        (source_citation(source), source.publisher.clone())
    };
    let marker = h
        .get_all_by_role_and_label(Role::Link, "[1]")
        .next()
        .expect("a first marker");
    // What a screen reader announces with the marker, and what the pointer shows over it.
    let description = marker.accesskit_node().description().unwrap_or_default();
    assert!(
        description.starts_with(&format!("[1] {citation}")),
        "{description}"
    );
    assert!(description.contains(&publisher), "{description}");
    assert!(description.contains(" source"), "the tier: {description}");
    assert!(
        description.contains("\nOpens "),
        "the host it opens: {description}"
    );
    marker.hover();
    h.run();
    let tooltip = format!("{:?}", h.get_by_role(Role::Tooltip));
    assert!(
        tooltip.contains(&citation),
        "the tooltip shown names {citation:?}: {tooltip}"
    );
}

#[test]
fn clicking_a_footnote_opens_its_source_through_the_link_rule() {
    let mut h = harness_with_gb();
    let (_, rect) = markers(&h)[0].clone();
    common::click_at(&mut h, rect.center());
    let LinkOpener::Record(opened) = &h.state().links else {
        panic!("recording")
    };
    assert_eq!(opened.len(), 1, "{opened:?}");
    assert!(opened[0].starts_with("https://"), "{opened:?}");
}

#[test]
fn each_section_lists_its_sources_once_numbered_as_its_markers() {
    let h = harness_with_gb();
    // The figures section: markers [1]… and a list with the same numbers.
    let data = h.state().model.data();
    let record = data.country_record("GB").expect("record");
    let mut ids: Vec<&str> = Vec::new();
    for count in &record.report_counts {
        for id in &count.sources {
            if !ids.contains(&id.as_str()) {
                ids.push(id);
            }
        }
    }
    assert!(!ids.is_empty());
    for id in &ids {
        let citation = source_citation(data.source(id).expect("source"));
        // Listed in full (as a link of its own), at least once on the panel.
        let listed = h
            .query_all_by_label(&citation)
            .filter(|node| node.accesskit_node().role() == Role::Link)
            .count();
        assert!(listed >= 1, "{citation:?} is not listed");
    }
    // Every list number has its marker: "[k]" labels (monospace list numbers) are shown.
    assert!(
        h.query_all_by_label("[1]").count() >= 2,
        "marker and list entry"
    );
    // No source link is stacked under a statement any more: a source's full citation is
    // listed once per section, so fewer links than markers plus lists would give.
    let links = h.query_all_by_role(Role::Link).count();
    let marks = markers(&h).len();
    assert!(
        marks >= ids.len(),
        "{marks} markers for {} sources",
        ids.len()
    );
    assert!(
        links > marks,
        "the lists are links too ({links} links, {marks} markers)"
    );
}

#[test]
fn copy_link_on_a_footnote_copies_its_url() {
    let mut h = harness_with_gb();
    let (_, rect) = markers(&h)[0].clone();
    h.hover_at(rect.center());
    h.run();
    h.query_all(
        By::new().predicate(|node| {
            node.role() == Role::Link && node.label().is_some_and(|l| l == "[1]")
        }),
    )
    .next()
    .expect("marker")
    .click_secondary();
    h.run();
    h.get_by_label("Copy link").click();
    h.run();
    let copied = h
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        });
    // The clipboard got the URL (or the notice says so when the output was consumed).
    let notices = format!("{:?}", h.state().notices);
    assert!(
        copied.is_some_and(|t| t.starts_with("https://"))
            || notices.contains("Copied to the clipboard"),
        "{notices}"
    );
}
