//! A user-supplied tile URL template (`https://…/{z}/{x}/{y}.png`): checked once when it is
//! entered ([`parse_template`]) so a typo is a sentence for the user, not blank tiles later.

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

use walkers::TileId;
use walkers::sources::{Attribution, TileSource};

use crate::data::{UrlProblem, check_url};

/// A validated custom tile URL template; a walkers [`TileSource`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomSource {
    template: String,
    host: String,
    attribution_text: &'static str,
    attribution_url: &'static str,
}

impl CustomSource {
    /// The template as given (trimmed).
    pub fn template(&self) -> &str {
        &self.template
    }

    /// The server's host (with port, if any), shown in the attribution.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The URL of one tile.
    pub fn url(&self, tile: TileId) -> String {
        self.template
            .replace("{z}", &tile.zoom.to_string())
            .replace("{x}", &tile.x.to_string())
            .replace("{y}", &tile.y.to_string())
    }
}

impl TileSource for CustomSource {
    fn tile_url(&self, tile_id: TileId) -> String {
        self.url(tile_id)
    }

    fn attribution(&self) -> Attribution {
        Attribution {
            text: self.attribution_text,
            url: self.attribution_url,
            logo_light: None,
            logo_dark: None,
        }
    }
}

/// An example of a good template, shown when a template is not one.
const EXAMPLE: &str = "https://tile.example.org/{z}/{x}/{y}.png";

/// Why a tile URL template is refused. Messages are sentences meant for the user.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// Nothing but whitespace.
    #[error("The tile URL template is empty; expected something like {EXAMPLE}")]
    Empty,
    /// The URL itself breaks the one URL rule ([`check_url`]): not http(s), no host, spaces,
    /// credentials, a bad port…
    #[error("{template:?} is not a usable URL: {problem}; expected something like {EXAMPLE}")]
    Url {
        /// The template as given (trimmed).
        template: String,
        /// What the URL rule says.
        problem: UrlProblem,
    },
    /// A placeholder in the host (`{s}.tile…`): one server is used.
    #[error(
        "{template:?}: placeholders are not allowed in the host name (use one server, e.g. a.tile.example.org)"
    )]
    PlaceholderInHost {
        /// The template as given (trimmed).
        template: String,
    },
    /// A `{` or `}` without its partner.
    #[error("{template:?}: a '{brace}' without a matching '{}'", if *.brace == '{' { '}' } else { '{' })]
    Unmatched {
        /// The template as given (trimmed).
        template: String,
        /// The brace found alone.
        brace: char,
    },
    /// A placeholder other than `{z}`, `{x}`, `{y}`.
    #[error(
        "{template:?}: unknown placeholder {{{name}}}; only {{z}}, {{x}} and {{y}} are supported"
    )]
    UnknownPlaceholder {
        /// The template as given (trimmed).
        template: String,
        /// The name between the braces.
        name: String,
    },
    /// One of `{z}`, `{x}`, `{y}` is missing.
    #[error("{template:?} has no {{{name}}} placeholder")]
    MissingPlaceholder {
        /// The template as given (trimmed).
        template: String,
        /// `z`, `x` or `y`.
        name: &'static str,
    },
}

/// Checks a custom tile URL template: `{z}`, `{x}` and `{y}` placeholders (no others, none in
/// the host), and, with them filled in, a URL that passes the one URL rule ([`check_url`]: `http`
/// or `https`, a host, no credentials, whitespace or hidden characters), as every link does.
pub fn parse_template(template: &str) -> Result<CustomSource, TemplateError> {
    let t = template.trim();
    if t.is_empty() {
        return Err(TemplateError::Empty);
    }
    let owned = || t.to_owned();
    let authority = t.split_once("://").map_or("", |(_, rest)| {
        rest.split(['/', '?', '#']).next().unwrap_or_default()
    });
    if authority.contains(['{', '}']) {
        return Err(TemplateError::PlaceholderInHost { template: owned() });
    }

    let mut names = Vec::new();
    let mut remaining = t;
    while let Some(open) = remaining.find(['{', '}']) {
        if remaining[open..].starts_with('}') {
            return Err(TemplateError::Unmatched {
                template: owned(),
                brace: '}',
            });
        }
        let after = &remaining[open + 1..];
        let Some(close) = after.find('}') else {
            return Err(TemplateError::Unmatched {
                template: owned(),
                brace: '{',
            });
        };
        let name = &after[..close];
        if !matches!(name, "z" | "x" | "y") {
            return Err(TemplateError::UnknownPlaceholder {
                template: owned(),
                name: name.to_owned(),
            });
        }
        names.push(name);
        remaining = &after[close + 1..];
    }
    for name in ["z", "x", "y"] {
        if !names.contains(&name) {
            return Err(TemplateError::MissingPlaceholder {
                template: owned(),
                name,
            });
        }
    }

    // The URL of tile 0/0/0 is what the rule judges: the placeholders are then digits.
    let example = t
        .replace("{z}", "0")
        .replace("{x}", "0")
        .replace("{y}", "0");
    let checked = check_url(&example).map_err(|problem| TemplateError::Url {
        template: owned(),
        problem,
    })?;
    let host = match checked.url.port() {
        Some(port) => format!("{}:{port}", checked.host),
        None => checked.host,
    };
    Ok(CustomSource {
        template: t.to_string(),
        attribution_text: intern(format!("Tiles: {host}")),
        attribution_url: intern(format!("{}://{host}/", checked.url.scheme())),
        host,
    })
}

/// walkers' [`Attribution`] holds `&'static str`; a custom host's text is made static once per
/// distinct string, so recreating layers does not leak repeatedly.
fn intern(text: String) -> &'static str {
    static POOL: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let pool = POOL.get_or_init(Default::default);
    match pool.lock() {
        Ok(mut set) => {
            if let Some(existing) = set.get(text.as_str()) {
                existing
            } else {
                let leaked: &'static str = Box::leak(text.into_boxed_str());
                set.insert(leaked);
                leaked
            }
        }
        Err(_) => Box::leak(text.into_boxed_str()),
    }
}
