//! An author's own comment: changed or taken back while the phase runs.
use crate::consultations::rules::CommentBody;
use crate::contributions::service::{closed, find, is_author, is_live};
use crate::domain::{CommentStatus, Moderation};
use crate::platform::entities::{comment, procedure, tenant};
use crate::platform::sessions::CurrentUser;
use crate::platform::{AppError, AppState, Write};
use crate::procedures::service::{accepts_contributions, find as find_procedure, public_path};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

/// One's own comment, while the phase runs.
async fn own_while_open(
    state: &AppState,
    tenant: &tenant::Model,
    user: &CurrentUser,
    id: &str,
) -> Result<(comment::Model, procedure::Model), AppError> {
    let c = find(&state.db, tenant.id, id).await?;
    if !is_author(&c, user) {
        return Err(AppError::Forbidden);
    }
    if !is_live(c.status) {
        return Err(AppError::field("", "error.comment.not_editable"));
    }
    let p = find_procedure(&state.db, tenant.id, c.procedure_id).await?;
    if !accepts_contributions(&state.db, &p, state.now()).await? {
        return Err(closed());
    }
    Ok((c, p))
}

/// Changes one's own comment while the phase runs. Under moderation before publication
/// the changed text is reviewed again.
pub async fn edit(
    state: &AppState,
    tenant: &tenant::Model,
    user: &CurrentUser,
    id: &str,
    body: &str,
) -> Result<String, AppError> {
    let (c, p) = own_while_open(state, tenant, user, id).await?;
    let body = CommentBody::parse(body).map_err(|k| AppError::field("body", k))?;
    let mut active: comment::ActiveModel = c.into();
    active.body = Set(body.into_inner());
    active.edited_at = Set(Some(state.now()));
    if p.moderation == Moderation::Before {
        active.status = Set(CommentStatus::Pending);
    }
    // Through `Write`, so pages showing the comment are stale at once.
    let write = Write::begin(state).await?;
    active.update(&*write).await?;
    write.commit().await?;
    Ok(public_path(&p))
}

/// Takes one's own comment back while the phase runs.
pub async fn withdraw(
    state: &AppState,
    tenant: &tenant::Model,
    user: &CurrentUser,
    id: &str,
) -> Result<String, AppError> {
    let (c, p) = own_while_open(state, tenant, user, id).await?;
    let write = Write::begin(state).await?;
    comment::Entity::update_many()
        .col_expr(
            comment::Column::Status,
            Expr::value(CommentStatus::Withdrawn),
        )
        .col_expr(comment::Column::EditedAt, Expr::value(Some(state.now())))
        .filter(comment::Column::Id.eq(c.id))
        .exec(&*write)
        .await?;
    write.commit().await?;
    Ok(public_path(&p))
}
