use crate::domain::PetitionStatus;
use sea_orm::entity::prelude::*;

/// A petition. `number` gives its reference (`P-2026-0001`, numbered per tenant);
/// `signature_count` counts the confirmed signatures (online and paper), kept with each
/// change so a page view never counts them.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "petitions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub addressee_id: Uuid,
    pub petitioner_id: Option<Uuid>,
    pub number: i32,
    pub status: PetitionStatus,
    pub public: bool,
    pub weeks: i32,
    pub title: String,
    pub request: String,
    pub reasons: String,
    pub category: String,
    pub region: String,
    pub moderation_reason: Option<String>,
    pub signature_count: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub submitted_at: Option<DateTimeUtc>,
    pub published_at: Option<DateTimeUtc>,
    pub closes_at: Option<DateTimeUtc>,
    pub quorum_reached_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub handed_over_at: Option<DateTimeUtc>,
    pub handover_note: Option<String>,
    pub response: Option<String>,
    pub answered_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
