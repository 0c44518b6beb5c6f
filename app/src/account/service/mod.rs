//! Registration, verification and the links accounts are sent; login (`login`),
//! passwords (`password`) and the person's data across areas (`personal_data`).
//! No answer here tells a stranger whether an address is registered.
mod login;
mod password;
pub mod personal_data;

pub use login::login;
pub use password::{change_password, check_reset_token, request_password_reset, reset_password};

use crate::domain::{EmailAddress, FieldErrors, NewPassword, PersonName};
use crate::i18n::Lang;
use crate::platform::audit::Audit;
use crate::platform::crypto::hash_password;
use crate::platform::entities::{tenant, user};
use crate::platform::mail::{NewMail, Template};
use crate::platform::rate_limit::{self, RESET_PER_ACCOUNT};
use crate::platform::sessions::CurrentUser;
use crate::platform::tokens::{self, NewToken, Purpose};
use crate::platform::{AppError, AppState, Write, tenants};
use crate::request::Client;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

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
pub fn link_mail(
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
    let write = Write::begin(state).await?;
    let token = tokens::issue(
        &*write,
        write.now(),
        NewToken {
            purpose,
            tenant_id: tenant.id,
            user_id: Some(user.id),
            email: &user.email,
            payload: None,
        },
    )
    .await?;
    let link = link(state, tenant, path, &token);
    write
        .enqueue(link_mail(tenant, &user.email, lang, template, &link))
        .await?;
    write.commit().await
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

    // A known address costs the same hash as a new one: the time of the answer does not
    // tell whether the address has an account.
    let hash = hash_password(password.expose().to_string())
        .await
        .map_err(AppError::Internal)?;
    if let Some(existing) = find_by_email(&state.db, tenant.id, email.as_str()).await? {
        if !rate_limit::may_mail(&state.db, state.now(), tenant.id, email.as_str()).await? {
            return Ok(());
        }
        let lang = Lang::from_code(&existing.locale).unwrap_or_default();
        let reset = format!(
            "{}/passwort-vergessen",
            tenants::base_url(&state.settings, tenant)
        );
        let write = Write::begin(state).await?;
        write
            .enqueue(link_mail(
                tenant,
                email.as_str(),
                lang,
                Template::AlreadyRegistered,
                &reset,
            ))
            .await?;
        return write.commit().await;
    }

    let write = Write::begin(state).await?;
    let new_user = user::ActiveModel {
        id: Set(Uuid::new_v4()),
        tenant_id: Set(tenant.id),
        email: Set(email.as_str().to_string()),
        display_name: Set(name.into_inner()),
        password_hash: Set(hash),
        email_verified_at: Set(None),
        locale: Set(client.lang.code().to_string()),
        is_platform_admin: Set(false),
        created_at: Set(write.now()),
    };
    let created = match new_user.insert(&*write).await {
        Ok(u) => u,
        // Two registrations raced for the same address: the second one is the duplicate.
        Err(e) if crate::platform::error::is_unique_violation(&e) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let token = tokens::issue(
        &*write,
        write.now(),
        NewToken {
            purpose: Purpose::VerifyEmail,
            tenant_id: tenant.id,
            user_id: Some(created.id),
            email: &created.email,
            payload: None,
        },
    )
    .await?;
    write
        .record(
            Audit::new(tenant.id, "user.registered")
                .by(created.id)
                .on(created.id),
        )
        .await?;
    let verify = link(state, tenant, "/konto/bestaetigen", &token);
    write
        .enqueue(link_mail(
            tenant,
            &created.email,
            client.lang,
            Template::VerifyEmail,
            &verify,
        ))
        .await?;
    write.commit().await
}

/// Marks the address of the link's account as verified.
pub async fn verify_email(
    state: &AppState,
    tenant: &tenant::Model,
    token: &str,
) -> Result<(), AppError> {
    let write = Write::begin(state).await?;
    let row = tokens::consume(&*write, write.now(), Purpose::VerifyEmail, tenant.id, token).await?;
    let user = user::Entity::find_by_id(row.user_id.ok_or(AppError::NotFound)?)
        .one(&*write)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut active: user::ActiveModel = user.into();
    active.email_verified_at = Set(Some(write.now()));
    active.update(&*write).await?;
    write.commit().await
}

/// Sends a fresh verification link to the logged-in user.
pub async fn resend_verification(
    state: &AppState,
    tenant: &tenant::Model,
    me: &CurrentUser,
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

/// Used by the CLI and the demo data: an account with a known password, already verified.
pub async fn create_verified(
    db: &impl ConnectionTrait,
    now: chrono::DateTime<chrono::Utc>,
    tenant_id: Uuid,
    email: &EmailAddress,
    name: &str,
    password: &NewPassword,
) -> Result<user::Model, AppError> {
    let hash = hash_password(password.expose().to_string())
        .await
        .map_err(AppError::Internal)?;
    user::ActiveModel {
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
        if crate::platform::error::is_unique_violation(&e) {
            AppError::field("email", "error.email.taken")
        } else {
            e.into()
        }
    })
}
