//! The one rule for links in a data file: which URLs `check` accepts and the app opens, and the
//! host a reader is shown before opening one.
//!
//! A URL is parsed the way browsers parse it (WHATWG, through the `url` crate), so the host
//! found here is the host the browser will contact. On top of the parse, the text as written
//! must not be able to mislead a reader: no user name or password before the host
//! (`https://www.bbc.co.uk@127.0.0.1/` opens 127.0.0.1), no invisible or reordering characters,
//! no backslashes (which browsers read as slashes).

use url::Url;

use super::load::is_unsafe_char;

/// A URL that passed [`check_url`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedUrl {
    /// The URL as the browser will read it: scheme and host lowercased, the host in ASCII.
    pub url: Url,
    /// The host in ASCII (punycode, `xn--…`, for internationalised names): the site that is
    /// really contacted, and what the app shows before opening the link.
    pub host: String,
    /// The host as written in the file (without the port).
    pub written_host: String,
}

impl CheckedUrl {
    /// Whether the host is written differently from the host that is opened: Unicode letters
    /// (which may be look-alikes from another script, `bbс.com` with a Cyrillic `с`), full-width
    /// letters, percent escapes or a numeric short form of an address. Letter case does not count.
    pub fn host_is_rewritten(&self) -> bool {
        !self.written_host.eq_ignore_ascii_case(&self.host)
    }
}

/// Why a URL is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UrlProblem {
    /// A control, bidirectional or zero-width character anywhere in the text.
    #[error(
        "it contains the control or invisible formatting character {0}, which can hide or reorder what a reader sees"
    )]
    HiddenCharacter(String),
    /// Whitespace anywhere in the text.
    #[error("it contains whitespace")]
    Whitespace,
    /// A backslash, which browsers read as a slash in http(s) URLs.
    #[error("it contains a backslash, which browsers read as \"/\"")]
    Backslash,
    /// Not `http://` or `https://`.
    #[error("it does not start with http:// or https://")]
    NotHttp,
    /// Nothing between `//` and the path.
    #[error("it has no host after \"//\"")]
    NoHost,
    /// `user:password@` before the host: the text before `@` looks like a site but is not one.
    #[error(
        "it has a user name or password before the host (\"…@\"), so it reads like a link to another site; it opens {host}"
    )]
    Credentials {
        /// The host that is really opened.
        host: String,
    },
    /// The text does not parse as a URL.
    #[error("it is not a valid URL ({0})")]
    Invalid(String),
}

/// Characters that may not appear anywhere in a URL: control characters, bidirectional marks,
/// overrides and isolates, zero-width characters, the byte order mark, and the other invisible
/// format characters (soft hyphen, Arabic letter mark, Mongolian vowel separator, interlinear
/// annotations, tags).
pub fn is_hidden_in_url(c: char) -> bool {
    is_unsafe_char(c)
        || matches!(
            c,
            '\u{ad}'
                | '\u{61c}'
                | '\u{180e}'
                | '\u{206a}'..='\u{206f}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{e0000}'..='\u{e007f}'
        )
}

/// Checks a URL from a data file: `http` or `https`, a host, no user name or password, no
/// whitespace, backslash, control, bidirectional or zero-width character in the text as written.
/// Returns the parsed URL with its host in ASCII (punycode) for display.
pub fn check_url(text: &str) -> Result<CheckedUrl, UrlProblem> {
    if let Some(bad) = text.chars().find(|&c| is_hidden_in_url(c)) {
        return Err(UrlProblem::HiddenCharacter(
            bad.escape_unicode().to_string(),
        ));
    }
    if text.chars().any(char::is_whitespace) {
        return Err(UrlProblem::Whitespace);
    }
    if text.contains('\\') {
        return Err(UrlProblem::Backslash);
    }
    // The parser forgives `http:/x` and `https:///x` (both open `x`); a link must say what it
    // opens, so the text itself must read `scheme://host`.
    let (scheme, rest) = text.split_once("://").ok_or(UrlProblem::NotHttp)?;
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return Err(UrlProblem::NotHttp);
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.is_empty() {
        return Err(UrlProblem::NoHost);
    }
    let url = Url::parse(text).map_err(|err| UrlProblem::Invalid(err.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(UrlProblem::NotHttp);
    }
    let host = url.host_str().unwrap_or_default().to_owned();
    if host.is_empty() {
        return Err(UrlProblem::NoHost);
    }
    // `@` in the authority as written, even with an empty user name (`https://@host/`).
    if authority.contains('@') || !url.username().is_empty() || url.password().is_some() {
        return Err(UrlProblem::Credentials { host });
    }
    let written_host = without_port(authority).to_owned();
    Ok(CheckedUrl {
        url,
        host,
        written_host,
    })
}

/// The host part of an authority with no user info: `[::1]:8080` → `[::1]`, `a.org:80` → `a.org`.
fn without_port(authority: &str) -> &str {
    if authority.starts_with('[') {
        return authority
            .find(']')
            .map_or(authority, |end| &authority[..=end]);
    }
    authority
        .rsplit_once(':')
        .map_or(authority, |(host, _port)| host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_and_https_links_pass_with_their_host() {
        for (text, host) in [
            ("https://example.org/a?b#c", "example.org"),
            ("HTTP://Example.ORG", "example.org"),
            ("https://example.org:8443/x", "example.org"),
            ("http://127.0.0.1:8080/", "127.0.0.1"),
            ("http://[::1]:8080/", "[::1]"),
        ] {
            let checked = check_url(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(checked.host, host);
            assert!(!checked.host_is_rewritten(), "{text}");
        }
    }

    #[test]
    fn credentials_before_the_host_are_refused_naming_the_real_host() {
        for text in [
            "https://www.bbc.co.uk@127.0.0.1/",
            "https://user:pass@example.org/",
            "https://@example.org/",
            "https://www.bbc.co.uk:443@evil.example/",
        ] {
            match check_url(text) {
                Err(UrlProblem::Credentials { host }) => assert_ne!(host, "www.bbc.co.uk"),
                other => panic!("{text}: {other:?}"),
            }
        }
    }

    #[test]
    fn hidden_characters_whitespace_and_backslashes_are_refused() {
        for text in [
            "https://example.org/\u{202e}fdp.exe",
            "https://exa\u{200b}mple.org/",
            "\u{feff}https://example.org/",
            "https://example.org/\u{2066}x",
            "https://exam\u{ad}ple.org/",
            "https://example.org/a b",
            "https://example.org/\u{a0}",
            "https://evil.example\\@example.org/",
        ] {
            assert!(check_url(text).is_err(), "{text:?} passed");
        }
    }

    #[test]
    fn forgiving_parses_are_refused() {
        for text in [
            "http:/example.org",
            "https:///example.org",
            "https:example.org",
            "//example.org",
            "javascript://example.org/%0Aalert(1)",
            "ftp://example.org/",
        ] {
            assert!(check_url(text).is_err(), "{text:?} passed");
        }
    }

    #[test]
    fn a_look_alike_host_is_opened_and_shown_in_punycode() {
        // "bbс" with a Cyrillic es (U+0441).
        let checked = check_url("https://www.bb\u{441}.co.uk/news").expect("parses");
        assert!(checked.host.is_ascii());
        assert!(checked.host.starts_with("www.xn--bb-"), "{}", checked.host);
        assert!(checked.host_is_rewritten());
        // Full-width letters, escapes and numeric short forms are rewritten too.
        for text in [
            "https://\u{ff45}xample.org/",
            "https://ex%61mple.org/",
            "http://2130706433/",
            "http://0x7f.1/",
        ] {
            let checked = check_url(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert!(checked.host_is_rewritten(), "{text}: {}", checked.host);
        }
    }
}
