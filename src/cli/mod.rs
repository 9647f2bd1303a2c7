//! The command line: open the app, make a screenshot, check a data file, compare two, export
//! the stations, write the map picture or a dossier, or print shell completions. One file per command; `main`
//! only parses the arguments and dispatches.

mod args;
mod check;
mod diff;
mod dossier;
mod export;
mod filters;
mod gui;
mod image;
mod load;
mod package_files;
mod process;
mod values;

pub use args::{Cli, Command, parse_size};
pub use check::{run_check, summary};
pub use diff::run_diff;
pub use dossier::{DossierArgs, run_dossier};
pub use export::{ExportArgs, run_export};
pub use filters::FilterArgs;
pub use gui::run_gui;
pub use image::{ImageArgs, Theme, run_image};
pub use load::{load_checked, load_with_warnings};
pub use package_files::{
    PACKAGED_SHELLS, completion_script, man_pages, package_files, run_completions,
    run_package_files,
};
pub use process::prepare_process;
pub use values::{Bureau, Status};
