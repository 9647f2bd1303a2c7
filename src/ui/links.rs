//! Links to sources: only `http`/`https` URLs are ever opened, the real host (in ASCII) and the
//! full URL are shown on hover, and anything else is shown as plain text.

use egui::{Context, OpenUrl};

use super::browser;
use crate::data::{CheckedUrl, check_url, printable};

/// Whether a URL may be opened, by the one rule that `check` also applies ([`check_url`]):
/// `http://` or `https://` with a host, no user name or password, no whitespace, backslash,
/// control, bidi or zero-width character. Everything else (`javascript:`, `file:`, `data:`,
/// custom schemes, `https://www.bbc.co.uk@127.0.0.1/`) is refused.
pub fn is_openable(url: &str) -> bool {
    check_url(url).is_ok()
}

/// What the pointer shows over a link before it is opened: the host that is really contacted,
/// in ASCII (a look-alike Unicode host shows as `xn--…`), then the full URL as it is read.
pub(super) fn hover_text(checked: &CheckedUrl) -> String {
    let mut text = format!("Opens {}", checked.host);
    if checked.host_is_rewritten() {
        // Never the Unicode form: look-alike letters are exactly what it would show.
        text.push_str(
            " (the link writes this host differently, e.g. with letters from another script)",
        );
    }
    text.push('\n');
    text.push_str(checked.url.as_str());
    text
}

/// Opens links in the system browser, or records them (tests never start a browser).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum LinkOpener {
    /// The system's default browser. On Linux and the BSDs the app starts `$BROWSER` or
    /// `xdg-open` itself and waits for it (`ui::browser`), so no defunct child is left
    /// behind; elsewhere, and if no launcher starts, egui's `OpenUrl` command, which eframe (its
    /// `links` feature) hands to the platform.
    #[default]
    System,
    /// This command, written as a `$BROWSER` value is, instead of the environment's (tests use
    /// a local script).
    Browser(String),
    /// Remember the URLs instead of opening them.
    Record(Vec<String>),
}

impl LinkOpener {
    /// Opens `url` if it passes [`check_url`]; returns whether it was accepted.
    pub fn open(&mut self, ctx: &Context, url: &str) -> bool {
        if let Err(problem) = check_url(url) {
            log::warn!("refused to open the link {:?}: {problem}", printable(url));
            return false;
        }
        // The text as written: `check_url` found nothing in it that a browser reads differently
        // from how it parsed it.
        let url = url.trim().to_owned();
        match self {
            Self::System if LAUNCH_OURSELVES => {
                let browser = std::env::var("BROWSER").ok();
                let commands = browser::system_commands(&url, browser.as_deref());
                launch_or_hand_over(ctx, url, &commands);
            }
            Self::System => ctx.open_url(OpenUrl::new_tab(url)),
            Self::Browser(command) => {
                let commands = browser::browser_commands(&url, command);
                launch_or_hand_over(ctx, url, &commands);
            }
            Self::Record(opened) => opened.push(url),
        }
        true
    }
}

/// Where `webbrowser` (behind eframe's `OpenUrl`) starts a child process and never waits for it.
const LAUNCH_OURSELVES: bool = cfg!(all(
    unix,
    not(any(
        target_os = "macos",
        target_os = "ios",
        target_os = "android"
    ))
));

/// Starts the browser and waits for it; if no launcher can be started (a sandbox, an unusual
/// desktop), eframe's own way is tried, which knows more of them.
fn launch_or_hand_over(ctx: &Context, url: String, commands: &[Vec<String>]) {
    if let Err(err) = browser::launch(commands) {
        log::info!("no browser launcher started ({err}); handing the link to eframe");
        ctx.open_url(OpenUrl::new_tab(url));
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
            "https://www.bbc.co.uk@127.0.0.1/",
            "https://user:password@example.org/",
            "https://example.org/\u{202e}fdp.exe",
            "https://exa\u{200b}mple.org/",
            "https://example.org/\u{feff}",
            "http:/example.org",
        ] {
            assert!(!is_openable(bad), "{bad:?} must not be openable");
        }
    }

    #[test]
    fn the_hover_shows_a_look_alike_host_in_punycode_before_the_url() {
        // "bbс" with a Cyrillic es (U+0441): looks like bbc.co.uk, is another domain.
        let checked = check_url("https://www.bb\u{441}.co.uk/news").expect("openable");
        let hover = hover_text(&checked);
        let (first, url) = hover.split_once('\n').expect("two lines");
        assert!(first.starts_with("Opens www.xn--bb-"), "{hover}");
        assert!(first.contains("writes this host differently"), "{hover}");
        assert!(url.starts_with("https://www.xn--bb-"), "{hover}");
        assert!(url.ends_with(".co.uk/news"), "{hover}");
        assert!(!hover.contains('\u{441}'), "{hover}");

        let plain = hover_text(&check_url("HTTPS://Example.ORG/a").expect("openable"));
        assert_eq!(plain, "Opens example.org\nhttps://example.org/a");
    }

    #[test]
    fn the_recording_opener_refuses_non_http_links() {
        let ctx = Context::default();
        let mut opener = LinkOpener::Record(Vec::new());
        assert!(!opener.open(&ctx, "javascript:alert(1)"));
        assert!(!opener.open(&ctx, "https://www.bbc.co.uk@127.0.0.1/"));
        assert!(opener.open(&ctx, "https://example.org"));
        assert_eq!(
            opener,
            LinkOpener::Record(vec!["https://example.org".into()])
        );
    }

    /// What eframe receives when no launcher starts: an `OpenUrl` command for an accepted link,
    /// nothing for a refused one. (`System` itself would start the machine's browser here.)
    #[test]
    fn a_link_no_launcher_takes_goes_to_the_platform_and_a_refused_one_nowhere() {
        let ctx = Context::default();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let mut opener = LinkOpener::Browser("/nonexistent/overseas-stations-browser".into());
            assert!(!opener.open(ui.ctx(), "file:///etc/passwd"));
            assert!(opener.open(ui.ctx(), "https://example.org/a"));
        });
        // No renderer here to take the font texture.
        output.textures_delta.clear();
        let opened: Vec<&str> = output
            .platform_output
            .commands
            .iter()
            .filter_map(|command| match command {
                egui::OutputCommand::OpenUrl(open) => Some(open.url.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(opened, ["https://example.org/a"]);
    }
}
