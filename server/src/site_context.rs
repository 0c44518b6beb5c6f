//! Computes the site context (tenant, user, language, flash) before a page is rendered,
//! so the page never waits for it inside `<Suspense>`; removes a flash once it was shown.
use app::components::site::site_context;
use app::platform::AppState;
use app::request::{CLEAR_FLASH, Request as AppRequest, ResolvedUser};
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
