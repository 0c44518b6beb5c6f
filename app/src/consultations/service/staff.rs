//! The comments of a procedure as its staff see them: every one (but those still
//! waiting for their author's confirmation), with the author's data.
use crate::consultations::types::{StaffComment, StaffComments};
use crate::contributions::service::author_name;
use crate::domain::{CommentStatus, berlin};
use crate::i18n::Lang;
use crate::platform::entities::{comment, section};
use crate::platform::{AppError, AppState};
use crate::procedures::service::Managed;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

/// All comments of a procedure in the order of their numbers.
pub async fn all_of(
    db: &impl ConnectionTrait,
    procedure_id: Uuid,
) -> Result<Vec<comment::Model>, AppError> {
    Ok(comment::Entity::find()
        .filter(comment::Column::ProcedureId.eq(procedure_id))
        .order_by_asc(comment::Column::Number)
        .all(db)
        .await?)
}

/// "1.2 Geltungsbereich" for the sections of a procedure, by id.
pub async fn section_labels(
    db: &impl ConnectionTrait,
    procedure_id: Uuid,
) -> Result<Vec<(Uuid, String)>, AppError> {
    Ok(section::Entity::find()
        .filter(section::Column::ProcedureId.eq(procedure_id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, format!("{} {}", s.number, s.heading)))
        .collect())
}

pub async fn for_staff(
    state: &AppState,
    m: &Managed,
    lang: Lang,
) -> Result<StaffComments, AppError> {
    let p = &m.procedure;
    let rows = all_of(&state.db, p.id).await?;
    let sections = section_labels(&state.db, p.id).await?;
    let number_of =
        |id: Option<Uuid>| id.and_then(|id| rows.iter().find(|c| c.id == id).map(|c| c.number));
    let comments = rows
        .iter()
        .filter(|c| c.status != CommentStatus::Unconfirmed)
        .map(|c| StaffComment {
            id: c.id.to_string(),
            number: c.number,
            reply_to: number_of(c.parent_id),
            section: c.section_id.and_then(|sid| {
                sections
                    .iter()
                    .find(|(id, _)| *id == sid)
                    .map(|(_, label)| label.clone())
            }),
            author: author_name(c, lang),
            email: c.author_email.clone(),
            has_account: c.author_user_id.is_some(),
            status: c.status.label_key().to_string(),
            date: berlin::format(c.created_at, lang),
            body: c.body.clone(),
            supports: c.support_count,
            reports: c.report_count,
            answer: c.answer.clone(),
        })
        .collect();
    Ok(StaffComments {
        procedure_id: p.id.to_string(),
        procedure_title: p.title.clone(),
        comments,
    })
}
