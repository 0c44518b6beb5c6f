//! Security by construction, as middleware: every response gets the headers, every
//! state-changing request has its Origin checked, every request knows its tenant.
use crate::paths;
use crate::plain::{self, Plain};
use app::platform::client_address::{self, TrustedProxies};
use app::platform::entities::tenant;
use app::platform::{Settings, tenants};
use app::request::{ClientIp, RequestTenant};
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sea_orm::DatabaseConnection;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The content security policy of every response: scripts only from this site (pages
/// carry no inline script: the islands' loader is a file of its own) and the WebAssembly
/// they load; no inline styles; nothing may frame a page.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
     img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; \
     form-action 'self'; frame-ancestors 'none'";

/// Adds the security headers to every response.
/// Its state is only the settings: middleware state is cloned on every request.
pub async fn headers(State(settings): State<Arc<Settings>>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let fixed = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            header::HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(self), payment=(), usb=()",
        ),
        (
            header::HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ];
    for (name, value) in fixed {
        h.insert(name, HeaderValue::from_static(value));
    }
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    if settings.secure_cookies {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    res
}

/// Server functions carry no CSRF token of their own, so every request that can change
/// state must come from a page of this site: its Origin must name the host it was sent to,
/// with the scheme the site is served with (`https` when `MITWIRKEN_BASE_URL` is, so a
/// page on `http://` of the same host, which a network attacker can write, is refused).
pub async fn origin_check(
    State(settings): State<Arc<Settings>>,
    req: Request,
    next: Next,
) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        || paths::rule(req.uri().path()).signed_link
    {
        return next.run(req).await;
    }
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok());
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok());
    let scheme = if settings.secure_cookies {
        "https"
    } else {
        "http"
    };
    let same = match (origin, host) {
        (Some(origin), Some(host)) => same_origin(origin, scheme, host),
        _ => false,
    };
    if same {
        next.run(req).await
    } else {
        tracing::warn!(?origin, ?host, path = %req.uri().path(), "refused: foreign or missing Origin");
        plain::page(StatusCode::FORBIDDEN, req.headers(), Plain::Origin)
    }
}

/// Whether the Origin header `origin` is `scheme://host` (the host as the request named it).
fn same_origin(origin: &str, scheme: &str, host: &str) -> bool {
    origin.split_once("://").is_some_and(|(s, authority)| {
        s.eq_ignore_ascii_case(scheme) && authority.eq_ignore_ascii_case(host)
    })
}

/// The tenants of the host names seen lately: a tenant is looked up once every
/// `TENANT_TTL` per host, not on every request (branding changes show after it).
#[derive(Default)]
pub struct TenantCache(std::sync::RwLock<HashMap<String, (Instant, Arc<tenant::Model>)>>);

pub const TENANT_TTL: Duration = Duration::from_secs(5);

impl TenantCache {
    async fn get(
        &self,
        db: &DatabaseConnection,
        host: &str,
    ) -> Result<Arc<tenant::Model>, sea_orm::DbErr> {
        if let Ok(map) = self.0.read() {
            if let Some((at, t)) = map.get(host) {
                if at.elapsed() < TENANT_TTL {
                    return Ok(t.clone());
                }
            }
        }
        let t = Arc::new(tenants::for_host(db, host).await?);
        if let Ok(mut map) = self.0.write() {
            // Host headers are chosen by clients: the map stays small whatever they send.
            if map.len() > 1000 {
                map.clear();
            }
            map.insert(host.to_string(), (Instant::now(), t.clone()));
        }
        Ok(t)
    }
}

/// Finds the tenant of the Host header and the client (`client_address`), for every
/// request.
/// Its state is only the database and the cache: middleware state is cloned on every
/// request.
pub async fn tenant_and_client(
    State((db, cache, proxies)): State<(DatabaseConnection, Arc<TenantCache>, Arc<TrustedProxies>)>,
    mut req: Request,
    next: Next,
) -> Response {
    // The health check reports the database itself; assets belong to no tenant.
    let path = req.uri().path();
    if path == "/healthz" || path.starts_with("/pkg/") {
        return next.run(req).await;
    }
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    match cache.get(&db, &host).await {
        Ok(t) => {
            req.extensions_mut().insert(RequestTenant(t));
        }
        Err(e) => {
            tracing::error!(error = %e, "tenant lookup failed");
            return plain::page(
                StatusCode::SERVICE_UNAVAILABLE,
                req.headers(),
                Plain::Unavailable,
            );
        }
    }
    let ip = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| {
            let forwarded = req
                .headers()
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok());
            client_address::bucket(proxies.client(c.0.ip(), forwarded))
        })
        .unwrap_or_default();
    req.extensions_mut().insert(ClientIp(ip));
    next.run(req).await
}

/// Turns a refused oversized body (413) into a page a person can read.
pub async fn friendly_limits(req: Request, next: Next) -> Response {
    // Only a request with a body can be too large; the others pass untouched.
    if matches!(*req.method(), Method::GET | Method::HEAD) {
        return next.run(req).await;
    }
    let lang = app::request::lang_in(req.headers());
    let res = next.run(req).await;
    if res.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return plain::page_in(StatusCode::PAYLOAD_TOO_LARGE, lang, Plain::TooLarge);
    }
    res
}

/// Refuses a body larger than its route allows (`paths`): at once when the declared
/// length is too large, else while it is read.
pub async fn body_limit(req: Request, next: Next) -> Response {
    let limit = paths::rule(req.uri().path()).body_limit;
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    let req = req.map(|body| Body::new(http_body_util::Limited::new(body, limit)));
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::same_origin;

    #[test]
    fn the_origin_must_match_scheme_and_host() {
        assert!(same_origin(
            "https://beteiligung.example",
            "https",
            "beteiligung.example"
        ));
        assert!(same_origin(
            "http://127.0.0.1:3000",
            "http",
            "127.0.0.1:3000"
        ));
        assert!(!same_origin(
            "http://beteiligung.example",
            "https",
            "beteiligung.example"
        ));
        assert!(!same_origin(
            "https://beteiligung.example",
            "http",
            "beteiligung.example"
        ));
        assert!(!same_origin(
            "https://evil.example",
            "https",
            "beteiligung.example"
        ));
        assert!(!same_origin(
            "https://beteiligung.example.evil",
            "https",
            "beteiligung.example"
        ));
        assert!(!same_origin("null", "https", "beteiligung.example"));
    }
}
