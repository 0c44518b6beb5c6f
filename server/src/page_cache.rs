//! A short-lived cache of public pages for visitors who are not logged in, kept
//! compressed.
//!
//! Everyone without a session sees the same procedure or petition page, so rendering it
//! once a second is enough however many people read it. A page carries no per-response
//! part (no CSP nonce: pages have no inline script), so one rendering is compressed once
//! per encoding, with brotli and with gzip, and each visitor gets the stored bytes in the
//! encoding their browser asked for, with an `ETag` (a browser that has the page gets
//! `304`). An encoding is made when the page is served in it for the first time.
//!
//! A page is kept from the second time its address is asked for: the first visitor gets
//! it as rendered (compressed on the way by `crate::compression`, cheap). An address with
//! a one-off query (a tracking parameter, a crawler, someone going round the cache) costs
//! the cache nothing then: keeping each such page churned through the cache's bytes at
//! render speed, did not save a render, and let the memory of the process grow by 3 MB a
//! minute (the page benchmark's soak).
//!
//! Freshness: an entry lives at most `TTL`, and a change committed in this process (every
//! change goes through `platform::Write`, which counts them) makes every entry rendered
//! before it stale at once. A POST that changes nothing (a form with a mistake, junk)
//! leaves the cache alone. Other processes behind the same load balancer show a change
//! within `TTL`. Whoever has a session or a flash (a form just answered) always gets a
//! freshly rendered page. Whether a contribution is accepted is decided by the server on
//! every POST; a cached form only mirrors it.
use app::platform::AppState;
use app::platform::clock::Clock;
use app::platform::sessions;
use app::request::{FLASH_COOKIE, cookie_in, lang_in};
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use chrono::{DateTime, Utc};
use http_body_util::BodyExt;
use std::collections::{HashMap, HashSet, hash_map::RandomState};
use std::hash::BuildHasher;
use std::io::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::Duration;

/// How long a rendered page is served before it is rendered again.
pub const TTL: Duration = Duration::from_secs(1);
/// Bounds of the cache: beyond them it starts afresh.
const MAX_ENTRIES: usize = 256;
const MAX_BYTES: usize = 16 * 1024 * 1024;
/// A page larger than this is sent as it is rendered, not kept.
const MAX_PAGE: usize = 2 * 1024 * 1024;
/// Addresses remembered as asked for once; beyond this the memory starts afresh.
const MAX_SEEN: usize = 4096;
/// Brotli quality 5 and gzip level 6: measured on the procedure page with 100 comments
/// (80 KB), quality 5 takes 1.1 ms for 6.9 KB, quality 11 takes 95 ms for 6.2 KB; once a
/// second per page either is cheap, but a new page must not wait long for its first
/// visitor.
const BROTLI_QUALITY: u32 = 5;
const GZIP_LEVEL: u32 = 6;

/// One page, with its compressed encodings as they are asked for, and the tag that names
/// its content.
struct Entry {
    /// When it was rendered, by the state's clock (the one clock of the portal, which
    /// tests move by hand).
    made: DateTime<Utc>,
    /// The count of committed changes when it was rendered.
    generation: u64,
    plain: Bytes,
    br: OnceLock<Bytes>,
    gzip: OnceLock<Bytes>,
    /// A hash of the page, shared by its encodings (each gets its own suffix).
    tag: String,
    content_type: HeaderValue,
}

pub struct PageCache {
    entries: RwLock<HashMap<String, Entry>>,
    /// Keys asked for once and not kept yet, by their hash (keyed per process, so nobody
    /// can make addresses collide on purpose).
    seen: Mutex<HashSet<u64>>,
    hasher: RandomState,
    /// Committed changes in this process (`AppState::changes`).
    changes: Arc<AtomicU64>,
    clock: Arc<dyn Clock>,
}

impl PageCache {
    pub fn new(state: &AppState) -> Self {
        Self {
            entries: RwLock::default(),
            seen: Mutex::default(),
            hasher: RandomState::new(),
            changes: state.changes.clone(),
            clock: state.clock.clone(),
        }
    }
}

/// The pages that are the same for every visitor without a session.
fn cacheable_path(path: &str) -> bool {
    path == "/verfahren"
        || path.starts_with("/verfahren/")
        || path == "/petitionen"
        // A petition's page (its id), not the pages of a person or a form.
        || path
            .strip_prefix("/petitionen/")
            .is_some_and(|id| uuid::Uuid::parse_str(id).is_ok())
}

/// The cache key of a request, if its answer may come from the cache.
fn key(req: &Request) -> Option<String> {
    if req.method() != Method::GET || !cacheable_path(req.uri().path()) {
        return None;
    }
    let headers = req.headers();
    if cookie_in(headers, sessions::COOKIE).is_some() || cookie_in(headers, FLASH_COOKIE).is_some()
    {
        return None;
    }
    let lang = lang_in(headers);
    // The host names the tenant; the cache answers before the tenant is looked up.
    let host = headers.get(header::HOST)?.to_str().ok()?;
    Some(format!(
        "{host} {} {}",
        lang.code(),
        req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("")
    ))
}

/// An encoding the client accepts, by its `Accept-Encoding`.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    /// The best of ours the client takes: brotli, else gzip, else none. A coding listed
    /// with `q=0` is refused.
    fn for_request(headers: &HeaderMap) -> Self {
        let accepted = |coding: &str| crate::compression::accepts(headers, coding);
        if accepted("br") {
            Encoding::Brotli
        } else if accepted("gzip") {
            Encoding::Gzip
        } else {
            Encoding::Identity
        }
    }
}

impl Entry {
    fn new(made: DateTime<Utc>, generation: u64, plain: Bytes, content_type: HeaderValue) -> Self {
        let tag = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            plain.hash(&mut h);
            format!("{:016x}{:x}", h.finish(), plain.len())
        };
        Entry {
            made,
            generation,
            plain,
            br: OnceLock::new(),
            gzip: OnceLock::new(),
            tag,
            content_type,
        }
    }

    /// The page with brotli, made on the first call (later calls wait for it).
    fn brotli(&self) -> &Bytes {
        self.br.get_or_init(|| {
            let mut br = Vec::with_capacity(self.plain.len() / 8);
            {
                let mut w = brotli::CompressorWriter::new(&mut br, 4096, BROTLI_QUALITY, 22);
                let _ = w.write_all(&self.plain);
            }
            br.into()
        })
    }

    /// The page with gzip, made on the first call.
    fn gzip(&self) -> &Bytes {
        self.gzip.get_or_init(|| {
            let mut gz = flate2::write::GzEncoder::new(
                Vec::with_capacity(self.plain.len() / 6),
                flate2::Compression::new(GZIP_LEVEL),
            );
            let _ = gz.write_all(&self.plain);
            gz.finish().unwrap_or_default().into()
        })
    }

    /// The bytes it holds, in every encoding made so far.
    fn size(&self) -> usize {
        let made = |e: &OnceLock<Bytes>| e.get().map_or(0, Bytes::len);
        self.plain.len() + made(&self.br) + made(&self.gzip)
    }

    /// The page in `encoding`; `304` when the client has it already.
    fn respond(&self, encoding: Encoding, request: &HeaderMap) -> Response {
        let (body, coding, suffix) = match encoding {
            Encoding::Brotli => (self.brotli(), Some("br"), "-br"),
            Encoding::Gzip => (self.gzip(), Some("gzip"), "-gz"),
            Encoding::Identity => (&self.plain, None, ""),
        };
        let etag = format!("\"{}{suffix}\"", self.tag);
        let known = request
            .get_all(header::IF_NONE_MATCH)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .any(|t| t.trim().trim_start_matches("W/") == etag);
        let mut res = if known {
            let mut res = Response::new(Body::empty());
            *res.headers_mut() = with_room();
            *res.status_mut() = StatusCode::NOT_MODIFIED;
            res
        } else {
            let mut res = Response::new(Body::from(body.clone()));
            *res.headers_mut() = with_room();
            res.headers_mut()
                .insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
            if let Some(c) = coding {
                res.headers_mut()
                    .insert(header::CONTENT_ENCODING, HeaderValue::from_static(c));
            }
            res
        };
        let h = res.headers_mut();
        h.insert(header::CONTENT_TYPE, self.content_type.clone());
        h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        // Browsers keep the page but ask each time; the answer is usually a 304.
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        if let Ok(v) = HeaderValue::from_str(&etag) {
            h.insert(header::ETAG, v);
        }
        res
    }
}

/// Headers with room for all a cached page gets on its way out (its own, the security
/// headers, the request id): a map that grows rehashes, twice per response here.
fn with_room() -> HeaderMap {
    HeaderMap::with_capacity(16)
}

/// Whether a rendered response may be stored: a complete page that sets no cookie.
fn storable(headers: &HeaderMap, status: StatusCode) -> bool {
    status == StatusCode::OK && !headers.contains_key(header::SET_COOKIE)
}

/// Reads a body up to `limit` bytes: `Ok` with all of it, or `Err` with a body that sends
/// what was read and then the rest, for a page too large to keep.
async fn read_up_to(body: Body, limit: usize) -> Result<Bytes, Body> {
    let mut body = body;
    let mut read = bytes::BytesMut::new();
    while let Some(frame) = body.frame().await {
        let Ok(frame) = frame else {
            return Err(Body::from(read.freeze()));
        };
        if let Ok(data) = frame.into_data() {
            read.extend_from_slice(&data);
            if read.len() > limit {
                let head = futures_util::stream::iter([Ok::<_, axum::Error>(read.freeze())]);
                let rest = body.into_data_stream();
                return Err(Body::from_stream(futures_util::StreamExt::chain(
                    head, rest,
                )));
            }
        }
    }
    Ok(read.freeze())
}

impl PageCache {
    /// Whether the page of `key` was asked for before (since the memory of one-off
    /// addresses last started afresh); remembers it for next time.
    fn asked_before(&self, key: &str) -> bool {
        let hash = self.hasher.hash_one(key);
        let Ok(mut seen) = self.seen.lock() else {
            return false;
        };
        if seen.remove(&hash) {
            return true;
        }
        if seen.len() >= MAX_SEEN {
            seen.clear();
        }
        seen.insert(hash);
        false
    }

    /// Middleware: serves public pages from the cache, and keeps what it rendered for an
    /// address asked for before.
    pub async fn layer(
        axum::extract::State(cache): axum::extract::State<Arc<PageCache>>,
        mut req: Request,
        next: Next,
    ) -> Response {
        let Some(key) = key(&req) else {
            return next.run(req).await;
        };
        let encoding = Encoding::for_request(req.headers());
        let generation = cache.changes.load(Ordering::SeqCst);
        let now = cache.clock.now();
        // A page kept before and grown stale is asked for again: it is kept again.
        let mut kept_before = false;
        if let Ok(entries) = cache.entries.read()
            && let Some(e) = entries.get(&key)
        {
            if e.generation == generation && (now - e.made).to_std().is_ok_and(|age| age < TTL) {
                return e.respond(encoding, req.headers());
            }
            kept_before = true;
        }
        if !kept_before && !cache.asked_before(&key) {
            return next.run(req).await;
        }
        let asked = req.headers().clone();
        // The page to keep comes uncompressed: the cache compresses it once per encoding.
        req.headers_mut().remove(header::ACCEPT_ENCODING);
        let res = next.run(req).await;
        if !storable(res.headers(), res.status()) {
            return res;
        }
        let (head, body) = res.into_parts();
        let page = match read_up_to(body, MAX_PAGE).await {
            Ok(page) => page,
            // Too large to keep: sent as rendered (compressed on the way if asked).
            Err(body) => return Response::from_parts(head, body),
        };
        let content_type = head
            .headers
            .get(header::CONTENT_TYPE)
            .cloned()
            .unwrap_or_else(|| HeaderValue::from_static("text/html; charset=utf-8"));
        let entry = Entry::new(now, generation, page, content_type);
        // Compressed before it is shared, out of the lock.
        let res = entry.respond(encoding, &asked);
        if let Ok(mut entries) = cache.entries.write() {
            let size: usize = entries.values().map(Entry::size).sum();
            // Room for the page and, later, its two encodings.
            if entries.len() >= MAX_ENTRIES || size + entry.plain.len() * 2 > MAX_BYTES {
                entries.clear();
            }
            entries.insert(key, entry);
        }
        res
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asking(value: &str) -> Encoding {
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(value).unwrap(),
        );
        Encoding::for_request(&h)
    }

    #[test]
    fn the_encoding_follows_what_the_browser_accepts() {
        assert_eq!(asking("gzip, deflate, br, zstd"), Encoding::Brotli);
        assert_eq!(asking("gzip, deflate"), Encoding::Gzip);
        assert_eq!(asking("br;q=0, gzip"), Encoding::Gzip);
        assert_eq!(asking("BR"), Encoding::Brotli);
        assert_eq!(asking("identity"), Encoding::Identity);
        assert_eq!(asking("*"), Encoding::Brotli);
        assert_eq!(Encoding::for_request(&HeaderMap::new()), Encoding::Identity);
    }

    #[tokio::test]
    async fn a_page_too_large_to_keep_is_sent_whole() {
        let page = "x".repeat(10_000);
        let kept = read_up_to(Body::from(page.clone()), 20_000).await;
        assert_eq!(kept.ok().unwrap(), page.as_bytes());
        let chunks = (0..10).map(|_| Ok::<_, std::io::Error>(Bytes::from("y".repeat(1_000))));
        let streamed = Body::from_stream(futures_util::stream::iter(chunks));
        let Err(body) = read_up_to(streamed, 2_500).await else {
            panic!("over the limit");
        };
        let sent = axum::body::to_bytes(body, usize::MAX).await.unwrap();
        assert_eq!(sent, "y".repeat(10_000).as_bytes());
    }

    #[test]
    fn a_page_is_kept_from_the_second_ask_of_its_address() {
        let cache = PageCache {
            entries: RwLock::default(),
            seen: Mutex::default(),
            hasher: RandomState::new(),
            changes: Arc::default(),
            clock: Arc::new(app::platform::clock::SystemClock),
        };
        let a = "sachsen.localhost de /verfahren?suche=a";
        let b = "sachsen.localhost de /verfahren?suche=b";
        assert!(!cache.asked_before(a), "a first ask is only remembered");
        assert!(!cache.asked_before(b));
        assert!(cache.asked_before(a), "the second is kept");
        // One-off addresses beyond the bound make the memory start afresh.
        for n in 0..MAX_SEEN {
            cache.asked_before(&format!("sachsen.localhost de /verfahren?n={n}"));
        }
        assert!(cache.seen.lock().unwrap().len() <= MAX_SEEN);
        assert!(!cache.asked_before(b), "forgotten");
    }

    #[test]
    fn each_encoding_holds_the_same_page() {
        let page = Bytes::from("<!DOCTYPE html><p>Grüße</p>".repeat(200));
        let e = Entry::new(
            Utc::now(),
            0,
            page.clone(),
            HeaderValue::from_static("text/html"),
        );
        assert_eq!(
            e.size(),
            page.len(),
            "nothing compressed before it is asked for"
        );
        let mut br = Vec::new();
        brotli::BrotliDecompress(&mut &e.brotli()[..], &mut br).unwrap();
        let mut gz = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&e.gzip()[..]), &mut gz)
            .unwrap();
        assert_eq!(br, page);
        assert_eq!(gz, page);
        assert!(e.brotli().len() < page.len() / 10);
        assert_eq!(e.size(), page.len() + e.brotli().len() + e.gzip().len());
    }
}
