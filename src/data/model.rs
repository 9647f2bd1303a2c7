//! The data set's types, as stored in `assets/stations.json` (see `docs/data-format.md`).
//!
//! These types mirror the file one to one; anything derived (per-country aggregates, indexes)
//! lives in [`crate::data::DataSet`]. (About 600 lines because every type of the format is here,
//! in the order `docs/data-format.md` documents them, with its doc comments; splitting the format
//! across files would make checking it against the document harder.)

use serde::{Deserialize, Serialize};

/// The whole data file.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DataFile {
    /// Title, version, as-of date, caveats, changelog.
    pub meta: Meta,
    /// Publications that list stations.
    #[serde(default)]
    pub reports: Vec<Report>,
    /// Every source cited anywhere in the file.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// One record per reported station.
    #[serde(default)]
    pub stations: Vec<Station>,
    /// Per-country responses, statements and disagreements.
    #[serde(default)]
    pub countries: Vec<CountryRecord>,
    /// Statements that concern no single country.
    #[serde(default)]
    pub global: Global,
}

/// Description of the data set itself.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Human-readable title.
    pub title: String,
    /// Version of the data set (semver).
    pub version: String,
    /// Date the research behind the file was last checked.
    pub as_of: String,
    /// License of the compilation.
    #[serde(default)]
    pub license: String,
    /// What the data is and how it was collected.
    #[serde(default)]
    pub description: String,
    /// Caveats shown in the About window.
    #[serde(default)]
    pub caveats: Vec<String>,
    /// What was added or corrected, when and why.
    #[serde(default)]
    pub changelog: Vec<ChangelogEntry>,
}

/// One entry of [`Meta::changelog`].
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ChangelogEntry {
    /// When.
    pub date: String,
    /// Data set version.
    #[serde(default)]
    pub version: String,
    /// What changed and why.
    pub summary: String,
}

/// A publication that lists stations (an NGO report, a government statement, a press report).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Unique id, referenced by [`Station::listed_in`].
    pub id: String,
    /// Full title.
    pub title: String,
    /// Short title for lists and filters.
    #[serde(default)]
    pub short_title: String,
    /// Who published it.
    #[serde(default)]
    pub publisher: String,
    /// `ngo_report`, `government`, `parliament` or `press`.
    #[serde(default)]
    pub kind: String,
    /// Publication date.
    #[serde(default)]
    pub date: String,
    /// Ids of earlier reports whose stations this report's headline figure also counts.
    #[serde(default)]
    pub includes: Vec<String>,
    /// Later revisions of the publication.
    #[serde(default)]
    pub revisions: Vec<Revision>,
    /// The publication's own headline figures.
    #[serde(default)]
    pub headline: Option<Headline>,
    /// Further sourced facts from or about the publication (e.g. figures it quotes).
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Sources for the publication itself.
    #[serde(default)]
    pub sources: Vec<String>,
}

impl Report {
    /// The short title, or the full title when no short one is given.
    pub fn display_title(&self) -> &str {
        if self.short_title.is_empty() {
            &self.title
        } else {
            &self.short_title
        }
    }
}

/// A revision of a report.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    /// When it was revised.
    pub date: String,
    /// What the revision changed.
    #[serde(default)]
    pub note: String,
    /// Sources.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// A report's headline figures, as published.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Headline {
    /// Number of stations the report counts, if it gives one.
    #[serde(default)]
    pub stations: Option<u32>,
    /// Number of countries the report counts, if it gives one.
    #[serde(default)]
    pub countries: Option<u32>,
    /// Whether the station figure is a lower bound ("at least 102").
    #[serde(default)]
    pub stations_at_least: bool,
    /// Bureaus the report names.
    #[serde(default)]
    pub bureaus: Vec<String>,
    /// The figures in words.
    #[serde(default)]
    pub text: String,
    /// Sources.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// A cited source.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Unique id, referenced from `sources` arrays.
    pub id: String,
    /// The outlet or institution.
    pub publisher: String,
    /// Page title, or a neutral description in square brackets.
    #[serde(default)]
    pub title: String,
    /// Publication date, or `n.d.`.
    #[serde(default)]
    pub date: String,
    /// Whether the date is approximate.
    #[serde(default)]
    pub date_approximate: bool,
    /// Where to read it.
    pub url: String,
    /// `report`, `government`, `parliament`, `court`, `news`, `repost`, `blog` or `other`.
    #[serde(default)]
    pub kind: String,
    /// For reposts: whose story the page reproduces.
    #[serde(default)]
    pub repost_of: Option<String>,
    /// How close the page is to the original: primary document, original outlet, repost or
    /// aggregator. Files from before tiers existed have none (shown as "tier not given").
    #[serde(default)]
    pub tier: Option<Tier>,
}

impl Source {
    /// Whether the title is a description in square brackets rather than the page's own title.
    pub fn title_is_description(&self) -> bool {
        title_is_description(&self.title)
    }
}

/// Whether a title is a neutral description in square brackets (`[Summary of …]`, `[title not
/// shown …] slug`) rather than the page's own title. A page title may itself start with a
/// bracketed tag without spaces (a blog's `[90]中国秘密警察 …`, a site's `[Update] …`); words in the
/// leading brackets are what marks a description. The one rule for `check`, citations and the panel.
pub fn title_is_description(title: &str) -> bool {
    let Some(rest) = title.trim_start().strip_prefix('[') else {
        return false;
    };
    match rest.split_once(']') {
        Some((inside, _)) => inside.contains(char::is_whitespace),
        None => true,
    }
}

/// How close a source is to the original: the order in which sources are preferred.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// The report itself, a government, court or parliament record, a ministry transcript.
    Primary,
    /// The outlet that first published the story, or its own reporting.
    Original,
    /// A copy of another outlet's story.
    Repost,
    /// Summaries, mirrors, forums and partisan sites re-telling others' reporting.
    Aggregator,
}

impl Tier {
    /// All values, most direct first.
    pub const ALL: [Self; 4] = [
        Self::Primary,
        Self::Original,
        Self::Repost,
        Self::Aggregator,
    ];

    /// A short label for the UI and citations.
    pub fn label(self) -> &'static str {
        match self {
            Self::Primary => "primary",
            Self::Original => "original",
            Self::Repost => "repost",
            Self::Aggregator => "aggregator",
        }
    }

    /// Whether a claim resting only on sources of this tier is weakly sourced.
    pub fn is_weak(self) -> bool {
        matches!(self, Self::Repost | Self::Aggregator)
    }
}

/// Who makes a claim: the actor as the source names them, and what kind of actor that is.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Claimant {
    /// Who, as named by the source ("RCMP", "PRC embassy in London", "The Globe and Mail").
    pub actor: String,
    /// One of [`crate::data::ACTOR_KINDS`].
    pub kind: String,
}

/// A reported station.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Station {
    /// Unique id, e.g. `es-madrid-1`.
    pub id: String,
    /// ISO 3166-1 alpha-2 code of the host country.
    pub country: String,
    /// City as reported; empty when unknown.
    #[serde(default)]
    pub city: String,
    /// Where it is drawn and how precisely that is known.
    pub location: Location,
    /// Operating bureau, normalised (see [`crate::data::BUREAUS`]).
    #[serde(default = "unknown")]
    pub bureau: String,
    /// Qualifiers of the bureau attribution from the research.
    #[serde(default)]
    pub bureau_note: Option<String>,
    /// Report ids that list the station.
    #[serde(default)]
    pub listed_in: Vec<String>,
    /// Date first publicly reported.
    #[serde(default)]
    pub first_reported: String,
    /// Whether `first_reported` is approximate.
    #[serde(default)]
    pub first_reported_approximate: bool,
    /// Cover organisation or address, as reported.
    #[serde(default)]
    pub cover: String,
    /// Whether the research marks the station as uncertain.
    #[serde(default)]
    pub uncertain: bool,
    /// Further sourced notes, including disagreements about this station.
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Dated status history, oldest first.
    #[serde(default)]
    pub status: Vec<StatusEvent>,
    /// Sources for the listing, city, cover and bureau.
    #[serde(default)]
    pub sources: Vec<String>,
}

fn unknown() -> String {
    "unknown".to_owned()
}

impl Station {
    /// The current status: the most recent entry that is not `other` (restatements, notes of
    /// diplomatic exchanges), else the most recent entry. The history is kept oldest first.
    pub fn latest_status(&self) -> Option<&StatusEvent> {
        self.status
            .iter()
            .rev()
            .find(|e| e.status != "other")
            .or_else(|| self.status.last())
    }

    /// The city, or a placeholder that says it is not known.
    pub fn display_city(&self) -> &str {
        if self.city.trim().is_empty() {
            "location not reported"
        } else {
            &self.city
        }
    }
}

/// A station's coordinates and their precision.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// Latitude, degrees north.
    pub lat: f64,
    /// Longitude, degrees east.
    pub lon: f64,
    /// How precise the point is: `address`, `district`, `city`, `region` or `country`.
    pub precision: Precision,
    /// How the coordinates were chosen.
    #[serde(default)]
    pub note: String,
    /// Whether a street address or premises has been reported (see the station's `cover`). A
    /// separate fact from the point's precision: the point is where the gazetteer puts the place.
    #[serde(default)]
    pub premises_reported: bool,
    /// The gazetteer record the point was taken from.
    #[serde(default)]
    pub gazetteer: Option<GazetteerRef>,
}

/// The gazetteer record a station's point comes from.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GazetteerRef {
    /// Which gazetteer, and the package and version that shipped it.
    pub dataset: String,
    /// GeoNames id of the record, where the package gives one.
    #[serde(default)]
    pub geonames_id: Option<u64>,
    /// The record's name.
    #[serde(default)]
    pub name: String,
    /// The record's latitude.
    pub lat: f64,
    /// The record's longitude.
    pub lon: f64,
    /// Why no finer record applies, if one was looked for and not found.
    #[serde(default)]
    pub why_none: Option<String>,
}

/// How precisely a station's location is known.
#[derive(
    Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq, Hash, PartialOrd, Ord,
)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// The point is at the reported street address or premises.
    Address,
    /// The point is a district or neighbourhood (e.g. Croydon, Songpa).
    District,
    /// Only the city is known.
    #[default]
    City,
    /// Only a region is known.
    Region,
    /// Only the country is known.
    Country,
}

impl Precision {
    /// All values, most precise first.
    pub const ALL: [Self; 5] = [
        Self::Address,
        Self::District,
        Self::City,
        Self::Region,
        Self::Country,
    ];

    /// The name in data files and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::Address => "address",
            Self::District => "district",
            Self::City => "city",
            Self::Region => "region",
            Self::Country => "country",
        }
    }

    /// A short label for the UI.
    pub fn label(self) -> &'static str {
        match self {
            Self::Address => "at the address",
            Self::District => "district-level",
            Self::City => "city-level",
            Self::Region => "region-level",
            Self::Country => "country-level",
        }
    }

    /// What the precision means for the drawn position.
    pub fn explanation(self) -> &'static str {
        match self {
            Self::Address => "the marker is at the reported address",
            Self::District => "the marker is the gazetteer point of the district or neighbourhood",
            Self::City => "the marker is the gazetteer point of the city",
            Self::Region => "only the region is known; the marker is the region's gazetteer point",
            Self::Country => "only the country is known; the marker is at the capital",
        }
    }
}

/// A sourced free-text note.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// The statement.
    pub text: String,
    /// Sources.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// One entry of a station's status history.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct StatusEvent {
    /// When.
    pub date: String,
    /// Whether the date is approximate.
    #[serde(default)]
    pub date_approximate: bool,
    /// Who says so.
    #[serde(default)]
    pub claimed_by: Option<Claimant>,
    /// What kind of event (see [`crate::data::STATUSES`]).
    pub status: String,
    /// What happened, in words.
    #[serde(default)]
    pub text: String,
    /// Sources.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// Per-country record: responses, China's position, notes, disagreements.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CountryRecord {
    /// ISO 3166-1 alpha-2 code.
    pub iso2: String,
    /// Country name.
    #[serde(default)]
    pub name: String,
    /// Per-report station figures for this country, as published.
    #[serde(default)]
    pub report_counts: Vec<ReportCount>,
    /// Host government's responses, oldest first.
    #[serde(default)]
    pub responses: Vec<Response>,
    /// Statements by PRC authorities about this country's stations.
    #[serde(default)]
    pub china_position: Vec<Statement>,
    /// Other sourced context.
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Where sources disagree.
    #[serde(default)]
    pub disagreements: Vec<Disagreement>,
    /// Stations counted for this country by a report that could not be placed, and what is known.
    #[serde(default)]
    pub gaps: Vec<Note>,
    /// When the record was last checked against the public record.
    #[serde(default)]
    pub last_checked: String,
}

/// A report's published station figure for one country.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ReportCount {
    /// Report id.
    pub report: String,
    /// Number of stations, if given.
    #[serde(default)]
    pub stations: Option<u32>,
    /// The figure in words.
    #[serde(default)]
    pub text: String,
    /// Sources.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// A dated response of a host government.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// When.
    pub date: String,
    /// Whether the date is approximate.
    #[serde(default)]
    pub date_approximate: bool,
    /// Who acted.
    #[serde(default)]
    pub actor: String,
    /// Who says so (may differ from the actor: a newspaper reporting a ministry's decision).
    #[serde(default)]
    pub claimed_by: Option<Claimant>,
    /// What kind of action (see [`crate::data::STATUSES`]).
    #[serde(default)]
    pub action: String,
    /// What happened, in words.
    pub text: String,
    /// Sources.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// A dated statement by a PRC authority.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    /// When, if known.
    #[serde(default)]
    pub date: String,
    /// Whether the date is approximate.
    #[serde(default)]
    pub date_approximate: bool,
    /// Who said it.
    #[serde(default)]
    pub actor: String,
    /// What was said.
    pub text: String,
    /// Sources.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// Two or more sources that say different things.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Disagreement {
    /// What the disagreement is about.
    pub topic: String,
    /// Stations it concerns, if any.
    #[serde(default)]
    pub station_ids: Vec<String>,
    /// Each version with its sources.
    pub versions: Vec<Version>,
}

/// One side of a [`Disagreement`].
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Version {
    /// What this side says.
    pub claim: String,
    /// Sources.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// Statements that concern no single country.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Global {
    /// PRC statements about the stations in general.
    #[serde(default)]
    pub china_position: Vec<Statement>,
    /// Critiques of the reports.
    #[serde(default)]
    pub critiques: Vec<Note>,
    /// Disagreements not tied to one country.
    #[serde(default)]
    pub disagreements: Vec<Disagreement>,
    /// What could not be placed against the headline figures.
    #[serde(default)]
    pub gaps: Vec<Note>,
}
