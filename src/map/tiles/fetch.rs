//! Downloading one tile with everything a server controls bounded (connect, read and total
//! time, body size), through a small private HTTP cache on disk.
//!
//! walkers' own download path reads whole bodies without a limit and decodes whatever arrives,
//! and its HTTP cache middleware buffers bodies before anything can look at them; none of it
//! can be bounded from outside. The cache here follows RFC 9111 as far as one private client
//! needs: `Cache-Control` (`max-age`, `no-cache`, `no-store`, `must-revalidate`), `Age`,
//! `Expires`, revalidation with `ETag`/`Last-Modified`, and a stale copy when the server cannot
//! be reached (unless it said `must-revalidate`).

use std::io::Read;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::blocking::Client;
use reqwest::header::{IF_MODIFIED_SINCE, IF_NONE_MATCH};

use super::http_cache::{CACHE_SUBDIR, DiskCache, Entry, Meta, Policy, unix_now};
use super::limits::Traffic;
use super::{TileLimits, USER_AGENT};

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
