use sea_orm::entity::prelude::*;

/// Signatures from paper lists entered as a counted batch, with the scan of the lists.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "paper_batches")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub petition_id: Uuid,
    pub count: i32,
    pub note: String,
    pub stored_name: Option<String>,
    pub entered_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
