//! How a form's outcome goes back: in a short-lived signed flash cookie that the next
//! view of the page shows (the notice, or the errors next to the fields with the input),
//! after a redirect (plain post) or when the `enhance` island loads the page again. A
//! flash too large for a cookie (a long text typed into a form) waits a few minutes in
//! the database, and the cookie names it.
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

/// A flash larger than this (as JSON) waits in the database: browsers drop a cookie over
/// 4 KB, and with it everything the person typed.
const COOKIE_FLASH_MAX: usize = 2_500;
/// The payload of a cookie that names a stored flash starts so. Inline payloads are
/// base64 of JSON, which starts with `{` and so never with `ref-` (base64 `ey…`).
const STORED: &str = "ref-";
/// How `finish`, which cannot wait for the database, hands a large flash to the server's
/// `store_flash` middleware, which stores it and removes the header before the answer
/// leaves (so the row is there when the browser asks for the next page).
pub const FLASH_DATA_HEADER: &str = "x-mitwirken-flash-data";

/// A flash on its way out: its `Set-Cookie` value, and the data to store when it is too
/// large for the cookie.
pub struct OutgoingFlash {
    pub cookie: String,
    pub stored: Option<StoredFlash>,
}

/// A flash kept in the database under a random id until it was shown or expired.
pub struct StoredFlash {
    id: String,
    json: String,
}

impl StoredFlash {
    /// The value of `FLASH_DATA_HEADER`: the id, a space, the JSON in base64.
    pub fn header_value(&self) -> String {
        let data = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&self.json);
        format!("{} {data}", self.id)
    }

    pub fn from_header_value(value: &str) -> Option<Self> {
        let (id, data) = value.split_once(' ')?;
        let json = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(data)
            .ok()?;
        Some(Self {
            id: id.to_string(),
            json: String::from_utf8(json).ok()?,
        })
    }

    /// Stores it (and forgets the flashes whose time is up).
    pub async fn save(self, state: &AppState) -> Result<(), AppError> {
        use crate::platform::entities::flash;
        use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
        let now = state.now();
        flash::Entity::delete_many()
            .filter(flash::Column::ExpiresAt.lt(now))
            .exec(&state.db)
            .await?;
        flash::ActiveModel {
            id: Set(self.id),
            data: Set(self.json),
            expires_at: Set(now + FLASH_LIFETIME),
        }
        .insert(&state.db)
        .await?;
        Ok(())
    }
}

pub fn encode_flash(state: &AppState, flash: &Flash) -> OutgoingFlash {
    let json = serde_json::to_string(flash).unwrap_or_default();
    let (payload, stored) = if json.len() <= COOKIE_FLASH_MAX {
        (
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json),
            None,
        )
    } else {
        let id = crate::platform::crypto::random_token();
        (format!("{STORED}{id}"), Some(StoredFlash { id, json }))
    };
    let value = sign_link(
        &state.secret,
        Purpose::Flash,
        &payload,
        state.now() + FLASH_LIFETIME,
    );
    // `Secure` under https, like the session cookie: the flash carries what was typed.
    let secure = if state.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    OutgoingFlash {
        cookie: format!(
            "{FLASH_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
            FLASH_LIFETIME.num_seconds()
        ),
        stored,
    }
}

/// The flash a cookie carries or names, if its signature is valid and its time not up.
pub async fn decode_flash(state: &AppState, value: &str) -> Option<Flash> {
    use crate::platform::entities::flash;
    use sea_orm::EntityTrait;
    let payload = verify_link(&state.secret, Purpose::Flash, value, state.now()).ok()?;
    let json = match payload.strip_prefix(STORED) {
        Some(id) => flash::Entity::find_by_id(id.to_string())
            .one(&state.db)
            .await
            .ok()??
            .data
            .into_bytes(),
        None => base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .ok()?,
    };
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
        let out = encode_flash(&req.state, &flash);
        req.set_cookie(&out.cookie);
        if let Some(stored) = out.stored {
            req.set_header(FLASH_DATA_HEADER, &stored.header_value());
        }
    }
    if let Some(path) = redirect_to {
        leptos_axum::redirect(&path);
    }
    Ok(reply)
}
