use crate::domain::Hearing;
use sea_orm::entity::prelude::*;

/// What only a permit procedure has (same id as its procedure): the installation, the
/// office where the documents can be seen, the display start the schedule is computed
/// from (`domain::deadlines`), dates staff overrode with a reason, hearing and decision.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "permits")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub applicant: String,
    pub installation: String,
    pub site_address: String,
    /// Under the Industrial Emissions Directive.
    pub ied: bool,
    /// With an environmental impact assessment.
    pub uvp: bool,
    pub office_address: String,
    pub office_hours: String,
    pub display_start: Date,
    pub display_end_override: Option<Date>,
    pub objection_deadline_override: Option<Date>,
    pub override_reason: String,
    pub hearing: Hearing,
    pub hearing_reason: String,
    pub hearing_at: Option<DateTimeUtc>,
    pub hearing_place: String,
    pub decision_text: String,
    pub decision_announced: Option<Date>,
    /// Delivery of the decision replaced by public announcement (§10(8) BImSchG).
    pub delivery_by_announcement: bool,
    pub personal_data_deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
