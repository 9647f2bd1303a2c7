//! A user-supplied tile URL template (`https://…/{z}/{x}/{y}.png`): checked once when it is
//! entered ([`parse_template`]) so a typo is a sentence for the user, not blank tiles later.

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

use walkers::TileId;
use walkers::sources::{Attribution, TileSource};

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

/// Checks a custom tile URL template: `http` or `https`, a host, and `{z}`, `{x}` and `{y}`
/// placeholders (no others). Errors are sentences meant for the user.
pub fn parse_template(template: &str) -> Result<CustomSource, String> {
    const EXAMPLE: &str = "https://tile.example.org/{z}/{x}/{y}.png";
    let t = template.trim();
    if t.is_empty() {
        return Err(format!(
            "The tile URL template is empty; expected something like {EXAMPLE}"
        ));
    }
    if t.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "{t:?} contains spaces or control characters; a URL template has none"
        ));
    }
    let Some((scheme, rest)) = t.split_once("://") else {
        return Err(format!(
            "{t:?} is not a URL; expected something like {EXAMPLE}"
        ));
    };
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(format!(
            "{t:?}: only http and https are allowed, not {scheme:?}"
        ));
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    if host.is_empty() {
        return Err(format!("{t:?} has no host name"));
    }
    if host.contains(['{', '}']) {
        return Err(format!(
            "{t:?}: placeholders are not allowed in the host name (use one server, e.g. a.tile.example.org)"
        ));
    }
    let valid_host_char = |c: char| c.is_ascii_alphanumeric() || ".-_:[]".contains(c);
    if !host.chars().all(valid_host_char) {
        return Err(format!("{t:?}: {host:?} is not a valid host name"));
    }
    let host_only = match host.rfind(']') {
        Some(end) => &host[..=end],
        None => host.split(':').next().unwrap_or_default(),
    };
    if let Some(port) = host[host_only.len()..].strip_prefix(':')
        && !port.parse::<u16>().is_ok_and(|p| p > 0)
    {
        return Err(format!("{t:?}: {port:?} is not a valid port"));
    }
    if host_only.is_empty() {
        return Err(format!("{t:?} has no host name"));
    }

    let mut names = Vec::new();
    let mut remaining = rest;
    while let Some(open) = remaining.find(['{', '}']) {
        if remaining[open..].starts_with('}') {
            return Err(format!("{t:?}: a '}}' without a matching '{{'"));
        }
        let after = &remaining[open + 1..];
        let Some(close) = after.find('}') else {
            return Err(format!("{t:?}: a '{{' without a matching '}}'"));
        };
        let name = &after[..close];
        if !matches!(name, "z" | "x" | "y") {
            return Err(format!(
                "{t:?}: unknown placeholder {{{name}}}; only {{z}}, {{x}} and {{y}} are supported"
            ));
        }
        names.push(name);
        remaining = &after[close + 1..];
    }
    for wanted in ["z", "x", "y"] {
        if !names.contains(&wanted) {
            return Err(format!("{t:?} has no {{{wanted}}} placeholder"));
        }
    }

    Ok(CustomSource {
        template: t.to_string(),
        host: host.to_string(),
        attribution_text: intern(format!("Tiles: {host}")),
        attribution_url: intern(format!("{scheme}://{host}/")),
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
