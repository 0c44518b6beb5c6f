//! The portal's frame: what every page needs: the tenant's branding, the language, who is logged in, and
//! what the last form left to show (flash); and the pages that belong to no area.
pub mod pages;

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

/// The tenant's legal pages (Impressum, Datenschutz, Barrierefreiheit).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LegalPage {
    Imprint,
    Privacy,
    Accessibility,
}

#[server(endpoint = "legal", input = leptos::server_fn::codec::GetUrl)]
pub async fn get_legal_text(page: LegalPage) -> Result<String, ServerFnError> {
    let req = crate::request::request().await?;
    Ok(match page {
        LegalPage::Imprint => req.tenant.imprint.clone(),
        LegalPage::Privacy => req.tenant.privacy.clone(),
        LegalPage::Accessibility => req.tenant.accessibility.clone(),
    })
}
