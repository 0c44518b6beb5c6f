//! Mitwirken: pages rendered on the server (Leptos islands mode); only the islands
//! (`components::enhance`) are compiled into the browser's WebAssembly.
#![recursion_limit = "512"]

// The core every area stands on.
pub mod components;
pub mod domain;
pub mod i18n;
#[cfg(feature = "ssr")]
pub mod platform;
#[cfg(feature = "ssr")]
pub mod request;
pub mod site;

// The areas, each a slice: types, rules, api (server functions), pages, service (ssr).
pub mod account;
pub mod admin;
pub mod consultations;
pub mod contributions;
pub mod permits;
pub mod petitions;
pub mod procedures;
pub mod subscriptions;

// The demo data: asks every area for its part.
#[cfg(feature = "ssr")]
pub mod demo;

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{MatchNestedRoutes, SsrMode, path};
use site::frame::{Footer, Header, SkipLink};

/// The file names of the built assets (`hash.txt` beside the binary, written by the build;
/// without it the plain names), read once.
#[cfg(feature = "ssr")]
fn assets(options: &LeptosOptions) -> &'static [(String, String); 4] {
    static ASSETS: std::sync::OnceLock<[(String, String); 4]> = std::sync::OnceLock::new();
    ASSETS.get_or_init(|| {
        let pkg = format!("/{}", options.site_pkg_dir);
        let hashes = std::env::current_exe()
            .ok()
            .and_then(|exe| std::fs::read_to_string(exe.parent()?.join("hash.txt")).ok())
            .filter(|_| options.hash_files)
            .unwrap_or_default();
        let name = |kind: &str, ext: &str| {
            let hash = hashes
                .lines()
                .find_map(|l| l.strip_prefix(&format!("{kind}:")))
                .map(|h| format!(".{}", h.trim()))
                .unwrap_or_default();
            let base = if kind == "islands" {
                "islands"
            } else {
                options.output_name.as_ref()
            };
            (kind.to_string(), format!("{pkg}/{base}{hash}.{ext}"))
        };
        [
            name("css", "css"),
            name("js", "js"),
            name("wasm", "wasm"),
            name("islands", "js"),
        ]
    })
}

/// The HTML document around the app (server only). It carries no inline script: the
/// islands' loader is a file of its own, so the strict CSP needs no nonce and a page
/// is the same bytes for everyone who sees it.
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    use leptos_meta::MetaTags;
    let lang = use_context::<http::request::Parts>()
        .map(|p| request::lang_in(&p.headers))
        .unwrap_or_default();
    let [(_, css), (_, js), (_, wasm), (_, islands)] = assets(&options).clone();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="data:," />
                <link rel="stylesheet" href="/tenant.css" />
                <link rel="stylesheet" href=css />
                <script type="module" id="islands" src=islands data-js=js data-wasm=wasm></script>
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The language of this page, from the request (pages render on the server only).
fn detect_lang() -> i18n::Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .map(|p| request::lang_in(&p.headers))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    i18n::Lang::default()
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(detect_lang());
    // Islands mode: only the island hydrates, and it takes no data. leptos_axum renders
    // every page with hydration on, though, so every page's data would be serialized for
    // the browser and cut off again (`server::islands_data`): on a demo procedure page
    // 7.7 of its 27 KB, JSON and string escaping in every render. Off here, it is on
    // only inside the island (leptos turns it on there and back off after).
    #[cfg(feature = "ssr")]
    if let Some(sc) = Owner::current_shared_context() {
        sc.set_is_hydrating(false);
    }
    // Every route renders `Async`: all data is awaited and written in place, so the page
    // is complete without JavaScript and its status code can still be set.
    view! {
        <Router>
            <components::site::ProvideSite>
                <SkipLink />
                <Header />
                <main id="inhalt" tabindex="-1">
                    <components::enhance::Enhanced>
                    <components::layout::FlashNotice />
                    <Routes fallback=site::pages::not_found::NotFound>
                        <SiteRoutes />
                        <account::pages::AccountRoutes />
                        <admin::pages::AdminRoutes />
                        <subscriptions::pages::SubscriptionRoutes />
                        <procedures::pages::ProcedureRoutes />
                        <consultations::pages::ConsultationRoutes />
                        <contributions::pages::ContributionRoutes />
                        <petitions::pages::PetitionRoutes />
                        <permits::pages::PermitRoutes />
                    </Routes>
                    </components::enhance::Enhanced>
                </main>
                <Footer />
            </components::site::ProvideSite>
        </Router>
    }
}

/// The pages that belong to no area. Every route renders `Async`: all data is awaited
/// and written in place, so the page is complete without JavaScript and its status code
/// can still be set.
#[component(transparent)]
fn SiteRoutes() -> impl MatchNestedRoutes + Clone {
    use site::pages::{home::Home, legal};
    view! {
        <Route ssr=SsrMode::Async path=path!("/") view=Home />
        <Route ssr=SsrMode::Async path=path!("/impressum") view=legal::Imprint />
        <Route ssr=SsrMode::Async path=path!("/datenschutz") view=legal::Privacy />
        <Route ssr=SsrMode::Async path=path!("/barrierefreiheit") view=legal::Accessibility />
    }
    .into_inner()
}
