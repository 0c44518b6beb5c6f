use crate::domain::{Moderation, ProcedureKind, Status, WhoMayComment};
use sea_orm::entity::prelude::*;

/// A procedure of an organization. Its status follows `procedures::rules::lifecycle`;
/// the body and results are kept as staff wrote them (Markdown) and as sanitized HTML
/// (what the page shows).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "procedures")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub organization_id: Uuid,
    pub kind: ProcedureKind,
    pub status: Status,
    pub title: String,
    pub summary: String,
    pub body_markdown: String,
    pub body_html: String,
    pub place: String,
    /// Subscription keys of the places (`area:01099 area:dresden`), space-separated.
    pub area_keys: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub contact: String,
    pub who_may_comment: WhoMayComment,
    pub moderation: Moderation,
    pub report_threshold: i32,
    pub results_markdown: String,
    pub results_html: String,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub published_at: Option<DateTimeUtc>,
    pub concluded_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
