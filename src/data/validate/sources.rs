//! Rules for `sources[]`: unique ids, a publisher, a link the app may open, a date and a known
//! kind.

use std::collections::HashSet;

use crate::data::model::DataFile;
use crate::data::url_rule::{UrlProblem, check_url};

use super::checker::Checker;

/// Source kinds allowed in `sources[].kind`.
pub const SOURCE_KINDS: [&str; 8] = [
    "report",
    "government",
    "parliament",
    "court",
    "news",
    "repost",
    "blog",
    "other",
];

/// Checks every source and records its id, so that the records checked after can cite it.
pub(super) fn check_sources<'a>(c: &mut Checker<'a>, data: &'a DataFile) {
    let mut seen = HashSet::new();
    for source in &data.sources {
        let duplicate = !seen.insert(source.id.as_str());
        c.source_ids.insert(source.id.as_str());
        let mut r = c.record("id", &source.id);
        if duplicate {
            r.report("id", "duplicate source id; ids must be unique".to_owned());
        }
        r.plain("id", &source.id);
        r.plain("publisher", &source.publisher);
        if source.publisher.trim().is_empty() {
            r.report("publisher", "publisher is empty".to_owned());
        }
        r.plain("title", &source.title);
        if let Some(of) = &source.repost_of {
            r.plain("repost_of", of);
        }
        if source.url.trim().is_empty() {
            r.report("url", "url is empty".to_owned());
        } else if let Some(message) = url_problem(&source.url) {
            r.report("url", message);
        }
        if source.date != "n.d." {
            r.date("date", &source.date, false);
        }
        if !SOURCE_KINDS.contains(&source.kind.as_str()) {
            r.report(
                "kind",
                format!(
                    "{:?} is not a source kind; use one of {}",
                    source.kind,
                    SOURCE_KINDS.join(", ")
                ),
            );
        }
    }
}

/// What is wrong with a source URL under the link opener's rule ([`check_url`]), if anything.
/// A host written differently from the host that is opened (Unicode look-alike letters, escapes,
/// numeric short forms) is refused here although the app can open it: the file must show the
/// reader the site it links to.
fn url_problem(url: &str) -> Option<String> {
    const RULE: &str = "only http and https links are allowed, with a host written as it is opened, no user name or password, and no spaces, backslashes, control, bidi or zero-width characters";
    match check_url(url) {
        Err(problem) => {
            let fix = match problem {
                UrlProblem::Credentials { .. } => "; remove everything up to and including \"@\"",
                _ => "",
            };
            Some(format!("{url:?} is refused: {problem}{fix}; {RULE}"))
        }
        Ok(checked) if checked.host_is_rewritten() => Some(format!(
            "{url:?} is refused: its host {:?} is opened as {} (letters from another script, full-width letters, escapes or a numeric short form can imitate another site); write the host as {}; {RULE}",
            checked.written_host, checked.host, checked.host
        )),
        Ok(_) => None,
    }
}
