//! Computes the site context (tenant, user, language, flash) before a page is rendered,
//! so the page never waits for it inside `<Suspense>`; removes a flash once it was shown.
use app::components::site::site_context;
use app::platform::AppState;
use app::request::{
    CLEAR_FLASH, FLASH_DATA_HEADER, Request as AppRequest, ResolvedUser, StoredFlash,
};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::Response;

pub async fn provide(State(state): State<AppState>, req: Request, next: Next) -> Response {
    // Pages are the GET requests of the tenant routes; server functions fetch their own.
    let wants_page = req.method() == Method::GET && !req.uri().path().starts_with("/api/");
    if !wants_page {
        return next.run(req).await;
    }
    let (mut parts, body) = req.into_parts();
    let mut consumed_flash = false;
    match AppRequest::from_parts(state, parts.clone()).await {
        Ok(app_req) => {
            let (ctx, consumed) = site_context(&app_req);
            consumed_flash = consumed;
            parts.extensions.insert(ctx);
            parts.extensions.insert(ResolvedUser(app_req.user.clone()));
        }
        // The page still renders (anonymous, default texts); the cause is in the log.
        Err(e) => tracing::error!(error = %e, "site context unavailable"),
    }
    let mut res = next.run(Request::from_parts(parts, body)).await;
    if consumed_flash {
        res.headers_mut()
            .append(header::SET_COOKIE, HeaderValue::from_static(CLEAR_FLASH));
    }
    res
}

/// Stores a flash too large for its cookie that a server function handed over in
/// `FLASH_DATA_HEADER`, and removes the header: the row exists before the browser, sent
/// back to the page, asks for it.
pub async fn store_flash(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    if let Some(value) = res.headers_mut().remove(FLASH_DATA_HEADER) {
        let stored = value.to_str().ok().and_then(StoredFlash::from_header_value);
        if let Some(stored) = stored
            && let Err(e) = stored.save(&state).await
        {
            tracing::error!(error = %e, "storing a flash failed");
        }
    }
    res
}
