//! Process-wide set-up, done first (before the arguments are parsed, before any thread exists):
//! allocator tuning and the logger.

/// Tunes the allocator and starts the logger (level from `RUST_LOG`, `warn` by default). Call
/// once, first thing in `main`.
pub fn prepare_process() {
    crate::memory::tune_allocator();
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn"))
        // One warning per failed tile would spam the log while offline; the map shows a notice.
        .filter_module("walkers::io::fetch", log::LevelFilter::Error)
        .init();
    crate::map::tiles::install_crypto_provider();
}
