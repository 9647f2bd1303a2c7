//! Process-wide set-up, done first (before the arguments are parsed, before any thread exists):
//! allocator tuning and the logger.

/// Tunes the allocator and starts the logger (level from `RUST_LOG`, `warn` by default). Call
/// once, first thing in `main`.
pub fn prepare_process() {
    keep_frame_buffers_off_mmap();
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn"))
        // One warning per failed tile would spam the log while offline; the map shows a notice.
        .filter_module("walkers::io::fetch", log::LevelFilter::Error)
        .init();
    crate::map::tiles::install_crypto_provider();
}

/// Frames allocate and free megabyte-sized vertex buffers. glibc serves blocks above its mmap
/// threshold (128 KiB until it adapts) with mmap/munmap, so every frame paid page faults, and
/// frame times varied threefold between runs depending on whether the threshold had adapted.
/// Fixed thresholds keep such buffers in the heap (measured: steady ~1 ms frames, and less peak
/// memory than switching to mimalloc).
// The crate's one exception to `unsafe_code = "deny"` (Cargo.toml): a libc call with plain integers.
#[allow(unsafe_code)]
fn keep_frame_buffers_off_mmap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator tuning parameters; it is called before any other
    // thread exists and takes plain integers.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 64 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 128 << 20);
    }
}
