//! The panel says who claims each status, marks each source's tier and flags what rests only on
//! reposts or aggregators (read through AccessKit, as a screen reader would).

use crate::common;

use common::{harness, harness_with};
use egui_kittest::kittest::Queryable as _;
use overseas_stations::data::{EMBEDDED_DATA, Tier};

#[test]
fn the_uk_panel_says_who_claims_each_status() {
    let mut h = harness();
    h.state_mut().model.select_country(Some("GB".to_owned()));
    h.run();
    // Belfast: the PRC embassy's claim that the stations closed is shown as its claim.
    let claimed = h
        .query_all_by_label_contains("closure claimed (not by host authorities), according to PRC")
        .count();
    assert!(
        claimed >= 1,
        "a closure claimed by the PRC side is shown as such"
    );
    assert!(
        h.query_all_by_label_contains("(host police)").count()
            + h.query_all_by_label_contains("(host government)").count()
            >= 1,
        "host authorities' statements say so"
    );
    assert_eq!(
        h.query_all_by_label_contains("closed (per host authorities)")
            .count(),
        0,
        "no UK station is shown as closed by the host"
    );
    h.get_by_label_contains("Record last checked 2026-");
    // Every source link names its tier.
    let tiers = [
        ", primary source",
        ", original source",
        ", repost source",
        ", aggregator source",
    ];
    let tiered = tiers
        .iter()
        .map(|t| h.query_all_by_label_contains(t).count())
        .sum::<usize>();
    assert!(tiered >= 4, "source links show their tier ({tiered})");
}

#[test]
fn a_station_resting_only_on_reposts_is_flagged_in_the_panel() {
    let (app, _dir) = common::app_with_edited_data(|data| {
        let station = data
            .stations
            .iter()
            .position(|s| s.id == "es-madrid-1")
            .expect("Madrid");
        let ids = data.stations[station].sources.clone();
        for source in &mut data.sources {
            if ids.contains(&source.id) {
                source.tier = Some(Tier::Repost);
            }
        }
    });
    let mut h = harness_with(app);
    let madrid = h
        .state()
        .model
        .data()
        .stations()
        .iter()
        .position(|s| s.id == "es-madrid-1")
        .expect("Madrid 1");
    let ctx = h.ctx.clone();
    h.state_mut().apply(
        overseas_stations::state::Command::SelectStation(madrid),
        &ctx,
    );
    h.run();
    h.get_by_label_contains("Weakly sourced: this listing rests only on reposts");
    h.get_by_label_contains("only on reposts or aggregators (weakly sourced)");
}

#[test]
fn every_character_of_the_data_can_be_drawn() {
    // Sources are quoted in their own script (Chinese, Japanese, Korean): the shipped fonts must
    // draw every character of the embedded data, or a reader sees empty boxes.
    let h = harness();
    let mut missing: Vec<char> = h.ctx.fonts_mut(|fonts| {
        EMBEDDED_DATA
            .chars()
            .filter(|c| !c.is_control())
            .filter(|c| !fonts.has_glyph(&egui::FontId::proportional(14.0), *c))
            .collect()
    });
    missing.sort_unstable();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "no glyph for {:?}: run tools/subset_cjk_font.py",
        missing.iter().collect::<String>()
    );
}
