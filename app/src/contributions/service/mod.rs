//! The contributions core (server only): what every way the public speaks shares.
//! Consultations' comments use it today; petitions' debates and permits' objections
//! are written on it.
pub mod answers;
pub mod author;
pub mod blocked;
pub mod confirmation;
pub mod moderation;
pub mod numbering;
pub mod receipt;
pub mod replies;
pub mod reports;
pub mod shared_list;
pub mod threads;

use crate::domain::CommentStatus;
use crate::platform::entities::{comment, procedure, tenant};
use crate::platform::sessions::CurrentUser;
use crate::platform::{AppError, Settings};
use crate::procedures::service as procedures;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

/// A comment of this tenant; anything else is "not found".
pub async fn find(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    id: &str,
) -> Result<comment::Model, AppError> {
    let id = procedures::parse_id(id)?;
    comment::Entity::find_by_id(id)
        .filter(comment::Column::TenantId.eq(tenant_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The error of a contribution outside its procedure's phase.
pub fn closed() -> AppError {
    AppError::field("", "error.comment.closed")
}

/// The page a mail points to for a comment.
pub fn comment_url(
    settings: &Settings,
    tenant: &tenant::Model,
    p: &procedure::Model,
    c: &comment::Model,
) -> String {
    format!(
        "{}#beitrag-{}",
        procedures::url(settings, tenant, p),
        c.number
    )
}

/// Whether `user` wrote `c` (with an account).
pub fn is_author(c: &comment::Model, user: &CurrentUser) -> bool {
    c.author_user_id == Some(user.user.id)
}

/// A published comment's counter (supports, reports) one up, counted in the database
/// itself so that two people at the same moment are both counted.
pub async fn count_one_more(
    db: &impl ConnectionTrait,
    id: Uuid,
    counter: comment::Column,
) -> Result<(), AppError> {
    comment::Entity::update_many()
        .col_expr(counter, Expr::col(counter).add(1))
        .filter(comment::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Statuses in which a comment still counts as being shown (or waiting to be).
pub fn is_live(status: CommentStatus) -> bool {
    matches!(status, CommentStatus::Published | CommentStatus::Pending)
}

/// Who is looking at a procedure's contributions, as its forms care.
pub fn viewer(
    user: Option<&CurrentUser>,
    organization_id: Uuid,
) -> crate::contributions::types::Viewer {
    use crate::platform::permissions::Moderator;
    match user {
        Some(u) => crate::contributions::types::Viewer {
            logged_in: true,
            name: u.user.display_name.clone(),
            unverified: u.user.email_verified_at.is_none(),
            moderates: Moderator::require(Some(u.clone()))
                .is_ok_and(|m| m.moderates(organization_id)),
        },
        None => Default::default(),
    }
}

/// The name a comment is shown with: its author's, or "deleted account" in `lang` when
/// the account was deleted (its comments stay, without the name).
pub fn author_name(c: &comment::Model, lang: crate::i18n::Lang) -> String {
    if c.author_name.is_empty() {
        lang.t("comment.author.deleted").to_string()
    } else {
        c.author_name.clone()
    }
}
