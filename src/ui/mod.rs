//! Panels and widgets: toolbar, filter bar, timeline, side panel, lists, legend, tooltips, About,
//! problems and file windows.
//!
//! Panels read the [`Model`](crate::state::Model) and their own part of [`UiState`], and return
//! what the user asked for as [`Command`](crate::state::Command)s; they never change the model or
//! another panel's state. Nothing here imports `app`.

pub mod about;
mod browser;
pub mod dossier_window;
pub mod file_menu;
pub mod filter_bar;
pub mod fonts;
mod footnotes;
mod in_view;
pub mod legend;
mod links;
pub mod lists;
pub mod picture_window;
pub mod problems;
pub mod search;
pub mod side_panel;
pub mod timeline;
mod timeline_changes;
pub mod toolbar;
pub mod tooltip;

pub use footnotes::Footnotes;
pub use in_view::skipped as blocks_skipped;
pub use links::{LinkOpener, is_openable};

/// What the panels remember between frames that is theirs alone: open windows, tabs, the search
/// field, list cursors, the timeline's playing state.
#[derive(Clone, Debug)]
pub struct UiState {
    /// Which tab the side panel shows.
    pub panel_tab: lists::PanelTab,
    /// Sorting and cursor of the list views.
    pub lists: lists::ListState,
    /// Text in the search field, and whether its results list is open.
    pub search: filter_bar::SearchState,
    /// Whether the legend is shown (remembered between runs).
    pub show_legend: bool,
    /// Whether the legend is folded to a small button on the map (remembered between runs).
    pub legend_collapsed: bool,
    /// Whether the About window is open.
    pub show_about: bool,
    /// The File menu's windows.
    pub files: file_menu::FileWindows,
    /// Set when the selection changed and the side panel should scroll to the highlighted station.
    pub scroll_to_station: bool,
    /// Whether the timeline is stepping through events, and when it takes its next step.
    pub timeline: timeline::TimelineState,
    /// The side panel's width as last drawn (remembered between runs).
    pub panel_width: f32,
    /// A width to give the side panel on its next frame (from the settings), bounded there to
    /// what the window allows.
    pub restore_panel_width: Option<f32>,
    /// The width last given to the side panel to follow the window, while the user has not
    /// chosen one (by dragging its edge, or in an earlier run).
    pub panel_width_auto: Option<f32>,
}

impl Default for UiState {
    fn default() -> Self {
        Self {
            panel_tab: lists::PanelTab::default(),
            lists: lists::ListState::default(),
            search: filter_bar::SearchState::default(),
            show_legend: true,
            legend_collapsed: false,
            show_about: false,
            files: file_menu::FileWindows::default(),
            scroll_to_station: false,
            timeline: timeline::TimelineState::default(),
            panel_width: 0.0,
            restore_panel_width: None,
            panel_width_auto: Some(0.0),
        }
    }
}
