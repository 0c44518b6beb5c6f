use crate::domain::{CommentStatus, Stance};
use sea_orm::entity::prelude::*;

/// A comment on a procedure or one of its sections, or a reply; `thread_id` is the
/// top-level comment of its thread.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "comments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub procedure_id: Uuid,
    /// Numbered per procedure (1, 2, …), as staff and exports refer to comments.
    pub number: i32,
    pub section_id: Option<Uuid>,
    pub parent_id: Option<Uuid>,
    pub thread_id: Uuid,
    pub author_user_id: Option<Uuid>,
    pub author_name: String,
    /// The author's address: the account's, or the one confirmed with the comment.
    pub author_email: Option<String>,
    pub notify_replies: bool,
    pub status: CommentStatus,
    pub body: String,
    pub support_count: i32,
    pub report_count: i32,
    pub created_at: DateTimeUtc,
    pub edited_at: Option<DateTimeUtc>,
    pub published_at: Option<DateTimeUtc>,
    pub moderated_by: Option<Uuid>,
    pub moderated_at: Option<DateTimeUtc>,
    pub moderation_reason: Option<String>,
    pub answer: Option<String>,
    pub answered_by: Option<Uuid>,
    pub answered_at: Option<DateTimeUtc>,
    /// For or against: the arguments of a petition's debate.
    pub stance: Option<Stance>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
