//! Reports: anyone with an account reports a published comment once, with a reason.
//! When the reports reach the procedure's threshold the comment is hidden until a
//! moderator decides.
use super::{count_one_more, find};
use crate::contributions::rules::reason;
use crate::domain::CommentStatus;
use crate::platform::entities::{comment, comment_report, tenant};
use crate::platform::sessions::CurrentUser;
use crate::platform::{AppError, AppState, Write};
use crate::procedures::service::visible;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

/// Reports a comment with a reason, once per account; returns its page's path.
pub async fn report(
    state: &AppState,
    tenant: &tenant::Model,
    user: &CurrentUser,
    id: &str,
    why: &str,
) -> Result<String, AppError> {
    let c = find(&state.db, tenant.id, id).await?;
    let p = visible(&state.db, tenant, Some(user), c.procedure_id).await?;
    if !matches!(c.status, CommentStatus::Published | CommentStatus::Reported) {
        return Err(AppError::NotFound);
    }
    let why = reason(why).map_err(|k| AppError::field("reason", k))?;
    let write = Write::begin(state).await?;
    let saved = comment_report::ActiveModel {
        id: Set(Uuid::new_v4()),
        comment_id: Set(c.id),
        user_id: Set(user.user.id),
        reason: Set(why),
        created_at: Set(write.now()),
        resolved_at: Set(None),
    }
    .insert(&*write)
    .await;
    match saved {
        Ok(_) => {}
        Err(e) if crate::platform::error::is_unique_violation(&e) => {
            return Err(AppError::field("reason", "error.report.twice"));
        }
        Err(e) => return Err(e.into()),
    }
    count_one_more(&*write, c.id, comment::Column::ReportCount).await?;
    comment::Entity::update_many()
        .col_expr(
            comment::Column::Status,
            Expr::value(CommentStatus::Reported),
        )
        .filter(comment::Column::Id.eq(c.id))
        .filter(comment::Column::Status.eq(CommentStatus::Published))
        .filter(comment::Column::ReportCount.gte(p.report_threshold))
        .exec(&*write)
        .await?;
    write.commit().await?;
    Ok(crate::procedures::service::public_path(&p))
}
