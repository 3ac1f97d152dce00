//! A lock for the objects hosts share between their threads (a binding's `Store`) that refuses
//! re-entry instead of deadlocking: a host callback (`onProgress`, `on_chunk`, a chunk sink)
//! runs on the thread that holds the lock, and a call it makes back into the same object would
//! wait for itself forever. [`Exclusive::lock`] answers that call at once with
//! [`ErrorKind::ReentrantCall`](crate::ErrorKind::ReentrantCall) (`reentrant_call`), while a call
//! from another thread waits its turn as before.
//!
//! ```
//! use cadastro::Exclusive;
//! let store = Exclusive::new(Vec::<u32>::new());
//! let mut held = store.lock("Store.importFile")?;
//! held.push(1);
//! // A callback running under `held`, on the same thread, calling back in:
//! let err = store.lock("Store.customers").unwrap_err();
//! assert_eq!(err.code(), "reentrant_call");
//! drop(held);
//! assert_eq!(*store.lock("Store.customers")?, [1]);
//! # Ok::<(), cadastro::Error>(())
//! ```

use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::error::{Error, Result};

/// A process-unique number for the calling thread (never 0).
fn thread_number() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    thread_local! {
        static NUMBER: u64 = NEXT.fetch_add(1, Ordering::Relaxed);
    }
    NUMBER.with(|n| *n)
}

/// A mutex that knows which thread holds it (see the module documentation).
#[derive(Debug, Default)]
pub struct Exclusive<T> {
    inner: Mutex<T>,
    /// The [`thread_number`] of the holder, 0 when free. Only the holder sets or clears it, so a
    /// thread reads its own number here only while it holds the lock.
    owner: AtomicU64,
}

impl<T> Exclusive<T> {
    /// Wraps `value`.
    pub fn new(value: T) -> Self {
        Exclusive { inner: Mutex::new(value), owner: AtomicU64::new(0) }
    }

    /// Locks, waiting while another thread holds the lock. A panic of an earlier holder does
    /// not poison it (the value is handed on as it is: the store rolled its transaction back).
    ///
    /// # Errors
    /// `reentrant_call` when the calling thread already holds the lock (a callback of the
    /// running `operation` calling back in); `operation` names the refused call in the message.
    pub fn lock(&self, operation: &str) -> Result<ExclusiveGuard<'_, T>> {
        let me = thread_number();
        if self.owner.load(Ordering::Acquire) == me {
            return Err(Error::reentrant(operation));
        }
        let guard = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        self.owner.store(me, Ordering::Release);
        Ok(ExclusiveGuard { guard, owner: &self.owner })
    }

    /// True when the calling thread holds the lock.
    pub fn held_here(&self) -> bool {
        self.owner.load(Ordering::Acquire) == thread_number()
    }
}

/// The value, locked; the lock is released when the guard is dropped.
#[derive(Debug)]
pub struct ExclusiveGuard<'a, T> {
    guard: MutexGuard<'a, T>,
    owner: &'a AtomicU64,
}

impl<T> Drop for ExclusiveGuard<'_, T> {
    fn drop(&mut self) {
        // Before the mutex guard (a field) is dropped: cleared while still held.
        self.owner.store(0, Ordering::Release);
    }
}

impl<T> Deref for ExclusiveGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.guard
    }
}

impl<T> DerefMut for ExclusiveGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.guard
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::time::Duration;

    #[test]
    fn another_thread_waits_its_turn_the_same_thread_is_refused() {
        let shared = Arc::new(Exclusive::new(0u32));
        let held = shared.lock("first").unwrap();
        assert!(shared.held_here());
        let other = {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || {
                assert!(!shared.held_here());
                *shared.lock("second").unwrap() += 1;
            })
        };
        std::thread::sleep(Duration::from_millis(50));
        assert!(!other.is_finished(), "the other thread waits while the lock is held");
        let err = shared.lock("again").unwrap_err();
        assert_eq!(err.code(), "reentrant_call");
        assert!(err.to_string().contains("again"), "{err}");
        drop(held);
        other.join().unwrap();
        assert_eq!(*shared.lock("after").unwrap(), 1);
        assert!(!shared.held_here());
    }

    #[test]
    fn a_panic_while_held_does_not_poison() {
        let shared = Arc::new(Exclusive::new(1u32));
        let s = Arc::clone(&shared);
        let _ = std::thread::spawn(move || {
            let _g = s.lock("x").unwrap();
            panic!("boom");
        })
        .join();
        assert_eq!(*shared.lock("y").unwrap(), 1);
    }
}
