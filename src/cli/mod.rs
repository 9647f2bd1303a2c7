//! The command line: open the app, make a screenshot, check a data file, compare two, export
//! the stations, or write the map picture. One file per command; `main` only parses the arguments and dispatches.

mod args;
mod check;
mod diff;
mod export;
mod filters;
mod gui;
mod image;
mod load;
mod process;
mod values;

pub use args::{Cli, Command, parse_size};
pub use check::{run_check, summary};
pub use diff::run_diff;
pub use export::{ExportArgs, run_export};
pub use filters::FilterArgs;
pub use gui::run_gui;
pub use image::{ImageArgs, Theme, run_image};
pub use load::{load_checked, load_with_warnings};
pub use process::prepare_process;
pub use values::{Bureau, Status};
