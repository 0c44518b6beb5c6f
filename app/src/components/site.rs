//! The site context (tenant, language, user, flash) for every component below.
//!
//! It is not a Resource: the server computes it before rendering (the server's
//! `site_context` middleware) and embeds it in the page as JSON, the browser reads it
//! from there when it hydrates and fetches it again after each navigation. Components
//! read a plain signal, so no `<Suspense>` waits for it. (One Resource read in many
//! Suspense boundaries made Leptos 0.8 stall a response now and then.)
use crate::domain::{FormReply, Role};
use crate::i18n::Lang;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TenantView {
    pub name: String,
    pub brand_color: String,
    pub logo_url: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserView {
    pub display_name: String,
    pub email: String,
    pub email_verified: bool,
    pub roles: Vec<Role>,
}

impl UserView {
    pub fn is_staff(&self) -> bool {
        !self.roles.is_empty()
    }

    /// Moderates some organization (or the whole tenant).
    pub fn moderates(&self) -> bool {
        self.roles
            .iter()
            .any(|r| matches!(r, Role::Moderator | Role::OrgAdmin | Role::TenantAdmin))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormFlash {
    pub form: String,
    pub values: Vec<(String, String)>,
    pub reply: FormReply,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SiteContext {
    pub lang: Lang,
    pub tenant: TenantView,
    pub user: Option<UserView>,
    pub flash: Option<FormFlash>,
}

/// The site context of a request, and whether it consumed a flash (whose cookie the
/// response must then remove). The server renders pages with it (see the server's
/// `site_context` middleware) and the browser fetches it after each navigation.
#[cfg(feature = "ssr")]
pub fn site_context(req: &crate::request::Request) -> (SiteContext, bool) {
    let flash = req.flash().map(|f| FormFlash {
        form: f.form,
        values: f.values,
        reply: f.reply,
    });
    let consumed = flash.is_some();
    let ctx = SiteContext {
        lang: req.lang,
        tenant: TenantView {
            name: req.tenant.name.clone(),
            brand_color: req.tenant.brand_color.clone(),
            logo_url: req.tenant.logo_url.clone(),
        },
        user: req.user.as_ref().map(|u| UserView {
            display_name: u.user.display_name.clone(),
            email: u.user.email.clone(),
            email_verified: u.user.email_verified_at.is_some(),
            roles: u.roles.iter().map(|(r, _)| *r).collect(),
        }),
        flash,
    };
    (ctx, consumed)
}

/// The JSON of the site context, safe to embed in an HTML `<script>` data block.
pub fn embeddable_json(ctx: &SiteContext) -> String {
    serde_json::to_string(ctx)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[server(endpoint = "site", input = leptos::server_fn::codec::GetUrl)]
pub async fn get_site_context() -> Result<SiteContext, ServerFnError> {
    let req = crate::request::request().await?;
    let (ctx, consumed_flash) = site_context(&req);
    if consumed_flash {
        req.set_cookie(crate::request::CLEAR_FLASH);
    }
    Ok(ctx)
}

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
