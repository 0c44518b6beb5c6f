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
