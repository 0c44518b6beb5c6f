//! Plain pages for answers given before (or instead of) the app rendering a page:
//! refused requests, errors of file and export routes, the one-click unsubscribe.
//! Minimal and accessible (one `main`, one `h1`), in the reader's language, each with
//! its HTTP status.
use app::i18n::Lang;
use axum::body::Body;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// Why a plain page is shown: its catalog keys are `plain.<name>.title` and `.text`.
#[derive(Clone, Copy, Debug)]
pub enum Plain {
    Forbidden,
    NotFound,
    Error,
    Origin,
    Unavailable,
    TooLarge,
    Unsubscribed,
    UnsubscribeLink,
    UnsubscribeFailed,
}

impl Plain {
    fn name(self) -> &'static str {
        match self {
            Plain::Forbidden => "forbidden",
            Plain::NotFound => "not_found",
            Plain::Error => "error",
            Plain::Origin => "origin",
            Plain::Unavailable => "unavailable",
            Plain::TooLarge => "too_large",
            Plain::Unsubscribed => "unsubscribed",
            Plain::UnsubscribeLink => "unsubscribe_link",
            Plain::UnsubscribeFailed => "unsubscribe_failed",
        }
    }
}

/// The page for `what`, in the language the request's headers ask for.
pub fn page(status: StatusCode, headers: &HeaderMap, what: Plain) -> Response {
    page_in(status, app::request::lang_in(headers), what)
}

/// As `page`, in a language known already.
pub fn page_in(status: StatusCode, lang: Lang, what: Plain) -> Response {
    let title = lang.t(&format!("plain.{}.title", what.name()));
    let text = lang.t(&format!("plain.{}.text", what.name()));
    html(status, lang, title, text)
}

fn html(status: StatusCode, lang: Lang, title: &str, text: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title></head><body><main><h1>{title}</h1><p>{text}</p><p><a href=\"/\">{home}</a></p></main></body></html>",
        code = lang.code(),
        home = lang.t("plain.home"),
    );
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        Body::from(html),
    )
        .into_response()
}
