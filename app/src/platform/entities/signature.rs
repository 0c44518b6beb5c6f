use crate::domain::SignatureSource;
use sea_orm::entity::prelude::*;

/// A co-signature. Online ones count once confirmed through the mailed link
/// (`confirmed_at`); paper ones are entered confirmed and have no address.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "signatures")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub petition_id: Uuid,
    pub name: String,
    pub postal_code: String,
    pub place: String,
    /// Normalized (lower case): one signature per address and petition.
    pub email: Option<String>,
    pub show_name: bool,
    pub wants_updates: bool,
    pub source: SignatureSource,
    pub created_at: DateTimeUtc,
    pub confirmed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
