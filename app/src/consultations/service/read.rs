//! One comment as the reply, report and edit pages show it: published, or one's own
//! while it waits for a moderator.
use crate::consultations::types::CommentContext;
use crate::contributions::service::{author_name, find, is_author, viewer};
use crate::domain::{CommentStatus, berlin};
use crate::i18n::Lang;
use crate::platform::entities::tenant;
use crate::platform::sessions::CurrentUser;
use crate::platform::{AppError, AppState};
use crate::procedures::service::{accepts_contributions, visible};

pub async fn context(
    state: &AppState,
    tenant: &tenant::Model,
    user: Option<&CurrentUser>,
    id: &str,
    lang: Lang,
) -> Result<CommentContext, AppError> {
    let c = find(&state.db, tenant.id, id).await?;
    let p = visible(&state.db, tenant, user, c.procedure_id).await?;
    let mine = user.is_some_and(|u| is_author(&c, u));
    let shown = match c.status {
        CommentStatus::Published => true,
        CommentStatus::Pending => mine,
        _ => false,
    };
    if !shown {
        return Err(AppError::NotFound);
    }
    Ok(CommentContext {
        id: c.id.to_string(),
        number: c.number,
        procedure_id: p.id.to_string(),
        procedure_title: p.title.clone(),
        author: author_name(&c, lang),
        date: berlin::format(c.created_at, lang),
        body: c.body.clone(),
        accepting: accepts_contributions(&state.db, &p, state.now()).await?,
        who_may_comment: p.who_may_comment,
        mine,
        viewer: viewer(user, p.organization_id),
    })
}
