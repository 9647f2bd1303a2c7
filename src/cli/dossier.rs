//! `overseas-stations dossier ISO2|all --output FILE`: the country dossier (or the whole data
//! set's) as one HTML file that stands alone or as Markdown, for the stations the filter flags
//! select and as of `--as-of`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::data;
use crate::dossier::{self, DossierFormat, Scope};
use crate::geo::Outlines;
use crate::state::Model;

use super::filters::FilterArgs;
use super::load::load_or_report;

/// The arguments of `overseas-stations dossier`.
#[derive(Clone, Debug, PartialEq, Eq, clap::Args)]
pub struct DossierArgs {
    /// The country (ISO 3166-1 alpha-2, e.g. ES), or `all` for every country with shown
    /// stations after a summary table.
    #[arg(value_name = "ISO2|all")]
    pub country: String,

    /// The file to write (atomically); its extension (.html, .md) gives the format unless
    /// --format does.
    #[arg(long, short, value_name = "FILE")]
    pub output: PathBuf,

    /// html (one file that stands alone: maps and styles inline, for screen and print) or md
    /// (Markdown with footnotes).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<DossierFormat>,

    /// Which stations to cover (all when none is given), and --as-of for the timeline date.
    #[command(flatten)]
    pub filters: FilterArgs,
}

impl DossierArgs {
    /// These arguments with filter flags given before `dossier` (on the top level) added.
    pub fn with_top_level_filters(&self, top: &FilterArgs) -> Self {
        Self {
            filters: self.filters.merged(top),
            ..self.clone()
        }
    }
}

/// Runs `dossier`: loads and validates the data file (`data`, else the embedded data set),
/// builds the dossier of the country (or of all) for the stations the filter flags select, and
/// writes it. Returns 0 after a one-line summary on standard error (the number of country
/// sections, which CI compares with the printed PDF); 2 for an unknown format or a value that is
/// no country code; 1 after a message for anything else (a country the data set knows nothing
/// about, a bad data file, a failed write).
pub fn run_dossier(args: &DossierArgs, data: Option<&Path>) -> i32 {
    let shown_path = data::printable_path(&args.output);
    let Some(format) = args
        .format
        .or_else(|| DossierFormat::from_path(&args.output))
    else {
        eprintln!(
            "error: {shown_path}: cannot tell the format from the extension; name a .html or .md file or give --format html|md"
        );
        return 2;
    };
    let outlines = match Outlines::embedded() {
        Ok(outlines) => Arc::new(outlines),
        Err(err) => {
            eprintln!("overseas-stations dossier: {err}");
            return 1;
        }
    };
    let code = args.country.trim().to_ascii_uppercase();
    let scope = if code == "ALL" {
        Scope::All
    } else if outlines.index_of(&code).is_none() {
        eprintln!(
            "error: invalid value '{}' for '<ISO2|all>': no country with that ISO 3166-1 alpha-2 code (or `all`)",
            data::printable(&code)
        );
        return 2;
    } else {
        Scope::Country(code)
    };
    let Some(set) = load_or_report(data) else {
        return 1;
    };
    if let Scope::Country(iso) = &scope
        && set.stations_in(iso).next().is_none()
        && set.country_record(iso).is_none()
    {
        eprintln!(
            "overseas-stations dossier: the data set holds nothing about {} ({iso}): no station and no country record",
            outlines.name_of(iso)
        );
        return 1;
    }
    let mut model = Model::new(set, outlines);
    model.set_filters(args.filters.to_filters());
    let built = dossier::Dossier::build(&mut model, &scope);
    let text = match format {
        DossierFormat::Html => dossier::html_document(&built),
        DossierFormat::Markdown => dossier::markdown_document(&built),
    };
    if let Err(err) = crate::write_atomically(&args.output, text.as_bytes()) {
        eprintln!(
            "overseas-stations dossier: {}",
            data::printable(&err.to_string())
        );
        return 1;
    }
    let stations: usize = built.countries.iter().map(|c| c.shown).sum();
    eprintln!(
        "wrote the dossier of {} ({}, {}, {}) to {shown_path} as {format}; {} {}",
        data::printable(match &scope {
            Scope::All => "all countries",
            Scope::Country(iso) => model.country_name(iso),
        }),
        data::count_noun(built.countries.len(), "country section", "country sections"),
        data::count_noun(stations, "station", "stations"),
        data::count_noun(built.footnotes.len(), "source", "sources"),
        built.timeline_words,
        built.filter_words
    );
    0
}
