//! Routes that are not pages: health, tenant stylesheet, language switch, data export.
use crate::documents::disposition;
use crate::plain::{self, Plain};
use app::account::service::personal_data;
use app::domain::FormReply;
use app::i18n::{LANG_COOKIE, Lang};
use app::platform::permissions::Staff;
use app::platform::spreadsheet::{self, Table};
use app::platform::{AppError, AppState, db, sessions};
use app::request::{Flash, RequestTenant, cookie_in, encode_flash};
use app::subscriptions::service::manage;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
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
        .filter(|p| is_local_path(p))
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

/// Whether `target` is a path of this site that a browser cannot read as another
/// site's address. Browsers drop tabs and line breaks from a `Location` and read `\\` as
/// `/`, so `/<TAB>/evil.example` or `/\\evil.example` would become `//evil.example`: any
/// control character, whitespace or backslash is refused outright, and what is left must
/// start with exactly one `/`.
pub fn is_local_path(target: &str) -> bool {
    target.starts_with('/')
        && !target.starts_with("//")
        && !target
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
}

/// The person logged in with this request's session cookie, on this tenant.
pub async fn session_user(
    state: &AppState,
    tenant: &RequestTenant,
    headers: &HeaderMap,
) -> Result<Option<sessions::CurrentUser>, AppError> {
    match cookie_in(headers, sessions::COOKIE) {
        Some(token) => sessions::resolve(state, tenant.0.id, token).await,
        None => Ok(None),
    }
}

/// The answer to a request a route could not serve: a readable page with its status,
/// or the login page for someone not logged in.
pub fn failure(err: AppError, headers: &HeaderMap, what: &str) -> Response {
    match err {
        AppError::Unauthenticated => Redirect::to("/anmelden").into_response(),
        AppError::Forbidden => plain::page(StatusCode::FORBIDDEN, headers, Plain::Forbidden),
        AppError::NotFound => plain::page(StatusCode::NOT_FOUND, headers, Plain::NotFound),
        e => {
            tracing::error!(error = %e, "{what} failed");
            plain::page(StatusCode::INTERNAL_SERVER_ERROR, headers, Plain::Error)
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
        Err(e) => return failure(e, &headers, "data export"),
    };
    match personal_data::export(&state, &me).await {
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
        Err(e) => failure(e, &headers, "data export"),
    }
}

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

/// `POST /benachrichtigungen/abmelden?token=…`: forgets the subscriber. A mail provider
/// (body `List-Unsubscribe=One-Click`) gets a short 200 page; a person who pressed the
/// button on our page is sent to the confirmation page. Unsubscribing twice is fine.
pub async fn one_click_unsubscribe(
    State(state): State<AppState>,
    Extension(tenant): Extension<RequestTenant>,
    Query(query): Query<TokenQuery>,
    headers: HeaderMap,
    body: String,
) -> Response {
    match manage::unsubscribe_all(&state, &tenant.0, &query.token).await {
        Ok(_) if body.contains("List-Unsubscribe=One-Click") => {
            plain::page(StatusCode::OK, &headers, Plain::Unsubscribed)
        }
        Ok(_) => Redirect::to("/benachrichtigungen/abgemeldet").into_response(),
        Err(AppError::Invalid(_)) => {
            plain::page(StatusCode::BAD_REQUEST, &headers, Plain::UnsubscribeLink)
        }
        Err(e) => {
            tracing::error!(error = %e, "unsubscribe failed");
            plain::page(
                StatusCode::SERVICE_UNAVAILABLE,
                &headers,
                Plain::UnsubscribeFailed,
            )
        }
    }
}

/// Back to `path` with the form's outcome in the flash (errors next to the fields, the
/// input kept), as every plain form of the site does.
pub async fn back_with(
    state: &AppState,
    path: &str,
    form: &str,
    reply: FormReply,
    values: Vec<(String, String)>,
) -> Response {
    let values = if reply.errors.is_empty() {
        Vec::new()
    } else {
        values
    };
    let flash = Flash {
        form: form.into(),
        values,
        reply,
    };
    let mut res = Redirect::to(path).into_response();
    let out = encode_flash(state, &flash);
    if let Some(stored) = out.stored
        && let Err(e) = stored.save(state).await
    {
        tracing::error!(error = %e, "storing a flash failed");
    }
    if let Ok(cookie) = HeaderValue::from_str(&out.cookie) {
        res.headers_mut().append(header::SET_COOKIE, cookie);
    }
    res
}

/// The staff member asking, for routes that are staff's only.
pub async fn staff_of(
    state: &AppState,
    tenant: &RequestTenant,
    headers: &HeaderMap,
) -> Result<Staff, AppError> {
    Staff::require(session_user(state, tenant, headers).await?)
}

/// A table as a CSV or XLSX download, with its file name and the given cache policy.
pub fn table_response(
    table: &Table,
    xlsx: bool,
    headers: &HeaderMap,
    cache: &'static str,
) -> Response {
    let (body, content_type, ext) = if xlsx {
        match spreadsheet::to_xlsx(table) {
            Ok(b) => (
                b,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "xlsx",
            ),
            Err(e) => return failure(e, headers, "export"),
        }
    } else {
        (spreadsheet::to_csv(table), "text/csv; charset=utf-8", "csv")
    };
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (
                header::CONTENT_DISPOSITION,
                disposition(&format!("{}.{ext}", table.name)),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::is_local_path;

    #[test]
    fn only_paths_of_this_site_are_followed() {
        for ok in [
            "/",
            "/verfahren",
            "/verfahren?seite=2&q=a%20b",
            "/petitionen/%2F%2Fx",
            "/a//b",
        ] {
            assert!(is_local_path(ok), "{ok:?} is a local path");
        }
        for bad in [
            "",
            "verfahren",
            "//evil.example",
            "/\\evil.example",
            "\\/evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "\t//evil.example",
            " //evil.example",
            "/ /evil.example",
            "/\u{a0}/evil.example",
            "/\u{2028}/evil.example",
            "/\u{0}/evil.example",
            "/\u{7f}/evil.example",
            "https://evil.example",
            "javascript:alert(1)",
            "/a\\b",
        ] {
            assert!(!is_local_path(bad), "{bad:?} must not be followed");
        }
    }
}
