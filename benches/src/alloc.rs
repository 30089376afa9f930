//! A counting global allocator for the peak-heap column: it wraps the system allocator and, only
//! while a measurement is active, tracks live bytes and their high-water mark. Outside a
//! measurement it adds one relaxed load per call, so the timed runs are not skewed.
//!
//! The bench binary installs it with `#[global_allocator]`; [`peak_while`] then measures any
//! closure.

// `GlobalAlloc` is an unsafe trait: implementing it is the only way to observe every heap
// allocation, and the implementation only forwards to `System` with the caller's arguments.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicUsize, Ordering::Relaxed};

static ACTIVE: AtomicBool = AtomicBool::new(false);
static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);
/// Allocator calls that allocate or move memory (`alloc`, `alloc_zeroed`, `realloc`).
static CALLS: AtomicUsize = AtomicUsize::new(0);
/// One measurement at a time: the counters are global, and the test harness runs tests on
/// several threads.
static MEASUREMENT: Mutex<()> = Mutex::new(());

thread_local! {
    // Only the measuring thread's calls count: another thread allocating meanwhile (a parallel
    // test, the harness capturing output) made the peak wrong. `const` and without `Drop`, so
    // reading it never allocates and works during thread teardown.
    static MEASURING: Cell<bool> = const { Cell::new(false) };
}

/// Whether this call is part of the active measurement (one relaxed load when none is).
fn counted() -> bool {
    ACTIVE.load(Relaxed) && MEASURING.try_with(Cell::get).unwrap_or(false)
}

/// The counting allocator (zero-sized; install it as `#[global_allocator]`).
#[derive(Debug)]
pub struct CountingAlloc;

fn grew(bytes: usize) {
    CALLS.fetch_add(1, Relaxed);
    let live = LIVE.fetch_add(bytes as isize, Relaxed) + bytes as isize;
    PEAK.fetch_max(live, Relaxed);
}

fn shrank(bytes: usize) {
    LIVE.fetch_sub(bytes as isize, Relaxed);
}

// SAFETY: every method forwards to `System` with unchanged arguments; the bookkeeping touches
// only atomics and never allocates.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() && counted() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() && counted() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) };
        if counted() {
            shrank(layout.size());
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() && counted() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                CALLS.fetch_add(1, Relaxed);
                shrank(layout.size() - new_size);
            }
        }
        p
    }
}

/// Runs `f` and returns its result with the peak of heap bytes allocated during the call and
/// still live at some point (bytes freed inside `f` that were allocated before it can make the
/// running count negative; the peak is clamped at 0). Only the calling thread's allocations
/// count, and calls are serialized. Only meaningful when [`CountingAlloc`] is the global
/// allocator.
pub fn peak_while<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let (out, heap) = measure(f);
    (out, heap.peak)
}

/// What [`measure`] found.
#[derive(Debug, Clone, Copy)]
pub struct Heap {
    /// As [`peak_while`] returns it.
    pub peak: usize,
    /// Calls that allocated or moved memory: `alloc`, `alloc_zeroed` and `realloc` (frees
    /// are not counted).
    pub calls: usize,
}

/// Runs `f` and returns its result with its peak heap and allocator calls (same conditions as
/// [`peak_while`]).
pub fn measure<T>(f: impl FnOnce() -> T) -> (T, Heap) {
    // A panicking measurement poisons the lock but leaves nothing half-done that matters here.
    let _one_at_a_time = MEASUREMENT
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    LIVE.store(0, Relaxed);
    PEAK.store(0, Relaxed);
    CALLS.store(0, Relaxed);
    MEASURING.with(|m| m.set(true));
    ACTIVE.store(true, Relaxed);
    let out = f();
    ACTIVE.store(false, Relaxed);
    MEASURING.with(|m| m.set(false));
    let heap = Heap {
        peak: PEAK.load(Relaxed).max(0) as usize,
        calls: CALLS.load(Relaxed),
    };
    (out, heap)
}
