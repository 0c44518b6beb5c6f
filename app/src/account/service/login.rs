//! Login: the credentials checked with the same work whether the account exists or not.
use super::find_by_email;
use crate::domain::EmailAddress;
use crate::platform::crypto::{dummy_hash, verify_password};
use crate::platform::entities::tenant;
use crate::platform::rate_limit::{self, LOGIN_PER_ACCOUNT, LOGIN_PER_ACCOUNT_AND_CLIENT};
use crate::platform::{AppError, AppState, sessions};
use crate::request::Client;

/// Checks the credentials and opens a session; returns its token.
pub async fn login(
    state: &AppState,
    tenant: &tenant::Model,
    client: &Client,
    email: &str,
    password: &str,
) -> Result<String, AppError> {
    let now = state.now();
    rate_limit::hit(
        &state.db,
        now,
        rate_limit::per_ip("login-ip", state.settings.ip_rate_limit),
        &client.ip,
    )
    .await?;
    let wrong = || AppError::field("", "error.login.wrong");
    let Ok(email) = EmailAddress::parse(email) else {
        return Err(wrong());
    };
    let account_key = format!("{}:{}", tenant.id, email.as_str());
    let client_key = format!("{account_key}:{}", client.ip);
    rate_limit::hit(&state.db, now, LOGIN_PER_ACCOUNT_AND_CLIENT, &client_key).await?;
    rate_limit::hit(&state.db, now, LOGIN_PER_ACCOUNT, &account_key).await?;
    let user = find_by_email(&state.db, tenant.id, email.as_str()).await?;
    // Verify against a dummy hash when there is no account: the same work, the same time.
    let hash = user
        .as_ref()
        .map(|u| u.password_hash.clone())
        .unwrap_or_else(|| dummy_hash().to_string());
    let ok = verify_password(password.to_string(), hash).await;
    match user {
        Some(user) if ok => {
            rate_limit::clear(&state.db, LOGIN_PER_ACCOUNT_AND_CLIENT, &client_key).await?;
            sessions::open(&state.db, now, &user).await
        }
        _ => Err(wrong()),
    }
}
