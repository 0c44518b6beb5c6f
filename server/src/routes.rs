//! Routes that are not pages: health, tenant stylesheet, language switch, data export.
use app::api::context::{RequestTenant, cookie_value};
use app::i18n::{LANG_COOKIE, Lang};
use app::services::{AppError, AppState, accounts, db, sessions, subscriptions};
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

/// `GET /healthz`: 200 with `{"status":"ok"}` when the database answers, else 503.
pub async fn healthz(State(state): State<AppState>) -> Response {
    match db::ping(&state.db).await {
        Ok(()) => (
            StatusCode::OK,
            axum::Json(serde_json::json!({"status": "ok", "database": "ok"})),
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                axum::Json(serde_json::json!({"status": "error", "database": "unreachable"})),
            )
                .into_response()
        }
    }
}

/// The tenant's brand colour as a CSS variable (kept out of the page so the CSP needs
/// no inline styles). Only a hex colour gets through.
pub async fn tenant_css(Extension(tenant): Extension<RequestTenant>) -> Response {
    let color = &tenant.0.brand_color;
    let valid = color.len() == 7
        && color.starts_with('#')
        && color[1..].chars().all(|c| c.is_ascii_hexdigit());
    let color = if valid { color.as_str() } else { "#0b5394" };
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        format!(":root {{ --brand: {color}; }}\n"),
    )
        .into_response()
}

#[derive(Deserialize)]
pub struct Back {
    zurueck: Option<String>,
}

/// `GET /sprache/{de|en}?zurueck=/pfad`: remembers the language and goes back. Only
/// local paths are followed, so the link cannot send anyone elsewhere.
pub async fn switch_language(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(back): Query<Back>,
) -> Response {
    let lang = Lang::from_code(&code).unwrap_or_default();
    let target = back
        .zurueck
        .filter(|p| p.starts_with('/') && !p.starts_with("//") && !p.contains('\\'))
        .unwrap_or_else(|| "/".into());
    let secure = if state.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; SameSite=Lax; Max-Age=31536000{secure}",
        lang.code()
    );
    ([(header::SET_COOKIE, cookie)], Redirect::to(&target)).into_response()
}

/// The person logged in with this request's session cookie, on this tenant.
pub async fn session_user(
    state: &AppState,
    tenant: &RequestTenant,
    headers: &HeaderMap,
) -> Result<Option<sessions::CurrentUser>, AppError> {
    let (mut parts, _) = axum::http::Request::new(()).into_parts();
    parts.headers = headers.clone();
    match cookie_value(&parts, sessions::COOKIE) {
        Some(token) => sessions::resolve(&state.db, state.now(), tenant.0.id, &token).await,
        None => Ok(None),
    }
}

/// The answer to a request a route could not serve: a readable German page with its
/// status, or the login page for someone not logged in.
pub fn failure(err: AppError, what: &str) -> Response {
    match err {
        AppError::Unauthenticated => Redirect::to("/anmelden").into_response(),
        AppError::Forbidden => crate::security::plain_page(
            StatusCode::FORBIDDEN,
            "Kein Zugriff",
            "Sie haben keine Berechtigung für diese Seite.",
        ),
        AppError::NotFound => crate::security::plain_page(
            StatusCode::NOT_FOUND,
            "Nicht gefunden",
            "Diese Datei oder Seite gibt es nicht (mehr).",
        ),
        e => {
            tracing::error!(error = %e, "{what} failed");
            crate::security::plain_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Ein Fehler ist aufgetreten",
                "Bitte versuchen Sie es in einigen Minuten erneut.",
            )
        }
    }
}

/// `GET /konto/daten.json`: everything stored about the logged-in person.
pub async fn my_data(
    State(state): State<AppState>,
    Extension(tenant): Extension<RequestTenant>,
    headers: HeaderMap,
) -> Response {
    let me = match session_user(&state, &tenant, &headers).await {
        Ok(Some(me)) => me,
        Ok(None) => return Redirect::to("/anmelden").into_response(),
        Err(e) => return failure(e, "data export"),
    };
    match accounts::export(&state, &me).await {
        Ok(data) => (
            [
                (header::CONTENT_TYPE, "application/json; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"meine-daten.json\"",
                ),
                (header::CACHE_CONTROL, "no-store"),
            ],
            serde_json::to_string_pretty(&data).unwrap_or_default(),
        )
            .into_response(),
        Err(e) => failure(e, "data export"),
    }
}

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

/// The path of the one-click unsubscribe (RFC 8058). Authorized by the signed token in
/// its URL, so it is the one POST exempt from the Origin check: mail providers send it
/// from their servers, without an Origin.
pub const UNSUBSCRIBE_PATH: &str = "/benachrichtigungen/abmelden";

/// `POST /benachrichtigungen/abmelden?token=…`: forgets the subscriber. A mail provider
/// (body `List-Unsubscribe=One-Click`) gets a short 200 page; a person who pressed the
/// button on our page is sent to the confirmation page. Unsubscribing twice is fine.
pub async fn one_click_unsubscribe(
    State(state): State<AppState>,
    Extension(tenant): Extension<RequestTenant>,
    Query(query): Query<TokenQuery>,
    body: String,
) -> Response {
    match subscriptions::unsubscribe_all(&state, &tenant.0, &query.token).await {
        Ok(_) if body.contains("List-Unsubscribe=One-Click") => crate::security::plain_page(
            StatusCode::OK,
            "Abgemeldet",
            "Sie erhalten keine Benachrichtigungen mehr. Ihre E-Mail-Adresse ist gelöscht.",
        ),
        Ok(_) => Redirect::to("/benachrichtigungen/abgemeldet").into_response(),
        Err(AppError::Invalid(_)) => crate::security::plain_page(
            StatusCode::BAD_REQUEST,
            "Link ungültig",
            "Dieser Abmeldelink ist ungültig. Bitte verwenden Sie den vollständigen Link aus Ihrer E-Mail.",
        ),
        Err(e) => {
            tracing::error!(error = %e, "unsubscribe failed");
            crate::security::plain_page(
                StatusCode::SERVICE_UNAVAILABLE,
                "Bitte später erneut versuchen",
                "Die Abmeldung konnte gerade nicht gespeichert werden. Bitte versuchen Sie es in einigen Minuten erneut.",
            )
        }
    }
}
