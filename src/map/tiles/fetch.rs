//! Downloading one tile with everything a server controls bounded (connect, read and total
//! time, body size), through a small private HTTP cache on disk.
//!
//! walkers' own download path reads whole bodies without a limit and decodes whatever arrives,
//! and its HTTP cache middleware buffers bodies before anything can look at them; none of it
//! can be bounded from outside. The cache here follows RFC 9111 as far as one private client
//! needs: `Cache-Control` (`max-age`, `no-cache`, `no-store`, `must-revalidate`), `Age`,
//! `Expires`, revalidation with `ETag`/`Last-Modified`, and a stale copy when the server cannot
//! be reached (unless it said `must-revalidate`).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use reqwest::StatusCode;
use reqwest::blocking::Client;
use reqwest::header::{
    AGE, CACHE_CONTROL, DATE, ETAG, EXPIRES, HeaderMap, IF_MODIFIED_SINCE, IF_NONE_MATCH,
    LAST_MODIFIED,
};
use serde::{Deserialize, Serialize};

use super::limits::Traffic;
use super::{TileLimits, USER_AGENT};

/// The cache's directory under the cache dir (its name is what `is_cache_entry` recognises).
pub(super) const CACHE_SUBDIR: &str = "tiles-v1";

/// Longest metadata line in a cache file (URL and validators), so reading one is bounded.
const MAX_META: u64 = 8 * 1024;

/// Longest validator (`ETag`, `Last-Modified`) kept; longer ones are not used.
const MAX_VALIDATOR: usize = 512;

/// Longest freshness accepted from a server, so a silly `max-age` cannot pin a tile forever.
const MAX_FRESHNESS: u64 = 365 * 24 * 3600;

/// Why a tile could not be fetched.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// No HTTP client (TLS could not be set up).
    #[error("no HTTP client: {0}")]
    NoClient(String),
    /// Connecting, sending or receiving failed or timed out.
    #[error("{0}")]
    Http(#[from] reqwest::Error),
    /// The server answered with an error status.
    #[error("the server answered {0}")]
    Status(StatusCode),
    /// The body is larger than [`TileLimits::max_body_bytes`] (announced or actual).
    #[error("the response is larger than {limit} bytes; a tile is far smaller")]
    TooLarge {
        /// The limit that was exceeded.
        limit: u64,
    },
    /// The whole download took longer than [`TileLimits::total_timeout`].
    #[error("the download took longer than {0:?}")]
    TooSlow(Duration),
    /// Reading the body failed (including a read timeout).
    #[error("reading the response: {0}")]
    Read(std::io::Error),
}

impl FetchError {
    /// Whether a stale cached copy may stand in (the server is unreachable or failing, as
    /// opposed to answering that the tile does not exist).
    fn allows_stale(&self) -> bool {
        !matches!(self, FetchError::Status(status) if !status.is_server_error())
    }

    /// Whether the server sent more or slower than the limits allow (counted as refused).
    pub(super) fn is_refusal(&self) -> bool {
        matches!(self, FetchError::TooLarge { .. } | FetchError::TooSlow(_))
    }
}

/// A tile's bytes and where they came from.
pub(super) struct Fetched {
    /// The body, at most [`TileLimits::max_body_bytes`] long.
    pub body: Vec<u8>,
}

/// Downloads tiles for one generation of the layer. Shared by its worker threads.
pub(super) struct Fetcher {
    client: Result<Client, String>,
    cache: Option<DiskCache>,
    limits: TileLimits,
    traffic: Arc<Traffic>,
    /// Set when the generation is dropped: nothing more is written into the cache (it may be
    /// being cleared).
    cancelled: Arc<AtomicBool>,
}

/// Makes rustls's `ring` provider the process default (once) before any HTTPS client is built:
/// reqwest is built without a provider of its own (`rustls-no-provider`), so that the
/// aws-lc C library is not compiled for what is an optional basemap. Any reqwest client in the
/// process needs it first, walkers' own `HttpTiles` included.
pub fn install_crypto_provider() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        // Err means another part of the process installed one first: that one serves.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

impl Fetcher {
    pub(super) fn new(
        cache_dir: Option<&Path>,
        limits: TileLimits,
        traffic: Arc<Traffic>,
        cancelled: Arc<AtomicBool>,
    ) -> Self {
        install_crypto_provider();
        let client = Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(limits.connect_timeout)
            // Per operation in the blocking client: until the response headers, then each read.
            .timeout(limits.read_timeout)
            .redirect(reqwest::redirect::Policy::limited(5))
            .build()
            .map_err(|err| err.to_string());
        if let Err(err) = &client {
            log::warn!("map tiles cannot be downloaded: {err}");
        }
        Self {
            client,
            cache: cache_dir.map(|dir| DiskCache {
                dir: dir.join(CACHE_SUBDIR),
            }),
            limits,
            traffic,
            cancelled,
        }
    }

    /// The tile at `url`: from the cache while fresh, else from the server (revalidating a
    /// cached copy), else a stale cached copy if the server is unreachable.
    pub(super) fn fetch(&self, url: &str) -> Result<Fetched, FetchError> {
        let now = unix_now();
        let cached = self
            .cache
            .as_ref()
            .and_then(|cache| cache.read(url, self.limits.max_body_bytes));
        if let Some(entry) = &cached
            && entry.meta.fresh_until > now
        {
            return Ok(Fetched {
                body: entry.body.clone(),
            });
        }
        match self.download(url, cached.as_ref()) {
            Ok(Downloaded::Body { body, policy }) => {
                self.store(url, policy, None, &body);
                Ok(Fetched { body })
            }
            Ok(Downloaded::NotModified { policy }) => match cached {
                Some(entry) => {
                    self.store(url, policy, Some(&entry.meta), &entry.body);
                    Ok(Fetched { body: entry.body })
                }
                // A 304 without our asking (no cached copy): nothing to show.
                None => Err(FetchError::Status(StatusCode::NOT_MODIFIED)),
            },
            Err(err) => match cached {
                Some(entry) if err.allows_stale() && !entry.meta.must_revalidate => {
                    log::debug!("{url}: {err}; showing the cached copy");
                    Ok(Fetched { body: entry.body })
                }
                _ => Err(err),
            },
        }
    }

    /// Removes `url` from the disk cache (its bytes turned out not to be a usable tile).
    pub(super) fn forget(&self, url: &str) {
        if let Some(cache) = &self.cache {
            cache.remove(url);
        }
    }

    fn download(&self, url: &str, cached: Option<&Entry>) -> Result<Downloaded, FetchError> {
        let client = self
            .client
            .as_ref()
            .map_err(|err| FetchError::NoClient(err.clone()))?;
        let started = Instant::now();
        let mut request = client.get(url);
        if let Some(entry) = cached {
            if let Some(etag) = &entry.meta.etag {
                request = request.header(IF_NONE_MATCH, etag.as_str());
            }
            if let Some(modified) = &entry.meta.last_modified {
                request = request.header(IF_MODIFIED_SINCE, modified.as_str());
            }
        }
        let mut response = request.send()?;
        let status = response.status();
        let policy = Policy::from_headers(response.headers(), unix_now());
        if status == StatusCode::NOT_MODIFIED {
            return Ok(Downloaded::NotModified { policy });
        }
        if !status.is_success() {
            return Err(FetchError::Status(status));
        }
        let limit = self.limits.max_body_bytes;
        if response
            .content_length()
            .is_some_and(|length| length > limit)
        {
            self.traffic.note_body(0);
            return Err(FetchError::TooLarge { limit });
        }
        let deadline = started + self.limits.total_timeout;
        let body = read_bounded(&mut response, limit, deadline, self.limits.total_timeout);
        match &body {
            Ok(bytes) => self.traffic.note_body(bytes.len() as u64),
            Err(BoundedRead { read, .. }) => self.traffic.note_body(*read),
        }
        Ok(Downloaded::Body {
            body: body.map_err(|failed| failed.error)?,
            policy,
        })
    }

    fn store(&self, url: &str, policy: Policy, previous: Option<&Meta>, body: &[u8]) {
        let Some(cache) = &self.cache else {
            return;
        };
        if self.cancelled.load(Ordering::SeqCst) {
            return;
        }
        if !policy.store {
            cache.remove(url);
            return;
        }
        let meta = Meta {
            url: url.to_string(),
            fresh_until: policy.fresh_until,
            etag: policy
                .etag
                .or_else(|| previous.and_then(|meta| meta.etag.clone())),
            last_modified: policy
                .last_modified
                .or_else(|| previous.and_then(|meta| meta.last_modified.clone())),
            must_revalidate: policy.must_revalidate,
        };
        if let Err(err) = cache.write(&meta, body) {
            log::debug!("tile cache: {err}");
        }
    }
}

enum Downloaded {
    Body { body: Vec<u8>, policy: Policy },
    NotModified { policy: Policy },
}

/// A body read that stopped early, with how much had been read.
struct BoundedRead {
    error: FetchError,
    read: u64,
}

/// Reads at most `limit` bytes (one more is read to tell "exactly the limit" from "more"),
/// giving up at `deadline`. Each read is bounded by the client's read timeout, so the whole
/// read ends at most one read timeout after the deadline.
fn read_bounded(
    body: &mut impl Read,
    limit: u64,
    deadline: Instant,
    total: Duration,
) -> Result<Vec<u8>, BoundedRead> {
    let mut out = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    let mut body = body.take(limit.saturating_add(1));
    loop {
        if Instant::now() > deadline {
            return Err(BoundedRead {
                error: FetchError::TooSlow(total),
                read: out.len() as u64,
            });
        }
        match body.read(&mut chunk) {
            Ok(0) => return Ok(out),
            Ok(n) => {
                out.extend_from_slice(&chunk[..n]);
                if out.len() as u64 > limit {
                    return Err(BoundedRead {
                        error: FetchError::TooLarge { limit },
                        read: out.len() as u64,
                    });
                }
            }
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
            Err(err) => {
                return Err(BoundedRead {
                    error: FetchError::Read(err),
                    read: out.len() as u64,
                });
            }
        }
    }
}

/// What a response says about caching it.
#[derive(Debug, PartialEq, Eq)]
struct Policy {
    store: bool,
    fresh_until: u64,
    must_revalidate: bool,
    etag: Option<String>,
    last_modified: Option<String>,
}

impl Policy {
    fn from_headers(headers: &HeaderMap, now: u64) -> Self {
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
fn parse_http_date(text: &str) -> Option<u64> {
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

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// What is kept with a cached tile.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Meta {
    url: String,
    fresh_until: u64,
    etag: Option<String>,
    last_modified: Option<String>,
    must_revalidate: bool,
}

struct Entry {
    meta: Meta,
    body: Vec<u8>,
}

/// One file per tile URL: a JSON line of [`Meta`], then the body. Files that are too large,
/// unreadable or for another URL count as missing (and the first two are deleted).
struct DiskCache {
    dir: PathBuf,
}

impl DiskCache {
    fn path(&self, url: &str) -> PathBuf {
        // FNV-1a: stable across builds, unlike std's hasher.
        let hash = url.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        });
        self.dir.join(format!("{hash:016x}"))
    }

    fn read(&self, url: &str, max_body: u64) -> Option<Entry> {
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

    fn write(&self, meta: &Meta, body: &[u8]) -> std::io::Result<()> {
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

    fn remove(&self, url: &str) {
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

    /// HTTPS goes through rustls with the ring provider: against a local server that answers the
    /// TLS hello with plain text, the handshake runs and fails as a request error; without a
    /// provider, building the client fails or reqwest panics ("no process-level CryptoProvider").
    #[test]
    fn https_requests_run_a_tls_handshake_with_the_installed_provider() {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("address").port();
        let server = std::thread::spawn(move || {
            if let Ok((mut stream, _)) = listener.accept() {
                let mut hello = [0u8; 5];
                // A TLS record starts with 0x16 (handshake): the client really spoke TLS.
                let spoke_tls = stream.read_exact(&mut hello).is_ok() && hello[0] == 0x16;
                let _ = stream.write_all(b"HTTP/1.1 400 Not TLS\r\n\r\n");
                return spoke_tls;
            }
            false
        });
        let fetcher = Fetcher::new(
            None,
            TileLimits::default(),
            Arc::new(Traffic::default()),
            Arc::new(AtomicBool::new(false)),
        );
        assert!(rustls::crypto::CryptoProvider::get_default().is_some());
        let result = fetcher.fetch(&format!("https://127.0.0.1:{port}/0/0/0.png"));
        match result {
            Err(FetchError::Http(err)) => assert!(!err.is_status(), "{err}"),
            Err(other) => panic!("expected a failed TLS handshake, got {other}"),
            Ok(_) => panic!("plain text was accepted as TLS"),
        }
        assert!(
            server.join().expect("server"),
            "the client did not start a TLS handshake"
        );
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
    fn a_body_is_read_up_to_the_limit_and_no_further() {
        let far = Instant::now() + Duration::from_secs(3600);
        let mut endless = std::io::repeat(7);
        let err = read_bounded(&mut endless, 1000, far, Duration::ZERO).expect_err("refused");
        assert!(matches!(err.error, FetchError::TooLarge { limit: 1000 }));
        assert_eq!(err.read, 1001);
        let mut exact: &[u8] = &[1; 1000];
        assert_eq!(
            read_bounded(&mut exact, 1000, far, Duration::ZERO)
                .ok()
                .map(|b| b.len()),
            Some(1000)
        );
        let past = Instant::now() - Duration::from_millis(1);
        let err =
            read_bounded(&mut std::io::repeat(0), 1000, past, Duration::ZERO).expect_err("late");
        assert!(matches!(err.error, FetchError::TooSlow(_)));
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
