//! overseas-stations: a desktop world map of publicly reported Chinese overseas police
//! "service stations", with every fact sourced.
//!
//! Data flows one way: file → [`data`] (types, validation) → [`geo`] (outlines, hit testing) →
//! [`map`] (walkers plugins) → [`ui`] (panels). [`app::App`] owns the state.

#![deny(clippy::unwrap_used, clippy::expect_used)]
// The unused-dependency check: every normal dependency is used by the library (the binary is a
// thin `main.rs` over it), so one that is not is an error here, in every build and in CI.
#![cfg_attr(not(test), deny(unused_crate_dependencies))]

/// The application's id: the window's app id (Wayland) and class (X11), the desktop entry's and
/// the AppStream metainfo's name (packaging/), so a desktop ties the window to its menu entry and
/// icon. Reverse-DNS as AppStream requires; tests/suite/packaging.rs keeps the packaging files in step.
pub const APP_ID: &str = "io.github.overseas_stations.OverseasStations";

pub mod app;
pub mod cli;
pub mod data;
pub mod dossier;
pub mod error;
pub mod files;
pub mod geo;
pub mod map;
pub mod memory;
pub mod screenshot;
pub mod settings;
pub mod state;
pub mod ui;

pub use error::Error;
pub use files::{WriteError, write_atomically};
