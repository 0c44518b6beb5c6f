//! What every page shows: its heading (and title), and the notice a form left.
use super::site::{t, use_site};
use leptos::prelude::*;
use leptos_meta::Title;

/// The page's `<title>` (page name – tenant) and its one `<h1>`.
#[component]
pub fn PageHeading(#[prop(into)] title: String) -> impl IntoView {
    let site = use_site();
    let heading = title.clone();
    // Computed once: the tenant does not change while the page lives, and leptos_meta
    // renders the title outside the component's reactive owner.
    let text = format!("{title} – {}", site.read_untracked().tenant.name);
    view! {
        <Title text=text />
        <h1>{heading}</h1>
    }
}

/// The notice a form left for this page (after a redirect), announced politely.
#[component]
pub fn FlashNotice() -> impl IntoView {
    let site = use_site();
    move || {
        site.read()
            .flash
            .as_ref()
            .and_then(|f| f.reply.notice.clone())
            .map(|key| view! { <p class="notice" role="status">{t(&key)}</p> })
    }
}
