//! Server side of every server function: who is asking, from where, for which tenant,
//! and how a form's outcome goes back to a browser with or without JavaScript.
use crate::domain::FormReply;
use crate::i18n::{LANG_COOKIE, Lang};
use crate::services::crypto::{sign, verify_signature};
use crate::services::entities::tenant;
use crate::services::sessions::{self, CurrentUser};
use crate::services::{AppError, AppState};
use base64::Engine;
use http::header::{ACCEPT, ACCEPT_LANGUAGE, COOKIE, SET_COOKIE};
use http::request::Parts;
use http::{HeaderMap, HeaderValue};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use serde::{Deserialize, Serialize};
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

pub struct Request {
    pub state: AppState,
    pub tenant: Arc<tenant::Model>,
    pub lang: Lang,
    pub ip: String,
    pub session_token: Option<String>,
    pub user: Option<CurrentUser>,
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

pub fn cookie_value(parts: &Parts, name: &str) -> Option<String> {
    cookie_in(&parts.headers, name).map(str::to_string)
}

/// The page's language: the person's choice (cookie), else the browser's.
pub fn lang_in(headers: &HeaderMap) -> Lang {
    let header = headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    Lang::negotiate(cookie_in(headers, LANG_COOKIE), header)
}

pub fn lang_of(parts: &Parts) -> Lang {
    lang_in(&parts.headers)
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
        let session_token = cookie_value(&parts, sessions::COOKIE);
        let already_resolved = parts.extensions.get::<ResolvedUser>().map(|r| r.0.clone());
        let user = match (&session_token, already_resolved) {
            (_, Some(user)) => user,
            (Some(token), None) => sessions::resolve(&state.db, state.now(), tenant.id, token)
                .await
                .map_err(|e| {
                    tracing::error!(error = %e, "session lookup failed");
                    internal("session")
                })?,
            (None, None) => None,
        };
        Ok(Request {
            lang: lang_of(&parts),
            state,
            tenant,
            ip,
            session_token,
            user,
            parts,
        })
    }
}

impl Request {
    /// The flash the previous form left, if its signature is valid.
    pub fn flash(&self) -> Option<Flash> {
        cookie_value(&self.parts, FLASH_COOKIE).and_then(|value| decode_flash(&self.state, &value))
    }

    pub fn client(&self) -> crate::services::accounts::Client {
        crate::services::accounts::Client {
            ip: self.ip.clone(),
            lang: self.lang,
        }
    }

    /// A plain HTML form post (no JavaScript): the browser wants a page, not data.
    pub fn is_plain_form_post(&self) -> bool {
        self.parts
            .headers
            .get(ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
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
}

/// What a form leaves for the next page view when it answered with a redirect: the
/// notice to show, or the errors with the input to put back (never a password).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Flash {
    pub form: String,
    pub values: Vec<(String, String)>,
    pub reply: FormReply,
}

pub const FLASH_COOKIE: &str = "mitwirken_flash";
/// The `Set-Cookie` value that removes the flash once it was shown.
pub const CLEAR_FLASH: &str = "mitwirken_flash=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0";

pub fn encode_flash(state: &AppState, flash: &Flash) -> String {
    let json = serde_json::to_string(flash).unwrap_or_default();
    let data = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json);
    let sig = sign(&state.secret, &data);
    format!("{FLASH_COOKIE}={data}.{sig}; Path=/; HttpOnly; SameSite=Lax; Max-Age=300")
}

pub fn decode_flash(state: &AppState, value: &str) -> Option<Flash> {
    let (data, sig) = value.split_once('.')?;
    if !verify_signature(&state.secret, data, sig) {
        return None;
    }
    let json = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(data)
        .ok()?;
    serde_json::from_slice(&json).ok()
}

/// How a form ended when it did not fail.
pub enum Done {
    /// Go to this page and show the notice there.
    Redirect(&'static str, &'static str),
    /// The same, to a page whose address is built (it carries a token, say).
    RedirectTo(String, &'static str),
    /// Stay on the page and show the notice.
    Notice(&'static str),
}

/// Sends a form's outcome back. With JavaScript the reply is returned as data (and a
/// redirect is followed by the client router); without, the browser is redirected and
/// the reply travels in a signed, short-lived flash cookie so the page can show it,
/// with the input kept.
pub fn finish(
    req: &Request,
    form: &str,
    result: Result<Done, AppError>,
    keep: &[(&str, &str)],
) -> Result<FormReply, ServerFnError> {
    let (reply, redirect_to) = match result {
        Ok(Done::Redirect(path, notice)) => (FormReply::notice(notice), Some(path.to_string())),
        Ok(Done::RedirectTo(path, notice)) => (FormReply::notice(notice), Some(path)),
        Ok(Done::Notice(notice)) => (FormReply::notice(notice), None),
        Err(AppError::Invalid(errors)) => (FormReply::invalid(errors), None),
        Err(AppError::RateLimited) => (
            FormReply::invalid(one_error("", "error.rate_limited")),
            None,
        ),
        Err(AppError::Unauthenticated) => (
            FormReply::notice("notice.login_required"),
            Some("/anmelden".to_string()),
        ),
        Err(err) => {
            let key = err.user_message_key();
            if err.status() >= 500 {
                tracing::error!(error = %err, form, "form failed");
            }
            (FormReply::invalid(one_error("", key)), None)
        }
    };
    let values = if reply.errors.is_empty() {
        Vec::new()
    } else {
        keep.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    // With a redirect, or after a plain form post (which leptos_axum sends back to the
    // page it came from), the next page view shows the reply from the flash.
    if redirect_to.is_some() || req.is_plain_form_post() {
        let flash = Flash {
            form: form.into(),
            values,
            reply: reply.clone(),
        };
        req.set_cookie(&encode_flash(&req.state, &flash));
    }
    if let Some(path) = redirect_to {
        leptos_axum::redirect(&path);
    }
    Ok(reply)
}

fn one_error(field: &str, key: &str) -> crate::domain::FieldErrors {
    let mut e = crate::domain::FieldErrors::default();
    e.add(field, key);
    e
}
