use crate::domain::{DocumentKind, DocumentPurpose};
use sea_orm::entity::prelude::*;

/// A PDF file (stored under the data directory as `stored_name`) or a text document made
/// of sections, of the procedure or of its results report.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "documents")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub procedure_id: Uuid,
    pub kind: DocumentKind,
    pub purpose: DocumentPurpose,
    pub title: String,
    pub position: i32,
    pub file_name: Option<String>,
    pub stored_name: Option<String>,
    pub size_bytes: i64,
    pub created_at: DateTimeUtc,
    /// Contains business secrets (§10(2) BImSchG): never public.
    pub confidential: bool,
    /// The confidential document this one summarizes for the public.
    pub summary_of: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
