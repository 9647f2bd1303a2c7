//! What the user asked for: panels return these, and `App::apply` is the one place that carries
//! them out. A panel never changes another part's state itself.

use std::path::PathBuf;

use crate::data::{ExportFormat, Filters};
use crate::dossier::{DossierFormat, Scope};
use crate::map::picture::{PictureFormat, PictureSize};
use crate::map::tiles::Basemap;

/// One request from a panel, the map or the keyboard.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Select a country (`None`: clear the selection).
    SelectCountry(Option<String>),
    /// Select a station (by index into the data set) and its country, and show its details.
    SelectStation(usize),
    /// Fit the map to a country.
    ZoomToCountry(String),
    /// Centre the map on a station at city level.
    ZoomToStation(usize),
    /// Zoom in (positive) or out by whole levels, about the centre.
    ZoomBy(f64),
    /// Zoom in or out keeping the place under a screen position where it is (keyboard zoom with
    /// the pointer over the map).
    ZoomAround(f64, egui::Pos2),
    /// Show the whole world.
    WholeWorld,
    /// Replace the filters (and with them the timeline date).
    SetFilters(Filters),
    /// Open a link in the browser (only http/https pass).
    OpenLink(String),
    /// Put text on the system clipboard.
    Copy(String),
    /// Read, validate and use a data file (in the background).
    OpenDataFile(PathBuf),
    /// Go back to the embedded data set.
    UseEmbeddedData,
    /// Write the shown stations to a file.
    Export {
        /// Where.
        path: PathBuf,
        /// In which format.
        format: ExportFormat,
    },
    /// Write the map picture (the map alone, with title, legend and caption) of what is shown:
    /// the current filters, timeline date, selected country and theme.
    ExportPicture {
        /// Where.
        path: PathBuf,
        /// SVG or PNG.
        format: PictureFormat,
        /// Its size in pixels.
        size: PictureSize,
    },
    /// Write the dossier of a country or of the whole data set, for what is shown (the current
    /// filters and timeline date).
    ExportDossier {
        /// Where.
        path: PathBuf,
        /// A country, or all.
        scope: Scope,
        /// HTML or Markdown.
        format: DossierFormat,
    },
    /// Every default back: the whole world, no filters, nothing selected, the legend shown, the
    /// offline map, the system theme, the embedded data.
    ResetSettings,
    /// Close the window (File → Quit, Ctrl+Q).
    Quit,
    /// Switch the basemap under the countries.
    SetBasemap(Basemap),
    /// Empty the tile cache.
    ClearTileCache,
    /// Close the problems window of a failed load.
    DismissLoadReport,
    /// Remove a message from the notices (by its index).
    DismissNotice(usize),
}

/// Where panels put their commands while they draw.
#[derive(Debug, Default)]
pub struct Commands(Vec<Command>);

impl Commands {
    /// Asks for `command` to be carried out after the panel has drawn.
    pub fn push(&mut self, command: Command) {
        self.0.push(command);
    }

    /// The commands asked for so far, emptying the list.
    pub fn take(&mut self) -> Vec<Command> {
        std::mem::take(&mut self.0)
    }

    /// Whether nothing was asked for.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
