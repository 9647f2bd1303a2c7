//! Process-wide set-up, done first (before the arguments are parsed, before any thread exists):
//! allocator tuning and the logger.

/// Tunes the allocator and starts the logger (level from `RUST_LOG`, `warn` by default). Call
/// once, first thing in `main`.
pub fn prepare_process() {
    let _ = LAUNCHED.set(std::time::Instant::now());
    crate::memory::tune_allocator();
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn"))
        // One warning per failed tile would spam the log while offline; the map shows a notice.
        .filter_module("walkers::io::fetch", log::LevelFilter::Error)
        .init();
    crate::map::tiles::install_crypto_provider();
}

/// When [`prepare_process`] ran: the first thing `main` does.
static LAUNCHED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Time since launch (since [`prepare_process`]; zero if it never ran).
pub fn since_launch() -> std::time::Duration {
    LAUNCHED
        .get()
        .map_or(std::time::Duration::ZERO, |t| t.elapsed())
}
