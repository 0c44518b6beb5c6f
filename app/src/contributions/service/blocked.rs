//! Addresses a moderator blocked on a tenant: they may not contribute there.
use crate::platform::AppError;
use crate::platform::entities::blocked_address;
use sea_orm::{ConnectionTrait, EntityTrait};
use uuid::Uuid;

pub async fn is_blocked(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    email: &str,
) -> Result<bool, AppError> {
    Ok(
        blocked_address::Entity::find_by_id((tenant_id, email.to_string()))
            .one(db)
            .await?
            .is_some(),
    )
}

/// `error.comment.blocked` when `email` is blocked on the tenant.
pub async fn refuse_blocked(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    email: Option<&str>,
) -> Result<(), AppError> {
    match email {
        Some(email) if is_blocked(db, tenant_id, email).await? => {
            Err(AppError::field("", "error.comment.blocked"))
        }
        _ => Ok(()),
    }
}
