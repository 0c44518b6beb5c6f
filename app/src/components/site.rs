//! The site context (tenant, language, user, flash) for every component below.
//!
//! It is not a Resource: the server computes it before rendering (the server's
//! `site_context` middleware), so no `<Suspense>` waits for it. Pages render on the
//! server only (islands mode), so the context never travels to the browser.
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

pub type Site = RwSignal<SiteContext>;

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

/// Provides the context the server computed for this request (see the server's
/// `site_context` middleware) to every component below.
#[component]
pub fn ProvideSite(children: Children) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let ctx = use_context::<http::request::Parts>()
        .and_then(|p| p.extensions.get::<SiteContext>().cloned())
        .unwrap_or_else(empty);
    #[cfg(not(feature = "ssr"))]
    let ctx = empty();
    provide_context::<Site>(RwSignal::new(ctx));
    children()
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
