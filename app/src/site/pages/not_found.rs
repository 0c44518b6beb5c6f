use crate::components::layout::PageHeading;
use crate::components::site::t;
use leptos::prelude::*;
use leptos_router::components::A;

/// Sets the status code on the server so the 404 is real, not just a text.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <PageHeading title=t("page.not_found") />
        <p>{t("page.not_found.text")}</p>
        <p><A href="/">{t("nav.home")}</A></p>
    }
}

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
