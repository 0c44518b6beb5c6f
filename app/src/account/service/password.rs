//! Passwords: the reset by mailed link, and the change by the logged-in person.
use super::{find_by_email, send_link};
use crate::domain::{EmailAddress, FieldErrors, NewPassword};
use crate::i18n::Lang;
use crate::platform::audit::Audit;
use crate::platform::crypto::{hash_password, verify_password};
use crate::platform::entities::{tenant, user};
use crate::platform::mail::Template;
use crate::platform::rate_limit::{self, RESET_PER_ACCOUNT};
use crate::platform::sessions::{self, CurrentUser};
use crate::platform::tokens::{self, Purpose};
use crate::platform::{AppError, AppState, Write};
use crate::request::Client;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};

/// Sends a reset link if the address has an account; answers the same either way.
pub async fn request_password_reset(
    state: &AppState,
    tenant: &tenant::Model,
    client: &Client,
    email: &str,
) -> Result<(), AppError> {
    let email = EmailAddress::parse(email).map_err(|key| AppError::field("email", key))?;
    let now = state.now();
    rate_limit::hit(
        &state.db,
        now,
        rate_limit::per_ip("reset-ip", state.settings.ip_rate_limit),
        &client.ip,
    )
    .await?;
    // Past the per-account limit the request is silently dropped: saying so would tell
    // that the address exists, and the limit only protects its owner's mailbox.
    let account_key = format!("{}:{}", tenant.id, email.as_str());
    if rate_limit::hit(&state.db, now, RESET_PER_ACCOUNT, &account_key)
        .await
        .is_err()
    {
        return Ok(());
    }
    let Some(user) = find_by_email(&state.db, tenant.id, email.as_str()).await? else {
        return Ok(());
    };
    let lang = Lang::from_code(&user.locale).unwrap_or(client.lang);
    send_link(
        state,
        tenant,
        &user,
        lang,
        Purpose::ResetPassword,
        "/passwort-zuruecksetzen",
        Template::PasswordReset,
    )
    .await
}

/// Checks a reset link before its form is shown.
pub async fn check_reset_token(
    state: &AppState,
    tenant: &tenant::Model,
    token: &str,
) -> Result<(), AppError> {
    tokens::peek(
        &state.db,
        state.now(),
        Purpose::ResetPassword,
        tenant.id,
        token,
    )
    .await
    .map(|_| ())
}

/// Sets a new password through a reset link, ends every session, and confirms the
/// address (the link proved access to the mailbox).
pub async fn reset_password(
    state: &AppState,
    tenant: &tenant::Model,
    token: &str,
    new_password: &str,
) -> Result<(), AppError> {
    let row = tokens::peek(
        &state.db,
        state.now(),
        Purpose::ResetPassword,
        tenant.id,
        token,
    )
    .await?;
    let password = NewPassword::parse(new_password, &row.email)
        .map_err(|key| AppError::field("password", key))?;
    let hash = hash_password(password.expose().to_string())
        .await
        .map_err(AppError::Internal)?;
    let write = Write::begin(state).await?;
    let row = tokens::consume(
        &*write,
        write.now(),
        Purpose::ResetPassword,
        tenant.id,
        token,
    )
    .await?;
    let user = user::Entity::find_by_id(row.user_id.ok_or(AppError::NotFound)?)
        .one(&*write)
        .await?
        .ok_or(AppError::NotFound)?;
    let user_id = user.id;
    let verified_at = user.email_verified_at.unwrap_or(write.now());
    let mut active: user::ActiveModel = user.into();
    active.password_hash = Set(hash);
    active.email_verified_at = Set(Some(verified_at));
    active.update(&*write).await?;
    tokens::revoke_all(&*write, write.now(), Purpose::ResetPassword, user_id).await?;
    sessions::close_all(&*write, user_id, None).await?;
    write
        .record(
            Audit::new(tenant.id, "user.password_reset")
                .by(user_id)
                .on(user_id),
        )
        .await?;
    write.commit().await
}

/// Changes the password of the logged-in person, who confirms the current one; ends
/// their other sessions.
pub async fn change_password(
    state: &AppState,
    me: &CurrentUser,
    client: &Client,
    session_token: &str,
    current: &str,
    new_password: &str,
) -> Result<(), AppError> {
    rate_limit::before_password_check(state, &client.ip, me.user.id).await?;
    let mut errors = FieldErrors::default();
    if !verify_password(current.to_string(), me.user.password_hash.clone()).await {
        errors.add("current_password", "error.password.wrong_current");
    }
    let password = errors.check(
        "new_password",
        NewPassword::parse(new_password, &me.user.email),
    );
    let Some(password) = password.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let hash = hash_password(password.expose().to_string())
        .await
        .map_err(AppError::Internal)?;
    let write = Write::begin(state).await?;
    let mut active: user::ActiveModel = me.user.clone().into();
    active.password_hash = Set(hash);
    active.update(&*write).await?;
    tokens::revoke_all(&*write, write.now(), Purpose::ResetPassword, me.user.id).await?;
    sessions::close_all(&*write, me.user.id, Some(session_token)).await?;
    write
        .record(
            Audit::new(me.user.tenant_id, "user.password_changed")
                .by(me.user.id)
                .on(me.user.id),
        )
        .await?;
    write.commit().await
}
