//! Scaling checks for the unit tests: a path that must stay linear in its input is timed at
//! one size and at eight times that size, and must not take 24 times as long.
//!
//! Why a ratio and not a duration: the machines that run the tests differ in speed and are
//! shared, so only growth can be asserted. Eight times the input takes about 8 times as long
//! on a linear path, 64 times on a quadratic one, 512 times on a cubic one; 24 leaves a
//! factor of 3 for noise on either side. Eight and not four: a quadratic path behind a large
//! linear part (parsing a plan before checking its anchors) grows by 16 only once the
//! quadratic part dominates, while at 8 times it passes 24 as soon as that part is half the
//! linear one. The first size grows until its fastest of three runs takes long enough
//! (`FLOOR`) to be measured above the timer's and the allocator's noise, so the same test
//! suits a fast and a slow path, and a debug and a release build. Each size runs three times,
//! the two sizes in turn, and keeps its fastest run; one scaling check runs at a time, so
//! that two of them do not slow each other down unevenly.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Held while a check measures.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// A run shorter than this is noise, not a measure.
const FLOOR: Duration = Duration::from_millis(20);
/// How much larger the second input is.
pub const GROWTH: usize = 8;
/// Growth of the time allowed when the input grows [`GROWTH`] times.
pub const MAX_RATIO: f64 = 24.0;

/// Asserts that `run` on `make(GROWTH n)` takes less than [`MAX_RATIO`] times as long as on
/// `make(n)`, with `n` from `start` doubled until the fastest of three runs takes [`FLOOR`]
/// (at most 2^12 times `start`).
pub fn assert_linear<T>(what: &str, start: usize, make: impl Fn(usize) -> T, run: impl Fn(&T)) {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let once = |input: &T| {
        let t = Instant::now();
        run(input);
        t.elapsed()
    };
    let mut n = start;
    let small_input = loop {
        let input = make(n);
        // All three runs: one slowed down by load from elsewhere must not stop the growth.
        let fastest = (0..3).map(|_| once(&input)).min().unwrap_or_default();
        if fastest >= FLOOR || n >= start << 12 {
            break input;
        }
        n *= 2;
    };
    let large_input = make(GROWTH * n);
    // The two sizes in turn, so that a spell of load from elsewhere slows both.
    let (mut small, mut large) = (Duration::MAX, Duration::MAX);
    for _ in 0..3 {
        small = small.min(once(&small_input));
        large = large.min(once(&large_input));
    }
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-9);
    // Shown with --nocapture, to see how far from the limit a path is.
    // msg: not user-facing (a test helper)
    eprintln!("{what}: {ratio:.1} times as long ({n} → {})", GROWTH * n);
    assert!(
        ratio < MAX_RATIO,
        "{what}: {GROWTH} times the input ({n} → {}) took {ratio:.1} times as long ({small:?} → {large:?})",
        GROWTH * n
    );
}
