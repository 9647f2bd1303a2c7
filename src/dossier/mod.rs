//! The country dossier: one document for a country, or for the whole data set (a summary table,
//! the world map, then every country with shown stations in turn), that an editor, a
//! parliamentary researcher or a fact-checker can be handed as it is.
//!
//! The document is built once ([`Dossier::build`], in `build` and `country`) from the [`Model`]
//! as it is (its filters, timeline date and data set), and rendered twice: `html` (one file
//! that stands alone: styles and maps inline, readable on a phone, ready to print) and
//! `markdown` (for people who paste into their own tools). Both read the same model, so they
//! cannot disagree. Footnotes: one number per source per document, in the order of first
//! citation (`refs`); every statement carries the numbers of its sources.
//!
//! Nothing here words a fact anew: statuses, claimants, dates, sources, filters and country
//! names come from the one place each is made (`data::vocab`, `data::citation`,
//! `map::picture::caption`, `Model::country_name`).

mod build;
mod country;
mod html;
mod markdown;
mod refs;
mod timeline;

use std::fmt;

pub use html::html_document;
pub use markdown::markdown_document;

use crate::state::Model;

/// Which countries a dossier covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// One country (ISO 3166-1 alpha-2, upper case).
    Country(String),
    /// Every country with shown stations, after a summary table.
    All,
}

/// The file format of a dossier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum DossierFormat {
    /// One HTML file that stands alone (no network), for screen and print.
    #[value(name = "html")]
    Html,
    /// Markdown with footnotes (CommonMark with the footnote extension).
    #[value(name = "md")]
    Markdown,
}

impl DossierFormat {
    /// Both formats, in menu order.
    pub const ALL: [Self; 2] = [Self::Html, Self::Markdown];

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Html => "html",
            Self::Markdown => "md",
        }
    }

    /// The format a file name's extension names (`.html`, `.htm`, `.md`, `.markdown`), if any.
    pub fn from_path(path: &std::path::Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" => Some(Self::Html),
            "md" | "markdown" => Some(Self::Markdown),
            _ => None,
        }
    }
}

impl fmt::Display for DossierFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Html => "HTML",
            Self::Markdown => "Markdown",
        })
    }
}

/// A statement of the document: an optional date and label (who or what), the text, and the
/// footnote numbers of its sources. `weak` when every source is a repost or an aggregator.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Line {
    /// The date as the app writes it (`c. 2022-10`), or empty.
    pub date: String,
    /// Who or what, shown strong; may be empty.
    pub label: String,
    /// The statement.
    pub text: String,
    /// Footnote numbers, ascending, each once.
    pub refs: Vec<usize>,
    /// Whether the statement rests only on reposts or aggregators.
    pub weak: bool,
}

/// A row of a country's station table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StationRow {
    /// The station's id (`data-id` in HTML).
    pub id: String,
    /// The city as reported (or "location not reported").
    pub city: String,
    /// Cover organisation or address as reported; may be empty.
    pub cover: String,
    /// How precise the point is, and whether premises were reported.
    pub precision: String,
    /// Operating bureau.
    pub bureau: String,
    /// The research's qualifier of the bureau; may be empty.
    pub bureau_note: String,
    /// Which reports list it.
    pub listed_in: String,
    /// When it was first reported.
    pub first_reported: String,
    /// Footnotes of the listing (city, cover, bureau, report).
    pub listing_refs: Vec<usize>,
    /// The status as of the timeline date, as shown.
    pub status: String,
    /// Who says so and when: "according to … (kind), 2023-01-16".
    pub status_claim: String,
    /// Footnotes of that status entry.
    pub status_refs: Vec<usize>,
    /// Flags a reader must see: uncertain, weakly sourced.
    pub flags: Vec<&'static str>,
}

/// A disagreement between sources: the topic and every version with its sources.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disagreement {
    /// What the sources disagree about.
    pub topic: String,
    /// Each version (label "Version A", …).
    pub versions: Vec<Line>,
}

/// Everything about one country.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountrySection {
    /// ISO 3166-1 alpha-2 code.
    pub iso2: String,
    /// The country's one name.
    pub name: String,
    /// Shown stations, and stations in the data set.
    pub shown: usize,
    /// Stations of this country in the data set.
    pub total: usize,
    /// The summary paragraph, as sentences with their sources.
    pub summary: Vec<Line>,
    /// The map picture of the country with its shown stations (an `<svg>` element), if made.
    pub map_svg: Option<String>,
    /// One row per shown station.
    pub stations: Vec<StationRow>,
    /// Status changes, government responses and China's statements, by date.
    pub timeline: Vec<Line>,
    /// Where sources disagree.
    pub disagreements: Vec<Disagreement>,
    /// The country record's notes (facts reported about the stations, with their sources).
    pub notes: Vec<Line>,
    /// The country's caveats: published figures against stations placed, gaps, flags, points.
    pub caveats: Vec<Line>,
}

/// A row of the whole-data-set summary table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummaryRow {
    /// ISO code (the section's anchor).
    pub iso2: String,
    /// Country name.
    pub name: String,
    /// Shown stations.
    pub shown: usize,
    /// Responses of the host government known by the timeline date.
    pub responses: usize,
    /// China's statements known by the timeline date.
    pub statements: usize,
    /// The latest response, as "date: action" (or "none").
    pub latest_response: String,
}

/// A source as a numbered footnote: the one citation text, and its URL (a link only when it
/// passes the URL rule, else printed as text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Footnote {
    /// Its number (from 1).
    pub number: usize,
    /// The source's id in the data set.
    pub source_id: String,
    /// Publisher, title, date, tier (`data::source_citation`).
    pub citation: String,
    /// The URL as written in the data file.
    pub url: String,
    /// Whether the URL is http(s) and passes the URL rule (only then is it a link).
    pub is_link: bool,
}

/// A whole dossier, ready to render.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dossier {
    /// The document's title.
    pub title: String,
    /// "Data: … version …, as of …": what the document was made from.
    pub data_line: String,
    /// The timeline date in words (the map picture's caption words).
    pub timeline_words: String,
    /// The filters in words (the map picture's caption words).
    pub filter_words: String,
    /// For the whole data set: one row per country, and what was left out.
    pub summary_table: Option<(Vec<SummaryRow>, String)>,
    /// For the whole data set: the world map (an `<svg>` element).
    pub world_svg: Option<String>,
    /// The countries, in turn.
    pub countries: Vec<CountrySection>,
    /// Caveats of the reports and of the data set, and China's statements about no one country.
    pub general: Vec<(String, Vec<Line>)>,
    /// How to cite this dossier.
    pub how_to_cite: String,
    /// Every source cited, numbered in order of first citation.
    pub footnotes: Vec<Footnote>,
}

/// The dossier of what `model` shows (filters and timeline date as they are) for `scope`, in
/// `format`. Maps are laid out for each country; the model's selection is restored afterwards.
pub fn render(model: &mut Model, scope: &Scope, format: DossierFormat) -> String {
    let dossier = Dossier::build(model, scope);
    match format {
        DossierFormat::Html => html_document(&dossier),
        DossierFormat::Markdown => markdown_document(&dossier),
    }
}
