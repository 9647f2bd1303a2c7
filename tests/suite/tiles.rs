//! The online basemap layer against a tile server started by the test on 127.0.0.1 (never a real
//! tile server): User-Agent, disk cache, offline indicator, idleness, retry, template errors.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use egui::{Context, Pos2, RawInput, Rect, ViewportId, vec2};
use overseas_stations::map::tiles::{
    Basemap, POLL, TileLayer, TileStatus, USER_AGENT, cache_size, clear_cache, parse_template,
    trim_cache,
};
use walkers::{Map, MapMemory, lon_lat};

/// One request the server saw.
#[derive(Clone, Debug)]
struct Seen {
    path: String,
    user_agent: Option<String>,
    if_none_match: Option<String>,
}

/// A minimal HTTP/1.1 tile server: `/{z}/{x}/{y}.png` gives a 256×256 PNG with the given
/// `Cache-Control` and the `ETag` [`ETAG`] (a request with `If-None-Match: ETAG` gets 304),
/// anything else 404. One request per connection (`Connection: close`).
struct TileServer {
    port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    seen: Arc<Mutex<Vec<Seen>>>,
}

fn tile_png() -> Vec<u8> {
    let image = image::RgbaImage::from_pixel(256, 256, image::Rgba([170, 200, 240, 255]));
    let mut png = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    png
}

impl TileServer {
    /// Starts on `port` (0: any free port). Rebinding a just-stopped port is retried briefly.
    fn start(port: u16, cache_control: &'static str) -> Self {
        let deadline = Instant::now() + Duration::from_secs(5);
        let listener = loop {
            match TcpListener::bind(("127.0.0.1", port)) {
                Ok(listener) => break listener,
                Err(err) if Instant::now() < deadline => {
                    eprintln!("bind {port}: {err}; retrying");
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(err) => panic!("cannot bind 127.0.0.1:{port}: {err}"),
            }
        };
        let port = listener.local_addr().unwrap().port();
        listener.set_nonblocking(true).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let png = tile_png();
        let thread = {
            let stop = Arc::clone(&stop);
            let seen = Arc::clone(&seen);
            std::thread::spawn(move || {
                while !stop.load(Ordering::SeqCst) {
                    match listener.accept() {
                        Ok((stream, _)) => serve(stream, &png, cache_control, &seen),
                        Err(_) => std::thread::sleep(Duration::from_millis(5)),
                    }
                }
                // The listener is dropped here: the port refuses connections from now on.
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
        template_for(self.port)
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    fn stop(mut self) -> Vec<Seen> {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            thread.join().unwrap();
        }
        self.seen()
    }
}

impl Drop for TileServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The one version of every tile the test server has.
const ETAG: &str = "\"tile-v1\"";

fn template_for(port: u16) -> String {
    format!("http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png")
}

fn serve(stream: TcpStream, png: &[u8], cache_control: &str, seen: &Mutex<Vec<Seen>>) {
    stream.set_nonblocking(false).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(2)))
        .unwrap();
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or_default()
        .to_string();
    let mut user_agent = None;
    let mut if_none_match = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("user-agent")
        {
            user_agent = Some(value.trim().to_string());
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("if-none-match")
        {
            if_none_match = Some(value.trim().to_string());
        }
    }
    let not_modified = if_none_match.as_deref() == Some(ETAG);
    seen.lock().unwrap().push(Seen {
        path: path.clone(),
        user_agent,
        if_none_match,
    });
    let is_tile = path
        .strip_prefix('/')
        .and_then(|p| p.strip_suffix(".png"))
        .is_some_and(|p| {
            let parts: Vec<&str> = p.split('/').collect();
            parts.len() == 3 && parts.iter().all(|n| n.parse::<u32>().is_ok())
        });
    let mut stream = reader.into_inner();
    let _ = if is_tile && not_modified {
        write!(
            stream,
            "HTTP/1.1 304 Not Modified\r\nETag: {ETAG}\r\nCache-Control: {cache_control}\r\nConnection: close\r\n\r\n"
        )
    } else if is_tile {
        write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: {}\r\nCache-Control: {cache_control}\r\nETag: {ETAG}\r\nConnection: close\r\n\r\n",
            png.len()
        )
        .and_then(|()| stream.write_all(png))
    } else {
        stream
            .write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    };
    let _ = stream.flush();
}

/// Drives a real `walkers::Map` with the layer the way an event loop would: a frame whenever a
/// repaint is due (requested by the UI or by walkers' download thread), otherwise asleep.
struct Driver {
    ctx: Context,
    memory: MapMemory,
    wake: Receiver<Duration>,
    frames: u64,
}

impl Driver {
    fn new() -> Self {
        let ctx = Context::default();
        let (tx, wake) = channel();
        ctx.set_request_repaint_callback(move |info| {
            let _ = tx.send(info.delay);
        });
        let mut memory = MapMemory::default();
        memory.set_zoom(1.0).unwrap();
        Self {
            ctx,
            memory,
            wake,
            frames: 0,
        }
    }

    /// One frame of a 512×512 map at zoom 1 centred on (0, 0): the four zoom-1 tiles.
    /// Returns the repaint delay the frame asked for.
    fn frame(&mut self, layer: &mut TileLayer) -> Duration {
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(512.0, 512.0))),
            ..Default::default()
        };
        let memory = &mut self.memory;
        let mut output = self.ctx.run_ui(input, |ui| {
            ui.add(Map::new(None, memory, lon_lat(0.0, 0.0)).with_layer(&mut *layer, 1.0));
        });
        // No renderer here: the tile textures are not uploaded anywhere.
        output.textures_delta.clear();
        self.frames += 1;
        output
            .viewport_output
            .get(&ViewportId::ROOT)
            .map_or(Duration::MAX, |v| v.repaint_delay)
    }

    /// Runs like an event loop until `done` holds (checked after each frame) or `timeout`,
    /// starting with a frame.
    fn run_until(
        &mut self,
        layer: &mut TileLayer,
        timeout: Duration,
        done: impl Fn(&TileLayer) -> bool,
    ) -> bool {
        self.run(layer, timeout, Some(Instant::now()), done)
    }

    /// Runs like an event loop for `period` without a first frame of its own: the frames counted
    /// are only those something asked for (a wake from a download thread or a requested delay).
    fn frames_asked_for(&mut self, layer: &mut TileLayer, period: Duration) -> u64 {
        let before = self.frames;
        self.run(layer, period, None, |_| false);
        self.frames - before
    }

    fn run(
        &mut self,
        layer: &mut TileLayer,
        timeout: Duration,
        first: Option<Instant>,
        done: impl Fn(&TileLayer) -> bool,
    ) -> bool {
        let deadline = Instant::now() + timeout;
        // When the next frame is due; `None` while nothing asked for one.
        let mut next = first;
        loop {
            let now = Instant::now();
            if next.is_some_and(|at| now >= at) {
                // `Duration::MAX` ("no repaint wanted") overflows to `None`.
                next = now.checked_add(self.frame(layer));
                if done(layer) {
                    return true;
                }
                // Requests made during the frame are in its delay already.
                while self.wake.try_recv().is_ok() {}
            }
            let now = Instant::now();
            if now >= deadline {
                return false;
            }
            let until = next.map_or(deadline, |at| at.min(deadline));
            match self.wake.recv_timeout(until.saturating_duration_since(now)) {
                Ok(delay) => {
                    if let Some(at) = Instant::now().checked_add(delay) {
                        next = Some(next.map_or(at, |n| n.min(at)));
                    }
                }
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {}
            }
        }
    }
}

fn custom_layer(template: &str, ctx: &Context, cache: &Path) -> TileLayer {
    TileLayer::new(
        &Basemap::Custom(template.to_string()),
        ctx,
        Some(cache.to_path_buf()),
    )
    .unwrap()
    .unwrap()
}

fn zoom1_paths() -> BTreeSet<String> {
    ["/1/0/0.png", "/1/0/1.png", "/1/1/0.png", "/1/1/1.png"]
        .into_iter()
        .map(String::from)
        .collect()
}

const WAIT: Duration = Duration::from_secs(10);

#[test]
fn tiles_come_with_the_app_user_agent_and_then_from_the_disk_cache_offline() {
    let cache = tempfile::tempdir().unwrap();
    let server = TileServer::start(0, "public, max-age=86400");
    let template = server.template();

    let mut driver = Driver::new();
    let mut layer = custom_layer(&template, &driver.ctx, cache.path());
    assert_eq!(
        layer.attribution().text,
        format!("Tiles: 127.0.0.1:{}", server.port)
    );
    assert!(
        driver.run_until(&mut layer, WAIT, |l| l.status() == TileStatus::Ok),
        "tiles did not arrive: {:?}, server saw {:?}",
        layer.status(),
        server.seen()
    );
    assert!(layer.visible_tiles_settled());

    let seen = server.seen();
    let paths: BTreeSet<String> = seen.iter().map(|s| s.path.clone()).collect();
    assert_eq!(paths, zoom1_paths());
    for request in &seen {
        assert_eq!(
            request.user_agent.as_deref(),
            Some(USER_AGENT),
            "{request:?}"
        );
    }
    assert!(USER_AGENT.starts_with("overseas-stations/"));
    assert!(
        cache_size(cache.path()) > 0,
        "nothing was written to the disk cache"
    );

    // Everything shown: the app goes idle. Wakes still queued from the last tiles (one per tile,
    // as many as the threads' scheduling left) and egui's answer to them cost a few frames;
    // after that, a further second passes without any frame asked for.
    let settling = driver.frames_asked_for(&mut layer, Duration::from_secs(1));
    eprintln!("{settling} frames after the tiles arrived");
    assert!(settling <= 8, "{settling} frames after the tiles arrived");
    let idle = driver.frames_asked_for(&mut layer, Duration::from_secs(1));
    assert_eq!(idle, 0, "frames asked for while idle");
    drop(layer);

    // Second run, server gone: fresh responses come from the disk cache.
    let requests = server.stop().len();
    let mut driver = Driver::new();
    let mut layer = custom_layer(&template, &driver.ctx, cache.path());
    assert!(
        driver.run_until(&mut layer, WAIT, |l| l.status() == TileStatus::Ok),
        "cached tiles were not shown offline: {:?}",
        layer.status()
    );
    assert_eq!(requests, 4, "each tile was downloaded once");
}

#[test]
fn stale_cached_tiles_are_still_shown_when_the_server_is_down() {
    // max-age=0: every use needs revalidation, which fails offline. The HTTP cache then serves
    // the stale copy (RFC 9111 allows it unless must-revalidate).
    let cache = tempfile::tempdir().unwrap();
    let server = TileServer::start(0, "public, max-age=0");
    let template = server.template();
    let mut driver = Driver::new();
    let mut layer = custom_layer(&template, &driver.ctx, cache.path());
    assert!(driver.run_until(&mut layer, WAIT, |l| l.status() == TileStatus::Ok));
    drop(layer);
    server.stop();

    let mut driver = Driver::new();
    let mut layer = custom_layer(&template, &driver.ctx, cache.path());
    assert!(
        driver.run_until(&mut layer, WAIT, |l| l.status() == TileStatus::Ok),
        "stale cached tiles were not shown offline: {:?}",
        layer.status()
    );
}

#[test]
fn expired_cached_tiles_are_revalidated_not_downloaded_again() {
    // max-age=0: the second run asks the server, with the ETag it was given, and the server's
    // 304 lets the cached copy be shown without sending the tile again.
    let cache = tempfile::tempdir().unwrap();
    let server = TileServer::start(0, "public, max-age=0");
    let mut driver = Driver::new();
    let mut layer = custom_layer(&server.template(), &driver.ctx, cache.path());
    assert!(driver.run_until(&mut layer, WAIT, |l| l.status() == TileStatus::Ok));
    let first = layer.traffic().bytes_received;
    assert!(first > 0);
    drop(layer);
    assert!(server.seen().iter().all(|s| s.if_none_match.is_none()));

    let mut driver = Driver::new();
    let mut layer = custom_layer(&server.template(), &driver.ctx, cache.path());
    assert!(driver.run_until(&mut layer, WAIT, |l| l.status() == TileStatus::Ok));
    assert_eq!(layer.traffic().bytes_received, 0, "tiles were sent again");
    let seen = server.stop();
    assert_eq!(seen.len(), 8);
    assert!(
        seen[4..]
            .iter()
            .all(|s| s.if_none_match.as_deref() == Some(ETAG)),
        "{seen:?}"
    );
}

#[test]
fn tiles_marked_no_store_are_not_written_to_disk() {
    let cache = tempfile::tempdir().unwrap();
    let server = TileServer::start(0, "no-store");
    let mut driver = Driver::new();
    let mut layer = custom_layer(&server.template(), &driver.ctx, cache.path());
    assert!(driver.run_until(&mut layer, WAIT, |l| l.status() == TileStatus::Ok));
    assert_eq!(cache_size(cache.path()), 0);
}

#[test]
fn server_down_shows_unavailable_stays_idle_and_tiles_return_with_the_server() {
    let cache = tempfile::tempdir().unwrap();
    // Take a free port, then close it: connections are refused.
    let port = TileServer::start(0, "public, max-age=86400").stop_port();
    let mut driver = Driver::new();
    let mut layer = custom_layer(&template_for(port), &driver.ctx, cache.path())
        .with_retry_after(Duration::from_secs(2));

    let started = Instant::now();
    assert!(
        driver.run_until(&mut layer, WAIT, |l| matches!(
            l.status(),
            TileStatus::Unavailable { .. }
        )),
        "no unavailable status: {:?}",
        layer.status()
    );
    eprintln!(
        "unavailable after {:?} and {} frames",
        started.elapsed(),
        driver.frames
    );
    assert!(
        layer.visible_tiles_settled(),
        "a screenshot would not wait for dead tiles"
    );

    // Idle: no polling once everything has failed, only the retry timer. (egui answers the
    // one `request_repaint` that made the indicator show with two frames, hence two here.)
    driver.frame(&mut layer);
    let delay = driver.frame(&mut layer);
    assert!(delay > POLL, "still polling every {delay:?}");
    // Quiet: few frames over 3 s (a retry or two).
    let frames = driver.frames_asked_for(&mut layer, Duration::from_secs(3));
    eprintln!("{frames} frames in 3 s offline");
    assert!(frames <= 12, "{frames} frames in 3 s while offline");
    assert!(matches!(layer.status(), TileStatus::Unavailable { .. }));
    assert_eq!(layer.retries(), 0);

    // The server comes back on the same port: the retry fetches the missing tiles.
    let server = TileServer::start(port, "public, max-age=86400");
    assert!(
        driver.run_until(&mut layer, Duration::from_secs(20), |l| l.status()
            == TileStatus::Ok),
        "tiles did not return: {:?}, server saw {:?}",
        layer.status(),
        server.seen()
    );
    assert!(layer.retries() >= 1);
    let seen = server.stop();
    eprintln!("back: {} requests: {seen:?}", seen.len());
    let paths: BTreeSet<String> = seen.iter().map(|s| s.path.clone()).collect();
    assert_eq!(paths, zoom1_paths());
    assert!(
        seen.iter()
            .all(|s| s.user_agent.as_deref() == Some(USER_AGENT))
    );
}

#[test]
fn offline_map_settles_in_kittest() {
    // kittest's run() fails if the UI keeps asking for immediate repaints.
    struct State {
        memory: MapMemory,
        layer: Option<TileLayer>,
    }
    let cache = tempfile::tempdir().unwrap();
    let port = TileServer::start(0, "public, max-age=86400").stop_port();
    let mut memory = MapMemory::default();
    memory.set_zoom(1.0).unwrap();
    let mut harness = egui_kittest::Harness::builder()
        .with_size(vec2(512.0, 512.0))
        .build_ui_state(
            |ui, state: &mut State| {
                let mut map = Map::new(None, &mut state.memory, lon_lat(0.0, 0.0));
                if let Some(layer) = &mut state.layer {
                    map = map.with_layer(layer, 1.0);
                }
                ui.add(map);
            },
            State {
                memory,
                layer: None,
            },
        );
    let layer = custom_layer(&template_for(port), &harness.ctx, cache.path());
    harness.state_mut().layer = Some(layer);
    let deadline = Instant::now() + WAIT;
    while !matches!(
        harness.state().layer.as_ref().map(TileLayer::status),
        Some(TileStatus::Unavailable { .. })
    ) {
        assert!(Instant::now() < deadline, "never became unavailable");
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    harness.run();
}

trait StopPort {
    fn stop_port(self) -> u16;
}

impl StopPort for TileServer {
    fn stop_port(self) -> u16 {
        let port = self.port;
        self.stop();
        port
    }
}

#[test]
fn bad_templates_give_clear_messages() {
    let cases = [
        ("", "empty"),
        ("   ", "empty"),
        ("tile.example.org/{z}/{x}/{y}.png", "is not a usable URL"),
        (
            "ftp://tile.example.org/{z}/{x}/{y}.png",
            "does not start with http:// or https://",
        ),
        (
            "file:///tmp/{z}/{x}/{y}.png",
            "does not start with http:// or https://",
        ),
        (
            "https://tile.example.org/{x}/{y}.png",
            "has no {z} placeholder",
        ),
        (
            "https://tile.example.org/{z}/{y}.png",
            "has no {x} placeholder",
        ),
        (
            "https://tile.example.org/{z}/{x}.png",
            "has no {y} placeholder",
        ),
        (
            "https://{s}.tile.example.org/{z}/{x}/{y}.png",
            "placeholders are not allowed in the host name",
        ),
        (
            "https://tile.example.org/{z}/{x}/{-y}.png",
            "unknown placeholder {-y}",
        ),
        (
            "https://tile.example.org/{z/{x}/{y}.png",
            "unknown placeholder",
        ),
        (
            "https://tile.example.org/{z}/{x}/{y.png",
            "without a matching",
        ),
        ("https:///{z}/{x}/{y}.png", "has no host"),
        ("https://tile example.org/{z}/{x}/{y}.png", "whitespace"),
        (
            "https://tile.example.org:99999/{z}/{x}/{y}.png",
            "invalid port number",
        ),
    ];
    for (template, expected) in cases {
        let err = parse_template(template).expect_err(template).to_string();
        assert!(err.contains(expected), "{template:?}: {err:?}");
        let err = TileLayer::new(
            &Basemap::Custom(template.to_string()),
            &Context::default(),
            None,
        )
        .err()
        .unwrap_or_else(|| panic!("{template:?} made a layer"))
        .to_string();
        assert!(err.contains(expected), "{template:?}: {err:?}");
        assert!(Basemap::from_template(template).is_err());
    }

    let ok =
        parse_template(" https://a.tile.example.org:8080/tiles/{z}/{x}/{y}.png?key=1 ").unwrap();
    assert_eq!(ok.host(), "a.tile.example.org:8080");
    assert_eq!(
        ok.url(walkers::TileId {
            x: 3,
            y: 5,
            zoom: 4
        }),
        "https://a.tile.example.org:8080/tiles/4/3/5.png?key=1"
    );
    use walkers::sources::TileSource as _;
    assert_eq!(ok.attribution().text, "Tiles: a.tile.example.org:8080");
    assert!(parse_template("HTTP://[::1]:8080/{z}/{x}/{y}.png").is_ok());
    // The one URL rule of links applies: a user name before the host reads like another site.
    assert!(matches!(
        parse_template("https://tile.example.org@127.0.0.1/{z}/{x}/{y}.png"),
        Err(overseas_stations::map::tiles::TemplateError::Url {
            problem: overseas_stations::data::UrlProblem::Credentials { .. },
            ..
        })
    ));
}

#[test]
fn basemap_choice_round_trips_and_has_labels() {
    let all = [
        Basemap::OutlinesOnly,
        Basemap::OpenStreetMap,
        Basemap::OpenTopoMap,
        Basemap::Custom("https://tile.example.org/{z}/{x}/{y}.png".into()),
    ];
    for basemap in &all {
        let json = serde_json::to_string(basemap).unwrap();
        assert_eq!(&serde_json::from_str::<Basemap>(&json).unwrap(), basemap);
    }
    assert_eq!(Basemap::default(), Basemap::OutlinesOnly);
    assert_eq!(Basemap::OutlinesOnly.to_string(), "Outlines only (offline)");
    assert_eq!(Basemap::OpenStreetMap.to_string(), "OpenStreetMap");
    assert_eq!(Basemap::OpenTopoMap.to_string(), "OpenTopoMap");
    assert_eq!(all[3].to_string(), "Custom (tile.example.org)");
    assert!(!Basemap::OutlinesOnly.is_online());

    // No layer (and no thread, no network) for outlines only; the presets have their credits.
    // Creating a layer downloads nothing until a map asks for tiles.
    let ctx = Context::default();
    assert!(
        TileLayer::new(&Basemap::OutlinesOnly, &ctx, None)
            .unwrap()
            .is_none()
    );
    let osm = TileLayer::new(&Basemap::OpenStreetMap, &ctx, None)
        .unwrap()
        .unwrap();
    assert_eq!(osm.attribution().text, "© OpenStreetMap contributors");
    assert_eq!(osm.status(), TileStatus::Loading);
    let topo = TileLayer::new(&Basemap::OpenTopoMap, &ctx, None)
        .unwrap()
        .unwrap();
    assert!(topo.attribution().text.contains("OpenTopoMap"));
}

#[test]
fn cache_is_measured_trimmed_and_cleared_without_touching_other_files() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content-v2/sha256/ab/cd");
    let index = dir.path().join("index-v5/12/34");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::create_dir_all(&index).unwrap();
    let unrelated = dir.path().join("notes.txt");
    std::fs::write(&unrelated, vec![0u8; 5000]).unwrap();
    for i in 0..10 {
        let file = content.join(format!("tile{i}"));
        std::fs::write(&file, vec![0u8; 1000]).unwrap();
        let when = std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000 + i * 60);
        std::fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(when)
            .unwrap();
    }
    std::fs::write(index.join("bucket"), vec![0u8; 100]).unwrap();
    assert_eq!(cache_size(dir.path()), 10_100);
    assert_eq!(cache_size(&dir.path().join("missing")), 0);

    assert_eq!(trim_cache(dir.path(), 20_000).unwrap(), 0);
    let removed = trim_cache(dir.path(), 5_000).unwrap();
    assert!(
        cache_size(dir.path()) <= 4_000,
        "{}",
        cache_size(dir.path())
    );
    assert_eq!(removed, 10_100 - cache_size(dir.path()));
    // The oldest went first.
    assert!(!content.join("tile0").exists());
    assert!(content.join("tile9").exists());

    clear_cache(dir.path()).unwrap();
    assert_eq!(cache_size(dir.path()), 0);
    assert!(
        unrelated.exists(),
        "clear_cache removed a file that is not the cache's"
    );
    clear_cache(&dir.path().join("missing")).unwrap();
}

#[test]
fn clearing_the_cache_through_the_layer_refetches() {
    let cache = tempfile::tempdir().unwrap();
    let server = TileServer::start(0, "public, max-age=86400");
    let mut driver = Driver::new();
    let mut layer = custom_layer(&server.template(), &driver.ctx, cache.path());
    assert!(driver.run_until(&mut layer, WAIT, |l| l.status() == TileStatus::Ok));
    assert!(cache_size(cache.path()) > 0);
    layer.clear_cache().unwrap();
    assert_eq!(cache_size(cache.path()), 0);
    assert!(driver.run_until(&mut layer, WAIT, |l| l.status() == TileStatus::Ok));
    assert_eq!(
        server.stop().len(),
        8,
        "every tile fetched again after clearing"
    );
}

/// The whole app with a custom basemap from the local server: tiles are fetched and the map
/// settles, the provider's attribution is on the map, and countries are still clickable on top.
#[test]
fn the_app_draws_tiles_under_clickable_countries_with_the_attribution() {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable as _;
    use overseas_stations::app::App;

    let server = TileServer::start(0, "max-age=3600");
    let cache = tempfile::tempdir().unwrap();
    let mut app = App::embedded().unwrap();
    app.links = overseas_stations::ui::LinkOpener::Record(Vec::new());
    app.scene.tile_cache = Some(cache.path().to_path_buf());
    app.scene
        .set_basemap(Basemap::from_template(&server.template()).unwrap());
    let mut h = Harness::builder()
        .with_size(vec2(1280.0, 800.0))
        .with_max_steps(40)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    let started = Instant::now();
    loop {
        h.step();
        let settled = h
            .state()
            .scene
            .tiles
            .as_ref()
            .is_some_and(|t| t.status() == TileStatus::Ok);
        if settled && !server.seen().is_empty() {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "tiles never arrived"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        server
            .seen()
            .iter()
            .all(|s| s.user_agent.as_deref() == Some(USER_AGENT))
    );
    h.run();
    h.get_by_label(&format!("Tiles: 127.0.0.1:{}", server.port));
    // Countries are still hit-tested above the tiles.
    h.state_mut().scene.view.set_zoom(5.0);
    h.state_mut()
        .scene
        .view
        .memory
        .center_at(lon_lat(-4.5, 39.0));
    h.run_steps(3);
    let pos = h
        .state()
        .scene
        .view
        .projector()
        .project(lon_lat(-4.5, 39.0))
        .to_pos2();
    h.hover_at(pos);
    h.step();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        h.step();
    }
    h.run_steps(3);
    assert_eq!(h.state().model.selection().country.as_deref(), Some("ES"));
}

/// An unwritable cache directory means no disk cache and a warning; tiles still come.
#[test]
fn an_unwritable_tile_cache_is_reported_and_tiles_still_arrive() {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable as _;
    use overseas_stations::app::App;

    let server = TileServer::start(0, "max-age=3600");
    let dir = tempfile::tempdir().unwrap();
    // A regular file where the cache directory should be: nothing can be created under it.
    let blocker = dir.path().join("not-a-dir");
    std::fs::write(&blocker, b"x").unwrap();
    let mut app = App::embedded().unwrap();
    app.scene.tile_cache = Some(blocker.join("tiles"));
    app.scene
        .set_basemap(Basemap::from_template(&server.template()).unwrap());
    let mut h = Harness::builder()
        .with_size(vec2(1280.0, 800.0))
        .with_max_steps(40)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    let started = Instant::now();
    while !h
        .state()
        .scene
        .tiles
        .as_ref()
        .is_some_and(|t| t.status() == TileStatus::Ok)
        || server.seen().is_empty()
    {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "tiles never arrived"
        );
        h.step();
        std::thread::sleep(Duration::from_millis(50));
    }
    let notice = h
        .state()
        .notices
        .warnings()
        .next()
        .expect("a warning about the cache")
        .to_owned();
    assert!(notice.contains("not writable"), "{notice}");
    h.run();
    h.get_by_label_contains("Warning: the tile cache");
}
