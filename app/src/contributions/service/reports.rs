//! Reports: a person with a verified account reports a published comment once, with a
//! reason. When the reports reach the procedure's threshold the comment is hidden until a
//! moderator decides; a comment a moderator has approved stays visible, and later reports
//! put it back in the queue only. Accounts that cost nothing to make (unverified) and
//! blocked addresses cannot report; reports are limited per account and per client.
use super::blocked::is_blocked;
use super::{count_one_more, find};
use crate::contributions::rules::reason;
use crate::domain::CommentStatus;
use crate::platform::entities::{comment, comment_report, tenant};
use crate::platform::rate_limit::{self, Limit};
use crate::platform::sessions::CurrentUser;
use crate::platform::{AppError, AppState, Write};
use crate::procedures::service::visible;
use crate::request::Client;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

/// Reports a person may make in a day.
const REPORTS_PER_ACCOUNT: Limit = Limit {
    name: "report-account",
    max_hits: 20,
    window: chrono::Duration::days(1),
};

/// Reports a comment with a reason, once per account; returns its page's path.
pub async fn report(
    state: &AppState,
    tenant: &tenant::Model,
    user: &CurrentUser,
    client: &Client,
    id: &str,
    why: &str,
) -> Result<String, AppError> {
    let c = find(&state.db, tenant.id, id).await?;
    let p = visible(&state.db, tenant, Some(user), c.procedure_id).await?;
    if !matches!(c.status, CommentStatus::Published | CommentStatus::Reported) {
        return Err(AppError::NotFound);
    }
    let why = reason(why).map_err(|k| AppError::field("reason", k))?;
    if user.user.email_verified_at.is_none() {
        return Err(AppError::field("reason", "error.report.unverified"));
    }
    if is_blocked(&state.db, tenant.id, &user.user.email).await? {
        return Err(AppError::field("reason", "error.report.blocked"));
    }
    let write = Write::begin(state).await?;
    let now = write.now();
    rate_limit::hit(
        &*write,
        now,
        rate_limit::per_ip("report-ip", state.settings.ip_rate_limit),
        &client.ip,
    )
    .await?;
    rate_limit::hit(&*write, now, REPORTS_PER_ACCOUNT, &user.user.id.to_string()).await?;
    let saved = comment_report::ActiveModel {
        id: Set(Uuid::new_v4()),
        comment_id: Set(c.id),
        user_id: Set(user.user.id),
        reason: Set(why),
        created_at: Set(now),
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
        // A moderator's approval stands: reports after it only ask for another look.
        .filter(comment::Column::ModeratedAt.is_null())
        .exec(&*write)
        .await?;
    write.commit().await?;
    Ok(crate::procedures::service::public_path(&p))
}
