//! A person's data across every area, in one place: the download ("my data", GDPR
//! Art. 15 and 20) and the deletion of the account (Art. 17). Each area gives its part
//! through its service; a new area adds its part here (comments today).
use crate::consultations::service::personal_data as comments;
use crate::platform::audit::Audit;
use crate::platform::crypto::verify_password;
use crate::platform::entities::{audit_log, role_assignment, session, user};
use crate::platform::rate_limit;
use crate::platform::sessions::CurrentUser;
use crate::platform::{AppError, AppState, Write};
use crate::request::Client;
use crate::subscriptions::service::manage as subscriptions;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// Everything stored about the person, as one JSON document.
pub async fn export(state: &AppState, me: &CurrentUser) -> Result<serde_json::Value, AppError> {
    let db = &state.db;
    let roles = role_assignment::Entity::find()
        .filter(role_assignment::Column::UserId.eq(me.user.id))
        .all(db)
        .await?;
    let sessions = session::Entity::find()
        .filter(session::Column::UserId.eq(me.user.id))
        .count(db)
        .await?;
    let actions = audit_log::Entity::find()
        .filter(audit_log::Column::ActorId.eq(me.user.id))
        .all(db)
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
        "comments": comments::of_account(db, me.user.id).await?,
    }))
}

/// Deletes the account after the password was confirmed, in one transaction: each
/// area forgets the person (public contributions stay, without name and address),
/// then the account goes, and with it (foreign keys cascade) its sessions, links and
/// roles. The audit log keeps the bare fact.
pub async fn delete_account(
    state: &AppState,
    me: &CurrentUser,
    client: &Client,
    password: &str,
) -> Result<(), AppError> {
    rate_limit::before_password_check(state, &client.ip, me.user.id).await?;
    if !verify_password(password.to_string(), me.user.password_hash.clone()).await {
        return Err(AppError::field("password", "error.password.wrong_current"));
    }
    let write = Write::begin(state).await?;
    comments::forget_account(&*write, me.user.id).await?;
    subscriptions::forget_address(&*write, me.user.tenant_id, &me.user.email).await?;
    user::Entity::delete_by_id(me.user.id).exec(&*write).await?;
    write
        .record(Audit::new(me.user.tenant_id, "user.deleted").on(me.user.id))
        .await?;
    write.commit().await
}
