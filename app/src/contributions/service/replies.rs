//! Threads: the author of a comment who follows it hears of a published reply.
use super::comment_url;
use crate::domain::Scope;
use crate::domain::text::excerpt;
use crate::platform::entities::{comment, procedure, tenant};
use crate::platform::mail::Template;
use crate::platform::{AppError, AppState, notifications};
use sea_orm::{ConnectionTrait, EntityTrait};

/// Tells the author of the replied-to comment (if they follow it) that someone replied.
pub async fn announce_reply(
    db: &impl ConnectionTrait,
    state: &AppState,
    tenant: &tenant::Model,
    p: &procedure::Model,
    reply: &comment::Model,
) -> Result<(), AppError> {
    let Some(parent_id) = reply.parent_id else {
        return Ok(());
    };
    let Some(parent) = comment::Entity::find_by_id(parent_id).one(db).await? else {
        return Ok(());
    };
    let same_author = (parent.author_user_id.is_some()
        && parent.author_user_id == reply.author_user_id)
        || (parent.author_email.is_some() && parent.author_email == reply.author_email);
    if same_author {
        return Ok(());
    }
    notifications::publish(
        db,
        state.now(),
        tenant.id,
        Template::CommentReply,
        serde_json::json!({
            "procedure_title": p.title,
            "author": reply.author_name,
            "excerpt": excerpt(&reply.body, 300),
            "url": comment_url(&state.settings, tenant, p, reply),
        }),
        &[Scope::Comment(parent.id.to_string()).key()],
    )
    .await?;
    Ok(())
}
