//! Links to sources: only `http`/`https` URLs are ever opened, the full URL is shown on hover,
//! and anything else is shown as plain text.

use egui::{RichText, Ui};

use crate::data::{DataSet, Source};

/// Whether a URL may be opened: `http://` or `https://` with a host, no whitespace or control
/// characters. Everything else (`javascript:`, `file:`, `data:`, custom schemes) is refused.
pub fn is_openable(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    let rest = if let Some(rest) = lower.strip_prefix("https://") {
        rest
    } else if let Some(rest) = lower.strip_prefix("http://") {
        rest
    } else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    !host.is_empty() && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Opens links in the system browser, or records them (tests never start a browser).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum LinkOpener {
    /// The system's default browser.
    #[default]
    System,
    /// Remember the URLs instead of opening them.
    Record(Vec<String>),
}

impl LinkOpener {
    /// Opens `url` if it is an http(s) URL; returns whether it was accepted.
    pub fn open(&mut self, url: &str) -> bool {
        if !is_openable(url) {
            log::warn!("refused to open a link that is not http(s): {url:?}");
            return false;
        }
        match self {
            Self::System => {
                let url = url.trim().to_owned();
                // Opening can block for a moment while the browser starts; keep the UI responsive.
                std::thread::spawn(move || {
                    if let Err(err) = webbrowser::open(&url) {
                        log::warn!("could not open {url}: {err}");
                    }
                });
            }
            Self::Record(opened) => opened.push(url.trim().to_owned()),
        }
        true
    }
}

/// One line of citation for a source: publisher, title, date.
pub fn citation(source: &Source) -> String {
    let mut text = source.publisher.clone();
    if !source.title.is_empty() {
        text.push_str(", ");
        if source.title.starts_with('[') {
            text.push_str(&source.title);
        } else {
            text.push('“');
            text.push_str(&source.title);
            text.push('”');
        }
    }
    text.push_str(", ");
    text.push_str(&source.date);
    if source.date_approximate {
        text.push_str(" (approx.)");
    }
    if let Some(of) = source.repost_of.as_deref().filter(|s| !s.is_empty()) {
        text.push_str(&format!(" (repost of {of})"));
    }
    if let Some(tier) = source.tier {
        text.push_str(&format!(" · {}", tier.label()));
    }
    text
}

/// Shows the sources for a statement, one per line, each a link to its URL.
pub fn sources_ui(ui: &mut Ui, data: &DataSet, ids: &[String], links: &mut LinkOpener) {
    ui.indent("sources", |ui| {
        for id in ids {
            match data.source(id) {
                Some(source) => source_link(ui, source, links),
                None => {
                    ui.label(
                        RichText::new(format!("Source {id:?} is missing from the data file"))
                            .small()
                            .italics(),
                    );
                }
            }
        }
        if data.is_weak(ids) {
            ui.label(
                RichText::new("weakly sourced: only reposts or aggregators support this")
                    .small()
                    .color(ui.visuals().warn_fg_color),
            );
        }
    });
}

fn source_link(ui: &mut Ui, source: &Source, links: &mut LinkOpener) {
    let text = citation(source);
    if is_openable(&source.url) {
        let response = ui
            .link(RichText::new(text).small())
            .on_hover_text(format!("Open in browser:\n{}", source.url));
        if response.clicked() {
            links.open(&source.url);
        }
        response.context_menu(|ui| {
            if ui.button("Copy link").clicked() {
                ui.ctx().copy_text(source.url.clone());
                ui.close();
            }
        });
    } else {
        // Never opened: shown as text so the reader can judge it.
        ui.label(
            RichText::new(format!(
                "{} — {} (not an http(s) link; not opened)",
                citation(source),
                source.url
            ))
            .small(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_links_are_openable() {
        assert!(is_openable("https://example.org/a?b#c"));
        assert!(is_openable("HTTP://example.org"));
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,hi",
            "mailto:a@b.c",
            "ftp://example.org",
            "https://",
            "https://exa mple.org",
            "steam://run/1",
            "",
        ] {
            assert!(!is_openable(bad), "{bad:?} must not be openable");
        }
    }

    #[test]
    fn the_recording_opener_refuses_non_http_links() {
        let mut opener = LinkOpener::Record(Vec::new());
        assert!(!opener.open("javascript:alert(1)"));
        assert!(opener.open("https://example.org"));
        assert_eq!(
            opener,
            LinkOpener::Record(vec!["https://example.org".into()])
        );
    }
}
