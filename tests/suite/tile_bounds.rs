//! A hostile tile server on 127.0.0.1 (never the internet): over-wide and huge-dimension PNGs,
//! an endless body, a lying `Content-Length`, a silent and a trickling server, and a bad tile
//! left in the disk cache by an earlier run. Each must end in "tiles unavailable" with the
//! outlines still working: no panic, no texture larger than a tile, and no more bytes accepted
//! than the limit. Sizes are asserted on bytes accepted, never on RSS; times are never asserted.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use egui::{Context, Pos2, RawInput, Rect, TextureId, ViewportId, vec2};
use overseas_stations::map::tiles::{
    Basemap, TileLayer, TileLimits, TileRefused, TileStatus, TileTraffic, cache_size, decode_tile,
};
use walkers::{HttpOptions, HttpTiles, Map, MapMemory, Tiles, lon_lat};

/// What the hostile server answers to every tile request.
#[derive(Clone)]
enum Answer {
    /// These bytes as a PNG, with this `Cache-Control`.
    Png(Arc<Vec<u8>>, &'static str),
    /// Status 200 and zeros until the client hangs up (no `Content-Length`).
    Endless,
    /// A `Content-Length` of 10 GB, then zeros until the client hangs up.
    HugeLength,
    /// Reads the request and never answers.
    Silent,
    /// Headers, then one byte every 20 ms, forever.
    Trickle,
}

/// What the server saw.
#[derive(Default)]
struct Seen {
    requests: AtomicU64,
    /// Connections whose answer ended because the client hung up (a write failed).
    hung_up: AtomicU64,
}

struct HostileServer {
    port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    seen: Arc<Seen>,
}

impl HostileServer {
    fn start(answer: Answer) -> Self {
        let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind 127.0.0.1");
        let port = listener.local_addr().expect("address").port();
        listener.set_nonblocking(true).expect("nonblocking");
        let stop = Arc::new(AtomicBool::new(false));
        let seen = Arc::new(Seen::default());
        let thread = {
            let stop = Arc::clone(&stop);
            let seen = Arc::clone(&seen);
            std::thread::spawn(move || {
                while !stop.load(Ordering::SeqCst) {
                    match listener.accept() {
                        Ok((stream, _)) => {
                            let (answer, stop, seen) =
                                (answer.clone(), Arc::clone(&stop), Arc::clone(&seen));
                            std::thread::spawn(move || serve(stream, &answer, &stop, &seen));
                        }
                        Err(_) => std::thread::sleep(Duration::from_millis(5)),
                    }
                }
            })
        };
        Self {
            port,
            stop,
            thread: Some(thread),
            seen,
        }
    }

    fn template(&self) -> String {
        format!("http://127.0.0.1:{}/{{z}}/{{x}}/{{y}}.png", self.port)
    }

    fn requests(&self) -> u64 {
        self.seen.requests.load(Ordering::SeqCst)
    }

    fn hung_up(&self) -> u64 {
        self.seen.hung_up.load(Ordering::SeqCst)
    }
}

impl Drop for HostileServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(stream: TcpStream, answer: &Answer, stop: &AtomicBool, seen: &Seen) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let mut reader = BufReader::new(stream);
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
    }
    seen.requests.fetch_add(1, Ordering::SeqCst);
    let mut stream = reader.into_inner();
    let zeros = vec![0u8; 16 * 1024];
    let until_hang_up = |stream: &mut TcpStream, chunk: &[u8], pause: Duration| {
        while !stop.load(Ordering::SeqCst) {
            if stream
                .write_all(chunk)
                .and_then(|()| stream.flush())
                .is_err()
            {
                seen.hung_up.fetch_add(1, Ordering::SeqCst);
                return;
            }
            std::thread::sleep(pause);
        }
    };
    match answer {
        Answer::Png(png, cache_control) => {
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: {}\r\nCache-Control: {cache_control}\r\nConnection: close\r\n\r\n",
                png.len()
            )
            .and_then(|()| stream.write_all(png));
        }
        Answer::Endless => {
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nConnection: close\r\n\r\n"
            );
            until_hang_up(&mut stream, &zeros, Duration::ZERO);
        }
        Answer::HugeLength => {
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 10000000000\r\nConnection: close\r\n\r\n"
            );
            until_hang_up(&mut stream, &zeros, Duration::ZERO);
        }
        Answer::Silent => {
            while !stop.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        Answer::Trickle => {
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nConnection: close\r\n\r\n"
            );
            until_hang_up(&mut stream, b"x", Duration::from_millis(20));
        }
    }
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbaImage::from_pixel(width, height, image::Rgba([200, 30, 30, 255]));
    let mut png = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("encode");
    png
}

/// A small valid PNG whose header claims `width`×`height` (the IHDR CRC is fixed up), as a
/// decompression bomb would: decoding it would allocate width × height × 4 bytes.
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for &byte in bytes {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xedb8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let mut bytes = png(1, 1);
    // Signature (8), IHDR length (4), "IHDR" (4), width (4), height (4), 5 more bytes, CRC.
    bytes[16..20].copy_from_slice(&width.to_be_bytes());
    bytes[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

/// Short timeouts and a small body limit, so the slow and endless cases end quickly.
fn test_limits() -> TileLimits {
    TileLimits {
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_millis(400),
        total_timeout: Duration::from_millis(1500),
        max_body_bytes: 64 * 1024,
        ..TileLimits::default()
    }
}

/// Drives a real `walkers::Map` like an event loop, and notes the largest texture that would
/// have gone to the GPU (egui's painter panics on one larger than the GPU allows).
struct Driver {
    ctx: Context,
    memory: MapMemory,
    wake: Receiver<Duration>,
    largest_texture: usize,
    max_texture_side: usize,
}

impl Driver {
    fn new() -> Self {
        let ctx = Context::default();
        let (tx, wake) = channel();
        ctx.set_request_repaint_callback(move |info| {
            let _ = tx.send(info.delay);
        });
        let mut memory = MapMemory::default();
        memory.set_zoom(1.0).expect("zoom");
        Self {
            ctx,
            memory,
            wake,
            largest_texture: 0,
            max_texture_side: 2048,
        }
    }

    /// A driver whose "GPU" takes textures up to `side` (egui's default is 2048; real GPUs
    /// report 4096 to 32768).
    fn with_max_texture_side(mut self, side: usize) -> Self {
        self.max_texture_side = side;
        self
    }

    fn frame<T: Tiles>(&mut self, layer: &mut T) -> Duration {
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(512.0, 512.0))),
            max_texture_side: Some(self.max_texture_side),
            ..Default::default()
        };
        let memory = &mut self.memory;
        let mut output = self.ctx.run_ui(input, |ui| {
            ui.add(Map::new(None, memory, lon_lat(0.0, 0.0)).with_layer(&mut *layer, 1.0));
        });
        for (id, deltas) in &output.textures_delta.set {
            // The font atlas is egui's own; every other texture here is a tile.
            if *id != TextureId::default() {
                for delta in deltas {
                    let [w, h] = delta.image.size();
                    self.largest_texture = self.largest_texture.max(w).max(h);
                }
            }
        }
        // No renderer here: the textures are not uploaded anywhere.
        output.textures_delta.clear();
        output
            .viewport_output
            .get(&ViewportId::ROOT)
            .map_or(Duration::MAX, |v| v.repaint_delay)
    }

    fn run_until<T: Tiles>(
        &mut self,
        layer: &mut T,
        timeout: Duration,
        done: impl Fn(&T) -> bool,
    ) -> bool {
        let deadline = Instant::now() + timeout;
        let mut next = Instant::now();
        loop {
            let now = Instant::now();
            if now >= next {
                let delay = self.frame(layer);
                next = now.checked_add(delay).unwrap_or(deadline);
                if done(layer) {
                    return true;
                }
                while self.wake.try_recv().is_ok() {}
            }
            let now = Instant::now();
            if now >= deadline {
                return false;
            }
            match self.wake.recv_timeout(next.min(deadline) - now) {
                Ok(delay) => next = next.min(Instant::now() + delay),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {}
            }
        }
    }
}

const WAIT: Duration = Duration::from_secs(20);

fn hostile_layer(template: &str, ctx: &Context, cache: &Path, limits: TileLimits) -> TileLayer {
    TileLayer::new(
        &Basemap::Custom(template.to_string()),
        ctx,
        Some(cache.to_path_buf()),
    )
    .expect("valid template")
    .expect("an online layer")
    .with_limits(limits)
    .with_retry_after(Duration::from_secs(3600))
}

fn is_unavailable(layer: &TileLayer) -> bool {
    matches!(layer.status(), TileStatus::Unavailable { .. })
}

/// Runs until the layer reports the tiles unavailable, then checks the outcome every hostile
/// case must have: settled (a screenshot would not wait), no texture larger than a tile.
fn assert_unavailable_and_harmless(driver: &mut Driver, layer: &mut TileLayer) {
    assert!(
        driver.run_until(layer, WAIT, is_unavailable),
        "never unavailable: {:?}, {:?}",
        layer.status(),
        layer.traffic()
    );
    assert!(layer.visible_tiles_settled());
    let max = layer.limits().max_texture_side as usize;
    assert!(
        driver.largest_texture <= max,
        "a {} px texture was made",
        driver.largest_texture
    );
}

fn wait_for(what: &str, condition: impl Fn() -> bool) {
    let deadline = Instant::now() + WAIT;
    while !condition() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The attack, reproduced on walkers' own `HttpTiles` (what this app used before): a 20000 px
/// wide tile becomes a 20000 px wide texture, which the GL painter panics on. It also leaves
/// the tile in walkers' disk cache, as an earlier version of the app would have.
fn walkers_alone_makes_an_over_wide_texture(template: &str, cache: &Path) {
    // walkers' own client needs the process's TLS provider too (the app installs it at start).
    overseas_stations::map::tiles::install_crypto_provider();
    struct Source(String);
    impl walkers::sources::TileSource for Source {
        fn tile_url(&self, tile: walkers::TileId) -> String {
            self.0
                .replace("{z}", &tile.zoom.to_string())
                .replace("{x}", &tile.x.to_string())
                .replace("{y}", &tile.y.to_string())
        }
        fn attribution(&self) -> walkers::sources::Attribution {
            walkers::sources::Attribution {
                text: "test",
                url: "http://127.0.0.1/",
                logo_light: None,
                logo_dark: None,
            }
        }
    }
    let mut driver = Driver::new().with_max_texture_side(32_768);
    let mut tiles = HttpTiles::with_options(
        Source(template.to_string()),
        HttpOptions {
            cache: Some(cache.to_path_buf()),
            ..HttpOptions::default()
        },
        driver.ctx.clone(),
    );
    let deadline = Instant::now() + WAIT;
    while driver.largest_texture == 0 {
        assert!(Instant::now() < deadline, "walkers made no texture");
        driver.run_until(&mut tiles, Duration::from_millis(100), |_| false);
    }
    assert_eq!(
        driver.largest_texture, 20_000,
        "the attack did not reproduce"
    );
}

#[test]
fn an_over_wide_png_never_becomes_a_texture_and_is_not_kept() {
    let server = HostileServer::start(Answer::Png(Arc::new(png(20_000, 1)), "max-age=86400"));
    let cache = tempfile::tempdir().expect("tempdir");
    let mut driver = Driver::new();
    let mut layer = hostile_layer(&server.template(), &driver.ctx, cache.path(), test_limits());
    assert_unavailable_and_harmless(&mut driver, &mut layer);
    assert!(layer.traffic().tiles_refused >= 1, "{:?}", layer.traffic());
    let why = layer.last_refusal().expect("a reason");
    assert!(why.contains("20000×1"), "{why}");
    assert_eq!(
        cache_size(cache.path()),
        0,
        "a refused tile stayed in the disk cache"
    );
    assert!(server.requests() >= 1);
}

#[test]
fn a_huge_png_header_is_refused_before_any_pixel_is_decoded() {
    // 100000 × 100000 RGBA would be 40 GB; the file is under 100 bytes.
    let bomb = png_claiming(100_000, 100_000);
    assert!(bomb.len() < 100);
    let err = decode_tile(&bomb, &TileLimits::default()).expect_err("refused");
    assert!(
        matches!(
            err,
            TileRefused::TooLarge {
                width: 100_000,
                height: 100_000,
                ..
            }
        ),
        "{err}"
    );
    // 10000 × 10000 (4 GB decoded), the example, through the whole layer.
    let server = HostileServer::start(Answer::Png(
        Arc::new(png_claiming(10_000, 10_000)),
        "max-age=86400",
    ));
    let cache = tempfile::tempdir().expect("tempdir");
    let mut driver = Driver::new();
    let mut layer = hostile_layer(&server.template(), &driver.ctx, cache.path(), test_limits());
    assert_unavailable_and_harmless(&mut driver, &mut layer);
    assert!(layer.traffic().tiles_refused >= 1);
    assert!(
        layer
            .last_refusal()
            .is_some_and(|w| w.contains("10000×10000"))
    );
}

#[test]
fn an_endless_body_is_cut_off_at_the_limit() {
    let server = HostileServer::start(Answer::Endless);
    let cache = tempfile::tempdir().expect("tempdir");
    let limits = test_limits();
    let mut driver = Driver::new();
    let mut layer = hostile_layer(&server.template(), &driver.ctx, cache.path(), limits);
    assert_unavailable_and_harmless(&mut driver, &mut layer);
    let traffic = layer.traffic();
    eprintln!("{traffic:?} for {} requests", server.requests());
    assert!(
        traffic.largest_response <= limits.max_body_bytes + 1,
        "{traffic:?}"
    );
    assert!(traffic.bytes_received <= server.requests() * (limits.max_body_bytes + 1));
    assert!(traffic.tiles_refused >= 1);
    // The client hung up rather than reading on.
    wait_for("the client to hang up", || server.hung_up() >= 1);
    assert_eq!(cache_size(cache.path()), 0);
}

#[test]
fn a_lying_content_length_is_refused_unread() {
    let server = HostileServer::start(Answer::HugeLength);
    let cache = tempfile::tempdir().expect("tempdir");
    let mut driver = Driver::new();
    let mut layer = hostile_layer(&server.template(), &driver.ctx, cache.path(), test_limits());
    assert_unavailable_and_harmless(&mut driver, &mut layer);
    assert_eq!(layer.traffic().largest_response, 0, "{:?}", layer.traffic());
    assert!(layer.traffic().tiles_refused >= 1);
    wait_for("the client to hang up", || server.hung_up() >= 1);
}

#[test]
fn a_silent_server_times_out() {
    let server = HostileServer::start(Answer::Silent);
    let cache = tempfile::tempdir().expect("tempdir");
    let mut driver = Driver::new();
    let mut layer = hostile_layer(&server.template(), &driver.ctx, cache.path(), test_limits());
    assert_unavailable_and_harmless(&mut driver, &mut layer);
    assert!(server.requests() >= 1);
    assert_eq!(layer.traffic().bytes_received, 0);
}

#[test]
fn a_trickling_server_is_cut_off_at_the_total_timeout() {
    // One byte every 20 ms never trips the read timeout; only the total time limit ends it.
    let server = HostileServer::start(Answer::Trickle);
    let cache = tempfile::tempdir().expect("tempdir");
    let mut driver = Driver::new();
    let mut layer = hostile_layer(&server.template(), &driver.ctx, cache.path(), test_limits());
    assert_unavailable_and_harmless(&mut driver, &mut layer);
    assert!(layer.traffic().tiles_refused >= 1);
    assert!(
        layer
            .last_refusal()
            .is_some_and(|why| why.contains("took longer")),
        "{:?}",
        layer.last_refusal()
    );
    wait_for("the client to hang up", || server.hung_up() >= 1);
}

#[test]
fn a_bad_tile_cached_by_an_earlier_run_is_dropped_at_start() {
    let cache = tempfile::tempdir().expect("tempdir");
    let server = HostileServer::start(Answer::Png(Arc::new(png(20_000, 1)), "max-age=86400"));
    let template = server.template();

    // An earlier run that accepted the tile (limits as loose as the old code): it is cached.
    let loose = TileLimits {
        max_decoded_side: 20_000,
        max_texture_side: 20_000,
        ..test_limits()
    };
    let mut driver = Driver::new().with_max_texture_side(32_768);
    let mut first = hostile_layer(&template, &driver.ctx, cache.path(), loose);
    assert!(driver.run_until(&mut first, WAIT, |l| l.status() == TileStatus::Ok));
    assert_eq!(driver.largest_texture, 20_000);
    drop(first);
    let cached = cache_size(cache.path());
    assert!(cached > 0);
    drop(server);

    // The next start, server gone: the cached tile is refused and deleted, the map stays up.
    let mut driver = Driver::new();
    let mut layer = hostile_layer(&template, &driver.ctx, cache.path(), test_limits());
    assert_unavailable_and_harmless(&mut driver, &mut layer);
    assert!(layer.traffic().tiles_refused >= 1);
    assert_eq!(
        layer.traffic().bytes_received,
        0,
        "nothing came from a network"
    );
    assert_eq!(
        cache_size(cache.path()),
        0,
        "the bad tiles are still cached"
    );

    // And the start after that finds nothing to refuse.
    let mut driver = Driver::new();
    let mut layer = hostile_layer(&template, &driver.ctx, cache.path(), test_limits());
    assert_unavailable_and_harmless(&mut driver, &mut layer);
    assert_eq!(layer.traffic().tiles_refused, 0);
}

#[test]
fn a_bad_tile_in_the_cache_of_the_walkers_based_version_is_harmless() {
    let cache = tempfile::tempdir().expect("tempdir");
    let server = HostileServer::start(Answer::Png(Arc::new(png(20_000, 1)), "max-age=86400"));
    let template = server.template();
    walkers_alone_makes_an_over_wide_texture(&template, cache.path());
    assert!(cache_size(cache.path()) > 0, "walkers cached nothing");
    drop(server);

    let mut driver = Driver::new();
    let mut layer = hostile_layer(&template, &driver.ctx, cache.path(), test_limits());
    assert_unavailable_and_harmless(&mut driver, &mut layer);
}

/// The whole app, started with a remembered hostile basemap (twice: with the server, then
/// without it and the cache of the first start): no panic, the tiles are reported unavailable,
/// and the map is still there.
#[test]
fn the_app_starts_with_a_hostile_basemap_and_shows_the_offline_map() {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable as _;
    use overseas_stations::app::App;

    let cache = tempfile::tempdir().expect("tempdir");
    let server = HostileServer::start(Answer::Png(Arc::new(png(20_000, 1)), "max-age=86400"));
    let template = server.template();
    let mut server = Some(server);
    for start in 0..2 {
        let mut app = App::embedded().expect("embedded data");
        app.links = overseas_stations::ui::LinkOpener::Record(Vec::new());
        app.scene.tile_cache = Some(cache.path().to_path_buf());
        app.scene
            .set_basemap(Basemap::from_template(&template).expect("template"));
        let mut h = Harness::builder()
            .with_size(vec2(1280.0, 800.0))
            .with_max_steps(40)
            .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
        let started = Instant::now();
        while !h.state().scene.tiles.as_ref().is_some_and(is_unavailable) {
            assert!(
                started.elapsed() < WAIT,
                "start {start}: tiles never settled"
            );
            h.step();
            std::thread::sleep(Duration::from_millis(50));
        }
        h.run();
        let port = template
            .split(':')
            .nth(2)
            .and_then(|rest| rest.split('/').next())
            .expect("port");
        h.get_by_label(&format!("Tiles: 127.0.0.1:{port}"));
        let traffic = h.state().scene.tiles.as_ref().map(TileLayer::traffic);
        // The first start refuses the tiles (and keeps none); the second has nothing left
        // to refuse and nobody to ask.
        let expected = |t: TileTraffic| match start {
            0 => t.tiles_refused >= 1,
            _ => t.tiles_refused == 0 && t.bytes_received == 0,
        };
        assert!(traffic.is_some_and(expected), "start {start}: {traffic:?}");
        // The second start is without the server, with what the first one left in the cache.
        server = None;
    }
    assert!(server.is_none());
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Arbitrary bytes never panic the decoder, and whatever decodes fits a texture.
        #[test]
        fn arbitrary_bytes_never_panic_or_exceed_a_tile(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let limits = TileLimits::default();
            if let Ok(image) = decode_tile(&bytes, &limits) {
                prop_assert!(image.size[0] <= 512 && image.size[1] <= 512);
            }
        }

        /// A valid PNG with some bytes changed (header, chunk lengths, data) never panics the
        /// decoder, and whatever decodes fits a texture.
        #[test]
        fn mutated_pngs_never_panic_or_exceed_a_tile(
            side in 1u32..600,
            edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        ) {
            let mut bytes = png(side, side.div_ceil(2));
            for (at, value) in edits {
                let i = at.index(bytes.len());
                bytes[i] = value;
            }
            let limits = TileLimits::default();
            if let Ok(image) = decode_tile(&bytes, &limits) {
                prop_assert!(image.size[0] <= 512 && image.size[1] <= 512);
            }
        }
    }
}
