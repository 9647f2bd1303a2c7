//! overseas-stations: a desktop world map of publicly reported Chinese overseas police
//! "service stations", with every fact sourced.
//!
//! Data flows one way: file → [`data`] (types, validation) → [`geo`] (outlines, hit testing) →
//! [`map`] (walkers plugins) → [`ui`] (panels). [`app::App`] owns the state.

#![deny(clippy::unwrap_used, clippy::expect_used)]

pub mod app;
pub mod cli;
pub mod data;
pub mod files;
pub mod geo;
pub mod map;
pub mod screenshot;
pub mod settings;
pub mod ui;

pub use files::write_atomically;
