//! Moderation: the queue of comments waiting for a decision (held back before
//! publication, hidden by reports, or published with open reports), the decision
//! itself (`decide`), and the reasons moderators pick from (`reasons`).
pub mod decide;
pub mod reasons;

pub use decide::{Verdict, decide, version};
pub use reasons::{add_reason, reasons, remove_reason};

use crate::contributions::types::{Queue, QueueItem, ReportView};
use crate::domain::{CommentStatus, berlin};
use crate::i18n::Lang;
use crate::platform::entities::{comment, comment_report, procedure, tenant};
use crate::platform::permissions::Moderator;
use crate::platform::{AppError, AppState};
use crate::procedures::service as procedures;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

/// The procedure, if `moderator` moderates its organization (else `Forbidden`).
pub async fn moderated(
    db: &impl ConnectionTrait,
    tenant: &tenant::Model,
    moderator: &Moderator,
    procedure_id: Uuid,
) -> Result<procedure::Model, AppError> {
    let p = procedures::find(db, tenant.id, procedure_id).await?;
    if !moderator.moderates(p.organization_id) {
        return Err(AppError::Forbidden);
    }
    Ok(p)
}

/// Comments waiting for this moderator, oldest first: four queries however long.
/// `also` names one more comment to decide on (a moderator who came from its page).
pub async fn queue(
    state: &AppState,
    tenant: &tenant::Model,
    moderator: &Moderator,
    also: Option<&str>,
    lang: Lang,
) -> Result<Queue, AppError> {
    let db = &state.db;
    let procedures = procedure::Entity::find()
        .filter(procedure::Column::TenantId.eq(tenant.id))
        .all(db)
        .await?
        .into_iter()
        .filter(|p| moderator.moderates(p.organization_id))
        .collect::<Vec<_>>();
    let ids: Vec<Uuid> = procedures.iter().map(|p| p.id).collect();
    let also = also.and_then(|id| Uuid::parse_str(id.trim()).ok());
    let waiting = comment::Entity::find()
        .filter(comment::Column::TenantId.eq(tenant.id))
        .filter(comment::Column::ProcedureId.is_in(ids))
        .filter(
            Condition::any()
                .add(comment::Column::Id.eq(also.unwrap_or_default()))
                .add(
                    comment::Column::Status
                        .is_in([CommentStatus::Pending, CommentStatus::Reported]),
                )
                .add(
                    Condition::all()
                        .add(comment::Column::Status.eq(CommentStatus::Published))
                        .add(comment::Column::ReportCount.gt(0)),
                ),
        )
        .filter(
            comment::Column::Status
                .is_not_in([CommentStatus::Unconfirmed, CommentStatus::Withdrawn]),
        )
        .order_by_asc(comment::Column::CreatedAt)
        .all(db)
        .await?;
    // The comment asked for comes first.
    let mut waiting = waiting;
    waiting.sort_by_key(|c| Some(c.id) != also);
    let comment_ids: Vec<Uuid> = waiting.iter().map(|c| c.id).collect();
    let reports = comment_report::Entity::find()
        .filter(comment_report::Column::CommentId.is_in(comment_ids))
        .filter(comment_report::Column::ResolvedAt.is_null())
        .order_by_asc(comment_report::Column::CreatedAt)
        .all(db)
        .await?;
    let items = waiting
        .into_iter()
        .map(|c| QueueItem {
            id: c.id.to_string(),
            number: c.number,
            procedure_id: c.procedure_id.to_string(),
            procedure_title: procedures
                .iter()
                .find(|p| p.id == c.procedure_id)
                .map(|p| p.title.clone())
                .unwrap_or_default(),
            author: crate::contributions::service::author_name(&c, lang),
            email: c.author_email.clone(),
            status: c.status.label_key().to_string(),
            date: berlin::format(c.created_at, lang),
            body: c.body.clone(),
            version: version(&c),
            reports: reports
                .iter()
                .filter(|r| r.comment_id == c.id)
                .map(|r| ReportView {
                    reason: r.reason.clone(),
                    date: berlin::format(r.created_at, lang),
                })
                .collect(),
        })
        .collect();
    Ok(Queue {
        items,
        reasons: reasons(state, tenant).await?,
    })
}
