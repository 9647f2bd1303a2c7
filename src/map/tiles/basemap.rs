//! Which basemap is drawn ([`Basemap`], the user's remembered choice) and the tile servers
//! behind the choices ([`Provider`]: URL, credit, zoom range and politeness of each).

use std::fmt;

use serde::{Deserialize, Serialize};
use walkers::TileId;
use walkers::sources::{Attribution, OpenStreetMap, OpenTopoMap, OpenTopoServer, TileSource};

use super::template::{CustomSource, TemplateError, parse_template};

/// Parallel downloads for OpenStreetMap and OpenTopoMap: the OSM tile policy allows at most 2.
const PROVIDER_PARALLEL: usize = 2;

/// Parallel downloads for a custom server, whose limits we do not know: modest.
const CUSTOM_PARALLEL: usize = 4;

/// Which basemap is drawn under the countries. Serializable so the choice is remembered.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Basemap {
    /// No tiles: the built-in vector outlines only. Works offline; the default.
    #[default]
    OutlinesOnly,
    /// tile.openstreetmap.org.
    OpenStreetMap,
    /// OpenTopoMap (a/b/c.tile.opentopomap.org).
    OpenTopoMap,
    /// A user-supplied URL template such as `https://tile.example.org/{z}/{x}/{y}.png`.
    Custom(String),
}

impl Basemap {
    /// The fixed choices for a layer switcher, in display order (a custom template comes after).
    pub const PRESETS: [Basemap; 3] = [
        Basemap::OutlinesOnly,
        Basemap::OpenStreetMap,
        Basemap::OpenTopoMap,
    ];

    /// A custom basemap from a template, validated so a typo is reported when it is entered
    /// (e.g. from `--tiles URL_TEMPLATE`) instead of as blank tiles later.
    pub fn from_template(template: &str) -> Result<Basemap, TemplateError> {
        parse_template(template).map(|source| Basemap::Custom(source.template().to_string()))
    }

    /// Whether this basemap downloads anything, so the app can skip network UI when it does not.
    pub fn is_online(&self) -> bool {
        !matches!(self, Basemap::OutlinesOnly)
    }
}

impl fmt::Display for Basemap {
    /// The label in the layer switcher.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Basemap::OutlinesOnly => f.write_str("Outlines only (offline)"),
            Basemap::OpenStreetMap => f.write_str("OpenStreetMap"),
            Basemap::OpenTopoMap => f.write_str("OpenTopoMap"),
            Basemap::Custom(template) => match parse_template(template) {
                Ok(source) => write!(f, "Custom ({})", source.host()),
                Err(_) => f.write_str("Custom URL"),
            },
        }
    }
}

/// The tile servers we know, with their policies. URLs, zoom ranges and OpenTopoMap's credit
/// come from walkers' own sources, so they follow walkers' updates; the downloading does not
/// (walkers' `HttpTiles` has no limits, see the module doc).
#[derive(Clone)]
pub(super) enum Provider {
    OpenStreetMap,
    OpenTopoMap,
    Custom(CustomSource),
}

impl Provider {
    /// The provider behind a basemap; `None` for [`Basemap::OutlinesOnly`]. An invalid custom
    /// template gives the message of [`parse_template`].
    pub(super) fn for_basemap(basemap: &Basemap) -> Result<Option<Provider>, TemplateError> {
        Ok(Some(match basemap {
            Basemap::OutlinesOnly => return Ok(None),
            Basemap::OpenStreetMap => Provider::OpenStreetMap,
            Basemap::OpenTopoMap => Provider::OpenTopoMap,
            Basemap::Custom(template) => Provider::Custom(parse_template(template)?),
        }))
    }

    /// Who to credit, as the provider's terms ask.
    pub(super) fn attribution(&self) -> Attribution {
        match self {
            // Not walkers' `OpenStreetMap` credit, which lacks the "©": the OSM attribution
            // guideline asks for "© OpenStreetMap contributors" linked to the copyright page.
            Provider::OpenStreetMap => Attribution {
                text: "© OpenStreetMap contributors",
                url: "https://www.openstreetmap.org/copyright",
                logo_light: None,
                logo_dark: None,
            },
            Provider::OpenTopoMap => topo_server(0).attribution(),
            Provider::Custom(source) => source.attribution(),
        }
    }

    /// The deepest zoom the server has tiles for; deeper tiles are cut from these.
    pub(super) fn max_zoom(&self) -> u8 {
        match self {
            Provider::OpenStreetMap => OpenStreetMap.max_zoom(),
            Provider::OpenTopoMap => topo_server(0).max_zoom(),
            Provider::Custom(source) => source.max_zoom(),
        }
    }

    /// How many downloads may run at once.
    pub(super) fn max_parallel(&self) -> usize {
        match self {
            Provider::OpenStreetMap | Provider::OpenTopoMap => PROVIDER_PARALLEL,
            Provider::Custom(_) => CUSTOM_PARALLEL,
        }
    }

    /// The URL of one tile.
    pub(super) fn url(&self, tile: TileId) -> String {
        match self {
            Provider::OpenStreetMap => OpenStreetMap.tile_url(tile),
            // Spread over the three servers the way OpenTopoMap's own site does; a given tile
            // always goes to the same server so the cache key stays stable.
            Provider::OpenTopoMap => {
                topo_server(u64::from(tile.x) + u64::from(tile.y)).tile_url(tile)
            }
            Provider::Custom(source) => source.url(tile),
        }
    }
}

/// OpenTopoMap's server `a`, `b` or `c` for a number (taken modulo 3).
fn topo_server(k: u64) -> OpenTopoMap {
    OpenTopoMap(match k % 3 {
        0 => OpenTopoServer::A,
        1 => OpenTopoServer::B,
        _ => OpenTopoServer::C,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_urls_and_zoom_ranges_are_those_of_before_walkers_sources() {
        let tile = TileId {
            x: 5,
            y: 7,
            zoom: 4,
        };
        assert_eq!(
            Provider::OpenStreetMap.url(tile),
            "https://tile.openstreetmap.org/4/5/7.png"
        );
        // (5 + 7) % 3 == 0: server a; the server depends on the tile only.
        assert_eq!(
            Provider::OpenTopoMap.url(tile),
            "https://a.tile.opentopomap.org/4/5/7.png"
        );
        let next = TileId { x: 6, ..tile };
        assert!(Provider::OpenTopoMap.url(next).starts_with("https://b."));
        assert_eq!(Provider::OpenStreetMap.max_zoom(), 19);
        assert_eq!(Provider::OpenTopoMap.max_zoom(), 17);
        assert!(
            Provider::OpenTopoMap
                .attribution()
                .text
                .contains("© OpenTopoMap")
        );
    }
}
