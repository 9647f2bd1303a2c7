//! The integration tests, as one test binary: each file of `tests/suite/` is a module.
//!
//! One binary instead of one per file: cold `cargo test` compiles and links the tests once rather
//! than 28 times (each binary carried the whole library and its debug information). Tests that
//! watch the whole process stay apart: `tests/link_children.rs` counts the process's child
//! processes, and `tests/clipboard.rs` owns the X clipboard under Xvfb.
//! Run one file's tests with `cargo test --test suite evidence::`.

#[path = "../common/mod.rs"]
mod common;

mod check_command;
mod cli_exit;
mod csv_injection;
mod data_invariants;
mod deceptive_input;
mod dossier;
mod dossier_kittest;
mod evidence;
mod evidence_kittest;
mod explore_kittest;
mod export;
mod file_watch;
mod file_writes;
mod files_and_settings_kittest;
mod fit_kittest;
mod footnotes_kittest;
mod hostile_input;
mod large_input_kittest;
mod layout_kittest;
mod lazy_panel;
mod load_in_app_kittest;
mod loader_props;
mod map_clicks_kittest;
mod map_reads_kittest;
mod packaging;
mod picture;
mod snapshots;
mod tile_bounds;
mod tiles;
mod ux_kittest;
