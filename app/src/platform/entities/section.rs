use sea_orm::entity::prelude::*;

/// A numbered chapter (level 1) or paragraph (level 2) of a text document.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sections")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub document_id: Uuid,
    pub procedure_id: Uuid,
    pub position: i32,
    pub level: i32,
    pub number: String,
    pub heading: String,
    pub body: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
