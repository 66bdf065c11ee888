//! Attempt throttling in memory: sign-in failures per account and per client address, wrong
//! set-up and invite codes and registrations per address.
//!
//! Each key may record `limit` events (failures, or attempts) within `window`; further
//! attempts are refused until the oldest event leaves the window. A successful sign-in clears
//! the account's failures. Keys are bounded in length by the callers (names are checked
//! before they become keys).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct Throttle {
    limit: usize,
    window: Duration,
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl Throttle {
    pub fn new(limit: usize, window: Duration) -> Self {
        Self {
            limit,
            window,
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// `Some(seconds to wait)` when `key` is locked out now.
    pub fn check(&self, key: &str) -> Option<u64> {
        let now = Instant::now();
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let q = map.get_mut(key)?;
        while q
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.window)
        {
            q.pop_front();
        }
        if q.len() >= self.limit {
            let oldest = *q.front()?;
            let wait = self.window.saturating_sub(now.duration_since(oldest));
            Some(wait.as_secs().max(1))
        } else {
            None
        }
    }

    pub fn fail(&self, key: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let q = map.entry(key.to_owned()).or_default();
        q.push_back(Instant::now());
        while q.len() > self.limit {
            q.pop_front();
        }
    }

    pub fn clear(&self, key: &str) {
        self.failures
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(key);
    }

    /// Drops keys whose failures have all left the window (called periodically).
    pub fn prune(&self) {
        let now = Instant::now();
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        map.retain(|_, q| {
            q.back()
                .is_some_and(|t| now.duration_since(*t) < self.window)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_after_limit_and_clears() {
        let t = Throttle::new(3, Duration::from_secs(60));
        for _ in 0..3 {
            assert!(t.check("a").is_none());
            t.fail("a");
        }
        let wait = t.check("a").expect("locked");
        assert!((1..=60).contains(&wait));
        assert!(t.check("b").is_none());
        t.clear("a");
        assert!(t.check("a").is_none());
        t.prune();
    }
}
