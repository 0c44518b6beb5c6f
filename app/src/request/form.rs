//! How a form's outcome goes back: in a short-lived signed flash cookie that the next
//! view of the page shows (the notice, or the errors next to the fields with the input),
//! after a redirect (plain post) or when the `enhance` island loads the page again.
use super::Request;
use crate::domain::{FieldErrors, FormReply};
use crate::platform::signed_link::{Purpose, sign_link, verify_link};
use crate::platform::{AppError, AppState};
use base64::Engine;
use leptos::prelude::ServerFnError;
use serde::{Deserialize, Serialize};

/// What a form leaves for the next page view when it answered with a redirect: the
/// notice to show, or the errors with the input to put back (never a password).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Flash {
    pub form: String,
    pub values: Vec<(String, String)>,
    pub reply: FormReply,
}

pub const FLASH_COOKIE: &str = "mitwirken_flash";
/// How long a flash waits for the page view that shows it.
const FLASH_LIFETIME: chrono::Duration = chrono::Duration::minutes(5);
/// The `Set-Cookie` value that removes the flash once it was shown.
pub const CLEAR_FLASH: &str = "mitwirken_flash=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0";

pub fn encode_flash(state: &AppState, flash: &Flash) -> String {
    let json = serde_json::to_string(flash).unwrap_or_default();
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json);
    let value = sign_link(
        &state.secret,
        Purpose::Flash,
        &payload,
        state.now() + FLASH_LIFETIME,
    );
    format!(
        "{FLASH_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}",
        FLASH_LIFETIME.num_seconds()
    )
}

pub fn decode_flash(state: &AppState, value: &str) -> Option<Flash> {
    let payload = verify_link(&state.secret, Purpose::Flash, value, state.now()).ok()?;
    let json = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
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

/// Sends a form's outcome back. The reply travels in a signed, short-lived flash cookie,
/// so the next view of the page shows it with the input kept: without JavaScript the
/// browser is redirected there; the `enhance` island loads the page itself. The reply is
/// also returned as data (the integration tests read it).
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
            FormReply::invalid(FieldErrors::one("", "error.rate_limited")),
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
            (FormReply::invalid(FieldErrors::one("", key)), None)
        }
    };
    let values = if reply.errors.is_empty() {
        Vec::new()
    } else {
        keep.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    // With a redirect, after a plain form post (which leptos_axum sends back to the page
    // it came from) or the island's post, the next page view shows the reply.
    if redirect_to.is_some() || req.is_plain_form_post() || req.is_enhanced() {
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
