//! Panels and widgets: toolbar, side panel, legend, tooltips, About and problem windows.

pub mod about;
pub mod file_menu;
pub mod filter_bar;
pub mod fonts;
pub mod legend;
mod links;
pub mod lists;
pub mod problems;
pub mod search;
pub mod side_panel;
pub mod timeline;
pub mod toolbar;
pub mod tooltip;

pub use links::{LinkOpener, citation, is_openable, sources_ui};
