//! Parts of pages rendered once and shared by every reader who sees them the same way,
//! for as long as nothing changed: the page cache of the server answers visitors with
//! whole pages, this keeps the large, costly parts of pages rendered for one person (a
//! logged-in reader, an address with a query of its own), such as the comments of a
//! procedure, whose markers for the reader are set per request, or the data a part is
//! rendered from, such as a procedure's documents and phases.
//!
//! Freshness is the page cache's: a part rendered before the latest change committed in
//! this process (`AppState::changes`) is stale at once, and any part is rendered again
//! after `FRESH_FOR`, so changes of other processes show within it. What a key must hold
//! (everything the part depends on but the reader's markers) is the caller's to decide.
use super::AppState;
use super::kept_html::KeptHtml;
use chrono::{DateTime, Utc};
use std::any::Any;
use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// How long a rendered part is shared before it is rendered again.
pub const FRESH_FOR: Duration = Duration::from_secs(1);
/// Bounds: beyond them the store starts afresh.
const MAX_PARTS: usize = 128;
const MAX_BYTES: usize = 8 * 1024 * 1024;

/// When a part was read: the count of committed changes (`AppState::changes`) and the
/// time. Taken before the part's data is read, so a change committed while it is read
/// makes the part stale.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stamp {
    generation: u64,
    at: DateTime<Utc>,
}

impl Stamp {
    pub fn of(state: &AppState) -> Self {
        Stamp {
            generation: state.changes.load(Ordering::SeqCst),
            at: state.now(),
        }
    }

    /// Whether a part stamped `self` may still be served at `now`.
    fn fresh_at(&self, now: &Stamp) -> bool {
        self.generation == now.generation
            && (now.at - self.at).to_std().is_ok_and(|age| age < FRESH_FOR)
    }
}

struct Stored {
    stamp: Stamp,
    bytes: usize,
    part: Arc<dyn Any + Send + Sync>,
}

pub struct SharedRenders {
    parts: RwLock<HashMap<String, Stored>>,
    max_parts: usize,
    max_bytes: usize,
}

impl Default for SharedRenders {
    fn default() -> Self {
        Self::bounded(MAX_PARTS, MAX_BYTES)
    }
}

impl SharedRenders {
    /// A store that starts afresh when it would hold more than `max_parts` parts or
    /// `max_bytes` bytes.
    pub fn bounded(max_parts: usize, max_bytes: usize) -> Self {
        SharedRenders {
            parts: RwLock::default(),
            max_parts,
            max_bytes,
        }
    }

    /// The part kept under `key`, if no change came after it and it is younger than
    /// `FRESH_FOR` at `now`.
    pub fn get<T: Any + Send + Sync>(&self, key: &str, now: &Stamp) -> Option<Arc<T>> {
        let parts = self.parts.read().ok()?;
        let s = parts.get(key)?;
        s.stamp
            .fresh_at(now)
            .then(|| s.part.clone().downcast::<T>().ok())
            .flatten()
    }

    /// How many parts are kept whose key starts with `kind`.
    pub fn count(&self, kind: &str) -> usize {
        self.parts
            .read()
            .map_or(0, |p| p.keys().filter(|k| k.starts_with(kind)).count())
    }

    /// Keeps `part` (of about `bytes`) under `key`, as read at `stamp`.
    pub fn put<T: Any + Send + Sync>(&self, key: String, stamp: Stamp, bytes: usize, part: Arc<T>) {
        let Ok(mut parts) = self.parts.write() else {
            return;
        };
        let size: usize = parts.values().map(|s| s.bytes).sum();
        if parts.len() >= self.max_parts || size + bytes > self.max_bytes {
            parts.clear();
        }
        parts.insert(key, Stored { stamp, bytes, part });
    }
}

/// Where one part of a page, HTML the same for every reader who gets it, is kept: the page
/// renders it on the first ask and every later reader gets the same bytes.
#[derive(Clone)]
pub struct SharedHtml {
    /// Everything the part depends on.
    key: String,
    /// When the data the part is rendered from was read.
    read: Stamp,
    now: Stamp,
    renders: Arc<SharedRenders>,
}

impl SharedHtml {
    /// The part under `key`, rendered from data read at `read`.
    pub fn new(state: &AppState, key: String, read: Stamp) -> Self {
        SharedHtml {
            key,
            read,
            now: Stamp::of(state),
            renders: state.shared_renders.clone(),
        }
    }

    /// The part as kept, or rendered by `render` now and kept.
    pub fn get_or_render(&self, render: impl FnOnce() -> String) -> Arc<KeptHtml> {
        if let Some(part) = self.renders.get::<KeptHtml>(&self.key, &self.now) {
            return part;
        }
        let part = KeptHtml::new(render());
        let bytes = part.kept_bytes() + self.key.len();
        self.renders
            .put(self.key.clone(), self.read, bytes, part.clone());
        part
    }
}

impl std::fmt::Debug for SharedHtml {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedHtml")
            .field("key", &self.key)
            .field("read", &self.read)
            .finish_non_exhaustive()
    }
}

impl PartialEq for SharedHtml {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key && self.read == other.read
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_is_shared_until_a_change_or_a_second_has_passed() {
        let renders = SharedRenders::default();
        let t0 = Utc::now();
        let stamp = |generation, ms| Stamp {
            generation,
            at: t0 + chrono::Duration::milliseconds(ms),
        };
        renders.put(
            "list".into(),
            stamp(3, 0),
            10,
            Arc::new(String::from("<li>…</li>")),
        );
        let got = renders.get::<String>("list", &stamp(3, 900));
        assert_eq!(got.as_deref().map(String::as_str), Some("<li>…</li>"));
        assert!(
            renders.get::<String>("list", &stamp(4, 0)).is_none(),
            "a change since"
        );
        assert!(
            renders.get::<String>("list", &stamp(3, 1000)).is_none(),
            "too old"
        );
        assert!(
            renders.get::<u32>("list", &stamp(3, 0)).is_none(),
            "another type"
        );
        assert!(renders.get::<String>("other", &stamp(3, 0)).is_none());
    }
}
