//! Registration, verification, login, password reset and the account itself.
//! No answer here tells a stranger whether an address is registered.
use super::crypto::{self, dummy_hash, hash_password, verify_password};
use super::entities::{audit_log, role_assignment, session, tenant, user};
use super::mail::{NewMail, Template, outbox};
use super::rate_limit::{self, LOGIN_PER_ACCOUNT, RESET_PER_ACCOUNT};
use super::tokens::{self, NewToken, Purpose};
use super::{AppError, AppState, audit, sessions, tenants};
use crate::domain::{EmailAddress, FieldErrors, NewPassword, PersonName};
use crate::i18n::Lang;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};
use uuid::Uuid;

/// Where a request came from, for rate limits.
#[derive(Clone, Debug)]
pub struct Client {
    pub ip: String,
    pub lang: Lang,
}

pub struct Registration {
    pub email: String,
    pub name: String,
    pub password: String,
}

async fn find_by_email(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    email: &str,
) -> Result<Option<user::Model>, AppError> {
    Ok(user::Entity::find()
        .filter(user::Column::TenantId.eq(tenant_id))
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await?)
}

fn link(state: &AppState, tenant: &tenant::Model, path: &str, token: &str) -> String {
    format!(
        "{}{path}?token={token}",
        tenants::base_url(&state.settings, tenant)
    )
}

/// An account mail carrying one link, for the outbox. Each request is its own mail,
/// so the idempotency key is fresh.
pub(crate) fn link_mail(
    tenant: &tenant::Model,
    to: &str,
    lang: Lang,
    template: Template,
    link: &str,
) -> NewMail {
    NewMail {
        tenant_id: tenant.id,
        key: format!("{}:{}", template.name(), Uuid::new_v4()),
        template,
        to: to.to_string(),
        lang,
        data: serde_json::json!({ "link": link }),
        subscriber_id: None,
    }
}

/// Issues a single-use link for `user` and queues its mail, in one transaction.
async fn send_link(
    state: &AppState,
    tenant: &tenant::Model,
    user: &user::Model,
    lang: Lang,
    purpose: Purpose,
    path: &str,
    template: Template,
) -> Result<(), AppError> {
    let new = NewToken {
        purpose,
        tenant_id: tenant.id,
        user_id: Some(user.id),
        email: &user.email,
        payload: None,
    };
    let now = state.now();
    let txn = crate::services::db::begin_write(&state.db).await?;
    let token = tokens::issue(&txn, now, new).await?;
    let mail = link_mail(
        tenant,
        &user.email,
        lang,
        template,
        &link(state, tenant, path, &token),
    );
    outbox::enqueue(&txn, now, mail).await?;
    txn.commit().await?;
    state.mail_queued.notify_one();
    Ok(())
}

/// Creates an account and sends the verification link. For an address that already has
/// an account the answer is the same; its owner gets a note instead of a second account.
pub async fn register(
    state: &AppState,
    tenant: &tenant::Model,
    client: &Client,
    input: Registration,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::default();
    let email = errors.check("email", EmailAddress::parse(&input.email));
    let name = errors.check("name", PersonName::parse(&input.name));
    let password = errors.check(
        "password",
        NewPassword::parse(&input.password, &input.email),
    );
    let (Some(email), Some(name), Some(password)) = (email, name, password) else {
        return Err(AppError::Invalid(errors));
    };
    rate_limit::hit(
        &state.db,
        state.now(),
        rate_limit::per_ip("register-ip", state.settings.ip_rate_limit),
        &client.ip,
    )
    .await?;

    if let Some(existing) = find_by_email(&state.db, tenant.id, email.as_str()).await? {
        let lang = Lang::from_code(&existing.locale).unwrap_or_default();
        let reset = format!(
            "{}/passwort-vergessen",
            tenants::base_url(&state.settings, tenant)
        );
        let mail = link_mail(
            tenant,
            email.as_str(),
            lang,
            Template::AlreadyRegistered,
            &reset,
        );
        outbox::enqueue(&state.db, state.now(), mail).await?;
        state.mail_queued.notify_one();
        return Ok(());
    }

    let hash = hash_password(password.expose().to_string())
        .await
        .map_err(AppError::Internal)?;
    let now = state.now();
    let txn = crate::services::db::begin_write(&state.db).await?;
    let new_user = user::ActiveModel {
        id: Set(Uuid::new_v4()),
        tenant_id: Set(tenant.id),
        email: Set(email.as_str().to_string()),
        display_name: Set(name.into_inner()),
        password_hash: Set(hash),
        email_verified_at: Set(None),
        locale: Set(client.lang.code().to_string()),
        is_platform_admin: Set(false),
        created_at: Set(now),
    };
    let created = match new_user.insert(&txn).await {
        Ok(u) => u,
        // Two registrations raced for the same address: the second one is the duplicate.
        Err(e) if super::error::is_unique_violation(&e) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let token = tokens::issue(
        &txn,
        now,
        NewToken {
            purpose: Purpose::VerifyEmail,
            tenant_id: tenant.id,
            user_id: Some(created.id),
            email: &created.email,
            payload: None,
        },
    )
    .await?;
    audit::record(
        &txn,
        now,
        tenant.id,
        Some(created.id),
        "user.registered",
        &created.id.to_string(),
        "",
    )
    .await?;
    let verify = link(state, tenant, "/konto/bestaetigen", &token);
    let mail = link_mail(
        tenant,
        &created.email,
        client.lang,
        Template::VerifyEmail,
        &verify,
    );
    outbox::enqueue(&txn, now, mail).await?;
    txn.commit().await?;
    state.mail_queued.notify_one();
    Ok(())
}

/// Marks the address of the link's account as verified.
pub async fn verify_email(
    state: &AppState,
    tenant: &tenant::Model,
    token: &str,
) -> Result<(), AppError> {
    let now = state.now();
    let txn = crate::services::db::begin_write(&state.db).await?;
    let row = tokens::consume(&txn, now, Purpose::VerifyEmail, tenant.id, token).await?;
    let user = user::Entity::find_by_id(row.user_id.ok_or(AppError::NotFound)?)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut active: user::ActiveModel = user.into();
    active.email_verified_at = Set(Some(now));
    active.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Sends a fresh verification link to the logged-in user.
pub async fn resend_verification(
    state: &AppState,
    tenant: &tenant::Model,
    me: &sessions::CurrentUser,
) -> Result<(), AppError> {
    if me.user.email_verified_at.is_some() {
        return Ok(());
    }
    rate_limit::hit(
        &state.db,
        state.now(),
        RESET_PER_ACCOUNT,
        &format!("verify:{}", me.user.id),
    )
    .await?;
    let lang = Lang::from_code(&me.user.locale).unwrap_or_default();
    send_link(
        state,
        tenant,
        &me.user,
        lang,
        Purpose::VerifyEmail,
        "/konto/bestaetigen",
        Template::VerifyEmail,
    )
    .await
}

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
            rate_limit::clear(&state.db, LOGIN_PER_ACCOUNT, &account_key).await?;
            sessions::open(&state.db, now, &user).await
        }
        _ => Err(wrong()),
    }
}

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
    let now = state.now();
    let row = tokens::peek(&state.db, now, Purpose::ResetPassword, tenant.id, token).await?;
    let password = NewPassword::parse(new_password, &row.email)
        .map_err(|key| AppError::field("password", key))?;
    let hash = hash_password(password.expose().to_string())
        .await
        .map_err(AppError::Internal)?;
    let txn = crate::services::db::begin_write(&state.db).await?;
    let row = tokens::consume(&txn, now, Purpose::ResetPassword, tenant.id, token).await?;
    let user = user::Entity::find_by_id(row.user_id.ok_or(AppError::NotFound)?)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let user_id = user.id;
    let verified_at = user.email_verified_at.unwrap_or(now);
    let mut active: user::ActiveModel = user.into();
    active.password_hash = Set(hash);
    active.email_verified_at = Set(Some(verified_at));
    active.update(&txn).await?;
    sessions::close_all(&txn, user_id, None).await?;
    audit::record(
        &txn,
        now,
        tenant.id,
        Some(user_id),
        "user.password_reset",
        &user_id.to_string(),
        "",
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn change_password(
    state: &AppState,
    me: &sessions::CurrentUser,
    session_token: &str,
    current: &str,
    new_password: &str,
) -> Result<(), AppError> {
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
    let now = state.now();
    let txn = crate::services::db::begin_write(&state.db).await?;
    let mut active: user::ActiveModel = me.user.clone().into();
    active.password_hash = Set(hash);
    active.update(&txn).await?;
    sessions::close_all(&txn, me.user.id, Some(session_token)).await?;
    audit::record(
        &txn,
        now,
        me.user.tenant_id,
        Some(me.user.id),
        "user.password_changed",
        &me.user.id.to_string(),
        "",
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Everything stored about the user, for "download my data" (GDPR Art. 15, 20).
pub async fn export(
    state: &AppState,
    me: &sessions::CurrentUser,
) -> Result<serde_json::Value, AppError> {
    let roles = role_assignment::Entity::find()
        .filter(role_assignment::Column::UserId.eq(me.user.id))
        .all(&state.db)
        .await?;
    let sessions = session::Entity::find()
        .filter(session::Column::UserId.eq(me.user.id))
        .count(&state.db)
        .await?;
    let actions = audit_log::Entity::find()
        .filter(audit_log::Column::ActorId.eq(me.user.id))
        .all(&state.db)
        .await?;
    Ok(serde_json::json!({
        "account": {
            "id": me.user.id,
            "email": me.user.email,
            "display_name": me.user.display_name,
            "email_verified_at": me.user.email_verified_at,
            "language": me.user.locale,
            "created_at": me.user.created_at,
        },
        "roles": roles.iter().map(|r| serde_json::json!({"role": r.role, "organization_id": r.organization_id, "since": r.created_at})).collect::<Vec<_>>(),
        "open_sessions": sessions,
        "activity": actions.iter().map(|a| serde_json::json!({"action": a.action, "at": a.created_at})).collect::<Vec<_>>(),
        "comments": super::comments::of_account(&state.db, me.user.id).await?,
    }))
}

/// Deletes the account after the password was confirmed. Sessions, links and roles go
/// with it (foreign keys cascade); its comments stay without the author's name and
/// address; the audit log keeps the bare fact.
pub async fn delete(
    state: &AppState,
    me: &sessions::CurrentUser,
    password: &str,
) -> Result<(), AppError> {
    if !verify_password(password.to_string(), me.user.password_hash.clone()).await {
        return Err(AppError::field("password", "error.password.wrong_current"));
    }
    let now = state.now();
    let txn = crate::services::db::begin_write(&state.db).await?;
    super::comments::anonymize_account(&txn, me.user.id).await?;
    user::Entity::delete_by_id(me.user.id).exec(&txn).await?;
    audit::record(
        &txn,
        now,
        me.user.tenant_id,
        None,
        "user.deleted",
        &me.user.id.to_string(),
        "",
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Used by the CLI and the demo data: an account with a known password, already verified.
pub async fn create_verified(
    db: &impl ConnectionTrait,
    now: chrono::DateTime<chrono::Utc>,
    tenant_id: Uuid,
    email: &EmailAddress,
    name: &str,
    password: &NewPassword,
) -> Result<user::Model, AppError> {
    let hash = crypto::hash_password(password.expose().to_string())
        .await
        .map_err(AppError::Internal)?;
    let created = user::ActiveModel {
        id: Set(Uuid::new_v4()),
        tenant_id: Set(tenant_id),
        email: Set(email.as_str().to_string()),
        display_name: Set(name.to_string()),
        password_hash: Set(hash),
        email_verified_at: Set(Some(now)),
        locale: Set("de".into()),
        is_platform_admin: Set(false),
        created_at: Set(now),
    }
    .insert(db)
    .await
    .map_err(|e| {
        if super::error::is_unique_violation(&e) {
            AppError::field("email", "error.email.taken")
        } else {
            e.into()
        }
    })?;
    Ok(created)
}
