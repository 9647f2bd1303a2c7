//! The state the panels read and the requests they make: the [`Model`] (data set, filters,
//! selection and what is derived from them), the [`Command`]s panels return, and the
//! [`Notices`] that tell the user something. `ui` reads these; `app` owns and applies them.

mod command;
mod model;
mod notices;

pub use command::{Command, Commands};
pub use model::{Model, Selection, Shown, Timeline};
pub use notices::{Level, LoadReport, Notice, Notices};
