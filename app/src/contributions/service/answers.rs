//! Official answers: the authority answers a published comment (writing it again
//! replaces it); whoever follows the comment is told.
use super::{comment_url, find};
use crate::domain::text::{clean, excerpt};
use crate::domain::{CommentStatus, Scope};
use crate::platform::entities::{comment, tenant};
use crate::platform::mail::Template;
use crate::platform::permissions::Staff;
use crate::platform::{AppError, AppState, Write, notifications};
use crate::procedures::service::{changeable, organization_name};
use sea_orm::{ActiveModelTrait, Set};
use uuid::Uuid;

pub const ANSWER_MAX: usize = 10_000;

/// Writes the answer; returns the comment's procedure's id.
pub async fn answer(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    id: &str,
    text: &str,
) -> Result<Uuid, AppError> {
    let c = find(&state.db, tenant.id, id).await?;
    // An archived procedure is a closed record: no new answers.
    let m = changeable(&state.db, tenant, staff, c.procedure_id).await?;
    if c.status != CommentStatus::Published {
        return Err(AppError::field("answer", "error.answer.not_published"));
    }
    let text = clean(text);
    if text.is_empty() {
        return Err(AppError::field("answer", "error.answer.missing"));
    }
    if text.chars().count() > ANSWER_MAX {
        return Err(AppError::field("answer", "error.answer.too_long"));
    }
    let write = Write::begin(state).await?;
    let mut active: comment::ActiveModel = c.clone().into();
    active.answer = Set(Some(text.clone()));
    active.answered_by = Set(Some(m.by));
    active.answered_at = Set(Some(write.now()));
    active.update(&*write).await?;
    write
        .record(
            m.audit("comment.answered")
                .on(c.id)
                .detail(excerpt(&text, 200)),
        )
        .await?;
    let p = &m.procedure;
    notifications::publish(
        &*write,
        write.now(),
        tenant.id,
        Template::OfficialAnswer,
        serde_json::json!({
            "procedure_title": p.title,
            "organization": organization_name(&*write, p.organization_id).await?,
            "excerpt": excerpt(&text, 300),
            "url": comment_url(&state.settings, tenant, p, &c),
        }),
        &[Scope::Comment(c.id.to_string()).key()],
    )
    .await?;
    write.commit().await?;
    Ok(p.id)
}
