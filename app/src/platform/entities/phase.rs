use sea_orm::entity::prelude::*;

/// A comment phase: from `starts_at` (inclusive) to `ends_at` (exclusive).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "phases")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub procedure_id: Uuid,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub started_notified_at: Option<DateTimeUtc>,
    pub ends_soon_notified_at: Option<DateTimeUtc>,
    pub ended_notified_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

impl Model {
    pub fn window(&self) -> crate::domain::Window {
        crate::domain::Window {
            starts_at: self.starts_at,
            ends_at: self.ends_at,
        }
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
