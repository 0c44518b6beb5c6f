//! Supporting a comment: once per verified account, not one's own, while the phase runs.
use crate::contributions::service::blocked::refuse_blocked;
use crate::contributions::service::{closed, count_one_more, find, is_author};
use crate::domain::CommentStatus;
use crate::platform::entities::{comment, comment_support, tenant};
use crate::platform::sessions::CurrentUser;
use crate::platform::{AppError, AppState, Write};
use crate::procedures::service::{accepts_contributions, visible};
use sea_orm::EntityTrait;
use sea_orm::Set;
use sea_orm::sea_query::OnConflict;
use uuid::Uuid;

/// Supports a comment; returns its procedure's id.
pub async fn support(
    state: &AppState,
    tenant: &tenant::Model,
    user: &CurrentUser,
    id: &str,
) -> Result<Uuid, AppError> {
    let c = find(&state.db, tenant.id, id).await?;
    let p = visible(&state.db, tenant, Some(user), c.procedure_id).await?;
    if c.status != CommentStatus::Published {
        return Err(AppError::NotFound);
    }
    if user.user.email_verified_at.is_none() {
        return Err(AppError::field("", "error.comment.verify_first"));
    }
    if !accepts_contributions(&state.db, &p, state.now()).await? {
        return Err(closed());
    }
    if is_author(&c, user) {
        return Err(AppError::field("", "error.support.own"));
    }
    refuse_blocked(&state.db, tenant.id, Some(&user.user.email)).await?;
    let write = Write::begin(state).await?;
    let inserted = comment_support::Entity::insert(comment_support::ActiveModel {
        comment_id: Set(c.id),
        user_id: Set(user.user.id),
        created_at: Set(write.now()),
    })
    .on_conflict(
        OnConflict::columns([
            comment_support::Column::CommentId,
            comment_support::Column::UserId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(&*write)
    .await?;
    if inserted == 0 {
        return Err(AppError::field("", "error.support.twice"));
    }
    count_one_more(&*write, c.id, comment::Column::SupportCount).await?;
    write.commit().await?;
    Ok(p.id)
}
