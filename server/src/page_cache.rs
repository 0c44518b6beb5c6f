//! A short-lived cache of public procedure pages for visitors who are not logged in.
//!
//! Everyone without a session sees the same procedure page, so rendering it once a
//! second is enough however many people read it. A page carries no per-response part
//! (no CSP nonce: pages have no inline script), so the stored bytes are served as they are.
//!
//! Freshness: an entry lives at most `TTL`, and any state-changing request (a POST) in
//! this process drops all entries when it starts and again when it has answered (so a
//! page rendered before its change was committed is not kept either): a comment shows
//! at once here and within `TTL` on other processes behind the same load balancer.
//! Whoever has a session or a flash (a form just answered) always gets a freshly
//! rendered page. Whether a contribution is accepted is decided by the server on every
//! POST; a cached form only mirrors it.
use app::platform::sessions;
use app::request::{FLASH_COOKIE, RequestTenant, cookie_in, lang_in};
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::RwLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// How long a rendered page is served before it is rendered again.
pub const TTL: Duration = Duration::from_secs(1);
/// Bounds of the cache: beyond them it starts afresh.
const MAX_ENTRIES: usize = 256;
const MAX_BYTES: usize = 16 * 1024 * 1024;

struct Entry {
    made: Instant,
    generation: u64,
    page: Bytes,
    content_type: HeaderValue,
}

#[derive(Default)]
pub struct PageCache {
    entries: RwLock<HashMap<String, Entry>>,
    /// Bumped by every state-changing request; older entries are stale.
    generation: AtomicU64,
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
    let tenant = req.extensions().get::<RequestTenant>()?.0.id;
    Some(format!(
        "{tenant} {} {}",
        lang.code(),
        req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("")
    ))
}

/// The stored page; its bytes are shared, nothing is copied per response.
fn respond(page: &Bytes, content_type: HeaderValue) -> Response {
    let mut res = Response::new(Body::from(page.clone()));
    res.headers_mut().insert(header::CONTENT_TYPE, content_type);
    res.headers_mut()
        .insert(header::CONTENT_LENGTH, HeaderValue::from(page.len()));
    res
}

/// Whether a rendered response may be stored: a complete page that sets no cookie.
fn storable(headers: &HeaderMap, status: StatusCode) -> bool {
    status == StatusCode::OK && !headers.contains_key(header::SET_COOKIE)
}

impl PageCache {
    /// Middleware: serves public pages from the cache, stores what it rendered, and
    /// forgets everything when a request may have changed something.
    pub async fn layer(
        axum::extract::State(cache): axum::extract::State<std::sync::Arc<PageCache>>,
        req: Request,
        next: Next,
    ) -> Response {
        if !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
            cache.generation.fetch_add(1, Ordering::SeqCst);
            let res = next.run(req).await;
            cache.generation.fetch_add(1, Ordering::SeqCst);
            return res;
        }
        let Some(key) = key(&req) else {
            return next.run(req).await;
        };
        let generation = cache.generation.load(Ordering::SeqCst);
        if let Ok(entries) = cache.entries.read() {
            if let Some(e) = entries.get(&key) {
                if e.generation == generation && e.made.elapsed() < TTL {
                    return respond(&e.page, e.content_type.clone());
                }
            }
        }
        let res = next.run(req).await;
        if !storable(res.headers(), res.status()) {
            return res;
        }
        let (head, body) = res.into_parts();
        let Ok(bytes) = axum::body::to_bytes(body, MAX_BYTES).await else {
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        };
        let content_type = head
            .headers
            .get(header::CONTENT_TYPE)
            .cloned()
            .unwrap_or_else(|| HeaderValue::from_static("text/html; charset=utf-8"));
        if let Ok(mut entries) = cache.entries.write() {
            let size: usize = entries.values().map(|e| e.page.len()).sum();
            if entries.len() >= MAX_ENTRIES || size + bytes.len() > MAX_BYTES {
                entries.clear();
            }
            entries.insert(
                key,
                Entry {
                    made: Instant::now(),
                    generation,
                    page: bytes.clone(),
                    content_type,
                },
            );
        }
        Response::from_parts(head, Body::from(bytes))
    }
}
