//! A person's comments, for their data download and the deletion of their account.
use crate::platform::AppError;
use crate::platform::entities::{comment, comment_report, comment_support};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

/// The comments of an account, for the person's data export.
pub async fn of_account(
    db: &impl ConnectionTrait,
    user_id: Uuid,
) -> Result<Vec<serde_json::Value>, AppError> {
    Ok(comment::Entity::find()
        .filter(comment::Column::AuthorUserId.eq(user_id))
        .order_by_asc(comment::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|c| {
            serde_json::json!({
                "procedure_id": c.procedure_id,
                "number": c.number,
                "status": c.status,
                "text": c.body,
                "written_at": c.created_at,
                "edited_at": c.edited_at,
            })
        })
        .collect())
}

/// When an account is deleted its comments stay (they are part of the procedure's
/// record and of other people's threads) but no longer say who wrote them: the name is
/// emptied, and pages and exports show "deleted account" in the reader's language.
pub async fn forget_account(db: &impl ConnectionTrait, user_id: Uuid) -> Result<(), AppError> {
    comment::Entity::update_many()
        .col_expr(comment::Column::AuthorName, Expr::value(""))
        .col_expr(
            comment::Column::AuthorEmail,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            comment::Column::AuthorUserId,
            Expr::value(Option::<Uuid>::None),
        )
        .col_expr(comment::Column::NotifyReplies, Expr::value(false))
        .filter(comment::Column::AuthorUserId.eq(user_id))
        .exec(db)
        .await?;
    // Supports and open reports were the person's own acts: they go, and the counts
    // shown with the comments go down with them. (A moderator's decision resolved the
    // older reports and reset the count; the audit log keeps that decision.)
    let supported = Query::select()
        .column(comment_support::Column::CommentId)
        .from(comment_support::Entity)
        .and_where(comment_support::Column::UserId.eq(user_id))
        .to_owned();
    comment::Entity::update_many()
        .col_expr(
            comment::Column::SupportCount,
            Expr::col(comment::Column::SupportCount).sub(1),
        )
        .filter(comment::Column::Id.in_subquery(supported))
        .exec(db)
        .await?;
    comment_support::Entity::delete_many()
        .filter(comment_support::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    let reported = Query::select()
        .column(comment_report::Column::CommentId)
        .from(comment_report::Entity)
        .and_where(comment_report::Column::UserId.eq(user_id))
        .and_where(comment_report::Column::ResolvedAt.is_null())
        .to_owned();
    comment::Entity::update_many()
        .col_expr(
            comment::Column::ReportCount,
            Expr::col(comment::Column::ReportCount).sub(1),
        )
        .filter(comment::Column::Id.in_subquery(reported))
        .filter(comment::Column::ReportCount.gt(0))
        .exec(db)
        .await?;
    comment_report::Entity::delete_many()
        .filter(comment_report::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}
