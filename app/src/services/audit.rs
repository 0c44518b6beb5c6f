//! The audit log: who did what to which subject, and when. Written in the same
//! transaction as the change it records.
use super::entities::audit_log;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};
use uuid::Uuid;

pub async fn record(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    tenant_id: Uuid,
    actor_id: Option<Uuid>,
    action: &str,
    subject: &str,
    detail: &str,
) -> Result<(), DbErr> {
    audit_log::ActiveModel {
        id: Set(Uuid::new_v4()),
        tenant_id: Set(tenant_id),
        actor_id: Set(actor_id),
        action: Set(action.to_string()),
        subject: Set(subject.to_string()),
        detail: Set(detail.to_string()),
        created_at: Set(now),
    }
    .insert(db)
    .await
    .map(|_| ())
}
