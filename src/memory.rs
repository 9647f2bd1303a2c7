//! The allocator (glibc's malloc): tuned once at start, and asked to give freed memory back to
//! the system after the rare large piece of transient work. The crate's one exception to
//! `unsafe_code = "deny"` (Cargo.toml): libc calls with plain integers.

/// Frames allocate and free megabyte-sized vertex buffers. glibc serves blocks above its mmap
/// threshold (128 KiB until it adapts) with mmap/munmap, so every frame paid page faults, and
/// frame times varied threefold between runs depending on whether the threshold had adapted.
/// Fixed thresholds keep such buffers in the heap (measured: steady ~1 ms frames, and less peak
/// memory than switching to mimalloc). Call before any other thread exists.
#[allow(unsafe_code)]
pub fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator tuning parameters; it is called before any other
    // thread exists and takes plain integers.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 64 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 128 << 20);
    }
}

/// Gives the pages of freed memory back to the system. With the fixed thresholds above glibc
/// never does so by itself, so the scratch of one-off work (parsing the outlines, building a
/// level of detail: megabytes freed at once) would stay resident for the life of the process.
/// Costs a walk over the free lists (about a millisecond); call after such work, off the UI
/// thread, never per frame.
#[allow(unsafe_code)]
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim takes a plain integer (bytes to leave untrimmed at the heap's top) and
    // is safe to call from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}
