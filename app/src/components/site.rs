//! The site context (tenant, language, user, flash) for every component below.
//!
//! It is not a Resource: the server computes it before rendering (the server's
//! `site_context` middleware) and embeds it in the page as JSON, the browser reads it
//! from there when it hydrates and fetches it again after each navigation. Components
//! read a plain signal, so no `<Suspense>` waits for it. (One Resource read in many
//! Suspense boundaries made Leptos 0.8 stall a response now and then.)
use crate::i18n::Lang;
use crate::site::{SiteContext, TenantView, get_site_context};
use leptos::prelude::*;

pub type Site = RwSignal<SiteContext>;

/// The `id` of the `<script type="application/json">` that carries the context.
pub const SITE_CONTEXT_ID: &str = "site-context";

fn empty() -> SiteContext {
    SiteContext {
        lang: Lang::De,
        tenant: TenantView {
            name: "Mitwirken".into(),
            brand_color: "#0b5394".into(),
            logo_url: None,
        },
        user: None,
        flash: None,
    }
}

/// The context the server computed for this request.
#[cfg(feature = "ssr")]
pub fn initial_site_context() -> SiteContext {
    use_context::<http::request::Parts>()
        .and_then(|p| p.extensions.get::<SiteContext>().cloned())
        .unwrap_or_else(empty)
}

/// The context embedded in the page by the server.
#[cfg(not(feature = "ssr"))]
pub fn initial_site_context() -> SiteContext {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(SITE_CONTEXT_ID))
        .and_then(|e| e.text_content())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_else(empty)
}

#[component]
pub fn ProvideSite(children: Children) -> impl IntoView {
    let site: Site = RwSignal::new(initial_site_context());
    provide_context(site);
    // After a client-side navigation the session or the flash may have changed.
    let location = leptos_router::hooks::use_location();
    Effect::new(move |previous: Option<String>| {
        let here = format!("{}?{}", location.pathname.get(), location.search.get());
        if previous.is_some() {
            refresh_site(site);
        }
        here
    });
    children()
}

/// Fetches the site context again (after navigating, logging in or out).
pub fn refresh_site(site: Site) {
    leptos::task::spawn_local(async move {
        if let Ok(ctx) = get_site_context().await {
            site.set(ctx);
        }
    });
}

pub fn use_site() -> Site {
    expect_context::<Site>()
}

pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// Shorthand for a message of the page's language.
pub fn t(key: &str) -> &'static str {
    use_lang().t(key)
}
