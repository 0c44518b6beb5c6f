//! The page shown when a page's data cannot be loaded: the message of the error and, on
//! the server, the matching status code.
use super::layout::PageHeading;
use super::site::t;
use leptos::prelude::*;
use leptos_router::components::A;

/// Shown when a page's data cannot be loaded: the message key of the error and,
/// on the server, the matching status code.
#[component]
pub fn ErrorPage(key: String) -> impl IntoView {
    let title = match key.as_str() {
        "error.forbidden" => "page.forbidden",
        "error.not_found" => "page.not_found",
        _ => "page.error",
    };
    view! {
        <PageHeading title=t(title) />
        <p class="form-error" role="alert">{t(&key)}</p>
        <p><A href="/">{t("nav.home")}</A></p>
    }
}

/// The message key inside a server function's error.
pub fn error_key(e: &ServerFnError) -> String {
    match e {
        ServerFnError::ServerError(key) if key.starts_with("error.") => key.clone(),
        _ => "error.internal".into(),
    }
}
