//! The memory of nonces already accepted, which turns a replayed UsernameToken into a refusal.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use sha1::{Digest as _, Sha1};

/// What the cache stores per nonce: its SHA-1, so an entry has a fixed size whatever nonce a
/// client sends.
type Key = [u8; 20];

/// A bounded, thread-safe set of recently seen nonces.
///
/// A nonce is remembered for `ttl` after it was first accepted; at most `capacity` nonces are
/// remembered, the oldest being forgotten first when a new one needs room. A forgotten nonce
/// is accepted again, so the cache protects only together with the freshness window of
/// [`UsernameTokenPolicy`](super::UsernameTokenPolicy): choose `ttl` at least as long as the
/// window ([`UsernameTokenPolicy::replay_window`](super::UsernameTokenPolicy::replay_window))
/// and `capacity` above the number of requests expected within `ttl`.
/// [`NonceCache::evicted_live`] counts the nonces forgotten early, which is worth monitoring.
///
/// One cache may be shared (`Arc`) by the policies of several services, so a nonce accepted
/// by one port is refused by the others.
pub struct NonceCache {
    capacity: usize,
    ttl: Duration,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Nonce → the instant it may be accepted again.
    seen: HashMap<Key, SystemTime>,
    /// Insertions in order, with the expiry they were given. A record whose expiry differs
    /// from the map's is stale (the nonce expired and was accepted again) and is skipped.
    order: VecDeque<(Key, SystemTime)>,
    evicted_live: u64,
}

impl NonceCache {
    /// A cache remembering at most `capacity` nonces (at least one) for `ttl` each.
    pub fn new(capacity: usize, ttl: Duration) -> Self {
        Self {
            capacity: capacity.max(1),
            ttl,
            state: Mutex::new(State::default()),
        }
    }

    /// Records `nonce` (raw bytes) as seen at `now`. `true` when it is new or its previous use
    /// has expired, `false` for a replay within `ttl`.
    pub fn insert(&self, nonce: &[u8], now: SystemTime) -> bool {
        let key: Key = Sha1::digest(nonce).into();
        let expires = now.checked_add(self.ttl).unwrap_or(now);
        let mut state = self.lock();
        state.forget_expired(now);
        if state.seen.get(&key).is_some_and(|&until| until > now) {
            return false;
        }
        while state.seen.len() >= self.capacity && !state.seen.contains_key(&key) {
            if !state.forget_oldest(now) {
                break;
            }
        }
        state.seen.insert(key, expires);
        state.order.push_back((key, expires));
        // Stale records pile up only when the clock goes backwards; keep the queue bounded
        // anyway by rebuilding it from the map.
        if state.order.len() > self.capacity.saturating_mul(2) {
            let mut live: Vec<(Key, SystemTime)> =
                state.seen.iter().map(|(k, t)| (*k, *t)).collect();
            live.sort_by_key(|&(_, t)| t);
            state.order = live.into();
        }
        true
    }

    /// How many nonces are remembered (expired ones included until the next insertion).
    pub fn len(&self) -> usize {
        self.lock().seen.len()
    }

    /// Whether no nonce is remembered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The most nonces remembered at once.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// How long a nonce is remembered.
    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    /// How many nonces were forgotten before their `ttl` ran out to make room: each is a
    /// replay the cache alone would no longer catch.
    pub fn evicted_live(&self) -> u64 {
        self.lock().evicted_live
    }

    /// A panic while the lock was held cannot leave the state inconsistent in a way that
    /// matters (at worst a nonce is missing or remembered too long), so a poisoned lock is
    /// used as is rather than failing every later request.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl State {
    fn forget_expired(&mut self, now: SystemTime) {
        while let Some(&(key, expires)) = self.order.front() {
            if expires > now {
                break;
            }
            self.order.pop_front();
            if self.seen.get(&key) == Some(&expires) {
                self.seen.remove(&key);
            }
        }
    }

    /// Forgets the oldest remembered nonce; `false` when there is none left to forget.
    fn forget_oldest(&mut self, now: SystemTime) -> bool {
        while let Some((key, expires)) = self.order.pop_front() {
            if self.seen.get(&key) == Some(&expires) {
                self.seen.remove(&key);
                if expires > now {
                    self.evicted_live += 1;
                }
                return true;
            }
        }
        // Unreachable while every map entry has its record; clearing keeps the bound if not.
        self.seen.clear();
        false
    }
}

impl fmt::Debug for NonceCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NonceCache")
            .field("capacity", &self.capacity)
            .field("ttl", &self.ttl)
            .field("len", &self.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::UNIX_EPOCH;

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_800_000_000 + secs)
    }

    #[test]
    fn a_nonce_is_accepted_once_within_ttl() {
        let cache = NonceCache::new(10, Duration::from_secs(60));
        assert!(cache.insert(b"n1", at(0)));
        assert!(!cache.insert(b"n1", at(1)));
        assert!(!cache.insert(b"n1", at(59)));
        assert!(cache.insert(b"n2", at(59)));
        assert_eq!(cache.len(), 2);
    }

    #[test]
    fn a_nonce_is_forgotten_after_ttl() {
        let cache = NonceCache::new(10, Duration::from_secs(60));
        assert!(cache.insert(b"n1", at(0)));
        assert!(cache.insert(b"n2", at(30)));
        assert!(cache.insert(b"n3", at(60)));
        // n1 expired at 60 and was dropped; n2 is still remembered.
        assert_eq!(cache.len(), 2);
        assert!(cache.insert(b"n1", at(61)));
        assert!(!cache.insert(b"n2", at(61)));
        assert_eq!(cache.evicted_live(), 0);
    }

    #[test]
    fn capacity_bound_holds_and_evicts_oldest() {
        let cache = NonceCache::new(3, Duration::from_secs(600));
        for (i, nonce) in [b"a", b"b", b"c", b"d", b"e"].iter().enumerate() {
            assert!(cache.insert(*nonce, at(i as u64)));
            assert!(cache.len() <= 3);
        }
        assert_eq!(cache.len(), 3);
        assert_eq!(cache.evicted_live(), 2);
        // The newest three are still refused; the two oldest were forgotten.
        assert!(!cache.insert(b"e", at(10)));
        assert!(!cache.insert(b"d", at(10)));
        assert!(!cache.insert(b"c", at(10)));
        assert!(cache.insert(b"a", at(10)));
        assert_eq!(cache.len(), 3);
    }

    #[test]
    fn zero_capacity_still_remembers_the_last_nonce() {
        let cache = NonceCache::new(0, Duration::from_secs(60));
        assert_eq!(cache.capacity(), 1);
        assert!(cache.insert(b"a", at(0)));
        assert!(!cache.insert(b"a", at(1)));
    }

    #[test]
    fn a_clock_going_backwards_keeps_the_queue_bounded() {
        let cache = NonceCache::new(4, Duration::from_secs(10));
        // A nonce stamped by a clock far ahead stays at the front of the queue, so records
        // behind it cannot be dropped from the front when they expire.
        assert!(cache.insert(b"ahead", at(1000)));
        for round in 0..50u64 {
            // The same nonce, expired each time: accepted again, leaving a stale record.
            assert!(cache.insert(b"again", at(round * 20)));
            let state = cache.lock();
            assert_eq!(state.seen.len(), 2);
            assert!(state.order.len() <= 8, "{} records", state.order.len());
        }
        assert!(!cache.insert(b"ahead", at(999)));
    }

    #[test]
    fn concurrent_inserts_accept_each_nonce_exactly_once() {
        const THREADS: usize = 8;
        const SHARED: usize = 200;
        let cache = Arc::new(NonceCache::new(100_000, Duration::from_secs(600)));
        let accepted_shared = Arc::new(AtomicUsize::new(0));
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                let cache = Arc::clone(&cache);
                let accepted_shared = Arc::clone(&accepted_shared);
                std::thread::spawn(move || {
                    for i in 0..SHARED {
                        // Every thread tries every shared nonce; only one may win each.
                        if cache.insert(format!("shared-{i}").as_bytes(), at(0)) {
                            accepted_shared.fetch_add(1, Ordering::SeqCst);
                        }
                        // And each thread's own nonces are all new.
                        assert!(cache.insert(format!("own-{t}-{i}").as_bytes(), at(0)));
                    }
                })
            })
            .collect();
        for handle in handles {
            handle.join().expect("insert thread panicked");
        }
        assert_eq!(accepted_shared.load(Ordering::SeqCst), SHARED);
        assert_eq!(cache.len(), SHARED + THREADS * SHARED);
    }

    #[test]
    fn concurrent_inserts_respect_the_capacity() {
        let cache = Arc::new(NonceCache::new(64, Duration::from_secs(600)));
        let handles: Vec<_> = (0..4u32)
            .map(|t| {
                let cache = Arc::clone(&cache);
                std::thread::spawn(move || {
                    for i in 0..500u32 {
                        assert!(cache.insert(&[t.to_be_bytes(), i.to_be_bytes()].concat(), at(0)));
                        assert!(cache.len() <= 64);
                    }
                })
            })
            .collect();
        for handle in handles {
            handle.join().expect("insert thread panicked");
        }
        assert_eq!(cache.len(), 64);
        assert_eq!(cache.evicted_live(), 4 * 500 - 64);
    }

    #[test]
    fn debug_shows_sizes_not_nonces() {
        let cache = NonceCache::new(5, Duration::from_secs(1));
        cache.insert(b"secret-ish", at(0));
        let debug = format!("{cache:?}");
        assert!(debug.contains("len: 1"), "{debug}");
        assert!(!debug.contains("secret-ish"));
    }
}
