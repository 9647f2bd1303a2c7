//! Footnote numbering for a dossier: one number per source per document, given in the order of
//! first citation. The document is built in the order it is read, so the numbers run in order.

use std::collections::HashMap;

use super::{Footnote, Line};
use crate::data::{self, DataSet};

/// The sources cited so far in one document.
pub(super) struct Refs<'a> {
    data: &'a DataSet,
    order: Vec<&'a str>,
    numbers: HashMap<&'a str, usize>,
}

impl<'a> Refs<'a> {
    pub(super) fn new(data: &'a DataSet) -> Self {
        Self {
            data,
            order: Vec::new(),
            numbers: HashMap::new(),
        }
    }

    /// The numbers of these sources (numbering new ones), ascending, each once.
    pub(super) fn cite(&mut self, ids: &'a [String]) -> Vec<usize> {
        let mut numbers: Vec<usize> = ids
            .iter()
            .map(|id| {
                *self.numbers.entry(id.as_str()).or_insert_with(|| {
                    self.order.push(id.as_str());
                    self.order.len()
                })
            })
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        numbers
    }

    /// A statement with its sources cited.
    pub(super) fn line(
        &mut self,
        date: String,
        label: String,
        text: &str,
        ids: &'a [String],
    ) -> Line {
        Line {
            date,
            label,
            text: text.to_owned(),
            refs: self.cite(ids),
            weak: self.data.is_weak(ids),
        }
    }

    /// The footnotes, in number order. A source id that names no source (validation refuses
    /// such files) still gets its footnote, saying so, so that no number is left unexplained.
    pub(super) fn footnotes(&self) -> Vec<Footnote> {
        self.order
            .iter()
            .enumerate()
            .map(|(k, id)| match self.data.source(id) {
                Some(source) => Footnote {
                    number: k + 1,
                    source_id: (*id).to_owned(),
                    citation: data::source_citation(source),
                    url: source.url.clone(),
                    is_link: is_link(&source.url),
                },
                None => Footnote {
                    number: k + 1,
                    source_id: (*id).to_owned(),
                    citation: format!("source {id} is not in the data set"),
                    url: String::new(),
                    is_link: false,
                },
            })
            .collect()
    }
}

/// Whether a URL may become a link: it passes the URL rule (which admits only http and https).
pub(super) fn is_link(url: &str) -> bool {
    data::check_url(url).is_ok_and(|u| matches!(u.url.scheme(), "http" | "https"))
}
