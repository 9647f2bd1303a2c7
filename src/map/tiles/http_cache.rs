//! The tile downloader's private HTTP cache (RFC 9111 as far as one private client needs):
//! freshness from `Cache-Control`, `Age` and `Expires`, validators for revalidation, and one
//! file per tile URL on disk whose reading is bounded.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use reqwest::header::{AGE, CACHE_CONTROL, DATE, ETAG, EXPIRES, HeaderMap, LAST_MODIFIED};
use serde::{Deserialize, Serialize};

/// The cache's directory under the cache dir (its name is what `is_cache_entry` recognises).
pub(super) const CACHE_SUBDIR: &str = "tiles-v1";

/// Longest metadata line in a cache file (URL and validators), so reading one is bounded.
pub(super) const MAX_META: u64 = 8 * 1024;

/// Longest validator (`ETag`, `Last-Modified`) kept; longer ones are not used.
pub(super) const MAX_VALIDATOR: usize = 512;

/// Longest freshness accepted from a server, so a silly `max-age` cannot pin a tile forever.
pub(super) const MAX_FRESHNESS: u64 = 365 * 24 * 3600;

/// What a response says about caching it.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Policy {
    pub(super) store: bool,
    pub(super) fresh_until: u64,
    pub(super) must_revalidate: bool,
    pub(super) etag: Option<String>,
    pub(super) last_modified: Option<String>,
}

impl Policy {
    pub(super) fn from_headers(headers: &HeaderMap, now: u64) -> Self {
        let mut store = true;
        let mut no_cache = false;
        let mut must_revalidate = false;
        let mut max_age = None;
        for value in headers.get_all(CACHE_CONTROL) {
            let Ok(value) = value.to_str() else { continue };
            for directive in value.split(',') {
                let directive = directive.trim().to_ascii_lowercase();
                let (name, argument) = match directive.split_once('=') {
                    Some((name, argument)) => {
                        (name.trim(), Some(argument.trim().trim_matches('"')))
                    }
                    None => (directive.as_str(), None),
                };
                match name {
                    "no-store" => store = false,
                    "no-cache" => no_cache = true,
                    "must-revalidate" | "proxy-revalidate" => must_revalidate = true,
                    "max-age" => max_age = argument.and_then(|a| a.parse::<u64>().ok()),
                    _ => {}
                }
            }
        }
        let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
        let age = header(AGE)
            .and_then(|a| a.trim().parse::<u64>().ok())
            .unwrap_or(0);
        let lifetime = if no_cache {
            0
        } else if let Some(max_age) = max_age {
            max_age.saturating_sub(age)
        } else if let Some(expires) = header(EXPIRES) {
            // An invalid date (e.g. "0") means already expired.
            let date = header(DATE).and_then(parse_http_date).unwrap_or(now);
            parse_http_date(expires).map_or(0, |expires| expires.saturating_sub(date))
        } else {
            0
        };
        let validator = |name| {
            header(name)
                .filter(|v| v.len() <= MAX_VALIDATOR)
                .map(str::to_string)
        };
        Self {
            store,
            fresh_until: now + lifetime.min(MAX_FRESHNESS),
            must_revalidate,
            etag: validator(ETAG),
            last_modified: validator(LAST_MODIFIED),
        }
    }
}

/// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the only format servers may send
/// (RFC 9110 §5.6.7), into seconds since the Unix epoch.
pub(super) fn parse_http_date(text: &str) -> Option<u64> {
    let parts: Vec<&str> = text.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    let day: i64 = day.parse().ok()?;
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| m == month)? as i64
        + 1;
    let year: i64 = year.parse().ok()?;
    let mut hms = time.split(':').map(|n| n.parse::<i64>().ok());
    let (h, m, s) = (hms.next()??, hms.next()??, hms.next()??);
    if !(1..=31).contains(&day)
        || !(0..24).contains(&h)
        || !(0..60).contains(&m)
        || !(0..61).contains(&s)
    {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    u64::try_from(days * 86_400 + h * 3600 + m * 60 + s).ok()
}

pub(super) fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// What is kept with a cached tile.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(super) struct Meta {
    pub(super) url: String,
    pub(super) fresh_until: u64,
    pub(super) etag: Option<String>,
    pub(super) last_modified: Option<String>,
    pub(super) must_revalidate: bool,
}

pub(super) struct Entry {
    pub(super) meta: Meta,
    pub(super) body: Vec<u8>,
}

/// One file per tile URL: a JSON line of [`Meta`], then the body. Files that are too large,
/// unreadable or for another URL count as missing (and the first two are deleted).
pub(super) struct DiskCache {
    pub(super) dir: PathBuf,
}

impl DiskCache {
    pub(super) fn path(&self, url: &str) -> PathBuf {
        // FNV-1a: stable across builds, unlike std's hasher.
        let hash = url.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        });
        self.dir.join(format!("{hash:016x}"))
    }

    pub(super) fn read(&self, url: &str, max_body: u64) -> Option<Entry> {
        let path = self.path(url);
        let file = std::fs::File::open(&path).ok()?;
        let max_file = max_body.saturating_add(MAX_META);
        if !file
            .metadata()
            .is_ok_and(|m| m.is_file() && m.len() <= max_file)
        {
            let _ = std::fs::remove_file(&path);
            return None;
        }
        let mut bytes = Vec::new();
        if file.take(max_file + 1).read_to_end(&mut bytes).is_err() || bytes.len() as u64 > max_file
        {
            let _ = std::fs::remove_file(&path);
            return None;
        }
        let split = bytes.iter().position(|&b| b == b'\n');
        let meta = split.and_then(|at| serde_json::from_slice::<Meta>(&bytes[..at]).ok());
        let (Some(at), Some(meta)) = (split, meta) else {
            let _ = std::fs::remove_file(&path);
            return None;
        };
        if meta.url != url {
            return None;
        }
        bytes.drain(..=at);
        if bytes.len() as u64 > max_body {
            let _ = std::fs::remove_file(&path);
            return None;
        }
        Some(Entry { meta, body: bytes })
    }

    pub(super) fn write(&self, meta: &Meta, body: &[u8]) -> std::io::Result<()> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        std::fs::create_dir_all(&self.dir)?;
        let path = self.path(&meta.url);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let temporary = self.dir.join(format!(
            ".{}.{}.{}.{nanos}.tmp",
            path.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default(),
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
        ));
        let result = (|| {
            let mut file = std::fs::File::options()
                .write(true)
                .create_new(true)
                .open(&temporary)?;
            let mut line = serde_json::to_vec(meta).map_err(std::io::Error::other)?;
            line.push(b'\n');
            file.write_all(&line)?;
            file.write_all(body)?;
            std::fs::rename(&temporary, &path)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        result
    }

    pub(super) fn remove(&self, url: &str) {
        let _ = std::fs::remove_file(self.path(url));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(pairs: &[(reqwest::header::HeaderName, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(name.clone(), HeaderValue::from_str(value).expect("header"));
        }
        map
    }

    #[test]
    fn http_dates_parse_to_unix_seconds() {
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(parse_http_date("0"), None);
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 25:49:37 GMT"), None);
        assert_eq!(parse_http_date("Sun, 06 Foo 1994 08:49:37 GMT"), None);
    }

    #[test]
    fn freshness_follows_cache_control_then_expires() {
        let now = 1_000_000;
        let p = Policy::from_headers(&headers(&[(CACHE_CONTROL, "public, max-age=600")]), now);
        assert_eq!((p.store, p.fresh_until), (true, now + 600));
        let p = Policy::from_headers(
            &headers(&[(CACHE_CONTROL, "max-age=600"), (AGE, "100")]),
            now,
        );
        assert_eq!(p.fresh_until, now + 500);
        let p = Policy::from_headers(&headers(&[(CACHE_CONTROL, "no-store")]), now);
        assert!(!p.store);
        let p = Policy::from_headers(&headers(&[(CACHE_CONTROL, "no-cache, max-age=600")]), now);
        assert_eq!(p.fresh_until, now);
        let p = Policy::from_headers(&headers(&[(CACHE_CONTROL, "max-age=99999999999")]), now);
        assert_eq!(p.fresh_until, now + MAX_FRESHNESS);
        let p = Policy::from_headers(
            &headers(&[
                (DATE, "Sun, 06 Nov 1994 08:49:37 GMT"),
                (EXPIRES, "Sun, 06 Nov 1994 09:49:37 GMT"),
            ]),
            now,
        );
        assert_eq!(p.fresh_until, now + 3600);
        let p = Policy::from_headers(&headers(&[(EXPIRES, "0")]), now);
        assert_eq!(p.fresh_until, now);
        let p = Policy::from_headers(
            &headers(&[(CACHE_CONTROL, "max-age=60, must-revalidate")]),
            now,
        );
        assert!(p.must_revalidate);
    }

    #[test]
    fn cache_files_round_trip_and_bad_ones_are_dropped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = DiskCache {
            dir: dir.path().join(CACHE_SUBDIR),
        };
        let meta = Meta {
            url: "http://a/1/0/0.png".into(),
            fresh_until: 5,
            etag: Some("\"x\"".into()),
            last_modified: None,
            must_revalidate: false,
        };
        cache.write(&meta, b"body\nwith newline").expect("written");
        let entry = cache.read(&meta.url, 1000).expect("read back");
        assert_eq!(entry.body, b"body\nwith newline");
        assert_eq!(entry.meta.etag.as_deref(), Some("\"x\""));
        // Larger than the limit allows: deleted, not read.
        assert!(cache.read(&meta.url, 1).is_none());
        assert!(!cache.path(&meta.url).exists());
        // Garbage: deleted.
        std::fs::write(cache.path(&meta.url), b"not json").expect("write");
        assert!(cache.read(&meta.url, 1000).is_none());
        assert!(!cache.path(&meta.url).exists());
    }
}
