use sea_orm::entity::prelude::*;

/// One mail on its way: `queued` → `sending` (claimed until `claimed_until`) → `sent`,
/// or back to `queued` with a later `next_attempt_at`, or `dead` after the last attempt.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: Uuid,
    #[sea_orm(unique)]
    pub idempotency_key: String,
    pub template: String,
    pub recipient: String,
    pub language: String,
    /// The template's data; cleared once sent (it may hold single-use links).
    pub data: Option<Json>,
    /// Set for notifications: their unsubscribe links point to this subscriber.
    pub subscriber_id: Option<i64>,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub claimed_until: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
