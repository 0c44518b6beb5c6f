//! The audit log: who did what to which subject, and when. Written in the same
//! transaction as the change it records (see `Write::record`).
use super::entities::audit_log;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};
use uuid::Uuid;

/// One entry: `Audit::new(tenant, "comment.answered").by(staff).on(comment).detail(text)`.
#[derive(Clone, Debug)]
pub struct Audit {
    pub tenant_id: Uuid,
    /// Who acted; `None` for the system (the lifecycle worker) or a deleted account.
    pub actor_id: Option<Uuid>,
    pub action: &'static str,
    pub subject: String,
    pub detail: String,
}

impl Audit {
    pub fn new(tenant_id: Uuid, action: &'static str) -> Self {
        Self {
            tenant_id,
            actor_id: None,
            action,
            subject: String::new(),
            detail: String::new(),
        }
    }

    pub fn by(mut self, actor_id: Uuid) -> Self {
        self.actor_id = Some(actor_id);
        self
    }

    pub fn on(mut self, subject: impl ToString) -> Self {
        self.subject = subject.to_string();
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = detail.into();
        self
    }
}

/// Writes `entry` with the connection or transaction of the change it records.
pub async fn record(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    entry: Audit,
) -> Result<(), DbErr> {
    audit_log::ActiveModel {
        id: Set(Uuid::new_v4()),
        tenant_id: Set(entry.tenant_id),
        actor_id: Set(entry.actor_id),
        action: Set(entry.action.to_string()),
        subject: Set(entry.subject),
        detail: Set(entry.detail),
        created_at: Set(now),
    }
    .insert(db)
    .await
    .map(|_| ())
}
