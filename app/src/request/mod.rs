//! Who is asking (server only): the tenant of the Host header, the client's address and
//! language, the session's user, and the guards a server function asks for
//! (`req.staff()?`, `req.moderator()?`, `req.tenant_admin()?`). Also how a form's outcome
//! goes back (`form`).
mod form;

pub use form::{
    CLEAR_FLASH, Done, FLASH_COOKIE, FLASH_DATA_HEADER, Flash, StoredFlash, decode_flash,
    encode_flash, finish,
};

use crate::i18n::{LANG_COOKIE, Lang};
use crate::platform::entities::tenant;
use crate::platform::permissions::{Moderator, Staff, TenantAdmin};
use crate::platform::sessions::{self, CurrentUser};
use crate::platform::{AppError, AppState};
use http::header::{ACCEPT, ACCEPT_LANGUAGE, COOKIE, SET_COOKIE};
use http::request::Parts;
use http::{HeaderMap, HeaderValue};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use std::sync::Arc;

/// The tenant of a request, put into the request's extensions by the server's middleware.
#[derive(Clone)]
pub struct RequestTenant(pub Arc<tenant::Model>);

/// The session's user, once looked up for a page request (by the server's site-context
/// middleware), so the server functions the page calls while rendering do not look
/// the session up again.
#[derive(Clone)]
pub struct ResolvedUser(pub Option<CurrentUser>);

/// The client address of a request (from the connection, not from a header).
#[derive(Clone)]
pub struct ClientIp(pub String);

/// Where a request came from, for rate limits, and the language it reads.
#[derive(Clone, Debug)]
pub struct Client {
    pub ip: String,
    pub lang: Lang,
}

pub struct Request {
    pub state: AppState,
    pub tenant: Arc<tenant::Model>,
    pub lang: Lang,
    pub ip: String,
    pub session_token: Option<String>,
    pub user: Option<CurrentUser>,
    /// What the previous form left for this page view.
    flash: Option<Flash>,
    parts: Parts,
}

fn internal(msg: &str) -> ServerFnError {
    ServerFnError::new(msg)
}

/// A cookie's value, borrowed from the headers (the page cache asks on every view).
pub fn cookie_in<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The page's language: the person's choice (cookie), else the browser's.
pub fn lang_in(headers: &HeaderMap) -> Lang {
    let header = headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    Lang::negotiate(cookie_in(headers, LANG_COOKIE), header)
}

/// Everything a server function needs about the current request.
pub async fn request() -> Result<Request, ServerFnError> {
    let state = use_context::<AppState>().ok_or_else(|| internal("no app state"))?;
    let parts = use_context::<Parts>().ok_or_else(|| internal("no request"))?;
    Request::from_parts(state, parts).await
}

impl Request {
    /// Also used outside Leptos (the server's site-context middleware).
    pub async fn from_parts(state: AppState, parts: Parts) -> Result<Self, ServerFnError> {
        let tenant = parts
            .extensions
            .get::<RequestTenant>()
            .ok_or_else(|| internal("no tenant"))?
            .0
            .clone();
        let ip = parts
            .extensions
            .get::<ClientIp>()
            .map(|c| c.0.clone())
            .unwrap_or_default();
        let session_token = cookie_in(&parts.headers, sessions::COOKIE).map(str::to_string);
        let already_resolved = parts.extensions.get::<ResolvedUser>().map(|r| r.0.clone());
        let user = match (&session_token, already_resolved) {
            (_, Some(user)) => user,
            (Some(token), None) => {
                sessions::resolve(&state, tenant.id, token)
                    .await
                    .map_err(|e| {
                        tracing::error!(error = %e, "session lookup failed");
                        internal("session")
                    })?
            }
            (None, None) => None,
        };
        let flash = match cookie_in(&parts.headers, FLASH_COOKIE) {
            Some(value) => decode_flash(&state, value).await,
            None => None,
        };
        Ok(Request {
            flash,
            lang: lang_in(&parts.headers),
            state,
            tenant,
            ip,
            session_token,
            user,
            parts,
        })
    }

    /// The person logged in, or `Unauthenticated`.
    pub fn user(&self) -> Result<&CurrentUser, AppError> {
        self.user.as_ref().ok_or(AppError::Unauthenticated)
    }

    /// Proof that the person works for an organization of this tenant.
    pub fn staff(&self) -> Result<Staff, AppError> {
        Staff::require(self.user.clone())
    }

    /// Proof that the person moderates contributions somewhere on this tenant.
    pub fn moderator(&self) -> Result<Moderator, AppError> {
        Moderator::require(self.user.clone())
    }

    /// Proof that the person administers this tenant.
    pub fn tenant_admin(&self) -> Result<TenantAdmin, AppError> {
        TenantAdmin::require(self.user.clone())
    }

    /// The flash the previous form left, if its signature is valid.
    pub fn flash(&self) -> Option<Flash> {
        self.flash.clone()
    }

    pub fn client(&self) -> Client {
        Client {
            ip: self.ip.clone(),
            lang: self.lang,
        }
    }

    /// A form posted by the `enhance` island: answered as a plain post is (the flash
    /// carries the answer), but without the redirect back, which the island does itself.
    pub fn is_enhanced(&self) -> bool {
        self.parts.headers.contains_key("x-mitwirken-enhanced")
    }

    /// A plain HTML form post (no JavaScript): the browser wants a page, not data.
    pub fn is_plain_form_post(&self) -> bool {
        self.parts
            .headers
            .get(ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
    }

    /// Sets a header of the answer (server functions only).
    pub fn set_header(&self, name: &'static str, value: &str) {
        if let (Some(res), Ok(v)) = (
            use_context::<ResponseOptions>(),
            HeaderValue::from_str(value),
        ) {
            res.insert_header(axum::http::HeaderName::from_static(name), v);
        }
    }

    pub fn set_cookie(&self, value: &str) {
        if let (Some(res), Ok(v)) = (
            use_context::<ResponseOptions>(),
            HeaderValue::from_str(value),
        ) {
            res.append_header(SET_COOKIE, v);
        }
    }

    pub fn set_status(&self, status: u16) {
        if let (Some(res), Ok(code)) = (
            use_context::<ResponseOptions>(),
            http::StatusCode::from_u16(status),
        ) {
            res.set_status(code);
        }
    }

    /// Logs an unexpected error once and turns it into what the user may read.
    pub fn fail(&self, err: AppError) -> ServerFnError {
        if err.status() >= 500 {
            tracing::error!(error = %err, "request failed");
        }
        self.set_status(err.status());
        ServerFnError::new(err.user_message_key())
    }

    /// The answer of a read: its value, or the error as the page may show it (with its
    /// status code).
    pub async fn answer<T>(
        &self,
        read: impl Future<Output = Result<T, AppError>>,
    ) -> Result<T, ServerFnError> {
        read.await.map_err(|e| self.fail(e))
    }
}
