//! The reasons moderators pick from (templates per tenant); a fresh tenant starts with
//! the Netiquette's four.
use crate::contributions::rules::reason;
use crate::contributions::types::ReasonView;
use crate::i18n::Lang;
use crate::platform::audit::Audit;
use crate::platform::entities::{moderation_reason, tenant};
use crate::platform::permissions::Moderator;
use crate::platform::{AppError, AppState, Write};
use crate::procedures::service::parse_id;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

/// The message keys of the reasons a fresh tenant starts with (in German, its default).
pub const DEFAULT_REASONS: [&str; 4] = [
    "moderation.default_reason.insult",
    "moderation.default_reason.off_topic",
    "moderation.default_reason.spam",
    "moderation.default_reason.third_parties",
];

/// Writes the default reasons for a new tenant.
pub async fn seed_defaults(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    for (i, key) in DEFAULT_REASONS.iter().enumerate() {
        moderation_reason::ActiveModel {
            id: Set(Uuid::new_v4()),
            tenant_id: Set(tenant_id),
            text: Set(Lang::De.t(key).to_string()),
            // One second apart: the list keeps their order.
            created_at: Set(now + chrono::Duration::seconds(i as i64)),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

pub async fn reasons(
    state: &AppState,
    tenant: &tenant::Model,
) -> Result<Vec<ReasonView>, AppError> {
    Ok(moderation_reason::Entity::find()
        .filter(moderation_reason::Column::TenantId.eq(tenant.id))
        .order_by_asc(moderation_reason::Column::CreatedAt)
        .order_by_asc(moderation_reason::Column::Text)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|r| ReasonView {
            id: r.id.to_string(),
            text: r.text,
        })
        .collect())
}

pub async fn add_reason(
    state: &AppState,
    tenant: &tenant::Model,
    moderator: &Moderator,
    text: &str,
) -> Result<(), AppError> {
    let text = reason(text).map_err(|k| AppError::field("text", k))?;
    let write = Write::begin(state).await?;
    moderation_reason::ActiveModel {
        id: Set(Uuid::new_v4()),
        tenant_id: Set(tenant.id),
        text: Set(text.clone()),
        created_at: Set(write.now()),
    }
    .insert(&*write)
    .await?;
    write
        .record(
            Audit::new(tenant.id, "moderation.reason_added")
                .by(moderator.0.user.id)
                .detail(text),
        )
        .await?;
    write.commit().await
}

pub async fn remove_reason(
    state: &AppState,
    tenant: &tenant::Model,
    moderator: &Moderator,
    id: &str,
) -> Result<(), AppError> {
    let row = moderation_reason::Entity::find_by_id(parse_id(id)?)
        .filter(moderation_reason::Column::TenantId.eq(tenant.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let write = Write::begin(state).await?;
    moderation_reason::Entity::delete_by_id(row.id)
        .exec(&*write)
        .await?;
    write
        .record(
            Audit::new(tenant.id, "moderation.reason_removed")
                .by(moderator.0.user.id)
                .detail(row.text),
        )
        .await?;
    write.commit().await
}
