//! The site context (tenant, language, user, flash) for every component below.
use crate::api::site::{SiteContext, get_site_context};
use crate::i18n::Lang;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

pub type SiteResource = Resource<Result<SiteContext, ServerFnError>>;

/// Loads the site context with the page (blocking, so the server sends it with the
/// HTML) and again after every navigation, since logging in or out changes it.
#[component]
pub fn ProvideSite(children: Children) -> impl IntoView {
    let location = use_location();
    let site: SiteResource = Resource::new_blocking(
        move || (location.pathname.get(), location.search.get()),
        |_| get_site_context(),
    );
    provide_context(site);
    children()
}

pub fn use_site() -> SiteResource {
    expect_context::<SiteResource>()
}

pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// Shorthand for a message of the page's language.
pub fn t(key: &str) -> &'static str {
    use_lang().t(key)
}
